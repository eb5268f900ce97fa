"""Reading and writing pabulib .pb files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.errors import DocumentError, ValidationError
from civicgrants.io import pabulib as pb
from civicgrants.pb import Election
from civicgrants.testing.vote import elections

LOCAL = Path(__file__).resolve().parents[1] / "data" / "pabulib"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "pabulib"
FILES = sorted(LOCAL.glob("*.pb")) + (sorted(SHARED.glob("*.pb")) if SHARED.is_dir() else [])

TEXT = """META
key;value
budget;100
vote_type;approval
PROJECTS
project_id;cost;name
a;60;"Park; benches"
b;50,5;School
VOTES
voter_id;age;vote
1;30;a,b
2;41;b
3;;
"""


def _slow(data: bytes) -> Election:
    def bail(*_a: object, **_k: object) -> None:
        raise pb._Bail

    original = pb._fast_votes
    pb._fast_votes = bail  # type: ignore[assignment]
    try:
        return pb.loads_pb(data)
    finally:
        pb._fast_votes = original


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_fast_path_equals_line_reader_and_round_trips(path: Path) -> None:
    data = path.read_bytes()
    e = pb.loads_pb(data)
    assert e == _slow(data)
    assert pb.loads_pb(pb.dumps_pb(e)) == e
    assert e.n_voters == int(dict(e.meta)["num_votes"])


def test_reads_quotes_decimal_commas_and_empty_ballots() -> None:
    e = pb.loads_pb(TEXT)
    assert e.costs[1] == pb.Decimal("50.5")
    assert e.project_rows[0][2] == "Park; benches"
    assert [e.ballot(v) for v in range(3)] == [("a", "b"), ("b",), ()]
    assert e.voter_column("age") == ("30", "41", "")
    assert pb.loads_pb(pb.dumps_pb(e)) == e


def test_write_and_read_file(tmp_path: Path) -> None:
    e = pb.loads_pb(TEXT)
    pb.write_pb(e, tmp_path / "x.pb")
    assert pb.read_pb(tmp_path / "x.pb") == e


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (TEXT.replace("2;41;b", "2;41;z"), "x.pb:12: vote: unknown project 'z'"),
        (TEXT.replace("2;41;b", "2;41;b,b"), "x.pb:12: vote: project 'b' named twice"),
        (TEXT.replace("2;41;b", "2;41"), "x.pb:12: VOTES: expected 3 fields, got 2"),
        (TEXT.replace("b;50,5", "b;-5"), "x.pb:8: cost: must be a finite number >= 0"),
        (TEXT.replace("budget;100", "budget;lots"), "x.pb:3: budget: must be a number"),
        (
            TEXT.replace("approval", "scoring"),
            "x.pb:4: vote_type: must be approval, cumulative or ordinal, got 'scoring'",
        ),
        (TEXT.replace("VOTES\n", ""), "x.pb:1: no VOTES section"),
        (TEXT.replace("b;50,5;School", "a;50;School"), "x.pb:8: project_id: 'a' already on line 7"),
    ],
)
def test_errors_name_file_line_and_problem(bad: str, message: str) -> None:
    with pytest.raises(DocumentError) as info:
        pb.loads_pb(bad, name="x.pb")
    assert message in info.value.one_line()


def test_cumulative_points_errors() -> None:
    text = TEXT.replace("approval", "cumulative").replace(
        "voter_id;age;vote", "voter_id;age;vote;points"
    )
    text = (
        text.replace("1;30;a,b", "1;30;a,b;2,x")
        .replace("2;41;b", "2;41;b;1")
        .replace("3;;", "3;;;")
    )
    with pytest.raises(DocumentError, match="must be whole numbers >= 0, got 'x'"):
        pb.loads_pb(text, name="c.pb")
    ok = pb.loads_pb(text.replace("2,x", "2,3"))
    assert ok.points is not None and ok.points.tolist() == [2, 3, 1]


def test_missing_file_is_a_document_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        pb.read_pb(tmp_path / "nope.pb")


@settings(max_examples=40, deadline=None)
@given(elections())
def test_round_trip_of_generated_elections(e: Election) -> None:
    again = pb.loads_pb(pb.dumps_pb(e))
    assert again == e


# --------------------------------------------------------------------------- every line its own

META_FIRST = """META
key;value
vote_type;approval
description;three rows before the budget
num_votes;2
budget;100
max_length;2
PROJECTS
project_id;cost
a;60
b;50
VOTES
voter_id;vote
1;a,b
2;b
"""


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("vote_type;approval", "vote_type;scoring", "x.pb:3: vote_type: must be approval"),
        ("budget;100", "budget;lots", "x.pb:6: budget: must be a number, got 'lots'"),
        ("budget;100", "budget;-1", "x.pb:6: budget: must be a finite number >= 0"),
        ("max_length;2", "max_length;two", "x.pb:7: max_length: must be a whole number >= 0"),
        ("max_length;2", "min_length;1.5", "x.pb:7: min_length: must be a whole number >= 0"),
        ("num_votes;2", "num_votes;2;x", "x.pb:5: META: expected key;value, got 3 fields"),
        ("num_votes;2", "budget;5", "x.pb:6: budget: given twice"),
        ("vote_type;approval\n", "", "x.pb:2: vote_type: missing from META"),
        ("budget;100\n", "", "x.pb:2: budget: missing from META"),
        ("project_id;cost", "project_id;price", "x.pb:9: PROJECTS: header has no 'cost' column"),
        ("b;50", "b;50;x", "x.pb:11: PROJECTS: expected 2 fields, got 3"),
        ("b;50", ";50", "x.pb:11: project_id: empty"),
        ("b;50", "a;50", "x.pb:11: project_id: 'a' already on line 10"),
        ("b;50", "b;5x", "x.pb:11: cost: must be a number, got '5x'"),
        ("voter_id;vote", "voter_id;ballot", "x.pb:13: VOTES: header has no 'vote' column"),
    ],
)
def test_meta_and_projects_errors_name_their_own_line(old: str, new: str, message: str) -> None:
    assert old in META_FIRST
    with pytest.raises(DocumentError) as info:
        pb.loads_pb(META_FIRST.replace(old, new, 1), name="x.pb")
    assert info.value.one_line().startswith(message)


def test_meta_first_text_reads() -> None:
    e = pb.loads_pb(META_FIRST)
    assert e.n_voters == 2 and e.budget == 100


# --------------------------------------------------------------------------- repeated voter ids


def _votes(rows: list[str], meta: str = "") -> str:
    head = f"META\nkey;value\nbudget;100\nvote_type;approval\n{meta}"
    return (
        head
        + "PROJECTS\nproject_id;cost\na;60\nb;50\nVOTES\nvoter_id;vote\n"
        + ("\n".join(rows) + "\n")
    )


def _both_paths_fail(text: str, message: str) -> None:
    """The default (fast numpy) reader and the line reader raise the same located error."""
    with pytest.raises(DocumentError) as fast:
        pb.loads_pb(text, name="x.pb")
    assert fast.value.one_line() == message
    with pytest.raises(DocumentError) as slow:
        _slow(text.encode())
    assert slow.value.one_line() == message.replace("x.pb", "<data>")


def test_repeated_voter_id_is_a_located_error_on_both_paths() -> None:
    text = _votes(["1;a", "2;b", "3;a,b", "2;a"])
    _both_paths_fail(text, "x.pb:14: voter_id: '2' repeats line 12")


def test_repeated_voter_id_message_and_first_repeat_wins() -> None:
    text = _votes(["7;a", "8;b", "7;b", "8;a"])
    with pytest.raises(DocumentError) as info:
        pb.loads_pb(text, name="x.pb")
    assert info.value.one_line() == "x.pb:13: voter_id: '7' repeats line 11"


def test_fast_path_detects_repeats_itself() -> None:
    """The vectorised reader must refuse (bail) on a repeat, never return both ballots."""
    body = b"1;a\n2;b\n1;b\n"
    with pytest.raises(pb._Bail):
        pb._fast_votes(body, ("voter_id", "vote"), ("a", "b"), "approval", (None, None))
    indptr, _, _, extras = pb._fast_votes(
        b"1;a\n2;b\n", ("voter_id", "vote"), ("a", "b"), "approval", (None, None)
    )
    assert indptr.tolist() == [0, 1, 2] and extras[0].tolist() == [b"1", b"2"]


@pytest.mark.parametrize(
    ("ids", "repeats"),
    [
        (["1", "2", "10"], False),
        (["01", "1"], False),  # different texts, one number: not a repeat
        (["007", "007"], True),  # leading zeros: compared as text
        (["12345678901234567", "12345678901234567"], True),
        (["123456789012345678", "123456789012345679"], False),  # too long for int64 digits
        (["a1", "b2", "a1"], True),
    ],
)
def test_numeric_and_text_voter_ids_find_repeats_alike(ids: list[str], repeats: bool) -> None:
    body = "".join(f"{v};a\n" for v in ids).encode()
    args = (("voter_id", "vote"), ("a", "b"), "approval", (None, None))
    if repeats:
        with pytest.raises(pb._Bail):
            pb._fast_votes(body, *args)
    else:
        _, _, _, extras = pb._fast_votes(body, *args)
        assert [x.decode() for x in extras[0].tolist()] == ids


@settings(max_examples=40, deadline=None)
@given(elections(), st.data())
def test_any_repeated_voter_id_is_refused(e: Election, data: st.DataObject) -> None:
    """Property: duplicating any voter's row makes the file unreadable, naming both lines."""
    text = pb.dumps_pb(e)
    lines = text.split("\n")
    first = lines.index("VOTES") + 2
    if e.n_voters == 0:
        return
    v = data.draw(st.integers(0, e.n_voters - 1))
    at = data.draw(st.integers(first + v + 1, first + e.n_voters))
    lines.insert(at, lines[first + v])
    with pytest.raises(DocumentError) as info:
        pb.loads_pb("\n".join(lines), name="g.pb")
    vid = e.voter_column("voter_id")[v]
    assert info.value.one_line() == f"g.pb:{at + 1}: voter_id: {vid!r} repeats line {first + v + 1}"


