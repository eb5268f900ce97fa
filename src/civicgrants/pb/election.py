"""The election of a residents' vote: projects, budget and ballots, held compactly.

An `Election` is one pabulib instance: projects with exact costs, a
budget, and the ballots as CSR arrays (``indptr``/``indices``, plus ``points``
for cumulative ballots and the scores of scoring ballots, which may be negative).
The satisfactions a rule can count it with
(``sat=``) are:

* ``"cost"`` — a voter's satisfaction from a funded project is its cost if the
  voter supports it (pabutools ``Cost_Sat``); default for approval ballots;
* ``"cardinality"`` — 1 per supported funded project (``Cardinality_Sat``);
* ``"points"`` — the points (or score) the voter gave the project
  (``Additive_Cardinal_Sat``); default for cumulative and scoring ballots;
* ``"borda"`` — positional: on a ballot ranking ``k`` projects, the project in
  position ``j`` (0 = first) is worth ``k - 1 - j`` (the last-ranked one is worth 0);
  unranked projects are worth 0 (``Additive_Borda_Sat``); default for ordinal ballots;
* ``"effort"`` — a supported funded project's cost shared by all its supporters,
  ``cost / supporters`` (``Effort_Sat``);
* ``"additive_cost_sqrt"`` — the square root of a supported funded project's cost, as
  the nearest double, taken exactly (``Additive_Cost_Sqrt_Sat``; approval ballots);
* ``"additive_cost_log"`` — ``log(1 + cost)`` of a supported funded project, as the
  nearest double, taken exactly (``Additive_Cost_Log_Sat``; approval ballots; pabutools
  1.2.3 raises a ``TypeError`` on it when a cost is not a whole number or ``1 + cost``
  does not fit in 64 bits, where this library still counts);
* normalised per voter (`PER_VOTER`): ``"relative_cardinality"`` — 1 divided by the most
  projects of the ballot that fit in the budget together (``Relative_Cardinality_Sat``);
  ``"relative_cost"`` — the cost divided by the most the ballot's projects can cost
  together within the budget, an exact subset sum (``Relative_Cost_Sat``);
  ``"relative_cost_approx"`` — the cost divided by the smaller of the budget and what the
  whole ballot costs (``Relative_Cost_Approx_Normaliser_Sat``); ``"relative_points"`` —
  the points divided by the most points a set of projects within the budget earns from
  the voter, an exact knapsack (``Additive_Cardinal_Relative_Sat``; cumulative and
  scoring ballots). A voter whose normaliser is 0 gets 0 from everything;
* a satisfaction of your own: a `UserSat` (an exact score per voter and project on the
  ballot), passed as ``sat=`` to `greedy()` and `equal_shares()`;
* not additive (`NOT_ADDITIVE`, counted by the greedy rule only): ``"cc"`` — 1 if any
  supported project is funded, on cumulative ballots the most points given to a funded
  project (``CC_Sat``); ``"cost_sqrt"`` and ``"cost_log"`` — the square root of what the
  funded supported projects cost together, or the logarithm of 1 plus it, as the nearest
  double taken exactly (``Cost_Sqrt_Sat``, ``Cost_Log_Sat``; approval ballots).

``"cost"``, ``"cardinality"`` and ``"effort"`` apply to every ballot type
(``"additive_cost_sqrt"`` to approval ballots, as in pabutools): a voter supports the
projects on the ballot (for cumulative and scoring ballots, every project named,
whatever its points).

An election may break its own META (``num_votes`` that is not the number of
ballots, a ballot longer than ``max_length``, more points than
``max_sum_points``, a budget of 0 ...). That does not make it invalid: pabutools
counts such files too. `check_meta()` lists every such breach as a
`Finding`, and `Election.findings` holds
the ones found when the election was read from a file. What an election cannot
hold is refused when it is made: an amount (budget, cost) that needs more than
`MAX_DIGITS` digits, so every sum a rule makes
stays exact, and points that add up to more than `POINTS_MAX`.

Computation only: reading and writing ``.pb`` files is `civicgrants.io.pabulib`.

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

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs
import numpy as np
import numpy.typing as npt

from civicgrants.errors import Problem, ValidationError
from civicgrants.model.display import shows
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.limits import get_limits, number_problem
from civicgrants.model.money import MAX_DIGITS

__all__ = [
    "COUNT_KEYS",
    "LENGTH_KEYS",
    "META_BOUNDS",
    "NOT_ADDITIVE",
    "PER_VOTER",
    "POINTED",
    "POINTS_MAX",
    "SATISFACTIONS",
    "VOTE_TYPES",
    "Election",
    "IntArray",
    "Sat",
    "UserSat",
    "VoteType",
    "amount_problems",
    "bytes_column",
    "check_initial",
    "check_meta",
    "check_sat",
    "default_sat",
    "has_repeats",
    "invalid",
    "length_limit",
    "length_problem",
    "meta_bound",
    "nothing_fits",
    "point_problem",
    "sat_name",
    "shown",
    "to_exact",
    "vote_values",
    "whole_number",
]

VoteType = Literal["approval", "cumulative", "ordinal", "scoring"]
"""The ballot types of pabulib's ``vote_type``."""
VOTE_TYPES: tuple[str, ...] = ("approval", "cumulative", "ordinal", "scoring")
"""The ballot types, as a tuple."""
SATISFACTIONS: tuple[str, ...] = (
    "cost",
    "cardinality",
    "points",
    "borda",
    "effort",
    "additive_cost_sqrt",
    "cc",
    "cost_sqrt",
    "cost_log",
    "additive_cost_log",
    "relative_cardinality",
    "relative_cost",
    "relative_cost_approx",
    "relative_points",
)
"""Satisfaction names accepted by ``sat=``."""
NOT_ADDITIVE: tuple[str, ...] = ("cc", "cost_sqrt", "cost_log")
"""Satisfactions that are not a sum over projects: only `greedy()` counts with them."""
PER_VOTER: tuple[str, ...] = (
    "relative_cardinality",
    "relative_cost",
    "relative_cost_approx",
    "relative_points",
)
"""Additive satisfactions normalised per voter: `vote_values()` gives them exactly.

`greedy()`, `equal_shares()` and `max_welfare()` count with them (and with a `UserSat`);
`Election.utilities()` refuses them (they are no integer times a factor per project).
"""
LENGTH_KEYS: tuple[str, str] = ("min_length", "max_length")
"""META keys bounding how many projects a ballot may name (pabulib; both optional)."""
META_BOUNDS: dict[str, str] = {
    "min_length": "length",
    "max_length": "length",
    "min_points": "points",
    "max_points": "points",
    "min_sum_points": "points",
    "max_sum_points": "points",
    "min_sum_cost": "cost",
    "max_sum_cost": "cost",
}
"""META keys that bound every ballot (pabulib; all optional), each with its kind.

``length`` bounds are whole numbers (projects on a ballot), ``points`` bounds are
numbers (points to one project, or in all), ``cost`` bounds are amounts (what a
ballot's projects cost together). A value that is not such a number is an error;
a ballot outside a bound is a finding (`check_meta()`).
"""
COUNT_KEYS: tuple[str, str] = ("num_votes", "num_projects")
"""META keys stating how many ballots and projects the file holds (checked by `check_meta()`)."""
POINTS_MAX = 2**63 - 1
"""The most points a file may give in all: rules add points up in 64-bit integers.

On scoring ballots, whose scores may be negative, the bound is on their absolute values.
"""
POINTED: tuple[str, str] = ("cumulative", "scoring")
"""The ballot types that give each project named a number (the ``points`` column).

Cumulative ballots give points ``>= 0``; scoring (cardinal) ballots give scores, whole
numbers that may be negative (pabutools ``CardinalBallot``).
"""

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


