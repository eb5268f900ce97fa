"""Budgets as a tree of rows: lines (unit × quantity × unit price × periods) and groups.

Two forms are in use and both fit this model:

* the programme's mini-grant budget, with the community contribution (residents'
  labour and in-kind help of the akimat and businesses) as co-financing;
* the state social grant's cost estimate («Смета расходов», Annex 5): sections of
  administrative costs, material and technical support, and direct costs by
  activity, each line split between own contribution, co-financing and the grant.

A row that holds a quantity or a unit price is a *line*; any other row is a
*group*, whose computed total is the sum of its children and whose
``declared_total`` is what the document printed. Cells a reader could not read
are kept verbatim in ``invalid`` (never dropped, never coerced) and reported by
`civicgrants.budget.audit()` as ``invalid-value`` findings.

Limits (`civicgrants.model.limits`)
----------------------------------------
A row's ``quantity`` and ``periods`` are numbers within the digits and exponent
limits (`number_problem()`), and a line's
quantity × unit price × periods is an exact `Money`
amount. Groups nest at most `depth`
levels (the grand total counts as one). The amounts of a budget in one currency
(unit prices, line totals, declared totals and funding) must add up, all
together, to an exact amount: then every total, subtotal, gap and split the
library computes from them is exact too, and none can fail half-way through an
audit. Each of these is a located `ValidationError`
when the budget is built; every walk over the tree is iterative.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from decimal import Decimal, localcontext
from typing import Any, ClassVar

import attrs

from civicgrants.errors import Problem, ValidationError
from civicgrants.model.display import frame, shows
from civicgrants.model.fields import (
    CURRENCY_CODE,
    SCHEMA,
    choice,
    count,
    decimal,
    many,
    matches,
    money,
    type_check,
)
from civicgrants.model.fields import text as text_field
from civicgrants.model.limits import get_limits, number_problem
from civicgrants.model.money import MAX_DIGITS, Money, check_currency, minor_digits
from civicgrants.model.numbers import EXACT

__all__ = [
    "CODE_PATTERN",
    "COLUMNS",
    "Budget",
    "BudgetForm",
    "BudgetRow",
    "Derived",
    "Funding",
    "InvalidCell",
    "Source",
]

CODE_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z._\-]*$"
TOTAL = "TOTAL"


class Source(enum.Enum):
    """Who pays for a line. Values are the CSV column names.

    ``GRANT`` is the grant asked for, ``OWN`` the applicant's own contribution,
    and the ``cofinancing_*`` members the co-financing by kind of co-financer.

    Examples
    --------
    >>> Source("cofinancing_akimat") is Source.AKIMAT
    True
    >>> [s.value for s in Source if s.is_community]
    ['cofinancing_akimat', 'cofinancing_business', 'cofinancing_residents_cash', 'cofinancing_residents_inkind']

    See Also
    --------
    Funding : an amount paid by one source.
    civicgrants.budget.funding_by_source : what each source pays in a budget.
    """

    GRANT = "grant"
    OWN = "own"
    AKIMAT = "cofinancing_akimat"
    BUSINESS = "cofinancing_business"
    RESIDENTS_CASH = "cofinancing_residents_cash"
    RESIDENTS_INKIND = "cofinancing_residents_inkind"
    OTHER = "cofinancing_other"

    @property
    def is_cofinancing(self) -> bool:
        """Whether the source is co-financing (a ``cofinancing_*`` column).

        Returns
        -------
        bool
            True for every source but ``GRANT`` and ``OWN``.

        Examples
        --------
        >>> Source.OTHER.is_cofinancing, Source.OWN.is_cofinancing
        (True, False)

        See Also
        --------
        Source.is_community : the co-financing counted as community contribution.
        """
        return self.value.startswith("cofinancing_")

    @property
    def is_community(self) -> bool:
        """Whether it counts in the programme's community contribution («вклад сообщества»).

        Returns
        -------
        bool
            True for the akimat, business and residents' cash and in-kind
            co-financing; false for the grant, own funds and ``OTHER``.

        Examples
        --------
        >>> Source.AKIMAT.is_community, Source.OTHER.is_community
        (True, False)

        See Also
        --------
        Source.is_cofinancing : every co-financing source.
        civicgrants.budget.Shares.community : the community's total in a budget.
        """
        return self in (
            Source.AKIMAT,
            Source.BUSINESS,
            Source.RESIDENTS_CASH,
            Source.RESIDENTS_INKIND,
        )


class BudgetForm(enum.Enum):
    """Which budget form a budget follows.

    ``MINI_GRANT`` is the programme's mini-grant budget (community contribution
    as co-financing); ``STATE_SMETA`` the state social grant's cost estimate
    («Смета расходов», Annex 5).

    Examples
    --------
    >>> BudgetForm("state_smeta")
    <BudgetForm.STATE_SMETA: 'state_smeta'>

    See Also
    --------
    Budget : records its form.
    civicgrants.budget.state_smeta_template : an empty ``STATE_SMETA`` budget.
    civicgrants.budget.mini_grant_template : an empty ``MINI_GRANT`` budget.
    """

    MINI_GRANT = "mini_grant"
    STATE_SMETA = "state_smeta"


class Derived(enum.Enum):
    """Payroll lines: salaries, and the lines computed from them by a dated rate table.

    A row's ``derived`` field marks it as a salary (``SALARY``) or as a line
    computed from the salaries: the social tax (``SOCIAL_TAX``) or the
    employer's compulsory health insurance (``HEALTH_INSURANCE``).

    Examples
    --------
    >>> [d.value for d in Derived]
    ['salary', 'social_tax', 'health_insurance']

    See Also
    --------
    civicgrants.budget.RATES : the dated rates of the derived lines.
    civicgrants.budget.check_payroll : compares derived lines with the rates.
    """

    SALARY = "salary"
    SOCIAL_TAX = "social_tax"
    HEALTH_INSURANCE = "health_insurance"


@shows
@attrs.frozen
class Funding:
    """The part of a row paid by one source.

    Parameters
    ----------
    source : Source
        Who pays.
    amount : Money
        How much.

    Raises
    ------
    ValueError
        ``source`` is not a `Source`, or ``amount`` not a `Money`.

    Examples
    --------
    >>> f = Funding(Source.GRANT, Money(1_000))
    >>> f.source.value, str(f.amount)
    ('grant', '1000.00 KZT')

    See Also
    --------
    BudgetRow.funding : a row's funding, one entry per source.
    BudgetRow.funded : the amount a row puts on one source.
    """

    source: Source = choice(Source)
    amount: Money = money()


@shows
@attrs.frozen
class InvalidCell:
    """A cell a reader could not read: the column, the text as found, and why.

    Parameters
    ----------
    column : str
        The column's name in the CSV layout (``quantity``, ``unit_price`` …).
    text : str
        The cell's text, verbatim.
    reason : str
        Why it could not be read.

    Examples
    --------
    >>> row = BudgetRow("1", quantity=Decimal(1),
    ...                 invalid=(InvalidCell("unit_price", "abc", "not a number"),))
    >>> row.invalid[0].text, row.computed_total is None
    ('abc', True)

    See Also
    --------
    BudgetRow.invalid : where a row keeps its unreadable cells.
    civicgrants.budget.audit : reports each as an ``invalid-value`` finding.
    """

    column: str = text_field()
    text: str = text_field()
    reason: str = text_field()


_CODE = matches(CODE_PATTERN, "a code of letters, digits, '.', '_' or '-'")
_CODE_SCHEMA = {SCHEMA: {"pattern": CODE_PATTERN}}

COLUMNS = (
    "code",
    "parent",
    "item",
    "item_en",
    "unit",
    "quantity",
    "unit_price",
    "periods",
    "declared_total",
    *(s.value for s in Source),
    "activity",
    "derived",
    "note",
)
"""Every column of a budget table (its CSV layout), in the order a writer uses for new budgets.

