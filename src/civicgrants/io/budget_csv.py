"""Budgets in CSV, the way they arrive from spreadsheets.

Layout:

* UTF-8 with a header row; the delimiter is ``,`` or ``;``, detected from the header.
* Columns are matched by name, in any order: ``code`` (unique, required),
  ``parent`` (empty at top level), ``item``, ``item_en``, ``unit``, ``quantity``,
  ``unit_price``, ``periods`` (default 1), ``declared_total``, ``grant``, ``own``,
  ``cofinancing_<kind>`` (``akimat``, ``business``, ``residents_cash``,
  ``residents_inkind``, ``other``), and ``activity``, ``derived``, ``note``.
* A row with quantity and unit price is a line; any other row is a group.
* A row with code ``TOTAL`` and no parent is the grand total.
* Numbers may group digits with spaces or NBSP and use ``.`` or ``,`` as the
  decimal separator; an amount may name its currency (``458 000 EUR``).
* The text goes through the `csv` module as one stream
  (`civicgrants.io.csv_table.read_table()`): a line break or a U+2028 inside
  a quoted cell stays in its cell, a quote never closed is a located error, and a
  table of more cells than the ``cells`` limit is refused as it is read.

The structure must be readable (a ``code`` column, unique codes, known parents,
groups nested within the ``depth`` limit, amounts that add up exactly);
otherwise `DocumentError` lists every problem. A cell
that cannot be read (``abc``, a negative quantity, a quantity or ``periods``
outside the number limits of `number_problem()`,
a line total that is not an exact amount) is kept verbatim on its row and
reported by the audit as ``invalid-value``: nothing is dropped or coerced.

The writer gives back what the reader read: the same columns in the same order,
the same rows and values (numbers in a canonical spelling), and unreadable cells
verbatim.
"""

from __future__ import annotations

import csv
import io as _io
import re
from decimal import Decimal
from pathlib import Path

from civicgrants.budget.model import (
    COLUMNS,
    Budget,
    BudgetForm,
    BudgetRow,
    Derived,
    Funding,
    InvalidCell,
    Source,
)
from civicgrants.errors import DocumentError, ParseError, Problem, cell_problem
from civicgrants.io.csv_table import read_table
from civicgrants.io.files import read_text
from civicgrants.model.limits import number_problem
from civicgrants.model.money import MAX_DIGITS, Money

__all__ = [
    "COLUMNS",
    "check_cell",
    "dumps_budget_csv",
    "loads_budget_csv",
    "read_budget_csv",
    "write_budget_csv",
]

_SOURCES = {s.value: s for s in Source}

_SHOWN = 10  # unknown columns named in a message; the rest are counted
_DIGIT = re.compile("[0-9]")
_EXACT_DIGITS = 120  # the precision of civicgrants.model.numbers.EXACT
_ONLY_HEADER = "the file holds a header row and nothing under it"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
"""Characters no budget cell holds: controls (but tab, line feed and carriage return), surrogates."""
_NUMBER = re.compile(r"[+-]?[0-9]+(?:[ .,'][0-9]+)*")
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2009\u2007"), " ")


def read_decimal(text: str) -> Decimal:
    """Read a number as a budget cell writes it, exactly.

    Digits may be grouped with spaces, NBSP (or other thin spaces), ``.``,
    ``,`` or ``'``; the decimal separator is ``.`` or ``,``, read as
    `civicgrants.model.numbers.read_number()` does. A leading ``+`` or
    ``-`` is kept.

    Parameters
    ----------
    text : str
        The cell's text.

    Returns
    -------
    Decimal
        The number, exactly.

    Raises
    ------
    ParseError
        The text is not a number (letters, an empty cell, an exponent …).

    Examples
    --------
    >>> read_decimal("1 260 000,50"), read_decimal("-3")
    (Decimal('1260000.50'), Decimal('-3'))
    >>> read_decimal("abc")
    Traceback (most recent call last):
    ...
    civicgrants.errors.ParseError: cannot parse 'abc': not a number

    See Also
    --------
    budget_row : reads quantities and periods with it.
    civicgrants.model.Money.parse_exact : reads amounts.
    """
    from civicgrants.model.numbers import read_number

    norm = " ".join(text.translate(_SPACES).split())
    if not _NUMBER.fullmatch(norm):
        raise ParseError(text, "not a number")
    value = read_number(norm.lstrip("+-"), text)
    return value.copy_negate() if norm.startswith("-") else value


