"""Small grants under an NGO's own grant, against its budget line (seeds 001 and 002)."""

from __future__ import annotations

import datetime as dt

import attrs

from civicgrants.agreement import check_regrants, disburse, sign, spend
from civicgrants.budget import Actual, Budget, BudgetRow, Funding, Source
from civicgrants.datasets import seed_001_dossier
from civicgrants.model.money import Money
from civicgrants.testing.agreement import example_agreement, regrant

FUND = (
    "3.3.b"  # seed 001: «мини-гранты (фонд финансовой поддержки в каждом регионе)», 8 × 1 000 000
)


def _codes(check) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(f.code, f.location) for f in check.findings]


def test_seed_001_eight_regional_funds_fill_the_line() -> None:
    budget = seed_001_dossier().estimate.budget
    parent = example_agreement()
    subs = [regrant(parent, f"r{i}", FUND, Money(1_000_000)) for i in range(8)]
    check = check_regrants(parent, budget, subs)
    assert check.findings == () and not check.has_errors
    assert check.lines == ((FUND, Money(8_000_000), Money(8_000_000)),)
    over = check_regrants(parent, budget, [*subs, regrant(parent, "r9", FUND, Money(1))])
    assert _codes(over) == [("regrant-over-line", FUND)] and over.has_errors
    assert over.findings[0].numbers["excess"] == Money(1)
    under = check_regrants(parent, budget, subs[:7])
    assert _codes(under) == [("regrant-under-line", FUND)]
    assert under.findings[0].numbers["left"] == Money(1_000_000)


def test_seed_002_ten_small_grants_of_200_000() -> None:
    budget = Budget(
        "seed-002",
        rows=(
            BudgetRow(
                "1",
                item="Марафон чистых дел: 10 малых грантов",
                quantity=10,
                unit_price=Money(200_000),
                funding=(Funding(Source.GRANT, Money(2_000_000)),),
            ),
        ),
    )
    parent = sign(attrs.evolve(example_agreement(), id="ga-92"), dt.date(2024, 5, 28))
    subs = [
        disburse(
            sign(regrant(parent, f"w{i}", "1", Money(200_000)), dt.date(2024, 10, 1)),
            "t1",
            dt.date(2024, 10, 2),
        )
        for i in range(10)
    ]
    parent = disburse(parent, "t1", dt.date(2024, 6, 1))  # 600 000 to the NGO so far
    check = check_regrants(parent, budget, subs)
    # 2 000 000 paid to the winners, but the NGO's own spending records none on the line
    assert _codes(check) == [("regrant-paid-not-spent", "1")]
    assert check.findings[0].numbers == {"paid": Money(2_000_000), "spent": Money(0)}
    parent = spend(parent, [Actual("1", Source.GRANT, Money(600_000))])
    assert check_regrants(parent, budget, subs).findings[0].numbers["spent"] == Money(600_000)


def test_each_sub_agreement_must_belong() -> None:
    budget = seed_001_dossier().estimate.budget
    parent = example_agreement()
    stranger = regrant(attrs.evolve(parent, id="other"), "x", FUND, Money(1))
    nowhere = regrant(parent, "y", "9.9.9", Money(1))
    late = attrs.evolve(regrant(parent, "z", FUND, Money(8_000_000)), end=dt.date(2022, 6, 30))
    check = check_regrants(parent, budget, [stranger, nowhere, late])
    assert _codes(check) == [
        ("regrant-other-parent", "other-x"),
        ("regrant-unknown-line", "ga-example-y"),
        ("regrant-outside-period", "ga-example-z"),
    ]
