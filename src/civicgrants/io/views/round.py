"""Text and JSON views of `RoundStatus` (see `civicgrants.io.render`).

``civicgrants round status DIR`` prints it: the round, a line naming its
synthetic parts, the funnel with counts and money (and, when the residents'
vote funded, the rule that counted it), where the money is and the execution
rate, the localities with money per head, and what is overdue: tranches, final
reports and memoranda's duties.

Examples
--------
>>> from civicgrants.datasets.example_round import example_round
>>> from civicgrants.io.render import render
>>> from civicgrants.round import round_status
>>> print(render(round_status(example_round())).splitlines()[0])
example-round: Stage II, Mangistau (synthetic call, scores, agreements, reports and memoranda)
"""

from __future__ import annotations

from typing import Any

from civicgrants.io.findings import json_value
from civicgrants.io.fmt import date, money, number, percent
from civicgrants.io.labels import C_, N_, base_language, label, tr
from civicgrants.io.render import data_view, dump_json, text_view
from civicgrants.io.table import table
from civicgrants.io.workspace import WrittenRound
from civicgrants.round.status import RoundStatus

__all__ = [
    "LABELS",
    "STAGE_LABELS",
    "WRITTEN",
    "status_data",
    "status_text",
    "written_data",
    "written_text",
]

STAGE_LABELS = {
    "applications": {"en": C_("views.round.applications", "applications")},
    "eligible": {"en": N_("eligible")},
    "scored": {"en": N_("scored")},
    "funded": {"en": C_("views.round.funded", "funded")},
    "contracted": {"en": N_("contracted")},
    "disbursed": {"en": N_("disbursed")},
    "reported": {"en": N_("reported")},
    "closed": {"en": N_("closed")},
}
"""The funnel's stages in en, ru and kk."""

LABELS = {
    "synthetic": {"en": N_("SYNTHETIC parts (not published data): {parts}")},
    "funnel": {"en": N_("Funnel")},
    "stage": {"en": N_("stage")},
    "count": {"en": N_("count")},
    "money": {"en": N_("money")},
    "summary": {
        "en": N_(
            "awarded {awarded}; disbursed {disbursed}; spent {spent}; refunded {refunded}; "
            "execution rate {rate}"
        )
    },
    "localities": {"en": N_("Localities")},
    "locality": {"en": C_("views.round.locality", "locality")},
    "population": {"en": N_("population")},
    "applications": {"en": C_("views.round.applications", "applications")},
    "funded": {"en": C_("views.round.funded", "funded")},
    "awarded": {"en": N_("awarded")},
    "per head": {"en": N_("per head")},
    "overdue": {"en": N_("Overdue on {on}")},
    "none": {"en": N_("nothing")},
    "no date": {"en": N_("(give --on DATE to see what is overdue)")},
    "tranche": {
        "en": N_("tranche {ref} of {agreement}, due {due}: {amount} unpaid, {days} {day} late")
    },
    "report": {
        "en": N_("final report of agreement {ref} ({agreement}), due {due}: {days} {day} late")
    },
    "duty": {
        "en": N_(
            "memorandum duty {ref}, due {due}: promised, not reported carried out, "
            "{days} {day} late"
        )
    },
    "vote": {"en": N_("funded: the residents' vote, counted with the rule {rule}")},
}
"""The words of the round views, in en, ru and kk."""

_NONE = "—"
EXAMPLE_TITLE = N_(
    "Stage II, Mangistau (synthetic call, scores, agreements, reports and memoranda)"
)
"""The title of the library's example round (``civicgrants round init``), read in ru and kk.

A round's title is its author's text and is shown as written; only this one, the
library's own, is a catalog entry.
"""


@text_view(RoundStatus)
def status_text(status: RoundStatus, lang: str = "en") -> str:
    """Where a round stands, for a programme manager.

    Parameters
    ----------
    status : RoundStatus
        The result of `civicgrants.round.round_status()`.
    lang : str, optional
        ``en`` (default), ``ru`` or ``kk``.

    Returns
    -------
    str
        The text, ending with a newline.

    Examples
    --------
    >>> from civicgrants.datasets.example_round import example_round
    >>> from civicgrants.round import round_status
    >>> text = status_text(round_status(example_round()), "ru")
    >>> print(text.splitlines()[1])
    СИНТЕТИЧЕСКИЕ части (не опубликованные данные): applications, scores, agreements, reports, memoranda

    See Also
    --------
    status_data : the same as JSON.
    """
    title = tr(EXAMPLE_TITLE, lang) if status.title == EXAMPLE_TITLE else status.title
    lines = [f"{status.round}: {title}"]
    if status.synthetic:
        lines.append(label(LABELS, "synthetic", lang).format(parts=", ".join(status.synthetic)))
    lines += ["", label(LABELS, "funnel", lang)]
    header = [label(LABELS, k, lang) for k in ("stage", "count", "money")]
    rows = [
        [label(STAGE_LABELS, s.key, lang), s.count, money(s.money, lang)] for s in status.funnel
    ]
    lines.append(table(header, rows, right=(1, 2)))
    if status.vote_rule is not None:
        lines.append(label(LABELS, "vote", lang).format(rule=status.vote_rule))
    rate = percent(status.execution_rate, lang, places=2) if status.execution_rate else _NONE
    lines += [
        "",
        label(LABELS, "summary", lang).format(
            awarded=money(status.awarded, lang),
            disbursed=money(status.disbursed, lang),
            spent=money(status.spent, lang),
            refunded=money(status.refunded, lang),
            rate=rate,
        ),
        "",
        label(LABELS, "localities", lang),
    ]
    header = [
        label(LABELS, k, lang)
        for k in ("locality", "population", "applications", "funded", "awarded", "per head")
    ]
    rows = [
        [
            row.name if row.names is None else row.names.get(base_language(lang), "en"),
            number(row.population, lang) if row.population is not None else _NONE,
            row.applications,
            row.funded,
            money(row.awarded, lang),
            money(row.per_head, lang) if row.per_head is not None else _NONE,
        ]
        for row in status.localities
    ]
    lines.append(table(header, rows, right=(1, 2, 3, 4, 5)))
    lines.append("")
    if status.on is None:
        lines.append(label(LABELS, "no date", lang))
    else:
        lines.append(label(LABELS, "overdue", lang).format(on=date(status.on, lang)))
        for o in status.overdue:
            amount = money(o.amount, lang) if o.amount is not None else ""
            words = label(LABELS, o.kind, lang).format(
                ref=o.ref,
                agreement=o.agreement,
                due=date(o.due, lang),
                amount=amount,
                days=o.days,
                day="day" if o.days == 1 else "days",
            )
            lines.append(f"  {words}")
        if not status.overdue:
            lines.append(f"  {label(LABELS, 'none', lang)}")
    return "\n".join(lines) + "\n"


