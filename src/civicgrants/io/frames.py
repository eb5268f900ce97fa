"""Indicator records and roll-ups as pandas DataFrames (the ``frames`` extra).

Values stay exact: numbers are `Decimal` objects in
``object`` columns, never floats; call ``.astype(float)`` where a float is
wanted. Missing values are ``None``. pandas is imported only when a frame is
built; without it the functions raise
`MissingExtra`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any

from civicgrants.errors import MissingExtra
from civicgrants.indicators.model import Record
from civicgrants.indicators.rollup import Rollup
from civicgrants.io.indicators_csv import COLUMNS
from civicgrants.model.money import Money

__all__ = ["records_to_frame", "rollup_to_frame"]


def _pandas() -> Any:
    try:
        # imported by name: pandas ships no type stubs of its own
        return importlib.import_module("pandas")
    except ImportError as exc:
        raise MissingExtra("DataFrames", "frames") from exc


def records_to_frame(records: Iterable[Record]) -> Any:
    """The records as a DataFrame, one row each, in the long-CSV columns.

    Columns are the fixed columns of `civicgrants.io.indicators_csv`
    (every level of ``LEVELS``, ``indicator`` … ``unique``) and one
    ``by_<dimension>:<category>`` column per breakdown cell.

    Parameters
    ----------
    records : iterable of Record
        The records.

    Returns
    -------
    pandas.DataFrame
        One row per record, in order; numbers as exact ``Decimal`` objects in
        ``object`` columns, ``None`` where missing; ``unique`` is ``bool``.

    Raises
    ------
    civicgrants.errors.MissingExtra
        pandas is not installed (the ``frames`` extra).

    Examples
    --------
    >>> from civicgrants.indicators.model import Part
    >>> r = Record(indicator="people", period="2021", project="p1", actual=12,
    ...            breakdown=[Part("sex", "female", 7)])
    >>> df = records_to_frame([r])
    >>> df.loc[0, "actual"], df.loc[0, "by_sex:female"], df.loc[0, "stage"] is None
    (Decimal('12'), Decimal('7'), True)

    See Also
    --------
    rollup_to_frame : a roll-up's rows as a DataFrame.
    civicgrants.io.indicators_csv.dumps_records_csv : the same columns as CSV.
    """
    pd = _pandas()
    records = tuple(records)
    cells: dict[tuple[str, str], None] = {}
    for r in records:
        cells.update(dict.fromkeys((p.dimension, p.category) for p in r.breakdown))
    data: dict[str, list[Any]] = {c: [getattr(r, c) for r in records] for c in COLUMNS}
    for dimension, category in cells:
        data[f"by_{dimension}:{category}"] = [
            next(
                (
                    p.value
                    for p in r.breakdown
                    if (p.dimension, p.category) == (dimension, category)
                ),
                None,
            )
            for r in records
        ]
    return pd.DataFrame({k: pd.Series(v, dtype=_dtype(k)) for k, v in data.items()})


def _dtype(column: str) -> str:
    return "bool" if column in ("unique",) else "object"


def _amount(value: Any) -> Any:
    return value.amount if isinstance(value, Money) else value


def rollup_to_frame(rollup: Rollup) -> Any:
    r"""The roll-up's rows as a DataFrame, one row per group and indicator.

    Columns: the ``by`` levels, ``indicator``, ``measure`` (its value),
    ``value`` and ``target`` (money as its amount, with ``currency``),
    ``numerator``, ``denominator``, ``percent``, ``distribution`` (a dict of
    category → count), ``median``, ``texts``, ``records``, ``period`` and
    ``unique``.

    Parameters
    ----------
    rollup : Rollup
        The roll-up (`civicgrants.indicators.rollup.rollup()`).

    Returns
    -------
    pandas.DataFrame
        One row per roll-up row, in its order; numbers as exact ``Decimal``
        objects, ``records`` ``int64`` and ``unique`` ``bool``.

    Raises
    ------
    civicgrants.errors.MissingExtra
        pandas is not installed (the ``frames`` extra).

    Examples
    --------
    >>> from civicgrants.datasets import public_spaces
    >>> from civicgrants.indicators.programme import PROGRAMME_INDICATORS, programme_records
    >>> from civicgrants.indicators.rollup import rollup
    >>> r = rollup(programme_records(public_spaces()), PROGRAMME_INDICATORS, by=("stage",))
    >>> df = rollup_to_frame(r)
    >>> df[df.indicator == "projects"][["stage", "value"]].to_string(index=False)
    'stage value\n    I    10\n   II    32\n  III    45'

    See Also
    --------
    records_to_frame : the records as a DataFrame.
    civicgrants.indicators.Rollup.rows : the rows it is built from.
    """
    pd = _pandas()
    rows = rollup.rows
    data: dict[str, list[Any]] = {
        level: [row.group[i] for row in rows] for i, level in enumerate(rollup.by)
    }
    data["indicator"] = [row.indicator for row in rows]
    data["measure"] = [row.measure.value for row in rows]
    data["value"] = [_amount(row.value) for row in rows]
    data["target"] = [_amount(row.target) for row in rows]
    data["currency"] = [
        next((m.currency for m in (row.value, row.target) if isinstance(m, Money)), None)
        for row in rows
    ]
    data["numerator"] = [row.numerator for row in rows]
    data["denominator"] = [row.denominator for row in rows]
    data["percent"] = [row.percent for row in rows]
    data["distribution"] = [dict(row.distribution) if row.distribution else None for row in rows]
    data["median"] = [row.median for row in rows]
    data["texts"] = [row.texts for row in rows]
    data["records"] = [row.records for row in rows]
    data["period"] = [row.period for row in rows]
    data["unique"] = [row.unique for row in rows]
    dtypes = {"records": "int64", "unique": "bool"}
    return pd.DataFrame({k: pd.Series(v, dtype=dtypes.get(k, "object")) for k, v in data.items()})