def loads_budget_csv(
    text: str,
    *,
    source: str = "<csv>",
    budget_id: str = "budget",
    currency: str = "KZT",
    form: BudgetForm | None = None,
) -> Budget:
    r"""Read a budget from CSV text (see the module docs for the layout).

    Parameters
    ----------
    text : str
        The CSV text, with a header row; ``,`` or ``;`` delimited.
    source : str, optional
        What the text is called (a file name), for the errors.
    budget_id : str, optional
        The budget's id, ``"budget"`` by default.
    currency : str, optional
        The currency of amounts that name none, ``"KZT"`` by default.
    form : BudgetForm or None, optional
        The form the budget follows.

    Returns
    -------
    Budget
        The rows in the file's order, with the file's column order as
        ``layout``; unreadable cells kept in each row's ``invalid``.

    Raises
    ------
    DocumentError
        Every structural problem at once, each with its file row: an unknown
        or repeated column, no ``code`` column, an empty or duplicate code, an
        unknown parent, a line with children, a malformed row, a cell holding
        a control character; groups nested deeper than the ``depth`` limit,
        amounts that cannot all be added exactly. Also a text that is not CSV
        (a quote never closed, more cells than the ``cells`` limit), and a file
        without rows under its header.

    Examples
    --------
    >>> text = "code;parent;item;quantity;unit_price\n1;;Admin;;\n1.a;1;Bank;3;100\n1.b;1;Pens;abc;50\n"
    >>> b = loads_budget_csv(text)
    >>> print(b.computed("1.a"))
    300.00 KZT
    >>> b.row("1.b").invalid
    (InvalidCell(column='quantity', text='abc', reason='not a number'),)
    >>> loads_budget_csv("code,parent\n1,9\n", source="x.csv")
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: x.csv: 1 problem
      row 2 (code '1').parent: unknown code '9' (row '1')

    See Also
    --------
    read_budget_csv : the same from a file.
    dumps_budget_csv : the inverse.
    civicgrants.io.budget_xlsx.read_budget_xlsx : from an Annex 5 workbook.
    """
    header, table, twice = read_table(text, source=source, expected="a 'code' column")
    problems: list[Problem] = []
    unknown = list(dict.fromkeys(h for h in header if h not in COLUMNS))
    if unknown:
        shown = ", ".join(map(repr, unknown[:_SHOWN]))
        more = f" … ({len(unknown)} in all)" if len(unknown) > _SHOWN else ""
        problems.append(
            Problem(
                "header",
                f"unknown column(s) {shown}{more}; known: {', '.join(COLUMNS)}",
            )
        )
    if "code" not in header:
        problems.append(Problem("header", "the 'code' column is required"))
    if twice:
        problems.append(twice)
    if problems:
        raise DocumentError(source, problems)
    rows: list[BudgetRow] = []
    lines: list[int] = []
    for n, record in table:
        if isinstance(record, Problem):
            problems.append(record)
            continue
        try:
            rows.append(budget_row(record, currency))
            lines.append(n)
        except (ValueError, TypeError) as exc:
            where = f"row {n} (code {record.get('code', '').strip()!r})"
            problems.append(cell_problem(where, n, str(exc), record))
    if problems:
        raise DocumentError(source, problems)
    if not rows:
        raise DocumentError(source, [Problem("", f"no budget rows: {_ONLY_HEADER}")])
    try:
        return Budget(budget_id, tuple(rows), currency=currency, form=form, layout=tuple(header))
    except ValueError as exc:
        found = getattr(exc, "problems", None) or [Problem("", str(exc))]
        raise DocumentError(source, [_by_row(p, rows, lines) for p in found]) from None


def _by_row(problem: Problem, rows: list[BudgetRow], lines: list[int]) -> Problem:
    """``rows[3].parent`` → ``row 5 (code '1.2').parent``, in the file's own row numbers."""
    match = re.match(r"rows\[(\d+)\](.*)", problem.path)
    if not match:
        return problem
    i = int(match.group(1))
    message = re.sub(r"rows\[(\d+)\]", lambda m: f"row {lines[int(m.group(1))]}", problem.message)
    return Problem(
        f"row {lines[i]} (code {rows[i].code!r}){match.group(2)}",
        message,
        problem.code,
        problem.input,
    )


