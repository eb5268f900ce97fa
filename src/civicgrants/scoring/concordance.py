"""Inter-rater agreement of a commission: Kendall's coefficient of concordance W.

Kendall's W measures how far the members rank the applications the same way:
``1`` = every member ranks them identically, ``0`` = no agreement at all.
Each member's scores are turned into ranks (tied scores share the average
rank); with ``R_i`` the sum of the ranks of application ``i`` over the ``m``
members and ``n`` applications::

    S = sum_i (R_i - m (n + 1) / 2) ** 2
    W = 12 S / (m**2 (n**3 - n) - m sum_j T_j),   T_j = sum over member j's tie groups of (t**3 - t)

(the tie-corrected form). The significance test uses the Friedman statistic
``chi2 = m (n - 1) W`` with ``n - 1`` degrees of freedom; its p-value is the
chi-square survival function, computed here without scipy from the
regularised upper incomplete gamma function (`chi2_sf()`).

Missing scores
--------------
A member recused from an application, or who marked a criterion not
applicable, leaves a ``NaN`` cell. W is computed over the **complete cases**:
the applications every member in the set scored (members who scored nothing
at all are left out of the set first). `Agreement.items` says how many
applications were used and `Agreement.dropped` how many were left out.
With fewer than 2 applications or 2 members, or when every member gave every
used application the same score, W is undefined (``nan``, band ``"undefined"``).

Interpretation bands
--------------------
Following the usual convention for W as an effect size (Cohen's guidelines as
used for Kendall's W, e.g. by R's ``rstatix::kendall_w``): ``W < 0.3`` weak,
``0.3 <= W < 0.5`` moderate, ``W >= 0.5`` strong.

Examples
--------
>>> a = kendall_w([[1, 1, 2], [2, 3, 1], [3, 2, 3], [4, 4, 4]])
>>> round(a.w, 4), a.chi2, a.df, a.band
(0.7778, 7.0, 3, 'strong')
"""

from __future__ import annotations

import math

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from civicgrants.errors import Problem, ValidationError
from civicgrants.model.display import shows
from civicgrants.scoring.batch import Panel

__all__ = [
    "Agreement",
    "band",
    "chi2_sf",
    "gamma_q",
    "kendall_w",
    "panel_agreement",
]

_EPS = 1e-15
_TINY = 1e-300


@shows
@attrs.frozen
class Agreement:
    """Kendall's W for one set of rankings.

    Attributes
    ----------
    w : float
        The coefficient, tie-corrected, in [0, 1] (``nan`` when undefined).
    chi2 : float
        Friedman statistic ``m (n - 1) W``.
    df : int
        Degrees of freedom ``n - 1``.
    p_value : float
        ``P(chi2_df >= chi2)``: the chance of this much agreement if members ranked at random.
    raters : int
        Members used (``m``).
    items : int
        Applications used (``n``, the complete cases).
    dropped : int
        Applications left out because some member in the set has no score.
    ties : float
        ``sum_j T_j``, the tie correction term.
    band : str
        ``"weak"``, ``"moderate"``, ``"strong"`` or ``"undefined"``.

    Examples
    --------
    >>> a = kendall_w([[1, 1, 2], [2, 3, 1], [3, 2, 3], [4, 4, 4]])
    >>> a.raters, a.items, a.df, round(a.p_value, 4)
    (3, 4, 3, 0.0719)

    See Also
    --------
    kendall_w : computes one.
    panel_agreement : one per criterion and for the totals.
    """

    w: float
    chi2: float
    df: int
    p_value: float
    raters: int
    items: int
    dropped: int
    ties: float
    band: str


def band(w: float) -> str:
    """The interpretation band of W: weak (< 0.3), moderate (< 0.5), strong.

    Parameters
    ----------
    w : float
        Kendall's W, or ``nan`` when undefined.

    Returns
    -------
    str
        ``"weak"``, ``"moderate"``, ``"strong"`` or ``"undefined"`` (``nan``).

    Examples
    --------
    >>> band(0.1), band(0.3), band(0.5), band(float("nan"))
    ('weak', 'moderate', 'strong', 'undefined')

    See Also
    --------
    kendall_w : sets `Agreement.band` with it.
    """
    if math.isnan(w):
        return "undefined"
    if w < 0.3:
        return "weak"
    if w < 0.5:
        return "moderate"
    return "strong"


