"""Plan outputs: the JSON object, the text Gantt, iCalendar and the SVG picture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from civicgrants.errors import DocumentError
from civicgrants.io.schedule import plan_data, read_localities, save_gantt, text_gantt, to_ics
from civicgrants.schedule import plan, public_spaces_methodology

STAGE_III = plan(public_spaces_methodology(), dt.date(2021, 2, 1))


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
    moved = plan_data(plan(public_spaces_methodology(), dt.date(2021, 2, 15)))["moved"][1]
    assert set(moved) == {"what", "from", "to", "why"}


def test_text_gantt_shows_bars_holidays_trainings_and_moves() -> None:
    text = text_gantt(plan(public_spaces_methodology(), dt.date(2021, 2, 15)))
    lines = text.splitlines()
    step6 = next(line for line in lines if line.startswith("  6 "))
    assert step6.count("█") == 21
    assert "critical path: 6 → 7" in text  # drafting absorbs the spill
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


# --- issue 14: the localities CSV goes through the csv module whole, every error names the file


def _localities(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "localities.csv"
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


HEADER = "locality,region,start\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a U+2028 inside a cell made a phantom locality (str.splitlines split on it)
        (
            "kul\u2028sary,atyrau,2021-02-01\n",
            "row 2.locality: must be an id of letters, digits, '.', '_', ':' or '-', "
            "got 'kul\\u2028sary'",
        ),
        # a row with one cell, an unterminated quote, a vertical tab crashed the reader
        ("kulsary\n", "row 2: has 1 cells, the header has 3"),
        ('"kulsary,atyrau,2021-02-01\n', "row 2 (line 2): a quoted cell is never closed"),
        ("kul\x0bsary,atyrau,2021-02-01\n", "row 2.locality: must be an id"),
        # extra cells were dropped
        ("kulsary,atyrau,2021-02-01,extra\n", "row 2: has 4 cells, the header has 3"),
        # a repeat and a start in 9999 gave errors that named no file
        (
            "kulsary,atyrau,2021-02-01\nkulsary,atyrau,\n",
            "row 3.locality: repeats 'kulsary' of row 2",
        ),
        (
            "kulsary,atyrau,9999-12-01\n",
            "row 2.start: 9999-12-01 is after 2200 (the last_year limit",
        ),
        ("kulsary,atyrau,1812-06-24\n", "row 2.start: 1812-06-24 is before 1900"),
        ("kulsary,atyrau,20210201\n", "row 2.start: must be a date YYYY-MM-DD, got '20210201'"),
        ("kulsary,atyrau,2021-02-30\n", "row 2.start: must be a date YYYY-MM-DD, got '2021-02-30'"),
    ],
)
def test_bad_localities_are_located_errors_naming_the_file(
    tmp_path: Path, body: str, expected: str
) -> None:
    path = _localities(tmp_path, HEADER + body)
    with pytest.raises(DocumentError) as info:
        read_localities(path, default_start=dt.date(2021, 2, 1))
    assert info.value.path == str(path)
    line = info.value.one_line()
    assert line.startswith(f"{path}: {expected}"), line
    assert "\n" not in line


def test_localities_header_problems(tmp_path: Path) -> None:
    for text, expected in [
        ("locality,region,start,note\nk,a,\n", "header: unknown column(s): 'note'"),
        ("locality,region,region\nk,a,b\n", "header: column(s) given twice: region"),
        ("locality,start\nk,\n", "header: missing column(s): region"),
        (HEADER, "no rows: expected a header locality,region,start"),
        ("", "empty file: expected a header row with locality, region and start"),
    ]:
        path = _localities(tmp_path, text)
        with pytest.raises(DocumentError) as info:
            read_localities(path, default_start=dt.date(2021, 2, 1))
        assert info.value.one_line().startswith(f"{path}: {expected}"), text


def test_localities_read_quoted_cells_semicolons_and_a_missing_start_column(
    tmp_path: Path,
) -> None:
    path = _localities(
        tmp_path, '\ufefflocality;region\n"kulsary";atyrau\r\n\r\nbeyneu;"mangistau"\r\n'
    )
    got = read_localities(path, default_start=dt.date(2021, 3, 1))
    assert [(x.locality, x.region, x.start) for x in got] == [
        ("kulsary", "atyrau", dt.date(2021, 3, 1)),
        ("beyneu", "mangistau", dt.date(2021, 3, 1)),
    ]
