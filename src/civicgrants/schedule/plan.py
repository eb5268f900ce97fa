"""Plans: a methodology laid on real dates, with working days, slips and the critical path."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import threading
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

import attrs
import networkx as nx

from civicgrants.errors import Problem, ScheduleError
from civicgrants.model.display import frame, shows
from civicgrants.model.fields import count
from civicgrants.model.limits import date_problem, get_limits
from civicgrants.schedule.calendar import Holiday, WorkCalendar, programme_week
from civicgrants.schedule.methodology import Methodology, Spill, Step

__all__ = ["Block", "Delay", "Move", "MoveReason", "Plan", "StepPlan", "critical_path", "plan"]


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
        trainer is free), ``trainer-travels`` (the one eligible trainer is
        still travelling from another locality), ``optimal`` (the optimal plan
        gives it a later day) or ``past-step`` (the training now runs past its
        step's weeks; the locality's later steps follow it).
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
    its day blocks spill 3 working days past 2021-03-28, into week 5

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
    """A slip asked for: ``step`` starts and ends ``days`` working days later.

    Slips of one step add up. A slip asked for is never absorbed by the step it
    delays (see ``Step.absorbs_days``): its start and its end move by the
    working days asked, and what follows it moves as far as it must.

    Attributes
    ----------
    step : str
        The step key.
    days : int
        The slip in working days (>= 0).
    weeks : int
        The slip in weeks, when it was asked in weeks (``days`` is then the
        working days of that many working weeks); 0 when asked in days.

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> p = plan(public_spaces_methodology(), dt.date(2021, 2, 1), delays=[Delay("5", 10, 2)])
    >>> p.step("5").first_week, p.delays
    (11, (Delay(step='5', days=10, weeks=2),))

    See Also
    --------
    Plan.delay : slip a step by weeks or working days from where the plan puts it.
    plan : takes delays as ``Delay`` objects or ``(step, weeks)`` pairs.
    """

    step: str
    days: int = count()
    weeks: int = count(default=0)


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
        ``slack_days`` in whole working weeks (the calendar's working days per week).
    critical : bool
        True when ``slack_days`` is 0.
    slack_days : int
        How many working days the step could end later without moving the
        plan's end: exact, found by planning again with the step ending later
        (the later steps absorb what they may).
    absorbed_days : int
        The working days the step started late and still kept its end (see
        ``Step.absorbs_days``); 0 when it started on time or moved whole.

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> s = plan(public_spaces_methodology(), dt.date(2021, 2, 1)).step("3")
    >>> print(s.start, s.end, s.weeks, s.slack_days, s.slack_weeks, s.critical)
    2021-02-22 2021-02-28 1 5 1 False
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
    slack_days: int = 0
    absorbed_days: int = 0

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
        The chain of steps that sets the last step's end (see `critical_path()`).
    critical_path_weeks : int
        The programme weeks from its first step's start to its last step's end.
    delays : tuple of Delay
        The slips asked for, in order.
    not_before : tuple of (str, datetime.date)
        The day blocks held back, by key: each starts no earlier than its date
        (see `plan()`); sorted by key.

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
    not_before: tuple[tuple[str, dt.date], ...] = ()

    @property
    def weeks(self) -> int:
        """The plan's length in programme weeks.

        The methodology's calendar (``methodology.weeks``), or longer when a
        step slips or spills past it.
        """
        return max(self.methodology.weeks, max(s.last_week for s in self.steps))

    @property
    def end(self) -> dt.date:
        """The last day of the plan: of the methodology's calendar, or of a step that ends later."""
        return max(
            programme_week(self.start, self.methodology.weeks)[1], max(s.end for s in self.steps)
        )

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

    def delay(self, step: str, *, weeks: int = 0, days: int = 0) -> Plan:
        """A new plan in which ``step`` starts and ends later, the slip carried along.

        The slip is ``weeks`` working weeks (the calendar's working days per
        week each) plus ``days`` working days. Every step that follows it,
        directly or not, moves as far as it must and no further: a step that
        absorbs a short slip (``Step.absorbs_days``) keeps its end, and nothing
        moves earlier.

        Parameters
        ----------
        step : str
            The step key.
        weeks : int
            Whole working weeks (>= 0) to slip the step from where this plan puts it.
        days : int
            Further working days (>= 0).

        Returns
        -------
        Plan
            A new plan with the slip added to ``delays``; this plan is unchanged.

        Raises
        ------
        ValueError
            If ``weeks`` or ``days`` is not a whole number >= 0.
        ScheduleError
            If the plan has no such step.

        Examples
        --------
        >>> from civicgrants.schedule import public_spaces_methodology
        >>> p = plan(public_spaces_methodology(), dt.date(2021, 2, 1))
        >>> later = p.delay("4", weeks=2)
        >>> later.step("4").first_week, later.step("7").first_week, later.end
        (7, 36, datetime.date(2021, 11, 7))
        >>> print(later.moved[0])
        step 4: weeks 5–8 (2021-03-01 – 2021-03-28) → weeks 7–10 (2021-03-16 – 2021-04-11) (delayed by 2 weeks)

        See Also
        --------
        plan : its ``delays`` asks for several slips at once.
        Delay : the slip recorded.
        """
        for name, value in (("weeks", weeks), ("days", days)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name}: must be a whole number >= 0, got {value!r}")
        try:
            self.step(step)
        except KeyError as exc:
            raise ScheduleError([Problem("delay", str(exc.args[0]))]) from None
        slip = Delay(
            step, weeks * max(1, len(self.calendar.working_week)) + days, weeks if not days else 0
        )
        return plan(
            self.methodology,
            self.start,
            calendar=self.calendar,
            delays=(*self.delays, slip),
            not_before=dict(self.not_before),
        )

    def slack_to(self, day: dt.date) -> int:
        """How many working days the plan's last step can end later, the plan still ending by ``day``.

        A slip of the last step (``delay(last, days=n)``) moves its end ``n``
        working days on, and then on over the days off that follow; this is the
        largest ``n`` that keeps the plan's end on or before ``day``. A season
        gives each locality this float against the season's end.

        Parameters
        ----------
        day : datetime.date
            A deadline on or after the plan's end.

        Returns
        -------
        int
            Working days, >= 0.

        Raises
        ------
        TypeError
            If ``day`` is not a date.
        ValueError
            If ``day`` is before the plan's end.

        Examples
        --------
        >>> from civicgrants.schedule import public_spaces_methodology
        >>> p = plan(public_spaces_methodology(), dt.date(2021, 2, 1))
        >>> p.end, p.slack_to(dt.date(2021, 11, 7))
        (datetime.date(2021, 10, 24), 10)
        >>> p.delay("7", days=10).end
        datetime.date(2021, 11, 7)

        See Also
        --------
        civicgrants.schedule.LocalityPlan : ``float_days`` is this against the season's end.
        """
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise TypeError(f"day: must be a date, got {day!r}")
        if day < self.end:
            raise ValueError(f"day: {day.isoformat()} is before the plan's end {self.end}")
        limit = programme_week(self.start, get_limits().weeks)[1]
        if day > limit:
            raise ValueError(
                f"day: {day.isoformat()} is past {get_limits().weeks} weeks from the plan's start "
                "(the weeks limit)"
            )
        last = max(s.end for s in self.steps)
        return _within(_work(self.calendar, self.start, limit + dt.timedelta(weeks=2)), last, day)

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


