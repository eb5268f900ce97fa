"""Indicator definitions, targets and reported records.

An indicator («показатель») has a key, wording in ru/kk/en, a unit, a
:class:`Measure`, a :class:`~civicgrants.model.Direction`, a
:class:`TargetForm` and an :class:`Accumulation`. One reported value is a
:class:`Record`, attached to the deepest non-``None`` level of the hierarchy
programme → stage → region → locality → project → goal → task → activity
(``goal`` is the state grant's level above its tasks; a community project
leaves it empty and hangs its tasks straight under the project).

Breakdowns («в разрезе пола, возраста …») must add up to the record's actual;
:func:`check_breakdowns` reports the ones that do not as
:class:`~civicgrants.model.Finding` objects instead of raising.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal, localcontext
from typing import Any, Final

import attrs

from civicgrants.model.finding import Finding, Severity
from civicgrants.model.money import DEFAULT_CURRENCY, to_decimal
from civicgrants.model.names import Names
from civicgrants.model.numbers import EXACT
from civicgrants.model.programme import Direction

__all__ = [
    "LEVELS",
    "Accumulation",
    "IndicatorDefinition",
    "Measure",
    "Part",
    "Record",
    "Target",
    "TargetForm",
    "check_breakdowns",
]

LEVELS: Final = (
    "programme",
    "stage",
    "region",
    "locality",
    "project",
    "goal",
    "task",
    "activity",
)
"""The hierarchy, top to bottom. A record attaches at its deepest non-``None`` level.

