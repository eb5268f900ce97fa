"""What every command shares: exit statuses, the one-line usage errors, argument types.

Exit statuses: 0 success; 1 the command ran and found problems (an audit with
error findings); 2 bad input (an unreadable or invalid file, a wrong argument);
70 a bug in civicgrants (one line, ``--debug`` for the traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TextIO

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "Parser",
    "emit",
    "exit_status",
    "iso_date",
    "locale_arg",
    "write_bytes",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70


class Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print ``message`` as one line naming the command's help, and exit 2."""
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def iso_date(text: str) -> dt.date:
    """An argument type: a date written ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def locale_arg(text: str) -> str:
    """An argument type: a babel locale such as ``ru_KZ``."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(text)
    except (UnknownLocaleError, ValueError):
        raise argparse.ArgumentTypeError(
            f"unknown locale {text!r} (try ru_KZ, kk_KZ or en)"
        ) from None
    return text


def write_bytes(out: TextIO, data: bytes) -> None:
    """Bytes to a text stream: straight to its buffer when it has one (a terminal, a pipe)."""
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(data)
    else:
        out.write(data.decode("utf-8"))


def exit_status(result: object) -> int:
    """1 when ``result`` reports errors (its ``has_errors`` is true), else 0."""
    return EXIT_FINDINGS if getattr(result, "has_errors", False) else EXIT_OK


def emit(result: object, args: argparse.Namespace, out: TextIO) -> int:
    """Print ``result`` in ``args.format`` (and ``args.lang``); return the exit status."""
    from civicgrants.io.render import render

    out.write(render(result, getattr(args, "format", "text"), lang=getattr(args, "lang", "en")))
    return exit_status(result)
