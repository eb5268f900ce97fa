"""Working days: a configurable working week plus a country's public holidays.

Kazakhstan's holidays, with their moved days off and the Saturdays made working
days in exchange, come from the ``holidays`` package.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
import holidays as _holidays

from civicgrants.model.display import shows
from civicgrants.model.limits import get_limits

__all__ = [
    "Holiday",
    "WorkCalendar",
    "months_limit",
    "programme_week",
    "within_days",
    "within_months",
    "within_weeks",
]

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@shows
@attrs.frozen
class Holiday:
    """A public holiday (or a moved day off) inside a plan.

    Parameters
    ----------
    date : datetime.date
        The day off.
    name : str
        The holiday's name, as the ``holidays`` package (or the caller) gives it.

    Examples
    --------
    >>> for h in WorkCalendar().holidays_between(dt.date(2021, 3, 1), dt.date(2021, 3, 22)):
    ...     print(h.date, h.name)
    2021-03-08 International Women's Day
    2021-03-21 Nowruz Holiday
    2021-03-22 Nowruz Holiday
    >>> Holiday(dt.date(2021, 6, 1), "Village day").name
    'Village day'

    See Also
    --------
    WorkCalendar : holds ``extra_holidays`` and lists holidays with ``holidays_between``.
    civicgrants.schedule.Plan : its ``holidays`` are the holidays within the plan's dates.
    """

    date: dt.date
    name: str


@functools.cache
def _country_year(country: str, year: int) -> tuple[dict[dt.date, str], frozenset[dt.date]]:
    table = _holidays.country_holidays(country, years=year)
    names = {d: str(n) for d, n in sorted(table.items())}
    workdays = frozenset(d for d in getattr(table, "weekend_workdays", ()) if d.year == year)
    return names, workdays


def _weekdays(value: Iterable[int]) -> frozenset[int]:
    if not isinstance(value, Iterable) or isinstance(value, str):
        raise ValueError(f"working_week: must be weekday numbers 0 (Mon) .. 6 (Sun), got {value!r}")
    days: frozenset[int] = frozenset(value)
    if not days or not all(
        isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6 for d in days
    ):
        raise ValueError(f"working_week: must be weekday numbers 0 (Mon) .. 6 (Sun), got {value!r}")
    return days


@shows
@attrs.frozen
class WorkCalendar:
    """Which days are working days.

    ``working_week`` holds weekday numbers (0 = Monday), Monday to Friday by
    default. ``country`` names the public-holiday calendar (``"KZ"``; ``None``
    for none). ``extra_holidays`` and ``extra_workdays`` adjust it by hand.

    A day is a working day when it is a day of the working week and no
    holiday, or when it is a weekend day worked in exchange for a moved day
    off (from the country's calendar or ``extra_workdays``).

    Parameters
    ----------
    working_week : iterable of int
        Weekday numbers 0 (Monday) to 6 (Sunday); ``range(5)`` by default.
        Stored as a frozenset.
    country : str or None
        The ``holidays`` package's country code (``"KZ"`` by default), or
        ``None`` for no public holidays.
    extra_holidays : iterable of Holiday
        Further days off; they win over the country's name for the same day.
    extra_workdays : iterable of datetime.date
        Days worked whatever the weekday or holiday.

    Raises
    ------
    ValueError
        If ``working_week`` is empty, a string, or holds anything but the
        whole numbers 0 to 6.

    Examples
    --------
    >>> kz = WorkCalendar()
    >>> kz.is_working_day(dt.date(2021, 3, 8)), kz.holiday_name(dt.date(2021, 3, 8))
    (False, "International Women's Day")
    >>> kz.is_working_day(dt.date(2021, 7, 3))  # a Saturday worked for the moved 5 July
    True
    >>> WorkCalendar(working_week=range(6), country=None).is_working_day(dt.date(2021, 3, 6))
    True
    >>> WorkCalendar(working_week=[7])
    Traceback (most recent call last):
    ...
    ValueError: working_week: must be weekday numbers 0 (Mon) .. 6 (Sun), got [7]

    See Also
    --------
    programme_week : the dates of a programme week.
    civicgrants.schedule.plan : places trainings on this calendar's working days.
    """

    working_week: frozenset[int] = attrs.field(default=frozenset(range(5)), converter=_weekdays)
    country: str | None = "KZ"
    extra_holidays: tuple[Holiday, ...] = attrs.field(default=(), converter=tuple)
    extra_workdays: tuple[dt.date, ...] = attrs.field(default=(), converter=tuple)

    def holiday_name(self, day: dt.date) -> str | None:
        """The holiday's name if ``day`` is a public holiday or a moved day off.

        Parameters
        ----------
        day : datetime.date
            The day to look up.

        Returns
        -------
        str or None
            The name (an ``extra_holidays`` entry first, then the country's),
            or ``None`` on an ordinary day.

        Examples
        --------
        >>> kz = WorkCalendar()
        >>> print(kz.holiday_name(dt.date(2021, 7, 5)))
        Day off (substituted from 07/03/2021)
        >>> print(kz.holiday_name(dt.date(2021, 7, 7)))
        None

        See Also
        --------
        WorkCalendar.holidays_between : every holiday in a range of days.
        """
        for h in self.extra_holidays:
            if h.date == day:
                return h.name
        if self.country is None:
            return None
        return _country_year(self.country, day.year)[0].get(day)

    def is_working_weekday(self, day: dt.date) -> bool:
        """True on a day of the working week or a worked weekend day, holidays aside.

        Parameters
        ----------
        day : datetime.date
            The day to look up.

        Returns
        -------
        bool
            Whether ``day`` would be worked if it were no holiday.

        Examples
        --------
        >>> kz = WorkCalendar()
        >>> kz.is_working_weekday(dt.date(2021, 3, 8)), kz.is_working_day(dt.date(2021, 3, 8))
        (True, False)

        See Also
        --------
        WorkCalendar.is_working_day : the same, holidays included.
        """
        if day in self.extra_workdays:
            return True
        if self.country is not None and day in _country_year(self.country, day.year)[1]:
            return True
        return day.weekday() in self.working_week

    def is_working_day(self, day: dt.date) -> bool:
        """True on a day of the working week that is no holiday, or a worked weekend day.

        Parameters
        ----------
        day : datetime.date
            The day to look up.

        Returns
        -------
        bool
            Whether trainings may fall on ``day``.

        Examples
        --------
        >>> kz = WorkCalendar()
        >>> kz.is_working_day(dt.date(2021, 3, 9)), kz.is_working_day(dt.date(2021, 3, 6))
        (True, False)

        See Also
        --------
        WorkCalendar.why_not_working : the reason a day is not worked.
        WorkCalendar.working_days : the working days of a range.
        """
        if day in self.extra_workdays:
            return True
        if self.country is not None and day in _country_year(self.country, day.year)[1]:
            return self.holiday_name(day) is None
        return day.weekday() in self.working_week and self.holiday_name(day) is None

    def why_not_working(self, day: dt.date) -> str:
        """Why ``day`` is not a working day (a holiday's name, or the weekday).

        Parameters
        ----------
        day : datetime.date
            A day that is not a working day.

        Returns
        -------
        str
            ``"<date> is a public holiday (<name>)"`` or
            ``"<date> is a <weekday>, not a working day"``.

        Examples
        --------
        >>> kz = WorkCalendar()
        >>> print(kz.why_not_working(dt.date(2021, 3, 8)))
        2021-03-08 is a public holiday (International Women's Day)
        >>> print(kz.why_not_working(dt.date(2021, 3, 6)))
        2021-03-06 is a Sat, not a working day

        See Also
        --------
        WorkCalendar.is_working_day : whether a day is worked.
        """
        name = self.holiday_name(day)
        if name:
            return f"{day.isoformat()} is a public holiday ({name})"
        return f"{day.isoformat()} is a {_WEEKDAYS[day.weekday()]}, not a working day"

    def working_days(self, first: dt.date, last: dt.date) -> Iterator[dt.date]:
        """Working days from ``first`` to ``last`` inclusive.

        Parameters
        ----------
        first, last : datetime.date
            The range, both ends included; empty when ``last`` precedes ``first``.

        Yields
        ------
        datetime.date
            Each working day, in date order.

        Examples
        --------
        >>> for day in WorkCalendar().working_days(dt.date(2021, 3, 5), dt.date(2021, 3, 10)):
        ...     print(day)
        2021-03-05
        2021-03-09
        2021-03-10

        See Also
        --------
        WorkCalendar.is_working_day : the test applied to each day.
        """
        day = first
        while day <= last:
            if self.is_working_day(day):
                yield day
            day += dt.timedelta(days=1)

    def holidays_between(self, first: dt.date, last: dt.date) -> tuple[Holiday, ...]:
        """Holidays from ``first`` to ``last`` inclusive, in date order.

        Parameters
        ----------
        first, last : datetime.date
            The range, both ends included.

        Returns
        -------
        tuple of Holiday
            The country's holidays and ``extra_holidays`` in the range, one per
            day (an extra holiday's name wins), in date order.

        Examples
        --------
        >>> cal = WorkCalendar(extra_holidays=[Holiday(dt.date(2021, 3, 10), "Village day")])
        >>> for h in cal.holidays_between(dt.date(2021, 3, 1), dt.date(2021, 3, 20)):
        ...     print(h.date, h.name)
        2021-03-08 International Women's Day
        2021-03-10 Village day

        See Also
        --------
        WorkCalendar.holiday_name : the name of one day's holiday.
        Holiday : one entry.
        """
        found: dict[dt.date, str] = {}
        if self.country is not None:
            for year in range(first.year, last.year + 1):
                for day, name in _country_year(self.country, year)[0].items():
                    if first <= day <= last:
                        found[day] = name
        for h in self.extra_holidays:
            if first <= h.date <= last:
                found[h.date] = h.name
        return tuple(Holiday(d, found[d]) for d in sorted(found))


def programme_week(start: dt.date, week: int) -> tuple[dt.date, dt.date]:
    """First and last day of programme week ``week`` (1-based) from ``start``.

    Week n runs from start + 7(n−1) to start + 7n − 1, whatever weekday the
    start falls on. ISO week numbers are never used.

    Parameters
    ----------
    start : datetime.date
        The first day of programme week 1.
    week : int
        The programme week, from 1.

    Returns
    -------
    tuple of datetime.date
        The week's first and last day, both inclusive (seven days apart less one).

    Raises
    ------
    ValueError
        If ``week`` is not a whole number >= 1.

    Examples
    --------
    >>> programme_week(dt.date(2021, 2, 1), 4)
    (datetime.date(2021, 2, 22), datetime.date(2021, 2, 28))
    >>> first, last = programme_week(dt.date(2021, 2, 3), 1)  # a Wednesday start
    >>> print(first, last)
    2021-02-03 2021-02-09
    >>> programme_week(dt.date(2021, 2, 1), 0)
    Traceback (most recent call last):
    ...
    ValueError: week: must be a whole number >= 1, got 0

    See Also
    --------
    civicgrants.schedule.project_month : the same for project months.
    civicgrants.schedule.Plan.week_of : the programme week of a date.
    """
    if isinstance(week, bool) or not isinstance(week, int) or week < 1:
        raise ValueError(f"week: must be a whole number >= 1, got {week!r}")
    first = start + dt.timedelta(days=7 * (week - 1))
    return first, first + dt.timedelta(days=6)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def within_weeks(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: a number of weeks (or a week) no larger than the weeks limit.

    ``None`` and values that are not whole numbers pass (the field's own type
    check reports those); a negative value is measured by its size, so a lag
    of ``-600`` weeks is refused as a lag of ``600`` is.

    Parameters
    ----------
    _inst : object
        The instance being built.
    attr : attrs.Attribute
        The field, named in the message.
    value : object
        The field's value.

    Raises
    ------
    ValueError
        ``abs(value)`` exceeds `weeks`.

    Examples
    --------
    >>> @attrs.frozen
    ... class Season:
    ...     weeks: int = attrs.field(validator=within_weeks)
    >>> Season(38).weeks
    38
    >>> Season(1_000_000_000)
    Traceback (most recent call last):
    ...
    ValueError: weeks: 1000000000 weeks is more than 520 (the weeks limit; raise it with --limit weeks=N or use_limits(weeks=N))

    See Also
    --------
    within_days : the same for working days.
    within_months : the same for project months.
    """
    limit = get_limits().weeks
    if _whole(value) and abs(value) > limit:  # type: ignore[arg-type]
        size = f"{value} weeks is more than {limit}"
        if value < 0:  # type: ignore[operator]
            size = f"{value} weeks reaches back more than {limit}"
        raise ValueError(
            f"{attr.name}: {size} (the weeks limit; raise it with --limit weeks=N or "
            "use_limits(weeks=N))"
        )


def within_days(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: a number of days that fits in the weeks limit (7 days a week).

    Parameters
    ----------
    _inst : object
        The instance being built.
    attr : attrs.Attribute
        The field, named in the message.
    value : object
        The field's value; ``None`` and non-integers pass.

    Raises
    ------
    ValueError
        ``value`` exceeds 7 × `weeks`.

    Examples
    --------
    >>> @attrs.frozen
    ... class Training:
    ...     days: int = attrs.field(validator=within_days)
    >>> Training(10**9)
    Traceback (most recent call last):
    ...
    ValueError: days: 1000000000 days do not fit in 520 weeks (the weeks limit; raise it with --limit weeks=N or use_limits(weeks=N))

    See Also
    --------
    within_weeks : the same for weeks.
    """
    limit = get_limits().weeks
    if _whole(value) and abs(value) > 7 * limit:  # type: ignore[arg-type]
        raise ValueError(
            f"{attr.name}: {value} days do not fit in {limit} weeks (the weeks limit; raise it "
            "with --limit weeks=N or use_limits(weeks=N))"
        )


def months_limit() -> int:
    """The most project months the weeks limit holds (120 for 520 weeks).

    Returns
    -------
    int
        ``weeks × 12 // 52``, at least 1.

    Examples
    --------
    >>> months_limit()
    120

    See Also
    --------
    within_months : the validator that uses it.
    """
    return max(1, get_limits().weeks * 12 // 52)


def within_months(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: a project month (or months) inside the weeks limit.

    Parameters
    ----------
    _inst : object
        The instance being built.
    attr : attrs.Attribute
        The field, named in the message.
    value : object
        A whole number, or a tuple of them (each is checked); others pass.

    Raises
    ------
    ValueError
        A month exceeds `months_limit()`.

    Examples
    --------
    >>> @attrs.frozen
    ... class Grid:
    ...     months: int = attrs.field(validator=within_months)
    >>> Grid(1000)
    Traceback (most recent call last):
    ...
    ValueError: months: 1000 months is more than 120 (520 weeks, the weeks limit; raise it with --limit weeks=N or use_limits(weeks=N))

    See Also
    --------
    within_weeks : the same for weeks.
    """
    limit = months_limit()
    values = value if isinstance(value, tuple) else (value,)
    for i, v in enumerate(values):
        if _whole(v) and v > limit:
            where = f"{attr.name}[{i}]" if isinstance(value, tuple) else attr.name
            raise ValueError(
                f"{where}: {v} months is more than {limit} ({get_limits().weeks} weeks, the "
                "weeks limit; raise it with --limit weeks=N or use_limits(weeks=N))"
            )
