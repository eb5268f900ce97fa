"""Benchmark: a 200-activity dossier and its final report, audited together.

Target (issue 12, "Done when"): a generated dossier with 200 activities, 5 000
budget lines and 500 indicators, and its report, are audited together in under
1 s on 2 cores. The dossier (:func:`build_dossier`): 20 tasks × 10 activities
(``T1`` … ``T20``, ``T1.A1`` …), a 12-month calendar with a row per activity, an
estimate of 5 000 lines (an administrative section paid by the month and one
block of direct costs per activity: services, a participants line, catering,
per-region lines, travel, materials), 500 monitoring-plan indicators with
targets, target groups, expected results, a media plan and a co-financing
pledge. Its numbers agree across the annexes except for a few planted errors
(a line total 1 000 off, an estimate funding fewer participants than promised,
a trip short of a region, an activity promising a month more than its
calendar row marks, a catering line short of the participants). The report
(:func:`build_report`) is :func:`civicgrants.dossier.draft_report` filled in: an
achieved number on every row with a plan (a few short, a few far over, some printed percentages,
one wrong), the spending on every grant line (most as planned, some under, two
over, the rest refunded) and 300 restated figures, three of them wrong.

Timed, best of :data:`REPEATS` after a warm-up: ``audit(dossier)`` plus
``check_final_report(report, dossier)`` together, and each alone. The peer,
measured in the same run: the cross-checks a user would otherwise write with
pandas (line arithmetic, subtotals, splits, links between the annexes, the
report's plans, restated figures and spending against the estimate; a subset of
the audit, in float64, from building the frames on), skipped with a note when
pandas is not installed; and, as a reference point, a JSON round trip of the
report (``io.loads(io.dumps(report))``). Building the documents is measured and
printed separately, outside the timings.

Run with ``python -m benchmarks`` (all benchmarks) or
``python benchmarks/bench_dossier.py`` (this one).
"""

from __future__ import annotations

import importlib.util
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from civicgrants.budget import Budget, BudgetForm, BudgetRow, Funding, Source
from civicgrants.dossier import (
    Activity,
    Capacity,
    Content,
    Dossier,
    Estimate,
    EstimateQuantity,
    ExpectedResult,
    FinalReport,
    Finances,
    Indicator,
    Level,
    MediaItem,
    Pledge,
    PriorProject,
    Promise,
    Questionnaire,
    RegionalRow,
    Risk,
    Spending,
    Staffing,
    TargetGroup,
    Task,
    TeamMember,
    TravelBlock,
    audit,
    check_final_report,
    draft_report,
)
from civicgrants.indicators import Mention, ReportRow, Target, TargetForm
from civicgrants.io import dumps, loads
from civicgrants.model import Money, Names, Organisation, OrganisationKind, Person, Role
from civicgrants.schedule import GridActivity, MonthGrid

TASKS = 20
PER_TASK = 10
LINES = 5_000
INDICATORS = 500
MENTIONS = 300
MONTHS = 12
SEED = 2024
REPEATS = 5
TARGET_S = 1.0
TERRITORY = ("aktobe", "atyrau", "akmola", "zhambyl", "pavlodar", "mangistau")
FILLERS = (
    ("Аренда зала", "сутки"),
    ("Печать материалов", "тираж"),
    ("Услуги видеосъёмки", "услуга"),
    ("Канцелярские товары", "комплект"),
    ("Трансфер участников", "рейс"),
    ("Аренда оборудования", "сутки"),
)

_Parts = dict[Source, int]


def _merge(parts: list[_Parts]) -> _Parts:
    out: _Parts = {}
    for p in parts:
        for source, amount in p.items():
            out[source] = out.get(source, 0) + amount
    return out


def _funding(parts: _Parts) -> tuple[Funding, ...]:
    return tuple(Funding(s, Money(parts[s])) for s in Source if s in parts)


