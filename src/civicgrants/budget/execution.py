"""Budget execution: planned against actual, reallocation between lines, exact splits.

* `execute()` compares what was spent (`Actual`) with the plan, per
  line and per source, gives the grant left unspent, and reports overspends and
  actuals it cannot place as findings.
* `reallocate()` moves money of one source from one line to another
  («перераспределение»), keeping the budget consistent, within a policy's
  ``max_reallocation_share``.
* `allocate_total()` splits an amount across lines or sources in
  proportion to the plan, with `civicgrants.model.allocate()`.

Everything is exact: no function here creates or loses a tiyn.

The planned split of a line
---------------------------
A line's planned amount is its stated total (declared, else quantity × price ×
periods). Its split between sources is its own funding when it states one.
Otherwise it inherits from the nearest ancestor that states funding. A funded
group first sets aside what the funded rows below it state (in each child's
subtree, the highest rows that state funding); what is left of each source
pays for the rest of the subtree, which no row below funds. That rest is
shared child by child, each child's unfunded amount split in proportion to
what is left of each source (`allocate()`, largest
remainder), and so on down to the lines. In a consistent budget the lines'
splits add up, source by source and to the tiyn, to the funding the budget
states (the top-down cover of `budget_shares()`). A
line with no funded ancestor, or whose unfunded amount is not a whole number
of tiyn, has no known split.

Findings of `execute()`
---------------------------
========================= ===================================================
Code                      Meaning
========================= ===================================================
``actual-unknown-code``   an actual names a code the budget lacks (error)
``actual-on-group``       an actual is booked on a group, not a line (error)
``invalid-value``         an actual is in another currency (error)
``overspend``             a line, or one source of a line, spent more than
                          planned (warning); the grant as a whole spent more
                          than planned (error, at ``budget``)
``plan-unknown``          a line's planned total or split cannot be computed;
                          it is compared with zero (info)
========================= ===================================================
Actuals behind the first three are kept in `Execution.ignored`, so
nothing spent is lost from view.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal, Inexact, localcontext
from fractions import Fraction
from typing import TypeVar, overload

import attrs

from civicgrants.budget.model import Budget, BudgetRow, Funding, Source
from civicgrants.budget.policy import Policy, budget_shares, share_percent
from civicgrants.budget.text import plain
from civicgrants.model.display import shows
from civicgrants.model.fields import choice, date, money
from civicgrants.model.fields import text as text_field
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.money import Money, allocate
from civicgrants.model.numbers import EXACT, round_half_up

__all__ = [
    "Actual",
    "Execution",
    "ExecutionLine",
    "Reallocation",
    "Transfer",
    "allocate_total",
    "execute",
    "planned_split",
    "reallocate",
]


@shows
@attrs.frozen
class Actual:
    """Money actually spent on a line, paid by one source.

    Several actuals may name the same line and source (several payments);
    they are added up.

    Parameters
    ----------
    code : str
        The code of the line the money was spent on.
    source : Source
        Who paid.
    amount : Money
        How much.
    on : datetime.date or None, optional
        When it was paid.
    note : str or None, optional
        Free text (an invoice number, a payee).

    Raises
    ------
    ValueError
        A field of the wrong type, or a blank text.

    Examples
    --------
    >>> Actual("1.4", Source.GRANT, Money(21_000), on=dt.date(2021, 3, 31)).amount.amount
    Decimal('21000.00')

    See Also
    --------
    execute : compares actuals with the plan.
    """

    code: str = text_field()
    source: Source = choice(Source)
    amount: Money = money()
    on: dt.date | None = date(optional=True)
    note: str | None = text_field(optional=True)


@shows
@attrs.frozen
class ExecutionLine:
    """Planned against actual for one line and source (``source=None``: all sources).

    ``code`` is ``None`` in `Execution.totals` (the whole budget).
    ``variance`` is actual − planned (positive: overspent). ``percent`` is
    actual / planned × 100, rounded half up to 0.01 (the exact ratio is
    ``actual / planned``); ``None`` when nothing was planned.

    Attributes
    ----------
    code : str or None
        The line's code; ``None`` for the whole budget.
    source : Source or None
        The source; ``None`` for all sources together.
    planned : Money
        The planned amount (zero when the plan is unknown).
    actual : Money
        The amount spent.
    variance : Money
        ``actual - planned``; positive when overspent.
    percent : Decimal or None
        ``actual / planned`` in per cent, rounded half up to 0.01.

    Examples
    --------
    >>> b = Budget("b", rows=(
    ...     BudgetRow("1", quantity=Decimal(2), unit_price=Money(100),
    ...               funding=(Funding(Source.GRANT, Money(200)),)),
    ...     BudgetRow("2", quantity=Decimal(1), unit_price=Money(300),
    ...               funding=(Funding(Source.GRANT, Money(100)), Funding(Source.AKIMAT, Money(200)))),
    ... ))
    >>> row = execute(b, [Actual("2", Source.GRANT, Money(120))]).line("2", Source.GRANT)
    >>> print(row.planned, row.actual, row.variance, row.percent, sep=" | ")
    100.00 KZT | 120.00 KZT | 20.00 KZT | 120.00

    See Also
    --------
    Execution.line : the row of one line and source.
    Execution.total : the row of the whole budget.
    """

    code: str | None
    source: Source | None
    planned: Money
    actual: Money
    variance: Money
    percent: Decimal | None


_FULL = share_percent(Fraction(1))  # 100.00: a line spent exactly as planned


@functools.cache
def _zero(currency: str) -> Money:
    """Zero of ``currency``, built once (amounts are frozen)."""
    return Money.zero(currency)


def _percent(actual: Money, planned: Money) -> Decimal:
    """``share_percent(actual / planned)``, from the amounts' integer ratios (one Fraction)."""
    n1, d1 = actual.amount.as_integer_ratio()
    n2, d2 = planned.amount.as_integer_ratio()
    return round_half_up(Fraction(n1 * d2 * 100, d1 * n2), 2)


