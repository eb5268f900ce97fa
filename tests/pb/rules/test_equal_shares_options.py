"""MES options against pabutools (the oracle, test-only): details, refusing ties, initial funding."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicgrants.errors import TieRefused
from civicgrants.pb import Election, equal_shares, equal_shares_all, greedy
from civicgrants.pb.rules.greedy import greedy_all
from civicgrants.pb.rules.max_welfare import max_welfare, max_welfare_all
from civicgrants.pb.rules.phragmen import phragmen
from civicgrants.testing.vote import elections
from tests.pb.oracle import SAT_CLASSES, same_mes_outcome, to_pabutools

pytest.importorskip("pabutools")

SATS = {"approval": ["cost", "cardinality"], "cumulative": ["points", "cost"], "ordinal": ["borda"]}
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DATA = Path(__file__).parents[2] / "data" / "pabulib"


@st.composite
def election_and_sat(
    draw: st.DrawFn, allow_free: bool = True, vote_type: Any = None
) -> tuple[Election, str]:
    e = draw(elections(vote_type, allow_free=allow_free))
    return e, draw(st.sampled_from(SATS[e.vote_type]))


def _mes(e: Election, sat: str, **kw: Any) -> Any:
    import pabutools.election as pe
    from pabutools.rules import method_of_equal_shares

    inst, prof = to_pabutools(e)
    byname = {p.name: p for p in inst}
    if "initial" in kw:
        kw["initial_budget_allocation"] = [byname[p] for p in kw.pop("initial")]
    return method_of_equal_shares(inst, prof, sat_class=getattr(pe, SAT_CLASSES[sat]), **kw)


def _same(e: Election, ours: tuple[str, ...], theirs: Any) -> bool:
    """Same selection; free projects (which pabutools takes in set order) compared as a set."""
    return same_mes_outcome(e, ours, tuple(p.name for p in theirs))


# ----------------------------------------------------------------------------- details


def _check_details(e: Election, sat: str, completion: str | None) -> None:
    inc = 1 if completion == "add1" else None
    theirs = _mes(e, sat, analytics=True, voter_budget_increment=inc)
    ours = equal_shares(e, sat, completion=completion, details=True)
    assert _same(e, ours.selected, theirs)
    d = ours.details
    assert d is not None
    assert len(d.group) == e.n_voters
    if e.n_voters == 0:
        assert d.rounds == ()
        return
    steps = [it for it in theirs.details.iterations if it.selected_project is not None]
    assert [r.project for r in d.rounds] == [it.selected_project.name for it in steps]
    assert steps or not d.rounds
    start = theirs.details.iterations[0].voters_budget
    assert list(d.money_after(0)) == [Fraction(x) for x in start]
    for k, it in enumerate(steps, start=1):
        assert list(d.money_after(k)) == [Fraction(x) for x in it.voters_budget_after_selection]


@FAST
@given(election_and_sat(), st.sampled_from([None, "add1"]))
def test_details_equal_pabutools_analytics(
    case: tuple[Election, str], completion: str | None
) -> None:
    _check_details(*case, completion)


@pytest.mark.slow
@SLOW
@given(election_and_sat(), st.sampled_from([None, "add1"]))
def test_details_equal_pabutools_analytics_at_length(
    case: tuple[Election, str], completion: str | None
) -> None:
    _check_details(*case, completion)


@FAST
@given(election_and_sat())
def test_details_are_a_consistent_ledger(case: tuple[Election, str]) -> None:
    """Money only falls; each purchase takes exactly the project's cost; selection unchanged."""
    e, sat = case
    o = equal_shares(e, sat, details=True)
    assert o.selected == equal_shares(e, sat).selected
    d = o.details
    assert d is not None
    if e.n_voters:
        assert d.share == Fraction(e.budget) / e.n_voters
    before = d.money_after(0)
    for k, r in enumerate(d.rounds, start=1):
        after = d.money_after(k)
        assert all(0 <= a <= b for a, b in zip(after, before, strict=True))
        assert sum(before) - sum(after) == Fraction(e.costs[e.index(r.project)])
        assert r.rho > 0
        before = after


def test_details_of_a_shipped_file() -> None:
    from civicgrants.io.pabulib import read_pb

    path = min(DATA.glob("*.pb"), key=lambda p: p.stat().st_size)
    e = read_pb(path)
    sat = "cost" if e.vote_type == "approval" else SATS[e.vote_type][0]
    _check_details(e, sat, None)


