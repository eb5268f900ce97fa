"""Tests of civicgrants.pb.certificates: each axiom against a brute force over every voter group."""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.pb import Election, equal_shares, greedy
from civicgrants.pb.certificates import CHECKS, check
from civicgrants.pb.satisfaction import approval_measures

AXIOMS = ("ejr", "ejr1", "pjr", "ejr+")
"""The axioms decided without an LP."""
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def votes(draw: Any, max_voters: int = 7, max_projects: int = 6) -> tuple[Election, list[str]]:
    """A small approval election and a set of project ids (an outcome, feasible or not)."""
    m = draw(st.integers(1, max_projects))
    ids = [f"p{k}" for k in range(m)]
    costs = {p: draw(st.integers(0, 12)) for p in ids}
    budget = draw(st.integers(0, 40))
    n = draw(st.integers(1, max_voters))
    ballots = [draw(st.lists(st.sampled_from(ids), unique=True)) for _ in range(n)]
    e = Election.from_ballots(costs, ballots, budget=budget)
    chosen = draw(st.lists(st.sampled_from(ids), unique=True))
    return e, chosen


def brute(e: Election, chosen: list[str]) -> dict[str, bool]:
    """Each axiom decided by enumerating every voter group and every project set."""
    n = e.n_voters
    budget = Fraction(e.budget)
    cost = {p: Fraction(c) for p, c in zip(e.project_ids, e.costs, strict=True)}
    ballots = [set(e.ballot(i)) for i in range(n)]
    won = set(chosen)
    u = [sum((cost[p] for p in b & won), Fraction(0)) for b in ballots]
    holds = dict.fromkeys(AXIOMS, True)
    for size in range(1, n + 1):
        for group in itertools.combinations(range(n), size):
            common = set.intersection(*(ballots[i] for i in group))
            share = size * budget / n
            for c in common - won:  # EJR+ up to one (a project costing 0 is owed to no one)
                if cost[c] > 0 and all(u[i] + cost[c] <= share for i in group):
                    holds["ejr+"] = False
            for k in range(1, len(common) + 1):
                for t in itertools.combinations(sorted(common), k):
                    ct = sum((cost[p] for p in t), Fraction(0))
                    if ct > share:
                        continue
                    if all(u[i] < ct for i in group):
                        holds["ejr"] = False
                    missing = [cost[p] for p in t if p not in won]
                    if all(u[i] < ct and all(u[i] + a <= ct for a in missing) for i in group):
                        holds["ejr1"] = bool(not missing and holds["ejr1"])
                    union = set().union(*(ballots[i] for i in group)) & won
                    if sum((cost[p] for p in union), Fraction(0)) < ct:
                        holds["pjr"] = False
    return holds


def witness_ok(
    e: Election, chosen: list[str], axiom: str, group: tuple[int, ...], t: tuple[str, ...]
) -> bool:
    """A violation's witness, checked directly from the definitions."""
    n = e.n_voters
    cost = {p: Fraction(c) for p, c in zip(e.project_ids, e.costs, strict=True)}
    ballots = [set(e.ballot(i)) for i in range(n)]
    won = set(chosen)
    u = [sum((cost[p] for p in b & won), Fraction(0)) for b in ballots]
    share = len(group) * Fraction(e.budget) / n
    if not group or not all(set(t) <= ballots[i] for i in group):
        return False
    ct = sum((cost[p] for p in t), Fraction(0))
    if axiom == "ejr+":
        (c,) = t
        return c not in won and cost[c] > 0 and all(u[i] + cost[c] <= share for i in group)
    if ct > share:
        return False
    if axiom == "ejr":
        return all(u[i] < ct for i in group)
    if axiom == "ejr1":
        missing = [cost[p] for p in t if p not in won]
        return bool(missing) and all(u[i] < ct and u[i] + max(missing) <= ct for i in group)
    union = set().union(*(ballots[i] for i in group)) & won
    return sum((cost[p] for p in union), Fraction(0)) < ct


@SETTINGS
@given(votes())
def test_every_axiom_agrees_with_the_brute_force(vote: tuple[Election, list[str]]) -> None:
    e, chosen = vote
    got = check(e, chosen, checks=AXIOMS)
    expected = brute(e, chosen)
    for c in got.certificates:
        assert c.holds is expected[c.axiom], (c.axiom, c.reason)
        if c.holds is False:
            assert witness_ok(e, chosen, c.axiom, c.group, c.projects), c
        else:
            assert c.group == () and c.projects == ()


