"""Plans: a methodology laid on real dates, with working days, slips and the critical path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, ClassVar

import attrs
import networkx as nx

from civicgrants.errors import Problem, ScheduleError
from civicgrants.model.display import frame, shows
from civicgrants.model.limits import date_problem, get_limits
from civicgrants.schedule.calendar import Holiday, WorkCalendar, programme_week
from civicgrants.schedule.methodology import Methodology, Spill, Step

__all__ = ["Block", "Delay", "Move", "MoveReason", "Plan", "StepPlan", "critical_path", "plan"]

_BONUS = 1000  # week weights are scaled so ties prefer paths along dependencies


@shows
@attrs.frozen
class MoveReason:
    """One reason of a move as data: a code and its values, to render in any language.

    ``Move.why`` is the English text; ``Move.reasons`` holds the same reasons as
    codes with their keys, dates and names, so that ``civicgrants.io`` renders them
    in ``ru`` and ``kk`` from its catalog.

    Attributes
    ----------
    code : str
        What kind of reason: ``follows`` (the block before it now ends later),
        ``trainer-busy`` (the one eligible trainer is busy), ``trainers-busy``
        (every eligible trainer is busy), ``trainer-free`` (when the chosen
        trainer is free) or ``past-step`` (the training now runs past its step's
        weeks; the later steps keep their dates).
    values : tuple of (str, str)
        The reason's values by name (ids, dates, counts as text).
    busy : tuple of (str, str)
        For ``trainers-busy``: the busy trainers named and where each one is.

    Examples
    --------
    >>> r = MoveReason("trainer-busy", (("trainer", "t1"), ("where", "kulsary")))
    >>> r.value("where"), r.value("missing")
    ('kulsary', '')

    See Also
    --------
    Move : ``reasons`` lists them.
    civicgrants.io.schedule.season_text : renders them in ``lang``.
    """

    code: str
    values: tuple[tuple[str, str], ...] = ()
    busy: tuple[tuple[str, str], ...] = ()

    def value(self, name: str) -> str:
        """The value called ``name``, or ``""`` when the reason has none.

        Parameters
        ----------
        name : str
            The value's name.

        Returns
        -------
        str
            The value.

        Examples
        --------
        >>> MoveReason("follows", (("block", "3.1"),)).value("block")
        '3.1'
        """
        return dict(self.values).get(name, "")


@shows
@attrs.frozen
class Move:
    """Something the plan moved: what, from where, to where, and why.

    ``str()`` gives ``what: from → to (why)``.

    Attributes
    ----------
    what : str
        The step (``"step 4"``) or day block (``"3.1 (Introductory seminar …)"``)
        that moved; in a season, prefixed by the locality.
    from_ : str
        Where the methodology put it: weeks or dates, as text.
    to : str
        Where it is now, in the same form.
    why : str
        The reasons, separated by ``"; "``: holidays, a step it follows, a
        spill, a delay asked for, a busy trainer.
    locality, key : str
        In a season, the locality and the day block's key (``""`` otherwise),
        to name the training in any language; not in the repr nor in ``==``.
    reasons : tuple of MoveReason
        In a season, ``why`` as codes and values (see `MoveReason`); not in the repr nor in ``==``.

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> p = plan(public_spaces_methodology(), dt.date(2021, 3, 1))  # Nowruz falls in week 4
    >>> print(p.moved[1])
    3.1 (Introductory seminar 'Community mobilisation'): 2021-03-22 – 2021-03-23 → 2021-03-25 – 2021-03-26 (2021-03-22 is a public holiday (Nowruz Holiday); 2021-03-23 is a public holiday (Nowruz Holiday); 2021-03-24 is a public holiday (Nowruz Holiday (observed)))
    >>> print(p.moved[0].why)
    its day blocks spill into week 5

    See Also
    --------
    Plan : its ``moved`` lists every move of a plan.
    civicgrants.schedule.Season : its ``moved`` lists the trainings a season moved.
    """

    what: str
    from_: str
    to: str
    why: str
    locality: str = attrs.field(default="", repr=False, eq=False)
    key: str = attrs.field(default="", repr=False, eq=False)
    reasons: tuple[MoveReason, ...] = attrs.field(default=(), repr=False, eq=False)

    def __str__(self) -> str:
        return f"{self.what}: {self.from_} → {self.to} ({self.why})"


@shows
@attrs.frozen
class Delay:
    """A slip asked for: ``step`` starts no earlier than programme week ``week``.

    Attributes
    ----------
    step : str
        The step key.
    week : int
        The earliest programme week the step may start in.
    weeks : int
        The slip in weeks, as asked (for the move's reason).

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> p = plan(public_spaces_methodology(), dt.date(2021, 2, 1), delays=[Delay("5", 11, 2)])
    >>> p.step("5").first_week, p.delays
    (11, (Delay(step='5', week=11, weeks=2),))

    See Also
    --------
    Plan.delay : slip a step by whole weeks from where the plan puts it.
    plan : takes delays as ``Delay`` objects or ``(step, weeks)`` pairs.
    """

    step: str
    week: int
    weeks: int


@shows
@attrs.frozen
class Block:
    """A sub-step on dates: a block of working days, or a span of weeks.

    Attributes
    ----------
    key : str
        The sub-step's key (``"3.1"``).
    first_week, last_week : int
        The programme weeks it lies in.
    start, end : datetime.date
        Its first and last day: the first and last working day of a day
        block, the first and last day of its weeks for a span.
    days : tuple of datetime.date
        The dated working days of a day block (a training); empty for a span of weeks.

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> p = plan(public_spaces_methodology(), dt.date(2021, 2, 1))
    >>> b = p.step("3").blocks[0]
    >>> print(b.key, b.first_week, b.start, b.end, len(b.days))
    3.1 4 2021-02-22 2021-02-23 2
    >>> b = p.step("6").blocks[0]
    >>> print(b.key, b.first_week, b.last_week, b.start, b.end, b.days)
    6.1 13 16 2021-04-26 2021-05-23 ()

    See Also
    --------
    StepPlan : the step that holds the blocks.
    civicgrants.schedule.TrainingBlock : a day block as a season placed it.
    """

    key: str
    first_week: int
    last_week: int
    start: dt.date
    end: dt.date
    days: tuple[dt.date, ...] = ()
    """The dated working days of a day block (a training); empty for a span of weeks."""


@shows
@attrs.frozen
class StepPlan:
    """One step on dates, with its slack and whether it is critical.

    Attributes
    ----------
    key : str
        The step's key.
    first_week, last_week : int
        The programme weeks the plan gives it (after any slip or spill).
    start, end : datetime.date
        The first day of ``first_week`` and the last day of ``last_week``.
    blocks : tuple of Block
        Its sub-steps on dates, in the methodology's order.
    slack_weeks : int
        How many weeks the step could end later without delaying the last
        step's end (the critical path's), whatever the calendar's length.
    critical : bool
        True when ``slack_weeks`` is 0.

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> s = plan(public_spaces_methodology(), dt.date(2021, 2, 1)).step("3")
    >>> print(s.start, s.end, s.weeks, s.slack_weeks, s.critical)
    2021-02-22 2021-02-28 1 0 True
    >>> [b.key for b in s.blocks], len(s.days)
    (['3.1', '3.2'], 5)

    See Also
    --------
    Plan.step : a step of a plan by key.
    civicgrants.schedule.Step : the step as the methodology publishes it.
    """

    key: str
    first_week: int
    last_week: int
    start: dt.date
    end: dt.date
    blocks: tuple[Block, ...]
    slack_weeks: int
    critical: bool

    @property
    def days(self) -> tuple[dt.date, ...]:
        """The dated working days of the step's day blocks (trainings), else empty."""
        return tuple(d for b in self.blocks for d in b.days)

    @property
    def weeks(self) -> int:
        """Length in programme weeks."""
        return self.last_week - self.first_week + 1


