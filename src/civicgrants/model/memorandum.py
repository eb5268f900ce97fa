"""The memorandum of cooperation with an akimat («меморандум о сотрудничестве»)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import attrs

from civicgrants.model.fields import choice, date, decimal, flag, ident, many, text

__all__ = ["Duty", "ExtraDuty", "Memorandum"]


class Duty(enum.Enum):
    """Extra duties an akimat (or another body) takes on for sustainability.

    Examples
    --------
    >>> Duty("watering")
    <Duty.WATERING: 'watering'>
    >>> len(Duty)
    9

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
    OTHER = "other"


@attrs.frozen
class ExtraDuty:
    """One extra duty, with who carries it when that is not the akimat itself.

    Parameters
    ----------
    duty : Duty
        The duty.
    description : str or None, optional
        What it involves, in words.
    party : str or None, optional
        Who carries it, when that is not the akimat.

    Examples
    --------
    >>> ExtraDuty(Duty.WATERING, party="school No. 3").party
    'school No. 3'

    See Also
    --------
    Memorandum : What an akimat commits to before a season starts.
    """

    duty: Duty = choice(Duty)
    description: str | None = text(optional=True)
    party: str | None = text(optional=True)


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
    akimat : str
        The id of the akimat (an :class:`~civicgrants.model.organisation.Organisation`).
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
    akimat: str = ident()
    localities: tuple[str, ...] = many(str, nonempty=True, unique=True)
    signed: dt.date | None = date(optional=True)
    land_plot: bool = flag()
    material_help: bool = flag()
    monitoring: bool = flag()
    balance_takeover: bool = flag()
    cofunding_share: Decimal | None = decimal(optional=True, minimum=0, maximum=1)
    extra_duties: tuple[ExtraDuty, ...] = many(ExtraDuty)
    programme: str | None = text(optional=True)
