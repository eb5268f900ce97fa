"""Text and JSON views of `DossierAudit` (see `civicgrants.io.render`).

``civicgrants check DOSSIER.json`` prints the audit: a summary line, the
findings as a table (severity, code, location, message) and the amount
requested against the estimate's grant total. Money goes through
`civicgrants.io.fmt.money()`; JSON writes exact decimal strings.

Examples
--------
>>> from civicgrants.datasets import seed_001_dossier
>>> from civicgrants.dossier import DossierRules, audit
>>> from civicgrants.io.render import render
>>> print(render(audit(seed_001_dossier(), rules=DossierRules(submitted=2021))).splitlines()[0])
dossier seed-001: 3 errors, 20 warnings, 3 info
"""

from __future__ import annotations

from civicgrants.dossier.audit import DossierAudit
from civicgrants.io.findings import (
    finding_message,
    findings_data,
    json_value,
    severity_word,
    tally,
)
from civicgrants.io.fmt import money
from civicgrants.io.labels import N_, label
from civicgrants.io.render import data_view, dump_json, text_view
from civicgrants.io.table import table

__all__ = ["LABELS", "audit_data", "audit_text"]

LABELS = {
    "dossier": {"en": N_("dossier")},
    "severity": {"en": N_("severity")},
    "code": {"en": N_("code")},
    "location": {"en": N_("location")},
    "finding": {"en": N_("finding")},
    "money": {"en": N_("requested {requested}; estimate's grant total {estimate}")},
}
"""The words of the dossier views."""

_NONE = "—"


def _tally(result: DossierAudit, lang: str) -> str:
    return tally(result.findings, lang)


@text_view(DossierAudit)
def audit_text(result: DossierAudit, lang: str) -> str:
    """The audit of a dossier: a summary line, the findings, the money.

    Parameters
    ----------
    result : DossierAudit
        The result of `civicgrants.dossier.audit()`.
    lang : str
        ``ru`` shows the findings' Russian messages, any other language the
        English ones; money is written in ``lang``.

    Returns
    -------
    str
        The text, ending with a newline.

    Examples
    --------
    >>> print(audit_text(DossierAudit("d"), "en"), end="")
    dossier d: 0 errors, 0 warnings, 0 info
    requested —; estimate's grant total —

    See Also
    --------
    audit_data : the same as JSON.
    """
    lines = [f"{label(LABELS, 'dossier', lang)} {result.dossier}: {_tally(result, lang)}"]
    rows = [
        [severity_word(f.severity.value, lang), f.code, f.location, finding_message(f, lang)]
        for f in result.findings
    ]
    if rows:
        header = [label(LABELS, k, lang) for k in ("severity", "code", "location", "finding")]
        lines.append(table(header, rows))
    requested = _NONE if result.requested is None else money(result.requested, lang)
    estimate = _NONE if result.estimate_total is None else money(result.estimate_total, lang)
    lines.append(label(LABELS, "money", lang).format(requested=requested, estimate=estimate))
    return "\n".join(lines) + "\n"


@data_view(DossierAudit)
def audit_data(result: DossierAudit) -> str:
    """The audit of a dossier as JSON: its id, the findings and the money.

    Parameters
    ----------
    result : DossierAudit
        The result of `civicgrants.dossier.audit()`.

    Returns
    -------
    str
        A JSON object ``{"dossier", "has_errors", "findings": [...], "requested",
        "estimate_total"}``, amounts as exact decimal strings.

    Examples
    --------
    >>> import json
    >>> json.loads(audit_data(DossierAudit("d")))
    {'dossier': 'd', 'has_errors': False, 'findings': [], 'requested': None, 'estimate_total': None}

    See Also
    --------
    audit_text : the same as text.
    civicgrants.io.findings.findings_data : the findings' JSON shape.
    """
    return dump_json(
        {
            "dossier": result.dossier,
            "has_errors": result.has_errors,
            "findings": findings_data(result.findings),
            "requested": json_value(result.requested),
            "estimate_total": json_value(result.estimate_total),
        }
    )
