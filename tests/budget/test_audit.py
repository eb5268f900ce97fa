"""The budget audit catches the seed documents' real errors, and nothing on correct rows."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from civicgrants.budget import Budget, BudgetRow, Derived, Funding, InvalidCell, Source, audit
from civicgrants.datasets import seed_001_budget
from civicgrants.datasets.seed_001_calendar import calendar_plan
from civicgrants.model import Money, Severity

SEED = seed_001_budget()


def codes(findings: object) -> list[tuple[str, str]]:
    return [(f.code, f.location) for f in findings]  # type: ignore[attr-defined]


def test_seed_001_gap_in_the_seminars_names_the_handouts_block() -> None:
    (gap,) = [f for f in audit(SEED) if f.code == "subtotal-mismatch"]
    assert gap.location == "3.5"
    assert gap.severity is Severity.ERROR
    assert dict(gap.numbers) == {
        "declared": Decimal("8093600.00"),
        "computed": Decimal("8253600.00"),
        "gap": Decimal("160000.00"),
        "suspects": ["3.5.h"],
    }
    assert "3.5.h" in gap.message_en and "3.5.h" in gap.message_ru
    assert SEED.row("3.5.h").item == "приобретение раздаточных материалов, в том числе"


def test_seed_001_duplicated_survey_design() -> None:
    (dup,) = [f for f in audit(SEED) if f.code == "duplicate-line"]
    assert (dup.location, dup.severity) == ("3.2.a", Severity.WARNING)
    assert dict(dup.numbers) == {"amount": Decimal("80000.00"), "first": "3.1.b", "second": "3.2.a"}


def test_seed_001_no_error_on_the_correct_lines() -> None:
    findings = audit(SEED)
    assert [f for f in findings if f.severity is Severity.ERROR and f.location != "3.5"] == []
    assert codes(findings) == [("subtotal-mismatch", "3.5"), ("duplicate-line", "3.2.a")]
    # the 36 leaf lines all satisfy quantity × unit price = total
    lines = [r for r in SEED.rows if r.is_line]
    assert len(lines) == 36
    assert all(r.computed_total == r.declared_total for r in lines)


def test_seed_001_payroll_rates_reproduce_the_form() -> None:
    assert SEED.row("1.2").unit_price == Money(47_880)
    assert SEED.row("1.3").unit_price == Money(11_200)
    assert not [f for f in audit(SEED) if f.code == "payroll-rate"]
    wrong = _replace(SEED, "1.2", unit_price=Money(50_000), declared_total=Money(450_000))
    (f,) = [f for f in audit(wrong) if f.code == "payroll-rate"]
    assert f.location == "1.2" and f.numbers["expected"] == Decimal("47880.00")


def test_seed_001_calendar_and_participants() -> None:
    findings = audit(SEED, calendar=calendar_plan(), participants={"3.5": 240})
    unbudgeted = [f.location for f in findings if f.code == "unbudgeted-activity"]
    assert unbudgeted == ["calendar activity 4", "calendar activity 5", "calendar activity 9"]
    assert not [f for f in findings if f.code == "unscheduled-block"]
    hints = [f for f in findings if f.code == "quantity-hint"]
    assert [h.location for h in hints] == [
        "3.5.h.a",
        "3.5.h.b",
        "3.5.h.c",
    ]  # 250 handouts, 240 people
    assert all(h.severity is Severity.INFO and h.numbers["difference"] == 10 for h in hints)


def _replace(budget: Budget, code: str, **changes: object) -> Budget:
    rows = tuple(attrs.evolve(r, **changes) if r.code == code else r for r in budget.rows)
    return attrs.evolve(budget, rows=rows)


def _line(
    code: str,
    parent: str | None,
    qty: int,
    price: int,
    declared: int | None = None,
    item: str | None = None,
) -> BudgetRow:
    return BudgetRow(
        code,
        parent,
        item=item or f"item {code}",
        quantity=Decimal(qty),
        unit_price=Money(price),
        declared_total=None if declared is None else Money(declared),
    )


def test_line_arithmetic() -> None:
    b = Budget(
        "b",
        (
            BudgetRow("1", declared_total=Money(600)),
            _line("1.a", "1", 3, 100, 300),
            _line("1.b", "1", 2, 100, 300),
        ),
    )
    assert codes(audit(b)) == [("line-arithmetic", "1.b")]
    f = audit(b)[0]
    assert dict(f.numbers) == {
        "declared": Decimal("300.00"),
        "computed": Decimal("200.00"),
        "gap": Decimal("-100.00"),
        "quantity": Decimal(2),
        "unit_price": Decimal("100.00"),
        "periods": 1,
    }


def test_a_wrong_subtotal_is_reported_there_and_not_above() -> None:
    b = Budget(
        "b",
        (
            BudgetRow("TOTAL", declared_total=Money(1000)),
            BudgetRow("1", declared_total=Money(700)),  # printed wrong: rows give 600
            _line("1.a", "1", 3, 100, 300),
            _line("1.b", "1", 3, 100, 300),
            BudgetRow("2", declared_total=Money(300)),
            _line("2.a", "2", 3, 100, 300),
        ),
    )
    assert codes(audit(b)) == [("subtotal-mismatch", "1")]


def test_a_block_left_out_is_reported_at_the_group_that_left_it_out() -> None:
    b = Budget(
        "b",
        (
            BudgetRow("TOTAL", declared_total=Money(600)),  # consistent with the printed subtotals
            BudgetRow("1", declared_total=Money(300)),  # leaves out block 1.y
            BudgetRow("1.x", "1", declared_total=Money(300)),
            _line("1.x.a", "1.x", 3, 100, 300),
            BudgetRow("1.y", "1", declared_total=Money(200)),
            _line("1.y.a", "1.y", 2, 100, 200),
            BudgetRow("2", declared_total=Money(300)),
            _line("2.a", "2", 3, 100, 300),
        ),
    )
    findings = audit(b)
    assert codes(findings) == [("subtotal-mismatch", "1")]
    assert findings[0].numbers["suspects"] == ["1.y"]


def test_split_mismatch_and_currency_mix() -> None:
    row = _line("1", None, 1, 1000, 1000)
    split = attrs.evolve(
        row, funding=(Funding(Source.GRANT, Money(600)), Funding(Source.OWN, Money(300)))
    )
    (f,) = audit(Budget("b", (split,)))
    assert (f.code, f.location, f.numbers["gap"]) == ("split-mismatch", "1", Decimal("100.00"))
    euro = attrs.evolve(row, unit_price=Money(1000, "EUR"))
    (g,) = audit(Budget("b", (euro,)))
    assert (g.code, g.numbers["currency"]) == ("invalid-value", "EUR")


def test_unreadable_cells_are_findings_not_exceptions() -> None:
    bad = BudgetRow(
        "1", item="pens", invalid=(InvalidCell("quantity", "-2", "must be >= 0, got -2"),)
    )
    (f,) = audit(Budget("b", (BudgetRow("G"), attrs.evolve(bad, parent="G"))))
    assert (f.code, f.location, f.severity) == ("invalid-value", "1", Severity.ERROR)
    assert f.message_en == "row 1, quantity: must be >= 0, got -2 ('-2')"


def test_a_correct_budget_gives_no_error_findings() -> None:
    b = Budget(
        "b",
        (
            BudgetRow(
                "1", declared_total=Money(619_080), funding=(Funding(Source.GRANT, Money(619_080)),)
            ),
            BudgetRow(
                "1.a",
                "1",
                item="salary",
                quantity=Decimal(1),
                unit_price=Money(560_000),
                declared_total=Money(560_000),
                derived=Derived.SALARY,
            ),
            BudgetRow(
                "1.b",
                "1",
                item="social tax",
                quantity=Decimal(1),
                unit_price=Money(47_880),
                declared_total=Money(47_880),
                derived=Derived.SOCIAL_TAX,
            ),
            BudgetRow(
                "1.c",
                "1",
                item="ОСМС",
                quantity=Decimal(1),
                unit_price=Money(11_200),
                declared_total=Money(11_200),
                derived=Derived.HEALTH_INSURANCE,
            ),
        ),
    )
    assert audit(b) == ()


def test_a_groups_split_must_match_its_rows_source_by_source() -> None:
    b = Budget(
        "b",
        (
            BudgetRow("1", declared_total=Money(300), funding=(Funding(Source.GRANT, Money(300)),)),
            BudgetRow(
                "1.a",
                "1",
                quantity=Decimal(1),
                unit_price=Money(300),
                declared_total=Money(300),
                funding=(Funding(Source.AKIMAT, Money(300)),),
            ),
        ),
    )
    (f,) = audit(b)
    assert (f.code, f.location, f.numbers["sources"]) == (
        "split-mismatch",
        "1",
        ["cofinancing_akimat", "grant"],
    )


def test_a_total_row_must_be_a_group() -> None:
    import pytest

    from civicgrants.errors import ValidationError

    with pytest.raises(ValidationError, match="the TOTAL row is the grand total"):
        Budget(
            "b",
            (
                BudgetRow("TOTAL", quantity=Decimal(1), unit_price=Money(100)),
                BudgetRow("1", item="x", quantity=Decimal(5), unit_price=Money(1000)),
            ),
        )


def test_check_carries_the_findings_rows_and_totals() -> None:
    from civicgrants.budget import BudgetCheck, check
    from civicgrants.datasets import seed_001_budget
    from civicgrants.errors import ValidationError

    budget = seed_001_budget()
    result = check(budget, participants={"3.5": 240}, name="seed.csv")
    assert isinstance(result, BudgetCheck) and result.has_errors
    assert result.findings == audit(budget, participants={"3.5": 240})
    assert (result.rows, result.currency, result.name) == (70, "KZT", "seed.csv")
    assert (result.stated, result.computed) == (budget.stated("TOTAL"), budget.total())
    clean = Budget("b", rows=(BudgetRow("1", item="x", declared_total=Money(5)),))
    assert check(clean).stated is None and not check(clean).has_errors
    with pytest.raises(ValidationError, match="participants: names no row '9'"):
        check(budget, participants={"9": 1})


# -- issue 14: Russian messages are Russian; a line without a quantity is an error ------------

_BAD_CELLS = [
    ("quantity", "abc"),
    ("quantity", "-2"),
    ("quantity", "1" * 5000),
    ("quantity", "0." + "0" * 40 + "1"),
    ("quantity", "1,2,3.4"),
    ("quantity", "1 50"),
    ("quantity", "0.000000000000000000000000000001"),
    ("unit_price", "сто тенге"),
    ("unit_price", "-5"),
    ("unit_price", "5 EUR 6 KZT"),
    ("unit_price", "5 XYZ"),
    ("unit_price", "около 5 000"),
    ("unit_price", "2 - 3 млн"),
    ("unit_price", "1" * 60),
    ("unit_price", "9" * 400),
    ("unit_price", "--5"),
    ("periods", "1,5"),
    ("periods", "0"),
    ("periods", "1" + "0" * 35),
    ("declared_total", "TRUE"),
    ("grant", "#DIV/0!"),
    ("derived", "boss"),
]


@pytest.mark.parametrize(("column", "text"), _BAD_CELLS)
def test_every_reason_a_reader_gives_has_a_russian_message(column: str, text: str) -> None:
    import re

    from civicgrants.budget.audit import reason_ru
    from civicgrants.io.budget_csv import budget_row

    record = {"code": "1.2", "quantity": "2", "unit_price": "5", column: text}
    (cell,) = budget_row(record, "KZT").invalid
    russian = reason_ru(cell.reason)
    assert russian != "значение не прочитано", cell.reason
    budget = Budget("b", (budget_row(record, "KZT"),))
    (finding,) = [f for f in audit(budget) if f.code == "invalid-value"]
    message = finding.message_ru.replace(column, "").replace(text, "")
    words = re.findall(r"[A-Za-z]{3,}", message)
    assert set(words) <= {"digits", "exponent", "limit", "KZT", "EUR", "XYZ", "salary", "social_tax",
                          "health_insurance", "social", "tax", "health", "insurance"}, message  # fmt: skip


def test_the_issues_mixed_language_message_is_russian_now() -> None:
    from civicgrants.io.budget_csv import loads_budget_csv

    budget = loads_budget_csv("code,parent,unit_price,quantity\n1,,,\n1.2,1,сто тенге,2\n")
    (finding,) = audit(budget)
    assert finding.message_ru == (
        "Строка 1.2, поле unit_price: не сумма в знакомой записи (например, «1 260 000», "
        "«140 000,50», «458 000 EUR») («сто тенге»)"
    )
    assert finding.message_en.startswith("row 1.2, unit_price: not an amount this parser knows")


def test_a_line_without_a_quantity_is_an_error() -> None:
    budget = Budget("b", (BudgetRow("1", item="Paint", unit_price=Money(100)),))
    (finding,) = audit(budget)
    assert (finding.code, finding.severity) == ("invalid-value", Severity.ERROR)
    assert (
        finding.message_en == "row 1: quantity is missing, so the line's total cannot be computed"
    )


def test_the_row_checks_reject_numbers_beyond_the_limits() -> None:
    with pytest.raises(ValueError, match="quantity: 41 significant digits"):
        BudgetRow("1", quantity=Decimal("1" * 41))
    with pytest.raises(ValueError, match="periods: too large"):
        BudgetRow("1", periods=10**31)
    with pytest.raises(ValueError, match=r"quantity × unit_price × periods: amount: 5\.0+E-30"):
        BudgetRow("1", quantity=Decimal("1E-30"), unit_price=Money(5))


def test_quantity_hints_are_exact_for_long_quantities() -> None:
    row = BudgetRow(
        "3.5.a", "3.5", item="Кофе-брейк", quantity=Decimal("240.0000000000000000000000000000001")
    )
    budget = Budget("b", (BudgetRow("3.5", item="Seminar"), row))
    (hint,) = [f for f in audit(budget, participants={"3.5": 240}) if f.code == "quantity-hint"]
    assert hint.numbers["difference"] == Decimal("0.0000000000000000000000000000001")
