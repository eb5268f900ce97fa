"""Indicator definitions, targets and reported records.

An indicator («показатель») has a key, wording in ru/kk/en, a unit, a
`Measure`, a `Direction`, a
`TargetForm` and an `Accumulation`. One reported value is a
`Record`, attached to the deepest non-``None`` level of the hierarchy
programme → stage → region → locality → project → goal → task → activity
(``goal`` is the state grant's level above its tasks; a community project
leaves it empty and hangs its tasks straight under the project).

Breakdowns («в разрезе пола, возраста …») must add up to the record's actual;
`check_breakdowns()` reports the ones that do not as
`Finding` objects instead of raising.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal, localcontext
from typing import Any, Final

import attrs

from civicgrants.model.display import shows
from civicgrants.model.fields import DECIMAL_BOUNDS, LARGEST_COUNT, NONBLANK, SCHEMA
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.limits import number_problem
from civicgrants.model.money import DEFAULT_CURRENCY, to_decimal
from civicgrants.model.names import Names
from civicgrants.model.numbers import EXACT
from civicgrants.model.programme import Direction

__all__ = [
    "LEVELS",
    "MEASURE_KINDS",
    "VALUE_KINDS",
    "Accumulation",
    "IndicatorDefinition",
    "Measure",
    "Part",
    "Record",
    "Target",
    "TargetForm",
    "check_breakdowns",
    "value_kind",
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
    """What an indicator measures, which fixes how it rolls up.

    ``COUNT`` and ``MONEY`` are summed (money exactly, in minor units);
    ``PERCENTAGE`` is recomputed from summed numerators and denominators, never
    averaged; ``ORDINAL`` is a category on an ordered scale (a distribution and
    the median); ``YES_NO`` counts ``yes`` and ``no``; ``QUALITATIVE`` is free
    text, listed.

    Examples
    --------
    >>> Measure("yes_no")
    <Measure.YES_NO: 'yes_no'>
    >>> [m.value for m in Measure]
    ['count', 'money', 'percentage', 'ordinal', 'yes_no', 'qualitative']

    See Also
    --------
    IndicatorDefinition : names an indicator's measure.
    civicgrants.indicators.rollup : rolls each measure up by its rule.
    """

    COUNT = "count"  # summed
    MONEY = "money"  # summed exactly, in minor units
    PERCENTAGE = "percentage"  # numerator / denominator, recomputed, never averaged
    ORDINAL = "ordinal"  # a category on an ordered scale: distribution + median
    YES_NO = "yes_no"  # category "yes" / "no": counts
    QUALITATIVE = "qualitative"  # free text: a list


class TargetForm(enum.Enum):
    """How a target is worded.

    ``AT_LEAST`` «не менее N», ``AT_MOST`` «до N», ``EXACTLY`` «N», ``RANGE``
    «от N до M», ``CHANGE`` «+30 %» against a baseline, ``PER_EVENT`` «по 20 на
    каждом» × the number of events.

    Examples
    --------
    >>> TargetForm("range")
    <TargetForm.RANGE: 'range'>
    >>> Target(TargetForm.AT_MOST, value=5).form.value
    'at_most'

    See Also
    --------
    Target : a target in one of these forms.
    IndicatorDefinition : names the form an indicator's targets take.
    """

    AT_LEAST = "at_least"  # «не менее N»
    AT_MOST = "at_most"  # «до N»
    EXACTLY = "exactly"  # «N»
    RANGE = "range"  # «от N до M»
    CHANGE = "change"  # «+30 %» against a baseline
    PER_EVENT = "per_event"  # «по 20 на каждом» × number of events


class Accumulation(enum.Enum):
    """How values accumulate over periods.

    ``PER_PERIOD`` is a flow: the periods add up. ``CUMULATIVE`` is a stock: a
    roll-up takes each node's latest period's value.

    Examples
    --------
    >>> Accumulation("cumulative")
    <Accumulation.CUMULATIVE: 'cumulative'>
    >>> [a.value for a in Accumulation]
    ['per_period', 'cumulative']

    See Also
    --------
    IndicatorDefinition : names an indicator's accumulation.
    civicgrants.indicators.rollup : applies it.
    """

    PER_PERIOD = "per_period"  # a flow: periods add up
    CUMULATIVE = "cumulative"  # a stock: the latest period's value stands


def _opt_decimal(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "value")


def _decimal(value: object) -> Decimal:
    return to_decimal(value, "value")


def _within_limits(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """A number inside the digits and exponent limits (`number_problem()`)."""
    if isinstance(value, Decimal):
        problem = number_problem(value)
        if problem is not None:
            raise ValueError(f"{attr.name}: {problem}")


def _nonnegative(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """A count, an amount or a part of one: within the limits and not below 0."""
    _within_limits(_inst, attr, value)
    if isinstance(value, Decimal) and value < 0:
        raise ValueError(f"{attr.name}: must be >= 0 (a count or an amount), got {value}")


def _events(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{attr.name}: must be an integer >= 0, got {value!r}")
    _within_limits(_inst, attr, Decimal(value))


_KEY_SCHEMA = {SCHEMA: {"minLength": 1, "pattern": NONBLANK}}
"""A key's schema: not empty, not only spaces (`_key`)."""
_OPT_STR_SCHEMA = {SCHEMA: {"minLength": 1}}
"""An optional string's schema: not empty when given (`_opt_str`)."""
_NONNEGATIVE = {DECIMAL_BOUNDS: (0, None)}
"""A count's or an amount's schema: a decimal string, not negative (`_nonnegative`)."""


