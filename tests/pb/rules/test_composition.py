"""Rule composition: pabutools' completions and budget increase (the oracle, test-only), and properties."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.io.pabulib import read_pb
from civicgrants.pb import Election, default_sat
from civicgrants.pb.election import check_initial
from civicgrants.pb.rules.composition import (
    RuleSpec,
    complete_by_rules,
    exhaust_by_budget_increase,
    is_exhaustive,
)
from civicgrants.pb.rules.equal_shares import equal_shares
from civicgrants.pb.rules.greedy import greedy, greedy_all
from civicgrants.pb.rules.max_welfare import max_welfare, max_welfare_all
from civicgrants.testing.vote import elections
from tests.pb.oracle import SAT_CLASSES, to_pabutools, welfare

pytest.importorskip("pabutools")

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DATA = Path(__file__).parents[2] / "data" / "pabulib"
SATS = {"approval": ["cost", "cardinality"], "cumulative": ["points", "cost"], "ordinal": ["borda"]}


def _cost(e: Election, chosen: Any) -> Decimal:
    return sum((e.costs[e.index(p)] for p in chosen), Decimal(0))


@st.composite
def funded(draw: st.DrawFn, e: Election) -> list[str]:
    """Projects already funded: a random subset that fits in the budget, in a random order."""
    out: list[str] = []
    for p in draw(st.permutations(e.project_ids)):
        if draw(st.booleans()) and _cost(e, [*out, p]) <= e.budget:
            out.append(p)
    return out[: draw(st.integers(0, 3))]


# ------------------------------------------------------------------- pabutools as the oracle


def _theirs(name: str, sat: str) -> tuple[Any, dict[str, Any]]:
    """pabutools' rule function and keywords for one of our rules."""
    import pabutools.election as pe
    from pabutools.rules import (
        greedy_utilitarian_welfare,
        max_additive_utilitarian_welfare,
        method_of_equal_shares,
        sequential_phragmen,
    )

    sat_class = getattr(pe, SAT_CLASSES[sat])
    if name == "greedy":
        return greedy_utilitarian_welfare, {"sat_class": sat_class}
    if name == "max_welfare":
        return max_additive_utilitarian_welfare, {"sat_class": sat_class}
    if name == "mes":
        return method_of_equal_shares, {"sat_class": sat_class}
    return sequential_phragmen, {}


def _names(out: Any) -> set[str]:
    return {p.name for p in out}


@st.composite
def election_sat_start(draw: st.DrawFn, allow_free: bool = True) -> tuple[Election, str, list[str]]:
    e = draw(elections(allow_free=allow_free))
    return e, draw(st.sampled_from(SATS[e.vote_type])), draw(funded(e))


@FAST
@given(election_sat_start())
def test_greedy_from_funded_projects_equals_pabutools(
    case: tuple[Election, str, list[str]],
) -> None:
    e, sat, start = case
    rule, kw = _theirs("greedy", sat)
    inst, prof = to_pabutools(e)
    by_name = {p.name: p for p in inst}
    theirs = rule(inst, prof, initial_budget_allocation=[by_name[p] for p in start], **kw)
    ours = greedy(e, sat, initial=start)
    assert ours.selected == tuple(p.name for p in theirs)
    assert ours.selected[: len(start)] == tuple(start)


@FAST
@given(election_sat_start(allow_free=False))
def test_max_welfare_from_funded_projects_equals_pabutools(
    case: tuple[Election, str, list[str]],
) -> None:
    """The same welfare (pabutools does not control which optimal set; no free projects:
    its primal-dual search fails on some, and when no project left out of ``start`` is on
    any ballot: every item it weighs is worth 0)."""
    e, sat, start = case
    ours = max_welfare(e, sat, initial=start)
    assert set(start) <= set(ours.selected)
    assert ours.cost <= e.budget
    assert all(set(start) <= set(s) for s in max_welfare_all(e, sat, initial=start))
    assert all(set(start) <= set(s) for s in greedy_all(e, sat, initial=start))
    if not set(e.indices.tolist()) - {e.index(p) for p in start}:
        return  # pabutools' primal-dual search fails here (IndexError)
    rule, kw = _theirs("max_welfare", sat)
    inst, prof = to_pabutools(e)
    by_name = {p.name: p for p in inst}
    theirs = rule(inst, prof, initial_budget_allocation=[by_name[p] for p in start], **kw)
    assert set(start) <= _names(theirs)
    assert welfare(e, ours.selected, sat) == welfare(e, _names(theirs), sat)


