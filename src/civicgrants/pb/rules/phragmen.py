"""Sequential Phragmén (pabutools ``sequential_phragmen``), exact.

Every voter earns money at the same steady rate, starting from nothing. As soon
as the supporters of a project could together pay for it (their loads, plus its
cost, spread evenly over them), the project is bought and each of its
supporters' load becomes that level. The rule stops as soon as the next project
to be bought does not fit in what is left of the budget: it does not skip it for
a cheaper one (that is what makes it a *completion* candidate, and what pabutools
does).

The loads are exact fractions. A project's next load is

    (sum of its supporters' loads + its cost) / its number of supporters

and the project with the smallest one is bought; a project nobody approves
waits at an infinite load (bought, as in pabutools, only once nothing else is
left and it fits). Projects that cost more than the whole budget never take
part. Ties go by ``tie_break`` (pabutools' lexicographic order by default); if
*any* of the tied projects does not fit, the rule stops.

Examples
--------
>>> from civicgrants.pb.election import Election
>>> e = Election.from_ballots(
...     {"a": 60, "b": 50, "c": 40}, [["a"], ["a"], ["b", "c"], ["c"]], budget=100
... )
>>> o = phragmen(e)
>>> o.selected
('c', 'a')
>>> [d.reason for d in o.decisions]  # doctest: +NORMALIZE_WHITESPACE
['bought at load 20: 40 shared by its 2 supporters',
 'bought at load 30: 60 shared by its 2 supporters',
 'next at load 70, but its cost 50 exceeds the 0 left: the rule stops']
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from civicgrants.pb.election import Election, invalid
from civicgrants.pb.outcome import Outcome, ProjectDecision, plain_fraction, plain_number
from civicgrants.pb.rules.greedy import MAX_OUTCOMES
from civicgrants.pb.rules.mes_engine import prepare
from civicgrants.pb.ties import refuse_tie, tie_keys

__all__ = ["phragmen", "phragmen_all"]

_INFINITE = (1, Fraction(0))
"""The load of a project nobody approves: after every finite load."""


class _Near:
    """Each project's next load in floats, to find the few that may come next.

    The floats only choose which projects' loads to compute exactly: every
    project within a relative ``1e-7`` of the smallest float is computed with
    fractions, and the exact smallest decides. Float sums of at most a few
    million loads stray by far less than that, so the exact winner is always
    among those computed.
    """

    def __init__(self, election: Election) -> None:
        self.election = election
        prepared = prepare(election, "cardinality")  # each project's supporters
        self.voters, self.starts = prepared.voter, prepared.pptr
        self.approvals = np.diff(self.starts)
        self.cost = np.array([float(c) for c in election.costs])
        # the voter of each ballot entry, to sum the supporters' loads per project in one pass
        self.owner = np.repeat(np.arange(election.n_voters), np.diff(election.indptr))
        self.paid: npt.NDArray[np.float64] = np.zeros(election.n_projects)  # loads, summed
        self.stale = False  # whether `paid` lags behind `load`
        self.load = np.zeros(election.n_voters)  # each voter's load
        self.exact_loads: list[Fraction] = [Fraction(0)]
        self.level = np.zeros(election.n_voters, dtype=np.int64)

    def estimate(self, projects: list[int]) -> list[float]:
        """The projects' next loads in floats (``inf`` for a project nobody approves)."""
        if self.stale:
            e = self.election
            self.paid = np.bincount(
                e.indices, weights=self.load[self.owner], minlength=e.n_projects
            ).astype(np.float64, copy=False)  # float already (weighted): no copy
            self.stale = False
        at = np.array(projects, dtype=np.int64)
        supporters = self.approvals[at]
        with np.errstate(divide="ignore", invalid="ignore"):
            nxt = np.where(supporters > 0, (self.paid[at] + self.cost[at]) / supporters, np.inf)
        estimates: list[float] = nxt.tolist()
        return estimates

    def candidates(self, remaining: list[int]) -> list[int]:
        """The remaining projects whose next load may be the smallest."""
        nxt = self.estimate(remaining)
        low = min(nxt)
        if low == float("inf"):
            return remaining
        return [
            i for i, x in zip(remaining, nxt, strict=True) if x <= low + abs(low) * 1e-7 + 1e-12
        ]

    def buy(self, project: int, load: Fraction) -> None:
        """Raise the loads of ``project``'s supporters to ``load``."""
        e = self.election
        sup = self.voters[self.starts[project] : self.starts[project + 1]]
        if self.stale or len(sup) * 3 > e.n_voters:
            # many supporters: one pass over every ballot (in `estimate`) is the cheaper
            self.stale = True
        else:  # few: add the rise of their loads to the projects on their ballots
            delta = float(load) - self.load[sup]
            lengths = e.indptr[sup + 1] - e.indptr[sup]
            first = np.repeat(e.indptr[sup] - np.cumsum(lengths) + lengths, lengths)
            ballots = e.indices[first + np.arange(int(lengths.sum()))]
            self.paid += np.bincount(
                ballots, weights=np.repeat(delta, lengths), minlength=e.n_projects
            )
        self.load[sup] = float(load)
        self.level[sup] = len(self.exact_loads)
        self.exact_loads.append(load)

    def exact(self, project: int) -> tuple[int, Fraction]:
        """The project's next load, exactly (``_INFINITE`` when nobody approves it)."""
        supporters = int(self.approvals[project])
        if supporters == 0:
            return _INFINITE
        row = np.bincount(
            self.level[self.voters[self.starts[project] : self.starts[project + 1]]],
            minlength=len(self.exact_loads),
        )
        # the supporters' loads and the cost over one common denominator, reduced once at
        # the end (a Fraction sum would take a gcd at every addition)
        cost = Fraction(self.election.costs[project])
        num, den = cost.numerator, cost.denominator
        for k in np.flatnonzero(row).tolist():
            load = self.exact_loads[k]
            num = num * load.denominator + int(row[k]) * load.numerator * den
            den *= load.denominator
        return (0, Fraction(num, den * supporters))


