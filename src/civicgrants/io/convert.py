"""Between JSON values and entities: strict structuring with located problems.

cattrs does the dispatch and the unstructuring; the structure hooks here are
strict (a string is never read as an int, a float never becomes an amount)
and collect *every* problem with its JSON path instead of stopping at the
first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
import re
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from civicgrants.errors import Problem, ValidationError
from civicgrants.model.money import DEFAULT_CURRENCY, Money
from civicgrants.model.programme import PLAIN_AMOUNT

__all__ = ["Structurer", "unstructure"]

_DECIMAL = re.compile(r"-?[0-9]{1,1000}(\.[0-9]{1,1000})?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_LEADING_PATH = re.compile(
    r"^([A-Za-z_]\w*(?:\[\d+\])*(?:\.[A-Za-z_]\w*(?:\[\d+\])*)*): (.*)$", re.S
)


class _Bad:
    """Marks a value that could not be structured (its problems are recorded)."""


BAD: Any = _Bad()


def _join(path: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{path}[{part}]"
    return f"{path}.{part}" if path else part


def _show(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 60 else f'"{value[:57]}..."'
    if isinstance(value, (dict, list)):
        return "an object" if isinstance(value, dict) else "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, Decimal)):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the float {value!r}"
    if isinstance(value, str):
        return f"the string {_show(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return str(value)  # a value no JSON reader makes, or what it makes of a huge integer


@functools.cache
def _type_hints(tp: type) -> dict[str, Any]:
    """``typing.get_type_hints(tp)``, once per class for the whole process (classes are fixed)."""
    return typing.get_type_hints(tp)


@attrs.define
class Structurer:
    """Builds entities from JSON values, collecting located problems.

    Structuring is strict: a string is never read as an integer, a float never
    becomes an amount, and an unknown key is a problem unless ``allow_unknown``.
    A value that cannot be built comes back as the marker `BAD` and every
    problem found is appended to `problems` with its JSON path, so one
    pass reports all of them.

    Parameters
    ----------
    allow_unknown : bool, default False
        Accept (and ignore) keys that name no field of an entity.
    problems : list of Problem, optional
        Where the problems are collected (a new empty list by default).

    Examples
    --------
    >>> from civicgrants.model import Region
    >>> s = Structurer()
    >>> s.structure({"id": "mangistau", "names": {"en": "Mangistau Region"}}, Region)
    Region 'mangistau': names='Mangistau Region'
    >>> s.structure({"id": 7, "names": {}, "colour": "red"}, Region, "regions[1]") is BAD
    True
    >>> for problem in s.problems:
    ...     print(f"{problem.path}: {problem.message}")
    regions[1].colour: unknown key (allowed: code, id, names)
    regions[1].id: must be a string, got the number 7
    regions[1].names: give at least one of ru, kk, en

    See Also
    --------
    unstructure : the way back, from an entity to its JSON value.
    civicgrants.io.documents.from_data : a whole document, raising a DocumentError.
    """

    allow_unknown: bool = False
    problems: list[Problem] = attrs.field(factory=list)
    _hints: dict[type, dict[str, Any]] = attrs.field(factory=dict)

    def fail(self, path: str, message: str, *, code: str | None = None, input: Any = None) -> Any:
        """Record a problem at ``path`` and return the `BAD` marker.

        Parameters
        ----------
        path : str
            The JSON path of the value (``projects[3].grant``); empty for the
            whole value.
        message : str
            What is wrong, for a person to read.
        code : str, optional
            The problem's code (`civicgrants.errors.CODES`); found from
            ``message`` when not given.
        input : object, optional
            The offending value, as read.

        Returns
        -------
        object
            `BAD`, so that a rule can ``return self.fail(...)``.

        Examples
        --------
        >>> s = Structurer()
        >>> s.fail("stages[0].number", "must be >= 1, got 0") is BAD
        True
        >>> s.problems
        [Problem(loc=('stages', 0, 'number'), msg='must be >= 1, got 0', code='value.out_of_range', input=None)]

        See Also
        --------
        Structurer.structure : the rules that call it.
        civicgrants.errors.Problem : what it records.
        """
        self.problems.append(Problem(path, message, code, input))
        return BAD

    def structure(self, value: Any, tp: Any, path: str = "") -> Any:
        """Build a value of type ``tp`` from the JSON value ``value``.

        ``tp`` may be an attrs class, an enum, ``str``, ``int``, ``bool``,
        ``Decimal``, ``date``, ``Any``, a ``Literal``, an optional or union
        type, or a tuple type (``tuple[X, ...]`` or a fixed ``tuple[X, Y]``),
        nested as deep as needed. A decimal must be written as a string or an
        integer (never a float) and a date as ``"YYYY-MM-DD"``.

        Parameters
        ----------
        value : object
            A JSON value: a dict, list, str, int, bool, None (or a Decimal).
        tp : type
            The type to build.
        path : str, default ""
            The JSON path of ``value``, prefixed to every problem found.

        Returns
        -------
        object
            The built value, or `BAD` when there were problems (they are
            appended to `problems`).

        Raises
        ------
        TypeError
            No rule builds ``tp`` (a bug in the caller, not bad input).

        Examples
        --------
        >>> from decimal import Decimal
        >>> s = Structurer()
        >>> s.structure("12.50", Decimal)
        Decimal('12.50')
        >>> s.structure(["2021-02-22", 3], tuple[str, ...], "dates") is BAD
        True
        >>> for problem in s.problems:
        ...     print(f"{problem.path}: {problem.message}")
        dates[1]: must be a string, got the number 3
        >>> s.structure(12.5, Decimal, "grant") is BAD
        True
        >>> print(s.problems[-1].message)
        must be a decimal written as a string such as "12.5", got the float 12.5

        See Also
        --------
        Structurer.document : a whole document, with its ``schema`` key.
        """
        return _rule(tp)(self, value, path)

    def _union(self, value: Any, args: tuple[Any, ...], path: str) -> Any:
        if value is None:
            if type(None) in args:
                return None
            return self.fail(path, "must not be null")
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            return self.structure(value, options[0], path)
        for option in options:
            trial = Structurer(self.allow_unknown, [], self._hints)
            result = trial.structure(value, option, path)
            if not trial.problems:
                return result
        names = " or ".join(getattr(o, "__name__", str(o)) for o in options)
        return self.fail(path, f"must be {names}, got {_json_type(value)}", input=value)

    def _fixed(self, value: Any, items: tuple[Any, ...], path: str) -> Any:
        if not isinstance(value, list) or len(value) != len(items):
            return self.fail(
                path, f"must be a list of {len(items)} items, got {_json_type(value)}", input=value
            )
        parts = [
            self.structure(v, t, _join(path, i))
            for i, (v, t) in enumerate(zip(value, items, strict=True))
        ]
        return BAD if any(v is BAD for v in parts) else tuple(parts)

    def _enum(self, value: Any, tp: type[enum.Enum], path: str) -> Any:
        for member in tp:
            if member.value == value and type(member.value) is type(value):
                return member
        allowed = ", ".join(_show(m.value) for m in tp)
        return self.fail(path, f"must be one of {allowed}, got {_show(value)}", input=value)

    def document(self, value: Any, cls: type) -> Any:
        """Structure a whole document (its ``schema`` key is the caller's business).

        Parameters
        ----------
        value : object
            The document's JSON value (an object; its ``schema`` key is skipped).
        cls : type
            The attrs class the document describes.

        Returns
        -------
        object
            An instance of ``cls``, or `BAD` when there were problems
            (they are appended to `problems`).

        Examples
        --------
        >>> from civicgrants.model import Region
        >>> s = Structurer()
        >>> s.document({"schema": "civicgrants/region@1", "id": "a", "names": {"ru": "А"}}, Region)
        Region 'a': names='А'

        See Also
        --------
        civicgrants.io.documents.from_data : reads and checks the ``schema`` tag first.
        """
        return self._attrs(value, cls, "", skip=frozenset({"schema"}))

    def hints(self, tp: type) -> dict[str, Any]:
        """The resolved type hints of the class ``tp``, computed once and cached.

        Parameters
        ----------
        tp : type
            An attrs class.

        Returns
        -------
        dict of str to type
            Each field's name and its type, with string annotations resolved.

        Examples
        --------
        >>> from civicgrants.model import Region
        >>> Structurer().hints(Region)["code"]
        str | None

        See Also
        --------
        Structurer.structure : builds each field from its hint.
        typing.get_type_hints : what it calls, once per class.
        """
        if tp not in self._hints:
            self._hints[tp] = _type_hints(tp)
        return self._hints[tp]

    def _attrs(self, value: Any, tp: type, path: str, *, skip: frozenset[str] = frozenset()) -> Any:
        if not isinstance(value, dict):
            return self.fail(path, f"must be an object, got {_json_type(value)}", input=value)
        plan = _plan(tp)
        if not self.allow_unknown and not plan.names.issuperset(value):
            for key in value:
                if key not in plan.names and key not in skip:
                    self.fail(
                        _join(path, key),
                        f"unknown key (allowed: {plan.allowed})",
                        code="field.unknown",
                        input=value[key],
                    )
        before = len(self.problems)
        kwargs: dict[str, Any] = {}
        for f, rule, plain, required in plan.steps:
            name = f.name
            if name in value:
                if plain:
                    kwargs[name] = self._plain_amount(value, tp, f, path)
                else:
                    kwargs[name] = rule(self, value[name], f"{path}.{name}" if path else name)
            elif required:
                self.fail(_join(path, name), "required key is missing", code="field.missing")
        if len(self.problems) == before:  # well typed: build it, validating once
            try:
                return tp(**kwargs)
            except (ValidationError, TypeError, ValueError, ArithmeticError) as exc:
                if not self._fields(kwargs, plan.fields, path):
                    self._from_construction(exc, path)
                return BAD
        # Run every well-typed field's converter and validator, so all problems show at once.
        self._fields(kwargs, plan.fields, path)
        return BAD

    def _fields(
        self, kwargs: dict[str, Any], fields: list[attrs.Attribute[Any]], path: str
    ) -> bool:
        """Run the converter and validator of every well-typed field; whether any failed."""
        before = len(self.problems)
        converted = {k: v for k, v in kwargs.items() if v is not BAD}
        for f in fields:
            convert: Any = f.converter
            if f.name in converted and convert is not None:
                try:
                    converted[f.name] = convert(converted[f.name])
                except (TypeError, ValueError, ArithmeticError) as exc:
                    self._from_exception(exc, path, f.name, converted[f.name])
        shadow = types.SimpleNamespace(**{f.name: converted.get(f.name) for f in fields})
        for f in fields:
            if f.name in converted and f.validator is not None:
                try:
                    f.validator(shadow, f, converted[f.name])
                except (TypeError, ValueError, ArithmeticError) as exc:
                    self._from_exception(exc, path, f.name, converted[f.name])
        return len(self.problems) > before

    def _from_construction(self, exc: Exception, path: str) -> None:
        """A problem the fields alone do not show (a check across fields), at its path."""
        if isinstance(exc, ValidationError):
            for p in exc.problems:
                self.fail(
                    _join(path, p.path) if p.path else path, p.message, code=p.code, input=p.input
                )
        else:
            self._from_exception(exc, path, None)

    def _plain_amount(
        self, value: dict[str, Any], tp: type, f: attrs.Attribute[Any], path: str
    ) -> Any:
        """A `Money` written as a plain amount; the currency is a sibling field."""
        raw = value[f.name]
        if raw is None:
            return None
        currency_field = f.metadata[PLAIN_AMOUNT]
        currency = value.get(currency_field)
        if currency_field not in value:
            default = attrs.fields_dict(tp)[currency_field].default
            currency = default if isinstance(default, str) else DEFAULT_CURRENCY
        if not _document_amount(self, raw, currency, _join(path, f.name)):
            return BAD
        amount = self.structure(raw, Decimal, _join(path, f.name))
        if amount is BAD or not isinstance(currency, str):
            return BAD
        try:
            Money.zero(currency)
        except (TypeError, ValueError, ArithmeticError):
            return BAD  # the currency field reports its own problem
        try:
            return Money(amount, currency)
        except (TypeError, ValueError, ArithmeticError) as exc:  # the amount itself
            self.fail(_join(path, f.name), str(exc).removeprefix("amount: "))
            return BAD

    def _from_exception(
        self, exc: Exception, path: str, field: str | None, input: Any = None
    ) -> None:
        message = str(exc)
        match = _LEADING_PATH.match(message)
        if match:
            where, message = match.groups()
            self.fail(_join(path, where) if path else where, message)
        else:
            plain = isinstance(input, (str, int, Decimal, dt.date)) and field is not None
            self.fail(
                _join(path, field) if field else path, message, input=input if plain else None
            )


Rule = Callable[[Structurer, Any, str], Any]
"""How one type is built from a JSON value: ``rule(structurer, value, path)``."""


@attrs.frozen
class _Plan:
    """What building an attrs class needs, read once per class (classes are fixed)."""

    fields: list[attrs.Attribute[Any]]
    """The fields a document writes (derived fields are not written)."""
    names: frozenset[str]
    allowed: str
    """The names, sorted, for the unknown-key message."""
    steps: tuple[tuple[attrs.Attribute[Any], Rule, bool, bool], ...]
    """Per field: the field, its type's rule, whether it is a plain amount, whether required."""


@functools.cache
def _plan(tp: type) -> _Plan:
    fields = [f for f in attrs.fields(tp) if f.init]
    hints = _type_hints(tp)
    names = frozenset(f.name for f in fields)
    steps = tuple(
        (f, _rule(hints[f.name]), bool(f.metadata.get(PLAIN_AMOUNT)), f.default is attrs.NOTHING)
        for f in fields
    )
    return _Plan(fields, names, ", ".join(sorted(names)), steps)


def _rule(tp: Any) -> Rule:
    """The rule that builds ``tp``: one dispatch per type for the whole process."""
    try:  # with the arguments in order: ``A | B == B | A``, but A is tried first in one
        return _cached_rule((tp, typing.get_args(tp)))
    except TypeError:  # an unhashable type: decided on every call, as before
        return _make_rule(tp)


@functools.cache
def _cached_rule(key: tuple[Any, tuple[Any, ...]]) -> Rule:
    return _make_rule(key[0])


def _make_rule(tp: Any) -> Rule:
    origin = typing.get_origin(tp)
    if tp is Any:
        return _any
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        options = [a for a in args if a is not type(None)]
        if len(options) != 1:
            return lambda s, value, path: s._union(value, args, path)
        # X or None (or X alone): what Structurer._union does with one option, decided once
        inner, nullable = _rule(options[0]), type(None) in args

        def optional(s: Structurer, value: Any, path: str) -> Any:
            if value is None:
                return None if nullable else s.fail(path, "must not be null")
            return inner(s, value, path)

        return optional
    if origin is typing.Literal:
        allowed = typing.get_args(tp)
        shown = ", ".join(_show(a) for a in allowed)

        def literal(s: Structurer, value: Any, path: str) -> Any:
            if isinstance(value, str) and value in allowed:
                return value
            return s.fail(path, f"must be one of {shown}, got {_show(value)}", input=value)

        return literal
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return _sequence_rule(_rule(args[0]))
        return lambda s, value, path: s._fixed(value, args, path)
    if isinstance(tp, type):
        if tp is Money:
            return _money
        if attrs.has(tp):
            cls = tp
            return lambda s, value, path: s._attrs(value, cls, path)
        if issubclass(tp, enum.Enum):
            return _enum_rule(tp)
        leaf = _LEAVES.get(tp)
        if leaf is not None:
            return leaf

    def unknown(s: Structurer, value: Any, path: str) -> Any:
        raise TypeError(f"no structure rule for {tp!r}")  # a library bug, not bad input

    return unknown


def _sequence_rule(item: Rule) -> Rule:
    def sequence(s: Structurer, value: Any, path: str) -> Any:
        if not isinstance(value, list):
            return s.fail(path, f"must be a list, got {_json_type(value)}", input=value)
        items = [item(s, v, f"{path}[{i}]") for i, v in enumerate(value)]
        return BAD if any(v is BAD for v in items) else tuple(items)

    return sequence


def _money(s: Structurer, value: Any, path: str) -> Any:
    """An amount, the commonest object of all: ``{"amount": "1500.00", "currency": "KZT"}``.

    That form, well written, is built at once; anything else (and anything the amount
    refuses) goes the general way, which finds and reports each problem. As the schema
    says, a document writes the amount as a decimal string (never a JSON number) with at
    most its currency's minor digits.
    """
    if type(value) is dict and len(value) == 2:
        amount, currency = value.get("amount"), value.get("currency")
        if type(amount) is str and type(currency) is str and _DECIMAL.fullmatch(amount):
            with contextlib.suppress(TypeError, ValueError, ArithmeticError):
                money = Money(Decimal(amount), currency)
                if _places(amount) <= money.minor_digits:
                    return money
    if type(value) is dict and "amount" in value:
        currency = value.get("currency", DEFAULT_CURRENCY)
        where = _join(path, "amount")
        if not _document_amount(s, value["amount"], currency, where):
            return BAD
    return s._attrs(value, Money, path)


def _places(amount: str) -> int:
    """Digits after the point of a decimal string: ``"5.125"`` → 3."""
    return len(amount.partition(".")[2])


def _document_amount(s: Structurer, amount: Any, currency: Any, path: str) -> bool:
    """Whether a document's amount is written as its schema says; if not, the problem is recorded.

    A JSON number (``5`` or ``5.5``, read as an int or a `Decimal`) is refused: an amount
    is an exact decimal string (a float is refused by the general way); so is a string
    with more digits after the point than its currency has (``"5.123"`` KZT, ``"5.5"``
    JPY). This holds for amount objects and for plain amounts (a call's ``pot``) alike.
    An amount that is no decimal at all, or an unknown currency, is left to the general way.
    """
    number = isinstance(amount, int) or (isinstance(amount, Decimal) and amount.is_finite())
    if number and not isinstance(amount, bool):
        s.fail(
            path,
            f'must be a decimal written as a string such as "{_plain(Decimal(amount))}", '
            f"got the number {amount}",
            code="amount.not_a_number",
            input=amount,
        )
        return False
    if not (isinstance(amount, str) and _DECIMAL.fullmatch(amount) and isinstance(currency, str)):
        return True
    try:
        digits = Money.zero(currency).minor_digits
    except (TypeError, ValueError, ArithmeticError):
        return True  # an unknown currency reports its own problem
    if _places(amount) > digits:
        finest = (
            f"at most {digits} digit{'s' * (digits != 1)} after the point ({currency}'s minor unit)"
            if digits
            else f"a whole amount ({currency} has no minor unit)"
        )
        s.fail(path, f"must be {finest}, got {amount!r}", code="amount.inexact", input=amount)
        return False
    return True


def _any(s: Structurer, value: Any, path: str) -> Any:
    return value


def _enum_rule(tp: type[enum.Enum]) -> Rule:
    by_text: dict[str, enum.Enum] = {}
    for member in tp:  # the first member of a value, as Structurer._enum finds it
        if type(member.value) is str:
            by_text.setdefault(member.value, member)

    def rule(s: Structurer, value: Any, path: str) -> Any:
        if type(value) is str and value in by_text:
            return by_text[value]
        return s._enum(value, tp, path)

    return rule


def _str(s: Structurer, value: Any, path: str) -> Any:
    if isinstance(value, str):
        return value
    return s.fail(path, f"must be a string, got {_json_type(value)}", input=value)


def _int(s: Structurer, value: Any, path: str) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return s.fail(path, f"must be an integer, got {_json_type(value)}", input=value)


def _bool(s: Structurer, value: Any, path: str) -> Any:
    if isinstance(value, bool):
        return value
    return s.fail(path, f"must be true or false, got {_json_type(value)}", input=value)


def _decimal(s: Structurer, value: Any, path: str) -> Any:
    if isinstance(value, str) and _DECIMAL.fullmatch(value):
        return Decimal(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, Decimal) and value.is_finite() and abs(value.adjusted()) <= 1000:
        return value
    if isinstance(value, float):
        return s.fail(
            path,
            f'must be a decimal written as a string such as "{value!r}", got the float {value!r}',
        )
    return s.fail(
        path, f'must be a decimal number such as "1500000.00", got {_json_type(value)}', input=value
    )


def _date(s: Structurer, value: Any, path: str) -> Any:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            return s.fail(path, f"{exc}, got {_show(value)}", input=value)
    return s.fail(path, f'must be a date "YYYY-MM-DD", got {_json_type(value)}', input=value)


_LEAVES: dict[type, Callable[[Structurer, Any, str], Any]] = {
    str: _str,
    int: _int,
    bool: _bool,
    Decimal: _decimal,
    dt.date: _date,
}


def _plain(value: Decimal) -> str:
    """Fixed-point text of a Decimal (never ``1E+3``), so documents read back exactly."""
    return format(value.copy_abs() if value.is_zero() else value, "f")


def _make_unstructurer() -> cattrs.Converter:
    conv = cattrs.Converter(omit_if_default=True)
    conv.register_unstructure_hook(Decimal, _plain)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(
        Money, lambda m: {"amount": _plain(m.amount), "currency": m.currency}
    )

    def plain_amount_fn(cls: type) -> Callable[[Any], Any]:
        overrides = {
            f.name: override(unstruct_hook=lambda m: _plain(m.amount))
            for f in attrs.fields(cls)
            if f.metadata.get(PLAIN_AMOUNT)
        }
        fn: Callable[[Any], Any] = make_dict_unstructure_fn(
            cls,
            conv,
            _cattrs_omit_if_default=True,
            **overrides,  # type: ignore[arg-type]
        )
        return fn

    conv.register_unstructure_hook_factory(_has_plain_amount, plain_amount_fn)
    return conv


def _has_plain_amount(cls: Any) -> bool:
    return (
        isinstance(cls, type)
        and attrs.has(cls)
        and any(f.metadata.get(PLAIN_AMOUNT) for f in attrs.fields(cls))
    )


_UNSTRUCTURE = _make_unstructurer()


def unstructure(obj: Any) -> Any:
    """The JSON value of an entity: objects, lists, strings, numbers, booleans.

    Decimals are written as fixed-point strings (never ``1E+3``), dates as
    ``"YYYY-MM-DD"`` and money as ``{"amount": ..., "currency": ...}`` (or a
    plain amount string where the entity keeps the currency in a sibling
    field). Fields at their default value are left out.

    Parameters
    ----------
    obj : object
        An entity (an attrs instance), or any value cattrs can unstructure.

    Returns
    -------
    object
        A value `json.dumps()` can write.

    Examples
    --------
    >>> from civicgrants.model import Money, Names, Region
    >>> unstructure(Region("mangistau", Names(en="Mangistau Region")))
    {'id': 'mangistau', 'names': {'en': 'Mangistau Region'}}
    >>> unstructure(Money("1500.5"))
    {'amount': '1500.50', 'currency': 'KZT'}

    See Also
    --------
    Structurer : the way in, from a JSON value to an entity.
    civicgrants.io.documents.to_data : a whole document, ``schema`` first.
    """
    return _UNSTRUCTURE.unstructure(obj)
