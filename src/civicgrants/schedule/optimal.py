"""The optimal plan for shared trainers: a CP-SAT model (OR-Tools, the ``optimal`` extra).

`solve_trainers()` takes a season's trainings as plain numbers (working-day
numbers, trainer indices) and returns, for every training, the trainer and
first day that minimise the latest end of the season, then the total wait of
the trainings, with the solver's proven lower bound. `plan_season(...,
method="optimal")` builds the problem, replays the answer through its own
placement (so every date, move and reason comes from the same rules as the
greedy plan) and keeps the greedy plan when it is not later.

The model is a relaxation of the real season, so its bound is a true lower
bound on the real season's end:

* each training is an optional interval per eligible trainer, exactly one
  present; a trainer's intervals do not overlap;
* the trainings of a locality follow one another (3.1 before 3.2);
* travel: after a locality's last training a trainer keeps ``pads[t]`` working
  days free (the least travel the trainer may need); travel after a training
  that the same locality continues is not modelled;
* a locality whose last training ends on ``E`` ends no earlier than its plan
  does with the training ending then, measured for the first days late (and,
  as the end never falls when the training ends later, no earlier than the
  last of those beyond), and no earlier than ``E`` plus its rigid tail less
  every day its steps could absorb.
"""

from __future__ import annotations

from typing import Any

import attrs

from civicgrants.errors import MissingExtra
from civicgrants.model.display import shows

__all__ = ["TrainerProblem", "TrainerSolution", "solve_trainers"]


@shows
@attrs.frozen
class TrainerProblem:
    """A season's trainings as numbers, for `solve_trainers()`.

    Trainers who cover the same regions form a pool: the model chooses a pool
    for each training and keeps the pool's trainings within its size at any
    time, which is both smaller and as strong as a choice of trainer; the
    trainers are named afterwards, in date order.

    Attributes
    ----------
    blocks : tuple of (int, int, int)
        Per training: its locality's index, its release (the first working-day
        number it may start on) and its length in working days; the trainings
        of one locality in their order.
    eligible : tuple of tuple of int
        Per training, the indices of the pools that may run it.
    pools : tuple of tuple of int
        Per pool, its trainers' indices.
    pads : tuple of int
        Per pool, the working days a trainer keeps free after a locality's last training.
    ends : tuple of (int, tuple of int, int or None)
        Per locality ``(e0, table, tail)``: with its last training ending on
        ``E`` (>= ``e0``), its end is at least ``table[min(E - e0, len(table) - 1)]``
        and, unless ``tail`` is None, at least ``E + tail``; ``table[0]`` is its
        end with no wait.
    hint : tuple of (int, int)
        Per training, a feasible (pool, start): the greedy plan's.
    horizon : int
        No training ends after this working-day number.
    deadlines : tuple of int
        Per training, the last working-day number it may end on (the end of
        its step's weeks when the step forbids a spill); empty for none.

    Examples
    --------
    Two localities with one training of 2 days each, one pool of one trainer
    who needs a day between them:

    >>> p = TrainerProblem(
    ...     blocks=((0, 0, 2), (1, 0, 2)), eligible=((0,), (0,)), pools=((0,),), pads=(1,),
    ...     ends=((1, (10,), 5), (1, (10,), 5)), hint=((0, 0), (0, 3)), horizon=20)
    >>> len(p.blocks), p.pools
    (2, ((0,),))

    See Also
    --------
    solve_trainers : solves it.
    civicgrants.schedule.plan_season : builds it with ``method="optimal"``.
    """

    blocks: tuple[tuple[int, int, int], ...]
    eligible: tuple[tuple[int, ...], ...]
    pools: tuple[tuple[int, ...], ...]
    pads: tuple[int, ...]
    ends: tuple[tuple[int, tuple[int, ...], int | None], ...]
    hint: tuple[tuple[int, int], ...]
    horizon: int
    deadlines: tuple[int, ...] = ()

    def last_blocks(self) -> dict[int, int]:
        """Each locality's last training, by the locality's index.

        Returns
        -------
        dict of int to int
            The index in ``blocks`` of each locality's last training.

        Examples
        --------
        >>> TrainerProblem(((0, 0, 2), (0, 2, 3)), ((0,), (0,)), ((0,),), (0,),
        ...                ((1, (5,), None),), ((0, 0), (0, 2)), 9).last_blocks()
        {0: 1}

        See Also
        --------
        solve_trainers : pads a locality's last training with travel.
        """
        last: dict[int, int] = {}
        for i, (loc, _release, _length) in enumerate(self.blocks):
            last[loc] = i
        return last


