"""Read and write pabulib ``.pb`` files (https://pabulib.org/format).

A ``.pb`` file has three ``;``-separated sections: ``META`` (``key;value``),
``PROJECTS`` (a header with at least ``project_id`` and ``cost``) and ``VOTES``
(a header with ``vote`` — comma-separated project ids — plus ``points`` for
cumulative ballots, and any other voter columns such as ``voter_id``, ``age``,
``sex``). Approval, cumulative and ordinal ballots are supported.

Every cell is kept as text (META rows, project rows, voter columns), so
:func:`dumps_pb` writes back everything :func:`loads_pb` read. Large files go
through a vectorised numpy path over the raw bytes; any line it cannot take
(quotes, spaces inside votes, an unknown project, ...) sends the section through
a line-by-line reader that names the file, line and problem, e.g.
``lodz.pb:181: vote: unknown project 'L999'``.

Also errors: a ``voter_id`` repeating an earlier one
(``x.pb:14: voter_id: '2' repeats line 12``), and a ballot naming more projects
than META ``max_length`` or fewer than ``min_length``
(``x.pb:13: vote: 7 projects, more than max_length 5``). The fast path detects
both vectorised (sorted voter ids; ballot lengths) and hands the section to the
line reader for the exact line.

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
>>> e.project_ids, e.budget, e.ballot(0)
(('a', 'b'), Decimal('100'), ('a', 'b'))
>>> loads_pb(dumps_pb(e)) == e
True
>>> loads_pb(text.replace("2;b", "2;z"), name="x.pb")
Traceback (most recent call last):
...
civicgrants.errors.DocumentError: x.pb:12: 1 problem
  vote: unknown project 'z'
"""

from __future__ import annotations

import csv
import io
import os
import re
from decimal import Decimal
from pathlib import Path

import numpy as np
import numpy.typing as npt

from civicgrants.errors import DocumentError, Problem, ValidationError
from civicgrants.pb.election import (
    LENGTH_KEYS,
    Election,
    has_repeats,
    length_limit,
    length_problem,
    to_exact,
)

__all__ = ["dumps_pb", "loads_pb", "read_pb", "write_pb"]

_SECTION = re.compile(rb"[ \t]*(meta|projects|votes)[ \t]*(;[^\n]*)?\r?", re.I)
IntArray = npt.NDArray[np.int64]
_PAD = 64


class _Bail(Exception):
    """The fast path cannot take this input; use the line-by-line reader."""


