"""Field builders shared by every entity: validators that sit on the field.

Each validator raises ``ValueError`` with a message that says what was expected
and what came (``must be >= 0, got -2``). Each also carries the JSON-Schema
fragment it enforces (``schema``), so `civicgrants.io.schema` can publish
the same rule the Python constructor applies.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import gc
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from civicgrants.errors import article
from civicgrants.model.limits import DEFAULT_LIMITS, date_problem, number_problem
from civicgrants.model.money import Money, to_decimal

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:\-]*$"
SCHEMA = "json_schema"
"""Field-metadata key holding the JSON-Schema fragment the field's validators enforce."""
DECIMAL = r"^-?[0-9]+(\.[0-9]+)?$"
NONNEGATIVE_DECIMAL = r"^[0-9]+(\.[0-9]+)?$"
PERSONAL = "personal"
"""Field-metadata key that marks personal data (names, phones, e-mails)."""
DECIMAL_BOUNDS = "decimal_bounds"
"""Field-metadata key holding a decimal field's ``(minimum, maximum)`` (``None`` where unbounded)."""
LARGEST_COUNT = 10**DEFAULT_LIMITS.exponent - 1
"""The largest whole number the default limits keep (``10**30 - 1``): a count's schema maximum."""
CURRENCY_CODE = "currency_code"
"""Field-metadata key that marks an ISO-4217 code `Money` accepts (the schema lists them)."""
NONBLANK = r"\S"
"""The JSON-Schema pattern of a non-blank string (one character that is not white space)."""


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a block builds many objects.

    Reading a score sheet, deciding a call or drawing a report allocates hundreds of
    thousands of small objects. Each burst of allocations makes the collector walk every
    object the process holds (a loaded round of 1 000 applications is about a million),
    which cost a third of the time of those steps; the objects they build hold no
    reference cycles for it to find. Reference counting still frees everything at once;
    anything cyclic waits for the collector's next pass, after the block. The collector is
    switched back on when the block ends, unless it was off when the block began.

    Yields
    ------
    None
        Nothing: the block runs with the collector paused.

    Examples
    --------
    >>> with gc_paused():
    ...     scores = [(i, str(i)) for i in range(100_000)]
    >>> gc.isenabled()
    True

    See Also
    --------
    civicgrants.scoring.commission.decide : decides with it.
    civicgrants.io.scores_csv.loads_scores : reads with it.
    """
    if not gc.isenabled():  # off already (by the caller, or by an enclosing block)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@attrs.frozen
class Check:
    """An attrs validator with a message and the JSON-Schema rule it enforces.

    ``None`` always passes (optional fields are ``None`` when absent); any
    other value failing ``test`` raises ``ValueError`` naming the field.

    Parameters
    ----------
    test : callable
        Takes the value, returns whether it is acceptable.
    expected : str
        What was expected, as the message says it (``"must be >= 0"``).
    schema : dict, optional
        The JSON-Schema fragment the check enforces; empty by default.

    Examples
    --------
    >>> @attrs.frozen
    ... class Box:
    ...     size: int = attrs.field(validator=Check(lambda v: v > 0, "must be > 0"))
    >>> Box(-2)
    Traceback (most recent call last):
    ...
    ValueError: size: must be > 0, got -2

    See Also
    --------
    type_check, ge, between, matches : build common checks.
    """

    test: Callable[[Any], bool]
    expected: str
    schema: dict[str, Any] = attrs.field(factory=dict)

    def __call__(self, _inst: object, attr: attrs.Attribute[Any], value: Any) -> None:
        """Validate ``value`` of field ``attr``, as attrs calls a validator.

        Parameters
        ----------
        _inst : object
            The instance being built (unused).
        attr : attrs.Attribute
            The field; its name starts the message.
        value : object
            The value to check; ``None`` passes.

        Raises
        ------
        ValueError
            ``value`` fails the test: ``"{field}: {expected}, got {value}"``.
        """
        if value is None:
            return
        if not self.test(value):
            raise ValueError(f"{attr.name}: {self.expected}, got {_show(value)}")


def _show(value: object) -> str:
    if isinstance(value, Money):
        return str(value)
    if isinstance(value, (Decimal, int)):
        return str(value)
    if isinstance(value, enum.Enum):
        return repr(value.value)
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


@attrs.frozen
class _Checks:
    """Several checks as one validator: the first that fails raises, as a list of them would.

    One call instead of attrs' ``and_`` calling each check in turn: the checks run on every
    field of every entity built.
    """

    checks: tuple[Check, ...]

    def __call__(self, _inst: object, attr: attrs.Attribute[Any], value: Any) -> None:
        if value is None:  # every Check passes None
            return
        for check in self.checks:
            if not check.test(value):
                raise ValueError(f"{attr.name}: {check.expected}, got {_show(value)}")


@attrs.frozen
class _WithinLimits:
    """A number within the digits and exponent limits in force (`civicgrants.model.limits`).

    Ints, and Decimals (a NaN is refused here, before any comparison); other values
    are left to the type check.
    """

    def __call__(self, _inst: object, attr: attrs.Attribute[Any], value: Any) -> None:
        if isinstance(value, Decimal):
            problem = number_problem(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            if -_SMALL < value < _SMALL:  # within every limit there can be
                return
            problem = number_problem(Decimal(value))
        else:
            return
        if problem is not None:
            raise ValueError(f"{attr.name}: {problem}")


_SMALL = 10**15
_WITHIN_LIMITS = _WithinLimits()


@attrs.frozen
class _InYears:
    """A date within `Limits.first_year` … `Limits.last_year`."""

    def __call__(self, _inst: object, attr: attrs.Attribute[Any], value: Any) -> None:
        if isinstance(value, dt.date):
            problem = date_problem(value)
            if problem is not None:
                raise ValueError(f"{attr.name}: {problem}")


_IN_YEARS = _InYears()


def type_check(kind: type | tuple[type, ...], expected: str) -> Check:
    """A check that the value is an instance of ``kind`` (a bool is not an int).

    Parameters
    ----------
    kind : type or tuple of type
        The accepted type or types; ``bool`` passes only when listed.
    expected : str
        The type in words, for the message (``"an integer"``).

    Returns
    -------
    Check
        The validator, with the message ``must be {expected}``.

    Examples
    --------
    >>> check = type_check(int, "an integer")
    >>> check.test(3), check.test(True), check.expected
    (True, False, 'must be an integer')

    See Also
    --------
    Check : An attrs validator with a message and the JSON-Schema rule it enforces.
    """
    kinds = _tuple(kind)
    if bool in kinds or not any(issubclass(bool, k) for k in kinds):
        # bool is accepted, or none of the kinds would take it anyway: the type alone decides
        def test(value: object) -> bool:
            return isinstance(value, kind)
    else:

        def test(value: object) -> bool:
            return isinstance(value, kind) and not isinstance(value, bool)

    return Check(test, f"must be {expected}")


def _tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def ge(bound: int | Decimal) -> Check:
    """A check that the value (or a `Money` amount) is at least ``bound``.

    Parameters
    ----------
    bound : int or Decimal
        The smallest value allowed.

    Returns
    -------
    Check
        The validator; its schema is ``{"minimum": bound}`` for a whole bound.

    Examples
    --------
    >>> check = ge(1)
    >>> check.test(0), check.test(Money(5)), check.expected, check.schema
    (False, True, 'must be >= 1', {'minimum': 1})

    See Also
    --------
    between : A check that the value lies between ``low`` and ``high``, both included.
    count : An integer field of at least ``minimum`` (a bool is refused).
    """

    def test(value: Any) -> bool:
        amount = value.amount if isinstance(value, Money) else value
        return bool(amount >= bound)

    return Check(
        test, f"must be >= {bound}", {"minimum": int(bound)} if bound == int(bound) else {}
    )


def between(low: int | Decimal, high: int | Decimal) -> Check:
    """A check that the value lies between ``low`` and ``high``, both included.

    Parameters
    ----------
    low : int or Decimal
        The smallest value allowed.
    high : int or Decimal
        The largest value allowed.

    Returns
    -------
    Check
        The validator (without a JSON-Schema fragment).

    Examples
    --------
    >>> check = between(0, 1)
    >>> check.test(Decimal("0.5")), check.test(2), check.expected
    (True, False, 'must be between 0 and 1')

    See Also
    --------
    ge : A check that the value (or a `Money` amount) is at least ``bound``.
    decimal : A `Decimal` field; ints and decimal strings are converted exactly.
    """
    return Check(lambda v: low <= v <= high, f"must be between {low} and {high}")


def matches(pattern: str, expected: str) -> Check:
    """A check that the value is a string matching ``pattern`` in full.

    Parameters
    ----------
    pattern : str
        A regular expression, also published as the JSON-Schema ``pattern``.
    expected : str
        What a match looks like, in words.

    Returns
    -------
    Check
        The validator, with the message ``must be {expected}``.

    Examples
    --------
    >>> check = matches(r"[0-9]{12}", "12 digits")
    >>> check.test("051140010597"), check.test("0511"), check.schema
    (True, False, {'pattern': '[0-9]{12}'})

    See Also
    --------
    ident : an id field built on it.
    """
    compiled = re.compile(pattern)
    return Check(
        lambda v: isinstance(v, str) and compiled.fullmatch(v) is not None,
        f"must be {expected}",
        {"pattern": pattern},
    )


NON_BLANK = Check(
    lambda v: isinstance(v, str) and v.strip() != "", "must be a non-empty string", {"minLength": 1}
)
_ID_CHECKS = _Checks(
    (
        type_check(str, "a string"),
        matches(ID_PATTERN, "an id of letters, digits, '.', '_', ':' or '-'"),
    )
)


def _encodes(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_UNICODE_TEXT = Check(
    lambda v: v.isascii() or _encodes(v),
    "must be text UTF-8 can write (a lone surrogate cannot be)",
)
"""A string with no lone surrogate (``"\\udc80"`` in JSON): it could not be written back."""
_TEXT_CHECKS = _Checks((type_check(str, "a string"), NON_BLANK, _UNICODE_TEXT))


def to_tuple(value: Iterable[T]) -> tuple[T, ...]:
    """An attrs converter freezing a list (or any iterable) into a tuple.

    Parameters
    ----------
    value : iterable
        The items; a ``str``, ``bytes`` or ``dict`` is refused, since it is
        almost always a mistake for a list.

    Returns
    -------
    tuple
        The items, in order.

    Raises
    ------
    TypeError
        ``value`` is a ``str``, ``bytes`` or ``dict``.

    Examples
    --------
    >>> to_tuple(["a", "b"])
    ('a', 'b')
    >>> to_tuple("ab")
    Traceback (most recent call last):
    ...
    TypeError: expected a list, got str

    See Also
    --------
    many : the list field that uses it.
    """
    if isinstance(value, (str, bytes, dict)):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return tuple(value)


def ident(**kw: Any) -> Any:
    """A stable string id such as ``"II-MO-04"`` or ``"fort-shevchenko"``.

    An id starts with a letter or digit, then letters, digits, ``.``, ``_``,
    ``:`` or ``-`` (`ID_PATTERN`).

    Parameters
    ----------
    **kw
        Passed on to `attrs.field()` (``default``, ``metadata`` …); the
        metadata defaults to the id's JSON-Schema pattern.

    Returns
    -------
    attrs field
        A required string field validated as an id.

    Examples
    --------
    >>> @attrs.frozen
    ... class Thing:
    ...     id: str = ident()
    >>> Thing("II-MO-04").id
    'II-MO-04'
    >>> Thing("two words")
    Traceback (most recent call last):
    ...
    ValueError: id: must be an id of letters, digits, '.', '_', ':' or '-', got 'two words'

    See Also
    --------
    optional_ident : the same, defaulting to ``None``.
    """
    kw.setdefault("metadata", {SCHEMA: {"pattern": ID_PATTERN}})
    return attrs.field(validator=_ID_CHECKS, **kw)


def optional_ident() -> Any:
    """An optional id field: ``None`` by default, else validated like `ident()`.

    Returns
    -------
    attrs field
        A string field defaulting to ``None``.

    Examples
    --------
    >>> @attrs.frozen
    ... class Thing:
    ...     parent: str | None = optional_ident()
    >>> Thing().parent is None, Thing("p-1").parent
    (True, 'p-1')

    See Also
    --------
    ident : A stable string id such as ``"II-MO-04"`` or ``"fort-shevchenko"``.
    """
    return attrs.field(
        default=None,
        validator=_ID_CHECKS,
        metadata={SCHEMA: {"pattern": ID_PATTERN}},
    )


def text(*, optional: bool = False, personal: bool = False) -> Any:
    """A non-blank string field.

    Parameters
    ----------
    optional : bool, optional
        Default to ``None`` instead of being required.
    personal : bool, optional
        Mark the field as personal data (`PERSONAL` metadata), so
        `redact()` empties it.

    Returns
    -------
    attrs field
        A string field refusing non-strings and blank strings.

    Examples
    --------
    >>> @attrs.frozen
    ... class Note:
    ...     body: str = text()
    ...     author: str | None = text(optional=True, personal=True)
    >>> Note("  ")
    Traceback (most recent call last):
    ...
    ValueError: body: must be a non-empty string, got '  '
    >>> attrs.fields(Note).author.metadata[PERSONAL]
    True

    See Also
    --------
    civicgrants.model.personal.personal_fields : the fields that hold personal data.
    """
    meta: dict[str, Any] = {SCHEMA: {"minLength": 1, "pattern": NONBLANK}}
    if personal:
        meta[PERSONAL] = True
    if optional:
        return attrs.field(default=None, validator=_TEXT_CHECKS, metadata=meta)
    return attrs.field(validator=_TEXT_CHECKS, metadata=meta)


def flag(default: bool = False) -> Any:
    """A ``bool`` field (an int such as ``1`` is refused).

    Parameters
    ----------
    default : bool, optional
        The value when absent; ``False`` by default.

    Returns
    -------
    attrs field
        The field.

    Examples
    --------
    >>> @attrs.frozen
    ... class Switch:
    ...     on: bool = flag()
    >>> Switch().on
    False
    >>> Switch(1)
    Traceback (most recent call last):
    ...
    ValueError: on: must be true or false, got 1

    See Also
    --------
    count : an integer field (which refuses bools in turn).
    type_check : the validator behind it.
    """
    return attrs.field(default=default, validator=type_check(bool, "true or false"))


def count(*, optional: bool = False, minimum: int = 0, default: Any = attrs.NOTHING) -> Any:
    """An integer field of at least ``minimum`` (a bool is refused).

    Parameters
    ----------
    optional : bool, optional
        Default to ``None`` (overrides ``default``).
    minimum : int, optional
        The smallest value allowed; 0 by default.
    default : int, optional
        The value when absent; required when not given.

    Returns
    -------
    attrs field
        The field, publishing ``minimum`` in its JSON Schema.

    Examples
    --------
    >>> @attrs.frozen
    ... class Stage:
    ...     number: int = count(minimum=1, default=1)
    >>> Stage(0)
    Traceback (most recent call last):
    ...
    ValueError: number: must be >= 1, got 0

    See Also
    --------
    decimal : for non-integer numbers.
    """
    return attrs.field(
        default=None if optional else default,
        validator=[_Checks((type_check(int, "an integer"), ge(minimum))), _WITHIN_LIMITS],
        metadata={SCHEMA: {"minimum": minimum, "maximum": LARGEST_COUNT}},
    )


def decimal(
    *,
    optional: bool = False,
    minimum: int | Decimal | None = None,
    maximum: int | Decimal | None = None,
    default: Any = attrs.NOTHING,
) -> Any:
    """A `Decimal` field; ints and decimal strings are converted exactly.

    Parameters
    ----------
    optional : bool, optional
        Default to ``None`` (overrides ``default``).
    minimum : int or Decimal or None, optional
        The smallest value allowed.
    maximum : int or Decimal or None, optional
        The largest value allowed; checked only together with ``minimum``.
    default : Decimal, optional
        The value when absent; required when not given.

    Returns
    -------
    attrs field
        The field; a value that cannot be converted is reported by its
        validator, with the field's name.

    Examples
    --------
    >>> @attrs.frozen
    ... class Share:
    ...     value: Decimal = decimal(minimum=0, maximum=1)
    >>> Share("0.5").value
    Decimal('0.5')
    >>> Share(2)
    Traceback (most recent call last):
    ...
    ValueError: value: must be between 0 and 1, got 2

    See Also
    --------
    count : An integer field of at least ``minimum`` (a bool is refused).
    money : A `Money` field, non-negative unless told otherwise.
    """
    validators: list[Check] = [type_check(Decimal, "a decimal number")]
    if minimum is not None and maximum is not None:
        validators.append(between(minimum, maximum))
    elif minimum is not None:
        validators.append(ge(minimum))

    def convert(value: Any) -> Any:
        if value is None or isinstance(value, Decimal):
            return value
        if isinstance(value, (int, str)) and not isinstance(value, bool):
            try:
                return to_decimal(value)
            except (TypeError, ValueError):
                return value  # the validator reports it with its location
        return value

    if optional:
        default = None
    checks: list[Any] = [
        _WITHIN_LIMITS,
        _Checks(tuple(validators)),
    ]  # limits first: no NaN compared
    return attrs.field(
        default=default,
        converter=convert,
        validator=checks,
        metadata={DECIMAL_BOUNDS: (minimum, maximum if minimum is not None else None)},
    )


def money(*, optional: bool = False, nonnegative: bool = True) -> Any:
    """A `Money` field, non-negative unless told otherwise.

    Parameters
    ----------
    optional : bool, optional
        Default to ``None`` instead of being required.
    nonnegative : bool, optional
        Refuse a negative amount; ``True`` by default.

    Returns
    -------
    attrs field
        The field.

    Examples
    --------
    >>> @attrs.frozen
    ... class Grant:
    ...     amount: Money = money()
    >>> Grant(Money("-5"))
    Traceback (most recent call last):
    ...
    ValueError: amount.amount: must be >= 0, got "-5.00"

    See Also
    --------
    decimal : a plain number field.
    """
    validators: list[Any] = [type_check(Money, "Money")]
    meta: dict[str, Any] = {}
    if nonnegative:
        validators.append(_nonnegative_money)
        meta[SCHEMA] = {"properties": {"amount": {"pattern": NONNEGATIVE_DECIMAL}}}
    return attrs.field(
        default=None if optional else attrs.NOTHING, validator=validators, metadata=meta
    )


def _nonnegative_money(_inst: object, attr: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, Money) and value.amount < 0:
        raise ValueError(f'{attr.name}.amount: must be >= 0, got "{value.amount}"')


def date(*, optional: bool = False) -> Any:
    """A `datetime.date` field.

    Parameters
    ----------
    optional : bool, optional
        Default to ``None`` instead of being required.

    Returns
    -------
    attrs field
        The field.

    Examples
    --------
    >>> @attrs.frozen
    ... class Event:
    ...     on: dt.date = date()
    >>> Event("2020-02-01")
    Traceback (most recent call last):
    ...
    ValueError: on: must be a date, got '2020-02-01'

    See Also
    --------
    type_check : the validator behind it.
    choice : a field holding an enum member.
    """
    checks: list[Any] = [type_check(dt.date, "a date"), _IN_YEARS]
    if optional:
        return attrs.field(default=None, validator=checks)
    return attrs.field(validator=checks)


def choice(kind: type[E], *, default: Any = attrs.NOTHING, optional: bool = False) -> Any:
    """A field holding a member of the enum ``kind``.

    Parameters
    ----------
    kind : enum type
        The enum; the message lists its values.
    default : enum member, optional
        The value when absent; required when not given.
    optional : bool, optional
        Default to ``None`` (overrides ``default``).

    Returns
    -------
    attrs field
        The field.

    Examples
    --------
    >>> class Colour(enum.Enum):
    ...     RED = "red"
    ...     BLUE = "blue"
    >>> @attrs.frozen
    ... class Pen:
    ...     colour: Colour = choice(Colour)
    >>> Pen("red")
    Traceback (most recent call last):
    ...
    ValueError: colour: must be one of 'red', 'blue', got 'red'

    See Also
    --------
    entity : a field holding an instance of any class.
    flag : a ``bool`` field.
    """
    allowed = ", ".join(repr(m.value) for m in kind)
    check = type_check(kind, f"one of {allowed}")
    if optional:
        default = None
    return attrs.field(default=default, validator=check)


def entity(kind: type, *, optional: bool = False) -> Any:
    """A field holding one instance of ``kind`` (usually another entity).

    Parameters
    ----------
    kind : type
        The required class.
    optional : bool, optional
        Default to ``None`` instead of being required.

    Returns
    -------
    attrs field
        The field.

    Examples
    --------
    >>> from civicgrants.model.names import Names
    >>> @attrs.frozen
    ... class Place:
    ...     names: Names = entity(Names)
    >>> Place("Kuryk")
    Traceback (most recent call last):
    ...
    ValueError: names: must be a Names, got 'Kuryk'

    See Also
    --------
    many : a tuple of instances.
    """
    check = type_check(kind, article(kind.__name__))
    if optional:
        return attrs.field(default=None, validator=check)
    return attrs.field(validator=check)


def many(
    kind: type | tuple[type, ...],
    *,
    nonempty: bool = False,
    unique: bool = False,
    schema: dict[str, Any] | None = None,
) -> Any:
    """A tuple of items of ``kind`` (lists are accepted and frozen into tuples).

    Parameters
    ----------
    kind : type or tuple of type
        The type (or types) every item must have.
    nonempty : bool, optional
        Refuse an empty list.
    unique : bool, optional
        Refuse repeats, comparing items by their ``id`` (or ``key``, or the
        item itself).
    schema : dict, optional
        More JSON Schema for the list, for rules its owner checks (an ``enum`` of
        its items, say); merged over the size and uniqueness this function gives.

    Returns
    -------
    attrs field
        A field defaulting to ``()``, converted with `to_tuple()`.

    Examples
    --------
    >>> @attrs.frozen
    ... class Tags:
    ...     tags: tuple[str, ...] = many(str, unique=True)
    >>> Tags(["a", "b"]).tags
    ('a', 'b')
    >>> Tags(["a", "a"])
    Traceback (most recent call last):
    ...
    ValueError: tags[1]: duplicates tags[0] ('a')

    See Also
    --------
    entity : a single instance.
    """
    name = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)

    def check(_inst: object, attr: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple):
            raise ValueError(f"{attr.name}: must be a list, got {_show(value)}")
        if nonempty and not value:
            raise ValueError(f"{attr.name}: must not be empty")
        for i, item in enumerate(value):
            if not isinstance(item, kind) or (isinstance(item, bool) and kind is not bool):
                raise ValueError(f"{attr.name}[{i}]: must be {name}, got {_show(item)}")
        if unique:
            seen: dict[object, int] = {}
            for i, item in enumerate(value):
                key = getattr(item, "id", getattr(item, "key", item))
                if key in seen:
                    raise ValueError(
                        f"{attr.name}[{i}]: duplicates {attr.name}[{seen[key]}] ({_show(key)})"
                    )
                seen[key] = i

    return attrs.field(
        factory=tuple,
        converter=to_tuple,
        validator=check,
        metadata={SCHEMA: _many_schema(kind, nonempty=nonempty, unique=unique) | (schema or {})},
    )


def _many_schema(kind: type | tuple[type, ...], *, nonempty: bool, unique: bool) -> dict[str, Any]:
    """The JSON-Schema fragment of a `many()` field: its size, and uniqueness of plain items."""
    fragment: dict[str, Any] = {"minItems": 1} if nonempty else {}
    if unique and kind in (str, int):  # objects are unique by id: a rule across fields
        fragment["uniqueItems"] = True
    return fragment