@data_view(RoundStatus)
def status_data(status: RoundStatus) -> str:
    """Where a round stands, as JSON; amounts as exact decimal strings.

    Parameters
    ----------
    status : RoundStatus
        The status.

    Returns
    -------
    str
        ``{"round", "title", "on", "synthetic", "vote_rule" (the rule that
        counted the residents' vote, or null), "funnel": [{stage, count, money}],
        "awarded", "disbursed", "spent", "refunded", "execution_rate",
        "localities": [...], "overdue": [...]}``.

    Examples
    --------
    >>> import json
    >>> from civicgrants.datasets.example_round import example_round
    >>> from civicgrants.round import round_status
    >>> data = json.loads(status_data(round_status(example_round())))
    >>> data["funnel"][3]
    {'stage': 'funded', 'count': 18, 'money': '36100000.00'}

    See Also
    --------
    status_text : the same as text.
    """
    out: dict[str, Any] = {
        "round": status.round,
        "title": status.title,
        "on": status.on.isoformat() if status.on is not None else None,
        "synthetic": list(status.synthetic),
        "vote_rule": status.vote_rule,
        "currency": status.awarded.currency,
        "funnel": [
            {"stage": s.key, "count": s.count, "money": json_value(s.money.amount)}
            for s in status.funnel
        ],
        "awarded": json_value(status.awarded.amount),
        "disbursed": json_value(status.disbursed.amount),
        "spent": json_value(status.spent.amount),
        "refunded": json_value(status.refunded.amount),
        "execution_rate": json_value(status.execution_rate),
        "localities": [
            {
                "locality": r.locality,
                "name": r.name,
                "population": r.population,
                "applications": r.applications,
                "funded": r.funded,
                "awarded": json_value(r.awarded.amount),
                "per_head": json_value(r.per_head.amount) if r.per_head is not None else None,
            }
            for r in status.localities
        ],
        "overdue": [
            {
                "kind": o.kind,
                "agreement": o.agreement,
                "ref": o.ref,
                "due": o.due.isoformat(),
                "days": o.days,
                "amount": json_value(o.amount.amount) if o.amount is not None else None,
            }
            for o in status.overdue
        ],
    }
    return dump_json(out)


@text_view(WrittenRound)
def written_text(result: WrittenRound, lang: str = "en") -> str:
    """What ``civicgrants round init`` wrote: the folder, the files, the synthetic parts.

    Parameters
    ----------
    result : WrittenRound
        The result of `civicgrants.io.workspace.dump_round()`.
    lang : str, optional
        ``en``, ``ru`` or ``kk``.

    Returns
    -------
    str
        A line naming the folder and the number of files, the synthetic parts,
        then the files, one a line.

    Examples
    --------
    >>> print(written_text(WrittenRound("r", "x", ("round.json",), ("scores",))), end="")
    wrote round x to r: 1 files
    SYNTHETIC parts (not published data): scores
      round.json

    See Also
    --------
    written_data : the same as JSON.
    """
    head = label(WRITTEN, "wrote", lang).format(
        round=result.round, folder=result.folder, n=len(result.files)
    )
    lines = [head]
    if result.synthetic:
        lines.append(label(LABELS, "synthetic", lang).format(parts=", ".join(result.synthetic)))
    lines += [f"  {f}" for f in result.files]
    return "\n".join(lines) + "\n"


@data_view(WrittenRound)
def written_data(result: WrittenRound) -> str:
    """What ``civicgrants round init`` wrote, as JSON.

    Parameters
    ----------
    result : WrittenRound
        The result.

    Returns
    -------
    str
        ``{"folder", "round", "files", "synthetic"}``.

    Examples
    --------
    >>> written_data(WrittenRound("r", "x", (), ())).splitlines()[1]
    '  "folder": "r",'

    See Also
    --------
    written_text : the same as text.
    """
    return dump_json(
        {
            "folder": result.folder,
            "round": result.round,
            "files": list(result.files),
            "synthetic": list(result.synthetic),
        }
    )


WRITTEN = {
    "wrote": {"en": N_("wrote round {round} to {folder}: {n} files")},
}
"""The words of ``round init``."""
