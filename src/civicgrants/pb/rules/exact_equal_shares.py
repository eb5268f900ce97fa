"""Exact Equal Shares (EES) and its add-one completion by the ADD-OPT budget search.

Exact Equal Shares is the variant of the Method of Equal Shares studied by
Kraiczy, Robinson and Elkind ("Streamlining Equal Shares", 2025) in which the
voters who pay for a project pay **exactly equal shares** of it. Standard MES
(`civicgrants.pb.rules.equal_shares.equal_shares()`) is ``rho``-affordable:
a supporter who cannot pay the full share ``rho * u`` pays everything she has
and the others make up the rest. In EES a supporter who cannot pay the equal
share pays nothing, and the share is split among those who can.

Formally, every supporter of project ``p`` gets the same satisfaction ``w_p``
from it (approval ballots: ``w_p`` is 1 for ``cardinality``, the cost for
``cost``, ...). With money ``m_i`` left, ``p`` can be bought by ``k`` equal
payers when at least ``k`` of its supporters hold ``cost / k`` or more; EES
takes the largest such ``k`` (exactly the supporters holding ``cost / k`` or
more then pay ``cost / k`` each), so ``rho_p = cost / (k * w_p)``. Each round
funds the project with the smallest ``rho`` (ties by ``tie_break``); free
projects that someone values are funded first; it stops when no project has
such a ``k``.

Because a payer always pays ``cost / k``, raising every voter's starting money
by ``d`` changes nothing until ``d`` reaches a threshold at which some
supporter can newly afford a share that changes a round (a bigger payer set
for the funded project, a cheaper ``rho`` for another, or a project becoming
affordable at the end). ADD-OPT computes that threshold exactly from one run,
so the add-one completion (raise the voters' money until the outcome would
overspend the real budget) jumps from one change to the next instead of
rerunning every increment. Its result is the add-one completion with an
infinitely fine increment; with any increment that divides every breakpoint it
is the same outcome.

EES needs every supporter of a project to get the same satisfaction from it
(approval ballots, any additive satisfaction); cumulative or ordinal ballots
that value a project differently are refused.

Examples
--------
>>> from civicgrants.pb.election import Election
>>> e = Election.from_ballots({"a": 60, "b": 50, "c": 40}, [["a"], ["a"], ["b", "c"], ["c"]], budget=100)
>>> exact_equal_shares(e).selected
('c',)
>>> exact_equal_shares(e, completion="add_opt").selected
('a', 'c')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import attrs
import numpy as np

from civicgrants.model.display import shows
from civicgrants.pb.election import (
    Election,
    IntArray,
    check_sat,
    default_sat,
    invalid,
    nothing_fits,
    to_exact,
)
from civicgrants.pb.outcome import Outcome, ProjectDecision, plain_amount, plain_fraction
from civicgrants.pb.rules.mes_engine import prepare
from civicgrants.pb.ties import tie_keys

__all__ = ["EES_COMPLETIONS", "EesSearch", "EesStep", "ees_search", "exact_equal_shares"]

EES_COMPLETIONS: tuple[str | None, ...] = (None, "add_opt")
"""Completions of EES accepted by ``completion=``: none, or add-one by the ADD-OPT search."""


@shows
@attrs.frozen
class EesStep:
    """One per-voter budget visited by the ADD-OPT search and the EES outcome there.

    Attributes
    ----------
    share : Fraction
        Every voter's starting money.
    selected : tuple of str
        The funded projects, in order.
    cost : Decimal
        What they cost together.
    within_budget : bool
        Whether that cost fits in the election's budget.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 60, "b": 50, "c": 40}, [["a"], ["a"], ["b", "c"], ["c"]], budget=100)
    >>> step = ees_search(e).steps[1]
    >>> step.share, step.selected, step.within_budget
    (Fraction(30, 1), ('a', 'c'), True)

    See Also
    --------
    EesSearch : the steps of one search.
    """

    share: Fraction
    selected: tuple[str, ...]
    cost: Decimal
    within_budget: bool


@shows
@attrs.frozen
class EesSearch:
    """The ADD-OPT search: every breakpoint budget visited and the outcome kept.

    Attributes
    ----------
    steps : tuple of EesStep
        The per-voter budgets in increasing order: the start (``budget /
        voters``), then each budget at which the EES outcome changes, up to the
        first one whose outcome overspends (kept, with ``within_budget``
        false) or the last before no project can be added.
    kept : int
        The position in ``steps`` of the outcome kept.
    outcome : Outcome
        The EES outcome at ``steps[kept].share``.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 60, "b": 50, "c": 40}, [["a"], ["a"], ["b", "c"], ["c"]], budget=100)
    >>> s = ees_search(e)
    >>> [str(x.share) for x in s.steps], s.kept, s.outcome.selected
    (['25', '30'], 1, ('a', 'c'))

    See Also
    --------
    ees_search : makes one.
    """

    steps: tuple[EesStep, ...]
    kept: int
    outcome: Outcome


@attrs.frozen
class _Data:
    """Candidates, supporters and per-project figures, exact."""

    costs: list[Fraction]
    worth: list[Fraction]  # each supporter's satisfaction from the project
    free: list[int]
    candidates: list[int]
    sup: list[IntArray]  # each project's supporting voters


@attrs.frozen
class _Money:
    """The voters' money by class: voters who paid for the same projects hold the same."""

    cls: IntArray  # each voter's class
    money: list[Fraction]  # each class's money

    def levels(self, voters: IntArray) -> list[tuple[Fraction, int]]:
        """``(money, how many of voters hold it)``, richest first."""
        counts = np.bincount(self.cls[voters])
        pairs = [(self.money[c], int(counts[c])) for c in np.flatnonzero(counts).tolist()]
        # rounding to float keeps the order (ties among floats go to the exact values): fast
        pairs.sort(key=lambda mc: (float(mc[0]), mc[0]), reverse=True)
        return pairs


