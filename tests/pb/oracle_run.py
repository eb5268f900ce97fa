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
  or (every other election) as the completion of MES with cost satisfaction.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

import attrs
import numpy as np

from civicgrants.pb import Election, equal_shares, greedy, phragmen
from tests.pb.oracle import SATS, pabutools_select, random_election, to_pabutools

RULES = ("greedy", "mes", "phragmen")
COMPLETIONS = (None, "utilitarian", "add1", "add1_utilitarian")


@attrs.frozen
class Run:
    """What one oracle run did: how many elections, how long, and every mismatch."""

    rule: str
    n: int
    seed: int
    seconds: float
    mismatches: tuple[tuple[int, str], ...]  # (election index, what differed)


def _phragmen_oracle(e: Election, initial: tuple[str, ...]) -> set[str]:
    from pabutools.rules import sequential_phragmen

    inst, prof = to_pabutools(e)
    projects = {p.name: p for p in inst}
    out = sequential_phragmen(inst, prof, initial_budget_allocation=[projects[p] for p in initial])
    return {p.name for p in out}


def compare(rule: str, seed: int, i: int) -> str | None:
    """Election ``i`` of run ``seed`` under ``rule``: ``None`` when we equal pabutools."""
    rng = np.random.default_rng([seed, i])
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


def run(rule: str, n: int, seed: int = 16, *, progress: int = 0) -> Run:
    """Compare ``rule`` with pabutools on elections ``0 .. n-1`` of run ``seed``."""
    if rule not in RULES:
        raise ValueError(f"rule must be one of {', '.join(RULES)}, got {rule!r}")
    start = time.perf_counter()
    bad: list[tuple[int, str]] = []
    for i in range(n):
        diff = compare(rule, seed, i)
        if diff is not None:
            bad.append((i, diff))
        if progress and (i + 1) % progress == 0:
            print(
                f"{rule}: {i + 1}/{n} in {time.perf_counter() - start:.0f} s, {len(bad)} mismatches",
                flush=True,
            )
    return Run(rule, n, seed, time.perf_counter() - start, tuple(bad))


def main(argv: list[str] | None = None) -> int:
    """Run from the command line; exit status 1 on any mismatch."""
    parser = argparse.ArgumentParser(prog="python -m tests.pb.oracle_run", description=__doc__)
    parser.add_argument("--rule", choices=RULES, action="append", help="repeatable; all by default")
    parser.add_argument("--n", type=int, default=1000, help="elections per rule (default 1000)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--progress", type=int, default=0, help="print every this many elections")
    args = parser.parse_args(argv)
    status = 0
    for rule in args.rule or RULES:
        r = run(rule, args.n, args.seed, progress=args.progress)
        print(
            f"{rule}: {r.n} elections (seed {r.seed}) in {r.seconds:.1f} s, "
            f"{len(r.mismatches)} mismatches",
            flush=True,
        )
        for i, what in r.mismatches[:20]:
            print(f"  election {i} (default_rng([{r.seed}, {i}])): {what}")
        status |= bool(r.mismatches)
    return status


if __name__ == "__main__":
    sys.exit(main())
