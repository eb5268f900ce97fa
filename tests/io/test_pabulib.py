"""Reading and writing pabulib .pb files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.errors import DocumentError, ValidationError
from civicgrants.io import pabulib as pb
from civicgrants.pb import Election
from civicgrants.pb.election import check_meta
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
        (TEXT.replace("2;41;b", "2;41;b;x"), "x.pb:12: VOTES: expected 3 fields, got 4"),
        (TEXT.replace("b;50,5", "b;-5"), "x.pb:8: cost: must be a finite number >= 0"),
        (TEXT.replace("budget;100", "budget;lots"), "x.pb:3: budget: must be a number"),
        (
            TEXT.replace("approval", "ranking"),
            "x.pb:4: vote_type: must be one of approval, cumulative, ordinal, scoring, got 'ranking'",
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
        ("vote_type;approval", "vote_type;ranking", "x.pb:3: vote_type: must be one of approval"),
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
        pb._fast_votes(body, ("voter_id", "vote"), ("a", "b"), "approval")
    indptr, _, _, extras, starts = pb._fast_votes(
        b"1;a\n2;b\n", ("voter_id", "vote"), ("a", "b"), "approval"
    )
    assert indptr.tolist() == [0, 1, 2] and extras[0].tolist() == [b"1", b"2"]
    assert starts.tolist() == [0, 1]  # each voter's line in the body


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
    args = (("voter_id", "vote"), ("a", "b"), "approval")
    if repeats:
        with pytest.raises(pb._Bail):
            pb._fast_votes(body, *args)
    else:
        _, _, _, extras, _ = pb._fast_votes(body, *args)
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


def _both_paths_find(text: str, location: str, code: str, message: str) -> None:
    """Both readers read the file, with one finding; ``strict=True`` refuses it."""
    for election in (pb.loads_pb(text, name="x.pb"), _slow(text.encode())):
        assert [f.code for f in election.findings] == [code]
    finding = pb.loads_pb(text, name="x.pb").findings[0]
    assert (finding.location, finding.message_en) == (location, message)
    with pytest.raises(DocumentError) as info:
        pb.loads_pb(text, name="x.pb", strict=True)
    assert info.value.one_line() == f"{location}: {message}"


def test_ballot_longer_than_max_length_is_a_located_finding() -> None:
    text = _votes(["1;a", "2;a,b", "3;b"], meta="max_length;1\n")
    _both_paths_find(text, "x.pb:13", "ballot-too-long", "2 projects, more than max_length 1")


def test_ballot_shorter_than_min_length_is_a_located_finding() -> None:
    text = _votes(["1;a,b", "2;b", "3;"], meta="min_length;2\n")
    _both_paths_find(
        text, "x.pb:13", "ballot-too-short", "1 project, fewer than min_length 2 (2 ballots in all)"
    )
    text = _votes(["1;a,b", "2;"], meta="min_length;1\n")
    _both_paths_find(text, "x.pb:13", "ballot-too-short", "0 projects, fewer than min_length 1")


def test_ballots_within_bounds_are_read() -> None:
    text = _votes(["1;a", "2;a,b", "3;b"], meta="min_length;1\nmax_length;2\n")
    e = pb.loads_pb(text, strict=True)
    assert [len(e.ballot(v)) for v in range(3)] == [1, 2, 1]
    assert _slow(text.encode()) == e and e.findings == ()


def test_election_itself_accepts_ballots_outside_the_bounds_and_check_meta_finds_them() -> None:
    e = pb.loads_pb(_votes(["1;a", "2;a,b"]))
    wider = Election(
        meta=(*e.meta, ("max_length", "1")),
        project_ids=e.project_ids,
        costs=e.costs,
        indptr=e.indptr,
        indices=e.indices,
        voter_data=e.voter_data,
    )
    assert [(f.location, f.message_en) for f in check_meta(wider)] == [
        ("ballots[1]", "2 projects, more than max_length 1")
    ]
    with pytest.raises(ValidationError, match="max_length: must be a whole number"):
        Election(
            meta=(*e.meta, ("max_length", "one")),
            project_ids=e.project_ids,
            costs=e.costs,
            indptr=e.indptr,
            indices=e.indices,
            voter_data=e.voter_data,
        )


@settings(max_examples=40, deadline=None)
@given(elections(), st.integers(0, 4), st.integers(0, 4))
def test_length_bounds_property(e: Election, low: int, high: int) -> None:
    """Property: a file reads strictly iff every ballot length is within [min_length,
    max_length]; otherwise the findings name the first offending ballot's line."""
    text = pb.dumps_pb(e).replace(
        "vote_type;", f"min_length;{low}\nmax_length;{high}\nvote_type;", 1
    )
    lengths = [len(e.ballot(v)) for v in range(e.n_voters)]
    first_vote_line = text.split("\n").index("VOTES") + 3
    found = {
        f.code: f.location
        for f in pb.loads_pb(text, name="g.pb").findings
        if f.code.startswith("ballot-")
    }
    for code, bad in (
        ("ballot-too-long", [v for v, n in enumerate(lengths) if n > high]),
        ("ballot-too-short", [v for v, n in enumerate(lengths) if n < low]),
    ):
        if bad:
            assert found.pop(code) == f"g.pb:{first_vote_line + bad[0]}"
    assert found == {}
    if any(n > high or n < low for n in lengths):
        with pytest.raises(DocumentError):
            pb.loads_pb(text, name="g.pb", strict=True)


