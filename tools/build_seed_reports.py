"""Build the seed 002 and seed 003 final reports as report documents (JSON).

    python tools/build_seed_reports.py [--shared ../shared]

Reads ``<shared>/domain/seed-002-indicators.csv`` and ``seed-003-indicators.csv``
(every indicator row of the two final reports, as extracted) and writes
``src/civicgrants/datasets/seed_002_report.json`` and ``seed_003_report.json``:
the rows with their printed cells and the numbers they state, plus the
breakdowns, repeated figures («mentions») and promised targets that
``shared/domain/seed-002.md`` (§3, §8) and ``seed-003.md`` (§3, §4, §9) describe,
each with its source lines. The output is deterministic.

No person is named: the CSVs' free-text ``note`` and ``place`` columns are not
copied (the seeds name people); a row's ``note`` holds its English indicator name.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from civicgrants.indicators.report import (
    Breakdown,
    Chart,
    Mention,
    Report,
    ReportRow,
    Tally,
    TallyPart,
)
from civicgrants.io import dumps

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "civicgrants" / "datasets"

_NUMBER = r"\d{1,3}(?: \d{3})+|\d+(?:[.,]\d+)?"
_PER_ITEM = re.compile(rf"^\s*(?:не менее\s+|более\s+)?(?:{_NUMBER})\s*(?:с кажд|для кажд|в кажд)")
_TOTAL = re.compile(rf"\(>=\s*({_NUMBER})\)|всего\s+({_NUMBER})")
_LEADING = re.compile(rf"^\s*(?:не менее\s+)?({_NUMBER})")
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")
_EACH_VILLAGE = re.compile(rf"^\s*(?:не менее\s+)?({_NUMBER})\s*\(в каждом селе")
VILLAGES_003 = 3  # Baimurat Batyr, Kamystybas, Gani Muratbaev


def _num(text: str) -> str:
    return text.replace(" ", "").replace(",", ".")


def parse_count(text: str) -> str | None:
    """The total a cell states: «(>=135)», «всего 161», «2 (в каждом селе)» (× 3 villages),
    a leading «283»; per-item → None."""
    m = _TOTAL.search(text)
    if m:
        return _num(m.group(1) or m.group(2))
    m = _EACH_VILLAGE.match(text)  # «не менее 2 (в каждом селе …)»: 2 × 3 villages
    if m:
        return str(Decimal(_num(m.group(1))) * VILLAGES_003)
    if _PER_ITEM.match(text):
        return None
    m = _LEADING.match(text)
    return _num(m.group(1)) if m else None


# -- seed 002 ---------------------------------------------------------------------

_COMPARATOR_002 = {
    "count": "exact",
    "pct": "exact",
    "min": "at_least",
    "min_pct": "at_least",
    "max": "at_most",
    "range": "range",
    "per_event": "per_event",
    "deliverable": "deliverable",
}

PROMISED_002 = {
    # activity 1.3 «… НПО 8 районов и 2 городов»: 10 territories
    "1.3.3": "10",
    # activity 2.2 «Разработка с участниками 10 видеороликов …»
    "2.2.1": "10",
}


def rows_002(path: Path) -> list[dict[str, Any]]:
    """Read seed 002's indicator rows (``seed-002-indicators.csv``) as report rows."""
    out: list[dict[str, Any]] = []
    counter: dict[str, int] = {}
    for r in csv.DictReader(path.open(encoding="utf-8")):
        act = r["activity"].split(" ", 1)[0]
        code = "B" if act in ("—", "") else act
        counter[code] = counter.get(code, 0) + 1
        key = f"{code}.{counter[code]}"
        kind = r["plan_type"]
        planned = r["planned_numeric_total"] or None
        upper = None
        if kind == "range":  # «50-100»: both bounds
            planned, upper = (b.strip() for b in r["planned"].split("-", 1))
        pct = re.match(r"^(\d+(?:\.\d+)?)%", r["percent_printed"])
        out.append(
            {
                "key": key,
                "task": r["task"],
                "activity": r["activity"] if code != "B" else None,
                "indicator": r["indicator"],
                "unit": r["unit"] or None,
                "planned": planned,
                "planned_text": r["planned"] or None,
                "achieved": r["achieved_numeric_total"] or None,
                "achieved_text": r["achieved"] or None,
                "percent_printed": pct.group(1) if pct else None,
                "comparator": _COMPARATOR_002.get(kind, "none"),
                "promised": PROMISED_002.get(key),
                "source_lines": r["source_lines"] or None,
                "note": r["indicator_en"],
                "planned_upper": upper,
            }
        )
    return out


