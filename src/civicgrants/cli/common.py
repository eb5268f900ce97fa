"""What every command shares: exit statuses, the one-line usage errors, argument types.

Exit statuses: 0 success; 1 the command ran and found problems (an audit with
error findings); 2 bad input (an unreadable or invalid file, a wrong argument);
70 a bug in civicgrants (one line, ``--debug`` for the traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal
from typing import TextIO

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "Parser",
    "amount_arg",
    "emit",
    "exit_status",
    "iso_date",
    "locale_arg",
    "percent_arg",
    "write_bytes",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70


class Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit status 2.

    Parameters
    ----------
    *args, **kwargs
        As for :class:`argparse.ArgumentParser`.

    Examples
    --------
    >>> import contextlib, io
    >>> parser = Parser(prog="civicgrants check")
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stderr(err):
    ...     try:
    ...         parser.parse_args(["--nope"])
    ...     except SystemExit as exc:
    ...         print(exc.code)
    2
    >>> print(err.getvalue(), end="")
    civicgrants check: error: unrecognized arguments: --nope (see civicgrants check --help)

    See Also
    --------
    civicgrants.cli.build_parser : the ``civicgrants`` parser, made of these.
    EXIT_BAD_INPUT : the exit status of a usage error.
    """

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print ``message`` as one line naming the command's help, and exit 2.

        Parameters
        ----------
        message : str
            What is wrong with the arguments.

        Raises
        ------
        SystemExit
            Always, with status :data:`EXIT_BAD_INPUT` (2), after writing the line to stderr.
        """
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def iso_date(text: str) -> dt.date:
    """An argument type: a date written ``YYYY-MM-DD``.

    Parameters
    ----------
    text : str
        The argument as typed.

    Returns
    -------
    datetime.date
        The date.

    Raises
    ------
    argparse.ArgumentTypeError
        ``text`` is not a valid ISO date; argparse turns it into a usage error.

    Examples
    --------
    >>> iso_date("2024-03-08")
    datetime.date(2024, 3, 8)
    >>> iso_date("2024-13-01")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: not a date YYYY-MM-DD: '2024-13-01'

    See Also
    --------
    locale_arg : the other shared argument type.
    """
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def amount_arg(text: str) -> Decimal:
    """An argument type: a non-negative amount such as ``5000000`` or ``5000000.50``, read exactly.

    Parameters
    ----------
    text : str
        The argument as typed (digits, at most one ``.``; no grouping).

    Returns
    -------
    Decimal
        The amount, never through a float.

    Raises
    ------
    argparse.ArgumentTypeError
        ``text`` is not such an amount; argparse turns it into a usage error.

    Examples
    --------
    >>> amount_arg("5000000.50")
    Decimal('5000000.50')
    >>> amount_arg("5 000 000")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: not an amount (digits and one '.', no spaces): '5 000 000'

    See Also
    --------
    percent_arg : a percentage.
    """
    if not text.replace(".", "", 1).isdigit():
        raise argparse.ArgumentTypeError(f"not an amount (digits and one '.', no spaces): {text!r}")
    return Decimal(text)


def percent_arg(text: str) -> Decimal:
    """An argument type: a positive percentage such as ``150`` or ``162.5``, read exactly.

    Parameters
    ----------
    text : str
        The argument as typed.

    Returns
    -------
    Decimal
        The percentage, never through a float.

    Raises
    ------
    argparse.ArgumentTypeError
        ``text`` is not a positive decimal number; argparse turns it into a usage error.

    Examples
    --------
    >>> percent_arg("162.5")
    Decimal('162.5')
    >>> percent_arg("lots")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: not a positive percentage: 'lots'

    See Also
    --------
    iso_date : another shared argument type.
    """
    try:
        value = Decimal(text.strip())
    except ArithmeticError:
        value = Decimal(0)
    if not value.is_finite() or value <= 0 or not text.strip().replace(".", "", 1).isdigit():
        raise argparse.ArgumentTypeError(f"not a positive percentage: {text!r}")
    return value


def locale_arg(text: str) -> str:
    """An argument type: a babel locale such as ``ru_KZ``.

    Parameters
    ----------
    text : str
        The argument as typed.

    Returns
    -------
    str
        ``text`` unchanged, once babel knows the locale.

    Raises
    ------
    argparse.ArgumentTypeError
        babel does not know the locale; argparse turns it into a usage error.

    Examples
    --------
    >>> locale_arg("ru_KZ")
    'ru_KZ'
    >>> locale_arg("xx_YY")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: unknown locale 'xx_YY' (try ru_KZ, kk_KZ or en)

    See Also
    --------
    iso_date : the other shared argument type.
    civicgrants.io.fmt.locale_of : the locale of a language.
    """
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(text)
    except (UnknownLocaleError, ValueError):
        raise argparse.ArgumentTypeError(
            f"unknown locale {text!r} (try ru_KZ, kk_KZ or en)"
        ) from None
    return text


def write_bytes(out: TextIO, data: bytes) -> None:
    r"""Bytes to a text stream: straight to its buffer when it has one (a terminal, a pipe).

    A stream without a buffer (``io.StringIO``, say) gets the bytes decoded as UTF-8.

    Parameters
    ----------
    out : TextIO
        The stream; flushed first when its buffer is written to.
    data : bytes
        What to write (a file's bytes, e.g. an ``.xlsx`` workbook).

    Examples
    --------
    >>> import io
    >>> text = io.StringIO()
    >>> write_bytes(text, "Атырау\n".encode())
    >>> print(text.getvalue(), end="")
    Атырау
    >>> raw = io.BytesIO()
    >>> stream = io.TextIOWrapper(raw)
    >>> write_bytes(stream, b"\x00\x01")
    >>> raw.getvalue()
    b'\x00\x01'

    See Also
    --------
    emit : prints a result as text instead.
    """
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(data)
    else:
        out.write(data.decode("utf-8"))


def exit_status(result: object) -> int:
    """1 when ``result`` reports errors (its ``has_errors`` is true), else 0.

    Parameters
    ----------
    result : object
        A command's result; one without ``has_errors`` counts as no errors.

    Returns
    -------
    int
        :data:`EXIT_FINDINGS` or :data:`EXIT_OK`.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> exit_status(SimpleNamespace(has_errors=True)), exit_status("anything else")
    (1, 0)

    See Also
    --------
    emit : prints a result and returns this status.
    """
    return EXIT_FINDINGS if getattr(result, "has_errors", False) else EXIT_OK


def emit(result: object, args: argparse.Namespace, out: TextIO) -> int:
    """Print ``result`` in ``args.format`` (and ``args.lang``); return the exit status.

    Parameters
    ----------
    result : object
        A command's result, with a text and a JSON view.
    args : argparse.Namespace
        The parsed arguments; ``format`` defaults to ``"text"`` and ``lang`` to
        ``"en"`` when the command has no such option.
    out : TextIO
        Where to print.

    Returns
    -------
    int
        :func:`exit_status` of ``result``.

    Examples
    --------
    >>> import argparse, io
    >>> from civicgrants.io.documents import Validation
    >>> out = io.StringIO()
    >>> emit(Validation("r.json", "region", "a"), argparse.Namespace(format="json"), out)
    0
    >>> print(out.getvalue(), end="")
    {"path": "r.json", "valid": true, "type": "region", "id": "a"}

    See Also
    --------
    civicgrants.io.render.render : makes the text.
    exit_status : the status returned.
    """
    from civicgrants.io.render import render

    out.write(render(result, getattr(args, "format", "text"), lang=getattr(args, "lang", "en")))
    return exit_status(result)
