"""A programme's published figures as indicator records.

The brochure of a programme prints five headline totals — projects,
programme participants, event participants, community contribution (tenge)
and beneficiaries — each with a chart of parts. :data:`PROGRAMME_INDICATORS`
defines the five indicators and :func:`programme_records` turns the
programme's :class:`~civicgrants.model.PublishedFigure` parts into one
:class:`~civicgrants.indicators.model.Record` each:

* a part the programme attributes to a stage or region (a figure with the
  total's key and a ``stage`` or ``region``) is recorded at that node;
* a part that cannot be attributed (a figure keyed ``<total>_part``) is
  recorded at programme level, with the figure's note in the record's
  ``text``, so the reason travels with the number;
* no split is ever invented: a total without parts becomes one
  programme-level record of the total itself.

Rolling the records up (:func:`~civicgrants.indicators.rollup.rollup`) gives
the printed totals exactly; :func:`programme_records` checks this and raises
:class:`ValueError` if a total and its parts disagree.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Final

from civicgrants.indicators.model import IndicatorDefinition, Measure, Record, TargetForm
from civicgrants.model.names import Names
from civicgrants.model.numbers import EXACT
from civicgrants.model.programme import Direction, Programme, PublishedFigure

__all__ = ["PROGRAMME_INDICATORS", "programme_records"]


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
    """One record per published part of the five totals in :data:`PROGRAMME_INDICATORS`.

    Parts attributed to a stage or region keep that node; unattributed parts
    (``<key>_part`` figures) sit at programme level with their note as the
    record's ``text``. The period is the programme's years (``"2018-2021"``).
    Nothing is computed from the parts but their sum, which must equal the
    printed total.

    Parameters
    ----------
    programme
        A programme with published figures, e.g.
        :func:`civicgrants.datasets.public_spaces`.

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
