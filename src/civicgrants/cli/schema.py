"""``civicgrants schema [TYPE]``: a document type's JSON Schema."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from civicgrants.cli.common import (
    EXIT_OK,
)
from civicgrants.errors import CivicGrantsError

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of a document type",
        description="Print the JSON Schema (draft 2020-12) of a document type, or list the types.",
    )
    schema.add_argument("type", nargs="?", help="document type, e.g. programme; omit to list")
    schema.set_defaults(run=run)


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.io import DOCUMENT_TYPES
    from civicgrants.io.schema import schema_json

    if args.type is None:
        for name in DOCUMENT_TYPES:
            print(name, file=out)
        return EXIT_OK
    if args.type not in DOCUMENT_TYPES:
        raise CivicGrantsError(
            f"unknown document type {args.type!r}; known: {', '.join(DOCUMENT_TYPES)}"
        )
    out.write(schema_json(args.type))
    return EXIT_OK


run = _schema
