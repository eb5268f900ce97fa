"""Golden outputs of every command on the shipped examples.

``tests/data/golden/before/`` holds the outputs captured before the layout change
of issue 11 (one shape for every command); ``tests/data/golden/after/`` holds
today's. ``python -m tests.cli.golden`` rewrites ``after`` from the current code.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "golden"
D = "src/civicgrants/datasets"
S = "tests/data/scoring"
P = "tests/data/pabulib"
C = "tests/data/cli"

COMMANDS: dict[str, list[str]] = {
    "demo": ["demo"],
    "demo-ru": ["demo", "--lang", "ru"],
    "demo-kk": ["demo", "--lang", "kk"],
    "check-programme": ["check", f"{D}/public_spaces.json"],
    "check-report-002": ["check", f"{D}/seed_002_final_report.json"],
    "check-call": ["check", f"{S}/call.json"],
    "schema-list": ["schema"],
    "schema-call": ["schema", "call"],
    "schedule": ["schedule", "--start", "2021-02-01"],
    "schedule-ru": ["schedule", "--start", "2021-02-01", "--lang", "ru"],
    "schedule-json": ["schedule", "--start", "2021-02-01", "--format", "json"],
    "schedule-ics": ["schedule", "--start", "2021-02-01", "--format", "ics"],
    "schedule-delay": ["schedule", "--start", "2021-02-01", "--delay", "4=2"],
    "budget-check": ["budget", "check", f"{D}/seed_001_budget.csv"],
    "budget-check-ru": ["budget", "check", f"{D}/seed_001_budget.csv", "--lang", "ru"],
    "budget-check-json": ["budget", "check", f"{D}/seed_001_budget.csv", "--format", "json"],
    "budget-summary": ["budget", "summary", f"{D}/seed_001_budget.csv"],
    "budget-summary-json": ["budget", "summary", f"{D}/seed_001_budget.csv", "--format", "json"],
    "rollup-demo": ["rollup", "--demo"],
    "rollup-demo-by": ["rollup", "--demo", "--by", "stage,region"],
    "rollup-demo-json": ["rollup", "--demo", "--by", "stage", "--format", "json"],
    "report-check-002": ["report-check", f"{D}/seed_002_final_report.json"],
    "report-check-003-ru": ["report-check", f"{D}/seed_003_final_report.json", "--lang", "ru"],
    "report-check-003-json": ["report-check", f"{D}/seed_003_final_report.json", "--format", "json"],
    "score": ["score", f"{S}/call.json", f"{S}/scores.csv"],
    "score-ru": ["score", f"{S}/call.json", f"{S}/scores.csv", "--lang", "ru"],
    "score-json": ["score", f"{S}/call.json", f"{S}/scores.csv", "--format", "json"],
    "pb-greedy": ["pb", f"{P}/poland_warszawa_2018_zerzen.pb"],
    "pb-mes": ["pb", f"{P}/poland_warszawa_2018_zerzen.pb", "--rule", "mes"],
    "pb-mes-json": ["pb", f"{P}/poland_gdansk_2020_aniolki.pb", "--rule", "mes", "--format", "json"],
    "pb-ordinal": ["pb", f"{P}/poland_krakow_2021_swoszowice.pb", "--rule", "mes"],
    "pb-cumulative": ["pb", f"{P}/poland_zabrze_2020_maciejow.pb"],
    "schedule-season": [
        "schedule", "--start", "2021-02-01", "--localities", f"{C}/localities.csv", "--trainers", "1",
    ],
    "schedule-season-json": [
        "schedule", "--start", "2021-02-01", "--localities", f"{C}/localities.csv", "--format", "json",
    ],
    "score-protocol-ru": [
        "score", f"{S}/call.json", f"{S}/scores.csv", "--lang", "ru", "--protocol", "{tmp}/p.txt",
    ],
    "score-protocol-json": [
        "score", f"{S}/call.json", f"{S}/scores.csv", "--format", "json", "--protocol", "{tmp}/p.json",
    ],
    "rollup-records": ["rollup", f"{C}/records.csv", "--by", "region"],
}  # fmt: skip


def run(name: str, tmp: Path) -> tuple[str, str, int]:
    """Run one golden command from the repository root: (stdout, stderr, status)."""
    import os

    from civicgrants.cli import main

    argv = [a.replace("{tmp}", str(tmp)) for a in COMMANDS[name]]
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        status = main(argv, out=out, err=err)
    finally:
        os.chdir(here)
    return out.getvalue(), err.getvalue(), status


def protocol_file(name: str, tmp: Path) -> Path | None:
    """The protocol file a golden command writes, if any."""
    for arg in COMMANDS[name]:
        if "{tmp}" in arg:
            return Path(arg.replace("{tmp}", str(tmp)))
    return None


_CURRENCY = re.compile(r"[ \u00a0]*(?:KZT|₸)[ \u00a0]*")
_BEFORE_PUNCTUATION = re.compile(r" +([;,.)])")
_MONTHS_DAYS = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b"
    r"|(?:янв|февр|мар|апр|мая|июн|июл|авг|сент|окт|нояб|дек)\.?|\b(?:пн|вт|ср|чт|пт|сб|вс)\b"
    r"|(?:қаң|ақп|нау|сәу|мам|мау|шіл|там|қыр|қаз|қар|жел)\.?|\b(?:дс|сс|ср|бс|жм|сб|жс)\b"
)
_GROUPED = re.compile(r"(?<=\d)[\u00a0\u202f](?=\d)")
_EN_GROUPED = re.compile(r"(?<![\d.,])([1-9]\d{0,2})((?:,\d{3})+)(?![\d,])")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")


def numbers_unified(text: str) -> str:
    """``text`` with number and money formatting taken out, to compare outputs that
    differ only in how numbers are written: digit groups, decimal commas, currency
    signs and codes, and the column widths they cause."""
    text = _CURRENCY.sub(" ", text)
    text = _BEFORE_PUNCTUATION.sub(r"\1", text)
    text = _GROUPED.sub("", text)
    text = _EN_GROUPED.sub(lambda m: m.group(1) + m.group(2).replace(",", ""), text)
    text = _DECIMAL_COMMA.sub(".", text)
    return "\n".join(" ".join(line.split()) for line in text.splitlines()).strip() + "\n"


def dates_unified(text: str) -> str:
    """``text`` with month and weekday names (English or Russian) taken out as well."""
    return numbers_unified(_MONTHS_DAYS.sub("<name>", text))


def write_after() -> None:
    """Rewrite ``tests/data/golden/after`` from the current code."""
    import tempfile

    after = GOLDEN / "after"
    after.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name in COMMANDS:
            out, err, status = run(name, Path(tmp))
            (after / f"{name}.out").write_bytes(out.encode("utf-8"))
            (after / f"{name}.rc").write_text(f"{status}\n{err}", encoding="utf-8")
            written = protocol_file(name, Path(tmp))
            if written is not None:
                target = after / f"{name}.protocol{written.suffix}"
                target.write_text(written.read_text(encoding="utf-8"), encoding="utf-8")
            print(name, status, file=sys.stderr)


if __name__ == "__main__":
    write_after()
