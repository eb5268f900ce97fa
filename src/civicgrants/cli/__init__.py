"""The ``civicgrants`` command: one thin module per command.

Every command parses its arguments, makes one library call that returns a
frozen, typed result, and prints what :func:`civicgrants.io.render.render`
makes of it. Bad input is one line on stderr naming the file and the problem,
with exit status 2; ``--debug`` shows the traceback instead.

Commands: ``demo``, ``check``, ``schedule``, ``budget check|summary``, ``rollup``,
``report-check``, ``schema``, ``score``, ``pb`` and ``round init|status``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from civicgrants.cli.common import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, Parser
from civicgrants.version import __version__

__all__ = ["COMMANDS", "build_parser", "main"]

COMMANDS = (
    "demo",
    "check",
    "schedule",
    "budget",
    "rollup",
    "report_check",
    "schema",
    "score",
    "pb",
    "round",
)
"""The command modules under :mod:`civicgrants.cli`, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command.

    Each module of :data:`COMMANDS` adds its sub-command (``add_parser``), whose
    defaults name the function that runs it (``run``).

    Returns
    -------
    argparse.ArgumentParser
        A :class:`~civicgrants.cli.common.Parser` with ``--version``, ``--debug``
        and one sub-command per module.

    Examples
    --------
    >>> args = build_parser().parse_args(["schema", "region"])
    >>> args.command, args.type, args.debug
    ('schema', 'region', False)

    See Also
    --------
    main : parses the command line and runs the command.
    civicgrants.cli.common.Parser : one-line usage errors.
    """
    parser = Parser(
        prog="civicgrants",
        description="Participatory community-grant programmes: exact, validated, explainable.",
    )
    parser.add_argument("--version", action="version", version=f"civicgrants {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the full traceback when something fails"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMANDS:
        importlib.import_module(f"civicgrants.cli.{name}").add_parser(sub)
    return parser


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; return the exit status.

    Bad input (an invalid document, an unreadable file, a wrong argument) is one
    line on ``err`` and status 2; any other exception is a bug in civicgrants,
    reported on one line with status 70. A reader that goes away (a broken pipe)
    ends the command quietly with status 0.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after ``civicgrants`` (default: the command line's).
    out : TextIO, optional
        Where results are printed (default ``sys.stdout``).
    err : TextIO, optional
        Where errors are printed (default ``sys.stderr``).

    Returns
    -------
    int
        0 success, 1 findings with errors, 2 bad input or no command (the help is
        printed), 70 an internal error (see :mod:`civicgrants.cli.common`).

    Raises
    ------
    Exception
        With ``--debug``, whatever the command raised, instead of the one-line message.
    SystemExit
        From argparse, for ``--help``, ``--version`` and usage errors (status 2).

    Examples
    --------
    >>> import io
    >>> out, err = io.StringIO(), io.StringIO()
    >>> main(["schema"], out=out, err=err)
    0
    >>> out.getvalue().split()[:3]
    ['programme', 'stage', 'call']
    >>> main(["schema", "nope"], out=out, err=err)
    2
    >>> print(err.getvalue()[:55])
    civicgrants: error: unknown document type 'nope'; known

    See Also
    --------
    build_parser : the parser of every command.
    civicgrants.cli.common.emit : how a command prints its result.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    for stream in (out, err):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace, TextIO], int] | None = getattr(args, "run", None)
    if run is None:
        parser.print_help(out)
        return EXIT_BAD_INPUT
    from civicgrants.errors import (  # after --help: attrs is not free
        CivicGrantsError,
        DocumentError,
    )

    try:
        return run(args, out)
    except BrokenPipeError:  # the reader went away (`civicgrants demo | head`): stop quietly
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, out.fileno())
        return EXIT_OK
    except DocumentError as exc:
        if args.debug:
            raise
        print(f"civicgrants: error: {exc.one_line()}", file=err)
        return EXIT_BAD_INPUT
    except (CivicGrantsError, OSError) as exc:
        if args.debug:
            raise
        where = f"{exc.filename}: " if isinstance(exc, OSError) and exc.filename else ""
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"civicgrants: error: {where}{message.splitlines()[0]}", file=err)
        return EXIT_BAD_INPUT
    except Exception as exc:  # a bug in civicgrants: say so on one line, never a bare traceback
        if args.debug:
            raise
        print(
            f"civicgrants: internal error: {type(exc).__name__}: {exc} "
            "(please report it; run with --debug for the traceback)",
            file=err,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
