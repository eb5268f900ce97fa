"""Plan outputs: the JSON object, the text Gantt, iCalendar and the SVG picture."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest

from civicgrants.cli import main
from civicgrants.io.schedule import plan_data, save_gantt, text_gantt, to_ics
from civicgrants.schedule import plan, public_spaces

STAGE_III = plan(public_spaces(), dt.date(2021, 2, 1))


def test_json_has_the_documented_keys() -> None:
    data = plan_data(STAGE_III)
    assert {"start", "end", "steps", "holidays", "moved"} <= set(data)
    step = data["steps"][3]
    assert set(step) >= {
        "key",
        "first_week",
        "last_week",
        "start",
        "end",
        "days",
        "critical",
        "slack_weeks",
    }
    assert step["key"] == "3" and step["days"][0] == "2021-02-22" and len(step["days"]) == 5
    assert data["steps"][4]["days"] == []
    assert data["holidays"][0] == {"date": "2021-03-08", "name": "International Women's Day"}
    moved = plan_data(plan(public_spaces(), dt.date(2021, 2, 15)))["moved"][1]
    assert set(moved) == {"what", "from", "to", "why"}


def test_text_gantt_shows_bars_holidays_trainings_and_moves() -> None:
    text = text_gantt(plan(public_spaces(), dt.date(2021, 2, 15)))
    lines = text.splitlines()
    step6 = next(line for line in lines if line.startswith("  6 "))
    assert step6.count("█") == 21
    assert "critical path: 1 → team → 3 → 4 → 5 → 6 → 7" in text
    assert "3.1   Introductory seminar 'Community mobilisation': 9 Mar, 10 Mar, 14 h" in text
    assert "2021-03-08 Mon  week  4  International Women's Day" in text
    assert "why: 2021-03-08 is a public holiday (International Women's Day)" in text
    assert text_gantt(STAGE_III, lang="ru").splitlines()[3].startswith("  1     Построение")


def test_ics_reads_back_as_the_plan() -> None:
    data = to_ics(STAGE_III)
    assert data == to_ics(STAGE_III)
    cal = icalendar.Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    steps = [e for e in events if str(e["uid"]).startswith("public_spaces-2021-02-01-step-")]
    assert len(steps) == 8
    step6 = next(e for e in steps if str(e["uid"]).endswith("step-6@civicgrants"))
    assert step6.decoded("dtstart") == dt.date(2021, 4, 26)
    assert step6.decoded("dtend") == dt.date(2021, 9, 20)  # exclusive end
    training = [e for e in events if "day" in str(e["uid"]).rsplit("-", 1)[-1]]
    assert [e.decoded("dtstart") for e in training] == list(STAGE_III.step("3").days)


def test_svg_picture_is_reproducible(tmp_path: Path) -> None:
    a = save_gantt(STAGE_III, tmp_path / "a.svg").read_bytes()
    b = save_gantt(STAGE_III, tmp_path / "b.svg").read_bytes()
    assert a == b and b"<svg" in a and b"Mini-project implementation" in a
    assert save_gantt(STAGE_III, tmp_path / "a.png").read_bytes()[:4] == b"\x89PNG"
    with pytest.raises(ValueError, match=r"must end in \.svg or \.png"):
        save_gantt(STAGE_III, tmp_path / "a.pdf")


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
