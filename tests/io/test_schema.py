"""The shipped JSON Schemas are current and accept what dump writes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from civicgrants.datasets import public_spaces
from civicgrants.io import DOCUMENT_TYPES, to_data
from civicgrants.io.schema import OUTPUT_SCHEMAS, json_schema, schema_json, shipped_schema

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", [*DOCUMENT_TYPES, *OUTPUT_SCHEMAS])
def test_shipped_schemas_are_current(name: str) -> None:
    assert shipped_schema(name) == json_schema(name), "run: python -m civicgrants.io.schema --write"
    docs_copy = ROOT / "docs" / "schemas" / f"{name}.schema.json"
    assert docs_copy.read_text(encoding="utf-8") == schema_json(name)


@pytest.mark.parametrize("name", [*DOCUMENT_TYPES, *OUTPUT_SCHEMAS])
def test_schemas_are_valid_draft_2020_12(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema(name))


def test_the_embedded_programme_validates_against_its_schema() -> None:
    data = json.loads(json.dumps(to_data(public_spaces())))
    jsonschema.Draft202012Validator(json_schema("programme")).validate(data)


def test_schema_rejects_what_load_rejects() -> None:
    validator = jsonschema.Draft202012Validator(json_schema("locality"))
    good = {
        "schema": "civicgrants/locality@1",
        "id": "kuryk",
        "names": {"en": "Kuryk"},
        "kind": "village",
        "region": "mangistau",
    }
    assert not list(validator.iter_errors(good))
    for change in (
        {"kind": "hamlet"},
        {"population": "6000"},
        {"id": "a b"},
        {"mayor": "?"},
        {"schema": "civicgrants/region@1"},
    ):
        assert list(validator.iter_errors({**good, **change})), change
