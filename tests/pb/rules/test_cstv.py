"""CSTV equals pabutools' ``cstv`` (the oracle, test-only) with the same choices made.

pabutools leaves two choices to the iteration order of a Python ``set`` of projects
(randomised per process with the string hash): which of several projects of least
excess support is eliminated (``min`` over a set), and the order in which reverse
elimination takes eliminated projects back. Ours eliminates the last of them in
tie-break order and takes projects back latest-eliminated first; the oracle below
runs pabutools' own code with those two orders fixed the same way (its ``min`` sees
the projects in reverse name order, and its post-processing gets the eliminated
projects latest first), and changes nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.io.pabulib import read_pb
from civicgrants.pb import Election, count, cstv
from civicgrants.pb.counting import run_rule
from civicgrants.pb.rules.cstv import CSTV_VARIANTS
from tests.pb.oracle import cstv_oracle

pytest.importorskip("pabutools")

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FAST_MT = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
HERE = Path(__file__).parents[2] / "data" / "pabulib"
SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "pabulib"
IDS = ("a", "b", "c", "B", "10", "9", "x y")


@st.composite
def donations(
    draw: Any, max_projects: int = 5, max_voters: int = 6, allow_free: bool = False
) -> Election:
    """A cumulative vote where every voter gives the same number of points (tie-prone)."""
    n_p = draw(st.integers(1, max_projects))
    ids = draw(st.permutations(IDS))[:n_p]
    low = 0 if allow_free else 1
    costs = {p: draw(st.sampled_from([c for c in (0, 1, 2, 3, 4, 6, 10) if c >= low])) for p in ids}
    total = draw(st.integers(0, 6))
    ballots = []
    for _ in range(draw(st.integers(1, max_voters))):
        points: dict[str, int] = {}
        for p in draw(st.lists(st.sampled_from(ids), min_size=total, max_size=total)):
            points[p] = points.get(p, 0) + 1
        ballots.append(points)
    budget = draw(st.integers(0, max(1, sum(costs.values()))))
    return Election.from_ballots(costs, ballots, budget=budget)


def _cost(e: Election, chosen: Iterable[str]) -> Decimal:
    return sum((e.costs[e.index(p)] for p in chosen), Decimal(0))


@FAST
@given(donations(allow_free=True))
def test_ewt_equals_pabutools(e: Election) -> None:
    assert cstv(e).selected == cstv_oracle(e, "ewt")


@FAST
@given(donations())
def test_ewtc_equals_pabutools(e: Election) -> None:
    # pabutools divides by the cost to rank by support per unit of cost: no free projects
    assert cstv(e, variant="ewtc").selected == cstv_oracle(e, "ewtc")


@FAST_MT
@given(donations(max_projects=4, max_voters=5), st.sampled_from(["mt", "mtc"]))
def test_minimal_transfers_equal_pabutools(e: Election, variant: str) -> None:
    assert cstv(e, variant=variant).selected == cstv_oracle(e, variant)


@pytest.mark.slow
@SLOW
@given(donations(max_projects=7, max_voters=10, allow_free=True), st.sampled_from(CSTV_VARIANTS))
def test_equals_pabutools_at_length(e: Election, variant: str) -> None:
    if variant in ("ewtc", "mtc") and min(e.costs) == 0:
        return
    assert cstv(e, variant=variant).selected == cstv_oracle(e, variant)


@FAST
@given(donations(allow_free=True), st.sampled_from(CSTV_VARIANTS))
def test_every_project_funded_or_eliminated_and_paid_by_points(e: Election, variant: str) -> None:
    o = cstv(e, variant=variant)
    counted = [d.project for d in o.decisions if d.phase in ("cstv", "elimination")]
    if variant.startswith("mt"):  # funded, or left when the count stops
        counted = [d.project for d in o.decisions if d.selected or "count stops" in d.reason]
    assert sorted(counted) == sorted(e.project_ids)
    assert [d.project for d in o.decisions if d.selected] == list(o.selected)
    assert len(set(o.selected)) == len(o.selected)
    assert o.cost == _cost(e, o.selected)
    assert e.points is not None
    assert o.cost <= int(e.points.sum())  # the donors' points are all the money there is
    for d in o.decisions:
        shown = dict(d.numbers).get("excess", "")
        if d.phase == "cstv" and not shown.startswith("~"):  # "~x": a very long fraction
            assert Fraction(shown.split(" ")[0]) >= 0


@FAST
@given(donations(), st.sampled_from(["min_cost", "max_cost", "app_score"]))
def test_other_tie_breaks_count_every_project(e: Election, tie_break: str) -> None:
    o = cstv(e, tie_break=tie_break)
    assert o.tie_break == tie_break
    assert sorted(d.project for d in o.decisions if d.phase != "completion") == sorted(
        e.project_ids
    )


def test_a_worked_example() -> None:
    e = Election.from_ballots(
        {"a": 4, "b": 3, "c": 5}, [{"a": 3, "b": 1}, {"a": 2, "c": 2}, {"b": 1, "c": 3}], budget=12
    )
    o = cstv(e)
    # a: 3 + 2 = 5 >= 4, excess 1 -> voter 1 passes 3/5 to b, voter 2 passes 2/5 to c
    # c: 2 + 2/5 + 3 = 27/5 >= 5; b is left with 1 + 3/5 + 1/4 * ... < 3 and is eliminated
    assert o.selected == ("a", "c") == cstv_oracle(e, "ewt")
    assert [d.phase for d in o.explain("b")] == ["elimination", "completion"]
    assert o.rule == "cstv" and o.sat == "points"


def test_refuses_what_it_cannot_count() -> None:
    approval = Election.from_ballots({"a": 1}, [["a"]], budget=1)
    with pytest.raises(ValidationError, match="CSTV counts cumulative ballots, not approval ones"):
        cstv(approval)
    ordinal = Election.from_ballots({"a": 1}, [["a"]], budget=1, vote_type="ordinal")
    with pytest.raises(ValidationError, match="not ordinal ones"):
        cstv(ordinal)
    uneven = Election.from_ballots({"a": 1, "b": 1}, [{"a": 2}, {"a": 1, "b": 2}], budget=1)
    with pytest.raises(ValidationError, match="same number of points in all, got 2 to 3"):
        cstv(uneven)
    nobody = Election.from_ballots({"a": 1}, [], budget=1, vote_type="cumulative")
    with pytest.raises(ValidationError, match="at least one voter"):
        cstv(nobody)
    even = Election.from_ballots({"a": 1}, [{"a": 2}], budget=1)
    with pytest.raises(ValidationError, match="variant"):
        cstv(even, variant="stv")
    with pytest.raises(ValidationError, match="tie_break"):
        cstv(even, tie_break="coin")
    for bad in (approval, ordinal, uneven, nobody):
        with pytest.raises(ValidationError) as info:
            cstv(bad)
        assert "\n" not in str(info.value)


def test_count_and_run_rule_take_cstv() -> None:
    e = Election.from_ballots({"a": 3, "b": 4}, [{"a": 2, "b": 1}, {"a": 1, "b": 2}], budget=7)
    vc = count(e, rule="cstv")
    assert (vc.outcome.rule, vc.outcome.sat) == ("cstv", "points")
    assert vc.outcome.selected == cstv(e).selected == run_rule(e, "cstv", "points").selected
    with pytest.raises(ValidationError, match="CSTV counts the points given, not cost"):
        count(e, rule="cstv", sat="cost")
    with pytest.raises(ValidationError, match="mes only, not cstv"):
        count(e, rule="cstv", completion="add1")


def _cumulative_files() -> list[Any]:
    found = {p.name: p for p in sorted(HERE.glob("*.pb"))}
    if SHARED.is_dir():
        found.update({p.name: p for p in sorted(SHARED.glob("*.pb"))})
    return [
        pytest.param(p, marks=[pytest.mark.slow] if p.stat().st_size > 1_000_000 else [])
        for _, p in sorted(found.items())
        if b"vote_type;cumulative" in p.read_bytes()[:4000]
    ]


@pytest.mark.parametrize("path", _cumulative_files(), ids=lambda p: p.name)
def test_shipped_files_as_pabutools(path: Path) -> None:
    """Every shipped cumulative file lets voters give different totals: both refuse it."""
    from pabutools.election import parse_pabulib
    from pabutools.rules import CSTV_Combination
    from pabutools.rules import cstv as pabutools_cstv

    e = read_pb(path)
    inst, prof = parse_pabulib(str(path))
    totals = {sum(b.values()) for b in prof}
    assert len(totals) > 1  # no shipped cumulative file has even totals today
    with pytest.raises(ValueError, match="same amount"):
        pabutools_cstv(inst, prof, CSTV_Combination.EWT)
    with pytest.raises(ValidationError, match="same number of points"):
        cstv(e)


def _even_part(path: Path) -> Election:
    """The voters of a shipped file who give the most common total, as a vote of their own."""
    e = read_pb(path)
    assert e.points is not None
    rows = []
    for v in range(e.n_voters):
        lo, hi = int(e.indptr[v]), int(e.indptr[v + 1])
        ids = [e.project_ids[int(i)] for i in e.indices[lo:hi]]
        rows.append(dict(zip(ids, (int(x) for x in e.points[lo:hi]), strict=True)))
    totals = [sum(r.values()) for r in rows]
    common = max(sorted(set(totals)), key=totals.count)
    costs = dict(zip(e.project_ids, e.costs, strict=True))
    kept = [r for r, t in zip(rows, totals, strict=True) if t == common]
    return Election.from_ballots(costs, kept, budget=e.budget)


@pytest.mark.parametrize(
    "path",
    [
        # pabutools takes 10-20 s on the larger ones (its donations are a dict per voter)
        pytest.param(p, marks=[pytest.mark.slow] if p.stat().st_size > 20_000 else [])
        for p in (q.values[0] for q in _cumulative_files())
        if p.stat().st_size < 200_000
    ],
    ids=lambda p: p.name,
)
@pytest.mark.parametrize("variant", ["ewt", "ewtc"])
def test_the_even_voters_of_shipped_files_equal_pabutools(path: Path, variant: str) -> None:
    e = _even_part(path)
    assert cstv(e, variant=variant).selected == cstv_oracle(e, variant)