@st.composite
def compositions(draw: st.DrawFn, allow_free: bool = True) -> tuple[Election, list[str], str]:
    """An election, a sequence of rules pabutools composes the same way, and a satisfaction."""
    e = draw(elections(allow_free=allow_free))
    sat = draw(st.sampled_from(SATS[e.vote_type]))
    later = ["mes", "greedy", "phragmen"] if e.vote_type == "approval" else ["mes", "greedy"]
    rules = draw(st.lists(st.sampled_from(later), min_size=1, max_size=3))
    return e, rules, sat


def _spec(name: str, sat: str) -> RuleSpec:
    return name if name == "phragmen" else (name, {"sat": sat})


def _their_completion(e: Election, rules: list[str], sat: str, start: list[str]) -> set[str]:
    from pabutools.rules import completion_by_rule_combination

    inst, prof = to_pabutools(e)
    by_name = {p.name: p for p in inst}
    pairs = [_theirs(r, sat) for r in rules]
    out = completion_by_rule_combination(
        inst,
        prof,
        [f for f, _ in pairs],
        [kw for _, kw in pairs],
        initial_budget_allocation=[by_name[p] for p in start],
    )
    return _names(out)


@FAST
@given(compositions(), st.data())
def test_completion_equals_pabutools(case: tuple[Election, list[str], str], data: Any) -> None:
    e, rules, sat = case
    start: list[str] = data.draw(funded(e))
    ours = complete_by_rules(e, [_spec(r, sat) for r in rules], initial=start)
    assert set(ours.selected) == _their_completion(e, rules, sat, start)
    assert ours.selected[: len(start)] == tuple(start)


def _their_exhaustion(
    e: Election, rule: str, sat: str, start: list[str], **options: Any
) -> set[str]:
    from pabutools.rules import exhaustion_by_budget_increase

    inst, prof = to_pabutools(e)
    by_name = {p.name: p for p in inst}
    f, kw = _theirs(rule, sat)
    out = exhaustion_by_budget_increase(
        inst, prof, f, kw, initial_budget_allocation=[by_name[p] for p in start], **options
    )
    return _names(out)


@st.composite
def increases(draw: st.DrawFn) -> tuple[Election, str, str, list[str], int, int, bool]:
    """An election, a rule, a satisfaction, funded projects, a step, a bound, the stop."""
    e = draw(elections(allow_free=True))
    sat = draw(st.sampled_from(SATS[e.vote_type]))
    rule = draw(
        st.sampled_from(
            ["mes", "greedy", "phragmen"] if e.vote_type == "approval" else ["mes", "greedy"]
        )
    )
    start: list[str] = [] if rule == "mes" else draw(funded(e))
    step = draw(st.integers(1, 4))
    bound = int(e.budget) + step * draw(st.integers(0, 12)) + draw(st.integers(0, step))
    return e, rule, sat, start, step, bound, draw(st.booleans())


@FAST
@given(increases())
def test_budget_increase_equals_pabutools(
    case: tuple[Election, str, str, list[str], int, int, bool],
) -> None:
    e, rule, sat, start, step, bound, stop = case
    ours = exhaust_by_budget_increase(
        e, _spec(rule, sat), step=step, bound=bound, exhaustive_stop=stop, initial=start
    )
    theirs = _their_exhaustion(
        e, rule, sat, start, budget_step=step, budget_bound=bound, exhaustive_stop=stop
    )
    assert set(ours.selected) == theirs
    assert ours.cost <= e.budget


@pytest.mark.slow
@SLOW
@given(compositions(), st.data())
def test_completion_equals_pabutools_at_length(
    case: tuple[Election, list[str], str], data: Any
) -> None:
    test_completion_equals_pabutools.hypothesis.inner_test(case, data)  # type: ignore[attr-defined]


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections(allow_free=True, max_voters=6), st.data())
def test_budget_increase_with_pabutools_defaults(e: Election, data: Any) -> None:
    """Default step (1 % of the budget) and bound (budget x (voters + 1)), as pabutools."""
    assume(e.budget > 0)
    sat = data.draw(st.sampled_from(SATS[e.vote_type]))
    rule = data.draw(st.sampled_from(["mes", "greedy"]))
    ours = exhaust_by_budget_increase(e, _spec(rule, sat))
    assert set(ours.selected) == _their_exhaustion(e, rule, sat, [])


