"""Money: exact amounts, parsing what the seed documents print, babel formatting, allocation."""

from __future__ import annotations

from decimal import Context, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.errors import CurrencyMismatch, ParseError
from civicgrants.model import Money, MoneyEstimate, MoneyRange, Qualifier, allocate

CURRENCIES = ["KZT", "EUR", "USD", "RUB", "JPY", "GBP", "CHF"]
LOCALES = ["ru_KZ", "kk_KZ", "en"]


@st.composite
def amounts(draw: st.DrawFn, currency: str | None = None) -> Money:
    cur = currency or draw(st.sampled_from(CURRENCIES))
    units = draw(st.integers(min_value=-(10**15), max_value=10**15))
    extra = draw(st.integers(min_value=0, max_value=4))  # digits finer than the minor unit
    digits = Money.zero(cur).minor_digits + extra
    return Money(Decimal(units).scaleb(-digits), cur)


# -- construction ---------------------------------------------------------------


@pytest.mark.parametrize("value", [0.1, 1.0, float("nan")])
def test_float_is_refused_with_a_hint(value: float) -> None:
    with pytest.raises(TypeError, match="pass a str such as"):
        Money(value)  # type: ignore[arg-type]


def test_accepts_int_str_decimal_and_canonicalises() -> None:
    assert Money(5) == Money("5") == Money(Decimal("5.000")) == Money("5.00")
    assert str(Money(5).amount) == "5.00"
    assert str(Money("1.0050").amount) == "1.005"
    assert str(Money(Decimal("1.5E+6")).amount) == "1500000.00"
    assert str(Money(5, "JPY").amount) == "5"


@pytest.mark.parametrize("bad", ["KZ", "kzt", "XYZ", "", 5])
def test_currency_must_be_iso_4217(bad: object) -> None:
    with pytest.raises(ValueError, match="currency"):
        Money(1, bad)  # type: ignore[arg-type]


def test_bool_and_garbage_amounts_are_refused() -> None:
    with pytest.raises(TypeError, match="bool"):
        Money(True)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"use Money\.parse\(\)"):
        Money("1 500 000 тенге")
    with pytest.raises(ValueError, match="finite"):
        Money("Infinity")


def test_minor_unit_comes_from_babel() -> None:
    assert Money(1).minor_digits == 2
    assert Money(1, "JPY").minor_digits == 0
    assert Money("1.50").minor_units == 150
    assert Money.from_minor(150) == Money("1.50")
    with pytest.raises(ValueError, match="round it explicitly"):
        _ = Money("1.005").minor_units


# -- arithmetic -----------------------------------------------------------------


def test_arithmetic_within_one_currency() -> None:
    assert Money("0.10") + Money("0.20") == Money("0.30")
    assert Money(10) - Money("0.01") == Money("9.99")
    assert Money("2000000") * 3 == Money(6_000_000)
    assert Decimal("0.5") * Money(3) == Money("1.5")
    assert -Money(5) == Money(-5)
    assert abs(Money(-5)) == Money(5)
    assert Money(3) / Money(4) == Fraction(3, 4)
    assert Money(1) < Money(2) <= Money(2) < Money(3)
    assert max(Money(1), Money(7), Money(3)) == Money(7)


def test_mixing_currencies_raises() -> None:
    with pytest.raises(CurrencyMismatch, match="cannot add EUR and KZT"):
        Money(5, "EUR") + Money(5)
    with pytest.raises(CurrencyMismatch, match="subtract"):
        Money(5) - Money(5, "USD")
    with pytest.raises(CurrencyMismatch, match="compare"):
        _ = Money(5) < Money(5, "USD")
    with pytest.raises(CurrencyMismatch):
        Money.sum([Money(1), Money(1, "EUR")])
    with pytest.raises(CurrencyMismatch):
        Money.sum([Money(1, "EUR")], currency="KZT")


