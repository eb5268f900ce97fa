"""``civicgrants schema [TYPE]``: a document type's JSON Schema."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from civicgrants.cli.common import add_lang, emit

__all__ = ["add_parser", "run"]


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
    >>> args = parser.parse_args(["schema", "call"])
    >>> args.type, args.run is run
    ('call', True)

    See Also
    --------
    run : what the command does.
    civicgrants.cli.build_parser : adds every command.
    """
    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of a document type",
        description="Print the JSON Schema (draft 2020-12) of a document type, or list the types.",
    )
    schema.add_argument("type", nargs="?", help="document type, e.g. programme; omit to list")
    schema.add_argument(
        "--format",
        default="text",
        choices=["text", "json"],
        help="text (default: the schema, or the types one a line) or json (the types as a list)",
    )
    add_lang(schema)
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

    Examples
    --------
    >>> import io
    >>> from civicgrants.cli import build_parser
    >>> out = io.StringIO()
    >>> run(build_parser().parse_args(["schema", "region"]), out)
    0
    >>> print(out.getvalue().splitlines()[1])
      "$schema": "https://json-schema.org/draft/2020-12/schema",

    See Also
    --------
    civicgrants.io.schema.document_schema : one type's schema.
    civicgrants.io.schema.document_types : the list of types.
    """
    from civicgrants.io.schema import document_schema, document_types

    result = document_types() if args.type is None else document_schema(args.type)
    return emit(result, args, out)
