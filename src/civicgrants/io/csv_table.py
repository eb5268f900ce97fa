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
    r"""The header, the data rows, and a problem if a header name repeats.

    Each data row is ``(file row number, {column: cell})``, or the row's
    :class:`Problem` when its width differs from the header's, so callers keep
    problems in file order. ``expected`` says what the header should hold, for
    the empty-file message.

    A UTF-8 byte order mark is dropped, the delimiter (``;`` or ``,``) is the
    one the header line holds more of, header names are stripped of spaces, and
    blank rows are skipped (their numbers are not reused).

    Parameters
    ----------
    text : str
        The whole CSV text.
    source : str
        What the text is called (a file name), for the errors.
    expected : str
        What the header should hold, such as ``"a 'code' column"``.

    Returns
    -------
    header : list of str
        The column names, in order.
    rows : list of Row
        ``(row number, cells)`` per non-blank data row, numbered as a
        spreadsheet numbers them (the header is row 1); ``cells`` is a
        ``{column: cell}`` dict or, for a row of the wrong width, its Problem.
    twice : Problem or None
        A problem at ``header`` naming the columns given more than once.

    Raises
    ------
    DocumentError
        The text is not readable as CSV, or it has no header row.

    Examples
    --------
    >>> header, rows, twice = read_table(
    ...     "\ufeffcode;amount\n1;10\n\n2\n", source="budget.csv", expected="a 'code' column"
    ... )
    >>> header, twice
    (['code', 'amount'], None)
    >>> for n, row in rows:
    ...     print(n, row)
    2 {'code': '1', 'amount': '10'}
    4 row 4: has 1 cells, the header has 2
    >>> read_table("a,a,b\n1,2,3\n", source="x.csv", expected="a, b")[2]
    Problem(path='header', message='column(s) given twice: a')
    >>> read_table("", source="x.csv", expected="a 'code' column")
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: x.csv: 1 problem
      empty file: expected a header row with a 'code' column

    See Also
    --------
    civicgrants.io.files.read_text : the text of a file, with located errors.
    civicgrants.io.budget_csv : budgets read with these rules.
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
