"""Satisfactions normalised per voter, ``additive_cost_log`` and `UserSat`: pabutools as oracle."""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.pb import Election, equal_shares, greedy
from civicgrants.pb.election import PER_VOTER, UserSat, vote_values
from civicgrants.pb.rules.greedy import total_satisfaction
from civicgrants.pb.rules.max_welfare import max_welfare
from civicgrants.pb.satisfaction import satisfaction_summary
from civicgrants.testing.vote import elections
from tests.pb.oracle import (
    SAT_CLASSES,
    pabutools_general,
    pabutools_normaliser_fails,
    pabutools_select,
    same_mes_outcome,
    to_pabutools,
    user_sat_class,
)

pytest.importorskip("pabutools")
pytest.importorskip("pulp")  # pabutools' exact normalisers solve a MIP

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# relative_cost and relative_points make pabutools call its MIP solver once per ballot
MIP = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CHEAP = ["relative_cardinality", "relative_cost_approx"]


def _same_outcome(e: Election, rule: str, ours: tuple[str, ...], theirs: tuple[str, ...]) -> None:
    """Equal, in order; MES funds its free projects first in file order, pabutools by name."""
    if rule == "mes":
        assert same_mes_outcome(e, ours, theirs), (ours, theirs)
    else:
        assert ours == theirs


def _agree(e: Election, sat: str) -> None:
    import pabutools.election as pe

    if pabutools_normaliser_fails(e, sat):
        return
    inst, prof = to_pabutools(e)
    for rule, ours in (("greedy", greedy(e, sat)), ("mes", equal_shares(e, sat))):
        theirs = pabutools_general(inst, prof, rule, getattr(pe, SAT_CLASSES[sat]))
        _same_outcome(e, rule, ours.selected, theirs)
        assert ours.sat == sat


@FAST
@given(elections(allow_free=True), st.sampled_from(CHEAP))
def test_cheap_normalisers_equal_pabutools(e: Election, sat: str) -> None:
    _agree(e, sat)


@MIP
@given(elections(max_voters=5, allow_free=True))
def test_relative_cost_equals_pabutools(e: Election) -> None:
    _agree(e, "relative_cost")


@MIP
@given(elections("cumulative", max_voters=5, allow_free=True))
def test_relative_points_equals_pabutools(e: Election) -> None:
    _agree(e, "relative_points")


@FAST
@given(elections("approval", allow_free=True))
def test_additive_cost_log_equals_pabutools(e: Election) -> None:
    _agree(e, "additive_cost_log")


@pytest.mark.slow
@SLOW
@given(elections(max_voters=6, allow_free=True), st.sampled_from([*PER_VOTER, "additive_cost_log"]))
def test_every_new_satisfaction_equals_pabutools_at_length(e: Election, sat: str) -> None:
    if sat == "relative_points" and e.vote_type != "cumulative":
        return
    if sat == "additive_cost_log" and e.vote_type != "approval":
        return
    _agree(e, sat)


def _brute_normaliser(e: Election, v: int, sat: str) -> Fraction:
    ballot = e.ballot(v)
    lo = int(e.indptr[v])
    pts = dict(zip(ballot, e.points.tolist()[lo:], strict=False)) if e.points is not None else {}
    best = Fraction(0)
    for r in range(len(ballot) + 1):
        for combo in itertools.combinations(ballot, r):
            cost = sum((e.costs[e.index(p)] for p in combo), Decimal(0))
            if cost > e.budget:
                continue
            if sat == "relative_cost":
                best = max(best, Fraction(cost))
            elif sat == "relative_cardinality":
                best = max(best, Fraction(r))
            else:
                best = max(best, Fraction(sum(max(pts[p], 0) for p in combo)))
    return best


@FAST
@given(elections(allow_free=True), st.sampled_from(["relative_cost", "relative_cardinality"]))
def test_normalisers_are_the_best_within_the_budget(e: Election, sat: str) -> None:
    values = vote_values(e, sat)
    for v in range(e.n_voters):
        lo, hi = int(e.indptr[v]), int(e.indptr[v + 1])
        norm = _brute_normaliser(e, v, sat)
        for k in range(lo, hi):
            own = Fraction(e.costs[int(e.indices[k])]) if sat == "relative_cost" else Fraction(1)
            assert values[k] == (own / norm if norm else 0)


@FAST
@given(elections("cumulative", allow_free=True))
def test_relative_points_normaliser_is_a_knapsack(e: Election) -> None:
    values = vote_values(e, "relative_points")
    assert e.points is not None
    for v in range(e.n_voters):
        lo, hi = int(e.indptr[v]), int(e.indptr[v + 1])
        norm = _brute_normaliser(e, v, "relative_points")
        assert values[lo:hi] == [Fraction(int(x)) / norm if norm else 0 for x in e.points[lo:hi]]