def read_pb(path: str | os.PathLike[str]) -> Election:
    """Read a ``.pb`` file; errors name the file and line.

    Parameters
    ----------
    path : str or os.PathLike
        The ``.pb`` file (UTF-8, a leading byte-order mark is skipped).

    Returns
    -------
    Election
        The vote, every cell of the file kept as text.

    Raises
    ------
    DocumentError
        A missing file, a folder, a file that cannot be read, or content
        :func:`loads_pb` refuses (the error names ``path`` and the line).

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
    name = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise DocumentError(name, [Problem("", "no such file")]) from None
    except IsADirectoryError:
        raise DocumentError(name, [Problem("", "is a folder, not a .pb file")]) from None
    except OSError as exc:
        raise DocumentError(name, [Problem("", f"cannot read: {exc.strerror or exc}")]) from None
    return loads_pb(data, name=name)


def loads_pb(text: str | bytes, *, name: str = "<data>") -> Election:
    r"""Parse ``.pb`` content (text or UTF-8 bytes).

    Section names (``META``, ``PROJECTS``, ``VOTES``) are read in any case; blank
    lines are skipped; ``\r\n`` line ends are accepted.

    Parameters
    ----------
    text : str or bytes
        The content; bytes must be UTF-8 (a leading byte-order mark is skipped).
    name : str
        The name errors give the content (a file name), before the line number.

    Returns
    -------
    Election
        The vote; :func:`dumps_pb` writes it back equal.

    Raises
    ------
    DocumentError
        Bytes that are not UTF-8, a section missing or given twice, a META
        without ``vote_type`` or ``budget`` (or with one that is not valid), a
        PROJECTS header without ``project_id`` or ``cost``, a bad or repeated
        project id or cost, a vote naming an unknown project or one project twice,
        points that do not match the votes, a repeated ``voter_id``, or a ballot
        outside META ``min_length`` / ``max_length``; located as ``name:line``.

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

    See Also
    --------
    read_pb : the same from a file.
    dumps_pb : the election as ``.pb`` text again.
    civicgrants.pb.election.Election : what it returns.
    """
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _err(name, line, "", f"not UTF-8 text ({exc.reason})") from None
    if not data.endswith(b"\n"):
        data += b"\n"
    found: dict[str, tuple[int, int]] = {}
    marks: list[int] = []
    buf = np.frombuffer(data, dtype=np.uint8)
    line_starts = np.flatnonzero(buf[:-1] == 10) + 1
    line_starts = np.concatenate([np.zeros(1, dtype=line_starts.dtype), line_starts])
    maybe = np.flatnonzero(np.isin(buf[line_starts], np.frombuffer(b"mMpPvV \t", dtype=np.uint8)))
    for k in maybe.tolist():
        start = int(line_starts[k])
        m = _SECTION.fullmatch(data, start, data.index(b"\n", start))
        if m is None:
            continue
        key = m.group(1).decode().lower()
        line = k + 1
        if key in found:
            raise _err(name, line, "", f"second {key.upper()} section")
        found[key] = (m.end() + 1, line + 1)
        marks.append(m.start())
    for key in ("meta", "projects", "votes"):
        if key not in found:
            raise _err(name, 1, "", f"no {key.upper()} section")

    def section(key: str) -> tuple[bytes, int]:
        start, line = found[key]
        end = min((m for m in marks if m >= start), default=len(data))
        return data[start:end], line

    meta = _read_meta(*section("meta"), name)
    vote_type = dict(meta).get("vote_type", "")
    pcols, prows = _read_projects(*section("projects"), name)
    ids = tuple(r[pcols.index("project_id")] for r in prows)
    costs = tuple(
        _cost(r[pcols.index("cost")], name, line)
        for r, line in zip(prows, _lines_of(prows), strict=True)
    )
    vbytes, vline = section("votes")
    given = dict(meta)
    limits = tuple(length_limit(given[k], k) if k in given else None for k in LENGTH_KEYS)
    header, indptr, indices, points, extras = _read_votes(
        vbytes, vline, name, ids, vote_type, (limits[0], limits[1])
    )
    try:
        return Election(
            meta=meta,
            project_ids=ids,
            costs=costs,
            indptr=indptr,
            indices=indices,
            points=points,
            project_columns=pcols,
            project_rows=tuple(tuple(r) for r in prows),
            vote_header=header,
            voter_data=extras,
        )
    except ValidationError as exc:
        raise DocumentError(name, exc.problems) from None


def _err(name: str, line: int, field: str, message: str) -> DocumentError:
    return DocumentError(f"{name}:{line}", [Problem(field, message)])


class _Rows(list[list[str]]):
    lines: list[int]


def _lines_of(rows: list[list[str]]) -> list[int]:
    return getattr(rows, "lines", [0] * len(rows))


def _csv_rows(text: bytes, first_line: int) -> tuple[list[str], int, _Rows]:
    """Header and rows of a section; each row with its file line number."""
    lines = text.decode("utf-8").split("\n")
    header: list[str] | None = None
    header_line = first_line
    rows = _Rows()
    rows.lines = []
    for k, raw in enumerate(lines):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        row = next(csv.reader([line], delimiter=";"))
        if header is None:
            header = [c.strip() for c in row]
            header_line = first_line + k
            continue
        rows.append([c.strip() for c in row])
        rows.lines.append(first_line + k)
    return header or [], header_line, rows


def _read_meta(text: bytes, line: int, name: str) -> tuple[tuple[str, str], ...]:
    header, hline, rows = _csv_rows(text, line)
    if not header:
        raise _err(name, line, "META", "missing the key;value header")
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for row, ln in zip(rows, rows.lines, strict=True):
        if len(row) != 2:
            raise _err(name, ln, "META", f"expected key;value, got {len(row)} fields")
        if row[0] in seen:
            raise _err(name, ln, row[0], "given twice")
        seen.add(row[0])
        out.append((row[0], row[1]))
    meta = dict(out)
    line_of = {row[0]: ln for row, ln in zip(rows, rows.lines, strict=True)}
    if "vote_type" not in meta:
        raise _err(name, hline, "vote_type", "missing from META")
    if meta["vote_type"] not in ("approval", "cumulative", "ordinal"):
        raise _err(
            name,
            line_of["vote_type"],
            "vote_type",
            f"must be approval, cumulative or ordinal, got {meta['vote_type']!r}",
        )
    if "budget" not in meta:
        raise _err(name, hline, "budget", "missing from META")
    try:
        to_exact(meta["budget"], "budget")
    except ValidationError as exc:
        raise _err(name, line_of["budget"], "budget", exc.problems[0].message) from None
    for key in LENGTH_KEYS:
        if key in meta:
            try:
                length_limit(meta[key], key)
            except ValidationError as exc:
                raise _err(name, line_of[key], key, exc.problems[0].message) from None
    return tuple(out)


def _read_projects(text: bytes, line: int, name: str) -> tuple[tuple[str, ...], _Rows]:
    header, hline, rows = _csv_rows(text, line)
    for col in ("project_id", "cost"):
        if col not in header:
            raise _err(name, hline, "PROJECTS", f"header has no {col!r} column")
    seen: dict[str, int] = {}
    pid = header.index("project_id")
    for row, ln in zip(rows, rows.lines, strict=True):
        if len(row) != len(header):
            raise _err(name, ln, "PROJECTS", f"expected {len(header)} fields, got {len(row)}")
        if not row[pid]:
            raise _err(name, ln, "project_id", "empty")
        if row[pid] in seen:
            raise _err(name, ln, "project_id", f"{row[pid]!r} already on line {seen[row[pid]]}")
        seen[row[pid]] = ln
    return tuple(header), rows


def _cost(text: str, name: str, line: int) -> Decimal:
    try:
        return to_exact(text, "cost")
    except ValidationError as exc:
        raise _err(name, line, "cost", exc.problems[0].message) from None


# --------------------------------------------------------------------------- VOTES


def _read_votes(
    text: bytes,
    line: int,
    name: str,
    ids: tuple[str, ...],
    vote_type: str,
    limits: tuple[int | None, int | None],
) -> tuple[
    tuple[str, ...], IntArray, IntArray, IntArray | None, tuple[npt.NDArray[np.bytes_], ...]
]:
    nl = text.find(b"\n")
    head_text = text[: nl + 1]
    header = tuple(
        c.strip() for c in next(csv.reader([head_text.decode().rstrip("\r\n")], delimiter=";"))
    )
    if "vote" not in header:
        raise _err(name, line, "VOTES", "header has no 'vote' column")
    if vote_type == "cumulative" and "points" not in header:
        raise _err(name, line, "VOTES", "cumulative votes need a 'points' column")
    body = text[nl + 1 :]
    try:
        return (header, *_fast_votes(body, header, ids, vote_type, limits))
    except _Bail:
        return (header, *_slow_votes(body, line + 1, name, header, ids, vote_type, limits))


def _gather(
    buf: npt.NDArray[np.uint8], starts: IntArray, lens: IntArray, width: int
) -> npt.NDArray[np.uint8]:
    """Rows of ``width`` bytes: each field left-aligned, zero-padded (``buf`` ends in padding)."""
    if starts.size == 0 or width == 0:
        return np.zeros((starts.size, max(width, 1)), dtype=np.uint8)
    windows = np.lib.stride_tricks.sliding_window_view(buf, width)
    grid = windows[starts]
    grid[np.arange(width) >= lens[:, None]] = 0
    return grid


def _as_bytes_array(
    buf: npt.NDArray[np.uint8], starts: IntArray, ends: IntArray
) -> npt.NDArray[np.bytes_]:
    lens = ends - starts
    width = int(lens.max()) if lens.size else 1
    if width > _PAD:
        raw = buf.tobytes()
        return np.array(
            [raw[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)], dtype=np.bytes_
        )
    grid = _gather(buf, starts, lens, max(width, 1))
    return np.ascontiguousarray(grid).view(f"S{max(width, 1)}").ravel()


def _special(column: str, vote_type: str) -> bool:
    return column == "vote" or (column == "points" and vote_type == "cumulative")


def _fast_votes(
    body: bytes,
    header: tuple[str, ...],
    ids: tuple[str, ...],
    vote_type: str,
    limits: tuple[int | None, int | None],
) -> tuple[IntArray, IntArray, IntArray | None, tuple[npt.NDArray[np.bytes_], ...]]:
    """The vectorised reader; raises :class:`_Bail` on anything it does not vouch for.

    That includes every error: a ballot outside ``limits`` (min_length, max_length)
    or a repeated ``voter_id`` sends the section to :func:`_slow_votes`, which names
    the line.
    """
    if b'"' in body:
        raise _Bail
    buf = np.frombuffer(body + bytes(_PAD), dtype=np.uint8)
    nl = np.flatnonzero(buf == 10).astype(np.int64)
    starts = np.empty(nl.size, dtype=np.int64)
    if nl.size:
        starts[0] = 0
        starts[1:] = nl[:-1] + 1
    ends = nl.copy()
    cr = (ends > starts) & (buf[np.maximum(ends - 1, 0)] == 13)
    ends[cr] -= 1
    keep = ends > starts
    starts, ends = starts[keep], ends[keep]
    n = starts.size
    ncol = len(header)
    semi = np.flatnonzero(buf == 59).astype(np.int64)
    per_line = np.searchsorted(semi, ends) - np.searchsorted(semi, starts)
    if n and np.any(per_line != ncol - 1):
        raise _Bail
    grid = semi.reshape(n, ncol - 1) if ncol > 1 else np.zeros((n, 0), dtype=np.int64)

    def field(j: int) -> tuple[IntArray, IntArray]:
        fs = starts if j == 0 else grid[:, j - 1] + 1
        fe = ends if j == ncol - 1 else grid[:, j]
        return fs, fe

    comma = np.flatnonzero(buf == 44).astype(np.int64)
    vote_s, vote_e = field(header.index("vote"))
    tok_s, tok_e, counts = _tokens(buf, comma, starts, vote_s, vote_e)
    indices = _map_ids(buf, tok_s, tok_e, ids)
    low, high = limits
    if n and (
        (high is not None and int(counts.max()) > high)
        or (low is not None and int(counts.min()) < low)
    ):
        raise _Bail
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    points = None
    if vote_type == "cumulative":
        ps, pe = field(header.index("points"))
        pts_s, pts_e, pcounts = _tokens(buf, comma, starts, ps, pe)
        if not np.array_equal(pcounts, counts):
            raise _Bail
        points = _parse_ints(buf, pts_s, pts_e)
    if indices.size:
        voter = np.repeat(np.arange(n, dtype=np.int64), counts)
        key = voter * len(ids) + indices
        if has_repeats(key):
            raise _Bail
    extra_names = [c for c in header if not _special(c, vote_type)]
    extras = tuple(
        _as_bytes_array(buf, *field(j)) for j, c in enumerate(header) if not _special(c, vote_type)
    )
    if "voter_id" in extra_names:
        vs, ve = field(header.index("voter_id"))
        numeric = _digits_as_ints(buf, vs, ve)  # most files number their voters
        ordered = np.sort(extras[extra_names.index("voter_id")] if numeric is None else numeric)
        if ordered.size > 1 and bool(np.any(ordered[1:] == ordered[:-1])):
            raise _Bail
    return indptr, indices, points, extras


def _tokens(
    buf: npt.NDArray[np.uint8], comma: IntArray, starts: IntArray, fs: IntArray, fe: IntArray
) -> tuple[IntArray, IntArray, IntArray]:
    """Comma-separated tokens inside fields [fs, fe): token starts, ends, tokens per field."""
    line = np.searchsorted(starts, comma, side="right") - 1
    ok = line >= 0
    ok[ok] &= (comma[ok] >= fs[line[ok]]) & (comma[ok] < fe[line[ok]])
    c = comma[ok]
    per_line = np.bincount(line[ok], minlength=fs.size)
    nonempty = fe > fs
    if np.any(~nonempty & (per_line > 0)):
        raise _Bail
    counts = np.where(nonempty, per_line + 1, 0).astype(np.int64)
    total = int(counts.sum())
    first = np.zeros(total, dtype=bool)
    last = np.zeros(total, dtype=bool)
    offsets = np.cumsum(counts) - counts
    first[offsets[nonempty]] = True
    last[(offsets + counts - 1)[nonempty]] = True
    ts = np.empty(total, dtype=np.int64)
    te = np.empty(total, dtype=np.int64)
    ts[first] = fs[nonempty]
    ts[~first] = c + 1
    te[last] = fe[nonempty]
    te[~last] = c
    if np.any(te <= ts):
        raise _Bail
    return ts, te, counts


def _map_ids(
    buf: npt.NDArray[np.uint8], ts: IntArray, te: IntArray, ids: tuple[str, ...]
) -> IntArray:
    if ts.size == 0:
        return np.zeros(0, dtype=np.int64)
    lens = te - ts
    enc = [p.encode("utf-8") for p in ids]
    width = max(int(lens.max()), max((len(x) for x in enc), default=1))
    width = (width + 7) // 8 * 8
    if width > _PAD:
        raise _Bail
    grid = _gather(buf, ts, lens, width)
    known = np.zeros((len(enc), width), dtype=np.uint8)
    for i, x in enumerate(enc):
        known[i, : len(x)] = np.frombuffer(x, dtype=np.uint8)
    if width == 8:
        tok_key = grid.view(np.uint64).ravel()
        id_key = known.view(np.uint64).ravel()
    else:
        tok_key = np.ascontiguousarray(grid).view(f"V{width}").ravel()
        id_key = np.ascontiguousarray(known).view(f"V{width}").ravel()
        tok_key = tok_key.view(f"S{width}")
        id_key = id_key.view(f"S{width}")
    order = np.argsort(id_key, kind="stable")
    sorted_keys = id_key[order]
    pos = np.searchsorted(sorted_keys, tok_key)
    pos = np.minimum(pos, len(enc) - 1) if enc else pos
    if not enc or np.any(sorted_keys[pos] != tok_key):
        raise _Bail
    return order[pos].astype(np.int64)


def _digits(
    buf: npt.NDArray[np.uint8], ts: IntArray, te: IntArray, max_width: int
) -> tuple[IntArray, IntArray] | None:
    """Values and first digits of non-empty fields of at most ``max_width`` ASCII digits.

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
    return values, grid[:, 0]


