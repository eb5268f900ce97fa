"""Reading and writing pabulib .pb files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from civicgrants.errors import DocumentError
from civicgrants.io import pabulib as pb
from civicgrants.scoring.vote import Election
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
        (TEXT.replace("approval", "scoring"), "vote_type: must be approval, cumulative or ordinal"),
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