A `Budget.layout` lists some of them, each once.
"""


@shows
@attrs.frozen
class BudgetRow:
    """One row of a budget: a line or a group.

    A row with a quantity or a unit price (or an unreadable one) is a *line*;
    any other row is a *group*, the parent of other rows.

    Parameters
    ----------
    code : str
        The row's code, unique in its budget: letters, digits, ``.``, ``_`` or ``-``.
    parent : str or None, optional
        The code of the group the row belongs to; ``None`` at the top level.
    item, item_en : str or None, optional
        What the row pays for, as printed and in English.
    unit : str or None, optional
        The unit of ``quantity`` (``месяц``, ``шт.`` …).
    quantity : Decimal or None, optional
        How many units (not negative).
    unit_price : Money or None, optional
        The price of one unit.
    periods : int, optional
        A multiplier, at least 1 (months, events …); 1 by default.
    declared_total : Money or None, optional
        The total as the document prints it.
    funding : tuple of Funding, optional
        The row's split between sources, each source at most once.
    activity : str or None, optional
        The calendar plan activity a block of direct costs belongs to.
    derived : Derived or None, optional
        Marks a salary, or a line computed from the salaries.
    invalid : tuple of InvalidCell, optional
        The cells a reader could not read, kept verbatim.
    note : str or None, optional
        Free text.

    Raises
    ------
    ValueError
        A field is invalid (a bad code, a negative quantity …), ``funding``
        names a source twice, ``quantity`` or ``periods`` is outside the number
        limits (`number_problem()`), or quantity
        × unit price × periods is not an exact amount (more than 28 significant
        digits).

    Examples
    --------
    >>> line = BudgetRow("1.1.a", parent="1.1", item="Руководитель проекта", unit="месяц",
    ...                  quantity=Decimal(9), unit_price=Money(140_000))
    >>> line.is_line, line.computed_total
    (True, Money(amount=Decimal('1260000.00'), currency='KZT'))

    See Also
    --------
    Budget : rows forming a tree.
    Funding, InvalidCell
    """

    code: str = attrs.field(validator=[type_check(str, "a string"), _CODE], metadata=_CODE_SCHEMA)
    parent: str | None = attrs.field(
        default=None, validator=[type_check(str, "a string"), _CODE], metadata=_CODE_SCHEMA
    )
    item: str | None = text_field(optional=True)
    item_en: str | None = text_field(optional=True)
    unit: str | None = text_field(optional=True)
    quantity: Decimal | None = decimal(optional=True, minimum=0)
    unit_price: Money | None = money(optional=True)
    periods: int = count(minimum=1, default=1)
    declared_total: Money | None = money(optional=True)
    funding: tuple[Funding, ...] = many(Funding)
    activity: str | None = text_field(optional=True)
    derived: Derived | None = choice(Derived, optional=True)
    invalid: tuple[InvalidCell, ...] = many(InvalidCell)
    note: str | None = text_field(optional=True)
    _line: bool = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(
            self,
            "_line",
            self.quantity is not None
            or self.unit_price is not None
            or any(c.column in ("quantity", "unit_price") for c in self.invalid),
        )
        seen: set[Source] = set()
        for i, f in enumerate(self.funding):
            if f.source in seen:
                raise ValueError(f"funding[{i}]: {f.source.value} is given twice")
            seen.add(f.source)
        if self.quantity is not None and (why := number_problem(self.quantity)):
            raise ValueError(f"quantity: {why}")
        if self.periods != 1 and (why := number_problem(Decimal(self.periods))):
            raise ValueError(f"periods: {why}")
        if self.quantity is not None and self.unit_price is not None:
            try:
                self.unit_price * self.quantity * self.periods
            except (ValueError, ArithmeticError) as exc:
                raise ValueError(f"quantity × unit_price × periods: {exc}") from None

    @property
    def is_line(self) -> bool:
        """Whether the row is a line: it has a quantity or a unit price (or an unreadable one).

        Returns
        -------
        bool
            True for a line, false for a group.

        Examples
        --------
        >>> BudgetRow("1", quantity=Decimal(2)).is_line, BudgetRow("1").is_line
        (True, False)

        See Also
        --------
        Budget.lines : every line of a budget.
        """
        return self._line

    @property
    def computed_total(self) -> Money | None:
        """Quantity × unit price × periods, exactly; ``None`` unless both are known.

        Returns
        -------
        Money or None
            The line's computed total, unrounded; ``None`` without a quantity or
            a unit price, or when the ``periods`` cell could not be read.

        Examples
        --------
        >>> row = BudgetRow("1", quantity=Decimal("1.5"), unit_price=Money(100), periods=3)
        >>> print(row.computed_total)
        450.00 KZT
        >>> BudgetRow("2", quantity=Decimal(2)).computed_total is None
        True

        See Also
        --------
        Budget.computed : the computed total of any row, groups included.
        """
        if self.quantity is None or self.unit_price is None or self.unreadable_periods:
            return None
        return self.unit_price * self.quantity * self.periods

    @property
    def unreadable_periods(self) -> bool:
        """Whether the row's ``periods`` cell could not be read (so its total is unknown).

        ``periods`` then holds its default, 1, which is not what the document says:
        `computed_total` is ``None`` rather than a total computed with it.

        Returns
        -------
        bool
            True when ``invalid`` holds a ``periods`` cell.

        Examples
        --------
        >>> row = BudgetRow("1", quantity=Decimal(2), unit_price=Money(100),
        ...                 invalid=(InvalidCell("periods", "1,5", "must be a whole number >= 1, got 1.5"),))
        >>> row.unreadable_periods, row.computed_total
        (True, None)

        See Also
        --------
        computed_total : quantity × unit price × periods.
        """
        return any(c.column == "periods" for c in self.invalid)

    def funded(self, source: Source) -> Money | None:
        """The amount this row puts on ``source``, if the row says.

        Parameters
        ----------
        source : Source
            The funding source.

        Returns
        -------
        Money or None
            The row's funding from ``source``; ``None`` when the row states none.

        Examples
        --------
        >>> row = BudgetRow("1", funding=(Funding(Source.GRANT, Money(500)),))
        >>> print(row.funded(Source.GRANT))
        500.00 KZT
        >>> row.funded(Source.OWN) is None
        True

        See Also
        --------
        civicgrants.budget.planned_split : a line's split, inherited when it states none.
        """
        for f in self.funding:
            if f.source is source:
                return f.amount
        return None


@shows
@attrs.frozen
class Budget:
    """A budget: rows forming a tree by ``parent`` codes, in one currency.

    When a row with code ``TOTAL`` and no parent exists, every other top-level
    row is its child (the grand total of the form).

    Parameters
    ----------
    id : str
        The budget's id: letters, digits, ``.``, ``_`` or ``-``.
    rows : tuple of BudgetRow
        The rows, in the document's order.
    currency : str, optional
        The ISO-4217 code of the budget's amounts, ``"KZT"`` by default.
    title : str or None, optional
        The budget's title.
    form : BudgetForm or None, optional
        The form the budget follows.
    layout : tuple of str, optional
        The column order the budget was read with, so a writer gives it back
        unchanged: names of `COLUMNS`, each once.

    Raises
    ------
    ValidationError
        Every structural problem at once: a duplicate code, an unknown parent,
        a line with children, a ``TOTAL`` row that is nested or a line, a
        ``layout`` naming an unknown column or one twice; then a
        row that is its own ancestor, groups nested deeper than the ``depth``
        limit (`depth`), or amounts of
        one currency that cannot all be added exactly (they would need more
        than 28 significant digits, as ``1E-26`` beside ``3 000 000`` does).

    Examples
    --------
    >>> b = Budget("b", rows=(
    ...     BudgetRow("1", item="Admin", declared_total=Money(300)),
    ...     BudgetRow("1.a", "1", item="Bank", quantity=Decimal(3), unit_price=Money(100)),
    ... ))
    >>> b.children("1")[0].code, b.computed("1")
    ('1.a', Money(amount=Decimal('300.00'), currency='KZT'))
    >>> Budget("b", rows=(BudgetRow("1.a", "1"),))
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: rows[0].parent: unknown code '1' (row '1.a')
    >>> Budget("b", rows=(
    ...     BudgetRow("1", quantity=Decimal("1E-30"), unit_price=Money(10_000)),
    ...     BudgetRow("2", quantity=Decimal(1), unit_price=Money(3_000_000)),
    ... ))
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: rows[0]: its total (quantity × unit price), 0.00000000000000000000000001 KZT, cannot be added exactly to the budget's other amounts (the largest 3000000.00 KZT): the sum needs 33 significant digits, and an amount holds at most 28; round the quantity or the unit price

    See Also
    --------
    BudgetRow : one row.
    civicgrants.budget.audit : every arithmetic and consistency problem, as findings.
    civicgrants.io.budget_csv.read_budget_csv : read one from CSV.
    """

    id: str = attrs.field(validator=[type_check(str, "a string"), _CODE], metadata=_CODE_SCHEMA)
    rows: tuple[BudgetRow, ...] = many(BudgetRow, unique=False)
    currency: str = attrs.field(
        default="KZT", validator=check_currency, metadata={CURRENCY_CODE: True}
    )
    title: str | None = text_field(optional=True)
    form: BudgetForm | None = choice(BudgetForm, optional=True)
    layout: tuple[str, ...] = many(
        str, schema={"items": {"type": "string", "enum": list(COLUMNS)}, "uniqueItems": True}
    )
    """The column order the budget was read with, so a writer gives it back unchanged."""
    _index: dict[str, int] = attrs.field(init=False, repr=False, eq=False)
    _has_total: bool = attrs.field(init=False, repr=False, eq=False)
    _kids: dict[str | None, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)
    _totals: dict[str, Money | None] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        problems = list(self._problems())
        if problems:
            raise ValidationError(problems)
        index = {r.code: i for i, r in enumerate(self.rows)}
        has_total = TOTAL in index and self.rows[index[TOTAL]].parent is None
        kids: dict[str | None, list[str]] = {}
        for r in self.rows:
            parent = r.parent if r.parent is not None or not has_total or r.code == TOTAL else TOTAL
            kids.setdefault(parent, []).append(r.code)
        object.__setattr__(self, "_has_total", has_total)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_kids", {k: tuple(v) for k, v in kids.items()})
        object.__setattr__(self, "_totals", {})
        self._check_tree()
        self._check_amounts()

    def _problems(self) -> Iterator[Problem]:
        seen: dict[str, int] = {}
        for i, r in enumerate(self.rows):
            if r.code in seen:
                yield Problem(f"rows[{i}].code", f"duplicates rows[{seen[r.code]}] ({r.code!r})")
            seen.setdefault(r.code, i)
        for i, r in enumerate(self.rows):
            if r.parent is not None and r.parent not in seen:
                yield Problem(f"rows[{i}].parent", f"unknown code {r.parent!r} (row {r.code!r})")
            if r.parent is not None and r.parent in seen and self.rows[seen[r.parent]].is_line:
                yield Problem(
                    f"rows[{i}].parent",
                    f"{r.parent!r} is a line (it has a quantity or unit price); only groups have children",
                )
        known, listed = set(COLUMNS), set()
        for i, name in enumerate(self.layout):
            if name not in known:
                yield Problem(
                    f"layout[{i}]", f"unknown column {name!r}; known: {', '.join(COLUMNS)}"
                )
            elif name in listed:
                yield Problem(f"layout[{i}]", f"{name!r} is listed twice")
            listed.add(name)
        has_total = TOTAL in seen
        if has_total and self.rows[seen[TOTAL]].parent is not None:
            yield Problem(f"rows[{seen[TOTAL]}].parent", "the TOTAL row must be at the top level")
        if has_total and self.rows[seen[TOTAL]].is_line and len(self.rows) > 1:
            yield Problem(
                f"rows[{seen[TOTAL]}]",
                "the TOTAL row is the grand total of the other top-level rows, so it must be a "
                "group (no quantity or unit price)",
            )

    def _check_tree(self) -> None:
        """Parent chains end at the top (no cycle) within the depth limit; one walk, no recursion."""
        limit = get_limits().depth
        level: dict[str, int] = {}
        too_deep: list[Problem] = []
        for r in self.rows:
            chain: list[str] = []
            on_chain: set[str] = set()
            code: str | None = r.code
            while code is not None and code not in level:
                if code in on_chain:
                    raise ValidationError(
                        [
                            Problem(
                                f"rows[{self._index[code]}].parent",
                                f"row {code!r} is its own ancestor",
                            )
                        ]
                    )
                chain.append(code)
                on_chain.add(code)
                code = self.parent_of(self.rows[self._index[code]])
            base = 0 if code is None else level[code]
            for c in reversed(chain):
                base += 1
                level[c] = base
                if base == limit + 1:
                    too_deep.append(
                        Problem(
                            f"rows[{self._index[c]}].parent",
                            f"row {c!r} is nested {base} levels deep, deeper than {limit} (the "
                            "depth limit; raise it with --limit depth=N or use_limits(depth=N))",
                        )
                    )
        if too_deep:
            raise ValidationError(sorted(too_deep, key=lambda p: self._index_of(p.path)))

    def _index_of(self, path: str) -> int:
        return int(path[len("rows[") : path.index("]")])

    def _check_amounts(self) -> None:
        """Every amount of one currency, all added together, must be an exact amount.

        Then any sum or difference of some of them (a subtotal, a gap, a split) is
        exact as well: its magnitude is at most the whole sum's, and its finest
        digit no finer than theirs.
        """
        found: dict[str, list[tuple[Decimal, int, str]]] = {}
        for i, r in enumerate(self.rows):
            labelled: list[tuple[Money | None, str]] = [
                (r.unit_price, "unit_price"),
                (r.computed_total, ""),
                (r.declared_total, "declared_total"),
                *((f.amount, f"funding.{f.source.value}") for f in r.funding),
            ]
            for value, field in labelled:
                if value is not None and value.amount:
                    found.setdefault(value.currency, []).append((value.amount, i, field))
        with localcontext(EXACT):
            for currency, amounts in found.items():
                whole = sum((abs(a) for a, _, _ in amounts), Decimal(0))
                finest = min(amounts, key=lambda x: _exponent(x[0]))
                minor = minor_digits(currency)
                decimals = max(-_exponent(finest[0]), minor)
                needed = max(whole.adjusted(), 0) + decimals + 1
                if needed <= MAX_DIGITS:
                    continue
                if decimals > minor:  # a fine fraction beside large amounts
                    culprit = finest
                else:  # plain size
                    culprit = max(amounts, key=lambda x: (abs(x[0]), -x[1]))
                amount, i, field = culprit
                what = (
                    f"{amount:f} {currency}"
                    if field
                    else (f"its total (quantity × unit price), {amount:f} {currency},")
                )
                if decimals > minor:
                    largest = max(abs(a) for a, _, _ in amounts)
                    why = (
                        f"{what} cannot be added exactly to the budget's other amounts (the "
                        f"largest {largest:f} {currency}): the sum needs {needed} significant "
                        f"digits, and an amount holds at most {MAX_DIGITS}; round "
                        + ("the quantity or the unit price" if not field else "it")
                    )
                else:
                    why = (
                        f"{what} cannot be added exactly to the budget's other amounts: their "
                        f"sum, {whole:.6E} {currency}, needs {needed} significant digits, and an "
                        f"amount holds at most {MAX_DIGITS}"
                    )
                path = f"rows[{i}]" + (f".{field}" if field else "")
                raise ValidationError([Problem(path, why)])

    # -- structure ------------------------------------------------------------
    def parent_of(self, row: BudgetRow) -> str | None:
        """The row's parent code, with the TOTAL rule applied.

        Parameters
        ----------
        row : BudgetRow
            A row of this budget.

        Returns
        -------
        str or None
            ``row.parent``; for a top-level row, ``"TOTAL"`` when the budget
            has a grand-total row (and the row is not it), else ``None``.

        Examples
        --------
        >>> b = Budget("b", rows=(BudgetRow("TOTAL"), BudgetRow("1"), BudgetRow("1.a", "1")))
        >>> b.parent_of(b.row("1")), b.parent_of(b.row("1.a")), b.parent_of(b.row("TOTAL"))
        ('TOTAL', '1', None)

        See Also
        --------
        Budget.path : every ancestor, from the top.
        """
        if row.parent is not None:
            return row.parent
        return TOTAL if self._has_total and row.code != TOTAL else None

    def row(self, code: str) -> BudgetRow:
        """The row with this code.

        Parameters
        ----------
        code : str
            A row code.

        Returns
        -------
        BudgetRow
            The row.

        Raises
        ------
        KeyError
            No row has this code.

        Examples
        --------
        >>> b = Budget("b", rows=(BudgetRow("1", item="Admin"),))
        >>> b.row("1").item
        'Admin'
        >>> b.row("2")
        Traceback (most recent call last):
        ...
        KeyError: "no row with code '2'"

        See Also
        --------
        Budget.position : the row's index.
        """
        try:
            return self.rows[self._index[code]]
        except KeyError:
            raise KeyError(f"no row with code {code!r}") from None

    def position(self, code: str) -> int:
        """The row's index in ``rows`` (−1 for anything that is not a row code).

        Parameters
        ----------
        code : str
            A row code, or any other text.

        Returns
        -------
        int
            The index, or −1.

        Examples
        --------
        >>> b = Budget("b", rows=(BudgetRow("1"), BudgetRow("2")))
        >>> b.position("2"), b.position("budget")
        (1, -1)

        See Also
        --------
        Budget.row : the row itself.
        """
        return self._index.get(code, -1)

    def child_codes(self, code: str | None) -> tuple[str, ...]:
        """Codes of the rows directly under ``code`` (``None``: the top level).

        Parameters
        ----------
        code : str or None
            A group's code, or ``None`` for the top level.

        Returns
        -------
        tuple of str
            The children's codes in document order; empty for a line or an
            unknown code.

        Examples
        --------
        >>> b = Budget("b", rows=(BudgetRow("1"), BudgetRow("1.a", "1"), BudgetRow("2")))
        >>> b.child_codes(None), b.child_codes("1")
        (('1', '2'), ('1.a',))

        See Also
        --------
        Budget.children : the rows themselves.
        """
        return self._kids.get(code, ())

    def children(self, code: str | None) -> tuple[BudgetRow, ...]:
        """Rows directly under ``code`` (``None``: the top level).

        Parameters
        ----------
        code : str or None
            A group's code, or ``None`` for the top level.

        Returns
        -------
        tuple of BudgetRow
            The children in document order; empty for a line or an unknown code.

        Examples
        --------
        >>> b = Budget("b", rows=(BudgetRow("1"), BudgetRow("1.a", "1", item="Bank")))
        >>> [r.item for r in b.children("1")]
        ['Bank']

        See Also
        --------
        Budget.child_codes : only their codes.
        Budget.parent_of : the other way up.
        """
        return tuple(self.rows[self._index[c]] for c in self._kids.get(code, ()))

    @property
    def lines(self) -> tuple[BudgetRow, ...]:
        """Every line of the budget (rows with a quantity or unit price), in document order.

        Returns
        -------
        tuple of BudgetRow
            The lines; groups left out.

        Examples
        --------
        >>> b = Budget("b", rows=(BudgetRow("1"), BudgetRow("1.a", "1", quantity=Decimal(1))))
        >>> [r.code for r in b.lines]
        ['1.a']

        See Also
        --------
        BudgetRow.is_line : what makes a row a line.
        """
        return tuple(r for r in self.rows if r.is_line)

    def path(self, code: str) -> tuple[str, ...]:
        """Codes from the top down to ``code``.

        Parameters
        ----------
        code : str
            A row code.

        Returns
        -------
        tuple of str
            The ancestors' codes from the top level, then ``code`` itself.

        Raises
        ------
        KeyError
            No row has this code.

        Examples
        --------
        >>> b = Budget("b", rows=(BudgetRow("1"), BudgetRow("1.1", "1"), BudgetRow("1.1.a", "1.1")))
        >>> b.path("1.1.a")
        ('1', '1.1', '1.1.a')

        See Also
        --------
        Budget.parent_of : one step up.
        """
        chain = [code]
        parent = self.parent_of(self.row(code))
        while parent is not None:
            chain.append(parent)
            parent = self.parent_of(self.row(parent))
        return tuple(reversed(chain))

    # -- totals ---------------------------------------------------------------
    def computed(self, code: str) -> Money | None:
        """A line's quantity × price × periods; a group's sum of its children's computed totals.

        ``None`` when some part cannot be computed (an unreadable or foreign-currency value).
        A group without children counts as its declared total, or zero when it prints
        none (but ``None`` when the one it prints could not be read).

        Parameters
        ----------
        code : str
            A row code.

        Returns
        -------
        Money or None
            The computed total, exactly.

        Raises
        ------
        KeyError
            No row has this code.

        Examples
        --------
        >>> from civicgrants.datasets import seed_001_budget
        >>> b = seed_001_budget()
        >>> print(b.computed("TOTAL"))  # a block of 160 000 left out of the printed total
        32051320.00 KZT
        >>> print(b.row("TOTAL").declared_total)
        31891320.00 KZT

        See Also
        --------
        Budget.stated : the printed total, when there is one.
        Budget.total : the grand total.
        """
        self.row(code)  # KeyError for an unknown code
        totals = self._totals
        if code in totals:
            return totals[code]
        stack: list[tuple[str, bool]] = [(code, False)]
        while stack:  # children first, without recursion: nesting may be deep
            current, ready = stack.pop()
            if current in totals:
                continue
            row = self.rows[self._index[current]]
            kids = self._kids.get(current, ())
            if row.is_line or not kids:
                totals[current] = self._own_total(row)
            elif not ready:
                stack.append((current, True))
                stack.extend((k, False) for k in kids if k not in totals)
            else:
                parts = [totals[k] for k in kids]
                totals[current] = (
                    None
                    if any(p is None for p in parts)
                    else Money.sum([p for p in parts if p is not None], currency=self.currency)
                )
        return totals[code]

    def _own_total(self, row: BudgetRow) -> Money | None:
        """A line's computed total, or a childless group's declared one (zero if none)."""
        if row.is_line:
            total = row.computed_total
            return total if total is not None and total.currency == self.currency else None
        if row.declared_total is None:  # an empty row of the form, unless its total is unreadable
            unreadable = any(c.column == "declared_total" for c in row.invalid)
            return None if unreadable else Money.zero(self.currency)
        return row.declared_total if _same(row.declared_total, self.currency) else None

    def stated(self, code: str) -> Money | None:
        """The declared total if printed (in the budget's currency), else the computed one.

        Parameters
        ----------
        code : str
            A row code.

        Returns
        -------
        Money or None
            The stated total; ``None`` when it is neither printed nor computable.

        Raises
        ------
        KeyError
            No row has this code.

        Examples
        --------
        >>> b = Budget("b", rows=(
        ...     BudgetRow("1", declared_total=Money(250)),
        ...     BudgetRow("1.a", "1", quantity=Decimal(2), unit_price=Money(100)),
        ... ))
        >>> print(b.stated("1"))
        250.00 KZT
        >>> print(b.stated("1.a"))
        200.00 KZT

        See Also
        --------
        Budget.computed : the total from the lines.
        """
        row = self.row(code)
        if row.declared_total is not None and _same(row.declared_total, self.currency):
            return row.declared_total
        return self.computed(code)

    def total(self) -> Money | None:
        """The budget's computed grand total.

        Returns
        -------
        Money or None
            The sum of the top-level rows' computed totals; ``None`` when one
            cannot be computed.

        Examples
        --------
        >>> from civicgrants.datasets import seed_001_budget
        >>> print(seed_001_budget().total())
        32051320.00 KZT

        See Also
        --------
        Budget.computed : the computed total of one row.
        civicgrants.budget.summarise : totals by section and by source.
        """
        parts = [self.computed(r.code) for r in self.children(None)]
        if any(p is None for p in parts):
            return None
        return Money.sum([p for p in parts if p is not None], currency=self.currency)

    FRAME_COLUMNS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("code", "str"),
        ("parent", "str"),
        ("item", "str"),
        ("unit", "str"),
        ("quantity", "number"),
        ("unit_price", "money"),
        ("periods", "int"),
        ("total", "money"),
        ("line", "bool"),
    )
    """The columns of `to_frame()`: (name, kind) pairs (see `civicgrants.model.display`)."""

    def to_frame(self, exact: bool = False) -> Any:
        """The budget's rows as a pandas DataFrame, one row each (the ``frames`` extra).

        Columns (`FRAME_COLUMNS`): ``code``, ``parent``, ``item``, ``unit``
        (strings); ``quantity`` (``float64``); ``unit_price`` and ``total``
        (the computed total, else the declared one) in tenge, ``float64``;
        ``periods`` (``int64``); ``line`` (``bool``: a line, not a section).
        With ``exact=True`` numbers and amounts are exact ``Decimal`` objects.

        Parameters
        ----------
        exact : bool, optional
            Numbers as exact ``Decimal`` objects instead of floats.

        Returns
        -------
        pandas.DataFrame
            One row per budget row, in order.

        Raises
        ------
        civicgrants.errors.MissingExtra
            pandas is not installed.

        Examples
        --------
        >>> from civicgrants.datasets import seed_001_budget
        >>> df = seed_001_budget().to_frame()
        >>> str(df["total"].dtype), df["line"].dtype.name
        ('float64', 'bool')
        """
        return frame(
            self.FRAME_COLUMNS,
            (
                (
                    r.code,
                    r.parent,
                    r.item,
                    r.unit,
                    r.quantity,
                    r.unit_price,
                    r.periods,
                    self.computed(r.code) or r.declared_total,
                    r.is_line,
                )
                for r in self.rows
            ),
            exact=exact,
        )


def _same(value: Money | None, currency: str) -> bool:
    return value is not None and value.currency == currency


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # amounts are finite
    return exponent
