"""A set of indicator records as one JSON document (``civicgrants/indicator-records@1``).

Reports arrive as long CSV (`civicgrants.io.indicators_csv`) or as this
document, which may also carry the indicators' definitions so that a roll-up
knows each one's measure.
"""

from __future__ import annotations

import attrs

from civicgrants.indicators.model import (
    MEASURE_KINDS,
    VALUE_KINDS,
    IndicatorDefinition,
    Measure,
    Record,
    value_kind,
)
from civicgrants.model.display import shows
from civicgrants.model.fields import ident, many, text

__all__ = ["IndicatorRecords"]


@shows
@attrs.frozen
class IndicatorRecords:
    """Indicator records, and optionally the definitions of their indicators.

    Parameters
    ----------
    id : str
        The document's id.
    records : sequence of Record
        The records.
    definitions : sequence of IndicatorDefinition, optional
        The indicators' definitions, one per key; when given, every record's
        indicator must have one.
    note : str, optional
        A free note on the document.

    Raises
    ------
    ValueError
        ``id`` is not an id; an item is not a `Record` or an
        `IndicatorDefinition`; a definition is given twice; a record's
        indicator has no definition (when definitions are given); a record
        gives a kind of value its indicator's measure does not roll up (an
        actual for a percentage …) or a category off its scale; without
        definitions, the records of one indicator give different kinds of
        value (see `value_kind()`).

    Examples
    --------
    >>> from decimal import Decimal
    >>> doc = IndicatorRecords("r", (Record("participants", "2021", stage="I", actual=Decimal(5)),))
    >>> doc.records[0].actual
    Decimal('5')
    >>> from civicgrants.indicators.model import Measure, TargetForm
    >>> from civicgrants.model import Direction, Names
    >>> people = IndicatorDefinition("people", Names(en="People"), "people", Measure.COUNT,
    ...                              Direction.HIGHER_IS_BETTER, TargetForm.AT_LEAST)
    >>> IndicatorRecords("r", [Record("participants", "2021", actual=5)], [people])
    Traceback (most recent call last):
    ...
    ValueError: records[0].indicator: no definition for 'participants'
    >>> IndicatorRecords("r", [Record("people", "2021", numerator=1, denominator=2)], [people])
    Traceback (most recent call last):
    ...
    ValueError: records[0]: gives a numerator and a denominator, but 'people' is a count indicator, which rolls up an actual or a target

    See Also
    --------
    civicgrants.io.indicators_csv.read_records : reads it from a ``*.json`` file.
    civicgrants.indicators.rollup_report : rolls its records up with its definitions.
    """

    id: str = ident()
    records: tuple[Record, ...] = many(Record)
    definitions: tuple[IndicatorDefinition, ...] = many(IndicatorDefinition)
    note: str | None = text(optional=True)

    def __attrs_post_init__(self) -> None:
        """Check the fields together (attrs calls this after ``__init__``)."""
        keys = [d.key for d in self.definitions]
        for i, key in enumerate(keys):
            if key in keys[:i]:
                raise ValueError(f"definitions[{i}]: repeats the definition of {key!r}")
        defined = {d.key: d for d in self.definitions}
        first: dict[str, tuple[int, str]] = {}
        for i, r in enumerate(self.records):
            kind = value_kind(r)
            if self.definitions:
                d = defined.get(r.indicator)
                if d is None:
                    raise ValueError(f"records[{i}].indicator: no definition for {r.indicator!r}")
                _check_against(i, r, kind, d)
            elif kind is not None:
                j, earlier = first.setdefault(r.indicator, (i, kind))
                if earlier != kind:
                    raise ValueError(
                        f"records[{i}]: gives {VALUE_KINDS[kind]}, but records[{j}] gives "
                        f"{r.indicator!r} {VALUE_KINDS[earlier]}: an indicator is reported one way, "
                        "so one of them would not be rolled up"
                    )


def _check_against(i: int, r: Record, kind: str | None, d: IndicatorDefinition) -> None:
    """Refuse a record whose value its indicator's measure would not roll up."""
    wanted = MEASURE_KINDS[d.measure]
    if kind is not None and kind != wanted:
        raise ValueError(
            f"records[{i}]: gives {VALUE_KINDS[kind]}, but {r.indicator!r} is a "
            f"{d.measure.value} indicator, which rolls up {VALUE_KINDS[wanted]}"
        )
    if kind == "category" and wanted == "category":
        scale = d.scale if d.measure is Measure.ORDINAL else ("yes", "no")
        if r.category not in scale:
            raise ValueError(
                f"records[{i}].category: {r.category!r} is not on the scale of {r.indicator!r} "
                f"({', '.join(scale)})"
            )
