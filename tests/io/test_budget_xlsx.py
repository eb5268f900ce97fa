"""The Annex 5 workbook: exact round trips, hand-made sheets, bad cells, and the missing extra."""

from __future__ import annotations

import datetime as dt
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from civicgrants.budget import (
    Budget,
    BudgetForm,
    BudgetRow,
    Derived,
    Funding,
    InvalidCell,
    Source,
    audit,
)
from civicgrants.datasets import seed_001_budget
from civicgrants.errors import DocumentError, MissingExtra, ValidationError
from civicgrants.io.budget_csv import COLUMNS, loads_budget_csv
from civicgrants.io.budget_xlsx import SHEET, read_budget_xlsx, write_budget_xlsx
from civicgrants.model.money import Money

openpyxl = pytest.importorskip("openpyxl")

RU_HEADERS = [
    "№",
    "Статьи расходов",
    "Единица измерения",
    "Количество",
    "Стоимость, в тенге",
    "Всего, в тенге",
    "Заявитель (собственный вклад)",
    "Другие источники софинансирования",
    "Средства гранта",
]


def round_trip(budget: Budget, tmp_path: Path, name: str = "b.xlsx") -> Budget:
    return read_budget_xlsx(write_budget_xlsx(budget, tmp_path / name))


def invalid_values(budget: Budget) -> set[tuple[str, object, object]]:
    return {
        (f.location, f.numbers.get("column"), f.numbers.get("text"))
        for f in audit(budget)
        if f.code == "invalid-value"
    }


# -- the seed estimate -----------------------------------------------------------


def test_seed_budget_round_trips(tmp_path: Path) -> None:
    budget = seed_001_budget()
    again = round_trip(budget, tmp_path)
    assert again == budget
    assert again.layout == budget.layout and again.form is BudgetForm.STATE_SMETA
    assert audit(again) == audit(budget)


def test_seed_sheet_has_the_annex_layout(tmp_path: Path) -> None:
    path = write_budget_xlsx(seed_001_budget(), tmp_path / "seed.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [SHEET]
    ws = wb[SHEET]
    assert str(ws["A1"].value).startswith("Смета расходов")
    assert [c.value for c in ws[2][:9]] == RU_HEADERS
    assert [c.value for c in ws[3][:9]][:4] == ["No.", "Expense item", "Unit", "Quantity"]
    first = [c.value for c in ws[4][:9]]
    assert first == [
        "1",
        "Административные затраты",
        None,
        None,
        None,
        5930720,
        None,
        None,
        5930720,
    ]
    line = next(r for r in ws.iter_rows(min_row=4) if r[0].value == "1.1.a")
    assert [type(c.value) for c in line[3:6]] == [int, int, int]  # numbers, not text
    assert line[1].alignment.indent == 2 and not line[1].font.bold
    assert ws["B4"].font.bold and ws["F4"].font.bold  # a group row
    assert ws.column_dimensions["J"].hidden  # the block the form has no column for
    assert ws["J3"].value == "parent" and ws["J1"].value.startswith("civicgrants")


# -- property: every budget comes back -------------------------------------------

_CODES = st.from_regex(r"[0-9A-Za-z][0-9A-Za-z._\-]{0,5}", fullmatch=True)
_TRICKY = st.sampled_from(
    [
        "_x000D_",
        "x005F_",
        "=SUM(A1:A2)",
        " lead",
        "trail ",
        "a\nb",
        "1 260 000",
        "abc",
        "Итого",
        "'1",
    ]
)
_TEXTS = _TRICKY | st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Cn")) | st.sampled_from("\n\t"),
    min_size=1,
    max_size=12,
).filter(lambda t: bool(t.strip()))
_CURRENCIES = ("KZT", "EUR", "USD")
_CELL_COLUMNS = (
    "quantity",
    "unit_price",
    "declared_total",
    "periods",
    "derived",
    "own",
    "grant",
    "cofinancing_akimat",
    "cofinancing_other",
    "item",
    "some column",
)


