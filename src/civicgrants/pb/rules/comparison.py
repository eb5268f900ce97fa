"""Choosing among outcomes: pabutools' ``popularity_comparison`` and ``social_welfare_comparison``.

Given several outcomes of one vote (greedy, equal shares, equal shares completed …),
``by="popularity"`` keeps the outcome that most voters like best (a voter who likes
several best equally counts for each), ``by="welfare"`` the outcome with the largest
total satisfaction. Satisfactions are exact; every tied outcome is kept. A
comparison step between MES and greedy, as equalshares.net offers, is the
popularity comparison of those two outcomes.

Examples
--------
>>> from civicgrants.pb.election import Election
>>> from civicgrants.pb.rules.equal_shares import equal_shares
>>> from civicgrants.pb.rules.greedy import greedy
>>> e = Election.from_ballots(
...     {"a": 60, "b": 50, "c": 40}, [["a"], ["a"], ["b", "c"], ["c"]], budget=100
... )
>>> choice = choose_outcome(e, [greedy(e), equal_shares(e)])
>>> choice.support, choice.best, choice.chosen.selected
((4, 2), (0,), ('a', 'c'))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Literal

import attrs
import numpy as np

from civicgrants.model.display import shows
from civicgrants.pb.election import Election, check_sat, default_sat, invalid
from civicgrants.pb.outcome import Outcome, plain_fraction

__all__ = ["COMPARISONS", "OutcomeChoice", "choose_outcome", "voter_satisfactions"]

COMPARISONS: tuple[str, ...] = ("popularity", "welfare")
"""How `choose_outcome()` compares: most voters' favourite, or the largest total satisfaction."""


@shows
@attrs.frozen
class OutcomeChoice:
    """Which of several outcomes a comparison rule keeps, and by what margin.

    Parameters
    ----------
    by : str
        ``popularity`` or ``welfare``.
    sat : str
        The satisfaction compared.
    outcomes : tuple of Outcome
        The outcomes compared, as given.
    support : tuple of int
        For each outcome, the voters who like it best (ties count for each).
    welfare : tuple of str
        For each outcome, the voters' total satisfaction, exact
        (`civicgrants.pb.outcome.plain_fraction`).
    best : tuple of int
        The indices of the outcomes kept (more than one on a tie).

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> from civicgrants.pb.rules.greedy import greedy
    >>> e = Election.from_ballots({"a": 1, "b": 1}, [["a"], ["b"]], budget=1)
    >>> c = choose_outcome(e, [greedy(e), greedy(e, tie_break="max_cost")], by="welfare")
    >>> c.welfare, c.best
    (('1', '1'), (0, 1))

    See Also
    --------
    choose_outcome : makes it.
    """

    by: str
    sat: str
    outcomes: tuple[Outcome, ...]
    support: tuple[int, ...]
    welfare: tuple[str, ...]
    best: tuple[int, ...]

    @property
    def chosen(self) -> Outcome:
        """The first outcome kept (the earliest given, on a tie)."""
        return self.outcomes[self.best[0]]


def voter_satisfactions(election: Election, selected: Sequence[str], sat: str) -> list[Fraction]:
    """Each voter's satisfaction with a set of funded projects, exactly.

    Parameters
    ----------
    election : Election
        The vote.
    selected : sequence of str
        The funded project ids.
    sat : str
        The satisfaction (see `civicgrants.pb.election.SATISFACTIONS`).

    Returns
    -------
    list of Fraction
        One per voter, in ballot order.

    Raises
    ------
    ValidationError
        A satisfaction that does not fit the ballots, or an unknown project.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 6, "b": 4}, [["a"], ["a", "b"], []], budget=10)
    >>> [str(s) for s in voter_satisfactions(e, ["a", "b"], "cost")]
    ['6', '10', '0']

    See Also
    --------
    civicgrants.pb.satisfaction.satisfaction_summary : the same, summed up as shares.
    """
    u, factor = election.utilities(sat)
    funded = np.zeros(election.n_projects, dtype=bool)
    for p in selected:
        funded[election.index(p)] = True
    scale = math.lcm(*(f.denominator for f in factor)) if factor else 1
    weights = [int(f * scale) for f in factor]
    voter = np.repeat(np.arange(election.n_voters), np.diff(election.indptr))
    keep = funded[election.indices]
    longest = int(np.diff(election.indptr).max(initial=0))
    most = max(weights, default=0) * (int(u.max(initial=0)) if u is not None else 1) * longest
    if most < 2**62:  # int64 sums cannot overflow: numpy, exactly
        per_vote = np.array(weights, dtype=np.int64)[election.indices]
        if u is not None:
            per_vote = per_vote * u
        sums = np.zeros(election.n_voters, dtype=np.int64)
        np.add.at(sums, voter[keep], per_vote[keep])
        totals: list[int] = sums.tolist()
    else:  # Python integers
        totals = [0] * election.n_voters
        points = u.tolist() if u is not None else None
        for k in np.flatnonzero(keep).tolist():
            x = weights[int(election.indices[k])]
            totals[int(voter[k])] += x if points is None else x * points[k]
    return [Fraction(t, scale) for t in totals]


def choose_outcome(
    election: Election,
    outcomes: Sequence[Outcome],
    *,
    by: Literal["popularity", "welfare"] | str = "popularity",
    sat: str | None = None,
) -> OutcomeChoice:
    """Keep the outcome most voters like best (``popularity``) or the most satisfying (``welfare``).

    Parameters
    ----------
    election : Election
        The vote the outcomes count.
    outcomes : sequence of Outcome
        At least one outcome of ``election``.
    by : {"popularity", "welfare"}
        ``popularity`` (pabutools ``popularity_comparison``): each voter supports
        every outcome that gives them the most satisfaction; the outcomes with the
        most supporters are kept. ``welfare`` (``social_welfare_comparison``): the
        outcomes with the largest total satisfaction are kept.
    sat : str, optional
        The satisfaction compared; by default the ballots' own.

    Returns
    -------
    OutcomeChoice
        Every outcome's support and welfare, and those kept.

    Raises
    ------
    ValidationError
        No outcome, an unknown comparison, a satisfaction that does not fit the
        ballots, or an outcome naming a project the election lacks.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> from civicgrants.pb.rules.equal_shares import equal_shares
    >>> from civicgrants.pb.rules.greedy import greedy
    >>> e = Election.from_ballots({"a": 60, "b": 50, "c": 40}, [["a"]] * 3 + [["b"]] * 2, budget=100)
    >>> choose_outcome(e, [greedy(e), equal_shares(e)], by="welfare").welfare
    ('180', '180')

    See Also
    --------
    civicgrants.pb.counting.compare : greedy and equal shares side by side.
    """
    if by not in COMPARISONS:
        raise invalid("by", f"must be one of {', '.join(COMPARISONS)}, got {by!r}")
    if not outcomes:
        raise invalid("outcomes", "needs at least one outcome to choose from")
    sat = sat or default_sat(election)
    check_sat(election, sat)
    table = [voter_satisfactions(election, o.selected, sat) for o in outcomes]
    welfare = [sum(column, Fraction(0)) for column in table]
    support = [0] * len(outcomes)
    for row in zip(*table, strict=True):
        top = max(row)
        for k, value in enumerate(row):
            support[k] += value == top
    score: Sequence[Fraction | int] = support if by == "popularity" else welfare
    best = tuple(k for k, s in enumerate(score) if s == max(score))
    return OutcomeChoice(
        by,
        sat,
        tuple(outcomes),
        tuple(support),
        tuple(plain_fraction(w) for w in welfare),
        best,
    )
