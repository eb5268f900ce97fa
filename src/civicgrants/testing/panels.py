"""Hypothesis strategies for `Panel`.

Small rounds (a few applications, members and criteria) on coarse scales so
that tied scores and tied totals are common, with unusable (``NaN``) cells
(whole recusals and single "not applicable" scores), thresholds, every
aggregation and calibration rule, locality limits (minimum and maximum
counts and amounts) and overrides.

>>> from hypothesis import given, settings
>>> @settings(max_examples=5, deadline=None)
... @given(panels())
... def check(panel):
...     assert panel.scores.ndim == 3
>>> check()
"""

from __future__ import annotations

import math

import hypothesis.strategies as st
import numpy as np

from civicgrants.scoring.batch import AGGREGATIONS, Panel

__all__ = ["panels"]


@st.composite
def panels(
    draw: st.DrawFn,
    *,
    max_applications: int = 7,
    max_members: int = 4,
    max_criteria: int = 3,
    localities: bool = True,
    overrides: bool = True,
) -> Panel:
    """Valid panels; every one builds with `Panel.from_arrays()`.

    A `hypothesis.strategies.composite()` strategy: call it with the keyword
    arguments below (never with ``draw``) to get the strategy.

    Parameters
    ----------
    max_applications, max_members, max_criteria : int
        Upper bounds of the three axes (each at least 1); 7, 4 and 3 by default.
    localities, overrides : bool
        Whether locality limits and fund / not-fund overrides may appear;
        both ``True`` by default.

    Returns
    -------
    SearchStrategy[Panel]
        Panels whose ``scores`` array is shaped (applications, members,
        criteria), with at least one criterion of non-zero weight and a pot
        that covers every forced ("fund") override.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None, deadline=None)
    ... @given(panels(max_applications=3, max_members=2, max_criteria=2, overrides=False))
    ... def check(panel):
    ...     n_a, n_m, n_c = panel.scores.shape
    ...     assert 1 <= n_a <= 3 and 1 <= n_m <= 2 and 1 <= n_c <= 2
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(panels(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__, simplest.scores.ndim
    ('Panel', 3)

    See Also
    --------
    civicgrants.scoring.batch.Panel : the value type.
    civicgrants.testing.scoring.scored_calls : calls with score sheets, the typed form.
    """
    n_a = draw(st.integers(1, max_applications))
    n_m = draw(st.integers(1, max_members))
    n_c = draw(st.integers(1, max_criteria))
    lo = np.array([draw(st.sampled_from([0.0, 1.0])) for _ in range(n_c)])
    step = np.array([draw(st.sampled_from([1.0, 0.5, 2.0])) for _ in range(n_c)])
    levels = np.array([draw(st.integers(1, 5)) for _ in range(n_c)])
    hi = lo + step * levels
    k = np.array(
        [
            [[draw(st.integers(0, int(levels[c]))) for c in range(n_c)] for _ in range(n_m)]
            for _ in range(n_a)
        ],
        dtype=np.float64,
    )
    scores = lo + k * step
    recused = draw(
        st.lists(st.tuples(st.integers(0, n_a - 1), st.integers(0, n_m - 1)), max_size=3)
    )
    for a, m in recused:
        scores[a, m, :] = math.nan
    missing = draw(
        st.lists(
            st.tuples(st.integers(0, n_a - 1), st.integers(0, n_m - 1), st.integers(0, n_c - 1)),
            max_size=2,
        )
    )
    for a, m, c in missing:
        scores[a, m, c] = math.nan
    confidence = np.array(
        [draw(st.sampled_from([0.25, 0.5, 1.0])) for _ in range(n_a * n_m * n_c)]
    ).reshape(n_a, n_m, n_c)
    weight = np.array([draw(st.integers(0, 3)) for _ in range(n_c)], dtype=np.float64)
    if not weight.any():
        weight[0] = 1.0
    higher = np.array([draw(st.booleans()) for _ in range(n_c)])
    threshold = np.array(
        [
            draw(st.none() | st.integers(0, int(levels[c])).map(float))
            if draw(st.booleans())
            else None
            for c in range(n_c)
        ],
        dtype=object,
    )
    thr = np.array(
        [math.nan if t is None else lo[c] + t * step[c] for c, t in enumerate(threshold)]
    )
    overall = draw(st.none() | st.sampled_from([0.0, 25.0, 40.0, 50.0, 60.0]))
    aggregation = draw(st.sampled_from(AGGREGATIONS))
    trim = draw(st.sampled_from([0.0, 0.2, 0.25, 0.5]))
    calibration = draw(st.sampled_from([None, "zscore", "rescaled"]))
    grant = np.array([draw(st.integers(1, 10)) for _ in range(n_a)], dtype=np.int64)
    forced = np.zeros(n_a, dtype=np.int64)
    if overrides:
        for i in range(n_a):
            forced[i] = draw(st.sampled_from([0, 0, 0, 0, 1, -1]))
    need = int(grant[forced == 1].sum())
    pot = need + draw(st.integers(0, int(grant.sum())))
    n_l = draw(st.integers(0, 2)) if localities else 0
    loc = min_c = max_c = max_a = min_a = None
    if n_l:
        loc = np.array([draw(st.integers(-1, n_l - 1)) for _ in range(n_a)])
        min_c = np.array([draw(st.integers(-1, 2)) for _ in range(n_l)])
        max_c = np.array([draw(st.integers(-1, 3)) for _ in range(n_l)])
        max_a = np.array([draw(st.integers(-1, 20)) for _ in range(n_l)])
        min_a = np.array(
            [draw(st.integers(-1, 20 if max_a[i] < 0 else int(max_a[i]))) for i in range(n_l)]
        )
    order_key = np.array(draw(st.permutations(range(n_a))), dtype=np.float64)
    tie_break = draw(st.permutations(range(n_c)))
    tie_break = tie_break[: draw(st.integers(0, n_c))]
    return Panel.from_arrays(
        scores,
        lo=lo,
        hi=hi,
        step=step,
        weight=weight,
        higher=higher,
        threshold=thr,
        overall_threshold=overall,
        aggregation=aggregation,
        trim=trim,
        calibration=calibration,
        calibration_min=draw(st.integers(1, 3)),
        confidence=confidence,
        grant=grant,
        pot=pot,
        partial=draw(st.booleans()),
        locality=loc,
        min_count=min_c,
        max_count=max_c,
        max_amount=max_a,
        min_amount=min_a,
        forced=forced,
        order_key=order_key,
        tie_break=tie_break,
    )
