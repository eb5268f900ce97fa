"""The words around the numbers: ru/kk/en through gettext message catalogs.

Every text that civicgrants writes for people is written in English in the code
(the ``msgid``) and translated through the catalogs
``civicgrants/locale/{ru,kk}/LC_MESSAGES/civicgrants.po`` (babel, gettext): one
source of truth for every language. A wheel carries the ``.mo`` files compiled
by the build hook (``hatch_build.py``); a source checkout without them compiles
the ``.po`` in memory on first use (see docs/decisions.md).

`tr()` translates one text; `label()` reads a view's table of concepts
(``{key: {"en": N_(text)}}``), whose texts are marked with `N_()` (or
`C_()` where one English word has two translations) so that
``pybabel extract`` finds them. Kazakh drafts that need a native speaker are
``fuzzy`` in the catalog (`needs_review()` lists them); they are shown,
never replaced by English in silence.

Examples
--------
>>> TABLE = {"rank": {"en": N_("rank")}}
>>> label(TABLE, "rank", "ru"), label(TABLE, "rank", "kk"), label(TABLE, "rank", "en")
('место', 'орын', 'rank')
>>> print(tr("Step of the cycle: budgets", "kk"))
Цикл кезеңі: бюджеттер
"""

from __future__ import annotations

import functools
import gettext
import io
from collections.abc import Mapping
from pathlib import Path

__all__ = [
    "C_",
    "DOMAIN",
    "LOCALE_DIR",
    "N_",
    "Labels",
    "Msg",
    "base_language",
    "label",
    "missing",
    "needs_review",
    "ntr",
    "tr",
    "translations",
]

DOMAIN = "civicgrants"
"""The gettext domain of the catalogs."""

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""Where the catalogs are: ``LOCALE_DIR/<lang>/LC_MESSAGES/civicgrants.po`` (and ``.mo``)."""

REVIEW_NOTE = "needs native review"
"""The translator comment of a Kazakh draft that a native speaker should check."""

Labels = Mapping[str, Mapping[str, str]]
"""A concept's table: key → ``{"en": msgid}``."""


class Msg(str):
    """An English text that carries its gettext context (made by `C_()`).

    Examples
    --------
    >>> m = C_("decision", "funded")
    >>> m, m.context
    ('funded', 'decision')

    Attributes
    ----------
    context : str or None
        The gettext context (``msgctxt``), or None.

    See Also
    --------
    C_ : makes one.
    """

    context: str | None = None


def N_(text: str) -> str:  # noqa: N802 - the gettext convention
    """Mark ``text`` for extraction (``pybabel extract -k N_``); return it unchanged.

    Parameters
    ----------
    text : str
        The English text, the catalog's ``msgid``.

    Returns
    -------
    str
        ``text``.

    Examples
    --------
    >>> N_("rank")
    'rank'

    See Also
    --------
    C_ : the same with a context.
    tr : translates the marked text.
    """
    return text


def C_(context: str, text: str) -> str:  # noqa: N802 - the gettext convention
    """Mark ``text`` with a context (``pybabel extract -k C_:1c,2``), for a word with two meanings.

    Parameters
    ----------
    context : str
        The ``msgctxt``, such as ``scoring.funded``.
    text : str
        The English text, the catalog's ``msgid``.

    Returns
    -------
    str
        ``text`` as a `Msg` that remembers ``context``.

    Examples
    --------
    >>> print(tr(C_("html.round.sum", "total"), "ru"), tr(C_("views.scoring.total", "total"), "ru"))
    итого итог

    See Also
    --------
    N_ : the same without a context.
    tr : translates the marked text.
    """
    msg = Msg(text)
    msg.context = context
    return msg


def base_language(lang: str) -> str:
    """A locale's language: what the catalogs and the data's names are keyed by.

    Parameters
    ----------
    lang : str
        A language (``ru``) or a locale, with ``_`` or ``-`` (``ru_KZ``, ``kk-KZ``).

    Returns
    -------
    str
        The language alone.

    Examples
    --------
    >>> base_language("kk_KZ"), base_language("ru-KZ"), base_language("en")
    ('kk', 'ru', 'en')

    See Also
    --------
    translations : the catalog of a language.
    civicgrants.io.places.place_text : a place's name in a language.
    """
    return lang.replace("-", "_").split("_")[0]


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of a language: the compiled ``.mo``, or the ``.po`` compiled in memory.

    Parameters
    ----------
    lang : str
        ``en``, ``ru``, ``kk`` or a locale such as ``ru_KZ``.

    Returns
    -------
    gettext.NullTranslations
        English (the msgids themselves) for ``en`` and for a language with no
        catalog; otherwise a `babel.support.Translations`.

    Examples
    --------
    >>> translations("ru").gettext("rows")
    'строк'
    >>> translations("en").gettext("rows")
    'rows'

    See Also
    --------
    tr : one text through the catalog.
    needs_review : the catalog's Kazakh drafts.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    base = base_language(lang)
    folder = LOCALE_DIR / base / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo.is_file():
        with mo.open("rb") as fp:
            return Translations(fp, domain=DOMAIN)
    if not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as fp:
        catalog = read_po(fp, locale=base, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=True)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def tr(text: str, lang: str) -> str:
    """``text`` (an English msgid) in ``lang``.

    Parameters
    ----------
    text : str
        The English text; a `Msg` (from `C_()`) is looked up in its context.
    lang : str
        ``en``, ``ru``, ``kk`` or a locale such as ``kk_KZ``.

    Returns
    -------
    str
        The translation, or ``text`` itself in English or when the catalog lacks it
        (a test keeps the catalogs complete: `missing()`).

    Examples
    --------
    >>> print(tr("By section", "ru"), "|", tr("By section", "kk"), "|", tr("By section", "en"))
    По разделам | Бөлімдер бойынша | By section

    See Also
    --------
    ntr : a counted text.
    label : a view's table.
    translations : the catalog behind it.
    """
    if base_language(lang) == "en":
        return str(text)
    catalog = translations(lang)
    context = getattr(text, "context", None)
    if context is not None:
        return catalog.pgettext(context, str(text))
    return catalog.gettext(str(text))


