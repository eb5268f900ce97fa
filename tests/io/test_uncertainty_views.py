"""The text and JSON of decisions that show their uncertainty (issue 16), in en, ru and kk."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from civicgrants.io.labels import tr
from civicgrants.io.render import render
from civicgrants.io.views.uncertainty import LABELS, reason_text
from civicgrants.scoring import (
    Grade,
    LineKind,
    Lottery,
    Placed,
    PlacementReason,
    draw_lottery,
    fit_uncertainty,
    funding_zone,
)

GRADES = [
    Grade(a, m, v)
    for a, m, v in [
        ("a", "m1", 90), ("a", "m2", 92), ("b", "m1", 60), ("b", "m2", 61),
        ("c", "m2", 59), ("c", "m1", 58), ("d", "m2", 20), ("d", "m1", 22),
    ]
]  # fmt: skip


@pytest.fixture(scope="module")
def lottery() -> Lottery:
    model = fit_uncertainty(
        GRADES, seed=1, draws=500, panels={"a": "x", "b": "x", "c": "y", "d": "y"}
    )
    return draw_lottery(funding_zone(model, fundable=2), seed=9, weights={"c": Decimal("0.25")})


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_every_result_renders_in_every_language(lottery: Lottery, lang: str) -> None:
    for result in (lottery, lottery.zone, lottery.zone.model):
        text = render(result, "text", lang=lang)
        assert text.endswith("\n") and "{" not in text
    text = render(lottery, "text", lang=lang)
    for p in lottery.placements:  # every placement's reason, worded in the language
        assert reason_text(p.reason, lang) in text


def test_every_code_and_kind_has_its_words() -> None:
    for kind in LineKind:
        for code in Placed:
            why = PlacementReason(code, 1, 3, 2, kind, order=2, places=1)
            en, ru = reason_text(why, "en"), reason_text(why, "ru")
            assert en != ru and "{" not in en + ru + reason_text(why, "kk")
    for v in LABELS.values():  # every text translated in both catalogs
        assert tr(v["en"], "ru") != v["en"] and tr(v["en"], "kk") != v["en"]


def test_json_carries_the_structured_reason_and_exact_weights(lottery: Lottery) -> None:
    data = json.loads(render(lottery, "json"))
    assert data["seed"] == 9 and data["funded"] == list(lottery.funded)
    assert {d["application"]: d["weight"] for d in data["draw"]}["c"] == "0.25"
    reasons = {p["application"]: p["reason"] for p in data["placements"]}
    assert reasons["a"]["code"] == "above" and reasons["d"]["code"] == "below"
    assert {reasons["b"]["code"], reasons["c"]["code"]} == {"drawn", "not_drawn"}
    assert set(reasons["b"]) >= {"en", "ru", "kk", "interval", "order", "places"}
    model = json.loads(render(lottery.zone.model, "json"))
    assert [p["panel"] for p in model["panels"]] == ["x", "y"]
    for row in model["applications"]:
        assert sum(row["rank_probabilities"]) == pytest.approx(1, abs=1e-5)


def test_the_same_seed_renders_byte_identical(lottery: Lottery) -> None:
    model = fit_uncertainty(
        GRADES, seed=1, draws=500, panels={"a": "x", "b": "x", "c": "y", "d": "y"}
    )
    again = draw_lottery(funding_zone(model, fundable=2), seed=9, weights={"c": Decimal("0.25")})
    assert render(again, "json") == render(lottery, "json")
    assert render(again, "text", lang="ru") == render(lottery, "text", lang="ru")


def test_a_quality_line_is_worded_as_a_quality() -> None:
    model = fit_uncertainty(GRADES, seed=1, draws=300)
    text = render(draw_lottery(funding_zone(model, line=59.5), seed=1), "text")
    assert "Funding line: quality 59.5" in text and "quality interval" in text
