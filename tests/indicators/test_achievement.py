from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicgrants.indicators import (
    Achievement,
    IndicatorDefinition,
    Measure,
    Part,
    Record,
    Status,
    Target,
    TargetForm,
    achievement,
    check_breakdowns,
)
from civicgrants.model import Direction, Names

UP = Direction.HIGHER_IS_BETTER
DOWN = Direction.LOWER_IS_BETTER


def definition(direction: Direction = UP, form: TargetForm = TargetForm.AT_LEAST):
    return IndicatorDefinition("x", Names(en="X"), "people", Measure.COUNT, direction, form)


def test_at_least_met_exactly():
    a = achievement(definition(), Target(TargetForm.AT_LEAST, value=100), 100)
    assert a == Achievement(Decimal(1), Decimal("100.0"), True, Status.ON_TRACK)


def test_53_of_150_is_35_3_percent_and_short():
    a = achievement(definition(), Target(TargetForm.AT_LEAST, value=150), 53)
    assert a.percent == Decimal("35.3")
    assert a.met is False
    assert a.status is Status.UNDER


def test_percent_rounds_half_up():
    # 1/8 = 12.5 %, 1/16 = 6.25 % → 6.3
    a = achievement(definition(), Target(TargetForm.AT_LEAST, value=16), 1)
    assert a.percent == Decimal("6.3")


def test_direction_aware_bands():
    target = Target(TargetForm.AT_MOST, value=100)
    low = achievement(definition(DOWN, TargetForm.AT_MOST), target, 50)
    assert (low.met, low.status) == (True, Status.OVER)
    high = achievement(definition(DOWN, TargetForm.AT_MOST), target, 150)
    assert (high.met, high.status) == (False, Status.UNDER)
    up = achievement(definition(UP), Target(TargetForm.AT_LEAST, value=100), 150)
    assert up.status is Status.OVER


def test_band_is_configurable_and_inclusive():
    t = Target(TargetForm.AT_LEAST, value=100)
    assert achievement(definition(), t, 85).status is Status.ON_TRACK
    assert achievement(definition(), t, 84).status is Status.UNDER
    assert achievement(definition(), t, 94, band=Decimal("0.05")).status is Status.UNDER


def test_not_reported():
    a = achievement(definition(), Target(TargetForm.AT_LEAST, value=1), None)
    assert a == Achievement(None, None, None, Status.NOT_REPORTED)


def test_range_exact_change_per_event():
    d = definition()
    rng = Target(TargetForm.RANGE, low=10, high=20)
    assert achievement(d, rng, 15).met is True
    assert achievement(d, rng, 15).ratio == 1
    assert achievement(d, rng, 25).met is False
    assert achievement(d, Target(TargetForm.EXACTLY, value=5), 5).met is True
    assert achievement(d, Target(TargetForm.EXACTLY, value=5), 6).met is False
    change = Target(TargetForm.CHANGE, baseline=100, change=30)
    assert change.threshold() == 130
    assert achievement(d, change, 130).met is True
    assert (
        achievement(definition(DOWN), Target(TargetForm.CHANGE, baseline=100, change=-20), 90).met
        is False
    )
    per = Target(TargetForm.PER_EVENT, per_event=20, events=3)
    assert achievement(d, per, 59).met is False
    assert achievement(d, per, 60).met is True


def test_zero_target_has_no_ratio():
    a = achievement(definition(DOWN, TargetForm.AT_MOST), Target(TargetForm.AT_MOST, value=0), 0)
    assert (a.ratio, a.met, a.status) == (None, True, Status.ON_TRACK)


def test_qualitative_has_no_achievement_and_floats_refused():
    d = IndicatorDefinition("q", Names(en="Q"), "text", Measure.QUALITATIVE, UP, TargetForm.EXACTLY)
    with pytest.raises(ValueError, match="qualitative"):
        achievement(d, Target(TargetForm.EXACTLY, value=1), 1)
    with pytest.raises(TypeError):
        achievement(definition(), Target(TargetForm.AT_LEAST, value=1), 0.5)  # type: ignore[arg-type]


def test_target_needs_its_fields():
    with pytest.raises(ValueError, match="low"):
        Target(TargetForm.RANGE, high=3)
    with pytest.raises(ValueError, match="high"):
        Target(TargetForm.RANGE, low=5, high=3)


def test_breakdown_must_add_up_per_dimension():
    ok = Record(
        indicator="x",
        period="2021",
        project="p",
        actual=10,
        breakdown=[Part("sex", "f", 6), Part("sex", "m", 4), Part("age", "18-29", 10)],
    )
    bad = Record(
        indicator="x",
        period="2021",
        project="p",
        actual=10,
        breakdown=[Part("sex", "f", 6), Part("age", "18-29", 10)],
    )
    assert check_breakdowns([ok]) == []
    findings = check_breakdowns([ok, bad])
    assert [(f.code, f.location) for f in findings] == [
        ("breakdown-sum", "records[1].breakdown[sex]")
    ]


