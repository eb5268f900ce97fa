"""Vectorised roll-ups of indicator records up the programme hierarchy.

Rules, per output group (the ``by`` levels, plus the indicator):

* counts and money are summed, exactly, as integers of the column's smallest
  decimal unit (minor units for money); ``int64`` while no overflow is
  possible, Python ints otherwise. No float ever touches a value;
* a cumulative indicator (a stock) takes, for each node («leaf» — the
  record's full path) in the group, the value of its latest reported period,
  then sums those;
* a percentage is recomputed from the summed numerators and denominators,
  never averaged;
* an ordinal indicator gives the distribution over its scale and the lower
  median category; yes/no gives the counts of ``yes`` and ``no``; a
  qualitative indicator gives the list of texts (sorted by period, node,
  text);
* **unique people.** A record with ``unique=True`` at node *N* holds a
  de-duplicated count of people for *N*. Within one group, indicator and
  period, it replaces every record strictly beneath *N* and every
  non-unique record at *N* itself; if several unique records sit at the same
  node, the largest stands. Records beneath *N* that fall in *another*
  group (because ``by`` is finer than *N*) are not affected.

Grouping factorises the level columns (``np.unique(..., return_inverse=True)``
or, for already-coded columns, a mixed-radix key) and aggregates with
``np.add.at`` and ``np.bincount``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    Context,
    Decimal,
    Inexact,
    InvalidOperation,
    Overflow,
)
from fractions import Fraction
from typing import Any, ClassVar, Final, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from civicgrants.errors import Problem, ValidationError
from civicgrants.indicators.model import (
    LEVELS,
    MEASURE_KINDS,
    Accumulation,
    IndicatorDefinition,
    Measure,
    Record,
    TargetForm,
    check_breakdowns,
    value_kind,
)
from civicgrants.model.display import frame, html_table, shows
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.limits import number_problem
from civicgrants.model.money import Money, to_decimal
from civicgrants.model.names import Names
from civicgrants.model.numbers import round_half_up
from civicgrants.model.programme import Direction

__all__ = [
    "GROUP_KEYS",
    "Column",
    "Records",
    "Rollup",
    "RollupReport",
    "RollupRow",
    "group_levels",
    "guess_definitions",
    "rollup",
    "rollup_columns",
    "rollup_report",
]

IntArray: TypeAlias = npt.NDArray[np.int64]
AnyInts: TypeAlias = npt.NDArray[np.integer[Any]]
BoolArray: TypeAlias = npt.NDArray[np.bool_]
ObjArray: TypeAlias = npt.NDArray[np.object_]
Labels: TypeAlias = tuple[str | None, ...]
Coded: TypeAlias = tuple[npt.ArrayLike, Sequence[str]]
"""An already-factorised column: integer codes (``-1`` for none) and their labels."""

_I64_MAX: Final = 2**63 - 1
GROUP_KEYS: Final = (*LEVELS, "period")
"""What a roll-up may group by: the levels of `LEVELS`, and ``"period"``."""


@shows
@attrs.frozen(eq=False)
class Column:
    """Exact decimal values as integers: ``value = values[i] × 10**-scale``.

    ``values`` is ``int64`` when every value fits, else an object array of
    Python ints. ``present`` is False where the value is missing.

    Parameters
    ----------
    values : numpy.ndarray
        The integers: ``int64``, or ``object`` holding Python ints; ``0`` where
        the value is missing.
    present : numpy.ndarray of bool
        False where the value is missing.
    scale : int
        The power of ten the integers are scaled by (the largest number of
        decimal places among the values).

    Examples
    --------
    >>> c = Column.build(["1.5", 2, None], 3, "actual")
    >>> c.values.tolist(), c.present.tolist(), c.scale
    ([15, 20, 0], [True, True, False], 1)
    >>> c.decimal(c.values[0])
    Decimal('1.5')

    See Also
    --------
    Records : holds a column per number of a record.
    """

    values: npt.NDArray[Any]
    present: BoolArray
    scale: int

    @classmethod
    def build(cls, data: object, n: int, what: str) -> Column:
        """Read ints, Decimals, numeric strings or ``None``; floats are refused.

        Parameters
        ----------
        data : object
            ``None`` (every value missing), an integer array, or a sequence of
            ints, Decimals, numeric strings and ``None``.
        n : int
            How many values are expected.
        what : str
            The column's name, for error messages.

        Returns
        -------
        Column
            ``int64`` values where every value fits, else Python ints.

        Raises
        ------
        ValueError
            The length is not ``n``, an unsigned array holds values beyond
            ``int64``, a value is negative or outside the digits and exponent
            limits (`number_problem()`).
        TypeError
            A float or bool array, or a value that is a float, a bool or not a number.

        Examples
        --------
        >>> Column.build([10**20], 1, "actual").values.dtype
        dtype('O')
        >>> import numpy as np
        >>> Column.build(np.array([1.5]), 1, "actual")
        Traceback (most recent call last):
        ...
        TypeError: actual: got a float64 array; floats and bools cannot hold exact values, pass integers, Decimals or strings

        See Also
        --------
        Records.from_columns : builds a column per number.
        """
        if data is None:
            return cls(np.zeros(n, np.int64), np.zeros(n, np.bool_), 0)
        if isinstance(data, np.ndarray) and data.dtype.kind in "iu":
            if data.shape != (n,):
                raise ValueError(f"{what}: expected {n} values, got shape {data.shape}")
            if data.dtype.kind == "u" and data.size and int(data.max()) > _I64_MAX:
                raise ValueError(f"{what}: values beyond int64")
            if data.dtype.kind == "i" and data.size and int(data.min()) < 0:
                raise ValueError(f"{what}: must be >= 0 (a count or an amount), got {data.min()}")
            return cls(np.asarray(data, dtype=np.int64), np.ones(n, np.bool_), 0)
        if isinstance(data, np.ndarray) and data.dtype.kind in "fcb":
            raise TypeError(
                f"{what}: got a {data.dtype} array; floats and bools cannot hold exact "
                "values, pass integers, Decimals or strings"
            )
        items = list(data)  # type: ignore[call-overload]
        if len(items) != n:
            raise ValueError(f"{what}: expected {n} values, got {len(items)}")
        decimals = [None if v is None else to_decimal(v, what) for v in items]
        for i, d in enumerate(decimals):
            problem = None if d is None else number_problem(d)
            if problem is not None:
                raise ValueError(f"{what}[{i}]: {problem}")
            if d is not None and d < 0:
                raise ValueError(f"{what}[{i}]: must be >= 0 (a count or an amount), got {d}")
        scale = 0
        for d in decimals:
            if d is not None:
                exponent = d.as_tuple().exponent
                assert isinstance(exponent, int)
                scale = max(scale, -exponent)
        present = np.array([d is not None for d in decimals], dtype=np.bool_)
        ints = [0 if d is None else _scaled(d, scale) for d in decimals]
        if all(-_I64_MAX <= v <= _I64_MAX for v in ints):
            return cls(np.array(ints, dtype=np.int64).reshape(n), present, scale)
        values = np.empty(n, dtype=object)
        values[:] = ints
        return cls(values, present, scale)

    def decimal(self, raw: object) -> Decimal:
        """The exact Decimal for one raw integer of this column.

        Parameters
        ----------
        raw : int
            One of `values` (or a sum of them).

        Returns
        -------
        Decimal
            ``raw × 10**-scale``, exactly.

        Examples
        --------
        >>> Column.build(["0.25"], 1, "actual").decimal(125)
        Decimal('1.25')

        See Also
        --------
        Column.build : sets the scale.
        """
        return Decimal(int(raw)).scaleb(-self.scale, context=_UNBOUNDED)  # type: ignore[call-overload]


_UNBOUNDED: Final = Context(
    prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[InvalidOperation, Inexact, Overflow]
)
"""A context that never rounds whatever the digits: the limits in force bound them, not it."""


def _scaled(d: Decimal, scale: int) -> int:
    """``d × 10**scale`` as an exact int (``scale`` is at least ``d``'s decimal places)."""
    return int(d.scaleb(scale, context=_UNBOUNDED))


def _codes(data: object, n: int, what: str) -> tuple[AnyInts, Labels, bool]:
    """Codes with ``-1`` for ``None``, labels sorted then ``None`` last, any ``None``.

    Code order is label order, ``None`` first, and ``labels[code]`` is the
    label for every code, ``-1`` included. Already-coded integer columns
    whose labels are sorted are kept as they are (not copied), after a
    min/max range check; a missing column is a read-only broadcast ``-1``.
    """
    if data is None:
        return np.broadcast_to(np.int32(-1), (n,)), (None,), bool(n)
    if isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], np.ndarray):
        raw: npt.NDArray[Any] = data[0]
        if raw.dtype.kind != "i":
            raw = np.asarray(raw, dtype=np.int64)
        labels = [str(x) for x in data[1]]
        if raw.shape != (n,):
            raise ValueError(f"{what}: expected {n} codes, got shape {raw.shape}")
        if len(set(labels)) != len(labels) or any(not x for x in labels):
            raise ValueError(f"{what}: labels must be distinct non-empty strings")
        lo, hi = (int(raw.min()), int(raw.max())) if raw.size else (0, -1)
        if lo < -1 or hi >= len(labels):
            raise ValueError(f"{what}: codes must lie in -1 .. {len(labels) - 1}")
        order = sorted(range(len(labels)), key=labels.__getitem__)
        if order == list(range(len(labels))):
            return raw, (*labels, None), lo < 0
        rank = np.empty(len(labels) + 1, np.int32)
        rank[-1] = -1
        rank[np.array(order, dtype=np.int64)] = np.arange(len(labels))
        return rank[raw], (*(labels[i] for i in order), None), lo < 0
    arr = np.asarray(data, dtype=object)
    if arr.shape != (n,):
        raise ValueError(f"{what}: expected {n} values, got shape {arr.shape}")
    missing = np.fromiter((v is None for v in arr), dtype=np.bool_, count=n)
    codes = np.full(n, -1, np.int32)
    if missing.all():
        return codes, (None,), bool(n)
    values = arr[~missing]
    for v in values:
        if not isinstance(v, str) or not v:
            raise ValueError(f"{what}: expected non-empty strings or None, got {v!r}")
        break
    uniq, inverse = np.unique(values.astype(str), return_inverse=True)
    codes[~missing] = inverse.reshape(-1)
    return codes, (*(str(u) for u in uniq), None), bool(missing.any())


