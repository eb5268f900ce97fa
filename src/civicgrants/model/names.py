"""Names shown to people, in Russian, Kazakh and English."""

from __future__ import annotations

import attrs

from civicgrants.model.fields import text

__all__ = ["LANGUAGES", "Names"]

LANGUAGES = ("ru", "kk", "en")


@attrs.frozen
class Names:
    """A name in ``ru``, ``kk`` and ``en``; at least one is required.

    Examples
    --------
    >>> n = Names(ru="Боранкул", kk="Боранқұл", en="Borankul")
    >>> n.get("kk"), Names(ru="Курык").get("en")
    ('Боранқұл', 'Курык')
    """

    ru: str | None = text(optional=True)
    kk: str | None = text(optional=True)
    en: str | None = text(optional=True)

    def __attrs_post_init__(self) -> None:
        if self.ru is None and self.kk is None and self.en is None:
            raise ValueError("give at least one of ru, kk, en")

    def get(self, *languages: str) -> str:
        """The name in the first available of ``languages``, then ru, kk, en."""
        for lang in (*languages, *LANGUAGES):
            if lang not in LANGUAGES:
                raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
            value: str | None = getattr(self, lang)
            if value is not None:
                return value
        raise AssertionError("unreachable: Names always holds one name")  # pragma: no cover

    def __str__(self) -> str:
        return self.get("en")
