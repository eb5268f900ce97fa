"""``civicgrants round report DIR -o FILE``: one library call, the file written, one line printed."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("jinja2")
pytest.importorskip("matplotlib")

from civicgrants.cli import main
from civicgrants.datasets.example_round import example_round
from civicgrants.io.html import round_report
from civicgrants.io.render import render
from civicgrants.io.workspace import dump_round, load_round


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(dump_round(example_round(), tmp_path_factory.mktemp("round") / "r").folder)


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_the_command_writes_what_the_library_makes(folder: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    status, out, err = _run(
        "round", "report", str(folder), "-o", str(page), "--lang", "kk", "--on", "2021-12-01"
    )
    assert (status, err) == (0, "")
    library = round_report(load_round(folder), lang="kk", on=dt.date(2021, 12, 1))
    assert page.read_bytes() == library.html.encode("utf-8")
    # the folder reads back as the same round, so the page is the example round's page
    assert library.html == round_report(example_round(), lang="kk", on=dt.date(2021, 12, 1)).html
    # one line, through the result's registered text view
    assert out.count("\n") == 1 and out.startswith(f"{page} жазылды: example-round раунды")
    assert "бөлімдер 8, графиктер 5" in out


def test_the_same_round_gives_the_same_file_twice(folder: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    assert _run("round", "report", str(folder), "-o", str(first))[0] == 0
    assert _run("round", "report", str(folder), "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_json_names_the_file_its_sections_and_its_digest(folder: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    status, out, _ = _run("round", "report", str(folder), "-o", str(page), "--format", "json")
    data = json.loads(out)
    assert status == 0 and data["path"] == str(page) and data["lang"] == "en"
    assert data["sections"][-1] == "localities"  # no --on: nothing overdue is listed
    assert data["sha256"] == hashlib.sha256(page.read_bytes()).hexdigest()
    assert data["bytes"] == page.stat().st_size


def test_the_text_is_what_render_writes_for_the_written_report(
    folder: Path, tmp_path: Path
) -> None:
    from civicgrants.io.html import write_report

    page = tmp_path / "report.html"
    _, out, _ = _run("round", "report", str(folder), "-o", str(page), "--lang", "ru")
    written = write_report(round_report(load_round(folder), lang="ru"), tmp_path / "again.html")
    assert out == render(written, lang="ru").replace(str(tmp_path / "again.html"), str(page))


def test_without_output_the_usage_error_is_one_line(folder: Path) -> None:
    with pytest.raises(SystemExit) as info:
        _run("round", "report", str(folder))
    assert info.value.code == 2


def test_a_folder_that_is_not_a_round_is_bad_input(tmp_path: Path) -> None:
    status, _, err = _run("round", "report", str(tmp_path / "nowhere"), "-o", "x.html")
    assert status == 2 and err.startswith("civicgrants: error:")
    assert not (tmp_path / "x.html").exists()


def test_a_missing_extra_is_bad_input_naming_the_pip_command(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    status, _, err = _run("round", "report", str(folder), "-o", str(tmp_path / "x.html"))
    assert status == 2
    assert "needs the 'report' extra: pip install 'civicgrants[report]'" in err
    assert not (tmp_path / "x.html").exists()
