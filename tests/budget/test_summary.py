"""``budget summary``: totals that cannot be computed say why, and the command exits 1."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from civicgrants.budget import Budget, BudgetRow, Funding, Source, summarise
from civicgrants.cli import main
from civicgrants.datasets import seed_001_budget
from civicgrants.io.budget_csv import loads_budget_csv
from civicgrants.io.render import render
from civicgrants.model import Money, Severity

H = "code,parent,item,quantity,unit_price,periods,declared_total,grant\n"


def reasons(text: str) -> list[tuple[str, str, str]]:
    summary = summarise(loads_budget_csv(H + text))
    return [(f.code, f.location, f.message_en) for f in summary.not_computed]


def test_the_seed_summary_computes_everything() -> None:
    summary = summarise(seed_001_budget())
    assert summary.not_computed == () and not summary.has_errors


@pytest.mark.parametrize(
    ("rows", "why"),
    [
        ("1,,Paint,abc,100,,,\n", "row 1: its total cannot be computed: quantity: not a number ('abc')"),
        ("1,,Paint,,100,,,\n", "row 1: its total cannot be computed: quantity is missing"),
        ("1,,Paint,2,,,,\n", "row 1: its total cannot be computed: unit_price is missing"),
        ("1,,Paint,2,100 EUR,,,\n", "row 1: its total cannot be computed: unit_price is in EUR, the budget in KZT"),
        ("1,,Hall,2,100,1.5,,\n", "row 1: its total cannot be computed: periods: must be a whole number >= 1, got 1.5 ('1.5')"),
        ("1,,Group,,,,5 EUR,\n", "row 1: its total cannot be computed: declared_total is in EUR, the budget in KZT"),
    ],
)  # fmt: skip
def test_a_total_that_cannot_be_computed_says_why(rows: str, why: str) -> None:
    assert reasons(rows) == [("not-computed", "1", why)]


def test_only_the_rows_at_fault_are_named_not_the_groups_above() -> None:
    found = reasons("1,,Admin,,,,,\n1.a,1,Bank,x,100,,,\n1.b,1,Pens,2,5,,,\n2,,Hall,1,10,,,\n")
    assert [(code, where) for code, where, _ in found] == [("not-computed", "1.a")]


def test_a_zero_total_says_no_share_can_be_computed() -> None:
    summary = summarise(loads_budget_csv(H + "1,,Paint,0,100,,,\n"))
    (finding,) = summary.not_computed
    assert (finding.code, finding.severity, finding.location) == (
        "no-shares",
        Severity.ERROR,
        "shares",
    )
    assert finding.message_en == "shares cannot be computed: the budget's stated total is 0.00"
    assert finding.message_ru == "Доли не вычисляются: итог бюджета равен 0.00"


def test_shares_are_exact_whatever_the_magnitudes() -> None:
    budget = Budget(
        "b",
        (
            BudgetRow("1", item="A", declared_total=Money("0.01")),
            BudgetRow(
                "2",
                item="B",
                declared_total=Money(10**22),
                funding=(Funding(Source.GRANT, Money(10**22)),),
            ),
        ),
    )
    summary = summarise(budget)
    assert [s.share for s in summary.sections] == [Decimal("0.00"), Decimal("100.00")]
    big = Budget("b", (BudgetRow("1", quantity=Decimal(1), unit_price=Money(10**24)),))
    assert summarise(big).sections[0].share == Decimal("100.00")


def test_the_views_print_the_reasons_in_the_language_asked() -> None:
    summary = summarise(loads_budget_csv(H + "1,,Pa\u2028int,abc,100,,,\n"), name="b.csv")
    text = render(summary, "text", lang="ru")
    assert "Pa\\u2028int" in text and "\u2028" not in text
    assert text.endswith(
        "Не вычислено (каждое — выше), и почему\n"
        "  Строка 1: сумма не вычисляется: поле quantity: не число («abc»)\n"
    )
    assert '"not_computed": [' in render(summary, "json")
    assert '"not_computed"' not in render(summarise(seed_001_budget()), "json")


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_budget_summary_exits_1_when_a_figure_is_unknown(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_text(H + "1,,Paint,abc,100,,,\n2,,Pens,1,50,,,\n", encoding="utf-8")
    status, out, err = _run(["budget", "summary", str(path)])
    assert (status, err) == (1, "")
    assert "computed —" in out
    assert out.endswith("  row 1: its total cannot be computed: quantity: not a number ('abc')\n")
    status, out, _ = _run(["budget", "summary", str(path), "--format", "json"])
    assert status == 1 and '"code": "not-computed"' in out


def test_budget_summary_of_a_readable_budget_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_text(H + "1,,Paint,2,100,,,\n", encoding="utf-8")
    assert _run(["budget", "summary", str(path)])[0] == 0


def test_a_group_whose_printed_total_is_unreadable_is_unknown_not_zero() -> None:
    budget = loads_budget_csv(H + "1,,Admin,,,,abc,\n2,,Hall,1,10,,,\n")
    assert budget.computed("1") is None and budget.total() is None
    assert reasons("1,,Admin,,,,abc,\n2,,Hall,1,10,,,\n") == [
        (
            "not-computed",
            "1",
            "row 1: its total cannot be computed: declared_total: not an amount this parser "
            "knows (see Money.parse for the forms) ('abc')",
        )
    ]
