"""Programmes, their stages, calls and published figures."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from civicgrants.errors import Problem, ValidationError
from civicgrants.model.application import Application, ObjectKind, Project
from civicgrants.model.display import frame, shows
from civicgrants.model.fields import (
    CURRENCY_CODE,
    NONNEGATIVE_DECIMAL,
    SCHEMA,
    choice,
    count,
    date,
    decimal,
    entity,
    flag,
    ident,
    many,
    optional_ident,
    text,
    type_check,
)
from civicgrants.model.geo import District, Locality, Region
from civicgrants.model.memorandum import Memorandum
from civicgrants.model.money import Money, Qualifier
from civicgrants.model.names import Names
from civicgrants.model.organisation import Organisation
from civicgrants.model.people import DEFAULT_MIN_GROUP_SIZE, InitiativeGroup

__all__ = [
    "PLAIN_AMOUNT",
    "Aggregation",
    "Calibration",
    "Call",
    "CallApplication",
    "Confidence",
    "Conflict",
    "Criterion",
    "Direction",
    "LocalityLimit",
    "Member",
    "Override",
    "OverrideDecision",
    "Programme",
    "PublishedFigure",
    "Seat",
    "Stage",
    "StageWindow",
]


class Direction(enum.Enum):
    """Whether more is better or less is better. Always stated, never guessed.

    Examples
    --------
    >>> Direction("lower_is_better")
    <Direction.LOWER_IS_BETTER: 'lower_is_better'>
    >>> [d.value for d in Direction]
    ['higher_is_better', 'lower_is_better']

    See Also
    --------
    Criterion : An evaluation criterion of a call («критерий оценки»).
    """

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


PLAIN_AMOUNT = "plain_amount"
"""Field-metadata key: a `Money` field written in JSON as a plain amount.

The value names the sibling field that holds the currency (``"currency"``), so
``"pot": "9000000.00"`` with ``"currency": "KZT"`` reads as ``Money("9000000.00", "KZT")``.
"""


def _plain_money() -> Any:
    return attrs.field(
        default=None,
        validator=[type_check(Money, "Money"), _nonnegative],
        metadata={
            SCHEMA: {"pattern": NONNEGATIVE_DECIMAL},
            PLAIN_AMOUNT: "currency",
        },
    )


_POSITIVE_DECIMAL = r"^(0{0,19}[1-9][0-9]{0,19}(\.[0-9]{1,20})?|0{1,20}\.0{0,19}[1-9][0-9]{0,19})$"
"""A decimal string above 0, within the number limits: the schema of a call's request."""


def _requested() -> Any:
    """A request: not negative here, and above 0 in a call (`Call` checks it; the schema says it)."""
    field = decimal(minimum=0)
    field.metadata[SCHEMA] = {"pattern": _POSITIVE_DECIMAL}
    return field


def _nonnegative(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, Money) and value.amount < 0:
        raise ValueError(f"{attr.name}: must be >= 0, got {value.amount}")


