"""``civicgrants demo``: a walk through one cycle of the embedded programme.

The command prints ``civicgrants.io.render.text(civicgrants.datasets.demo.demo(lang=…))``.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from civicgrants.cli.common import emit

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    demo = sub.add_parser(
        "demo",
        help="walk through one cycle of the embedded Qoğamdyq Keñıstıkter programme",
        description="One cycle of the embedded programme, made with the same library calls a "
        "user would make: its stages, localities and projects, the season's calendar, a budget "
        "audit, a (synthetic, seeded) commission round, a residents' vote on a real pabulib "
        "file, and the roll-up of the published figures. Needs no input.",
    )
    demo.add_argument(
        "--lang",
        default="en",
        choices=["ru", "kk", "en"],
        help="language of names and numbers (default en)",
    )
    demo.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the walkthrough; exit 0."""
    from civicgrants.datasets.demo import demo

    return emit(demo(lang=args.lang), args, out)
