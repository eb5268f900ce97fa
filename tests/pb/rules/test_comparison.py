"""The comparison rules equal pabutools' popularity and social-welfare comparisons."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.pb import Election, default_sat, equal_shares, greedy
from civicgrants.pb.rules.comparison import choose_outcome, voter_satisfactions
from civicgrants.testing.vote import elections
from tests.pb.oracle import SAT_CLASSES, to_pabutools

pytest.importorskip("pabutools")

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _oracle(
    e: Election, selections: list[tuple[str, ...]], sat: str, by: str
) -> set[frozenset[str]]:
    import pabutools.election as pe
    from pabutools.rules import popularity_comparison, social_welfare_comparison
    from pabutools.rules.budgetallocation import BudgetAllocation

    inst, prof = to_pabutools(e)
    projects = {p.name: p for p in inst}
    fixed = [[projects[p] for p in s] for s in selections]
    rules = [lambda *a, f=f, **k: BudgetAllocation(f) for f in fixed]
    compare = popularity_comparison if by == "popularity" else social_welfare_comparison
    out = compare(inst, prof, getattr(pe, SAT_CLASSES[sat]), rules)
    return {frozenset(p.name for p in o) for o in out}


@FAST
@given(elections(), st.sampled_from(["popularity", "welfare"]))
def test_equals_pabutools(e: Election, by: str) -> None:
    sat = default_sat(e)
    outcomes = [greedy(e, sat), equal_shares(e, sat), equal_shares(e, sat, completion="add1")]
    ours = choose_outcome(e, outcomes, by=by, sat=sat)
    kept = {frozenset(outcomes[k].selected) for k in ours.best}
    assert kept == _oracle(e, [o.selected for o in outcomes], sat, by)
    assert sum(ours.support) >= e.n_voters


@FAST
@given(elections())
def test_voter_satisfactions_add_up(e: Election) -> None:
    sat = default_sat(e)
    chosen = list(greedy(e, sat).selected)
    per_voter = voter_satisfactions(e, chosen, sat)
    u, factor = e.utilities(sat)
    total = Fraction(0)
    for v in range(e.n_voters):
        for k in range(int(e.indptr[v]), int(e.indptr[v + 1])):
            p = int(e.indices[k])
            if e.project_ids[p] in chosen:
                total += factor[p] * (1 if u is None else int(u[k]))
    assert sum(per_voter, Fraction(0)) == total
    assert len(per_voter) == e.n_voters


def test_huge_costs_stay_exact() -> None:
    e = Election.from_ballots({"a": 10**17 + 1, "b": 10**17}, [["a", "b"]] * 3, budget=10**18)
    assert voter_satisfactions(e, ["a", "b"], "cost") == [Fraction(2 * 10**17 + 1)] * 3


def test_refusals() -> None:
    e = Election.from_ballots({"a": 1}, [["a"]], budget=1)
    with pytest.raises(ValidationError, match="at least one outcome"):
        choose_outcome(e, [])
    with pytest.raises(ValidationError, match="popularity, welfare"):
        choose_outcome(e, [greedy(e)], by="fame")
