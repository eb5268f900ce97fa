"""Decisions that show their uncertainty (issue 16): Bayesian ranking, funding zone, lottery."""

from __future__ import annotations

import time
from collections import Counter
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.datasets.synthetic_round import synthetic_round
from civicgrants.errors import ValidationError
from civicgrants.scoring import (
    Grade,
    LineKind,
    Placed,
    UncertaintyModel,
    draw_lottery,
    fit_uncertainty,
    funding_zone,
    member_grades,
    split_rhat,
)


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    rx, ry = np.argsort(np.argsort(x)), np.argsort(np.argsort(y))
    return float(np.corrcoef(rx, ry)[0, 1])


def _panel(rng: np.random.Generator, n_apps: int = 50, n_members: int = 8, per_app: int = 4):
    """Known qualities and member offsets (centred), each application graded by a few members."""
    quality = rng.normal(60, 10, n_apps)
    offset = rng.normal(0, 6, n_members)
    offset -= offset.mean()
    grades = []
    for a in range(n_apps):
        for m in rng.choice(n_members, per_app, replace=False):
            grades.append(Grade(f"a{a:02d}", f"m{m}", quality[a] + offset[m] + rng.normal(0, 6)))
    return quality, offset, grades


def test_intervals_cover_the_true_quality_and_ranks_beat_raw_means() -> None:
    rng = np.random.default_rng(16)
    covered, model_rho, raw_rho, offsets_covered = [], [], [], []
    for rep in range(8):
        quality, offset, grades = _panel(rng)
        model = fit_uncertainty(grades, seed=rep, draws=1000, burn_in=300)
        assert model.converged
        rows = {r.application: r for r in model.applications}
        ids = [f"a{a:02d}" for a in range(len(quality))]
        covered += [
            rows[i].quality_low <= q <= rows[i].quality_high
            for i, q in zip(ids, quality, strict=True)
        ]
        expected = np.array([rows[i].expected_rank for i in ids])
        raw = np.array([rows[i].raw_mean for i in ids])
        model_rho.append(_spearman(-expected, quality))
        raw_rho.append(_spearman(raw, quality))
        offsets_covered += [r.low <= offset[int(r.member[1:])] <= r.high for r in model.reviewers]
    coverage = float(np.mean(covered))
    assert 0.85 <= coverage <= 0.95, coverage
    assert np.mean(model_rho) > np.mean(raw_rho) + 0.01, (np.mean(model_rho), np.mean(raw_rho))
    assert np.mean(offsets_covered) >= 0.8


def test_a_lenient_member_is_found() -> None:
    grades = [Grade(f"a{a}", m, 50 + 5 * a + (15 if m == "easy" else 0)) for a in range(6)
              for m in ("easy", "m2", "m3")]  # fmt: skip
    model = fit_uncertainty(grades, seed=0, draws=500)
    effects = {r.member: r for r in model.reviewers}
    assert effects["easy"].lenient and not effects["m2"].lenient
    assert effects["easy"].offset == pytest.approx(10, abs=1)  # 15 above the other two's mean
    assert sum(r.offset for r in model.reviewers) == pytest.approx(0, abs=1e-9)


def test_fast_enough() -> None:
    _, _, grades = _panel(np.random.default_rng(1), 50, 8, 4)
    start = time.perf_counter()
    fit_uncertainty(grades, seed=1)  # 50 applications, 8 members, 2000 draws x 4 chains
    assert time.perf_counter() - start < 3


def test_same_seed_same_result_other_seed_other_draws() -> None:
    _, _, grades = _panel(np.random.default_rng(2), 12, 5, 3)
    one = fit_uncertainty(grades, seed=7, draws=300, burn_in=100)
    assert one == fit_uncertainty(grades, seed=7, draws=300, burn_in=100)
    other = fit_uncertainty(grades, seed=8, draws=300, burn_in=100)
    assert other != one and other.seed == 8
    assert [r.quality for r in other.applications] != [r.quality for r in one.applications]


