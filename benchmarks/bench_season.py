"""Benchmark: a season of 1 000 localities planned with :func:`plan_season`.

Target (from the schedule issue): 1 000 localities plan "well under a second".
The season: the ``public_spaces_methodology`` preset, start dates spread over
February–April 2021, two regions, 20 trainers (8 per region, 4 who work
anywhere). There is no external peer library that plans participatory-grant
seasons, so this benchmark measures civicgrants alone and prints no ratio.

Run with ``python -m benchmarks`` (all benchmarks) or
``python benchmarks/bench_season.py`` (this one).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from civicgrants.schedule import public_spaces_methodology
from civicgrants.schedule.calendar import WorkCalendar
from civicgrants.schedule.season import Season, SeasonLocality, Trainer, plan_season

LOCALITIES = 1000
REPEATS = 5
TARGET_S = 1.0
FIRST = dt.date(2021, 2, 1)
LAST = dt.date(2021, 4, 30)


def season_input() -> tuple[list[SeasonLocality], list[Trainer]]:
    """1 000 localities over Feb–Apr 2021 in two regions, and 20 trainers (deterministic)."""
    span = (LAST - FIRST).days + 1
    localities = [
        SeasonLocality(
            f"loc-{i:04d}",
            FIRST + dt.timedelta(days=(i * 37) % span),
            "mangistau" if i % 2 else "atyrau",
        )
        for i in range(LOCALITIES)
    ]
    trainers = [Trainer(f"m{i:02d}", ("mangistau",)) for i in range(8)]
    trainers += [Trainer(f"a{i:02d}", ("atyrau",)) for i in range(8)]
    trainers += [Trainer(f"x{i:02d}") for i in range(4)]
    return localities, trainers


def main() -> float:
    """Time ``plan_season`` on the 1 000-locality season; print and return the best time (s)."""
    localities, trainers = season_input()
    methodology = public_spaces_methodology()
    WorkCalendar().is_working_day(FIRST)  # load the holiday tables outside the timing
    times: list[float] = []
    season: Season | None = None
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        season = plan_season(methodology, localities, trainers=trainers)
        times.append(time.perf_counter() - t0)
    assert season is not None
    best, median = min(times), statistics.median(times)
    starts = len({loc.start for loc in localities})
    last = max(a.days[-1] for a in season.assignments)
    print(
        f"season: {LOCALITIES} localities in {best:.3f} s (best of {REPEATS}; median "
        f"{median:.3f} s); target: well under {TARGET_S:.0f} s; no external peer library "
        "plans such seasons, so there is no ratio"
    )
    print(
        f"  {starts} distinct start dates, {len(trainers)} trainers, "
        f"{len(season.assignments)} training blocks, {len(season.moved)} moved "
        f"(last training {last.isoformat()}), {len(season.visits)} visits, "
        f"{len(season.findings)} findings"
    )
    return best


if __name__ == "__main__":
    main()
