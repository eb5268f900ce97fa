"""Funding: overrides, locality limits, partial funding, greedy-with-skip, pot_flip."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.io.protocol import protocol_data, protocol_text
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
from civicgrants.scoring import Review, Score, ScoreSheet, Verdict, decide, pot_flip, review
from civicgrants.scoring.funding import Shortfall, shortfalls
from civicgrants.testing.scoring import scored_calls


def _r(call: Call, sheet: ScoreSheet) -> Review:
    return review(call, sheet, draws=50)


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
    assert d.entry("a2").outcome is Verdict.NOT_FUNDED
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
    assert d.entry("a0").outcome is Verdict.NOT_FUNDED
    assert d.entry("a0").reason == "not funded by commission override: the site is not available"
    assert d.entry("a2").outcome is Verdict.FUNDED and d.entry("a2").rank is None
    assert (
        d.entry("a2").reason == "funded by commission override: the only playground in the village"
    )
    assert d.entry("a1").outcome is Verdict.FUNDED  # 9 meets the threshold; 30 of 60 left
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


# --------------------------------------------------------------------------- minimum amounts

_Y = [("x", 60), ("x", 50), ("y", 10), ("y", 15), ("y", 20)]


def test_min_amount_pulls_in_a_lower_ranked_application() -> None:
    call, sheet = _round(_Y, 100)
    plain = decide(call, sheet)
    assert [e.application for e in plain.funded] == ["a0", "a2", "a3"]  # y gets 25
    call, sheet = _round(_Y, 100, localities=(LocalityLimit("y", min_amount=D(30)),))
    d = decide(call, sheet)
    # the minimum pass walks y's applications a2, a3, a4 until 45 >= 30; greedy then a1
    assert [e.application for e in d.funded] == ["a1", "a2", "a3", "a4"]
    assert d.entry("a4").reason == (
        "rank 5: funded to meet the minimum amount of its locality (30.00 KZT); "
        "grant 20.00 KZT of the remaining 75.00 KZT"
    )
    assert d.entry("a4").reason_ru.startswith(
        "место 5: профинансирована для минимальной суммы по населённому пункту (30.00 KZT"
    )
    assert d.entry("a0").reason == "rank 1: grant 60.00 KZT does not fit the remaining 55.00 KZT"
    assert d.funded_total == Money(95)
    assert shortfalls(d) == ()


def test_min_count_and_min_amount_reasons_say_which_minimum() -> None:
    limit = LocalityLimit("y", min_count=1, min_amount=D(30))
    call, sheet = _round(_Y, 100, localities=(limit,))
    d = decide(call, sheet)
    assert "to meet the minimum count (1 grant) and amount (30.00 KZT) of its locality" in (
        d.entry("a2").reason
    )
    assert (
        "для минимального числа грантов (1) и минимальной суммы (30.00 KZT"
        in d.entry("a2").reason_ru
    )
    assert "to meet the minimum amount of its locality (30.00 KZT)" in d.entry("a3").reason
    call, sheet = _round(_Y, 100, localities=(LocalityLimit("y", min_count=2),))
    d = decide(call, sheet)
    assert "to meet the minimum count of its locality (2 grants)" in d.entry("a3").reason
    assert "для минимального числа грантов по населённому пункту (2)" in d.entry("a3").reason_ru
    assert d.entry("a4").outcome is Verdict.NOT_FUNDED  # the count is met after a3


@pytest.mark.parametrize(
    ("pot", "limit", "funded", "reached"),
    [
        # the pot: after a2 and a3 only 5 is left, a4 (20) does not fit
        (
            30,
            LocalityLimit("y", min_amount=D(45)),
            ["a2", "a3"],
            "KZT25.00 of the minimum KZT45.00",
        ),
        # max_count 2 stops the walk before a4
        (
            100,
            LocalityLimit("y", max_count=2, min_amount=D(45)),
            ["a0", "a2", "a3"],
            "KZT25.00 of the minimum KZT45.00",
        ),
        # max_amount 40 leaves no room for a4 (25 + 20 > 40)
        (
            100,
            LocalityLimit("y", min_amount=D(40), max_amount=D(40)),
            ["a0", "a2", "a3"],
            "KZT25.00 of the minimum KZT40.00",
        ),
    ],
)
def test_min_amount_that_cannot_be_met_is_reported_not_raised(
    pot: int, limit: LocalityLimit, funded: list[str], reached: str
) -> None:
    call, sheet = _round(_Y, pot, localities=(limit,))
    d = decide(call, sheet)
    assert [e.application for e in d.funded] == funded
    assert d.funded_total <= Money(pot)
    gap = shortfalls(d)
    assert len(gap) == 1 and gap[0].locality == "y" and gap[0].amount == 2500
    assert gap[0].min_count is None and gap[0].min_amount == limit.min_amount * 100  # type: ignore[operator]
    en = protocol_text(_r(call, sheet), lang="en")
    assert f"  locality minimum not reached: y — {reached}\n" in en
    ru = protocol_text(_r(call, sheet), lang="ru")
    assert "  минимум населённого пункта не достигнут: y — сумма 25,00" in ru
    data = protocol_data(_r(call, sheet))
    assert data["locality_minimums_not_reached"] == [
        {
            "locality": "y",
            "min_count": None,
            "funded_count": 2,
            "min_amount": str(limit.min_amount) + ".00",
            "funded_amount": "25.00",
        }
    ]


def test_unreached_min_count_is_reported_too() -> None:
    low = Criterion("r", Direction.HIGHER_IS_BETTER, threshold=D(8))  # a3, a4 below threshold
    call, sheet = _round(_Y, 100, criteria=(low,), localities=(LocalityLimit("y", min_count=3),))
    d = decide(call, sheet)
    assert shortfalls(d) == (Shortfall("y", 3, 1, None, 1000),)
    assert "locality minimum not reached: y — 1 of the minimum 3 grants\n" in protocol_text(
        _r(call, sheet), lang="en"
    )
    assert "грантов 1 из минимума 3" in protocol_text(_r(call, sheet), lang="ru")


def test_no_report_when_the_minimums_are_reached() -> None:
    call, sheet = _round(_Y, 100, localities=(LocalityLimit("y", min_count=1, min_amount=D(25)),))
    d = decide(call, sheet)
    assert shortfalls(d) == ()
    assert "not reached" not in protocol_text(_r(call, sheet), lang="en")
    assert protocol_data(_r(call, sheet))["locality_minimums_not_reached"] == []


@settings(max_examples=80, deadline=None)
@given(scored_calls(max_applications=7, localities=True))
def test_funding_with_locality_limits_respects_pot_and_maximums(
    pair: tuple[Call, ScoreSheet],
) -> None:
    call, sheet = pair
    d = decide(call, sheet)
    assert call.pot is not None
    assert d.funded_total <= call.pot
    assert sum((e.granted for e in d.entries), Money(0)) == d.funded_total
    gap = {s.locality: s for s in shortfalls(d)}
    for lim in call.localities:
        mine = [e for e in d.funded if e.locality == lim.id]
        got = sum((e.granted for e in mine), Money(0))
        if lim.max_count is not None:
            assert len(mine) <= lim.max_count
        if lim.max_amount is not None:
            assert got <= Money(lim.max_amount)
        count_short = lim.min_count is not None and len(mine) < lim.min_count
        amount_short = lim.min_amount is not None and got < Money(lim.min_amount)
        assert (lim.id in gap) == (count_short or amount_short)
        if count_short or amount_short:
            assert gap[lim.id].count == len(mine) and gap[lim.id].amount == got.minor_units
            # unreached: every ranked, unfunded application of the locality was tried and
            # could not be paid in full within the pot and the maximums (the remaining pot
            # only shrinks and the locality's count and amount only grow, so it still can't)
            left = call.pot - d.funded_total
            for e in d.entries:
                if e.locality == lim.id and e.rank is not None and not e.funded:
                    assert (
                        e.grant > left
                        or (lim.max_count is not None and len(mine) + 1 > lim.max_count)
                        or (lim.max_amount is not None and got + e.grant > Money(lim.max_amount))
                    )
        for e in mine:
            if "minimum" in e.reason:
                assert e.rank is not None


@settings(max_examples=40, deadline=None)
@given(scored_calls(max_applications=6, localities=True), st.data())
def test_pot_flip_is_exact_with_locality_limits(
    pair: tuple[Call, ScoreSheet], data: st.DataObject
) -> None:
    call, sheet = pair
    app = data.draw(st.sampled_from([a.id for a in call.applications]))
    _check_flip(call, sheet, app)


def test_pot_flip_with_min_amount() -> None:
    call, sheet = _round(_Y, 100, localities=(LocalityLimit("y", min_amount=D(30)),))
    d = decide(call, sheet)
    # a0 (60) is funded again once the pot covers it after y's 45: 105
    assert pot_flip(d, "a0") == Money(5)
    # a4 is pulled in by the minimum; below 45 it no longer fits after a2 and a3
    assert pot_flip(d, "a4") == Money("-55.01")
    for a in ("a0", "a1", "a2", "a3", "a4"):
        _check_flip(call, sheet, a)