# --------------------------------------------------------------------------- issue 14: hardening

ZERZEN = (LOCAL / "poland_warszawa_2018_zerzen.pb").read_bytes()
ANIOLKI = (LOCAL / "poland_gdansk_2020_aniolki.pb").read_bytes()
SWOSZOWICE = (LOCAL / "poland_krakow_2021_swoszowice.pb").read_bytes()
SMALL = """META
key;value
budget;100
vote_type;approval
PROJECTS
project_id;cost
a;60
b;7
VOTES
voter_id;vote
1;a,b
"""


def _one_line(content: str | bytes, name: str = "x.pb") -> str:
    with pytest.raises(DocumentError) as info:
        pb.loads_pb(content, name=name)
    line = info.value.one_line()
    assert "\n" not in line
    return line


def _codes(content: str | bytes, name: str = "x.pb") -> list[tuple[str, str]]:
    return [(f.code, f.location) for f in pb.loads_pb(content, name=name).findings]


def test_a_file_cut_after_200_lines_reads_with_a_finding_and_strict_refuses_it() -> None:
    cut = b"".join(ZERZEN.splitlines(keepends=True)[:200])
    e = pb.loads_pb(cut, name="zerzen.pb")
    assert e.n_voters == 171
    (finding,) = e.findings
    assert (finding.code, finding.location) == ("num-votes-mismatch", "zerzen.pb:10")
    assert dict(finding.numbers) == {"meta": 678, "read": 171}
    assert finding.message_en == (
        "META num_votes is 678, but the VOTES section holds 171 ballots (a cut or padded file?)"
    )
    with pytest.raises(DocumentError) as info:
        pb.loads_pb(cut, name="zerzen.pb", strict=True)
    assert info.value.one_line().startswith("zerzen.pb:10: META num_votes is 678")
    assert pb.loads_pb(ZERZEN, name="zerzen.pb", strict=True).findings == ()


def test_num_projects_that_disagree_with_the_projects_is_a_finding() -> None:
    text = SMALL.replace("budget;100", "budget;100\nnum_projects;7")
    assert _codes(text) == [("num-projects-mismatch", "x.pb:4")]
    assert pb.loads_pb(text).findings[0].message_en == (
        "META num_projects is 7, but the PROJECTS section lists 2 projects"
    )
    assert _codes(SMALL.replace("budget;100", "budget;100\nnum_projects;two")) == [
        ("meta-count-invalid", "x.pb:4")
    ]


