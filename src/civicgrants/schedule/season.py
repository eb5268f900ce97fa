"""A season: many localities, each with its own start date, sharing trainers and visits.

`plan_season()` lays the methodology on each locality's dates (one
`Plan` per distinct start date, shared by
every locality that starts that day), then shares out the scarce resources:

* **Trainers.** Every day block (a training, such as 3.1 and 3.2 of step 3)
  needs one trainer for all its days, and a trainer runs one training block at
  a time. Blocks that find no free trainer move to later working days; each
  move is recorded with its reason.
* **The project group's visits.** EFCA's project group makes «не менее 4
  визитов в регион за год» (seed-000 §2.4): at least 4 visits per region and
  calendar year. Visits are planned at each locality's milestones and topped up
  where a region-year has too few; a region-year that cannot reach the minimum
  becomes a finding.

Only the trainings are re-placed. The rest of each locality's plan (its steps,
weeks and critical path) stays as `plan()` made
it, even when a training moves past its step's weeks.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable

import attrs

from civicgrants.errors import Problem, ScheduleError
from civicgrants.model.display import shows
from civicgrants.model.fields import ID_PATTERN, date, ident, to_tuple
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.limits import date_problem
from civicgrants.schedule.calendar import WorkCalendar, programme_week
from civicgrants.schedule.methodology import Methodology, Spill
from civicgrants.schedule.plan import Move, MoveReason, Plan, plan

__all__ = [
    "Assignment",
    "LocalityPlan",
    "Season",
    "SeasonLocality",
    "Trainer",
    "TrainingBlock",
    "Visit",
    "plan_season",
]

_DAY = dt.timedelta(days=1)
_LISTED = 5  # busy trainers named in a move's reason before "and N more"


# --------------------------------------------------------------------------- inputs


@shows
@attrs.frozen
class SeasonLocality:
    """A locality taking part in the season: its id, its start date and its region.

    Parameters
    ----------
    locality : str
        The locality's id, unique within a season.
    start : datetime.date
        The first day of its programme week 1 (a date, not a datetime).
    region : str
        The region's id: trainers cover regions, and visits are counted per region.

    Raises
    ------
    ValueError
        If ``start`` is not a date (a datetime included) or lies outside the
        years of the limits (``first_year`` … ``last_year``), or an id is malformed.

    Examples
    --------
    >>> SeasonLocality("kulsary", dt.date(2021, 2, 1), "atyrau").region
    'atyrau'
    >>> SeasonLocality("kulsary", "2021-02-01", "atyrau")
    Traceback (most recent call last):
    ...
    ValueError: start: must be a date, got '2021-02-01'

    See Also
    --------
    plan_season : plans a season of localities.
    civicgrants.io.schedule.read_localities : reads them from CSV.
    """

    locality: str = ident()
    start: dt.date = date()
    region: str = ident()

    def __attrs_post_init__(self) -> None:
        if isinstance(self.start, dt.datetime):
            raise ValueError(f"start: must be a date, not a datetime, got {self.start!r}")
        outside = date_problem(self.start)
        if outside is not None:
            raise ValueError(f"start: {outside}")


def _regions(value: Iterable[str]) -> tuple[str, ...]:
    return to_tuple(value)


def _check_regions(
    _inst: object, _attr: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    seen: set[str] = set()
    for i, region in enumerate(value):
        if not isinstance(region, str) or re.fullmatch(ID_PATTERN, region) is None:
            raise ValueError(
                f"regions[{i}]: must be an id of letters, digits, '.', '_', ':' or '-', "
                f"got {region!r}"
            )
        if region in seen:
            raise ValueError(f"regions[{i}]: duplicates region {region!r}")
        seen.add(region)


@shows
@attrs.frozen
class Trainer:
    """A trainer-facilitator («тренер-фасилитатор»); runs one training block at a time.

    ``regions`` lists the regions the trainer works in; empty means anywhere.

    Parameters
    ----------
    id : str
        The trainer's id, unique within a season.
    regions : iterable of str
        Region ids, each once; empty (the default) for every region.

    Raises
    ------
    ValueError
        If a region is not an id or appears twice.

    Examples
    --------
    >>> Trainer("t1").covers("atyrau"), Trainer("t2", ("mangistau",)).covers("atyrau")
    (True, False)
    >>> Trainer("t3", ["atyrau", "atyrau"])
    Traceback (most recent call last):
    ...
    ValueError: regions[1]: duplicates region 'atyrau'

    See Also
    --------
    plan_season : shares the trainers out among the localities.
    Assignment : a trainer booked for a training.
    """

    id: str = ident()
    regions: tuple[str, ...] = attrs.field(default=(), converter=_regions, validator=_check_regions)

    def covers(self, region: str) -> bool:
        """True if the trainer may work in ``region``.

        Parameters
        ----------
        region : str
            A region id.

        Returns
        -------
        bool
            True when ``regions`` is empty or holds ``region``.

        Examples
        --------
        >>> Trainer("t2", ("mangistau", "atyrau")).covers("atyrau")
        True

        See Also
        --------
        plan_season : picks among the trainers that cover a locality's region.
        """
        return not self.regions or region in self.regions


# --------------------------------------------------------------------------- results


@shows
@attrs.frozen
class TrainingBlock:
    """A locality's day block (a training) on its final dates, with its trainer.

    Attributes
    ----------
    step : str
        The key of the step that holds the block.
    key : str
        The block's sub-step key (``"3.1"``).
    days : tuple of datetime.date
        The working days the training runs on (after any move).
    trainer : str
        The id of the trainer who runs it.
    planned : tuple of datetime.date
        The working days the locality's own plan gave it, before trainers were shared.

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> season = plan_season(
    ...     public_spaces_methodology(),
    ...     [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("kulsary", "maikomgen")],
    ...     trainers=[Trainer("t1")],
    ... )
    >>> b = season.locality("maikomgen").block("3.1")
    >>> print(b.step, b.key, b.trainer, b.start, b.end, b.moved)
    3 3.1 t1 2021-03-01 2021-03-02 True
    >>> print(b.planned[0], b.planned[-1])
    2021-02-22 2021-02-23

    See Also
    --------
    LocalityPlan : holds a locality's blocks.
    civicgrants.schedule.Block : the block as the locality's plan placed it.
    """

    step: str
    key: str
    days: tuple[dt.date, ...]
    """The working days the training runs on (after any move)."""
    trainer: str
    planned: tuple[dt.date, ...]
    """The working days the locality's own plan gave it, before trainers were shared."""

    @property
    def start(self) -> dt.date:
        """The first training day."""
        return self.days[0]

    @property
    def end(self) -> dt.date:
        """The last training day."""
        return self.days[-1]

    @property
    def moved(self) -> bool:
        """True if sharing the trainers moved the block off its planned days."""
        return self.days != self.planned


