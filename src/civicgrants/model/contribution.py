"""Community contribution («вклад сообщества»): labour and in-kind help, valued in money."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import attrs

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
    """Who gave: residents, the akimat, a business, or someone else."""

    RESIDENTS = "residents"
    AKIMAT = "akimat"
    BUSINESS = "business"
    OTHER = "other"


class ContributionForm(enum.Enum):
    """Cash, or in kind (labour, materials, equipment, premises, transport)."""

    CASH = "cash"
    IN_KIND = "in_kind"


class ValuationMethod(enum.Enum):
    """How an in-kind contribution was turned into money."""

    HOURS_X_RATE = "hours_x_rate"
    MARKET_VALUE = "market_value"
    RENTAL_VALUE = "rental_value"
    DECLARED = "declared"
    NOT_STATED = "not_stated"


@attrs.frozen
class Valuation:
    """How a contribution was valued: hours × rate, market or rental value, …"""

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


@attrs.frozen
class Contribution:
    """One contribution to a project: who, cash or in kind, what, and how it was valued.

    Examples
    --------
    >>> c = Contribution("c1", ContributorKind.RESIDENTS, ContributionForm.IN_KIND,
    ...                  "painting the fence", Money(48_000),
    ...                  Valuation(ValuationMethod.HOURS_X_RATE, hours=Decimal(40), rate=Money(1200)))
    >>> c.value
    Money(amount=Decimal('48000.00'), currency='KZT')
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


@attrs.frozen
class BeneficiaryCount:
    """A count of beneficiaries as printed: «не менее 20 детей» is 20, ``AT_LEAST``."""

    group: str = text()
    count: int = _count()
    qualifier: Qualifier = choice(Qualifier, default=Qualifier.EXACT)
    source: str | None = text(optional=True)
