"""Reading CSV tables the way spreadsheets export them (one home for the rules).

* a UTF-8 BOM is dropped; the delimiter, ``,`` or ``;``, is read off the header;
* a malformed file is a :class:`~civicgrants.errors.DocumentError`, never ``csv.Error``;
* blank rows are skipped; a row of the wrong width is a located problem.
"""

from __future__ import annotations

import csv
import io

from civicgrants.errors import DocumentError, Problem

__all__ = ["Row", "Table", "read_table"]

Row = tuple[int, "dict[str, str] | Problem"]
Table = tuple[list[str], list[Row], Problem | None]


def read_table(text: str, *, source: str, expected: str) -> Table:
    """The header, the data rows, and a problem if a header name repeats.

    Each data row is ``(file row number, {column: cell})``, or the row's
    :class:`Problem` when its width differs from the header's, so callers keep
    problems in file order. ``expected`` says what the header should hold, for
    the empty-file message.
    """
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        parsed = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise DocumentError(source, [Problem("", f"not readable as CSV: {exc}")]) from None
    if not parsed or not any(c.strip() for c in parsed[0]):
        raise DocumentError(
            source, [Problem("", f"empty file: expected a header row with {expected}")]
        )
    header = [h.strip() for h in parsed[0]]
    dupes = sorted({h for h in header if header.count(h) > 1})
    twice = Problem("header", f"column(s) given twice: {', '.join(dupes)}") if dupes else None
    rows: list[Row] = []
    for n, cells in enumerate(parsed[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            rows.append(
                (n, Problem(f"row {n}", f"has {len(cells)} cells, the header has {len(header)}"))
            )
            continue
        rows.append((n, dict(zip(header, cells, strict=True))))
    return header, rows, twice
