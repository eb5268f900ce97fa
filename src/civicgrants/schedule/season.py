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

A training moved by a busy trainer moves what follows it in that locality, by
the rules of `plan()`: the locality is planned again with the training held
back (``not_before``), so a later step absorbs the slip where it may and moves
by working days where it must. Each locality gets its float (how many working
days it can slip before the season's end moves) and its critical path.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
import time
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs
import networkx as nx

from civicgrants.errors import Problem, ScheduleError
from civicgrants.model.display import shows
from civicgrants.model.fields import ID_PATTERN, count, date, ident, to_tuple
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.limits import date_problem
from civicgrants.schedule.calendar import WorkCalendar, programme_week
from civicgrants.schedule.methodology import Methodology, Spill
from civicgrants.schedule.plan import Delay, Move, MoveReason, Plan, plan

__all__ = [
    "Assignment",
    "LocalityPlan",
    "Season",
    "SeasonBound",
    "SeasonLocality",
    "Trainer",
    "TrainingBlock",
    "Travel",
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


def _pairs(value: Iterable[tuple[str, str, int]]) -> tuple[tuple[str, str, int], ...]:
    return tuple(tuple(p) for p in to_tuple(value))  # type: ignore[misc]


def _check_pairs(
    _inst: object,
    _attr: attrs.Attribute[tuple[tuple[str, str, int], ...]],
    value: tuple[tuple[str, str, int], ...],
) -> None:
    seen: dict[frozenset[str], int] = {}
    for i, pair in enumerate(value):
        if len(pair) != 3:
            raise ValueError(f"pairs[{i}]: must be (region, region, days), got {pair!r}")
        a, b, days = pair
        for region in (a, b):
            if not isinstance(region, str) or re.fullmatch(ID_PATTERN, region) is None:
                raise ValueError(f"pairs[{i}]: {region!r} is not a region id")
        if a == b:
            raise ValueError(f"pairs[{i}]: {a!r} twice; travel inside a region is `within`")
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise ValueError(f"pairs[{i}]: days must be a whole number >= 0, got {days!r}")
        key = frozenset((a, b))
        if key in seen:
            raise ValueError(f"pairs[{i}]: {a!r}–{b!r} again (also pairs[{seen[key]}])")
        seen[key] = i


@shows
@attrs.frozen
class Travel:
    """The working days a trainer needs to travel between trainings in two places.

    Two trainings of one locality need no travel. Between two localities of
    one region a trainer needs ``within`` working days, between two regions
    ``between``, unless ``pairs`` gives that pair of regions (in either order)
    its own. A trainer's next training starts at the earliest on the working
    day after the last one ends plus the travel days.

    Parameters
    ----------
    within : int
        Working days between two localities of one region (0 by default).
    between : int
        Working days between two regions without a pair of their own (0 by default).
    pairs : iterable of (str, str, int)
        ``(region, region, days)``, each pair of regions once.

    Raises
    ------
    ValueError
        A count below 0, a region that is not an id, a pair of one region, or a
        pair given twice.

    Examples
    --------
    >>> t = Travel(within=1, between=2, pairs=[("atyrau", "mangistau", 3)])
    >>> t.days("atyrau", "atyrau"), t.days("mangistau", "atyrau"), t.days("atyrau", "aktobe")
    (1, 3, 2)
    >>> Travel(pairs=[("atyrau", "atyrau", 1)])
    Traceback (most recent call last):
    ...
    ValueError: pairs[0]: 'atyrau' twice; travel inside a region is `within`

    See Also
    --------
    plan_season : keeps every trainer's travel days free.
    """

    within: int = count(default=0)
    between: int = count(default=0)
    pairs: tuple[tuple[str, str, int], ...] = attrs.field(
        default=(), converter=_pairs, validator=_check_pairs
    )

    def days(self, a: str, b: str) -> int:
        """The working days of travel from a locality of region ``a`` to another of region ``b``.

        Parameters
        ----------
        a, b : str
            Region ids.

        Returns
        -------
        int
            ``within`` when ``a == b``, else the pair's days or ``between``.

        Examples
        --------
        >>> Travel(between=2).days("atyrau", "mangistau")
        2
        """
        if a == b:
            return self.within
        for x, y, days in self.pairs:
            if (x == a and y == b) or (x == b and y == a):
                return days
        return self.between


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
    """One locality's plan, its trainings as the season placed them, and its float.

    ``plan`` is the locality's own plan, with its trainings where the season
    put them (held back with ``not_before`` where a trainer was busy) and every
    later step moved by the plan's rules; localities with the same start, the
    same delays and the same held trainings share one plan object.
    ``blocks`` holds its day blocks on those dates, in date order.

    Attributes
    ----------
    locality : str
        The locality's id.
    region : str
        Its region's id.
    plan : Plan
        Its own plan, from its start date, with its trainings as placed.
    blocks : tuple of TrainingBlock
        Its trainings on their final dates, in date order.
    float_days : int
        Its float: how many working days its last step can end later before the
        season's end moves (0 when its last step ends the season, or holds
        trainings).

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> season = plan_season(
    ...     public_spaces_methodology(),
    ...     [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("kulsary", "maikomgen")],
    ...     trainers=[Trainer("t1")],
    ... )
    >>> lp = season.locality("maikomgen")
    >>> print(lp.region, lp.plan.start, lp.end, [b.key for b in lp.blocks], lp.float_days)
    atyrau 2021-02-01 2021-10-24 ['3.1', '3.2'] 0
    >>> lp.plan.step("4").absorbed_days  # the week its trainings waited
    5
    >>> lp.critical_path
    ('6', '7')

    See Also
    --------
    Season.locality : a locality's plan by id.
    TrainingBlock : one training.
    """

    locality: str
    region: str
    plan: Plan
    blocks: tuple[TrainingBlock, ...]
    float_days: int = 0

    @property
    def critical_path(self) -> tuple[str, ...]:
        """The steps that set the locality's end (its plan's critical path)."""
        return self.plan.critical_path

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
class SeasonBound:
    """How far a season's plan may be from the best one: a lower bound on its end, and the gap.

    No plan of the same localities and trainers ends before ``lower``.
    Without the solver (``method="greedy"``) the bound is the season with no
    training waiting for a trainer (``source`` ``"no-wait"``); with it, the
    larger of that and CP-SAT's proven bound (``"cp-sat"``). The greedy plan is
    reported against the same bound.

    Attributes
    ----------
    method : str
        ``"greedy"`` or ``"optimal"``: how the season's plan was made.
    lower : datetime.date
        The lower bound on the season's end (a working day).
    gap_days : int
        Working days from ``lower`` to the plan's end (0: proven best).
    source : str
        ``"no-wait"`` or ``"cp-sat"``.
    status : str
        The solver's status (``OPTIMAL``: the model is solved to the end;
        ``FEASIBLE``: stopped by the time limit); empty without the solver.
    greedy_end : datetime.date
        The greedy plan's end.
    greedy_gap_days : int
        Working days from ``lower`` to the greedy plan's end.
    kept : str
        ``"greedy"`` when the solver's plan was not earlier and the greedy plan
        was kept, else the method.

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> season = plan_season(
    ...     public_spaces_methodology(),
    ...     [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("a", "b", "c")],
    ...     trainers=[Trainer("t1")],
    ... )
    >>> b = season.bound
    >>> print(b.method, b.source, b.lower, b.gap_days, season.end)
    greedy no-wait 2021-10-22 10 2021-11-07

    See Also
    --------
    plan_season : ``method="optimal"`` asks the solver.
    """

    method: str
    lower: dt.date
    gap_days: int
    source: str
    status: str
    greedy_end: dt.date
    greedy_gap_days: int
    kept: str


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
    travel : Travel
        The travel days kept free between a trainer's trainings.
    bound : SeasonBound or None
        The lower bound on the season's end and the plan's gap to it (None
        for a season without localities).

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
    travel: Travel = Travel()
    bound: SeasonBound | None = None

    @property
    def end(self) -> dt.date:
        """The season's end: the last day of its last locality (``date.min`` for none)."""
        return max((lp.end for lp in self.plans), default=dt.date.min)

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

    def date(self, number: int) -> dt.date:
        """Working day ``number``."""
        return self.span(number, 1)[0]

    def floor(self, day: dt.date) -> int:
        """The number of the last working day on or before ``day`` (-1 before the first)."""
        while self._next <= day:
            self._grow()
        return bisect_right(self.dates, day) - 1


class _Diary:
    """A trainer's bookings: disjoint runs of working-day numbers, each with its place.

    Two bookings in different localities keep the travel days between them free
    (``gaps``: the working days from one region to another).
    """

    __slots__ = ("ends", "gaps", "load", "places", "starts")

    def __init__(self, gaps: dict[tuple[str, str], int]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.places: list[tuple[str, str]] = []  # (locality, region)
        self.gaps = gaps
        self.load = 0

    def _gap(self, j: int, locality: str, region: str) -> int:
        there, where = self.places[j]
        return 0 if there == locality else self.gaps[where, region]

    def earliest(self, first: int, n: int, locality: str, region: str) -> int:
        """The first day number >= ``first`` that starts ``n`` free days in a row there."""
        starts, ends, places, gaps = self.starts, self.ends, self.places, self.gaps
        j = bisect_right(starts, first) - 1
        s = first
        if j >= 0:
            s = max(s, ends[j] + 1 + self._gap(j, locality, region))
        j += 1
        size = len(starts)
        while j < size:
            there, where = places[j]
            gap = 0 if there == locality else gaps[where, region]
            if s + n + gap <= starts[j]:
                break
            after = ends[j] + 1 + gap
            if after > s:
                s = after
            j += 1
        return s

    def who(self, first: int, n: int, locality: str, region: str) -> tuple[str, int]:
        """Where the trainer is that stops a booking of ``first``..``first+n-1``.

        The locality of the first booking in the way, and 0 when its days
        overlap, else the travel days that the booking leaves too few of.
        """
        starts, ends = self.starts, self.ends
        j = max(bisect_right(starts, first) - 1, 0)
        last = first + n - 1
        while j < len(starts):
            gap = self._gap(j, locality, region)
            if starts[j] <= last and ends[j] >= first:
                return self.places[j][0], 0
            if ends[j] < first and first <= ends[j] + gap:
                return self.places[j][0], gap
            if starts[j] > last:
                if last + gap >= starts[j]:
                    return self.places[j][0], gap
                break
            j += 1
        return "?", 0  # pragma: no cover - only asked when a booking is in the way

    def book(self, first: int, n: int, locality: str, region: str) -> None:
        j = bisect_left(self.starts, first)
        self.starts.insert(j, first)
        self.ends.insert(j, first + n - 1)
        self.places.insert(j, (locality, region))
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


def _templates(methodology: Methodology, p: Plan, rank: dict[str, int]) -> tuple[_Template, ...]:
    """A plan's day blocks, step by step in the planning graph's order, each step's by date.

    A locality's trainings are placed in this order, so a training moved by a
    busy trainer can only move the trainings of later steps, never one placed.
    """
    out: list[tuple[int, dt.date, int, _Template]] = []
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
            out.append((rank[sp.key], b.days[0], order, t))
            order += 1
    out.sort(key=lambda x: x[:3])
    return tuple(x[3] for x in out)


def _busy(busy: list[tuple[str, str, int]], region: str, total: int) -> tuple[str, MoveReason]:
    if len(busy) == 1:
        trainer, where, travel = busy[0]
        if travel:
            reason = MoveReason(
                "trainer-travels",
                (("trainer", trainer), ("where", where), ("n", str(travel))),
            )
            days = f"{travel} working day{'s' if travel != 1 else ''}"
            return f"trainer {trainer} is in {where}, {days} of travel away", reason
        reason = MoveReason("trainer-busy", (("trainer", trainer), ("where", where)))
        return f"trainer {trainer} busy in {where}", reason
    parts = [f"{t} in {w}" for t, w, _ in busy[:_LISTED]]
    more = max(len(busy) - _LISTED, 0)
    if more:
        parts.append(f"and {more} more")
    scope = "" if len(busy) == total else f" covering {region}"
    reason = MoveReason(
        "trainers-busy",
        (("n", str(len(busy))), ("region", region if scope else ""), ("more", str(more))),
        tuple((t, w) for t, w, _ in busy[:_LISTED]),
    )
    return f"all {len(busy)} trainers{scope} busy: " + ", ".join(parts), reason


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
    travel: Travel | None = None,
    delays: Mapping[str, Sequence[Delay | tuple[str, int]]] | None = None,
    method: str = "greedy",
    time_limit: float = 10.0,
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

    A training that moves moves what follows it in its locality: the
    locality is planned again with the training held back (``not_before``), so
    a later step absorbs the wait where it may (drafting: up to 5 working days)
    and moves by working days where it must, and the locality's later
    trainings queue on their new days. A locality's trainings are placed step
    by step in the planning graph's order, so a move never moves a training
    already placed. A block pushed past its step's weeks follows the step's
    ``spill`` rule: ``Spill.FORBID`` raises `ScheduleError` naming the
    locality and block; ``Spill.ALLOW`` keeps the move and says so.

    **Travel.** A trainer keeps ``travel`` working days free between two
    trainings in different localities (`Travel`: within a region, between
    regions, or a pair's own); none by default.

    **Float and critical path.** Each locality's ``float_days`` is how many
    working days its last step can end later before the season's end moves
    (`Plan.slack_to()` against the season's end); a slip there meets no
    trainer, so it moves nothing else. A locality whose last step holds
    trainings gets 0, since a slip there would meet the trainers again. Its
    ``critical_path`` is its plan's.

    **The optimal plan.** ``method="optimal"`` (the ``optimal`` extra,
    OR-Tools) asks CP-SAT for the trainers and days that minimise the latest
    end of the season, then the total wait of the trainings, within
    ``time_limit`` seconds (`civicgrants.schedule.optimal.solve_trainers`).
    Its answer is replayed through the same placement, so its dates, moves
    and reasons follow the same rules; the greedy plan is kept when the
    solver's is not earlier (then with less waiting), so the optimal plan is
    never later than the greedy one. It needs every locality's trainings in
    one step. Every season carries a `SeasonBound`: a proven lower bound on
    its end and the gap to it, for the plan made and for the greedy plan; the
    greedy plan alone is measured against the season with no waiting.

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
    travel : Travel, optional
        The travel days a trainer keeps free between localities (none by default).
    delays : mapping of str to sequence of Delay or (str, int), optional
        Slips per locality id, as `plan()` takes them; carried like a moved training.
    method : {"greedy", "optimal"}
        How trainers are shared out: greedily (the default) or by CP-SAT.
    time_limit : float
        Seconds for the solver with ``method="optimal"`` (10 by default, at most 3600).

    Returns
    -------
    Season
        Plans in the order of ``localities``, assignments in date order,
        visits by week, the season's moves, and the findings.

    Raises
    ------
    ScheduleError
        No trainers, duplicate locality or trainer ids, a region no trainer
        covers, a locality whose plan cannot be made, a training pushed
        out of a step that forbids a spill, a delay for an unknown locality, or
        ``method="optimal"`` for trainings in more than one step.
    MissingExtra
        ``method="optimal"`` without OR-Tools (``pip install 'civicgrants[optimal]'``).
    TypeError
        A locality is not a `SeasonLocality`, or a trainer not a `Trainer`.
    ValueError
        ``visits_per_region_year`` is not a whole number >= 0, ``method`` is
        unknown or ``time_limit`` is out of range.

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
    maikomgen 3.1 (Introductory seminar 'Community mobilisation'): 2021-02-22 – 2021-02-23 → 2021-03-01 – 2021-03-02 (trainer t1 busy in kulsary; t1 is free from 2021-03-01; it now runs past step 3's week 4 (2021-02-22 – 2021-02-28), and the locality's later steps follow it)
    >>> len(season.moved), len(season.trainer_days("t1"))
    (4, 15)
    >>> [v.week_start.isoformat() for v in season.visits]  # doctest: +NORMALIZE_WHITESPACE
    ['2021-02-01', '2021-02-22', '2021-03-01', '2021-03-08', '2021-07-05', '2021-07-19',
     '2021-09-20', '2021-10-04']

    Turgyzba's trainings waited two weeks: more than drafting absorbs, so its
    later steps follow, and it ends the season; the others have 10 working
    days of float:

    >>> for lp in season.plans:
    ...     print(lp.locality, lp.end, lp.float_days, "-".join(lp.critical_path))
    kulsary 2021-10-24 10 6-7
    maikomgen 2021-10-24 10 6-7
    turgyzba 2021-11-07 0 3-4-5-6-7

    See Also
    --------
    civicgrants.schedule.plan : one locality's plan.
    Season : the result, with ``locality`` and ``trainer_days``.
    civicgrants.io.schedule.read_localities : localities from CSV.
    civicgrants.io.schedule.season_text : the season for the terminal.
    """
    began = time.monotonic()
    locs = tuple(localities)
    trs = tuple(trainers)
    _check(locs, trs, visits_per_region_year)
    cal = calendar if calendar is not None else WorkCalendar()
    trip = travel if travel is not None else Travel()
    if not isinstance(trip, Travel):
        raise TypeError(f"travel: must be a Travel, got {trip!r}")
    if method not in ("greedy", "optimal"):
        raise ValueError(f"method: must be 'greedy' or 'optimal', got {method!r}")
    if (
        isinstance(time_limit, bool)
        or not isinstance(time_limit, (int, float))
        or not 0 < time_limit <= 3600
    ):
        raise ValueError(
            f"time_limit: must be a number of seconds in (0, 3600], got {time_limit!r}"
        )
    slips = _slips(locs, delays)

    graph = methodology.planning_graph()
    index = {s.key: i for i, s in enumerate(methodology.steps)}
    rank = {
        key: i
        for i, key in enumerate(
            nx.lexicographical_topological_sort(graph, key=lambda k: f"{index[k]:06d}")
        )
    }
    # A locality's plan depends on its start, its delays and its held trainings only.
    cache: dict[tuple[object, ...], tuple[Plan, tuple[_Template, ...]]] = {}

    def plan_of(pos: int, held: dict[str, dt.date]) -> tuple[Plan, tuple[_Template, ...]]:
        loc = locs[pos]
        mine = slips.get(loc.locality, ())
        key = (loc.start, mine, tuple(sorted(held.items())))
        hit = cache.get(key)
        if hit is None:
            try:
                p = plan(methodology, loc.start, calendar=cal, delays=mine, not_before=held)
            except ScheduleError as err:
                who = [
                    f"localities[{i}] ({x.locality})"
                    for i, x in enumerate(locs)
                    if i == pos
                    or (not held and x.start == loc.start and slips.get(x.locality, ()) == mine)
                ]
                raise ScheduleError(
                    Problem(f"{', '.join(who)}, start {loc.start.isoformat()}", str(q))
                    for q in err.problems
                ) from err
            hit = cache[key] = (p, _templates(methodology, p, rank))
        return hit

    base = [plan_of(pos, {}) for pos in range(len(locs))]
    firsts = [t.planned[0] for _p, ts in base for t in ts] or [loc.start for loc in locs]
    days = _Days(cal, min(firsts, default=dt.date(2000, 1, 1)))
    regions = sorted({loc.region for loc in locs})
    gaps = {(a, b): trip.days(a, b) for a in regions for b in regions}
    eligible: dict[str, list[Trainer]] = {
        region: sorted((t for t in trs if t.covers(region)), key=lambda t: t.id)
        for region in regions
    }

    setting = _Setting(locs, trs, eligible, gaps, days, base, plan_of)
    shared = _share(setting, None)
    bound: SeasonBound | None = None
    if locs:
        low = max(days.floor(p.end) for p, _ts in base)
        gap = shared.end(days) - low
        greedy_end = max(shared.ends())
        bound = SeasonBound("greedy", days.date(low), gap, "no-wait", "", greedy_end, gap, "greedy")
        if method == "optimal":
            # the solver gets what is left of the limit, less a tenth to replay its plan
            shared, bound = _optimal(setting, shared, bound, time_limit * 0.9, began)
    current, placed, assignments, moved = (
        shared.current,
        shared.placed,
        shared.assignments,
        shared.moved,
    )

    result = [
        LocalityPlan(loc.locality, loc.region, current[pos][0], tuple(placed[pos]))
        for pos, loc in enumerate(locs)
    ]
    if result:
        season_end = max(lp.end for lp in result)
        result = [attrs.evolve(lp, float_days=_float(lp.plan, season_end)) for lp in result]
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
        trip,
        bound,
    )


class _Setting:
    """What a season's trainers are shared out in: localities, trainers, days and base plans."""

    __slots__ = ("base", "days", "eligible", "gaps", "locs", "plan_of", "trs")

    def __init__(
        self,
        locs: tuple[SeasonLocality, ...],
        trs: tuple[Trainer, ...],
        eligible: dict[str, list[Trainer]],
        gaps: dict[tuple[str, str], int],
        days: _Days,
        base: list[tuple[Plan, tuple[_Template, ...]]],
        plan_of: Callable[[int, dict[str, dt.date]], tuple[Plan, tuple[_Template, ...]]],
    ) -> None:
        self.locs = locs
        self.trs = trs
        self.eligible = eligible
        self.gaps = gaps  # travel days between regions
        self.days = days
        self.base = base  # each locality's plan with no training held, and its trainings
        self.plan_of = plan_of  # a locality's plan with trainings held, cached


class _Shared:
    """The trainers shared out: each locality's plan, its trainings, the bookings and moves."""

    __slots__ = ("assignments", "current", "moved", "placed")

    def __init__(
        self,
        current: list[tuple[Plan, tuple[_Template, ...]]],
        placed: list[list[TrainingBlock]],
        assignments: list[Assignment],
        moved: list[Move],
    ) -> None:
        self.current = current
        self.placed = placed
        self.assignments = assignments
        self.moved = moved

    def ends(self) -> list[dt.date]:
        """Each locality's last day."""
        return [
            max([p.end, *(b.end for b in blocks)])
            for (p, _ts), blocks in zip(self.current, self.placed, strict=True)
        ]

    def end(self, days: _Days) -> int:
        """The season's end, as the number of the last working day on or before it."""
        return max(days.floor(e) for e in self.ends())

    def waited(self, days: _Days) -> int:
        """The working days the trainings waited in all, from their days with no wait."""
        return sum(
            days.number(b.days[0]) - days.number(b.planned[0])
            for blocks in self.placed
            for b in blocks
        )


def _share(ctx: _Setting, pins: dict[tuple[int, str], tuple[str, int]] | None) -> _Shared:
    """Share the trainers out, greedily or on the days and trainers ``pins`` gives each training.

    Chains (a locality's consecutive trainings of one step) are taken by their
    earliest day (a pinned chain by its pinned day), then locality id; see
    `plan_season()`.
    """
    locs, trs, eligible, days, plan_of = ctx.locs, ctx.trs, ctx.eligible, ctx.days, ctx.plan_of
    diaries = {t.id: _Diary(ctx.gaps) for t in trs}
    current = list(ctx.base)
    held: list[dict[str, dt.date]] = [{} for _ in locs]
    done: list[set[str]] = [set() for _ in locs]

    def queued(pos: int, template: _Template, after: int) -> tuple[int, str, int, int]:
        """The chain's place in the queue: its day (pinned or not), locality, position, follow."""
        follow = max(days.number(template.planned[0]), after)
        day = follow if pins is None else max(follow, pins[pos, template.key][1])
        return day, locs[pos].locality, pos, follow

    heap = [queued(pos, current[pos][1][0], 0) for pos in range(len(locs)) if current[pos][1]]
    heapq.heapify(heap)

    placed: list[list[TrainingBlock]] = [[] for _ in locs]
    assignments: list[Assignment] = []
    moved: list[Move] = []
    while heap:
        _day, lid, pos, earliest = heapq.heappop(heap)
        loc = locs[pos]
        templates = current[pos][1]
        head = next(i for i, t in enumerate(templates) if t.key not in done[pos])
        k = head
        previous: str | None = None
        after = earliest  # the first day number after the chain's last placed block
        shifted = False
        # A chain: the locality's consecutive blocks of one step (3.1 then 3.2), placed together.
        while k < len(templates) and templates[k].step == templates[head].step:
            t = templates[k]
            n = len(t.planned)
            first = days.number(t.planned[0])
            pinned = pins[pos, t.key] if pins is not None else None
            if k > head:
                earliest = max(first, after)
            wanted = earliest if pinned is None else max(earliest, pinned[1])
            candidates = (
                eligible[loc.region] if pinned is None else [tr for tr in trs if tr.id == pinned[0]]
            )
            if (
                pinned is None
                and previous is not None
                and diaries[previous].earliest(earliest, n, lid, loc.region) == earliest
            ):
                at, trainer = earliest, previous
            else:
                best: tuple[int, int, str] | None = None
                for tr in candidates:
                    diary = diaries[tr.id]
                    option = (diary.earliest(wanted, n, lid, loc.region), diary.load, tr.id)
                    if best is None or option < best:
                        best = option
                assert best is not None  # _check guarantees an eligible trainer
                at, _load, trainer = best
            block_days = days.span(at, n)
            if at != first:
                shifted = True
                held[pos][t.key] = block_days[0]
                moved.append(
                    _moved(
                        t,
                        (first, earliest, wanted, at),
                        placed[pos],
                        diaries,
                        candidates,
                        loc,
                        pos,
                        len(trs),
                        trainer,
                        block_days,
                        days,
                    )
                )
            diaries[trainer].book(at, n, lid, loc.region)
            placed[pos].append(TrainingBlock(t.step, t.key, block_days, trainer, t.planned))
            assignments.append(Assignment(trainer, lid, t.key, block_days))
            done[pos].add(t.key)
            previous, after = trainer, at + n
            k += 1
        if shifted:  # what follows the chain in this locality moves by the plan's rules
            current[pos] = plan_of(pos, held[pos])
        rest = [t for t in current[pos][1] if t.key not in done[pos]]
        if rest:
            heapq.heappush(heap, queued(pos, rest[0], after))
    return _Shared(current, placed, assignments, moved)


def _moved(
    t: _Template,
    marks: tuple[int, int, int, int],
    before: list[TrainingBlock],
    diaries: dict[str, _Diary],
    candidates: list[Trainer],
    loc: SeasonLocality,
    pos: int,
    total: int,
    trainer: str,
    block_days: tuple[dt.date, ...],
    days: _Days,
) -> Move:
    """The move of a training pushed off its planned days, with why.

    ``marks`` are day numbers: its planned first day, the first day after the
    training before it, the day the optimal plan asks for (else the same) and
    the day it got. Why: the block before it moved, the optimal plan gave it a
    later day, or no trainer was free (busy, or travelling).
    """
    first, earliest, wanted, at = marks
    texts: list[str] = []
    reasons: list[MoveReason] = []
    if earliest > first:
        end = before[-1].end.isoformat()
        texts.append(f"it follows {before[-1].key}, which now ends on {end}")
        reasons.append(MoveReason("follows", (("block", before[-1].key), ("end", end))))
    if wanted > earliest:
        day = days.date(wanted).isoformat()
        texts.append(f"the optimal plan gives it to {trainer} from {day}")
        reasons.append(MoveReason("optimal", (("trainer", trainer), ("date", day))))
    if at > wanted:
        n = len(t.planned)
        busy = [
            (tr.id, *diaries[tr.id].who(wanted, n, loc.locality, loc.region)) for tr in candidates
        ]
        text, reason = _busy(busy, loc.region, total)
        free = block_days[0].isoformat()
        texts.append(f"{text}; {trainer} is free from {free}")
        reasons += [reason, MoveReason("trainer-free", (("trainer", trainer), ("date", free)))]
    why = "; ".join(texts)
    if block_days[-1] > t.step_end:
        if t.spill is Spill.FORBID:
            raise ScheduleError(
                [
                    Problem(
                        f"localities[{pos}]",
                        f"locality {loc.locality!r}: block {t.key!r} would move from "
                        f"{_dates(t.planned)} to {_dates(block_days)} ({why}), "
                        f"past {t.step_weeks}, and step {t.step!r} forbids a spill",
                    )
                ]
            )
        why += f"; it now runs past {t.step_weeks}, and the locality's later steps follow it"
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
    return Move(
        f"{loc.locality} {t.label}",
        _dates(t.planned),
        _dates(block_days),
        why,
        loc.locality,
        t.key,
        tuple(reasons),
    )


def _optimal(
    ctx: _Setting, greedy: _Shared, bound: SeasonBound, time_limit: float, began: float
) -> tuple[_Shared, SeasonBound]:
    """The optimal plan for shared trainers (see `plan_season()`), or the greedy one if not later."""
    locs, trs, days, base, plan_of = ctx.locs, ctx.trs, ctx.days, ctx.base, ctx.plan_of
    from civicgrants.schedule.optimal import TrainerProblem, solve_trainers

    for pos, (_p, templates) in enumerate(base):
        steps = sorted({t.step for t in templates})
        if len(steps) > 1:
            raise ScheduleError(
                [
                    Problem(
                        "method",
                        "method='optimal' needs every locality's trainings in one step; "
                        f"{locs[pos].locality!r} has trainings in steps {', '.join(steps)}",
                    )
                ]
            )
    regions = list(ctx.eligible)  # the regions of the localities, sorted
    # trainers who cover the same regions are a pool; pools in order of their first trainer
    pool_of: dict[tuple[str, ...], int] = {}
    members: list[list[int]] = []
    trainer_pool: list[int] = []
    for i, tr in enumerate(trs):
        covered = tuple(r for r in regions if tr.covers(r))
        if covered not in pool_of:
            pool_of[covered] = len(members)
            members.append([])
        members[pool_of[covered]].append(i)
        trainer_pool.append(pool_of[covered])

    pads = tuple(
        min(
            (
                ctx.gaps[a, b]
                for a in covered
                for b in covered
                if a != b or sum(x.region == a for x in locs) > 1
            ),
            default=0,
        )
        for covered in pool_of
    )
    # Each locality's end as its last training ends later, measured on its plan: the ends for
    # the first `probe` days late (the end never falls as the training ends later), and far
    # past its end, where every later step is rigid: there the end is E + tail + the absorbable.
    absorbable = sum(s.absorbs_days for s in base[0][0].methodology.steps)
    probe = absorbable + 11
    shapes: dict[int, tuple[int, tuple[int, ...], int | None]] = {}
    ends: list[tuple[int, tuple[int, ...], int | None]] = []
    for pos, (p, templates) in enumerate(base):
        low = days.floor(p.end)
        if not templates:
            ends.append((0, (low,), None))
            continue
        if id(p) not in shapes:
            first = days.number(templates[0].planned[0])
            e0 = first + sum(len(t.planned) for t in templates) - 1
            table: list[int] = []
            for k in range(probe + 1):
                try:
                    q = plan_of(pos, {templates[0].key: days.date(first + k)})[0]
                except ScheduleError:  # a step that forbids a spill: later is not a plan
                    break
                table.append(days.floor(q.end))
            far = max(low - e0 + 1, probe + 1)
            try:
                q = plan_of(pos, {templates[0].key: days.date(first + far)})[0]
                tail: int | None = days.floor(q.end) - (e0 + far) - absorbable
            except ScheduleError:  # no plan that late: the table and its last end bound it
                tail = None
            shapes[id(p)] = (e0, tuple(table), tail)
        ends.append(shapes[id(p)])
    index = {t.id: i for i, t in enumerate(trs)}
    booked = {(b.key, pos): b for pos, placed in enumerate(greedy.placed) for b in placed}
    blocks: list[tuple[int, int, int]] = []
    allowed: list[tuple[int, ...]] = []
    hint: list[tuple[int, int]] = []
    keys: list[tuple[int, str]] = []
    deadlines: list[int] = []
    for pos, (_p, templates) in enumerate(base):
        region = locs[pos].region
        for t in templates:
            blocks.append((pos, days.number(t.planned[0]), len(t.planned)))
            allowed.append(tuple(pool for covered, pool in pool_of.items() if region in covered))
            done = booked[t.key, pos]
            hint.append((trainer_pool[index[done.trainer]], days.number(done.days[0])))
            keys.append((pos, t.key))
            deadlines.append(days.floor(t.step_end) if t.spill is Spill.FORBID else -1)
    horizon = max(days.floor(e) for e in greedy.ends()) + absorbable + 1
    solution = solve_trainers(
        TrainerProblem(
            tuple(blocks),
            tuple(allowed),
            tuple(tuple(m) for m in members),
            pads,
            tuple(ends),
            tuple(hint),
            horizon,
            tuple(horizon if x < 0 else x for x in deadlines),
        ),
        time_limit=time_limit - (time.monotonic() - began),
        effort=time_limit / 40,
    )
    low = max(days.floor(bound.lower), solution.lower_bound)
    greedy_end = greedy.end(days)
    if solution.latest_end < 0:  # stopped before the solver had a plan: the greedy one stays
        return greedy, SeasonBound(
            "optimal",
            days.date(low),
            greedy_end - low,
            "cp-sat",
            solution.status,
            bound.greedy_end,
            greedy_end - low,
            "greedy",
        )
    pins = {keys[i]: (trs[solution.trainers[i]].id, solution.starts[i]) for i in range(len(keys))}
    try:
        replayed = _share(ctx, pins)
    except ScheduleError:  # pragma: no cover - the model keeps every window a step forbids leaving
        replayed = greedy
    better = (replayed.end(days), replayed.waited(days)) < (greedy_end, greedy.waited(days))
    chosen = replayed if better else greedy
    return chosen, SeasonBound(
        "optimal",
        days.date(low),
        chosen.end(days) - low,
        "cp-sat",
        solution.status,
        bound.greedy_end,
        greedy_end - low,
        "optimal" if better else "greedy",
    )


def _float(p: Plan, season_end: dt.date) -> int:
    """A locality's float against the season's end (0 if its last step holds trainings)."""
    if any(b.days for b in p.step(p.critical_path[-1]).blocks):
        return 0
    return p.slack_to(season_end)


def _slips(
    localities: tuple[SeasonLocality, ...],
    delays: Mapping[str, Sequence[Delay | tuple[str, int]]] | None,
) -> dict[str, tuple[Delay | tuple[str, int], ...]]:
    """The delays asked for, by locality id (a `ScheduleError` for an unknown locality)."""
    out: dict[str, tuple[Delay | tuple[str, int], ...]] = {}
    for lid, ds in (delays or {}).items():
        slips: list[Delay | tuple[str, int]] = []
        for d in ds:
            if isinstance(d, Delay):
                slips.append(d)
            else:  # a pair, perhaps as a list: hashable from here on
                step, weeks = d
                slips.append((step, weeks))
        out[lid] = tuple(slips)
    known = {loc.locality for loc in localities}
    unknown = sorted(lid for lid in out if lid not in known)
    if unknown:
        raise ScheduleError([Problem("delays", f"unknown locality {lid!r}") for lid in unknown])
    return out
