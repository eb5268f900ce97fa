"""One exception hierarchy for the whole library.

Every error the library raises on purpose is a :class:`CivicGrantsError`, so a
caller can catch them all at once. Audits and policy checks do **not** raise:
they return findings, because a document with ten problems should show all ten.

Examples
--------
>>> from civicgrants.errors import CivicGrantsError, CurrencyMismatch
>>> issubclass(CurrencyMismatch, CivicGrantsError)
True
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "CivicGrantsError",
    "CurrencyMismatch",
    "DocumentError",
    "LifecycleError",
    "MissingExtra",
    "ParseError",
    "Problem",
    "ScheduleError",
    "ValidationError",
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
    :class:`Problem`, :meth:`DocumentError.one_line`) and every error line the
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


@attrs.frozen
class Problem:
    r"""One located problem: a JSON-style path and a message.

    Parameters
    ----------
    path : str
        Where the problem is, as a JSON-style path (``projects[3].grant.amount``);
        empty when the problem concerns the whole value.
    message : str
        What is wrong, saying what was expected and what came.

    Examples
    --------
    >>> str(Problem("projects[3].grant.amount", 'must be >= 0, got "-5.00"'))
    'projects[3].grant.amount: must be >= 0, got "-5.00"'
    >>> str(Problem("", "the weights must not all be 0"))
    'the weights must not all be 0'
    >>> print(Problem("names.en", "got 'Kuryk\x1b[2J\nfunded'"))
    names.en: got 'Kuryk\x1b[2J\nfunded'

    Its text is :func:`printable`: control characters in echoed values are
    escaped, so one problem is one line and a value cannot drive the terminal.

    See Also
    --------
    ValidationError : carries every problem found.
    DocumentError : problems of one file or JSON value.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return printable(f"{self.path}: {self.message}" if self.path else self.message)


class ValidationError(CivicGrantsError, ValueError):
    """An entity was given a value it cannot hold.

    ``problems`` lists every located problem found; ``str(error)`` shows them
    one per line. It is also a :class:`ValueError`.

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

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


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

    def __init__(self, path: str, problems: Iterable[Problem]) -> None:
        self.path = path
        super().__init__(problems)

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{printable(self.path)}: {n} problem{'s' if n != 1 else ''}"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])

    def one_line(self) -> str:
        r"""The first problem on one line, for command-line messages.

        A problem already located in the file (``scores.csv:7: score: …``) is
        not prefixed with the file name a second time.
        The line is :func:`printable`: a file name or a value holding a newline
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

    It is also a :class:`ValueError`; the message says to convert explicitly.

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

    It is also a :class:`ValueError`.

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

    It is also a :class:`ValueError`.

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

    Takes the same ``problems`` as :class:`ValidationError`, of which it is a kind.

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

    It is also an :class:`ImportError`.

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
