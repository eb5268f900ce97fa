"""Indicators: definitions, achievement against targets, and hierarchy roll-ups."""

from civicgrants.indicators.achievement import DEFAULT_BAND, Achievement, Status, achievement
from civicgrants.indicators.model import (
    LEVELS,
    Accumulation,
    IndicatorDefinition,
    Measure,
    Part,
    Record,
    Target,
    TargetForm,
    check_breakdowns,
)
from civicgrants.indicators.report import (
    Breakdown,
    Chart,
    Mention,
    Report,
    ReportRow,
    audit_report,
)
from civicgrants.indicators.rollup import (
    Column,
    Records,
    Rollup,
    RollupRow,
    rollup,
    rollup_columns,
)

__all__ = [
    "DEFAULT_BAND",
    "LEVELS",
    "Accumulation",
    "Achievement",
    "Breakdown",
    "Chart",
    "Column",
    "IndicatorDefinition",
    "Measure",
    "Mention",
    "Part",
    "Record",
    "Records",
    "Report",
    "ReportRow",
    "Rollup",
    "RollupRow",
    "Status",
    "Target",
    "TargetForm",
    "achievement",
    "audit_report",
    "check_breakdowns",
    "rollup",
    "rollup_columns",
]
