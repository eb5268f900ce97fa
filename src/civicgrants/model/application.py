"""Applications and funded projects, with their lifecycles."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from civicgrants.errors import LifecycleError
from civicgrants.model.contribution import BeneficiaryCount, Contribution
from civicgrants.model.fields import (
    choice,
    date,
    entity,
    flag,
    ident,
    many,
    money,
    optional_ident,
    text,
)
from civicgrants.model.lifecycle import (
    ApplicationStatus,
    ProjectStatus,
    Transition,
    check_transition,
)
from civicgrants.model.money import Money, MoneyEstimate
from civicgrants.model.names import Names

__all__ = ["Application", "BalanceTakeover", "LinkKind", "ObjectKind", "Project", "ProjectLink"]


class ObjectKind(enum.Enum):
    """What a project builds (the brochure's categories, plus ``other``)."""

    PLAYGROUND = "playground"
    SPORTS_GROUND = "sports_ground"
    FOOTBALL_FIELD = "football_field"
    PARK_ALLEY_BEACH = "park_alley_beach"
    SCHOOL_CANTEEN = "school_canteen"
    DISABLED_CHILDREN_CENTRE = "disabled_children_centre"
    PSYCH_SPEECH_MOTHER_CHILD_ROOM = "psych_speech_mother_child_room"
    OTHER = "other"


class LinkKind(enum.Enum):
    """How a project relates to an earlier or sibling one."""

    CONTINUES = "continues"
    SAME_SITE = "same_site"
    TOP_UP = "top_up"
    SAME_LEADER = "same_leader"


@attrs.frozen
class ProjectLink:
    """A link to another project, e.g. a 2021 project that continues a 2020 one."""

    kind: LinkKind = choice(LinkKind)
    project: str | None = optional_ident()
    note: str | None = text(optional=True)


@attrs.frozen
class BalanceTakeover:
    """Taking the finished object onto a balance sheet («принятие на баланс»).

    ``confirmed`` records that the holder (usually the akimat, confirmed by the
    akim at the opening) accepted the object.
    """

    holder: str = text()
    confirmed: bool = flag()
    on: dt.date | None = date(optional=True)


@attrs.frozen
class Application:
    """An initiative group's application to a call.

    Examples
    --------
    >>> a = Application("A-1", call="call-1", locality="kuryk", requested=Money(2_000_000),
    ...                 title=Names(en="Healthy children"))
    >>> a.submit(on=dt.date(2020, 2, 1)).status
    <ApplicationStatus.SUBMITTED: 'submitted'>
    >>> a.fund()
    Traceback (most recent call last):
    ...
    civicgrants.errors.LifecycleError: application A-1 cannot go from 'draft' to 'funded'; allowed from 'draft': submitted, withdrawn
    """

    id: str = ident()
    call: str = ident()
    locality: str = ident()
    requested: Money = money()
    title: Names | None = entity(Names, optional=True)
    group: str | None = optional_ident()
    kind: ObjectKind | None = choice(ObjectKind, optional=True)
    status: ApplicationStatus = choice(ApplicationStatus, default=ApplicationStatus.DRAFT)
    history: tuple[Transition, ...] = many(Transition)

    def transition(
        self, to: ApplicationStatus, *, on: dt.date | None = None, reason: str | None = None
    ) -> Application:
        """A new application in status ``to``, with the change recorded in ``history``."""
        check_transition(f"application {self.id}", self.status, to)
        step = Transition(self.status.value, to.value, on, reason)
        return attrs.evolve(self, status=to, history=(*self.history, step))

    def submit(self, *, on: dt.date | None = None) -> Application:
        return self.transition(ApplicationStatus.SUBMITTED, on=on)

    def review(self, *, on: dt.date | None = None) -> Application:
        return self.transition(ApplicationStatus.UNDER_REVIEW, on=on)

    def fund(self, *, on: dt.date | None = None, reason: str | None = None) -> Application:
        return self.transition(ApplicationStatus.FUNDED, on=on, reason=reason)

    def reject(self, *, on: dt.date | None = None, reason: str | None = None) -> Application:
        return self.transition(ApplicationStatus.REJECTED, on=on, reason=reason)

    def withdraw(self, *, on: dt.date | None = None, reason: str | None = None) -> Application:
        return self.transition(ApplicationStatus.WITHDRAWN, on=on, reason=reason)


@attrs.frozen
class Project:
    """A funded application: what was built, where, for how much, and by whom.

    ``grant`` is the grant when the source prints it; ``reported_amount`` is
    any other printed amount (total cost, spending), with its qualifier, and
    ``amount_basis`` says what it measures.

    Examples
    --------
    >>> p = Project("P-1", stage="III", locality="kulsary", title=Names(en="Park"),
    ...             kind=ObjectKind.PARK_ALLEY_BEACH, status=ProjectStatus.IMPLEMENTATION)
    >>> p.open(BalanceTakeover("akimat-kulsary", confirmed=False))
    Traceback (most recent call last):
    ...
    civicgrants.errors.LifecycleError: project P-1 cannot go from 'implementation' to 'opened' (the balance takeover is not confirmed by the akim); allowed from 'implementation': opened
    """

    id: str = ident()
    stage: str = ident()
    locality: str = ident()
    title: Names = entity(Names)
    kind: ObjectKind = choice(ObjectKind)
    status: ProjectStatus = choice(ProjectStatus, default=ProjectStatus.CONTRACTED)
    application: str | None = optional_ident()
    group: str | None = optional_ident()
    kind_detail: str | None = text(optional=True)
    description: str | None = text(optional=True)
    grant: Money | None = money(optional=True)
    reported_amount: MoneyEstimate | None = entity(MoneyEstimate, optional=True)
    amount_basis: str | None = text(optional=True)
    contributions: tuple[Contribution, ...] = many(Contribution, unique=True)
    beneficiaries: tuple[BeneficiaryCount, ...] = many(BeneficiaryCount)
    links: tuple[ProjectLink, ...] = many(ProjectLink)
    balance: BalanceTakeover | None = entity(BalanceTakeover, optional=True)
    history: tuple[Transition, ...] = many(Transition)
    source: str | None = text(optional=True)
    notes: str | None = text(optional=True)

    @property
    def continues(self) -> tuple[str, ...]:
        """Ids of earlier projects this one continues."""
        return tuple(
            loc.project for loc in self.links if loc.kind is LinkKind.CONTINUES and loc.project
        )

    def transition(
        self, to: ProjectStatus, *, on: dt.date | None = None, reason: str | None = None
    ) -> Project:
        """A new project in status ``to``; ``opened`` needs a confirmed balance takeover."""
        check_transition(f"project {self.id}", self.status, to)
        if to is ProjectStatus.OPENED and not (self.balance and self.balance.confirmed):
            raise LifecycleError(
                f"project {self.id}",
                self.status.value,
                to.value,
                [to.value],
                why="the balance takeover is not confirmed by the akim",
            )
        step = Transition(self.status.value, to.value, on, reason)
        return attrs.evolve(self, status=to, history=(*self.history, step))

    def open(self, balance: BalanceTakeover, *, on: dt.date | None = None) -> Project:
        """Open the object; the akim confirms the balance takeover («принятие на баланс»)."""
        return attrs.evolve(self, balance=balance).transition(ProjectStatus.OPENED, on=on)
