"""The Method of Equal Shares with lower and upper bounds per district or category.

Cities that vote city-wide often want each district (or category) to get at
least some money and at most some share. `equal_shares_bounded()` adds such
group constraints ("project groups" in the sense of Jain, Sornat, Talmon and
Zehavi, *Participatory Budgeting with Project Groups*, IJCAI 2021: a project
may belong to several groups, each group has a lower and an upper bound on the
money its funded projects cost) to MES, in two documented, exact phases:

1. **Upper bounds, inside MES.** MES counts as usual
   (`civicgrants.pb.rules.equal_shares.equal_shares()`, no completion). When
   the project it would fund next would bring one of its groups above that
   group's upper bound, the project is skipped (the decision says which group
   and by how much) and MES goes on as if the project had not been on the
   ballot from that round on. Group totals only grow, so a skipped project
   could never be funded later: skipping is final. Counting MES again without
   the skipped project gives exactly these rounds, which is how it is computed
   (with the counting engine's exact arithmetic).
2. **Lower bounds, after MES.** While some group's funded total is below its
   lower bound, the project funded next is, among the unfunded projects of
   such groups that fit in what the budget has left and break no upper bound,
   the one with the most satisfaction per unit of cost (the utilitarian greedy
   order of `civicgrants.pb.rules.greedy.greedy()`, ties by ``tie_break``). It
   is the utilitarian completion of MES restricted to the groups that are
   short. The phase never removes what MES funded and never exceeds the
   budget. If a group is still short when no such project is left, the count
   stops with a located error naming the group (another selection might meet
   the bound: this procedure does not search for one).

When no bound binds, the outcome is plain MES's.

Examples
--------
>>> from civicgrants.pb.election import Election
>>> e = Election.from_ballots(
...     {"n1": 40, "n2": 30, "s1": 30}, [["n1", "n2"]] * 3 + [["s1"]], budget=100
... )
>>> groups = {"n1": "north", "n2": "north", "s1": "south"}
>>> equal_shares_bounded(e, groups=groups, bounds={"north": (0, 50)}).selected
('n1',)
>>> o = equal_shares_bounded(e, groups=groups, bounds={"north": (0, 50), "south": (30, None)})
>>> o.selected, o.explain("s1")[-1].reason
(('n1', 's1'), 'funded for the lower bound of south: 0 funded of 30, cost 30 fits in the 60 left')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from civicgrants.pb.election import Election, check_sat, default_sat, invalid, to_exact
from civicgrants.pb.outcome import Outcome, ProjectDecision, plain_number
from civicgrants.pb.rules.greedy import total_satisfaction
from civicgrants.pb.rules.mes_engine import run_mes
from civicgrants.pb.ties import tie_keys

__all__ = ["Bound", "equal_shares_bounded", "parse_bounds", "project_groups"]

Bound = tuple[int | Decimal | str | None, int | Decimal | str | None]
"""A group's ``(lower, upper)`` bound: exact amounts, ``None`` for no bound on that side."""


def parse_bounds(spec: str) -> dict[str, Bound]:
    """Bounds written as text: ``sport=0:50000,culture=10000:`` (``group=lower:upper``).

    Parts are separated by commas (a group name has none: categories are
    comma-separated in a ``.pb`` file); either side of the colon may be left
    empty for no bound there. Each amount is checked exactly (`to_exact()`).

    Parameters
    ----------
    spec : str
        The bounds, as ``civicgrants pb --bounds`` takes them.

    Returns
    -------
    dict of str to Bound
        For each group, ``(lower, upper)`` as exact `Decimal` amounts or ``None``.

    Raises
    ------
    ValidationError
        Located ``bounds[k]`` (the part, from 0): a part without ``=`` or
        ``:``, an empty group name, a group given twice, an amount that is not
        exact, a part with neither bound; ``bounds`` for an empty text.

    Examples
    --------
    >>> parse_bounds("sport=0:50000, culture=10000:")
    {'sport': (Decimal('0'), Decimal('50000')), 'culture': (Decimal('10000'), None)}
    >>> parse_bounds("sport=5")
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: bounds[0]: 'sport=5' must read group=lower:upper (either side may be empty), with one ':'

    See Also
    --------
    equal_shares_bounded : counts with the bounds.
    """
    parts = [x.strip() for x in spec.split(",")]
    if not spec.strip():
        raise invalid("bounds", "give at least one group=lower:upper")
    out: dict[str, Bound] = {}
    for k, part in enumerate(parts):
        where = f"bounds[{k}]"
        group, eq, pair = part.rpartition("=")
        group = group.strip()
        if not eq or pair.count(":") != 1:
            raise invalid(
                where,
                f"{part!r:.60} must read group=lower:upper (either side may be empty), with one ':'",
            )
        if not group:
            raise invalid(where, f"{part!r:.60} names no group before '='")
        if group in out:
            raise invalid(where, f"the group {group!r:.60} is bounded twice")
        lo, hi = (x.strip() for x in pair.split(":"))
        if not lo and not hi:
            raise invalid(where, f"{part!r:.60} gives neither a lower nor an upper bound")
        out[group] = (
            to_exact(lo, f"{where}.lower") if lo else None,
            to_exact(hi, f"{where}.upper") if hi else None,
        )
    return out


