"""The commission protocol: the decision record as JSON data and as printable text (ru, en).

«Протокол заседания конкурсной комиссии»: the members and their seats, the
recusals with reasons, who scored what, per application the aggregates and
totals, ranks, decisions, granted amounts and reasons, overrides with their
reasons, the funding line, and the tie-breaks with the lots and the seed.
The same inputs give byte-identical output. Score comments (personal data)
appear only with ``redact=False``.

Examples
--------
>>> from civicgrants.datasets.synthetic_round import synthetic_round
>>> from civicgrants.scoring import decide
>>> call, sheet = synthetic_round()
>>> text = protocol_text(call, sheet, decide(call, sheet), lang="ru")
>>> text.splitlines()[0]
'ПРОТОКОЛ ЗАСЕДАНИЯ КОНКУРСНОЙ КОМИССИИ'
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

from civicgrants.io.table import table
from civicgrants.model.money import Money
from civicgrants.model.programme import Call
from civicgrants.scoring.commission import CommissionDecision, display, money_text
from civicgrants.scoring.funding import shortfalls
from civicgrants.scoring.sheet import ScoreSheet

__all__ = ["DECISION_NAMES", "protocol_data", "protocol_json", "protocol_text"]

_SEAT = {
    "ru": {
        "district_akimat": "представитель акимата района",
        "village_akim": "аким населённого пункта",
        "donor": "представитель донора",
        "implementer": "представитель исполнителя",
        None: "—",
    },
    "en": {
        "district_akimat": "district akimat representative",
        "village_akim": "akim of the locality",
        "donor": "donor's representative",
        "implementer": "implementer's representative",
        None: "—",
    },
}
DECISION_NAMES = {
    "ru": {
        "funded": "финансировать",
        "not_funded": "не финансировать",
        "below_threshold": "ниже порога",
    },
    "en": {"funded": "funded", "not_funded": "not funded", "below_threshold": "below threshold"},
}
"""How a decision is written for people, per language (the data keeps the codes)."""
_NOT_APPLICABLE = {"ru": "н/п", "en": "n/a"}
_AGGREGATION = {
    "ru": {
        "mean": "среднее",
        "median": "медиана",
        "trimmed_mean": "усечённое среднее",
        "confidence_mean": "среднее, взвешенное по уверенности",
    },
    "en": {
        "mean": "mean",
        "median": "median",
        "trimmed_mean": "trimmed mean",
        "confidence_mean": "confidence-weighted mean",
    },
}
_MISSING = "—"


def _exact(value: Fraction | None) -> str | None:
    return None if value is None else str(value)


def _shown(value: Fraction | None) -> str | None:
    return None if value is None else display(value)


_GRID_WIDTH = 100
"""The widest line of the score grid; more members are split into blocks of columns."""


def _grid_score(value: Decimal | None, lang: str) -> str:
    if value is None:
        return _NOT_APPLICABLE[lang]
    return format(value, "f")


def _score_grid(
    call: Call, sheet: ScoreSheet, decision: CommissionDecision, lang: str
) -> list[str]:
    """Who scored what: one row per application, one column per member, with a legend.

    A cell lists the member's scores on the criteria in call order, joined by
    ``·``: a number, ``n/a`` (``н/п``) for not applicable, ``—`` for a missing
    score (``—`` alone when the member gave none at all), or ``recused``
    (``самоотвод``) for a recused member.
    """
    ru = lang == "ru"
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
                row.append("самоотвод" if ru else "recused")
                continue
            mine = given.get((a.id, m))
            if mine is None:
                row.append(_MISSING)
                continue
            row.append(
                "·".join(_grid_score(mine[k], lang) if k in mine else _MISSING for k in keys)
            )
        cells[a.id] = row
    first = max([len("заявка" if ru else "application"), *(len(a.id) for a in call.applications)])
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
    na = _NOT_APPLICABLE[lang]
    if ru:
        legend = [
            f"  В ячейке — оценки члена комиссии по критериям {'·'.join(keys)};",
            f"  «{na}» — критерий неприменим, «{_MISSING}» — оценки нет,",
            "  «самоотвод» — член комиссии заявку не оценивал (раздел 3).",
        ]
    else:
        legend = [
            f"  Each cell: the member's scores on {'·'.join(keys)};",
            f"  '{na}' = not applicable, '{_MISSING}' = no score given,",
            "  'recused' = the member did not score the application (section 3).",
        ]
    out = list(legend)
    for block in blocks:
        out.append(
            table(
                ["заявка" if ru else "application", *(members[i] for i in block)],
                [[a.id, *(cells[a.id][i] for i in block)] for a in call.applications],
                right=list(range(1, len(block) + 1)),
            )
        )
    return out


def protocol_data(
    call: Call,
    sheet: ScoreSheet,
    decision: CommissionDecision,
    *,
    agreement: dict[str, Any] | None = None,
    sensitivity: list[Any] | None = None,
    redact: bool = True,
) -> dict[str, Any]:
    """The protocol as a JSON value (exact values as fraction strings, display values rounded)."""
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
    return {
        "schema": "civicgrants/commission-protocol@1",
        "call": decision.call,
        "currency": decision.currency,
        "pot": str(decision.pot.amount),
        "max_grant": None if decision.max_grant is None else str(decision.max_grant.amount),
        "aggregation": decision.aggregation.value,
        "seed": decision.seed,
        "calibration": {
            "method": None
            if decision.calibration.method is None
            else decision.calibration.method.value,
            "applied": decision.calibration.applied,
            "reason": decision.calibration.reason,
        },
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
        "recusals": [
            {"member": r.member, "application": r.application, "reason": r.reason}
            for r in decision.recusals
        ],
        "scores": score_rows,
        "ranking": [
            {
                "application": e.application,
                "rank": e.rank,
                "locality": e.locality,
                "score": _shown(e.total),
                "score_exact": _exact(e.total),
                "criteria": {
                    r.criterion: {
                        "aggregate": _shown(r.aggregate),
                        "aggregate_exact": _exact(r.aggregate),
                        "counted": list(r.counted),
                        "not_applicable": list(r.not_applicable),
                        "passed": r.passed,
                    }
                    for r in e.criteria
                },
                "contribution_share": _shown(e.contribution_share * 100),
                "tie_break": e.separated_by,
                "requested": str(e.requested.amount),
                "grant": str(e.grant.amount),
                "decision": e.outcome.value,
                "granted": str(e.granted.amount),
                "partial": e.partial,
                "reason": e.reason,
                "recused": list(e.recused),
                "override": None
                if e.override is None
                else {"decision": e.override.decision.value, "reason": e.override.reason},
            }
            for e in decision.entries
        ],
        "ties": [
            {
                "score_exact": str(t.total),
                "applications": list(t.applications),
                "steps": list(t.steps),
                "lots": [
                    {
                        "seed": lot.seed,
                        "drawn_over": list(lot.drawn_over),
                        "permutation": list(lot.permutation),
                        "order": list(lot.order),
                    }
                    for lot in t.lots
                ],
            }
            for t in decision.ties
        ],
        "funding_line": {
            "last_funded": decision.funding_line.last_funded,
            "last_funded_rank": decision.funding_line.last_funded_rank,
            "first_not_funded": decision.funding_line.first_not_funded,
            "first_not_funded_rank": decision.funding_line.first_not_funded_rank,
        },
        "funded_count": len(decision.funded),
        "funded_total": str(decision.funded_total.amount),
        "locality_minimums_not_reached": [
            {
                "locality": f.locality,
                "min_count": f.min_count,
                "funded_count": f.count,
                "min_amount": None
                if f.min_amount is None
                else str(Money.from_minor(f.min_amount, decision.currency).amount),
                "funded_amount": str(Money.from_minor(f.amount, decision.currency).amount),
            }
            for f in shortfalls(decision)
        ],
        "agreement": agreement or {},
        "sensitivity": sensitivity or [],
    }


def protocol_json(call: Call, sheet: ScoreSheet, decision: CommissionDecision, **kw: Any) -> str:
    """:func:`protocol_data` as canonical JSON text (2-space indent, newline at the end)."""
    return (
        json.dumps(protocol_data(call, sheet, decision, **kw), ensure_ascii=False, indent=2) + "\n"
    )


def protocol_text(
    call: Call,
    sheet: ScoreSheet,
    decision: CommissionDecision,
    *,
    lang: str = "ru",
    redact: bool = True,
) -> str:
    """The printable commission protocol in ``lang`` (``"ru"`` or ``"en"``)."""
    if lang not in ("ru", "en"):
        raise ValueError(f"lang: must be 'ru' or 'en', got {lang!r}")
    ru = lang == "ru"

    def t(r: str, e: str) -> str:
        return r if ru else e

    def money(m: Money) -> str:
        return money_text(m, lang)

    out: list[str] = []
    title = call.names.get(lang) if call.names is not None else call.id
    out.append(t("ПРОТОКОЛ ЗАСЕДАНИЯ КОНКУРСНОЙ КОМИССИИ", "MINUTES OF THE EVALUATION COMMISSION"))
    out.append(f"{t('Конкурс', 'Call')}: {title} ({call.id})")
    out.append(
        f"{t('Фонд конкурса', 'Pot')}: {money(decision.pot)}; "
        f"{t('максимальный грант', 'maximum grant')}: "
        f"{money(decision.max_grant) if decision.max_grant is not None else '—'}"
    )
    out.append(
        f"{t('Агрегирование', 'Aggregation')}: "
        f"{_AGGREGATION[lang][decision.aggregation.value]}; "
        f"{t('калибровка', 'calibration')}: "
        f"{decision.calibration.reason_ru if ru else decision.calibration.reason}"
    )
    out.append("")
    out.append(t("1. Состав комиссии", "1. Members"))
    out.append(
        table(
            [
                t("член", "member"),
                t("место", "seat"),
                t("организация", "affiliation"),
                t("населённый пункт", "locality"),
            ],
            [
                [
                    m.id,
                    _SEAT[lang][None if m.seat is None else m.seat.value],
                    m.affiliation or "—",
                    m.locality or "—",
                ]
                for m in call.members
            ],
        )
    )
    out.append("")
    out.append(t("2. Критерии", "2. Criteria"))
    out.append(
        table(
            [
                t("ключ", "key"),
                t("название", "name"),
                t("вес", "weight"),
                t("шкала", "scale"),
                t("порог", "threshold"),
            ],
            [
                [
                    c.key,
                    c.label(lang),
                    c.weight,
                    f"{c.min}..{c.max}/{c.step}",
                    c.threshold if c.threshold is not None else "—",
                ]
                for c in call.criteria
            ],
        )
    )
    out.append("")
    out.append(t("3. Самоотводы (конфликт интересов)", "3. Recusals (conflicts of interest)"))
    if decision.recusals:
        out.append(
            table(
                [t("член", "member"), t("заявка", "application"), t("причина", "reason")],
                [
                    [r.member, r.application, r.reason_ru if ru else r.reason]
                    for r in decision.recusals
                ],
            )
        )
    else:
        out.append(t("  нет", "  none"))
    out.append("")
    out.append(t("4. Кто что оценил", "4. Who scored what"))
    out.extend(_score_grid(call, sheet, decision, lang))
    if not redact:
        notes = sorted(
            (s.application, s.member, s.criterion, s.comment)
            for s in sheet.scores
            if s.comment is not None
        )
        for a, m, c, note in notes:
            out.append(f"  {a} / {m} / {c}: {note}")
    out.append("")
    out.append(t("5. Рейтинг и решения", "5. Ranking and decisions"))
    keys = list(decision.criterion_keys)
    rows = []
    for e in decision.entries:
        rows.append(
            [
                "" if e.rank is None else e.rank,
                e.application,
                *[_shown(r.aggregate) or "—" for r in e.criteria],
                _shown(e.total) or "—",
                DECISION_NAMES[lang][e.outcome.value],
                money(e.granted) + (t(" (частично)", " (partial)") if e.partial else ""),
                ",".join(e.recused) or "—",
            ]
        )
    out.append(
        table(
            [
                "#",
                t("заявка", "application"),
                *keys,
                t("итог", "total"),
                t("решение", "decision"),
                t("грант", "granted"),
                t("самоотвод", "recused"),
            ],
            rows,
            right=[0, *range(2, len(keys) + 3)],
        )
    )
    out.append("")
    out.append(t("6. Обоснование решений", "6. Reasons"))
    for e in decision.entries:
        out.append(f"  {e.application}: {e.reason_ru if ru else e.reason}")
    out.append("")
    out.append(t("7. Решения комиссии вне рейтинга", "7. Commission overrides"))
    if call.overrides:
        for o in call.overrides:
            out.append(f"  {o.application}: {o.decision.value} — {o.reason}")
    else:
        out.append(t("  нет", "  none"))
    out.append("")
    out.append(t("8. Равенство баллов и жеребьёвка", "8. Ties and lots"))
    if decision.ties:
        for tie in decision.ties:
            out.append(
                f"  {display(tie.total)}: {' > '.join(tie.applications)} ({', '.join(tie.steps)})"
            )
            for lot in tie.lots:
                out.append(
                    f"    {t('жребий', 'lot')}: seed={lot.seed}, "
                    f"{t('среди', 'over')} {', '.join(lot.drawn_over)}, "
                    f"permutation={list(lot.permutation)}"
                )
    else:
        out.append(t("  нет", "  none"))
    out.append("")
    line = decision.funding_line
    out.append(t("9. Черта финансирования", "9. Funding line"))
    if not decision.funded:
        out.append(t("  ничего не профинансировано", "  nothing was funded"))
    else:
        out.append(
            f"  {t('последнее финансируемое место', 'last funded rank')}: "
            f"{line.last_funded_rank or '—'} ({line.last_funded or '—'}); "
            f"{t('первое нефинансируемое', 'first not funded')}: "
            f"{line.first_not_funded_rank or '—'} ({line.first_not_funded or '—'})"
        )
    out.append(
        f"  {t('профинансировано', 'funded')}: {len(decision.funded)}, "
        f"{t('на сумму', 'total')} {money(decision.funded_total)} "
        f"{t('из', 'of')} {money(decision.pot)}"
    )
    for f in shortfalls(decision):
        missed = []
        if f.min_count is not None:
            missed.append(
                t(
                    f"грантов {f.count} из минимума {f.min_count}",
                    f"{f.count} of the minimum {f.min_count} grants",
                )
            )
        if f.min_amount is not None:
            got = money(Money.from_minor(f.amount, decision.currency))
            need = money(Money.from_minor(f.min_amount, decision.currency))
            missed.append(t(f"сумма {got} из минимума {need}", f"{got} of the minimum {need}"))
        out.append(
            f"  {t('минимум населённого пункта не достигнут', 'locality minimum not reached')}: "
            f"{f.locality} — {'; '.join(missed)}"
        )
    return "\n".join(out) + "\n"
