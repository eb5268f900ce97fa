"""The embedded programme's published figures as indicator records."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from civicgrants.datasets import public_spaces
from civicgrants.indicators.model import Measure, Record
from civicgrants.indicators.programme import PROGRAMME_INDICATORS, programme_records
from civicgrants.indicators.rollup import rollup
from civicgrants.model import Money

KEYS = (
    "projects",
    "programme_participants",
    "event_participants",
    "community_contribution",
    "beneficiaries",
)


@pytest.fixture(scope="module")
def records() -> tuple[Record, ...]:
    return programme_records(public_spaces())


def test_definitions_cover_the_five_totals_in_three_languages() -> None:
    assert tuple(d.key for d in PROGRAMME_INDICATORS) == KEYS
    for d in PROGRAMME_INDICATORS:
        assert d.names.ru and d.names.kk and d.names.en
    money = {d.key: d for d in PROGRAMME_INDICATORS}["community_contribution"]
    assert money.measure is Measure.MONEY
    assert money.currency == "KZT"


@pytest.mark.parametrize("by", [(), ("programme",)])
def test_rollup_gives_the_brochure_totals_exactly(
    records: tuple[Record, ...], by: tuple[str, ...]
) -> None:
    rows = {r.indicator: r for r in rollup(records, PROGRAMME_INDICATORS, by=by).rows}
    assert rows["projects"].value == Decimal(87)
    assert rows["programme_participants"].value == Decimal(1287)
    assert rows["event_participants"].value == Decimal(807)
    assert rows["community_contribution"].value == Money(Decimal("29591100"), "KZT")
    assert rows["beneficiaries"].value == Decimal(23700)
    if by:
        assert {r.group for r in rows.values()} == {("public-spaces",)}


def test_totals_match_the_programme_figures(records: tuple[Record, ...]) -> None:
    p = public_spaces()
    rows = {r.indicator: r for r in rollup(records, PROGRAMME_INDICATORS, by=()).rows}
    for key in KEYS:
        value = rows[key].value
        amount = value.amount if isinstance(value, Money) else value
        assert amount == p.figure(key).value


def test_stage_parts(records: tuple[Record, ...]) -> None:
    r = rollup(records, PROGRAMME_INDICATORS, by=("stage",))
    got = {(row.group[0], row.indicator): row.value for row in r.rows}
    assert got == {
        ("I", "projects"): Decimal(10),
        ("II", "projects"): Decimal(32),
        ("III", "projects"): Decimal(45),
        ("I", "beneficiaries"): Decimal(5400),
        ("I", "community_contribution"): Money(Decimal("3246200"), "KZT"),
        (None, "beneficiaries"): Decimal(18300),
        (None, "community_contribution"): Money(Decimal("26344900"), "KZT"),
        (None, "programme_participants"): Decimal(1287),
        (None, "event_participants"): Decimal(807),
    }


def test_projects_by_stage_and_region(records: tuple[Record, ...]) -> None:
    r = rollup(records, PROGRAMME_INDICATORS, by=("stage", "region"))
    got = {row.group: row.value for row in r.rows if row.indicator == "projects"}
    assert got == {
        ("I", "mangistau"): 10,
        ("II", "mangistau"): 18,
        ("II", "atyrau"): 14,
        ("III", "mangistau"): 7,
        ("III", "atyrau"): 38,
    }


def test_unattributed_parts_keep_their_notes(records: tuple[Record, ...]) -> None:
    p = public_spaces()
    loose = [r for r in records if r.stage is None and r.region is None]
    figures = [f for f in p.figures if f.key.endswith("_part")]
    assert len(loose) == len(figures) == 15
    for record, figure in zip(loose, figures, strict=True):
        assert record.programme == p.id
        assert record.indicator == figure.key.removesuffix("_part")
        assert record.actual == figure.value
        assert record.text == figure.note
        assert record.text is not None
        assert "not attributable" in record.text


def test_no_split_is_invented(records: tuple[Record, ...]) -> None:
    """Every record below programme level is a figure the programme attributes."""
    p = public_spaces()
    attributed = {
        (f.key, f.stage, f.region, f.value)
        for f in p.figures
        if f.key in KEYS and (f.stage is not None or f.region is not None)
    }
    placed = [r for r in records if r.stage is not None or r.region is not None]
    assert {(r.indicator, r.stage, r.region, r.actual) for r in placed} == attributed
    assert len(placed) == len(attributed) == 7
    assert not [r for r in records if r.indicator == "programme_participants" and r.stage]
    assert not [r for r in records if r.indicator == "event_participants" and r.stage]


def test_records_are_read_from_the_programme_not_hard_coded() -> None:
    p = public_spaces()
    figures = tuple(
        attrs.evolve(f, value=f.value * 2) if f.key in ("projects",) else f for f in p.figures
    )
    doubled = programme_records(attrs.evolve(p, figures=figures))
    row = rollup(doubled, PROGRAMME_INDICATORS, by=()).row((), "projects")
    assert row.value == 174


def test_a_total_without_parts_is_one_programme_level_record() -> None:
    p = public_spaces()
    figures = tuple(f for f in p.figures if f.key != "event_participants_part")
    recs = programme_records(attrs.evolve(p, figures=figures))
    events = [r for r in recs if r.indicator == "event_participants"]
    assert len(events) == 1
    assert events[0].actual == 807 and events[0].stage is None


def test_parts_that_do_not_add_up_are_refused() -> None:
    p = public_spaces()
    figures = tuple(f for f in p.figures if not (f.key == "projects" and f.stage == "I"))
    with pytest.raises(ValueError, match="projects: the published parts add up to 77"):
        programme_records(attrs.evolve(p, figures=figures))


def test_programme_status_judges_every_total_against_its_published_figure() -> None:
    from civicgrants.errors import ValidationError
    from civicgrants.indicators import Status, programme_status
    from civicgrants.model.programme import Confidence

    status = programme_status(public_spaces())
    assert status.by == ("stage", "region")
    assert [t.indicator for t in status.totals] == sorted(d.key for d in PROGRAMME_INDICATORS)
    assert all(t.status is Status.ON_TRACK and t.value == t.published for t in status.totals)
    money = next(t for t in status.totals if t.indicator == "community_contribution")
    assert money.published == Money("29591100.00")
    unattributed = [p for p in status.parts if p.group == (None, None)]
    assert all(p.published is None and p.status is None for p in unattributed)
    stage_i = next(
        p for p in status.parts
        if p.group == ("I", "mangistau") and p.indicator == "community_contribution"
    )  # fmt: skip
    assert (stage_i.status, stage_i.confidence) == (Status.ON_TRACK, Confidence.LOW)
    assert programme_status(public_spaces(), by=()).parts == ()
    with pytest.raises(ValidationError, match="locality"):
        programme_status(public_spaces(), by=("locality",))


def test_published_status_reads_the_printed_qualifier() -> None:
    from civicgrants.indicators import Status, published_status
    from civicgrants.model.money import Qualifier

    figure = public_spaces().figure("projects")
    projects = PROGRAMME_INDICATORS[0]
    assert published_status(projects, figure, Decimal(100)) is Status.ON_TRACK
    assert published_status(projects, figure, Decimal(101)) is Status.OVER
    floor = attrs.evolve(figure, qualifier=Qualifier.MORE_THAN)
    assert published_status(projects, floor, Decimal(200)) is Status.OVER
    assert published_status(projects, figure, None) is Status.NOT_REPORTED
