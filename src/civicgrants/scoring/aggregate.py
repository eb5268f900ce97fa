"""Calibration and per-criterion aggregation, in exact arithmetic (`fractions.Fraction`).

Examples
--------
>>> from fractions import Fraction as F
>>> from civicgrants.model.programme import Aggregation
>>> aggregate([F(1), F(2), F(9)], [F(1)] * 3, Aggregation.MEDIAN, F(1, 4))
Fraction(2, 1)
>>> aggregate([F(1), F(2), F(9), F(4)], [F(1)] * 4, Aggregation.TRIMMED_MEAN, F(1, 4))
Fraction(3, 1)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Context, Decimal
from fractions import Fraction

import attrs

from civicgrants.model.display import shows
from civicgrants.model.programme import Aggregation, Calibration, Call

__all__ = ["CalibrationNote", "aggregate", "calibrate"]

_SQRT = Context(prec=50)
"""Z-score calibration needs a square root: taken in Decimal with 50 significant digits."""

Key = tuple[str, str, str]
"""(application, member, criterion)."""


def _median(values: Sequence[Fraction]) -> Fraction:
    ordered = sorted(values)
    n = len(ordered)
    mid = n // 2
    return ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _mean(values: Sequence[Fraction]) -> Fraction:
    """``sum(values, Fraction(0)) / len(values)``, exactly, reduced once at the end."""
    num, den = 0, 1
    for v in values:
        vn, vd = v.as_integer_ratio()
        if vd == den:
            num += vn
        else:
            num, den = num * vd + vn * den, den * vd
    return Fraction(num, den * len(values))


def aggregate(
    values: Sequence[Fraction],
    confidences: Sequence[Fraction],
    method: Aggregation,
    trim: Fraction,
) -> Fraction:
    """One criterion's aggregate over the usable scores (``values`` is never empty).

    Parameters
    ----------
    values : sequence of Fraction
        The usable (possibly calibrated) scores of one application on one
        criterion, one per counted member; never empty.
    confidences : sequence of Fraction
        The members' confidences, aligned with ``values`` (read only by
        ``CONFIDENCE_MEAN``).
    method : Aggregation
        ``MEAN``, ``MEDIAN`` (the mean of the two middle values for an even
        count), ``TRIMMED_MEAN`` or ``CONFIDENCE_MEAN``.
    trim : Fraction
        Share cut from each end by ``TRIMMED_MEAN``: ``floor(n * trim)``
        values per side; when nothing would be left, the median is used.

    Returns
    -------
    Fraction
        The exact aggregate, on the criterion's raw scale.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> aggregate([F(4), F(8)], [F(1), F(1)], Aggregation.MEAN, F(0))
    Fraction(6, 1)
    >>> aggregate([F(4), F(8)], [F(1), F(1, 2)], Aggregation.CONFIDENCE_MEAN, F(0))
    Fraction(16, 3)

    See Also
    --------
    calibrate : what may change the scores before aggregation.
    civicgrants.scoring.batch.aggregate : the vectorised float counterpart.
    civicgrants.scoring.commission.decide : aggregates every criterion of every application.
    """
    n = len(values)
    if method is Aggregation.MEAN:
        return _mean(values)
    if method is Aggregation.MEDIAN:
        return _median(values)
    if method is Aggregation.TRIMMED_MEAN:
        k = math.floor(n * trim)
        if n - 2 * k <= 0:
            return _median(values)
        kept = sorted(values)[k : n - k]
        return sum(kept, Fraction(0)) / len(kept)
    weight = sum(confidences, Fraction(0))
    return sum((c * v for c, v in zip(confidences, values, strict=True)), Fraction(0)) / weight


@shows
@attrs.frozen
class CalibrationNote:
    """Whether calibration was applied, and why (not).

    Parameters
    ----------
    method : Calibration or None
        The call's calibration, ``None`` when none was requested.
    applied : bool
        Whether the scores were calibrated.
    reason : str
        Why (not), in English.
    reason_ru : str
        Why (not), in Russian.

    Examples
    --------
    >>> note = CalibrationNote(None, False, "not requested", "не запрошена")
    >>> note.applied, note.reason
    (False, 'not requested')

    See Also
    --------
    calibrate : returns one with the scores.
    civicgrants.scoring.decision.CommissionDecision : keeps it as ``calibration``.
    """

    method: Calibration | None
    applied: bool
    reason: str
    reason_ru: str


def _sqrt(x: Fraction) -> Fraction:
    root = (Decimal(x.numerator, _SQRT) / Decimal(x.denominator, _SQRT)).sqrt(_SQRT)
    return Fraction(root)


def _stats(values: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
    mean = sum(values, Fraction(0)) / len(values)
    var = sum(((v - mean) ** 2 for v in values), Fraction(0)) / len(values)
    return mean, var


def calibrate(
    call: Call, usable: Mapping[Key, Fraction]
) -> tuple[dict[Key, Fraction], CalibrationNote]:
    """Calibrated scores per member and criterion, or the scores unchanged with the reason.

    Calibration applies only when every member scored at least
    ``call.calibration_min`` applications on every criterion. ``ZSCORE``
    moves each member's scores on a criterion to the criterion's mean and
    standard deviation over all members (the square root in 50-digit
    `Decimal`); ``RESCALED`` stretches each member's range to
    the criterion's scale (a member who gave one value throughout gets the
    scale's middle). Results are clipped to the scale.

    Parameters
    ----------
    call : Call
        The call: its ``calibration``, ``calibration_min``, members and criteria.
    usable : mapping of (application, member, criterion) to Fraction
        The usable scores (not-applicable and recused cells absent).

    Returns
    -------
    scores : dict of (application, member, criterion) to Fraction
        The calibrated scores, or a copy of ``usable`` when not applied.
    note : CalibrationNote
        Whether it was applied and why (not), in English and Russian.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from civicgrants.model.programme import CallApplication, Criterion, Direction, Member
    >>> call = Call("c", criteria=(Criterion("q", Direction.HIGHER_IS_BETTER),),
    ...             members=(Member("m1"),), calibration=Calibration.RESCALED, calibration_min=2,
    ...             applications=(CallApplication("a1", "x", 1), CallApplication("a2", "x", 1)))
    >>> scores, note = calibrate(call, {("a1", "m1", "q"): F(4), ("a2", "m1", "q"): F(6)})
    >>> scores[("a1", "m1", "q")], scores[("a2", "m1", "q")], note.applied
    (Fraction(0, 1), Fraction(10, 1), True)
    >>> print(calibrate(call, {("a1", "m1", "q"): F(4)})[1].reason)
    not applied: member m1 scored 1 application(s) on q, fewer than calibration_min (2)

    See Also
    --------
    aggregate : combines the calibrated scores per criterion.
    CalibrationNote : the note returned.
    civicgrants.scoring.batch.calibrate : the vectorised float counterpart.
    """
    method = call.calibration
    if method is None:
        return dict(usable), CalibrationNote(None, False, "not requested", "не запрошена")
    by_mc: dict[tuple[str, str], list[Key]] = {}
    for key in sorted(usable):
        by_mc.setdefault((key[1], key[2]), []).append(key)
    for m in call.members:
        for c in call.criteria:
            n = len(by_mc.get((m.id, c.key), ()))
            if n < call.calibration_min:
                return dict(usable), CalibrationNote(
                    method,
                    False,
                    f"not applied: member {m.id} scored {n} application(s) on {c.key}, "
                    f"fewer than calibration_min ({call.calibration_min})",
                    f"не применена: член комиссии {m.id} оценил {n} заявк(у/и) по критерию "
                    f"{c.key}, меньше calibration_min ({call.calibration_min})",
                )
    out: dict[Key, Fraction] = {}
    for c in call.criteria:
        lo_c, hi_c = Fraction(c.min), Fraction(c.max)
        all_c = [usable[k] for k in sorted(usable) if k[2] == c.key]
        mu_c, var_c = _stats(all_c)
        for m in call.members:
            keys = by_mc[(m.id, c.key)]
            mine = [usable[k] for k in keys]
            if method is Calibration.ZSCORE:
                mu_m, var_m = _stats(mine)
                ratio = _sqrt(var_c / var_m) if var_m else Fraction(0)
                new = [mu_c + (v - mu_m) * ratio if var_m else mu_c for v in mine]
            else:
                lo_m, hi_m = min(mine), max(mine)
                new = [
                    lo_c + (v - lo_m) / (hi_m - lo_m) * (hi_c - lo_c)
                    if hi_m != lo_m
                    else (lo_c + hi_c) / 2
                    for v in mine
                ]
            for k, v in zip(keys, new, strict=True):
                out[k] = min(max(v, lo_c), hi_c)
    return out, CalibrationNote(
        method,
        True,
        f"applied ({method.value}): every member scored at least "
        f"{call.calibration_min} applications on every criterion",
        f"применена ({method.value}): каждый член комиссии оценил не менее "
        f"{call.calibration_min} заявок по каждому критерию",
    )