@SETTINGS
@given(votes())
def test_the_axioms_imply_one_another(vote: tuple[Election, list[str]]) -> None:
    e, chosen = vote
    c = check(e, chosen)
    if c.get("ejr").holds:
        assert c.get("ejr1").holds and c.get("pjr").holds
    if c.get("ejr+").holds:
        assert c.get("ejr1").holds


@SETTINGS
@given(votes())
def test_equal_shares_satisfies_ejr_up_to_one_and_ejr_plus(
    vote: tuple[Election, list[str]],
) -> None:
    e, _ = vote
    c = check(e, equal_shares(e, sat="cost"))
    assert c.get("ejr1").holds, c.get("ejr1").reason
    assert c.get("ejr+").holds, c.get("ejr+").reason


def test_a_cohesive_group_left_with_nothing_by_greedy() -> None:
    # 6 voters want "big"; 4 want the two 40s; greedy funds big and nothing of theirs
    e = Election.from_ballots(
        {"big": 70, "s1": 40, "s2": 40}, [["big"]] * 6 + [["s1", "s2"]] * 4, budget=100
    )
    c = check(e, greedy(e))
    for axiom in AXIOMS:
        assert c.get(axiom).holds is False, axiom
        assert c.get(axiom).group == (6, 7, 8, 9)
    assert dict(c.get("pjr").numbers)["funded_approved"] == "0"
    assert check(e, equal_shares(e)).get("ejr").holds is True


def test_pjr_can_hold_where_ejr_fails() -> None:
    # both voters approve {a, b} (cost 2, their share 2) and each gets 1: EJR fails; the
    # funded projects either approves cost 2: PJR holds
    e = Election.from_ballots(
        {"a": 1, "b": 1, "x": 1, "y": 1}, [["a", "b", "x"], ["a", "b", "y"]], budget=2
    )
    c = check(e, ["x", "y"])
    assert (c.get("ejr").holds, c.get("pjr").holds) == (False, True)
    assert c.get("ejr").group == (0, 1) and c.get("ejr").projects == ("a", "b")
    # one of {a, b} funded: EJR up to one (strict, as in the paper) still fails
    e = Election.from_ballots({"a": 1, "b": 1}, [["a", "b"], ["a", "b"]], budget=2)
    c = check(e, ["a"])
    assert (c.get("ejr").holds, c.get("ejr1").holds, c.get("pjr").holds) == (False, False, False)
    assert check(e, ["a", "b"]).get("ejr").holds is True


def test_a_search_beyond_its_limit_is_undecided_but_a_found_violation_stands() -> None:
    e = Election.from_ballots(
        {f"p{k}": 1 for k in range(6)}, [[f"p{k}" for k in range(6)]] * 6, budget=6
    )
    everything = [f"p{k}" for k in range(6)]
    c = check(e, everything, limit=5)
    assert [x.holds for x in c.certificates][:4] == [None, None, None, True]
    assert "limit of 5" in c.get("ejr").reason
    c = check(e, everything)
    assert c.get("ejr").holds is True and c.get("ejr").examined == 63
    c = check(e, [], limit=2)
    assert c.get("ejr").holds is False and c.get("pjr").holds is False


def test_bad_input_is_a_located_error() -> None:
    e = Election.from_ballots({"a": 1}, [["a"]], budget=1)
    with pytest.raises(ValidationError, match=r"checks\[0\]: must be one of"):
        check(e, ["a"], checks=["core"])
    with pytest.raises(ValidationError, match="asked for twice"):
        check(e, ["a"], checks=["ejr", "ejr"])
    with pytest.raises(ValidationError, match=r"outcome\[0\]: is not a project"):
        check(e, ["zz"])
    with pytest.raises(ValidationError, match="outcome: must be an Outcome"):
        check(e, "a")
    with pytest.raises(ValidationError, match="limit: must be"):
        check(e, ["a"], limit=0)
    with pytest.raises(ValidationError, match="was not checked"):
        check(e, ["a"], checks=["ejr"]).get("pjr")


def test_amounts_with_decimals_are_exact() -> None:
    e = Election.from_ballots(
        {"a": "0.10", "b": "0.20"}, [["a", "b"], ["a", "b"], ["a"]], budget="0.30"
    )
    c = check(e, ["a"])
    # the two voters approving both have share 0.2 = cost({b}) exactly; each gets 0.10
    assert c.get("ejr").holds is False
    assert dict(c.get("ejr").numbers)["cost_T"] == "0.20"
    assert dict(c.get("ejr").numbers)["share"] == "0.2"
    # b on top of 0.10 is 0.30, more than their share 0.20: EJR+ up to one holds
    assert c.get("ejr+").holds is True


