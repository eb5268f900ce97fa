"""``civicgrants budget check|summary``: one library call each, printed as the library renders it."""

from __future__ import annotations

import io as _io
import json
import pathlib
import tempfile
from pathlib import Path

import pytest

from civicgrants.budget import check, summarise
from civicgrants.cli import main
from civicgrants.io.budget_csv import read_budget_csv
from civicgrants.io.render import render
from civicgrants.io.views.budget import check_demo_text
from tests.cli.golden import COMMANDS
from tests.cli.golden import run as run_golden

SEED_CSV = (
    Path(__file__).resolve().parents[2] / "src" / "civicgrants" / "datasets" / "seed_001_budget.csv"
)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = _io.StringIO(), _io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def _library(name: str) -> str:
    """What a notebook gets for the golden command ``name``: one call, then ``render``."""
    argv = COMMANDS[name]
    fmt = argv[argv.index("--format") + 1] if "--format" in argv else "text"
    lang = argv[argv.index("--lang") + 1] if "--lang" in argv else "en"
    file = argv[2]
    budget = read_budget_csv(Path(__file__).resolve().parents[2] / file)
    if argv[1] == "check":
        return render(check(budget, name=file), fmt, lang=lang)
    return render(summarise(budget, name=file), fmt, lang=lang)


@pytest.mark.parametrize("name", [n for n in COMMANDS if n.startswith("budget")])
def test_the_notebook_gets_what_the_cli_prints(name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out, err, status = run_golden(name, pathlib.Path(tmp))
    assert err == ""
    assert status == (1 if COMMANDS[name][1] == "check" else 0)
    assert out == _library(name)


def test_demo_text_lists_the_warnings_and_errors_and_the_totals() -> None:
    text = check_demo_text(check(read_budget_csv(SEED_CSV), participants={"3.5": 240}), "en")
    lines = text.splitlines()
    assert lines[:3] == ["", "=" * 78, "Step of the cycle: budgets"]
    assert lines[3].endswith("(seed 001, 70 rows), audited:")
    assert [line.split()[:3] for line in lines[4:6]] == [
        ["error", "subtotal-mismatch", "3.5"],
        ["warning", "duplicate-line", "3.2.a"],
    ]
    assert lines[6] == "  printed total KZT31,891,320.00; computed KZT32,051,320.00"
    assert len(lines) == 7


def test_participants_must_name_a_row() -> None:
    status, _, err = run("budget", "check", str(SEED_CSV), "--participants", "9=10")
    assert status == 2
    assert err == f"civicgrants: error: {SEED_CSV}: participants: names no row '9'\n"


def test_budget_check_exit_1_with_findings_as_json() -> None:
    status, out, err = run("budget", "check", str(SEED_CSV), "--format", "json")
    assert (status, err) == (1, "")
    data = json.loads(out)
    assert set(data) == {"findings", "totals"}
    first = data["findings"][0]
    assert set(first) == {"code", "severity", "location", "numbers", "message_ru", "message_en"}
    assert (first["code"], first["location"], first["numbers"]["gap"]) == (
        "subtotal-mismatch",
        "3.5",
        "160000.00",
    )
    assert first["numbers"]["suspects"] == ["3.5.h"]
    assert data["totals"] == {"currency": "KZT", "stated": "31891320.00", "computed": "32051320.00"}


def test_budget_check_exit_0_on_a_clean_budget_and_2_on_unreadable(tmp_path: Path) -> None:
    clean = tmp_path / "clean.csv"
    clean.write_text(
        "code;parent;item;quantity;unit_price;declared_total\nA;;Admin;;;1 500,50\n"
        "A.1;A;Bank;3;500,00;1 500,00\nA.2;A;Stamps;1;0,50;0,50\n",
        encoding="utf-8",
    )
    status, out, err = run("budget", "check", str(clean))
    assert (status, err) == (0, "")
    assert "; 0 errors, 0 warnings, 0 info\n" in out
    broken = tmp_path / "broken.csv"
    broken.write_text("code,parent,quantity\nA,,1\nA,,2\nB,Z,1\n", encoding="utf-8")
    status, _, err = run("budget", "check", str(broken))
    assert status == 2
    assert (
        err
        == f"civicgrants: error: {broken}: row 3 (code 'A').code: duplicates row 2 ('A') (and 1 more)\n"
    )


def test_budget_summary_by_section_and_source() -> None:
    status, out, _ = run("budget", "summary", str(SEED_CSV), "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert [(s["code"], s["share"]) for s in data["sections"]] == [
        ("1", "18.60"),
        ("2", "5.41"),
        ("3", "76.00"),
    ]
    assert data["sources"] == [{"source": "grant", "amount": "31891320.00", "share": "100.00"}]
    status, out, _ = run("budget", "summary", str(SEED_CSV))
    assert status == 0 and "18.60 %" in out
