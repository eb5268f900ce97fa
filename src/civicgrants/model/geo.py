"""Where programmes happen: `Region` (oblast), `District`, `Locality`."""

from __future__ import annotations

import enum

import attrs

from civicgrants.model.display import shows
from civicgrants.model.fields import choice, count, entity, ident, optional_ident, text
from civicgrants.model.names import Names

__all__ = ["District", "Locality", "LocalityKind", "Region"]


class LocalityKind(enum.Enum):
    """City («город»), town («посёлок»/«город районного значения») or village («село», «ауыл»).

    Examples
    --------
    >>> LocalityKind("village")
    <LocalityKind.VILLAGE: 'village'>
    >>> [k.value for k in LocalityKind]
    ['city', 'town', 'village']

    See Also
    --------
    Locality : A city, town or village.
    """

    CITY = "city"
    TOWN = "town"
    VILLAGE = "village"


@shows
@attrs.frozen
class Region:
    """An oblast («область», «облыс»), e.g. Mangistau or Atyrau.

    Parameters
    ----------
    id : str
        A stable id, such as ``"mangistau"``.
    names : Names
        The region's name in ru, kk and en.
    code : str or None, optional
        An external code such as the KATO classifier code.

    Examples
    --------
    >>> Region("atyrau", Names(ru="Атырауская область", en="Atyrau Region")).names.get("en")
    'Atyrau Region'

    See Also
    --------
    District : A district («район», «аудан») inside a region.
    Locality : A city, town or village.
    """

    id: str = ident()
    names: Names = entity(Names)
    code: str | None = text(optional=True)
    """An external code such as the KATO classifier code."""


@shows
@attrs.frozen
class District:
    """A district («район», «аудан») inside a region.

    Parameters
    ----------
    id : str
        A stable id.
    names : Names
        The district's name in ru, kk and en.
    region : str
        The id of its region.
    code : str or None, optional
        An external code such as the KATO classifier code.

    Examples
    --------
    >>> District("munaily", Names(en="Munaily District"), region="mangistau").region
    'mangistau'

    See Also
    --------
    Region : An oblast («область», «облыс»), e.g. Mangistau or Atyrau.
    Locality : A city, town or village.
    """

    id: str = ident()
    names: Names = entity(Names)
    region: str = ident()
    code: str | None = text(optional=True)


@shows
@attrs.frozen
class Locality:
    """A city, town or village («населённый пункт», «елді мекен»).

    ``district`` may be ``None`` for cities of regional significance.

    Parameters
    ----------
    id : str
        A stable id, such as ``"kuryk"``.
    names : Names
        The locality's name in ru, kk and en.
    kind : LocalityKind
        City, town or village.
    region : str
        The id of its region.
    district : str or None, optional
        The id of its district.
    population : int or None, optional
        The population (not negative).
    population_source : str or None, optional
        Where the population figure comes from.
    code : str or None, optional
        An external code such as the KATO classifier code.

    Examples
    --------
    >>> k = Locality("kuryk", Names(ru="Курык"), LocalityKind.VILLAGE, region="mangistau",
    ...              population=9000)
    >>> print(k.names, k.kind.value, k.district)
    Курык village None

    See Also
    --------
    Region : An oblast («область», «облыс»), e.g. Mangistau or Atyrau.
    District : A district («район», «аудан») inside a region.
    civicgrants.model.programme.Programme.locality : look one up by id.
    """

    id: str = ident()
    names: Names = entity(Names)
    kind: LocalityKind = choice(LocalityKind)
    region: str = ident()
    district: str | None = optional_ident()
    population: int | None = count(optional=True)
    population_source: str | None = text(optional=True)
    code: str | None = text(optional=True)