``goal`` is the state social grant's chain goal → task → activity; levels in
between may be empty (a task straight under a project has ``goal=None``).
"""


class Measure(enum.Enum):
    """What an indicator measures, which fixes how it rolls up."""

    COUNT = "count"  # summed
    MONEY = "money"  # summed exactly, in minor units
    PERCENTAGE = "percentage"  # numerator / denominator, recomputed, never averaged
    ORDINAL = "ordinal"  # a category on an ordered scale: distribution + median
    YES_NO = "yes_no"  # category "yes" / "no": counts
    QUALITATIVE = "qualitative"  # free text: a list


class TargetForm(enum.Enum):
    """How a target is worded."""

    AT_LEAST = "at_least"  # «не менее N»
    AT_MOST = "at_most"  # «до N»
    EXACTLY = "exactly"  # «N»
    RANGE = "range"  # «от N до M»
    CHANGE = "change"  # «+30 %» against a baseline
    PER_EVENT = "per_event"  # «по 20 на каждом» × number of events


class Accumulation(enum.Enum):
    """How values accumulate over periods."""

    PER_PERIOD = "per_period"  # a flow: periods add up
    CUMULATIVE = "cumulative"  # a stock: the latest period's value stands


def _opt_decimal(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "value")


def _decimal(value: object) -> Decimal:
    return to_decimal(value, "value")


def _key(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attr.name}: must be a non-empty string, got {value!r}")


def _opt_str(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value):
        raise ValueError(f"{attr.name}: must be a non-empty string or None, got {value!r}")


@attrs.frozen
class IndicatorDefinition:
    """What an indicator is and how it is judged and rolled up.

    ``scale`` lists the categories of an :attr:`Measure.ORDINAL` indicator from
    lowest to highest; ``currency`` is the currency of a
    :attr:`Measure.MONEY` indicator.

    Examples
    --------
    >>> d = IndicatorDefinition("participants", Names(ru="Участники", en="Participants"),
    ...     "people", Measure.COUNT, Direction.HIGHER_IS_BETTER, TargetForm.AT_LEAST)
    >>> d.accumulation
    <Accumulation.PER_PERIOD: 'per_period'>
    """

    key: str = attrs.field(validator=_key)
    names: Names = attrs.field(validator=attrs.validators.instance_of(Names))
    unit: str = attrs.field(validator=_key)
    measure: Measure = attrs.field(validator=attrs.validators.instance_of(Measure))
    direction: Direction = attrs.field(validator=attrs.validators.instance_of(Direction))
    target_form: TargetForm = attrs.field(validator=attrs.validators.instance_of(TargetForm))
    accumulation: Accumulation = attrs.field(
        default=Accumulation.PER_PERIOD, validator=attrs.validators.instance_of(Accumulation)
    )
    scale: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    currency: str = DEFAULT_CURRENCY

    def __attrs_post_init__(self) -> None:
        """Check the fields together (attrs calls this after ``__init__``)."""
        if self.measure is Measure.ORDINAL and not self.scale:
            raise ValueError("scale: an ordinal indicator needs its categories, lowest first")
        if len(set(self.scale)) != len(self.scale):
            raise ValueError(f"scale: categories must be distinct, got {self.scale!r}")


@attrs.frozen
class Target:
    """A target in one of the :class:`TargetForm` shapes.

    * ``AT_LEAST`` / ``AT_MOST`` / ``EXACTLY``: ``value``;
    * ``RANGE``: ``low`` and ``high``;
    * ``CHANGE``: ``baseline`` and ``change`` in percent (``30`` for «+30 %»,
      ``-20`` for «−20 %»);
    * ``PER_EVENT``: ``per_event`` × ``events``.

    An ordinal or yes/no indicator names categories instead of numbers:
    ``category`` for ``AT_LEAST`` / ``AT_MOST`` / ``EXACTLY`` (``"yes"`` for a
    yes/no target), ``category`` and ``category_high`` for ``RANGE``.

    Examples
    --------
    >>> Target(TargetForm.CHANGE, baseline=200, change=30).threshold()
    Decimal('260')
    >>> Target(TargetForm.PER_EVENT, per_event=20, events=3).threshold()
    Decimal('60')
    >>> Target(TargetForm.RANGE, low=10, high=20).bounds(Direction.HIGHER_IS_BETTER)
    (Decimal('10'), Decimal('20'))
    """

    form: TargetForm = attrs.field(validator=attrs.validators.instance_of(TargetForm))
    value: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    low: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    high: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    baseline: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    change: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    per_event: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    events: int | None = attrs.field(default=None)
    category: str | None = attrs.field(default=None, validator=_opt_str)
    category_high: str | None = attrs.field(default=None, validator=_opt_str)

    @property
    def categorical(self) -> bool:
        """True when the target names categories (ordinal or yes/no)."""
        return self.category is not None

    def __attrs_post_init__(self) -> None:
        """Check the fields together (attrs calls this after ``__init__``)."""
        if self.categorical:
            self._check_categorical()
            return
        if self.category_high is not None:
            raise ValueError("category_high: a range of categories also needs category")
        need = {
            TargetForm.AT_LEAST: ("value",),
            TargetForm.AT_MOST: ("value",),
            TargetForm.EXACTLY: ("value",),
            TargetForm.RANGE: ("low", "high"),
            TargetForm.CHANGE: ("baseline", "change"),
            TargetForm.PER_EVENT: ("per_event", "events"),
        }[self.form]
        for name in need:
            if getattr(self, name) is None:
                raise ValueError(f"{name}: a {self.form.value} target needs it")
        if self.low is not None and self.high is not None and self.high < self.low:
            raise ValueError(f"high: must be >= low ({self.low}), got {self.high}")
        if self.events is not None and (
            isinstance(self.events, bool) or not isinstance(self.events, int) or self.events < 0
        ):
            raise ValueError(f"events: must be an integer >= 0, got {self.events!r}")

    def _check_categorical(self) -> None:
        numbers = ("value", "low", "high", "baseline", "change", "per_event", "events")
        given = [name for name in numbers if getattr(self, name) is not None]
        if given:
            raise ValueError(f"{given[0]}: a target by category takes no numbers")
        if self.form in (TargetForm.CHANGE, TargetForm.PER_EVENT):
            raise ValueError(f"form: a {self.form.value} target cannot name a category")
        if (self.form is TargetForm.RANGE) != (self.category_high is not None):
            raise ValueError("category_high: needed by a range of categories, and only there")

    def category_bounds(self) -> tuple[str | None, str | None]:
        """The accepted categories ``(lowest, highest)``; ``None`` is unbounded."""
        if self.form is TargetForm.AT_LEAST:
            return self.category, None
        if self.form is TargetForm.AT_MOST:
            return None, self.category
        if self.form is TargetForm.RANGE:
            return self.category, self.category_high
        return self.category, self.category

    def threshold(self) -> Decimal:
        """The single number the target names (``low`` for a range).

        ``CHANGE`` gives ``baseline × (100 + change) / 100`` and ``PER_EVENT``
        gives ``per_event × events``, both exact.
        """
        if self.categorical:
            raise ValueError(f"this target names the category {self.category!r}, not a number")
        with localcontext(EXACT):
            if self.form is TargetForm.RANGE:
                assert self.low is not None
                return self.low
            if self.form is TargetForm.CHANGE:
                assert self.baseline is not None and self.change is not None
                return self.baseline * (100 + self.change) / 100
            if self.form is TargetForm.PER_EVENT:
                assert self.per_event is not None and self.events is not None
                return self.per_event * self.events
            assert self.value is not None
            return self.value

    def bounds(self, direction: Direction) -> tuple[Decimal | None, Decimal | None]:
        """The accepted interval ``(lowest, highest)``; ``None`` is unbounded.

        ``CHANGE`` and ``PER_EVENT`` targets are minimums when more is better
        and maximums when less is better.
        """
        if self.form is TargetForm.AT_LEAST:
            return self.threshold(), None
        if self.form is TargetForm.AT_MOST:
            return None, self.threshold()
        if self.form is TargetForm.EXACTLY:
            return self.threshold(), self.threshold()
        if self.form is TargetForm.RANGE:
            return self.low, self.high
        if direction is Direction.HIGHER_IS_BETTER:
            return self.threshold(), None
        return None, self.threshold()


@attrs.frozen
class Part:
    """One cell of a breakdown: ``Part("sex", "female", 12)``."""

    dimension: str = attrs.field(validator=_key)
    category: str = attrs.field(validator=_key)
    value: Decimal = attrs.field(converter=_decimal)


def _parts(value: Iterable[Part]) -> tuple[Part, ...]:
    return tuple(value)


@attrs.frozen
class Record:
    """One reported value of one indicator, for one period, at one node.

    The node is the deepest non-``None`` of ``programme … activity``. ``unique``
    marks an ``actual`` that is already a de-duplicated count of people for its
    node: a roll-up then uses it instead of the records beneath that node (see
    :func:`civicgrants.indicators.rollup.rollup` for the exact rule).

    Examples
    --------
    >>> r = Record(indicator="participants", period="2021", project="p1", actual=12)
    >>> r.depth, r.actual
    (4, Decimal('12'))
    """

    indicator: str = attrs.field(validator=_key)
    period: str = attrs.field(validator=_key)
    programme: str | None = attrs.field(default=None, validator=_opt_str)
    stage: str | None = attrs.field(default=None, validator=_opt_str)
    region: str | None = attrs.field(default=None, validator=_opt_str)
    locality: str | None = attrs.field(default=None, validator=_opt_str)
    project: str | None = attrs.field(default=None, validator=_opt_str)
    goal: str | None = attrs.field(default=None, validator=_opt_str)
    task: str | None = attrs.field(default=None, validator=_opt_str)
    activity: str | None = attrs.field(default=None, validator=_opt_str)
    target: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    actual: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    numerator: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    denominator: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    category: str | None = attrs.field(default=None, validator=_opt_str)
    text: str | None = attrs.field(default=None, validator=_opt_str)
    unique: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    breakdown: tuple[Part, ...] = attrs.field(default=(), converter=_parts)

    @property
    def path(self) -> tuple[str | None, ...]:
        """The level ids (one per :data:`LEVELS` entry), top first."""
        return tuple(getattr(self, level) for level in LEVELS)

    @property
    def depth(self) -> int:
        """Index in :data:`LEVELS` of the deepest non-``None`` level (``-1`` if none)."""
        path = self.path
        return max((i for i, v in enumerate(path) if v is not None), default=-1)


def check_breakdowns(records: Iterable[Record]) -> list[Finding]:
    """Findings for breakdowns that do not add up to the record's actual.

    Each dimension (sex, age band, social status, locality …) must sum to
    ``actual`` on its own.

    Examples
    --------
    >>> r = Record(indicator="people", period="2021", project="p1", actual=10,
    ...            breakdown=[Part("sex", "female", 6), Part("sex", "male", 3)])
    >>> [f.code for f in check_breakdowns([r])]
    ['breakdown-sum']
    """
    findings: list[Finding] = []
    for i, record in enumerate(records):
        sums: dict[str, Decimal] = {}
        with localcontext(EXACT):
            for part in record.breakdown:
                sums[part.dimension] = sums.get(part.dimension, Decimal(0)) + part.value
        for dimension, total in sums.items():
            if record.actual is None:
                findings.append(
                    Finding(
                        "breakdown-without-actual",
                        Severity.ERROR,
                        f"records[{i}].breakdown[{dimension}]",
                        {"dimension": dimension, "sum": total},
                        "Разбивка без фактического значения",
                        "a breakdown is given but the actual is missing",
                    )
                )
            elif total != record.actual:
                findings.append(
                    Finding(
                        "breakdown-sum",
                        Severity.ERROR,
                        f"records[{i}].breakdown[{dimension}]",
                        {"dimension": dimension, "sum": total, "actual": record.actual},
                        "Сумма разбивки не равна итогу",
                        "the breakdown does not add up to the actual",
                    )
                )
    return findings
