"""``civicgrants report-check FILE``: audit a final report's numbers."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from civicgrants.cli.common import emit

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command.

    The ``report-check`` sub-command takes a report FILE, ``--format``
    (``text`` or ``json``) and ``--lang`` (``en`` or ``ru``), and sets ``run``
    to :func:`run`.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The ``civicgrants`` sub-commands.

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="civicgrants")
    >>> add_parser(parser.add_subparsers())
    >>> args = parser.parse_args(["report-check", "report.json", "--lang", "ru"])
    >>> args.file, args.format, args.lang, args.run is run
    ('report.json', 'text', 'ru', True)

    See Also
    --------
    run : what the command does.
    civicgrants.cli.rollup.add_parser : the roll-up's command.
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

    Examples
    --------
    >>> import argparse, io, pathlib, tempfile
    >>> from civicgrants.indicators import Chart, Report
    >>> from civicgrants.io import dumps
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "report.json"
    >>> _ = path.write_text(dumps(Report("r", "A report", charts=[Chart("c", [("a", 1)], 2)])),
    ...                     encoding="utf-8")
    >>> out = io.StringIO()
    >>> run(argparse.Namespace(file=str(path), format="text", lang="en"), out)
    1
    >>> print(out.getvalue().splitlines()[-1])
      error     chart-total-mismatch  c      chart c: its parts sum to 1 but the printed total is 2

    See Also
    --------
    add_parser : the command's options.
    civicgrants.indicators.check_report : the audit it prints.
    """
    from civicgrants.indicators import Report, check_report
    from civicgrants.io import load

    return emit(check_report(load(args.file, Report), source=args.file), args, out)
