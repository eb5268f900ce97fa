"""Lifecycles of applications, projects, balance takeovers and duties, as data.

Examples
--------
>>> ApplicationStatus.DRAFT.allowed()
(<ApplicationStatus.SUBMITTED: 'submitted'>, <ApplicationStatus.WITHDRAWN: 'withdrawn'>)
>>> ProjectStatus.CLOSED.allowed()
()
>>> [s.value for s in path(ProjectStatus.CONTRACTED, ProjectStatus.OPENED)]
['contracted', 'procurement', 'implementation', 'opened']
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import deque
from typing import TypeVar

import attrs

from civicgrants.errors import LifecycleError
from civicgrants.model.display import shows
from civicgrants.model.fields import date, text

__all__ = [
    "ApplicationStatus",
    "DutyStatus",
    "ProjectStatus",
    "TakeoverStatus",
    "Transition",
    "check_history",
    "check_transition",
    "path",
]


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
    ProjectStatus : contracted → procurement → implementation → (completed →) opened → closed.
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
    """contracted → procurement → implementation → (completed →) opened → closed.

    ``opened`` (and so ``closed``) needs the confirmed balance takeover: the akim
    confirms at the opening that the akimat takes the object onto its balance
    (brochure, step 6). ``completed`` is a project whose works are finished, and
    whose object may already be in use, but whose takeover nobody has confirmed
    yet; it moves to ``opened`` once the takeover is confirmed, and cannot close
    before that.

    Examples
    --------
    >>> [s.value for s in ProjectStatus]
    ['contracted', 'procurement', 'implementation', 'completed', 'opened', 'closed']
    >>> [s.value for s in ProjectStatus if s.needs_confirmed_takeover()]
    ['opened', 'closed']

    See Also
    --------
    civicgrants.model.application.Project.transition : A new project in status ``to``.
    ApplicationStatus : draft → submitted → under review → funded | rejected | withdrawn.
    TakeoverStatus : unknown → promised → confirmed, the takeover ``opened`` needs.
    """

    CONTRACTED = "contracted"
    PROCUREMENT = "procurement"
    IMPLEMENTATION = "implementation"
    COMPLETED = "completed"
    OPENED = "opened"
    CLOSED = "closed"

    def allowed(self) -> tuple[ProjectStatus, ...]:
        """The statuses this one may move to.

        Returns
        -------
        tuple of ProjectStatus
            The next statuses, in lifecycle order, or an empty tuple for ``closed``.

        Examples
        --------
        >>> [s.value for s in ProjectStatus.IMPLEMENTATION.allowed()]
        ['completed', 'opened']
        >>> ProjectStatus.COMPLETED.allowed()
        (<ProjectStatus.OPENED: 'opened'>,)

        See Also
        --------
        check_transition : Raise unless ``current → wanted`` is legal.
        path : the shortest chain of legal transitions between two statuses.
        """
        return _PROJECT[self]

    def needs_confirmed_takeover(self) -> bool:
        """Whether a project in this status must hold a confirmed balance takeover.

        Returns
        -------
        bool
            ``True`` for ``opened`` and ``closed`` (a project closes only after
            it opened), ``False`` otherwise.

        Examples
        --------
        >>> ProjectStatus.OPENED.needs_confirmed_takeover()
        True
        >>> ProjectStatus.COMPLETED.needs_confirmed_takeover()
        False

        See Also
        --------
        civicgrants.model.application.Project : refuses such a status without one.
        TakeoverStatus.CONFIRMED : what "confirmed" means.
        """
        return self in (ProjectStatus.OPENED, ProjectStatus.CLOSED)


class TakeoverStatus(enum.Enum):
    """unknown → promised → confirmed: how far a balance takeover is attested.

    ``unknown``: the source names who keeps the object, or nobody, but not
    whether it takes the object onto its balance. ``promised``: the holder
    committed to take it (in the memorandum, or agreed with the group).
    ``confirmed``: the holder accepted the object; the akim's confirmation at the
    opening, or a source stating that the object was taken onto the balance.
    ``confirmed`` is final.

    Examples
    --------
    >>> [s.value for s in TakeoverStatus.UNKNOWN.allowed()]
    ['promised', 'confirmed']
    >>> TakeoverStatus.CONFIRMED.allowed()
    ()

    See Also
    --------
    civicgrants.model.application.BalanceTakeover : the takeover that has this status.
    ProjectStatus.needs_confirmed_takeover : the statuses that need ``confirmed``.
    """

    UNKNOWN = "unknown"
    PROMISED = "promised"
    CONFIRMED = "confirmed"

    def allowed(self) -> tuple[TakeoverStatus, ...]:
        """The statuses this one may move to.

        Returns
        -------
        tuple of TakeoverStatus
            The next statuses, in lifecycle order; empty for ``confirmed``.

        Examples
        --------
        >>> TakeoverStatus.PROMISED.allowed()
        (<TakeoverStatus.CONFIRMED: 'confirmed'>,)

        See Also
        --------
        check_transition : Raise unless ``current → wanted`` is legal.
        """
        return _TAKEOVER[self]


class DutyStatus(enum.Enum):
    """promised → confirmed → reported done, and lapsed from any of them: a duty's follow-up.

    ``promised``: the holder undertook the duty («обязался», «взял на себя»)
    and nothing more is reported. ``confirmed``: the holder took it on, or
    confirmed it, once the object was finished. ``reported_done``: a source
    reports the duty being carried out. ``lapsed``: a source reports that it is
    no longer carried out; ``lapsed`` is final.

    Examples
    --------
    >>> [s.value for s in DutyStatus.PROMISED.allowed()]
    ['confirmed', 'reported_done', 'lapsed']
    >>> DutyStatus.LAPSED.allowed()
    ()

    See Also
    --------
    civicgrants.model.memorandum.ExtraDuty : the duty that has this status.
    TakeoverStatus : the follow-up of a balance takeover.
    """

    PROMISED = "promised"
    CONFIRMED = "confirmed"
    REPORTED_DONE = "reported_done"
    LAPSED = "lapsed"

    def allowed(self) -> tuple[DutyStatus, ...]:
        """The statuses this one may move to.

        Returns
        -------
        tuple of DutyStatus
            The next statuses, in lifecycle order; empty for ``lapsed``.

        Examples
        --------
        >>> [s.value for s in DutyStatus.REPORTED_DONE.allowed()]
        ['lapsed']

        See Also
        --------
        check_transition : Raise unless ``current → wanted`` is legal.
        """
        return _DUTY[self]


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
    _P.IMPLEMENTATION: (_P.COMPLETED, _P.OPENED),
    _P.COMPLETED: (_P.OPENED,),
    _P.OPENED: (_P.CLOSED,),
    _P.CLOSED: (),
}
_T = TakeoverStatus
_TAKEOVER: dict[TakeoverStatus, tuple[TakeoverStatus, ...]] = {
    _T.UNKNOWN: (_T.PROMISED, _T.CONFIRMED),
    _T.PROMISED: (_T.CONFIRMED,),
    _T.CONFIRMED: (),
}
_D = DutyStatus
_DUTY: dict[DutyStatus, tuple[DutyStatus, ...]] = {
    _D.PROMISED: (_D.CONFIRMED, _D.REPORTED_DONE, _D.LAPSED),
    _D.CONFIRMED: (_D.REPORTED_DONE, _D.LAPSED),
    _D.REPORTED_DONE: (_D.LAPSED,),
    _D.LAPSED: (),
}

Status = ApplicationStatus | ProjectStatus | TakeoverStatus | DutyStatus
"""Any of the lifecycles' statuses."""
_S = TypeVar("_S", ApplicationStatus, ProjectStatus, TakeoverStatus, DutyStatus)