def test_the_order_of_checks_is_kept_and_results_are_deterministic() -> None:
    e = Election.from_ballots({"a": 1, "b": 2}, [["a"], ["b"], ["a", "b"]], budget=2)
    c = check(e, ["b"], checks=["pjr", "ejr+"])
    assert [x.axiom for x in c.certificates] == ["pjr", "ejr+"]
    assert check(e, ["b"]) == check(e, ["b"])
    assert [x.axiom for x in check(e, ["b"]).certificates] == list(CHECKS)


@SETTINGS
@given(votes())
def test_measures_agree_with_a_direct_count(vote: tuple[Election, list[str]]) -> None:
    e, chosen = vote
    m = approval_measures(e, chosen)
    won = set(chosen)
    per = [len(set(e.ballot(i)) & won) for i in range(e.n_voters)]
    assert m.voters == e.n_voters
    assert sum(k * v for k, v in m.winners) == sum(per)
    assert dict(m.winners) == {k: per.count(k) for k in range(max(per) + 1)}
    assert m.non_empty == sum(1 for k in per if k)
    assert m.mean_winners == round(sum(per) / len(per), 4)
    cost = {p: Fraction(c) for p, c in zip(e.project_ids, e.costs, strict=True)}
    if e.budget:
        spent = [
            sum((cost[p] for p in set(e.ballot(i)) & won), Fraction(0)) for i in range(e.n_voters)
        ]
        assert m.mean_budget_share == round(float(sum(spent) / Fraction(e.budget) / e.n_voters), 4)
    assert check(e, chosen).measures == m


# pabutools (GPL, test-only) as an oracle on small elections


