"""Hypothesis strategies that mutate valid files, and the check that a reader is total.

Every reader of civicgrants must be *total*: whatever bytes or text it gets, it returns a
value or raises a :class:`civicgrants.errors.CivicGrantsError` whose problems carry a
location, never ``csv.Error``, ``OverflowError``, ``RecursionError``, ``MemoryError``,
``decimal.InvalidOperation``, ``UnicodeEncodeError``, ``KeyError`` … The fuzz tests under
``tests/fuzz/`` mutate the valid files the project ships and assert that::

    from hypothesis import given
    from tests.fuzz.mutations import FUZZ, mutated_bytes, total

    SEED = Path("src/civicgrants/datasets/poland_warszawa_2018_zerzen.pb").read_bytes()

    @FUZZ
    @given(mutated_bytes(SEED))
    def test_loads_pb_is_total(data: bytes) -> None:
        total(loads_pb, data, name="zerzen.pb")

The strategies:

- :func:`mutated_bytes` and :func:`mutated_text`: one to :data:`MAX_MUTATIONS` edits of a
  seed (flip a byte, truncate, insert a special byte or character, a long run of digits or
  a number that overflows, delete a span, duplicate, delete or swap lines);
- :func:`mutated_json`: a JSON value with one to a few of its values replaced by hostile
  ones (huge and tiny numbers, deep nesting, wrong types, control characters);
- :func:`one_of_seeds`: a mutation of any of several seeds.

``FUZZ`` runs ``CIVICGRANTS_FUZZ_EXAMPLES`` examples per test (200 unless set): the suite
stays fast, and the long run is the same tests with ``CIVICGRANTS_FUZZ_EXAMPLES=100000``
(``tools/fuzz.sh``; ``docs/limits.md`` says how).

Hypothesis stops a test at its first failure. A failure already reported to its owner can be
registered with :func:`tolerate`; a long run with ``CIVICGRANTS_FUZZ_TOLERATE=known`` then
counts it instead of stopping there, and prints the counts at the end. The suite never
tolerates anything.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

__all__ = [
    "ANY_CHARACTER",
    "DEADLINE",
    "EXAMPLES",
    "FUZZ",
    "KNOWN",
    "LONG_RUN",
    "MAX_MUTATIONS",
    "SEEN",
    "SPECIAL_BYTES",
    "SPECIAL_TEXT",
    "TOLERATE",
    "Known",
    "Nest",
    "hostile_values",
    "mutated_bytes",
    "mutated_json",
    "mutated_text",
    "one_of_seeds",
    "tolerate",
    "total",
    "unsafe",
]

T = TypeVar("T")

EXAMPLES = int(os.environ.get("CIVICGRANTS_FUZZ_EXAMPLES", "200"))
"""Examples per fuzz test: ``CIVICGRANTS_FUZZ_EXAMPLES``, 200 by default."""

DEADLINE = float(os.environ.get("CIVICGRANTS_FUZZ_DEADLINE", "0")) or None
"""Seconds one example may take (``CIVICGRANTS_FUZZ_DEADLINE``): none in the suite, whose
machine may be busy; ``tools/fuzz.sh`` sets 10, so an input that makes a reader hang is found."""

LONG_RUN = "CIVICGRANTS_FUZZ_EXAMPLES" in os.environ
"""A long run (``tools/fuzz.sh``) explores with its own seed; the suite's 200 inputs per test
are the same on every run (``derandomize``), so CI is never red from a new random find: the
long run finds, and what it finds becomes a case of the corpus or a test."""

FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=not LONG_RUN,
    deadline=None if DEADLINE is None else DEADLINE * 1000,
    database=None,  # nothing written into the checkout; a failure prints its reproduction
    print_blob=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.large_base_example,
    ],
)
"""The settings of every fuzz test: :data:`EXAMPLES` examples, no deadline, no database."""

MAX_MUTATIONS = 4
"""The most edits one example makes to its seed."""

ANY_CHARACTER = st.characters(exclude_categories=())
"""Any code point, lone surrogates (category Cs) included."""

_DIGITS = (b"9" * 19, b"9" * 29, b"1" + b"0" * 40, b"9" * 400, b"9" * 4301, b"9" * 5000)
SPECIAL_BYTES: tuple[bytes, ...] = (
    b"\x00",
    b"\r",
    b"\n",
    b"\r\n",
    b"\x0b",
    b"\x0c",
    b"\t",
    b" ",
    b"\x1b[2J",
    b"\x7f",
    b"\xc2\x85",  # NEL
    b"\xe2\x80\xa8",  # LINE SEPARATOR
    b"\xe2\x80\xa9",  # PARAGRAPH SEPARATOR
    b"\xe2\x80\xae",  # RIGHT-TO-LEFT OVERRIDE
    b"\xef\xbb\xbf",  # BOM
    b"\xff",
    b"\xc3",  # a lead byte alone
    b"\xed\xa0\x80",  # a surrogate, encoded (not UTF-8)
    b'"',
    b"'",
    b";",
    b",",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b"\\",
    b"\\u0000",
    b"\\ud800",
    b"-",
    b".",
    b"e",
    b"E+",
    b"-0",
    b"0",
    b"1e9999",
    b"1e999999",
    b"1e-9999",
    b"-1",
    b"NaN",
    b"Infinity",
    b"null",
    b"true",
    b"[]",
    b"{}",
    b'""',
    b"0." + b"0" * 40 + b"1",
    *_DIGITS,
)
"""Bytes worth inserting: controls, separators, broken UTF-8, syntax, numbers that overflow."""

SPECIAL_TEXT: tuple[str, ...] = (
    *(b.decode("utf-8", "surrogateescape") for b in SPECIAL_BYTES),
    "\ud800",  # lone surrogates: no UTF-8 encoding exists
    "\udfff",
    "\u2028",
    "\u202e",
    "\ufeff",
    "\x85",
    "\u0661",  # ARABIC-INDIC DIGIT ONE: str.isdigit() is true
    "\uff11",  # FULLWIDTH DIGIT ONE
    "²",
    "١٢٣",
)
"""Text worth inserting: :data:`SPECIAL_BYTES` as text, lone surrogates, Unicode digits."""


def _edit(
    draw: st.DrawFn, data: Any, specials: Sequence[Any], alphabet: st.SearchStrategy[Any]
) -> Any:
    """One edit of ``data`` (bytes or str)."""
    size = len(data)
    empty = data[:0]
    at = draw(st.integers(0, size))
    kind = draw(
        st.sampled_from(
            ["flip", "truncate", "insert", "insert", "digits", "delete", "dup", "drop", "swap"]
        )
    )
    if kind == "flip" and size:
        at = min(at, size - 1)
        if isinstance(data, bytes):
            value = data[at] ^ draw(st.integers(1, 255))
            return data[:at] + bytes([value]) + data[at + 1 :]
        char = draw(ANY_CHARACTER.filter(lambda c: c != data[at]))
        return data[:at] + char + data[at + 1 :]
    if kind == "truncate":
        return data[:at]
    if kind == "insert":
        piece = draw(st.one_of(st.sampled_from(specials), alphabet))
        times = draw(st.sampled_from([1, 1, 1, 2, 100]))
        return data[:at] + piece * times + data[at:]
    if kind == "digits":
        digit = empty.join([b"9" if isinstance(data, bytes) else "9"])
        run = digit * draw(st.sampled_from([19, 20, 28, 29, 41, 310, 400, 4300, 4301, 6000]))
        return data[:at] + run + data[at:]
    if kind == "delete":
        length = draw(st.integers(1, 64))
        return data[:at] + data[at + length :]
    lines = data.splitlines(keepends=True)
    if not lines:
        return data
    i = draw(st.integers(0, len(lines) - 1))
    if kind == "dup":
        lines.insert(i, lines[i])
    elif kind == "drop":
        del lines[i]
    else:  # swap
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    return empty.join(lines)


@st.composite
def mutated_bytes(draw: st.DrawFn, seed: bytes, max_mutations: int = MAX_MUTATIONS) -> bytes:
    """``seed`` with one to ``max_mutations`` edits: flips, cuts, special bytes, digit runs, lines."""
    data = seed
    for _ in range(draw(st.integers(1, max_mutations))):
        data = _edit(draw, data, SPECIAL_BYTES, st.binary(min_size=1, max_size=8))
    return data


@st.composite
def mutated_text(draw: st.DrawFn, seed: str, max_mutations: int = MAX_MUTATIONS) -> str:
    """``seed`` with one to ``max_mutations`` edits, inserting any character (lone surrogates too)."""
    data = seed
    alphabet = st.text(ANY_CHARACTER, min_size=1, max_size=4)
    for _ in range(draw(st.integers(1, max_mutations))):
        data = _edit(draw, data, SPECIAL_TEXT, alphabet)
    return data


def hostile_values() -> st.SearchStrategy[Any]:
    """JSON values a field should refuse (or hold): extreme numbers, deep nests, odd text.

    Numbers come as ``int`` and as :class:`~decimal.Decimal` (what
    :func:`civicgrants.io.documents.parse_json` makes of a JSON number with a fraction or
    an exponent) and as strings.
    """
    numbers = st.sampled_from(
        [
            0,
            -1,
            -(10**6),
            2**31,
            2**63,
            10**17,
            10**19,
            10**28,
            10**40,
            10**400,
            Decimal("-0"),
            Decimal("1e-41"),
            Decimal("1e400"),
            Decimal("1e-400"),
            Decimal("1e999999"),
            Decimal("0." + "1" * 41),
            Decimal("123456789012345678901234567.89"),
            Decimal("1E+29"),
        ]
    )
    strings = st.sampled_from(
        [
            "",
            " ",
            "1e9999",
            "1e-41",
            "9" * 5000,
            "-5",
            "NaN",
            "Infinity",
            "2021-02-30",
            "9999-12-31",
            "0001-01-01",
            "+10000-01-01",
            "\x1b[2J",
            "a\nb",
            "\u2028",
            "\ud800",
            "KZT",
            "xxx",
            "draft",
            "funded",
        ]
    )
    nested = st.integers(1, 3000).map(lambda n: _nest(n))
    return st.one_of(
        numbers,
        strings,
        nested,
        st.none(),
        st.booleans(),
        st.just([]),
        st.just({}),
        st.text(ANY_CHARACTER, max_size=12),
        st.integers(),
    )


class Nest(list):  # type: ignore[type-arg]
    """``depth`` lists, each inside the next: a real list for the reader, short when reported.

    Hypothesis prints a failing example with its own pretty printer, which recurses as deep
    as the value; ``_repr_pretty_`` keeps that one line. ``repr()`` is still the list's, so a
    reader that echoes the value with ``!r`` meets the full depth, as it would in use.
    """

    depth: int

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(f"Nest(depth={self.depth})")


def _nest(depth: int) -> Any:
    value: Any = []
    for _ in range(depth - 2):
        value = [value]
    nest = Nest([value] if depth > 1 else [])
    nest.depth = depth
    return nest


def _paths(value: Any, limit: int = 50) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``value`` (keys and indexes), down to ``limit`` levels."""
    found: list[tuple[Any, ...]] = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), value)]
    while stack:
        path, item = stack.pop()
        found.append(path)
        if len(path) >= limit:
            continue
        if isinstance(item, dict):
            stack.extend(((*path, k), v) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(item))))
    return found


