"""Kendall's W against hand-computed examples; the chi-square survival function."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from civicgrants.errors import ValidationError
from civicgrants.scoring.batch import Panel
from civicgrants.scoring.concordance import band, chi2_sf, gamma_q, kendall_w, panel_agreement


def test_textbook_example_without_ties() -> None:
    # 3 members rank 4 applications: rank sums 4, 6, 8, 12; S = 35; W = 12*35 / (9*60) = 7/9
    a = kendall_w([[1, 1, 2], [2, 3, 1], [3, 2, 3], [4, 4, 4]])
    assert a.w == pytest.approx(7 / 9)
    assert a.chi2 == pytest.approx(7.0)
    assert a.df == 3 and a.raters == 3 and a.items == 4 and a.dropped == 0
    assert a.ties == 0
    # chi2 with 3 df: sf(x) = erfc(sqrt(x/2)) + sqrt(2x/pi) exp(-x/2)
    assert a.p_value == pytest.approx(
        math.erfc(math.sqrt(3.5)) + math.sqrt(14 / math.pi) * math.exp(-3.5), rel=1e-12
    )


def test_textbook_example_with_ties() -> None:
    # member 1 ties applications 2 and 3 (ranks 2.5, 2.5): T = 2**3 - 2 = 6
    # rank sums 4, 5.5, 8.5, 12; S = 37.5; W = 12*37.5 / (9*60 - 3*6) = 450/522
    a = kendall_w([[10, 1, 2], [20, 2, 1], [20, 3, 3], [30, 4, 4]])
    assert a.ties == 6
    assert a.w == pytest.approx(450 / 522)
    assert a.chi2 == pytest.approx(3 * 3 * 450 / 522)


def test_identical_rankings_give_one_and_reversed_give_zero() -> None:
    a = kendall_w([[1, 1, 1], [2, 2, 2], [3, 3, 3], [4, 4, 4], [5, 5, 5]])
    assert a.w == 1.0 and a.band == "strong"
    assert a.chi2 == 12.0 and a.p_value == pytest.approx(math.exp(-6) * 7)  # df 4
    b = kendall_w([[1, 4], [2, 3], [3, 2], [4, 1]])
    assert b.w == 0.0 and b.band == "weak" and b.p_value == pytest.approx(1.0)


def test_missing_cells_are_complete_cases() -> None:
    a = kendall_w([[1, 2, 1], [2, np.nan, 2], [3, 3, 3], [4, 1, np.nan], [5, 5, 5]])
    assert (a.items, a.dropped) == (3, 2)
    assert a.w == 1.0
    # a member without any score is left out of the set
    b = kendall_w([[1, np.nan, 1], [2, np.nan, 2], [3, np.nan, 3]])
    assert (b.raters, b.items, b.w) == (2, 3, 1.0)


def test_undefined_cases() -> None:
    assert math.isnan(kendall_w([[1, 2]]).w)
    assert kendall_w([[1], [2], [3]]).band == "undefined"
    everyone_ties = kendall_w([[5, 5], [5, 5], [5, 5]])
    assert math.isnan(everyone_ties.w) and everyone_ties.band == "undefined"
    with pytest.raises(ValidationError, match=r"scores: must be a 2-d array"):
        kendall_w([1, 2, 3])
    with pytest.raises(ValidationError, match=r"scores\[1, 0\]: must be finite or NaN"):
        kendall_w([[1, 2], [np.inf, 3]])


@settings(max_examples=200, deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(2, 8), st.integers(2, 5)),
        elements=st.sampled_from([0.0, 1.0, 2.0, 3.0, 4.0, math.nan]),
    )
)
def test_w_is_in_unit_interval_and_p_is_a_probability(x: np.ndarray) -> None:
    a = kendall_w(x)
    if math.isnan(a.w):
        return
    assert 0 <= a.w <= 1
    assert 0 <= a.p_value <= 1
    assert a.chi2 == pytest.approx(a.raters * (a.items - 1) * a.w)
    # relabelling the ranks in the same way for every member changes nothing
    b = kendall_w(-x)
    assert b.w == pytest.approx(a.w)


@pytest.mark.parametrize(
    ("x", "df", "expected"),
    [
        (3.841458820694124, 1, 0.05),  # the 95 % critical values of chi-square tables
        (11.070497693516351, 5, 0.05),
        (18.307038053275146, 10, 0.05),
        (6.634896601021214, 1, 0.01),
        (3.84, 1, 0.05004352124870519),
        (2.0, 2, math.exp(-1.0)),  # df 2: sf = exp(-x/2)
        (40.0, 2, math.exp(-20.0)),
        (3.0, 4, math.exp(-1.5) * 2.5),  # df 4: sf = exp(-x/2) (1 + x/2)
        (0.0, 3, 1.0),
        (1e-3, 1, math.erfc(math.sqrt(5e-4))),  # df 1: sf = erfc(sqrt(x/2))
        (150.0, 100, None),
    ],
)
def test_chi2_survival_against_known_values(x: float, df: int, expected: float | None) -> None:
    if expected is None:  # df 100 at 150: sum of the closed form for even df
        h = x / 2
        expected = math.exp(-h) * sum(
            math.exp(k * math.log(h) - math.lgamma(k + 1)) for k in range(50)
        )
    assert chi2_sf(x, df) == pytest.approx(expected, rel=1e-9, abs=1e-300)


def test_gamma_q_edges() -> None:
    assert gamma_q(2.5, math.inf) == 0.0
    assert math.isnan(gamma_q(2.5, math.nan))
    with pytest.raises(ValueError, match="a: must be > 0"):
        gamma_q(0, 1)
    with pytest.raises(ValueError, match="df: must be > 0"):
        chi2_sf(1.0, 0)


def test_bands() -> None:
    assert [band(w) for w in (0.0, 0.29, 0.3, 0.49, 0.5, 1.0)] == [
        "weak",
        "weak",
        "moderate",
        "moderate",
        "strong",
        "strong",
    ]


def test_panel_agreement_per_criterion_and_total() -> None:
    scores = np.array(
        [
            [[9, 1], [8, 2], [9, 9]],
            [[6, 5], [7, 5], [np.nan, np.nan]],  # member 3 recused
            [[3, 9], [2, 8], [1, 1]],
            [[5, 4], [5, 6], [6, 5]],
        ],
        dtype=float,
    )
    p = Panel.from_arrays(scores, lo=0, hi=10, grant=[1] * 4, pot=1, criterion_ids=["q", "r"])
    out = panel_agreement(p)
    assert list(out) == ["q", "r", "total"]
    assert out["q"].items == 3 and out["q"].dropped == 1
    assert out["q"].w == 1.0  # every member: a0 > a3 > a2
    assert out["r"].w < out["q"].w
    expected_total = kendall_w((scores / 10).mean(axis=-1) * 100)
    assert out["total"].w == pytest.approx(expected_total.w)
