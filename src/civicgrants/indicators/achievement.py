"""Achievement of a target: ratio, percent, met, and a direction-aware status.

All comparisons are exact (:class:`~fractions.Fraction`); ``percent`` is the
exact ratio × 100 rounded half-up to 0.1, and ``ratio`` is the exact ratio
written with 28 significant digits.
"""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from typing import Final

import attrs

from civicgrants.indicators.model import IndicatorDefinition, Measure, Target
from civicgrants.model.money import to_decimal
from civicgrants.model.programme import Direction

__all__ = ["DEFAULT_BAND", "Achievement", "Status", "achievement"]

DEFAULT_BAND: Final = Decimal("0.15")
"""Half-width of the on-track band: ±15 % around the target."""

_RATIO = Context(prec=28, rounding=ROUND_HALF_UP)


class Status(enum.Enum):
    """Where an actual stands against its target.

    ``OVER`` means better than the target by more than the band, in the
    indicator's own direction (for "less is better", well below the target);
    ``UNDER`` means worse by more than the band.
    """

    OVER = "over"
    ON_TRACK = "on_track"
    UNDER = "under"
    NOT_REPORTED = "not_reported"


@attrs.frozen
class Achievement:
    """The result of :func:`achievement`."""

    ratio: Decimal | None
    percent: Decimal | None
    met: bool | None
    status: Status


def _half_up(value: Fraction, places: int) -> Decimal:
    scaled = abs(value) * 10**places
    whole = int(scaled + Fraction(1, 2))  # floor of a non-negative number
    result = Decimal(whole).scaleb(-places)
    return -result if value < 0 else result


def achievement(
    definition: IndicatorDefinition,
    target: Target,
    actual: Decimal | int | str | None,
    *,
    band: Decimal = DEFAULT_BAND,
) -> Achievement:
    """Judge ``actual`` against ``target`` for ``definition``.

    ``met`` follows the target form (at least, at most, exactly, a range, a
    change, per event). ``ratio`` is ``actual / reference``, where the
    reference is the target's threshold; for a range or an exact target it is
    the bound the actual lies beyond (``1`` inside the range). ``status`` is
    ``ON_TRACK`` while the ratio lies within ``1 ± band``; outside it is
    ``OVER`` or ``UNDER`` according to ``definition.direction``. A zero
    reference gives no ratio; the status then compares the actual with zero.

    Examples
    --------
    >>> from civicgrants.indicators.model import TargetForm
    >>> from civicgrants.model import Direction, Names
    >>> d = IndicatorDefinition("people", Names(en="People"), "people", Measure.COUNT,
    ...                         Direction.HIGHER_IS_BETTER, TargetForm.AT_LEAST)
    >>> achievement(d, Target(TargetForm.AT_LEAST, value=100), 100).met
    True
    >>> a = achievement(d, Target(TargetForm.AT_LEAST, value=150), 53)
    >>> a.percent, a.met, a.status.value
    (Decimal('35.3'), False, 'under')
    """
    if definition.measure is Measure.QUALITATIVE:
        raise ValueError(f"{definition.key}: a qualitative indicator has no achievement")
    if not isinstance(target, Target):
        raise TypeError(f"target: expected a Target, got {type(target).__name__}")
    band = to_decimal(band, "band")
    if band < 0:
        raise ValueError(f"band: must be >= 0, got {band}")
    if actual is None:
        return Achievement(None, None, None, Status.NOT_REPORTED)
    value = to_decimal(actual, "actual")
    low, high = target.bounds(definition.direction)
    met = (low is None or value >= low) and (high is None or value <= high)
    reference: Decimal | None
    if low is not None and high is not None:
        reference = low if value < low else high if value > high else value
    else:
        reference = low if low is not None else high
    assert reference is not None
    higher = definition.direction is Direction.HIGHER_IS_BETTER
    if reference == 0:
        if value == 0:
            status = Status.ON_TRACK
        else:
            status = Status.OVER if (value > 0) == higher else Status.UNDER
        return Achievement(None, None, met, status)
    ratio = Fraction(value) / Fraction(reference)
    fband = Fraction(band)
    if ratio > 1 + fband:
        status = Status.OVER if higher else Status.UNDER
    elif ratio < 1 - fband:
        status = Status.UNDER if higher else Status.OVER
    else:
        status = Status.ON_TRACK
    exact = _RATIO.divide(Decimal(ratio.numerator), Decimal(ratio.denominator))
    return Achievement(exact, _half_up(ratio * 100, 1), met, status)