class _Decoded:
    """Sorted mixed-radix keys, decoded into code rows only when asked."""

    def __init__(self, keys: IntArray, radices: tuple[int, ...], lows: tuple[int, ...]) -> None:
        self.keys, self.radices, self.lows = keys, tuple(max(r, 1) for r in radices), lows
        self.shape = (len(keys), len(radices))
        self._rows: IntArray | None = None

    def __getitem__(self, g: int) -> IntArray:
        if self._rows is None:
            rows = np.empty(self.shape, np.int64)
            rest = self.keys.copy()
            for j in range(len(self.radices) - 1, -1, -1):
                rows[:, j] = rest % self.radices[j] + self.lows[j]
                rest //= self.radices[j]
            self._rows = rows
        row: IntArray = self._rows[g]
        return row


def _combine(
    cols: Sequence[AnyInts], radices: Sequence[int], lows: Sequence[int] | None = None
) -> tuple[IntArray, IntArray | _Decoded]:
    """Factorise rows of ``cols``: (group id per row, sorted unique code rows).

    Column ``j`` holds codes in ``lows[j] .. lows[j] + radices[j] - 1``
    (``lows`` default to 0; level codes use ``-1`` for none). While the radix
    product fits, the rows become one mixed-radix key: a multiply-add per
    column in place (``int32`` when it fits), then one subtraction of the
    combined offset. A dense key space is factorised with a seen-table, a
    sparse one with a single `numpy.unique()`.
    """
    n = len(cols[0]) if cols else 0
    if not cols:
        return np.zeros(n, np.int64), np.zeros((1 if n else 0, 0), np.int64)
    lows = tuple(lows) if lows is not None else (0,) * len(cols)
    product = math.prod(max(r, 1) for r in radices)
    # a column with one possible code adds nothing to the key
    live = [j for j, r in enumerate(radices) if r > 1] or [0]
    if product < 2**62:
        # the key takes the columns' own dtype when it can: mixed-dtype
        # ufunc loops cast in chunks and run at half speed
        kind = np.result_type(np.int32 if product < 2**31 else np.int64, *(c.dtype for c in cols))
        if kind.kind != "i" or kind.itemsize > 8:
            kind = np.dtype(np.int64)
        key: npt.NDArray[Any] = np.array(cols[live[0]], dtype=kind)
        offset = lows[live[0]]
        for j in live[1:]:
            np.multiply(key, radices[j], out=key)
            np.add(key, cols[j], out=key, casting="unsafe")
            offset = offset * radices[j] + lows[j]
        if offset:
            np.subtract(key, offset, out=key, casting="unsafe")
        if product <= max(8 * n, 1 << 20):
            seen = np.zeros(product, np.bool_)
            seen[key] = True
            uniq = np.flatnonzero(seen)
            lookup = np.empty(product, np.int64)
            lookup[uniq] = np.arange(len(uniq), dtype=np.int64)
            # in place over the key: each output reads only its own index
            key = key.astype(np.int64, copy=False)
            inverse: IntArray = np.take(lookup, key, out=key, mode="clip")
        else:
            uniq, inv = np.unique(key, return_inverse=True)
            inverse = inv.reshape(-1).astype(np.int64, copy=False)
        return inverse, _Decoded(uniq.astype(np.int64, copy=False), tuple(radices), lows)
    stacked = np.stack(cols, axis=1)
    urows, inv = np.unique(stacked, axis=0, return_inverse=True)
    return inv.reshape(-1).astype(np.int64), urows.astype(np.int64)


def _group_sum(column: Column, mask: BoolArray, gid: IntArray, groups: int) -> npt.NDArray[Any]:
    """Exact per-group sums of ``column`` over ``mask`` (int64, or Python ints on overflow risk)."""
    if mask.all():
        values, where = column.values, gid
    else:
        sel = np.flatnonzero(mask)
        values, where = column.values[sel], gid[sel]
    if values.dtype == np.int64:
        if values.size == 0:
            return np.zeros(groups, np.int64)
        largest = max(-int(values.min()), int(values.max()))
        if largest * int(values.size) <= _I64_MAX:
            out = np.zeros(groups, np.int64)
            np.add.at(out, where, values)
            return out
    obj = np.zeros(groups, dtype=object)
    for g, v in zip(where.tolist(), values.tolist(), strict=True):
        obj[g] += int(v)
    return obj


