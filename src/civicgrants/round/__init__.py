"""A round as one workspace: the call, its scores or ballots, agreements, reports and memoranda.

`Round` is the validated graph of a round's parts (references across them
checked); `round_status()` gives its funnel, money, money per head per
locality and what is overdue on a date (tranches, final reports, and the
memoranda's duties against the season's calendar, `season_closure()`). Reading and writing a round as a folder
of documents is `civicgrants.io.workspace`; printing it,
`civicgrants.io.views.round`.
"""

from civicgrants.round.model import Round, dangling
from civicgrants.round.status import (
    CLOSURE_STEP,
    STAGES,
    FunnelStage,
    LocalityRow,
    Overdue,
    RoundStatus,
    round_status,
    season_closure,
)

__all__ = [
    "CLOSURE_STEP",
    "STAGES",
    "FunnelStage",
    "LocalityRow",
    "Overdue",
    "Round",
    "RoundStatus",
    "dangling",
    "round_status",
    "season_closure",
]
