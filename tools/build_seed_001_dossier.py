"""Build the seed 001 application dossier (Annexes 2–5) as a ``civicgrants/dossier@1`` document.

    python tools/build_seed_001_dossier.py [--shared ../shared]

Reads the indicator table ``../shared/domain/seed-001-indicators.csv`` (every
indicator of the monitoring plan, the expected results, the target-group table
and the media plan, with their Russian and English wording) and writes
``src/civicgrants/datasets/seed_001_dossier.json``. The rest is transcribed
from ``seed-001.md`` §0–§4 below, with its sections named. The cost estimate
is the shipped ``datasets.seed_001_budget()`` and the calendar plan the shipped
``datasets.seed_001_calendar``, their activity keys renamed to activity codes
(``T4.A2``). The output is deterministic. No person's name, phone number or
e-mail is written: team members and the head are identified by their role.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from civicgrants.budget import Source
from civicgrants.datasets import seed_001_budget
from civicgrants.datasets.seed_001_calendar import calendar_plan
from civicgrants.dossier import (
    Activity,
    Capacity,
    Content,
    Dossier,
    Estimate,
    EstimateQuantity,
    ExpectedResult,
    Indicator,
    Level,
    MediaItem,
    Partner,
    Pledge,
    PriorProject,
    Promise,
    Questionnaire,
    RegionalRow,
    Risk,
    Staffing,
    TargetGroup,
    Task,
    TeamMember,
    TravelBlock,
)
from civicgrants.indicators import Target, TargetForm
from civicgrants.io import dumps
from civicgrants.model import Money, Names, Organisation, OrganisationKind, Person, Role

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "civicgrants" / "datasets" / "seed_001_dossier.json"

REGIONS = (
    "aktobe",
    "east-kazakhstan",
    "pavlodar",
    "karaganda",
    "kostanay",
    "atyrau",
    "akmola",
    "zhambyl",
)
"""The 8 oblasts of the territorial coverage (§3.3), in the form's order."""
CENTRES = ("atyrau", "aktobe", "zhambyl", "east-kazakhstan")
"""Task 1: the community centres' oblasts (§3.2)."""

CALENDAR = {
    "1": "T1.A1",
    "2": "T2.A1",
    "3": "T3.A1",
    "4": "T3.A2",
    "5": "T4.A1",
    "6": "T4.A2",
    "7": "T5.A1",
    "8": "T6.A1",
    "9": "T7.A1",
}
"""Calendar row (and budget ``activity``) → activity code."""


def at_least(v: int) -> Target:
    return Target(TargetForm.AT_LEAST, value=v)


def exactly(v: int) -> Target:
    return Target(TargetForm.EXACTLY, value=v)


def per_event(n: int, events: int) -> Target:
    return Target(TargetForm.PER_EVENT, per_event=n, events=events)


# code → (ref, target, key, relative); texts, unit and level come from the CSV.
INDICATORS: dict[str, tuple[str, Target | None, str | None, bool]] = {
    "I1.1": ("T1.A1", exactly(4), "centres", False),
    "I1.2": ("T1.A1", exactly(4), None, False),
    "I1.3": ("T1.A1", None, None, False),
    "I1.4": ("T1.A1", exactly(30), None, True),
    "I1.5": ("T1.A1", at_least(1), "cofinanced-centres", False),
    "I2.1": ("T2.A1", at_least(150), "survey-respondents", False),
    "I2.2": ("T2.A1", exactly(1), None, False),
    "I2.3": ("T2.A1", exactly(1), None, False),
    "I2.4": ("T2.A1", at_least(40), None, True),
    "I3.1": ("T3.A1", at_least(25), None, False),
    "I3.2": ("T3.A1", at_least(10), "initiative-groups", False),
    "I3.3": ("T3.A1", at_least(10), None, False),
    "I3.4": ("T3.A1", exactly(1), None, False),
    "I3.5": ("T3.A1", exactly(1), None, False),
    "I3.6": ("T3.A1", exactly(1), None, False),
    "I3.7": ("T3.A1", at_least(10), "success-stories", False),
    "I4.1": ("T4.A1", at_least(16), "thematic-sessions", False),
    "I4.2": ("T4.A2", at_least(4), "plans", False),
    "I4.3": ("T4.A1", exactly(1), None, False),
    "I4.4": ("T4.A1", at_least(160), "session-participants", False),
    "I5.1": ("T5.A1", at_least(16), "trainings", False),
    "I5.2": ("T5.A1", at_least(16), None, False),
    "I5.3": ("T5.A1", per_event(15, 16), "training-participants", False),
    "I5.4": ("T5.A1", at_least(16), None, False),
    "I5.5": ("T5.A1", per_event(2, 16), None, False),
    "I5.6": ("T5.A1", at_least(5), None, False),
    "I5.7": ("T5.A1", exactly(30), None, True),
    "I5.8": ("T5.A1", None, None, False),
    "I6.1": ("T6.A1", at_least(160), "brochure-copies", False),
    "I6.2": ("T6.A1", exactly(2), None, False),
    "I6.3": ("T6.A1", None, None, False),
    "I7.1": ("T7.A1", at_least(150), None, False),
    "I7.2": ("T7.A1", exactly(8), "press-releases", False),
    "I7.3": ("T7.A1", at_least(16), "posts", False),
    "I7.4": ("T7.A1", at_least(3), "articles", False),
    "I7.5": ("T7.A1", Target(TargetForm.RANGE, low=10, high=20), None, True),
    "I7.6": ("T7.A1", None, None, False),
}

