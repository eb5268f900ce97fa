"""Residents' votes on the Łódź 2022 pabulib file (90 494 voters): civicgrants vs pabutools.

Prints pabutools' parse, greedy, MES (cost satisfaction) and sequential Phragmén times,
ours in-process, the whole ``civicgrants pb`` process (best of 3), the ratios, and the
memory-speed floor (reading the file's bytes and one trivial pass over them).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

FILE = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "data"
    / "pabulib"
    / "poland_lodz_2022_.pb"
)


def _best(fn: Any, repeat: int = 3) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


LARGEST = ("poland_lodz_2022_.pb", "poland_katowice_2021_.pb", "poland_krakow_2020_.pb")


def reading() -> None:
    """Parse time of the three largest pabulib files against reading their bytes (best of 20)."""
    from civicgrants.io.pabulib import loads_pb

    for name in LARGEST:
        path = FILE.with_name(name)
        if not path.exists():
            continue
        t_read, data = _best(path.read_bytes, 20)
        t_parse, e = _best(lambda d=data: loads_pb(d), 20)
        print(
            f"  {name} ({len(data) / 1e6:.2f} MB, {e.n_voters} {e.vote_type} ballots): "
            f"read bytes {t_read * 1e3:.2f} ms, parse {t_parse * 1e3:.1f} ms"
        )


def main() -> None:
    """Run the benchmark and print the table."""
    import numpy as np

    from civicgrants.io.pabulib import read_pb
    from civicgrants.pb import equal_shares, greedy, phragmen

    if not FILE.exists():
        print(f"bench_pb: {FILE} not found; skipped")
        return
    print(f"bench_pb: {FILE.name} ({FILE.stat().st_size / 1e6:.2f} MB)")
    t_read, data = _best(FILE.read_bytes, 5)
    t_pass, _ = _best(lambda: int(np.frombuffer(data, dtype=np.uint8).sum()), 5)
    t_parse, election = _best(lambda: read_pb(FILE), 5)
    t_greedy, g = _best(lambda: greedy(election), 5)
    t_mes, m = _best(lambda: equal_shares(election), 5)
    t_phragmen, ph = _best(lambda: phragmen(election), 5)
    whole: dict[str, float] = {}
    for rule in ("greedy", "mes", "phragmen"):
        cmd = [
            sys.executable,
            "-m",
            "civicgrants.cli",
            "pb",
            str(FILE),
            "--rule",
            rule,
            "--format",
            "json",
        ]
        whole[rule] = _best(lambda c=cmd: subprocess.run(c, check=True, capture_output=True))[0]
    t_start = _best(lambda: subprocess.run([sys.executable, "-c", "import numpy"], check=True))[0]
    print(
        f"  floor: read bytes {t_read * 1e3:.1f} ms, one numpy pass {t_pass * 1e3:.1f} ms; "
        f"python+numpy start-up {t_start * 1e3:.0f} ms"
    )
    print(
        f"  ours in-process: parse {t_parse * 1e3:.1f} ms, greedy {t_greedy * 1e3:.1f} ms, "
        f"MES {t_mes * 1e3:.1f} ms, Phragmén {t_phragmen * 1e3:.1f} ms"
    )
    print(
        f"  ours whole process (best of 3): greedy {whole['greedy'] * 1e3:.0f} ms, "
        f"MES {whole['mes'] * 1e3:.0f} ms, Phragmén {whole['phragmen'] * 1e3:.0f} ms"
    )
    print(f"  parse is {t_parse / (t_read + t_pass):.1f}x the read+pass floor")
    reading()
    try:
        from pabutools.election import Cost_Sat, parse_pabulib
        from pabutools.rules import (
            greedy_utilitarian_welfare,
            method_of_equal_shares,
            sequential_phragmen,
        )
    except ImportError:
        print("  pabutools not installed: no ratios")
        return
    t = time.perf_counter()
    inst, prof = parse_pabulib(str(FILE))
    p_parse = time.perf_counter() - t
    t = time.perf_counter()
    pg = greedy_utilitarian_welfare(inst, prof, sat_class=Cost_Sat)
    p_greedy = time.perf_counter() - t
    t = time.perf_counter()
    pm = method_of_equal_shares(inst, prof, sat_class=Cost_Sat)
    p_mes = time.perf_counter() - t
    t = time.perf_counter()
    pp = sequential_phragmen(inst, prof)
    p_phragmen = time.perf_counter() - t
    same = (
        tuple(p.name for p in pg) == g.selected
        and tuple(p.name for p in pm) == m.selected
        and {p.name for p in pp} == set(ph.selected)  # pabutools returns it sorted
    )
    print(
        f"  pabutools: parse {p_parse:.2f} s, greedy {p_greedy:.2f} s, MES {p_mes:.2f} s, "
        f"Phragmén {p_phragmen:.2f} s; same selections: {same}"
    )
    for rule, p_rule, ours in (
        ("greedy", p_greedy, t_greedy),
        ("MES", p_mes, t_mes),
        ("Phragmen", p_phragmen, t_phragmen),
    ):
        theirs = p_parse + p_rule
        print(
            f"  ratio {rule} (parse+rule): in-process {theirs / (t_parse + ours):.0f}x, "
            f"whole process {theirs / whole[rule.lower()]:.0f}x"
        )


if __name__ == "__main__":
    main()