def project_groups(
    election: Election, groups: str | Mapping[str, str | Sequence[str]]
) -> list[tuple[str, ...]]:
    """Each project's groups, from a PROJECTS column or a mapping.

    Parameters
    ----------
    election : Election
        The vote.
    groups : str or Mapping
        The name of a PROJECTS column (``"category"``, ``"district"``...;
        values separated by commas, as pabulib writes categories), or a mapping
        from project id to a group name or a sequence of names. A project with
        no group is bound by nothing.

    Returns
    -------
    list of tuple of str
        Aligned with ``election.project_ids``.

    Raises
    ------
    ValidationError
        A column the file does not have, or a project id the election does not
        have.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 1, "b": 2}, [["a"]], budget=3)
    >>> project_groups(e, {"a": "north", "b": ["north", "parks"]})
    [('north',), ('north', 'parks')]

    See Also
    --------
    equal_shares_bounded : counts with the groups.
    """
    if isinstance(groups, str):
        if groups not in election.project_columns:
            raise invalid(
                "groups",
                f"the projects have no column {groups!r} "
                f"(columns: {', '.join(election.project_columns)})",
            )
        col = election.project_columns.index(groups)
        return [
            tuple(x.strip() for x in row[col].split(",") if x.strip()) if col < len(row) else ()
            for row in election.project_rows
        ]
    out: list[tuple[str, ...]] = [()] * election.n_projects
    for pid, names in groups.items():
        if pid not in election.project_ids:
            raise invalid(f"groups.{pid}", "no such project in the election")
        out[election.index(pid)] = (names,) if isinstance(names, str) else tuple(names)
    return out


def _bounds(
    bounds: Mapping[str, Bound], member: list[tuple[str, ...]]
) -> dict[str, tuple[Decimal, Decimal | None]]:
    known = {g for names in member for g in names}
    out: dict[str, tuple[Decimal, Decimal | None]] = {}
    for g, pair in bounds.items():
        if g not in known:
            raise invalid(f"bounds.{g}", "no project is in this group")
        lo = Decimal(0) if pair[0] is None else to_exact(pair[0], f"bounds.{g}.lower")
        hi = None if pair[1] is None else to_exact(pair[1], f"bounds.{g}.upper")
        if lo < 0 or (hi is not None and hi < lo):
            raise invalid(f"bounds.{g}", f"need 0 <= lower <= upper, got ({lo}, {hi})")
        out[g] = (lo, hi)
    return out


def _over(
    p: int,
    member: list[tuple[str, ...]],
    spent: Mapping[str, Decimal],
    costs: Sequence[Decimal],
    limits: Mapping[str, tuple[Decimal, Decimal | None]],
) -> str | None:
    for g in member[p]:
        hi = limits.get(g, (Decimal(0), None))[1]
        if hi is not None and spent.get(g, Decimal(0)) + costs[p] > hi:
            return g
    return None


