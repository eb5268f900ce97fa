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
    """draft → submitted → under review → funded | rejected | withdrawn.

    An application may be withdrawn from ``draft``, ``submitted`` and
    ``under_review``; ``funded``, ``rejected`` and ``withdrawn`` are final.

    Examples
    --------
    >>> [s.value for s in ApplicationStatus.SUBMITTED.allowed()]
    ['under_review', 'withdrawn']

    See Also
    --------
    civicgrants.model.application.Application.transition : changes an application's status.
    ProjectStatus : contracted → procurement → implementation → opened → closed.
    """

    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    FUNDED = "funded"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    def allowed(self) -> tuple[ApplicationStatus, ...]:
        """The statuses this one may move to.

        Returns
        -------
        tuple of ApplicationStatus
            The next statuses, in lifecycle order; empty for a final status.

        Examples
        --------
        >>> [s.value for s in ApplicationStatus.UNDER_REVIEW.allowed()]
        ['funded', 'rejected', 'withdrawn']

        See Also
        --------
        check_transition : Raise unless ``current → wanted`` is legal.
        """
        return _APPLICATION[self]


class ProjectStatus(enum.Enum):
    """contracted → procurement → implementation → opened → closed.

    ``opened`` needs the akim's confirmation of the balance takeover.

    Examples
    --------
    >>> [s.value for s in ProjectStatus]
    ['contracted', 'procurement', 'implementation', 'opened', 'closed']

    See Also
    --------
    civicgrants.model.application.Project.transition : A new project in status ``to``.
    ApplicationStatus : draft → submitted → under review → funded | rejected | withdrawn.
    """

    CONTRACTED = "contracted"
    PROCUREMENT = "procurement"
    IMPLEMENTATION = "implementation"
    OPENED = "opened"
    CLOSED = "closed"

    def allowed(self) -> tuple[ProjectStatus, ...]:
        """The statuses this one may move to.

        Returns
        -------
        tuple of ProjectStatus
            The next status, or an empty tuple for ``closed``.

        Examples
        --------
        >>> ProjectStatus.IMPLEMENTATION.allowed()
        (<ProjectStatus.OPENED: 'opened'>,)

        See Also
        --------
        check_transition : Raise unless ``current → wanted`` is legal.
        """
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
    """Raise :class:`~civicgrants.errors.LifecycleError` unless ``current → wanted`` is legal.

    Parameters
    ----------
    entity : str
        What is changing state, as the message names it (``"project P-1"``).
    current : ApplicationStatus or ProjectStatus
        The current status.
    wanted : ApplicationStatus or ProjectStatus
        The status asked for.

    Raises
    ------
    LifecycleError
        ``wanted`` is not in ``current.allowed()``; the message lists the allowed ones.

    Examples
    --------
    >>> check_transition("application A-1", ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED)
    >>> check_transition("application A-1", ApplicationStatus.FUNDED, ApplicationStatus.DRAFT)
    Traceback (most recent call last):
    ...
    civicgrants.errors.LifecycleError: application A-1 cannot go from 'funded' to 'draft'; allowed from 'funded': none (final state)

    See Also
    --------
    ApplicationStatus.allowed : the statuses an application may move to.
    ProjectStatus.allowed : the statuses a project may move to.
    """
    allowed = current.allowed()
    if wanted not in allowed:
        raise LifecycleError(entity, current.value, wanted.value, [s.value for s in allowed])


@attrs.frozen
class Transition:
    """One recorded status change: from, to, when, and why.

    Parameters
    ----------
    from_status : str
        The status value before the change.
    to_status : str
        The status value after it.
    on : datetime.date or None, optional
        When it happened.
    reason : str or None, optional
        Why it happened.

    Examples
    --------
    >>> print(Transition("draft", "submitted", dt.date(2020, 2, 1)).on)
    2020-02-01

    See Also
    --------
    civicgrants.model.application.Application.transition : changes an application's status.
    """

    from_status: str = text()
    to_status: str = text()
    on: dt.date | None = date(optional=True)
    reason: str | None = text(optional=True)
