"""pabutools (GPL, test-only) as the oracle for residents' votes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from fractions import Fraction
from typing import Any

from civicgrants.pb import Election
from civicgrants.pb.rules.greedy import total_satisfaction

SAT_CLASSES = {
    "cost": "Cost_Sat",
    "cardinality": "Cardinality_Sat",
    "points": "Additive_Cardinal_Sat",
    "borda": "Additive_Borda_Sat",
    "effort": "Effort_Sat",
    "additive_cost_sqrt": "Additive_Cost_Sqrt_Sat",
    "cc": "CC_Sat",
    "cost_sqrt": "Cost_Sqrt_Sat",
    "cost_log": "Cost_Log_Sat",
    "additive_cost_log": "Additive_Cost_Log_Sat",
    "relative_cardinality": "Relative_Cardinality_Sat",
    "relative_cost": "Relative_Cost_Sat",
    "relative_cost_approx": "Relative_Cost_Approx_Normaliser_Sat",
    "relative_points": "Additive_Cardinal_Relative_Sat",
}


def to_pabutools(e: Election) -> tuple[Any, Any]:
    """Build pabutools' instance and profile directly (no text round trip)."""
    from pabutools.election import (
        ApprovalBallot,
        ApprovalProfile,
        CardinalBallot,
        CardinalProfile,
        CumulativeBallot,
        CumulativeProfile,
        Instance,
        OrdinalBallot,
        OrdinalProfile,
        Project,
    )

    projects = [Project(p, Fraction(c)) for p, c in zip(e.project_ids, e.costs, strict=True)]
    inst = Instance(projects, budget_limit=Fraction(e.budget))
    ballots: list[Any] = []
    for v in range(e.n_voters):
        lo, hi = int(e.indptr[v]), int(e.indptr[v + 1])
        chosen = [projects[int(i)] for i in e.indices[lo:hi]]
        if e.vote_type == "approval":
            ballots.append(ApprovalBallot(chosen))
        elif e.vote_type in ("cumulative", "scoring"):
            assert e.points is not None
            given = {p: int(x) for p, x in zip(chosen, e.points[lo:hi], strict=True)}
            kind = CumulativeBallot if e.vote_type == "cumulative" else CardinalBallot
            ballots.append(kind(given))
        else:
            ballots.append(OrdinalBallot(chosen))
    profile: Any
    if e.vote_type == "approval":
        profile = ApprovalProfile(ballots, instance=inst)
    elif e.vote_type == "cumulative":
        profile = CumulativeProfile(ballots, instance=inst)
    elif e.vote_type == "scoring":
        profile = CardinalProfile(ballots, instance=inst)
    else:
        profile = OrdinalProfile(ballots, instance=inst)
    return inst, profile


def user_sat_class(sat: Any, election: Election) -> Any:
    """A pabutools additive satisfaction class scoring as a `UserSat` does on ``election``.

    The voter is found by the ballot's content, so the score must depend on the
    ballot only (equal ballots, equal scores).
    """
    from pabutools.election.satisfaction import AdditiveSatisfaction
    from pabutools.fractions import frac

    def func(inst: Any, profile: Any, ballot: Any, project: Any, pre: Any) -> Any:
        if project not in ballot:
            return 0
        voter = next(v for v in range(election.n_voters) if _same(election, v, ballot))
        x = Fraction(sat.score(election, voter, project.name))
        return frac(x.numerator, x.denominator)  # pabutools' own fraction type

    class UserSatClass(AdditiveSatisfaction):  # type: ignore[misc]
        def __init__(self, inst: Any, profile: Any, ballot: Any) -> None:
            AdditiveSatisfaction.__init__(self, inst, profile, ballot, func)

    return UserSatClass


def _same(e: Election, v: int, ballot: Any) -> bool:
    """Whether voter ``v``'s ballot is ``ballot`` (names, and points where there are any)."""
    ours = e.ballot(v)
    if e.vote_type == "ordinal":
        return tuple(p.name for p in ballot) == ours
    if e.points is not None:
        lo = int(e.indptr[v])
        pts = e.points.tolist()[lo : lo + len(ours)] if e.points is not None else []
        return {p.name: Fraction(x) for p, x in ballot.items()} == dict(
            zip(ours, map(Fraction, pts), strict=True)
        )
    return sorted(p.name for p in ballot) == sorted(ours)


