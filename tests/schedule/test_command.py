"""``civicgrants schedule``: every option's bad values are one-line errors (issue 14), never exit 70."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.cli import main

LOCALITIES = Path(__file__).resolve().parents[1] / "data" / "cli" / "localities.csv"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):  # argparse's usage errors go to sys.stderr
        try:
            status = main(list(argv), out=out, err=err)
        except SystemExit as exc:
            status = int(exc.code or 0)
    return status, out.getvalue(), err.getvalue()


def test_trainer_ids_that_are_not_ids_are_a_usage_error() -> None:
    # issue 14: --trainers "a b" was an internal error (exit 70)
    status, out, err = run(
        "schedule", "--start", "2021-02-01", "--localities", str(LOCALITIES), "--trainers", "a b"
    )
    assert (status, out) == (2, "")
    assert err == (
        "civicgrants: error: --trainers 'a b': id: must be an id of letters, digits, '.', '_', "
        "':' or '-', got 'a b'\n"
    )


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--trainers", "0", "--trainers '0': give a number of trainers from 1 to 1000"),
        ("--trainers", "99999999999999", "--trainers '99999999999999': give a number of trainers"),
        ("--trainers", "a,,b", "--trainers 'a,,b': give a number or ids separated by commas"),
        ("--trainers", " ", "--trainers ' ': give a number or ids separated by commas"),
        ("--trainers", "١٢", "--trainers '١٢': id: must be an id"),
        ("--trainers", "t1,t1", "--trainers 't1,t1': given twice: t1"),
        ("--travel", "1,2,3", "--travel '1,2,3': give working days as WITHIN or WITHIN,BETWEEN"),
        ("--travel", "-1", "--travel '-1': give working days"),
        ("--travel", "1000", "--travel '1000': give working days"),
        ("--optimal", "0", "--optimal 0.0: give the solver's seconds"),
        ("--optimal", "nan", "--optimal nan: give the solver's seconds"),
    ],
)
def test_bad_trainers(option: str, value: str, expected: str) -> None:
    status, _, err = run(
        "schedule", "--start", "2021-02-01", "--localities", str(LOCALITIES), option, value
    )
    assert status == 2 and err.startswith(f"civicgrants: error: {expected}"), err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--delay", "4=9999"], "--delay '4=9999': 9999 weeks is more than 520 (the weeks limit"),
        (["--delay", "4=" + "9" * 20], "weeks is more than 520"),
        (["--delay", "4=-1"], "--delay '4=-1': write STEP=WEEKS"),
        (["--delay", "nine=1"], "--delay 'nine=1': unknown step 'nine'"),
    ],
)
def test_bad_delays(args: list[str], expected: str) -> None:
    # issue 14: --delay 4=9999 made a plan of 10 037 weeks, ending in 2213
    status, _, err = run("schedule", "--start", "2021-02-01", *args)
    assert status == 2 and expected in err and err.count("\n") == 1, err


@pytest.mark.parametrize("start", ["9999-01-01", "0001-01-01", "2201-01-01"])
def test_a_start_outside_the_years_of_the_limits_is_refused(start: str) -> None:
    status, out, err = run("schedule", "--start", start)
    assert status == 2 and out == ""
    assert start in err and "limit" in err and err.count("\n") == 1
    # a library caller's namespace gets the same check from the command itself
    import argparse

    from civicgrants.cli.schedule import run as schedule
    from civicgrants.errors import CivicGrantsError

    args = argparse.Namespace(
        start=__import__("datetime").date.fromisoformat(start), methodology=None,
        training_3_1_days=2, localities=None, delay=[], format="text", lang="en",
    )  # fmt: skip
    with pytest.raises(CivicGrantsError, match=f"--start {start}: .* limit"):
        schedule(args, io.StringIO())


def test_a_season_that_cannot_be_planned_names_the_localities_file(tmp_path: Path) -> None:
    path = tmp_path / "localities.csv"
    path.write_text("locality,region,start\nkulsary,atyrau,2021-02-01\n", encoding="utf-8")
    methodology = tmp_path / "m.json"
    methodology.write_text(
        '{"schema": "civicgrants/methodology@1", "id": "m", "names": {"en": "m"}, "weeks": 1, '
        '"steps": [{"key": "a", "names": {"en": "a"}, "first_week": 1, "last_week": 1, '
        '"spill": "forbid", "substeps": [{"key": "a.1", "names": {"en": "x"}, "days": 4}, '
        '{"key": "a.2", "names": {"en": "y"}, "days": 2}]}]}',
        encoding="utf-8",
    )
    status, _, err = run(
        "schedule", "--start", "2021-02-01", "--methodology", str(methodology),
        "--localities", str(path),
    )  # fmt: skip
    assert status == 2
    assert err.startswith(f"civicgrants: error: {path}: localities[0] (kulsary), start 2021-02-01")
    assert err.count("\n") == 1


def test_every_other_option_keeps_working() -> None:
    for args in (
        ["--format", "json"],
        ["--format", "ics", "--lang", "kk"],
        ["--training-3-1-days", "1", "--lang", "ru"],
        ["--localities", str(LOCALITIES), "--trainers", "t1,t2", "--format", "ics"],
        ["--localities", str(LOCALITIES), "--trainers", "1000"],
    ):
        status, out, err = run("schedule", "--start", "2021-02-01", *args)
        assert (status, err) == (0, "") and out, args


@settings(max_examples=60, deadline=None)
@given(
    option=st.sampled_from(
        ["--trainers", "--travel", "--optimal", "--delay", "--start", "--training-3-1-days", "--by"]
    ),
    value=st.text(max_size=12) | st.from_regex(r"[0-9a-z]{0,4}=[-0-9]{0,12}", fullmatch=True),
)
def test_no_option_value_is_an_internal_error(option: str, value: str) -> None:
    """Whatever an option holds, ``schedule`` and ``rollup`` exit 0 or 2, never 70."""
    if option == "--by":
        argv = ["rollup", "--demo", "--by", value]
    else:
        argv = ["schedule", "--start", "2021-02-01", "--localities", str(LOCALITIES)]
        if option == "--delay":
            argv = ["schedule", "--start", "2021-02-01"]
        argv = [*argv, option, value] if option != "--start" else ["schedule", option, value]
    status, _, err = run(*argv)
    assert status in (0, 2), (argv, err)
    assert err.count("\n") <= 1


def test_trainers_without_localities_are_refused_not_ignored() -> None:
    from civicgrants.cli import main

    err = io.StringIO()
    argv = ["schedule", "--start", "2021-02-01", "--trainers", "3"]
    assert main(argv, out=io.StringIO(), err=err) == 2
    assert err.getvalue() == (
        "civicgrants: error: --trainers applies to a season: give --localities FILE as well\n"
    )


def test_travel_without_localities_is_refused_not_ignored() -> None:
    status, _, err = run("schedule", "--start", "2021-02-01", "--travel", "1")
    assert (status, err) == (
        2,
        "civicgrants: error: --travel applies to a season: give --localities FILE as well\n",
    )


def test_travel_keeps_a_trainer_s_days_free_between_localities() -> None:
    argv = ["schedule", "--start", "2021-02-01", "--localities", str(LOCALITIES), "--trainers"]
    status, near, _ = run(*argv, "1", "--format", "json")
    status_far, far, _ = run(*argv, "1", "--travel", "2,4", "--format", "json")
    assert status == status_far == 0
    before, after = json.loads(near), json.loads(far)
    assert after["travel"] == {"within": 2, "between": 4, "pairs": []}
    assert before["travel"] == {"within": 0, "between": 0, "pairs": []}
    assert after["end"] > before["end"]


def test_the_optimal_plan_reports_its_gap() -> None:
    argv = ["schedule", "--start", "2021-02-01", "--localities", str(LOCALITIES), "--trainers"]
    status, out, err = run(*argv, "1", "--optimal", "3", "--format", "json")
    assert (status, err) == (0, "")
    bound = json.loads(out)["bound"]
    assert bound["method"] == "optimal" and bound["source"] == "cp-sat"
    assert bound["gap_days"] <= bound["greedy_gap_days"]
    status, text, _ = run(*argv, "1", "--optimal", "3")
    assert status == 0 and "(proven by CP-SAT); optimal plan" in text
    status, _, err = run("schedule", "--start", "2021-02-01", "--optimal")
    assert status == 2 and "--optimal applies to a season" in err
