"""The election of a residents' vote: projects, budget and ballots, held compactly.

An :class:`Election` is one pabulib instance: projects with exact costs, a
budget, and the ballots as CSR arrays (``indptr``/``indices``, plus ``points``
for cumulative ballots). The satisfactions a rule can count it with
(``sat=``) are:

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
>>> e = Election.from_ballots({"a": 60, "b": 50}, [["a"], ["b", "a"]], budget=100)
>>> e.n_voters, e.n_projects, default_sat(e)
(2, 2, 'cost')

See Also
--------
civicgrants.pb.rules.greedy.greedy, civicgrants.pb.rules.equal_shares.equal_shares
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Literal

import attrs
import numpy as np
import numpy.typing as npt

from civicgrants.errors import Problem, ValidationError

__all__ = [
    "LENGTH_KEYS",
    "SATISFACTIONS",
    "VOTE_TYPES",
    "Election",
    "IntArray",
    "VoteType",
    "check_sat",
    "default_sat",
    "has_repeats",
    "invalid",
    "length_limit",
    "length_problem",
    "to_exact",
]

VoteType = Literal["approval", "cumulative", "ordinal"]
"""The ballot types of pabulib's ``vote_type``."""
VOTE_TYPES: tuple[str, ...] = ("approval", "cumulative", "ordinal")
"""The ballot types, as a tuple."""
SATISFACTIONS: tuple[str, ...] = ("cost", "cardinality", "points", "borda")
"""Satisfaction names accepted by ``sat=``."""
LENGTH_KEYS: tuple[str, str] = ("min_length", "max_length")
"""META keys bounding how many projects a ballot may name (pabulib; both optional)."""

IntArray = npt.NDArray[np.int64]
"""A numpy array of 64-bit integers (the CSR arrays of the ballots)."""


def invalid(path: str, message: str) -> ValidationError:
    """One located problem as an error to raise.

    Parameters
    ----------
    path : str
        Where the problem is (``"sat"``, ``"ballots[3]"``).
    message : str
        What is wrong.

    Returns
    -------
    ValidationError
        An error holding that one problem.

    Examples
    --------
    >>> str(invalid("sat", "must be one of cost, points"))
    'sat: must be one of cost, points'

    See Also
    --------
    civicgrants.errors.ValidationError : the error, with every located problem.
    check_sat : raises one for a satisfaction that does not fit the ballots.
    """
    return ValidationError([Problem(path, message)])


def to_exact(value: object, what: str) -> Decimal:
    """A non-negative exact amount from an int, a Decimal or a decimal string (``,`` or ``.``).

    Parameters
    ----------
    value : object
        An ``int``, a :class:`~decimal.Decimal` or a decimal string; surrounding
        spaces are ignored and a decimal comma reads as a point. ``bool`` and
        ``float`` are refused (a float is not exact).
    what : str
        Where the value comes from (``"cost"``, ``"meta.budget"``), named by the error.

    Returns
    -------
    Decimal
        The amount, finite and ``>= 0``, as written (``"1234,50"`` keeps its two places).

    Raises
    ------
    ValidationError
        A ``bool`` or ``float``, text that is not a number, any other type, or an
        amount that is negative or not finite (located at ``what``).

    Examples
    --------
    >>> to_exact("1234,50", "cost")
    Decimal('1234.50')
    >>> to_exact(7, "budget")
    Decimal('7')
    >>> to_exact(-1, "cost")
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: cost: must be a finite number >= 0, got -1

    See Also
    --------
    length_limit : the other number a ``.pb`` file's META holds.
    civicgrants.io.pabulib.loads_pb : reads costs and budgets with it.
    """
    if isinstance(value, (bool, float)):
        raise invalid(what, f"must be an exact number (int, Decimal or text), got {value!r}")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
    elif isinstance(value, str):
        text = value.strip().replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise invalid(what, f"must be a number, got {value!r}") from None
    else:
        raise invalid(what, f"must be a number, got {value!r}")
    if not amount.is_finite() or amount < 0:
        raise invalid(what, f"must be a finite number >= 0, got {value!r}")
    return amount


def length_limit(value: str, what: str) -> int:
    """A META ballot-length bound (``min_length`` / ``max_length``): a whole number ``>= 0``.

    Parameters
    ----------
    value : str
        The META value; surrounding spaces are ignored.
    what : str
        Where it comes from (``"meta.max_length"``), named by the error.

    Returns
    -------
    int
        The bound.

    Raises
    ------
    ValidationError
        Text that is not ASCII digits only (a sign, a decimal point, a word).

    Examples
    --------
    >>> length_limit(" 5 ", "max_length")
    5
    >>> length_limit("2.5", "max_length")
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: max_length: must be a whole number >= 0, got '2.5'

    See Also
    --------
    length_problem : whether a ballot breaks the bounds.
    LENGTH_KEYS : the META keys of the bounds.
    """
    text = value.strip()
    if not (text.isascii() and text.isdigit()):
        raise invalid(what, f"must be a whole number >= 0, got {value!r}")
    return int(text)


