"""Field builders shared by every entity: validators that sit on the field.

Each validator raises ``ValueError`` with a message that says what was expected
and what came (``must be >= 0, got -2``). Each also carries the JSON-Schema
fragment it enforces (``schema``), so :mod:`civicgrants.io.schema` can publish
the same rule the Python constructor applies.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, TypeVar

import attrs

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


@attrs.frozen
class Check:
    """An attrs validator with a message and the JSON-Schema rule it enforces."""

    test: Callable[[Any], bool]
    expected: str
    schema: dict[str, Any] = attrs.field(factory=dict)

    def __call__(self, _inst: object, attr: attrs.Attribute[Any], value: Any) -> None:
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


def type_check(kind: type | tuple[type, ...], expected: str) -> Check:
    def test(value: object) -> bool:
        return isinstance(value, kind) and not (
            isinstance(value, bool) and bool not in _tuple(kind)
        )

    return Check(test, f"must be {expected}")


def _tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def ge(bound: int | Decimal) -> Check:
    def test(value: Any) -> bool:
        amount = value.amount if isinstance(value, Money) else value
        return bool(amount >= bound)

    return Check(
        test, f"must be >= {bound}", {"minimum": int(bound)} if bound == int(bound) else {}
    )


def between(low: int | Decimal, high: int | Decimal) -> Check:
    return Check(lambda v: low <= v <= high, f"must be between {low} and {high}")


def matches(pattern: str, expected: str) -> Check:
    compiled = re.compile(pattern)
    return Check(
        lambda v: isinstance(v, str) and compiled.fullmatch(v) is not None,
        f"must be {expected}",
        {"pattern": pattern},
    )


NON_BLANK = Check(
    lambda v: isinstance(v, str) and v.strip() != "", "must be a non-empty string", {"minLength": 1}
)


def to_tuple(value: Iterable[T]) -> tuple[T, ...]:
    if isinstance(value, (str, bytes, dict)):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return tuple(value)


def ident(**kw: Any) -> Any:
    """A stable string id such as ``"II-MO-04"`` or ``"fort-shevchenko"``."""
    kw.setdefault("metadata", {SCHEMA: {"pattern": ID_PATTERN}})
    return attrs.field(
        validator=[
            type_check(str, "a string"),
            matches(ID_PATTERN, "an id of letters, digits, '.', '_', ':' or '-'"),
        ],
        **kw,
    )


def optional_ident() -> Any:
    return attrs.field(
        default=None,
        validator=[
            type_check(str, "a string"),
            matches(ID_PATTERN, "an id of letters, digits, '.', '_', ':' or '-'"),
        ],
        metadata={SCHEMA: {"pattern": ID_PATTERN}},
    )


def text(*, optional: bool = False, personal: bool = False) -> Any:
    meta: dict[str, Any] = {SCHEMA: {"minLength": 1}}
    if personal:
        meta[PERSONAL] = True
    if optional:
        return attrs.field(
            default=None, validator=[type_check(str, "a string"), NON_BLANK], metadata=meta
        )
    return attrs.field(validator=[type_check(str, "a string"), NON_BLANK], metadata=meta)


def flag(default: bool = False) -> Any:
    return attrs.field(default=default, validator=type_check(bool, "true or false"))


def count(*, optional: bool = False, minimum: int = 0, default: Any = attrs.NOTHING) -> Any:
    validators = [type_check(int, "an integer"), ge(minimum)]
    return attrs.field(
        default=None if optional else default,
        validator=validators,
        metadata={SCHEMA: {"minimum": minimum}},
    )


def decimal(
    *,
    optional: bool = False,
    minimum: int | Decimal | None = None,
    maximum: int | Decimal | None = None,
    default: Any = attrs.NOTHING,
) -> Any:
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
    return attrs.field(default=default, converter=convert, validator=validators)


def money(*, optional: bool = False, nonnegative: bool = True) -> Any:
    validators: list[Any] = [type_check(Money, "Money")]
    meta: dict[str, Any] = {}
    if nonnegative:
        validators.append(_nonnegative_money)
        meta[SCHEMA] = {"properties": {"amount": {"pattern": NONNEGATIVE_DECIMAL, "minimum": 0}}}
    return attrs.field(
        default=None if optional else attrs.NOTHING, validator=validators, metadata=meta
    )


def _nonnegative_money(_inst: object, attr: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, Money) and value.amount < 0:
        raise ValueError(f'{attr.name}.amount: must be >= 0, got "{value.amount}"')


def date(*, optional: bool = False) -> Any:
    check = type_check(dt.date, "a date")
    if optional:
        return attrs.field(default=None, validator=check)
    return attrs.field(validator=check)


def choice(kind: type[E], *, default: Any = attrs.NOTHING, optional: bool = False) -> Any:
    allowed = ", ".join(repr(m.value) for m in kind)
    check = type_check(kind, f"one of {allowed}")
    if optional:
        default = None
    return attrs.field(default=default, validator=check)


def entity(kind: type, *, optional: bool = False) -> Any:
    check = type_check(kind, f"a {kind.__name__}")
    if optional:
        return attrs.field(default=None, validator=check)
    return attrs.field(validator=check)


def many(kind: type | tuple[type, ...], *, nonempty: bool = False, unique: bool = False) -> Any:
    """A tuple of items of ``kind`` (lists are accepted and frozen into tuples)."""
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
        metadata={SCHEMA: {"minItems": 1}} if nonempty else {},
    )
