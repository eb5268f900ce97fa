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

    An empty text counts as missing, so it falls back to English too.

    Parameters
    ----------
    table : Labels
        A concept's table: key → language → text.
    key : str
        The entry to look up.
    lang : str
        ``en``, ``ru`` or ``kk``.

    Returns
    -------
    str
        The entry's text in ``lang``, or its English text.

    Raises
    ------
    KeyError
        ``key`` is not in the table, or its entry has neither ``lang`` nor ``en``.

    Examples
    --------
    >>> TABLE = {"stated": {"en": "stated", "ru": "заявлено"}}
    >>> print(label(TABLE, "stated", "ru"), "|", label(TABLE, "stated", "kk"))
    заявлено | stated

    See Also
    --------
    missing : the entries that fall back to English.
    civicgrants.io.fmt : the numbers, money and dates between the words.
    """
    entry = table[key]
    return entry.get(lang) or entry["en"]


def missing(table: Labels, lang: str) -> list[str]:
    """The keys of ``table`` with no text in ``lang``.

    Parameters
    ----------
    table : Labels
        A concept's table: key → language → text.
    lang : str
        The language to check, such as ``kk``.

    Returns
    -------
    list of str
        The keys whose entry has no (or an empty) text in ``lang``, sorted;
        :func:`label` writes them in English.

    Examples
    --------
    >>> missing({"a": {"en": "a"}, "b": {"en": "b", "kk": "б"}}, "kk")
    ['a']

    See Also
    --------
    label : the text of one entry, with the English fallback.
    """
    return sorted(key for key, entry in table.items() if not entry.get(lang))