def shown(value: str, limit: int = 60) -> str:
    """A value read from a file, quoted for a message and cut to ``limit`` characters.

    Parameters
    ----------
    value : str
        The value as read.
    limit : int
        The most characters of it shown; a longer value ends in ``…`` and its length.

    Returns
    -------
    str
        ``repr(value)`` (control characters escaped), or the start of it.

    Examples
    --------
    >>> shown("5x")
    "'5x'"
    >>> shown("9" * 400)
    "'999999999999999999999999999999999999999999999999999999999999'… (400 characters)"

    See Also
    --------
    civicgrants.errors.printable : what every message passes through before it is printed.
    """
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}… ({len(value)} characters)"


def _echo(value: object) -> str:
    """A value for a message: `shown()` for text, ``repr`` cut to 60 characters otherwise."""
    if isinstance(value, str):
        return shown(value)
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:60]}… ({len(text)} characters)"


_AMOUNT_TEXT = 4 * MAX_DIGITS  # a longer text is no amount this library can hold


def _places(value: Decimal) -> int:
    """Decimal places of ``value`` once trailing zeros are dropped (0 for whole numbers)."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    if exponent >= 0:
        return 0
    zeros = 0
    while zeros < len(digits) - 1 and zeros < -exponent and digits[-1 - zeros] == 0:
        zeros += 1
    return 0 if not any(digits) else -exponent - zeros


def _width(value: Decimal, places: int) -> int:
    """Digits ``value`` needs when written with ``places`` decimal places."""
    return (max(value.adjusted(), 0) + 1 if value else 1) + places


def _digits_message(value: Decimal, width: int, places: int, own: int) -> str:
    text = str(value) if len(str(value)) <= 40 else f"{value:.6E}"
    why = f"needs {width} digits"
    if own < places:
        why += f" with the {places} decimal places another amount has"
    return f"{text} {why}; an amount holds at most {MAX_DIGITS}, so every count stays exact"


def amount_problems(amounts: Sequence[Decimal]) -> list[tuple[int, str]]:
    """The amounts that need more than `MAX_DIGITS` digits.

    Every amount of an election (budget, costs) is written with the decimal
    places the most precise of them needs; then each must fit in 28 significant
    digits, the precision `Money` keeps. Sums and
    differences of them (what a rule spends, what is left) are then exact with
    Python's default decimal context.

    Parameters
    ----------
    amounts : sequence of Decimal
        Finite amounts ``>= 0``.

    Returns
    -------
    list of (int, str)
        The position of each amount that does not fit, and why; empty when all fit.

    Examples
    --------
    >>> amount_problems([Decimal("156573"), Decimal("87594.50")])
    []
    >>> amount_problems([Decimal("1e29"), Decimal(60)])
    [(0, '1E+29 needs 30 digits; an amount holds at most 28, so every count stays exact')]
    >>> amount_problems([Decimal("1e25"), Decimal("0.005")])
    [(0, '1E+25 needs 29 digits with the 3 decimal places another amount has; an amount holds at most 28, so every count stays exact')]

    See Also
    --------
    to_exact : reads one amount, refusing one that cannot fit on its own.
    civicgrants.model.money.MAX_DIGITS : the 28 digits.
    """
    own = [_places(a) for a in amounts]
    places = max(own, default=0)
    out = []
    for k, (amount, mine) in enumerate(zip(amounts, own, strict=True)):
        width = _width(amount, places)
        if width > MAX_DIGITS:
            out.append((k, _digits_message(amount, width, places, mine)))
    return out


def to_exact(value: object, what: str) -> Decimal:
    """A non-negative exact amount from an int, a Decimal or a decimal string (``,`` or ``.``).

    Parameters
    ----------
    value : object
        An ``int``, a `Decimal` or a decimal string; surrounding
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
        A ``bool`` or ``float``, text that is not a number, any other type, an
        amount that is negative or not finite, or one needing more than
        `MAX_DIGITS` (28) digits (located at ``what``).

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
    >>> to_exact("1e9999", "budget")
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: budget: 1E+9999 needs 10000 digits; an amount holds at most 28, so every count stays exact

    See Also
    --------
    amount_problems : the amounts of an election together.
    length_limit : the other number a ``.pb`` file's META holds.
    civicgrants.io.pabulib.loads_pb : reads costs and budgets with it.
    """
    if isinstance(value, (bool, float)):
        raise invalid(what, f"must be an exact number (int, Decimal or text), got {value!r}")
    if isinstance(value, int):
        if value.bit_length() > 4 * MAX_DIGITS:
            raise invalid(what, f"needs more than {MAX_DIGITS} digits; an amount holds at most "
                                f"{MAX_DIGITS}, so every count stays exact")  # fmt: skip
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
    elif isinstance(value, str):
        text = value.strip().replace(",", ".")
        if len(text) > _AMOUNT_TEXT:
            raise invalid(
                what, f"must be an amount of at most {MAX_DIGITS} digits, got {shown(value)}"
            )
        try:
            amount = Decimal(text)
        except ArithmeticError:
            raise invalid(what, f"must be a number, got {shown(value)}") from None
    else:
        raise invalid(what, f"must be a number, got {_echo(value)}")
    if not amount.is_finite() or amount < 0:
        raise invalid(what, f"must be a finite number >= 0, got {_echo(value)}")
    problems = amount_problems([amount])
    if problems:
        raise invalid(what, problems[0][1])
    return amount


def whole_number(value: str, what: str) -> int:
    """A whole number ``>= 0`` read from META text, within the number limits in force.

    Parameters
    ----------
    value : str
        The text; surrounding spaces are ignored.
    what : str
        Where it comes from (``"num_votes"``), named by the error.

    Returns
    -------
    int
        The number.

    Raises
    ------
    ValidationError
        Text that is not ASCII digits only (a sign, a decimal point, a word), or a
        number beyond the ``digits`` / ``exponent`` limits
        (`civicgrants.model.limits.number_problem()`).

    Examples
    --------
    >>> whole_number(" 678 ", "num_votes")
    678
    >>> whole_number("1" + "0" * 40, "num_votes")
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: num_votes: too large: 1E+40 is beyond 10**30 (the exponent limit; raise it with use_limits(exponent=...))

    See Also
    --------
    length_limit : the same for ``min_length`` / ``max_length``.
    civicgrants.model.limits.number_problem : the limits.
    """
    text = value.strip()
    if not (text.isascii() and text.isdigit()):
        raise invalid(what, f"must be a whole number >= 0, got {shown(value)}")
    digits = text.lstrip("0") or "0"
    if len(digits) > 2 * (get_limits().digits + get_limits().exponent):  # no int() of it
        number = Decimal(f"{digits[:8]}E{len(digits) - 8}")
    else:
        number = Decimal(digits)
    why = number_problem(number)
    if why is not None:
        raise invalid(what, why)
    return int(digits)


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
        Text that is not ASCII digits only (a sign, a decimal point, a word), or a
        number beyond the number limits (see `whole_number()`).

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
    meta_bound : every bound of META.
    """
    return whole_number(value, what)


