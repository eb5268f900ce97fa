"""Names shown to people, in Russian, Kazakh and English."""

from __future__ import annotations

import attrs

from civicgrants.model.display import shows
from civicgrants.model.fields import text

__all__ = ["LANGUAGES", "Names"]

LANGUAGES = ("ru", "kk", "en")


@shows
@attrs.frozen
class Names:
    """A name in ``ru``, ``kk`` and ``en``; at least one is required.

    ``str(names)`` is the English name, falling back to ru, then kk.

    Parameters
    ----------
    ru : str or None, optional
        The name in Russian.
    kk : str or None, optional
        The name in Kazakh.
    en : str or None, optional
        The name in English.

    Raises
    ------
    ValueError
        No name given, or a blank one.

    Examples
    --------
    >>> n = Names(ru="Боранкул", kk="Боранқұл", en="Borankul")
    >>> n.get("kk"), Names(ru="Курык").get("en")
    ('Боранқұл', 'Курык')
    >>> print(Names(kk="Боранқұл"))
    Боранқұл

    See Also
    --------
    Names.get : The name in the first available of ``languages``, then ru, kk, en.
    """

    ru: str | None = text(optional=True)
    kk: str | None = text(optional=True)
    en: str | None = text(optional=True)

    def __attrs_post_init__(self) -> None:
        if self.ru is None and self.kk is None and self.en is None:
            raise ValueError("give at least one of ru, kk, en")

    def get(self, *languages: str) -> str:
        """The name in the first available of ``languages``, then ru, kk, en.

        Parameters
        ----------
        *languages : str
            Language codes (``"ru"``, ``"kk"``, ``"en"``) in order of preference.

        Returns
        -------
        str
            The first name present.

        Raises
        ------
        ValueError
            A language that is not ru, kk or en.

        Examples
        --------
        >>> Names(ru="Боранкул", en="Borankul").get("kk", "en")
        'Borankul'
        >>> Names(en="Borankul").get("de")
        Traceback (most recent call last):
        ...
        ValueError: unknown language 'de'; use one of ru, kk, en

        See Also
        --------
        LANGUAGES : the codes it knows, in the fallback order.
        """
        for lang in (*languages, *LANGUAGES):
            if lang not in LANGUAGES:
                raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
            value: str | None = getattr(self, lang)
            if value is not None:
                return value
        raise AssertionError("unreachable: Names always holds one name")  # pragma: no cover

    def __str__(self) -> str:
        return self.get("en")