# --------------------------------------------------------------------------- ballot length bounds


def test_ballot_longer_than_max_length_is_a_located_error() -> None:
    text = _votes(["1;a", "2;a,b", "3;b"], meta="max_length;1\n")
    _both_paths_fail(text, "x.pb:13: vote: 2 projects, more than max_length 1")


def test_ballot_shorter_than_min_length_is_a_located_error() -> None:
    text = _votes(["1;a,b", "2;b", "3;"], meta="min_length;2\n")
    _both_paths_fail(text, "x.pb:13: vote: 1 project, fewer than min_length 2")
    text = _votes(["1;a,b", "2;"], meta="min_length;1\n")
    _both_paths_fail(text, "x.pb:13: vote: 0 projects, fewer than min_length 1")


def test_ballots_within_bounds_are_read() -> None:
    text = _votes(["1;a", "2;a,b", "3;b"], meta="min_length;1\nmax_length;2\n")
    e = pb.loads_pb(text)
    assert [len(e.ballot(v)) for v in range(3)] == [1, 2, 1]
    assert _slow(text.encode()) == e


def test_election_itself_refuses_ballots_outside_the_bounds() -> None:
    e = pb.loads_pb(_votes(["1;a", "2;a,b"]))
    with pytest.raises(ValidationError) as info:
        Election(
            meta=(*e.meta, ("max_length", "1")),
            project_ids=e.project_ids,
            costs=e.costs,
            indptr=e.indptr,
            indices=e.indices,
            voter_data=e.voter_data,
        )
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("ballots[1]", "2 projects, more than max_length 1")
    ]


@settings(max_examples=40, deadline=None)
@given(elections(), st.integers(0, 4), st.integers(0, 4))
def test_length_bounds_property(e: Election, low: int, high: int) -> None:
    """Property: a file reads iff every ballot length is within [min_length, max_length];
    otherwise the error names the first offending ballot's line."""
    text = pb.dumps_pb(e).replace(
        "vote_type;", f"min_length;{low}\nmax_length;{high}\nvote_type;", 1
    )
    lengths = [len(e.ballot(v)) for v in range(e.n_voters)]
    bad = [v for v, n in enumerate(lengths) if n > high or n < low]
    if not bad:
        assert pb.loads_pb(text).n_voters == e.n_voters
        return
    with pytest.raises(DocumentError) as info:
        pb.loads_pb(text, name="g.pb")
    first_vote_line = text.split("\n").index("VOTES") + 3
    assert info.value.one_line().startswith(f"g.pb:{first_vote_line + bad[0]}: vote: ")
