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
]


class CivicGrantsError(Exception):
    """Base class of every error raised by civicgrants."""


@attrs.frozen
class Problem:
    """One located problem: a JSON-style path and a message.

    Examples
    --------
    >>> str(Problem("projects[3].grant.amount", 'must be >= 0, got "-5.00"'))
    'projects[3].grant.amount: must be >= 0, got "-5.00"'
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ValidationError(CivicGrantsError, ValueError):
    """An entity was given a value it cannot hold.

    ``problems`` lists every located problem found; ``str(error)`` shows them
    one per line.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class DocumentError(ValidationError):
    """A document (a file or a JSON value) does not describe a valid object.

    ``path`` names the file (or ``"<data>"`` for in-memory values) and
    ``problems`` lists every problem with its JSON path, for example
    ``projects[3].grant.amount: must be >= 0, got "-5.00"``.
    """

    def __init__(self, path: str, problems: Iterable[Problem]) -> None:
        self.path = path
        super().__init__(problems)

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{self.path}: {n} problem{'s' if n != 1 else ''}"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])

    def one_line(self) -> str:
        """The first problem on one line, for command-line messages.

        A problem already located in the file (``scores.csv:7: score: …``) is
        not prefixed with the file name a second time.
        """
        more = len(self.problems) - 1
        tail = f" (and {more} more)" if more > 0 else ""
        first = str(self.problems[0]) if self.problems else "invalid document"
        if first.startswith(f"{self.path}:"):
            return f"{first}{tail}"
        return f"{self.path}: {first}{tail}"


class CurrencyMismatch(CivicGrantsError, ValueError):
    """Two amounts in different currencies were combined."""

    def __init__(self, left: str, right: str, operation: str = "combine") -> None:
        self.left = left
        self.right = right
        super().__init__(
            f"cannot {operation} {left} and {right}: amounts must share one currency "
            "(convert explicitly first)"
        )


class ParseError(CivicGrantsError, ValueError):
    """Text could not be read as what was asked for; the message quotes it."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"cannot parse {text!r}: {reason}")


class LifecycleError(CivicGrantsError, ValueError):
    """An illegal state transition; the message names the allowed ones."""

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
    """A methodology or plan that cannot be scheduled; each problem names the steps involved."""


class MissingExtra(CivicGrantsError, ImportError):
    """An optional feature needs a package that is not installed; the message says which extra."""

    def __init__(self, feature: str, extra: str) -> None:
        self.extra = extra
        super().__init__(f"{feature} needs the {extra!r} extra: pip install 'civicgrants[{extra}]'")
