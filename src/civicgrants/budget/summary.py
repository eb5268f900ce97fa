"""Totals by section and by funding source, with shares."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import attrs

from civicgrants.budget.model import TOTAL, Budget, Source
from civicgrants.model.money import Money

__all__ = ["SectionTotal", "SourceTotal", "Summary", "funding_by_source", "summarise"]


@attrs.frozen
class SectionTotal:
    """A section's printed and computed totals and its share of the budget."""

    code: str
    item: str | None
    declared: Money | None
    computed: Money | None
    share: Decimal | None
    """Percent of the budget's stated total, rounded half-up to 0.01."""


@attrs.frozen
class SourceTotal:
    """What one funding source pays, and its share."""

    source: Source
    amount: Money
    share: Decimal | None


@attrs.frozen
class Summary:
    """A budget's totals: stated (as printed) and computed, by section and by source."""

    stated: Money | None
    computed: Money | None
    sections: tuple[SectionTotal, ...]
    sources: tuple[SourceTotal, ...]


def _percent(part: Money | None, whole: Money | None) -> Decimal | None:
    if part is None or whole is None or not whole.amount:
        return None
    return (part.amount * 100 / whole.amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def funding_by_source(budget: Budget) -> dict[Source, Money]:
    """What each source pays: on every path from the top, the first row that states a split counts.

    A group that states its split stands for everything below it (its rows are
    not added again); a group without one passes down to its children.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_budget
    >>> funding_by_source(seed_001_budget())[Source.GRANT]
    Money(amount=Decimal('31891320.00'), currency='KZT')
    """
    from civicgrants.budget.policy import ShareBasis, funding_by_source  # one home for the rule

    return {f.source: f.amount for f in funding_by_source(budget, ShareBasis.STATED)}


def summarise(budget: Budget) -> Summary:
    """Totals by section (the top-level rows, or the grand total's children) and by source.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_budget
    >>> s = summarise(seed_001_budget())
    >>> [(x.code, x.share) for x in s.sections]
    [('1', Decimal('18.60')), ('2', Decimal('5.41')), ('3', Decimal('76.00'))]
    >>> s.stated.format("ru_KZ"), s.computed.format("ru_KZ")
    ('31\\xa0891\\xa0320,00\\xa0₸', '32\\xa0051\\xa0320,00\\xa0₸')
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
    return Summary(stated, budget.total(), rows, sources)
