"""Totals by section and by funding source, with shares.

A total that cannot be computed (an unreadable quantity, a price in another
currency, a line without a quantity) shows as ``None``, and the summary says why
in `Summary.not_computed`: one ``not-computed`` finding per row that
cannot be totalled, and a ``no-shares`` finding when the stated total is zero.
Silence is never success: a summary with such findings has errors, and
``civicgrants budget summary`` exits 1, as ``budget check`` does.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

import attrs

from civicgrants.budget.model import TOTAL, Budget, BudgetRow, Source
from civicgrants.model.display import frame, shows
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.money import Money
from civicgrants.model.numbers import round_half_up

__all__ = ["SectionTotal", "SourceTotal", "Summary", "funding_by_source", "summarise"]


@shows
@attrs.frozen
class SectionTotal:
    """A section's printed and computed totals and its share of the budget.

    Parameters
    ----------
    code : str
        The section's row code.
    item : str or None
        Its name (in English when the budget gives one).
    declared : Money or None
        Its total as printed.
    computed : Money or None
        Its total as computed from the lines.
    share : Decimal or None
        Percent of the budget's stated total, rounded half-up to 0.01.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_budget
    >>> s = summarise(seed_001_budget()).sections[0]
    >>> s.code, s.item, str(s.declared.amount), s.share
    ('1', 'Administrative costs', '5930720.00', Decimal('18.60'))

    See Also
    --------
    Summary.sections : where these are kept.
    SourceTotal : the same by funding source.
    """

    code: str
    item: str | None
    declared: Money | None
    computed: Money | None
    share: Decimal | None
    """Percent of the budget's stated total, rounded half-up to 0.01."""


@shows
@attrs.frozen
class SourceTotal:
    """What one funding source pays, and its share.

    Parameters
    ----------
    source : Source
        The funding source.
    amount : Money
        What it pays (counted as `funding_by_source()` does).
    share : Decimal or None
        Percent of the budget's stated total, rounded half-up to 0.01;
        ``None`` when that total is unknown or zero.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_budget
    >>> s = summarise(seed_001_budget()).sources[0]
    >>> s.source.value, str(s.amount.amount), s.share
    ('grant', '31891320.00', Decimal('100.00'))

    See Also
    --------
    Summary.sources : where these are kept.
    SectionTotal : the same by section.
    """

    source: Source
    amount: Money
    share: Decimal | None


