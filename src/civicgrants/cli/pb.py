"""The ``civicgrants pb`` command and its step of ``civicgrants demo``.

Kept lean at import time: heavy modules (numpy, attrs) are imported inside the functions.

JSON output (``--format json``) is one object with sorted keys: ``rule``, ``sat``,
``completion``, ``tie_break``, ``selected`` (project ids in selection order), ``cost`` and
``budget``. Amounts are JSON numbers: integers when whole, otherwise decimal numbers
written exactly as in the file (never rounded through a float on our side).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from decimal import Decimal

    from civicgrants.scoring.vote import Election, Outcome

__all__ = ["add_parser", "demo", "run"]

_DEMO_FILE = "poland_warszawa_2018_zerzen.pb"


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the ``pb`` sub-command."""
    p = sub.add_parser(
        "pb",
        help="count a residents' vote from a pabulib .pb file (greedy or equal shares)",
        description="Read a pabulib .pb file and count it with the greedy rule or the "
        "Method of Equal Shares. With the default --tie-break lexico, selections equal "
        "pabutools 1.2.3's (greedy_utilitarian_welfare / method_of_equal_shares with its "
        "default lexicographic tie-breaking); the other tie-breaks are not checked against "
        "pabutools.",
    )
    p.add_argument("file", metavar="FILE.pb", help="the pabulib file")
    p.add_argument("--rule", choices=["greedy", "mes"], default="greedy", help="default greedy")
    p.add_argument(
        "--sat",
        choices=["cost", "cardinality", "points", "borda"],
        default=None,
        help="satisfaction (default: cost for approval, points for cumulative, "
        "borda for ordinal ballots)",
    )
    p.add_argument(
        "--completion",
        choices=["none", "add1", "utilitarian", "add1_utilitarian"],
        default="none",
        help="MES completion (default none)",
    )
    p.add_argument(
        "--tie-break",
        choices=["lexico", "min_cost", "max_cost", "app_score"],
        default="lexico",
        help="how ties are broken (default lexico: by project id, as pabutools' default; "
        "min_cost, max_cost, app_score then break remaining ties by id)",
    )
    p.add_argument("--format", choices=["text", "json"], default="text", help="default text")
    p.set_defaults(run=run)


def _count(
    election: Election, rule: str, sat: str | None, completion: str | None, tie: str
) -> Outcome:
    from civicgrants.scoring.vote import equal_shares, greedy

    if rule == "greedy":
        if completion is not None:
            from civicgrants.errors import ValidationError

            raise ValidationError([])  # unreachable via the CLI checks below
        return greedy(election, sat, tie_break=tie)
    return equal_shares(election, sat, completion=completion, tie_break=tie)


def _number(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else format(value, "f")


def _json(outcome: Outcome) -> str:
    import json

    body = {
        "budget": "@B",
        "completion": outcome.completion,
        "cost": "@C",
        "rule": outcome.rule,
        "sat": outcome.sat,
        "selected": list(outcome.selected),
        "tie_break": outcome.tie_break,
    }
    text = json.dumps(body, sort_keys=True, ensure_ascii=False)
    return text.replace('"@B"', _number(outcome.budget)).replace('"@C"', _number(outcome.cost))


def _run(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.errors import CivicGrantsError

    completion = None if args.completion == "none" else args.completion
    if args.rule == "greedy" and completion is not None:
        raise CivicGrantsError(f"--completion {completion} applies to --rule mes only")
    from civicgrants.io.pabulib import read_pb

    election = read_pb(args.file)
    outcome = _count(election, args.rule, args.sat, completion, args.tie_break)
    if args.format == "json":
        out.write(_json(outcome) + "\n")
        return 0
    _text(election, outcome, out)
    return 0


def _text(election: Election, outcome: Outcome, out: TextIO) -> None:
    from civicgrants.scoring.vote import satisfaction_summary

    label = "greedy" if outcome.rule == "greedy" else "Method of Equal Shares"
    if outcome.completion:
        label += f" + {outcome.completion} completion"
    out.write(
        f"{label}, satisfaction {outcome.sat}, ties {outcome.tie_break}: "
        f"{len(outcome.selected)} of {election.n_projects} projects funded, "
        f"{_number(outcome.cost)} of {_number(outcome.budget)} spent; {election.n_voters} voters\n"
    )
    out.write("funded, in selection order:\n")
    for pid in outcome.selected:
        cost = election.costs[election.index(pid)]
        why = outcome.explain(pid)
        reason = next((d.reason for d in why if d.selected), "")
        out.write(f"  {pid}  cost {_number(cost)}  ({reason})\n")
    skipped = [d for d in outcome.decisions if not d.selected and d.project not in outcome.selected]
    if skipped:
        out.write("not funded:\n")
        seen: set[str] = set()
        for d in skipped:
            if d.project in seen:
                continue
            seen.add(d.project)
            out.write(f"  {d.project}  {d.reason}\n")
    s = satisfaction_summary(election, outcome.selected, outcome.sat)
    q = ", ".join(f"{int(k * 100)}%: {v:.2f}" for k, v in s.quantiles)
    out.write(
        f"voters' satisfaction ({s.sat}; share of what their ballot asked for): "
        f"{s.counted} counted, {s.zero} got nothing, {s.full} got everything, "
        f"mean share {s.mean_share:.2f}; quantiles {q}\n"
    )


def demo(out: TextIO) -> None:
    """Print this step of the cycle for ``civicgrants demo``."""
    from importlib.resources import files

    from civicgrants.io.pabulib import loads_pb
    from civicgrants.scoring.vote import equal_shares, greedy

    data = files("civicgrants.datasets").joinpath(_DEMO_FILE).read_bytes()
    election = loads_pb(data, name=_DEMO_FILE)
    g = greedy(election)
    m = equal_shares(election)
    out.write(f"\n{'=' * 78}\nStep of the cycle: residents' vote (a real pabulib election)\n")
    out.write(
        f"  {_DEMO_FILE} (pabulib open data): {election.n_voters} approval ballots, "
        f"{election.n_projects} projects, budget {_number(election.budget)}\n"
    )
    for name, o in (("greedy", g), ("equal shares (MES)", m)):
        out.write(f"  {name}: funds {', '.join(o.selected)} for {_number(o.cost)}\n")
    only_g = [p for p in g.selected if p not in m.selected]
    only_m = [p for p in m.selected if p not in g.selected]
    for pid in only_g:
        reason = next(d.reason for d in m.explain(pid) if not d.selected)
        out.write(f"  why they differ: MES skips {pid}: {reason}\n")
    for pid in only_m:
        reason = next(d.reason for d in g.explain(pid) if not d.selected)
        out.write(f"  why they differ: greedy skips {pid}: {reason}\n")


run = _run
