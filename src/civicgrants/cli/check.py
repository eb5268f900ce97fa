"""``civicgrants check FILE``: validate a JSON document and list every problem."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

from civicgrants.cli.common import add_lang, amount_arg, emit, year_arg

if TYPE_CHECKING:
    from civicgrants.errors import DocumentError

__all__ = ["add_parser", "problem_lines", "run"]


def problem_lines(exc: DocumentError) -> list[str]:
    """Every problem of an invalid document, one line each: ``FILE: PATH: MESSAGE``.

    `civicgrants.cli.main()` prints them on stderr before the one-line summary.

    Parameters
    ----------
    exc : civicgrants.errors.DocumentError
        What `civicgrants.io.documents.check()` raised.

    Returns
    -------
    list of str
        The lines, in the order of the problems.

    Examples
    --------
    >>> from civicgrants.errors import DocumentError, Problem
    >>> problem_lines(DocumentError("r.json", [Problem("id", "must be an id")]))
    ['r.json: id: must be an id']

    See Also
    --------
    civicgrants.cli.main : prints them with ``-v``, before the one-line summary.
    """
    return [f"{exc.path}: {problem}" for problem in exc.problems]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The ``civicgrants`` sub-commands.

    Examples
    --------
    >>> from civicgrants.cli.common import Parser
    >>> parser = Parser(prog="civicgrants")
    >>> add_parser(parser.add_subparsers())
    >>> args = parser.parse_args(["check", "region.json", "--allow-unknown"])
    >>> args.file, args.allow_unknown, args.format, args.lang, args.run is run
    ('region.json', True, 'text', 'en', True)

    See Also
    --------
    run : what the command does.
    civicgrants.cli.build_parser : adds every command.
    """
    check = sub.add_parser(
        "check",
        help="validate a civicgrants JSON document",
        description="Read a JSON document, validate it, and print what it holds; for an "
        "application dossier or a final report, print the findings of its audit (a report "
        "against its application: civicgrants report-check --application). Exit 0 if valid "
        "(an audited document: without error findings), 1 with error findings, 2 if the document is "
        "invalid (one line on stderr: the first problem and how many more; -v lists every one).",
    )
    check.add_argument("file", help="a civicgrants JSON document")
    check.add_argument(
        "--allow-unknown", action="store_true", help="accept keys the schema does not know"
    )
    check.add_argument(
        "--submitted",
        type=year_arg,
        default=None,
        metavar="YEAR",
        help="a dossier's submission year: prior projects must fall in the call's window",
    )
    check.add_argument(
        "--max-grant",
        type=amount_arg,
        default=None,
        metavar="AMOUNT",
        help="a dossier's call cap, in the dossier's currency: the request must not exceed it",
    )
    check.add_argument("--format", default="text", choices=["text", "json"])
    add_lang(check)
    check.set_defaults(run=run, problem_lines=problem_lines)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Validate ``args.file``; print what it is (a dossier: its audit), or every problem.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed arguments.
    out : TextIO
        Where to print.

    Returns
    -------
    int
        0 for a valid document; for a dossier or a final report, 1 when its audit
        has error findings.

    Raises
    ------
    civicgrants.errors.DocumentError
        The document is invalid; `civicgrants.cli.main()` prints its
        problems on stderr, one a line (`problem_lines()`), then the summary.

    Examples
    --------
    >>> import io, pathlib, tempfile
    >>> from civicgrants.cli import build_parser
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> good = folder / "region.json"
    >>> _ = good.write_text('{"schema": "civicgrants/region@1", "id": "a", "names": {"en": "A"}}')
    >>> out = io.StringIO()
    >>> run(build_parser().parse_args(["check", str(good)]), out)
    0
    >>> print(out.getvalue().replace(str(folder), "DIR"), end="")
    DIR/region.json: valid region document 'a'
    >>> bad = folder / "bad.json"
    >>> _ = bad.write_text('{"schema": "civicgrants/region@1", "id": "a b", "names": {}}')
    >>> out = io.StringIO()
    >>> run(build_parser().parse_args(["check", str(bad)]), out)
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: ...
    >>> out.getvalue()  # stdout carries the result only: the problems go to stderr
    ''
    >>> from civicgrants.datasets import seed_001_dossier
    >>> from civicgrants.io import dump
    >>> dossier = dump(seed_001_dossier(), folder / "dossier.json")
    >>> out = io.StringIO()
    >>> run(build_parser().parse_args(["check", str(dossier), "--submitted", "2021"]), out)
    1
    >>> print(out.getvalue().splitlines()[0])
    dossier seed-001: 3 errors, 20 warnings, 3 info

    See Also
    --------
    civicgrants.io.documents.check : the library call.
    civicgrants.dossier.audit : what a dossier's check prints.
    civicgrants.dossier.check_final_report : what a final report's check prints.
    add_parser : the command's arguments.
    """
    from civicgrants.io.documents import check

    result = check(args.file, allow_unknown=args.allow_unknown)
    if result.kind == "dossier":
        from civicgrants.dossier import Dossier, DossierRules, audit
        from civicgrants.io.documents import load

        dossier = load(args.file, Dossier, allow_unknown=args.allow_unknown)
        from civicgrants.model.money import Money

        cap = getattr(args, "max_grant", None)
        rules = DossierRules(
            submitted=getattr(args, "submitted", None),
            max_grant=Money(cap, dossier.requested.currency) if cap is not None else None,
        )
        return emit(audit(dossier, rules=rules), args, out)
    if result.kind == "final-report":
        from civicgrants.dossier import FinalReport, check_final_report
        from civicgrants.io.documents import load

        report = load(args.file, FinalReport, allow_unknown=args.allow_unknown)
        return emit(check_final_report(report, source=args.file), args, out)
    return emit(result, args, out)