def _projects(n: int) -> str:
    return f"{n} project" if n == 1 else f"{n} projects"


def length_problem(n: int, low: int | None, high: int | None) -> str | None:
    """Why a ballot naming ``n`` projects breaks the META bounds (``None`` if it does not).

    Parameters
    ----------
    n : int
        How many projects the ballot names.
    low : int or None
        The META ``min_length``, if given.
    high : int or None
        The META ``max_length``, if given.

    Returns
    -------
    str or None
        The problem in English (``max_length`` is checked first), or ``None``
        when ``n`` is within the bounds.

    Examples
    --------
    >>> print(length_problem(3, 1, 5))
    None
    >>> length_problem(7, None, 5)
    '7 projects, more than max_length 5'
    >>> length_problem(1, 3, None)
    '1 project, fewer than min_length 3'

    See Also
    --------
    length_limit : reads a bound from META.
    Election : raises these problems for every ballot out of bounds.
    """
    if high is not None and n > high:
        return f"{_projects(n)}, more than max_length {high}"
    if low is not None and n < low:
        return f"{_projects(n)}, fewer than min_length {low}"
    return None


def has_repeats(keys: IntArray) -> bool:
    """Whether any value occurs twice (fast on nearly sorted keys).

    Parameters
    ----------
    keys : IntArray
        One-dimensional integer keys, e.g. ``voter * n_projects + project`` for
        every vote; left unchanged (a sorted copy is compared).

    Returns
    -------
    bool
        True when two keys are equal.

    Examples
    --------
    >>> import numpy as np
    >>> has_repeats(np.array([3, 1, 2])), has_repeats(np.array([1, 2, 1]))
    (False, True)

    See Also
    --------
    Election : refuses a ballot naming the same project twice with it.
    """
    s = np.sort(keys, kind="stable")
    return bool(np.any(s[1:] == s[:-1]))