def test_a_voter_whose_ballot_cannot_fit_gets_nothing() -> None:
    """Voter 0's only project is over budget: normaliser 0. Voter 1 can have only b (1)."""
    e = Election.from_ballots({"a": 20, "b": 1}, [["a"], ["a", "b"]], budget=10)
    assert [str(x) for x in vote_values(e, "relative_cost")] == ["0", "20", "1"]
    assert [str(x) for x in vote_values(e, "relative_cost_approx")] == ["2", "2", "1/10"]


def test_max_welfare_counts_per_voter_satisfactions() -> None:
    e = Election.from_ballots({"a": 6, "b": 4, "c": 5}, [["a", "b", "c"], ["b"]], budget=10)
    total = total_satisfaction(e, "relative_cost")
    assert [str(t) for t in total] == ["3/5", "7/5", "1/2"]
    assert set(max_welfare(e, "relative_cost").selected) == {"a", "b"}


def test_utilities_refuses_per_voter_satisfactions_on_one_line() -> None:
    e = Election.from_ballots({"a": 1}, [["a"]], budget=1)
    with pytest.raises(ValidationError, match="no integer per vote times a factor"):
        e.utilities("relative_cost")


def test_relative_points_needs_points() -> None:
    e = Election.from_ballots({"a": 1}, [["a"]], budget=1)
    with pytest.raises(ValidationError, match="'relative_points' needs cumulative or scoring"):
        greedy(e, "relative_points")
    with pytest.raises(ValidationError, match="'additive_cost_log' needs approval"):
        greedy(Election.from_ballots({"a": 1}, [{"a": 1}], budget=1), "additive_cost_log")


def test_additive_cost_log_counts_fractional_costs_where_pabutools_raises() -> None:
    e = Election.from_ballots({"a": "1.5", "b": "2"}, [["a"], ["b"], ["a"]], budget=2)
    assert greedy(e, "additive_cost_log").selected == ("a",)
    inst, prof = to_pabutools(e)
    with pytest.raises(TypeError):
        pabutools_select(inst, prof, "greedy", "additive_cost_log")


# --------------------------------------------------------------------------- UserSat


def _by_rank(e: Election, v: int, p: str) -> int | Fraction:
    """Depends on the set of projects named only: 3 for the first in file order, 1/2 for others."""
    return 3 if min(e.ballot(v), key=e.index) == p else Fraction(1, 2)


@FAST
@given(elections(allow_free=True))
def test_user_sat_equals_pabutools(e: Election) -> None:
    mine = UserSat("by_rank", _by_rank)
    inst, prof = to_pabutools(e)
    cls = user_sat_class(mine, e)
    for rule, ours in (("greedy", greedy(e, mine)), ("mes", equal_shares(e, mine))):
        _same_outcome(e, rule, ours.selected, pabutools_general(inst, prof, rule, cls))
        assert ours.sat == "by_rank"


def test_user_sat_with_negative_scores_matches_pabutools() -> None:
    e = Election.from_ballots(
        {"a": 2, "b": 2, "c": 1}, [["a", "b"], ["b", "c"], ["c", "a"], ["b"]], budget=3
    )
    mine = UserSat("signed", lambda e, v, p: -1 if p == "b" else Decimal("1.5"))
    inst, prof = to_pabutools(e)
    cls = user_sat_class(mine, e)
    assert greedy(e, mine).selected == pabutools_general(inst, prof, "greedy", cls)
    assert equal_shares(e, mine).selected == pabutools_general(inst, prof, "mes", cls)
    assert satisfaction_summary(e, greedy(e, mine), mine).sat == "signed"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0.5, "must be an exact number"),
        (True, "must be an exact number"),
        ("1", "must be an exact number"),
        (Decimal("NaN"), "must be finite"),
    ],
)
def test_user_sat_scores_must_be_exact(value: object, message: str) -> None:
    e = Election.from_ballots({"a": 1}, [["a"]], budget=1)
    bad = UserSat("bad", lambda e, v, p: value)  # type: ignore[arg-type,return-value]
    with pytest.raises(ValidationError, match=rf"sat.score\(voter=0, project='a'\): {message}"):
        greedy(e, bad)


def test_user_sat_names_and_scores_are_checked() -> None:
    with pytest.raises(ValidationError, match="is a satisfaction of the library"):
        UserSat("cost", lambda e, v, p: 1)
    with pytest.raises(ValidationError, match="non-empty name"):
        UserSat(" ", lambda e, v, p: 1)
    with pytest.raises(ValidationError, match="must be callable"):
        UserSat("x", 3)  # type: ignore[arg-type]


def test_relative_cost_normaliser_beyond_the_bitset_is_the_frontier_s() -> None:
    """Costs whose common unit makes the budget over 2**27 units: the Pareto frontier answers."""
    costs = {"a": "100000000000", "b": "60000000001", "c": "50000000000"}
    e = Election.from_ballots(costs, [["a", "b", "c"]], budget="110000000001")
    assert vote_values(e, "relative_cost")[1] == Fraction(60000000001, 110000000001)
    small = Election.from_ballots({"a": "10.5", "b": "6.25", "c": 5}, [["a", "b", "c"]], budget=12)
    assert vote_values(small, "relative_cost")[0] == Fraction(21, 2) / Fraction(45, 4)