def _row_of(
    code: str | None, source: Source | None, planned: Money, actual: Money
) -> ExecutionLine:
    if not planned:
        return ExecutionLine(code, source, planned, actual, actual - planned, None)
    if actual == planned:  # the common case: no subtraction, no ratio
        return ExecutionLine(code, source, planned, actual, _zero(planned.currency), _FULL)
    return ExecutionLine(code, source, planned, actual, actual - planned, _percent(actual, planned))


@shows
@attrs.frozen
class Execution:
    """The result of `execute()`: every line and source, the totals, and the findings.

    Attributes
    ----------
    budget_id : str
        The id of the budget executed.
    lines : tuple of ExecutionLine
        Per line, in the budget's order: the line as a whole (``source=None``)
        and then one row per source it plans or spends.
    totals : tuple of ExecutionLine
        The whole budget (``code=None``): all sources first, then per source.
    unspent_grant : Money
        Planned grant less actual grant over all lines, never negative; a
        grant overspend is a finding instead.
    ignored : tuple of Actual
        Actuals that could not be placed on a line (see the findings).
    findings : tuple of Finding
        Overspends, unplaceable actuals and unknown plans (module docs).

    Examples
    --------
    >>> b = Budget("b", rows=(
    ...     BudgetRow("1", quantity=Decimal(2), unit_price=Money(100),
    ...               funding=(Funding(Source.GRANT, Money(200)),)),
    ...     BudgetRow("2", quantity=Decimal(1), unit_price=Money(300),
    ...               funding=(Funding(Source.GRANT, Money(100)), Funding(Source.AKIMAT, Money(200)))),
    ... ))
    >>> ex = execute(b, [Actual("1", Source.GRANT, Money(150)), Actual("9", Source.GRANT, Money(5))])
    >>> [(r.code, None if r.source is None else r.source.value) for r in ex.lines]
    [('1', None), ('1', 'grant'), ('2', None), ('2', 'grant'), ('2', 'cofinancing_akimat')]
    >>> print(ex.unspent_grant)
    150.00 KZT
    >>> [a.code for a in ex.ignored], [f.code for f in ex.findings]
    (['9'], ['actual-unknown-code'])

    See Also
    --------
    execute : builds it.
    ExecutionLine : one row.
    """

    budget_id: str
    lines: tuple[ExecutionLine, ...]
    totals: tuple[ExecutionLine, ...]
    unspent_grant: Money
    ignored: tuple[Actual, ...]
    findings: tuple[Finding, ...]

    def line(self, code: str, source: Source | None = None) -> ExecutionLine:
        """The row of line ``code`` for ``source`` (``None``: all sources).

        Parameters
        ----------
        code : str
            A line's code.
        source : Source or None, optional
            The source; ``None`` for the line as a whole.

        Returns
        -------
        ExecutionLine
            The line's planned and actual amounts for ``source``.

        Raises
        ------
        KeyError
            No such line, or the line neither plans nor spends ``source``.

        Examples
        --------
        >>> b = Budget("b", rows=(
        ...     BudgetRow("1", quantity=Decimal(2), unit_price=Money(100),
        ...               funding=(Funding(Source.GRANT, Money(200)),)),
        ...     BudgetRow("2", quantity=Decimal(1), unit_price=Money(300),
        ...               funding=(Funding(Source.GRANT, Money(100)), Funding(Source.AKIMAT, Money(200)))),
        ... ))
        >>> ex = execute(b, [Actual("1", Source.GRANT, Money(150))])
        >>> ex.line("1").percent
        Decimal('75.00')
        >>> ex.line("1", Source.OWN)
        Traceback (most recent call last):
        ...
        KeyError: "no execution row for line '1' and source own"

        See Also
        --------
        Execution.total : the same for the whole budget.
        """
        for row in self.lines:
            if row.code == code and row.source is source:
                return row
        what = f" and source {source.value}" if source else ""
        raise KeyError(f"no execution row for line {code!r}{what}")

    def total(self, source: Source | None = None) -> ExecutionLine:
        """The budget-wide row for ``source`` (``None``: all sources).

        Parameters
        ----------
        source : Source or None, optional
            The source; ``None`` for all sources together.

        Returns
        -------
        ExecutionLine
            The totals over every line (``code=None``); zeros for a source the
            budget neither plans nor spends.

        Examples
        --------
        >>> b = Budget("b", rows=(
        ...     BudgetRow("1", quantity=Decimal(2), unit_price=Money(100),
        ...               funding=(Funding(Source.GRANT, Money(200)),)),
        ...     BudgetRow("2", quantity=Decimal(1), unit_price=Money(300),
        ...               funding=(Funding(Source.GRANT, Money(100)), Funding(Source.AKIMAT, Money(200)))),
        ... ))
        >>> ex = execute(b, [Actual("1", Source.GRANT, Money(150)), Actual("2", Source.GRANT, Money(120))])
        >>> t = ex.total(Source.GRANT)
        >>> print(t.planned, t.actual, t.percent, sep=" | ")
        300.00 KZT | 270.00 KZT | 90.00
        >>> ex.total(Source.OWN).percent is None
        True

        See Also
        --------
        Execution.line : the same for one line.
        """
        for row in self.totals:
            if row.source is source:
                return row
        return _row_of(None, source, self._zero, self._zero)

    @property
    def _zero(self) -> Money:
        return Money.zero(self.unspent_grant.currency)


