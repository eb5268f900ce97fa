"""Every rule and satisfaction against pabutools on every shipped ``.pb`` file, within a time limit.

Issue 16 asks that every rule and satisfaction give pabutools' outcome on every shipped
file where pabutools finishes within 60 s. This run tries each case: pabutools (parse
and rule) runs in a child process that is stopped at the limit, and ours is compared
with what it returned. Run by hand from the repository's root (it takes hours on the
largest files, where most cases run into the limit)::

    PYTHONPATH=src python -m tests.pb.files_run --timeout 60 [--max-bytes N] [NAME ...]

It prints one Markdown row per case: ``same``, ``DIFFERENT`` (exit status 1),
``over the limit`` (pabutools did not finish) or ``pabutools cannot count it``
(pabutools raises where we answer; the reason is printed). Comparisons, per rule:

* greedy, every satisfaction that fits the ballot type: the same projects in the
  same order;
* MES, every additive satisfaction (pabutools' general scheme for those normalised
  per voter): the same projects, the paid ones in the same order;
* sequential Phragmén and maximin support (approval): the same set, and for maximin
  the same order;
* maximum welfare, the default satisfaction: the same total satisfaction within the
  budget (pabutools does not control its ties);
* CSTV (each variant, on the files where every voter gives the same number of
  points) and PB-EAR (ordinal): the same projects in the same order, with pabutools'
  set-order choices made by name as in tests/pb/oracle.py.

Two things of pabutools 1.2.3's own parser are set right before its rules run: the
profile's instance is set to the file's (the parser leaves it empty, and the
satisfactions normalised per voter would read a budget of 0 there and make every
satisfaction 0), and for ``additive_cost_log`` the instance is built from our reading,
as numpy's ``log`` does not take the gmpy2 numbers its parser makes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from civicgrants.errors import ValidationError
from civicgrants.io.pabulib import read_pb
from civicgrants.pb import (
    Election,
    cstv,
    default_sat,
    equal_shares,
    greedy,
    max_welfare,
    maximin_support,
    pb_ear,
    phragmen,
)
from civicgrants.pb.election import NOT_ADDITIVE, PER_VOTER, check_sat
from civicgrants.pb.rules.cstv import CSTV_VARIANTS
from tests.pb.oracle import SAT_CLASSES, pabutools_normaliser_fails, same_mes_outcome, welfare

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "pabulib"
LOCAL = Path(__file__).resolve().parents[1] / "data" / "pabulib"  # the copies the suite uses


def cases(e: Election) -> list[tuple[str, str]]:
    """Every (rule, satisfaction or variant) this election can be counted with, ours and theirs."""
    out: list[tuple[str, str]] = []
    for sat in SAT_CLASSES:
        try:
            check_sat(e, sat)
        except ValidationError:
            continue
        if sat == "relative_points" and e.vote_type != "cumulative":
            continue  # compared on cumulative files only (no shipped file has scoring ballots)
        out.append(("greedy", sat))
        if sat not in NOT_ADDITIVE:
            out.append(("mes", sat))
    if e.vote_type == "approval":
        out += [("phragmen", "cardinality"), ("maximin_support", "-")]
    out.append(("max_welfare", default_sat(e)))
    if e.vote_type == "cumulative":
        out += [("cstv", v) for v in CSTV_VARIANTS]
    if e.vote_type == "ordinal":
        out.append(("pb_ear", "-"))
    return out


def ours(e: Election, rule: str, what: str) -> tuple[str, ...]:
    """Our selection for one case (raises `ValidationError` where the rule refuses the vote)."""
    if rule == "greedy":
        return greedy(e, what).selected
    if rule == "mes":
        return equal_shares(e, what).selected
    if rule == "phragmen":
        return phragmen(e).selected
    if rule == "maximin_support":
        return maximin_support(e).selected
    if rule == "max_welfare":
        return max_welfare(e, what).selected
    if rule == "cstv":
        return cstv(e, variant=what).selected
    return pb_ear(e).selected


def theirs(path: str, rule: str, what: str) -> tuple[str, ...]:
    """pabutools' selection for one case (run in the child process)."""
    import warnings

    import pabutools.election as pe
    from pabutools.election import parse_pabulib

    from tests.pb.oracle import (
        cstv_oracle,
        pabutools_general,
        pabutools_select,
        pb_ear_run,
        to_pabutools,
    )

    warnings.simplefilter("ignore")
    if what == "additive_cost_log":
        # pabutools' parser gives gmpy2 numbers, which numpy's log does not take: build
        # its instance from our reading instead (the readers agree, tests/io/test_pabulib*)
        inst, prof = to_pabutools(read_pb(path))
    else:
        inst, prof = parse_pabulib(path)
        # pabutools 1.2.3's parser leaves the profile's instance empty (budget 0), and the
        # satisfactions normalised per voter read the budget there: every one would be 0
        prof.instance = inst
    if rule == "greedy" or (rule == "mes" and what not in PER_VOTER):
        return pabutools_select(inst, prof, rule, what)
    if rule == "mes":
        return pabutools_general(inst, prof, "mes", getattr(pe, SAT_CLASSES[what]))
    if rule == "phragmen":
        from pabutools.rules import sequential_phragmen

        return tuple(p.name for p in sequential_phragmen(inst, prof))
    if rule == "maximin_support":
        from pabutools.rules import maximin_support as their_maximin

        return tuple(p.name for p in their_maximin(inst, prof))
    if rule == "max_welfare":
        from pabutools.rules import max_additive_utilitarian_welfare

        out = max_additive_utilitarian_welfare(inst, prof, sat_class=getattr(pe, SAT_CLASSES[what]))
        return tuple(p.name for p in out)
    if rule == "cstv":
        return cstv_oracle(read_pb(path), what)
    result = pb_ear_run(inst, prof.as_multiprofile())
    if result is None:
        raise ZeroDivisionError("pabutools' pb_ear divides by zero")
    return result


