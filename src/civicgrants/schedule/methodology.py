"""A methodology as data: steps, sub-steps, week spans and a dependency graph.

The built-in preset
`public_spaces_methodology()` is the published
38-week calendar of the Qoğamdyq Keñıstıkter programme; users describe their own methodology in a
JSON document (``civicgrants/methodology@1``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any

import attrs
import networkx as nx

from civicgrants.errors import Problem, ScheduleError
from civicgrants.model.display import shows
from civicgrants.model.fields import (
    SCHEMA,
    choice,
    count,
    entity,
    flag,
    ident,
    many,
    text,
    type_check,
)
from civicgrants.model.limits import DEFAULT_LIMITS
from civicgrants.model.names import Names
from civicgrants.schedule.calendar import within_days, within_weeks

__all__ = [
    "Dependency",
    "Methodology",
    "NoOverlap",
    "Spill",
    "Step",
    "SubStep",
]


def _weeks(*, optional: bool = False) -> Any:
    """A whole number of weeks (or a programme week) >= 1, within the weeks limit."""
    field = count(optional=optional, minimum=1)
    field.validator(within_weeks)
    field.metadata[SCHEMA] = {"minimum": 1, "maximum": DEFAULT_LIMITS.weeks}  # the default limit
    return field


def _days(*, optional: bool = False) -> Any:
    """A whole number of working days >= 1 that fits in the weeks limit."""
    field = count(optional=optional, minimum=1)
    field.validator(within_days)
    field.metadata[SCHEMA] = {"minimum": 1, "maximum": 7 * DEFAULT_LIMITS.weeks}
    return field


def _day_count() -> Any:
    """A whole number of working days >= 0 (0 by default) that fits in the weeks limit."""
    field = count(minimum=0, default=0)
    field.validator(within_days)
    field.metadata[SCHEMA] = {"minimum": 0, "maximum": 7 * DEFAULT_LIMITS.weeks}
    return field


class Spill(enum.Enum):
    """What happens when a block of working days does not fit its week(s).

    A step's ``spill`` rule; the JSON document spells the values ``"allow"``
    and ``"forbid"``.

    Examples
    --------
    >>> Spill("forbid"), Spill.ALLOW.value
    (<Spill.FORBID: 'forbid'>, 'allow')

    See Also
    --------
    Step : carries the rule for its day blocks.
    civicgrants.schedule.plan : records a spill as a move, or raises on ``FORBID``.
    """

    ALLOW = "allow"
    """The block continues into the next working days; the plan records the move."""
    FORBID = "forbid"
    """The plan fails with a `ScheduleError`."""


@shows
@attrs.frozen
class SubStep:
    """A part of a step: a block of working days (a training) or a span of weeks.

    A sub-step with ``days`` is a block of that many working days of
    ``hours_per_day`` hours, placed in order after the step's earlier blocks.
    A sub-step with ``first_week``/``last_week`` spans those programme weeks.

    Parameters
    ----------
    key : str
        The sub-step's id (``"3.1"``), unique within the methodology.
    names : Names
        Its names in ``ru``, ``kk`` and ``en``.
    days : int, optional
        For a day block: its length in working days (>= 1, at most 7 days per
        week of the ``weeks`` limit, `weeks`).
    hours_per_day : int, optional
        For a day block: hours per day, 1 to 24.
    first_week, last_week : int, optional
        For a span of weeks: its first and last programme week, inside the
        step's (and within the ``weeks`` limit).
    note : str, optional
        Free text (a source, a doubt).

    Raises
    ------
    ValueError
        If neither or both of ``days`` and ``first_week`` are given, only one
        of ``first_week``/``last_week``, ``last_week`` before ``first_week``,
        ``hours_per_day`` without ``days`` or above 24, or a number beyond the
        ``weeks`` limit.

    Examples
    --------
    >>> SubStep("3.1", Names(en="Seminar"), days=2, hours_per_day=7).hours
    14
    >>> SubStep("6.1", Names(en="Procurement"), first_week=13, last_week=16).days is None
    True
    >>> SubStep("x", Names(en="X"))
    Traceback (most recent call last):
    ...
    ValueError: sub-step 'x': give either days (a block of working days) or first_week and last_week, not both or neither

    See Also
    --------
    Step : holds the sub-steps.
    Methodology.with_training_days : change a day block's length.
    """

    key: str = ident()
    names: Names = entity(Names)
    days: int | None = _days(optional=True)
    hours_per_day: int | None = count(optional=True, minimum=1)
    first_week: int | None = _weeks(optional=True)
    last_week: int | None = _weeks(optional=True)
    note: str | None = text(optional=True)

    def __attrs_post_init__(self) -> None:
        if (self.days is None) == (self.first_week is None):
            raise ValueError(
                f"sub-step {self.key!r}: give either days (a block of working days) "
                "or first_week and last_week, not both or neither"
            )
        if (self.first_week is None) != (self.last_week is None):
            raise ValueError(f"sub-step {self.key!r}: give both first_week and last_week")
        if (
            self.first_week is not None
            and self.last_week is not None
            and (self.last_week < self.first_week)
        ):
            raise ValueError(
                f"last_week: must be >= first_week ({self.first_week}), got {self.last_week}"
            )
        if self.hours_per_day is not None and (self.days is None or self.hours_per_day > 24):
            raise ValueError(f"hours_per_day: needs days and at most 24, got {self.hours_per_day}")

    @property
    def hours(self) -> int | None:
        """Total hours of a day block (days × hours per day)."""
        if self.days is None or self.hours_per_day is None:
            return None
        return self.days * self.hours_per_day


@shows
@attrs.frozen
class Step:
    """One step of the methodology, with its place in the calendar.

    Parameters
    ----------
    key : str
        The step's id (``"3"``, ``"team"``), unique within the methodology.
    names : Names
        Its names in ``ru``, ``kk`` and ``en``.
    first_week, last_week : int
        The published programme weeks, from 1; ``last_week >= first_week``;
        at most the ``weeks`` limit (`weeks`).
    numbered : bool
        False for a step the methodology does not number (``"team"``); True by default.
    actors : tuple of str
        Who takes part (ids such as ``"akimat"``).
    result : Names, optional
        What the step produces.
    substeps : tuple of SubStep
        Its day blocks (trainings, placed in order) and spans of weeks; keys unique.
    spill : Spill
        What happens when a day block does not fit the step's weeks
        (``Spill.ALLOW`` by default).
    note : str, optional
        Free text (a source, a doubt).
    absorbs_days : int
        The most working days the step may start late (after a step it follows
        ran over) and still keep its planned end; 0 by default (a late start
        moves its end by as many working days). A slip of more days is not
        absorbed at all: the step keeps its length and moves by the whole slip.

    Raises
    ------
    ValueError
        If ``last_week`` is before ``first_week``, or a week is beyond the
        ``weeks`` limit.

    Examples
    --------
    >>> s = Step("4", Names(en="Finalising the application"), 5, 8)
    >>> s.weeks, s.numbered, s.spill
    (4, True, <Spill.ALLOW: 'allow'>)
    >>> Step("x", Names(en="X"), 3, 2)
    Traceback (most recent call last):
    ...
    ValueError: last_week: must be >= first_week (3), got 2

    See Also
    --------
    SubStep : a step's trainings and spans of weeks.
    Methodology : the steps and their dependencies.
    civicgrants.schedule.StepPlan : a step on dates.
    """

    key: str = ident()
    names: Names = entity(Names)
    first_week: int = _weeks()
    last_week: int = _weeks()
    numbered: bool = flag(default=True)
    actors: tuple[str, ...] = many(str)
    result: Names | None = entity(Names, optional=True)
    substeps: tuple[SubStep, ...] = many(SubStep, unique=True)
    spill: Spill = choice(Spill, default=Spill.ALLOW)
    note: str | None = text(optional=True)
    absorbs_days: int = _day_count()

    def __attrs_post_init__(self) -> None:
        if self.last_week < self.first_week:
            raise ValueError(
                f"last_week: must be >= first_week ({self.first_week}), got {self.last_week}"
            )

    @property
    def weeks(self) -> int:
        """Length in weeks."""
        return self.last_week - self.first_week + 1


@shows
@attrs.frozen
class Dependency:
    """``after`` starts only once ``before`` has ended (plus ``lag_weeks`` and ``lag_days``).

    Parameters
    ----------
    before, after : str
        Step keys: ``after`` depends on ``before``.
    lag_weeks : int
        Weeks between the end of ``before`` and the start of ``after`` (0 by
        default); negative allows overlap. Its size is at most the ``weeks``
        limit (`weeks`). A plan counts a week as the calendar's working days
        in a week (as a slip does), and an overlap in calendar weeks.
    lag_days : int
        Working days that must pass after ``before`` ends (and ``lag_weeks``)
        before ``after`` starts; 0 by default. A plan moves ``after`` by days
        when its published week leaves too few.

    Raises
    ------
    ValueError
        ``lag_weeks`` is not a whole number, or larger than the ``weeks`` limit.

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> public_spaces_methodology().dependencies[2]
    Dependency(before='team', after='3', lag_weeks=0, lag_days=0)

    See Also
    --------
    NoOverlap : two steps that must not share a week, in either order.
    Methodology.graph : the dependencies as a directed graph.
    """

    before: str = ident()
    after: str = ident()
    lag_weeks: int = attrs.field(
        default=0,
        validator=[type_check(int, "a whole number of weeks"), within_weeks],
        metadata={  # the default limit, either way
            SCHEMA: {"minimum": -DEFAULT_LIMITS.weeks, "maximum": DEFAULT_LIMITS.weeks}
        },
    )
    """Weeks between the end of ``before`` and the start of ``after``; negative allows overlap."""
    lag_days: int = _day_count()
    """Working days between the end of ``before`` (and ``lag_weeks``) and the start of ``after``."""


@shows
@attrs.frozen
class NoOverlap:
    """Two steps whose weeks must not overlap (a forbidden overlap).

    Unlike a `Dependency`, it fixes no order: planning keeps the step
    that starts first (by published week) first.

    Parameters
    ----------
    first, second : str
        The two step keys.

    Examples
    --------
    >>> a = Step("a", Names(en="A"), 1, 2)
    >>> b = Step("b", Names(en="B"), 3, 4)
    >>> m = Methodology("m", Names(en="M"), 4, (a, b), exclusive=(NoOverlap("b", "a"),))
    >>> list(m.graph().edges()), list(m.planning_graph().edges())
    ([], [('a', 'b')])

    See Also
    --------
    Dependency : one step after another.
    Methodology.planning_graph : turns each pair into an edge.
    """

    first: str = ident()
    second: str = ident()


@shows
@attrs.frozen
class Methodology:
    """Steps on a calendar of ``weeks`` programme weeks, and their dependencies.

    Construction checks the whole methodology and raises
    `ScheduleError` listing every problem, each
    naming the steps involved: a cycle, a step outside the calendar, a
    forbidden overlap, a reference to an unknown step.

    Parameters
    ----------
    id : str
        The methodology's id (``"public_spaces"``).
    names : Names
        Its names in ``ru``, ``kk`` and ``en``.
    weeks : int
        The calendar's length in programme weeks: every step lies inside it,
        and a plan lasts at least this long (its end is the last day of week
        ``weeks``, or later when steps slip past it). At most the ``weeks``
        limit (`weeks`, 520 unless raised).
    steps : tuple of Step
        At least one step; keys unique. Their order breaks ties when planning.
    dependencies : tuple of Dependency
        Which step waits for which; each pair at most once, and no cycle.
    exclusive : tuple of NoOverlap
        Pairs of steps that must not share a week.
    note : str, optional
        Free text (a source, a doubt).

    Raises
    ------
    ScheduleError
        Listing every problem found (see above), each at its path
        (``dependencies[0]``, ``steps[2]`` ...).
    ValueError
        ``weeks`` is below 1 or beyond the ``weeks`` limit (as each field of a
        step, sub-step or dependency refuses a value of the wrong type or size).

    Examples
    --------
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> m = public_spaces_methodology()
    >>> [(s.key, s.first_week, s.last_week) for s in m.steps]  # doctest: +NORMALIZE_WHITESPACE
    [('1', 1, 1), ('2', 1, 1), ('team', 2, 3), ('3', 4, 4), ('4', 5, 8), ('5', 9, 12),
     ('6', 13, 33), ('7', 34, 38)]
    >>> m.step("3").substeps[0].days
    2
    >>> a, b = Step("a", Names(en="A"), 1, 2), Step("b", Names(en="B"), 2, 3)
    >>> Methodology("m", Names(en="M"), 3, (a, b), (Dependency("a", "b"),))
    Traceback (most recent call last):
    ...
    civicgrants.errors.ScheduleError: dependencies[0]: step 'b' (weeks 2–3) starts before step 'a' (weeks 1–2) has ended, but depends on it

    See Also
    --------
    civicgrants.schedule.public_spaces_methodology : the built-in preset.
    civicgrants.schedule.plan : lay a methodology on dates.
    civicgrants.schedule.plan_season : many localities sharing trainers.
    """

    id: str = ident()
    names: Names = entity(Names)
    weeks: int = _weeks()
    steps: tuple[Step, ...] = many(Step, nonempty=True, unique=True)
    dependencies: tuple[Dependency, ...] = many(Dependency)
    exclusive: tuple[NoOverlap, ...] = many(NoOverlap)
    note: str | None = text(optional=True)

    def __attrs_post_init__(self) -> None:
        problems = list(self._problems())
        if problems:
            raise ScheduleError(problems)

    def _problems(self) -> Iterator[Problem]:
        keys = {s.key: i for i, s in enumerate(self.steps)}
        for i, s in enumerate(self.steps):
            if s.last_week > self.weeks:
                yield Problem(
                    f"steps[{i}]",
                    f"step {s.key!r} (weeks {s.first_week}–{s.last_week}) lies outside the "
                    f"{self.weeks}-week calendar",
                )
            for j, sub in enumerate(s.substeps):
                if (
                    sub.first_week is not None
                    and sub.last_week is not None
                    and (sub.first_week < s.first_week or sub.last_week > s.last_week)
                ):
                    yield Problem(
                        f"steps[{i}].substeps[{j}]",
                        f"sub-step {sub.key!r} (weeks {sub.first_week}–{sub.last_week}) lies "
                        f"outside step {s.key!r} (weeks {s.first_week}–{s.last_week})",
                    )
        known = ", ".join(keys)
        bad_refs = False
        pairs: dict[tuple[str, str], int] = {}
        for i, d in enumerate(self.dependencies):
            if (d.before, d.after) in pairs:
                yield Problem(
                    f"dependencies[{i}]",
                    f"repeats dependencies[{pairs[d.before, d.after]}] ({d.before!r} → {d.after!r}); "
                    "give each pair once, with its lag",
                )
            pairs.setdefault((d.before, d.after), i)
            for end in ("before", "after"):
                if getattr(d, end) not in keys:
                    bad_refs = True
                    yield Problem(
                        f"dependencies[{i}].{end}",
                        f"unknown step {getattr(d, end)!r} (steps: {known})",
                    )
        for i, pair in enumerate(self.exclusive):
            for end in ("first", "second"):
                if getattr(pair, end) not in keys:
                    bad_refs = True
                    yield Problem(
                        f"exclusive[{i}].{end}",
                        f"unknown step {getattr(pair, end)!r} (steps: {known})",
                    )
        if bad_refs:
            return
        graph = self.graph()
        try:
            cycle = nx.find_cycle(graph)
        except nx.NetworkXNoCycle:
            cycle = []
        if cycle:
            path = " → ".join([str(u) for u, _v in cycle] + [str(cycle[0][0])])
            yield Problem("dependencies", f"the dependencies form a cycle: {path}")
            return
        for i, d in enumerate(self.dependencies):
            a, b = self.step(d.before), self.step(d.after)
            if b.first_week < a.last_week + 1 + d.lag_weeks:
                yield Problem(
                    f"dependencies[{i}]",
                    f"step {b.key!r} (weeks {b.first_week}–{b.last_week}) starts before step "
                    f"{a.key!r} (weeks {a.first_week}–{a.last_week}) has ended, but depends on it",
                )
        for i, pair in enumerate(self.exclusive):
            a, b = self.step(pair.first), self.step(pair.second)
            if a.first_week <= b.last_week and b.first_week <= a.last_week:
                yield Problem(
                    f"exclusive[{i}]",
                    f"steps {a.key!r} (weeks {a.first_week}–{a.last_week}) and {b.key!r} "
                    f"(weeks {b.first_week}–{b.last_week}) must not overlap",
                )

    def step(self, key: str) -> Step:
        """The step with this key (``KeyError`` naming the known keys if absent).

        Parameters
        ----------
        key : str
            A step key.

        Returns
        -------
        Step

        Raises
        ------
        KeyError
            If no step has this key; the message lists the known keys.

        Examples
        --------
        >>> from civicgrants.schedule import public_spaces_methodology
        >>> m = public_spaces_methodology()
        >>> print(m.step("6").names.get("en"))
        Mini-project implementation
        >>> m.step("9")
        Traceback (most recent call last):
        ...
        KeyError: "unknown step '9'; steps: 1, 2, team, 3, 4, 5, 6, 7"

        See Also
        --------
        civicgrants.schedule.Plan.step : the step on dates.
        """
        for s in self.steps:
            if s.key == key:
                return s
        raise KeyError(f"unknown step {key!r}; steps: {', '.join(s.key for s in self.steps)}")

    def graph(self) -> nx.DiGraph[str]:
        """The dependency graph: a node per step key, an edge ``before → after``.

        Returns
        -------
        networkx.DiGraph
            A new graph on each call; every edge carries its ``lag_weeks``.

        Examples
        --------
        >>> from civicgrants.schedule import public_spaces_methodology
        >>> g = public_spaces_methodology().graph()
        >>> sorted(g.predecessors("team")), g.edges["team", "3"]
        (['1', '2'], {'lag_weeks': 0, 'lag_days': 0})

        See Also
        --------
        Methodology.planning_graph : the graph planning follows.
        """
        g: nx.DiGraph[str] = nx.DiGraph()
        for s in self.steps:
            g.add_node(s.key)
        for d in self.dependencies:
            g.add_edge(d.before, d.after, lag_weeks=d.lag_weeks, lag_days=d.lag_days)
        return g

    def planning_graph(self) -> nx.DiGraph[str]:
        """The dependency graph plus one edge per forbidden overlap, earlier step first.

        Planning follows this graph, so a slip can never make two steps that
        must not overlap share a week: the later one waits.

        Returns
        -------
        networkx.DiGraph
            `graph()` plus an edge with ``lag_weeks`` 0 from the earlier
            step of each `NoOverlap` pair to the later one (by
            ``first_week``; the first named on a tie), unless a dependency
            already links them that way.

        Examples
        --------
        >>> a = Step("a", Names(en="A"), 1, 2)
        >>> b = Step("b", Names(en="B"), 3, 4)
        >>> m = Methodology("m", Names(en="M"), 4, (a, b), exclusive=(NoOverlap("b", "a"),))
        >>> list(m.planning_graph().edges(data=True))
        [('a', 'b', {'lag_weeks': 0, 'lag_days': 0})]

        See Also
        --------
        Methodology.graph : the dependencies alone.
        """
        g = self.graph()
        for pair in self.exclusive:
            a, b = self.step(pair.first), self.step(pair.second)
            first, second = (a, b) if a.first_week <= b.first_week else (b, a)
            if not g.has_edge(first.key, second.key):
                g.add_edge(first.key, second.key, lag_weeks=0, lag_days=0)
        return g

    def with_training_days(self, substep: str, days: int) -> Methodology:
        """A copy where the day block ``substep`` lasts ``days`` working days.

        Parameters
        ----------
        substep : str
            The key of a day block (``"3.1"``).
        days : int
            Its new length in working days (>= 1).

        Returns
        -------
        Methodology
            A new methodology; this one is unchanged.

        Raises
        ------
        KeyError
            If no sub-step has this key.
        ValueError
            If the sub-step is a span of weeks, or ``days`` is below 1.

        Examples
        --------
        >>> from civicgrants.schedule import public_spaces_methodology
        >>> m = public_spaces_methodology()
        >>> m.with_training_days("3.2", 4).step("3").substeps[1].days, m.step("3").substeps[1].days
        (4, 3)
        >>> m.with_training_days("6.1", 3)
        Traceback (most recent call last):
        ...
        ValueError: sub-step '6.1' is a span of weeks, not a day block

        See Also
        --------
        civicgrants.schedule.public_spaces_methodology : its ``training_3_1_days`` uses this.
        """
        steps = []
        found = False
        for s in self.steps:
            subs = []
            for sub in s.substeps:
                if sub.key == substep:
                    if sub.days is None:
                        raise ValueError(
                            f"sub-step {substep!r} is a span of weeks, not a day block"
                        )
                    sub = attrs.evolve(sub, days=days)
                    found = True
                subs.append(sub)
            steps.append(attrs.evolve(s, substeps=tuple(subs)))
        if not found:
            raise KeyError(f"no sub-step {substep!r}")
        return attrs.evolve(self, steps=tuple(steps))