def test_grade_order_does_not_matter() -> None:
    _, _, grades = _panel(np.random.default_rng(3), 10, 4, 2)
    one = fit_uncertainty(grades, seed=1, draws=200, burn_in=50)
    two = fit_uncertainty(grades[::-1], seed=1, draws=200, burn_in=50)
    assert [r.application for r in one.applications] == [r.application for r in two.applications]
    for a, b in zip(one.applications, two.applications, strict=True):
        assert a.quality == pytest.approx(b.quality, abs=1e-9)


def test_panel_offsets() -> None:
    rng = np.random.default_rng(4)
    grades = [Grade(f"a{a}", f"m{m}", 50 + (10 if a < 6 else 0) + rng.normal(0, 2))
              for a in range(12) for m in range(3)]  # fmt: skip
    panels = {f"a{a}": "p1" if a < 6 else "p2" for a in range(12)}
    model = fit_uncertainty(grades, seed=0, draws=500, panels=panels)
    assert [p.panel for p in model.panels] == ["p1", "p2"]
    assert [p.applications for p in model.panels] == [6, 6]
    assert model.panels[0].offset > 0 > model.panels[1].offset
    assert "panel" in {c.group for c in model.convergence}
    assert (
        fit_uncertainty(grades, seed=0, draws=50, panels=dict.fromkeys(panels, "one")).panels == ()
    )


def test_split_rhat_sees_chains_that_disagree() -> None:
    rng = np.random.default_rng(0)
    mixed = rng.normal(size=(4, 500, 3))
    assert np.all(split_rhat(mixed) < 1.02)
    apart = mixed + np.arange(4)[:, None, None]
    assert np.all(split_rhat(apart) > 1.5)
    drifting = mixed + np.linspace(0, 10, 500)[None, :, None]  # one trend: halves differ
    assert np.all(split_rhat(drifting) > 1.5)
    assert np.isnan(split_rhat(mixed[:, :3])).all()


def test_member_grades_from_the_synthetic_round() -> None:
    call, sheet = synthetic_round()
    grades = member_grades(call, sheet)
    pairs = {(g.application, g.member) for g in grades}
    assert len(pairs) == len(grades)
    recused = {(s.application, s.member) for s in sheet.scores if s.score is not None}
    assert pairs == recused  # a member with any usable score gives a grade, no one else
    assert all(0 <= g.value <= 100 for g in grades)
    assert {g.application for g in grades} == {a.id for a in call.applications}


def _model(seed: int = 0) -> UncertaintyModel:
    call, sheet = synthetic_round()
    return fit_uncertainty(member_grades(call, sheet), seed=seed, draws=600, burn_in=200)


@pytest.fixture(scope="module")
def model() -> UncertaintyModel:
    return _model()


def test_zone_by_places(model: UncertaintyModel) -> None:
    zone = funding_zone(model, fundable=18)
    assert zone.kind is LineKind.RANK and zone.line == 18
    assert not set(zone.funded) & set(zone.zone) and not set(zone.zone) & set(zone.not_funded)
    assert len(zone.funded) + len(zone.zone) + len(zone.not_funded) == len(model.applications)
    assert len(zone.funded) + zone.places == 18
    assert 0 < zone.places < len(zone.zone)
    rows = {r.application: r for r in model.applications}
    assert all(rows[a].rank_high <= 18 for a in zone.funded)
    assert all(rows[a].rank_low > 18 for a in zone.not_funded)
    assert all(rows[a].rank_low <= 18 < rows[a].rank_high for a in zone.zone)


def test_zone_by_quality(model: UncertaintyModel) -> None:
    line = model.applications[17].quality
    zone = funding_zone(model, line=line)
    rows = {r.application: r for r in model.applications}
    assert zone.kind is LineKind.QUALITY
    assert all(rows[a].quality_low > line for a in zone.funded)
    assert all(rows[a].quality_high < line for a in zone.not_funded)
    assert zone.places == sum(rows[a].quality > line for a in zone.zone)
    assert zone.places <= len(zone.zone)


