"""``civicgrants report-check FILE``: audit a final report's numbers."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from civicgrants.cli.budget import print_findings

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    rcheck = sub.add_parser(
        "report-check",
        help="audit a final report's numbers; exit 0 clean, 1 with errors, 2 unreadable",
        description="The consistency audit of a report document (civicgrants/report@1): "
        "breakdowns that don't sum, printed percentages that don't match, one figure printed "
        "differently in two places, unexplained shortfalls, targets that differ from the task "
        "text, and charts whose parts don't sum to their total.",
    )
    rcheck.add_argument("file", help="a report document (JSON)")
    rcheck.add_argument("--format", default="text", choices=["text", "json"])
    rcheck.add_argument("--lang", default="en", choices=["ru", "en"], help="language of messages")
    rcheck.set_defaults(run=run)


def _report_check(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.indicators.report import Report, audit_report
    from civicgrants.io import load

    report = load(args.file, Report)
    return print_findings(f"{args.file}: ", audit_report(report), args, out)


run = _report_check
