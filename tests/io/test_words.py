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


def test_the_shipped_notes_the_summary_prints_are_translated() -> None:
    from civicgrants.datasets import public_spaces
    from civicgrants.io.labels import needs_review
    from civicgrants.io.views.demo import TOTALS
    from civicgrants.io.words import DATA_TEXTS, data_text

    p = public_spaces()
    notes = {proj.amount_basis for proj in p.projects if proj.amount_basis}
    notes |= {p.figure(key).source for key in TOTALS}
    english = {n for n in notes if re.search(r"\b[a-z]{3,}\b", re.sub(r"«[^»]*»", "", n))}
    assert english <= {str(t) for t in DATA_TEXTS}, english - {str(t) for t in DATA_TEXTS}
    for note in english:
        assert data_text(note, "en") == note
        for lang in ("ru", "kk"):
            left = re.sub(r"«[^»]*»|\bIII-\d\d\b", "", data_text(note, lang))  # quotes, ids
            assert not re.search(r"[A-Za-z]{3,}", left), (lang, note)
        assert note in needs_review("kk")  # the Kazakh drafts wait for a native speaker
    assert data_text("a note of a user's own data", "ru") == "a note of a user's own data"


def test_places_by_name_in_ru_and_kk_and_by_id_in_en() -> None:
    from civicgrants.datasets import public_spaces
    from civicgrants.io.places import place_names, place_text

    places = place_names(public_spaces())
    assert {"mangistau", "atyrau", "tupkaragan", "kuryk", "bautino", "borankul"} <= set(places)
    names = {
        lang: [place_text(places, i, lang) for i in ("atyrau", "kuryk")]
        for lang in ("ru", "kk", "en")
    }
    assert names == {
        "ru": ["Атырауская область", "Курык"],
        "kk": ["Атырау облысы", "Құрық"],
        "en": ["atyrau", "kuryk"],
    }
    assert place_text(places, "no-such-place", "ru") == "no-such-place"


def test_the_demo_rollup_names_its_regions() -> None:
    import argparse
    import io

    from civicgrants.cli.rollup import run

    texts = {}
    for lang in ("en", "ru", "kk"):
        out = io.StringIO()
        run(
            argparse.Namespace(file=None, demo=True, by="stage,region", format="text", lang=lang),
            out,
        )
        texts[lang] = out.getvalue()
    assert "atyrau" in texts["en"] and "Atyrau" not in texts["en"]
    assert "Атырауская область" in texts["ru"] and "atyrau" not in texts["ru"]
    assert "Маңғыстау облысы" in texts["kk"] and "mangistau" not in texts["kk"]


def test_the_commission_names_its_criteria_in_ru_and_kk() -> None:
    from civicgrants.datasets.synthetic_round import synthetic_round
    from civicgrants.io.views.scoring import review_text
    from civicgrants.scoring import review

    r = review(*synthetic_round(), draws=50)
    en, ru, kk = (review_text(r, lang) for lang in ("en", "ru", "kk"))
    assert "relevance" in en and "обоснование актуальности" not in en
    assert "обоснование актуальности" in ru and "relevance" not in ru
    assert "өзектілігін негіздеу" in kk and "sustainability" not in kk