@shows
@attrs.frozen
class Summary:
    """A budget's totals: stated (as printed) and computed, by section and by source.

    The result of ``civicgrants budget summary``; build it with `summarise()`.

    Attributes
    ----------
    stated, computed : Money or None
        The grand total as printed and as computed.
    sections : tuple of SectionTotal
        The sections' totals and shares.
    sources : tuple of SourceTotal
        What each funding source pays, and its share.
    currency : str
        The budget's currency.
    name : str or None
        What the budget is called where it came from (a file name), if known.
    not_computed : tuple of Finding
        What could not be computed, and why: a ``not-computed`` error per row
        whose total is unknown (the groups above it are unknown too), a
        ``no-shares`` error when the stated total is zero; empty when every
        figure is known.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_budget
    >>> s = summarise(seed_001_budget(), name="seed-001.csv")
    >>> s.name, len(s.sections), len(s.sources), s.not_computed, s.has_errors
    ('seed-001.csv', 3, 1, (), False)
    >>> print(s.stated, "/", s.computed)
    31891320.00 KZT / 32051320.00 KZT

    See Also
    --------
    summarise : builds it.
    civicgrants.io.views.budget.summary_text : its text.
    civicgrants.io.views.budget.summary_data : its JSON.
    """

    stated: Money | None
    computed: Money | None
    sections: tuple[SectionTotal, ...]
    sources: tuple[SourceTotal, ...]
    currency: str = "KZT"
    name: str | None = None
    not_computed: tuple[Finding, ...] = ()

    @property
    def has_errors(self) -> bool:
        """Whether some figure could not be computed (``budget summary`` then exits 1).

        Returns
        -------
        bool
            True when `not_computed` holds an error.

        Examples
        --------
        >>> from civicgrants.budget import BudgetRow
        >>> b = Budget("b", rows=(BudgetRow("1", item="Paint", unit_price=Money(100)),))
        >>> s = summarise(b)
        >>> s.computed is None, s.has_errors
        (True, True)
        >>> print(s.not_computed[0].message_en)
        row 1: its total cannot be computed: quantity is missing

        See Also
        --------
        civicgrants.budget.BudgetCheck.has_errors : the audit's counterpart.
        """
        return any(f.severity is Severity.ERROR for f in self.not_computed)

    FRAME_COLUMNS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("code", "str"),
        ("item", "str"),
        ("declared", "money"),
        ("computed", "money"),
        ("share", "number"),
    )
    """The columns of `to_frame()`: (name, kind) pairs (see `civicgrants.model.display`)."""

    def to_frame(self, exact: bool = False) -> Any:
        """The section totals as a pandas DataFrame, one row each (the ``frames`` extra).

        Columns (`FRAME_COLUMNS`): ``code``, ``item`` (strings);
        ``declared``, ``computed`` in tenge and ``share`` (of the total, 0 to
        1), ``float64``, or exact ``Decimal`` objects with ``exact=True``.

        Parameters
        ----------
        exact : bool, optional
            Amounts and shares as exact ``Decimal`` objects instead of floats.

        Returns
        -------
        pandas.DataFrame
            One row per section, in order.

        Raises
        ------
        civicgrants.errors.MissingExtra
            pandas is not installed.

        Examples
        --------
        >>> from civicgrants.budget import summarise
        >>> from civicgrants.datasets import seed_001_budget
        >>> df = summarise(seed_001_budget()).to_frame()
        >>> list(df.columns)
        ['code', 'item', 'declared', 'computed', 'share']
        """
        return frame(
            self.FRAME_COLUMNS,
            ((s.code, s.item, s.declared, s.computed, s.share) for s in self.sections),
            exact=exact,
        )


def _percent(part: Money | None, whole: Money | None) -> Decimal | None:
    """``part`` as a percent of ``whole``, exactly rounded half up to 0.01 (any magnitude)."""
    if part is None or whole is None or not whole.amount:
        return None
    return round_half_up(Fraction(part.amount) * 100 / Fraction(whole.amount), 2)


def _why(row: BudgetRow, currency: str) -> tuple[str, str, dict[str, object]] | None:
    """Why the row's own total (a line's, or a childless group's) is unknown: (en, ru, numbers)."""
    from civicgrants.budget.audit import reason_ru

    for cell in row.invalid:
        if cell.column in ("quantity", "unit_price", "periods") or (
            cell.column == "declared_total" and not row.is_line
        ):
            return (
                f"{cell.column}: {cell.reason} ({cell.text!r})",
                f"поле {cell.column}: {reason_ru(cell.reason)} («{cell.text}»)",
                {"column": cell.column, "text": cell.text},
            )
    if row.is_line:
        for column, value in (("quantity", row.quantity), ("unit_price", row.unit_price)):
            if value is None:
                return (
                    f"{column} is missing",
                    f"не указано поле {column}",
                    {"column": column},
                )
        price = row.unit_price
        if price is not None and price.currency != currency:
            return (
                f"unit_price is in {price.currency}, the budget in {currency}",
                f"поле unit_price в валюте {price.currency}, а бюджет в {currency}",
                {"column": "unit_price", "currency": price.currency},
            )
    elif row.declared_total is not None and row.declared_total.currency != currency:
        return (
            f"declared_total is in {row.declared_total.currency}, the budget in {currency}",
            f"поле declared_total в валюте {row.declared_total.currency}, а бюджет в {currency}",
            {"column": "declared_total", "currency": row.declared_total.currency},
        )
    return None


