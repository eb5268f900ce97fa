"""The outcome of counting a vote: what was funded, in order, and a decision per project.

Every rule returns an `Outcome`; each of its `ProjectDecision`
records says why one project was funded or not, in plain English with the exact
figures it used. Numbers in those reasons are plain exact decimals (``87594``,
``74362.34``), never grouped for a language: presentation is
`civicgrants.io.views.pb`.

Examples
--------
>>> d = ProjectDecision("a", True, 1, "greedy", "fits: 60 of 100 left")
>>> o = Outcome("greedy", "cost", None, "lexico", ("a",), Decimal(60), Decimal(100), (d,))
>>> o.explain("a")[0].reason
'fits: 60 of 100 left'
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

import attrs

from civicgrants.model.display import frame, shows

__all__ = [
    "MesDetails",
    "MesRound",
    "Outcome",
    "ProjectDecision",
    "plain_amount",
    "plain_fraction",
    "plain_number",
]


@shows
@attrs.frozen
class ProjectDecision:
    """Why one project was funded or not.

    Parameters
    ----------
    project : str
        The project id.
    selected : bool
        Whether this decision funded it.
    step : int
        The round (MES, sequential Phragmén) or the position in the greedy order
        (0: before any round).
    phase : str
        ``"mes"``, ``"greedy"``, ``"phragmen"`` or ``"completion"``.
    reason : str
        Why, in English, with plain exact numbers.
    numbers : tuple of (str, str)
        The exact figures the decision used (as strings), e.g. ``rho`` and
        ``price_per_supporter`` for MES.

    Examples
    --------
    >>> ProjectDecision("b", False, 2, "greedy", "cost 60 exceeds the 50 left").selected
    False

    See Also
    --------
    Outcome : every decision of one count.
    Outcome.explain : the decisions about one project.
    """

    project: str
    selected: bool
    step: int
    phase: str
    reason: str
    numbers: tuple[tuple[str, str], ...] = ()


@shows
@attrs.frozen
class MesRound:
    """One purchase of the Method of Equal Shares: the project, its ``rho``, the money left after.

    Parameters
    ----------
    project : str
        The project bought.
    rho : Fraction
        What its supporters paid per unit of satisfaction (exact); a supporter
        paid ``min(their money, rho * their satisfaction)``.
    money : tuple of Fraction
        Each voter group's money after the purchase (see `MesDetails.group`).

    Examples
    --------
    >>> from civicgrants.pb import Election, equal_shares
    >>> e = Election.from_ballots({"a": 6, "b": 3}, [["a"], ["a", "b"], ["b"]], budget=12)
    >>> r = equal_shares(e, "cardinality", details=True).details.rounds[0]
    >>> r.project, r.rho, [str(m) for m in r.money]
    ('b', Fraction(3, 2), ['4', '5/2', '5/2'])

    See Also
    --------
    MesDetails : every round.
    """

    project: str
    rho: Fraction
    money: tuple[Fraction, ...]


@shows
@attrs.frozen
class MesDetails:
    """Every purchase of an MES count with each voter's money after it (pabutools ``analytics``).

    Voters whose ballots give the same satisfaction from the same projects hold
    the same money throughout; they form one group, and each round keeps one
    exact amount per group (``group[v]`` is voter ``v``'s group). Free projects
    are funded before the first round and cost nobody anything.

    Parameters
    ----------
    share : Fraction
        Each voter's money at the start (``budget / voters``, more after the
        ``add1`` completion's raises).
    group : tuple of int
        Each voter's group, in ballot order.
    rounds : tuple of MesRound
        The purchases, in order.

    Examples
    --------
    >>> from civicgrants.pb import Election, equal_shares
    >>> e = Election.from_ballots({"a": 6, "b": 3}, [["a"], ["a", "b"], ["b"]], budget=12)
    >>> d = equal_shares(e, "cardinality", details=True).details
    >>> d.share, d.group, [r.project for r in d.rounds]
    (Fraction(4, 1), (0, 1, 2), ['b', 'a'])
    >>> [str(m) for m in d.money_after(2)]
    ['1/2', '0', '5/2']

    See Also
    --------
    MesRound : one purchase.
    civicgrants.pb.rules.equal_shares.equal_shares : makes it with ``details=True``.
    """

    share: Fraction
    group: tuple[int, ...]
    rounds: tuple[MesRound, ...]

    def money_after(self, k: int) -> tuple[Fraction, ...]:
        """Each voter's money after the first ``k`` purchases (``0``: the start).

        Parameters
        ----------
        k : int
            How many purchases, from 0 to ``len(rounds)``.

        Returns
        -------
        tuple of Fraction
            One amount per voter, in ballot order.

        Examples
        --------
        >>> d = MesDetails(Fraction(2), (0, 0, 1), (MesRound("a", Fraction(1), (Fraction(1), Fraction(2))),))
        >>> [str(m) for m in d.money_after(0)], [str(m) for m in d.money_after(1)]
        (['2', '2', '2'], ['1', '1', '2'])
        """
        if k == 0:
            return tuple(self.share for _ in self.group)
        money = self.rounds[k - 1].money
        return tuple(money[g] for g in self.group)


@shows
@attrs.frozen
class Outcome:
    """The result of counting a vote: what was funded, in selection order, and why.

    Parameters
    ----------
    rule : str
        ``"greedy"``, ``"mes"`` or ``"phragmen"``.
    sat : str
        The satisfaction counted (``cost``, ``cardinality``, ``points``, ``borda``).
    completion : str or None
        The MES completion, if any.
    tie_break : str
        How ties were broken.
    selected : tuple of str
        The funded project ids, in selection order.
    cost : Decimal
        What the funded projects cost together.
    budget : Decimal
        The election's budget.
    decisions : tuple of ProjectDecision
        Every decision, in the order it was made.
    details : MesDetails, optional
        MES only, when asked for (``details=True``): every purchase with each
        voter's money after it.
    seed : int, optional
        The seed of the lot that breaks the last ties (``tie_break="equalshares"``).
    lot : tuple of str
        The lot's order of the projects drawn from ``seed`` (first drawn wins a
        tie it decides); empty without a lot. `civicgrants.pb.ties.lot()`
        replays it.

    Examples
    --------
    >>> from civicgrants.pb import Election, greedy
    >>> e = Election.from_ballots({"a": 60, "b": 50}, [["a"], ["a"], ["b"]], budget=100)
    >>> o = greedy(e)
    >>> o.selected, o.cost, [d.reason for d in o.explain("b")]
    (('a',), Decimal('60'), ['cost 50 exceeds the 40 left'])

    See Also
    --------
    ProjectDecision : one of its decisions.
    civicgrants.pb.counting.count : an outcome with the voters' satisfaction.
    civicgrants.io.views.pb.outcome_data : an outcome as JSON.
    """

    rule: str
    sat: str
    completion: str | None
    tie_break: str
    selected: tuple[str, ...]
    cost: Decimal
    budget: Decimal
    decisions: tuple[ProjectDecision, ...]
    details: MesDetails | None = None
    seed: int | None = None
    lot: tuple[str, ...] = ()

    def explain(self, project: str) -> tuple[ProjectDecision, ...]:
        """Every decision about ``project``, in order.

        Parameters
        ----------
        project : str
            A project id.

        Returns
        -------
        tuple of ProjectDecision
            Empty when no decision names it.

        Examples
        --------
        >>> d = ProjectDecision("a", True, 1, "greedy", "fits: 60 of 100 left")
        >>> o = Outcome("greedy", "cost", None, "lexico", ("a",), Decimal(60), Decimal(100), (d,))
        >>> [x.reason for x in o.explain("a")], o.explain("z")
        (['fits: 60 of 100 left'], ())

        See Also
        --------
        ProjectDecision : what each decision says.
        """
        return tuple(d for d in self.decisions if d.project == project)

    FRAME_COLUMNS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("project", "str"),
        ("selected", "bool"),
        ("step", "int"),
        ("phase", "str"),
        ("reason", "str"),
    )
    """The columns of `to_frame()`: (name, kind) pairs (see `civicgrants.model.display`)."""

    def to_frame(self, exact: bool = False) -> Any:
        """The decisions as a pandas DataFrame, one row each (the ``frames`` extra).

        Columns (`FRAME_COLUMNS`): ``project``, ``phase``, ``reason``
        (strings); ``selected`` (``bool``); ``step`` (``int64``).

        Parameters
        ----------
        exact : bool, optional
            Accepted for a uniform call; decisions hold no amounts.

        Returns
        -------
        pandas.DataFrame
            One row per decision, in order.

        Raises
        ------
        civicgrants.errors.MissingExtra
            pandas is not installed.

        Examples
        --------
        >>> d = ProjectDecision("a", True, 1, "greedy", "fits: 60 of 100 left")
        >>> o = Outcome("greedy", "cost", None, "lexico", ("a",), Decimal(60), Decimal(100), (d,))
        >>> o.to_frame()[["project", "selected"]].values.tolist()
        [['a', True]]
        """
        return frame(
            self.FRAME_COLUMNS,
            ((d.project, d.selected, d.step, d.phase, d.reason) for d in self.decisions),
            exact=exact,
        )


def plain_number(value: Decimal) -> str:
    """An exact amount for a reason: whole amounts without trailing zeros.

    Parameters
    ----------
    value : Decimal
        The amount.

    Returns
    -------
    str
        ``87594`` for ``Decimal("87594.00")``; other amounts as written.

    Examples
    --------
    >>> plain_number(Decimal("87594.00")), plain_number(Decimal("12.50"))
    ('87594', '12.50')

    See Also
    --------
    plain_amount : money held or paid, to the cent.
    plain_fraction : an exact ratio.
    """
    return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)


_LONGEST_BITS = 3000
"""A fraction with a longer numerator or denominator (~900 digits) is shown only roughly.

