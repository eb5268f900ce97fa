"""``civicgrants rollup``: roll indicator records up the hierarchy."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from civicgrants.cli.common import add_lang, emit

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command.

    The ``rollup`` sub-command takes a records FILE or ``--demo``, ``--by``
    (comma-separated levels, none by default) and ``--format`` (``text`` or
    ``json``), and sets ``run`` to `run()`.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The ``civicgrants`` sub-commands.

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="civicgrants")
    >>> add_parser(parser.add_subparsers())
    >>> args = parser.parse_args(["rollup", "--demo", "--by", "stage"])
    >>> args.demo, args.by, args.format, args.file, args.run is run
    (True, 'stage', 'text', None, True)

    See Also
    --------
    run : what the command does.
    civicgrants.cli.report_check.add_parser : the report audit's command.
    """
    roll = sub.add_parser(
        "rollup",
        help="roll indicator records up the hierarchy",
        description="Roll indicator records (a long CSV: level ids, indicator, period, target, "
        "actual, …) up to the chosen levels: counts and money add up, percentages are "
        "recomputed from summed numerators and denominators, cumulative indicators take the "
        "latest value. --demo rolls up the embedded programme's published figures.",
    )
    roll.add_argument(
        "file", nargs="?", help="records: a long CSV, or a civicgrants/indicator-records@1 JSON"
    )
    roll.add_argument("--demo", action="store_true", help="use the embedded programme's figures")
    roll.add_argument(
        "--by", default="", help="levels to group by, e.g. stage,region (default: none)"
    )
    roll.add_argument("--format", default="text", choices=["text", "json"])
    add_lang(roll)
    roll.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Roll up ``args.file`` (or the embedded programme's figures) and print the result.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed arguments.
    out : TextIO
        Where to print.

    Returns
    -------
    int
        1 when a finding is an error (a breakdown that does not add up, a
        value the roll-up leaves out), else 0.

    Raises
    ------
    civicgrants.errors.CivicGrantsError
        An unknown or repeated level, neither or both of FILE and ``--demo``;
        a `DocumentError` naming FILE when it is
        unreadable or its records cannot be rolled up (an indicator with no
        definition, a money total too large for an amount).

    Examples
    --------
    >>> import argparse, io
    >>> out = io.StringIO()
    >>> run(argparse.Namespace(file=None, demo=True, by="", format="text"), out)
    0
    >>> print(out.getvalue().splitlines()[-1])
      projects                              87                 5
    >>> run(argparse.Namespace(file=None, demo=False, by="", format="text"), out)
    Traceback (most recent call last):
    ...
    civicgrants.errors.CivicGrantsError: give a records FILE or --demo (one of them)

    See Also
    --------
    add_parser : the command's options.
    civicgrants.indicators.rollup_report : the roll-up it prints.
    civicgrants.io.indicators_csv.read_records : reads FILE.
    """
    from civicgrants.errors import CivicGrantsError
    from civicgrants.indicators import group_levels, rollup_report

    by = group_levels(args.by)
    if args.demo == bool(args.file):
        raise CivicGrantsError("give a records FILE or --demo (one of them)")
    if args.demo:
        from civicgrants.datasets import public_spaces
        from civicgrants.indicators import PROGRAMME_INDICATORS, programme_records
        from civicgrants.io.places import place_names

        programme = public_spaces()
        records, definitions = programme_records(programme), PROGRAMME_INDICATORS
        report = rollup_report(records, definitions, by=by)
        return emit(report, args, out, places=place_names(programme))
    from civicgrants.errors import DocumentError, ValidationError
    from civicgrants.io.indicators_csv import read_records

    records, definitions = read_records(args.file)
    try:
        report = rollup_report(records, definitions, by=by)
    except ValidationError as exc:  # the file's records cannot be rolled up: name the file
        if isinstance(exc, DocumentError):
            raise
        raise DocumentError(str(args.file), exc.problems) from None
    return emit(report, args, out)
