"""``civicgrants report-check REPORT [--application DOSSIER] [--agreement FILE]``: audit a final report."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from civicgrants.cli.common import add_lang, emit, percent_arg

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command.

    The ``report-check`` sub-command takes a report FILE, ``--application``
    (the application dossier it reports on), ``--agreement`` (the grant
    agreement its header names), ``--overshoot`` (percent of plan),
    ``--format`` (``text`` or ``json``) and ``--lang`` (``en``, ``ru`` or
    ``kk``), and sets ``run`` to `run()`.

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
    >>> args.file, args.application, args.format, args.lang, args.run is run
    ('report.json', None, 'text', 'ru', True)

    See Also
    --------
    run : what the command does.
    civicgrants.cli.rollup.add_parser : the roll-up's command.
    """
    rcheck = sub.add_parser(
        "report-check",
        help="audit a final report, against its application with --application; exit 0 "
        "clean, 1 with errors, 2 unreadable",
        description="The consistency audit of a final report (civicgrants/final-report@1) "
        "or of an indicator report (civicgrants/report@1): breakdowns that don't sum, printed "
        "percentages that don't match, a figure restated elsewhere that differs from its row, "
        "unexplained shortfalls and overshoots, planned rows without an actual, counts of the "
        "partners, letters and proposals tables, reused letter numbers, the grant against "
        "what was spent. With --application DOSSIER, every linked row's plan is read from the "
        "application's monitoring plan (a report restating another plan gets a finding) and "
        "the spending is executed against the application's estimate. With --agreement "
        "FILE, the header (number, grant, grantee, date signed, application) is checked "
        "against the grant agreement (civicgrants/agreement@1).",
    )
    rcheck.add_argument("file", help="a final-report or report document (JSON)")
    rcheck.add_argument(
        "--application",
        default=None,
        metavar="DOSSIER",
        help="the application dossier (civicgrants/dossier@1) the report answers",
    )
    rcheck.add_argument(
        "--agreement",
        default=None,
        metavar="FILE",
        help="the grant agreement (civicgrants/agreement@1) the report's header names",
    )
    rcheck.add_argument(
        "--overshoot",
        default=None,
        type=percent_arg,
        metavar="PERCENT",
        help="an actual above this percentage of plan needs a justification (default 150)",
    )
    rcheck.add_argument("--format", default="text", choices=["text", "json"])
    add_lang(rcheck)
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
        A file is missing or is not a valid document of its kind, or
        ``--application`` or ``--agreement`` is given for a report that is not
        a final report.

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
    civicgrants.indicators.check_report : the audit of an indicator report.
    civicgrants.dossier.check_final_report : the audit of a final report.
    """
    from civicgrants.agreement import GrantAgreement
    from civicgrants.dossier import Dossier, FinalReport, check_final_report
    from civicgrants.errors import DocumentError, Problem
    from civicgrants.indicators import Report, check_report
    from civicgrants.indicators.report import OVERSHOOT
    from civicgrants.io import load

    given = getattr(args, "overshoot", None)
    overshoot = OVERSHOOT if given is None else given
    report: object = load(args.file)
    application = getattr(args, "application", None)
    contract = getattr(args, "agreement", None)
    if isinstance(report, FinalReport):
        dossier = load(application, Dossier) if application is not None else None
        terms = load(contract, GrantAgreement) if contract is not None else None
        result = check_final_report(
            report, dossier, agreement=terms, source=args.file, overshoot=overshoot
        )
        return emit(result, args, out)
    if not isinstance(report, Report):
        raise DocumentError(
            args.file,
            [Problem("schema", "expected a final-report or report document")],
        )
    if application is not None or contract is not None:
        option = "--application" if application is not None else "--agreement"
        raise DocumentError(
            args.file,
            [
                Problem(
                    "schema",
                    f"{option} needs a final-report document (civicgrants/final-report@1); "
                    "an indicator report has no header or plan links",
                )
            ],
        )
    return emit(check_report(report, source=args.file, overshoot=overshoot), args, out)
