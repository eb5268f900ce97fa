"""Instances of every public entity and result, built from the shipped datasets.

:func:`examples` builds rich results from the datasets that ship with the
package (the public-spaces programme, the seed budget, dossier and final
reports, the example round, a season's plan, a commission's decision and review
on the synthetic round, the demo vote counted both ways, indicator roll-ups,
the demo walkthrough) through the public API, and walks them, collecting every
instance of every attrs class reached (up to 200 items of each container).

A few results need an input no dataset holds: what was spent on seed 001's
budget, a card of in-kind rates, the synthetic call with a declared conflict, an
override and locality limits, a rule that two steps of the methodology may not
overlap, seed 003's breakdowns drawn as charts and records. Those inputs are
small literals here; the results are computed from them by the library.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import pkgutil
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from civicgrants.budget.model import Budget
    from civicgrants.indicators.model import Record
    from civicgrants.model.programme import Call, Programme
    from civicgrants.pb.election import Election
    from civicgrants.schedule.methodology import Methodology
    from civicgrants.scoring import ScoreSheet

PACKAGES = (
    "model",
    "schedule",
    "scoring",
    "pb",
    "budget",
    "indicators",
    "dossier",
    "agreement",
    "round",
)
"""The computation packages whose public classes show themselves."""

VALUE_OBJECTS = ("civicgrants.model.money",)
"""Modules of small value objects that keep their exact attrs repr (Money and its kin)."""


def public_classes() -> list[type]:
    """Every public attrs class defined in the computation packages (in their ``__all__``)."""
    found: dict[str, type] = {}
    for name in PACKAGES:
        package = importlib.import_module(f"civicgrants.{name}")
        modules = [package] + [
            importlib.import_module(m.name)
            for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
        ]
        for module in modules:
            for attr in getattr(module, "__all__", ()):
                obj = getattr(module, attr, None)
                if isinstance(obj, type) and attrs.has(obj) and obj.__module__ == module.__name__:
                    found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return [found[k] for k in sorted(found)]


def _roots() -> Iterator[object]:
    from civicgrants.agreement.ledger import ledger
    from civicgrants.budget.audit import audit as audit_budget
    from civicgrants.budget.audit import check as check_budget
    from civicgrants.budget.summary import summarise
    from civicgrants.datasets import (
        public_spaces,
        seed_001_budget,
        seed_001_dossier,
        seed_002_final_report,
        seed_003_final_report,
    )
    from civicgrants.datasets.demo import demo_election
    from civicgrants.datasets.example_round import example_round
    from civicgrants.datasets.seed_002_report import seed_002_report
    from civicgrants.datasets.synthetic_round import synthetic_round
    from civicgrants.dossier.audit import audit as audit_dossier
    from civicgrants.dossier.report_check import check_final_report
    from civicgrants.indicators.programme import programme_records, programme_status
    from civicgrants.indicators.report import check_report
    from civicgrants.indicators.rollup import guess_definitions, rollup
    from civicgrants.model.limits import get_limits
    from civicgrants.pb.certificates import check as check_outcome
    from civicgrants.pb.counting import compare, count, run_rule
    from civicgrants.pb.hybrid import count_shortlist, shortlist_election
    from civicgrants.pb.rules.comparison import choose_outcome
    from civicgrants.round.status import round_status
    from civicgrants.schedule import plan, public_spaces_methodology
    from civicgrants.schedule.season import SeasonLocality, Trainer, plan_season
    from civicgrants.scoring import decide
    from civicgrants.scoring.funding import fund, shortfalls
    from civicgrants.scoring.rank import draw_lot
    from civicgrants.scoring.reviewing import MissingScore, review
    from civicgrants.scoring.robustness import sensitivity, to_panel

    programme = public_spaces()
    yield programme
    yield get_limits()
    yield draw_lot(("a", "b", "c"), 0)
    yield MissingScore("a1", "m2", "q")
    yield check_final_report(seed_003_final_report())
    yield check_report(seed_002_report())
    methodology = public_spaces_methodology()
    places = ("kulsary", "maikomgen")
    yield plan_season(
        methodology,
        [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in places],
        trainers=[Trainer("t1")],
    )
    yield from _optimal_season(methodology)
    budget = seed_001_budget()
    yield budget
    yield summarise(budget)
    yield check_budget(budget)
    yield audit_budget(budget)
    dossier = seed_001_dossier()
    yield dossier
    yield audit_dossier(dossier)
    yield seed_002_final_report()
    yield seed_003_final_report()
    the_round = example_round()
    yield the_round
    yield round_status(the_round)
    yield [ledger(a) for a in the_round.agreements[:3]]
    yield plan(public_spaces_methodology(), dt.date(2021, 2, 1), delays=[("5", 2)])
    call, sheet = synthetic_round()
    decision = decide(call, sheet)
    yield call
    yield sheet
    yield decision
    yield sensitivity(call, sheet, decision, draws=50, near=1)
    yield review(call, sheet, draws=50)
    yield to_panel(call, sheet, decision)
    yield fund(decision.funding_inputs, int(decision.pot.amount * 100))
    yield shortfalls(decision)
    yield count_shortlist(decision, shortlist_election(decision, []))
    election = demo_election()
    yield election
    yield count(election)
    yield count(election, rule="mes")
    yield count(election, rule="mes", details=True)  # MesDetails, MesRound
    yield compare(election)
    yield count(election, rule="phragmen")
    yield count(election, rule="max_welfare")
    yield choose_outcome(
        election, [run_rule(election, "greedy"), run_rule(election, "mes")], by="popularity"
    )
    yield check_outcome(
        election, count(election, rule="mes").outcome
    )  # proportionality certificates
    yield check_outcome(election, count(election).outcome)
    yield from _analysis_roots(election)
    records = programme_records(programme)
    yield records
    definitions = guess_definitions(records)
    yield definitions
    the_rollup = rollup(records, definitions, by=("stage",))
    yield the_rollup
    yield the_rollup.source
    yield programme_status(programme)
    yield from _budget_roots(budget)
    yield from _scoring_roots(call, sheet)
    yield from _indicator_roots(records)
    yield from _other_roots(programme, election, methodology, places)


def _analysis_roots(election: Election) -> Iterator[object]:
    """The analysis of the demo vote's equal-shares outcome (its projects have categories)."""
    from civicgrants.pb import analysis
    from civicgrants.pb.rules.equal_shares import equal_shares

    outcome = equal_shares(election)
    yield analysis.vote_properties(election)
    yield analysis.satisfaction_stats(election, outcome)
    yield analysis.category_proportionality(election, outcome)
    yield analysis.fair_share(election, outcome)
    yield analysis.analyse_outcome(election, outcome)  # the three together (pb --analysis)
    yield analysis.cohesive_groups(election)
    yield analysis.core(election, outcome)
    yield analysis.project_losses(election)
    yield analysis.effective_supports(election)


