"""How every command talks: ``-q``/``-v``, colour on a terminal only, a progress bar.

stdout carries the result and nothing else; errors, ``-v``'s details and the
progress bar go to stderr. Colour (the ``error:`` prefix) and the bar appear
only when stderr is a terminal: never in a pipe or a file, never with
``NO_COLOR`` set to anything non-empty (https://no-color.org), ``TERM=dumb`` or
``--no-color``, and the bar never with ``-q``. Neither changes a byte of the
result.
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import io
import os
import time
from collections.abc import Iterator
from typing import TextIO

__all__ = [
    "Discard",
    "ProgressBar",
    "add_output_options",
    "colour",
    "no_colour",
    "paint",
    "progress_for",
    "verbose_lines",
]

_NO_COLOUR: contextvars.ContextVar[bool] = contextvars.ContextVar("no_colour", default=False)

_RED_BOLD = "\x1b[1;31m"
_YELLOW = "\x1b[33m"
_RESET = "\x1b[0m"


def add_output_options(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """Add ``-q/--quiet``, ``-v/--verbose`` and ``--no-color`` to ``parser``.

    The top-level parser and every command's parser get them, so they are read
    before or after the command (``civicgrants -q check F`` or ``civicgrants
    check F -q``); a command's parser does not reset what was given before it.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The parser.
    top : bool
        ``True`` for the top-level parser, which holds the defaults.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="civicgrants")
    >>> add_output_options(parser, top=True)
    >>> args = parser.parse_args(["-v"])
    >>> args.quiet, args.verbose, args.no_color
    (False, True, False)

    See Also
    --------
    civicgrants.cli.build_parser : adds them to every command.
    """
    default: object = False if top else argparse.SUPPRESS
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default,
        help="print only errors (the exit status carries the result)",
    )
    group.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=default,
        help="also say on stderr which files are read and which defaults apply",
    )
    parser.add_argument(
        "--no-color",
        action="store_true",
        default=default,
        help="no colour on stderr (also: NO_COLOR set, TERM=dumb, or not a terminal)",
    )


def colour(stream: TextIO) -> bool:
    """Whether to colour what goes to ``stream``.

    Only on a terminal, and never with ``NO_COLOR`` set to a non-empty value,
    ``TERM=dumb`` or ``--no-color`` (`no_colour()`).

    Parameters
    ----------
    stream : TextIO
        Where the text goes (stderr).

    Returns
    -------
    bool
        ``True`` when colour is wanted.

    Examples
    --------
    >>> import io
    >>> colour(io.StringIO())  # not a terminal
    False

    See Also
    --------
    paint : colours a prefix when this is true.
    """
    if _NO_COLOUR.get() or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


@contextlib.contextmanager
def no_colour(off: bool = True) -> Iterator[None]:
    """Within the block, `colour()` is false when ``off`` (``--no-color``).

    Parameters
    ----------
    off : bool
        Whether ``--no-color`` was given.

    Yields
    ------
    None
        Within the block, colour is off when ``off``.

    Examples
    --------
    >>> with no_colour():
    ...     print(paint("civicgrants: error:", _Tty()))
    civicgrants: error:

    See Also
    --------
    colour : what it switches off.
    """
    token = _NO_COLOUR.set(off or _NO_COLOUR.get())
    try:
        yield
    finally:
        _NO_COLOUR.reset(token)


def paint(prefix: str, stream: TextIO) -> str:
    r"""``prefix`` (``…error:`` red, ``…warning:`` yellow) when `colour()` says so.

    Parameters
    ----------
    prefix : str
        The prefix of an error or a warning line.
    stream : TextIO
        Where the line goes.

    Returns
    -------
    str
        ``prefix``, in ANSI colour on a terminal, unchanged otherwise.

    Examples
    --------
    >>> import io
    >>> paint("civicgrants: error:", io.StringIO())
    'civicgrants: error:'
    >>> paint("civicgrants: error:", _Tty())
    '\x1b[1;31mcivicgrants: error:\x1b[0m'

    See Also
    --------
    colour : when it colours.
    """
    if not colour(stream):
        return prefix
    code = _YELLOW if prefix.endswith("warning:") else _RED_BOLD
    return f"{code}{prefix}{_RESET}"


class _Tty(io.StringIO):
    """A text stream that says it is a terminal (for the examples and the tests)."""

    def isatty(self) -> bool:
        return True


class Discard(io.TextIOBase):
    """A text stream that keeps nothing: stdout under ``-q``.

    Examples
    --------
    >>> Discard().write("anything")
    8

    See Also
    --------
    civicgrants.cli.main : puts it in place of stdout under ``-q``.
    """

    def write(self, text: str) -> int:
        """Drop ``text``; return its length, as a stream does."""
        return len(text)

    def writable(self) -> bool:
        """Always ``True``."""
        return True


class ProgressBar:
    r"""A progress bar on a terminal: ``progress(done, total)`` redraws one line.

    Redraws are throttled (at most one every ``interval`` seconds, plus the
    last), and the line is cleared when the work is done, so the terminal is
    left as it was. Only the CLI makes one, and only for a terminal
    (`progress_for()`).

    Parameters
    ----------
    stream : TextIO
        The terminal (stderr).
    label : str
        What the work is (``"sensitivity"``).
    interval : float
        The least time between redraws, in seconds.
    width : int
        The bar's width in characters.

    Examples
    --------
    >>> tty = _Tty()
    >>> bar = ProgressBar(tty, "draws", interval=0.0, width=10)
    >>> bar(5, 10)
    >>> tty.getvalue()
    '\rdraws [#####     ]  50% 5/10'
    >>> bar(10, 10)  # done: the line is cleared
    >>> tty.getvalue().endswith("\r" + " " * 28 + "\r")
    True

    See Also
    --------
    progress_for : makes one for a terminal only.
    civicgrants.model.progress.Progress : the callback type it implements.
    """

    def __init__(
        self, stream: TextIO, label: str, *, interval: float = 0.1, width: int = 30
    ) -> None:
        self.stream = stream
        self.label = label
        self.interval = interval
        self.width = width
        self._last = float("-inf")
        self._shown = 0

    def __call__(self, done: int, total: int) -> None:
        """Redraw the bar for ``done`` of ``total`` (throttled); clear it when done."""
        now = time.monotonic()
        finished = total > 0 and done >= total
        if not finished and now - self._last < self.interval:
            return
        self._last = now
        if finished:
            if self._shown:
                self.stream.write("\r" + " " * self._shown + "\r")
                self.stream.flush()
                self._shown = 0
            return
        share = done / total if total > 0 else 0.0
        full = int(self.width * share)
        line = (
            f"{self.label} [{'#' * full}{' ' * (self.width - full)}] "
            f"{int(100 * share):3d}% {done}/{total}"
        )
        self.stream.write("\r" + line)
        self.stream.flush()
        self._shown = len(line)


def progress_for(args: argparse.Namespace, err: TextIO, label: str) -> ProgressBar | None:
    """A `ProgressBar` on ``err`` when it is a terminal and ``-q`` is not given.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed arguments (``quiet``).
    err : TextIO
        stderr.
    label : str
        What the work is.

    Returns
    -------
    ProgressBar or None
        ``None`` in a pipe, in a file or with ``-q``: no bar at all.

    Examples
    --------
    >>> import io
    >>> progress_for(argparse.Namespace(quiet=False), io.StringIO(), "draws") is None
    True
    >>> progress_for(argparse.Namespace(quiet=False), _Tty(), "draws") is None
    False
    >>> progress_for(argparse.Namespace(quiet=True), _Tty(), "draws") is None
    True

    See Also
    --------
    ProgressBar : the bar.
    """
    if getattr(args, "quiet", False):
        return None
    isatty = getattr(err, "isatty", None)
    if isatty is None or not isatty():
        return None
    return ProgressBar(err, label)


_INPUTS = (
    "file",
    "call",
    "scores",
    "folder",
    "methodology",
    "localities",
    "application",
    "agreement",
)
"""The arguments that name a file or a folder the command reads."""

_QUIET = (
    "run",
    "command",
    "command_parser",
    "quiet",
    "verbose",
    "no_color",
    "debug",
    "progress",
    "problem_lines",
)


def verbose_lines(args: argparse.Namespace, parser: argparse.ArgumentParser) -> list[str]:
    """What ``-v`` says before the command runs: its inputs and the options in force.

    Deterministic: no timings, no absolute paths the user did not type. Each
    input the command reads is named with its size; each option is named with
    its value and ``(default)`` when it was not given.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed arguments.
    parser : argparse.ArgumentParser
        The command's parser (its defaults tell which values were given).

    Returns
    -------
    list of str
        The lines, without ``civicgrants:`` in front.

    Examples
    --------
    >>> p = argparse.ArgumentParser()
    >>> _ = p.add_argument("--format", default="text")
    >>> _ = p.add_argument("--lang", default="en")
    >>> verbose_lines(p.parse_args(["--lang", "ru"]), p)
    ['option --format: text (default)', 'option --lang: ru']

    See Also
    --------
    civicgrants.cli.main : prints them on stderr with ``-v``.
    """
    lines = []
    for name in _INPUTS:
        value = getattr(args, name, None)
        if isinstance(value, str):
            if os.path.isfile(value):
                lines.append(f"reading {value} ({os.path.getsize(value)} bytes)")
            elif os.path.isdir(value):
                lines.append(f"reading the folder {value}")
    flags = {a.dest: a.option_strings for a in parser._actions}  # argparse keeps them there
    for name, value in sorted(vars(args).items()):
        if name in _QUIET or name in _INPUTS or name.endswith("_command"):
            continue
        shown = value.isoformat() if hasattr(value, "isoformat") else value
        if name == "limit":
            lines += [f"limit {limit}: {number}" for limit, number in value]
            continue
        given = "" if value != parser.get_default(name) else " (default)"
        options = flags.get(name) or []
        what = f"option {max(options, key=len)}" if options else f"argument {name}"
        lines.append(f"{what}: {shown}{given}")
    return lines
