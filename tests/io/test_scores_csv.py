"""Reading score sheets from the long CSV."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817
from pathlib import Path

import pytest

from civicgrants.errors import DocumentError, ValidationError
from civicgrants.io.documents import load
from civicgrants.io.scores_csv import dumps_scores, load_scores, loads_scores
from civicgrants.model.programme import Call
from civicgrants.scoring import decide

DATA = Path(__file__).parents[1] / "data" / "scoring"


def test_not_applicable_spellings_and_optional_columns() -> None:
    text = "application;member;criterion;score;confidence\na1;m1;r;n/a;\na1;m2;r;н/п;\na1;m3;r;NA;0,5\na1;m4;r;7,5;1\n"
    sheet = loads_scores(text)
    assert [s.score for s in sheet.scores] == [None, None, None, D("7.5")]
    assert sheet.scores[2].confidence == D("0.5")
    assert [s.line for s in sheet.scores] == [2, 3, 4, 5]


def test_an_empty_score_is_an_error_not_a_silent_na() -> None:
    with pytest.raises(DocumentError) as err:
        loads_scores("application,member,criterion,score\na1,m1,r,\n", source="s.csv")
    assert err.value.one_line() == (
        "s.csv:2: score: is empty; write n/a for a criterion that does not apply"
    )


def test_every_problem_is_located() -> None:
    text = "application,member,criterion,score\na1,m1,r,x\nbad id,m1,r,1\na1,m1\n"
    with pytest.raises(DocumentError) as err:
        loads_scores(text, source="scores.csv")
    assert [str(p) for p in err.value.problems] == [
        "scores.csv:2: score: must be a decimal number or n/a, got 'x'",
        "scores.csv:3: application: must be an id, got 'bad id'",
        "scores.csv:4: has 2 cells, the header has 4",
    ]


def test_missing_and_unknown_columns() -> None:
    with pytest.raises(DocumentError, match="missing column\\(s\\): score"):
        loads_scores("application,member,criterion\na,b,c\n")
    with pytest.raises(DocumentError, match="unknown column\\(s\\): weight"):
        loads_scores("application,member,criterion,score,weight\na,b,c,1,2\n")


def test_off_scale_score_is_located_by_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    text = (DATA / "scores.csv").read_text(encoding="utf-8").splitlines()
    cells = text[6].split(",")
    cells[3] = "12"
    text[6] = ",".join(cells)
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    call = load(DATA / "call.json", Call)
    with pytest.raises(
        ValidationError, match=r"^scores\.csv:7: score: must be between 0 and 10, got 12$"
    ):
        decide(call, load_scores(path))


def test_comments_are_personal_and_dropped_on_export() -> None:
    sheet = load_scores(DATA / "scores.csv")
    assert any(s.comment for s in sheet.scores)
    assert "Ivanov" not in dumps_scores(sheet)
    assert "Ivanov" in dumps_scores(sheet, redact=False)
    again = loads_scores(dumps_scores(sheet, redact=False))
    assert [(s.application, s.member, s.criterion, s.score, s.comment) for s in again.scores] == [
        (s.application, s.member, s.criterion, s.score, s.comment) for s in sheet.scores
    ]


def test_a_cell_read_once_is_still_judged_on_every_row() -> None:
    text = (
        "application,member,criterion,score\n"
        "bad id,m1,r,x\n"
        " a1 ,m1,r,7\n"
        "bad id,m2,r,x\n"
        " a1 ,m2,r, 7 \n"
        "a1,m3,r,\n"
        "a1,m4,r,\n"
    )
    with pytest.raises(DocumentError) as err:
        loads_scores(text, source="scores.csv")
    assert [str(p) for p in err.value.problems] == [
        "scores.csv:2: application: must be an id, got 'bad id'",
        "scores.csv:2: score: must be a decimal number or n/a, got 'x'",
        "scores.csv:4: application: must be an id, got 'bad id'",
        "scores.csv:4: score: must be a decimal number or n/a, got 'x'",
        "scores.csv:6: score: is empty; write n/a for a criterion that does not apply",
        "scores.csv:7: score: is empty; write n/a for a criterion that does not apply",
    ]
    good = loads_scores(text.replace("bad id", "a2").replace(",x", ",N/A").replace(",\n", ",н/п\n"))
    assert [(s.application, s.member, s.score, s.line) for s in good.scores] == [
        ("a2", "m1", None, 2),
        ("a1", "m1", D(7), 3),
        ("a2", "m2", None, 4),
        ("a1", "m2", D(7), 5),
        ("a1", "m3", None, 6),
        ("a1", "m4", None, 7),
    ]