_PATHS: dict[int, tuple[Any, list[tuple[Any, ...]]]] = {}


def _seed_paths(seed: Any) -> list[tuple[Any, ...]]:
    """:func:`_paths` of a seed, computed once (a seed is never changed: edits copy)."""
    known = _PATHS.get(id(seed))
    if known is None or known[0] is not seed:
        known = _PATHS[id(seed)] = (seed, _paths(seed))
    return known[1]


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replace(value[head], rest, new)}
    copy = list(value)
    copy[head] = _replace(copy[head], rest, new)
    return copy


@st.composite
def mutated_json(draw: st.DrawFn, seed: Any, max_mutations: int = MAX_MUTATIONS) -> Any:
    """The JSON value ``seed`` with one, two or ``max_mutations`` values replaced, removed or added.

    A replaced value comes from :func:`hostile_values` or is another value of the same
    document (a list where a string was, say); a key may also be removed, or an unknown
    one added.
    """
    value = seed
    for _ in range(draw(st.sampled_from([1, 1, 2, max_mutations]))):
        paths = _seed_paths(value) if value is seed else _paths(value)
        path = draw(st.sampled_from(paths))
        kind = draw(st.sampled_from(["replace", "replace", "borrow", "remove", "add"]))
        if kind == "remove" and path:
            parent = _get(value, path[:-1])
            if isinstance(parent, dict):
                trimmed = {k: v for k, v in parent.items() if k != path[-1]}
            else:
                trimmed = [v for i, v in enumerate(parent) if i != path[-1]]
            value = _replace(value, path[:-1], trimmed)
        elif kind == "add":
            target = _get(value, path)
            if isinstance(target, dict):
                key = draw(st.sampled_from(["colour", "\x1b[31m", "", "id", "schema", "9" * 50]))
                value = _replace(value, path, {**target, key: draw(hostile_values())})
            elif isinstance(target, list):
                value = _replace(value, path, [*target, draw(hostile_values())])
        elif kind == "borrow":
            other = _get(value, draw(st.sampled_from(paths)))
            value = _replace(value, path, other)
        else:
            value = _replace(value, path, draw(hostile_values()))
    return value


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