BREAKDOWNS_002 = [
    {
        "key": "gender",
        "dimension": "participants by gender (section 4)",
        "total": "1000",
        "parts": [["men", "400"], ["women", "600"]],
        "source": "section 4, Гендерный показатель",
    },
    {
        "key": "social-status",
        "dimension": "participants by social status (section 4)",
        "total": "1000",
        "parts": [
            ["children", "300"],
            ["youth", "150"],
            ["civil servants", "100"],
            ["public-sector employees", "120"],
            ["persons with disabilities", "10"],
            ["older people 50+", "250"],
            ["unemployed", "0"],
            ["NGO representatives", "10"],
            ["business representatives", "25"],
            ["other", "35"],
        ],
        "source": "L4887",
    },
    {
        "key": "age",
        "dimension": "participants by age band (section 4)",
        "total": "1000",
        "parts": [
            ["13-16", "300"],
            ["17-22", "150"],
            ["23-27", "120"],
            ["28-32", "100"],
            ["33-45", "80"],
            ["46-58", "50"],
            ["59+", "200"],
        ],
        "source": "section 4, Возрастной показатель",
    },
    {
        "key": "press-release-recipients",
        "dimension": "press-release recipients, row 1.1 (22 + 248)",
        "total": "270",
        "parts": [["from staff", "22"], ["mail-outs", "248"]],
        "source": "L371-377",
    },
    {
        "key": "letters",
        "dimension": "letters, row 1.2 (25 + 248)",
        "total": "273",
        "parts": [["to organisations", "25"], ["mail-outs", "248"]],
        "source": "L427-457",
    },
]


def _m(key: str, figure: str, value: str, where: str, qualifier: str = "exact") -> dict[str, str]:
    return {"key": key, "figure": figure, "value": value, "where": where, "qualifier": qualifier}


MENTIONS_002 = [
    # §8 item 2
    _m("applicability-table", "practical-applicability-pct", "70", "Table A, row 4.2"),
    _m("applicability-result", "practical-applicability-pct", "100", "«Достигнутый результат»"),
    _m(
        "applicability-s5",
        "practical-applicability-pct",
        "90",
        "section 5 item 12, «свыше 90%»",
        "more_than",
    ),
    # §8 item 3
    _m("indirect-table-b", "indirect-beneficiaries", "20000", "Table B, row 2"),
    _m("indirect-s1", "indirect-beneficiaries", "30000", "section 1, «свыше 30 000»", "more_than"),
    # §8 item 4
    _m("partners-table-b", "project-partners", "10", "Table B, row 9"),
    _m("partners-table-c", "project-partners", "12", "Table C: 3 rows naming 12 bodies"),
    # §8 item 5
    _m("alakol-table", "alakol-festival-participants", "100", "Table A, row 3.6 (coverage, 100/1)"),
    _m("alakol-narrative", "alakol-festival-participants", "50", "narrative, «Охват – 50»"),
    # §8 item 6
    _m("schools-table", "drawing-contest-rural-schools", "200", "Table A, row 3.8 actual"),
    _m(
        "schools-coverage",
        "drawing-contest-rural-schools",
        "100",
        "Table A, coverage «Свыше 100 школ»",
        "more_than",
    ),
    _m(
        "schools-narrative",
        "drawing-contest-rural-schools",
        "120",
        "narrative: 120 of 337 works from rural schools",
        "at_most",
    ),
    # §8 item 7
    _m("publications-table", "media-publications", "4", "Table A, row 1.1 actual"),
    _m("publications-two", "media-publications", "2", "narrative 1.1, «две публикации»"),
    _m(
        "publications-twenty",
        "media-publications",
        "20",
        "narrative 1.1 and section 11, «порядка 20»",
        "about",
    ),
    # §8 item 8
    _m("videos-table", "videos", "10", "Table A, row 2.2"),
    _m("videos-narrative", "videos", "80", "narrative 2.2, «порядка 80»", "about"),
    # §8 item 12
    _m("seminar-participants-table", "seminar-participants", "301", "Table A, row 2.1"),
    _m("seminar-participants-300", "seminar-participants", "300", "narrative, «охватившие 300»"),
    _m(
        "seminar-participants-over",
        "seminar-participants",
        "300",
        "narrative, «свыше 300»",
        "more_than",
    ),
    # consistent: printed alike everywhere
    _m("direct-table-b", "direct-beneficiaries", "1000", "Table B, row 1"),
    _m("direct-s5", "direct-beneficiaries", "1000", "section 5 «2.»"),
    _m("direct-gender", "direct-beneficiaries", "1000", "section 4, gender total"),
    _m("respondents-table", "survey-respondents", "1000", "Table A, row 1.4"),
    _m("respondents-s5", "survey-respondents", "1000", "section 5 item 10"),
    _m("specialists-table-b", "engaged-specialists", "6", "Table B, row 4"),
    _m("specialists-s5", "engaged-specialists", "6", "section 5 item 12: 6 trainers"),
]