@shows
@attrs.frozen
class LocalityPlan:
    """One locality's plan, and its trainings as the season placed them.

    ``plan`` is the locality's own plan (shared by every locality with the same
    start date); ``blocks`` holds its day blocks on their final dates, in date
    order. Where a block moved, ``blocks`` wins over ``plan``.

    Attributes
    ----------
    locality : str
        The locality's id.
    region : str
        Its region's id.
    plan : Plan
        Its own plan, from its start date.
    blocks : tuple of TrainingBlock
        Its trainings on their final dates, in date order.

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> season = plan_season(
    ...     public_spaces_methodology(),
    ...     [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("kulsary", "maikomgen")],
    ...     trainers=[Trainer("t1")],
    ... )
    >>> lp = season.locality("maikomgen")
    >>> print(lp.region, lp.plan.start, lp.end, [b.key for b in lp.blocks])
    atyrau 2021-02-01 2021-10-24 ['3.1', '3.2']
    >>> lp.plan is season.locality("kulsary").plan  # same start, one plan
    True

    See Also
    --------
    Season.locality : a locality's plan by id.
    TrainingBlock : one training.
    """

    locality: str
    region: str
    plan: Plan
    blocks: tuple[TrainingBlock, ...]

    def block(self, key: str) -> TrainingBlock:
        """The training block with this key.

        Parameters
        ----------
        key : str
            A day block's sub-step key (``"3.1"``).

        Returns
        -------
        TrainingBlock

        Raises
        ------
        KeyError
            If the locality has no such block; the message lists its blocks.

        Examples
        --------
        >>> from civicgrants.schedule import public_spaces_methodology
        >>> season = plan_season(
        ...     public_spaces_methodology(),
        ...     [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("kulsary", "maikomgen")],
        ...     trainers=[Trainer("t1")],
        ... )
        >>> lp = season.locality("kulsary")
        >>> [d.isoformat() for d in lp.block("3.2").days]
        ['2021-02-24', '2021-02-25', '2021-02-26']
        >>> lp.block("6.1")
        Traceback (most recent call last):
        ...
        KeyError: "no training block '6.1'; blocks: 3.1, 3.2"

        See Also
        --------
        Season.locality : the locality's plan.
        """
        for b in self.blocks:
            if b.key == key:
                return b
        raise KeyError(
            f"no training block {key!r}; blocks: {', '.join(b.key for b in self.blocks)}"
        )

    @property
    def end(self) -> dt.date:
        """The last day of activity: the plan's end, or a later last training day."""
        return max([self.plan.end, *(b.end for b in self.blocks)])