@st.composite
def _money(draw: st.DrawFn, currency: str) -> Money:
    if draw(st.integers(0, 9)) == 0:  # now and then another currency, as text
        currency = draw(st.sampled_from(_CURRENCIES))
    units = draw(st.integers(0, 10**15 - 1) | st.integers(0, 10**6))
    return Money(Decimal(units).scaleb(-draw(st.integers(-2, 4))), currency)


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def budgets(draw: st.DrawFn) -> Budget:
    """Small valid budgets with every field used, the odd foreign amount and unreadable cells."""
    currency = draw(st.sampled_from(_CURRENCIES))
    codes = draw(st.lists(_CODES.filter(lambda c: c != "TOTAL"), max_size=8, unique=True))
    if draw(st.booleans()):
        codes.insert(draw(st.integers(0, len(codes))), "TOTAL")
    rows: list[BudgetRow] = []
    groups: list[str] = []
    for code in codes:
        line = code != "TOTAL" and draw(st.booleans())
        parent = None
        if code != "TOTAL" and groups and draw(st.booleans()):
            parent = draw(st.sampled_from(groups))
        sources = draw(st.lists(st.sampled_from(list(Source)), max_size=4, unique=True))
        columns = _CELL_COLUMNS if line else _CELL_COLUMNS[2:]
        invalid = draw(
            st.lists(st.builds(InvalidCell, st.sampled_from(columns), _TEXTS, _TEXTS), max_size=3)
        )
        rows.append(
            BudgetRow(
                code,
                parent=parent,
                item=draw(_optional(_TEXTS)),
                item_en=draw(_optional(_TEXTS)),
                unit=draw(_optional(_TEXTS)),
                quantity=(
                    Decimal(draw(st.integers(0, 10**6))).scaleb(-draw(st.integers(-3, 3)))
                    if line
                    else None
                ),
                unit_price=draw(_optional(_money(currency))) if line else None,
                periods=draw(st.integers(1, 12)),
                declared_total=draw(_optional(_money(currency))),
                funding=tuple(Funding(s, draw(_money(currency))) for s in sources),
                activity=draw(_optional(_TEXTS)),
                derived=draw(_optional(st.sampled_from(list(Derived)))),
                invalid=tuple(invalid),
                note=draw(_optional(_TEXTS)),
            )
        )
        if not line:
            groups.append(code)
    try:
        return Budget(
            draw(_CODES),
            tuple(rows),
            currency=currency,
            title=draw(_optional(_TEXTS)),
            form=draw(_optional(st.sampled_from(list(BudgetForm)))),
            layout=tuple(draw(st.lists(st.sampled_from(COLUMNS), max_size=4, unique=True))),
        )
    except ValidationError:  # amounts that cannot all be added exactly: no budget at all
        reject()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(budgets())
def test_every_budget_round_trips(tmp_path: Path, budget: Budget) -> None:
    assert round_trip(budget, tmp_path) == budget


@pytest.mark.parametrize(
    "amount",
    ["64.0684991246167", "0.1", "0.30", "9999999999999.99", "123456789012345", "1E+20", "0.000001"],
)
def test_amounts_of_up_to_15_digits_are_exact(tmp_path: Path, amount: str) -> None:
    # quantity × unit price must itself fit an amount (28 digits), so the quantity stays small
    row = BudgetRow("a", quantity=Decimal(3), unit_price=Money(amount))
    budget = Budget("b", (row,))
    again = round_trip(budget, tmp_path)
    assert again == budget
    assert again.rows[0].unit_price == Money(amount)


