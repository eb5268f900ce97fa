"""Hypothesis strategies for application dossiers (Annexes 2–5).

`dossiers()` draws a valid `Dossier`: one to
three tasks of one or two activities each (codes ``T1`` … and ``T1.A1`` …), a
calendar plan whose rows are keyed by activity codes, an estimate from
`budgets()` whose top-level groups name activities,
and a monitoring plan, target groups, media plan and pledges that refer to
them. People carry names (personal data), so redaction is exercised too.

`consistent_dossiers()` draws dossiers whose audit under
`CONSISTENT_RULES` has no error and no warning, and in which every
number the forms print is stated again somewhere the audit compares it with,
so that changing any one of them is found.

Usage::

    from hypothesis import given

    from civicgrants.io import dumps, loads
    from civicgrants.testing.dossier import dossiers


    @given(dossiers())
    def test_dossier_round_trips(dossier):
        assert loads(dumps(dossier, redact=False)) == dossier
"""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import strategies as st

from civicgrants.budget.model import Budget, BudgetForm, BudgetRow, Funding, Source
from civicgrants.dossier.audit import DossierRules
from civicgrants.dossier.model import (
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
from civicgrants.indicators.model import Target, TargetForm
from civicgrants.model.money import Money
from civicgrants.model.names import Names
from civicgrants.model.organisation import Organisation, OrganisationKind
from civicgrants.model.people import Person, Role
from civicgrants.schedule.grid import GridActivity, MonthGrid
from civicgrants.testing.budget import budgets

__all__ = ["CONSISTENT_RULES", "REGIONS", "consistent_dossiers", "dossiers", "targets"]

REGIONS = ("aktobe", "atyrau", "akmola", "zhambyl", "pavlodar", "mangistau")
"""Region ids the strategies draw from."""
_KEYS = ("plans", "centres", "trainings", "participants")
_WORDS = ("Тренинг", "Оқыту", "Training", "Семинар «Бюджет участия»", "Жоспар", "plan 8")
_CURRENCIES = ("KZT", "EUR", "USD")


def _texts() -> st.SearchStrategy[str]:
    return st.sampled_from(_WORDS)


def _names() -> st.SearchStrategy[Names]:
    return st.builds(Names, ru=st.sampled_from(_WORDS), en=st.none() | st.sampled_from(_WORDS))


def _money(
    *, min_value: int = 0, max_value: int = 100_000_000, currency: str | None = "KZT"
) -> st.SearchStrategy[Money]:
    codes = st.just(currency) if currency else st.sampled_from(_CURRENCIES)
    return st.builds(Money, st.integers(min_value=min_value, max_value=max_value), codes)


def _organisations() -> st.SearchStrategy[Organisation]:
    return st.builds(
        Organisation,
        st.just("applicant"),
        _names(),
        st.just(OrganisationKind.NGO),
        st.none(),
        st.sampled_from([None, "051140010597"]),
    )


@st.composite
def _targets(draw: st.DrawFn) -> Target:
    form = draw(
        st.sampled_from(
            (TargetForm.AT_LEAST, TargetForm.EXACTLY, TargetForm.RANGE, TargetForm.PER_EVENT)
        )
    )
    n = draw(st.integers(min_value=0, max_value=500))
    if form is TargetForm.RANGE:
        return Target(form, low=n, high=n + draw(st.integers(min_value=0, max_value=50)))
    if form is TargetForm.PER_EVENT:
        return Target(form, per_event=n, events=draw(st.integers(min_value=0, max_value=20)))
    return Target(form, value=n)


def targets() -> st.SearchStrategy[Target]:
    """Numeric targets in the forms a dossier uses: at least, exactly, a range, per event.

    Returns
    -------
    SearchStrategy of Target
        Targets with whole numbers from 0 to 550.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, database=None, deadline=None)
    ... @given(targets())
    ... def check(target):
    ...     assert target.threshold() >= 0
    >>> check()

    See Also
    --------
    dossiers : uses them for promises and indicators.
    """
    return _targets()


def _promises(draw: st.DrawFn) -> list[Promise]:
    return draw(st.lists(st.builds(Promise, st.sampled_from(_KEYS), _targets()), max_size=2))


@st.composite
def _dossiers(draw: st.DrawFn) -> Dossier:
    months = draw(st.integers(min_value=1, max_value=12))
    territory = draw(st.lists(st.sampled_from(REGIONS), min_size=1, max_size=4, unique=True))
    tasks, rows = [], []
    for t in range(1, draw(st.integers(min_value=1, max_value=3)) + 1):
        acts = []
        for a in range(1, draw(st.integers(min_value=1, max_value=2)) + 1):
            code = f"T{t}.A{a}"
            label = draw(_names())
            acts.append(
                Activity(
                    code,
                    label,
                    tuple(draw(st.lists(st.sampled_from(territory), unique=True))),
                    draw(st.none() | st.integers(min_value=0, max_value=300)),
                    tuple(_promises(draw)),
                )
            )
            marked = draw(st.sets(st.integers(min_value=1, max_value=months)))
            rows.append(GridActivity(code, label, tuple(sorted(marked))))
        tasks.append(Task(f"T{t}", draw(_names()), tuple(acts), tuple(_promises(draw))))
    codes = [a.code for t in tasks for a in t.activities]
    budget = draw(budgets())
    budget = attrs.evolve(
        budget,
        rows=tuple(
            attrs.evolve(r, activity=draw(st.sampled_from(codes)))
            if r.parent is None and not r.is_line and r.code != "TOTAL"
            else r
            for r in budget.rows
        ),
    )
    row_codes = [r.code for r in budget.lines]
    monitoring = [
        Indicator(
            f"I{i}",
            draw(_names()),
            draw(st.sampled_from(codes + [t.code for t in tasks])),
            draw(st.sampled_from(Level)),
            unit=draw(st.none() | _texts()),
            target=draw(st.none() | _targets()),
            relative=draw(st.booleans()),
            key=draw(st.none() | st.sampled_from(_KEYS)),
        )
        for i in range(draw(st.integers(min_value=0, max_value=4)))
    ]
    groups = [
        TargetGroup(
            f"G{i}",
            draw(_names()),
            draw(st.integers(min_value=0, max_value=500)),
            draw(st.sampled_from(("person", "initiative-group"))),
            draw(st.none() | st.sampled_from(codes)),
            draw(st.none() | st.sampled_from(_KEYS)),
        )
        for i in range(draw(st.integers(min_value=0, max_value=3)))
    ]
    content = Content(
        draw(_texts()),
        draw(_texts()),
        MonthGrid(months, tuple(rows)),
        tuple(territory),
        tuple(tasks),
        title=draw(st.none() | _texts()),
        target_groups=tuple(groups),
        target_total=draw(st.none() | st.integers(min_value=0, max_value=2000)),
        expected_results=(
            ExpectedResult("R1", draw(_names()), tasks[0].code, tuple(_promises(draw))),
        ),
        monitoring=tuple(monitoring),
        risks=tuple(draw(st.lists(st.builds(Risk, _texts(), _texts()), max_size=2))),
        media=(MediaItem("MP1", draw(_texts()), draw(st.none() | _targets()), key="posts"),),
        pledges=tuple(
            draw(
                st.lists(
                    st.builds(
                        Pledge,
                        st.just("C1"),
                        st.sampled_from([s for s in Source if s is not Source.GRANT]),
                        _texts(),
                        st.none() | _money(min_value=1, max_value=1_000_000),
                    ),
                    max_size=1,
                )
            )
        ),
    )
    first = draw(st.integers(min_value=2010, max_value=2022))
    capacity = Capacity(
        prior_projects=(
            PriorProject(
                "P1",
                first,
                draw(_texts()),
                draw(st.none() | st.integers(min_value=first, max_value=2023)),
                amount=draw(st.none() | _money(currency=None, min_value=1, max_value=10_000_000)),
            ),
        ),
        team=(
            TeamMember(
                "m1",
                draw(_texts()),
                draw(_texts()),
                draw(st.none() | st.integers(min_value=0, max_value=40)),
                draw(st.none() | st.sampled_from(Role)),
                draw(st.none() | st.sampled_from(row_codes or ["1"])),
                name=draw(st.none() | st.just("A. Person")),
            ),
        ),
    )
    questionnaire = Questionnaire(
        draw(_organisations()),
        draw(_texts()),
        head=draw(st.none() | st.just(Person("head", (Role.LEADER,), name="A. Leader"))),
        staff=Staffing(
            draw(st.none() | st.integers(min_value=0, max_value=20)),
            draw(st.none() | st.integers(min_value=0, max_value=20)),
        ),
    )
    estimate = Estimate(
        budget,
        quantities=tuple(EstimateQuantity("plans", c) for c in row_codes[:1]),
        travel=(TravelBlock(row_codes[0], codes[0], 1, tuple(territory[:1])),) if row_codes else (),
        regional=tuple(RegionalRow(c, codes[-1]) for c in row_codes[-1:]),
    )
    requested = draw(_money(min_value=1, max_value=50_000_000))
    return Dossier("d1", questionnaire, capacity, content, estimate, requested)


def dossiers() -> st.SearchStrategy[Dossier]:
    """Valid application dossiers whose references point at what they hold.

    Returns
    -------
    SearchStrategy of Dossier
        Dossiers of one to three tasks, a calendar keyed by activity codes and
        a random estimate; some hold personal data (names).

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None, deadline=None)
    ... @given(dossiers())
    ... def check(dossier):
    ...     assert dossier.content.tasks[0].code == "T1"
    >>> check()

    See Also
    --------
    civicgrants.dossier.Dossier : what is drawn.
    civicgrants.testing.budgets : the estimates.
    """
    return _dossiers()


_SUBMITTED = 2024
CONSISTENT_RULES = DossierRules(submitted=_SUBMITTED)
"""The rules under which `consistent_dossiers()` audit clean (prior projects from 2021)."""

_MONTHS = ("месяц", "месяца", "мес.", "ай", "month")  # units of MONTH_UNITS
_STATED_KEYS = ("plans", "centres", "trainings", "participants", "sessions", "posts")
_PLACES = ("task", "activity", "result", "group", "indicator", "media", "estimate")
_UNITS = ("услуга", "шт.", "чел.", "тираж", "комплект")  # no month, catering or handout word
_COFINANCING = (Source.OWN, Source.AKIMAT, Source.BUSINESS, Source.OTHER)
_Parts = dict[Source, int]
_NAME = _names()


def _merge(parts: list[_Parts]) -> _Parts:
    out: _Parts = {}
    for p in parts:
        for source, amount in p.items():
            out[source] = out.get(source, 0) + amount
    return out


def _funding(parts: _Parts) -> tuple[Funding, ...]:
    return tuple(Funding(s, Money(parts[s])) for s in Source if s in parts)


class _Estimate:
    """Rows of a consistent estimate: every total and every split adds up."""

    def __init__(self, draw: st.DrawFn, cofinancing: Source | None) -> None:
        self.draw = draw
        self.cofinancing = cofinancing
        self.rows: list[BudgetRow] = []

    def line(self, code: str, parent: str, unit: str, quantity: int, *, periods: int = 1) -> _Parts:
        draw = self.draw
        price = draw(st.integers(min_value=100, max_value=400_000))
        total = price * quantity * periods
        parts = {Source.GRANT: total}
        if self.cofinancing is not None and total > 1 and draw(st.booleans()):
            share = draw(st.integers(min_value=1, max_value=total - 1))
            parts = {Source.GRANT: total - share, self.cofinancing: share}
        self.rows.append(
            BudgetRow(
                code,
                parent,
                item=f"Статья {code}",
                unit=unit,
                quantity=Decimal(quantity),
                unit_price=Money(price),
                periods=periods,
                declared_total=Money(total),
                funding=_funding(parts),
            )
        )
        return parts

    def group(
        self, code: str, parent: str | None, item: str, *, activity: str | None = None
    ) -> int:
        """A placeholder for a group, filled by `close()` once its rows are known."""
        self.rows.append(BudgetRow(code, parent, item=item, activity=activity))
        return len(self.rows) - 1

    def close(self, index: int, parts: list[_Parts]) -> _Parts:
        merged = _merge(parts)
        self.rows[index] = attrs.evolve(
            self.rows[index],
            declared_total=Money(sum(merged.values())),
            funding=_funding(merged),
        )
        return merged


def _stated_target(draw: st.DrawFn, number: int) -> Target:
    form = draw(st.sampled_from((TargetForm.EXACTLY, TargetForm.AT_LEAST, TargetForm.PER_EVENT)))
    if form is TargetForm.PER_EVENT:
        per = draw(st.sampled_from(tuple(d for d in range(1, number + 1) if number % d == 0)))
        return Target(form, per_event=per, events=number // per)
    return Target(form, value=number)


@st.composite
def _consistent(draw: st.DrawFn) -> Dossier:
    months = draw(st.integers(min_value=1, max_value=12))
    territory = draw(st.lists(st.sampled_from(REGIONS), min_size=1, max_size=4, unique=True))
    shape = [
        (f"T{t}", [f"T{t}.A{a}" for a in range(1, draw(st.integers(1, 2)) + 1)])
        for t in range(1, draw(st.integers(min_value=1, max_value=3)) + 1)
    ]
    codes = tuple(a for _, acts in shape for a in acts)
    task_codes = tuple(t for t, _ in shape)
    regions = {
        a: tuple(draw(st.lists(st.sampled_from(territory), min_size=1, unique=True))) for a in codes
    }
    marked = {a: tuple(sorted(draw(st.sets(st.integers(1, months), min_size=1)))) for a in codes}
    # each activity promises how many months it runs: the calendar's marks must keep it
    promises: dict[str, list[Promise]] = {
        a: [
            Promise(
                f"months-{a}",
                Target(TargetForm.EXACTLY, value=len(marked[a])),
                draw(st.sampled_from(_MONTHS)),
            )
        ]
        for a in codes
    }
    promises.update({t: [] for t, _ in shape})
    results: list[ExpectedResult] = []
    groups: list[TargetGroup] = []
    monitoring: list[Indicator] = []
    media: list[MediaItem] = []
    counted: dict[str, list[tuple[str, int]]] = {a: [] for a in codes}  # estimate lines
    # every promised number is stated at least three times, so one changed statement is
    # the odd one out wherever it is (the first included)
    for key in draw(st.lists(st.sampled_from(_STATED_KEYS), max_size=3, unique=True)):
        number = draw(st.integers(min_value=1, max_value=300))
        for place in draw(st.lists(st.sampled_from(_PLACES), min_size=3, max_size=5)):
            target = _stated_target(draw, number)
            if place in ("task", "activity"):
                owner = draw(st.sampled_from(task_codes if place == "task" else codes))
                promises[owner].append(Promise(key, target, draw(st.none() | _texts())))
            elif place == "result":
                task = draw(st.sampled_from(task_codes))
                results.append(
                    ExpectedResult(
                        f"R{len(results) + 1}", draw(_NAME), task, (Promise(key, target),)
                    )
                )
            elif place == "group":
                groups.append(
                    TargetGroup(
                        f"G{len(groups) + 1}",
                        draw(_NAME),
                        number,
                        "person",
                        draw(st.sampled_from(codes)),
                        key,
                    )
                )
            elif place == "indicator":
                monitoring.append(
                    Indicator(
                        f"I{len(monitoring) + 1}",
                        draw(_NAME),
                        draw(st.sampled_from(codes + task_codes)),
                        draw(st.sampled_from(Level)),
                        unit=draw(_texts()),
                        target=target,
                        key=key,
                    )
                )
            elif place == "media":
                media.append(MediaItem(f"MP{len(media) + 1}", draw(_texts()), target, key=key))
            else:
                counted[draw(st.sampled_from(codes))].append((key, number))
    for _ in range(draw(st.integers(min_value=0 if groups else 1, max_value=2))):
        groups.append(
            TargetGroup(
                f"G{len(groups) + 1}",
                draw(_NAME),
                draw(st.integers(min_value=1, max_value=500)),
                "person",
            )
        )
    measured = {i.ref.split(".")[0] for i in monitoring}
    for task, _ in shape:  # a qualitative indicator for each task not yet measured
        if task not in measured:
            monitoring.append(Indicator(f"I{len(monitoring) + 1}", draw(_NAME), task))
    # -- the estimate ------------------------------------------------------------------------
    cofinancing = draw(st.none() | st.sampled_from(_COFINANCING))
    est = _Estimate(draw, cofinancing)
    total = est.group("TOTAL", None, "Итого")
    admin = est.group("1", None, "Административные затраты")
    admin_parts = [
        est.line(f"1.{j}", "1", draw(st.sampled_from(_MONTHS)), months)  # paid by the month
        for j in range(1, draw(st.integers(min_value=1, max_value=2)) + 1)
    ]
    admin_parts.append(
        est.line(
            "1.9",
            "1",
            draw(st.sampled_from(_UNITS)),
            draw(st.integers(1, 5)),
            periods=draw(st.integers(1, 3)),
        )
    )
    sections = [est.close(admin, admin_parts)]
    direct = est.group("3", None, "Прямые расходы")
    quantities: list[EstimateQuantity] = []
    travel: list[TravelBlock] = []
    regional: list[RegionalRow] = []
    contracted: list[str] = []
    blocks = []
    for i, code in enumerate(codes, start=1):
        block = f"3.{i}"
        index = est.group(block, "3", f"{i}) мероприятие {code}", activity=code)
        parts = [
            est.line(
                f"{block}.a",
                block,
                draw(st.sampled_from(_UNITS)),
                draw(st.integers(1, 20)),
                periods=draw(st.integers(1, 2)),
            )
        ]
        contracted.append(f"{block}.a")
        for j, (key, number) in enumerate(counted[code]):
            parts.append(est.line(f"{block}.q{j}", block, "услуга", number))
            quantities.append(EstimateQuantity(key, f"{block}.q{j}"))
        if draw(st.booleans()):  # one per region the activity covers
            parts.append(est.line(f"{block}.r", block, "регион", len(regions[code])))
            regional.append(RegionalRow(f"{block}.r", code))
        if draw(st.booleans()):  # a trip to each region
            trips = est.group(f"{block}.t", block, "расходы на служебные командировки")
            n = len(regions[code])
            parts.append(est.close(trips, [est.line(f"{block}.t.a", f"{block}.t", "билет", 2 * n)]))
            travel.append(TravelBlock(f"{block}.t", code, n, regions[code]))
        blocks.append(est.close(index, parts))
    sections.append(est.close(direct, blocks))
    grand = est.close(total, sections)
    budget = Budget("estimate", tuple(est.rows), form=BudgetForm.STATE_SMETA)
    # -- the forms -----------------------------------------------------------------------------
    pledges: tuple[Pledge, ...] = ()
    if cofinancing is not None and cofinancing in grand and draw(st.booleans()):
        pledges = (Pledge("C1", cofinancing, draw(_texts()), Money(grand[cofinancing])),)
    tasks = tuple(
        Task(
            t,
            draw(_NAME),
            tuple(Activity(a, draw(_NAME), regions[a], None, tuple(promises[a])) for a in acts),
            tuple(promises[t]),
        )
        for t, acts in shape
    )
    content = Content(
        draw(_texts()),
        draw(_texts()),
        MonthGrid(
            months,
            tuple(
                GridActivity(a, draw(_NAME), marked[a], f"3.{i}")
                for i, a in enumerate(codes, start=1)
            ),
        ),
        tuple(territory),
        tasks,
        target_groups=tuple(groups),
        target_total=sum(g.count for g in groups),
        expected_results=tuple(results),
        monitoring=tuple(monitoring),
        risks=tuple(draw(st.lists(st.builds(Risk, _texts(), _texts()), max_size=2))),
        media=tuple(media),
        pledges=pledges,
    )
    full_time = draw(st.integers(min_value=0, max_value=10))
    hired = draw(st.none() | st.integers(min_value=1, max_value=10))
    volunteers = draw(st.none() | st.integers(min_value=0, max_value=20))
    accountant = draw(st.none() | st.just(Person("accountant", (Role.ACCOUNTANT,))))
    roles = tuple(r for r in Role if accountant is not None or r is not Role.ACCOUNTANT)
    questionnaire = Questionnaire(
        draw(_organisations()),
        draw(_texts()),
        head=Person("head", (Role.LEADER,)),
        accountant=accountant,
        staff=Staffing(full_time + (hired or 0) + (volunteers or 0), full_time, hired, volunteers),
    )
    start = _SUBMITTED - CONSISTENT_RULES.prior_years
    prior = []
    for i in range(draw(st.integers(min_value=0, max_value=2))):
        first = draw(st.integers(min_value=2010, max_value=_SUBMITTED))
        last = draw(st.none() | st.integers(min_value=max(first, start), max_value=_SUBMITTED))
        prior.append(PriorProject(f"P{i + 1}", first, draw(_texts()), last))
    capacity = Capacity(
        prior_projects=tuple(prior),
        team=tuple(
            TeamMember(
                f"m{i + 1}",
                draw(_texts()),
                draw(_texts()),
                draw(st.integers(min_value=0, max_value=40)),
                draw(st.sampled_from(roles)),
                draw(st.sampled_from(tuple(contracted))),
            )
            for i in range(draw(st.integers(min_value=0, max_value=2)))
        ),
    )
    estimate = Estimate(
        budget,
        quantities=tuple(quantities),
        travel=tuple(travel),
        regional=tuple(regional),
        contracted=tuple(contracted) if hired is not None else (),
    )
    return Dossier("d1", questionnaire, capacity, content, estimate, Money(grand[Source.GRANT]))


def consistent_dossiers() -> st.SearchStrategy[Dossier]:
    """Dossiers whose annexes agree: their audit under `CONSISTENT_RULES` is clean.

    Every number the forms print is stated again where the audit compares it:
    each budget line's total is quantity × unit price × periods and each
    group's total and split add up its rows (``TOTAL`` included); the amount
    requested is the estimate's grant total and a pledged amount its source's;
    each promised quantity is stated three to five times (promises of tasks,
    activities and expected results, target groups, the monitoring and media
    plans, the estimate's lines); each activity promises the number of months
    its calendar row marks, and the lines paid by the month run the project's
    months; per-region lines and trips count the activity's regions; target
    groups (all people) add up to the stated total; the staff add up to the
    declared total.

    Numbers no check can compare are left out: activities' participants,
    target groups' ages, indicators' baselines and ranges (only ``EXACTLY``,
    ``AT_LEAST`` and ``PER_EVENT`` targets are drawn). Prior projects' years
    fall in the rules' window, and team members' years of experience are drawn
    but stated nowhere else.

    Returns
    -------
    SearchStrategy of Dossier
        Dossiers of one to three tasks of one or two activities each, in tenge,
        with no error and no warning in their audit (info findings may occur).

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from civicgrants.dossier import audit
    >>> from civicgrants.model import Severity
    >>> @settings(max_examples=5, database=None, deadline=None)
    ... @given(consistent_dossiers())
    ... def check(dossier):
    ...     findings = audit(dossier, rules=CONSISTENT_RULES).findings
    ...     assert all(f.severity is Severity.INFO for f in findings), findings
    >>> check()

    See Also
    --------
    dossiers : valid dossiers whose annexes need not agree.
    civicgrants.dossier.audit : the cross-checks they pass.
    """
    return _consistent()