def _key(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attr.name}: must be a non-empty string, got {value!r}")


def _opt_str(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value):
        raise ValueError(f"{attr.name}: must be a non-empty string or None, got {value!r}")


@shows
@attrs.frozen
class IndicatorDefinition:
    """What an indicator is and how it is judged and rolled up.

    ``scale`` lists the categories of an `Measure.ORDINAL` indicator from
    lowest to highest; ``currency`` is the currency of a
    `Measure.MONEY` indicator.

    Parameters
    ----------
    key : str
        The indicator's key, non-empty (``"participants"``); records name it.
    names : Names
        The wording in ru/kk/en.
    unit : str
        The unit, non-empty (``"people"``, ``"KZT"``).
    measure : Measure
        What it measures, which fixes how it rolls up.
    direction : Direction
        Whether more or less is better.
    target_form : TargetForm
        How its targets are worded.
    accumulation : Accumulation, optional
        How values accumulate over periods; ``PER_PERIOD`` by default.
    scale : tuple of str, optional
        The categories of an ordinal indicator, lowest first, distinct;
        required for ``ORDINAL``.
    currency : str, optional
        The currency of a money indicator; the default currency (KZT) by default.

    Raises
    ------
    ValueError
        ``key`` or ``unit`` is empty or not a string; an ordinal indicator has
        no scale; the scale repeats a category.
    TypeError
        ``names``, ``measure``, ``direction``, ``target_form`` or
        ``accumulation`` is of the wrong type.

    Examples
    --------
    >>> d = IndicatorDefinition("participants", Names(ru="Участники", en="Participants"),
    ...     "people", Measure.COUNT, Direction.HIGHER_IS_BETTER, TargetForm.AT_LEAST)
    >>> d.accumulation
    <Accumulation.PER_PERIOD: 'per_period'>
    >>> IndicatorDefinition("mood", Names(en="Mood"), "level", Measure.ORDINAL,
    ...     Direction.HIGHER_IS_BETTER, TargetForm.AT_LEAST)
    Traceback (most recent call last):
    ...
    ValueError: scale: an ordinal indicator needs its categories, lowest first

    See Also
    --------
    Target : a target for the indicator.
    Record : one reported value of it.
    civicgrants.indicators.achievement : judges an actual against a target.
    civicgrants.indicators.rollup.guess_definitions : definitions for records without any.
    """

    key: str = attrs.field(validator=_key, metadata=_KEY_SCHEMA)
    names: Names = attrs.field(validator=attrs.validators.instance_of(Names))
    unit: str = attrs.field(validator=_key, metadata=_KEY_SCHEMA)
    measure: Measure = attrs.field(validator=attrs.validators.instance_of(Measure))
    direction: Direction = attrs.field(validator=attrs.validators.instance_of(Direction))
    target_form: TargetForm = attrs.field(validator=attrs.validators.instance_of(TargetForm))
    accumulation: Accumulation = attrs.field(
        default=Accumulation.PER_PERIOD, validator=attrs.validators.instance_of(Accumulation)
    )
    scale: tuple[str, ...] = attrs.field(
        default=(), converter=tuple, metadata={SCHEMA: {"uniqueItems": True}}
    )
    currency: str = DEFAULT_CURRENCY

    def __attrs_post_init__(self) -> None:
        """Check the fields together (attrs calls this after ``__init__``)."""
        if self.measure is Measure.ORDINAL and not self.scale:
            raise ValueError("scale: an ordinal indicator needs its categories, lowest first")
        if len(set(self.scale)) != len(self.scale):
            raise ValueError(f"scale: categories must be distinct, got {self.scale!r}")


