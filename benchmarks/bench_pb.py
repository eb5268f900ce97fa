"""Residents' votes on the Łódź 2022 pabulib file (90 494 voters): civicgrants vs pabutools.

Prints pabutools' parse, greedy, MES (cost satisfaction) and sequential Phragmén times,
ours in-process, the whole ``civicgrants pb`` process (best of 3), the ratios, and the
memory-speed floor (reading the file's bytes and one trivial pass over them).
"""

from __future__ import annotations

import statistics
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
    if "--table" not in sys.argv:
        print(
            "  (python benchmarks/bench_pb.py --table [--more [--limit=S]] [NAME...]: every file "
            "over 100 kB; --more: max_welfare, maximin_support, cstv and pb_ear too, each side "
            "stopped after S seconds, default 300)"
        )
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


SAT_CLASS = {"cost": "Cost_Sat", "points": "Additive_Cardinal_Sat", "borda": "Additive_Borda_Sat"}
RULES = ("greedy", "mes", "phragmen")


def _median(fn: Any, repeat: int) -> tuple[float, float, Any]:
    """Median wall and CPU (this process's) seconds of ``repeat`` calls, and the last result."""
    walls, cpus, out = [], [], None
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        out = fn()
        cpus.append(time.process_time() - c)
        walls.append(time.perf_counter() - w)
    return statistics.median(walls), statistics.median(cpus), out


def _whole(path: Path, rule: str, repeat: int) -> tuple[float, float]:
    """Median wall and CPU (user + system of the child) seconds of the whole ``civicgrants pb``.

    The child runs with cached bytecode, as an installed package does (a
    ``PYTHONDONTWRITEBYTECODE`` environment would otherwise compile every module each time).
    """
    import resource

    cmd = [
        sys.executable,
        "-m",
        "civicgrants.cli",
        "pb",
        str(path),
        "--rule",
        rule,
        "--format",
        "json",
    ]
    import os
    import tempfile

    # as installed: with cached bytecode (this machine's environment may forbid writing it)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "civicgrants-bench-pycache")
    subprocess.run(cmd, check=True, capture_output=True, env=env)  # warm the cache
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        w = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        walls.append(time.perf_counter() - w)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def table(min_bytes: int = 100_000, repeat: int = 5, names: tuple[str, ...] = ()) -> None:
    """Every shipped file over ``min_bytes``: ours and pabutools', parse + rule, and the ratios.

    Ours: medians of ``repeat`` in-process runs (parse and rule timed apart) and of 3
    whole ``civicgrants pb FILE --rule R --format json`` processes. pabutools: one run
    each (parse once, then each rule), with the satisfaction our rule uses by default
    for the ballot type. Phragmén is defined for approval ballots only.
    """
    from civicgrants.io.pabulib import read_pb
    from civicgrants.pb import default_sat, equal_shares, greedy, phragmen

    try:
        import pabutools.election as pe
        from pabutools.election import parse_pabulib
        from pabutools.rules import (
            greedy_utilitarian_welfare,
            method_of_equal_shares,
            sequential_phragmen,
        )
    except ImportError:
        print("  pabutools not installed: no table")
        return
    ours_rule = {"greedy": greedy, "mes": equal_shares, "phragmen": phragmen}
    files = sorted(
        (p for p in FILE.parent.glob("*.pb") if p.stat().st_size > min_bytes),
        key=lambda p: p.stat().st_size,
    )
    if names:
        files = [p for p in files if any(n in p.name for n in names)]
    print(
        f"  every shipped file over {min_bytes / 1e3:.0f} kB; ours: median of {repeat} in-process, "
        "median of 3 whole processes; pabutools: one run; ratios are pabutools' parse + rule "
        "over ours, in CPU seconds (wall-clock ratio after the slash: on a shared machine the "
        "CPU ratio is the steadier one)"
    )
    print(
        "  | file | MB | rule | pabutools parse + rule, CPU s | ours parse + rule, CPU ms "
        "| in-process CPU / wall | whole process CPU ms | whole-process CPU / wall | same |"
    )
    print("  |---|---|---|---|---|---|---|---|---|")
    for path in files:
        w_parse, t_parse, election = _median(lambda p=path: read_pb(p), repeat)
        sat = default_sat(election)
        w, t = time.perf_counter(), time.process_time()
        inst, prof = parse_pabulib(str(path))
        p_parse, pw_parse = time.process_time() - t, time.perf_counter() - w
        for rule in RULES:
            if rule == "phragmen" and election.vote_type != "approval":
                continue
            fn = ours_rule[rule]
            args: dict[str, Any] = {} if rule == "phragmen" else {"sat": sat}
            w_rule, t_rule, out = _median(lambda f=fn, a=args, e=election: f(e, **a), repeat)
            w, t = time.perf_counter(), time.process_time()
            if rule == "greedy":
                theirs = greedy_utilitarian_welfare(
                    inst, prof, sat_class=getattr(pe, SAT_CLASS[sat])
                )
            elif rule == "mes":
                theirs = method_of_equal_shares(inst, prof, sat_class=getattr(pe, SAT_CLASS[sat]))
            else:
                theirs = sequential_phragmen(inst, prof)
            p_rule, pw_rule = time.process_time() - t, time.perf_counter() - w
            names_theirs = [p.name for p in theirs]
            same = (
                set(names_theirs) == set(out.selected)
                if rule == "phragmen"  # pabutools returns it sorted
                else tuple(names_theirs) == out.selected
            )
            whole_wall, whole = _whole(path, rule, 3)
            theirs, theirs_wall = p_parse + p_rule, pw_parse + pw_rule
            ours = t_parse + t_rule
            print(
                f"  | {path.name} | {path.stat().st_size / 1e6:.2f} | {rule} "
                f"| {p_parse:.2f} + {p_rule:.2f} | {t_parse * 1e3:.1f} + {t_rule * 1e3:.1f} "
                f"| {theirs / ours:.0f}x / {theirs_wall / (w_parse + w_rule):.0f}x "
                f"| {whole * 1e3:.0f} | {theirs / whole:.1f}x / {theirs_wall / whole_wall:.1f}x "
                f"| {same} |",
                flush=True,
            )


