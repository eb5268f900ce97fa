"""A dedicated oracle run: our rules against pabutools on N seeded random tie-heavy elections.

The suite runs it at a small size (tests/pb/rules/test_oracle_run.py); issue 16 asks for
10^5 elections per rule, run by hand from the repository's root::

    PYTHONPATH=src python -m tests.pb.oracle_run --rule mes --n 100000 --seed 16

Election ``i`` of a run is drawn from ``numpy.random.default_rng([seed, i])``, so a
mismatch is replayed from the two numbers printed with it. Per rule:

* ``greedy``: greedy utilitarian welfare, the satisfaction drawn among those of the
  ballot type (approval: cost, cardinality; cumulative: points, cost; ordinal: borda);
* ``mes``: the Method of Equal Shares, satisfaction as above and the completion drawn
  among none, ``utilitarian``, ``add1`` and ``add1_utilitarian``;
* ``phragmen``: sequential Phragmén on approval ballots, free projects allowed, alone
  or (every other election) as the completion of MES with cost satisfaction;
* ``sats``: greedy and MES (pabutools' general scheme, ``binary_sat=False``) with a
  satisfaction drawn among every one pabutools has that fits the ballot type (the
  non-additive ``cc``, ``cost_sqrt`` and ``cost_log``: greedy only), free projects allowed;
* ``cstv``: CSTV's four variants on cumulative votes where every voter gives the same
  number of points (``ewtc`` and ``mtc`` without free projects: pabutools divides by cost);
* ``pb_ear``: PB-EAR on ordinal ballots, from an initial allocation every other election;
* ``max_welfare``: the maximum welfare (pabutools' optimum, as it does not control its
  ties: the same welfare within the budget), from an initial allocation every third;
* ``maximin_support``: maximin support on approval ballots, from an initial allocation
  every other election (pabutools solves a CBC program per project per step: slow).

An election pabutools cannot count (it raises where we answer: an empty objective in its
MIP normaliser, a division by zero in PB-EAR) is skipped and counted as such.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

import attrs
import numpy as np

from civicgrants.errors import ValidationError
from civicgrants.pb import (
    Election,
    cstv,
    equal_shares,
    greedy,
    max_welfare,
    maximin_support,
    pb_ear,
    phragmen,
)
from civicgrants.pb.election import NOT_ADDITIVE, check_sat
from civicgrants.pb.rules.cstv import CSTV_VARIANTS
from tests.pb.oracle import (
    SAT_CLASSES,
    SATS,
    cstv_oracle,
    maximin_oracle,
    pabutools_general,
    pabutools_normaliser_fails,
    pabutools_select,
    pb_ear_oracle,
    random_election,
    same_mes_outcome,
    to_pabutools,
    welfare,
)

RULES = ("greedy", "mes", "phragmen", "sats", "cstv", "pb_ear", "max_welfare", "maximin_support")
COMPLETIONS = (None, "utilitarian", "add1", "add1_utilitarian")


@attrs.frozen
class Run:
    """What one oracle run did: how many elections, how long, and every mismatch."""

    rule: str
    n: int
    seed: int
    seconds: float
    mismatches: tuple[tuple[int, str], ...]  # (election index, what differed)
    skipped: int = 0  # elections pabutools cannot count


class Skipped(Exception):
    """pabutools raises on this election where we answer: nothing to compare."""


def _phragmen_oracle(e: Election, initial: tuple[str, ...]) -> set[str]:
    from pabutools.rules import sequential_phragmen

    inst, prof = to_pabutools(e)
    projects = {p.name: p for p in inst}
    out = sequential_phragmen(inst, prof, initial_budget_allocation=[projects[p] for p in initial])
    return {p.name for p in out}


def _initial(rng: Any, e: Election, every: int, i: int) -> tuple[str, ...]:
    """Up to two projects funded beforehand on every ``every``-th election, else none."""
    if i % every or not e.project_ids:
        return ()
    size = int(rng.integers(0, min(2, len(e.project_ids)) + 1))
    return tuple(e.project_ids[int(k)] for k in rng.permutation(len(e.project_ids))[:size])


def donations(rng: Any, *, allow_free: bool) -> Election:
    """A tie-prone cumulative vote where every voter gives the same number of points (CSTV's input)."""
    ids = ("a", "b", "c", "B", "10", "9", "x y")
    n_p = int(rng.integers(1, 6))
    chosen = [ids[int(k)] for k in rng.permutation(len(ids))[:n_p]]
    values = [c for c in (0, 1, 2, 3, 4, 6, 10) if c >= (0 if allow_free else 1)]
    costs = {p: values[int(rng.integers(len(values)))] for p in chosen}
    total = int(rng.integers(0, 7))
    ballots = []
    for _ in range(int(rng.integers(1, 8))):
        points: dict[str, int] = {}
        for k in rng.integers(0, n_p, size=total):
            points[chosen[int(k)]] = points.get(chosen[int(k)], 0) + 1
        ballots.append(points)
    budget = int(rng.integers(0, max(1, sum(costs.values())) + 1))
    return Election.from_ballots(costs, ballots, budget=budget)


def _sats(rng: Any) -> str | None:
    """Greedy and MES with any satisfaction pabutools has that fits the ballot type."""
    import pabutools.election as pe

    e = random_election(rng, max_voters=6, allow_free=True)
    fits = []
    for sat in SAT_CLASSES:
        try:
            check_sat(e, sat)
        except ValidationError:
            continue
        fits.append(sat)
    sat = fits[int(rng.integers(len(fits)))]
    if pabutools_normaliser_fails(e, sat):
        raise Skipped
    inst, prof = to_pabutools(e)
    got = greedy(e, sat).selected
    want = pabutools_select(inst, prof, "greedy", sat)
    if got != want:
        return f"greedy sat={sat} ours={got} pabutools={want}"
    if sat in NOT_ADDITIVE:  # greedy only (pabutools' MES assumes additivity)
        return None
    mes = equal_shares(e, sat).selected
    theirs = pabutools_general(inst, prof, "mes", getattr(pe, SAT_CLASSES[sat]))
    if not same_mes_outcome(e, mes, theirs):
        return f"mes sat={sat} ours={mes} pabutools={theirs}"
    return None


def _max_welfare(rng: Any, i: int) -> str | None:
    import pabutools.election as pe
    from pabutools.rules import max_additive_utilitarian_welfare

    e = random_election(rng)  # no free projects: pabutools' primal-dual search fails on some
    sat = SATS[e.vote_type][int(rng.integers(len(SATS[e.vote_type])))]
    start = _initial(rng, e, 3, i)
    if sum((e.costs[e.index(p)] for p in start), 0) > e.budget:
        start = ()
    inst, prof = to_pabutools(e)
    projects = {p.name: p for p in inst}
    try:
        theirs = max_additive_utilitarian_welfare(
            inst,
            prof,
            sat_class=getattr(pe, SAT_CLASSES[sat]),
            initial_budget_allocation=[projects[p] for p in start],
        )
    except IndexError:  # its primal-dual search, when no project outside the start is wanted
        raise Skipped from None
    got = max_welfare(e, sat, initial=start).selected
    want = [p.name for p in theirs]
    cost = sum((e.costs[e.index(p)] for p in got), 0)
    if (
        welfare(e, got, sat) != welfare(e, want, sat)
        or cost > e.budget
        or not set(start) <= set(got)
    ):
        return f"sat={sat} initial={start} ours={got} pabutools={want}"
    return None


def compare(rule: str, seed: int, i: int) -> str | None:
    """Election ``i`` of run ``seed`` under ``rule``: ``None`` when we equal pabutools.

    Raises `Skipped` where pabutools cannot count the election.
    """
    rng = np.random.default_rng([seed, i])
    if rule == "sats":
        return _sats(rng)
    if rule == "max_welfare":
        return _max_welfare(rng, i)
    if rule == "cstv":
        variant = CSTV_VARIANTS[int(rng.integers(len(CSTV_VARIANTS)))]
        e = donations(rng, allow_free=variant in ("ewt", "mt"))
        got = cstv(e, variant=variant).selected
        want = cstv_oracle(e, variant)
        return None if got == want else f"variant={variant} ours={got} pabutools={want}"
    if rule == "pb_ear":
        e = random_election(rng, "ordinal", allow_free=True)
        start = _initial(rng, e, 2, i)
        if start and (e.budget < 1 or e.n_voters == 0):
            raise Skipped  # pabutools then drops the initial allocation and funds nothing
        theirs = pb_ear_oracle(e, start)
        if theirs is None:
            raise Skipped
        got = pb_ear(e, initial=start).selected
        return None if got == theirs else f"initial={start} ours={got} pabutools={theirs}"
    if rule == "maximin_support":
        e = random_election(rng, "approval", max_projects=5, max_voters=6)
        start = _initial(rng, e, 2, i)
        got = maximin_support(e, initial=start).selected
        want = maximin_oracle(e, start)
        return None if got == want else f"initial={start} ours={got} pabutools={want}"
    if rule == "phragmen":
        e = random_election(rng, "approval", allow_free=True)
        initial = equal_shares(e, "cost").selected if i % 2 else ()
        ours = set(phragmen(e, initial=initial).selected)
        theirs = _phragmen_oracle(e, initial)
        return (
            None
            if ours == theirs
            else f"initial={initial} ours={sorted(ours)} pabutools={sorted(theirs)}"
        )
    e = random_election(rng)
    sats = SATS[e.vote_type]
    sat = sats[int(rng.integers(len(sats)))]
    inst, prof = to_pabutools(e)
    if rule == "greedy":
        got: Any = greedy(e, sat).selected
        want = pabutools_select(inst, prof, "greedy", sat)
        what = f"sat={sat}"
    else:
        completion = COMPLETIONS[int(rng.integers(len(COMPLETIONS)))]
        got = equal_shares(e, sat, completion=completion).selected
        want = pabutools_select(inst, prof, "mes", sat, completion)
        what = f"sat={sat} completion={completion}"
    return None if got == want else f"{what} ours={got} pabutools={want}"


def run(rule: str, n: int, seed: int = 16, *, first: int = 0, progress: int = 0) -> Run:
    """Compare ``rule`` with pabutools on elections ``first .. first+n-1`` of run ``seed``.

    A run may be split: elections ``0..49999`` and ``50000..99999`` of one seed are
    together the same 10^5 elections as one run of ``n=100000``.
    """
    if rule not in RULES:
        raise ValueError(f"rule must be one of {', '.join(RULES)}, got {rule!r}")
    start = time.perf_counter()
    bad: list[tuple[int, str]] = []
    skipped = 0
    for i in range(first, first + n):
        try:
            diff = compare(rule, seed, i)
        except Skipped:
            skipped += 1
            continue
        if diff is not None:
            bad.append((i, diff))
        if progress and (i + 1 - first) % progress == 0:
            print(
                f"{rule}: {i + 1 - first}/{n} in {time.perf_counter() - start:.0f} s, "
                f"{len(bad)} mismatches, {skipped} skipped",
                flush=True,
            )
    return Run(rule, n, seed, time.perf_counter() - start, tuple(bad), skipped)


def main(argv: list[str] | None = None) -> int:
    """Run from the command line; exit status 1 on any mismatch."""
    parser = argparse.ArgumentParser(prog="python -m tests.pb.oracle_run", description=__doc__)
    parser.add_argument("--rule", choices=RULES, action="append", help="repeatable; all by default")
    parser.add_argument("--n", type=int, default=1000, help="elections per rule (default 1000)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--first", type=int, default=0, help="index of the first election")
    parser.add_argument("--progress", type=int, default=0, help="print every this many elections")
    args = parser.parse_args(argv)
    status = 0
    for rule in args.rule or RULES:
        r = run(rule, args.n, args.seed, first=args.first, progress=args.progress)
        print(
            f"{rule}: {r.n} elections {args.first}..{args.first + r.n - 1} (seed {r.seed}) "
            f"in {r.seconds:.1f} s, {len(r.mismatches)} mismatches, {r.skipped} skipped "
            "(pabutools cannot count them)",
            flush=True,
        )
        for i, what in r.mismatches[:20]:
            print(f"  election {i} (default_rng([{r.seed}, {i}])): {what}")
        status |= bool(r.mismatches)
    return status


if __name__ == "__main__":
    sys.exit(main())
