"""Indicator records in long CSV: one row per record.

Layout:

* UTF-8 with a header row; the delimiter is ``,`` or ``;``, detected from the header.
* Columns are matched by name, in any order: any of the level columns
  (``programme``, ``stage``, ``region``, ``locality``, ``project``, ``goal``, ``task``,
  ``activity``), ``indicator`` and ``period`` (both required), ``target``,
  ``actual``, ``numerator``, ``denominator``, ``category``, ``text``,
  ``unique`` (``true``/``false``, ``yes``/``no``, ``1``/``0`` or empty), and
  breakdown columns written ``by_<dimension>:<category>`` (``by_sex:female``).
* An empty cell is "not given"; a breakdown cell holding ``0`` is a part of 0.
* Numbers may group digits with spaces or NBSP and use ``.`` or ``,`` as the
  decimal separator, as in `civicgrants.io.budget_csv`.
* Ids (levels, ``indicator``, ``period``, ``category``) are stripped of
  surrounding blanks; ``text`` is kept verbatim.
* Every number is >= 0 and inside the ``digits`` and ``exponent`` limits
  (`civicgrants.model.limits.number_problem()`); a percentage gives both its
  numerator and its denominator, the denominator above 0 and not below the numerator.
* A row gives one kind of value (an actual or a target; a numerator and a
  denominator; a category; or only a text), and every row of one indicator
  gives the same kind, so that no row is left out of a roll-up. A row that
  gives no value at all (no breakdown either) is refused.

The text is read as a whole through `civicgrants.io.csv_table.read_table()`:
a quoted cell that is never closed is an error, not a cell that swallows the
rows after it. Every unreadable cell and every structural problem is collected
and raised together as one `DocumentError` whose
problems read ``row 3 (indicator 'people').actual: cannot parse 'abc': not a number``.

`dumps_records_csv()` writes the columns the records use, and reading its
output gives the same records back (breakdown parts in column order).
"""

from __future__ import annotations

import csv
import io as _io
import os
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Final

from civicgrants.errors import DocumentError, Problem
from civicgrants.indicators.model import (
    LEVELS,
    VALUE_KINDS,
    IndicatorDefinition,
    Part,
    Record,
    value_kind,
)
from civicgrants.io.budget_csv import read_decimal
from civicgrants.io.csv_table import read_table
from civicgrants.io.files import read_text
from civicgrants.model.limits import number_problem

__all__ = [
    "COLUMNS",
    "dumps_records_csv",
    "loads_records_csv",
    "read_records",
    "read_records_csv",
]

_NUMBERS: Final = ("target", "actual", "numerator", "denominator")
COLUMNS: Final = (*LEVELS, "indicator", "period", *_NUMBERS, "category", "text", "unique")
"""The fixed columns, in the order the writer uses; ``by_<dimension>:<category>`` follow."""

_BY: Final = "by_"
_TRUE: Final = frozenset({"true", "yes", "1"})
_FALSE: Final = frozenset({"false", "no", "0", ""})


def _breakdown_column(name: str) -> tuple[str, str] | None:
    """``by_sex:female`` → ``("sex", "female")``; ``None`` if malformed."""
    dimension, sep, category = name[len(_BY) :].partition(":")
    if not sep or not dimension.strip() or not category.strip():
        return None
    return dimension.strip(), category.strip()


