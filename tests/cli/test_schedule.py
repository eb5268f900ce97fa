"""``civicgrants schedule``: one plan (or a season), printed as the library renders it."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import pathlib
import tempfile
from pathlib import Path

import icalendar
import pytest

from civicgrants.cli import main
from civicgrants.io.render import render
from civicgrants.io.schedule import read_localities, text_gantt
from civicgrants.schedule import Trainer, plan, plan_season, public_spaces_methodology
from tests.cli.golden import COMMANDS
from tests.cli.golden import run as run_golden

STAGE_III = plan(public_spaces_methodology(), dt.date(2021, 2, 1))
LOCALITIES = "tests/data/cli/localities.csv"


def _library(name: str) -> str:
    """What a notebook gets for the golden command ``name``: one call, then ``render``."""
    argv = COMMANDS[name]
    fmt = argv[argv.index("--format") + 1] if "--format" in argv else "text"
    lang = argv[argv.index("--lang") + 1] if "--lang" in argv else "en"
    start = dt.date.fromisoformat(argv[argv.index("--start") + 1])
    methodology = public_spaces_methodology()
    if "--localities" in argv:
        root = pathlib.Path(__file__).resolve().parents[2]
        localities = read_localities(root / LOCALITIES, default_start=start)
        n = int(argv[argv.index("--trainers") + 1]) if "--trainers" in argv else 2
        trainers = [Trainer(f"trainer-{i}") for i in range(1, n + 1)]
        return render(plan_season(methodology, localities, trainers=trainers), fmt, lang=lang)
    delays = [
        (spec.split("=")[0], int(spec.split("=")[1]))
        for flag, spec in itertools.pairwise(argv)
        if flag == "--delay"
    ]
    return render(plan(methodology, start, delays=delays), fmt, lang=lang)


@pytest.mark.parametrize(
    "name",
    [n for n in COMMANDS if n.startswith("schedule") and "ics" not in COMMANDS[n]],
)
def test_the_notebook_gets_what_the_cli_prints(name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out, err, status = run_golden(name, pathlib.Path(tmp))
    assert (status, err) == (0, "")
    assert out == _library(name)


def test_plan_applies_delays_in_order_as_plan_delay_does() -> None:
    m = public_spaces_methodology()
    start = dt.date(2021, 2, 1)
    assert plan(m, start, delays=[("4", 2), ("6", 1)]) == plan(m, start).delay("4", weeks=2).delay(
        "6", weeks=1
    )


def run(*argv: str) -> tuple[int, str, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out=out, err=err), out.getvalue(), err.getvalue()


def test_cli_schedule_json_and_delay() -> None:
    status, out, err = run(
        "schedule", "--start", "2021-02-01", "--format", "json", "--delay", "5=3"
    )
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data["end"] == "2021-11-14"
    assert [s["first_week"] for s in data["steps"]][-3:] == [12, 16, 37]
    assert data["moved"][0]["why"] == "delayed by 3 weeks"


def test_cli_schedule_text_ics_and_errors(tmp_path: Path) -> None:
    status, out, _ = run("schedule", "--start", "2021-02-01")
    assert status == 0 and out == text_gantt(STAGE_III)
    status, out, _ = run("schedule", "--start", "2021-02-01", "--format", "ics")
    assert status == 0 and out.startswith("BEGIN:VCALENDAR")
    status, _, err = run("schedule", "--start", "2021-02-01", "--delay", "9=1")
    assert (
        status == 2
        and err
        == "civicgrants: error: --delay '9=1': unknown step '9'; steps: 1, 2, team, 3, 4, 5, 6, 7\n"
    )
    bad = tmp_path / "m.json"
    bad.write_text(
        '{"schema": "civicgrants/methodology@1", "id": "m", "names": {"en": "m"}, '
        '"weeks": 2, "steps": [{"key": "a", "names": {"en": "a"}, "first_week": 1, '
        '"last_week": 3}]}',
        encoding="utf-8",
    )
    status, _, err = run("schedule", "--start", "2021-02-01", "--methodology", str(bad))
    assert status == 2
    assert (
        err
        == f"civicgrants: error: {bad}: steps[0]: step 'a' (weeks 1–3) lies outside the 2-week calendar\n"
    )
    with pytest.raises(SystemExit) as exc:
        main(["schedule", "--start", "2021-2-1"], err=__import__("io").StringIO())
    assert exc.value.code == 2


def test_cli_season_from_a_localities_csv(tmp_path: Path) -> None:
    csv = tmp_path / "localities.csv"
    csv.write_text(
        "locality,region,start\nkulsary,atyrau,2021-02-01\nborankul,mangistau,\n", encoding="utf-8"
    )
    status, out, err = run(
        "schedule",
        "--start",
        "2021-02-01",
        "--localities",
        str(csv),
        "--trainers",
        "1",
        "--format",
        "json",
    )
    assert (status, err) == (0, "")
    data = json.loads(out)
    by_id = {row["locality"]: row for row in data["localities"]}
    assert by_id["borankul"]["start"] == "2021-02-01"  # empty start: --start is used
    # one trainer: borankul (first by id) keeps week 4, kulsary waits for the trainer
    assert by_id["borankul"]["trainings"][0]["days"] == ["2021-02-22", "2021-02-23"]
    assert by_id["kulsary"]["trainings"][0]["days"] == ["2021-03-01", "2021-03-02"]
    assert data["moved"][0]["what"].startswith("kulsary 3.1")
    assert "busy in borankul" in data["moved"][0]["why"]
    assert {v["region"] for v in data["visits"]} == {"atyrau", "mangistau"}
    status, out, _ = run("schedule", "--start", "2021-02-01", "--localities", str(csv))
    assert status == 0 and out.startswith("Season: 2 localities, 2 trainers")
    status, out, _ = run(
        "schedule", "--start", "2021-02-01", "--localities", str(csv), "--format", "ics"
    )
    assert status == 0 and len(icalendar.Calendar.from_ical(out).walk("VEVENT")) >= 10


def test_cli_season_reports_every_bad_row(tmp_path: Path) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_text(
        "locality,region,start\nkulsary,atyrau,2021-02-30\nbad id,atyrau,\n", encoding="utf-8"
    )
    status, _out, err = run("schedule", "--start", "2021-02-01", "--localities", str(csv))
    assert status == 2
    assert err == (
        f"civicgrants: error: {csv}: row 2.start: must be a date YYYY-MM-DD, got '2021-02-30' "
        "(and 1 more)\n"
    )
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("name,start\nx,2021-01-01\n", encoding="utf-8")
    status, _, err = run("schedule", "--start", "2021-02-01", "--localities", str(nocol))
    assert status == 2 and "header: missing column(s): locality, region" in err


def test_a_missing_extra_is_a_clear_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "icalendar", None)  # as if the ics extra were not installed
    status, _, err = run("schedule", "--start", "2021-02-01", "--format", "ics")
    assert status == 2
    assert err == (
        "civicgrants: error: iCalendar output needs the 'ics' extra: "
        "pip install 'civicgrants[ics]'\n"
    )
