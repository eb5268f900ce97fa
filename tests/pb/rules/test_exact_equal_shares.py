"""Exact Equal Shares and the ADD-OPT search against brute force, and against MES where they agree."""

from __future__ import annotations

import itertools
import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.pb.election import Election
from civicgrants.pb.rules.equal_shares import equal_shares
from civicgrants.pb.rules.exact_equal_shares import ees_search, exact_equal_shares
from civicgrants.pb.ties import tie_keys

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def small(draw: st.DrawFn, max_voters: int = 5) -> Election:
    """Approval elections with integer costs (ties likely)."""
    n_p = draw(st.integers(1, 5))
    ids = [f"p{i}" for i in range(n_p)]
    costs = {p: draw(st.integers(1, 12)) for p in ids}
    n_v = draw(st.integers(1, max_voters))
    ballots = [draw(st.lists(st.sampled_from(ids), unique=True, max_size=n_p)) for _ in range(n_v)]
    return Election.from_ballots(costs, ballots, budget=draw(st.integers(1, 30)))


def _reference(e: Election, sat: str, share: Fraction) -> tuple[str, ...]:
    """EES by its definition, voter by voter: the largest k with k supporters holding cost/k."""
    rank = tie_keys(e, "lexico")
    costs = [Fraction(c) for c in e.costs]
    supporters = [
        [v for v in range(e.n_voters) if e.project_ids[p] in e.ballot(v)]
        for p in range(e.n_projects)
    ]
    worth = [costs[p] if sat == "cost" else Fraction(1) for p in range(e.n_projects)]
    money = [share] * e.n_voters
    chosen = [p for p in range(e.n_projects) if costs[p] == 0 and supporters[p]]
    while True:
        best = None
        for p in range(e.n_projects):
            if p in chosen or not supporters[p]:
                continue
            ks = [
                k
                for k in range(1, len(supporters[p]) + 1)
                if sum(money[v] >= costs[p] / k for v in supporters[p]) >= k
            ]
            if ks:
                key = (costs[p] / (max(ks) * worth[p]), rank[p], p, max(ks))
                best = key if best is None or key < best else best
        if best is None:
            return tuple(e.project_ids[p] for p in chosen)
        _, _, p, k = best
        payers = [v for v in supporters[p] if money[v] >= costs[p] / k]
        assert len(payers) == k
        for v in payers:
            money[v] -= costs[p] / k
        chosen.append(p)


@FAST
@given(small(), st.sampled_from(["cost", "cardinality"]), st.integers(0, 40))
def test_ees_equals_its_definition(e: Election, sat: str, tenths: int) -> None:
    share = Fraction(tenths, 4)
    assert exact_equal_shares(e, sat, share=share).selected == _reference(e, sat, share)


def _brute_add_one(e: Election, sat: str) -> tuple[str, ...]:
    """Add-one by the finest increment that can hold a breakpoint: 1 / lcm(1..voters)."""
    step = Fraction(1, math.lcm(*range(1, e.n_voters + 1)))
    share = Fraction(e.budget) / e.n_voters
    cur = exact_equal_shares(e, sat, share=share)
    while True:
        left = e.budget - cur.cost
        ids = set(cur.selected)
        supported = {e.project_ids[int(i)] for i in e.indices}
        if all(
            p in ids or e.costs[e.index(p)] > left or e.costs[e.index(p)] == 0 for p in supported
        ):
            return cur.selected
        if share > sum(e.costs, Decimal(0)) + 1:
            return cur.selected  # every voter can pay every project alone: nothing changes any more
        share += step
        nxt = exact_equal_shares(e, sat, share=share)
        if nxt.cost > e.budget:
            return cur.selected
        cur = nxt


@FAST
@given(small(max_voters=4), st.sampled_from(["cost", "cardinality"]))
def test_add_opt_equals_add_one_by_the_finest_increment(e: Election, sat: str) -> None:
    assert exact_equal_shares(e, sat, completion="add_opt").selected == _brute_add_one(e, sat)


@FAST
@given(small(), st.sampled_from(["cost", "cardinality"]))
def test_breakpoints_are_exactly_where_the_outcome_changes(e: Election, sat: str) -> None:
    s = ees_search(e, sat)
    eps = Fraction(1, 10**9)
    for a, b in itertools.pairwise(s.steps):
        assert b.share > a.share
        before = exact_equal_shares(e, sat, share=b.share - eps)
        at = exact_equal_shares(e, sat, share=b.share)
        assert before.selected == a.selected  # nothing changed before the breakpoint ...
        assert at.selected == b.selected and at.cost == b.cost
        # ... and at it the run changed: the funded set, or who paid for a project
        assert before.decisions != at.decisions
    assert s.outcome.cost <= e.budget
    assert s.steps[s.kept].selected == s.outcome.selected