def _not_computed(budget: Budget, stated: Money | None, shown: bool) -> tuple[Finding, ...]:
    """A finding per row whose own total is unknown, and one when no share can be computed."""
    found: list[Finding] = []
    for row in budget.rows:
        if budget.computed(row.code) is not None:
            continue
        if not row.is_line and budget.child_codes(row.code):
            continue  # a group: the rows below it say why
        why = _why(row, budget.currency)
        en, ru, numbers = why or ("a part of it cannot be computed", "часть не вычисляется", {})
        found.append(
            Finding(
                "not-computed",
                Severity.ERROR,
                row.code,
                numbers,
                f"Строка {row.code}: сумма не вычисляется: {ru}",
                f"row {row.code}: its total cannot be computed: {en}",
            )
        )
    if stated is not None and not stated.amount and shown:
        found.append(
            Finding(
                "no-shares",
                Severity.ERROR,
                "shares",
                {"stated": stated.amount},
                f"Доли не вычисляются: итог бюджета равен {stated.amount}",
                f"shares cannot be computed: the budget's stated total is {stated.amount}",
            )
        )
    return tuple(found)


def funding_by_source(budget: Budget) -> dict[Source, Money]:
    """What each source pays: on every path from the top, the first row that states a split counts.

    A group that states its split stands for everything below it (its rows are
    not added again); a group without one passes down to its children.

    Parameters
    ----------
    budget : Budget
        The budget.

    Returns
    -------
    dict of Source to Money
        The amount of each source the budget states, in `Source` order;
        sources that fund nothing are left out.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_budget
    >>> funding_by_source(seed_001_budget())[Source.GRANT]
    Money(amount=Decimal('31891320.00'), currency='KZT')

    See Also
    --------
    civicgrants.budget.budget_shares : the same, computed or stated, with policy shares.
    summarise : uses it for the totals by source.
    """
    from civicgrants.budget.policy import ShareBasis, funding_by_source  # one home for the rule

    return {f.source: f.amount for f in funding_by_source(budget, ShareBasis.STATED)}


def summarise(budget: Budget, *, name: str | None = None) -> Summary:
    """Totals by section (the top-level rows, or the grand total's children) and by source.

    Parameters
    ----------
    budget : Budget
        The budget.
    name : str, optional
        What the budget is called (a file name); the text names it.

    Returns
    -------
    Summary
        The totals, with shares of the stated total rounded half up to 0.01 %;
        what could not be computed, and why, in ``not_computed``.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_budget
    >>> s = summarise(seed_001_budget())
    >>> [(x.code, x.share) for x in s.sections]
    [('1', Decimal('18.60')), ('2', Decimal('5.41')), ('3', Decimal('76.00'))]
    >>> str(s.stated.amount), str(s.computed.amount), s.currency
    ('31891320.00', '32051320.00', 'KZT')

    See Also
    --------
    funding_by_source : the amounts by source.
    civicgrants.budget.check : the audit's counterpart, ``civicgrants budget check``.
    civicgrants.io.views.budget.summary_text : how ``civicgrants budget summary`` prints it.
    """
    top = budget.children(None)
    if len(top) == 1 and top[0].code == TOTAL:
        stated = budget.stated(TOTAL)
        sections = budget.children(TOTAL)
    else:
        sections = top
        parts = [budget.stated(r.code) for r in top]
        stated = (
            None
            if any(p is None for p in parts)
            else Money.sum([p for p in parts if p is not None], currency=budget.currency)
        )
    rows = tuple(
        SectionTotal(
            r.code,
            r.item_en or r.item,
            r.declared_total,
            budget.computed(r.code),
            _percent(budget.stated(r.code), stated),
        )
        for r in sections
    )
    funding = funding_by_source(budget)
    sources = tuple(SourceTotal(s, m, _percent(m, stated)) for s, m in funding.items())
    missing = _not_computed(budget, stated, bool(rows or sources))
    return Summary(stated, budget.total(), rows, sources, budget.currency, name, missing)
