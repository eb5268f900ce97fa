"""Seed 002's final report (eco-activism, Zhetisu region, 2024) as a report document.

The rows come from ``shared/domain/seed-002-indicators.csv`` (the 109 rows of the
indicator grid and the 9 rows of the socio-economic table); the breakdowns and
the figures the report prints in several places come from ``seed-002.md`` §3.4
and §8. ``tools/build_seed_reports.py`` generates ``seed_002_report.json``. No
person is named.
"""

from __future__ import annotations

import functools
from importlib import resources

from civicgrants.indicators.report import Report

__all__ = ["load_report", "seed_002_report"]


def load_report(name: str) -> Report:
    """Read a report document shipped in :mod:`civicgrants.datasets` (``civicgrants/report@1``)."""
    from civicgrants.io import loads  # documents are read through io; data stays data

    raw = resources.files("civicgrants.datasets").joinpath(name).read_text(encoding="utf-8")
    return loads(raw, Report, source=f"civicgrants/datasets/{name}")


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
