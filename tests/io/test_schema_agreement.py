"""What a document type's JSON Schema accepts, the loader accepts, and the reverse.

Two directions, for every document type:

- documents generated from the schema (hypothesis-jsonschema) load without error, except
  for the rules a JSON Schema cannot express, each named in :data:`LOADER_ONLY` and in the
  schema's ``$comment``; a document refused for any other reason fails the test;
- every document the package's strategies (:mod:`civicgrants.testing`) generate, once
  dumped, validates against its schema.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from civicgrants.errors import DocumentError, Problem
from civicgrants.io import DOCUMENT_TYPES, dumps, loads
from civicgrants.io.schema import LOADER_ONLY_RULES, json_schema
from civicgrants.testing import document_strategy
from tests.io.jsonschema_compat import install

install()

LOADER_ONLY: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "references",
        re.compile(
            r"unknown (criterion|code|parent|stage|locality|region|district|member|application"
            r"|organisation|group|person|indicator|step|project|call|source)\b"
            r"|names no |not one of the |refers to |is not a status; expected one of"
        ),
    ),
    ("uniqueness", re.compile(r"duplicates |is used twice|more than once|listed as a member too")),
    ("sums and totals", re.compile(r"add up|sum of|exceeds|more than the|total")),
    ("order", re.compile(r"before|after|precedes|end .* start|earlier|later")),
    ("check digits", re.compile(r"check digit|registration .* does not match")),
    (
        "other rules across fields of one object",
        re.compile(
            r"applies to|is valued at|must be < 0\.5|at most \d+ days|requires |only when"
            r"| needs (a confirmed|both)"  # a closed project's takeover; hours x rate
        ),
    ),
)
"""Each rule the loader enforces beyond the schema: its name and the messages it gives."""


def test_every_loader_only_rule_is_named_in_the_schemas() -> None:
    named = [name for name, _ in LOADER_ONLY]
    assert len(named) == len(LOADER_ONLY_RULES)
    for name, rule in zip(named, LOADER_ONLY_RULES, strict=True):
        assert rule.startswith(name), (name, rule)
    for document in DOCUMENT_TYPES:
        comment = json_schema(document)["$comment"]
        assert all(rule in comment for rule in LOADER_ONLY_RULES), document


def _loader_only(problem: Problem) -> str | None:
    for name, pattern in LOADER_ONLY:
        if pattern.search(problem.message):
            return name
    return None


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,  # the same documents on every run: CI sees what a local run saw
        suppress_health_check=list(HealthCheck),
    )


def _for_generator(node: Any) -> Any:
    """The schema as hypothesis-jsonschema reads it: draft 7's ``items`` list for ``prefixItems``."""
    if isinstance(node, dict):
        out = {k: _for_generator(v) for k, v in node.items() if k != "$schema"}
        if "prefixItems" in out:
            out["items"] = out.pop("prefixItems")
        return out
    if isinstance(node, list):
        return [_for_generator(v) for v in node]
    return node


def _generated_loads(name: str, data: st.DataObject) -> None:
    schema = _for_generator(json_schema(name))
    document: dict[str, Any] = data.draw(from_schema(schema), label="document")
    try:
        loads(json.dumps(document, ensure_ascii=False))
    except DocumentError as exc:
        unnamed = [p for p in exc.problems if _loader_only(p) is None]
        assert not unnamed, f"the schema accepts what the loader refuses: {unnamed}"
        return  # refused only for rules the schema names as the loader's: the filter


NOT_YET_PROVEN: tuple[str, ...] = (
    "programme",  # generating one from its schema takes minutes
    "call",
    "memorandum",
    "methodology",  # generating one from its schema takes minutes
    "stage",  # generating one from its schema takes about ten seconds an example
    "report",
    "indicator-records",  # non-blank strings checked by the class, not by the field
    "dossier",
    "final-report",
    "agreement",
    "budget",
)
"""Document types whose generated documents are not yet proven to load (issue 15, open)."""
PROVEN = [name for name in DOCUMENT_TYPES if name not in NOT_YET_PROVEN]


@pytest.mark.parametrize("name", PROVEN)
def test_documents_the_schema_accepts_load(name: str) -> None:
    given(st.data())(_settings(3)(lambda data: _generated_loads(name, data)))()