# ----------------------------------------------------------------------------- refuse


def _refused(run: Any) -> tuple[bool, Any]:
    from pabutools.tiebreaking import TieBreakingException

    try:
        return False, run()
    except (TieRefused, TieBreakingException) as err:
        return True, err


def _check_refuse(e: Election, sat: str, completion: str | None) -> None:
    from pabutools.tiebreaking import refuse_tie_breaking

    inc = 1 if completion == "add1" else None
    theirs = _refused(
        lambda: _mes(e, sat, tie_breaking=refuse_tie_breaking, voter_budget_increment=inc)
    )
    ours = _refused(lambda: equal_shares(e, sat, completion=completion, tie_break="refuse"))
    assert ours[0] == theirs[0]
    if not ours[0]:
        assert _same(e, ours[1].selected, theirs[1])
        assert ours[1].selected == equal_shares(e, sat, completion=completion).selected
    else:
        assert len(ours[1].projects) >= 2
        assert all(p in e.project_ids for p in ours[1].projects)


@FAST
@given(election_and_sat(), st.sampled_from([None, "add1"]))
def test_refuse_equals_pabutools(case: tuple[Election, str], completion: str | None) -> None:
    _check_refuse(*case, completion)


@pytest.mark.slow
@SLOW
@given(election_and_sat(), st.sampled_from([None, "add1"]))
def test_refuse_equals_pabutools_at_length(
    case: tuple[Election, str], completion: str | None
) -> None:
    _check_refuse(*case, completion)


def test_refuse_names_the_tied_projects() -> None:
    e = Election.from_ballots({"a": 5, "b": 5, "c": 9}, [["a", "b"], ["a", "b"]], budget=10)
    with pytest.raises(TieRefused, match=r"^mes: a tie between a, b in round 1") as err:
        equal_shares(e, tie_break="refuse")
    assert err.value.projects == ("a", "b")
    assert isinstance(err.value, ValueError)
    with pytest.raises(TieRefused, match=r"^greedy: a tie between a, b in step 1"):
        greedy(e, tie_break="refuse")
    with pytest.raises(TieRefused, match=r"^phragmen: a tie between a, b in step 1"):
        phragmen(e, tie_break="refuse")
    one = Election.from_ballots({"a": 5, "b": 6}, [["a", "b"], ["a"]], budget=5)
    assert equal_shares(one, tie_break="refuse").selected == ("a",)
    assert greedy(one, tie_break="refuse").selected == ("a",)
    assert phragmen(one, tie_break="refuse").selected == ("a",)
    assert max_welfare(one, tie_break="refuse").selected == ("a",)


@FAST
@given(election_and_sat(allow_free=False))
def test_refuse_in_greedy_and_max_welfare(case: tuple[Election, str]) -> None:
    """No refusal: same as lexico. Several tied outcomes: always refused."""
    e, sat = case
    for rule, every in ((greedy, greedy_all), (max_welfare, max_welfare_all)):
        refused, out = _refused(lambda rule=rule: rule(e, sat, tie_break="refuse"))
        if not refused:
            assert out.selected == rule(e, sat).selected
        if len(every(e, sat)) > 1:
            assert refused


@FAST
@given(elections("approval"))
def test_refuse_in_phragmen(e: Election) -> None:
    from pabutools.rules import sequential_phragmen

    refused, out = _refused(lambda: phragmen(e, tie_break="refuse"))
    if not refused:
        assert out.selected == phragmen(e).selected
    inst, prof = to_pabutools(e)
    if len(sequential_phragmen(inst, prof, resoluteness=False)) > 1:
        assert refused


# ----------------------------------------------------------------------------- initial


@st.composite
def with_initial(draw: st.DrawFn, vote_type: Any = None) -> tuple[Election, str, tuple[str, ...]]:
    e, sat = draw(election_and_sat(vote_type=vote_type))
    initial = draw(st.lists(st.sampled_from(e.project_ids), unique=True, max_size=2))
    return e, sat, tuple(initial)


def _check_initial(e: Election, sat: str, initial: tuple[str, ...], completion: str | None) -> None:
    inc = 1 if completion == "add1" else None
    theirs = _mes(e, sat, initial=initial, voter_budget_increment=inc)
    ours = equal_shares(e, sat, completion=completion, initial=initial)
    assert _same(e, ours.selected, theirs)
    assert ours.selected[: len(initial)] == initial
    assert ours.cost == sum((e.costs[e.index(p)] for p in ours.selected), Decimal(0))
    assert sorted(d.project for d in ours.decisions) == sorted(e.project_ids)


