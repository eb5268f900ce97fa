"""A set of indicator records as one JSON document (``civicgrants/indicator-records@1``).

Reports arrive as long CSV (:mod:`civicgrants.io.indicators_csv`) or as this
document, which may also carry the indicators' definitions so that a roll-up
knows each one's measure.
"""

from __future__ import annotations

import attrs

from civicgrants.indicators.model import IndicatorDefinition, Record
from civicgrants.model.fields import ident, many, text

__all__ = ["IndicatorRecords"]


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
        ``id`` is not an id; an item is not a :class:`Record` or an
        :class:`IndicatorDefinition`; a definition is given twice; a record's
        indicator has no definition (when definitions are given).

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
        if self.definitions:
            known = set(keys)
            for i, r in enumerate(self.records):
                if r.indicator not in known:
                    raise ValueError(f"records[{i}].indicator: no definition for {r.indicator!r}")