@shows
@attrs.frozen
class Assignment:
    """A trainer booked for one training block of one locality.

    Attributes
    ----------
    trainer : str
        The trainer's id.
    locality : str
        The locality's id.
    block : str
        The block's sub-step key (``"3.1"``).
    days : tuple of datetime.date
        The working days booked.

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> season = plan_season(
    ...     public_spaces_methodology(),
    ...     [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("kulsary", "maikomgen")],
    ...     trainers=[Trainer("t1")],
    ... )
    >>> for a in season.assignments:
    ...     print(a.trainer, a.locality, a.block, a.days[0], a.days[-1])
    t1 kulsary 3.1 2021-02-22 2021-02-23
    t1 kulsary 3.2 2021-02-24 2021-02-26
    t1 maikomgen 3.1 2021-03-01 2021-03-02
    t1 maikomgen 3.2 2021-03-03 2021-03-05

    See Also
    --------
    Season.trainer_days : a trainer's days, all bookings together.
    TrainingBlock : the same booking, seen from the locality.
    """

    trainer: str
    locality: str
    block: str
    days: tuple[dt.date, ...]


@shows
@attrs.frozen
class Visit:
    """One visit of the project group to a region, in the calendar week from ``week_start``.

    ``week_start`` is a Monday; ``localities`` are the localities the visit
    serves, and ``why`` says whose milestones brought it or that it tops up the
    yearly minimum.

    Attributes
    ----------
    region : str
        The region visited.
    week_start : datetime.date
        The Monday of the visit's calendar week.
    localities : tuple of str
        The localities served, sorted.
    why : str
        ``"milestones: …"`` (which milestones, of which localities) or
        ``"top-up: …"``.

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> season = plan_season(
    ...     public_spaces_methodology(),
    ...     [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("kulsary", "maikomgen")],
    ...     trainers=[Trainer("t1")],
    ... )
    >>> v = season.visits[0]
    >>> print(v.region, v.week_start, v.localities)
    atyrau 2021-02-01 ('kulsary', 'maikomgen')
    >>> print(v.why)
    milestones: step 1 (kulsary, maikomgen)

    See Also
    --------
    plan_season : how visits are chosen.
    Season : its ``visits``, and ``findings`` for a region-year short of visits.
    """

    region: str
    week_start: dt.date
    localities: tuple[str, ...]
    why: str


@shows
@attrs.frozen
class Season:
    """A season's plans, trainer assignments, visits, moves and findings.

    Build it with `plan_season()`. ``moved`` lists only the moves the
    season made (trainings that waited for a trainer or for the training
    before them); moves a locality's own calendar made (holidays, spills)
    stay in each ``plans[i].plan.moved``.

    Attributes
    ----------
    plans : tuple of LocalityPlan
        One per locality, in the order given.
    assignments : tuple of Assignment
        Trainer bookings, by first day, then locality and block.
    visits : tuple of Visit
        The project group's visits, by week and region.
    moved : tuple of Move
        The trainings the season moved, with why.
    findings : tuple of Finding
        ``too-few-visits`` warnings.
    trainers : tuple of Trainer
        The trainers, as given.
    visits_per_region_year : int
        The yearly minimum of visits per region used (4 by default).

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> season = plan_season(
    ...     public_spaces_methodology(),
    ...     [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("kulsary", "maikomgen")],
    ...     trainers=[Trainer("t1")],
    ... )
    >>> len(season.plans), len(season.assignments), len(season.moved), season.findings
    (2, 4, 2, ())
    >>> print(season.moved[1].what, season.moved[1].to)
    maikomgen 3.2 (Course 'Project design and management') 2021-03-03 – 2021-03-05

    A season that starts late in the year cannot visit a region four times in it:

    >>> late = plan_season(
    ...     public_spaces_methodology(),
    ...     [SeasonLocality("kulsary", dt.date(2020, 12, 21), "atyrau")],
    ...     trainers=[Trainer("t1")],
    ... )
    >>> print(late.findings[0])  # doctest: +NORMALIZE_WHITESPACE
    warning too-few-visits at region atyrau 2020: region atyrau is active for only 2 weeks in
        2020: 2 project-group visits possible instead of at least 4 (at most one visit a week)
        (visits=2, minimum=4, active_weeks=2)

    See Also
    --------
    plan_season : build a season.
    civicgrants.io.schedule.season_text : the season as text.
    civicgrants.io.schedule.season_data : the season as a JSON object.
    """

    plans: tuple[LocalityPlan, ...]
    assignments: tuple[Assignment, ...]
    visits: tuple[Visit, ...]
    moved: tuple[Move, ...]
    findings: tuple[Finding, ...]
    trainers: tuple[Trainer, ...]
    visits_per_region_year: int = 4

    def trainer_days(self, trainer_id: str) -> tuple[dt.date, ...]:
        """The days ``trainer_id`` runs trainings, in date order (``KeyError`` if unknown).

        Parameters
        ----------
        trainer_id : str
            A trainer's id.

        Returns
        -------
        tuple of datetime.date
            Every booked day, sorted; empty for a trainer with no booking.

        Raises
        ------
        KeyError
            If the season has no such trainer; the message lists the trainers.

        Examples
        --------
        >>> from civicgrants.schedule import public_spaces_methodology
        >>> season = plan_season(
        ...     public_spaces_methodology(),
        ...     [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("kulsary", "maikomgen")],
        ...     trainers=[Trainer("t1")],
        ... )
        >>> days = season.trainer_days("t1")
        >>> print(len(days), days[0], days[-1])
        10 2021-02-22 2021-03-05
        >>> season.trainer_days("t9")
        Traceback (most recent call last):
        ...
        KeyError: "unknown trainer 't9'; trainers: t1"

        See Also
        --------
        Assignment : one booking.
        """
        if all(t.id != trainer_id for t in self.trainers):
            known = ", ".join(t.id for t in self.trainers)
            raise KeyError(f"unknown trainer {trainer_id!r}; trainers: {known}")
        return tuple(sorted(d for a in self.assignments if a.trainer == trainer_id for d in a.days))

    def locality(self, locality_id: str) -> LocalityPlan:
        """The plan of the locality with this id.

        Parameters
        ----------
        locality_id : str
            A locality's id.

        Returns
        -------
        LocalityPlan

        Raises
        ------
        KeyError
            If the season has no such locality.

        Examples
        --------
        >>> from civicgrants.schedule import public_spaces_methodology
        >>> season = plan_season(
        ...     public_spaces_methodology(),
        ...     [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("kulsary", "maikomgen")],
        ...     trainers=[Trainer("t1")],
        ... )
        >>> print(season.locality("kulsary").block("3.1").start)
        2021-02-22
        >>> season.locality("beyneu")
        Traceback (most recent call last):
        ...
        KeyError: "unknown locality 'beyneu'"

        See Also
        --------
        LocalityPlan.block : one of its trainings.
        """
        for p in self.plans:
            if p.locality == locality_id:
                return p
        raise KeyError(f"unknown locality {locality_id!r}")


