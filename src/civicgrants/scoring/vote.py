"""Residents' votes (participatory budgeting): the election, the greedy rule, equal shares.

An :class:`Election` is one pabulib instance held compactly: projects with
exact costs, a budget, and the ballots as CSR arrays (``indptr``/``indices``,
plus ``points`` for cumulative ballots). Two rules count it:

* :func:`greedy` — the utilitarian greedy rule: projects in decreasing order of
  total satisfaction per unit of cost, each funded if it still fits;
* :func:`equal_shares` — the Method of Equal Shares (MES): the budget is split
  equally among the voters and a project is funded when its supporters can pay
  for it; each round funds the project whose supporters pay the least per unit
  of satisfaction (the smallest ``rho``). Optional completions spend what MES
  leaves over.

Both give the same selections as pabutools 1.2.3's ``greedy_utilitarian_welfare``
and ``method_of_equal_shares`` (with the matching satisfaction class and its
default lexicographic tie-breaking). Arithmetic is fast floating point with exact
(:class:`~fractions.Fraction`) decisions wherever two values come near each other.

Satisfactions (``sat=``):

* ``"cost"`` — a voter's satisfaction from a funded project is its cost if the
  voter supports it (pabutools ``Cost_Sat``); default for approval ballots;
* ``"cardinality"`` — 1 per supported funded project (``Cardinality_Sat``);
* ``"points"`` — the points the voter gave the project (``Additive_Cardinal_Sat``);
  default for cumulative ballots;
* ``"borda"`` — positional: on a ballot ranking ``k`` projects, the project in
  position ``j`` (0 = first) is worth ``k - 1 - j`` (the last-ranked one is worth 0);
  unranked projects are worth 0 (``Additive_Borda_Sat``); default for ordinal ballots.

``"cost"`` and ``"cardinality"`` apply to every ballot type: a voter supports the
projects on the ballot (for cumulative ballots, those given at least one point).

Computation only: reading and writing ``.pb`` files is :mod:`civicgrants.io.pabulib`.

Examples
--------
>>> e = Election.from_ballots(
...     {"a": 60, "b": 50, "c": 40}, [["a"], ["a"], ["b", "c"], ["c"]], budget=100
... )
>>> greedy(e).selected
('a', 'c')
>>> equal_shares(e).selected
('c',)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Literal

import attrs
import numpy as np
import numpy.typing as npt

from civicgrants.errors import Problem, ValidationError

__all__ = [
    "COMPLETIONS",
    "LENGTH_KEYS",
    "SATISFACTIONS",
    "TIE_BREAKS",
    "Decision",
    "Election",
    "Outcome",
    "SatisfactionSummary",
    "default_sat",
    "equal_shares",
    "greedy",
    "length_limit",
    "length_problem",
    "satisfaction_summary",
]

VoteType = Literal["approval", "cumulative", "ordinal"]
VOTE_TYPES: tuple[str, ...] = ("approval", "cumulative", "ordinal")
SATISFACTIONS: tuple[str, ...] = ("cost", "cardinality", "points", "borda")
"""Satisfaction names accepted by ``sat=``."""
TIE_BREAKS: tuple[str, ...] = ("lexico", "min_cost", "max_cost", "app_score")
"""Tie-breaking names accepted by ``tie_break=`` (``lexico`` is pabutools' default)."""
COMPLETIONS: tuple[str | None, ...] = (None, "add1", "utilitarian", "add1_utilitarian")
"""Completions of MES accepted by ``completion=``."""
LENGTH_KEYS: tuple[str, str] = ("min_length", "max_length")
"""META keys bounding how many projects a ballot may name (pabulib; both optional)."""

IntArray = npt.NDArray[np.int64]


def _problem(path: str, message: str) -> ValidationError:
    return ValidationError([Problem(path, message)])


def to_exact(value: object, what: str) -> Decimal:
    """A non-negative exact amount from an int, a Decimal or a decimal string (``,`` or ``.``).

    >>> to_exact("1234,50", "cost")
    Decimal('1234.50')
    """
    if isinstance(value, (bool, float)):
        raise _problem(what, f"must be an exact number (int, Decimal or text), got {value!r}")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
    elif isinstance(value, str):
        text = value.strip().replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise _problem(what, f"must be a number, got {value!r}") from None
    else:
        raise _problem(what, f"must be a number, got {value!r}")
    if not amount.is_finite() or amount < 0:
        raise _problem(what, f"must be a finite number >= 0, got {value!r}")
    return amount


def length_limit(value: str, what: str) -> int:
    """A META ballot-length bound (``min_length`` / ``max_length``): a whole number ``>= 0``.

    >>> length_limit(" 5 ", "max_length")
    5
    """
    text = value.strip()
    if not (text.isascii() and text.isdigit()):
        raise _problem(what, f"must be a whole number >= 0, got {value!r}")
    return int(text)


def _projects(n: int) -> str:
    return f"{n} project" if n == 1 else f"{n} projects"


def length_problem(n: int, low: int | None, high: int | None) -> str | None:
    """Why a ballot naming ``n`` projects breaks the META bounds (``None`` if it does not).

    >>> length_problem(7, None, 5)
    '7 projects, more than max_length 5'
    >>> length_problem(1, 3, None)
    '1 project, fewer than min_length 3'
    """
    if high is not None and n > high:
        return f"{_projects(n)}, more than max_length {high}"
    if low is not None and n < low:
        return f"{_projects(n)}, fewer than min_length {low}"
    return None


def has_repeats(keys: IntArray) -> bool:
    """Whether any value occurs twice (fast on nearly sorted keys)."""
    s = np.sort(keys, kind="stable")
    return bool(np.any(s[1:] == s[:-1]))


def _eq_arrays(a: npt.NDArray[Any] | None, b: npt.NDArray[Any] | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.shape == b.shape and bool(np.array_equal(a, b))


@attrs.frozen(eq=False)
class Election:
    """One participatory-budgeting vote: projects, budget, ballots (CSR), and the file's extras.

    Parameters
    ----------
    meta
        The META rows as ``(key, value)`` strings, in order; must hold ``budget``
        and ``vote_type`` (``approval``, ``cumulative`` or ``ordinal``). Optional
        ``min_length`` / ``max_length`` (whole numbers) bound how many projects every
        ballot names; a ballot outside them is an error.
    project_ids
        Project ids (unique, non-empty strings), in file order.
    costs
        Exact costs (:class:`~decimal.Decimal`, ``>= 0``), aligned with ``project_ids``.
    indptr, indices
        The ballots in CSR form: voter ``v`` names projects
        ``indices[indptr[v]:indptr[v + 1]]`` (positions in ``project_ids``), in
        ballot order (the ranking for ordinal ballots).
    points
        Cumulative ballots only: the points (integers ``>= 0``) aligned with ``indices``.
    project_columns, project_rows
        The PROJECTS header and each project's raw row (strings), kept so a
        written file loses nothing.
    voter_columns, voter_data
        The VOTES columns other than ``vote`` and ``points`` and one array per
        column of the voters' UTF-8 values (numpy ``bytes_`` arrays), in
        ``vote_header`` order.
    vote_header
        The full VOTES header, in file order.

    Examples
    --------
    >>> e = Election.from_ballots({"p1": 10, "p2": 5}, [["p1"], ["p2", "p1"]], budget=12)
    >>> e.n_voters, e.budget, e.ballot(1)
    (2, Decimal('12'), ('p2', 'p1'))
    """

    meta: tuple[tuple[str, str], ...] = attrs.field()
    project_ids: tuple[str, ...] = attrs.field()
    costs: tuple[Decimal, ...] = attrs.field()
    indptr: IntArray
    indices: IntArray
    points: IntArray | None = None
    project_columns: tuple[str, ...] = attrs.field(default=("project_id", "cost"))
    project_rows: tuple[tuple[str, ...], ...] = attrs.field(default=())
    vote_header: tuple[str, ...] = attrs.field(default=("voter_id", "vote"))
    voter_data: tuple[npt.NDArray[np.bytes_], ...] = attrs.field(default=())
    budget: Decimal = attrs.field(init=False)
    vote_type: VoteType = attrs.field(init=False)
    _index: dict[str, int] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        meta = dict(self.meta)
        vote_type = meta.get("vote_type", "").strip()
        if vote_type not in VOTE_TYPES:
            problems.append(
                Problem(
                    "meta.vote_type", f"must be one of {', '.join(VOTE_TYPES)}, got {vote_type!r}"
                )
            )
        try:
            budget = to_exact(meta.get("budget", ""), "meta.budget")
        except ValidationError as exc:
            problems.extend(exc.problems)
            budget = Decimal(0)
        index: dict[str, int] = {}
        for i, pid in enumerate(self.project_ids):
            if not isinstance(pid, str) or not pid or pid != pid.strip():
                problems.append(
                    Problem(f"projects[{i}].project_id", f"must be a non-empty id, got {pid!r}")
                )
            elif pid in index:
                problems.append(Problem(f"projects[{i}].project_id", f"duplicate id {pid!r}"))
            index[pid] = i
        if len(self.costs) != len(self.project_ids):
            problems.append(Problem("costs", f"must have one per project, got {len(self.costs)}"))
        for i, cost in enumerate(self.costs):
            if not isinstance(cost, Decimal) or not cost.is_finite() or cost < 0:
                problems.append(
                    Problem(f"projects[{i}].cost", f"must be a Decimal >= 0, got {cost!r}")
                )
        before = len(problems)
        self._check_arrays(problems, vote_type)
        if len(problems) == before:
            self._check_lengths(problems, meta)
        if self.project_rows and len(self.project_rows) != len(self.project_ids):
            problems.append(Problem("project_rows", "must have one row per project"))
        n_extra = len(self._extra_columns(vote_type))
        if "vote" not in self.vote_header:
            problems.append(Problem("vote_header", "must contain 'vote'"))
        if len(self.voter_data) != n_extra:
            problems.append(
                Problem("voter_data", f"must have {n_extra} columns, got {len(self.voter_data)}")
            )
        for k, col in enumerate(self.voter_data):
            if col.shape != (self.n_voters,):
                problems.append(Problem(f"voter_data[{k}]", f"must have {self.n_voters} values"))
        if problems:
            raise ValidationError(problems)
        object.__setattr__(self, "budget", budget)
        object.__setattr__(self, "vote_type", vote_type)
        object.__setattr__(self, "_index", index)

    def _check_arrays(self, problems: list[Problem], vote_type: str) -> None:
        ip, ix = self.indptr, self.indices
        if not (isinstance(ip, np.ndarray) and isinstance(ix, np.ndarray)):
            problems.append(Problem("indptr", "indptr and indices must be numpy arrays"))
            return
        if (
            ip.ndim != 1
            or ip.size < 1
            or ip[0] != 0
            or ip[-1] != ix.size
            or np.any(np.diff(ip) < 0)
        ):
            problems.append(
                Problem("indptr", "must start at 0, never decrease, and end at len(indices)")
            )
            return
        if ix.size and (ix.min() < 0 or ix.max() >= len(self.project_ids)):
            problems.append(Problem("indices", "must name projects by position"))
            return
        if vote_type == "cumulative":
            if self.points is None or self.points.shape != ix.shape:
                problems.append(
                    Problem("points", "cumulative ballots need one point count per vote")
                )
            elif self.points.size and self.points.min() < 0:
                problems.append(Problem("points", "must be >= 0"))
        elif self.points is not None:
            problems.append(
                Problem("points", f"only cumulative ballots carry points, not {vote_type}")
            )
        if ix.size:
            voter = np.repeat(np.arange(ip.size - 1, dtype=np.int64), np.diff(ip))
            key = voter * max(1, len(self.project_ids)) + ix
            if has_repeats(key):
                problems.append(Problem("indices", "a ballot names the same project twice"))

    def _check_lengths(self, problems: list[Problem], meta: dict[str, str]) -> None:
        limits: dict[str, int] = {}
        for key in LENGTH_KEYS:
            if key in meta:
                try:
                    limits[key] = length_limit(meta[key], f"meta.{key}")
                except ValidationError as exc:
                    problems.extend(exc.problems)
        if not limits:
            return
        low, high = limits.get("min_length"), limits.get("max_length")
        lengths = np.diff(self.indptr)
        bad = np.zeros(lengths.shape, dtype=bool)
        if high is not None:
            bad |= lengths > high
        if low is not None:
            bad |= lengths < low
        for v in np.flatnonzero(bad)[:5].tolist():
            why = length_problem(int(lengths[v]), low, high)
            problems.append(Problem(f"ballots[{v}]", str(why)))
        if int(bad.sum()) > 5:
            problems.append(
                Problem("ballots", f"{int(bad.sum())} ballots in all break the length bounds")
            )

    def _extra_columns(self, vote_type: str) -> list[str]:
        special = ("vote", "points") if vote_type == "cumulative" else ("vote",)
        return [c for c in self.vote_header if c not in special]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Election):
            return NotImplemented
        return (
            self.meta == other.meta
            and self.project_ids == other.project_ids
            and self.costs == other.costs
            and self.project_columns == other.project_columns
            and self.project_rows == other.project_rows
            and self.vote_header == other.vote_header
            and _eq_arrays(self.indptr, other.indptr)
            and _eq_arrays(self.indices, other.indices)
            and _eq_arrays(self.points, other.points)
            and len(self.voter_data) == len(other.voter_data)
            and all(
                _eq_arrays(a, b) for a, b in zip(self.voter_data, other.voter_data, strict=True)
            )
        )

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def from_ballots(
        cls,
        costs: Mapping[str, int | Decimal | str],
        ballots: Sequence[Sequence[str]] | Sequence[Mapping[str, int]],
        *,
        budget: int | Decimal | str,
        vote_type: VoteType | None = None,
    ) -> Election:
        """Build an election from plain Python values.

        ``ballots`` are lists of project ids (approval, or ordinal when
        ``vote_type="ordinal"``) or ``{project: points}`` mappings (cumulative).

        >>> e = Election.from_ballots({"x": 3}, [{"x": 2}, {}], budget=3)
        >>> e.vote_type, e.points.tolist()
        ('cumulative', [2])
        """
        ids = tuple(costs)
        exact = tuple(to_exact(costs[p], f"costs[{p!r}]") for p in ids)
        to_index = {p: i for i, p in enumerate(ids)}
        cumulative = any(isinstance(b, Mapping) for b in ballots)
        kind: VoteType = vote_type or ("cumulative" if cumulative else "approval")
        indptr = [0]
        indices: list[int] = []
        pts: list[int] = []
        for v, ballot in enumerate(ballots):
            for p in ballot:
                if p not in to_index:
                    raise _problem(f"ballots[{v}]", f"unknown project {p!r}")
                indices.append(to_index[p])
                if isinstance(ballot, Mapping):
                    pts.append(int(ballot[p]))
            indptr.append(len(indices))
        b = to_exact(budget, "budget")
        return cls(
            meta=(("budget", str(b)), ("vote_type", kind)),
            project_ids=ids,
            costs=exact,
            indptr=np.asarray(indptr, dtype=np.int64),
            indices=np.asarray(indices, dtype=np.int64),
            points=np.asarray(pts, dtype=np.int64) if kind == "cumulative" else None,
            project_rows=tuple((p, str(c)) for p, c in zip(ids, exact, strict=True)),
            vote_header=("voter_id", "vote", "points")
            if kind == "cumulative"
            else ("voter_id", "vote"),
            voter_data=(np.array([str(i).encode() for i in range(len(ballots))], dtype=np.bytes_),)
            if ballots
            else (np.zeros(0, dtype="S1"),),
        )

    @property
    def n_voters(self) -> int:
        """The number of ballots (empty ones included)."""
        return int(self.indptr.size - 1)

    @property
    def n_projects(self) -> int:
        """The number of projects."""
        return len(self.project_ids)

    def index(self, project_id: str) -> int:
        """The position of ``project_id`` (``KeyError`` if unknown)."""
        return self._index[project_id]

    def ballot(self, voter: int) -> tuple[str, ...]:
        """The project ids voter ``voter`` named, in ballot order."""
        lo, hi = int(self.indptr[voter]), int(self.indptr[voter + 1])
        return tuple(self.project_ids[int(i)] for i in self.indices[lo:hi])

    def voter_column(self, name: str) -> tuple[str, ...]:
        """One extra VOTES column (e.g. ``voter_id``) decoded to strings."""
        col = self.voter_data[self._extra_columns(self.vote_type).index(name)]
        return tuple(x.decode("utf-8") for x in col.tolist())

    def utilities(self, sat: str) -> tuple[IntArray | None, list[Fraction]]:
        """Per-vote integer utilities for ``sat`` (``None`` means "1 per vote, times a
        per-project factor"), and the exact per-project factor.

        The satisfaction of voter ``v`` from project ``p`` is ``u[k] * factor[p]`` for
        the vote ``k`` of ``v`` naming ``p``.
        """
        check_sat(self, sat)
        ones = [Fraction(1)] * self.n_projects
        if sat == "cost":
            return None, [Fraction(c) for c in self.costs]
        if sat == "cardinality":
            return None, ones
        if sat == "points":
            assert self.points is not None
            return self.points, ones
        lengths = np.diff(self.indptr)
        pos = np.arange(self.indices.size, dtype=np.int64) - np.repeat(self.indptr[:-1], lengths)
        return np.repeat(lengths, lengths) - 1 - pos, ones


def default_sat(election: Election) -> str:
    """The default satisfaction for the election's ballots (cost, points or borda).

    >>> default_sat(Election.from_ballots({"a": 1}, [["a"]], budget=1))
    'cost'
    """
    return {"approval": "cost", "cumulative": "points", "ordinal": "borda"}[election.vote_type]


def check_sat(election: Election, sat: str) -> None:
    """Raise a clear error if ``sat`` does not apply to the election's ballots."""
    if sat not in SATISFACTIONS:
        raise _problem("sat", f"must be one of {', '.join(SATISFACTIONS)}, got {sat!r}")
    if sat == "points" and election.vote_type != "cumulative":
        raise _problem("sat", f"'points' needs cumulative ballots, not {election.vote_type}")
    if sat == "borda" and election.vote_type != "ordinal":
        raise _problem("sat", f"'borda' needs ordinal ballots, not {election.vote_type}")


@attrs.frozen
class Decision:
    """Why one project was funded or not.

    ``step`` is the round (MES) or the position in the greedy order; ``phase`` is
    ``"mes"``, ``"greedy"`` or ``"completion"``; ``numbers`` are the exact figures
    the decision used (as strings), e.g. ``rho`` and ``price`` for MES.
    """

    project: str
    selected: bool
    step: int
    phase: str
    reason: str
    numbers: tuple[tuple[str, str], ...] = ()


@attrs.frozen
class Outcome:
    """The result of counting a vote: what was funded, in selection order, and why."""

    rule: str
    sat: str
    completion: str | None
    tie_break: str
    selected: tuple[str, ...]
    cost: Decimal
    budget: Decimal
    decisions: tuple[Decision, ...]

    def explain(self, project: str) -> tuple[Decision, ...]:
        """Every decision about ``project``, in order."""
        return tuple(d for d in self.decisions if d.project == project)


# --------------------------------------------------------------------------- tie-breaking


def tie_keys(election: Election, tie_break: str) -> list[int]:
    """Each project's rank under ``tie_break`` (lower wins); ids break remaining ties."""
    ids = election.project_ids
    if tie_break not in TIE_BREAKS:
        raise _problem("tie_break", f"must be one of {', '.join(TIE_BREAKS)}, got {tie_break!r}")
    keys: list[tuple[Any, ...]]
    if tie_break == "lexico":
        keys = [(p,) for p in ids]
    elif tie_break == "min_cost":
        keys = [(c, p) for c, p in zip(election.costs, ids, strict=True)]
    elif tie_break == "max_cost":
        keys = [(-c, p) for c, p in zip(election.costs, ids, strict=True)]
    else:
        counts = np.bincount(election.indices, minlength=election.n_projects)
        keys = [(-int(n), p) for n, p in zip(counts, ids, strict=True)]
    order = sorted(range(len(ids)), key=lambda i: keys[i])
    rank = [0] * len(ids)
    for r, i in enumerate(order):
        rank[i] = r
    return rank


# --------------------------------------------------------------------------- greedy


def total_satisfaction(election: Election, sat: str) -> list[Fraction]:
    """Each project's total satisfaction (exact) over all voters."""
    u, factor = election.utilities(sat)
    n = election.n_projects
    if u is None:
        raw = np.bincount(election.indices, minlength=n)
    else:
        raw = np.zeros(n, dtype=np.int64)
        np.add.at(raw, election.indices, u)
    return [int(r) * f for r, f in zip(raw.tolist(), factor, strict=True)]


def greedy(
    election: Election,
    sat: str | None = None,
    *,
    tie_break: str = "lexico",
    initial: Iterable[str] = (),
) -> Outcome:
    """The utilitarian greedy rule (pabutools ``greedy_utilitarian_welfare``).

    Projects are taken in decreasing order of total satisfaction per unit of cost
    (``inf`` for a free project that someone values; ``0`` for a project nobody
    values), ties by ``tie_break``; each is funded if its cost still fits in what
    is left of the budget. Projects nobody values are still funded if they fit
    (as pabutools does). With ``sat="borda"`` a free project counts as ``inf``
    even if nobody values it (pabutools' general greedy scheme).

    ``initial`` projects are taken as already funded (used by completions).

    Examples
    --------
    >>> e = Election.from_ballots({"a": 60, "b": 50, "c": 40}, [["a", "b"], ["b"], ["c"]], budget=100)
    >>> greedy(e).selected, greedy(e, "cardinality").selected
    (('b', 'c'), ('b', 'c'))
    >>> [d.reason for d in greedy(e).decisions if not d.selected]
    ['cost 60 exceeds the 50 left']
    """
    sat = sat or default_sat(election)
    check_sat(election, sat)
    rank = tie_keys(election, tie_break)
    total = total_satisfaction(election, sat)
    chosen = list(initial)
    for p in chosen:
        election.index(p)
    taken = set(chosen)
    infinite = (1, Fraction(0))

    def density(i: int) -> tuple[int, Fraction]:
        cost = election.costs[i]
        if cost == 0 and (total[i] > 0 or sat == "borda"):
            return infinite
        if total[i] > 0:
            return (0, total[i] / Fraction(cost))
        return (0, Fraction(0))

    dens = {
        i: density(i) for i in range(election.n_projects) if election.project_ids[i] not in taken
    }
    order = sorted(dens, key=lambda i: (-dens[i][0], -dens[i][1], rank[i]))
    spent = sum((election.costs[election.index(p)] for p in chosen), Decimal(0))
    left = election.budget - spent
    decisions: list[Decision] = []
    phase = "completion" if chosen else "greedy"
    for step, i in enumerate(order, start=1):
        pid = election.project_ids[i]
        d = dens[i]
        shown = "inf" if d[0] else _fmt_fraction(d[1])
        nums = (("satisfaction", _fmt_fraction(total[i])), ("per_cost", shown))
        cost = election.costs[i]
        if cost <= left:
            left -= cost
            chosen.append(pid)
            decisions.append(
                Decision(
                    pid, True, step, phase, f"fits: {_fmt(cost)} of {_fmt(left + cost)} left", nums
                )
            )
        else:
            decisions.append(
                Decision(
                    pid,
                    False,
                    step,
                    phase,
                    f"cost {_fmt(cost)} exceeds the {_fmt(left)} left",
                    nums,
                )
            )
    return Outcome(
        "greedy",
        sat,
        None,
        tie_break,
        tuple(chosen),
        election.budget - left,
        election.budget,
        tuple(decisions),
    )


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)


