"""People and initiative groups. Contact fields are personal data."""

from __future__ import annotations

import enum

import attrs

from civicgrants.model.display import shows
from civicgrants.model.fields import entity, ident, many, optional_ident, text
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.names import Names

__all__ = ["DEFAULT_MIN_GROUP_SIZE", "InitiativeGroup", "Person", "Role", "check_group"]

DEFAULT_MIN_GROUP_SIZE = 3
"""A leader and at least two members. The brochure wants "a team, not a lone
leader" but prints no number, so this is a documented default."""


class Role(enum.Enum):
    """What a person does in a programme.

    Examples
    --------
    >>> Role("leader")
    <Role.LEADER: 'leader'>
    >>> Role.LOCAL_COORDINATOR.value
    'local_coordinator'

    See Also
    --------
    Person : A person. ``name``, ``phone`` and ``email`` are personal data.
    """

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


@shows
@attrs.frozen
class Person:
    """A person. ``name``, ``phone`` and ``email`` are personal data.

    Fields marked personal are dropped by `civicgrants.model.redact()`
    and by every export unless the caller explicitly keeps them.

    Parameters
    ----------
    id : str
        A stable id; it carries no personal data.
    roles : sequence of Role, optional
        What the person does.
    name : str or None, optional
        The person's name (personal data).
    phone : str or None, optional
        A phone number (personal data).
    email : str or None, optional
        An e-mail address (personal data).
    organisation : str or None, optional
        The id of the person's organisation.
    occupation : str or None, optional
        What the person does for a living.

    Examples
    --------
    >>> from civicgrants.model.personal import redact
    >>> p = Person("p1", [Role.LEADER], name="A. Leader", occupation="teacher")
    >>> redact(p)
    Person(id='p1', roles=(<Role.LEADER: 'leader'>,), name=None, phone=None, email=None, organisation=None, occupation='teacher')

    See Also
    --------
    InitiativeGroup : An initiative group: a leader and members.
    civicgrants.model.personal.personal_fields : the fields that hold personal data.
    """

    id: str = ident()
    roles: tuple[Role, ...] = many(Role)
    name: str | None = text(optional=True, personal=True)
    phone: str | None = text(optional=True, personal=True)
    email: str | None = text(optional=True, personal=True)
    organisation: str | None = optional_ident()
    occupation: str | None = text(optional=True)


@shows
@attrs.frozen
class InitiativeGroup:
    """An initiative group («инициативная группа», «бастамашыл топ»): a leader and members.

    Parameters
    ----------
    id : str
        A stable id.
    locality : str
        The id of the group's locality.
    leader : Person
        The group leader.
    members : sequence of Person, optional
        The other members, with unique ids; the leader is not repeated here.
    names : Names or None, optional
        The group's name, if it has one.

    Raises
    ------
    ValueError
        The leader is also listed as a member, or a member is listed twice.

    Examples
    --------
    >>> g = InitiativeGroup("g1", "kuryk", Person("p1", [Role.LEADER]),
    ...                     [Person("p2"), Person("p3")])
    >>> g.size
    3
    >>> InitiativeGroup("g1", "kuryk", Person("p1"), [Person("p1")])
    Traceback (most recent call last):
    ...
    ValueError: members[0]: the leader 'p1' is listed as a member too

    See Also
    --------
    check_group : is the group large enough?
    """

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
        """The leader plus the members.

        Examples
        --------
        >>> InitiativeGroup("g1", "kuryk", Person("p1")).size
        1
        """
        return 1 + len(self.members)


def check_group(
    group: InitiativeGroup, minimum: int = DEFAULT_MIN_GROUP_SIZE, location: str | None = None
) -> tuple[Finding, ...]:
    """Findings for a group below the programme's minimum size (a finding, not an error).

    Parameters
    ----------
    group : InitiativeGroup
        The group to check.
    minimum : int, optional
        The smallest group size, leader included; `DEFAULT_MIN_GROUP_SIZE` (3)
        by default.
    location : str or None, optional
        Where the finding points; ``"group {id}"`` by default.

    Returns
    -------
    tuple of Finding
        One ``group-too-small`` warning, or nothing when the group is large enough.

    Examples
    --------
    >>> lone = InitiativeGroup("g1", "kuryk", Person("p1", (Role.LEADER,)))
    >>> [f.code for f in check_group(lone)]
    ['group-too-small']
    >>> print(check_group(lone, minimum=2, location="groups[0]")[0])
    warning group-too-small at groups[0]: the initiative group has 1 people, below the minimum of 2: the methodology wants a team, not a lone leader (size=1, minimum=2)

    See Also
    --------
    InitiativeGroup.size : The leader plus the members.
    civicgrants.model.programme.Programme.min_group_size : a programme's own minimum.
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
