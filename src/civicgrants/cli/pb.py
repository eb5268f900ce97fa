"""The ``civicgrants pb`` command: read a pabulib file, `civicgrants.pb.count()` it, print it.

Kept lean at import time: numpy and attrs load when the command runs.

JSON output (``--format json``) is one object with sorted keys: ``rule``, ``sat``,
``completion``, ``tie_break``, ``selected`` (project ids in selection order), ``cost`` and
``budget``; ``certificates`` with ``--check``, ``outcomes`` with ``--all-outcomes`` and
``analysis`` with ``--analysis`` (see `civicgrants.io.views.pb`).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

from civicgrants.cli.common import add_lang

if TYPE_CHECKING:
    from civicgrants.pb.rules.mes_bounds import Bound

__all__ = ["add_parser", "demo", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the ``pb`` sub-command.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The sub-command parsers of ``civicgrants``.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="civicgrants")
    >>> add_parser(parser.add_subparsers())
    >>> args = parser.parse_args(["pb", "x.pb", "--rule", "mes"])
    >>> args.file, args.rule, args.sat, args.completion, args.tie_break, args.format
    ('x.pb', 'mes', None, 'none', 'lexico', 'text')

    See Also
    --------
    run : what the sub-command runs.
    """
    p = sub.add_parser(
        "pb",
        help="count a residents' vote from a pabulib .pb file (greedy, equal shares, Phragmén)",
        description="Read a pabulib .pb file and count it with the greedy rule, the "
        "Method of Equal Shares, sequential Phragmén or another --rule. "
        "With the default --tie-break lexico, "
        "selections equal pabutools 1.2.3's (greedy_utilitarian_welfare / "
        "method_of_equal_shares / sequential_phragmen with its "
        "default lexicographic tie-breaking); the other tie-breaks are not checked against "
        "pabutools.",
    )
    p.add_argument("file", metavar="FILE.pb", help="the pabulib file")
    p.add_argument(
        "--rule",
        choices=[
            "greedy",
            "mes",
            "phragmen",
            "max_welfare",
            "maximin_support",
            "cstv",
            "pb_ear",
            "ees",
            "mes_bounded",
        ],
        default="greedy",
        help="default greedy; phragmen and maximin_support count approval votes only; max_welfare "
        "is the exact optimum of total satisfaction; cstv counts cumulative votes, pb_ear ordinal "
        "ones; ees is Exact Equal Shares (payers pay exactly equal shares; --completion add_opt); "
        "mes_bounded is MES with lower and upper bounds per group of projects (--bounds)",
    )
    p.add_argument(
        "--sat",
        choices=[
            "cost",
            "cardinality",
            "points",
            "borda",
            "effort",
            "additive_cost_sqrt",
            "cc",
            "cost_sqrt",
            "cost_log",
            "additive_cost_log",
            "relative_cardinality",
            "relative_cost",
            "relative_cost_approx",
            "relative_points",
        ],
        default=None,
        help="satisfaction (default: cost for approval, points for cumulative and scoring, "
        "borda for ordinal ballots)",
    )
    p.add_argument(
        "--completion",
        choices=[
            "none",
            "add1",
            "utilitarian",
            "add1_utilitarian",
            "phragmen",
            "add1_phragmen",
            "add_opt",
        ],
        default="none",
        help="completion (default none): add1 ... add1_phragmen complete --rule mes; add_opt "
        "completes --rule ees (every voter's money raised from one change of outcome to the next "
        "while the outcome fits the budget)",
    )
    p.add_argument(
        "--tie-break",
        choices=["lexico", "min_cost", "max_cost", "app_score", "refuse", "equalshares"],
        default="lexico",
        help="how ties are broken (default lexico: by project id, as pabutools' default; "
        "min_cost, max_cost, app_score then break remaining ties by id; refuse stops with "
        "an error naming the tied projects; equalshares (--rule mes): lowest cost, most votes, "
        "then a lot drawn from --seed)",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=None,
        help="the seed of --tie-break equalshares's lot (recorded in the output)",
    )
    p.add_argument(
        "--no-exhaustive-stop",
        dest="exhaustive_stop",
        action="store_false",
        help="add1: keep raising the voters' money after an exhaustive outcome, until one "
        "would overspend (--budget-increase: keep raising the budget likewise)",
    )
    p.add_argument(
        "--integral",
        action="store_true",
        help="add1: start every voter from the whole part of budget / voters",
    )
    p.add_argument(
        "--initial",
        metavar="IDS",
        default="",
        help="comma-separated project ids funded beforehand; the rule fills the rest of the "
        "budget (pabutools initial_budget_allocation)",
    )
    p.add_argument(
        "--details",
        action="store_true",
        help="--rule mes: also show every purchase with rho and the voters' money after it",
    )
    p.add_argument(
        "--check",
        metavar="AXIOMS",
        default="",
        help="also decide proportionality certificates of the outcome, comma-separated from "
        "ejr, ejr1 (EJR up to one project), pjr, ejr+ (EJR+ up to one), priceability, "
        "or 'all'; each answers yes, no or undecided with its witness",
    )
    p.add_argument(
        "--groups",
        metavar="COLUMN",
        default=None,
        help="--rule mes_bounded: the PROJECTS column naming each project's groups, "
        "comma-separated (default category)",
    )
    p.add_argument(
        "--bounds",
        metavar="SPEC",
        default=None,
        help="--rule mes_bounded (needed): the money each group may get, as "
        "group=lower:upper,... with either side optional, e.g. sport=0:50000,culture=10000:",
    )
    p.add_argument(
        "--all-outcomes",
        action="store_true",
        help="also list every outcome the rule's ties allow (rules greedy, mes with no "
        "completion or add1, phragmen, max_welfare; at most 10,000)",
    )
    p.add_argument(
        "--analysis",
        action="store_true",
        help="also measure the outcome: mean satisfaction, Gini coefficient, histogram, fair "
        "share and category proportionality (when the projects have categories)",
    )
    p.add_argument(
        "--then",
        metavar="RULES",
        default="",
        help="comma-separated rules that complete --rule's selection in turn, until nothing "
        "left fits (from greedy, max_welfare, phragmen; --rule one of these or mes); each "
        "counts with --sat when it takes one",
    )
    p.add_argument(
        "--budget-increase",
        metavar="STEP",
        default=None,
        help="rerun --rule (greedy, max_welfare, phragmen or mes) as if the budget were larger "
        "by STEP at a time, keeping the last outcome that fits the real budget (stops at an "
        "exhaustive one unless --no-exhaustive-stop)",
    )
    p.add_argument("--format", choices=["text", "json"], default="text", help="default text")
    add_lang(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Count the vote in ``args.file`` and print it; return the exit status.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed arguments of ``civicgrants pb``.
    out : TextIO
        Where the text or JSON goes.

    Returns
    -------
    int
        1 when the file breaks its own META (the findings are printed after the
        count), else 0.

    Raises
    ------
    CivicGrantsError
        A completion with ``--rule greedy`` (before the file is read), an unreadable
        or invalid file, or a satisfaction that does not fit the ballots.

    Examples
    --------
    >>> import io
    >>> from importlib.resources import files
    >>> pb = str(files("civicgrants.datasets").joinpath("poland_warszawa_2018_zerzen.pb"))
    >>> parser = argparse.ArgumentParser(prog="civicgrants")
    >>> add_parser(parser.add_subparsers())
    >>> out = io.StringIO()
    >>> run(parser.parse_args(["pb", pb, "--rule", "mes", "--format", "json"]), out)
    0
    >>> print(out.getvalue(), end="")
    {"budget": 156573, "completion": null, "cost": 17200, "rule": "mes", "sat": "cost", "selected": ["1423", "198"], "tie_break": "lexico"}
    >>> run(parser.parse_args(["pb", pb, "--completion", "add1"]), out)
    Traceback (most recent call last):
    ...
    civicgrants.errors.CivicGrantsError: --completion add1 applies to --rule mes only

    See Also
    --------
    add_parser : the command's options.
    civicgrants.pb.counting.count : the count it prints.
    civicgrants.io.views.pb.vote_count_text : the text it prints.
    """
    from civicgrants.cli.common import emit
    from civicgrants.errors import CivicGrantsError, ValidationError
    from civicgrants.io.pabulib import read_pb
    from civicgrants.pb import check_rule, count
    from civicgrants.pb.counting import IRRESOLUTE, RULE_COMPLETIONS

    completion = None if args.completion == "none" else args.completion
    try:
        check_rule(args.rule, completion)
    except ValidationError:  # the same check, in the words of the command's options
        owners = " or ".join(r for r, cs in RULE_COMPLETIONS.items() if completion in cs)
        raise CivicGrantsError(
            f"--completion {completion} applies to --rule {owners} only"
        ) from None
    checks = _checks(args.check)
    bounds = _bounds(args.bounds)
    bounded = args.rule == "mes_bounded"
    if bounded and bounds is None:
        raise CivicGrantsError("--rule mes_bounded needs --bounds")
    for option, given in (("--bounds", bounds is not None), ("--groups", args.groups is not None)):
        if given and not bounded:
            raise CivicGrantsError(f"{option} applies to --rule mes_bounded only, not {args.rule}")
    if args.all_outcomes and args.rule not in IRRESOLUTE:
        raise CivicGrantsError(
            f"--all-outcomes lists every tied outcome of --rule {', '.join(IRRESOLUTE)} only, "
            f"not {args.rule}"
        )
    election = read_pb(args.file)
    result = count(
        election,
        rule=args.rule,
        sat=args.sat,
        completion=completion,
        tie_break=args.tie_break,
        progress=getattr(args, "progress", None),  # a bar on a terminal, else None
        checks=checks,
        initial=tuple(x.strip() for x in args.initial.split(",") if x.strip()),
        details=args.details,
        seed=args.seed,
        exhaustive_stop=args.exhaustive_stop,
        integral=args.integral,
        groups=args.groups or "category",
        bounds=bounds,
        all_outcomes=args.all_outcomes,
        analysis=args.analysis,
        then=tuple(x.strip() for x in args.then.split(",") if x.strip()),
        budget_increase=args.budget_increase,
    )
    return emit(result, args, out)


def demo(out: TextIO, lang: str = "en") -> None:
    """Print the demo's vote step (greedy against equal shares on the shipped pabulib file).

    Parameters
    ----------
    out : TextIO
        Where it goes.
    lang : str
        The language of the numbers.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> demo(out)
    >>> print(out.getvalue().strip())
    ==============================================================================
    Step of the cycle: residents' vote (a real pabulib election)
      poland_warszawa_2018_zerzen.pb (pabulib open data): 678 approval ballots, 6 projects, budget 156,573
      greedy: funds 1676, 1423, 199, 198 for 152,794
      equal shares (MES): funds 1423, 198 for 17,200
      why they differ: MES skips 1676: supporters hold 74362.34, less than the cost 87594
      why they differ: MES skips 199: supporters hold 22973.35, less than the cost 48000

    See Also
    --------
    civicgrants.io.views.pb.comparison_text : the text it prints.
    civicgrants.pb.counting.compare : both rules on one election.
    run : the ``pb`` command, one rule on any file.
    """
    from importlib.resources import files

    from civicgrants.io.pabulib import loads_pb
    from civicgrants.io.views.pb import comparison_text
    from civicgrants.pb import compare

    name = "poland_warszawa_2018_zerzen.pb"
    election = loads_pb(files("civicgrants.datasets").joinpath(name).read_bytes(), name=name)
    out.write(comparison_text(compare(election), lang, file_name=name))


def _checks(text: str) -> tuple[str, ...]:
    """``--check``'s axioms: a comma-separated list, or ``all``; refused on one line."""
    from civicgrants.errors import CivicGrantsError
    from civicgrants.pb.certificates import CHECKS

    if not text:
        return ()
    asked = tuple(x.strip() for x in text.split(","))
    if asked == ("all",):
        return CHECKS
    unknown = [x for x in asked if x not in CHECKS]
    if unknown or len(set(asked)) != len(asked):
        raise CivicGrantsError(
            f"--check takes 'all' or axioms from {', '.join(CHECKS)}, each once; got {text!r}"
        )
    return asked


def _bounds(text: str | None) -> dict[str, Bound] | None:
    """``--bounds``'s groups and amounts, or None; refused on one line naming the option."""
    from civicgrants.errors import CivicGrantsError, ValidationError
    from civicgrants.pb.rules.mes_bounds import parse_bounds

    if text is None:
        return None
    try:
        return parse_bounds(text)
    except ValidationError as exc:
        raise CivicGrantsError(f"--{exc}") from None
