"""The Method of Equal Shares (pabutools ``method_of_equal_shares``) and its completions.

The budget is split equally among the voters and a project is funded when its
supporters can pay for it; each round funds the project whose supporters pay the
least per unit of satisfaction (the smallest ``rho``). Optional completions
spend what MES leaves over. The counting engine (fast floating point with an
exact fallback) is `civicgrants.pb.rules.mes_engine`.

Examples
--------
>>> from civicgrants.pb.election import Election
>>> e = Election.from_ballots({"a": 60, "b": 50, "c": 40}, [["a"], ["a"], ["b", "c"], ["c"]], budget=100)
>>> equal_shares(e).selected
('c',)
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from civicgrants.model.progress import Progress, report
from civicgrants.pb.election import (
    Election,
    Sat,
    check_sat,
    default_sat,
    invalid,
    nothing_fits,
    sat_name,
    to_exact,
)
from civicgrants.pb.outcome import Outcome
from civicgrants.pb.rules.greedy import MAX_OUTCOMES, greedy
from civicgrants.pb.rules.mes_engine import prepare, run_mes, run_mes_all
from civicgrants.pb.rules.phragmen import phragmen
from civicgrants.pb.ties import lot, tie_keys

__all__ = ["COMPLETIONS", "equal_shares", "equal_shares_all"]

COMPLETIONS: tuple[str | None, ...] = (
    None,
    "add1",
    "utilitarian",
    "add1_utilitarian",
    "phragmen",
    "add1_phragmen",
)
"""Completions of MES accepted by ``completion=``."""


def equal_shares(
    election: Election,
    sat: Sat | None = None,
    *,
    completion: str | None = None,
    tie_break: str = "lexico",
    increment: int | Decimal = 1,
    exact: bool = False,
    initial: Iterable[str] = (),
    details: bool = False,
    seed: int | None = None,
    exhaustive_stop: bool = True,
    integral: bool = False,
    progress: Progress | None = None,
) -> Outcome:
    """The Method of Equal Shares (pabutools ``method_of_equal_shares``).

    Each voter gets ``budget / n_voters``. A round computes, for each project
    whose supporters still hold at least its cost, the smallest ``rho`` such
    that supporters paying ``min(their money, rho * their satisfaction)`` cover
    the cost; the project with the smallest ``rho`` is funded (ties by
    ``tie_break``) and its supporters pay. It stops when no project is
    affordable. Free projects that someone values are funded first.

    ``completion``:

    * ``None`` — plain MES;
    * ``"add1"`` — rerun MES with every voter's starting money raised by
      ``increment`` (default 1) until an outcome would overspend the real budget
      (then keep the previous one) or no supported project fits any more
      (pabutools ``voter_budget_increment``);
    * ``"utilitarian"`` — then fill with `greedy()` (same ``sat``)
      (pabutools ``completion_by_rule_combination`` with MES then greedy);
    * ``"add1_utilitarian"`` — ``"add1"``, then the greedy fill;
    * ``"phragmen"``, ``"add1_phragmen"`` — plain MES or ``"add1"``, then
      sequential Phragmén from what MES funded (`phragmen()`, approval votes
      only; pabutools ``completion_by_rule_combination`` with MES then
      ``sequential_phragmen``).

    ``exact=True`` counts with exact fractions throughout (slower; the default
    float engine already falls back to it on any near-tie, so results agree).

    ``initial`` projects (pabutools ``initial_budget_allocation``) count as
    funded before MES starts: they head the selection and their cost counts
    against the budget in the ``add1`` check, but every voter still starts with
    ``budget / n_voters`` and MES only considers the other projects.

    ``details=True`` (pabutools ``analytics=True``) records every MES purchase
    with each voter's money after it, exactly, in ``Outcome.details``
    (`MesDetails`); for ``add1`` it is the last count kept. The amounts are
    exact (the float count's order is replayed with fractions).

    ``tie_break="refuse"`` raises `TieRefused` at the first tie for the lowest
    ``rho`` (and at a tie in a completion), naming the tied projects.
    ``tie_break="equalshares"`` is equalshares.net's recommended chain: the
    lowest cost, then the most votes, then a lot drawn from ``seed``; the
    outcome records the seed and the lot's order (``Outcome.lot``). It breaks
    the ties of MES and ``add1`` only (the greedy and Phragmén fills take no
    seed).

    The ``add1`` completions also take two options of equalshares.net's
    compute tool: ``exhaustive_stop=False`` keeps raising the money after an
    outcome is exhaustive, until one would overspend (or every candidate is
    funded), keeping the last that fits; ``integral=True`` starts every voter
    from the whole part of ``budget / n_voters`` (so, with a whole
    ``increment``, the money per voter is always a whole amount).

    Parameters
    ----------
    election : Election
        The vote.
    sat : str or UserSat, optional
        The satisfaction (a name of `SATISFACTIONS` or a `UserSat`); by default the
        ballots' own (`default_sat()`).
    completion : str, optional
        One of `COMPLETIONS`.
    tie_break : str
        One of `TIE_BREAKS` (default ``lexico``).
    increment : int or Decimal
        How much ``add1`` raises every voter's money each time (default 1).
    exact : bool
        Count with exact fractions throughout.
    initial : iterable of str
        Projects funded beforehand.
    details : bool
        Record every purchase with each voter's money after it.
    seed : int, optional
        The lot's seed, needed by ``tie_break="equalshares"``.
    exhaustive_stop : bool
        ``add1``: stop at the first exhaustive outcome (default, as pabutools).
    integral : bool
        ``add1``: start every voter from the whole part of ``budget / n_voters``.
    progress : Progress, optional
        Called as ``progress(spent, budget)`` as the count goes (whole units of
        the budget's currency; a bar on a terminal, say); the outcome does not
        depend on it.

    Returns
    -------
    Outcome
        The funded projects in order and a decision for every project.

    Raises
    ------
    ValidationError
        An unknown completion, tie-break or ``initial`` project, a satisfaction
        that does not fit the ballots, or an increment that is not positive.
    TieRefused
        ``tie_break="refuse"`` and a tie had to be broken.

    Examples
    --------
    >>> e = Election.from_ballots({"big": 80, "s1": 30}, [["big"]] * 4 + [["s1"]], budget=100)
    >>> equal_shares(e).selected
    ('big',)
    >>> d = equal_shares(e).explain("s1")[0]
    >>> d.selected, d.reason
    (False, 'supporters hold 20, less than the cost 30')
    >>> equal_shares(e, completion="utilitarian").selected
    ('big',)
    >>> equal_shares(e, initial=["s1"]).selected  # s1 funded beforehand; voters keep 20 each
    ('s1', 'big')
    >>> [str(m) for m in equal_shares(e, details=True).details.money_after(1)]
    ['0', '0', '0', '0', '20']

    See Also
    --------
    civicgrants.pb.rules.greedy.greedy : the utilitarian greedy rule.
    """
    sat = sat or default_sat(election)
    check_sat(election, sat)
    if completion not in COMPLETIONS:
        raise invalid(
            "completion", f"must be one of {', '.join(map(str, COMPLETIONS))}, got {completion!r}"
        )
    if completion in ("phragmen", "add1_phragmen") and election.vote_type != "approval":
        raise invalid(
            "completion", f"{completion} completes approval votes only, not {election.vote_type}"
        )
    if tie_break == "equalshares" and completion not in (None, "add1"):
        raise invalid("tie_break", f"equalshares breaks the ties of MES and add1, not {completion}")
    rank = tie_keys(election, tie_break, seed)
    inc = Fraction(to_exact(increment, "increment"))
    if completion in ("add1", "add1_utilitarian", "add1_phragmen") and inc <= 0:
        raise invalid("increment", f"must be > 0, got {increment}")
    init = [election.index(p) for p in initial]
    run = run_mes(election, sat, rank, None, exact, tie_break=tie_break, initial=init)
    report(progress, int(run.cost), int(election.budget))
    share = Fraction(election.budget) / election.n_voters if election.n_voters else None
    add1 = completion in ("add1", "add1_utilitarian", "add1_phragmen")
    if add1 and share is not None and integral:
        share = Fraction(math.floor(share))
        run = run_mes(election, sat, rank, share, exact, tie_break=tie_break, initial=init)
    if add1 and share is not None:
        kept = share
        if run.cost > election.budget:  # initial alone overspends: pabutools keeps the start
            run, kept = run_mes(election, sat, rank, Fraction(0), exact, initial=init), Fraction(0)
        while run.cost <= election.budget and not (
            nothing_fits(election, run.selected, run.candidates)
            if exhaustive_stop
            else set(run.candidates) <= set(run.selected)
        ):
            share += inc
            nxt = run_mes(election, sat, rank, share, exact, tie_break=tie_break, initial=init)
            if nxt.cost > election.budget:
                break
            run, kept = nxt, share
            report(progress, int(run.cost), int(election.budget))  # add1 nears the budget
        share = kept
    if details:
        run = run_mes(
            election, sat, rank, share, exact, tie_break=tie_break, initial=init, details=True
        )
    decisions = list(run.decisions)
    selected = [election.project_ids[i] for i in run.selected]
    cost = sum((election.costs[i] for i in run.selected), Decimal(0))
    fill = None
    if completion in ("utilitarian", "add1_utilitarian"):
        fill = greedy(election, sat, tie_break=tie_break, initial=selected)
    elif completion in ("phragmen", "add1_phragmen"):
        fill = phragmen(election, tie_break=tie_break, initial=selected)
    if fill is not None:
        decisions.extend(fill.decisions)
        selected = list(fill.selected)
        cost = fill.cost
    return Outcome(
        "mes",
        sat_name(sat),
        completion,
        tie_break,
        tuple(selected),
        cost,
        election.budget,
        tuple(decisions),
        run.details,
        seed if tie_break == "equalshares" else None,
        lot(election, seed) if tie_break == "equalshares" and seed is not None else (),
    )


def equal_shares_all(
    election: Election,
    sat: Sat | None = None,
    *,
    completion: str | None = None,
    increment: int | Decimal = 1,
    initial: Iterable[str] = (),
    limit: int = MAX_OUTCOMES,
) -> tuple[tuple[str, ...], ...]:
    """Every outcome MES can reach, whichever way its ties are broken.

    pabutools' irresolute ``method_of_equal_shares`` (``resoluteness=False``):
    at each round every project tied for the lowest ``rho`` may come next, and
    each choice is followed to the end. With ``completion="add1"`` every voter's
    money is raised by ``increment`` while no outcome overspends and none is
    exhaustive: the first time one overspends, the outcomes before are kept;
    the first time one is exhaustive, all of that count are kept.

    Parameters
    ----------
    election : Election
        The vote.
    sat : str or UserSat, optional
        The satisfaction (a name of `SATISFACTIONS` or a `UserSat`); by default the
        ballots' own (`default_sat()`).
    completion : {None, "add1"}
        Plain MES, or the ``add1`` completion.
    increment : int or Decimal
        How much ``add1`` raises every voter's money each time (default 1).
    initial : iterable of str
        Projects funded beforehand (in every outcome).
    limit : int
        The most outcomes listed (default `MAX_OUTCOMES`).

    Returns
    -------
    tuple of tuple of str
        Each outcome's project ids in file order; the outcomes sorted.

    Raises
    ------
    ValidationError
        More than ``limit`` outcomes, a completion other than ``add1``, an
        increment that is not positive, an unknown ``initial`` project, or a
        satisfaction that does not fit the ballots.

    Examples
    --------
    >>> e = Election.from_ballots({"a": 5, "b": 5, "c": 9}, [["a", "b"], ["a", "b"]], budget=10)
    >>> equal_shares_all(e)
    (('a', 'b'),)
    >>> equal_shares_all(e, "cardinality", initial=["c"])
    (('a', 'b', 'c'),)
    >>> e = Election.from_ballots({"a": 5, "b": 5}, [["a", "b"]], budget=5)
    >>> equal_shares_all(e), equal_shares(e).selected
    ((('a',), ('b',)), ('a',))

    See Also
    --------
    equal_shares : one outcome, ties broken by a rule.
    civicgrants.pb.rules.greedy.greedy_all : the same for the greedy rule.
    """
    if limit < 1:
        raise invalid("limit", f"must be at least 1, got {limit}")
    sat = sat or default_sat(election)
    check_sat(election, sat)
    if completion not in (None, "add1"):
        raise invalid("completion", f"must be None or add1, got {completion!r}")
    inc = Fraction(to_exact(increment, "increment"))
    if completion == "add1" and inc <= 0:
        raise invalid("increment", f"must be > 0, got {increment}")
    init = [election.index(p) for p in initial]
    prep = prepare(election, sat)
    outs = run_mes_all(election, sat, None, initial=init, limit=limit)
    if completion == "add1" and election.n_voters:
        share = Fraction(election.budget) / election.n_voters
        before = [frozenset(init) | frozenset(prep.free)]
        while True:
            if any(_cost(election, o) > election.budget for o in outs):
                outs = before
                break
            if any(nothing_fits(election, sorted(o), prep.candidates) for o in outs):
                break
            share += inc
            before, outs = outs, run_mes_all(election, sat, share, initial=init, limit=limit)
    ids = election.project_ids
    return tuple(sorted(tuple(ids[i] for i in sorted(o)) for o in outs))


def _cost(election: Election, chosen: Iterable[int]) -> Decimal:
    return sum((election.costs[i] for i in chosen), Decimal(0))
