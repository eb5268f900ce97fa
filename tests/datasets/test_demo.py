"""The demo's round: ``round init``, ``status`` and ``report`` on the example round, in a folder."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest

from civicgrants.datasets.demo import REPORT_FILE, ROUND_DATE, demo, round_steps
from civicgrants.datasets.example_round import example_round
from civicgrants.errors import DocumentError
from civicgrants.io.workspace import WrittenRound, load_round
from civicgrants.model.walkthrough import ReportFile, Step
from civicgrants.round import RoundStatus, round_status


def without_the_report_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import jinja2`` and ``import matplotlib`` fail, as without the ``report`` extra."""
    for name in ("jinja2", "matplotlib"):
        monkeypatch.setitem(sys.modules, name, None)


@pytest.fixture(scope="module")
def kept(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[Step, Step, Step]]:
    folder = tmp_path_factory.mktemp("demo") / "my-round"
    return folder, round_steps(folder, lang="ru")


def test_the_demo_ends_with_the_three_round_steps() -> None:
    w = demo()
    keys = [s.key for s in w.steps]
    assert keys[-3:] == ["round-init", "round-status", "round-report"]
    assert "round" not in keys  # the in-memory status step is gone
    init, status, report = (w.step(k).result for k in keys[-3:])
    assert isinstance(init, WrittenRound) and isinstance(status, RoundStatus)
    assert isinstance(report, ReportFile) and report.written
    # the folder was temporary and is gone: no step names it
    assert init.folder == "" and all(w.step(k).source is None for k in keys[-3:])
    assert status.on == ROUND_DATE and report.on == ROUND_DATE


def test_the_status_is_the_one_read_back_from_the_folder(
    kept: tuple[Path, tuple[Step, Step, Step]],
) -> None:
    folder, (init, status, report) = kept
    assert [s.key for s in (init, status, report)] == ["round-init", "round-status", "round-report"]
    assert {s.source for s in (init, status, report)} == {str(folder)}
    assert isinstance(init.result, WrittenRound) and init.result.folder == str(folder)
    (folder / REPORT_FILE).rename(folder.parent / REPORT_FILE)  # the folder as init left it
    try:
        assert status.result == round_status(load_round(folder), on=ROUND_DATE)
    finally:
        (folder.parent / REPORT_FILE).rename(folder / REPORT_FILE)
    assert status.result.synthetic == example_round().synthetic


def test_the_report_is_written_in_the_folder(kept: tuple[Path, tuple[Step, Step, Step]]) -> None:
    folder, (init, _, report) = kept
    assert isinstance(report.result, ReportFile)
    page = folder / REPORT_FILE
    assert page.stat().st_size == report.result.size
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="ru">' in html
    assert "СИНТЕТИЧЕСКИЕ" in html  # the synthetic parts are labelled on the page too
    assert report.result.lang == "ru" and report.result.sections[-1] == "overdue"
    assert report.result.synthetic == example_round().synthetic
    written = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert isinstance(init.result, WrittenRound)
    assert written == {*init.result.files, REPORT_FILE}


def test_a_folder_that_holds_a_round_or_anything_else_is_refused(
    kept: tuple[Path, tuple[Step, Step, Step]], tmp_path: Path
) -> None:
    folder, _ = kept
    before = sorted(folder.rglob("*"))
    with pytest.raises(DocumentError) as exc:
        round_steps(folder)
    assert exc.value.one_line() == f"{folder}: round.json: the folder holds a round"
    assert sorted(folder.rglob("*")) == before
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(DocumentError, match="not empty"):
        round_steps(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]  # nothing written


def test_without_the_report_extra_the_step_says_what_the_report_would_hold(
    kept: tuple[Path, tuple[Step, Step, Step]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    without_the_report_extra(monkeypatch)
    _, status, report = round_steps(tmp_path / "r", lang="ru")
    assert isinstance(report.result, ReportFile)
    assert not report.result.written and report.result.needs == "report"
    assert report.result.size is None and not (tmp_path / "r" / REPORT_FILE).exists()
    # what it would hold is what the real report holds
    real = kept[1][2].result
    assert isinstance(real, ReportFile)
    assert (report.result.sections, report.result.charts) == (real.sections, real.charts)
    assert status.result == kept[1][1].result  # the rest of the round is unchanged


def test_the_temporary_folder_is_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    without_the_report_extra(monkeypatch)  # quicker; the folder is the point here
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    w = demo()
    assert list(tmp_path.iterdir()) == []
    assert w.step("round-init").source is None
