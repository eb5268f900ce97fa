r"""Read and write pabulib ``.pb`` files (https://pabulib.org/format).

A ``.pb`` file has three ``;``-separated sections: ``META`` (``key;value``),
``PROJECTS`` (a header with at least ``project_id`` and ``cost``) and ``VOTES``
(a header with ``vote`` — comma-separated project ids — plus ``points`` for
cumulative and scoring ballots, and any other voter columns such as ``voter_id``,
``age``, ``sex``). Approval, cumulative, ordinal and scoring (cardinal) ballots are
supported; a scoring ballot's points are whole numbers that may be negative
(pabutools also reads fractional scores; this reader refuses them, naming the line).

Every cell is kept as written, spaces included (META values, the PROJECTS
header and rows, voter columns), so `dumps_pb()` writes back every cell
`loads_pb()` read; META keys and VOTES column names are names, read without
the spaces around them, and a vote is kept as its ballot. Each section is read
by the `csv` module as one stream (a quoted cell may hold ``;``, a line break
or a quote), never split into lines first. VOTES sections go through a
vectorised numpy path over the raw bytes (cells found from one pass over
``;``, ``,`` and line feeds, project ids mapped by a hash of their bytes);
anything it does not vouch for (quotes, spaces inside votes, an unknown
project, a lone carriage return, ...) sends the section through the csv
reader, which names the file, line and problem, e.g.
``lodz.pb:181: vote: unknown project 'L999'``.

**What a file cannot hold is an error** (`DocumentError`,
one line ``file:line: problem``, whatever bytes or text come): bytes that are
not UTF-8 or a ``str`` with lone surrogates, a control character other than tab,
line feed and carriage return (a NUL byte, say), a carriage return alone inside
an unquoted cell, an unterminated quote, text before the first section, a
section missing or given twice, a row with more cells than its header, a column
named twice, a section over the ``cells`` limit, a META without a valid
``vote_type`` or ``budget``, a META bound
(`META_BOUNDS`) that is not a number, a bad or
repeated project id, a cost or budget that is not an amount within 28 digits
(together: `amount_problems()`), a vote naming an
unknown project or one project twice, points that are not whole numbers, do not
match the votes or add up to more than a count holds, and a repeated
``voter_id`` (``x.pb:14: voter_id: '2' repeats line 12``). Numbers follow the
limits in force (`civicgrants.model.limits`).

**Where a file breaks its own META, reading reports it**: ``num_votes`` or
``num_projects`` that disagree with the sections, a budget of 0, a ballot outside
``min_length`` / ``max_length``, points beyond ``min_points`` / ``max_points`` /
``min_sum_points`` / ``max_sum_points``, a ballot's cost beyond ``min_sum_cost`` /
``max_sum_cost``, a ``points`` column on approval or ordinal ballots that says
more than the vote (`check_meta()`), and a VOTES row
with fewer cells than its header (the missing cells read as empty, as pabutools
reads them: a cumulative row ``1;`` is an empty ballot). By default (``strict=False``) such a file reads, and the breaches
are `Finding` objects (errors, located
``file:line``, in file order) in ``Election.findings``; with ``strict=True`` the
file is refused with one `DocumentError` listing them.

Examples
--------
>>> text = '''META
... key;value
... budget;100
... vote_type;approval
... PROJECTS
... project_id;cost
... a;60
... b;50
... VOTES
... voter_id;vote
... 1;a,b
... 2;b
... '''
>>> e = loads_pb(text)
>>> e.project_ids, e.budget, e.ballot(0), e.findings
(('a', 'b'), Decimal('100'), ('a', 'b'), ())
>>> loads_pb(dumps_pb(e)) == e
True
>>> loads_pb(text.replace("2;b", "2;z"), name="x.pb")
Traceback (most recent call last):
...
civicgrants.errors.DocumentError: x.pb:12: 1 problem
  vote: unknown project 'z'
>>> cut = text.replace("budget;100", "budget;100\nnum_votes;3")
>>> [str(f) for f in loads_pb(cut, name="x.pb").findings]
['error num-votes-mismatch at x.pb:4: META num_votes is 3, but the VOTES section holds 2 ballots (a cut or padded file?) (meta=3, read=2)']
>>> loads_pb(cut, name="x.pb", strict=True)
Traceback (most recent call last):
...
civicgrants.errors.DocumentError: x.pb: 1 problem
  x.pb:4: META num_votes is 3, but the VOTES section holds 2 ballots (a cut or padded file?)
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import attrs
import numpy as np
import numpy.typing as npt

from civicgrants.errors import DocumentError, Problem, ValidationError
from civicgrants.io.files import read_bytes
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.limits import get_limits
from civicgrants.pb.election import (
    META_BOUNDS,
    POINTED,
    POINTS_MAX,
    VOTE_TYPES,
    Election,
    amount_problems,
    bytes_column,
    check_meta,
    meta_bound,
    point_problem,
    shown,
    to_exact,
)

__all__ = ["dumps_pb", "loads_pb", "read_pb", "write_pb"]

_SECTION = re.compile(rb"[ \t]*(meta|projects|votes)[ \t]*(;[^\n]*)?\r?", re.I)
_KEYWORDS = ("meta", "projects", "votes")
_PREFIXES = np.array([k[0] << 16 | k[1] << 8 | k[2] for k in (b"met", b"pro", b"vot")], np.uint32)
IntArray = npt.NDArray[np.int64]
_PAD = 64


class _Bail(Exception):
    """The fast path cannot take this input; use the csv reader."""


def read_pb(path: str | os.PathLike[str], *, strict: bool = False) -> Election:
    """Read a ``.pb`` file; errors and findings name the file and line.

    Parameters
    ----------
    path : str or os.PathLike
        The ``.pb`` file (UTF-8, a leading byte-order mark is skipped): a regular
        file within the ``file_bytes`` limit.
    strict : bool
        Refuse a file that breaks its own META (see `loads_pb()`) instead of
        reading it with findings.

    Returns
    -------
    Election
        The vote, every cell of the file kept as written; its ``findings`` say
        where the file breaks its own META.

    Raises
    ------
    DocumentError
        A missing file, a folder, a pipe or device, a file over the
        ``file_bytes`` limit, one that cannot be read, or content
        `loads_pb()` refuses (the error names ``path`` and the line).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from civicgrants.pb.election import Election
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_pb(Election.from_ballots({"a": 60}, [["a"]], budget=100), folder / "x.pb")
    >>> read_pb(folder / "x.pb").ballot(0)
    ('a',)
    >>> read_pb(folder / "missing.pb")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: ...missing.pb: 1 problem
      no such file

    See Also
    --------
    loads_pb : the same from text or bytes.
    write_pb : writes an election to a file.
    civicgrants.pb.counting.count : counts the vote.
    """
    return loads_pb(read_bytes(path), name=os.fspath(path), strict=strict)


def loads_pb(text: str | bytes, *, name: str = "<data>", strict: bool = False) -> Election:
    r"""Parse ``.pb`` content (text or UTF-8 bytes): an election or a located error, always.

    Section names (``META``, ``PROJECTS``, ``VOTES``) are read in any case; blank
    lines are skipped; ``\r\n`` line ends are accepted.

    Parameters
    ----------
    text : str or bytes
        The content; bytes must be UTF-8 (a leading byte-order mark is skipped).
    name : str
        The name errors and findings give the content (a file name), before the
        line number.
    strict : bool
        When true, content that breaks its own META (a finding of
        `check_meta()`, or a VOTES row with fewer
        cells than its header) is refused; by default it reads, with the
        breaches in ``findings``.

    Returns
    -------
    Election
        The vote; `dumps_pb()` writes it back equal. Its ``findings`` (errors
        located ``name:line``, in file order) say where the content breaks its
        own META.

    Raises
    ------
    DocumentError
        Content that is no ``.pb`` file this library can hold (see the module
        documentation): one problem, located ``name:line``. With ``strict=True``
        also content that breaks its own META: every breach, each located
        ``name:line``.
    TypeError
        ``text`` is neither text nor bytes.

    Examples
    --------
    >>> e = loads_pb("META\nkey;value\nbudget;10\nvote_type;approval\n"
    ...              "PROJECTS\nproject_id;cost\np;4\nVOTES\nvoter_id;vote\n7;p\n")
    >>> e.costs, e.voter_column("voter_id")
    ((Decimal('4'),), ('7',))
    >>> loads_pb("META\nkey;value\nbudget;10\n", name="y.pb")
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: y.pb:1: 1 problem
      no PROJECTS section
    >>> loads_pb(b"META\nkey;value\nbudget;1e29\nvote_type;approval\nPROJECTS\nVOTES\n", name="y.pb")
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: y.pb:3: 1 problem
      budget: 1E+29 needs 30 digits; an amount holds at most 28, so every count stays exact

    See Also
    --------
    read_pb : the same from a file.
    dumps_pb : the election as ``.pb`` text again.
    civicgrants.pb.election.Election : what it returns.
    civicgrants.pb.election.check_meta : the findings.
    """
    data = _content(text, name)
    if not data.endswith(b"\n"):
        data += b"\n"
    buf = np.frombuffer(data, dtype=np.uint8)
    low = np.flatnonzero(buf < 32)
    kinds = buf[low]
    nl = low[kinds == 10]
    odd = low[(kinds != 10) & (kinds != 13) & (kinds != 9)]
    if odd.size:
        at = int(odd[0])
        raise _err(
            name,
            int(np.searchsorted(nl, at)) + 1,
            "",
            f"a control character (U+{data[at]:04X}) in the text; a .pb file holds text only",
        )
    cr = low[kinds == 13]
    lone_cr = cr[buf[cr + 1] != 10]  # the data ends with a line feed: cr + 1 is inside it
    line_starts = np.concatenate([np.zeros(1, dtype=np.int64), nl[:-1] + 1])
    marks = _sections(data, buf, line_starts, name)

    def section(key: str) -> tuple[bytes, int, int]:
        start, line, _ = marks[key]
        end = min((m for _, _, m in marks.values() if m >= start), default=len(data))
        return data[start:end], line, start

    meta, meta_lines = _read_meta(*section("meta")[:2], name)
    vote_type = dict(meta)["vote_type"].strip()
    pcols, prows, plines, ids = _read_projects(*section("projects")[:2], name)
    budget = to_exact(dict(meta)["budget"], "budget")
    at_cost = [c.strip() for c in pcols].index("cost")
    costs = tuple(_cost(r[at_cost], name, ln) for r, ln in zip(prows, plines, strict=True))
    for k, why in amount_problems([budget, *costs])[:1]:
        if k == 0:
            raise _err(name, meta_lines["budget"], "budget", why)
        raise _err(name, plines[k - 1], "cost", why)
    vbytes, vline, vstart = section("votes")
    votes = _read_votes(vbytes, vline, name, ids, vote_type, lone_cr - vstart)
    try:
        election = Election(
            meta=meta,
            project_ids=ids,
            costs=costs,
            indptr=votes.indptr,
            indices=votes.indices,
            points=votes.points,
            project_columns=pcols,
            project_rows=tuple(tuple(r) for r in prows),
            vote_header=votes.header,
            voter_data=votes.extras,
        )
    except ValidationError as exc:
        if votes.fast:  # e.g. a project twice on one ballot: the line reader names the line
            _slow_votes(vbytes.decode("utf-8"), vline, name, ids, vote_type)
        raise DocumentError(name, exc.problems) from None
    findings = list(votes.findings)
    for f in check_meta(election):
        findings.append(attrs.evolve(f, location=_locate(f.location, name, meta_lines, votes)))
    if not findings:
        return election
    findings.sort(key=lambda f: int(f.location.rsplit(":", 1)[1]))
    if strict:
        raise DocumentError(name, [Problem(f.location, f.message_en) for f in findings])
    return attrs.evolve(election, findings=tuple(findings))


def _content(text: str | bytes, name: str) -> bytes:
    """The content as UTF-8 bytes without a byte-order mark, or a located error."""
    if isinstance(text, str):
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise _err(
                name,
                text.count("\n", 0, exc.start) + 1,
                "",
                f"not text: a lone surrogate U+{ord(text[exc.start]):04X} (a str must hold "
                "Unicode characters only)",
            ) from None
    elif isinstance(text, (bytes, bytearray, memoryview)):
        data = bytes(text)
    else:
        raise TypeError(f"loads_pb reads str or bytes, not {type(text).__name__}")
    limit = get_limits().file_bytes
    if len(data) > limit:
        raise DocumentError(
            name,
            [
                Problem(
                    "",
                    f"larger than {limit} bytes ({len(data)}) (the file_bytes limit; raise it "
                    "with --limit file_bytes=N or use_limits(file_bytes=N))",
                )
            ],
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        if not data.isascii():
            high = np.frombuffer(data, dtype=np.uint8) >= 0x80
            first, last = int(np.argmax(high)), len(data) - int(np.argmax(high[::-1]))
            try:  # ASCII around the span decodes alone: the span says it all
                data[first:last].decode("utf-8")
            except UnicodeDecodeError:
                data.decode("utf-8")  # the error as the whole text gives it
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _err(name, line, "", f"not UTF-8 text ({exc.reason})") from None
    return data


def _sections(
    data: bytes, buf: npt.NDArray[np.uint8], line_starts: IntArray, name: str
) -> dict[str, tuple[int, int, int]]:
    """Each section: its first byte after the marker line, that byte's line, the marker's start."""
    found: dict[str, tuple[int, int, int]] = {}
    last = buf.size - 1
    lead = [buf[np.minimum(line_starts + k, last)].astype(np.uint32) | 0x20 for k in range(3)]
    three = lead[0] << 16 | lead[1] << 8 | lead[2]  # the line's first 3 bytes, letters lowered
    maybe = np.flatnonzero(np.isin(three, _PREFIXES) | (lead[0] == 0x20) | (lead[0] == 0x29))
    for k in maybe.tolist():
        start = int(line_starts[k])
        m = _SECTION.fullmatch(data, start, data.index(b"\n", start))
        if m is None:
            continue
        key = m.group(1).decode().lower()
        line = k + 1
        if key in found:
            raise _err(name, line, "", f"second {key.upper()} section")
        found[key] = (m.end() + 1, line + 1, start)
    for key in _KEYWORDS:
        if key not in found:
            raise _err(name, 1, "", f"no {key.upper()} section")
    head = data[: min(m for _, _, m in found.values())]
    if head.strip():
        skipped = len(head) - len(head.lstrip())
        line = head.count(b"\n", 0, skipped) + 1
        raise _err(name, line, "", "text before the first section (META, PROJECTS or VOTES)")
    return found


def _err(name: str, line: int, field: str, message: str) -> DocumentError:
    return DocumentError(f"{name}:{line}", [Problem(field, message)])


def _csv_message(exc: csv.Error) -> str:
    text = str(exc)
    if "new-line character" in text:
        return "a carriage return (CR) alone inside an unquoted cell; quote the cell or remove it"
    if "unexpected end of data" in text:
        return "a quoted cell is never closed (a missing '\"')"
    if "expected after" in text:
        return "text after the closing quote of a cell (a quote inside a quoted cell is '\"\"')"
    if "field larger than field limit" in text:
        return f"a cell longer than {csv.field_size_limit()} characters (the csv module's limit)"
    return f"not CSV: {text}"


def _rows(text: str, first_line: int, name: str, section: str) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows of a section read as one csv stream, each with its first line."""
    limit = get_limits().cells
    cells = 0
    reader = csv.reader(io.StringIO(text, newline="\n"), delimiter=";", strict=True)
    while True:
        before = reader.line_num
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # located at the line the row starts on
            raise _err(name, first_line + before, section, _csv_message(exc)) from None
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        cells += len(row)
        if cells > limit:
            raise _err(name, first_line + before, section, _cells_message(limit))
        yield first_line + before, row


