"""The embedded «Общественные пространства» programme: counts, figures, and no personal data."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest

from civicgrants.datasets import public_spaces
from civicgrants.io import dumps, loads
from civicgrants.model import (
    Confidence,
    ContributionForm,
    ContributorKind,
    Duty,
    LinkKind,
    LocalityKind,
    Money,
    ObjectKind,
    Programme,
    Project,
    ProjectStatus,
    Qualifier,
)
from civicgrants.model.lifecycle import DutyStatus, TakeoverStatus, path
from civicgrants.model.memorandum import HolderKind

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CATALOGUE = SHARED / "domain" / "public-spaces-projects.csv"
BUILD_SCRIPT = ROOT / "tools" / "build_public_spaces.py"
NAME_HASHES = Path(__file__).resolve().parents[1] / "data" / "personal_name_hashes.txt"


@pytest.fixture(scope="module")
def programme() -> Programme:
    return public_spaces()


def by_id(programme: Programme, project_id: str) -> Project:
    return next(p for p in programme.projects if p.id == project_id)


def shipped_text() -> str:
    return (
        resources.files("civicgrants.datasets")
        .joinpath("public_spaces.json")
        .read_text(encoding="utf-8")
    )


# -- identity ---------------------------------------------------------------------------


def test_programme_identity(programme: Programme) -> None:
    assert programme.id == "public-spaces"
    assert (programme.names.ru, programme.names.kk, programme.names.en) == (
        "Общественные пространства",
        "Qoğamdyq Keñıstıkter",
        "Public Spaces",
    )
    assert (programme.implementer.id, programme.implementer.kind.value) == ("efca", "foundation")
    assert (programme.donor.id, programme.donor.kind.value) == ("tco", "company")
    assert programme.implementer.bin is None
    assert programme.donor.bin is None
    assert (programme.start, programme.end) == (dt.date(2018, 9, 1), dt.date(2021, 12, 31))


# -- geography -------------------------------------------------------------------------


def test_eleven_localities_in_two_regions(programme: Programme) -> None:
    assert len(programme.localities) == 11
    assert {loc.region for loc in programme.localities} == {"mangistau", "atyrau"}
    assert {r.id for r in programme.regions} == {"mangistau", "atyrau"}
    assert len(programme.localities_in("atyrau")) == 7
    assert len(programme.localities_in("mangistau")) == 4


def test_locality_districts_and_kinds(programme: Programme) -> None:
    districts = {loc.id: loc.district for loc in programme.localities}
    assert districts == {
        "fort-shevchenko": "tupkaragan",
        "bautino": "tupkaragan",
        "borankul": "beineu",
        "kuryk": "karakiya",
        "kulsary": "zhylyoi",
        "akkiztogay": "zhylyoi",
        "zhana-karaton": "zhylyoi",
        "koschagyl": "zhylyoi",
        "maikomgen": "zhylyoi",
        "turgyzba": "zhylyoi",
        "shokpartogay": "zhylyoi",
    }
    towns = {loc.id for loc in programme.localities if loc.kind is LocalityKind.TOWN}
    assert towns == {"fort-shevchenko", "kulsary"}


def test_populations_only_where_printed(programme: Programme) -> None:
    populations = {
        loc.id: loc.population for loc in programme.localities if loc.population is not None
    }
    assert populations == {
        "kuryk": 6000,
        "borankul": 7700,
        "zhana-karaton": 8000,
        "koschagyl": 5000,
        "turgyzba": 3500,
        "kulsary": 60000,
    }
    for loc in programme.localities:
        if loc.population is None:
            assert loc.population_source is None
        else:
            assert loc.population_source is not None
            assert loc.population_source.startswith("S000 L")
    assert "3,600" in (programme.locality("turgyzba").population_source or "")


# -- stages ---------------------------------------------------------------------------

EXPECTED_WINDOWS = {
    ("I", "mangistau"): (
        dt.date(2018, 9, 1),
        dt.date(2019, 9, 30),
        {"bautino", "borankul", "fort-shevchenko"},
    ),
    ("II", "mangistau"): (
        dt.date(2019, 10, 1),
        dt.date(2020, 12, 31),
        {"bautino", "borankul", "fort-shevchenko", "kuryk"},
    ),
    ("II", "atyrau"): (
        dt.date(2020, 2, 1),
        dt.date(2020, 12, 31),
        {"akkiztogay", "zhana-karaton", "koschagyl", "maikomgen", "turgyzba", "shokpartogay"},
    ),
    ("III", "mangistau"): (dt.date(2021, 2, 1), dt.date(2021, 12, 31), {"borankul"}),
    ("III", "atyrau"): (
        dt.date(2021, 2, 1),
        dt.date(2021, 12, 31),
        {
            "kulsary",
            "akkiztogay",
            "zhana-karaton",
            "koschagyl",
            "maikomgen",
            "turgyzba",
            "shokpartogay",
        },
    ),
}


def test_three_stages_with_their_windows(programme: Programme) -> None:
    assert [(s.id, s.number) for s in programme.stages] == [("I", 1), ("II", 2), ("III", 3)]
    windows = {
        (s.id, w.region): (w.start, w.end, set(w.localities))
        for s in programme.stages
        for w in s.windows
    }
    assert windows == EXPECTED_WINDOWS
    for stage in programme.stages:
        for window in stage.windows:
            assert window.source is not None
            assert window.source.startswith("S000 L")


def test_window_notes_record_the_source_conflicts(programme: Programme) -> None:
    windows = {(s.id, w.region): w for s in programme.stages for w in s.windows}
    assert "октябре 2020" in (windows["II", "mangistau"].note or "")
    assert "Вместе - мы сила!" in (windows["II", "mangistau"].note or "")
    assert "02/2020-12/2020" in (windows["III", "atyrau"].note or "")


# -- projects -------------------------------------------------------------------------


def test_85_projects(programme: Programme) -> None:
    assert len(programme.projects) == 85
    assert Counter(p.status for p in programme.projects) == {
        ProjectStatus.COMPLETED: 84,
        ProjectStatus.OPENED: 1,
    }
    assert all(p.source and re.fullmatch(r"S000 L\d.*", p.source) for p in programme.projects)


def test_projects_per_stage(programme: Programme) -> None:
    assert Counter(p.stage for p in programme.projects) == {"I": 10, "II": 32, "III": 43}


def test_projects_per_stage_and_region(programme: Programme) -> None:
    counts = {
        (s.id, r.id): len(programme.projects_where(stage=s.id, region=r.id))
        for s in programme.stages
        for r in programme.regions
    }
    assert counts == {
        ("I", "mangistau"): 10,
        ("I", "atyrau"): 0,
        ("II", "mangistau"): 18,
        ("II", "atyrau"): 14,
        ("III", "mangistau"): 7,
        ("III", "atyrau"): 36,
    }


# seed-000.md §4, "kind | Stage I | Stage II | Stage III"
KINDS_PER_STAGE = {
    ObjectKind.PLAYGROUND: (2, 10, 14),
    ObjectKind.PARK_ALLEY_BEACH: (1, 5, 9),
    ObjectKind.SPORTS_GROUND: (2, 3, 7),
    ObjectKind.FOOTBALL_FIELD: (0, 2, 4),
    ObjectKind.DISABLED_CHILDREN_CENTRE: (1, 2, 3),
    ObjectKind.PSYCH_SPEECH_MOTHER_CHILD_ROOM: (1, 2, 1),
    ObjectKind.SCHOOL_CANTEEN: (1, 1, 0),
    ObjectKind.OTHER: (2, 7, 5),
}


@pytest.mark.parametrize(("kind", "expected"), list(KINDS_PER_STAGE.items()))
def test_projects_per_kind_per_stage(
    programme: Programme, kind: ObjectKind, expected: tuple[int, int, int]
) -> None:
    counts = tuple(len(programme.projects_where(stage=s, kind=kind)) for s in ("I", "II", "III"))
    assert counts == expected


def test_kind_table_covers_every_kind() -> None:
    assert set(KINDS_PER_STAGE) == set(ObjectKind)
    assert sum(sum(row) for row in KINDS_PER_STAGE.values()) == 85


# seed-000.md §4, "Projects per locality"
PROJECTS_PER_LOCALITY = {
    "borankul": 17,
    "kulsary": 11,
    "turgyzba": 11,
    "fort-shevchenko": 7,
    "maikomgen": 7,
    "bautino": 6,
    "koschagyl": 6,
    "akkiztogay": 6,
    "zhana-karaton": 6,
    "kuryk": 5,
    "shokpartogay": 3,
}


def test_projects_per_locality(programme: Programme) -> None:
    assert Counter(p.locality for p in programme.projects) == PROJECTS_PER_LOCALITY


def test_every_project_lies_in_its_stage_window(programme: Programme) -> None:
    windows = {(s.id, w.region): w.localities for s in programme.stages for w in s.windows}
    for p in programme.projects:
        region = programme.locality(p.locality).region
        assert p.locality in windows[p.stage, region], p.id


def test_locality_variants_are_kept_in_notes(programme: Programme) -> None:
    assert by_id(programme, "II-MO-09").locality == "kuryk"
    assert "aul Appak" in (by_id(programme, "II-MO-09").notes or "")
    assert by_id(programme, "III-23").locality == "koschagyl"
    assert "Akkiztogay rural district" in (by_id(programme, "III-23").notes or "")
    assert "aul No.5" in (by_id(programme, "III-30").notes or "")


def test_kind_detail_is_english(programme: Programme) -> None:
    for p in programme.projects:
        assert p.kind_detail, p.id
        assert not re.search("[\u0400-\u04ff]", p.kind_detail), p.id


# -- money ------------------------------------------------------------------------------


def test_I_02_grant(programme: Programme) -> None:
    grant = by_id(programme, "I-02").grant
    assert grant == Money("1600000.00")
    assert str(grant) == "1600000.00 KZT"
    assert [p.id for p in programme.projects if p.grant is not None] == ["I-02"]


def test_reported_amounts_as_printed(programme: Programme) -> None:
    reported = {
        p.id: (p.reported_amount.value, p.reported_amount.qualifier)
        for p in programme.projects
        if p.reported_amount is not None
    }
    assert reported == {
        "I-01": (Money(1_500_000), Qualifier.APPROX),
        "II-MO-01": (Money(2_000_000), Qualifier.MORE_THAN),
        "III-05": (Money(6_000_000), Qualifier.EXACT),
        "III-28": (Money(2_000_000), Qualifier.MORE_THAN),
    }
    for p in programme.projects:
        if p.reported_amount is not None or p.grant is not None:
            assert p.amount_basis, p.id


def test_combined_amount_is_counted_once(programme: Programme) -> None:
    kieli, summer = by_id(programme, "III-04"), by_id(programme, "III-05")
    assert kieli.reported_amount is None
    assert summer.reported_amount is not None
    for p in (kieli, summer):
        assert "III-04 and III-05" in (p.amount_basis or "") or "III-05 and III-04" in (
            p.amount_basis or ""
        )


# -- links, contributions, beneficiaries --------------------------------------------------


def test_links(programme: Programme) -> None:
    links = {
        (p.id, link.kind, link.project)
        for p in programme.projects
        for link in p.links
        if link.project is not None
    }
    assert {
        ("III-15", LinkKind.CONTINUES, "II-AO-02"),
        ("III-18", LinkKind.CONTINUES, "II-MO-13"),
        ("III-35", LinkKind.CONTINUES, "II-AO-03"),
        ("II-MO-04", LinkKind.SAME_SITE, "II-MO-05"),
        ("III-09", LinkKind.SAME_SITE, "III-08"),
        ("III-08", LinkKind.SAME_LEADER, "II-AO-01"),
        ("III-43", LinkKind.SAME_LEADER, "II-AO-05"),
    } <= links
    assert by_id(programme, "III-15").continues == ("II-AO-02",)
    top_ups = {p.id for p in programme.projects for link in p.links if link.kind is LinkKind.TOP_UP}
    assert top_ups == {"I-01", "I-04"}
    for p in programme.projects:
        for link in p.links:
            assert link.note, p.id
            if link.kind is LinkKind.TOP_UP:
                assert link.project is None


def test_same_site_links_are_mutual(programme: Programme) -> None:
    pairs = {
        (p.id, link.project)
        for p in programme.projects
        for link in p.links
        if link.kind is LinkKind.SAME_SITE
    }
    assert pairs == {(b, a) for a, b in pairs}
    assert len(pairs) == 10


def test_contributions_never_invent_amounts(programme: Programme) -> None:
    contributions = [c for p in programme.projects for c in p.contributions]
    assert contributions
    assert all(c.value is None and c.valuation is None for c in contributions)
    (lighting,) = by_id(programme, "I-03").contributions
    assert lighting.contributor is ContributorKind.RESIDENTS
    assert lighting.form is ContributionForm.CASH


def test_beneficiary_counts(programme: Programme) -> None:
    (disabled,) = by_id(programme, "I-07").beneficiaries
    assert (disabled.count, disabled.qualifier) == (20, Qualifier.AT_LEAST)
    (children,) = by_id(programme, "II-MO-06").beneficiaries
    assert (children.count, children.qualifier) == (100, Qualifier.MORE_THAN)
    assert by_id(programme, "I-01").beneficiaries == ()


# -- sustainability: lifecycle, memoranda, duties, balance holders ---------------------------


def test_every_status_is_reachable_and_has_its_prerequisites(programme: Programme) -> None:
    """Replay each project from ``contracted`` with the library's own transitions."""
    for p in programme.projects:
        steps = path(ProjectStatus.CONTRACTED, p.status)
        assert steps is not None, p.id
        replayed = attrs.evolve(p, status=ProjectStatus.CONTRACTED, history=())
        for step in steps[1:]:
            replayed = replayed.transition(step)
        assert replayed.status is p.status
        if p.status.needs_confirmed_takeover():
            assert p.balance is not None and p.balance.confirmed, p.id


