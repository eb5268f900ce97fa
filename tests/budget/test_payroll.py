"""Payroll-derived lines: exact products, and salaries the payroll cannot add."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from civicgrants.budget import Budget, BudgetRow, Derived
from civicgrants.budget.payroll import check_payroll
from civicgrants.model.money import Money


def test_a_salary_in_another_currency_is_said_not_raised() -> None:
    budget = Budget(
        "b",
        (
            BudgetRow(
                "1", quantity=Decimal(9), unit_price=Money(560_000, "EUR"), derived=Derived.SALARY
            ),
            BudgetRow(
                "2", quantity=Decimal(9), unit_price=Money(47_880), derived=Derived.SOCIAL_TAX
            ),
        ),
    )
    (finding,) = check_payroll(budget)
    assert (finding.code, finding.location, finding.numbers) == (
        "payroll-currency",
        "1",
        {"salary": Decimal("560000.00"), "currency": "EUR"},
    )


def test_a_25_digit_payroll_is_multiplied_exactly_then_rounded() -> None:
    payroll = Money("1234567890123456789012345.67")
    budget = Budget(
        "b",
        (
            BudgetRow("1", quantity=Decimal(1), unit_price=payroll, derived=Derived.SALARY),
            BudgetRow(
                "2", quantity=Decimal(1), unit_price=Money(47_880), derived=Derived.SOCIAL_TAX
            ),
        ),
    )
    (finding,) = check_payroll(budget)
    rate = finding.numbers["rate"]
    exact = payroll.amount * rate  # Python's default context would round this product first
    assert finding.numbers["expected"] == exact.quantize(Decimal("0.01"), ROUND_HALF_UP)
