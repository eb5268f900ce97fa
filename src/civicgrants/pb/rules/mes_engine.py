"""The Method of Equal Shares: a fast floating-point engine with an exact fallback.

The float engine mirrors the exact algorithm (lazy re-evaluation of projects in
order of their last known ``rho``, which only grows as voters spend). Wherever a
decision rests on two floating-point values closer than ``TOL`` (relative) — two
projects with nearly the same ``rho``, or supporters' money nearly equal to a
cost — it gives up and the whole count is redone with exact
`Fraction` arithmetic (voters with identical ballots grouped),
so selections always equal the exact rule's.

The rule itself (completions, the outcome) is
`civicgrants.pb.rules.equal_shares.equal_shares()`; this module only counts.

Examples
--------
>>> from civicgrants.pb.election import Election
>>> e = Election.from_ballots({"big": 80, "s1": 30}, [["big"]] * 4 + [["s1"]], budget=100)
>>> run = run_mes(e, "cost", [0, 1], None)
>>> run.selected, run.cost
([0], Decimal('80'))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from civicgrants.model.display import shows
from civicgrants.pb.election import (
    PER_VOTER,
    Election,
    IntArray,
    Sat,
    UserSat,
    invalid,
    vote_values,
)
from civicgrants.pb.outcome import MesDetails, MesRound, ProjectDecision, plain_amount
from civicgrants.pb.rules.greedy import MAX_OUTCOMES
from civicgrants.pb.ties import refuse_tie

__all__ = ["TOL", "MesRun", "NearTie", "Prepared", "prepare", "run_mes", "run_mes_all"]

TOL = 1e-9
"""Relative distance under which two floating-point values are a near-tie (recount exactly)."""
FloatArray = npt.NDArray[np.float64]


class NearTie(Exception):
    """Floating point cannot decide this round safely; recount exactly.

    Raised inside the float engine when two values a decision rests on are
    closer than `TOL`; `run_mes()` catches it and recounts with exact
    fractions, so it never reaches a caller.

    Examples
    --------
    Four supporters holding 20 each exactly cover a cost of 80: a near-tie, so
    the count comes back exact.

    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"big": 80, "s1": 30}, [["big"]] * 4 + [["s1"]], budget=100)
    >>> run_mes(e, "cost", [0, 1], None).exact
    True

    See Also
    --------
    run_mes : catches it and recounts exactly.
    TOL : how close is a near-tie.
    """


@shows
@attrs.frozen
class MesRun:
    """One MES count: selected project positions (in order), candidates, decisions, cost.

    Attributes
    ----------
    selected : list of int
        The funded projects' positions, in selection order (free projects first).
    candidates : list of int
        The projects someone values that cost more than 0 (those MES may fund).
    decisions : list of ProjectDecision
        A decision for every project: the funded ones in order, then the others.
    cost : Decimal
        What the funded projects cost together.
    exact : bool
        Whether the count was made with exact fractions (asked for, or after a
        near-tie, or with no ballots).
    details : MesDetails, optional
        Every purchase with each voter's money after it, when asked for.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 30, "b": 30}, [["a"], ["a"], ["b"]], budget=100)
    >>> run = run_mes(e, "cost", [0, 1], None)
    >>> run.selected, run.candidates, run.cost, run.exact
    ([0, 1], [0, 1], Decimal('60'), False)

    See Also
    --------
    run_mes : makes one.
    civicgrants.pb.outcome.Outcome : the rule's result built from it.
    """

    selected: list[int]
    candidates: list[int]
    decisions: list[ProjectDecision]
    cost: Decimal
    exact: bool
    details: MesDetails | None = None


@shows
@attrs.frozen
class Prepared:
    """Per-project supporter lists (CSR over projects) for one satisfaction.

    Votes worth 0 are left out; project ``p``'s supporters are
    ``voter[pptr[p]:pptr[p + 1]]``.

    Attributes
    ----------
    pptr : IntArray
        Where each project's supporters start (``n_projects + 1`` offsets).
    voter : IntArray
        The supporting voters, grouped by project.
    uint : numpy.ndarray
        Each supporter's integer utility, aligned with ``voter`` (for a satisfaction
        normalised per voter or a `UserSat`: an object array of exact fractions).
    ufloat : FloatArray
        Each supporter's satisfaction as a float (``uint`` times the project's factor).
    factor : list of Fraction
        The exact per-project factor (see `Election.utilities()`).
    total : list of Fraction
        Each project's total satisfaction, exact.
    costs : list of Fraction
        Each project's cost, exact.
    free : list of int
        Projects that cost 0 and someone values (funded first).
    candidates : list of int
        Projects that cost more than 0 and someone values.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 6, "b": 0}, [["a", "b"], ["a"]], budget=6)
    >>> p = prepare(e, "cardinality")
    >>> p.pptr.tolist(), p.voter.tolist(), p.free, p.candidates
    ([0, 2, 3], [0, 1, 0], [1], [0])

    See Also
    --------
    prepare : makes one.
    """

    pptr: IntArray
    voter: IntArray
    uint: npt.NDArray[Any]
    ufloat: FloatArray
    factor: list[Fraction]
    total: list[Fraction]
    costs: list[Fraction]
    free: list[int]
    candidates: list[int]


_CACHE: dict[tuple[int, Sat], tuple[Election, Prepared]] = {}


def prepare(election: Election, sat: Sat) -> Prepared:
    """Supporters of each project with their satisfactions (cached per election and sat).

    Only the last election and satisfaction prepared are kept, so counting the
    same election again (the ``add1`` completion's reruns) costs nothing.

    Parameters
    ----------
    election : Election
        The vote.
    sat : str
        The satisfaction (see `SATISFACTIONS`).

    Returns
    -------
    Prepared
        The supporter lists, totals, costs, free projects and candidates.

    Raises
    ------
    ValidationError
        A satisfaction that does not fit the ballots.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 6, "b": 4}, [["a"], ["a", "b"]], budget=10)
    >>> p = prepare(e, "cost")
    >>> [str(t) for t in p.total], p.candidates, prepare(e, "cost") is p
    (['12', '4'], [0, 1], True)

    See Also
    --------
    Prepared : what it holds.
    run_mes : counts with it.
    """
    hit = _CACHE.get((id(election), sat))
    if hit is not None and hit[0] is election:
        return hit[1]
    n_p = election.n_projects
    u: npt.NDArray[Any] | None
    if isinstance(sat, UserSat) or sat in PER_VOTER:  # exact fractions per vote, factor 1
        u = np.empty(election.indices.size, dtype=object)
        u[:] = vote_values(election, sat)
        factor = [Fraction(1)] * n_p
    else:
        u, factor = election.utilities(sat)
    nv = election.n_voters
    voter_of = np.repeat(np.arange(nv, dtype=np.int64), np.diff(election.indptr))
    proj = election.indices.astype(np.int64, copy=False)
    uint = np.ones(proj.size, dtype=np.int64) if u is None else u
    if uint.dtype != object:
        uint = uint.astype(np.int64)
    keep = uint > 0
    if not keep.all():
        proj, voter_of, uint = proj[keep], voter_of[keep], uint[keep]
    # a stable sort of small integers is a radix sort in numpy: several times faster
    narrow = proj.astype(np.uint16) if n_p <= 65536 else proj
    order = np.argsort(narrow, kind="stable")
    proj, voter_of, uint = proj[order], voter_of[order], uint[order]
    counts = np.bincount(proj, minlength=n_p)
    pptr = np.zeros(n_p + 1, dtype=np.int64)
    np.cumsum(counts, out=pptr[1:])
    fl = np.array([float(f) for f in factor], dtype=np.float64)
    ufloat = uint.astype(np.float64) * fl[proj]
    sums = np.zeros(n_p, dtype=uint.dtype)
    np.add.at(sums, proj, uint)
    total = [Fraction(s) * f for s, f in zip(sums.tolist(), factor, strict=True)]
    costs = [Fraction(c) for c in election.costs]
    free = [i for i in range(n_p) if total[i] > 0 and costs[i] == 0]
    cands = [i for i in range(n_p) if total[i] > 0 and costs[i] > 0]
    prep = Prepared(pptr, voter_of, uint, ufloat, list(factor), total, costs, free, cands)
    _CACHE.clear()
    _CACHE[(id(election), sat)] = (election, prep)
    return prep


def run_mes(
    election: Election,
    sat: Sat,
    rank: list[int],
    share: Fraction | None,
    exact: bool = False,
    *,
    tie_break: str = "lexico",
    initial: Iterable[int] = (),
    details: bool = False,
) -> MesRun:
    """Count MES with each voter starting from ``share`` (default budget / voters).

    The float engine counts first; on a near-tie (`NearTie`) the count is
    redone with exact fractions, so the selection is always the exact rule's.

    Parameters
    ----------
    election : Election
        The vote.
    sat : str
        The satisfaction (see `SATISFACTIONS`).
    rank : list of int
        Each project's tie-breaking rank (lower wins), as from
        `tie_keys()`.
    share : Fraction or None
        Each voter's starting money; ``None`` for ``budget / n_voters``.
    exact : bool
        Count with exact fractions throughout.
    tie_break : str
        Only ``refuse`` matters here (``rank`` breaks the ties otherwise): a tie
        for the lowest ``rho`` raises `TieRefused`.
    initial : iterable of int
        Projects funded beforehand (pabutools ``initial_budget_allocation``):
        they head the selection and count in the cost, but nobody pays for
        them and MES does not consider them.
    details : bool
        Record every purchase with each voter's money after it (exact amounts).

    Returns
    -------
    MesRun
        The funded positions in order, the candidates, every decision and the cost;
        with no ballots, only ``initial`` is funded.

    Raises
    ------
    ValidationError
        A satisfaction that does not fit the ballots.
    TieRefused
        ``tie_break="refuse"`` and two projects tie for the lowest ``rho``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"big": 80, "s1": 30}, [["big"]] * 4 + [["s1"]], budget=100)
    >>> run_mes(e, "cost", [0, 1], None).selected
    [0]
    >>> run = run_mes(e, "cost", [0, 1], Fraction(30))
    >>> run.selected, run.cost
    ([0, 1], Decimal('110'))

    See Also
    --------
    civicgrants.pb.rules.equal_shares.equal_shares : the rule, with completions and an outcome.
    prepare : the supporter lists it counts over.
    """
    n = election.n_voters
    prep = prepare(election, sat)
    init = list(dict.fromkeys(initial))
    if n == 0:
        given = set(init)
        none = _initial_decisions(election, init) + [
            ProjectDecision(p, False, 0, "mes", "no ballots were cast")
            for i, p in enumerate(election.project_ids)
            if i not in given
        ]
        spent = sum((election.costs[i] for i in init), Decimal(0))
        empty = MesDetails(Fraction(0), (), ()) if details else None
        return MesRun(init, prep.candidates, none, spent, True, empty)
    if share is None:
        share = Fraction(election.budget) / n
    if exact:
        return _exact_mes(election, sat, prep, rank, share, tie_break, init, details)
    try:
        run = _float_mes(election, sat, prep, rank, share, init)
    except NearTie:
        return _exact_mes(election, sat, prep, rank, share, tie_break, init, details)
    if details:  # the order is the exact one (no near-tie): replay it exactly
        found = _replay(election, prep, run.selected, share, init)
        if found is None:
            return _exact_mes(election, sat, prep, rank, share, tie_break, init, details)
        return attrs.evolve(run, details=found)
    return run


def _replay(
    election: Election, prep: Prepared, selected: list[int], share: Fraction, init: list[int]
) -> MesDetails | None:
    """Each purchase of an MES count whose order is known, with exact rho and money.

    ``None`` if a purchase turns out unaffordable in exact arithmetic (the
    float count never lets that happen; the caller then recounts exactly).
    """
    group_of, mult, sup = _groups(election, prep)
    budget = [share] * len(mult)
    rounds = []
    for i in selected[len(_start(prep, init)[0]) :]:
        got = _rho(prep.costs[i], prep.total[i], sup[i], budget, mult)
        if got is None:
            return None
        rho = got[0]
        for g, u in sup[i]:
            budget[g] -= min(budget[g], rho * u)
        rounds.append(MesRound(election.project_ids[i], rho, tuple(budget)))
    return MesDetails(share, tuple(group_of), tuple(rounds))


def _solve(bs: FloatArray, us: FloatArray, cost: float) -> tuple[float, int]:
    """Smallest rho with sum(min(b, rho*u)) == cost; also how many pay all they have."""
    r = bs / us
    o = np.argsort(r, kind="stable")
    rs, bo, uo = r[o], bs[o], us[o]
    cb = np.empty(bo.size)
    cb[0] = 0.0
    np.cumsum(bo[:-1], out=cb[1:])
    cu = np.empty(uo.size)
    cu[0] = 0.0
    np.cumsum(uo[:-1], out=cu[1:])
    rho_k = (cost - cb) / (uo.sum() - cu)
    ok = rho_k <= rs
    k = int(np.argmax(ok)) if ok.any() else bo.size - 1
    return float(rho_k[k]), k


def _free_decisions(election: Election, prep: Prepared, init: list[int]) -> list[ProjectDecision]:
    given = set(init)
    return _initial_decisions(election, init) + [
        ProjectDecision(
            election.project_ids[i], True, 0, "mes", "free and valued by someone: funded first"
        )
        for i in prep.free
        if i not in given
    ]


def _initial_decisions(election: Election, init: list[int]) -> list[ProjectDecision]:
    return [
        ProjectDecision(election.project_ids[i], True, 0, "mes", "funded beforehand (initial)")
        for i in init
    ]


def _start(prep: Prepared, init: list[int]) -> tuple[list[int], list[int]]:
    """The selection to start from (initial, then free) and the candidates left."""
    given = set(init)
    selected = init + [i for i in prep.free if i not in given]
    return selected, [i for i in prep.candidates if i not in given]


def _unselected(
    election: Election, prep: Prepared, chosen: set[int], money: list[float | Fraction]
) -> list[ProjectDecision]:
    out = []
    for i in range(election.n_projects):
        if i in chosen:
            continue
        pid = election.project_ids[i]
        if prep.total[i] == 0:
            out.append(
                ProjectDecision(pid, False, 0, "mes", "no voter's satisfaction depends on it")
            )
        else:
            out.append(
                ProjectDecision(
                    pid,
                    False,
                    0,
                    "mes",
                    f"supporters hold {plain_amount(money[i])}, less than the cost "
                    f"{plain_amount(prep.costs[i])}",
                    (("supporters_money", plain_amount(money[i])),),
                )
            )
    return out


def _selected_decision(
    election: Election, sat: Sat, i: int, rnd: int, rho: float | Fraction, n_sup: int, paid_all: int
) -> ProjectDecision:
    cost = Fraction(election.costs[i])
    nums = [("rho", f"{float(rho):.10g}"), ("supporters", str(n_sup)), ("paid_all", str(paid_all))]
    if sat in ("cost", "cardinality"):
        price = rho * (cost if sat == "cost" else 1)
        nums.append(("price_per_supporter", plain_amount(price)))
        nums.append(("effective_votes", f"{float(cost / Fraction(price)):.6g}" if price else "inf"))
    return ProjectDecision(
        election.project_ids[i],
        True,
        rnd,
        "mes",
        f"round {rnd}: lowest payment per unit of satisfaction (rho={float(rho):.6g}) "
        f"among affordable projects",
        tuple(nums),
    )


def _float_mes(
    election: Election, sat: Sat, prep: Prepared, rank: list[int], share: Fraction, init: list[int]
) -> MesRun:
    n = election.n_voters
    b = np.full(n, float(share))
    costf = [float(c) for c in prep.costs]
    selected, active = _start(prep, init)
    stale = {i: float(prep.costs[i] / prep.total[i]) for i in active}
    decisions = _free_decisions(election, prep, init)
    pptr, voter, ufl = prep.pptr, prep.voter, prep.ufloat
    rnd = 0
    while active:
        active.sort(key=lambda i: (stale[i], rank[i]))
        best = float("inf")
        evaluated: list[tuple[float, int, int]] = []
        dropped: list[int] = []
        for i in active:
            if stale[i] > best * (1 + TOL):
                break
            lo, hi = int(pptr[i]), int(pptr[i + 1])
            bs = b[voter[lo:hi]]
            c = costf[i]
            tot = float(bs.sum())
            if tot < c * (1 - TOL):
                dropped.append(i)
                continue
            if tot <= c * (1 + TOL):
                raise NearTie
            rho, k = _solve(bs, ufl[lo:hi], c)
            stale[i] = rho
            evaluated.append((rho, i, k))
            best = min(best, rho)
        for i in dropped:
            active.remove(i)
        if not evaluated:
            break
        near = [e for e in evaluated if e[0] <= best * (1 + TOL)]
        if len(near) > 1:
            raise NearTie
        rho, i, k = near[0]
        rnd += 1
        lo, hi = int(pptr[i]), int(pptr[i + 1])
        vs = voter[lo:hi]
        b[vs] -= np.minimum(b[vs], rho * ufl[lo:hi])
        selected.append(i)
        active.remove(i)
        decisions.append(_selected_decision(election, sat, i, rnd, rho, hi - lo, k))
    money: list[float | Fraction] = [
        float(b[voter[int(pptr[i]) : int(pptr[i + 1])]].sum()) for i in range(election.n_projects)
    ]
    decisions.extend(_unselected(election, prep, set(selected), money))
    cost = sum((election.costs[i] for i in selected), Decimal(0))
    return MesRun(selected, prep.candidates, decisions, cost, False)


def _groups(
    election: Election, prep: Prepared
) -> tuple[list[int], list[int], list[list[tuple[int, Fraction]]]]:
    """Voters grouped by identical (project, satisfaction) lists.

    Returns each voter's group, each group's size, and each project's
    supporting groups with their satisfaction.
    """
    pptr, voter, uint = prep.pptr, prep.voter, prep.uint
    per_voter: list[list[tuple[int, int]]] = [[] for _ in range(election.n_voters)]
    for p in range(election.n_projects):
        lo, hi = int(pptr[p]), int(pptr[p + 1])
        for v, u in zip(voter[lo:hi].tolist(), uint[lo:hi].tolist(), strict=True):
            per_voter[v].append((p, u))
    groups: dict[tuple[tuple[int, int], ...], int] = {}
    group_of: list[int] = []
    for entries in per_voter:
        group_of.append(groups.setdefault(tuple(entries), len(groups)))
    mult = [0] * len(groups)
    for g in group_of:
        mult[g] += 1
    sup: list[list[tuple[int, Fraction]]] = [[] for _ in range(election.n_projects)]
    for g, key in enumerate(groups):
        for p, u in key:
            sup[p].append((g, u * prep.factor[p]))
    return group_of, mult, sup


def _rho(
    cost: Fraction,
    total: Fraction,
    sup: list[tuple[int, Fraction]],
    budget: Sequence[Fraction],
    mult: list[int],
) -> tuple[Fraction, int] | None:
    """The smallest rho at which the supporting groups cover ``cost``.

    Also how many voters pay all they hold; ``None`` when they hold less than ``cost``.
    """
    if sum(mult[g] * budget[g] for g, _ in sup) < cost:
        return None
    paid = Fraction(0)
    denom = total
    paid_all = 0
    rho = Fraction(0)
    for g, u in sorted(sup, key=lambda gu: budget[gu[0]] / gu[1]):
        rho = (cost - paid) / denom
        if rho * u <= budget[g]:
            break
        paid += mult[g] * budget[g]
        denom -= mult[g] * u
        paid_all += mult[g]
    return rho, paid_all


def run_mes_all(
    election: Election,
    sat: Sat,
    share: Fraction | None,
    *,
    initial: Iterable[int] = (),
    limit: int = MAX_OUTCOMES,
) -> list[frozenset[int]]:
    """Every funded set MES can reach, whichever way its ties for the lowest ``rho`` go.

    pabutools' irresolute ``method_of_equal_shares`` (``resoluteness=False``):
    at each round every project tied for the lowest ``rho`` may be bought next,
    and each choice is followed to the end (exact fractions throughout). A
    state reached along two paths (the same set bought, the same money left) is
    followed once.

    Parameters
    ----------
    election : Election
        The vote.
    sat : str
        The satisfaction (see `SATISFACTIONS`).
    share : Fraction or None
        Each voter's starting money; ``None`` for ``budget / n_voters``.
    initial : iterable of int
        Projects funded beforehand (in every set; nobody pays for them).
    limit : int
        The most sets listed before it refuses.

    Returns
    -------
    list of frozenset of int
        The distinct funded sets (positions), initial and free projects included,
        in the order first reached.

    Raises
    ------
    ValidationError
        More than ``limit`` sets, or a satisfaction that does not fit the ballots.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 5, "b": 5}, [["a", "b"], ["a", "b"]], budget=5)
    >>> sorted(sorted(s) for s in run_mes_all(e, "cost", None))
    [[0], [1]]

    See Also
    --------
    run_mes : one count, ties broken by a rank.
    civicgrants.pb.rules.equal_shares.equal_shares_all : the rule's irresolute outcome.
    """
    prep = prepare(election, sat)
    init = list(dict.fromkeys(initial))
    start, active = _start(prep, init)
    if election.n_voters == 0:
        return [frozenset(init)]
    if share is None:
        share = Fraction(election.budget) / election.n_voters
    _, mult, sup = _groups(election, prep)
    found: dict[frozenset[int], None] = {}
    seen: set[tuple[frozenset[int], tuple[Fraction, ...]]] = set()
    stack: list[tuple[frozenset[int], tuple[Fraction, ...]]] = [
        (frozenset(active), tuple([share] * len(mult)))
    ]
    base = frozenset(start)
    pool = frozenset(active)
    while stack:
        left, budget = stack.pop()
        if (left, budget) in seen:
            continue
        seen.add((left, budget))
        best: Fraction | None = None
        tied: list[int] = []
        for i in sorted(left):
            got = _rho(prep.costs[i], prep.total[i], sup[i], budget, mult)
            if got is None:
                continue
            if best is None or got[0] < best:
                best, tied = got[0], [i]
            elif got[0] == best:
                tied.append(i)
        if best is None:
            found[base | (pool - left)] = None
            if len(found) > limit:
                raise invalid(
                    "limit",
                    f"more than {limit} outcomes tie under MES; raise the limit "
                    "or break the ties with equal_shares()",
                )
            continue
        for i in reversed(tied):
            after = list(budget)
            for g, u in sup[i]:
                after[g] -= min(after[g], best * u)
            stack.append((left - {i}, tuple(after)))
    return list(found)


def _exact_mes(
    election: Election,
    sat: Sat,
    prep: Prepared,
    rank: list[int],
    share: Fraction,
    tie_break: str,
    init: list[int],
    details: bool,
) -> MesRun:
    group_of, mult, sup = _groups(election, prep)
    budget = [share] * len(mult)
    selected, active = _start(prep, init)
    stale = {i: prep.costs[i] / prep.total[i] for i in active}
    decisions = _free_decisions(election, prep, init)
    rounds: list[MesRound] = []
    rnd = 0
    while active:
        active.sort(key=lambda i: (stale[i], rank[i]))
        best: Fraction | None = None
        tied: list[tuple[int, int]] = []
        dropped = []
        for i in active:
            if best is not None and stale[i] > best:
                break
            got = _rho(prep.costs[i], prep.total[i], sup[i], budget, mult)
            if got is None:
                dropped.append(i)
                continue
            rho, paid_all = got
            stale[i] = rho
            if best is None or rho < best:
                best, tied = rho, [(i, paid_all)]
            elif rho == best:
                tied.append((i, paid_all))
        for i in dropped:
            active.remove(i)
        if best is None:
            break
        rnd += 1
        refuse_tie(election, tie_break, [t[0] for t in tied], "mes", f"round {rnd}")
        i, paid_all = min(tied, key=lambda t: rank[t[0]])
        for g, u in sup[i]:
            budget[g] -= min(budget[g], best * u)
        if details:
            rounds.append(MesRound(election.project_ids[i], best, tuple(budget)))
        selected.append(i)
        active.remove(i)
        n_sup = sum(mult[g] for g, _ in sup[i])
        decisions.append(_selected_decision(election, sat, i, rnd, best, n_sup, paid_all))
    money: list[float | Fraction] = [
        sum((mult[g] * budget[g] for g, _ in sup[i]), Fraction(0))
        for i in range(election.n_projects)
    ]
    decisions.extend(_unselected(election, prep, set(selected), money))
    spent = sum((election.costs[i] for i in selected), Decimal(0))
    found = MesDetails(share, tuple(group_of), tuple(rounds)) if details else None
    return MesRun(selected, prep.candidates, decisions, spent, True, found)