MORE = ("max_welfare", "maximin_support", "cstv", "pb_ear")


def run_child(side: str, path: str, rule: str, vote_type: str) -> None:
    """Parse ``path`` and count it with ``rule`` on one ``side``; print the CPU seconds as JSON.

    Run in a child process by `table_more()`, so that either side can be stopped at
    the limit; the time is measured inside the child (start-up excluded).
    """
    import json
    import warnings

    warnings.simplefilter("ignore")
    if side == "ours":
        from civicgrants.io.pabulib import loads_pb, read_pb
        from civicgrants.pb import counting

        # load what the rule imports on first use, outside the timing
        tiny = {"approval": "a", "cumulative": "a", "ordinal": "a"}[vote_type]
        warm = loads_pb(
            f"META\nkey;value\nnum_projects;1\nnum_votes;1\nbudget;1\nvote_type;{vote_type}\n"
            f"PROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote"
            + (";points\n1;a;1\n" if vote_type == "cumulative" else f"\n1;{tiny}\n")
        )
        counting.run_rule(warm, rule)
        runs = []  # the median of three, as `table()` takes medians in-process
        for _ in range(3):
            start = time.process_time()
            election = read_pb(path)
            parsed = time.process_time()
            selected = counting.run_rule(election, rule).selected
            runs.append((time.process_time() - start, start, parsed, time.process_time()))
        _, start, parsed, done = sorted(runs)[1]
        print(json.dumps({"parse": parsed - start, "rule": done - parsed, "selected": selected}))
        return
    import importlib

    import pabutools.election as pe
    from pabutools.election import parse_pabulib
    from pabutools.rules import max_additive_utilitarian_welfare, maximin_support

    cstv = importlib.import_module("pabutools.rules.cstv").cstv
    pb_ear = importlib.import_module("pabutools.rules.pb_ear").pb_ear
    start = time.process_time()
    inst, prof = parse_pabulib(path)
    prof.instance = inst  # pabutools' parser leaves it empty
    parsed = time.process_time()
    if rule == "max_welfare":
        sat = {"approval": "Cost_Sat", "cumulative": "Additive_Cardinal_Sat"}.get(
            vote_type, "Additive_Borda_Sat"
        )
        out = max_additive_utilitarian_welfare(inst, prof, sat_class=getattr(pe, sat))
    elif rule == "maximin_support":
        out = maximin_support(inst, prof)
    elif rule == "cstv":
        out = cstv(inst, prof)
    else:
        # where pabutools funds ``next(iter(a set))`` (hash order), fund the smallest
        # name, as ours does by default (tests/pb/oracle.py makes the same choice)
        module = importlib.import_module("pabutools.rules.pb_ear")
        module.next = min  # type: ignore[attr-defined]
        out = pb_ear(inst, prof.as_multiprofile())
    selected = tuple(p.name for p in out)
    done = time.process_time()
    print(json.dumps({"parse": parsed - start, "rule": done - parsed, "selected": selected}))