def _span(start: dt.date, a: dt.date, b: dt.date) -> str:
    first, last = (a - start).days // 7 + 1, (b - start).days // 7 + 1
    span = f"week {first}" if first == last else f"weeks {first}–{last}"
    return f"{span} ({a.isoformat()} – {b.isoformat()})"


def _dates(days: tuple[dt.date, ...]) -> str:
    return (
        days[0].isoformat() if len(days) == 1 else f"{days[0].isoformat()} – {days[-1].isoformat()}"
    )


def _n_days(n: int) -> str:
    return f"{n} working day{'s' if n != 1 else ''}"


@functools.lru_cache(maxsize=256)
def _year_flags(cal: WorkCalendar, year: int) -> tuple[bool, ...]:
    """Whether each day of ``year`` is a working day of ``cal`` (shared by every plan)."""
    first = dt.date(year, 1, 1)
    n = (dt.date(year, 12, 31) - first).days + 1
    return tuple(cal.is_working_day(first + dt.timedelta(days=i)) for i in range(n))


class _PastLimit(Exception):
    """The working days asked for run past the weeks limit (a plan's internals)."""


class _Work:
    """The calendar's working days from a plan's start on, counted on demand (a plan's internals).

    ``_prefix[i]`` holds the working days in ``origin .. origin + i`` (excluded), so
    counting is a subtraction and finding the n-th working day a bisection.
    """

    __slots__ = ("_cal", "_horizon", "_origin", "_prefix", "per_week")

    def __init__(self, cal: WorkCalendar, origin: dt.date, horizon: dt.date) -> None:
        self.per_week = max(1, len(cal.working_week))
        self._cal = cal
        self._origin = origin
        self._horizon = horizon
        self._prefix = [0]

    def _grow(self) -> None:
        prefix = self._prefix
        day = self._origin + dt.timedelta(days=len(prefix) - 1)
        if day > self._horizon:
            raise _PastLimit
        flags = _year_flags(self._cal, day.year)
        at = day.timetuple().tm_yday - 1
        chunk = itertools.accumulate(flags[at : at + 64], initial=prefix[-1])
        next(chunk)  # the count so far, already the last entry
        prefix.extend(chunk)

    def _index(self, day: dt.date) -> int:
        i = (day - self._origin).days
        if i < 0:
            raise _PastLimit  # pragma: no cover - every step starts on or after the plan's start
        while len(self._prefix) <= i + 1:
            self._grow()
        return i

    def _nth(self, total: int) -> int:
        """The index of the day that brings the count to ``total`` working days."""
        while self._prefix[-1] < total:
            self._grow()
        return bisect_left(self._prefix, total) - 1

    def count(self, a: dt.date, b: dt.date) -> int:
        """Working days in ``a`` .. ``b``, ``b`` excluded (0 when ``b <= a``)."""
        if b <= a:
            return 0
        i, j = max(self._index(a), 0), self._index(b)
        return self._prefix[j] - self._prefix[i]

    def working(self, day: dt.date) -> bool:
        i = self._index(day)
        return self._prefix[i + 1] > self._prefix[i]

    def skip(self, day: dt.date, n: int) -> dt.date:
        """``day`` itself when ``n`` is 0, else the first working day after ``n`` from ``day`` on."""
        if n <= 0:
            return day
        i = self._index(day)
        return self._origin + dt.timedelta(days=self._nth(self._prefix[i] + n + 1))

    def back(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day before ``day`` (``n`` >= 1); the origin when there are fewer."""
        target = self._prefix[self._index(day)] - n
        if target < 0:
            return self._origin
        return self._origin + dt.timedelta(days=self._nth(target + 1))

    def nth(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day (``n`` >= 1) from ``day`` on."""
        i = self._index(day)
        return self._origin + dt.timedelta(days=self._nth(self._prefix[i] + n))

    def extend(self, day: dt.date, n: int) -> dt.date:
        """``day`` moved ``n`` working days later, then on to the eve of the next working day."""
        if n <= 0:
            return day
        i = self._index(day)
        return self.eve(self._origin + dt.timedelta(days=self._nth(self._prefix[i + 1] + n)))

    def eve(self, day: dt.date) -> dt.date:
        """``day``, or the last day before the next working day when the days after it are off."""
        i = self._index(day)
        return self._origin + dt.timedelta(days=self._nth(self._prefix[i + 1] + 1) - 1)


_DAY = dt.timedelta(days=1)


@attrs.frozen
class _Placed:
    """One step as the forward pass placed it."""

    start: dt.date
    end: dt.date
    blocks: tuple[Block, ...]
    moves: tuple[Move, ...]
    absorbed: int
    binding: str | None  # the step whose end set its start


class _Shape:
    """A methodology's planning graph as plain lists and dicts (a plan's internals)."""

    __slots__ = ("edges", "index", "order", "preds", "steps", "succs")

    def __init__(self, methodology: Methodology) -> None:
        graph = methodology.planning_graph()
        index = {s.key: i for i, s in enumerate(methodology.steps)}
        self.index = index
        self.steps = {s.key: s for s in methodology.steps}
        self.order: list[str] = list(
            nx.lexicographical_topological_sort(graph, key=lambda k: f"{index[k]:06d}")
        )
        self.preds = {k: sorted(graph.predecessors(k), key=index.__getitem__) for k in index}
        self.succs = {k: list(graph.successors(k)) for k in index}
        self.edges: dict[tuple[str, str], dict[str, int]] = {
            (a, b): dict(data) for a, b, data in graph.edges(data=True)
        }


_SHAPES: dict[int, tuple[Methodology, _Shape]] = {}
_KEPT = 32  # the methodologies whose shapes are kept


def _shape(methodology: Methodology) -> _Shape:
    """The methodology's shape, made once per methodology object (it is immutable)."""
    hit = _SHAPES.get(id(methodology))
    if hit is not None and hit[0] is methodology:
        return hit[1]
    shape = _Shape(methodology)
    if len(_SHAPES) >= _KEPT:
        _SHAPES.clear()
    _SHAPES[id(methodology)] = (methodology, shape)  # the object is kept: its id stays its own
    return shape


_WORKS = threading.local()  # each thread its own: a _Work grows as it is read


def _work(cal: WorkCalendar, origin: dt.date, horizon: dt.date) -> _Work:
    """The working days from ``origin``, shared by the plans of one thread with that start."""
    works: dict[tuple[WorkCalendar, dt.date, dt.date], _Work] | None = getattr(
        _WORKS, "works", None
    )
    if works is None:
        works = _WORKS.works = {}
    key = (cal, origin, horizon)
    hit = works.get(key)
    if hit is None:
        if len(works) >= 4 * _KEPT:
            works.clear()
        hit = works[key] = _Work(cal, origin, horizon)
    return hit


class _Pass:
    """What every step of one plan is placed with (a plan's internals)."""

    __slots__ = (
        "asked",
        "cal",
        "edges",
        "floors",
        "index",
        "methodology",
        "order",
        "own",
        "preds",
        "start",
        "steps",
        "succs",
        "work",
    )

    def __init__(
        self,
        methodology: Methodology,
        start: dt.date,
        cal: WorkCalendar,
        work: _Work,
        own: dict[str, int],
        asked: dict[str, str],
        floors: dict[str, dt.date],
    ) -> None:
        self.methodology = methodology
        self.start = start
        self.cal = cal
        self.work = work
        self.own = own  # working days of slip asked for, by step
        self.asked = asked  # the words of those slips, by step
        self.floors = floors  # not_before, by block key
        shape = _shape(methodology)
        self.index = shape.index
        self.order = shape.order
        self.preds = shape.preds
        self.succs = shape.succs
        self.edges = shape.edges
        self.steps = shape.steps

    def window(self, s: Step) -> tuple[dt.date, dt.date]:
        """The first and last day of the step's published weeks."""
        start = self.start
        return (
            start + dt.timedelta(days=7 * (s.first_week - 1)),
            start + dt.timedelta(days=7 * s.last_week - 1),
        )

    def need(self, before: str, after: str, end: dt.date) -> dt.date:
        """The first day ``after`` may start when ``before`` ends on ``end``."""
        return _need(end, self.edges[before, after], self.work)

    def blocks_last(self, s: Step, at: dt.date) -> dt.date:
        """The last training day of step ``s`` started on ``at`` (``at`` without trainings).

        The trainings run one after another on working days from ``at``, each
        from its ``not_before`` day if that is later.
        """
        work, floors = self.work, self.floors
        cursor = last = at
        for sub in s.substeps:
            if sub.days is None:
                continue
            floor = floors.get(sub.key)
            if floor is not None and floor > cursor:
                cursor = floor
            last = work.nth(cursor, sub.days)
            cursor = last + _DAY
        return last


def _place_blocks(
    step: Step, first: dt.date, last: dt.date, shift: int, ctx: _Pass
) -> tuple[list[Block], list[Move], dt.date]:
    """Place the step's sub-steps from ``first``; blocks, moves and the step's (later) last day.

    Spans of weeks move ``shift`` working days with the step and never start before it.
    """
    start, work, cal = ctx.start, ctx.work, ctx.cal
    blocks: list[Block] = []
    moves: list[Move] = []
    cursor = naive_cursor = first
    new_last = last
    for sub in step.substeps:
        if sub.days is None:
            assert sub.first_week is not None and sub.last_week is not None
            a = programme_week(start, sub.first_week)[0]
            b = programme_week(start, sub.last_week)[1]
            b = work.extend(b, shift)
            a = min(max(work.skip(a, shift), first), b)
            blocks.append(Block(sub.key, _week(start, a), _week(start, b), a, b))
            continue
        floor = ctx.floors.get(sub.key)
        held = floor is not None and floor > cursor
        if held:
            assert floor is not None
            cursor = floor
        days: list[dt.date] = []
        skipped: list[dt.date] = []
        try:
            while len(days) < sub.days:
                if work.working(cursor):
                    days.append(cursor)
                elif cal.is_working_weekday(cursor):
                    skipped.append(cursor)
                cursor += _DAY
        except _PastLimit:
            limit = get_limits().weeks
            raise ScheduleError(
                [
                    Problem(
                        f"step {step.key}",
                        f"block {sub.key!r} needs {_n_days(sub.days)}"
                        f"{f' from {floor.isoformat()} (not_before)' if held and floor else ''}"
                        f", which run past {limit} weeks from {start.isoformat()} (the weeks "
                        "limit; raise it with --limit weeks=N or use_limits(weeks=N))",
                    )
                ]
            ) from None
        naive: list[dt.date] = []
        while len(naive) < sub.days:
            if cal.is_working_weekday(naive_cursor):
                naive.append(naive_cursor)
            naive_cursor += _DAY
        placed = tuple(days)
        spilled = placed[-1] > last
        if spilled and step.spill is Spill.FORBID:
            raise ScheduleError(
                [
                    Problem(
                        f"step {step.key}",
                        f"block {sub.key!r} needs {sub.days} working days but only "
                        f"{sum(1 for d in placed if d <= last)} fit in {_span(start, first, last)}"
                        f"{' (' + '; '.join(cal.why_not_working(d) for d in skipped) + ')' if skipped else ''}"
                        f"{f' from {floor.isoformat()} (not_before)' if held and floor else ''}"
                        f", and step {step.key!r} forbids a spill",
                    )
                ]
            )
        if placed != tuple(naive) or spilled:
            reasons = []
            if held:
                assert floor is not None
                reasons.append(f"it may not start before {floor.isoformat()} (not_before)")
            reasons += [cal.why_not_working(d) for d in skipped if d <= placed[-1]]
            if not reasons and blocks and blocks[-1].days:
                reasons.append(f"it follows {blocks[-1].key}, which moved")
            if spilled and not held:
                reasons.append(
                    f"not enough working days in {_span(start, first, last)}, so it spills over"
                )
            origin = _dates(tuple(naive))
            if placed == tuple(naive):  # it only spilled: say where it was meant to be
                origin = f"{origin} (planned inside {_span(start, first, last)})"
            moves.append(
                Move(
                    f"{sub.key} ({sub.names.get('en')})", origin, _dates(placed), "; ".join(reasons)
                )
            )
        new_last = max(new_last, placed[-1])
        blocks.append(
            Block(
                sub.key,
                _week(start, placed[0]),
                _week(start, placed[-1]),
                placed[0],
                placed[-1],
                placed,
            )
        )
    return blocks, moves, new_last


def _week(start: dt.date, day: dt.date) -> int:
    return (day - start).days // 7 + 1


def _need(end: dt.date, edge: dict[str, int], work: _Work) -> dt.date:
    """The first day a step may start after one it follows ends on ``end`` (its lags in working days).

    A lag of whole weeks counts the calendar's working days per week, as a slip does;
    a negative total (an overlap) counts back as many working days.
    """
    total = edge["lag_weeks"] * work.per_week + edge["lag_days"]
    if total >= 0:
        return work.skip(end + _DAY, total)
    return work.back(end + _DAY, -total)


def _timing(
    s: Step, ps: dt.date, pe: dt.date, at: dt.date, ctx: _Pass, blocks: bool = True
) -> tuple[int, int, dt.date, dt.date, dt.date]:
    """A step's dates once the steps before it let it start on ``at``.

    Returns the working days it starts late, those it absorbs, its start, its end
    before its trainings and its end after them (they run on working days from its
    start, each from its ``not_before`` day; without ``blocks``, the end before them
    again).
    """
    work = ctx.work
    mine = ctx.own.get(s.key, 0)
    late = work.count(ps, at)
    absorbed = late if 0 < late <= s.absorbs_days and at <= pe else 0
    end = pe if absorbed or late == 0 else work.extend(pe, late)
    if at > end:  # a window without working days, started after it
        end = work.eve(at)
    if mine:  # a slip asked for moves the step from where the steps before it put it
        end = work.extend(end, mine)
        at = min(work.skip(at, mine), end)
    if not blocks:
        return late, absorbed, at, end, end
    last = ctx.blocks_last(s, at)
    return late, absorbed, at, end, work.eve(last) if last > end else end


def _forward(ctx: _Pass, order: list[str]) -> dict[str, _Placed]:
    """Place every step, in topological order, by working days (see `plan()`)."""
    out: dict[str, _Placed] = {}
    for key in order:
        try:
            out[key] = _forward_step(ctx, ctx.steps[key], out)
        except _PastLimit:
            raise ScheduleError(
                [
                    Problem(
                        f"step {key}",
                        f"would run past {get_limits().weeks} weeks from {ctx.start.isoformat()} "
                        f"({ctx.asked.get(key) or 'as published, after the steps before it'}) "
                        "(the weeks limit; raise it with --limit weeks=N or use_limits(weeks=N))",
                    )
                ]
            ) from None
    return out


def _forward_step(ctx: _Pass, s: Step, out: dict[str, _Placed]) -> _Placed:
    """One step of `_forward()`, after every step it follows."""
    key, start, work = s.key, ctx.start, ctx.work
    ps, pe = ctx.window(s)
    fs, fe = ps, pe
    needs = []
    for pred in ctx.preds[key]:
        edge = ctx.edges[pred, key]
        lag = edge["lag_weeks"] * work.per_week + edge["lag_days"]
        needs.append((_need(out[pred].end, edge, work), pred, lag))
    at = max([fs, *(n for n, _, _ in needs)])
    binding = next((pred for n, pred, _ in needs if n == at), None)  # the first tight one
    why = ""
    if at > fs and binding is not None:
        lag = next(lag for _, pred, lag in needs if pred == binding)
        why = f"it follows step {binding!r}, which now ends on {out[binding].end.isoformat()}"
        if lag:
            why += (
                f", after a lag of {_n_days(lag)}"
                if lag > 0
                else f", with an overlap of {_n_days(-lag)}"
            )
    late, absorbed, at, end, _ = _timing(s, fs, fe, at, ctx, blocks=False)
    reasons = [why] if why else []
    if absorbed:
        reasons.append(
            f"it starts {_n_days(late)} late and keeps its end (it absorbs up to "
            f"{_n_days(s.absorbs_days)})"
        )
    elif late and late <= s.absorbs_days:
        reasons.append(
            f"it starts {_n_days(late)} late, after its planned end "
            f"{programme_week(start, s.last_week)[1].isoformat()}, so its end moves as much"
        )
    elif late and s.absorbs_days:
        reasons.append(
            f"it starts {_n_days(late)} late, more than the {_n_days(s.absorbs_days)} it "
            "absorbs, so its end moves as much"
        )
    if ctx.own.get(key, 0):
        reasons.append(ctx.asked[key])
    shift = work.count(pe + _DAY, end + _DAY)
    blocks, moves, last = _place_blocks(s, at, end, shift, ctx)
    if last > end:
        spill = work.count(end + _DAY, last + _DAY)
        reasons.append(
            f"its day blocks spill {_n_days(spill)} past {end.isoformat()}, into week "
            f"{_week(start, last)}"
        )
        end = work.eve(last)
    step_moves: list[Move] = []
    if (at, end) != (ps, pe):
        step_moves.append(
            Move(f"step {key}", _span(start, ps, pe), _span(start, at, end), "; ".join(reasons))
        )
    return _Placed(
        at,
        end,
        tuple(blocks),
        (*step_moves, *moves),
        absorbed,
        binding,
    )


def plan(
    methodology: Methodology,
    start: dt.date,
    *,
    calendar: WorkCalendar | None = None,
    delays: Sequence[Delay | tuple[str, int]] = (),
    not_before: Mapping[str, dt.date] | None = None,
) -> Plan:
    """Lay ``methodology`` on dates from ``start``, with the slips asked for.

    Programme week n runs from start + 7(n−1) to start + 7n − 1. Day blocks
    (the trainings) fall only on working days of ``calendar`` (Monday to
    Friday and Kazakhstan's public holidays by default); a block that does not
    fit its week spills into the next working days, unless the step forbids it,
    and the plan records every move.

    Steps move by working days, not weeks. A step starts no earlier than its
    published week, and only after every step it depends on has ended, plus
    the dependency's ``lag_weeks`` and ``lag_days``. A step that starts late
    keeps its published end when the late start is at most its
    ``absorbs_days`` (the days absorbed are reported); otherwise its end moves
    by as many working days as its start, and the step after it follows the
    next day. A step whose trainings spill ends on their last day. So a spill
    of d working days never moves the plan's end by more than d working days.
    The week view (``first_week``, ``last_week``) is the weeks those days lie in.

    Parameters
    ----------
    methodology : Methodology
        The steps, their weeks and dependencies.
    start : datetime.date
        The first day of programme week 1.
    calendar : WorkCalendar, optional
        The working days; Monday to Friday and Kazakhstan's holidays by default.
    delays : sequence of Delay or (str, int)
        Slips. A pair ``(step, weeks)`` slips the step by that many working
        weeks, as `Plan.delay()` does; a `Delay` by its working days. Each is
        recorded in ``Plan.delays`` and every step it moves in ``Plan.moved``,
        with why.
    not_before : mapping of str to datetime.date, optional
        Day blocks held back: the block with that key (``"3.1"``) starts no
        earlier than that date, as when its trainer is busy until then
        (`plan_season()` uses it). What follows the block moves by the same
        rules as for a spill. Recorded in ``Plan.not_before``.

    Returns
    -------
    Plan

    Raises
    ------
    ScheduleError
        ``start`` lies outside the years of the limits (``first_year`` …
        ``last_year``), a delay names an unknown step, ``not_before`` names a
        key that is not a day block, a step that forbids a spill cannot fit,
        the plan would run longer than the ``weeks`` limit (`weeks`), or past
        the last representable date.
    ValueError
        A delay's weeks is not a whole number >= 0.
    TypeError
        A ``not_before`` day is not a date.

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> p = plan(public_spaces_methodology(), dt.date(2021, 2, 1), delays=[("4", 2)])
    >>> p.step("7").first_week, p.end, p.delays
    (36, datetime.date(2021, 11, 7), (Delay(step='4', days=10, weeks=2),))
    >>> p.moved[0]
    Move(what='step 4', from_='weeks 5–8 (2021-03-01 – 2021-03-28)', to='weeks 7–10 (2021-03-16 – 2021-04-11)', why='delayed by 2 weeks')

    A training held back by a week ends step 3 a week late (8 March, a
    holiday, is its last day off); drafting absorbs the five working days and
    keeps its end:

    >>> held = plan(public_spaces_methodology(), dt.date(2021, 2, 1),
    ...             not_before={"3.1": dt.date(2021, 3, 1)})
    >>> for m in held.moved:
    ...     print(m)
    step 3: week 4 (2021-02-22 – 2021-02-28) → weeks 4–6 (2021-02-22 – 2021-03-08) (its day blocks spill 5 working days past 2021-02-28, into week 5)
    3.1 (Introductory seminar 'Community mobilisation'): 2021-02-22 – 2021-02-23 → 2021-03-01 – 2021-03-02 (it may not start before 2021-03-01 (not_before))
    3.2 (Course 'Project design and management'): 2021-02-24 – 2021-02-26 → 2021-03-03 – 2021-03-05 (it follows 3.1, which moved; not enough working days in week 4 (2021-02-22 – 2021-02-28), so it spills over)
    step 4: weeks 5–8 (2021-03-01 – 2021-03-28) → weeks 6–8 (2021-03-09 – 2021-03-28) (it follows step '3', which now ends on 2021-03-08; it starts 5 working days late and keeps its end (it absorbs up to 5 working days))
    >>> held.end == plan(public_spaces_methodology(), dt.date(2021, 2, 1)).end
    True

    See Also
    --------
    civicgrants.schedule.plan_season : many localities that share trainers.
    civicgrants.io.views.schedule : the plan's text (a Gantt chart) and JSON.
    """
    cal = calendar or WorkCalendar()
    slips: list[Delay] = []
    for d in delays:
        if isinstance(d, Delay):
            slips.append(d)
            continue
        step, weeks = d
        if isinstance(weeks, bool) or not isinstance(weeks, int) or weeks < 0:
            raise ValueError(f"weeks: must be a whole number >= 0, got {weeks!r}")
        slips.append(Delay(step, weeks * max(1, len(cal.working_week)), weeks))
    floors = dict(not_before or {})
    for key, day in floors.items():
        if not isinstance(key, str):
            raise TypeError(f"not_before: keys must be block keys (str), got {key!r}")
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise TypeError(f"not_before[{key!r}]: must be a date, got {day!r}")
    try:
        return _plan(methodology, start, calendar=cal, delays=tuple(slips), floors=floors)
    except OverflowError:
        raise ScheduleError(
            [Problem("start", f"a plan from {start} runs past the last representable date")]
        ) from None


def _plan(
    methodology: Methodology,
    start: dt.date,
    *,
    calendar: WorkCalendar,
    delays: tuple[Delay, ...],
    floors: dict[str, dt.date],
) -> Plan:
    if not isinstance(start, dt.date) or isinstance(start, dt.datetime):
        raise TypeError(f"start: must be a date, got {start!r}")
    outside = date_problem(start)
    if outside is not None:
        raise ScheduleError([Problem("start", outside)])
    limit = get_limits().weeks
    cal = calendar
    known = [s.key for s in methodology.steps]
    own: dict[str, int] = {}
    for d in delays:
        if d.step not in known:
            raise ScheduleError(
                [Problem("delays", f"unknown step {d.step!r}; steps: {', '.join(known)}")]
            )
        own[d.step] = own.get(d.step, 0) + d.days
    trainings = [sub.key for s in methodology.steps for sub in s.substeps if sub.days is not None]
    for key in sorted(floors):
        if key not in trainings:
            raise ScheduleError(
                [
                    Problem(
                        "not_before",
                        f"{key!r} is not a day block; day blocks: {', '.join(trainings) or 'none'}",
                    )
                ]
            )
    horizon = programme_week(start, limit)[1]
    # the steps' ends are checked against the limit below; the days just past it may be looked at
    work = _work(cal, start, horizon + dt.timedelta(weeks=2))
    asked = {k: _asked([d for d in delays if d.step == k], work.per_week) for k in own}
    ctx = _Pass(methodology, start, cal, work, own, asked, floors)
    order = ctx.order
    placed = _forward(ctx, order)
    end = max(max(p.end for p in placed.values()), programme_week(start, methodology.weeks)[1])
    for key, p in placed.items():
        if _week(start, p.end) > limit:
            raise ScheduleError(
                [
                    Problem(
                        f"step {key}",
                        f"would end in week {_week(start, p.end)}, past {limit} weeks (the weeks "
                        "limit; raise it with --limit weeks=N or use_limits(weeks=N))",
                    )
                ]
            )

    last_end = max(p.end for p in placed.values())  # the last step's: slack ignores the calendar

    slack = _slack(ctx, order, placed, last_end)
    last = max(order, key=lambda k: (placed[k].end, -ctx.index[k]))
    path = [last]
    while (
        (b := placed[path[-1]].binding) is not None
        and slack[b] == 0
        and not placed[path[-1]].absorbed
    ):
        path.append(b)
    path.reverse()
    steps = tuple(
        StepPlan(
            s.key,
            _week(start, placed[s.key].start),
            _week(start, placed[s.key].end),
            placed[s.key].start,
            placed[s.key].end,
            placed[s.key].blocks,
            slack[s.key] // work.per_week,
            slack[s.key] == 0,
            slack[s.key],
            placed[s.key].absorbed,
        )
        for s in methodology.steps
    )
    moved = tuple(m for key in order for m in placed[key].moves)
    return Plan(
        methodology,
        start,
        cal,
        steps,
        moved,
        cal.holidays_between(start, end),
        tuple(path),
        _week(start, placed[path[-1]].end) - _week(start, placed[path[0]].start) + 1,
        tuple(delays),
        tuple(sorted(floors.items())),
    )


def _latest(lo: dt.date, hi: dt.date, ok: Callable[[dt.date], bool]) -> dt.date:
    """The latest day of ``lo`` .. ``hi`` for which ``ok`` holds (``ok`` holds on ``lo``, and stops once it fails).

    It gallops from ``lo`` (slack is mostly a few days), then bisects the last stride.
    """
    a, top = lo.toordinal(), hi.toordinal()
    stride = 1
    while a < top:
        probe = min(a + stride, top)
        if not ok(dt.date.fromordinal(probe)):
            b = probe - 1
            while a < b:
                mid = (a + b + 1) // 2
                if ok(dt.date.fromordinal(mid)):
                    a = mid
                else:
                    b = mid - 1
            break
        a = probe
        stride *= 2
    return dt.date.fromordinal(a)


def _slack(
    ctx: _Pass, order: list[str], placed: dict[str, _Placed], last_end: dt.date
) -> dict[str, int]:
    """Each step's slack in working days, exactly, by one backward pass.

    A step's end reaches the others only through its followers' starts, and each
    step's end is monotone in its start, so the ends that move nothing are the days
    up to a latest one. Going backwards, for each follower: its latest start that
    keeps its end within its latest end, then this step's latest end whose wait
    keeps that start; bisections over days, one step at a time.
    """
    work, need = ctx.work, ctx.need
    latest: dict[str, dt.date] = {}
    for key in reversed(order):
        bound = last_end
        for succ in ctx.succs[key]:
            s = ctx.steps[succ]
            ps, pe = ctx.window(s)
            floor = max([ps, *(need(q, succ, placed[q].end) for q in ctx.preds[succ] if q != key)])

            def keeps(
                at: dt.date, s: Step = s, ps: dt.date = ps, pe: dt.date = pe, succ: str = succ
            ) -> bool:
                try:
                    return _timing(s, ps, pe, at, ctx)[4] <= latest[succ]
                except _PastLimit:  # its trainings would run past the weeks limit: it moves
                    return False

            first = max(floor, need(key, succ, placed[key].end))
            last_start = _latest(first, latest[succ], keeps)

            def waits_enough(
                end: dt.date, k: str = key, j: str = succ, at: dt.date = last_start
            ) -> bool:
                try:
                    return need(k, j, end) <= at
                except _PastLimit:  # pragma: no cover - the wait runs past the weeks limit
                    return False

            edge = ctx.edges[key, succ]
            if edge["lag_weeks"] == 0 and edge["lag_days"] == 0:  # it may start the next day
                bound = min(bound, max(placed[key].end, last_start - _DAY))
            else:
                bound = min(bound, _latest(placed[key].end, bound, waits_enough))
        latest[key] = bound
    return {key: _within(work, placed[key].end, latest[key]) for key in order}


def _within(work: _Work, end: dt.date, latest: dt.date) -> int:
    """The most working days ``end`` can move later (by ``extend``) and stay by ``latest``."""
    x = work.count(end + _DAY, latest + _DAY)
    while x:
        try:
            if work.extend(end, x) <= latest:
                break
        except _PastLimit:  # the days off after it run past what is counted: it is later
            pass
        x -= 1
    return x


def _asked(delays: list[Delay], per_week: int) -> str:
    weeks = sum(d.weeks for d in delays)
    days = sum(d.days for d in delays)
    if all(d.weeks and d.days == d.weeks * per_week for d in delays):
        return f"delayed by {weeks} week{'s' if weeks != 1 else ''}"
    return f"delayed by {_n_days(days)}"


def critical_path(p: Plan) -> tuple[str, ...]:
    """The step keys of the plan's critical path (a longest path, via networkx).

    The critical path ends with the step that ends last (the first in the
    methodology's order on a tie) and goes back, along the planning graph,
    through the step that set each one's start, as long as that step has no
    slack (``slack_days`` 0) and the later one did not absorb the wait. Every
    step on it is critical: ending it one working day later moves the plan's
    end. It is the plan's ``critical_path`` attribute.

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
    >>> critical_path(p), p.critical_path_weeks  # building absorbs 5 days: only 6 and 7 are critical
    (('6', '7'), 26)

    See Also
    --------
    plan : computes the path, and each step's slack.
    StepPlan : ``critical`` and ``slack_weeks`` per step.
    """
    return p.critical_path
