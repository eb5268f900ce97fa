"""What every command shares: exit statuses, the one-line usage errors, argument types.

Exit statuses: 0 success; 1 the command ran and found problems (an audit with
error findings); 2 bad input (an unreadable or invalid file, a wrong argument);
70 a bug in civicgrants (one line, ``--debug`` for the traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TextIO

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "Parser",
    "add_lang",
    "amount_arg",
    "emit",
    "exit_status",
    "iso_date",
    "limit_arg",
    "locale_arg",
    "percent_arg",
    "write_bytes",
    "year_arg",
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
        As for `argparse.ArgumentParser`.

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
            What is wrong with the arguments; control characters in it (an
            argument echoed back) are escaped (`civicgrants.errors.printable()`).

        Raises
        ------
        SystemExit
            Always, with status `EXIT_BAD_INPUT` (2), after writing the line to stderr.
        """
        import sys

        from civicgrants.cli.output import paint
        from civicgrants.errors import printable  # on error only: attrs is not free

        command = getattr(self, "command", False)  # a sub-command: its usage and its -h
        see = f"see {self.prog} -h" if command else f"see {self.prog} --help"
        if command and message.startswith(_USAGE_ERRORS):  # still one line: usage folded in
            see = f"{' '.join(self.format_usage().split())}; {see}"
        prefix = paint(f"{self.prog}: error:", sys.stderr)
        line = f"{prefix} {printable(f'{message} ({see})')}"
        self.exit(EXIT_BAD_INPUT, f"{line}\n")

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """As argparse's; a sub-command refuses options it does not know itself.

        argparse hands a sub-command's unknown options to the top-level parser,
        whose error points to the top-level help; a sub-command (``command``
        set) reports them with its own usage instead.
        """
        known, extras = super().parse_known_args(args, namespace)
        if extras and getattr(self, "command", False):
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return known, extras


_USAGE_ERRORS = ("unrecognized arguments", "the following arguments are required")
"""The usage errors after which a sub-command prints its usage (a bad value is one line)."""