def test_only_the_confirmed_takeover_is_opened(programme: Programme) -> None:
    opened = [p.id for p in programme.projects if p.status is ProjectStatus.OPENED]
    confirmed = [p.id for p in programme.projects if p.balance and p.balance.confirmed]
    assert opened == confirmed == ["II-AO-02"]
    hoc = by_id(programme, "II-AO-02").balance
    assert hoc is not None
    assert hoc.holder_kind is HolderKind.CULTURE_HOUSE
    assert hoc.source == "S000 L1165-1166"


def test_balance_holders_as_printed(programme: Programme) -> None:
    balances = {p.id: p.balance for p in programme.projects if p.balance is not None}
    assert {pid: (b.status, b.holder_kind) for pid, b in balances.items()} == {
        "II-AO-02": (TakeoverStatus.CONFIRMED, HolderKind.CULTURE_HOUSE),
        "III-05": (TakeoverStatus.PROMISED, HolderKind.AKIMAT),
        "III-15": (TakeoverStatus.UNKNOWN, HolderKind.CULTURE_HOUSE),
    }
    for pid, b in balances.items():
        assert b.source and re.fullmatch(r"S000 L\d+-\d+", b.source), pid
        assert b.note, pid


def test_III_05_balance_with_the_local_administration(programme: Programme) -> None:
    summer = by_id(programme, "III-05")
    assert summer.balance is not None
    assert "местная администрация" in summer.balance.holder
    assert summer.balance.holder_kind is HolderKind.AKIMAT
    assert summer.balance.status is TakeoverStatus.PROMISED
    assert not summer.balance.confirmed
    assert summer.balance.source == "S000 L1607-1609"
    assert summer.status is ProjectStatus.COMPLETED
    (upkeep,) = summer.duties
    assert (upkeep.duty, upkeep.holder_kind) == (Duty.MAINTENANCE, HolderKind.AKIMAT)
    assert by_id(programme, "III-04").balance is None  # the stage on the same site: not printed