def pabutools_select(
    inst: Any, profile: Any, rule: str, sat: Any, completion: str | None = None
) -> tuple[str, ...]:
    """pabutools' selection (names, in selection order) for our rule/sat/completion names.

    ``sat`` is one of our names, or a pabutools satisfaction class (`user_sat_class()`).
    """
    import pabutools.election as pe
    from pabutools.rules import (
        completion_by_rule_combination,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    sat_class = getattr(pe, SAT_CLASSES[sat]) if isinstance(sat, str) else sat
    if rule == "greedy":
        out = greedy_utilitarian_welfare(inst, profile, sat_class=sat_class)
    elif completion is None:
        out = method_of_equal_shares(inst, profile, sat_class=sat_class)
    elif completion == "add1":
        out = method_of_equal_shares(inst, profile, sat_class=sat_class, voter_budget_increment=1)
    else:
        mes_params: dict[str, Any] = {"sat_class": sat_class}
        if completion == "add1_utilitarian":
            mes_params["voter_budget_increment"] = 1
        out = completion_by_rule_combination(
            inst,
            profile,
            [method_of_equal_shares, greedy_utilitarian_welfare],
            [mes_params, {"sat_class": sat_class}],
        )
    return tuple(p.name for p in out)


def pabutools_general(inst: Any, prof: Any, rule: str, sat_class: Any) -> tuple[str, ...]:
    """pabutools' outcome; MES with ``binary_sat=False``.

    On an approval profile pabutools' MES assumes by default (``binary_sat=True``) that
    every supporter of a project is equally satisfied by it, and pays each with the
    last supporter's satisfaction: not so for a satisfaction normalised per voter or a
    `UserSat`. Its general scheme (``binary_sat=False``) is MES as defined.
    """
    from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares

    if rule == "greedy":
        out = greedy_utilitarian_welfare(inst, prof, sat_class=sat_class)
    else:
        out = method_of_equal_shares(inst, prof, sat_class=sat_class, binary_sat=False)
    return tuple(p.name for p in out)


def pabutools_normaliser_fails(e: Election, sat: str) -> bool:
    """Where pabutools 1.2.3's MIP normaliser has an empty objective (``frac(None)``: TypeError).

    ``relative_points``: an empty ballot; ``relative_cost``: a ballot of free projects only.
    """
    ballots = [e.ballot(v) for v in range(e.n_voters)]
    if sat == "relative_points":
        return any(not b for b in ballots)
    if sat == "relative_cost":
        return any(b and all(e.costs[e.index(p)] == 0 for p in b) for b in ballots)
    return False


def same_mes_outcome(e: Election, ours: Sequence[str], theirs: Sequence[str]) -> bool:
    """The same MES outcome: the same projects, the paid ones in the same order.

    MES funds its free projects first, ours in file order and pabutools' by name.
    """
    paid = [p for p in ours if e.costs[e.index(p)] > 0]
    return set(ours) == set(theirs) and paid == [p for p in theirs if e.costs[e.index(p)] > 0]


def welfare(e: Election, chosen: Iterable[str], sat: str) -> Fraction:
    """The total satisfaction of the projects ``chosen`` (how maximum welfare is compared)."""
    total = total_satisfaction(e, sat)
    return sum((total[e.index(p)] for p in chosen), Fraction(0))


# --------------------------------------------------------------------------- an independent reference


def read_ordinal_pb_plainly(path: str) -> tuple[dict[str, Fraction], Fraction, list[list[str]]]:
    """Costs, budget and ranked ballots of an ordinal ``.pb`` file, read with ``csv`` only.

    Deliberately naive and independent of ``civicgrants.io.pabulib`` (no numpy, no
    fast path): the section headers are the lines ``META``, ``PROJECTS``, ``VOTES``.
    """
    import csv

    section = ""
    header: list[str] = []
    meta: dict[str, str] = {}
    costs: dict[str, Fraction] = {}
    ballots: list[list[str]] = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.reader(f, delimiter=";"):
            cells = [c.strip() for c in row]
            if len(cells) == 1 and cells[0].upper() in ("META", "PROJECTS", "VOTES"):
                section, header = cells[0].upper(), []
            elif not header:
                header = cells
            else:
                record = dict(zip(header, cells, strict=True))
                if section == "META":
                    meta[record["key"]] = record["value"]
                elif section == "PROJECTS":
                    costs[record["project_id"]] = Fraction(record["cost"].replace(",", "."))
                else:
                    vote = record["vote"]
                    ballots.append([p.strip() for p in vote.split(",")] if vote else [])
    assert meta["vote_type"] == "ordinal", meta["vote_type"]
    return costs, Fraction(meta["budget"].replace(",", ".")), ballots


def greedy_borda_reference(
    costs: dict[str, Fraction], budget: Fraction, ballots: list[list[str]]
) -> tuple[str, ...]:
    """Greedy utilitarian welfare with additive Borda satisfaction, written to be obviously right.

    The semantics are pabutools 1.2.3's ``greedy_utilitarian_welfare`` with
    ``sat_class=Additive_Borda_Sat`` (a positional, not "additive", class there, so
    pabutools runs its general round-by-round scheme), read from its source:

    * a voter ranking ``k`` projects gets ``k - 1 - j`` from the project in position
      ``j`` (0 = first) if it is funded, 0 from unranked projects; their satisfaction
      with a set is the sum, so the welfare gain of adding a project is its Borda
      total, whatever was funded before;
    * each round considers the projects not yet funded whose cost still fits in what
      is left; the best is the highest gain / cost, a free project counting as
      infinitely good (even if nobody ranks it); a project nobody ranks has 0 and is
      still funded if it is the best that fits;
    * ties go to the smallest project id (string order: pabutools' lexicographic
      tie-breaking by ``project.name``);
    * it stops when nothing fits.
    """
    gain = dict.fromkeys(costs, 0)
    for ranking in ballots:
        k = len(ranking)
        for j, project in enumerate(ranking):
            gain[project] += k - 1 - j
    infinite = float("inf")

    def value(project: str) -> Fraction | float:
        return infinite if costs[project] == 0 else Fraction(gain[project]) / costs[project]

    funded: list[str] = []
    left = budget
    while True:
        fits = [p for p in costs if p not in funded and costs[p] <= left]
        if not fits:
            return tuple(funded)
        best = max(value(p) for p in fits)
        choice = min(p for p in fits if value(p) == best)
        funded.append(choice)
        left -= costs[choice]


def election_as_plain(e: Election) -> tuple[dict[str, Fraction], Fraction, list[list[str]]]:
    """Costs, budget and ballots of an :class:`Election` as plain Python values."""
    costs = {p: Fraction(c) for p, c in zip(e.project_ids, e.costs, strict=True)}
    return costs, Fraction(e.budget), [list(e.ballot(v)) for v in range(e.n_voters)]


# --------------------------------------------------------------------------- seeded random elections

IDS = ("p1", "p10", "p2", "p3", "a", "b7", "B")  # the tie-prone ids of civicgrants.testing.vote
COSTS = (0, 1, 2, 3, 5, 6, 10)
SATS = {
    "approval": ("cost", "cardinality"),
    "cumulative": ("points", "cost"),
    "ordinal": ("borda",),
}


def random_election(
    rng: Any,
    vote_type: str | None = None,
    *,
    max_projects: int = 6,
    max_voters: int = 8,
    allow_free: bool = False,
) -> Election:
    """A small tie-heavy election drawn from a numpy ``Generator``.

    The same shape as the hypothesis strategy ``civicgrants.testing.vote.elections``
    (ids from a fixed tie-prone set, costs from a few small values, a budget up to the
    total cost, up to ``max_voters`` ballots), but drawn from an explicit seed, so that
    10^5 of them can be generated quickly and any one replayed from its seed.
    """
    kind = vote_type or str(rng.choice(["approval", "cumulative", "ordinal"]))
    n_p = int(rng.integers(1, min(max_projects, len(IDS)) + 1))
    ids = [IDS[int(i)] for i in rng.permutation(len(IDS))[:n_p]]
    values = [c for c in COSTS if c >= (0 if allow_free else 1)]
    costs = {p: values[int(rng.integers(len(values)))] for p in ids}
    budget = int(rng.integers(0, max(1, sum(costs.values())) + 1))
    n_v = int(rng.integers(0, max_voters + 1))
    ballots: list[Any] = []
    for _ in range(n_v):
        size = int(rng.integers(0, n_p + 1))
        chosen = [ids[int(i)] for i in rng.permutation(n_p)[:size]]
        if kind == "cumulative":
            ballots.append({p: int(rng.integers(1, 4)) for p in chosen})
        else:
            ballots.append(chosen)
    return Election.from_ballots(costs, ballots, budget=budget, vote_type=kind)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- rules whose choices pabutools leaves to a set's order


@contextmanager
def mes_scans_by_name() -> Iterator[None]:
    """pabutools' MES scans projects of equal affordability in a ``set``'s order: make it the names'.

    Which projects a round finds unaffordable (``calculate_project_loss``) depends on
    that order, and a ``set`` of projects iterates by string hash, which changes from
    one process to the next.
    """
    import builtins
    import importlib

    module = importlib.import_module("pabutools.rules.mes.mes_rule")

    def by_name_within(items: Any, key: Any) -> list[Any]:
        return builtins.sorted(builtins.sorted(items, key=lambda p: p.name), key=key)

    module.sorted = by_name_within
    try:
        yield
    finally:
        del module.sorted


def cstv_oracle(e: Election, variant: str) -> tuple[str, ...]:
    """pabutools' ``cstv`` with the two choices its ``set`` order leaves open made by name (see tests/pb/rules/test_cstv.py)."""
    import builtins
    import importlib
    import warnings

    from pabutools.election import CumulativeBallot, CumulativeProfile

    module = importlib.import_module("pabutools.rules.cstv")
    inst, prof = to_pabutools(e)
    # pabutools' cstv reads every project off every ballot: give the unnamed ones 0 points
    full = CumulativeProfile([CumulativeBallot({p: b.get(p, 0) for p in inst}) for b in prof])
    order: list[Any] = []

    def least_first(*args: Any, key: Any = None) -> Any:
        if len(args) == 1 and key is not None:
            items: list[Any] = list(args[0])
            if all(isinstance(x, module.Project) for x in items):
                items.sort(key=lambda p: p.name, reverse=True)
            return builtins.min(items, key=key)
        return builtins.min(*args) if key is None else builtins.min(*args, key=key)

    def eliminate(projects: Any, donors: Any, eliminated: Any, select: Any, tb: Any) -> bool:
        before = set(eliminated)
        done = bool(module.elimination_with_transfers(projects, donors, eliminated, select, tb))
        order.extend(set(eliminated) - before)
        return done

    def take_back(
        selected: Any, donors: Any, eliminated: Any, select: Any, budget: Any, tb: Any
    ) -> None:
        assert set(order) == set(eliminated)
        module.reverse_eliminations(selected, donors, list(reversed(order)), select, budget, tb)

    def transfer(projects: Any, donors: Any, eliminated: Any, select: Any, tb: Any) -> bool:
        # the project to transfer to is the first of the tied in the set's order: by name
        ordered = sorted(projects, key=lambda p: p.name)
        return bool(module.minimal_transfer(ordered, donors, eliminated, select, tb))

    if variant in ("ewt", "mt"):
        select, eligible = module.select_project_ge, module.is_eligible_ge
    else:
        select, eligible = module.select_project_gsc, module.is_eligible_gsc
    module.min = least_first
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "minimal transfers with exact fractions"
            out = module.cstv(
                inst,
                full,
                select_project_to_fund_func=select,
                eligible_projects_func=eligible,
                no_eligible_project_func=eliminate if variant.startswith("ewt") else transfer,
                exhaustiveness_postprocess_func=take_back
                if variant.startswith("ewt")
                else module.acceptance_of_under_supported_projects,
            )
    finally:
        del module.min
    return tuple(p.name for p in out)


def pb_ear_run(inst: Any, profile: Any, initial: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """pabutools' ``pb_ear`` on its own instance and profile, the set-order choice made by name.

    ``None`` where pabutools divides by zero.
    """
    import builtins
    import importlib

    module = importlib.import_module("pabutools.rules.pb_ear")
    module.next = lambda it: builtins.min(it)  # the smallest name, not the set's first
    start = [p for name in initial for p in inst if p.name == name]
    try:
        return tuple(p.name for p in module.pb_ear(inst, profile, initial_budget_allocation=start))
    except ZeroDivisionError:
        return None
    finally:
        del module.next


def pb_ear_oracle(e: Election, initial: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """pabutools' ``pb_ear`` funding the smallest name where it takes a set's first; ``None`` where it divides by zero."""
    from pabutools.election import Instance, OrdinalBallot, OrdinalMultiProfile, Project

    projects = [Project(p, Fraction(c)) for p, c in zip(e.project_ids, e.costs, strict=True)]
    inst = Instance(projects, budget_limit=Fraction(e.budget))
    profile = OrdinalMultiProfile(instance=inst)
    for v in range(e.n_voters):
        profile.append(OrdinalBallot([projects[e.index(p)] for p in e.ballot(v)]).frozen())
    return pb_ear_run(inst, profile, initial)


def maximin_oracle(e: Election, initial: tuple[str, ...] = ()) -> tuple[str, ...]:
    """pabutools' ``maximin_support`` (one CBC linear program per project per step)."""
    from pabutools.rules import maximin_support as pabutools_maximin_support

    inst, prof = to_pabutools(e)
    projects = {p.name: p for p in inst}
    out = pabutools_maximin_support(
        inst, prof, initial_budget_allocation=[projects[p] for p in initial]
    )
    return tuple(p.name for p in out)
