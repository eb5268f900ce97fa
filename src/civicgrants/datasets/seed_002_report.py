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
    """Read a report document shipped in :mod:`civicgrants.datasets` (``civicgrants/report@1``).

    Parameters
    ----------
    name : str
        The file's name inside the package (``"seed_002_report.json"``).

    Returns
    -------
    Report
        The report, read fresh on every call.

    Raises
    ------
    FileNotFoundError
        No such file ships with the package.
    civicgrants.errors.DocumentError
        The file is not a valid report document.

    Examples
    --------
    >>> r = load_report("seed_003_report.json")
    >>> r.id, r.period
    ('seed-003', '2024-03-13/2024-11-25')

    See Also
    --------
    seed_002_report : seed 002's report, read once.
    civicgrants.datasets.seed_003_report.seed_003_report : seed 003's report, read once.
    """
    from civicgrants.io import loads  # documents are read through io; data stays data

    raw = resources.files("civicgrants.datasets").joinpath(name).read_text(encoding="utf-8")
    return loads(raw, Report, source=f"civicgrants/datasets/{name}")


@functools.cache
def seed_002_report() -> Report:
    """Seed 002's final report: 118 indicator rows, 5 breakdowns, 27 mentions.

    Returns
    -------
    Report
        The report ``seed-002`` (period ``2024-06/2024-11``); cached, so every
        call returns the same object.

    Examples
    --------
    >>> r = seed_002_report()
    >>> len(r.rows), r.deviation_note
    (118, '-')
    >>> r.row("3.1.5").planned, r.row("3.1.5").achieved
    (Decimal('150'), Decimal('80'))

    See Also
    --------
    civicgrants.datasets.seed_003_report.seed_003_report : the other seed report.
    civicgrants.indicators.check_report : audits it.
    load_report : reads a shipped report.
    """
    return load_report("seed_002_report.json")