def test_a_budget_of_zero_is_a_finding() -> None:
    assert _codes(ZERZEN.replace(b"budget;156573", b"budget;0")) == [("budget-zero", "x.pb:11")]


@pytest.mark.parametrize(
    ("where", "line"), [(b"\nVOTES", 28), (b"VOTES\n", 28), (b";internet;1604", 30)]
)
def test_a_nul_byte_is_a_located_error(where: bytes, line: int) -> None:
    message = _one_line(ZERZEN.replace(where, where[:1] + b"\x00" + where[1:], 1))
    assert (
        message
        == f"x.pb:{line}: a control character (U+0000) in the text; a .pb file holds text only"
    )


def test_a_points_column_on_approval_ballots_is_a_finding_unless_it_says_nothing_more() -> None:
    text = SMALL.replace("voter_id;vote\n1;a,b", "voter_id;vote;points\n1;a,b;1,1\n2;b;5")
    assert _codes(text) == []  # one value for every project voted for: an approval
    differing = text.replace("1;a,b;1,1", "1;a,b;3,1")
    assert _codes(differing) == [("points-not-counted", "x.pb:11")]
    assert (
        "a count of approval ballots ignores them" in pb.loads_pb(differing).findings[0].message_en
    )


def test_a_points_column_on_ordinal_ballots_must_fall_along_the_ranking() -> None:
    assert _codes(SWOSZOWICE) == []  # Kraków 2021: 3,2,1 restates the ranking
    rising = SWOSZOWICE.replace(b"84;7,3,24;3,2,1", b"84;7,3,24;1,2,3")
    assert _codes(rising) == [("points-not-counted", "x.pb:43")]


def test_more_points_than_max_sum_points_is_a_finding() -> None:
    text = ANIOLKI.replace(b"19;1;5;M;32", b"19;1;100;M;32")
    (finding,) = pb.loads_pb(text, name="x.pb").findings
    assert (finding.code, finding.location) == ("points-sum-above-max", "x.pb:28")
    assert finding.message_en == "100 points in all, more than max_sum_points 5"
    assert _slow(text).findings[0].code == "points-sum-above-max"


def test_per_project_points_bounds_are_findings() -> None:
    text = ANIOLKI.replace(b"max_sum_points;5", b"max_sum_points;5\nmax_points;4\nmin_points;2")
    codes = [f.code for f in pb.loads_pb(text).findings]
    assert codes == ["points-above-max", "points-below-min"]


@pytest.mark.parametrize("digits", [19, 20, 400])
def test_points_of_19_digits_or_more_are_a_located_error(digits: int) -> None:
    text = ANIOLKI.replace(b"19;1;5;M;32", b"19;1;" + b"9" * digits + b";M;32")
    assert "x.pb:28: points: " in _one_line(text)
    assert "is more than a count can hold" in _one_line(text)


def test_points_adding_up_past_int64_are_a_located_error_not_a_wrap() -> None:
    big = b"4611686018427387904"  # 2**62: two of them are more than a count holds
    text = ANIOLKI.replace(b"19;1;5;M;32", b"19;1;" + big + b";M;32")
    text = text.replace(b"43;1,3;4,1;M;39", b"43;1,3;" + big + b",1;M;39")
    assert _one_line(text).startswith("x.pb:29: points: the points up to this row add up")


def test_a_400_digit_cost_is_a_located_error() -> None:
    line = _one_line(SMALL.replace("a;60", "a;" + "9" * 400))
    assert line.startswith("x.pb:7: cost: must be an amount of at most 28 digits")


@pytest.mark.parametrize("budget", ["1e9999", "1e999999", "1e999999999999999999"])
def test_enormous_budgets_are_refused_at_once(budget: str) -> None:
    import time

    t = time.perf_counter()
    line = _one_line(ZERZEN.replace(b"budget;156573", f"budget;{budget}".encode()))
    assert time.perf_counter() - t < 2
    assert line.startswith("x.pb:11: budget: ")


