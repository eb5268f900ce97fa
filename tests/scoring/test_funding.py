"""Funding: overrides, locality limits, partial funding, greedy-with-skip, pot_flip."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.model.money import Money
from civicgrants.model.programme import (
    Call,
    CallApplication,
    Criterion,
    Direction,
    LocalityLimit,
    Member,
    Override,
    OverrideDecision,
)
from civicgrants.scoring import Outcome, Score, ScoreSheet, decide, pot_flip
from civicgrants.testing.scoring import scored_calls

R = Criterion("r", Direction.HIGHER_IS_BETTER)


def _round(requests: list[tuple[str, int]], pot: int, **kw: object) -> tuple[Call, ScoreSheet]:
    apps = tuple(CallApplication(f"a{i}", loc, D(req)) for i, (loc, req) in enumerate(requests))
    base: dict[str, object] = {"criteria": (R,), **kw}
    call = Call("c", pot=Money(pot), members=(Member("m"),), applications=apps, **base)  # type: ignore[arg-type]
    sheet = ScoreSheet(tuple(Score(a.id, "m", "r", D(10 - i)) for i, a in enumerate(apps)))
    return call, sheet


def _outcomes(call: Call, sheet: ScoreSheet) -> list[str]:
    return [decide(call, sheet).entry(a.id).outcome.value for a in call.applications]


def test_greedy_with_skip() -> None:
    call, sheet = _round([("x", 60), ("x", 50), ("x", 30)], 100)
    d = decide(call, sheet)
    assert _outcomes(call, sheet) == ["funded", "not_funded", "funded"]
    assert d.entry("a1").reason == "rank 2: grant 50.00 KZT does not fit the remaining 40.00 KZT"
    assert d.funding_line.last_funded_rank == 3 and d.funding_line.first_not_funded_rank == 2


def test_max_grant_caps_the_grant() -> None:
    call, sheet = _round([("x", 60), ("x", 50)], 100, max_grant=Money(45))
    d = decide(call, sheet)
    assert d.entry("a0").granted == Money(45) and d.funded_total == Money(90)


def test_partial_funding_gives_the_remaining_pot_and_ends() -> None:
    call, sheet = _round([("x", 60), ("x", 50), ("x", 30)], 100, partial_funding=True)
    d = decide(call, sheet)
    assert d.entry("a1").partial and d.entry("a1").granted == Money(40)
    assert d.entry("a2").outcome is Outcome.NOT_FUNDED
    assert "funding ended with the partial grant to a1" in d.entry("a2").reason
    assert d.funded_total == Money(100)


def test_locality_limits_are_honoured() -> None:
    reqs = [("x", 10), ("x", 10), ("x", 10), ("y", 10), ("y", 10)]
    call, sheet = _round(
        reqs, 40, localities=(LocalityLimit("x", max_count=2), LocalityLimit("y", min_count=2))
    )
    d = decide(call, sheet)
    # y's minimum first (a3, a4), then greedy: a0, a1; a2 is over x's max_count
    assert [e.application for e in d.funded] == ["a0", "a1", "a3", "a4"]
    assert d.entry("a2").reason == "rank 3: skipped, its locality's limit is reached (max_count 2)"
    assert "minimum count of its locality" in d.entry("a3").reason
    call, sheet = _round(reqs, 40, localities=(LocalityLimit("x", max_amount=D(15)),))
    d = decide(call, sheet)
    assert [e.application for e in d.funded] == ["a0", "a3", "a4"]
    assert "max_amount" in d.entry("a1").reason


def test_overrides_are_recorded_with_reasons() -> None:
    low = Criterion("r", Direction.HIGHER_IS_BETTER, threshold=D(9))
    call, sheet = _round(
        [("x", 30), ("x", 30), ("x", 30)],
        60,
        criteria=(low,),
        overrides=(
            Override("a0", OverrideDecision.NOT_FUND, "the site is not available"),
            Override("a2", OverrideDecision.FUND, "the only playground in the village"),
        ),
    )
    d = decide(call, sheet)
    assert d.entry("a0").outcome is Outcome.NOT_FUNDED
    assert d.entry("a0").reason == "not funded by commission override: the site is not available"
    assert d.entry("a2").outcome is Outcome.FUNDED and d.entry("a2").rank is None
    assert (
        d.entry("a2").reason == "funded by commission override: the only playground in the village"
    )
    assert d.entry("a1").outcome is Outcome.FUNDED  # 9 meets the threshold; 30 of 60 left
    assert d.entry("a2").override is not None
    assert [e.application for e in d.entries] == ["a0", "a1", "a2"]


def test_fund_override_that_cannot_be_paid_is_an_error() -> None:
    call, sheet = _round(
        [("x", 60), ("x", 60)],
        100,
        overrides=(
            Override("a0", OverrideDecision.FUND, "a"),
            Override("a1", OverrideDecision.FUND, "b"),
        ),
    )
    with pytest.raises(ValidationError, match="'a1' must be funded by override"):
        decide(call, sheet)


def test_override_reason_is_required() -> None:
    with pytest.raises(ValueError, match="reason: must be a non-empty string"):
        Override("a0", OverrideDecision.FUND, " ")


def _check_flip(call: Call, sheet: ScoreSheet, app: str) -> None:
    d = decide(call, sheet)
    change = pot_flip(d, app)
    was = d.entry(app).funded
    if change is None:
        return
    assert call.pot is not None
    tiyn = Money("0.01", call.currency)
    flipped = decide(attrs.evolve(call, pot=call.pot + change), sheet)
    assert flipped.entry(app).funded != was
    one_less = change - tiyn if change.amount > 0 else change + tiyn
    if one_less.amount != 0:
        same = decide(attrs.evolve(call, pot=call.pot + one_less), sheet)
        assert same.entry(app).funded == was


def test_pot_flip_examples() -> None:
    call, sheet = _round([("x", 60), ("x", 50), ("x", 30)], 100)
    d = decide(call, sheet)
    assert pot_flip(d, "a1") == Money(10)  # 110 funds a0 and a1
    assert pot_flip(d, "a2") == Money(10)  # 110: a1 now fits, and a2 no longer does
    call, sheet = _round([("x", 60), ("x", 50), ("x", 30)], 95)
    assert pot_flip(decide(call, sheet), "a2") == Money("-5.01")  # 89.99 < 60 + 30
    for a in ("a0", "a1", "a2"):
        _check_flip(call, sheet, a)


@settings(max_examples=40, deadline=None)
@given(scored_calls(max_applications=6), st.data())
def test_pot_flip_is_exact(pair: tuple[Call, ScoreSheet], data: st.DataObject) -> None:
    call, sheet = pair
    app = data.draw(st.sampled_from([a.id for a in call.applications]))
    _check_flip(call, sheet, app)