def _tally(key: str, label: str, total: str, kind: str, source: str) -> dict[str, str]:
    return {"key": key, "label": label, "total": total, "unit": "persons", "kind": kind,
            "source": source}  # fmt: skip


# Beneficiaries as the reports print them: unique people, no sum of participations
# (seed-002.md §3.4: the activities' 2 081 person-participations are not added up in
# the report, whose 1 000 is de-duplicated or the survey count).
TALLIES_002 = [
    _tally("direct-beneficiaries", "direct beneficiaries", "1000", "direct", "Table B, row 1"),
    _tally(
        "indirect-beneficiaries", "indirect beneficiaries", "20000", "indirect", "Table B, row 2"
    ),
]


# -- seed 003 ---------------------------------------------------------------------

PROMISED_003 = {
    # Tab A expected result 6 (L129): ≥3 problems identified *and solved* per village, 9
    "T3.M1.5": "9",
    # Tab A expected result 2 (L121): ≥50 per village, ≥150; T1.M3 plans ≥150
    "T1.M3.3": "150",
}


def _key_003(task: str, activity: str) -> str:
    if task.startswith("Project goal"):
        return "goal"
    if task.startswith("Socio-economic"):
        return "C"
    m = re.match(r"Task (\d+)", task)
    prefix = f"T{m.group(1)}" if m else ("F" if task.startswith("Final") else "I")
    act = activity.split(".", 1)[0].strip()
    return f"{prefix}.{act}"


