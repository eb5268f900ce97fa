"""The state-grant calendar plan: activities × project months 1..N marked "+".

The «Календарный план» of a state social grant application (seed-001 §4) has
no dates: each activity row carries a "+" in some of the columns «Месяц 1» …
«Месяц N». `MonthGrid` is that table as data, `check_grid()`
returns findings for it, and `to_dated()` / `from_dated()` convert
between the grid and a dated plan once a start date is known.

Project month m runs from ``start + (m − 1) months`` to
``start + m months − 1 day`` (see `project_month()`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection, Iterable, Iterator
from typing import Any, TypeVar

import attrs
import pendulum

from civicgrants.errors import Problem, ScheduleError
from civicgrants.model.display import shows
from civicgrants.model.fields import (
    SCHEMA,
    count,
    date,
    entity,
    ident,
    many,
    optional_ident,
    text,
)
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.limits import DEFAULT_LIMITS, date_problem
from civicgrants.model.names import Names
from civicgrants.schedule.calendar import months_limit, within_months

T = TypeVar("T")

__all__ = [
    "DatedActivity",
    "GridActivity",
    "MonthGrid",
    "check_grid",
    "from_dated",
    "project_month",
    "to_dated",
]


_DEFAULT_MONTHS = max(1, DEFAULT_LIMITS.weeks * 12 // 52)
"""The months the default weeks limit holds (120), as `months_limit()` gives them."""


def _months() -> Any:
    """Distinct whole months from 1, each within the months the weeks limit holds."""
    field = many(int, unique=True)
    field.validator(within_months)
    field.metadata[SCHEMA] = {  # the default limit, as the methodology's weeks
        **field.metadata[SCHEMA],
        "items": {"type": "integer", "minimum": 1, "maximum": _DEFAULT_MONTHS},
    }
    return field


def _month_count() -> Any:
    """A number of months >= 1, within the months the weeks limit holds."""
    field = count(minimum=1)
    field.validator(within_months)
    field.metadata[SCHEMA] = {"minimum": 1, "maximum": _DEFAULT_MONTHS}  # the default limit
    return field


def _in_years(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, dt.date):
        problem = date_problem(value)
        if problem is not None:
            raise ValueError(f"{attr.name}: {problem}")


def _date() -> Any:
    """A date within the years the limits allow."""
    field = date()
    field.validator(_in_years)
    return field


@shows
@attrs.frozen
class GridActivity:
    """One row of the calendar plan: an activity and the months marked "+".

    ``months`` are 1-based project months, sorted and unique; an empty tuple
    is allowed here (a row with no "+") and reported by `check_grid()`,
    as is a month beyond the grid's last month. ``budget_block`` names the
    budget's activity block (``"3.1"``) or is ``None`` when the row has no
    budget line.

    Parameters
    ----------
    key : str
        The activity's id (``"7"``), unique within the grid.
    names : Names
        Its names (``ru`` as the form gives it, and ``en``).
    months : tuple of int
        The 1-based project months marked "+", sorted and unique, each within
        the months the ``weeks`` limit holds (120 for 520 weeks,
        `months_limit()`).
    budget_block : str, optional
        The budget's activity block, or ``None``.

    Raises
    ------
    ValueError
        If a month is below 1 or beyond the limit, or the months are not
        sorted or repeat.

    Examples
    --------
    >>> a = GridActivity("7", Names(en="Trainings"), (1, 2, 3), budget_block="3.5")
    >>> a.months, a.first_month, a.last_month
    ((1, 2, 3), 1, 3)
    >>> GridActivity("7", Names(en="Trainings"), (2, 1))
    Traceback (most recent call last):
    ...
    ValueError: months: must be sorted in ascending order, got (2, 1)

    See Also
    --------
    MonthGrid : the table of rows.
    DatedActivity : a row on dates.
    """

    key: str = ident()
    names: Names = entity(Names)
    months: tuple[int, ...] = _months()
    budget_block: str | None = optional_ident()

    def __attrs_post_init__(self) -> None:
        for i, m in enumerate(self.months):
            if m < 1:
                raise ValueError(f"months[{i}]: must be >= 1 (months count from 1), got {m}")
        if list(self.months) != sorted(self.months):
            raise ValueError(f"months: must be sorted in ascending order, got {self.months!r}")

    @property
    def first_month(self) -> int | None:
        """The first month marked, or ``None`` for a row with no "+"."""
        return self.months[0] if self.months else None

    @property
    def last_month(self) -> int | None:
        """The last month marked, or ``None`` for a row with no "+"."""
        return self.months[-1] if self.months else None

    def runs(self) -> tuple[tuple[int, int], ...]:
        """The marked months as runs of consecutive months, ``(first, last)`` each.

        Returns
        -------
        tuple of (int, int)
            Each run's first and last month, in month order; empty for a row
            with no "+".

        Examples
        --------
        >>> GridActivity("x", Names(en="X"), (1, 2, 5, 7, 8)).runs()
        ((1, 2), (5, 5), (7, 8))

        See Also
        --------
        to_dated : gives one dated range per run.
        """
        return tuple(_runs(self.months))


@shows
@attrs.frozen
class MonthGrid:
    """The calendar plan: ``months`` project months and the activity rows.

    Keys are unique. Construction checks only the shape of the table;
    `check_grid()` reports rows with no month, months beyond ``months``,
    idle months and unbudgeted rows as findings.

    Parameters
    ----------
    months : int
        The project's length N in months (>= 1): the columns «Месяц 1» … «Месяц N»;
        at most the months the ``weeks`` limit holds (120 for 520 weeks).

    Raises
    ------
    ValueError
        ``months`` is below 1 or beyond the limit; a row is not a
        `GridActivity` or repeats a key.
    activities : tuple of GridActivity
        The rows, at least one, keys unique, in the form's order.
    note : str, optional
        Free text (a source).

    Examples
    --------
    >>> g = MonthGrid(3, (GridActivity("a", Names(en="A"), (1, 2), "3.1"),
    ...                   GridActivity("b", Names(en="B"), (2, 3))))
    >>> g.active_in(2), g.activity("b").budget_block
    (('a', 'b'), None)

    See Also
    --------
    check_grid : findings for the grid.
    to_dated : the grid on dates.
    civicgrants.datasets.seed_001_calendar.calendar_plan : the seed-001 grid.
    """

    months: int = _month_count()
    activities: tuple[GridActivity, ...] = many(GridActivity, nonempty=True, unique=True)
    note: str | None = text(optional=True)

    def activity(self, key: str) -> GridActivity:
        """The row with this key (``KeyError`` naming the known keys if absent).

        Parameters
        ----------
        key : str
            An activity key.

        Returns
        -------
        GridActivity

        Raises
        ------
        KeyError
            If no row has this key; the message lists the known keys.

        Examples
        --------
        >>> g = MonthGrid(2, (GridActivity("a", Names(en="A"), (1, 2)),))
        >>> g.activity("a").months
        (1, 2)
        >>> g.activity("z")
        Traceback (most recent call last):
        ...
        KeyError: "unknown activity 'z'; activities: a"

        See Also
        --------
        MonthGrid.active_in : the rows marked in a month.
        """
        for a in self.activities:
            if a.key == key:
                return a
        known = ", ".join(a.key for a in self.activities)
        raise KeyError(f"unknown activity {key!r}; activities: {known}")

    def active_in(self, month: int) -> tuple[str, ...]:
        """Keys of the activities marked in ``month``, in row order.

        Parameters
        ----------
        month : int
            A project month, from 1.

        Returns
        -------
        tuple of str
            Empty for an idle month (or one outside the grid).

        Examples
        --------
        >>> g = MonthGrid(3, (GridActivity("a", Names(en="A"), (1, 2)),
        ...                   GridActivity("b", Names(en="B"), (2,))))
        >>> g.active_in(1), g.active_in(2), g.active_in(3)
        (('a',), ('a', 'b'), ())

        See Also
        --------
        check_grid : reports idle months.
        """
        return tuple(a.key for a in self.activities if month in a.months)


@shows
@attrs.frozen
class DatedActivity:
    """An activity on dates: from ``start`` to ``end``, both inclusive.

    `to_dated()` fills ``names`` and ``budget_block`` from the grid row so
    that `from_dated()` can rebuild it; both are optional for a dated plan
    written by hand. Several ranges may share a key (an activity with a break).

    Parameters
    ----------
    key : str
        The activity's key.
    start, end : datetime.date
        The first and last day (dates without a time), ``end`` not before
        ``start``, both within the years of the limits (``first_year`` …
        ``last_year``, `date_problem()`).
    names : Names, optional
        The activity's names.
    budget_block : str, optional
        The budget's activity block.

    Raises
    ------
    ValueError
        If ``start`` or ``end`` is a datetime or outside the years of the
        limits, or ``end`` precedes ``start``.

    Examples
    --------
    >>> DatedActivity("1", dt.date(2021, 2, 1), dt.date(2021, 3, 31)).days
    59
    >>> DatedActivity("1", dt.date(2021, 3, 31), dt.date(2021, 2, 1))
    Traceback (most recent call last):
    ...
    ValueError: end: must be on or after start (2021-03-31), got 2021-02-01

    See Also
    --------
    to_dated : a grid's rows as dated activities.
    from_dated : dated activities back to a grid.
    """

    key: str = ident()
    start: dt.date = _date()
    end: dt.date = _date()
    names: Names | None = entity(Names, optional=True)
    budget_block: str | None = optional_ident()

    def __attrs_post_init__(self) -> None:
        for name in ("start", "end"):
            value = getattr(self, name)
            if isinstance(value, dt.datetime):
                raise ValueError(f"{name}: must be a date without a time, got {value!r}")
        if self.end < self.start:
            raise ValueError(
                f"end: must be on or after start ({self.start.isoformat()}), "
                f"got {self.end.isoformat()}"
            )

    @property
    def days(self) -> int:
        """Length in calendar days, both ends included."""
        return (self.end - self.start).days + 1


# ---------------------------------------------------------------------------
# Month arithmetic


def _check_start(start: object) -> dt.date:
    if not isinstance(start, dt.date) or isinstance(start, dt.datetime):
        raise TypeError(f"start: must be a date, got {start!r}")
    return start


def _shift(start: dt.date, months: int) -> dt.date:
    """``start`` plus ``months`` calendar months; a missing day becomes the month's last."""
    moved = pendulum.Date(start.year, start.month, start.day).add(months=months)
    return dt.date(moved.year, moved.month, moved.day)


