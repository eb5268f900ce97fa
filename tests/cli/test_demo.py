"""``civicgrants demo`` prints what a notebook gets from the same library call."""

from __future__ import annotations

import functools
import io
import sys
import tempfile
from pathlib import Path

import pytest

from civicgrants.cli import main
from civicgrants.datasets.demo import demo
from civicgrants.io.render import render
from civicgrants.model.walkthrough import Walkthrough


def run_demo(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["demo", *argv], out=out, err=err)
    return status, out.getvalue(), err.getvalue()


@functools.cache
def walkthrough(lang: str) -> Walkthrough:
    """The demo in ``lang``, made once for this module (it is frozen, and takes seconds)."""
    return demo(lang=lang)


@functools.cache
def printed(lang: str) -> tuple[int, str, str]:
    """``civicgrants demo --lang LANG``: status, stdout and stderr, run once for this module."""
    return run_demo("--lang", lang)


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_the_demo_command_prints_the_rendered_walkthrough(lang: str) -> None:
    status, out, err = printed(lang)
    assert (status, err) == (0, "")
    assert isinstance(walkthrough(lang), Walkthrough)
    assert out == render(walkthrough(lang), "text", lang=lang)


def test_every_step_is_a_typed_result() -> None:
    from civicgrants.budget import BudgetCheck
    from civicgrants.io.workspace import WrittenRound
    from civicgrants.model import Programme
    from civicgrants.model.walkthrough import ReportFile
    from civicgrants.round import RoundStatus
    from civicgrants.schedule import Plan
    from civicgrants.scoring import Review

    w = walkthrough("en")
    assert isinstance(w.step("programme").result, Programme)
    assert isinstance(w.step("schedule").result, Plan)
    assert isinstance(w.step("budget").result, BudgetCheck)
    assert isinstance(w.step("scoring").result, Review)
    assert isinstance(w.step("round-init").result, WrittenRound)
    assert isinstance(w.step("round-status").result, RoundStatus)
    assert isinstance(w.step("round-report").result, ReportFile)
    with pytest.raises(KeyError, match="no step 'nope'"):
        w.step("nope")


def test_the_demo_writes_money_one_way_per_language() -> None:
    text = printed("en")[1]
    assert "KZT1,600,000.00" in text and "₸" not in text.split("Step of the cycle: budgets")[0]
    ru = printed("ru")[1]
    assert "1\xa0600\xa0000,00\xa0₸" in ru and "KZT1" not in ru


def test_the_output_is_the_same_on_every_run() -> None:
    assert run_demo() == printed("en")


def test_out_keeps_the_round_and_its_report_and_prints_the_folder_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = []
    for where in ("a", "b"):  # the same name in two places: the same text
        (tmp_path / where).mkdir()
        monkeypatch.chdir(tmp_path / where)
        status, out, err = run_demo("--out", "my-round")
        assert (status, err) == (0, "")
        assert (tmp_path / where / "my-round" / "round.json").is_file()
        assert (tmp_path / where / "my-round" / "report.html").stat().st_size > 10_000
        texts.append(out)
    assert texts[0] == texts[1]
    assert str(tmp_path) not in texts[0]
    section = texts[0].split("=" * 78 + "\n")[-1]
    assert "Kept in my-round" in section
    assert "\n$ civicgrants round init my-round\n" in section
    assert "\n$ civicgrants round status my-round --on 2021-12-01\n" in section
    assert "\n$ civicgrants round report my-round -o my-round/report.html --on 2021-12-01\n" in (
        section
    )
    assert "wrote my-round/report.html: the en report of round example-round" in section
    # a second run on the same folder is refused on one line, and changes nothing
    before = sorted(p.stat().st_mtime_ns for p in Path("my-round").rglob("*"))
    status, out, err = run_demo("--out", "my-round")
    assert (status, out) == (2, "")
    assert err == "civicgrants: error: my-round: round.json: the folder holds a round\n"
    assert sorted(p.stat().st_mtime_ns for p in Path("my-round").rglob("*")) == before


def test_without_out_the_folder_is_temporary_and_never_printed() -> None:
    status, out, err = printed("en")
    assert (status, err) == (0, "")
    section = out.split("=" * 78 + "\n")[-1]
    assert section.startswith("Step of the cycle: the round from decision to delivery")
    assert (
        "Written to a temporary folder and removed; `civicgrants demo --out DIR` keeps it."
        in section
    )
    assert "\n$ civicgrants round init DIR\n" in section
    assert tempfile.gettempdir() not in out and "civicgrants-demo-" not in out
    # every round step names the synthetic parts
    assert section.count("SYNTHETIC parts (not published data): applications, scores") == 3


def test_without_the_report_extra_the_demo_says_what_to_install_and_exits_0(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("jinja2", "matplotlib"):  # as after `pip install .`, without extras
        monkeypatch.setitem(sys.modules, name, None)
    status, out, err = run_demo()
    assert (status, err) == (0, "")
    section = out.split("=" * 78 + "\n")[-1]
    lines = section.splitlines()
    at = lines.index("$ civicgrants round report DIR -o DIR/report.html --on 2021-12-01")
    assert lines[at + 1] == (
        "DIR/report.html not written: the HTML report needs the 'report' extra (Jinja2, "
        "matplotlib): pip install 'civicgrants[report]'"
    )
    from civicgrants.io.html import CHARTS, SECTIONS

    assert lines[at + 2] == (
        f"With it, the en report of round example-round would hold {len(SECTIONS)} sections "
        f"and {len(CHARTS)} charts:"
    )
    assert lines[at + 3 : at + 11] == [
        "  - the title, the round, the date and the SYNTHETIC notice",
        "  - the funnel: counts and money at each stage (chart)",
        "  - the funding line: the commission's ranking against the pot (chart)",
        "  - budgets by source: requested, funded and spent (chart)",
        "  - the season: the methodology's steps on real dates (chart)",
        "  - indicators against their targets, from the final reports (chart)",
        "  - localities: applications, money awarded and money per head",
        "  - what is overdue on Dec 1, 2021",
    ]
    assert lines[at + 3 + len(SECTIONS)].startswith("SYNTHETIC parts (not published data): ")


def test_every_section_and_chart_of_the_report_has_words_in_every_language() -> None:
    from civicgrants.io.html import CHARTS, SECTIONS
    from civicgrants.io.labels import missing
    from civicgrants.io.views.demo import ROUND_WORDS, SECTION_WORDS

    assert set(SECTIONS) <= set(SECTION_WORDS)
    assert {c.removeprefix("chart-") for c in CHARTS} - set(SECTIONS) == {"gantt"}  # season
    for lang in ("ru", "kk"):
        assert missing(SECTION_WORDS, lang) == [] and missing(ROUND_WORDS, lang) == []


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_round_steps_speak_the_language(lang: str) -> None:
    from civicgrants.io.labels import label
    from civicgrants.io.views.demo import ROUND_WORDS

    section = printed(lang)[1].split("=" * 78 + "\n")[-1]
    assert section.startswith(label(ROUND_WORDS, "step", lang))
    assert label(ROUND_WORDS, "temporary", lang) in section
    assert f"--on 2021-12-01 --lang {lang}\n" in section
    assert "Step of the cycle" not in section and "wrote" not in section
