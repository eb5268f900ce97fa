"""``st.from_type`` for every entity and document type of civicgrants.

`register()` calls `hypothesis.strategies.register_type_strategy()`
once per type, so ``st.from_type(Money)`` or ``st.from_type(Application)``
draws valid objects instead of building them from arbitrary values.

Registration happens on ``import civicgrants.testing``. There is no plugin
entry point: it would import civicgrants on every ``import hypothesis`` of
every environment it is installed in, about a second each time.

The registered types are the *entities*: every public attrs class of
`civicgrants.model`, every document type of
`civicgrants.io.DOCUMENT_TYPES`, the inputs of the computations
(budgets, policies, score sheets, elections, methodologies), and every attrs
class these hold in their fields, found by following the fields' types.
Results that a computation returns (a ranking, an audit) are not entities:
draw their inputs and compute them.

A type that is a root has its own strategy (`money()`,
`applications()` …); a part of a root
(a budget's row, a call's criterion) is drawn by drawing the smallest root
that holds one and picking one of its parts, so it is as valid as the whole.

Examples
--------
>>> from hypothesis import given, settings, strategies as st
>>> from civicgrants.model import Money
>>> register()
>>> @settings(max_examples=10, database=None, deadline=None)
... @given(st.from_type(Money))
... def exact(m):
...     assert m.currency in {"KZT", "USD", "EUR", "RUB"} and m.amount == m.amount.quantize(m.amount)
>>> exact()
>>> Money in registered_types()
True
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator
from typing import Any, Final, Literal

import attrs
from hypothesis import strategies as st

from civicgrants.budget.model import Budget
from civicgrants.budget.policy import Policy
from civicgrants.io.documents import DOCUMENT_TYPES
from civicgrants.model.limits import Limits
from civicgrants.model.money import Allocation, Money, MoneyEstimate, MoneyRange, allocate
from civicgrants.model.programme import Call
from civicgrants.pb.election import Election
from civicgrants.schedule.methodology import Methodology
from civicgrants.scoring.sheet import ScoreSheet
from civicgrants.testing.budget import budgets, policies
from civicgrants.testing.scoring import scored_calls
from civicgrants.testing.strategies import (
    CURRENCIES,
    beneficiary_counts,
    document_strategy,
    ids,
    money,
    names,
    texts,
)
from civicgrants.testing.vote import elections

__all__ = ["entity_types", "register", "registered_types", "strategy_for"]


def _money_estimates() -> st.SearchStrategy[MoneyEstimate]:
    return st.builds(
        lambda m, q: MoneyEstimate(m, q) if q is not None else MoneyEstimate(m),
        money(min_value=1, max_value=10**9),
        st.none(),
    )


def _money_ranges() -> st.SearchStrategy[MoneyRange]:
    def build(low: Money, extra: Money) -> MoneyRange:
        return MoneyRange(low, low + extra)

    return st.sampled_from(CURRENCIES).flatmap(
        lambda c: st.builds(
            build,
            money(currency=c, min_value=0, max_value=10**8),
            money(currency=c, min_value=1, max_value=10**8),
        )
    )


def _allocations() -> st.SearchStrategy[Allocation]:
    return st.builds(
        allocate,
        money(min_value=0, max_value=10**8),
        st.lists(st.integers(1, 9), min_size=1, max_size=5),
    )


def _limits() -> st.SearchStrategy[Limits]:
    return st.builds(
        Limits,
        file_bytes=st.integers(1, 2**28),
        cells=st.integers(1, 10**7),
        depth=st.integers(1, 64),
    )


def _documents(cls: type) -> Callable[[], st.SearchStrategy[Any]]:
    return lambda: document_strategy(cls)


def _calls() -> st.SearchStrategy[Call]:
    return scored_calls(max_applications=3, max_members=3).map(lambda pair: pair[0])


def _sheets() -> st.SearchStrategy[ScoreSheet]:
    return scored_calls(max_applications=3, max_members=3).map(lambda pair: pair[1])


#: The roots: types with a strategy of their own, from which parts are drawn.
_ROOTS: Final[dict[type, Callable[[], st.SearchStrategy[Any]]]] = {
    Money: money,
    MoneyEstimate: _money_estimates,
    MoneyRange: _money_ranges,
    Allocation: _allocations,
    Limits: _limits,
    **{cls: _documents(cls) for cls, _ in DOCUMENT_TYPES.values()},
    Budget: budgets,
    Policy: policies,
    ScoreSheet: _sheets,
    Election: elections,
    Methodology: lambda: document_strategy(Methodology),
}
_ROOTS[Call] = _calls  # scored calls carry members, conflicts and overrides


#: Roots whose objects are large: a part is drawn from a smaller root when one holds it.
_LARGE: Final = frozenset({"Programme", "Dossier", "FinalReport", "GrantAgreement"})


def _field_types(cls: type) -> Iterator[type]:
    """The attrs classes named anywhere in the annotations of ``cls``'s fields."""
    try:
        hints = typing.get_type_hints(cls)
    except Exception:
        return
    stack: list[Any] = list(hints.values())
    while stack:
        hint = stack.pop()
        if isinstance(hint, type) and attrs.has(hint):
            yield hint
        stack.extend(typing.get_args(hint))


