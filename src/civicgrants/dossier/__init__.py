"""The application dossier of a state social grant, and the cross-checks between its annexes.

The dossier composes the existing packages: its cost estimate is a
:class:`civicgrants.budget.Budget`, its calendar plan a
:class:`civicgrants.schedule.MonthGrid` and its monitoring plan's targets
:class:`civicgrants.indicators.Target` objects. :func:`audit` returns a frozen
:class:`DossierAudit` of findings; computation only, the text and JSON live in
:mod:`civicgrants.io.views.dossier`.
"""

from civicgrants.dossier.audit import (
    MONTH_UNITS,
    DossierAudit,
    DossierRules,
    audit,
    promised_number,
)
from civicgrants.dossier.model import (
    ACTIVITY_CODE,
    TASK_CODE,
    Activity,
    Capacity,
    Content,
    Dossier,
    Estimate,
    EstimateQuantity,
    ExpectedResult,
    Indicator,
    Level,
    MediaItem,
    Partner,
    Pledge,
    PriorProject,
    Promise,
    Questionnaire,
    RegionalRow,
    Risk,
    Staffing,
    TargetGroup,
    Task,
    TeamMember,
    TravelBlock,
)

__all__ = [
    "ACTIVITY_CODE",
    "MONTH_UNITS",
    "TASK_CODE",
    "Activity",
    "Capacity",
    "Content",
    "Dossier",
    "DossierAudit",
    "DossierRules",
    "Estimate",
    "EstimateQuantity",
    "ExpectedResult",
    "Indicator",
    "Level",
    "MediaItem",
    "Partner",
    "Pledge",
    "PriorProject",
    "Promise",
    "Questionnaire",
    "RegionalRow",
    "Risk",
    "Staffing",
    "TargetGroup",
    "Task",
    "TeamMember",
    "TravelBlock",
    "audit",
    "promised_number",
]