@shows
@attrs.frozen
class Plan:
    """A methodology on real dates. Build it with `plan()`.

    Attributes
    ----------
    methodology : Methodology
        The methodology planned.
    start : datetime.date
        The first day of programme week 1.
    calendar : WorkCalendar
        The working days the trainings fall on.
    steps : tuple of StepPlan
        The steps on dates, in the methodology's order.
    moved : tuple of Move
        Every step and day block that left its published place, with why.
    holidays : tuple of Holiday
        The calendar's holidays from ``start`` to the plan's end (the end of
        the methodology's calendar, or of its last step if later).
    critical_path : tuple of str
        The step keys of a longest path through the dependencies.
    critical_path_weeks : int
        Its length in weeks.
    delays : tuple of Delay
        The slips asked for, in order.

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> p = plan(public_spaces_methodology(), start=dt.date(2021, 2, 1))
    >>> p.start, p.end, p.weeks
    (datetime.date(2021, 2, 1), datetime.date(2021, 10, 24), 38)
    >>> p.step("3").days  # doctest: +NORMALIZE_WHITESPACE
    (datetime.date(2021, 2, 22), datetime.date(2021, 2, 23), datetime.date(2021, 2, 24),
     datetime.date(2021, 2, 25), datetime.date(2021, 2, 26))
    >>> p.week_of(dt.date(2021, 3, 8)), [s.key for s in p.steps_at(dt.date(2021, 3, 8))]
    (6, ['4'])
    >>> later = p.delay("4", weeks=2)
    >>> later.step("7").first_week, later.end
    (36, datetime.date(2021, 11, 7))

    See Also
    --------
    plan : build a plan.
    critical_path : the critical path's step keys.
    civicgrants.io.schedule.text_gantt : the plan as a text Gantt chart.
    civicgrants.io.schedule.plan_data : the plan as a JSON object.
    """

    methodology: Methodology
    start: dt.date
    calendar: WorkCalendar
    steps: tuple[StepPlan, ...]
    moved: tuple[Move, ...]
    holidays: tuple[Holiday, ...]
    critical_path: tuple[str, ...]
    critical_path_weeks: int
    delays: tuple[Delay, ...] = ()

    @property
    def weeks(self) -> int:
        """The plan's length in programme weeks.

        The methodology's calendar (``methodology.weeks``), or longer when a
        step slips or spills past it.
        """
        return max(self.methodology.weeks, max(s.last_week for s in self.steps))

    @property
    def end(self) -> dt.date:
        """The last day of the plan."""
        return programme_week(self.start, self.weeks)[1]

    def step(self, key: str) -> StepPlan:
        """The planned step with this key.

        Parameters
        ----------
        key : str
            A step key.

        Returns
        -------
        StepPlan

        Raises
        ------
        KeyError
            If no step has this key; the message lists the known keys.

        Examples
        --------
        >>> from civicgrants.schedule import public_spaces_methodology
        >>> p = plan(public_spaces_methodology(), dt.date(2021, 2, 1))
        >>> p.step("4").first_week
        5
        >>> p.step("9")
        Traceback (most recent call last):
        ...
        KeyError: "unknown step '9'; steps: 1, 2, team, 3, 4, 5, 6, 7"

        See Also
        --------
        Methodology.step : the step as published.
        """
        for s in self.steps:
            if s.key == key:
                return s
        raise KeyError(f"unknown step {key!r}; steps: {', '.join(s.key for s in self.steps)}")

    def week_of(self, day: dt.date) -> int | None:
        """The programme week ``day`` falls in, or ``None`` outside the plan.

        Parameters
        ----------
        day : datetime.date
            Any day.

        Returns
        -------
        int or None
            The week, from 1.

        Examples
        --------
        >>> from civicgrants.schedule import public_spaces_methodology
        >>> p = plan(public_spaces_methodology(), dt.date(2021, 2, 1))
        >>> p.week_of(dt.date(2021, 2, 7)), p.week_of(dt.date(2021, 2, 8)), p.week_of(dt.date(2022, 1, 1))
        (1, 2, None)

        See Also
        --------
        programme_week : the dates of a week.
        Plan.steps_at : the steps under way on a day.
        """
        if not self.start <= day <= self.end:
            return None
        return (day - self.start).days // 7 + 1

    def steps_at(self, day: dt.date) -> tuple[StepPlan, ...]:
        """The steps under way on ``day``.

        Parameters
        ----------
        day : datetime.date
            Any day.

        Returns
        -------
        tuple of StepPlan
            The steps whose ``start`` .. ``end`` holds ``day``, in the
            methodology's order; empty outside the plan.

        Examples
        --------
        >>> from civicgrants.schedule import public_spaces_methodology
        >>> p = plan(public_spaces_methodology(), dt.date(2021, 2, 1))
        >>> [s.key for s in p.steps_at(dt.date(2021, 2, 3))]
        ['1', '2']

        See Also
        --------
        Plan.week_of : the programme week of a day.
        Plan.due_in : what ends in a week.
        """
        return tuple(s for s in self.steps if s.start <= day <= s.end)

    def due_in(self, week: int) -> tuple[str, ...]:
        """Keys of the steps and sub-steps that end in programme week ``week``.

        Parameters
        ----------
        week : int
            A programme week, from 1.

        Returns
        -------
        tuple of str
            Per step in order, its sub-steps ending that week, then the step
            itself if it ends that week.

        Raises
        ------
        ValueError
            If ``week`` is not a whole number >= 1.

        Examples
        --------
        >>> from civicgrants.schedule import public_spaces_methodology
        >>> plan(public_spaces_methodology(), dt.date(2021, 2, 1)).due_in(4)
        ('3.1', '3.2', '3')

        See Also
        --------
        Plan.steps_at : the steps under way on a day.
        Plan.days_left : how long a step still runs.
        """
        first, last = programme_week(self.start, week)
        due = []
        for s in self.steps:
            due += [b.key for b in s.blocks if first <= b.end <= last]
            if first <= s.end <= last:
                due.append(s.key)
        return tuple(due)

    def days_left(self, key: str, on: dt.date, *, working: bool = False) -> int:
        """Days left in a step from ``on`` (inclusive): calendar days, or working days.

        Parameters
        ----------
        key : str
            A step key.
        on : datetime.date
            The day to count from; a day before the step counts from its start.
        working : bool
            Count only the calendar's working days (False by default).

        Returns
        -------
        int
            0 once the step has ended.

        Raises
        ------
        KeyError
            If no step has this key.

        Examples
        --------
        >>> from civicgrants.schedule import public_spaces_methodology
        >>> p = plan(public_spaces_methodology(), dt.date(2021, 2, 1))
        >>> on = dt.date(2021, 2, 24)
        >>> p.days_left("3", on), p.days_left("3", on, working=True), p.days_left("1", on)
        (5, 3, 0)

        See Also
        --------
        Plan.due_in : what ends in a week.
        WorkCalendar.working_days : the working days counted.
        """
        s = self.step(key)
        first = max(on, s.start)
        if first > s.end:
            return 0
        if working:
            return sum(1 for _ in self.calendar.working_days(first, s.end))
        return (s.end - first).days + 1

    def delay(self, step: str, *, weeks: int) -> Plan:
        """A new plan in which ``step`` starts ``weeks`` later, the slip carried along.

        Every step that depends on it, directly or not, moves as far as it must
        and no further; nothing moves earlier.

        Parameters
        ----------
        step : str
            The step key.
        weeks : int
            Whole weeks (>= 0) to slip the step from where this plan puts it.

        Returns
        -------
        Plan
            A new plan with the slip added to ``delays``; this plan is unchanged.

        Raises
        ------
        ValueError
            If ``weeks`` is not a whole number >= 0.
        ScheduleError
            If the plan has no such step.

        Examples
        --------
        >>> from civicgrants.schedule import public_spaces_methodology
        >>> p = plan(public_spaces_methodology(), dt.date(2021, 2, 1))
        >>> later = p.delay("4", weeks=2)
        >>> later.step("4").first_week, later.step("7").first_week, p.step("7").first_week
        (7, 36, 34)
        >>> print(later.moved[0])
        step 4: weeks 5–8 (2021-03-01 – 2021-03-28) → weeks 7–10 (2021-03-15 – 2021-04-11) (delayed by 2 weeks)

        See Also
        --------
        plan : its ``delays`` asks for several slips at once.
        Delay : the slip recorded.
        """
        if isinstance(weeks, bool) or not isinstance(weeks, int) or weeks < 0:
            raise ValueError(f"weeks: must be a whole number >= 0, got {weeks!r}")
        try:
            current = self.step(step)
        except KeyError as exc:
            raise ScheduleError([Problem("delay", str(exc.args[0]))]) from None
        delays = (*self.delays, Delay(step, current.first_week + weeks, weeks))
        return plan(self.methodology, self.start, calendar=self.calendar, delays=delays)

    FRAME_COLUMNS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("step", "str"),
        ("first_week", "int"),
        ("last_week", "int"),
        ("start", "date"),
        ("end", "date"),
        ("slack_weeks", "int"),
        ("critical", "bool"),
    )
    """The columns of `to_frame()`: (name, kind) pairs (see `civicgrants.model.display`)."""

    def to_frame(self, exact: bool = False) -> Any:
        """The planned steps as a pandas DataFrame, one row each (the ``frames`` extra).

        Columns (`FRAME_COLUMNS`): ``step`` (the key, a string);
        ``first_week``, ``last_week``, ``slack_weeks`` (``int64``); ``start``,
        ``end`` (``datetime64``); ``critical`` (``bool``).

        Parameters
        ----------
        exact : bool, optional
            Accepted for a uniform call; a plan has no amounts.

        Returns
        -------
        pandas.DataFrame
            One row per step, in the plan's order.

        Raises
        ------
        civicgrants.errors.MissingExtra
            pandas is not installed.

        Examples
        --------
        >>> from civicgrants.schedule import public_spaces_methodology
        >>> df = plan(public_spaces_methodology(), dt.date(2021, 3, 1)).to_frame()
        >>> df.loc[0, "step"], str(df["first_week"].dtype)
        ('1', 'int64')
        """
        return frame(
            self.FRAME_COLUMNS,
            (
                (s.key, s.first_week, s.last_week, s.start, s.end, s.slack_weeks, s.critical)
                for s in self.steps
            ),
            exact=exact,
        )