@pytest.mark.parametrize("budget", ["1e29", "1e300"])
def test_a_budget_beyond_28_digits_is_an_error_not_a_rounded_cost(budget: str) -> None:
    line = _one_line(SMALL.replace("budget;100", f"budget;{budget}"))
    assert line.startswith("x.pb:3: budget: ") and "an amount holds at most 28" in line


def test_the_largest_budget_that_fits_counts_exactly() -> None:
    from civicgrants.pb import greedy

    e = pb.loads_pb(SMALL.replace("budget;100", "budget;1e27"))
    assert greedy(e).cost == 67  # 60 + 7, not rounded to 70
    line = _one_line(SMALL.replace("budget;100", "budget;1e25").replace("b;7", "b;0.005"))
    assert line.startswith("x.pb:3: budget: 1E+25 needs 29 digits with the 3 decimal places")


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        (b"country;Poland", b"country;Pol\rand", "x.pb:4: META: a carriage return (CR) alone"),
        (b";Koncert", b";Kon\rcert", "x.pb:23: PROJECTS: a carriage return (CR) alone"),
        (b"280;43;M;internet;199", b"280;43;M;inter\rnet;199", "x.pb:31: VOTES: a carriage"),
        (b"280;43;M;internet;199", b"280;43;M;internet;1\r99", "x.pb:31: VOTES: a carriage"),
    ],
)
def test_a_lone_cr_inside_a_cell_is_a_located_error(old: bytes, new: bytes, where: str) -> None:
    assert old in ZERZEN
    assert _one_line(ZERZEN.replace(old, new, 1)).startswith(where)


def test_a_lone_cr_inside_a_quoted_cell_is_kept() -> None:
    e = pb.loads_pb(TEXT.replace('"Park; benches"', '"Park;\rbenches"'))
    assert e.project_rows[0][2] == "Park;\rbenches"
    assert pb.loads_pb(pb.dumps_pb(e)) == e


def test_lone_surrogates_in_a_str_are_a_located_error() -> None:
    line = _one_line(TEXT.replace("School", "Sch\udcc3ool"))
    assert line == (
        "x.pb:8: not text: a lone surrogate U+DCC3 (a str must hold Unicode characters only)"
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"Park; benches"', '"Park; benches', "x.pb:7: PROJECTS: a quoted cell is never closed"),
        ('"Park; benches"', '"Park" benches', "x.pb:7: PROJECTS: text after the closing quote"),
        ("META\n", "hello\nMETA\n", "x.pb:1: text before the first section"),
        ("voter_id;age;vote", "voter_id;vote;vote", "x.pb:10: VOTES: header names the column"),
        ("project_id;cost;name", "project_id;cost;cost", "x.pb:6: PROJECTS: header names"),
        ("3;;", '3;;"a', "x.pb:13: VOTES: a quoted cell is never closed"),
    ],
)
def test_broken_csv_is_a_located_error(old: str, new: str, message: str) -> None:
    assert old in TEXT
    assert _one_line(TEXT.replace(old, new, 1)).startswith(message)


def test_a_short_votes_row_reads_as_pabutools_reads_it_with_a_finding() -> None:
    """Issue 16: a cumulative row ``1;`` (empty vote, no points field) is an empty ballot."""
    text = _votes(["1;a;2", "2;"]).replace("voter_id;vote", "voter_id;vote;points")
    text = text.replace("approval", "cumulative")
    e = pb.loads_pb(text, name="x.pb")
    assert [e.ballot(v) for v in range(2)] == [("a",), ()]
    assert [(f.code, f.location, f.message_en) for f in e.findings] == [
        (
            "row-short",
            "x.pb:12",
            "2 fields, the VOTES header has 3; the missing cells read as empty",
        )
    ]
    with pytest.raises(DocumentError, match=r"x\.pb:12: 2 fields"):
        pb.loads_pb(text, name="x.pb", strict=True)


