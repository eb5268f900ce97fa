"""``civicgrants budget check|summary FILE``: audit a budget, or total it."""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from civicgrants.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    Parser,
)
from civicgrants.errors import CivicGrantsError
from civicgrants.io.table import table

if TYPE_CHECKING:
    from civicgrants.budget import Budget
    from civicgrants.model import Finding, Money

__all__ = ["add_parser"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    budget = sub.add_parser(
        "budget",
        help="audit or summarise a budget (CSV or xlsx)",
        description="Budgets: the audit that catches real errors, and totals by section and source.",
    )
    budget_sub = budget.add_subparsers(
        dest="budget_command", metavar="COMMAND", parser_class=Parser
    )
    check_b = budget_sub.add_parser(
        "check",
        help="every finding of the audit; exit 0 clean, 1 with errors, 2 unreadable",
        description="Audit a budget: line arithmetic, subtotals (reported once, at the lowest "
        "group, with the likely omission), funding splits, duplicated lines, payroll rates, "
        "participants against catering and handouts, and unreadable values. Exit status: 0 "
        "without error findings, 1 with them, 2 when the file cannot be read.",
    )
    summary_b = budget_sub.add_parser(
        "summary",
        help="totals by section and by source, with shares",
        description="Totals by section (printed and computed) and by funding source, with shares.",
    )
    for p_ in (check_b, summary_b):
        p_.add_argument(
            "file", help="a budget in the CSV layout (.csv) or the Annex 5 layout (.xlsx)"
        )
        p_.add_argument("--format", default="text", choices=["text", "json"])
        p_.add_argument("--currency", default="KZT", help="the budget's currency (default KZT)")
    check_b.add_argument(
        "--participants",
        action="append",
        default=[],
        metavar="CODE=N",
        help="participants of a block, to check catering and handouts; repeatable",
    )
    check_b.add_argument("--lang", default="en", choices=["ru", "en"], help="language of messages")
    check_b.set_defaults(run=_budget_check)
    summary_b.set_defaults(run=_budget_summary)


def _read_budget(args: argparse.Namespace) -> Budget:
    from pathlib import Path

    suffix = Path(args.file).suffix.lower()
    if suffix == ".xlsx":
        from civicgrants.io.budget_xlsx import read_budget_xlsx

        return read_budget_xlsx(args.file, currency=args.currency)
    from civicgrants.io.budget_csv import read_budget_csv

    return read_budget_csv(args.file, currency=args.currency)


def _budget_check(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.budget import audit

    participants: dict[str, int] = {}
    for spec in args.participants:
        code, sep, n = spec.partition("=")
        if not sep or not re.fullmatch(r"[0-9]{1,9}", n.strip()):
            raise CivicGrantsError(f"--participants {spec!r}: write CODE=N, e.g. 3.5=240")
        participants[code.strip()] = int(n)
    budget = _read_budget(args)
    for code in participants:
        try:
            budget.row(code)
        except KeyError:
            raise CivicGrantsError(f"{args.file}: --participants names no row {code!r}") from None
    findings = audit(budget, participants=participants)
    totals = {
        "currency": budget.currency,
        "stated": budget.stated("TOTAL") if _has_total(budget) else None,
        "computed": budget.total(),
    }
    stated, computed = totals["stated"], totals["computed"]
    footer = (
        "totals: stated "
        + ("—" if stated is None else stated.format("ru_KZ"))
        + "; computed "
        + ("—" if computed is None else computed.format("ru_KZ"))
    )
    return print_findings(
        f"{args.file}: {len(budget.rows)} rows; ",
        findings,
        args,
        out,
        json_extra={"totals": totals},
        footer=footer,
        where="row",
    )


def print_findings(
    head: str,
    findings: Sequence[Finding],
    args: argparse.Namespace,
    out: TextIO,
    *,
    json_extra: dict[str, object] | None = None,
    footer: str | None = None,
    where: str = "where",
) -> int:
    """Findings as text (``--lang``) or JSON (``--format``); exit 1 if any is an error, else 0.

    ``head`` starts the text summary line; ``json_extra`` adds keys to the JSON
    object; ``footer`` ends the text output.
    """
    from civicgrants.io.findings import findings_data, json_value
    from civicgrants.model import Severity

    if args.format == "json":
        data = {"findings": findings_data(findings)}
        data.update({k: json_value(v) for k, v in (json_extra or {}).items()})
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        counts = Counter(f.severity.value for f in findings)
        tally = ", ".join(
            f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
            for s in ("error", "warning", "info")
        )
        print(f"{head}{tally}", file=out)
        rows = [
            [
                f.severity.value,
                f.code,
                f.location,
                f.message_ru if args.lang == "ru" else f.message_en,
            ]
            for f in findings
        ]
        if rows:
            print(table(["severity", "code", where, "finding"], rows), file=out)
        if footer:
            print(footer, file=out)
    errors = any(f.severity is Severity.ERROR for f in findings)
    return EXIT_FINDINGS if errors else EXIT_OK


def _has_total(budget: Budget) -> bool:
    return any(r.code == "TOTAL" for r in budget.rows)


def _budget_summary(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.budget.summary import summarise
    from civicgrants.io.findings import json_value

    budget = _read_budget(args)
    s = summarise(budget)
    if args.format == "json":
        data = {
            "currency": budget.currency,
            "stated": s.stated,
            "computed": s.computed,
            "sections": [
                {
                    "code": x.code,
                    "item": x.item,
                    "declared": x.declared,
                    "computed": x.computed,
                    "share": x.share,
                }
                for x in s.sections
            ],
            "sources": [
                {"source": x.source.value, "amount": x.amount, "share": x.share} for x in s.sources
            ],
        }
        out.write(json.dumps(json_value(data), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK

    def money(m: Money | None) -> str:
        return "—" if m is None else m.format("ru_KZ")

    def pct(d: object) -> str:
        return "—" if d is None else f"{d} %"

    print(f"{args.file}: stated {money(s.stated)}; computed {money(s.computed)}", file=out)
    print("\nBy section", file=out)
    print(
        table(
            ["code", "section", "printed", "computed", "share"],
            [
                [x.code, x.item or "", money(x.declared), money(x.computed), pct(x.share)]
                for x in s.sections
            ],
            right=[2, 3, 4],
        ),
        file=out,
    )
    print("\nBy source", file=out)
    print(
        table(
            ["source", "amount", "share"],
            [[x.source.value, money(x.amount), pct(x.share)] for x in s.sources],
            right=[1, 2],
        ),
        file=out,
    )
    return EXIT_OK