class _Rows:
    """The estimate's rows, top-down: groups are placeholders until :meth:`close` sums them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.rows: list[BudgetRow] = []

    def line(
        self, code: str, parent: str, item: str, unit: str, quantity: int, *, periods: int = 1
    ) -> _Parts:
        price = 500 * self.rng.randint(1, 400)
        total = price * quantity * periods
        parts = {Source.GRANT: total}
        if self.rng.random() < 0.2:  # a fifth of the lines are co-financed
            own = total // 10
            parts = {Source.GRANT: total - own, Source.OWN: own}
        self.rows.append(
            BudgetRow(
                code,
                parent,
                item=item,
                unit=unit,
                quantity=Decimal(quantity),
                unit_price=Money(price),
                periods=periods,
                declared_total=Money(total),
                funding=_funding(parts),
            )
        )
        return parts

    def group(self, code: str, parent: str | None, item: str, activity: str | None = None) -> int:
        self.rows.append(BudgetRow(code, parent, item=item, activity=activity))
        return len(self.rows) - 1

    def close(self, index: int, parts: list[_Parts]) -> _Parts:
        merged = _merge(parts)
        self.rows[index] = attrs.evolve(
            self.rows[index], declared_total=Money(sum(merged.values())), funding=_funding(merged)
        )
        return merged


def _fixed_lines(i: int) -> int:
    """Lines block ``i`` (1-based) has before its fillers: services, participants, catering,
    a per-region line in every other block, two travel lines in every third."""
    return 3 + (i % 2) + (2 if i % 3 == 0 else 0)


def build_dossier(
    *,
    tasks: int = TASKS,
    per_task: int = PER_TASK,
    lines: int = LINES,
    indicators: int = INDICATORS,
    seed: int = SEED,
) -> Dossier:
    """A valid dossier of ``tasks × per_task`` activities, ``lines`` budget lines and
    ``indicators`` monitoring-plan indicators, deterministic for a ``seed``, with five
    planted errors (see the module's docs)."""
    rng = random.Random(seed)
    shape = [(f"T{t}", [f"T{t}.A{a}" for a in range(1, per_task + 1)]) for t in range(1, tasks + 1)]
    codes = [a for _, acts in shape for a in acts]
    task_codes = [t for t, _ in shape]
    if indicators < len(task_codes) + len(codes):
        raise ValueError("need at least one indicator per task and per activity")
    regions = {a: tuple(rng.sample(TERRITORY, rng.randint(1, 4))) for a in codes}
    marked = {a: tuple(sorted(rng.sample(range(1, MONTHS + 1), rng.randint(2, 8)))) for a in codes}
    events = {a: (rng.randint(10, 40), rng.randint(1, 8)) for a in codes}  # per event, events
    people = {a: per * n for a, (per, n) in events.items()}

    # -- the estimate: TOTAL, 1 (administration, by the month), 3 (a block per activity) ---
    admin_lines = max(1, lines // 250)
    fixed = admin_lines + sum(_fixed_lines(i) for i in range(1, len(codes) + 1))
    if lines < fixed:
        raise ValueError(f"{lines} lines are too few for {len(codes)} activities (need {fixed})")
    extra, left = divmod(lines - fixed, len(codes))
    est = _Rows(rng)
    total = est.group("TOTAL", None, "Итого")
    admin = est.group("1", None, "Административные затраты")
    admin_parts = [
        est.line(f"1.{j}", "1", f"Оплата труда: должность {j}", "месяц", MONTHS)
        for j in range(1, admin_lines + 1)
    ]
    sections = [est.close(admin, admin_parts)]
    direct = est.group("3", None, "Прямые расходы")
    quantities: list[EstimateQuantity] = []
    travel: list[TravelBlock] = []
    regional: list[RegionalRow] = []
    contracted: list[str] = []
    blocks: list[_Parts] = []
    planted_people, planted_travel, planted_catering = codes[len(codes) // 3], 3, codes[-1]
    for i, code in enumerate(codes, start=1):
        b = f"3.{i}"
        index = est.group(b, "3", f"{i}) мероприятие {code}", activity=code)
        n = len(regions[code])
        parts = [est.line(f"{b}.a", b, f"Услуги тренеров {b}", "услуга", rng.randint(1, 20))]
        contracted.append(f"{b}.a")
        funded = people[code] - (5 if code == planted_people else 0)  # planted: funds fewer
        parts.append(est.line(f"{b}.q", b, f"Работа с участниками {b}", "чел.", funded))
        quantities.append(EstimateQuantity(f"people-{code}", f"{b}.q"))
        fed = people[code] - (10 if code == planted_catering else 0)  # planted: short
        parts.append(est.line(f"{b}.c", b, f"Кофе-брейк {b}", "чел.", fed))
        if i % 2:
            parts.append(est.line(f"{b}.r", b, f"Региональная логистика {b}", "регион", n))
            regional.append(RegionalRow(f"{b}.r", code))
        if i % 3 == 0:
            trips = est.group(f"{b}.t", b, "расходы на служебные командировки")
            trip_parts = [
                est.line(f"{b}.t.a", f"{b}.t", f"Авиабилеты {b}", "билет", 2 * n),
                est.line(f"{b}.t.b", f"{b}.t", f"Суточные {b}", "сутки", 3 * n),
            ]
            parts.append(est.close(trips, trip_parts))
            short = 1 if i == planted_travel and n > 1 else 0  # planted: a region without a trip
            travel.append(TravelBlock(f"{b}.t", code, n - short, regions[code][short:]))
        for k in range(1, extra + (1 if i <= left else 0) + 1):
            item, unit = FILLERS[(i + k) % len(FILLERS)]
            parts.append(est.line(f"{b}.{k}", b, f"{item} {b}.{k}", unit, rng.randint(1, 30)))
        blocks.append(est.close(index, parts))
    sections.append(est.close(direct, blocks))
    grand = est.close(total, sections)
    rows = est.rows
    planted_line = f"3.{min(7, len(codes))}.a"
    wrong = next(j for j, r in enumerate(rows) if r.code == planted_line)  # planted: 1 000 off
    declared = rows[wrong].declared_total
    assert declared is not None
    rows[wrong] = attrs.evolve(rows[wrong], declared_total=declared + Money(1000))
    budget = Budget("estimate", tuple(rows), form=BudgetForm.STATE_SMETA)

    # -- the monitoring plan: one qualitative-or-counted indicator per task, the rest per activity
    monitoring = [
        Indicator(
            f"I{t[1:]}.0",
            Names(ru=f"Задача {t} выполнена", en=f"task {t} done"),
            t,
            Level.LONG_TERM,
            unit="отчёт",
            target=Target(TargetForm.EXACTLY, value=1) if j % 4 else None,
        )
        for j, t in enumerate(task_codes)
    ]
    per_activity, more = divmod(indicators - len(monitoring), len(codes))
    for i, code in enumerate(codes):
        per, n = events[code]
        for k in range(1, per_activity + (1 if i < more else 0) + 1):
            ref = f"I{code[1:].replace('.A', '.')}.{k}"
            if k == 1:  # the participants the activity promises, stated again
                target: Target | None = Target(TargetForm.PER_EVENT, per_event=per, events=n)
                ind = Indicator(
                    ref,
                    Names(ru=f"Участники {code}", en=f"participants of {code}"),
                    code,
                    unit="чел.",
                    target=target,
                    key=f"people-{code}",
                    verification="списки участников",
                )
            else:
                kind = rng.random()
                baseline = None
                if kind < 0.1:
                    target = None  # qualitative
                elif kind < 0.25:
                    low = rng.randint(5, 50)
                    target = Target(TargetForm.RANGE, low=low, high=low + rng.randint(5, 50))
                elif kind < 0.35:  # a change in percent against a baseline
                    target = Target(TargetForm.AT_LEAST, value=rng.choice((10, 20, 30)))
                    baseline = Decimal(rng.randint(10, 60))
                elif kind < 0.7:
                    target = Target(TargetForm.AT_LEAST, value=rng.randint(1, 100))
                else:
                    target = Target(TargetForm.EXACTLY, value=rng.randint(1, 20))
                ind = Indicator(
                    ref,
                    Names(ru=f"Показатель {ref}", en=f"indicator {ref}"),
                    code,
                    Level.SHORT_TERM,
                    unit="ед.",
                    target=target,
                    baseline=baseline,
                    relative=baseline is not None,
                )
            monitoring.append(ind)

    # -- the forms ---------------------------------------------------------------------
    planted_months = codes[min(5, len(codes) - 1)]

    def promises(code: str) -> tuple[Promise, ...]:
        per, n = events[code]
        months = len(marked[code]) + (1 if code == planted_months else 0)  # planted: one more
        return (
            Promise(f"months-{code}", Target(TargetForm.EXACTLY, value=months), "месяц"),
            Promise(f"people-{code}", Target(TargetForm.PER_EVENT, per_event=per, events=n)),
        )

    task_list = tuple(
        Task(
            t,
            Names(ru=f"Задача {t}", en=f"task {t}"),
            tuple(
                Activity(
                    a,
                    Names(ru=f"Мероприятие {a}", en=f"activity {a}"),
                    regions[a],
                    people[a],
                    promises(a),
                )
                for a in acts
            ),
        )
        for t, acts in shape
    )
    results = tuple(
        ExpectedResult(
            f"R{t[1:]}",
            Names(ru=f"Результат задачи {t}", en=f"result of {t}"),
            t,
            (Promise(f"people-{acts[0]}", Target(TargetForm.EXACTLY, value=people[acts[0]])),),
        )
        for t, acts in shape
    )
    groups = tuple(
        TargetGroup(
            f"G{t[1:]}",
            Names(ru=f"Участники задачи {t}", en=f"participants of {t}"),
            sum(people[a] for a in acts),
            "person",
            age_min=18,
        )
        for t, acts in shape
    )
    calendar = MonthGrid(
        MONTHS,
        tuple(
            GridActivity(a, Names(ru=f"Мероприятие {a}"), marked[a], f"3.{i}")
            for i, a in enumerate(codes, start=1)
        ),
    )
    content = Content(
        "Развитие местного самоуправления",
        "Вовлечь жителей в решение местных вопросов",
        calendar,
        TERRITORY,
        task_list,
        title="Бенчмарк: 200 мероприятий",
        target_groups=groups,
        target_total=sum(g.count for g in groups),
        expected_results=results,
        monitoring=tuple(monitoring),
        risks=(Risk("карантин", "перенос в онлайн"),),
        media=(
            MediaItem("MP1", "пресс-релизы", Target(TargetForm.AT_LEAST, value=10), key="releases"),
            MediaItem("MP2", "посты", Target(TargetForm.AT_LEAST, value=48), key="posts"),
        ),
        pledges=(Pledge("C1", Source.OWN, "собственный вклад", Money(grand[Source.OWN])),),
    )
    questionnaire = Questionnaire(
        Organisation("applicant", Names(ru="ОЮЛ «Бенчмарк»"), OrganisationKind.NGO),
        "Объединение юридических лиц в форме ассоциации",
        head=Person("head", (Role.LEADER,)),
        accountant=Person("accountant", (Role.ACCOUNTANT,)),
        staff=Staffing(36, 6, 10, 20),
    )
    capacity = Capacity(
        prior_projects=(PriorProject("P1", 2019, "Школа местного актива", 2023),),
        team=tuple(
            TeamMember(f"m{j}", f"Должность {j}", "координация", 5 + j, budget_row=f"1.{j}")
            for j in range(1, min(admin_lines, 5) + 1)
        ),
    )
    estimate = Estimate(
        budget,
        quantities=tuple(quantities),
        travel=tuple(travel),
        regional=tuple(regional),
        contracted=tuple(contracted),
    )
    return Dossier(
        "bench-dossier",
        questionnaire,
        capacity,
        content,
        estimate,
        Money(grand[Source.GRANT]),
        note="benchmarks/bench_dossier.py",
    )


def _achieved(rng: random.Random, row: ReportRow) -> Decimal:
    plan = int(row.planned or 0)
    draw = rng.random()
    if row.comparator == "range" and row.planned_upper is not None:
        return Decimal(rng.randint(plan, int(row.planned_upper)))
    if draw < 0.05:  # short of plan
        return Decimal(plan * rng.randint(60, 95) // 100)
    if draw < 0.07:  # far over plan
        return Decimal(plan * 2 + 1)
    return Decimal(plan + rng.randint(0, max(plan // 10, 1)))


def build_report(dossier: Dossier, *, mentions: int = MENTIONS, seed: int = SEED) -> FinalReport:
    """``draft_report(dossier)`` filled in: achieved numbers, spending, ``mentions`` restated
    figures (three wrong), deterministic for a ``seed``."""
    rng = random.Random(seed)
    draft = draft_report(dossier, number="1")
    rows: list[ReportRow] = []
    for i, row in enumerate(draft.indicators.rows):
        if row.planned is None:
            rows.append(attrs.evolve(row, achieved_text="выполнено"))
            continue
        got = _achieved(rng, row)
        percent = None
        if i % 4 == 0 and row.planned:
            percent = (got * 100 / row.planned).quantize(Decimal("0.1"))
            if i == 40:
                percent += 5  # planted: a wrong printed percentage
        rows.append(attrs.evolve(row, achieved=got, percent_printed=percent))
    counted = [r for r in rows if r.achieved is not None]
    restated = rng.sample(counted, min(len(counted), (mentions + 1) // 2))
    figures: list[Mention] = []
    for j, row in enumerate(restated):
        got = row.achieved
        assert got is not None
        wrong = j in (7, 70, 140)  # planted: three restated figures that differ
        figures.append(
            Mention(f"m{j}.text", f"f-{row.key}", got + (1 if wrong else 0), "§5", row=row.key)
        )
        if len(figures) < mentions:
            tens = got // 10 * 10
            qualifier = "at_least" if tens else "exact"
            figures.append(
                Mention(
                    f"m{j}.summary",
                    f"f-{row.key}",
                    tens if tens else got,
                    "резюме",
                    qualifier=qualifier,
                    row=row.key,
                )
            )
    spending: list[Spending] = []
    assert draft.finances is not None
    for i, line in enumerate(draft.finances.lines):
        planned = line.planned
        assert planned is not None
        spent = planned
        if i % 12 == 5:
            spent = planned - Money(planned.amount // 20)  # a little under
        elif i in (100, 2000):
            spent = planned + Money(1000)  # planted: over the line's plan
        spending.append(attrs.evolve(line, spent=spent))
    finances = Finances(tuple(spending))
    left = draft.agreement.grant - finances.spent(Source.GRANT)
    finances = attrs.evolve(finances, refunded=left)
    return attrs.evolve(
        draft,
        indicators=attrs.evolve(draft.indicators, rows=tuple(rows), mentions=tuple(figures)),
        finances=finances,
    )


def _best(fn: Callable[[], object], repeats: int = REPEATS) -> tuple[float, float, Any]:
    """Best and median of ``repeats`` timed calls after one warm-up, and the last result."""
    result = fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times), result


def pandas_cross_check(dossier: Dossier, report: FinalReport) -> int | None:
    """The cross-checks a user would write with pandas; the number of discrepancies found.

    From the objects, in float64: line arithmetic, group subtotals (level by
    level), each row's split against its total, activities without calendar
    months or budget, blocks and indicators naming unknown activities, report
    rows against the monitoring plan (unknown, restated, unreported), shortfalls,
    restated figures against their rows, spending against the estimate's grant
    shares, and the grant accounted for. ``None`` without pandas.
    """
    if importlib.util.find_spec("pandas") is None:
        return None
    import pandas as pd

    budget = dossier.estimate.budget
    brows = budget.rows
    frame = pd.DataFrame(
        {
            "code": [r.code for r in brows],
            "parent": [budget.parent_of(r) for r in brows],
            "line": [r.is_line for r in brows],
            "qty": [float(r.quantity) if r.quantity is not None else None for r in brows],
            "price": [float(r.unit_price.amount) if r.unit_price else None for r in brows],
            "periods": [r.periods for r in brows],
            "declared": [
                float(r.declared_total.amount) if r.declared_total else None for r in brows
            ],
            "grant": [float(f.amount) if (f := r.funded(Source.GRANT)) else 0.0 for r in brows],
            "own": [float(f.amount) if (f := r.funded(Source.OWN)) else 0.0 for r in brows],
            "activity": [r.activity for r in brows],
        }
    )
    issues = 0
    # line arithmetic and splits
    lines = frame[frame["line"]]
    computed = lines["qty"] * lines["price"] * lines["periods"]
    issues += int(((computed - lines["declared"]).abs() > 0.005).sum())
    issues += int(((frame["grant"] + frame["own"] - frame["declared"]).abs() > 0.005).sum())
    # subtotals, deepest groups first
    parent = {r.code: budget.parent_of(r) for r in brows}
    depth: dict[str, int] = {}
    for code in parent:
        p, d = parent[code], 0
        while p is not None:
            p, d = parent[p], d + 1
        depth[code] = d
    frame["depth"] = frame["code"].map(depth)
    total = pd.Series(computed.to_numpy(), index=lines["code"].to_numpy())
    for d in sorted(set(depth.values()), reverse=True):
        level = frame[frame["depth"] == d]
        sums = (
            level.assign(total=level["code"].map(total))
            .groupby("parent", dropna=True)["total"]
            .sum()
        )
        total = pd.concat([total, sums[~sums.index.isin(total.index)]])
    groups = frame[~frame["line"]].set_index("code")
    gap = (groups["declared"] - total.reindex(groups.index)).abs()
    issues += int((gap > 0.005).sum())
    # links between the annexes
    acts = pd.DataFrame({"code": [a.code for a in dossier.content.activities]})
    cal = pd.DataFrame(
        {
            "code": [a.key for a in dossier.content.calendar.activities],
            "months": [len(a.months) for a in dossier.content.calendar.activities],
        }
    )
    joined = acts.merge(cal, on="code", how="left")
    issues += int((joined["months"].fillna(0) == 0).sum())
    funded = frame["activity"].dropna()
    issues += int((~acts["code"].isin(funded)).sum()) + int((~funded.isin(acts["code"])).sum())
    plan = pd.DataFrame(
        {
            "plan": [i.code for i in dossier.content.monitoring],
            "ref": [i.ref for i in dossier.content.monitoring],
            "target": [
                float(i.target.threshold() or 0) if i.target is not None else None
                for i in dossier.content.monitoring
            ],
        }
    )
    refs = set(acts["code"]) | {t.code for t in dossier.content.tasks}
    issues += int((~plan["ref"].isin(refs)).sum())
    # the report's rows against the plan
    rrows = report.indicators.rows
    table = pd.DataFrame(
        {
            "key": [r.key for r in rrows],
            "plan": [r.plan for r in rrows],
            "planned": [float(r.planned) if r.planned is not None else None for r in rrows],
            "achieved": [float(r.achieved) if r.achieved is not None else None for r in rrows],
        }
    )
    linked = table.merge(plan, on="plan", how="outer", indicator=True)
    issues += int((linked["_merge"] != "both").sum())
    both = linked[linked["_merge"] == "both"]
    issues += int(((both["planned"] - both["target"]).abs() > 0.005).sum())
    issues += int((table["achieved"] < table["planned"]).sum())
    # restated figures against their rows
    ms = report.indicators.mentions
    mentions = pd.DataFrame(
        {
            "key": [m.row for m in ms],
            "value": [float(m.value) for m in ms],
            "at_least": [m.qualifier == "at_least" for m in ms],
        }
    ).merge(table, on="key", how="left")
    exact = ~mentions["at_least"] & (mentions["value"] != mentions["achieved"])
    bound = mentions["at_least"] & (mentions["value"] > mentions["achieved"])
    issues += int((exact | bound).sum())
    # spending against the estimate's grant shares, and the grant accounted for
    assert report.finances is not None
    money = report.finances.lines
    spent = pd.DataFrame(
        {
            "code": [s.code for s in money],
            "spent": [float(s.spent.amount) for s in money],
            "printed": [float(s.planned.amount) if s.planned else None for s in money],
        }
    ).merge(frame[frame["line"]][["code", "grant"]], on="code", how="left")
    issues += int((spent["spent"] > spent["grant"] + 0.005).sum())
    issues += int(((spent["printed"] - spent["grant"]).abs() > 0.005).sum())
    refunded = float(report.finances.refunded.amount) if report.finances.refunded else 0.0
    issues += int(
        abs(spent["spent"].sum() + refunded - float(report.agreement.grant.amount)) > 0.005
    )
    return issues


def main() -> float:
    """Build the documents, time the audits and the peers; print and return the combined best (s)."""
    t0 = time.perf_counter()
    dossier = build_dossier()
    t1 = time.perf_counter()
    report = build_report(dossier)
    t2 = time.perf_counter()

    def both() -> tuple[Any, Any]:
        return audit(dossier), check_final_report(report, dossier)

    best, median, (result, check) = _best(both)
    t_audit, _, _ = _best(lambda: audit(dossier))
    t_check, _, _ = _best(lambda: check_final_report(report, dossier))
    t_json, _, _ = _best(lambda: loads(dumps(report)))
    budget = dossier.estimate.budget
    activities = len(dossier.content.activities)
    lines = len(budget.lines)
    indicators = len(dossier.content.monitoring)
    kinds = Counter(f.code for f in (*result.findings, *check.findings))
    verdict = "under" if best < TARGET_S else "OVER"
    print(
        f"dossier + report audit: {best:.3f} s (best of {REPEATS}, median {median:.3f} s), "
        f"{verdict} the {TARGET_S:.0f} s target; audit(dossier) {t_audit:.3f} s, "
        f"check_final_report(report, dossier) {t_check:.3f} s"
    )
    print(
        f"  {activities} activities, {lines} budget lines ({len(budget.rows)} rows), "
        f"{indicators} indicators; report: {check.rows} rows ({check.linked} linked), "
        f"{len(report.indicators.mentions)} restated figures, "
        f"{len(report.finances.lines) if report.finances else 0} spending lines; "
        f"building the dossier took {t1 - t0:.2f} s and the report {t2 - t1:.2f} s, "
        "outside the timing"
    )
    print(
        f"  findings: {len(result.findings)} dossier + {len(check.findings)} report: "
        + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    )
    print(
        f"  reference: io.loads(io.dumps(report)) {t_json:.3f} s: the audit of both costs "
        f"{best / t_json:.1f}× one JSON round trip of the report"
    )
    if importlib.util.find_spec("pandas") is None:
        print("  peer: pandas is not installed, so the pandas cross-check is skipped")
        return best
    t_pandas, _, issues = _best(lambda: pandas_cross_check(dossier, report), 3)
    ratio = t_pandas / best
    verdict = (
        f"civicgrants {ratio:.1f}× faster"
        if ratio >= 1
        else f"the pandas subset {1 / ratio:.1f}× faster than the full, exact audit"
    )
    print(
        f"  peer: the cross-checks by hand in pandas (a subset of the checks, float64, frames "
        f"built from the objects; best of 3): {t_pandas:.3f} s, {issues} discrepancies; "
        f"pandas / civicgrants = {ratio:.2f}: {verdict}"
    )
    return best


if __name__ == "__main__":
    main()
