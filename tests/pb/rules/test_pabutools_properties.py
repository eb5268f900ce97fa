"""Property tests: our rules equal pabutools' on random tie-heavy elections."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.pb import Election, default_sat, equal_shares, greedy
from civicgrants.pb.rules.greedy import greedy_all
from civicgrants.testing.vote import elections
from tests.pb.oracle import (
    SAT_CLASSES,
    election_as_plain,
    greedy_borda_reference,
    pabutools_select,
    to_pabutools,
)

pytest.importorskip("pabutools")

SATS = {"approval": ["cost", "cardinality"], "cumulative": ["points", "cost"], "ordinal": ["borda"]}
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def election_and_sat(draw: st.DrawFn) -> tuple[Election, str]:
    e = draw(elections())
    return e, draw(st.sampled_from(SATS[e.vote_type]))


@FAST
@given(election_and_sat())
def test_greedy_equals_pabutools(case: tuple[Election, str]) -> None:
    e, sat = case
    inst, prof = to_pabutools(e)
    assert greedy(e, sat).selected == pabutools_select(inst, prof, "greedy", sat)


@FAST
@given(election_and_sat(), st.sampled_from([None, "utilitarian", "add1", "add1_utilitarian"]))
def test_mes_equals_pabutools(case: tuple[Election, str], completion: str | None) -> None:
    e, sat = case
    inst, prof = to_pabutools(e)
    ours = equal_shares(e, sat, completion=completion)
    assert ours.selected == pabutools_select(inst, prof, "mes", sat, completion)
    assert ours.cost <= e.budget


@FAST
@given(election_and_sat())
def test_float_engine_equals_exact_engine(case: tuple[Election, str]) -> None:
    e, sat = case
    assert equal_shares(e, sat).selected == equal_shares(e, sat, exact=True).selected


@FAST
@given(st.sampled_from(["approval", "cumulative"]).flatmap(elections), st.data())
def test_ties_go_to_the_smaller_id(e: Election, data: st.DataObject) -> None:
    """Two clones (same cost, same supporters) are taken smaller id first, whatever the file order."""
    if e.n_projects < 1:
        return
    src = e.project_ids[data.draw(st.integers(0, e.n_projects - 1))]
    clone = data.draw(st.sampled_from(["0", "zz"]))
    costs = dict(zip(e.project_ids, e.costs, strict=True))
    costs[clone] = costs[src]
    ballots: list = []
    for v in range(e.n_voters):
        names = list(e.ballot(v))
        if e.vote_type == "cumulative":
            assert e.points is not None
            pts = dict(zip(names, e.points[e.indptr[v] : e.indptr[v + 1]].tolist(), strict=True))
            if src in pts:
                pts[clone] = pts[src]
            ballots.append(pts)
        else:
            if src in names:
                names.append(clone)
            ballots.append(names)
    e2 = Election.from_ballots(costs, ballots, budget=e.budget, vote_type=e.vote_type)
    for outcome in (greedy(e2), equal_shares(e2)):
        sel = outcome.selected
        if src in sel and clone in sel:
            first, second = sorted([src, clone])
            assert sel.index(first) < sel.index(second)
        elif (src in sel) != (clone in sel):
            assert min(src, clone) in sel  # the smaller id wins the tie


@FAST
@given(elections())
def test_outcomes_are_within_budget_and_explained(e: Election) -> None:
    for o in (greedy(e), equal_shares(e), equal_shares(e, completion="add1_utilitarian")):
        assert o.cost <= e.budget
        assert o.cost == sum((e.costs[e.index(p)] for p in o.selected), Decimal(0))
        for p in e.project_ids:
            assert o.explain(p), p
        assert o.sat == default_sat(e)


@FAST
@given(elections("approval"))
def test_greedy_is_exhaustive(e: Election) -> None:
    o = greedy(e)
    left = e.budget - o.cost
    assert all(e.costs[i] > left for i, p in enumerate(e.project_ids) if p not in o.selected)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections("ordinal", max_projects=7, max_voters=10, allow_free=True))
def test_greedy_borda_plain_reference_equals_pabutools(e: Election) -> None:
    """Validates the oracle used for Krakow 2020 (tests/pb/rules/test_pabutools_files.py): the
    plain-Python ``greedy_borda_reference`` selects what pabutools' greedy with
    Additive_Borda_Sat selects, free projects and ties included; ours agrees with both."""
    reference = greedy_borda_reference(*election_as_plain(e))
    assert reference == pabutools_select(*to_pabutools(e), "greedy", "borda")
    assert greedy(e, "borda").selected == reference


@FAST
@given(
    elections(),
    st.sampled_from(["effort", "additive_cost_sqrt"]),
    st.sampled_from(["greedy", "mes"]),
)
def test_effort_and_sqrt_satisfactions_equal_pabutools(e: Election, sat: str, rule: str) -> None:
    if sat == "additive_cost_sqrt" and e.vote_type != "approval":
        with pytest.raises(ValidationError, match="needs approval ballots"):
            greedy(e, sat)
        return
    inst, prof = to_pabutools(e)
    ours = greedy(e, sat) if rule == "greedy" else equal_shares(e, sat)
    assert ours.selected == pabutools_select(inst, prof, rule, sat)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["approval", "cumulative", "ordinal"]).flatmap(
        lambda kind: elections(kind, max_projects=5, max_voters=5, allow_free=True)
    )
)
def test_every_tied_greedy_outcome_equals_pabutools_irresolute(e: Election) -> None:
    import pabutools.election as pe
    from pabutools.rules import greedy_utilitarian_welfare

    sat = default_sat(e)
    inst, prof = to_pabutools(e)
    theirs = greedy_utilitarian_welfare(
        inst, prof, sat_class=getattr(pe, SAT_CLASSES[sat]), resoluteness=False
    )
    ours = greedy_all(e, sat)
    assert set(ours) == {tuple(sorted((p.name for p in a), key=e.index)) for a in theirs}
    assert tuple(sorted(greedy(e, sat).selected, key=e.index)) in ours


@FAST
@given(
    st.sampled_from(["approval", "cumulative"]).flatmap(
        lambda kind: elections(kind, allow_free=True)
    ),
    st.sampled_from(["cc", "cost_sqrt", "cost_log"]),
)
def test_greedy_with_a_satisfaction_not_additive_equals_pabutools(e: Election, sat: str) -> None:
    if sat != "cc" and e.vote_type != "approval":
        with pytest.raises(ValidationError, match="needs approval ballots"):
            greedy(e, sat)
        return
    inst, prof = to_pabutools(e)
    ours = greedy(e, sat)
    assert ours.selected == pabutools_select(inst, prof, "greedy", sat)
    assert ours.cost <= e.budget
    with pytest.raises(ValidationError, match="not additive"):
        equal_shares(e, sat)
