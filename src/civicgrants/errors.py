"""One exception hierarchy for the whole library.

Every error the library raises on purpose is a `CivicGrantsError`, so a
caller can catch them all at once. Audits and policy checks do **not** raise:
they return findings, because a document with ten problems should show all ten.

Examples
--------
>>> from civicgrants.errors import CivicGrantsError, CurrencyMismatch
>>> issubclass(CurrencyMismatch, CivicGrantsError)
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import attrs

__all__ = [
    "CODES",
    "CivicGrantsError",
    "CurrencyMismatch",
    "DocumentError",
    "LifecycleError",
    "Loc",
    "MissingExtra",
    "ParseError",
    "Problem",
    "ScheduleError",
    "TieRefused",
    "ValidationError",
    "article",
    "cell_problem",
    "classify",
    "format_loc",
    "in_document_order",
    "parse_loc",
    "printable",
]

_UNSAFE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    r"""``text`` made safe to print on one line: every control character escaped.

    Control characters (C0 and C1 controls, DEL), format characters (the bidi
    controls, zero-width characters, the BOM), line and paragraph separators
    (U+2028, U+2029) and lone surrogates are written as Python writes them in a
    string literal (``\n``, ``\x1b``, ``\u2028``); every other character is
    kept, so Cyrillic, Kazakh letters and the no-break space of amounts print
    as they are. Every message the library builds from what it read (a
    `Problem`, `DocumentError.one_line()`) and every error line the
    command line prints passes through it, so a document cannot move the
    cursor, recolour the terminal or split a message over two lines.

    Parameters
    ----------
    text : str
        A message, a value or a file name to echo.

    Returns
    -------
    str
        ``text`` itself when it holds nothing to escape, else a copy with each
        such character escaped.

    Examples
    --------
    >>> printable("Құрық: 1\u00a0600\u00a0000,00 ₸") == "Құрық: 1\u00a0600\u00a0000,00 ₸"
    True
    >>> print(printable("bad\nname\x1b[31m.json"))
    bad\nname\x1b[31m.json
    >>> print(printable("a\u2028b\u202ec\x85"))
    a\u2028b\u202ec\x85

    See Also
    --------
    Problem : its text is printable.
    DocumentError.one_line : one printable line for a command line.
    """
    if text.isprintable():
        return text
    parts = []
    for char in text:
        if char.isprintable() or unicodedata.category(char) not in _UNSAFE:
            parts.append(char)
        elif char in _NAMED:
            parts.append(_NAMED[char])
        else:
            code = ord(char)
            width = "x" if code < 0x100 else "u" if code < 0x10000 else "U"
            digits = {"x": 2, "u": 4, "U": 8}[width]
            parts.append(f"\\{width}{code:0{digits}x}")
    return "".join(parts)


def article(noun: str) -> str:
    """``noun`` with its indefinite article, ``a`` or ``an`` by its first letter.

    Parameters
    ----------
    noun : str
        An English noun or noun phrase, as messages name a kind of thing.

    Returns
    -------
    str
        ``"an application"``, ``"a programme"``.

    Examples
    --------
    >>> article("application"), article("programme"), article("Indicator")
    ('an application', 'a programme', 'an Indicator')

    See Also
    --------
    civicgrants.io.documents.from_data : "expected an application document".
    """
    return f"{'an' if noun[:1].lower() in set('aeio') else 'a'} {noun}"


class CivicGrantsError(Exception):
    """Base class of every error raised by civicgrants.

    Catch it to handle every error the library raises on purpose; checks and
    audits return findings instead of raising.

    Examples
    --------
    >>> from civicgrants.model import Money
    >>> try:
    ...     Money(5, "EUR") + Money(5)
    ... except CivicGrantsError as exc:
    ...     print(type(exc).__name__)
    CurrencyMismatch

    See Also
    --------
    ValidationError : An entity was given a value it cannot hold.
    ParseError : Text could not be read as what was asked for; the message quotes it.
    LifecycleError : An illegal state transition; the message names the allowed ones.
    CurrencyMismatch : Two amounts in different currencies were combined.
    """


Loc = tuple[str | int, ...]
"""Where a problem is: the file first when known, then the path, the row and the column."""

_FILE = re.compile(r"(?:.*/)?[^/\s:]+\.(?:json|csv|tsv|xlsx|pb|toml|ics|txt)|<data>")
_FILE_LINE = re.compile(r"(.+):(\d+)")
_ROW = re.compile(r"row (\d+)(?: \((?:\w+ (?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")|line \d+)\))?")
_SHEET = re.compile(r"sheet '((?:[^'\\]|\\.)*)'(?:, row (\d+))?")
_STEP = re.compile(r"\[(\d+)\]|(?:^|\.)([^.\[\]]+)")


def _path_parts(text: str) -> Loc | None:
    """``a.b[3].c`` as ``("a", "b", 3, "c")``; ``None`` when ``text`` is no such path."""
    parts: list[str | int] = []
    end = 0
    for m in _STEP.finditer(text):
        if m.start() != end:
            return None
        parts.append(int(m.group(1)) if m.group(1) is not None else m.group(2))
        end = m.end()
    return tuple(parts) if end == len(text) else None


def parse_loc(text: str) -> Loc:
    """The location a printed path names, as a tuple.

    The printed shapes are the ones the readers write: a JSON path
    (``projects[3].grant.amount``), a CSV or xlsx row (``row 6 (code '1.1').unit_price``,
    ``row 4 (line 5)``), a file and a line (``x.pb:13``, ``scores.csv:7: score``) and a
    file of a folder (``projects/P-1.json: requested.amount``).

    Parameters
    ----------
    text : str
        A printed location; empty for the whole document.

    Returns
    -------
    tuple of str and int
        The file first when named, then its line (pabulib, scores) or the row
        (1-based, as the file counts them), then the path, list indices as ``int``.
        A part that is none of these is kept whole, as a string.

    Examples
    --------
    >>> parse_loc("projects[3].grant.amount")
    ('projects', 3, 'grant', 'amount')
    >>> parse_loc("row 6 (code '1.1').unit_price")
    (6, 'unit_price')
    >>> parse_loc("x.pb:13")
    ('x.pb', 13)
    >>> parse_loc("projects/P-1.json: requested.amount")
    ('projects/P-1.json', 'requested', 'amount')
    >>> parse_loc("")
    ()

    See Also
    --------
    format_loc : the way back.
    """
    if not text:
        return ()
    out: list[str | int] = []
    for segment in text.split(": "):
        line = _FILE_LINE.fullmatch(segment)
        if _FILE.fullmatch(segment):
            out.append(segment)
            continue
        if line and not line.group(1).startswith("row "):
            out += [line.group(1), int(line.group(2))]
            continue
        sheet = _SHEET.fullmatch(segment)
        if sheet:
            out.append(sheet.group(1))
            out += [int(sheet.group(2))] if sheet.group(2) else []
            continue
        rest = segment
        row = _ROW.match(segment)
        if row:
            rest = segment[row.end() :]
            if rest and rest[0] not in ".[":
                out.append(segment)
                continue
            out.append(int(row.group(1)))
            rest = rest.removeprefix(".")
        if not rest:
            continue
        parts = _path_parts(rest)
        if parts is None:
            out.append(rest)
        else:
            out += parts
    return tuple(out)


def format_loc(loc: Loc) -> str:
    """A location printed the way the readers print it (the inverse of `parse_loc()`).

    Parameters
    ----------
    loc : tuple of str and int
        A location: file names, then a line or a row (an ``int`` right after a
        file, or first), then the path.

    Returns
    -------
    str
        ``file:line: path``, ``row N.path`` or a JSON path; empty for ``()``.

    Examples
    --------
    >>> format_loc(("projects", 3, "grant", "amount"))
    'projects[3].grant.amount'
    >>> format_loc((6, "unit_price"))
    'row 6.unit_price'
    >>> format_loc(("scores.csv", 7, "score"))
    'scores.csv:7: score'
    >>> parse_loc(format_loc(("x.pb", 13))) == ("x.pb", 13)
    True

    See Also
    --------
    parse_loc : the way there.
    """
    segments: list[str] = []
    i = 0
    while i < len(loc) and isinstance(loc[i], str) and _FILE.fullmatch(str(loc[i])):
        segment = str(loc[i])
        i += 1
        if i < len(loc) and isinstance(loc[i], int):
            segment += f":{loc[i]}"
            i += 1
        segments.append(segment)
    path = ""
    for j, part in enumerate(loc[i:]):
        if isinstance(part, int):
            path += f"row {part}" if j == 0 else f"[{part}]"
        else:
            path += part if j == 0 else f".{part}"
    if path:
        segments.append(path)
    return ": ".join(segments)


CODES: dict[str, str] = {}
"""Every problem code the library emits, with what it means (``docs/errors.md`` shows them)."""

_RULES: list[tuple[re.Pattern[str], str]] = []


def _code(code: str, meaning: str, *patterns: str) -> None:
    CODES[code] = meaning
    _RULES.extend((re.compile(pattern), code) for pattern in patterns)


_code(
    "limit.exceeded",
    "larger, deeper or longer than a limit of `civicgrants.model.limits` allows; the message names the limit and how to raise it",
    r"\(the \w+ limit",
    r"the \w+ limit; raise it",
    r"more than a count can hold",
    r"^too (large|small): ",
    r"more than \d+ entries",
    r"nested too deeply",
    r"a cell is longer than \d+ characters",
    r"runs past the last representable date",
    r"fit in 64 bits",
)
_code("json.invalid", "the file is not JSON text", r"^not valid JSON: ")
_code(
    "json.number",
    "a number JSON text may write but a document may not hold (NaN, Infinity, a float)",
    r"not a number a document may hold",
)
_code("json.duplicate_key", "an object gives one key twice", r"^duplicate key .* in one object")
_code(
    "document.invalid",
    "a document that is invalid in a way no other code names",
    r"^invalid document$",
)
_code(
    "document.not_an_object",
    "the document is not a JSON object",
    r"^a document must be a JSON object",
)
_code("schema.missing", "the document has no `schema` key", r"^required key is missing \(e\.g\. ")
_code("schema.invalid", "the `schema` key names no document type", r"^must name a document type")
_code(
    "schema.unknown_type",
    "the `schema` key names a type the library does not know",
    r"^unknown document type",
)
_code(
    "schema.unsupported_version",
    "the document type's version is not the one the library reads",
    r"^unsupported version",
)
_code(
    "schema.wrong_type",
    "a document of another type than the one asked for",
    r"^expected an? .*document",
)
_code("file.missing", "no file at the path given", r"^no such file")
_code(
    "file.not_a_file",
    "the path is a folder, a pipe or a device, or not the folder asked for",
    r"^is a folder",
    r"^not a regular file",
    r"^not a folder",
    r"^must be a folder",
    r"^the folder holds a round",
)
_code(
    "file.unreadable",
    "the file cannot be read or written, or its name cannot be used",
    r"^cannot read",
    r"^cannot write",
    r"^not a usable file name",
    r"^not enough memory",
)
_code(
    "file.unexpected",
    "a file the layout of a round's folder has no place for",
    r"^not part of the round's layout",
    r"^not a \.json document",
    r"^must name a file in the folder",
)
_code(
    "text.encoding",
    "the bytes are not text in the expected encoding",
    r"^not [\w-]+ text \(",
    r"text UTF-8 can write",
    r"lone surrogate",
)
_code("text.control_character", "a control character where only text may be", r"control character")
_code(
    "csv.quoting",
    "a CSV cell is quoted wrongly",
    r"quoted cell",
    r"^malformed quoting",
    r"text after the closing quote",
    r"carriage return \(CR\) alone",
    r"^not readable as CSV",
)
_code(
    "csv.row.columns",
    "a row has more or fewer cells than the header",
    r"^has \d+ cells, the header has",
    r"^expected \d+ fields, got",
    r"hold values but have no header",
)
_code(
    "csv.header",
    "the header row is missing or names a column wrongly or twice",
    r"expected a header row",
    r"^no header row",
    r"header names the column",
    r"^breakdown column .* must read",
    r"column\(s\) given twice",
    r"^column .* given twice",
    r"^level\(s\) given twice",
    r"^levels repeat",
)
_code("csv.empty", "a table with a header and no rows", r"^no budget rows", r"^no rows: ")
_code(
    "field.unknown",
    "a key or a column the document type has no field for",
    r"^unknown key",
    r"^unknown column",
    r"^unknown level",
)
_code(
    "field.missing",
    "a required key, column or section is missing",
    r"^is required",
    r"^required key is missing",
    r"column is required",
    r"^missing column",
    r"^missing from META",
    r"^no (META|PROJECTS|VOTES) section",
    r"^must not be null",
    r"^(cumulative|scoring) votes need a",
)
_code(
    "field.combination",
    "fields that go together: one needs another beside it, or one of two must be given",
    r"method needs both ",
    r", not neither$",
    r"not both or neither",
    r": give both ",
    r"^only a range plan has",
    r"target needs it$",
    r"^only a count of partners has",
    r", not both$",
    r"target cannot name a category",
)
_code(
    "xlsx.invalid",
    "the file is not an xlsx workbook this reader can read",
    r"^not an xlsx workbook",
    r"is not a worksheet",
    r"^cannot be read \(",
)
_code(
    "pabulib.section",
    "a pabulib file's sections are out of place",
    r"^second \w+ section",
    r"^text before the first section",
)
_code("type.not_a_string", "a value must be a string", r"^must be a (non-empty )?string, got")
_code(
    "type.not_an_integer",
    "a value must be a whole number",
    r"^must be an integer(?! >)",
    r"^must be a whole number(?! >)",
    r"^must hold integers",
    r"^must be whole numbers \(scores may be negative\)",
    r"^must be an exact number \(int, Fraction",
)
_code(
    "type.not_an_object",
    "a value must be an object or a list",
    r"^must be an object",
    r"^must be a list",
    r"^must be a 1-d",
    r"^must be a 2-d",
    r"^must be a numpy",
)
_code("type.not_a_boolean", "a value must be true or false", r"^must be true")
_code(
    "type.not_a_date",
    "a value must be a date written YYYY-MM-DD",
    r"^must be a date",
    r"day is out of range for month",
    r"month must be in",
)
_code(
    "amount.not_a_number",
    "an amount or a number cannot be read",
    r"not an amount",
    r"^must be an amount",
    r"^must be a decimal number",
    r"^must be a (finite )?number, got",
    r"^cannot parse .*: not a number",
    r"^must be a Decimal",
    r"^must be finite",
)
_code(
    "amount.inexact",
    "an amount or a sum needs more digits than an amount keeps exactly",
    r"cannot be added exactly",
    r"needs \d+ (significant )?digits",
)
_code(
    "currency.unknown",
    "not an ISO 4217 currency code",
    r"unknown ISO-4217 code",
    r"three-letter ISO-4217 code",
)
_code(
    "currency.mismatch",
    "amounts in a currency other than the document's",
    r"amounts are in \w+, not",
    r"in another currency than ",
    r", the spending is in ",
)
_code(
    "value.empty",
    "a value that must not be empty is empty",
    r"^must be a non-empty",
    r"^is empty",
    r"^empty$",
    r"^give at least one of ru, kk, en",
)
_code(
    "value.not_an_id",
    "an id or a code with characters it may not hold",
    r"^must be an id",
    r"^must be a code of",
)
_code(
    "value.not_allowed",
    "a value that is not one of those allowed",
    r"^must be one of",
    r"^must be approval",
    r"is not an activity of task",
    r"or co-financing, not the grant",
    r"is not a status",
    r"is not on the scale",
    r"^must be None",
    r"^must be -1",
    r"^must be [\w{}]+, got",
    r"^must contain",
    r"^only cumulative (and scoring )?ballots",
    r"needs (approval|cumulative|ordinal)[\w ]* ballots, not \w+$",
    r"is a satisfaction of the library",
    r"is no integer per vote times a factor per project",
    r"^a UserSat's score must be callable",
    r"^a UserSat needs a non-empty name",
)
_code(
    "value.out_of_range",
    "a number or a date outside the range allowed",
    r"^must be (an integer |a whole number |a number |a finite number |whole numbers )?[<>]=? ",
    r"^must be > ",
    r"^must be between",
    r"^must lie on the scale",
    r"is below the lower bound",
    r"weights must not all be 0",
    r"^must not exceed",
    r"^must be distinct",
    r"^must be >= 0",
)
_code(
    "value.order",
    "dates or steps in the wrong order",
    r"^must not be before",
    r", before the step before",
    r"but the history ends at",
)
_code(
    "value.shape",
    "a list or an array of the wrong length or shape",
    r"^must have",
    r"^must be a scalar or have shape",
    r"^must be \{?\d+ finite numbers",
    r"point values for \d+ projects",
    r"^must start at 0",
    r"^must be the ",
    r"^must name projects by position",
    r"^must be NaN",
)
_code(
    "ref.duplicate",
    "an id, a code, a row or a name given twice",
    r"^duplicates ",
    r"\brepeats ",
    r"given twice",
    r"named twice",
    r"^duplicate id",
    r" is also ",
    r"the same project twice",
    r"is listed as a member too",
)
_code(
    "ref.unknown",
    "a reference to something the document or the folder does not hold",
    r"^unknown \w+ ",
    r"^names no row",
    r"^no definition for ",
    r"has no row ",
    r"^not on the commission's ballot",
    r"^on the ballot but not in the vote",
)
_code("lifecycle.transition", "a status that cannot follow the one before", r"cannot go from")
_code(
    "lifecycle.requirement",
    "a status the object does not meet the condition of (opened needs a confirmed balance takeover)",
    r"needs a confirmed balance takeover",
)
_code(
    "budget.structure",
    "a budget's rows do not form a tree of groups and lines",
    r"only groups have children",
    r"is its own ancestor",
    r"the TOTAL row",
    r"is nested \d+ levels deep",
)
_code(
    "schedule.infeasible",
    "a plan or a season that cannot be scheduled",
    r"^cycle: ",
    r"form a cycle",
    r"lies outside the \d+-week calendar",
    r"working days but only",
    r"do not fit in \d+ weeks",
    r"^needs days and at most",
    r"^no trainers",
    r"no --start was given",
    r"^-?\d+ weeks ",
    r"^\d{4}-\d\d-\d\d is (after|before)",
)
_code(
    "indicator.value_kind",
    "an indicator record gives the wrong kind of value, or two kinds",
    r"^gives ",
    r"a record gives one kind of value",
    r"a percentage gives both",
    r"percentage of nothing",
)
_code(
    "call.incomplete",
    "a call that lacks what scoring or funding needs",
    r"there is nothing to score",
    r"^a call must have",
)
_code(
    "votes.invalid",
    "ballots that the vote's rules do not allow",
    r"points up to this row",
    r"^cumulative ballots need",
    r"ballots need one point count per vote$",
)
_code(
    "invalid", "a problem no rule classifies: a bug in the library (report it); no reader emits it"
)


# Messages of the computation packages, classified as the readers' are.
for _extra_code, _extra in {
    "json.number": [r"got the float"],
    "schema.wrong_type": [r"needs an? [\w-]+ document"],
    "file.unexpected": [r"folder is not empty"],
    "csv.header": [r"are all read as"],
    "field.unknown": [r"unknown header"],
    "type.not_an_object": [r"^must be a Finding", r"must be numpy arrays"],
    "value.not_allowed": [
        r"lies in region .*, not",
        r"are published by .* only",
        r"is recused from",
        # civicgrants.pb.counting: options of a count that do not go together
        r"applies to the rule [\w ]+ only, not \w+$",
        r"^bounds apply to the rule mes_bounded only",
        r"^the rule \w+ needs bounds$",
        r"starts from nothing: it takes no initial projects$",
        r"^every tied outcome (of \w+ )?is listed ",
        r"^composes the rules .* only, not \w+$",
        r"^a composed count (lists|takes) no ",
        r"are two ways; pick one$",
        r"needs every locality's trainings in one step",  # plan_season(method="optimal")
        # civicgrants.pb.rules.mes_bounds.parse_bounds: bounds written as text
        r"must read group=lower:upper",
        r"names no group before '='$",
        r"gives neither a lower nor an upper bound$",
        r"^give at least one group=lower:upper$",
    ],
    "value.out_of_range": [
        r"does not fit the remaining pot",
        r"^need 0 <= lower <= upper",  # civicgrants.pb.rules.mes_bounds
        r"^lower bound \S+ not reached",
    ],
    "value.order": [r"before the project's start"],
    "ref.duplicate": [r"listed twice", r"^duplicate (?!key)", r"is bounded twice$"],
    "ref.unknown": [
        r"^no sheet ",
        r"^no project is in this group$",  # civicgrants.pb.rules.mes_bounds
        r"^the projects have no column ",
        r"is not a day block; day blocks: ",  # plan(not_before=...)
    ],
    "schedule.infeasible": [
        r"lies outside ",
        r"has ended, but depends on it",
        r"must not overlap",
        r"no trainer covers",
        r"forbids a spill",
        r"differs from an earlier range",
    ],
}.items():
    _RULES.extend((re.compile(pattern), _extra_code) for pattern in _extra)


_COLUMN = re.compile(r"^\w+: ")


def classify(message: str) -> str:
    """The code of a problem from its message, for call sites that name none.

    Parameters
    ----------
    message : str
        The problem's message, as a reader writes it.

    Returns
    -------
    str
        The first code of `CODES` whose message pattern matches;
        ``"invalid"`` when none does (no reader of the library emits it: a test
        runs every bad input of the corpus and checks).

    Examples
    --------
    >>> classify("must be a string, got the number 7")
    'type.not_a_string'
    >>> classify("unknown key (allowed: code, id, names)")
    'field.unknown'

    See Also
    --------
    CODES : every code, with its meaning.
    Problem : names its code, or gets it from here.
    """
    for text in (message, _COLUMN.sub("", message, count=1)):
        for pattern, code in _RULES:
            if pattern.search(text):
                return code
    return "invalid"


@attrs.frozen(init=False)
class Problem:
    r"""One located problem: where (``loc``), what (``msg``), its ``code`` and the ``input``.

    Parameters
    ----------
    loc : tuple of str and int, or str
        Where the problem is. The convention, one for every reader: the file
        first when known (a `DocumentError` adds its own file in
        `ValidationError.errors()`), then its line for line-based files
        (pabulib ``("x.pb", 13)``, scores ``("scores.csv", 7, "score")``), the
        row for CSV and xlsx budgets and indicator tables (1-based, the row
        number the file shows: ``(6, "unit_price")``; ``"header"`` for the
        header row), then the JSON path into a document, list indices as
        ``int`` (``("projects", 3, "grant", "amount")``). ``()`` is the whole
        document. A string is read with `parse_loc()`, so old call sites
        keep writing ``"projects[3].grant.amount"``; its text is kept for
        printing when it says more than the tuple (``row 6 (code '1.1')``).
    msg : str
        What is wrong, saying what was expected and what came.
    code : str, optional
        A stable machine code (``amount.not_a_number``, ``field.missing`` …),
        one of `CODES` (another raises ``ValueError``); found from ``msg``
        by `classify()` when not given.
    input : object, optional
        The offending value as read (JSON-able: a string, number, bool, list,
        dict or ``None``); ``None`` when there is none.
    where : str, optional
        The location as printed, when it says more than ``loc`` (the code of
        a budget row); set from a string ``loc`` without being asked.

    Examples
    --------
    >>> problem = Problem("projects[3].grant.amount", 'must be >= 0, got "-5.00"', input="-5.00")
    >>> str(problem)
    'projects[3].grant.amount: must be >= 0, got "-5.00"'
    >>> problem.loc, problem.code
    (('projects', 3, 'grant', 'amount'), 'value.out_of_range')
    >>> str(Problem("", "the weights must not all be 0"))
    'the weights must not all be 0'
    >>> print(Problem("row 6 (code '1.1').unit_price", "is required"))
    row 6 (code '1.1').unit_price: is required
    >>> Problem("row 6 (code '1.1').unit_price", "is required").loc
    (6, 'unit_price')
    >>> print(Problem("names.en", "got 'Kuryk\x1b[2J\nfunded'"))
    names.en: got 'Kuryk\x1b[2J\nfunded'

    Its text is `printable()`: control characters in echoed values are
    escaped, so one problem is one line and a value cannot drive the terminal.
    ``path`` and ``message`` are read-only aliases of the printed location and
    of ``msg``.

    See Also
    --------
    ValidationError : carries every problem found; ``errors()`` gives them as data.
    DocumentError : problems of one file or JSON value.
    CODES : every code, with its meaning.
    """

    loc: Loc
    msg: str
    code: str
    input: object = attrs.field(hash=False)
    where: str | None = attrs.field(default=None, repr=False)

    def __init__(
        self,
        loc: Loc | str,
        msg: str,
        code: str | None = None,
        input: object = None,
        where: str | None = None,
    ) -> None:
        if isinstance(loc, str):
            text = loc
            loc = parse_loc(text)
            if where is None and format_loc(loc) != text:
                where = text
        if code is not None and code not in CODES:
            raise ValueError(f"code: {code!r} is not one of civicgrants.errors.CODES")
        self.__attrs_init__(tuple(loc), msg, code or classify(msg), input, where)

    @property
    def path(self) -> str:
        """The location as printed (``projects[3].grant.amount``, ``row 6 (code '1.1')``)."""
        return self.where if self.where is not None else format_loc(self.loc)

    @property
    def message(self) -> str:
        """The message: an alias of ``msg``."""
        return self.msg

    def __str__(self) -> str:
        path = self.path
        return printable(f"{path}: {self.msg}" if path else self.msg)


def cell_problem(where: str, row: int, message: str, cells: Mapping[str, object]) -> Problem:
    """The problem of a table row whose message starts with a column: located at the cell.

    A row's check says ``"unit_price: not an amount …"``; the problem is then at
    ``(row, "unit_price")`` with the cell's text as its ``input``, and prints as
    before (``row 6 (code '1.1'): unit_price: not an amount …``).

    Parameters
    ----------
    where : str
        The row as printed (``row 6 (code '1.1')``).
    row : int
        The row number, 1-based, as the file shows it.
    message : str
        What the row's check said.
    cells : mapping of str to object
        The row's cells by column.

    Returns
    -------
    Problem
        At the cell when ``message`` starts with one of ``cells``' columns, else at the row.

    Examples
    --------
    >>> p = cell_problem("row 6 (code '1.1')", 6, "unit_price: not an amount", {"unit_price": "x"})
    >>> p.loc, p.msg, p.input
    ((6, 'unit_price'), 'not an amount', 'x')
    >>> print(p)
    row 6 (code '1.1'): unit_price: not an amount

    See Also
    --------
    Problem : the located problem built.
    """
    column, sep, rest = message.partition(": ")
    if sep and column in cells:
        return Problem((row, column), rest, None, cells[column], f"{where}: {column}")
    return Problem(where, message)


def _position(problem: Problem, data: object) -> tuple[tuple[int, int, str], ...]:
    """The sort key of a problem: rows and indices by number, keys by their place in ``data``."""
    key = []
    node = data
    for part in problem.loc:
        if isinstance(part, int):
            key.append((1, part, ""))
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
        elif part == "header":
            key.append((0, 0, ""))
            node = None
        elif isinstance(node, dict) and part in node:
            key.append((1, list(node).index(part), ""))
            node = node[part]
        else:
            key.append((2, 0, ""))  # not in the document (a missing key): in the order found
            node = None
    return tuple(key)


def in_document_order(problems: Iterable[Problem], data: object = None) -> tuple[Problem, ...]:
    """``problems`` sorted as they appear in the file: line or row, then path.

    Whole-document problems come first, then the header, then rows, lines
    and list indices by number, then keys by their place in ``data`` (the
    parsed JSON document, whose objects keep the file's key order). A key
    ``data`` does not hold (a missing key, or no ``data`` given) comes after
    those it holds, in the order the problems were found: the checks run in
    a fixed order, so the result is the same on every run.

    Parameters
    ----------
    problems : iterable of Problem
        The problems found.
    data : object, optional
        The JSON value the problems are about.

    Returns
    -------
    tuple of Problem
        The same problems, in document order.

    Examples
    --------
    >>> found = [Problem("trim", "bad"), Problem("closes", "bad"), Problem("", "bad")]
    >>> [p.path for p in in_document_order(found)]
    ['', 'trim', 'closes']
    >>> [p.path for p in in_document_order(found, {"closes": 2, "trim": 1})]
    ['', 'closes', 'trim']
    >>> [p.path for p in in_document_order([Problem("row 10.a", "x"), Problem("row 9", "x")])]
    ['row 9', 'row 10.a']

    See Also
    --------
    ValidationError : lists its problems in this order.
    """
    return tuple(sorted(problems, key=lambda p: _position(p, data)))


class ValidationError(CivicGrantsError, ValueError):
    """An entity was given a value it cannot hold.

    ``problems`` lists every located problem found; ``str(error)`` shows them
    one per line. It is also a `ValueError`.

    Parameters
    ----------
    problems : iterable of Problem
        Every located problem found; kept as a tuple in ``problems``.

    Examples
    --------
    >>> error = ValidationError([Problem("closes", "must not be before opens"),
    ...                          Problem("trim", "must be < 0.5, got 0.6")])
    >>> print(error)
    closes: must not be before opens
    trim: must be < 0.5, got 0.6
    >>> len(error.problems), isinstance(error, ValueError)
    (2, True)

    See Also
    --------
    Problem : One located problem: a JSON-style path and a message.
    DocumentError : A document (a file or a JSON value) does not describe a valid object.
    ScheduleError : A methodology or plan that cannot be scheduled.
    """

    def __init__(self, problems: Iterable[Problem], *, data: object = None) -> None:
        self.problems: tuple[Problem, ...] = in_document_order(problems, data)
        super().__init__("\n".join(str(p) for p in self.problems))

    def _file(self) -> Loc:
        return ()

    def errors(self) -> list[dict[str, object]]:
        """Every problem as plain data, shaped like pydantic's ``ValidationError.errors()``.

        Returns
        -------
        list of dict
            One dict per problem, in document order, with ``loc`` (a tuple:
            the file first when known, then the path, row and column), ``msg``,
            ``type`` (the problem's code, one of `CODES`) and ``input``
            (the offending value, ``None`` when there is none). ``json.dumps``
            takes it as it is.

        Examples
        --------
        >>> error = DocumentError("plan.json", [Problem("steps[0].id", "must be a non-empty string",
        ...                                             input="")])
        >>> error.errors()  # doctest: +NORMALIZE_WHITESPACE
        [{'loc': ('plan.json', 'steps', 0, 'id'), 'msg': 'must be a non-empty string',
          'type': 'value.empty', 'input': ''}]
        >>> import json
        >>> json.dumps(ValidationError([Problem("trim", "must be < 0.5, got 0.6")]).errors())
        '[{"loc": ["trim"], "msg": "must be < 0.5, got 0.6", "type": "value.out_of_range", \
"input": null}]'

        See Also
        --------
        Problem : one problem, with its ``loc``, ``msg``, ``code`` and ``input``.
        CODES : what each ``type`` means.
        """
        file = self._file()
        found: list[dict[str, object]] = []
        for problem in self.problems:
            loc = problem.loc
            if file and loc[: len(file)] != file and (not loc or loc[0] != file[0]):
                loc = (*file, *loc)
            found.append(
                {
                    "loc": loc,
                    "msg": problem.msg,
                    "type": problem.code,
                    "input": _jsonable(problem.input),
                }
            )
        return found


def _jsonable(value: object) -> object:
    """``value`` as JSON can hold it: a Decimal or a date as its text, containers element-wise."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return str(value)


class DocumentError(ValidationError):
    """A document (a file or a JSON value) does not describe a valid object.

    ``path`` names the file (or ``"<data>"`` for in-memory values) and
    ``problems`` lists every problem with its JSON path, for example
    ``projects[3].grant.amount: must be >= 0, got "-5.00"``.

    Parameters
    ----------
    path : str
        The file name, or ``"<data>"`` for an in-memory value.
    problems : iterable of Problem
        Every problem found, each with its JSON path.

    Examples
    --------
    >>> error = DocumentError("plan.json", [Problem("steps[0].id", "must be a non-empty string"),
    ...                                     Problem("steps[2]", "unknown step 'x'")])
    >>> print(error)
    plan.json: 2 problems
      steps[0].id: must be a non-empty string
      steps[2]: unknown step 'x'

    See Also
    --------
    DocumentError.one_line : the first problem, for a command line.
    ValidationError : An entity was given a value it cannot hold.
    Problem : One located problem: a JSON-style path and a message.
    """

    def __init__(self, path: str, problems: Iterable[Problem], *, data: object = None) -> None:
        self.path = path
        super().__init__(problems, data=data)

    def _file(self) -> Loc:
        if self.path == "<data>" or not self.path:
            return ()
        line = _FILE_LINE.fullmatch(self.path)
        return (line.group(1), int(line.group(2))) if line else (self.path,)

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{printable(self.path)}: {n} problem{'s' if n != 1 else ''}"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])

    def one_line(self) -> str:
        r"""The first problem on one line, for command-line messages.

        A problem already located in the file (``scores.csv:7: score: …``) is
        not prefixed with the file name a second time.
        The line is `printable()`: a file name or a value holding a newline
        or an escape sequence is escaped, never printed raw.

        Returns
        -------
        str
            ``path: first problem``, followed by ``(and N more)`` when there
            are more; ``invalid document`` stands in when none was recorded.

        Examples
        --------
        >>> error = DocumentError("plan.json", [Problem("steps[0].id", "must be a non-empty string"),
        ...                                     Problem("steps[2]", "unknown step 'x'")])
        >>> error.one_line()
        'plan.json: steps[0].id: must be a non-empty string (and 1 more)'
        >>> DocumentError("scores.csv", [Problem("scores.csv:7: score", "not a number")]).one_line()
        'scores.csv:7: score: not a number'
        >>> print(DocumentError("bad\nname.json", [Problem("", "no such file")]).one_line())
        bad\nname.json: no such file

        See Also
        --------
        DocumentError.__str__ : every problem, one per line.
        """
        more = len(self.problems) - 1
        tail = f" (and {more} more)" if more > 0 else ""
        first = str(self.problems[0]) if self.problems else "invalid document"
        path = printable(self.path)
        if first.startswith(f"{path}:"):
            return f"{first}{tail}"
        return f"{path}: {first}{tail}"


class CurrencyMismatch(CivicGrantsError, ValueError):
    """Two amounts in different currencies were combined.

    It is also a `ValueError`; the message says to convert explicitly.

    Parameters
    ----------
    left : str
        The currency code of the left operand (kept as ``left``).
    right : str
        The currency code of the right operand (kept as ``right``).
    operation : str, optional
        The verb for the message (``"add"``, ``"compare"`` …); ``"combine"`` by default.

    Examples
    --------
    >>> print(CurrencyMismatch("EUR", "KZT", "add"))
    cannot add EUR and KZT: amounts must share one currency (convert explicitly first)

    See Also
    --------
    civicgrants.model.money.Money : amounts of one currency.
    """

    def __init__(self, left: str, right: str, operation: str = "combine") -> None:
        self.left = left
        self.right = right
        super().__init__(
            f"cannot {operation} {left} and {right}: amounts must share one currency "
            "(convert explicitly first)"
        )


class ParseError(CivicGrantsError, ValueError):
    """Text could not be read as what was asked for; the message quotes it.

    It is also a `ValueError`.

    Parameters
    ----------
    text : str
        The text that could not be read (kept as ``text``).
    reason : str
        Why it could not be read (kept as ``reason``).

    Examples
    --------
    >>> print(ParseError("2 - 2,5", "two currencies: EUR, KZT"))
    cannot parse '2 - 2,5': two currencies: EUR, KZT

    See Also
    --------
    civicgrants.model.money.Money.parse : reads printed amounts.
    civicgrants.model.numbers.read_number : reads printed digits.
    """

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        shown = repr(text) if len(text) <= 60 else f"{text[:40]!r}… ({len(text)} characters)"
        super().__init__(f"cannot parse {shown}: {reason}")


class LifecycleError(CivicGrantsError, ValueError):
    """An illegal state transition; the message names the allowed ones.

    It is also a `ValueError`.

    Parameters
    ----------
    entity : str
        What is changing state, as shown to people (``"project P-1"``).
    current : str
        The current status value.
    wanted : str
        The status value asked for.
    allowed : sequence of str
        The status values reachable from ``current`` (kept as a tuple in
        ``allowed``); empty for a final state.
    why : str or None, optional
        Why the transition is refused when ``wanted`` is allowed in principle.

    Examples
    --------
    >>> print(LifecycleError("project P-1", "closed", "opened", []))
    project P-1 cannot go from 'closed' to 'opened'; allowed from 'closed': none (final state)

    See Also
    --------
    civicgrants.model.lifecycle.check_transition : raises it.
    civicgrants.model.lifecycle.ApplicationStatus : the statuses of an application.
    civicgrants.model.lifecycle.ProjectStatus : the statuses of a project.
    """

    def __init__(
        self, entity: str, current: str, wanted: str, allowed: Sequence[str], why: str | None = None
    ) -> None:
        self.entity = entity
        self.current = current
        self.wanted = wanted
        self.allowed = tuple(allowed)
        options = ", ".join(self.allowed) if self.allowed else "none (final state)"
        because = f" ({why})" if why else ""
        super().__init__(
            f"{entity} cannot go from {current!r} to {wanted!r}{because}; "
            f"allowed from {current!r}: {options}"
        )


class ScheduleError(ValidationError):
    """A methodology or plan that cannot be scheduled; each problem names the steps involved.

    Takes the same ``problems`` as `ValidationError`, of which it is a kind.

    Parameters
    ----------
    problems : iterable of Problem
        Every scheduling problem found, each naming the steps involved.

    Examples
    --------
    >>> print(ScheduleError([Problem("steps[1].after", "cycle: survey -> design -> survey")]))
    steps[1].after: cycle: survey -> design -> survey

    See Also
    --------
    ValidationError : An entity was given a value it cannot hold.
    Problem : One located problem: a JSON-style path and a message.
    """


class MissingExtra(CivicGrantsError, ImportError):
    """An optional feature needs a package that is not installed; the message says which extra.

    It is also an `ImportError`.

    Parameters
    ----------
    feature : str
        The feature that was asked for, as the message names it.
    extra : str
        The extra that installs what it needs (kept as ``extra``).

    Examples
    --------
    >>> print(MissingExtra("drawing a Gantt chart", "plot"))
    drawing a Gantt chart needs the 'plot' extra: pip install 'civicgrants[plot]'
    >>> isinstance(MissingExtra("drawing a Gantt chart", "plot"), ImportError)
    True

    See Also
    --------
    CivicGrantsError : the base of every error the library raises.
    """

    def __init__(self, feature: str, extra: str) -> None:
        self.extra = extra
        super().__init__(f"{feature} needs the {extra!r} extra: pip install 'civicgrants[{extra}]'")


class TieRefused(CivicGrantsError, ValueError):
    """A rule met a tie while told to refuse ties (``tie_break="refuse"``); the message names them.

    It is also a `ValueError`.

    Parameters
    ----------
    rule : str
        The rule that met the tie (``"mes"``, ``"greedy"``, ...).
    projects : sequence of str
        The tied project ids (kept as a tuple in ``projects``).
    where : str
        When the tie came (``"round 2"``).

    Examples
    --------
    >>> print(TieRefused("mes", ["b", "a"], "round 1"))
    mes: a tie between a, b in round 1, and tie_break='refuse' does not break ties
    >>> TieRefused("mes", ["b", "a"], "round 1").projects
    ('a', 'b')
    >>> print(TieRefused("max_welfare", ["a"], "the choice between 2 optimal sets"))
    max_welfare: a tie over a (with or without it) in the choice between 2 optimal sets, and tie_break='refuse' does not break ties

    See Also
    --------
    civicgrants.pb.ties.refuse_tie : raises it.
    """

    def __init__(self, rule: str, projects: Sequence[str], where: str) -> None:
        self.rule = rule
        self.projects = tuple(sorted(projects))
        self.where = where
        if len(self.projects) == 1:
            what = f"over {self.projects[0]} (with or without it)"
        else:
            what = f"between {', '.join(self.projects)}"
        super().__init__(
            f"{rule}: a tie {what} in {where}, and tie_break='refuse' does not break ties"
        )
