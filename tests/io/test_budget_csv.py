"""The budget CSV layout: delimiters, column order, number spellings, errors, lossless round trips."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.budget import (
    Budget,
    BudgetRow,
    Derived,
    Funding,
    InvalidCell,
    Source,
    audit,
)
from civicgrants.datasets import seed_001_budget
from civicgrants.errors import DocumentError
from civicgrants.io import dumps, loads
from civicgrants.io.budget_csv import (
    COLUMNS,
    dumps_budget_csv,
    loads_budget_csv,
    read_budget_csv,
    write_budget_csv,
)
from civicgrants.model.money import Money
from civicgrants.testing.budget import budgets

SEED_CSV = (
    resources.files("civicgrants.datasets")
    .joinpath("seed_001_budget.csv")
    .read_text(encoding="utf-8")
)

SMALL = """code,parent,item,unit,quantity,unit_price,declared_total,grant
1,,Админ,,,,300,300
1.a,1,Банк,месяц,3,100,300,300
"""


def problems(text: str, **kwargs: object) -> list[str]:
    with pytest.raises(DocumentError) as info:
        loads_budget_csv(text, **kwargs)  # type: ignore[arg-type]
    return [str(p) for p in info.value.problems]


def invalid_values(budget: Budget) -> list[tuple[str, object, object]]:
    return [
        (f.location, f.numbers.get("column"), f.numbers.get("text"))
        for f in audit(budget)
        if f.code == "invalid-value"
    ]


# -- delimiters and columns -------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_the_delimiter_is_detected_from_the_header(delimiter: str) -> None:
    text = SMALL if delimiter == "," else SMALL.replace(",", ";")
    budget = loads_budget_csv(text)
    assert budget == loads_budget_csv(SMALL)
    assert [r.code for r in budget.rows] == ["1", "1.a"]
    assert budget.row("1.a").unit_price == Money(100)


def test_semicolons_leave_decimal_commas_alone() -> None:
    text = "code;item;quantity;unit_price\n1;Бумага, А4;2,5;1 000,50\n"
    row = loads_budget_csv(text).rows[0]
    assert (row.item, row.quantity, row.unit_price) == (
        "Бумага, А4",
        Decimal("2.5"),
        Money("1000.50"),
    )


def test_columns_in_any_order() -> None:
    shuffled = """grant,unit_price,quantity,item,code,declared_total,parent,unit
300,,,Админ,1,300,,
300,100,3,Банк,1.a,300,1,месяц
"""
    budget = loads_budget_csv(shuffled)
    assert budget.rows == loads_budget_csv(SMALL).rows
    assert budget.layout == tuple(shuffled.split("\n", 1)[0].split(","))
    assert dumps_budget_csv(budget).split("\n", 1)[0] == shuffled.split("\n", 1)[0]


def test_a_byte_order_mark_and_padded_header_are_accepted() -> None:
    budget = loads_budget_csv("\ufeff code , item \n 1 , Админ \n")
    assert budget.layout == ("code", "item")
    assert budget.rows[0].item == "Админ"


# -- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 000", "1000"),
        ("1\u00a0000", "1000"),  # NBSP, as spreadsheets export grouped digits
        ("1\u202f260\u202f000", "1260000"),  # narrow NBSP
        ("1 000,50", "1000.50"),
        ("1 000.50", "1000.50"),
        ("1.000,50", "1000.50"),
        ("1,000.50", "1000.50"),
        ("1.000.000", "1000000"),
        ("12,5", "12.5"),
        ("0.005", "0.005"),
    ],
)
def test_number_spellings(text: str, value: str) -> None:
    row = loads_budget_csv(f'code;quantity;unit_price\na;"{text}";"{text}"\n').rows[0]
    assert row.invalid == ()
    assert row.quantity == Decimal(value)
    assert row.unit_price == Money(value)


def test_amounts_may_name_their_unit_and_scale() -> None:
    row = loads_budget_csv('code,unit_price,declared_total\na,"1,5 млн. тенге",1 994 000 ₸\n').rows[
        0
    ]
    assert row.unit_price == Money(1_500_000) and row.declared_total == Money(1_994_000)


# -- structure --------------------------------------------------------------------------------


def test_the_total_row_adopts_every_other_top_level_row() -> None:
    text = """code,parent,item,quantity,unit_price,declared_total
