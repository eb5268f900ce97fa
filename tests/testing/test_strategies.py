"""Every strategy of civicgrants.testing yields valid objects of the right type."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

import civicgrants
from civicgrants.io import DOCUMENT_TYPES
from civicgrants.model import (
    Application,
    ApplicationStatus,
    BeneficiaryCount,
    Call,
    Contribution,
    ContributionForm,
    Criterion,
    District,
    InitiativeGroup,
    Locality,
    Memorandum,
    Money,
    Names,
    Organisation,
    OrganisationKind,
    Person,
    Programme,
    Project,
    ProjectStatus,
    PublishedFigure,
    Region,
    Role,
    Stage,
    StageWindow,
    Transition,
    ValuationMethod,
    validate_bin,
)
from civicgrants.model.fields import ID_PATTERN
from civicgrants.testing import (
    CURRENCIES,
    applications,
    beneficiary_counts,
    calls,
    contributions,
    criteria,
    dates,
    districts,
    document_strategy,
    documents,
    ids,
    initiative_groups,
    localities,
    memoranda,
    money,
    names,
    organisations,
    people,
    programmes,
    projects,
    published_figures,
    regions,
    stage_windows,
    stages,
    texts,
)

FAST = settings(max_examples=60, deadline=None)
POOL = ("kuryk", "borankul", "shetpe")
ID = re.compile(ID_PATTERN)


def rebuild(obj: Any) -> Any:
    """Construct ``obj`` again from its fields, at every depth: validators and checks run again."""
    if isinstance(obj, tuple):
        return tuple(rebuild(x) for x in obj)
    if not attrs.has(type(obj)):
        return obj
    fields = attrs.fields(type(obj))
    return type(obj)(**{f.alias: rebuild(getattr(obj, f.name)) for f in fields if f.init})


def assert_valid(obj: object, cls: type) -> None:
    assert type(obj) is cls
    assert rebuild(obj) == obj


def assert_finite(value: Decimal) -> None:
    assert isinstance(value, Decimal)
    assert value.is_finite()


def assert_lifecycle(start: Any, status: Any, history: tuple[Transition, ...]) -> None:
    """``history`` is a legal path from ``start`` to ``status``, with dates in order."""
    current = start
    for step in history:
        assert step.from_status == current.value
        following = type(start)(step.to_status)
        assert following in current.allowed()
        current = following
    assert current is status
    days = [t.on for t in history if t.on is not None]
    assert days == sorted(days)


# -- scalars -----------------------------------------------------------------


@FAST
@given(ids())
def test_ids_are_valid_ids(value: str) -> None:
    assert ID.fullmatch(value)


@FAST
@given(texts())
def test_texts_are_non_blank(value: str) -> None:
    assert isinstance(value, str)
    assert value.strip()


def test_texts_include_kazakh_letters() -> None:
    seen: set[str] = set()

    @settings(max_examples=200, deadline=None)
    @given(texts())
    def collect(value: str) -> None:
        seen.update(value)

    collect()
    assert seen & set("әғқңөұүһі")


@FAST
@given(dates())
def test_dates_lie_in_the_default_range(day: dt.date) -> None:
    assert dt.date(2015, 1, 1) <= day <= dt.date(2030, 12, 31)


@FAST
@given(names())
def test_names_hold_at_least_one_language(value: Names) -> None:
    assert_valid(value, Names)
    assert any(x is not None for x in (value.ru, value.kk, value.en))


# -- money -------------------------------------------------------------------


@FAST
@given(money())
def test_money_defaults_to_whole_kzt(value: Money) -> None:
    assert_valid(value, Money)
    assert value.currency == "KZT"
    assert value.is_whole
    assert Money(0) <= value <= Money(100_000_000)
    assert_finite(value.amount)


@FAST
@given(money(currency=None, min_value="-10.5", max_value=25))
def test_money_respects_bounds_and_currency_set(value: Money) -> None:
    assert value.currency in CURRENCIES
    assert Decimal("-10.5") <= value.amount <= 25
    assert value.is_whole


@FAST
@given(money("EUR", min_value="0.01", max_value="0.02", whole=False))
def test_money_not_whole_stays_in_bounds(value: Money) -> None:
    assert value.currency == "EUR"
    assert Decimal("0.01") <= value.amount <= Decimal("0.02")
    assert_finite(value.amount)


def test_money_not_whole_finds_sub_minor_amounts() -> None:
    seen: list[bool] = []

    @settings(max_examples=100, deadline=None)
    @given(money(whole=False, max_value=1))
    def collect(value: Money) -> None:
        seen.append(value.is_whole)

    collect()
    assert False in seen


@pytest.mark.slow
def test_decimals_include_exponent_notation() -> None:
    search = settings(max_examples=2000, database=None, deadline=None)
    figure = find(
        published_figures(), lambda f: f.value != 0 and "E+" in str(f.value), settings=search
    )
    assert figure.value == figure.value.to_integral_value()
    memorandum = find(
        memoranda(),
        lambda m: bool(m.cofunding_share) and "E-" in str(m.cofunding_share),
        settings=search,
    )
    assert memorandum.cofunding_share is not None and 0 < memorandum.cofunding_share < 1
    tiny = find(money(whole=False), lambda m: "E-" in str(m.amount), settings=search)
    assert not tiny.is_whole


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"min_value": 10, "max_value": 1}, ValueError),
        ({"min_value": "0.001", "max_value": "0.002"}, ValueError),
        ({"currency": "XYZ"}, ValueError),
        ({"max_value": 1.5}, TypeError),
    ],
)
def test_money_refuses_impossible_arguments(kwargs: dict[str, Any], error: type) -> None:
    with pytest.raises(error):
        money(**kwargs)


# -- places, organisations, people -------------------------------------------------


@FAST
@given(regions())
def test_regions(value: Region) -> None:
    assert_valid(value, Region)
    assert value.code is None or re.fullmatch(r"[0-9]{9}", value.code)


@FAST
@given(districts(region_ids=POOL))
def test_districts_use_the_region_pool(value: District) -> None:
    assert_valid(value, District)
    assert value.region in POOL


@FAST
@given(localities(region_ids=POOL, district_ids=("d1",)))
def test_localities_use_the_pools(value: Locality) -> None:
    assert_valid(value, Locality)
    assert value.region in POOL
    assert value.district in (None, "d1")
    assert value.population is None or value.population >= 0


@FAST
@given(organisations())
def test_organisation_bins_are_valid(value: Organisation) -> None:
    assert_valid(value, Organisation)
    if value.bin is not None:
        assert validate_bin(value.bin) is None
        assert validate_bin(value.bin, value.registered) is None
        assert value.bin[4] in "456"


def test_organisations_cover_bin_with_registration_date() -> None:
    seen: set[tuple[bool, bool]] = set()

    @settings(max_examples=100, deadline=None)
    @given(organisations())
    def collect(value: Organisation) -> None:
        seen.add((value.bin is not None, value.registered is not None))

    collect()
    assert (True, True) in seen


@FAST
@given(organisations(kinds=[OrganisationKind.AKIMAT], locality_ids=POOL, region_ids=()))
def test_organisations_respect_kinds_and_pools(value: Organisation) -> None:
    assert value.kind is OrganisationKind.AKIMAT
    assert value.locality in (None, *POOL)
    assert value.region is None


@FAST
@given(people(contacts=True))
def test_people_with_contacts(value: Person) -> None:
    assert_valid(value, Person)
    assert value.name and value.phone and value.email
    assert re.fullmatch(r"\+7 7\d\d \d{3} \d\d \d\d", value.phone)
    assert re.fullmatch(r"[a-z.]+[0-9]*@[a-z.]+", value.email)
    assert len(set(value.roles)) == len(value.roles)


@FAST
@given(people(contacts=False))
def test_people_without_contacts(value: Person) -> None:
    assert (value.name, value.phone, value.email) == (None, None, None)


@FAST
@given(initiative_groups(locality_ids=POOL))
def test_initiative_groups(value: InitiativeGroup) -> None:
    assert_valid(value, InitiativeGroup)
    assert value.locality in POOL
    assert Role.LEADER in value.leader.roles
    person_ids = [value.leader.id, *(m.id for m in value.members)]
    assert len(set(person_ids)) == len(person_ids)
    assert 1 <= value.size <= 5


# -- memoranda, calls, stages ------------------------------------------------------------


@FAST
@given(memoranda(akimat_ids=("akimat-kuryk",), locality_ids=POOL))
def test_memoranda(value: Memorandum) -> None:
    assert_valid(value, Memorandum)
    assert value.akimat == "akimat-kuryk"
    assert value.localities
    assert set(value.localities) <= set(POOL)
    if value.cofunding_share is not None:
        assert 0 <= value.cofunding_share <= 1
        assert_finite(value.cofunding_share)


@FAST
@given(criteria())
def test_criteria(value: Criterion) -> None:
    assert_valid(value, Criterion)
    assert value.min < value.max
    assert value.weight >= 0
    assert value.step >= 0
    if value.threshold is not None:
        assert value.min <= value.threshold <= value.max


@FAST
@given(calls(stage_ids=("I",), region_ids=POOL))
def test_calls(value: Call) -> None:
    assert_valid(value, Call)
    assert value.stage in (None, "I")
    assert value.region in (None, *POOL)
    if value.pot is not None and value.max_grant is not None:
        assert value.pot.currency == value.max_grant.currency
        assert value.max_grant <= value.pot
    if value.opens and value.closes:
        assert value.opens <= value.closes
    keys = [c.key for c in value.criteria]
    assert len(set(keys)) == len(keys)


@FAST
@given(stage_windows(region_ids=("mang",), locality_ids=POOL))
def test_stage_windows(value: StageWindow) -> None:
    assert_valid(value, StageWindow)
    assert value.region == "mang"
    assert value.start <= value.end
    assert set(value.localities) <= set(POOL)
    assert len(set(value.localities)) == len(value.localities)


@FAST
@given(stages())
def test_stages(value: Stage) -> None:
    assert_valid(value, Stage)
    assert value.number >= 1
    assert 1 <= len(value.windows) <= 3
    assert value.start <= value.end


# -- applications, projects, contributions ----------------------------------------------


@FAST
@given(applications(call_ids=("call-1",), locality_ids=POOL, group_ids=()))
def test_applications(value: Application) -> None:
    assert_valid(value, Application)
    assert value.call == "call-1"
    assert value.locality in POOL
    assert value.group is None
    assert value.requested.amount >= 0
    assert_lifecycle(ApplicationStatus.DRAFT, value.status, value.history)


@FAST
@given(projects(stage_ids=("I",), locality_ids=POOL, project_ids=("P-1", "P-2")))
def test_projects(value: Project) -> None:
    assert_valid(value, Project)
    assert value.stage == "I"
    assert value.locality in POOL
    assert all(link.project in (None, "P-1", "P-2") for link in value.links)
    assert_lifecycle(ProjectStatus.CONTRACTED, value.status, value.history)
    if value.status in (ProjectStatus.OPENED, ProjectStatus.CLOSED):
        assert value.balance is not None and value.balance.confirmed
    ids_ = [c.id for c in value.contributions]
    assert len(set(ids_)) == len(ids_)
    assert all(c.project in (None, value.id) for c in value.contributions)
    if value.grant is not None:
        assert value.grant.amount >= 0
        if value.reported_amount is not None:
            assert value.reported_amount.currency == value.grant.currency


@FAST
@given(contributions())
def test_contributions(value: Contribution) -> None:
    assert_valid(value, Contribution)
    v = value.valuation
    if value.form is ContributionForm.CASH and v is not None:
        assert v.method is ValuationMethod.DECLARED
    if v is not None and v.method is ValuationMethod.HOURS_X_RATE:
        assert v.hours is not None and v.rate is not None
        if value.value is not None:
            assert value.value == v.rate * v.hours


@FAST
@given(beneficiary_counts())
def test_beneficiary_counts(value: BeneficiaryCount) -> None:
    assert_valid(value, BeneficiaryCount)
    assert value.count >= 0
    assert value.group.strip()


@FAST
@given(published_figures(stage_ids=("I", "II"), region_ids=()))
def test_published_figures(value: PublishedFigure) -> None:
    assert_valid(value, PublishedFigure)
    assert value.stage in (None, "I", "II")
    assert value.region is None
    assert_finite(value.value)


# -- programmes ----------------------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programmes())
def test_programmes_are_referentially_consistent(value: Programme) -> None:
    assert_valid(value, Programme)  # the constructor reports every dangling id
    assert 1 <= len(value.localities) <= 5
    assert len(value.projects) <= 6
    districts_ = {d.id: d for d in value.districts}
    for loc in value.localities:
        if loc.district is not None:
            assert districts_[loc.district].region == loc.region
    in_region = {loc.id: loc.region for loc in value.localities}
    for stage in value.stages:
        for window in stage.windows:
            assert value.start <= window.start <= window.end <= value.end
            assert all(in_region[loc] == window.region for loc in window.localities)
    calls_ = {c.id for c in value.calls}
    groups = {g.id for g in value.groups}
    apps = {a.id for a in value.applications}
    assert all(a.call in calls_ and a.group in (None, *groups) for a in value.applications)
    assert all(p.application in (None, *apps) for p in value.projects)
    assert all(p.group in (None, *groups) for p in value.projects)
    org_ids = {o.id for o in (value.implementer, value.donor, *value.organisations)}
    assert len(org_ids) == 2 + len(value.organisations)
    for group in value.groups:
        for person in (group.leader, *group.members):
            assert person.organisation in (None, *org_ids)


@settings(max_examples=10, deadline=None)
@given(programmes(max_localities=1, max_projects=0, contacts=False))
def test_programme_size_limits(value: Programme) -> None:
    assert len(value.localities) == 1
    assert value.projects == ()
    for group in value.groups:
        assert group.leader.name is None


def test_programme_limits_are_checked() -> None:
    with pytest.raises(ValueError, match="max_localities"):
        programmes(max_localities=0)


# -- documents -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(DOCUMENT_TYPES))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_document_strategy_gives_the_class(name: str, data: st.DataObject) -> None:
    cls = DOCUMENT_TYPES[name][0]
    assert_valid(data.draw(document_strategy(cls)), cls)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_documents_are_document_types(value: object) -> None:
    assert type(value) in {cls for cls, _ in DOCUMENT_TYPES.values()}


def test_documents_cover_every_type() -> None:
    seen: set[type] = set()

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(documents())
    def collect(value: object) -> None:
        seen.add(type(value))

    collect()
    # one_of does not pick its branches evenly (and large programmes count for
    # more), so 150 examples reliably reach most types, not always all 13;
    # test_document_strategy_gives_the_class covers each type on its own.
    assert len(seen) >= 9


def test_document_strategy_refuses_other_classes() -> None:
    with pytest.raises(TypeError, match="Names is not a document class; known: Programme"):
        document_strategy(Names)


# -- importing ---------------------------------------------------------------------------


def _run(code: str) -> subprocess.CompletedProcess[str]:
    src = str(Path(civicgrants.__file__).parent.parent)
    path = os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, "PYTHONPATH": path},
    )


def test_importing_civicgrants_does_not_import_hypothesis() -> None:
    code = """
import importlib, pkgutil, sys, civicgrants

def walk(package):
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        if info.name == "civicgrants.testing":
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:
            continue  # an optional extra (plot, frames) that is not installed
        if info.ispkg:
            walk(module)

walk(civicgrants)
print("hypothesis" in sys.modules)
"""
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_testing_without_hypothesis_says_how_to_install_it() -> None:
    result = _run(
        "import sys\n"
        "sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import civicgrants.testing\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "civicgrants.testing needs hypothesis: pip install 'civicgrants[testing]'"
    )