def budget_row(record: dict[str, str], currency: str) -> BudgetRow:
    """One budget row from a CSV record (column name → cell text).

    Cells are stripped; empty ones are absent. A cell that cannot be read
    (not a number, a negative amount or quantity, a fractional or zero
    ``periods``, a quantity or ``periods`` outside the number limits
    (`number_problem()`), an unknown
    ``derived``, a line total the library cannot hold exactly) is kept
    verbatim as an `InvalidCell` with the reason.

    Parameters
    ----------
    record : dict of str to str
        The cells of one row, by column name (unknown columns are ignored).
    currency : str
        The currency of amounts that name none.

    Returns
    -------
    BudgetRow
        The row.

    Raises
    ------
    ValueError
        The ``code`` cell is empty or not a valid code, ``parent`` is not a
        valid code, or a cell holds a control character (other than a tab or a
        line break) or a lone surrogate: a budget's text has none, so such a
        cell is a damaged file, not a value to keep.

    Examples
    --------
    >>> row = budget_row({"code": "1", "quantity": "2", "unit_price": "140 000", "grant": "280000"}, "KZT")
    >>> print(row.computed_total, "|", row.funded(Source.GRANT))
    280000.00 KZT | 280000.00 KZT
    >>> budget_row({"code": "2", "unit_price": "-5"}, "KZT").invalid
    (InvalidCell(column='unit_price', text='-5', reason='must be >= 0, got -5.00'),)
    >>> print(budget_row({"code": "3", "quantity": "1" * 50}, "KZT").invalid[0].reason)
    50 significant digits, more than 40 (the digits limit; raise it with use_limits(digits=...))
    >>> budget_row({"code": ""}, "KZT")
    Traceback (most recent call last):
    ...
    ValueError: code: is empty; every row needs a unique code

    See Also
    --------
    loads_budget_csv : reads every row of a CSV text.
    civicgrants.io.budget_xlsx.read_budget_xlsx : reads workbook cells the same way.
    """
    for column, text in record.items():
        check_cell(column, text)
    cell = {k: v.strip() for k, v in record.items()}
    invalid: list[InvalidCell] = []

    def amount(column: str) -> Money | None:
        raw = cell.get(column, "")
        if not raw:
            return None
        digits = len("".join(_DIGIT.findall(raw)).lstrip("0"))
        if digits > _EXACT_DIGITS:  # more than exact arithmetic carries: not worth a try
            invalid.append(
                InvalidCell(
                    column,
                    raw,
                    f"amount: {digits} digits; an amount holds at most {MAX_DIGITS} "
                    "significant digits",
                )
            )
            return None
        try:
            value = Money.parse_exact(raw, default_currency=currency)
        except (ParseError, ValueError) as exc:
            invalid.append(InvalidCell(column, raw, _reason(exc)))
            return None
        if value.amount < 0:
            invalid.append(InvalidCell(column, raw, f"must be >= 0, got {value.amount}"))
            return None
        return value

    quantity: Decimal | None = None
    raw_q = cell.get("quantity", "")
    if raw_q:
        try:
            quantity = read_decimal(raw_q)
        except ParseError as exc:
            invalid.append(InvalidCell("quantity", raw_q, _reason(exc)))
        else:
            why = number_problem(quantity)
            if why is None and quantity < 0:
                why = f"must be >= 0, got {quantity}"
            if why is not None:
                invalid.append(InvalidCell("quantity", raw_q, why))
                quantity = None
    periods = 1
    raw_p = cell.get("periods", "")
    if raw_p:
        try:
            value = read_decimal(raw_p)
            why = number_problem(value)
            if why is not None:
                raise ParseError(raw_p, why)
            if value != value.to_integral_value() or value < 1:
                raise ParseError(raw_p, f"must be a whole number >= 1, got {value}")
            periods = int(value)
        except ParseError as exc:
            invalid.append(InvalidCell("periods", raw_p, _reason(exc)))
    unit_price = amount("unit_price")
    if quantity is not None and unit_price is not None:
        try:  # the line's total must itself be an amount the library can hold exactly
            unit_price * quantity * periods
        except (ValueError, ArithmeticError) as exc:
            invalid.append(InvalidCell("quantity", raw_q, f"quantity × unit price: {exc}"))
            quantity = None
    declared = amount("declared_total")
    funding = [Funding(_SOURCES[c], m) for c in _SOURCES if (m := amount(c)) is not None]
    derived_raw = cell.get("derived", "")
    derived = None
    if derived_raw:
        try:
            derived = Derived(derived_raw)
        except ValueError:
            invalid.append(
                InvalidCell(
                    "derived", derived_raw, f"must be one of {', '.join(d.value for d in Derived)}"
                )
            )
    code = cell.get("code", "")
    if not code:
        raise ValueError("code: is empty; every row needs a unique code")
    return BudgetRow(
        code=code,
        parent=cell.get("parent") or None,
        item=cell.get("item") or None,
        item_en=cell.get("item_en") or None,
        unit=cell.get("unit") or None,
        quantity=quantity,
        unit_price=unit_price,
        periods=periods,
        declared_total=declared,
        funding=tuple(funding),
        activity=cell.get("activity") or None,
        derived=derived,
        invalid=tuple(invalid),
        note=cell.get("note") or None,
    )


