"""Scoring (cardinal) ballots, negative scores included: pabutools' CardinalProfile as oracle."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.io.pabulib import dumps_pb, loads_pb
from civicgrants.pb import Election, count, default_sat, equal_shares, greedy
from civicgrants.pb.election import check_meta
from civicgrants.testing.vote import elections
from tests.pb.oracle import SAT_CLASSES, same_mes_outcome, to_pabutools

pytest.importorskip("pabutools")

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _theirs(e: Election, rule: str, sat: str) -> tuple[str, ...]:
    import pabutools.election as pe
    from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares

    inst, prof = to_pabutools(e)
    cls = getattr(pe, SAT_CLASSES[sat])
    if rule == "greedy":
        return tuple(p.name for p in greedy_utilitarian_welfare(inst, prof, sat_class=cls))
    return tuple(p.name for p in method_of_equal_shares(inst, prof, sat_class=cls))


def _agree(e: Election, sat: str) -> None:
    assert greedy(e, sat).selected == _theirs(e, "greedy", sat)
    ours = equal_shares(e, sat).selected
    theirs = _theirs(e, "mes", sat)
    assert same_mes_outcome(e, ours, theirs), (ours, theirs)


@FAST
@given(elections("scoring", allow_free=True), st.sampled_from(["points", "cost", "cardinality"]))
def test_scoring_ballots_count_as_pabutools_counts_them(e: Election, sat: str) -> None:
    _agree(e, sat)


@pytest.mark.slow
@SLOW
@given(
    elections("scoring", max_projects=7, max_voters=10, allow_free=True),
    st.sampled_from(["points", "cost", "cardinality", "effort"]),
)
def test_scoring_ballots_count_as_pabutools_at_length(e: Election, sat: str) -> None:
    _agree(e, sat)


def test_negative_scores_hold_a_project_back_in_greedy_and_mes() -> None:
    e = Election.from_ballots(
        {"a": 5, "b": 5},
        [{"a": 3, "b": -4}, {"a": -1, "b": 2}, {"b": 1}],
        budget=5,
        vote_type="scoring",
    )
    assert default_sat(e) == "points"
    assert greedy(e).selected == ("a",)  # a: 3 - 1 = 2 > b: -4 + 2 + 1 = -1
    assert greedy(e).selected == _theirs(e, "greedy", "points")
    assert equal_shares(e).selected == _theirs(e, "mes", "points")
    vc = count(e)
    assert vc.satisfaction.counted == 3


def test_scoring_needs_points_and_refuses_cc_and_borda() -> None:
    e = Election.from_ballots({"a": 1}, [{"a": -2}], budget=1, vote_type="scoring")
    with pytest.raises(ValidationError, match="'cc' needs approval or cumulative ballots, not"):
        greedy(e, "cc")
    with pytest.raises(ValidationError, match="'borda' needs ordinal ballots, not scoring"):
        greedy(e, "borda")
    with pytest.raises(ValidationError, match="points: must be >= 0"):
        Election.from_ballots({"a": 1}, [{"a": -2}], budget=1, vote_type="cumulative")


def test_relative_points_on_scoring_ballots_ignores_negative_scores_in_the_normaliser() -> None:
    from civicgrants.pb import vote_values

    e = Election.from_ballots(
        {"a": 2, "b": 2, "c": 1}, [{"a": 4, "b": -3, "c": 2}], budget=3, vote_type="scoring"
    )
    # the best within 3: a and c (6); b's -3 never helps
    assert [str(x) for x in vote_values(e, "relative_points")] == ["2/3", "-1/2", "1/3"]


# --------------------------------------------------------------------------- the .pb file

SCORING = """META
key;value
description;scores from -2 to 3
num_projects;3
num_votes;4
budget;10
vote_type;scoring
min_points;-2
max_points;3
PROJECTS
project_id;cost;name
1;6;Park
2;4;Library
3;5;Bikes
VOTES
voter_id;vote;points;age
v1;1,2;3,-2;34
v2;2;1;
v3;;;51
v4;3,1,2;-2,0,3;19
"""


def test_a_scoring_file_reads_and_writes_back_byte_for_byte() -> None:
    e = loads_pb(SCORING, name="s.pb")
    assert e.vote_type == "scoring"
    assert e.points is not None and e.points.tolist() == [3, -2, 1, -2, 0, 3]
    assert e.ballot(3) == ("3", "1", "2")
    assert e.voter_column("age") == ("34", "", "51", "19")
    assert dumps_pb(e) == SCORING
    assert loads_pb(dumps_pb(e)) == e
    assert check_meta(e) == ()


def test_a_scoring_file_counts_as_pabutools_reads_it(tmp_path: object) -> None:
    from pathlib import Path

    import pabutools.election as pe
    from pabutools.election import parse_pabulib
    from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares

    text = SCORING.replace("v3;;;51", "v3;3;2;51")  # pabutools 1.2.3 fails on an empty one
    path = Path(str(tmp_path)) / "s.pb"
    path.write_text(text, encoding="utf-8")
    inst, prof = parse_pabulib(str(path))
    e = loads_pb(text)
    theirs = greedy_utilitarian_welfare(inst, prof, sat_class=pe.Additive_Cardinal_Sat)
    assert greedy(e).selected == tuple(p.name for p in theirs)
    theirs = method_of_equal_shares(inst, prof, sat_class=pe.Additive_Cardinal_Sat)
    assert equal_shares(e).selected == tuple(p.name for p in theirs)


@FAST
@given(elections("scoring", allow_free=True))
def test_generated_scoring_elections_round_trip(e: Election) -> None:
    text = dumps_pb(e)
    back = loads_pb(text)
    assert back == e
    assert dumps_pb(back) == text


def test_a_score_out_of_META_bounds_is_a_finding() -> None:
    e = loads_pb(SCORING.replace("min_points;-2", "min_points;-1"), name="s.pb")
    assert [(f.code, f.location) for f in e.findings] == [("points-below-min", "s.pb:17")]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("3,-2;34", "3,-2.5;34", "points: must be whole numbers (scores may be "),
        ("3,-2;34", "3,--2;34", "points: must be whole numbers (scores may be "),
        ("3,-2;34", "3;34", "points: 1 point values for 2 projects"),
        ("voter_id;vote;points;age", "voter_id;vote;age", "scoring votes need a 'points' column"),
    ],
)
def test_bad_scores_are_located_errors(old: str, new: str, message: str) -> None:
    from civicgrants.errors import DocumentError

    with pytest.raises(DocumentError) as info:
        loads_pb(SCORING.replace(old, new), name="s.pb")
    assert message in str(info.value)
    if "points:" in message:
        assert str(info.value).startswith("s.pb:17:")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections("scoring", max_voters=4))
def test_relative_points_on_scoring_ballots_equals_pabutools(e: Election) -> None:
    """pabutools' MIP normaliser fails (``frac(None)``) on a ballot with no positive score
    (empty, or only zeros and negatives), so each ballot is given one: its first score made
    positive, or a point for the first project when it is empty."""
    assert e.points is not None
    ids, pts = e.project_ids, e.points.tolist()
    ballots: list[dict[str, int]] = []
    for v in range(e.n_voters):
        lo, hi = int(e.indptr[v]), int(e.indptr[v + 1])
        b = {ids[int(i)]: int(x) for i, x in zip(e.indices[lo:hi], pts[lo:hi], strict=True)}
        if not any(x > 0 for x in b.values()):
            first = next(iter(b), ids[0])
            b[first] = abs(b.get(first, 0)) + 1
        ballots.append(b)
    assume(ballots)
    costs = dict(zip(ids, e.costs, strict=True))
    e = Election.from_ballots(costs, ballots, budget=e.budget, vote_type="scoring")
    import pabutools.election as pe
    from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares

    inst, prof = to_pabutools(e)
    cls = pe.Additive_Cardinal_Relative_Sat
    theirs = greedy_utilitarian_welfare(inst, prof, sat_class=cls)
    assert greedy(e, "relative_points").selected == tuple(p.name for p in theirs)
    theirs = method_of_equal_shares(inst, prof, sat_class=cls)
    assert equal_shares(e, "relative_points").selected == tuple(p.name for p in theirs)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "2 scoring ballots"), ("ru", "2 бюллетеней с оценками"), ("kk", "бағалау бюллетені")],
)
def test_a_comparison_of_scoring_ballots_names_them(lang: str, words: str) -> None:
    from civicgrants.io.render import render
    from civicgrants.pb import compare

    e = Election.from_ballots(
        {"a": 5, "b": 5}, [{"a": 3, "b": -4}, {"a": -1, "b": 2}], budget=5, vote_type="scoring"
    )
    assert words in render(compare(e), "text", lang=lang)