1,,Админ,,,300
1.a,1,Банк,3,100,300
2,,Оборудование,,,50
2.a,2,Ручка,1,50,50
TOTAL,,Итого,,,400
"""
    budget = loads_budget_csv(text)
    assert [r.code for r in budget.children("TOTAL")] == ["1", "2"]
    assert [r.code for r in budget.children(None)] == ["TOTAL"]
    assert budget.parent_of(budget.row("1")) == "TOTAL" and budget.row("1").parent is None
    assert budget.path("1.a") == ("TOTAL", "1", "1.a")
    assert budget.total() == Money(350)
    [finding] = [f for f in audit(budget) if f.code == "subtotal-mismatch"]
    assert finding.location == "TOTAL" and finding.numbers["gap"] == Decimal(-50)


def test_without_a_total_row_top_level_rows_stay_on_top() -> None:
    budget = loads_budget_csv(SMALL)
    assert [r.code for r in budget.children(None)] == ["1"]


def test_a_total_row_with_a_parent_is_refused() -> None:
    assert problems("code,parent\n1,\nTOTAL,1\n") == [
        "row 3 (code 'TOTAL').parent: the TOTAL row must be at the top level"
    ]


@pytest.mark.parametrize(
    ("quantity", "unit_price", "is_line"),
    [("2", "100", True), ("", "", False), ("2", "", True), ("", "100", True), ("abc", "", True)],
)
def test_a_row_with_a_quantity_or_unit_price_is_a_line(
    quantity: str, unit_price: str, is_line: bool
) -> None:
    # The module docstring says "with quantity and unit price"; the model (and this
    # reader) count a row with either, or with an unreadable one, as a line.
    row = loads_budget_csv(f"code,quantity,unit_price\na,{quantity},{unit_price}\n").rows[0]
    assert row.is_line is is_line


def test_a_group_computes_the_sum_of_its_lines() -> None:
    budget = loads_budget_csv(SMALL)
    assert not budget.row("1").is_line and budget.row("1.a").is_line
    assert budget.computed("1") == Money(300)
    assert audit(budget) == ()


# -- errors -----------------------------------------------------------------------------------


def test_header_problems_are_listed_together() -> None:
    assert problems("item,bogus,unit,unit,Quantity\nx,y,z,z,1\n", source="b.csv") == [
        "header: unknown column(s) 'bogus', 'Quantity'; known: " + ", ".join(COLUMNS),
        "header: the 'code' column is required",
        "header: column(s) given twice: unit",
    ]


def test_an_empty_file_is_a_document_error() -> None:
    assert problems("") == ["empty file: expected a header row with a 'code' column"]


def test_row_problems_name_the_file_rows() -> None:
    text = "code,parent,quantity\na,,1\n,,\n ,x,\nb,,1,extra\nc,,-\n"
    # row 3 is blank (skipped); row 4 has no code; row 5 has a cell too many
    assert problems(text) == [
        "row 4 (code ''): code: is empty; every row needs a unique code",
        "row 5: has 4 cells, the header has 3",
    ]


def test_structure_problems_list_every_one_with_its_row() -> None:
    text = """code,parent,quantity,unit_price