def test_funding_order_and_record_only_invalid_cells_come_back(tmp_path: Path) -> None:
    row = BudgetRow(
        "a",
        quantity=Decimal(2),
        unit_price=Money(100),
        funding=(Funding(Source.OWN, Money(50)), Funding(Source.GRANT, Money(150))),
        invalid=(
            InvalidCell("quantity", "2", "typed over by hand"),  # the row also has a quantity
            InvalidCell("declared_total", "5", "a reason of its own"),  # a readable text
            InvalidCell("declared_total", "abc", "second one for the column"),
        ),
    )
    budget = Budget("b", (row,))
    assert round_trip(budget, tmp_path) == budget


# -- what the writer refuses ----------------------------------------------------------


def test_more_than_15_significant_digits_is_refused(tmp_path: Path) -> None:
    budget = Budget(
        "b",
        (
            BudgetRow("g", item="group"),
            BudgetRow("g.1", "g", quantity=Decimal("1.0000000000000001"), unit_price=Money(1)),
            BudgetRow("g.2", "g", quantity=Decimal(1), unit_price=Money("12.3456789012345678")),
        ),
    )
    target = tmp_path / "b.xlsx"
    with pytest.raises(DocumentError) as info:
        write_budget_xlsx(budget, target)
    text = str(info.value)
    assert "row 5 (code 'g.1'): quantity: 1.0000000000000001 has 17 significant digits" in text
    assert "row 6 (code 'g.2'): unit_price: 12.3456789012345678 has 18 significant digits" in text
    assert len(info.value.problems) == 2
    assert not target.exists()


def test_texts_an_xlsx_cell_cannot_hold_are_refused(tmp_path: Path) -> None:
    budget = Budget("b", (BudgetRow("a", item="bell\x07", note="line\r\nbreak"),))
    with pytest.raises(DocumentError) as info:
        write_budget_xlsx(budget, tmp_path / "b.xlsx")
    messages = [str(p) for p in info.value.problems]
    assert messages == [
        "row 4 (code 'a'): item: contains the character U+0007, which an xlsx file cannot hold",
        "row 4 (code 'a'): note: contains a carriage return (\\r), which an xlsx file turns "
        "into \\n; use \\n",
    ]


# -- sheets typed by hand ---------------------------------------------------------------