def test_I_01_watering_and_guarding_by_the_akimat(programme: Programme) -> None:
    alley = by_id(programme, "I-01")
    assert [(d.duty, d.holder_kind, d.status) for d in alley.duties] == [
        (Duty.WATERING, HolderKind.AKIMAT, DutyStatus.PROMISED),
        (Duty.GUARDING, HolderKind.AKIMAT, DutyStatus.PROMISED),
    ]
    assert all(d.source == "S000 L863-864" for d in alley.duties)
    assert all("обязался обеспечить полив и охрану" in (d.description or "") for d in alley.duties)
    assert alley.balance is None
    assert alley.status is ProjectStatus.COMPLETED


def test_duties_as_printed(programme: Programme) -> None:
    duties = {(p.id, d.duty, d.holder_kind, d.status) for p in programme.projects for d in p.duties}
    ak, school, residents = HolderKind.AKIMAT, HolderKind.SCHOOL, HolderKind.RESIDENTS
    promised, confirmed, done = (
        DutyStatus.PROMISED,
        DutyStatus.CONFIRMED,
        DutyStatus.REPORTED_DONE,
    )
    assert duties == {
        ("I-01", Duty.WATERING, ak, promised),
        ("I-01", Duty.GUARDING, ak, promised),
        ("I-02", Duty.GUARDING, residents, done),
        ("I-02", Duty.CLEANING, residents, done),
        ("I-02", Duty.MAINTENANCE, residents, done),
        ("I-05", Duty.STAFF_POST, HolderKind.STATE_BODY, done),
        ("I-10", Duty.MAINTENANCE, HolderKind.BUSINESS, promised),
        ("II-MO-02", Duty.LIGHTING, school, confirmed),
        ("II-MO-02", Duty.GUARDING, school, confirmed),
        ("II-MO-02", Duty.MAINTENANCE, school, confirmed),
        ("II-MO-04", Duty.GUARDING, ak, confirmed),
        ("II-MO-04", Duty.CCTV, ak, confirmed),
        ("II-MO-05", Duty.GUARDING, ak, confirmed),
        ("II-MO-05", Duty.CCTV, ak, confirmed),
        ("II-MO-16", Duty.WASTE_REMOVAL, ak, promised),
        ("II-MO-16", Duty.RECYCLING, ak, promised),
        ("III-02", Duty.MAINTENANCE, ak, promised),
        ("III-05", Duty.MAINTENANCE, ak, promised),
        ("III-13", Duty.CLEANING, residents, promised),
    }
    for p in programme.projects:
        for d in p.duties:
            assert d.source and re.fullmatch(r"S000 L\d+(-\d+)?(, L\d+-\d+)?", d.source), p.id
            assert d.party and d.description, p.id
            assert not re.search("[\u0400-\u04ff]", d.description.split("«")[0]), p.id
    assert sum(len(p.duties) for p in programme.projects) == 19


