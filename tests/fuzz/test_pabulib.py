"""Fuzzing the pabulib reader: mutated real ``.pb`` files are read or refused, never crash.

Every input is one of the shipped test files (``tests/data/pabulib``) after a few
mutations: the shared edits of :mod:`tests.fuzz.mutations` (flipped bytes, cuts, special
bytes and characters, lone surrogates, long runs of digits, lines doubled, dropped or
swapped) and edits that speak pabulib (a section or META row inserted, a ``;`` or ``,``
moved). :func:`~civicgrants.io.pabulib.loads_pb` must return an election, which then writes
back equal and counts, or raise a located :class:`~civicgrants.errors.CivicGrantsError`
with a one-line printable message (:func:`tests.fuzz.mutations.total`); nothing else may
escape (``csv.Error``, ``OverflowError``, ``UnicodeEncodeError``, ``MemoryError`` ...).

The suite runs ``CIVICGRANTS_FUZZ_EXAMPLES`` inputs per test (200 by default); the long run
is ``tools/fuzz.sh tests/fuzz/test_pabulib.py`` (10^5 inputs per test, seed 0).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import event, given
from hypothesis import strategies as st

from civicgrants.errors import CivicGrantsError
from civicgrants.io.pabulib import dumps_pb, loads_pb
from civicgrants.pb import Election, greedy
from tests.fuzz.mutations import FUZZ, mutated_bytes, mutated_text, one_of_seeds, total

DATA = Path(__file__).resolve().parents[1] / "data" / "pabulib"
SEEDS = tuple(path.read_bytes() for path in sorted(DATA.glob("*.pb")))
PABULIB = (
    b"META\n", b"PROJECTS\n", b"VOTES\n", b"votes;x\n", b"key;value\n", b"budget;0\n",
    b"budget;1e29\n", b"num_votes;5\n", b"num_projects;1\n", b"max_sum_points;1\n",
    b"min_length;9\n", b"max_length;0\n", b"max_points;0\n", b"min_sum_cost;1e20\n",
    b"max_sum_cost;1\n", b"vote_type;cumulative\n", b"vote_type;ordinal\n", b"points",
    b"vote", b"voter_id", b'"a\nb"', b'"";"', b";", b",", b",,", b'"', b"\r", b"\x00",
    b"9223372036854775807", b"4611686018427387904",
)  # fmt: skip


@st.composite
def pabulib_edits(draw: st.DrawFn) -> bytes:
    """A shipped ``.pb`` file after one to four edits that speak the format."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "line", "double", "drop"]))
        at = draw(st.integers(0, len(data)))
        lines = bytes(data).split(b"\n")
        k = draw(st.integers(0, len(lines) - 1))
        if kind == "insert":
            data[at:at] = draw(st.sampled_from(PABULIB))
        elif kind == "line":  # a META row, a section or a number as a line of its own
            lines.insert(k, draw(st.sampled_from(PABULIB)).rstrip(b"\n"))
            data = bytearray(b"\n".join(lines))
        elif kind == "double":
            lines.insert(k, lines[k])
            data = bytearray(b"\n".join(lines))
        else:
            del lines[k]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def _read(content: str | bytes) -> Election | None:
    """The reader's answer: an election, or ``None`` for a located error; anything else fails."""
    election = total(loads_pb, content, name="f.pb")
    if election is None:
        event("refused")  # --hypothesis-show-statistics tells how often
        return None
    for finding in election.findings:
        assert finding.location.startswith("f.pb:"), finding
    event("read with findings" if election.findings else "read")
    return election


@FUZZ
@given(st.one_of(one_of_seeds(SEEDS, mutated_bytes), pabulib_edits()))
def test_reader_is_total_on_mutated_files(data: bytes) -> None:
    election = _read(data)
    if election is None:
        return
    assert loads_pb(dumps_pb(election), name="f.pb") == election  # it reads back what it wrote
    with contextlib.suppress(CivicGrantsError):
        greedy(election)  # and the rules take what the reader gives


@FUZZ
@given(
    st.one_of(
        one_of_seeds([s.decode("utf-8") for s in SEEDS], mutated_text),
        pabulib_edits().map(lambda b: b.decode("utf-8", errors="surrogateescape")),
    )
)
def test_reader_is_total_on_mutated_text(text: str) -> None:
    """The same as ``str``: any character inserted, lone surrogates included."""
    _read(text)