def same(e: Election, rule: str, what: str, a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether our selection ``a`` is pabutools' ``b`` as the rule's comparison says."""
    if rule == "phragmen":
        return set(a) == set(b)
    if rule == "max_welfare":
        cost = sum((e.costs[e.index(p)] for p in a), 0)
        return welfare(e, a, what) == welfare(e, b, what) and cost <= e.budget
    if rule == "mes":
        return same_mes_outcome(e, a, b)
    return a == b


def run_case(path: Path, e: Election, rule: str, what: str, timeout: float) -> tuple[str, float]:
    """One case: its verdict and pabutools' seconds (the child's wall clock)."""
    if rule in ("greedy", "mes") and pabutools_normaliser_fails(e, what):
        return "pabutools cannot count it (an empty objective in its MIP normaliser)", 0.0
    try:
        mine = ours(e, rule, what)
    except ValidationError as err:
        return f"the rule refuses this vote, as pabutools does: {err}", 0.0
    cmd = [sys.executable, "-m", "tests.pb.files_run", "--child", str(path), rule, what]
    start = time.perf_counter()
    try:
        child = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return "over the limit", time.perf_counter() - start
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        last = (child.stderr.strip().splitlines() or ["?"])[-1]
        return f"pabutools cannot count it ({last[:120]})", seconds
    got = tuple(json.loads(child.stdout))
    if same(e, rule, what, mine, got):
        return "same", seconds
    return f"DIFFERENT: ours {mine}, pabutools {got}", seconds


def main(argv: list[str] | None = None) -> int:
    """Run from the command line; exit status 1 when any case differs."""
    parser = argparse.ArgumentParser(prog="python -m tests.pb.files_run", description=__doc__)
    parser.add_argument("names", nargs="*", help="only files whose name contains one of these")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--max-bytes", type=int, default=0, help="skip larger files (0: none)")
    parser.add_argument("--rule", action="append", help="only these rules (repeatable)")
    parser.add_argument("--child", nargs=3, metavar=("FILE", "RULE", "WHAT"), help="internal")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(theirs(*args.child)))
        return 0
    found = {p.name: p for p in LOCAL.glob("*.pb")}
    found.update({p.name: p for p in SHARED.glob("*.pb")})
    files = sorted(found.values(), key=lambda p: (p.stat().st_size, p.name))
    if args.names:
        files = [p for p in files if any(n in p.name for n in args.names)]
    if args.max_bytes:
        files = [p for p in files if p.stat().st_size <= args.max_bytes]
    print("| file | rule | satisfaction or variant | pabutools s | verdict |")
    print("|---|---|---|---|---|", flush=True)
    status = 0
    for path in files:
        e = read_pb(path)
        for rule, what in cases(e):
            if args.rule and rule not in args.rule:
                continue
            verdict, seconds = run_case(path, e, rule, what, args.timeout)
            status |= verdict.startswith("DIFFERENT")
            print(f"| {path.name} | {rule} | {what} | {seconds:.1f} | {verdict} |", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