def test_memoranda_as_printed(programme: Programme) -> None:
    general, extra = programme.memoranda
    assert general.akimat is None and general.signed is None
    assert set(general.localities) == {loc.id for loc in programme.localities}
    assert (general.land_plot, general.material_help, general.monitoring) == (True, True, True)
    assert general.balance_takeover
    assert general.extra_duties == ()
    assert "L207-216" in (general.source or "") and "L461-464" in (general.source or "")
    assert extra.akimat is None and extra.cofunding_share is None
    stage_iii = {loc for w in programme.stages[2].windows for loc in w.localities}
    assert set(extra.localities) == stage_iii
    assert [d.duty for d in extra.extra_duties] == [Duty.WATERING, Duty.LIGHTING, Duty.PATROL]
    assert all(d.status is DutyStatus.PROMISED for d in extra.extra_duties)
    assert all(d.source == "S000 L470-473" for d in extra.extra_duties)
    assert "до половины" in (extra.note or "")


# -- published figures --------------------------------------------------------------------

TOTALS = {
    "projects": (Decimal(87), "projects"),
    "programme_participants": (Decimal(1287), "people"),
    "event_participants": (Decimal(807), "people"),
    "community_contribution": (Decimal(29591100), "KZT"),
    "beneficiaries": (Decimal(23700), "people"),
    "events": (Decimal(41), "events"),
    "localities": (Decimal(11), "localities"),
}


