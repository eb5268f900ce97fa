"""Grant agreements: the award, its tranches, disbursements, spending, refund and closure.

A `GrantAgreement` follows a decision (the commission's or the residents'
vote) and carries its money from signature to closure; it is frozen and checks
at construction that its money adds up, and the operations of
`civicgrants.agreement.ledger` move it through its lifecycle
(`AgreementStatus`). An NGO that re-grants under its own grant makes
sub-agreements that `check_regrants()` compares with its budget line.
Computation only: no I/O.
"""

from civicgrants.agreement.ledger import (
    Ledger,
    TrancheState,
    close,
    disburse,
    ledger,
    overdue,
    sign,
    spend,
    terminate,
)
from civicgrants.agreement.model import (
    AgreementStatus,
    Decision,
    DecisionKind,
    Disbursement,
    GrantAgreement,
    Refund,
    Tranche,
)
from civicgrants.agreement.regranting import RegrantCheck, check_regrants, committed

__all__ = [
    "AgreementStatus",
    "Decision",
    "DecisionKind",
    "Disbursement",
    "GrantAgreement",
    "Ledger",
    "Refund",
    "RegrantCheck",
    "Tranche",
    "TrancheState",
    "check_regrants",
    "close",
    "committed",
    "disburse",
    "ledger",
    "overdue",
    "sign",
    "spend",
    "terminate",
]