def _cells_message(limit: int) -> str:
    return (f"more than {limit} cells (the cells limit; raise it with --limit cells=N or "
            "use_limits(cells=N))")  # fmt: skip


def _header(
    rows: Iterator[tuple[int, list[str]]], line: int, name: str, section: str
) -> tuple[tuple[str, ...], int, tuple[str, ...]]:
    """A section's header (names: cells stripped, no column twice), its line, its cells as written."""
    first = next(rows, None)
    if first is None:
        return (), line, ()
    hline, row = first
    header = tuple(c.strip() for c in row)
    _no_repeats(header, hline, name, section)
    return header, hline, tuple(row)


def _no_repeats(header: tuple[str, ...], line: int, name: str, section: str) -> None:
    seen: set[str] = set()
    for c in header:
        if c in seen:
            raise _err(name, line, section, f"header names the column {shown(c)} twice")
        seen.add(c)


def _read_meta(
    text: bytes, line: int, name: str
) -> tuple[tuple[tuple[str, str], ...], dict[str, int]]:
    rows = _rows(text.decode("utf-8"), line, name, "META")
    header, hline, _ = _header(rows, line, name, "META")
    if not header:
        raise _err(name, line, "META", "missing the key;value header")
    out: list[tuple[str, str]] = []
    line_of: dict[str, int] = {}
    for ln, row in rows:
        if len(row) != 2:
            raise _err(name, ln, "META", f"expected key;value, got {len(row)} fields")
        key = row[0].strip()
        if key in line_of:
            raise _err(name, ln, key, "given twice")
        line_of[key] = ln
        out.append((key, row[1]))
    meta = dict(out)
    if "vote_type" not in meta:
        raise _err(name, hline, "vote_type", "missing from META")
    vote_type = meta["vote_type"].strip()
    if vote_type not in VOTE_TYPES:
        raise _err(
            name,
            line_of["vote_type"],
            "vote_type",
            f"must be one of {', '.join(VOTE_TYPES)}, got {shown(vote_type)}",
        )
    if "budget" not in meta:
        raise _err(name, hline, "budget", "missing from META")
    try:
        to_exact(meta["budget"], "budget")
    except ValidationError as exc:
        raise _err(name, line_of["budget"], "budget", exc.problems[0].message) from None
    for key in META_BOUNDS:
        if key in meta:
            try:
                meta_bound(key, meta[key], signed=vote_type == "scoring")
            except ValidationError as exc:
                raise _err(name, line_of[key], key, exc.problems[0].message) from None
    return tuple(out), line_of