def equal_shares_bounded(
    election: Election,
    sat: str | None = None,
    *,
    groups: str | Mapping[str, str | Sequence[str]] = "category",
    bounds: Mapping[str, Bound],
    tie_break: str = "lexico",
    exact: bool = False,
) -> Outcome:
    """MES with a lower and an upper bound on the money each group of projects gets.

    See the module for the two phases (upper bounds skip purchases inside MES;
    lower bounds are met after it, greedily, within the budget).

    Parameters
    ----------
    election : Election
        The vote.
    sat : str, optional
        The satisfaction; by default the ballots' own (`default_sat()`).
    groups : str or Mapping
        Each project's groups (see `project_groups()`; default: the
        ``category`` column).
    bounds : Mapping
        For a group name, ``(lower, upper)`` exact amounts; ``None`` for no
        bound on that side.
    tie_break : str
        One of `TIE_BREAKS` (default ``lexico``).
    exact : bool
        Count MES with exact fractions throughout (as in `equal_shares()`).

    Returns
    -------
    Outcome
        Rule ``"mes_bounded"``: MES's decisions, each skip (phase ``bounds``,
        not selected) and each project funded for a lower bound (phase
        ``bounds``, selected), with the group and the amounts.

    Raises
    ------
    ValidationError
        A bound on a group no project is in, a bound that is not an exact
        amount or has lower above upper (``bounds.<group>``), a lower bound the
        procedure cannot reach within the budget and the upper bounds
        (``bounds.<group>``), unknown groups column or project, tie-break or
        satisfaction.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 60, "b": 50}, [["a"], ["a"], ["b"]], budget=150)
    >>> o = equal_shares_bounded(e, groups={"a": "x", "b": "y"}, bounds={"x": (None, 40)})
    >>> o.selected, o.explain("a")[0].reason
    (('b',), 'skipped in round 1: would bring x to 60, above its upper bound 40')

    See Also
    --------
    civicgrants.pb.rules.equal_shares.equal_shares : MES without bounds.
    """
    sat = sat or default_sat(election)
    check_sat(election, sat)
    rank = tie_keys(election, tie_break)
    member = project_groups(election, groups)
    limits = _bounds(bounds, member)
    costs = election.costs
    ids = election.project_ids
    out_of_reach = election.budget + 1  # more than all voters hold: MES can never fund it
    skipped: dict[int, ProjectDecision] = {}
    while True:
        counted = attrs.evolve(
            election,
            costs=tuple(out_of_reach if i in skipped else c for i, c in enumerate(costs)),
        )
        run = run_mes(counted, sat, rank, None, exact)
        spent: dict[str, Decimal] = {}
        step = {d.project: d.step for d in run.decisions if d.selected}
        hit = None
        for p in run.selected:
            g = _over(p, member, spent, costs, limits)
            if g is not None:
                hit = (p, g)
                break
            for h in member[p]:
                spent[h] = spent.get(h, Decimal(0)) + costs[p]
        if hit is None:
            break
        p, g = hit
        hi = limits[g][1]
        skipped[p] = ProjectDecision(
            ids[p],
            False,
            step[ids[p]],
            "bounds",
            f"skipped in round {step[ids[p]]}: would bring {g} to "
            f"{plain_number(spent.get(g, Decimal(0)) + costs[p])}, "
            f"above its upper bound {plain_number(hi or Decimal(0))}",
            (("group", g), ("upper", str(hi))),
        )
    decisions = [d for d in run.decisions if election.index(d.project) not in skipped]
    decisions += sorted(skipped.values(), key=lambda d: d.step)
    selected = list(run.selected)
    total = sum((costs[i] for i in selected), Decimal(0))
    worth = total_satisfaction(election, sat)
    chosen = set(selected)
    n_round = len(run.selected)
    while True:
        short = [g for g, (lo, _) in limits.items() if spent.get(g, Decimal(0)) < lo]
        if not short:
            break
        left = election.budget - total
        pool = [
            p
            for p in range(election.n_projects)
            if p not in chosen
            and costs[p] > 0
            and costs[p] <= left
            and any(g in short for g in member[p])
            and _over(p, member, spent, costs, limits) is None
        ]
        if not pool:
            g = short[0]
            raise invalid(
                f"bounds.{g}",
                f"lower bound {plain_number(limits[g][0])} not reached: "
                f"{plain_number(spent.get(g, Decimal(0)))} funded, and no unfunded project of "
                f"the group fits in the {plain_number(left)} left within the upper bounds",
            )
        p = min(pool, key=lambda i: (-worth[i] / Fraction(costs[i]), rank[i]))
        g = next(h for h in member[p] if h in short)
        n_round += 1
        decisions.append(
            ProjectDecision(
                ids[p],
                True,
                n_round,
                "bounds",
                f"funded for the lower bound of {g}: "
                f"{plain_number(spent.get(g, Decimal(0)))} funded of "
                f"{plain_number(limits[g][0])}, cost {plain_number(costs[p])} fits in the "
                f"{plain_number(left)} left",
                (("group", g), ("lower", str(limits[g][0]))),
            )
        )
        selected.append(p)
        chosen.add(p)
        total += costs[p]
        for h in member[p]:
            spent[h] = spent.get(h, Decimal(0)) + costs[p]
    return Outcome(
        "mes_bounded",
        sat,
        None,
        tie_break,
        tuple(ids[i] for i in selected),
        total,
        election.budget,
        tuple(decisions),
    )