# --------------------------------------------------------------------------- internals


class _Days:
    """The calendar's working days from a first day on, numbered 0, 1, 2, ... on demand."""

    __slots__ = ("_cal", "_next", "dates", "index")

    def __init__(self, cal: WorkCalendar, first: dt.date) -> None:
        self._cal = cal
        self._next = first
        self.dates: list[dt.date] = []
        self.index: dict[dt.date, int] = {}

    def _grow(self) -> None:
        day = self._next
        if self._cal.is_working_day(day):
            self.index[day] = len(self.dates)
            self.dates.append(day)
        self._next = day + _DAY

    def number(self, day: dt.date) -> int:
        """The number of working day ``day``."""
        while self._next <= day:
            self._grow()
        return self.index[day]

    def span(self, first: int, n: int) -> tuple[dt.date, ...]:
        """The ``n`` working days from number ``first``."""
        while len(self.dates) < first + n:
            self._grow()
        return tuple(self.dates[first : first + n])


class _Diary:
    """A trainer's bookings: disjoint runs of working-day numbers, merged when adjacent."""

    __slots__ = ("ends", "load", "starts", "where")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.where: dict[int, str] = {}
        self.load = 0

    def earliest(self, first: int, n: int) -> int:
        """The first day number >= ``first`` that starts ``n`` free days in a row."""
        starts, ends = self.starts, self.ends
        j = bisect_right(starts, first) - 1
        s = first
        if j >= 0 and ends[j] >= s:
            s = ends[j] + 1
        j += 1
        while j < len(starts) and starts[j] <= s + n - 1:
            s = ends[j] + 1
            j += 1
        return s

    def who(self, first: int, n: int) -> str:
        """The locality the trainer is in on the first booked day of ``first``..``first+n-1``."""
        for d in range(first, first + n):
            if d in self.where:
                return self.where[d]
        return "?"  # pragma: no cover - only asked when a booking overlaps

    def book(self, first: int, n: int, locality: str) -> None:
        last = first + n - 1
        starts, ends = self.starts, self.ends
        j = bisect_left(starts, first)
        join_left = j > 0 and ends[j - 1] == first - 1
        join_right = j < len(starts) and starts[j] == last + 1
        if join_left and join_right:
            ends[j - 1] = ends[j]
            del starts[j], ends[j]
        elif join_left:
            ends[j - 1] = last
        elif join_right:
            starts[j] = first
        else:
            starts.insert(j, first)
            ends.insert(j, last)
        for d in range(first, last + 1):
            self.where[d] = locality
        self.load += n


@attrs.frozen
class _Template:
    """A day block as a plan placed it (the same for every locality with that start)."""

    step: str
    key: str
    label: str
    planned: tuple[dt.date, ...]
    step_end: dt.date
    step_weeks: str
    spill: Spill
    weeks: tuple[int, int]  # the step's first and last programme week
    step_start: dt.date


def _dates(days: tuple[dt.date, ...]) -> str:
    if len(days) == 1:
        return days[0].isoformat()
    return f"{days[0].isoformat()} – {days[-1].isoformat()}"


