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
    """One member's score of one application on one criterion (``None`` = not applicable).

    Parameters
    ----------
    application : str
        The application's id.
    member : str
        The scoring member's id.
    criterion : str
        The criterion's key.
    score : Decimal or None
        The score on the criterion's scale; ``None`` = "not applicable" (the
        row is dropped before aggregation).
    confidence : Decimal or None
        The member's confidence, ``0 < c <= 1``; weighs the score under the
        ``confidence_mean`` aggregation (``None`` counts as 1).
    comment : str or None
        Free text; personal data (it may name people), removed on export
        unless kept.
    line : int or None
        The source row number, for located errors; not part of the score's
        identity (ignored by ``==``).

    Examples
    --------
    >>> from decimal import Decimal
    >>> s = Score("a1", "m1", "relevance", Decimal(7), line=7)
    >>> s == Score("a1", "m1", "relevance", Decimal(7)), s.where(6, "scores.csv")
    (True, 'scores.csv:7')

    See Also
    --------
    ScoreSheet : the rows of a whole commission.
    civicgrants.scoring.recusal.check_scores : rejects bad rows.
    """

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
        """Where this row came from: ``scores.csv:7`` or ``rows[6]``.

        Parameters
        ----------
        index : int
            The row's position in its :class:`ScoreSheet` (0-based).
        source : str or None
            The sheet's source file, if any.

        Returns
        -------
        str
            ``source:line`` when both are known, else ``rows[index]``.

        Examples
        --------
        >>> from decimal import Decimal
        >>> Score("a1", "m1", "q", Decimal(5)).where(6, "scores.csv")
        'rows[6]'
        >>> Score("a1", "m1", "q", Decimal(5), line=7).where(6, "scores.csv")
        'scores.csv:7'

        See Also
        --------
        civicgrants.scoring.recusal.check_scores : locates its problems with it.
        """
        if source is not None and self.line is not None:
            return f"{source}:{self.line}"
        return f"rows[{index}]"


@attrs.frozen
class ScoreSheet:
    """The commission's scores, in any order (order never changes a result).

    Parameters
    ----------
    scores : tuple of Score
        One row per (application, member, criterion) score.
    source : str or None
        Where the rows were read from (``scores.csv``), for located errors.

    Examples
    --------
    >>> from decimal import Decimal
    >>> sheet = ScoreSheet((Score("a1", "m1", "q", Decimal(7)), Score("a1", "m2", "q", None)))
    >>> len(sheet.scores), sheet.source
    (2, None)

    See Also
    --------
    Score : one row.
    civicgrants.scoring.commission.decide : the decision from a call and a sheet.
    civicgrants.scoring.recusal.missing_scores : the cells no row covers.
    """

    scores: tuple[Score, ...] = many(Score)
    source: str | None = text(optional=True)