def test_lottery_replays_and_counts_places(model: UncertaintyModel) -> None:
    zone = funding_zone(model, fundable=18)
    lottery = draw_lottery(zone, seed=2024)
    assert lottery == draw_lottery(zone, seed=2024)
    assert len(lottery.funded) == 18 and lottery.places == zone.places
    assert [e.order for e in lottery.entries] == list(range(1, len(zone.zone) + 1))
    assert sorted(e.application for e in lottery.entries) == sorted(zone.zone)
    codes = Counter(p.reason.code for p in lottery.placements)
    assert codes[Placed.DRAWN] == zone.places
    assert codes[Placed.ABOVE] == len(zone.funded) and codes[Placed.BELOW] == len(zone.not_funded)
    assert {p.application for p in lottery.placements if p.funded} == set(lottery.funded)
    orders = {draw_lottery(zone, seed=s).funded for s in range(10)}
    assert len(orders) > 1  # another seed, another draw


def test_weights_are_respected() -> None:
    grades = [Grade(a, m, 50) for a in ("a", "b", "c") for m in ("m1", "m2")]
    zone = funding_zone(fit_uncertainty(grades, seed=0, draws=200), fundable=1)
    assert set(zone.zone) == {"a", "b", "c"} and zone.places == 1
    weights = {"a": Decimal(2), "b": Decimal("1"), "c": Decimal("0.5")}
    first = Counter(draw_lottery(zone, seed=s, weights=weights).funded[0] for s in range(3500))
    # probabilities 2/3.5, 1/3.5, 0.5/3.5: 2000, 1000, 500 expected
    assert abs(first["a"] - 2000) < 120 and abs(first["b"] - 1000) < 100
    assert abs(first["c"] - 500) < 80
    drawn = draw_lottery(zone, seed=0, weights=weights)
    assert {e.application: e.weight for e in drawn.entries} == weights
    assert str(drawn.entries[0].weight) in ("2", "1", "0.5")


def test_places_capped_by_the_zone() -> None:
    grades = [Grade(a, m, 50) for a in ("a", "b") for m in ("m1", "m2")]
    model = fit_uncertainty(grades, seed=0, draws=100)
    everything = draw_lottery(funding_zone(model, fundable=2), seed=0)
    assert len(everything.funded) == 2 and everything.places == 0
    nothing = draw_lottery(funding_zone(model, fundable=0), seed=0)
    assert nothing.funded == () and all(p.reason.code is Placed.BELOW for p in nothing.placements)


@pytest.mark.parametrize(
    ("kwargs", "where"),
    [
        ({"seed": -1}, "seed"),
        ({"seed": 1, "draws": 0}, "draws"),
        ({"seed": 1, "burn_in": -1}, "burn_in"),
        ({"seed": 1, "chains": 0}, "chains"),
        ({"seed": 1, "level": 1.0}, "level"),
        ({"seed": 1, "level": 0}, "level"),
        ({"seed": 1, "prior": (1, 0)}, "prior"),
        ({"seed": 1, "prior": (1,)}, "prior"),
        ({"seed": 1, "panels": {"a": "p"}}, "panels['b']"),
        ({"seed": True}, "seed"),
    ],
)
def test_bad_settings(kwargs: dict, where: str) -> None:
    grades = [Grade("a", "m", 1), Grade("b", "m", 2)]
    with pytest.raises(ValidationError) as info:
        fit_uncertainty(grades, **kwargs)
    assert str(info.value).startswith(f"{where}: ") and "\n" not in str(info.value)


def test_bad_grades() -> None:
    with pytest.raises(ValidationError, match=r"^grades: must grade at least 2 applications"):
        fit_uncertainty([Grade("a", "m", 1), Grade("a", "n", 2)], seed=0)
    with pytest.raises(ValidationError, match=r"^grades\[1\]: m grades a twice"):
        fit_uncertainty([Grade("a", "m", 1), Grade("a", "m", 2), Grade("b", "m", 1)], seed=0)
    with pytest.raises(ValidationError, match=r"^grades\[0\]: must be a Grade"):
        fit_uncertainty([("a", "m", 1)], seed=0)  # type: ignore[list-item]
    for bad in (float("nan"), float("inf"), "7", True, None):
        with pytest.raises(ValidationError, match=r"^value: must be a finite number"):
            Grade("a", "m", bad)  # type: ignore[arg-type]
    assert Grade("a", "m", Decimal("7.5")).value == 7.5


