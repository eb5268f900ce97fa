"""Cumulative Support Transfer Voting (CSTV; pabutools ``cstv``).

Each voter's points are donations to the projects they gave them to. A project
whose donations reach its cost is funded; its donors pay the cost in proportion
to what they gave, and whatever they gave beyond it (the excess) moves on to
their other projects, in proportion to what they still give those. When no
project has enough, the project with the least excess support (donations minus
cost) is eliminated and its donations move on the same way. When every project
is funded or eliminated, the eliminated projects are taken back, most recently
eliminated first, as long as the donors' money still left covers their cost
(pabutools' "reverse eliminations"). Skowron, Slinko, Szufa and Talmon,
*Participatory Budgeting with Cumulative Votes* (2020), sections 4 and 5.

The donors' money is their points: the count never looks at the election's
budget (as in pabutools), so the funded projects cost at most the points given
in all. Everything is exact (fractions).

Examples
--------
>>> from civicgrants.pb.election import Election
>>> e = Election.from_ballots(
...     {"a": 4, "b": 3, "c": 5}, [{"a": 3, "b": 1}, {"a": 2, "c": 2}, {"b": 1, "c": 3}], budget=12
... )
>>> cstv(e).selected
('a', 'c')
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from civicgrants.pb.election import Election, invalid
from civicgrants.pb.outcome import Outcome, ProjectDecision, plain_fraction
from civicgrants.pb.ties import tie_keys

__all__ = ["CSTV_VARIANTS", "cstv"]

CSTV_VARIANTS: tuple[str, ...] = ("ewt", "ewtc", "mt", "mtc")
"""The CSTV variants (pabutools' ``CSTV_Combination``) counted here.

``ewt``: the eligible project of greatest excess support (donations minus cost)
is funded first; with none eligible the project of least excess support is
eliminated and its donations transferred; reverse eliminations at the end.
``ewtc``: the same, but the eligible project of greatest support per unit of
cost is funded first.
``mt`` and ``mtc``: the same choices, but with none eligible, the project most
likely to be funded (greatest excess, or greatest support per unit of cost, among
those whose donors hold its cost in all) takes from its donors' other donations,
in proportion, just what it lacks (pabutools' "minimal transfer", with its
rounding: a transfer is made at most 1 point per project per pass and credited
rounded up to 10^-14); the count stops when no project can be reached. Nothing is
eliminated, so there is nothing to take back at the end. (pabutools 1.2.3 runs
``mt`` for ``CSTV_Combination.MTC``, its test ``elif CSTV_Combination.MT:`` being
always true; ``mtc`` here is what MTC documents, and is checked against pabutools'
own steps passed one by one.)
"""

TRANSFER_STEP = Fraction(1) - Fraction(1e-14)
"""A transfer from one donation above this is made exactly 1 (pabutools' ``1 - change < 1e-14``)."""

TRANSFER_GRAIN = 10**14
"""Transfers are credited rounded up to ``1 / TRANSFER_GRAIN`` (pabutools)."""

MAX_PASSES = 10_000
"""pabutools gives up a minimal transfer after this many passes."""

SMALL_EXCESS = Fraction(0.01)
"""An excess of at most this (pabutools' ``0.01``, as the exact value of that float) is not passed on."""


def _show(value: Fraction) -> str:
    if max(abs(value.numerator), value.denominator).bit_length() > 256:
        return f"~{float(value):.6g}"  # minimal transfers make long fractions
    return plain_fraction(value)


def cstv(election: Election, *, variant: str = "ewt", tie_break: str = "lexico") -> Outcome:
    """Cumulative Support Transfer Voting, exactly (pabutools ``cstv``).

    Parameters
    ----------
    election : Election
        A cumulative vote in which every voter gives the same number of points
        in all (pabutools refuses other votes).
    variant : str
        One of `CSTV_VARIANTS` (default ``ewt``, pabutools' ``CSTV_Combination.EWT``).
    tie_break : str
        One of `TIE_BREAKS`: among eligible projects valued alike the first in
        its order is funded; among projects of least excess support the last
        in its order is eliminated.

    Returns
    -------
    Outcome
        Rule ``cstv``, satisfaction ``points``: the funded projects in order, a
        decision for each funding (phase ``cstv``) and each elimination (phase
        ``elimination``), and one for each eliminated project at the end
        (phase ``completion``: taken back, or not, by reverse elimination).

    Raises
    ------
    ValidationError
        A vote that is not cumulative, without voters, or whose voters give
        different numbers of points in all; an unknown variant or tie-break.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots(
    ...     {"a": 3, "b": 4, "c": 2}, [{"a": 2}, {"a": 1, "b": 1}, {"b": 1, "c": 1}], budget=9
    ... )
    >>> o = cstv(e)
    >>> o.selected
    ('a', 'c')
    >>> for d in o.explain("b"):
    ...     print(d.phase, d.reason)
    elimination least excess support: donations 2 - cost 4 = -2; eliminated, its donations move to its donors' other projects
    completion not taken back: cost 4 exceeds the 1 the donors have left

    See Also
    --------
    civicgrants.pb.rules.pb_ear.pb_ear : the other rule for ranked ballots.
    civicgrants.pb.rules.equal_shares.equal_shares : the Method of Equal Shares.
    """
    if election.vote_type != "cumulative":
        raise invalid("rule", f"CSTV counts cumulative ballots, not {election.vote_type} ones")
    if variant not in CSTV_VARIANTS:
        raise invalid("variant", f"must be one of {', '.join(CSTV_VARIANTS)}, got {variant!r}")
    rank = tie_keys(election, tie_break)
    assert election.points is not None
    n, m = election.n_voters, election.n_projects
    ballots: list[list[tuple[int, int]]] = []
    for v in range(n):
        lo, hi = int(election.indptr[v]), int(election.indptr[v + 1])
        row = [
            (int(p), int(x))
            for p, x in zip(election.indices[lo:hi], election.points[lo:hi], strict=True)
            if int(x) > 0
        ]
        ballots.append(row)
    totals = sorted({sum(x for _, x in row) for row in ballots})
    if not totals:
        raise invalid("election", "CSTV needs at least one voter")
    if len(totals) > 1:
        raise invalid(
            "election",
            "CSTV needs every voter to give the same number of points in all, "
            f"got {totals[0]} to {totals[-1]}",
        )
    costs = [Fraction(c) for c in election.costs]
    if variant in ("mt", "mtc"):
        return _minimal_transfers(election, ballots, costs, variant, rank, tie_break)
    donors: list[list[tuple[int, int]]] = [[] for _ in range(m)]
    for v, row in enumerate(ballots):
        for p, x in row:
            donors[p].append((v, x))
    # voter v gives scale[v] * points to each live project on their ballot;
    # money[v] is all they still hold (including points stuck on an eliminated project)
    money = [Fraction(sum(x for _, x in row)) for row in ballots]
    live_points = [sum(x for _, x in row) for row in ballots]
    scale = [Fraction(1) if live_points[v] else Fraction(0) for v in range(n)]
    support = [Fraction(sum(x for _, x in donors[p])) for p in range(m)]
    alive = set(range(m))
    chosen: list[str] = []
    eliminated: list[int] = []
    decisions: list[ProjectDecision] = []
    ids = election.project_ids

    def rescale(v: int, new_scale: Fraction) -> None:
        delta = new_scale - scale[v]
        if delta:
            for q, x in ballots[v]:
                if q in alive:
                    support[q] += delta * x
        scale[v] = new_scale

    def per_cost(p: int) -> tuple[int, Fraction]:
        if costs[p] == 0:
            return (1, Fraction(0))
        return (0, support[p] / costs[p])

    step = 0
    while alive:
        step += 1
        eligible = [p for p in alive if support[p] >= costs[p]]
        if eligible:
            if variant == "ewt":
                best = min(eligible, key=lambda p: (-(support[p] - costs[p]), rank[p]))
            else:
                best = min(eligible, key=lambda p: (-per_cost(p)[0], -per_cost(p)[1], rank[p]))
            s, c = support[best], costs[best]
            excess = s - c
            passed_on = excess > SMALL_EXCESS
            alive.discard(best)
            for v, x in donors[best]:
                if live_points[v] == 0:
                    continue
                gift = scale[v] * x
                live_points[v] -= x
                if passed_on and live_points[v]:
                    money[v] -= gift * c / s
                else:
                    money[v] -= gift
                rescale(v, money[v] / live_points[v] if live_points[v] else Fraction(0))
            chosen.append(ids[best])
            what = (
                f"the excess {_show(excess)} moves to its donors' other projects"
                if passed_on
                else "nothing is passed on"
            )
            decisions.append(
                ProjectDecision(
                    ids[best],
                    True,
                    step,
                    "cstv",
                    f"donations {_show(s)} reach the cost {_show(c)}; {what}",
                    (("donations", _show(s)), ("excess", _show(excess)), ("variant", variant)),
                )
            )
            continue
        if len(alive) == 1:
            worst = alive.pop()
            eliminated.append(worst)
            s, c = support[worst], costs[worst]
            decisions.append(
                ProjectDecision(
                    ids[worst],
                    False,
                    step,
                    "elimination",
                    f"last project left: donations {_show(s)} fall short of the cost "
                    f"{_show(c)}; eliminated",
                    (("donations", _show(s)), ("excess", _show(s - c)), ("variant", variant)),
                )
            )
            break
        worst = min(alive, key=lambda p: (support[p] - costs[p], -rank[p]))
        s, c = support[worst], costs[worst]
        alive.discard(worst)
        for v, x in donors[worst]:
            if live_points[v] == 0:
                continue
            live_points[v] -= x
            # no other project left on the ballot: the points stay, stuck, with the voter
            rescale(v, money[v] / live_points[v] if live_points[v] else Fraction(0))
        eliminated.append(worst)
        decisions.append(
            ProjectDecision(
                ids[worst],
                False,
                step,
                "elimination",
                f"least excess support: donations {_show(s)} - cost {_show(c)} = "
                f"{_show(s - c)}; eliminated, its donations move to its donors' other projects",
                (("donations", _show(s)), ("excess", _show(s - c)), ("variant", variant)),
            )
        )
    left = sum(money, Fraction(0))
    step += 1
    for p in reversed(eliminated):
        c = costs[p]
        if c <= left:
            left -= c
            chosen.append(ids[p])
            decisions.append(
                ProjectDecision(
                    ids[p],
                    True,
                    step,
                    "completion",
                    f"taken back: cost {_show(c)} fits in the {_show(left + c)} the donors have left",
                    (("left", _show(left + c)),),
                )
            )
        else:
            decisions.append(
                ProjectDecision(
                    ids[p],
                    False,
                    step,
                    "completion",
                    f"not taken back: cost {_show(c)} exceeds the {_show(left)} the donors have left",
                    (("left", _show(left)),),
                )
            )
    cost = sum((election.costs[election.index(p)] for p in chosen), Decimal(0))
    return Outcome(
        "cstv", "points", None, tie_break, tuple(chosen), cost, election.budget, tuple(decisions)
    )


def _minimal_transfers(
    election: Election,
    ballots: list[list[tuple[int, int]]],
    costs: list[Fraction],
    variant: str,
    rank: list[int],
    tie_break: str,
) -> Outcome:
    """CSTV with minimal transfers (``mt``, ``mtc``), on each voter's donation to each project."""
    ids = election.project_ids
    gives: list[dict[int, Fraction]] = [{p: Fraction(x) for p, x in row} for row in ballots]
    alive = set(range(election.n_projects))
    chosen: list[str] = []
    decisions: list[ProjectDecision] = []

    def support(p: int) -> Fraction:
        return sum((g.get(p, Fraction(0)) for g in gives), Fraction(0))

    def value(p: int, s: Fraction) -> tuple[int, Fraction]:
        if variant == "mt":
            return (0, s - costs[p])
        return (1, Fraction(0)) if costs[p] == 0 else (0, s / costs[p])

    step = 0
    stuck = False  # a transfer that cannot go on (pabutools then fails): the count stops
    while alive:
        step += 1
        supports = {p: support(p) for p in alive}
        eligible = [p for p in alive if supports[p] >= costs[p]]
        if eligible:
            best = min(eligible, key=lambda p: (_neg(value(p, supports[p])), rank[p]))
            s, c = supports[best], costs[best]
            excess = s - c
            passed_on = excess > SMALL_EXCESS
            for g in gives:
                mine = g.pop(best, Fraction(0))
                rest = sum(g.values(), Fraction(0))
                if passed_on and mine and rest:
                    extra = mine * excess / s
                    for q in g:
                        g[q] += extra * g[q] / rest
            alive.discard(best)
            chosen.append(ids[best])
            what = (
                f"the excess {_show(excess)} moves to its donors' other projects"
                if passed_on
                else "nothing is passed on"
            )
            decisions.append(
                ProjectDecision(
                    ids[best],
                    True,
                    step,
                    "cstv",
                    f"donations {_show(s)} reach the cost {_show(c)}; {what}",
                    (("donations", _show(s)), ("excess", _show(excess)), ("variant", variant)),
                )
            )
            continue
        reachable = [
            p
            for p in alive
            if sum((sum(g.values(), Fraction(0)) for g in gives if g.get(p, 0) > 0), Fraction(0))
            >= costs[p]
        ]
        if not reachable or stuck:
            for p in sorted(alive, key=lambda p: rank[p]):
                s = supports[p]
                decisions.append(
                    ProjectDecision(
                        ids[p],
                        False,
                        step,
                        "transfer",
                        f"donations {_show(s)} fall short of the cost {_show(costs[p])}, and "
                        "its donors do not hold it in all: the count stops",
                        (("donations", _show(s)), ("variant", variant)),
                    )
                )
            break
        target = min(reachable, key=lambda p: (_neg(value(p, supports[p])), rank[p]))
        c = costs[target]
        before = supports[target]
        donors_of = [g for g in gives if g.get(target, 0) > 0]
        ratio = before / c
        passes = 0
        while ratio < 1:
            passes += 1
            if all(sum(g.values(), Fraction(0)) == g[target] for g in donors_of):
                stuck = True  # its donors give it all they hold, and it is still short
                break
            for g in donors_of:
                held = g[target]
                rest = sum(g.values(), Fraction(0)) - held
                if rest <= 0:
                    continue
                move = min(rest, held / ratio - held)
                for q in list(g):
                    if q != target and g[q] > 0:
                        change = move * g[q] / rest
                        if change > TRANSFER_STEP:
                            change = Fraction(1)
                        g[q] -= change
                        g[target] += Fraction(math.ceil(change * TRANSFER_GRAIN), TRANSFER_GRAIN)
            ratio = support(target) / c
            if passes > MAX_PASSES:
                raise invalid(
                    "variant",
                    f"{variant}: the minimal transfer to {ids[target]} did not end in "
                    f"{MAX_PASSES} passes (pabutools gives up there too)",
                )
        decisions.append(
            ProjectDecision(
                ids[target],
                False,
                step,
                "transfer",
                f"no project reaches its cost: its donors move {_show(support(target) - before)} "
                f"from their other donations to it (it had {_show(before)} of {_show(c)})",
                (("donations", _show(before)), ("variant", variant)),
            )
        )
    cost = sum((election.costs[election.index(p)] for p in chosen), Decimal(0))
    return Outcome(
        "cstv", "points", None, tie_break, tuple(chosen), cost, election.budget, tuple(decisions)
    )


def _neg(v: tuple[int, Fraction]) -> tuple[int, Fraction]:
    return (-v[0], -v[1])