def check_cell(column: str, text: str) -> None:
    r"""Refuse a cell that holds a control character or a lone surrogate.

    A budget's cells hold text, tabs and line breaks; a NUL, an escape
    sequence, a vertical tab or a C1 control means a damaged or hostile file,
    and a lone surrogate is not text at all. Such a cell is refused, not kept:
    it could not be written back, nor printed safely.

    Parameters
    ----------
    column : str
        The cell's column, named in the message.
    text : str
        The cell's text.

    Raises
    ------
    ValueError
        ``column: holds the character U+001B at position 3, …``.

    Examples
    --------
    >>> check_cell("item", "Краска\tбелая\n2 банки")
    >>> check_cell("item", "Pa\x00int")
    Traceback (most recent call last):
    ...
    ValueError: item: holds the character U+0000 at position 3, a control character no budget cell holds (a damaged file?)

    See Also
    --------
    budget_row : checks every cell of a row with it.
    civicgrants.io.budget_xlsx.read_budget_xlsx : checks a sheet's texts with it.
    """
    bad = _CONTROL.search(text)
    if bad:
        raise ValueError(
            f"{column}: holds the character U+{ord(bad.group()):04X} at position "
            f"{bad.start() + 1}, a control character no budget cell holds (a damaged file?)"
        )


def _reason(exc: Exception) -> str:
    return exc.reason if isinstance(exc, ParseError) else str(exc)


def read_budget_csv(path: str | Path, **kwargs: object) -> Budget:
    r"""Read a budget CSV file; the budget's id defaults to the file's stem.

    Parameters
    ----------
    path : str or Path
        The file (UTF-8).
    **kwargs
        ``budget_id``, ``currency`` and ``form``, as for `loads_budget_csv()`.
        Without ``budget_id``, the file's stem with anything but ASCII
        letters, digits, ``.``, ``_`` and ``-`` dropped.

    Returns
    -------
    Budget
        The budget.

    Raises
    ------
    DocumentError
        The file cannot be read, or its structure is unreadable (as for
        `loads_budget_csv()`).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "mini grant №1.csv")
    ...     _ = path.write_text("code,item,quantity,unit_price\n1,Paint,4,2500\n", encoding="utf-8")
    ...     b = read_budget_csv(path)
    >>> print(b.id, b.total(), sep=": ")
    mini-grant-1: 10000.00 KZT

    See Also
    --------
    loads_budget_csv : the same from text.
    write_budget_csv : the inverse.
    """
    source = str(path)
    text = read_text(path)
    kwargs.setdefault("budget_id", _id_from_name(Path(path).stem))
    return loads_budget_csv(text, source=source, **kwargs)  # type: ignore[arg-type]


def _id_from_name(stem: str) -> str:
    """A budget id from a file name: ASCII letters, digits, '.', '_', '-' kept, the rest dropped."""
    ascii_ = re.sub(r"[^0-9A-Za-z._\-]+", "-", stem).strip("-._")
    return ascii_ or "budget"


def _money_text(value: Money | None, currency: str) -> str:
    if value is None:
        return ""
    text = format(value.amount, "f")
    return text if value.currency == currency else f"{text} {value.currency}"