def check_transition(entity: str, current: Status, wanted: Status) -> None:
    """Raise `LifecycleError` unless ``current → wanted`` is legal.

    Parameters
    ----------
    entity : str
        What is changing state, as the message names it (``"project P-1"``).
    current : ApplicationStatus, ProjectStatus, TakeoverStatus or DutyStatus
        The current status.
    wanted : ApplicationStatus, ProjectStatus, TakeoverStatus or DutyStatus
        The status asked for, of the same kind.

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
    path : the shortest chain of legal transitions between two statuses.
    """
    allowed: tuple[Status, ...] = current.allowed()
    if wanted not in allowed:
        raise LifecycleError(entity, current.value, wanted.value, [s.value for s in allowed])


def path(start: _S, goal: _S) -> tuple[_S, ...] | None:
    """The shortest chain of legal transitions from ``start`` to ``goal``, both included.

    Parameters
    ----------
    start : ApplicationStatus, ProjectStatus, TakeoverStatus or DutyStatus
        Where the chain begins (for a project, usually ``contracted``).
    goal : the same kind of status
        Where it should end.

    Returns
    -------
    tuple of statuses or None
        ``(start, …, goal)``, each step allowed from the one before; ``(start,)``
        when ``goal`` is ``start``; ``None`` when ``goal`` cannot be reached.

    Examples
    --------
    >>> [s.value for s in path(ProjectStatus.CONTRACTED, ProjectStatus.COMPLETED)]
    ['contracted', 'procurement', 'implementation', 'completed']
    >>> path(ProjectStatus.OPENED, ProjectStatus.COMPLETED) is None
    True
    >>> [s.value for s in path(DutyStatus.PROMISED, DutyStatus.LAPSED)]
    ['promised', 'lapsed']

    See Also
    --------
    check_transition : Raise unless one step ``current → wanted`` is legal.
    ProjectStatus.allowed : the steps a project may take.
    """
    came_from: dict[_S, _S | None] = {start: None}
    queue: deque[_S] = deque([start])
    while queue:
        status = queue.popleft()
        if status is goal:
            chain = [status]
            while (before := came_from[chain[-1]]) is not None:
                chain.append(before)
            return tuple(reversed(chain))
        for nxt in status.allowed():
            if nxt not in came_from:
                came_from[nxt] = status
                queue.append(nxt)
    return None