def _month_bounds(start: dt.date, month: int) -> tuple[dt.date, dt.date]:
    return _shift(start, month - 1), _shift(start, month) - dt.timedelta(days=1)


def _month_of(start: dt.date, day: dt.date) -> int:
    """The project month (>= 1) holding ``day``; ``day`` must not precede ``start``."""
    month = (day.year - start.year) * 12 + (day.month - start.month) + 1
    # _shift(start, month - 1) lies in day's calendar month: day is in this month or the one before.
    if day < _shift(start, month - 1):
        month -= 1
    return month


def project_month(start: dt.date, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of project month ``month`` (1-based) for a project starting ``start``.

    Month m runs from ``start + (m − 1) months`` to ``start + m months − 1 day``.
    Every boundary is counted from ``start`` itself (pendulum month
    arithmetic, which turns a day the month lacks into its last day), never
    from the previous boundary, so the day of the month does not drift: from
    a start on the 31st, month 2 begins on the last day of February and month
    3 on 31 March again. Consecutive months tile the calendar with no gap and
    no overlap; a month is 28 to 31 days long.

    Parameters
    ----------
    start : datetime.date
        The project's first day (the first day of month 1).
    month : int
        The project month, from 1.

    Returns
    -------
    tuple of datetime.date
        The month's first and last day, both inclusive.

    Raises
    ------
    ValueError
        If ``month`` is below 1, or beyond the months the ``weeks`` limit holds.
    TypeError
        If ``start`` is not a date (a datetime is refused too).

    Examples
    --------
    >>> project_month(dt.date(2021, 2, 1), 9)
    (datetime.date(2021, 10, 1), datetime.date(2021, 10, 31))
    >>> [project_month(dt.date(2021, 1, 31), m) for m in (1, 2, 3)]  # doctest: +NORMALIZE_WHITESPACE
    [(datetime.date(2021, 1, 31), datetime.date(2021, 2, 27)),
     (datetime.date(2021, 2, 28), datetime.date(2021, 3, 30)),
     (datetime.date(2021, 3, 31), datetime.date(2021, 4, 29))]

    See Also
    --------
    to_dated : dates a whole grid.
    civicgrants.schedule.programme_week : the same for programme weeks.
    """
    _check_start(start)
    if isinstance(month, bool) or not isinstance(month, int) or month < 1:
        raise ValueError(f"month: must be a whole number >= 1, got {month!r}")
    if month > months_limit():
        raise ValueError(
            f"month: {month} is beyond {months_limit()} months (the weeks limit; raise it with "
            "--limit weeks=N or use_limits(weeks=N))"
        )
    return _month_bounds(start, month)


def _runs(months: Iterable[int]) -> Iterator[tuple[int, int]]:
    first: int | None = None
    last = 0
    for m in months:
        if first is not None and m == last + 1:
            last = m
            continue
        if first is not None:
            yield first, last
        first = last = m
    if first is not None:
        yield first, last


# ---------------------------------------------------------------------------
# Checks


def _where(i: int, a: GridActivity) -> str:
    return f"activities[{i}] (key {a.key})"


def _ru(a: GridActivity) -> str:
    return f"Мероприятие {a.key} «{a.names.get('ru')}»"


def _en(a: GridActivity) -> str:
    return f"activity {a.key} ({a.names.get('en')})"


def _months_text(months: Iterable[int]) -> str:
    return ", ".join(str(m) for m in months)


def check_grid(
    grid: MonthGrid, *, budget_blocks: Collection[str] | None = None
) -> tuple[Finding, ...]:
    """Findings for a calendar plan: rows with no month, months outside the project, and more.

    The rules come from seed-001 §4 and §7.2 (Annex 4 §7: activities ×
    relative months 1..N; every calendar activity maps to a budget block, and
    every budget activity appears in the calendar).

    ========================== ======== ==========================================
    code                       severity when
    ========================== ======== ==========================================
    activity-without-month     error    a row has no "+" at all
    activity-outside-project   error    a row is marked in a month after month N
    activity-with-gap          info     a row's months are not consecutive (it
                                        becomes several dated ranges)
    unbudgeted-activity        warning  a row names no budget block
    unknown-budget-block       error    a row names a block not in
                                        ``budget_blocks`` (only when given)
    idle-month                 info     no row is marked in a month 1..N
    unscheduled-budget-block   warning  a block of ``budget_blocks`` that no row
                                        names (only when given)
    ========================== ======== ==========================================

    Findings come in row order (per row in the order of the table above),
    then idle months in month order, then unscheduled budget blocks in the
    order given. ``numbers`` always names the activity (``activity``: its key),
    the month or the budget block concerned.

    Parameters
    ----------
    grid : MonthGrid
        The calendar plan.
    budget_blocks : collection of str, optional
        The budget's activity blocks (``"3.1"`` …), to cross-check both ways.

    Returns
    -------
    tuple of Finding
        Empty when nothing was found.

    Raises
    ------
    TypeError
        If ``budget_blocks`` is a single string rather than a collection of ids.

    Examples
    --------
    >>> g = MonthGrid(4, (GridActivity("1", Names(ru="Опрос", en="Survey"), (1, 2), "3.1"),
    ...                   GridActivity("2", Names(ru="СММ", en="SMM"), (2, 5))))
    >>> for f in check_grid(g, budget_blocks=["3.1", "3.2"]):
    ...     print(f)  # doctest: +NORMALIZE_WHITESPACE
    error activity-outside-project at activities[1] (key 2): activity 2 (SMM) is marked in
        month 5, outside the project's 4 months (activity=2, outside=(5,), project_months=4)
    info activity-with-gap at activities[1] (key 2): activity 2 (SMM) pauses in month 3, 4,
        so it becomes 2 dated ranges (activity=2, gap=(3, 4), ranges=2)
    warning unbudgeted-activity at activities[1] (key 2): activity 2 (SMM) has no budget block
        (activity=2)
    info idle-month at month 3: no activity is marked in month 3 (month=3, project_months=4)
    info idle-month at month 4: no activity is marked in month 4 (month=4, project_months=4)
    warning unscheduled-budget-block at budget block 3.2: budget block 3.2 appears in no
        calendar activity (budget_block=3.2)

    See Also
    --------
    MonthGrid : the calendar plan checked.
    to_dated : the grid on dates once the start is known.
    civicgrants.datasets.seed_001_calendar.calendar_plan : a grid to check.
    """
    if isinstance(budget_blocks, str):
        raise TypeError(f"budget_blocks: must be a collection of block ids, got {budget_blocks!r}")
    n = grid.months
    found: list[Finding] = []
    for i, a in enumerate(grid.activities):
        found.extend(_row_findings(i, a, n, budget_blocks))
    for m in range(1, n + 1):
        if not grid.active_in(m):
            found.append(
                Finding(
                    code="idle-month",
                    severity=Severity.INFO,
                    location=f"month {m}",
                    numbers={"month": m, "project_months": n},
                    message_ru=f"В месяце {m} не отмечено ни одного мероприятия",
                    message_en=f"no activity is marked in month {m}",
                )
            )
    if budget_blocks is not None:
        named = {a.budget_block for a in grid.activities}
        for block in budget_blocks:
            if block not in named:
                found.append(
                    Finding(
                        code="unscheduled-budget-block",
                        severity=Severity.WARNING,
                        location=f"budget block {block}",
                        numbers={"budget_block": block},
                        message_ru=(
                            f"Блок бюджета {block} не связан ни с одним мероприятием "
                            "календарного плана"
                        ),
                        message_en=f"budget block {block} appears in no calendar activity",
                    )
                )
    return tuple(found)


def _row_findings(
    i: int, a: GridActivity, n: int, budget_blocks: Collection[str] | None
) -> Iterator[Finding]:
    where = _where(i, a)
    if not a.months:
        yield Finding(
            code="activity-without-month",
            severity=Severity.ERROR,
            location=where,
            numbers={"activity": a.key},
            message_ru=f"{_ru(a)} не отмечено ни в одном месяце",
            message_en=f"{_en(a)} is marked in no month",
        )
    outside = tuple(m for m in a.months if m > n)
    if outside:
        yield Finding(
            code="activity-outside-project",
            severity=Severity.ERROR,
            location=where,
            numbers={"activity": a.key, "outside": outside, "project_months": n},
            message_ru=(
                f"{_ru(a)} отмечено в месяце {_months_text(outside)}, а проект длится {n} мес."
            ),
            message_en=(
                f"{_en(a)} is marked in month {_months_text(outside)}, "
                f"outside the project's {n} months"
            ),
        )
    runs = a.runs()
    if len(runs) > 1:
        gap = tuple(
            m for (_, end), (begin, _) in itertools.pairwise(runs) for m in range(end + 1, begin)
        )
        yield Finding(
            code="activity-with-gap",
            severity=Severity.INFO,
            location=where,
            numbers={"activity": a.key, "gap": gap, "ranges": len(runs)},
            message_ru=(
                f"{_ru(a)} прерывается в месяце {_months_text(gap)} "
                f"и даёт {len(runs)} периода в датах"
            ),
            message_en=(
                f"{_en(a)} pauses in month {_months_text(gap)}, "
                f"so it becomes {len(runs)} dated ranges"
            ),
        )
    if a.budget_block is None:
        yield Finding(
            code="unbudgeted-activity",
            severity=Severity.WARNING,
            location=where,
            numbers={"activity": a.key},
            message_ru=f"{_ru(a)} не связано ни с одним блоком бюджета",
            message_en=f"{_en(a)} has no budget block",
        )
    elif budget_blocks is not None and a.budget_block not in budget_blocks:
        yield Finding(
            code="unknown-budget-block",
            severity=Severity.ERROR,
            location=where,
            numbers={"activity": a.key, "budget_block": a.budget_block},
            message_ru=f"{_ru(a)} ссылается на блок бюджета {a.budget_block}, которого нет",
            message_en=f"{_en(a)} names budget block {a.budget_block}, which the budget lacks",
        )


# ---------------------------------------------------------------------------
# Conversions


def to_dated(grid: MonthGrid, start: dt.date) -> tuple[DatedActivity, ...]:
    """The grid on dates, for a project whose month 1 begins on ``start``.

    Each run of consecutive marked months becomes one `DatedActivity`
    from the first day of its first month to the last day of its last month
    (see `project_month()`, which also explains a start on the 31st). An
    activity marked in months that are not consecutive (``+ _ +``) becomes
    several ranges with the same key, one per run; `from_dated()` merges
    them back. A row with no month gives no range. Months after
    ``grid.months`` are dated like any other (`check_grid()` reports them).

    Parameters
    ----------
    grid : MonthGrid
        The calendar plan.
    start : datetime.date
        The project's first day.

    Returns
    -------
    tuple of DatedActivity
        In row order, then month order; each carries the row's names and budget block.

    Raises
    ------
    TypeError
        If ``start`` is not a date (a datetime is refused too).

    Examples
    --------
    >>> g = MonthGrid(9, (GridActivity("4", Names(en="Monitoring"), (8, 9)),
    ...                   GridActivity("x", Names(en="Split"), (1, 3))))
    >>> dated = to_dated(g, dt.date(2021, 2, 1))
    >>> [(d.key, d.start.isoformat(), d.end.isoformat()) for d in dated]  # doctest: +NORMALIZE_WHITESPACE
    [('4', '2021-09-01', '2021-10-31'), ('x', '2021-02-01', '2021-02-28'),
     ('x', '2021-04-01', '2021-04-30')]

    See Also
    --------
    from_dated : the way back.
    project_month : the dates of one month.
    check_grid : findings for the grid itself.
    """
    _check_start(start)
    dated: list[DatedActivity] = []
    for a in grid.activities:
        for first, last in _runs(a.months):
            dated.append(
                DatedActivity(
                    a.key,
                    _month_bounds(start, first)[0],
                    _month_bounds(start, last)[1],
                    names=a.names,
                    budget_block=a.budget_block,
                )
            )
    return tuple(dated)


def _agree(seen: dict[str, T | None], key: str, value: T | None, where: str) -> list[Problem]:
    """Record ``value`` for ``key``; a problem if an earlier range gave a different one."""
    earlier = seen.get(key)
    if value is None or value == earlier:
        return []
    if earlier is None:
        seen[key] = value
        return []
    return [
        Problem(where, f"{value!r} differs from an earlier range of activity {key!r} ({earlier!r})")
    ]


def from_dated(
    activities: Iterable[DatedActivity], start: dt.date, months: int | None = None
) -> MonthGrid:
    """The month grid of a dated plan for a project whose month 1 begins on ``start``.

    An activity is marked in every project month its range intersects, even
    by one day. Ranges that share a key merge into one row (rows keep the
    order in which their keys first appear); their names and budget blocks
    must agree where given. A row without names is named by its key (in
    ``en``). ``months`` defaults to the last month any range touches; given,
    it may be smaller, and the months beyond it stay marked for
    `check_grid()` to report.

    Round trip: for a grid ``g`` with a start ``s``,
    ``from_dated(to_dated(g, s), s, g.months)`` equals ``g`` without its
    ``note`` and without its rows that have no month (those give no range).

    Parameters
    ----------
    activities : iterable of DatedActivity
        The dated plan; at least one range.
    start : datetime.date
        The project's first day.
    months : int, optional
        The project's length in months.

    Returns
    -------
    MonthGrid
        The grid, with no note.

    Raises
    ------
    ScheduleError
        A range begins before ``start``, or ranges of one key disagree on
        names or budget block; every problem is listed.
    ValueError
        No ranges at all, or ``months`` below 1.
    TypeError
        ``start`` is not a date, or an item is not a `DatedActivity`.

    Examples
    --------
    >>> plan = [DatedActivity("1", dt.date(2021, 2, 15), dt.date(2021, 3, 1)),
    ...         DatedActivity("2", dt.date(2021, 4, 30), dt.date(2021, 4, 30), budget_block="3.2")]
    >>> g = from_dated(plan, dt.date(2021, 2, 1))
    >>> g.months, [(a.key, a.months, a.budget_block) for a in g.activities]
    (3, [('1', (1, 2), None), ('2', (3,), '3.2')])

    See Also
    --------
    to_dated : the way there.
    check_grid : findings for the rebuilt grid.
    """
    _check_start(start)
    marked: dict[str, set[int]] = {}
    names: dict[str, Names | None] = {}
    blocks: dict[str, str | None] = {}
    problems: list[Problem] = []
    items = tuple(activities)
    if not items:
        raise ValueError("activities: must hold at least one dated activity")
    for i, d in enumerate(items):
        if not isinstance(d, DatedActivity):
            raise TypeError(f"activities[{i}]: must be a DatedActivity, got {d!r}")
        where = f"activities[{i}]"
        if d.start < start:
            problems.append(
                Problem(
                    f"{where}.start",
                    f"activity {d.key!r} starts {d.start.isoformat()}, "
                    f"before the project's start {start.isoformat()}",
                )
            )
            continue
        first, last = _month_of(start, d.start), _month_of(start, d.end)
        marked.setdefault(d.key, set()).update(range(first, last + 1))
        problems += _agree(names, d.key, d.names, f"{where}.names")
        problems += _agree(blocks, d.key, d.budget_block, f"{where}.budget_block")
    if problems:
        raise ScheduleError(problems)
    rows = tuple(
        GridActivity(
            key,
            names.get(key) or Names(en=key),
            tuple(sorted(ms)),
            blocks.get(key),
        )
        for key, ms in marked.items()
    )
    last_touched = max(m for ms in marked.values() for m in ms)
    return MonthGrid(last_touched if months is None else months, rows)
