"""Budgets as Excel workbooks in the Annex 5 layout («Смета расходов»).

Needs the optional ``xlsx`` extra (``pip install 'civicgrants[xlsx]'``, which
installs openpyxl); without it both functions raise
`MissingExtra`. openpyxl is imported only when one
of them is called.

Layout written by `write_budget_xlsx()` (one sheet, «Смета расходов»):

* row 1: the title;
* row 2: the Annex 5 column headers in Russian, row 3 the same in English;
* from row 4: one row per budget row, in the budget's order.

====== ============================================ ==========================
Column Header (row 2)                               Budget field
====== ============================================ ==========================
A      №                                            ``code`` (text)
B      Статьи расходов                              ``item``, indented by depth
C      Единица измерения                            ``unit``
D      Количество                                   ``quantity``
E      Стоимость, в тенге                           ``unit_price``
F      Всего, в тенге                               ``declared_total``
G      Заявитель (собственный вклад)                funding from ``own``
H      Другие источники софинансирования            the sum of every
                                                    ``cofinancing_*`` source
I      Средства гранта                              funding from ``grant``
J…V    (hidden, grouped: click «+» to show)         what the form has no
                                                    column for
====== ============================================ ==========================

The hidden block's English header row holds the budget CSV column names, so a
reader knows them by name: ``parent``, ``item_en``, ``periods``, ``activity``,
``derived``, ``note``, the five ``cofinancing_<kind>`` columns, ``invalid``
(the row's unreadable cells as JSON, with their reasons, so they come back
as they were) and ``funding_order`` (only when the row lists its sources in
another order than `Source`'s). Its title-row
cells hold the budget's ``id``, ``currency``, ``form``, ``title`` and
``layout``. Group rows are bold. With a currency other than tenge, the headers
say so (``Стоимость, EUR``).

Numbers
-------
Amounts, quantities and periods are numeric cells, so the sheet sums and
sorts. A spreadsheet number is a binary double; every decimal of **at most 15
significant digits** survives decimal → double → decimal unchanged (15 is
``DBL_DIG``: two such decimals never share a double), so within that range
the value read back is exactly the value written. openpyxl writes a
``Decimal`` through ``"%.16g" % float(value)``; the 16-digit text may differ
from the decimal in its last place (``64.06849912461669`` for
``64.0684991246167``), but it parses back to the very same double. The writer
therefore puts whole amounts as ``int`` and others as ``Decimal`` (never a
float computed by this module) and **refuses** any number with more than 15
significant digits (or beyond a double's range) with a
`DocumentError` naming each row and column: a
spreadsheet cannot hold it exactly. An amount in another currency than the
budget's is written as text (``458000.00 EUR``), as the CSV writer does.

The reader turns a numeric cell into text with ``str()`` of its value (an
``int`` as is; a float through ``Decimal(repr(value))``, never
``Decimal(float)``). ``repr`` of a double is the shortest decimal that maps
back to it, which for a double that came from a decimal of at most 15
significant digits *is* that decimal: ``0.1`` is read as ``Decimal("0.1")``,
not as ``0.1000000000000000055511151231257827``. A value that only a formula
made (``=0,1+0,2``) keeps its double's digits (``0.30000000000000004``), and
the audit then shows the gap honestly. The text is then read exactly like a
CSV cell (`civicgrants.io.budget_csv`), so text numbers (``1 260 000``,
``140 000,50``, ``458 000 EUR``) work too, and a cell that cannot be read (``abc``,
a negative quantity, a date, ``TRUE``, ``#DIV/0!``) is kept verbatim as an
`InvalidCell` with the CSV reader's reason, and
reported by `civicgrants.budget.audit()` as ``invalid-value``. A formula
is read as the value the spreadsheet program stored with it; a formula saved
without one (by a program that does not calculate) is an unreadable cell too.

Texts
-----
Texts (item, unit, note …) are kept verbatim, spaces included; a blank cell
is empty. They are written as inline strings, never as formulas (an item may
start with ``=``). An xlsx file cannot hold control characters other than tab
and newline, nor a carriage return (XML turns it into a newline): the writer
refuses such texts (a located problem each) instead of changing them. Text
that looks like the format's own escapes (``_x000D_``) is written and read
back as it is, though Excel would display it as the escaped character.

Round trip
----------
``read_budget_xlsx(write_budget_xlsx(b, path)) == b`` for every budget the
writer accepts. Quantities compare equal but may lose trailing zeros
(``Decimal("1.50")`` comes back as ``Decimal("1.5")``); amounts are
canonical `Money` anyway.

Reading other sheets
--------------------
`read_budget_xlsx()` also reads a sheet typed by hand in the Annex layout:
the header row is the first of the first 30 rows with a «№» and a «Статьи
расходов» column (or ``code`` and ``item``), recognised by their words in
Russian or English, in any order and possibly over two rows (a merged
«Источники финансирования» above its three sources); a row of column numbers
(1, 2, 3 …) under it is skipped. Without the hidden block:

* a row's parent comes from its code: the longest prefix that ends before a
  ``.``, ``-`` or ``_`` (or before a letter that follows a digit, as in
  ``1.1a``) and is the code of a group row: ``1.1.a`` → ``1.1``, ``3.5.t.a`` →
  ``3.5.t``;
* column H goes to ``cofinancing_other``;
* a row without a number whose item is «Итого»/«Всего» (or Total) is the
  grand total, code ``TOTAL``;
* the table ends at a footnote row (its first cell starts with ``*``); blank
  rows are skipped.

The structure must be readable: a header with a code column and no unknown or
repeated columns, a code on every row, unique codes, known parents. Otherwise
`DocumentError` lists every problem with its sheet
row, e.g. ``row 7 (code '3.5.a').parent: unknown code '3.9'``. When the
hidden co-financing columns are present, column H must show what they add up
to (an edited H is reported, not silently ignored).

Limits
------
Nothing is read without bound (`civicgrants.model.limits`), and each limit
is checked before the work it guards: the file must be a regular file of at most
``file_bytes``; the zip's end record must declare at most ``files`` entries (read
before `zipfile` builds one object per entry); the parts' declared sizes
must add up to at most ``expanded_bytes``, and so must the bytes that really come
out, counted as each part is inflated (a declared size may lie: `zipfile`
then stops at it and fails the part's CRC); the sheet's ``<dimension>`` must
declare at most ``xlsx_cells`` cells, before a row is read; and as rows come, the
rectangle up to the highest cell reference met must stay within ``xlsx_cells``
and the cells that hold something within ``cells``. Rows are kept sparse, so a
cell in column XFD costs one entry. Whatever openpyxl meets in a damaged part is a
`DocumentError` naming the sheet and the row after
which it happened; openpyxl's warnings are not printed.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from civicgrants.datasets import seed_001_budget
>>> budget = seed_001_budget()
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = write_budget_xlsx(budget, Path(tmp) / "seed-001.xlsx")
...     again = read_budget_xlsx(path)
>>> again == budget
True
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json
import math
import re
import warnings
import zipfile
from collections.abc import Sequence
from decimal import Decimal, localcontext
from itertools import compress
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs

from civicgrants.budget.model import TOTAL, Budget, BudgetForm, BudgetRow, InvalidCell, Source
from civicgrants.errors import DocumentError, MissingExtra, Problem, cell_problem
from civicgrants.io.budget_csv import COLUMNS, budget_row, check_cell
from civicgrants.io.files import read_bytes
from civicgrants.model.limits import get_limits
from civicgrants.model.money import Money
from civicgrants.model.numbers import EXACT

__all__ = ["MAX_DIGITS", "SHEET", "read_budget_xlsx", "write_budget_xlsx"]

SHEET = "Смета расходов"
"""The name of the sheet the writer makes and the reader looks for first."""
MAX_DIGITS = 15
"""Significant digits a spreadsheet number holds exactly (a double's ``DBL_DIG``)."""
_MARK = "civicgrants budget-xlsx 1"
"""The first title-row cell of the hidden block: the format and its version."""
_HEADER_SCAN = 30
_MAX_TEXT = 32_767  # characters in one cell, Excel's limit
_COFINANCING = "cofinancing"  # the Annex's single co-financing column (H)
_INVALID = "invalid"
_ORDER = "funding_order"
_GROUP_HEADER = ""  # a recognised header with no column of its own («Источники финансирования»)

_SOURCES = tuple(s for s in Source if s.is_cofinancing)
_HIDDEN: tuple[tuple[str, str], ...] = (
    ("parent", "Родительская строка (код)"),
    ("item_en", "Статья расходов (англ.)"),
    ("periods", "Периоды (множитель)"),
    ("activity", "Мероприятие календарного плана"),
    ("derived", "Производная строка (зарплата, налоги)"),
    ("note", "Примечание"),
    ("cofinancing_akimat", "Софинансирование: акимат"),
    ("cofinancing_business", "Софинансирование: бизнес"),
    ("cofinancing_residents_cash", "Софинансирование: жители, деньги"),
    ("cofinancing_residents_inkind", "Софинансирование: жители, натурой"),
    ("cofinancing_other", "Софинансирование: другие"),
    (_INVALID, "Нечитаемые ячейки (JSON: столбец, текст, причина, показан)"),
    (_ORDER, "Порядок источников (если не обычный)"),
)
_TEXT_FIELDS = ("item", "item_en", "unit", "activity", "note")
_FUNDING = frozenset(s.value for s in Source)
_CELLS = frozenset({"quantity", "unit_price", "declared_total", "periods", "derived"} | _FUNDING)
"""Columns whose cell can show an unreadable text."""
_MACHINE = frozenset(COLUMNS) | {_INVALID, _ORDER}
_CANONICAL = tuple(Source)
_TOTAL_WORDS = frozenset(
    {"итого", "всего", "итого по смете", "всего по смете", "total", "grand total"}
)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_CUT = re.compile(r"(?<=[^._\-])(?=[._\-])|(?<=[0-9])(?=[A-Za-z])")


def _openpyxl(module: str = "openpyxl") -> ModuleType:
    """Import openpyxl (or one of its modules) only now; without it, say which extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtra("xlsx budgets", "xlsx") from exc


# -- writing -------------------------------------------------------------------


def _visible(currency: str) -> tuple[tuple[str, str, str], ...]:
    """``(column key, Russian header, English header)`` of the Annex 5 columns A–I."""
    ru_cur = "в тенге" if currency == "KZT" else currency
    return (
        ("code", "№", "No."),
        ("item", "Статьи расходов", "Expense item"),
        ("unit", "Единица измерения", "Unit"),
        ("quantity", "Количество", "Quantity"),
        ("unit_price", f"Стоимость, {ru_cur}", f"Unit price, {currency}"),
        ("declared_total", f"Всего, {ru_cur}", f"Total, {currency}"),
        ("own", "Заявитель (собственный вклад)", "Applicant (own contribution)"),
        (_COFINANCING, "Другие источники софинансирования", "Other co-financing sources"),
        ("grant", "Средства гранта", "Grant funds"),
    )


def _significant(value: Decimal) -> int:
    digits = value.as_tuple().digits
    return len("".join(map(str, digits)).strip("0"))


def _number_problem(value: Decimal) -> str | None:
    """Why ``value`` cannot be a spreadsheet number exactly, or ``None``."""
    if not value.is_finite():
        return f"{value} is not a finite number"
    if value and not -307 <= value.adjusted() <= 307:
        return f"{value:.3E} is beyond the range of a spreadsheet number"
    digits = _significant(value)
    if digits > MAX_DIGITS:
        return (
            f"{value:f} has {digits} significant digits; a spreadsheet number holds at most "
            f"{MAX_DIGITS} exactly (round it, or keep this budget in CSV)"
        )
    return None


def _text_problem(value: str) -> str | None:
    """Why ``value`` cannot be kept verbatim in an xlsx cell, or ``None``."""
    bad = _ILLEGAL.search(value)
    if bad:
        return f"contains the character U+{ord(bad.group()):04X}, which an xlsx file cannot hold"
    if "\r" in value:
        return "contains a carriage return (\\r), which an xlsx file turns into \\n; use \\n"
    if len(value) > _MAX_TEXT:
        return f"has {len(value)} characters; a cell holds at most {_MAX_TEXT}"
    return None


def _money_text(value: Money, currency: str) -> str | Decimal:
    """A budget-currency amount as a number; another currency as text (``458000.00 EUR``)."""
    if value.currency == currency:
        return value.amount
    return f"{value.amount:f} {value.currency}"


def _first_invalid(row: BudgetRow) -> dict[str, InvalidCell]:
    first: dict[str, InvalidCell] = {}
    for cell in row.invalid:
        first.setdefault(cell.column, cell)
    return first


def _cofinancing_display(row: BudgetRow, currency: str) -> Decimal | str | None:
    """What column H shows: the co-financing sources' sum, or their texts joined by ``+``."""
    bad = _first_invalid(row)
    parts: list[Money | str] = []
    for source in _SOURCES:
        amount = row.funded(source)
        if amount is not None:
            parts.append(amount)
        elif source.value in bad:
            parts.append(bad[source.value].text)
    if not parts:
        return None
    amounts = [p for p in parts if isinstance(p, Money) and p.currency == currency]
    if len(amounts) == len(parts):
        with localcontext(EXACT):
            total = sum((m.amount for m in amounts), Decimal(0))
        if _number_problem(total) is None:
            return total
    shown = [
        p
        if isinstance(p, str)
        else (f"{p.amount:f}" + ("" if p.currency == currency else f" {p.currency}"))
        for p in parts
    ]
    return " + ".join(shown)


def _shown(row: BudgetRow) -> list[bool]:
    """For each of the row's unreadable cells, whether its text is written in its column's cell.

    The first unreadable cell of a column that has a cell of its own is, unless the
    row also holds a value for that column; every other one lives only in the
    ``invalid`` record (as do all of them, with their reasons).
    """
    seen: set[str] = set()
    flags: list[bool] = []
    for cell in row.invalid:
        column = cell.column
        flags.append(column in _CELLS and column not in seen and _value_of(row, column) is None)
        seen.add(column)
    return flags


def _value_of(row: BudgetRow, column: str) -> object:
    if column == "periods":
        return None if row.periods == 1 else row.periods
    if column in _FUNDING:
        return row.funded(Source(column))
    return getattr(row, column)


def _depths(budget: Budget) -> dict[str, int]:
    parents = {r.code: r.parent for r in budget.rows}
    depth: dict[str, int] = {}
    for code in parents:
        chain: list[str] = []
        node: str | None = code
        while node is not None and node not in depth:
            chain.append(node)
            node = parents[node]
        base = -1 if node is None else depth[node]
        for c in reversed(chain):
            base += 1
            depth[c] = base
    return depth


class _Sheet:
    """Writes cells, collecting every problem instead of stopping at the first."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.problems: list[Problem] = []

    def put(self, row: int, col: int, value: object, where: str, what: str) -> Any:
        cell = self.ws.cell(row=row, column=col)
        if value is None:
            return cell
        if isinstance(value, str):
            why = _text_problem(value)
            if why:
                self.problems.append(Problem(where, f"{what}: {why}"))
                return cell
            cell.value = value
            cell.data_type = "s"  # never a formula, whatever the text starts with
            return cell
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        why = _number_problem(number)
        if why:
            self.problems.append(Problem(where, f"{what}: {why}"))
            return cell
        integral = number == number.to_integral_value()
        cell.value = int(number) if integral else number
        return cell


def write_budget_xlsx(budget: Budget, path: str | Path) -> Path:
    """Write ``budget`` as an Annex 5 «Смета расходов» workbook at ``path``.

    See the module documentation for the layout and the number rule. Nothing is
    written when some value cannot be kept exactly: the
    `DocumentError` then lists every such cell.

    Parameters
    ----------
    budget : Budget
        The budget.
    path : str or Path
        The ``.xlsx`` file to write; an existing file is replaced.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    MissingExtra
        Without openpyxl (``pip install 'civicgrants[xlsx]'``).
    DocumentError
        A number with more than 15 significant digits, or a text an xlsx cell
        cannot hold; each problem names the sheet row, the code and the column.
        Also when the file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> from civicgrants.budget import Budget, BudgetRow
    >>> b = Budget("b", rows=(BudgetRow("1", quantity=Decimal(3), unit_price=Money("0.1234567890123456")),))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     try:
    ...         write_budget_xlsx(b, Path(folder, "b.xlsx"))
    ...     except DocumentError as exc:
    ...         print(exc.problems[0])
    ...     written = Path(folder, "b.xlsx").exists()
    row 4 (code '1'): unit_price: 0.1234567890123456 has 16 significant digits; a spreadsheet number holds at most 15 exactly (round it, or keep this budget in CSV)
    >>> written
    False

    See Also
    --------
    read_budget_xlsx : the inverse (the module's example round-trips seed 001).
    civicgrants.io.budget_csv.write_budget_csv : the CSV layout.
    """
    openpyxl = _openpyxl()
    styles = _openpyxl("openpyxl.styles")
    utils = _openpyxl("openpyxl.utils")
    target = Path(path)
    cur = budget.currency
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    out = _Sheet(ws)
    visible = _visible(cur)
    first_hidden = len(visible) + 1
    bold = styles.Font(bold=True)

    title = "Смета расходов" + (f": {budget.title}" if budget.title else "")
    out.put(1, 1, title, "title", "title").font = styles.Font(bold=True, size=13)
    meta: list[str | None] = [_MARK, "id", budget.id, "currency", cur]
    meta += ["form", budget.form.value if budget.form else None, "title", budget.title]
    meta += ["layout", json.dumps(list(budget.layout), ensure_ascii=False)]
    for i, value in enumerate(meta):
        out.put(1, first_hidden + i, value, "title row", "budget metadata")
    headers = [(ru, en) for _, ru, en in visible] + [(ru, key) for key, ru in _HIDDEN]
    wrap = styles.Alignment(wrap_text=True, vertical="center", horizontal="center")
    for col, (ru, en) in enumerate(headers, start=1):
        for r, text in ((2, ru), (3, en)):
            cell = out.put(r, col, text, "header", "header")
            cell.font = bold
            cell.alignment = wrap

    depth = _depths(budget)
    amount_format = "#,##0.00"
    indents: dict[int, Any] = {}
    hidden_col = {key: first_hidden + i for i, (key, _) in enumerate(_HIDDEN)}
    for offset, row in enumerate(budget.rows):
        r = 4 + offset
        where = f"row {r} (code {row.code!r})"
        flags = _shown(row)
        shown = {c.column: c.text for c, flag in zip(row.invalid, flags, strict=True) if flag}
        values: dict[str, object] = {
            "code": row.code,
            "item": row.item,
            "unit": row.unit,
            "quantity": row.quantity,
            "unit_price": None if row.unit_price is None else _money_text(row.unit_price, cur),
            "declared_total": (
                None if row.declared_total is None else _money_text(row.declared_total, cur)
            ),
            _COFINANCING: _cofinancing_display(row, cur),
            "parent": row.parent,
            "item_en": row.item_en,
            "periods": None if row.periods == 1 else row.periods,
            "activity": row.activity,
            "derived": row.derived.value if row.derived else None,
            "note": row.note,
        }
        for f in row.funding:
            values[f.source.value] = _money_text(f.amount, cur)
        order = [f.source for f in row.funding]
        if order != sorted(order, key=_CANONICAL.index):
            values[_ORDER] = ",".join(s.value for s in order)
        values.update(shown)
        if row.invalid:
            record = [
                [c.column, c.text, c.reason, flag]
                for c, flag in zip(row.invalid, flags, strict=True)
            ]
            values[_INVALID] = json.dumps(record, ensure_ascii=False)
        for col, (key, _, _) in enumerate(visible, start=1):
            cell = out.put(r, col, values.get(key), where, key)
            if key in ("unit_price", "declared_total", "own", _COFINANCING, "grant"):
                cell.number_format = amount_format
            if not row.is_line:
                cell.font = bold
        level = min(depth[row.code], 15)
        if level:
            if level not in indents:
                indents[level] = styles.Alignment(indent=level, wrap_text=True)
            ws.cell(row=r, column=2).alignment = indents[level]
        for key, col in hidden_col.items():
            cell = out.put(r, col, values.get(key), where, key)
            if key.startswith("cofinancing_"):
                cell.number_format = amount_format
    if out.problems:
        raise DocumentError(str(target), out.problems)

    widths = (10, 60, 14, 12, 16, 18, 18, 18, 18)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[utils.get_column_letter(col)].width = width
    last_hidden = first_hidden + max(len(_HIDDEN), len(meta)) - 1
    ws.column_dimensions.group(
        utils.get_column_letter(first_hidden),
        utils.get_column_letter(last_hidden),
        hidden=True,
        outline_level=1,
    )
    ws.freeze_panes = "C4"
    try:
        wb.save(target)
    except OSError as exc:
        raise DocumentError(
            str(target), [Problem("", f"cannot write: {exc.strerror or exc}")]
        ) from None
    return target


# -- reading -------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.replace("ё", "е").replace("\u00a0", " ").lower().split())


def _role(value: object) -> str | None:
    """The column a header text names; ``""`` for a group header; ``None`` if unknown."""
    if not isinstance(value, str):
        return None
    raw = value.strip()
    if raw in _MACHINE:
        return raw
    t = _norm(raw).rstrip("*").strip()
    if t in ("№", "no", "no.", "n", "nr", "#", "код", "code") or t.startswith("№"):
        return "code"
    rules: tuple[tuple[str, tuple[str, ...]], ...] = (
        (_COFINANCING, ("софинансир", "co-financ", "cofinanc")),
        ("own", ("собственн", "заявител", "own contribution", "applicant")),
        ("grant", ("грант", "grant")),
        ("unit_price", ("стоимость", "цена", "price", "unit cost")),
        ("declared_total", ("всего", "итого", "сумма", "total", "amount")),
        ("quantity", ("количеств", "кол-во", "quantity", "qty")),
        ("unit", ("единиц", "ед. изм", "ед.изм", "unit")),
        ("item", ("стать", "наименование", "expense", "item")),
        ("note", ("примечан", "комментар", "note", "comment")),
        (_GROUP_HEADER, ("источники финансирования", "funding source", "sources of funding")),
    )
    for role, words in rules:
        if any(w in t for w in words):
            return role
    return None


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _numbering(row: Sequence[object]) -> bool:
    """A row of column numbers (1, 2, 3 …) under the header."""
    found = [v for v in row if not _blank(v)]
    if len(found) < 2:
        return False
    try:
        numbers = [int(str(v).strip()) for v in found]
    except ValueError:
        return False
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _header_like(row: Sequence[object]) -> bool:
    found = [v for v in row if not _blank(v)]
    return bool(found) and (all(_role(v) is not None for v in found) or _numbering(row))


class _Formula:
    """A formula cell saved without its value."""

    def __init__(self, text: str) -> None:
        self.text = text


def _text(value: object) -> str:
    """A cell's value as the text the CSV reader would see; numbers exactly."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return repr(value)
        return format(Decimal(repr(value)), "f")  # the shortest decimal, never Decimal(float)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, _Formula):
        return value.text
    return str(value)


_FORMULA_REASON = (
    "a formula saved without its value (the file was written by a program that does "
    "not calculate); open and save it in a spreadsheet program, or type the number"
)


def _letter(col: int) -> str:
    name = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        name = chr(65 + rest) + name
    return name


def _load(path: str | Path, sheet: str | None, source: str) -> tuple[str, list[list[object]]]:
    """The chosen sheet's cell values, row by row (formulas as their stored values).

    Every limit is checked before the work it bounds: the file's size as it is
    read, the zip's directory and its declared and actual expanded size before
    openpyxl sees a byte, the sheet's declared dimensions before a row is read,
    and the highest cell reference and the cell count as the rows come.
    """
    openpyxl = _openpyxl()
    data = read_bytes(path)  # a regular file, at most the file_bytes limit
    _check_zip(data, source)
    title, cells = _grid(openpyxl, data, sheet, source, data_only=False)
    grid: list[list[object]] = [[None] * (max(row) + 1 if row else 0) for row in cells]
    formulas: list[tuple[int, int]] = []
    for r, row in enumerate(cells):
        for c, value in row.items():
            grid[r][c] = value
            if isinstance(value, str) and value.startswith("="):
                formulas.append((r, c))  # or a text that starts with "=": the stored value tells
    if formulas:
        _, stored = _grid(openpyxl, data, sheet, source, data_only=True)
        for r, c in formulas:
            value = stored[r].get(c) if r < len(stored) else None
            grid[r][c] = _Formula(str(grid[r][c])) if value is None else value
    return title, grid


_NO_CELLS: dict[int, object] = {}
"""The cells of every empty row (shared, never changed)."""


def _limit(name: str) -> str:
    return f"the {name} limit; raise it with --limit {name}=N or use_limits({name}=N)"


def _zip_directory(data: bytes) -> tuple[int, int] | None:
    """The entry count and the central directory's size a zip's end record declares, if found.

    Read before `zipfile` builds an object per entry, so a directory of
    millions of entries is refused without being parsed.
    """
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if at < 0 or len(data) < at + 22:
        return None
    count = int.from_bytes(data[at + 10 : at + 12], "little")
    size = int.from_bytes(data[at + 12 : at + 16], "little")
    locator = at - 20
    if locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":  # ZIP64
        offset = int.from_bytes(data[locator + 8 : locator + 16], "little")
        if data[offset : offset + 4] == b"PK\x06\x06":
            count = max(count, int.from_bytes(data[offset + 32 : offset + 40], "little"))
            size = max(size, int.from_bytes(data[offset + 40 : offset + 48], "little"))
    return count, size


def _check_zip(data: bytes, source: str) -> None:
    """Refuse a zip whose directory or expanded size is beyond the limits, before loading it."""
    limits = get_limits()
    directory = _zip_directory(data)
    if directory is None:
        raise DocumentError(source, [Problem("", "not an xlsx workbook (not a zip file)")])
    count, size = directory
    if count > limits.files or size // 46 > limits.files:  # an entry takes 46 bytes at least
        what = (
            f"declares {count} entries"
            if count > limits.files
            else f"has a directory of {size} bytes, room for {size // 46} entries"
        )
        raise DocumentError(
            source,
            [Problem("", f"the zip {what}, more than {limits.files} ({_limit('files')})")],
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            declared = sum(p.file_size for p in parts)
            if declared > limits.expanded_bytes:
                raise DocumentError(
                    source,
                    [
                        Problem(
                            "",
                            f"expands to {declared} bytes, more than {limits.expanded_bytes} "
                            f"({_limit('expanded_bytes')})",
                        )
                    ],
                )
            inflated = 0
            for part in parts:  # the declared sizes may lie: count what really comes out
                with archive.open(part) as stream:
                    while chunk := stream.read(1 << 20):
                        inflated += len(chunk)
                        if inflated > limits.expanded_bytes:
                            raise DocumentError(
                                source,
                                [
                                    Problem(
                                        part.filename,
                                        f"expands past {limits.expanded_bytes} bytes "
                                        f"({_limit('expanded_bytes')})",
                                    )
                                ],
                            )
    except DocumentError:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # zipfile, zlib, lzma, bz2 and struct all have their own errors
        raise DocumentError(
            source, [Problem("", f"not an xlsx workbook (damaged zip: {_why(exc)})")]
        ) from None


def _why(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def _grid(
    openpyxl: ModuleType, data: bytes, sheet: str | None, source: str, *, data_only: bool
) -> tuple[str, list[dict[int, object]]]:
    """One pass over the sheet: its title and, per row, the cells that hold something.

    Rows are kept sparse (column → value), so a cell in column XFD costs one
    entry, not 16 384. Without ``data_only``, a formula is its text (``=A1+1``).
    """
    limits = get_limits()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's notes on unsupported extensions
        try:
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
        except MemoryError:
            raise
        except Exception as exc:
            raise DocumentError(
                source, [Problem("", f"not an xlsx workbook ({_why(exc)})")]
            ) from None
        rows: list[dict[int, object]] = []
        where = "the workbook"
        try:
            names = list(wb.sheetnames)
            if sheet is not None:
                if sheet not in names:
                    raise DocumentError(
                        source,
                        [
                            Problem(
                                "",
                                f"no sheet {sheet!r}; the workbook has {', '.join(map(repr, names))}",
                            )
                        ],
                    )
                ws = wb[sheet]
            elif SHEET in names:
                ws = wb[SHEET]
            else:
                ws = wb.active
            if ws is None or not hasattr(ws, "iter_rows"):
                title = "?" if ws is None else str(ws.title)
                raise DocumentError(source, [Problem("", f"sheet {title!r} is not a worksheet")])
            title = str(ws.title)
            where = f"sheet {title!r}"
            declared_rows, declared_cols = ws.max_row, ws.max_column  # its <dimension>, if any
            if isinstance(declared_rows, int) and isinstance(declared_cols, int):
                area = declared_rows * declared_cols
                if area > limits.xlsx_cells:
                    raise DocumentError(
                        source,
                        [
                            Problem(
                                where,
                                f"declares {area} cells (A1:{_letter(declared_cols - 1)}"
                                f"{declared_rows}), more than {limits.xlsx_cells} "
                                f"({_limit('xlsx_cells')})",
                            )
                        ],
                    )
            ws.reset_dimensions()  # a wrong <dimension> must not cut the table either
            widest = filled = 0
            for cells in ws.iter_rows(values_only=True):
                if len(cells) > widest:
                    widest = len(cells)
                if (len(rows) + 1) * widest > limits.xlsx_cells:
                    raise DocumentError(
                        source,
                        [
                            Problem(
                                f"{where}, row {len(rows) + 1}",
                                f"its cells reach {_letter(widest - 1)}{len(rows) + 1}: a table "
                                f"of more than {limits.xlsx_cells} cells "
                                f"({_limit('xlsx_cells')})",
                            )
                        ],
                    )
                if not cells:
                    rows.append(_NO_CELLS)
                    continue
                # The truthy cells at C speed; the slow way only for a row holding a 0 or a "".
                kept = list(compress(range(len(cells)), cells))
                if len(kept) != len(cells) - cells.count(None):
                    kept = [c for c, value in enumerate(cells) if value is not None]
                row = {c: cells[c] for c in kept}
                filled += len(row)
                if filled > limits.cells:
                    raise DocumentError(
                        source,
                        [
                            Problem(
                                f"{where}, row {len(rows) + 1}",
                                f"more than {limits.cells} cells ({_limit('cells')})",
                            )
                        ],
                    )
                rows.append(row)
            while rows and not rows[-1]:
                rows.pop()
            return title, rows
        except DocumentError:
            raise
        except MemoryError:
            raise
        except Exception as exc:  # openpyxl meets a cell or a part it cannot read
            place = f"{where}, after row {len(rows)}" if rows else where
            raise DocumentError(source, [Problem(place, f"cannot be read ({_why(exc)})")]) from None
        finally:
            wb.close()


def _meta(rows: Sequence[Sequence[object]]) -> dict[str, object]:
    for row in rows:
        for i, value in enumerate(row):
            if value == _MARK:
                pairs = list(row[i + 1 :])
                return {
                    str(pairs[k]): pairs[k + 1] if k + 1 < len(pairs) else None
                    for k in range(0, len(pairs), 2)
                    if isinstance(pairs[k], str) and pairs[k]
                }
    return {}


def _located(n: int, code: str) -> str:
    return f"row {n} (code {code!r})"


def _parent_from_code(code: str, groups: set[str]) -> str | None:
    cuts = sorted({m.start() for m in _CUT.finditer(code)}, reverse=True)
    for cut in cuts:
        prefix = code[:cut]
        if prefix in groups:
            return prefix
    return None


def _same_display(expected: Decimal | str | None, found: object, currency: str) -> bool:
    if expected is None:
        return _blank(found)
    if isinstance(expected, str):
        return found == expected
    if isinstance(found, (int, float, Decimal)) and not isinstance(found, bool):
        return Decimal(_text(found)) == expected
    if isinstance(found, str):
        try:
            value = Money.parse_exact(found, default_currency=currency)
        except ValueError:
            return False
        return value.currency == currency and value.amount == expected
    return False


def _invalid_record(value: object) -> list[tuple[InvalidCell, bool]]:
    if _blank(value):
        return []
    data = json.loads(str(value))
    if not isinstance(data, list):
        raise ValueError("expected a list")
    out: list[tuple[InvalidCell, bool]] = []
    for item in data:
        if not (isinstance(item, list) and len(item) == 4 and isinstance(item[3], bool)):
            raise ValueError("expected [column, text, reason, shown] entries")
        out.append((InvalidCell(item[0], item[1], item[2]), item[3]))
    return out


def read_budget_xlsx(
    path: str | Path,
    *,
    sheet: str | None = None,
    currency: str | None = None,
    budget_id: str | None = None,
    form: BudgetForm | None = None,
) -> Budget:
    """Read a budget from an Annex 5 workbook (see the module documentation).

    Parameters
    ----------
    path : str or Path
        The ``.xlsx`` file.
    sheet : str or None, optional
        The sheet to read; by default «Смета расходов» if the workbook has it,
        else the active sheet.
    currency : str or None, optional
        The currency of the amounts. A sheet written by `write_budget_xlsx()`
        names its own (giving another one is an error); other sheets default to
        ``"KZT"``.
    budget_id, form : str or None, BudgetForm or None, optional
        Override the id and form the sheet records (the id defaults to the
        file's stem, as for CSV).

    Returns
    -------
    Budget
        The budget, unreadable cells kept in each row's ``invalid``; for a
        sheet `write_budget_xlsx()` wrote, equal to the budget written.

    Raises
    ------
    MissingExtra
        Without openpyxl (``pip install 'civicgrants[xlsx]'``).
    DocumentError
        The file is not a regular file or not a workbook, it is beyond a limit
        (``file_bytes``, ``files``, ``expanded_bytes``, ``xlsx_cells``, ``cells``,
        ``depth``; see the module documentation), a part cannot be read, or the
        sheet's structure is unreadable; every problem is listed with its sheet
        row, like ``row 7 (code '3.5.a').parent: unknown code '3.9' …``.

    Examples
    --------
    >>> import tempfile
    >>> from civicgrants.budget import Budget, BudgetRow
    >>> b = Budget("b", rows=(BudgetRow("1", item="Paint", quantity=Decimal("1.50"), unit_price=Money(2_500)),))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     again = read_budget_xlsx(write_budget_xlsx(b, Path(folder, "mini.xlsx")))
    >>> again == b, again.rows[0].quantity
    (True, Decimal('1.5'))
    >>> print(again.total())
    3750.00 KZT

    See Also
    --------
    write_budget_xlsx : the inverse.
    civicgrants.io.budget_csv.read_budget_csv : the CSV layout.
    civicgrants.budget.audit : reports the unreadable cells.
    """
    source = str(path)
    _, grid = _load(path, sheet, source)
    return _parse(grid, source, Path(path).stem, currency, budget_id, form)


def _parse(
    grid: list[list[object]],
    source: str,
    stem: str,
    currency: str | None,
    budget_id: str | None,
    form: BudgetForm | None,
) -> Budget:
    width = max((len(r) for r in grid), default=0)
    for r in grid:
        r.extend([None] * (width - len(r)))
    head = next(
        (
            i
            for i, r in enumerate(grid[:_HEADER_SCAN])
            if _MARK not in r and {"code", "item"} <= {_role(v) for v in r}
        ),
        None,
    )
    if head is None:
        raise DocumentError(
            source,
            [
                Problem(
                    "header",
                    f"no header row with '№' and 'Статьи расходов' (or 'code' and 'item') "
                    f"in the first {_HEADER_SCAN} rows",
                )
            ],
        )
    marked = any(_MARK in r for r in grid[:head])
    end = head + 1
    if marked:  # this module's layout: exactly two header rows
        end = min(head + 2, len(grid))
    else:
        while end < len(grid) and _header_like(grid[end]):
            end += 1
    problems: list[Problem] = []
    roles: dict[int, str] = {}
    header_rows = [grid[r] for r in range(head, end) if not _numbering(grid[r])]
    for col in range(width):
        texts = [row[col] for row in header_rows if not _blank(row[col])]
        found = [_role(t) for t in texts]
        named = [f for f in found if f]
        if named:
            roles[col] = named[-1]
        elif None in found:
            unknown = next(t for t, f in zip(texts, found, strict=True) if f is None)
            problems.append(
                Problem(
                    "header",
                    f"column {_letter(col)}: unknown header {str(unknown).strip()!r}; known: "
                    "№, Статьи расходов, Единица измерения, Количество, Стоимость, Всего, "
                    "Заявитель (собственный вклад), Другие источники софинансирования, "
                    f"Средства гранта, or a column of the budget CSV ({', '.join(COLUMNS)})",
                )
            )
    by_role: dict[str, list[int]] = {}
    for col, role in roles.items():
        by_role.setdefault(role, []).append(col)
    for role, cols in sorted(by_role.items()):
        if len(cols) > 1:
            problems.append(
                Problem(
                    "header",
                    f"columns {', '.join(map(_letter, cols))} are all read as {role!r}",
                )
            )
    if problems:
        raise DocumentError(source, problems)
    col_of = {role: col for col, role in roles.items()}

    meta = _meta(grid[:head])
    cur = currency or "KZT"
    if "currency" in meta:
        named_cur = str(meta["currency"])
        if currency is not None and currency != named_cur:
            raise DocumentError(
                source,
                [Problem("currency", f"the sheet's amounts are in {named_cur}, not {currency}")],
            )
        cur = named_cur
    has_parent = "parent" in col_of
    split = any(s.value in col_of for s in _SOURCES)

    rows: list[BudgetRow] = []
    sheet_rows: list[int] = []
    for index in range(end, len(grid)):
        n = index + 1
        values = grid[index]
        filled = [v for v in values if not _blank(v)]
        if not filled:
            continue
        if isinstance(filled[0], str) and filled[0].lstrip().startswith("*"):
            break  # the form's footnote
        stray = [c for c, v in enumerate(values) if not _blank(v) and c not in roles]
        code_text = _text(values[col_of["code"]]).strip()
        if not code_text and "item" in col_of:
            item = values[col_of["item"]]
            if isinstance(item, str) and _norm(item).rstrip(":") in _TOTAL_WORDS:
                code_text = TOTAL
        where = _located(n, code_text)
        if stray:
            problems.append(
                Problem(
                    where,
                    f"column(s) {', '.join(map(_letter, stray))} hold values but have no header",
                )
            )
            continue
        try:
            row = _read_row(values, col_of, code_text, cur, split)
        except (ValueError, TypeError) as exc:
            cells = {name: _text(values[c]) for name, c in col_of.items() if c < len(values)}
            problems.append(cell_problem(where, n, str(exc), cells))
            continue
        rows.append(row)
        sheet_rows.append(n)
    if problems:
        raise DocumentError(source, problems)

    if not has_parent:
        groups = {r.code for r in rows if not r.is_line}
        rows = [
            r if r.code == TOTAL else attrs.evolve(r, parent=_parent_from_code(r.code, groups))
            for r in rows
        ]
    ident = budget_id or (str(meta["id"]) if meta.get("id") else None)
    ident = ident or re.sub(r"[^0-9A-Za-z._\-]", "-", stem).lstrip("._-") or "budget"
    try:
        form = form or (BudgetForm(str(meta["form"])) if meta.get("form") else None)
        layout = _layout(meta.get("layout"))
        title = meta.get("title")
        if title is not None:
            check_cell("title", str(title))
        return Budget(
            ident,
            tuple(rows),
            currency=cur,
            title=str(title) if title is not None else None,
            form=form,
            layout=layout,
        )
    except (ValueError, TypeError) as exc:
        listed: Sequence[Problem] = getattr(exc, "problems", None) or [Problem("", str(exc))]
        raise DocumentError(source, [_by_row(p, rows, sheet_rows) for p in listed]) from None


def _layout(value: object) -> tuple[str, ...]:
    """The column order the title row records: a JSON list of column names, or nothing."""
    if _blank(value):
        return ()
    try:
        data = json.loads(str(value))
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, list) or not all(isinstance(c, str) for c in data):
        raise ValueError("layout: not the JSON list of column names this module writes")
    return tuple(data)


def _by_row(problem: Problem, rows: list[BudgetRow], sheet_rows: list[int]) -> Problem:
    """``rows[3].parent`` → ``row 7 (code '1.2').parent``, in the sheet's own row numbers."""
    match = re.match(r"rows\[(\d+)\](.*)", problem.path)
    if not match:
        return problem
    i = int(match.group(1))
    message = re.sub(
        r"rows\[(\d+)\]", lambda m: f"row {sheet_rows[int(m.group(1))]}", problem.message
    )
    return Problem(
        f"{_located(sheet_rows[i], rows[i].code)}{match.group(2)}",
        message,
        problem.code,
        problem.input,
    )


def _read_row(
    values: Sequence[object], col_of: dict[str, int], code: str, currency: str, split: bool
) -> BudgetRow:
    def raw(column: str) -> object:
        return values[col_of[column]] if column in col_of else None

    record: dict[str, str] = {"code": code}
    for column in ("parent", "quantity", "unit_price", "periods", "declared_total", "derived"):
        record[column] = _text(raw(column))
    for column in ("own", "grant", *(s.value for s in _SOURCES)):
        record[column] = _text(raw(column))
    if not split:
        record["cofinancing_other"] = _text(raw(_COFINANCING))
    try:
        recorded = _invalid_record(raw(_INVALID))
    except (ValueError, TypeError, RecursionError) as exc:
        raise ValueError(f"invalid: not the record this module writes ({exc})") from None
    for cell, _ in recorded:
        for part in (cell.column, cell.text, cell.reason):
            check_cell(_INVALID, part)
    kept: list[InvalidCell] = []
    for cell, shown in recorded:
        if not shown:
            kept.append(cell)
        elif raw(cell.column) == cell.text and isinstance(raw(cell.column), str):
            kept.append(cell)  # the cell still shows the unreadable text: same cell, same reason
            record[cell.column] = ""
    parsed = budget_row(record, currency)

    def cell_of(column: str) -> object:
        return raw(_COFINANCING if column == "cofinancing_other" and not split else column)

    fresh = [
        InvalidCell(c.column, c.text, _FORMULA_REASON)
        if isinstance(cell_of(c.column), _Formula)
        else c
        for c in parsed.invalid
    ]
    texts: dict[str, Any] = {}
    for field in _TEXT_FIELDS:
        value = raw(field)
        texts[field] = (
            None if _blank(value) else (value if isinstance(value, str) else _text(value))
        )
        if texts[field] is not None:
            check_cell(field, texts[field])
    funding = parsed.funding
    order = _text(raw(_ORDER)).split(",") if not _blank(raw(_ORDER)) else []
    if sorted(order) == sorted(f.source.value for f in funding):
        funding = tuple(sorted(funding, key=lambda f: order.index(f.source.value)))
    row = attrs.evolve(parsed, funding=funding, invalid=(*kept, *fresh), **texts)
    if split:
        expected = _cofinancing_display(row, currency)
        found = raw(_COFINANCING)
        if _COFINANCING in col_of and not _same_display(expected, found, currency):
            shown_value = "nothing" if _blank(found) else repr(_text(found))
            want = "nothing" if expected is None else repr(_text(expected))
            raise ValueError(
                f"column {_letter(col_of[_COFINANCING])} (other co-financing) shows {shown_value}, "
                f"but the co-financing columns give {want}; change those columns, or delete them "
                "to read this column as cofinancing_other"
            )
    return row
