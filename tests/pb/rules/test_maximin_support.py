"""Maximin support equals pabutools' ``maximin_support`` (the oracle, test-only) and its definition."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.pb import Election, count, maximin_support
from civicgrants.pb.counting import run_rule
from civicgrants.pb.rules.maximin_support import largest_ratio, smallest_max_load
from civicgrants.pb.ties import TIE_BREAKS
from civicgrants.testing.vote import elections
from tests.pb.oracle import maximin_oracle, to_pabutools

# the tie-breaks that rank projects (refuse raises on a tie; equalshares needs a seed)
ORDERS = [t for t in TIE_BREAKS if t not in ("refuse", "equalshares")]

pytest.importorskip("pabutools")

# pabutools solves one CBC linear program per project per step (~40 ms each): keep the default run small.
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------- a reference from the definition


def _brute_load(e: Election, projects: list[str]) -> Fraction | None:
    """max over subsets S of cost(S) / |voters approving something in S| (None: unpayable)."""
    ballots = [set(e.ballot(v)) for v in range(e.n_voters)]
    best = Fraction(0)
    for k in range(1, len(projects) + 1):
        for subset in combinations(projects, k):
            cost = sum((Fraction(e.costs[e.index(p)]) for p in subset), Fraction(0))
            voters = sum(1 for b in ballots if b.intersection(subset))
            if voters == 0:
                if cost > 0:
                    return None
                continue
            best = max(best, cost / voters)
    return best


def _brute_rule(e: Election) -> tuple[str, ...]:
    """The rule as pabutools states it, with the load by enumeration of subsets."""
    chosen: list[str] = []
    left = Fraction(e.budget)
    waiting = [p for p in e.project_ids if e.costs[e.index(p)] <= e.budget]
    while True:
        waiting = [p for p in waiting if e.costs[e.index(p)] <= left]
        if not waiting:
            return tuple(chosen)
        loads = {p: _brute_load(e, [*chosen, p]) for p in waiting}
        finite = [x for x in loads.values() if x is not None]
        best = min(finite) if finite else None
        pick = min(p for p in waiting if loads[p] == best)
        chosen.append(pick)
        waiting.remove(pick)
        left -= Fraction(e.costs[e.index(pick)])


@FAST
@given(elections("approval", allow_free=True))
def test_equals_pabutools(e: Election) -> None:
    ours = maximin_support(e)
    assert ours.selected == maximin_oracle(e)
    assert ours.cost == sum((e.costs[e.index(p)] for p in ours.selected), Decimal(0))
    assert ours.cost <= e.budget


@FAST
@given(elections("approval"), st.data())
def test_from_an_initial_allocation_equals_pabutools(e: Election, data: st.DataObject) -> None:
    initial = tuple(data.draw(st.lists(st.sampled_from(e.project_ids), unique=True, max_size=2)))
    ours = maximin_support(e, initial=initial)
    assert ours.selected[: len(initial)] == initial
    assert ours.selected == maximin_oracle(e, initial)


@QUICK
@given(elections("approval", allow_free=True))
def test_equals_the_definition_by_enumeration(e: Election) -> None:
    assert maximin_support(e).selected == _brute_rule(e)


@QUICK
@given(elections("approval", allow_free=True), st.data())
def test_smallest_max_load_is_the_largest_subset_ratio(e: Election, data: st.DataObject) -> None:
    projects = data.draw(st.lists(st.sampled_from(e.project_ids), unique=True))
    assert smallest_max_load(e, projects) == _brute_load(e, projects)


@FAST
@given(elections("approval"), st.data())
def test_smallest_max_load_is_pabutools_linear_program(e: Election, data: st.DataObject) -> None:
    """The exact load agrees with pabutools' CBC optimum to solver precision."""
    from pabutools.rules.maximin_support import _compute_optimal_load

    projects = data.draw(st.lists(st.sampled_from(e.project_ids), unique=True, min_size=1))
    inst, prof = to_pabutools(e)
    by_name = {p.name: p for p in inst}
    theirs = _compute_optimal_load([by_name[p] for p in projects], prof)
    ours = smallest_max_load(e, projects)
    if ours is None:
        assert theirs == float("inf")
    else:
        assert abs(float(ours) - theirs) <= 1e-6 * max(1.0, float(ours))


