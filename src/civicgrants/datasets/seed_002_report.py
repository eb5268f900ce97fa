"""Seed 002's final report (eco-activism, Zhetisu region, 2024) as a final-report document.

The rows come from ``shared/domain/seed-002-indicators.csv`` (the 109 rows of the
indicator grid and the 9 rows of the socio-economic table); the breakdowns, the
figures the report prints again elsewhere (each a reference to its row), the
partners and proposals tables come from ``seed-002.md`` §1, §3.4, §4, §6 and §8.
``tools/build_seed_reports.py`` generates ``seed_002_final_report.json``
(``civicgrants/final-report@1``). No person is named.
"""

from __future__ import annotations

import functools
from importlib import resources

from civicgrants.dossier.report import FinalReport
from civicgrants.indicators.report import Report

__all__ = ["load_final_report", "seed_002_final_report", "seed_002_report"]


def load_final_report(name: str) -> FinalReport:
    """Read a final report shipped in `civicgrants.datasets` (``civicgrants/final-report@1``).

    Parameters
    ----------
    name : str
        The file's name inside the package (``"seed_002_final_report.json"``).

    Returns
    -------
    FinalReport
        The report, read fresh on every call.

    Raises
    ------
    FileNotFoundError
        No such file ships with the package.
    civicgrants.errors.DocumentError
        The file is not a valid final-report document.

    Examples
    --------
    >>> r = load_final_report("seed_003_final_report.json")
    >>> r.id, r.indicators.period, r.agreement.grant.amount
    ('seed-003', '2024-03-13/2024-11-25', Decimal('5659000.00'))

    See Also
    --------
    seed_002_final_report : seed 002's report, read once.
    civicgrants.datasets.seed_003_report.seed_003_final_report : seed 003's, read once.
    """
    from civicgrants.io import loads  # documents are read through io; data stays data

    raw = resources.files("civicgrants.datasets").joinpath(name).read_text(encoding="utf-8")
    return loads(raw, FinalReport, source=f"civicgrants/datasets/{name}")


@functools.cache
def seed_002_final_report() -> FinalReport:
    """Seed 002's final report (Annex 7 to agreement No. 92 of 28 May 2024).

    Returns
    -------
    FinalReport
        118 indicator rows, 5 breakdowns, 15 restated figures, 3 partners, 2
        proposals and no financial part (the file has none); cached.

    Examples
    --------
    >>> r = seed_002_final_report()
    >>> r.agreement.number, r.agreement.signed.isoformat(), r.finances is None
    ('92', '2024-05-28', True)
    >>> [(p.key, p.bodies) for p in r.partners]
    [('ecology-department', 1), ('housing-department', 1), ('akimats', 10)]

    See Also
    --------
    seed_002_report : its indicator table alone.
    civicgrants.dossier.check_final_report : audits it.
    """
    return load_final_report("seed_002_final_report.json")


def seed_002_report() -> Report:
    """Seed 002's indicator table: 118 rows, 5 breakdowns, 15 restated figures.

    Returns
    -------
    Report
        ``seed_002_final_report().indicators``, the report ``seed-002`` (period
        ``2024-06/2024-11``).

    Examples
    --------
    >>> r = seed_002_report()
    >>> len(r.rows), r.deviation_note
    (118, '-')
    >>> r.row("3.1.5").planned, r.row("3.1.5").achieved
    (Decimal('150'), Decimal('80'))

    See Also
    --------
    seed_002_final_report : the whole report.
    civicgrants.indicators.check_report : audits the table alone.
    """
    return seed_002_final_report().indicators