def _templates(methodology: Methodology, p: Plan) -> tuple[_Template, ...]:
    out: list[tuple[dt.date, int, _Template]] = []
    order = 0
    for sp in p.steps:
        step = methodology.step(sp.key)
        subs = {sub.key: sub for sub in step.substeps}
        span = f"week {sp.first_week}" if sp.weeks == 1 else f"weeks {sp.first_week}–{sp.last_week}"
        for b in sp.blocks:
            if not b.days:
                continue
            sub = subs[b.key]
            t = _Template(
                sp.key,
                b.key,
                f"{b.key} ({sub.names.get('en')})",
                b.days,
                sp.end,
                f"step {sp.key}'s {span} ({sp.start.isoformat()} – {sp.end.isoformat()})",
                step.spill,
                (sp.first_week, sp.last_week),
                sp.start,
            )
            out.append((b.days[0], order, t))
            order += 1
    out.sort(key=lambda x: (x[0], x[1]))
    return tuple(t for _d, _o, t in out)


def _busy(busy: list[tuple[str, str]], region: str, total: int) -> tuple[str, MoveReason]:
    if len(busy) == 1:
        trainer, where = busy[0]
        reason = MoveReason("trainer-busy", (("trainer", trainer), ("where", where)))
        return f"trainer {trainer} busy in {where}", reason
    parts = [f"{t} in {w}" for t, w in busy[:_LISTED]]
    more = max(len(busy) - _LISTED, 0)
    if more:
        parts.append(f"and {more} more")
    scope = "" if len(busy) == total else f" covering {region}"
    reason = MoveReason(
        "trainers-busy",
        (("n", str(len(busy))), ("region", region if scope else ""), ("more", str(more))),
        tuple(busy[:_LISTED]),
    )
    return f"all {len(busy)} trainers{scope} busy: " + ", ".join(parts), reason


def _why(
    t: _Template,
    first: int,
    earliest: int,
    at: int,
    before: list[TrainingBlock],
    diaries: dict[str, _Diary],
    candidates: list[Trainer],
    loc: SeasonLocality,
    total: int,
    trainer: str,
    start: dt.date,
) -> tuple[str, list[MoveReason]]:
    """Why a block left its planned days: the block before it moved, or no trainer was free."""
    texts: list[str] = []
    reasons: list[MoveReason] = []
    if earliest > first:
        end = before[-1].end.isoformat()
        texts.append(f"it follows {before[-1].key}, which now ends on {end}")
        reasons.append(MoveReason("follows", (("block", before[-1].key), ("end", end))))
    if at > earliest:
        n = len(t.planned)
        busy = [(tr.id, diaries[tr.id].who(earliest, n)) for tr in candidates]
        text, reason = _busy(busy, loc.region, total)
        texts.append(f"{text}; {trainer} is free from {start.isoformat()}")
        reasons += [
            reason,
            MoveReason("trainer-free", (("trainer", trainer), ("date", start.isoformat()))),
        ]
    return "; ".join(texts), reasons


def _check(
    localities: tuple[SeasonLocality, ...], trainers: tuple[Trainer, ...], visits: int
) -> None:
    problems: list[Problem] = []
    for i, loc in enumerate(localities):
        if not isinstance(loc, SeasonLocality):
            raise TypeError(f"localities[{i}]: must be a SeasonLocality, got {loc!r}")
    for i, tr in enumerate(trainers):
        if not isinstance(tr, Trainer):
            raise TypeError(f"trainers[{i}]: must be a Trainer, got {tr!r}")
    if isinstance(visits, bool) or not isinstance(visits, int) or visits < 0:
        raise ValueError(f"visits_per_region_year: must be a whole number >= 0, got {visits!r}")
    if not trainers:
        problems.append(
            Problem("trainers", "no trainers: every training block needs a trainer-facilitator")
        )
    seen: dict[str, int] = {}
    for i, tr in enumerate(trainers):
        if tr.id in seen:
            problems.append(
                Problem(
                    f"trainers[{i}]", f"duplicate trainer {tr.id!r} (also trainers[{seen[tr.id]}])"
                )
            )
        seen.setdefault(tr.id, i)
    seen = {}
    for i, loc in enumerate(localities):
        if loc.locality in seen:
            problems.append(
                Problem(
                    f"localities[{i}]",
                    f"duplicate locality {loc.locality!r} (also localities[{seen[loc.locality]}])",
                )
            )
        seen.setdefault(loc.locality, i)
    if trainers:
        uncovered: dict[str, list[str]] = {}
        for loc in localities:
            if not any(t.covers(loc.region) for t in trainers):
                uncovered.setdefault(loc.region, []).append(loc.locality)
        covered = sorted({r for t in trainers for r in t.regions})
        for region, locs in uncovered.items():
            problems.append(
                Problem(
                    f"region {region}",
                    f"no trainer covers region {region!r} (localities: {', '.join(locs)}); "
                    f"the trainers cover only {', '.join(covered)}",
                )
            )
    if problems:
        raise ScheduleError(problems)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _milestones(p: Plan) -> list[tuple[dt.date, str]]:
    """A plan's visit milestones other than the trainings (see `plan_season()`)."""
    first = min(p.steps, key=lambda s: s.start)
    longest = max(p.steps, key=lambda s: s.weeks)  # the first longest in methodology order
    last = max(p.steps, key=lambda s: s.end)
    mid_week = (longest.first_week + longest.last_week) // 2
    return [
        (first.start, f"step {first.key}"),
        (programme_week(p.start, mid_week)[0], f"mid step {longest.key}"),
        (last.start, f"step {last.key}"),
    ]


