"""Benchmark: a season of 1 000 localities planned with :func:`plan_season`.

Target (issue 17): 1 000 localities and 20 trainers in 4 regions, the greedy
plan in under 0.2 s. The season: the ``public_spaces_methodology`` preset,
start dates on the Mondays of the 18 months from January 2021 (20 trainers train
about 20 localities a week, so 1 000 localities need a year of their time),
four regions, 20 trainers (4 per region, 4 who work anywhere), one working day
of travel inside a region and two between regions. A training that waits for
a trainer moves its locality's later steps, so the localities are planned
again. There is no external peer library that plans participatory-grant
seasons, so this benchmark measures civicgrants alone and prints no ratio.
It then asks for the optimal plan of the same season (CP-SAT, the ``optimal``
extra) within the issue's 10 s limit and prints its gap to the proven lower
bound beside the greedy plan's.

Run with ``python -m benchmarks`` (all benchmarks) or
``python benchmarks/bench_season.py`` (this one).
"""

from __future__ import annotations

import datetime as dt
import gc
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from civicgrants.schedule import public_spaces_methodology
from civicgrants.schedule.calendar import WorkCalendar
from civicgrants.schedule.season import Season, SeasonLocality, Trainer, Travel, plan_season

LOCALITIES = 1000
REPEATS = 5
TARGET_S = 0.2
OPTIMAL_S = 10.0
FIRST = dt.date(2021, 1, 4)
LAST = dt.date(2022, 6, 30)
REGIONS = ("aktobe", "atyrau", "kyzylorda", "mangistau")
TRAVEL = Travel(within=1, between=2)


def season_input() -> tuple[list[SeasonLocality], list[Trainer]]:
    """1 000 localities over 18 months in four regions, and 20 trainers (deterministic)."""
    weeks = (LAST - FIRST).days // 7 + 1
    localities = [
        SeasonLocality(
            f"loc-{i:04d}",
            FIRST + dt.timedelta(weeks=(i * 37) % weeks),
            REGIONS[i % len(REGIONS)],
        )
        for i in range(LOCALITIES)
    ]
    trainers = [Trainer(f"{r[:2]}{i}", (r,)) for r in REGIONS for i in range(4)]
    trainers += [Trainer(f"x{i}") for i in range(4)]
    return localities, trainers


def main() -> float:
    """Time ``plan_season`` on the 1 000-locality season; print and return the best time (s)."""
    localities, trainers = season_input()
    methodology = public_spaces_methodology()
    WorkCalendar().is_working_day(FIRST)  # load the holiday tables outside the timing
    times: list[float] = []
    season: Season | None = None
    for _ in range(REPEATS):
        gc.collect()  # each run starts from a clean heap, as timeit's do
        t0 = time.perf_counter()
        season = plan_season(methodology, localities, trainers=trainers, travel=TRAVEL)
        times.append(time.perf_counter() - t0)
    assert season is not None
    best, median = min(times), statistics.median(times)
    starts = len({loc.start for loc in localities})
    last = max(a.days[-1] for a in season.assignments)
    replanned = len({id(lp.plan) for lp in season.plans})
    print(
        f"season: {LOCALITIES} localities in {best:.3f} s (best of {REPEATS}; median "
        f"{median:.3f} s); target: under {TARGET_S} s; no external peer library "
        "plans such seasons, so there is no ratio"
    )
    print(
        f"  {starts} distinct start dates, {len(trainers)} trainers, "
        f"{len(season.assignments)} training blocks, {len(season.moved)} moved "
        f"(last training {last.isoformat()}), {replanned} distinct locality plans, "
        f"season ends {season.end.isoformat()}, {len(season.visits)} visits, "
        f"{len(season.findings)} findings"
    )
    if season.bound is not None:
        print(
            f"  lower bound {season.bound.lower.isoformat()} (no waiting): the greedy plan is "
            f"{season.bound.gap_days} working days after it"
        )
    optimal()
    return best


def optimal() -> None:
    """The optimal plan (CP-SAT, the optimal extra) of the same season within 10 s, if installed."""
    try:
        import ortools  # noqa: F401
    except ImportError:
        print("optimal: skipped (pip install 'civicgrants[optimal]' for OR-Tools)")
        return
    localities, trainers = season_input()
    gc.collect()
    t0 = time.perf_counter()
    season = plan_season(
        public_spaces_methodology(),
        localities,
        trainers=trainers,
        travel=TRAVEL,
        method="optimal",
        time_limit=OPTIMAL_S,
    )
    took = time.perf_counter() - t0
    b = season.bound
    assert b is not None
    print(
        f"optimal: {took:.2f} s (limit {OPTIMAL_S:.0f} s); solver {b.status}; proven lower bound "
        f"{b.lower.isoformat()}; optimal plan ends {season.end.isoformat()}, gap {b.gap_days} "
        f"working days; greedy plan ends {b.greedy_end.isoformat()}, gap {b.greedy_gap_days}; "
        f"kept: {b.kept} (never later than the greedy plan)"
    )


if __name__ == "__main__":
    main()