def ntr(singular: str, plural: str, n: int, lang: str) -> str:
    """The form of a counted text that ``n`` takes in ``lang``, with ``{n}`` filled in.

    Parameters
    ----------
    singular, plural : str
        The English forms (the catalog's ``msgid`` and ``msgid_plural``).
    n : int
        The count; it picks the form by the language's plural rule (Russian has three).
    lang : str
        ``en``, ``ru``, ``kk`` or a locale.

    Returns
    -------
    str
        The form, with ``{n}`` replaced by ``n``.

    Examples
    --------
    >>> [ntr("{n} error", "{n} errors", n, "ru") for n in (1, 2, 5)]
    ['1 ошибка', '2 ошибки', '5 ошибок']
    >>> ntr("{n} error", "{n} errors", 2, "en")
    '2 errors'

    See Also
    --------
    tr : a text without a count.
    """
    if base_language(lang) == "en":
        text = singular if n == 1 else plural
    else:
        text = translations(lang).ngettext(singular, plural, n)
    return text.replace("{n}", str(n))


def label(table: Labels, key: str, lang: str) -> str:
    """The text of ``key`` of a view's table, in ``lang``.

    Parameters
    ----------
    table : Labels
        A concept's table: key → ``{"en": msgid}``.
    key : str
        The entry to look up.
    lang : str
        ``en``, ``ru`` or ``kk``.

    Returns
    -------
    str
        The entry's msgid translated by `tr()`.

    Raises
    ------
    KeyError
        ``key`` is not in the table.

    Examples
    --------
    >>> TABLE = {"printed": {"en": N_("printed")}}
    >>> print(label(TABLE, "printed", "ru"), "|", label(TABLE, "printed", "kk"))
    указано | көрсетілген

    See Also
    --------
    tr : the translation of one text.
    civicgrants.io.fmt : the numbers, money and dates between the words.
    """
    return tr(table[key]["en"], lang)


def missing(table: Labels, lang: str) -> list[str]:
    """The keys of ``table`` whose text the catalog of ``lang`` does not translate.

    Parameters
    ----------
    table : Labels
        A concept's table: key → ``{"en": msgid}``.
    lang : str
        The language to check, such as ``kk``.

    Returns
    -------
    list of str
        The keys whose msgid has no translation in ``lang``, sorted.

    Examples
    --------
    >>> missing({"a": {"en": N_("no such text")}, "b": {"en": N_("rows")}}, "kk")
    ['a']

    See Also
    --------
    label : the text of one entry.
    needs_review : the drafts among the translations.
    """
    out = []
    for key, entry in table.items():
        text = entry["en"]
        context = getattr(text, "context", None)
        found = _catalog_ids(base_language(lang))
        if (context, str(text)) not in found:
            out.append(key)
    return sorted(out)


@functools.cache
def _catalog_ids(lang: str) -> frozenset[tuple[str | None, str]]:
    from babel.messages.pofile import read_po

    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return frozenset()
    with po.open("rb") as fp:
        catalog = read_po(fp, locale=lang, domain=DOMAIN)
    return frozenset((m.context, str(m.id)) for m in catalog if m.id and m.string)


def needs_review(lang: str = "kk") -> list[str]:
    """The msgids whose translation in ``lang`` is a draft for a native speaker to check.

    A draft is ``fuzzy`` in the catalog, or carries the translator comment
    ``needs native review``; it is shown as it is (not replaced by English).

    Parameters
    ----------
    lang : str
        The language, ``kk`` by default.

    Returns
    -------
    list of str
        The msgids, sorted.

    Examples
    --------
    >>> "Method of Equal Shares" in needs_review("kk")
    True

    See Also
    --------
    missing : the texts with no translation at all.
    """
    from babel.messages.pofile import read_po

    po = LOCALE_DIR / base_language(lang) / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return []
    with po.open("rb") as fp:
        catalog = read_po(fp, locale=base_language(lang), domain=DOMAIN)
    return sorted(
        str(m.id)
        for m in catalog
        if m.id and (m.fuzzy or any(REVIEW_NOTE in c for c in m.auto_comments + m.user_comments))
    )
