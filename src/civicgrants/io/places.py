"""Places as people read them: a region's or locality's id as its name in ru and kk.

Results name places by id (``kuryk``, ``mangistau``), as their JSON does. The names
are data, in the programme that defines the places (its ``regions``, ``districts``
and ``localities``, each with ``names`` in ru, kk and en); a view that has them
writes the name in Russian and Kazakh text and keeps the id in English text (the
codes of the JSON, as the other English views do).

Examples
--------
>>> from civicgrants.datasets import public_spaces
>>> places = place_names(public_spaces())
>>> place_text(places, "kuryk", "ru"), place_text(places, "kuryk", "kk")
('Курык', 'Құрық')
>>> place_text(places, "atyrau", "kk"), place_text(places, "atyrau", "en")
('Атырау облысы', 'atyrau')
>>> place_text(places, "SYN-X", "ru"), place_text(None, "kuryk", "ru")
('SYN-X', 'kuryk')
"""

from __future__ import annotations

from collections.abc import Mapping

from civicgrants.io.labels import base_language
from civicgrants.model.names import Names
from civicgrants.model.programme import Programme

__all__ = ["PlaceNames", "place_names", "place_text"]

PlaceNames = Mapping[str, Names]
"""A place's id → its names (regions, districts and localities of a programme)."""


def place_names(programme: Programme) -> dict[str, Names]:
    """The names of a programme's places, by id: its regions, districts and localities.

    Parameters
    ----------
    programme : Programme
        The programme that defines the places.

    Returns
    -------
    dict of str to Names
        Every region, district and locality id with its names.

    Examples
    --------
    >>> from civicgrants.datasets import public_spaces
    >>> print(place_names(public_spaces())["mangistau"].get("ru"))
    Мангистауская область

    See Also
    --------
    place_text : one place's name in a language.
    """
    found = {r.id: r.names for r in programme.regions}
    found |= {d.id: d.names for d in programme.districts}
    found |= {loc.id: loc.names for loc in programme.localities}
    return found


def place_text(places: PlaceNames | None, place: str, lang: str) -> str:
    """A place as people read it: its name in ru and kk, its id in en.

    Parameters
    ----------
    places : PlaceNames or None
        The known places (`place_names()`); None when the view has none.
    place : str
        A region's, district's or locality's id.
    lang : str
        ``en``, ``ru``, ``kk`` or a locale such as ``ru_KZ``.

    Returns
    -------
    str
        The name in ``lang`` (ru and kk); the id itself in English, with no known
        places, or for an id the places do not hold (an id read from a user's file).

    Examples
    --------
    >>> from civicgrants.model.names import Names
    >>> places = {"borankul": Names(ru="Боранкул", kk="Боранқұл", en="Borankul")}
    >>> place_text(places, "borankul", "kk_KZ"), place_text(places, "borankul", "en")
    ('Боранқұл', 'borankul')

    See Also
    --------
    place_names : the places of a programme.
    """
    base = base_language(lang)
    names = None if places is None else places.get(place)
    if names is None or base == "en":
        return place
    return names.get(base)
