"""Payroll-derived lines: social tax and compulsory health insurance from salaries.

Rates are data with effective dates and sources (`RATES`), not code. The
rates that reproduce seed 001 are 8.55 % (social tax and social contributions:
9.5 % of payroll less the 10 % pension contribution) and 2 % (ОСМС, the
employer's health insurance): 47 880 and 11 200 a month on 560 000.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, Overflow, localcontext

import attrs

from civicgrants.budget.model import Budget, BudgetRow, Derived
from civicgrants.model.display import shows
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.money import Money, minor_digits

__all__ = ["RATES", "PayrollRate", "check_payroll", "payroll_amount", "rate_for"]


@shows
@attrs.frozen
class PayrollRate:
    """A rate applied to monthly payroll, valid from ``start`` to ``end`` (inclusive).

    Parameters
    ----------
    kind : Derived
        The payroll-derived line the rate gives (social tax, health insurance).
    rate : Decimal
        The fraction of the monthly payroll, e.g. ``Decimal("0.02")`` for 2 %.
    start : datetime.date
        The first day the rate is in force.
    end : datetime.date or None
        The last day it is in force; ``None``: until further notice.
    source : str
        Where the rate comes from.

    Examples
    --------
    >>> r = PayrollRate(Derived.HEALTH_INSURANCE, Decimal("0.02"), dt.date(2020, 1, 1), None, "ОСМС")
    >>> r.rate * 560_000
    Decimal('11200.00')

    See Also
    --------
    RATES : the rate table.
    rate_for : the rate in force on a date.
    """

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

    Parameters
    ----------
    kind : Derived
        The payroll-derived line (``SOCIAL_TAX`` or ``HEALTH_INSURANCE``).
    on : datetime.date or None, optional
        The day; ``None`` takes the rate that starts last.
    rates : sequence of PayrollRate, optional
        The rate table, `RATES` by default.

    Returns
    -------
    PayrollRate
        The rate in force; of several, the one that starts last.

    Raises
    ------
    LookupError
        No rate of ``kind`` is in force ``on`` (or the table has none at all).

    Examples
    --------
    >>> rate_for(Derived.SOCIAL_TAX, dt.date(2021, 3, 1)).rate
    Decimal('0.0855')
    >>> rate_for(Derived.HEALTH_INSURANCE, dt.date(2019, 3, 1))
    Traceback (most recent call last):
    ...
    LookupError: no health_insurance rate on 2019-03-01 in the rate table

    See Also
    --------
    payroll_amount : a derived line's monthly amount.
    RATES : the default rate table.
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

    Parameters
    ----------
    monthly_payroll : Money
        The salaries of one month, added up.
    kind : Derived
        The payroll-derived line (``SOCIAL_TAX`` or ``HEALTH_INSURANCE``).
    on : datetime.date or None, optional
        The day whose rate applies; ``None`` takes the latest rate.

    Returns
    -------
    Money
        ``monthly_payroll`` × the rate, rounded to the currency's minor unit.

    Raises
    ------
    LookupError
        No rate of ``kind`` is in force ``on`` (from `rate_for()`).

    Examples
    --------
    >>> print(payroll_amount(Money(560_000), Derived.SOCIAL_TAX).format("ru_KZ"))
    47 880,00 ₸
    >>> payroll_amount(Money(560_000), Derived.HEALTH_INSURANCE)
    Money(amount=Decimal('11200.00'), currency='KZT')

    See Also
    --------
    rate_for : the rate used.
    check_payroll : compares a budget's derived lines with these amounts.
    """
    return _times(monthly_payroll, rate_for(kind, on).rate)


_WIDE = Context(prec=80, traps=[InvalidOperation, Overflow])
"""Room for a 28-digit payroll × a rate, so that the product is exact before it is rounded."""


