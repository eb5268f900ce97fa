"""Commission scoring, ranking and funding decisions; residents' votes.

* The commission (exact): :func:`decide` turns a call and a score sheet into a
  frozen :class:`CommissionDecision` (recusals, aggregates, ranks, tie-breaks,
  decisions with reasons, the funding line); :func:`pot_flip` finds the
  smallest change of the pot that flips a decision.
* Agreement and robustness (vectorised): :func:`agreement` (Kendall's W) and
  :func:`sensitivity` (Monte Carlo flip probabilities and smallest flipping
  score changes), through :func:`to_panel`.
* Residents' votes: :class:`Election`, :func:`greedy`, :func:`equal_shares`
  and :func:`satisfaction_summary` (results equal pabutools'), and
  :func:`hybrid` — the commission's shortlist, the residents' order.

Names load on first use, so ``import civicgrants.scoring.vote`` (the ``pb``
command) does not pay for the commission's modules, nor the other way round.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from civicgrants.scoring.aggregate import CalibrationNote
    from civicgrants.scoring.commission import (
        ApplicationDecision,
        CommissionDecision,
        CriterionResult,
        FundingLine,
        Verdict,
        decide,
        score_array,
    )
    from civicgrants.scoring.funding import Shortfall, pot_flip, shortfalls
    from civicgrants.scoring.hybrid import HybridResult, ballot, ballot_election, hybrid
    from civicgrants.scoring.rank import Lot, Tie
    from civicgrants.scoring.recusal import Recusal, check_scores, recusals
    from civicgrants.scoring.robustness import agreement, sensitivity, to_panel
    from civicgrants.scoring.sheet import Score, ScoreSheet
    from civicgrants.scoring.vote import Election, equal_shares, greedy, satisfaction_summary

_WHERE = {
    "CalibrationNote": "aggregate",
    "ApplicationDecision": "commission",
    "CommissionDecision": "commission",
    "CriterionResult": "commission",
    "FundingLine": "commission",
    "Verdict": "commission",
    "decide": "commission",
    "score_array": "commission",
    "pot_flip": "funding",
    "Shortfall": "funding",
    "shortfalls": "funding",
    "HybridResult": "hybrid",
    "ballot": "hybrid",
    "ballot_election": "hybrid",
    "hybrid": "hybrid",
    "Lot": "rank",
    "Tie": "rank",
    "Recusal": "recusal",
    "check_scores": "recusal",
    "recusals": "recusal",
    "agreement": "robustness",
    "sensitivity": "robustness",
    "to_panel": "robustness",
    "Score": "sheet",
    "ScoreSheet": "sheet",
    "Election": "vote",
    "equal_shares": "vote",
    "greedy": "vote",
    "satisfaction_summary": "vote",
}

__all__ = [
    "ApplicationDecision",
    "CalibrationNote",
    "CommissionDecision",
    "CriterionResult",
    "Election",
    "FundingLine",
    "HybridResult",
    "Lot",
    "Recusal",
    "Score",
    "ScoreSheet",
    "Shortfall",
    "Tie",
    "Verdict",
    "agreement",
    "ballot",
    "ballot_election",
    "check_scores",
    "decide",
    "equal_shares",
    "greedy",
    "hybrid",
    "pot_flip",
    "recusals",
    "satisfaction_summary",
    "score_array",
    "sensitivity",
    "shortfalls",
    "to_panel",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"civicgrants.scoring.{module}"), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