@attrs.frozen
class _Round:
    project: int
    payers: int
    price: Fraction
    rho: Fraction
    before: _Money


@attrs.frozen
class _Run:
    share: Fraction
    rounds: list[_Round]
    final: _Money


def _data(election: Election, sat: str) -> _Data:
    prep = prepare(election, sat)
    worth = [Fraction(0)] * election.n_projects
    sup: list[IntArray] = []
    for p in range(election.n_projects):
        lo, hi = int(prep.pptr[p]), int(prep.pptr[p + 1])
        sup.append(prep.voter[lo:hi])
        u = prep.uint[lo:hi]
        if p not in prep.candidates:
            continue
        if (u != u[0]).any():
            raise invalid(
                "sat",
                f"exact equal shares needs every supporter of a project to value it alike; "
                f"project {election.project_ids[p]} has satisfactions "
                f"{sorted(set(u.tolist()))} ({sat})",
            )
        worth[p] = int(u[0]) * prep.factor[p]
    return _Data(prep.costs, worth, prep.free, prep.candidates, sup)


def _payers(data: _Data, p: int, state: _Money) -> int:
    """The largest ``k`` such that ``k`` supporters of ``p`` hold ``cost / k`` (0: none)."""
    cost = data.costs[p]
    best = k = 0
    for money, count in state.levels(data.sup[p]):
        k += count
        if money * k >= cost:
            best = k
    return best


def _run(data: _Data, share: Fraction, rank: Sequence[int], n_voters: int) -> _Run:
    state = _Money(np.zeros(n_voters, dtype=np.int64), [share])
    # rho only grows as voters spend: a project's last rho is a lower bound (lazy re-evaluation)
    stale = {q: data.costs[q] / (len(data.sup[q]) * data.worth[q]) for q in data.candidates}
    active = list(data.candidates)
    rounds: list[_Round] = []
    while active:
        active.sort(key=lambda q: (stale[q], rank[q]))
        best: tuple[Fraction, int, int, int] | None = None
        dropped = []
        for q in active:
            if best is not None and (stale[q], rank[q]) > best[:2]:
                break
            k = _payers(data, q, state)
            if not k:
                dropped.append(q)  # money only falls: never affordable again
                continue
            stale[q] = data.costs[q] / (k * data.worth[q])
            if best is None or (stale[q], rank[q]) < best[:2]:
                best = (stale[q], rank[q], q, k)
        for q in dropped:
            active.remove(q)
        if best is None:
            break
        rho, _, p, k = best
        price = data.costs[p] / k
        voters = data.sup[p]
        money = list(state.money)
        remap = np.arange(len(money), dtype=np.int64)
        for c in np.unique(state.cls[voters]).tolist():
            if money[c] >= price:
                remap[c] = len(money)
                money.append(money[c] - price)
        cls = state.cls.copy()
        cls[voters] = remap[cls[voters]]
        rounds.append(_Round(p, k, price, rho, state))
        state = _Money(cls, money)
        active.remove(p)
    return _Run(share, rounds, state)