def _eq_arrays(a: npt.NDArray[Any] | None, b: npt.NDArray[Any] | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.shape == b.shape and bool(np.array_equal(a, b))


@attrs.frozen(eq=False)
class Election:
    """One participatory-budgeting vote: projects, budget, ballots (CSR), and the file's extras.

    ``budget`` (:class:`~decimal.Decimal`) and ``vote_type`` are derived from
    ``meta``. Every field is checked when the election is made, and every problem
    found is raised at once as a :class:`~civicgrants.errors.ValidationError`.
    Two elections are equal when every field and every array is equal; an
    election is not hashable.

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

    See Also
    --------
    civicgrants.io.pabulib.read_pb : an election from a ``.pb`` file.
    civicgrants.pb.rules.greedy.greedy : the utilitarian greedy rule.
    civicgrants.pb.rules.equal_shares.equal_shares : the Method of Equal Shares.
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
        """Check every field and derive ``budget`` and ``vote_type`` (all problems at once)."""
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
        """Equal when every field and every array is equal (arrays compared by value)."""
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

        Parameters
        ----------
        costs : Mapping[str, int or Decimal or str]
            Each project's cost (exact, see :func:`to_exact`), in project order.
        ballots : sequence
            One ballot per voter: a sequence of project ids, or a
            ``{project: points}`` mapping.
        budget : int or Decimal or str
            The budget (exact).
        vote_type : str, optional
            ``approval``, ``cumulative`` or ``ordinal``; by default
            ``cumulative`` when any ballot is a mapping, else ``approval``.

        Returns
        -------
        Election
            With META ``budget`` and ``vote_type``, voter ids ``0``, ``1``, ... and
            project rows ``(id, cost)``.

        Raises
        ------
        ValidationError
            A cost or budget that is not an exact amount ``>= 0``, a ballot naming
            an unknown project (``ballots[v]``) or the same project twice, or
            ballots that do not fit ``vote_type``.

        Examples
        --------
        >>> e = Election.from_ballots({"x": 3}, [{"x": 2}, {}], budget=3)
        >>> e.vote_type, e.points.tolist()
        ('cumulative', [2])
        >>> Election.from_ballots({"x": 3}, [["y"]], budget=3)
        Traceback (most recent call last):
        ...
        civicgrants.errors.ValidationError: ballots[0]: unknown project 'y'

        See Also
        --------
        civicgrants.io.pabulib.loads_pb : an election from ``.pb`` text.
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
                    raise invalid(f"ballots[{v}]", f"unknown project {p!r}")
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
        """The number of ballots (empty ones included).

        Examples
        --------
        >>> Election.from_ballots({"a": 1}, [["a"], []], budget=1).n_voters
        2
        """
        return int(self.indptr.size - 1)

    @property
    def n_projects(self) -> int:
        """The number of projects.

        Examples
        --------
        >>> Election.from_ballots({"a": 1, "b": 2}, [], budget=1).n_projects
        2
        """
        return len(self.project_ids)

    def index(self, project_id: str) -> int:
        """The position of ``project_id`` in ``project_ids`` (``KeyError`` if unknown).

        Parameters
        ----------
        project_id : str
            A project id.

        Returns
        -------
        int
            Its position, as in ``indices``.

        Raises
        ------
        KeyError
            An unknown project id.

        Examples
        --------
        >>> Election.from_ballots({"a": 1, "b": 2}, [], budget=1).index("b")
        1

        See Also
        --------
        ballot : the ids a voter named.
        """
        return self._index[project_id]

    def ballot(self, voter: int) -> tuple[str, ...]:
        """The project ids voter ``voter`` named, in ballot order.

        Parameters
        ----------
        voter : int
            The voter's position (``0`` to ``n_voters - 1``).

        Returns
        -------
        tuple of str
            The ids, in ballot order (the ranking for ordinal ballots); empty for
            an empty ballot.

        Raises
        ------
        IndexError
            A position past the last voter.

        Examples
        --------
        >>> e = Election.from_ballots({"a": 1, "b": 2}, [["b", "a"], []], budget=3)
        >>> e.ballot(0), e.ballot(1)
        (('b', 'a'), ())

        See Also
        --------
        voter_column : the voter's other columns.
        """
        lo, hi = int(self.indptr[voter]), int(self.indptr[voter + 1])
        return tuple(self.project_ids[int(i)] for i in self.indices[lo:hi])

    def voter_column(self, name: str) -> tuple[str, ...]:
        """One extra VOTES column (e.g. ``voter_id``) decoded to strings.

        Parameters
        ----------
        name : str
            A VOTES column other than ``vote`` (and ``points`` for cumulative ballots).

        Returns
        -------
        tuple of str
            One value per voter, in voter order.

        Raises
        ------
        ValueError
            A column the election does not hold (or ``vote``).

        Examples
        --------
        >>> Election.from_ballots({"a": 1}, [["a"], []], budget=1).voter_column("voter_id")
        ('0', '1')

        See Also
        --------
        ballot : the projects a voter named.
        """
        col = self.voter_data[self._extra_columns(self.vote_type).index(name)]
        return tuple(x.decode("utf-8") for x in col.tolist())

    def utilities(self, sat: str) -> tuple[IntArray | None, list[Fraction]]:
        """Per-vote integer utilities for ``sat`` and the exact per-project factor.

        The satisfaction of voter ``v`` from project ``p`` is ``u[k] * factor[p]`` for
        the vote ``k`` of ``v`` naming ``p``; utilities ``None`` mean 1 per vote.

        Parameters
        ----------
        sat : str
            The satisfaction.

        Returns
        -------
        tuple
            The utilities (an integer array aligned with ``indices``, or ``None``)
            and the factors (one :class:`~fractions.Fraction` per project).

        Raises
        ------
        ValidationError
            A satisfaction that does not fit the ballots.

        Examples
        --------
        >>> e = Election.from_ballots({"a": 1, "b": 2}, [["b", "a"]], budget=3, vote_type="ordinal")
        >>> u, factor = e.utilities("borda")
        >>> u.tolist(), [str(f) for f in factor]
        ([1, 0], ['1', '1'])

        See Also
        --------
        check_sat : which satisfactions fit which ballots.
        civicgrants.pb.rules.greedy.total_satisfaction : each project's total.
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

    Parameters
    ----------
    election : Election
        The vote.

    Returns
    -------
    str
        ``cost`` for approval, ``points`` for cumulative and ``borda`` for
        ordinal ballots.

    Examples
    --------
    >>> default_sat(Election.from_ballots({"a": 1}, [["a"]], budget=1))
    'cost'
    >>> default_sat(Election.from_ballots({"a": 1}, [{"a": 2}], budget=1))
    'points'

    See Also
    --------
    SATISFACTIONS : every satisfaction a rule accepts.
    check_sat : whether another satisfaction fits the ballots.
    """
    return {"approval": "cost", "cumulative": "points", "ordinal": "borda"}[election.vote_type]


def check_sat(election: Election, sat: str) -> None:
    """Raise a clear error if ``sat`` does not apply to the election's ballots.

    ``cost`` and ``cardinality`` apply to every ballot type; ``points`` needs
    cumulative ballots and ``borda`` ordinal ones.

    Parameters
    ----------
    election : Election
        The vote.
    sat : str
        The satisfaction asked for.

    Raises
    ------
    ValidationError
        ``sat`` is not one of :data:`SATISFACTIONS`, or does not fit the
        election's ``vote_type`` (located at ``sat``).

    Examples
    --------
    >>> e = Election.from_ballots({"a": 1}, [["a"]], budget=1)
    >>> check_sat(e, "cardinality")
    >>> check_sat(e, "borda")
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: sat: 'borda' needs ordinal ballots, not approval

    See Also
    --------
    default_sat : the satisfaction used when none is asked for.
    Election.utilities : the satisfactions as numbers.
    """
    if sat not in SATISFACTIONS:
        raise invalid("sat", f"must be one of {', '.join(SATISFACTIONS)}, got {sat!r}")
    if sat == "points" and election.vote_type != "cumulative":
        raise invalid("sat", f"'points' needs cumulative ballots, not {election.vote_type}")
    if sat == "borda" and election.vote_type != "ordinal":
        raise invalid("sat", f"'borda' needs ordinal ballots, not {election.vote_type}")
