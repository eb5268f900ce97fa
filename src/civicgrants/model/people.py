"""People and initiative groups. Contact fields are personal data."""

from __future__ import annotations

import enum

import attrs

from civicgrants.model.fields import entity, ident, many, optional_ident, text
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.names import Names

__all__ = ["DEFAULT_MIN_GROUP_SIZE", "InitiativeGroup", "Person", "Role", "check_group"]

DEFAULT_MIN_GROUP_SIZE = 3
"""A leader and at least two members. The brochure wants "a team, not a lone
leader" but prints no number, so this is a documented default."""


class Role(enum.Enum):
    """What a person does in a programme."""

    LEADER = "leader"
    MEMBER = "member"
    LOCAL_COORDINATOR = "local_coordinator"
    TRAINER = "trainer"
    PROGRAMME_MANAGER = "programme_manager"
    GRANT_MANAGER = "grant_manager"
    AKIM = "akim"
    COMMISSION_MEMBER = "commission_member"
    ACCOUNTANT = "accountant"
    OTHER = "other"


@attrs.frozen
class Person:
    """A person. ``name``, ``phone`` and ``email`` are personal data.

    Fields marked personal are dropped by :func:`civicgrants.model.redact`
    and by every export unless the caller explicitly keeps them.
    """

    id: str = ident()
    roles: tuple[Role, ...] = many(Role)
    name: str | None = text(optional=True, personal=True)
    phone: str | None = text(optional=True, personal=True)
    email: str | None = text(optional=True, personal=True)
    organisation: str | None = optional_ident()
    occupation: str | None = text(optional=True)


@attrs.frozen
class InitiativeGroup:
    """An initiative group («инициативная группа», «бастамашыл топ»): a leader and members."""

    id: str = ident()
    locality: str = ident()
    leader: Person = entity(Person)
    members: tuple[Person, ...] = many(Person, unique=True)
    names: Names | None = entity(Names, optional=True)

    def __attrs_post_init__(self) -> None:
        for i, member in enumerate(self.members):
            if member.id == self.leader.id:
                raise ValueError(
                    f"members[{i}]: the leader {member.id!r} is listed as a member too"
                )

    @property
    def size(self) -> int:
        """The leader plus the members."""
        return 1 + len(self.members)


def check_group(
    group: InitiativeGroup, minimum: int = DEFAULT_MIN_GROUP_SIZE, location: str | None = None
) -> tuple[Finding, ...]:
    """Findings for a group below the programme's minimum size (a finding, not an error).

    Examples
    --------
    >>> lone = InitiativeGroup("g1", "kuryk", Person("p1", (Role.LEADER,)))
    >>> [f.code for f in check_group(lone)]
    ['group-too-small']
    """
    if group.size >= minimum:
        return ()
    return (
        Finding(
            code="group-too-small",
            severity=Severity.WARNING,
            location=location or f"group {group.id}",
            numbers={"size": group.size, "minimum": minimum},
            message_ru=(
                f"В инициативной группе {group.size} чел., меньше минимума {minimum}: "
                "методология требует команду, а не одного лидера"
            ),
            message_en=(
                f"the initiative group has {group.size} people, below the minimum of {minimum}: "
                "the methodology wants a team, not a lone leader"
            ),
        ),
    )