def annex_sheet(path: Path, rows: list[list[object]], *, numbering: bool = True) -> Path:
    """A hand-made Annex 5 sheet: preamble, a two-row header with a merged group, numbering."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Лист1"
    ws.append(["Приложение 5"])
    ws.append(["Смета расходов по реализации социального проекта"])
    ws.append([])
    ws.append([*RU_HEADERS[:6], "Источники финансирования"])
    ws.append([None] * 6 + RU_HEADERS[6:])
    ws.merge_cells("G4:I4")
    if numbering:
        ws.append(list(range(1, 10)))
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_a_hand_made_sheet_without_the_hidden_block(tmp_path: Path) -> None:
    path = annex_sheet(
        tmp_path / "smeta.xlsx",
        [
            [
                "1",
                "Административные затраты",
                None,
                None,
                None,
                "1 449 250,25",
                None,
                9000,
                1440250.25,
            ],
            ["1.1", "Заработная плата", None, None, None, 1260000, None, None, 1260000],
            ["1.1.a", "Руководитель проекта", "месяц", 9, 140000, 1260000, None, None, 1260000],
            ["1.2", "Банковские услуги", "месяц", 9, "21 000", 189000, None, 9000, 180000],
            ["1.3", "Канцтовары", "шт.", 2.5, 100.1, 250.25, None, None, 250.25],
            [2, "Оборудование", None, None, None, 1100000, None, None, None],
            ["2a", "Ноутбук", "шт.", 4, 275000, "1 100 000,00", 100000, 0, 1000000],
            [],
            [None, "Итого", None, None, None, 2549250.25, None, None, None],
            [],
            ["* Расходы расшифровываются по всем мероприятиям согласно календарному плану"],
        ],
    )
    budget = read_budget_xlsx(path)
    assert budget.id == "smeta" and budget.currency == "KZT" and budget.layout == ()
    parents = {r.code: r.parent for r in budget.rows}
    assert parents == {
        "1": None,
        "1.1": "1",
        "1.1.a": "1.1",
        "1.2": "1",
        "1.3": "1",
        "2": None,
        "2a": "2",
        "TOTAL": None,
    }
    assert budget.row("1.2").funding == (
        Funding(Source.GRANT, Money(180000)),
        Funding(Source.OTHER, Money(9000)),
    )
    assert budget.row("1.2").unit_price == Money(21000)
    line = budget.row("1.3")
    assert line.quantity == Decimal("2.5") and str(line.quantity) == "2.5"
    assert line.unit_price == Money("100.10") and line.declared_total == Money("250.25")
    assert budget.row("1").declared_total == Money("1449250.25")
    assert budget.row("2a").declared_total == Money(1100000)
    assert budget.children("TOTAL") == (budget.row("1"), budget.row("2"))
    assert budget.total() == Money("2549250.25")
    assert [f for f in audit(budget) if f.severity.value == "error"] == []


def test_a_hand_made_sheet_audits_like_its_csv(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["1", "Admin", None, None, None, 300, None, None, None],
        ["1.a", "Bank", "month", 3, 100, 300, None, None, None],
        ["1.b", "Post", "month", 2, 50, 100, None, None, None],
    ]
    budget = read_budget_xlsx(annex_sheet(tmp_path / "b.xlsx", rows, numbering=False))
    text = "code,parent,item,unit,quantity,unit_price,declared_total\n" + "\n".join(
        f"{r[0]},{'1' if r[0] != '1' else ''},{r[1]},{r[2] or ''},{r[3] or ''},{r[4] or ''},{r[5]}"
        for r in rows
    )
    assert audit(budget) == audit(loads_budget_csv(text, budget_id="b"))
    assert [f.code for f in audit(budget)] == ["subtotal-mismatch"]


def test_bad_cells_are_kept_and_audited_as_invalid_values(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["1", "Group", None, None, None, None, None, None, None],
        ["1.a", "Bad quantity", "шт.", "abc", 100, 300, None, None, None],
        ["1.b", "Negative price", "шт.", 2, -5, None, None, None, None],
        ["1.c", "Date as total", "шт.", 1, 10, dt.datetime(2021, 5, 1), None, None, None],
        ["1.d", "Euro grant", "шт.", 1, 10, 10, None, None, "458 000 EUR"],
        ["1.e", "Messy", "шт.", "1.000.000,5,5", 10, None, None, None, None],
        ["1.f", "Boolean", "шт.", True, 10, None, None, None, None],
    ]
    budget = read_budget_xlsx(annex_sheet(tmp_path / "b.xlsx", rows))
    assert invalid_values(budget) == {
        ("1.a", "quantity", "abc"),
        ("1.b", "unit_price", "-5"),
        ("1.c", "declared_total", "2021-05-01T00:00:00"),
        ("1.d", "grant", None),  # a currency mix: reported with the currencies
        ("1.e", "quantity", "1.000.000,5,5"),
        ("1.f", "quantity", "TRUE"),
    }
    # the same cells as CSV text give the same unreadable cells, reasons included
    csv = loads_budget_csv(
        'code,quantity,unit_price\n1.a,abc,100\n1.b,2,-5\n1.e,"1.000.000,5,5",10\n'
    )
    for code in ("1.a", "1.b", "1.e"):
        assert budget.row(code).invalid == csv.row(code).invalid
    assert budget.row("1.d").funded(Source.GRANT) == Money(458000, "EUR")


def test_a_formula_saved_without_its_value_is_an_unreadable_cell(tmp_path: Path) -> None:
    rows: list[list[object]] = [["1", "Line", "шт.", 2, 100, "=D5*E5", None, None, None]]
    budget = read_budget_xlsx(annex_sheet(tmp_path / "b.xlsx", rows, numbering=False))
    (cell,) = budget.row("1").invalid
    assert (cell.column, cell.text) == ("declared_total", "=D5*E5")
    assert "formula saved without its value" in cell.reason
    assert invalid_values(budget) == {("1", "declared_total", "=D5*E5")}


# -- edits and structure errors ------------------------------------------------------------


def _edit(path: Path, **cells: object) -> Path:
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(path)
    return path


def test_a_fixed_cell_is_read_as_fixed(tmp_path: Path) -> None:
    row = BudgetRow(
        "a",
        unit_price=Money(10),
        invalid=(InvalidCell("quantity", "abc", "not a number"),),
    )
    path = write_budget_xlsx(Budget("b", (row,)), tmp_path / "b.xlsx")
    assert openpyxl.load_workbook(path)[SHEET]["D4"].value == "abc"
    again = read_budget_xlsx(_edit(path, D4=5))
    assert again.rows[0].quantity == 5 and again.rows[0].invalid == ()


def test_an_edited_cofinancing_total_is_reported(tmp_path: Path) -> None:
    row = BudgetRow(
        "a",
        quantity=Decimal(1),
        unit_price=Money(300),
        funding=(
            Funding(Source.AKIMAT, Money(100)),
            Funding(Source.BUSINESS, Money(200)),
        ),
    )
    path = write_budget_xlsx(Budget("b", (row,)), tmp_path / "b.xlsx")
    assert openpyxl.load_workbook(path)[SHEET]["H4"].value == 300
    with pytest.raises(DocumentError) as info:
        read_budget_xlsx(_edit(path, H4=250))
    assert str(info.value.problems[0]).startswith(
        "row 4 (code 'a'): column H (other co-financing) shows '250', but the co-financing "
        "columns give '300.00'"
    )


def test_structure_errors_list_every_problem_with_its_row(tmp_path: Path) -> None:
    budget = Budget(
        "b",
        (
            BudgetRow("1", item="Group"),
            BudgetRow("1.a", "1", quantity=Decimal(1), unit_price=Money(5)),
            BudgetRow("1.b", "1", quantity=Decimal(1), unit_price=Money(5)),
            BudgetRow("1.c", "1", quantity=Decimal(1), unit_price=Money(5)),
        ),
    )
    path = write_budget_xlsx(budget, tmp_path / "b.xlsx")
    _edit(path, A5=None, A6="")  # rows without a code: every one is listed
    with pytest.raises(DocumentError) as info:
        read_budget_xlsx(path)
    assert [str(p) for p in info.value.problems] == [
        "row 5 (code ''): code: is empty; every row needs a unique code",
        "row 6 (code ''): code: is empty; every row needs a unique code",
    ]
    _edit(path, A5="1.a", A6="1.a", J7="3.9")  # a duplicate code, an unknown parent
    with pytest.raises(DocumentError) as info:
        read_budget_xlsx(path)
    assert [str(p) for p in info.value.problems] == [
        "row 6 (code '1.a').code: duplicates row 5 ('1.a')",
        "row 7 (code '1.c').parent: unknown code '3.9' (row '1.c')",
    ]


def test_unknown_and_repeated_headers(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["№", "Статьи расходов", "Обоснование", "Количество", "Quantity"])
    ws.append(["1", "x", "why", 1, 1])
    wb.save(tmp_path / "b.xlsx")
    with pytest.raises(DocumentError) as info:
        read_budget_xlsx(tmp_path / "b.xlsx")
    messages = [str(p) for p in info.value.problems]
    assert messages[0].startswith("header: column C: unknown header 'Обоснование'")
    assert messages[1] == "header: columns D, E are all read as 'quantity'"


def test_files_that_are_not_budget_workbooks(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        read_budget_xlsx(tmp_path / "missing.xlsx")
    (tmp_path / "text.xlsx").write_text("code,item\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="not an xlsx workbook"):
        read_budget_xlsx(tmp_path / "text.xlsx")
    wb = openpyxl.Workbook()
    wb.active.append(["just", "words"])
    wb.save(tmp_path / "empty.xlsx")
    with pytest.raises(DocumentError, match="no header row with '№' and 'Статьи расходов'"):
        read_budget_xlsx(tmp_path / "empty.xlsx")
    with pytest.raises(DocumentError, match="no sheet 'Смета'"):
        read_budget_xlsx(tmp_path / "empty.xlsx", sheet="Смета")


def test_currency_is_the_sheets_own(tmp_path: Path) -> None:
    budget = Budget("b", (BudgetRow("a", quantity=Decimal(1), unit_price=Money(5, "EUR")),), "EUR")
    path = write_budget_xlsx(budget, tmp_path / "b.xlsx")
    assert openpyxl.load_workbook(path)[SHEET]["E2"].value == "Стоимость, EUR"
    assert read_budget_xlsx(path) == budget
    assert read_budget_xlsx(path, currency="EUR") == budget
    with pytest.raises(DocumentError, match="the sheet's amounts are in EUR, not KZT"):
        read_budget_xlsx(path, currency="KZT")


def test_another_currency_is_written_as_text(tmp_path: Path) -> None:
    row = BudgetRow("a", quantity=Decimal(1), unit_price=Money(458000, "EUR"))
    path = write_budget_xlsx(Budget("b", (row,)), tmp_path / "b.xlsx")
    assert openpyxl.load_workbook(path)[SHEET]["E4"].value == "458000.00 EUR"
    again = read_budget_xlsx(path)
    assert again.rows[0] == row
    assert [f.code for f in audit(again)] == ["invalid-value"]


# -- the optional extra -------------------------------------------------------------------


def test_without_openpyxl_both_functions_name_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_budget_xlsx(seed_001_budget(), tmp_path / "seed.xlsx")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtra, match=r"pip install 'civicgrants\[xlsx\]'") as info:
        write_budget_xlsx(seed_001_budget(), tmp_path / "other.xlsx")
    assert info.value.extra == "xlsx"
    with pytest.raises(MissingExtra, match="xlsx budgets"):
        read_budget_xlsx(path)
    assert isinstance(info.value, ImportError)


# -- issue 14: limits checked before work, every workbook read or refused with a location ------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARTS = {
    "[Content_Types].xml": (
        f'<Types xmlns="{_PACKAGE}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{_PACKAGE}/relationships"><Relationship Id="rId1" '
        f'Type="{_OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_OFFICE}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_PACKAGE}/relationships"><Relationship Id="rId1" '
        f'Type="{_OFFICE}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}
CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "cases" / "budget"


def raw_sheet(rows: list[tuple[int, list[tuple[str, str]]]], dimension: str | None = None) -> str:
    """A worksheet's XML: ``(row number, [(cell reference, inline text)])``, as a file may say."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>' for ref, text in cells)
        + "</row>"
        for r, cells in rows
    )
    return f'<worksheet xmlns="{_MAIN}">{dim}<sheetData>{body}</sheetData></worksheet>'