# §3.2: what each task's and activity's description promises.
TASK_PROMISES = {
    "T1": [Promise("centres", at_least(4), "centre")],
    "T5": [Promise("trainings", at_least(16), "training")],
}
ACTIVITY_PROMISES = {
    "T1.A1": [Promise("centres", exactly(4), "centre")],
    "T2.A1": [Promise("survey-respondents", at_least(150), "person")],
    "T3.A1": [
        Promise("minigrant-regions", exactly(8), "region"),
        Promise("initiative-groups", at_least(10), "initiative group"),
    ],
    "T4.A1": [Promise("thematic-sessions", per_event(2, 8), "session")],
    "T4.A2": [Promise("plans", exactly(8), "plan")],
    "T5.A1": [
        Promise("trainings", per_event(2, 8), "training"),
        Promise("training-participants", per_event(15, 16), "person"),
    ],
}
RESULTS = {  # E-row → (code, task, promises); §3.5
    "E1": (
        "R1",
        "T1",
        [Promise("centres", at_least(4)), Promise("cofinanced-centres", at_least(1))],
    ),
    "E2": ("R2", "T4", [Promise("plans", exactly(8))]),
    "E3": ("R3", "T3", [Promise("initiative-groups", at_least(10))]),
    "E4": ("R4", "T3", [Promise("success-stories", at_least(10))]),
}
GROUPS = {  # G-row → (activity, unit, key); §3.4
    "G1": ("T5.A1", "person", "training-participants"),
    "G2": ("T4.A1", "person", "session-participants"),
    "G3": ("T6.A1", "person", "brochure-copies"),
    "G4": ("T3.A1", "initiative-group", "initiative-groups"),
    "G5": ("T2.A1", "person", "survey-respondents"),
}
MEDIA = {  # MP-row → (target, key, channels); §6 media plan
    "MP1": (at_least(8), "press-releases", ["own website", "social networks"]),
    "MP2": (at_least(16), "posts", ["social networks"]),
    "MP3": (at_least(3), "articles", ["newspapers", "websites"]),
}
ESTIMATE_QUANTITIES = (  # §5.1: lines whose quantity is a promised number
    ("centres", "3.1.a"),
    ("minigrant-regions", "3.3.b"),
    ("plans", "3.4.a"),
    ("plans", "3.4.b"),
    ("trainings", "3.5.a"),
    ("trainings", "3.5.r.c"),
    ("training-participants", "3.5.r.a"),
    ("training-participants", "3.5.r.b"),
    ("training-participants", "3.5.r.d"),
)

