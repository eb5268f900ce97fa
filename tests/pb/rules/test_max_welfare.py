"""Maximum welfare: pabutools' optimum and its every optimal set, and a brute-force check."""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.pb import Election, default_sat
from civicgrants.pb.rules.max_welfare import max_welfare, max_welfare_all
from civicgrants.testing.vote import elections
from tests.pb.oracle import SAT_CLASSES, to_pabutools, welfare

pytest.importorskip("pabutools")

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SATS = {"approval": ["cost", "cardinality"], "cumulative": ["points", "cost"], "ordinal": ["borda"]}


def _brute(e: Election, sat: str) -> set[tuple[str, ...]]:
    best, found = Fraction(-1), set()
    for r in range(e.n_projects + 1):
        for combo in itertools.combinations(e.project_ids, r):
            if sum((e.costs[e.index(p)] for p in combo), Decimal(0)) > e.budget:
                continue
            w = welfare(e, combo, sat)
            if w > best:
                best, found = w, set()
            if w == best:
                found.add(tuple(sorted(combo, key=e.index)))
    return found


@st.composite
def election_and_sat(draw: st.DrawFn) -> tuple[Election, str]:
    e = draw(elections(allow_free=True))
    return e, draw(st.sampled_from(SATS[e.vote_type]))


@FAST
@given(election_and_sat())
def test_every_optimal_set_is_found(case: tuple[Election, str]) -> None:
    e, sat = case
    everything = max_welfare_all(e, sat)
    assert set(everything) == _brute(e, sat)
    one = max_welfare(e, sat)
    assert tuple(sorted(one.selected, key=e.index)) in everything
    assert one.cost <= e.budget


@FAST
@given(elections(), st.data())
def test_equals_pabutools_optimum(e: Election, data: st.DataObject) -> None:
    """Without free projects: pabutools' primal-dual search fails on some (an IndexError)."""
    import pabutools.election as pe
    from pabutools.rules import max_additive_utilitarian_welfare

    sat = data.draw(st.sampled_from(SATS[e.vote_type]))
    inst, prof = to_pabutools(e)
    theirs = max_additive_utilitarian_welfare(inst, prof, sat_class=getattr(pe, SAT_CLASSES[sat]))
    assert welfare(e, max_welfare(e, sat).selected, sat) == welfare(
        e, [p.name for p in theirs], sat
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections("approval", max_projects=5, max_voters=5))
def test_every_optimal_set_equals_pabutools_irresolute(e: Election) -> None:
    import pabutools.election as pe
    from pabutools.rules import max_additive_utilitarian_welfare

    inst, prof = to_pabutools(e)
    theirs = max_additive_utilitarian_welfare(inst, prof, sat_class=pe.Cost_Sat, resoluteness=False)
    assert set(max_welfare_all(e, "cost")) == {
        tuple(sorted((p.name for p in a), key=e.index)) for a in theirs
    }


@FAST
@given(elections("approval"), st.data())
def test_initial_projects_stay(e: Election, data: st.DataObject) -> None:
    sat = default_sat(e)
    fits = [p for p in e.project_ids if e.costs[e.index(p)] <= e.budget]
    start = data.draw(st.lists(st.sampled_from(fits), max_size=1, unique=True)) if fits else []
    o = max_welfare(e, sat, initial=start)
    assert list(o.selected[: len(start)]) == start
    assert o.cost <= e.budget or start


def test_refusals() -> None:
    e = Election.from_ballots({"a": 1}, [["a"]], budget=1)
    with pytest.raises(ValidationError, match="at least 1"):
        max_welfare_all(e, limit=0)
    with pytest.raises(ValidationError, match="tie_break"):
        max_welfare(e, tie_break="coin")