def _weeks(start: dt.date, first: int, last: int) -> str:
    a = programme_week(start, first)[0]
    b = programme_week(start, last)[1]
    span = f"week {first}" if first == last else f"weeks {first}–{last}"
    return f"{span} ({a.isoformat()} – {b.isoformat()})"


def _dates(days: tuple[dt.date, ...]) -> str:
    return (
        days[0].isoformat() if len(days) == 1 else f"{days[0].isoformat()} – {days[-1].isoformat()}"
    )


def _place_blocks(
    step: Step, first: int, last: int, start: dt.date, cal: WorkCalendar
) -> tuple[list[Block], list[Move], int]:
    """Place the step's sub-steps; returns blocks, moves and the (possibly later) last week."""
    shift = first - step.first_week
    limit = get_limits().weeks
    horizon = programme_week(start, limit)[1]
    blocks: list[Block] = []
    moves: list[Move] = []
    step_end = programme_week(start, last)[1]
    cursor = programme_week(start, first)[0]
    naive_cursor = cursor
    new_last = last
    for sub in step.substeps:
        if sub.days is None:
            assert sub.first_week is not None and sub.last_week is not None
            a, b = sub.first_week + shift, sub.last_week + shift
            blocks.append(
                Block(sub.key, a, b, programme_week(start, a)[0], programme_week(start, b)[1])
            )
            continue
        days: list[dt.date] = []
        skipped: list[dt.date] = []
        while len(days) < sub.days:
            if cursor > horizon:
                raise ScheduleError(
                    [
                        Problem(
                            f"step {step.key}",
                            f"block {sub.key!r} needs {sub.days} working days, which run past "
                            f"{limit} weeks from {start.isoformat()} (the weeks limit; raise it "
                            "with --limit weeks=N or use_limits(weeks=N))",
                        )
                    ]
                )
            if cal.is_working_day(cursor):
                days.append(cursor)
            elif cal.is_working_weekday(cursor):
                skipped.append(cursor)
            cursor += dt.timedelta(days=1)
        naive: list[dt.date] = []
        while len(naive) < sub.days:
            if cal.is_working_weekday(naive_cursor):
                naive.append(naive_cursor)
            naive_cursor += dt.timedelta(days=1)
        placed = tuple(days)
        spilled = placed[-1] > step_end
        if spilled and step.spill is Spill.FORBID:
            raise ScheduleError(
                [
                    Problem(
                        f"step {step.key}",
                        f"block {sub.key!r} needs {sub.days} working days but only "
                        f"{sum(1 for d in placed if d <= step_end)} fit in {_weeks(start, first, last)}"
                        f"{' (' + '; '.join(cal.why_not_working(d) for d in skipped) + ')' if skipped else ''}"
                        f", and step {step.key!r} forbids a spill",
                    )
                ]
            )
        if placed != tuple(naive) or spilled:
            reasons = [cal.why_not_working(d) for d in skipped if d <= placed[-1]]
            if not reasons and blocks and blocks[-1].days:
                reasons.append(f"it follows {blocks[-1].key}, which moved")
            if spilled:
                reasons.append(
                    f"not enough working days in {_weeks(start, first, last)}, so it spills over"
                )
            origin = _dates(tuple(naive))
            if placed == tuple(naive):  # it only spilled: say where it was meant to be
                origin = f"{origin} (planned inside {_weeks(start, first, last)})"
            moves.append(
                Move(
                    f"{sub.key} ({sub.names.get('en')})", origin, _dates(placed), "; ".join(reasons)
                )
            )
        week_a = (placed[0] - start).days // 7 + 1
        week_b = (placed[-1] - start).days // 7 + 1
        new_last = max(new_last, week_b)
        blocks.append(Block(sub.key, week_a, week_b, placed[0], placed[-1], placed))
    return blocks, moves, new_last


