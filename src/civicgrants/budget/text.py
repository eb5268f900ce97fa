"""How budget findings write numbers and compare item names (one home for the rules).

Finding messages are data (the finding's explanation), so they write numbers
plainly, as exact decimals; presentation (tables, columns) formats numbers
through `civicgrants.io.fmt`.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["normal", "plain"]

_PUNCTUATION = str.maketrans(dict.fromkeys("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»—–…№", " "))


def plain(value: Decimal) -> str:
    """A number as a finding message writes it: every digit, no grouping, no exponent.

    Parameters
    ----------
    value : Decimal
        The number.

    Returns
    -------
    str
        The exact decimal, e.g. ``8093600.00``.

    Examples
    --------
    >>> plain(Decimal("8093600.00")), plain(Decimal("1E+2"))
    ('8093600.00', '100')

    See Also
    --------
    normal : how findings compare item names.
    civicgrants.io.fmt.money : numbers for presentation, grouped and localised.
    """
    return format(value, "f")


def normal(item: str) -> str:
    """An item name compared loosely: lower case, punctuation as spaces, spaces folded.

    Parameters
    ----------
    item : str
        An item name as printed.

    Returns
    -------
    str
        The name folded for comparison.

    Examples
    --------
    >>> normal("Услуги  разработки анкеты (онлайн-опроса)")
    'услуги разработки анкеты онлайн опроса'

    See Also
    --------
    plain : how findings write numbers.
    civicgrants.budget.double_counted : matches contributions by normalised description.
    """
    return " ".join(item.lower().translate(_PUNCTUATION).split())
