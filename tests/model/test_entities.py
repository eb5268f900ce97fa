"""Entities: frozen, validated at the field, with located messages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from civicgrants.errors import LifecycleError, ValidationError
from civicgrants.model import (
    Application,
    ApplicationStatus,
    BalanceTakeover,
    Contribution,
    ContributionForm,
    ContributorKind,
    Criterion,
    Direction,
    InitiativeGroup,
    Locality,
    LocalityKind,
    Memorandum,
    Money,
    Names,
    ObjectKind,
    Organisation,
    OrganisationKind,
    Person,
    Programme,
    Project,
    ProjectStatus,
    Region,
    Role,
    Severity,
    Stage,
    StageWindow,
    Valuation,
    ValuationMethod,
    check_group,
    personal_fields,
    redact,
    validate_bin,
)
from civicgrants.model.organisation import bin_check_digit

EFCA = Organisation("efca", Names(en="EFCA"), OrganisationKind.FOUNDATION)


def test_entities_are_frozen() -> None:
    region = Region("atyrau", Names(en="Atyrau"))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        region.id = "x"  # type: ignore[misc]
    assert attrs.evolve(region, id="x").id == "x"


def test_names_need_one_language_and_fall_back() -> None:
    with pytest.raises(ValueError, match="at least one of ru, kk, en"):
        Names()
    n = Names(ru="Тургызба", kk="Тұрғызба")
    assert n.get("en") == "Тургызба"
    assert n.get("kk") == "Тұрғызба"
    assert n.get("en", "kk") == "Тұрғызба"
    with pytest.raises(ValueError, match="unknown language"):
        n.get("de")


@pytest.mark.parametrize("bad_id", ["", "a b", "-x", "x/y", 5])
def test_ids_are_stable_strings(bad_id: object) -> None:
    with pytest.raises(ValueError, match="id: must be"):
        Region(bad_id, Names(en="x"))  # type: ignore[arg-type]


def test_bin_check_digit_from_the_seed() -> None:
    assert validate_bin("051140010597") is None
    assert bin_check_digit("05114001059") == 7
    org = Organisation(
        "gamo",
        Names(en="GAMO"),
        OrganisationKind.NGO,
        bin="051140010597",
        registered=dt.date(2005, 11, 21),
    )
    assert org.bin == "051140010597"


@pytest.mark.parametrize(
    ("value", "registered", "message"),
    [
        ("051140010598", None, "check digit is 8, expected 7"),
        ("05114001059", None, "exactly 12 digits"),
        ("0511400105977", None, "exactly 12 digits"),
        ("05114001059a", None, "exactly 12 digits"),
        ("051140010597", dt.date(2006, 11, 21), "does not match the registration date 2006-11"),
        ("051140010597", dt.date(2005, 12, 1), "does not match the registration date 2005-12"),
    ],
)
def test_bad_bins_are_rejected_with_reason(
    value: str, registered: dt.date | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        Organisation("x", Names(en="x"), OrganisationKind.NGO, bin=value, registered=registered)


def test_bin_second_weight_pass() -> None:
    # 11 digits whose first weighted sum is 10 mod 11 use the second weights.
    digits = next(
        f"{n:011d}"
        for n in range(10**10, 10**10 + 10**6)
        if sum(int(c) * w for c, w in zip(f"{n:011d}", range(1, 12), strict=True)) % 11 == 10
        and bin_check_digit(f"{n:011d}") is not None
    )
    check = bin_check_digit(digits)
    assert check is not None
    weights = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
    assert check == sum(int(c) * w for c, w in zip(digits, weights, strict=True)) % 11


def test_person_contacts_are_personal_and_redacted() -> None:
    assert personal_fields(Person) == ("name", "phone", "email")
    p = Person("p1", (Role.LEADER,), name="Leader Name", phone="+7 700 000 00 00", email="a@b.kz")
    group = InitiativeGroup("g1", "kuryk", p, (Person("p2", (Role.MEMBER,), name="Member"),))
    clean = redact(group)
    assert clean.leader.name is None and clean.leader.phone is None and clean.leader.email is None
    assert clean.members[0].name is None
    assert clean.leader.roles == (Role.LEADER,)
    assert group.leader.name == "Leader Name"  # the original is untouched


def test_small_group_is_a_finding_not_an_exception() -> None:
    leader = Person("p1", (Role.LEADER,))
    lone = InitiativeGroup("g1", "kuryk", leader)
    (finding,) = check_group(lone)
    assert finding.code == "group-too-small"
    assert finding.severity is Severity.WARNING
    assert finding.numbers == {"size": 1, "minimum": 3}
    assert "team" in finding.message_en and "команду" in finding.message_ru
    team = attrs.evolve(lone, members=(Person("p2", (Role.MEMBER,)), Person("p3", (Role.MEMBER,))))
    assert check_group(team) == ()
    assert len(check_group(team, minimum=4)) == 1


def test_group_rejects_leader_as_member_and_duplicate_members() -> None:
    leader = Person("p1", (Role.LEADER,))
    with pytest.raises(ValueError, match=r"members\[0\]: the leader 'p1'"):
        InitiativeGroup("g1", "kuryk", leader, (leader,))
    member = Person("p2", (Role.MEMBER,))
    with pytest.raises(ValueError, match=r"members\[1\]: duplicates members\[0\]"):
        InitiativeGroup("g1", "kuryk", leader, (member, member))


def test_memorandum_records_commitments() -> None:
    m = Memorandum(
        "m1",
        "akimat-kulsary",
        ("kulsary",),
        land_plot=True,
        material_help=True,
        monitoring=True,
        balance_takeover=True,
        cofunding_share=Decimal("0.5"),
    )
    assert m.balance_takeover and m.cofunding_share == Decimal("0.5")
    with pytest.raises(ValueError, match=r"cofunding_share: must be between 0 and 1, got 1\.5"):
        Memorandum("m1", "a", ("kulsary",), cofunding_share=Decimal("1.5"))
    with pytest.raises(ValueError, match="localities: must not be empty"):
        Memorandum("m1", "a", ())


def test_application_lifecycle() -> None:
    a = Application("A-1", "call-1", "kuryk", Money(2_000_000))
    funded = a.submit().review().fund(reason="ranked 3rd")
    assert funded.status is ApplicationStatus.FUNDED
    assert [t.to_status for t in funded.history] == ["submitted", "under_review", "funded"]
    assert a.withdraw().status is ApplicationStatus.WITHDRAWN
    with pytest.raises(LifecycleError, match="allowed from 'draft': submitted, withdrawn"):
        a.fund()
    with pytest.raises(LifecycleError, match=r"none \(final state\)"):
        funded.reject()


def test_project_lifecycle_needs_the_akims_confirmation_to_open() -> None:
    p = Project("P-1", "III", "kulsary", Names(en="Park"), ObjectKind.PARK_ALLEY_BEACH)
    p = p.transition(ProjectStatus.PROCUREMENT).transition(ProjectStatus.IMPLEMENTATION)
    with pytest.raises(LifecycleError, match="balance takeover is not confirmed"):
        p.open(BalanceTakeover("akimat-kulsary", confirmed=False))
    opened = p.open(BalanceTakeover("akimat-kulsary", confirmed=True, on=dt.date(2021, 9, 1)))
    assert opened.status is ProjectStatus.OPENED
    assert opened.transition(ProjectStatus.CLOSED).status is ProjectStatus.CLOSED
    with pytest.raises(LifecycleError, match="allowed from 'contracted': procurement"):
        Project("P-2", "III", "kulsary", Names(en="x"), ObjectKind.OTHER).transition(
            ProjectStatus.OPENED
        )


def test_negative_money_is_located() -> None:
    with pytest.raises(ValueError, match=r'grant.amount: must be >= 0, got "-5.00"'):
        Project("P-1", "I", "x", Names(en="x"), ObjectKind.OTHER, grant=Money(-5))


def test_contribution_valuation_is_checked() -> None:
    val = Valuation(ValuationMethod.HOURS_X_RATE, hours=Decimal(40), rate=Money(1200))
    with pytest.raises(ValueError, match=r"hours × rate is 48000\.00 KZT, got 40000\.00 KZT"):
        Contribution(
            "c1",
            ContributorKind.RESIDENTS,
            ContributionForm.IN_KIND,
            "painting",
            Money(40_000),
            val,
        )
    with pytest.raises(ValueError, match="needs both hours and rate"):
        Valuation(ValuationMethod.HOURS_X_RATE, hours=Decimal(1))


def test_criterion_direction_is_explicit_and_scale_checked() -> None:
    with pytest.raises(TypeError):
        Criterion("relevance", names=Names(en="Relevance"))  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="max: must be > min"):
        Criterion(
            "r",
            Direction.HIGHER_IS_BETTER,
            Names(en="r"),
            min=Decimal(5),
            max=Decimal(5),
        )


def _programme(**kw: object) -> Programme:
    base: dict[str, object] = {
        "id": "p",
        "names": Names(en="P"),
        "implementer": EFCA,
        "donor": EFCA,
        "start": dt.date(2018, 9, 1),
        "end": dt.date(2021, 12, 31),
        "regions": (
            Region("mangistau", Names(en="Mangistau")),
            Region("atyrau", Names(en="Atyrau")),
        ),
        "localities": (
            Locality("kuryk", Names(en="Kuryk"), LocalityKind.VILLAGE, "mangistau"),
            Locality("kulsary", Names(en="Kulsary"), LocalityKind.TOWN, "atyrau"),
            Locality("turgyzba", Names(en="Turgyzba"), LocalityKind.VILLAGE, "atyrau"),
        ),
        "stages": (
            Stage(
                "I",
                1,
                Names(en="Stage I"),
                (StageWindow("mangistau", dt.date(2018, 9, 1), dt.date(2019, 9, 30), ("kuryk",)),),
            ),
        ),
    }
    base.update(kw)
    return Programme(**base)  # type: ignore[arg-type]


def test_programme_queries_are_one_line() -> None:
    p = _programme(projects=(Project("I-01", "I", "kuryk", Names(en="x"), ObjectKind.PLAYGROUND),))
    assert [loc.id for loc in p.localities_in("atyrau")] == ["kulsary", "turgyzba"]
    assert len({loc.region for loc in p.localities}) == 2
    assert p.region_of("kulsary").id == "atyrau"
    assert [x.id for x in p.projects_where(region="mangistau")] == ["I-01"]
    assert p.projects_where(region="atyrau") == ()
    assert p.stages[0].localities == ("kuryk",)
    with pytest.raises(KeyError, match="unknown locality 'nowhere'"):
        p.locality("nowhere")


def test_programme_reports_every_dangling_reference() -> None:
    with pytest.raises(ValidationError) as info:
        _programme(
            projects=(
                Project("I-01", "II", "kuryk", Names(en="x"), ObjectKind.PLAYGROUND),
                Project("I-02", "I", "atlantis", Names(en="x"), ObjectKind.PLAYGROUND),
            )
        )
    assert [str(p) for p in info.value.problems] == [
        "projects[0].stage: unknown stage 'II'",
        "projects[1].locality: unknown locality 'atlantis'",
    ]