def add_lang(parser: argparse.ArgumentParser) -> None:
    """Add ``--lang ru|kk|en`` (default ``en``): the language of the text a command writes.

    Every command takes it, so that one flag works everywhere; machine formats
    (JSON, iCalendar) ignore it except where they hold text for people.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        A command's parser.

    Examples
    --------
    >>> parser = Parser(prog="civicgrants x")
    >>> add_lang(parser)
    >>> parser.parse_args(["--lang", "kk"]).lang, parser.parse_args([]).lang
    ('kk', 'en')

    See Also
    --------
    emit : writes a result in ``args.lang``.
    civicgrants.io.labels.tr : the translation behind the text.
    """
    parser.add_argument(
        "--lang",
        default="en",
        choices=["ru", "kk", "en"],
        help="language of the text: ru, kk or en (default en)",
    )


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
        ``text`` is not a valid ISO date, or its year is outside the limits in
        force (``first_year`` … ``last_year``, 1900 … 2200 unless raised with
        ``--limit``); argparse turns it into a usage error.

    Examples
    --------
    >>> iso_date("2024-03-08")
    datetime.date(2024, 3, 8)
    >>> iso_date("2024-13-01")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: not a date YYYY-MM-DD: '2024-13-01'
    >>> iso_date("1000-01-06")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: 1000-01-06: the year must be within 1900 … 2200 (the first_year and last_year limits; raise them with --limit first_year=N)

    See Also
    --------
    year_arg : a year alone.
    locale_arg : another shared argument type.
    """
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {_echo(text)}") from None
    _check_year(day.year, text)
    return day


def year_arg(text: str) -> int:
    """An argument type: a year within the limits in force (1900 … 2200 by default).

    Parameters
    ----------
    text : str
        The argument as typed.

    Returns
    -------
    int
        The year.

    Raises
    ------
    argparse.ArgumentTypeError
        ``text`` is not a year of at most four digits, or is outside
        ``first_year`` … ``last_year``; argparse turns it into a usage error.

    Examples
    --------
    >>> year_arg("2021")
    2021
    >>> year_arg("twenty")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: not a year: 'twenty'

    See Also
    --------
    iso_date : a whole date.
    """
    if not (text.isascii() and text.isdigit() and len(text) <= 4):
        raise argparse.ArgumentTypeError(f"not a year: {_echo(text)}")
    _check_year(int(text), text)
    return int(text)


def _check_year(year: int, text: str) -> None:
    from civicgrants.model.limits import get_limits

    limits = get_limits()
    if not limits.first_year <= year <= limits.last_year:
        raise argparse.ArgumentTypeError(
            f"{_echo(text, quote=False)}: the year must be within {limits.first_year} … "
            f"{limits.last_year} (the first_year and last_year limits; raise them with "
            f"--limit first_year=N)"
        )


def _echo(text: str, *, quote: bool = True) -> str:
    """An argument echoed in a message: quoted, and cut to 40 characters."""
    short = text if len(text) <= 40 else f"{text[:30]}… ({len(text)} characters)"
    return repr(short) if quote else short


_UNITS = {"": 1, "kib": 1024, "mib": 1024**2, "gib": 1024**3}


def limit_arg(text: str) -> tuple[str, int]:
    """An argument type: one limit to change, ``NAME=VALUE`` (``--limit depth=200``).

    ``VALUE`` is a whole number >= 1, with ``_`` between digits allowed and, for
    sizes, an optional ``KiB``, ``MiB`` or ``GiB`` (``file_bytes=1GiB``).

    Parameters
    ----------
    text : str
        The argument as typed.

    Returns
    -------
    tuple of (str, int)
        The limit's name (an attribute of
        `Limits`) and its new value.

    Raises
    ------
    argparse.ArgumentTypeError
        ``text`` is not ``NAME=VALUE``, ``NAME`` is not a limit or ``VALUE`` is
        not a whole number >= 1; argparse turns it into a usage error (exit 2).

    Examples
    --------
    >>> limit_arg("file_bytes=1GiB")
    ('file_bytes', 1073741824)
    >>> limit_arg("depth=1_000")
    ('depth', 1000)
    >>> limit_arg("colour=3")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: no limit named 'colour'; the limits are: cells, depth, digits, expanded_bytes, exponent, file_bytes, files, first_year, last_year, weeks, xlsx_cells
    >>> limit_arg("depth=0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: depth: must be a whole number >= 1, got '0'

    See Also
    --------
    civicgrants.model.limits.use_limits : what ``--limit`` does around the command.
    civicgrants.model.limits.Limits : every limit and its default.
    """
    import re

    import attrs

    from civicgrants.model.limits import Limits

    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE (e.g. depth=200), got {text!r}")
    names = sorted(a.name for a in attrs.fields(Limits))
    if name not in names:
        raise argparse.ArgumentTypeError(
            f"no limit named {name!r}; the limits are: {', '.join(names)}"
        )
    match = re.fullmatch(r"\s*([0-9]{1,30}(?:_[0-9]{1,30}){0,10})\s*([KkMmGg]i[Bb])?\s*", value)
    number = int(match[1]) * _UNITS[(match[2] or "").lower()] if match else 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{name}: must be a whole number >= 1, got {value!r}")
    return name, number


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
        ``text`` is not such an amount, or has more digits than an amount can hold
        (`civicgrants.model.money.MAX_DIGITS`, with the minor unit); argparse
        turns it into a usage error.

    Examples
    --------
    >>> amount_arg("5000000.50")
    Decimal('5000000.50')
    >>> amount_arg("5 000 000")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: not an amount (digits and one '.', no spaces): '5 000 000'
    >>> amount_arg("1" * 27)
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: too large an amount: '111111111111111111111111111' (an amount holds at most 28 significant digits, with its minor unit)

    See Also
    --------
    percent_arg : a percentage.
    """
    if not (text.isascii() and text.replace(".", "", 1).isdigit()):
        raise argparse.ArgumentTypeError(
            f"not an amount (digits and one '.', no spaces): {_echo(text)}"
        )
    from civicgrants.model.money import MAX_DIGITS

    whole, _, fraction = text.lstrip("0").partition(".")
    if len(whole) + max(len(fraction.rstrip("0")), 2) > MAX_DIGITS:
        raise argparse.ArgumentTypeError(
            f"too large an amount: {_echo(text)} (an amount holds at most {MAX_DIGITS} "
            "significant digits, with its minor unit)"
        )
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
        ``text`` is not a positive decimal number, or is one beyond the number
        limits (`civicgrants.model.limits.number_problem()`); argparse turns
        it into a usage error.

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
    plain = text.strip()
    if not (plain.isascii() and plain.replace(".", "", 1).isdigit()) or len(plain) > 100:
        raise argparse.ArgumentTypeError(f"not a positive percentage: {_echo(text)}")
    value = Decimal(plain)
    from civicgrants.model.limits import number_problem

    problem = number_problem(value)
    if value <= 0 or problem is not None:
        raise argparse.ArgumentTypeError(
            f"not a positive percentage: {_echo(text)}{f' ({problem})' if problem else ''}"
        )
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
        `EXIT_FINDINGS` or `EXIT_OK`.

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


def emit(result: object, args: argparse.Namespace, out: TextIO, **options: object) -> int:
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
    **options
        Passed on to the text view (`civicgrants.io.render.text()`).

    Returns
    -------
    int
        `exit_status()` of ``result``.

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

    fmt, lang = getattr(args, "format", "text"), getattr(args, "lang", "en")
    out.write(render(result, fmt, lang=lang, **options))
    return exit_status(result)
