"""``civicgrants round init|status|report DIR``: a round as one workspace."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

from civicgrants.cli.common import Parser, add_lang, emit, iso_date

if TYPE_CHECKING:
    from civicgrants.errors import DocumentError

__all__ = ["add_parser", "problem_lines", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the ``round`` command and its ``init``, ``status`` and ``report`` sub-commands.

    ``init DIR`` writes the example round (real localities, synthetic call,
    scores, applications, agreements, reports and memoranda); ``status DIR`` takes ``--on DATE``,
    ``--format text|json`` and ``--lang en|ru|kk``; ``report DIR -o FILE``
    writes the round's HTML report and takes the same options.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The sub-command parsers of ``civicgrants``.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="civicgrants")
    >>> add_parser(parser.add_subparsers())
    >>> args = parser.parse_args(["round", "status", "r", "--on", "2021-12-01", "--lang", "kk"])
    >>> args.round_command, args.folder, args.on.isoformat(), args.lang, args.format
    ('status', 'r', '2021-12-01', 'kk', 'text')
    >>> args = parser.parse_args(["round", "report", "r", "-o", "r.html", "--lang", "ru"])
    >>> args.round_command, args.output, args.lang, args.on
    ('report', 'r.html', 'ru', None)

    See Also
    --------
    run : what the sub-commands run.
    """
    rnd = sub.add_parser(
        "round",
        help="a round as one folder: init an example, read its status",
        description="A round (the call, its applications, score sheet or residents' ballots, "
        "agreements, final reports and memoranda) as one "
        "folder of documents, read as one validated graph: every reference across files is "
        "checked and each problem is named by its file and the path inside it (exit 2).",
    )
    rsub = rnd.add_subparsers(dest="round_command", metavar="COMMAND", parser_class=Parser)
    init = rsub.add_parser(
        "init",
        help="write the example round (synthetic where the seeds publish nothing) to DIR",
        description="Write a complete example round: the public-spaces programme's localities, "
        "the synthetic Stage II call, applications and scores, and synthetic agreements, "
        "final reports and memoranda for the funded applications. Every synthetic part is "
        "named as such.",
    )
    init.add_argument("folder", help="the folder to write (created; must not hold a round)")
    status = rsub.add_parser(
        "status",
        help="the funnel, the money, money per head and what is overdue",
        description="Where a round stands: the funnel (applications, eligible, scored, funded, "
        "contracted, disbursed, reported, closed) with counts and money, the execution rate, "
        "money per head per locality, and what is overdue on --on DATE (tranches, final "
        "reports and the memoranda's duties after closure).",
    )
    status.add_argument("folder", help="a round's folder (with round.json)")
    status.add_argument("--on", type=iso_date, default=None, help="the date, YYYY-MM-DD")
    report = rsub.add_parser(
        "report",
        help="write the round's report as one self-contained HTML file with charts",
        description="Write one HTML file that needs no network to open: the funnel, the "
        "funding line, budgets by source, the season's Gantt chart, indicators against their "
        "targets, the localities with money per head and, with --on DATE, what is overdue. "
        "Needs the 'report' extra: pip install 'civicgrants[report]'.",
    )
    report.add_argument("folder", help="a round's folder (with round.json)")
    report.add_argument("-o", "--output", required=True, metavar="FILE", help="the HTML file")
    report.add_argument(
        "--on", type=iso_date, default=None, metavar="DATE", help="the date, YYYY-MM-DD"
    )
    for p_ in (init, status, report):
        p_.add_argument("--format", default="text", choices=["text", "json"])
        add_lang(p_)
        p_.set_defaults(run=run, problem_lines=problem_lines)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Write the example round, print a round's status, or write its HTML report.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed arguments.
    out : TextIO
        Where to print.

    Returns
    -------
    int
        0.

    Raises
    ------
    civicgrants.errors.DocumentError
        The folder cannot be read as a round (every problem listed), or ``init``
        finds a round already there.
    civicgrants.errors.MissingExtra
        ``report`` without Jinja2 or matplotlib (the ``report`` extra).

    Examples
    --------
    >>> import io, tempfile
    >>> from civicgrants.cli import build_parser
    >>> folder = tempfile.mkdtemp()
    >>> run(build_parser().parse_args(["round", "init", folder]), io.StringIO())
    0
    >>> out = io.StringIO()
    >>> run(build_parser().parse_args(["round", "status", folder]), out)
    0
    >>> print(out.getvalue().splitlines()[5].split())
    ['applications', '53', 'KZT103,600,000.00']
    >>> import pathlib
    >>> page = pathlib.Path(folder) / "report.html"
    >>> run(build_parser().parse_args(["round", "report", folder, "-o", str(page)]), io.StringIO())
    0
    >>> page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True

    See Also
    --------
    civicgrants.io.workspace.load_round : reads the folder.
    civicgrants.round.round_status : the status.
    civicgrants.io.html.round_report : the HTML report.
    """
    from civicgrants.io.workspace import dump_round, load_round

    if args.round_command == "init":
        from civicgrants.datasets.example_round import example_round

        return emit(dump_round(example_round(), args.folder), args, out)
    if args.round_command == "report":
        from civicgrants.io.html import round_report, write_report

        bar = getattr(args, "progress", None)  # a bar on a terminal, else None
        report = round_report(load_round(args.folder), lang=args.lang, on=args.on, progress=bar)
        return emit(write_report(report, args.output), args, out)
    from civicgrants.round import round_status

    return emit(round_status(load_round(args.folder), on=args.on), args, out)


def problem_lines(exc: DocumentError) -> list[str]:
    """Every problem of a round's folder, one line each, named by its file inside the folder.

    `civicgrants.cli.main()` prints them on stderr before the one-line summary.

    Parameters
    ----------
    exc : civicgrants.errors.DocumentError
        What reading the folder raised.

    Returns
    -------
    list of str
        ``FOLDER/FILE: PATH: MESSAGE`` (or ``FOLDER: MESSAGE``), in order.

    Examples
    --------
    >>> from civicgrants.errors import DocumentError, Problem
    >>> problem_lines(DocumentError("r", [Problem("call.json: pot", "missing"), Problem("", "empty")]))
    ['r: empty', 'r/call.json: pot: missing']

    See Also
    --------
    civicgrants.cli.main : prints them with ``-v``, before the one-line summary.
    """
    return [
        f"{exc.path}/{problem}" if problem.path else f"{exc.path}: {problem}"
        for problem in exc.problems
    ]
