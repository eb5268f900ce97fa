"""The reader behind :meth:`civicgrants.model.Money.parse`.

It reads what the Kazakh seed documents and babel print: ``5 000 000 тенге``,
``1,5 млн. тенге``, ``1 994,0 тыс.тг``, ``106,7 млрд.``, ``458 000 евро``,
``около 1,5 млн.т.``, ``2 - 2,5 млн. тенге``, ``1 500 000,00 ₸`` and
``KZT1,500,000.00``.

Number rules (documented in docs/decisions.md):

* spaces, NBSP, narrow NBSP, thin and figure spaces and ``'`` group digits;
* when both ``.`` and ``,`` occur, the last one is the decimal separator;
* a single ``,`` or ``.`` is a decimal separator; a repeated one groups digits;
* but when the currency is written before the number (``KZT1,500.00``,
  ``$1,000``, babel's English layout), ``,`` groups and ``.`` is decimal;
* grouped digits must come in threes after the first group.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel import Locale
from babel.numbers import is_currency

from civicgrants.errors import ParseError
from civicgrants.model.money import _EXACT, Money, MoneyEstimate, MoneyRange, Qualifier

_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2009\u2007\u2002\u2003\u2004\u2005\u2006"), " ")
_DASHES = dict.fromkeys(map(ord, "\u2013\u2014\u2012\u2212"), "-")

# Word → currency code. Longest alternatives first inside the regex.
_CURRENCY_WORDS: dict[str, str] = {
    "тенге": "KZT",
    "теңге": "KZT",
    "tenge": "KZT",
    "тг": "KZT",
    "т": "KZT",
    "₸": "KZT",
    "kzt": "KZT",
    "евро": "EUR",
    "euro": "EUR",
    "eur": "EUR",
    "€": "EUR",
    "долларов": "USD",
    "доллара": "USD",
    "доллар": "USD",
    "долл": "USD",
    "dollars": "USD",
    "usd": "USD",
    "$": "USD",
    "рублей": "RUB",
    "рубля": "RUB",
    "рубль": "RUB",
    "руб": "RUB",
    "р": "RUB",
    "rub": "RUB",
    "₽": "RUB",
}

_MULTIPLIERS: dict[str, int] = {
    "тысяч": 3,
    "тысячи": 3,
    "тысяча": 3,
    "тыс": 3,
    "мың": 3,
    "thousand": 3,
    "k": 3,
    "миллионов": 6,
    "миллиона": 6,
    "миллион": 6,
    "млн": 6,
    "million": 6,
    "mln": 6,
    "mn": 6,
    "миллиардов": 9,
    "миллиарда": 9,
    "миллиард": 9,
    "млрд": 9,
    "billion": 9,
    "bn": 9,
}

_QUALIFIERS: dict[str, Qualifier] = {
    "около": Qualifier.APPROX,
    "примерно": Qualifier.APPROX,
    "приблизительно": Qualifier.APPROX,
    "порядка": Qualifier.APPROX,
    "шамамен": Qualifier.APPROX,
    "about": Qualifier.APPROX,
    "approximately": Qualifier.APPROX,
    "approx.": Qualifier.APPROX,
    "around": Qualifier.APPROX,
    "~": Qualifier.APPROX,
    "≈": Qualifier.APPROX,
    "чуть более": Qualifier.MORE_THAN,
    "чуть больше": Qualifier.MORE_THAN,
    "более": Qualifier.MORE_THAN,
    "больше": Qualifier.MORE_THAN,
    "свыше": Qualifier.MORE_THAN,
    "over": Qualifier.MORE_THAN,
    "more than": Qualifier.MORE_THAN,
    ">": Qualifier.MORE_THAN,
    "не менее": Qualifier.AT_LEAST,
    "at least": Qualifier.AT_LEAST,
    "≥": Qualifier.AT_LEAST,
    "менее": Qualifier.LESS_THAN,
    "меньше": Qualifier.LESS_THAN,
    "less than": Qualifier.LESS_THAN,
    "<": Qualifier.LESS_THAN,
    "до": Qualifier.UP_TO,
    "от": Qualifier.AT_LEAST,
    "from": Qualifier.AT_LEAST,
    "up to": Qualifier.UP_TO,
}


def _babel_symbols() -> dict[str, str]:
    """Currency symbols babel prints in the locales we format for (``¥``, ``£``, ``US$`` …)."""
    found: dict[str, set[str]] = {}
    for locale in ("ru_KZ", "kk_KZ", "en"):
        for code, symbol in Locale.parse(locale).currency_symbols.items():
            if symbol != code:
                found.setdefault(symbol.lower(), set()).add(code)
    return {symbol: codes.pop() for symbol, codes in found.items() if len(codes) == 1}


_CURRENCY_WORDS = {**_babel_symbols(), **_CURRENCY_WORDS}


def _alternation(words: object) -> str:
    assert isinstance(words, dict)
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUM = r"[0-9]+(?:[ .,'][0-9]+)*"
_CUR = rf"(?:{_alternation(_CURRENCY_WORDS)}|[A-Z][A-Z][A-Z](?![A-Za-z]))\.?"
_MULT = rf"(?:{_alternation(_MULTIPLIERS)})\.?"
_QUAL = _alternation(_QUALIFIERS)

_AMOUNT = (
    rf"(?P<sign{{n}}>[-+])?\s*(?P<pre{{n}}>{_CUR})?\s*(?P<sign{{n}}b>[-+])?\s*"
    rf"(?P<num{{n}}>{_NUM})\s*(?P<mult{{n}}>{_MULT})?\s*(?P<cur{{n}}>{_CUR})?"
)
_PATTERN = re.compile(
    rf"(?:(?P<qual>{_QUAL})\s+|(?P<qualsym>[~≈><≥])\s*)?"
    + _AMOUNT.format(n=1)
    + rf"(?:\s*(?:-|до|to)\s*{_AMOUNT.format(n=2)})?\s*\.?",
    re.IGNORECASE,
)


def _number(digits: str, text: str, *, english: bool = False) -> Decimal:
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


def _english(match: re.Match[str]) -> bool:
    """Babel's English layout (a currency before a number) on either end of a range."""
    return bool(match.group("pre1") or match.group("pre2"))


