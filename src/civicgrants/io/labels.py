"""The words around the numbers: ru/kk/en labels, one table per concept.

Each view module (:mod:`civicgrants.io.views`) keeps the table of its concept as
a plain mapping ``{key: {"en": …, "ru": …, "kk": …}}`` and reads it through
:func:`label`. A language missing from an entry falls back to English, and
:func:`missing` lists such gaps so that a test can keep them visible.

Examples
--------
>>> TABLE = {"rank": {"en": "rank", "ru": "место", "kk": "орын"}}
>>> label(TABLE, "rank", "ru"), label(TABLE, "rank", "kk")
('место', 'орын')
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["Labels", "label", "missing"]

Labels = Mapping[str, Mapping[str, str]]
"""A concept's table: key → language → text."""


def label(table: Labels, key: str, lang: str) -> str:
    """The text of ``key`` in ``lang``, or in English when the table has no such language.

    Raises
    ------
    KeyError
        ``key`` is not in the table.
    """
    entry = table[key]
    return entry.get(lang) or entry["en"]


def missing(table: Labels, lang: str) -> list[str]:
    """The keys of ``table`` with no text in ``lang``.

    Examples
    --------
    >>> missing({"a": {"en": "a"}, "b": {"en": "b", "kk": "б"}}, "kk")
    ['a']
    """
    return sorted(key for key, entry in table.items() if not entry.get(lang))