def loads_records_csv(text: str, *, source: str = "<csv>") -> tuple[Record, ...]:
    r"""Read indicator records from long CSV text (see the module docs for the layout).

    Parameters
    ----------
    text : str
        The CSV document.
    source : str, optional
        The name used in error messages; ``"<csv>"`` by default.

    Returns
    -------
    tuple of Record
        One record per non-blank row, in file order.

    Raises
    ------
    civicgrants.errors.DocumentError
        Listing every problem: the text is not readable as CSV (a quoted cell
        never closed: ``row N (line L): …``), header problems, then each bad
        cell as ``row N (indicator 'x').column: …`` and each bad row as
        ``row N (indicator 'x'): …`` (a record the model refuses, a row with
        no value, a row giving another kind of value than the indicator's
        first row).

    Examples
    --------
    >>> recs = loads_records_csv(
    ...     "region;project;indicator;period;actual;by_sex:female;by_sex:male\n"
    ...     "atyrau;p1;people;2021;1 250;600;650\n"
    ... )
    >>> recs[0].project, recs[0].actual, [(p.category, p.value) for p in recs[0].breakdown]
    ('p1', Decimal('1250'), [('female', Decimal('600')), ('male', Decimal('650'))])
    >>> loads_records_csv("indicator,period,actual\npeople,2021,abc\n")
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: <csv>: 1 problem
      row 2 (indicator 'people').actual: cannot parse 'abc': not a number
    >>> loads_records_csv("indicator,period,actual,numerator,denominator\n"
    ...                   "share,2021,5,,\nshare,2021,,1,2\n")
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: <csv>: 1 problem
      row 3 (indicator 'share'): gives a numerator and a denominator, but row 2 gives this indicator an actual or a target: an indicator is reported one way, so one of them would not be rolled up

    See Also
    --------
    read_records_csv : reads a file.
    dumps_records_csv : writes records back as CSV.
    civicgrants.indicators.rollup_report : rolls the records up.
    """
    header, table, twice = read_table(text, source=source, expected="'indicator' and 'period'")
    problems: list[Problem] = []
    parts: dict[str, tuple[str, str]] = {}
    unknown: list[str] = []
    for name in header:
        if name.startswith(_BY):
            split = _breakdown_column(name)
            if split is None:
                problems.append(
                    Problem(
                        "header",
                        f"breakdown column {name!r} must read by_<dimension>:<category>",
                    )
                )
            else:
                parts[name] = split
        elif name not in COLUMNS:
            unknown.append(name)
    if unknown:
        problems.append(
            Problem(
                "header",
                f"unknown column(s) {', '.join(map(repr, unknown))}; known: "
                f"{', '.join(COLUMNS)} and by_<dimension>:<category>",
            )
        )
    for required in ("indicator", "period"):
        if required not in header:
            problems.append(Problem("header", f"the {required!r} column is required"))
    dupes = {h for h, k in Counter(header).items() if k > 1}
    if twice:
        problems.append(twice)
    pairs = Counter(parts[h] for h in header if h in parts)
    same = sorted({f"by_{d}:{c}" for (d, c), k in pairs.items() if k > 1} - dupes)
    if same:
        problems.append(Problem("header", f"breakdown column(s) given twice: {', '.join(same)}"))
    if problems:
        raise DocumentError(source, problems)

    records: list[Record] = []
    first_of_kind: dict[str, tuple[int, str]] = {}  # indicator -> (row, kind of its first row)
    for n, row in table:
        if isinstance(row, Problem):
            problems.append(row)
            continue
        where = f"row {n} (indicator {row['indicator'].strip()!r})"
        record, found = _row(row, parts, where)
        problems.extend(found)
        if record is None:
            continue
        records.append(record)
        kind = value_kind(record)
        if kind is None:
            if not record.breakdown:
                problems.append(
                    Problem(
                        where,
                        "gives no value: fill actual or target, numerator and denominator, "
                        "category or text",
                    )
                )
            continue
        earlier = first_of_kind.setdefault(record.indicator, (n, kind))
        if earlier[1] != kind:
            problems.append(
                Problem(
                    where,
                    f"gives {VALUE_KINDS[kind]}, but row {earlier[0]} gives this indicator "
                    f"{VALUE_KINDS[earlier[1]]}: an indicator is reported one way, so one of them "
                    "would not be rolled up",
                )
            )
    if problems:
        raise DocumentError(source, problems)
    return tuple(records)


def _number(text: str) -> Decimal:
    """A cell's number, exactly, inside the digits and exponent limits."""
    value = read_decimal(text)
    problem = number_problem(value)
    if problem is not None:
        raise ValueError(problem)
    if value < 0:
        raise ValueError(
            f"must be >= 0 (a count, an amount or a part of one), got {text.strip()!r}"
        )
    return value


def _row(
    row: dict[str, str], parts: dict[str, tuple[str, str]], where: str
) -> tuple[Record | None, list[Problem]]:
    problems: list[Problem] = []
    fields: dict[str, Any] = {}
    for column in (*LEVELS, "indicator", "period", "category"):
        value = row.get(column, "").strip()
        if value:
            fields[column] = value
        elif column in ("indicator", "period"):
            problems.append(Problem(f"{where}.{column}", "is required"))
    text = row.get("text", "")
    if text.strip():
        fields["text"] = text
    for column in _NUMBERS:
        value = row.get(column, "").strip()
        if value:
            try:
                fields[column] = _number(value)
            except ValueError as exc:
                problems.append(Problem(f"{where}.{column}", str(exc), input=value))
    flag = row.get("unique", "").strip().lower()
    if flag in _TRUE:
        fields["unique"] = True
    elif flag not in _FALSE:
        problems.append(
            Problem(
                f"{where}.unique",
                f"must be true/false, yes/no, 1/0 or empty, got {flag!r}",
                input=row.get("unique"),
            )
        )
    breakdown: list[Part] = []
    for column, (dimension, category) in parts.items():
        value = row[column].strip()
        if not value:
            continue
        try:
            breakdown.append(Part(dimension, category, _number(value)))
        except ValueError as exc:
            problems.append(Problem(f"{where}.{column}", str(exc), input=value))
    if problems:
        return None, problems
    try:
        return Record(breakdown=breakdown, **fields), []
    except (ValueError, TypeError) as exc:
        return None, [Problem(where, str(exc))]