@pytest.mark.slow
@SLOW
@given(increases())
def test_budget_increase_equals_pabutools_at_length(
    case: tuple[Election, str, str, list[str], int, int, bool],
) -> None:
    test_budget_increase_equals_pabutools.hypothesis.inner_test(case)  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "sat"),
    [
        ("poland_zabrze_2020_maciejow.pb", "cost"),
        ("poland_warszawa_2018_zerzen.pb", "cost"),
        ("poland_gdansk_2020_aniolki.pb", "points"),
    ],
)
def test_shipped_files_equal_pabutools(name: str, sat: str) -> None:
    """MES with the budget raised by 1 % (pabutools' defaults), and MES then greedy
    (then Phragmén on approval votes) in turn."""
    e = read_pb(DATA / name)
    assert set(exhaust_by_budget_increase(e, ("mes", {"sat": sat})).selected) == (
        _their_exhaustion(e, "mes", sat, [])
    )
    rules = ["mes", "greedy"] + (["phragmen"] if e.vote_type == "approval" else [])
    specs = [_spec(r, sat) for r in rules]
    assert set(complete_by_rules(e, specs).selected) == _their_completion(e, rules, sat, [])


# ------------------------------------------------------------------- properties


@st.composite
def any_composition(draw: st.DrawFn) -> tuple[Election, list[RuleSpec], list[str]]:
    """Any rules, max_welfare and per-rule tie-breaks included."""
    e = draw(elections(allow_free=True))
    later = ["greedy", "max_welfare"] + (["phragmen"] if e.vote_type == "approval" else [])
    names = draw(st.lists(st.sampled_from(later), min_size=1, max_size=3))
    if draw(st.booleans()):
        names = ["mes", *names]
    specs: list[RuleSpec] = [
        (n, {"tie_break": draw(st.sampled_from(["lexico", "max_cost", "min_cost"]))}) for n in names
    ]
    start: list[str] = [] if names[0] == "mes" else draw(funded(e))
    return e, specs, start


@FAST
@given(any_composition())
def test_completion_never_overspends_and_only_adds(
    case: tuple[Election, list[RuleSpec], list[str]],
) -> None:
    e, specs, start = case
    whole = complete_by_rules(e, specs, initial=start)
    assert whole.cost == _cost(e, whole.selected) <= e.budget
    assert whole.selected[: len(start)] == tuple(start)
    assert len(set(whole.selected)) == len(whole.selected)
    # monotone: each further rule only adds to what the rules before it funded
    before: tuple[str, ...] = tuple(start)
    for k in range(1, len(specs) + 1):
        part = complete_by_rules(e, specs[:k], initial=start)
        assert part.selected[: len(before)] == before
        before = part.selected
    assert before == whole.selected
    # every funded project is credited to one rule (or to initial), every other one explained
    credited = [d.project for d in whole.decisions if d.selected]
    assert sorted(credited) == sorted(whole.selected)
    assert {d.project for d in whole.decisions} == set(e.project_ids)
    for d in whole.decisions:
        if d.selected and d.phase != "initial":
            assert d.reason.startswith(f"{d.phase} at budget {e.budget.normalize():f}")


@FAST
@given(any_composition(), st.integers(1, 5), st.booleans())
def test_budget_increase_never_overspends(
    case: tuple[Election, list[RuleSpec], list[str]], step: int, stop: bool
) -> None:
    e, specs, start = case
    spec = specs[0]
    bound = e.budget + 6 * step
    o = exhaust_by_budget_increase(
        e, spec, step=step, bound=bound, initial=start, exhaustive_stop=stop
    )
    assert o.cost == _cost(e, o.selected) <= e.budget
    assert o.selected[: len(start)] == tuple(start)
    # the budget a funded project was counted with: the real one plus whole steps, within the bound
    for d in o.decisions:
        if d.selected and d.phase != "initial":
            at = Decimal(dict(d.numbers)["budget"])
            assert e.budget <= at <= bound and (at - e.budget) % step == 0
    # a larger bound can only go further: never back to a smaller budget's outcome that stopped
    wider = exhaust_by_budget_increase(
        e, spec, step=step, bound=bound + 3 * step, initial=start, exhaustive_stop=stop
    )
    assert wider.cost <= e.budget
    if stop and is_exhaustive(e, o.selected):
        assert wider.selected == o.selected