@shows
@attrs.frozen(eq=False)
class Records:
    """Indicator records held as columns: the fast path for large roll-ups.

    Level, indicator, period and category columns are integer codes, ``-1``
    for ``None``, with labels sorted so that code order is label order and
    ``None`` last, so that ``labels[code]`` is the label for every code.
    Already-coded columns with sorted labels are held without a copy: do not
    modify them afterwards. Build with
    `from_columns()` (plain sequences of strings, or already-coded
    ``(codes, labels)`` pairs) or `from_records()`.

    Attributes
    ----------
    size : int
        How many records.
    levels : tuple of numpy.ndarray
        One code column per level of `LEVELS`.
    level_labels : tuple of tuple of str or None
        The labels of each level's codes, ``None`` last.
    indicator, period, category : numpy.ndarray
        The code columns of the indicator key, the period and the category.
    indicator_labels, period_labels, category_labels : tuple of str or None
        Their labels, ``None`` last.
    target, actual, numerator, denominator : Column
        The numbers, exact.
    text : numpy.ndarray
        The texts (``object``), ``None`` where none.
    unique : numpy.ndarray of bool
        The records holding a de-duplicated count of people for their node.

    Examples
    --------
    >>> r = Records.from_columns(indicator=["people"] * 3, period=["2021"] * 3,
    ...                          project=["p1", "p2", "p1"], actual=[1, 2, 3])
    >>> len(r), r.record(2).project, r.record(2).actual
    (3, 'p1', Decimal('3'))
    >>> r.level_labels[LEVELS.index("project")], r.levels[LEVELS.index("project")].tolist()
    (('p1', 'p2', None), [0, 1, 0])

    See Also
    --------
    rollup : rolls them up (takes them or `Record` objects).
    rollup_columns : `rollup()` straight from columns.
    Column : one number column.
    """

    size: int
    levels: tuple[AnyInts, ...]
    level_labels: tuple[Labels, ...]
    indicator: AnyInts
    indicator_labels: Labels
    period: AnyInts
    period_labels: Labels
    target: Column
    actual: Column
    numerator: Column
    denominator: Column
    category: AnyInts
    category_labels: Labels
    text: ObjArray
    unique: BoolArray

    def __len__(self) -> int:
        """How many records."""
        return self.size

    @classmethod
    def from_columns(
        cls,
        *,
        indicator: object,
        period: object,
        actual: object = None,
        target: object = None,
        numerator: object = None,
        denominator: object = None,
        category: object = None,
        text: object = None,
        unique: object = None,
        **levels: object,
    ) -> Records:
        """Build from columns; level columns are named as in `LEVELS`.

        Each of ``indicator``, ``period``, ``category`` and the levels is a
        sequence of strings (``None`` for none) or a ``(codes, labels)`` pair
        with integer codes (``-1`` for none). Numbers are int arrays or
        sequences of ints, Decimals, strings or ``None``.

        Parameters
        ----------
        indicator : sequence of str or (codes, labels)
            The indicator keys; required on every record.
        period : sequence of str or (codes, labels)
            The periods; required on every record.
        actual, target, numerator, denominator : array or sequence, optional
            The numbers; missing (``None``) throughout by default.
        category : sequence of str or (codes, labels), optional
            The categories of ordinal and yes/no records.
        text : sequence of str or None, optional
            The texts of qualitative records.
        unique : sequence of bool, optional
            The unique-count flags; all False by default.
        **levels : sequence of str or (codes, labels)
            The level columns, named as in `LEVELS`.

        Returns
        -------
        Records
            The columns, with sorted labels.

        Raises
        ------
        TypeError
            An unknown level name, or a float or bool number column.
        ValueError
            A column of the wrong length, codes out of range, repeated or
            empty labels, a label that is not a non-empty string, or a missing
            indicator or period.

        Examples
        --------
        >>> import numpy as np
        >>> r = Records.from_columns(indicator=(np.zeros(2, int), ["people"]),
        ...                          period=["2021", "2022"], region=["b", "a"], actual=[4, 5])
        >>> r.level_labels[LEVELS.index("region")], r.record(0).region
        (('a', 'b', None), 'b')
        >>> Records.from_columns(indicator=["people"], period=["2021"], village=["v"])
        Traceback (most recent call last):
        ...
        TypeError: unknown level(s) ['village']; levels are ('programme', 'stage', 'region', 'locality', 'project', 'goal', 'task', 'activity')

        See Also
        --------
        Records.from_records : from `Record` objects.
        rollup_columns : rolls columns up in one call.
        """
        unknown = set(levels) - set(LEVELS)
        if unknown:
            raise TypeError(f"unknown level(s) {sorted(unknown)}; levels are {LEVELS}")
        ind_probe = indicator[0] if isinstance(indicator, tuple) else indicator
        n = len(ind_probe)  # type: ignore[arg-type]
        level_codes = [_codes(levels.get(name), n, name) for name in LEVELS]
        ind, ind_labels, ind_none = _codes(indicator, n, "indicator")
        per, per_labels, per_none = _codes(period, n, "period")
        if ind_none or per_none:
            raise ValueError("indicator and period are required on every record")
        cat, cat_labels, _ = _codes(category, n, "category")
        texts: ObjArray
        if text is None:
            texts = np.broadcast_to(np.array(None, dtype=object), (n,))
        else:
            texts = np.empty(n, dtype=object)
            texts[:] = list(text)  # type: ignore[call-overload]
        flags = np.zeros(n, np.bool_) if unique is None else np.asarray(unique, dtype=np.bool_)
        if flags.shape != (n,):
            raise ValueError(f"unique: expected {n} flags")
        return cls(
            n,
            tuple(c for c, _, _ in level_codes),
            tuple(lab for _, lab, _ in level_codes),
            ind,
            ind_labels,
            per,
            per_labels,
            Column.build(target, n, "target"),
            Column.build(actual, n, "actual"),
            Column.build(numerator, n, "numerator"),
            Column.build(denominator, n, "denominator"),
            cat,
            cat_labels,
            texts,
            flags,
        )

    @classmethod
    def from_records(cls, records: Iterable[Record]) -> Records:
        """Columns from `Record` objects (breakdowns are not carried).

        Parameters
        ----------
        records : iterable of Record
            The records.

        Returns
        -------
        Records
            One row per record, in order.

        Raises
        ------
        TypeError
            An item is not a `Record`.

        Examples
        --------
        >>> r = Records.from_records([Record(indicator="people", period="2021", actual=5)])
        >>> len(r), r.record(0).actual
        (1, Decimal('5'))

        See Also
        --------
        Records.from_columns : from columns.
        Records.record : back to a `Record`.
        """
        items = list(records)
        for i, r in enumerate(items):
            if not isinstance(r, Record):
                raise TypeError(f"records[{i}]: expected a Record, got {type(r).__name__}")
        cols: dict[str, Any] = {
            name: [getattr(r, name) for r in items]
            for name in (*LEVELS, "indicator", "period", "target", "actual")
        }
        for name in ("numerator", "denominator", "category", "text"):
            cols[name] = [getattr(r, name) for r in items]
        cols["unique"] = [r.unique for r in items]
        return cls.from_columns(**cols)

    def record(self, i: int) -> Record:
        """Rebuild record ``i`` as a `Record`.

        Parameters
        ----------
        i : int
            The record's position.

        Returns
        -------
        Record
            The record, without its breakdown (columns do not carry one).

        Examples
        --------
        >>> r = Records.from_columns(indicator=["people"], period=["2021"], stage=["I"],
        ...                          actual=["1.50"])
        >>> rec = r.record(0)
        >>> rec.stage, rec.actual
        ('I', Decimal('1.50'))

        See Also
        --------
        Records.from_records : the other way round.
        """

        def num(col: Column) -> Decimal | None:
            return col.decimal(col.values[i]) if col.present[i] else None

        path: dict[str, Any] = {
            name: self.level_labels[j][int(self.levels[j][i])] for j, name in enumerate(LEVELS)
        }
        return Record(
            indicator=str(self.indicator_labels[int(self.indicator[i])]),
            period=str(self.period_labels[int(self.period[i])]),
            target=num(self.target),
            actual=num(self.actual),
            numerator=num(self.numerator),
            denominator=num(self.denominator),
            category=self.category_labels[int(self.category[i])],
            text=self.text[i],
            unique=bool(self.unique[i]),
            **path,
        )


