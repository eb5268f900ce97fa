"""The documents of a state social grant: the application dossier and the final report.

The dossier composes the existing packages: its cost estimate is a
`civicgrants.budget.Budget`, its calendar plan a
`civicgrants.schedule.MonthGrid` and its monitoring plan's targets
`civicgrants.indicators.Target` objects. `audit()` returns a frozen
`DossierAudit` of findings.

The final report (Annex 7) is a `FinalReport`: its indicator table is a
`civicgrants.indicators.Report` whose rows name the monitoring-plan
indicators they report on and whose restated figures refer to their rows;
`check_final_report()` audits it, alone or against its application.
Computation only: the text and JSON live in `civicgrants.io.views.dossier`
and `civicgrants.io.views.final_report`.
"""

from civicgrants.dossier.audit import (
    MONTH_UNITS,
    DossierAudit,
    DossierRules,
    audit,
    promised_number,
)
from civicgrants.dossier.drafting import draft_report
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
from civicgrants.dossier.report import (
    TABLES,
    Agreement,
    FinalReport,
    Finances,
    GoalAchievement,
    Letter,
    PartnerKind,
    Proposal,
    ReportPartner,
    ResultItem,
    Spending,
    Story,
    TableCount,
)
from civicgrants.dossier.report_check import (
    PROPOSAL_SCALE,
    AgreementTerms,
    FinalReportCheck,
    check_final_report,
    plan_of,
)

__all__ = [
    "ACTIVITY_CODE",
    "MONTH_UNITS",
    "PROPOSAL_SCALE",
    "TABLES",
    "TASK_CODE",
    "Activity",
    "Agreement",
    "AgreementTerms",
    "Capacity",
    "Content",
    "Dossier",
    "DossierAudit",
    "DossierRules",
    "Estimate",
    "EstimateQuantity",
    "ExpectedResult",
    "FinalReport",
    "FinalReportCheck",
    "Finances",
    "GoalAchievement",
    "Indicator",
    "Letter",
    "Level",
    "MediaItem",
    "Partner",
    "PartnerKind",
    "Pledge",
    "PriorProject",
    "Promise",
    "Proposal",
    "Questionnaire",
    "RegionalRow",
    "ReportPartner",
    "ResultItem",
    "Risk",
    "Spending",
    "Staffing",
    "Story",
    "TableCount",
    "TargetGroup",
    "Task",
    "TeamMember",
    "TravelBlock",
    "audit",
    "check_final_report",
    "draft_report",
    "plan_of",
    "promised_number",
]
