"""The state-grant calendar plan: the month grid, its findings, and dates both ways."""

from __future__ import annotations

import calendar
import datetime as dt
import inspect
import itertools
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.datasets import seed_001_calendar
from civicgrants.datasets.seed_001_calendar import calendar_plan
from civicgrants.errors import ScheduleError
from civicgrants.model import Finding, Names, Severity
from civicgrants.model.limits import use_limits
from civicgrants.schedule.grid import (
    DatedActivity,
    GridActivity,
    MonthGrid,
    check_grid,
    from_dated,
    project_month,
    to_dated,
)

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "001_69603f7af7611f5d.txt"
D = dt.date


def _rows(findings: tuple[Finding, ...]) -> list[tuple[str, Severity, str, dict[str, Any]]]:
    return [(f.code, f.severity, f.location, dict(f.numbers)) for f in findings]


def _act(key: str, months: tuple[int, ...], block: str | None = "3.1") -> GridActivity:
    return GridActivity(key, Names(ru=f"Мероприятие {key}", en=f"Activity {key}"), months, block)


# --------------------------------------------------------------------------- the seed grid


def test_seed_grid_matches_the_table() -> None:
    g = calendar_plan()
    assert g.months == 9
    assert [(a.key, a.months, a.budget_block) for a in g.activities] == [
        ("1", (1, 2), "3.1"),
        ("2", (1, 2), "3.2"),
        ("3", (3, 4, 5, 6, 7), "3.3"),
        ("4", (8, 9), None),
        ("5", (3, 4, 5), None),
        ("6", (6, 7, 8), "3.4"),
        ("7", (1, 2, 3), "3.5"),
        ("8", (2, 3, 4, 5), "3.6"),
        ("9", (8, 9), None),
    ]
    assert g.activity("3").names == Names(
        ru="Организация конкурса малых грантов и реализация проектов",
        en="Small-grant contest and project implementation",
    )
    assert g.activity("9").names.en == "SMM promotion of results"
    assert all(a.names.ru and a.names.en and a.names.kk is None for a in g.activities)


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed text is not available")
def test_seed_grid_matches_the_source_marks() -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    begin = next(i for i, line in enumerate(lines) if "Календарный план" in line)
    end = next(i for i, line in enumerate(lines) if i > begin and line.startswith("8. Риски"))
    marks = [
        tuple(j + 1 for j, cell in enumerate(line.split(" ")) if cell == "+")
        for line in lines[begin:end]
        if line.strip() and set(line.strip()) <= {"+", " "}
    ]
    assert marks == [a.months for a in calendar_plan().activities]


def test_seed_grid_findings_exactly() -> None:
    findings = check_grid(calendar_plan())
    assert _rows(findings) == [
        ("unbudgeted-activity", Severity.WARNING, "activities[3] (key 4)", {"activity": "4"}),
        ("unbudgeted-activity", Severity.WARNING, "activities[4] (key 5)", {"activity": "5"}),
        ("unbudgeted-activity", Severity.WARNING, "activities[8] (key 9)", {"activity": "9"}),
    ]
    assert not [f for f in findings if f.severity is Severity.ERROR]
    assert findings[0].message_en == "activity 4 (Monitoring of small grants) has no budget block"
    assert findings[0].message_ru == (
        "Мероприятие 4 «Осуществление мониторинга малых грантов» "
        "не связано ни с одним блоком бюджета"
    )


def test_seed_grid_against_its_budget_blocks() -> None:
    blocks = ("3.1", "3.2", "3.3", "3.4", "3.5", "3.6")
    assert check_grid(calendar_plan(), budget_blocks=blocks) == check_grid(calendar_plan())
    extra = check_grid(calendar_plan(), budget_blocks=(*blocks[1:], "3.7"))
    assert _rows(extra)[0] == (
        "unknown-budget-block",
        Severity.ERROR,
        "activities[0] (key 1)",
        {"activity": "1", "budget_block": "3.1"},
    )
    assert _rows(extra)[-1] == (
        "unscheduled-budget-block",
        Severity.WARNING,
        "budget block 3.7",
        {"budget_block": "3.7"},
    )


def test_seed_dataset_holds_no_personal_data() -> None:
    source = inspect.getsource(seed_001_calendar)
    assert "@" not in source
    assert not re.search(r"\d[\d ()/-]{8,}\d", source)  # nothing shaped like a phone number


# --------------------------------------------------------------------------- findings


