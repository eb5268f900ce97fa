"""Plans on real dates: programme weeks, working days, holidays, spills, slips, critical path."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from civicgrants.errors import ScheduleError
from civicgrants.model.limits import use_limits
from civicgrants.schedule import (
    Delay,
    Holiday,
    Methodology,
    Spill,
    WorkCalendar,
    plan,
    programme_week,
    public_spaces_methodology,
)
from civicgrants.testing import methodologies

D = dt.date
STAGE_III = D(2021, 2, 1)  # the embedded programme's Stage III window opens 02/2021


def test_programme_weeks_ignore_iso_weeks() -> None:
    # A Wednesday start: week 1 is Wednesday to Tuesday.
    assert programme_week(D(2021, 2, 3), 1) == (D(2021, 2, 3), D(2021, 2, 9))
    assert programme_week(D(2021, 2, 3), 38) == (D(2021, 10, 20), D(2021, 10, 26))
    p = plan(public_spaces_methodology(), D(2021, 2, 3))
    assert (p.step("6").start, p.step("6").end) == (D(2021, 4, 28), D(2021, 9, 21))


def test_stage_iii_plan_on_real_dates() -> None:
    p = plan(public_spaces_methodology(), STAGE_III)
    assert [(s.key, s.start, s.end) for s in p.steps] == [
        ("1", D(2021, 2, 1), D(2021, 2, 7)),
        ("2", D(2021, 2, 1), D(2021, 2, 7)),
        ("team", D(2021, 2, 8), D(2021, 2, 21)),
        ("3", D(2021, 2, 22), D(2021, 2, 28)),
        ("4", D(2021, 3, 1), D(2021, 3, 28)),
        ("5", D(2021, 3, 29), D(2021, 4, 25)),
        ("6", D(2021, 4, 26), D(2021, 9, 19)),
        ("7", D(2021, 9, 20), D(2021, 10, 24)),
    ]
    t31, t32, *_ = (b for b in p.step("3").blocks)
    assert t31.days == (D(2021, 2, 22), D(2021, 2, 23))
    assert t32.days == (D(2021, 2, 24), D(2021, 2, 25), D(2021, 2, 26))
    assert p.moved == ()
    # drafting (4) and building (6) each absorb 5 working days: only building and reporting
    # are critical; every step before building may end 5 working days late
    assert p.critical_path == ("6", "7") and p.critical_path_weeks == 26
    assert [s.slack_days for s in p.steps] == [5, 5, 5, 5, 5, 5, 0, 0]
    assert [s.critical for s in p.steps] == [False] * 6 + [True, True]
    assert [h.date for h in p.holidays][:2] == [D(2021, 3, 8), D(2021, 3, 21)]
    assert Holiday(D(2021, 7, 5), "Day off (substituted from 07/03/2021)") in p.holidays


def test_a_holiday_in_the_training_week_spills_and_drafting_absorbs_it() -> None:
    p = plan(
        public_spaces_methodology(), D(2021, 2, 15)
    )  # week 4 is 8-14 March; 8 March is a holiday
    assert p.step("3").days == (
        D(2021, 3, 9),
        D(2021, 3, 10),
        D(2021, 3, 11),
        D(2021, 3, 12),
        D(2021, 3, 15),
    )
    what = [m.what for m in p.moved]
    assert what[:3] == [
        "step 3",
        "3.1 (Introductory seminar 'Community mobilisation')",
        "3.2 (Course 'Project design and management')",
    ]
    t31 = p.moved[1]
    assert (t31.from_, t31.to) == ("2021-03-08 – 2021-03-09", "2021-03-09 – 2021-03-10")
    assert t31.why == "2021-03-08 is a public holiday (International Women's Day)"
    assert "spills over" in p.moved[2].why
    assert p.step("3").end == D(2021, 3, 15)
    assert p.moved[0].why == "its day blocks spill 1 working day past 2021-03-14, into week 5"
    four = p.step("4")
    assert (four.first_week, four.start, four.end, four.absorbed_days) == (
        5,
        D(2021, 3, 16),
        D(2021, 3, 28) + dt.timedelta(days=14),
        1,
    )
    assert p.moved[3].why == (
        "it follows step '3', which now ends on 2021-03-15; it starts 1 working day late and "
        "keeps its end (it absorbs up to 5 working days)"
    )
    assert (p.weeks, p.end) == (38, D(2021, 11, 7))


def test_the_one_day_reading_of_3_1_fits_the_holiday_week() -> None:
    p = plan(public_spaces_methodology(training_3_1_days=1), D(2021, 2, 15))
    assert p.step("3").days == (D(2021, 3, 9), D(2021, 3, 10), D(2021, 3, 11), D(2021, 3, 12))
    assert p.weeks == 38
    assert [m.what for m in p.moved] == [
        "3.1 (Introductory seminar 'Community mobilisation')",
        "3.2 (Course 'Project design and management')",
    ]


def test_a_forbidden_spill_is_an_error() -> None:
    m = public_spaces_methodology()
    strict = Methodology(
        m.id,
        m.names,
        m.weeks,
        tuple(
            s if s.key != "3" else type(s)(**{**_fields(s), "spill": Spill.FORBID}) for s in m.steps
        ),
        m.dependencies,
    )
    with pytest.raises(
        ScheduleError,
        match=r"block '3.2' needs 3 working days but only 2 fit in week 4 .*forbids a spill",
    ):
        plan(strict, D(2021, 2, 15))


def _fields(obj: object) -> dict[str, object]:
    import attrs

    return attrs.asdict(obj, recurse=False)  # type: ignore[arg-type]


def test_working_week_is_configurable() -> None:
    six_days = WorkCalendar(working_week=range(6))
    p = plan(public_spaces_methodology(), D(2021, 2, 15), calendar=six_days)
    assert p.step("3").days[-1] == D(2021, 3, 13)  # a Saturday; no spill
    assert p.weeks == 38
    no_holidays = WorkCalendar(country=None)
    assert plan(public_spaces_methodology(), D(2021, 2, 15), calendar=no_holidays).moved == ()


def test_queries() -> None:
    p = plan(public_spaces_methodology(), STAGE_III)
    assert p.week_of(D(2021, 2, 1)) == 1
    assert p.week_of(D(2021, 2, 28)) == 4
    assert p.week_of(D(2021, 1, 31)) is None
    assert [s.key for s in p.steps_at(D(2021, 2, 3))] == ["1", "2"]
    assert p.due_in(4) == ("3.1", "3.2", "3")
    assert p.due_in(16) == ("6.1",)
    assert p.days_left("4", D(2021, 3, 20)) == 9
    assert p.days_left("4", D(2021, 3, 20), working=True) == 2  # 22-24 March: Nauryz
    assert p.days_left("4", D(2021, 5, 1)) == 0
    assert p.days_left("4", D(2021, 1, 1)) == 28


def test_delay_carries_along_dependencies() -> None:
    p = plan(public_spaces_methodology(), STAGE_III)
    q = p.delay("5", weeks=3)
    assert [(s.key, s.first_week) for s in q.steps][-3:] == [("5", 12), ("6", 16), ("7", 37)]
    assert q.step("4").first_week == 5  # before the slip: unchanged
    assert (q.weeks, q.end) == (41, D(2021, 11, 14))
    assert q.critical_path == ("4", "5", "6", "7") and q.critical_path_weeks == 37
    assert [m.why for m in q.moved] == [
        "delayed by 3 weeks",
        "it follows step '5', which now ends on 2021-05-19; it starts 15 working days late, "
        "more than the 5 working days it absorbs, so its end moves as much",
        "it follows step '6', which now ends on 2021-10-10",
    ]
    assert q.delay("5", weeks=0).steps == q.steps
    with pytest.raises(ScheduleError, match=r"unknown step .x."):
        p.delay("x", weeks=1)
    with pytest.raises(ValueError, match="whole number"):
        p.delay("5", weeks=-1)


def test_plans_are_deterministic() -> None:
    assert plan(public_spaces_methodology(), STAGE_III) == plan(
        public_spaces_methodology(), STAGE_III
    )


# -- properties ---------------------------------------------------------------------------

starts = st.dates(min_value=D(2019, 1, 1), max_value=D(2027, 12, 31))
calendars = st.builds(
    WorkCalendar,
    working_week=st.sets(st.integers(0, 6), min_size=3, max_size=7),
    country=st.sampled_from(["KZ", None]),
)
FAST = settings(max_examples=80, deadline=None)


@FAST
@given(methodologies(), starts, calendars)
def test_dates_never_decrease_along_a_dependency(
    m: Methodology, start: D, cal: WorkCalendar
) -> None:
    p = plan(m, start, calendar=cal)
    for d in m.dependencies:
        before, after = p.step(d.before), p.step(d.after)
        lag = d.lag_weeks * len(cal.working_week) + d.lag_days
        if lag >= 0:
            assert after.start > before.end
            waited = cal.working_days(
                before.end + dt.timedelta(days=1), after.start - dt.timedelta(days=1)
            )
            assert sum(1 for _ in waited) >= lag
        else:  # an overlap of at most -lag working days
            shared = cal.working_days(after.start, before.end)
            assert sum(1 for _ in shared) <= -lag


@FAST
@given(methodologies(), starts, st.data())
def test_a_delay_never_moves_a_step_earlier(m: Methodology, start: D, data: st.DataObject) -> None:
    p = plan(m, start)
    key = data.draw(st.sampled_from([s.key for s in m.steps]))
    q = p.delay(key, weeks=data.draw(st.integers(0, 6)))
    for before, after in zip(p.steps, q.steps, strict=True):
        assert after.start >= before.start and after.end >= before.end


@FAST
@given(methodologies(), starts, calendars)
def test_critical_path_ends_the_plan_and_has_no_slack(
    m: Methodology, start: D, cal: WorkCalendar
) -> None:
    p = plan(m, start, calendar=cal)
    last = max(s.last_week for s in p.steps)
    ends = max(s.end for s in p.steps)
    # the plan spans the methodology's calendar, or more when a step spills past it
    assert p.weeks == max(last, m.weeks)
    assert p.end == max(ends, programme_week(start, m.weeks)[1])
    assert p.step(p.critical_path[-1]).end == ends
    first = p.step(p.critical_path[0])
    assert p.critical_path_weeks == p.step(p.critical_path[-1]).last_week - first.first_week + 1
    assert all(p.step(k).critical and p.step(k).slack_days == 0 for k in p.critical_path)
    graph = m.planning_graph()
    assert all(
        graph.has_edge(a, b) for a, b in zip(p.critical_path, p.critical_path[1:], strict=False)
    )
    assert nx.is_directed_acyclic_graph(graph)
    assert min(s.slack_days for s in p.steps) == 0
    assert all(s.slack_weeks == s.slack_days // len(cal.working_week) for s in p.steps)


@FAST
@given(methodologies(), starts, calendars)
def test_no_training_day_is_a_holiday_or_non_working_day(
    m: Methodology, start: D, cal: WorkCalendar
) -> None:
    p = plan(m, start, calendar=cal)
    for s in p.steps:
        for day in s.days:
            assert cal.is_working_day(day)
            assert cal.holiday_name(day) is None
            assert s.start <= day
        for b in s.blocks:
            sub = next(x for x in m.step(s.key).substeps if x.key == b.key)
            assert len(b.days) == sub.days


@FAST
@given(methodologies(spill=Spill.FORBID), starts)
def test_forbidden_spills_fail_or_fit(m: Methodology, start: D) -> None:
    try:
        p = plan(m, start)
    except ScheduleError as exc:
        message = str(exc)
        p = None
    if p is None:
        assert "forbids a spill" in message
        return
    for s in p.steps:
        assert all(s.start <= d <= s.end for d in s.days)
        published = m.step(s.key)
        assert s.start >= programme_week(start, published.first_week)[0]
        assert s.end >= programme_week(start, published.last_week)[1]


def test_a_worked_sunday_is_used_and_not_reported_as_a_move() -> None:
    # Kazakhstan made Sunday 20 Dec 2020 a working day; week 4 of this plan contains it.
    p = plan(public_spaces_methodology(), D(2020, 11, 29))
    assert p.step("3").days[0] == D(2020, 12, 20)
    assert all(m.why for m in p.moved)


@FAST
@given(methodologies(), starts, calendars)
def test_every_move_says_why(m: Methodology, start: D, cal: WorkCalendar) -> None:
    p = plan(m, start, calendar=cal)
    assert all(move.why and move.from_ != move.to for move in p.moved)


def test_bad_calendar_arguments_are_clear() -> None:
    with pytest.raises(ValueError, match="working_week: must be weekday numbers"):
        WorkCalendar(working_week=5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="working_week"):
        WorkCalendar(working_week={True, 2})
    with pytest.raises(ValueError, match="whole number >= 1"):
        programme_week(D(2021, 1, 1), True)


def test_a_forbidden_overlap_is_kept_apart_when_a_slip_would_cause_it() -> None:
    from civicgrants.model import Names
    from civicgrants.schedule import NoOverlap, Step

    m = Methodology(
        "m",
        Names(en="m"),
        6,
        (Step("a", Names(en="a"), 1, 1), Step("b", Names(en="b"), 2, 2)),
        exclusive=(NoOverlap("a", "b"),),
    )
    p = plan(m, D(2024, 3, 18)).delay("a", weeks=1)
    assert (p.step("a").first_week, p.step("b").first_week) == (2, 3)
    assert p.moved[-1].why == "it follows step 'a', which now ends on 2024-04-01"


def test_repeated_dependencies_are_an_error() -> None:
    from civicgrants.model import Names
    from civicgrants.schedule import Dependency, Step

    with pytest.raises(ScheduleError, match=r"repeats dependencies\[0\] \('a' → 'b'\)"):
        Methodology(
            "m",
            Names(en="m"),
            9,
            (Step("a", Names(en="a"), 1, 1), Step("b", Names(en="b"), 4, 4)),
            (Dependency("a", "b", 2), Dependency("a", "b", 0)),
        )


def test_a_plan_past_the_last_date_is_a_schedule_error() -> None:
    with (
        use_limits(last_year=9999),
        pytest.raises(ScheduleError, match="runs past the last representable date"),
    ):
        plan(public_spaces_methodology(), D(9999, 6, 1))


def test_a_start_outside_the_years_of_the_limits_is_refused() -> None:
    # issue 14: a start in 9999 was planned (or ran past the last date) without a word
    with pytest.raises(ScheduleError) as info:
        plan(public_spaces_methodology(), D(9999, 6, 1))
    assert [str(p) for p in info.value.problems] == [
        "start: 9999-06-01 is after 2200 (the last_year limit; raise it with --limit "
        "last_year=N or use_limits(last_year=N))"
    ]
    with pytest.raises(ScheduleError, match="start: 0001-01-01 is before 1900"):
        plan(public_spaces_methodology(), D(1, 1, 1))
    with use_limits(first_year=1, last_year=9999):
        assert plan(public_spaces_methodology(), D(1000, 1, 1)).weeks == 38


def test_a_plan_longer_than_the_weeks_limit_is_refused() -> None:
    # issue 14: --delay 4=9999 made a plan of 10 037 weeks, ending in 2213
    p = plan(public_spaces_methodology(), STAGE_III)
    with pytest.raises(
        ScheduleError,
        match=r"step 4: would run past 520 weeks from 2021-02-01 \(delayed by 9999 weeks\)",
    ):
        p.delay("4", weeks=9999)
    with use_limits(weeks=20000):
        assert p.delay("4", weeks=9999).weeks > 9999 + 38  # 9999 working weeks, and holidays


def test_the_methodology_calendar_sets_the_plan_length() -> None:
    # issue 14: "weeks" was accepted and ignored; now the plan spans the calendar
    from civicgrants.model import Names
    from civicgrants.schedule import Step

    m = Methodology("m", Names(en="m"), 10, (Step("a", Names(en="a"), 1, 2),))
    p = plan(m, D(2024, 3, 18))
    assert (p.weeks, p.end, p.critical_path_weeks) == (10, D(2024, 5, 26), 2)
    assert p.step("a").critical and p.step("a").slack_weeks == 0


def test_a_long_training_stops_at_the_weeks_limit() -> None:
    from civicgrants.model import Names
    from civicgrants.schedule import Step, SubStep

    long = Step("a", Names(en="a"), 1, 1, substeps=(SubStep("a.1", Names(en="x"), days=3000),))
    m = Methodology("m", Names(en="m"), 1, (long,))
    one_day = WorkCalendar(working_week=[0])  # 3000 Mondays are 3000 weeks
    with pytest.raises(ScheduleError, match=r"block 'a.1' needs 3000 working days, which run past"):
        plan(m, D(2024, 3, 18), calendar=one_day)


# -- issue 17: steps move by working days ----------------------------------------------------

SPRING_2027 = D(2027, 2, 15)  # week 4 opens with 8 March; the holidays package makes 15 March off


def _working_days_between(cal: WorkCalendar, a: D, b: D) -> int:
    """Working days after ``a`` up to ``b`` (0 when ``b <= a``)."""
    if b <= a:
        return 0
    return sum(1 for _ in cal.working_days(a + dt.timedelta(days=1), b))


def test_a_one_day_spill_is_absorbed_by_drafting_and_the_season_keeps_its_end() -> None:
    p = plan(public_spaces_methodology(), SPRING_2027)
    assert p.step("3").days[-1] == D(2027, 3, 16)  # the fifth training day, in week 5
    four = p.step("4")
    assert (four.start, four.end, four.absorbed_days) == (D(2027, 3, 17), D(2027, 4, 11), 1)
    assert (four.first_week, four.last_week) == (5, 8)  # the week view stays
    assert (p.end, p.weeks) == (D(2027, 11, 7), 38)
    assert [s.key for s in p.steps if s.absorbed_days] == ["4"]
    assert "it starts 1 working day late and keeps its end" in p.moved[-1].why
    # the steps after drafting keep their published dates
    assert [(s.key, s.first_week, s.last_week) for s in p.steps[-3:]] == [
        ("5", 9, 12),
        ("6", 13, 33),
        ("7", 34, 38),
    ]


def test_a_two_week_delay_of_drafting_moves_the_end_by_two_weeks() -> None:
    p = plan(public_spaces_methodology(), SPRING_2027)
    q = p.delay("4", weeks=2)
    assert q.end == p.end + dt.timedelta(weeks=2) == D(2027, 11, 21)
    assert q.step("6").absorbed_days == 0  # 10 working days: more than building absorbs
    assert q.delays == (Delay("4", 10, 2),)
    # a one-week delay is absorbed by building: the season keeps its end
    assert p.delay("4", weeks=1).end == p.end


def test_a_lag_in_working_days_moves_the_next_step_by_days() -> None:
    from civicgrants.model import Names
    from civicgrants.schedule import Dependency, Step

    steps = (Step("a", Names(en="a"), 1, 1), Step("b", Names(en="b"), 2, 3))
    lagged = Methodology("m", Names(en="m"), 3, steps, (Dependency("a", "b", lag_days=2),))
    p = plan(lagged, D(2024, 4, 1), calendar=WorkCalendar(country=None))
    assert p.step("b").start == D(2024, 4, 10)  # a ends Sunday 7 April; 8 and 9 April pass
    assert p.step("b").end == D(2024, 4, 23)  # two working days later than published
    assert p.moved[0].why == (
        "it follows step 'a', which now ends on 2024-04-07, after a lag of 2 working days"
    )
    assert p.end == D(2024, 4, 23) and p.weeks == 4


@FAST
@given(methodologies(), starts, calendars, st.data())
def test_a_spill_of_d_working_days_moves_the_end_by_at_most_d(
    m: Methodology, start: D, cal: WorkCalendar, data: st.DataObject
) -> None:
    """From a plan in which nothing is late, a slip or spill of d working days moves the end by <= d.

    (On top of a slip a step absorbed, a further one may tip it over what it
    absorbs: then its whole lateness moves its end, as documented.)
    """
    p = plan(m, start, calendar=cal)
    assume(not p.moved)
    key = data.draw(st.sampled_from([s.key for s in m.steps]))
    d = data.draw(st.integers(0, 12))
    q = plan(m, start, calendar=cal, delays=[Delay(key, d)])
    assert q.end >= p.end
    assert _working_days_between(cal, p.end, q.end) <= d
    longer = [sub for s in m.steps for sub in s.substeps if sub.days]
    if longer:
        sub = data.draw(st.sampled_from(longer))
        assert sub.days is not None
        r = plan(m.with_training_days(sub.key, sub.days + d), start, calendar=cal)
        assert r.end >= p.end
        assert _working_days_between(cal, p.end, r.end) <= d


@FAST
@given(methodologies(), starts, calendars, st.data())
def test_slack_is_exactly_what_a_step_can_slip_without_moving_the_end(
    m: Methodology, start: D, cal: WorkCalendar, data: st.DataObject
) -> None:
    p = plan(m, start, calendar=cal)
    last = max(s.end for s in p.steps)
    s = p.step(data.draw(st.sampled_from([x.key for x in m.steps])))
    slipped = plan(m, start, calendar=cal, delays=[Delay(s.key, s.slack_days)])
    assert max(x.end for x in slipped.steps) == last
    spilled = any(x.what == f"step {s.key}" and "spill" in x.why for x in p.moved)
    if not spilled:  # a slip first fills the days a spill already took past the step's end
        later = plan(m, start, calendar=cal, delays=[Delay(s.key, s.slack_days + 1)])
        assert max(x.end for x in later.steps) > last


def test_review_findings_of_issue_17_stay_fixed() -> None:
    """A red-team review's cases: each was a crash, a wrong absorption or a false limit."""
    from civicgrants.model import Names
    from civicgrants.schedule import Dependency, Step

    n = Names(en="x")
    # the last step ends on the last day of the weeks limit, another has slack: no crash
    start = D(2030, 12, 31) - dt.timedelta(days=7 * 520 - 1)
    m = Methodology("m", n, 520, (Step("a", n, 1, 520), Step("b", n, 1, 1)))
    assert plan(m, start).end == D(2030, 12, 31)
    # a wait that runs past the step's planned end is not absorbed, whatever absorbs_days says
    steps = (Step("a", n, 1, 1), Step("b", n, 2, 2, absorbs_days=10), Step("c", n, 3, 3))
    m = Methodology("m", n, 3, steps, (Dependency("a", "b"), Dependency("b", "c")))
    p = plan(m, D(2026, 3, 2), calendar=WorkCalendar(country=None), delays=[Delay("a", 7)])
    b = p.step("b")
    assert (b.start, b.end, b.absorbed_days) == (D(2026, 3, 18), D(2026, 3, 24), 0)
    assert "after its planned end 2026-03-15" in next(x.why for x in p.moved if x.what == "step b")
    # an overlap (a negative lag) counts working days, so a one-day slip costs at most a day
    m = Methodology(
        "m", n, 4, (Step("a", n, 1, 3), Step("b", n, 3, 4)), (Dependency("a", "b", -1),)
    )
    assert plan(m, D(2026, 3, 2)).end == D(2026, 3, 29)
    assert plan(m, D(2026, 3, 2), delays=[Delay("a", 1)]).end == D(2026, 3, 30)
    # an overlap reaching back before the plan's start is no weeks-limit error
    steps = (Step("a", n, 1, 1), Step("b", n, 1, 3))
    m = Methodology("m", n, 3, steps, (Dependency("a", "b", lag_weeks=-2, lag_days=1),))
    assert plan(m, D(2026, 3, 2)).end == D(2026, 3, 22)
    # a slip is a whole number of working days
    for bad in (1.5, True, -1):
        with pytest.raises(ValueError, match="days: must be"):
            Delay("4", bad)  # type: ignore[arg-type]
