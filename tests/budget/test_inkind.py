"""In-kind contributions: dated rate cards, exact valuations, contributions counted twice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from civicgrants.budget import (
    Rate,
    RateCard,
    double_counted,
    value_contribution,
    value_goods,
    value_labour,
    value_rental,
)
from civicgrants.model import (
    Contribution,
    ContributionForm,
    ContributorKind,
    Money,
    Severity,
    Valuation,
    ValuationMethod,
)

JUNE = dt.date(2021, 6, 1)
PAINTING = Money(48_000)
CARD = RateCard(
    (
        Rate("painting", "hour", Money(1_000), dt.date(2020, 1, 1), dt.date(2020, 12, 31), "2020"),
        Rate("painting", "hour", Money(1_250), dt.date(2021, 1, 1), None, "akimat list 2021"),
        Rate("tree planting", "hour", Money(900), dt.date(2021, 1, 1), None),
        Rate("crushed stone, t", "item", Money("7500.50"), dt.date(2021, 1, 1), None),
        Rate("hall", "day", Money(30_000), dt.date(2021, 1, 1), None, "seed 001 hall rent"),
        Rate("hall", "month", Money(400_000), dt.date(2021, 1, 1), None),
        Rate("truck", "day", Money(25_000), dt.date(2021, 1, 1), None),
    ),
    name="test card",
)


def contribution(
    ident: str,
    description: str = "Покраска забора",
    value: Money | None = PAINTING,
    *,
    form: ContributionForm = ContributionForm.IN_KIND,
    who: ContributorKind = ContributorKind.RESIDENTS,
) -> Contribution:
    return Contribution(ident, who, form, description, value)


# -- rates --------------------------------------------------------------------------------


def test_the_rate_in_force_on_the_day_is_used() -> None:
    assert CARD.rate_for("painting", dt.date(2020, 12, 31)).price == Money(1_000)
    assert CARD.rate_for("painting", dt.date(2021, 1, 1)).price == Money(1_250)
    assert CARD.rate_for("  PAINTING ", JUNE).source == "akimat list 2021"
    with pytest.raises(LookupError, match="no rate for 'painting' on 2019-12-31"):
        CARD.rate_for("painting", dt.date(2019, 12, 31))
    with pytest.raises(LookupError, match="several units"):
        CARD.rate_for("hall", JUNE)
    assert CARD.rate_for("hall", JUNE, unit="month").price == Money(400_000)


def test_rates_are_validated() -> None:
    with pytest.raises(ValueError, match="end: must be on or after start"):
        Rate("x", "hour", Money(1), dt.date(2021, 2, 1), dt.date(2021, 1, 31))
    with pytest.raises(ValueError, match="unit: must be one of 'hour', 'item', 'day', 'month'"):
        Rate("x", "week", Money(1), dt.date(2021, 1, 1), None)
    with pytest.raises(ValueError, match="must be >= 0"):
        Rate("x", "hour", Money(-1), dt.date(2021, 1, 1), None)


def test_overlapping_rates_of_one_kind_and_unit_are_refused() -> None:
    a = Rate("painting", "hour", Money(1_000), dt.date(2021, 1, 1), dt.date(2021, 6, 30))
    b = Rate("Painting", "hour", Money(1_100), dt.date(2021, 6, 30), None)
    with pytest.raises(ValueError, match=r"rates\[1\]: 'Painting' per hour overlaps rates\[0\]"):
        RateCard((a, b))
    # the next day is fine, and so is another unit on the same days
    RateCard((a, Rate("painting", "hour", Money(1_100), dt.date(2021, 7, 1), None)))
    RateCard((a, Rate("painting", "day", Money(8_000), dt.date(2021, 1, 1), None)))


# -- valuations -----------------------------------------------------------------------------


def test_labour_is_hours_times_rate_exactly_and_fits_a_contribution() -> None:
    valuation, value = value_labour(CARD, "painting", Decimal("12.5"), on=JUNE)
    assert value == Money("15625.00")
    assert valuation.method is ValuationMethod.HOURS_X_RATE
    assert (valuation.hours, valuation.rate, valuation.as_of) == (
        Decimal("12.5"),
        Money(1_250),
        JUNE,
    )
    assert valuation.note is not None and "akimat list 2021" in valuation.note
    c = Contribution(
        "c1", ContributorKind.RESIDENTS, ContributionForm.IN_KIND, "Покраска", value, valuation
    )
    assert c.value == Money("15625.00")


def test_labour_value_is_not_rounded() -> None:
    _, value = value_labour(CARD, "tree planting", Decimal("0.333"), on=JUNE)
    assert value == Money("299.70")
    _, fine = value_goods(CARD, "crushed stone, t", Decimal("0.5"), on=JUNE)
    assert fine.amount == Decimal("3750.25")
    _, finer = value_goods(CARD, "crushed stone, t", Decimal("0.3"), on=JUNE)
    assert finer.amount == Decimal("2250.15")
    _, odd = value_labour(CARD, "painting", Decimal("0.001"), on=JUNE)
    assert odd.amount == Decimal("1.25")
    _, odder = value_labour(CARD, "tree planting", Decimal("0.0001"), on=JUNE)
    assert odder.amount == Decimal("0.09") and odder.is_whole
    _, frac = value_goods(CARD, "crushed stone, t", Decimal("0.01"), on=JUNE)
    assert frac.amount == Decimal("75.005") and not frac.is_whole
    assert frac.rounded() == Money("75.01")


def test_goods_at_market_value_and_premises_at_rental_value() -> None:
    goods = value_goods(CARD, "crushed stone, t", 20, on=JUNE)
    assert goods.valuation.method is ValuationMethod.MARKET_VALUE
    assert goods.value == Money(150_010)
    assert goods.valuation.hours is None and goods.valuation.rate == Money("7500.50")
    hall = value_rental(CARD, "hall", 3, on=JUNE, unit="day")
    assert (hall.valuation.method, hall.value) == (ValuationMethod.RENTAL_VALUE, Money(90_000))
    assert value_rental(CARD, "hall", 2, on=JUNE, unit="month").value == Money(800_000)
    assert value_rental(CARD, "truck", 2, on=JUNE).value == Money(50_000)
    with pytest.raises(LookupError, match="several units"):
        value_rental(CARD, "hall", 2, on=JUNE)


def test_value_contribution_picks_the_method_from_the_rate_unit() -> None:
    methods = {
        kind: value_contribution(CARD, kind, 2, on=JUNE, unit=unit).valuation.method
        for kind, unit in (
            ("painting", None),
            ("crushed stone, t", None),
            ("hall", "day"),
            ("truck", None),
        )
    }
    assert methods == {
        "painting": ValuationMethod.HOURS_X_RATE,
        "crushed stone, t": ValuationMethod.MARKET_VALUE,
        "hall": ValuationMethod.RENTAL_VALUE,
        "truck": ValuationMethod.RENTAL_VALUE,
    }


def test_a_valuation_needs_the_right_kind_of_rate_and_a_sound_quantity() -> None:
    with pytest.raises(LookupError, match="per hour"):
        value_labour(CARD, "truck", 3, on=JUNE)  # a truck is rented by the day
    with pytest.raises(LookupError, match="no rate for 'painting' per item"):
        value_goods(CARD, "painting", 3, on=JUNE)
    with pytest.raises(ValueError, match="unit: must be one of 'day', 'month'"):
        value_rental(CARD, "hall", 3, on=JUNE, unit="hour")
    with pytest.raises(ValueError, match="quantity: must be >= 0"):
        value_labour(CARD, "painting", -1, on=JUNE)
    with pytest.raises(TypeError, match="float"):
        value_labour(CARD, "painting", 1.5, on=JUNE)  # type: ignore[arg-type]


# -- double counting ----------------------------------------------------------------------


def test_the_same_contribution_in_two_projects_is_a_warning() -> None:
    a = contribution("c1")
    b = contribution("c7", "покраска  забора!")
    (f,) = double_counted({"III-11": [a], "III-12": [b]})
    assert (f.code, f.severity, f.location) == (
        "double-counted-contribution",
        Severity.WARNING,
        "III-12/c7",
    )
    assert f.numbers["reasons"] == ["two-projects"]
    assert (f.numbers["first_project"], f.numbers["first"]) == ("III-11", "c1")
    assert f.numbers["value"] == Decimal("48000.00")
    assert "в двух проектах" in f.message_ru and "in two projects" in f.message_en


def test_the_same_record_copied_into_two_projects_is_an_error() -> None:
    a = contribution("c1")
    (f,) = double_counted({"III-11": [a], "III-12": [a]})
    assert f.severity is Severity.ERROR


def test_the_same_thing_as_cash_and_in_kind_is_a_finding_even_in_one_project() -> None:
    kind = contribution("c1", "Щебень", Money(150_000), who=ContributorKind.BUSINESS)
    cash = contribution(
        "c2", "щебень", Money(150_000), form=ContributionForm.CASH, who=ContributorKind.BUSINESS
    )
    (f,) = double_counted({"II-MO-04": [kind, cash]})
    assert f.numbers["reasons"] == ["cash-and-in-kind"]
    assert f.location == "II-MO-04/c2"
    assert "и деньгами, и в натуральной форме" in f.message_ru


def test_a_record_listed_twice_in_one_project_is_an_error() -> None:
    a = contribution("c1")
    (f,) = double_counted({"I-02": [a, a]})
    assert (f.severity, f.numbers["reasons"]) == (Severity.ERROR, ["listed-twice"])


def test_what_is_not_the_same_contribution() -> None:
    two_residents = [contribution("c1"), contribution("c2")]  # two people, 40 h each
    other_value = [contribution("c3", value=Money(48_001))]
    other_giver = [contribution("c4", who=ContributorKind.AKIMAT)]
    no_value = [contribution("c5", value=None), contribution("c6", value=None)]
    assert double_counted({"P1": two_residents, "P2": other_value + other_giver}) == ()
    assert double_counted({"P1": no_value[:1], "P2": no_value[1:]}) == ()


def test_three_projects_give_two_findings_each_paired_with_the_nearest_conflict() -> None:
    a, b, c = contribution("a"), contribution("b"), contribution("c", form=ContributionForm.CASH)
    found = double_counted({"P1": [a], "P2": [b], "P3": [c]})
    assert [(f.location, f.numbers["first"], f.numbers["reasons"]) for f in found] == [
        ("P2/b", "a", ["two-projects"]),
        ("P3/c", "a", ["two-projects", "cash-and-in-kind"]),
    ]
    assert double_counted({}) == ()


def test_a_valued_contribution_round_trips_through_the_helpers() -> None:
    valuation, value = value_labour(CARD, "painting", 40, on=JUNE)
    c = Contribution(
        "c1", ContributorKind.RESIDENTS, ContributionForm.IN_KIND, "Покраска", value, valuation
    )
    same = Contribution(
        "c2",
        ContributorKind.RESIDENTS,
        ContributionForm.IN_KIND,
        "покраска",
        Money(50_000),
        Valuation(ValuationMethod.DECLARED),
    )
    (f,) = double_counted({"P1": [c], "P2": [same]})  # valuation method does not matter
    assert f.numbers["value"] == Decimal("50000.00")
