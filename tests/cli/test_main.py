"""The command line: demo, check, schema; one-line errors with exit status 2."""

from __future__ import annotations

import io as _io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from civicgrants import __version__
from civicgrants.cli import main
from civicgrants.datasets import public_spaces
from civicgrants.io import dumps


def run(*argv: str) -> tuple[int, str, str]:
    out, err = _io.StringIO(), _io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_demo_summarises_the_embedded_programme() -> None:
    status, out, err = run("demo")
    assert status == 0, err
    assert err == ""
    assert "11 in 2 regions" in out
    for stage in ("I", "II", "III"):
        assert f"\n  {stage} " in out
    assert "Borankul" in out and "Kulsary" in out
    # projects by kind and stage: the playground row of seed-000.md §4 (2, 10, 14 = 26)
    playground = next(line for line in out.splitlines() if line.strip().startswith("playground"))
    assert playground.split()[1:] == ["2", "10", "14", "26"]
    total = next(line for line in out.splitlines() if "total described" in line)
    assert total.split()[-4:] == ["10", "32", "43", "85"]
    # money in the language of --lang (en: babel's English layout); ru: NBSP groups, comma, tenge
    assert "KZT1,600,000.00" in out
    assert "KZT29,591,100.00" in out
    status, out, _ = run("demo", "--lang", "ru")
    assert "1\u00a0600\u00a0000,00\u00a0₸" in out
    assert "29\u00a0591\u00a0100,00\u00a0₸" in out


def test_demo_indicators_step_rolls_up_with_status_and_audits_seed_002() -> None:
    status, out, _ = run("demo")
    assert status == 0
    step = out[out.index("Step of the cycle: indicators and reports") :]
    lines = step.splitlines()
    head = lines.index("  indicator                      rolled up         published  status")
    totals = {line.split("  ")[1]: line for line in lines[head + 1 : head + 6]}
    assert sorted(totals) == [
        "beneficiaries",
        "community contribution",
        "event participants",
        "programme participants",
        "projects",
    ]
    assert all(line.endswith("on track") for line in totals.values())
    assert "KZT29,591,100.00  KZT29,591,100.00" in totals["community contribution"]
    # a stage part that the brochure attributes carries its status and confidence
    assert any(
        line.split()[:3] == ["I", "mangistau", "community"] and "(confidence low)" in line
        for line in lines
    )
    assert "sum of 4 unattributed parts" in step  # programme participants: no split invented
    assert "The report audit of seed 002 (118 indicator rows): 27 findings" in step


def test_demo_is_deterministic_and_speaks_russian() -> None:
    assert run("demo") == run("demo")
    status, out, _ = run("demo", "--lang", "ru")
    assert status == 0 and "Боранкул" in out


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"civicgrants {__version__}"
    for command in ([], ["demo"], ["check"], ["schema"]):
        with pytest.raises(SystemExit) as exc:
            main([*command, "--help"])
        assert exc.value.code == 0
        assert "usage: civicgrants" in capsys.readouterr().out