a,,,
b,a,1,5
a,,,
c,zz,,
d,b,,
"""
    assert problems(text, source="budget.csv") == [
        "row 4 (code 'a').code: duplicates row 2 ('a')",
        "row 5 (code 'c').parent: unknown code 'zz' (row 'c')",
        "row 6 (code 'd').parent: 'b' is a line (it has a quantity or unit price); only groups "
        "have children",
    ]


def test_a_document_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "budget 2021.csv"
    path.write_text("code,parent\na,zz\n", encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        read_budget_csv(path)
    assert info.value.path == str(path)
    assert info.value.one_line().endswith("row 2 (code 'a').parent: unknown code 'zz' (row 'a')")
    with pytest.raises(DocumentError, match="no such file"):
        read_budget_csv(tmp_path / "missing.csv")
    (tmp_path / "latin1.csv").write_bytes("code,item\na,caf\xe9\n".encode("latin-1"))
    with pytest.raises(DocumentError, match="not UTF-8 text"):
        read_budget_csv(tmp_path / "latin1.csv")


def test_the_budget_id_defaults_to_the_file_stem(tmp_path: Path) -> None:
    path = write_budget_csv(loads_budget_csv(SMALL), tmp_path / "seed 001.csv")
    assert read_budget_csv(path).id == "seed-001"
    assert read_budget_csv(path, budget_id="x").id == "x"


# -- unreadable cells -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "text", "reason"),
    [
        ("quantity", "-2", "must be >= 0, got -2"),
        ("quantity", "abc", "not a number"),
        ("quantity", "1.000.000,5,5", "more than one decimal separator ','"),
        ("quantity", "1 00", "digit groups must have three digits after the first group"),
        ("unit_price", "abc", "not an amount this parser knows (see Money.parse for the forms)"),
        ("unit_price", "около 5 000", "expected an exact amount, got an approximate amount"),
        ("declared_total", "-5", "must be >= 0, got -5.00"),
        ("grant", "1 - 2 млн", "expected an exact amount, got a range"),
        ("periods", "1.5", "must be a whole number >= 1, got 1.5"),
        ("periods", "0", "must be a whole number >= 1, got 0"),
        ("derived", "boss", "must be one of salary, social_tax, health_insurance"),
    ],
)
def test_a_bad_cell_is_kept_verbatim_and_audited(column: str, text: str, reason: str) -> None:
    budget = loads_budget_csv(f'code;{column}\na;"{text}"\n')
    row = budget.rows[0]
    assert row.invalid == (InvalidCell(column, text, reason),)
    assert invalid_values(budget) == [("a", column, text)]
    assert loads_budget_csv(dumps_budget_csv(budget)) == budget  # kept, not dropped


def test_a_foreign_amount_is_kept_and_audited_as_a_currency_mix() -> None:
    budget = loads_budget_csv('code,quantity,unit_price,grant\na,1,458 000 EUR,"1,5 млн"\n')
    row = budget.rows[0]
    assert row.unit_price == Money(458_000, "EUR") and row.invalid == ()
    assert [
        (f.code, f.numbers.get("column"), f.numbers.get("currency")) for f in audit(budget)
    ] == [("invalid-value", "unit_price", "EUR")]
    assert "458000.00 EUR" in dumps_budget_csv(budget)
    assert loads_budget_csv(dumps_budget_csv(budget)) == budget


def test_several_bad_cells_in_one_row_are_all_kept() -> None:
    text = "code,quantity,unit_price,periods,own\na,-1,abc,x,1 - 2\n"
    row = loads_budget_csv(text).rows[0]
    assert [c.column for c in row.invalid] == ["quantity", "periods", "unit_price", "own"]
    assert row.quantity is None and row.unit_price is None and row.periods == 1
    assert row.is_line  # an unreadable quantity still makes a line


# -- round trips ------------------------------------------------------------------------------

ROUND_TRIP_TEXTS = {
    "seed": SEED_CSV,
    "small": SMALL,
    "semicolons": 'code;item;quantity;unit_price;note\n1;Бумага, А4;2,5;1 000,50;"x;y"\n',
    "bad cells": "code,quantity,unit_price,periods,derived,cofinancing_akimat\n"
    "a,-1,abc,1.5,boss,458 000 EUR\n",
    "quotes and newlines": 'code,item,note\na,"say ""hi""","line 1\nline 2"\n',
    "total": "code,parent,declared_total\nTOTAL,,10\n1,,10\n",
    "funding": "code,quantity,unit_price,own,grant,cofinancing_residents_inkind\n"
    "a,1,100,10,80,10\n",
}


@pytest.mark.parametrize("text", ROUND_TRIP_TEXTS.values(), ids=ROUND_TRIP_TEXTS.keys())
def test_round_trips_are_lossless_and_stable(text: str) -> None:
    budget = loads_budget_csv(text)
    written = dumps_budget_csv(budget)
    assert loads_budget_csv(written) == budget
    assert dumps_budget_csv(loads_budget_csv(written)) == written
    assert written.split("\n", 1)[0] == ",".join(budget.layout)


