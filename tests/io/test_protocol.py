"""The commission protocol: content, languages, byte-identical regeneration, redaction."""

from __future__ import annotations

import json
from pathlib import Path

import attrs

from civicgrants.datasets.synthetic_round import synthetic_round
from civicgrants.io.documents import load
from civicgrants.io.protocol import protocol_data, protocol_json, protocol_text
from civicgrants.io.scores_csv import load_scores
from civicgrants.model.money import Money
from civicgrants.model.programme import Call
from civicgrants.scoring import CommissionDecision, Review, decide, review
from civicgrants.scoring.sheet import ScoreSheet

DATA = Path(__file__).parents[1] / "data" / "scoring"


def _r(call: Call, sheet: ScoreSheet) -> Review:
    return review(call, sheet, draws=100)


def _inputs() -> tuple[Call, ScoreSheet, CommissionDecision]:
    call = load(DATA / "call.json", Call)
    sheet = load_scores(DATA / "scores.csv")
    return call, sheet, decide(call, sheet)


def test_protocol_is_regenerated_byte_for_byte() -> None:
    call, sheet, _ = _inputs()
    call2, sheet2, _ = _inputs()
    for lang in ("ru", "en"):
        assert protocol_text(_r(call, sheet), lang=lang) == protocol_text(
            _r(call2, sheet2), lang=lang
        )
    assert protocol_json(_r(call, sheet)) == protocol_json(_r(call2, sheet2))


def test_protocol_states_recusals_decisions_and_line() -> None:
    call, sheet, _ = _inputs()
    ru = protocol_text(_r(call, sheet), lang="ru")
    assert ru.startswith("ПРОТОКОЛ ЗАСЕДАНИЯ КОНКУРСНОЙ КОМИССИИ\n")
    assert (
        "  m3    a4      заявленный конфликт интересов: the applicant's chair is a relative" in ru
    )
    assert "тот же населённый пункт (kuryk)" in ru
    en = protocol_text(_r(call, sheet), lang="en")
    assert "last funded rank: 3 (a1); first not funded: 4 (a2)" in en
    assert "a2: rank 4: grant 2000000.00 KZT does not fit the remaining 500000.00 KZT" in en
    data = protocol_data(_r(call, sheet))
    assert [r["application"] for r in data["recusals"]] == ["a1", "a1", "a4"]
    assert data["funded_total"] == "4500000.00"
    json.dumps(data)


def test_comments_only_when_not_redacted() -> None:
    call, sheet, _ = _inputs()
    assert "Ivanov" not in protocol_json(_r(call, sheet))
    assert "Ivanov" not in protocol_text(_r(call, sheet))
    assert "Ivanov" in protocol_json(_r(call, sheet), redact=False)
    assert "Ivanov" in protocol_text(_r(call, sheet), redact=False)


def test_synthetic_round_is_labelled_and_funds_18() -> None:
    call, sheet = synthetic_round()
    d = decide(call, sheet)
    assert len(call.applications) == 53 and len(d.funded) == 18
    assert call.names is not None and "SYNTHETIC" in call.names.get("en")
    assert d.recusals and all("same locality" in r.reason for r in d.recusals)
    assert synthetic_round() == (call, sheet)


def _grid(text: str, header: str) -> dict[str, list[str]]:
    """The score grid of section 4 as {application: [cell per member]} (cells hold no spaces)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("4. "))
    end = next(i for i, line in enumerate(lines) if line.startswith("5. "))
    rows = {}
    inside = False
    for line in lines[start:end]:
        if line.split()[:1] == [header]:
            inside = True
            continue
        if inside and line.strip():
            first, *cells = line.split()
            rows[first] = cells
    return rows


def test_grid_shows_who_scored_what_recused_na_and_missing() -> None:
    call, sheet, _ = _inputs()
    assert isinstance(sheet, ScoreSheet)
    # m2 gives nothing on a3; m4 leaves out budget on a3 (missing scores).
    kept = tuple(
        s
        for s in sheet.scores
        if not (s.application == "a3" and s.member == "m2")
        and not (s.application == "a3" and s.member == "m4" and s.criterion == "budget")
    )
    sheet = ScoreSheet(kept)
    en = protocol_text(_r(call, sheet), lang="en")
    ru = protocol_text(_r(call, sheet), lang="ru")
    assert _grid(en, "application") == {
        "a1": ["recused", "recused", "6·5·8·10", "4·3·10·7"],
        "a2": ["6·6·10·10", "9·5·6·5", "9·3·4·5", "3·7·3·n/a"],
        "a3": ["10·9·9·9", "—", "3·5·10·6", "7·—·7·9"],
        "a4": ["9·8·9·6", "8·3·7·5", "recused", "8·4·6·7"],
    }
    assert _grid(ru, "заявка") == {
        "a1": ["самоотвод", "самоотвод", "6·5·8·10", "4·3·10·7"],
        "a2": ["6·6·10·10", "9·5·6·5", "9·3·4·5", "3·7·3·н/п"],
        "a3": ["10·9·9·9", "—", "3·5·10·6", "7·—·7·9"],
        "a4": ["9·8·9·6", "8·3·7·5", "самоотвод", "8·4·6·7"],
    }
    assert "  application         m1       m2        m3         m4\n" in en
    assert "Each cell: the member's scores on relevance·budget·contribution·sustainability;" in en
    assert "'n/a' = not applicable, '—' = no score given," in en
    assert "«н/п» — критерий неприменим, «—» — оценки нет," in ru
    assert "«самоотвод» — член комиссии заявку не оценивал (раздел 3)." in ru


def test_grid_of_the_synthetic_round_is_readable() -> None:
    call, sheet = synthetic_round()
    d = decide(call, sheet)
    for lang, header in (("ru", "заявка"), ("en", "application")):
        text = protocol_text(_r(call, sheet), lang=lang)
        grid = _grid(text, header)
        assert list(grid) == [a.id for a in call.applications]
        assert all(len(cells) == len(call.members) for cells in grid.values())
        section = text[text.index("\n4. ") : text.index("\n5. ")]
        assert max(len(line) for line in section.splitlines()) <= 100
        recused = "самоотвод" if lang == "ru" else "recused"
        assert sum(cells.count(recused) for cells in grid.values()) == len(d.recusals)
        assert protocol_text(_r(call, sheet), lang=lang) == text


def test_nothing_funded_is_a_sentence() -> None:
    call, sheet, _ = _inputs()
    assert isinstance(call, Call) and isinstance(sheet, ScoreSheet)
    poor = attrs.evolve(call, pot=Money("1000", "KZT"), max_grant=None)
    d = decide(poor, sheet)
    assert not d.funded
    assert "  nothing was funded\n" in protocol_text(_r(poor, sheet), lang="en")
    assert "  ничего не профинансировано\n" in protocol_text(_r(poor, sheet), lang="ru")