def phragmen(
    election: Election,
    *,
    tie_break: str = "lexico",
    initial: Iterable[str] = (),
    max_load: Fraction | None = None,
) -> Outcome:
    """Sequential Phragmén: projects bought as their supporters' loads allow, exactly.

    Parameters
    ----------
    election : Election
        An approval vote (the rule is defined for approval ballots only).
    tie_break : str
        One of `TIE_BREAKS` (default ``lexico``, pabutools' default).
    initial : iterable of str
        Projects taken as already funded, their supporters' loads still 0
        (sequential Phragmén as a completion of another rule's outcome, as
        pabutools' rule composition runs it).
    max_load : Fraction, optional
        Stop before any voter's load would exceed this (pabutools'
        ``global_max_load``).

    Returns
    -------
    Outcome
        Rule ``phragmen``, satisfaction ``cardinality`` (each approved project counts
        one), the bought projects in order with the load at which each was bought,
        and why the rest were not.

    Raises
    ------
    ValidationError
        A vote that is not approval, an unknown tie-break or ``initial`` project, or
        a negative ``max_load``.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 3, "b": 3, "c": 3}, [["a", "b"], ["a"], ["c"]], budget=6)
    >>> phragmen(e).selected, phragmen(e, tie_break="max_cost").selected
    (('a', 'c'), ('a', 'c'))
    >>> phragmen(e, initial=["c"]).selected
    ('c', 'a')
    >>> phragmen(e, max_load=Fraction(1)).selected
    ()

    See Also
    --------
    civicgrants.pb.rules.greedy.greedy : the utilitarian greedy rule.
    civicgrants.pb.rules.equal_shares.equal_shares : the Method of Equal Shares.
    """
    if election.vote_type != "approval":
        raise invalid(
            "rule", f"sequential Phragmén counts approval ballots, not {election.vote_type} ones"
        )
    if max_load is not None and max_load < 0:
        raise invalid("max_load", f"must be at least 0, got {max_load}")
    rank = tie_keys(election, tie_break)
    costs = election.costs
    chosen = list(initial)
    taken = {election.index(p) for p in chosen}
    spent = sum((costs[i] for i in taken), Decimal(0))
    budget = election.budget
    near = _Near(election)
    approvals = near.approvals.tolist()
    decisions: list[ProjectDecision] = []
    phase = "completion" if chosen else "phragmen"
    remaining: list[int] = []
    for i in range(election.n_projects):
        if i in taken:
            continue
        if costs[i] > budget:
            decisions.append(
                ProjectDecision(
                    election.project_ids[i],
                    False,
                    0,
                    phase,
                    f"cost {plain_number(costs[i])} exceeds the whole budget "
                    f"{plain_number(budget)}",
                )
            )
        else:
            remaining.append(i)
    step = 0
    while remaining:
        step += 1
        nexts = {i: near.exact(i) for i in near.candidates(remaining)}
        best = min(nexts.values())
        tied = sorted((i for i in nexts if nexts[i] == best), key=lambda i: rank[i])
        shown = "inf" if best[0] else plain_fraction(best[1])
        left = budget - spent
        too_dear = [i for i in tied if costs[i] > left]
        if too_dear or (max_load is not None and (best[0] or best[1] > max_load)):
            decisions += _stopped(election, remaining, too_dear, near, left, max_load, step, phase)
            break
        refuse_tie(election, tie_break, tied, "phragmen", f"step {step}")
        i = tied[0]
        pid = election.project_ids[i]
        if not best[0]:
            near.buy(i, best[1])
        spent += costs[i]
        chosen.append(pid)
        taken.add(i)
        remaining.remove(i)
        decisions.append(
            ProjectDecision(
                pid,
                True,
                step,
                phase,
                f"bought at load {shown}: {plain_number(costs[i])} shared by its "
                f"{approvals[i]} supporters",
                (("load", shown), ("supporters", str(approvals[i]))),
            )
        )
    return Outcome(
        "phragmen",
        "cardinality",
        None,
        tie_break,
        tuple(chosen),
        spent,
        budget,
        tuple(decisions),
    )


