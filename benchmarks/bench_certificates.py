"""Every proportionality certificate on the MES outcome of each shipped pabulib file.

Issue 16's target: ``civicgrants.pb.check(election, outcome)`` with every axiom of
`civicgrants.pb.certificates.CHECKS` on the Method of Equal Shares outcome of all 27
shipped files in under 60 s in total. Prints each file's time (parse and MES excluded),
the slowest axiom per file, and the total. ``--repeat N`` takes the median of N runs.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "pabulib"


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print per-file, per-axiom and total times."""
    from civicgrants.io.pabulib import read_pb
    from civicgrants.pb import equal_shares
    from civicgrants.pb.certificates import CHECKS, check

    args = sys.argv[1:] if argv is None else argv
    repeat = int(args[args.index("--repeat") + 1]) if "--repeat" in args else 1
    files = sorted(DATA.glob("*.pb"))
    if not files:
        print(f"bench_certificates: no .pb files under {DATA}; skipped")
        return
    print(f"bench_certificates: {len(files)} files, checks {', '.join(CHECKS)}, median of {repeat}")
    total = 0.0
    for path in files:
        election = read_pb(path)
        outcome = equal_shares(election)
        per: dict[str, list[float]] = {name: [] for name in CHECKS}
        alls: list[float] = []
        verdicts = ""
        for _ in range(repeat):
            t = time.perf_counter()
            c = check(election, outcome)
            alls.append(time.perf_counter() - t)
            verdicts = " ".join(
                f"{x.axiom}={'?' if x.holds is None else 'yn'[not x.holds]}" for x in c.certificates
            )
            for name in CHECKS:
                t = time.perf_counter()
                check(election, outcome, (name,))
                per[name].append(time.perf_counter() - t)
        med = statistics.median(alls)
        total += med
        slow = max(CHECKS, key=lambda n: statistics.median(per[n]))
        print(
            f"  {path.name:60s} {election.n_voters:6d} voters {len(election.project_ids):3d} projects: "
            f"{med:7.3f} s (slowest {slow} {statistics.median(per[slow]):.3f} s) {verdicts}",
            flush=True,
        )
    print(f"  total (all checks, sum of per-file medians): {total:.2f} s; target < 60 s")


if __name__ == "__main__":
    main()