def _next_change(data: _Data, run: _Run, rank: Sequence[int]) -> Fraction | None:
    """ADD-OPT: the smallest ``d > 0`` such that starting with ``share + d`` changes the run."""
    d: Fraction | None = None
    chosen: set[int] = set()
    states: list[tuple[_Money, _Round | None]] = [(r.before, r) for r in run.rounds]
    states.append((run.final, None))
    for state, rnd in states:
        for q in data.candidates:
            if q in chosen:
                continue
            # the fewest payers with which q changes this round (more payers: a lower rho)
            if rnd is None:
                least = 1
            elif q == rnd.project:
                least = rnd.payers + 1
            else:
                kstar = data.costs[q] / (data.worth[q] * rnd.rho)  # q's rho equals rho* there
                least = math.floor(kstar) + 1
                if kstar.denominator == 1 and rank[q] < rank[rnd.project]:
                    least = int(kstar)
            if least > len(data.sup[q]):
                continue
            k = 0
            for money, count in state.levels(data.sup[q]):
                k += count
                if k < least:
                    continue
                need = data.costs[q] / k
                if money < need and (d is None or need - money < d):
                    d = need - money
        if rnd is not None:
            chosen.add(rnd.project)
    return d


def _cost(election: Election, data: _Data, run: _Run) -> Decimal:
    return sum(
        (election.costs[i] for i in [*data.free, *(r.project for r in run.rounds)]), Decimal(0)
    )


def _outcome(
    election: Election, sat: str, completion: str | None, tie_break: str, data: _Data, run: _Run
) -> Outcome:
    ids = election.project_ids
    decisions = [
        ProjectDecision(ids[i], True, 0, "ees", "costs 0 and is valued: funded first")
        for i in data.free
    ]
    for step, r in enumerate(run.rounds, 1):
        n_sup = len(data.sup[r.project])
        reason = (
            f"{r.payers} of its {n_sup} supporters pay {plain_amount(r.price)} each; "
            f"the lowest rho, {plain_fraction(r.rho)}"
        )
        numbers = (
            ("rho", str(r.rho)),
            ("price_per_payer", str(r.price)),
            ("payers", str(r.payers)),
            ("share", str(run.share)),
        )
        decisions.append(ProjectDecision(ids[r.project], True, step, "ees", reason, numbers))
    done = set(data.free) | {r.project for r in run.rounds}
    for i in range(election.n_projects):
        if i in done:
            continue
        if i not in data.candidates:
            reason = "no voter values it"
        else:
            held = sum((m * c for m, c in run.final.levels(data.sup[i])), Fraction(0))
            reason = (
                f"no k of its supporters hold cost/k each (they hold {plain_amount(held)} "
                f"together, the cost is {plain_amount(data.costs[i])})"
            )
        decisions.append(ProjectDecision(ids[i], False, len(run.rounds), "ees", reason))
    selected = tuple(ids[i] for i in [*data.free, *(r.project for r in run.rounds)])
    return Outcome(
        "ees",
        sat,
        completion,
        tie_break,
        selected,
        _cost(election, data, run),
        election.budget,
        tuple(decisions),
    )


def _prepared(election: Election, sat: str | None, tie_break: str) -> tuple[str, _Data, list[int]]:
    sat = sat or default_sat(election)
    check_sat(election, sat)
    rank = tie_keys(election, tie_break)
    return sat, _data(election, sat), rank