def phragmen_all(
    election: Election,
    *,
    initial: Iterable[str] = (),
    max_load: Fraction | None = None,
    limit: int = MAX_OUTCOMES,
) -> tuple[tuple[str, ...], ...]:
    """Every outcome sequential Phragmén can reach, whichever way its ties are broken.

    pabutools' irresolute ``sequential_phragmen`` (``resoluteness=False``): at each
    step every project of the smallest next load may be bought; each choice is
    followed to the end. As in `phragmen()`, a step stops the rule when any of its
    tied projects does not fit in what is left (or its load exceeds ``max_load``).
    Paths that reach the same projects with the same loads are followed once.

    Parameters
    ----------
    election : Election
        An approval vote.
    initial : iterable of str
        Projects taken as already funded (in every outcome), loads still 0.
    max_load : Fraction, optional
        Stop before any voter's load would exceed this.
    limit : int
        The most outcomes listed (default `MAX_OUTCOMES`).

    Returns
    -------
    tuple of tuple of str
        Each outcome's project ids in file order; the outcomes sorted.

    Raises
    ------
    ValidationError
        More than ``limit`` outcomes, a vote that is not approval, an unknown
        ``initial`` project or a negative ``max_load``.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 2, "b": 2, "c": 3}, [["a", "c"], ["b", "c"]], budget=5)
    >>> phragmen_all(e)  # c at load 3/2, then a and b tie at 7/2: either, and the other does not fit
    (('a', 'c'), ('b', 'c'))
    >>> phragmen(e).selected
    ('c', 'a')
    >>> phragmen_all(e, limit=1)
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: limit: more than 1 outcomes tie under sequential Phragmén; raise the limit or break the ties with phragmen()

    See Also
    --------
    phragmen : one outcome, ties broken by a rule.
    """
    if limit < 1:
        raise invalid("limit", f"must be at least 1, got {limit}")
    if election.vote_type != "approval":
        raise invalid(
            "rule", f"sequential Phragmén counts approval ballots, not {election.vote_type} ones"
        )
    if max_load is not None and max_load < 0:
        raise invalid("max_load", f"must be at least 0, got {max_load}")
    costs = election.costs
    prepared = prepare(election, "cardinality")
    supporters = [
        prepared.voter[prepared.pptr[i] : prepared.pptr[i + 1]].tolist()
        for i in range(election.n_projects)
    ]
    initial = list(initial)
    for k, p in enumerate(initial):
        if p not in election.project_ids:
            raise invalid(f"initial[{k}]", f"is not a project of the election: {p!r:.60}")
    start = frozenset(election.index(p) for p in initial)
    spent = sum((costs[i] for i in start), Decimal(0))
    waiting = frozenset(
        i for i in range(election.n_projects) if i not in start and costs[i] <= election.budget
    )
    found: set[frozenset[int]] = set()
    seen: set[tuple[frozenset[int], tuple[Fraction, ...]]] = set()
    zero = tuple(Fraction(0) for _ in range(election.n_voters))
    stack = [(start, zero, spent)]
    while stack:
        chosen, loads, used = stack.pop()
        if (chosen, loads) in seen:
            continue
        seen.add((chosen, loads))
        remaining = waiting - chosen
        nexts = {
            i: (
                0,
                (sum((loads[v] for v in supporters[i]), Fraction(0)) + Fraction(costs[i]))
                / len(supporters[i]),
            )
            if supporters[i]
            else _INFINITE
            for i in remaining
        }
        best = min(nexts.values(), default=None)
        tied = [i for i in remaining if nexts[i] == best]
        left = election.budget - used
        if (
            best is None
            or any(costs[i] > left for i in tied)
            or (max_load is not None and (best[0] or best[1] > max_load))
        ):
            found.add(chosen)
            if len(found) > limit:
                raise invalid(
                    "limit",
                    f"more than {limit} outcomes tie under sequential Phragmén; raise the limit "
                    "or break the ties with phragmen()",
                )
            continue
        for i in tied:
            after = list(loads)
            for v in supporters[i]:
                after[v] = best[1]
            stack.append((chosen | {i}, tuple(after), used + costs[i]))
    ids = election.project_ids
    return tuple(sorted(tuple(ids[i] for i in sorted(s)) for s in found))


