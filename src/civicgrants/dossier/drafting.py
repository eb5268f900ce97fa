"""Start a final report from its application: every planned row and line already in place.

`draft_report()` turns the application dossier's monitoring plan into the
report's indicator rows (each linked by code, its plan read from the target) and
the estimate's grant lines into the financial part (each with its planned
amount, nothing spent yet). The grantee fills in what was achieved and spent;
`civicgrants.dossier.check_final_report()` says what is still missing or
does not agree.
"""

from __future__ import annotations

import datetime as dt

from civicgrants.budget.execution import planned_split
from civicgrants.budget.model import Source
from civicgrants.dossier.model import Dossier, Indicator
from civicgrants.dossier.report import Agreement, FinalReport, Finances, Spending
from civicgrants.dossier.report_check import plan_of
from civicgrants.indicators.report import Comparator, Report, ReportRow
from civicgrants.model.money import Money

__all__ = ["draft_report"]


def _row(dossier: Dossier, indicator: Indicator) -> ReportRow:
    tasks = {t.code: t for t in dossier.content.tasks}
    activities = {a.code: a for t in dossier.content.tasks for a in t.activities}
    task = tasks.get(indicator.ref.split(".", 1)[0])
    activity = activities.get(indicator.ref)
    plan = plan_of(indicator.target) if indicator.target is not None else None
    planned, upper = (plan[0], plan[1]) if plan is not None else (None, None)
    comparator: Comparator = plan[2] if plan is not None else "none"
    return ReportRow(
        indicator.code,
        task.names.get("ru", "kk", "en") if task is not None else indicator.ref,
        activity.names.get("ru", "kk", "en") if activity is not None else None,
        indicator.names.get("ru", "kk", "en"),
        indicator.unit,
        planned=planned,
        planned_upper=upper,
        comparator=comparator,
        plan=indicator.code,
    )


def draft_report(
    application: Dossier,
    *,
    number: str,
    signed: dt.date | None = None,
    grant: Money | None = None,
    period: str | None = None,
) -> FinalReport:
    """A final report for ``application`` with every planned row and grant line, nothing achieved.

    Parameters
    ----------
    application : Dossier
        The application the agreement funds.
    number : str
        The grant agreement's number.
    signed : datetime.date, optional
        The date it was signed.
    grant : Money, optional
        The grant the agreement gives; the amount requested by default.
    period : str, optional
        The period the report covers (``"2024-03-13/2024-11-25"``).

    Returns
    -------
    FinalReport
        Its id ``"<application id>-report"``; one indicator row per indicator of
        the monitoring plan, keyed and linked by the indicator's code with the
        plan read from its target (no actual yet); one spending line per line of
        the estimate that the grant pays for, with its planned grant share and
        nothing spent.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_dossier
    >>> from civicgrants.dossier import check_final_report
    >>> dossier = seed_001_dossier()
    >>> draft = draft_report(dossier, number="000-draft")
    >>> len(draft.indicators.rows), draft.indicators.rows[0].plan, len(draft.finances.lines)
    (37, 'I1.1', 36)
    >>> check = check_final_report(draft, dossier)
    >>> check.linked, sorted({f.code for f in check.findings})
    (37, ['grant-unaccounted', 'missing-actual'])

    See Also
    --------
    civicgrants.dossier.check_final_report : what the draft still lacks.
    civicgrants.dossier.FinalReport : the document it starts.
    """
    rows = tuple(_row(application, i) for i in application.content.monitoring)
    budget = application.estimate.budget
    splits = planned_split(budget)
    lines = []
    for row in budget.lines:
        share = next(
            (f.amount for f in splits.get(row.code) or () if f.source is Source.GRANT), None
        )
        if share is None:
            continue
        label = row.item or row.item_en or row.code
        lines.append(
            Spending(
                f"line-{row.code}",
                row.code,
                label,
                Money.zero(share.currency),
                planned=share,
            )
        )
    title = application.content.title or application.content.goal
    agreement = Agreement(
        number,
        grant if grant is not None else application.requested,
        application.questionnaire.organisation.names.get("ru", "kk", "en"),
        signed=signed,
        application=application.id,
        title=application.content.title,
        direction=application.content.priority,
    )
    return FinalReport(
        agreement,
        Report(f"{application.id}-report", f"Final report: {title}", period, rows=rows),
        finances=Finances(tuple(lines)),
    )
