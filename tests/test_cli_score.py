"""The ``civicgrants score`` command and its demo step."""

from __future__ import annotations

import io
import json
from pathlib import Path

from civicgrants.cli import main

DATA = Path(__file__).parent / "data" / "scoring"


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
    assert "Funding line: last funded rank 3 (a1)" in out
    assert target.read_text(encoding="utf-8").startswith("ПРОТОКОЛ ЗАСЕДАНИЯ")


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
