"""The ``rollup`` and ``report-check`` commands: a notebook gets what the CLI prints."""

from __future__ import annotations

import io
import json
import re
import tempfile
from pathlib import Path

import pytest

from civicgrants.cli import main
from civicgrants.datasets import public_spaces
from civicgrants.datasets.seed_002_report import seed_002_final_report
from civicgrants.dossier import FinalReport, check_final_report
from civicgrants.indicators import (
    PROGRAMME_INDICATORS,
    Report,
    programme_records,
    programme_status,
    rollup_report,
)
from civicgrants.io import dumps, load
from civicgrants.io.indicators_csv import read_records
from civicgrants.io.render import render
from civicgrants.io.views.indicators import programme_status_demo_text
from tests.cli.golden import COMMANDS, GOLDEN, ROOT, run
from tests.cli.test_golden import (
    INTENDED_NEW_FINDINGS,
    same_findings_as_before,
    without_report_audit,
)

ROLLUP = [name for name in COMMANDS if name.startswith("rollup")]
REPORT_CHECK = [name for name in COMMANDS if name.startswith("report-check")]


def _option(argv: list[str], name: str, default: str) -> str:
    return argv[argv.index(name) + 1] if name in argv else default


@pytest.mark.parametrize("name", ROLLUP)
def test_rollup_library_call_renders_what_the_cli_prints(name: str) -> None:
    argv = COMMANDS[name]
    by = _option(argv, "--by", "")
    if "--demo" in argv:
        result = rollup_report(programme_records(public_spaces()), PROGRAMME_INDICATORS, by=by)
    else:
        records, definitions = read_records(ROOT / argv[1])
        result = rollup_report(records, definitions, by=by)
    with tempfile.TemporaryDirectory() as tmp:
        out, _, status = run(name, Path(tmp))
    assert render(result, _option(argv, "--format", "text"), lang="en") == out
    assert status == int(result.has_errors)


@pytest.mark.parametrize("name", REPORT_CHECK)
def test_report_check_library_call_renders_what_the_cli_prints(name: str) -> None:
    argv = COMMANDS[name]
    result = check_final_report(load(ROOT / argv[1], FinalReport), source=argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        out, _, status = run(name, Path(tmp))
    fmt, lang = _option(argv, "--format", "text"), _option(argv, "--lang", "en")
    assert render(result, fmt, lang=lang) == out
    assert status == int(result.has_errors)


def test_json_outputs_are_byte_identical_to_the_golden_ones() -> None:
    for name in [*ROLLUP, *REPORT_CHECK]:
        if "--format" not in COMMANDS[name]:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            out, _, _ = run(name, Path(tmp))
        before = (GOLDEN / "before" / f"{name}.out").read_text(encoding="utf-8")
        if name in INTENDED_NEW_FINDINGS:  # issue 12: new findings, the old ones unchanged
            same_findings_as_before(name, out, before)
        else:
            assert out == before, name


def test_the_demo_indicators_step_is_written_as_before() -> None:
    before = (GOLDEN / "before" / "demo.out").read_text(encoding="utf-8")
    step = before[before.index("\n" + "=" * 78 + "\nStep of the cycle: indicators") :]
    text = programme_status_demo_text(
        programme_status(public_spaces()), check_final_report(seed_002_final_report()), "ru_KZ"
    )
    # issue 12 added report findings: the seed 002 audit block lists them, the rest is as before;
    # issue 15 translated its words (they were English in every language): the same lines
    # with the same numbers in the same order, in Russian now
    now, then = without_report_audit(text), without_report_audit(step)
    assert len(now.splitlines()) == len(then.splitlines())
    assert re.findall(r"\d+", now) == re.findall(r"\d+", then)
    assert "Проверка отчёта seed 002 (118 строк показателей): замечаний — 27" in text
    assert "Step of the cycle" not in text and "Этап цикла: показатели и отчёты" in text


def test_unknown_group_levels_are_one_line_with_status_2() -> None:
    err = io.StringIO()
    assert main(["rollup", "--demo", "--by", "stage,village"], out=io.StringIO(), err=err) == 2
    assert err.getvalue() == (
        "civicgrants: error: --by 'stage,village': unknown level(s) village; levels: "
        "programme, stage, region, locality, project, goal, task, activity\n"
    )


def test_report_check_compares_the_header_with_the_agreement_it_names(tmp_path: Path) -> None:
    folder = tmp_path / "round"
    assert main(["round", "init", str(folder)], out=io.StringIO(), err=io.StringIO()) == 0
    report = str(folder / "reports" / "report-SYN-01.json")
    own, other = (str(folder / "agreements" / f"SYN-GA-0{n}.json") for n in (1, 2))
    out = io.StringIO()
    assert main(["report-check", report, "--agreement", own], out=out, err=io.StringIO()) == 0
    assert "the header was compared with grant agreement SYN-GA-01" in out.getvalue()
    out = io.StringIO()
    argv = ["report-check", report, "--agreement", other, "--format", "json"]
    assert main(argv, out=out, err=io.StringIO()) == 1
    codes = [f["code"] for f in json.loads(out.getvalue())["findings"]]
    assert codes == [
        "report-for-other-agreement",
        "grant-differs-from-agreement",
        "grantee-differs-from-agreement",
        "report-for-other-application",
    ]


def test_report_check_refuses_an_agreement_for_an_indicator_report(tmp_path: Path) -> None:
    folder = tmp_path / "round"
    assert main(["round", "init", str(folder)], out=io.StringIO(), err=io.StringIO()) == 0
    agreement = str(folder / "agreements" / "SYN-GA-01.json")
    plain = tmp_path / "report.json"
    plain.write_text(dumps(Report("r", "An indicator report")), encoding="utf-8")
    err = io.StringIO()
    argv = ["report-check", str(plain), "--agreement", agreement]
    assert main(argv, out=io.StringIO(), err=err) == 2
    assert "--agreement needs a final-report document" in err.getvalue()
