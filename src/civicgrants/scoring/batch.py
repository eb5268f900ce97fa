"""Vectorised commission decisions over many score draws at once.

A `Panel` is one scoring round reduced to plain numpy arrays, independent
of the entity classes: the individual scores ``[A, M, C]`` (applications ×
members × criteria, ``NaN`` where a score is unusable: recused, not applicable,
missing), the scales, weights and thresholds of the criteria, the aggregation
and calibration rules, the grants, the pot, locality limits and overrides.

`decide_batch()` applies steps 2–7 of the scoring semantics (calibration,
aggregation, normalisation, thresholds, ranking, funding) to ``D`` score arrays
at once, ``[D, A, M, C]`` → ``funded [D, A]``, ``granted [D, A]``. It is the
engine of the Monte Carlo funding-line sensitivity
(`civicgrants.scoring.montecarlo`); the exact, explained decisions come
from `civicgrants.scoring.commission`.

Floating point
--------------
Scores are floats here. Values that are equal in exact arithmetic may differ
in the last bits after float arithmetic, so comparisons use a tolerance:
thresholds pass at ``a >= t - 1e-9 * (max - min)``, totals (0..100) are tied
when they differ by at most ``TOTAL_TOL`` (1e-7), normalised criterion scores
(0..1) when they differ by at most ``NORM_TOL`` (1e-9). Under continuous noise
such near-ties have probability zero; at zero noise they make the float result
equal the exact one.

Ranking
-------
Eligible applications first: total descending; ties (within ``TOTAL_TOL``)
broken by the panel's ``tie_break`` criteria (normalised score descending, one
criterion after another), then by ``order_key`` ascending — the rest of the
cascade (contribution share, lot), fixed per round. Applications below
threshold follow, by total descending (no total last), then ``order_key``.

Funding
-------
In money minor units (``int64``), per draw:

1. ``forced == +1`` applications are funded first (they may be below
   threshold); their grants must fit the pot (checked by `Panel.from_arrays()`).
   ``forced == -1`` ones are never funded. Forced grants count towards their
   locality's count and amount.
2. If any locality has a ``min_count`` or a ``min_amount``: one pass down the
   ranking funds an eligible application whose locality has fewer funded than
   its ``min_count`` or less granted than its ``min_amount``, if its grant fits
   the remaining pot and its locality's ``max_count`` and ``max_amount``. A
   minimum the pass cannot reach is left unreached.
3. Greedy with skip down the ranking: an eligible, not yet funded application
   is funded when its grant fits the remaining pot and its locality's limits;
   otherwise skipped. With ``partial`` funding, the first eligible application
   whose grant does not fit the remaining pot (but whose locality limits allow
   its full grant, and the remaining pot is not zero) receives the whole
   remaining pot, which ends the funding.

Examples
--------
>>> import numpy as np
>>> panel = Panel.from_arrays(
...     np.array([[[8.0], [9.0]], [[5.0], [6.0]], [[7.0], [7.0]]]),
...     lo=0, hi=10, grant=[60, 50, 50], pot=100,
... )
>>> funded, granted = decide_batch(panel, panel.scores[None])
>>> funded[0].tolist(), granted[0].tolist()
([True, False, False], [60, 0, 0])
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Final, Literal

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from civicgrants.errors import Problem, ValidationError
from civicgrants.model.display import shows

__all__ = [
    "AGGREGATIONS",
    "CALIBRATIONS",
    "NORM_TOL",
    "TOTAL_TOL",
    "Panel",
    "aggregate",
    "calibrate",
    "decide_batch",
    "decide_internal",
    "eligible",
    "fund_ranked",
    "internal_scores",
    "rank",
    "rank_order",
    "stages",
    "totals",
    "usable_mask",
]

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
B = NDArray[np.bool_]

AGGREGATIONS: Final = ("mean", "median", "trimmed_mean", "confidence_mean")
CALIBRATIONS: Final = (None, "zscore", "rescaled")
TOTAL_TOL: Final = 1e-7
NORM_TOL: Final = 1e-9
_SCALE_TOL: Final = 1e-9

Aggregation = Literal["mean", "median", "trimmed_mean", "confidence_mean"]
Calibration = Literal["zscore", "rescaled"] | None


def _frozen(a: NDArray[Any]) -> NDArray[Any]:
    a = np.array(a, copy=True)
    a.setflags(write=False)
    return a


def _fail(path: str, message: str) -> ValidationError:
    return ValidationError([Problem(path, message)])


_INT64 = 2**63
"""Amounts in minor units are int64: each, and all grants together, stay below this."""


@shows
@attrs.frozen(eq=False)
class Panel:
    """One scoring round as plain arrays (see the module docstring).

    Build it with `from_arrays()`, which validates every argument; the
    arrays are read-only copies.

    Attributes
    ----------
    scores : float64 [A, M, C]
        Individual raw scores; ``NaN`` = unusable (recused, not applicable).
    confidence : float64 [A, M, C]
        Confidence of each score in (0, 1] (used by ``confidence_mean``).
    lo, hi, step, weight : float64 [C]
        Scale minimum, maximum, step; criterion weight (>= 0, not all 0).
    higher : bool [C]
        ``True`` when a higher score is better.
    threshold : float64 [C]
        Raw-scale criterion threshold, ``NaN`` = none.
    overall_threshold : float
        Threshold on the total (0..100), ``NaN`` = none.
    aggregation, trim : str, float
        How member scores are combined per (application, criterion).
    calibration, calibration_min : str | None, int
        Optional per-member calibration and the minimum count that enables it.
    grant : int64 [A]
        ``min(requested, max_grant)`` in money minor units (> 0).
    pot : int
        The pot in minor units.
    partial : bool
        Partial funding of the first application that does not fit.
    locality : int64 [A]
        Locality code per application, ``-1`` = none.
    min_count, max_count, max_amount, min_amount : int64 [L]
        Per-locality limits (amounts in minor units), ``-1`` = none.
    forced : int8 [A]
        ``+1`` fund override, ``-1`` not-fund override, ``0`` none.
    order_key : float64 [A]
        Tie-break rank after the criterion priority (lower first).
    tie_break : tuple[int, ...]
        Criterion indices compared (normalised score descending) when totals tie.
    application_ids, member_ids, criterion_ids : tuple[str, ...]
        Labels used in reports.

    Examples
    --------
    >>> import numpy as np
    >>> p = Panel.from_arrays([[[4.0], [np.nan]], [[6.0], [5.0]]], lo=0, hi=10, grant=[1, 1], pot=1)
    >>> p.shape, p.application_ids, p.aggregation, p.tie_break
    ((2, 2, 1), ('a0', 'a1'), 'mean', (0,))
    >>> p.scores.flags.writeable
    False

    See Also
    --------
    decide_batch : decides many score draws of a panel at once.
    civicgrants.scoring.robustness.to_panel : the panel of a call and its exact decision.
    civicgrants.scoring.concordance.panel_agreement : Kendall's W of a panel.
    """

    scores: F64
    confidence: F64
    lo: F64
    hi: F64
    step: F64
    weight: F64
    higher: B
    threshold: F64
    overall_threshold: float
    aggregation: Aggregation
    trim: float
    calibration: Calibration
    calibration_min: int
    grant: I64
    pot: int
    partial: bool
    locality: I64
    min_count: I64
    max_count: I64
    max_amount: I64
    min_amount: I64
    forced: NDArray[np.int8]
    order_key: F64
    tie_break: tuple[int, ...]
    application_ids: tuple[str, ...]
    member_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]

    @property
    def shape(self) -> tuple[int, int, int]:
        """``(applications, members, criteria)``.

        Returns
        -------
        tuple of int
            ``scores.shape`` as plain ints.

        Examples
        --------
        >>> Panel.from_arrays([[[1.0, 2.0]]], lo=0, hi=10, grant=[5], pot=10).shape
        (1, 1, 2)

        See Also
        --------
        Panel.usable : the usable cells, of this shape.
        """
        a, m, c = self.scores.shape
        return int(a), int(m), int(c)

    @property
    def usable(self) -> B:
        """``bool [A, M, C]``: where a score is usable.

        Returns
        -------
        numpy.ndarray
            True where ``scores`` is not ``NaN``.

        Examples
        --------
        >>> import numpy as np
        >>> p = Panel.from_arrays([[[4.0], [np.nan]], [[6.0], [5.0]]], lo=0, hi=10, grant=[1, 1], pot=1)
        >>> p.usable[:, :, 0].tolist()
        [[True, False], [True, True]]

        See Also
        --------
        usable_mask : the same in the internal layout ``[A, C, M]``.
        """
        return ~np.isnan(self.scores)

    @classmethod
    def from_arrays(
        cls,
        scores: ArrayLike,
        *,
        lo: ArrayLike,
        hi: ArrayLike,
        grant: ArrayLike,
        pot: int,
        step: ArrayLike = 1.0,
        weight: ArrayLike = 1.0,
        higher: ArrayLike = True,
        threshold: ArrayLike = math.nan,
        overall_threshold: float | None = None,
        aggregation: str = "mean",
        trim: float = 0.25,
        calibration: str | None = None,
        calibration_min: int = 5,
        confidence: ArrayLike | None = None,
        partial: bool = False,
        locality: ArrayLike | None = None,
        min_count: ArrayLike | None = None,
        max_count: ArrayLike | None = None,
        max_amount: ArrayLike | None = None,
        min_amount: ArrayLike | None = None,
        forced: ArrayLike | None = None,
        order_key: ArrayLike | None = None,
        tie_break: Sequence[int] | None = None,
        application_ids: Sequence[str] | None = None,
        member_ids: Sequence[str] | None = None,
        criterion_ids: Sequence[str] | None = None,
    ) -> Panel:
        """Validate numpy-only inputs and build a `Panel`.

        Per-criterion arguments (``lo``, ``hi``, ``step``, ``weight``,
        ``higher``, ``threshold``) may be scalars (same for every criterion) or
        length-``C`` sequences. Missing optional arrays mean: confidence 1,
        no localities, no overrides, ``order_key = 0..A-1``, ``tie_break`` = all
        criteria in order, ids ``a0…``, ``m0…``, ``c0…``.

        Parameters
        ----------
        scores : array_like [A, M, C]
            Individual raw scores, ``NaN`` = unusable; each usable one is
            ``lo + k * step`` within ``[lo, hi]``.
        lo, hi : array_like, scalar or [C]
            Scale minimum and maximum (``hi > lo``).
        grant : array_like [A]
            Integer grants in minor units (>= 1).
        pot : int
            The pot in minor units (>= 0).
        step : array_like, scalar or [C]
            Scale step (> 0).
        weight : array_like, scalar or [C]
            Criterion weights (>= 0, not all 0).
        higher : array_like, scalar or [C]
            ``True`` when a higher score is better.
        threshold : array_like, scalar or [C]
            Raw-scale criterion threshold within the scale, ``NaN`` = none.
        overall_threshold : float, optional
            Threshold on the total, between 0 and 100.
        aggregation : str
            One of ``AGGREGATIONS``.
        trim : float
            Share trimmed at each end by ``trimmed_mean``, in [0, 0.5].
        calibration : str, optional
            ``"zscore"`` or ``"rescaled"``.
        calibration_min : int
            Applications every member must have scored on every criterion
            for calibration to apply (>= 1).
        confidence : array_like [A, M, C], optional
            Confidences in (0, 1] where a score is usable.
        partial : bool
            Partial funding of the first application that does not fit.
        locality : array_like [A], optional
            Locality code per application, ``-1`` = none.
        min_count, max_count, max_amount, min_amount : array_like [L], optional
            Per-locality limits (amounts in minor units), ``-1`` = none;
            ``min_amount <= max_amount`` when both are given.
        forced : array_like [A], optional
            ``+1`` fund override, ``-1`` not-fund override, ``0`` none; the
            ``+1`` grants must fit the pot.
        order_key : array_like [A], optional
            Finite tie-break keys after the criterion priority (lower first).
        tie_break : sequence of int, optional
            Distinct criterion indices compared when totals tie.
        application_ids, member_ids, criterion_ids : sequence of str, optional
            Labels used in reports, one per index.

        Returns
        -------
        Panel
            With read-only array copies.

        Raises
        ------
        civicgrants.errors.ValidationError
            (a ``ValueError``) naming the argument, e.g. ``grant: must have
            shape (3,), got (2,)``.

        Examples
        --------
        >>> Panel.from_arrays([[[1.0]]], lo=0, hi=10, grant=[5], pot=10).shape
        (1, 1, 1)
        >>> Panel.from_arrays([[1.0]], lo=0, hi=10, grant=[5], pot=10)
        Traceback (most recent call last):
        ...
        civicgrants.errors.ValidationError: scores: must be a 3-d array [applications, members, criteria], got shape (1, 1)

        See Also
        --------
        civicgrants.scoring.robustness.to_panel : builds one from a call.
        decide_batch : decides score draws of the panel.
        """
        s = np.asarray(scores, dtype=np.float64)
        if s.ndim != 3:
            raise _fail(
                "scores",
                f"must be a 3-d array [applications, members, criteria], got shape {s.shape}",
            )
        n_a, n_m, n_c = s.shape
        if n_a < 1 or n_m < 1 or n_c < 1:
            raise _fail("scores", f"must have at least one of each axis, got shape {s.shape}")

        def per_crit(name: str, value: ArrayLike, dtype: Any) -> NDArray[Any]:
            arr = np.asarray(value, dtype=dtype)
            if arr.ndim == 0:
                arr = np.full(n_c, arr, dtype=dtype)
            if arr.shape != (n_c,):
                raise _fail(name, f"must be a scalar or have shape ({n_c},), got {arr.shape}")
            return arr

        lo_a = per_crit("lo", lo, np.float64)
        hi_a = per_crit("hi", hi, np.float64)
        step_a = per_crit("step", step, np.float64)
        weight_a = per_crit("weight", weight, np.float64)
        higher_a = per_crit("higher", higher, np.bool_)
        thr_a = per_crit("threshold", threshold, np.float64)
        for name, arr in (("lo", lo_a), ("hi", hi_a), ("step", step_a), ("weight", weight_a)):
            if not np.all(np.isfinite(arr)):
                raise _fail(name, f"must be finite, got {arr.tolist()}")
        bad = np.flatnonzero(hi_a <= lo_a)
        if bad.size:
            c = int(bad[0])
            raise _fail(f"hi[{c}]", f"must be > lo ({lo_a[c]:g}), got {hi_a[c]:g}")
        bad = np.flatnonzero(step_a <= 0)
        if bad.size:
            raise _fail(f"step[{int(bad[0])}]", f"must be > 0, got {step_a[bad[0]]:g}")
        if np.any(weight_a < 0) or not np.any(weight_a > 0):
            raise _fail("weight", f"must be >= 0 and not all 0, got {weight_a.tolist()}")
        known = ~np.isnan(thr_a)
        bad = np.flatnonzero(known & ((thr_a < lo_a) | (thr_a > hi_a)))
        if bad.size:
            c = int(bad[0])
            raise _fail(
                f"threshold[{c}]",
                f"must be between {lo_a[c]:g} and {hi_a[c]:g}, got {thr_a[c]:g}",
            )

        usable = ~np.isnan(s)
        span = (hi_a - lo_a) * _SCALE_TOL
        off = usable & ((s < lo_a - span) | (s > hi_a + span))
        k = (s - lo_a) / step_a
        off |= usable & (np.abs(k - np.round(k)) > 1e-9)
        off |= np.isinf(s)
        if np.any(off):
            a, m, c = (int(i) for i in np.argwhere(off)[0])
            raise _fail(
                f"scores[{a}, {m}, {c}]",
                f"must be {lo_a[c]:g} + k*{step_a[c]:g} between {lo_a[c]:g} and {hi_a[c]:g}, "
                f"got {s[a, m, c]!r}",
            )

        if confidence is None:
            conf = np.ones_like(s)
        else:
            conf = np.asarray(confidence, dtype=np.float64)
            if conf.shape != s.shape:
                raise _fail("confidence", f"must have shape {s.shape}, got {conf.shape}")
            badc = usable & ~((conf > 0) & (conf <= 1))
            if np.any(badc):
                a, m, c = (int(i) for i in np.argwhere(badc)[0])
                raise _fail(
                    f"confidence[{a}, {m}, {c}]", f"must be in (0, 1], got {conf[a, m, c]!r}"
                )

        t_all = math.nan if overall_threshold is None else float(overall_threshold)
        if not math.isnan(t_all) and not 0 <= t_all <= 100:
            raise _fail("overall_threshold", f"must be between 0 and 100, got {t_all:g}")
        if aggregation not in AGGREGATIONS:
            raise _fail(
                "aggregation", f"must be one of {', '.join(AGGREGATIONS)}, got {aggregation!r}"
            )
        if not 0 <= trim < 0.5 + 1e-12 or math.isnan(trim):
            raise _fail("trim", f"must be between 0 and 0.5, got {trim!r}")
        if calibration not in CALIBRATIONS:
            raise _fail("calibration", f"must be None, 'zscore' or 'rescaled', got {calibration!r}")
        if int(calibration_min) != calibration_min or calibration_min < 1:
            raise _fail("calibration_min", f"must be an integer >= 1, got {calibration_min!r}")

        def ints(name: str, value: ArrayLike | None, n: int, default: int) -> I64:
            if value is None:
                return np.full(n, default, dtype=np.int64)
            raw = np.asarray(value)
            if raw.shape != (n,):
                raise _fail(name, f"must have shape ({n},), got {raw.shape}")
            if raw.size and not np.all(np.asarray(raw, dtype=np.float64) == np.round(raw)):
                raise _fail(name, f"must hold integers, got {raw.tolist()}")
            if raw.dtype.kind != "i":  # floats, uint64 or Python ints: some may not fit in int64
                for i, v in enumerate(raw.tolist()):
                    if not -_INT64 <= int(v) < _INT64:
                        raise _fail(f"{name}[{i}]", f"must fit in 64 bits, got {v}")
            return raw.astype(np.int64)

        grant_a = ints("grant", grant, n_a, 0)
        if sum(int(g) for g in grant_a) >= _INT64:
            raise _fail("grant", "the grants together must fit in 64 bits (minor units)")
        if np.any(grant_a < 1):
            i = int(np.flatnonzero(grant_a < 1)[0])
            raise _fail(f"grant[{i}]", f"must be >= 1 (minor units), got {grant_a[i]}")
        if int(pot) != pot or not 0 <= pot < _INT64:
            raise _fail("pot", f"must be an integer >= 0 (minor units), got {pot!r}")
        loc_a = ints("locality", locality, n_a, -1)
        n_l = int(loc_a.max(initial=-1)) + 1
        for arr_name, arr_v in (
            ("min_count", min_count),
            ("max_count", max_count),
            ("max_amount", max_amount),
            ("min_amount", min_amount),
        ):
            if arr_v is not None:
                n_l = max(n_l, int(np.asarray(arr_v).shape[0]) if np.ndim(arr_v) == 1 else n_l)
                if np.ndim(arr_v) != 1:
                    raise _fail(arr_name, f"must be a 1-d array, got shape {np.shape(arr_v)}")
        if np.any(loc_a < -1):
            i = int(np.flatnonzero(loc_a < -1)[0])
            raise _fail(f"locality[{i}]", f"must be -1 (none) or a code >= 0, got {loc_a[i]}")
        limits = {
            name: ints(name, v, n_l, -1)
            for name, v in (
                ("min_count", min_count),
                ("max_count", max_count),
                ("max_amount", max_amount),
                ("min_amount", min_amount),
            )
        }
        for name, arr in limits.items():
            if np.any(arr < -1):
                i = int(np.flatnonzero(arr < -1)[0])
                raise _fail(f"{name}[{i}]", f"must be -1 (none) or >= 0, got {arr[i]}")
        lo_amt, hi_amt = limits["min_amount"], limits["max_amount"]
        bad = np.flatnonzero((lo_amt >= 0) & (hi_amt >= 0) & (lo_amt > hi_amt))
        if bad.size:
            i = int(bad[0])
            raise _fail(
                f"min_amount[{i}]",
                f"must be <= max_amount[{i}] ({hi_amt[i]}) when both are given, got {lo_amt[i]}",
            )
        forced_a = ints("forced", forced, n_a, 0)
        if np.any((forced_a < -1) | (forced_a > 1)):
            i = int(np.flatnonzero((forced_a < -1) | (forced_a > 1))[0])
            raise _fail(f"forced[{i}]", f"must be -1, 0 or +1, got {forced_a[i]}")
        need = int(grant_a[forced_a == 1].sum())
        if need > pot:
            raise _fail("forced", f"the 'fund' overrides need {need}, more than the pot {int(pot)}")
        if order_key is None:
            key = np.arange(n_a, dtype=np.float64)
        else:
            key = np.asarray(order_key, dtype=np.float64)
            if key.shape != (n_a,) or not np.all(np.isfinite(key)):
                raise _fail("order_key", f"must be {n_a} finite numbers, got shape {key.shape}")
        tb = tuple(range(n_c)) if tie_break is None else tuple(int(c) for c in tie_break)
        if any(not 0 <= c < n_c for c in tb) or len(set(tb)) != len(tb):
            raise _fail("tie_break", f"must be distinct criterion indices 0..{n_c - 1}, got {tb}")

        def labels(name: str, value: Sequence[str] | None, n: int, prefix: str) -> tuple[str, ...]:
            if value is None:
                return tuple(f"{prefix}{i}" for i in range(n))
            out = tuple(str(v) for v in value)
            if len(out) != n:
                raise _fail(name, f"must have {n} labels, got {len(out)}")
            return out

        return cls(
            scores=_frozen(s),
            confidence=_frozen(conf),
            lo=_frozen(lo_a),
            hi=_frozen(hi_a),
            step=_frozen(step_a),
            weight=_frozen(weight_a),
            higher=_frozen(higher_a),
            threshold=_frozen(thr_a),
            overall_threshold=t_all,
            aggregation=aggregation,  # type: ignore[arg-type]
            trim=float(trim),
            calibration=calibration,  # type: ignore[arg-type]
            calibration_min=int(calibration_min),
            grant=_frozen(grant_a),
            pot=int(pot),
            partial=bool(partial),
            locality=_frozen(loc_a),
            min_count=_frozen(limits["min_count"]),
            max_count=_frozen(limits["max_count"]),
            max_amount=_frozen(limits["max_amount"]),
            min_amount=_frozen(limits["min_amount"]),
            forced=_frozen(forced_a.astype(np.int8)),
            order_key=_frozen(key),
            tie_break=tb,
            application_ids=labels("application_ids", application_ids, n_a, "a"),
            member_ids=labels("member_ids", member_ids, n_m, "m"),
            criterion_ids=labels("criterion_ids", criterion_ids, n_c, "c"),
        )


# --------------------------------------------------------------------------- stages
# The stages below are public for the Monte Carlo of `civicgrants.scoring.montecarlo`,
# which runs them on its own noisy arrays without re-checking them. Internal layout: [D, A, C, M] (members last, contiguous for the per-cell
# reductions) with 0.0 in unusable cells and a separate mask [A, C, M].


def internal_scores(panel: Panel, scores: ArrayLike) -> F64:
    """Scores ``[D, A, M, C]`` (or one ``[A, M, C]``) in the internal layout ``[D, A, C, M]``.

    Members are last (contiguous for the per-cell reductions) and unusable
    cells hold ``0.0``; `usable_mask()` says which cells are usable.

    Parameters
    ----------
    panel : Panel
        The round.
    scores : array [D, A, M, C] or [A, M, C]
        Individual scores, ``NaN`` exactly where ``panel.scores`` is ``NaN``.

    Returns
    -------
    numpy.ndarray
        ``float64 [D, A, C, M]``.

    Raises
    ------
    civicgrants.errors.ValidationError
        A wrong shape, or ``NaN`` cells that differ from the panel's.

    Examples
    --------
    >>> import numpy as np
    >>> p = Panel.from_arrays([[[4.0], [np.nan]], [[6.0], [5.0]]], lo=0, hi=10, grant=[1, 1], pot=1)
    >>> internal_scores(p, p.scores).shape
    (1, 2, 1, 2)

    See Also
    --------
    usable_mask : which of its cells are usable.
    stages : the steps run on it.
    decide_internal : the whole decision on it.
    """
    x = np.asarray(scores, dtype=np.float64)
    if x.ndim == 3:
        x = x[None]
    if x.ndim != 4 or x.shape[1:] != panel.scores.shape:
        raise _fail(
            "scores",
            f"must have shape [D, {', '.join(map(str, panel.scores.shape))}], got {x.shape}",
        )
    if not np.array_equal(np.isnan(x), np.broadcast_to(np.isnan(panel.scores), x.shape)):
        raise _fail("scores", "must be NaN exactly where the panel's scores are NaN")
    return np.ascontiguousarray(np.nan_to_num(x, nan=0.0).transpose(0, 1, 3, 2))


def usable_mask(panel: Panel) -> B:
    """Which cells of the internal layout hold a usable score: ``bool [A, C, M]``.

    Parameters
    ----------
    panel : Panel
        The round.

    Returns
    -------
    numpy.ndarray
        True where ``panel.scores`` is not ``NaN``, transposed to ``[A, C, M]``.

    Examples
    --------
    >>> import numpy as np
    >>> p = Panel.from_arrays([[[4.0], [np.nan]], [[6.0], [5.0]]], lo=0, hi=10, grant=[1, 1], pot=1)
    >>> usable_mask(p)[:, 0].tolist()
    [[True, False], [True, True]]

    See Also
    --------
    internal_scores : the scores in the same layout.
    Panel.usable : the same in the panel's layout ``[A, M, C]``.
    """
    return np.ascontiguousarray((~np.isnan(panel.scores)).transpose(0, 2, 1))


def _calibration_applies(panel: Panel) -> bool:
    if panel.calibration is None:
        return False
    counts = (~np.isnan(panel.scores)).sum(axis=0)  # [M, C]
    return bool(np.all(counts >= panel.calibration_min))


def _calibrate(panel: Panel, x: F64, mask: B) -> F64:
    """Calibrate internal-layout scores in place (when the rule applies)."""
    if not _calibration_applies(panel):
        return x
    lo = panel.lo[:, None]
    hi = panel.hi[:, None]
    if panel.calibration == "zscore":
        n_c = mask.sum(axis=(0, 2))[:, None]  # [C, 1]
        mu_c = x.sum(axis=(1, 3), keepdims=True) / n_c  # [D, 1, C, 1]
        dev = np.where(mask, x - mu_c, 0.0)
        sd_c = np.sqrt((dev * dev).sum(axis=(1, 3), keepdims=True) / n_c)
        n_mc = mask.sum(axis=0)  # [C, M]
        mu_mc = x.sum(axis=1, keepdims=True) / n_mc  # [D, 1, C, M]
        dev = np.where(mask, x - mu_mc, 0.0)
        sd_mc = np.sqrt((dev * dev).sum(axis=1, keepdims=True) / n_mc)
        flat = sd_mc <= 1e-12 * (hi - lo)
        ratio = np.divide(sd_c, sd_mc, out=np.zeros_like(sd_mc), where=~flat)
        out = mu_c + (x - mu_mc) * ratio
    else:
        big = np.where(mask, x, np.inf).min(axis=1, keepdims=True)
        top = np.where(mask, x, -np.inf).max(axis=1, keepdims=True)
        width = top - big
        flat = width <= 1e-12 * (hi - lo)
        scale = np.divide(hi - lo, width, out=np.zeros_like(width), where=~flat)
        out = lo + (x - big) * scale
        out = np.where(flat, (lo + hi) / 2, out)
    np.clip(out, lo, hi, out=out)
    out *= mask
    result: F64 = out
    return result


def _aggregate(panel: Panel, x: F64, mask: B) -> F64:
    """[D, A, C, M] (0 in unusable cells) → [D, A, C], NaN where nothing usable."""
    n = mask.sum(axis=-1)  # [A, C]
    none = n == 0
    safe = np.where(none, 1, n)
    if panel.aggregation == "mean":
        out = x.sum(axis=-1) / safe
    elif panel.aggregation == "confidence_mean":
        conf = np.where(mask, panel.confidence.transpose(0, 2, 1), 0.0)
        wsum = conf.sum(axis=-1)
        out = (x * conf).sum(axis=-1) / np.where(none, 1.0, wsum)
    else:
        v = np.sort(np.where(mask, x, np.inf), axis=-1)  # usable first, ascending
        med = _median_sorted(v, n)
        if panel.aggregation == "median":
            out = med
        else:
            k = np.floor(n * panel.trim + 1e-9).astype(np.int64)
            left = n - 2 * k
            j = np.arange(x.shape[-1])
            keep = (j >= k[..., None]) & (j < (n - k)[..., None])
            s = np.where(keep, v, 0.0).sum(axis=-1)
            out = np.where(left > 0, s / np.where(left > 0, left, 1), med)
    return np.where(none, np.nan, out)


def _median_sorted(v: F64, n: I64) -> F64:
    lo_i = np.maximum((n - 1) // 2, 0)
    hi_i = n // 2
    shape = v.shape[:-1]
    a = np.take_along_axis(v, np.broadcast_to(lo_i[..., None], (*shape, 1)), axis=-1)[..., 0]
    hi_i = np.minimum(hi_i, v.shape[-1] - 1)
    b = np.take_along_axis(v, np.broadcast_to(hi_i[..., None], (*shape, 1)), axis=-1)[..., 0]
    result: F64 = (a + b) / 2
    return result


def _normalise(panel: Panel, agg: F64) -> F64:
    width = panel.hi - panel.lo
    return np.where(panel.higher, (agg - panel.lo) / width, (panel.hi - agg) / width)


def _totals(panel: Panel, norm: F64) -> F64:
    w = panel.weight
    # NaN in a zero-weight criterion must still make the total NaN
    t = 100.0 * np.where(np.isnan(norm), np.nan, norm * w).sum(axis=-1) / w.sum()
    return np.asarray(t, dtype=np.float64)


def _eligible(panel: Panel, agg: F64, total: F64) -> B:
    ok = ~np.isnan(agg).any(axis=-1) & ~np.isnan(total)
    thr = panel.threshold
    has = ~np.isnan(thr)
    if np.any(has):
        tol = (panel.hi - panel.lo) * _SCALE_TOL
        with np.errstate(invalid="ignore"):
            passes = np.where(panel.higher, agg >= thr - tol, agg <= thr + tol)
        ok &= np.all(passes | ~has, axis=-1)
    if not math.isnan(panel.overall_threshold):
        with np.errstate(invalid="ignore"):
            ok &= total >= panel.overall_threshold - TOTAL_TOL
    return np.asarray(ok, dtype=np.bool_)


def stages(panel: Panel, x: F64, mask: B) -> tuple[F64, F64, F64, B]:
    """Spec steps 2–5 on internal-layout scores: aggregates, normalised, totals, eligibility.

    Parameters
    ----------
    panel : Panel
        The round.
    x : numpy.ndarray
        Scores from `internal_scores()` (calibrated in place when the rule applies).
    mask : numpy.ndarray
        `usable_mask()` of the panel.

    Returns
    -------
    tuple
        ``aggregates [D, A, C]``, ``normalised [D, A, C]``, ``totals [D, A]``
        (out of 100, ``NaN`` = none) and ``eligible bool [D, A]``.

    Examples
    --------
    >>> import numpy as np
    >>> p = Panel.from_arrays([[[4.0], [np.nan]], [[6.0], [5.0]]], lo=0, hi=10, grant=[1, 1], pot=1)
    >>> agg, norm, total, ok = stages(p, internal_scores(p, p.scores), usable_mask(p))
    >>> total.round(6).tolist(), ok.tolist()
    ([[40.0, 55.0]], [[True, True]])

    See Also
    --------
    rank_order : step 6, from its results.
    totals : steps 2–4 from scores in the panel's layout.
    eligible : steps 2–5 from scores in the panel's layout.
    """
    x = _calibrate(panel, x, mask)
    agg = _aggregate(panel, x, mask)
    norm = _normalise(panel, agg)
    total = _totals(panel, norm)
    return agg, norm, total, _eligible(panel, agg, total)


def rank_order(panel: Panel, total: F64, norm: F64, ok: B) -> I64:
    """Spec step 6: the application index at each rank position, ``int64 [D, A]``.

    Parameters
    ----------
    panel : Panel
        The round (its ``tie_break`` and ``order_key``).
    total, norm, ok : numpy.ndarray
        Totals ``[D, A]``, normalised scores ``[D, A, C]`` and eligibility
        ``[D, A]`` from `stages()`.

    Returns
    -------
    numpy.ndarray
        The permutation: eligible first, then below threshold, then no total.

    Examples
    --------
    >>> import numpy as np
    >>> p = Panel.from_arrays([[[4.0], [np.nan]], [[6.0], [5.0]]], lo=0, hi=10, grant=[1, 1], pot=1)
    >>> _, norm, total, ok = stages(p, internal_scores(p, p.scores), usable_mask(p))
    >>> rank_order(p, total, norm, ok).tolist()
    [[1, 0]]

    See Also
    --------
    stages : its inputs.
    fund_ranked : step 7, down this order.
    rank : steps 2–6 from scores in the panel's layout.
    civicgrants.scoring.rank.rank_entries : the exact ranking.
    """
    # eligible in [-100, 0], below threshold in [100, 200], no total at 300
    key = np.where(ok, -total, 200.0 - total)
    key = np.where(np.isnan(total), 300.0, key)
    perm = np.argsort(key, axis=-1, kind="stable")
    sk = np.take_along_axis(key, perm, axis=-1)
    tied = np.diff(sk, axis=-1) <= TOTAL_TOL
    if not tied.any():
        return perm.astype(np.int64)
    rows = np.flatnonzero(tied.any(axis=-1))
    # refine only the draws with ties: group ids, then each tie-break criterion
    new = np.concatenate([np.ones((rows.size, 1), bool), ~tied[rows]], axis=-1)
    gid_sorted = np.cumsum(new, axis=-1)
    group = np.empty_like(gid_sorted)
    np.put_along_axis(group, perm[rows], gid_sorted, axis=-1)
    sub_norm = norm[rows]
    for c in panel.tie_break:
        nk = sub_norm[..., c]
        nk = -np.where(np.isnan(nk), -np.inf, nk)
        p = np.lexsort((nk, group), axis=-1)
        sg = np.take_along_axis(group, p, axis=-1)
        sn = np.take_along_axis(nk, p, axis=-1)
        with np.errstate(invalid="ignore"):
            step = np.diff(sn, axis=-1) > NORM_TOL
        brk = np.concatenate(
            [np.ones((rows.size, 1), bool), (np.diff(sg, axis=-1) != 0) | step], -1
        )
        g = np.cumsum(brk, axis=-1)
        np.put_along_axis(group, p, g, axis=-1)
    okey = np.broadcast_to(panel.order_key, group.shape)
    perm = perm.astype(np.int64)
    perm[rows] = np.lexsort((okey, group), axis=-1)
    return perm


def fund_ranked(panel: Panel, perm: I64, ok: B) -> tuple[B, I64]:
    """Spec step 7 over draws: the funding rules down each draw's ranking.

    Parameters
    ----------
    panel : Panel
        The round (grants, pot, locality limits, overrides, partial funding).
    perm : numpy.ndarray
        ``int64 [D, A]`` rank order from `rank_order()`.
    ok : numpy.ndarray
        ``bool [D, A]`` eligibility from `stages()`.

    Returns
    -------
    funded : bool [D, A]
    granted : int64 [D, A]
        Minor units granted, in application order.

    Examples
    --------
    >>> import numpy as np
    >>> p = Panel.from_arrays([[[4.0], [np.nan]], [[6.0], [5.0]]], lo=0, hi=10, grant=[1, 1], pot=1)
    >>> _, norm, total, ok = stages(p, internal_scores(p, p.scores), usable_mask(p))
    >>> fund_ranked(p, rank_order(p, total, norm, ok), ok)[0].tolist()
    [[False, True]]

    See Also
    --------
    rank_order : its ranking.
    civicgrants.scoring.funding.fund : the exact funding rules.
    """
    d, n_a = perm.shape
    n_l = panel.min_count.shape[0]
    # locality -1 → an extra column without limits
    loc = np.where(panel.locality < 0, n_l, panel.locality)
    min_c = np.append(panel.min_count, -1)
    max_c = np.append(panel.max_count, -1)
    max_a = np.append(panel.max_amount, -1)
    min_a = np.append(panel.min_amount, -1)
    has_limits = bool(np.any(max_c >= 0) or np.any(max_a >= 0))
    has_minimums = bool(np.any(min_c > 0) or np.any(min_a > 0))
    track = has_limits or has_minimums

    grant_r = panel.grant[perm]  # [D, A]
    loc_r = loc[perm]
    forced_r = panel.forced[perm]
    cand = np.take_along_axis(ok, perm, axis=-1) & (forced_r == 0)
    funded_r = forced_r == 1
    granted_r = np.where(funded_r, grant_r, 0)

    fgrant = np.where(panel.forced == 1, panel.grant, 0)
    count0 = np.bincount(loc, weights=(panel.forced == 1), minlength=n_l + 1).astype(np.int64)
    amount0 = np.bincount(loc, weights=fgrant, minlength=n_l + 1).astype(np.int64)
    remaining = np.full(d, panel.pot - int(fgrant.sum()), dtype=np.int64)
    count = np.tile(count0, (d, 1))
    amount = np.tile(amount0, (d, 1))
    rows = np.arange(d)

    def limits_ok(j: int, l_j: I64, add: I64) -> B:
        if not has_limits:
            return np.ones(d, dtype=np.bool_)
        mc = max_c[l_j]
        ma = max_a[l_j]
        c_ok = (mc < 0) | (count[rows, l_j] + 1 <= mc)
        a_ok = (ma < 0) | (amount[rows, l_j] + add <= ma)
        return np.asarray(c_ok & a_ok, dtype=np.bool_)

    def take(j: int, l_j: I64, yes: B, amount_j: I64) -> None:
        funded_r[:, j] |= yes
        granted_r[:, j] = np.where(yes, amount_j, granted_r[:, j])
        paid = np.where(yes, amount_j, 0)
        remaining[:] -= paid
        if track:
            count[rows, l_j] += yes
            amount[rows, l_j] += paid

    if has_minimums:
        for j in range(n_a):
            l_j = loc_r[:, j]
            g = grant_r[:, j]
            need = (count[rows, l_j] < min_c[l_j]) | (amount[rows, l_j] < min_a[l_j])
            yes = cand[:, j] & ~funded_r[:, j] & need & (g <= remaining)
            if yes.any():
                yes &= limits_ok(j, l_j, g)
                if yes.any():
                    take(j, l_j, yes, g)

    active = np.ones(d, dtype=np.bool_)
    for j in range(n_a):
        l_j = loc_r[:, j]
        g = grant_r[:, j]
        open_ = active & cand[:, j] & ~funded_r[:, j]
        fits = g <= remaining
        lim = limits_ok(j, l_j, g)
        yes = open_ & fits & lim
        if panel.partial:
            part = open_ & ~fits & (remaining > 0)
            if part.any():
                part &= lim  # the locality limits must allow the full grant
                yes_amount = np.where(part, remaining, g)
                take(j, l_j, yes | part, yes_amount)
                active &= ~part
                continue
        if yes.any():
            take(j, l_j, yes, g)

    funded = np.empty_like(funded_r)
    granted = np.empty_like(granted_r)
    np.put_along_axis(funded, perm, funded_r, axis=-1)
    np.put_along_axis(granted, perm, granted_r, axis=-1)
    return funded, granted.astype(np.int64)


def decide_internal(panel: Panel, x: F64, mask: B) -> tuple[B, I64]:
    """Spec steps 2–7 on internal-layout scores: `decide_batch()` without the checks.

    Parameters
    ----------
    panel : Panel
        The round.
    x : numpy.ndarray
        Scores from `internal_scores()`.
    mask : numpy.ndarray
        `usable_mask()` of the panel.

    Returns
    -------
    funded : bool [D, A]
    granted : int64 [D, A]
        Minor units granted.

    Examples
    --------
    >>> import numpy as np
    >>> p = Panel.from_arrays([[[4.0], [np.nan]], [[6.0], [5.0]]], lo=0, hi=10, grant=[1, 1], pot=1)
    >>> funded, granted = decide_internal(p, internal_scores(p, p.scores), usable_mask(p))
    >>> funded.tolist(), granted.tolist()
    ([[False, True]], [[0, 1]])

    See Also
    --------
    decide_batch : the same with the input checks, in the panel's layout.
    stages : steps 2–5.
    rank_order : step 6.
    fund_ranked : step 7.
    """
    _, norm, total, ok = stages(panel, x, mask)
    perm = rank_order(panel, total, norm, ok)
    return fund_ranked(panel, perm, ok)


# --------------------------------------------------------------------------- public API


def calibrate(panel: Panel, scores: ArrayLike) -> F64:
    """Spec step 2 for ``[D, A, M, C]`` scores → calibrated ``[D, A, M, C]`` (NaN kept).

    Returns the scores unchanged (as a copy) when the panel has no calibration
    or some member scored fewer than ``calibration_min`` applications on some
    criterion.

    Parameters
    ----------
    panel : Panel
        The round (its calibration rule and scales).
    scores : array_like [D, A, M, C] or [A, M, C]
        Individual scores, ``NaN`` exactly where ``panel.scores`` is ``NaN``.

    Returns
    -------
    numpy.ndarray
        ``float64 [D, A, M, C]``, clipped to each scale.

    Raises
    ------
    civicgrants.errors.ValidationError
        A wrong shape, or ``NaN`` cells that differ from the panel's.

    Examples
    --------
    ``rescaled`` stretches each member's range to the scale:

    >>> p = Panel.from_arrays([[[4.0], [6.0]], [[6.0], [10.0]], [[8.0], [8.0]]], lo=0, hi=10,
    ...                       grant=[1, 1, 1], pot=1, calibration="rescaled", calibration_min=3)
    >>> calibrate(p, p.scores)[0, :, :, 0].tolist()
    [[0.0, 0.0], [5.0, 10.0], [10.0, 5.0]]

    See Also
    --------
    aggregate : steps 2–3.
    civicgrants.scoring.aggregate.calibrate : the exact calibration.
    """
    mask = usable_mask(panel)
    x = _calibrate(panel, internal_scores(panel, scores), mask)
    out = np.where(mask, x, np.nan).transpose(0, 1, 3, 2)
    return np.ascontiguousarray(out)


def aggregate(panel: Panel, scores: ArrayLike) -> F64:
    """Spec steps 2–3: ``[D, A, M, C]`` individual scores → ``[D, A, C]`` aggregates.

    ``NaN`` where no member has a usable score for the (application, criterion).

    Parameters
    ----------
    panel : Panel
        The round (calibration, aggregation, trim, confidences).
    scores : array_like [D, A, M, C] or [A, M, C]
        Individual scores, ``NaN`` exactly where ``panel.scores`` is ``NaN``.

    Returns
    -------
    numpy.ndarray
        ``float64 [D, A, C]`` aggregates on the raw scale.

    Raises
    ------
    civicgrants.errors.ValidationError
        A wrong shape, or ``NaN`` cells that differ from the panel's.

    Examples
    --------
    >>> import numpy as np
    >>> p = Panel.from_arrays([[[4.0], [6.0], [np.nan]]], lo=0, hi=10, grant=[1], pot=1)
    >>> aggregate(p, p.scores[None]).tolist()
    [[[5.0]]]

    See Also
    --------
    calibrate : step 2.
    totals : steps 2–4.
    civicgrants.scoring.aggregate.aggregate : the exact aggregate.
    """
    mask = usable_mask(panel)
    x = _calibrate(panel, internal_scores(panel, scores), mask)
    return _aggregate(panel, x, mask)


def totals(panel: Panel, scores: ArrayLike) -> F64:
    """Spec steps 2–4: ``[D, A, M, C]`` → totals ``[D, A]`` out of 100 (NaN = no total).

    ``total = 100 * sum_c w_c n_c / sum_c w_c`` of the normalised aggregates;
    a criterion without a usable score (even with weight 0) leaves no total.

    Parameters
    ----------
    panel : Panel
        The round.
    scores : array_like [D, A, M, C] or [A, M, C]
        Individual scores, ``NaN`` exactly where ``panel.scores`` is ``NaN``.

    Returns
    -------
    numpy.ndarray
        ``float64 [D, A]``.

    Raises
    ------
    civicgrants.errors.ValidationError
        A wrong shape, or ``NaN`` cells that differ from the panel's.

    Examples
    --------
    >>> import numpy as np
    >>> p = Panel.from_arrays([[[4.0], [np.nan]], [[6.0], [5.0]]], lo=0, hi=10, grant=[1, 1], pot=1)
    >>> totals(p, p.scores).round(6).tolist()
    [[40.0, 55.0]]

    See Also
    --------
    aggregate : steps 2–3.
    eligible : steps 2–5.
    """
    mask = usable_mask(panel)
    _, _, total, _ = stages(panel, internal_scores(panel, scores), mask)
    return total


def eligible(panel: Panel, scores: ArrayLike) -> B:
    """Spec steps 2–5: ``[D, A, M, C]`` → ``bool [D, A]``, True when ranked for funding.

    An application is eligible when every criterion has a usable score and
    every criterion threshold and the overall threshold pass (with the float
    tolerances of the module docstring).

    Parameters
    ----------
    panel : Panel
        The round (thresholds).
    scores : array_like [D, A, M, C] or [A, M, C]
        Individual scores, ``NaN`` exactly where ``panel.scores`` is ``NaN``.

    Returns
    -------
    numpy.ndarray
        ``bool [D, A]``.

    Raises
    ------
    civicgrants.errors.ValidationError
        A wrong shape, or ``NaN`` cells that differ from the panel's.

    Examples
    --------
    >>> p = Panel.from_arrays([[[4.0]], [[7.0]]], lo=0, hi=10, grant=[1, 1], pot=1, threshold=5)
    >>> eligible(p, p.scores).tolist()
    [[False, True]]

    See Also
    --------
    totals : steps 2–4.
    rank : steps 2–6.
    """
    mask = usable_mask(panel)
    _, _, _, ok = stages(panel, internal_scores(panel, scores), mask)
    return ok


def rank(panel: Panel, scores: ArrayLike) -> I64:
    """Spec steps 2–6: ``[D, A, M, C]`` → ``int64 [D, A]``, the application at each position.

    Eligible applications first (by total, tie-break criteria, ``order_key``),
    then the ones below threshold.

    Parameters
    ----------
    panel : Panel
        The round (thresholds, ``tie_break``, ``order_key``).
    scores : array_like [D, A, M, C] or [A, M, C]
        Individual scores, ``NaN`` exactly where ``panel.scores`` is ``NaN``.

    Returns
    -------
    numpy.ndarray
        ``int64 [D, A]``: the application index at each rank position.

    Raises
    ------
    civicgrants.errors.ValidationError
        A wrong shape, or ``NaN`` cells that differ from the panel's.

    Examples
    --------
    >>> p = Panel.from_arrays([[[4.0]], [[7.0]]], lo=0, hi=10, grant=[1, 1], pot=1, threshold=5)
    >>> rank(p, p.scores).tolist()
    [[1, 0]]

    See Also
    --------
    eligible : steps 2–5.
    decide_batch : steps 2–7.
    rank_order : step 6 alone.
    """
    mask = usable_mask(panel)
    _, norm, total, ok = stages(panel, internal_scores(panel, scores), mask)
    return rank_order(panel, total, norm, ok)


def decide_batch(panel: Panel, scores_batch: ArrayLike) -> tuple[B, I64]:
    """Spec steps 2–7 for ``D`` score arrays at once.

    Parameters
    ----------
    panel : Panel
        The round (scales, rules, grants, pot, limits, overrides).
    scores_batch : array [D, A, M, C]
        Individual scores per draw; ``NaN`` exactly where ``panel.scores`` is
        ``NaN`` (a single ``[A, M, C]`` array is taken as ``D = 1``).

    Returns
    -------
    funded : bool [D, A]
    granted : int64 [D, A]
        Minor units granted (the partial grant for a partially funded one).

    Raises
    ------
    civicgrants.errors.ValidationError
        A wrong shape, or ``NaN`` cells that differ from the panel's.

    Examples
    --------
    Two draws: the panel's scores, and the same scores with the first and
    last applications swapped.

    >>> import numpy as np
    >>> panel = Panel.from_arrays(
    ...     np.array([[[8.0], [9.0]], [[5.0], [6.0]], [[7.0], [7.0]]]),
    ...     lo=0, hi=10, grant=[60, 50, 50], pot=100,
    ... )
    >>> funded, granted = decide_batch(panel, np.stack([panel.scores, panel.scores[[2, 1, 0]]]))
    >>> funded.tolist(), granted.tolist()
    ([[True, False, False], [False, True, True]], [[60, 0, 0], [0, 50, 50]])

    See Also
    --------
    decide_internal : the same without the checks, in the internal layout.
    civicgrants.scoring.montecarlo.funding_line_sensitivity : its Monte Carlo use.
    civicgrants.scoring.commission.decide : the exact, explained decision.
    """
    mask = usable_mask(panel)
    return decide_internal(panel, internal_scores(panel, scores_batch), mask)