def _read_projects(
    text: bytes, line: int, name: str
) -> tuple[tuple[str, ...], list[list[str]], list[int], tuple[str, ...]]:
    rows = _rows(text.decode("utf-8"), line, name, "PROJECTS")
    header, hline, written = _header(rows, line, name, "PROJECTS")
    for col in ("project_id", "cost"):
        if col not in header:
            raise _err(name, hline, "PROJECTS", f"header has no {col!r} column")
    seen: dict[str, int] = {}
    pid = header.index("project_id")
    kept: list[list[str]] = []
    lines: list[int] = []
    for ln, row in rows:
        if len(row) != len(header):
            raise _err(name, ln, "PROJECTS", f"expected {len(header)} fields, got {len(row)}")
        key = row[pid].strip()
        if not key:
            raise _err(name, ln, "project_id", "empty")
        if key in seen:
            raise _err(name, ln, "project_id", f"{shown(key)} already on line {seen[key]}")
        seen[key] = ln
        kept.append(row)
        lines.append(ln)
    return written, kept, lines, tuple(seen)


def _cost(text: str, name: str, line: int) -> Decimal:
    try:
        return to_exact(text, "cost")
    except ValidationError as exc:
        raise _err(name, line, "cost", exc.problems[0].message) from None


# --------------------------------------------------------------------------- VOTES


