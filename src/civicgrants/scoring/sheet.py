"""Score sheets: one row per (application, member, criterion) score.

A score is a :class:`~decimal.Decimal` on the criterion's scale, or ``None``
for "not applicable" (dropped before aggregation). ``confidence`` (0 < c <= 1)
weighs the score under the ``confidence_mean`` aggregation. ``comment`` may
name people, so it is personal data and removed on export unless kept.

Examples
--------
>>> from decimal import Decimal
>>> sheet = ScoreSheet((Score("a1", "m1", "relevance", Decimal(7)),))
>>> sheet.scores[0].where(0, sheet.source)
'rows[0]'
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from civicgrants.model.fields import PERSONAL, decimal, ident, many, text

__all__ = ["Score", "ScoreSheet"]


@attrs.frozen
class Score:
    """One member's score of one application on one criterion (``None`` = not applicable)."""

    application: str = ident()
    member: str = ident()
    criterion: str = ident()
    score: Decimal | None = decimal(optional=True)
    confidence: Decimal | None = decimal(optional=True)
    comment: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(str)),
        metadata={PERSONAL: True},
    )
    line: int | None = attrs.field(default=None, eq=False)
    """The source row number (for located errors); not part of the score's identity."""

    def where(self, index: int, source: str | None) -> str:
        """Where this row came from: ``scores.csv:7`` or ``rows[6]``."""
        if source is not None and self.line is not None:
            return f"{source}:{self.line}"
        return f"rows[{index}]"


@attrs.frozen
class ScoreSheet:
    """The commission's scores, in any order (order never changes a result)."""

    scores: tuple[Score, ...] = many(Score)
    source: str | None = text(optional=True)
