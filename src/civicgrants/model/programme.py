"""Programmes, their stages, calls and published figures."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from decimal import Decimal

import attrs

from civicgrants.errors import Problem, ValidationError
from civicgrants.model._fields import (
    choice,
    count,
    date,
    decimal,
    entity,
    ident,
    many,
    money,
    optional_ident,
    text,
)
from civicgrants.model.application import Application, ObjectKind, Project
from civicgrants.model.geo import District, Locality, Region
from civicgrants.model.memorandum import Memorandum
from civicgrants.model.money import Money, Qualifier
from civicgrants.model.names import Names
from civicgrants.model.organisation import Organisation
from civicgrants.model.people import DEFAULT_MIN_GROUP_SIZE, InitiativeGroup

__all__ = [
    "Call",
    "Confidence",
    "Criterion",
    "Direction",
    "Programme",
    "PublishedFigure",
    "Stage",
    "StageWindow",
]


class Direction(enum.Enum):
    """Whether more is better or less is better. Always stated, never guessed."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


@attrs.frozen
class Criterion:
    """An evaluation criterion of a call («критерий оценки»)."""

    key: str = ident()
    names: Names = entity(Names)
    direction: Direction = choice(Direction)
    weight: Decimal = decimal(minimum=0, default=Decimal(1))
    scale_min: Decimal = decimal(default=Decimal(0))
    scale_max: Decimal = decimal(default=Decimal(10))
    scale_step: Decimal = decimal(minimum=0, default=Decimal(1))
    minimum: Decimal | None = decimal(optional=True)

    def __attrs_post_init__(self) -> None:
        if self.scale_max <= self.scale_min:
            raise ValueError(
                f"scale_max: must be > scale_min ({self.scale_min}), got {self.scale_max}"
            )
        if self.minimum is not None and not self.scale_min <= self.minimum <= self.scale_max:
            raise ValueError(
                f"minimum: must lie on the scale {self.scale_min}..{self.scale_max}, got {self.minimum}"
            )


@attrs.frozen
class Call:
    """A call for applications («конкурс»): the pot, the maximum grant, the criteria."""

    id: str = ident()
    names: Names = entity(Names)
    stage: str | None = optional_ident()
    region: str | None = optional_ident()
    pot: Money | None = money(optional=True)
    max_grant: Money | None = money(optional=True)
    criteria: tuple[Criterion, ...] = many(Criterion, unique=True)
    theme: Names | None = entity(Names, optional=True)
    opens: dt.date | None = date(optional=True)
    closes: dt.date | None = date(optional=True)

    def __attrs_post_init__(self) -> None:
        if (
            self.pot is not None
            and self.max_grant is not None
            and self.max_grant.currency != self.pot.currency
        ):
            raise ValueError(
                f"max_grant.currency: must be the pot's currency ({self.pot.currency}), "
                f"got {self.max_grant.currency}"
            )
        if self.pot is not None and self.max_grant is not None and self.max_grant > self.pot:
            raise ValueError(
                f"max_grant: must not exceed the pot ({self.pot}), got {self.max_grant}"
            )
        if self.opens and self.closes and self.closes < self.opens:
            raise ValueError(f"closes: must not be before opens ({self.opens}), got {self.closes}")


@attrs.frozen
class StageWindow:
    """When a stage ran in one region, and in which localities."""

    region: str = ident()
    start: dt.date = date()
    end: dt.date = date()
    localities: tuple[str, ...] = many(str, unique=True)
    source: str | None = text(optional=True)
    note: str | None = text(optional=True)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"end: must not be before start ({self.start}), got {self.end}")


@attrs.frozen
class Stage:
    """A stage («этап») of a programme, with its time window per region."""

    id: str = ident()
    number: int = count(minimum=1)
    names: Names = entity(Names)
    windows: tuple[StageWindow, ...] = many(StageWindow, nonempty=True)

    @property
    def start(self) -> dt.date:
        return min(w.start for w in self.windows)

    @property
    def end(self) -> dt.date:
        return max(w.end for w in self.windows)

    @property
    def localities(self) -> tuple[str, ...]:
        """Locality ids of every window, in order, without repeats."""
        return tuple(dict.fromkeys(loc for w in self.windows for loc in w.localities))


