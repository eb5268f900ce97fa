"""Funding-line sensitivity: Monte Carlo flips and the smallest single-score change."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.io.views.scoring import flip_summary
from civicgrants.scoring.batch import Panel, decide_batch
from civicgrants.scoring.montecarlo import flip_probabilities, funding_line_sensitivity
from civicgrants.testing.panels import panels


def _random_panel(seed: int = 3, n_a: int = 30) -> Panel:
    rng = np.random.default_rng(seed)
    quality = rng.normal(6, 1.5, (n_a, 1, 3))
    scores = np.clip(np.round(quality + rng.normal(0, 1, (n_a, 4, 3))), 0, 10)
    scores[2, 1, :] = np.nan  # a recusal
    return Panel.from_arrays(
        scores, lo=0, hi=10, weight=[2, 1, 1], grant=rng.integers(10, 50, n_a), pot=400
    )


def test_same_seed_same_result_and_seed_recorded() -> None:
    p = _random_panel()
    a = funding_line_sensitivity(p, draws=500, seed=7)
    b = funding_line_sensitivity(p, draws=500, seed=7)
    c = funding_line_sensitivity(p, draws=500, seed=8)
    assert a == b
    assert [f.probability for f in a] != [f.probability for f in c]
    assert {(f.seed, f.draws) for f in a} == {(7, 500)}
    assert a[0].noise == (1.0, 1.0, 1.0)  # one scale step


def test_zero_noise_never_flips() -> None:
    p = _random_panel()
    flips = funding_line_sensitivity(p, draws=300, noise=0.0)
    assert flips and all(f.probability == 0 and f.stderr == 0 for f in flips)


def test_window_is_near_positions_around_the_line() -> None:
    # a top block of 4 funded: the window is the last 2 funded and first 2 not funded
    scores = np.arange(10, 0, -1, dtype=float).reshape(10, 1, 1)
    p = Panel.from_arrays(scores, lo=0, hi=10, grant=[10] * 10, pot=40)
    flips = funding_line_sensitivity(p, draws=100, near=2)
    assert [f.application for f in flips] == [2, 3, 4, 5]
    assert [f.decision for f in flips] == ["funded", "funded", "not_funded", "not_funded"]
    assert [f.position for f in flips] == [2, 3, 4, 5]


def test_far_from_the_line_never_flips_and_close_ones_do() -> None:
    scores = np.array([[[10, 10]] * 3, [[5, 6]] * 3, [[6, 5]] * 3, [[0, 0]] * 3], dtype=float)
    p = Panel.from_arrays(scores, lo=0, hi=10, grant=[10] * 4, pot=20)
    p_funded, _ = flip_probabilities(p, draws=2000, seed=1)
    assert p_funded[0] == 1.0 and p_funded[3] == 0.0
    flips = {f.application: f for f in funding_line_sensitivity(p, draws=2000, near=1)}
    assert set(flips) == {1, 2}
    assert 0.2 < flips[1].probability < 0.8
    assert flips[1].stderr == pytest.approx(
        math.sqrt(flips[1].probability * (1 - flips[1].probability) / 2000)
    )


def _apply(p: Panel, app: int, member: int, criterion: int, value: float) -> bool:
    x = np.array(p.scores)
    x[app, member, criterion] = value
    return bool(decide_batch(p, x[None])[0][0, app])


def test_smallest_change_flips_and_nothing_smaller_does() -> None:
    p = _random_panel()
    flips = funding_line_sensitivity(p, draws=200)
    assert any(f.change is not None for f in flips)
    for f in flips:
        if f.change is None:
            continue
        c = f.change
        assert c.from_ == p.scores[f.application, c.member, c.criterion]
        assert c.to == c.from_ + c.steps * p.step[c.criterion]
        assert _apply(p, f.application, c.member, c.criterion, c.to) != f.funded
        # no change of fewer steps in any usable cell flips it
        for m in range(p.shape[1]):
            for crit in range(p.shape[2]):
                s = p.scores[f.application, m, crit]
                if np.isnan(s):
                    continue
                for k in range(-abs(c.steps) + 1, abs(c.steps)):
                    v = s + k * p.step[crit]
                    if k and p.lo[crit] <= v <= p.hi[crit]:
                        assert _apply(p, f.application, m, crit, v) == f.funded


def test_describe_reads_well() -> None:
    scores = np.array([[[9.0], [8.0]], [[7.0], [7.0]], [[6.0], [7.0]], [[2.0], [1.0]]])
    p = Panel.from_arrays(scores, lo=0, hi=10, grant=[10] * 4, pot=20, criterion_ids=["q"])
    flips = funding_line_sensitivity(p, draws=1000, near=1)
    assert flip_summary(flips[1]).startswith("a2 (#3, not_funded): flips in ")
    assert flip_summary(flips[1]).endswith("smallest flip: m0 on q 6 → 8 (+2 steps)")


def test_bad_arguments() -> None:
    p = _random_panel()
    with pytest.raises(ValidationError, match="draws: must be an integer >= 1"):
        funding_line_sensitivity(p, draws=0)
    with pytest.raises(ValidationError, match="noise: must be None"):
        funding_line_sensitivity(p, noise=[1, 2])
    with pytest.raises(ValidationError, match="near: must be an integer >= 0"):
        funding_line_sensitivity(p, near=-1)


@settings(max_examples=40, deadline=None)
@given(panels(), st.integers(0, 1000))
def test_sensitivity_properties(panel: Panel, seed: int) -> None:
    flips = funding_line_sensitivity(panel, draws=50, seed=seed, near=2)
    base_funded = decide_batch(panel, panel.scores[None])[0][0]
    for f in flips:
        assert 0 <= f.probability <= 1
        assert f.funded == base_funded[f.application]
        assert panel.forced[f.application] == 0
        if f.change is not None:
            c = f.change
            assert _apply(panel, f.application, c.member, c.criterion, c.to) != f.funded
    again = funding_line_sensitivity(panel, draws=50, seed=seed, near=2)
    assert repr(flips) == repr(again)  # repr: a missing total is nan, and nan != nan
