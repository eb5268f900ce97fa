"""Community contribution («вклад сообщества»): labour and in-kind help, valued in money."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import attrs

from civicgrants.model.display import shows
from civicgrants.model.fields import choice, date, decimal, entity, ident, money, text
from civicgrants.model.fields import count as _count
from civicgrants.model.money import Money, Qualifier

__all__ = [
    "BeneficiaryCount",
    "Contribution",
    "ContributionForm",
    "ContributorKind",
    "Valuation",
    "ValuationMethod",
]


class ContributorKind(enum.Enum):
    """Who gave: residents, the akimat, a business, or someone else.

    Examples
    --------
    >>> ContributorKind("akimat")
    <ContributorKind.AKIMAT: 'akimat'>
    >>> [k.value for k in ContributorKind]
    ['residents', 'akimat', 'business', 'other']

    See Also
    --------
    Contribution : One contribution to a project: who, cash or in kind, what, and how it was valued.
    """

    RESIDENTS = "residents"
    AKIMAT = "akimat"
    BUSINESS = "business"
    OTHER = "other"


class ContributionForm(enum.Enum):
    """Cash, or in kind (labour, materials, equipment, premises, transport).

    Examples
    --------
    >>> ContributionForm("in_kind")
    <ContributionForm.IN_KIND: 'in_kind'>
    >>> [f.value for f in ContributionForm]
    ['cash', 'in_kind']

    See Also
    --------
    Contribution : One contribution to a project: who, cash or in kind, what, and how it was valued.
    """

    CASH = "cash"
    IN_KIND = "in_kind"


class ValuationMethod(enum.Enum):
    """How an in-kind contribution was turned into money.

    ``HOURS_X_RATE`` multiplies hours by an hourly rate; ``MARKET_VALUE`` and
    ``RENTAL_VALUE`` price goods or premises; ``DECLARED`` takes the stated
    value (and is the only method for cash); ``NOT_STATED`` when the source
    does not say.

    Examples
    --------
    >>> ValuationMethod("hours_x_rate")
    <ValuationMethod.HOURS_X_RATE: 'hours_x_rate'>
    >>> [m.value for m in ValuationMethod]
    ['hours_x_rate', 'market_value', 'rental_value', 'declared', 'not_stated']

    See Also
    --------
    Valuation : How a contribution was valued.
    """

    HOURS_X_RATE = "hours_x_rate"
    MARKET_VALUE = "market_value"
    RENTAL_VALUE = "rental_value"
    DECLARED = "declared"
    NOT_STATED = "not_stated"


@shows
@attrs.frozen
class Valuation:
    """How a contribution was valued: hours × rate, market or rental value, or as declared.

    Parameters
    ----------
    method : ValuationMethod
        How the value was reached.
    hours : Decimal or None, optional
        Hours of labour (not negative); required by ``HOURS_X_RATE``.
    rate : Money or None, optional
        The hourly rate (not negative); required by ``HOURS_X_RATE``.
    as_of : datetime.date or None, optional
        The date the value refers to.
    note : str or None, optional
        Free text, e.g. where a market price was taken from.

    Raises
    ------
    ValueError
        ``HOURS_X_RATE`` without both ``hours`` and ``rate``, or a field out of range.

    Examples
    --------
    >>> Valuation(ValuationMethod.HOURS_X_RATE, hours=Decimal(40))
    Traceback (most recent call last):
    ...
    ValueError: the hours_x_rate method needs both hours and rate

    See Also
    --------
    Contribution : One contribution to a project: who, cash or in kind, what, and how it was valued.
    """

    method: ValuationMethod = choice(ValuationMethod)
    hours: Decimal | None = decimal(optional=True, minimum=0)
    rate: Money | None = money(optional=True)
    as_of: dt.date | None = date(optional=True)
    note: str | None = text(optional=True)

    def __attrs_post_init__(self) -> None:
        if self.method is ValuationMethod.HOURS_X_RATE and (
            self.hours is None or self.rate is None
        ):
            raise ValueError("the hours_x_rate method needs both hours and rate")


@shows
@attrs.frozen
class Contribution:
    """One contribution to a project: who, cash or in kind, what, and how it was valued.

    Parameters
    ----------
    id : str
        A stable id, unique within its project.
    contributor : ContributorKind
        Who gave.
    form : ContributionForm
        Cash or in kind.
    description : str
        What was given («покраска забора»).
    value : Money or None, optional
        What it is worth (not negative); with ``HOURS_X_RATE`` it must equal
        hours × rate exactly.
    valuation : Valuation or None, optional
        How it was valued; a cash contribution may only be ``DECLARED``.
    project : str or None, optional
        The project it went to.

    Raises
    ------
    ValueError
        A cash contribution valued other than ``DECLARED``, a value that is not
        hours × rate, or a field out of range.

    Examples
    --------
    >>> c = Contribution("c1", ContributorKind.RESIDENTS, ContributionForm.IN_KIND,
    ...                  "painting the fence", Money(48_000),
    ...                  Valuation(ValuationMethod.HOURS_X_RATE, hours=Decimal(40), rate=Money(1200)))
    >>> c.value
    Money(amount=Decimal('48000.00'), currency='KZT')
    >>> Contribution("c1", ContributorKind.RESIDENTS, ContributionForm.IN_KIND,
    ...              "painting the fence", Money(50_000),
    ...              Valuation(ValuationMethod.HOURS_X_RATE, hours=Decimal(40), rate=Money(1200)))
    Traceback (most recent call last):
    ...
    ValueError: value: hours × rate is 48000.00 KZT, got 50000.00 KZT

    See Also
    --------
    Valuation : How a contribution was valued.
    civicgrants.model.application.Project : A funded application.
    """

    id: str = ident()
    contributor: ContributorKind = choice(ContributorKind)
    form: ContributionForm = choice(ContributionForm)
    description: str = text()
    value: Money | None = money(optional=True)
    valuation: Valuation | None = entity(Valuation, optional=True)
    project: str | None = text(optional=True)

    def __attrs_post_init__(self) -> None:
        v = self.valuation
        if (
            self.form is ContributionForm.CASH
            and v is not None
            and v.method is not ValuationMethod.DECLARED
        ):
            raise ValueError(
                "valuation: a cash contribution is valued at face value (method 'declared')"
            )
        if v is not None and v.method is ValuationMethod.HOURS_X_RATE and self.value is not None:
            assert v.hours is not None and v.rate is not None
            expected = v.rate * v.hours
            if expected != self.value:
                raise ValueError(f"value: hours × rate is {expected}, got {self.value}")


@shows
@attrs.frozen
class BeneficiaryCount:
    """A count of beneficiaries as printed: «не менее 20 детей» is 20, ``AT_LEAST``.

    Parameters
    ----------
    group : str
        Who benefits («дети», "children").
    count : int
        The printed number (not negative).
    qualifier : Qualifier, optional
        How the number relates to the true count; ``Qualifier.EXACT`` by default.
    source : str or None, optional
        Where the number is printed.

    Examples
    --------
    >>> b = BeneficiaryCount("children", 20, Qualifier.AT_LEAST)
    >>> print(b.count, b.qualifier.value)
    20 at_least

    See Also
    --------
    civicgrants.model.application.Project : A funded application.
    """

    group: str = text()
    count: int = _count()
    qualifier: Qualifier = choice(Qualifier, default=Qualifier.EXACT)
    source: str | None = text(optional=True)
