"""Exact numbers: the arithmetic context, half-up rounding, and printed digit groups.

One home for the numeric rules every package shares: `EXACT` (a decimal
context that raises instead of rounding), `round_half_up()` (the rounding of
printed percentages and shares) and `read_number()` (digits as the seeds
print them: ``8 093 600,00``, ``1,500.5``).

See Also
--------
civicgrants.model.money : amounts built on these rules.
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, DivisionByZero, Inexact, InvalidOperation, Overflow
from fractions import Fraction

from civicgrants.errors import ParseError

__all__ = ["EXACT", "read_number", "round_half_up"]

EXACT = Context(prec=120, traps=[InvalidOperation, Inexact, Overflow, DivisionByZero])
"""A decimal context that never rounds in silence.

A generous precision, and every rounding signal trapped, turns any inexact step
into an exception: use it as ``localcontext(EXACT)`` around amount arithmetic.

Examples
--------
>>> from decimal import localcontext
>>> with localcontext(EXACT):
...     Decimal("1.10") + Decimal("2.205")
Decimal('3.305')
"""


def round_half_up(value: Fraction, digits: int) -> Decimal:
    """``value`` rounded half up (away from zero) to ``digits`` decimals, exactly.

    Parameters
    ----------
    value : Fraction
        The exact value.
    digits : int
        Decimal places to keep.

    Returns
    -------
    Decimal
        The rounded value, with exactly ``digits`` places.

    Examples
    --------
    >>> round_half_up(Fraction(1, 8), 2), round_half_up(Fraction(-5, 2), 0), round_half_up(Fraction(0), 2)
    (Decimal('0.13'), Decimal('-3'), Decimal('0.00'))

    See Also
    --------
    civicgrants.model.money.allocate : split an amount without losing a minor unit.
    """
    scaled = abs(value) * 10**digits
    units = (2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator)
    sign = -1 if value < 0 else 1
    quantum = Decimal(1).scaleb(-digits)
    return Decimal(sign * units).scaleb(-digits).quantize(quantum)


def read_number(digits: str, text: str, *, english: bool = False) -> Decimal:
    """Read printed digits (no sign, no currency) as an exact Decimal.

    Spaces and ``'`` group digits; when both ``.`` and ``,`` occur the last one is the
    decimal separator; a single one is decimal, a repeated one groups; with
    ``english=True`` (a currency written before the number) ``,`` groups and ``.`` is
    decimal. Groups after the first have three digits.

    Parameters
    ----------
    digits : str
        The digits with their separators, spaces already folded to ``" "``.
    text : str
        The whole printed value, named in errors.
    english : bool, optional
        Read ``,`` as a group separator (babel's English layout).

    Returns
    -------
    Decimal
        The exact value.

    Raises
    ------
    ParseError
        Misplaced separators or groups of the wrong length.

    Examples
    --------
    >>> read_number("8 093 600,00", "8 093 600,00"), read_number("1,5", "1,5")
    (Decimal('8093600.00'), Decimal('1.5'))
    >>> read_number("1,500.5", "KZT1,500.5", english=True)
    Decimal('1500.5')
    >>> read_number("1 50", "1 50")
    Traceback (most recent call last):
    ...
    civicgrants.errors.ParseError: cannot parse '1 50': digit groups must have three digits after the first group

    See Also
    --------
    civicgrants.model.money.parse_money : reads whole printed amounts with it.
    """
    raw = digits.replace(" ", "").replace("'", "")
    commas, dots = raw.count(","), raw.count(".")
    if english:  # a currency written before the number (babel's en layout): ',' groups
        if dots > 1:
            raise ParseError(text, "more than one decimal point")
        decimal_sep = "."
    elif commas and dots:
        decimal_sep = "," if raw.rfind(",") > raw.rfind(".") else "."
        if raw.count(decimal_sep) > 1:
            raise ParseError(text, f"more than one decimal separator {decimal_sep!r}")
    elif commas > 1 or dots > 1:
        decimal_sep = ""
    else:
        decimal_sep = "," if commas else "."
    if decimal_sep and decimal_sep in digits:
        whole, _, frac = digits.rpartition(decimal_sep)
    else:
        whole, frac = digits, ""
    if frac and not frac.isdigit():
        raise ParseError(text, f"a separator after the decimal {decimal_sep!r}: {frac!r}")
    groups = re.split(r"[ ',.]", whole)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise ParseError(text, "digit groups must have three digits after the first group")
    return Decimal("".join(groups) + (f".{frac}" if frac else ""))