# -- the planned split ------------------------------------------------------------


def _own(row: BudgetRow, currency: str) -> dict[Source, Money] | None:
    if not row.funding or any(f.amount.currency != currency for f in row.funding):
        return None
    return {f.source: f.amount for f in row.funding}


_ORDER = {s: i for i, s in enumerate(Source)}
_NIL = Decimal(0)


def _in_order(funding: tuple[Funding, ...]) -> bool:
    """Whether ``funding`` lists its sources in `Source` order."""
    return all(_ORDER[a.source] < _ORDER[b.source] for a, b in itertools.pairwise(funding))


def planned_split(budget: Budget) -> dict[str, tuple[Funding, ...] | None]:
    """Each line's planned split between sources (module docs), ``None`` when unknown.

    Parameters
    ----------
    budget : Budget
        The plan.

    Returns
    -------
    dict of str to tuple of Funding or None
        Line code → its funding per source, in `Source` order (the
        line's own when it states one, else its share of the nearest funded
        ancestor's); ``None`` when the split is not known.

    Examples
    --------
    >>> b = Budget("b", rows=(
    ...     BudgetRow("1", declared_total=Money(300), funding=(
    ...         Funding(Source.GRANT, Money(200)), Funding(Source.AKIMAT, Money(100)))),
    ...     BudgetRow("1.a", "1", quantity=Decimal(1), unit_price=Money(100)),
    ...     BudgetRow("1.b", "1", quantity=Decimal(1), unit_price=Money(200)),
    ... ))
    >>> {code: [(f.source.value, str(f.amount.amount)) for f in split]
    ...  for code, split in planned_split(b).items() if split is not None}
    {'1.a': [('grant', '66.67'), ('cofinancing_akimat', '33.33')], '1.b': [('grant', '133.33'), ('cofinancing_akimat', '66.67')]}

    See Also
    --------
    execute : compares actuals with these splits.
    civicgrants.budget.budget_shares : the budget's funding per source.
    """
    cur = budget.currency
    zero = Money.zero(cur)
    out: dict[str, tuple[Funding, ...] | None] = {}
    # Sums of stated funding are kept as exact Decimals (amounts of ``cur``) and become
    # Money only where they are split (``_take``): a Money per sum costs more than the sum.
    covers: dict[str, dict[Source, Decimal]] = {}
    gaps: dict[str, Money | None] = {}

    def cover(code: str) -> dict[Source, Decimal]:
        """The funding stated inside the subtree, by its highest funded rows."""
        if code not in covers:
            stated = _own(budget.row(code), cur)
            if stated is not None:
                own = {s: m.amount for s, m in stated.items()}
            else:
                own = {}
                for k in budget.children(code):
                    for s, a in cover(k.code).items():
                        with localcontext(EXACT):
                            own[s] = own.get(s, _NIL) + a
            covers[code] = own
        return covers[code]

    def uncovered(code: str) -> Money | None:
        """The part of the subtree's total that no row inside it funds."""
        if code not in gaps:
            row = budget.row(code)
            kids = budget.children(code)
            if _own(row, cur) is not None:
                gaps[code] = zero
            elif row.is_line or not kids:
                gaps[code] = budget.stated(code)
            else:
                parts = [uncovered(k.code) for k in kids]
                gaps[code] = (
                    None
                    if any(p is None for p in parts)
                    else Money.sum([p for p in parts if p is not None], currency=cur)
                )
        return gaps[code]

    def visit(code: str, extra: dict[Source, Money] | None) -> None:
        row = budget.row(code)
        own = _own(row, cur)
        if row.is_line:
            if own is not None and _in_order(row.funding):
                out[code] = row.funding  # its own split, already in Source order
                return
            amounts = own if own is not None else extra
            out[code] = (
                None
                if amounts is None
                else tuple(Funding(s, amounts[s]) for s in Source if s in amounts)
            )
            return
        kids = budget.children(code)
        pool: dict[Source, Decimal] | None
        if own is not None:
            pool = {s: m.amount for s, m in own.items()}
            with localcontext(EXACT):
                for k in kids:
                    for s, a in cover(k.code).items():
                        pool[s] = pool.get(s, _NIL) - a
        else:
            pool = {s: m.amount for s, m in extra.items()} if extra is not None else None
        for k in kids:
            share = None
            if pool is not None:
                share = _take(uncovered(k.code), pool)
                with localcontext(EXACT):
                    for s, m in (share or {}).items():
                        pool[s] = pool[s] - m.amount
            visit(k.code, share)

    for top in budget.children(None):
        visit(top.code, None)
    return out


