"""Reading CSV tables the way spreadsheets export them (one home for the rules).

* a UTF-8 BOM is dropped; the delimiter, ``,`` or ``;``, is read off the header;
* the whole text goes through the `csv` module in one stream (never split
  into lines first, so a line break or a U+2028 inside a quoted cell stays in
  its cell), with strict quoting: a quote that is never closed, or text after a
  closing quote, is a located problem, never a cell that swallows the rows after it;
* a malformed file is a `DocumentError`, never ``csv.Error``;
* a table of more cells than the ``cells`` limit
  (`cells`) is refused as it is read;
* blank rows are skipped; a row of the wrong width is a located problem.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

from civicgrants.errors import DocumentError, Problem
from civicgrants.model.limits import get_limits

__all__ = ["Row", "Table", "read_table"]

Row = tuple[int, "dict[str, str] | Problem"]
Table = tuple[list[str], list[Row], Problem | None]

_FIRST_LINE = re.compile(r"[^\r\n]*")


def _csv_problem(exc: csv.Error, row: int, line: int, last_line: int) -> Problem:
    """The located problem for a ``csv.Error`` met while reading row ``row`` from ``line``."""
    reason = str(exc)
    where = f"row {row} (line {line})"
    if reason.startswith("unexpected end of data"):
        end = f" (line {last_line})" if last_line > line else ""
        return Problem(
            where,
            f"a quoted cell is never closed: its opening quote runs to the end of the file{end}; "
            "close it with '\"', or write a quote inside a quoted cell as '\"\"'",
        )
    if "expected after" in reason:
        return Problem(
            where,
            f"malformed quoting ({reason}): a quoted cell must end at its closing quote; "
            "write a quote inside a quoted cell as '\"\"'",
        )
    if reason.startswith("field larger than field limit"):
        return Problem(
            where, f"a cell is longer than {csv.field_size_limit()} characters, the most read"
        )
    return Problem(where, f"not readable as CSV: {reason}")


def read_table(text: str, *, source: str, expected: str) -> Table:
    r"""The header, the data rows, and a problem if a header name repeats.

    Each data row is ``(file row number, {column: cell})``, or the row's
    `Problem` when its width differs from the header's, so callers keep
    problems in file order. ``expected`` says what the header should hold, for
    the empty-file message.

    A UTF-8 byte order mark is dropped, the delimiter (``;`` or ``,``) is the
    one the header line holds more of, header names are stripped of spaces, and
    blank rows are skipped (their numbers are not reused). Rows are numbered as
    a spreadsheet numbers them, so a quoted cell holding a line break does not
    shift the numbers of the rows after it.

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
        The text is not readable as CSV (a quoted cell never closed, text after
        a closing quote, a cell too long), it holds more cells than the
        ``cells`` limit, or it has no header row; the problem names the row and
        the line where it starts.

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
    Problem(loc=('header',), msg='column(s) given twice: a', code='csv.header', input=None)
    >>> read_table("", source="x.csv", expected="a 'code' column")
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: x.csv: 1 problem
      empty file: expected a header row with a 'code' column
    >>> read_table('code,note\n1,"cut short\n2,b\n', source="x.csv", expected="a 'code' column")
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: x.csv: 1 problem
      row 2 (line 2): a quoted cell is never closed: its opening quote runs to the end of the file (line 3); close it with '"', or write a quote inside a quoted cell as '""'

    See Also
    --------
    civicgrants.io.files.read_text : the text of a file, with located errors.
    civicgrants.io.budget_csv : budgets read with these rules.
    civicgrants.model.limits.Limits.cells : the cells limit.
    """
    text = text.removeprefix("\ufeff")
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:  # a str from a caller, not from a file
            line = text.count("\n", 0, exc.start) + 1
            where = exc.start - (text.rfind("\n", 0, exc.start) + 1) + 1
            raise DocumentError(
                source,
                [
                    Problem(
                        f"line {line}",
                        f"holds the character U+{ord(text[exc.start]):04X} at position {where}, "
                        "a lone surrogate: not text",
                    )
                ],
            ) from None
    match = _FIRST_LINE.match(text)
    first = match.group(0) if match else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    limit = get_limits().cells
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    parsed: list[list[str]] = []
    cells = 0
    line = 0
    try:
        for record in reader:
            cells += len(record)
            if cells > limit:
                raise DocumentError(
                    source,
                    [
                        Problem(
                            f"row {len(parsed) + 1} (line {line + 1})",
                            f"more than {limit} cells (the cells limit; raise it with "
                            f"--limit cells=N or use_limits(cells=N))",
                        )
                    ],
                )
            parsed.append(record)
            line = reader.line_num
    except csv.Error as exc:
        problem = _csv_problem(exc, len(parsed) + 1, line + 1, reader.line_num)
        raise DocumentError(source, [problem]) from None
    if not parsed or not any(c.strip() for c in parsed[0]):
        what = "empty file" if not text.strip() else "no header row: the first row is blank"
        raise DocumentError(source, [Problem("", f"{what}: expected a header row with {expected}")])
    header = [h.strip() for h in parsed[0]]
    dupes = sorted(h for h, k in Counter(header).items() if k > 1)
    twice = Problem("header", f"column(s) given twice: {', '.join(dupes)}") if dupes else None
    rows: list[Row] = []
    for n, cells_of_row in enumerate(parsed[1:], start=2):
        if not any(c.strip() for c in cells_of_row):
            continue
        if len(cells_of_row) != len(header):
            rows.append(
                (
                    n,
                    Problem(
                        f"row {n}", f"has {len(cells_of_row)} cells, the header has {len(header)}"
                    ),
                )
            )
            continue
        rows.append((n, dict(zip(header, cells_of_row, strict=True))))
    return header, rows, twice