@pytest.mark.parametrize(("key", "expected"), list(TOTALS.items()))
def test_totals(programme: Programme, key: str, expected: tuple[Decimal, str]) -> None:
    figure = programme.figure(key)
    assert (figure.value, figure.unit) == expected
    assert figure.source.startswith("S000 L")


def test_community_contribution_headline(programme: Programme) -> None:
    printed = programme.figure("community_contribution_as_printed")
    assert (printed.value, printed.qualifier) == (Decimal(29_500_000), Qualifier.MORE_THAN)
    assert "29,5" in (programme.figure("community_contribution").note or "")


SUMMED_TOTALS = (
    "projects",
    "programme_participants",
    "event_participants",
    "community_contribution",
    "beneficiaries",
)


@pytest.mark.parametrize("key", SUMMED_TOTALS)
def test_parts_sum_to_total(programme: Programme, key: str) -> None:
    attributed = [f for f in programme.figures if f.key == key and (f.stage or f.region)]
    unattributed = [f for f in programme.figures if f.key == f"{key}_part"]
    assert attributed or unattributed
    assert sum(f.value for f in attributed + unattributed) == programme.figure(key).value


def test_unattributed_parts_say_so(programme: Programme) -> None:
    parts = [f for f in programme.figures if f.key.endswith("_part")]
    assert len(parts) == 4 + 5 + 3 + 3
    for f in parts:
        assert (f.stage, f.region, f.confidence) == (None, None, Confidence.LOW)
        assert "not attributable" in (f.note or "")