def _is_public(cls: type) -> bool:
    return cls.__module__.startswith("civicgrants.") and not any(
        part.startswith("_") for part in (*cls.__module__.split("."), cls.__name__)
    )


def _model_classes() -> Iterator[type]:
    import civicgrants.model as model

    for name in model.__all__:
        obj = getattr(model, name)
        if isinstance(obj, type) and attrs.has(obj):
            yield obj


def _closure() -> dict[type, type]:
    """Every entity type, mapped to the root it is drawn from (itself for a root)."""
    found: dict[type, type] = {}
    large = {cls for cls, _ in DOCUMENT_TYPES.values() if cls.__name__ in _LARGE}
    for root in sorted(_ROOTS, key=lambda cls: cls in large):
        stack = [root]
        while stack:
            cls = stack.pop()
            if cls in found or not _is_public(cls):
                continue
            found[cls] = cls if cls in _ROOTS else root
            stack.extend(_field_types(cls))
    for cls in _model_classes():
        found.setdefault(cls, cls)
    return found


def _parts(obj: Any, cls: type) -> Iterator[Any]:
    """The instances of ``cls`` inside ``obj`` (its fields, tuples and mappings)."""
    stack = [obj]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if type(item) is cls:
            yield item
        if attrs.has(type(item)):
            stack.extend(getattr(item, f.name) for f in attrs.fields(type(item)))
        elif isinstance(item, tuple | list | frozenset | set):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())


def _from_root(root: type, cls: type) -> st.SearchStrategy[Any]:
    def pick(obj: Any) -> st.SearchStrategy[Any]:
        found = list(_parts(obj, cls))
        return st.sampled_from(found) if found else st.nothing()

    return st.deferred(lambda: strategy_for(root)).flatmap(pick)


_EXTRA: Final[dict[type, Callable[[], st.SearchStrategy[Any]]]] = {}


def _pair(low: int, high: int) -> st.SearchStrategy[tuple[int | None, int | None]]:
    def order(a: int | None, b: int | None) -> tuple[int | None, int | None]:
        if a is not None and b is not None and a > b:
            return b, a
        return a, b

    return st.builds(order, st.none() | st.integers(low, high), st.none() | st.integers(low, high))


