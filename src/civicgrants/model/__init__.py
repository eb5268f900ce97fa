"""Domain entities and exact money.

Every entity is a frozen attrs class, validated at the field; ids are stable
strings; names shown to people come in ru, kk and en (`Names`). The
input limits every reader checks are here too (`Limits`,
`get_limits()`, `use_limits()`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from civicgrants.model.limits import (
        DEFAULT_LIMITS,
        Limits,
        get_limits,
        number_problem,
        use_limits,
    )
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

# Each name loads its module on first use (PEP 562): ``civicgrants.model.limits`` or
# ``.money`` alone (what the readers of votes need) does not load every entity.
_WHERE = {
    "Aggregation": "programme",
    "Allocation": "money",
    "Application": "application",
    "ApplicationStatus": "lifecycle",
    "BalanceTakeover": "application",
    "BeneficiaryCount": "contribution",
    "Calibration": "programme",
    "Call": "programme",
    "CallApplication": "programme",
    "Confidence": "programme",
    "Conflict": "programme",
    "Contribution": "contribution",
    "ContributionForm": "contribution",
    "ContributorKind": "contribution",
    "Criterion": "programme",
    "DEFAULT_CURRENCY": "money",
    "DEFAULT_LIMITS": "limits",
    "DEFAULT_MIN_GROUP_SIZE": "people",
    "Direction": "programme",
    "District": "geo",
    "Duty": "memorandum",
    "DutyStatus": "lifecycle",
    "ExtraDuty": "memorandum",
    "Finding": "finding",
    "HolderKind": "memorandum",
    "InitiativeGroup": "people",
    "Limits": "limits",
    "LinkKind": "application",
    "Locality": "geo",
    "LocalityKind": "geo",
    "LocalityLimit": "programme",
    "Member": "programme",
    "Memorandum": "memorandum",
    "Money": "money",
    "MoneyEstimate": "money",
    "MoneyRange": "money",
    "Names": "names",
    "ObjectKind": "application",
    "Organisation": "organisation",
    "OrganisationKind": "organisation",
    "Override": "programme",
    "OverrideDecision": "programme",
    "Person": "people",
    "Programme": "programme",
    "Project": "application",
    "ProjectLink": "application",
    "ProjectStatus": "lifecycle",
    "PublishedFigure": "programme",
    "Qualifier": "money",
    "Region": "geo",
    "Role": "people",
    "Seat": "programme",
    "Severity": "finding",
    "Stage": "programme",
    "StageWindow": "programme",
    "TakeoverStatus": "lifecycle",
    "Transition": "lifecycle",
    "Valuation": "contribution",
    "ValuationMethod": "contribution",
    "allocate": "money",
    "check_group": "people",
    "get_limits": "limits",
    "number_problem": "limits",
    "personal_fields": "personal",
    "redact": "personal",
    "use_limits": "limits",
    "validate_bin": "organisation",
}

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


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"civicgrants.model.{module}"), name)
    globals()[name] = value  # found once, then an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