@shows
@attrs.frozen
class RollupRow:
    """One rolled-up value: a group (the ``by`` labels) and one indicator.

    ``value`` and ``target`` are Decimal (count) or `Money`;
    ``percent`` is the percentage ``numerator / denominator × 100`` rounded
    half-up to 0.1; ``distribution`` lists ``(category, count)`` in scale order
    (``yes`` then ``no`` for yes/no); ``records`` counts the records that fed
    the value; ``period`` is the latest period among them; ``unique`` is True
    when the value is one de-duplicated count of people for a single node.

    Parameters
    ----------
    group : tuple of str or None
        The labels of the ``by`` levels (``None`` for records without that level).
    indicator : str
        The indicator's key.
    measure : Measure
        Its measure, which says which of the fields below are set.
    value, target : Decimal, Money or None, optional
        A count or money indicator's summed actual and target.
    numerator, denominator : Decimal or None, optional
        A percentage indicator's summed numerator and denominator.
    percent : Decimal or None, optional
        ``numerator / denominator × 100`` rounded half-up to 0.1 (``None`` for
        a zero denominator).
    distribution : tuple of (str, int), optional
        An ordinal or yes/no indicator's count per category, in scale order.
    median : str or None, optional
        An ordinal indicator's lower median category.
    texts : tuple of str, optional
        A qualitative indicator's texts, by period, node, text.
    records : int, optional
        How many records fed the row.
    period : str or None, optional
        The latest period among them.
    unique : bool, optional
        Whether the value is one de-duplicated count of people for one node.

    Examples
    --------
    >>> recs = [Record(indicator="people", period="2021", region="a", actual=12, unique=True),
    ...         Record(indicator="people", period="2021", region="a", project="p1", actual=10)]
    >>> row = rollup(recs, guess_definitions(recs), by=("region",)).rows[0]
    >>> row.group, row.value, row.records, row.unique
    (('a',), Decimal('12'), 1, True)

    See Also
    --------
    Rollup.rows : every row of a roll-up.
    Rollup.explain : the records behind a row.
    """

    group: tuple[str | None, ...]
    indicator: str
    measure: Measure
    value: Decimal | Money | None = None
    target: Decimal | Money | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    percent: Decimal | None = None
    distribution: tuple[tuple[str, int], ...] = ()
    median: str | None = None
    texts: tuple[str, ...] = ()
    records: int = 0
    period: str | None = None
    unique: bool = False