def _times(payroll: Money, rate: Decimal) -> Money:
    """``payroll`` × ``rate`` rounded half up to the minor unit, with no rounding before that."""
    quantum = Decimal(1).scaleb(-minor_digits(payroll.currency))
    with localcontext(_WIDE):
        return Money((payroll.amount * rate).quantize(quantum, ROUND_HALF_UP), payroll.currency)


def _salaries(budget: Budget) -> list[BudgetRow]:
    return [r for r in budget.rows if r.derived is Derived.SALARY and r.unit_price is not None]


def check_payroll(budget: Budget, *, on: dt.date | None = None) -> tuple[Finding, ...]:
    """Findings where a payroll-derived line differs from the rate table, or its months from the salaries'.

    The monthly payroll is the sum of the unit prices of the ``SALARY`` rows.
    Each social-tax or health-insurance row's unit price must be that payroll
    × the rate in force (rounded to the tiyn), and, when every salary runs the
    same number of months, its quantity must be that number.

    Parameters
    ----------
    budget : Budget
        The budget; rows are recognised by their ``derived`` field.
    on : datetime.date or None, optional
        The day whose rates apply; ``None`` takes the latest rates.

    Returns
    -------
    tuple of Finding
        ``payroll-rate`` findings: a warning per wrong amount or month count,
        an info when no rate is in force, an error when the product has more
        digits than an amount holds; or, when a salary is in another currency
        than the budget's, only a ``payroll-currency`` warning per such salary
        (the payroll cannot be added up). Empty without salaries or derived rows.

    Examples
    --------
    >>> b = Budget("b", rows=(
    ...     BudgetRow("1", quantity=Decimal(9), unit_price=Money(560_000), derived=Derived.SALARY),
    ...     BudgetRow("2", quantity=Decimal(9), unit_price=Money(50_000), derived=Derived.SOCIAL_TAX),
    ...     BudgetRow("3", quantity=Decimal(8), unit_price=Money(11_200),
    ...               derived=Derived.HEALTH_INSURANCE),
    ... ))
    >>> for f in check_payroll(b):
    ...     print(f.location, f.message_en)
    2 row 2: 8.5500% of the monthly payroll 560000.00 KZT is 47880.00 KZT, but 50000.00 KZT is budgeted
    3 row 3: 8 months, but salaries run 9 months

    See Also
    --------
    payroll_amount : one derived amount.
    civicgrants.budget.audit : runs this check with the others.
    """
    salaries = _salaries(budget)
    derived = [
        r for r in budget.rows if r.derived in (Derived.SOCIAL_TAX, Derived.HEALTH_INSURANCE)
    ]
    if not salaries or not derived:
        return ()
    foreign = [
        r for r in salaries if r.unit_price is not None and r.unit_price.currency != budget.currency
    ]
    if foreign:  # the payroll cannot be added up: say so, and check no derived line against it
        return tuple(
            Finding(
                "payroll-currency",
                Severity.WARNING,
                r.code,
                {"salary": r.unit_price.amount, "currency": r.unit_price.currency},
                f"Строка {r.code}: оклад {r.unit_price} не в валюте сметы ({budget.currency}); "
                "фонд оплаты труда и начисления на него не проверены",
                f"row {r.code}: the salary {r.unit_price} is not in the budget's currency "
                f"({budget.currency}); the payroll and the lines derived from it are not checked",
            )
            for r in foreign
            if r.unit_price is not None
        )
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
        try:
            expected = _times(payroll, rate.rate)
        except ValueError as exc:  # more digits than an amount holds, even rounded
            findings.append(
                Finding(
                    "payroll-rate",
                    Severity.ERROR,
                    row.code,
                    {"payroll": payroll.amount, "rate": rate.rate},
                    f"Строка {row.code}: {rate.rate * 100}% от фонда оплаты труда {payroll} "
                    f"не вычислить точно ({exc})",
                    f"row {row.code}: {rate.rate * 100}% of the monthly payroll {payroll} "
                    f"cannot be computed exactly ({exc})",
                )
            )
            continue
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
