"""``civicgrants rollup`` on bad records files (issue 14): one line naming the file, or findings."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from civicgrants.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "indicator,period,actual,numerator,denominator\nshare,2021,5,,\nshare,2021,,1,2\n",
            "row 3 (indicator 'share'): gives a numerator and a denominator, but row 2",
        ),
        ("indicator,period,numerator,denominator\nshare,2021,3,2\n", "must not exceed"),
        ("indicator,period,numerator,denominator\nshare,2021,0,0\n", "must be > 0"),
        ("indicator,period,actual\npeople,2021,-5\n", "actual: must be >= 0"),
        ("indicator,period,actual\npeople,2021," + "9" * 5000 + "\n", "5000 significant digits"),
        ('indicator,period,text\npeople,2021,"cut\n', "row 2 (line 2): a quoted cell is never"),
    ],
)
def test_bad_records_are_one_line_naming_the_file(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "records.csv"
    path.write_text(text, encoding="utf-8")
    status, out, err = run("rollup", str(path))
    assert (status, out) == (2, "")
    assert err.startswith(f"civicgrants: error: {path}: ") and expected in err, err
    assert err.count("\n") == 1


def test_repeated_levels_are_a_usage_error() -> None:
    status, _, err = run("rollup", "--demo", "--by", "stage,stage")
    assert status == 2
    assert err == "civicgrants: error: --by 'stage,stage': level(s) given twice: stage\n"


def test_a_total_of_30_digits_prints(tmp_path: Path) -> None:
    # found by tests/fuzz/test_records.py: the records are read and rolled up, printing fails
    path = tmp_path / "records.csv"
    path.write_text("indicator,period,actual\npeople,2021," + "9" * 30 + "\n", encoding="utf-8")
    status, out, err = run("rollup", str(path))
    assert (status, err) == (0, "") and "9" in out, err
