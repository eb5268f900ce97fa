"""The memorandum of cooperation with an akimat («меморандум о сотрудничестве») and its duties.

What keeps an object going after its project ends: the duties an akimat, a
school, a House of Culture, another public body, a business or the residents
take on (`ExtraDuty`, each with its follow-up
`DutyStatus`), and the memorandum in which
akimats promise them. The balance takeover itself is
`BalanceTakeover`.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import attrs

from civicgrants.model.display import shows
from civicgrants.model.fields import (
    choice,
    date,
    decimal,
    flag,
    ident,
    many,
    optional_ident,
    text,
)
from civicgrants.model.lifecycle import DutyStatus, check_transition

__all__ = ["Duty", "ExtraDuty", "HolderKind", "Memorandum"]


class Duty(enum.Enum):
    """Extra duties an akimat (or another body) takes on for sustainability.

    ``maintenance`` is upkeep and repair (servicing lamps, repainting, running
    costs); ``cleaning`` is keeping the place clean (clean-up days, «субботники»);
    ``monitoring`` is watching over the object; ``recycling`` is bringing in a
    company that recycles what is collected.

    Examples
    --------
    >>> Duty("watering")
    <Duty.WATERING: 'watering'>
    >>> len(Duty)
    12

    See Also
    --------
    ExtraDuty : One extra duty, with who carries it when that is not the akimat itself.
    """

    WATERING = "watering"
    LIGHTING = "lighting"
    PATROL = "patrol"
    GUARDING = "guarding"
    CCTV = "cctv"
    MAINTENANCE = "maintenance"
    WASTE_REMOVAL = "waste_removal"
    STAFF_POST = "staff_post"
    MONITORING = "monitoring"
    CLEANING = "cleaning"
    RECYCLING = "recycling"
    OTHER = "other"


class HolderKind(enum.Enum):
    """Who carries a duty or holds an object on its balance, by kind.

    The values that are also kinds of organisation are spelt as in
    `OrganisationKind`. ``state_body`` is a
    public body other than an akimat (an oblast health department, the police);
    ``business`` a company or a private entrepreneur; ``residents`` the
    community itself (neighbours, the initiative group, the village youth).

    Examples
    --------
    >>> HolderKind("culture_house")
    <HolderKind.CULTURE_HOUSE: 'culture_house'>
    >>> [k.value for k in HolderKind]
    ['akimat', 'state_body', 'school', 'culture_house', 'business', 'residents', 'other']

    See Also
    --------
    ExtraDuty.holder_kind : who carries a duty.
    civicgrants.model.application.BalanceTakeover.holder_kind : who holds the object.
    """

    AKIMAT = "akimat"
    STATE_BODY = "state_body"
    SCHOOL = "school"
    CULTURE_HOUSE = "culture_house"
    BUSINESS = "business"
    RESIDENTS = "residents"
    OTHER = "other"


@shows
@attrs.frozen
class ExtraDuty:
    """One extra duty, who carries it, and how far it is followed up.

    Parameters
    ----------
    duty : Duty
        The duty.
    description : str or None, optional
        What it involves, in words.
    party : str or None, optional
        Who carries it, in words («акимат поселка», "the school"); in a
        memorandum, ``None`` means the memorandum's akimat.
    holder_kind : HolderKind or None, optional
        What kind of holder carries it; ``None`` when not stated.
    status : DutyStatus, optional
        How far it is followed up; ``DutyStatus.PROMISED`` by default.
    source : str or None, optional
        Where the duty (and its status) is printed, e.g. ``"S000 L863-864"``.
    due : datetime.date or None, optional
        When the duty is to be reported carried out, when it states its own date;
        ``None`` (the default) leaves it to the season's calendar: a round's
        duties are due by the end of its reporting and closure step
        (`civicgrants.round.round_status()`).

    Examples
    --------
    >>> ExtraDuty(Duty.WATERING, party="school No. 3").party
    'school No. 3'
    >>> d = ExtraDuty(Duty.GUARDING, holder_kind=HolderKind.AKIMAT)
    >>> d.status.value, d.transition(DutyStatus.REPORTED_DONE).status.value
    ('promised', 'reported_done')

    See Also
    --------
    Memorandum : What an akimat commits to before a season starts.
    civicgrants.model.application.Project.duties : the duties for one project's object.
    civicgrants.model.lifecycle.DutyStatus : the follow-up statuses.
    """

    duty: Duty = choice(Duty)
    description: str | None = text(optional=True)
    party: str | None = text(optional=True)
    holder_kind: HolderKind | None = choice(HolderKind, optional=True)
    status: DutyStatus = choice(DutyStatus, default=DutyStatus.PROMISED)
    source: str | None = text(optional=True)
    due: dt.date | None = date(optional=True)

    def transition(self, to: DutyStatus, *, source: str | None = None) -> ExtraDuty:
        """The same duty in status ``to``, e.g. once a report says it is carried out.

        Parameters
        ----------
        to : DutyStatus
            The status wanted; it must be allowed from the current one.
        source : str or None, optional
            Where the new status is reported; the old ``source`` is kept when ``None``.

        Returns
        -------
        ExtraDuty
            A copy in status ``to``.

        Raises
        ------
        LifecycleError
            ``to`` is not allowed from the current status.

        Examples
        --------
        >>> d = ExtraDuty(Duty.WATERING, status=DutyStatus.LAPSED)
        >>> d.transition(DutyStatus.PROMISED)
        Traceback (most recent call last):
        ...
        civicgrants.errors.LifecycleError: duty 'watering' cannot go from 'lapsed' to 'promised'; allowed from 'lapsed': none (final state)

        See Also
        --------
        civicgrants.model.lifecycle.DutyStatus.allowed : the statuses a duty may move to.
        """
        check_transition(f"duty {self.duty.value!r}", self.status, to)
        return attrs.evolve(self, status=to, source=source if source is not None else self.source)


@shows
@attrs.frozen
class Memorandum:
    """What an akimat («акимат», «әкімдік») commits to before a season starts.

    The brochure lists: a land plot, material and technical help, monitoring,
    and taking the finished object onto its balance («взять на баланс»). Some
    2021 akimats also co-funded up to half and took extra duties.

    Parameters
    ----------
    id : str
        A stable id.
    akimat : str or None, optional
        The id of the akimat (an `Organisation`);
        ``None`` when the source does not name it.
    localities : sequence of str
        Ids of the localities covered; at least one, without repeats.
    signed : datetime.date or None, optional
        When it was signed.
    land_plot : bool, optional
        The akimat provides a land plot.
    material_help : bool, optional
        The akimat gives material and technical help.
    monitoring : bool, optional
        The akimat monitors the work.
    balance_takeover : bool, optional
        The akimat takes the finished object onto its balance.
    cofunding_share : Decimal or None, optional
        The share the akimat co-funds, between 0 and 1.
    extra_duties : sequence of ExtraDuty, optional
        Further duties taken on.
    programme : str or None, optional
        The programme it belongs to.
    source : str or None, optional
        Where the memorandum (or what it says) is printed.
    note : str or None, optional
        Free notes, e.g. what the source leaves out.

    Raises
    ------
    ValueError
        No localities, a repeated one, or a ``cofunding_share`` outside 0..1.

    Examples
    --------
    >>> m = Memorandum("m1", akimat="akimat-borankul", localities=("borankul",),
    ...                land_plot=True, balance_takeover=True, cofunding_share="0.5")
    >>> m.cofunding_share
    Decimal('0.5')

    See Also
    --------
    civicgrants.model.application.BalanceTakeover : the takeover itself.
    civicgrants.model.programme.Programme.memoranda : where a programme keeps them.
    """

    id: str = ident()
    akimat: str | None = optional_ident()
    localities: tuple[str, ...] = many(str, nonempty=True, unique=True)
    signed: dt.date | None = date(optional=True)
    land_plot: bool = flag()
    material_help: bool = flag()
    monitoring: bool = flag()
    balance_takeover: bool = flag()
    cofunding_share: Decimal | None = decimal(optional=True, minimum=0, maximum=1)
    extra_duties: tuple[ExtraDuty, ...] = many(ExtraDuty)
    programme: str | None = text(optional=True)
    source: str | None = text(optional=True)
    note: str | None = text(optional=True)
