"""PB-EAR, the expanding approvals rule for ranked ballots (pabutools ``pb_ear``).

Each voter starts with weight 1; ``n`` is the number of voters and ``L`` the
budget. At rank ``j`` every voter approves the first ``j`` projects of their
ranking (all of it, if it is shorter). A project that still fits in what is
left of the budget qualifies when the weight of the voters approving it reaches
its quota ``floor(n * cost) / floor(L)``, both rounded to ``precision`` decimals
(pabutools' ``rounding_precision``, 6; where the two are that close, the support is
added up and rounded in binary floating point, as pabutools does, so that an exact
tie at a decimal such as ``13/3`` counts as pabutools counts it). The first qualifying project (by the
tie-break) is funded and its approvers' weights are each cut by the fraction
``floor(quota) / floor(their weight)``, the whole parts taken as pabutools takes
them; with no qualifying project ``j`` grows by one, until it passes the
longest ranking. Aziz and Lee's inclusion-PSC rule, as contributed to
pabutools by Vivian Umansky. Exact (fractions).

Examples
--------
>>> from civicgrants.pb.election import Election
>>> e = Election.from_ballots(
...     {"a": 3, "b": 4, "c": 2}, [["a", "b"], ["b"], ["c", "a"], ["a", "b"]],
...     budget=6, vote_type="ordinal",
... )
>>> pb_ear(e).selected
('a',)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from civicgrants.pb.election import Election, invalid
from civicgrants.pb.outcome import Outcome, ProjectDecision, plain_fraction, plain_number
from civicgrants.pb.ties import tie_keys

__all__ = ["pb_ear"]


def pb_ear(
    election: Election,
    *,
    precision: int = 6,
    tie_break: str = "lexico",
    initial: Iterable[str] = (),
) -> Outcome:
    """PB-EAR (expanding approvals) on ranked ballots, exactly (pabutools ``pb_ear``).

    Parameters
    ----------
    election : Election
        An ordinal vote.
    precision : int
        Decimals to which support and quota are rounded before they are
        compared (pabutools' ``rounding_precision``, default 6).
    tie_break : str
        One of `TIE_BREAKS`: which of several qualifying projects is funded
        (pabutools takes whichever its set yields first).
    initial : iterable of str
        Projects taken as already funded (pabutools' ``initial_budget_allocation``):
        they come first in the outcome and their cost comes off the budget; the
        quotas still use the whole budget. Without ballots they are all that is
        funded (pabutools then funds nothing at all).

    Returns
    -------
    Outcome
        Rule ``pb_ear``, satisfaction ``cardinality``: the funded projects in
        order, each with the rank and the support that qualified it, and why
        each other project was not funded.

    Raises
    ------
    ValidationError
        A vote that is not ordinal, a negative precision, an unknown
        tie-break, or a budget below 1 when some project fits in it (the
        quota divides by the budget's whole part).

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots(
    ...     {"a": 3, "b": 4}, [["a", "b"], ["b", "a"], ["b"]], budget=4, vote_type="ordinal"
    ... )
    >>> o = pb_ear(e)
    >>> o.selected, [d.reason for d in o.explain("b")]
    (('b',), ["rank 2: voters' weight 3 reaches the quota 3 (n 3 x cost 4 / budget 4)"])

    See Also
    --------
    civicgrants.pb.rules.cstv.cstv : the rule for cumulative ballots.
    civicgrants.pb.rules.greedy.greedy : the utilitarian greedy rule.
    """
    if election.vote_type != "ordinal":
        raise invalid("rule", f"PB-EAR counts ordinal ballots, not {election.vote_type} ones")
    if precision < 0:
        raise invalid("precision", f"must be at least 0, got {precision}")
    rank = tie_keys(election, tie_break)
    ids = election.project_ids
    costs = election.costs
    groups: dict[tuple[int, ...], int] = {}
    flat, bounds = election.indices.tolist(), election.indptr.tolist()
    for lo, hi in itertools.pairwise(bounds):
        key = tuple(flat[lo:hi])
        groups[key] = groups.get(key, 0) + 1
    rankings = list(groups)
    # weights and supports are whole numbers over one common denominator ``scale``
    # (exact, as fractions would be, without a gcd at every addition)
    weight = [groups[r] for r in rankings]
    scale = 1
    n = election.n_voters
    whole_budget = int(election.budget)
    decisions: list[ProjectDecision] = []
    chosen: list[int] = []
    for pid in initial:
        if election.index(pid) not in chosen:
            chosen.append(election.index(pid))
    taken = set(chosen)
    left = election.budget - sum((costs[p] for p in chosen), Decimal(0))
    if n == 0:  # nothing more is funded without ballots
        nobody = tuple(
            ProjectDecision(ids[p], False, 1, "pb_ear", "no ballots: nothing is funded")
            for p in range(election.n_projects)
            if p not in taken
        )
        return Outcome(
            "pb_ear",
            "cardinality",
            None,
            tie_break,
            tuple(ids[p] for p in chosen),
            election.budget - left,
            election.budget,
            nobody,
        )
    longest = max(len(r) for r in rankings)
    available = [p for p in range(election.n_projects) if p not in taken and costs[p] <= left]

    def quota_of(p: int) -> Fraction:
        return Fraction(math.floor(n * Fraction(costs[p])), whole_budget)

    where: list[list[tuple[int, int]]] = [[] for _ in range(election.n_projects)]
    for g, r in enumerate(rankings):
        for pos, p in enumerate(r):
            where[p].append((g, pos))
    # support[p]: the weight of the voters whose first j projects include p
    support = [0] * election.n_projects
    for g, r in enumerate(rankings):
        if r:
            support[r[0]] += weight[g]
    unit = Fraction(1, 10**precision)

    bands: dict[int, tuple[Fraction, Fraction, Fraction]] = {}  # each quota, rounded, +- 2 units

    def reaches(p: int, j: int) -> bool:
        """Whether ``p``'s support reaches its quota, both rounded as pabutools rounds them."""
        if p not in bands:
            rounded = round(quota_of(p), precision)
            bands[p] = (rounded, rounded + 2 * unit, rounded - 2 * unit)
        target, hi, lo = bands[p]
        # support / scale against target +- (2 units + support / scale * k / 2**50), in
        # whole numbers: clearly above, clearly below, or close
        k, wide = len(where[p]), support[p] << 50
        if (wide - support[p] * k) * hi.denominator >= (hi.numerator * scale) << 50:
            return True
        if (wide + support[p] * k) * lo.denominator <= (lo.numerator * scale) << 50:
            return False
        # Close: pabutools adds the weights up in a binary float (each sum rounded
        # to nearest), rounds that to ``precision`` decimals as a float, and compares
        # the float exactly with the rounded quota; do the same.
        total = 0.0
        for g, pos in where[p]:
            if pos < j:
                total = float(Fraction(total) + Fraction(weight[g], scale))
        return Fraction(round(total, precision)) >= target

    j = 1
    step = 0
    while True:
        available = [p for p in available if costs[p] <= left]
        if not available:
            break
        if whole_budget == 0:
            raise invalid(
                "budget", "PB-EAR divides by the budget's whole part: needs a budget of at least 1"
            )
        qualifying = [p for p in available if reaches(p, j)]
        if not qualifying:
            if j > longest:
                break
            j += 1
            for g, r in enumerate(rankings):
                if len(r) >= j:
                    support[r[j - 1]] += weight[g]
            continue
        best = min(qualifying, key=lambda p: rank[p])
        step += 1
        chosen.append(best)
        taken.add(best)
        available.remove(best)
        left -= costs[best]
        quota = quota_of(best)
        decisions.append(
            ProjectDecision(
                ids[best],
                True,
                step,
                "pb_ear",
                f"rank {j}: voters' weight {plain_fraction(Fraction(support[best], scale))} "
                "reaches the quota "
                f"{plain_fraction(quota)} (n {n} x cost {plain_number(costs[best])} / budget "
                f"{whole_budget})",
                (
                    ("rank", str(j)),
                    ("support", plain_fraction(Fraction(support[best], scale))),
                    ("quota", plain_fraction(quota)),
                ),
            )
        )
        approvers = [g for g, pos in where[best] if pos < j]
        held = Fraction(sum(weight[g] for g in approvers), scale)
        cut_whole = math.floor(quota)
        if held > 0 and cut_whole != 0:
            # pabutools divides by the whole part of ``held`` (and fails when it is 0)
            cut = Fraction(cut_whole, math.trunc(held)) if held >= 1 else Fraction(1)
            # each approver's weight w becomes w - w * cut: over the denominator
            # scale * cut.denominator, w * cut.denominator less w * cut.numerator
            num, den = cut.numerator, cut.denominator
            if den != 1:
                scale *= den
                weight = [w * den for w in weight]
                support = [x * den for x in support]
            for g in approvers:
                delta = -(weight[g] // den) * num
                weight[g] += delta
                for q in rankings[g][:j]:
                    support[q] += delta
    step += 1
    for p in range(election.n_projects):
        if p in taken:
            continue
        if costs[p] > left:
            reason = f"cost {plain_number(costs[p])} exceeds the {plain_number(left)} left"
            nums: tuple[tuple[str, str], ...] = ()
        else:
            s = Fraction(support[p], scale)
            reason = (
                f"up to rank {j}: voters' weight {plain_fraction(s)} stays below the quota "
                f"{plain_fraction(quota_of(p))}"
            )
            nums = (("support", plain_fraction(s)), ("quota", plain_fraction(quota_of(p))))
        decisions.append(ProjectDecision(ids[p], False, step, "pb_ear", reason, nums))
    selected = tuple(ids[p] for p in chosen)
    return Outcome(
        "pb_ear",
        "cardinality",
        None,
        tie_break,
        selected,
        sum((costs[p] for p in chosen), Decimal(0)),
        election.budget,
        tuple(decisions),
    )
