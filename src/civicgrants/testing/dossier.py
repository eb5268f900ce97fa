"""Hypothesis strategies for application dossiers (Annexes 2–5).

:func:`dossiers` draws a valid :class:`~civicgrants.dossier.Dossier`: one to
three tasks of one or two activities each (codes ``T1`` … and ``T1.A1`` …), a
calendar plan whose rows are keyed by activity codes, an estimate from
:func:`~civicgrants.testing.budgets` whose top-level groups name activities,
and a monitoring plan, target groups, media plan and pledges that refer to
them. People carry names (personal data), so redaction is exercised too.

Usage::

    from hypothesis import given

    from civicgrants.io import dumps, loads
    from civicgrants.testing.dossier import dossiers


    @given(dossiers())
    def test_dossier_round_trips(dossier):
        assert loads(dumps(dossier, redact=False)) == dossier
"""

from __future__ import annotations

import attrs
from hypothesis import strategies as st

from civicgrants.budget.model import Source
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

__all__ = ["REGIONS", "dossiers", "targets"]

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
