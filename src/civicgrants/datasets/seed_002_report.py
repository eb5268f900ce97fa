"""Seed 002's final report (eco-activism, Zhetisu region, 2024) as a report document.

The rows come from ``shared/domain/seed-002-indicators.csv`` (the 109 rows of the
indicator grid and the 9 rows of the socio-economic table); the breakdowns and
the figures the report prints in several places come from ``seed-002.md`` §3.4
and §8. ``tools/build_seed_reports.py`` generates ``seed_002_report.json``. No
person is named.
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from importlib import resources
from typing import Any

from civicgrants.indicators.report import Breakdown, Chart, Mention, Report, ReportRow

__all__ = ["load_report", "seed_002_report"]


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def load_report(name: str) -> Report:
    """Read a report document shipped in :mod:`civicgrants.datasets` (JSON)."""
    raw = resources.files("civicgrants.datasets").joinpath(name).read_text(encoding="utf-8")
    doc = json.loads(raw)
    rows = tuple(
        ReportRow(
            **{
                **r,
                "planned": _dec(r["planned"]),
                "achieved": _dec(r["achieved"]),
                "percent_printed": _dec(r["percent_printed"]),
                "promised": _dec(r["promised"]),
            }
        )
        for r in doc["rows"]
    )
    return Report(
        doc["id"],
        doc["title"],
        doc["period"],
        rows=rows,
        breakdowns=tuple(Breakdown(**b) for b in doc["breakdowns"]),
        mentions=tuple(Mention(**m) for m in doc["mentions"]),
        charts=tuple(Chart(**c) for c in doc["charts"]),
        deviation_note=doc["deviation_note"],
        source=doc["source"],
    )


@functools.cache
def seed_002_report() -> Report:
    """Seed 002's final report: 118 indicator rows, 5 breakdowns, 27 mentions.

    Examples
    --------
    >>> r = seed_002_report()
    >>> len(r.rows), r.deviation_note
    (118, '-')
    >>> r.row("3.1.5").planned, r.row("3.1.5").achieved
    (Decimal('150'), Decimal('80'))
    """
    return load_report("seed_002_report.json")