def test_an_empty_ordinal_ballot_under_min_length_reads_with_a_finding() -> None:
    """Issue 16: pabutools reads an empty ordinal ballot although META sets min_length."""
    cut = SWOSZOWICE.replace(b"84;7,3,24;3,2,1", b"84;;")
    e = pb.loads_pb(cut, name="x.pb")
    assert e.ballot(1) == ()  # an empty points cell for an empty ballot says nothing more
    assert [(f.code, f.location) for f in e.findings] == [("ballot-too-short", "x.pb:43")]


def test_every_cell_is_kept_as_written() -> None:
    text = TEXT.replace("b;50,5;School", "b;50,5; School  ").replace("budget;100", "budget; 100 ")
    e = pb.loads_pb(text)
    assert e.project_rows[1] == ("b", "50,5", " School  ") and e.budget == 100
    assert pb.dumps_pb(e) == text.replace('"Park; benches"', '"Park; benches"')
    assert pb.loads_pb(pb.dumps_pb(e)) == e


@pytest.mark.parametrize("cell", ["META", " votes ", "", "  ", 'say "hi"', "a\nb", "a\rb"])
def test_the_writer_quotes_what_would_read_back_otherwise(cell: str) -> None:
    e = Election.from_ballots({"a": 1}, [["a"], []], budget=1)
    odd = Election(
        meta=e.meta,
        project_ids=e.project_ids,
        costs=e.costs,
        indptr=e.indptr,
        indices=e.indices,
        project_rows=e.project_rows,
        vote_header=("note", "vote"),
        voter_data=(pb.bytes_column([cell.encode(), b"x"]),),
    )
    again = pb.loads_pb(pb.dumps_pb(odd))
    assert again == odd and again.voter_column("note") == (cell, "x")


def test_the_limits_in_force_are_checked_before_work() -> None:
    from civicgrants.model.limits import use_limits

    with use_limits(cells=20):
        assert _one_line(ZERZEN).startswith("x.pb:12: META: more than 20 cells (the cells limit")
    with use_limits(cells=100):
        assert _one_line(ZERZEN).startswith("x.pb:30: VOTES: more than 100 cells")
    with use_limits(file_bytes=100):
        assert "larger than 100 bytes" in _one_line(ZERZEN)
    with use_limits(exponent=2):
        line = _one_line(ZERZEN.replace(b"min_length;1", b"min_length;1000"))
        assert line.startswith("x.pb:16: min_length: too large")


def test_read_pb_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.pb"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError, match="not a regular file"):
        pb.read_pb(fifo)


def test_findings_come_in_file_order_and_survive_a_count() -> None:
    from civicgrants.pb import count

    text = ZERZEN.replace(b"num_projects;6", b"num_projects;7").replace(
        b"budget;156573", b"budget;0"
    )
    e = pb.loads_pb(text, name="x.pb")
    assert [f.location for f in e.findings] == ["x.pb:9", "x.pb:11"]
    result = count(e)
    assert result.findings == e.findings and result.has_errors


def test_bytes_like_content_reads_and_other_types_are_a_type_error(tmp_path: Path) -> None:
    e = pb.loads_pb(SMALL)
    assert pb.loads_pb(bytearray(SMALL.encode())) == e == pb.loads_pb(memoryview(SMALL.encode()))
    with pytest.raises(TypeError, match="reads str or bytes, not int"):
        pb.loads_pb(5)  # type: ignore[arg-type]
    path = tmp_path / "cut.pb"
    path.write_text(SMALL.replace("budget;100", "budget;100\nnum_votes;9"), encoding="utf-8")
    assert [f.code for f in pb.read_pb(path).findings] == ["num-votes-mismatch"]
    with pytest.raises(DocumentError, match="num_votes is 9"):
        pb.read_pb(path, strict=True)


# --------------------------------------------------------------------------- issue 16: pabutools as oracle


