"""Exact money: `Money`, `MoneyRange`, `MoneyEstimate`, `allocate()`.

An amount is a `Decimal` tied to an ISO-4217 currency. A float
never becomes an amount: passing one raises `TypeError`. Arithmetic is
exact (an operation that would have to round raises instead), works only within
one currency, and allocation never creates or loses a minor unit (the tiyn for
tenge).

Examples
--------
>>> a = Money("1 500 000")
Traceback (most recent call last):
...
TypeError: Money amount: cannot read '1 500 000' as a decimal number; use Money.parse() for printed amounts
>>> a = Money(1_500_000)
>>> a + Money("0.25")
Money(amount=Decimal('1500000.25'), currency='KZT')
>>> print(a.format("ru_KZ"))  # babel groups digits with no-break spaces
1 500 000,00 ₸
>>> Money.parse("1,5 млн. тенге") == a
True
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Context, Decimal, Inexact, InvalidOperation, localcontext
from fractions import Fraction
from typing import ClassVar, Final

import attrs
from babel import Locale
from babel.numbers import format_currency, get_currency_precision, is_currency

from civicgrants.errors import CurrencyMismatch, ParseError
from civicgrants.model.numbers import EXACT, read_number

__all__ = [
    "DEFAULT_CURRENCY",
    "Allocation",
    "Money",
    "MoneyEstimate",
    "MoneyRange",
    "Qualifier",
    "allocate",
    "check_currency",
    "parse_money",
    "to_decimal",
]

DEFAULT_CURRENCY: Final = "KZT"

# Arithmetic on amounts must never round silently: a generous precision, and
# every rounding signal trapped, turns any inexact step into an exception.
MAX_DIGITS = 28
"""Significant digits an amount may have (Decimal's default precision, so every
library that formats or rounds it with the default context stays exact)."""


def to_decimal(value: object, what: str = "amount") -> Decimal:
    """Convert an ``int``, ``str`` or ``Decimal`` to a finite Decimal, exactly.

    Floats (and bools) are refused with `TypeError`, because a float
    cannot hold most decimal amounts exactly.

    Parameters
    ----------
    value : int, str or Decimal
        The number; a string is stripped and read by `Decimal`
        (``"12.50"``, ``"1E+3"``), not as printed text (use `Money.parse()`).
    what : str, optional
        What the value is, named at the start of every error message.

    Returns
    -------
    Decimal
        The same value, exactly, keeping the digits it was written with.

    Raises
    ------
    TypeError
        A float, a bool, a string that is not a decimal number, or another type.
    ValueError
        An infinity or a NaN.

    Examples
    --------
    >>> to_decimal("12.50")
    Decimal('12.50')
    >>> to_decimal(0.1)
    Traceback (most recent call last):
    ...
    TypeError: amount: got the float 0.1, which cannot hold money exactly; pass a str such as '0.1', an int, or a Decimal
    >>> to_decimal("Infinity", "pot")
    Traceback (most recent call last):
    ...
    ValueError: pot: must be a finite number, got 'Infinity'

    See Also
    --------
    Money : an amount built on it.
    parse_money : read amounts as documents print them.
    """
    if isinstance(value, bool):
        raise TypeError(f"{what}: got the bool {value!r}; pass an int, a str or a Decimal")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        raise TypeError(
            f"{what}: got the float {value!r}, which cannot hold money exactly; "
            f"pass a str such as '{value!r}', an int, or a Decimal"
        )
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise TypeError(
                f"{what}: cannot read {value!r} as a decimal number; "
                "use Money.parse() for printed amounts"
            ) from None
    else:
        raise TypeError(f"{what}: expected an int, a str or a Decimal, got {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"{what}: must be a finite number, got {value!r}")
    return result


@functools.cache
def minor_digits(currency: str) -> int:
    """Number of minor-unit digits of ``currency`` (from babel's CLDR data).

    Parameters
    ----------
    currency : str
        An ISO-4217 code.

    Returns
    -------
    int
        Digits after the decimal point of the currency's minor unit (2 for
        tiyn, 0 for yen). Results are cached.

    Examples
    --------
    >>> minor_digits("KZT"), minor_digits("JPY")
    (2, 0)

    See Also
    --------
    Money.minor_digits : Digits of the currency's minor unit (2 for KZT).
    Money.from_minor : Build from an integer count of minor units (tiyn for KZT).
    """
    return int(get_currency_precision(currency))


@functools.cache
def _is_known_currency(code: str) -> bool:
    return bool(is_currency(code))


def check_currency(_inst: object, _attr: object, value: object) -> None:
    """An attrs validator: ``value`` is a known three-letter ISO-4217 code.

    Parameters
    ----------
    _inst : object
        The instance being validated (unused).
    _attr : object
        The attrs attribute being validated (unused).
    value : object
        The code to check.

    Raises
    ------
    ValueError
        Not three capital letters, or a code ISO-4217 does not know.

    Examples
    --------
    >>> check_currency(None, None, "KZT")
    >>> check_currency(None, None, "kzt")
    Traceback (most recent call last):
    ...
    ValueError: currency: must be a three-letter ISO-4217 code such as 'KZT', got 'kzt'
    >>> check_currency(None, None, "XYZ")
    Traceback (most recent call last):
    ...
    ValueError: currency: unknown ISO-4217 code 'XYZ'

    See Also
    --------
    Money : validates its ``currency`` with it.
    """
    if type(value) is str and value in _CHECKED:
        return  # this very code passed both checks below before
    if not isinstance(value, str) or not _CODE.fullmatch(value):
        raise ValueError(
            f"currency: must be a three-letter ISO-4217 code such as 'KZT', got {value!r}"
        )
    if not _is_known_currency(value):
        raise ValueError(f"currency: unknown ISO-4217 code {value!r}")
    if type(value) is str:
        _CHECKED.add(value)


_CODE = re.compile(r"[A-Z]{3}")
_CHECKED: set[str] = set()
"""Codes that passed `check_currency()` (a few hundred at most: ISO-4217 is finite)."""


def _canonical(amount: Decimal, currency: str) -> Decimal:
    """Same value, written with at least the currency's minor digits.

    Trailing zeros beyond the minor unit are dropped, so equal amounts always
    have one spelling (``5`` → ``5.00``; ``1.0050`` → ``1.005``; ``1.5E+6`` →
    ``1500000.00``).
    """
    scale = _SCALES.get(currency)
    if scale is None:
        digits = minor_digits(currency) if _is_known_currency(currency) else 2
        scale = _SCALES[currency] = (digits, Decimal(1).scaleb(-digits))
    digits, quantum = scale
    # The common cases, without unpacking the digits: at most MAX_DIGITS digits once written
    # with the minor unit (adjusted() is the exponent of the first digit), and then either
    # zero (any zero, a negative one too, is 0.00), or already written with the minor unit,
    # or an amount the minor unit holds exactly (5 or 1.5E+6: quantize adds the zeros).
    if digits < MAX_DIGITS and amount.adjusted() + digits < MAX_DIGITS:
        if amount.is_zero():
            return _ZERO.quantize(quantum)
        if amount.same_quantum(quantum):
            return amount
        written = amount.quantize(quantum, context=_QUANTIZE)
        if written == amount:
            return written
    sign, raw, exponent = amount.as_tuple()
    canonical = exponent == -digits and len(raw) <= MAX_DIGITS and digits < MAX_DIGITS
    if canonical and (sign == 0 or any(raw)):  # a negative zero is not: it loses its sign
        return amount
    significant = len(raw) - (len(raw) - len("".join(map(str, raw)).rstrip("0")) if any(raw) else 0)
    with localcontext(EXACT):
        normal = Decimal(0) if not amount or significant > MAX_DIGITS else amount.normalize()
        exponent = normal.as_tuple().exponent
        assert isinstance(exponent, int)
        width = max(normal.adjusted(), 0) + max(-exponent, digits) + 1
        if significant > MAX_DIGITS or width > MAX_DIGITS:
            raise ValueError(
                f"amount: {amount:.6E} needs {max(significant, width)} significant digits "
                f"(with the minor unit); at most {MAX_DIGITS} keep every calculation exact"
            )
        exponent = normal.as_tuple().exponent
        assert isinstance(exponent, int)
        if exponent > -digits:
            return normal.quantize(Decimal(1).scaleb(-digits))
        return normal


_SCALES: dict[str, tuple[int, Decimal]] = {}
"""Per currency: its minor digits and the quantum of its minor unit (``Decimal('0.01')``)."""
_ZERO = Decimal(0)
_QUANTIZE = Context(prec=120, traps=[InvalidOperation])
"""Quantizes without trapping a rounding: the caller compares the result to the amount."""


def _amount_converter(value: object) -> Decimal:
    return to_decimal(value, "Money amount")


@attrs.frozen(eq=True, order=False, repr=True)
class Money:
    """An exact amount of one currency.

    Parameters
    ----------
    amount : int, str or Decimal
        Given as ``int``, ``str`` (``"1500000.50"``) or ``Decimal``. Floats
        raise `TypeError`. The amount is kept exactly, canonicalised to
        at least the currency's minor digits.
    currency : str, optional
        ISO-4217 code, ``"KZT"`` by default.

    Attributes
    ----------
    amount : Decimal
        The exact amount, with at least the currency's minor digits
        (``Money(5).amount`` is ``Decimal('5.00')``).
    currency : str
        The ISO-4217 code.

    Raises
    ------
    TypeError
        ``amount`` is a float, a bool, or not a decimal number (see `to_decimal()`).
    ValueError
        An unknown currency, a non-finite amount, or more than 28 significant digits.
    CurrencyMismatch
        Adding, subtracting, comparing or dividing amounts of two currencies.

    Notes
    -----
    ``+``, ``-`` and comparisons work between amounts of one currency; ``*``
    takes an ``int`` or ``Decimal``; ``Money / Money`` is an exact
    `Fraction`. No operation rounds silently: round with
    `rounded()`, split with `allocate()`.

    Examples
    --------
    >>> Money(2_000_000) * 3
    Money(amount=Decimal('6000000.00'), currency='KZT')
    >>> Money(5, "EUR") + Money(5)
    Traceback (most recent call last):
    ...
    civicgrants.errors.CurrencyMismatch: cannot add EUR and KZT: amounts must share one currency (convert explicitly first)
    >>> Money.sum([], currency="KZT")
    Money(amount=Decimal('0.00'), currency='KZT')
    >>> Money(5) / Money(2)
    Fraction(5, 2)

    See Also
    --------
    Money.parse : read an amount as documents print it.
    MoneyRange, MoneyEstimate : ranges and qualified amounts.
    allocate : split an amount exactly.
    """

    amount: Decimal = attrs.field(converter=_amount_converter)
    currency: str = attrs.field(default=DEFAULT_CURRENCY, validator=check_currency)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "amount", _canonical(self.amount, self.currency))

    # -- construction -------------------------------------------------------
    @classmethod
    def zero(cls, currency: str = DEFAULT_CURRENCY) -> Money:
        """Zero in ``currency``.

        Parameters
        ----------
        currency : str, optional
            ISO-4217 code, ``"KZT"`` by default.

        Returns
        -------
        Money
            Zero, with the currency's minor digits.

        Examples
        --------
        >>> print(Money.zero("EUR"))
        0.00 EUR

        See Also
        --------
        Money.sum : zero is the sum of no items.
        """
        return cls(0, currency)

    @classmethod
    def from_minor(cls, units: int, currency: str = DEFAULT_CURRENCY) -> Money:
        """Build from an integer count of minor units (tiyn for KZT).

        Parameters
        ----------
        units : int
            The count of minor units; may be negative.
        currency : str, optional
            ISO-4217 code, ``"KZT"`` by default.

        Returns
        -------
        Money
            ``units`` minor units of ``currency``.

        Raises
        ------
        TypeError
            ``units`` is not an ``int`` (or is a bool).

        Examples
        --------
        >>> Money.from_minor(150, "KZT")
        Money(amount=Decimal('1.50'), currency='KZT')

        See Also
        --------
        Money.minor_units : the inverse.
        """
        if isinstance(units, bool) or not isinstance(units, int):
            raise TypeError(f"minor units must be an int, got {type(units).__name__}")
        return cls(Decimal(units).scaleb(-minor_digits(currency), context=EXACT), currency)

    @classmethod
    def sum(cls, items: Iterable[Money], currency: str | None = None) -> Money:
        """Exact sum of ``items``; zero of ``currency`` (default KZT) when empty.

        All items must share one currency (and match ``currency`` if given).

        Parameters
        ----------
        items : iterable of Money
            The amounts to add.
        currency : str or None, optional
            The currency every item must have; when ``None``, the first item's
            currency (KZT for no items).

        Returns
        -------
        Money
            The exact total.

        Raises
        ------
        TypeError
            An item is not `Money`.
        CurrencyMismatch
            Items in different currencies, or not in ``currency``.

        Examples
        --------
        >>> print(Money.sum([Money(1), Money("2.5")]))
        3.50 KZT
        >>> print(Money.sum([], currency="EUR"))
        0.00 EUR

        See Also
        --------
        Money.zero : Zero in ``currency``.
        allocate : Split ``total`` in proportion to ``weights``, exactly, in minor units.
        """
        total: Decimal = Decimal(0)
        cur = currency
        add = EXACT.add
        for item in items:
            if not isinstance(item, Money):
                raise TypeError(f"Money.sum: expected Money items, got {type(item).__name__}")
            if cur is None:
                cur = item.currency
            elif item.currency != cur:
                raise CurrencyMismatch(cur, item.currency, "add")
            total = add(total, item.amount)
        return cls(total, cur or DEFAULT_CURRENCY)

    # -- derived values -----------------------------------------------------
    @property
    def minor_digits(self) -> int:
        """Digits of the currency's minor unit (2 for KZT).

        Examples
        --------
        >>> Money(5).minor_digits, Money(5, "JPY").minor_digits
        (2, 0)
        """
        return minor_digits(self.currency)

    @property
    def is_whole(self) -> bool:
        """True when the amount is a whole number of minor units.

        Examples
        --------
        >>> Money("1.50").is_whole, Money("10.005").is_whole
        (True, False)
        """
        exponent = self.amount.as_tuple().exponent
        assert isinstance(exponent, int)
        return exponent >= -self.minor_digits

    @property
    def minor_units(self) -> int:
        """The amount as an integer count of minor units (raises if fractional).

        Raises
        ------
        ValueError
            The amount is finer than the minor unit (see `is_whole`);
            round it first with `rounded()`.

        Examples
        --------
        >>> Money("1.50").minor_units
        150

        See Also
        --------
        Money.from_minor : the inverse.
        """
        if not self.is_whole:
            raise ValueError(
                f"{self} is not a whole number of minor units; round it explicitly with .rounded()"
            )
        return int(self.amount.scaleb(self.minor_digits, context=EXACT))

    def rounded(self, rounding: str = "ROUND_HALF_UP") -> Money:
        """Round explicitly to the minor unit (half up unless told otherwise).

        Parameters
        ----------
        rounding : str, optional
            A `decimal` rounding mode, such as ``"ROUND_HALF_EVEN"`` or
            ``"ROUND_DOWN"``; ``"ROUND_HALF_UP"`` by default.

        Returns
        -------
        Money
            The rounded amount, a whole number of minor units.

        Examples
        --------
        >>> Money("10.005").rounded()
        Money(amount=Decimal('10.01'), currency='KZT')
        >>> print(Money("10.005").rounded("ROUND_DOWN"))
        10.00 KZT

        See Also
        --------
        Money.is_whole : True when the amount is a whole number of minor units.
        allocate : Split ``total`` in proportion to ``weights``, exactly, in minor units.
        """
        quantum = Decimal(1).scaleb(-self.minor_digits)
        with localcontext(EXACT) as ctx:
            ctx.traps[Inexact] = False  # rounding is what was asked for here
            return Money(self.amount.quantize(quantum, rounding=rounding), self.currency)

    # -- arithmetic ---------------------------------------------------------
    def _same(self, other: Money, operation: str) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatch(self.currency, other.currency, operation)

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "add")
        return _checked(EXACT.add(self.amount, other.amount), self.currency)

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "subtract")
        return _checked(EXACT.subtract(self.amount, other.amount), self.currency)

    def __mul__(self, factor: object) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, (int, Decimal)):
            if isinstance(factor, float):
                raise TypeError(
                    f"cannot multiply Money by the float {factor!r}; use Decimal('{factor!r}')"
                )
            return NotImplemented
        return _checked(EXACT.multiply(self.amount, factor), self.currency)

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Fraction:
        """``Money / Money`` is an exact ratio; divide amounts with `allocate()`."""
        if not isinstance(other, Money):
            raise TypeError(
                "Money can only be divided by Money (giving a ratio); "
                "to split an amount use civicgrants.model.allocate()"
            )
        self._same(other, "divide")
        if not other.amount:
            raise ZeroDivisionError("ratio to a zero amount")
        return Fraction(self.amount) / Fraction(other.amount)

    def __neg__(self) -> Money:
        return _checked(-self.amount, self.currency)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return _checked(abs(self.amount), self.currency)

    def __bool__(self) -> bool:
        return bool(self.amount)

    def _cmp(self, other: object) -> Decimal | None:
        if not isinstance(other, Money):
            return None
        self._same(other, "compare")
        return other.amount

    def __lt__(self, other: object) -> bool:
        amount = self._cmp(other)
        return NotImplemented if amount is None else self.amount < amount

    def __le__(self, other: object) -> bool:
        amount = self._cmp(other)
        return NotImplemented if amount is None else self.amount <= amount

    def __gt__(self, other: object) -> bool:
        amount = self._cmp(other)
        return NotImplemented if amount is None else self.amount > amount

    def __ge__(self, other: object) -> bool:
        amount = self._cmp(other)
        return NotImplemented if amount is None else self.amount >= amount

    # -- text ---------------------------------------------------------------
    def format(self, locale: str = "ru_KZ") -> str:
        """Format with babel for ``locale`` (``ru_KZ``, ``kk_KZ``, ``en``, ...).

        No digit is dropped: an amount finer than the minor unit keeps its
        digits, so `parse()` reads the result back exactly.

        Parameters
        ----------
        locale : str, optional
            A babel locale identifier; ``"ru_KZ"`` by default.

        Returns
        -------
        str
            The formatted amount, as babel prints it for ``locale`` (digit
            groups in ``ru_KZ`` and ``kk_KZ`` are no-break spaces).

        Examples
        --------
        >>> Money("1500000.5").format("en")
        'KZT1,500,000.50'
        >>> print(Money("1500000.5").format("kk_KZ"))
        1 500 000,50 ₸
        >>> Money.parse(Money("12.345").format()) == Money("12.345")
        True

        See Also
        --------
        Money.parse : reads the result back.
        """
        return str(
            format_currency(self.amount, self.currency, locale=locale, decimal_quantization=False)
        )

    def __str__(self) -> str:
        return f"{self.amount:f} {self.currency}"

    @classmethod
    def parse(
        cls, text: str, default_currency: str = DEFAULT_CURRENCY
    ) -> Money | MoneyEstimate | MoneyRange:
        """Read an amount as the seed documents print it.

        Returns `Money` for an exact amount, `MoneyEstimate` for a
        qualified one (``около``, ``более``, ``до`` …) and `MoneyRange`
        for ``2 - 2,5 млн. тенге``. Spaces, NBSP and thin spaces group digits;
        a lone comma is a decimal comma. Anything else raises
        `ParseError` quoting the text.

        Parameters
        ----------
        text : str
            The printed amount, e.g. ``"1 994,0 тыс.тг"``, ``"около 1,5 млн.т."``,
            ``"USD1,500.50"``. Multipliers (``тыс.``, ``млн``, ``млрд`` …),
            currency words and symbols (``тенге``, ``₸``, ``евро``, ``$`` …) are read.
        default_currency : str, optional
            The currency when the text names none; ``"KZT"`` by default.

        Returns
        -------
        Money or MoneyEstimate or MoneyRange
            What the text says: an exact amount, a qualified one, or a range.

        Raises
        ------
        ParseError
            The text is not an amount this parser knows.
        TypeError
            ``text`` is not a ``str``.

        Examples
        --------
        >>> Money.parse("1 994,0 тыс.тг")
        Money(amount=Decimal('1994000.00'), currency='KZT')
        >>> Money.parse("около 1,5 млн.т.")
        MoneyEstimate(value=Money(amount=Decimal('1500000.00'), currency='KZT'), qualifier=<Qualifier.APPROX: 'approx'>)
        >>> Money.parse("2 - 2,5 млн. тенге").high
        Money(amount=Decimal('2500000.00'), currency='KZT')
        >>> Money.parse("пять тенге")
        Traceback (most recent call last):
        ...
        civicgrants.errors.ParseError: cannot parse 'пять тенге': not an amount this parser knows (see Money.parse for the forms)

        See Also
        --------
        Money.parse_exact : accepts only an exact amount.
        Money.format : writes what this reads.
        parse_money : the function behind it.
        """
        return parse_money(text, default_currency)

    @classmethod
    def parse_exact(cls, text: str, default_currency: str = DEFAULT_CURRENCY) -> Money:
        """Like `parse()`, but only an exact single amount is accepted.

        Parameters
        ----------
        text : str
            The printed amount.
        default_currency : str, optional
            The currency when the text names none; ``"KZT"`` by default.

        Returns
        -------
        Money
            The exact amount.

        Raises
        ------
        ParseError
            The text is not an amount, or is a range or a qualified amount.

        Examples
        --------
        >>> print(Money.parse_exact("1 994,0 тыс.тг"))
        1994000.00 KZT
        >>> Money.parse_exact("около 1,5 млн.т.")
        Traceback (most recent call last):
        ...
        civicgrants.errors.ParseError: cannot parse 'около 1,5 млн.т.': expected an exact amount, got an approximate amount

        See Also
        --------
        Money.parse : Read an amount as the seed documents print it.
        """
        result = cls.parse(text, default_currency)
        if not isinstance(result, Money):
            kind = "a range" if isinstance(result, MoneyRange) else "an approximate amount"
            raise ParseError(text, f"expected an exact amount, got {kind}")
        return result


def _checked(amount: Decimal, currency: str) -> Money:
    """A `Money` from the result of arithmetic on amounts already checked.

    ``Money(amount, currency)`` less the two checks the operands' types already
    guarantee: ``currency`` is an operand's (it passed `check_currency()`), and
    ``amount`` is a finite `Decimal` (the exact context traps every
    operation that would give an infinity or a NaN, and negation keeps finiteness). The
    amount is still canonicalised, and still refused past `MAX_DIGITS` digits.
    """
    money = object.__new__(Money)
    object.__setattr__(money, "amount", _canonical(amount, currency))
    object.__setattr__(money, "currency", currency)
    return money


class Qualifier(enum.Enum):
    """How a printed amount relates to the true one.

    ``APPROX`` is «около», «примерно», ``~``; ``MORE_THAN`` «более», «свыше»;
    ``AT_LEAST`` «не менее»; ``LESS_THAN`` «менее»; ``UP_TO`` «до».

    Examples
    --------
    >>> Money.parse("более 3 млн тенге").qualifier
    <Qualifier.MORE_THAN: 'more_than'>

    See Also
    --------
    MoneyEstimate : An amount printed with a qualifier: «около 1,5 млн.т.» is ``APPROX``.
    """

    EXACT = "exact"
    APPROX = "approx"  # «около», «примерно», ~
    MORE_THAN = "more_than"  # «более», «свыше», «чуть больше»
    AT_LEAST = "at_least"  # «не менее»
    LESS_THAN = "less_than"  # «менее», «меньше»
    UP_TO = "up_to"  # «до»


@attrs.frozen
class MoneyEstimate:
    """An amount printed with a qualifier: «около 1,5 млн.т.» is ``APPROX``.

    Parameters
    ----------
    value : Money
        The printed amount.
    qualifier : Qualifier, optional
        How it relates to the true amount; ``Qualifier.APPROX`` by default.

    Raises
    ------
    TypeError
        ``value`` is not `Money` or ``qualifier`` not a `Qualifier`.

    Examples
    --------
    >>> e = MoneyEstimate(Money(1_500_000))
    >>> print(e.value, e.qualifier.value)
    1500000.00 KZT approx

    See Also
    --------
    Money.parse : returns one for a qualified amount.
    MoneyRange : A closed range of amounts, such as «2 - 2,5 млн. тенге».
    """

    value: Money = attrs.field(validator=attrs.validators.instance_of(Money))
    qualifier: Qualifier = attrs.field(
        default=Qualifier.APPROX, validator=attrs.validators.instance_of(Qualifier)
    )

    @property
    def currency(self) -> str:
        """The currency of the amount.

        Examples
        --------
        >>> MoneyEstimate(Money(5, "EUR")).currency
        'EUR'
        """
        return self.value.currency


def _check_range(inst: MoneyRange, _attr: object, high: Money) -> None:
    if high.currency != inst.low.currency:
        raise CurrencyMismatch(inst.low.currency, high.currency, "span")
    if high < inst.low:
        raise ValueError(f"must be >= low ({inst.low}), got {high}")


@attrs.frozen
class MoneyRange:
    """A closed range of amounts, such as «2 - 2,5 млн. тенге».

    Parameters
    ----------
    low : Money
        The lower end.
    high : Money
        The upper end, in the same currency and not below ``low``.

    Raises
    ------
    TypeError
        An end is not `Money`.
    CurrencyMismatch
        The ends have different currencies.
    ValueError
        ``high`` is below ``low``.

    Examples
    --------
    >>> r = MoneyRange(Money(2_000_000), Money(2_500_000))
    >>> Money(2_100_000) in r, Money(3_000_000) in r
    (True, False)

    See Also
    --------
    Money.parse : returns one for a printed range.
    MoneyEstimate : An amount printed with a qualifier: «около 1,5 млн.т.» is ``APPROX``.
    """

    low: Money = attrs.field(validator=attrs.validators.instance_of(Money))
    high: Money = attrs.field(validator=[attrs.validators.instance_of(Money), _check_range])

    @property
    def currency(self) -> str:
        """The currency of both ends.

        Examples
        --------
        >>> MoneyRange(Money(1, "EUR"), Money(2, "EUR")).currency
        'EUR'
        """
        return self.low.currency

    @property
    def midpoint(self) -> Money:
        """The exact middle of the range.

        Examples
        --------
        >>> print(MoneyRange(Money(2_000_000), Money(2_500_000)).midpoint)
        2250000.00 KZT
        """
        with localcontext(EXACT):
            return Money((self.low.amount + self.high.amount) / 2, self.currency)

    def __contains__(self, item: object) -> bool:
        return isinstance(item, Money) and self.low <= item <= self.high


Weight = int | Decimal | Fraction | Money


def _weight(value: object, index: int) -> Fraction:
    if isinstance(value, (bool, float)):
        raise TypeError(
            f"weights[{index}]: got {value!r}; weights must be int, Decimal, Fraction or Money"
        )
    if isinstance(value, Money):
        result = Fraction(value.amount)
    elif isinstance(value, (int, Decimal, Fraction)):
        result = Fraction(value)
    else:
        raise TypeError(
            f"weights[{index}]: expected int, Decimal, Fraction or Money, got {type(value).__name__}"
        )
    if result < 0:
        raise ValueError(f"weights[{index}]: must be >= 0, got {value}")
    return result


@attrs.frozen
class Allocation:
    """The result of `allocate()`: parts, and which of them got an extra unit.

    ``bumped`` lists the indices that received one extra minor unit from the
    remainder, in the order they received it, so the split explains itself.
    It iterates, indexes and measures like the tuple of ``parts``.

    Parameters
    ----------
    total : Money
        The amount that was split.
    parts : tuple of Money
        One part per weight, in the weights' order; they sum to ``total``.
    bumped : tuple of int
        Indices of the parts that received an extra minor unit, in order.

    Attributes
    ----------
    tie_break : str
        The rule that orders equal remainders, in words.

    Examples
    --------
    >>> a = allocate(Money("0.05"), [3, 1])
    >>> [str(p) for p in a], a.bumped, len(a)
    (['0.04 KZT', '0.01 KZT'], (0,), 2)

    See Also
    --------
    allocate : Split ``total`` in proportion to ``weights``, exactly, in minor units.
    """

    total: Money
    parts: tuple[Money, ...]
    bumped: tuple[int, ...]

    tie_break: ClassVar[str] = (
        "largest remainder first; equal remainders go to the larger weight, "
        "then to the earlier position"
    )

    def __iter__(self) -> Iterator[Money]:
        return iter(self.parts)

    def __len__(self) -> int:
        return len(self.parts)

    def __getitem__(self, index: int) -> Money:
        return self.parts[index]


def allocate(total: Money, weights: Sequence[Weight]) -> Allocation:
    """Split ``total`` in proportion to ``weights``, exactly, in minor units.

    Each part first gets the floor of its exact quota; the units left over go,
    one each, to the parts with the largest remainders. Ties between equal
    remainders go to the larger weight, then to the earlier position. The parts
    always sum to ``total`` exactly. Zero weights get zero. A negative total is
    split as its absolute value and negated.

    Parameters
    ----------
    total : Money
        The amount to split; a whole number of minor units.
    weights : sequence of int, Decimal, Fraction or Money
        One non-negative weight per part; at least one must be positive.
        Floats and bools are refused.

    Returns
    -------
    Allocation
        The parts, in the order of ``weights``, and which were bumped.

    Raises
    ------
    TypeError
        ``total`` is not `Money`, or a weight has the wrong type.
    ValueError
        No weights, a negative weight, all weights zero, or a ``total`` that
        is not a whole number of minor units.

    Examples
    --------
    >>> [str(p) for p in allocate(Money("100.00"), [1, 1, 1])]
    ['33.34 KZT', '33.33 KZT', '33.33 KZT']
    >>> allocate(Money("0.05"), [3, 1]).bumped
    (0,)
    >>> [str(p) for p in allocate(Money("-1.00"), [1, 0, 2])]
    ['-0.33 KZT', '0.00 KZT', '-0.67 KZT']

    See Also
    --------
    Allocation : the result, with its tie-break rule.
    Money.rounded : round a single amount.
    civicgrants.model.numbers.round_half_up : round an exact ratio.
    """
    if not isinstance(total, Money):
        raise TypeError(f"total must be Money, got {type(total).__name__}")
    fractions = [_weight(w, i) for i, w in enumerate(weights)]
    if not fractions:
        raise ValueError("weights: need at least one weight")
    weight_sum = sum(fractions, Fraction(0))
    if weight_sum == 0:
        raise ValueError("weights: at least one weight must be > 0")
    units = total.minor_units
    sign = -1 if units < 0 else 1
    units = abs(units)
    quotas = [units * w / weight_sum for w in fractions]
    floors = [q.numerator // q.denominator for q in quotas]
    left = units - sum(floors)
    order = sorted(
        range(len(quotas)),
        key=lambda i: (-(quotas[i] - floors[i]), -fractions[i], i),
    )
    bumped = tuple(order[:left])
    for i in bumped:
        floors[i] += 1
    parts = tuple(Money.from_minor(sign * f, total.currency) for f in floors)
    return Allocation(total=total, parts=parts, bumped=bumped)


# The reader behind Money.parse: what the Kazakh seed documents and babel print.

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


def _alternation(words: dict[str, object]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def _currency_words() -> dict[str, str]:
    """Every word or symbol read as a currency: babel's symbols, then ours on top."""
    return {**_babel_symbols(), **_CURRENCY_WORDS}