def gamma_q(a: float, x: float) -> float:
    """Regularised upper incomplete gamma ``Q(a, x) = Γ(a, x) / Γ(a)``.

    Series for ``P = 1 - Q`` when ``x < a + 1``, Lentz's continued fraction
    otherwise; relative accuracy about 1e-14.

    Parameters
    ----------
    a : float
        The shape, > 0.
    x : float
        The lower limit of the integral; ``x <= 0`` gives 1, ``inf`` gives 0,
        ``nan`` gives ``nan``.

    Returns
    -------
    float
        ``Q(a, x)`` in [0, 1].

    Raises
    ------
    ValueError
        When ``a`` is not > 0 (or is ``nan``).

    Examples
    --------
    >>> round(gamma_q(1.0, 2.0), 12) == round(math.exp(-2.0), 12)
    True
    >>> gamma_q(2.0, 0.0), gamma_q(2.0, math.inf)
    (1.0, 0.0)

    See Also
    --------
    chi2_sf : the chi-square survival function built on it.
    """
    if a <= 0 or math.isnan(a):
        raise ValueError(f"a: must be > 0, got {a!r}")
    if math.isnan(x):
        return math.nan
    if x <= 0:
        return 1.0
    if math.isinf(x):
        return 0.0
    log_front = -x + a * math.log(x) - math.lgamma(a)
    if x < a + 1:
        term = total = 1.0 / a
        n = 0
        while abs(term) > abs(total) * _EPS and n < 10_000:
            n += 1
            term *= x / (a + n)
            total += term
        return max(0.0, 1.0 - total * math.exp(log_front))
    b = x + 1 - a
    c = 1 / _TINY
    d = 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = _TINY if abs(d) < _TINY else d
        c = b + an / c
        c = _TINY if abs(c) < _TINY else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < _EPS:
            break
    return math.exp(log_front) * h


def chi2_sf(x: float, df: float) -> float:
    """Chi-square survival function ``P(X >= x)`` for ``df`` degrees of freedom.

    Computed without scipy as ``gamma_q(df / 2, x / 2)``.

    Parameters
    ----------
    x : float
        The statistic.
    df : float
        Degrees of freedom, > 0.

    Returns
    -------
    float
        The upper-tail probability.

    Raises
    ------
    ValueError
        When ``df`` is not > 0.

    Examples
    --------
    >>> round(chi2_sf(3.841458820694124, 1), 12)
    0.05
    >>> round(chi2_sf(7.0, 3), 4)
    0.0719

    See Also
    --------
    gamma_q : the regularised upper incomplete gamma function.
    kendall_w : uses it for `Agreement.p_value`.
    """
    if df <= 0:
        raise ValueError(f"df: must be > 0, got {df!r}")
    return gamma_q(df / 2, x / 2)


def _ranks(column: NDArray[np.float64]) -> tuple[NDArray[np.float64], float]:
    """Average ranks (1-based) and the tie term sum(t**3 - t) of one member's scores."""
    order = np.argsort(column, kind="stable")
    values = column[order]
    ranks = np.empty(column.size, dtype=np.float64)
    ties = 0.0
    start = 0
    while start < values.size:
        stop = start
        while stop + 1 < values.size and values[stop + 1] == values[start]:
            stop += 1
        ranks[order[start : stop + 1]] = (start + stop) / 2 + 1
        t = stop - start + 1
        ties += t**3 - t
        start = stop + 1
    return ranks, ties