@shows
@attrs.frozen
class Target:
    """A target in one of the `TargetForm` shapes.

    * ``AT_LEAST`` / ``AT_MOST`` / ``EXACTLY``: ``value``;
    * ``RANGE``: ``low`` and ``high``;
    * ``CHANGE``: ``baseline`` and ``change`` in percent (``30`` for «+30 %»,
      ``-20`` for «−20 %»);
    * ``PER_EVENT``: ``per_event`` × ``events``.

    An ordinal or yes/no indicator names categories instead of numbers:
    ``category`` for ``AT_LEAST`` / ``AT_MOST`` / ``EXACTLY`` (``"yes"`` for a
    yes/no target), ``category`` and ``category_high`` for ``RANGE``.

    Parameters
    ----------
    form : TargetForm
        How the target is worded.
    value : Decimal, int or str, optional
        The number of an ``AT_LEAST``, ``AT_MOST`` or ``EXACTLY`` target.
    low, high : Decimal, int or str, optional
        The bounds of a ``RANGE`` target; ``high >= low``.
    baseline : Decimal, int or str, optional
        The baseline of a ``CHANGE`` target.
    change : Decimal, int or str, optional
        The change of a ``CHANGE`` target, in percent (``-20`` for «−20 %»).
    per_event : Decimal, int or str, optional
        The number per event of a ``PER_EVENT`` target.
    events : int, optional
        How many events a ``PER_EVENT`` target counts, >= 0.
    category : str, optional
        The category of a target by category (the lower one of a range).
    category_high : str, optional
        The upper category of a ``RANGE`` target by category, and only there.

    Raises
    ------
    ValueError
        A number the form needs is missing; ``high < low``; ``events`` is not
        an integer >= 0; a target by category also gives numbers, has the form
        ``CHANGE`` or ``PER_EVENT``, or has ``category_high`` without being a
        range (or a range without it).
    TypeError
        ``form`` is not a `TargetForm`, or a number is a float or a bool.

    Examples
    --------
    >>> Target(TargetForm.CHANGE, baseline=200, change=30).threshold()
    Decimal('260')
    >>> Target(TargetForm.PER_EVENT, per_event=20, events=3).threshold()
    Decimal('60')
    >>> Target(TargetForm.RANGE, low=10, high=20).bounds(Direction.HIGHER_IS_BETTER)
    (Decimal('10'), Decimal('20'))
    >>> Target(TargetForm.RANGE, low=1)
    Traceback (most recent call last):
    ...
    ValueError: high: a range target needs it

    See Also
    --------
    TargetForm : the forms.
    IndicatorDefinition : the indicator the target is for.
    civicgrants.indicators.achievement : judges an actual against a target.
    """

    form: TargetForm = attrs.field(validator=attrs.validators.instance_of(TargetForm))
    value: Decimal | None = attrs.field(
        default=None, converter=_opt_decimal, validator=_within_limits
    )
    low: Decimal | None = attrs.field(
        default=None, converter=_opt_decimal, validator=_within_limits
    )
    high: Decimal | None = attrs.field(
        default=None, converter=_opt_decimal, validator=_within_limits
    )
    baseline: Decimal | None = attrs.field(
        default=None, converter=_opt_decimal, validator=_within_limits
    )
    change: Decimal | None = attrs.field(
        default=None, converter=_opt_decimal, validator=_within_limits
    )
    per_event: Decimal | None = attrs.field(
        default=None, converter=_opt_decimal, validator=_within_limits
    )
    events: int | None = attrs.field(
        default=None,
        validator=_events,
        metadata={SCHEMA: {"minimum": 0, "maximum": LARGEST_COUNT}},
    )
    category: str | None = attrs.field(default=None, validator=_opt_str, metadata=_OPT_STR_SCHEMA)
    category_high: str | None = attrs.field(
        default=None, validator=_opt_str, metadata=_OPT_STR_SCHEMA
    )

    @property
    def categorical(self) -> bool:
        """True when the target names categories (ordinal or yes/no).

        Returns
        -------
        bool
            Whether ``category`` is given.

        Examples
        --------
        >>> Target(TargetForm.AT_LEAST, category="yes").categorical
        True
        >>> Target(TargetForm.AT_LEAST, value=3).categorical
        False

        See Also
        --------
        Target.category_bounds : the accepted categories.
        """
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
        """The accepted categories ``(lowest, highest)``; ``None`` is unbounded.

        Returns
        -------
        tuple of (str or None, str or None)
            ``(category, None)`` for ``AT_LEAST``, ``(None, category)`` for
            ``AT_MOST``, ``(category, category_high)`` for ``RANGE`` and
            ``(category, category)`` otherwise; ``(None, None)`` for a
            numeric target that is neither.

        Examples
        --------
        >>> Target(TargetForm.AT_LEAST, category="mid").category_bounds()
        ('mid', None)
        >>> Target(TargetForm.RANGE, category="low", category_high="mid").category_bounds()
        ('low', 'mid')

        See Also
        --------
        Target.bounds : the numeric counterpart.
        """
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

        Returns
        -------
        Decimal
            ``value``; ``low`` for a range; the computed number for
            ``CHANGE`` and ``PER_EVENT``.

        Raises
        ------
        ValueError
            The target names a category, not a number.

        Examples
        --------
        >>> Target(TargetForm.CHANGE, baseline=200, change=-20).threshold()
        Decimal('160')
        >>> Target(TargetForm.AT_LEAST, category="mid").threshold()
        Traceback (most recent call last):
        ...
        ValueError: this target names the category 'mid', not a number

        See Also
        --------
        Target.bounds : the accepted interval built from it.
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

        Parameters
        ----------
        direction : Direction
            The indicator's direction; it matters only for ``CHANGE`` and
            ``PER_EVENT`` targets.

        Returns
        -------
        tuple of (Decimal or None, Decimal or None)
            The lowest and highest accepted values.

        Raises
        ------
        ValueError
            The target names a category, not a number (via `threshold()`).

        Examples
        --------
        >>> Target(TargetForm.CHANGE, baseline=200, change=-20).bounds(Direction.LOWER_IS_BETTER)
        (None, Decimal('160'))
        >>> Target(TargetForm.EXACTLY, value=5).bounds(Direction.HIGHER_IS_BETTER)
        (Decimal('5'), Decimal('5'))

        See Also
        --------
        Target.threshold : the single number the target names.
        Target.category_bounds : the counterpart for a target by category.
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