def _stopped(
    election: Election,
    remaining: list[int],
    too_dear: list[int],
    near: _Near,
    left: Decimal,
    max_load: Fraction | None,
    step: int,
    phase: str,
) -> list[ProjectDecision]:
    """The decisions about the projects still waiting when the rule stops.

    Those that came next carry their exact load; the rest, not reached, are listed
    in the order they would have come (by their loads in floats, then by id).
    """
    out = []
    first = too_dear[0] if too_dear else None
    estimate = dict(zip(remaining, near.estimate(remaining), strict=True))
    for i in sorted(remaining, key=lambda i: (estimate[i], election.project_ids[i])):
        cost = election.costs[i]
        value = near.exact(i) if i in too_dear or first is None else None
        load = "" if value is None else "inf" if value[0] else plain_fraction(value[1])
        if i in too_dear:
            reason = (
                f"next at load {load}, but its cost {plain_number(cost)} exceeds the "
                f"{plain_number(left)} left: the rule stops"
            )
        elif first is not None:
            reason = f"not reached: the rule stopped when {election.project_ids[first]} did not fit"
        else:
            reason = f"next load {load} exceeds the largest load allowed, {max_load}"
        numbers = (("load", load),) if load else ()
        out.append(ProjectDecision(election.project_ids[i], False, step, phase, reason, numbers))
    return out
