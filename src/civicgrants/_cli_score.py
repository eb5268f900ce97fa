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

__all__ = ["add_parser", "demo", "extras"]


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
    p.add_argument("--format", default="text", choices=["text", "json"])
    p.add_argument("--lang", default="en", choices=["ru", "en"], help="language of the text")
    p.add_argument("--protocol", metavar="FILE", help="also write the printable protocol here")
    p.set_defaults(run=_score)


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
    from civicgrants.scoring.funding import pot_flip
    from civicgrants.scoring.robustness import agreement, sensitivity

    w = {k: _jsonable(v) for k, v in agreement(call, sheet, decision).items()}
    report = []
    for flip in sensitivity(call, sheet, decision, draws=draws, near=3):
        change = flip.change
        pot_change = pot_flip(decision, flip.application_id)
        report.append(
            {
                "application": flip.application_id,
                "rank": flip.position + 1,
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
                    "from": _jsonable(change.from_),
                    "to": _jsonable(change.to),
                    "steps": change.steps,
                },
                "pot_change": None if pot_change is None else str(pot_change.amount),
            }
        )
    return w, report


def _jsonable(value: Any) -> Any:
    import attrs

    if attrs.has(type(value)):
        return _jsonable(attrs.asdict(value, recurse=False))
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    if isinstance(value, float):
        return None if value != value else round(value, 6)
    return str(value)


def _score(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.io.documents import load
    from civicgrants.io.protocol import protocol_data, protocol_text
    from civicgrants.io.scores_csv import load_scores
    from civicgrants.model.programme import Call
    from civicgrants.scoring.commission import decide

    call = load(args.call, Call)
    sheet = load_scores(args.scores)
    decision = decide(call, sheet)
    agreement, sensitivity = extras(call, sheet, decision)
    if args.protocol:
        from pathlib import Path

        Path(args.protocol).write_text(
            protocol_text(call, sheet, decision, lang=args.lang), encoding="utf-8"
        )
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
        }
        print(json.dumps(result, ensure_ascii=False, indent=2), file=out)
        return 0
    _print_text(call, decision, agreement, sensitivity, args.lang, out, limit=None)
    return 0


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
    from civicgrants._text import table
    from civicgrants.scoring.commission import display

    ru = lang == "ru"
    entries = decision.entries if limit is None else decision.entries[:limit]
    rows = [
        [
            "" if e.rank is None else e.rank,
            e.application,
            e.locality,
            display(e.total) if e.total is not None else "—",
            e.outcome.value,
            e.granted.format("ru_KZ") if ru else str(e.granted),
            ",".join(e.recused) or "—",
        ]
        for e in entries
    ]
    print(
        f"{'Рейтинг' if ru else 'Ranking'}: {decision.call} "
        f"(pot {decision.pot}, {len(decision.entries)} applications)",
        file=out,
    )
    print(
        table(
            ["rank", "application", "locality", "score", "decision", "granted", "recused"],
            rows,
            right=[0, 3],
        ),
        file=out,
    )
    if limit is not None and len(decision.entries) > limit:
        print(f"  … {len(decision.entries) - limit} more", file=out)
    line = decision.funding_line
    print(
        f"\nFunding line: last funded rank {line.last_funded_rank} ({line.last_funded}), "
        f"first not funded rank {line.first_not_funded_rank} ({line.first_not_funded}); "
        f"{len(decision.funded)} funded, {decision.funded_total} of {decision.pot}",
        file=out,
    )
    print(f"\nRecusals ({len(decision.recusals)}):", file=out)
    shown = decision.recusals if limit is None else decision.recusals[:8]
    for r in shown:
        print(f"  {r.member} from {r.application}: {r.reason_ru if ru else r.reason}", file=out)
    if len(shown) < len(decision.recusals):
        print(f"  … {len(decision.recusals) - len(shown)} more", file=out)
    for tie in decision.ties:
        lots = "; ".join(
            f"lot seed={lot.seed} permutation={list(lot.permutation)}" for lot in tie.lots
        )
        print(
            f"Tie at {display(tie.total)}: {' > '.join(tie.applications)} by "
            f"{', '.join(tie.steps)}{'; ' + lots if lots else ''}",
            file=out,
        )
    print("\nAgreement between members (Kendall's W, raw scores)", file=out)
    print(
        table(
            ["criterion", "W", "band", "p", "applications"],
            [
                [
                    key,
                    "—" if a["w"] is None else f"{a['w']:.3f}",
                    a["band"],
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
            f"\nSensitivity near the funding line ({first['draws']} draws, seed {first['seed']}, "
            "noise one scale step per score)",
            file=out,
        )
        rows = []
        for item in sensitivity:
            c = item["score_change"]
            rows.append(
                [
                    item["rank"],
                    item["application"],
                    item["decision"],
                    f"{100 * item['flip_probability']:.1f}%",
                    "—"
                    if c is None
                    else f"{c['member']} on {c['criterion']}: {c['from']} → {c['to']}",
                    "—" if item["pot_change"] is None else f"{Decimal(item['pot_change']):+,f}",
                ]
            )
        print(
            table(
                ["rank", "application", "decision", "flips", "smallest score change", "pot change"],
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