class Rollup:
    """The result of `rollup()`: per-group arrays, rows built on demand.

    Built by `rollup()`, not by hand. One group is one combination of the
    ``by`` labels and one indicator; `rows` turns each into a
    `RollupRow` the first time it is asked for.

    Attributes
    ----------
    source : Records
        The records rolled up.
    definitions : mapping of str to IndicatorDefinition
        The indicators' definitions, by key.
    by : tuple of str
        The levels (and perhaps ``"period"``) grouped by.
    gid : numpy.ndarray
        Per record, its group.
    fed : numpy.ndarray of bool
        Per record, whether it fed its group's value (superseded records and
        earlier periods of a cumulative indicator did not).
    sums : dict of str to numpy.ndarray
        Per group, the exact integer sums of ``actual`` and ``target`` (and of
        ``numerator`` and ``denominator`` when a percentage is rolled up).
    counts, target_counts : numpy.ndarray
        Per group, how many records fed the value and the target.
    unique_rows : numpy.ndarray of bool
        Per group, whether the value is one unique count for a single node.

    Examples
    --------
    >>> recs = [Record(indicator="people", period="2021", stage="I", project="p1", actual=3),
    ...         Record(indicator="people", period="2022", stage="I", project="p2", actual=4)]
    >>> r = rollup(recs, guess_definitions(recs), by=("stage",))
    >>> len(r), r.by, r.row(["I"], "people").value, r.row(["I"], "people").period
    (1, ('stage',), Decimal('7'), '2022')

    See Also
    --------
    rollup : builds it.
    RollupRow : one row.
    civicgrants.io.frames.rollup_to_frame : the rows as a DataFrame.
    """

    def __init__(
        self,
        source: Records,
        definitions: Mapping[str, IndicatorDefinition],
        by: tuple[str, ...],
        group_codes: IntArray | _Decoded,
        gid: IntArray,
        fed: BoolArray,
        sums: dict[str, npt.NDArray[Any]],
        counts: IntArray,
        target_counts: IntArray,
        unique_rows: BoolArray,
    ) -> None:
        self.source = source
        self.definitions = definitions
        self.by = by
        self.group_codes = group_codes
        self.gid = gid
        self.fed = fed
        self.sums = sums
        self.counts = counts
        self.target_counts = target_counts
        self._latest: IntArray | None = None
        self.unique_rows = unique_rows
        self._rows: tuple[RollupRow, ...] | None = None
        self._order: IntArray | None = None
        self._bounds: IntArray | None = None

    def __len__(self) -> int:
        """How many rows: one per group and indicator."""
        return int(self.group_codes.shape[0])

    FRAME_COLUMNS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("indicator", "str"),
        ("measure", "str"),
        ("value", "number"),
        ("target", "number"),
        ("percent", "number"),
        ("records", "int"),
        ("period", "str"),
    )
    """The columns of `to_frame()` after one ``str`` column per level of `by`."""

    def __repr__(self) -> str:
        """One summary line: how many rows, grouped by what, from how many records."""
        by = ", ".join(self.by) or "nothing"
        return f"Rollup with {len(self)} rows of {len(self.definitions)} indicators by {by}"

    def _repr_html_(self) -> str:
        """The roll-up as a small HTML table (what Jupyter shows)."""
        rows: list[tuple[str, object]] = [
            ("rows", len(self)),
            ("indicators", len(self.definitions)),
            ("by", ", ".join(self.by)),
        ]
        return html_table("Rollup", rows)

    def to_frame(self, exact: bool = False) -> Any:
        """The rows as a pandas DataFrame with plottable columns (the ``frames`` extra).

        Columns: one string column per level of `by`, then
        `FRAME_COLUMNS`: ``indicator``, ``measure``, ``period``
        (strings); ``value``, ``target`` (amounts in tenge) and ``percent``,
        ``float64`` (``NaN`` where none), or exact ``Decimal`` objects with
        ``exact=True``; ``records`` (``int64``).
        `civicgrants.io.frames.rollup_to_frame()` keeps every field, exact.

        Parameters
        ----------
        exact : bool, optional
            Numbers as exact ``Decimal`` objects instead of floats.

        Returns
        -------
        pandas.DataFrame
            One row per group and indicator, in `rows` order.

        Raises
        ------
        civicgrants.errors.MissingExtra
            pandas is not installed.

        Examples
        --------
        >>> recs = [Record(indicator="people", period="2021", stage="I", project="p1", actual=3),
        ...         Record(indicator="people", period="2022", stage="I", project="p2", actual=4)]
        >>> r = rollup(recs, guess_definitions(recs), by=("stage",))
        >>> r
        Rollup with 1 rows of 1 indicators by stage
        >>> r.to_frame()[["stage", "value"]].values.tolist()
        [['I', 7.0]]
        """
        columns = tuple((level, "str") for level in self.by) + self.FRAME_COLUMNS

        def amount(value: Decimal | Money | None) -> Decimal | None:
            return value.amount if isinstance(value, Money) else value

        rows = (
            (
                *row.group,
                row.indicator,
                row.measure.value,
                amount(row.value),
                amount(row.target),
                row.percent,
                row.records,
                row.period,
            )
            for row in self.rows
        )
        return frame(columns, rows, exact=exact)

    @property
    def latest(self) -> IntArray:
        """Per group, the code of the latest period among its records (``-1`` if none).

        Returns
        -------
        numpy.ndarray
            ``int64`` codes into ``source.period_labels``, one per group.

        Examples
        --------
        >>> recs = [Record(indicator="people", period="2021", actual=3),
        ...         Record(indicator="people", period="2022", actual=4)]
        >>> r = rollup(recs, guess_definitions(recs), by=())
        >>> r.source.period_labels[int(r.latest[0])]
        '2022'

        See Also
        --------
        RollupRow.period : the same, as a label.
        """
        if self._latest is None:
            latest = np.full(len(self), -1, np.int64)
            np.maximum.at(latest, self.gid, self.source.period)
            self._latest = latest
        return self._latest

    def _labels(self, g: int) -> tuple[tuple[str | None, ...], str]:
        codes = self.group_codes[g]
        labels: list[str | None] = []
        for j, name in enumerate(self.by):
            if name == "period":
                labels.append(self.source.period_labels[int(codes[j])])
            else:
                labels.append(self.source.level_labels[LEVELS.index(name)][int(codes[j])])
        indicator = self.source.indicator_labels[int(codes[-1])]
        assert indicator is not None
        return tuple(labels), indicator

    @property
    def rows(self) -> tuple[RollupRow, ...]:
        """One row per (group, indicator), sorted by labels (``None`` first), then indicator.

        Returns
        -------
        tuple of RollupRow
            Built on the first call, then kept.

        Examples
        --------
        >>> recs = [Record(indicator="people", period="2021", region="b", actual=3),
        ...         Record(indicator="people", period="2021", actual=1),
        ...         Record(indicator="people", period="2021", region="a", actual=4)]
        >>> [(row.group, row.value) for row in rollup(recs, guess_definitions(recs), by=("region",)).rows]
        [((None,), Decimal('1')), (('a',), Decimal('4')), (('b',), Decimal('3'))]

        See Also
        --------
        Rollup.row : one row by its labels.
        """
        if self._rows is None:
            self._rows = tuple(self._row(g) for g in range(len(self)))
        return self._rows

    def _row(self, g: int) -> RollupRow:
        src = self.source
        group, key = self._labels(g)
        d = self.definitions[key]
        count = int(self.counts[g])
        period = None if self.latest[g] < 0 else src.period_labels[int(self.latest[g])]
        common: dict[str, Any] = {
            "group": group,
            "indicator": key,
            "measure": d.measure,
            "records": count,
            "period": period,
        }
        members = self._members(g)
        if d.measure in (Measure.COUNT, Measure.MONEY):
            value: Decimal | Money | None
            target: Decimal | Money | None
            value = src.actual.decimal(self.sums["actual"][g]) if count else None
            target = src.target.decimal(self.sums["target"][g]) if self.target_counts[g] else None
            if d.measure is Measure.MONEY:
                try:
                    value = None if value is None else Money(value, d.currency)
                    target = None if target is None else Money(target, d.currency)
                except ValueError as exc:
                    raise ValidationError(
                        [Problem(f"{key} {_group_text(self.by, group)}", str(exc))]
                    ) from None
            return RollupRow(value=value, target=target, unique=bool(self.unique_rows[g]), **common)
        if d.measure is Measure.PERCENTAGE:
            if not count:
                return RollupRow(**common)
            num = src.numerator.decimal(self.sums["numerator"][g])
            den = src.denominator.decimal(self.sums["denominator"][g])
            percent = None if den == 0 else round_half_up(Fraction(num) / Fraction(den) * 100, 1)
            return RollupRow(numerator=num, denominator=den, percent=percent, **common)
        if d.measure is Measure.QUALITATIVE:
            order = sorted(
                members.tolist(),
                key=lambda i: (
                    int(src.period[i]),
                    tuple(int(c[i]) for c in src.levels),
                    str(src.text[i]),
                ),
            )
            return RollupRow(texts=tuple(str(src.text[i]) for i in order), **common)
        scale = d.scale if d.measure is Measure.ORDINAL else ("yes", "no")
        tally = dict.fromkeys(scale, 0)
        for i in members.tolist():
            tally[str(src.category_labels[int(src.category[i])])] += 1
        median = None
        if count:
            position, seen = (count - 1) // 2, 0
            for category in scale:
                seen += tally[category]
                if seen > position:
                    median = category
                    break
        return RollupRow(
            distribution=tuple(tally.items()),
            median=median if d.measure is Measure.ORDINAL else None,
            **common,
        )

    def _members(self, g: int) -> IntArray:
        """Indices of the records that fed group ``g`` (one sort, done once)."""
        if self._order is None:
            fed = np.flatnonzero(self.fed)
            order = fed[np.argsort(self.gid[fed], kind="stable")]
            self._order = order
            self._bounds = np.searchsorted(self.gid[order], np.arange(len(self) + 1))
        assert self._bounds is not None
        return self._order[self._bounds[g] : self._bounds[g + 1]]

    def row(self, group: Sequence[str | None], indicator: str) -> RollupRow:
        """The row of ``group`` (labels of the ``by`` levels) and ``indicator``.

        Parameters
        ----------
        group : sequence of str or None
            One label per level of `by`, in order (empty when ``by`` is).
        indicator : str
            The indicator's key.

        Returns
        -------
        RollupRow
            The row.

        Raises
        ------
        KeyError
            No row has these labels and indicator.

        Examples
        --------
        >>> recs = [Record(indicator="people", period="2021", stage="I", actual=3)]
        >>> r = rollup(recs, guess_definitions(recs), by=("stage",))
        >>> r.row(["I"], "people").value
        Decimal('3')
        >>> r.row(["II"], "people")
        Traceback (most recent call last):
        ...
        KeyError: "no roll-up row for group ('II',) and indicator 'people'"

        See Also
        --------
        Rollup.rows : every row.
        Rollup.explain : the records behind a row.
        """
        return self.rows[self._index(group, indicator)]

    def _index(self, group: Sequence[str | None], indicator: str) -> int:
        for g in range(len(self)):
            if self._labels(g) == (tuple(group), indicator):
                return g
        raise KeyError(f"no roll-up row for group {tuple(group)!r} and indicator {indicator!r}")

    def explain(self, group: Sequence[str | None], indicator: str) -> tuple[Record, ...]:
        """The records that fed the value of ``group`` and ``indicator``.

        Superseded records (beneath a unique count, or not the latest period
        of a cumulative indicator) are not among them.

        Parameters
        ----------
        group : sequence of str or None
            One label per level of `by`.
        indicator : str
            The indicator's key.

        Returns
        -------
        tuple of Record
            The records, in input order, without breakdowns.

        Raises
        ------
        KeyError
            No row has these labels and indicator.

        Examples
        --------
        A unique count for region ``a`` replaces the project's record beneath it:

        >>> recs = [Record(indicator="people", period="2021", region="a", project="p1", actual=10),
        ...         Record(indicator="people", period="2021", region="a", actual=12, unique=True)]
        >>> r = rollup(recs, guess_definitions(recs), by=("region",))
        >>> [(rec.project, rec.actual, rec.unique) for rec in r.explain(["a"], "people")]
        [(None, Decimal('12'), True)]

        See Also
        --------
        Rollup.row : the value they fed.
        """
        g = self._index(group, indicator)
        return tuple(self.source.record(int(i)) for i in np.flatnonzero(self.fed & (self.gid == g)))

    def to_records(self) -> list[Record]:
        """The rows as records at the group's node, for rolling up again.

        Counts and money keep their value, target and ``unique`` flag;
        percentages their numerator and denominator; ordinal and yes/no one
        record per counted category; qualitative one record per text. The
        period is the group's ``period`` label or the row's latest period.

        When ``by`` has no ``period`` and some record is a unique count, the
        per-period counts and money are emitted period by period: a unique
        count supersedes the records beneath it only within its own period,
        so merging the periods first would lose that. Rolling the result up
        again therefore always equals rolling the original records up in one
        step.

        Returns
        -------
        list of Record
            The records standing for the rows; a row with no period (nothing
            fed it) gives none.

        Examples
        --------
        >>> recs = [Record(indicator="people", period="2021", stage="I", region="a", actual=3),
        ...         Record(indicator="people", period="2021", stage="I", region="b", actual=4)]
        >>> defs = guess_definitions(recs)
        >>> by_region = rollup(recs, defs, by=("stage", "region")).to_records()
        >>> [(rec.stage, rec.region, rec.actual) for rec in by_region]
        [('I', 'a', Decimal('3')), ('I', 'b', Decimal('4'))]
        >>> rollup(by_region, defs, by=("stage",)).rows == rollup(recs, defs, by=("stage",)).rows
        True

        See Also
        --------
        rollup : rolls the records up again.
        """
        split = "period" not in self.by and bool(self.source.unique.any())
        out: list[Record] = []
        for row in self.rows:
            if split and self._per_period_sum(row.indicator):
                continue
            _emit(row, dict(zip(self.by, row.group, strict=True)), out)
        if split:
            by_period = rollup(self.source, self.definitions, (*self.by, "period"))
            for row in by_period.rows:
                if self._per_period_sum(row.indicator):
                    _emit(row, dict(zip(by_period.by, row.group, strict=True)), out)
        return out

    def _per_period_sum(self, indicator: str) -> bool:
        d = self.definitions[indicator]
        return (
            d.measure in (Measure.COUNT, Measure.MONEY)
            and d.accumulation is Accumulation.PER_PERIOD
        )


