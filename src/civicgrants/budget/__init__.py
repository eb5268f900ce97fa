"""Budgets, co-financing and in-kind contributions: exact arithmetic and audits.

Computation only: the text and JSON of `BudgetCheck` and `Summary`
live in `civicgrants.io.views.budget`.
"""

from civicgrants.budget.audit import BudgetCheck, audit, check
from civicgrants.budget.execution import (
    Actual,
    Execution,
    ExecutionLine,
    Reallocation,
    Transfer,
    allocate_total,
    execute,
    planned_split,
    reallocate,
)
from civicgrants.budget.inkind import (
    UNITS,
    Rate,
    RateCard,
    Valued,
    double_counted,
    value_contribution,
    value_goods,
    value_labour,
    value_rental,
)
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
from civicgrants.budget.policy import (
    PUBLIC_SPACES_2021,
    Policy,
    ShareBasis,
    Shares,
    budget_shares,
    check_policy,
)
from civicgrants.budget.summary import (
    SectionTotal,
    SourceTotal,
    Summary,
    funding_by_source,
    summarise,
)
from civicgrants.budget.templates import mini_grant_template, state_smeta_template

__all__ = [
    "PUBLIC_SPACES_2021",
    "RATES",
    "UNITS",
    "Actual",
    "Budget",
    "BudgetCheck",
    "BudgetForm",
    "BudgetRow",
    "Derived",
    "Execution",
    "ExecutionLine",
    "Funding",
    "InvalidCell",
    "PayrollRate",
    "Policy",
    "Rate",
    "RateCard",
    "Reallocation",
    "SectionTotal",
    "ShareBasis",
    "Shares",
    "Source",
    "SourceTotal",
    "Summary",
    "Transfer",
    "Valued",
    "allocate_total",
    "audit",
    "budget_shares",
    "check",
    "check_payroll",
    "check_policy",
    "double_counted",
    "execute",
    "funding_by_source",
    "mini_grant_template",
    "payroll_amount",
    "planned_split",
    "rate_for",
    "reallocate",
    "state_smeta_template",
    "summarise",
    "value_contribution",
    "value_goods",
    "value_labour",
    "value_rental",
]