def _check_currency_code(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    try:
        Money.zero(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        message = str(exc).split(": ", 1)[-1]
        raise ValueError(f"{attr.name}: {message}") from None


@shows
@attrs.frozen
class Criterion:
    """An evaluation criterion of a call («критерий оценки»).

    The scale runs from ``min`` to ``max`` in steps of ``step`` (``step`` 0 means
    any value on the scale). ``threshold`` is an optional pass mark on the raw
    scale, read in the criterion's ``direction``.

    Parameters
    ----------
    key : str
        A stable id, unique within the call.
    direction : Direction
        Whether a higher or a lower score is better.
    names : Names or None, optional
        The criterion's name in ru, kk and en.
    weight : Decimal, optional
        Its weight in the overall score (not negative); 1 by default.
    min : Decimal, optional
        The bottom of the scale; 0 by default.
    max : Decimal, optional
        The top of the scale, above ``min``; 10 by default.
    step : Decimal, optional
        The step between valid scores (not negative; 0 for any value); 1 by default.
    threshold : Decimal or None, optional
        A pass mark on the scale.

    Raises
    ------
    ValueError
        ``max`` not above ``min``, a ``threshold`` off the scale, or a field out of range.

    Examples
    --------
    >>> c = Criterion("budget", Direction.HIGHER_IS_BETTER)
    >>> (c.min, c.max, c.step, c.weight), c.label("ru")
    ((Decimal('0'), Decimal('10'), Decimal('1'), Decimal('1')), 'budget')

    See Also
    --------
    Call : holds the criteria.
    Criterion.on_scale : Why ``value`` is not a valid score on this scale, or ``None`` when it is.
    """

    key: str = ident()
    direction: Direction = choice(Direction)
    names: Names | None = entity(Names, optional=True)
    weight: Decimal = decimal(minimum=0, default=Decimal(1))
    min: Decimal = decimal(default=Decimal(0))
    max: Decimal = decimal(default=Decimal(10))
    step: Decimal = decimal(minimum=0, default=Decimal(1))
    threshold: Decimal | None = decimal(optional=True)

    def __attrs_post_init__(self) -> None:
        if self.max <= self.min:
            raise ValueError(f"max: must be > min ({self.min}), got {self.max}")
        if self.threshold is not None and not self.min <= self.threshold <= self.max:
            raise ValueError(
                f"threshold: must lie on the scale {self.min}..{self.max}, got {self.threshold}"
            )

    def label(self, lang: str = "en") -> str:
        """The criterion's name in ``lang`` (falling back to the key).

        Parameters
        ----------
        lang : str, optional
            ``"ru"``, ``"kk"`` or ``"en"`` (the default); see `Names.get()`.

        Returns
        -------
        str
            The name in ``lang`` or the next language available, or the key
            when the criterion has no names.

        Examples
        --------
        >>> c = Criterion("budget", Direction.HIGHER_IS_BETTER, Names(ru="Бюджет", en="Budget"))
        >>> c.label("ru"), c.label("kk")
        ('Бюджет', 'Бюджет')

        See Also
        --------
        civicgrants.model.names.Names.get : the name in a preferred language.
        """
        return self.names.get(lang) if self.names is not None else self.key

    def on_scale(self, value: Decimal) -> str | None:
        """Why ``value`` is not a valid score on this scale, or ``None`` when it is.

        Parameters
        ----------
        value : Decimal
            A score.

        Returns
        -------
        str or None
            Why the score is off the scale or off the step, or ``None``.

        Examples
        --------
        >>> c = Criterion("budget", Direction.HIGHER_IS_BETTER, step=Decimal("0.5"))
        >>> c.on_scale(Decimal("7.5")) is None
        True
        >>> c.on_scale(Decimal("7.3"))
        'must be 0 plus a multiple of the step 0.5, got 7.3'

        See Also
        --------
        Criterion.threshold : the pass mark on the same scale.
        """
        if not self.min <= value <= self.max:
            return f"must be between {self.min} and {self.max}, got {value}"
        if self.step and (value - self.min) % self.step != 0:
            return f"must be {self.min} plus a multiple of the step {self.step}, got {value}"
        return None


class Seat(enum.Enum):
    """The four seats of the evaluation commission (methodology §2.3).

    Examples
    --------
    >>> Seat("donor")
    <Seat.DONOR: 'donor'>
    >>> [s.value for s in Seat]
    ['district_akimat', 'village_akim', 'donor', 'implementer']

    See Also
    --------
    Member : A seat-holder of the evaluation commission, by id only (no names: personal data).
    """

    DISTRICT_AKIMAT = "district_akimat"
    VILLAGE_AKIM = "village_akim"
    DONOR = "donor"
    IMPLEMENTER = "implementer"


class Aggregation(enum.Enum):
    """How the members' scores on one criterion become one value.

    ``TRIMMED_MEAN`` cuts the share `Call.trim` from each end first.

    Examples
    --------
    >>> Aggregation("median")
    <Aggregation.MEDIAN: 'median'>
    >>> [a.value for a in Aggregation]
    ['mean', 'median', 'trimmed_mean', 'confidence_mean']

    See Also
    --------
    Call.aggregation : the rule a call uses.
    """

    MEAN = "mean"
    MEDIAN = "median"
    TRIMMED_MEAN = "trimmed_mean"
    CONFIDENCE_MEAN = "confidence_mean"


class Calibration(enum.Enum):
    """Per-member calibration of scores before aggregation.

    Examples
    --------
    >>> Calibration("zscore")
    <Calibration.ZSCORE: 'zscore'>
    >>> [c.value for c in Calibration]
    ['zscore', 'rescaled']

    See Also
    --------
    Call.calibration : the calibration a call applies, if any.
    """

    ZSCORE = "zscore"
    RESCALED = "rescaled"


class OverrideDecision(enum.Enum):
    """What a commission override imposes.

    Examples
    --------
    >>> OverrideDecision("fund")
    <OverrideDecision.FUND: 'fund'>
    >>> [d.value for d in OverrideDecision]
    ['fund', 'not_fund']

    See Also
    --------
    Override : A commission decision that overrides the ranking, with its written reason.
    """

    FUND = "fund"
    NOT_FUND = "not_fund"


@shows
@attrs.frozen
class Member:
    """A seat-holder of the evaluation commission, by id only (no names: personal data).

    Parameters
    ----------
    id : str
        A stable id.
    affiliation : str or None, optional
        The id of the member's organisation (used by ``recuse_same_affiliation``).
    locality : str or None, optional
        The id of the member's locality (used by ``recuse_same_locality``).
    seat : Seat or None, optional
        The commission seat held.

    Examples
    --------
    >>> Member("m1", seat=Seat.DONOR).seat
    <Seat.DONOR: 'donor'>

    See Also
    --------
    Call : A call for applications: the pot, the criteria, the commission, the rules.
    Conflict : A declared conflict of interest: ``member`` may not score ``application``.
    """

    id: str = ident()
    affiliation: str | None = optional_ident()
    locality: str | None = optional_ident()
    seat: Seat | None = choice(Seat, optional=True)


@shows
@attrs.frozen
class CallApplication:
    """An application as the commission sees it: where from and how much it asks.

    ``requested`` and ``contribution`` are amounts in the call's currency.

    Parameters
    ----------
    id : str
        A stable id, unique within the call.
    locality : str
        The id of the locality it comes from.
    requested : Decimal
        The grant asked for (not negative; the call requires > 0).
    organisation : str or None, optional
        The id of the applying organisation.
    contribution : Decimal or None, optional
        The applicant's own contribution (not negative).
    title : str or None, optional
        The application's title.

    Examples
    --------
    >>> CallApplication("a1", "kulsary", "2500000").requested
    Decimal('2500000')

    See Also
    --------
    Call.grant : what funding it would pay.
    civicgrants.model.application.Application : the application's lifecycle.
    """

    id: str = ident()
    locality: str = ident()
    requested: Decimal = _requested()
    organisation: str | None = optional_ident()
    contribution: Decimal | None = decimal(optional=True, minimum=0)
    title: str | None = text(optional=True)


@shows
@attrs.frozen
class Conflict:
    """A declared conflict of interest: ``member`` may not score ``application``.

    Parameters
    ----------
    member : str
        The id of the commission member.
    application : str
        The id of the application.
    reason : str
        Why, in words (one declaration per pair).

    Examples
    --------
    >>> Conflict("m1", "a1", "cousin of the leader").reason
    'cousin of the leader'

    See Also
    --------
    Call : A call for applications: the pot, the criteria, the commission, the rules.
    """

    member: str = ident()
    application: str = ident()
    reason: str = text()


@shows
@attrs.frozen
class LocalityLimit:
    """Limits on what one locality may receive from a call.

    ``min_count`` / ``min_amount`` are minimums the funding tries to reach
    (best-ranked eligible applications of the locality first, within the pot
    and the maximums; a minimum that cannot be reached is reported, not an
    error); ``max_count`` / ``max_amount`` are hard caps. Amounts are in the
    call's currency.

    Parameters
    ----------
    id : str
        The id of the locality.
    min_count : int or None, optional
        Applications the funding tries to fund there.
    max_count : int or None, optional
        Applications that may be funded there at most.
    max_amount : Decimal or None, optional
        The most the locality may receive.
    min_amount : Decimal or None, optional
        What the funding tries to give the locality.

    Raises
    ------
    ValueError
        A maximum below its minimum, or a negative value.

    Examples
    --------
    >>> from decimal import Decimal
    >>> LocalityLimit("kuryk", min_amount=Decimal(500), max_amount=Decimal(400))
    Traceback (most recent call last):
    ...
    ValueError: max_amount: must be >= min_amount (500), got 400

    See Also
    --------
    Call.localities : a call's limits, one per locality.
    """

    id: str = ident()
    min_count: int | None = count(optional=True)
    max_count: int | None = count(optional=True)
    max_amount: Decimal | None = decimal(optional=True, minimum=0)
    min_amount: Decimal | None = decimal(optional=True, minimum=0)

    def __attrs_post_init__(self) -> None:
        if (
            self.min_count is not None
            and self.max_count is not None
            and self.min_count > self.max_count
        ):
            raise ValueError(
                f"max_count: must be >= min_count ({self.min_count}), got {self.max_count}"
            )
        if (
            self.min_amount is not None
            and self.max_amount is not None
            and self.min_amount > self.max_amount
        ):
            raise ValueError(
                f"max_amount: must be >= min_amount ({self.min_amount}), got {self.max_amount}"
            )


@shows
@attrs.frozen
class Override:
    """A commission decision that overrides the ranking, with its written reason.

    Parameters
    ----------
    application : str
        The id of the application.
    decision : OverrideDecision
        Fund it, or do not.
    reason : str
        The commission's written reason.

    Examples
    --------
    >>> Override("a1", OverrideDecision.NOT_FUND, "site not available").decision
    <OverrideDecision.NOT_FUND: 'not_fund'>

    See Also
    --------
    Call.overrides : a call's overrides.
    """

    application: str = ident()
    decision: OverrideDecision = choice(OverrideDecision)
    reason: str = text()


@shows
@attrs.frozen
class Call:
    """A call for applications («конкурс»): the pot, the criteria, the commission, the rules.

    Money: ``pot`` and ``max_grant`` are `Money` in ``currency`` (in JSON
    they are written as plain amounts, the currency taken from ``currency``);
    amounts inside applications and locality limits are in the same currency.
    Every cross-reference (members, applications, criteria, localities) is
    checked at construction and every dangling one reported with its path.

    Parameters
    ----------
    id : str
        A stable id.
    names : Names or None, optional
        The call's name.
    stage : str or None, optional
        The id of the programme stage.
    region : str or None, optional
        The id of the region.
    pot : Money or None, optional
        The money to distribute, in ``currency``.
    max_grant : Money or None, optional
        The largest grant, in ``currency``, not above ``pot``.
    criteria : sequence of Criterion, optional
        The evaluation criteria, with unique keys; not all weights 0.
    theme : Names or None, optional
        The call's theme.
    opens : datetime.date or None, optional
        When applications open.
    closes : datetime.date or None, optional
        When they close; not before ``opens``.
    currency : str, optional
        The ISO-4217 code of every amount; ``"KZT"`` by default.
    members : sequence of Member, optional
        The evaluation commission.
    applications : sequence of CallApplication, optional
        The applications, each asking for a whole number of minor units > 0.
    conflicts : sequence of Conflict, optional
        Declared conflicts of interest, one per member and application.
    recuse_same_locality : bool, optional
        A member does not score applications from their own locality.
    recuse_same_affiliation : bool, optional
        A member does not score applications of their own organisation.
    aggregation : Aggregation, optional
        How members' scores are combined; ``Aggregation.MEAN`` by default.
    trim : Decimal, optional
        The share cut from each end by ``TRIMMED_MEAN``, below 0.5; 0.25 by default.
    calibration : Calibration or None, optional
        Per-member calibration before aggregation.
    calibration_min : int, optional
        The fewest scores a member needs to be calibrated; 5 by default.
    overall_threshold : Decimal or None, optional
        A pass mark on the overall score, 0 to 100.
    tie_break : sequence of str, optional
        Criterion keys that break ties, in order.
    seed : int, optional
        The seed of any random step (not negative); 0 by default.
    partial_funding : bool, optional
        Whether the last funded application may get less than it asked.
    localities : sequence of LocalityLimit, optional
        Limits per locality; each must be a locality some application comes from.
    overrides : sequence of Override, optional
        Commission overrides, at most one per application.

    Raises
    ------
    ValidationError
        Every problem at once, each with its path.
    ValueError
        A single field out of range (checked first, field by field).

    Examples
    --------
    >>> call = Call("c1", pot=Money(1000), criteria=(Criterion("r", Direction.HIGHER_IS_BETTER),),
    ...             members=(Member("m1"),), conflicts=(Conflict("m9", "a1", "cousin"),))
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: conflicts[0].member: unknown member 'm9'
    conflicts[0].application: unknown application 'a1'

    See Also
    --------
    Criterion : An evaluation criterion of a call («критерий оценки»).
    Member : A seat-holder of the evaluation commission, by id only (no names: personal data).
    CallApplication : An application as the commission sees it: where from and how much it asks.
    LocalityLimit : Limits on what one locality may receive from a call.
    Override : A commission decision that overrides the ranking, with its written reason.
    Programme.calls : where a programme keeps its calls.
    """

    id: str = ident()
    names: Names | None = entity(Names, optional=True)
    stage: str | None = optional_ident()
    region: str | None = optional_ident()
    pot: Money | None = _plain_money()
    max_grant: Money | None = _plain_money()
    criteria: tuple[Criterion, ...] = many(Criterion, unique=True)
    theme: Names | None = entity(Names, optional=True)
    opens: dt.date | None = date(optional=True)
    closes: dt.date | None = date(optional=True)
    currency: str = attrs.field(
        default="KZT", validator=_check_currency_code, metadata={CURRENCY_CODE: True}
    )
    members: tuple[Member, ...] = many(Member, unique=True)
    applications: tuple[CallApplication, ...] = many(CallApplication, unique=True)
    conflicts: tuple[Conflict, ...] = many(Conflict)
    recuse_same_locality: bool = flag(False)
    recuse_same_affiliation: bool = flag(False)
    aggregation: Aggregation = choice(Aggregation, default=Aggregation.MEAN)
    trim: Decimal = decimal(minimum=0, default=Decimal("0.25"))
    calibration: Calibration | None = choice(Calibration, optional=True)
    calibration_min: int = count(minimum=1, default=5)
    overall_threshold: Decimal | None = decimal(optional=True, minimum=0, maximum=100)
    tie_break: tuple[str, ...] = many(str, unique=True)
    seed: int = count(minimum=0, default=0)
    partial_funding: bool = flag(False)
    localities: tuple[LocalityLimit, ...] = many(LocalityLimit, unique=True)
    overrides: tuple[Override, ...] = many(Override)

    def __attrs_post_init__(self) -> None:
        problems = list(self._problems())
        if problems:
            raise ValidationError(problems)

    def _minor_units(self, path: str, amount: Decimal | None) -> Iterator[Problem]:
        """A problem at ``path`` unless ``amount`` is a whole number of the currency's minor units."""
        if amount is None:
            return
        try:
            whole = Money(amount, self.currency).is_whole
        except (TypeError, ValueError, ArithmeticError) as exc:  # too many digits, at its place
            yield Problem(path, str(exc).removeprefix("amount: "))
            return
        if not whole:
            yield Problem(
                path,
                f"must be a whole number of minor units of {self.currency}, got {amount}",
                "amount.inexact",
            )

    def _problems(self) -> Iterator[Problem]:
        for name in ("pot", "max_grant"):
            value: Money | None = getattr(self, name)
            if value is not None and value.currency != self.currency:
                yield Problem(
                    f"{name}.currency",
                    f"must be the call's currency ({self.currency}), got {value.currency}",
                )
        if (
            self.pot is not None
            and self.max_grant is not None
            and self.max_grant.currency == self.pot.currency
            and self.max_grant > self.pot
        ):
            yield Problem(
                "max_grant", f"must not exceed the pot ({self.pot}), got {self.max_grant}"
            )
        if self.opens and self.closes and self.closes < self.opens:
            yield Problem("closes", f"must not be before opens ({self.opens}), got {self.closes}")
        if self.trim >= Decimal("0.5"):
            yield Problem("trim", f"must be < 0.5 (a share cut from each end), got {self.trim}")
        if self.criteria and not any(c.weight for c in self.criteria):
            yield Problem("criteria", "the weights must not all be 0")
        for i, a in enumerate(self.applications):
            for name in ("requested", "contribution"):
                yield from self._minor_units(f"applications[{i}].{name}", getattr(a, name))
            if a.requested == 0:
                yield Problem(f"applications[{i}].requested", "must be > 0, got 0")
        for i, lim in enumerate(self.localities):
            for name in ("min_amount", "max_amount"):
                yield from self._minor_units(f"localities[{i}].{name}", getattr(lim, name))
        members = {m.id for m in self.members}
        apps = {a.id for a in self.applications}
        keys = {c.key for c in self.criteria}
        places = {a.locality for a in self.applications}

        def ref(path: str, value: str, known: set[str], what: str) -> Iterator[Problem]:
            if value not in known:
                yield Problem(path, f"unknown {what} {value!r}")

        declared: dict[tuple[str, str], int] = {}
        for i, c in enumerate(self.conflicts):
            yield from ref(f"conflicts[{i}].member", c.member, members, "member")
            yield from ref(f"conflicts[{i}].application", c.application, apps, "application")
            pair = (c.member, c.application)
            if pair in declared:
                yield Problem(
                    f"conflicts[{i}]",
                    f"repeats conflicts[{declared[pair]}] ({c.member!r} and {c.application!r}); "
                    "give every reason in one declaration",
                )
            declared.setdefault(pair, i)
        for i, key in enumerate(self.tie_break):
            yield from ref(f"tie_break[{i}]", key, keys, "criterion")
        for i, lim in enumerate(self.localities):
            yield from ref(
                f"localities[{i}].id", lim.id, places, "locality (no application from it)"
            )
        seen: dict[str, int] = {}
        for i, o in enumerate(self.overrides):
            yield from ref(f"overrides[{i}].application", o.application, apps, "application")
            if o.application in seen:
                yield Problem(
                    f"overrides[{i}].application",
                    f"duplicates overrides[{seen[o.application]}] ({o.application!r})",
                )
            seen.setdefault(o.application, i)

    # -- lookups ---------------------------------------------------------------
    def criterion(self, key: str) -> Criterion:
        """The criterion with this key (``KeyError`` naming the known keys if absent).

        Parameters
        ----------
        key : str
            The criterion's key.

        Returns
        -------
        Criterion
            The criterion.

        Raises
        ------
        KeyError
            No criterion has this key.

        Examples
        --------
        >>> call = Call("c1", criteria=[Criterion("budget", Direction.HIGHER_IS_BETTER)])
        >>> call.criterion("budget").direction
        <Direction.HIGHER_IS_BETTER: 'higher_is_better'>
        >>> call.criterion("impact")
        Traceback (most recent call last):
        ...
        KeyError: "unknown criterion 'impact'; known: budget"

        See Also
        --------
        Criterion : An evaluation criterion of a call («критерий оценки»).
        """
        for c in self.criteria:
            if c.key == key:
                return c
        raise KeyError(
            f"unknown criterion {key!r}; known: {', '.join(c.key for c in self.criteria)}"
        )

    def amount(self, value: Decimal | int | str) -> Money:
        """An amount in the call's currency as `Money`.

        Parameters
        ----------
        value : Decimal, int or str
            The amount, as `Money` accepts it.

        Returns
        -------
        Money
            ``value`` in the call's ``currency``.

        Examples
        --------
        >>> print(Call("c1", currency="EUR").amount("1500.5"))
        1500.50 EUR

        See Also
        --------
        Call.grant : What funding ``application`` would pay: its request, capped at ``max_grant``.
        """
        return Money(value, self.currency)

    def grant(self, application: CallApplication) -> Money:
        """What funding ``application`` would pay: its request, capped at ``max_grant``.

        Parameters
        ----------
        application : CallApplication
            The application.

        Returns
        -------
        Money
            The request in the call's currency, or ``max_grant`` when smaller.

        Examples
        --------
        >>> call = Call("c1", pot=Money(9_000_000), max_grant=Money(2_000_000),
        ...             applications=[CallApplication("a1", "kulsary", Decimal(2_500_000)),
        ...                           CallApplication("a2", "kulsary", Decimal(1_000_000))])
        >>> [str(call.grant(a)) for a in call.applications]
        ['2000000.00 KZT', '1000000.00 KZT']

        See Also
        --------
        Call.amount : An amount in the call's currency as `Money`.
        CallApplication : An application as the commission sees it: where from and how much it asks.
        """
        asked = Money(application.requested, self.currency)
        if self.max_grant is not None and self.max_grant < asked:
            return self.max_grant
        return asked


@shows
@attrs.frozen
class StageWindow:
    """When a stage ran in one region, and in which localities.

    Parameters
    ----------
    region : str
        The id of the region.
    start : datetime.date
        The first day.
    end : datetime.date
        The last day, not before ``start``.
    localities : sequence of str, optional
        Ids of the localities, without repeats.
    source : str or None, optional
        Where the window is documented.
    note : str or None, optional
        Free text.

    Raises
    ------
    ValueError
        ``end`` before ``start``, or a repeated locality.

    Examples
    --------
    >>> StageWindow("atyrau", dt.date(2021, 3, 1), dt.date(2021, 1, 1))
    Traceback (most recent call last):
    ...
    ValueError: end: must not be before start (2021-03-01), got 2021-01-01

    See Also
    --------
    Stage : A stage («этап») of a programme, with its time window per region.
    """

    region: str = ident()
    start: dt.date = date()
    end: dt.date = date()
    localities: tuple[str, ...] = many(str, unique=True)
    source: str | None = text(optional=True)
    note: str | None = text(optional=True)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"end: must not be before start ({self.start}), got {self.end}")


@shows
@attrs.frozen
class Stage:
    """A stage («этап») of a programme, with its time window per region.

    Parameters
    ----------
    id : str
        A stable id, such as ``"III"``.
    number : int
        The stage's number, from 1.
    names : Names
        The stage's name.
    windows : sequence of StageWindow
        At least one window.

    Examples
    --------
    >>> s = Stage("III", 3, Names(en="Stage III"),
    ...           [StageWindow("atyrau", dt.date(2021, 3, 1), dt.date(2021, 10, 31), ["kulsary"]),
    ...            StageWindow("mangistau", dt.date(2021, 4, 1), dt.date(2021, 11, 30),
    ...                        ["kuryk", "kulsary"])])
    >>> print(s.start, s.end, s.localities)
    2021-03-01 2021-11-30 ('kulsary', 'kuryk')

    See Also
    --------
    StageWindow : When a stage ran in one region, and in which localities.
    Programme.stages : where a programme keeps its stages.
    """

    id: str = ident()
    number: int = count(minimum=1)
    names: Names = entity(Names)
    windows: tuple[StageWindow, ...] = many(StageWindow, nonempty=True)

    @property
    def start(self) -> dt.date:
        """The earliest start of any window.

        Examples
        --------
        >>> s = Stage("III", 3, Names(en="Stage III"), [
        ...     StageWindow("atyrau", dt.date(2021, 3, 1), dt.date(2021, 10, 31), ["kulsary"]),
        ...     StageWindow("mangistau", dt.date(2021, 4, 1), dt.date(2021, 11, 30), ["kuryk"])])
        >>> s.start
        datetime.date(2021, 3, 1)
        """
        return min(w.start for w in self.windows)

    @property
    def end(self) -> dt.date:
        """The latest end of any window.

        Examples
        --------
        >>> s = Stage("III", 3, Names(en="Stage III"), [
        ...     StageWindow("atyrau", dt.date(2021, 3, 1), dt.date(2021, 10, 31), ["kulsary"]),
        ...     StageWindow("mangistau", dt.date(2021, 4, 1), dt.date(2021, 11, 30), ["kuryk"])])
        >>> s.end
        datetime.date(2021, 11, 30)
        """
        return max(w.end for w in self.windows)

    @property
    def localities(self) -> tuple[str, ...]:
        """Locality ids of every window, in order, without repeats.

        Examples
        --------
        >>> s = Stage("III", 3, Names(en="Stage III"), [
        ...     StageWindow("atyrau", dt.date(2021, 3, 1), dt.date(2021, 10, 31), ["kulsary"]),
        ...     StageWindow("mangistau", dt.date(2021, 4, 1), dt.date(2021, 11, 30),
        ...                 ["kuryk", "kulsary"])])
        >>> s.localities
        ('kulsary', 'kuryk')
        """
        return tuple(dict.fromkeys(loc for w in self.windows for loc in w.localities))


class Confidence(enum.Enum):
    """How far a published figure's attribution can be trusted.

    Examples
    --------
    >>> Confidence("high")
    <Confidence.HIGH: 'high'>
    >>> [c.value for c in Confidence]
    ['high', 'medium', 'low']

    See Also
    --------
    PublishedFigure : A figure as the programme published it, with where it was printed.
    """

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@shows
@attrs.frozen
class PublishedFigure:
    """A figure as the programme published it, with where it was printed.

    ``stage`` and ``region`` are set only where the source attributes the
    figure; a part that cannot be attributed keeps them empty and says so in
    ``note``.

    Parameters
    ----------
    key : str
        What the figure counts (``"projects"``, ``"beneficiaries"``).
    value : Decimal
        The printed value.
    unit : str
        Its unit, in words.
    source : str
        Where it was printed.
    stage : str or None, optional
        The id of the stage it is attributed to.
    region : str or None, optional
        The id of the region it is attributed to.
    qualifier : Qualifier, optional
        How the printed value relates to the true one; ``EXACT`` by default.
    confidence : Confidence, optional
        How far the attribution can be trusted; ``HIGH`` by default.
    note : str or None, optional
        Free text, e.g. why a part cannot be attributed.

    Examples
    --------
    >>> f = PublishedFigure("projects", 12, "projects", "brochure p. 4", stage="III")
    >>> print(f.value, f.qualifier.value, f.confidence.value)
    12 exact high

    See Also
    --------
    Programme.figure : The one published figure with this key, stage and region.
    """

    key: str = ident()
    value: Decimal = decimal()
    unit: str = text()
    source: str = text()
    stage: str | None = optional_ident()
    region: str | None = optional_ident()
    qualifier: Qualifier = choice(Qualifier, default=Qualifier.EXACT)
    confidence: Confidence = choice(Confidence, default=Confidence.HIGH)
    note: str | None = text(optional=True)


@shows
@attrs.frozen
class Programme:
    """A grant programme: who runs and funds it, where, when, and what it produced.

    Ids inside must refer to things the programme holds; every dangling
    reference is reported at once, with its path.

    Parameters
    ----------
    id : str
        A stable id.
    names : Names
        The programme's name.
    implementer : Organisation
        Who runs it.
    donor : Organisation
        Who funds it.
    start : datetime.date
        The first day.
    end : datetime.date
        The last day, not before ``start``.
    theme : Names or None, optional
        The programme's theme.
    min_group_size : int, optional
        The smallest initiative group, leader included (from 1);
        `DEFAULT_MIN_GROUP_SIZE` by default.
    regions, districts, localities : sequence, optional
        The places, each with a unique id.
    organisations : sequence of Organisation, optional
        Other organisations (akimats …); the implementer and donor count too.
    stages : sequence of Stage, optional
        The stages.
    memoranda : sequence of Memorandum, optional
        Memoranda with akimats.
    calls : sequence of Call, optional
        Calls for applications.
    groups : sequence of InitiativeGroup, optional
        Initiative groups.
    applications : sequence of Application, optional
        Applications to the calls.
    projects : sequence of Project, optional
        Funded projects.
    figures : sequence of PublishedFigure, optional
        Figures as published.
    sources : sequence of str, optional
        The documents it was built from.
    note : str or None, optional
        Free text.

    Raises
    ------
    ValidationError
        Every dangling reference (and an ``end`` before ``start``), each with its path.
    ValueError
        A single field out of range (checked first, field by field).

    Examples
    --------
    >>> from civicgrants.model import LocalityKind, OrganisationKind
    >>> org = Organisation("gamo", Names(en="GAMO"), OrganisationKind.NGO)
    >>> p = Programme("p1", Names(en="Healthy children"), org, org,
    ...               dt.date(2020, 1, 1), dt.date(2021, 12, 31),
    ...               regions=[Region("atyrau", Names(en="Atyrau"))],
    ...               localities=[Locality("kulsary", Names(en="Kulsary"),
    ...                                    LocalityKind.TOWN, "atyrau")])
    >>> [loc.id for loc in p.localities_in("atyrau")]
    ['kulsary']
    >>> Programme("p1", Names(en="Healthy children"), org, org,
    ...           dt.date(2020, 1, 1), dt.date(2021, 12, 31),
    ...           localities=[Locality("kulsary", Names(en="Kulsary"), LocalityKind.TOWN, "atyrau")])
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: localities[0].region: unknown region 'atyrau'

    See Also
    --------
    Programme.locality, Programme.projects_where, Programme.figure : queries.
    Call : A call for applications: the pot, the criteria, the commission, the rules.
    Stage : A stage («этап») of a programme, with its time window per region.
    civicgrants.model.application.Project : A funded application.
    """

    id: str = ident()
    names: Names = entity(Names)
    implementer: Organisation = entity(Organisation)
    donor: Organisation = entity(Organisation)
    start: dt.date = date()
    end: dt.date = date()
    theme: Names | None = entity(Names, optional=True)
    min_group_size: int = count(minimum=1, default=DEFAULT_MIN_GROUP_SIZE)
    regions: tuple[Region, ...] = many(Region, unique=True)
    districts: tuple[District, ...] = many(District, unique=True)
    localities: tuple[Locality, ...] = many(Locality, unique=True)
    organisations: tuple[Organisation, ...] = many(Organisation, unique=True)
    stages: tuple[Stage, ...] = many(Stage, unique=True)
    memoranda: tuple[Memorandum, ...] = many(Memorandum, unique=True)
    calls: tuple[Call, ...] = many(Call, unique=True)
    groups: tuple[InitiativeGroup, ...] = many(InitiativeGroup, unique=True)
    applications: tuple[Application, ...] = many(Application, unique=True)
    projects: tuple[Project, ...] = many(Project, unique=True)
    figures: tuple[PublishedFigure, ...] = many(PublishedFigure)
    sources: tuple[str, ...] = many(str)
    note: str | None = text(optional=True)

    def __attrs_post_init__(self) -> None:
        problems = list(self._dangling())
        if self.end < self.start:
            problems.append(
                Problem("end", f"must not be before start ({self.start}), got {self.end}")
            )
        if problems:
            raise ValidationError(problems)

    def _dangling(self) -> Iterator[Problem]:
        regions = {r.id for r in self.regions}
        districts = {d.id: d for d in self.districts}
        localities = {loc.id: loc for loc in self.localities}
        stages = {s.id for s in self.stages}
        calls = {c.id for c in self.calls}
        orgs = {o.id for o in self.organisations} | {self.implementer.id, self.donor.id}

        def ref(path: str, value: str | None, known: object, what: str) -> Iterator[Problem]:
            if value is not None and value not in known:  # type: ignore[operator]
                yield Problem(path, f"unknown {what} {value!r}")

        for i, d in enumerate(self.districts):
            yield from ref(f"districts[{i}].region", d.region, regions, "region")
        for i, loc in enumerate(self.localities):
            yield from ref(f"localities[{i}].region", loc.region, regions, "region")
            yield from ref(f"localities[{i}].district", loc.district, districts, "district")
            if loc.district in districts and districts[loc.district].region != loc.region:
                yield Problem(
                    f"localities[{i}].district",
                    f"district {loc.district!r} lies in region {districts[loc.district].region!r}, not {loc.region!r}",
                )
        for i, s in enumerate(self.stages):
            for j, w in enumerate(s.windows):
                yield from ref(f"stages[{i}].windows[{j}].region", w.region, regions, "region")
                for k, loc_id in enumerate(w.localities):
                    yield from ref(
                        f"stages[{i}].windows[{j}].localities[{k}]", loc_id, localities, "locality"
                    )
        for i, m in enumerate(self.memoranda):
            yield from ref(f"memoranda[{i}].akimat", m.akimat, orgs, "organisation")
            for k, loc_id in enumerate(m.localities):
                yield from ref(f"memoranda[{i}].localities[{k}]", loc_id, localities, "locality")
        for i, c in enumerate(self.calls):
            yield from ref(f"calls[{i}].stage", c.stage, stages, "stage")
            yield from ref(f"calls[{i}].region", c.region, regions, "region")
        for i, g in enumerate(self.groups):
            yield from ref(f"groups[{i}].locality", g.locality, localities, "locality")
        for i, a in enumerate(self.applications):
            yield from ref(f"applications[{i}].call", a.call, calls, "call")
            yield from ref(f"applications[{i}].locality", a.locality, localities, "locality")
        project_ids = {p.id for p in self.projects}
        for i, p in enumerate(self.projects):
            yield from ref(f"projects[{i}].stage", p.stage, stages, "stage")
            yield from ref(f"projects[{i}].locality", p.locality, localities, "locality")
            for j, link in enumerate(p.links):
                yield from ref(
                    f"projects[{i}].links[{j}].project", link.project, project_ids, "project"
                )
        for i, f in enumerate(self.figures):
            yield from ref(f"figures[{i}].stage", f.stage, stages, "stage")
            yield from ref(f"figures[{i}].region", f.region, regions, "region")

    # -- one-line queries ---------------------------------------------------
    def region_of(self, locality: str | Locality) -> Region:
        """The region a locality lies in.

        Parameters
        ----------
        locality : str or Locality
            A locality, or its id.

        Returns
        -------
        Region
            Its region.

        Raises
        ------
        KeyError
            An unknown locality id.

        Examples
        --------
        >>> from civicgrants.model import LocalityKind, OrganisationKind
        >>> org = Organisation("gamo", Names(en="GAMO"), OrganisationKind.NGO)
        >>> p = Programme("p1", Names(en="Healthy children"), org, org,
        ...               dt.date(2020, 1, 1), dt.date(2021, 12, 31),
        ...               regions=[Region("atyrau", Names(en="Atyrau"))],
        ...               localities=[Locality("kulsary", Names(en="Kulsary"),
        ...                                    LocalityKind.TOWN, "atyrau")])
        >>> p.region_of("kulsary").id
        'atyrau'

        See Also
        --------
        Programme.locality : The locality with this id.
        Programme.localities_in : Localities of one region.
        """
        loc = self.locality(locality) if isinstance(locality, str) else locality
        return next(r for r in self.regions if r.id == loc.region)

    def locality(self, locality_id: str) -> Locality:
        """The locality with this id (``KeyError`` naming the known ids if absent).

        Parameters
        ----------
        locality_id : str
            The locality's id.

        Returns
        -------
        Locality
            The locality.

        Raises
        ------
        KeyError
            No locality has this id.

        Examples
        --------
        >>> from civicgrants.model import LocalityKind, OrganisationKind
        >>> org = Organisation("gamo", Names(en="GAMO"), OrganisationKind.NGO)
        >>> p = Programme("p1", Names(en="Healthy children"), org, org,
        ...               dt.date(2020, 1, 1), dt.date(2021, 12, 31),
        ...               regions=[Region("atyrau", Names(en="Atyrau"))],
        ...               localities=[Locality("kulsary", Names(en="Kulsary"),
        ...                                    LocalityKind.TOWN, "atyrau")])
        >>> p.locality("kulsary").kind
        <LocalityKind.TOWN: 'town'>
        >>> p.locality("kuryk")
        Traceback (most recent call last):
        ...
        KeyError: "unknown locality 'kuryk'; known: kulsary"

        See Also
        --------
        Programme.region_of : The region a locality lies in.
        Programme.localities_in : Localities of one region.
        """
        for loc in self.localities:
            if loc.id == locality_id:
                return loc
        raise KeyError(
            f"unknown locality {locality_id!r}; known: {', '.join(loc.id for loc in self.localities)}"
        )

    def localities_in(self, region: str) -> tuple[Locality, ...]:
        """Localities of one region, e.g. ``programme.localities_in("atyrau")``.

        Parameters
        ----------
        region : str
            The region's id.

        Returns
        -------
        tuple of Locality
            Its localities, in the programme's order; empty for an unknown region.

        Examples
        --------
        >>> from civicgrants.model import LocalityKind, OrganisationKind
        >>> org = Organisation("gamo", Names(en="GAMO"), OrganisationKind.NGO)
        >>> p = Programme("p1", Names(en="Healthy children"), org, org,
        ...               dt.date(2020, 1, 1), dt.date(2021, 12, 31),
        ...               regions=[Region("atyrau", Names(en="Atyrau"))],
        ...               localities=[Locality("kulsary", Names(en="Kulsary"),
        ...                                    LocalityKind.TOWN, "atyrau")])
        >>> [loc.id for loc in p.localities_in("atyrau")], p.localities_in("mangistau")
        (['kulsary'], ())

        See Also
        --------
        Programme.region_of : The region a locality lies in.
        Programme.projects_where : Projects matching every given filter.
        """
        return tuple(loc for loc in self.localities if loc.region == region)

    def projects_where(
        self,
        *,
        stage: str | None = None,
        region: str | None = None,
        locality: str | None = None,
        kind: ObjectKind | None = None,
    ) -> tuple[Project, ...]:
        """Projects matching every given filter.

        Parameters
        ----------
        stage : str or None, optional
            A stage id.
        region : str or None, optional
            A region id (the project's locality lies in it).
        locality : str or None, optional
            A locality id.
        kind : ObjectKind or None, optional
            What the project builds.

        Returns
        -------
        tuple of Project
            The matching projects, in the programme's order; every project
            when no filter is given.

        Examples
        --------
        >>> from civicgrants.model import LocalityKind, OrganisationKind
        >>> org = Organisation("gamo", Names(en="GAMO"), OrganisationKind.NGO)
        >>> p = Programme("p1", Names(en="Healthy children"), org, org,
        ...               dt.date(2020, 1, 1), dt.date(2021, 12, 31),
        ...               regions=[Region("atyrau", Names(en="Atyrau"))],
        ...               localities=[Locality("kulsary", Names(en="Kulsary"),
        ...                                    LocalityKind.TOWN, "atyrau")])
        >>> park = Project("P-1", stage="III", locality="kulsary", title=Names(en="Park"),
        ...                kind=ObjectKind.PARK_ALLEY_BEACH)
        >>> stage = Stage("III", 3, Names(en="Stage III"),
        ...               [StageWindow("atyrau", dt.date(2021, 3, 1), dt.date(2021, 10, 31))])
        >>> p = attrs.evolve(p, stages=[stage], projects=[park])
        >>> [x.id for x in p.projects_where(region="atyrau", kind=ObjectKind.PARK_ALLEY_BEACH)]
        ['P-1']
        >>> p.projects_where(kind=ObjectKind.PLAYGROUND)
        ()

        See Also
        --------
        Programme.localities_in : Localities of one region.
        Programme.figure : The one published figure with this key, stage and region.
        """
        region_of = {loc.id: loc.region for loc in self.localities}
        return tuple(
            p
            for p in self.projects
            if (stage is None or p.stage == stage)
            and (locality is None or p.locality == locality)
            and (region is None or region_of.get(p.locality) == region)
            and (kind is None or p.kind is kind)
        )

    def figure(
        self, key: str, *, stage: str | None = None, region: str | None = None
    ) -> PublishedFigure:
        """The one published figure with this key, stage and region.

        ``stage`` and ``region`` match exactly: ``None`` asks for a figure not
        attributed to any stage (or region).

        Parameters
        ----------
        key : str
            The figure's key.
        stage : str or None, optional
            The stage it is attributed to.
        region : str or None, optional
            The region it is attributed to.

        Returns
        -------
        PublishedFigure
            The figure.

        Raises
        ------
        KeyError
            No figure, or more than one, matches.

        Examples
        --------
        >>> from civicgrants.model import LocalityKind, OrganisationKind
        >>> org = Organisation("gamo", Names(en="GAMO"), OrganisationKind.NGO)
        >>> p = Programme("p1", Names(en="Healthy children"), org, org,
        ...               dt.date(2020, 1, 1), dt.date(2021, 12, 31),
        ...               regions=[Region("atyrau", Names(en="Atyrau"))],
        ...               localities=[Locality("kulsary", Names(en="Kulsary"),
        ...                                    LocalityKind.TOWN, "atyrau")])
        >>> p = attrs.evolve(p, figures=[PublishedFigure("projects", 12, "projects", "brochure")])
        >>> p.figure("projects").value
        Decimal('12')
        >>> p.figure("projects", region="atyrau")
        Traceback (most recent call last):
        ...
        KeyError: "0 figures for key='projects', stage=None, region='atyrau'"

        See Also
        --------
        PublishedFigure : A figure as the programme published it, with where it was printed.
        """
        found = [
            f for f in self.figures if f.key == key and f.stage == stage and f.region == region
        ]
        if len(found) != 1:
            raise KeyError(
                f"{len(found)} figures for key={key!r}, stage={stage!r}, region={region!r}"
            )
        return found[0]

    FRAME_COLUMNS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("project", "str"),
        ("stage", "str"),
        ("locality", "str"),
        ("title", "str"),
        ("kind", "str"),
        ("status", "str"),
        ("grant", "money"),
        ("reported", "money"),
    )
    """The columns of `to_frame()`: (name, kind) pairs (see `civicgrants.model.display`)."""

    def to_frame(self, exact: bool = False) -> Any:
        """The projects as a pandas DataFrame, one row each (the ``frames`` extra).

        Columns (`FRAME_COLUMNS`): ``project``, ``stage``, ``locality``,
        ``title`` (English, else Russian), ``kind``, ``status`` (strings);
        ``grant`` and ``reported`` (the reported amount), in tenge, ``float64``
        (``NaN`` where unknown), or exact ``Decimal`` objects with ``exact=True``.

        Parameters
        ----------
        exact : bool, optional
            Amounts as exact ``Decimal`` objects instead of floats.

        Returns
        -------
        pandas.DataFrame
            One row per project, in the programme's order.

        Raises
        ------
        civicgrants.errors.MissingExtra
            pandas is not installed.

        Examples
        --------
        >>> from civicgrants.datasets import public_spaces
        >>> df = public_spaces().to_frame()
        >>> len(df), str(df["reported"].dtype), df.loc[0, "project"]
        (85, 'float64', 'I-01')
        """
        return frame(
            self.FRAME_COLUMNS,
            (
                (
                    p.id,
                    p.stage,
                    p.locality,
                    str(p.title),
                    p.kind.value,
                    p.status.value,
                    p.grant,
                    None if p.reported_amount is None else p.reported_amount.value,
                )
                for p in self.projects
            ),
            exact=exact,
        )
