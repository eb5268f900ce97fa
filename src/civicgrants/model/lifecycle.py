"""Lifecycles of applications and projects, as data.

Examples
--------
>>> ApplicationStatus.DRAFT.allowed()
(<ApplicationStatus.SUBMITTED: 'submitted'>, <ApplicationStatus.WITHDRAWN: 'withdrawn'>)
>>> ProjectStatus.CLOSED.allowed()
()
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from civicgrants.errors import LifecycleError
from civicgrants.model.fields import date, text

__all__ = ["ApplicationStatus", "ProjectStatus", "Transition", "check_transition"]


class ApplicationStatus(enum.Enum):
    """draft → submitted → under review → funded | rejected | withdrawn."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    FUNDED = "funded"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    def allowed(self) -> tuple[ApplicationStatus, ...]:
        """The statuses this one may move to."""
        return _APPLICATION[self]


class ProjectStatus(enum.Enum):
    """contracted → procurement → implementation → opened → closed.

    ``opened`` needs the akim's confirmation of the balance takeover.
    """

    CONTRACTED = "contracted"
    PROCUREMENT = "procurement"
    IMPLEMENTATION = "implementation"
    OPENED = "opened"
    CLOSED = "closed"

    def allowed(self) -> tuple[ProjectStatus, ...]:
        """The statuses this one may move to."""
        return _PROJECT[self]


_A = ApplicationStatus
_APPLICATION: dict[ApplicationStatus, tuple[ApplicationStatus, ...]] = {
    _A.DRAFT: (_A.SUBMITTED, _A.WITHDRAWN),
    _A.SUBMITTED: (_A.UNDER_REVIEW, _A.WITHDRAWN),
    _A.UNDER_REVIEW: (_A.FUNDED, _A.REJECTED, _A.WITHDRAWN),
    _A.FUNDED: (),
    _A.REJECTED: (),
    _A.WITHDRAWN: (),
}
_P = ProjectStatus
_PROJECT: dict[ProjectStatus, tuple[ProjectStatus, ...]] = {
    _P.CONTRACTED: (_P.PROCUREMENT,),
    _P.PROCUREMENT: (_P.IMPLEMENTATION,),
    _P.IMPLEMENTATION: (_P.OPENED,),
    _P.OPENED: (_P.CLOSED,),
    _P.CLOSED: (),
}


def check_transition(
    entity: str,
    current: ApplicationStatus | ProjectStatus,
    wanted: ApplicationStatus | ProjectStatus,
) -> None:
    """Raise :class:`~civicgrants.errors.LifecycleError` unless ``current → wanted`` is legal."""
    allowed = current.allowed()
    if wanted not in allowed:
        raise LifecycleError(entity, current.value, wanted.value, [s.value for s in allowed])


@attrs.frozen
class Transition:
    """One recorded status change: from, to, when, and why."""

    from_status: str = text()
    to_status: str = text()
    on: dt.date | None = date(optional=True)
    reason: str | None = text(optional=True)
