"""One home for how numbers, money, percentages and dates are written for people.

Every text that civicgrants prints for a reader (the command line, the demo, the
protocol, notebooks) writes numbers through these functions, in the reader's
language: ``en``, ``ru`` or ``kk`` (or any babel locale such as ``ru_KZ``).
Machine formats (JSON, CSV) never go through here: they write exact decimal
strings.

Examples
--------
>>> from decimal import Decimal, localcontext
>>> from civicgrants.model import Money
>>> print(money(Money(1_750_000), "en"), "|", money(Money(1_750_000), "ru"))
KZT1,750,000.00 | 1 750 000,00 ₸
>>> print(number(Decimal(23700), "en"), "|", number(Decimal("78.75"), "ru"))
23,700 | 78,75
>>> print(percent(Decimal("35.3"), "en"), "|", percent(Decimal("98.0"), "kk"))
35.3 % | 98,0 %

See Also
--------
civicgrants.io.labels : the words around the numbers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from civicgrants.model.money import Money

__all__ = ["LANGS", "LOCALES", "date", "day_month", "locale_of", "money", "number", "percent"]

LANGS = ("en", "ru", "kk")
"""The languages civicgrants writes for people."""

LOCALES: dict[str, str] = {"en": "en", "ru": "ru_KZ", "kk": "kk_KZ"}
"""The babel locale behind each language (Kazakhstan's conventions for ru and kk)."""


def locale_of(lang: str) -> str:
    """The babel locale for a language code, or ``lang`` itself when it is a locale.

    Parameters
    ----------
    lang : str
        ``en``, ``ru``, ``kk`` or a babel locale such as ``ru_KZ``.

    Returns
    -------
    str
        The locale from `LOCALES`, or ``lang`` unchanged.

    Examples
    --------
    >>> locale_of("ru"), locale_of("en"), locale_of("de_CH")
    ('ru_KZ', 'en', 'de_CH')

    See Also
    --------
    number, money, date : the writers that use the locale.
    """
    return LOCALES.get(lang, lang)


def money(value: Money, lang: str = "en") -> str:
    """An amount with its currency, as the language writes it (babel's CLDR pattern).

    Parameters
    ----------
    value : Money
        The amount.
    lang : str
        ``en``, ``ru``, ``kk`` or a babel locale.

    Returns
    -------
    str
        For example ``KZT1,600,000.00`` (en) or ``1 600 000,00 ₸`` (ru, kk; with no-break spaces).

    Examples
    --------
    >>> from civicgrants.model import Money
    >>> money(Money("-4850000.01"), "en")
    '-KZT4,850,000.01'
    >>> print(money(Money("1600000"), "kk"))
    1 600 000,00 ₸

    See Also
    --------
    number : a number without a currency.
    civicgrants.model.Money.format : the method this calls.
    """
    return value.format(locale_of(lang))


def number(value: Decimal | int | Fraction, lang: str = "en", *, places: int | None = None) -> str:
    """A number with the language's digit grouping and decimal sign.

    Parameters
    ----------
    value : Decimal, int or Fraction
        The number; a Fraction needs ``places``.
    lang : str
        ``en``, ``ru``, ``kk`` or a babel locale.
    places : int, optional
        Show exactly this many decimals (rounded half even, for display only); by
        default every digit the value has is shown.

    Returns
    -------
    str
        The number as the language writes it (``ru`` and ``kk`` group digits
        with no-break spaces and use a decimal comma).

    Raises
    ------
    TypeError
        ``value`` is a Fraction and ``places`` is not given.

    Examples
    --------
    >>> number(Decimal("8093600.00"), "en"), number(Fraction(315, 4), "en", places=2)
    ('8,093,600.00', '78.75')
    >>> print(number(1287, "ru"))
    1 287
    >>> number(Decimal("0.125"), "en", places=2), number(Decimal("0.135"), "en", places=2)
    ('0.12', '0.14')

    See Also
    --------
    percent : a number followed by `` %``.
    money : an amount with its currency.
    """
    from babel.numbers import format_decimal

    with localcontext() as ctx:  # room for the 40 digits a number may have, and its places
        ctx.prec = max(ctx.prec, 80 + (places or 0))
        if isinstance(value, Fraction):
            if places is None:
                raise TypeError("number: a Fraction needs places")
            value = Decimal(value.numerator) / Decimal(value.denominator)
        if places is None:
            exponent = Decimal(value).as_tuple().exponent
            places = max(0, -exponent) if isinstance(exponent, int) else 0
            ctx.prec = max(ctx.prec, 80 + places)
        pattern = "#,##0" + ("." + "0" * places if places else "")
        return str(format_decimal(value, format=pattern, locale=locale_of(lang)))


def percent(value: Decimal | Fraction, lang: str = "en", *, places: int | None = None) -> str:
    """A percentage (the value is already in percent) followed by `` %``.

    Parameters
    ----------
    value : Decimal or Fraction
        The percentage, such as ``Decimal("35.3")`` for 35.3 %; a Fraction
        needs ``places``.
    lang : str
        ``en``, ``ru``, ``kk`` or a babel locale.
    places : int, optional
        Show exactly this many decimals (see `number()`).

    Returns
    -------
    str
        The number as `number()` writes it, a space and ``%``.

    Raises
    ------
    TypeError
        ``value`` is a Fraction and ``places`` is not given.

    Examples
    --------
    >>> percent(Decimal("11.0"), "en"), percent(Fraction(100, 3), "ru", places=1)
    ('11.0 %', '33,3 %')

    See Also
    --------
    number : the number without the sign.
    """
    return f"{number(value, lang, places=places)} %"


def date(value: dt.date, lang: str = "en", *, form: str = "medium") -> str:
    """A date in the language's own words (babel's ``short``, ``medium``, ``long`` or a pattern).

    Parameters
    ----------
    value : datetime.date
        The date.
    lang : str
        ``en``, ``ru``, ``kk`` or a babel locale.
    form : str, default "medium"
        ``short``, ``medium``, ``long``, ``full`` or a CLDR date pattern such
        as ``d MMM``.

    Returns
    -------
    str
        The date as the language writes it in that form.

    Examples
    --------
    >>> import datetime as dt
    >>> print(date(dt.date(2021, 2, 22), "en"), "|", date(dt.date(2021, 2, 22), "ru"))
    Feb 22, 2021 | 22 февр. 2021 г.
    >>> print(date(dt.date(2021, 2, 22), "en", form="long"))
    February 22, 2021

    See Also
    --------
    day_month : the day and the month alone.
    """
    from babel.dates import format_date

    return str(format_date(value, form, locale=locale_of(lang)))


def day_month(value: dt.date, lang: str = "en") -> str:
    """Day and abbreviated month (``22 Feb``, ``22 февр.``), never ``strftime('%b')``.

    The month's name comes from the language (babel), not from the process's
    C locale as ``strftime`` would take it.

    Parameters
    ----------
    value : datetime.date
        The date (its year is not shown).
    lang : str
        ``en``, ``ru``, ``kk`` or a babel locale.

    Returns
    -------
    str
        The day's number and the month's abbreviated name, without the year.

    Examples
    --------
    >>> import datetime as dt
    >>> day_month(dt.date(2021, 2, 22), "en"), day_month(dt.date(2021, 2, 22), "kk")
    ('22 Feb', '22 ақп.')

    See Also
    --------
    date : the whole date, in a chosen form.
    """
    return date(value, lang, form="d MMM")