def meta_bound(key: str, value: str, *, signed: bool = False) -> int | Decimal:
    """A META bound of `META_BOUNDS` read from its text, or a located error.

    Parameters
    ----------
    key : str
        The META key (``max_length``, ``max_sum_points``, ``max_sum_cost`` ...).
    value : str
        Its text.
    signed : bool
        Whether a ``points`` bound may be negative (scoring ballots, whose scores
        may be); keyword only.

    Returns
    -------
    int or Decimal
        A whole number for ``length`` bounds, a number for ``points`` bounds,
        an amount for ``cost`` bounds.

    Raises
    ------
    ValidationError
        A key that is no bound, or a value that is not a number of its kind
        (negative, not finite, beyond the number limits or, for a cost, beyond
        28 digits), located at ``key``.

    Examples
    --------
    >>> meta_bound("max_sum_points", "5"), meta_bound("max_sum_cost", "156573,5")
    (Decimal('5'), Decimal('156573.5'))
    >>> meta_bound("max_points", "lots")
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: max_points: must be a number >= 0, got 'lots'

    See Also
    --------
    META_BOUNDS : the bounds and their kinds.
    check_meta : the ballots that break them.
    """
    kind = META_BOUNDS.get(key)
    if kind is None:
        raise invalid(key, f"not a bound; the bounds are {', '.join(META_BOUNDS)}")
    if kind == "length":
        return length_limit(value, key)
    if kind == "cost":
        return to_exact(value, key)
    text = value.strip().replace(",", ".")

    def bad() -> ValidationError:  # built only when raised: a problem costs its classification
        return invalid(key, f"must be a number{'' if signed else ' >= 0'}, got {shown(value)}")

    if len(text) > _AMOUNT_TEXT:
        raise bad()
    try:
        number = Decimal(text)
    except ArithmeticError:
        raise bad() from None
    if not number.is_finite() or (number < 0 and not signed):
        raise bad()
    why = number_problem(number)
    if why is not None:
        raise invalid(key, why)
    return number


def point_problem(text: str) -> str | None:
    """Why ``text`` is not a cumulative ballot's point count, or ``None``.

    Points are whole numbers ``>= 0`` written in ASCII digits, within the number
    limits in force and at most `POINTS_MAX` (their total over a file is
    checked apart).

    Parameters
    ----------
    text : str
        One point value as read (without surrounding spaces).

    Returns
    -------
    str or None
        The problem, or ``None`` for a valid point count.

    Examples
    --------
    >>> point_problem("3") is None
    True
    >>> point_problem("x")
    "must be whole numbers >= 0, got 'x'"
    >>> point_problem("12345678901234567890")
    '12345678901234567890 is more than a count can hold (at most 9223372036854775807 points in all)'

    See Also
    --------
    POINTS_MAX : the most points in all.
    civicgrants.model.limits.number_problem : the number limits.
    """
    if not (text.isascii() and text.isdigit()):
        return f"must be whole numbers >= 0, got {shown(text)}"
    digits = text.lstrip("0") or "0"
    if len(digits) > len(str(POINTS_MAX)) or int(digits) > POINTS_MAX:
        head = digits if len(digits) <= 30 else f"{digits[:30]}… ({len(digits)} digits)"
        return f"{head} is more than a count can hold (at most {POINTS_MAX} points in all)"
    return number_problem(Decimal(digits))


def bytes_column(values: Sequence[bytes]) -> npt.NDArray[Any]:
    """One VOTES column of the voters' UTF-8 values, as a numpy array.

    A fixed-width ``bytes_`` array, unless one value is so much longer than the
    rest that every value padded to its width would waste memory (a 1 MB cell
    among 90 000 voters): then an object array of ``bytes``.

    Parameters
    ----------
    values : sequence of bytes
        One value per voter, in voter order.

    Returns
    -------
    numpy.ndarray
        One-dimensional, ``len(values)`` long.

    Examples
    --------
    >>> bytes_column([b"12", b"7"]).dtype
    dtype('S2')
    >>> bytes_column([b"x" * 2_000_000] + [b"1"] * 10).dtype
    dtype('O')

    See Also
    --------
    Election.voter_column : the values decoded.
    """
    if not values:
        return np.zeros(0, dtype="S1")
    width = max(map(len, values))
    total = sum(map(len, values))
    if width * len(values) > 8 * total + (1 << 20):
        column = np.empty(len(values), dtype=object)
        column[:] = list(values)
        return column
    return np.array(values, dtype=np.bytes_)


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