Such fractions come from sums over many voters each normalised apart (``relative_cost`` on
a real file); Python refuses to print integers of more than 4300 digits.
"""


def plain_fraction(value: Fraction) -> str:
    """An exact ratio for a decision's figures: ``n`` or ``n/d (~approximation)``.

    Parameters
    ----------
    value : Fraction
        The ratio (a satisfaction, a satisfaction per unit of cost).

    Returns
    -------
    str
        The whole number when the denominator is 1, otherwise the exact fraction
        followed by a 6-significant-digit approximation in brackets; only the
        approximation (``~…``) when numerator or denominator has more than
        `_LONGEST_BITS` bits.

    Examples
    --------
    >>> plain_fraction(Fraction(6)), plain_fraction(Fraction(2, 3))
    ('6', '2/3 (~0.666667)')

    See Also
    --------
    plain_number : an exact amount.
    plain_amount : money held or paid, to the cent.
    """
    if max(value.numerator.bit_length(), value.denominator.bit_length()) > _LONGEST_BITS:
        # a sum over voters normalised one by one: too long to be read; the count stays exact
        return f"~{float(value):.6g}"
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator} (~{float(value):.6g})"


def plain_amount(value: float | Fraction) -> str:
    """Money held or paid, to the cent, for a reason (whole amounts without decimals).

    Parameters
    ----------
    value : float or Fraction
        The amount (MES counts voters' money in floats or exact fractions).

    Returns
    -------
    str
        The amount rounded to 2 decimals (through a float), written without
        decimals when whole.

    Examples
    --------
    >>> plain_amount(74362.3449), plain_amount(Fraction(20))
    ('74362.34', '20')

    See Also
    --------
    plain_number : an exact amount, not rounded.
    plain_fraction : an exact ratio.
    """
    d = Decimal(f"{float(value):.2f}")
    return format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f")
