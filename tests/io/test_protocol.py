"""The commission protocol: content, languages, byte-identical regeneration, redaction."""

from __future__ import annotations

import json
from pathlib import Path

from civicgrants.datasets.synthetic_round import synthetic_round
from civicgrants.io.documents import load
from civicgrants.io.protocol import protocol_data, protocol_json, protocol_text
from civicgrants.io.scores_csv import load_scores
from civicgrants.model.programme import Call
from civicgrants.scoring import decide

DATA = Path(__file__).parents[1] / "data" / "scoring"


def _inputs() -> tuple[Call, object, object]:
    call = load(DATA / "call.json", Call)
    sheet = load_scores(DATA / "scores.csv")
    return call, sheet, decide(call, sheet)


def test_protocol_is_regenerated_byte_for_byte() -> None:
    call, sheet, d = _inputs()
    call2, sheet2, d2 = _inputs()
    for lang in ("ru", "en"):
        assert protocol_text(call, sheet, d, lang=lang) == protocol_text(
            call2, sheet2, d2, lang=lang
        )  # type: ignore[arg-type]
    assert protocol_json(call, sheet, d) == protocol_json(call2, sheet2, d2)  # type: ignore[arg-type]


def test_protocol_states_recusals_decisions_and_line() -> None:
    call, sheet, d = _inputs()
    ru = protocol_text(call, sheet, d, lang="ru")  # type: ignore[arg-type]
    assert ru.startswith("ПРОТОКОЛ ЗАСЕДАНИЯ КОНКУРСНОЙ КОМИССИИ\n")
    assert (
        "  m3    a4      заявленный конфликт интересов: the applicant's chair is a relative" in ru
    )
    assert "тот же населённый пункт (kuryk)" in ru
    en = protocol_text(call, sheet, d, lang="en")  # type: ignore[arg-type]
    assert "last funded rank: 3 (a1); first not funded: 4 (a2)" in en
    assert "a2: rank 4: grant 2000000.00 KZT does not fit the remaining 500000.00 KZT" in en
    data = protocol_data(call, sheet, d)  # type: ignore[arg-type]
    assert [r["application"] for r in data["recusals"]] == ["a1", "a1", "a4"]
    assert data["funded_total"] == "4500000.00"
    json.dumps(data)


def test_comments_only_when_not_redacted() -> None:
    call, sheet, d = _inputs()
    assert "Ivanov" not in protocol_json(call, sheet, d)  # type: ignore[arg-type]
    assert "Ivanov" not in protocol_text(call, sheet, d)  # type: ignore[arg-type]
    assert "Ivanov" in protocol_json(call, sheet, d, redact=False)  # type: ignore[arg-type]
    assert "Ivanov" in protocol_text(call, sheet, d, redact=False)  # type: ignore[arg-type]


def test_synthetic_round_is_labelled_and_funds_18() -> None:
    call, sheet = synthetic_round()
    d = decide(call, sheet)
    assert len(call.applications) == 53 and len(d.funded) == 18
    assert call.names is not None and "SYNTHETIC" in call.names.get("en")
    assert d.recusals and all("same locality" in r.reason for r in d.recusals)
    assert synthetic_round() == (call, sheet)