def ees_search(
    election: Election, sat: str | None = None, *, tie_break: str = "lexico"
) -> EesSearch:
    """The add-one completion of EES by the ADD-OPT search, with every step.

    Starting from ``budget / voters``, EES is counted; then, while some
    supported project outside the outcome still fits in what the budget has
    left, every voter's starting money is raised by exactly the amount at which
    the outcome next changes (ADD-OPT, see the module). The search stops at the
    first outcome that overspends the budget (the previous one is kept), or
    when no increase changes the outcome any more.

    Parameters
    ----------
    election : Election
        The vote.
    sat : str, optional
        The satisfaction; by default the ballots' own (`default_sat()`).
    tie_break : str
        One of `TIE_BREAKS` (default ``lexico``).

    Returns
    -------
    EesSearch
        The budgets visited, the one kept and its outcome.

    Raises
    ------
    ValidationError
        An unknown tie-break, a satisfaction that does not fit the ballots, or
        ballots that value a project differently (see the module).

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 3, "b": 3}, [["a"], ["b"], ["b"]], budget=4)
    >>> s = ees_search(e)
    >>> [(str(x.share), x.selected, x.within_budget) for x in s.steps]
    [('4/3', (), True), ('3/2', ('b',), True)]
    >>> s.outcome.selected  # then "a" (3) no longer fits in the 1 left
    ('b',)

    See Also
    --------
    exact_equal_shares : the rule, with ``completion="add_opt"``.
    """
    sat, data, rank = _prepared(election, sat, tie_break)
    share = Fraction(election.budget) / election.n_voters if election.n_voters else Fraction(0)
    run = _run(data, share, rank, election.n_voters)
    steps = [EesStep(share, _outcome_ids(election, data, run), _cost(election, data, run), True)]
    kept = run
    while election.n_voters and not nothing_fits(
        election, [*data.free, *(r.project for r in kept.rounds)], data.candidates
    ):
        d = _next_change(data, kept, rank)
        if d is None:
            break
        nxt = _run(data, kept.share + d, rank, election.n_voters)
        cost = _cost(election, data, nxt)
        steps.append(
            EesStep(nxt.share, _outcome_ids(election, data, nxt), cost, cost <= election.budget)
        )
        if cost > election.budget:
            break
        kept = nxt
    index = max(i for i, s in enumerate(steps) if s.within_budget)
    return EesSearch(tuple(steps), index, _outcome(election, sat, "add_opt", tie_break, data, kept))


def _outcome_ids(election: Election, data: _Data, run: _Run) -> tuple[str, ...]:
    return tuple(election.project_ids[i] for i in [*data.free, *(r.project for r in run.rounds)])


def exact_equal_shares(
    election: Election,
    sat: str | None = None,
    *,
    completion: str | None = None,
    tie_break: str = "lexico",
    share: int | Decimal | Fraction | None = None,
) -> Outcome:
    """Exact Equal Shares (Kraiczy, Robinson and Elkind, 2025), optionally completed by ADD-OPT.

    Payers of a project pay exactly equal shares of it (see the module for the
    rule and how it differs from MES). ``completion="add_opt"`` raises the
    voters' money from one breakpoint to the next (`ees_search()`) and keeps
    the last outcome within the budget.

    Parameters
    ----------
    election : Election
        The vote.
    sat : str, optional
        The satisfaction; by default the ballots' own (`default_sat()`).
    completion : str, optional
        One of `EES_COMPLETIONS`.
    tie_break : str
        One of `TIE_BREAKS` (default ``lexico``).
    share : int, Decimal or Fraction, optional
        Every voter's starting money, without completion (default ``budget /
        voters``); the outcome may then overspend the budget.

    Returns
    -------
    Outcome
        Rule ``"ees"``: the funded projects in order and a decision for every
        project (``rho``, the price each payer paid and how many paid).

    Raises
    ------
    ValidationError
        An unknown completion or tie-break, a satisfaction that does not fit
        the ballots, ballots that value a project differently, a negative
        ``share``, or ``share`` with a completion.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"big": 80, "s1": 30}, [["big"]] * 4 + [["s1"]], budget=100)
    >>> o = exact_equal_shares(e)
    >>> o.selected, o.explain("big")[0].reason
    (('big',), '4 of its 4 supporters pay 20 each; the lowest rho, 1/4 (~0.25)')
    >>> exact_equal_shares(e, share=30).selected
    ('big', 's1')

    See Also
    --------
    civicgrants.pb.rules.equal_shares.equal_shares : MES, where poorer supporters pay what they have.
    ees_search : every breakpoint of the ADD-OPT search.
    """
    if completion not in EES_COMPLETIONS:
        raise invalid(
            "completion",
            f"must be one of {', '.join(map(str, EES_COMPLETIONS))}, got {completion!r}",
        )
    if completion is not None:
        if share is not None:
            raise invalid("share", "only without a completion (the completion chooses it)")
        return ees_search(election, sat, tie_break=tie_break).outcome
    sat, data, rank = _prepared(election, sat, tie_break)
    if share is None:
        start = Fraction(election.budget) / election.n_voters if election.n_voters else Fraction(0)
    else:
        start = share if isinstance(share, Fraction) else Fraction(to_exact(share, "share"))
        if start < 0:
            raise invalid("share", f"must be >= 0, got {share}")
    return _outcome(
        election, sat, None, tie_break, data, _run(data, start, rank, election.n_voters)
    )
