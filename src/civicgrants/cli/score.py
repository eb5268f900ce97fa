"""The ``civicgrants score`` command and its step of ``civicgrants demo``.

Parse, load the call and the score sheet, :func:`civicgrants.scoring.review`,
print the review (:mod:`civicgrants.io.views.scoring`) and, with
``--protocol``, write the commission's protocol (:mod:`civicgrants.io.protocol`).
Kept lean at import time: heavy modules are imported inside the functions.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

__all__ = ["add_parser", "demo", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the ``score`` sub-command.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The sub-command parsers of ``civicgrants``.
    """
    p = sub.add_parser(
        "score",
        help="score a call: ranking, funding decisions, recusals, agreement, sensitivity",
        description="Apply the evaluation commission's rules to a call (civicgrants/call@1 JSON) "
        "and its score sheet (a long CSV: application, member, criterion, score[, confidence]"
        "[, comment]): recusals, aggregates, ranking with the tie-break cascade, funding under "
        "the pot. Bad rows (a recused member's score, unknown ids, off-scale values) are errors.",
    )
    p.add_argument("call", help="the call document (JSON)")
    p.add_argument("scores", help="the score sheet (CSV)")
    p.add_argument(
        "--format", default="text", choices=["text", "json"], help="output format (default text)"
    )
    p.add_argument("--lang", default="en", choices=["ru", "kk", "en"], help="language of the text")
    p.add_argument(
        "--protocol",
        metavar="FILE",
        help="also write the protocol here: the printable text in --lang, or the decision "
        "record as a JSON document when FILE ends in .json",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run ``civicgrants score``: print the review, write the protocol; return the exit status.

    Raises
    ------
    civicgrants.errors.DocumentError
        The call or the score sheet cannot be read, or the call cannot be decided
        (the problems located in the file they come from).
    """
    from pathlib import Path

    from civicgrants.cli.common import emit
    from civicgrants.errors import DocumentError, ValidationError
    from civicgrants.io.documents import load
    from civicgrants.io.protocol import protocol_json, protocol_text
    from civicgrants.io.scores_csv import load_scores
    from civicgrants.model.programme import Call
    from civicgrants.scoring import review

    call = load(args.call, Call)
    sheet = load_scores(args.scores)
    try:
        result = review(call, sheet)
    except ValidationError as exc:  # a call that cannot be decided, or a bad score row
        rows = sheet.source or args.scores
        in_sheet = any(p.path.startswith(f"{rows}:") for p in exc.problems)
        raise DocumentError(rows if in_sheet else args.call, exc.problems) from exc
    if args.protocol:
        target = Path(args.protocol)
        if target.suffix.lower() == ".json":  # the decision record as a document
            text = protocol_json(result)
        else:  # the printable protocol
            text = protocol_text(result, lang=args.lang)
        target.write_text(text, encoding="utf-8")
    return emit(result, args, out)


def demo(out: TextIO) -> None:
    """Print this step of the cycle for ``civicgrants demo`` (the synthetic round, in English).

    Parameters
    ----------
    out : TextIO
        Where to print.
    """
    from civicgrants.datasets.synthetic_round import synthetic_round
    from civicgrants.io.views.scoring import review_demo_text
    from civicgrants.scoring import review

    out.write(review_demo_text(review(*synthetic_round()), "en"))