@attrs.frozen
class _Votes:
    """What the VOTES section holds, and where each voter's row is."""

    header: tuple[str, ...]
    header_line: int
    indptr: IntArray
    indices: IntArray
    points: IntArray | None
    extras: tuple[npt.NDArray[np.bytes_], ...]
    line_of: Callable[[int], int]
    findings: tuple[Finding, ...] = ()
    fast: bool = False  # read by `_fast_votes()`, which leaves a project named twice to `Election`


def _locate(where: str, name: str, meta_lines: dict[str, int], votes: _Votes) -> str:
    """``name:line`` for a location of `check_meta()` (``meta.budget``, ``ballots[3]``)."""
    if where.startswith("meta."):
        return f"{name}:{meta_lines[where[5:]]}"
    if where.startswith("ballots["):
        return f"{name}:{votes.line_of(int(where[8:-1]))}"
    return f"{name}:{votes.header_line}"


def _read_votes(
    text: bytes,
    line: int,
    name: str,
    ids: tuple[str, ...],
    vote_type: str,
    lone_cr: IntArray,
) -> _Votes:
    """The VOTES section (``text`` starts on file line ``line``; ``lone_cr`` relative to it)."""
    blank = len(text) - len(text.lstrip(b" \t\r\n"))
    lead = text.rfind(b"\n", 0, blank) + 1  # where the header's line starts
    nl = text.find(b"\n", lead)
    head_end = len(text) if nl < 0 else nl + 1
    head_line = line + text.count(b"\n", 0, lead)
    lone = lone_cr[(lone_cr >= 0) & (lone_cr < len(text))]
    if b'"' not in text[lead:head_end] and not lone.size and blank < len(text):
        header = tuple(c.strip() for c in text[lead:head_end].decode("utf-8").split(";"))
        _check_header(header, head_line, name, vote_type)
        body = text[head_end:]
        if (body.count(b"\n") + 1) * len(header) > get_limits().cells:
            raise _err(name, head_line + 1, "VOTES", _cells_message(get_limits().cells))
        try:
            indptr, indices, points, extras, rowline = _fast_votes(body, header, ids, vote_type)
        except _Bail:
            pass
        else:
            first = head_line + 1

            def line_of(v: int) -> int:
                return first + int(rowline[v])

            return _Votes(header, head_line, indptr, indices, points, extras, line_of, fast=True)
    return _slow_votes(text.decode("utf-8"), line, name, ids, vote_type)


