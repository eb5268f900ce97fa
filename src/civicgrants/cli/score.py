"""The ``civicgrants score`` command and its step of ``civicgrants demo``.

Parse, load the call and the score sheet, `civicgrants.scoring.review()`,
print the review (`civicgrants.io.views.scoring`) and, with
``--protocol``, write the commission's protocol (`civicgrants.io.protocol`).
``--uncertainty`` prints `civicgrants.scoring.fit_call()`'s ranking with its
intervals instead, ``--lottery SEED`` `civicgrants.scoring.draw_call_lottery()`'s
partial lottery (`civicgrants.io.views.uncertainty`).
Kept lean at import time: heavy modules are imported inside the functions.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from civicgrants.cli.common import add_lang

__all__ = ["add_parser", "demo", "run", "seed_arg"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the ``score`` sub-command.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The sub-command parsers of ``civicgrants``.

    Examples
    --------
    >>> from civicgrants.cli.common import Parser
    >>> parser = Parser(prog="civicgrants")
    >>> add_parser(parser.add_subparsers())
    >>> args = parser.parse_args(["score", "call.json", "scores.csv", "--lang", "ru"])
    >>> args.call, args.scores, args.format, args.lang, args.protocol
    ('call.json', 'scores.csv', 'text', 'ru', None)

    See Also
    --------
    run : what the command does.
    civicgrants.cli.build_parser : adds every command.
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
    add_lang(p)
    instead = p.add_mutually_exclusive_group()
    instead.add_argument(
        "--protocol",
        metavar="FILE",
        help="also write the protocol here: the printable text in --lang, or the decision "
        "record as a JSON document when FILE ends in .json",
    )
    instead.add_argument(
        "--uncertainty",
        action="store_true",
        help="print instead each application's quality and rank with their 90%% intervals "
        "(Bayesian model of the members' totals, seeded by the call's seed)",
    )
    instead.add_argument(
        "--lottery",
        metavar="SEED",
        type=seed_arg,
        help="print instead the partial lottery: applications whose rank interval crosses the "
        "funding line (as many places as the pot funds) drawn from SEED",
    )
    p.set_defaults(run=run)


def seed_arg(text: str) -> int:
    """A lottery seed: an integer >= 0 (an argparse type).

    Parameters
    ----------
    text : str
        The argument as typed.

    Returns
    -------
    int
        The seed.

    Raises
    ------
    argparse.ArgumentTypeError
        When ``text`` is not an integer >= 0.

    Examples
    --------
    >>> seed_arg("2024")
    2024
    >>> seed_arg("-1")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: expected an integer >= 0, got '-1'

    See Also
    --------
    add_parser : ``--lottery SEED`` reads it.
    """
    if not (text.isascii() and text.isdigit()):
        raise argparse.ArgumentTypeError(f"expected an integer >= 0, got {text!r}")
    return int(text)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run ``civicgrants score``: print the review, write the protocol; return the exit status.

    The protocol (``--protocol FILE``) is the decision record as JSON when ``FILE``
    ends in ``.json``, the printable text in ``--lang`` otherwise.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed arguments: ``call``, ``scores``, ``format``, ``lang``, ``protocol``,
        ``uncertainty`` and ``lottery``.
    out : TextIO
        Where to print the review.

    Returns
    -------
    int
        The exit status of the review (0).

    Raises
    ------
    civicgrants.errors.DocumentError
        The call or the score sheet cannot be read, the call has no applications
        or no commission members to score, or the call cannot be decided (the
        problems located in the file they come from).

    Examples
    --------
    >>> import io, pathlib, tempfile
    >>> from civicgrants.cli import build_parser
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.io.documents import dump
    >>> from civicgrants.io.scores_csv import dumps_scores
    >>> call, sheet = synthetic_round()
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = dump(call, folder / "call.json")
    >>> _ = (folder / "scores.csv").write_text(dumps_scores(sheet), encoding="utf-8")
    >>> argv = ["score", str(folder / "call.json"), str(folder / "scores.csv")]
    >>> argv += ["--protocol", str(folder / "protocol.txt")]
    >>> out = io.StringIO()
    >>> run(build_parser().parse_args(argv), out)
    0
    >>> print(out.getvalue().splitlines()[0])
    Ranking: SYN-II-mangistau (pot KZT36,100,000.00, 53 applications)
    >>> print((folder / "protocol.txt").read_text(encoding="utf-8").splitlines()[0])
    MINUTES OF THE EVALUATION COMMISSION

    See Also
    --------
    civicgrants.scoring.review : the library call.
    civicgrants.io.views.scoring.review_text : the text printed.
    civicgrants.io.protocol.protocol_text : the protocol written.
    """
    from pathlib import Path

    from civicgrants.cli.common import emit
    from civicgrants.errors import DocumentError, Problem, ValidationError
    from civicgrants.io.documents import load
    from civicgrants.io.protocol import protocol_json, protocol_text
    from civicgrants.io.scores_csv import load_scores
    from civicgrants.model.programme import Call
    from civicgrants.scoring import Review, draw_call_lottery, fit_call, review

    call = load(args.call, Call)
    empty = [
        Problem(key, f"the call has no {what}: there is nothing to score (give at least one)")
        for key, what in (("applications", "applications"), ("members", "commission members"))
        if not getattr(call, key)
    ]
    if empty:  # refused before the score sheet is read: said in the call's words
        raise DocumentError(args.call, empty)
    sheet = load_scores(args.scores)
    result: object
    try:
        if getattr(args, "lottery", None) is not None:
            result = draw_call_lottery(call, sheet, lottery_seed=args.lottery)
        elif getattr(args, "uncertainty", False):
            result = fit_call(call, sheet)
        else:
            result = review(call, sheet, progress=getattr(args, "progress", None))  # a tty's bar
    except ValidationError as exc:  # a call that cannot be decided, or a bad score row
        rows = sheet.source or args.scores
        in_sheet = any(p.path.startswith(f"{rows}:") for p in exc.problems)
        raise DocumentError(rows if in_sheet else args.call, exc.problems) from exc
    if getattr(args, "protocol", None):
        assert isinstance(result, Review)
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

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> demo(out)
    >>> print(out.getvalue().splitlines()[-1])
    Pot change that would fund SYN-II-MAN-37 (rank 19): KZT2,450,000.00

    See Also
    --------
    civicgrants.io.views.scoring.review_demo_text : the text printed.
    run : the ``civicgrants score`` command itself.
    """
    from civicgrants.datasets.synthetic_round import synthetic_round
    from civicgrants.io.views.scoring import review_demo_text
    from civicgrants.scoring import review

    out.write(review_demo_text(review(*synthetic_round()), "en"))
