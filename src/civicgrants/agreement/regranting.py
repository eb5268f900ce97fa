"""Re-granting: an NGO's small grants under its own grant, checked against its budget line.

Seed 001 budgets a fund of 8 × 1 000 000 tenge for mini-grants in the 8 regions
(line ``3.3.b``); seed 002 paid 10 small grants of 200 000 under contracts. Each
small grant is a `GrantAgreement` whose ``parent``
is the grantee's own agreement and whose ``line`` is the parent budget's line
that pays for it. `check_regrants()` compares them:

=============================== ==================================================
Code                            Meaning
=============================== ==================================================
``regrant-other-parent``        a sub-agreement names another parent
``regrant-currency``            a sub-agreement is in another currency than its parent
``regrant-budget-currency``     the parent's budget is in another currency than it
``regrant-duplicate``           two sub-agreements share an id or a number
``regrant-unknown-line``        its line is not a line of the parent's budget
``regrant-over-line``           the awards on a line exceed its planned grant money
``regrant-under-line``          the awards leave part of the line unallocated
``regrant-outside-period``      a sub-agreement runs outside the parent's period
``regrant-paid-not-spent``      paid to sub-grantees ≠ the parent's spending on the line
=============================== ==================================================

What a sub-agreement takes from its line is its award while it runs (``draft``,
``signed``, ``active``). Once it has ended (``terminated``, or ``closed``),
nothing more will be paid under it: it takes what was disbursed less what was
refunded, and the rest of its award is free on the line again. The same net
amount is what the parent should record as spent on the line.

A sub-agreement that is not counted on its line is reported and left out of
the sums: one under another parent, one in another currency (its money cannot
be added to the line's), the second of two with one id or one number (the
first is counted: two agreements cannot share either, and counting both would
count one agreement twice), and one on a line the budget lacks.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from civicgrants.agreement.model import GrantAgreement
from civicgrants.budget.execution import planned_split
from civicgrants.budget.model import Budget, Source
from civicgrants.model.display import shows
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.money import Money

__all__ = ["RegrantCheck", "check_regrants", "committed"]


@shows
@attrs.frozen
class RegrantCheck:
    """Sub-agreements against their parent's budget lines.

    Attributes
    ----------
    parent : str
        The parent agreement's id.
    lines : tuple of (str, Money, Money)
        Per line with sub-agreements: its code, the grant money it plans and
        what the sub-agreements counted on it take (`committed()`).
    findings : tuple of Finding
        What does not agree (module docs).

    Examples
    --------
    >>> RegrantCheck("ga-1", (), ()).has_errors
    False

    See Also
    --------
    check_regrants : builds it.
    """

    parent: str
    lines: tuple[tuple[str, Money, Money], ...]
    findings: tuple[Finding, ...]

    @property
    def has_errors(self) -> bool:
        """Whether a finding is an error.

        Returns
        -------
        bool
            True when some finding has severity ``ERROR``.

        Examples
        --------
        >>> RegrantCheck("p", (), ()).has_errors
        False

        See Also
        --------
        RegrantCheck.findings : the findings.
        """
        return any(f.severity is Severity.ERROR for f in self.findings)


def committed(sub: GrantAgreement) -> Money:
    """What a sub-agreement takes from its parent's budget line.

    Parameters
    ----------
    sub : GrantAgreement
        A sub-agreement (any agreement).

    Returns
    -------
    Money
        Its award while it runs (``draft``, ``signed``, ``active``); once it has
        ended (``terminated`` or ``closed``), what was disbursed less what was
        refunded, since nothing more will be paid under it.

    Examples
    --------
    >>> import datetime as dt
    >>> from civicgrants.agreement import disburse, sign, terminate
    >>> from civicgrants.testing.agreement import example_agreement
    >>> a = disburse(sign(example_agreement(), dt.date(2021, 3, 1)), "t1", dt.date(2021, 3, 5))
    >>> str(committed(a)), str(committed(terminate(a, dt.date(2021, 4, 1), "dissolved")))
    ('1000000.00 KZT', '0.00 KZT')

    See Also
    --------
    check_regrants : sums it per line.
    civicgrants.agreement.ledger : where an agreement's money is.
    """
    if not sub.status.final:
        return sub.award
    refunded = sub.refund.amount if sub.refund is not None else Money.zero(sub.currency)
    return sub.disbursed() - refunded


def check_regrants(
    parent: GrantAgreement, budget: Budget, subs: Iterable[GrantAgreement]
) -> RegrantCheck:
    """Check the small grants an NGO makes under its own grant.

    Parameters
    ----------
    parent : GrantAgreement
        The NGO's own agreement.
    budget : Budget
        Its approved budget (the application's estimate).
    subs : iterable of GrantAgreement
        The sub-agreements, each with ``parent`` and ``line``.

    Returns
    -------
    RegrantCheck
        The lines with their planned and committed money, and the findings (in
        sub-agreement order, then line by line). It never raises: a
        sub-agreement that cannot be counted is a finding (module docs).

    Examples
    --------
    >>> import datetime as dt
    >>> from civicgrants.datasets import seed_001_dossier
    >>> from civicgrants.testing.agreement import example_agreement, regrant
    >>> budget = seed_001_dossier().estimate.budget
    >>> parent = example_agreement()
    >>> subs = [regrant(parent, f"r{i}", "3.3.b", Money(1_000_000)) for i in range(9)]
    >>> check = check_regrants(parent, budget, subs)
    >>> [(f.code, f.location, str(f.numbers["awarded"])) for f in check.findings]
    [('regrant-over-line', '3.3.b', '9000000.00 KZT')]

    A small grant in dollars under a grant in tenge, and one listed twice:

    >>> usd = regrant(parent, "usd", "3.3.b", Money(500, "USD"))
    >>> check = check_regrants(parent, budget, [*subs[:8], usd, subs[0]])
    >>> [(f.code, f.location) for f in check.findings]
    [('regrant-currency', 'ga-example-usd'), ('regrant-duplicate', 'ga-example-r0')]

    See Also
    --------
    committed : what one sub-agreement takes from its line.
    civicgrants.agreement.GrantAgreement : ``parent`` and ``line``.
    civicgrants.budget.planned_split : each line's planned grant money.
    """
    findings: list[Finding] = []
    lines = {row.code for row in budget.lines}
    counted: dict[str, list[GrantAgreement]] = {}
    by_id: dict[str, GrantAgreement] = {}
    by_number: dict[str, GrantAgreement] = {}
    for sub in subs:
        if sub.parent != parent.id:
            findings.append(
                Finding(
                    "regrant-other-parent",
                    Severity.ERROR,
                    sub.id,
                    {"parent": sub.parent, "expected": parent.id},
                    f"Субгрант {sub.id} относится к договору {sub.parent}, а не {parent.id}",
                    f"sub-agreement {sub.id} names parent {sub.parent!r}, not {parent.id!r}",
                )
            )
            continue
        if sub.currency != parent.currency:
            findings.append(
                Finding(
                    "regrant-currency",
                    Severity.ERROR,
                    sub.id,
                    {"currency": sub.currency, "parent_currency": parent.currency},
                    f"Субгрант {sub.id} в {sub.currency}, а договор {parent.id} в "
                    f"{parent.currency}; он не учтён на строке",
                    f"sub-agreement {sub.id} is in {sub.currency}, agreement {parent.id} in "
                    f"{parent.currency}; it is not counted on the line",
                )
            )
            continue
        first = by_id.get(sub.id) or by_number.get(sub.number)
        if first is not None:
            findings.append(_duplicate(sub, first))
            continue
        by_id[sub.id], by_number[sub.number] = sub, sub
        line = sub.line or ""
        if line not in lines:
            findings.append(
                Finding(
                    "regrant-unknown-line",
                    Severity.ERROR,
                    sub.id,
                    {"line": line},
                    f"Субгрант {sub.id}: строки {line} нет в бюджете",
                    f"sub-agreement {sub.id}: line {line!r} is not a line of the budget",
                )
            )
            continue
        if sub.start < parent.start or sub.end > parent.end:
            findings.append(
                Finding(
                    "regrant-outside-period",
                    Severity.WARNING,
                    sub.id,
                    {
                        "start": sub.start.isoformat(),
                        "end": sub.end.isoformat(),
                        "parent_start": parent.start.isoformat(),
                        "parent_end": parent.end.isoformat(),
                    },
                    f"Субгрант {sub.id} ({sub.start}–{sub.end}) выходит за срок договора "
                    f"({parent.start}–{parent.end})",
                    f"sub-agreement {sub.id} ({sub.start}–{sub.end}) runs outside the parent's "
                    f"period ({parent.start}–{parent.end})",
                )
            )
        counted.setdefault(line, []).append(sub)
    if budget.currency != parent.currency:
        findings.append(
            Finding(
                "regrant-budget-currency",
                Severity.ERROR,
                parent.id,
                {"currency": budget.currency, "parent_currency": parent.currency},
                f"Бюджет {budget.id} в {budget.currency}, а договор {parent.id} в "
                f"{parent.currency}; строки не сверены",
                f"budget {budget.id} is in {budget.currency}, agreement {parent.id} in "
                f"{parent.currency}; the lines are not compared",
            )
        )
        return RegrantCheck(parent.id, (), tuple(findings))
    splits = planned_split(budget)
    rows: list[tuple[str, Money, Money]] = []
    for line, group in counted.items():
        plan = next(
            (f.amount for f in splits.get(line) or () if f.source is Source.GRANT),
            Money.zero(budget.currency),
        )
        total = Money.sum((committed(s) for s in group), currency=budget.currency)
        rows.append((line, plan, total))
        findings += _line_findings(parent, line, plan, total, group)
    return RegrantCheck(parent.id, tuple(rows), tuple(findings))


def _duplicate(sub: GrantAgreement, first: GrantAgreement) -> Finding:
    field, value = ("id", sub.id) if sub.id == first.id else ("number", sub.number)
    what_ru = "идентификатор" if field == "id" else "номер"
    return Finding(
        "regrant-duplicate",
        Severity.ERROR,
        sub.id,
        {field: value, "first": first.id, "award": sub.award},
        f"Субгрант {sub.id} имеет тот же {what_ru} {value}, что и {first.id}; учтён только первый",
        f"sub-agreement {sub.id} has the {field} {value!r} of {first.id}; only the first "
        "is counted",
    )


def _line_findings(
    parent: GrantAgreement, line: str, plan: Money, total: Money, group: list[GrantAgreement]
) -> list[Finding]:
    out: list[Finding] = []
    numbers = {"planned": plan, "awarded": total, "grants": len(group)}
    if total > plan:
        out.append(
            Finding(
                "regrant-over-line",
                Severity.ERROR,
                line,
                numbers | {"excess": total - plan},
                f"Строка {line}: субгрантов на {total}, а по бюджету {plan}",
                f"line {line}: {len(group)} sub-agreements award {total}, the budget plans {plan}",
            )
        )
    elif total < plan:
        out.append(
            Finding(
                "regrant-under-line",
                Severity.INFO,
                line,
                numbers | {"left": plan - total},
                f"Строка {line}: субгрантов на {total} из {plan}; не распределено {plan - total}",
                f"line {line}: {len(group)} sub-agreements award {total} of {plan}; "
                f"{plan - total} not allocated",
            )
        )
    paid = Money.sum((s.disbursed() for s in group), currency=plan.currency)
    refunded = Money.sum(
        (s.refund.amount for s in group if s.refund is not None), currency=plan.currency
    )
    spent = Money.sum(
        (a.amount for a in parent.spending if a.code == line and a.source is Source.GRANT),
        currency=plan.currency,
    )
    if paid - refunded != spent:
        back_ru = f" (возвращено {refunded})" if refunded.amount else ""
        back_en = f" ({refunded} refunded)" if refunded.amount else ""
        out.append(
            Finding(
                "regrant-paid-not-spent",
                Severity.WARNING,
                line,
                {"paid": paid, "refunded": refunded, "spent": spent},
                f"Строка {line}: субгрантополучателям выплачено {paid}{back_ru}, а в расходах "
                f"договора {parent.id} по строке {spent}",
                f"line {line}: {paid} paid to sub-grantees{back_en}, but agreement {parent.id} "
                f"records {spent} spent on the line",
            )
        )
    return out