def _timed(side: str, path: Path, rule: str, vote_type: str, limit: float) -> dict[str, Any] | str:
    """The child's parse and rule CPU seconds and selection, or why there are none."""
    import json

    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        side,
        str(path),
        rule,
        vote_type,
    ]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=limit, check=False)
    except subprocess.TimeoutExpired:
        return f"over {limit:.0f} s"
    if done.returncode:
        return (done.stderr.strip().splitlines() or ["failed"])[-1][:80]
    out: dict[str, Any] = json.loads(done.stdout)
    return out


def table_more(min_bytes: int = 100_000, limit: float = 300.0, names: tuple[str, ...] = ()) -> None:
    """The other rules both libraries have, on every shipped file over ``min_bytes``.

    Each side parses and counts in a child process stopped after ``limit`` seconds;
    the CPU seconds are measured inside the child. When pabutools does not finish,
    the ratio is a lower bound (``limit`` over ours). A rule that does not apply to
    the file's ballots (CSTV: cumulative votes of equal totals; PB-EAR: ordinal;
    maximin support: approval) is refused by both and not shown.
    """
    from civicgrants.io.pabulib import read_pb

    files = sorted(
        (p for p in FILE.parent.glob("*.pb") if p.stat().st_size > min_bytes),
        key=lambda p: p.stat().st_size,
    )
    if names:
        files = [p for p in files if any(n in p.name for n in names)]
    applies = {
        "max_welfare": ("approval", "cumulative", "ordinal"),
        "maximin_support": ("approval",),
        "cstv": ("cumulative",),
        "pb_ear": ("ordinal",),
    }
    print(
        f"  the other rules, every shipped file over {min_bytes / 1e3:.0f} kB; each side in a "
        f"child stopped after {limit:.0f} s, CPU seconds measured inside it (parse + rule)"
    )
    print(
        "  | file | MB | rule | pabutools parse + rule, CPU s | ours parse + rule, CPU s | ratio | same |"
    )
    print("  |---|---|---|---|---|---|---|")
    for path in files:
        vote_type = read_pb(path).vote_type
        for rule in MORE:
            if vote_type not in applies[rule]:
                continue
            ours = _timed("ours", path, rule, vote_type, limit)
            if isinstance(ours, str):
                if "CSTV needs" in ours:
                    continue  # not a vote CSTV counts (nor does pabutools)
                print(
                    f"  | {path.name} | {path.stat().st_size / 1e6:.2f} | {rule} | | {ours} | | |"
                )
                continue
            mine = ours["parse"] + ours["rule"]
            theirs = _timed("pabutools", path, rule, vote_type, limit)
            if isinstance(theirs, str):
                ratio = f"> {limit / mine:.0f}x" if theirs.startswith("over") else ""
                print(
                    f"  | {path.name} | {path.stat().st_size / 1e6:.2f} | {rule} | {theirs} "
                    f"| {ours['parse']:.3f} + {ours['rule']:.3f} | {ratio} | |",
                    flush=True,
                )
                continue
            same = theirs["selected"] == ours["selected"]
            if rule == "max_welfare":
                same = "(pabutools does not control its ties)" if not same else True
            print(
                f"  | {path.name} | {path.stat().st_size / 1e6:.2f} | {rule} "
                f"| {theirs['parse']:.2f} + {theirs['rule']:.2f} "
                f"| {ours['parse']:.3f} + {ours['rule']:.3f} "
                f"| {(theirs['parse'] + theirs['rule']) / mine:.0f}x | {same} |",
                flush=True,
            )


if __name__ == "__main__":
    if "--child" in sys.argv:
        run_child(*sys.argv[sys.argv.index("--child") + 1 :][:4])
        raise SystemExit(0)
    main()
    names = tuple(a for a in sys.argv[1:] if not a.startswith("--"))
    if "--table" in sys.argv:
        table(names=names)
    if "--more" in sys.argv:
        limits = [float(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--limit=")]
        table_more(names=names, limit=limits[-1] if limits else 300.0)
