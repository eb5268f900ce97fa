"""The ``check`` and ``schema`` commands: a notebook gets what the CLI prints."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from civicgrants.dossier import FinalReport, check_final_report
from civicgrants.io import load
from civicgrants.io.documents import Validation, check
from civicgrants.io.render import render
from civicgrants.io.schema import DocumentSchema, DocumentTypes, document_schema, document_types
from tests.cli.golden import COMMANDS, ROOT, run

CHECK = [name for name in COMMANDS if name.startswith("check")]
SCHEMA = [name for name in COMMANDS if name.startswith("schema")]


@pytest.mark.parametrize("name", CHECK)
def test_check_library_call_renders_what_the_cli_prints(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = COMMANDS[name][1]
    monkeypatch.chdir(ROOT)  # the golden commands name files relative to the repository
    result = check(path)
    assert isinstance(result, Validation) and result.path == path
    with tempfile.TemporaryDirectory() as tmp:
        out, _, status = run(name, Path(tmp))
    if result.kind == "final-report":  # a final report's check prints its audit
        audit = check_final_report(load(path, FinalReport), source=path)
        assert render(audit, "text") == out and status == int(audit.has_errors)
        return
    assert render(result, "text") == out and status == 0


@pytest.mark.parametrize("name", SCHEMA)
def test_schema_library_call_renders_what_the_cli_prints(name: str) -> None:
    argv = COMMANDS[name]
    result = document_types() if len(argv) == 1 else document_schema(argv[1])
    assert isinstance(result, (DocumentTypes, DocumentSchema))
    with tempfile.TemporaryDirectory() as tmp:
        out, _, status = run(name, Path(tmp))
    assert render(result, "text") == out and status == 0


def test_json_views_of_check_and_schema() -> None:
    assert render(Validation("a.json", "region", "x"), "json") == (
        '{"path": "a.json", "valid": true, "type": "region", "id": "x"}\n'
    )
    assert render(document_types(), "json").startswith('["programme", "stage"')
    assert render(document_schema("call"), "json") == render(document_schema("call"), "text")
