"""``civicgrants schema [TYPE]``: a document type's JSON Schema."""

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
    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of a document type",
        description="Print the JSON Schema (draft 2020-12) of a document type, or list the types.",
    )
    schema.add_argument("type", nargs="?", help="document type, e.g. programme; omit to list")
    schema.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the schema of ``args.type``, or the list of types.

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
    civicgrants.errors.CivicGrantsError
        An unknown document type.
    """
    from civicgrants.io.schema import document_schema, document_types

    result = document_types() if args.type is None else document_schema(args.type)
    return emit(result, args, out)