@shows
@attrs.frozen
class Part:
    """One cell of a breakdown: ``Part("sex", "female", 12)``.

    Parameters
    ----------
    dimension : str
        What the breakdown splits by (``"sex"``, ``"age"``), non-empty.
    category : str
        The cell's category within the dimension (``"female"``), non-empty.
    value : Decimal, int or str
        The cell's value, exact, >= 0 and inside the digits and exponent
        limits (`number_problem()`).

    Raises
    ------
    ValueError
        ``dimension`` or ``category`` is empty or not a string; ``value`` is
        negative or outside the limits.
    TypeError
        ``value`` is a float, a bool or not a number.

    Examples
    --------
    >>> Part("sex", "female", 12)
    Part(dimension='sex', category='female', value=Decimal('12'))

    See Also
    --------
    Record : carries its breakdown as parts.
    check_breakdowns : checks each dimension adds up to the record's actual.
    """

    dimension: str = attrs.field(validator=_key, metadata=_KEY_SCHEMA)
    category: str = attrs.field(validator=_key, metadata=_KEY_SCHEMA)
    value: Decimal = attrs.field(converter=_decimal, validator=_nonnegative, metadata=_NONNEGATIVE)


def _parts(value: Iterable[Part]) -> tuple[Part, ...]:
    return tuple(value)