def _farthest(free: list[dt.date], chosen: list[dt.date]) -> dt.date:
    """The free week farthest from every chosen one (the earliest on a tie)."""

    def gap(m: dt.date) -> int:
        return min((abs((m - c).days) for c in chosen), default=0)

    return max(free, key=lambda m: (gap(m), -m.toordinal()))


def _plural_ru(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def _visits(
    plans: list[LocalityPlan], minimum: int
) -> tuple[tuple[Visit, ...], tuple[Finding, ...]]:
    by_plan: dict[int, list[tuple[dt.date, str]]] = {}
    # (region, monday) -> milestone -> localities
    weeks: dict[tuple[str, dt.date], dict[str, list[str]]] = defaultdict(dict)
    spans: dict[str, list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for lp in plans:
        marks = by_plan.get(id(lp.plan))
        if marks is None:
            marks = by_plan[id(lp.plan)] = _milestones(lp.plan)
        here = list(marks)
        if lp.blocks:
            here.insert(1, (lp.blocks[0].start, "trainings"))
        for day, label in here:
            weeks[(lp.region, _monday(day))].setdefault(label, []).append(lp.locality)
        spans[lp.region].append((lp.plan.start, lp.end, lp.locality))

    visits: list[Visit] = []
    for (region, monday), labels in weeks.items():
        locs = sorted({x for ls in labels.values() for x in ls})
        why = "milestones: " + "; ".join(
            f"{label} ({', '.join(sorted(ls))})" for label, ls in sorted(labels.items())
        )
        visits.append(Visit(region, monday, tuple(locs), why))

    findings: list[Finding] = []
    for region in sorted(spans):
        merged: list[list[dt.date]] = []
        for a, b, _loc in sorted(spans[region]):
            if merged and a <= merged[-1][1] + _DAY:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        active: dict[int, list[dt.date]] = defaultdict(list)
        for a, b in merged:
            m = _monday(a)
            while m <= b:
                if not active[m.year] or active[m.year][-1] != m:
                    active[m.year].append(m)
                m += dt.timedelta(days=7)
        for year in sorted(active):
            chosen = sorted(m for (r, m) in weeks if r == region and m.year == year)
            taken = set(chosen)
            free = [m for m in active[year] if m not in taken]
            while len(chosen) < minimum and free:
                pick = _farthest(free, chosen)
                free.remove(pick)
                chosen.append(pick)
                week_end = pick + dt.timedelta(days=6)
                locs = sorted(loc for a, b, loc in spans[region] if a <= week_end and b >= pick)
                visits.append(
                    Visit(
                        region,
                        pick,
                        tuple(locs),
                        f"top-up: at least {minimum} visits to {region} in {year}; "
                        "serves the localities active that week",
                    )
                )
            if len(chosen) < minimum:
                n, k = len(chosen), len(active[year])
                findings.append(
                    Finding(
                        code="too-few-visits",
                        severity=Severity.WARNING,
                        location=f"region {region} {year}",
                        numbers={"visits": n, "minimum": minimum, "active_weeks": k},
                        message_ru=(
                            f"В {year} году регион {region} активен лишь "
                            f"{k} {_plural_ru(k, 'неделю', 'недели', 'недель')}: возможно "
                            f"{n} {_plural_ru(n, 'визит', 'визита', 'визитов')} проектной группы "
                            f"вместо не менее {minimum} (не более одного визита в неделю)"
                        ),
                        message_en=(
                            f"region {region} is active for only {k} week{'s' if k != 1 else ''} "
                            f"in {year}: {n} project-group visit{'s' if n != 1 else ''} possible "
                            f"instead of at least {minimum} (at most one visit a week)"
                        ),
                    )
                )
    visits.sort(key=lambda v: (v.week_start, v.region))
    return tuple(visits), tuple(findings)


# --------------------------------------------------------------------------- the season


def plan_season(
    methodology: Methodology,
    localities: Iterable[SeasonLocality],
    *,
    trainers: Iterable[Trainer],
    calendar: WorkCalendar | None = None,
    visits_per_region_year: int = 4,
) -> Season:
    """Plan a season: each locality's plan, its trainers, and the project group's visits.

    **Plans.** Each locality gets `plan()` of
    ``methodology`` from its own start date on ``calendar`` (Monday to Friday
    and Kazakhstan's holidays by default). Localities with the same start date
    share one plan object: it is computed once per distinct date.

    **Trainers.** Every day block (training) needs one trainer for all its
    days, and a trainer runs one block at a time (never two blocks on one day).
    Blocks are taken greedily in order of their earliest start, then locality
    id. A locality's consecutive blocks of one step (3.1 and 3.2) are placed
    together, one right after the other, so another locality's training never
    splits a course; blocks of a later step queue again by their own start.
    A block goes to the eligible trainer (one covering the locality's region)
    free on its days with the fewest training days so far, ties by trainer
    id; the second block of a course keeps the first block's trainer when
    that trainer is free. When no eligible trainer is free, the block moves to
    the first later working days on which one is: it keeps its length, only
    ever moves later, and stays after the locality's earlier blocks (3.1
    before 3.2). Each move is recorded as a `Move` naming the locality,
    the block, the old and new dates, and why (the busy trainers and where
    they are, who is free from when, or the earlier block it follows).

    Only the trainings are re-placed: the locality's steps and weeks keep the
    dates its plan gave them. A block pushed past its step's weeks follows the
    step's ``spill`` rule: ``Spill.FORBID`` raises
    `ScheduleError` naming the locality and block;
    ``Spill.ALLOW`` keeps the move and says so in its reason (the later steps
    are *not* pushed back; shift them with ``Plan.delay`` if needed).

    **Visits.** The project group visits each region at least
    ``visits_per_region_year`` times per calendar year in which the region is
    active. Visits are counted in calendar weeks (Monday to Sunday), at most
    one per region and week, and belong to the year of the week's Monday. A
    locality's milestones are the first week of its first step (step 1, the
    memoranda), its first training day, the middle week of its longest step
    (mid step 6, implementation) and the first week of its last step (step 7,
    reporting); one visit serves every locality of the region with a
    milestone that week. If a region-year has fewer milestone weeks than the
    minimum, visits are added in the region's active weeks (a week in which
    some locality of the region lies between its start and its last day),
    each as far as possible from the visits already chosen. A region-year with
    fewer active weeks than the minimum gets a visit in every active week and
    a ``too-few-visits`` warning `Finding`.

    Parameters
    ----------
    methodology : Methodology
        The steps and trainings, e.g. `public_spaces_methodology()`.
    localities : iterable of SeasonLocality
        The localities with their start dates and regions (ids must be unique).
    trainers : iterable of Trainer
        At least one; every locality's region must be covered by one.
    calendar : WorkCalendar, optional
        The working days (default: ``WorkCalendar()``, Kazakhstan).
    visits_per_region_year : int
        The yearly minimum of project-group visits per region (4 by default).

    Returns
    -------
    Season
        Plans in the order of ``localities``, assignments in date order,
        visits by week, the season's moves, and the findings.

    Raises
    ------
    ScheduleError
        No trainers, duplicate locality or trainer ids, a region no trainer
        covers, a locality whose plan cannot be made, or a training pushed
        out of a step that forbids a spill.
    TypeError
        A locality is not a `SeasonLocality`, or a trainer not a `Trainer`.
    ValueError
        ``visits_per_region_year`` is not a whole number >= 0.

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> start = dt.date(2021, 2, 1)
    >>> season = plan_season(
    ...     public_spaces_methodology(),
    ...     [SeasonLocality(x, start, "atyrau") for x in ("kulsary", "maikomgen", "turgyzba")],
    ...     trainers=[Trainer("t1")],
    ... )
    >>> [(b.key, b.days[0].isoformat(), b.days[-1].isoformat()) for b in season.plans[1].blocks]
    [('3.1', '2021-03-01', '2021-03-02'), ('3.2', '2021-03-03', '2021-03-05')]
    >>> print(season.moved[0])
    maikomgen 3.1 (Introductory seminar 'Community mobilisation'): 2021-02-22 – 2021-02-23 → 2021-03-01 – 2021-03-02 (trainer t1 busy in kulsary; t1 is free from 2021-03-01; it now runs past step 3's week 4 (2021-02-22 – 2021-02-28): only the trainings move, the later steps keep their dates)
    >>> len(season.moved), len(season.trainer_days("t1"))
    (4, 15)
    >>> [v.week_start.isoformat() for v in season.visits]
    ['2021-02-01', '2021-02-22', '2021-03-01', '2021-03-08', '2021-07-05', '2021-09-20']

    See Also
    --------
    civicgrants.schedule.plan : one locality's plan.
    Season : the result, with ``locality`` and ``trainer_days``.
    civicgrants.io.schedule.read_localities : localities from CSV.
    civicgrants.io.schedule.season_text : the season for the terminal.
    """
    locs = tuple(localities)
    trs = tuple(trainers)
    _check(locs, trs, visits_per_region_year)
    cal = calendar if calendar is not None else WorkCalendar()

    plans: dict[dt.date, Plan] = {}
    templates: dict[dt.date, tuple[_Template, ...]] = {}
    for loc in locs:
        if loc.start in plans:
            continue
        try:
            p = plan(methodology, loc.start, calendar=cal)
        except ScheduleError as err:
            who = [
                f"localities[{i}] ({x.locality})"
                for i, x in enumerate(locs)
                if x.start == loc.start
            ]
            raise ScheduleError(
                Problem(f"{', '.join(who)}, start {loc.start.isoformat()}", str(q))
                for q in err.problems
            ) from err
        plans[loc.start] = p
        templates[loc.start] = _templates(methodology, p)

    firsts = [t[0].planned[0] for t in templates.values() if t]
    days = _Days(cal, min(firsts) if firsts else dt.date.min)
    planned_first: dict[dt.date, tuple[int, ...]] = {
        start: tuple(days.number(t.planned[0]) for t in ts) for start, ts in templates.items()
    }

    eligible: dict[str, list[Trainer]] = {}
    for loc in locs:
        if loc.region not in eligible:
            eligible[loc.region] = sorted(
                (t for t in trs if t.covers(loc.region)), key=lambda t: t.id
            )
    diaries = {t.id: _Diary() for t in trs}

    heap: list[tuple[int, str, int, int]] = []
    for pos, loc in enumerate(locs):
        if templates[loc.start]:
            heap.append((planned_first[loc.start][0], loc.locality, 0, pos))
    heapq.heapify(heap)

    placed: list[list[TrainingBlock]] = [[] for _ in locs]
    assignments: list[Assignment] = []
    moved: list[Move] = []
    while heap:
        earliest, lid, head, pos = heapq.heappop(heap)
        loc = locs[pos]
        chain = templates[loc.start]
        candidates = eligible[loc.region]
        k = head
        previous: str | None = None
        after = earliest  # the first day number after the chain's last placed block
        # A chain: the locality's consecutive blocks of one step (3.1 then 3.2), placed together.
        while k < len(chain) and chain[k].step == chain[head].step:
            t = chain[k]
            n = len(t.planned)
            first = planned_first[loc.start][k]
            if k > head:
                earliest = max(first, after)
            if previous is not None and diaries[previous].earliest(earliest, n) == earliest:
                at, trainer = earliest, previous
            else:
                best: tuple[int, int, str] | None = None
                for tr in candidates:
                    diary = diaries[tr.id]
                    option = (diary.earliest(earliest, n), diary.load, tr.id)
                    if best is None or option < best:
                        best = option
                assert best is not None  # _check guarantees an eligible trainer
                at, _load, trainer = best
            block_days = days.span(at, n)
            if at != first:
                why, reasons = _why(
                    t,
                    first,
                    earliest,
                    at,
                    placed[pos],
                    diaries,
                    candidates,
                    loc,
                    len(trs),
                    trainer,
                    block_days[0],
                )
                if block_days[-1] > t.step_end:
                    if t.spill is Spill.FORBID:
                        raise ScheduleError(
                            [
                                Problem(
                                    f"localities[{pos}]",
                                    f"locality {lid!r}: block {t.key!r} would move from "
                                    f"{_dates(t.planned)} to {_dates(block_days)} ({why}), "
                                    f"past {t.step_weeks}, and step {t.step!r} forbids a spill",
                                )
                            ]
                        )
                    why += (
                        f"; it now runs past {t.step_weeks}: only the trainings move, "
                        "the later steps keep their dates"
                    )
                    reasons.append(
                        MoveReason(
                            "past-step",
                            (
                                ("step", t.step),
                                ("first", str(t.weeks[0])),
                                ("last", str(t.weeks[1])),
                                ("start", t.step_start.isoformat()),
                                ("end", t.step_end.isoformat()),
                            ),
                        )
                    )
                moved.append(
                    Move(
                        f"{lid} {t.label}",
                        _dates(t.planned),
                        _dates(block_days),
                        why,
                        lid,
                        t.key,
                        tuple(reasons),
                    )
                )
            diaries[trainer].book(at, n, lid)
            placed[pos].append(TrainingBlock(t.step, t.key, block_days, trainer, t.planned))
            assignments.append(Assignment(trainer, lid, t.key, block_days))
            previous, after = trainer, at + n
            k += 1
        if k < len(chain):
            heapq.heappush(heap, (max(planned_first[loc.start][k], after), lid, k, pos))

    result = [
        LocalityPlan(loc.locality, loc.region, plans[loc.start], tuple(placed[pos]))
        for pos, loc in enumerate(locs)
    ]
    visits, findings = _visits(result, visits_per_region_year)
    assignments.sort(key=lambda a: (a.days[0], a.locality, a.block))
    return Season(
        tuple(result),
        tuple(assignments),
        visits,
        tuple(moved),
        findings,
        trs,
        visits_per_region_year,
    )
