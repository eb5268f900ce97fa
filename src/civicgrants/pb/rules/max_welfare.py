"""Maximum additive utilitarian welfare (pabutools ``max_additive_utilitarian_welfare``), exact.

The funded set with the largest total satisfaction that fits the budget: a 0/1
knapsack whose items are the projects, their weights the costs and their values
the voters' total satisfaction. It is solved exactly, in integers, by a
depth-first branch and bound (no solver: see ``docs/decisions.md``):

* projects are taken in decreasing order of value per unit of cost (then by
  ``tie_break``), each branch first with the project, then without;
* a branch is cut when even the fractional knapsack of what is left (the
  Dantzig bound) cannot beat the best found.

`max_welfare()` returns the first optimal set met in that order: among the
optimal sets, the one that takes the densest projects first (pabutools does not
control its ties). `max_welfare_all()` returns every optimal set (pabutools'
irresolute outcome), up to a stated limit.

Examples
--------
>>> from civicgrants.pb.election import Election
>>> e = Election.from_ballots(
...     {"a": 60, "b": 50, "c": 40}, [["a"], ["a"], ["b", "c"], ["b", "c"], ["b"]], budget=100
... )
>>> max_welfare(e, "cardinality").selected  # b and c: 5 approvals; a and c: 4
('b', 'c')
>>> max_welfare_all(e, "cost")
(('b', 'c'),)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from civicgrants.errors import TieRefused
from civicgrants.pb.election import (
    Election,
    Sat,
    check_initial,
    check_sat,
    default_sat,
    invalid,
    sat_name,
)
from civicgrants.pb.outcome import Outcome, ProjectDecision, plain_fraction, plain_number
from civicgrants.pb.rules.greedy import total_satisfaction
from civicgrants.pb.ties import tie_keys

__all__ = ["MAX_OPTIMA", "max_welfare", "max_welfare_all"]

MAX_OPTIMA = 10_000
"""How many optimal sets `max_welfare_all()` lists before it refuses (each tie doubles them)."""


class _Knapsack:
    """The projects as integer items, densest first, and the search over them."""

    def __init__(
        self, election: Election, sat: Sat, tie_break: str, initial: Sequence[str]
    ) -> None:
        self.election = election
        rank = tie_keys(election, tie_break)
        self.taken = list(check_initial(election, initial))
        left = election.budget - sum((election.costs[i] for i in self.taken), Decimal(0))
        total = total_satisfaction(election, sat)
        self.total = total
        exponents = [c.as_tuple().exponent for c in (*election.costs, left)]
        unit = Decimal(10) ** max((-e for e in exponents if isinstance(e, int)), default=0)
        unit = max(unit, Decimal(1))
        scale = math.lcm(*(t.denominator for t in total)) if total else 1
        chosen = set(self.taken)
        items = [
            i for i in range(election.n_projects) if i not in chosen and election.costs[i] <= left
        ]
        self.cost = {i: int(election.costs[i] * unit) for i in items}
        self.value = {i: int(total[i] * scale) for i in items}

        def density(i: int) -> tuple[int, Fraction, int]:
            if self.cost[i] == 0:
                return (0, Fraction(-self.value[i]), rank[i])  # free: first
            return (1, Fraction(-self.value[i], self.cost[i]), rank[i])

        self.items = sorted(items, key=density)
        self.capacity = int(left * unit)
        self.nodes = 0

    def bound(self, k: int, room: int) -> Fraction:
        """The fractional knapsack of items ``k:`` in ``room``: no set does better."""
        gain = Fraction(0)
        for i in self.items[k:]:
            c, v = self.cost[i], self.value[i]
            if c <= room:
                room -= c
                gain += v
            else:
                return gain + Fraction(v * room, c)
        return gain

    def search(self, limit: int | None) -> tuple[int, list[list[int]]]:
        """The best value and the optimal sets: the first one, or all (up to ``limit``)."""
        best = -1
        found: list[list[int]] = []
        path: list[int] = []
        keep_ties = limit is not None

        def visit(k: int, room: int, value: int) -> None:
            nonlocal best, found
            self.nodes += 1
            if k == len(self.items):
                if value > best:
                    best, found = value, [list(path)]
                elif keep_ties and value == best:
                    found.append(list(path))
                    if limit is not None and len(found) > limit:
                        raise invalid(
                            "limit",
                            f"more than {limit} funded sets have the same, largest welfare; "
                            "raise the limit or break the ties with max_welfare()",
                        )
                return
            bound = value + self.bound(k, room)
            if bound < best or (not keep_ties and bound <= best):
                return
            i = self.items[k]
            if self.cost[i] <= room:
                path.append(i)
                visit(k + 1, room - self.cost[i], value + self.value[i])
                path.pop()
            visit(k + 1, room, value)

        visit(0, self.capacity, 0)
        return best, found


def _check(election: Election, sat: Sat | None) -> Sat:
    sat = sat or default_sat(election)
    check_sat(election, sat)
    return sat


def max_welfare(
    election: Election,
    sat: Sat | None = None,
    *,
    tie_break: str = "lexico",
    initial: Sequence[str] = (),
) -> Outcome:
    """The funded set of largest total satisfaction within the budget, exactly.

    Parameters
    ----------
    election : Election
        The vote.
    sat : str, optional
        The satisfaction; by default the ballots' own (`default_sat()`).
    tie_break : str
        Orders projects of equal value per unit of cost in the search (one of
        `TIE_BREAKS`); among optimal sets, the first met is returned.
    initial : sequence of str
        Projects taken as already funded (pabutools' ``initial_budget_allocation``;
        see `check_initial()`): they stay first in ``selected``, and the best set
        that fits in the rest of the budget is added.

    Returns
    -------
    Outcome
        Rule ``max_welfare``: the optimal set, densest first, each decision with the
        project's total satisfaction.

    Raises
    ------
    ValidationError
        A satisfaction that does not fit the ballots, an unknown tie-break, or an
        ``initial`` that `check_initial()` refuses.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 3, "b": 2, "c": 2}, [["a"], ["a"], ["b", "c"]], budget=4)
    >>> o = max_welfare(e)
    >>> o.selected, [d.reason for d in o.decisions]  # doctest: +NORMALIZE_WHITESPACE
    (('a',), ['in the optimal set: satisfaction 6',
              'not in the optimal set (total satisfaction 6): satisfaction 2, cost 2',
              'not in the optimal set (total satisfaction 6): satisfaction 2, cost 2'])

    See Also
    --------
    max_welfare_all : every optimal set.
    civicgrants.pb.rules.greedy.greedy : the greedy approximation of the same aim.
    """
    sat = _check(election, sat)
    knapsack = _Knapsack(election, sat, tie_break, initial)
    _, found = knapsack.search(MAX_OPTIMA if tie_break == "refuse" else None)
    distinct = {frozenset(f) for f in found}
    if len(distinct) > 1:  # only when refusing ties
        differ = frozenset().union(*distinct) - frozenset.intersection(*distinct)
        tied = [election.project_ids[i] for i in differ]
        raise TieRefused("max_welfare", tied, f"the choice between {len(distinct)} optimal sets")
    chosen = set(found[0])
    ids = election.project_ids
    best = sum((knapsack.total[i] for i in chosen), Fraction(0))
    decisions = []
    phase = "completion" if knapsack.taken else "max_welfare"
    for step, i in enumerate(knapsack.items, start=1):
        worth = plain_fraction(knapsack.total[i])
        if i in chosen:
            reason = f"in the optimal set: satisfaction {worth}"
        else:
            reason = (
                f"not in the optimal set (total satisfaction {plain_fraction(best)}): "
                f"satisfaction {worth}, cost {plain_number(election.costs[i])}"
            )
        decisions.append(
            ProjectDecision(ids[i], i in chosen, step, phase, reason, (("satisfaction", worth),))
        )
    left = election.budget - sum((election.costs[i] for i in knapsack.taken), Decimal(0))
    for i in range(election.n_projects):
        if i not in chosen and i not in knapsack.taken and election.costs[i] > left:
            decisions.append(
                ProjectDecision(
                    ids[i],
                    False,
                    0,
                    phase,
                    f"cost {plain_number(election.costs[i])} exceeds the "
                    f"{plain_number(left)} to fill",
                )
            )
    selected = [ids[i] for i in knapsack.taken] + [ids[i] for i in knapsack.items if i in chosen]
    cost = sum((election.costs[election.index(p)] for p in selected), Decimal(0))
    return Outcome(
        "max_welfare",
        sat_name(sat),
        None,
        tie_break,
        tuple(selected),
        cost,
        election.budget,
        tuple(decisions),
    )


def max_welfare_all(
    election: Election,
    sat: Sat | None = None,
    *,
    initial: Sequence[str] = (),
    limit: int = MAX_OPTIMA,
) -> tuple[tuple[str, ...], ...]:
    """Every funded set of largest total satisfaction (pabutools' irresolute outcome).

    Parameters
    ----------
    election : Election
        The vote.
    sat : str, optional
        The satisfaction; by default the ballots' own.
    initial : sequence of str
        Projects taken as already funded (in every set returned; see `check_initial()`).
    limit : int
        The most sets listed (default `MAX_OPTIMA`).

    Returns
    -------
    tuple of tuple of str
        Each optimal set's project ids in file order; the sets sorted.

    Raises
    ------
    ValidationError
        More than ``limit`` optimal sets, a satisfaction that does not fit the
        ballots, or an ``initial`` that `check_initial()` refuses.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 1, "b": 1, "c": 1}, [["a"], ["b"], ["c"]], budget=2)
    >>> max_welfare_all(e)
    (('a', 'b'), ('a', 'c'), ('b', 'c'))
    >>> max_welfare_all(e, limit=2)
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: limit: more than 2 funded sets have the same, largest welfare; raise the limit or break the ties with max_welfare()

    See Also
    --------
    max_welfare : one optimal set, with its decisions.
    """
    if limit < 1:
        raise invalid("limit", f"must be at least 1, got {limit}")
    sat = _check(election, sat)
    knapsack = _Knapsack(election, sat, "lexico", initial)
    _, found = knapsack.search(limit)
    ids = election.project_ids
    return tuple(
        sorted(tuple(ids[i] for i in sorted({*knapsack.taken, *chosen})) for chosen in found)
    )
