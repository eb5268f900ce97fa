"""Seed 003's final report (rural communities, Kyzylorda region, 2024) as a final-report document.

The rows come from ``shared/domain/seed-003-indicators.csv`` (goal-level,
activity-level and socio-economic rows; its 20 participant-statistics rows
become the breakdowns); the figures the report prints again elsewhere (each a
reference to its row), the partners, letters, proposals and stories and the
financial part come from ``seed-003.md`` §1–§9. ``tools/build_seed_reports.py``
generates ``seed_003_final_report.json``. No person is named.
"""

from __future__ import annotations

import functools

from civicgrants.datasets.seed_002_report import load_final_report
from civicgrants.dossier.report import FinalReport
from civicgrants.indicators.report import Report

__all__ = ["seed_003_final_report", "seed_003_report"]


@functools.cache
def seed_003_final_report() -> FinalReport:
    """Seed 003's final report (13 March – 25 November 2024, grant 5 659 000 tenge).

    Returns
    -------
    FinalReport
        98 indicator rows, 7 breakdowns, 7 partners, 2 letters (both No. 60), 4
        proposals, 3 stories and the financial part; cached.

    Examples
    --------
    >>> r = seed_003_final_report()
    >>> [letter.number for letter in r.letters], len(r.partners), len(r.proposals)
    (['60', '60'], 7, 4)
    >>> sum(line.spent.amount for line in r.finances.lines) == r.agreement.grant.amount
    True

    See Also
    --------
    seed_003_report : its indicator table alone.
    civicgrants.dossier.check_final_report : audits it.
    """
    return load_final_report("seed_003_final_report.json")


def seed_003_report() -> Report:
    """Seed 003's indicator table: 98 rows, 7 breakdowns.

    Returns
    -------
    Report
        ``seed_003_final_report().indicators``, the report ``seed-003`` (period
        ``2024-03-13/2024-11-25``).

    Examples
    --------
    >>> r = seed_003_report()
    >>> len(r.rows), r.deviation_note is None
    (98, True)
    >>> [b.total for b in r.breakdowns[:3]]
    [Decimal('520'), Decimal('520'), Decimal('520')]

    See Also
    --------
    seed_003_final_report : the whole report.
    civicgrants.indicators.check_report : audits the table alone.
    """
    return seed_003_final_report().indicators
