"""The commission protocol: the decision record as JSON data and as printable text (en, ru, kk).

«Протокол заседания конкурсной комиссии»: the members and their seats, the
recusals with reasons, who scored what, per application the aggregates and
totals, ranks, decisions, granted amounts and reasons, overrides with their
reasons, the funding line, and the tie-breaks with the lots and the seed.
Everything comes from a `Review`; nothing
is computed here. The same review gives byte-identical output. Score comments
(personal data) appear only with ``redact=False``. The words are the
commission's one table, `civicgrants.io.views.scoring.LABELS`.

Examples
--------
>>> from civicgrants.datasets.synthetic_round import synthetic_round
>>> from civicgrants.scoring import review
>>> r = review(*synthetic_round(), draws=100)
>>> protocol_text(r, lang="ru").splitlines()[0]
'ПРОТОКОЛ ЗАСЕДАНИЯ КОНКУРСНОЙ КОМИССИИ'
>>> protocol_data(r)["schema"]
'civicgrants/commission-protocol@1'
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from civicgrants.io.fmt import LANGS, money, number
from civicgrants.io.labels import label
from civicgrants.io.render import dump_json
from civicgrants.io.table import table
from civicgrants.io.views.scoring import (
    LABELS,
    MISSING,
    agreement_data,
    calibration_data,
    funding_line_data,
    ranking_data,
    recusals_data,
    score_text,
    sensitivity_data,
    ties_data,
    verdict_text,
)
from civicgrants.model.money import Money
from civicgrants.scoring.decision import Verdict
from civicgrants.scoring.reviewing import Review

__all__ = ["protocol_data", "protocol_json", "protocol_schema", "protocol_text"]

_GRID_WIDTH = 100
"""The widest line of the score grid; more members are split into blocks of columns."""


def _say(key: str, lang: str, /, **values: object) -> str:
    return label(LABELS, key, lang).format(**values)


def _grid_score(value: Decimal | None, lang: str) -> str:
    if value is None:
        return label(LABELS, "not_applicable", lang)
    return number(value, lang)


def _score_grid(review: Review, lang: str) -> list[str]:
    """Who scored what: one row per application, one column per member, with a legend.

    A cell lists the member's scores on the criteria in call order, joined by
    ``·``: a number, ``n/a`` (``н/п``) for not applicable, ``—`` for a missing
    score (``—`` alone when the member gave none at all), or ``recused``
    (``самоотвод``) for a recused member.
    """
    call, sheet, decision = review.call, review.sheet, review.decision
    keys = [c.key for c in call.criteria]
    given: dict[tuple[str, str], dict[str, Decimal | None]] = {}
    for s in sheet.scores:
        given.setdefault((s.application, s.member), {})[s.criterion] = s.score
    recused = {(r.application, r.member) for r in decision.recusals}
    members = [m.id for m in call.members]
    cells: dict[str, list[str]] = {}
    for a in call.applications:
        row = []
        for m in members:
            if (a.id, m) in recused:
                row.append(label(LABELS, "recused", lang))
                continue
            mine = given.get((a.id, m))
            if mine is None:
                row.append(MISSING)
                continue
            row.append("·".join(_grid_score(mine[k], lang) if k in mine else MISSING for k in keys))
        cells[a.id] = row
    application = label(LABELS, "application", lang)
    first = max([len(application), *(len(a.id) for a in call.applications)])
    widths = [
        max([len(m), *(len(cells[a.id][i]) for a in call.applications)])
        for i, m in enumerate(members)
    ]
    blocks: list[list[int]] = []
    used = 2 + first
    for i, w in enumerate(widths):
        if blocks and used + 2 + w <= _GRID_WIDTH:
            blocks[-1].append(i)
            used += 2 + w
        else:
            blocks.append([i])
            used = 2 + first + 2 + w
    na = label(LABELS, "not_applicable", lang)
    legend = _say("grid_legend", lang, keys="·".join(keys), na=na, missing=MISSING).split("\n")
    out = list(legend)
    for block in blocks:
        out.append(
            table(
                [application, *(members[i] for i in block)],
                [[a.id, *(cells[a.id][i] for i in block)] for a in call.applications],
                right=list(range(1, len(block) + 1)),
            )
        )
    return out


def protocol_data(review: Review, *, redact: bool = True) -> dict[str, Any]:
    """The protocol as a JSON value (exact values as fraction strings, shown values rounded).

    Parameters
    ----------
    review : Review
        `civicgrants.scoring.review()`'s result.
    redact : bool
        Leave the score comments (personal data) out.

    Returns
    -------
    dict
        The ``civicgrants/commission-protocol@1`` document.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import review
    >>> data = protocol_data(review(*synthetic_round(), draws=10))
    >>> data["currency"], data["pot"], data["funded_count"]
    ('KZT', '36100000.00', 18)
    >>> data["funding_line"]["first_not_funded_rank"]
    19

    See Also
    --------
    protocol_json : the same as a JSON text.
    protocol_text : the printable protocol.
    civicgrants.io.views.scoring.review_data : the ``civicgrants score`` JSON.
    """
    call, sheet, decision = review.call, review.sheet, review.decision
    scores = sorted(sheet.scores, key=lambda s: (s.application, s.member, s.criterion))
    score_rows = []
    for s in scores:
        row: dict[str, Any] = {
            "application": s.application,
            "member": s.member,
            "criterion": s.criterion,
            "score": "n/a" if s.score is None else str(s.score),
        }
        if s.confidence is not None:
            row["confidence"] = str(s.confidence)
        if not redact and s.comment is not None:
            row["comment"] = s.comment
        score_rows.append(row)
    currency = decision.currency
    return {
        "schema": "civicgrants/commission-protocol@1",
        "call": decision.call,
        "currency": currency,
        "pot": str(decision.pot.amount),
        "max_grant": None if decision.max_grant is None else str(decision.max_grant.amount),
        "aggregation": decision.aggregation.value,
        "seed": decision.seed,
        "calibration": calibration_data(decision),
        "members": [
            {
                "id": m.id,
                "seat": None if m.seat is None else m.seat.value,
                "affiliation": m.affiliation,
                "locality": m.locality,
            }
            for m in call.members
        ],
        "criteria": [
            {
                "key": c.key,
                "name": c.label("en"),
                "weight": str(c.weight),
                "min": str(c.min),
                "max": str(c.max),
                "step": str(c.step),
                "direction": c.direction.value,
                "threshold": None if c.threshold is None else str(c.threshold),
            }
            for c in call.criteria
        ],
        "recusals": recusals_data(decision),
        "scores": score_rows,
        "ranking": ranking_data(decision),
        "ties": ties_data(decision),
        "funding_line": funding_line_data(decision),
        "funded_count": len(decision.funded),
        "funded_total": str(decision.funded_total.amount),
        "locality_minimums_not_reached": [
            {
                "locality": f.locality,
                "min_count": f.min_count,
                "funded_count": f.count,
                "min_amount": None
                if f.min_amount is None
                else str(Money.from_minor(f.min_amount, currency).amount),
                "funded_amount": str(Money.from_minor(f.amount, currency).amount),
            }
            for f in review.shortfalls
        ],
        "agreement": agreement_data(review),
        "sensitivity": sensitivity_data(review),
    }


def protocol_json(review: Review, *, redact: bool = True) -> str:
    r"""`protocol_data()` as canonical JSON text (2-space indent, newline at the end).

    Parameters
    ----------
    review : Review
        `civicgrants.scoring.review()`'s result.
    redact : bool
        Leave the score comments (personal data) out.

    Returns
    -------
    str
        The JSON text; the same review always gives the same bytes.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import review
    >>> protocol_json(review(*synthetic_round(), draws=10)).endswith("]\n}\n")
    True

    See Also
    --------
    protocol_data : the JSON value.
    protocol_text : the printable protocol.
    """
    return dump_json(protocol_data(review, redact=redact))


def protocol_text(review: Review, *, lang: str = "ru", redact: bool = True) -> str:
    """The printable commission protocol in ``lang``.

    Parameters
    ----------
    review : Review
        `civicgrants.scoring.review()`'s result.
    lang : str
        ``ru``, ``kk`` or ``en``.
    redact : bool
        Leave the score comments (personal data) out.

    Returns
    -------
    str
        Nine numbered sections, ending with a newline.

    Raises
    ------
    ValueError
        An unknown language.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import review
    >>> text = protocol_text(review(*synthetic_round(), draws=10), lang="en")
    >>> [line for line in text.splitlines() if line.startswith("  funded:")]
    ['  funded: 18, total KZT36,100,000.00 of KZT36,100,000.00']

    See Also
    --------
    protocol_data : the same record as a JSON value.
    civicgrants.io.views.scoring.review_text : the shorter ``civicgrants score`` report.
    """
    if lang not in LANGS:
        raise ValueError(f"lang: must be one of {', '.join(LANGS)}, got {lang!r}")
    call, sheet, decision = review.call, review.sheet, review.decision
    ru = lang != "en"  # the reasons are written in ru and en: kk shows the Russian

    def t(key: str, **values: object) -> str:
        return _say(key, lang, **values)

    out: list[str] = []
    title = call.names.get(lang) if call.names is not None else call.id
    out.append(t("protocol_title"))
    out.append(f"{t('call')}: {title} ({call.id})")
    out.append(
        f"{t('pot')}: {money(decision.pot, lang)}; {t('max_grant')}: "
        f"{money(decision.max_grant, lang) if decision.max_grant is not None else MISSING}"
    )
    out.append(
        f"{t('aggregation')}: {t('aggregation.' + decision.aggregation.value)}; "
        f"{t('calibration')}: "
        f"{decision.calibration.reason_ru if ru else decision.calibration.reason}"
    )
    out.append("")
    out.append(t("section.members"))
    out.append(
        table(
            [t("member"), t("seat"), t("affiliation"), t("locality")],
            [
                [
                    m.id,
                    t("seat." + ("none" if m.seat is None else m.seat.value)),
                    m.affiliation or MISSING,
                    m.locality or MISSING,
                ]
                for m in call.members
            ],
        )
    )
    out.append("")
    out.append(t("section.criteria"))
    out.append(
        table(
            [t("key"), t("name"), t("weight"), t("scale"), t("threshold")],
            [
                [
                    c.key,
                    c.label(lang),
                    number(c.weight, lang),
                    f"{number(c.min, lang)}..{number(c.max, lang)}/{number(c.step, lang)}",
                    number(c.threshold, lang) if c.threshold is not None else MISSING,
                ]
                for c in call.criteria
            ],
        )
    )
    out.append("")
    out.append(t("section.recusals"))
    if decision.recusals:
        out.append(
            table(
                [t("member"), t("application"), t("reason")],
                [
                    [r.member, r.application, r.reason_ru if ru else r.reason]
                    for r in decision.recusals
                ],
            )
        )
    else:
        out.append(t("none"))
    out.append("")
    out.append(t("section.scores"))
    out.extend(_score_grid(review, lang))
    if not redact:
        notes = sorted(
            (s.application, s.member, s.criterion, s.comment)
            for s in sheet.scores
            if s.comment is not None
        )
        for a, m, c, note in notes:
            out.append(f"  {a} / {m} / {c}: {note}")
    out.append("")
    out.append(t("section.ranking"))
    keys = list(decision.criterion_keys)
    rows = []
    for e in decision.entries:
        rows.append(
            [
                "" if e.rank is None else e.rank,
                e.application,
                *[score_text(r.aggregate, lang) for r in e.criteria],
                score_text(e.total, lang),
                verdict_text(e.outcome, lang),
                money(e.granted, lang) + (t("partial") if e.partial else ""),
                ",".join(e.recused) or MISSING,
            ]
        )
    out.append(
        table(
            [
                "#",
                t("application"),
                *keys,
                t("total"),
                t("decision"),
                t("granted"),
                t("recused"),
            ],
            rows,
            right=[0, *range(2, len(keys) + 3)],
        )
    )
    out.append("")
    out.append(t("section.reasons"))
    for e in decision.entries:
        out.append(f"  {e.application}: {e.reason_ru if ru else e.reason}")
    out.append("")
    out.append(t("section.overrides"))
    if call.overrides:
        for o in call.overrides:
            out.append(f"  {o.application}: {o.decision.value} — {o.reason}")
    else:
        out.append(t("none"))
    out.append("")
    out.append(t("section.ties"))
    if decision.ties:
        for tie in decision.ties:
            out.append(
                f"  {score_text(tie.total, lang)}: {' > '.join(tie.applications)} "
                f"({', '.join(tie.steps)})"
            )
            for lot in tie.lots:
                out.append(
                    t(
                        "lot_line",
                        seed=lot.seed,
                        over=", ".join(lot.drawn_over),
                        permutation=list(lot.permutation),
                    )
                )
    else:
        out.append(t("none"))
    out.append("")
    line = decision.funding_line
    out.append(t("section.line"))
    if not decision.funded:
        out.append("  " + t("nothing_funded"))
    else:
        out.append(
            t(
                "line_ranks",
                last_rank=line.last_funded_rank or MISSING,
                last=line.last_funded or MISSING,
                first_rank=line.first_not_funded_rank or MISSING,
                first=line.first_not_funded or MISSING,
            )
        )
    out.append(
        t(
            "line_total",
            count=len(decision.funded),
            total=money(decision.funded_total, lang),
            pot=money(decision.pot, lang),
        )
    )
    for f in review.shortfalls:
        missed = []
        if f.min_count is not None:
            missed.append(t("shortfall_count", count=f.count, min_count=f.min_count))
        if f.min_amount is not None:
            got = money(Money.from_minor(f.amount, decision.currency), lang)
            need = money(Money.from_minor(f.min_amount, decision.currency), lang)
            missed.append(t("shortfall_amount", amount=got, min_amount=need))
        out.append(t("shortfall", locality=f.locality, missed="; ".join(missed)))
    return "\n".join(out) + "\n"


def _text(description: str, *, nullable: bool = False) -> dict[str, Any]:
    return {"type": ["string", "null"] if nullable else "string", "description": description}


def _exact(description: str, *, nullable: bool = False, signed: bool = False) -> dict[str, Any]:
    sign = "-?" if signed else ""
    return {
        **_text(description, nullable=nullable),
        "pattern": f"^{sign}[0-9]+(\\.[0-9]+)?$",
    }


def _fraction(description: str) -> dict[str, Any]:
    return {**_text(description), "pattern": "^-?[0-9]+(/[0-9]+)?$"}


def _objects(
    description: str, properties: dict[str, Any], *, open_: bool = False
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": open_,
    }
    return {"type": "array", "description": description, "items": item}


def protocol_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the ``civicgrants/commission-protocol@1`` document.

    The protocol is written, never read back, so this schema describes what
    `protocol_data()` gives: every top-level key, the members, criteria, recusals,
    scores, ranking and funding line in full; the statistics (calibration, agreement,
    sensitivity, tie-breaks, overrides) as objects whose keys the views define.

    Returns
    -------
    dict of str to Any
        The schema, without ``$schema`` and ``$id`` (`civicgrants.io.schema` adds them).

    Examples
    --------
    >>> s = protocol_schema()
    >>> s["properties"]["schema"]["const"]
    'civicgrants/commission-protocol@1'
    >>> s["required"][:3]
    ['schema', 'call', 'currency']

    See Also
    --------
    protocol_data : the document it describes.
    civicgrants.io.schema.json_schema : ``json_schema("commission-protocol")``.
    """
    tag = "civicgrants/commission-protocol@1"
    decision = {"enum": [v.value for v in Verdict]}
    properties: dict[str, Any] = {
        "schema": {"const": tag, "description": "The document's type and version."},
        "call": _text("The id of the call decided."),
        "currency": {**_text("The ISO-4217 code of every amount."), "pattern": "^[A-Z]{3}$"},
        "pot": _exact("The money the call distributes, exact."),
        "max_grant": _exact("The largest grant one application may get.", nullable=True),
        "aggregation": _text("How the members' scores of a criterion are combined."),
        "seed": {"type": "integer", "description": "The seed of the lots drawn to break ties."},
        "calibration": {
            "type": "object",
            "description": "Whether and how members' scores were calibrated, and why.",
            "properties": {
                "method": _text("The calibration method.", nullable=True),
                "applied": {"type": "boolean"},
                "reason": _text("Why it was (not) applied."),
            },
            "required": ["method", "applied", "reason"],
        },
        "members": _objects(
            "The commission's members and their seats.",
            {
                "id": _text("The member's id."),
                "seat": _text("The seat the member holds.", nullable=True),
                "affiliation": _text("The member's organisation.", nullable=True),
                "locality": _text("The member's locality.", nullable=True),
            },
        ),
        "criteria": _objects(
            "The call's criteria with their weights and scales.",
            {
                "key": _text("The criterion's key."),
                "name": _text("Its name in English."),
                "weight": _exact("Its weight."),
                "min": _exact("The lowest score.", signed=True),
                "max": _exact("The highest score.", signed=True),
                "step": _exact("The score step."),
                "direction": {"enum": ["higher_is_better", "lower_is_better"]},
                "threshold": _exact("The pass mark.", nullable=True, signed=True),
            },
        ),
        "recusals": _objects(
            "Who did not score what, and why.",
            {
                "member": _text("The member's id."),
                "application": _text("The application's id."),
                "reason": _text("Why the member stood aside."),
            },
        ),
        "scores": {
            "type": "array",
            "description": "Every score given; comments only when not redacted.",
            "items": {
                "type": "object",
                "properties": {
                    "application": _text("The application's id."),
                    "member": _text("The member's id."),
                    "criterion": _text("The criterion's key."),
                    "score": {
                        **_text('The score, or "n/a" when the criterion does not apply.'),
                        "pattern": "^(-?[0-9]+(\\.[0-9]+)?|n/a)$",
                    },
                    "confidence": _exact("The member's confidence."),
                    "comment": _text("The member's comment (personal data)."),
                },
                "required": ["application", "member", "criterion", "score"],
                "additionalProperties": False,
            },
        },
        "ranking": {
            "type": "array",
            "description": "Every application in rank order, with its decision and why.",
            "items": {
                "type": "object",
                "properties": {
                    "application": _text("The application's id."),
                    "rank": {"type": ["integer", "null"], "minimum": 1},
                    "locality": _text("The application's locality.", nullable=True),
                    "score": _exact("The total score, rounded to 2 places.", nullable=True),
                    "score_exact": {
                        **_fraction("The exact total score, as a fraction."),
                        "type": ["string", "null"],
                    },
                    "criteria": {
                        "type": "object",
                        "description": "Per criterion key: the aggregate and who counted.",
                        "additionalProperties": {"type": "object"},
                    },
                    "decision": decision,
                    "requested": _exact("The amount requested.", nullable=True),
                    "grant": _exact("The grant the application would get.", nullable=True),
                    "granted": _exact("The amount granted.", nullable=True),
                    "reason": _text("Why the decision is what it is."),
                },
                "required": ["application", "rank", "decision", "reason"],
            },
        },
        "ties": {"type": "array", "description": "The ties and how each was broken."},
        "funding_line": {
            "type": "object",
            "description": "The last application funded and the first not funded.",
            "properties": {
                "last_funded": _text("Its id.", nullable=True),
                "last_funded_rank": {"type": ["integer", "null"]},
                "first_not_funded": _text("Its id.", nullable=True),
                "first_not_funded_rank": {"type": ["integer", "null"]},
            },
        },
        "funded_count": {"type": "integer", "minimum": 0},
        "funded_total": _exact("The total granted, exact."),
        "locality_minimums_not_reached": _objects(
            "Localities whose minimum count or amount of grants was not reached.",
            {
                "locality": _text("The locality's id."),
                "min_count": {"type": ["integer", "null"]},
                "funded_count": {"type": "integer", "minimum": 0},
                "min_amount": _exact("The minimum amount.", nullable=True),
                "funded_amount": _exact("The amount funded."),
            },
        ),
        "agreement": {
            "type": "object",
            "description": "Per criterion key: Kendall's W of the members' scores, and its band.",
        },
        "sensitivity": {
            "type": "array",
            "description": "Applications near the funding line: how likely their decision flips.",
            "items": {"type": "object"},
        },
    }
    return {
        "type": "object",
        "title": "Commission protocol",
        "description": "The commission's decision record, as `civicgrants score --protocol` "
        "writes it: members, recusals, scores, ranking, decisions and the funding line.",
        "properties": properties,
        "required": [k for k in properties if k != "max_grant"] + ["max_grant"],
        "additionalProperties": False,
    }
