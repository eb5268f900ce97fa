"""Budget policies (placeholder replaced by the policy module)."""

from __future__ import annotations

import attrs

from civicgrants.budget.model import Budget
from civicgrants.model.finding import Finding

__all__ = ["Policy", "check_policy"]


@attrs.frozen
class Policy:
    """Budget policy (being built)."""


def check_policy(budget: Budget, policy: Policy) -> tuple[Finding, ...]:
    return ()
