"""The ``civicgrants score`` command and its demo step."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from civicgrants.cli import main
from civicgrants.io.documents import dump, load
from civicgrants.io.scores_csv import load_scores
from civicgrants.io.views.scoring import review_text
from civicgrants.model.money import Money
from civicgrants.model.programme import Call
from civicgrants.scoring import LineFlip, ScoreStep, Verdict, review

DATA = Path(__file__).parents[1] / "data" / "scoring"


def _cells(line: str) -> list[str]:
    """The cells of a table line (columns are at least two spaces apart)."""
    return re.split(r" {2,}", line.strip())


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_score_json_has_the_documented_keys() -> None:
    code, out, _ = _run(
        "score", str(DATA / "call.json"), str(DATA / "scores.csv"), "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert {"ranking", "funded_total", "agreement", "sensitivity"} <= set(data)
    first = data["ranking"][0]
    assert {"application", "rank", "score", "decision", "granted", "recused"} <= set(first)
    assert [(r["application"], r["decision"]) for r in data["ranking"]] == [
        ("a3", "funded"),
        ("a4", "funded"),
        ("a1", "funded"),
        ("a2", "not_funded"),
    ]
    assert data["ranking"][2]["recused"] == ["m1", "m2"]
    assert data["funded_total"] == "4500000.00"
    _code2, out2, _ = _run(
        "score", str(DATA / "call.json"), str(DATA / "scores.csv"), "--format", "json"
    )
    assert out2 == out


def test_score_text_and_protocol(tmp_path: Path) -> None:
    target = tmp_path / "protocol.txt"
    code, out, _ = _run(
        "score",
        str(DATA / "call.json"),
        str(DATA / "scores.csv"),
        "--lang",
        "ru",
        "--protocol",
        str(target),
    )
    assert code == 0
    assert (
        "Черта финансирования: последнее финансируемое место 3 (a1), "
        "первое нефинансируемое место 4 (a2); профинансировано заявок: 3, "
        "4\xa0500\xa0000,00\xa0₸ из 5\xa0000\xa0000,00\xa0₸\n"
    ) in out
    assert target.read_text(encoding="utf-8").startswith("ПРОТОКОЛ ЗАСЕДАНИЯ")


def test_protocol_as_a_json_document_is_regenerated_byte_for_byte(tmp_path: Path) -> None:
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    for target in (first, second):
        code, _, _ = _run(
            "score", str(DATA / "call.json"), str(DATA / "scores.csv"), "--protocol", str(target)
        )
        assert code == 0
    assert first.read_bytes() == second.read_bytes()
    record = json.loads(first.read_text(encoding="utf-8"))
    assert record["schema"] == "civicgrants/commission-protocol@1"
    assert {r["application"]: r["decision"] for r in record["ranking"]} == {
        "a1": "funded",
        "a2": "not_funded",
        "a3": "funded",
        "a4": "funded",
    }
    assert [(r["member"], r["application"]) for r in record["recusals"]] == [
        ("m1", "a1"),
        ("m2", "a1"),
        ("m3", "a4"),
    ]
    assert record["agreement"] and record["sensitivity"]


def test_bad_score_row_is_exit_2_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "scores.csv"
    bad.write_text("application,member,criterion,score\na1,m1,relevance,5\n", encoding="utf-8")
    code, out, err = _run("score", str(DATA / "call.json"), str(bad))
    assert code == 2 and out == ""
    assert err == (
        "civicgrants: error: scores.csv:2: member: 'm1' is recused from 'a1' "
        "(same locality (kuryk)); a recused member's score must not be given\n"
    )


def test_demo_shows_the_synthetic_round() -> None:
    code, out, _ = _run("demo")
    assert code == 0
    assert "Step of the cycle: commission scoring (SYNTHETIC" in out
    assert "18 funded" in out and "Recusals (" in out


def test_score_text_in_russian_has_no_english_labels() -> None:
    code, out, _ = _run("score", str(DATA / "call.json"), str(DATA / "scores.csv"), "--lang", "ru")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Рейтинг: example-call (фонд 5\xa0000\xa0000,00\xa0₸, заявок: 4)"
    assert lines[1].split() == [
        "место", "заявка", "населённый", "пункт", "балл", "решение", "грант", "самоотвод",
    ]  # fmt: skip
    assert ["4", "a2", "bautino", "59,33", "не финансировать", "0,00\xa0₸", "—"] in [
        _cells(line) for line in lines
    ]
    assert "Самоотводы (3):" in lines
    assert "  m1 по заявке a1: тот же населённый пункт (kuryk)" in lines
    assert "Согласованность оценок членов комиссии (W Кендалла, исходные баллы)" in lines
    # the criteria by their names where the call gives them, by their keys where not
    assert "  критерий                      W  уровень             p  заявок" in lines
    assert "  обоснование актуальности  0,250  слабое         0,3173       2" in lines
    assert "  итог                          —  не определено       —       1" in lines
    assert (
        "Устойчивость решений у черты финансирования (2000 прогонов, seed 7, "
        "шум — один шаг шкалы на оценку)"
    ) in lines
    assert [line.split("  ")[1:4] for line in lines if "изменение фонда" in line] == [
        ["место", "заявка", "решение"]
    ]
    assert any(line.endswith("+1\xa0500\xa0000,00\xa0₸") for line in lines)
    # Every Latin word left is an identifier or data from the inputs (the declared
    # conflict's reason is free text), or the symbols W, p and seed.
    call = load(DATA / "call.json", Call)
    data = {"W", "p", "seed", call.id, "the", "applicant's", "chair", "is", "a"}
    data |= {"relative", *(m.id for m in call.members), *(a.id for a in call.applications)}
    data |= {c.key for c in call.criteria} | {a.locality for a in call.applications}
    words = set(re.findall(r"[A-Za-z][A-Za-z0-9_'-]*", out))
    assert words <= data, words - data


def test_score_text_in_english_keeps_its_labels() -> None:
    code, out, _ = _run("score", str(DATA / "call.json"), str(DATA / "scores.csv"))
    assert code == 0
    assert (
        "Funding line: last funded rank 3 (a1), first not funded rank 4 (a2); "
        "3 funded, KZT4,500,000.00 of KZT5,000,000.00\n"
    ) in out
    assert "  m3 from a4: declared conflict: the applicant's chair is a relative\n" in out
    assert not re.search(r"[А-Яа-яЁё]", out)


def test_nothing_funded_is_a_sentence(tmp_path: Path) -> None:
    call = load(DATA / "call.json", Call)
    poor = dump(attrs.evolve(call, pot=Money("1000", "KZT"), max_grant=None), tmp_path / "c.json")
    for lang, sentence in (
        (
            "en",
            "Funding line: nothing was funded, first not funded rank 1 (a3); "
            "0 funded, KZT0.00 of KZT1,000.00\n",
        ),
        (
            "ru",
            "Черта финансирования: ничего не профинансировано, первое нефинансируемое место 1 "
            "(a3); профинансировано заявок: 0, 0,00\xa0₸ из 1\xa0000,00\xa0₸\n",
        ),
    ):
        code, out, _ = _run("score", str(poor), str(DATA / "scores.csv"), "--lang", lang)
        assert code == 0
        assert sentence in out
        assert "None" not in out


def test_text_limit_and_unranked_sensitivity_rows() -> None:
    call = load(DATA / "call.json", Call)
    sheet = load_scores(DATA / "scores.csv")
    r = review(call, sheet, draws=10)
    item = LineFlip(
        application="a2",
        rank=None,
        position=3,
        verdict=Verdict.BELOW_THRESHOLD,
        probability=0.5,
        stderr=0.01,
        change=ScoreStep("m1", "budget", Decimal("6"), Decimal("8"), 2),
        pot_change=Money("-1.50"),
    )
    r = attrs.evolve(r, sensitivity=attrs.evolve(r.sensitivity, flips=(item,)))
    for lang, expected, more in (
        (
            "ru",
            ["—", "a2", "ниже порога", "50,0%", "m1, budget: 6 → 8", "-1,50\xa0₸"],
            "… и ещё 2",
        ),
        (
            "en",
            ["—", "a2", "below_threshold", "50.0%", "m1 on budget: 6 → 8", "-1.50"],
            "… 2 more",
        ),
    ):
        lines = review_text(r, lang, limit=2).splitlines()
        assert _cells(lines[-1]) == expected, lines
        assert f"  {more}" in lines


def test_score_uncertainty_and_lottery(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("score", str(DATA / "call.json"), str(DATA / "scores.csv"))
    code, out, _ = _run(*args, "--uncertainty")
    assert code == 0
    assert out.startswith("Ranking with uncertainty: 4 applications, 4 members, 13 grades")
    code, out, _ = _run(*args, "--uncertainty", "--format", "json")
    data = json.loads(out)
    assert data["seed"] == load(DATA / "call.json", Call).seed
    assert [a["rank_interval"][0] <= a["rank_interval"][1] for a in data["applications"]] == [
        True
    ] * 4
    code, out, _ = _run(*args, "--lottery", "7", "--format", "json")
    assert code == 0
    lottery = json.loads(out)
    assert lottery["seed"] == 7 and len(lottery["funded"]) == 3  # the exact decision funds 3
    assert _run(*args, "--lottery", "7", "--format", "json")[1] == out  # replayed
    code, out, _ = _run(*args, "--lottery", "7", "--lang", "ru")
    assert code == 0 and out.startswith("Жеребьёвка: зерно 7;")
    capsys.readouterr()
    for bad in (("--lottery", "x"), ("--lottery", "-1"), ("--lottery", "1", "--uncertainty")):
        with pytest.raises(SystemExit) as exc:
            _run(*args, *bad)
        err = capsys.readouterr().err
        assert exc.value.code == 2 and "--lottery" in err and len(err.strip().splitlines()) == 1
