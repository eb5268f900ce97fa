"""Fuzz the JSON document reader: mutated shipped documents in, a document or a DocumentError out.

The seeds are the JSON documents the project ships (``src/civicgrants/datasets/*.json``),
the JSON under ``tests/data``, and one document of each kind the example round writes
(a programme, a call, applications, agreements, memoranda, final reports, the round's
manifest). Each test runs ``CIVICGRANTS_FUZZ_EXAMPLES`` examples (200 by default)::

    CIVICGRANTS_FUZZ_EXAMPLES=100000 python -m pytest -p no:cacheprovider \\
        --hypothesis-seed=0 tests/fuzz/test_documents.py
"""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicgrants.io.documents import DOCUMENT_TYPES, from_data, load, loads, parse_json
from tests.fuzz.mutations import (
    FUZZ,
    mutated_bytes,
    mutated_json,
    mutated_text,
    one_of_seeds,
    tolerate,
    total,
)

# Reported to the owner of io/documents.py (issue 14); see tolerate() for what this does.
tolerate(
    ValueError,
    "for integer string conversion",
    "io/documents.py _resolve: int() of a schema version of 4301 digits or more",
)
tolerate(
    RecursionError,
    "while getting the repr of an object",
    "io/documents.py _resolve: {tag!r} of a 'schema' nested 2000 lists deep (from_data)",
)

ROOT = Path(__file__).resolve().parents[2]


def _example_round_documents() -> list[bytes]:
    """One file of each kind from the example round, as ``civicgrants round init`` writes it."""
    from civicgrants.datasets.example_round import example_round
    from civicgrants.io.workspace import dump_round

    chosen: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as folder:
        dump_round(example_round(), folder)
        for path in sorted(Path(folder).rglob("*.json")):
            kind = path.parent.name if path.parent != Path(folder) else path.stem
            chosen.setdefault(kind, path.read_bytes())
    return list(chosen.values())


def _seeds() -> list[bytes]:
    files = sorted((ROOT / "src" / "civicgrants" / "datasets").glob("*.json"))
    files += sorted((ROOT / "tests" / "data").rglob("*.json"))
    found = {path.read_bytes() for path in files}
    found.update(_example_round_documents())
    return sorted(found, key=lambda data: (len(data), data))


def _weighted(seeds: list[bytes]) -> list[bytes]:
    """Each seed under 20 kB three times, each larger one once.

    A large document (a programme, a dossier, a final report: 60-100 kB) costs some 30 times
    a small one to build; drawn a third as often, it still gets a tenth of the inputs, and a
    long run takes hours rather than a day.
    """
    return [seed for seed in seeds for _ in range(3 if len(seed) < 20_000 else 1)]


SEEDS = _weighted(_seeds())
TEXTS = [seed.decode("utf-8") for seed in SEEDS]
VALUES = [parse_json(text) for text in TEXTS]
TYPES = [None, *(cls for cls, _ in DOCUMENT_TYPES.values())]


def test_the_seeds_are_documents() -> None:
    assert len(set(SEEDS)) >= 8
    kinds = {value.get("schema") for value in VALUES if isinstance(value, dict)}
    assert {"civicgrants/programme@1", "civicgrants/call@1", "civicgrants/agreement@1"} <= kinds


@pytest.fixture(scope="module")
def folder() -> Any:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@FUZZ
@given(data=one_of_seeds(SEEDS, mutated_bytes), expect=st.sampled_from(TYPES))
def test_load_is_total_on_mutated_files(folder: Path, data: bytes, expect: type | None) -> None:
    path = folder / "document.json"
    path.write_bytes(data)
    total(load, path, expect)


@FUZZ
@given(text=one_of_seeds(TEXTS, mutated_text), allow_unknown=st.booleans())
def test_loads_is_total_on_mutated_text(text: str, allow_unknown: bool) -> None:
    total(loads, text, allow_unknown=allow_unknown, source="fuzz.json")


@FUZZ
@given(value=one_of_seeds(VALUES, mutated_json), allow_unknown=st.booleans())
def test_loads_is_total_on_mutated_values(value: Any, allow_unknown: bool) -> None:
    """Values replaced inside valid documents, read as JSON text (built directly when deeper
    than JSON text can be written here: the parser's own depth is fuzzed above)."""
    try:
        text = to_json(value)
    except RecursionError:
        total(from_data, value, allow_unknown=allow_unknown, source="fuzz.json")
        return
    total(loads, text, allow_unknown=allow_unknown, source="fuzz.json")


def to_json(value: Any) -> str:
    """JSON text of a parsed value, a Decimal written with its exact digits (``1E+400``)."""
    if isinstance(value, dict):
        items = (f"{json.dumps(k)}: {to_json(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(to_json(v) for v in value) + "]"
    if isinstance(value, Decimal):
        return str(value) if value.is_finite() else json.dumps(str(value))
    return json.dumps(value)
