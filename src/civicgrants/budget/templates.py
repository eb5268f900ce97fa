"""Empty budgets of the two forms, ready to be filled, and their fixed rows as data.

* The state social grant's cost estimate («Смета расходов», Annex 5; seed-001.md
  §1 and §7.3): administrative costs with 9 fixed sub-items, material and
  technical support, and direct costs with one block per activity, each block
  repeating a fixed template.
* The programme's mini-grant budget (seed-000.md §2.6, §5.8): the grant's
  purchases and works, and the community contribution as co-financing.

Each entry of the row tables is ``(code suffix, item in Russian, item in English)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from civicgrants.budget.model import TOTAL, Budget, BudgetForm, BudgetRow

__all__ = [
    "MINI_GRANT",
    "SMETA_ACTIVITY_BLOCK",
    "SMETA_ADMIN",
    "SMETA_SECTIONS",
    "mini_grant_template",
    "state_smeta_template",
]

Entry = tuple[str, str, str]

SMETA_SECTIONS: Final[tuple[Entry, ...]] = (
    ("1", "Административные затраты", "Administrative costs"),
    ("2", "Материально-техническое обеспечение", "Material and technical support"),
    ("3", "Прямые расходы", "Direct costs"),
)

SMETA_ADMIN: Final[tuple[Entry, ...]] = (
    ("1.1", "заработная плата", "Salaries (by position)"),
    ("1.2", "социальный налог и социальные отчисления", "Social tax and social contributions"),
    ("1.3", "обязательное медицинское страхование", "Compulsory health insurance (ОСМС)"),
    ("1.4", "банковские услуги", "Bank services"),
    ("1.5", "расходы на оплату услуг связи", "Communication services"),
    (
        "1.6",
        "коммунальные услуги и (или) эксплуатационные расходы",
        "Utilities and operating costs",
    ),
    ("1.7", "расходы на оплату аренды за помещения", "Premises rent"),
    ("1.8", "расходные материалы", "Consumables"),
    ("1.9", "прочие расходы", "Other costs"),
)

SMETA_ACTIVITY_BLOCK: Final[tuple[Entry, ...]] = (
    ("t", "расходы на служебные командировки", "Business travel"),
    ("t.a", "суточные", "Per diem"),
    ("t.b", "проживание", "Accommodation"),
    ("t.c", "проезд", "Tickets"),
    ("h", "приобретение раздаточных материалов", "Handouts"),
    ("w", "расходы по оплате работ и услуг", "Works and services"),
    ("w.ind", "работы и услуги физических лиц", "Works and services by individuals"),
    ("w.leg", "работы и услуги юридических лиц", "Works and services by legal entities"),
    ("r", "представительские расходы", "Hospitality"),
    ("r.a", "кофе-брейк", "Coffee break"),
    ("r.b", "обед", "Lunch"),
    ("r.c", "аренда зала", "Hall rent"),
    ("r.d", "прочие", "Other"),
)

MINI_GRANT: Final[tuple[Entry, ...]] = (
    ("1", "Закупка материалов и оборудования", "Materials and equipment"),
    ("2", "Работы и услуги", "Works and services"),
    ("3", "Вклад сообщества", "Community contribution"),
    ("3.1", "Безвозмездный труд жителей", "Residents' unpaid labour"),
    ("3.2", "Помощь акимата (помещения, транспорт, материалы)", "Akimat in-kind help"),
    ("3.3", "Помощь бизнеса (помещения, транспорт, песок, щебень)", "Business in-kind help"),
)


def _parent(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def state_smeta_template(activities: Sequence[str], *, budget_id: str = "smeta") -> Budget:
    """The Annex 5 cost estimate with one direct-cost block per activity.

    ``activities`` are the calendar plan's activity keys (or names); block
    ``3.n`` is tied to the n-th one, so the audit can match budget and calendar.

    Parameters
    ----------
    activities : sequence of str
        The calendar plan's activities, in order; one block of direct costs each.
    budget_id : str, optional
        The budget's id, ``"smeta"`` by default.

    Returns
    -------
    Budget
        A ``STATE_SMETA`` budget with a ``TOTAL`` row, the three sections of
        `SMETA_SECTIONS`, the administrative rows of `SMETA_ADMIN`
        and one `SMETA_ACTIVITY_BLOCK` per activity; no amounts.

    Examples
    --------
    >>> b = state_smeta_template(["1", "2"])
    >>> [r.code for r in b.children("1")][:3], len(b.children("1"))
    (['1.1', '1.2', '1.3'], 9)
    >>> [r.code for r in b.children("3.2")]
    ['3.2.t', '3.2.h', '3.2.w', '3.2.r']
    >>> b.row("3.2").activity, [r.code for r in b.children("3.2.t")]
    ('2', ['3.2.t.a', '3.2.t.b', '3.2.t.c'])

    See Also
    --------
    mini_grant_template : the programme's mini-grant form.
    civicgrants.budget.audit : matches the blocks with a calendar plan.
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

    Parameters
    ----------
    budget_id : str, optional
        The budget's id, ``"mini-grant"`` by default.

    Returns
    -------
    Budget
        A ``MINI_GRANT`` budget with the rows of `MINI_GRANT`; no amounts.

    Examples
    --------
    >>> [r.code for r in mini_grant_template().children("3")]
    ['3.1', '3.2', '3.3']

    See Also
    --------
    state_smeta_template : the state social grant's cost estimate.
    civicgrants.budget.value_contribution : values the community contribution's in-kind help.
    """
    rows = [BudgetRow(code, _parent(code), item=ru, item_en=en) for code, ru, en in MINI_GRANT]
    return Budget(budget_id, tuple(rows), form=BudgetForm.MINI_GRANT)
