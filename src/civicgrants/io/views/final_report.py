"""Text and JSON views of `FinalReportCheck` (see `civicgrants.io.render`).

``civicgrants report-check REPORT [--application DOSSIER]`` prints it: the tally,
the findings, then how the report's rows link to the application's monitoring
plan, the grant agreement its header was compared with (when one was given) and,
with an application, the spending against the estimate's grant lines.

Examples
--------
>>> from civicgrants.datasets import seed_002_final_report
>>> from civicgrants.dossier import check_final_report
>>> from civicgrants.io.render import render
>>> print(render(check_final_report(seed_002_final_report())).splitlines()[0])
seed-002: 0 errors, 23 warnings, 4 info
"""

from __future__ import annotations

from civicgrants.budget.model import Source
from civicgrants.dossier.report_check import FinalReportCheck
from civicgrants.io.findings import findings_data, findings_text, json_value
from civicgrants.io.fmt import money
from civicgrants.io.labels import N_, label
from civicgrants.io.render import data_view, dump_json, text_view
from civicgrants.model.money import Money

__all__ = ["LABELS", "final_report_check_data", "final_report_check_text"]

LABELS = {
    "where": {"en": N_("where")},
    "linked": {
        "en": N_(
            "{linked} of {rows} rows report on the monitoring plan of {application} "
            "({planned} indicators)"
        )
    },
    "alone": {"en": N_("checked without its application: the plans are the report's own")},
    "agreement": {"en": N_("the header was compared with grant agreement {agreement}")},
    "spent": {
        "en": N_("grant spent {actual} of {planned} planned in the estimate; unspent {unspent}")
    },
}
"""The words of the final-report views, in en, ru and kk."""


@text_view(FinalReportCheck)
def final_report_check_text(result: FinalReportCheck, lang: str = "en") -> str:
    """The audit of a final report: the tally, the findings, the links, the money.

    Parameters
    ----------
    result : FinalReportCheck
        The result of `civicgrants.dossier.check_final_report()`.
    lang : str, optional
        ``en`` (default), ``ru`` or ``kk``: the findings' messages are Russian
        for ``ru``, else English; the other lines are in ``lang``.

    Returns
    -------
    str
        The text, ending with a newline.

    Examples
    --------
    >>> print(final_report_check_text(FinalReportCheck("r", None, 0, 0, 0, ())), end="")
    r: 0 errors, 0 warnings, 0 info
    checked without its application: the plans are the report's own

    See Also
    --------
    final_report_check_data : the same as JSON.
    civicgrants.io.findings.findings_text : writes the findings.
    """
    head = f"{result.source if result.source is not None else result.report}: "
    lines = [findings_text(result.findings, lang, head=head, where=label(LABELS, "where", lang))]
    if result.application is None:
        lines.append(label(LABELS, "alone", lang) + "\n")
    else:
        lines.append(
            label(LABELS, "linked", lang).format(
                linked=result.linked,
                rows=result.rows,
                application=result.application,
                planned=result.planned,
            )
            + "\n"
        )
    if result.agreement is not None:
        lines.append(label(LABELS, "agreement", lang).format(agreement=result.agreement) + "\n")
    grant = _grant(result)
    if grant is not None:
        planned, actual = grant
        unspent = result.execution.unspent_grant if result.execution is not None else None
        lines.append(
            label(LABELS, "spent", lang).format(
                actual=money(actual, lang),
                planned=money(planned, lang),
                unspent=money(unspent, lang) if unspent is not None else "—",
            )
            + "\n"
        )
    return "".join(lines)


def _grant(result: FinalReportCheck) -> tuple[Money, Money] | None:
    if result.execution is None:
        return None
    for total in result.execution.totals:
        if total.source is Source.GRANT:
            return total.planned, total.actual
    return None


@data_view(FinalReportCheck)
def final_report_check_data(result: FinalReportCheck) -> str:
    """The audit of a final report as JSON, amounts as exact decimal strings.

    Parameters
    ----------
    result : FinalReportCheck
        The audit.

    Returns
    -------
    str
        A JSON object ``{"report", "application", "agreement", "has_errors", "rows",
        "linked", "planned", "findings", "grant_planned", "grant_spent",
        "unspent_grant"}``; ``agreement`` is the id of the grant agreement the
        header was compared with, or ``null``.

    Examples
    --------
    >>> import json
    >>> json.loads(final_report_check_data(FinalReportCheck("r", None, 3, 0, 0, ())))["rows"]
    3

    See Also
    --------
    final_report_check_text : the same as text.
    civicgrants.io.findings.findings_data : the findings' JSON shape.
    """
    grant = _grant(result)
    return dump_json(
        {
            "report": result.report,
            "application": result.application,
            "agreement": result.agreement,
            "has_errors": result.has_errors,
            "rows": result.rows,
            "linked": result.linked,
            "planned": result.planned,
            "findings": findings_data(result.findings),
            "grant_planned": json_value(grant[0]) if grant else None,
            "grant_spent": json_value(grant[1]) if grant else None,
            "unspent_grant": json_value(result.execution.unspent_grant)
            if result.execution is not None
            else None,
        }
    )
