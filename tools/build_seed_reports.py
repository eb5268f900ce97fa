"""Build the seed 002 and seed 003 final reports as final-report documents (JSON).

    python tools/build_seed_reports.py [--shared ../shared]

Reads ``<shared>/domain/seed-002-indicators.csv`` and ``seed-003-indicators.csv``
(every indicator row of the two final reports, as extracted) and writes
``src/civicgrants/datasets/seed_002_final_report.json`` and
``seed_003_final_report.json`` (``civicgrants/final-report@1``): the header; the
rows with their printed cells and the numbers they state; the breakdowns,
tallies and promised targets; every figure printed again elsewhere as a
reference to the row it restates; the partners, letters, results, stories and
proposals tables and the counts of them printed elsewhere; the financial part.
All as ``shared/domain/seed-002.md`` (§1, §3, §4, §6, §8) and ``seed-003.md``
(§1–§9) describe them, with source lines. The output is deterministic.

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

from civicgrants.dossier.report import FinalReport
from civicgrants.io import dumps
from civicgrants.io.documents import from_data, schema_tag

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


def _m(
    key: str,
    figure: str,
    value: str,
    where: str,
    qualifier: str = "exact",
    *,
    row: str | None = None,
    column: str = "achieved",
) -> dict[str, Any]:
    """A figure printed at ``where``; ``row`` names the row whose number it restates."""
    out: dict[str, Any] = {
        "key": key, "figure": figure, "value": value, "where": where, "qualifier": qualifier
    }  # fmt: skip
    if row is not None:
        out |= {"row": row, "column": column}
    return out


# A figure printed in the indicator table is the row itself, not a copy: every other
# place that prints it refers to the row (``row=``) and is checked against it.
MENTIONS_002 = [
    # §8 item 2: 70 % in row 4.2.4
    _m(
        "applicability-result",
        "practical-applicability-pct",
        "100",
        "«Достигнутый результат»",
        row="4.2.4",
    ),
    _m(
        "applicability-s5",
        "practical-applicability-pct",
        "90",
        "section 5 item 12, «свыше 90%»",
        "more_than",
        row="4.2.4",
    ),
    # §8 item 3: 20 000 in Table B row 2
    _m(
        "indirect-s1",
        "indirect-beneficiaries",
        "30000",
        "section 1, «свыше 30 000»",
        "more_than",
        row="B.2",
    ),
    # §8 item 5: coverage 100 in row 3.6.1
    _m(
        "alakol-narrative",
        "alakol-festival-participants",
        "50",
        "narrative, «Охват – 50»",
        row="3.6.1",
    ),
    # §8 item 6: 200 schools in row 3.8.1
    _m(
        "schools-coverage",
        "drawing-contest-rural-schools",
        "100",
        "Table A, coverage «Свыше 100 школ»",
        "more_than",
        row="3.8.1",
    ),
    _m(
        "schools-narrative",
        "drawing-contest-rural-schools",
        "120",
        "narrative: 120 of 337 works from rural schools",
        "at_most",
        row="3.8.1",
    ),
    # §8 item 7: 4 publications in row 1.1.4
    _m(
        "publications-two",
        "media-publications",
        "2",
        "narrative 1.1, «две публикации»",
        row="1.1.4",
    ),
    _m(
        "publications-twenty",
        "media-publications",
        "20",
        "narrative 1.1 and section 11, «порядка 20»",
        "about",
        row="1.1.4",
    ),
    # §8 item 8: 10 videos in row 2.2.1
    _m("videos-narrative", "videos", "80", "narrative 2.2, «порядка 80»", "about", row="2.2.1"),
    # §8 item 12: 301 in row 2.1.3
    _m(
        "seminar-participants-300",
        "seminar-participants",
        "300",
        "narrative, «охватившие 300»",
        row="2.1.3",
    ),
    _m(
        "seminar-participants-over",
        "seminar-participants",
        "300",
        "narrative, «свыше 300»",
        "more_than",
        row="2.1.3",
    ),
    # consistent: printed alike everywhere
    _m("direct-s5", "direct-beneficiaries", "1000", "section 5 «2.»", row="B.1"),
    _m("direct-gender", "direct-beneficiaries", "1000", "section 4, gender total", row="B.1"),
    _m("respondents-s5", "survey-respondents", "1000", "section 5 item 10", row="1.4.1"),
    _m("specialists-s5", "engaged-specialists", "6", "section 5 item 12: 6 trainers", row="B.4"),
]


def _tally(key: str, label: str, total: str, kind: str, source: str, row: str) -> dict[str, str]:
    return {"key": key, "label": label, "total": total, "unit": "persons", "kind": kind,
            "source": source, "row": row}  # fmt: skip


# Beneficiaries as the reports print them: unique people, no sum of participations
# (seed-002.md §3.4: the activities' 2 081 person-participations are not added up in
# the report, whose 1 000 is de-duplicated or the survey count).
TALLIES_002 = [
    _tally(
        "direct-beneficiaries", "direct beneficiaries", "1000", "direct", "Table B, row 1", "B.1"
    ),
    _tally(
        "indirect-beneficiaries",
        "indirect beneficiaries",
        "20000",
        "indirect",
        "Table B, row 2",
        "B.2",
    ),
]


def _partner(key: str, name: str, role: str, kind: str, bodies: int = 1, note: str | None = None
             ) -> dict[str, Any]:  # fmt: skip
    return {"key": key, "name": name, "role": role, "kind": kind, "bodies": bodies, "note": note}


PARTNERS_002 = [  # Table C (seed-002.md §6); contact persons are not copied
    _partner(
        "ecology-department",
        "Департамент экологии области Жетісу",
        "helped organise the clean-ups at Balkhash and Alakol",
        "state-body",
        note="signed a memorandum with the NGO",
    ),
    _partner(
        "housing-department",
        "Управление ЖКХ области Жетісу",
        "helped organise the seminar for housing and utility staff",
        "state-body",
        note="letter of thanks",
    ),
    _partner(
        "akimats",
        "Акиматы 8 районов и 2 городов области Жетісу",
        "provided premises for seminars and working meetings",
        "local-authority",
        bodies=10,
    ),
]

COUNTS_002 = [
    # §8 item 4: Table B row 9 says 10 partners; Table C names 1 + 1 + 10 = 12 bodies
    {
        "key": "partners-table-b",
        "table": "partners",
        "where": "Table B, row 9",
        "row": "B.9",
        "bodies": True,
    },
]

PROPOSALS_002 = [  # Table D, «Объем финансирования (тысячи тенге)»; the file ends inside row 2
    {
        "key": "green-farming",
        "title": "Зеленое фермерство – фактор снижения негативного влияния на природу",
        "amount": "7000000",
        "unit": "1000",
    },
    {
        "key": "wild-tourism",
        "title": "Систематизация мест стихийного туризма в области Жетісу",
        "amount": "6000000",
        "unit": "1000",
    },
]

RESULTS_002 = [  # section 5, numbered as printed: «2.», «3.», then «2.» … «12.» again
    (str(n), text)
    for n, text in [
        (2, "1000 people directly acquainted with the project's goals and objectives"),
        (3, "Training seminars for eco-activists"),
        (2, "Working meetings with housing-and-utilities and municipal-service staff"),
        (3, "Production of videos"),
        (4, "Monitoring of parks and green spaces"),
        (5, "Monitoring of waste landfills"),
        (6, "Eco-activists' forum at Lake Balkhash"),
        (7, "Festival at Lake Alakol"),
        (8, "Drawing contest"),
        (9, "«Clean Deeds Marathon» contest in 10 nominations with grants"),
        (10, "Mass survey"),
        (11, "Media and social-media coverage"),
        (12, "Satisfaction level and practical applicability"),
    ]
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
    _tally(
        "direct-beneficiaries", "direct beneficiaries", "520", "direct", "Tab C row 1 (L200)", "C.1"
    ),
    _tally(
        "indirect-beneficiaries",
        "indirect beneficiaries",
        "19077",
        "indirect",
        "Tab C row 2 (L201)",
        "C.2",
    ),
]

MENTIONS_003 = [
    # §9 item 1: goal.1's fact cell states no single number; the four places disagree
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
    # §9 item 2: goal.2 (161) and Tab C row 1 (520) are two rows of one figure
    _m(
        "participants-l214",
        "participants-total",
        "161",
        "task 1 result, «всего 161» (L214)",
        row="goal.2",
    ),
    _m("participants-section-4", "participants-total", "520", "section 4 total (L281)", row="C.1"),
    _m("participants-results", "participants-total", "520", "section 5 results (L296)", row="C.1"),
    _m(
        "participants-t1m3",
        "participants-total",
        "316",
        "T1.M3 alone surveyed 316 people (L150)",
        "at_least",
        row="T1.M3.3",
    ),
    # §9 item 4
    _m(
        "t1m6-seminars-table",
        "t1m6-seminars",
        "3",
        "Tab B, T1.M6 plan/fact (L157)",
        row="T1.M6.1",
        column="planned",
    ),
    _m("t1m6-seminars-text", "t1m6-seminars", "9", "T1.M6 text: 9 seminars (L157-159)"),
    _m(
        "t1m6-participants-table",
        "t1m6-participants",
        "60",
        "Tab B, participants column (L159)",
        row="T1.M6.5",
        column="planned",
    ),
    _m("t1m6-participants-text", "t1m6-participants", "180", "T1.M6 text: 180 people (L157)"),
    _m("villages-passport", "villages", "3", "passport and tasks: 3 villages"),
    _m("villages-t1m6", "villages", "9", "T1.M6 text: «each of 9 villages» (L157)"),
    # §9 item 5
    _m("problems-total", "problems-identified", "9", "3 per village, 9 (L50-L64, L68)"),
    _m("problems-each", "problems-identified", "27", "«9 key problems in each territory» (L156)"),
    # consistent
    _m(
        "reach-tab-b", "information-reach", "19077", "Tab B, information reach (L192)", row="I.M4.2"
    ),
    _m(
        "reach-tab-c",
        "information-reach",
        "19077",
        "Tab C row 2, indirect beneficiaries (L201)",
        row="C.2",
    ),
    _m("staff-results", "staff", "7", "results item 8, team of 7 (L304)", row="C.3"),
]

PARTNERS_003 = [  # Tab E (seed-003.md §8.3): 7 rows, none an NGO; contact persons not copied
    _partner(
        "public-development",
        "Управление общественного развития Кызылординской области",
        "support for interaction with state bodies and local self-government",
        "state-body",
    ),
    _partner(
        "culture",
        "Управление культуры Кызылординской области",
        "organising interaction with village clubs",
        "state-body",
    ),
    _partner(
        "theatre",
        "Кызылординский Академический театр имени Нартая Бекежанова",
        "organising productions; involving creative youth",
        "culture",
    ),
    _partner(
        "maslikhat",
        "Кызылординский областной маслихат",
        "interaction with oblast maslikhat deputies",
        "maslikhat",
    ),
    _partner(
        "aral-akimat",
        "Аппарат акима Аральского района",
        "interaction, cooperation, achieving project indicators",
        "local-authority",
    ),
    _partner(
        "kazaly-akimat",
        "Аппарат акима Казалинского района",
        "interaction, cooperation, achieving project indicators",
        "local-authority",
    ),
    _partner(
        "akzharma-akimat",
        "Аппарат акима аульного округа Акжарма",
        "interaction, cooperation, achieving project indicators",
        "local-authority",
    ),
]

LETTERS_003 = [  # Tab G (seed-003.md §6.1): both letters are No. 60 of 25 November 2024
    {
        "key": "to-akim",
        "number": "60",
        "addressee": "Akim of Kyzylorda region",
        "sent": "2024-11-25",
        "recommendations": 9,
    },  # fmt: skip  3 issues for each village
    {
        "key": "to-department",
        "number": "60",
        "addressee": "Department of Public Development, Kyzylorda region",
        "sent": "2024-11-25",
        "recommendations": 10,
    },  # fmt: skip  4 findings + 6 requests
]

COUNTS_003 = [
    # §9 item 7: Tab C row 9 «2 НПО» and T1.M1's 3 NGOs with memoranda; Tab E has no NGO
    {
        "key": "partner-ngos-tab-c",
        "table": "partners",
        "where": "Tab C row 9, «2 НПО» (L208)",
        "row": "C.9",
        "kind": "ngo",
    },
    {
        "key": "partner-ngos-t1m1",
        "table": "partners",
        "where": "T1.M1, 3 NGOs with memoranda (L146)",
        "row": "T1.M1.3",
        "kind": "ngo",
    },
    # §9 item 10: ≥3 letters (T3.M2) and 3 letters to МИО (T3.M3); Tab G lists 2
    {
        "key": "letters-t3m2",
        "table": "letters",
        "where": "T3.M2 fact, «не менее 3» (L170)",
        "value": "3",
        "qualifier": "at_least",
    },
    {"key": "letters-t3m3", "table": "letters", "where": "T3.M3 fact (L173)", "row": "T3.M3.2"},
    # §9 item 11: ≥10 per village (≥30) against 9 + 10 in the letters
    {
        "key": "recommendations-t3m2",
        "table": "recommendations",
        "where": "T3.M2 fact, «не менее 10 для каждого села» (L170)",
        "value": "30",
        "qualifier": "at_least",
    },
    # §9 item 15: 3 ГСЗ projects (T3.M3) against 4 proposals in Tab F
    {
        "key": "gsz-t3m3",
        "table": "proposals",
        "where": "T3.M3, 3 projects for the ГСЗ register (L173)",
        "row": "T3.M3.1",
    },
]

PROPOSALS_003 = [  # Tab F, «Объем финансирования (тысячи тенге)», values written in tenge
    {
        "key": "kamystybas-leisure",
        "title": "Проект организации досуга детей в возрасте от 7 до 14 лет села Камыстыбас",
        "amount": "865000",
        "unit": "1000",
        "grant_type": "Малый грант",
    },
    {
        "key": "rural-ngos",
        "title": "Повышение потенциала сельских НПО",
        "amount": "5400000",
        "unit": "1000",
        "grant_type": "Социальный грант",
    },
    {
        "key": "kamystybas-heritage",
        "title": "Сохранение культурного наследия поселка Камыстыбас",
        "amount": "1875000",
        "unit": "1000",
        "grant_type": "Малый грант",
    },
    {
        "key": "syrdarya-banks",
        "title": "Уплотнение берегов реки Сырдарья на территории села Баймурат Батыр",
        "amount": "5612000",
        "unit": "1000",
        "grant_type": "Малый грант",
    },
]

RESULTS_003 = [  # section 5, items 1–9 (L296–L305)
    ("1", "520 people participated"),
    ("2", "Local-community councils updated to include youth and women"),
    ("3", "Seven strategic documents explained; the fourth-level budget introduced"),
    ("4", "NGOs: Kamystybas since 1996; two villages submitted documents for registration"),
    ("5", "Meetings with maslikhat deputies and a senator"),
    ("6", "Development opportunities"),
    ("7", "Residents taught assembly methods; 3 offices in village clubs"),
    ("8", "The team of 7 gained experience; a state programme for local communities proposed"),
    ("9", "Communities know nothing of the fourth-level budget; a seminar cycle proposed"),
]

STORIES_003 = [  # section 3 (L236–L274); the people named in the source are not copied
    {
        "key": "baimurat-batyr",
        "title": "A new community creates a public association",
        "place": "Baimurat Batyr",
        "situation": "residents did not know they belonged to the "
        "akimat's list of local-community members",
        "impact": "two meetings with the team",
        "result": "a public association created; its head now advises other villages",
    },
    {
        "key": "kamystybas",
        "title": "Restoring the blacksmiths' heritage",
        "place": "Kamystybas",
        "situation": "a village of blacksmiths whose names were forgotten",
        "impact": "an action plan with children, youth and elders",
        "result": "names and legends being restored",
    },
    {
        "key": "gani-muratbaev",
        "title": "A foundation for rural initiatives",
        "place": "Gani Muratbaev",
        "situation": "no organisation for the village's development",
        "impact": "activists trained in drafting projects and running assemblies",
        "result": "the village decided to create a public foundation",
    },
]

SPENDING_003 = [  # Tab C rows 6–8 (L205–L207): planned = actual on every line
    {
        "key": "payroll",
        "code": "payroll",
        "label": "Фонд оплаты труда от общей суммы гранта",
        "spent": "2440000",
        "planned": "2440000",
        "row": "C.6",
    },
    {
        "key": "taxes",
        "code": "taxes",
        "label": "Налоги (СН, СО, ОСМС)",
        "spent": "296120",
        "planned": "296120",
        "row": "C.7",
    },
    {
        "key": "purchases",
        "code": "purchases",
        "label": "Вклад в экономику (покупка товаров и услуг)",
        "spent": "2922880",
        "planned": "2922880",
        "row": "C.8",
    },
]


def _results(items: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"key": f"r{i}", "number": f"{n}.", "text": t} for i, (n, t) in enumerate(items, 1)]


def build(shared: Path) -> dict[str, dict[str, Any]]:
    """Build both final-report documents from the ``shared`` folder: file name → document."""
    domain = shared / "domain"
    rows3, stats = rows_003(domain / "seed-003-indicators.csv")
    return {
        "seed_002_final_report.json": {
            "agreement": {
                "number": "92",
                "signed": "2024-05-28",
                "grant": "5000000",
                "grantee": "ОО «Зелёная солидарность»",
                "title": "Туризм и экология: поиск решений для снижения негативного влияния "
                "людей на окружающую среду",
                "direction": "Формирование экологической культуры среди населения и охрана "
                "окружающей среды",
            },
            "indicators": {
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
            "goal": {
                "goal": "Reduce people's negative impact on the environment in tourism zones "
                "of Zhetisu region through eco-activism",
                "statement": "over 30 000 people learned of the project; praise from the "
                "oblast departments; recommendations for the local executive bodies; "
                "«main goal achieved»",
            },
            "results": _results(RESULTS_002),
            "partners": PARTNERS_002,
            "counts": COUNTS_002,
            "proposals": PROPOSALS_002,
            "stories": [  # section 3: five bullets, not a situation → impact → result story
                {
                    "key": "section-3",
                    "title": "Success story (section 3)",
                    "result": "the first large-scale monitoring of parks; municipal services on "
                    "the lake shores; the first «Марафон чистых дел»",
                },
            ],
            "finances": None,  # the file holds no financial report (seed-002.md §4)
        },
        "seed_003_final_report.json": {
            "agreement": {
                "number": "unknown",  # the passport prints no agreement number (S003 L1-L12)
                "grant": "5659000",
                "grantee": "ОЮЛ «Альянс неправительственных организаций Кызылординской области»",
                "title": "Развитие местных сельских сообществ в селах Камыстыбас, Баймурат "
                "Батыр и Гани Муратбаев",
            },
            "indicators": {
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
            "goal": {
                "goal": "Develop local rural communities through sustainable initiative "
                "groups and NGOs",
                "rows": ["goal.1", "goal.2", "goal.3", "goal.4", "goal.5"],
            },
            "results": _results(RESULTS_003),
            "partners": PARTNERS_003,
            "letters": LETTERS_003,
            "counts": COUNTS_003,
            "proposals": PROPOSALS_003,
            "stories": STORIES_003,
            "finances": {"lines": SPENDING_003},
        },
    }


def main() -> None:
    """Write the final-report documents into the package's datasets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    for name, doc in build(args.shared).items():
        report = from_data(
            {"schema": schema_tag("final-report"), **_canonical(doc)}, FinalReport, source=name
        )
        (OUT / name).write_text(dumps(report), encoding="utf-8")
        print(f"wrote {OUT / name}: {len(report.indicators.rows)} rows")


def _canonical(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as JSON data: amounts of tenge as Money objects."""
    out: dict[str, Any] = json.loads(json.dumps(doc))

    def tenge(value: str) -> dict[str, str]:
        return {"amount": f"{value}.00", "currency": "KZT"}

    out["agreement"]["grant"] = tenge(out["agreement"]["grant"])
    for line in (out.get("finances") or {}).get("lines", []):
        for k in ("spent", "planned"):
            if k in line:
                line[k] = tenge(line[k])
    return out


if __name__ == "__main__":
    main()
