"""The ``civicgrants`` command: one thin module per command.

Every command parses its arguments, makes one library call that returns a
frozen, typed result, and prints what `civicgrants.io.render.render()`
makes of it. Bad input is one line on stderr naming the file and the problem,
with exit status 2; ``--debug`` shows the traceback instead.

Commands: ``demo``, ``check``, ``schedule``, ``budget check|summary``, ``rollup``,
``report-check``, ``schema``, ``score``, ``pb`` and ``round init|status``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO, cast

from civicgrants.cli.common import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, Parser, limit_arg
from civicgrants.cli.output import (
    Discard,
    add_output_options,
    no_colour,
    paint,
    progress_for,
    verbose_lines,
)
from civicgrants.version import __version__

if TYPE_CHECKING:
    from civicgrants.errors import ValidationError

__all__ = ["COMMANDS", "build_parser", "command_parsers", "main"]

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
"""The command modules under `civicgrants.cli`, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command.

    Each module of `COMMANDS` adds its sub-command (``add_parser``), whose
    defaults name the function that runs it (``run``).

    Returns
    -------
    argparse.ArgumentParser
        A `Parser` with ``--version``, ``--debug``,
        ``--limit NAME=VALUE`` (repeatable), ``-q``/``-v``/``--no-color`` and one
        sub-command per module; every sub-command takes ``-q``/``-v``/``--no-color``
        too (`civicgrants.cli.output.add_output_options()`) and reports a usage
        error with its own usage.

    Examples
    --------
    >>> args = build_parser().parse_args(["schema", "region"])
    >>> args.command, args.type, args.debug
    ('schema', 'region', False)
    >>> build_parser().parse_args(["--limit", "depth=200", "schema"]).limit
    [('depth', 200)]

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
    parser.add_argument(
        "--limit",
        action="append",
        type=limit_arg,
        default=[],
        metavar="NAME=VALUE",
        help="raise (or lower) one input limit for this command, e.g. file_bytes=1GiB or "
        "depth=200; repeatable (docs/limits.md lists every limit and its default)",
    )
    add_output_options(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMANDS:
        importlib.import_module(f"civicgrants.cli.{name}").add_parser(sub)
    for command in command_parsers(parser).values():
        command.command = True  # type: ignore[attr-defined]  # its own usage on a usage error
        add_output_options(command)
        command.set_defaults(command_parser=command)
    return parser


def command_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every command's parser under ``parser``, by its words (``"budget check"``), nested ones too.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The top-level parser (`build_parser()`).

    Returns
    -------
    dict of str to argparse.ArgumentParser
        Each sub-command's parser, parents before their children.

    Examples
    --------
    >>> names = list(command_parsers(build_parser()))
    >>> names[:4]
    ['demo', 'check', 'schedule', 'budget']
    >>> "budget check" in names and "round status" in names
    True

    See Also
    --------
    build_parser : the parser it walks.
    """
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:  # argparse keeps its sub-commands there
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                words = f"{getattr(parser, 'words', '')} {name}".strip()
                child.words = words
                found[words] = child
                found.update(command_parsers(child))
    return found


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; return the exit status.

    Bad input (an invalid document, an unreadable file, a wrong argument) is one
    line on ``err`` naming the file, with status 2; any other exception is a bug
    in civicgrants, reported on one line with status 70 (a ``MemoryError`` or a
    ``RecursionError`` too: readers refuse input beyond the limits before it
    could cause one, so one that happens is a bug, never mapped to bad input).
    Every line is `printable()`: control characters in
    a file name or an echoed value are escaped. ``--limit NAME=VALUE`` runs the
    command inside `use_limits()`. A reader that
    goes away (a broken pipe) ends the command quietly with status 0.

    stdout carries the result only. ``-q`` prints nothing there (the exit
    status carries the result); ``-v`` adds, on stderr, the files read, the
    options in force and, for an invalid document, every problem. On a
    terminal, the ``error:`` prefix is coloured (not with ``NO_COLOR``,
    ``TERM=dumb`` or ``--no-color``) and long work shows a progress bar on
    stderr (not with ``-q``); see `civicgrants.cli.output`.

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
        printed), 70 an internal error (see `civicgrants.cli.common`).

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
    >>> err = io.StringIO()
    >>> main(["--limit", "first_year=2300", "schema"], out=out, err=err)
    2
    >>> print(err.getvalue(), end="")
    civicgrants: error: --limit: first_year: must not be after last_year, got 2300 > 2200 (see civicgrants --help)

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
    argv = list(sys.argv[1:] if argv is None else argv)
    options = argv[: argv.index("--")] if "--" in argv else argv
    with no_colour("--no-color" in options):
        return _main(parser, argv, out, err)


def _main(parser: argparse.ArgumentParser, argv: list[str], out: TextIO, err: TextIO) -> int:
    with contextlib.ExitStack() as scope:
        early = _limits(_global_limits(argv))  # so that the arguments are read within them
        if isinstance(early, str):
            return _fail(err, early)
        if early is not None:
            scope.enter_context(_use(early))
        args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace, TextIO], int] | None = getattr(args, "run", None)
    if run is None:
        parser.print_help(out)
        return EXIT_BAD_INPUT
    if args.quiet:  # only errors: the result is not printed, the exit status carries it
        out = cast(TextIO, Discard())
        args.verbose = False
    args.progress = progress_for(args, err, args.command_parser.words)
    from civicgrants.errors import (  # after --help: attrs is not free
        CivicGrantsError,
        DocumentError,
        ValidationError,
        printable,
    )

    if args.verbose:  # a file name cannot drive the terminal either
        for line in verbose_lines(args, args.command_parser):
            print(printable(f"civicgrants {args.command_parser.words}: {line}"), file=err)

    limits = _limits(args.limit)
    if isinstance(limits, str):
        return _fail(err, limits)
    try:
        with contextlib.ExitStack() as scope:
            if limits is not None:
                scope.enter_context(_use(limits))
            return run(args, out)
    except BrokenPipeError:  # the reader went away (`civicgrants demo | head`): stop quietly
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, out.fileno())
        return EXIT_OK
    except DocumentError as exc:
        if args.debug:
            raise
        lines = getattr(args, "problem_lines", None)
        if lines is not None and args.verbose and len(exc.problems) > 1:  # -v: every one
            for line in lines(exc):
                print(printable(line), file=err)
        return _fail_problems(err, args, exc, f"civicgrants: error: {exc.one_line()}")
    except ValidationError as exc:  # every problem located; the first on the line
        if args.debug:
            raise
        more = len(exc.problems) - 1
        first = str(exc.problems[0]) if exc.problems else "invalid input"
        tail = f" (and {more} more)" if more > 0 else ""
        return _fail_problems(err, args, exc, f"civicgrants: error: {first}{tail}")
    except (CivicGrantsError, OSError) as exc:
        if args.debug:
            raise
        where = f"{exc.filename}: " if isinstance(exc, OSError) and exc.filename else ""
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return _fail(err, f"civicgrants: error: {where}{message}")
    except Exception as exc:  # a bug in civicgrants: say so on one line, never a bare traceback
        if args.debug:
            raise
        return _fail(
            err,
            f"civicgrants: internal error: {type(exc).__name__}: {exc} "
            "(please report it; run with --debug for the traceback)",
            EXIT_INTERNAL,
        )


def _fail_problems(
    err: TextIO, args: argparse.Namespace, exc: ValidationError, message: str
) -> int:
    """Report invalid input: ``message`` as text, or with ``--format json`` one JSON line.

    The JSON line is ``{"error": message, "problems": exc.errors()}``: every problem with its
    ``loc``, ``msg``, ``type`` and ``input``, as pydantic shapes them, for a service to return.
    """
    if getattr(args, "format", "text") != "json":
        return _fail(err, message)
    from civicgrants.errors import printable

    line = json.dumps(
        {"error": printable(message), "problems": exc.errors()}, ensure_ascii=False, sort_keys=True
    )
    print(printable(line), file=err)
    return EXIT_BAD_INPUT


def _fail(err: TextIO, message: str, status: int = EXIT_BAD_INPUT) -> int:
    """Print ``message`` as one printable line on ``err``; return ``status``."""
    from civicgrants.errors import printable

    line = printable(message)
    for prefix in ("civicgrants: error:", "civicgrants: internal error:"):
        if line.startswith(prefix):
            line = paint(prefix, err) + line[len(prefix) :]
    print(line, file=err)
    return status


def _global_limits(argv: Sequence[str]) -> list[tuple[str, int]]:
    """The ``--limit`` options before the command, read ahead of the parser; bad ones skipped.

    The parser reads them again and reports any that is wrong; reading them first
    lets argument types (a date's year range, say) see the limits in force.
    """
    changes = []
    tokens = iter(argv)
    for token in tokens:
        if not token.startswith("-"):
            break  # the command: what follows is its own
        option, eq, value = token.partition("=")
        if len(option) < 3 or not "--limit".startswith(option):
            continue
        text = value if eq else next(tokens, None)
        if text is None:
            break
        with contextlib.suppress(argparse.ArgumentTypeError):
            changes.append(limit_arg(text))
    return changes


def _limits(changes: Sequence[tuple[str, int]]) -> Any:
    """The limits with ``changes`` made, ``None`` for none, or the message why they cannot be."""
    if not changes:
        return None
    import attrs

    from civicgrants.model.limits import get_limits

    try:
        return attrs.evolve(get_limits(), **dict(changes))
    except (TypeError, ValueError) as exc:  # first_year after last_year, say
        return f"civicgrants: error: --limit: {exc} (see civicgrants --help)"


def _use(limits: Any) -> contextlib.AbstractContextManager[Any]:
    from civicgrants.model.limits import use_limits

    return use_limits(limits)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