@shows
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


def check_history(kind: type[_S], history: tuple[Transition, ...], status: _S) -> None:
    """Raise unless ``history`` is a legal chain of transitions that ends at ``status``.

    Every step must name statuses of ``kind``, be allowed from the status before
    it (`ApplicationStatus.allowed()` …), start where the step before ended,
    and not be dated before it; the last step must end at ``status``. An empty
    history is legal: the record may begin at any status.

    Parameters
    ----------
    kind : type
        `ApplicationStatus`, `ProjectStatus`, `TakeoverStatus`
        or `DutyStatus`.
    history : tuple of Transition
        The recorded changes, oldest first.
    status : the same kind of status
        The status the history must end at.

    Raises
    ------
    ValueError
        The first step that is not legal, located as ``history[i]`` (or
        ``status`` when the chain ends elsewhere), naming what is allowed.

    Examples
    --------
    >>> steps = (Transition("draft", "submitted"), Transition("submitted", "under_review"))
    >>> check_history(ApplicationStatus, steps, ApplicationStatus.UNDER_REVIEW)
    >>> check_history(ApplicationStatus, (Transition("draft", "funded"),), ApplicationStatus.FUNDED)
    Traceback (most recent call last):
    ...
    ValueError: history[0]: cannot go from 'draft' to 'funded'; allowed from 'draft': submitted, withdrawn
    >>> check_history(ApplicationStatus, steps, ApplicationStatus.FUNDED)
    Traceback (most recent call last):
    ...
    ValueError: status: 'funded', but the history ends at 'under_review'

    See Also
    --------
    check_transition : one step.
    civicgrants.model.application.Application.history : a history this checks.
    """
    values = {s.value: s for s in kind}
    before: _S | None = None
    last_date: dt.date | None = None
    for i, step in enumerate(history):
        where = f"history[{i}]"
        for name in ("from_status", "to_status"):
            value = getattr(step, name)
            if value not in values:
                raise ValueError(
                    f"{where}.{name}: {value!r} is not a status; expected one of "
                    f"{', '.join(values)}"
                )
        start, end = values[step.from_status], values[step.to_status]
        if before is not None and start is not before:
            raise ValueError(
                f"{where}.from_status: {start.value!r}, but the step before ended at "
                f"{before.value!r}"
            )
        if end not in start.allowed():
            options = ", ".join(s.value for s in start.allowed()) or "none (final state)"
            raise ValueError(
                f"{where}: cannot go from {start.value!r} to {end.value!r}; allowed from "
                f"{start.value!r}: {options}"
            )
        if step.on is not None:
            if last_date is not None and step.on < last_date:
                raise ValueError(f"{where}.on: {step.on}, before the step before ({last_date})")
            last_date = step.on
        before = end
    if before is not None and before is not status:
        raise ValueError(f"status: {status.value!r}, but the history ends at {before.value!r}")
