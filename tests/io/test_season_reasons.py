"""A season's moves in ru and kk: reasons as codes and values, rendered from the catalogs."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given

from civicgrants.io.schedule import reason_line, season_text
from civicgrants.schedule import Methodology, MoveReason, public_spaces_methodology
from civicgrants.schedule.season import SeasonLocality, Trainer, plan_season
from tests.schedule.test_season import PROPERTY, seasons

FEB_1 = dt.date(2021, 2, 1)
# ids, dates and keys of the season; every other Latin word would be English
_IDS = re.compile(r"\b(?:loc\d+|t\d+|tz|[a-z]|atyrau|mangistau|turkistan)\b")


def _latin_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]{2,}", _IDS.sub(" ", text)))


@PROPERTY
@given(seasons())
def test_the_reasons_in_english_are_the_why(
    case: tuple[Methodology, list[SeasonLocality], list[Trainer]],
) -> None:
    methodology, localities, trainers = case
    season = plan_season(methodology, localities, trainers=trainers)
    for move in season.moved:
        assert move.reasons, move
        assert "; ".join(reason_line(r, "en") for r in move.reasons) == move.why
        assert move.what.startswith(f"{move.locality} {move.key} (")
        for lang in ("ru", "kk"):
            text = "; ".join(reason_line(r, lang) for r in move.reasons)
            assert _latin_words(text) == set(), (lang, text)


def test_many_busy_trainers_in_russian_and_kazakh() -> None:
    trainers = [Trainer(f"t{i}", ("atyrau",)) for i in range(7)]
    localities = [SeasonLocality(f"loc{i}", FEB_1, "atyrau") for i in range(8)]
    localities.append(SeasonLocality("z", FEB_1, "mangistau"))
    season = plan_season(
        public_spaces_methodology(), localities, trainers=[*trainers, Trainer("m", ("mangistau",))]
    )
    move = season.moved[0]
    busy = move.reasons[0]
    assert busy.code == "trainers-busy"
    assert busy.value("n") == "7" and busy.value("more") == "2" and busy.value("region") == "atyrau"
    assert move.why.startswith("all 7 trainers covering atyrau busy: t0 in loc0")
    assert reason_line(busy, "ru").startswith("заняты все тренеры региона atyrau (7): t0 в loc0")
    assert reason_line(busy, "ru").endswith("и ещё 2")
    assert reason_line(busy, "kk").endswith("және тағы 2")


def test_season_text_names_trainings_in_the_language() -> None:
    season = plan_season(
        public_spaces_methodology(),
        [SeasonLocality(x, FEB_1, "atyrau") for x in ("a", "b")],
        trainers=[Trainer("t1")],
    )
    ru, kk, en = (season_text(season, lang=lang) for lang in ("ru", "kk", "en"))
    assert "b 3.1 (Установочный семинар «Мобилизация сообщества»)" in ru
    assert "тренер t1 занят в a; t1 свободен с 2021-03-01" in ru
    assert "«Қауымдастықты жұмылдыру» кіріспе семинары" in kk
    assert "Introductory" not in ru + kk
    assert "trainer t1 busy in a; t1 is free from 2021-03-01" in en


def test_a_reason_has_its_values_by_name() -> None:
    r = MoveReason("follows", (("block", "3.1"), ("end", "2021-03-02")))
    assert r.value("end") == "2021-03-02" and r.value("nothing") == ""
    assert reason_line(r, "ru") == "оно идёт после 3.1, которое теперь заканчивается 2021-03-02"
