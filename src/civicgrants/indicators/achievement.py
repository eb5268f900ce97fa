"""Achievement of a target: ratio, percent, met, and a direction-aware status.

All comparisons are exact (`Fraction`); ``percent`` is the
exact ratio × 100 rounded half-up to 0.1, and ``ratio`` is the exact ratio
written with 28 significant digits.

Ordinal and yes/no indicators are judged by position on their scale (yes/no
is the scale ``no`` < ``yes``): ``met`` when the actual category lies within
the target's categories, and ``steps`` counts how many categories it lies
away from the target's category (positive is better, in the indicator's
direction), measured like the ratio of a number: from the bound the actual
lies beyond, or from the single bound of a one-sided target. There is no
ratio, so the band does not apply: any step is ``OVER`` or ``UNDER``.
"""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from typing import Final, TypeVar

import attrs

from civicgrants.indicators.model import IndicatorDefinition, Measure, Target, TargetForm
from civicgrants.model.display import shows
from civicgrants.model.money import to_decimal
from civicgrants.model.numbers import round_half_up
from civicgrants.model.programme import Direction

__all__ = ["DEFAULT_BAND", "Achievement", "Status", "achievement"]

DEFAULT_BAND: Final = Decimal("0.15")
"""Half-width of the on-track band: ±15 % around the target."""

_RATIO = Context(prec=28, rounding=ROUND_HALF_UP)
_N = TypeVar("_N", Decimal, int)


class Status(enum.Enum):
    """Where an actual stands against its target.

    ``OVER`` means better than the target by more than the band, in the
    indicator's own direction (for "less is better", well below the target);
    ``UNDER`` means worse by more than the band; ``ON_TRACK`` within the band
    (for an ordinal or yes/no indicator: exactly at the target's category);
    ``NOT_REPORTED`` when there is no actual.

    Examples
    --------
    >>> Status("on_track")
    <Status.ON_TRACK: 'on_track'>
    >>> [s.value for s in Status]
    ['over', 'on_track', 'under', 'not_reported']

    See Also
    --------
    achievement : judges an actual and gives its status.
    DEFAULT_BAND : the band around the target that counts as on track.
    civicgrants.indicators.published_status : the status against a published figure.
    """

    OVER = "over"
    ON_TRACK = "on_track"
    UNDER = "under"
    NOT_REPORTED = "not_reported"