def plan(
    methodology: Methodology,
    start: dt.date,
    *,
    calendar: WorkCalendar | None = None,
    delays: Sequence[Delay | tuple[str, int]] = (),
) -> Plan:
    """Lay ``methodology`` on dates from ``start``, with the slips asked for.

    Programme week n runs from start + 7(n−1) to start + 7n − 1. Day blocks
    (the trainings) fall only on working days of ``calendar`` (Monday to
    Friday and Kazakhstan's public holidays by default); a block that does not
    fit its week spills into the next working days, unless the step forbids it,
    and the plan records every move. A step starts no earlier than its
    published week, and only after every step it depends on has ended.

    Parameters
    ----------
    methodology : Methodology
        The steps, their weeks and dependencies.
    start : datetime.date
        The first day of programme week 1.
    calendar : WorkCalendar, optional
        The working days; Monday to Friday and Kazakhstan's holidays by default.
    delays : sequence of Delay or (str, int)
        Slips. A pair ``(step, weeks)`` slips the step by whole weeks from where
        the plan so far puts it, in order, as `Plan.delay()` does; a
        `Delay` is a floor on the step's first week. Each is recorded in
        ``Plan.delays`` and every step it moves in ``Plan.moved``, with why.

    Returns
    -------
    Plan

    Raises
    ------
    ScheduleError
        ``start`` lies outside the years of the limits (``first_year`` …
        ``last_year``), a delay names an unknown step, a step that forbids a
        spill cannot fit, the plan would run longer than the ``weeks`` limit
        (`weeks`), or past the last
        representable date.
    ValueError
        A delay's weeks is not a whole number >= 0.

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> p = plan(public_spaces_methodology(), dt.date(2021, 2, 1), delays=[("4", 2)])
    >>> p.step("7").first_week, p.end, p.delays
    (36, datetime.date(2021, 11, 7), (Delay(step='4', week=7, weeks=2),))
    >>> p.moved[0]
    Move(what='step 4', from_='weeks 5–8 (2021-03-01 – 2021-03-28)', to='weeks 7–10 (2021-03-15 – 2021-04-11)', why='delayed by 2 weeks')

    See Also
    --------
    civicgrants.schedule.plan_season : many localities that share trainers.
    civicgrants.io.views.schedule : the plan's text (a Gantt chart) and JSON.
    """
    floors = tuple(d for d in delays if isinstance(d, Delay))
    try:
        result = _plan(methodology, start, calendar=calendar, delays=floors)
    except OverflowError:
        raise ScheduleError(
            [Problem("start", f"a plan from {start} runs past the last representable date")]
        ) from None
    for d in delays:
        if not isinstance(d, Delay):
            step, weeks = d
            result = result.delay(step, weeks=weeks)
    return result


