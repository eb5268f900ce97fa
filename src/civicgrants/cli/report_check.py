"""``civicgrants report-check FILE``: audit a final report's numbers."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from civicgrants.cli.common import emit

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The ``civicgrants`` sub-commands.
    """
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


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Audit the report in ``args.file`` and print the findings.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed arguments.
    out : TextIO
        Where to print.

    Returns
    -------
    int
        1 when a finding is an error, else 0.

    Raises
    ------
    civicgrants.errors.DocumentError
        The file is missing or is not a valid report.
    """
    from civicgrants.indicators import Report, check_report
    from civicgrants.io import load

    return emit(check_report(load(args.file, Report), source=args.file), args, out)
