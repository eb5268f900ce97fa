"""A round as one workspace: the call, its scores, agreements and reports, and where it stands.

:class:`Round` is the validated graph of a round's parts (references across them
checked); :func:`round_status` gives its funnel, money, money per head per
locality and what is overdue on a date. Reading and writing a round as a folder
of documents is :mod:`civicgrants.io.workspace`; printing it,
:mod:`civicgrants.io.views.round`.
"""

from civicgrants.round.model import Round, dangling
from civicgrants.round.status import (
    STAGES,
    FunnelStage,
    LocalityRow,
    Overdue,
    RoundStatus,
    round_status,
)

__all__ = [
    "STAGES",
    "FunnelStage",
    "LocalityRow",
    "Overdue",
    "Round",
    "RoundStatus",
    "dangling",
    "round_status",
]
