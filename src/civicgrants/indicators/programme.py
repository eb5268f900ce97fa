"""A programme's published figures as indicator records.

The brochure of a programme prints five headline totals — projects,
programme participants, event participants, community contribution (tenge)
and beneficiaries — each with a chart of parts. `PROGRAMME_INDICATORS`
defines the five indicators and `programme_records()` turns the
programme's `PublishedFigure` parts into one
`Record` each:

* a part the programme attributes to a stage or region (a figure with the
  total's key and a ``stage`` or ``region``) is recorded at that node;
* a part that cannot be attributed (a figure keyed ``<total>_part``) is
  recorded at programme level, with the figure's note in the record's
  ``text``, so the reason travels with the number;
* no split is ever invented: a total without parts becomes one
  programme-level record of the total itself.

Rolling the records up (`rollup()`) gives
the printed totals exactly; `programme_records()` checks this and raises
`ValueError` if a total and its parts disagree.

`programme_status()` sets each rolled-up value beside the figure the
brochure prints and judges it (`published_status()`): on track within
±15 % of the published figure, else over or under.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from decimal import Decimal, localcontext
from typing import Final

import attrs

from civicgrants.errors import Problem, ValidationError
from civicgrants.indicators.achievement import Status, achievement
from civicgrants.indicators.model import IndicatorDefinition, Measure, Record, Target, TargetForm
from civicgrants.indicators.rollup import RollupRow, rollup
from civicgrants.model.display import shows
from civicgrants.model.money import Money, Qualifier
from civicgrants.model.names import Names
from civicgrants.model.numbers import EXACT
from civicgrants.model.programme import Confidence, Direction, Programme, PublishedFigure

__all__ = [
    "PROGRAMME_INDICATORS",
    "STATUS_LEVELS",
    "FigureStatus",
    "ProgrammeStatus",
    "programme_records",
    "programme_status",
    "published_status",
]


def _definition(key: str, names: Names, unit: str, measure: Measure) -> IndicatorDefinition:
    return IndicatorDefinition(
        key, names, unit, measure, Direction.HIGHER_IS_BETTER, TargetForm.AT_LEAST
    )


PROGRAMME_INDICATORS: Final[tuple[IndicatorDefinition, ...]] = (
    _definition(
        "projects",
        Names(ru="Количество проектов", kk="Жобалар саны", en="Projects"),
        "projects",
        Measure.COUNT,
    ),
    _definition(
        "programme_participants",
        Names(
            ru="Количество участников программы",
            kk="Бағдарлама қатысушыларының саны",
            en="Programme participants",
        ),
        "people",
        Measure.COUNT,
    ),
    _definition(
        "event_participants",
        Names(
            ru="Количество участников мероприятий",
            kk="Іс-шаралар қатысушыларының саны",
            en="Event participants",
        ),
        "people",
        Measure.COUNT,
    ),
    _definition(
        "community_contribution",
        Names(ru="Вклад сообщества", kk="Қауымдастықтың үлесі", en="Community contribution"),
        "KZT",
        Measure.MONEY,
    ),
    _definition(
        "beneficiaries",
        Names(
            ru="Количество бенефициаров и пользователей объектов",
            kk="Бенефициарлар мен нысандарды пайдаланушылар саны",
            en="Beneficiaries and users of the objects",
        ),
        "people",
        Measure.COUNT,
    ),
)
"""The five headline indicators of a programme brochure (the money one in KZT)."""

_PART: Final = "_part"


def _total(programme: Programme, key: str) -> PublishedFigure | None:
    found = [f for f in programme.figures if f.key == key and f.stage is None and f.region is None]
    if len(found) > 1:
        raise ValueError(f"{key}: the programme publishes {len(found)} totals, expected one")
    return found[0] if found else None


def programme_records(programme: Programme) -> tuple[Record, ...]:
    """One record per published part of the five totals in `PROGRAMME_INDICATORS`.

    Parts attributed to a stage or region keep that node; unattributed parts
    (``<key>_part`` figures) sit at programme level with their note as the
    record's ``text``. The period is the programme's years (``"2018-2021"``).
    Nothing is computed from the parts but their sum, which must equal the
    printed total.

    Parameters
    ----------
    programme : Programme
        A programme with published figures, e.g.
        `civicgrants.datasets.public_spaces()`.

    Returns
    -------
    tuple of Record
        In the order of the indicators, then of the programme's figures.

    Raises
    ------
    ValueError
        If a total's parts do not add up to it, or a total is published twice.

    Examples
    --------
    >>> from civicgrants.datasets import public_spaces
    >>> from civicgrants.indicators.rollup import rollup
    >>> records = programme_records(public_spaces())
    >>> [(r.indicator, str(r.value)) for r in rollup(records, PROGRAMME_INDICATORS, by=()).rows]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('beneficiaries', '23700'), ('community_contribution', '29591100.00 KZT'),
     ('event_participants', '807'), ('programme_participants', '1287'), ('projects', '87')]
    >>> stage_i = rollup(records, PROGRAMME_INDICATORS, by=("stage",)).row(["I"], "beneficiaries")
    >>> stage_i.value
    Decimal('5400')

    See Also
    --------
    PROGRAMME_INDICATORS : the five indicators recorded.
    programme_status : rolls the records up and judges them against the figures.
    civicgrants.indicators.rollup.rollup : rolls records up the hierarchy.
    """
    period = f"{programme.start.year}-{programme.end.year}"
    out: list[Record] = []
    for definition in PROGRAMME_INDICATORS:
        key = definition.key
        total = _total(programme, key)
        parts = [
            f
            for f in programme.figures
            if (f.key == key and (f.stage is not None or f.region is not None))
            or f.key == key + _PART
        ]
        if not parts:
            if total is not None:
                out.append(_record(programme, key, period, total))
            continue
        with localcontext(EXACT):
            summed = sum((f.value for f in parts), Decimal(0))
        if total is not None and summed != total.value:
            raise ValueError(
                f"{key}: the published parts add up to {summed}, the total is {total.value}"
            )
        out.extend(_record(programme, key, period, f) for f in parts)
    return tuple(out)


def _record(programme: Programme, key: str, period: str, figure: PublishedFigure) -> Record:
    return Record(
        indicator=key,
        period=period,
        programme=programme.id,
        stage=figure.stage,
        region=figure.region,
        actual=figure.value,
        text=figure.note,
    )


STATUS_LEVELS: Final = ("stage", "region")
"""The levels a programme attributes its published figures to."""

_FORMS: Final = {
    Qualifier.MORE_THAN: TargetForm.AT_LEAST,
    Qualifier.AT_LEAST: TargetForm.AT_LEAST,
    Qualifier.LESS_THAN: TargetForm.AT_MOST,
    Qualifier.UP_TO: TargetForm.AT_MOST,
}


def published_status(
    definition: IndicatorDefinition, figure: PublishedFigure, value: Decimal | Money | None
) -> Status:
    """The status band of a rolled-up value against the figure the brochure prints.

    The printed qualifier sets the target's form: «более», «не менее» make it
    a floor, «менее», «до» a ceiling, anything else an exact figure.

    Parameters
    ----------
    definition : IndicatorDefinition
        The indicator.
    figure : PublishedFigure
        The published figure.
    value : Decimal, Money or None
        The rolled-up value (``None``: not reported).

    Returns
    -------
    Status
        ``ON_TRACK`` within ±15 % (`DEFAULT_BAND`)
        of the figure, else ``OVER`` or ``UNDER``; ``NOT_REPORTED`` without a value.

    Examples
    --------
    >>> from civicgrants.datasets import public_spaces
    >>> p = public_spaces()
    >>> published_status(PROGRAMME_INDICATORS[0], p.figure("projects"), Decimal(87)).value
    'on_track'
    >>> published_status(PROGRAMME_INDICATORS[0], p.figure("projects"), Decimal(50)).value
    'under'

    See Also
    --------
    civicgrants.indicators.achievement : the judgement it applies.
    programme_status : judges every rolled-up figure of a programme.
    """
    form = _FORMS.get(figure.qualifier, TargetForm.EXACTLY)
    amount = value.amount if isinstance(value, Money) else value
    return achievement(definition, Target(form, value=figure.value), amount).status


@shows
@attrs.frozen
class FigureStatus:
    """One rolled-up value beside the figure the programme publishes for it.

    Attributes
    ----------
    group : tuple of str or None
        The labels of the grouping levels (empty for the programme's totals).
    indicator : str
        The indicator's key.
    value : Decimal, Money or None
        The value rolled up from the parts.
    records : int
        How many parts fed it.
    published : Decimal, Money or None
        The published figure (Money for a money indicator); ``None`` when the
        programme publishes none for this group (parts it cannot attribute).
    status : Status or None
        The rolled-up value against the published one (`published_status()`).
    confidence : Confidence or None
        How far the published figure's attribution can be trusted.

    Examples
    --------
    >>> from civicgrants.datasets import public_spaces
    >>> total = programme_status(public_spaces(), by=()).totals[4]
    >>> total.indicator, total.value, total.published, total.status.value, total.confidence.value
    ('projects', Decimal('87'), Decimal('87'), 'on_track', 'high')

    A part the programme cannot attribute has no published figure to judge:

    >>> part = programme_status(public_spaces(), by=("stage",)).parts[0]
    >>> part.group, part.indicator, part.published, part.status
    ((None,), 'beneficiaries', None, None)

    See Also
    --------
    ProgrammeStatus : holds the figures of a programme.
    published_status : gives ``status``.
    """

    group: tuple[str | None, ...]
    indicator: str
    value: Decimal | Money | None
    records: int
    published: Decimal | Money | None = None
    status: Status | None = None
    confidence: Confidence | None = None


@shows
@attrs.frozen
class ProgrammeStatus:
    """A programme's published figures, rolled up from their parts and judged.

    Attributes
    ----------
    programme : str
        The programme's id.
    by : tuple of str
        The levels of `parts` (from `STATUS_LEVELS`).
    totals : tuple of FigureStatus
        One per indicator: the programme's totals.
    parts : tuple of FigureStatus
        One per group of ``by`` and indicator (none when ``by`` is empty).

    Examples
    --------
    >>> from civicgrants.datasets import public_spaces
    >>> s = programme_status(public_spaces(), by=("stage",))
    >>> s.programme, s.by, len(s.totals), len(s.parts)
    ('public-spaces', ('stage',), 5, 9)

    See Also
    --------
    programme_status : builds it.
    FigureStatus : one judged figure.
    civicgrants.io.views.indicators.programme_status_text : prints it.
    """

    programme: str
    by: tuple[str, ...]
    totals: tuple[FigureStatus, ...]
    parts: tuple[FigureStatus, ...]


def programme_status(programme: Programme, *, by: Sequence[str] = STATUS_LEVELS) -> ProgrammeStatus:
    """Roll the programme's published parts up and judge them against its published figures.

    Parameters
    ----------
    programme : Programme
        A programme with published figures, e.g. `civicgrants.datasets.public_spaces()`.
    by : sequence of str
        Levels from `STATUS_LEVELS` for the parts (stage and region by
        default; empty for the totals alone). A part is judged only where the
        programme publishes a figure for its stage (and region).

    Returns
    -------
    ProgrammeStatus
        The totals, one per indicator, and (when ``by`` is not empty) the parts,
        one per group and indicator.

    Raises
    ------
    civicgrants.errors.ValidationError
        ``by`` names a level figures are not attributed to.
    ValueError
        The published parts of a total do not add up to it.

    Examples
    --------
    >>> from civicgrants.datasets import public_spaces
    >>> s = programme_status(public_spaces())
    >>> [(t.indicator, t.status.value) for t in s.totals][:2]
    [('beneficiaries', 'on_track'), ('community_contribution', 'on_track')]
    >>> part = s.parts[5]
    >>> part.group, part.indicator, part.value.amount, part.confidence.value
    (('I', 'mangistau'), 'community_contribution', Decimal('3246200.00'), 'low')

    See Also
    --------
    programme_records : the records rolled up.
    published_status : judges one value against its figure.
    civicgrants.io.views.indicators.programme_status_text : prints the result.
    """
    by = tuple(by)
    wrong = [x for x in by if x not in STATUS_LEVELS]
    if wrong:
        raise ValidationError(
            [
                Problem(
                    "by",
                    f"figures are published by {', '.join(STATUS_LEVELS)} only, "
                    f"got {', '.join(wrong)}",
                )
            ]
        )
    records = programme_records(programme)
    definitions = {d.key: d for d in PROGRAMME_INDICATORS}
    totals = []
    for row in rollup(records, PROGRAMME_INDICATORS, by=()).rows:
        found: PublishedFigure | None = None
        with contextlib.suppress(KeyError):
            found = programme.figure(row.indicator)
        totals.append(_judged(row, definitions[row.indicator], found))
    parts = []
    if by:
        for row in rollup(records, PROGRAMME_INDICATORS, by=by).rows:
            where = dict(zip(by, row.group, strict=True))
            found = None
            if where.get("stage"):
                with contextlib.suppress(KeyError):
                    found = programme.figure(
                        row.indicator, stage=where.get("stage"), region=where.get("region")
                    )
            parts.append(_judged(row, definitions[row.indicator], found))
    return ProgrammeStatus(programme.id, by, tuple(totals), tuple(parts))


def _judged(
    row: RollupRow, definition: IndicatorDefinition, figure: PublishedFigure | None
) -> FigureStatus:
    if figure is None:
        return FigureStatus(row.group, row.indicator, row.value, row.records)
    published: Decimal | Money = figure.value
    if definition.measure is Measure.MONEY:
        published = Money(figure.value, definition.currency)
    return FigureStatus(
        row.group,
        row.indicator,
        row.value,
        row.records,
        published,
        published_status(definition, figure, row.value),
        figure.confidence,
    )
