"""Score sheets: one row per (application, member, criterion) score.

A score is a `Decimal` on the criterion's scale, or ``None``
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

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from civicgrants.model.display import shows
from civicgrants.model.fields import PERSONAL, decimal, ident, many, text

__all__ = ["Row", "Score", "ScoreSheet"]


@shows
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
            The row's position in its `ScoreSheet` (0-based).
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


@shows
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

    @classmethod
    def from_rows(cls, rows: Iterable[Row], *, source: str | None = None) -> ScoreSheet:
        """A sheet from plain rows, each checked as `Score` checks it, built faster.

        The same sheet as ``ScoreSheet(tuple(Score(*row[:6], line=row[6]) for row in
        rows), source=source)``, and as strict: every field of every row passes the
        field's own validator (and converter). A sheet repeats a few ids and values on
        every row, and those checks depend on the value alone, so a value already
        checked for a field is not checked again: 20 000 scores build several times
        faster.

        Parameters
        ----------
        rows : iterable of tuple
            ``(application, member, criterion, score, confidence, comment, line)``
            per score, as `Score` takes them.
        source : str or None, optional
            Where the rows were read from.

        Returns
        -------
        ScoreSheet
            The sheet, its scores in the rows' order.

        Raises
        ------
        ValueError
            A field is invalid, with the message `Score` gives.

        Examples
        --------
        >>> from decimal import Decimal
        >>> rows = [("a1", "m1", "q", Decimal(7), None, None, 2),
        ...         ("a1", "m2", "q", None, None, None, 3)]
        >>> sheet = ScoreSheet.from_rows(rows, source="scores.csv")
        >>> sheet == ScoreSheet((Score("a1", "m1", "q", Decimal(7)), Score("a1", "m2", "q", None)),
        ...                     source="scores.csv"), sheet.scores[1].line
        (True, 3)
        >>> ScoreSheet.from_rows([("a 1", "m1", "q", None, None, None, None)])
        Traceback (most recent call last):
        ...
        ValueError: application: must be an id of letters, digits, '.', '_', ':' or '-', got 'a 1'

        See Also
        --------
        Score : one row, built and checked on its own.
        civicgrants.io.scores_csv.loads_scores : reads a sheet with it.
        """
        f = attrs.fields(Score)
        if tuple(a.name for a in f) != _FIELDS:  # the assignments below name every field
            raise AssertionError(f"Score's fields changed: {[a.name for a in f]}")
        applications: set[str] = set()
        members: set[str] = set()
        criteria: set[str] = set()
        new, put = object.__new__, object.__setattr__
        scores: list[Score] = []
        append = scores.append
        for application, member, criterion, value, confidence, comment, line in rows:
            if type(application) is not str or application not in applications:
                _check(f.application, application)  # raises as Score would
                applications.add(application)
            if type(member) is not str or member not in members:
                _check(f.member, member)
                members.add(member)
            if type(criterion) is not str or criterion not in criteria:
                _check(f.criterion, criterion)
                criteria.add(criterion)
            # None or a Decimal is what the field's converter keeps and its check passes
            if value is not None and type(value) is not Decimal:
                value = _convert(f.score, value)
                _check(f.score, value)
            if confidence is not None and type(confidence) is not Decimal:
                confidence = _convert(f.confidence, confidence)
                _check(f.confidence, confidence)
            if comment is not None and type(comment) is not str:
                _check(f.comment, comment)
            score = new(Score)
            put(score, "application", application)
            put(score, "member", member)
            put(score, "criterion", criterion)
            put(score, "score", value)
            put(score, "confidence", confidence)
            put(score, "comment", comment)
            put(score, "line", line)
            append(score)
        return cls(tuple(scores), source=source)


Row = tuple[str, str, str, Decimal | None, Decimal | None, str | None, int | None]
"""A score as `ScoreSheet.from_rows()` takes it: the fields of `Score`, in order."""


_FIELDS = ("application", "member", "criterion", "score", "confidence", "comment", "line")


def _convert(f: attrs.Attribute[Any], value: Any) -> Any:
    convert: Any = f.converter
    return value if convert is None else convert(value)


def _check(f: attrs.Attribute[Any], value: Any) -> None:
    if f.validator is not None:
        f.validator(None, f, value)