def raw_xlsx(path: Path, sheet: str, extra: dict[str, bytes] | None = None) -> Path:
    """A minimal workbook written part by part (no openpyxl), so it can say anything."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


HEADER = (1, [("A1", "№"), ("B1", "Статьи расходов")])
CORNER = [HEADER, (1048576, [("XFD1048576", "x")])]


def refused(path: Path) -> str:
    with pytest.raises(DocumentError) as info:
        read_budget_xlsx(path)
    line = info.value.one_line()
    assert "\n" not in line and line.startswith(str(path))
    return line


def test_a_declared_corner_cell_is_refused_before_a_row_is_read(tmp_path: Path) -> None:
    path = raw_xlsx(tmp_path / "corner.xlsx", raw_sheet(CORNER, "A1:XFD1048576"))
    assert refused(path).endswith(
        "sheet 'Sheet1': declares 17179869184 cells (A1:XFD1048576), more than 10000000 (the "
        "xlsx_cells limit; raise it with --limit xlsx_cells=N or use_limits(xlsx_cells=N))"
    )


@pytest.mark.parametrize("dimension", [None, "A1:B2"])
def test_an_undeclared_corner_cell_is_refused_when_it_is_met(
    tmp_path: Path, dimension: str | None
) -> None:
    import resource
    import time

    path = raw_xlsx(tmp_path / "corner.xlsx", raw_sheet(CORNER, dimension))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    assert "sheet 'Sheet1', row 1048576: its cells reach XFD1048576" in refused(path)
    assert time.perf_counter() - start < 60
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 512 * 1024  # KiB


def test_3000_rows_reaching_column_xfd_are_refused(tmp_path: Path) -> None:
    rows = [(r, [(f"A{r}", "1"), (f"XFD{r}", "x")]) for r in range(1, 3001)]
    path = raw_xlsx(tmp_path / "wide.xlsx", raw_sheet(rows))
    assert "row 611: its cells reach XFD611: a table of more than 10000000 cells" in refused(path)


def test_a_1_gib_shared_string_in_a_3_kb_zip_is_refused_before_inflating() -> None:
    path = CORPUS / "shared-string-of-1-gib.xlsx"
    assert path.stat().st_size < 10_000
    assert refused(path).endswith(
        "expands to 1073743924 bytes, more than 536870912 (the expanded_bytes limit; raise it "
        "with --limit expanded_bytes=N or use_limits(expanded_bytes=N))"
    )


def _declare(data: bytes, name: bytes, size: int) -> bytes:
    """The zip with ``name``'s uncompressed size rewritten in both of its headers."""
    out = bytearray(data)
    for signature, offset, length_at, name_at in (
        (b"PK\x03\x04", 22, 26, 30),  # the local header
        (b"PK\x01\x02", 24, 28, 46),  # the central directory's entry
    ):
        at = out.find(signature)
        while at >= 0:
            length = int.from_bytes(out[at + length_at : at + length_at + 2], "little")
            if out[at + name_at : at + name_at + length] == name:
                out[at + offset : at + offset + 4] = size.to_bytes(4, "little")
            at = out.find(signature, at + 4)
    return bytes(out)


