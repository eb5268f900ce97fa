"""Domain entities and exact money.

Every entity is a frozen attrs class, validated at the field; ids are stable
strings; names shown to people come in ru, kk and en (`Names`). The
input limits every reader checks are here too (`Limits`,
`get_limits()`, `use_limits()`).
"""

from civicgrants.model.application import (
    Application,
    BalanceTakeover,
    LinkKind,
    ObjectKind,
    Project,
    ProjectLink,
)
from civicgrants.model.contribution import (
    BeneficiaryCount,
    Contribution,
    ContributionForm,
    ContributorKind,
    Valuation,
    ValuationMethod,
)
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.geo import District, Locality, LocalityKind, Region
from civicgrants.model.lifecycle import (
    ApplicationStatus,
    DutyStatus,
    ProjectStatus,
    TakeoverStatus,
    Transition,
)
from civicgrants.model.limits import DEFAULT_LIMITS, Limits, get_limits, number_problem, use_limits
from civicgrants.model.memorandum import Duty, ExtraDuty, HolderKind, Memorandum
from civicgrants.model.money import (
    DEFAULT_CURRENCY,
    Allocation,
    Money,
    MoneyEstimate,
    MoneyRange,
    Qualifier,
    allocate,
)
from civicgrants.model.names import Names
from civicgrants.model.organisation import Organisation, OrganisationKind, validate_bin
from civicgrants.model.people import (
    DEFAULT_MIN_GROUP_SIZE,
    InitiativeGroup,
    Person,
    Role,
    check_group,
)
from civicgrants.model.personal import personal_fields, redact
from civicgrants.model.programme import (
    Aggregation,
    Calibration,
    Call,
    CallApplication,
    Confidence,
    Conflict,
    Criterion,
    Direction,
    LocalityLimit,
    Member,
    Override,
    OverrideDecision,
    Programme,
    PublishedFigure,
    Seat,
    Stage,
    StageWindow,
)

__all__ = [
    "DEFAULT_CURRENCY",
    "DEFAULT_LIMITS",
    "DEFAULT_MIN_GROUP_SIZE",
    "Aggregation",
    "Allocation",
    "Application",
    "ApplicationStatus",
    "BalanceTakeover",
    "BeneficiaryCount",
    "Calibration",
    "Call",
    "CallApplication",
    "Confidence",
    "Conflict",
    "Contribution",
    "ContributionForm",
    "ContributorKind",
    "Criterion",
    "Direction",
    "District",
    "Duty",
    "DutyStatus",
    "ExtraDuty",
    "Finding",
    "HolderKind",
    "InitiativeGroup",
    "Limits",
    "LinkKind",
    "Locality",
    "LocalityKind",
    "LocalityLimit",
    "Member",
    "Memorandum",
    "Money",
    "MoneyEstimate",
    "MoneyRange",
    "Names",
    "ObjectKind",
    "Organisation",
    "OrganisationKind",
    "Override",
    "OverrideDecision",
    "Person",
    "Programme",
    "Project",
    "ProjectLink",
    "ProjectStatus",
    "PublishedFigure",
    "Qualifier",
    "Region",
    "Role",
    "Seat",
    "Severity",
    "Stage",
    "StageWindow",
    "TakeoverStatus",
    "Transition",
    "Valuation",
    "ValuationMethod",
    "allocate",
    "check_group",
    "get_limits",
    "number_problem",
    "personal_fields",
    "redact",
    "use_limits",
    "validate_bin",
]
