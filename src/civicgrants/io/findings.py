"""Findings as JSON objects: every number exact (decimals as strings)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from civicgrants.model.finding import Finding
from civicgrants.model.money import Money

__all__ = ["finding_data", "findings_data", "json_value"]


def json_value(value: Any) -> Any:
    """A JSON-ready copy: Decimal and Money become exact strings, tuples become lists.

    attrs instances become objects of their fields; a float (a statistic such
    as Kendall's W, never an amount) is rounded to 6 places, NaN becoming null.
    """
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return None if value != value else round(value, 6)
    if attrs.has(type(value)) and not isinstance(value, Money):
        return json_value(attrs.asdict(value, recurse=False))
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Money):
        return f"{value.amount:f}"
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return str(value)


def finding_data(finding: Finding) -> dict[str, Any]:
    """One finding: ``code``, ``severity``, ``location``, ``numbers``, ``message_ru``, ``message_en``.

    Examples
    --------
    >>> from civicgrants.model import Severity
    >>> finding_data(Finding("x", Severity.INFO, "1", {"gap": Decimal("0.50")}, "ру", "en"))["numbers"]
    {'gap': '0.50'}
    """
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "location": finding.location,
        "numbers": json_value(dict(finding.numbers)),
        "message_ru": finding.message_ru,
        "message_en": finding.message_en,
    }


def findings_data(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """Every finding as a JSON object, in order."""
    return [finding_data(f) for f in findings]