def test_check_accepts_a_valid_document(tmp_path: Path) -> None:
    path = tmp_path / "ps.json"
    path.write_text(dumps(public_spaces()), encoding="utf-8")
    status, out, err = run("check", str(path))
    assert (status, err) == (0, "")
    assert out == f"{path}: valid programme document 'public-spaces'\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{", "not valid JSON"),
        ('{"schema": "civicgrants/nope@1"}', "schema: unknown document type 'nope'"),
        (
            '{"schema": "civicgrants/region@1", "id": "x", "names": {"en": "X"}, "colour": 1}',
            "colour: unknown key",
        ),
    ],
)
def test_bad_input_is_one_line_with_status_2(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "doc.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    status, _, err = run("check", str(path))
    assert status == 2
    assert err.count("\n") == 1, err
    assert err.startswith(f"civicgrants: error: {path}: ")
    assert message in err
    assert "Traceback" not in err


def test_check_lists_every_problem_and_summarises_on_one_line(tmp_path: Path) -> None:
    data = json.loads(dumps(public_spaces()))
    data["projects"][3]["grant"] = {"amount": "-5", "currency": "KZT"}
    data["localities"][0]["population"] = "6000"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    status, out, err = run("check", str(path))
    assert status == 2
    assert out == "" and err.count("\n") == 1  # errors only on stderr, on one line
    assert err.endswith("(and 1 more)\n")
    status, out, err = run("check", str(path), "-v")  # -v: every problem, then the summary
    assert status == 2 and out == ""
    lines = err.splitlines()
    problems, summary = [line for line in lines if line.startswith(f"{path}: ")], lines[-1]
    assert f'{path}: projects[3].grant.amount: must be >= 0, got "-5.00"' in problems
    assert (
        f'{path}: localities[0].population: must be an integer, got the string "6000"' in problems
    )
    assert len(problems) == 2
    assert summary.startswith("civicgrants: error: ") and summary.endswith("(and 1 more)")


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no such file"):
        main(["--debug", "check", str(tmp_path / "missing.json")])


def test_usage_errors_exit_2_on_one_line() -> None:
    status, _, err = run("schema", "nope")
    assert status == 2 and "unknown document type 'nope'" in err and err.count("\n") == 1
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"], err=_io.StringIO())
    assert exc.value.code == 2


def test_schema_command_prints_the_shipped_schema() -> None:
    status, out, _ = run("schema", "project")
    assert status == 0
    assert json.loads(out)["properties"]["schema"]["const"] == "civicgrants/project@1"
    status, out, _ = run("schema")
    assert "programme" in out.split()


def test_console_script_runs_in_a_subprocess() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "civicgrants.cli", "check", "/nonexistent/x.json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == "civicgrants: error: /nonexistent/x.json: no such file\n"


def test_a_closed_pipe_ends_the_demo_quietly() -> None:
    class ClosedPipe(_io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    err = _io.StringIO()
    assert main(["demo"], out=ClosedPipe(), err=err) == 0  # like `civicgrants demo | head -1`
    assert err.getvalue() == ""


SEED_CSV = (
    Path(__file__).resolve().parents[2] / "src" / "civicgrants" / "datasets" / "seed_001_budget.csv"
)


@pytest.mark.parametrize(
    "argv",
    [
        ["schedule", "--start", "2021-02-01", "--delay", "1=²"],
        ["schedule", "--start", "9999-06-01"],
        ["budget", "check", str(SEED_CSV), "--participants", "1=²"],
        ["budget", "check", str(SEED_CSV), "--currency", "kzt"],
    ],
)
def test_bad_flag_values_exit_2_on_one_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    err = _io.StringIO()
    try:
        status = main(argv, out=_io.StringIO(), err=err)
    except SystemExit as exc:  # argparse's own usage errors go to sys.stderr
        status = int(exc.code or 0)
    message = err.getvalue() + capsys.readouterr().err
    assert status == 2
    assert message.count("\n") == 1 and "internal error" not in message


def test_rollup_demo_gives_the_five_published_totals() -> None:
    status, out, err = run("rollup", "--demo", "--format", "json")
    assert (status, err) == (0, "")
    assert json.loads(out)["totals"] == {
        "beneficiaries": "23700",
        "community_contribution": "29591100.00",
        "event_participants": "807",
        "programme_participants": "1287",
        "projects": "87",
    }


def test_rollup_of_a_records_csv_never_averages_a_percentage(tmp_path: Path) -> None:
    csv = tmp_path / "records.csv"
    csv.write_text(
        "stage,indicator,period,actual,numerator,denominator\n"
        "I,participants,2021,10,,\nI,participants,2021,5,,\n"
        "II,satisfaction,2021,,1,2\nII,satisfaction,2021,,99,100\n",
        encoding="utf-8",
    )
    status, out, _ = run("rollup", str(csv), "--by", "stage", "--format", "json")
    assert status == 0
    rows = {r["indicator"]: r for r in json.loads(out)["rows"]}
    assert rows["participants"]["value"] == "15"
    assert rows["satisfaction"]["percent"] == "98.0"  # 100/102, not the mean of 50 % and 99 %
    status, _, err = run("rollup", str(csv), "--by", "village")
    assert status == 2 and "unknown level(s) village" in err


def test_rollup_reports_a_breakdown_that_does_not_add_up(tmp_path: Path) -> None:
    csv = tmp_path / "records.csv"
    csv.write_text(
        "stage,indicator,period,actual,by_sex:female,by_sex:male\n"
        "I,participants,2021,10,6,4\n"
        "II,participants,2021,5,4,4\n",
        encoding="utf-8",
    )
    status, out, _ = run("rollup", str(csv), "--by", "stage", "--format", "json")
    assert status == 1  # the same exit status as budget check with an error finding
    data = json.loads(out)
    assert [(f["code"], f["location"], f["numbers"]) for f in data["findings"]] == [
        (
            "breakdown-sum",
            "records[1].breakdown[sex]",
            {"dimension": "sex", "sum": "8", "actual": "5"},
        )
    ]
    assert {r["stage"]: r["value"] for r in data["rows"]} == {"I": "10", "II": "5"}
    status, out, _ = run("rollup", str(csv), "--by", "stage")
    assert status == 1 and "Breakdowns that do not add up (1):" in out
    assert "dimension=sex, sum=8, actual=5" in out
    csv.write_text("stage,indicator,period,actual,by_sex:female\nI,participants,2021,3,3\n")
    assert run("rollup", str(csv))[0] == 0


def test_report_check_uses_budget_check_exit_codes(tmp_path: Path) -> None:
    seed = (
        Path(__file__).resolve().parents[2]
        / "src"
        / "civicgrants"
        / "datasets"
        / "seed_002_final_report.json"
    )
    status, out, _ = run("report-check", str(seed), "--format", "json")
    assert status == 0  # warnings and info, no error
    codes = [f["code"] for f in json.loads(out)["findings"]]
    assert codes.count("restated-differs") == 9 and codes.count("unexplained-shortfall") == 1
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"schema": "civicgrants/report@1", "id": "r", "title": "t", "breakdowns": '
        '[{"key": "b", "dimension": "sex", "total": "10", "parts": [["f", "4"], ["m", "5"]]}]}',
        encoding="utf-8",
    )
    status, out, _ = run("report-check", str(bad))
    assert status == 1 and "breakdown-mismatch" in out
    status, _, err = run("report-check", str(tmp_path / "missing.json"))
    assert status == 2 and err.count("\n") == 1


def test_rollup_reads_an_indicator_records_document(tmp_path: Path) -> None:
    doc = tmp_path / "records.json"
    doc.write_text(
        '{"schema": "civicgrants/indicator-records@1", "id": "r", "records": ['
        '{"indicator": "participants", "period": "2021", "stage": "I", "actual": "10"},'
        '{"indicator": "participants", "period": "2021", "stage": "II", "actual": "5"}]}',
        encoding="utf-8",
    )
    status, out, _ = run("rollup", str(doc), "--format", "json")
    assert status == 0
    assert json.loads(out)["totals"] == {"participants": "15"}
    doc.write_text(
        '{"schema": "civicgrants/indicator-records@1", "id": "r", "records": '
        '[{"indicator": "x", "period": "2021", "actual": "ten"}]}',
        encoding="utf-8",
    )
    status, _, err = run("rollup", str(doc))
    assert status == 2 and "records[0].actual" in err
