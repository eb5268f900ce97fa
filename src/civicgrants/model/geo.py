"""Where programmes happen: :class:`Region` (oblast), :class:`District`, :class:`Locality`."""

from __future__ import annotations

import enum

import attrs

from civicgrants.model.fields import choice, count, entity, ident, optional_ident, text
from civicgrants.model.names import Names

__all__ = ["District", "Locality", "LocalityKind", "Region"]


class LocalityKind(enum.Enum):
    """City («город»), town («посёлок»/«город районного значения») or village («село», «ауыл»)."""

    CITY = "city"
    TOWN = "town"
    VILLAGE = "village"


@attrs.frozen
class Region:
    """An oblast («область», «облыс»), e.g. Mangistau or Atyrau."""

    id: str = ident()
    names: Names = entity(Names)
    code: str | None = text(optional=True)
    """An external code such as the KATO classifier code."""


@attrs.frozen
class District:
    """A district («район», «аудан») inside a region."""

    id: str = ident()
    names: Names = entity(Names)
    region: str = ident()
    code: str | None = text(optional=True)


@attrs.frozen
class Locality:
    """A city, town or village («населённый пункт», «елді мекен»).

    ``district`` may be ``None`` for cities of regional significance.
    """

    id: str = ident()
    names: Names = entity(Names)
    kind: LocalityKind = choice(LocalityKind)
    region: str = ident()
    district: str | None = optional_ident()
    population: int | None = count(optional=True)
    population_source: str | None = text(optional=True)
    code: str | None = text(optional=True)