@shows
@attrs.frozen
class Achievement:
    """The result of `achievement()`.

    Parameters
    ----------
    ratio : Decimal or None
        ``actual / reference``, the exact ratio written with 28 significant
        digits; ``None`` when nothing was reported, the reference is zero, or
        the indicator is ordinal or yes/no.
    percent : Decimal or None
        The exact ratio × 100, rounded half-up to 0.1; ``None`` where ``ratio`` is.
    met : bool or None
        Whether the actual meets the target (``None``: not reported).
    status : Status
        Where the actual stands against the target, in the indicator's direction.
    steps : int or None, optional
        For an ordinal or yes/no indicator: categories beyond the target, + is
        better; ``None`` otherwise.

    Examples
    --------
    >>> a = Achievement(Decimal("1.2"), Decimal("120.0"), True, Status.OVER)
    >>> a.percent, a.met, a.status.value, a.steps
    (Decimal('120.0'), True, 'over', None)

    See Also
    --------
    achievement : builds it.
    Status : the values of ``status``.
    """

    ratio: Decimal | None
    percent: Decimal | None
    met: bool | None
    status: Status
    steps: int | None = None
    """For an ordinal or yes/no indicator: categories beyond the target, + is better."""


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

    Parameters
    ----------
    definition : IndicatorDefinition
        The indicator: its measure, direction and (for an ordinal one) scale.
    target : Target
        The target; by number for a count, money or percentage indicator, by
        category for an ordinal or yes/no one.
    actual : Decimal, int, str or None
        The reported value (a category name for an ordinal or yes/no
        indicator); ``None`` when not reported.
    band : Decimal, optional
        Half-width of the on-track band around a ratio of 1
        (`DEFAULT_BAND`, ±15 %); must be >= 0.

    Returns
    -------
    Achievement
        ``NOT_REPORTED`` with no ratio, percent or ``met`` when ``actual`` is
        ``None``; ``steps`` set only for an ordinal or yes/no indicator.

    Raises
    ------
    ValueError
        The indicator is qualitative; ``band`` is negative; a numeric indicator
        gets a target by category, or an ordinal or yes/no one a numeric target;
        a category (actual or target) is not on the scale, or a range of
        categories runs backwards.
    TypeError
        ``target`` is not a `Target`, or ``actual`` or ``band`` is a
        float, a bool or not a number.

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

    An ordinal indicator names categories; ``steps`` says how far beyond the
    target the actual lies:

    >>> mood = IndicatorDefinition("mood", Names(en="Mood"), "level", Measure.ORDINAL,
    ...     Direction.HIGHER_IS_BETTER, TargetForm.AT_LEAST, scale=("low", "mid", "high"))
    >>> a = achievement(mood, Target(TargetForm.AT_LEAST, category="mid"), "low")
    >>> a.met, a.status.value, a.steps
    (False, 'under', -1)

    Nothing reported:

    >>> achievement(d, Target(TargetForm.AT_LEAST, value=100), None).status.value
    'not_reported'

    See Also
    --------
    Target.bounds : the accepted interval the actual is judged against.
    Achievement : the result.
    civicgrants.indicators.published_status : judges a rolled-up value against a published figure.
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
    if definition.measure in (Measure.ORDINAL, Measure.YES_NO):
        return _by_category(definition, target, actual)
    if target.categorical:
        raise ValueError(
            f"{definition.key}: a {definition.measure.value} indicator needs a numeric target, "
            f"got the category {target.category!r}"
        )
    value = to_decimal(actual, "actual")
    low, high = target.bounds(definition.direction)
    met, reference = _judge(value, low, high)
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
    return Achievement(exact, round_half_up(ratio * 100, 1), met, status)


def _judge(value: _N, low: _N | None, high: _N | None) -> tuple[bool, _N]:
    """Whether ``value`` lies within ``[low, high]``, and the reference to measure it from.

    The reference is the bound the value lies beyond (the value itself inside a
    two-sided target); a one-sided target's reference is its bound, so exceeding
    «at least N» counts as over.
    """
    met = (low is None or value >= low) and (high is None or value <= high)
    if low is not None and high is not None:
        return met, low if value < low else high if value > high else value
    reference = low if low is not None else high
    assert reference is not None
    return met, reference


def _by_category(definition: IndicatorDefinition, target: Target, actual: object) -> Achievement:
    scale = definition.scale if definition.measure is Measure.ORDINAL else ("no", "yes")
    if not target.categorical:
        raise ValueError(
            f"{definition.key}: a {definition.measure.value} indicator needs a target by "
            f"category (one of {', '.join(scale)})"
        )

    def position(what: str, category: object) -> int:
        if not isinstance(category, str) or category not in scale:
            raise ValueError(f"{what}: must be one of {', '.join(scale)}, got {category!r}")
        return scale.index(category)

    at = position("actual", actual)
    low, high = target.category_bounds()
    lo = None if low is None else position("target.category", low)
    hi = (
        None
        if high is None
        else position(
            "target.category_high" if target.form is TargetForm.RANGE else "target.category", high
        )
    )
    if lo is not None and hi is not None and hi < lo:
        raise ValueError(
            f"target.category_high: must not be below {low!r} on the scale, got {high!r}"
        )
    met, reference = _judge(at, lo, high=hi)
    beyond = at - reference
    steps = beyond if definition.direction is Direction.HIGHER_IS_BETTER else -beyond
    status = Status.ON_TRACK if steps == 0 else Status.OVER if steps > 0 else Status.UNDER
    return Achievement(None, None, met, status, steps)