def _take(total: Money | None, left: dict[Source, Decimal]) -> dict[Source, Money] | None:
    """Split ``total`` in proportion to what is ``left`` of each source (non-negative parts)."""
    if total is None or not total.is_whole:
        return None
    if not total:
        return {}
    sources = [s for s in Source if s in left]
    weights = [Money(max(left[s], _NIL), total.currency) for s in sources]
    if not any(weights):
        return None
    parts = allocate(total, weights).parts
    return {s: p for s, p in zip(sources, parts, strict=True) if p or left[s]}


# -- execution ----------------------------------------------------------------------


def execute(budget: Budget, actuals: Iterable[Actual]) -> Execution:
    """Compare ``actuals`` with the plan of ``budget``, per line and per source.

    Parameters
    ----------
    budget : Budget
        The approved budget (the plan).
    actuals : iterable of Actual
        What was spent; several actuals on one line and source are added up.

    Returns
    -------
    Execution
        Rows per line and source, totals, the unspent grant and findings
        (module docs). The actual amounts on lines plus `Execution.ignored`
        are exactly the actuals given.

    Raises
    ------
    TypeError
        An item of ``actuals`` is not an `Actual`. Actuals that cannot be
        placed never raise: they are findings.

    Examples
    --------
    >>> b = Budget("b", rows=(
    ...     BudgetRow("1", quantity=Decimal(2), unit_price=Money(100),
    ...               funding=(Funding(Source.GRANT, Money(200)),)),
    ...     BudgetRow("2", quantity=Decimal(1), unit_price=Money(300),
    ...               funding=(Funding(Source.GRANT, Money(100)), Funding(Source.AKIMAT, Money(200)))),
    ... ))
    >>> ex = execute(b, [Actual("1", Source.GRANT, Money(150)),
    ...                  Actual("2", Source.GRANT, Money(120)), Actual("2", Source.AKIMAT, Money(200))])
    >>> row = ex.line("1")
    >>> row.planned.amount, row.actual.amount, row.variance.amount, row.percent
    (Decimal('200.00'), Decimal('150.00'), Decimal('-50.00'), Decimal('75.00'))
    >>> ex.unspent_grant.amount
    Decimal('30.00')
    >>> [(f.code, f.location, f.numbers["source"]) for f in ex.findings]  # the line, then its grant
    [('overspend', '2', None), ('overspend', '2', 'grant')]

    See Also
    --------
    planned_split : the plan per line and source.
    reallocate : move planned money between lines.
    """
    cur = budget.currency
    zero = Money.zero(cur)
    findings: list[Finding] = []
    ignored: list[Actual] = []
    spent: dict[str, dict[Source, Money]] = {}
    codes = {r.code for r in budget.rows}
    for a in actuals:
        if not isinstance(a, Actual):
            raise TypeError(f"actuals: expected Actual items, got {type(a).__name__}")
        if a.code not in codes:
            ignored.append(a)
            findings.append(
                Finding(
                    "actual-unknown-code",
                    Severity.ERROR,
                    a.code,
                    {"code": a.code, "source": a.source.value, "amount": a.amount.amount},
                    f"Расход {plain(a.amount.amount)} ({a.source.value}) по строке {a.code}, которой нет в бюджете",
                    f"an actual of {plain(a.amount.amount)} ({a.source.value}) names {a.code}, which the budget lacks",
                )
            )
            continue
        if not budget.row(a.code).is_line:
            ignored.append(a)
            findings.append(
                Finding(
                    "actual-on-group",
                    Severity.ERROR,
                    a.code,
                    {"code": a.code, "source": a.source.value, "amount": a.amount.amount},
                    f"Расход {plain(a.amount.amount)} отнесён на группу {a.code}; относите расходы на строки",
                    f"an actual of {plain(a.amount.amount)} is booked on the group {a.code}; book actuals on lines",
                )
            )
            continue
        if a.amount.currency != cur:
            ignored.append(a)
            findings.append(
                Finding(
                    "invalid-value",
                    Severity.ERROR,
                    a.code,
                    {"column": "actual", "currency": a.amount.currency, "budget_currency": cur},
                    f"Расход по строке {a.code} в валюте {a.amount.currency}, а бюджет в {cur}",
                    f"an actual on {a.code} is in {a.amount.currency} but the budget is in {cur}",
                )
            )
            continue
        by_source = spent.setdefault(a.code, {})
        before = by_source.get(a.source)
        by_source[a.source] = a.amount if before is None else before + a.amount

    splits = planned_split(budget)
    lines: list[ExecutionLine] = []
    for row in budget.lines:
        planned = budget.stated(row.code)
        split = splits.get(row.code)
        if planned is None or split is None:
            findings.append(
                Finding(
                    "plan-unknown",
                    Severity.INFO,
                    row.code,
                    {"total_known": planned is not None, "split_known": split is not None},
                    f"Строка {row.code}: план или его разбивка по источникам неизвестны; сравнение с нулём",
                    f"line {row.code}: its planned total or split by source is unknown; compared with zero",
                )
            )
        plan = planned or zero
        by_plan = {f.source: f.amount for f in split or ()}
        by_actual = spent.get(row.code, {})
        if len(by_actual) == 1:  # one source: its amount is the line's (in ``cur``, see above)
            (actual,) = by_actual.values()
        else:
            actual = Money.sum(by_actual.values(), currency=cur)
        lines.append(_row_of(row.code, None, plan, actual))
        if actual > plan:
            findings.append(_overspend(row.code, None, plan, actual))
        sources = list(by_plan)
        sources += [s for s in by_actual if s not in by_plan]
        if len(sources) > 1:
            sources.sort(key=_ORDER.__getitem__)  # Source order
        for s in sources:
            plan_s, actual_s = by_plan.get(s, zero), by_actual.get(s, zero)
            lines.append(_row_of(row.code, s, plan_s, actual_s))
            if split is not None and actual_s > plan_s:
                findings.append(_overspend(row.code, s, plan_s, actual_s))

    by_line_source: dict[Source | None, list[ExecutionLine]] = {}
    for r in lines:
        by_line_source.setdefault(r.source, []).append(r)
    whole = by_line_source.get(None, [])
    totals = [
        _row_of(
            None,
            None,
            Money.sum([r.planned for r in whole], currency=cur),
            Money.sum([r.actual for r in whole], currency=cur),
        )
    ]
    for s in Source:
        mine = by_line_source.get(s)
        if mine:
            totals.append(
                _row_of(
                    None,
                    s,
                    Money.sum([r.planned for r in mine], currency=cur),
                    Money.sum([r.actual for r in mine], currency=cur),
                )
            )
    grant = next((t for t in totals if t.source is Source.GRANT), None)
    unspent = zero
    if grant is not None:
        if grant.actual > grant.planned:
            findings.append(_overspend("budget", Source.GRANT, grant.planned, grant.actual))
        else:
            unspent = grant.planned - grant.actual
    return Execution(
        budget.id, tuple(lines), tuple(totals), unspent, tuple(ignored), tuple(findings)
    )


