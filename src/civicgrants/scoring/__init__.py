"""The evaluation commission: scoring, ranking, funding decisions, agreement, robustness.

* The commission (exact): `decide()` turns a call and a score sheet into a
  frozen `CommissionDecision` (recusals, aggregates, ranks, tie-breaks,
  decisions with reasons, the funding line); `pot_flip()` finds the
  smallest change of the pot that flips a decision.
* Agreement and robustness (vectorised): `agreement()` (Kendall's W) and
  `sensitivity()` (Monte Carlo flip probabilities and smallest flipping
  score changes), through `to_panel()`.
* The whole review (what the ``score`` command prints): `review()` returns
  a frozen `Review` (the decision, the agreement, the sensitivity with
  the pot change that flips each decision, the shortfalls, the missing scores).
* Decisions that show their uncertainty (SNSF's Bayesian ranking and
  partial lottery): `member_grades()` and `fit_uncertainty()` give every
  application's quality and rank with their intervals; `funding_zone()`
  finds the applications whose rank interval crosses the funding line and
  `draw_lottery()` draws their places from a seed.

Residents' votes live in `civicgrants.pb`. Names load on first use, so
importing this package costs nothing until a name is used.

Examples
--------
>>> from civicgrants import scoring
>>> scoring.review.__module__, scoring.Verdict.__module__
('civicgrants.scoring.reviewing', 'civicgrants.scoring.decision')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from civicgrants.scoring.aggregate import CalibrationNote
    from civicgrants.scoring.commission import decide, score_array
    from civicgrants.scoring.decision import (
        ApplicationDecision,
        CommissionDecision,
        CriterionResult,
        FundingLine,
        Verdict,
    )
    from civicgrants.scoring.funding import Shortfall, pot_flip, shortfalls
    from civicgrants.scoring.rank import Lot, Tie
    from civicgrants.scoring.recusal import Recusal, check_scores, missing_scores, recusals
    from civicgrants.scoring.reviewing import (
        LineFlip,
        MissingScore,
        Review,
        ScoreStep,
        Sensitivity,
        review,
    )
    from civicgrants.scoring.robustness import agreement, sensitivity, to_panel
    from civicgrants.scoring.sheet import Score, ScoreSheet
    from civicgrants.scoring.uncertainty import (
        Convergence,
        Grade,
        LineKind,
        Lottery,
        LotteryEntry,
        LotteryZone,
        PanelEffect,
        Placed,
        Placement,
        PlacementReason,
        RankUncertainty,
        ReviewerEffect,
        UncertaintyModel,
        draw_call_lottery,
        draw_lottery,
        fit_call,
        fit_uncertainty,
        funding_zone,
        member_grades,
        split_rhat,
    )

_WHERE = {
    "CalibrationNote": "aggregate",
    "decide": "commission",
    "score_array": "commission",
    "ApplicationDecision": "decision",
    "CommissionDecision": "decision",
    "CriterionResult": "decision",
    "FundingLine": "decision",
    "Verdict": "decision",
    "pot_flip": "funding",
    "Shortfall": "funding",
    "shortfalls": "funding",
    "Lot": "rank",
    "Tie": "rank",
    "Recusal": "recusal",
    "check_scores": "recusal",
    "missing_scores": "recusal",
    "recusals": "recusal",
    "LineFlip": "reviewing",
    "MissingScore": "reviewing",
    "Review": "reviewing",
    "ScoreStep": "reviewing",
    "Sensitivity": "reviewing",
    "review": "reviewing",
    "agreement": "robustness",
    "sensitivity": "robustness",
    "to_panel": "robustness",
    "Score": "sheet",
    "ScoreSheet": "sheet",
    "Convergence": "uncertainty",
    "Grade": "uncertainty",
    "LineKind": "uncertainty",
    "Lottery": "uncertainty",
    "LotteryEntry": "uncertainty",
    "LotteryZone": "uncertainty",
    "PanelEffect": "uncertainty",
    "Placed": "uncertainty",
    "Placement": "uncertainty",
    "PlacementReason": "uncertainty",
    "RankUncertainty": "uncertainty",
    "ReviewerEffect": "uncertainty",
    "UncertaintyModel": "uncertainty",
    "draw_call_lottery": "uncertainty",
    "draw_lottery": "uncertainty",
    "fit_call": "uncertainty",
    "fit_uncertainty": "uncertainty",
    "funding_zone": "uncertainty",
    "member_grades": "uncertainty",
    "split_rhat": "uncertainty",
}

__all__ = [
    "ApplicationDecision",
    "CalibrationNote",
    "CommissionDecision",
    "Convergence",
    "CriterionResult",
    "FundingLine",
    "Grade",
    "LineFlip",
    "LineKind",
    "Lot",
    "Lottery",
    "LotteryEntry",
    "LotteryZone",
    "MissingScore",
    "PanelEffect",
    "Placed",
    "Placement",
    "PlacementReason",
    "RankUncertainty",
    "Recusal",
    "Review",
    "ReviewerEffect",
    "Score",
    "ScoreSheet",
    "ScoreStep",
    "Sensitivity",
    "Shortfall",
    "Tie",
    "UncertaintyModel",
    "Verdict",
    "agreement",
    "check_scores",
    "decide",
    "draw_call_lottery",
    "draw_lottery",
    "fit_call",
    "fit_uncertainty",
    "funding_zone",
    "member_grades",
    "missing_scores",
    "pot_flip",
    "recusals",
    "review",
    "score_array",
    "sensitivity",
    "shortfalls",
    "split_rhat",
    "to_panel",
]


def __getattr__(name: str) -> Any:
    """Load ``name`` from its module on first use.

    Raises
    ------
    AttributeError
        ``name`` is not one of the package's names.
    """
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"civicgrants.scoring.{module}"), name)


def __dir__() -> list[str]:
    """The package's names."""
    return sorted([*globals(), *__all__])
