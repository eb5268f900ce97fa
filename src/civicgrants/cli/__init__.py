"""The ``civicgrants`` command: one thin module per command.

Every command parses its arguments, makes one library call that returns a
frozen, typed result, and prints what :func:`civicgrants.io.render.render`
makes of it. Bad input is one line on stderr naming the file and the problem,
with exit status 2; ``--debug`` shows the traceback instead.

Commands: ``demo``, ``check``, ``schedule``, ``budget check|summary``, ``rollup``,
``report-check``, ``schema``, ``score`` and ``pb``.
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
from civicgrants.errors import CivicGrantsError, DocumentError
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
)
"""The command modules under :mod:`civicgrants.cli`, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
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
    """Run the command line; return the exit status."""
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