def _overspend(code: str, source: Source | None, planned: Money, actual: Money) -> Finding:
    over = actual - planned
    whole = code == "budget"
    what_en = f" ({source.value})" if source else ""
    where_en = "the budget as a whole" if whole else f"line {code}"
    where_ru = "бюджет в целом" if whole else f"строка {code}"
    return Finding(
        "overspend",
        Severity.ERROR if whole else Severity.WARNING,
        code,
        {
            "source": source.value if source else None,
            "planned": planned.amount,
            "actual": actual.amount,
            "variance": over.amount,
            "percent": None if not planned else _percent(actual, planned),
        },
        f"Перерасход: {where_ru}{what_en} — план {plain(planned.amount)}, факт {plain(actual.amount)} "
        f"(на {plain(over.amount)} больше)",
        f"overspend: {where_en}{what_en} planned {plain(planned.amount)}, spent {plain(actual.amount)} "
        f"({plain(over.amount)} more)",
    )


# -- reallocation ----------------------------------------------------------------------


@shows
@attrs.frozen
class Transfer:
    """What a reallocation moves: ``amount`` of ``source`` from one line to another, and why.

    The rows before and after show every field the move changed.

    Attributes
    ----------
    source : Source
        The source whose money moves.
    amount : Money
        How much moves.
    from_code, to_code : str
        The lines the money leaves and goes to.
    reason : str or None
        Why it moves.
    from_before, from_after : BudgetRow
        The from-line before and after the move.
    to_before, to_after : BudgetRow
        The to-line before and after the move.

    Examples
    --------
    >>> b = Budget("b", rows=(
    ...     BudgetRow("1", quantity=Decimal(4), unit_price=Money(100),
    ...               funding=(Funding(Source.GRANT, Money(400)),)),
    ...     BudgetRow("2", quantity=Decimal(2), unit_price=Money(300),
    ...               funding=(Funding(Source.GRANT, Money(600)),)),
    ... ))
    >>> t = reallocate(b, "1", "2", Money(80), reason="cheaper supplier").move
    >>> print(t.from_before.unit_price, "->", t.from_after.unit_price)
    100.00 KZT -> 80.00 KZT
    >>> print(t.to_after.funded(Source.GRANT), "|", t.reason)
    680.00 KZT | cheaper supplier

    See Also
    --------
    Reallocation : holds it with the budgets before and after.
    reallocate : makes the move.
    """

    source: Source
    amount: Money
    from_code: str
    to_code: str
    reason: str | None
    from_before: BudgetRow
    from_after: BudgetRow
    to_before: BudgetRow
    to_after: BudgetRow