def _pabutools(e: Election, chosen: list[str]) -> dict[str, bool]:
    pytest.importorskip("pabutools")
    from pabutools.analysis.justifiedrepresentation import (
        is_EJR_approval,
        is_EJR_one_approval,
        is_PJR_approval,
    )
    from pabutools.election import Cost_Sat

    from tests.pb.oracle import to_pabutools

    inst, profile = to_pabutools(e)
    by_name = {p.name: p for p in inst}
    allocation = [by_name[p] for p in chosen]
    return {
        "ejr": is_EJR_approval(inst, profile, Cost_Sat, allocation),
        "ejr1>=": is_EJR_one_approval(inst, profile, Cost_Sat, allocation),
        "pjr": is_PJR_approval(inst, profile, Cost_Sat, allocation),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(votes(max_voters=5, max_projects=4))
def test_pabutools_agrees_on_ejr_and_pjr(vote: tuple[Election, list[str]]) -> None:
    e, chosen = vote
    theirs = _pabutools(e, chosen)
    ours = check(e, chosen)
    assert ours.get("ejr").holds is theirs["ejr"]
    assert ours.get("pjr").holds is theirs["pjr"]
    # pabutools' EJR up to one asks u(W) + cost(a) >= cost(T): weaker than the paper's >
    if ours.get("ejr1").holds:
        assert theirs["ejr1>="]


def test_pabutools_equal_shares_outcomes_on_a_shipped_style_example() -> None:
    e = Election.from_ballots(
        {"big": 70, "s1": 40, "s2": 40}, [["big"]] * 6 + [["s1", "s2"]] * 4, budget=100
    )
    for chosen in (["big"], ["s1", "s2"], ["big", "s1"], []):
        theirs = _pabutools(e, chosen)
        ours = check(e, chosen)
        assert (ours.get("ejr").holds, ours.get("pjr").holds) == (theirs["ejr"], theirs["pjr"])
    assert Decimal(check(e, ["big"]).cost) == 70


# priceability: the LP needs the 'solver' extra (scipy); pabutools' own LP (pulp) as the oracle


def exact_price_system_ok(e: Election, chosen: list[str], c: Any) -> bool:
    """A priceability witness checked exactly from the definition."""
    n = e.n_voters
    cost = {p: Fraction(x) for p, x in zip(e.project_ids, e.costs, strict=True)}
    ballots = [set(e.ballot(i)) for i in range(n)]
    won = set(chosen)
    beta = c.voter_budget
    if beta is None or n * beta < Fraction(e.budget) or sum(cost[p] for p in won) > e.budget:
        return False
    spent = [Fraction(0)] * n
    paid = dict.fromkeys(won, Fraction(0))
    for i, p, a in c.payments:
        if p not in won or p not in ballots[i] or a <= 0:
            return False
        spent[i] += a
        paid[p] += a
    if any(paid[p] != cost[p] for p in won) or any(x > beta for x in spent):
        return False
    return all(
        sum((beta - spent[i] for i in range(n) if p in ballots[i]), Fraction(0)) <= cost[p]
        for p in e.project_ids
        if p not in won
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(votes(max_voters=6, max_projects=5))
def test_priceability_agrees_with_pabutools(vote: tuple[Election, list[str]]) -> None:
    pytest.importorskip("scipy")
    pytest.importorskip("pabutools")
    from pabutools.analysis.priceability import priceable

    from tests.pb.oracle import to_pabutools

    e, chosen = vote
    assume(e.budget > 0)  # pabutools' big M is 10 * budget: 0 for a budget of 0
    # pabutools answers no for every empty outcome (its LP, even where nothing is owed: one
    # voter, budget 1, an unfunded project of cost 11); the definition says yes
    assume(chosen)
    c = check(e, chosen, checks=["priceability"]).get("priceability")
    inst, profile = to_pabutools(e)
    by_name = {p.name: p for p in inst}
    theirs = priceable(inst, profile, [by_name[p] for p in chosen], exhaustive=False)
    assert c.holds is not None, c.reason
    assert c.holds is bool(theirs.validate()), c.reason
    if c.holds:
        assert exact_price_system_ok(e, chosen, c)


@SETTINGS
@given(votes())
def test_equal_shares_outcomes_are_priceable(vote: tuple[Election, list[str]]) -> None:
    """Without a solver: the outcome's own equal-shares payments are the witness."""
    e, _ = vote
    assume(all(c > 0 for c in e.costs))  # MES with cost satisfaction never funds a free project
    o = equal_shares(e, sat="cost")
    c = check(e, o, checks=["priceability"]).get("priceability")
    assert c.holds is True, c.reason
    assert exact_price_system_ok(e, list(o.selected), c)
    if o.selected:
        assert "found by equal shares of the budget" in c.reason


def test_priceability_without_the_solver_is_undecided_or_exact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import builtins

    real = builtins.__import__

    def no_scipy(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("scipy"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_scipy)
    e = Election.from_ballots(
        {"big": 70, "s1": 40, "s2": 40}, [["big"]] * 6 + [["s1", "s2"]] * 4, budget=100
    )
    c = check(e, ["s1"]).get("priceability")  # equal shares pay for s1: no solver needed
    assert c.holds is True and "equal shares" in c.reason and exact_price_system_ok(e, ["s1"], c)
    # voter 0 alone cannot pay 60 from an equal share of 100: only a solver finds a price system
    alone = Election.from_ballots({"a": 60}, [["a"], []], budget=100)
    c = check(alone, ["a"]).get("priceability")
    assert c.holds is None and "'solver' extra" in c.reason
    # a count decides these without the LP: the supporters of big keep too much
    c = check(e, ["s1", "s2"]).get("priceability")
    assert c.holds is False and c.projects == ("big",) and c.group == (0, 1, 2, 3, 4, 5)
    assert check(e, ["big", "s1", "s2"]).get("priceability").holds is False  # over the budget


def test_text_and_json_views() -> None:
    import json

    from civicgrants.io.render import render

    e = Election.from_ballots(
        {"big": 70, "s1": 40, "s2": 40}, [["big"]] * 6 + [["s1", "s2"]] * 4, budget=100
    )
    c = check(e, greedy(e), checks=AXIOMS)
    text = render(c, "text")
    assert text.splitlines()[0] == "proportionality of 1 funded projects (70 of 100), 10 voters:"
    assert "  EJR: no — 4 voters all approve {s1} costing 40" in text
    assert "    voters (0-based): 6, 7, 8, 9" in text
    assert "60.00% of voters approve at least one" in text
    data = json.loads(render(c, "json"))
    assert data["cost"] == 70 and data["selected"] == ["big"] and data["voters"] == 10
    first = data["certificates"][0]
    assert (first["axiom"], first["holds"], first["group"], first["projects"]) == (
        "ejr",
        False,
        [6, 7, 8, 9],
        ["s1"],
    )
    assert first["numbers"]["cost_T"] == "40"
    assert data["measures"]["winners"] == [[0, 4], [1, 6]]
    assert render(c, "json") == render(check(e, greedy(e), checks=AXIOMS), "json")


def test_a_price_system_renders_exactly() -> None:
    pytest.importorskip("scipy")
    import json

    from civicgrants.io.render import render

    e = Election.from_ballots({"a": 2, "b": 1}, [["a"], ["a", "b"], ["b"]], budget=3)
    c = check(e, ["a", "b"], checks=["priceability"])
    p = c.get("priceability")
    assert p.holds is True and p.voter_budget is not None and p.voter_budget >= 1
    assert sum(a for _, proj, a in p.payments if proj == "a") == 2
    data = json.loads(render(c, "json"))["certificates"][0]
    assert all(isinstance(a, str) for _, _, a in data["payments"])
    assert "payments: " in render(c, "text")