def _plan(
    methodology: Methodology,
    start: dt.date,
    *,
    calendar: WorkCalendar | None = None,
    delays: tuple[Delay, ...] = (),
) -> Plan:
    if not isinstance(start, dt.date) or isinstance(start, dt.datetime):
        raise TypeError(f"start: must be a date, got {start!r}")
    outside = date_problem(start)
    if outside is not None:
        raise ScheduleError([Problem("start", outside)])
    limit = get_limits().weeks
    cal = calendar or WorkCalendar()
    graph = methodology.planning_graph()
    index = {s.key: i for i, s in enumerate(methodology.steps)}
    order = list(nx.lexicographical_topological_sort(graph, key=lambda k: f"{index[k]:06d}"))
    floor: dict[str, Delay] = {}
    known = [s.key for s in methodology.steps]
    for d in delays:
        if d.step not in known:
            raise ScheduleError(
                [Problem("delays", f"unknown step {d.step!r}; steps: {', '.join(known)}")]
            )
        if d.step not in floor or d.week > floor[d.step].week:
            floor[d.step] = d
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    release: dict[str, int] = {}
    blocks: dict[str, list[Block]] = {}
    moved: list[Move] = []
    for key in order:
        s = methodology.step(key)
        f, why = s.first_week, ""
        if key in floor and floor[key].week > f:
            f, why = (
                floor[key].week,
                f"delayed by {floor[key].weeks} week{'s' if floor[key].weeks != 1 else ''}",
            )
        release[key] = f
        for pred in sorted(graph.predecessors(key), key=index.__getitem__):
            need = last[pred] + 1 + graph.edges[pred, key]["lag_weeks"]
            if need > f:
                f, why = need, f"it follows step {pred!r}, which now ends in week {last[pred]}"
        planned_last = f + s.weeks - 1
        if planned_last > limit:
            raise ScheduleError(
                [
                    Problem(
                        f"step {key}",
                        f"would end in week {planned_last} ({why or 'as published'}), past "
                        f"{limit} weeks (the weeks limit; raise it with --limit weeks=N or "
                        "use_limits(weeks=N))",
                    )
                ]
            )
        placed, moves, l_ = _place_blocks(s, f, planned_last, start, cal)
        if f != s.first_week or l_ != planned_last:
            reason = why or f"its day blocks spill into week {l_}"
            moved.append(
                Move(
                    f"step {key}",
                    _weeks(start, s.first_week, s.last_week),
                    _weeks(start, f, l_),
                    reason,
                )
            )
        moved.extend(moves)
        first[key], last[key], blocks[key] = f, l_, placed

    # Critical path: longest path from a start node through every step to an end node.
    dag: nx.DiGraph[str] = nx.DiGraph()
    start_node, end_node = "\x00start", "\x00end"
    for key in order:
        dur = last[key] - first[key] + 1
        dag.add_edge(start_node, key, weight=(release[key] - 1) * _BONUS)
        dag.add_edge(key, end_node, weight=dur * _BONUS + 1)
    for a, b, data in graph.edges(data=True):
        dag.add_edge(a, b, weight=(last[a] - first[a] + 1 + data["lag_weeks"]) * _BONUS + 1)
    path = nx.dag_longest_path(dag, weight="weight", topo_order=[start_node, *order, end_node])
    length = nx.dag_longest_path_length(dag, weight="weight") // _BONUS
    total = max(last.values())

    latest_last: dict[str, int] = {}
    for key in reversed(order):
        bound = total
        for succ in graph.successors(key):
            dur_succ = last[succ] - first[succ] + 1
            bound = min(
                bound, latest_last[succ] - dur_succ + 1 - 1 - graph.edges[key, succ]["lag_weeks"]
            )
        latest_last[key] = bound
    steps = []
    for s in methodology.steps:
        slack = latest_last[s.key] - last[s.key]
        steps.append(
            StepPlan(
                s.key,
                first[s.key],
                last[s.key],
                programme_week(start, first[s.key])[0],
                programme_week(start, last[s.key])[1],
                tuple(blocks[s.key]),
                slack,
                slack == 0,
            )
        )
    end = programme_week(start, max(total, methodology.weeks))[1]
    return Plan(
        methodology,
        start,
        cal,
        tuple(steps),
        tuple(moved),
        cal.holidays_between(start, end),
        tuple(k for k in path if k not in (start_node, end_node)),
        length,
        tuple(delays),
    )


def critical_path(p: Plan) -> tuple[str, ...]:
    """The step keys of the plan's critical path (a longest path, via networkx).

    The critical path is a longest path through the planning graph, found with
    ``networkx.dag_longest_path``: each step weighs its planned weeks, each
    dependency its lag, and a path may begin at a step's earliest allowed
    week (published or delayed). Among paths of equal length, one along
    dependencies wins. It is the plan's ``critical_path`` attribute.

    Parameters
    ----------
    p : Plan
        A plan made by `plan()`.

    Returns
    -------
    tuple of str
        Step keys in path order.

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> p = plan(public_spaces_methodology(), dt.date(2021, 2, 1))
    >>> critical_path(p), p.critical_path_weeks
    (('1', 'team', '3', '4', '5', '6', '7'), 38)

    See Also
    --------
    plan : computes the path, and each step's slack.
    StepPlan : ``critical`` and ``slack_weeks`` per step.
    networkx.dag_longest_path : the algorithm.
    """
    return p.critical_path