# -- ordinal and yes/no ---------------------------------------------------------

MOOD = IndicatorDefinition(
    "mood",
    Names(en="Mood"),
    "level",
    Measure.ORDINAL,
    Direction.HIGHER_IS_BETTER,
    TargetForm.AT_LEAST,
    scale=("low", "mid", "high", "top"),
)
DONE = IndicatorDefinition(
    "done",
    Names(en="Done"),
    "yes/no",
    Measure.YES_NO,
    Direction.HIGHER_IS_BETTER,
    TargetForm.EXACTLY,
)


@pytest.mark.parametrize(
    ("form", "bounds", "actual", "met", "status", "steps"),
    [
        (TargetForm.AT_LEAST, ("mid",), "mid", True, "on_track", 0),
        (TargetForm.AT_LEAST, ("mid",), "top", True, "over", 2),
        (TargetForm.AT_LEAST, ("mid",), "low", False, "under", -1),
        (TargetForm.AT_MOST, ("mid",), "low", True, "under", -1),
        (TargetForm.EXACTLY, ("mid",), "high", False, "over", 1),
        (TargetForm.RANGE, ("mid", "high"), "high", True, "on_track", 0),
        (TargetForm.RANGE, ("mid", "high"), "mid", True, "on_track", 0),
        (TargetForm.RANGE, ("mid", "high"), "top", False, "over", 1),
        (TargetForm.RANGE, ("mid", "high"), "low", False, "under", -1),
    ],
)
def test_ordinal_achievement_counts_steps_on_the_scale(form, bounds, actual, met, status, steps):
    high = {"category_high": bounds[1]} if len(bounds) == 2 else {}
    a = achievement(MOOD, Target(form, category=bounds[0], **high), actual)
    assert (a.met, a.status.value, a.steps, a.ratio, a.percent) == (met, status, steps, None, None)


def test_ordinal_direction_flips_steps():
    worse = attrs.evolve(MOOD, direction=Direction.LOWER_IS_BETTER)
    a = achievement(worse, Target(TargetForm.AT_MOST, category="mid"), "low")
    assert (a.met, a.status.value, a.steps) == (True, "over", 1)


def test_yes_no_achievement():
    assert achievement(DONE, Target(TargetForm.EXACTLY, category="yes"), "yes").met is True
    no = achievement(DONE, Target(TargetForm.EXACTLY, category="yes"), "no")
    assert (no.met, no.status.value, no.steps) == (False, "under", -1)
    assert achievement(DONE, Target(TargetForm.EXACTLY, category="yes"), None).status.value == (
        "not_reported"
    )


def test_categorical_targets_are_checked():
    with pytest.raises(ValueError, match="actual: must be one of low, mid, high, top, got 'great'"):
        achievement(MOOD, Target(TargetForm.AT_LEAST, category="mid"), "great")
    with pytest.raises(ValueError, match=r"target\.category: must be one of"):
        achievement(MOOD, Target(TargetForm.AT_LEAST, category="meh"), "mid")
    with pytest.raises(ValueError, match="needs a target by category"):
        achievement(MOOD, Target(TargetForm.AT_LEAST, value=2), "mid")
    with pytest.raises(ValueError, match="needs a numeric target"):
        achievement(definition(), Target(TargetForm.AT_LEAST, category="mid"), 3)
    with pytest.raises(ValueError, match="must not be below 'high'"):
        achievement(MOOD, Target(TargetForm.RANGE, category="high", category_high="low"), "mid")
    with pytest.raises(ValueError, match="value: a target by category takes no numbers"):
        Target(TargetForm.AT_LEAST, category="mid", value=1)
    with pytest.raises(ValueError, match="cannot name a category"):
        Target(TargetForm.CHANGE, category="mid")
    with pytest.raises(ValueError, match="category_high"):
        Target(TargetForm.AT_LEAST, category="mid", category_high="top")
    with pytest.raises(ValueError, match="not a number"):
        Target(TargetForm.EXACTLY, category="yes").threshold()


@given(st.integers(0, 3), st.integers(0, 3), st.integers(0, 3))
def test_ordinal_met_iff_within_bounds(a, lo, hi):
    scale = MOOD.scale
    lo, hi = min(lo, hi), max(lo, hi)
    r = achievement(
        MOOD, Target(TargetForm.RANGE, category=scale[lo], category_high=scale[hi]), scale[a]
    )
    assert r.met == (lo <= a <= hi)
    assert (r.steps == 0) == r.met
