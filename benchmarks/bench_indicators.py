"""Benchmark: roll up 1 000 000 indicator records over a 5-level hierarchy.

Target (from the indicators issue): :func:`civicgrants.indicators.rollup` at
least 2× faster than the equivalent ``pandas`` ``groupby(levels)["actual"].sum()``,
measured side by side in one run, best of 3 each.

Both start from the same column arrays: integer-coded level columns (codes and
labels, as a pandas Categorical would hold them), an indicator and a period
column, and an ``int64`` actual. The civicgrants timing includes building
:class:`~civicgrants.indicators.Records` from the columns; the pandas timing
includes building the DataFrame. pandas is imported here only.

Run with ``python -m benchmarks`` or ``python benchmarks/bench_indicators.py``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import numpy as np
import pandas as pd

from civicgrants.indicators import (
    IndicatorDefinition,
    Measure,
    TargetForm,
    rollup_columns,
)
from civicgrants.model import Direction, Names

RECORDS = 1_000_000
SHAPE = {"stage": 3, "region": 4, "locality": 20, "project": 50, "activity": 25}
LEVELS = tuple(SHAPE)
REPEATS = 3
TARGET = 2.0


def columns(seed: int = 2021) -> dict[str, Any]:
    """Deterministic columns: level codes + labels, indicator, period, actual."""
    rng = np.random.default_rng(seed)
    cols: dict[str, Any] = {}
    for name, size in SHAPE.items():
        labels = [f"{name}-{i:03d}" for i in range(size)]
        cols[name] = (rng.integers(0, size, RECORDS), labels)
    cols["indicator"] = (np.zeros(RECORDS, np.int64), ["participants"])
    cols["period"] = (rng.integers(0, 4, RECORDS), ["2021", "2022", "2023", "2024"])
    cols["actual"] = rng.integers(0, 500, RECORDS, dtype=np.int64)
    return cols


def _best(fn: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> float:
    """Time both, check they agree, print and return the speed-up ratio."""
    cols = columns()
    definition = IndicatorDefinition(
        "participants",
        Names(ru="Участники", en="Participants"),
        "people",
        Measure.COUNT,
        Direction.HIGHER_IS_BETTER,
        TargetForm.AT_LEAST,
    )

    def ours() -> object:
        return rollup_columns([definition], by=LEVELS, **cols)

    def theirs() -> object:
        frame = pd.DataFrame(
            {name: cols[name][0] for name in LEVELS} | {"actual": cols["actual"]}, copy=False
        )
        return frame.groupby(list(LEVELS), sort=True)["actual"].sum()

    t_ours, result = _best(ours)
    t_pandas, expected = _best(theirs)
    assert isinstance(expected, pd.Series)
    sums = result.sums["actual"]  # type: ignore[attr-defined]
    assert len(sums) == len(expected) and np.array_equal(sums, expected.to_numpy()), "disagree"
    ratio = t_pandas / t_ours
    print(
        f"indicators: {RECORDS:,} records, {len(expected):,} groups over {len(LEVELS)} levels: "
        f"civicgrants {t_ours:.3f} s vs pandas {t_pandas:.3f} s: {ratio:.1f}× faster "
        f"(target ≥ {TARGET:.0f}×; best of {REPEATS})"
    )
    return ratio


if __name__ == "__main__":
    main()