@shows
@attrs.frozen
class Reallocation:
    """The result of `reallocate()`.

    ``budget`` is the budget after the move when it is within policy, and the
    budget as given when it is not (``applied`` is then false and
    ``findings`` holds the ``policy-breach``). ``proposed`` is always the
    budget after the move.

    Attributes
    ----------
    budget : Budget
        The budget to go on with: moved if within policy, else unchanged.
    proposed : Budget
        The budget after the move, within policy or not.
    move : Transfer
        What moved, with the two lines before and after.
    findings : tuple of Finding
        ``policy-breach`` findings when the move exceeds the policy's limit.

    Examples
    --------
    >>> b = Budget("b", rows=(
    ...     BudgetRow("1", quantity=Decimal(4), unit_price=Money(100),
    ...               funding=(Funding(Source.GRANT, Money(400)),)),
    ...     BudgetRow("2", quantity=Decimal(2), unit_price=Money(300),
    ...               funding=(Funding(Source.GRANT, Money(600)),)),
    ... ))
    >>> r = reallocate(b, "1", "2", Money(200), policy=Policy(max_reallocation_share=Decimal("0.25")))
    >>> r.applied, r.budget is b, [f.location for f in r.findings]
    (False, True, ['1', '2'])
    >>> print(r.proposed.row("1").computed_total)
    200.00 KZT

    See Also
    --------
    reallocate : builds it.
    Transfer : the move itself.
    """

    budget: Budget
    proposed: Budget
    move: Transfer
    findings: tuple[Finding, ...] = ()

    @property
    def applied(self) -> bool:
        """Whether the move was within policy (and so ``budget`` is the moved one).

        Returns
        -------
        bool
            True when no finding is an error.

        Examples
        --------
        >>> b = Budget("b", rows=(
        ...     BudgetRow("1", quantity=Decimal(4), unit_price=Money(100),
        ...               funding=(Funding(Source.GRANT, Money(400)),)),
        ...     BudgetRow("2", quantity=Decimal(2), unit_price=Money(300),
        ...               funding=(Funding(Source.GRANT, Money(600)),)),
        ... ))
        >>> reallocate(b, "1", "2", Money(40)).applied
        True

        See Also
        --------
        Reallocation.findings : why a move was not applied.
        """
        return not any(f.severity is Severity.ERROR for f in self.findings)


def _line_total(budget: Budget, code: str, what: str) -> tuple[BudgetRow, Money]:
    row = budget.row(code)
    if not row.is_line:
        raise ValueError(f"{what}: {code!r} is a group; move money between lines")
    total = budget.computed(code)
    if total is None:
        raise ValueError(f"{what}: line {code!r} has no computable total (quantity and unit price)")
    return row, total


def _reprice(row: BudgetRow, total: Money) -> BudgetRow:
    """The line with ``total`` as its quantity × price × periods, changing as little as it can.

    The unit price changes when total / (quantity × periods) is exact; failing
    that the quantity becomes 1; failing that the periods become 1 as well.
    """
    assert row.quantity is not None
    try:
        with localcontext(EXACT):
            if row.quantity * row.periods:
                price = total.amount / (row.quantity * row.periods)
                return attrs.evolve(row, unit_price=Money(price, total.currency))
    except Inexact:
        pass
    try:
        with localcontext(EXACT):
            price = total.amount / row.periods
        return attrs.evolve(row, quantity=Decimal(1), unit_price=Money(price, total.currency))
    except Inexact:
        pass
    return attrs.evolve(row, quantity=Decimal(1), periods=1, unit_price=total)


def _shift(row: BudgetRow, source: Source, delta: Money) -> BudgetRow:
    """``row`` with ``delta`` added to its declared total and to ``source`` in its funding."""
    declared = None if row.declared_total is None else row.declared_total + delta
    funding = row.funding
    if row.funding:
        have = row.funded(source)
        if have is None:
            if delta.amount < 0:
                raise ValueError(f"row {row.code!r} states no {source.value} funding to move")
            funding = (*row.funding, Funding(source, delta))
        else:
            funding = tuple(
                Funding(f.source, f.amount + delta) if f.source is source else f
                for f in row.funding
            )
    return attrs.evolve(row, declared_total=declared, funding=funding)