def test_bad_grid_gives_error_findings() -> None:
    g = MonthGrid(
        6,
        (
            _act("a", (1, 2)),
            _act("b", ()),
            _act("c", (5, 7, 8), block=None),
            _act("d", (1, 3)),
        ),
    )
    assert _rows(check_grid(g)) == [
        ("activity-without-month", Severity.ERROR, "activities[1] (key b)", {"activity": "b"}),
        (
            "activity-outside-project",
            Severity.ERROR,
            "activities[2] (key c)",
            {"activity": "c", "outside": (7, 8), "project_months": 6},
        ),
        (
            "activity-with-gap",
            Severity.INFO,
            "activities[2] (key c)",
            {"activity": "c", "gap": (6,), "ranges": 2},
        ),
        ("unbudgeted-activity", Severity.WARNING, "activities[2] (key c)", {"activity": "c"}),
        (
            "activity-with-gap",
            Severity.INFO,
            "activities[3] (key d)",
            {"activity": "d", "gap": (2,), "ranges": 2},
        ),
        ("idle-month", Severity.INFO, "month 4", {"month": 4, "project_months": 6}),
        ("idle-month", Severity.INFO, "month 6", {"month": 6, "project_months": 6}),
    ]
    for f in check_grid(g):
        assert f.message_ru.strip() and f.message_en.strip()
    outside = check_grid(g)[1]
    assert (
        outside.message_en
        == "activity c (Activity c) is marked in month 7, 8, outside the project's 6 months"
    )


def test_clean_grid_gives_no_findings() -> None:
    assert check_grid(MonthGrid(2, (_act("a", (1,)), _act("b", (2,))))) == ()


@pytest.mark.parametrize(
    ("months", "message"),
    [
        ((2, 1), "months: must be sorted in ascending order, got (2, 1)"),
        ((1, 1), "months[1]: duplicates months[0] (1)"),
        ((0, 1), "months[0]: must be >= 1 (months count from 1), got 0"),
        ((1, True), "months[1]: must be int, got True"),
        ((1, "2"), "months[1]: must be int, got '2'"),
    ],
)
def test_grid_activity_rejects_bad_months(months: tuple[Any, ...], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        GridActivity("a", Names(en="A"), months)


def test_grid_shape_is_validated() -> None:
    assert GridActivity("a", Names(en="A"), [1, 2]).months == (1, 2)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"activities\[1\]: duplicates activities\[0\]"):
        MonthGrid(3, (_act("a", (1,)), _act("a", (2,))))
    with pytest.raises(ValueError, match="activities: must not be empty"):
        MonthGrid(3, ())
    with pytest.raises(ValueError, match="months: must be >= 1, got 0"):
        MonthGrid(0, (_act("a", (1,)),))
    with pytest.raises(ValueError, match="budget_block"):
        _act("a", (1,), block="3 1")
    with pytest.raises(KeyError, match="unknown activity 'z'; activities: a"):
        MonthGrid(1, (_act("a", (1,)),)).activity("z")


# --------------------------------------------------------------------------- to_dated examples


def test_project_months_from_the_first() -> None:
    assert project_month(D(2021, 2, 1), 1) == (D(2021, 2, 1), D(2021, 2, 28))
    assert project_month(D(2021, 2, 1), 9) == (D(2021, 10, 1), D(2021, 10, 31))


def test_seed_on_dates_from_2021_02_01() -> None:
    dated = {d.key: (d.start, d.end) for d in to_dated(calendar_plan(), D(2021, 2, 1))}
    assert dated == {
        "1": (D(2021, 2, 1), D(2021, 3, 31)),
        "2": (D(2021, 2, 1), D(2021, 3, 31)),
        "3": (D(2021, 4, 1), D(2021, 8, 31)),
        "4": (D(2021, 9, 1), D(2021, 10, 31)),
        "5": (D(2021, 4, 1), D(2021, 6, 30)),
        "6": (D(2021, 7, 1), D(2021, 9, 30)),
        "7": (D(2021, 2, 1), D(2021, 4, 30)),
        "8": (D(2021, 3, 1), D(2021, 6, 30)),
        "9": (D(2021, 9, 1), D(2021, 10, 31)),
    }
    first = to_dated(calendar_plan(), D(2021, 2, 1))[0]
    assert first.names == calendar_plan().activities[0].names
    assert first.budget_block == "3.1"