def rows_003(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Read seed 003's indicator rows and its section 4 statistics rows."""
    out: list[dict[str, Any]] = []
    stats: list[dict[str, Any]] = []
    counter: dict[str, int] = {}
    for r in csv.DictReader(path.open(encoding="utf-8")):
        if r["task"].startswith("Participant statistics"):
            stats.append(r)
            continue
        code = _key_003(r["task"], r["activity"])
        counter[code] = counter.get(code, 0) + 1
        key = f"{code}.{counter[code]}"
        planned_text = r["planned"].strip()
        planned = parse_count(planned_text) if planned_text not in ("", "-") else None
        # An actual counts only where the seed's author could compute a percentage:
        # many «fact» cells copy the plan wording or hold a per-meeting bound.
        achieved = parse_count(r["achieved"]) if _PLAIN.match(r["percent_computed"]) else None
        if planned is None and planned_text:
            comparator = "per_event" if _PER_ITEM.match(planned_text) else "none"
        elif planned_text.startswith("не менее"):
            comparator = "at_least"
        else:
            comparator = "exact"
        out.append(
            {
                "key": key,
                "task": r["task"],
                "activity": r["activity"] or None,
                "indicator": r["indicator"],
                "unit": r["unit"] or None,
                "planned": planned,
                "planned_text": planned_text or None,
                "achieved": achieved,
                "achieved_text": r["achieved"] or None,
                "percent_printed": None,  # Tab B prints no percentages (seed-003.md §4.2)
                "comparator": comparator,
                "promised": PROMISED_003.get(key),
                "source_lines": r["source_line"] or None,
                "note": None,
            }
        )
    return out, stats


def breakdowns_003(stats: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Seed 003's breakdowns, from its statistics rows."""

    def parts(prefix: str) -> list[list[str]]:
        return [
            [r["indicator"].split(": ", 1)[1], r["achieved"]]
            for r in stats
            if r["indicator"].startswith(prefix) and "Total" not in r["indicator"] and r["achieved"]
        ]

    total = next(r["achieved"] for r in stats if "Total" in r["indicator"])
    return [
        {
            "key": "gender",
            "dimension": "participants by gender (section 4)",
            "total": total,
            "parts": parts("Gender:"),
            "source": "L281",
        },
        {
            "key": "social-status",
            "dimension": "participants by social status (section 4; 50+ blank)",
            "total": total,
            "parts": parts("Social status:"),
            "source": "L286",
        },
        {
            "key": "age",
            "dimension": "participants by age band (section 4; 59+ blank)",
            "total": total,
            "parts": parts("Age:"),
            "source": "L291",
        },
        {
            "key": "grant-split",
            "dimension": "grant total by use (Tab C rows 6-8)",
            "total": "5659000",
            "parts": [
                ["payroll", "2440000"],
                ["taxes", "296120"],
                ["goods and services", "2922880"],
            ],
            "source": "L205-207",
        },
        {
            "key": "problems-by-village",
            "dimension": "problems identified, 3 per village (L50-L64, L68)",
            "total": "9",
            "parts": [["village 1", "3"], ["village 2", "3"], ["village 3", "3"]],
            "source": "L50-64, L68",
        },
        {
            "key": "t1m4-participants-by-village",
            "dimension": "T1.M4 assembly participants, «283 человек (по 30 с каждого села)»",
            "total": "283",
            "parts": [["village 1", "30"], ["village 2", "30"], ["village 3", "30"]],
            "source": "L153",
        },
        {
            "key": "t1m6-text-participants",
            "dimension": "T1.M6 text: 180 people, 20 from each of 9 villages",
            "total": "180",
            "parts": [[f"village {i}", "20"] for i in range(1, 10)],
            "source": "L157-159",
        },
        {
            "key": "t3m5-lists",
            "dimension": "T3.M5 participant lists: 2 presentations × 3 villages",
            "total": "6",
            "parts": [["village 1", "2"], ["village 2", "2"], ["village 3", "2"]],
            "source": "L177-179",
        },
    ]


TALLIES_003 = [
    _tally("direct-beneficiaries", "direct beneficiaries", "520", "direct", "Tab C row 1 (L200)"),
    _tally(
        "indirect-beneficiaries",
        "indirect beneficiaries",
        "19077",
        "indirect",
        "Tab C row 2 (L201)",
    ),
]

MENTIONS_003 = [
    # §9 item 1
    _m("growth-tab-a", "involvement-growth-pct", "14.5", "Tab A, achieved result (L117)"),
    _m(
        "growth-over-14",
        "involvement-growth-pct",
        "14",
        "T1.M3, «более 14%» (L150-152)",
        "more_than",
    ),
    _m(
        "growth-over-10",
        "involvement-growth-pct",
        "10",
        "T1.M3, «более 10%» (L150-152)",
        "more_than",
    ),
    _m("growth-l212", "involvement-growth-pct", "10", "task 1 long-term result, «10%» (L212)"),
    # §9 item 2
    _m("participants-l214", "participants-total", "161", "task 1 result, «всего 161» (L214)"),
    _m("participants-tab-c", "participants-total", "520", "Tab C row 1 and section 4 (L200, L281)"),
    _m("participants-results", "participants-total", "520", "section 5 results (L296)"),
    _m(
        "participants-t1m3",
        "participants-total",
        "316",
        "T1.M3 alone surveyed 316 people (L150)",
        "at_least",
    ),
    # §9 item 4
    _m("t1m6-seminars-table", "t1m6-seminars", "3", "Tab B, T1.M6 plan/fact (L157)"),
    _m("t1m6-seminars-text", "t1m6-seminars", "9", "T1.M6 text: 9 seminars (L157-159)"),
    _m("t1m6-participants-table", "t1m6-participants", "60", "Tab B, participants column (L159)"),
    _m("t1m6-participants-text", "t1m6-participants", "180", "T1.M6 text: 180 people (L157)"),
    _m("villages-passport", "villages", "3", "passport and tasks: 3 villages"),
    _m("villages-t1m6", "villages", "9", "T1.M6 text: «each of 9 villages» (L157)"),
    # §9 item 5
    _m("problems-total", "problems-identified", "9", "3 per village, 9 (L50-L64, L68)"),
    _m("problems-each", "problems-identified", "27", "«9 key problems in each territory» (L156)"),
    # §9 item 7
    _m("partner-ngos-tab-c", "partner-ngos", "2", "Tab C row 9, «2 НПО» (L208)"),
    _m("partner-ngos-t1m1", "partner-ngos", "3", "T1.M1, 3 NGOs with memoranda (L146)"),
    # §9 item 10
    _m("letters-t3m2", "letters-to-mio", "3", "T3.M2 fact, «не менее 3» (L170)", "at_least"),
    _m("letters-t3m3", "letters-to-mio", "3", "T3.M3 fact (L173)"),
    _m("letters-tab-g", "letters-to-mio", "2", "Tab G: 2 letters listed"),
    # §9 item 11
    _m(
        "recommendations-t3m2",
        "recommendations",
        "30",
        "T3.M2 fact, «не менее 10 для каждого села» (L170)",
        "at_least",
    ),
    _m(
        "recommendations-letters",
        "recommendations",
        "19",
        "Tab G letters: 3 + 3 + 3 village issues + 10 general",
    ),
    # §9 item 15 (4 proposals vs 3 ГСЗ projects)
    _m("gsz-t3m3", "gsz-projects", "3", "T3.M3, 3 projects for the ГСЗ register (L173)"),
    _m("gsz-tab-f", "gsz-projects", "4", "Tab F: 4 proposals"),
    # consistent
    _m("reach-tab-b", "information-reach", "19077", "Tab B, information reach (L192)"),
    _m("reach-tab-c", "information-reach", "19077", "Tab C row 2, indirect beneficiaries (L201)"),
    _m("staff-tab-c", "staff", "7", "Tab C row 3 (L202)"),
    _m("staff-results", "staff", "7", "results item 8, team of 7 (L304)"),
]


def build(shared: Path) -> dict[str, dict[str, Any]]:
    """Build both report documents from the ``shared`` folder: file name → document."""
    domain = shared / "domain"
    rows3, stats = rows_003(domain / "seed-003-indicators.csv")
    return {
        "seed_002_report.json": {
            "id": "seed-002",
            "title": "Final report, state social grant No. 92 of 28 May 2024 "
            "(eco-activism, Zhetisu region)",
            "period": "2024-06/2024-11",
            "rows": rows_002(domain / "seed-002-indicators.csv"),
            "breakdowns": BREAKDOWNS_002,
            "mentions": MENTIONS_002,
            "charts": [],
            "tallies": TALLIES_002,
            "deviation_note": "-",
            "source": "shared/seeds/002_f36372864d55f70e.txt; shared/domain/seed-002.md",
        },
        "seed_003_report.json": {
            "id": "seed-003",
            "title": "Final report, state social grant «Development of local rural "
            "communities» (Kyzylorda region)",
            "period": "2024-03-13/2024-11-25",  # S003 L11: 13 марта – 25 ноября 2024
            "rows": rows3,
            "breakdowns": breakdowns_003(stats),
            "mentions": MENTIONS_003,
            "charts": [],
            "tallies": TALLIES_003,
            "deviation_note": None,  # the field (L195) is empty
            "source": "shared/seeds/003_11e18877467527e5.txt; shared/domain/seed-003.md",
        },
    }


def main() -> None:
    """Write the report documents into the package's datasets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    for name, doc in build(args.shared).items():
        text = dumps(_report(json.loads(json.dumps(doc))))  # the canonical document form
        (OUT / name).write_text(text, encoding="utf-8")
        print(f"wrote {OUT / name}: {len(doc['rows'])} rows")


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _report(doc: dict[str, Any]) -> Report:
    rows = tuple(
        ReportRow(
            **{
                **r,
                **{
                    k: _dec(r.get(k))
                    for k in ("planned", "achieved", "percent_printed", "promised", "planned_upper")
                },
            }
        )
        for r in doc["rows"]
    )
    return Report(
        doc["id"],
        doc["title"],
        doc["period"],
        rows=rows,
        breakdowns=tuple(Breakdown(**b) for b in doc["breakdowns"]),
        mentions=tuple(Mention(**m) for m in doc["mentions"]),
        charts=tuple(Chart(**c) for c in doc["charts"]),
        deviation_note=doc["deviation_note"],
        source=doc["source"],
        tallies=tuple(
            Tally(**{**t, "parts": tuple(TallyPart(**p) for p in t.get("parts", ()))})
            for t in doc["tallies"]
        ),
    )


if __name__ == "__main__":
    main()