def kendall_w(scores: ArrayLike) -> Agreement:
    """Kendall's W of ``scores [applications, members]`` (``NaN`` = no score).

    Scores (or ranks — the result is the same) of each member are ranked with
    average ranks for ties; see the module docstring for missing cells.

    Parameters
    ----------
    scores : array_like [applications, members]
        One column per member; ``NaN`` = no score (recused, not applicable, missing).

    Returns
    -------
    Agreement
        W (tie-corrected), the Friedman statistic and its p-value, the counts
        used and dropped, and the band; ``nan`` / ``"undefined"`` with fewer than
        2 complete applications or 2 members, or no spread at all.

    Raises
    ------
    civicgrants.errors.ValidationError
        When ``scores`` is not 2-d or holds infinities.

    Examples
    --------
    A member recused from the second application: it is left out.

    >>> import numpy as np
    >>> a = kendall_w([[1, 2], [2, np.nan], [3, 3], [4, 5]])
    >>> a.w, a.items, a.dropped, a.band
    (1.0, 3, 1, 'strong')

    See Also
    --------
    panel_agreement : per criterion and for the totals of a panel.
    Agreement : the result.
    chi2_sf : the p-value.
    """
    x = np.asarray(scores, dtype=np.float64)
    if x.ndim != 2:
        raise ValidationError(
            [Problem("scores", f"must be a 2-d array [applications, members], got shape {x.shape}")]
        )
    if np.isinf(x).any():
        a, m = (int(i) for i in np.argwhere(np.isinf(x))[0])
        raise ValidationError(
            [Problem(f"scores[{a}, {m}]", f"must be finite or NaN, got {x[a, m]}")]
        )
    present = ~np.isnan(x)
    x = x[:, present.any(axis=0)]
    complete = ~np.isnan(x).any(axis=1)
    used = x[complete]
    n, m = used.shape
    dropped = int(x.shape[0] - n)
    if n < 2 or m < 2:
        return Agreement(
            math.nan, math.nan, max(n - 1, 0), math.nan, m, n, dropped, 0.0, "undefined"
        )
    ranks = np.empty_like(used)
    ties = 0.0
    for j in range(m):
        ranks[:, j], t = _ranks(used[:, j])
        ties += t
    r = ranks.sum(axis=1)
    s = float(((r - m * (n + 1) / 2) ** 2).sum())
    denominator = m * m * (n**3 - n) - m * ties
    if denominator <= 0:
        return Agreement(math.nan, math.nan, n - 1, math.nan, m, n, dropped, ties, "undefined")
    w = min(max(12 * s / denominator, 0.0), 1.0)
    chi2 = m * (n - 1) * w
    return Agreement(w, chi2, n - 1, chi2_sf(chi2, n - 1), m, n, dropped, ties, band(w))


def panel_agreement(panel: Panel) -> dict[str, Agreement]:
    """Kendall's W of a `Panel`, per criterion and for totals.

    Keys: each criterion id, then ``"total"``. Agreement is about the members'
    own judgements, so it uses the raw scores (no calibration). A member's
    total for an application is ``100 * sum_c w_c n_c / sum_c w_c`` of their own
    scores, missing when any criterion is missing.

    Parameters
    ----------
    panel : Panel
        The round (raw scores, scales, directions, weights, criterion ids).

    Returns
    -------
    dict of str to Agreement
        Per criterion id (call order), then ``"total"``.

    Examples
    --------
    >>> import numpy as np
    >>> p = Panel.from_arrays(
    ...     np.array([[[9, 2], [8, 3]], [[5, 5], [6, 4]], [[1, 9], [2, 8]]], dtype=float),
    ...     lo=0, hi=10, grant=[1, 1, 1], pot=1, criterion_ids=["quality", "cost"],
    ... )
    >>> {k: a.w for k, a in panel_agreement(p).items()}
    {'quality': 1.0, 'cost': 1.0, 'total': 1.0}

    See Also
    --------
    kendall_w : the coefficient of one set of rankings.
    civicgrants.scoring.robustness.agreement : the same from a call and its decision.
    """
    out = {cid: kendall_w(panel.scores[:, :, c]) for c, cid in enumerate(panel.criterion_ids)}
    width = panel.hi - panel.lo
    norm = np.where(
        panel.higher, (panel.scores - panel.lo) / width, (panel.hi - panel.scores) / width
    )
    total = 100 * (norm * panel.weight).sum(axis=-1) / panel.weight.sum()
    out["total"] = kendall_w(total)
    return out