def test_the_seed_round_trips_through_a_file(tmp_path: Path) -> None:
    seed = seed_001_budget()
    path = write_budget_csv(seed, tmp_path / "seed.csv", delimiter=";")
    again = read_budget_csv(path, budget_id="seed-001", form=seed.form)
    assert again == seed
    assert audit(again) == audit(seed)


_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(',;"\n\t '),
    min_size=1,
    max_size=10,
).filter(lambda t: bool(t.strip()))
_AMOUNT = st.builds(
    lambda n, d, cur: f"{Decimal(n).scaleb(-d):f}{cur}",
    st.integers(-5, 10**12),
    st.integers(0, 3),
    st.sampled_from(["", "", " EUR", " тенге"]),
)
_CELL = _AMOUNT | _TEXT | st.just("")
_CODE = st.from_regex(r"[0-9A-Za-z][0-9A-Za-z._\-]{0,4}", fullmatch=True)


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """Any layout of known columns; flat rows with any cell text (unreadable ones included)."""
    columns = draw(
        st.lists(st.sampled_from([c for c in COLUMNS if c not in ("code", "parent")]), unique=True)
    )
    columns.insert(draw(st.integers(0, len(columns))), "code")
    codes = draw(st.lists(_CODE, min_size=1, max_size=5, unique=True))
    buffer: list[list[str]] = [columns]
    for code in codes:
        buffer.append([code if c == "code" else draw(_CELL) for c in columns])
    delimiter = draw(st.sampled_from([",", ";"]))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(buffer)
    return out.getvalue()


@settings(max_examples=150, deadline=None)
@given(csv_texts())
def test_every_readable_csv_round_trips(text: str) -> None:
    budget = loads_budget_csv(text)
    written = dumps_budget_csv(budget)
    assert loads_budget_csv(written) == budget
    assert dumps_budget_csv(loads_budget_csv(written)) == written


# -- regressions: bugs found in review, now fixed ---------------------------------------------


def test_a_lone_carriage_return_round_trips() -> None:
    budget = loads_budget_csv('code,note\na,"x\ry"\n')
    assert budget.rows[0].note == "x\ry"
    assert loads_budget_csv(dumps_budget_csv(budget)) == budget


def test_malformed_csv_is_a_document_error() -> None:
    with pytest.raises(DocumentError):
        loads_budget_csv("code,note\na,x\ry\n")


def test_unreadable_cells_survive_a_budget_without_layout() -> None:
    row = BudgetRow(
        "a",
        invalid=(
            InvalidCell("periods", "x", "must be a whole number >= 1"),
            InvalidCell("grant", "abc", "not an amount"),
            InvalidCell("derived", "boss", "must be one of salary, social_tax, health_insurance"),
        ),
    )
    budget = Budget("b", (row,))
    again = loads_budget_csv(dumps_budget_csv(budget), budget_id="b")
    assert [(c.column, c.text) for c in again.rows[0].invalid] == [
        ("periods", "x"),
        ("grant", "abc"),
        ("derived", "boss"),
    ]


def test_a_file_with_a_russian_name_is_read(tmp_path: Path) -> None:
    path = tmp_path / "смета 2021.csv"
    path.write_text(SMALL, encoding="utf-8")
    assert read_budget_csv(path).rows == loads_budget_csv(SMALL).rows


def test_a_budget_without_layout_writes_the_columns_it_uses() -> None:
    row = BudgetRow(
        "a",
        item="Ручка",
        quantity=Decimal(2),
        unit_price=Money(50),
        periods=3,
        funding=(Funding(Source.GRANT, Money(300)),),
        derived=Derived.SALARY,
    )
    text = dumps_budget_csv(Budget("b", (row,)))
    assert text.split("\n", 1)[0] == (
        "code,parent,item,quantity,unit_price,periods,declared_total,grant,derived"
    )
    assert loads_budget_csv(text, budget_id="b").rows == (row,)


# -- issue 14: every bad input gets a located one-line error or a finding ----------------------

H = "code,parent,item,unit,quantity,unit_price,periods,declared_total,grant\n"


