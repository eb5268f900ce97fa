"""MES with per-group bounds: budget and bounds respected, skips as an in-loop reference, plain MES when unbound."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.io.pabulib import read_pb
from civicgrants.pb.election import Election
from civicgrants.pb.rules.equal_shares import equal_shares
from civicgrants.pb.rules.mes_bounds import equal_shares_bounded, project_groups
from civicgrants.pb.ties import tie_keys

DATA = Path(__file__).parents[2] / "data" / "pabulib"
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = ("north", "south", "parks")


@st.composite
def cases(
    draw: st.DrawFn,
) -> tuple[Election, dict[str, list[str]], dict[str, tuple[int | None, int | None]]]:
    n_p = draw(st.integers(1, 6))
    ids = [f"p{i}" for i in range(n_p)]
    costs = {p: draw(st.integers(0, 12)) for p in ids}
    n_v = draw(st.integers(1, 6))
    ballots = [draw(st.lists(st.sampled_from(ids), unique=True, max_size=n_p)) for _ in range(n_v)]
    e = Election.from_ballots(costs, ballots, budget=draw(st.integers(6, 40)))
    groups = {p: draw(st.lists(st.sampled_from(NAMES), unique=True, max_size=2)) for p in ids}
    used = sorted({g for gs in groups.values() for g in gs})
    bounds: dict[str, tuple[int | None, int | None]] = {}
    for g in used:
        if draw(st.booleans()):
            lo = draw(st.one_of(st.none(), st.integers(0, 12)))
            hi = draw(st.one_of(st.none(), st.integers(lo or 0, 16)))
            bounds[g] = (lo, hi)
    return e, groups, bounds


def _totals(
    e: Election, selected: tuple[str, ...], groups: dict[str, list[str]]
) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for p in selected:
        for g in groups[p]:
            out[g] = out.get(g, Decimal(0)) + e.costs[e.index(p)]
    return out


@FAST
@given(cases(), st.sampled_from(["cost", "cardinality"]))
def test_budget_and_bounds_hold_or_a_located_error(case: tuple, sat: str) -> None:  # type: ignore[type-arg]
    e, groups, bounds = case
    try:
        o = equal_shares_bounded(e, sat, groups=groups, bounds=bounds)
    except ValidationError as exc:
        error = str(exc)
    else:
        error = ""
    if error:
        assert error.startswith("bounds.") and "lower bound" in error
        return
    assert o.cost <= e.budget
    assert len(set(o.selected)) == len(o.selected)
    spent = _totals(e, o.selected, groups)
    for g, (lo, hi) in bounds.items():
        assert hi is None or spent.get(g, 0) <= hi
        assert lo is None or spent.get(g, 0) >= lo
    # a project funded for a lower bound is in a group that was short of it
    for d in o.decisions:
        if d.phase == "bounds" and d.selected:
            group = dict(d.numbers)["group"]
            assert group in groups[d.project] and bounds[group][0]
    assert {d.project for d in o.decisions} == set(e.project_ids)


@FAST
@given(cases(), st.sampled_from(["cost", "cardinality"]))
def test_bounds_that_do_not_bind_give_plain_mes(case: tuple, sat: str) -> None:  # type: ignore[type-arg]
    e, groups, _ = case
    mes = equal_shares(e, sat)
    spent = _totals(e, mes.selected, groups)
    loose = {
        g: (spent.get(g, Decimal(0)), spent.get(g, Decimal(0)))
        for gs in groups.values()
        for g in gs
    }
    o = equal_shares_bounded(e, sat, groups=groups, bounds=loose)
    assert o.selected == mes.selected and o.cost == mes.cost
    assert not [d for d in o.decisions if d.phase == "bounds"]


def _reference_upper(
    e: Election, sat: str, groups: dict[str, list[str]], hi: dict[str, int]
) -> tuple[str, ...]:
    """Exact MES voter by voter, skipping inside the loop any purchase that breaks an upper bound."""
    rank = tie_keys(e, "lexico")
    costs = [Fraction(c) for c in e.costs]
    sup = [
        [v for v in range(e.n_voters) if e.project_ids[p] in e.ballot(v)]
        for p in range(e.n_projects)
    ]
    worth = [costs[p] if sat == "cost" else Fraction(1) for p in range(e.n_projects)]
    money = [Fraction(e.budget) / e.n_voters] * e.n_voters
    spent: dict[str, Fraction] = {}
    out = [p for p in range(e.n_projects) if costs[p] == 0 and sup[p] and worth[p] > 0]
    gone = set(out)
    while True:
        best = None
        for p in range(e.n_projects):
            if p in gone or not sup[p] or worth[p] == 0 or sum(money[v] for v in sup[p]) < costs[p]:
                continue
            order = sorted(sup[p], key=lambda v: money[v])
            paid, left = Fraction(0), len(order)
            for v in order:
                rho = (costs[p] - paid) / (left * worth[p])
                if rho * worth[p] <= money[v]:
                    break
                paid += money[v]
                left -= 1
            key = (rho, rank[p], p)
            best = key if best is None or key < best else best
        if best is None:
            return tuple(e.project_ids[p] for p in out)
        (
            rho,
            _,
            p,
        ) = best
        gone.add(p)
        pid = e.project_ids[p]
        if any(g in hi and spent.get(g, 0) + costs[p] > hi[g] for g in groups[pid]):
            continue
        for v in sup[p]:
            money[v] -= min(money[v], rho * worth[p])
        for g in groups[pid]:
            spent[g] = spent.get(g, Fraction(0)) + costs[p]
        out.append(p)


@settings(FAST, max_examples=120)
@given(cases(), st.sampled_from(["cost", "cardinality"]))
def test_upper_bounds_skip_inside_the_loop(case: tuple, sat: str) -> None:  # type: ignore[type-arg]
    e, groups, bounds = case
    hi = {g: b[1] for g, b in bounds.items() if b[1] is not None}
    o = equal_shares_bounded(e, sat, groups=groups, bounds={g: (None, h) for g, h in hi.items()})
    assert o.selected == _reference_upper(e, sat, groups, hi)


@pytest.mark.slow
@SLOW
@given(cases(), st.sampled_from(["cost", "cardinality"]))
def test_upper_bounds_skip_inside_the_loop_at_length(case: tuple, sat: str) -> None:  # type: ignore[type-arg]
    test_upper_bounds_skip_inside_the_loop.hypothesis.inner_test(case, sat)  # type: ignore[attr-defined]


def test_categories_of_a_real_file() -> None:
    e = read_pb(DATA / "poland_warszawa_2018_zerzen.pb")
    member = project_groups(e, "category")
    assert member[0] == ("sport", "health")
    plain = equal_shares(e)
    culture = sum(
        (e.costs[e.index(p)] for p in plain.selected if "culture" in member[e.index(p)]), Decimal(0)
    )
    assert culture > 0
    o = equal_shares_bounded(e, bounds={"culture": (None, culture - 1), "health": (100000, None)})
    spent = {
        g: sum((e.costs[e.index(p)] for p in o.selected if g in member[e.index(p)]), Decimal(0))
        for g in ("culture", "health")
    }
    assert spent["culture"] < culture and spent["health"] >= 100000 and o.cost <= e.budget
    reasons = [d.reason for d in o.decisions if d.phase == "bounds"]
    assert any("above its upper bound" in r for r in reasons)


def test_errors_are_located() -> None:
    e = Election.from_ballots({"a": 6, "b": 4}, [["a"], ["b"]], budget=8)
    g = {"a": "x", "b": "y"}
    with pytest.raises(ValidationError, match=r"^bounds\.z: no project"):
        equal_shares_bounded(e, groups=g, bounds={"z": (0, 1)})
    with pytest.raises(ValidationError, match=r"^bounds\.x: need 0 <= lower <= upper"):
        equal_shares_bounded(e, groups=g, bounds={"x": (5, 2)})
    with pytest.raises(ValidationError, match=r"^bounds\.x\.upper"):
        equal_shares_bounded(e, groups=g, bounds={"x": (None, "lots")})
    with pytest.raises(ValidationError, match=r"^groups\.q: no such project"):
        equal_shares_bounded(e, groups={"q": "x"}, bounds={})
    with pytest.raises(ValidationError, match=r"^groups: the projects have no column 'district'"):
        equal_shares_bounded(e, groups="district", bounds={})
    # both want their own project; 6 + 4 > 8, so one lower bound cannot be met
    with pytest.raises(ValidationError, match=r"^bounds\.(x|y): lower bound (6|4) not reached"):
        equal_shares_bounded(e, groups=g, bounds={"x": (6, None), "y": (4, None)})


def test_parse_bounds_reads_the_command_line_text() -> None:
    from civicgrants.pb.rules.mes_bounds import parse_bounds

    assert parse_bounds("sport=0:50000, public space=10000:,culture=:7.5") == {
        "sport": (Decimal(0), Decimal(50000)),
        "public space": (Decimal(10000), None),
        "culture": (None, Decimal("7.5")),
    }
    bad = {
        "": "bounds: give at least one",
        "sport": "bounds[0]: 'sport' must read group=lower:upper",
        "sport=1:2:3": "bounds[0]: 'sport=1:2:3' must read",
        "a=1:,=2:": "bounds[1]: '=2:' names no group",
        "a=1:,a=:2": "bounds[1]: the group 'a' is bounded twice",
        "a=:": "bounds[0]: 'a=:' gives neither",
        "a=x:": "bounds[0].lower: must be a number",
        "a=:-1": "bounds[0].upper: must be a finite number >= 0",
    }
    for spec, message in bad.items():
        with pytest.raises(ValidationError) as caught:
            parse_bounds(spec)
        assert str(caught.value).startswith(message), (spec, str(caught.value))
        assert len(caught.value.problems) == 1


def test_parsed_bounds_count_as_the_mapping_on_a_real_file() -> None:
    from civicgrants.pb.rules.mes_bounds import parse_bounds

    e = read_pb(DATA / "poland_warszawa_2018_zerzen.pb")
    parsed = equal_shares_bounded(e, bounds=parse_bounds("sport=50000:"))
    assert parsed == equal_shares_bounded(e, bounds={"sport": (50000, None)})
    assert parsed.selected == ("1423", "198", "1676")  # MES's two, then sport's lower bound