def _group_text(by: Sequence[str], group: Sequence[str | None]) -> str:
    """``(stage I, region atyrau)``, or ``(all)`` with no levels."""
    parts = [
        f"{name} {label if label is not None else '—'}"
        for name, label in zip(by, group, strict=True)
    ]
    return f"({', '.join(parts) or 'all'})"


def _emit(row: RollupRow, where: dict[str, Any], out: list[Record]) -> None:
    """Append the records that stand for ``row`` at the node ``where``."""
    where["period"] = where.get("period") or row.period
    if where["period"] is None:
        return
    base = {"indicator": row.indicator, **where}
    if row.measure in (Measure.COUNT, Measure.MONEY):
        value = row.value.amount if isinstance(row.value, Money) else row.value
        target = row.target.amount if isinstance(row.target, Money) else row.target
        if value is not None or target is not None:
            out.append(Record(actual=value, target=target, unique=row.unique, **base))
    elif row.measure is Measure.PERCENTAGE:
        if row.numerator is not None:
            out.append(Record(numerator=row.numerator, denominator=row.denominator, **base))
    elif row.measure is Measure.QUALITATIVE:
        out.extend(Record(text=t, **base) for t in row.texts)
    else:
        for category, n in row.distribution:
            out.extend(Record(category=category, **base) for _ in range(n))


def _depth(levels: Sequence[AnyInts], n: int) -> IntArray:
    depth = np.full(n, -1, np.int64)
    for j, codes in enumerate(levels):
        depth[codes >= 0] = j
    return depth


def _superseded(src: Records, gid: IntArray, groups: int, candidates: BoolArray) -> BoolArray:
    """Records replaced by a unique count at their node or above (see module docs)."""
    n = src.size
    out = np.zeros(n, np.bool_)
    uniq = candidates & src.unique & src.actual.present
    if not uniq.any():
        return out
    depth = _depth(src.levels, n)
    for d in range(len(LEVELS)):
        tops = uniq & (depth == d)
        if not tops.any():
            continue
        below = candidates & ((depth > d) | ((depth == d) & ~src.unique))
        rows = np.flatnonzero(tops | below)
        cols = [gid[rows], src.period[rows]] + [src.levels[j][rows] for j in range(d + 1)]
        radices = [groups, len(src.period_labels)] + [
            len(src.level_labels[j]) for j in range(d + 1)
        ]
        key, _ = _combine(cols, radices, [0] + [-1] * (d + 2))
        is_top = tops[rows]
        hit = np.isin(key, key[is_top]) & ~is_top
        out[rows[hit]] = True
        # several unique records at one node: the largest stands
        top_rows, top_keys = rows[is_top], key[is_top]
        if len(np.unique(top_keys)) != len(top_keys):
            best: dict[int, tuple[int, int]] = {}
            for r, k in zip(top_rows.tolist(), top_keys.tolist(), strict=True):
                v = int(src.actual.values[r])
                if k not in best or v > best[k][0]:
                    if k in best:
                        out[best[k][1]] = True
                    best[k] = (v, r)
                else:
                    out[r] = True
    return out


def _latest(
    src: Records, gid: IntArray, groups: int, mask: BoolArray, cumulative: BoolArray
) -> BoolArray:
    """Keep, for cumulative records, only each node's latest period within its group."""
    sel = mask & cumulative
    if not sel.any():
        return mask
    rows = np.flatnonzero(sel)
    cols = [gid[rows]] + [lv[rows] for lv in src.levels]
    radices = [groups] + [len(lab) for lab in src.level_labels]
    leaf, leaves = _combine(cols, radices, [0] + [-1] * len(src.levels))
    best = np.full(leaves.shape[0], -1, np.int64)
    np.maximum.at(best, leaf, src.period[rows])
    keep = mask.copy()
    keep[rows] = src.period[rows] == best[leaf]
    return keep