def _check_header(header: tuple[str, ...], line: int, name: str, vote_type: str) -> None:
    _no_repeats(header, line, name, "VOTES")
    if "vote" not in header:
        raise _err(name, line, "VOTES", "header has no 'vote' column")
    if vote_type in POINTED and "points" not in header:
        raise _err(name, line, "VOTES", f"{vote_type} votes need a 'points' column")


def _mask_table(words: int) -> npt.NDArray[np.uint64]:
    """Row k keeps the first k bytes of ``words`` machine words (any byte order)."""
    wide = 8 * words
    keep = np.arange(wide)[None, :] < np.arange(wide + 1)[:, None]
    return np.ascontiguousarray(np.where(keep, 255, 0).astype(np.uint8)).view(np.uint64)


_MASKS = {words: _mask_table(words) for words in range(1, _PAD // 8 + 1)}


def _words(
    buf: npt.NDArray[np.uint8], starts: IntArray, lens: IntArray, words: int = 0
) -> npt.NDArray[np.uint64]:
    """Each field as ``words`` machine words (enough for the longest by default), zero-padded.

    Equal fields give equal rows. ``buf`` ends in ``_PAD`` bytes of padding and
    no field is longer than that.
    """
    words = max(words, (int(lens.max()) + 7) // 8 if lens.size else 1, 1)
    if starts.size == 0:
        return np.zeros((0, words), dtype=np.uint64)
    over = np.ndarray(
        shape=(buf.size - 8 * words + 1, words),
        dtype=np.uint64,
        buffer=buf,
        strides=(1, 8),
    )
    out: npt.NDArray[np.uint64] = over[starts]
    np.bitwise_and(out, _MASKS[words][lens], out=out)
    return out


def _gather(
    buf: npt.NDArray[np.uint8], starts: IntArray, lens: IntArray, width: int
) -> npt.NDArray[np.uint8]:
    """Rows of ``width`` bytes: each field left-aligned, zero-padded (``buf`` ends in padding)."""
    if starts.size == 0 or width == 0:
        return np.zeros((starts.size, max(width, 1)), dtype=np.uint8)
    grid = _words(buf, starts, lens).view(np.uint8)
    return grid[:, :width]


def _as_bytes_array(
    buf: npt.NDArray[np.uint8], starts: IntArray, ends: IntArray
) -> tuple[npt.NDArray[np.bytes_], npt.NDArray[np.uint64] | None]:
    """A column's cells as `bytes_column()` makes them, and as words (``None`` when long)."""
    lens = ends - starts
    width = int(lens.max()) if lens.size else 1
    if width > csv.field_size_limit():
        raise _Bail  # the csv reader says which cell is too long
    if width > _PAD:
        raw = buf.tobytes()
        cells = [raw[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
        return bytes_column(cells), None
    width = max(width, 1)
    if starts.size == 0:
        return np.zeros(0, dtype=f"S{width}"), None
    words = _words(buf, starts, lens)
    grid = np.ascontiguousarray(words.view(np.uint8)[:, :width])
    return grid.view(f"S{width}").ravel(), words


def _special(column: str, vote_type: str) -> bool:
    return column == "vote" or (column == "points" and vote_type in POINTED)


@attrs.frozen
class _Grid:
    """Where each row and cell of a quote-free VOTES body lies, and its commas."""

    buf: npt.NDArray[np.uint8]
    starts: IntArray  # where each (non-blank) row starts
    ends: npt.NDArray[np.int64]  # (rows, columns): where each cell ends (at ';' or '\n')
    rowline: IntArray  # each row's line, counted from 0 in the body
    comma: IntArray  # every comma's position
    comma_row: IntArray
    comma_cell: IntArray

    def cell(self, j: int) -> tuple[IntArray, IntArray]:
        """Where cell ``j`` of every row starts and ends."""
        fs = self.starts if j == 0 else self.ends[:, j - 1] + 1
        return fs, self.ends[:, j]

    def tokens(self, j: int) -> tuple[IntArray, IntArray, IntArray]:
        """The comma-separated tokens of cell ``j``: starts, ends, tokens per row.

        An empty cell has no token; an empty token (``a,,b``) bails.
        """
        fs, fe = self.cell(j)
        n = fs.size
        sel = self.comma_cell == j
        cp, cr = self.comma[sel], self.comma_row[sel]
        ccount = np.bincount(cr, minlength=n).astype(np.int64)
        nonempty = fe > fs
        counts = np.where(nonempty, ccount + 1, 0).astype(np.int64)
        offsets = np.cumsum(counts) - counts
        total = int(counts.sum())
        ts = np.empty(total, dtype=np.int64)
        te = np.empty(total, dtype=np.int64)
        ts[offsets[nonempty]] = fs[nonempty]
        te[(offsets + counts - 1)[nonempty]] = fe[nonempty]
        if cp.size:
            rank = np.arange(cp.size, dtype=np.int64) - (np.cumsum(ccount) - ccount)[cr]
            slot = offsets[cr] + rank
            te[slot] = cp
            ts[slot + 1] = cp + 1
        if np.any(te <= ts):
            raise _Bail
        return ts, te, counts


def _grid(body: bytes, ncol: int) -> _Grid:
    """The cells of a VOTES body without quotes; bails unless every row has ``ncol`` cells."""
    if b'"' in body:
        raise _Bail
    if b"\r" in body:
        body = body.replace(b"\r\n", b"\n")
        if b"\r" in body:
            raise _Bail  # a carriage return alone: the csv reader names it
    if body and not body.endswith(b"\n"):
        raise _Bail
    buf = np.frombuffer(body + bytes(_PAD), dtype=np.uint8)
    b = buf[: len(body)]
    mask = b == 10
    mask |= b == 59
    mask |= b == 44
    seps = np.flatnonzero(mask)
    kind = b[seps]
    newline = kind == 10
    nl = seps[newline]
    line_start = np.zeros(nl.size, dtype=np.int64)
    line_start[1:] = nl[:-1] + 1
    blank = nl == line_start
    if blank.any():
        keep = np.ones(seps.size, dtype=bool)
        keep[np.flatnonzero(newline)[blank]] = False
        seps, kind = seps[keep], kind[keep]
        rowline = np.flatnonzero(~blank)
        starts = line_start[~blank]
        nl = nl[~blank]
    else:
        rowline = np.arange(nl.size, dtype=np.int64)
        starts = line_start
    n = starts.size
    comma = kind == 44
    other = ~comma
    cells = seps[other]
    if cells.size != n * ncol or not np.array_equal(cells[ncol - 1 :: ncol], nl):
        raise _Bail  # n rows of ncol cells, each ending at its line feed: the others are ';'
    ends_before = other.astype(np.int64)  # a cumsum of int64 is several times a bool's speed
    np.cumsum(ends_before, out=ends_before)
    row, cell = np.divmod(ends_before[comma], ncol)  # from the ';' and '\n' before it
    return _Grid(
        buf=buf,
        starts=starts,
        ends=cells.reshape(n, ncol),
        rowline=rowline,
        comma=seps[comma],
        comma_row=row,
        comma_cell=cell,
    )


def _fast_votes(
    body: bytes,
    header: tuple[str, ...],
    ids: tuple[str, ...],
    vote_type: str,
) -> tuple[IntArray, IntArray, IntArray | None, tuple[npt.NDArray[np.bytes_], ...], IntArray]:
    """The vectorised reader; raises `_Bail` on anything it does not vouch for.

    That includes every error (a repeated ``voter_id``, points that could add up
    past `POINTS_MAX`, a row with another number of cells than the
    header): `_slow_votes()` then names the line. A project named twice on one
    ballot is left to `Election`, which checks it anyway; `loads_pb()` then asks
    `_slow_votes()` for the line. Returns the CSR arrays, the other columns and
    each voter's line in ``body`` (from 0).
    """
    if vote_type == "scoring":
        raise _Bail  # signed scores: read line by line (scoring files are small and rare)
    g = _grid(body, len(header))
    buf = g.buf
    n = g.starts.size
    tok_s, tok_e, counts = g.tokens(header.index("vote"))
    indices = _map_ids(buf, tok_s, tok_e, ids)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    points = None
    if vote_type == "cumulative":
        pts_s, pts_e, pcounts = g.tokens(header.index("points"))
        if not np.array_equal(pcounts, counts):
            raise _Bail
        points = _parse_ints(buf, pts_s, pts_e)
        if points.size and int(points.max()) > POINTS_MAX // points.size:
            raise _Bail  # they might add up past what a count holds: checked line by line
    columns = {
        c: _as_bytes_array(buf, *g.cell(j))
        for j, c in enumerate(header)
        if not _special(c, vote_type)
    }
    if "voter_id" in columns and n > 1 and _may_repeat(columns["voter_id"][1]):
        raise _Bail
    return indptr, indices, points, tuple(a for a, _ in columns.values()), g.rowline


def _may_repeat(words: npt.NDArray[np.uint64] | None) -> bool:
    """Whether two cells (as words; ``None``: too long) may be equal: never false when they are.

    The line reader then decides.
    """
    if words is None:
        return True
    key = _mix(words)
    if bool(np.all(key[1:] > key[:-1])):
        return False  # the usual case: increasing voter ids
    key.sort()
    return bool(np.any(key[1:] == key[:-1]))


def _mix(words: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """One 64-bit key per row of words: equal rows, equal keys (others rarely collide)."""
    key = words[:, 0].copy()
    for k in range(1, words.shape[1]):
        key *= np.uint64(0x9E3779B97F4A7C15)
        key ^= words[:, k]
    return key


_MULTIPLIERS = tuple(
    np.uint64(m)
    for m in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93)
)


def _id_table(keys: npt.NDArray[np.uint64]) -> tuple[np.uint64, int, IntArray] | None:
    """A multiplicative hash sending each key to its own slot: multiplier, shift, slot -> id."""
    bits = max(int(keys.size).bit_length() + 1, 4)
    for extra in range(6):
        shift = 64 - bits - extra
        for m in _MULTIPLIERS:
            slot = (keys * m) >> np.uint64(shift)
            ordered = np.sort(slot)  # not np.unique: in numpy 2 it imports numpy.ma (slow)
            if not np.any(ordered[1:] == ordered[:-1]):
                table = np.zeros(1 << (bits + extra), dtype=np.int64)
                table[slot.astype(np.int64)] = np.arange(keys.size)
                return m, shift, table
    return None


def _map_ids(
    buf: npt.NDArray[np.uint8], ts: IntArray, te: IntArray, ids: tuple[str, ...]
) -> IntArray:
    """Each token's project (its index in ``ids``); bails on an unknown or overlong token."""
    if ts.size == 0:
        return np.zeros(0, dtype=np.int64)
    if not ids:
        raise _Bail
    lens = te - ts
    enc = [p.encode("utf-8") for p in ids]
    width = max(int(lens.max()), max(len(x) for x in enc))
    if width > _PAD:
        raise _Bail
    words = (width + 7) // 8
    tok = _words(buf, ts, lens, words)
    known = np.zeros((len(enc), 8 * words), dtype=np.uint8)
    for i, x in enumerate(enc):
        known[i, : len(x)] = np.frombuffer(x, dtype=np.uint8)
    known_words = known.view(np.uint64)
    id_key = _mix(known_words)
    found = _id_table(id_key)
    if found is None:
        raise _Bail  # never seen: ids are distinct, so some multiplier separates them
    m, shift, table = found
    out = table[((_mix(tok) * m) >> np.uint64(shift)).astype(np.int64)]
    if not np.array_equal(known_words[out], tok):
        raise _Bail  # an unknown project: the line reader names it
    return out


def _digits(
    buf: npt.NDArray[np.uint8], ts: IntArray, te: IntArray, max_width: int
) -> IntArray | None:
    """Values of non-empty fields of at most ``max_width`` ASCII digits.

    ``None`` when a field is longer or holds anything but digits.
    """
    lens = te - ts
    width = int(lens.max())
    if width > max_width:
        return None
    grid = _gather(buf, ts, lens, width).astype(np.int64) - 48
    inside = np.arange(width) < lens[:, None]
    if np.any(inside & ((grid < 0) | (grid > 9))):
        return None
    grid[~inside] = 0
    scale = 10 ** (width - 1 - np.arange(width, dtype=np.int64))
    shift = 10 ** (width - lens)  # left-aligned digits: divide the padding back out
    values: IntArray = (grid @ scale) // shift
    return values


def _parse_ints(buf: npt.NDArray[np.uint8], ts: IntArray, te: IntArray) -> IntArray:
    """Tokens (never empty) of at most 15 digits as int64; anything else bails."""
    if ts.size == 0:
        return np.zeros(0, dtype=np.int64)
    found = _digits(buf, ts, te, 15)
    if found is None:
        raise _Bail
    return found


def _slow_votes(text: str, line: int, name: str, ids: tuple[str, ...], vote_type: str) -> _Votes:
    """The VOTES section read as one csv stream, row by row: every problem named by its line."""
    rows = _rows(text, line, name, "VOTES")
    header, head_line, _ = _header(rows, line, name, "VOTES")
    _check_header(header, head_line, name, vote_type)
    index = {p: i for i, p in enumerate(ids)}
    idcol = header.index("voter_id") if "voter_id" in header else -1
    voter_lines: dict[str, int] = {}
    vcol = header.index("vote")
    pcol = header.index("points") if vote_type in POINTED else -1
    others = [j for j, c in enumerate(header) if not _special(c, vote_type)]
    indptr = [0]
    indices: list[int] = []
    points: list[int] = []
    total = 0
    lines: list[int] = []
    short: list[tuple[int, int]] = []
    extras: list[list[bytes]] = [[] for _ in others]
    for ln, row in rows:
        if len(row) > len(header):
            raise _err(name, ln, "VOTES", f"expected {len(header)} fields, got {len(row)}")
        if len(row) < len(header):
            short.append((ln, len(row)))
            row = row + [""] * (len(header) - len(row))
        vote = row[vcol].strip()
        tokens = [t.strip() for t in vote.split(",")] if vote else []
        seen: set[str] = set()
        for t in tokens:
            if not t:
                raise _err(name, ln, "vote", f"empty project id in {shown(vote)}")
            if t not in index:
                raise _err(name, ln, "vote", f"unknown project {shown(t)}")
            if t in seen:
                raise _err(name, ln, "vote", f"project {shown(t)} named twice")
            seen.add(t)
            indices.append(index[t])
        if pcol >= 0:
            ptext = row[pcol].strip()
            ptoks = [t.strip() for t in ptext.split(",")] if ptext else []
            if len(ptoks) != len(tokens):
                raise _err(
                    name, ln, "points", f"{len(ptoks)} point values for {len(tokens)} projects"
                )
            for t in ptoks:
                signed = vote_type == "scoring" and t.startswith("-")
                why = point_problem(t[1:] if signed else t)
                if why is not None:
                    if vote_type == "scoring" and why.startswith("must be whole numbers"):
                        why = f"must be whole numbers (scores may be negative), got {shown(t)}"
                    raise _err(name, ln, "points", why)
                value = -int(t[1:]) if signed else int(t)
                total += abs(value)
                if total > POINTS_MAX:
                    raise _err(
                        name,
                        ln,
                        "points",
                        f"the points up to this row add up to more than a count can hold "
                        f"({POINTS_MAX})",
                    )
                points.append(value)
        if idcol >= 0:
            vid = row[idcol]
            if vid in voter_lines:
                raise _err(name, ln, "voter_id", f"{shown(vid)} repeats line {voter_lines[vid]}")
            voter_lines[vid] = ln
        indptr.append(len(indices))
        lines.append(ln)
        for slot, j in enumerate(others):
            extras[slot].append(row[j].encode("utf-8"))
    findings = tuple(
        Finding(
            "row-short",
            Severity.ERROR,
            f"{name}:{ln}",
            {"fields": k, "header": len(header)},
            f"в строке полей: {k}, в заголовке VOTES: {len(header)}; недостающие ячейки "
            "прочитаны как пустые",
            f"{k} fields, the VOTES header has {len(header)}; the missing cells read as empty",
        )
        for ln, k in short
    )
    return _Votes(
        header,
        head_line,
        np.asarray(indptr, dtype=np.int64),
        np.asarray(indices, dtype=np.int64),
        np.asarray(points, dtype=np.int64) if vote_type in POINTED else None,
        tuple(bytes_column(col) for col in extras),
        lines.__getitem__,
        findings,
    )


# --------------------------------------------------------------------------- writing


def dumps_pb(election: Election) -> str:
    r"""The election as ``.pb`` text (``\n`` line ends); `loads_pb()` reads it back equal.

    META rows, project rows and voter columns are written as they were read;
    an election without project rows gets ``project_id;cost`` rows.

    Parameters
    ----------
    election : Election
        The vote.

    Returns
    -------
    str
        The ``META``, ``PROJECTS`` and ``VOTES`` sections, ``;``-separated (cells
        quoted only where they need it).

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> print(dumps_pb(Election.from_ballots({"a": 60, "b": 50}, [["b", "a"]], budget=100)), end="")
    META
    key;value
    budget;100
    vote_type;approval
    PROJECTS
    project_id;cost
    a;60
    b;50
    VOTES
    voter_id;vote
    0;b,a

    See Also
    --------
    write_pb : the same text to a file.
    loads_pb : reads it back.
    """
    out: list[str] = ["META\n", _line(("key", "value"))]
    out += [_line(row) for row in election.meta]
    out += ["PROJECTS\n", _line(election.project_columns)]
    rows = election.project_rows or tuple(
        (p, str(c)) for p, c in zip(election.project_ids, election.costs, strict=True)
    )
    out += [_line(row) for row in rows]
    out += ["VOTES\n", _line(election.vote_header)]
    ids = election.project_ids
    cols: list[list[str]] = [[x.decode("utf-8") for x in c.tolist()] for c in election.voter_data]
    ip = election.indptr.tolist()
    ix = election.indices.tolist()
    pts = election.points.tolist() if election.points is not None else None
    for v in range(election.n_voters):
        lo, hi = ip[v], ip[v + 1]
        it = iter(cols)
        row = []
        for c in election.vote_header:
            if c == "vote":
                row.append(",".join(ids[i] for i in ix[lo:hi]))
            elif c == "points" and pts is not None:
                row.append(",".join(str(p) for p in pts[lo:hi]))
            else:
                row.append(next(it)[v])
        out.append(_line(row))
    return "".join(out)


_QUOTE = re.compile(r'[;"\r\n]')


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


def _line(cells: tuple[str, ...] | list[str]) -> str:
    """One row: cells holding ``;``, a quote or a line break quoted; never read as blank or a section."""
    parts = [_quoted(c) if _QUOTE.search(c) else c for c in cells]
    if parts and parts[0] == cells[0]:
        first = cells[0].strip().lower()
        if first in _KEYWORDS or (len(parts) == 1 and not first):
            parts[0] = _quoted(cells[0])  # else a section marker, or a blank line skipped
    return ";".join(parts) + "\n"


def write_pb(election: Election, path: str | os.PathLike[str]) -> None:
    """Write the election to ``path`` as UTF-8 ``.pb``.

    Parameters
    ----------
    election : Election
        The vote.
    path : str or os.PathLike
        The file to write (replaced if it exists).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 60}, [["a"], []], budget=100)
    >>> target = Path(tempfile.mkdtemp()) / "vote.pb"
    >>> write_pb(e, target)
    >>> read_pb(target) == e
    True

    See Also
    --------
    dumps_pb : the text it writes.
    read_pb : reads the file back.
    """
    Path(path).write_text(dumps_pb(election), encoding="utf-8", newline="\n")