@FAST
@given(with_initial(), st.sampled_from([None, "add1"]))
def test_initial_equals_pabutools(
    case: tuple[Election, str, tuple[str, ...]], completion: str | None
) -> None:
    _check_initial(*case, completion)


@pytest.mark.slow
@SLOW
@given(with_initial(), st.sampled_from([None, "add1"]))
def test_initial_equals_pabutools_at_length(
    case: tuple[Election, str, tuple[str, ...]], completion: str | None
) -> None:
    _check_initial(*case, completion)


@FAST
@given(with_initial(), st.sampled_from([1, 3, Decimal("0.5")]))
def test_increments_equal_pabutools(case: tuple[Election, str, tuple[str, ...]], inc: Any) -> None:
    e, sat, initial = case
    theirs = _mes(e, sat, initial=initial, voter_budget_increment=Fraction(inc))
    ours = equal_shares(e, sat, completion="add1", increment=inc, initial=initial)
    assert _same(e, ours.selected, theirs)


# ----------------------------------------------------------------------------- irresolute


def _check_all(e: Election, sat: str, initial: tuple[str, ...], completion: str | None) -> None:
    """pabutools' irresolute MES crashes unless the satisfaction is binary: approval votes only."""
    inc = 1 if completion == "add1" else None
    from pabutools.rules import BudgetAllocation

    theirs = _mes(e, sat, initial=initial, voter_budget_increment=inc, resoluteness=False)
    if isinstance(
        theirs, BudgetAllocation
    ):  # pabutools returns its start bare when add1 overspends
        theirs = [theirs]
    ours = equal_shares_all(e, sat, completion=completion, initial=initial)
    assert set(ours) == {tuple(sorted((p.name for p in o), key=e.index)) for o in theirs}
    assert len(ours) == len(set(ours))
    if completion is None:  # add1 stops when any tied outcome is exhaustive: one count may go on
        one = equal_shares(e, sat, initial=initial).selected
        assert tuple(sorted(one, key=e.index)) in ours


@FAST
@given(with_initial("approval"), st.sampled_from([None, "add1"]))
def test_irresolute_equals_pabutools(
    case: tuple[Election, str, tuple[str, ...]], completion: str | None
) -> None:
    _check_all(*case, completion)


@pytest.mark.slow
@SLOW
@given(with_initial("approval"), st.sampled_from([None, "add1"]))
def test_irresolute_equals_pabutools_at_length(
    case: tuple[Election, str, tuple[str, ...]], completion: str | None
) -> None:
    _check_all(*case, completion)


@FAST
@given(election_and_sat())
def test_every_tie_break_lands_in_the_irresolute_outcome(case: tuple[Election, str]) -> None:
    e, sat = case
    every = equal_shares_all(e, sat)
    for tb in ("lexico", "min_cost", "max_cost", "app_score"):
        got = equal_shares(e, sat, tie_break=tb).selected
        assert tuple(sorted(got, key=e.index)) in every
    refused, _ = _refused(lambda: equal_shares(e, sat, tie_break="refuse"))
    assert refused or len(every) == 1


def test_irresolute_limit() -> None:
    e = Election.from_ballots(dict.fromkeys("abcdef", 1), [list("abcdef")], budget=3)
    assert len(equal_shares_all(e)) == 20
    with pytest.raises(ValueError, match="more than 5 outcomes tie under MES"):
        equal_shares_all(e, limit=5)


# ----------------------------------------------------------------------------- equalshares.net


def _add1_reference(
    e: Election, sat: str, start: Fraction, exhaustive_stop: bool
) -> tuple[str, ...] | None:
    """add1 by hand over pabutools' plain MES: each voter's money is budget_limit / voters."""
    import pabutools.election as pe
    from pabutools.election import Instance
    from pabutools.rules import method_of_equal_shares

    inst, prof = to_pabutools(e)
    cls = getattr(pe, SAT_CLASSES[sat])
    cands = {
        p for p in e.project_ids if e.costs[e.index(p)] > 0 and any(p in b for b in _ballots(e))
    }
    kept: tuple[str, ...] | None = None
    share = start
    for _ in range(400):
        at = Instance(inst, budget_limit=share * e.n_voters)
        out = tuple(p.name for p in method_of_equal_shares(at, prof, sat_class=cls))
        cost = sum((e.costs[e.index(p)] for p in out), Decimal(0))
        if cost > e.budget:
            return kept if kept is not None else ()
        kept = out
        left = e.budget - cost
        if exhaustive_stop and all(p in out or e.costs[e.index(p)] > left for p in cands):
            return kept
        if not exhaustive_stop and cands <= set(out):
            return kept
        share += 1
    return None  # too many raises for a test