def test_stage_attributions(programme: Programme) -> None:
    beneficiaries = programme.figure("beneficiaries", stage="I", region="mangistau")
    assert (beneficiaries.value, beneficiaries.confidence) == (Decimal(5400), Confidence.HIGH)
    assert "S004" in beneficiaries.source
    contribution = programme.figure("community_contribution", stage="I", region="mangistau")
    assert contribution.value == Decimal(3_246_200)
    assert contribution.confidence is not Confidence.HIGH
    attributed = {
        (f.key, f.stage)
        for f in programme.figures
        if f.stage
        and f.key
        in {
            "programme_participants",
            "event_participants",
            "community_contribution",
            "beneficiaries",
        }
    }
    assert attributed == {("beneficiaries", "I"), ("community_contribution", "I")}


@pytest.mark.parametrize(
    ("key", "stage", "region", "value"),
    [
        ("applications", "I", "mangistau", 17),
        ("projects", "I", "mangistau", 10),
        ("applications", "II", "mangistau", 50),
        ("projects", "II", "mangistau", 18),
        ("applications", "II", "atyrau", 15),
        ("projects", "II", "atyrau", 14),
        ("applications", "III", None, 96),
        ("projects", "III", "mangistau", 7),
        ("projects", "III", "atyrau", 38),
    ],
)
def test_applications_and_projects_per_stage(
    programme: Programme, key: str, stage: str, region: str | None, value: int
) -> None:
    assert programme.figure(key, stage=stage, region=region).value == value


