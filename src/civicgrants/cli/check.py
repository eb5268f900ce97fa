"""``civicgrants check FILE``: validate a JSON document and list every problem."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from civicgrants.cli.common import emit
from civicgrants.errors import DocumentError

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The ``civicgrants`` sub-commands.
    """
    check = sub.add_parser(
        "check",
        help="validate a civicgrants JSON document",
        description="Read a JSON document, validate it, and print what it holds. "
        "Exit 0 if valid, 2 with every problem listed if not.",
    )
    check.add_argument("file", help="a civicgrants JSON document")
    check.add_argument(
        "--allow-unknown", action="store_true", help="accept keys the schema does not know"
    )
    check.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Validate ``args.file``; print what it is, or every problem (then re-raise).

    Parameters
    ----------
    args : argparse.Namespace
        The parsed arguments.
    out : TextIO
        Where to print.

    Returns
    -------
    int
        0 for a valid document.

    Raises
    ------
    civicgrants.errors.DocumentError
        The document is invalid: its problems are printed first, one a line.
    """
    from civicgrants.io.documents import check

    try:
        result = check(args.file, allow_unknown=args.allow_unknown)
    except DocumentError as exc:
        for problem in exc.problems:  # every problem on stdout; the one-line summary on stderr
            print(f"{args.file}: {problem}", file=out)
        raise
    return emit(result, args, out)
