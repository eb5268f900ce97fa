"""The utilitarian greedy rule (pabutools ``greedy_utilitarian_welfare``).

Projects in decreasing order of total satisfaction per unit of cost, each funded
if it still fits in what is left of the budget.

Examples
--------
>>> from civicgrants.pb.election import Election
>>> e = Election.from_ballots({"a": 60, "b": 50, "c": 40}, [["a"], ["a"], ["b", "c"], ["c"]], budget=100)
>>> greedy(e).selected
('a', 'c')
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import numpy as np

from civicgrants.pb.election import (
    NOT_ADDITIVE,
    PER_VOTER,
    Election,
    Sat,
    UserSat,
    check_initial,
    check_sat,
    default_sat,
    invalid,
    sat_name,
    vote_values,
)
from civicgrants.pb.outcome import Outcome, ProjectDecision, plain_fraction, plain_number
from civicgrants.pb.ties import refuse_tie, tie_keys

__all__ = ["MAX_OUTCOMES", "greedy", "greedy_all", "total_satisfaction"]

MAX_OUTCOMES = 10_000
"""How many tied outcomes `greedy_all()` lists before it refuses."""


def total_satisfaction(election: Election, sat: Sat) -> list[Fraction]:
    """Each project's total satisfaction (exact) over all voters.

    Parameters
    ----------
    election : Election
        The vote.
    sat : str or UserSat
        An additive satisfaction (see `SATISFACTIONS`), or one of your own.

    Returns
    -------
    list of Fraction
        Aligned with ``election.project_ids``.

    Examples
    --------
    >>> e = Election.from_ballots({"a": 6, "b": 4}, [["a"], ["a", "b"]], budget=10)
    >>> [str(t) for t in total_satisfaction(e, "cost")]
    ['12', '4']

    See Also
    --------
    greedy : orders projects by this total per unit of cost.
    civicgrants.pb.election.Election.utilities : the per-vote satisfactions it adds up.
    """
    n = election.n_projects
    if isinstance(sat, UserSat) or sat in PER_VOTER:
        totals = [Fraction(0)] * n
        for p, x in zip(election.indices.tolist(), vote_values(election, sat), strict=True):
            totals[p] += x
        return totals
    u, factor = election.utilities(sat)
    if u is None:
        raw = np.bincount(election.indices, minlength=n)
    else:
        raw = np.zeros(n, dtype=np.int64)
        np.add.at(raw, election.indices, u)
    return [int(r) * f for r, f in zip(raw.tolist(), factor, strict=True)]


def greedy(
    election: Election,
    sat: Sat | None = None,
    *,
    tie_break: str = "lexico",
    initial: Sequence[str] = (),
) -> Outcome:
    """The utilitarian greedy rule (pabutools ``greedy_utilitarian_welfare``).

    Projects are taken in decreasing order of total satisfaction per unit of cost
    (``inf`` for a free project that someone values; ``0`` for a project nobody
    values), ties by ``tie_break``; each is funded if its cost still fits in what
    is left of the budget. Projects nobody values are still funded if they fit
    (as pabutools does). With ``sat="borda"`` a free project counts as ``inf``
    even if nobody values it (pabutools' general greedy scheme). A satisfaction
    that is not additive (`NOT_ADDITIVE`: ``cc``, ``cost_sqrt``, ``cost_log``) is
    counted by its marginal gain: each step takes the project that adds the most
    satisfaction per unit of cost to what is funded so far (pabutools' general
    scheme), exactly.

    Parameters
    ----------
    election : Election
        The vote.
    sat : str or UserSat, optional
        The satisfaction (a name of `SATISFACTIONS` or a `UserSat`); by default the
        ballots' own (`default_sat()`).
    tie_break : str
        One of `TIE_BREAKS` (default ``lexico``).
    initial : sequence of str
        Projects taken as already funded (pabutools' ``initial_budget_allocation``;
        used by the completions of MES and by `complete_by_rules()`): they stay
        first in ``selected``, and the rule fills what is left of the budget.

    Returns
    -------
    Outcome
        The funded projects in order and a decision for every other project.

    Raises
    ------
    ValidationError
        A satisfaction that does not fit the ballots, an unknown tie-break, or an
        ``initial`` that `check_initial()` refuses (an unknown or repeated
        project, or more than the budget).

    Examples
    --------
    >>> e = Election.from_ballots({"a": 60, "b": 50, "c": 40}, [["a", "b"], ["b"], ["c"]], budget=100)
    >>> greedy(e).selected, greedy(e, "cardinality").selected
    (('b', 'c'), ('b', 'c'))
    >>> [d.reason for d in greedy(e).decisions if not d.selected]
    ['cost 60 exceeds the 50 left']

    See Also
    --------
    civicgrants.pb.rules.equal_shares.equal_shares : the Method of Equal Shares.
    """
    sat = sat or default_sat(election)
    check_sat(election, sat)
    rank = tie_keys(election, tie_break)
    check_initial(election, initial)
    if isinstance(sat, str) and sat in NOT_ADDITIVE:
        return _Marginal(election, sat).run(rank, tie_break, list(initial))
    total = total_satisfaction(election, sat)
    chosen = list(initial)
    taken = set(chosen)
    infinite = (1, Fraction(0))

    def density(i: int) -> tuple[int, Fraction]:
        cost = election.costs[i]
        if cost == 0 and (total[i] > 0 or sat == "borda"):
            return infinite
        if total[i] > 0:
            return (0, total[i] / Fraction(cost))
        return (0, Fraction(0))

    dens = {
        i: density(i) for i in range(election.n_projects) if election.project_ids[i] not in taken
    }
    order = sorted(dens, key=lambda i: (-dens[i][0], -dens[i][1], rank[i]))
    spent = sum((election.costs[election.index(p)] for p in chosen), Decimal(0))
    left = election.budget - spent
    decisions: list[ProjectDecision] = []
    phase = "completion" if chosen else "greedy"
    for step, i in enumerate(order, start=1):
        pid = election.project_ids[i]
        d = dens[i]
        shown = "inf" if d[0] else plain_fraction(d[1])
        nums = (("satisfaction", plain_fraction(total[i])), ("per_cost", shown))
        cost = election.costs[i]
        if cost <= left:
            if tie_break == "refuse":
                tied = [j for j in order[step:] if dens[j] == d and election.costs[j] <= left]
                refuse_tie(election, tie_break, [i, *tied], "greedy", f"step {step}")
            left -= cost
            chosen.append(pid)
            decisions.append(
                ProjectDecision(
                    pid,
                    True,
                    step,
                    phase,
                    f"fits: {plain_number(cost)} of {plain_number(left + cost)} left",
                    nums,
                )
            )
        else:
            decisions.append(
                ProjectDecision(
                    pid,
                    False,
                    step,
                    phase,
                    f"cost {plain_number(cost)} exceeds the {plain_number(left)} left",
                    nums,
                )
            )
    return Outcome(
        "greedy",
        sat_name(sat),
        None,
        tie_break,
        tuple(chosen),
        election.budget - left,
        election.budget,
        tuple(decisions),
    )


def greedy_all(
    election: Election,
    sat: Sat | None = None,
    *,
    initial: Sequence[str] = (),
    limit: int = MAX_OUTCOMES,
) -> tuple[tuple[str, ...], ...]:
    """Every outcome the greedy rule can reach, whichever way its ties are broken.

    pabutools' irresolute ``greedy_utilitarian_welfare`` (``resoluteness=False``):
    at each step, among the projects that still fit, every project of the highest
    satisfaction per unit of cost (a free project: infinite) may come next; each
    choice is followed to the end. Sets reached in several orders are counted once.

    Parameters
    ----------
    election : Election
        The vote.
    sat : str or UserSat, optional
        The satisfaction (a name of `SATISFACTIONS` or a `UserSat`); by default the
        ballots' own (`default_sat()`).
    initial : sequence of str
        Projects taken as already funded (in every outcome; see `check_initial()`).
    limit : int
        The most outcomes listed (default `MAX_OUTCOMES`).

    Returns
    -------
    tuple of tuple of str
        Each outcome's project ids in file order; the outcomes sorted.

    Raises
    ------
    ValidationError
        More than ``limit`` outcomes, a satisfaction that does not fit the ballots,
        or an ``initial`` that `check_initial()` refuses.

    Examples
    --------
    >>> e = Election.from_ballots({"a": 2, "b": 2, "c": 1}, [["a", "b", "c"]], budget=3)
    >>> greedy_all(e, "cardinality")  # c first (1 per unit of cost), then a or b
    (('a', 'c'), ('b', 'c'))
    >>> greedy(e, "cardinality").selected
    ('c', 'a')

    See Also
    --------
    greedy : one outcome, ties broken by a rule.
    """
    if limit < 1:
        raise invalid("limit", f"must be at least 1, got {limit}")
    sat = sat or default_sat(election)
    check_sat(election, sat)
    total = total_satisfaction(election, sat)
    costs = election.costs
    start = frozenset(check_initial(election, initial))
    spent = sum((costs[i] for i in start), Decimal(0))
    infinite = (1, Fraction(0))

    def density(i: int) -> tuple[int, Fraction]:
        return infinite if costs[i] == 0 else (0, total[i] / Fraction(costs[i]))

    found: set[frozenset[int]] = set()
    seen: set[frozenset[int]] = set()
    stack = [(start, spent)]
    while stack:
        chosen, used = stack.pop()
        if chosen in seen:
            continue
        seen.add(chosen)
        left = election.budget - used
        fits = [i for i in range(election.n_projects) if i not in chosen and costs[i] <= left]
        if not fits:
            found.add(chosen)
            if len(found) > limit:
                raise invalid(
                    "limit",
                    f"more than {limit} outcomes tie under the greedy rule; raise the limit "
                    "or break the ties with greedy()",
                )
            continue
        best = max(density(i) for i in fits)
        for i in fits:
            if density(i) == best:
                stack.append((chosen | {i}, used + costs[i]))
    ids = election.project_ids
    return tuple(sorted(tuple(ids[i] for i in sorted(s)) for s in found))


_SCALE = 1100
"""Satisfactions not additive are kept in units of ``2**-1100``: every double is a whole number."""


class _Marginal:
    """The greedy rule for a satisfaction that is not additive, by exact marginal gains.

    Each voter's satisfaction is a function of a state (covered or not, the most
    points given to a funded project, what the funded supported projects cost); a
    project's gain is the sum over its supporters of what it adds. Gains are kept
    per project and updated only for the voters whose state a purchase changes.
    """

    def __init__(self, election: Election, sat: str) -> None:
        self.election, self.sat = election, sat
        e = election
        self.ballots: list[list[int]] = [
            e.indices[e.indptr[v] : e.indptr[v + 1]].tolist() for v in range(e.n_voters)
        ]
        self.points: list[list[int]] | None = (
            [e.points[e.indptr[v] : e.indptr[v + 1]].tolist() for v in range(e.n_voters)]
            if e.points is not None and sat == "cc"
            else None
        )
        self.state: list[Decimal] = [Decimal(0)] * e.n_voters
        self.supporters: list[list[int]] = [[] for _ in range(e.n_projects)]
        for v, ballot in enumerate(self.ballots):
            for q in ballot:
                self.supporters[q].append(v)
        self.cached: dict[Decimal, int] = {}

    def value(self, x: Decimal) -> int:
        """A voter's satisfaction in state ``x``, exactly, in units of ``2**-_SCALE``.

        The square root and the logarithm are the doubles pabutools takes
        (``np.sqrt(float(cost))``, ``np.log(float(1 + cost))``); a double is an integer
        times a power of two no smaller than ``2**-1074``, so each is a whole number of
        units, and sums of them stay exact in Python integers.
        """
        found = self.cached.get(x)
        if found is None:
            if self.sat == "cc":
                exact = Fraction(x)
            elif self.sat == "cost_sqrt":
                exact = Fraction(float(np.sqrt(float(x))))
            else:
                exact = Fraction(float(np.log(float(1 + x))))
            found = int(exact * (1 << _SCALE))
            self.cached[x] = found
        return found

    def after(self, v: int, k: int) -> Decimal:
        """Voter ``v``'s state once the ``k``-th project of the ballot is funded too."""
        x = self.state[v]
        if self.sat == "cc":
            given = Decimal(1) if self.points is None else Decimal(self.points[v][k])
            return max(x, given)
        return x + self.election.costs[self.ballots[v][k]]

    def gain(self, v: int, k: int) -> int:
        return self.value(self.after(v, k)) - self.value(self.state[v])

    def fund(self, project: int, gains: dict[int, int], taken: set[int]) -> None:
        """Change the states of ``project``'s supporters and the gains that depend on them."""
        for v in self.supporters[project]:
            ballot = self.ballots[v]
            k = ballot.index(project)
            old = {q: self.gain(v, j) for j, q in enumerate(ballot) if q not in taken}
            self.state[v] = self.after(v, k)
            for j, q in enumerate(ballot):
                if q in old:
                    gains[q] += self.gain(v, j) - old[q]

    def run(self, rank: list[int], tie_break: str, chosen: list[str]) -> Outcome:
        e = self.election
        taken = {e.index(p) for p in chosen}
        gains = {q: 0 for q in range(e.n_projects) if q not in taken}
        for v, ballot in enumerate(self.ballots):
            for j, q in enumerate(ballot):
                if q not in taken:
                    gains[q] += self.gain(v, j)
        for p in chosen:
            self.fund(e.index(p), gains, taken)
        left = e.budget - sum((e.costs[i] for i in taken), Decimal(0))
        infinite = (1, Fraction(0))
        decisions: list[ProjectDecision] = []
        phase = "completion" if chosen else "greedy"
        waiting = [q for q in range(e.n_projects) if q not in taken]
        step = 0
        while True:
            fits = [q for q in waiting if e.costs[q] <= left]
            for q in waiting:
                if e.costs[q] > left:
                    decisions.append(
                        ProjectDecision(
                            e.project_ids[q],
                            False,
                            step,
                            phase,
                            f"cost {plain_number(e.costs[q])} exceeds the {plain_number(left)} left",
                        )
                    )
            waiting = fits
            if not fits:
                break
            step += 1

            def density(q: int) -> tuple[int, Fraction]:
                if e.costs[q] == 0:
                    return infinite
                return (0, Fraction(gains[q], 1 << _SCALE) / Fraction(e.costs[q]))

            best = max(density(q) for q in fits)
            tied = [q for q in fits if density(q) == best]
            refuse_tie(e, tie_break, tied, "greedy", f"step {step}")
            pick = min(tied, key=lambda q: rank[q])
            shown = "inf" if best[0] else plain_fraction(best[1])
            decisions.append(
                ProjectDecision(
                    e.project_ids[pick],
                    True,
                    step,
                    phase,
                    f"adds the most satisfaction per unit of cost ({shown}); fits: "
                    f"{plain_number(e.costs[pick])} of {plain_number(left)} left",
                    (
                        ("gain", plain_fraction(Fraction(gains[pick], 1 << _SCALE))),
                        ("per_cost", shown),
                    ),
                )
            )
            chosen.append(e.project_ids[pick])
            left -= e.costs[pick]
            waiting.remove(pick)
            del gains[pick]
            taken.add(pick)
            self.fund(pick, gains, taken)
        return Outcome(
            "greedy",
            self.sat,
            None,
            tie_break,
            tuple(chosen),
            e.budget - left,
            e.budget,
            tuple(decisions),
        )
