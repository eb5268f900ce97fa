"""Budgets, co-financing and in-kind contributions: exact arithmetic and audits."""

from civicgrants.budget.audit import audit
from civicgrants.budget.model import (
    Budget,
    BudgetForm,
    BudgetRow,
    Derived,
    Funding,
    InvalidCell,
    Source,
)
from civicgrants.budget.payroll import RATES, PayrollRate, check_payroll, payroll_amount, rate_for

__all__ = [
    "RATES",
    "Budget",
    "BudgetForm",
    "BudgetRow",
    "Derived",
    "Funding",
    "InvalidCell",
    "PayrollRate",
    "Source",
    "audit",
    "check_payroll",
    "payroll_amount",
    "rate_for",
]
