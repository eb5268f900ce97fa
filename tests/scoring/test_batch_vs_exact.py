"""The vectorised evaluator, fed by :func:`to_panel`, reproduces the exact decision."""

from __future__ import annotations

from decimal import Decimal

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.datasets.synthetic_round import synthetic_round
from civicgrants.errors import ValidationError
from civicgrants.model.programme import Calibration, LocalityLimit, Override, OverrideDecision
from civicgrants.scoring import decide
from civicgrants.scoring.batch import decide_batch
from civicgrants.scoring.robustness import agreement, sensitivity, to_panel
from civicgrants.testing.scoring import scored_calls


def _exact(decision):
    funded = np.array([e.outcome.value == "funded" for e in _in_call_order(decision)])
    granted = np.array([e.granted.minor_units for e in _in_call_order(decision)])
    return funded, granted


def _in_call_order(decision):
    entries = {e.application: e for e in decision.entries}
    return [entries[a] for a in decision.application_ids]


@st.composite
def rounds(draw):
    # locality limits: any of min_count, max_count, max_amount, min_amount
    call, sheet = draw(scored_calls(localities=True))
    overrides = [
        Override(a.id, draw(st.sampled_from(OverrideDecision)), "the commission's reason")
        for a in draw(st.lists(st.sampled_from(call.applications), unique=True, max_size=2))
    ]
    calibration = draw(st.none() | st.sampled_from(Calibration))
    call = attrs.evolve(
        call,
        overrides=tuple(overrides),
        calibration=calibration,
        calibration_min=draw(st.integers(1, 3)),
    )
    return call, sheet


@settings(max_examples=150, deadline=None)
@given(rounds())
def test_zero_noise_batch_equals_exact(round_):
    call, sheet = round_
    try:
        decision = decide(call, sheet)
    except ValidationError:  # e.g. a fund override the pot cannot pay: nothing to compare
        return
    panel = to_panel(call, sheet, decision)
    funded, granted = decide_batch(panel, panel.scores[None])
    exact_funded, exact_granted = _exact(decision)
    assert funded[0].tolist() == exact_funded.tolist()
    assert granted[0].tolist() == exact_granted.tolist()


def test_synthetic_round_reports():
    call, sheet = synthetic_round()
    decision = decide(call, sheet)
    w = agreement(call, sheet, decision)
    assert set(w) == {*decision.criterion_keys, "total"}
    assert all(0 <= a.w <= 1 for a in w.values())
    flips = sensitivity(call, sheet, decision, draws=500, near=2)
    assert [f.seed for f in flips] == [call.seed] * len(flips)
    assert {f.decision for f in flips} == {"funded", "not_funded"}
    again = sensitivity(call, sheet, decision, draws=500, near=2)
    assert flips == again


def test_panel_carries_limits_overrides_and_order():
    call, sheet = synthetic_round()
    first = call.applications[0]
    call = attrs.evolve(
        call,
        localities=(LocalityLimit(first.locality, max_count=1),),
        overrides=(Override(first.id, OverrideDecision.NOT_FUND, "withdrawn by the group"),),
    )
    decision = decide(call, sheet)
    panel = to_panel(call, sheet, decision)
    assert panel.forced[0] == -1
    place = panel.locality[0]
    assert panel.max_count[place] == 1
    ranked = [
        e.application for e in sorted(decision.entries, key=lambda e: (e.rank is None, e.rank or 0))
    ]
    assert [panel.application_ids[i] for i in np.argsort(panel.order_key)] == ranked
    funded, _ = decide_batch(panel, panel.scores[None])
    assert funded[0].tolist() == _exact(decision)[0].tolist()
    with pytest.raises(ValueError, match="read-only"):
        panel.scores[0, 0, 0] = 1.0  # read-only arrays


def test_panel_carries_min_amount_in_minor_units():
    call, sheet = synthetic_round()
    places = sorted({a.locality for a in call.applications})
    call = attrs.evolve(
        call,
        localities=(
            LocalityLimit(places[0], min_amount=Decimal("20000000.50")),
            LocalityLimit(places[1], min_count=1, min_amount=Decimal(0)),
        ),
    )
    decision = decide(call, sheet)
    plain = decide(attrs.evolve(call, localities=()), sheet)
    assert [e.funded for e in decision.entries] != [e.funded for e in plain.entries]
    assert any("minimum amount of its locality" in e.reason for e in decision.entries)
    panel = to_panel(call, sheet, decision)
    assert panel.min_amount.tolist() == [2000000050, 0, -1, -1]
    funded, granted = decide_batch(panel, panel.scores[None])
    assert funded[0].tolist() == _exact(decision)[0].tolist()
    assert granted[0].tolist() == _exact(decision)[1].tolist()
