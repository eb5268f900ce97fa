"""What a document type's JSON Schema accepts, the loader accepts, and the reverse.

Two directions, for every document type:

- documents generated from the schema (hypothesis-jsonschema) load without error, except
  for the rules a JSON Schema cannot express, each named in :data:`LOADER_ONLY` and in the
  schema's ``$comment``; a document refused for any other reason fails the test;
- every document the package's strategies (:mod:`civicgrants.testing`) generate, once
  dumped, validates against its schema.
"""

from __future__ import annotations

import datetime as dt
import functools
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
            r"|is not an activity of task|has no row |no definition for "
            r"|only groups have children"
        ),
    ),
    (
        "uniqueness",
        re.compile(
            r"duplicates |is used twice|more than once|is listed as a member too|\brepeats "
            r"|is given twice"
        ),
    ),
    (
        "sums and totals",
        re.compile(r"add up|sum of|exceeds|more than the|total|weights must not all be 0"),
    ),
    (
        "order",
        re.compile(
            r"before|after|precedes|end .* start|earlier|later|sorted in ascending order"
            r"|must be >= (first_week|first_year|low|min_count|min_amount) \(|must be > min \("  # a range's end
            r"|form a cycle"  # a methodology's dependencies (a step after itself, too)
        ),
    ),
    ("check digits", re.compile(r"check digit|registration .* does not match")),
    (
        "other rules across fields of one object",
        re.compile(
            r"applies to|is valued at|must be < 0\.5|at most \d+ days|requires |only when"
            r"| needs (a confirmed|both)"  # a closed project's takeover; hours x rate
            r"|lies outside the \d+-week calendar"  # a methodology's steps within its weeks
            r"|must not overlap"  # a methodology's exclusive steps, by their weeks
            r"|in another currency than "  # an agreement's tranches in the award's currency
            # a call's amounts in its currency: whole minor units, 28 digits with them
            r"|must be a whole number of minor units of |significant digits \(with the minor unit"
            r"|, not neither$|not both or neither"  # a count's value or row; a sub-step's days
            r"|: give both first_week|needs days and at most"  # a sub-step's weeks and hours
            r"|only a range plan has an upper bound"  # a report row's upper bound and its form
            r"|target needs it$|, not both$|only a count of partners has"  # targets; counts
            r"|, the spending is in "  # a final report's finances in the spending's currency
            r"|target cannot name a category|is below the lower bound|must not exceed the pot"
            # an indicator record's kind of value; a target's form and its category
            r"|a percentage gives both|a record gives one kind of value"
            r"|must not exceed the denominator|a target (by category )?(needs|takes|cannot)"
            r"|a range of categories|an ordinal indicator needs"
            r"|must lie on the scale"  # a criterion's threshold within its min and max
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


_DATE_FORMAT = "civicgrants-date"
"""The generator's name for a date the schemas accept: a real day from 1900 to 2199."""
_DATES = st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)).map(dt.date.isoformat)
_MAX_ITEMS = 2
"""The most items the generator puts in a list that may be longer (see `_for_generator`)."""
_MAX_ENUM = 8
_COMMON = frozenset({"KZT", "RUB", "USD", "EUR", "JPY", "KRW", "KWD", "BHD"})
"""The currencies the generator draws from a long list of codes (see `_for_generator`)."""


def _for_generator(node: Any) -> Any:
    """The schema as the generator reads it: the same documents, drawn faster.

    - draft 7's ``items`` list for ``prefixItems`` (hypothesis-jsonschema reads draft 7);
    - a date (``format: date`` and the 1900-2199 pattern) drawn from real days in that
      range, not from every day of the years 1 to 9999 filtered by the pattern (most
      draws rejected: the programme, methodology and stage schemas took minutes);
    - every list at most :data:`_MAX_ITEMS` long (or its ``minItems``), so a programme of
      calls of applications stays small;
    - a long ``enum`` (the ISO-4217 codes of a group of minor digits, hundreds of them, which
      the generator checks one by one at every draw) cut to the common codes it holds
      (:data:`_COMMON`: KZT, the rouble, the dollar, the yen, the dinars …) or its first
      :data:`_MAX_ENUM`.

    Each change only narrows what is drawn, and every drawn document is validated against
    the real schema before it is loaded (`_generated_loads`): the direction "what the
    schema accepts loads" is proven on documents of the real schema.
    """
    if isinstance(node, dict):
        out = {k: _for_generator(v) for k, v in node.items() if k != "$schema"}
        if "prefixItems" in out:
            out["items"] = out.pop("prefixItems")
        if out.get("format") == "date":
            out["format"] = _DATE_FORMAT
        if len(out.get("enum", ())) > _MAX_ENUM:  # the currencies, by their minor digits
            common = [v for v in out["enum"] if v in _COMMON]
            out["enum"] = common or out["enum"][:_MAX_ENUM]
        if out.get("type") in ("array", ["array", "null"]) and isinstance(out.get("items"), dict):
            cap = max(out.get("minItems", 0), _MAX_ITEMS)
            out["maxItems"] = min(out.get("maxItems", cap), cap)
        return out
    if isinstance(node, list):
        return [_for_generator(v) for v in node]
    return node


def _inlined(node: Any, defs: dict[str, Any]) -> Any:
    """``node`` with every ``$ref`` to ``$defs`` replaced by the definition (none recurses)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        out = {k: _inlined(v, defs) for k, v in node.items() if k not in ("$ref", "$defs")}
        if isinstance(ref, str):  # beside a $ref there are only annotations (title, description)
            out.update(_inlined(defs[ref.removeprefix("#/$defs/")], defs))
        return out
    if isinstance(node, list):
        return [_inlined(v, defs) for v in node]
    return node


@functools.cache
def _generator(name: str) -> st.SearchStrategy[Any]:
    schema = _for_generator(json_schema(name))
    schema = _inlined(schema, schema.get("$defs", {}))
    return from_schema(schema, custom_formats={_DATE_FORMAT: _DATES})


@functools.cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        json_schema(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _generated_loads(name: str, data: st.DataObject) -> None:
    document: dict[str, Any] = data.draw(_generator(name), label="document")
    errors = [e.message[:200] for e in _validator(name).iter_errors(document)]
    assert not errors, f"the generator drew a document its schema refuses: {errors}"
    try:
        loads(json.dumps(document, ensure_ascii=False))
    except DocumentError as exc:
        unnamed = [p for p in exc.problems if _loader_only(p) is None]
        assert not unnamed, f"the schema accepts what the loader refuses: {unnamed}"
        return  # refused only for rules the schema names as the loader's: the filter


@pytest.mark.parametrize("name", list(DOCUMENT_TYPES))
def test_documents_the_schema_accepts_load(name: str) -> None:
    given(st.data())(_settings(3)(lambda data: _generated_loads(name, data)))()


@pytest.mark.slow
@pytest.mark.parametrize("name", list(DOCUMENT_TYPES))
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