def one_of_seeds(
    seeds: Sequence[T], mutate: Callable[[T], st.SearchStrategy[T]]
) -> st.SearchStrategy[T]:
    """A mutation (``mutate``: :func:`mutated_bytes`, …) of any one of ``seeds``."""
    return st.sampled_from(list(seeds)).flatmap(mutate)


def total(function: Callable[..., T], /, *args: Any, **kwargs: Any) -> T | None:
    """Call ``function``; ``None`` if it raised a located civicgrants error, else its value.

    Any other exception propagates (the fuzz test fails with it). A
    :class:`~civicgrants.errors.ValidationError` (a ``DocumentError`` …) must carry at
    least one problem, a ``DocumentError`` must name where it comes from, and every
    message must be printable on one line (no raw control character, no newline).

    Parameters
    ----------
    function : callable
        The reader.
    *args, **kwargs
        What to call it with.

    Returns
    -------
    object or None
        What ``function`` returned, or ``None`` when it refused the input.
    """
    from civicgrants.errors import CivicGrantsError, DocumentError, ValidationError

    try:
        return function(*args, **kwargs)
    except CivicGrantsError as exc:
        error: CivicGrantsError = exc
    except Exception as exc:
        if TOLERATE and _known(exc):
            return None
        raise
    problems = error.problems if isinstance(error, ValidationError) else ()
    lines = [str(p) for p in problems]
    if isinstance(error, ValidationError) and not problems:
        raise AssertionError(f"{type(error).__name__} without a problem: {error!r}")
    if isinstance(error, DocumentError):
        if not error.path:
            raise AssertionError(f"a DocumentError that names no file: {error!r}")
        lines.append(error.one_line())
    for line in lines:
        if unsafe(line):
            raise AssertionError(f"a message with raw control characters {unsafe(line)}: {line!r}")
    return None


