"""The election itself: what it refuses when made, and where it breaks its own META."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.model.finding import Severity
from civicgrants.model.limits import use_limits
from civicgrants.pb import Election, count, greedy
from civicgrants.pb.election import (
    POINTS_MAX,
    amount_problems,
    bytes_column,
    check_meta,
    meta_bound,
    point_problem,
    shown,
    to_exact,
    whole_number,
)
from civicgrants.testing.vote import elections


def _with(e: Election, **changes: Any) -> Election:
    fields = {
        "meta": e.meta,
        "project_ids": e.project_ids,
        "costs": e.costs,
        "indptr": e.indptr,
        "indices": e.indices,
        "points": e.points,
        "project_rows": e.project_rows,
        "vote_header": e.vote_header,
        "voter_data": e.voter_data,
    }
    fields.update(changes)
    return Election(**fields)


APPROVAL = Election.from_ballots({"a": 60, "b": 7}, [["a", "b"], ["b"], []], budget=100)
CUMULATIVE = Election.from_ballots({"a": 60, "b": 7}, [{"a": 3, "b": 2}, {"b": 5}], budget=100)


# --------------------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1e9999", "1E+9999 needs 10000 digits"),
        ("1e999999", "1E+999999 needs 1000000 digits"),
        ("1e999999999999999999", "needs 1000000000000000000 digits"),
        ("1e29", "1E+29 needs 30 digits"),
        ("9" * 29, "needs 29 digits"),
        ("0." + "0" * 27 + "1", "needs 29 digits"),
        ("9" * 400, "must be an amount of at most 28 digits"),
        ("1e9999999999999999999", "must be a number"),
        ("sNaN", "must be a finite number >= 0"),
        ("-0.5", "must be a finite number >= 0"),
    ],
)
def test_an_amount_beyond_28_digits_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match="budget: ") as info:
        to_exact(text, "budget")
    assert message in str(info.value)


def test_amounts_that_fit_keep_their_digits() -> None:
    assert to_exact("9" * 28, "cost") == Decimal("9" * 28)
    assert to_exact("1e27", "budget") == Decimal("1e27")
    assert to_exact(" 1234,50 ", "cost") == Decimal("1234.50")
    assert to_exact(Decimal("5.000"), "cost") == Decimal("5.000")  # trailing zeros are free
    with pytest.raises(ValidationError, match="needs more than 28 digits"):
        to_exact(10**400, "cost")


def test_amounts_are_checked_together_at_their_common_places() -> None:
    assert amount_problems([Decimal("1e25"), Decimal("0.01")]) == []
    ((k, why),) = amount_problems([Decimal("1e25"), Decimal("0.005")])
    assert k == 0 and "with the 3 decimal places another amount has" in why
    with pytest.raises(ValidationError, match=r"meta\.budget: 1E\+25 needs 29 digits"):
        Election.from_ballots({"a": "0.005"}, [["a"]], budget="1e25")


@pytest.mark.parametrize("budget", ["1e27", "9999999999999999999999999999"])
def test_the_largest_budgets_count_exactly(budget: str) -> None:
    e = Election.from_ballots({"a": 60, "b": 7}, [["a", "b"], ["b"]], budget=budget)
    assert greedy(e).cost == 67
    assert count(e, rule="mes").outcome.cost == 67


# --------------------------------------------------------------------------- points and numbers


def test_points_beyond_what_a_count_holds_are_refused() -> None:
    assert point_problem("9223372036854775807") is None
    assert "more than a count can hold" in str(point_problem("9223372036854775808"))
    assert "(5000 digits)" in str(point_problem("9" * 5000))
    assert point_problem("00000000000000000000000003") is None  # leading zeros are no digits
    with use_limits(exponent=2):
        assert "the exponent limit" in str(point_problem("1000"))
    half = 2**62
    with pytest.raises(ValidationError, match="add up to more than a count can hold"):
        Election.from_ballots({"a": 1, "b": 1}, [{"a": half}, {"b": half}], budget=2)
    Election.from_ballots({"a": 1, "b": 1}, [{"a": half}, {"b": half - 1}], budget=2)
    with pytest.raises(ValidationError, match="add up to more than a count can hold"):
        _with(CUMULATIVE, points=np.array([POINTS_MAX, 1, 0], dtype=np.int64))


def test_meta_numbers_follow_the_limits() -> None:
    assert whole_number("0" * 5000 + "7", "num_votes") == 7  # no int() of 5000 digits
    with pytest.raises(ValidationError, match="too large"):
        whole_number("9" * 5000, "num_votes")
    assert meta_bound("max_sum_points", " 5 ") == 5
    assert meta_bound("min_length", "3") == 3
    with pytest.raises(ValidationError, match="max_points: must be a number >= 0"):
        meta_bound("max_points", "-1")
    with pytest.raises(ValidationError, match="max_sum_cost: 1E\\+40 needs 41 digits"):
        meta_bound("max_sum_cost", "1e40")
    with pytest.raises(ValidationError, match="not a bound"):
        meta_bound("colour", "1")


def test_shown_cuts_long_values() -> None:
    assert shown("a\x1bb") == "'a\\x1bb'"
    assert shown("x" * 100, 5) == "'xxxxx'… (100 characters)"


def test_a_long_cell_among_many_is_an_object_column() -> None:
    column = bytes_column([b"x" * (1 << 21)] + [b"1"] * 1000)
    assert column.dtype == object and column[1] == b"1"
    e = _with(APPROVAL, voter_data=(bytes_column([b"x" * (1 << 21), b"1", b"2"]),))
    assert e.voter_column("voter_id")[1:] == ("1", "2")
    assert e == _with(APPROVAL, voter_data=(np.array([b"x" * (1 << 21), b"1", b"2"]),))


def test_a_column_given_twice_is_refused() -> None:
    with pytest.raises(ValidationError, match="column 'voter_id' given twice"):
        _with(
            APPROVAL,
            vote_header=("voter_id", "vote", "voter_id"),
            voter_data=(APPROVAL.voter_data[0], APPROVAL.voter_data[0]),
        )


# --------------------------------------------------------------------------- check_meta


def _found(e: Election) -> list[tuple[str, str, dict[str, Any]]]:
    return [(f.code, f.location, dict(f.numbers)) for f in check_meta(e)]


def test_an_election_that_keeps_its_meta_has_no_findings() -> None:
    assert check_meta(APPROVAL) == () and check_meta(CUMULATIVE) == ()


def test_counts_and_budget_are_checked() -> None:
    e = _with(APPROVAL, meta=(("budget", "0"), ("vote_type", "approval"), ("num_votes", "678"),
                              ("num_projects", "7")))  # fmt: skip
    assert _found(e) == [
        ("num-votes-mismatch", "meta.num_votes", {"meta": 678, "read": 3}),
        ("num-projects-mismatch", "meta.num_projects", {"meta": 7, "read": 2}),
        ("budget-zero", "meta.budget", {"budget": Decimal(0)}),
    ]
    assert all(f.severity is Severity.ERROR and f.message_ru for f in check_meta(e))


def test_length_bounds_give_one_finding_each_with_the_count() -> None:
    e = _with(APPROVAL, meta=(*APPROVAL.meta, ("min_length", "1"), ("max_length", "1")))
    assert _found(e) == [
        ("ballot-too-long", "ballots[0]", {"length": 2, "max_length": 1, "ballots": 1}),
        ("ballot-too-short", "ballots[2]", {"length": 0, "min_length": 1, "ballots": 1}),
    ]


def test_points_bounds() -> None:
    meta = (*CUMULATIVE.meta, ("max_points", "4"), ("min_points", "2.5"), ("max_sum_points", "4"))
    e = _with(CUMULATIVE, meta=meta)
    assert [(c, w) for c, w, _ in _found(e)] == [
        ("points-above-max", "ballots[1]"),
        ("points-sum-above-max", "ballots[0]"),
        ("points-below-min", "ballots[0]"),
    ]
    assert (
        check_meta(e)[1].message_en
        == "5 points in all, more than max_sum_points 4 (2 ballots in all)"
    )
    low = _with(CUMULATIVE, meta=(*CUMULATIVE.meta, ("min_sum_points", "6")))
    assert [(c, w) for c, w, _ in _found(low)] == [("points-sum-below-min", "ballots[0]")]


def test_cost_bounds_are_exact() -> None:
    e = Election.from_ballots({"a": "0.1", "b": "0.2"}, [["a", "b"], ["a"]], budget=1)
    fits = _with(e, meta=(*e.meta, ("max_sum_cost", "0.3")))  # 0.1 + 0.2 is 0.3 exactly
    assert _found(fits) == []
    over = _with(e, meta=(*e.meta, ("max_sum_cost", "0.29"), ("min_sum_cost", "0.11")))
    assert _found(over) == [
        ("cost-sum-above-max", "ballots[0]", {"cost": Decimal("0.3"), "max_sum_cost": Decimal("0.29"), "ballots": 1}),
        ("cost-sum-below-min", "ballots[1]", {"cost": Decimal("0.1"), "min_sum_cost": Decimal("0.11"), "ballots": 1}),
    ]  # fmt: skip
    huge = Election.from_ballots({"a": "1e27", "b": "1e27"}, [["a", "b"]], budget="1e27")
    assert [c for c, _, _ in _found(_with(huge, meta=(*huge.meta, ("max_sum_cost", "1e27"))))] == [
        "cost-sum-above-max"
    ]


def test_cost_sums_stay_exact_when_the_running_total_passes_int64() -> None:
    big = 10**17  # 400 votes of 10**17: the running total passes 2**63, each ballot does not
    e = Election.from_ballots({"a": big, "b": big}, [["a", "b"]] * 200 + [["a"]], budget=3 * big)
    capped = _with(e, meta=(*e.meta, ("max_sum_cost", str(2 * big - 1))))
    assert _found(capped) == [
        ("cost-sum-above-max", "ballots[0]",
         {"cost": Decimal(2 * big), "max_sum_cost": Decimal(2 * big - 1), "ballots": 200}),
    ]  # fmt: skip


def test_a_points_column_on_ordinal_ballots() -> None:
    e = Election.from_ballots({"a": 1, "b": 1}, [["a", "b"], ["b"]], budget=1, vote_type="ordinal")
    column = bytes_column([b"3,2", b"1"])
    good = _with(e, vote_header=("voter_id", "vote", "points"), voter_data=(*e.voter_data, column))
    assert _found(good) == []
    column = bytes_column([b"2,3", b"x"])
    bad = _with(e, vote_header=("voter_id", "vote", "points"), voter_data=(*e.voter_data, column))
    assert _found(bad) == [
        ("points-not-counted", "ballots[0]", {"points": "2,3", "projects": 2, "ballots": 2})
    ]


def test_findings_do_not_change_what_an_election_is() -> None:
    (finding,) = check_meta(_with(APPROVAL, meta=(*APPROVAL.meta, ("num_votes", "9"))))
    marked = Election(
        meta=APPROVAL.meta,
        project_ids=APPROVAL.project_ids,
        costs=APPROVAL.costs,
        indptr=APPROVAL.indptr,
        indices=APPROVAL.indices,
        project_rows=APPROVAL.project_rows,
        voter_data=APPROVAL.voter_data,
        findings=[finding],
    )
    assert marked == APPROVAL and marked.findings == (finding,)
    assert count(marked).has_errors and not count(APPROVAL).has_errors
    with pytest.raises(ValidationError, match="must be a Finding"):
        _with(APPROVAL, findings=("oops",))


@settings(max_examples=60, deadline=None)
@given(elections(), st.integers(0, 5), st.integers(0, 12))
def test_check_meta_never_raises(e: Election, length: int, points: int) -> None:
    meta = (*e.meta, ("max_length", str(length)), ("min_sum_points", str(points)),
            ("max_sum_cost", str(points)), ("num_votes", "x"))  # fmt: skip
    for finding in check_meta(_with(e, meta=meta)):
        assert finding.location.startswith(("meta.", "ballots["))