def test_no_float_or_plain_division() -> None:
    with pytest.raises(TypeError, match=r"Decimal\('1.5'\)"):
        Money(1) * 1.5  # type: ignore[operator]
    with pytest.raises(TypeError, match="allocate"):
        Money(1) / 3  # type: ignore[operator]
    with pytest.raises(TypeError):
        Money(1) + 1  # type: ignore[operator]


def test_sum_handles_the_empty_case() -> None:
    assert Money.sum([]) == Money(0, "KZT")
    assert Money.sum([], currency="EUR") == Money(0, "EUR")
    assert Money.sum([Money(1, "EUR"), Money("0.5", "EUR")]) == Money("1.5", "EUR")


def test_rounding_is_explicit() -> None:
    assert Money("10.005").rounded() == Money("10.01")
    assert Money("10.005").rounded("ROUND_HALF_EVEN") == Money("10.00")


@given(amounts(), amounts(), st.integers(-1000, 1000))
def test_results_stay_exact_decimals(a: Money, b: Money, k: int) -> None:
    for result in [a * k, k * a, -a, abs(a)] + ([a + b, a - b] if a.currency == b.currency else []):
        assert type(result.amount) is Decimal
    if a.currency == b.currency:
        assert (a + b) - b == a


# -- parsing --------------------------------------------------------------------

SEED_FORMS = [
    ("5 000 000 тенге", Money(5_000_000)),
    ("1 500 000 тг", Money(1_500_000)),
    ("1,5 млн. тенге", Money(1_500_000)),
    ("1 994,0 тыс.тг", Money(1_994_000)),
    ("106,7 млрд.", Money(106_700_000_000)),
    ("458 000 евро", Money(458_000, "EUR")),
    ("31 891 320", Money(31_891_320)),
    ("17 000 000 тенге", Money(17_000_000)),
    ("3 000 000 тг", Money(3_000_000)),
    ("20 547 791 тенге", Money(20_547_791)),
    ("1\u00a0500\u00a0000\u00a0тг", Money(1_500_000)),
    ("1\u2009500\u2009000 тенге", Money(1_500_000)),
    ("1\u202f500\u202f000,50 ₸", Money("1500000.50")),
    ("2,5 млн тенге", Money(2_500_000)),
    ("750 000 тенге.", Money(750_000)),
]


@pytest.mark.parametrize(("text", "expected"), SEED_FORMS)
def test_parses_what_the_seeds_print(text: str, expected: Money) -> None:
    assert Money.parse(text) == expected
    assert Money.parse_exact(text) == expected


def test_default_currency_applies_when_none_is_printed() -> None:
    assert Money.parse("106,7 млрд.", default_currency="USD") == Money(106_700_000_000, "USD")


