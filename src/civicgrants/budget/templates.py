"""Empty budgets of the two forms, ready to be filled (their rows are data in
:mod:`civicgrants.datasets.budget_templates`)."""

from __future__ import annotations

from collections.abc import Sequence

from civicgrants.budget.model import TOTAL, Budget, BudgetForm, BudgetRow
from civicgrants.datasets.budget_templates import (
    MINI_GRANT,
    SMETA_ACTIVITY_BLOCK,
    SMETA_ADMIN,
    SMETA_SECTIONS,
)

__all__ = ["mini_grant_template", "state_smeta_template"]


def _parent(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def state_smeta_template(activities: Sequence[str], *, budget_id: str = "smeta") -> Budget:
    """The Annex 5 cost estimate with one direct-cost block per activity.

    ``activities`` are the calendar plan's activity keys (or names); block
    ``3.n`` is tied to the n-th one, so the audit can match budget and calendar.

    Examples
    --------
    >>> b = state_smeta_template(["1", "2"])
    >>> [r.code for r in b.children("1")][:3], len(b.children("1"))
    (['1.1', '1.2', '1.3'], 9)
    >>> [r.code for r in b.children("3.2")]
    ['3.2.t', '3.2.h', '3.2.w', '3.2.r']
    """
    rows = [BudgetRow(TOTAL, item="Итого", item_en="Total")]
    rows += [BudgetRow(code, item=ru, item_en=en) for code, ru, en in SMETA_SECTIONS]
    rows += [BudgetRow(code, "1", item=ru, item_en=en) for code, ru, en in SMETA_ADMIN]
    for n, activity in enumerate(activities, start=1):
        block = f"3.{n}"
        rows.append(
            BudgetRow(
                block, "3", item=f"Мероприятие {n}", item_en=f"Activity {n}", activity=activity
            )
        )
        for suffix, ru, en in SMETA_ACTIVITY_BLOCK:
            code = f"{block}.{suffix}"
            parent = _parent(code) if "." in suffix else block
            rows.append(BudgetRow(code, parent, item=ru, item_en=en))
    return Budget(budget_id, tuple(rows), form=BudgetForm.STATE_SMETA)


def mini_grant_template(*, budget_id: str = "mini-grant") -> Budget:
    """The programme's mini-grant budget: purchases, works and the community contribution.

    Examples
    --------
    >>> [r.code for r in mini_grant_template().children("3")]
    ['3.1', '3.2', '3.3']
    """
    rows = [BudgetRow(code, _parent(code), item=ru, item_en=en) for code, ru, en in MINI_GRANT]
    return Budget(budget_id, tuple(rows), form=BudgetForm.MINI_GRANT)
