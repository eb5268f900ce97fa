"""Hypothesis strategies for budgets and budget policies.

`budgets()` draws a random tree of rows one to three levels deep, with an
optional ``TOTAL`` row. In a *consistent* budget every line's declared total is
quantity × unit price × periods, every group's declared total is the sum of
its children's, every row's funding sums to its total, and every group's
funding is its children's funding added up source by source. Amounts are whole
tiyn; quantities are whole or halves (a half with an even unit price in tiyn).

Usage::

    from hypothesis import given

    from civicgrants.budget import audit
    from civicgrants.model import Severity
    from civicgrants.testing import budgets


    @given(budgets())
    def test_consistent_budgets_have_no_errors(budget):
        assert not [f for f in audit(budget) if f.severity is Severity.ERROR]
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from civicgrants.budget.model import Budget, BudgetRow, Funding, Source
from civicgrants.budget.policy import Policy, ShareBasis
from civicgrants.model.money import Money

__all__ = ["budgets", "policies"]

_ITEMS = (
    "Краска",
    "Саженцы",
    "Скамейка",
    "Песок",
    "Щебень",
    "Аренда зала",
    "Тренер",
    "Baskettbol səbeti",
    "Газон",
    "Освещение",
    "Playground set",
    "Transport",
)


def _split(draw: st.DrawFn, units: int) -> dict[Source, int]:
    """``units`` tiyn split between one to three distinct sources."""
    sources = draw(st.lists(st.sampled_from(list(Source)), min_size=1, max_size=3, unique=True))
    cuts = sorted(draw(st.integers(min_value=0, max_value=units)) for _ in sources[1:])
    bounds = [0, *cuts, units]
    return {s: bounds[i + 1] - bounds[i] for i, s in enumerate(sources)}


def _funding(parts: dict[Source, int], currency: str) -> tuple[Funding, ...]:
    return tuple(Funding(s, Money.from_minor(parts[s], currency)) for s in Source if s in parts)


@st.composite
def _budgets(draw: st.DrawFn, consistent: bool, sparse: bool, max_depth: int) -> Budget:
    currency = "KZT"
    rows: list[BudgetRow] = []

    def node(code: str, parent: str | None, depth: int) -> tuple[int, dict[Source, int]]:
        item = f"{draw(st.sampled_from(_ITEMS))} {code}"
        index = len(rows)
        rows.append(BudgetRow(code))  # placeholder keeps parents before children
        is_group = depth < max_depth and draw(st.booleans())
        if is_group:
            total = 0
            parts: dict[Source, int] = {}
            for j in range(draw(st.integers(min_value=1, max_value=3))):
                t, p = node(f"{code}.{j + 1}", code, depth + 1)
                total += t
                for s, a in p.items():
                    parts[s] = parts.get(s, 0) + a
            row = BudgetRow(code, parent, item=item)
        else:
            halves = draw(st.booleans())
            q = draw(st.integers(min_value=1, max_value=40))
            price = draw(st.integers(min_value=1, max_value=5_000_000))
            if halves:
                quantity, price = Decimal(q) / 2, price * 2
            else:
                quantity = Decimal(q)
            periods = draw(st.integers(min_value=1, max_value=3))
            total = int(quantity * price) * periods
            parts = _split(draw, total)
            row = BudgetRow(
                code,
                parent,
                item=item,
                unit=draw(st.sampled_from(["шт.", "месяц", "услуга", "чел.-дни"])),
                quantity=quantity,
                unit_price=Money.from_minor(price, currency),
                periods=periods,
            )
        keep_total = not sparse or draw(st.booleans())
        keep_funding = not sparse or draw(st.booleans())
        rows[index] = attrs.evolve(
            row,
            declared_total=Money.from_minor(total, currency) if keep_total else None,
            funding=_funding(parts, currency) if keep_funding else (),
        )
        return total, parts

    grand = 0
    merged: dict[Source, int] = {}
    with_total = draw(st.booleans())
    if with_total:
        rows.append(BudgetRow("TOTAL"))
    for i in range(draw(st.integers(min_value=1, max_value=3))):
        t, p = node(str(i + 1), None, 1)
        grand += t
        for s, a in p.items():
            merged[s] = merged.get(s, 0) + a
    if with_total:
        rows[0] = BudgetRow(
            "TOTAL",
            item="Итого",
            declared_total=Money.from_minor(grand, currency),
            funding=_funding(merged, currency),
        )
    if not consistent:
        for _ in range(draw(st.integers(min_value=1, max_value=3))):
            i = draw(st.integers(min_value=0, max_value=len(rows) - 1))
            rows[i] = _perturb(draw, rows[i])
    return Budget("generated", tuple(rows), currency=currency)


def _perturb(draw: st.DrawFn, row: BudgetRow) -> BudgetRow:
    """The row with its declared total or one funding amount changed by a non-zero amount."""
    delta = draw(st.integers(min_value=1, max_value=1_000_000))
    on_funding = draw(st.booleans())
    if row.funding and on_funding:
        k = draw(st.integers(min_value=0, max_value=len(row.funding) - 1))
        f = row.funding[k]
        funding = list(row.funding)
        funding[k] = Funding(f.source, f.amount + Money.from_minor(delta, f.amount.currency))
        return attrs.evolve(row, funding=tuple(funding))
    base = row.declared_total or Money.zero()
    return attrs.evolve(row, declared_total=base + Money.from_minor(delta, base.currency))


def budgets(
    consistent: bool = True, *, sparse: bool = False, max_depth: int = 3
) -> st.SearchStrategy[Budget]:
    """Random budgets: a tree of lines and groups one to ``max_depth`` levels deep.

    Parameters
    ----------
    consistent
        If true, every printed number agrees (module docs) and
        `civicgrants.budget.audit()` finds no error. If false, one to
        three declared totals or funding amounts are then changed by a
        non-zero amount, so the audit usually finds one.
    sparse
        If true, each row may leave out its declared total or its funding (a
        budget still consistent where it prints something).
    max_depth
        Levels of the tree below the (optional) ``TOTAL`` row, 1 to 3.

    Returns
    -------
    SearchStrategy[Budget]
        In KZT; every line has quantity ≥ 0.5, unit price ≥ 1 tiyn, 1 to 3
        periods; every group has 1 to 3 children.

    Raises
    ------
    ValueError
        ``max_depth`` is not between 1 and 3.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> from civicgrants.budget import audit
    >>> quiet = settings(database=None)
    >>> b = find(budgets(), lambda b: any(r.parent for r in b.lines), settings=quiet)
    >>> [r.code for r in b.rows], audit(b)
    (['1', '1.1'], ())
    >>> bad = find(budgets(consistent=False), lambda b: True, settings=quiet)
    >>> any(f.severity.value == "error" for f in audit(bad))
    True
    >>> budgets(max_depth=4)
    Traceback (most recent call last):
    ...
    ValueError: max_depth: must be between 1 and 3, got 4

    See Also
    --------
    policies : random policies over the same row codes.
    civicgrants.budget.audit : what a consistent budget passes.
    """
    if not 1 <= max_depth <= 3:
        raise ValueError(f"max_depth: must be between 1 and 3, got {max_depth}")
    return _budgets(consistent, sparse, max_depth)


_SHARE = st.one_of(
    st.none(), st.integers(min_value=0, max_value=100).map(lambda n: Decimal(n).scaleb(-2))
)


@st.composite
def _policies(draw: st.DrawFn, codes: Sequence[str]) -> Policy:
    admin = tuple(draw(st.lists(st.sampled_from(list(codes)), max_size=2, unique=True)))
    regranting = tuple(draw(st.lists(st.sampled_from(list(codes)), max_size=2, unique=True)))
    return Policy(
        name=draw(st.sampled_from(["generated", "mini-grants", "state-grant"])),
        max_grant=draw(
            st.one_of(st.none(), st.integers(min_value=0, max_value=10**10).map(Money.from_minor))
        ),
        min_community_share=draw(_SHARE),
        max_akimat_share=draw(_SHARE),
        admin_codes=admin,
        max_admin_share=draw(_SHARE) if admin else None,
        regranting_codes=regranting,
        max_regranting_share=draw(_SHARE) if regranting else None,
        max_reallocation_share=draw(_SHARE),
        basis=draw(st.sampled_from(list(ShareBasis))),
        source=draw(st.one_of(st.none(), st.just("generated by hypothesis"))),
    )


def policies(codes: Sequence[str] = ("1", "2", "1.1", "2.1")) -> st.SearchStrategy[Policy]:
    """Random valid policies; administrative and re-granting rows are drawn from ``codes``.

    Parameters
    ----------
    codes
        Row codes to draw ``admin_codes`` and ``regranting_codes`` from (the
        codes `budgets()` uses at the top two levels by default).

    Returns
    -------
    SearchStrategy[Policy]
        Every limit may be absent; shares are whole per cents from 0 to 100.

    Raises
    ------
    ValueError
        ``codes`` is empty or a single string.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> p = find(policies(), lambda p: p.max_admin_share is not None,
    ...          settings=settings(database=None))
    >>> p.admin_codes != ()  # a cap always comes with the rows it caps
    True
    >>> policies("1")
    Traceback (most recent call last):
    ...
    ValueError: codes: need a non-empty list of row codes

    See Also
    --------
    budgets : random budgets to check them against.
    civicgrants.budget.check_policy : the check a policy drives.
    """
    if isinstance(codes, str) or not codes:
        raise ValueError("codes: need a non-empty list of row codes")
    return _policies(tuple(codes))