@shows
@attrs.frozen
class TrainerSolution:
    """The solver's answer: per training its trainer and start, and the bound.

    Attributes
    ----------
    trainers, starts : tuple of int
        Per training, the trainer's index and the first working-day number.
    latest_end : int
        The model's latest end of a locality (a working-day number).
    lower_bound : int
        No plan ends before this working-day number (proven by the solver).
    status : str
        ``OPTIMAL`` (proven), ``FEASIBLE`` (stopped by the limit with a plan)
        ``UNKNOWN`` (stopped before it had one) or ``INFEASIBLE``; without a
        plan, ``trainers`` and ``starts`` are the hint's and ``latest_end`` is -1.

    Examples
    --------
    >>> s = TrainerSolution((0, 0), (0, 3), 10, 10, "OPTIMAL")
    >>> s.latest_end - s.lower_bound  # the gap, in working days
    0

    See Also
    --------
    solve_trainers : gives it.
    civicgrants.schedule.SeasonBound : the season's bound and gap, in dates.
    """

    trainers: tuple[int, ...]
    starts: tuple[int, ...]
    latest_end: int
    lower_bound: int
    status: str


def solve_trainers(
    problem: TrainerProblem,
    *,
    time_limit: float = 10.0,
    effort: float | None = None,
    seed: int = 0,
) -> TrainerSolution:
    """Minimise the latest end, then the total wait, of a season's trainings with CP-SAT.

    The search uses CP-SAT's interleaved parallel search (deterministic) with
    the given ``seed``. It stops on CP-SAT's deterministic time ``effort``
    (a fortieth of ``time_limit`` by default: the same answer on every
    machine), or after ``time_limit`` seconds on the wall clock, whichever
    comes first; ``status`` then says ``(stopped by the clock)``, because such
    an answer may differ between runs. With no time left it does not search
    (``UNKNOWN (no time left)``).

    Parameters
    ----------
    problem : TrainerProblem
        The trainings, pools and ends, with a feasible hint.
    time_limit : float
        Seconds on the wall clock.
    effort : float, optional
        CP-SAT's deterministic time limit (``time_limit / 40`` by default).
    seed : int
        The solver's random seed.

    Returns
    -------
    TrainerSolution

    Raises
    ------
    MissingExtra
        OR-Tools is not installed (``pip install 'civicgrants[optimal]'``).

    Examples
    --------
    >>> p = TrainerProblem(
    ...     blocks=((0, 0, 2), (1, 0, 2)), eligible=((0,), (0,)), pools=((0,),), pads=(1,),
    ...     ends=((1, (10,), 5), (1, (10,), 5)), hint=((0, 0), (0, 3)), horizon=20)
    >>> s = solve_trainers(p, time_limit=5)
    >>> s.status, s.latest_end, s.lower_bound, sorted(s.starts)
    ('OPTIMAL', 10, 10, [0, 3])

    See Also
    --------
    TrainerProblem : the input.
    civicgrants.schedule.plan_season : ``method="optimal"`` replays the answer.
    """
    try:
        from ortools.sat.python import cp_model
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtra("the optimal trainer plan", "optimal") from exc

    model = cp_model.CpModel()
    last_of = problem.last_blocks()
    starts: list[Any] = []
    chosen: list[dict[int, Any]] = []
    per_pool: list[list[Any]] = [[] for _ in problem.pools]
    slip = []
    for i, (loc, release, length) in enumerate(problem.blocks):
        last = problem.deadlines[i] if problem.deadlines else problem.horizon
        start = model.new_int_var(
            release, max(release, min(problem.horizon, last) - length + 1), f"s{i}"
        )
        starts.append(start)
        lits: dict[int, Any] = {}
        is_last = last_of[loc] == i
        for pool in problem.eligible[i]:
            lit = model.new_bool_var(f"x{i}_{pool}")
            size = length + (problem.pads[pool] if is_last else 0)
            per_pool[pool].append(
                model.new_optional_fixed_size_interval_var(start, size, lit, f"i{i}_{pool}")
            )
            lits[pool] = lit
        model.add_exactly_one(lits.values())
        chosen.append(lits)
        slip.append(start - release)
        if i and problem.blocks[i - 1][0] == loc:
            model.add(start >= starts[i - 1] + problem.blocks[i - 1][2])
    for pool, intervals in enumerate(per_pool):
        if len(problem.pools[pool]) == 1:
            model.add_no_overlap(intervals)
        elif intervals:
            model.add_cumulative(intervals, [1] * len(intervals), len(problem.pools[pool]))
    lows = [table[0] for _e0, table, _tail in problem.ends]
    top = max(
        [problem.horizon + (tail or 0) for _e0, _t, tail in problem.ends]
        + [max(table) for _e0, table, _tail in problem.ends]
    )
    latest = model.new_int_var(max(lows, default=0), max(top, max(lows, default=0)), "latest")
    for loc, (e0, table, tail) in enumerate(problem.ends):
        model.add(latest >= table[0])
        if loc not in last_of:
            continue
        i = last_of[loc]
        ends_on = starts[i] + problem.blocks[i][2] - 1
        if len(table) > 1:
            at = model.new_int_var(0, len(table) - 1, f"k{loc}")
            model.add_min_equality(at, [ends_on - e0, len(table) - 1])
            end = model.new_int_var(min(table), max(table), f"e{loc}")
            model.add_element(at, list(table), end)
            model.add(latest >= end)
        if tail is not None:
            model.add(latest >= ends_on + tail)
    weight = sum(max(problem.horizon - r, 0) for _l, r, _n in problem.blocks) + 1
    model.minimize(latest * weight + sum(slip))
    for i, (pool, value) in enumerate(problem.hint):
        model.add_hint(starts[i], value)
        for other, lit in chosen[i].items():
            model.add_hint(lit, other == pool)

    low = max(lows, default=0)
    if time_limit <= 0:
        return TrainerSolution(
            _name(problem, [p for p, _s in problem.hint], [s for _p, s in problem.hint]),
            tuple(s for _p, s in problem.hint),
            -1,
            low,
            "UNKNOWN (no time left)",
        )
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.max_deterministic_time = effort if effort is not None else time_limit / 40
    solver.parameters.interleave_search = True
    solver.parameters.num_workers = 2
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return TrainerSolution(
            _name(problem, [p for p, _s in problem.hint], [s for _p, s in problem.hint]),
            tuple(s for _p, s in problem.hint),
            -1,
            low,
            solver.status_name(status),
        )
    name = solver.status_name(status)
    if status == cp_model.FEASIBLE and solver.response_proto.deterministic_time < (
        solver.parameters.max_deterministic_time
    ):
        name += " (stopped by the clock)"
    pools = [
        next(p for p, lit in chosen[i].items() if solver.boolean_value(lit))
        for i in range(len(problem.blocks))
    ]
    values = [solver.value(s) for s in starts]
    return TrainerSolution(
        _name(problem, pools, values),
        tuple(values),
        solver.value(latest),
        max(int(solver.best_objective_bound) // weight, low),
        name,
    )


def _name(problem: TrainerProblem, pools: list[int], starts: list[int]) -> tuple[int, ...]:
    """A trainer for each training: in date order, the pool's first trainer free by then."""
    last_of = problem.last_blocks()
    free: dict[int, int] = {}  # trainer -> the first working-day number it is free again
    named = [-1] * len(problem.blocks)
    for i in sorted(range(len(problem.blocks)), key=lambda i: (starts[i], i)):
        loc, _release, length = problem.blocks[i]
        pad = problem.pads[pools[i]] if last_of[loc] == i else 0
        members = problem.pools[pools[i]]
        trainer = next((t for t in members if free.get(t, -1) <= starts[i]), None)
        if trainer is None:  # only for a hint that is not the solver's: the earliest free
            trainer = min(members, key=lambda t: (free.get(t, -1), t))
        named[i] = trainer
        free[trainer] = max(free.get(trainer, -1), starts[i]) + length + pad
    return tuple(named)
