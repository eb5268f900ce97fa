"""Conflicts of interest: who is recused from what, and why; checking score rows.

A member is recused from an application when the call declares a conflict,
or, when the call says so, when the member comes from the applicant's
locality (``recuse_same_locality``) or organisation (``recuse_same_affiliation``).
A score row from a recused member is an error, never silently dropped.

Examples
--------
>>> from civicgrants.model.programme import Call, CallApplication, Member
>>> call = Call("c", members=(Member("m1", locality="kuryk"),),
...             applications=(CallApplication("a1", "kuryk", 100),), recuse_same_locality=True)
>>> [(r.member, r.application, r.reason) for r in recusals(call)]
[('m1', 'a1', 'same locality (kuryk)')]
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from civicgrants.errors import Problem, ValidationError
from civicgrants.model.display import shows
from civicgrants.model.programme import Call
from civicgrants.scoring.sheet import ScoreSheet

__all__ = ["Recusal", "check_scores", "missing_scores", "recusals"]


@shows
@attrs.frozen
class Recusal:
    """``member`` does not score ``application``; ``reasons`` say why (declared and/or derived).

    Parameters
    ----------
    member : str
        The recused member's id.
    application : str
        The application the member does not score.
    reasons : tuple of str
        Why, in English: each declared conflict, then the same locality and/or
        the same organisation when the call recuses for them.
    reasons_ru : tuple of str
        The same reasons in Russian.

    Examples
    --------
    >>> from civicgrants.model.programme import CallApplication, Conflict, Member
    >>> call = Call("c", members=(Member("m1"), Member("m2", locality="kuryk")),
    ...             applications=(CallApplication("a1", "kuryk", 100),),
    ...             conflicts=(Conflict("m2", "a1", "related to the leader"),),
    ...             recuse_same_locality=True)
    >>> r = recusals(call)[0]
    >>> r.member, r.reasons
    ('m2', ('declared conflict: related to the leader', 'same locality (kuryk)'))

    See Also
    --------
    recusals : every recusal of a call.
    check_scores : rejects a recused member's score.
    """

    member: str
    application: str
    reasons: tuple[str, ...]
    reasons_ru: tuple[str, ...]

    @property
    def reason(self) -> str:
        """The reasons on one line (English).

        Returns
        -------
        str
            ``reasons`` joined with ``"; "``.

        Examples
        --------
        >>> print(Recusal("m1", "a1", ("declared conflict: x", "same locality (k)"), ()).reason)
        declared conflict: x; same locality (k)

        See Also
        --------
        Recusal.reason_ru : the same in Russian.
        """
        return "; ".join(self.reasons)

    @property
    def reason_ru(self) -> str:
        """The reasons on one line (Russian).

        Returns
        -------
        str
            ``reasons_ru`` joined with ``"; "``.

        Examples
        --------
        >>> print(Recusal("m1", "a1", (), ("тот же населённый пункт (k)",)).reason_ru)
        тот же населённый пункт (k)

        See Also
        --------
        Recusal.reason : the same in English.
        """
        return "; ".join(self.reasons_ru)


def recusals(call: Call) -> tuple[Recusal, ...]:
    """Every recusal of the call, in application order, then member order.

    A member is recused from an application for each declared conflict, and,
    when the call says so, when the member's locality is the application's
    (``recuse_same_locality``) or the member's affiliation is the applicant
    organisation (``recuse_same_affiliation``). All reasons of a pair are
    kept on one `Recusal`.

    Parameters
    ----------
    call : Call
        The call: members, applications, conflicts and recusal rules.

    Returns
    -------
    tuple of Recusal
        One per recused (member, application) pair.

    Examples
    --------
    >>> from civicgrants.model.programme import CallApplication, Conflict, Member
    >>> call = Call("c", members=(Member("m1"), Member("m2", locality="kuryk")),
    ...             applications=(CallApplication("a1", "kuryk", 100),),
    ...             conflicts=(Conflict("m2", "a1", "related to the leader"),),
    ...             recuse_same_locality=True)
    >>> [(r.member, r.application, r.reason) for r in recusals(call)]
    [('m2', 'a1', 'declared conflict: related to the leader; same locality (kuryk)')]

    See Also
    --------
    Recusal : one recusal.
    check_scores : rejects a recused member's score.
    missing_scores : the unscored cells, recused pairs aside.
    """
    declared: dict[tuple[str, str], list[str]] = {}
    for c in call.conflicts:
        declared.setdefault((c.member, c.application), []).append(c.reason)
    found = []
    for a in call.applications:
        for m in call.members:
            en: list[str] = []
            ru: list[str] = []
            for reason in declared.get((m.id, a.id), ()):
                en.append(f"declared conflict: {reason}")
                ru.append(f"заявленный конфликт интересов: {reason}")
            if call.recuse_same_locality and m.locality is not None and m.locality == a.locality:
                en.append(f"same locality ({a.locality})")
                ru.append(f"тот же населённый пункт ({a.locality})")
            if (
                call.recuse_same_affiliation
                and m.affiliation is not None
                and m.affiliation == a.organisation
            ):
                en.append(f"same organisation ({a.organisation})")
                ru.append(f"та же организация ({a.organisation})")
            if en:
                found.append(Recusal(m.id, a.id, tuple(en), tuple(ru)))
    return tuple(found)


def _problems(call: Call, sheet: ScoreSheet) -> Iterator[Problem]:
    members = {m.id for m in call.members}
    apps = {a.id for a in call.applications}
    criteria = {c.key: c for c in call.criteria}
    recused = {(r.member, r.application): r for r in recusals(call)}
    seen: dict[tuple[str, str, str], str] = {}
    for i, s in enumerate(sheet.scores):
        where = s.where(i, sheet.source)

        def at(field: str, where: str = where) -> str:
            return (
                f"{where}: {field}" if where.startswith(f"{sheet.source}:") else f"{where}.{field}"
            )

        if s.application not in apps:
            yield Problem(at("application"), f"unknown application {s.application!r}")
        if s.member not in members:
            yield Problem(at("member"), f"unknown member {s.member!r}")
        criterion = criteria.get(s.criterion)
        if criterion is None:
            yield Problem(at("criterion"), f"unknown criterion {s.criterion!r}")
        rec = recused.get((s.member, s.application))
        if rec is not None:
            yield Problem(
                at("member"),
                f"{s.member!r} is recused from {s.application!r} ({rec.reason}); "
                "a recused member's score must not be given",
            )
        if s.score is not None and criterion is not None:
            off = criterion.on_scale(s.score)
            if off is not None:
                yield Problem(at("score"), off)
        if s.confidence is not None and not 0 < s.confidence <= 1:
            yield Problem(at("confidence"), f"must be > 0 and <= 1, got {s.confidence}")
        key = (s.application, s.member, s.criterion)
        if key in seen:
            yield Problem(
                at("criterion"),
                f"duplicates {seen[key]} (one score per application, member and criterion)",
            )
        else:
            seen[key] = where


def check_scores(call: Call, sheet: ScoreSheet) -> None:
    """Raise `ValidationError` listing every bad score row.

    Bad rows: an unknown application, member or criterion; a recused member's
    score; a value off the criterion's scale; a confidence outside (0, 1]; a
    second score for the same (application, member, criterion).

    Parameters
    ----------
    call : Call
        The call the scores are for.
    sheet : ScoreSheet
        The score rows to check.

    Raises
    ------
    civicgrants.errors.ValidationError
        When any row is bad: one located problem per fault (``scores.csv:7:
        score`` or ``rows[6].score``), every row checked.

    Examples
    --------
    >>> from decimal import Decimal
    >>> from civicgrants.errors import ValidationError
    >>> from civicgrants.model.programme import CallApplication, Conflict, Criterion, Direction
    >>> from civicgrants.model.programme import Member
    >>> from civicgrants.scoring.sheet import Score
    >>> call = Call("c", criteria=(Criterion("q", Direction.HIGHER_IS_BETTER),),
    ...             members=(Member("m1"), Member("m2", locality="kuryk")),
    ...             applications=(CallApplication("a1", "kuryk", 100),),
    ...             conflicts=(Conflict("m2", "a1", "related to the leader"),),
    ...             recuse_same_locality=True)
    >>> check_scores(call, ScoreSheet((Score("a1", "m1", "q", Decimal(5)),)))
    >>> try:
    ...     check_scores(call, ScoreSheet((Score("a1", "m2", "q", Decimal(5)),
    ...                                    Score("a1", "m1", "q", Decimal(11)))))
    ... except ValidationError as error:
    ...     print(error)
    rows[0].member: 'm2' is recused from 'a1' (declared conflict: related to the leader; same locality (kuryk)); a recused member's score must not be given
    rows[1].score: must be between 0 and 10, got 11

    See Also
    --------
    recusals : who may not score what.
    missing_scores : the cells no row covers (not an error).
    civicgrants.scoring.commission.decide : checks the rows first.
    """
    if _clean(call, sheet):
        return
    problems = list(_problems(call, sheet))
    if problems:
        raise ValidationError(problems)


def _clean(call: Call, sheet: ScoreSheet) -> bool:
    """Whether no row has a problem `_problems()` would list, checked in bulk.

    The same checks, over the sheet's distinct values rather than row by row: a sheet
    repeats a few ids and values on every row, and each check depends on the value alone.
    ``False`` sends the sheet row by row through `_problems()`, which locates each one.
    """
    scores = sheet.scores
    criteria = {c.key: c for c in call.criteria}
    if not (
        {s.application for s in scores} <= {a.id for a in call.applications}
        and {s.member for s in scores} <= {m.id for m in call.members}
        and {s.criterion for s in scores} <= set(criteria)
        and len({(s.application, s.member, s.criterion) for s in scores}) == len(scores)
    ):
        return False
    recused = {(r.member, r.application) for r in recusals(call)}
    if recused and not recused.isdisjoint((s.member, s.application) for s in scores):
        return False
    try:  # a signalling NaN cannot be hashed: row by row, it raises as it always did
        values = {(s.criterion, s.score) for s in scores if s.score is not None}
        confidences = {s.confidence for s in scores if s.confidence is not None}
    except TypeError:
        return False
    return all(criteria[key].on_scale(value) is None for key, value in values) and all(
        0 < c <= 1 for c in confidences
    )


def missing_scores(call: Call, sheet: ScoreSheet) -> tuple[tuple[str, str, str], ...]:
    """``(application, member, criterion)`` cells no row covers, recused pairs aside.

    A missing score is not an error (the member's absence is re-normalised
    like a recusal) but it is never silent: the ``score`` command and the
    protocol list these cells.

    Parameters
    ----------
    call : Call
        The call: applications, members (and their recusals), criteria.
    sheet : ScoreSheet
        The score rows given (a not-applicable row covers its cell).

    Returns
    -------
    tuple of (str, str, str)
        The uncovered ``(application, member, criterion)`` cells, in call
        order of applications, then members, then criteria.

    Examples
    --------
    >>> from decimal import Decimal
    >>> from civicgrants.model.programme import Call, CallApplication, Criterion, Direction, Member
    >>> from civicgrants.model.money import Money
    >>> from civicgrants.scoring.sheet import Score
    >>> call = Call("c", pot=Money(100), criteria=[Criterion("q", Direction.HIGHER_IS_BETTER)],
    ...             members=[Member("m1"), Member("m2")],
    ...             applications=[CallApplication("a1", "x", Decimal(10))])
    >>> missing_scores(call, ScoreSheet((Score("a1", "m1", "q", Decimal(5)),)))
    (('a1', 'm2', 'q'),)

    See Also
    --------
    check_scores : the rows that are errors.
    recusals : the pairs left aside.
    civicgrants.scoring.reviewing.MissingScore : how a review lists them.
    """
    given = {(s.application, s.member, s.criterion) for s in sheet.scores}
    recused = {(r.member, r.application) for r in recusals(call)}
    return tuple(
        (a.id, m.id, c.key)
        for a in call.applications
        for m in call.members
        if (m.id, a.id) not in recused
        for c in call.criteria
        if (a.id, m.id, c.key) not in given
    )
