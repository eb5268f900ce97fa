"""The dossier audit on seed 001: every numerically checkable inconsistency, no false alarm."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from civicgrants.datasets import seed_001_dossier
from civicgrants.dossier import Dossier, DossierAudit, DossierRules, Promise, audit
from civicgrants.indicators import Target, TargetForm
from civicgrants.model import Finding, Money, Severity

RULES = DossierRules(prior_years=3, submitted=2021)


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return seed_001_dossier()


@pytest.fixture(scope="module")
def result(dossier: Dossier) -> DossierAudit:
    return audit(dossier, rules=RULES)


def at(result: DossierAudit, code: str, location: str) -> Finding:
    (found,) = [f for f in result.findings if f.code == code and f.location == location]
    return found


# -- seed-001.md §5.2 -------------------------------------------------------------------


def test_activity_5_subtotal_is_160000_short(result: DossierAudit) -> None:
    f = at(result, "subtotal-mismatch", "estimate.budget[3.5]")
    assert f.severity is Severity.ERROR
    assert f.numbers["gap"] == Decimal("160000.00")


def test_survey_design_is_budgeted_twice(result: DossierAudit) -> None:
    f = at(result, "duplicate-line", "estimate.budget[3.2.a]")
    assert f.numbers["first"] == "3.1.b"


def test_plans_8_against_4_in_the_monitoring_plan(result: DossierAudit) -> None:
    f = at(result, "quantity-mismatch", "content.monitoring[I4.2]")
    assert (f.numbers["key"], f.numbers["stated"], f.numbers["first"]) == ("plans", 4, 8)
    assert f.severity is Severity.WARNING


@pytest.mark.parametrize("row", ["3.4.a", "3.4.b"])
def test_plans_8_against_4_in_the_estimate(result: DossierAudit, row: str) -> None:
    f = at(result, "quantity-mismatch", f"estimate.budget[{row}]")
    assert (f.numbers["stated"], f.numbers["first"]) == (4, 8)
    assert f.severity is Severity.ERROR  # the estimate funds fewer than promised


@pytest.mark.parametrize("row", ["3.5.h.a", "3.5.h.b", "3.5.h.c"])
def test_250_handouts_for_240_participants(result: DossierAudit, row: str) -> None:
    f = at(result, "quantity-hint", f"estimate.budget[{row}]")
    assert (f.numbers["quantity"], f.numbers["participants"]) == (250, 240)


@pytest.mark.parametrize("code", ["T3.A2", "T4.A1", "T7.A1"])
def test_unbudgeted_activities(result: DossierAudit, code: str) -> None:
    assert at(result, "activity-without-budget", f"content.activities[{code}]")


def test_3_trips_for_seminars_in_8_regions(result: DossierAudit) -> None:
    f = at(result, "travel-regions", "estimate.travel[3.5.t]")
    assert (f.numbers["trips"], f.numbers["regions"]) == (3, 8)
    assert len(f.numbers["without_travel"]) == 5


@pytest.mark.parametrize("row", ["3.3.a", "3.5.b"])
def test_4_experts_and_4_logistics_for_8_regions(result: DossierAudit, row: str) -> None:
    f = at(result, "regional-quantity", f"estimate.budget[{row}]")
    assert (f.numbers["quantity"], f.numbers["regions"]) == (4, 8)


def test_communication_for_5_months_of_9(result: DossierAudit) -> None:
    f = at(result, "months-mismatch", "estimate.budget[1.5]")
    assert (f.numbers["months"], f.numbers["project_months"]) == (5, 9)


# -- seed-001.md §1 Annex 2 / §7.2 -------------------------------------------------------


def test_accountant_not_applicable_but_paid(result: DossierAudit) -> None:
    f = at(result, "staff-not-declared", "questionnaire.accountant")
    assert f.numbers["row"] == "1.1.b"
    assert f.numbers["amount"] == Decimal("1170000.00")


def test_contracted_not_applicable_but_paid(result: DossierAudit) -> None:
    f = at(result, "staff-not-declared", "questionnaire.staff.contracted")
    assert f.numbers["amount"] > 0


def test_target_total_adds_groups_to_people(result: DossierAudit) -> None:
    f = at(result, "target-total-mixes-units", "content.target_groups")
    assert f.numbers["stated"] == 720


@pytest.mark.parametrize("project", ["P1", "P2", "P3"])
def test_2017_projects_fall_outside_3_years(result: DossierAudit, project: str) -> None:
    f = at(result, "prior-project-outside-window", f"capacity.prior_projects[{project}]")
    assert (f.numbers["last_year"], f.numbers["window_start"]) == (2017, 2018)


def test_cofinanced_centre_against_a_grant_only_estimate(result: DossierAudit) -> None:
    assert at(result, "cofinancing-not-in-estimate", "content.pledges[C1]")


# -- seed-001.md §6: change indicators without a baseline -------------------------------------


@pytest.mark.parametrize("code", ["I1.4", "I2.4", "I5.7", "I7.5"])
def test_change_without_baseline(result: DossierAudit, code: str) -> None:
    assert at(result, "indicator-without-baseline", f"content.monitoring[{code}]")


# -- no false alarm -------------------------------------------------------------------------


def test_the_exact_set_of_findings(result: DossierAudit) -> None:
    assert sorted((f.code, f.location) for f in result.findings) == sorted(
        [
            ("subtotal-mismatch", "estimate.budget[3.5]"),
            ("duplicate-line", "estimate.budget[3.2.a]"),
            ("quantity-hint", "estimate.budget[3.5.h.a]"),
            ("quantity-hint", "estimate.budget[3.5.h.b]"),
            ("quantity-hint", "estimate.budget[3.5.h.c]"),
            ("activity-without-budget", "content.activities[T3.A2]"),
            ("activity-without-budget", "content.activities[T4.A1]"),
            ("activity-without-budget", "content.activities[T7.A1]"),
            ("indicator-without-baseline", "content.monitoring[I1.4]"),
            ("indicator-without-baseline", "content.monitoring[I2.4]"),
            ("indicator-without-baseline", "content.monitoring[I5.7]"),
            ("indicator-without-baseline", "content.monitoring[I7.5]"),
            ("quantity-mismatch", "content.monitoring[I4.2]"),
            ("quantity-mismatch", "estimate.budget[3.4.a]"),
            ("quantity-mismatch", "estimate.budget[3.4.b]"),
            ("travel-regions", "estimate.travel[3.5.t]"),
            ("regional-quantity", "estimate.budget[3.3.a]"),
            ("regional-quantity", "estimate.budget[3.5.b]"),
            ("months-mismatch", "estimate.budget[1.5]"),
            ("staff-not-declared", "questionnaire.accountant"),
            ("staff-not-declared", "questionnaire.staff.contracted"),
            ("target-total-mixes-units", "content.target_groups"),
            ("prior-project-outside-window", "capacity.prior_projects[P1]"),
            ("prior-project-outside-window", "capacity.prior_projects[P2]"),
            ("prior-project-outside-window", "capacity.prior_projects[P3]"),
            ("cofinancing-not-in-estimate", "content.pledges[C1]"),
        ]
    )


def test_consistent_promises_raise_nothing(result: DossierAudit) -> None:
    keys = {f.numbers["key"] for f in result.findings if f.code == "quantity-mismatch"}
    assert keys == {"plans"}  # centres, trainings, participants, respondents … agree


def test_requested_equals_the_estimate(result: DossierAudit) -> None:
    assert result.requested == result.estimate_total == Money("31891320")
    assert result.has_errors


# -- the rules as data, on variations of the seed ---------------------------------------------


def test_requested_over_the_cap(dossier: Dossier) -> None:
    r = audit(dossier, rules=DossierRules(max_grant=Money("30000000")))
    f = at(r, "requested-over-cap", "requested")
    assert f.numbers == {"requested": Decimal("31891320.00"), "cap": Decimal("30000000.00")}


def test_requested_against_the_estimate(dossier: Dossier) -> None:
    r = audit(attrs.evolve(dossier, requested=Money("32051320")))
    assert at(r, "requested-vs-estimate", "requested").numbers["estimate"] == Decimal("31891320.00")


def test_without_a_submission_year_prior_projects_are_not_checked(dossier: Dossier) -> None:
    codes = {f.code for f in audit(dossier).findings}
    assert "prior-project-outside-window" not in codes


def test_a_wider_window_admits_2017(dossier: Dossier) -> None:
    r = audit(dossier, rules=DossierRules(prior_years=4, submitted=2021))
    assert "prior-project-outside-window" not in {f.code for f in r.findings}


def test_calendar_row_and_budget_block_without_activity(dossier: Dossier) -> None:
    grid = dossier.content.calendar
    rows = [attrs.evolve(a, key="T9.A9") if a.key == "T7.A1" else a for a in grid.activities]
    content = attrs.evolve(dossier.content, calendar=attrs.evolve(grid, activities=rows))
    budget = dossier.estimate.budget
    budget = attrs.evolve(
        budget,
        rows=[attrs.evolve(r, activity="T8.A1") if r.code == "3.6" else r for r in budget.rows],
    )
    broken = attrs.evolve(
        dossier, content=content, estimate=attrs.evolve(dossier.estimate, budget=budget)
    )
    r = audit(broken)
    assert at(r, "calendar-row-without-activity", "content.calendar[T9.A9]")
    assert at(r, "activity-without-months", "content.activities[T7.A1]")
    assert at(r, "budget-block-without-activity", "estimate.budget[3.6]")
    assert at(r, "activity-without-budget", "content.activities[T6.A1]")


def test_staff_total_and_target_total(dossier: Dossier) -> None:
    q = attrs.evolve(
        dossier.questionnaire,
        staff=attrs.evolve(dossier.questionnaire.staff, total=7),
    )
    c = attrs.evolve(dossier.content, target_total=700)
    r = audit(attrs.evolve(dossier, questionnaire=q, content=c))
    assert at(r, "staff-total-mismatch", "questionnaire.staff.total").numbers == {
        "total": 7,
        "sum": 6,
    }
    assert at(r, "target-total-mismatch", "content.target_groups").numbers == {
        "stated": 700,
        "sum": 720,
    }


def test_a_pledged_amount_against_the_estimate(dossier: Dossier) -> None:
    from civicgrants.budget import Source
    from civicgrants.dossier import Pledge

    c = attrs.evolve(dossier.content, pledges=[Pledge("C1", Source.OWN, "own", Money(5))])
    r = audit(attrs.evolve(dossier, content=c))
    assert at(r, "cofinancing-not-in-estimate", "content.pledges[C1]")


def test_the_audit_never_raises_on_dangling_references(dossier: Dossier) -> None:
    from civicgrants.dossier import Indicator
    from civicgrants.model import Names

    c = attrs.evolve(
        dossier.content,
        monitoring=[Indicator("X1", Names(en="x"), "T9")],
    )
    r = audit(attrs.evolve(dossier, content=c))
    assert at(r, "indicator-unknown-ref", "content.monitoring[X1]")
    assert {f.location for f in r.findings if f.code == "task-without-indicator"} == {
        f"content.tasks[T{i}]" for i in range(1, 8)
    }


# -- a promise of months against the calendar's marks -------------------------------------------


def _with_promise(dossier: Dossier, code: str, promise: Promise) -> Dossier:
    tasks = tuple(
        attrs.evolve(
            t,
            activities=tuple(
                attrs.evolve(a, promises=(*a.promises, promise)) if a.code == code else a
                for a in t.activities
            ),
        )
        for t in dossier.content.tasks
    )
    return attrs.evolve(dossier, content=attrs.evolve(dossier.content, tasks=tasks))


@pytest.mark.parametrize(
    ("target", "unit", "found"),
    [
        (Target(TargetForm.EXACTLY, value=3), "месяц", True),
        (Target(TargetForm.EXACTLY, value=2), "мес.", False),
        (Target(TargetForm.EXACTLY, value=4), "месяца", True),
        (Target(TargetForm.AT_LEAST, value=3), "month", True),
        (Target(TargetForm.AT_LEAST, value=1), "ай", False),
        (Target(TargetForm.AT_MOST, value=1), "months", True),
        (Target(TargetForm.RANGE, low=1, high=2), "месяц", False),
        (Target(TargetForm.EXACTLY, value=3), "visit", False),  # not a number of months
    ],
)
def test_an_activity_promises_the_months_its_calendar_row_marks(
    dossier: Dossier, target: Target, unit: str, found: bool
) -> None:
    # T3.A2, the monitoring of small grants, is marked in months 8 and 9
    changed = _with_promise(dossier, "T3.A2", Promise("monitoring-months", target, unit))
    r = audit(changed, rules=RULES)
    hits = [f for f in r.findings if f.code == "activity-months-mismatch"]
    assert bool(hits) is found
    if found:
        (f,) = hits
        assert f.location == "content.activities[T3.A2]" and f.severity is Severity.WARNING
        assert (f.numbers["marked"], f.numbers["form"]) == (2, target.form.value)
        assert f.numbers["promised"] == target.threshold()
        assert "calendar plan marks 2" in f.message_en and "отмечено 2" in f.message_ru
    others = [(f.code, f.location) for f in r.findings if f.code != "activity-months-mismatch"]
    assert others == [(f.code, f.location) for f in audit(dossier, rules=RULES).findings]


def test_an_activity_without_months_is_not_also_a_months_mismatch(dossier: Dossier) -> None:
    changed = _with_promise(
        dossier, "T3.A2", Promise("m", Target(TargetForm.EXACTLY, value=2), "месяц")
    )
    grid = changed.content.calendar
    rows = tuple(attrs.evolve(a, months=()) if a.key == "T3.A2" else a for a in grid.activities)
    content = attrs.evolve(changed.content, calendar=attrs.evolve(grid, activities=rows))
    r = audit(attrs.evolve(changed, content=content))
    assert at(r, "activity-without-months", "content.activities[T3.A2]")
    assert "activity-months-mismatch" not in {f.code for f in r.findings}


# -- the odd one out: a first statement that every later one contradicts -------------------------


def _task_promise(dossier: Dossier, code: str, value: int) -> Dossier:
    tasks = tuple(
        attrs.evolve(
            t,
            promises=tuple(
                attrs.evolve(p, target=attrs.evolve(p.target, value=Decimal(value)))
                for p in t.promises
            ),
        )
        if t.code == code
        else t
        for t in dossier.content.tasks
    )
    return attrs.evolve(dossier, content=attrs.evolve(dossier.content, tasks=tasks))


def test_a_first_statement_against_all_the_others_is_reported_there(dossier: Dossier) -> None:
    # centres: «не менее 4» in T1, 4 in T1.A1, R1, I1.1 and the estimate's line 3.1.a
    r = audit(_task_promise(dossier, "T1", 3), rules=RULES)
    (f,) = [
        f for f in r.findings if f.code == "quantity-mismatch" and f.numbers["key"] == "centres"
    ]
    assert (f.location, f.severity) == ("content.tasks[T1]", Severity.WARNING)
    assert (f.numbers["stated"], f.numbers["agreed"]) == (3, 4)
    assert f.numbers["agreed_at"] == [
        "content.activities[T1.A1]",
        "content.expected_results[R1]",
        "content.monitoring[I1.1]",
        "estimate.budget[3.1.a]",
    ]
    assert f.message_en.startswith("'centres': 3 here, 4 at the 4 other places (")


def test_the_odd_first_promise_above_what_the_estimate_funds_is_an_error(
    dossier: Dossier,
) -> None:
    r = audit(_task_promise(dossier, "T1", 5), rules=RULES)
    (f,) = [
        f for f in r.findings if f.code == "quantity-mismatch" and f.numbers["key"] == "centres"
    ]
    assert (f.location, f.severity) == ("content.tasks[T1]", Severity.ERROR)
    assert f.message_en.endswith("(the estimate funds fewer than promised here)")


def test_of_two_statements_the_second_is_reported(dossier: Dossier) -> None:
    # cofinanced-centres: «не менее 1» in R1 and I1.5; with two, neither is the odd one out
    results = tuple(
        attrs.evolve(
            res,
            promises=tuple(
                attrs.evolve(p, target=Target(TargetForm.AT_LEAST, value=2))
                if p.key == "cofinanced-centres"
                else p
                for p in res.promises
            ),
        )
        for res in dossier.content.expected_results
    )
    content = attrs.evolve(dossier.content, expected_results=results)
    r = audit(attrs.evolve(dossier, content=content), rules=RULES)
    f = at(r, "quantity-mismatch", "content.monitoring[I1.5]")
    assert (f.numbers["stated"], f.numbers["first"], f.numbers["first_at"]) == (
        1,
        2,
        "content.expected_results[R1]",
    )
