"""Applications and funded projects, with their lifecycles."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from civicgrants.errors import LifecycleError
from civicgrants.model.contribution import BeneficiaryCount, Contribution
from civicgrants.model.display import shows
from civicgrants.model.fields import (
    choice,
    date,
    entity,
    ident,
    many,
    money,
    optional_ident,
    text,
)
from civicgrants.model.lifecycle import (
    ApplicationStatus,
    ProjectStatus,
    TakeoverStatus,
    Transition,
    check_history,
    check_transition,
)
from civicgrants.model.memorandum import ExtraDuty, HolderKind
from civicgrants.model.money import Money, MoneyEstimate
from civicgrants.model.names import Names

__all__ = ["Application", "BalanceTakeover", "LinkKind", "ObjectKind", "Project", "ProjectLink"]


class ObjectKind(enum.Enum):
    """What a project builds (the brochure's categories, plus ``other``).

    Examples
    --------
    >>> ObjectKind("playground")
    <ObjectKind.PLAYGROUND: 'playground'>

    See Also
    --------
    Project : A funded application: what was built, where, for how much, and by whom.
    """

    PLAYGROUND = "playground"
    SPORTS_GROUND = "sports_ground"
    FOOTBALL_FIELD = "football_field"
    PARK_ALLEY_BEACH = "park_alley_beach"
    SCHOOL_CANTEEN = "school_canteen"
    DISABLED_CHILDREN_CENTRE = "disabled_children_centre"
    PSYCH_SPEECH_MOTHER_CHILD_ROOM = "psych_speech_mother_child_room"
    OTHER = "other"


class LinkKind(enum.Enum):
    """How a project relates to an earlier or sibling one.

    Examples
    --------
    >>> LinkKind("continues")
    <LinkKind.CONTINUES: 'continues'>
    >>> [k.value for k in LinkKind]
    ['continues', 'same_site', 'top_up', 'same_leader']

    See Also
    --------
    ProjectLink : A link to another project, e.g. a 2021 project that continues a 2020 one.
    """

    CONTINUES = "continues"
    SAME_SITE = "same_site"
    TOP_UP = "top_up"
    SAME_LEADER = "same_leader"


@shows
@attrs.frozen
class ProjectLink:
    """A link to another project, e.g. a 2021 project that continues a 2020 one.

    Parameters
    ----------
    kind : LinkKind
        How the projects relate.
    project : str or None, optional
        The id of the other project, when it is known.
    note : str or None, optional
        Free text, e.g. where the link is stated.

    Examples
    --------
    >>> ProjectLink(LinkKind.CONTINUES, "P-2020-07").project
    'P-2020-07'

    See Also
    --------
    Project.continues : Ids of earlier projects this one continues.
    """

    kind: LinkKind = choice(LinkKind)
    project: str | None = optional_ident()
    note: str | None = text(optional=True)


@shows
@attrs.frozen(init=False)
class BalanceTakeover:
    """Taking the finished object onto a balance sheet («принятие на баланс»).

    ``status`` says how far the takeover is attested: ``promised`` (the holder
    committed, in the memorandum or to the group), ``confirmed`` (the holder
    accepted the object; usually the akim confirms it at the opening) or
    ``unknown`` (the source names who keeps the object, not whether it took it
    onto its balance). ``confirmed`` is kept as a shorthand: ``confirmed=True``
    means ``status=TakeoverStatus.CONFIRMED``, and the `confirmed`
    property reads it back.

    Parameters
    ----------
    holder : str
        Who takes (or is to take) the object onto its balance, e.g. an
        akimat's id or, as printed, «местная администрация».
    confirmed : bool or None, optional
        ``True`` for ``status=TakeoverStatus.CONFIRMED``, ``False`` for
        ``promised`` (when ``status`` is not given); it must agree with ``status``.
    on : datetime.date or None, optional
        When the status was reached, e.g. the day the holder accepted the object.
    status : TakeoverStatus or None, optional
        How far the takeover is attested; ``promised`` when neither ``status``
        nor ``confirmed`` is given.
    holder_kind : HolderKind or None, optional
        What kind of holder it is: akimat, school, House of Culture ….
    source : str or None, optional
        Where the takeover (and its status) is printed, e.g. ``"S000 L1165-1166"``.
    note : str or None, optional
        Free notes, e.g. what the source leaves open.

    Raises
    ------
    ValueError
        ``confirmed`` contradicts ``status``, or a field is invalid.

    Examples
    --------
    >>> BalanceTakeover("akimat-kulsary", confirmed=True).status
    <TakeoverStatus.CONFIRMED: 'confirmed'>
    >>> b = BalanceTakeover("local administration", status=TakeoverStatus.PROMISED,
    ...                     holder_kind=HolderKind.AKIMAT)
    >>> b.confirmed, b.transition(TakeoverStatus.CONFIRMED).confirmed
    (False, True)

    See Also
    --------
    Project.open : needs a confirmed takeover.
    civicgrants.model.lifecycle.TakeoverStatus : the statuses and their transitions.
    civicgrants.model.memorandum.Memorandum.balance_takeover : the promise in a memorandum.
    """

    holder: str = text()
    status: TakeoverStatus = choice(TakeoverStatus, default=TakeoverStatus.PROMISED)
    on: dt.date | None = date(optional=True)
    holder_kind: HolderKind | None = choice(HolderKind, optional=True)
    source: str | None = text(optional=True)
    note: str | None = text(optional=True)

    def __init__(
        self,
        holder: str,
        confirmed: bool | None = None,
        on: dt.date | None = None,
        *,
        status: TakeoverStatus | None = None,
        holder_kind: HolderKind | None = None,
        source: str | None = None,
        note: str | None = None,
    ) -> None:
        if confirmed is not None and not isinstance(confirmed, bool):
            raise ValueError(f"confirmed: must be true or false, got {confirmed!r}")
        if status is None:
            status = TakeoverStatus.CONFIRMED if confirmed else TakeoverStatus.PROMISED
        elif confirmed is not None and confirmed != (status is TakeoverStatus.CONFIRMED):
            raise ValueError(
                f"confirmed: must agree with status {getattr(status, 'value', status)!r}, "
                f"got {confirmed}"
            )
        self.__attrs_init__(holder, status, on, holder_kind, source, note)

    @property
    def confirmed(self) -> bool:
        """Whether the holder accepted the object (``status`` is ``confirmed``).

        Examples
        --------
        >>> BalanceTakeover("akimat-kulsary").confirmed
        False
        """
        return self.status is TakeoverStatus.CONFIRMED

    def transition(
        self, to: TakeoverStatus, *, on: dt.date | None = None, source: str | None = None
    ) -> BalanceTakeover:
        """The same takeover in status ``to``, e.g. confirmed at the opening.

        Parameters
        ----------
        to : TakeoverStatus
            The status wanted; it must be allowed from the current one.
        on : datetime.date or None, optional
            When it was reached; the old ``on`` is kept when ``None``.
        source : str or None, optional
            Where the new status is recorded; the old ``source`` is kept when ``None``.

        Returns
        -------
        BalanceTakeover
            A copy in status ``to``.

        Raises
        ------
        LifecycleError
            ``to`` is not allowed from the current status (``confirmed`` is final).

        Examples
        --------
        >>> b = BalanceTakeover("akimat-kulsary", confirmed=True)
        >>> b.transition(TakeoverStatus.PROMISED)
        Traceback (most recent call last):
        ...
        civicgrants.errors.LifecycleError: balance takeover by 'akimat-kulsary' cannot go from 'confirmed' to 'promised'; allowed from 'confirmed': none (final state)

        See Also
        --------
        Project.open : opens a project with a confirmed takeover.
        civicgrants.model.lifecycle.TakeoverStatus.allowed : the statuses it may move to.
        """
        check_transition(f"balance takeover by {self.holder!r}", self.status, to)
        return attrs.evolve(
            self,
            status=to,
            on=on if on is not None else self.on,
            source=source if source is not None else self.source,
        )


@shows
@attrs.frozen
class Application:
    """An initiative group's application to a call.

    Applications are immutable: each status change returns a new application
    with the change appended to ``history``.

    Parameters
    ----------
    id : str
        A stable id.
    call : str
        The id of the call applied to.
    locality : str
        The id of the locality the application comes from.
    requested : Money
        The grant asked for (not negative).
    title : Names or None, optional
        The application's title.
    group : str or None, optional
        The id of the initiative group that applies.
    kind : ObjectKind or None, optional
        What the project would build.
    status : ApplicationStatus, optional
        ``ApplicationStatus.DRAFT`` by default.
    history : sequence of Transition, optional
        The status changes so far.

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

    See Also
    --------
    ApplicationStatus : the lifecycle.
    Project : what a funded application becomes.
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

    def __attrs_post_init__(self) -> None:
        check_history(ApplicationStatus, self.history, self.status)

    def transition(
        self, to: ApplicationStatus, *, on: dt.date | None = None, reason: str | None = None
    ) -> Application:
        """A new application in status ``to``, with the change recorded in ``history``.

        Parameters
        ----------
        to : ApplicationStatus
            The status wanted; it must be allowed from the current one.
        on : datetime.date or None, optional
            When the change happened.
        reason : str or None, optional
            Why it happened.

        Returns
        -------
        Application
            A copy in status ``to``, with one more `Transition`.

        Raises
        ------
        LifecycleError
            ``to`` is not allowed from the current status.

        Examples
        --------
        >>> a = Application("A-1", call="call-1", locality="kuryk", requested=Money(2_000_000))
        >>> step = a.transition(ApplicationStatus.WITHDRAWN, reason="group left").history[-1]
        >>> print(step.from_status, step.to_status, step.reason)
        draft withdrawn group left

        See Also
        --------
        Application.submit, Application.review : the first steps, one status each.
        Application.fund, Application.reject, Application.withdraw : the final statuses.
        ApplicationStatus.allowed : the statuses an application may move to.
        """
        check_transition(f"application {self.id}", self.status, to)
        step = Transition(self.status.value, to.value, on, reason)
        return attrs.evolve(self, status=to, history=(*self.history, step))

    def submit(self, *, on: dt.date | None = None) -> Application:
        """Submit the draft: a new application in status ``submitted``.

        Parameters
        ----------
        on : datetime.date or None, optional
            When it was submitted.

        Returns
        -------
        Application
            A copy with the change recorded in ``history``.

        Raises
        ------
        LifecycleError
            The application is not a draft.

        Examples
        --------
        >>> a = Application("A-1", call="call-1", locality="kuryk", requested=Money(2_000_000))
        >>> a.submit(on=dt.date(2020, 2, 1)).history[-1].on
        datetime.date(2020, 2, 1)

        See Also
        --------
        Application.transition : move to any allowed status, recorded in ``history``.
        Application.review : Start the review: a new application in status ``under_review``.
        """
        return self.transition(ApplicationStatus.SUBMITTED, on=on)

    def review(self, *, on: dt.date | None = None) -> Application:
        """Start the review: a new application in status ``under_review``.

        Parameters
        ----------
        on : datetime.date or None, optional
            When the review started.

        Returns
        -------
        Application
            A copy with the change recorded in ``history``.

        Raises
        ------
        LifecycleError
            The application is not ``submitted``.

        Examples
        --------
        >>> a = Application("A-1", call="call-1", locality="kuryk", requested=Money(2_000_000))
        >>> a.submit().review().status
        <ApplicationStatus.UNDER_REVIEW: 'under_review'>

        See Also
        --------
        Application.transition : move to any allowed status, recorded in ``history``.
        Application.submit : Submit the draft: a new application in status ``submitted``.
        Application.fund : Fund the application: a new application in the final status ``funded``.
        Application.reject : Reject: the final status ``rejected``.
        """
        return self.transition(ApplicationStatus.UNDER_REVIEW, on=on)

    def fund(self, *, on: dt.date | None = None, reason: str | None = None) -> Application:
        """Fund the application: a new application in the final status ``funded``.

        Parameters
        ----------
        on : datetime.date or None, optional
            When the decision was taken.
        reason : str or None, optional
            Why, e.g. the rank it reached.

        Returns
        -------
        Application
            A copy with the change recorded in ``history``.

        Raises
        ------
        LifecycleError
            The application is not ``under_review``.

        Examples
        --------
        >>> a = Application("A-1", call="call-1", locality="kuryk", requested=Money(2_000_000))
        >>> [t.to_status for t in a.submit().review().fund(reason="ranked 2nd").history]
        ['submitted', 'under_review', 'funded']

        See Also
        --------
        Application.transition : move to any allowed status, recorded in ``history``.
        Application.reject : Reject: the final status ``rejected``.
        Project : A funded application: what was built, where, for how much, and by whom.
        """
        return self.transition(ApplicationStatus.FUNDED, on=on, reason=reason)

    def reject(self, *, on: dt.date | None = None, reason: str | None = None) -> Application:
        """Reject the application: a new application in the final status ``rejected``.

        Parameters
        ----------
        on : datetime.date or None, optional
            When the decision was taken.
        reason : str or None, optional
            Why it was rejected.

        Returns
        -------
        Application
            A copy with the change recorded in ``history``.

        Raises
        ------
        LifecycleError
            The application is not ``under_review``.

        Examples
        --------
        >>> a = Application("A-1", call="call-1", locality="kuryk", requested=Money(2_000_000))
        >>> a.submit().review().reject(reason="below the threshold").history[-1].reason
        'below the threshold'

        See Also
        --------
        Application.transition : move to any allowed status, recorded in ``history``.
        Application.fund : Fund the application: a new application in the final status ``funded``.
        """
        return self.transition(ApplicationStatus.REJECTED, on=on, reason=reason)

    def withdraw(self, *, on: dt.date | None = None, reason: str | None = None) -> Application:
        """Withdraw the application: a new application in the final status ``withdrawn``.

        Allowed from ``draft``, ``submitted`` and ``under_review``.

        Parameters
        ----------
        on : datetime.date or None, optional
            When it was withdrawn.
        reason : str or None, optional
            Why it was withdrawn.

        Returns
        -------
        Application
            A copy with the change recorded in ``history``.

        Raises
        ------
        LifecycleError
            The application is already ``funded``, ``rejected`` or ``withdrawn``.

        Examples
        --------
        >>> a = Application("A-1", call="call-1", locality="kuryk", requested=Money(2_000_000))
        >>> a.withdraw().status
        <ApplicationStatus.WITHDRAWN: 'withdrawn'>

        See Also
        --------
        Application.transition : move to any allowed status, recorded in ``history``.
        """
        return self.transition(ApplicationStatus.WITHDRAWN, on=on, reason=reason)


@shows
@attrs.frozen
class Project:
    """A funded application: what was built, where, for how much, and by whom.

    ``grant`` is the grant when the source prints it; ``reported_amount`` is
    any other printed amount (total cost, spending), with its qualifier, and
    ``amount_basis`` says what it measures.

    Parameters
    ----------
    id : str
        A stable id.
    stage : str
        The id of the programme stage that funded it.
    locality : str
        The id of the locality where it was built.
    title : Names
        The project's title.
    kind : ObjectKind
        What it builds; ``kind_detail`` refines it.
    status : ProjectStatus, optional
        ``ProjectStatus.CONTRACTED`` by default.
    application : str or None, optional
        The id of the funded application.
    group : str or None, optional
        The id of the initiative group.
    kind_detail : str or None, optional
        What exactly is built, in words.
    description : str or None, optional
        A description.
    grant : Money or None, optional
        The grant, when the source prints it (not negative).
    reported_amount : MoneyEstimate or None, optional
        Any other printed amount, with its qualifier.
    amount_basis : str or None, optional
        What ``reported_amount`` measures (total cost, spending …).
    contributions : sequence of Contribution, optional
        Community contributions, with unique ids.
    beneficiaries : sequence of BeneficiaryCount, optional
        Beneficiary counts as printed.
    links : sequence of ProjectLink, optional
        Links to earlier or sibling projects.
    balance : BalanceTakeover or None, optional
        The balance takeover of the finished object; ``None`` when nothing is
        known of it. ``opened`` and ``closed`` need a confirmed one.
    duties : sequence of ExtraDuty, optional
        Duties someone took on to keep the finished object going (watering,
        guarding, upkeep …), each with its holder and follow-up status.
    history : sequence of Transition, optional
        The status changes so far.
    source : str or None, optional
        Where the project is documented.
    notes : str or None, optional
        Free notes.

    Raises
    ------
    ValueError
        ``status`` is ``opened`` or ``closed`` without a confirmed ``balance``,
        or a field is invalid.

    Examples
    --------
    >>> p = Project("P-1", stage="III", locality="kulsary", title=Names(en="Park"),
    ...             kind=ObjectKind.PARK_ALLEY_BEACH, status=ProjectStatus.IMPLEMENTATION)
    >>> p.open(BalanceTakeover("akimat-kulsary", confirmed=False))
    Traceback (most recent call last):
    ...
    civicgrants.errors.LifecycleError: project P-1 cannot go from 'implementation' to 'opened' (the balance takeover is not confirmed by the akim); allowed from 'implementation': completed, opened
    >>> p.transition(ProjectStatus.COMPLETED).status
    <ProjectStatus.COMPLETED: 'completed'>
    >>> attrs.evolve(p, status=ProjectStatus.OPENED)
    Traceback (most recent call last):
    ...
    ValueError: status: 'opened' needs a confirmed balance takeover, got no balance

    See Also
    --------
    ProjectStatus : the lifecycle.
    Application : what the project was funded from.
    civicgrants.model.programme.Programme.projects_where : find projects.
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
    duties: tuple[ExtraDuty, ...] = many(ExtraDuty)
    history: tuple[Transition, ...] = many(Transition)
    source: str | None = text(optional=True)
    notes: str | None = text(optional=True)

    def __attrs_post_init__(self) -> None:
        check_history(ProjectStatus, self.history, self.status)
        if self.status.needs_confirmed_takeover() and not (self.balance and self.balance.confirmed):
            got = (
                "no balance"
                if self.balance is None
                else f"balance status {self.balance.status.value!r}"
            )
            raise ValueError(
                f"status: {self.status.value!r} needs a confirmed balance takeover, got {got}"
            )

    @property
    def continues(self) -> tuple[str, ...]:
        """Ids of earlier projects this one continues.

        Examples
        --------
        >>> p = Project("P-1", stage="III", locality="kulsary", title=Names(en="Park"),
        ...             kind=ObjectKind.PARK_ALLEY_BEACH,
        ...             links=[ProjectLink(LinkKind.CONTINUES, "P-0"),
        ...                    ProjectLink(LinkKind.SAME_SITE, "P-9")])
        >>> p.continues
        ('P-0',)
        """
        return tuple(
            loc.project for loc in self.links if loc.kind is LinkKind.CONTINUES and loc.project
        )

    def transition(
        self, to: ProjectStatus, *, on: dt.date | None = None, reason: str | None = None
    ) -> Project:
        """A new project in status ``to``; ``opened`` needs a confirmed balance takeover.

        ``completed`` is for finished works whose takeover nobody has confirmed
        yet; such a project opens once it has a confirmed takeover.

        Parameters
        ----------
        to : ProjectStatus
            The status wanted; it must be allowed from the current one.
        on : datetime.date or None, optional
            When the change happened.
        reason : str or None, optional
            Why it happened.

        Returns
        -------
        Project
            A copy in status ``to``, with the change recorded in ``history``.

        Raises
        ------
        LifecycleError
            ``to`` is not allowed from the current status, or is ``opened``
            without a confirmed `BalanceTakeover`.

        Examples
        --------
        >>> p = Project("P-1", stage="III", locality="kulsary", title=Names(en="Park"),
        ...             kind=ObjectKind.PARK_ALLEY_BEACH)
        >>> p.transition(ProjectStatus.PROCUREMENT).status
        <ProjectStatus.PROCUREMENT: 'procurement'>
        >>> p.transition(ProjectStatus.OPENED)
        Traceback (most recent call last):
        ...
        civicgrants.errors.LifecycleError: project P-1 cannot go from 'contracted' to 'opened'; allowed from 'contracted': procurement

        See Also
        --------
        open : the transition to ``opened``.
        ProjectStatus.allowed : the statuses a project may move to.
        """
        check_transition(f"project {self.id}", self.status, to)
        if to.needs_confirmed_takeover() and not (self.balance and self.balance.confirmed):
            raise LifecycleError(
                f"project {self.id}",
                self.status.value,
                to.value,
                [s.value for s in self.status.allowed()],
                why="the balance takeover is not confirmed by the akim",
            )
        step = Transition(self.status.value, to.value, on, reason)
        return attrs.evolve(self, status=to, history=(*self.history, step))

    def open(self, balance: BalanceTakeover, *, on: dt.date | None = None) -> Project:
        """Open the object; the akim confirms the balance takeover («принятие на баланс»).

        Allowed from ``implementation`` and from ``completed``.

        Parameters
        ----------
        balance : BalanceTakeover
            The takeover, stored in ``balance``; it must be confirmed.
        on : datetime.date or None, optional
            When the object opened.

        Returns
        -------
        Project
            A copy in status ``opened`` holding ``balance``.

        Raises
        ------
        LifecycleError
            The project is not in ``implementation`` or ``completed``, or
            ``balance`` is not confirmed.

        Examples
        --------
        >>> p = Project("P-1", stage="III", locality="kulsary", title=Names(en="Park"),
        ...             kind=ObjectKind.PARK_ALLEY_BEACH, status=ProjectStatus.IMPLEMENTATION)
        >>> p.open(BalanceTakeover("akimat-kulsary", confirmed=True)).status
        <ProjectStatus.OPENED: 'opened'>

        See Also
        --------
        Project.transition : A new project in status ``to``.
        BalanceTakeover : Taking the finished object onto a balance sheet.
        """
        return attrs.evolve(self, balance=balance).transition(ProjectStatus.OPENED, on=on)