class Confidence(enum.Enum):
    """How far a published figure's attribution can be trusted."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@attrs.frozen
class PublishedFigure:
    """A figure as the programme published it, with where it was printed.

    ``stage`` and ``region`` are set only where the source attributes the
    figure; a part that cannot be attributed keeps them empty and says so in
    ``note``.
    """

    key: str = ident()
    value: Decimal = decimal()
    unit: str = text()
    source: str = text()
    stage: str | None = optional_ident()
    region: str | None = optional_ident()
    qualifier: Qualifier = choice(Qualifier, default=Qualifier.EXACT)
    confidence: Confidence = choice(Confidence, default=Confidence.HIGH)
    note: str | None = text(optional=True)


@attrs.frozen
class Programme:
    """A grant programme: who runs and funds it, where, when, and what it produced.

    Ids inside must refer to things the programme holds; every dangling
    reference is reported at once, with its path.
    """

    id: str = ident()
    names: Names = entity(Names)
    implementer: Organisation = entity(Organisation)
    donor: Organisation = entity(Organisation)
    start: dt.date = date()
    end: dt.date = date()
    theme: Names | None = entity(Names, optional=True)
    min_group_size: int = count(minimum=1, default=DEFAULT_MIN_GROUP_SIZE)
    regions: tuple[Region, ...] = many(Region, unique=True)
    districts: tuple[District, ...] = many(District, unique=True)
    localities: tuple[Locality, ...] = many(Locality, unique=True)
    organisations: tuple[Organisation, ...] = many(Organisation, unique=True)
    stages: tuple[Stage, ...] = many(Stage, unique=True)
    memoranda: tuple[Memorandum, ...] = many(Memorandum, unique=True)
    calls: tuple[Call, ...] = many(Call, unique=True)
    groups: tuple[InitiativeGroup, ...] = many(InitiativeGroup, unique=True)
    applications: tuple[Application, ...] = many(Application, unique=True)
    projects: tuple[Project, ...] = many(Project, unique=True)
    figures: tuple[PublishedFigure, ...] = many(PublishedFigure)
    sources: tuple[str, ...] = many(str)
    note: str | None = text(optional=True)

    def __attrs_post_init__(self) -> None:
        problems = list(self._dangling())
        if self.end < self.start:
            problems.append(
                Problem("end", f"must not be before start ({self.start}), got {self.end}")
            )
        if problems:
            raise ValidationError(problems)

    def _dangling(self) -> Iterator[Problem]:
        regions = {r.id for r in self.regions}
        districts = {d.id: d for d in self.districts}
        localities = {loc.id: loc for loc in self.localities}
        stages = {s.id for s in self.stages}
        calls = {c.id for c in self.calls}
        orgs = {o.id for o in self.organisations} | {self.implementer.id, self.donor.id}

        def ref(path: str, value: str | None, known: object, what: str) -> Iterator[Problem]:
            if value is not None and value not in known:  # type: ignore[operator]
                yield Problem(path, f"unknown {what} {value!r}")

        for i, d in enumerate(self.districts):
            yield from ref(f"districts[{i}].region", d.region, regions, "region")
        for i, loc in enumerate(self.localities):
            yield from ref(f"localities[{i}].region", loc.region, regions, "region")
            yield from ref(f"localities[{i}].district", loc.district, districts, "district")
            if loc.district in districts and districts[loc.district].region != loc.region:
                yield Problem(
                    f"localities[{i}].district",
                    f"district {loc.district!r} lies in region {districts[loc.district].region!r}, not {loc.region!r}",
                )
        for i, s in enumerate(self.stages):
            for j, w in enumerate(s.windows):
                yield from ref(f"stages[{i}].windows[{j}].region", w.region, regions, "region")
                for k, loc_id in enumerate(w.localities):
                    yield from ref(
                        f"stages[{i}].windows[{j}].localities[{k}]", loc_id, localities, "locality"
                    )
        for i, m in enumerate(self.memoranda):
            yield from ref(f"memoranda[{i}].akimat", m.akimat, orgs, "organisation")
            for k, loc_id in enumerate(m.localities):
                yield from ref(f"memoranda[{i}].localities[{k}]", loc_id, localities, "locality")
        for i, c in enumerate(self.calls):
            yield from ref(f"calls[{i}].stage", c.stage, stages, "stage")
            yield from ref(f"calls[{i}].region", c.region, regions, "region")
        for i, g in enumerate(self.groups):
            yield from ref(f"groups[{i}].locality", g.locality, localities, "locality")
        for i, a in enumerate(self.applications):
            yield from ref(f"applications[{i}].call", a.call, calls, "call")
            yield from ref(f"applications[{i}].locality", a.locality, localities, "locality")
        project_ids = {p.id for p in self.projects}
        for i, p in enumerate(self.projects):
            yield from ref(f"projects[{i}].stage", p.stage, stages, "stage")
            yield from ref(f"projects[{i}].locality", p.locality, localities, "locality")
            for j, link in enumerate(p.links):
                yield from ref(
                    f"projects[{i}].links[{j}].project", link.project, project_ids, "project"
                )
        for i, f in enumerate(self.figures):
            yield from ref(f"figures[{i}].stage", f.stage, stages, "stage")
            yield from ref(f"figures[{i}].region", f.region, regions, "region")

    # -- one-line queries ---------------------------------------------------
    def region_of(self, locality: str | Locality) -> Region:
        """The region a locality lies in."""
        loc = self.locality(locality) if isinstance(locality, str) else locality
        return next(r for r in self.regions if r.id == loc.region)

    def locality(self, locality_id: str) -> Locality:
        """The locality with this id (``KeyError`` naming the known ids if absent)."""
        for loc in self.localities:
            if loc.id == locality_id:
                return loc
        raise KeyError(
            f"unknown locality {locality_id!r}; known: {', '.join(loc.id for loc in self.localities)}"
        )

    def localities_in(self, region: str) -> tuple[Locality, ...]:
        """Localities of one region, e.g. ``programme.localities_in("atyrau")``."""
        return tuple(loc for loc in self.localities if loc.region == region)

    def projects_where(
        self,
        *,
        stage: str | None = None,
        region: str | None = None,
        locality: str | None = None,
        kind: ObjectKind | None = None,
    ) -> tuple[Project, ...]:
        """Projects matching every given filter."""
        region_of = {loc.id: loc.region for loc in self.localities}
        return tuple(
            p
            for p in self.projects
            if (stage is None or p.stage == stage)
            and (locality is None or p.locality == locality)
            and (region is None or region_of.get(p.locality) == region)
            and (kind is None or p.kind is kind)
        )

    def figure(
        self, key: str, *, stage: str | None = None, region: str | None = None
    ) -> PublishedFigure:
        """The one published figure with this key, stage and region."""
        found = [
            f for f in self.figures if f.key == key and f.stage == stage and f.region == region
        ]
        if len(found) != 1:
            raise KeyError(
                f"{len(found)} figures for key={key!r}, stage={stage!r}, region={region!r}"
            )
        return found[0]
