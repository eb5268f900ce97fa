"""Payroll-derived lines: social tax and compulsory health insurance from salaries.

Rates are data with effective dates and sources (:data:`RATES`), not code. The
rates that reproduce seed 001 are 8.55 % (social tax and social contributions:
9.5 % of payroll less the 10 % pension contribution) and 2 % (ОСМС, the
employer's health insurance): 47 880 and 11 200 a month on 560 000.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import attrs

from civicgrants.budget.model import Budget, BudgetRow, Derived
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.money import Money

__all__ = ["RATES", "PayrollRate", "check_payroll", "payroll_amount", "rate_for"]


@attrs.frozen
class PayrollRate:
    """A rate applied to monthly payroll, valid from ``start`` to ``end`` (inclusive)."""

    kind: Derived
    rate: Decimal
    start: dt.date
    end: dt.date | None
    source: str


RATES: tuple[PayrollRate, ...] = (
    PayrollRate(
        Derived.SOCIAL_TAX,
        Decimal("0.0855"),
        dt.date(2018, 1, 1),
        dt.date(2024, 12, 31),
        "social tax 9.5 % of payroll less the 10 % pension contribution (Tax Code of the "
        "Republic of Kazakhstan, 2018); reproduces seed 001: 47 880 on 560 000 a month",
    ),
    PayrollRate(
        Derived.HEALTH_INSURANCE,
        Decimal("0.02"),
        dt.date(2020, 1, 1),
        dt.date(2023, 12, 31),
        "employer's compulsory health insurance contribution (ОСМС) 2 % of payroll; "
        "reproduces seed 001: 11 200 on 560 000 a month",
    ),
)
"""The rate table. Only rates the seed documents evidence are listed; extend it
with later rates (and their sources) rather than editing code."""


def rate_for(
    kind: Derived, on: dt.date | None = None, rates: Sequence[PayrollRate] = RATES
) -> PayrollRate:
    """The rate of ``kind`` in force ``on`` (the latest one if ``on`` is None).

    Examples
    --------
    >>> rate_for(Derived.SOCIAL_TAX, dt.date(2021, 3, 1)).rate
    Decimal('0.0855')
    """
    found = [
        r
        for r in rates
        if r.kind is kind and (on is None or (r.start <= on and (r.end is None or on <= r.end)))
    ]
    if not found:
        when = f" on {on.isoformat()}" if on else ""
        raise LookupError(f"no {kind.value} rate{when} in the rate table")
    return max(found, key=lambda r: r.start)


def payroll_amount(monthly_payroll: Money, kind: Derived, on: dt.date | None = None) -> Money:
    """The monthly amount of a payroll-derived line, rounded to the tiyn.

    Examples
    --------
    >>> payroll_amount(Money(560_000), Derived.SOCIAL_TAX).format("ru_KZ")
    '47\\xa0880,00\\xa0₸'
    >>> payroll_amount(Money(560_000), Derived.HEALTH_INSURANCE)
    Money(amount=Decimal('11200.00'), currency='KZT')
    """
    return (monthly_payroll * rate_for(kind, on).rate).rounded()


def _salaries(budget: Budget) -> list[BudgetRow]:
    return [r for r in budget.rows if r.derived is Derived.SALARY and r.unit_price is not None]


def check_payroll(budget: Budget, *, on: dt.date | None = None) -> tuple[Finding, ...]:
    """Findings where a payroll-derived line differs from the rate table, or its months from the salaries'."""
    salaries = _salaries(budget)
    derived = [
        r for r in budget.rows if r.derived in (Derived.SOCIAL_TAX, Derived.HEALTH_INSURANCE)
    ]
    if not salaries or not derived:
        return ()
    payroll = Money.sum(
        [r.unit_price for r in salaries if r.unit_price is not None], currency=budget.currency
    )
    months = {r.quantity for r in salaries}
    findings: list[Finding] = []
    for row in derived:
        assert row.derived is not None
        try:
            rate = rate_for(row.derived, on)
        except LookupError as exc:
            findings.append(
                Finding(
                    "payroll-rate",
                    Severity.INFO,
                    row.code,
                    {"kind": row.derived.value},
                    f"Нет ставки: {exc}",
                    str(exc),
                )
            )
            continue
        expected = (payroll * rate.rate).rounded()
        if row.unit_price is not None and row.unit_price != expected:
            findings.append(
                Finding(
                    "payroll-rate",
                    Severity.WARNING,
                    row.code,
                    {
                        "payroll": payroll.amount,
                        "rate": rate.rate,
                        "expected": expected.amount,
                        "unit_price": row.unit_price.amount,
                    },
                    f"Строка {row.code}: {rate.rate * 100}% от фонда оплаты труда {payroll} = {expected}, указано {row.unit_price}",
                    f"row {row.code}: {rate.rate * 100}% of the monthly payroll {payroll} is {expected}, "
                    f"but {row.unit_price} is budgeted",
                )
            )
        if row.quantity is not None and len(months) == 1 and row.quantity not in months:
            (m,) = months
            findings.append(
                Finding(
                    "payroll-rate",
                    Severity.WARNING,
                    row.code,
                    {"months": row.quantity, "salary_months": m},
                    f"Строка {row.code}: {row.quantity} мес., а зарплата на {m} мес.",
                    f"row {row.code}: {row.quantity} months, but salaries run {m} months",
                )
            )
    return tuple(findings)
