"""Working days: a configurable working week plus a country's public holidays.

Kazakhstan's holidays, with their moved days off and the Saturdays made working
days in exchange, come from the ``holidays`` package.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator

import attrs
import holidays as _holidays

__all__ = ["Holiday", "WorkCalendar", "programme_week"]

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@attrs.frozen
class Holiday:
    """A public holiday (or a moved day off) inside a plan."""

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


@attrs.frozen
class WorkCalendar:
    """Which days are working days.

    ``working_week`` holds weekday numbers (0 = Monday), Monday to Friday by
    default. ``country`` names the public-holiday calendar (``"KZ"``; ``None``
    for none). ``extra_holidays`` and ``extra_workdays`` adjust it by hand.

    Examples
    --------
    >>> kz = WorkCalendar()
    >>> kz.is_working_day(dt.date(2021, 3, 8)), kz.holiday_name(dt.date(2021, 3, 8))
    (False, "International Women's Day")
    >>> kz.is_working_day(dt.date(2021, 7, 3))  # a Saturday worked for the moved 5 July
    True
    >>> WorkCalendar(working_week=range(6), country=None).is_working_day(dt.date(2021, 3, 6))
    True
    """

    working_week: frozenset[int] = attrs.field(default=frozenset(range(5)), converter=_weekdays)
    country: str | None = "KZ"
    extra_holidays: tuple[Holiday, ...] = attrs.field(default=(), converter=tuple)
    extra_workdays: tuple[dt.date, ...] = attrs.field(default=(), converter=tuple)

    def holiday_name(self, day: dt.date) -> str | None:
        """The holiday's name if ``day`` is a public holiday or a moved day off."""
        for h in self.extra_holidays:
            if h.date == day:
                return h.name
        if self.country is None:
            return None
        return _country_year(self.country, day.year)[0].get(day)

    def is_working_weekday(self, day: dt.date) -> bool:
        """True on a day of the working week or a worked weekend day, holidays aside."""
        if day in self.extra_workdays:
            return True
        if self.country is not None and day in _country_year(self.country, day.year)[1]:
            return True
        return day.weekday() in self.working_week

    def is_working_day(self, day: dt.date) -> bool:
        """True on a day of the working week that is no holiday, or a worked weekend day."""
        if day in self.extra_workdays:
            return True
        if self.country is not None and day in _country_year(self.country, day.year)[1]:
            return self.holiday_name(day) is None
        return day.weekday() in self.working_week and self.holiday_name(day) is None

    def why_not_working(self, day: dt.date) -> str:
        """Why ``day`` is not a working day (a holiday's name, or the weekday)."""
        name = self.holiday_name(day)
        if name:
            return f"{day.isoformat()} is a public holiday ({name})"
        return f"{day.isoformat()} is a {_WEEKDAYS[day.weekday()]}, not a working day"

    def working_days(self, first: dt.date, last: dt.date) -> Iterator[dt.date]:
        """Working days from ``first`` to ``last`` inclusive."""
        day = first
        while day <= last:
            if self.is_working_day(day):
                yield day
            day += dt.timedelta(days=1)

    def holidays_between(self, first: dt.date, last: dt.date) -> tuple[Holiday, ...]:
        """Holidays from ``first`` to ``last`` inclusive, in date order."""
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

    Examples
    --------
    >>> programme_week(dt.date(2021, 2, 1), 4)
    (datetime.date(2021, 2, 22), datetime.date(2021, 2, 28))
    """
    if isinstance(week, bool) or not isinstance(week, int) or week < 1:
        raise ValueError(f"week: must be a whole number >= 1, got {week!r}")
    first = start + dt.timedelta(days=7 * (week - 1))
    return first, first + dt.timedelta(days=6)
