"""Small grants under an NGO's own grant, against its budget line (seeds 001 and 002)."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings

from civicgrants.agreement import (
    AgreementStatus,
    GrantAgreement,
    Tranche,
    check_regrants,
    close,
    disburse,
    ledger,
    sign,
    spend,
    terminate,
)
from civicgrants.agreement.regranting import committed
from civicgrants.budget import Actual, Budget, BudgetRow, Funding, Source
from civicgrants.datasets import seed_001_dossier
from civicgrants.model.money import Money
from civicgrants.testing.agreement import agreements, example_agreement, regrant

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
    assert check.findings[0].numbers == {
        "paid": Money(2_000_000),
        "refunded": Money(0),
        "spent": Money(0),
    }
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


# -- red-team review: duplicates, currencies, terminated sub-agreements ---------------------


def _eight(parent: GrantAgreement) -> list[GrantAgreement]:
    return [regrant(parent, f"r{i}", FUND, Money(1_000_000)) for i in range(8)]


def test_a_sub_agreement_listed_twice_is_a_finding_and_counted_once() -> None:
    budget = seed_001_dossier().estimate.budget
    parent = example_agreement()
    subs = _eight(parent)
    renumbered = attrs.evolve(regrant(parent, "x", FUND, Money(5)), number=subs[3].number)
    check = check_regrants(parent, budget, [*subs, subs[2], renumbered])
    assert _codes(check) == [
        ("regrant-duplicate", subs[2].id),
        ("regrant-duplicate", renumbered.id),
    ]
    same_id, same_number = check.findings
    assert same_id.numbers == {"id": subs[2].id, "first": subs[2].id, "award": Money(1_000_000)}
    assert same_number.numbers == {"number": "14/r3", "first": subs[3].id, "award": Money(5)}
    assert check.has_errors
    # the line counts each agreement once: 8 000 000, not 9 000 005
    assert check.lines == ((FUND, Money(8_000_000), Money(8_000_000)),)


def _in(currency: str, id_: str = "ga-eur") -> GrantAgreement:
    base = example_agreement()
    award = Money(1_000, currency)
    return attrs.evolve(base, id=id_, award=award, tranches=(Tranche("t1", base.start, award),))


def test_a_sub_agreement_in_another_currency_is_a_finding_not_a_crash() -> None:
    budget = seed_001_dossier().estimate.budget
    parent = example_agreement()
    usd = regrant(parent, "usd", FUND, Money(500, "USD"))
    check = check_regrants(parent, budget, [*_eight(parent)[:7], usd])
    assert _codes(check) == [("regrant-currency", usd.id), ("regrant-under-line", FUND)]
    f = check.findings[0]
    assert (
        f.numbers == {"currency": "USD", "parent_currency": "KZT"} and f.severity.value == "error"
    )
    assert "USD" in f.message_en and "KZT" in f.message_en and "USD" in f.message_ru
    # the line sums the tenge only
    assert check.lines == ((FUND, Money(8_000_000), Money(7_000_000)),)


def test_a_parent_in_another_currency_than_its_budget_is_a_finding() -> None:
    budget = seed_001_dossier().estimate.budget  # tenge
    parent = _in("EUR")
    sub = regrant(parent, "a", FUND, Money(100, "EUR"))
    check = check_regrants(parent, budget, [sub])
    assert _codes(check) == [("regrant-budget-currency", "ga-eur")]
    assert check.findings[0].numbers == {"currency": "KZT", "parent_currency": "EUR"}
    assert check.lines == ()


def _paid(parent: GrantAgreement, key: str, amount: int) -> GrantAgreement:
    sub = sign(regrant(parent, key, FUND, Money(1_000_000)), dt.date(2021, 3, 1))
    return disburse(sub, "t1", dt.date(2021, 3, 10), Money(amount))


def test_a_terminated_sub_agreement_counts_what_it_kept_not_its_award() -> None:
    budget = seed_001_dossier().estimate.budget
    parent = example_agreement()
    # 400 000 paid, 150 000 spent, terminated: 250 000 come back, 150 000 stay spent
    sub = spend(_paid(parent, "t", 400_000), [Actual("1", Source.GRANT, Money(150_000))])
    ended = terminate(sub, dt.date(2021, 5, 1), "the group dissolved")
    assert ended.refund is not None and ended.refund.amount == Money(250_000)
    assert committed(sub) == Money(1_000_000)  # while it runs, the whole award is taken
    assert committed(ended) == Money(150_000)  # disbursed 400 000 − refunded 250 000
    subs = [*_eight(parent)[:7], ended]
    check = check_regrants(parent, budget, subs)
    assert check.lines == ((FUND, Money(8_000_000), Money(7_150_000)),)
    under = check.findings[0]
    assert (under.code, under.numbers["left"]) == ("regrant-under-line", Money(850_000))
    # a ninth small grant fits in what the terminated one gave back
    ninth = regrant(parent, "r9", FUND, Money(850_000))
    full = check_regrants(parent, budget, [*subs, ninth])
    assert full.lines == ((FUND, Money(8_000_000), Money(8_000_000)),)
    # (the NGO records no spending: what its sub-grantee kept is not in its books)
    assert _codes(full) == [("regrant-paid-not-spent", FUND)]


def test_a_terminated_sub_agreement_paid_nothing_takes_nothing() -> None:
    parent = example_agreement()
    unpaid = terminate(regrant(parent, "u", FUND, Money(1_000_000)), dt.date(2021, 3, 2), "none")
    assert committed(unpaid) == Money(0)
    check = check_regrants(parent, seed_001_dossier().estimate.budget, [unpaid])
    assert check.lines == ((FUND, Money(8_000_000), Money(0)),)


def test_the_parent_spends_what_the_sub_grantees_kept() -> None:
    budget = seed_001_dossier().estimate.budget
    parent = disburse(sign(example_agreement(), dt.date(2021, 3, 1)), "t1", dt.date(2021, 3, 2))
    done = close(
        spend(_paid(parent, "c", 300_000), [Actual("1", Source.GRANT, Money(290_000))]),
        dt.date(2021, 6, 1),
    )
    ended = terminate(_paid(parent, "t", 100_000), dt.date(2021, 6, 1), "withdrawn")
    assert (done.status, ended.status) == (AgreementStatus.CLOSED, AgreementStatus.TERMINATED)
    # 400 000 paid, 110 000 came back: the NGO spent 290 000 on the line
    kept = spend(parent, [Actual(FUND, Source.GRANT, Money(290_000))])
    assert not [f for f in check_regrants(kept, budget, [done, ended]).findings
                if f.code == "regrant-paid-not-spent"]  # fmt: skip
    gross = spend(parent, [Actual(FUND, Source.GRANT, Money(400_000))])
    (f,) = [f for f in check_regrants(gross, budget, [done, ended]).findings
            if f.code == "regrant-paid-not-spent"]  # fmt: skip
    assert f.numbers == {
        "paid": Money(400_000),
        "refunded": Money(110_000),
        "spent": Money(400_000),
    }


@pytest.mark.parametrize("status", ["draft", "signed", "active", "closed", "terminated"])
def test_committed_is_never_more_than_the_award(status: str) -> None:
    parent = example_agreement()
    sub = regrant(parent, "s", FUND, Money(1_000_000))
    if status != "draft":
        sub = sign(sub, dt.date(2021, 3, 1))
    if status in ("active", "closed"):
        sub = disburse(sub, "t1", dt.date(2021, 3, 2), Money(600_000))
    if status == "closed":
        sub = close(sub, dt.date(2021, 4, 1))
    if status == "terminated":
        sub = terminate(sub, dt.date(2021, 4, 1), "withdrawn")
    book = ledger(sub)
    assert Money(0) <= committed(sub) <= sub.award
    if sub.status.final:
        assert committed(sub) == book.disbursed - book.refunded == book.spent


@settings(max_examples=200, deadline=None)
@given(agreements())
def test_what_a_sub_agreement_takes_from_its_line_is_exact(sub: GrantAgreement) -> None:
    book = ledger(sub)
    taken = committed(sub)
    assert Money(0) <= taken <= sub.award
    if sub.status.final:  # nothing more will be paid: what it kept, to the tiyn
        assert taken == book.disbursed - book.refunded == book.spent
    else:
        assert taken == sub.award
