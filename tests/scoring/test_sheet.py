"""Score sheets built in bulk (``ScoreSheet.from_rows``) and checked in bulk (``check_scores``).

Both take shortcuts over a sheet's repeated values; these tests hold them to the row-by-row
results: the same scores, the same refusals, the same located problems.
"""

from __future__ import annotations

import random
from decimal import Decimal as D  # noqa: N817

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.model.programme import Call
from civicgrants.scoring import Score, ScoreSheet
from civicgrants.scoring.recusal import check_scores, recusals
from civicgrants.testing.scoring import scored_calls


def _row(s: Score) -> tuple[object, ...]:
    return (s.application, s.member, s.criterion, s.score, s.confidence, s.comment, s.line)


@settings(max_examples=60, deadline=None)
@given(scored_calls(), st.randoms(use_true_random=False))
def test_from_rows_builds_the_scores_one_by_one_would(
    pair: tuple[Call, ScoreSheet], rnd: random.Random
) -> None:
    _, sheet = pair
    rows = [_row(attrs.evolve(s, line=i + 2, comment=rnd.choice([None, "ok"]))) for i, s in
            enumerate(sheet.scores)]  # fmt: skip
    built = ScoreSheet.from_rows(rows, source="scores.csv")  # type: ignore[arg-type]
    expected = tuple(Score(*row[:6], line=row[6]) for row in rows)  # type: ignore[arg-type]
    assert built == ScoreSheet(expected, source="scores.csv")
    assert [s.line for s in built.scores] == [s.line for s in expected]
    assert [repr(s) for s in built.scores] == [repr(s) for s in expected]


def test_from_rows_converts_and_refuses_as_score_does() -> None:
    sheet = ScoreSheet.from_rows([("a1", "m1", "q", 7, "0.5", None, None)])  # type: ignore[list-item]
    assert sheet.scores == (Score("a1", "m1", "q", D(7), D("0.5")),)
    assert type(sheet.scores[0].score) is D
    bad: list[tuple[object, ...]] = [
        ("a1", "m1", "q", None, None, None, None),
        ("a1", "m 1", "q", None, None, None, None),
        ("a1", "m1", 3, None, None, None, None),
        ("a1", "m1", "q", 7.5, None, None, None),
        ("a1", "m1", "q", None, "x", None, None),
        ("a1", "m1", "q", None, None, 5, None),
    ]
    for row in bad[1:]:
        with pytest.raises((TypeError, ValueError), match=r"\w") as built:
            ScoreSheet.from_rows([bad[0], row])  # type: ignore[list-item]
        with pytest.raises((TypeError, ValueError), match=r"\w") as one:
            Score(*row[:6], line=row[6])  # type: ignore[arg-type]
        assert (type(built.value), str(built.value)) == (type(one.value), str(one.value))


# --- check_scores: the bulk check misses nothing -------------------------------------------------


def _faults(call: Call, sheet: ScoreSheet, rnd: random.Random) -> tuple[ScoreSheet, str]:
    """The sheet with one bad row (of a random kind, at a random place), and the kind."""
    scores = list(sheet.scores)
    i = rnd.randrange(len(scores))
    s = scores[i]
    banned = [(r.member, r.application) for r in recusals(call)]
    kinds = ["application", "member", "criterion", "score", "confidence", "duplicate"]
    if banned:
        kinds.append("recused")
    kind = rnd.choice(kinds)
    if kind == "application":
        scores[i] = attrs.evolve(s, application="nobody")
    elif kind == "member":
        scores[i] = attrs.evolve(s, member="nobody")
    elif kind == "criterion":
        scores[i] = attrs.evolve(s, criterion="nothing")
    elif kind == "score":
        scores[i] = attrs.evolve(s, score=rnd.choice([D(-1), D(11), D("2.5")]))
    elif kind == "confidence":
        scores[i] = attrs.evolve(s, confidence=rnd.choice([D(0), D(2)]))
    elif kind == "duplicate":
        scores.insert(rnd.randrange(len(scores) + 1), s)
    else:
        member, application = rnd.choice(banned)
        scores[i] = attrs.evolve(s, member=member, application=application)
    return ScoreSheet(tuple(scores)), kind


@settings(max_examples=150, deadline=None)
@given(scored_calls(), st.randoms(use_true_random=False))
def test_every_bad_row_is_found(pair: tuple[Call, ScoreSheet], rnd: random.Random) -> None:
    call, sheet = pair
    check_scores(call, sheet)  # the generated sheet is good
    if not sheet.scores:
        return
    bad, kind = _faults(call, sheet, rnd)
    if kind == "score" and all(
        c.on_scale(s.score) is None
        for s in bad.scores
        if s.score is not None
        for c in call.criteria
        if c.key == s.criterion
    ):
        return  # the new value happens to lie on that criterion's scale
    with pytest.raises(ValidationError) as err:
        check_scores(call, bad)
    assert err.value.problems, kind
    assert all(p.path.startswith("rows[") for p in err.value.problems)


def test_a_nan_score_is_refused_where_it_is_made() -> None:
    # issue 14: a decimal field follows the number limits, so no NaN reaches a comparison
    for nan in ("NaN", "sNaN"):
        with pytest.raises(ValueError, match=r"^score: not a finite number$"):
            Score("a1", "m1", "q", D(nan))