@pytest.mark.parametrize(
    ("text", "qualifier", "value"),
    [
        ("около 1,5 млн.т.", Qualifier.APPROX, 1_500_000),
        ("более 29,5 млн. тенге", Qualifier.MORE_THAN, 29_500_000),
        ("чуть более 2 млн. тенге", Qualifier.MORE_THAN, 2_000_000),
        ("чуть больше 2 млн. тенге", Qualifier.MORE_THAN, 2_000_000),
        ("не менее 150 000 тенге", Qualifier.AT_LEAST, 150_000),
        ("до 4 млн. тенге", Qualifier.UP_TO, 4_000_000),
        ("~ 300 тыс. тг", Qualifier.APPROX, 300_000),
    ],
)
def test_qualified_amounts_are_marked(text: str, qualifier: Qualifier, value: int) -> None:
    assert Money.parse(text) == MoneyEstimate(Money(value), qualifier)
    with pytest.raises(ParseError, match="approximate"):
        Money.parse_exact(text)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("2 - 2,5 млн. тенге", 2_000_000, 2_500_000),
        ("3,5 - 4 млн. тенге", 3_500_000, 4_000_000),
        ("2–2,5 млн. тенге", 2_000_000, 2_500_000),
        ("от 100 000 до 300 000 тенге", 100_000, 300_000),
        ("500 тыс. - 1 млн. тенге", 500_000, 1_000_000),
    ],
)
def test_ranges(text: str, low: int, high: int) -> None:
    result = Money.parse(text)
    assert result == MoneyRange(Money(low), Money(high))
    assert isinstance(result, MoneyRange)
    assert Money(low) in result
    assert result.midpoint == Money((low + high) // 2) or (low + high) % 2


@pytest.mark.parametrize(
    "text",
    [
        "",
        "тенге",
        "abc",
        "1 50 тенге",
        "5 т",
        "12 ABC",
        "1,5,0.0,0",
        "5 - 2 млн",
        "около 1 - 2 млн",
        "1.2.3,4,5",
    ],
)
def test_anything_else_raises_parse_error_quoting_the_text(text: str) -> None:
    with pytest.raises(ParseError) as info:
        Money.parse(text)
    assert repr(text) in str(info.value)


# -- formatting -----------------------------------------------------------------


def test_format_uses_babel_for_each_locale() -> None:
    m = Money("1500000.5")
    assert m.format("ru_KZ") == "1\u00a0500\u00a0000,50\u00a0₸"
    assert m.format("kk_KZ") == "1\u00a0500\u00a0000,50\u00a0₸"
    assert m.format("en") == "KZT1,500,000.50"
    assert Money("0.001").format("en") == "KZT0.001"


@settings(max_examples=300)
@given(amounts(), st.sampled_from(LOCALES))
def test_parse_inverts_format(x: Money, locale: str) -> None:
    assert Money.parse(x.format(locale)) == x


# -- allocation -----------------------------------------------------------------

weights = st.lists(
    st.one_of(
        st.integers(min_value=0, max_value=10**9),
        st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False),
    ),
    min_size=1,
    max_size=30,
).filter(lambda ws: sum(ws) > 0)


@settings(max_examples=300)
@given(st.integers(min_value=-(10**14), max_value=10**14), st.sampled_from(CURRENCIES), weights)
def test_allocation_never_creates_or_loses_a_minor_unit(
    units: int, cur: str, ws: list[int | Decimal]
) -> None:
    total = Money.from_minor(units, cur)
    parts = allocate(total, ws)
    assert Money.sum(parts, currency=cur) == total
    assert len(parts) == len(ws)
    # Each part is within one minor unit of its exact share, and zero weights get nothing.
    weight_sum = sum(Fraction(w) for w in ws)
    for part, w in zip(parts, ws, strict=True):
        exact = Fraction(units) * Fraction(w) / weight_sum
        assert abs(Fraction(part.minor_units) - exact) < 1
        if w == 0:
            assert part == Money.zero(cur)


def test_allocation_tie_break_is_documented_and_deterministic() -> None:
    # 1 tiyn over 3 equal weights: the earliest position gets it.
    assert [p.minor_units for p in allocate(Money("0.01"), [1, 1, 1])] == [1, 0, 0]
    # 2 tiyn over equal remainders: larger weight first, then position.
    alloc = allocate(Money("0.02"), [1, 2, 2, 1])
    assert alloc.bumped == (1, 2)
    assert [p.minor_units for p in alloc] == [0, 1, 1, 0]
    # Largest remainder wins over position.
    assert allocate(Money("0.05"), [3, 1]).bumped == (0,)
    assert [str(p) for p in allocate(Money("100.00"), [1, 1, 1])] == [
        "33.34 KZT",
        "33.33 KZT",
        "33.33 KZT",
    ]
    assert [str(p) for p in allocate(Money("-100.00"), [1, 1, 1])] == [
        "-33.34 KZT",
        "-33.33 KZT",
        "-33.33 KZT",
    ]


def test_allocation_accepts_money_weights_and_rejects_bad_ones() -> None:
    parts = allocate(Money(100), [Money(1), Money(3)])
    assert [p.amount for p in parts] == [Decimal("25.00"), Decimal("75.00")]
    with pytest.raises(TypeError, match=r"weights\[1\]"):
        allocate(Money(1), [1, 0.5])  # type: ignore[list-item]
    with pytest.raises(ValueError, match=r"weights\[0\]: must be >= 0"):
        allocate(Money(1), [-1, 2])
    with pytest.raises(ValueError, match="at least one weight must be > 0"):
        allocate(Money(1), [0, 0])
    with pytest.raises(ValueError, match="round it explicitly"):
        allocate(Money("0.001"), [1])