def reallocate(
    budget: Budget,
    from_code: str,
    to_code: str,
    amount: Money,
    *,
    source: Source = Source.GRANT,
    policy: Policy | None = None,
    baseline: Budget | None = None,
    reason: str | None = None,
) -> Reallocation:
    """Transfer ``amount`` of ``source`` from line ``from_code`` to line ``to_code``.

    The move keeps the budget consistent: each line's quantity × price ×
    periods, declared total and ``source`` funding change by the amount (the
    unit price changes; if that would not be exact, the quantity becomes 1,
    and then the periods too), and so do the declared totals and ``source``
    funding of every group above one line but not the other. Groups above both
    are unchanged, and so is the budget's total. A row that states no funding
    keeps stating none (its split is inherited).

    Parameters
    ----------
    budget : Budget
        The current budget.
    from_code, to_code : str
        Two different lines.
    amount : Money
        A positive amount, in the budget's currency, no more than the
        ``source`` part of the from-line's planned split.
    source : Source, optional
        The source whose money moves; the grant by default.
    policy : Policy or None, optional
        When it sets ``max_reallocation_share``, neither line may change by
        more than that share of its planned amount in ``baseline``; otherwise
        the move is not applied and a ``policy-breach`` finding says why.
    baseline : Budget or None, optional
        The approved budget that shares are measured against (by default
        ``budget`` itself); pass the approved budget to limit a series of
        moves as a whole.
    reason : str or None, optional
        Why the money moves (kept in the record).

    Returns
    -------
    Reallocation
        The budget to go on with, the proposed budget, the move and any
        ``policy-breach`` findings.

    Raises
    ------
    TypeError
        ``amount`` is not a `Money`.
    KeyError
        A code is not in the budget.
    ValueError
        The request cannot be carried out: not two lines, a non-positive or
        foreign amount, more than the from-line's ``source`` money, a
        to-line with no funding on its path, or a row on the way that states
        funding without ``source``.

    Examples
    --------
    >>> b = Budget("b", rows=(
    ...     BudgetRow("1", declared_total=Money(1_000), funding=(Funding(Source.GRANT, Money(1_000)),)),
    ...     BudgetRow("1.a", "1", quantity=Decimal(4), unit_price=Money(100), declared_total=Money(400),
    ...               funding=(Funding(Source.GRANT, Money(400)),)),
    ...     BudgetRow("1.b", "1", quantity=Decimal(2), unit_price=Money(300), declared_total=Money(600),
    ...               funding=(Funding(Source.GRANT, Money(600)),)),
    ... ))
    >>> r = reallocate(b, "1.a", "1.b", Money(80), reason="cheaper supplier")
    >>> r.applied, r.budget.row("1.a").unit_price.amount, r.budget.row("1.b").declared_total.amount
    (True, Decimal('80.00'), Decimal('680.00'))
    >>> r.budget.total() == b.total()
    True
    >>> cap = Policy(max_reallocation_share=Decimal("0.1"))
    >>> r = reallocate(b, "1.a", "1.b", Money(80), policy=cap)
    >>> r.applied, r.budget is b, [(f.location, f.numbers["excess"]) for f in r.findings]
    (False, True, [('1.a', Decimal('40.00')), ('1.b', Decimal('20.00'))])

    See Also
    --------
    planned_split : how much of each source a line plans.
    execute : planned against actual.
    civicgrants.budget.Policy : where ``max_reallocation_share`` is set.
    """
    if not isinstance(amount, Money):
        raise TypeError(f"amount: expected Money, got {type(amount).__name__}")
    if amount.currency != budget.currency:
        raise ValueError(f"amount: in {amount.currency}, but the budget is in {budget.currency}")
    if amount.amount <= 0:
        raise ValueError(f"amount: must be > 0, got {amount}")
    if from_code == to_code:
        raise ValueError(f"from_code and to_code are both {from_code!r}; name two lines")
    from_row, from_total = _line_total(budget, from_code, "from_code")
    to_row, to_total = _line_total(budget, to_code, "to_code")
    splits = planned_split(budget)
    split = splits.get(from_code)
    have = None if split is None else next((f.amount for f in split if f.source is source), None)
    if have is None or have < amount:
        has = "none" if have is None else str(have)
        raise ValueError(
            f"amount: line {from_code!r} plans {has} of {source.value}; cannot move {amount}"
        )
    if splits.get(to_code) is None:
        raise ValueError(
            f"to_code: line {to_code!r} and the groups above it state no funding, so the "
            f"{source.value} money moved there would be no source's; state its funding first"
        )

    from_path = budget.path(from_code)
    to_path = budget.path(to_code)
    changed: dict[str, BudgetRow] = {}
    try:
        for code in from_path:
            if code not in to_path:
                changed[code] = _shift(budget.row(code), source, -amount)
        for code in to_path:
            if code not in from_path:
                changed[code] = _shift(budget.row(code), source, amount)
        changed[from_code] = _reprice(changed[from_code], from_total - amount)
        changed[to_code] = _reprice(changed[to_code], to_total + amount)
        proposed = attrs.evolve(budget, rows=tuple(changed.get(r.code, r) for r in budget.rows))
    except ValueError as exc:
        raise ValueError(f"cannot move {amount} from {from_code} to {to_code}: {exc}") from None

    move = Transfer(
        source,
        amount,
        from_code,
        to_code,
        reason,
        from_row,
        proposed.row(from_code),
        to_row,
        proposed.row(to_code),
    )
    findings = _reallocation_limits(proposed, baseline or budget, move, policy)
    return Reallocation(
        budget=budget if findings else proposed, proposed=proposed, move=move, findings=findings
    )


def _reallocation_limits(
    proposed: Budget, baseline: Budget, move: Transfer, policy: Policy | None
) -> tuple[Finding, ...]:
    if policy is None or policy.max_reallocation_share is None:
        return ()
    limit = policy.max_reallocation_share
    findings = []
    for code in (move.from_code, move.to_code):
        try:
            base = baseline.stated(code) or Money.zero(proposed.currency)
        except KeyError:
            base = Money.zero(proposed.currency)
        now = proposed.stated(code)
        assert now is not None
        change = abs(now - base)
        with localcontext(EXACT):
            allowed = limit * base.amount
            if change.amount <= allowed:
                continue
            excess = change.amount - allowed
        share = None if not base else change / base
        shown = "—" if share is None else f"{plain(share_percent(share))} %"
        findings.append(
            Finding(
                "policy-breach",
                Severity.ERROR,
                code,
                {
                    "rule": "max_reallocation_share",
                    "policy": policy.name,
                    "limit": limit,
                    "actual": None if share is None else round_half_up(share, 6),
                    "planned": base.amount,
                    "change": change.amount,
                    "allowed": Money(allowed, proposed.currency).amount,
                    "excess": Money(excess, proposed.currency).amount,
                },
                f"Строка {code}: перераспределение меняет её на {plain(change.amount)} ({shown} от "
                f"плана {plain(base.amount)}), предел {plain(share_percent(limit))} % (правило {policy.name})",
                f"line {code}: the reallocation changes it by {plain(change.amount)} ({shown} of the "
                f"planned {plain(base.amount)}), above the limit of {plain(share_percent(limit))} % "
                f"(policy {policy.name})",
            )
        )
    return tuple(findings)


