"""How budget findings write numbers and compare item names (one home for the rules)."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal

__all__ = ["fmt", "normal", "ru"]

_PUNCTUATION = str.maketrans(dict.fromkeys("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»—–…№", " "))


def fmt(value: Decimal, locale: str = "en") -> str:
    """Digits grouped for the reader: ``8,093,600.00`` (en) or ``8 093 600,00`` (ru).

    Examples
    --------
    >>> fmt(Decimal("8093600")), ru(Decimal("8093600"))
    ('8,093,600.00', '8\\xa0093\\xa0600,00')
    """
    return str(format_decimal(value, format="#,##0.00", locale=locale, decimal_quantization=False))


def ru(value: Decimal) -> str:
    """:func:`fmt` in Russian."""
    return fmt(value, "ru_KZ")


def normal(item: str) -> str:
    """An item name compared loosely: lower case, punctuation as spaces, spaces folded.

    Examples
    --------
    >>> normal("Услуги  разработки анкеты (онлайн-опроса)")
    'услуги разработки анкеты онлайн опроса'
    """
    return " ".join(item.lower().translate(_PUNCTUATION).split())
