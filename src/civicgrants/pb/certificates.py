"""Proportionality certificates of an outcome: EJR, EJR up to one, PJR, EJR+ up to one, priceability.

For any outcome ``W`` (a set of funded projects) of a vote, `check()` answers
whether ``W`` is proportional in the sense of each axiom, with a witness: for a
violation, the group of voters (their indices, 0-based, in ballot order), the
projects it is owed and the exact numbers; for a yes, what was examined.

Setting and notation
--------------------
A voter *approves* the projects on the ballot (for cumulative and ordinal
ballots, the projects named, as the ``cost`` satisfaction reads them). ``n`` is
the number of voters, ``b`` the budget, ``cost(X)`` the total cost of a set of
projects, ``A_i`` the projects voter ``i`` approves and ``u_i(X) = cost(A_i ∩ X)``
the cost satisfaction of voter ``i`` (money spent on projects ``i`` approves;
pabutools ``Cost_Sat``). Every axiom here uses the cost satisfaction, whatever
satisfaction the outcome was counted with.

A group ``N'`` of voters is *T-cohesive* for a non-empty set of projects ``T`` if
every member approves every project of ``T`` and ``|N'| / n * b >= cost(T)``
(the group's share of the budget pays for ``T``) — Peters, Pierczyński and
Skowron (2021), "Proportional participatory budgeting with additive utilities",
NeurIPS, their (α, T)-cohesiveness for approval ballots and cost utilities.

* **EJR** (``"ejr"``, ibid., Definition 2): for every T-cohesive group some
  member ``i`` has ``u_i(W) >= cost(T)``.
* **EJR up to one project** (``"ejr1"``, ibid., Definition 3): for every
  T-cohesive group some member ``i`` has ``u_i(W) >= cost(T)`` or
  ``u_i(W) + cost(a) > cost(T)`` for some ``a`` in ``T`` not funded (strictly
  greater, as in the paper; pabutools' ``is_EJR_one_approval`` uses ``>=``, a
  weaker condition).
* **PJR** (``"pjr"``; Aziz, Lee and Talmon (2018), "Proportionally representative
  participatory budgeting: axioms and algorithms", AAMAS, their BPJR-L, in the
  T-cohesive form of pabutools' ``is_PJR_approval``): for every T-cohesive group
  ``N'`` the funded projects approved by at least one member cost at least
  ``cost(T)``: ``cost(W ∩ ∪_{i in N'} A_i) >= cost(T)``.
* **EJR+ up to one** (``"ejr+"``; Brill and Peters (2023), "Robust and verifiable
  proportionality axioms for multiwinner voting", EC, its participatory-budgeting
  form for cost satisfaction): there is no project ``c`` not funded and group
  ``N'`` of voters who all approve ``c`` with ``u_i(W) + cost(c) <= |N'| / n * b``
  for every member ``i`` (the group could pay for ``c`` on top of what each
  member already gets). A project costing 0 is worth nothing under the cost
  satisfaction and is owed to no one. It implies EJR up to one, and is checked in polynomial
  time: for each unfunded ``c``, its supporters sorted by ``u_i(W)``; a violating
  group may be taken to be the ``j`` least satisfied of them, for some ``j``
  (``O(m n log n)``).

* **Priceability** (``"priceability"``; Peters and Skowron (2020),
  "Proportionality and the limits of welfarism", EC, in the participatory-budgeting
  form of Peters, Pierczyński and Skowron (2021) and of pabutools' ``priceable``
  with the outcome fixed and ``exhaustive=False``): ``cost(W) <= b`` and there are
  a voter budget ``β`` with ``n * β >= b`` and payments ``p_i(c) >= 0`` such that
  a voter pays only for funded projects they approve (C1, C4), pays at most ``β``
  in all (C2), the payments for each funded project add up to its cost (C3), and
  for every unfunded project ``c`` its supporters keep at most ``cost(c)``
  together: ``Σ_{i approves c} (β - Σ_d p_i(d)) <= cost(c)`` (C5).

How priceability is decided
---------------------------
First exactly, by counting: the outcome costs more than the budget; a funded
project costing more than 0 that no one approves; or an unfunded project ``c``
whose supporters, each holding at least a lower bound on ``β`` (``b / n``, and for
each funded ``p`` the funded projects approved only by ``p``'s supporters, per
supporter), keep more than ``cost(c)`` even if they paid in full for every funded
project any of them approves. Then without a solver, by equal shares: every voter
holding ``b / n``, the funded projects are bought one by one at the lowest price per
unit of cost their supporters can pay (the Method of Equal Shares restricted to
them); for an outcome of equal shares these are its own payments, and the price
system is checked exactly as below. Otherwise by a linear program (the optional
``solver`` extra: ``scipy.optimize.linprog`` with HiGHS), voters with the same
ballot being one type, the unfunded projects' constraints added as the solutions
break them, maximising a margin on them. A price system found is rounded to exact
fractions and checked exactly against every constraint before the answer is yes
(the witness: ``voter_budget`` and every voter's ``payments``); when the rounded
system fails (a system with no room to spare) the answer is *undecided*. An
infeasible LP is answered no from HiGHS's floating point, without an exact proof
(the reason says so). Without scipy the answer is undecided, unless the count
decides. The LP is the slow certificate: seconds to minutes on votes with many
thousands of distinct ballots.

How EJR, EJR up to one and PJR are decided exactly
--------------------------------------------------
Deciding them is coNP-hard in general, so they are decided by enumerating the
*project* sets ``T`` a group can be cohesive over, never voter groups. For a
given ``T`` the largest group that approves all of ``T`` is ``N_T``, everyone
approving every project of ``T``; a T-cohesive group exists only if
``|N_T| * b >= n * cost(T)``. Adding a project to ``T`` shrinks ``N_T`` and raises
``cost(T)``, so the enumeration (a depth-first search over projects in their
order) never extends a set that is not cohesive: it visits exactly the
non-empty sets ``T`` with ``|N_T| * b >= n * cost(T)``, at most ``2**m - 1`` for
``m`` projects, and far fewer on real votes.

* EJR fails at ``T`` iff the members of ``N_T`` with ``u_i(W) < cost(T)`` are a
  group large enough to be cohesive (any subgroup of a violating group violates
  too, and every such member may join).
* EJR up to one likewise, with the members for whom also
  ``u_i(W) + max cost(T - W) <= cost(T)`` (every member approves every project of
  ``T``, so the best ``a`` is the same for all).
* PJR can only fail at ``T`` where EJR fails (a member of a PJR-violating group
  gets at most the union, which costs less than ``cost(T)``). There, a violating
  group is sought among the EJR violators by a second search over the sets ``S``
  of funded projects outside ``T`` costing less than ``cost(T) - cost(T ∩ W)``:
  the violators whose funded approved projects outside ``T`` lie within ``S``.

``limit`` caps the sets visited by both searches together (default
`DEFAULT_LIMIT`). A search that reaches it stops: an axiom with a violation found
is still answered no (the witness is checked), the others are *undecided*
(``holds`` is ``None``, the reason says so).

Examples
--------
>>> from civicgrants.pb import Election, greedy
>>> e = Election.from_ballots({"a": 60, "b": 40, "c": 40}, [["a"], ["a"], ["b", "c"]], budget=100)
>>> c = check(e, greedy(e))
>>> c.selected, c.get("ejr").holds
(('a', 'b'), True)
>>> e = Election.from_ballots({"x": 50, "y": 50, "z": 50}, [["x", "y"]] * 3 + [["z"]] * 2, budget=100)
>>> c = check(e, ["x", "y"])
>>> c.get("ejr").holds, c.get("ejr").group, c.get("ejr").projects
(True, (), ())
>>> c = check(e, ["z", "x"])
>>> c.get("ejr+").holds
True

See Also
--------
civicgrants.pb.satisfaction.approval_measures : the measures reported with the certificates.
civicgrants.io.views.pb : their text and JSON.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import numpy as np
import numpy.typing as npt

from civicgrants.model.display import frame, shows
from civicgrants.pb.election import Election, invalid, shown
from civicgrants.pb.outcome import Outcome, plain_fraction, plain_number
from civicgrants.pb.satisfaction import ApprovalMeasures, approval_measures

__all__ = ["CHECKS", "DEFAULT_LIMIT", "Certificate", "Certificates", "check", "verdict"]

CHECKS: tuple[str, ...] = ("ejr", "ejr1", "pjr", "ejr+", "priceability")
"""The axioms `check()` decides, by name."""
DEFAULT_LIMIT = 1_000_000
"""The most project sets `check()` visits before it answers *undecided*."""

_NAMES = {
    "ejr": "EJR",
    "ejr1": "EJR up to one project",
    "pjr": "PJR",
    "ejr+": "EJR+ up to one project",
    "priceability": "priceability",
}


@shows
@attrs.frozen
class Certificate:
    """Whether an outcome satisfies one axiom, and the witness.

    Parameters
    ----------
    axiom : str
        ``"ejr"``, ``"ejr1"``, ``"pjr"``, ``"ejr+"`` or ``"priceability"`` (see
        `civicgrants.pb.certificates`).
    holds : bool or None
        ``True`` (satisfied), ``False`` (violated), ``None`` (undecided: the
        search reached its limit before an answer, or priceability could not be
        settled exactly or without the ``solver`` extra).
    reason : str
        Why, in English, with plain exact numbers.
    group : tuple of int
        For a violation, the violating voters (0-based indices in ballot order);
        otherwise empty.
    projects : tuple of str
        For a violation, the projects the group is owed: the set ``T`` it is
        cohesive over (EJR, EJR up to one, PJR) or the unfunded project ``c``
        (EJR+); otherwise empty.
    numbers : tuple of (str, str)
        The exact figures of the answer, e.g. ``group_size``, ``voters``,
        ``budget``, ``cost_T``, ``share`` (the group's share of the budget),
        ``most_satisfied`` (the largest ``u_i(W)`` in the group).
    examined : int
        The sets searched: project sets ``T`` (and, for PJR, sets of funded
        projects) for the exact axioms, unfunded projects for EJR+, the
        distinct ballots priced for priceability.
    voter_budget : Fraction or None
        Priceability, when it holds: the budget each voter holds, exactly.
    payments : tuple of (int, str, Fraction)
        Priceability, when it holds: every payment above 0 as (voter, project,
        amount), exactly, in voter order; each funded project's payments add up
        to its cost.

    Examples
    --------
    >>> Certificate("ejr", True, "no cohesive group is short", examined=3).holds
    True

    See Also
    --------
    Certificates : every certificate of one outcome.
    check : makes them.
    """

    axiom: str
    holds: bool | None
    reason: str
    group: tuple[int, ...] = ()
    projects: tuple[str, ...] = ()
    numbers: tuple[tuple[str, str], ...] = ()
    examined: int = 0
    voter_budget: Fraction | None = None
    payments: tuple[tuple[int, str, Fraction], ...] = ()


@shows
@attrs.frozen
class Certificates:
    """The proportionality certificates and satisfaction measures of one outcome.

    Parameters
    ----------
    selected : tuple of str
        The funded projects, in the order given.
    cost : Decimal
        What they cost together.
    budget : Decimal
        The election's budget.
    voters : int
        Every ballot, empty ones included.
    measures : ApprovalMeasures
        The equalshares.net measures of the outcome.
    certificates : tuple of Certificate
        One per axiom asked for, in the order asked.
    limit : int
        The most sets the searches could visit.

    Examples
    --------
    >>> from civicgrants.pb import Election
    >>> e = Election.from_ballots({"a": 1}, [["a"]], budget=1)
    >>> c = check(e, [], checks=("ejr", "pjr", "ejr+"))
    >>> [(x.axiom, x.holds) for x in c.certificates]
    [('ejr', False), ('pjr', False), ('ejr+', False)]

    See Also
    --------
    check : makes one.
    Certificate : one axiom's answer.
    """

    selected: tuple[str, ...]
    cost: Decimal
    budget: Decimal
    voters: int
    measures: ApprovalMeasures
    certificates: tuple[Certificate, ...]
    limit: int

    def get(self, axiom: str) -> Certificate:
        """The certificate of ``axiom``.

        Parameters
        ----------
        axiom : str
            One of `CHECKS`.

        Returns
        -------
        Certificate
            Its answer.

        Raises
        ------
        ValidationError
            An axiom that was not checked.

        Examples
        --------
        >>> from civicgrants.pb import Election
        >>> check(Election.from_ballots({"a": 1}, [["a"]], budget=1), ["a"]).get("pjr").holds
        True
        """
        for c in self.certificates:
            if c.axiom == axiom:
                return c
        asked = ", ".join(c.axiom for c in self.certificates)
        raise invalid("axiom", f"{shown(axiom)} was not checked (checked: {asked})")

    FRAME_COLUMNS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("axiom", "str"),
        ("holds", "str"),
        ("group_size", "int"),
        ("projects", "str"),
        ("reason", "str"),
    )
    """The columns of `to_frame()`: (name, kind) pairs (see `civicgrants.model.display`)."""

    def to_frame(self, exact: bool = False) -> Any:
        """The certificates as a pandas DataFrame, one row each (the ``frames`` extra).

        Columns (`FRAME_COLUMNS`): ``axiom``, ``holds`` (``yes``, ``no`` or
        ``undecided``), ``projects`` (joined by ``,``), ``reason`` (strings);
        ``group_size`` (``int64``).

        Parameters
        ----------
        exact : bool, optional
            Accepted for a uniform call; the rows hold no amounts.

        Returns
        -------
        pandas.DataFrame
            One row per certificate, in order.

        Raises
        ------
        civicgrants.errors.MissingExtra
            pandas is not installed.

        Examples
        --------
        >>> from civicgrants.pb import Election
        >>> c = check(Election.from_ballots({"a": 1}, [["a"]], budget=1), ["a"], checks=["ejr"])
        >>> c.to_frame()[["axiom", "holds"]].values.tolist()
        [['ejr', 'yes']]
        """
        return frame(
            self.FRAME_COLUMNS,
            (
                (c.axiom, verdict(c.holds), len(c.group), ",".join(c.projects), c.reason)
                for c in self.certificates
            ),
            exact=exact,
        )


def verdict(holds: bool | None) -> str:
    """``yes``, ``no`` or ``undecided`` for a certificate's ``holds``.

    Parameters
    ----------
    holds : bool or None
        The answer.

    Returns
    -------
    str
        The word.

    Examples
    --------
    >>> verdict(True), verdict(False), verdict(None)
    ('yes', 'no', 'undecided')

    See Also
    --------
    Certificate.holds : the answer it names.
    """
    return "undecided" if holds is None else ("yes" if holds else "no")


@attrs.frozen
class _Vote:
    """The vote as exact integers: costs and budget scaled by ``10**places``."""

    n: int
    ids: tuple[str, ...]
    approves: npt.NDArray[np.bool_]  # (m, n): approves[p, i] voter i approves project p
    costs: tuple[int, ...]
    cost_array: npt.NDArray[Any]
    budget: int
    places: int
    funded: frozenset[int]
    u: npt.NDArray[Any]  # u_i(W), scaled

    def amount(self, value: int) -> str:
        with decimal.localcontext() as ctx:
            ctx.prec = 200
            return plain_number(Decimal(value).scaleb(-self.places))

    def share(self, size: int) -> str:
        """A group's share of the budget, ``size / n * b``, exactly."""
        value = Fraction(size * self.budget, self.n * 10**self.places)
        d, places = value.denominator, 0
        while d % 10 == 0 or d % 2 == 0 or d % 5 == 0:  # a decimal fraction: write it so
            d //= 10 if d % 10 == 0 else (2 if d % 2 == 0 else 5)
            places += 1
        if d != 1 or places > 40:
            return plain_fraction(value)
        with decimal.localcontext() as ctx:
            ctx.prec = 200
            return plain_number(Decimal(value.numerator) / Decimal(value.denominator))

    def cohesive(self, size: int, cost: int) -> bool:
        return size > 0 and size * self.budget >= self.n * cost


def _places(values: Sequence[Decimal]) -> int:
    exponents = [v.as_tuple().exponent for v in values]
    return max([0] + [-e for e in exponents if isinstance(e, int) and e < 0])


def _vote(election: Election, funded: frozenset[int]) -> _Vote:
    places = _places([*election.costs, election.budget])
    scale = 10**places
    costs = tuple(int(c * scale) for c in election.costs)
    budget = int(election.budget * scale)
    n, m = election.n_voters, election.n_projects
    approves = np.zeros((m, n), dtype=bool)
    voter = np.repeat(np.arange(n), np.diff(election.indptr))
    approves[election.indices, voter] = True
    big = (n + 1) * (sum(costs) + budget + 1) >= 2**62
    cost_array = np.array(costs, dtype=object if big else np.int64)
    won = np.zeros(m, dtype=bool)
    won[list(funded)] = True
    chosen = approves[won]
    if big:
        u = np.array(
            [sum(costs[p] for p in np.nonzero(chosen[:, i])[0]) for i in range(n)], dtype=object
        )
        u = np.zeros(n, dtype=object) if n and not funded else u
    else:
        u = cost_array[won] @ chosen if funded else np.zeros(n, dtype=np.int64)
    return _Vote(n, election.project_ids, approves, costs, cost_array, budget, places, funded, u)


def _group(mask: npt.NDArray[np.bool_]) -> tuple[int, ...]:
    return tuple(int(i) for i in np.nonzero(mask)[0])


class _Limit(Exception):
    """The searches reached their limit."""


@attrs.define
class _Search:
    """The search over cohesive project sets, and what it found."""

    vote: _Vote
    wanted: frozenset[str]
    limit: int
    visited: int = 0
    found: dict[str, Certificate] = attrs.field(factory=dict)

    def tick(self) -> None:
        self.visited += 1
        if self.visited > self.limit:
            raise _Limit

    def done(self) -> bool:
        return self.wanted <= self.found.keys()

    def run(self) -> bool:
        """Search every cohesive set; ``False`` if the limit stopped it."""
        everyone = np.ones(self.vote.n, dtype=bool)
        try:
            for _ in self._sets((), everyone, 0, 0):
                if self.done():
                    break
        except _Limit:
            return False
        return True

    def _sets(
        self, t: tuple[int, ...], mask: npt.NDArray[np.bool_], cost: int, start: int
    ) -> Iterator[None]:
        v = self.vote
        for p in range(start, len(v.costs)):
            inner = mask & v.approves[p]
            size = int(np.count_nonzero(inner))
            c = cost + v.costs[p]
            if not v.cohesive(size, c):
                continue
            self.tick()
            tp = (*t, p)
            self._at(tp, inner, c)
            yield
            if self.done():
                return
            yield from self._sets(tp, inner, c, p + 1)

    def _at(self, t: tuple[int, ...], mask: npt.NDArray[np.bool_], cost: int) -> None:
        v = self.vote
        short = mask & (v.u < cost)
        size = int(np.count_nonzero(short))
        if not v.cohesive(size, cost):
            return  # neither EJR nor PJR fails here
        if "ejr" in self.wanted and "ejr" not in self.found:
            self.found["ejr"] = self._violation("ejr", t, short, cost)
        unfunded = [v.costs[p] for p in t if p not in v.funded]
        if "ejr1" in self.wanted and "ejr1" not in self.found and unfunded:
            worse = short & (v.u + max(unfunded) <= cost)
            if v.cohesive(int(np.count_nonzero(worse)), cost):
                self.found["ejr1"] = self._violation("ejr1", t, worse, cost)
        if "pjr" in self.wanted and "pjr" not in self.found:
            self._pjr(t, short, cost)

    def _violation(
        self, axiom: str, t: tuple[int, ...], group: npt.NDArray[np.bool_], cost: int
    ) -> Certificate:
        v = self.vote
        size = int(np.count_nonzero(group))
        most = max(v.u[group].tolist())
        if axiom == "ejr":
            why = "none of them gets as much"
        else:
            why = (
                "none of them gets as much, even with the dearest unfunded project of the set "
                f"({v.amount(max(v.costs[p] for p in t if p not in v.funded))}) added"
            )
        reason = (
            f"{size} voters all approve {{{', '.join(v.ids[p] for p in t)}}} costing "
            f"{v.amount(cost)}, within their share {v.share(size)} of the budget; {why}: "
            f"the most satisfied of them gets {v.amount(most)}"
        )
        numbers = (
            ("group_size", str(size)),
            ("voters", str(v.n)),
            ("budget", v.amount(v.budget)),
            ("share", v.share(size)),
            ("cost_T", v.amount(cost)),
            ("most_satisfied", v.amount(most)),
        )
        return Certificate(axiom, False, reason, _group(group), tuple(v.ids[p] for p in t), numbers)

    def _pjr(self, t: tuple[int, ...], short: npt.NDArray[np.bool_], cost: int) -> None:
        v = self.vote
        room = cost - sum(v.costs[p] for p in t if p in v.funded)
        if room <= 0:
            return  # the union holds the funded part of T, which already costs enough
        outside = [p for p in sorted(v.funded) if p not in t]
        # each short voter's funded approved projects outside T, as a bit pattern
        patterns: dict[int, list[int]] = {}
        for i in np.nonzero(short)[0].tolist():
            pattern = sum(1 << k for k, p in enumerate(outside) if v.approves[p, i])
            patterns.setdefault(pattern, []).append(i)
        spend = {
            q: sum(v.costs[outside[k]] for k in range(len(outside)) if q >> k & 1) for q in patterns
        }
        patterns = {q: g for q, g in patterns.items() if spend[q] < room}
        used = 0
        for q in patterns:
            used |= q
        bits = [k for k in range(len(outside)) if used >> k & 1]
        for s in self._unions(bits, 0, 0, 0, room, outside):
            members = [i for q, g in patterns.items() if q & ~s == 0 for i in g]
            if not v.cohesive(len(members), cost):
                continue
            group = np.zeros(v.n, dtype=bool)
            group[members] = True
            union = [p for p in sorted(v.funded) if np.any(v.approves[p] & group)]
            got = sum(v.costs[p] for p in union)
            size = len(members)
            reason = (
                f"{size} voters all approve {{{', '.join(v.ids[p] for p in t)}}} costing "
                f"{v.amount(cost)}, within their share {v.share(size)} of the budget; the "
                f"funded projects any of them approves cost {v.amount(got)} in all"
            )
            numbers = (
                ("group_size", str(size)),
                ("voters", str(v.n)),
                ("budget", v.amount(v.budget)),
                ("share", v.share(size)),
                ("cost_T", v.amount(cost)),
                ("funded_approved", v.amount(got)),
            )
            self.found["pjr"] = Certificate(
                "pjr", False, reason, _group(group), tuple(v.ids[p] for p in t), numbers
            )
            return

    def _unions(
        self, bits: list[int], start: int, s: int, spent: int, room: int, outside: list[int]
    ) -> Iterator[int]:
        """Every set S (a bit pattern over ``outside``) of the ``bits`` costing less than ``room``."""
        self.tick()
        yield s
        for k in range(start, len(bits)):
            c = self.vote.costs[outside[bits[k]]]
            if spent + c < room:
                yield from self._unions(bits, k + 1, s | 1 << bits[k], spent + c, room, outside)


def _ejr_plus(vote: _Vote) -> Certificate:
    v = vote
    unfunded = [p for p in range(len(v.costs)) if p not in v.funded and v.costs[p] > 0]
    for p in unfunded:
        supporters = np.nonzero(v.approves[p])[0]
        if supporters.size == 0:
            continue
        order = supporters[np.argsort(v.u[supporters].astype(object), kind="stable")]
        us = v.u[order].tolist()
        best = 0
        for j, u in enumerate(us, start=1):
            if v.n * (u + v.costs[p]) <= j * v.budget:
                best = j
        if best:
            group = np.zeros(v.n, dtype=bool)
            group[order[:best]] = True
            most = us[best - 1]
            reason = (
                f"{best} voters all approve the unfunded {v.ids[p]} costing "
                f"{v.amount(v.costs[p])}; each gets at most {v.amount(most)}, and with "
                f"{v.ids[p]} added at most {v.amount(most + v.costs[p])}, within their share "
                f"{v.share(best)} of the budget"
            )
            numbers = (
                ("group_size", str(best)),
                ("voters", str(v.n)),
                ("budget", v.amount(v.budget)),
                ("share", v.share(best)),
                ("cost_c", v.amount(v.costs[p])),
                ("most_satisfied", v.amount(most)),
            )
            return Certificate(
                "ejr+", False, reason, _group(group), (v.ids[p],), numbers, len(unfunded)
            )
    reason = (
        f"for none of the {len(unfunded)} unfunded projects costing more than 0 could a group of its supporters "
        "pay for it from their share of the budget on top of what each already gets"
    )
    return Certificate("ejr+", True, reason, examined=len(unfunded))


def _selection(election: Election, outcome: Outcome | Iterable[str]) -> tuple[str, ...]:
    if isinstance(outcome, str):
        raise invalid(
            "outcome", f"must be an Outcome or project ids, got the text {shown(outcome)}"
        )
    selected = outcome.selected if isinstance(outcome, Outcome) else tuple(outcome)
    for k, p in enumerate(selected):
        if not isinstance(p, str) or p not in election.project_ids:
            raise invalid(f"outcome[{k}]", f"is not a project of the election: {p!r:.60}")
    return tuple(dict.fromkeys(selected))


def check(
    election: Election,
    outcome: Outcome | Iterable[str],
    checks: Sequence[str] = CHECKS,
    *,
    limit: int = DEFAULT_LIMIT,
) -> Certificates:
    """The proportionality certificates of an outcome, and its satisfaction measures.

    Parameters
    ----------
    election : Election
        The vote (any ballot type: a voter approves the projects on the ballot).
    outcome : Outcome or iterable of str
        The funded projects: an `Outcome` (its ``selected``) or their ids.
    checks : sequence of str, optional
        The axioms to decide, from `CHECKS` (all by default); see
        `civicgrants.pb.certificates` for their definitions.
    limit : int, optional
        The most project sets the exact searches (EJR, EJR up to one, PJR) may
        visit; beyond it an axiom not yet found violated is *undecided*.

    Returns
    -------
    Certificates
        One `Certificate` per axiom, in the order asked, and the
        `ApprovalMeasures` of the outcome.

    Raises
    ------
    ValidationError
        An unknown or repeated axiom, a ``limit`` below 1, an outcome naming a
        project the election does not have.

    Examples
    --------
    >>> from civicgrants.pb import Election, greedy
    >>> e = Election.from_ballots(
    ...     {"big": 70, "s1": 40, "s2": 40}, [["big"]] * 6 + [["s1", "s2"]] * 4, budget=100
    ... )
    >>> c = check(e, greedy(e))
    >>> c.get("ejr").holds, c.get("ejr").group, c.get("ejr").projects
    (False, (6, 7, 8, 9), ('s1',))
    >>> print(c.get("ejr").reason)
    4 voters all approve {s1} costing 40, within their share 40 of the budget; none of them gets as much: the most satisfied of them gets 0
    >>> check(e, ["big"]).get("ejr+").projects
    ('s1',)

    See Also
    --------
    Certificates : what it returns.
    civicgrants.pb.satisfaction.approval_measures : the measures alone.
    """
    names = tuple(checks)
    for k, name in enumerate(names):
        if name not in CHECKS:
            raise invalid(f"checks[{k}]", f"must be one of {', '.join(CHECKS)}, got {name!r:.60}")
        if name in names[:k]:
            raise invalid(f"checks[{k}]", f"{name!r} is asked for twice")
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise invalid("limit", f"must be a whole number >= 1, got {limit!r:.60}")
    selected = _selection(election, outcome)
    funded = frozenset(election.index(p) for p in selected)
    vote = _vote(election, funded)
    exact = frozenset(names) - {"ejr+", "priceability"}
    search = _Search(vote, exact, limit)
    complete = search.run() if exact else True
    out: list[Certificate] = []
    for name in names:
        if name == "ejr+":
            out.append(_ejr_plus(vote))
        elif name == "priceability":
            out.append(_priceability(vote))
        elif name in search.found:
            out.append(attrs.evolve(search.found[name], examined=min(search.visited, limit)))
        elif complete:
            out.append(_holds(name, vote, search.visited))
        else:
            reason = (
                f"undecided: the search stopped at its limit of {limit} sets "
                f"before finding a violation of {_NAMES[name]}"
            )
            out.append(Certificate(name, None, reason, examined=limit))
    return Certificates(
        selected,
        sum((election.costs[p] for p in sorted(funded)), Decimal(0)),
        election.budget,
        election.n_voters,
        approval_measures(election, selected),
        tuple(out),
        limit,
    )


def _holds(name: str, vote: _Vote, visited: int) -> Certificate:
    what = {
        "ejr": "some member gets at least cost(T)",
        "ejr1": "some member gets at least cost(T), or more than it with one more project of T",
        "pjr": "the funded projects its members approve cost at least cost(T)",
    }[name]
    reason = (
        f"every one of the {visited} project sets T a group can be cohesive over was "
        f"examined: in every cohesive group {what}"
    )
    return Certificate(name, True, reason, examined=visited)


def _no(
    vote: _Vote,
    reason: str,
    group: tuple[int, ...] = (),
    projects: tuple[str, ...] = (),
    numbers: tuple[tuple[str, str], ...] = (),
) -> Certificate:
    return Certificate("priceability", False, reason, group, projects, numbers)


def _priceability(vote: _Vote) -> Certificate:
    """Priceability: exact answers where a simple count decides, else the LP, verified exactly."""
    v = vote
    funded = sorted(v.funded)
    total = sum(v.costs[p] for p in funded)
    if total > v.budget:
        return _no(
            v,
            f"the funded projects cost {v.amount(total)}, more than the budget {v.amount(v.budget)}",
        )
    for p in funded:
        if v.costs[p] > 0 and not v.approves[p].any():
            return _no(
                v,
                f"{v.ids[p]} is funded for {v.amount(v.costs[p])} but no voter approves it",
                projects=(v.ids[p],),
            )
    unfunded = [c for c in range(len(v.costs)) if c not in v.funded]
    if v.n:
        # every voter holds at least the budget's equal share; and the supporters of a funded
        # project p pay for every funded project only they approve, so each holds at least
        # that cost per supporter
        low, why = Fraction(v.budget, v.n), "the budget's equal share"
        for p in funded:
            sup = v.approves[p]
            k = int(np.count_nonzero(sup))
            if not k:
                continue  # a funded project costing 0 that no one approves
            only = [q for q in funded if not np.any(v.approves[q] & ~sup)]
            if Fraction(sum(v.costs[q] for q in only), k) > low:
                low = Fraction(sum(v.costs[q] for q in only), k)
                why = (
                    f"the {k} voters approving {v.ids[p]} alone pay for "
                    f"{', '.join(v.ids[q] for q in only)}"
                )
        for c in unfunded:
            supporters = v.approves[c]
            k = int(np.count_nonzero(supporters))
            covered = sum(v.costs[p] for p in funded if np.any(v.approves[p] & supporters))
            if k and k * low - covered > v.costs[c]:
                kept = (k * low - covered) / 10**v.places
                reason = (
                    f"each voter must hold at least {plain_fraction(low / 10**v.places)} ({why}); "
                    f"the {k} voters approving the unfunded {v.ids[c]} then hold at least "
                    f"{plain_fraction(k * low / 10**v.places)}, the funded projects any of them "
                    f"approves cost {v.amount(covered)}, so they keep at least "
                    f"{plain_fraction(kept)}, more than its cost {v.amount(v.costs[c])}"
                )
                numbers = (
                    ("group_size", str(k)),
                    ("least_voter_budget", plain_fraction(low / 10**v.places)),
                    ("funded_approved", v.amount(covered)),
                    ("least_kept", plain_fraction(kept)),
                    ("cost_c", v.amount(v.costs[c])),
                )
                return _no(v, reason, _group(supporters), (v.ids[c],), numbers)
    if v.n == 0:
        if v.budget == 0:
            return Certificate(
                "priceability",
                True,
                "no voters and a budget of 0: nothing to pay",
                voter_budget=Fraction(0),
            )
        return _no(v, "no voters to hold the budget")
    candidates = [c for c in unfunded if v.approves[c].any()]
    shares = _equal_shares_payments(v, funded)
    if shares is not None:
        found = _verify(v, funded, candidates, shares, "equal shares of the budget")
        if found.holds:
            return found
    try:
        from scipy.optimize import linprog
        from scipy.sparse import coo_array
    except ImportError:
        return Certificate(
            "priceability",
            None,
            "undecided: priceability needs an LP solver, the 'solver' extra: pip install 'civicgrants[solver]'",
        )
    return _price(v, funded, unfunded, linprog, coo_array)


@attrs.frozen
class _Solved:
    """One solve of the priceability LP: its status and, when found, the float price system."""

    status: int
    message: str
    inverse: npt.NDArray[np.intp]  # every voter's type
    counts: list[int]  # voters per type
    pairs: list[tuple[int, int]]  # (type, position in funded) for every payment variable
    x: list[float]  # every payment, per voter of the type
    beta: float


def _solve(v: _Vote, funded: list[int], live: list[int], linprog: Any, coo_array: Any) -> _Solved:
    """The LP with C5 for the ``live`` unfunded projects only, voters grouped by ballot on them.

    Voters approving the same funded and ``live`` projects are one type paying alike
    (averaging any price system over such voters gives another one). Variables: the
    voter budget, a margin, what a voter of each type spends in all, and what it pays
    for each funded project it approves. The margin (maximised) keeps the supporters of
    every ``live`` project below its cost with room to spare, for the exact rounding.
    """
    kinds, inverse, counts = np.unique(
        v.approves[funded + live].T, axis=0, return_inverse=True, return_counts=True
    )
    inverse = inverse.reshape(-1)
    t_n = int(kinds.shape[0])
    w = len(funded)
    unit = float(v.budget) if v.budget else 1.0
    cost_f = np.array([v.costs[p] / unit for p in funded + live], dtype=np.float64)
    k_f = counts.astype(np.float64)
    pt, pk = np.nonzero(kinds[:, :w])
    n_pairs = int(pt.size)
    s0, x0 = 2, 2 + t_n  # variables: beta, delta, s[t], x[pair]
    n_var = x0 + n_pairs
    pair_cols = x0 + np.arange(n_pairs)
    types = np.arange(t_n)
    # equalities: each funded project paid in full; each type's spending is its payments
    eq_r = np.concatenate([pk, w + pt, w + types])
    eq_c = np.concatenate([pair_cols, pair_cols, s0 + types])
    eq_v = np.concatenate([k_f[pt], np.ones(n_pairs), -np.ones(t_n)])
    b_eq = np.concatenate([cost_f[:w], np.zeros(t_n)])
    a_eq = coo_array((eq_v, (eq_r, eq_c)), shape=(w + t_n, n_var)).tocsr()
    # inequalities: spending within the voter budget; C5 with the margin; n * beta >= budget
    n_live = len(live)
    ut, uk = np.nonzero(kinds[:, w:])
    held = np.bincount(uk, weights=k_f[ut], minlength=n_live)
    r5 = t_n + np.arange(n_live)
    zeros, ones = np.zeros(n_live, np.int64), np.ones(n_live, np.int64)
    ub_r = np.concatenate([types, types, t_n + uk, r5, r5, [t_n + n_live]])
    ub_c = np.concatenate([s0 + types, np.zeros(t_n, np.int64), s0 + ut, zeros, ones, [0]])
    ub_v = np.concatenate(
        [np.ones(t_n), -np.ones(t_n), -k_f[ut], held, np.ones(n_live), [-float(v.n)]]
    )
    b_ub = np.concatenate([np.zeros(t_n), cost_f[w:], [-1.0 if v.budget else 0.0]])
    a_ub = coo_array((ub_v, (ub_r, ub_c)), shape=(t_n + n_live + 1, n_var)).tocsr()
    objective = np.zeros(n_var)
    objective[:2] = [0.001 * v.n, -1.0]  # the margin first, then the least voter budget
    bounds = [(0, None), (0, 1.0)] + [(0, None)] * (t_n + n_pairs)
    res = linprog(
        objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs"
    )
    ok = res.status == 0
    return _Solved(
        int(res.status),
        str(res.message),
        inverse,
        counts.tolist(),
        list(zip(pt.tolist(), pk.tolist(), strict=True)),
        np.clip(res.x[x0:], 0.0, None).tolist() if ok else [],
        float(res.x[0]) * unit if ok else 0.0,
    )


def _equal_shares_payments(v: _Vote, funded: list[int]) -> _Solved | None:
    """A price system found without a solver: the funded projects bought by equal shares.

    Every voter holds ``b / n``; round after round, the funded project whose supporters
    can pay for it at the lowest price per unit of cost is bought, each supporter paying
    that price or all they have left (the Method of Equal Shares with cost
    satisfaction, restricted to the funded projects). When the outcome is what equal
    shares funds, these are its own payments, and its stopping rule is C5. ``None``
    when some funded project cannot be paid for this way. Floats, per kind of ballot;
    `_verify` rounds them and checks every constraint exactly.
    """
    if not funded or v.budget == 0:
        return None
    kinds, inverse, counts = np.unique(
        v.approves[funded].T, axis=0, return_inverse=True, return_counts=True
    )
    inverse = inverse.reshape(-1)
    unit = float(v.budget)
    money = np.full(kinds.shape[0], 1.0 / v.n)  # in units of the budget
    k_f = counts.astype(np.float64)
    cost = [v.costs[p] / unit for p in funded]
    paid: dict[tuple[int, int], float] = {}
    left = set(range(len(funded)))
    while left:
        best: tuple[float, int, float] | None = None
        for k in sorted(left):
            sup = np.flatnonzero(kinds[:, k])
            if cost[k] == 0:
                best = (0.0, k, 0.0)
                break
            order = sup[np.argsort(money[sup], kind="stable")]
            m, c = money[order], k_f[order]
            if float(m @ c) < cost[k] * (1 - 1e-12):
                continue
            # the least q with sum(c * min(m, q)) = cost: the poorest pay all they hold
            poor = np.concatenate([[0.0], np.cumsum(m * c)])
            rich = np.concatenate([np.cumsum(c[::-1])[::-1], [0.0]])
            for j in range(len(order)):
                q = (cost[k] - poor[j]) / rich[j]
                if q <= m[j] * (1 + 1e-12):
                    break
            rho = q / cost[k]
            if best is None or rho < best[0]:
                best = (rho, k, q)
        if best is None:
            return None
        _, k, q = best
        for t in np.flatnonzero(kinds[:, k]).tolist():
            pay = min(float(money[t]), q)
            paid[(t, k)] = pay
            money[t] -= pay
        left.discard(k)
    pairs = sorted(paid)
    return _Solved(
        0,
        "equal shares",
        inverse,
        counts.tolist(),
        pairs,
        [paid[p] for p in pairs],
        1.0 / v.n * unit,
    )


def _price(
    v: _Vote, funded: list[int], unfunded: list[int], linprog: Any, coo_array: Any
) -> Certificate:
    """Solve the priceability LP (HiGHS), adding C5 constraints as they are needed; verify exactly.

    The LP starts with no unfunded project's constraint; after each solve, the unfunded
    projects whose supporters keep too much (or less than a hair below its cost) join
    it, and it is solved again (a relaxation that is infeasible proves the whole LP is).
    The price system found is then rounded to exact fractions and checked against every
    constraint.
    """
    live: list[int] = []
    candidates = [c for c in unfunded if v.approves[c].any()]
    for _ in range(len(candidates) + 1):
        got = _solve(v, funded, live, linprog, coo_array)
        if got.status == 2:
            return _no(
                v,
                "no price system exists: the LP is infeasible "
                "(HiGHS, in floating point; not verified exactly)",
            )
        if got.status != 0:
            return Certificate(
                "priceability", None, f"undecided: the LP solver stopped ({got.message})"
            )
        spent = np.zeros(len(got.counts))
        for (t, _), a in zip(got.pairs, got.x, strict=True):
            spent[t] += a
        unit = float(v.budget) if v.budget else 1.0
        left = np.maximum(got.beta - spent * unit, 0.0)[got.inverse]
        hair = 1e-7 * max(unit, 1.0)
        more = [
            c
            for c in candidates
            if c not in live and float(left[v.approves[c]].sum()) > v.costs[c] - hair
        ]
        if not more:
            return _verify(v, funded, candidates, got)
        live += more
    return Certificate("priceability", None, "undecided: the LP did not settle")


def _verify(
    v: _Vote,
    funded: list[int],
    candidates: list[int],
    got: _Solved,
    found_by: str = "an LP",
) -> Certificate:
    """Round a float price system to exact fractions and check every constraint exactly."""
    t_n = len(got.counts)
    # integers on a grid, each funded project's payments scaled to its cost exactly
    grid = [round(a * 2**40) for a in got.x]
    total = [0] * len(funded)
    for g, (t, k) in zip(grid, got.pairs, strict=True):
        total[k] += got.counts[t] * g
    for k, p in enumerate(funded):
        if total[k] == 0 and v.costs[p] > 0:
            return Certificate(
                "priceability",
                None,
                f"undecided: the LP's price system pays nothing for {v.ids[p]} once rounded",
            )
    pay = [
        Fraction(g * v.costs[funded[k]], total[k]) if g else Fraction(0)
        for g, (_, k) in zip(grid, got.pairs, strict=True)
    ]
    spent = [Fraction(0)] * t_n
    for a, (t, _) in zip(pay, got.pairs, strict=True):
        if a:
            spent[t] += a
    beta = max([Fraction(v.budget, v.n), *spent])
    worst: Fraction | None = None
    for c in candidates:  # C5 for every unfunded project with supporters, exactly
        per_type = np.bincount(got.inverse[v.approves[c]], minlength=t_n).tolist()
        kept = sum((k * (beta - spent[t]) for t, k in enumerate(per_type) if k), Fraction(0))
        slack = v.costs[c] - kept
        if slack < 0:
            return Certificate(
                "priceability",
                None,
                f"undecided: the LP (HiGHS) finds a price system, but rounded exactly the "
                f"supporters of {v.ids[c]} keep {plain_fraction(kept / 10**v.places)}, more "
                f"than its cost {v.amount(v.costs[c])} (a price system with no room to spare)",
                examined=t_n,
            )
        worst = slack if worst is None else min(worst, slack)
    scale = 10**v.places
    by_type: dict[int, list[tuple[str, Fraction]]] = {}
    for a, (t, k) in sorted(zip(pay, got.pairs, strict=True), key=lambda x: x[1]):
        if a:
            by_type.setdefault(t, []).append((v.ids[funded[k]], a / scale))
    payments = tuple(
        (i, pid, a) for i, t in enumerate(got.inverse.tolist()) for pid, a in by_type.get(t, [])
    )
    reason = (
        f"a price system pays for every funded project: each voter holds "
        f"{plain_fraction(beta / scale)}, pays only for funded projects they approve, "
        f"and the supporters of no unfunded project keep more than its cost together "
        f"(checked exactly; found by {found_by} over {t_n} kinds of ballot)"
    )
    numbers = (
        ("voter_budget", plain_fraction(beta / scale)),
        ("least_room", plain_fraction(worst / scale) if worst is not None else "none"),
        ("ballot_kinds", str(t_n)),
    )
    return Certificate(
        "priceability",
        True,
        reason,
        numbers=numbers,
        examined=t_n,
        voter_budget=beta / scale,
        payments=payments,
    )
