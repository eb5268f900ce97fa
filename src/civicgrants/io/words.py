"""The library's enum values as people read them: ru and kk from the catalogs, en as printed.

Enum values (a project's kind, an amount's qualifier, a figure's confidence, a
status against a published figure) stay the same in JSON and in English text; in
``ru`` and ``kk`` they are catalog entries, each with a context that names the enum.
"""

from __future__ import annotations

from typing import Final

from civicgrants.io.labels import C_, tr

__all__ = ["enum_word"]

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
    if entry is None or lang.split("_")[0] == "en":
        return value.replace("_", " ")
    return tr(entry, lang)