# §2.2: period, title, funder, geography, amount, results.
PRIOR = (
    (
        2017,
        2017,
        "Информационная кампания по разъяснению правил и механизмов МСУ и общественного мониторинга",
        "УВП МО",
        "Mangistau",
        Money("2800000"),
        "public monitoring of 2 state services; trainings and round tables",
    ),
    (
        2017,
        2017,
        "Способы обеспечения доступа к информации. Обязанности обладателей информации",
        "Министерство информации и коммуникаций РК",
        "Kazakhstan",
        Money("3188888"),
        "officials of 13 regions trained online",
    ),
    (
        2017,
        2017,
        "Мониторинг наружной рекламы и визуальной информации на соблюдение законодательства о языках",
        "Управление по развитию языков, архивов и документации МО",
        "Mangistau",
        Money("1799888"),
        "result text belongs to another project (seed-001 §2.2)",
    ),
    (
        2017,
        2020,
        "Ауылды бірлесе дамыту!: Совместный подход к развитию местного самоуправления",
        "Представительство Европейского Союза в Казахстане",
        "Mangistau",
        Money("458000", "EUR"),
        "inclusive village development plans; rural akims trained",
    ),
    (
        2018,
        2018,
        "Разъяснение среди населения стратегических программ развития РК",
        "УВП МО",
        "Mangistau",
        Money("6880000"),
        "12 meetings; debate tournament; 2 quest games",
    ),
    (
        2018,
        2018,
        "Формирование антикоррупционного сознания граждан",
        "УВП МО",
        "Mangistau",
        Money("1700000"),
        "2 actions; regional forum; 1 social video",
    ),
    (
        2018,
        2018,
        "Усиление взаимодействия членов местного сообщества с местными органами власти МО",
        "Фонд Сорос-Казахстан",
        "Mangistau",
        Money("9506400"),
        "400 brochures; experience exchange; 5 grants of 150 000",
    ),
    (
        2018,
        2018,
        "Развитие потенциала неправительственного сектора МО через Ресурсный центр",
        "УВП МО",
        "Mangistau",
        Money("7958000"),
        "NGO seminars; VIII regional Civil Forum",
    ),
    (
        2018,
        2018,
        "Гражданский центр поддержки НПО по принципу одного окна",
        "НАО ЦПГИ",
        "Mangistau",
        Money("837760"),
        "civil centre opened; seminar",
    ),
    (
        2019,
        2019,
        "Повышение потенциала сельских НПО в Мангистауской области",
        "НАО ЦПГИ",
        None,
        Money("8098080"),
        "10 grants of 300 000 (fund 3 000 000)",
    ),
    (
        2020,
        2020,
        "Развитие творческого и личного потенциала молодежи путем производства видеоконтента",
        "ГУ УВП МО",
        "Mangistau",
        Money("1994000"),
        "videos in Kazakh and Russian",
    ),
    (
        2020,
        2020,
        "Поддержка студентов в средних и высших учебных заведениях",
        "ГУ УВП МО",
        "Mangistau",
        Money("1320000"),
        "youth involvement",
    ),
    (
        2020,
        2020,
        "Развитие неправительственного сектора посредством областного ресурсного центра",
        "ГУ УВП МО",
        "Mangistau",
        Money("6300000"),
        "small grants; civil forum; website",
    ),
    (
        2020,
        2020,
        "Развитие диалога и взаимодействия между государственными органами и СМИ",
        "ГУ УВП МО",
        "Mangistau",
        Money("2406000"),
        "media training; press tour",
    ),
    (
        2020,
        2020,
        "Повышение правовой грамотности жителей сельских населенных пунктов",
        "НАО ЦПГИ",
        "Mangistau",
        Money("5440000"),
        "485 rural women trained; 1957 brochures",
    ),
    (
        2020,
        2020,
        "Повышение потенциала сельских НПО в Мангистауской области",
        "НАО ЦПГИ",
        "Mangistau",
        Money("8127510"),
        "10 mini-grants of 500 000",
    ),
    (
        2020,
        2020,
        "FUTURE JASTAR – MANGYSTAU",
        "Фонд Сорос Казахстан",
        "Mangistau",
        Money("3494000"),
        "150 pupils and 17 teachers trained",
    ),
)