def _pabutools_view(data: bytes, tmp: Path) -> tuple[object, ...]:
    """What pabutools reads: META, projects (id, exact cost), ballots (in file order), voter ids."""
    from fractions import Fraction

    parse_pabulib = pytest.importorskip("pabutools.election").parse_pabulib
    path = tmp / "oracle.pb"
    path.write_bytes(data)
    inst, profile = parse_pabulib(str(path))
    projects = sorted((p.name, Fraction(p.cost)) for p in inst)
    ballots: list[object] = []
    for b in profile:
        kind = type(b).__name__
        if kind == "CumulativeBallot":  # project -> points
            ballots.append({p.name: int(x) for p, x in b.items()})
        elif kind == "ApprovalBallot":
            ballots.append(frozenset(p.name for p in b))
        else:  # OrdinalBallot: the ranking
            assert kind == "OrdinalBallot"
            ballots.append(tuple(p.name for p in b))
    voters = tuple(b.meta.get("voter_id", "") for b in profile)
    return dict(inst.meta), projects, ballots, Fraction(inst.budget_limit), voters


def _our_view(e: Election) -> tuple[object, ...]:
    from fractions import Fraction

    projects = sorted((p, Fraction(c)) for p, c in zip(e.project_ids, e.costs, strict=True))
    ballots: list[object] = []
    for v in range(e.n_voters):
        names = e.ballot(v)
        if e.vote_type == "cumulative":
            assert e.points is not None
            pts = e.points[int(e.indptr[v]) : int(e.indptr[v + 1])].tolist()
            ballots.append(dict(zip(names, pts, strict=True)))
        elif e.vote_type == "approval":
            ballots.append(frozenset(names))
        else:
            ballots.append(names)
    voters = e.voter_column("voter_id") if "voter_id" in e.vote_header else ("",) * e.n_voters
    return dict(e.meta), projects, ballots, Fraction(e.budget), voters


CUMULATIVE_SHORT_ROW = ANIOLKI.replace(b"19;1;5;M;32", b"19;", 1)
ORDINAL_EMPTY = SWOSZOWICE.replace(b"84;7,3,24;3,2,1", b"84;;")


@pytest.mark.parametrize(
    ("data", "codes"),
    [
        (CUMULATIVE_SHORT_ROW, ["row-short", "points-sum-below-min"]),
        (ORDINAL_EMPTY, ["ballot-too-short"]),
    ],
    ids=["cumulative-row-1;", "ordinal-empty-under-min_length"],
)
def test_issue_16_rows_read_as_pabutools_reads_them(
    data: bytes, codes: list[str], tmp_path: Path
) -> None:
    """Same projects, same ballots (order and points), same META, same voter ids as pabutools."""
    assert data not in (ANIOLKI, SWOSZOWICE)
    e = pb.loads_pb(data, name="x.pb")
    assert _our_view(e) == _pabutools_view(data, tmp_path)
    assert _slow(data) == e  # the line reader agrees
    assert [f.code for f in e.findings] == codes
    with pytest.raises(DocumentError) as info:
        pb.loads_pb(data, name="x.pb", strict=True)
    line = info.value.one_line()
    assert line.startswith("x.pb:") and "\n" not in line


def test_the_cumulative_short_row_is_an_empty_ballot() -> None:
    e = pb.loads_pb(CUMULATIVE_SHORT_ROW, name="x.pb")
    v = e.voter_column("voter_id").index("19")
    assert e.ballot(v) == ()
    assert e.voter_column("sex")[v] == "" and e.voter_column("age")[v] == ""
    assert e.findings[0].location == "x.pb:28"


@pytest.mark.parametrize("path", sorted(LOCAL.glob("*.pb")), ids=lambda p: p.stem)
def test_shipped_files_read_as_pabutools_reads_them(path: Path, tmp_path: Path) -> None:
    data = path.read_bytes()
    assert _our_view(pb.loads_pb(data)) == _pabutools_view(data, tmp_path)


# --------------------------------------------------------------------------- issue 16: every cell kept