def test_bad_zone_and_lottery(model: UncertaintyModel) -> None:
    with pytest.raises(ValidationError, match=r"^fundable: give exactly one"):
        funding_zone(model)
    with pytest.raises(ValidationError, match=r"^fundable: give exactly one"):
        funding_zone(model, fundable=1, line=50.0)
    with pytest.raises(ValidationError, match=r"^fundable: must be at most the 53"):
        funding_zone(model, fundable=54)
    with pytest.raises(ValidationError, match=r"^line: must be a finite number"):
        funding_zone(model, line=float("inf"))
    zone = funding_zone(model, fundable=18)
    outside = zone.funded[0]
    with pytest.raises(ValidationError, match=f"^weights\\['{outside}'\\]: names an application"):
        draw_lottery(zone, seed=1, weights={outside: Decimal(1)})
    inside = zone.zone[0]
    for bad in (Decimal(0), Decimal(-1), Decimal("NaN"), "x"):
        with pytest.raises(
            ValidationError, match=f"^weights\\['{inside}'\\]: must be a number > 0"
        ):
            draw_lottery(zone, seed=1, weights={inside: bad})  # type: ignore[dict-item]
    with pytest.raises(ValidationError, match=r"^seed: must be an integer >= 0"):
        draw_lottery(zone, seed=-3)


@st.composite
def designs(draw: st.DrawFn) -> list[Grade]:
    n_apps = draw(st.integers(2, 6))
    n_members = draw(st.integers(1, 4))
    grades = []
    for a in range(n_apps):
        who = draw(st.sets(st.integers(0, n_members - 1), min_size=1))
        for m in sorted(who):
            grades.append(Grade(f"a{a}", f"m{m}", draw(st.integers(0, 100))))
    return grades


@settings(max_examples=25, deadline=None)
@given(designs(), st.integers(0, 2**32), st.sampled_from([0.5, 0.8, 0.9]))
def test_properties_of_any_small_design(grades: list[Grade], seed: int, level: float) -> None:
    model = fit_uncertainty(grades, seed=seed, draws=80, burn_in=20, chains=2, level=level)
    n = len({g.application for g in grades})
    assert len(model.applications) == n and model.grades == len(grades)
    table = np.array(model.rank_probabilities)
    assert table.shape == (n, n)
    assert np.allclose(table.sum(axis=1), 1) and np.allclose(table.sum(axis=0), 1)
    expected = [r.expected_rank for r in model.applications]
    assert expected == sorted(expected)
    for r in model.applications:
        assert 1 <= r.rank_low <= r.rank_high <= n
        assert r.quality_low <= r.quality <= r.quality_high
        ranks = np.arange(1, n + 1)
        assert r.expected_rank == pytest.approx(float(ranks @ np.array(r.probabilities)))
        support = ranks[np.array(r.probabilities) > 0]
        assert support.min() <= round(r.expected_rank) <= support.max()
        median = int(np.searchsorted(np.cumsum(r.probabilities), 0.5 - 1e-9)) + 1
        assert r.rank_low <= median <= r.rank_high
    assert sum(e.offset for e in model.reviewers) == pytest.approx(0, abs=1e-6)
    for fundable in range(n + 1):
        zone = funding_zone(model, fundable=fundable)
        assert not set(zone.funded) & set(zone.zone)
        assert len(zone.funded) + zone.places == fundable
        assert 0 <= zone.places <= len(zone.zone)
        lottery = draw_lottery(zone, seed=seed)
        assert len(lottery.funded) == fundable == sum(p.funded for p in lottery.placements)