PARTNERS = (  # §3.7; the director of the last one is not named here
    (
        "Акиматы ВКО, Павлодарской, Карагандинской, Костанайской, Атырауской, Акмолинской, Жамбылской и Актюбинской областей",
        ["community centres", "organisational", "informational"],
    ),
    (
        "ОЮЛ Ассоциация «Гражданский альянс Павлодарской области»",
        ["community centres", "organisational", "informational"],
    ),
    (
        "ОЮЛ «Ассоциация неправительственных организаций Актюбинской области»",
        ["community centres", "organisational", "informational"],
    ),
    (
        "ОЮЛ «Ассоциация молодежных организаций Жамбылской области»",
        ["community centres", "organisational", "informational"],
    ),
    (
        "ОЮЛ «Гражданский альянс Восточно-Казахстанской области»",
        ["community centres", "organisational", "informational"],
    ),
    ("ОФ «Гражданский альянс Костанайской области «ГрИн»", ["organisational", "informational"]),
    ("ОЮЛ «Гражданский Альянс Карагандинской области»", ["organisational", "informational"]),
    (
        "ОЮЛ Ассоциация «Гражданский альянс Акмолинской области»",
        ["organisational", "informational"],
    ),
    (
        "КГУ «Гражданский центр Управления внутренней политики Атырауской области»",
        ["organisational", "informational"],
    ),
    ("НПО «Институт развития местного самоуправления»", ["training"]),
)


def _rows(shared: Path) -> dict[str, dict[str, str]]:
    path = shared / "domain" / "seed-001-indicators.csv"
    return {r["id"]: r for r in csv.DictReader(path.open(encoding="utf-8"))}


def _unit(value: str) -> str | None:
    return None if value.strip() in ("", "-") else value.strip()


