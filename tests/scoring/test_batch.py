"""The vectorised decision engine against a plain, one-draw-at-a-time reference."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.scoring.batch import (
    Panel,
    aggregate,
    calibrate,
    decide_batch,
    eligible,
    rank,
    totals,
)
from civicgrants.testing.panels import panels

# --------------------------------------------------------------------------- reference
# A deliberately simple transcription of the scoring spec, steps 2-7, in exact
# Fraction arithmetic (square roots of the z-score calibration are the float
# square root, made a Fraction), one draw at a time.


def _sqrt(q: Fraction) -> Fraction:
    return Fraction(math.sqrt(q)) if q else Fraction(0)


def reference(panel: Panel, scores: np.ndarray) -> tuple[list[bool], list[int]]:
    n_a, n_m, n_c = panel.shape
    lo = [Fraction(float(v)) for v in panel.lo]
    hi = [Fraction(float(v)) for v in panel.hi]
    val: dict[tuple[int, int, int], Fraction] = {}
    for a in range(n_a):
        for m in range(n_m):
            for c in range(n_c):
                if not math.isnan(scores[a, m, c]):
                    val[a, m, c] = Fraction(float(scores[a, m, c]))

    # 2. calibration
    def cells(m: int | None, c: int) -> list[tuple[int, int, int]]:
        return [k for k in val if k[2] == c and (m is None or k[1] == m)]

    if panel.calibration is not None and all(
        len(cells(m, c)) >= panel.calibration_min for m in range(n_m) for c in range(n_c)
    ):
        new = {}
        for c in range(n_c):
            allv = [val[k] for k in cells(None, c)]
            mu_c = sum(allv) / len(allv)
            sd_c = _sqrt(sum((v - mu_c) ** 2 for v in allv) / len(allv))
            for m in range(n_m):
                mine = cells(m, c)
                vs = [val[k] for k in mine]
                mu = sum(vs) / len(vs)
                sd = _sqrt(sum((v - mu) ** 2 for v in vs) / len(vs))
                for k in mine:
                    s = val[k]
                    if panel.calibration == "zscore":
                        x = mu_c if sd == 0 else mu_c + (s - mu) / sd * sd_c
                    else:
                        low, top = min(vs), max(vs)
                        x = (
                            (lo[c] + hi[c]) / 2
                            if top == low
                            else lo[c] + (s - low) / (top - low) * (hi[c] - lo[c])
                        )
                    new[k] = min(max(x, lo[c]), hi[c])
        val = new

    # 3. aggregation
    trim = Fraction(str(panel.trim))
    agg: dict[tuple[int, int], Fraction | None] = {}
    for a in range(n_a):
        for c in range(n_c):
            vs = sorted(val[a, m, c] for m in range(n_m) if (a, m, c) in val)
            n = len(vs)
            if n == 0:
                agg[a, c] = None
                continue
            median = (vs[(n - 1) // 2] + vs[n // 2]) / 2
            if panel.aggregation == "mean":
                agg[a, c] = sum(vs) / n
            elif panel.aggregation == "median":
                agg[a, c] = median
            elif panel.aggregation == "trimmed_mean":
                k = math.floor(n * trim)
                kept = vs[k : n - k]
                agg[a, c] = sum(kept) / len(kept) if kept else median
            else:
                pairs = [
                    (Fraction(str(panel.confidence[a, m, c])), val[a, m, c])
                    for m in range(n_m)
                    if (a, m, c) in val
                ]
                agg[a, c] = sum(w * s for w, s in pairs) / sum(w for w, _ in pairs)

    # 4-5. normalised scores, totals, thresholds
    weight = [Fraction(float(w)) for w in panel.weight]
    norm: dict[int, list[Fraction]] = {}
    total: dict[int, Fraction | None] = {}
    ok: dict[int, bool] = {}
    for a in range(n_a):
        if any(agg[a, c] is None for c in range(n_c)):
            total[a], ok[a] = None, False
            continue
        ns = []
        good = True
        for c in range(n_c):
            x = agg[a, c]
            assert x is not None
            width = hi[c] - lo[c]
            ns.append((x - lo[c]) / width if panel.higher[c] else (hi[c] - x) / width)
            t = panel.threshold[c]
            if not math.isnan(t):
                t = Fraction(float(t))
                good &= x >= t if panel.higher[c] else x <= t
        norm[a] = ns
        total[a] = 100 * sum(w * v for w, v in zip(weight, ns, strict=True)) / sum(weight)
        if not math.isnan(panel.overall_threshold):
            good &= total[a] >= Fraction(panel.overall_threshold)
        ok[a] = good

    # 6. ranking
    def key(a: int) -> tuple[object, ...]:
        t = total[a]
        if ok[a]:
            assert t is not None
            return (0, -t, *(-norm[a][c] for c in panel.tie_break), panel.order_key[a])
        if t is None:
            return (2, 0, panel.order_key[a])
        return (1, -t, *(-norm[a][c] for c in panel.tie_break), panel.order_key[a])

    order = sorted(range(n_a), key=key)

    # 7. funding
    loc = [int(v) for v in panel.locality]

    def limit(arr: np.ndarray, a: int) -> int:
        return -1 if loc[a] < 0 else int(arr[loc[a]])

    funded = [False] * n_a
    granted = [0] * n_a
    remaining = panel.pot

    def count(a: int) -> int:
        return sum(1 for b in range(n_a) if funded[b] and loc[b] >= 0 and loc[b] == loc[a])

    def spent(a: int) -> int:
        return sum(granted[b] for b in range(n_a) if funded[b] and loc[b] >= 0 and loc[b] == loc[a])

    def allowed(a: int, amount: int) -> bool:
        mc, ma = limit(panel.max_count, a), limit(panel.max_amount, a)
        return (mc < 0 or count(a) + 1 <= mc) and (ma < 0 or spent(a) + amount <= ma)

    def fund(a: int, amount: int) -> None:
        nonlocal remaining
        funded[a], granted[a] = True, amount
        remaining -= amount

    for a in order:
        if panel.forced[a] == 1:
            fund(a, int(panel.grant[a]))
    candidates = [a for a in order if ok[a] and panel.forced[a] == 0]
    for a in candidates:
        short = count(a) < limit(panel.min_count, a) or spent(a) < limit(panel.min_amount, a)
        g = int(panel.grant[a])
        if short and g <= remaining and allowed(a, g):
            fund(a, g)
    for a in candidates:
        if funded[a]:
            continue
        g = int(panel.grant[a])
        if not allowed(a, g):
            continue
        if g <= remaining:
            fund(a, g)
        elif panel.partial and remaining > 0:
            fund(a, remaining)
            break
    return funded, granted


# --------------------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(panels())
def test_decide_batch_matches_the_reference(panel: Panel) -> None:
    funded, granted = decide_batch(panel, panel.scores[None])
    ref_funded, ref_granted = reference(panel, panel.scores)
    assert funded[0].tolist() == ref_funded
    assert granted[0].tolist() == ref_granted


@settings(max_examples=100, deadline=None)
@given(panels(), st.integers(0, 2**32 - 1))
def test_decide_batch_matches_the_reference_on_noisy_draws(panel: Panel, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = panel.scores[None] + rng.normal(0, 1, (3, *panel.shape)) * panel.step
    x = np.clip(x, panel.lo, panel.hi)
    funded, granted = decide_batch(panel, x)
    for d in range(3):
        ref_funded, ref_granted = reference(panel, x[d])
        assert funded[d].tolist() == ref_funded
        assert granted[d].tolist() == ref_granted


@settings(max_examples=150, deadline=None)
@given(panels(), st.integers(0, 2**32 - 1))
def test_funded_total_never_exceeds_the_pot_and_overrides_hold(panel: Panel, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = np.clip(panel.scores[None] + rng.normal(0, 2, (8, *panel.shape)), panel.lo, panel.hi)
    funded, granted = decide_batch(panel, x)
    assert (granted.sum(axis=1) <= panel.pot).all()
    assert (granted[~funded] == 0).all()
    assert (granted[funded] > 0).all()
    assert (granted <= panel.grant).all()
    assert funded[:, panel.forced == 1].all()
    assert not funded[:, panel.forced == -1].any()
    # a draw-by-draw call gives the same answer as the batch
    for d in range(8):
        f1, g1 = decide_batch(panel, x[d : d + 1])
        assert (f1[0] == funded[d]).all() and (g1[0] == granted[d]).all()


# --------------------------------------------------------------------------- examples


def _panel(scores: list[list[list[float]]], **kw: object) -> Panel:
    kw.setdefault("lo", 0)
    kw.setdefault("hi", 10)
    kw.setdefault("grant", [10] * len(scores))
    kw.setdefault("pot", 100)
    return Panel.from_arrays(np.array(scores, dtype=float), **kw)  # type: ignore[arg-type]


def test_aggregations_by_hand() -> None:
    s = [[[1], [2], [3], [10]], [[4], [np.nan], [6], [8]]]
    assert aggregate(_panel(s), _panel(s).scores[None])[0, :, 0].tolist() == [4.0, 6.0]
    p = _panel(s, aggregation="median")
    assert aggregate(p, p.scores[None])[0, :, 0].tolist() == [2.5, 6.0]
    p = _panel(s, aggregation="trimmed_mean", trim=0.25)  # 4 → drop 1 each end; 3 → none
    assert aggregate(p, p.scores[None])[0, :, 0].tolist() == [2.5, 6.0]
    conf = np.ones((2, 4, 1))
    conf[0, 3, 0] = 0.25
    p = _panel(s, aggregation="confidence_mean", confidence=conf)
    assert aggregate(p, p.scores[None])[0, 0, 0] == pytest.approx((1 + 2 + 3 + 2.5) / 3.25)


def test_totals_direction_weights_and_missing() -> None:
    p = _panel(
        [[[8, 2]], [[5, np.nan]]], weight=[3, 1], higher=[True, False], threshold=[6, np.nan]
    )
    t = totals(p, p.scores[None])[0]
    assert t[0] == pytest.approx(100 * (3 * 0.8 + 1 * 0.8) / 4)
    assert math.isnan(t[1])
    assert eligible(p, p.scores[None])[0].tolist() == [True, False]


def test_calibration_needs_enough_scores_and_rescales() -> None:
    s = [[[2], [6]], [[4], [8]], [[6], [10]]]
    p = _panel(s, calibration="rescaled", calibration_min=3)
    cal = calibrate(p, p.scores[None])[0, :, :, 0]
    assert cal.tolist() == [[0, 0], [5, 5], [10, 10]]
    p = _panel(s, calibration="rescaled", calibration_min=4)  # not applied: only 3 each
    assert (calibrate(p, p.scores[None])[0] == p.scores).all()
    p = _panel(s, calibration="zscore", calibration_min=3)
    cal = calibrate(p, p.scores[None])[0, :, :, 0]
    assert cal[:, 0] == pytest.approx(cal[:, 1])  # a lenient member no longer counts more


def test_ties_use_tie_break_criteria_then_order_key() -> None:
    s = [[[5, 5]], [[4, 6]], [[6, 4]]]  # equal totals
    p = _panel(s, tie_break=[1], order_key=[2, 1, 0])
    assert rank(p, p.scores[None])[0].tolist() == [1, 0, 2]
    p = _panel(s, tie_break=[], order_key=[2, 1, 0])
    assert rank(p, p.scores[None])[0].tolist() == [2, 1, 0]


def test_greedy_skips_partial_and_overrides() -> None:
    s = [[[9]], [[8]], [[7]], [[6]]]
    p = _panel(s, grant=[50, 60, 40, 30], pot=100)
    assert decide_batch(p, p.scores[None])[1][0].tolist() == [50, 0, 40, 0]
    p = _panel(s, grant=[50, 60, 40, 30], pot=100, partial=True)
    assert decide_batch(p, p.scores[None])[1][0].tolist() == [50, 50, 0, 0]
    p = _panel(s, grant=[50, 60, 40, 30], pot=100, forced=[-1, 0, 0, 1])
    assert decide_batch(p, p.scores[None])[1][0].tolist() == [0, 60, 0, 30]


def test_locality_minimum_and_limits() -> None:
    s = [[[9]], [[8]], [[7]], [[6]]]
    p = _panel(s, grant=[40, 40, 40, 40], pot=100, locality=[0, 0, 0, 1], min_count=[-1, 1])
    # the minimum pass funds a3 first; greedy then funds a0, and a1 no longer fits
    assert decide_batch(p, p.scores[None])[0][0].tolist() == [True, False, False, True]
    p = _panel(s, grant=[40, 40, 40, 40], pot=100, locality=[0, 0, 0, 1])
    assert decide_batch(p, p.scores[None])[0][0].tolist() == [True, True, False, False]
    p = _panel(s, grant=[40, 40, 10, 10], pot=100, locality=[0, 0, 0, 1], max_count=[2, -1])
    assert decide_batch(p, p.scores[None])[0][0].tolist() == [True, True, False, True]
    p = _panel(s, grant=[40, 40, 10, 10], pot=100, locality=[0, 0, 0, 1], max_amount=[50, -1])
    assert decide_batch(p, p.scores[None])[0][0].tolist() == [True, False, True, True]


def test_locality_minimum_amount() -> None:
    s = [[[9]], [[8]], [[7]], [[6]], [[5]]]
    grant = [40, 40, 10, 15, 20]
    loc = [0, 0, 1, 1, 1]
    # locality 1 must get 30: a2 (10) and a3 (15) are not enough, a4 (20) tops it up to 45
    p = _panel(s, grant=grant, pot=100, locality=loc, min_amount=[-1, 30])
    f, g = decide_batch(p, p.scores[None])
    assert g[0].tolist() == [40, 0, 10, 15, 20]
    assert f[0].tolist() == [True, False, True, True, True]
    # without the minimum amount greedy funds a0, a1, a2 and nothing else fits
    p = _panel(s, grant=grant, pot=100, locality=loc)
    assert decide_batch(p, p.scores[None])[1][0].tolist() == [40, 40, 10, 0, 0]
    # a minimum count that is already met does not stop the amount from pulling more in
    p = _panel(s, grant=grant, pot=100, locality=loc, min_count=[-1, 1], min_amount=[-1, 30])
    assert decide_batch(p, p.scores[None])[1][0].tolist() == [40, 0, 10, 15, 20]
    # unreachable: the locality's max_amount 25 stops the walk at 25 < 30; no error
    p = _panel(s, grant=grant, pot=100, locality=loc, min_amount=[-1, 25], max_amount=[-1, 25])
    assert decide_batch(p, p.scores[None])[1][0].tolist() == [40, 0, 10, 15, 0]
    # unreachable: the pot
    p = _panel(s, grant=grant, pot=30, locality=loc, min_amount=[-1, 30])
    assert decide_batch(p, p.scores[None])[1][0].tolist() == [0, 0, 10, 15, 0]
    # min_amount 0 is no minimum
    p = _panel(s, grant=grant, pot=100, locality=loc, min_amount=[0, 0])
    assert decide_batch(p, p.scores[None])[1][0].tolist() == [40, 40, 10, 0, 0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"scores": np.zeros((2, 2))}, "scores: must be a 3-d array"),
        ({"grant": [1, 2, 3]}, "grant: must have shape (2,), got (3,)"),
        ({"grant": [1, 0]}, "grant[1]: must be >= 1"),
        ({"lo": [0, 1]}, "lo: must be a scalar or have shape (1,), got (2,)"),
        ({"hi": 0}, "hi[0]: must be > lo"),
        ({"scores": np.full((2, 1, 1), 11.0)}, "scores[0, 0, 0]: must be 0 + k*1 between 0 and 10"),
        ({"scores": np.full((2, 1, 1), 2.5)}, "scores[0, 0, 0]: must be 0 + k*1"),
        ({"weight": 0}, "weight: must be >= 0 and not all 0"),
        ({"aggregation": "mode"}, "aggregation: must be one of"),
        ({"forced": [1, 1], "pot": 1}, "forced: the 'fund' overrides need 2, more than the pot 1"),
        ({"forced": [2, 0]}, "forced[0]: must be -1, 0 or +1"),
        ({"confidence": np.zeros((2, 1, 1))}, "confidence[0, 0, 0]: must be in (0, 1]"),
        ({"locality": [0, -2]}, "locality[1]: must be -1 (none)"),
        ({"locality": [0, 0], "min_amount": [-2]}, "min_amount[0]: must be -1 (none) or >= 0"),
        (
            {"locality": [0, 0], "min_amount": [5], "max_amount": [3]},
            "min_amount[0]: must be <= max_amount[0] (3) when both are given, got 5",
        ),
        ({"min_amount": [[1]]}, "min_amount: must be a 1-d array"),
        ({"tie_break": [0, 0]}, "tie_break: must be distinct criterion indices"),
        ({"overall_threshold": 120}, "overall_threshold: must be between 0 and 100"),
    ],
)
def test_from_arrays_names_the_bad_argument(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {
        "scores": np.ones((2, 1, 1)),
        "lo": 0,
        "hi": 10,
        "grant": [1, 1],
        "pot": 5,
    }
    args.update(kwargs)
    with pytest.raises(ValidationError) as err:
        Panel.from_arrays(**args)  # type: ignore[arg-type]
    assert message in str(err.value)


def test_decide_batch_rejects_wrong_shapes_and_nan_patterns() -> None:
    p = _panel([[[5]], [[np.nan]]])
    with pytest.raises(ValidationError, match=r"scores: must have shape \[D, 2, 1, 1\]"):
        decide_batch(p, np.zeros((1, 3, 1, 1)))
    with pytest.raises(ValidationError, match="NaN exactly where"):
        decide_batch(p, np.zeros((1, 2, 1, 1)))


def test_panel_arrays_are_read_only() -> None:
    p = _panel([[[5]]])
    with pytest.raises(ValueError, match="read-only"):
        p.scores[0, 0, 0] = 1