def _fmt_fraction(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator} (~{float(value):.6g})"


# --------------------------------------------------------------------------- equal shares


def equal_shares(
    election: Election,
    sat: str | None = None,
    *,
    completion: str | None = None,
    tie_break: str = "lexico",
    increment: int | Decimal = 1,
    exact: bool = False,
) -> Outcome:
    """The Method of Equal Shares (pabutools ``method_of_equal_shares``).

    Each voter gets ``budget / n_voters``. A round computes, for each project
    whose supporters still hold at least its cost, the smallest ``rho`` such
    that supporters paying ``min(their money, rho * their satisfaction)`` cover
    the cost; the project with the smallest ``rho`` is funded (ties by
    ``tie_break``) and its supporters pay. It stops when no project is
    affordable. Free projects that someone values are funded first.

    ``completion``:

    * ``None`` — plain MES;
    * ``"add1"`` — rerun MES with every voter's starting money raised by
      ``increment`` (default 1) until an outcome would overspend the real budget
      (then keep the previous one) or no supported project fits any more
      (pabutools ``voter_budget_increment``);
    * ``"utilitarian"`` — then fill with :func:`greedy` (same ``sat``)
      (pabutools ``completion_by_rule_combination`` with MES then greedy);
    * ``"add1_utilitarian"`` — ``"add1"``, then the greedy fill.

    ``exact=True`` counts with exact fractions throughout (slower; the default
    float engine already falls back to it on any near-tie, so results agree).

    Examples
    --------
    >>> e = Election.from_ballots({"big": 80, "s1": 30}, [["big"]] * 4 + [["s1"]], budget=100)
    >>> equal_shares(e).selected
    ('big',)
    >>> d = equal_shares(e).explain("s1")[0]
    >>> d.selected, d.reason
    (False, 'supporters hold 20, less than the cost 30')
    >>> equal_shares(e, completion="utilitarian").selected
    ('big',)
    """
    from civicgrants.scoring import _mes

    sat = sat or default_sat(election)
    check_sat(election, sat)
    if completion not in COMPLETIONS:
        raise _problem(
            "completion", f"must be one of {', '.join(map(str, COMPLETIONS))}, got {completion!r}"
        )
    rank = tie_keys(election, tie_break)
    inc = Fraction(to_exact(increment, "increment"))
    if completion in ("add1", "add1_utilitarian") and inc <= 0:
        raise _problem("increment", f"must be > 0, got {increment}")
    run = _mes.run_mes(election, sat, rank, None, exact)
    if completion in ("add1", "add1_utilitarian") and election.n_voters:
        share = Fraction(election.budget) / election.n_voters
        while not _exhausted(election, run.selected, run.candidates):
            share += inc
            nxt = _mes.run_mes(election, sat, rank, share, exact)
            if nxt.cost > election.budget:
                break
            run = nxt
    decisions = list(run.decisions)
    selected = [election.project_ids[i] for i in run.selected]
    cost = sum((election.costs[i] for i in run.selected), Decimal(0))
    if completion in ("utilitarian", "add1_utilitarian"):
        fill = greedy(election, sat, tie_break=tie_break, initial=selected)
        decisions.extend(fill.decisions)
        selected = list(fill.selected)
        cost = fill.cost
    return Outcome(
        "mes", sat, completion, tie_break, tuple(selected), cost, election.budget, tuple(decisions)
    )