def _as_findings(values: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(values)


def _eq_arrays(a: npt.NDArray[Any] | None, b: npt.NDArray[Any] | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.shape == b.shape and bool(np.array_equal(a, b))


@shows
@attrs.frozen(eq=False)
class Election:
    """One participatory-budgeting vote: projects, budget, ballots (CSR), and the file's extras.

    ``budget`` (`Decimal`) and ``vote_type`` are derived from
    ``meta``. Every field is checked when the election is made, and every problem
    found is raised at once as a `ValidationError`.
    A ballot that breaks a bound of its own META (``max_length``,
    ``max_sum_points`` ...) is no such problem: `check_meta()` lists it as a
    finding. Two elections are equal when every field and every array is equal
    (``findings`` aside: they say where a file broke its META, not what the vote
    is); an election is not hashable.

    Parameters
    ----------
    meta
        The META rows as ``(key, value)`` strings, in order (values as written);
        must hold ``budget`` and ``vote_type`` (``approval``, ``cumulative`` or
        ``ordinal``). The bounds of `META_BOUNDS`, when given, must be
        numbers of their kind.
    project_ids
        Project ids (unique, non-empty strings), in file order.
    costs
        Exact costs (`Decimal`, ``>= 0``), aligned with
        ``project_ids``; with the budget, every amount must fit in 28 digits at
        their common decimal places (`amount_problems()`).
    indptr, indices
        The ballots in CSR form: voter ``v`` names projects
        ``indices[indptr[v]:indptr[v + 1]]`` (positions in ``project_ids``), in
        ballot order (the ranking for ordinal ballots).
    points
        Cumulative and scoring ballots only (`POINTED`): the points (integers,
        ``>= 0`` on cumulative ballots, of any sign on scoring ones; at most
        `POINTS_MAX` in all, in absolute value) aligned with ``indices``.
    project_columns, project_rows
        The PROJECTS header and each project's row (strings, as written), kept
        so a written file loses nothing.
    vote_header
        The full VOTES header, in file order (no column twice).
    voter_data
        One array per VOTES column other than ``vote`` (and ``points`` for
        cumulative and scoring ballots), in ``vote_header`` order: the voters' UTF-8 values
        as written (`bytes_column()`: numpy ``bytes_``, or ``object`` holding
        ``bytes`` when one value is far longer than the rest).
    findings
        Where the file the election was read from breaks its own META
        (`check_meta()`, located ``file:line``); empty for an election made
        in code. Keyword only.

    Examples
    --------
    >>> e = Election.from_ballots({"p1": 10, "p2": 5}, [["p1"], ["p2", "p1"]], budget=12)
    >>> e.n_voters, e.budget, e.ballot(1), e.findings
    (2, Decimal('12'), ('p2', 'p1'), ())

    See Also
    --------
    civicgrants.io.pabulib.read_pb : an election from a ``.pb`` file.
    check_meta : where an election breaks its own META.
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
    voter_data: tuple[npt.NDArray[Any], ...] = attrs.field(default=())
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_as_findings, kw_only=True)
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
                    "meta.vote_type",
                    f"must be one of {', '.join(VOTE_TYPES)}, got {shown(vote_type)}",
                )
            )
        try:
            budget = to_exact(meta.get("budget", ""), "meta.budget")
        except ValidationError as exc:
            problems.extend(exc.problems)
            budget = Decimal(0)
        for key in META_BOUNDS:
            if key in meta:
                try:
                    meta_bound(key, meta[key], signed=vote_type == "scoring")
                except ValidationError as exc:
                    problems.extend(
                        Problem(f"meta.{q.path}", q.message, q.code, q.input) for q in exc.problems
                    )
        index: dict[str, int] = {}
        for i, pid in enumerate(self.project_ids):
            if not isinstance(pid, str) or not pid or pid != pid.strip():
                problems.append(
                    Problem(
                        f"projects[{i}].project_id", f"must be a non-empty id, got {_echo(pid)}"
                    )
                )
            elif pid in index:
                problems.append(Problem(f"projects[{i}].project_id", f"duplicate id {shown(pid)}"))
            index[pid] = i
        if len(self.costs) != len(self.project_ids):
            problems.append(Problem("costs", f"must have one per project, got {len(self.costs)}"))
        amounts_ok = True
        for i, cost in enumerate(self.costs):
            if not isinstance(cost, Decimal) or not cost.is_finite() or cost < 0:
                problems.append(
                    Problem(f"projects[{i}].cost", f"must be a Decimal >= 0, got {_echo(cost)}")
                )
                amounts_ok = False
        if amounts_ok:
            for k, why in amount_problems([budget, *self.costs]):
                problems.append(
                    Problem("meta.budget" if k == 0 else f"projects[{k - 1}].cost", why)
                )
        self._check_arrays(problems, vote_type)
        if self.project_rows and len(self.project_rows) != len(self.project_ids):
            problems.append(Problem("project_rows", "must have one row per project"))
        n_extra = len(self._extra_columns(vote_type))
        if "vote" not in self.vote_header:
            problems.append(Problem("vote_header", "must contain 'vote'"))
        seen: set[str] = set()
        for c in self.vote_header:
            if c in seen:
                problems.append(Problem("vote_header", f"column {shown(c)} given twice"))
            seen.add(c)
        if len(self.voter_data) != n_extra:
            problems.append(
                Problem("voter_data", f"must have {n_extra} columns, got {len(self.voter_data)}")
            )
        for k, col in enumerate(self.voter_data):
            if not isinstance(col, np.ndarray) or col.dtype.kind not in "SO":
                problems.append(
                    Problem(f"voter_data[{k}]", "must be a numpy bytes_ or object array")
                )
            elif col.shape != (self.n_voters,):
                problems.append(Problem(f"voter_data[{k}]", f"must have {self.n_voters} values"))
        for k, f in enumerate(self.findings):
            if not isinstance(f, Finding):
                problems.append(
                    Problem(f"findings[{k}]", f"must be a Finding, got {type(f).__name__}")
                )
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
            or ix.ndim != 1
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
        if vote_type in POINTED:
            pts = self.points
            if (
                not isinstance(pts, np.ndarray)
                or pts.shape != ix.shape
                or pts.dtype.kind not in "iu"
            ):
                problems.append(
                    Problem("points", f"{vote_type} ballots need one point count per vote")
                )
            elif vote_type == "cumulative" and pts.size and pts.min() < 0:
                problems.append(Problem("points", "must be >= 0"))
            elif pts.size and (
                int(pts.min()) < -POINTS_MAX
                or (
                    max(int(pts.max()), -int(pts.min())) > POINTS_MAX // pts.size
                    and sum(abs(x) for x in pts.tolist()) > POINTS_MAX
                )
            ):
                problems.append(
                    Problem("points", f"add up to more than a count can hold ({POINTS_MAX})")
                )
        elif self.points is not None:
            problems.append(
                Problem(
                    "points", f"only cumulative and scoring ballots carry points, not {vote_type}"
                )
            )
        if ix.size:
            voter = np.repeat(np.arange(ip.size - 1, dtype=np.int64), np.diff(ip))
            key = voter * max(1, len(self.project_ids)) + ix
            if has_repeats(key):
                problems.append(Problem("indices", "a ballot names the same project twice"))

    def _extra_columns(self, vote_type: str) -> list[str]:
        special = ("vote", "points") if vote_type in POINTED else ("vote",)
        return [c for c in self.vote_header if c not in special]

    def __eq__(self, other: object) -> bool:
        """Equal when every field and every array is equal (by value), ``findings`` aside."""
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
        ``vote_type="ordinal"``) or ``{project: points}`` mappings (cumulative, or
        scoring when ``vote_type="scoring"``: scores may be negative).

        Parameters
        ----------
        costs : Mapping[str, int or Decimal or str]
            Each project's cost (exact, see `to_exact()`), in project order.
        ballots : sequence
            One ballot per voter: a sequence of project ids, or a
            ``{project: points}`` mapping.
        budget : int or Decimal or str
            The budget (exact).
        vote_type : str, optional
            ``approval``, ``cumulative``, ``ordinal`` or ``scoring``; by default
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
        >>> Election.from_ballots({"x": 3}, [{"x": -2}], budget=3, vote_type="scoring").points
        array([-2])
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
            points=np.asarray(pts, dtype=np.int64) if kind in POINTED else None,
            project_rows=tuple((p, str(c)) for p, c in zip(ids, exact, strict=True)),
            vote_header=("voter_id", "vote", "points") if kind in POINTED else ("voter_id", "vote"),
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
            A VOTES column other than ``vote`` (and ``points`` for cumulative and
            scoring ballots).

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

    def utilities(self, sat: Sat) -> tuple[IntArray | None, list[Fraction]]:
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
            and the factors (one `Fraction` per project).

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
        if sat in NOT_ADDITIVE:
            raise invalid("sat", f"{sat!r} is not additive: only the greedy rule counts with it")
        if isinstance(sat, UserSat) or sat in PER_VOTER:
            raise invalid(
                "sat",
                f"{sat_name(sat)!r} is no integer per vote times a factor per project: "
                "use vote_values()",
            )
        ones = [Fraction(1)] * self.n_projects
        if sat == "cost":
            return None, [Fraction(c) for c in self.costs]
        if sat == "cardinality":
            return None, ones
        if sat == "effort":
            supporters = np.bincount(self.indices, minlength=self.n_projects).tolist()
            return None, [
                Fraction(c) / s if s else Fraction(0)
                for c, s in zip(self.costs, supporters, strict=True)
            ]
        if sat == "additive_cost_sqrt":  # pabutools: frac(np.sqrt(float(cost)))
            return None, [Fraction(math.sqrt(float(c))) for c in self.costs]
        if sat == "additive_cost_log":  # pabutools: frac(np.log(1 + cost)), on whole costs
            return None, [Fraction(float(np.log(float(1 + c)))) for c in self.costs]
        if sat == "points":
            assert self.points is not None
            return self.points, ones
        lengths = np.diff(self.indptr)
        pos = np.arange(self.indices.size, dtype=np.int64) - np.repeat(self.indptr[:-1], lengths)
        return np.repeat(lengths, lengths) - 1 - pos, ones


@shows
@attrs.frozen
class UserSat:
    """A satisfaction of your own: an exact score for each voter and each project on their ballot.

    Additive, like pabutools' ``AdditiveSatisfaction`` built from a function: a
    voter's satisfaction with a funded set is the sum of ``score(election, voter,
    project_id)`` over the funded projects on the ballot (projects off the ballot
    are worth 0 and ``score`` is not asked about them). Scores must be exact:
    ``int``, `Fraction` or finite `Decimal` (no ``float``, no ``bool``); they may
    be negative. `greedy()` adds them up; `equal_shares()` counts, as pabutools
    does, only a voter's positive scores.

    Parameters
    ----------
    name : str
        The name an outcome shows as its ``sat`` (not one of `SATISFACTIONS`).
    score : callable
        ``score(election, voter, project_id)`` with ``voter`` the voter's position.

    Raises
    ------
    ValidationError
        A name that is empty or one of `SATISFACTIONS`, or a ``score`` that is not
        callable (located at ``sat``).

    Examples
    --------
    >>> e = Election.from_ballots({"a": 3, "b": 1}, [["a"], ["a", "b"]], budget=3)
    >>> first = UserSat("first_choice", lambda e, v, p: 2 if e.ballot(v)[0] == p else 1)
    >>> [str(x) for x in vote_values(e, first)]
    ['2', '2', '1']

    See Also
    --------
    vote_values : every vote's score, checked.
    SATISFACTIONS : the satisfactions with a name.
    """

    name: str
    score: Callable[[Election, int, str], int | Fraction | Decimal]

    def __attrs_post_init__(self) -> None:
        """Refuse a name that is empty or taken, or a score that is not callable."""
        if not isinstance(self.name, str) or not self.name.strip():
            raise invalid("sat", f"a UserSat needs a non-empty name, got {_echo(self.name)}")
        if self.name in SATISFACTIONS:
            raise invalid(
                "sat", f"{self.name!r} is a satisfaction of the library; name yours apart"
            )
        if not callable(self.score):
            raise invalid("sat", f"a UserSat's score must be callable, got {_echo(self.score)}")


Sat = str | UserSat
"""A satisfaction: one of `SATISFACTIONS` by name, or a `UserSat`."""


def sat_name(sat: Sat) -> str:
    """The name of a satisfaction (a `UserSat`'s ``name``).

    Parameters
    ----------
    sat : str or UserSat
        The satisfaction.

    Returns
    -------
    str
        Its name.

    Examples
    --------
    >>> sat_name("cost"), sat_name(UserSat("mine", lambda e, v, p: 1))
    ('cost', 'mine')

    See Also
    --------
    UserSat : a satisfaction of your own, with its name.
    """
    return sat.name if isinstance(sat, UserSat) else sat


def _exact_score(value: object, voter: int, project: str) -> Fraction:
    if isinstance(value, (bool, float)) or not isinstance(value, (int, Fraction, Decimal)):
        raise invalid(
            f"sat.score(voter={voter}, project={project!r})",
            f"must be an exact number (int, Fraction or Decimal), got {_echo(value)}",
        )
    if isinstance(value, Decimal) and not value.is_finite():
        raise invalid(
            f"sat.score(voter={voter}, project={project!r})", f"must be finite, got {value}"
        )
    return Fraction(value)


def _most_within(items: Iterable[tuple[Decimal, Fraction]], budget: Decimal) -> Fraction:
    """The largest total value of a set of items (cost, value) costing at most ``budget``, exactly.

    A 0/1 knapsack by its Pareto frontier: the cheapest way to every value reached,
    dominated states dropped. Items worth nothing or more than the budget never help.
    """
    wanted = [(c, v) for c, v in items if v > 0 and c <= budget]
    if sum((c for c, _ in wanted), Decimal(0)) <= budget:
        return sum((v for _, v in wanted), Fraction(0))
    frontier: list[tuple[Decimal, Fraction]] = [(Decimal(0), Fraction(0))]
    for cost, value in wanted:
        if value <= 0 or cost > budget:
            continue
        grown = [(c + cost, v + value) for c, v in frontier if c + cost <= budget]
        merged = sorted(frontier + grown, key=lambda cv: (cv[0], -cv[1]))
        frontier = []
        for c, v in merged:
            if not frontier or v > frontier[-1][1]:
                frontier.append((c, v))
    return frontier[-1][1]


_BITS = 1 << 27
"""The widest subset-sum bitset (in units of the costs' common divisor) `_subset_sum()` builds."""


def _subset_sum(costs: list[Decimal], budget: Decimal) -> Fraction:
    """The most a subset of ``costs`` can cost within ``budget``, exactly.

    All of them when they fit; else the reachable sums as the bits of one integer
    (costs in units of their greatest common divisor, at their common decimal
    places), or the Pareto frontier when that integer would be too wide.
    """
    total = sum(costs, Decimal(0))
    if total <= budget:
        return Fraction(total)
    places = max(_places(a) for a in (*costs, budget))
    scaled = [int(c.scaleb(places)) for c in costs if 0 < c <= budget]
    if not scaled:
        return Fraction(0)
    unit = math.gcd(*scaled)
    limit = int(budget.scaleb(places).to_integral_value(rounding=ROUND_FLOOR)) // unit
    if limit > _BITS:
        return _most_within(((c, Fraction(c)) for c in costs), budget)
    mask = (1 << (limit + 1)) - 1
    reach = 1
    for c in scaled:
        reach |= (reach << (c // unit)) & mask
    return Fraction((reach.bit_length() - 1) * unit, 10**places)


def _normaliser(sat: str, costs: list[Decimal], points: list[int], budget: Decimal) -> Fraction:
    """The per-voter normaliser of a `PER_VOTER` satisfaction for one ballot."""
    if sat == "relative_cardinality":
        count, spent = 0, Decimal(0)
        for c in sorted(costs):
            if spent + c > budget:
                break
            spent += c
            count += 1
        return Fraction(count)
    if sat == "relative_cost_approx":
        return Fraction(min(sum(costs, Decimal(0)), budget))
    if sat == "relative_cost":
        return _subset_sum(costs, budget)
    return _most_within(((c, Fraction(x)) for c, x in zip(costs, points, strict=True)), budget)


def vote_values(election: Election, sat: Sat) -> list[Fraction]:
    """Every vote's exact satisfaction: what voter ``v`` gets if the project of vote ``k`` is funded.

    Aligned with ``election.indices``. For the satisfactions with a factor per
    project it is `Election.utilities()` multiplied out; for those normalised per
    voter (`PER_VOTER`) the normaliser is computed exactly for each distinct
    ballot (for ``relative_cost`` and ``relative_points`` a 0/1 knapsack over the
    ballot's projects, exponential in the worst case in the projects on one
    ballot, fast for ballots of a few dozen); for a `UserSat` its ``score``.

    Parameters
    ----------
    election : Election
        The vote.
    sat : str or UserSat
        An additive satisfaction (not one of `NOT_ADDITIVE`).

    Returns
    -------
    list of Fraction
        One value per vote.

    Raises
    ------
    ValidationError
        A satisfaction that does not fit the ballots or is not additive, or a
        `UserSat` score that is not an exact number.

    Examples
    --------
    >>> e = Election.from_ballots({"a": 6, "b": 4, "c": 5}, [["a", "b", "c"], ["b"]], budget=10)
    >>> [str(x) for x in vote_values(e, "relative_cost")]
    ['3/5', '2/5', '1/2', '1']
    >>> [str(x) for x in vote_values(e, "relative_cardinality")]
    ['1/2', '1/2', '1/2', '1']

    See Also
    --------
    Election.utilities : the same as an integer per vote and a factor per project.
    PER_VOTER : the satisfactions normalised per voter.
    """
    check_sat(election, sat)
    e = election
    ip: list[int] = e.indptr.tolist()
    ix: list[int] = e.indices.tolist()
    if isinstance(sat, UserSat):
        out = []
        for v in range(e.n_voters):
            for k in range(ip[v], ip[v + 1]):
                pid = e.project_ids[ix[k]]
                out.append(_exact_score(sat.score(e, v, pid), v, pid))
        return out
    if sat not in PER_VOTER:
        u, factor = e.utilities(sat)
        units = [1] * len(ix) if u is None else u.tolist()
        return [x * factor[p] for x, p in zip(units, ix, strict=True)]
    pts: list[int] = e.points.tolist() if e.points is not None else [1] * len(ix)
    costs = e.costs
    seen: dict[tuple[tuple[int, ...], tuple[int, ...]], Fraction] = {}
    out = []
    for v in range(e.n_voters):
        lo, hi = ip[v], ip[v + 1]
        key = (tuple(ix[lo:hi]), tuple(pts[lo:hi]) if sat == "relative_points" else ())
        norm = seen.get(key)
        if norm is None:
            norm = seen[key] = _normaliser(
                sat, [costs[p] for p in key[0]], list(pts[lo:hi]), e.budget
            )
        for k in range(lo, hi):
            if norm == 0:
                out.append(Fraction(0))
            elif sat == "relative_cardinality":
                out.append(1 / norm)
            elif sat == "relative_points":
                out.append(pts[k] / norm)
            else:
                out.append(Fraction(costs[ix[k]]) / norm)
    return out


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
    return {"approval": "cost", "cumulative": "points", "ordinal": "borda", "scoring": "points"}[
        election.vote_type
    ]


def check_sat(election: Election, sat: Sat) -> None:
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
        ``sat`` is not one of `SATISFACTIONS`, or does not fit the
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
    if isinstance(sat, UserSat):
        return
    if sat not in SATISFACTIONS:
        raise invalid("sat", f"must be one of {', '.join(SATISFACTIONS)}, got {sat!r}")
    if sat == "relative_points" and election.vote_type not in POINTED:
        raise invalid(
            "sat",
            f"'relative_points' needs cumulative or scoring ballots, not {election.vote_type}",
        )
    if sat == "points" and election.vote_type not in POINTED:
        raise invalid(
            "sat", f"'points' needs cumulative or scoring ballots, not {election.vote_type}"
        )
    if sat == "borda" and election.vote_type != "ordinal":
        raise invalid("sat", f"'borda' needs ordinal ballots, not {election.vote_type}")
    if sat in ("cost_sqrt", "cost_log") and election.vote_type != "approval":
        raise invalid("sat", f"{sat!r} needs approval ballots, not {election.vote_type}")
    if sat == "cc" and election.vote_type in ("ordinal", "scoring"):
        raise invalid("sat", f"'cc' needs approval or cumulative ballots, not {election.vote_type}")
    if sat in ("additive_cost_sqrt", "additive_cost_log") and election.vote_type != "approval":
        raise invalid("sat", f"{sat!r} needs approval ballots, not {election.vote_type}")


def check_initial(election: Election, initial: Sequence[str]) -> tuple[int, ...]:
    """The positions of the projects a rule is to take as already funded, checked.

    A rule that completes another rule's selection (pabutools'
    ``initial_budget_allocation``) starts from these projects; they must be
    known, named once each, and fit in the budget together.

    Parameters
    ----------
    election : Election
        The vote.
    initial : sequence of str
        Project ids, in the order they were funded (a single string is refused:
        it would read as its letters).

    Returns
    -------
    tuple of int
        Their positions in ``election.project_ids``, in the order given.

    Raises
    ------
    ValidationError
        A plain string, an unknown or repeated id (located ``initial[k]``), or
        projects that cost more than the budget together (located ``initial``).

    Examples
    --------
    >>> e = Election.from_ballots({"a": 3, "b": 2}, [["a"]], budget=4)
    >>> check_initial(e, ["b"]), check_initial(e, ())
    ((1,), ())
    >>> check_initial(e, ["a", "b"])
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: initial: the projects cost 5 together, more than the budget 4

    See Also
    --------
    civicgrants.pb.rules.greedy.greedy : completes a selection with the greedy rule.
    civicgrants.pb.rules.composition.complete_by_rules : rules that complete each other.
    """
    if isinstance(initial, (str, bytes)):
        raise invalid("initial", f"must be a sequence of project ids, got the string {initial!r}")
    out: list[int] = []
    seen: set[int] = set()
    for k, pid in enumerate(initial):
        i = election._index.get(pid) if isinstance(pid, str) else None
        if i is None:
            raise invalid(f"initial[{k}]", f"no project has the id {shown(str(pid))}")
        if i in seen:
            raise invalid(f"initial[{k}]", f"{shown(pid)} is named twice")
        seen.add(i)
        out.append(i)
    spent = sum((election.costs[i] for i in out), Decimal(0))
    if spent > election.budget:
        raise invalid(
            "initial",
            f"the projects cost {spent} together, more than the budget {election.budget}",
        )
    return tuple(out)


def nothing_fits(
    election: Election, selected: Iterable[int], candidates: Iterable[int] | None = None
) -> bool:
    """Whether no candidate outside ``selected`` still fits in what the selection leaves.

    The test of an exhaustive outcome (pabutools' ``Instance.is_exhaustive``),
    on project positions.

    Parameters
    ----------
    election : Election
        The vote.
    selected : iterable of int
        The positions of the funded projects (each counted once).
    candidates : iterable of int, optional
        The positions that may still be funded; every project by default.

    Returns
    -------
    bool
        True when every candidate is selected or costs more than is left.

    Examples
    --------
    >>> e = Election.from_ballots({"a": 60, "b": 50, "c": 40}, [["a", "b", "c"]], budget=100)
    >>> nothing_fits(e, [0]), nothing_fits(e, [0, 2]), nothing_fits(e, [0], candidates=[1])
    (False, True, True)

    See Also
    --------
    civicgrants.pb.rules.composition.is_exhaustive : the same test on project ids.
    """
    chosen = set(selected)
    spent = sum((election.costs[i] for i in chosen), Decimal(0))
    pool = range(election.n_projects) if candidates is None else candidates
    return all(i in chosen or election.costs[i] + spent > election.budget for i in pool)


def _finding(code: str, location: str, numbers: dict[str, Any], en: str, ru: str) -> Finding:
    return Finding(code, Severity.ERROR, location, numbers, ru, en)


def _per_ballot(
    out: list[Finding],
    code: str,
    bad: npt.NDArray[np.bool_],
    describe: Any,
) -> None:
    """One finding for every ballot ``bad`` marks: the first one's, with how many in all."""
    where = np.flatnonzero(bad)
    if not where.size:
        return
    v, n = int(where[0]), int(where.size)
    numbers, en, ru = describe(v)
    numbers["ballots"] = n
    if n > 1:
        en += f" ({n} ballots in all)"
        ru += f" (всего таких бюллетеней: {n})"
    out.append(_finding(code, f"ballots[{v}]", numbers, en, ru))


def _restates(raw: bytes, n: int, vote_type: str) -> bool:
    """Whether a points cell of an approval or ordinal ballot of ``n`` projects says nothing new."""
    text = raw.decode("utf-8").strip()
    tokens = [t.strip() for t in text.split(",")] if text else []
    if len(tokens) != n or any(point_problem(t) is not None for t in tokens):
        return False
    values = [int(t) for t in tokens]
    if vote_type == "approval":
        return len(set(values)) <= 1
    return all(a > b for a, b in itertools.pairwise(values))


def _counts(out: list[Finding], e: Election, meta: dict[str, str]) -> None:
    sections = {
        "num_votes": (e.n_voters, "VOTES", "ballots", "бюллетеней"),
        "num_projects": (e.n_projects, "PROJECTS", "projects", "проектов"),
    }
    for key, (actual, section, what, ru_what) in sections.items():
        if key not in meta:
            continue
        try:
            stated = whole_number(meta[key], key)
        except ValidationError as exc:
            out.append(
                _finding(
                    "meta-count-invalid",
                    f"meta.{key}",
                    {"read": actual},
                    f"META {key} {exc.problems[0].message}; the {section} section holds "
                    f"{actual} {what}, unchecked",
                    f"в META {key} не целое число >= 0 ({shown(meta[key])}); в разделе {section} "
                    f"{ru_what}: {actual}, без проверки",
                )
            )
            continue
        if stated == actual:
            continue
        if key == "num_votes":
            en = (f"META num_votes is {stated}, but the VOTES section holds {actual} ballots "
                  "(a cut or padded file?)")  # fmt: skip
            ru = (f"в META num_votes = {stated}, а в разделе VOTES бюллетеней: {actual} "
                  "(файл обрезан или дополнен?)")  # fmt: skip
        else:
            en = f"META num_projects is {stated}, but the PROJECTS section lists {actual} projects"
            ru = f"в META num_projects = {stated}, а в разделе PROJECTS проектов: {actual}"
        code = f"{key.replace('_', '-')}-mismatch"
        out.append(_finding(code, f"meta.{key}", {"meta": stated, "read": actual}, en, ru))


def _points_column(out: list[Finding], e: Election) -> None:
    """A points column on approval or ordinal ballots: a finding when it says more than the vote."""
    if e.vote_type in POINTED or "points" not in e.vote_header:
        return
    column = e.voter_data[e._extra_columns(e.vote_type).index("points")]
    lengths = np.diff(e.indptr).tolist()
    seen: dict[tuple[bytes, int], bool] = {}
    bad = np.zeros(e.n_voters, dtype=bool)
    for v, (raw, n) in enumerate(zip(column.tolist(), lengths, strict=True)):
        ok = seen.get((raw, n))
        if ok is None:
            ok = seen[(raw, n)] = _restates(raw, n, e.vote_type)
        bad[v] = not ok
    vt = e.vote_type
    if vt == "approval":
        en_what, ru_what = "are not one value for every project voted for", "разные для проектов"
    else:
        en_what, ru_what = "do not fall along the ranking", "не убывают по порядку предпочтений"

    def describe(v: int) -> tuple[dict[str, Any], str, str]:
        cell = column[v].decode("utf-8") if isinstance(column[v], bytes) else str(column[v])
        return (
            {"points": cell, "projects": lengths[v]},
            f"a points column on {vt} ballots gives points that {en_what} ({shown(cell)} for "
            f"{lengths[v]} projects); a count of {vt} ballots ignores them (kept as text)",
            f"столбец points в бюллетенях типа {vt}: баллы {ru_what} ({shown(cell)} на "
            f"{lengths[v]} проектов); подсчёт их не учитывает (сохранены как текст)",
        )

    _per_ballot(out, "points-not-counted", bad, describe)


def _lengths(out: list[Finding], e: Election, bounds: dict[str, Any]) -> None:
    lengths = np.diff(e.indptr)
    high, low = bounds.get("max_length"), bounds.get("min_length")
    if high is not None:
        _per_ballot(
            out,
            "ballot-too-long",
            lengths > high,
            lambda v: (
                {"length": int(lengths[v]), "max_length": high},
                str(length_problem(int(lengths[v]), None, high)),
                f"в бюллетене проектов: {int(lengths[v])}, больше чем max_length {high}",
            ),
        )
    if low is not None:
        _per_ballot(
            out,
            "ballot-too-short",
            lengths < low,
            lambda v: (
                {"length": int(lengths[v]), "min_length": low},
                str(length_problem(int(lengths[v]), low, None)),
                f"в бюллетене проектов: {int(lengths[v])}, меньше чем min_length {low}",
            ),
        )


def _clamp(value: Decimal, rounding: str) -> int:
    whole = int(value.to_integral_value(rounding=rounding))
    return max(-POINTS_MAX, min(POINTS_MAX, whole))


def _points(out: list[Finding], e: Election, bounds: dict[str, Any]) -> None:
    pts = e.points
    if e.vote_type not in POINTED or pts is None:
        return
    ip = e.indptr
    lengths = np.diff(ip)
    voter_of = np.repeat(np.arange(e.n_voters, dtype=np.int64), lengths)
    total = np.zeros(pts.size + 1, dtype=np.int64)
    np.cumsum(pts, out=total[1:])
    sums = total[ip[1:]] - total[ip[:-1]]
    words = {"max": ("more", "больше"), "min": ("fewer", "меньше")}
    for side in ("max", "min"):
        more, ru_more = words[side]
        key = f"{side}_points"
        b = bounds.get(key)
        if b is not None:
            if side == "max":
                bad_votes = pts > _clamp(b, ROUND_FLOOR)
            else:
                bad_votes = pts < _clamp(b, ROUND_CEILING)
            bad = np.zeros(e.n_voters, dtype=bool)
            bad[voter_of[bad_votes]] = True

            def describe(v: int, side: str = side, key: str = key, b: Any = b) -> Any:
                own = pts[ip[v] : ip[v + 1]]
                p = int(own.max() if side == "max" else own.min())
                more, ru_more = words[side]
                return (
                    {"points": p, key: b},
                    f"{p} points to one project, {more} than {key} {b}",
                    f"проекту отдано баллов: {p}, {ru_more} чем {key} {b}",
                )

            _per_ballot(
                out, f"points-{'above' if side == 'max' else 'below'}-{side}", bad, describe
            )
        key = f"{side}_sum_points"
        b = bounds.get(key)
        if b is not None:
            bad = (
                sums > _clamp(b, ROUND_FLOOR) if side == "max" else sums < _clamp(b, ROUND_CEILING)
            )
            _per_ballot(
                out,
                f"points-sum-{'above' if side == 'max' else 'below'}-{side}",
                bad,
                lambda v, key=key, b=b, more=more, ru_more=ru_more: (
                    {"points": int(sums[v]), key: b},
                    f"{int(sums[v])} points in all, {more} than {key} {b}",
                    f"всего баллов: {int(sums[v])}, {ru_more} чем {key} {b}",
                ),
            )


def _costs(out: list[Finding], e: Election, bounds: dict[str, Any]) -> None:
    given = {k: bounds[k] for k in ("max_sum_cost", "min_sum_cost") if k in bounds}
    if not given:
        return
    places = max(_places(a) for a in (*e.costs, *given.values()))
    ratios = [c.as_integer_ratio() for c in e.costs]
    scaled = [n * 10**places // d for n, d in ratios]  # exact: places >= each cost's own
    ip = e.indptr
    sums: npt.NDArray[np.int64] | list[int]
    if sum(scaled) <= POINTS_MAX:
        # A ballot names a project once, so its sum is at most sum(scaled) and fits in int64.
        # The running total over all ballots may wrap, but int64 arithmetic is modulo 2**64,
        # so each difference of two running totals is still the ballot's exact sum.
        per_vote = np.asarray(scaled, dtype=np.int64)[e.indices]
        total = np.zeros(per_vote.size + 1, dtype=np.int64)
        np.cumsum(per_vote, out=total[1:])
        sums = total[ip[1:]] - total[ip[:-1]]
    else:
        ix = e.indices.tolist()
        sums = [sum(scaled[i] for i in ix[a:b]) for a, b in itertools.pairwise(ip.tolist())]
    for key, b in given.items():
        limit = int(Fraction(b) * 10**places)
        side = key[:3]
        if isinstance(sums, np.ndarray) and -POINTS_MAX <= limit <= POINTS_MAX:
            bad = sums > limit if side == "max" else sums < limit
        else:
            bad = np.array([s > limit if side == "max" else s < limit for s in sums], dtype=bool)
        more, ru_more = ("more", "больше") if side == "max" else ("less", "меньше")
        code = f"cost-sum-{'above' if side == 'max' else 'below'}-{side}"

        def describe(
            v: int, key: str = key, b: Any = b, more: str = more, ru_more: str = ru_more
        ) -> Any:
            cost = Decimal(f"{int(sums[v])}E-{places}")
            return (
                {"cost": cost, key: b},
                f"the projects on the ballot cost {cost} together, {more} than {key} {b}",
                f"проекты в бюллетене стоят вместе {cost}, {ru_more} чем {key} {b}",
            )

        _per_ballot(out, code, bad, describe)


def check_meta(election: Election) -> tuple[Finding, ...]:
    """Where an election breaks its own META: every breach as a finding (nothing raised).

    Checked: ``num_votes`` and ``num_projects`` against the ballots and projects
    there are, a ``budget`` of 0, a ``points`` column on approval or ordinal
    ballots that says more than the vote (points not the same for every project
    of an approval ballot, or not falling along an ordinal ranking), and every
    ballot against the bounds of `META_BOUNDS` (``min_length`` /
    ``max_length``, ``min_points`` / ``max_points`` per project,
    ``min_sum_points`` / ``max_sum_points`` in all, ``min_sum_cost`` /
    ``max_sum_cost`` for the ballot's projects together). Ballots that break one
    bound give one finding, at the first such ballot, with how many there are in
    all (``numbers["ballots"]``).

    Parameters
    ----------
    election : Election
        The vote.

    Returns
    -------
    tuple of Finding
        Errors (each file breach makes ``civicgrants pb`` exit 1), located as
        ``meta.<key>`` or ``ballots[<voter>]``; empty when the election keeps to
        its META. `civicgrants.io.pabulib.loads_pb()` locates them as
        ``file:line`` and keeps them in `Election.findings`.

    Examples
    --------
    >>> e = Election.from_ballots({"a": 60, "b": 7}, [["a", "b"], ["b"]], budget=100)
    >>> check_meta(e)
    ()
    >>> cut = Election(
    ...     meta=(*e.meta, ("num_votes", "678"), ("max_length", "1")),
    ...     project_ids=e.project_ids, costs=e.costs, indptr=e.indptr, indices=e.indices,
    ...     voter_data=e.voter_data,
    ... )
    >>> for f in check_meta(cut):
    ...     print(f.code, f.location, f.message_en)
    num-votes-mismatch meta.num_votes META num_votes is 678, but the VOTES section holds 2 ballots (a cut or padded file?)
    ballot-too-long ballots[0] 2 projects, more than max_length 1

    See Also
    --------
    Election.findings : the findings of a file, located by line.
    META_BOUNDS : the bounds checked.
    civicgrants.io.pabulib.loads_pb : reads leniently (findings) or strictly (an error).
    """
    e = election
    meta = dict(e.meta)
    out: list[Finding] = []
    _counts(out, e, meta)
    if e.budget == 0:
        out.append(
            _finding(
                "budget-zero",
                "meta.budget",
                {"budget": e.budget},
                "META budget is 0: no project with a cost can be funded",
                "в META бюджет равен 0: ни один проект со стоимостью не может быть профинансирован",
            )
        )
    _points_column(out, e)
    signed = e.vote_type == "scoring"
    bounds = {k: meta_bound(k, meta[k], signed=signed) for k in META_BOUNDS if k in meta}
    _lengths(out, e, bounds)
    _points(out, e, bounds)
    _costs(out, e, bounds)
    return tuple(out)