def _budget_roots(budget: Budget) -> Iterator[object]:
    from civicgrants.agreement.regranting import check_regrants
    from civicgrants.budget.execution import Actual, execute, reallocate
    from civicgrants.budget.inkind import Rate, RateCard, value_goods, value_labour
    from civicgrants.budget.model import Source
    from civicgrants.budget.payroll import RATES, check_payroll
    from civicgrants.budget.policy import PUBLIC_SPACES_2021, budget_shares, check_policy
    from civicgrants.datasets import seed_001_dossier
    from civicgrants.io.budget_csv import loads_budget_csv
    from civicgrants.model.money import Money, allocate, parse_money
    from civicgrants.testing.agreement import example_agreement, regrant

    # the approved plan against what was spent: one line over, one unknown code
    actuals = [
        Actual("1.4", Source.GRANT, Money(21_000), on=dt.date(2021, 3, 31)),
        Actual("2.b", Source.GRANT, Money(1_200_000)),
        Actual("9.9", Source.GRANT, Money(1)),
    ]
    yield execute(budget, actuals)
    yield reallocate(budget, "2.b", "2.a", Money(100_000), policy=PUBLIC_SPACES_2021, reason="x")
    yield RATES
    yield check_payroll(budget)
    yield PUBLIC_SPACES_2021
    yield budget_shares(budget, PUBLIC_SPACES_2021)
    yield check_policy(budget, PUBLIC_SPACES_2021)
    # in-kind contributions valued on a card of market rates
    card = RateCard(
        (
            Rate("volunteer", "hour", Money(1_500), dt.date(2021, 1, 1), source="survey"),
            Rate("chair", "item", Money(12_000), dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
        ),
        name="kuryk 2021",
    )
    yield card
    yield value_labour(card, "volunteer", 120, on=dt.date(2021, 6, 1))
    yield value_goods(card, "chair", 20, on=dt.date(2021, 6, 1))
    # a budget table with a cell that is not a number
    yield loads_budget_csv(
        "code;parent;item;quantity;unit_price\n1;;Admin;;\n1.a;1;Bank;3;100\n1.b;1;Pens;abc;50\n"
    )
    # the mini-grant line of seed 001 re-granted past its plan
    parent = example_agreement()
    subs = [regrant(parent, f"r{i}", "3.3.b", Money(1_000_000)) for i in range(9)]
    yield check_regrants(parent, seed_001_dossier().estimate.budget, subs)
    total = budget.total()
    assert total is not None
    yield allocate(total, [3, 2, 1])  # the total split over three tranches
    yield parse_money("2 - 2,5 млн. тенге")


def _scoring_roots(call: Call, sheet: ScoreSheet) -> Iterator[object]:
    from civicgrants.model.programme import Conflict, LocalityLimit, Override, OverrideDecision
    from civicgrants.scoring import ScoreSheet, decide
    from civicgrants.scoring.funding import shortfalls
    from civicgrants.scoring.rank import Candidate, rank_entries

    # the synthetic round with a declared conflict (its scores withdrawn), an
    # override and locality limits the funding cannot all meet
    first, second = call.applications[0], call.applications[1]
    member = call.members[-1].id
    conflicted = attrs.evolve(
        call,
        conflicts=(Conflict(member, first.id, "related to the leader"),),
        overrides=(Override(second.id, OverrideDecision.FUND, "the commission's vote"),),
        localities=(LocalityLimit(first.locality, min_count=30, max_amount=Decimal(20_000_000)),),
    )
    kept = ScoreSheet(
        tuple(s for s in sheet.scores if (s.member, s.application) != (member, first.id))
    )
    decision = decide(conflicted, kept)
    yield conflicted
    yield decision
    yield shortfalls(decision)
    ranked = [
        Candidate(e.application, e.total, (), Fraction(0))
        for e in decision.entries
        if e.total is not None
    ]
    yield rank_entries(ranked, (), conflicted.seed)
    yield from _uncertainty_roots(call, sheet)


def _uncertainty_roots(call: Call, sheet: ScoreSheet) -> Iterator[object]:
    from civicgrants.scoring import draw_lottery, fit_uncertainty, funding_zone, member_grades

    # the synthetic round's grades, its localities as panels; a lottery with a smaller
    # weight for one locality, and a line drawn on a quality
    grades = member_grades(call, sheet)
    panels = {a.id: a.locality for a in call.applications}
    model = fit_uncertainty(grades, seed=16, draws=200, burn_in=100, panels=panels)
    yield grades
    zone = funding_zone(model, fundable=18)
    locality = panels[zone.zone[0]]
    weights = {a: Decimal("0.5") for a in zone.zone if panels[a] == locality}
    yield draw_lottery(zone, seed=2024, weights=weights)
    yield draw_lottery(funding_zone(model, line=model.applications[17].quality), seed=1)


def _indicator_roots(records: Sequence[Record]) -> Iterator[object]:
    from civicgrants.datasets import seed_001_dossier
    from civicgrants.datasets.seed_003_report import seed_003_report
    from civicgrants.dossier.audit import promised_number
    from civicgrants.indicators import (
        Chart,
        IndicatorDefinition,
        Measure,
        Part,
        Record,
        TallyPart,
        achievement,
        check_report,
        guess_definitions,
        rollup_report,
    )
    from civicgrants.indicators.records import IndicatorRecords
    from civicgrants.model import Direction, Names

    report = seed_003_report()
    # seed 003 as a report drawn: its breakdowns as charts, and each tally split into the
    # parts of the breakdown of the same total (520 direct beneficiaries by gender)
    charted = attrs.evolve(
        report,
        charts=tuple(Chart(b.key, b.parts, b.total, title=b.dimension) for b in report.breakdowns),
        tallies=tuple(
            attrs.evolve(
                t,
                parts=tuple(
                    TallyPart(f"{b.key}: {label}", value, t.unit, t.counts)
                    for b in report.breakdowns
                    if b.total == t.total
                    for label, value in b.parts
                ),
            )
            for t in report.tallies
        ),
    )
    yield charted
    yield check_report(charted)
    # its breakdowns as records of the programme, each with its parts
    broken = tuple(
        Record(
            b.key,
            report.period or "2024",
            programme="public-spaces",
            actual=b.total,
            breakdown=[Part(b.key, label, value) for label, value in b.parts],
        )
        for b in report.breakdowns
    )
    document = IndicatorRecords("seed-003", (*records, *broken))
    yield document
    yield rollup_report(document.records, guess_definitions(document.records), by=("stage",))
    # seed 001's promises judged against themselves and against half
    for promise in (p for t in seed_001_dossier().content.tasks for p in t.promises):
        number = promised_number(promise.target)
        if number is None:
            continue
        definition = IndicatorDefinition(
            promise.key,
            Names(en=promise.key),
            promise.unit or "item",
            Measure.COUNT,
            Direction.HIGHER_IS_BETTER,
            promise.target.form,
        )
        yield achievement(definition, promise.target, number)
        yield achievement(definition, promise.target, number / 2)


def _first_choice(election: Election, voter: int, project: str) -> int:
    """A user's satisfaction: 2 for the project a voter named first, 1 for the others."""
    return 2 if election.ballot(voter)[0] == project else 1


def _other_roots(
    programme: Programme, election: Election, methodology: Methodology, places: Sequence[str]
) -> Iterator[object]:
    from civicgrants.datasets import seed_001_dossier
    from civicgrants.datasets.demo import ROUND_DATE, demo
    from civicgrants.datasets.example_round import example_round
    from civicgrants.dossier.audit import DossierRules, audit
    from civicgrants.model.money import Money
    from civicgrants.model.people import InitiativeGroup, Person, Role, check_group
    from civicgrants.pb.election import UserSat
    from civicgrants.pb.rules.exact_equal_shares import ees_search
    from civicgrants.pb.rules.mes_engine import prepare, run_mes
    from civicgrants.round.status import round_status
    from civicgrants.schedule import plan
    from civicgrants.schedule.grid import to_dated
    from civicgrants.schedule.methodology import NoOverlap
    from civicgrants.schedule.season import SeasonLocality

    yield demo()  # the walkthrough: its steps and the round's report file
    yield round_status(example_round(), on=ROUND_DATE)  # what is overdue then
    dossier = seed_001_dossier()
    rules = DossierRules(prior_years=3, submitted=2021, max_grant=Money(4_000_000))
    yield rules
    yield audit(dossier, rules=rules)
    yield to_dated(dossier.content.calendar, dt.date(2021, 3, 1))
    # disbursement may not start while applications are being finalised: a delay pushes it
    exclusive = attrs.evolve(methodology, exclusive=(NoOverlap("5", "4"),))
    yield exclusive
    yield plan(exclusive, dt.date(2021, 2, 1), delays=[("4", 2)])
    yield [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in places]
    prepared = prepare(election, "cost")
    yield prepared
    yield UserSat("first_choice", _first_choice)  # a satisfaction of one's own
    yield run_mes(election, "cost", list(range(len(election.project_ids))), None)
    yield ees_search(election)  # Exact Equal Shares by the ADD-OPT search: its steps
    project = programme.projects[0]
    group = InitiativeGroup(
        f"g-{project.id}", project.locality, Person("p1", (Role.LEADER,)), (Person("p2"),)
    )
    yield group
    yield check_group(group)


def _walk(
    obj: object, seen: dict[int, object], out: dict[type, list[object]], depth: int = 0
) -> None:
    if id(obj) in seen or depth > 12:
        return
    seen[id(obj)] = obj  # kept alive: a freed object's id could be reused by a new one
    if attrs.has(type(obj)):
        out.setdefault(type(obj), []).append(obj)
        for f in attrs.fields(type(obj)):
            _walk(getattr(obj, f.name), seen, out, depth + 1)
    elif isinstance(obj, Mapping):
        for value in list(obj.values())[:200]:
            _walk(value, seen, out, depth + 1)
    elif isinstance(obj, tuple | list | frozenset | set):
        for value in list(obj)[:200]:
            _walk(value, seen, out, depth + 1)
    elif hasattr(obj, "rows") and type(obj).__module__.startswith("civicgrants."):
        _walk(obj.rows, seen, out, depth + 1)


@functools.cache
def examples() -> dict[type, tuple[object, ...]]:
    """Every instance of every attrs class reached from the datasets, by class, in walk order."""
    found: dict[type, list[object]] = {}
    seen: dict[int, object] = {}
    for root in _roots():
        _walk(root, seen, found)
    return {cls: tuple(objs) for cls, objs in found.items()}


def _optimal_season(methodology: object) -> Iterator[object]:
    """A season planned by the solver, with travel, and the solver's own problem and answer."""
    from civicgrants.schedule.optimal import TrainerProblem, solve_trainers
    from civicgrants.schedule.season import SeasonLocality, Trainer, Travel, plan_season

    yield plan_season(
        methodology,  # type: ignore[arg-type]
        [
            SeasonLocality("akkol", dt.date(2021, 2, 1), "atyrau"),
            SeasonLocality("beineu", dt.date(2021, 2, 1), "mangistau"),
        ],
        trainers=[Trainer("t1", ("atyrau", "mangistau")), Trainer("t2", ("atyrau",))],
        travel=Travel(1, 2, (("atyrau", "mangistau", 3),)),
        method="optimal",
        time_limit=5,
    )
    problem = TrainerProblem(
        blocks=((0, 0, 2), (1, 0, 2)),
        eligible=((0,), (0,)),
        pools=((0,),),
        pads=(1,),
        ends=((1, (10,), 5), (1, (10,), 5)),
        hint=((0, 0), (0, 3)),
        horizon=20,
    )
    yield problem
    yield solve_trainers(problem, time_limit=5)