@pytest.mark.slow
@pytest.mark.parametrize("name", PROVEN)
def test_documents_the_schema_accepts_load_at_length(name: str) -> None:
    given(st.data())(_settings(200)(lambda data: _generated_loads(name, data)))()


def _dumped_validates(name: str, data: st.DataObject) -> None:
    cls, _ = DOCUMENT_TYPES[name]
    obj = data.draw(document_strategy(cls), label="object")
    validator = jsonschema.Draft202012Validator(
        json_schema(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [
        f"{list(e.absolute_path)}: {e.message[:200]}"
        for e in validator.iter_errors(json.loads(dumps(obj, redact=False)))
    ]
    assert not errors, errors


@pytest.mark.parametrize("name", list(DOCUMENT_TYPES))
def test_documents_the_strategies_make_validate(name: str) -> None:
    given(st.data())(_settings(10)(lambda data: _dumped_validates(name, data)))()


def test_the_schema_refuses_what_the_loader_refuses() -> None:
    validator = jsonschema.Draft202012Validator(json_schema("application"))
    good = {
        "schema": "civicgrants/application@1",
        "id": "a1",
        "call": "c1",
        "locality": "kuryk",
        "requested": {"amount": "1500000.00", "currency": "KZT"},
    }
    assert not list(validator.iter_errors(good))
    loads(json.dumps(good))
    for amount in (
        {"amount": "5.123", "currency": "KZT"},  # finer than the tiyn
        {"amount": "5.5", "currency": "JPY"},  # the yen has no minor unit
        {"amount": 5.5, "currency": "KZT"},  # a JSON number, not a decimal string
        {"amount": "5.00", "currency": "kzt"},  # not an ISO-4217 code
        {"amount": "5.00", "currency": "XYZ"},  # unknown to ISO-4217
        {"amount": "-5.00", "currency": "KZT"},  # a request is never negative
    ):
        assert list(validator.iter_errors({**good, "requested": amount})), amount
    for amount in ({"amount": "5"}, {"amount": "0.125", "currency": "KWD"}):
        assert not list(validator.iter_errors({**good, "requested": amount})), amount


def test_nullable_fields_are_written_plainly_and_strings_have_no_numeric_keywords() -> None:
    for name in DOCUMENT_TYPES:
        text = json.dumps(json_schema(name))
        assert '"allOf"' not in text, name

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                kinds = node.get("type")
                if kinds == "string" or kinds == ["string", "null"]:
                    assert not {"minimum", "maximum"} & set(node), node
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(json_schema(name))
    group = json_schema("application")["properties"]["group"]
    assert group["type"] == ["string", "null"] and group["pattern"].startswith("^")


def test_every_field_has_a_title_and_most_a_description() -> None:
    for name in DOCUMENT_TYPES:
        schema = json_schema(name)
        objects = [schema, *schema["$defs"].values()]
        fields = [p for o in objects for p in o.get("properties", {}).values()]
        assert all("title" in p for p in fields), name
        described = sum("description" in p for p in fields)
        assert described >= 0.9 * len(fields), (name, described, len(fields))
    application = json_schema("application")["properties"]
    assert application["status"]["default"] == "draft"
    assert application["requested"]["description"] == "The grant asked for (not negative)."


def test_protocols_score_writes_validate_against_the_shipped_schema(tmp_path: Path) -> None:
    import os

    from civicgrants.cli import main
    from civicgrants.io.schema import shipped_schema

    root = Path(__file__).resolve().parents[2]
    validator = jsonschema.Draft202012Validator(shipped_schema("commission-protocol"))
    here = os.getcwd()
    os.chdir(root)
    try:
        for extra in ([], ["--lang", "ru"]):
            target = tmp_path / "protocol.json"
            argv = ["score", "tests/data/scoring/call.json", "tests/data/scoring/scores.csv"]
            main([*argv, *extra, "--protocol", str(target)])
            protocol = json.loads(target.read_text(encoding="utf-8"))
            assert protocol["schema"] == "civicgrants/commission-protocol@1"
            errors = [e.message for e in validator.iter_errors(protocol)]
            assert not errors, errors
    finally:
        os.chdir(here)
    broken = {**protocol, "pot": 5.5}
    assert list(validator.iter_errors(broken))
