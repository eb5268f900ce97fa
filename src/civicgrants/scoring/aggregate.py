"""Calibration and per-criterion aggregation, in exact arithmetic (:class:`fractions.Fraction`).

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


def aggregate(
    values: Sequence[Fraction],
    confidences: Sequence[Fraction],
    method: Aggregation,
    trim: Fraction,
) -> Fraction:
    """One criterion's aggregate over the usable scores (``values`` is never empty)."""
    n = len(values)
    if method is Aggregation.MEAN:
        return sum(values, Fraction(0)) / n
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


@attrs.frozen
class CalibrationNote:
    """Whether calibration was applied, and why (not)."""

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
    """Calibrated scores per member and criterion, or the scores unchanged with the reason."""
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
