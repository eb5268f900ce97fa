"""``civicgrants budget check|summary FILE``: audit a budget, or total it."""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING, Any, TextIO

from civicgrants.cli.common import Parser, add_lang, emit

if TYPE_CHECKING:
    from civicgrants.budget import Budget

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the ``budget`` command and its ``check`` and ``summary`` sub-commands.

    Both take a budget ``file`` (``.xlsx`` is read as an Annex 5 workbook, ``.json`` as a
    ``civicgrants/budget@1`` document, any other name as CSV), ``--format text|json`` and
    ``--currency`` (of a CSV or xlsx file; a JSON budget names its own); ``check``
    also takes ``--participants CODE=N`` (repeatable) and ``--lang ru|kk|en`` (both commands).

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The sub-command parsers of ``civicgrants``.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="civicgrants")
    >>> add_parser(parser.add_subparsers())
    >>> args = parser.parse_args(["budget", "check", "b.xlsx", "--participants", "3.5=240"])
    >>> args.budget_command, args.file, args.participants, args.format, args.currency, args.lang
    ('check', 'b.xlsx', ['3.5=240'], 'text', 'KZT', 'en')

    See Also
    --------
    run : what the sub-commands run.
    """
    budget = sub.add_parser(
        "budget",
        help="audit or summarise a budget (CSV, xlsx or JSON)",
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
        help="totals by section and by source, with shares; exit 1 when a figure is unknown",
        description="Totals by section (printed and computed) and by funding source, with "
        "shares. A figure that cannot be computed (an unreadable cell, an amount in another "
        "currency, a line without a quantity) shows as — and is explained below the tables. "
        "Exit status: 0 when every figure is known, 1 otherwise, 2 when the file cannot be read.",
    )
    for p_ in (check_b, summary_b):
        p_.add_argument(
            "file",
            help="a budget in the CSV layout (.csv), the Annex 5 layout (.xlsx) or a "
            "civicgrants/budget@1 document (.json)",
        )
        p_.add_argument("--format", default="text", choices=["text", "json"])
        p_.add_argument(
            "--currency",
            default="KZT",
            help="the currency of a CSV or xlsx budget (default KZT); a JSON budget names its own",
        )
        add_lang(p_)
    check_b.add_argument(
        "--participants",
        action="append",
        default=[],
        metavar="CODE=N",
        help="participants of a block, to check catering and handouts; repeatable",
    )
    check_b.set_defaults(run=run)
    summary_b.set_defaults(run=run)


def _read_budget(args: argparse.Namespace) -> Budget:
    from pathlib import Path

    suffix = Path(args.file).suffix.lower()
    if suffix == ".xlsx":
        from civicgrants.io.budget_xlsx import read_budget_xlsx

        return read_budget_xlsx(args.file, currency=args.currency)
    if suffix == ".json":  # a civicgrants/budget@1 document names its own currency
        from civicgrants.budget import Budget
        from civicgrants.io.documents import load

        return load(args.file, Budget)
    from civicgrants.io.budget_csv import read_budget_csv

    return read_budget_csv(args.file, currency=args.currency)


def _participants(specs: list[str]) -> dict[str, int]:
    from civicgrants.errors import CivicGrantsError

    participants: dict[str, int] = {}
    for spec in specs:
        code, sep, n = spec.partition("=")
        if not sep or not re.fullmatch(r"[0-9]{1,9}", n.strip()):
            raise CivicGrantsError(f"--participants {spec!r}: write CODE=N, e.g. 3.5=240")
        participants[code.strip()] = int(n)
    return participants


def _budget_check(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.budget import check
    from civicgrants.errors import DocumentError, ValidationError

    participants = _participants(args.participants)
    budget = _read_budget(args)
    try:
        result = check(budget, participants=participants, name=args.file)
    except ValidationError as exc:  # --participants names a row the file lacks
        raise DocumentError(args.file, exc.problems) from None
    return emit(result, args, out)


def _budget_summary(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.budget import summarise

    return emit(summarise(_read_budget(args), name=args.file), args, out)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run ``budget check`` or ``budget summary`` (``args.budget_command`` picks).

    Parameters
    ----------
    args : argparse.Namespace
        The parsed arguments of ``civicgrants budget``.
    out : TextIO
        Where the text or JSON goes.

    Returns
    -------
    int
        The exit status: 1 when ``check`` finds an error, or when ``summary``
        cannot compute some figure (it then says which and why: silence is
        never success), else 0.

    Raises
    ------
    CivicGrantsError
        A ``--participants`` value that is not ``CODE=N`` (before the file is
        read); an unreadable or invalid file, or participants of a row the
        budget lacks (a `DocumentError` naming the
        file).

    Examples
    --------
    >>> import io
    >>> from importlib.resources import files
    >>> csv = str(files("civicgrants.datasets").joinpath("seed_001_budget.csv"))
    >>> parser = argparse.ArgumentParser(prog="civicgrants")
    >>> add_parser(parser.add_subparsers())
    >>> out = io.StringIO()
    >>> run(parser.parse_args(["budget", "check", csv, "--participants", "3.5=240"]), out)
    1
    >>> print(out.getvalue().splitlines()[-1])
    totals: stated KZT31,891,320.00; computed KZT32,051,320.00
    >>> out = io.StringIO()
    >>> run(parser.parse_args(["budget", "summary", csv]), out)
    0
    >>> print(out.getvalue().splitlines()[-1])
      grant   KZT31,891,320.00  100.00 %
    >>> run(parser.parse_args(["budget", "check", csv, "--participants", "3.5"]), out)
    Traceback (most recent call last):
    ...
    civicgrants.errors.CivicGrantsError: --participants '3.5': write CODE=N, e.g. 3.5=240
    >>> run(parser.parse_args(["budget", "check", csv, "--participants", "9=5"]), out)
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: .../seed_001_budget.csv: 1 problem
      participants: names no row '9'

    See Also
    --------
    add_parser : the commands' options.
    civicgrants.budget.check : what ``budget check`` computes.
    civicgrants.budget.summarise : what ``budget summary`` computes.
    """
    if args.budget_command == "check":
        return _budget_check(args, out)
    return _budget_summary(args, out)