def test_a_zip_whose_declared_size_lies_is_refused(tmp_path: Path) -> None:
    big = b"<sst>" + b"a" * 5_000_000 + b"</sst>"
    honest = raw_xlsx(tmp_path / "honest.xlsx", raw_sheet([HEADER]), {"xl/sharedStrings.xml": big})
    lying = tmp_path / "lying.xlsx"
    lying.write_bytes(_declare(honest.read_bytes(), b"xl/sharedStrings.xml", 100))
    with zipfile.ZipFile(lying) as archive:
        assert archive.getinfo("xl/sharedStrings.xml").file_size == 100
    assert "not an xlsx workbook (damaged zip: BadZipFile: Bad CRC-32" in refused(lying)
    from civicgrants.model.limits import use_limits

    with use_limits(expanded_bytes=1_000_000):
        assert "expands to 5" in refused(honest)


def test_the_limits_can_be_lowered_and_raised(tmp_path: Path) -> None:
    from civicgrants.model.limits import use_limits

    rows = [HEADER, (2, [("A2", "1"), ("B2", "Paint")]), (40, [("Z40", "x")])]
    path = raw_xlsx(tmp_path / "z40.xlsx", raw_sheet(rows))
    assert "column(s) Z hold values but have no header" in refused(path)  # read, then checked
    with use_limits(xlsx_cells=1000):
        assert "row 40: its cells reach Z40: a table of more than 1000 cells" in refused(path)
    with use_limits(cells=4):
        assert "row 40: more than 4 cells (the cells limit" in refused(path)
    with use_limits(file_bytes=100):
        assert "larger than 100 bytes" in refused(path)
    with use_limits(files=3):
        assert "the zip declares 5 entries, more than 3 (the files limit" in refused(path)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "not an xlsx workbook (not a zip file)"),
        (b"code,item\n1,Paint\n", "not an xlsx workbook (not a zip file)"),
        (b"PK\x05\x06" + b"\x00" * 18, "not an xlsx workbook"),
    ],
)
def test_bytes_that_are_no_workbook_are_refused(tmp_path: Path, data: bytes, says: str) -> None:
    path = tmp_path / "b.xlsx"
    path.write_bytes(data)
    assert says in refused(path)


