"""``civicgrants check FILE``: validate a JSON document and list every problem."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from civicgrants.cli.common import (
    EXIT_OK,
)
from civicgrants.errors import DocumentError

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
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


def _check(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.io import document_type, load

    try:
        obj: object = load(args.file, allow_unknown=args.allow_unknown)
    except DocumentError as exc:
        for problem in exc.problems:  # every problem on stdout; the one-line summary on stderr
            print(f"{args.file}: {problem}", file=out)
        raise
    kind = document_type(obj)
    ident = getattr(obj, "id", None)
    print(f"{args.file}: valid {kind} document" + (f" {ident!r}" if ident else ""), file=out)
    return EXIT_OK


run = _check
