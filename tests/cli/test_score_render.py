"""A notebook gets what the CLI prints: ``review`` + ``render`` equal ``civicgrants score``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from civicgrants.cli import main
from civicgrants.io.documents import load
from civicgrants.io.protocol import protocol_json, protocol_text
from civicgrants.io.render import render
from civicgrants.io.scores_csv import load_scores
from civicgrants.model.programme import Call
from civicgrants.scoring import review

DATA = Path(__file__).parents[1] / "data" / "scoring"
CALL, SCORES = DATA / "call.json", DATA / "scores.csv"


def _cli(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert main(["score", str(CALL), str(SCORES), *argv], out=out, err=err) == 0, err.getvalue()
    return out.getvalue()


@pytest.mark.parametrize(
    ("fmt", "lang"), [("text", "en"), ("text", "ru"), ("text", "kk"), ("json", "en")]
)
def test_render_of_the_review_is_what_the_cli_prints(fmt: str, lang: str) -> None:
    result = review(load(CALL, Call), load_scores(SCORES))
    assert render(result, fmt, lang=lang) == _cli("--format", fmt, "--lang", lang)


@pytest.mark.parametrize(("name", "lang"), [("p.txt", "ru"), ("p.txt", "en"), ("p.json", "en")])
def test_protocol_functions_write_what_the_cli_writes(tmp_path: Path, name: str, lang: str) -> None:
    target = tmp_path / name
    _cli("--lang", lang, "--protocol", str(target))
    result = review(load(CALL, Call), load_scores(SCORES))
    expected = protocol_json(result) if name.endswith(".json") else protocol_text(result, lang=lang)
    assert target.read_text(encoding="utf-8") == expected
