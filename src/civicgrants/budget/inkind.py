"""In-kind contributions valued in money, and contributions counted twice.

The brochure counts as community contribution («вклад сообщества») residents'
unpaid labour and the akimat's and businesses' premises, transport and
materials (seed 000, §2.6), but says nothing of how labour is priced. This
module makes the valuation explicit and dated:

* labour: hours × a rate per kind of work (``unit="hour"``);
* goods and materials: quantity × market price (``unit="item"``);
* equipment, transport and premises: periods × rental rate (``unit="day"`` or
  ``"month"``).

Rates live in a `RateCard` of dated `Rate` entries, each with its
source, so a valuation can be re-checked. No rate card ships with the library:
the sources print none.

Values are exact (``12.5 h × 1 250,00`` is ``15 625,00``): a value is never
rounded here, so `Contribution` can check that it is
hours × rate. Round explicitly with `Money.rounded()` if needed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

import attrs

from civicgrants.budget.text import normal, plain
from civicgrants.model.contribution import (
    Contribution,
    Valuation,
    ValuationMethod,
)
from civicgrants.model.display import shows
from civicgrants.model.fields import SCHEMA, date, many, money, text
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.money import Money, to_decimal

__all__ = [
    "UNITS",
    "Rate",
    "RateCard",
    "Valued",
    "double_counted",
    "value_contribution",
    "value_goods",
    "value_labour",
    "value_rental",
]

UNITS = ("hour", "item", "day", "month")
"""Units a rate is quoted in: labour per hour, goods per item, rental per day or month."""

_METHOD = {
    "hour": ValuationMethod.HOURS_X_RATE,
    "item": ValuationMethod.MARKET_VALUE,
    "day": ValuationMethod.RENTAL_VALUE,
    "month": ValuationMethod.RENTAL_VALUE,
}


def _unit(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value not in UNITS:
        raise ValueError(
            f"{attr.name}: must be one of {', '.join(map(repr, UNITS))}, got {value!r}"
        )


def _unit_field() -> Any:
    return attrs.field(validator=_unit, metadata={SCHEMA: {"enum": list(UNITS)}})


def _key(kind: str) -> str:
    return " ".join(kind.casefold().split())


@shows
@attrs.frozen
class Rate:
    """A price per unit of one kind of work, good or rental, valid from ``start`` to ``end``.

    ``end`` is inclusive; ``None`` means "until further notice".

    Parameters
    ----------
    kind : str
        The kind of work, good or rental (``"painting"``, ``"sand, t"``, ``"hall"``).
    unit : str
        What the price is per: one of `UNITS`.
    price : Money
        The price of one unit.
    start : datetime.date
        The first day the rate is in force.
    end : datetime.date or None, optional
        The last day it is in force; ``None``: until further notice.
    source : str or None, optional
        Where the rate comes from (a price list, a decision).

    Raises
    ------
    ValueError
        An unknown unit, a field of the wrong type, or ``end`` before ``start``.

    Examples
    --------
    >>> r = Rate("painting", "hour", Money(1_250), dt.date(2021, 1, 1), None, "akimat price list")
    >>> r.applies(dt.date(2021, 6, 1)), r.applies(dt.date(2020, 12, 31))
    (True, False)

    See Also
    --------
    RateCard : dated rates by kind.
    """

    kind: str = text()
    unit: str = _unit_field()
    price: Money = money()
    start: dt.date = date()
    end: dt.date | None = date(optional=True)
    source: str | None = text(optional=True)

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end: must be on or after start ({self.start}), got {self.end}")

    def applies(self, on: dt.date) -> bool:
        """Whether the rate is in force on ``on``.

        Parameters
        ----------
        on : datetime.date
            The day.

        Returns
        -------
        bool
            True from ``start`` to ``end``, both inclusive.

        Examples
        --------
        >>> r = Rate("hall", "day", Money(30_000), dt.date(2021, 1, 1), dt.date(2021, 12, 31))
        >>> r.applies(dt.date(2021, 12, 31)), r.applies(dt.date(2022, 1, 1))
        (True, False)

        See Also
        --------
        RateCard.rate_for : the rate of a kind in force on a day.
        """
        return self.start <= on and (self.end is None or on <= self.end)


@shows
@attrs.frozen
class RateCard:
    """Dated rates by kind; kinds match case-insensitively, ignoring extra spaces.

    Two rates of one kind and unit may not be in force on the same day.

    Parameters
    ----------
    rates : tuple of Rate
        The rates.
    name : str or None, optional
        The card's name, shown in errors.

    Raises
    ------
    ValueError
        Two rates of one kind and unit overlap in time.

    Examples
    --------
    >>> card = RateCard((
    ...     Rate("painting", "hour", Money(1_000), dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
    ...     Rate("painting", "hour", Money(1_250), dt.date(2021, 1, 1), None),
    ... ), name="Fort-Shevchenko 2021")
    >>> card.rate_for("Painting", dt.date(2021, 5, 3)).price
    Money(amount=Decimal('1250.00'), currency='KZT')
    >>> card.rate_for("painting", dt.date(2019, 5, 3))
    Traceback (most recent call last):
    ...
    LookupError: no rate for 'painting' on 2019-05-03 in the rate card Fort-Shevchenko 2021

    See Also
    --------
    Rate : one dated rate.
    value_contribution : values a contribution with a card.
    """

    rates: tuple[Rate, ...] = many(Rate)
    name: str | None = text(optional=True)

    def __attrs_post_init__(self) -> None:
        for i, a in enumerate(self.rates):
            for j in range(i):
                b = self.rates[j]
                if _key(a.kind) == _key(b.kind) and a.unit == b.unit and _overlap(a, b):
                    raise ValueError(
                        f"rates[{i}]: {a.kind!r} per {a.unit} overlaps rates[{j}] "
                        f"({b.start} to {b.end or 'open'}); one rate per day, please"
                    )

    def rate_for(self, kind: str, on: dt.date, unit: str | None = None) -> Rate:
        """The rate of ``kind`` in force ``on`` (in ``unit``, if given).

        Parameters
        ----------
        kind : str
            The kind, matched case-insensitively and ignoring extra spaces.
        on : datetime.date
            The day.
        unit : str or None, optional
            One of `UNITS`; ``None`` accepts any.

        Returns
        -------
        Rate
            The one rate in force.

        Raises
        ------
        LookupError
            When no rate applies, or ``unit`` is not given and rates in two
            units apply (a day rate and a month rate for the same hall).

        Examples
        --------
        >>> card = RateCard((
        ...     Rate("hall", "day", Money(30_000), dt.date(2021, 1, 1), None),
        ...     Rate("hall", "month", Money(400_000), dt.date(2021, 1, 1), None),
        ... ))
        >>> card.rate_for(" HALL ", dt.date(2021, 6, 1), "month").price.amount
        Decimal('400000.00')
        >>> card.rate_for("hall", dt.date(2021, 6, 1))
        Traceback (most recent call last):
        ...
        LookupError: rates for 'hall' on 2021-06-01 in several units (day, month); say which unit

        See Also
        --------
        Rate.applies : whether one rate is in force.
        """
        found = [
            r
            for r in self.rates
            if _key(r.kind) == _key(kind) and r.applies(on) and (unit is None or r.unit == unit)
        ]
        where = f" in the rate card {self.name}" if self.name else ""
        per = f" per {unit}" if unit else ""
        if not found:
            raise LookupError(f"no rate for {kind!r}{per} on {on.isoformat()}{where}")
        if len(found) > 1:
            units = ", ".join(r.unit for r in found)
            raise LookupError(
                f"rates for {kind!r} on {on.isoformat()} in several units ({units}){where}; "
                "say which unit"
            )
        return found[0]


def _overlap(a: Rate, b: Rate) -> bool:
    a_end = a.end or dt.date.max
    b_end = b.end or dt.date.max
    return a.start <= b_end and b.start <= a_end


class Valued(NamedTuple):
    """A valuation and the value it gives; unpack it: ``valuation, value = ...``.

    Attributes
    ----------
    valuation : Valuation
        How the value was reached (method, rate, date and a note naming the rate's source).
    value : Money
        The value, exact (never rounded).

    Examples
    --------
    >>> card = RateCard((Rate("painting", "hour", Money(1_250), dt.date(2021, 1, 1), None),))
    >>> valuation, value = value_labour(card, "painting", 8, on=dt.date(2021, 6, 1))
    >>> print(value, "|", valuation.note)
    10000.00 KZT | painting: 8 hour × 1250.00 KZT

    See Also
    --------
    value_contribution : returns one.
    civicgrants.model.Contribution : takes the valuation and the value.
    """

    valuation: Valuation
    value: Money


def _value(
    card: RateCard,
    kind: str,
    amount: object,
    on: dt.date,
    units: Sequence[str],
    unit: str | None,
) -> Valued:
    quantity = to_decimal(amount, "quantity")
    if quantity < 0:
        raise ValueError(f"quantity: must be >= 0, got {quantity}")
    if unit is not None and unit not in units:
        raise ValueError(f"unit: must be one of {', '.join(map(repr, units))}, got {unit!r}")
    if unit is None and len(units) == 1:
        unit = units[0]
    rate = card.rate_for(kind, on, unit)
    if rate.unit not in units:
        raise LookupError(
            f"the rate for {kind!r} is per {rate.unit}; expected one per {' or '.join(units)}"
        )
    value = rate.price * quantity
    method = _METHOD[rate.unit]
    note = f"{kind}: {quantity} {rate.unit} × {rate.price}"
    if rate.source:
        note += f" ({rate.source})"
    if method is ValuationMethod.HOURS_X_RATE:
        valuation = Valuation(method, hours=quantity, rate=rate.price, as_of=on, note=note)
    else:
        valuation = Valuation(method, rate=rate.price, as_of=on, note=note)
    return Valued(valuation, value)


def value_labour(card: RateCard, kind: str, hours: int | str | Decimal, *, on: dt.date) -> Valued:
    """Unpaid labour valued as hours × the hourly rate of its kind of work.

    Parameters
    ----------
    card : RateCard
        The rates.
    kind : str
        The kind of work.
    hours : int, str or Decimal
        Hours worked (not negative; a float is refused).
    on : datetime.date
        The day whose rate applies.

    Returns
    -------
    Valued
        A ``HOURS_X_RATE`` valuation and the exact value.

    Raises
    ------
    TypeError
        ``hours`` is a float, or text that is not a decimal number.
    ValueError
        ``hours`` is negative or not finite.
    LookupError
        The card has no per-hour rate of ``kind`` in force ``on``.

    Examples
    --------
    >>> card = RateCard((Rate("painting", "hour", Money(1_250), dt.date(2021, 1, 1), None),))
    >>> valuation, value = value_labour(card, "painting", Decimal("12.5"), on=dt.date(2021, 6, 1))
    >>> valuation.method.value, valuation.hours, value
    ('hours_x_rate', Decimal('12.5'), Money(amount=Decimal('15625.00'), currency='KZT'))

    See Also
    --------
    value_contribution : whichever rate the card has.
    value_goods, value_rental
    """
    return _value(card, kind, hours, on, ("hour",), None)


def value_goods(card: RateCard, kind: str, quantity: int | str | Decimal, *, on: dt.date) -> Valued:
    """Goods and materials valued at market price × quantity.

    Parameters
    ----------
    card : RateCard
        The rates.
    kind : str
        The kind of good.
    quantity : int, str or Decimal
        How many items (not negative; a float is refused).
    on : datetime.date
        The day whose price applies.

    Returns
    -------
    Valued
        A ``MARKET_VALUE`` valuation and the exact value.

    Raises
    ------
    TypeError
        ``quantity`` is a float, or text that is not a decimal number.
    ValueError
        ``quantity`` is negative or not finite.
    LookupError
        The card has no per-item rate of ``kind`` in force ``on``.

    Examples
    --------
    >>> card = RateCard((Rate("sand, t", "item", Money(4_500), dt.date(2021, 1, 1), None),))
    >>> v = value_goods(card, "sand, t", 20, on=dt.date(2021, 6, 1))
    >>> v.valuation.method.value, v.value.amount
    ('market_value', Decimal('90000.00'))

    See Also
    --------
    value_contribution : whichever rate the card has.
    value_labour, value_rental
    """
    return _value(card, kind, quantity, on, ("item",), None)


def value_rental(
    card: RateCard,
    kind: str,
    periods: int | str | Decimal,
    *,
    on: dt.date,
    unit: str | None = None,
) -> Valued:
    """Equipment, transport or premises valued at rental rate × days or months.

    ``unit`` (``"day"`` or ``"month"``) picks the rate when the card has both.

    Parameters
    ----------
    card : RateCard
        The rates.
    kind : str
        The kind of equipment, transport or premises.
    periods : int, str or Decimal
        How many days or months (not negative; a float is refused).
    on : datetime.date
        The day whose rate applies.
    unit : str or None, optional
        ``"day"`` or ``"month"``.

    Returns
    -------
    Valued
        A ``RENTAL_VALUE`` valuation and the exact value.

    Raises
    ------
    TypeError
        ``periods`` is a float, or text that is not a decimal number.
    ValueError
        ``periods`` is negative or not finite, or ``unit`` is neither
        ``"day"`` nor ``"month"``.
    LookupError
        The card has no day or month rate of ``kind`` in force ``on``, or has
        both and ``unit`` is not given.

    Examples
    --------
    >>> card = RateCard((Rate("hall", "day", Money(30_000), dt.date(2021, 1, 1), None),))
    >>> v = value_rental(card, "hall", 2, on=dt.date(2021, 6, 1))
    >>> v.valuation.method.value, v.value.amount
    ('rental_value', Decimal('60000.00'))

    See Also
    --------
    value_contribution : whichever rate the card has.
    value_labour, value_goods
    """
    return _value(card, kind, periods, on, ("day", "month"), unit)


def value_contribution(
    card: RateCard,
    kind: str,
    quantity: int | str | Decimal,
    *,
    on: dt.date,
    unit: str | None = None,
) -> Valued:
    """Value ``quantity`` of ``kind`` by whichever rate the card has: hours, items or rental.

    The method follows the rate's unit: ``hour`` → hours × rate, ``item`` →
    market value, ``day``/``month`` → rental value.

    Parameters
    ----------
    card : RateCard
        The rates.
    kind : str
        The kind of work, good or rental.
    quantity : int, str or Decimal
        Hours, items, days or months, in the rate's unit (not negative).
    on : datetime.date
        The day whose rate applies.
    unit : str or None, optional
        One of `UNITS`, when the card has rates of ``kind`` in several.

    Returns
    -------
    Valued
        The valuation, by the method of the rate's unit, and the exact value.

    Raises
    ------
    TypeError
        ``quantity`` is a float, or text that is not a decimal number.
    ValueError
        ``quantity`` is negative or not finite, or ``unit`` is not one of `UNITS`.
    LookupError
        The card has no rate of ``kind`` in force ``on``, or rates in several
        units and ``unit`` is not given.

    Examples
    --------
    >>> card = RateCard((
    ...     Rate("digging", "hour", Money(1_000), dt.date(2021, 1, 1), None),
    ...     Rate("truck", "day", Money(25_000), dt.date(2021, 1, 1), None),
    ... ))
    >>> [value_contribution(card, k, 3, on=dt.date(2021, 6, 1)).valuation.method.value
    ...  for k in ("digging", "truck")]
    ['hours_x_rate', 'rental_value']

    See Also
    --------
    value_labour, value_goods, value_rental : one method each.
    double_counted : contributions counted twice.
    """
    return _value(card, kind, quantity, on, UNITS, unit)


# -- double counting ------------------------------------------------------------


def _same_key(c: Contribution) -> tuple[str, str, Money] | None:
    if c.value is None:
        return None
    return (c.contributor.value, normal(c.description), c.value)


def double_counted(
    contributions_by_project: Mapping[str, Sequence[Contribution]],
) -> tuple[Finding, ...]:
    """Contributions counted twice: in two projects, or as both cash and in kind.

    *The same contribution* means: the same kind of contributor, the same
    description (compared case-insensitively, ignoring punctuation and extra
    spaces) and the same value. A contribution without a value is never
    matched. Ids are not compared for sameness (they may be local to a
    project), but they set the severity:

    * the same contribution in two projects, or once as cash and once in kind
      (in one project or two), is a ``double-counted-contribution`` finding;
    * it is an **error** when both records also share their id (one record
      copied), and a **warning** otherwise (the match is by content: check it);
    * the same record (same id) listed twice in one project is an error too;
    * two records with different ids, the same form and the same content in
      *one* project are not reported: two residents may each give 40 hours.

    Each repeat is reported once, paired with the earlier occurrence it
    conflicts with for the fewest reasons (the first such, in the mapping's
    order). The project is the mapping key (``Contribution.project``
    is not consulted).

    Parameters
    ----------
    contributions_by_project : mapping of str to sequence of Contribution
        Project id → the contributions counted in it.

    Returns
    -------
    tuple of Finding
        Located at ``"<project>/<contribution id>"`` of the repeat.

    Examples
    --------
    >>> from civicgrants.model import ContributionForm, ContributorKind
    >>> paint = Contribution("c1", ContributorKind.BUSINESS, ContributionForm.IN_KIND,
    ...                      "Краска для забора", Money(60_000))
    >>> cash = Contribution("c2", ContributorKind.BUSINESS, ContributionForm.CASH,
    ...                     "краска для забора.", Money(60_000))
    >>> [(f.location, f.severity.value, f.numbers["reasons"])
    ...  for f in double_counted({"II-MO-04": [paint], "II-MO-05": [paint, cash]})]
    [('II-MO-05/c1', 'error', ['two-projects']), ('II-MO-05/c2', 'warning', ['cash-and-in-kind'])]

    See Also
    --------
    value_contribution : values a contribution.
    civicgrants.budget.text.normal : how descriptions are compared.
    civicgrants.budget.audit : the budget's own findings.
    """
    seen: dict[tuple[str, str, Money], list[tuple[str, Contribution]]] = {}
    findings: list[Finding] = []
    for project, items in contributions_by_project.items():
        for c in items:
            key = _same_key(c)
            if key is None:
                continue
            earlier = seen.setdefault(key, [])
            conflicts = [
                (reasons, first_project, first)
                for first_project, first in earlier
                if (reasons := _reasons(first_project, first, project, c))
            ]
            if conflicts:
                # the nearest conflict: fewest reasons, then the earliest
                reasons, first_project, first = min(conflicts, key=lambda x: len(x[0]))
                findings.append(_finding(first_project, first, project, c, reasons))
            earlier.append((project, c))
    return tuple(findings)


def _reasons(first_project: str, first: Contribution, project: str, c: Contribution) -> list[str]:
    reasons = []
    if first_project != project:
        reasons.append("two-projects")
    if first.form is not c.form:
        reasons.append("cash-and-in-kind")
    if not reasons and first.id == c.id:
        reasons.append("listed-twice")
    return reasons


_WHY_RU = {
    "two-projects": "в двух проектах",
    "cash-and-in-kind": "и деньгами, и в натуральной форме",
    "listed-twice": "дважды в одном проекте",
}
_WHY_EN = {
    "two-projects": "in two projects",
    "cash-and-in-kind": "both as cash and in kind",
    "listed-twice": "twice in one project",
}


def _finding(
    first_project: str, first: Contribution, project: str, c: Contribution, reasons: list[str]
) -> Finding:
    assert c.value is not None
    severity = Severity.ERROR if first.id == c.id else Severity.WARNING
    why_ru = "; ".join(_WHY_RU[r] for r in reasons)
    why_en = "; ".join(_WHY_EN[r] for r in reasons)
    return Finding(
        "double-counted-contribution",
        severity,
        f"{project}/{c.id}",
        {
            "reasons": reasons,
            "first_project": first_project,
            "first": first.id,
            "second_project": project,
            "second": c.id,
            "contributor": c.contributor.value,
            "value": c.value.amount,
        },
        f"Вклад «{c.description}» ({plain(c.value.amount)}) учтён дважды: {why_ru} "
        f"({first_project}/{first.id} и {project}/{c.id})",
        f"contribution {c.description!r} ({plain(c.value.amount)}) is counted twice: {why_en} "
        f"({first_project}/{first.id} and {project}/{c.id})",
    )
