"""Command-line conventions (issue 15): --format json, -q/-v, stderr, colour, progress, usage."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.cli import build_parser, command_parsers, main
from civicgrants.cli.output import ProgressBar

ROOT = Path(__file__).resolve().parents[2]
D = ROOT / "src" / "civicgrants" / "datasets"
S = ROOT / "tests" / "data" / "scoring"
P = ROOT / "tests" / "data" / "pabulib"
C = ROOT / "tests" / "data" / "cli"
BUDGET = str(D / "seed_001_budget.csv")  # its audit has error findings: exit 1


class Tty(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def run(*argv: str, err: io.StringIO | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), err if err is not None else io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def usage_error(*argv: str) -> tuple[int, str, str]:
    """Run a command line argparse refuses: (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    import contextlib

    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            status = main(list(argv), out=out, err=err)
        except SystemExit as exc:
            status = int(exc.code or 0)
    return status, out.getvalue(), err.getvalue()


def leaf_commands() -> dict[str, object]:
    """Every command that runs (``budget check``, not ``budget``), by its words."""
    return {
        words: parser
        for words, parser in command_parsers(build_parser()).items()
        if parser.get_default("run") is not None
    }


@pytest.fixture(scope="module")
def round_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("round") / "r"
    assert main(["round", "init", str(folder)], out=io.StringIO(), err=io.StringIO()) == 0
    return folder


def json_argv(words: str, folder: Path, tmp: Path) -> list[str]:
    """A command line of ``words`` on shipped files, with ``--format json``."""
    fresh = tmp / "fresh"
    return {
        "demo": ["demo"],
        "check": ["check", str(D / "public_spaces.json")],
        "schedule": ["schedule", "--start", "2021-02-01"],
        "budget check": ["budget", "check", BUDGET],
        "budget summary": ["budget", "summary", BUDGET],
        "rollup": ["rollup", "--demo"],
        "report-check": ["report-check", str(D / "seed_002_final_report.json")],
        "schema": ["schema"],
        "score": ["score", str(S / "call.json"), str(S / "scores.csv")],
        "pb": ["pb", str(P / "poland_warszawa_2018_zerzen.pb")],
        "round init": ["round", "init", str(fresh)],
        "round status": ["round", "status", str(folder)],
        "round report": ["round", "report", str(folder), "-o", str(tmp / "r.html")],
    }[words] + ["--format", "json"]


def test_every_command_takes_format_json_and_the_output_options() -> None:
    commands = leaf_commands()
    assert len(commands) >= 13 and {"demo", "check", "schema", "budget check"} <= set(commands)
    for words, parser in commands.items():
        options = {o: a for a in parser._actions for o in a.option_strings}  # type: ignore[attr-defined]
        assert "json" in (options["--format"].choices or ()), words
        assert "text" in (options["--format"].choices or ()), words
        for flag in ("-q", "--quiet", "-v", "--verbose", "--no-color"):
            assert flag in options, (words, flag)


@pytest.mark.parametrize("words", sorted(leaf_commands()))
def test_each_command_prints_json_that_parses_the_same_every_time(
    words: str, round_folder: Path, tmp_path: Path
) -> None:
    argv = json_argv(words, round_folder, tmp_path)
    status, out, err = run(*argv)
    assert status in (0, 1), err
    data = json.loads(out)
    assert isinstance(data, dict | list) and data
    if words == "round init":  # a second init would find the round: write elsewhere
        shutil.rmtree(tmp_path / "fresh")
    again = run(*argv)
    assert again[1] == out and again[0] == status


def test_demo_json_carries_every_step() -> None:
    status, out, _ = run("demo", "--format", "json")
    assert status == 0
    data = json.loads(out)
    keys = [s["key"] for s in data["steps"]]
    assert keys[0] == "programme" and keys[-1] == "round-report"
    assert data["steps"][0]["result"]["schema"] == "civicgrants/programme@1"
    assert data["steps"][keys.index("contribution")]["same_as"] == "programme"
    scoring = data["steps"][keys.index("scoring")]["result"]
    assert scoring["ranking"][0]["rank"] == 1


@pytest.mark.parametrize("position", ["before", "after"])
def test_quiet_prints_nothing_and_the_status_carries_the_result(position: str) -> None:
    argv = ["budget", "check", BUDGET]
    loud = run(*argv)
    assert loud[0] == 1 and loud[1]  # error findings: status 1, printed
    quiet = run("-q", *argv) if position == "before" else run(*argv, "-q")
    assert quiet == (1, "", "")
    assert run("--quiet", "schema", "region") == (0, "", "")


def test_quiet_still_prints_errors(tmp_path: Path) -> None:
    status, out, err = run("-q", "check", str(tmp_path / "missing.json"))
    assert status == 2 and out == ""
    assert err.startswith("civicgrants: error: ") and "no such file" in err


@pytest.mark.parametrize("position", ["before", "after"])
def test_verbose_says_what_was_read_and_which_defaults_apply_on_stderr(position: str) -> None:
    argv = ["score", str(S / "call.json"), str(S / "scores.csv"), "--lang", "ru"]
    plain = run(*argv)
    loud = run("-v", *argv) if position == "before" else run(*argv, "--verbose")
    assert loud[:2] == plain[:2]  # stdout is the result, the same
    lines = loud[2].splitlines()
    size = (S / "call.json").stat().st_size
    assert f"civicgrants score: reading {S / 'call.json'} ({size} bytes)" in lines
    assert "civicgrants score: option --format: text (default)" in lines
    assert "civicgrants score: option --lang: ru" in lines  # given, so no "(default)"
    assert run("-v", *argv)[2] == loud[2]  # deterministic: no timings


def test_verbose_lists_every_problem_of_an_invalid_document(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "civicgrants/region@1", "id": "a b", "names": {}}', "utf-8")
    status, out, err = run("check", str(bad))
    assert (status, out, err.count("\n")) == (2, "", 1)
    status, out, err = run("check", str(bad), "-v")
    assert status == 2 and out == ""
    problems = [line for line in err.splitlines() if line.startswith(f"{bad}: ")]
    assert len(problems) == 2 and any("id: must be an id" in p for p in problems)
    assert err.splitlines()[-1].endswith("(and 1 more)")


def test_errors_go_to_stderr_only(tmp_path: Path, round_folder: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "civicgrants/region@1", "id": "a b", "names": {}}', "utf-8")
    for argv in (
        ["check", str(bad)],
        ["round", "status", str(tmp_path)],
        ["budget", "check", str(tmp_path / "missing.csv")],
        ["score", str(bad), str(S / "scores.csv")],
    ):
        status, out, err = run(*argv)
        assert status == 2 and out == "", argv
        assert err.startswith("civicgrants: error: ") and err.count("\n") == 1, argv


def test_json_errors_are_one_line_of_pydantic_shaped_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "civicgrants/region@1", "id": "a b", "names": {}}', "utf-8")
    status, out, text = run("check", str(bad))
    status_json, out_json, err = run("check", str(bad), "--format", "json")
    assert status == status_json == 2 and out == out_json == ""
    assert err.count("\n") == 1
    data = json.loads(err)
    assert data["error"] == text.rstrip("\n")
    assert len(data["problems"]) >= 1
    for problem in data["problems"]:
        assert set(problem) == {"loc", "msg", "type", "input"}
        assert problem["loc"][0] == str(bad)
        assert problem["type"] and problem["type"] != "invalid"