def _cells(text: str) -> dict[str, list[list[str]]]:
    """Each section's non-blank rows, cell by cell, as the csv module reads them."""
    import csv
    import io

    out: dict[str, list[list[str]]] = {}
    rows: list[list[str]] = []
    for row in csv.reader(io.StringIO(text, newline="\n"), delimiter=";", strict=True):
        if len(row) == 1 and row[0].strip().lower() in ("meta", "projects", "votes"):
            rows = out.setdefault(row[0].strip().lower(), [])
        elif row and not (len(row) == 1 and not row[0].strip()):
            rows.append(row)
    return out


def _kept(written: dict[str, list[list[str]]]) -> dict[str, list[list[str]]]:
    """What the writer promises to keep: names (META keys, VOTES header) and votes normalised."""
    meta = [[r[0].strip(), *r[1:]] for r in written["meta"][1:]]
    header = [c.strip() for c in written["votes"][0]]
    special = {"vote", "points"} & set(header)
    votes = [
        [
            ",".join(t.strip() for t in c.split(","))
            if header[j] in special and c.strip()
            else (c if header[j] not in special else "")
            for j, c in enumerate(r + [""] * (len(header) - len(r)))
        ]
        for r in written["votes"][1:]
    ]
    return {"meta": meta, "projects": written["projects"], "votes": [header, *votes]}


def _quote(cell: str) -> str:
    needs = any(ch in cell for ch in ';"\r\n') or cell.strip().lower() in ("", "meta", "votes")
    return '"' + cell.replace('"', '""') + '"' if needs else cell


CELL = st.text(st.sampled_from(list(' \t\u00a0\u3000\u2028\x85ab1;,"\n\ré€Ж🙂')), max_size=6)


@settings(max_examples=150, deadline=None)
@given(
    meta=st.lists(CELL, max_size=3),
    projects=st.lists(st.tuples(CELL, CELL), min_size=1, max_size=4),
    voters=st.lists(st.tuples(CELL, st.sampled_from(["", "p0", " p0 , p1", "p1,p0"])), max_size=5),
    heads=st.tuples(CELL, CELL).filter(lambda h: h[0].strip() != h[1].strip()),
    crlf=st.booleans(),
)
def test_every_cell_a_file_holds_is_written_back(
    meta: list[str],
    projects: list[tuple[str, str]],
    voters: list[tuple[str, str]],
    heads: tuple[str, str],
    crlf: bool,
) -> None:
    """Property: for any file the reader accepts, write(read(x)) keeps every cell.

    META values, PROJECTS cells (header included) and voter cells byte for byte;
    META keys and VOTES column names as names (without surrounding spaces),
    votes as the same ballot.
    """
    extra = [h for h in heads if h.strip().lower() not in ("project_id", "cost", "")]
    lines = ["META", "key;value", "budget;100", "vote_type;approval"]
    lines += [f"k{i};{_quote(v)}" for i, v in enumerate(meta)]
    lines += ["PROJECTS", ";".join([" project_id", "cost "] + [_quote(h) for h in extra])]
    for i, (a, b) in enumerate(projects):
        lines.append(
            ";".join([f"p{i}\u00a0", f" {i + 1} "] + [_quote(c) for c in (a, b)[: len(extra)]])
        )
    lines += ["VOTES", "voter_id; note ;vote"]
    lines += [f"{i};{_quote(note)};{vote}" for i, (note, vote) in enumerate(voters)]
    text = ("\r\n" if crlf else "\n").join(lines) + "\n"
    try:
        e = pb.loads_pb(text)
    except DocumentError:
        return  # e.g. a vote naming p1 with one project: not a file the reader accepts
    out = pb.dumps_pb(e)
    assert _kept(_cells(out)) == _kept(_cells(text))
    assert pb.loads_pb(out) == e


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_real_files_are_written_back_byte_for_byte(path: Path) -> None:
    """Every pabulib file (the 4 shipped, and the 27 of ../shared when present) is written
    back as it was read, byte for byte (after the byte-order mark and ``\\r\\n`` line ends)."""
    raw = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    if not raw.endswith("\n"):
        raw += "\n"
    assert pb.dumps_pb(pb.loads_pb(path.read_bytes())) == raw