def test_start_on_the_31st_does_not_drift() -> None:
    s = D(2021, 1, 31)
    assert [project_month(s, m) for m in range(1, 5)] == [
        (D(2021, 1, 31), D(2021, 2, 27)),
        (D(2021, 2, 28), D(2021, 3, 30)),
        (D(2021, 3, 31), D(2021, 4, 29)),
        (D(2021, 4, 30), D(2021, 5, 30)),
    ]
    assert project_month(s, 9) == (D(2021, 9, 30), D(2021, 10, 30))
    dated = {d.key: (d.start, d.end) for d in to_dated(calendar_plan(), s)}
    assert dated["1"] == (D(2021, 1, 31), D(2021, 3, 30))
    assert dated["4"] == (D(2021, 8, 31), D(2021, 10, 30))
    assert project_month(D(2024, 1, 31), 2) == (D(2024, 2, 29), D(2024, 3, 30))  # leap year


def test_split_activity_gives_one_range_per_run() -> None:
    g = MonthGrid(6, (_act("x", (1, 2, 4, 6)),))
    assert [(d.start, d.end) for d in to_dated(g, D(2021, 2, 1))] == [
        (D(2021, 2, 1), D(2021, 3, 31)),
        (D(2021, 5, 1), D(2021, 5, 31)),
        (D(2021, 7, 1), D(2021, 7, 31)),
    ]
    assert to_dated(MonthGrid(3, (_act("x", ()), _act("y", (3,)))), D(2021, 2, 1)) == (
        DatedActivity(
            "y", D(2021, 4, 1), D(2021, 4, 30), Names(ru="Мероприятие y", en="Activity y"), "3.1"
        ),
    )


def test_dates_are_plain_dates() -> None:
    with pytest.raises(TypeError, match="start: must be a date"):
        to_dated(calendar_plan(), dt.datetime(2021, 2, 1))
    with pytest.raises(ValueError, match="month: must be a whole number >= 1, got 0"):
        project_month(D(2021, 2, 1), 0)
    with pytest.raises(
        ValueError, match=r"end: must be on or after start \(2021-02-02\), got 2021-02-01"
    ):
        DatedActivity("a", D(2021, 2, 2), D(2021, 2, 1))
    with pytest.raises(ValueError, match="start: must be a date without a time"):
        DatedActivity("a", dt.datetime(2021, 2, 2), D(2021, 2, 3))


# --------------------------------------------------------------------------- from_dated examples


def test_from_dated_marks_every_month_touched() -> None:
    s = D(2021, 2, 1)
    g = from_dated(
        [
            DatedActivity("a", D(2021, 2, 28), D(2021, 3, 1)),  # two days, two months
            DatedActivity("b", D(2021, 5, 1), D(2021, 5, 31), budget_block="3.2"),
            DatedActivity("a", D(2021, 6, 15), D(2021, 6, 15)),
        ],
        s,
    )
    assert g == MonthGrid(
        5,
        (
            GridActivity("a", Names(en="a"), (1, 2, 5)),
            GridActivity("b", Names(en="b"), (4,), "3.2"),
        ),
    )


def test_from_dated_with_fewer_months_leaves_the_rest_to_the_check() -> None:
    dated = to_dated(calendar_plan(), D(2021, 2, 1))
    g = from_dated(dated, D(2021, 2, 1), months=8)
    assert g.months == 8 and g.activity("4").months == (8, 9)
    errors = [f for f in check_grid(g) if f.severity is Severity.ERROR]
    assert [(f.code, f.location) for f in errors] == [
        ("activity-outside-project", "activities[3] (key 4)"),
        ("activity-outside-project", "activities[8] (key 9)"),
    ]


def test_from_dated_refuses_what_the_grid_cannot_hold() -> None:
    s = D(2021, 2, 1)
    with pytest.raises(ScheduleError) as caught:
        from_dated(
            [
                DatedActivity("a", D(2021, 1, 20), D(2021, 2, 5)),
                DatedActivity("b", D(2021, 2, 1), D(2021, 2, 5), budget_block="3.1"),
                DatedActivity("b", D(2021, 3, 1), D(2021, 3, 5), budget_block="3.2"),
            ],
            s,
        )
    assert [p.path for p in caught.value.problems] == [
        "activities[0].start",
        "activities[2].budget_block",
    ]
    assert "before the project's start 2021-02-01" in str(caught.value)
    with pytest.raises(ValueError, match="at least one dated activity"):
        from_dated([], s)


# --------------------------------------------------------------------------- properties


def _day_in(year: int, month: int, day: int) -> dt.date:
    return D(year, month, min(day, calendar.monthrange(year, month)[1]))


starts = st.one_of(
    st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)),
    st.builds(_day_in, st.integers(1990, 2100), st.integers(1, 12), st.integers(28, 31)),
)


