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
:func:`civicgrants.budget.audit` as ``invalid-value`` findings.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from decimal import Decimal

import attrs

from civicgrants.errors import Problem, ValidationError
from civicgrants.model.fields import (
    choice,
    count,
    decimal,
    many,
    matches,
    money,
    type_check,
)
from civicgrants.model.fields import text as text_field
from civicgrants.model.money import Money, check_currency

__all__ = [
    "CODE_PATTERN",
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
    """Who pays for a line. Values are the CSV column names."""

    GRANT = "grant"
    OWN = "own"
    AKIMAT = "cofinancing_akimat"
    BUSINESS = "cofinancing_business"
    RESIDENTS_CASH = "cofinancing_residents_cash"
    RESIDENTS_INKIND = "cofinancing_residents_inkind"
    OTHER = "cofinancing_other"

    @property
    def is_cofinancing(self) -> bool:
        return self.value.startswith("cofinancing_")

    @property
    def is_community(self) -> bool:
        """Counted in the programme's community contribution («вклад сообщества»)."""
        return self in (
            Source.AKIMAT,
            Source.BUSINESS,
            Source.RESIDENTS_CASH,
            Source.RESIDENTS_INKIND,
        )


class BudgetForm(enum.Enum):
    """Which budget form a budget follows."""

    MINI_GRANT = "mini_grant"
    STATE_SMETA = "state_smeta"


class Derived(enum.Enum):
    """Payroll lines: salaries, and the lines computed from them by a dated rate table."""

    SALARY = "salary"
    SOCIAL_TAX = "social_tax"
    HEALTH_INSURANCE = "health_insurance"


@attrs.frozen
class Funding:
    """The part of a row paid by one source."""

    source: Source = choice(Source)
    amount: Money = money()


@attrs.frozen
class InvalidCell:
    """A cell a reader could not read: the column, the text as found, and why."""

    column: str = text_field()
    text: str = text_field()
    reason: str = text_field()


_CODE = matches(CODE_PATTERN, "a code of letters, digits, '.', '_' or '-'")


@attrs.frozen
class BudgetRow:
    """One row of a budget: a line or a group.

    Examples
    --------
    >>> line = BudgetRow("1.1.a", parent="1.1", item="Руководитель проекта", unit="месяц",
    ...                  quantity=Decimal(9), unit_price=Money(140_000))
    >>> line.is_line, line.computed_total
    (True, Money(amount=Decimal('1260000.00'), currency='KZT'))
    """

    code: str = attrs.field(validator=[type_check(str, "a string"), _CODE])
    parent: str | None = attrs.field(default=None, validator=[type_check(str, "a string"), _CODE])
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

    @property
    def is_line(self) -> bool:
        """A line has a quantity or a unit price (or an unreadable one)."""
        return self._line

    @property
    def computed_total(self) -> Money | None:
        """quantity × unit price × periods, exactly; ``None`` unless both are known."""
        if self.quantity is None or self.unit_price is None:
            return None
        return self.unit_price * self.quantity * self.periods

    def funded(self, source: Source) -> Money | None:
        """The amount this row puts on ``source``, if the row says."""
        for f in self.funding:
            if f.source is source:
                return f.amount
        return None


@attrs.frozen
class Budget:
    """A budget: rows forming a tree by ``parent`` codes, in one currency.

    When a row with code ``TOTAL`` and no parent exists, every other top-level
    row is its child (the grand total of the form).

    Examples
    --------
    >>> b = Budget("b", rows=(
    ...     BudgetRow("1", item="Admin", declared_total=Money(300)),
    ...     BudgetRow("1.a", "1", item="Bank", quantity=Decimal(3), unit_price=Money(100)),
    ... ))
    >>> b.children("1")[0].code, b.computed("1")
    ('1.a', Money(amount=Decimal('300.00'), currency='KZT'))
    """

    id: str = attrs.field(validator=[type_check(str, "a string"), _CODE])
    rows: tuple[BudgetRow, ...] = many(BudgetRow, unique=False)
    currency: str = attrs.field(default="KZT", validator=check_currency)
    title: str | None = text_field(optional=True)
    form: BudgetForm | None = choice(BudgetForm, optional=True)
    layout: tuple[str, ...] = many(str)
    """The column order the budget was read with, so a writer gives it back unchanged."""
    _index: dict[str, int] = attrs.field(init=False, repr=False, eq=False)
    _has_total: bool = attrs.field(init=False, repr=False, eq=False)
    _kids: dict[str | None, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)

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
        self._check_tree()

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
        # Parent chains must end at the top: a cycle would make totals meaningless.
        for r in self.rows:
            hops, code = 0, r.parent
            while code is not None:
                hops += 1
                if hops > len(self.rows):
                    raise ValidationError(
                        [
                            Problem(
                                f"rows[{self._index[r.code]}].parent",
                                f"row {r.code!r} is its own ancestor",
                            )
                        ]
                    )
                code = self.rows[self._index[code]].parent
        return

    # -- structure ------------------------------------------------------------
    def parent_of(self, row: BudgetRow) -> str | None:
        """The row's parent code, with the TOTAL rule applied."""
        if row.parent is not None:
            return row.parent
        return TOTAL if self._has_total and row.code != TOTAL else None

    def row(self, code: str) -> BudgetRow:
        """The row with this code (``KeyError`` if none)."""
        try:
            return self.rows[self._index[code]]
        except KeyError:
            raise KeyError(f"no row with code {code!r}") from None

    def position(self, code: str) -> int:
        """The row's index in ``rows`` (−1 for anything that is not a row code)."""
        return self._index.get(code, -1)

    def child_codes(self, code: str | None) -> tuple[str, ...]:
        """Codes of the rows directly under ``code`` (``None``: the top level)."""
        return self._kids.get(code, ())

    def children(self, code: str | None) -> tuple[BudgetRow, ...]:
        """Rows directly under ``code`` (``None``: the top level)."""
        return tuple(self.rows[self._index[c]] for c in self._kids.get(code, ()))

    @property
    def lines(self) -> tuple[BudgetRow, ...]:
        return tuple(r for r in self.rows if r.is_line)

    def path(self, code: str) -> tuple[str, ...]:
        """Codes from the top down to ``code``."""
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
        """
        row = self.row(code)
        if row.is_line:
            total = row.computed_total
            return total if total is not None and total.currency == self.currency else None
        kids = self.children(code)
        if not kids:  # an empty row of the form, or a group given only as a total
            if row.declared_total is None:
                return Money.zero(self.currency)
            return row.declared_total if _same(row.declared_total, self.currency) else None
        parts = [self.computed(k.code) for k in kids]
        if any(p is None for p in parts):
            return None
        return Money.sum([p for p in parts if p is not None], currency=self.currency)

    def stated(self, code: str) -> Money | None:
        """The declared total if printed, else the computed one."""
        row = self.row(code)
        if row.declared_total is not None and _same(row.declared_total, self.currency):
            return row.declared_total
        return self.computed(code)

    def total(self) -> Money | None:
        """The budget's computed grand total."""
        parts = [self.computed(r.code) for r in self.children(None)]
        if any(p is None for p in parts):
            return None
        return Money.sum([p for p in parts if p is not None], currency=self.currency)


def _same(value: Money | None, currency: str) -> bool:
    return value is not None and value.currency == currency
