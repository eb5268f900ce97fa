"""The maximin support rule (pabutools ``maximin_support``), exact.

Also called generalised sequential Phragmén (Aziz, Lee and Talmon, 2018). The
cost of a set of funded projects is spread over their supporters, each project's
cost only over voters who approve it, so that the largest share any voter
carries (their *load*) is as small as it can be. At each step the rule funds,
among the projects that still fit in what is left of the budget, the one that
keeps this smallest largest load lowest; it goes on until nothing fits (unlike
sequential Phragmén, it never stops early).

The smallest largest load of a set ``T`` is, by the max-flow min-cut theorem,
the largest ratio ``cost(S) / |supporters of S|`` over the subsets ``S`` of
``T``. It is found exactly, with integers and fractions only: from a set that
attains a ratio, a minimum cut (the project-selection problem) either proves
that no subset does better or hands over one that does (Dinkelbach's method).
pabutools solves a floating-point linear program per candidate instead; both
agree wherever its floats tell ties apart as exact arithmetic does.

A set with a project that costs something and that nobody approves cannot be
paid at all: its load is infinite, and such a project is funded (as in
pabutools) only when every project that fits is in the same case. Projects that
cost more than the whole budget never take part. Ties go by ``tie_break``
(pabutools' lexicographic order by default).

Examples
--------
>>> from civicgrants.pb.election import Election
>>> e = Election.from_ballots(
...     {"a": 60, "b": 50, "c": 40}, [["a"], ["a"], ["b", "c"], ["c"]], budget=100
... )
>>> o = maximin_support(e)
>>> o.selected
('c', 'a')
>>> [d.reason for d in o.decisions]  # doctest: +NORMALIZE_WHITESPACE
['the largest load is then 20, the least any project allows; fits: 40 of 100 left',
 'the largest load is then 30, the least any project allows; fits: 60 of 60 left',
 'cost 50 exceeds the 0 left']
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

import networkx as nx
import numpy as np

from civicgrants.pb.election import Election, invalid
from civicgrants.pb.outcome import Outcome, ProjectDecision, plain_fraction, plain_number
from civicgrants.pb.rules.mes_engine import prepare
from civicgrants.pb.ties import tie_keys

__all__ = ["maximin_support", "smallest_max_load"]

_SOURCE, _SINK = -1, -2


class _Loads:
    """The smallest largest load of the funded projects plus one more, exactly.

    Costs are kept as integers (in units of their common denominator). Voters
    who approve the same funded projects are one *type*, weighted by their
    number: a flow network has one node per funded project and one per type.
    """

    def __init__(self, election: Election) -> None:
        prepared = prepare(election, "cardinality")
        self.voters, self.starts = prepared.voter, prepared.pptr
        self.approvals: list[int] = np.diff(self.starts).tolist()
        fractions = [Fraction(c) for c in election.costs]
        self.unit = math.lcm(*(f.denominator for f in fractions)) if fractions else 1
        self.cost: list[int] = [int(f * self.unit) for f in fractions]
        self.funded: list[int] = []
        self.type_of = np.full(election.n_voters, -1, dtype=np.int64)
        self.types: list[tuple[tuple[int, ...], int]] = []  # funded projects approved, voters
        self.unpaid = False  # a funded project costs something and nobody approves it
        self.level = Fraction(0)  # the funded projects' smallest largest load, in units
        self.critical: frozenset[int] = frozenset()  # funded projects whose ratio is the level
        self.in_critical = np.zeros(election.n_voters, dtype=bool)  # their supporters
        self.critical_cost = 0
        self.critical_voters = 0

    def supporters(self, project: int) -> list[int]:
        out: list[int] = self.voters[self.starts[project] : self.starts[project + 1]].tolist()
        return out

    def split(self, project: int) -> list[tuple[tuple[int, ...], int]]:
        """The voter types once ``project`` is funded too."""
        sup = self.voters[self.starts[project] : self.starts[project + 1]]
        among = Counter(self.type_of[sup].tolist())
        out: list[tuple[tuple[int, ...], int]] = []
        for t, (projects, n) in enumerate(self.types):
            k = among.get(t, 0)
            if k:
                out.append(((*projects, project), k))
            if n - k:
                out.append((projects, n - k))
        if among.get(-1, 0):
            out.append(((project,), among[-1]))
        return out

    def floor(self, project: int) -> tuple[tuple[int, Fraction], frozenset[int]]:
        """A lower bound of the load with ``project`` funded too, and a set that attains it.

        The largest of three ratios that sets attain: the funded projects' level,
        ``project`` alone, and ``project`` with the funded set that attains the level.
        ``(1, 0)`` is infinite.
        """
        if self.unpaid or (self.cost[project] and not self.approvals[project]):
            return (1, Fraction(0)), frozenset()
        best = (self.level, self.critical)
        cost = self.cost[project]
        if cost:
            best = max(best, (Fraction(cost, self.approvals[project]), frozenset({project})))
            sup = self.voters[self.starts[project] : self.starts[project + 1]]
            voters = self.critical_voters + int(np.count_nonzero(~self.in_critical[sup]))
            together = Fraction(self.critical_cost + cost, voters)
            best = max(best, (together, self.critical | {project}), key=lambda x: x[0])
        return (0, best[0]), best[1]

    def with_project(
        self, project: int, above: Fraction | None
    ) -> tuple[tuple[int, Fraction], frozenset[int]] | None:
        """The smallest largest load with ``project`` funded too (in units), and its set.

        ``None`` as soon as it is known to exceed ``above`` (the best found so far).
        """
        start, attained = self.floor(project)
        if start[0]:
            return start, attained
        projects = [*self.funded, project]
        found = _largest(
            {j: self.cost[j] for j in projects}, self.split(project), start[1], attained, above
        )
        return None if found is None else ((0, found[0]), found[1])

    def fund(
        self,
        project: int,
        load: tuple[tuple[int, Fraction], frozenset[int]] | None = None,
    ) -> None:
        """Fund ``project`` (``load``: what `with_project()` found, if known): the types split."""
        if load is None:
            load = self.with_project(project, None)
            assert load is not None
        if load[0][0]:
            self.unpaid = True
        else:
            self.level, self.critical = load[0][1], load[1]
            self.in_critical[:] = False
            for j in self.critical:
                self.in_critical[self.voters[self.starts[j] : self.starts[j + 1]]] = True
            self.critical_cost = sum(self.cost[j] for j in self.critical)
            self.critical_voters = int(self.in_critical.sum())
        types = self.split(project)
        index = {projects: t for t, (projects, _) in enumerate(types)}
        old = [projects for projects, _ in self.types]
        keep = np.array([index.get(projects, -1) for projects in old] + [-1], dtype=np.int64)
        moved = keep[self.type_of]  # the voters who do not approve ``project``
        for v in self.supporters(project):
            t = int(self.type_of[v])
            moved[v] = index[(*old[t], project) if t >= 0 else (project,)]
        self.type_of = moved
        self.funded.append(project)
        self.types = types


def largest_ratio(
    cost: dict[int, int],
    types: list[tuple[tuple[int, ...], int]],
    start: Fraction,
    above: Fraction | None = None,
) -> Fraction | None:
    """The largest ``cost(S) / voters(S)`` over the sets ``S`` of projects, exactly.

    ``voters(S)`` counts the voters who approve at least one project of ``S``; every
    project with a positive cost must have a voter. Dinkelbach's method: from a
    ratio ``start`` that some set attains, a minimum cut finds the set that most
    exceeds it, until none does.

    Parameters
    ----------
    cost : dict of int to int
        Each project's cost (whole units).
    types : list of (tuple of int, int)
        The voters, grouped: the projects they approve, how many they are.
    start : Fraction
        A ratio that some set attains (0 will do).
    above : Fraction, optional
        Give up (return ``None``) as soon as the ratio is known to exceed it.

    Returns
    -------
    Fraction or None
        The largest ratio.

    Examples
    --------
    >>> str(largest_ratio({0: 6, 1: 3}, [((0,), 1), ((0, 1), 1), ((1,), 4)], Fraction(0)))
    '3'
    >>> largest_ratio({0: 6, 1: 3}, [((0,), 1), ((0, 1), 1), ((1,), 4)], Fraction(0), Fraction(2))

    See Also
    --------
    smallest_max_load : the same ratio for projects of an election.
    """
    found = _largest(cost, types, start, frozenset(), above)
    return None if found is None else found[0]


def _largest(
    cost: dict[int, int],
    types: list[tuple[tuple[int, ...], int]],
    level: Fraction,
    attained: frozenset[int],
    above: Fraction | None,
) -> tuple[Fraction, frozenset[int]] | None:
    """`largest_ratio()` from the ratio ``level`` of the set ``attained``; also the best set."""
    paying = {j for j, c in cost.items() if c}
    while True:
        if above is not None and level > above:
            return None
        if not paying:
            return level, attained
        a, b = level.numerator, level.denominator
        graph: nx.DiGraph[int] = nx.DiGraph()
        for j in paying:
            graph.add_edge(_SOURCE, j, capacity=cost[j] * b)
        total = sum(cost[j] for j in paying) * b
        for t, (projects, n) in enumerate(types):
            node = -3 - t  # projects are 0, 1, ...; the source -1, the sink -2
            linked = [j for j in projects if j in paying]
            if linked:
                graph.add_edge(node, _SINK, capacity=a * n)
                for j in linked:
                    graph.add_edge(j, node)
        cut, (side, _) = nx.minimum_cut(graph, _SOURCE, _SINK)
        if total - cut <= 0:
            return level, attained
        attained = frozenset(j for j in paying if j in side)
        voters = sum(n for projects, n in types if attained.intersection(projects))
        level = Fraction(sum(cost[j] for j in attained), voters)


def smallest_max_load(election: Election, projects: Iterable[str]) -> Fraction | None:
    """The smallest largest load at which the voters can pay for ``projects``, exactly.

    Each project's cost is shared among voters who approve it, in any shares; the
    answer is the least, over all such sharings, of the largest total a voter
    pays (the quantity the maximin support rule keeps lowest).

    Parameters
    ----------
    election : Election
        An approval vote.
    projects : iterable of str
        The projects paid for.

    Returns
    -------
    Fraction or None
        ``None`` when a project that costs something has no supporter.

    Raises
    ------
    ValidationError
        A vote that is not approval, or an unknown project.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 6, "b": 3}, [["a"], ["a", "b"], ["b"]], budget=9)
    >>> str(smallest_max_load(e, ["a", "b"])), str(smallest_max_load(e, ["b"]))
    ('3', '3/2')

    See Also
    --------
    maximin_support : the rule that keeps this load lowest, step by step.
    largest_ratio : how it is computed.
    """
    positions = _check(election, projects, "projects")
    loads = _Loads(election)
    for i in positions:
        loads.fund(i)
    return None if loads.unpaid else loads.level / loads.unit


def _check(election: Election, projects: Iterable[str], what: str) -> list[int]:
    """The positions of ``projects`` (each once), once the vote is known to be approval."""
    if election.vote_type != "approval":
        raise invalid(
            "rule",
            f"the maximin support rule counts approval ballots, not {election.vote_type} ones",
        )
    out: dict[int, None] = {}
    for k, p in enumerate(projects):
        if p not in election.project_ids:
            raise invalid(f"{what}[{k}]", f"is not a project of the election: {p!r:.60}")
        out[election.index(p)] = None
    return list(out)


def maximin_support(
    election: Election,
    *,
    tie_break: str = "lexico",
    initial: Iterable[str] = (),
) -> Outcome:
    """The maximin support rule: each step funds the project that keeps the largest load lowest.

    Parameters
    ----------
    election : Election
        An approval vote (the rule is defined for approval ballots only).
    tie_break : str
        One of `TIE_BREAKS` (default ``lexico``, pabutools' default).
    initial : iterable of str
        Projects taken as already funded (pabutools' ``initial_budget_allocation``);
        their cost counts in the loads.

    Returns
    -------
    Outcome
        Rule ``maximin_support``, satisfaction ``cardinality``, the funded projects in
        order with the smallest largest load after each, and why the rest were not.

    Raises
    ------
    ValidationError
        A vote that is not approval, an unknown tie-break or ``initial`` project.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 3, "b": 3, "c": 3}, [["a", "b"], ["a"], ["c"]], budget=6)
    >>> maximin_support(e).selected, maximin_support(e, initial=["c"]).selected
    (('a', 'b'), ('c', 'a'))
    >>> [dict(d.numbers)["max_load"] for d in maximin_support(e).decisions if d.selected]
    ['3/2 (~1.5)', '3']

    See Also
    --------
    smallest_max_load : the load of any set of projects.
    civicgrants.pb.rules.phragmen.phragmen : sequential Phragmén.
    """
    start = _check(election, initial, "initial")
    rank = tie_keys(election, tie_break)
    costs = election.costs
    ids = election.project_ids
    chosen = [ids[i] for i in start]
    loads = _Loads(election)
    for i in start:
        loads.fund(i)
    taken = set(start)
    left = election.budget - sum((costs[i] for i in taken), Decimal(0))
    phase = "completion" if chosen else "maximin_support"
    decisions: list[ProjectDecision] = []
    waiting: list[int] = []
    for i in range(election.n_projects):
        if i in taken:
            continue
        if costs[i] > election.budget:
            reason = (
                f"cost {plain_number(costs[i])} exceeds the whole budget "
                f"{plain_number(election.budget)}"
            )
            decisions.append(ProjectDecision(ids[i], False, 0, phase, reason))
        else:
            waiting.append(i)
    step = 0
    while True:
        for i in waiting:
            if costs[i] > left:
                reason = f"cost {plain_number(costs[i])} exceeds the {plain_number(left)} left"
                decisions.append(ProjectDecision(ids[i], False, step, phase, reason))
        waiting = [i for i in waiting if costs[i] <= left]
        if not waiting:
            break
        step += 1
        pick, best = _next(loads, waiting, rank)
        shown = "inf" if best[0][0] else plain_fraction(best[0][1] / loads.unit)
        decisions.append(
            ProjectDecision(
                ids[pick],
                True,
                step,
                phase,
                f"the largest load is then {shown}, the least any project allows; fits: "
                f"{plain_number(costs[pick])} of {plain_number(left)} left",
                (("max_load", shown),),
            )
        )
        loads.fund(pick, best)
        chosen.append(ids[pick])
        left -= costs[pick]
        waiting.remove(pick)
    return Outcome(
        "maximin_support",
        "cardinality",
        None,
        tie_break,
        tuple(chosen),
        election.budget - left,
        election.budget,
        tuple(decisions),
    )


def _next(
    loads: _Loads, waiting: list[int], rank: list[int]
) -> tuple[int, tuple[tuple[int, Fraction], frozenset[int]]]:
    """The project to fund next, the load it leads to (``(1, 0)``: infinite) and its set.

    Projects are tried by their lower bounds, lowest first; the exact load of one
    whose bound exceeds the best exact load found is never needed.
    """
    floors = {i: loads.floor(i)[0] for i in waiting}
    best: tuple[tuple[int, Fraction], frozenset[int]] | None = None
    tied: dict[int, frozenset[int]] = {}
    for i in sorted(waiting, key=lambda i: (floors[i], rank[i])):
        if best is not None and floors[i] > best[0]:
            break
        above = None if best is None or best[0][0] else best[0][1]
        found = loads.with_project(i, above)
        if found is None:
            continue
        if best is None or found[0] < best[0]:
            best, tied = found, {i: found[1]}
        elif found[0] == best[0]:
            tied[i] = found[1]
    assert best is not None
    pick = min(tied, key=lambda i: rank[i])
    return pick, (best[0], tied[pick])