def _amount(
    match: re.Match[str], n: int, text: str, default: str
) -> tuple[Decimal, int, str | None]:
    signs = [g for g in (match.group(f"sign{n}"), match.group(f"sign{n}b")) if g]
    if len(signs) > 1:
        raise ParseError(text, "two signs on one amount")
    sign = signs[0] if signs else ""
    value = _number(match.group(f"num{n}"), text, english=_english(match))
    if sign == "-":
        value = -value
    mult = match.group(f"mult{n}")
    power = _MULTIPLIERS[mult.rstrip(".").lower()] if mult else -1
    currencies = {
        _currency(c.rstrip("."), text)
        for c in (match.group(f"pre{n}"), match.group(f"cur{n}"))
        if c
    }
    if len(currencies) > 1:
        raise ParseError(text, f"two currencies: {', '.join(sorted(currencies))}")
    return value, power, (currencies.pop() if currencies else None)


def _currency(word: str, text: str) -> str:
    code = _CURRENCY_WORDS.get(word.lower())
    if code is None:
        code = word.upper()
        if not is_currency(code):
            raise ParseError(text, f"unknown currency {word!r}")
    return code


def _bare_t(match: re.Match[str], n: int) -> bool:
    # A lone "т" is tenge only after a multiplier («млн.т.»), never alone.
    cur = match.group(f"cur{n}")
    return bool(cur) and cur.rstrip(".").lower() == "т" and not match.group(f"mult{n}")


def parse_money(text: str, default_currency: str) -> Money | MoneyEstimate | MoneyRange:
    if not isinstance(text, str):
        raise TypeError(f"Money.parse expects a str, got {type(text).__name__}")
    norm = " ".join(text.translate(_SPACES).translate(_DASHES).split())
    match = _PATTERN.fullmatch(norm)
    if not match or any(_bare_t(match, n) for n in (1, 2) if match.group(f"num{n}")):
        raise ParseError(text, "not an amount this parser knows (see Money.parse for the forms)")
    try:
        low, low_power, low_cur = _amount(match, 1, text, default_currency)
        if match.group("num2") is None:
            power = max(low_power, 0)
            currency = low_cur or default_currency
            value = Money(low.scaleb(power, context=_EXACT), currency)
        else:
            high, high_power, high_cur = _amount(match, 2, text, default_currency)
            if low_cur and high_cur and low_cur != high_cur:
                raise ParseError(text, "the two ends of the range have different currencies")
            currency = high_cur or low_cur or default_currency
            high_power = max(high_power, 0)
            low_power = low_power if low_power >= 0 else high_power
            qual = (match.group("qual") or match.group("qualsym") or "").lower()
            if qual and qual not in ("от", "from"):  # «от A до B» is a plain range
                raise ParseError(text, "a range cannot also carry a qualifier")
            return MoneyRange(
                Money(low.scaleb(low_power, context=_EXACT), currency),
                Money(high.scaleb(high_power, context=_EXACT), currency),
            )
    except ParseError:
        raise
    except (ValueError, TypeError, ArithmeticError) as exc:
        raise ParseError(text, str(exc)) from None
    qual = match.group("qual") or match.group("qualsym")
    if qual:
        return MoneyEstimate(value, _QUALIFIERS[" ".join(qual.lower().split())])
    return value