@pytest.mark.parametrize(
    "text",
    [
        "€1.000,50",  # a decimal comma after an English-layout currency
        "+ -5 тенге",  # two signs
        "-KZT-5",
        "٣",  # non-ASCII digits are not read as numbers
        "１２３",
        "1 000 000,00 ₸ ₸",
        "99999999999999999999999999999",  # more digits than an amount may hold exactly
    ],
)
def test_review_rejects(text: str) -> None:
    with pytest.raises(ParseError):
        Money.parse(text)


def test_review_accepts() -> None:
    assert Money.parse("от 5 млн тенге") == MoneyEstimate(Money(5_000_000), Qualifier.AT_LEAST)
    assert Money.parse("$1 - 1,500") == MoneyRange(Money(1, "USD"), Money(1500, "USD"))
    assert Money.parse("500 р.") == Money(500, "RUB")


def test_amounts_are_limited_to_exact_precision() -> None:
    big = Money("12345678901234567890123456.78")  # 28 digits: the limit
    assert big.minor_units == 1234567890123456789012345678
    assert Money.sum(allocate(big, [1, 1]).parts) == big
    assert big.format("en").startswith("KZT12,345,678,901,234,567,890,123,456.78")
    with pytest.raises(ValueError, match="at most 28"):
        Money("123456789012345678901234567.89")
    with pytest.raises(ValueError, match="at most 28"):
        Money("1." + "0" * 150 + "1")


# -- the canonical spelling, on its fast paths ----------------------------------------------


def _spelling(amount: Decimal, digits: int) -> tuple[int, tuple[int, ...], int] | None:
    """The rule, written plainly: the value with at least ``digits`` decimals, trailing zeros
    beyond them dropped, zero unsigned; ``None`` when, written out with its leading zero,
    it needs more than 28 digits."""
    normal = amount.normalize(context=_WIDE) if amount else Decimal(0)
    exponent = normal.as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent > -digits:
        normal = normal.quantize(Decimal(1).scaleb(-digits), context=_WIDE)
    sign, coefficient, exp = normal.as_tuple()
    assert isinstance(exp, int)
    if max(normal.adjusted(), 0) - exp + 1 > 28:
        return None
    return sign, coefficient, exp


_WIDE = Context(prec=200)


@settings(max_examples=400)
@given(
    st.sampled_from(["KZT", "JPY", "BHD", "EUR"]),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.integers(min_value=-40, max_value=8),
    st.integers(min_value=0, max_value=6),
    st.booleans(),
)
def test_every_amount_has_one_spelling(
    currency: str, units: int, exponent: int, zeros: int, negative_zero: bool
) -> None:
    amount = Decimal("-0") if negative_zero else Decimal(units * 10**zeros).scaleb(exponent - zeros)
    digits = Money.zero(currency).minor_digits
    expected = _spelling(amount, digits)
    if expected is None:
        with pytest.raises(ValueError, match="at most 28"):
            Money(amount, currency)
        return
    money = Money(amount, currency)
    assert money.amount == amount
    assert money.amount.as_tuple() == expected
    assert Money(str(amount), currency) == money  # and from its text: one spelling


def test_arithmetic_keeps_the_canonical_spelling() -> None:
    a, b = Money("1.005"), Money("0.005")
    assert str((a - b).amount) == "1.00"
    assert str((a + b).amount) == "1.01"
    assert str((-Money(0)).amount) == "0.00"  # no negative zero
    assert str((Money("-2.50") * 0).amount) == "0.00"
    assert str(abs(Money("-2.50")).amount) == "2.50"
    assert str((Money("0.10") * Decimal("0.5")).amount) == "0.05"
    assert str(Money.sum([Money("0.001")] * 10).amount) == "0.01"
    with pytest.raises(ValueError, match="at most 28"):
        Money("12345678901234567890123456.78") * 10
