"""Execution: planned against actual, the grant to return, reallocation, exact splits."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from civicgrants.budget import (
    Actual,
    Budget,
    BudgetRow,
    Funding,
    Policy,
    Source,
    allocate_total,
    audit,
    budget_shares,
    execute,
    planned_split,
    reallocate,
)
from civicgrants.datasets import seed_001_budget
from civicgrants.model import Money, Severity

SEED = seed_001_budget()
G, A, R = Source.GRANT, Source.AKIMAT, Source.RESIDENTS_INKIND


def line(
    code: str,
    parent: str | None,
    quantity: int | str,
    price: int | str,
    *funding: tuple[Source, int | str],
    periods: int = 1,
    declared: bool = True,
) -> BudgetRow:
    total = Money(price) * Decimal(quantity) * periods
    return BudgetRow(
        code,
        parent,
        item=f"item {code}",
        quantity=Decimal(quantity),
        unit_price=Money(price),
        periods=periods,
        declared_total=total if declared else None,
        funding=tuple(Funding(s, Money(a)) for s, a in funding),
    )


def group(code: str, parent: str | None, total: int, *funding: tuple[Source, int]) -> BudgetRow:
    return BudgetRow(
        code,
        parent,
        item=f"group {code}",
        declared_total=Money(total),
        funding=tuple(Funding(s, Money(a)) for s, a in funding),
    )


PLAYGROUND = Budget(
    "playground",
    rows=(
        group("1", None, 3_000_000, (G, 2_000_000), (A, 700_000), (R, 300_000)),
        line("1.a", "1", 1, 1_800_000, (G, 1_800_000)),  # equipment
        line("1.b", "1", 40, 5_000, (G, 200_000)),  # sand, t
        line("1.c", "1", 10, 70_000, (A, 700_000)),  # lorry days
        line("1.d", "1", 300, 1_000, (R, 300_000)),  # residents' hours
    ),
)


def no_errors(budget: Budget) -> bool:
    return not [f for f in audit(budget) if f.severity is Severity.ERROR]


# -- execute ------------------------------------------------------------------------------


def test_planned_against_actual_per_line_and_source() -> None:
    ex = execute(
        PLAYGROUND,
        [
            Actual("1.a", G, Money(1_750_000)),
            Actual("1.b", G, Money(100_000)),
            Actual("1.b", G, Money(60_000)),  # two payments
            Actual("1.c", A, Money(700_000)),
            Actual("1.d", R, Money(240_000)),
        ],
    )
    assert no_errors(PLAYGROUND)
    b = ex.line("1.b")
    assert (b.planned, b.actual, b.variance, b.percent) == (
        Money(200_000),
        Money(160_000),
        Money(-40_000),
        Decimal("80.00"),
    )
    assert ex.line("1.b", G) == attrs.evolve(b, source=G)
    assert ex.total().planned == Money(3_000_000)
    assert ex.total().actual == Money(2_850_000)
    assert ex.total(G).actual == Money(1_910_000)
    assert ex.unspent_grant == Money(90_000)
    assert ex.total(R).percent == Decimal("80.00")
    assert ex.total(Source.BUSINESS).planned == Money(0)
    assert ex.findings == () and ex.ignored == ()
    assert [r.code for r in ex.lines if r.source is None] == ["1.a", "1.b", "1.c", "1.d"]
    with pytest.raises(KeyError, match=r"1\.a"):
        ex.line("1.a", A)


def test_percent_is_rounded_half_up_to_a_hundredth_and_none_without_a_plan() -> None:
    b = Budget(
        "b",
        rows=(
            line("1", None, 3, 100, (G, 300)),
            line("2", None, 1, 0, (G, 0)),
        ),
    )
    ex = execute(
        b,
        [Actual("1", G, Money("200.005")), Actual("2", G, Money(0))],
    )
    assert ex.line("1").percent == Decimal("66.67")  # 200.005 / 300 = 66.668333 %
    assert ex.line("2").percent is None
    ex = execute(b, [Actual("1", G, Money("0.015"))])
    assert ex.line("1").percent == Decimal("0.01")  # 0.005 % rounds half up


def test_overspends_are_findings_and_the_unspent_grant_is_never_negative() -> None:
    ex = execute(
        PLAYGROUND,
        [
            Actual("1.a", G, Money(1_900_000)),  # 100 000 over
            Actual("1.b", G, Money(150_000)),
            Actual("1.c", G, Money(50_000)),  # the grant paid for the lorry too
            Actual("1.c", A, Money(700_000)),
        ],
    )
    assert [(f.code, f.severity, f.location, f.numbers["source"]) for f in ex.findings] == [
        ("overspend", Severity.WARNING, "1.a", None),
        ("overspend", Severity.WARNING, "1.a", "grant"),
        ("overspend", Severity.WARNING, "1.c", None),
        ("overspend", Severity.WARNING, "1.c", "grant"),
        ("overspend", Severity.ERROR, "budget", "grant"),
    ]
    assert ex.unspent_grant == Money(0)
    whole = ex.findings[-1]
    assert whole.numbers["variance"] == Decimal("100000.00")
    assert "Перерасход" in whole.message_ru and "overspend" in whole.message_en
    assert ex.line("1.c", G).planned == Money(0) and ex.line("1.c", G).percent is None


def test_actuals_that_cannot_be_placed_are_kept_and_reported() -> None:
    wrong = [
        Actual("9.9", G, Money(10)),
        Actual("1", G, Money(20)),
        Actual("1.a", G, Money(30, "EUR")),
    ]
    ex = execute(PLAYGROUND, [*wrong, Actual("1.a", G, Money(40))])
    assert [(f.code, f.severity, f.location) for f in ex.findings] == [
        ("actual-unknown-code", Severity.ERROR, "9.9"),
        ("actual-on-group", Severity.ERROR, "1"),
        ("invalid-value", Severity.ERROR, "1.a"),
    ]
    assert ex.ignored == tuple(wrong)
    assert ex.total().actual == Money(40)
    with pytest.raises(TypeError, match="Actual"):
        execute(PLAYGROUND, [("1.a", G, Money(1))])  # type: ignore[list-item]


def test_a_line_split_inherited_from_its_group_reproduces_the_group_exactly() -> None:
    b = Budget(
        "b",
        rows=(
            group("1", None, 1_000, (G, 667), (A, 333)),
            line("1.a", "1", 1, "333.33", declared=False),
            line("1.b", "1", 1, "333.33", declared=False),
            line("1.c", "1", 1, "333.34", declared=False),
        ),
    )
    split = planned_split(b)
    by_line = {c: {f.source: f.amount for f in (s or ())} for c, s in split.items()}
    assert sum((d[G] for d in by_line.values()), Money(0)) == Money(667)
    assert sum((d[A] for d in by_line.values()), Money(0)) == Money(333)
    for code, d in by_line.items():
        assert Money.sum(d.values()) == b.computed(code)
    ex = execute(b, [Actual("1.a", G, Money(100))])
    assert ex.total(G).planned == Money(667) and ex.unspent_grant == Money(567)


def test_a_funded_child_is_taken_out_before_the_rest_is_shared() -> None:
    b = Budget(
        "b",
        rows=(
            group("1", None, 600, (G, 400), (A, 200)),
            line("1.a", "1", 1, 200, (A, 200)),
            line("1.b", "1", 1, 100),
            line("1.c", "1", 3, 100),
        ),
    )
    split = planned_split(b)
    assert split["1.a"] == (Funding(A, Money(200)),)
    assert split["1.b"] == (Funding(G, Money(100)),)  # the akimat's part is used up by 1.a
    assert split["1.c"] == (Funding(G, Money(300)),)


def test_a_line_without_any_funding_is_compared_with_zero_per_source() -> None:
    b = Budget("b", rows=(line("1", None, 1, 100),))
    ex = execute(b, [Actual("1", G, Money(150))])
    assert [(f.code, f.severity) for f in ex.findings] == [
        ("plan-unknown", Severity.INFO),
        ("overspend", Severity.WARNING),  # the line as a whole
        ("overspend", Severity.ERROR),  # the grant: nothing was planned for it
    ]
    assert ex.line("1", G).planned == Money(0)


def test_seed_001_executed_with_the_mini_grants_half_paid() -> None:
    actuals = [
        Actual(r.code, G, r.declared_total)
        for r in SEED.lines
        if r.declared_total is not None and r.code != "3.3.b"
    ]
    actuals.append(Actual("3.3.b", G, Money(4_000_000)))
    ex = execute(SEED, actuals)
    assert ex.findings == ()
    assert ex.total(G).planned == Money(32_051_320)  # the lines, handouts included
    assert ex.unspent_grant == Money(4_000_000)
    assert ex.line("3.3.b").percent == Decimal("50.00")


# -- reallocate ---------------------------------------------------------------------------


def test_reallocation_moves_grant_money_and_keeps_the_budget_consistent() -> None:
    r = reallocate(PLAYGROUND, "1.a", "1.b", Money(100_000), reason="cheaper supplier")
    assert r.applied and r.findings == ()
    new = r.budget
    assert new.row("1.a").unit_price == Money(1_700_000)
    assert new.row("1.a").funding == (Funding(G, Money(1_700_000)),)
    assert new.row("1.b").unit_price == Money(7_500)  # 40 t at 7 500
    assert new.row("1.b").declared_total == Money(300_000)
    assert new.row("1") == PLAYGROUND.row("1")  # the common parent is unchanged
    assert new.total() == PLAYGROUND.total()
    assert no_errors(new)
    m = r.move
    assert (m.source, m.amount, m.from_code, m.to_code) == (G, Money(100_000), "1.a", "1.b")
    assert m.reason == "cheaper supplier"
    assert m.from_before == PLAYGROUND.row("1.a") and m.to_after == new.row("1.b")


def test_reallocation_across_blocks_moves_the_parents_too() -> None:
    r = reallocate(SEED, "1.4", "3.5.c", Money(27_000))
    new = r.budget
    assert new.row("1.4").unit_price == Money(18_000)  # 9 months × 18 000
    assert new.row("1").declared_total == Money(5_930_720 - 27_000)
    assert new.row("1").funded(G) == Money(5_930_720 - 27_000)
    assert new.row("3.5.w.leg").declared_total == Money(207_000)
    assert new.row("3").declared_total == SEED.row("3").declared_total + Money(27_000)
    assert new.row("TOTAL") == SEED.row("TOTAL")
    assert new.total() == SEED.total()
    # the move adds no finding: the seed's own two remain, with the 3.5 gap unchanged
    assert [(f.code, f.location) for f in audit(new)] == [(f.code, f.location) for f in audit(SEED)]


def test_a_total_that_does_not_divide_changes_the_quantity_then_the_periods() -> None:
    b = Budget(
        "b",
        rows=(
            line("1", None, 3, 100, (G, 900), periods=3),
            line("2", None, 1, 100, (G, 100)),
        ),
    )
    r = reallocate(b, "1", "2", Money(100))  # 800 over 3 × 3 is not exact
    row = r.budget.row("1")
    assert (row.quantity, row.periods, row.unit_price) == (Decimal(1), 1, Money(800))
    r = reallocate(b, "1", "2", Money(300))  # 600 / 9 is not exact, 600 / 3 is
    row = r.budget.row("1")
    assert (row.quantity, row.periods, row.unit_price) == (Decimal(1), 3, Money(200))
    r = reallocate(b, "1", "2", Money("450"))  # 450 / 9 = 50 exactly
    assert r.budget.row("1").unit_price == Money(50)
    assert all(no_errors(x.budget) for x in (r,))


def test_moving_a_non_grant_source_adds_it_to_the_receiving_line() -> None:
    r = reallocate(PLAYGROUND, "1.c", "1.a", Money(200_000), source=A)
    assert r.budget.row("1.a").funding == (
        Funding(G, Money(1_800_000)),
        Funding(A, Money(200_000)),
    )
    assert no_errors(r.budget)
    assert budget_shares(r.budget).akimat == Money(700_000)


def test_the_reallocation_limit_is_checked_on_both_lines() -> None:
    cap = Policy(name="10-percent", max_reallocation_share=Decimal("0.1"))
    ok = reallocate(PLAYGROUND, "1.a", "1.b", Money(20_000), policy=cap)
    assert ok.applied
    r = reallocate(PLAYGROUND, "1.a", "1.b", Money(100_000), policy=cap)
    assert not r.applied and r.budget is PLAYGROUND
    assert r.proposed.row("1.b").declared_total == Money(300_000)
    (f,) = r.findings  # 1.a changes by 5.6 %, 1.b by 50 %
    assert (f.code, f.location, f.numbers["rule"]) == (
        "policy-breach",
        "1.b",
        "max_reallocation_share",
    )
    assert f.numbers["actual"] == Decimal("0.500000")
    assert f.numbers["allowed"] == Decimal("20000.00")
    assert f.numbers["excess"] == Decimal("80000.00")
    assert "10.00 %" in f.message_en and "10.00 %" in f.message_ru


def test_a_series_of_moves_is_limited_against_the_approved_baseline() -> None:
    cap = Policy(max_reallocation_share=Decimal("0.1"))
    first = reallocate(PLAYGROUND, "1.a", "1.b", Money(15_000), policy=cap)
    assert first.applied
    again = reallocate(first.budget, "1.a", "1.b", Money(15_000), policy=cap)
    assert again.applied  # measured against the moved budget: 7 %
    total = reallocate(first.budget, "1.a", "1.b", Money(15_000), policy=cap, baseline=PLAYGROUND)
    assert not total.applied  # 30 000 on 200 000 planned: 15 %


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (("1.a", "1.a", Money(1)), ValueError, "both '1.a'"),
        (("1", "1.b", Money(1)), ValueError, "is a group"),
        (("1.a", "9", Money(1)), KeyError, "no row with code '9'"),
        (("1.a", "1.b", Money(0)), ValueError, "must be > 0"),
        (("1.a", "1.b", Money(1, "EUR")), ValueError, "in EUR"),
        (("1.a", "1.b", Money(1_800_001)), ValueError, "plans 1800000.00 KZT of grant"),
        (("1.c", "1.b", Money(1)), ValueError, "plans none of grant"),
    ],
)
def test_impossible_reallocations_raise(
    args: tuple[str, str, Money], error: type, match: str
) -> None:
    with pytest.raises(error, match=match):
        reallocate(PLAYGROUND, *args)


def test_money_cannot_move_to_a_line_that_no_row_funds() -> None:
    b = Budget("b", rows=(line("1", None, 1, 100, (G, 100)), line("2", None, 1, 100)))
    with pytest.raises(ValueError, match="line '2' and the groups above it state no funding"):
        reallocate(b, "1", "2", Money(50))


def test_a_parent_that_states_funding_without_the_source_cannot_give_it() -> None:
    b = Budget(
        "b",
        rows=(
            group("1", None, 100, (A, 100)),
            line("1.a", "1", 1, 100, (G, 100)),  # inconsistent: the group says akimat
            line("2", None, 1, 100, (G, 100)),
        ),
    )
    with pytest.raises(ValueError, match="row '1' states no grant funding to move"):
        reallocate(b, "1.a", "2", Money(50))


# -- allocate_total -----------------------------------------------------------------------


def test_allocate_a_total_across_lines_and_sources_exactly() -> None:
    parts = allocate_total(Money("100.00"), PLAYGROUND, ["1.b", "1.c", "1.d"])
    assert {k: v.amount for k, v in parts.items()} == {
        "1.b": Decimal("16.67"),
        "1.c": Decimal("58.33"),
        "1.d": Decimal("25.00"),
    }
    every = allocate_total(Money("0.03"), PLAYGROUND)
    assert list(every) == ["1.a", "1.b", "1.c", "1.d"]
    assert Money.sum(every.values()) == Money("0.03")
    by_source = allocate_total(Money(1_000), PLAYGROUND, Source)
    assert {s.value: v.amount for s, v in by_source.items()} == {
        "grant": Decimal("666.67"),
        "cofinancing_akimat": Decimal("233.33"),
        "cofinancing_residents_inkind": Decimal("100.00"),
    }
    two = allocate_total(Money(1_000), PLAYGROUND, [A, Source.BUSINESS])
    assert two == {A: Money(1_000), Source.BUSINESS: Money(0)}


def test_allocate_total_refuses_what_it_cannot_split() -> None:
    with pytest.raises(TypeError, match=r"the string '1\.a'"):
        allocate_total(Money(1), PLAYGROUND, "1.a")
    with pytest.raises(ValueError, match="every weight is zero"):
        allocate_total(Money(1), PLAYGROUND, [Source.BUSINESS])
    with pytest.raises(ValueError, match="not a whole number"):
        allocate_total(Money("0.005"), PLAYGROUND)
    with pytest.raises(ValueError, match="nothing to allocate"):
        allocate_total(Money(1), PLAYGROUND, [])
    with pytest.raises(TypeError, match="mixes"):
        allocate_total(Money(1), PLAYGROUND, [G, "1.a"])  # type: ignore[list-item]
