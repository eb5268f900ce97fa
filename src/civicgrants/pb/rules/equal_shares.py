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

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from civicgrants.model.progress import Progress, report
from civicgrants.pb.election import (
    Election,
    Sat,
    check_sat,
    default_sat,
    invalid,
    sat_name,
    to_exact,
)
from civicgrants.pb.outcome import Outcome
from civicgrants.pb.rules.greedy import greedy
from civicgrants.pb.rules.mes_engine import run_mes
from civicgrants.pb.rules.phragmen import phragmen
from civicgrants.pb.ties import tie_keys

__all__ = ["COMPLETIONS", "equal_shares"]

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
        An unknown completion or tie-break, a satisfaction that does not fit the
        ballots, or an increment that is not positive.

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
    rank = tie_keys(election, tie_break)
    inc = Fraction(to_exact(increment, "increment"))
    if completion in ("add1", "add1_utilitarian", "add1_phragmen") and inc <= 0:
        raise invalid("increment", f"must be > 0, got {increment}")
    run = run_mes(election, sat, rank, None, exact)
    report(progress, int(run.cost), int(election.budget))
    if completion in ("add1", "add1_utilitarian", "add1_phragmen") and election.n_voters:
        share = Fraction(election.budget) / election.n_voters
        while not _exhausted(election, run.selected, run.candidates):
            share += inc
            nxt = run_mes(election, sat, rank, share, exact)
            if nxt.cost > election.budget:
                break
            run = nxt
            report(progress, int(run.cost), int(election.budget))  # add1 nears the budget
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
    )


def _exhausted(election: Election, selected: Sequence[int], candidates: Sequence[int]) -> bool:
    """Whether no candidate outside ``selected`` still fits in the budget."""
    spent = sum((election.costs[i] for i in selected), Decimal(0))
    chosen = set(selected)
    return all(i in chosen or election.costs[i] + spent > election.budget for i in candidates)