@functools.cache
def _pattern() -> re.Pattern[str]:
    """The printed-amount pattern, compiled on first use (it reads babel's locale data)."""
    num = r"[0-9]+(?:[ .,'][0-9]+)*"
    cur = rf"(?:{_alternation(dict(_currency_words()))}|[A-Z][A-Z][A-Z](?![A-Za-z]))\.?"
    mult = rf"(?:{_alternation(dict(_MULTIPLIERS))})\.?"
    qual = _alternation(dict(_QUALIFIERS))
    amount = (
        rf"(?P<sign{{n}}>[-+])?\s*(?P<pre{{n}}>{cur})?\s*(?P<sign{{n}}b>[-+])?\s*"
        rf"(?P<num{{n}}>{num})\s*(?P<mult{{n}}>{mult})?\s*(?P<cur{{n}}>{cur})?"
    )
    return re.compile(
        rf"(?:(?P<qual>{qual})\s+|(?P<qualsym>[~≈><≥])\s*)?"
        + amount.format(n=1)
        + rf"(?:\s*(?:-|до|to)\s*{amount.format(n=2)})?\s*\.?",
        re.IGNORECASE,
    )


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
    value = read_number(match.group(f"num{n}"), text, english=_english(match))
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
    code = _currency_words().get(word.lower())
    if code is None:
        code = word.upper()
        if not is_currency(code):
            raise ParseError(text, f"unknown currency {word!r}")
    return code