@QUICK
@given(elections("approval", allow_free=True), st.sampled_from(ORDERS))
def test_invariants(e: Election, tie_break: str) -> None:
    o = maximin_support(e, tie_break=tie_break)
    assert o.cost <= e.budget
    left = e.budget - o.cost
    assert all(e.costs[e.index(p)] > left for p in e.project_ids if p not in o.selected)
    assert sorted(d.project for d in o.decisions) == sorted(e.project_ids)
    assert [d.project for d in o.decisions if d.selected] == list(o.selected)
    shown = [dict(d.numbers)["max_load"] for d in o.decisions if d.selected]
    finite = [Fraction(x.split(" ")[0]) for x in shown if x != "inf"]
    assert finite == sorted(finite)  # funding more never lowers the smallest largest load
    assert shown == sorted(shown, key=lambda x: x == "inf")  # inf only at the end
    for k in range(1, len(o.selected) + 1):
        load = smallest_max_load(e, o.selected[:k])
        assert (shown[k - 1] == "inf") == (load is None)


def test_largest_ratio_gives_up_above_a_bound() -> None:
    types = [((0,), 1), ((0, 1), 1), ((1,), 4)]
    assert largest_ratio({0: 6, 1: 3}, types, Fraction(0)) == 3
    assert largest_ratio({0: 6, 1: 3}, types, Fraction(0), Fraction(3)) == 3
    assert largest_ratio({0: 6, 1: 3}, types, Fraction(0), Fraction(2)) is None
    assert largest_ratio({0: 0}, [], Fraction(0)) == 0


def test_a_project_nobody_approves_comes_last_and_then_everything_ties() -> None:
    e = Election.from_ballots({"z": 1, "a": 5, "b": 1, "c": 1}, [["a"], ["c"]], budget=8)
    o = maximin_support(e)
    assert o.selected == ("c", "a", "b", "z")  # b and z nobody approves: lexico among them
    assert [dict(d.numbers)["max_load"] for d in o.decisions if d.selected][2:] == ["inf", "inf"]
    assert o.selected == maximin_oracle(e)


def test_refuses_what_it_cannot_count() -> None:
    e = Election.from_ballots({"a": 1}, [["a"]], budget=1)
    with pytest.raises(ValidationError, match="tie_break"):
        maximin_support(e, tie_break="coin")
    with pytest.raises(
        ValidationError, match=r"initial\[1\]: is not a project of the election: 'zz'"
    ):
        maximin_support(e, initial=["a", "zz"])
    cumulative = Election.from_ballots({"a": 1}, [{"a": 2}], budget=1)
    with pytest.raises(ValidationError, match="approval ballots"):
        maximin_support(cumulative)
    with pytest.raises(ValidationError, match="approval ballots"):
        smallest_max_load(cumulative, ["a"])


def test_count_and_run_rule_take_maximin_support() -> None:
    e = Election.from_ballots(
        {"a": 60, "b": 50, "c": 40}, [["a"], ["a"], ["b", "c"], ["c"]], budget=100
    )
    vc = count(e, rule="maximin_support")
    assert (vc.outcome.rule, vc.outcome.selected, vc.outcome.sat) == (
        "maximin_support",
        ("c", "a"),
        "cardinality",
    )
    assert run_rule(e, "maximin_support", "cardinality") == vc.outcome
    with pytest.raises(ValidationError, match="cardinality"):
        run_rule(e, "maximin_support", "cost")
    with pytest.raises(ValidationError, match="mes only, not maximin_support"):
        count(e, rule="maximin_support", completion="add1")


@pytest.mark.slow
@SLOW
@given(elections("approval", allow_free=True, max_projects=7, max_voters=10))
def test_equals_pabutools_at_length(e: Election) -> None:
    assert maximin_support(e).selected == maximin_oracle(e)