@FAST
@given(election_sat_start())
def test_greedy_needs_no_increase(case: tuple[Election, str, list[str]]) -> None:
    """Greedy is exhaustive at the real budget: the increase stops at once."""
    e, sat, start = case
    assume(e.budget > 0)
    o = exhaust_by_budget_increase(e, ("greedy", {"sat": sat}), initial=start)
    assert o.selected == greedy(e, sat, initial=start).selected
    assert is_exhaustive(e, o.selected)


@FAST
@given(elections(allow_free=True), st.data())
def test_is_exhaustive_by_definition(e: Election, data: Any) -> None:
    chosen = data.draw(funded(e))
    left = e.budget - _cost(e, chosen)
    fits = [p for p in e.project_ids if p not in chosen and e.costs[e.index(p)] <= left]
    assert is_exhaustive(e, chosen) == (not fits)


# ------------------------------------------------------------------- examples and refusals


E = Election.from_ballots(
    {"a": 4, "b": 4, "c": 1}, [["a"], ["a"], ["b"], ["b", "c"], ["a", "c"]], budget=6
)


def test_mes_then_greedy_matches_the_mes_completion() -> None:
    assert (
        complete_by_rules(E, ["mes", "greedy"]).selected
        == equal_shares(E, completion="utilitarian").selected
    )
    o = complete_by_rules(E, ["mes", "greedy", "phragmen"])
    assert (o.rule, o.completion, o.sat) == ("mes", "greedy+phragmen", default_sat(E))
    assert [d.phase for d in o.decisions if d.selected] == ["mes", "greedy"]


def test_budget_increase_records_the_budget_and_the_overspend() -> None:
    o = exhaust_by_budget_increase(E, "mes", step=1, exhaustive_stop=False)
    reasons = [d.reason for d in o.decisions]
    assert o.selected == ("a", "c")
    assert any("more than the budget 6" in r for r in reasons), reasons
    none = exhaust_by_budget_increase(E, "mes", step=1, bound=5)
    assert none.selected == () and "above the bound 5" in none.decisions[0].reason
    half = exhaust_by_budget_increase(E, "mes", step=Fraction(1, 2))
    assert half.selected == ("a", "c")


@pytest.mark.parametrize(
    ("call", "where"),
    [
        (lambda: complete_by_rules(E, []), "rules"),
        (lambda: complete_by_rules(E, ["coin"]), "rules[0]"),
        (lambda: complete_by_rules(E, [("greedy", {"colour": 1})]), "rules[0].colour"),
        (lambda: complete_by_rules(E, [("greedy", "cost")]), "rules[0]"),
        (lambda: exhaust_by_budget_increase(E, "mes", step=0), "step"),
        (lambda: exhaust_by_budget_increase(E, "mes", step=Fraction(1, 3)), "step"),
        (lambda: exhaust_by_budget_increase(E, "mes", step=0.5), "step"),
        (lambda: exhaust_by_budget_increase(E, "mes", bound=-1), "bound"),
        (lambda: greedy(E, initial=["z"]), "initial[0]"),
        (lambda: greedy(E, initial=["c", "c"]), "initial[1]"),
        (lambda: greedy(E, initial=["a", "b"]), "initial"),
        (lambda: greedy(E, initial="a"), "initial"),
        (lambda: max_welfare(E, initial=["z"]), "initial[0]"),
        (lambda: max_welfare_all(E, initial=["a", "b"]), "initial"),
        (lambda: greedy_all(E, initial=["z"]), "initial[0]"),
        (lambda: is_exhaustive(E, ["a", "z"]), "selected[1]"),
    ],
)
def test_refusals_are_located(call: Any, where: str) -> None:
    with pytest.raises(ValidationError) as info:
        call()
    assert [p.path for p in info.value.problems] == [where]


def test_a_budget_of_zero_needs_a_step() -> None:
    e = Election.from_ballots({"a": 0, "b": 1}, [["a"]], budget=0)
    with pytest.raises(ValidationError, match="budget is 0"):
        exhaust_by_budget_increase(e, "greedy")
    assert exhaust_by_budget_increase(e, "greedy", step=1).selected == ("a",)
    assert check_initial(e, ["a"]) == (0,)