@dataclass(frozen=True)
class Known:
    """A failure already reported to its owner: the exception, a part of its message, where."""

    exception: type[BaseException]
    message: str
    where: str


KNOWN: list[Known] = []
"""Failures already reported (:func:`tolerate` adds one); counted, not raised, in a long run
with ``CIVICGRANTS_FUZZ_TOLERATE=known``, so that it gets past them to the next."""

TOLERATE = os.environ.get("CIVICGRANTS_FUZZ_TOLERATE") == "known"
"""Whether :data:`KNOWN` failures are counted instead of raised (never in the suite)."""

SEEN: Counter[Known] = Counter()
"""How often each known failure was met in this run (the fuzz conftest prints it)."""


def tolerate(exception: type[BaseException], message: str, where: str) -> Known:
    """Register a failure already reported to ``where``; see :data:`TOLERATE`."""
    known = Known(exception, message, where)
    KNOWN.append(known)
    return known


def _known(exc: BaseException) -> bool:
    for known in KNOWN:
        if isinstance(exc, known.exception) and known.message in str(exc):
            SEEN[known] += 1
            return True
    return False


def unsafe(text: str) -> list[str]:
    """The characters of ``text`` that :func:`civicgrants.errors.printable` would escape."""
    import unicodedata

    return sorted(
        {repr(c) for c in text if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")}
    )
