"""Seed 003's final report (rural communities, Kyzylorda region, 2024) as a report document.

The rows come from ``shared/domain/seed-003-indicators.csv`` (goal-level,
activity-level and socio-economic rows; its 20 participant-statistics rows
become the breakdowns); the figures the report prints in several places come
from ``seed-003.md`` §4 and §9. ``tools/build_seed_reports.py`` generates
``seed_003_report.json``. No person is named.
"""

from __future__ import annotations

import functools

from civicgrants.datasets.seed_002_report import load_report
from civicgrants.indicators.report import Report

__all__ = ["seed_003_report"]


@functools.cache
def seed_003_report() -> Report:
    """Seed 003's final report: 98 indicator rows, 8 breakdowns, 29 mentions.

    Returns
    -------
    Report
        The report ``seed-003`` (period ``2024-04/2024-11``); cached, so every
        call returns the same object.

    Examples
    --------
    >>> r = seed_003_report()
    >>> len(r.rows), r.deviation_note is None
    (98, True)
    >>> [b.total for b in r.breakdowns[:3]]
    [Decimal('520'), Decimal('520'), Decimal('520')]

    See Also
    --------
    civicgrants.datasets.seed_002_report.seed_002_report : the other seed report.
    civicgrants.indicators.check_report : audits it.
    civicgrants.datasets.seed_002_report.load_report : reads a shipped report.
    """
    return load_report("seed_003_report.json")