def _digits_as_ints(buf: npt.NDArray[np.uint8], ts: IntArray, te: IntArray) -> IntArray | None:
    """Fields made of 1–17 ASCII digits without a leading zero, as int64; else ``None``.

    Equal fields give equal numbers and different fields different numbers, so
    repeats can be found on the numbers.
    """
    if ts.size == 0:
        return np.zeros(0, dtype=np.int64)
    if int((te - ts).min()) < 1:
        return None
    found = _digits(buf, ts, te, 17)
    if found is None or np.any((found[1] == 0) & (te - ts > 1)):
        return None
    return found[0]


def _parse_ints(buf: npt.NDArray[np.uint8], ts: IntArray, te: IntArray) -> IntArray:
    """Tokens (never empty) of at most 15 digits as int64; anything else bails."""
    if ts.size == 0:
        return np.zeros(0, dtype=np.int64)
    found = _digits(buf, ts, te, 15)
    if found is None:
        raise _Bail
    return found[0]


def _slow_votes(
    body: bytes,
    first_line: int,
    name: str,
    header: tuple[str, ...],
    ids: tuple[str, ...],
    vote_type: str,
    limits: tuple[int | None, int | None],
) -> tuple[IntArray, IntArray, IntArray | None, tuple[npt.NDArray[np.bytes_], ...]]:
    index = {p: i for i, p in enumerate(ids)}
    idcol = header.index("voter_id") if "voter_id" in header else -1
    voter_lines: dict[str, int] = {}
    vcol = header.index("vote")
    pcol = header.index("points") if vote_type == "cumulative" else -1
    others = [j for j, c in enumerate(header) if not _special(c, vote_type)]
    indptr = [0]
    indices: list[int] = []
    points: list[int] = []
    extras: list[list[bytes]] = [[] for _ in others]
    for k, raw in enumerate(body.decode("utf-8").split("\n")):
        ln = first_line + k
        text = raw.rstrip("\r")
        if not text.strip():
            continue
        row = next(csv.reader([text], delimiter=";"))
        if len(row) != len(header):
            raise _err(name, ln, "VOTES", f"expected {len(header)} fields, got {len(row)}")
        vote = row[vcol].strip()
        tokens = [t.strip() for t in vote.split(",")] if vote else []
        seen: set[str] = set()
        for t in tokens:
            if not t:
                raise _err(name, ln, "vote", f"empty project id in {vote!r}")
            if t not in index:
                raise _err(name, ln, "vote", f"unknown project {t!r}")
            if t in seen:
                raise _err(name, ln, "vote", f"project {t!r} named twice")
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
                if not t.isascii() or not t.isdigit():
                    raise _err(name, ln, "points", f"must be whole numbers >= 0, got {t!r}")
                points.append(int(t))
        why = length_problem(len(tokens), *limits)
        if why is not None:
            raise _err(name, ln, "vote", why)
        if idcol >= 0:
            vid = row[idcol]
            if vid in voter_lines:
                raise _err(name, ln, "voter_id", f"{vid!r} repeats line {voter_lines[vid]}")
            voter_lines[vid] = ln
        indptr.append(len(indices))
        for slot, j in enumerate(others):
            extras[slot].append(row[j].encode("utf-8"))
    return (
        np.asarray(indptr, dtype=np.int64),
        np.asarray(indices, dtype=np.int64),
        np.asarray(points, dtype=np.int64) if vote_type == "cumulative" else None,
        tuple(np.array(col, dtype=np.bytes_) if col else np.zeros(0, dtype="S1") for col in extras),
    )


# --------------------------------------------------------------------------- writing


def dumps_pb(election: Election) -> str:
    r"""The election as ``.pb`` text (``\n`` line ends); :func:`loads_pb` reads it back equal.

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
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    out.write("META\nkey;value\n")
    w.writerows(election.meta)
    out.write("PROJECTS\n")
    w.writerow(election.project_columns)
    rows = election.project_rows or tuple(
        (p, str(c)) for p, c in zip(election.project_ids, election.costs, strict=True)
    )
    w.writerows(rows)
    out.write("VOTES\n")
    w.writerow(election.vote_header)
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
                row.append(",".join(str(p) for p in (pts or [])[lo:hi]))
            else:
                row.append(next(it)[v])
        w.writerow(row)
    return out.getvalue()


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
