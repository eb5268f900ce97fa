"""The ``civicgrants score`` command and its step of ``civicgrants demo``.

Kept lean at import time: heavy modules are imported inside the functions.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from civicgrants.model.programme import Call
    from civicgrants.scoring.commission import CommissionDecision
    from civicgrants.scoring.sheet import ScoreSheet

__all__ = ["add_parser", "demo", "extras", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the ``score`` sub-command."""
    p = sub.add_parser(
        "score",
        help="score a call: ranking, funding decisions, recusals, agreement, sensitivity",
        description="Apply the evaluation commission's rules to a call (civicgrants/call@1 JSON) "
        "and its score sheet (a long CSV: application, member, criterion, score[, confidence]"
        "[, comment]): recusals, aggregates, ranking with the tie-break cascade, funding under "
        "the pot. Bad rows (a recused member's score, unknown ids, off-scale values) are errors.",
    )
    p.add_argument("call", help="the call document (JSON)")
    p.add_argument("scores", help="the score sheet (CSV)")
    p.add_argument(
        "--format", default="text", choices=["text", "json"], help="output format (default text)"
    )
    p.add_argument("--lang", default="en", choices=["ru", "en"], help="language of the text")
    p.add_argument(
        "--protocol",
        metavar="FILE",
        help="also write the protocol here: the printable text in --lang, or the decision "
        "record as a JSON document when FILE ends in .json",
    )
    p.set_defaults(run=run)


def extras(
    call: Call, sheet: ScoreSheet, decision: CommissionDecision, *, draws: int = 2000
) -> tuple[dict[str, Any], list[Any]]:
    """Agreement (Kendall's W) and funding-line sensitivity, as JSON-ready data.

    Both come from :mod:`civicgrants.scoring.robustness`, which hands the
    vectorised evaluators the whole round: scores, scales, thresholds, grants,
    pot, partial funding, locality limits, overrides and the exact tie order.
    Each sensitivity entry also carries the smallest change of the pot that
    flips the decision (exact, :func:`civicgrants.scoring.funding.pot_flip`).
    """
    from civicgrants.io.findings import json_value
    from civicgrants.scoring.funding import pot_flip
    from civicgrants.scoring.robustness import agreement, sensitivity, to_panel

    panel = to_panel(call, sheet, decision)  # once, for both reports
    w = {k: json_value(v) for k, v in agreement(call, sheet, decision, panel=panel).items()}
    report = []
    for flip in sensitivity(call, sheet, decision, draws=draws, near=3, panel=panel):
        change = flip.change
        pot_change = pot_flip(decision, flip.application_id)
        report.append(
            {
                "application": flip.application_id,
                "rank": decision.entry(flip.application_id).rank,
                "position": flip.position + 1,
                "decision": flip.decision,
                "flip_probability": round(flip.probability, 4),
                "stderr": round(flip.stderr, 4),
                "draws": flip.draws,
                "seed": flip.seed,
                "noise": [round(x, 6) for x in flip.noise],
                "score_change": None
                if change is None
                else {
                    "member": change.member_id,
                    "criterion": change.criterion_id,
                    "from": _score_text(change.from_),
                    "to": _score_text(change.to),
                    "steps": change.steps,
                },
                "pot_change": None if pot_change is None else str(pot_change.amount),
            }
        )
    return w, report


def _score_text(value: float) -> str:
    """A score the sensitivity proposes, as the shortest exact decimal text (``"4"``, ``"6.5"``)."""
    text = repr(round(value, 6))
    return text[:-2] if text.endswith(".0") else text