def rollup(
    records: Iterable[Record] | Records,
    definitions: Iterable[IndicatorDefinition] | Mapping[str, IndicatorDefinition],
    by: Sequence[str] = ("stage", "region"),
) -> Rollup:
    """Roll records up to the ``by`` levels, with the right rule per measure.

    ``by`` names levels from `LEVELS`
    and may include ``"period"`` to keep periods apart. The rules are in the
    module documentation. Rolling up in two steps (``rollup(...).to_records()``
    then a coarser ``by``) always equals rolling up in one.

    Parameters
    ----------
    records : iterable of Record, or Records
        The records; `Records` columns are the fast path for large inputs.
    definitions : iterable or mapping of IndicatorDefinition
        The indicators' definitions (a mapping is keyed by indicator key);
        every indicator of the records needs one.
    by : sequence of str, optional
        Names from `GROUP_KEYS`, each at most once; stage and region by
        default, empty for one row per indicator.

    Returns
    -------
    Rollup
        One row per group of ``by`` and indicator.

    Raises
    ------
    civicgrants.errors.ValidationError
        ``by`` names an unknown level or repeats one (at ``by``); an indicator
        has no definition (at ``definitions``); an ordinal or yes/no record's
        category is not on its scale (at ``records[i].category``). It is a
        `ValueError`.
    TypeError
        An item of ``records`` is not a `Record`.

    Examples
    --------
    >>> from civicgrants.indicators.model import TargetForm
    >>> from civicgrants.model import Direction, Names
    >>> share = IndicatorDefinition("share", Names(en="Share"), "%", Measure.PERCENTAGE,
    ...                             Direction.HIGHER_IS_BETTER, TargetForm.AT_LEAST)
    >>> recs = [Record(indicator="share", period="2021", region="a", project="p1",
    ...                numerator=1, denominator=2),
    ...         Record(indicator="share", period="2021", region="a", project="p2",
    ...                numerator=99, denominator=100)]
    >>> row = rollup(recs, [share], by=("region",)).rows[0]
    >>> row.numerator, row.denominator, row.percent
    (Decimal('100'), Decimal('102'), Decimal('98.0'))

    See Also
    --------
    rollup_columns : the same, straight from columns.
    rollup_report : a roll-up with its breakdown checks (the ``rollup`` command).
    Rollup.to_records : the result as records, to roll up again.
    """
    src = records if isinstance(records, Records) else Records.from_records(records)
    defs = dict(definitions) if isinstance(definitions, Mapping) else {}
    if not isinstance(definitions, Mapping):
        for d in definitions:
            defs[d.key] = d
    by = tuple(by)
    for name in by:
        if name not in GROUP_KEYS:
            raise ValidationError(
                [Problem("by", f"unknown level {name!r}; use {', '.join(GROUP_KEYS)}")]
            )
    if len(set(by)) != len(by):
        raise ValidationError([Problem("by", f"levels repeat in {by!r}")])
    missing = [k for k in src.indicator_labels[:-1] if k not in defs]
    if missing:
        raise ValidationError([Problem("definitions", f"no definition for indicator(s) {missing}")])

    n = src.size
    named = src.indicator_labels[:-1]  # the last label is None (code -1)
    m_code = {m: i for i, m in enumerate(Measure)}
    ind_measure = np.array([m_code[defs[str(k)].measure] for k in named] + [-1], np.int64)
    ind_cum = np.array(
        [defs[str(k)].accumulation is Accumulation.CUMULATIVE for k in named] + [False], np.bool_
    )
    present_measures = set(ind_measure[:-1].tolist())
    single = present_measures.pop() if len(present_measures) == 1 else None
    rec_measure = None if single is not None else ind_measure[src.indicator]

    def measured(*which: Measure) -> BoolArray:
        codes = [m_code[m] for m in which]
        if rec_measure is None:
            return np.full(n, single in codes, np.bool_)
        return np.isin(rec_measure, codes)

    cumulative = ind_cum[src.indicator] if ind_cum.any() else np.zeros(n, np.bool_)

    cols = [src.period if b == "period" else src.levels[LEVELS.index(b)] for b in by]
    radices = [
        len(src.period_labels) if b == "period" else len(src.level_labels[LEVELS.index(b)])
        for b in by
    ]
    # period and indicator are never None: their codes start at 0
    lows = [0 if b == "period" else -1 for b in by]
    radices = [r - 1 if b == "period" else r for r, b in zip(radices, by, strict=True)]
    gid, group_codes = _combine([*cols, src.indicator], [*radices, len(named)], [*lows, 0])
    groups = int(group_codes.shape[0])

    summed = measured(Measure.COUNT, Measure.MONEY)
    percent = measured(Measure.PERCENTAGE)
    categorical = measured(Measure.ORDINAL, Measure.YES_NO)
    textual = measured(Measure.QUALITATIVE)

    value_mask = summed & src.actual.present
    target_mask = summed & src.target.present
    if src.unique.any():
        gone = _superseded(src, gid, groups, value_mask)
        value_mask &= ~gone
    pct_mask = percent & src.numerator.present & src.denominator.present
    cat_mask = categorical & (src.category >= 0)
    text_mask = textual.copy()
    if textual.any():
        text_mask[textual] = [t is not None for t in src.text[textual]]
    if cumulative.any():
        value_mask = _latest(src, gid, groups, value_mask, cumulative)
        target_mask = _latest(src, gid, groups, target_mask, cumulative)
        pct_mask = _latest(src, gid, groups, pct_mask, cumulative)
        cat_mask = _latest(src, gid, groups, cat_mask, cumulative)
        text_mask = _latest(src, gid, groups, text_mask, cumulative)
    if cat_mask.any():
        for i in np.flatnonzero(cat_mask).tolist():
            key = str(src.indicator_labels[int(src.indicator[i])])
            d = defs[key]
            scale = d.scale if d.measure is Measure.ORDINAL else ("yes", "no")
            label = src.category_labels[int(src.category[i])]
            if label not in scale:
                raise ValidationError(
                    [
                        Problem(
                            f"records[{i}].category",
                            f"{key}: category {label!r} is not on the scale {scale!r}",
                        )
                    ]
                )

    fed = value_mask | pct_mask | cat_mask | text_mask
    sums = {
        "actual": _group_sum(src.actual, value_mask, gid, groups),
        "target": _group_sum(src.target, target_mask, gid, groups),
    }
    if pct_mask.any():
        sums["numerator"] = _group_sum(src.numerator, pct_mask, gid, groups)
        sums["denominator"] = _group_sum(src.denominator, pct_mask, gid, groups)
    counts = np.bincount(gid if fed.all() else gid[fed], minlength=groups).astype(
        np.int64, copy=False
    )
    target_counts = np.bincount(gid[target_mask], minlength=groups).astype(np.int64, copy=False)

    unique_rows = np.zeros(groups, np.bool_)
    if src.unique.any():
        flagged = value_mask & src.unique
        all_unique = np.bincount(gid[flagged], minlength=groups) == counts
        node, _ = _combine(
            list(src.levels), [len(lab) for lab in src.level_labels], [-1] * len(src.levels)
        )
        lo = np.full(groups, np.iinfo(np.int64).max, np.int64)
        hi = np.full(groups, -1, np.int64)
        np.minimum.at(lo, gid[value_mask], node[value_mask])
        np.maximum.at(hi, gid[value_mask], node[value_mask])
        unique_rows = all_unique & (counts > 0) & (lo == hi)
    return Rollup(src, defs, by, group_codes, gid, fed, sums, counts, target_counts, unique_rows)


def rollup_columns(
    definitions: Iterable[IndicatorDefinition] | Mapping[str, IndicatorDefinition],
    by: Sequence[str] = ("stage", "region"),
    **columns: Any,
) -> Rollup:
    """`rollup()` straight from columns (see `Records.from_columns()`).

    Parameters
    ----------
    definitions : iterable or mapping of IndicatorDefinition
        The indicators' definitions.
    by : sequence of str, optional
        Names from `GROUP_KEYS`; stage and region by default.
    **columns : object
        The columns, as `Records.from_columns()` takes them (``indicator``
        and ``period`` required).

    Returns
    -------
    Rollup
        One row per group of ``by`` and indicator.

    Raises
    ------
    ValueError, TypeError
        As `Records.from_columns()` and `rollup()` raise them.

    Examples
    --------
    >>> import numpy as np
    >>> from civicgrants.indicators.model import TargetForm
    >>> from civicgrants.model import Direction, Names
    >>> people = IndicatorDefinition("people", Names(en="People"), "people", Measure.COUNT,
    ...                              Direction.HIGHER_IS_BETTER, TargetForm.AT_LEAST)
    >>> r = rollup_columns([people], by=("region",), indicator=(np.zeros(3, int), ["people"]),
    ...                    period=["2021"] * 3, region=(np.array([0, 1, 0]), ["b", "a"]),
    ...                    actual=np.array([5, 7, 6]))
    >>> [(row.group, row.value) for row in r.rows]
    [(('a',), Decimal('7')), (('b',), Decimal('11'))]

    See Also
    --------
    rollup : from records.
    Records.from_columns : the columns it takes.
    """
    return rollup(Records.from_columns(**columns), definitions, by)


def group_levels(by: str | Sequence[str]) -> tuple[str, ...]:
    """The levels to group by, from ``"stage,region"`` or a sequence of names.

    Parameters
    ----------
    by : str or sequence of str
        Level names from `GROUP_KEYS`, as a comma-separated text (blanks
        around names and empty names are ignored) or a sequence.

    Returns
    -------
    tuple of str
        The names, in the order given.

    Raises
    ------
    civicgrants.errors.ValidationError
        A name is not a level, or is given twice; the problem is located at
        ``--by`` and its text.

    Examples
    --------
    >>> group_levels(" stage, region,")
    ('stage', 'region')
    >>> group_levels(["village"])
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: --by 'village': unknown level(s) village; levels: programme, stage, region, locality, project, goal, task, activity

    See Also
    --------
    GROUP_KEYS : the accepted names.
    rollup_report : takes ``by`` in either form.
    """
    if isinstance(by, str):
        text = by
        names = tuple(x.strip() for x in by.split(",") if x.strip())
    else:
        names = tuple(by)
        text = ",".join(names)
    unknown = [x for x in names if x not in GROUP_KEYS]
    if unknown:
        raise ValidationError(
            [
                Problem(
                    f"--by {text!r}",
                    f"unknown level(s) {', '.join(unknown)}; levels: {', '.join(LEVELS)}",
                )
            ]
        )
    twice = sorted({x for x in names if names.count(x) > 1})
    if twice:
        raise ValidationError(
            [Problem(f"--by {text!r}", f"level(s) given twice: {', '.join(twice)}")]
        )
    return names


