"""Findings: what checks and audits return instead of raising."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from civicgrants.model.display import shows

__all__ = ["Finding", "Severity"]


class Severity(enum.Enum):
    """How serious a finding is.

    Examples
    --------
    >>> Severity("warning")
    <Severity.WARNING: 'warning'>
    >>> [s.value for s in Severity]
    ['error', 'warning', 'info']

    See Also
    --------
    Finding : One problem found by a check: a stable code, where, the numbers, and why.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def _freeze(numbers: Mapping[str, Any]) -> Mapping[str, Any]:
    return dict(numbers)


@shows
@attrs.frozen
class Finding:
    """One problem found by a check: a stable code, where, the numbers, and why.

    Findings compare equal when every field matches, ``numbers`` included
    (decimals compared by their printed value); ``str(finding)`` is the English
    one-line form.

    Parameters
    ----------
    code : str
        A stable code, such as ``"group-too-small"``.
    severity : Severity
        How serious it is.
    location : str
        Where it was found (``"groups[0]"``, ``"group g1"``).
    numbers : mapping of str to object
        The numbers behind it, kept as a new ``dict``.
    message_ru : str
        The message in Russian.
    message_en : str
        The message in English.

    Examples
    --------
    >>> f = Finding("group-too-small", Severity.WARNING, "groups[0]", {"size": 1, "minimum": 3},
    ...             "Группа меньше минимума", "group is smaller than the minimum")
    >>> str(f)
    'warning group-too-small at groups[0]: group is smaller than the minimum (size=1, minimum=3)'

    See Also
    --------
    civicgrants.model.people.check_group : returns findings.
    civicgrants.errors.ValidationError : what is raised instead for invalid values.
    """

    code: str
    severity: Severity
    location: str
    numbers: Mapping[str, Any] = attrs.field(converter=_freeze, eq=False)
    message_ru: str
    message_en: str

    def __str__(self) -> str:
        nums = ", ".join(f"{k}={v}" for k, v in self.numbers.items())
        tail = f" ({nums})" if nums else ""
        return f"{self.severity.value} {self.code} at {self.location}: {self.message_en}{tail}"

    def _key(self) -> tuple[Any, ...]:
        return (
            self.code,
            self.severity,
            self.location,
            tuple(
                sorted(
                    (k, str(v) if isinstance(v, Decimal) else repr(v))
                    for k, v in self.numbers.items()
                )
            ),
            self.message_ru,
            self.message_en,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Finding) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())