# -- allocation ---------------------------------------------------------------------------


@overload
def allocate_total(  # noqa: D418 (the project's docstring checker reads each overload)
    total: Money, budget: Budget, over: Sequence[str] | None = None
) -> dict[str, Money]:
    """Split ``total`` across rows in proportion to their stated totals.

    Parameters
    ----------
    total : Money
        A whole number of tiyn (minor units).
    budget : Budget
        The plan whose amounts are the weights.
    over : sequence of str or None, optional
        Row codes; ``None`` for every line.

    Returns
    -------
    dict of str to Money
        Code → its part; the parts sum to ``total`` exactly.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_budget
    >>> parts = allocate_total(Money(100_000), seed_001_budget(), ["1.4", "1.5"])
    >>> print(parts["1.4"], "+", parts["1.5"])
    84375.00 KZT + 15625.00 KZT

    See Also
    --------
    allocate_total : the implementation, documented in full.
    """


@overload
def allocate_total(  # noqa: D418 (the project's docstring checker reads each overload)
    total: Money, budget: Budget, over: type[Source] | Sequence[Source]
) -> dict[Source, Money]:
    """Split ``total`` across sources in proportion to the budget's funding per source.

    Parameters
    ----------
    total : Money
        A whole number of tiyn (minor units).
    budget : Budget
        The plan whose funding per source gives the weights.
    over : the Source class or sequence of Source
        ``Source`` for every source that funds the budget, or a list of sources.

    Returns
    -------
    dict of Source to Money
        Source → its part; the parts sum to ``total`` exactly.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_budget
    >>> parts = allocate_total(Money(100_000), seed_001_budget(), [Source.GRANT])
    >>> print(parts[Source.GRANT])
    100000.00 KZT

    See Also
    --------
    allocate_total : the implementation, documented in full.
    """


def allocate_total(
    total: Money,
    budget: Budget,
    over: Sequence[str] | type[Source] | Sequence[Source] | None = None,
) -> dict[str, Money] | dict[Source, Money]:
    """Split ``total`` across rows or sources in proportion to the plan, exactly.

    Parameters
    ----------
    total : Money
        A whole number of tiyn (minor units).
    budget : Budget
        The plan whose amounts are the weights.
    over : sequence of str, the Source class, sequence of Source, or None, optional
        Row codes (weights: their stated totals); ``None`` for every line; or
        ``Source`` (every source that funds the budget) or a list of sources
        (weights: the budget's funding per source, counted as in
        `budget_shares()`).

    Returns
    -------
    dict
        Code (or source) → its part. The parts sum to ``total`` exactly; the
        leftover tiyn go by largest remainder (`civicgrants.model.allocate()`).

    Raises
    ------
    TypeError
        ``over`` is a string, or mixes codes and sources (or holds something else).
    ValueError
        Every weight is zero, a weight is unknown, there is nothing to
        allocate over, or ``total`` is fractional.
    KeyError
        ``over`` names a code the budget lacks.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_budget
    >>> b = seed_001_budget()
    >>> parts = allocate_total(Money(100_000), b, ["1.4", "1.5"])
    >>> {k: str(v.amount) for k, v in parts.items()}
    {'1.4': '84375.00', '1.5': '15625.00'}
    >>> allocate_total(Money("0.01"), b, Source)
    {<Source.GRANT: 'grant'>: Money(amount=Decimal('0.01'), currency='KZT')}

    See Also
    --------
    civicgrants.model.allocate : the largest-remainder split.
    planned_split : each line's split between sources.
    """
    if isinstance(over, str):
        raise TypeError(f"over: expected a list of codes, got the string {over!r}")
    if over is not None and (isinstance(over, type) or any(isinstance(x, Source) for x in over)):
        funding = budget_shares(budget).by_source
        if isinstance(over, type):
            sources = [f.source for f in funding]
        else:
            sources = [x for x in over if isinstance(x, Source)]
            if len(sources) != len(over):
                raise TypeError("over: mixes sources and codes")
        weights = {
            s: next((f.amount for f in funding if f.source is s), Money.zero(budget.currency))
            for s in sources
        }
        return _split(total, weights)
    codes = [r.code for r in budget.lines] if over is None else list(over)
    row_weights: dict[str, Money] = {}
    for code in codes:
        if not isinstance(code, str):
            raise TypeError(f"over: expected codes (str) or sources, got {code!r}")
        stated = budget.stated(code)
        if stated is None:
            raise ValueError(f"row {code!r} has no known total to weigh by")
        row_weights[code] = stated
    return _split(total, row_weights)


K = TypeVar("K")


def _split(total: Money, weights: dict[K, Money]) -> dict[K, Money]:
    if not weights:
        raise ValueError("nothing to allocate over")
    if not any(weights.values()):
        raise ValueError("every weight is zero: nothing to allocate in proportion to")
    parts = allocate(total, list(weights.values())).parts
    return dict(zip(weights, parts, strict=True))