@pytest.mark.parametrize(
    ("env", "flag", "coloured"),
    [
        ({}, [], True),
        ({"NO_COLOR": "1"}, [], False),
        ({"NO_COLOR": ""}, [], True),  # no-color.org: only a non-empty value counts
        ({"TERM": "dumb"}, [], False),
        ({}, ["--no-color"], False),
    ],
)
def test_colour_only_on_a_terminal_and_never_with_no_color(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    env: dict[str, str],
    flag: list[str],
    coloured: bool,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    argv = [*flag, "check", str(tmp_path / "missing.json")]
    status, _, err = run(*argv, err=Tty())
    assert status == 2
    assert ("\x1b[" in err) is coloured
    assert err.replace("\x1b[1;31m", "").replace("\x1b[0m", "") == run(*argv)[2]
    status, _, plain = run(*argv)  # not a terminal: never colour
    assert "\x1b" not in plain


def test_a_usage_error_is_coloured_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    tty = Tty()
    monkeypatch.setattr("sys.stderr", tty)
    with pytest.raises(SystemExit):
        main(["check", "--nope"], out=io.StringIO(), err=tty)
    assert tty.getvalue().startswith("\x1b[1;31mcivicgrants check: error:\x1b[0m ")
    assert "\x1b" not in usage_error("check", "--nope")[2]


@pytest.mark.parametrize("words", sorted(leaf_commands()))
def test_an_unknown_option_points_to_the_commands_own_help(words: str) -> None:
    status, out, err = usage_error(*words.split(), "--nope")
    assert status == 2 and out == ""
    assert err.count("\n") == 1, err  # one line: the command's usage folded in
    assert err.startswith(f"civicgrants {words}: error: ")
    assert f"usage: civicgrants {words} [-h]" in err
    assert err.rstrip().endswith(f"see civicgrants {words} -h)")


def test_a_missing_argument_shows_the_commands_usage() -> None:
    status, _, err = usage_error("budget", "check")
    assert status == 2 and err.count("\n") == 1
    assert "the following arguments are required: file" in err
    assert "usage: civicgrants budget check" in err and "see civicgrants budget check -h" in err
    status, _, err = usage_error("--nope")  # the top level keeps pointing to --help
    assert status == 2 and err.rstrip().endswith("(see civicgrants --help)")


def test_a_bad_value_stays_one_line_without_usage() -> None:
    status, _, err = usage_error("schedule", "--start", "2021-13-01")
    assert status == 2 and err.count("\n") == 1 and "usage:" not in err
    assert "see civicgrants schedule -h" in err


def test_the_progress_bar_shows_on_a_terminal_only_and_changes_nothing() -> None:
    argv = ["score", str(S / "call.json"), str(S / "scores.csv")]
    status, out, err = run(*argv)
    assert status == 0 and err == ""  # a pipe: no bar
    tty = Tty()
    assert run(*argv, err=tty)[:2] == (status, out)  # byte-identical result
    shown = tty.getvalue()
    assert shown.startswith("\rscore [") and "0/2000" in shown
    assert shown.endswith("\r") and shown.split("\r")[-2].strip() == ""  # the line is cleared
    quiet = Tty()
    assert run("-q", *argv, err=quiet) == (0, "", "")  # -q: no bar either


def test_the_pb_bar_changes_nothing() -> None:
    argv = ["pb", str(P / "poland_krakow_2021_swoszowice.pb"), "--rule", "mes"]
    argv += ["--completion", "add1", "--format", "json"]
    tty = Tty()
    assert run(*argv, err=tty)[:2] == run(*argv)[:2]
    assert "\rpb [" in tty.getvalue()


def test_the_library_reports_progress_and_gives_the_same_review() -> None:
    from civicgrants.datasets.synthetic_round import synthetic_round
    from civicgrants.scoring import review

    call, sheet = synthetic_round()
    seen: list[tuple[int, int]] = []
    with_bar = review(call, sheet, draws=2500, progress=lambda d, t: seen.append((d, t)))
    assert with_bar == review(call, sheet, draws=2500)
    assert seen == [(0, 2500), (1000, 2500), (2000, 2500), (2500, 2500)]


@settings(max_examples=25, deadline=None)
@given(draws=st.integers(1, 3500), seed=st.integers(0, 2**32 - 1))
def test_flip_probabilities_do_not_depend_on_the_callback(draws: int, seed: int) -> None:
    from civicgrants.scoring.batch import Panel
    from civicgrants.scoring.montecarlo import flip_probabilities

    panel = Panel.from_arrays(
        np.array([[[9.0], [8.0]], [[7.0], [7.0]], [[6.0], [7.0]]]),
        lo=0,
        hi=10,
        grant=[10, 10, 10],
        pot=20,
    )
    seen: list[int] = []
    p, se = flip_probabilities(panel, draws=draws, seed=seed, progress=lambda d, t: seen.append(d))
    q, sq = flip_probabilities(panel, draws=draws, seed=seed)
    assert p.tolist() == q.tolist() and se.tolist() == sq.tolist()
    assert seen[0] == 0 and seen[-1] == draws and seen == sorted(seen)


@settings(max_examples=50, deadline=None)
@given(
    total=st.integers(1, 10**9),
    steps=st.lists(st.floats(0, 1, allow_nan=False), max_size=20),
    width=st.integers(1, 40),
)
def test_the_bar_stays_on_one_line_and_clears_it(
    total: int, steps: list[float], width: int
) -> None:
    tty = Tty()
    bar = ProgressBar(tty, "work", interval=0.0, width=width)
    for share in sorted(steps):
        bar(min(int(share * total), total - 1), total)
    bar(total, total)
    shown = tty.getvalue()
    assert "\n" not in shown
    drawn = [part for part in shown.split("\r") if part.strip()]
    assert all(len(part) <= max(map(len, drawn)) for part in drawn)
    assert shown == "" or shown.split("\r")[-2].strip() == ""  # nothing left on the line


def test_the_round_report_bar_changes_no_byte_of_the_page(
    round_folder: Path, tmp_path: Path
) -> None:
    plain, barred = tmp_path / "plain.html", tmp_path / "barred.html"
    assert run("round", "report", str(round_folder), "-o", str(plain))[2] == ""
    tty = Tty()
    status, _, _ = run("round", "report", str(round_folder), "-o", str(barred), err=tty)
    assert status == 0 and plain.read_bytes() == barred.read_bytes()
    shown = tty.getvalue()
    assert shown.startswith("\rround report [") and "0/6" in shown
    assert shown.split("\r")[-2].strip() == ""


def test_round_report_tells_its_sections() -> None:
    from civicgrants.datasets.example_round import example_round
    from civicgrants.io.html import round_report

    seen: list[tuple[int, int]] = []
    r = example_round()
    page = round_report(r, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(i, 6) for i in range(7)]
    assert page == round_report(r)


def test_the_demo_bar_tells_each_part_and_changes_nothing() -> None:
    tty = Tty()
    assert run("demo", err=tty)[:2] == run("demo")[:2]
    shown = tty.getvalue()
    drawn = [part for part in shown.split("\r") if part.strip()]
    assert all(part.startswith("demo [") and part.endswith("/9") for part in drawn)
    counts = [int(part.rsplit(" ", 1)[1].split("/")[0]) for part in drawn]
    assert counts[0] == 0 and counts == sorted(counts) and counts[-1] < 9  # 9/9 clears
    assert shown.split("\r")[-2].strip() == ""


def test_verbose_escapes_a_file_name_that_could_drive_the_terminal(tmp_path: Path) -> None:
    evil = tmp_path / "evil\x1b[2J.json"
    evil.write_text('{"schema": "civicgrants/region@1", "id": "a", "names": {"en": "A"}}', "utf-8")
    status, _, err = run("-v", "check", str(evil))
    assert status == 0 and "\x1b" not in err
    assert "evil\\x1b[2J.json" in err and "bytes)" in err