def test_conflicting_printed_counts_are_noted(programme: Programme) -> None:
    assert "53" in (programme.figure("applications", stage="II", region="mangistau").note or "")
    assert "47" in (programme.figure("projects", stage="III", region="atyrau").note or "")


def test_every_figure_has_a_source(programme: Programme) -> None:
    for f in programme.figures:
        assert re.match(r"S00[04] L\d", f.source), f.key
        if f.confidence is not Confidence.HIGH:
            assert f.note, f.key


def test_sources(programme: Programme) -> None:
    assert [s.split(":")[0] for s in programme.sources[:2]] == ["S000", "S004"]
    assert "3 May 2020" in programme.sources[1]


# -- the document ------------------------------------------------------------------------


def test_round_trip(programme: Programme) -> None:
    text = dumps(programme)
    assert loads(text, Programme) == programme
    assert text == shipped_text()


def test_cached(programme: Programme) -> None:
    assert public_spaces() is programme


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_public_spaces", BUILD_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(
    not CATALOGUE.exists(),
    reason=f"the reference material is not here ({CATALOGUE}); the build cannot be rerun",
)
def test_shipped_json_is_what_the_build_script_generates() -> None:
    build = _build_module()
    assert build.render(SHARED) == shipped_text()


# -- no personal data ------------------------------------------------------------------------

WORD = re.compile(r"[^\W\d_]+")
PHONE = re.compile(r"\+?\d[\d\s()\-]{8,}\d")
EMAIL = re.compile(r"\S+@\S+\.\S+")
DATE_OR_AMOUNT = re.compile(r"\d{4}-\d{2}-\d{2}|-?\d+(?:\.\d+)?")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def name_hashes() -> set[str]:
    return set(NAME_HASHES.read_text(encoding="utf-8").split())


def strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def name_tokens(texts: Iterator[str], hashes: set[str]) -> list[str]:
    """Words whose digest, or the digest of the word less a case ending, is a name's."""
    found = []
    for text in texts:
        for word in WORD.findall(text):
            word = word.lower()
            forms = [word] + [word[:-cut] for cut in (1, 2) if len(word) - cut >= 4]
            if any(sha256(form) in hashes for form in forms):
                found.append(word)
    return found


def test_name_hashes_are_digests() -> None:
    hashes = name_hashes()
    assert len(hashes) > 100
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes)


def test_name_scan_finds_a_name() -> None:
    hashes = {sha256("тестимов")}
    assert name_tokens(iter(["Лидер Тестимов", "«Тестимова»", "с Тестимовым"]), hashes) == [
        "тестимов",
        "тестимова",
        "тестимовым",
    ]
    assert name_tokens(iter(["Тестим", "Боранкул"]), hashes) == []


def test_no_personal_names() -> None:
    data = json.loads(shipped_text())
    assert name_tokens(strings(data), name_hashes()) == []


def test_phone_pattern_ignores_dates_and_amounts_only() -> None:
    assert PHONE.search("+7 701 000 00 00")
    assert not PHONE.search("S000 L1020-1033; 466-468")
    assert DATE_OR_AMOUNT.fullmatch("2018-09-01")
    assert DATE_OR_AMOUNT.fullmatch("29591100")
    assert not DATE_OR_AMOUNT.fullmatch("call 2018-09-01 now")


def test_no_phone_numbers_or_emails() -> None:
    texts = list(strings(json.loads(shipped_text())))
    phones = [t for t in texts if not DATE_OR_AMOUNT.fullmatch(t) and PHONE.search(t)]
    emails = [t for t in texts if EMAIL.search(t)]
    assert phones == []
    assert emails == []