def _score(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.errors import DocumentError, ValidationError
    from civicgrants.io.documents import load
    from civicgrants.io.protocol import protocol_data, protocol_text
    from civicgrants.io.scores_csv import load_scores
    from civicgrants.model.programme import Call
    from civicgrants.scoring.commission import decide
    from civicgrants.scoring.recusal import missing_scores

    call = load(args.call, Call)
    sheet = load_scores(args.scores)
    try:
        decision = decide(call, sheet)
    except ValidationError as exc:  # a call that cannot be decided, or a bad score row
        rows = sheet.source or args.scores
        in_sheet = any(p.path.startswith(f"{rows}:") for p in exc.problems)
        raise DocumentError(rows if in_sheet else args.call, exc.problems) from exc
    agreement, sensitivity = extras(call, sheet, decision)
    missing = missing_scores(call, sheet)
    if args.protocol:
        from pathlib import Path

        from civicgrants.io.protocol import protocol_json

        target = Path(args.protocol)
        if target.suffix.lower() == ".json":  # the decision record as a document
            text = protocol_json(
                call, sheet, decision, agreement=agreement, sensitivity=sensitivity
            )
        else:  # the printable protocol
            text = protocol_text(call, sheet, decision, lang=args.lang)
        target.write_text(text, encoding="utf-8")
    if args.format == "json":
        data = protocol_data(call, sheet, decision, agreement=agreement, sensitivity=sensitivity)
        result = {
            "ranking": data["ranking"],
            "funded_total": data["funded_total"],
            "agreement": agreement,
            "sensitivity": sensitivity,
            "call": data["call"],
            "currency": data["currency"],
            "pot": data["pot"],
            "funded_count": data["funded_count"],
            "funding_line": data["funding_line"],
            "recusals": data["recusals"],
            "ties": data["ties"],
            "calibration": data["calibration"],
            "missing": [{"application": a, "member": m, "criterion": c} for a, m, c in missing],
        }
        print(json.dumps(result, ensure_ascii=False, indent=2), file=out)
        return 0
    _print_text(call, decision, agreement, sensitivity, args.lang, out, limit=None)
    if missing:
        ru = args.lang == "ru"
        head = "Нет оценок" if ru else "Missing scores"
        cells = ", ".join(f"{a}/{m}/{c}" for a, m, c in missing)
        print(f"\n{head} ({len(missing)}): {cells}", file=out)
    return 0


_STEP_RU = {"contribution_share": "доля софинансирования", "lot": "жребий"}
_BAND_RU = {
    "weak": "слабое",
    "moderate": "умеренное",
    "strong": "сильное",
    "undefined": "не определено",
}


def _print_text(
    call: Call,
    decision: CommissionDecision,
    agreement: dict[str, Any],
    sensitivity: list[Any],
    lang: str,
    out: TextIO,
    *,
    limit: int | None,
) -> None:
    from civicgrants.io.table import table
    from civicgrants.model.money import Money
    from civicgrants.scoring.commission import display, money_text

    ru = lang == "ru"

    def t(r: str, e: str) -> str:
        return r if ru else e

    def money(m: Money) -> str:
        return money_text(m, lang)

    def step(value: str) -> str:
        if not ru:
            return value
        if value.startswith("criterion:"):
            return "критерий " + value.removeprefix("criterion:")
        return _STEP_RU.get(value, value)

    def outcome(value: str) -> str:
        from civicgrants.io.protocol import DECISION_NAMES

        return DECISION_NAMES["ru"].get(value, value) if ru else value  # en: the codes of the JSON

    entries = decision.entries if limit is None else decision.entries[:limit]
    rows = [
        [
            "" if e.rank is None else e.rank,
            e.application,
            e.locality,
            display(e.total) if e.total is not None else "—",
            outcome(e.outcome.value),
            money(e.granted),
            ",".join(e.recused) or "—",
        ]
        for e in entries
    ]
    count = len(decision.entries)
    print(
        t(
            f"Рейтинг: {decision.call} (фонд {money(decision.pot)}, заявок: {count})",
            f"Ranking: {decision.call} (pot {decision.pot}, {count} applications)",
        ),
        file=out,
    )
    print(
        table(
            [
                t("место", "rank"),
                t("заявка", "application"),
                t("населённый пункт", "locality"),
                t("балл", "score"),
                t("решение", "decision"),
                t("грант", "granted"),
                t("самоотвод", "recused"),
            ],
            rows,
            right=[0, 3],
        ),
        file=out,
    )
    if limit is not None and count > limit:
        print(t(f"  … и ещё {count - limit}", f"  … {count - limit} more"), file=out)
    line = decision.funding_line
    if not decision.funded:
        where = t("ничего не профинансировано", "nothing was funded")
    elif line.last_funded is None:
        where = t("по рейтингу ничего не профинансировано", "nothing was funded by rank")
    else:
        where = t(
            f"последнее финансируемое место {line.last_funded_rank} ({line.last_funded})",
            f"last funded rank {line.last_funded_rank} ({line.last_funded})",
        )
    if line.first_not_funded is not None:
        where += t(
            f", первое нефинансируемое место {line.first_not_funded_rank} "
            f"({line.first_not_funded})",
            f", first not funded rank {line.first_not_funded_rank} ({line.first_not_funded})",
        )
    funded = len(decision.funded)
    print(
        t(
            f"\nЧерта финансирования: {where}; профинансировано заявок: {funded}, "
            f"{money(decision.funded_total)} из {money(decision.pot)}",
            f"\nFunding line: {where}; {funded} funded, {decision.funded_total} of {decision.pot}",
        ),
        file=out,
    )
    print(
        t(f"\nСамоотводы ({len(decision.recusals)}):", f"\nRecusals ({len(decision.recusals)}):"),
        file=out,
    )
    shown = decision.recusals if limit is None else decision.recusals[:8]
    for r in shown:
        print(
            t(
                f"  {r.member} по заявке {r.application}: {r.reason_ru}",
                f"  {r.member} from {r.application}: {r.reason}",
            ),
            file=out,
        )
    if len(shown) < len(decision.recusals):
        rest = len(decision.recusals) - len(shown)
        print(t(f"  … и ещё {rest}", f"  … {rest} more"), file=out)
    for tie in decision.ties:
        lots = "; ".join(
            t("жребий", "lot") + f" seed={lot.seed} permutation={list(lot.permutation)}"
            for lot in tie.lots
        )
        print(
            t(
                f"Равенство баллов {display(tie.total)}: {' > '.join(tie.applications)} по "
                f"{', '.join(step(x) for x in tie.steps)}{'; ' + lots if lots else ''}",
                f"Tie at {display(tie.total)}: {' > '.join(tie.applications)} by "
                f"{', '.join(tie.steps)}{'; ' + lots if lots else ''}",
            ),
            file=out,
        )
    print(
        t(
            "\nСогласованность оценок членов комиссии (W Кендалла, исходные баллы)",
            "\nAgreement between members (Kendall's W, raw scores)",
        ),
        file=out,
    )
    print(
        table(
            [
                t("критерий", "criterion"),
                "W",
                t("уровень", "band"),
                "p",
                t("заявок", "applications"),
            ],
            [
                [
                    t("итог", key) if key == "total" else key,
                    "—" if a["w"] is None else f"{a['w']:.3f}",
                    _BAND_RU.get(a["band"], a["band"]) if ru else a["band"],
                    "—" if a["p_value"] is None else f"{a['p_value']:.4f}",
                    a["items"],
                ]
                for key, a in agreement.items()
            ],
            right=[1, 3, 4],
        ),
        file=out,
    )
    if sensitivity:
        first = sensitivity[0]
        print(
            t(
                f"\nУстойчивость решений у черты финансирования ({first['draws']} прогонов, "
                f"seed {first['seed']}, шум — один шаг шкалы на оценку)",
                f"\nSensitivity near the funding line ({first['draws']} draws, "
                f"seed {first['seed']}, noise one scale step per score)",
            ),
            file=out,
        )
        rows = []
        for item in sensitivity:
            c = item["score_change"]
            pot = item["pot_change"]
            if pot is None:
                pot_text = "—"
            elif ru:
                amount = Decimal(pot)
                pot_text = ("+" if amount > 0 else "") + Money(amount, decision.currency).format(
                    "ru_KZ"
                )
            else:
                pot_text = f"{Decimal(pot):+,f}"
            rows.append(
                [
                    "—" if item["rank"] is None else item["rank"],
                    item["application"],
                    outcome(item["decision"]),
                    f"{100 * item['flip_probability']:.1f}%",
                    "—"
                    if c is None
                    else t(
                        f"{c['member']}, {c['criterion']}: {c['from']} → {c['to']}",
                        f"{c['member']} on {c['criterion']}: {c['from']} → {c['to']}",
                    ),
                    pot_text,
                ]
            )
        print(
            table(
                [
                    t("место", "rank"),
                    t("заявка", "application"),
                    t("решение", "decision"),
                    t("смена решения", "flips"),
                    t("наименьшее изменение оценки", "smallest score change"),
                    t("изменение фонда", "pot change"),
                ],
                rows,
                right=[0, 3, 5],
            ),
            file=out,
        )


def demo(out: TextIO) -> None:
    """Print this step of the cycle for ``civicgrants demo``."""
    from civicgrants.datasets.synthetic_round import synthetic_round
    from civicgrants.scoring.commission import decide
    from civicgrants.scoring.funding import pot_flip

    print(
        f"\n{'=' * 78}\nStep of the cycle: commission scoring "
        "(SYNTHETIC, seeded data — real scores were never published)",
        file=out,
    )
    call, sheet = synthetic_round()
    decision = decide(call, sheet)
    print(
        "Stage II, Mangistau: 53 synthetic applications (the brochure prints 50 applications "
        "and 18 grants), 4 members (one per seat), 4 criteria on 0–10, weight 1, mean; "
        "members are recused from their own locality; the pot funds exactly 18.",
        file=out,
    )
    agreement, sensitivity = extras(call, sheet, decision)
    _print_text(call, decision, agreement, sensitivity, "en", out, limit=22)
    line = decision.funding_line
    if line.first_not_funded is not None:
        change = pot_flip(decision, line.first_not_funded)
        print(
            f"Pot change that would fund {line.first_not_funded} (rank "
            f"{line.first_not_funded_rank}): {change}",
            file=out,
        )


run = _score