def one_line(text: str, **kwargs: object) -> str:
    with pytest.raises(DocumentError) as info:
        loads_budget_csv(text, source="b.csv", **kwargs)  # type: ignore[arg-type]
    line = info.value.one_line()
    assert "\n" not in line and line.startswith("b.csv: ")
    return line


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            H + '1,,"Paint,,2,100,,,\n2,,Pens,,1,50,,,\n',
            "row 2 (line 2): a quoted cell is never closed",
        ),
        (H + '1,,"Paint"x,,2,100,,,\n', "malformed quoting"),
        (H + "1,,Pa\x00int,,2,100,,,\n", "row 2 (code '1'): item: holds the character U+0000"),
        (H + "1,,\x1b[2JPaint,,2,100,,,\n", "item: holds the character U+001B"),
        (H + "1,,Paint,m\x0b2,2,100,,,\n", "unit: holds the character U+000B"),
        (H + "1,,Paint,,2\x85,100,,,\n", "quantity: holds the character U+0085"),
        (H + "1,,Pa\ud800int,,2,100,,,\n", "line 2: holds the character U+D800 at position 6"),
        (H + "1,,Paint,,2,100,,,\r2,,Pens\n", "row 3: has 3 cells, the header has 9"),
        ("", "empty file: expected a header row with a 'code' column"),
        ("\n\n", "empty file"),
        (H, "no budget rows: the file holds a header row and nothing under it"),
        ("\ufeff" + H + "\n\n", "no budget rows"),
        (H + "1,,Paint,," + "9" * 140_000 + ",100,,,\n", "a cell is longer than"),
    ],
)
def test_malformed_text_is_a_located_one_line_error(text: str, says: str) -> None:
    assert says in one_line(text)


def test_a_bom_a_lone_cr_in_quotes_and_a_line_separator_are_read_as_written() -> None:
    budget = loads_budget_csv("\ufeff" + H + '1,,"Pa\rint",,2,100,,,\n2,,Pens\u2028blue,,1,5,,,\n')
    assert [r.item for r in budget.rows] == ["Pa\rint", "Pens\u2028blue"]
    assert budget.layout[0] == "code"
    assert loads_budget_csv(dumps_budget_csv(budget)) == budget


def test_a_million_columns_are_refused_quickly_naming_a_few() -> None:
    import time

    text = "code," + ",".join(f"c{i}" for i in range(1_000_000)) + "\n1\n"
    start = time.perf_counter()
    line = one_line(text)
    assert time.perf_counter() - start < 30
    assert "unknown column(s) 'c0', 'c1'" in line and "(1000000 in all)" in line
    assert len(line) < 1_000


def test_a_repeated_unknown_column_is_named_once() -> None:
    line = one_line("code," + ",".join(["x"] * 100_000) + "\n1\n")
    assert "unknown column(s) 'x';" in line


@pytest.mark.parametrize(
    ("column", "cell", "reason"),
    [
        ("quantity", "1" * 5000, "5000 significant digits, more than 40 (the digits limit"),
        ("quantity", "0." + "0" * 40 + "1", "too small: 1E-41 is below 10**-30"),
        ("periods", "1" * 5000, "5000 significant digits, more than 40"),
        ("periods", "1" + "0" * 35, "too large: 1E+35 is beyond 10**30"),
        ("unit_price", "1" * 5000, "amount: 5000 digits; an amount holds at most 28 significant"),
        ("unit_price", "1" * 60, "needs 60 significant digits"),
        ("declared_total", "9" * 400, "amount: 400 digits"),
    ],
)
def test_numbers_beyond_the_limits_are_unreadable_cells(
    column: str, cell: str, reason: str
) -> None:
    values = {"quantity": "2", "unit_price": "100", "periods": "", "declared_total": ""}
    values[column] = cell
    row = f"1,,Paint,,{values['quantity']},{values['unit_price']},{values['periods']},"
    budget = loads_budget_csv(H + row + f"{values['declared_total']},\n")
    (bad,) = budget.rows[0].invalid
    assert (bad.column, bad.text) == (column, cell)
    assert reason in bad.reason
    assert next(f.code for f in audit(budget)) == "invalid-value"


