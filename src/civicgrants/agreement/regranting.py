"""Re-granting: an NGO's small grants under its own grant, checked against its budget line.

Seed 001 budgets a fund of 8 × 1 000 000 tenge for mini-grants in the 8 regions
(line ``3.3.b``); seed 002 paid 10 small grants of 200 000 under contracts. Each
small grant is a :class:`~civicgrants.agreement.GrantAgreement` whose ``parent``
is the grantee's own agreement and whose ``line`` is the parent budget's line
that pays for it. :func:`check_regrants` compares them:

=============================== ==================================================
Code                            Meaning
=============================== ==================================================
``regrant-other-parent``        a sub-agreement names another parent
``regrant-unknown-line``        its line is not a line of the parent's budget
``regrant-over-line``           the awards on a line exceed its planned grant money
``regrant-under-line``          the awards leave part of the line unallocated
``regrant-outside-period``      a sub-agreement runs outside the parent's period
``regrant-paid-not-spent``      paid to sub-grantees ≠ the parent's spending on the line
=============================== ==================================================
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from civicgrants.agreement.model import GrantAgreement
from civicgrants.budget.execution import planned_split
from civicgrants.budget.model import Budget, Source
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.money import Money

__all__ = ["RegrantCheck", "check_regrants"]


@attrs.frozen
class RegrantCheck:
    """Sub-agreements against their parent's budget lines.

    Attributes
    ----------
    parent : str
        The parent agreement's id.
    lines : tuple of (str, Money, Money)
        Per line with sub-agreements: its code, the grant money it plans and the
        sum of the awards on it.
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
        The lines with their planned and awarded money, and the findings (in
        sub-agreement order, then line by line).

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

    See Also
    --------
    civicgrants.agreement.GrantAgreement : ``parent`` and ``line``.
    civicgrants.budget.planned_split : each line's planned grant money.
    """
    findings: list[Finding] = []
    splits = planned_split(budget)
    lines = {row.code for row in budget.lines}
    awarded: dict[str, list[GrantAgreement]] = {}
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
        awarded.setdefault(line, []).append(sub)
    rows: list[tuple[str, Money, Money]] = []
    for line, group in awarded.items():
        plan = next(
            (f.amount for f in splits.get(line) or () if f.source is Source.GRANT),
            Money.zero(budget.currency),
        )
        total = Money.sum((s.award for s in group), currency=budget.currency)
        rows.append((line, plan, total))
        findings += _line_findings(parent, line, plan, total, group)
    return RegrantCheck(parent.id, tuple(rows), tuple(findings))


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
    spent = Money.sum(
        (a.amount for a in parent.spending if a.code == line and a.source is Source.GRANT),
        currency=plan.currency,
    )
    if paid != spent:
        out.append(
            Finding(
                "regrant-paid-not-spent",
                Severity.WARNING,
                line,
                {"paid": paid, "spent": spent},
                f"Строка {line}: субгрантополучателям выплачено {paid}, а в расходах договора "
                f"{parent.id} по строке {spent}",
                f"line {line}: {paid} paid to sub-grantees, but agreement {parent.id} records "
                f"{spent} spent on the line",
            )
        )
    return out