@shows
@attrs.frozen
class Record:
    """One reported value of one indicator, for one period, at one node.

    The node is the deepest non-``None`` of ``programme … activity``. ``unique``
    marks an ``actual`` that is already a de-duplicated count of people for its
    node: a roll-up then uses it instead of the records beneath that node (see
    `civicgrants.indicators.rollup.rollup()` for the exact rule).

    Parameters
    ----------
    indicator : str
        The indicator's key, non-empty.
    period : str
        The reporting period (``"2021"``, ``"2018-2021"``), non-empty.
    programme, stage, region, locality, project, goal, task, activity : str, optional
        The node's ids, one per level of `LEVELS`; ``None`` for a level
        not given.
    target : Decimal, int or str, optional
        The planned value, for a count or money indicator.
    actual : Decimal, int or str, optional
        The reported value, for a count or money indicator.
    numerator, denominator : Decimal, int or str, optional
        The two parts of a percentage indicator's value.
    category : str, optional
        The category of an ordinal or yes/no indicator.
    text : str, optional
        The text of a qualitative indicator (or a note carried with a number).
    unique : bool, optional
        Whether ``actual`` is already a de-duplicated count of people for the node.
    breakdown : iterable of Part, optional
        The parts ``actual`` is split into, by dimension.

    Raises
    ------
    ValueError
        ``indicator`` or ``period`` is empty, a level id or ``category`` or
        ``text`` is an empty string or not a string; a number is negative or
        outside the digits and exponent limits
        (`number_problem()`); only one of
        ``numerator`` and ``denominator`` is given, the denominator is 0 or
        the numerator exceeds it; the record gives more than one kind of value
        (an actual or target, a numerator and denominator, a category: see
        `value_kind()`).
    TypeError
        A number is a float or a bool, ``unique`` is not a bool, or an item
        of ``breakdown`` is not a `Part`.

    Examples
    --------
    >>> r = Record(indicator="participants", period="2021", project="p1", actual=12)
    >>> r.depth, r.actual
    (4, Decimal('12'))
    >>> Record(indicator="share", period="2021", numerator=3, denominator=2)
    Traceback (most recent call last):
    ...
    ValueError: numerator: must not exceed the denominator (2), got 3: the numerator counts a part of the denominator
    >>> Record(indicator="share", period="2021", actual=5, numerator=1, denominator=2)
    Traceback (most recent call last):
    ...
    ValueError: numerator: a record gives one kind of value, got actual, numerator, denominator; a count or money indicator gives actual and target, a percentage numerator and denominator, an ordinal or yes/no indicator a category

    See Also
    --------
    IndicatorDefinition : what the indicator is.
    check_breakdowns : checks the breakdowns add up.
    civicgrants.indicators.rollup.rollup : rolls records up the hierarchy.
    civicgrants.io.indicators_csv.loads_records_csv : reads records from long CSV.
    """

    indicator: str = attrs.field(validator=_key, metadata=_KEY_SCHEMA)
    period: str = attrs.field(validator=_key, metadata=_KEY_SCHEMA)
    programme: str | None = attrs.field(default=None, validator=_opt_str, metadata=_OPT_STR_SCHEMA)
    stage: str | None = attrs.field(default=None, validator=_opt_str, metadata=_OPT_STR_SCHEMA)
    region: str | None = attrs.field(default=None, validator=_opt_str, metadata=_OPT_STR_SCHEMA)
    locality: str | None = attrs.field(default=None, validator=_opt_str, metadata=_OPT_STR_SCHEMA)
    project: str | None = attrs.field(default=None, validator=_opt_str, metadata=_OPT_STR_SCHEMA)
    goal: str | None = attrs.field(default=None, validator=_opt_str, metadata=_OPT_STR_SCHEMA)
    task: str | None = attrs.field(default=None, validator=_opt_str, metadata=_OPT_STR_SCHEMA)
    activity: str | None = attrs.field(default=None, validator=_opt_str, metadata=_OPT_STR_SCHEMA)
    target: Decimal | None = attrs.field(
        default=None, converter=_opt_decimal, validator=_nonnegative, metadata=_NONNEGATIVE
    )
    actual: Decimal | None = attrs.field(
        default=None, converter=_opt_decimal, validator=_nonnegative, metadata=_NONNEGATIVE
    )
    numerator: Decimal | None = attrs.field(
        default=None, converter=_opt_decimal, validator=_nonnegative, metadata=_NONNEGATIVE
    )
    denominator: Decimal | None = attrs.field(
        default=None, converter=_opt_decimal, validator=_nonnegative, metadata=_NONNEGATIVE
    )
    category: str | None = attrs.field(default=None, validator=_opt_str, metadata=_OPT_STR_SCHEMA)
    text: str | None = attrs.field(default=None, validator=_opt_str, metadata=_OPT_STR_SCHEMA)
    unique: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    breakdown: tuple[Part, ...] = attrs.field(default=(), converter=_parts)

    def __attrs_post_init__(self) -> None:
        """Check the values together (attrs calls this after ``__init__``)."""
        for i, part in enumerate(self.breakdown):
            if not isinstance(part, Part):
                raise TypeError(f"breakdown[{i}]: must be a Part, got {type(part).__name__}")
        if (self.numerator is None) != (self.denominator is None):
            alone, missing = (
                ("numerator", "denominator")
                if self.denominator is None
                else ("denominator", "numerator")
            )
            raise ValueError(
                f"{missing}: a percentage gives both numerator and denominator; only the "
                f"{alone} is given"
            )
        if self.numerator is not None and self.denominator is not None:
            if self.denominator == 0:
                raise ValueError("denominator: must be > 0 (a percentage of nothing is undefined)")
            if self.numerator > self.denominator:
                raise ValueError(
                    f"numerator: must not exceed the denominator ({self.denominator}), "
                    f"got {self.numerator}: the numerator counts a part of the denominator"
                )
        given = [
            name
            for names in _KIND_FIELDS.values()
            for name in names
            if getattr(self, name) is not None
        ]
        kinds = [kind for kind, names in _KIND_FIELDS.items() if set(names) & set(given)]
        if len(kinds) > 1:
            second = next(n for n in given if n in _KIND_FIELDS[kinds[1]])
            raise ValueError(
                f"{second}: a record gives one kind of value, got {', '.join(given)}; a count or "
                "money indicator gives actual and target, a percentage numerator and "
                "denominator, an ordinal or yes/no indicator a category"
            )

    @property
    def path(self) -> tuple[str | None, ...]:
        """The level ids (one per `LEVELS` entry), top first.

        Returns
        -------
        tuple of str or None
            Eight entries, ``None`` for each level not given.

        Examples
        --------
        >>> Record(indicator="p", period="2021", region="a", project="p1").path
        (None, None, 'a', None, 'p1', None, None, None)

        See Also
        --------
        Record.depth : the deepest level given.
        """
        return tuple(getattr(self, level) for level in LEVELS)

    @property
    def depth(self) -> int:
        """Index in `LEVELS` of the deepest non-``None`` level (``-1`` if none).

        Returns
        -------
        int
            From ``0`` (programme) to ``7`` (activity), or ``-1``.

        Examples
        --------
        >>> Record(indicator="p", period="2021", region="a", project="p1").depth
        4
        >>> Record(indicator="p", period="2021").depth
        -1

        See Also
        --------
        Record.path : the ids of every level.
        """
        path = self.path
        return max((i for i, v in enumerate(path) if v is not None), default=-1)