def _ballots(e: Election) -> list[set[str]]:
    return [
        {e.project_ids[int(i)] for i in e.indices[e.indptr[v] : e.indptr[v + 1]]}
        for v in range(e.n_voters)
    ]


@FAST
@given(election_and_sat(allow_free=False, vote_type="approval"), st.booleans(), st.booleans())
def test_add1_options_equal_a_reference_over_pabutools(
    case: tuple[Election, str], exhaustive_stop: bool, integral: bool
) -> None:
    e, sat = case
    if e.n_voters == 0:
        return
    start = Fraction(e.budget) / e.n_voters
    if integral:
        start = Fraction(int(start))
    ref = _add1_reference(e, sat, start, exhaustive_stop)
    if ref is None:
        return
    ours = equal_shares(
        e, sat, completion="add1", exhaustive_stop=exhaustive_stop, integral=integral
    )
    assert set(ours.selected) == set(ref)
    assert ours.cost <= e.budget


def test_without_the_exhaustive_stop_the_outcome_can_change() -> None:
    costs = {"a": 20, "b": 40, "c": 60, "d": 50}
    ballots = [["d"], ["a"], ["c", "d"], ["a", "c"], ["b", "a"]]
    e = Election.from_ballots(costs, ballots, budget=100)
    assert equal_shares(e, completion="add1").selected == ("a", "d")  # 30 left: b does not fit
    longer = equal_shares(e, completion="add1", exhaustive_stop=False)
    assert longer.selected == ("a", "c")
    assert longer.cost == 80


def _chain_oracle(e: Election, sat: str, seed: int, completion: str | None) -> Any:
    from pabutools.tiebreaking import TieBreakingRule

    from civicgrants.pb.ties import lot

    drawn = {p: k for k, p in enumerate(lot(e, seed))}
    votes = {p: sum(p in b for b in _ballots(e)) for p in e.project_ids}
    chain = TieBreakingRule(lambda inst, prof, p: (p.cost, -votes[p.name], drawn[p.name]))
    inc = 1 if completion == "add1" else None
    return _mes(e, sat, tie_breaking=chain, voter_budget_increment=inc)


@FAST
@given(election_and_sat(), st.integers(0, 2**32), st.sampled_from([None, "add1"]))
def test_equalshares_tie_chain_equals_pabutools_with_that_chain(
    case: tuple[Election, str], seed: int, completion: str | None
) -> None:
    e, sat = case
    ours = equal_shares(e, sat, completion=completion, tie_break="equalshares", seed=seed)
    assert _same(e, ours.selected, _chain_oracle(e, sat, seed, completion))
    assert ours.seed == seed
    assert sorted(ours.lot) == sorted(e.project_ids)
    again = equal_shares(e, sat, completion=completion, tie_break="equalshares", seed=ours.seed)
    assert again == ours


def test_equalshares_tie_chain_needs_a_seed_and_fits_mes_only() -> None:
    e = Election.from_ballots({"a": 5, "b": 5}, [["a", "b"]], budget=5)
    with pytest.raises(ValueError, match="seed"):
        equal_shares(e, tie_break="equalshares")
    with pytest.raises(ValueError, match="not utilitarian"):
        equal_shares(e, tie_break="equalshares", seed=1, completion="utilitarian")
    picks = {equal_shares(e, tie_break="equalshares", seed=s).selected for s in range(40)}
    assert picks == {("a",), ("b",)}  # the lot decides, both ways over seeds


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.pb")))
def test_shipped_files_refuse_initial_and_the_tie_chain(name: str) -> None:
    from civicgrants.io.pabulib import read_pb

    e = read_pb(DATA / name)
    sat = "cost" if e.vote_type == "approval" else SATS[e.vote_type][0]
    _check_refuse(e, sat, None)
    cheapest = min(e.project_ids, key=lambda p: (e.costs[e.index(p)], p))
    _check_initial(e, sat, (cheapest,), None)
    ours = equal_shares(e, sat, tie_break="equalshares", seed=2026)
    assert _same(e, ours.selected, _chain_oracle(e, sat, 2026, None))
