"""``civicgrants check FILE``: validate a JSON document and list every problem."""

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

    Examples
    --------
    >>> from civicgrants.cli.common import Parser
    >>> parser = Parser(prog="civicgrants")
    >>> add_parser(parser.add_subparsers())
    >>> args = parser.parse_args(["check", "region.json", "--allow-unknown"])
    >>> args.file, args.allow_unknown, args.run is run
    ('region.json', True, True)

    See Also
    --------
    run : what the command does.
    civicgrants.cli.build_parser : adds every command.
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
    >>> print(out.getvalue().replace(str(folder), "DIR"), end="")
    DIR/bad.json: names: give at least one of ru, kk, en
    DIR/bad.json: id: must be an id of letters, digits, '.', '_', ':' or '-', got 'a b'

    See Also
    --------
    civicgrants.io.documents.check : the library call.
    add_parser : the command's arguments.
    """
    from civicgrants.errors import DocumentError
    from civicgrants.io.documents import check

    try:
        result = check(args.file, allow_unknown=args.allow_unknown)
    except DocumentError as exc:
        for problem in exc.problems:  # every problem on stdout; the one-line summary on stderr
            print(f"{args.file}: {problem}", file=out)
        raise
    return emit(result, args, out)