def guess_definitions(records: Iterable[Record]) -> tuple[IndicatorDefinition, ...]:
    """Definitions for records that came without any.

    An indicator whose first record gives a numerator or denominator is a
    percentage, one whose first record gives only text is qualitative, any
    other is a count; each is "higher is better", with an "at least" target.

    Parameters
    ----------
    records : iterable of Record
        The records.

    Returns
    -------
    tuple of IndicatorDefinition
        One per indicator, sorted by key.

    Examples
    --------
    >>> recs = [Record(indicator="share", period="2021", numerator=1, denominator=2),
    ...         Record(indicator="people", period="2021", actual=5)]
    >>> [(d.key, d.measure.value) for d in guess_definitions(recs)]
    [('people', 'count'), ('share', 'percentage')]

    See Also
    --------
    IndicatorDefinition : what it guesses.
    rollup_report : guesses when no definitions are given.
    """
    kinds: dict[str, Measure] = {}
    for r in records:
        if r.numerator is not None or r.denominator is not None:
            kind = Measure.PERCENTAGE
        elif r.text is not None and r.actual is None:
            kind = Measure.QUALITATIVE
        else:
            kind = Measure.COUNT
        kinds.setdefault(r.indicator, kind)
    return tuple(
        IndicatorDefinition(
            key, Names(en=key), "item", kind, Direction.HIGHER_IS_BETTER, TargetForm.AT_LEAST
        )
        for key, kind in sorted(kinds.items())
    )


@shows
@attrs.frozen(eq=False)
class RollupReport:
    """A roll-up and the breakdowns that do not add up: what ``civicgrants rollup`` prints.

    Attributes
    ----------
    rollup : Rollup
        The rolled-up values, one row per group and indicator.
    findings : tuple of Finding
        The records' breakdowns (sex, age band …) that do not add up to their
        actual (see `check_breakdowns()`).

    Examples
    --------
    >>> from civicgrants.indicators.model import Part
    >>> recs = [Record(indicator="people", period="2021", stage="I", actual=10,
    ...                breakdown=[Part("sex", "female", 4), Part("sex", "male", 5)])]
    >>> report = rollup_report(recs, by="stage")
    >>> report.by, report.rows[0].value, [f.code for f in report.findings], report.has_errors
    (('stage',), Decimal('10'), ['breakdown-sum'], True)

    See Also
    --------
    rollup_report : builds it.
    civicgrants.io.views.indicators.rollup_report_text : prints it.
    """

    rollup: Rollup
    findings: tuple[Finding, ...]

    @property
    def by(self) -> tuple[str, ...]:
        """The levels grouped by.

        Returns
        -------
        tuple of str
            ``rollup.by``.

        Examples
        --------
        >>> rollup_report([Record(indicator="people", period="2021", actual=1)]).by
        ()

        See Also
        --------
        group_levels : reads them.
        """
        return self.rollup.by

    @property
    def rows(self) -> tuple[RollupRow, ...]:
        """The roll-up's rows.

        Returns
        -------
        tuple of RollupRow
            ``rollup.rows``.

        Examples
        --------
        >>> rollup_report([Record(indicator="people", period="2021", actual=1)]).rows[0].value
        Decimal('1')

        See Also
        --------
        Rollup.rows : the same.
        """
        return self.rollup.rows

    @property
    def has_errors(self) -> bool:
        """Whether a finding is an error (the command then exits 1).

        Returns
        -------
        bool
            True when some breakdown does not add up.

        Examples
        --------
        >>> rollup_report([Record(indicator="people", period="2021", actual=1)]).has_errors
        False

        See Also
        --------
        RollupReport.findings : the findings.
        """
        return any(f.severity is Severity.ERROR for f in self.findings)


def rollup_report(
    records: Iterable[Record],
    definitions: Iterable[IndicatorDefinition] | Mapping[str, IndicatorDefinition] | None = None,
    *,
    by: str | Sequence[str] = (),
) -> RollupReport:
    """Roll records up and check their breakdowns: the ``civicgrants rollup`` command.

    Parameters
    ----------
    records : iterable of Record
        The records.
    definitions : iterable or mapping of IndicatorDefinition, optional
        The indicators' definitions; when absent or empty they are guessed
        from the records (`guess_definitions()`).
    by : str or sequence of str
        The levels to group by (see `group_levels()`); none by default.

    Returns
    -------
    RollupReport
        The roll-up and its findings, in record order: the breakdowns that do
        not add up (`check_breakdowns()`),
        ``value-not-rolled-up`` for a record whose kind of value its
        indicator's measure does not roll up (an actual of a percentage …,
        see `value_kind()`), and
        ``category-not-on-scale`` for a category off its indicator's scale
        (that record is left out of the roll-up); all are errors.

    Raises
    ------
    civicgrants.errors.ValidationError
        An unknown or repeated level in ``by``; a record's indicator has no
        definition; a money total needs more digits than an amount holds.

    Examples
    --------
    >>> recs = [Record(indicator="people", period="2021", stage="I", actual=10),
    ...         Record(indicator="people", period="2021", stage="II", actual=5)]
    >>> report = rollup_report(recs, by="stage")
    >>> [(r.group, r.value) for r in report.rows], report.has_errors
    ([(('I',), Decimal('10')), (('II',), Decimal('5'))], False)

    See Also
    --------
    rollup : the roll-up alone.
    civicgrants.io.indicators_csv.read_records : reads records and definitions from a file.
    """
    records = tuple(records)
    levels = group_levels(by)
    defs = definitions if isinstance(definitions, Mapping) else tuple(definitions or ())
    if not defs:
        defs = guess_definitions(records)
    keyed = dict(defs) if isinstance(defs, Mapping) else {d.key: d for d in defs}
    found: list[tuple[int, Finding]] = []
    kept: list[Record] = []
    for i, r in enumerate(records):
        d = keyed.get(r.indicator) if isinstance(r, Record) else None
        bad = _unrolled(i, r, d) if d is not None else None
        if bad is not None:
            found.append((i, bad))
        if bad is None or bad.code != "category-not-on-scale":
            kept.append(r)
    found += [(_record_index(f.location), f) for f in check_breakdowns(records)]
    found.sort(key=lambda item: item[0])
    report = RollupReport(rollup(kept, defs, by=levels), tuple(f for _, f in found))
    report.rows  # noqa: B018 - built now, so a total no amount can hold is raised here
    return report


def _record_index(location: str) -> int:
    """``records[12].breakdown[sex]`` → 12."""
    return int(location[len("records[") : location.index("]")])


def _unrolled(i: int, r: Record, d: IndicatorDefinition) -> Finding | None:
    """The finding for a record whose value its indicator's roll-up would leave out."""
    wanted, kind = MEASURE_KINDS[d.measure], value_kind(r)
    numbers: dict[str, Any] = {"indicator": r.indicator, "measure": d.measure.value}
    if kind is not None and kind != wanted:
        return Finding(
            "value-not-rolled-up",
            Severity.ERROR,
            f"records[{i}]",
            {**numbers, "gives": kind, "rolls_up": wanted},
            f"Значение не учтено в сводке: показатель «{r.indicator}» ({d.measure.value}) "
            f"не суммирует такие значения ({kind})",
            f"the record gives a {kind} value, but {r.indicator!r} is a {d.measure.value} "
            f"indicator, which rolls up {wanted} values: it is left out of the roll-up",
        )
    if kind == "category":
        scale = d.scale if d.measure is Measure.ORDINAL else ("yes", "no")
        if r.category not in scale:
            return Finding(
                "category-not-on-scale",
                Severity.ERROR,
                f"records[{i}].category",
                {**numbers, "category": r.category, "scale": ", ".join(scale)},
                f"Категория «{r.category}» не входит в шкалу показателя «{r.indicator}»",
                f"the category {r.category!r} is not on the scale of {r.indicator!r}: "
                "it is left out of the roll-up",
            )
    return None
