"""Hypothesis strategies for report documents (the report audit's input)."""

from __future__ import annotations

from decimal import Decimal

import hypothesis.strategies as st

from civicgrants.indicators.model import Part, Record
from civicgrants.indicators.records import IndicatorRecords
from civicgrants.indicators.report import (
    COMPARATORS,
    QUALIFIERS,
    Breakdown,
    Chart,
    Mention,
    Report,
    ReportRow,
)

__all__ = ["indicator_records", "reports"]

_KEYS = st.from_regex(r"[a-z][a-z0-9]{0,5}(\.[0-9]{1,2}){0,2}", fullmatch=True)
_TEXT = st.text(alphabet="абвгдеәғқңөұүабc xyz", min_size=1, max_size=12).filter(str.strip)
_AMOUNT = st.integers(min_value=0, max_value=10**6).map(Decimal)


def _rows() -> st.SearchStrategy[ReportRow]:
    return st.builds(
        ReportRow,
        key=_KEYS,
        task=_TEXT,
        activity=_TEXT,
        indicator=_TEXT,
        unit=_TEXT,
        planned=st.none() | _AMOUNT,
        achieved=st.none() | _AMOUNT,
        comparator=st.sampled_from(COMPARATORS),
    )


def _parts() -> st.SearchStrategy[tuple[tuple[str, Decimal], ...]]:
    return st.lists(st.tuples(_TEXT, _AMOUNT), min_size=1, max_size=4).map(tuple)


def reports() -> st.SearchStrategy[Report]:
    """Valid report documents: rows, breakdowns, mentions and charts with unique keys.

    Returns
    -------
    SearchStrategy[Report]
        Reports whose numbers may or may not be consistent (the audit's job):
        up to 4 rows, 2 breakdowns, 3 mentions and 2 charts, amounts from 0
        to 1,000,000.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from civicgrants.indicators.report import audit_report
    >>> seen = []
    >>> @settings(max_examples=20, database=None)
    ... @given(reports())
    ... def audited(report):
    ...     seen.append(isinstance(audit_report(report), tuple))
    >>> audited()
    >>> all(seen), len(seen) > 0
    (True, True)

    See Also
    --------
    indicator_records : indicator-records documents.
    civicgrants.indicators.audit_report : the audit these reports feed.
    """
    return st.builds(
        Report,
        id=_KEYS,
        title=_TEXT,
        period=st.none() | _TEXT,
        rows=st.lists(_rows(), max_size=4, unique_by=lambda r: r.key).map(tuple),
        breakdowns=st.lists(
            st.builds(Breakdown, key=_KEYS, dimension=_TEXT, total=_AMOUNT, parts=_parts()),
            max_size=2,
            unique_by=lambda b: b.key,
        ).map(tuple),
        mentions=st.lists(
            st.builds(
                Mention,
                key=_KEYS,
                figure=_KEYS,
                value=_AMOUNT,
                where=_TEXT,
                qualifier=st.sampled_from(QUALIFIERS),
            ),
            max_size=3,
            unique_by=lambda m: m.key,
        ).map(tuple),
        charts=st.lists(
            st.builds(Chart, key=_KEYS, parts=_parts(), printed_total=_AMOUNT),
            max_size=2,
            unique_by=lambda c: c.key,
        ).map(tuple),
        deviation_note=st.none() | st.just("-") | _TEXT,
    )


_LEVEL = st.none() | st.sampled_from(["a", "b", "c"])


def _records() -> st.SearchStrategy[Record]:
    return st.builds(
        Record,
        indicator=st.sampled_from(["participants", "events", "beneficiaries"]),
        period=st.sampled_from(["2020", "2021"]),
        stage=_LEVEL,
        region=_LEVEL,
        locality=_LEVEL,
        target=st.none() | _AMOUNT,
        actual=st.none() | _AMOUNT,
        unique=st.booleans(),
        breakdown=st.lists(
            st.builds(
                Part, dimension=st.just("sex"), category=st.sampled_from(["f", "m"]), value=_AMOUNT
            ),
            max_size=2,
            unique_by=lambda p: p.category,
        ).map(tuple),
    )


def indicator_records() -> st.SearchStrategy[IndicatorRecords]:
    """Valid ``civicgrants/indicator-records@1`` documents (records without definitions).

    Returns
    -------
    SearchStrategy[IndicatorRecords]
        Up to 5 records of three count indicators over two periods, at stage,
        region and locality ``a``/``b``/``c`` or none, with optional targets,
        actuals, unique flags and ``sex`` breakdowns that may not add up.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from civicgrants.indicators import rollup_report
    >>> seen = []
    >>> @settings(max_examples=20, database=None)
    ... @given(indicator_records())
    ... def rolled(document):
    ...     report = rollup_report(document.records, by="stage")
    ...     seen.append(len(report.rows) <= 3 * 4)
    >>> rolled()
    >>> all(seen), len(seen) > 0
    (True, True)

    See Also
    --------
    reports : report documents.
    civicgrants.indicators.rollup_report : rolls the records up.
    """
    return st.builds(
        IndicatorRecords, id=_KEYS, records=st.lists(_records(), max_size=5).map(tuple)
    )