def _bare_t(match: re.Match[str], n: int) -> bool:
    # A lone "т" is tenge only after a multiplier («млн.т.»), never alone.
    cur = match.group(f"cur{n}")
    return bool(cur) and cur.rstrip(".").lower() == "т" and not match.group(f"mult{n}")


def parse_money(
    text: str, default_currency: str = DEFAULT_CURRENCY
) -> Money | MoneyEstimate | MoneyRange:
    """Read a printed amount; the function behind `Money.parse()` (see its forms).

    Parameters
    ----------
    text : str
        The printed amount.
    default_currency : str, optional
        The currency when the text names none; ``"KZT"`` by default.

    Returns
    -------
    Money or MoneyEstimate or MoneyRange
        An exact amount, a qualified one, or a range.

    Raises
    ------
    ParseError
        The text is not an amount this parser knows, names two currencies or
        two signs, or puts a qualifier on a range.
    TypeError
        ``text`` is not a ``str``.

    Examples
    --------
    >>> parse_money("2 - 2,5 млн. тенге")
    MoneyRange(low=Money(amount=Decimal('2000000.00'), currency='KZT'), high=Money(amount=Decimal('2500000.00'), currency='KZT'))

    See Also
    --------
    Money.parse : Read an amount as the seed documents print it.
    Money.parse_exact : Like `parse()`, but only an exact single amount is accepted.
    """
    if not isinstance(text, str):
        raise TypeError(f"Money.parse expects a str, got {type(text).__name__}")
    norm = " ".join(text.translate(_SPACES).translate(_DASHES).split())
    match = _pattern().fullmatch(norm)
    if not match or any(_bare_t(match, n) for n in (1, 2) if match.group(f"num{n}")):
        raise ParseError(text, "not an amount this parser knows (see Money.parse for the forms)")
    try:
        low, low_power, low_cur = _amount(match, 1, text, default_currency)
        if match.group("num2") is None:
            power = max(low_power, 0)
            currency = low_cur or default_currency
            value = Money(low.scaleb(power, context=EXACT), currency)
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
                Money(low.scaleb(low_power, context=EXACT), currency),
                Money(high.scaleb(high_power, context=EXACT), currency),
            )
    except ParseError:
        raise
    except Inexact:  # a digit string longer than any context: the amount cannot be held
        raise ParseError(
            text, f"more than {MAX_DIGITS} significant digits; an amount holds at most {MAX_DIGITS}"
        ) from None
    except (ValueError, TypeError, ArithmeticError) as exc:
        raise ParseError(text, str(exc)) from None
    qual = match.group("qual") or match.group("qualsym")
    if qual:
        return MoneyEstimate(value, _QUALIFIERS[" ".join(qual.lower().split())])
    return value