def build(shared: Path) -> Dossier:
    rows = _rows(shared)
    tasks: dict[str, dict[str, Any]] = {}
    acts: dict[str, Names] = {}
    for code, (ref, *_rest) in INDICATORS.items():
        r = rows[code]
        task = ref.split(".")[0]
        tasks.setdefault(task, {"names": Names(ru=r["task_ru"], en=r["task_en"])})
    grid = calendar_plan()
    for a in grid.activities:  # the calendar names every activity, in ru and en
        acts[CALENDAR[a.key]] = a.names
    task_list = []
    for code in sorted(tasks, key=lambda c: int(c[1:])):
        activities = [
            Activity(
                a,
                acts[a],
                CENTRES if a == "T1.A1" else REGIONS,
                240 if a == "T5.A1" else None,
                ACTIVITY_PROMISES.get(a, []),
            )
            for a in sorted(acts, key=lambda c: (int(c[1:].split(".")[0]), c))
            if a.split(".")[0] == code
        ]
        task_list.append(Task(code, tasks[code]["names"], activities, TASK_PROMISES.get(code, [])))
    monitoring = []
    for code, (ref, target, key, relative) in INDICATORS.items():
        r = rows[code]
        monitoring.append(
            Indicator(
                code,
                Names(ru=r["indicator_ru"], en=r["indicator_en"]),
                ref,
                Level.LONG_TERM if r["level"].startswith("long-term") else Level.SHORT_TERM,
                unit=_unit(r["unit"]),
                target=target,
                relative=relative,
                key=key,
                verification=_unit(r["means_of_verification"]),
                frequency=r["periodicity"] or None,
            )
        )
    results = [
        ExpectedResult(rc, Names(ru=rows[e]["indicator_ru"], en=rows[e]["indicator_en"]), t, p)
        for e, (rc, t, p) in RESULTS.items()
    ]
    groups = [
        TargetGroup(
            g,
            Names(ru=rows[g]["indicator_ru"], en=rows[g]["indicator_en"]),
            int(rows[g]["target_value"]),
            unit,
            act,
            key,
            18,
            65,
        )
        for g, (act, unit, key) in GROUPS.items()
    ]
    media = [
        MediaItem(
            m,
            rows[m]["indicator_ru"],
            target,
            channels,
            (rows[m]["notes"] or "").removeprefix("frequency: ") or None,
            key,
        )
        for m, (target, key, channels) in MEDIA.items()
    ]
    calendar = attrs.evolve(
        grid,
        activities=[attrs.evolve(a, key=CALENDAR[a.key]) for a in grid.activities],
    )
    budget = seed_001_budget()
    budget = attrs.evolve(
        budget,
        rows=[
            attrs.evolve(r, activity=CALENDAR[r.activity]) if r.activity else r for r in budget.rows
        ],
    )
    content = Content(
        priority="Развитие местного самоуправления",
        goal=(
            "Вовлечение и стимулирование граждан, общественных организаций, местных "
            "органов власти и собраний местного сообщества в развитие местного самоуправления."
        ),
        calendar=calendar,
        territory=REGIONS,
        tasks=task_list,
        target_groups=groups,
        target_total=int(rows["G0"]["target_value"]),
        partners=[Partner(n, roles) for n, roles in PARTNERS],
        expected_results=results,
        monitoring=monitoring,
        risks=[
            Risk(
                "В связи с пандемией коронавирусной инфекции местный исполнительный орган "
                "может не разрешить проведение офлайн мероприятий (обучение)",
                "При ухудшении ситуации все офлайн мероприятия переводятся в онлайн формат (ZOOM)",
            )
        ],
        media=media,
        continuation=(
            "Beneficiaries apply the knowledge and skills; the community centres host events "
            "for rural development (summary of Annex 4 §10)."
        ),
        role=(
            "The community centres keep operating; the initiative groups keep serving residents; "
            "the inclusive plans stay in use (summary of Annex 4 §10)."
        ),
        pledges=[
            Pledge(
                "C1",
                Source.BUSINESS,
                "не менее 1 community-центра с последующим софинансированием бизнес-структур "
                "либо с переходом на местное финансирование",
            )
        ],
    )
    questionnaire = Questionnaire(
        Organisation(
            "gamo",
            Names(
                ru="Объединение юридических лиц в форме ассоциации «Гражданский Альянс "
                "Мангистауской области по вопросам развития общества»",
                en="Civil Alliance of Mangistau Region on Society Development (GAMO)",
            ),
            OrganisationKind.NGO,
            registered=dt.date(2005, 11, 21),
            bin="051140010597",
            region="mangistau",
        ),
        "Объединение юридических лиц в форме ассоциации",
        amended=dt.date(2013, 8, 8),
        address="Мангистауская обл, г.Актау, 34 мкр., здание «Дом дружбы», 34 офис",
        head=Person("head", [Role.LEADER]),
        staff=Staffing(total=6, full_time=6),
    )
    capacity = Capacity(
        charter_fit=(
            "Consolidating public structures to deepen democratic ideas; dialogue between civil "
            "society, government and business (summary of Annex 3 §1)."
        ),
        prior_projects=[
            PriorProject(f"P{i}", first, title, last, funder, region, amount, results)
            for i, (first, last, title, funder, region, amount, results) in enumerate(PRIOR, 1)
        ],
        material_base=(
            "Rented office of 75 m2 (2 rooms and a conference hall), furnished, with internet, "
            "projector, computers and printers; internal policies; 2 audits (Annex 3 §3)."
        ),
        team=[
            TeamMember(
                "head", "Президент", "Общая координация и контроль", 10, Role.LEADER, "1.1.a"
            ),
            TeamMember(
                "accountant", "Бухгалтер", "Финансовая отчетность", 12, Role.ACCOUNTANT, "1.1.b"
            ),
            TeamMember(
                "manager",
                "Менеджер проекта",
                "Координация проекта; освещение и продвижение проекта",
                5,
                Role.PROGRAMME_MANAGER,
                "1.1.c",
            ),
            TeamMember(
                "pr",
                "Специалист по связям с общественностью",
                "Информационные материалы, пресс-релизы, посты, сайт",
                5,
                Role.OTHER,
                "1.1.d",
            ),
        ],
    )
    estimate = Estimate(
        budget,
        quantities=[EstimateQuantity(k, r) for k, r in ESTIMATE_QUANTITIES],
        travel=[TravelBlock("3.5.t", "T5.A1", 3, ["aktobe", "atyrau", "zhambyl"])],
        regional=[
            RegionalRow("3.3.a", "T3.A1"),
            RegionalRow("3.3.b", "T3.A1"),
            RegionalRow("3.5.b", "T5.A1"),
        ],
        contracted=[f"3.{i}.w.ind" for i in range(1, 7)],
    )
    return Dossier(
        "seed-001",
        questionnaire,
        capacity,
        content,
        estimate,
        Money(Decimal("31891320")),
        note="Seed 001: state social grant application of GAMO, Annexes 2-5 (seed-001.md)",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    OUT.write_text(dumps(build(args.shared)), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
