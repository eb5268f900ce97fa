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

The structure must be readable (a ``code`` column, unique codes, known parents);
otherwise :class:`~civicgrants.errors.DocumentError` lists every problem. A cell
that cannot be read (``abc``, a negative quantity) is kept verbatim on its row
and reported by the audit as ``invalid-value``: nothing is dropped or coerced.

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
    Budget,
    BudgetForm,
    BudgetRow,
    Derived,
    Funding,
    InvalidCell,
    Source,
)
from civicgrants.errors import DocumentError, ParseError, Problem
from civicgrants.io.csv_table import read_table
from civicgrants.io.files import read_text
from civicgrants.model.money import Money

__all__ = ["COLUMNS", "dumps_budget_csv", "loads_budget_csv", "read_budget_csv", "write_budget_csv"]

_SOURCES = {s.value: s for s in Source}
COLUMNS = (
    "code",
    "parent",
    "item",
    "item_en",
    "unit",
    "quantity",
    "unit_price",
    "periods",
    "declared_total",
    *_SOURCES,
    "activity",
    "derived",
    "note",
)
"""Every column the reader knows, in the order the writer uses for new budgets."""

_NUMBER = re.compile(r"[+-]?[0-9]+(?:[ .,'][0-9]+)*")
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2009\u2007"), " ")


def read_decimal(text: str) -> Decimal:
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
    """Read a budget from CSV text (see the module docs for the layout)."""
    header, table, twice = read_table(text, source=source, expected="a 'code' column")
    problems: list[Problem] = []
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        problems.append(
            Problem(
                "header",
                f"unknown column(s) {', '.join(map(repr, unknown))}; known: {', '.join(COLUMNS)}",
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
            problems.append(Problem(f"row {n} (code {record.get('code', '').strip()!r})", str(exc)))
    if problems:
        raise DocumentError(source, problems)
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
    return Problem(f"row {lines[i]} (code {rows[i].code!r}){match.group(2)}", message)


def budget_row(record: dict[str, str], currency: str) -> BudgetRow:
    cell = {k: v.strip() for k, v in record.items()}
    invalid: list[InvalidCell] = []

    def amount(column: str) -> Money | None:
        raw = cell.get(column, "")
        if not raw:
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
            if quantity < 0:
                invalid.append(InvalidCell("quantity", raw_q, f"must be >= 0, got {quantity}"))
                quantity = None
    periods = 1
    raw_p = cell.get("periods", "")
    if raw_p:
        try:
            value = read_decimal(raw_p)
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


def _reason(exc: Exception) -> str:
    return exc.reason if isinstance(exc, ParseError) else str(exc)


def read_budget_csv(path: str | Path, **kwargs: object) -> Budget:
    """Read a budget CSV file; the budget's id defaults to the file's stem."""
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
    """The budget as CSV text, in the column order it was read with."""
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
    if any(c.column == column for c in row.invalid):
        return True
    if column in _SOURCES:
        return row.funded(_SOURCES[column]) is not None
    value = getattr(row, column, None)
    return value not in (None, 1) if column == "periods" else value is not None


def write_budget_csv(budget: Budget, path: str | Path, *, delimiter: str = ",") -> Path:
    """Write :func:`dumps_budget_csv` to ``path`` (UTF-8)."""
    target = Path(path)
    target.write_text(dumps_budget_csv(budget, delimiter=delimiter), encoding="utf-8")
    return target