def dumps_budget_csv(budget: Budget, *, delimiter: str = ",") -> str:
    r"""The budget as CSV text, in the column order it was read with.

    A budget not read from CSV gets the columns of `COLUMNS` that some
    row uses (``code``, ``parent``, ``item``, ``quantity``, ``unit_price``
    and ``declared_total`` always). Numbers are written in full, as exact
    decimals; an amount in another currency than the budget's names it;
    unreadable cells are written verbatim.

    Parameters
    ----------
    budget : Budget
        The budget.
    delimiter : str, optional
        The field delimiter, ``","`` by default.

    Returns
    -------
    str
        The CSV text; lines end with ``"\n"`` (``"\r\n"`` when a cell holds
        a carriage return, so it survives quoted).

    Examples
    --------
    >>> b = loads_budget_csv("code;item;quantity;unit_price\n1;Paint;4;2 500\n1b;Pens;abc;50\n")
    >>> print(dumps_budget_csv(b, delimiter=";"), end="")
    code;item;quantity;unit_price
    1;Paint;4;2500.00
    1b;Pens;abc;50.00

    See Also
    --------
    loads_budget_csv : the inverse.
    write_budget_csv : the same to a file.
    """
    layout = budget.layout or tuple(c for c in COLUMNS if _used(budget, c))
    buffer = _io.StringIO()
    # "\r\n" as the terminator makes the csv module quote any field holding a lone "\r".
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(layout)
    for row in budget.rows:
        bad = {c.column: c.text for c in row.invalid}
        values = {
            "code": row.code,
            "parent": row.parent or "",
            "item": row.item or "",
            "item_en": row.item_en or "",
            "unit": row.unit or "",
            "quantity": "" if row.quantity is None else format(row.quantity, "f"),
            "unit_price": _money_text(row.unit_price, budget.currency),
            "periods": "" if row.periods == 1 and "periods" not in bad else str(row.periods),
            "declared_total": _money_text(row.declared_total, budget.currency),
            "activity": row.activity or "",
            "derived": row.derived.value if row.derived else "",
            "note": row.note or "",
        }
        for source, column in ((s, s.value) for s in Source):
            values[column] = _money_text(row.funded(source), budget.currency)
        values.update(bad)
        writer.writerow([values[c] for c in layout])
    return (
        buffer.getvalue().replace("\r\n", "\n")
        if "\r" not in _cells_text(budget)
        else buffer.getvalue()
    )


def _cells_text(budget: Budget) -> str:
    return "".join(
        (r.item or "")
        + (r.item_en or "")
        + (r.unit or "")
        + (r.note or "")
        + (r.activity or "")
        + "".join(c.text for c in r.invalid)
        for r in budget.rows
    )


def _used(budget: Budget, column: str) -> bool:
    if column in ("code", "parent", "item", "quantity", "unit_price", "declared_total"):
        return True
    return any(dumps_cell(r, column) for r in budget.rows)


def dumps_cell(row: BudgetRow, column: str) -> bool:
    """Whether ``row`` has something to write in ``column``.

    Parameters
    ----------
    row : BudgetRow
        The row.
    column : str
        A column of `COLUMNS`.

    Returns
    -------
    bool
        True when the row holds a value or an unreadable cell for the column
        (``periods`` only when it is not 1).

    Examples
    --------
    >>> row = budget_row({"code": "1", "quantity": "2", "grant": "100"}, "KZT")
    >>> dumps_cell(row, "grant"), dumps_cell(row, "periods"), dumps_cell(row, "note")
    (True, False, False)

    See Also
    --------
    dumps_budget_csv : leaves out the columns no row uses.
    """
    if any(c.column == column for c in row.invalid):
        return True
    if column in _SOURCES:
        return row.funded(_SOURCES[column]) is not None
    value = getattr(row, column, None)
    return value not in (None, 1) if column == "periods" else value is not None


def write_budget_csv(budget: Budget, path: str | Path, *, delimiter: str = ",") -> Path:
    """Write `dumps_budget_csv()` to ``path`` (UTF-8).

    Parameters
    ----------
    budget : Budget
        The budget.
    path : str or Path
        The file to write; an existing file is replaced.
    delimiter : str, optional
        The field delimiter, ``","`` by default.

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile
    >>> from civicgrants.datasets import seed_001_budget
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_budget_csv(seed_001_budget(), Path(folder, "seed-001.csv"))
    ...     again = read_budget_csv(path, form=BudgetForm.STATE_SMETA)
    >>> path.name, again.id, again == seed_001_budget()  # the form is not in the CSV
    ('seed-001.csv', 'seed-001', True)

    See Also
    --------
    read_budget_csv : the inverse.
    civicgrants.io.budget_xlsx.write_budget_xlsx : the Annex 5 workbook.
    """
    target = Path(path)
    target.write_text(dumps_budget_csv(budget, delimiter=delimiter), encoding="utf-8")
    return target
