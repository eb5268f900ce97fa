"""Enum values in ru and kk: every value of the library's enums people read has a catalog word."""

from __future__ import annotations

import enum
import re

import pytest

from civicgrants.indicators.achievement import Status
from civicgrants.io.words import WORDS, enum_word
from civicgrants.model.application import ObjectKind
from civicgrants.model.money import Qualifier
from civicgrants.model.programme import Confidence

ENUMS: dict[str, type[enum.Enum]] = {
    "kind": ObjectKind,
    "qualifier": Qualifier,
    "confidence": Confidence,
    "status": Status,
}


@pytest.mark.parametrize("name", list(ENUMS))
def test_every_value_has_a_word_in_every_language(name: str) -> None:
    values = [str(member.value) for member in ENUMS[name]]
    assert sorted(WORDS[name]) == sorted(values)
    for value in values:
        assert enum_word(name, value, "en") == value.replace("_", " ")
        ru, kk = enum_word(name, value, "ru"), enum_word(name, value, "kk")
        assert not re.search("[A-Za-z]", ru + kk), (value, ru, kk)
        assert enum_word(name, value, "ru_KZ") == ru


def test_words_differ_within_an_enum() -> None:
    for name, table in WORDS.items():
        for lang in ("ru", "kk"):
            words = [enum_word(name, value, lang) for value in table]
            assert len(set(words)) == len(words), (name, lang, words)


def test_an_unknown_value_is_kept() -> None:
    assert enum_word("qualifier", "some_new", "ru") == "some new"


def test_rollup_names_indicators_in_ru_and_kk_and_keeps_keys_in_en_and_json() -> None:
    from civicgrants.datasets import public_spaces
    from civicgrants.indicators import PROGRAMME_INDICATORS, programme_records, rollup_report
    from civicgrants.io.views.indicators import rollup_report_data, rollup_report_text

    report = rollup_report(programme_records(public_spaces()), PROGRAMME_INDICATORS, by=())
    en, ru, kk = (rollup_report_text(report, lang) for lang in ("en", "ru", "kk"))
    assert "community_contribution" in en and "Вклад сообщества" not in en
    assert "Вклад сообщества" in ru and "community_contribution" not in ru
    assert "Қауымдастықтың үлесі" in kk and "beneficiaries" not in kk
    assert '"community_contribution"' in rollup_report_data(report)


def test_round_status_names_places_and_the_example_title_in_each_language() -> None:
    from civicgrants.datasets.example_round import example_round
    from civicgrants.io.views.round import EXAMPLE_TITLE, status_text
    from civicgrants.round import round_status

    r = example_round()
    assert r.title == EXAMPLE_TITLE  # the catalog entry is the dataset's title
    status = round_status(r)
    en, ru, kk = (status_text(status, lang) for lang in ("en", "ru", "kk"))
    assert "Bautino" in en and "Stage II, Mangistau" in en
    assert "Баутино" in ru and "Форт-Шевченко" in ru and "Bautino" not in ru
    assert "Этап II, Мангистауская область" in ru and "Stage" not in ru
    assert "II кезең" in kk and "Bautino" not in kk
    assert [row.name for row in status.localities] == [
        "Bautino",
        "Borankul",
        "Fort-Shevchenko",
        "Kuryk",
    ]  # the data keeps the English name