def test_a_truncated_workbook_and_a_zip_without_one_are_refused(tmp_path: Path) -> None:
    whole = write_budget_xlsx(seed_001_budget(), tmp_path / "seed.xlsx").read_bytes()
    cut = tmp_path / "cut.xlsx"
    for size in (len(whole) // 3, len(whole) - 30):
        cut.write_bytes(whole[:size])
        assert "not an xlsx workbook" in refused(cut)
    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert "not an xlsx workbook" in refused(other)


def test_a_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "budget.xlsx"
    os.mkfifo(fifo)
    assert "not a regular file" in refused(fifo)


def test_a_control_character_in_a_text_is_a_located_error(tmp_path: Path) -> None:
    rows = [HEADER, (2, [("A2", "1"), ("B2", "Pa&#x9b;2Jint")])]
    path = raw_xlsx(tmp_path / "c1.xlsx", raw_sheet(rows))
    assert "row 2 (code '1'): item: holds the character U+009B" in refused(path)


def test_groups_nested_past_the_depth_limit_are_refused(tmp_path: Path) -> None:
    rows: list[tuple[int, list[tuple[str, str]]]] = [HEADER]
    code = ""
    for i in range(70):
        code = f"{code}.1" if code else "1"
        rows.append((i + 2, [(f"A{i + 2}", code), (f"B{i + 2}", f"Group {i}")]))
    path = raw_xlsx(tmp_path / "deep.xlsx", raw_sheet(rows))
    assert "is nested 65 levels deep, deeper than 64 (the depth limit" in refused(path)


def test_hidden_records_that_are_not_ours_are_located_errors(tmp_path: Path) -> None:
    row = BudgetRow("a", unit_price=Money(10), invalid=(InvalidCell("quantity", "x", "why"),))
    path = write_budget_xlsx(Budget("b", (row,)), tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    invalid = next(c for c in ws[3] if c.value == "invalid")
    ws.cell(row=4, column=invalid.column).value = "[" * 30_000 + "]" * 30_000
    layout = next(c.column for c in ws[1] if c.value == "layout")
    wb.save(path)
    assert "row 4 (code 'a'): invalid: not the record this module writes" in refused(path)
    ws.cell(row=4, column=invalid.column).value = None
    ws.cell(row=1, column=layout + 1).value = '{"code": 1}'
    wb.save(path)
    assert "layout: not the JSON list of column names this module writes" in refused(path)


def test_a_recorded_layout_naming_an_unknown_column_is_a_located_error(tmp_path: Path) -> None:
    # found by the fuzz run: a flipped byte made "periods" "qeriods", and writing CSV failed
    path = write_budget_xlsx(seed_001_budget(), tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    layout = next(c.column for c in ws[1] if c.value == "layout")
    ws.cell(row=1, column=layout + 1).value = '["code", "qeriods", "code"]'
    wb.save(path)
    line = refused(path)
    assert "layout[1]: unknown column 'qeriods'; known: code, parent" in line
    assert line.endswith("(and 1 more)")
    with pytest.raises(ValueError, match=r"layout\[2\]: 'code' is listed twice"):
        Budget("b", (BudgetRow("1"),), layout=("code", "item", "code"))
