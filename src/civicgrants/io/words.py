"""The library's enum values and the shipped data's notes as people read them.

Enum values (a project's kind, an amount's qualifier, a figure's confidence, a
status against a published figure) stay the same in JSON and in English text; in
``ru`` and ``kk`` they are catalog entries, each with a context that names the enum.

The shipped programme's notes that a view prints (an amount's basis, a published
figure's source) are data written in English, quoting the brochure in Russian;
`DATA_TEXTS` holds them as catalog entries (context ``dataset``), and `data_text()`
translates them in ``ru`` and ``kk``.
"""

from __future__ import annotations

from typing import Final

from civicgrants.io.labels import C_, base_language, tr

__all__ = ["DATA_TEXTS", "data_text", "enum_word"]

WORDS: Final[dict[str, dict[str, str]]] = {
    "kind": {
        "playground": C_("kind", "playground"),
        "sports_ground": C_("kind", "sports ground"),
        "football_field": C_("kind", "football field"),
        "park_alley_beach": C_("kind", "park, alley, beach"),
        "school_canteen": C_("kind", "school canteen"),
        "disabled_children_centre": C_("kind", "centre for disabled children"),
        "psych_speech_mother_child_room": C_(
            "kind", "psychologist's, speech therapist's, mother and child room"
        ),
        "other": C_("kind", "other"),
    },
    "qualifier": {
        "exact": C_("qualifier", "exact"),
        "approx": C_("qualifier", "approx"),
        "more_than": C_("qualifier", "more than"),
        "at_least": C_("qualifier", "at least"),
        "less_than": C_("qualifier", "less than"),
        "up_to": C_("qualifier", "up to"),
    },
    "confidence": {
        "high": C_("confidence", "high"),
        "medium": C_("confidence", "medium"),
        "low": C_("confidence", "low"),
    },
    "status": {
        "on_track": C_("status", "on track"),
        "over": C_("status", "over"),
        "under": C_("status", "under"),
        "not_reported": C_("status", "not reported"),
    },
}
"""Per enum, its values' catalog entries."""


def enum_word(enum: str, value: str, lang: str) -> str:
    """An enum's value in ``lang``: in ``en`` the value with spaces for ``_``.

    Parameters
    ----------
    enum : str
        ``kind``, ``qualifier``, ``confidence`` or ``status`` (a key of `WORDS`).
    value : str
        The enum's value, as in JSON.
    lang : str
        ``en``, ``ru`` or ``kk``.

    Returns
    -------
    str
        The word; a value the table lacks is kept as it is (spaces for ``_``).

    Examples
    --------
    >>> print(enum_word("qualifier", "more_than", "en"), "|", enum_word("qualifier", "more_than", "ru"))
    more than | более
    >>> print(enum_word("confidence", "high", "kk"), "|", enum_word("status", "on_track", "ru"))
    жоғары | в норме

    See Also
    --------
    civicgrants.io.labels.tr : translates one catalog text.
    """
    entry = WORDS[enum].get(value)
    if entry is None or base_language(lang) == "en":
        return value.replace("_", " ")
    return tr(entry, lang)


DATA_TEXTS: Final[tuple[str, ...]] = (
    # public_spaces.json, projects[].amount_basis
    C_("dataset", "total cost of all works («около 1,5 млн.т.»)"),
    C_("dataset", "grant («грант в размере всего 1,6 млн. тенге»)"),
    C_("dataset", "total cost («чуть более 2 млн. тенге»)"),
    C_(
        "dataset",
        "combined cost of III-04 and III-05 together («всего за 6 млн. тенге две группы», "
        "S000 L1609); the 6,000,000 KZT is recorded once, as III-05's reported amount, and not "
        "here, so that it is not counted twice",
    ),
    C_(
        "dataset",
        "combined cost of III-05 and III-04 together («всего за 6 млн. тенге две группы», "
        "S000 L1609), recorded once here and not on III-04; it is not this project's own cost",
    ),
    C_("dataset", "spent («чуть больше 2 млн. тенге»)"),
    C_("dataset", "amount as printed"),  # what the summary says of an amount with no basis
    # public_spaces.json, figures[].source of the published totals
    C_(
        "dataset",
        "S000 L728-761 (chart values L749-757; «вклад сообщества* (общий: более 29,5 млн. "
        "тенге**)», L760-761)",
    ),
)
"""The notes of the shipped data that the views print, as catalog entries (context ``dataset``)."""

_DATA_TEXT: Final[dict[str, str]] = {str(m): m for m in DATA_TEXTS}


def data_text(text: str, lang: str) -> str:
    """A note of the data in ``lang``: a text of `DATA_TEXTS` translated, any other as it is.

    Parameters
    ----------
    text : str
        A note as the data holds it (an amount's basis, a figure's source).
    lang : str
        ``en``, ``ru``, ``kk`` or a locale.

    Returns
    -------
    str
        The catalog's translation of a shipped note in ru and kk; ``text`` itself in
        English, and for a note the shipped data does not hold (a user's own data,
        which is shown as written).

    Examples
    --------
    >>> print(data_text("spent («чуть больше 2 млн. тенге»)", "ru"))
    израсходовано («чуть больше 2 млн. тенге»)
    >>> print(data_text("spent («чуть больше 2 млн. тенге»)", "en"))
    spent («чуть больше 2 млн. тенге»)
    >>> print(data_text("a note of my own", "kk"))
    a note of my own

    See Also
    --------
    enum_word : an enum's value in a language.
    """
    entry = _DATA_TEXT.get(text)
    if entry is None or base_language(lang) == "en":
        return text
    return tr(entry, lang)