def _extras() -> dict[type, Callable[[], st.SearchStrategy[Any]]]:
    # small parts that are rare inside their roots get a strategy of their own
    if _EXTRA:
        return _EXTRA
    from decimal import Decimal

    from civicgrants.budget.model import InvalidCell
    from civicgrants.dossier.model import Partner
    from civicgrants.indicators.model import (
        Accumulation,
        IndicatorDefinition,
        Measure,
        TargetForm,
    )
    from civicgrants.indicators.report import Tally, TallyPart
    from civicgrants.model import (
        BeneficiaryCount,
        Direction,
        Duty,
        ExtraDuty,
        Finding,
        Names,
        Severity,
    )
    from civicgrants.model.programme import Conflict, LocalityLimit, Override, OverrideDecision
    from civicgrants.schedule.methodology import NoOverlap

    counts: st.SearchStrategy[Literal["people", "participations"]] = st.sampled_from(
        ["people", "participations"]
    )
    tally_parts = st.builds(
        TallyPart,
        label=texts(),
        value=st.integers(0, 10**6).map(Decimal),
        unit=st.just("persons"),
        counts=counts,
    )

    def tally(key: str, label: str, parts: list[TallyPart]) -> Tally:
        total = sum((p.value for p in parts), Decimal(0))
        return Tally(key, label, total, "persons", counts=parts[0].counts, parts=tuple(parts))

    _EXTRA.update(
        {
            Names: names,
            BeneficiaryCount: beneficiary_counts,
            InvalidCell: lambda: st.builds(
                InvalidCell,
                st.sampled_from(["quantity", "unit_price", "total"]),
                texts(),
                texts(),
            ),
            Partner: lambda: st.builds(Partner, texts(), st.lists(texts(), max_size=3).map(tuple)),
            TallyPart: lambda: tally_parts,
            Tally: lambda: counts.flatmap(
                lambda c: st.builds(
                    tally,
                    ids(),
                    texts(),
                    st.lists(
                        tally_parts.map(lambda p: attrs.evolve(p, counts=c)), min_size=1, max_size=3
                    ),
                )
            ),
            Finding: lambda: st.builds(
                Finding,
                st.sampled_from(["group-too-small", "sum-mismatch", "missing-actual"]),
                st.sampled_from(Severity),
                texts(),
                st.dictionaries(st.sampled_from(["size", "minimum"]), st.integers(0, 99)),
                texts(),
                texts(),
            ),
            ExtraDuty: lambda: st.builds(
                ExtraDuty, st.sampled_from(Duty), description=st.none() | texts()
            ),
            Conflict: lambda: st.builds(Conflict, ids(), ids(), texts()),
            Override: lambda: st.builds(
                Override, ids(), st.sampled_from(OverrideDecision), texts()
            ),
            LocalityLimit: lambda: st.builds(
                lambda key, pair: LocalityLimit(key, min_count=pair[0], max_count=pair[1]),
                ids(),
                _pair(0, 20),
            ),
            IndicatorDefinition: lambda: st.builds(
                IndicatorDefinition,
                ids(),
                names(),
                st.just("people"),
                st.sampled_from([Measure.COUNT, Measure.MONEY, Measure.YES_NO]),
                st.sampled_from(Direction),
                st.sampled_from([TargetForm.AT_LEAST, TargetForm.AT_MOST, TargetForm.EXACTLY]),
                accumulation=st.sampled_from(Accumulation),
            ),
            NoOverlap: lambda: st.lists(ids(), min_size=2, max_size=2, unique=True).map(
                lambda pair: NoOverlap(*pair)
            ),
        }
    )
    return _EXTRA


def strategy_for(cls: type) -> st.SearchStrategy[Any]:
    """The strategy `register()` gives ``cls``.

    Parameters
    ----------
    cls : type
        One of `entity_types()`.

    Returns
    -------
    SearchStrategy
        Valid instances of ``cls``.

    Raises
    ------
    TypeError
        If ``cls`` is not an entity type.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from civicgrants.model import Names
    >>> @settings(max_examples=5, database=None, deadline=None)
    ... @given(strategy_for(Names))
    ... def named(n):
    ...     assert isinstance(n, Names)
    >>> named()
    >>> strategy_for(int)
    Traceback (most recent call last):
    ...
    TypeError: int is not an entity type of civicgrants

    See Also
    --------
    register : gives each entity type this strategy in ``st.from_type``.
    civicgrants.testing.strategies.document_strategy : the strategy of a document type.
    """
    if cls in _ROOTS:
        return _ROOTS[cls]()
    if cls in _extras():
        return _extras()[cls]()
    roots = _closure()
    if cls not in roots:
        raise TypeError(f"{getattr(cls, '__name__', cls)!s} is not an entity type of civicgrants")
    return _from_root(roots[cls], cls)


def entity_types() -> tuple[type, ...]:
    """Every type `register()` registers, sorted by module and name.

    Returns
    -------
    tuple of type
        The entity and document types (module docs).

    Examples
    --------
    >>> from civicgrants.model import Application, Money
    >>> {Application, Money} <= set(entity_types())
    True

    See Also
    --------
    registered_types : those registered so far.
    """
    return tuple(sorted(_closure(), key=lambda c: (c.__module__, c.__qualname__)))


_REGISTERED: Final[set[type]] = set()


def register() -> None:
    """Register a strategy for every entity type with hypothesis; calling it again does nothing.

    Examples
    --------
    >>> register()
    >>> len(registered_types()) == len(entity_types())
    True

    See Also
    --------
    strategy_for : the strategy registered for one type.
    """
    if _REGISTERED:
        return
    for cls in entity_types():
        st.register_type_strategy(cls, _deferred(cls))
        _REGISTERED.add(cls)


def _deferred(cls: type) -> st.SearchStrategy[Any]:
    # built on first draw, so registering is cheap and roots may refer to each other
    return st.deferred(lambda: strategy_for(cls))


def registered_types() -> frozenset[type]:
    """The types `register()` has registered so far.

    Returns
    -------
    frozenset of type
        Empty until `register()` runs.

    Examples
    --------
    >>> from civicgrants.model import Money
    >>> register()
    >>> Money in registered_types()
    True

    See Also
    --------
    entity_types : every type `register()` registers.
    """
    return frozenset(_REGISTERED)