def _exhausted(election: Election, selected: Sequence[int], candidates: Sequence[int]) -> bool:
    spent = sum((election.costs[i] for i in selected), Decimal(0))
    chosen = set(selected)
    return all(i in chosen or election.costs[i] + spent > election.budget for i in candidates)


# --------------------------------------------------------------------------- satisfaction summary


@attrs.frozen
class SatisfactionSummary:
    """How satisfied the voters are with a selection.

    ``share`` of a voter is the satisfaction from the funded projects divided by
    the satisfaction if everything on the ballot were funded (cost: money of
    supported projects funded; cardinality: count; points: points; borda: Borda
    score). Voters whose ballot is worth nothing are left out of the shares.
    ``quantiles`` are (q, share) for q in 0, 0.1, 0.25, 0.5, 0.75, 0.9, 1
    (lower interpolation).
    """

    sat: str
    voters: int
    counted: int
    zero: int
    full: int
    mean_share: float
    quantiles: tuple[tuple[float, float], ...]


def satisfaction_summary(
    election: Election, selected: Iterable[str], sat: str | None = None
) -> SatisfactionSummary:
    """Summarise per-voter satisfaction with ``selected``.

    >>> e = Election.from_ballots({"a": 1, "b": 1}, [["a"], ["a", "b"], ["b"], []], budget=1)
    >>> s = satisfaction_summary(e, ["a"], "cardinality")
    >>> s.counted, s.zero, s.full, s.mean_share
    (3, 1, 1, 0.5)
    """
    sat = sat or default_sat(election)
    u, factor = election.utilities(sat)
    f = np.array([float(x) for x in factor], dtype=np.float64)
    w = f[election.indices] if u is None else u.astype(np.float64) * f[election.indices]
    funded = np.zeros(election.n_projects, dtype=bool)
    for p in selected:
        funded[election.index(p)] = True
    n = election.n_voters
    voter = np.repeat(np.arange(n), np.diff(election.indptr))
    want = np.bincount(voter, weights=w, minlength=n)
    got = np.bincount(voter, weights=w * funded[election.indices], minlength=n)
    mask = want > 0
    share = got[mask] / want[mask]
    qs = (0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0)
    if share.size:
        vals = np.quantile(share, qs, method="lower")
        quant = tuple((q, round(float(v), 4)) for q, v in zip(qs, vals, strict=True))
        mean = round(float(share.mean()), 4)
    else:
        quant, mean = (), 0.0
    return SatisfactionSummary(
        sat,
        n,
        int(mask.sum()),
        int((share == 0).sum()),
        int((share >= 1.0 - 1e-12).sum()),
        mean,
        quant,
    )