def test_limits_can_be_raised() -> None:
    from civicgrants.model.limits import use_limits

    text = H + "1,,Paint,," + "1" * 45 + ",0,,,\n"
    assert loads_budget_csv(text).rows[0].invalid
    with use_limits(digits=50, exponent=50):
        assert loads_budget_csv(text).rows[0].quantity == Decimal("1" * 45)


def test_a_line_total_that_is_no_exact_amount_is_an_unreadable_quantity() -> None:
    budget = loads_budget_csv(H + "1,,Paint,,0.000000000000000000000000000001,5,,,\n")
    (bad,) = budget.rows[0].invalid
    assert bad.column == "quantity"
    assert bad.reason.startswith("quantity × unit price: amount: 5.000000E-30 needs 31")


def test_a_tiny_quantity_beside_a_3_000_000_line_is_a_located_error() -> None:
    line = one_line(
        H + "1,,Paint,,0.000000000000000000000000000001,10000,,,\n2,,Hall,,1,3000000,,,\n"
    )
    assert line == (
        "b.csv: row 2 (code '1'): its total (quantity × unit price), "
        "0.00000000000000000000000001 KZT, cannot be added exactly to the budget's other "
        "amounts (the largest 3000000.00 KZT): the sum needs 33 significant digits, and an "
        "amount holds at most 28; round the quantity or the unit price"
    )


def test_amounts_too_large_to_add_are_a_located_error() -> None:
    big = "90000000000000000000000000"
    line = one_line(H + f"1,,A,,,,,{big},\n2,,B,,,,,{big},\n")
    assert f"row 2 (code '1').declared_total: {big}.00 KZT cannot be added" in line
    assert "needs 29 significant digits" in line


def _nested(depth: int) -> str:
    rows = [H.rstrip("\n")]
    parent = ""
    for i in range(depth):
        rows.append(f"g{i},{parent},Group {i},,,,,,")
        parent = f"g{i}"
    rows.append(f"x,{parent},Paint,,2,100,,,")
    return "\n".join(rows) + "\n"


def test_3000_nested_groups_are_refused_at_the_depth_limit() -> None:
    assert one_line(_nested(3000)) == (
        "b.csv: row 66 (code 'g64').parent: row 'g64' is nested 65 levels deep, deeper than 64 "
        "(the depth limit; raise it with --limit depth=N or use_limits(depth=N))"
    )


def test_deep_budgets_within_a_raised_limit_audit_and_total_without_recursion() -> None:
    from civicgrants.budget import check, summarise
    from civicgrants.model.limits import use_limits

    with use_limits(depth=5000):
        budget = loads_budget_csv(_nested(3000))
        result = check(budget)
    assert budget.computed("g0") == Money(200)
    assert not result.has_errors and result.computed == Money(200)
    # budget.policy's funding count (which summarise uses) still recurses: 200 levels here
    with use_limits(depth=300):
        summary = summarise(loads_budget_csv(_nested(200)))
    assert summary.computed == Money(200) and not summary.has_errors


def test_a_cycle_of_parents_is_a_located_error() -> None:
    assert "row 'a' is its own ancestor" in one_line(H + "a,b,A,,,,,,\nb,a,B,,,,,,\n")


def test_an_unreadable_periods_cell_leaves_the_line_total_unknown() -> None:
    budget = loads_budget_csv(H + "1,,Hall,,2,100,1.5,200,\n")
    row = budget.rows[0]
    assert row.periods == 1 and row.unreadable_periods
    assert row.computed_total is None and budget.total() is None
    assert [(f.code, f.numbers.get("column")) for f in audit(budget)] == [
        ("invalid-value", "periods")
    ]


# -- CSV → model → JSON → model (issue 15) -------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(budgets(sparse=True))
def test_a_budget_read_from_csv_round_trips_through_its_json_document(budget: Budget) -> None:
    from_csv = loads_budget_csv(dumps_budget_csv(budget), budget_id=budget.id)
    assert from_csv.rows == budget.rows
    document = dumps(from_csv, redact=False)
    assert loads(document) == from_csv
    assert dumps(loads(document), redact=False) == document
