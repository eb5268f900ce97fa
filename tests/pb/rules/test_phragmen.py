"""Sequential Phragmén equals pabutools' ``sequential_phragmen`` (the oracle, test-only)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.io.pabulib import read_pb
from civicgrants.pb import Election
from civicgrants.pb.rules.equal_shares import equal_shares
from civicgrants.pb.rules.phragmen import phragmen, phragmen_all
from civicgrants.pb.ties import TIE_BREAKS
from civicgrants.testing.vote import elections
from tests.pb.oracle import to_pabutools

# the tie-breaks that rank projects (refuse raises on a tie; equalshares needs a seed)
ORDERS = [t for t in TIE_BREAKS if t not in ("refuse", "equalshares")]

pytest.importorskip("pabutools")

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DATA = Path(__file__).parents[2] / "data" / "pabulib"


def _oracle(
    e: Election, initial: tuple[str, ...] = (), max_load: Fraction | None = None
) -> set[str]:
    from pabutools.rules import sequential_phragmen

    inst, prof = to_pabutools(e)
    projects = {p.name: p for p in inst}
    out = sequential_phragmen(
        inst,
        prof,
        initial_budget_allocation=[projects[p] for p in initial],
        global_max_load=max_load,
    )
    return {p.name for p in out}


@FAST
@given(elections("approval", allow_free=True))
def test_equals_pabutools(e: Election) -> None:
    ours = phragmen(e)
    assert set(ours.selected) == _oracle(e)
    assert ours.cost == sum((e.costs[e.index(p)] for p in ours.selected), Decimal(0))
    assert ours.cost <= e.budget


@FAST
@given(elections("approval"), st.integers(0, 12))
def test_max_load_equals_pabutools(e: Election, bound: int) -> None:
    assert set(phragmen(e, max_load=Fraction(bound, 2)).selected) == _oracle(
        e, max_load=Fraction(bound, 2)
    )


@FAST
@given(elections("approval"))
def test_as_a_completion_of_mes_equals_pabutools(e: Election) -> None:
    start = equal_shares(e, "cost").selected
    ours = phragmen(e, initial=start)
    assert ours.selected[: len(start)] == start
    assert set(ours.selected) == _oracle(e, start)


@FAST
@given(elections("approval"))
def test_every_project_gets_one_decision(e: Election) -> None:
    o = phragmen(e)
    decided = [d.project for d in o.decisions]
    assert sorted(decided) == sorted(e.project_ids)
    assert [d.project for d in o.decisions if d.selected] == list(o.selected)


@FAST
@given(elections("approval"))
def test_loads_never_fall(e: Election) -> None:
    loads = [
        Fraction(dict(d.numbers)["load"].split(" ")[0])
        for d in phragmen(e).decisions
        if d.selected and dict(d.numbers)["load"] != "inf"
    ]
    assert loads == sorted(loads)


def test_shipped_file_equals_pabutools() -> None:
    path = DATA / "poland_warszawa_2018_zerzen.pb"
    e = read_pb(path)
    assert set(phragmen(e).selected) == _oracle(e)


def test_refuses_what_it_cannot_count() -> None:
    e = Election.from_ballots({"a": 1}, [["a"]], budget=1)
    with pytest.raises(ValidationError, match="max_load"):
        phragmen(e, max_load=Fraction(-1))
    with pytest.raises(ValidationError, match="tie_break"):
        phragmen(e, tie_break="coin")
    cumulative = Election.from_ballots({"a": 1}, [{"a": 2}], budget=1)
    with pytest.raises(ValidationError, match="approval ballots"):
        phragmen(cumulative)


@FAST
@given(elections("approval"), st.sampled_from(["phragmen", "add1_phragmen"]))
def test_mes_completion_is_phragmen_from_what_mes_funded(e: Election, completion: str) -> None:
    start = equal_shares(e, "cost", completion="add1" if completion.startswith("add1") else None)
    done = equal_shares(e, "cost", completion=completion)
    assert done.selected == phragmen(e, initial=start.selected).selected
    assert done.selected[: len(start.selected)] == start.selected
    assert (done.rule, done.completion) == ("mes", completion)


def test_count_and_the_command_take_phragmen() -> None:
    from civicgrants.pb import count

    e = Election.from_ballots(
        {"a": 60, "b": 50, "c": 40}, [["a"], ["a"], ["b", "c"], ["c"]], budget=100
    )
    vc = count(e, rule="phragmen")
    assert (vc.outcome.rule, vc.outcome.selected, vc.outcome.sat) == (
        "phragmen",
        ("c", "a"),
        "cardinality",
    )
    with pytest.raises(ValidationError, match="cardinality"):
        count(e, rule="phragmen", sat="cost")
    with pytest.raises(ValidationError, match="mes only, not phragmen"):
        count(e, rule="phragmen", completion="add1")
    ordinal = Election.from_ballots({"a": 1}, [["a"]], budget=1, vote_type="ordinal")
    with pytest.raises(ValidationError, match="approval votes only"):
        equal_shares(ordinal, completion="phragmen")


# --------------------------------------------------------------------------- every tied outcome


def _oracle_all(
    e: Election, initial: tuple[str, ...] = (), max_load: Fraction | None = None
) -> tuple[tuple[str, ...], ...]:
    from pabutools.rules import sequential_phragmen

    inst, prof = to_pabutools(e)
    projects = {p.name: p for p in inst}
    out = sequential_phragmen(
        inst,
        prof,
        initial_budget_allocation=[projects[p] for p in initial],
        global_max_load=max_load,
        resoluteness=False,
    )
    return tuple(sorted(tuple(sorted((p.name for p in o), key=e.index)) for o in out))


def _all_by_hand(e: Election) -> set[frozenset[str]]:
    """Every outcome, by following each tied project (the definition, plainly, in fractions)."""
    approvers = {p: [v for v in range(e.n_voters) if p in e.ballot(v)] for p in e.project_ids}
    cost = {p: Fraction(e.costs[e.index(p)]) for p in e.project_ids}
    found: set[frozenset[str]] = set()

    def follow(chosen: frozenset[str], loads: tuple[Fraction, ...], left: Fraction) -> None:
        waiting = [p for p in e.project_ids if p not in chosen and cost[p] <= e.budget]
        if not waiting:
            found.add(chosen)
            return
        nxt = {
            p: (sum(loads[v] for v in approvers[p]) + cost[p]) / len(approvers[p])
            if approvers[p]
            else None
            for p in waiting
        }
        finite = [x for x in nxt.values() if x is not None]
        best = min(finite) if finite else None
        tied = [p for p in waiting if nxt[p] == best]
        if any(cost[p] > left for p in tied):
            found.add(chosen)
            return
        for p in tied:
            after = list(loads)
            for v in approvers[p]:
                after[v] = best  # type: ignore[assignment]
            follow(chosen | {p}, tuple(after), left - cost[p])

    follow(frozenset(), tuple(Fraction(0) for _ in range(e.n_voters)), Fraction(e.budget))
    return found


@FAST
@given(elections("approval", allow_free=True))
def test_every_outcome_equals_pabutools_irresolute(e: Election) -> None:
    assert phragmen_all(e) == _oracle_all(e)


@FAST
@given(elections("approval"), st.integers(0, 12), st.data())
def test_every_outcome_with_max_load_and_initial_equals_pabutools(
    e: Election, bound: int, data: st.DataObject
) -> None:
    initial = tuple(data.draw(st.lists(st.sampled_from(e.project_ids), unique=True, max_size=2)))
    load = Fraction(bound, 2)
    ours = phragmen_all(e, initial=initial, max_load=load)
    assert ours == _oracle_all(e, initial, load)
    assert all(set(initial) <= set(o) for o in ours)


@FAST
@given(elections("approval", allow_free=True))
def test_every_outcome_by_hand_and_every_tie_break_among_them(e: Election) -> None:
    every = phragmen_all(e)
    assert {frozenset(o) for o in every} == _all_by_hand(e)
    assert list(every) == sorted(set(every))
    for tie_break in ORDERS:
        assert tuple(sorted(phragmen(e, tie_break=tie_break).selected, key=e.index)) in every


def test_every_outcome_refuses_beyond_its_limit() -> None:
    # six projects alike: any three of them, C(6, 3) = 20 outcomes
    e = Election.from_ballots(dict.fromkeys("abcdef", 1), [list("abcdef")], budget=3)
    assert len(phragmen_all(e)) == 20
    with pytest.raises(ValidationError, match="limit: more than 19 outcomes tie"):
        phragmen_all(e, limit=19)
    with pytest.raises(ValidationError, match="limit: must be at least 1"):
        phragmen_all(e, limit=0)
    with pytest.raises(ValidationError, match=r"initial\[0\]: is not a project"):
        phragmen_all(e, initial=["zz"])
    with pytest.raises(ValidationError, match="max_load"):
        phragmen_all(e, max_load=Fraction(-1))
    cumulative = Election.from_ballots({"a": 1}, [{"a": 2}], budget=1)
    with pytest.raises(ValidationError, match="approval ballots"):
        phragmen_all(cumulative)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections("approval", allow_free=True, max_projects=7, max_voters=10))
def test_every_outcome_equals_pabutools_at_length(e: Election) -> None:
    assert phragmen_all(e) == _oracle_all(e)