@st.composite
def party_lists(draw: st.DrawFn) -> Election:
    """Each voter approves the projects of one party: supporters of a project hold the same money."""
    n_parties = draw(st.integers(1, 3))
    costs: dict[str, int] = {}
    ballots: list[list[str]] = []
    for g in range(n_parties):
        mine = [f"g{g}p{i}" for i in range(draw(st.integers(1, 3)))]
        costs.update({p: draw(st.integers(1, 20)) for p in mine})
        ballots += [mine] * draw(st.sampled_from([1, 2, 4, 5]))
    return Election.from_ballots(costs, ballots, budget=len(ballots) * draw(st.integers(1, 15)))


@FAST
@given(party_lists(), st.sampled_from(["cost", "cardinality"]))
def test_on_party_lists_ees_is_mes(e: Election, sat: str) -> None:
    assert exact_equal_shares(e, sat).selected == equal_shares(e, sat).selected
    # every breakpoint is a multiple of 1/20 there, so add1 by 0.05 visits them all
    fine = equal_shares(e, sat, completion="add1", increment=Decimal("0.05"))
    assert exact_equal_shares(e, sat, completion="add_opt").selected == fine.selected


@pytest.mark.slow
@SLOW
@given(small(max_voters=4), st.sampled_from(["cost", "cardinality"]))
def test_add_opt_equals_brute_force_at_length(e: Election, sat: str) -> None:
    assert exact_equal_shares(e, sat, completion="add_opt").selected == _brute_add_one(e, sat)


def test_pabutools_add_one_on_a_party_list() -> None:
    pytest.importorskip("pabutools")
    from pabutools.election import Cost_Sat
    from pabutools.rules import method_of_equal_shares

    from tests.pb.oracle import to_pabutools

    e = Election.from_ballots(
        {"a": 7, "b": 5, "c": 9, "d": 4}, [["a", "b"]] * 4 + [["c", "d"]] * 5, budget=20
    )
    inst, prof = to_pabutools(e)
    theirs = method_of_equal_shares(
        inst, prof, sat_class=Cost_Sat, voter_budget_increment=Fraction(1, 20)
    )
    ours = exact_equal_shares(e, "cost", completion="add_opt")
    assert sorted(ours.selected) == sorted(p.name for p in theirs)
    assert ours.selected != exact_equal_shares(e, "cost").selected  # the completion did something


def test_differs_from_mes_where_a_poor_supporter_would_pay_part() -> None:
    # each voter holds 3; "y" leaves its supporter 1. MES funds "x" (7) with 1 + 3 + 3;
    # EES cannot: 3 equal payers owe 7/3 each (one holds 1), 2 payers owe 3.5 (they hold 3).
    e = Election.from_ballots({"y": 2, "x": 7}, [["x", "y"], ["x"], ["x"]], budget=9)
    assert equal_shares(e, "cardinality").selected == ("y", "x")
    o = exact_equal_shares(e, "cardinality")
    assert o.selected == ("y",)
    assert "hold 7 together, the cost is 7" in o.explain("x")[0].reason
    assert exact_equal_shares(e, "cardinality", completion="add_opt").selected == ("y", "x")


def test_refuses_what_it_cannot_count() -> None:
    e = Election.from_ballots({"a": 5, "b": 5}, [{"a": 2, "b": 1}, {"a": 1}], budget=10)
    with pytest.raises(ValidationError, match="value it alike"):
        exact_equal_shares(e, "points")
    a = Election.from_ballots({"a": 5}, [["a"]], budget=10)
    with pytest.raises(ValidationError, match="completion"):
        exact_equal_shares(a, completion="add1")
    with pytest.raises(ValidationError, match="share"):
        exact_equal_shares(a, share=-1)
    with pytest.raises(ValidationError, match="share"):
        exact_equal_shares(a, completion="add_opt", share=3)
    with pytest.raises(ValidationError, match="tie_break"):
        exact_equal_shares(a, tie_break="coin")


def test_no_voters() -> None:
    e = Election.from_ballots({"a": 5}, [], budget=10)
    assert exact_equal_shares(e).selected == ()
    assert exact_equal_shares(e, completion="add_opt").selected == ()
