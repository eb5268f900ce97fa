"""``civicgrants demo``: a walk through one cycle of the embedded programme.

The command prints ``civicgrants.io.render.text(civicgrants.datasets.demo.demo(lang=…,
out=…))``. Its last step is ``civicgrants round init``, ``status`` and ``report`` on the
example round: in ``--out DIR`` (kept), else in a temporary folder that is removed.
"""

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
    >>> args = parser.parse_args(["demo", "--lang", "ru"])
    >>> args.lang, args.out, args.format, args.run is run
    ('ru', None, 'text', True)
    >>> parser.parse_args(["demo", "--out", "my-round"]).out
    'my-round'

    See Also
    --------
    run : what the command does.
    civicgrants.cli.build_parser : adds every command.
    """
    demo = sub.add_parser(
        "demo",
        help="walk through one cycle of the embedded Qoğamdyq Keñıstıkter programme",
        description="One cycle of the embedded programme, made with the same library calls a "
        "user would make: its stages, localities and projects, the season's calendar, a budget "
        "audit, a (synthetic, seeded) commission round, a residents' vote on a real pabulib "
        "file, the roll-up of the published figures, and the example round from decision to "
        "delivery through 'round init', 'round status' and 'round report' (the HTML report "
        "needs the 'report' extra; without it the demo says so). Needs no input.",
    )
    add_lang(demo)
    demo.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help="keep the example round and its report.html in DIR (new or empty); by default "
        "they go to a temporary folder that is removed",
    )
    demo.add_argument(
        "--format",
        default="text",
        choices=["text", "json"],
        help="text (default) or json: every step's result as data",
    )
    demo.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the walkthrough; exit 0.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed arguments (``lang``, ``out``).
    out : TextIO
        Where to print.

    Returns
    -------
    int
        0, with or without the ``report`` extra.

    Raises
    ------
    civicgrants.errors.DocumentError
        ``--out DIR`` holds a round already, or other files (exit 2, one line).

    Examples
    --------
    >>> import io
    >>> from civicgrants.cli import build_parser
    >>> out = io.StringIO()
    >>> run(build_parser().parse_args(["demo"]), out)
    0
    >>> print(out.getvalue().splitlines()[0])
    Public Spaces — Qoğamdyq Keñıstıkter (09/2018–12/2021)

    See Also
    --------
    civicgrants.datasets.demo.demo : the walkthrough.
    civicgrants.io.views.demo.walkthrough_text : its text.
    """
    from civicgrants.datasets.demo import demo

    bar = getattr(args, "progress", None)  # a bar on a terminal, else None
    return emit(demo(lang=args.lang, out=args.out, progress=bar), args, out)
