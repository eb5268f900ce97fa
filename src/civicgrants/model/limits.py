"""Limits on input, as data: checked before work, each with a default a caller may raise.

Every reader of the library refuses, with a located one-line message, input
that would take unbounded time or memory: a file larger than
`Limits.file_bytes`, a table of more than `Limits.cells` cells, an
xlsx workbook whose declared dimensions or expanded size are too large, nesting
deeper than `Limits.depth`, a number with more than
`Limits.digits` significant digits or outside ``10**±exponent``, a
season longer than `Limits.weeks`, a date outside
`Limits.first_year` … `Limits.last_year`.

The limits in force are a context variable: `get_limits()` reads them, and
`use_limits()` raises (or lowers) some of them for a block of code, in this
thread or task only::

    with use_limits(file_bytes=2 * 1024**3):
        budget = read_budget_xlsx("huge.xlsx")

``civicgrants --limit file_bytes=2147483648 …`` does the same for a command.
Amounts have no limit of their own here: `Money`
holds 28 significant digits, and every amount is checked against that.

Examples
--------
>>> get_limits().depth
64
>>> with use_limits(depth=1000):
...     get_limits().depth
1000
>>> get_limits().depth
64
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import attrs

from civicgrants.model.display import shows

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "date_problem",
    "get_limits",
    "number_problem",
    "use_limits",
]


def _positive(_inst: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{attribute.name}: must be a whole number >= 1, got {value!r}")


def _limit(default: int) -> int:
    return attrs.field(default=default, validator=_positive, kw_only=True)


@shows
@attrs.frozen
class Limits:
    """How much input the library reads before it refuses: every limit, with its default.

    Parameters
    ----------
    file_bytes : int
        The largest file read, in bytes (256 MiB); only regular files are read.
    cells : int
        The most cells in one table: a CSV, a pabulib section, an xlsx sheet,
        counted as it is read (10 000 000).
    xlsx_cells : int
        The most cells an xlsx sheet may *declare* (its ``<dimension>``, or the
        highest cell reference seen), refused before the sheet is loaded
        (10 000 000).
    expanded_bytes : int
        The most bytes an xlsx (a zip) may hold once uncompressed, summed over
        its parts, refused before anything is inflated (512 MiB).
    depth : int
        The deepest nesting of a JSON document or of budget groups (64).
    digits : int
        The most significant digits a number (not an amount) may have (40).
    exponent : int
        A number (not an amount) other than 0 must lie within
        ``10**-exponent`` … ``10**exponent`` in absolute value (30).
    weeks : int
        The longest season, methodology or step, in weeks (520: ten years).
    first_year, last_year : int
        The range of dates (1900 … 2200).
    files : int
        The most entries in a round's folder (100 000).

    Raises
    ------
    ValueError
        A limit is not a whole number >= 1, or ``first_year > last_year``.

    Examples
    --------
    >>> Limits().file_bytes == 256 * 1024 * 1024
    True
    >>> Limits(cells=0)
    Traceback (most recent call last):
    ...
    ValueError: cells: must be a whole number >= 1, got 0

    See Also
    --------
    get_limits : the limits in force.
    use_limits : raise some of them for a block of code.
    """

    file_bytes: int = _limit(256 * 1024 * 1024)
    cells: int = _limit(10_000_000)
    xlsx_cells: int = _limit(10_000_000)
    expanded_bytes: int = _limit(512 * 1024 * 1024)
    depth: int = _limit(64)
    digits: int = _limit(40)
    exponent: int = _limit(30)
    weeks: int = _limit(520)
    first_year: int = _limit(1900)
    last_year: int = _limit(2200)
    files: int = _limit(100_000)

    def __attrs_post_init__(self) -> None:
        if self.first_year > self.last_year:
            raise ValueError(
                f"first_year: must not be after last_year, got {self.first_year} > {self.last_year}"
            )


DEFAULT_LIMITS = Limits()
"""The limits in force unless a caller uses others (`use_limits()`)."""

_CURRENT: contextvars.ContextVar[Limits] = contextvars.ContextVar(
    "civicgrants_limits", default=DEFAULT_LIMITS
)


def get_limits() -> Limits:
    """The limits in force in this thread or task.

    Returns
    -------
    Limits
        `DEFAULT_LIMITS` unless inside `use_limits()`.

    Examples
    --------
    >>> get_limits() == DEFAULT_LIMITS
    True

    See Also
    --------
    use_limits : change them for a block of code.
    """
    return _CURRENT.get()


@contextlib.contextmanager
def use_limits(limits: Limits | None = None, /, **changes: int) -> Iterator[Limits]:
    """Use other limits for a block of code (this thread or task only).

    Parameters
    ----------
    limits : Limits, optional
        The limits to use; the ones in force when omitted.
    **changes : int
        Limits to change, by name (``file_bytes=2**31``).

    Yields
    ------
    Limits
        The limits in force inside the block.

    Raises
    ------
    TypeError
        A name in ``changes`` is not a limit.
    ValueError
        A value is not a whole number >= 1.

    Examples
    --------
    >>> with use_limits(cells=100) as inner:
    ...     inner.cells, get_limits().cells
    (100, 100)
    >>> get_limits().cells
    10000000
    >>> with use_limits(colour=3):
    ...     pass
    Traceback (most recent call last):
    ...
    TypeError: no limit named 'colour'; the limits are: cells, depth, digits, expanded_bytes, exponent, file_bytes, files, first_year, last_year, weeks, xlsx_cells

    See Also
    --------
    Limits : every limit and its default.
    """
    base = limits if limits is not None else _CURRENT.get()
    names = {a.name for a in attrs.fields(Limits)}
    for name in changes:
        if name not in names:
            raise TypeError(f"no limit named {name!r}; the limits are: {', '.join(sorted(names))}")
    token = _CURRENT.set(attrs.evolve(base, **changes))
    try:
        yield _CURRENT.get()
    finally:
        _CURRENT.reset(token)


def number_problem(value: Decimal) -> str | None:
    """Why a number (not an amount) is outside the limits in force, or ``None``.

    Parameters
    ----------
    value : Decimal
        The number.

    Returns
    -------
    str or None
        A message naming the limit and how to raise it; ``None`` when the number
        is finite, has at most `Limits.digits` significant digits and, if
        not 0, lies within ``10**±```Limits.exponent`.

    Examples
    --------
    >>> number_problem(Decimal("2.5")) is None
    True
    >>> number_problem(Decimal("1e60"))
    'too large: 1E+60 is beyond 10**30 (the exponent limit; raise it with use_limits(exponent=...))'
    >>> number_problem(Decimal("NaN"))
    'not a finite number'

    See Also
    --------
    Limits.digits, Limits.exponent : the limits.
    """
    if not value.is_finite():
        return "not a finite number"
    if not value:
        return None
    limits = _CURRENT.get()
    digits = value.as_tuple().digits
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    significant = len(digits) - trailing
    if significant > limits.digits:
        return (f"{significant} significant digits, more than {limits.digits} (the digits limit; "
                "raise it with use_limits(digits=...))")  # fmt: skip
    magnitude = value.adjusted()
    if magnitude >= limits.exponent:
        return (f"too large: {_scientific(value)} is beyond 10**{limits.exponent} (the exponent "
                "limit; raise it with use_limits(exponent=...))")  # fmt: skip
    if magnitude < -limits.exponent:
        return (f"too small: {_scientific(value)} is below 10**-{limits.exponent} (the exponent "
                "limit; raise it with use_limits(exponent=...))")  # fmt: skip
    return None


def date_problem(day: dt.date) -> str | None:
    """Why a date lies outside the years the limits allow, or ``None``.

    Parameters
    ----------
    day : datetime.date
        The date.

    Returns
    -------
    str or None
        A message naming the limit and how to raise it, when ``day``'s year is
        before `Limits.first_year` or after `Limits.last_year`;
        ``None`` otherwise.

    Examples
    --------
    >>> date_problem(dt.date(2021, 2, 1)) is None
    True
    >>> print(date_problem(dt.date(9999, 12, 1)))
    9999-12-01 is after 2200 (the last_year limit; raise it with --limit last_year=N or use_limits(last_year=N))

    See Also
    --------
    Limits : every limit and its default.
    number_problem : the same for a number.
    civicgrants.schedule.plan : refuses a start outside the limits.
    """
    limits = _CURRENT.get()
    if day.year < limits.first_year:
        return (f"{day.isoformat()} is before {limits.first_year} (the first_year limit; raise it "
                "with --limit first_year=N or use_limits(first_year=N))")  # fmt: skip
    if day.year > limits.last_year:
        return (f"{day.isoformat()} is after {limits.last_year} (the last_year limit; raise it "
                "with --limit last_year=N or use_limits(last_year=N))")  # fmt: skip
    return None


def _scientific(value: Decimal) -> str:
    sign, digits, _ = value.as_tuple()
    text = "".join(map(str, digits)).rstrip("0") or "0"
    head = f"{text[0]}.{text[1:7]}" if len(text) > 1 else text
    return f"{'-' if sign else ''}{head}E{value.adjusted():+d}"