def read_records_csv(path: str | os.PathLike[str]) -> tuple[Record, ...]:
    """Read indicator records from a long CSV file (see `loads_records_csv()`).

    Parameters
    ----------
    path : str or os.PathLike
        The file, UTF-8; its name is the source in error messages.

    Returns
    -------
    tuple of Record
        One record per non-blank row, in file order.

    Raises
    ------
    civicgrants.errors.DocumentError
        The file is missing or unreadable, or has problems (every one listed).

    Examples
    --------
    >>> read_records_csv("no/such/file.csv")
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: no/such/file.csv: 1 problem
      no such file

    See Also
    --------
    loads_records_csv : reads CSV text, and describes the layout.
    read_records : reads a CSV or a JSON document.
    """
    return loads_records_csv(read_text(path), source=os.fspath(path))


def read_records(
    path: str | os.PathLike[str],
) -> tuple[tuple[Record, ...], tuple[IndicatorDefinition, ...]]:
    r"""Records, and the definitions given with them, from a long CSV or a JSON document.

    A file named ``*.json`` is a ``civicgrants/indicator-records@1`` document
    (which may carry definitions); any other file is a long CSV (which carries none).

    Parameters
    ----------
    path : str or os.PathLike
        The file.

    Returns
    -------
    tuple
        ``(records, definitions)``; ``definitions`` is empty when the file gives none.

    Raises
    ------
    civicgrants.errors.DocumentError
        The file is missing or unreadable; every problem is listed.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "records.csv"
    >>> _ = path.write_text("indicator,period,actual\npeople,2021,5\n", encoding="utf-8")
    >>> records, definitions = read_records(path)
    >>> records[0].actual, definitions
    (Decimal('5'), ())

    See Also
    --------
    read_records_csv : the long CSV alone.
    civicgrants.indicators.records.IndicatorRecords : the JSON document.
    civicgrants.indicators.rollup_report : rolls the records up with the definitions.
    """
    if os.fspath(path).lower().endswith(".json"):
        from civicgrants.indicators.records import IndicatorRecords
        from civicgrants.io.documents import load

        document = load(path, IndicatorRecords)
        return document.records, document.definitions
    return read_records_csv(path), ()


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def dumps_records_csv(records: Iterable[Record], *, delimiter: str = ",") -> str:
    """Write records as long CSV: the columns they use, breakdowns last.

    Level columns come top first, then ``indicator``, ``period``, the value
    columns the records use, and one ``by_<dimension>:<category>`` column per
    breakdown cell in order of first appearance.

    Parameters
    ----------
    records : iterable of Record
        The records.
    delimiter : str, optional
        The field delimiter; ``","`` by default (``";"`` reads back too).

    Returns
    -------
    str
        The CSV, a header then one line per record, each ending in a newline;
        numbers are written in plain notation, ``unique`` as ``true`` or empty.

    Raises
    ------
    ValueError
        If a record repeats a breakdown cell (it cannot be written as columns).

    Examples
    --------
    >>> r = Record(indicator="people", period="2021", project="p1", actual=12,
    ...            breakdown=[Part("sex", "female", 7), Part("sex", "male", 5)])
    >>> print(dumps_records_csv([r]), end="")
    project,indicator,period,actual,by_sex:female,by_sex:male
    p1,people,2021,12,7,5
    >>> loads_records_csv(dumps_records_csv([r])) == (r,)
    True

    See Also
    --------
    loads_records_csv : reads it back.
    civicgrants.io.frames.records_to_frame : the same columns as a DataFrame.
    """
    records = tuple(records)
    used = [
        c
        for c in COLUMNS
        if c in ("indicator", "period") or any(getattr(r, c) not in (None, False) for r in records)
    ]
    cells: dict[tuple[str, str], None] = {}
    for i, r in enumerate(records):
        keys = [(p.dimension, p.category) for p in r.breakdown]
        if len(set(keys)) != len(keys):
            raise ValueError(f"records[{i}].breakdown: a dimension and category repeat")
        cells.update(dict.fromkeys(keys))
    out = _io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([*used, *(f"{_BY}{d}:{c}" for d, c in cells)])
    for r in records:
        row: list[str] = []
        for c in used:
            value = getattr(r, c)
            if c == "unique":
                row.append("true" if value else "")
            elif c in _NUMBERS:
                row.append(_plain(value))
            else:
                row.append(value or "")
        values = {(p.dimension, p.category): p.value for p in r.breakdown}
        row.extend(_plain(values.get(cell)) for cell in cells)
        writer.writerow(row)
    return out.getvalue()