_KIND_FIELDS: Final = {
    "count": ("actual", "target"),
    "percentage": ("numerator", "denominator"),
    "category": ("category",),
}

VALUE_KINDS: Final = {
    "count": "an actual or a target",
    "percentage": "a numerator and a denominator",
    "category": "a category",
    "text": "only a text",
}
"""Each kind of value (`value_kind()`), as messages name it."""

MEASURE_KINDS: Final = {
    Measure.COUNT: "count",
    Measure.MONEY: "count",
    Measure.PERCENTAGE: "percentage",
    Measure.ORDINAL: "category",
    Measure.YES_NO: "category",
    Measure.QUALITATIVE: "text",
}
"""The kind of value (`value_kind()`) each measure rolls up."""


def value_kind(record: Record) -> str | None:
    """The kind of value a record gives, which says which measure can roll it up.

    Parameters
    ----------
    record : Record
        The record.

    Returns
    -------
    str or None
        ``"count"`` (an actual or a target: a count or money indicator),
        ``"percentage"`` (a numerator and a denominator), ``"category"`` (an
        ordinal or yes/no indicator), ``"text"`` (only a text: a qualitative
        indicator), or ``None`` when the record gives no value (at most a
        breakdown). A record gives at most one kind (`Record` refuses more).

    Examples
    --------
    >>> value_kind(Record("share", "2021", numerator=1, denominator=2))
    'percentage'
    >>> value_kind(Record("people", "2021", actual=5, text="a note")), value_kind(Record("p", "2021"))
    ('count', None)
    >>> MEASURE_KINDS[Measure.MONEY]
    'count'

    See Also
    --------
    MEASURE_KINDS : the kind each measure rolls up.
    VALUE_KINDS : each kind as messages name it.
    civicgrants.indicators.rollup.rollup_report : reports records whose kind their measure ignores.
    """
    for kind, names in _KIND_FIELDS.items():
        if any(getattr(record, name) is not None for name in names):
            return kind
    return "text" if record.text is not None else None


def check_breakdowns(records: Iterable[Record]) -> list[Finding]:
    """Findings for breakdowns that do not add up to the record's actual.

    Each dimension (sex, age band, social status, locality …) must sum to
    ``actual`` on its own.

    Parameters
    ----------
    records : iterable of Record
        The records; their position in it locates each finding.

    Returns
    -------
    list of Finding
        Errors, in record order then dimension order: ``breakdown-sum`` where a
        dimension's parts do not add up to ``actual``, and
        ``breakdown-without-actual`` where a breakdown is given without an
        actual. Empty when every breakdown adds up.

    Examples
    --------
    >>> r = Record(indicator="people", period="2021", project="p1", actual=10,
    ...            breakdown=[Part("sex", "female", 6), Part("sex", "male", 3)])
    >>> [f.code for f in check_breakdowns([r])]
    ['breakdown-sum']
    >>> print(check_breakdowns([r])[0])
    error breakdown-sum at records[0].breakdown[sex]: the breakdown does not add up to the actual (dimension=sex, sum=9, actual=10)

    See Also
    --------
    Part : one cell of a breakdown.
    civicgrants.indicators.rollup_report : a roll-up with these findings.
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