@st.composite
def grids(draw: st.DrawFn, *, beyond: int = 0, allow_empty: bool = True) -> MonthGrid:
    """Grids of 1..24 months; rows may be marked up to ``beyond`` months past the end."""
    n = draw(st.integers(1, 24))
    size = draw(st.integers(1, 6))
    rows = []
    for i in range(size):
        months = draw(st.sets(st.integers(1, n + beyond), min_size=0 if allow_empty else 1))
        block = draw(st.none() | st.sampled_from(["3.1", "3.2", "3.3"]))
        rows.append(GridActivity(f"k{i}", Names(en=f"Activity {i}"), tuple(sorted(months)), block))
    return MonthGrid(n, tuple(rows), note=draw(st.none() | st.just("a note")))


@settings(max_examples=100, deadline=None)
@given(grids(beyond=3), starts)
def test_round_trip_grid_dated_grid(g: MonthGrid, s: dt.date) -> None:
    """What exactly holds: the grid comes back without its note and its rows with no month.

    Gaps and months past the end survive: split rows merge back by key, and
    months beyond ``g.months`` stay marked. Without ``months`` the length is
    the last month marked.
    """
    marked = tuple(a for a in g.activities if a.months)
    dated = to_dated(g, s)
    if not marked:
        assert dated == ()
        return
    expected = attrs.evolve(g, activities=marked, note=None)
    assert from_dated(dated, s, g.months) == expected
    last = max(m for a in marked for m in a.months)
    assert from_dated(dated, s) == attrs.evolve(expected, months=last)


@settings(max_examples=100, deadline=None)
@given(grids(allow_empty=False), starts)
def test_dated_ranges_lie_within_the_project(g: MonthGrid, s: dt.date) -> None:
    assert not [f for f in check_grid(g) if f.severity is Severity.ERROR]
    first_day, last_day = project_month(s, 1)[0], project_month(s, g.months)[1]
    dated = to_dated(g, s)
    for d in dated:
        assert first_day <= d.start <= d.end <= last_day
    for a in g.activities:
        mine = [d for d in dated if d.key == a.key]
        assert len(mine) == len(a.runs())
        for before, after in itertools.pairwise(mine):
            assert (after.start - before.end).days > 28  # a whole idle month between ranges


@settings(max_examples=100, deadline=None)
@given(
    starts,
    st.lists(
        st.tuples(st.sampled_from("abc"), st.integers(0, 1500), st.integers(0, 400)),
        min_size=1,
        max_size=6,
    ),
)
def test_from_dated_marks_exactly_the_months_intersected(
    s: dt.date, spans: list[tuple[str, int, int]]
) -> None:
    dated = [
        DatedActivity(k, s + dt.timedelta(days=off), s + dt.timedelta(days=off + length))
        for k, off, length in spans
    ]
    g = from_dated(dated, s)
    horizon = max(d.end for d in dated)
    bound = 2 + (horizon - s).days // 28
    expected: dict[str, set[int]] = {}
    for d in dated:
        for m in range(1, bound + 1):
            first, last = project_month(s, m)
            if d.start <= last and first <= d.end:
                expected.setdefault(d.key, set()).add(m)
    assert {a.key: set(a.months) for a in g.activities} == expected
    assert [a.key for a in g.activities] == list(dict.fromkeys(d.key for d in dated))
    assert g.months == max(max(ms) for ms in expected.values())


@settings(max_examples=100, deadline=None)
@given(starts, st.integers(1, 240))
def test_project_months_tile_without_drift(s: dt.date, m: int) -> None:
    with use_limits(weeks=1100):  # 253 months, beyond the default ten years
        first, last = project_month(s, m)
        nxt = project_month(s, m + 1)[0]
    assert last + dt.timedelta(days=1) == nxt
    assert 28 <= (last - first).days + 1 <= 31
    assert first.day == min(s.day, calendar.monthrange(first.year, first.month)[1])


def test_months_and_dates_beyond_the_limits_are_refused() -> None:
    # issue 14: a grid of 10**9 months made check_grid loop for ever
    with pytest.raises(ValueError, match=r"months: 1000000000 months is more than 120"):
        MonthGrid(10**9, (GridActivity("a", Names(en="A"), (1,)),))
    with pytest.raises(ValueError, match=r"months\[1\]: 500 months is more than 120"):
        GridActivity("a", Names(en="A"), (1, 500))
    with pytest.raises(ValueError, match=r"start: 0001-01-01 is before 1900"):
        DatedActivity("a", dt.date(1, 1, 1), dt.date(2021, 1, 1))
    with pytest.raises(ValueError, match=r"month: 121 is beyond 120 months"):
        project_month(dt.date(2021, 1, 1), 121)
    with use_limits(weeks=5200):
        assert MonthGrid(1000, (GridActivity("a", Names(en="A"), (1, 500)),)).months == 1000