def test_a_projects_header_is_kept_as_written() -> None:
    text = SMALL.replace("project_id;cost", " project_id ;cost  ")
    e = pb.loads_pb(text)
    assert e.project_columns == (" project_id ", "cost  ") and e.costs[0] == 60
    assert pb.dumps_pb(e) == text


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("META\n", "\tMeTa \n"),
        ("PROJECTS\n", "  projects;;\n"),
        ("VOTES\n", "Votes\r\n"),
        ("a;60", "a;60\nvote1;60\nmetal;1\nprojects1;2"),  # rows that start like a section
    ],
)
def test_section_markers_are_found_among_rows_that_look_alike(old: str, new: str) -> None:
    e = pb.loads_pb(SMALL.replace(old, new, 1))
    assert e.n_voters == pb.loads_pb(SMALL).n_voters


@pytest.mark.parametrize(
    ("bad", "line"),
    [
        (b"x;\xc5", 4),  # a lead byte without its continuation, before ASCII
        (b"x;\x80", 4),  # a continuation byte alone
        (b"x;\xc5\x84\xff", 4),
    ],
)
def test_text_that_is_not_utf8_is_a_located_error_wherever_it_is(bad: bytes, line: int) -> None:
    data = SMALL.encode().replace(b"vote_type;approval", b"vote_type;approval\n" + bad, 1)
    data = data.replace(b"a;60", "a;60 \u0142".encode())  # more text beyond it that is not ASCII
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        expected = f"x.pb:{line + 1}: not UTF-8 text ({exc.reason})"
    assert _one_line(data) == expected


def _outcome(read: object, data: bytes) -> object:
    try:
        e = read(data)  # type: ignore[operator]
    except DocumentError as exc:
        return exc.one_line().replace("x.pb", "<data>")
    return (e, [(f.code, f.location.replace("x.pb", "<data>")) for f in e.findings])


CELLS = ["", "1", "2", "a", "b", "ab", "a,b", "b,ab,a", "a,,b", " a", "a,a", "x", "1,2", "3,1", "é"]
BALLOTS = [("", ""), ("a", "1"), ("a,b", "2,3"), ("b,ab,a", "1,0,2"), ("ab", "0"), ("b", "")]


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.one_of(st.none(), st.none(), st.lists(st.sampled_from(CELLS), max_size=4)),
            st.sampled_from(BALLOTS),
            st.sampled_from(["", "x", "é", "1,2"]),
            st.sampled_from(["\n", "\n", "\n", "\r\n", "\n\n", "\n \n"]),
        ),
        max_size=8,
    ),
    vote_type=st.sampled_from(["approval", "cumulative", "ordinal"]),
)
def test_the_fast_reader_agrees_with_the_line_reader_on_any_votes(
    rows: list[tuple[list[str] | None, tuple[str, str], str, str]], vote_type: str
) -> None:
    """Property: whatever the VOTES rows, the vectorised reader gives the line reader's
    election and findings, or bails to it (the same located error)."""
    header = "voter_id;vote;points;note" if vote_type == "cumulative" else "voter_id;vote;note"
    text = (
        f"META\nkey;value\nbudget;100\nvote_type;{vote_type}\nmax_length;1\n"
        f"PROJECTS\nproject_id;cost\na;60\nb;50\nab;1\nVOTES\n{header}\n"
    )
    for v, (junk, (vote, points), note, end) in enumerate(rows):
        if junk is not None:  # any cells at all
            cells = junk
        elif vote_type == "cumulative":
            cells = [str(v), vote, points, note]
        else:
            cells = [str(v), vote, note]
        text += ";".join(cells) + end
    data = text.encode()
    fast = _outcome(lambda d: pb.loads_pb(d, name="x.pb"), data)
    assert fast == _outcome(_slow, data)
