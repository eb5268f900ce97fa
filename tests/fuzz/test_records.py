"""Fuzzing the indicator-records readers: mutated records are read or refused, never crash.

Every input is a valid records file after a few mutations (:mod:`tests.fuzz.mutations`):
a byte flipped, the file cut (inside a quoted cell too), special bytes or characters (a
quote, NUL, a lone CR, U+2028, a BOM, lone surrogates), a long run of digits inserted, a
line doubled, dropped or swapped.

* the long CSV reader gets mutations of the embedded programme's figures
  (``dumps_records_csv(programme_records(public_spaces()))``, the file the issue's red team
  cut) and of ``tests/data/cli/records.csv``, as text
  (:func:`~civicgrants.io.indicators_csv.loads_records_csv`) and as the bytes of a file
  (:func:`~civicgrants.io.indicators_csv.read_records`);
* the JSON reader (``read_records`` of a ``*.json`` file, a
  ``civicgrants/indicator-records@1`` document) gets the same records with their definitions,
  with values replaced by hostile ones (:func:`tests.fuzz.mutations.mutated_json`).

Each reader must return records or raise a :class:`~civicgrants.errors.CivicGrantsError`
whose problems are located and print on one line (:func:`tests.fuzz.mutations.total`);
records it returns must then roll up by stage and region and print (as ``civicgrants
rollup`` does) with only such errors too (the text view of totals beyond 28 digits is
left out until ``io/fmt.py`` prints them).

The suite runs a few hundred inputs per test. The long run (10⁵ inputs per reader)::

    CIVICGRANTS_FUZZ_EXAMPLES=100000 python -m pytest tests/fuzz/test_records.py \\
        -p no:cacheprovider --hypothesis-seed=0
"""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from civicgrants.datasets import public_spaces
from civicgrants.indicators import PROGRAMME_INDICATORS, programme_records, rollup_report
from civicgrants.indicators.model import Record
from civicgrants.indicators.records import IndicatorRecords
from civicgrants.io.documents import dumps
from civicgrants.io.indicators_csv import dumps_records_csv, loads_records_csv, read_records
from civicgrants.io.render import render
from tests.fuzz.mutations import (
    FUZZ,
    mutated_bytes,
    mutated_json,
    mutated_text,
    one_of_seeds,
    total,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "cli"
PROGRAMME = programme_records(public_spaces())
SEED_CSV = dumps_records_csv(PROGRAMME)
TEXTS = (SEED_CSV, dumps_records_csv(PROGRAMME, delimiter=";"), (DATA / "records.csv").read_text())
SEED_JSON = json.loads(dumps(IndicatorRecords("programme", PROGRAMME, PROGRAMME_INDICATORS)))
FOLDER = Path(tempfile.mkdtemp(prefix="civicgrants-fuzz-records-"))


def _rolled(records: tuple[Record, ...], definitions: Any = ()) -> None:
    """What ``civicgrants rollup`` does with the records it read."""
    report = total(rollup_report, records, definitions, by="stage,region")
    if report is not None:
        render(report, "json")
        # the text view prints numbers through io.fmt.number, which babel rounds in the
        # default 28-digit context: a total of 29 to 40 digits fails there (see
        # test_rollup_command.py::test_a_total_of_30_digits_prints); it is left out here
        # until io/fmt.py is fixed, so that this test keeps checking the readers
        if all(len(row.value.as_tuple().digits) <= 28 for row in report.rows if _plain(row)):
            render(report, "text")


def _plain(row: Any) -> bool:
    return isinstance(row.value, Decimal)


def _read(path: Path) -> None:
    found = total(read_records, path)
    if found is not None:
        _rolled(*found)


def test_the_seeds_are_valid() -> None:
    for text in TEXTS:
        assert loads_records_csv(text)
    assert loads_records_csv(SEED_CSV) == PROGRAMME


@FUZZ
@given(
    st.one_of(
        one_of_seeds(TEXTS, mutated_text),
        one_of_seeds([t.encode("utf-8") for t in TEXTS], mutated_bytes),
    )
)
def test_the_csv_reader_is_total(data: str | bytes) -> None:
    """Text goes to ``loads_records_csv``, bytes to ``read_records`` through a file."""
    if isinstance(data, str):
        records = total(loads_records_csv, data, source="records.csv")
        if records is not None:
            _rolled(records)
        return
    path = FOLDER / "records.csv"
    path.write_bytes(data)
    _read(path)


@FUZZ
@given(st.one_of(mutated_json(SEED_JSON), mutated_bytes(json.dumps(SEED_JSON).encode())))
def test_the_json_reader_is_total(data: Any) -> None:
    """A ``civicgrants/indicator-records@1`` document with hostile values or damaged bytes."""
    path = FOLDER / "records.json"
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        try:
            path.write_text(json.dumps(data, default=str), encoding="utf-8", errors="surrogatepass")
        except (RecursionError, ValueError):  # too deep to write: nothing to read
            return
    _read(path)
