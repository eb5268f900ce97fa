"""Indicator records in long CSV: reading, located errors, round trips, DataFrames."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

from civicgrants.datasets import public_spaces
from civicgrants.errors import DocumentError, MissingExtra
from civicgrants.indicators.model import LEVELS, Part, Record
from civicgrants.indicators.programme import PROGRAMME_INDICATORS, programme_records
from civicgrants.indicators.rollup import rollup
from civicgrants.io.frames import records_to_frame, rollup_to_frame
from civicgrants.io.indicators_csv import (
    dumps_records_csv,
    loads_records_csv,
    read_records_csv,
)
from civicgrants.model.limits import use_limits

LONG = (
    "period,indicator,region,project,target,actual,unique,by_sex:female,by_sex:male\n"
    "2021,people,atyrau,p1,1 000,\u00a01\u00a0250,,600,650\n"
    "2021,people,atyrau,p2,,12,yes,,\n"
    "\n"
    '2022,spent,mangistau,,,"1 500,50",,,\n'
)


def problems(exc: pytest.ExceptionInfo[DocumentError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_reads_columns_by_name_in_any_order() -> None:
    a, b, c = loads_records_csv(LONG)
    assert a == Record(
        indicator="people",
        period="2021",
        region="atyrau",
        project="p1",
        target=1000,
        actual=1250,
        breakdown=[Part("sex", "female", 600), Part("sex", "male", 650)],
    )
    assert b.unique is True
    assert b.breakdown == ()
    assert c.region == "mangistau"
    assert c.project is None
    assert c.actual == Decimal("1500.50")


def test_semicolons_bom_and_every_column() -> None:
    text = (
        "\ufeffprogramme;stage;region;locality;project;task;activity;indicator;period;"
        "numerator;denominator;category;text;unique\n"
        "ps;I;mangistau;bautino;I-01;t1;a1;share;2019;3;4,5;;Some text, quoted;FALSE\n"
        "ps;I;mangistau;bautino;I-01;t1;a1;mood;2019;;;good;;\n"
    )
    r, mood = loads_records_csv(text)
    assert r.path == ("ps", "I", "mangistau", "bautino", "I-01", None, "t1", "a1")
    assert (r.numerator, r.denominator) == (Decimal(3), Decimal("4.5"))
    assert (r.category, r.text, r.unique) == (None, "Some text, quoted", False)
    assert (mood.category, mood.text, mood.unique) == ("good", None, False)


def test_read_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "records.csv"
    path.write_text(LONG, encoding="utf-8")
    assert read_records_csv(path) == loads_records_csv(LONG)


def test_missing_file_is_a_document_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        read_records_csv(tmp_path / "nope.csv")


def test_every_bad_cell_is_reported_with_its_location() -> None:
    text = (
        "indicator,period,actual,target,unique,by_sex:female\n"
        "people,2021,abc,5,,1\n"
        "people,,3,,maybe,x\n"
        "spent,2021,1,2\n"
        ",2021,1,,,\n"
    )
    with pytest.raises(DocumentError) as exc:
        loads_records_csv(text, source="r.csv")
    assert exc.value.path == "r.csv"
    assert problems(exc) == [
        "row 2 (indicator 'people').actual: cannot parse 'abc': not a number",
        "row 3 (indicator 'people').period: is required",
        "row 3 (indicator 'people').unique: must be true/false, yes/no, 1/0 or empty, got 'maybe'",
        "row 3 (indicator 'people').by_sex:female: cannot parse 'x': not a number",
        "row 4: has 4 cells, the header has 6",
        "row 5 (indicator '').indicator: is required",
    ]


def test_structural_problems_are_reported_together() -> None:
    with pytest.raises(DocumentError) as exc:
        loads_records_csv("actual,colour,by_sex,actual\n1,red,2,3\n")
    got = problems(exc)
    assert got[0] == "header: breakdown column 'by_sex' must read by_<dimension>:<category>"
    assert got[1].startswith("header: unknown column(s) 'colour'; known: programme, stage")
    assert got[2:] == [
        "header: the 'indicator' column is required",
        "header: the 'period' column is required",
        "header: column(s) given twice: actual",
    ]


def test_breakdown_given_twice_and_empty_file() -> None:
    with pytest.raises(DocumentError, match="breakdown column"):
        loads_records_csv("indicator,period,by_sex:f,by_ sex : f\npeople,2021,1,1\n")
    with pytest.raises(DocumentError, match="empty file"):
        loads_records_csv("")


def test_round_trip_is_lossless() -> None:
    records = (
        Record(
            indicator="people",
            period="2021",
            region="atyrau",
            project="p1",
            target=Decimal("10.50"),
            actual=Decimal("3"),
            unique=True,
            breakdown=[Part("sex", "female", 0), Part("age", "18-29", Decimal("1.25"))],
        ),
        Record(indicator="share", period="2021", numerator=1, denominator=3),
        Record(indicator="mood", period="2021", stage="II", category="good"),
        Record(indicator="story", period="2021", text='He said "да", then\nleft; twice'),
        Record(indicator="people", period="2022", breakdown=[Part("sex", "female", 7)]),
    )
    for delimiter in (",", ";"):
        text = dumps_records_csv(records, delimiter=delimiter)
        assert loads_records_csv(text) == records
        assert dumps_records_csv(loads_records_csv(text), delimiter=delimiter) == text


def test_programme_records_round_trip() -> None:
    records = programme_records(public_spaces())
    assert loads_records_csv(dumps_records_csv(records)) == records


def test_writer_uses_only_the_columns_in_use() -> None:
    text = dumps_records_csv([Record(indicator="x", period="2021", task="t", actual=1)])
    assert text == "task,indicator,period,actual\nt,x,2021,1\n"
    assert dumps_records_csv([]) == "indicator,period\n"


def test_writer_refuses_a_repeated_breakdown_cell() -> None:
    r = Record(indicator="x", period="2021", breakdown=[Part("sex", "f", 1), Part("sex", "f", 2)])
    with pytest.raises(ValueError, match=r"records\[0\].breakdown"):
        dumps_records_csv([r])


def test_records_to_frame() -> None:
    pytest.importorskip("pandas")
    records = loads_records_csv(LONG)
    df = records_to_frame(records)
    assert tuple(df.columns[: len(LEVELS)]) == LEVELS
    assert list(df.columns[-2:]) == ["by_sex:female", "by_sex:male"]
    assert len(df) == 3
    assert df.loc[0, "actual"] == Decimal(1250)
    assert isinstance(df.loc[2, "actual"], Decimal)
    assert df.loc[1, "by_sex:female"] is None
    assert df["unique"].tolist() == [False, True, False]


def test_rollup_to_frame() -> None:
    pytest.importorskip("pandas")
    r = rollup(programme_records(public_spaces()), PROGRAMME_INDICATORS, by=())
    df = rollup_to_frame(r).set_index("indicator")
    assert df.loc["projects", "value"] == 87
    assert df.loc["community_contribution", "value"] == Decimal("29591100")
    assert df.loc["community_contribution", "currency"] == "KZT"
    assert df.loc["projects", "currency"] is None
    assert df.loc["beneficiaries", "records"] == 4
    by_stage = rollup_to_frame(rollup(programme_records(public_spaces()), PROGRAMME_INDICATORS))
    assert list(by_stage.columns[:3]) == ["stage", "region", "indicator"]


def test_frames_need_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtra, match=r"pip install 'civicgrants\[frames\]'"):
        records_to_frame([])
    r = rollup([], PROGRAMME_INDICATORS, by=())
    with pytest.raises(MissingExtra) as exc:
        rollup_to_frame(r)
    assert exc.value.extra == "frames"


# --- issue 14: every bad input is a located error, nothing is dropped in silence


def _seed_csv() -> str:
    return dumps_records_csv(programme_records(public_spaces()))


def test_seed_records_cut_inside_a_quote_are_an_error_not_fewer_rows() -> None:
    # issue 14: the seed records cut inside a quoted cell read as 49 projects instead of 87
    text = _seed_csv()
    cut = text.index('"') + 40  # inside the first quoted text cell
    with pytest.raises(DocumentError) as exc:
        loads_records_csv(text[:cut], source="cut.csv")
    (problem,) = problems(exc)
    assert problem.startswith("row 7 (line 7): a quoted cell is never closed: its opening quote")
    assert exc.value.one_line().startswith("cut.csv: row 7 (line 7): a quoted cell is never closed")
    # every cut inside a quote is refused; the whole file reads back whole
    inside = [i for i in range(len(text)) if text[: i + 1].count('"') % 2 == 1]
    for i in inside[::25]:
        with pytest.raises(DocumentError, match="never closed"):
            loads_records_csv(text[: i + 1])
    assert loads_records_csv(text) == programme_records(public_spaces())


def test_text_after_a_closing_quote_is_an_error() -> None:
    with pytest.raises(DocumentError) as exc:
        loads_records_csv('indicator,period,text\nstory,2021,"said"so\n')
    assert problems(exc) == [
        "row 2 (line 2): malformed quoting (',' expected after '\"'): a quoted cell must end at "
        "its closing quote; write a quote inside a quoted cell as '\"\"'"
    ]


def test_an_indicator_given_two_ways_is_an_error() -> None:
    # issue 14: once with actual and once with numerator/denominator kept one record
    with pytest.raises(DocumentError) as exc:
        loads_records_csv(
            "indicator,period,actual,numerator,denominator\nshare,2021,5,,\nshare,2021,,1,2\n"
        )
    assert problems(exc) == [
        "row 3 (indicator 'share'): gives a numerator and a denominator, but row 2 gives this "
        "indicator an actual or a target: an indicator is reported one way, so one of them "
        "would not be rolled up"
    ]
    with pytest.raises(DocumentError, match=r"row 2 \(indicator 'share'\): numerator: a record"):
        loads_records_csv("indicator,period,actual,numerator,denominator\nshare,2021,5,1,2\n")
    with pytest.raises(DocumentError, match=r"row 3 \(indicator 'mood'\): gives only a text"):
        loads_records_csv("indicator,period,category,text\nmood,2021,good,\nmood,2021,,fine\n")


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            "3,2",
            "row 2 (indicator 'share'): numerator: must not exceed the denominator (2), got 3: "
            "the numerator counts a part of the denominator",
        ),
        (
            "0,0",
            "row 2 (indicator 'share'): denominator: must be > 0 (a percentage of nothing "
            "is undefined)",
        ),
        (
            "1,",
            "row 2 (indicator 'share'): denominator: a percentage gives both numerator and "
            "denominator; only the numerator is given",
        ),
        (
            "-1,2",
            "row 2 (indicator 'share').numerator: must be >= 0 (a count, an amount or a "
            "part of one), got '-1'",
        ),
    ],
)
def test_impossible_percentages_are_refused(cells: str, expected: str) -> None:
    # issue 14: a numerator above its denominator and a denominator of 0 were accepted
    with pytest.raises(DocumentError) as exc:
        loads_records_csv(f"indicator,period,numerator,denominator\nshare,2021,{cells}\n")
    assert problems(exc) == [expected]


def test_negative_counts_and_parts_are_refused() -> None:
    # issue 14: a negative count was accepted
    with pytest.raises(DocumentError) as exc:
        loads_records_csv("indicator,period,actual,by_sex:f\npeople,2021,-5,-1\n")
    assert problems(exc) == [
        "row 2 (indicator 'people').actual: must be >= 0 (a count, an amount or a part of one), "
        "got '-5'",
        "row 2 (indicator 'people').by_sex:f: must be >= 0 (a count, an amount or a part of "
        "one), got '-1'",
    ]


def test_a_5000_digit_actual_is_a_located_error() -> None:
    # issue 14: a 5000-digit actual raised decimal.Inexact in the roll-up
    with pytest.raises(DocumentError) as exc:
        loads_records_csv("indicator,period,actual\npeople,2021," + "9" * 5000 + "\n")
    assert problems(exc) == [
        "row 2 (indicator 'people').actual: 5000 significant digits, more than 40 (the digits "
        "limit; raise it with use_limits(digits=...))"
    ]
    with pytest.raises(DocumentError, match=r"too small: 1E-35 is below 10\*\*-30"):
        loads_records_csv("indicator,period,actual\npeople,2021,0." + "0" * 34 + "1\n")
    with use_limits(digits=6000, exponent=6000):
        (record,) = loads_records_csv("indicator,period,actual\npeople,2021," + "9" * 5000 + "\n")
    assert record.actual == Decimal("9" * 5000)


def test_a_row_with_no_value_is_refused() -> None:
    with pytest.raises(DocumentError) as exc:
        loads_records_csv("indicator,period,actual\npeople,2021,\n")
    assert problems(exc) == [
        "row 2 (indicator 'people'): gives no value: fill actual or target, numerator and "
        "denominator, category or text"
    ]


def test_a_table_beyond_the_cells_limit_is_refused() -> None:
    text = "indicator,period,actual\n" + "people,2021,1\n" * 10
    with use_limits(cells=20), pytest.raises(DocumentError) as exc:
        loads_records_csv(text)
    assert problems(exc) == [
        "row 7 (line 7): more than 20 cells (the cells limit; raise it with --limit cells=N or "
        "use_limits(cells=N))"
    ]
    assert len(loads_records_csv(text)) == 10


def test_a_line_break_or_u2028_inside_a_quoted_cell_stays_in_it() -> None:
    text = 'indicator,period,text\nstory,2021,"one\u2028two\nthree"\nstory,2022,four\n'
    a, b = loads_records_csv(text)
    assert a.text == "one\u2028two\nthree" and b.period == "2022"
