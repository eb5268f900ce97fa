"""How satisfied the voters are with a selection: shares of what each ballot asked for.

`satisfaction_summary()` measures each voter against their own ballot;
`approval_measures()` gives the measures equalshares.net reports for an outcome
(approved winners per voter, voters with at least one, the share of the budget
spent on what a voter approved).

Examples
--------
>>> from civicgrants.pb.election import Election
>>> e = Election.from_ballots({"a": 1, "b": 3}, [["a"], ["a", "b"]], budget=4)
>>> satisfaction_summary(e, ["b"]).quantiles[-1]
(1.0, 0.75)
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from civicgrants.model.display import shows
from civicgrants.pb.election import (
    NOT_ADDITIVE,
    PER_VOTER,
    Election,
    Sat,
    UserSat,
    check_sat,
    default_sat,
    sat_name,
    vote_values,
)
from civicgrants.pb.outcome import Outcome

__all__ = ["ApprovalMeasures", "SatisfactionSummary", "approval_measures", "satisfaction_summary"]


@shows
@attrs.frozen
class SatisfactionSummary:
    """How satisfied the voters are with a selection.

    ``share`` of a voter is the satisfaction from the funded projects divided by
    the satisfaction if everything on the ballot were funded (cost: money of
    supported projects funded; cardinality: count; points: points; borda: Borda
    score). Voters whose ballot is worth nothing are left out of the shares; a
    negative score (scoring ballots, a `UserSat`) counts as 0 here.
    ``quantiles`` are (q, share) for q in 0, 0.1, 0.25, 0.5, 0.75, 0.9, 1
    (lower interpolation). Shares are floats rounded to 4 places: a summary for
    people, not an amount.

    Parameters
    ----------
    sat : str
        The satisfaction counted (``cost``, ``cardinality``, ``points``, ``borda``).
    voters : int
        Every ballot, empty ones included.
    counted : int
        The voters whose ballot is worth something (those with a share).
    zero : int
        Counted voters with a share of 0 (nothing they asked for is funded).
    full : int
        Counted voters with a share of 1 (everything they asked for is funded).
    mean_share : float
        The mean share of the counted voters (0.0 when none is counted).
    quantiles : tuple of (float, float)
        ``(q, share)`` pairs; empty when no voter is counted.

    Examples
    --------
    >>> e = Election.from_ballots({"a": 1}, [["a"], []], budget=1)
    >>> s = satisfaction_summary(e, ["a"])
    >>> s.voters, s.counted, s.full
    (2, 1, 1)

    See Also
    --------
    satisfaction_summary : makes one.
    civicgrants.pb.counting.VoteCount : a count with its summary.
    """

    sat: str
    voters: int
    counted: int
    zero: int
    full: int
    mean_share: float
    quantiles: tuple[tuple[float, float], ...]


def satisfaction_summary(
    election: Election, outcome: Outcome | Iterable[str], sat: Sat | None = None
) -> SatisfactionSummary:
    """Summarise per-voter satisfaction with an outcome (or a set of funded projects).

    Parameters
    ----------
    election : Election
        The vote.
    outcome : Outcome or iterable of str
        The outcome of counting the vote (its ``selected`` projects and, unless
        ``sat`` is given, its ``sat``), or the funded project ids themselves.
    sat : str or UserSat, optional
        The satisfaction; by default the outcome's, else the ballots' own
        (`default_sat()`). A `UserSat` must be given here (an outcome holds its name).

    Returns
    -------
    SatisfactionSummary
        The voters' shares of what their ballots asked for.

    Raises
    ------
    ValidationError
        A satisfaction that does not fit the ballots.
    KeyError
        An unknown project id.

    Examples
    --------
    >>> e = Election.from_ballots({"a": 1, "b": 1}, [["a"], ["a", "b"], ["b"], []], budget=1)
    >>> s = satisfaction_summary(e, ["a"], "cardinality")
    >>> s.counted, s.zero, s.full, s.mean_share
    (3, 1, 1, 0.5)
    >>> from civicgrants.pb.counting import run_rule
    >>> satisfaction_summary(e, run_rule(e, "greedy", "cardinality")).mean_share
    0.5

    See Also
    --------
    SatisfactionSummary : what the summary holds.
    civicgrants.pb.counting.count : counts a vote and summarises it.
    """
    if isinstance(outcome, Outcome):
        sat = sat or outcome.sat
        selected: Iterable[str] = outcome.selected
    else:
        selected = outcome
    sat = sat or default_sat(election)
    funded = np.zeros(election.n_projects, dtype=bool)
    for p in selected:
        funded[election.index(p)] = True
    n = election.n_voters
    voter = np.repeat(np.arange(n), np.diff(election.indptr))
    want, got = _wanted_and_got(election, sat, funded[election.indices], voter)
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
        sat_name(sat),
        n,
        int(mask.sum()),
        int((share == 0).sum()),
        int((share >= 1.0 - 1e-12).sum()),
        mean,
        quant,
    )


def _wanted_and_got(
    election: Election, sat: Sat, funded: npt.NDArray[np.bool_], voter: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
    """Each voter's satisfaction with the whole ballot funded, and with what was funded."""
    n = election.n_voters
    if isinstance(sat, UserSat) or sat in PER_VOTER:
        vals = np.array([float(x) for x in vote_values(election, sat)], dtype=np.float64)
        vals = np.maximum(vals, 0.0)  # what a ballot asks for: its positive scores
        return np.bincount(voter, weights=vals, minlength=n), np.bincount(
            voter, weights=vals * funded, minlength=n
        )
    if sat not in NOT_ADDITIVE:
        u, factor = election.utilities(sat)
        f = np.array([float(x) for x in factor], dtype=np.float64)
        w = f[election.indices] if u is None else u.astype(np.float64) * f[election.indices]
        w = np.maximum(w, 0.0)  # a negative score (scoring ballots) asks for nothing
        return np.bincount(voter, weights=w, minlength=n), np.bincount(
            voter, weights=w * funded, minlength=n
        )
    check_sat(election, sat)
    if sat == "cc":
        given: npt.NDArray[Any] = np.ones(election.indices.size)
        if election.points is not None:
            given = election.points.astype(np.float64)
        best: npt.NDArray[Any] = np.zeros(n)
        best_funded: npt.NDArray[Any] = np.zeros(n)
        np.maximum.at(best, voter, given)
        np.maximum.at(best_funded, voter, given * funded)
        return best, best_funded
    cost = np.array([float(c) for c in election.costs])[election.indices]
    whole: npt.NDArray[Any] = np.bincount(voter, weights=cost, minlength=n)
    part: npt.NDArray[Any] = np.bincount(voter, weights=cost * funded, minlength=n)
    if sat == "cost_sqrt":
        return np.sqrt(whole), np.sqrt(part)
    return np.log1p(whole), np.log1p(part)


@shows
@attrs.frozen
class ApprovalMeasures:
    """The satisfaction measures of equalshares.net for a selection.

    A voter approves the projects on the ballot (for cumulative and ordinal
    ballots, the projects named). Shares are floats rounded to 4 places: a summary
    for people, not an amount.

    Parameters
    ----------
    voters : int
        Every ballot, empty ones included.
    mean_winners : float
        The mean number of funded projects a voter approved.
    winners : tuple of (int, int)
        The distribution: ``(k, voters)`` for every ``k`` from 0 to the most
        funded projects one voter approved.
    non_empty : int
        The voters who approved at least one funded project.
    non_empty_share : float
        ``non_empty / voters`` (0.0 without voters).
    mean_budget_share : float
        The mean over voters of the cost of the funded projects the voter approved
        divided by the budget (0.0 without voters or with a budget of 0).

    Examples
    --------
    >>> e = Election.from_ballots({"a": 1, "b": 3}, [["a"], ["a", "b"], []], budget=4)
    >>> m = approval_measures(e, ["a", "b"])
    >>> m.winners, m.non_empty, m.mean_budget_share
    (((0, 1), (1, 1), (2, 1)), 2, 0.4167)

    See Also
    --------
    approval_measures : makes one.
    civicgrants.pb.certificates.Certificates : the measures with the proportionality certificates.
    """

    voters: int
    mean_winners: float
    winners: tuple[tuple[int, int], ...]
    non_empty: int
    non_empty_share: float
    mean_budget_share: float


def approval_measures(election: Election, outcome: Outcome | Iterable[str]) -> ApprovalMeasures:
    """The equalshares.net measures of an outcome (or a set of funded projects).

    Parameters
    ----------
    election : Election
        The vote.
    outcome : Outcome or iterable of str
        The outcome (its ``selected`` projects) or the funded project ids themselves.

    Returns
    -------
    ApprovalMeasures
        Approved winners per voter, the voters with at least one, the mean share
        of the budget spent on what a voter approved.

    Raises
    ------
    KeyError
        An unknown project id.

    Examples
    --------
    >>> e = Election.from_ballots({"a": 1, "b": 1}, [["a"], ["a", "b"], ["b"], []], budget=2)
    >>> m = approval_measures(e, ["a"])
    >>> m.mean_winners, m.non_empty_share, m.mean_budget_share
    (0.5, 0.5, 0.25)

    See Also
    --------
    ApprovalMeasures : what it holds.
    satisfaction_summary : shares of what each ballot asked for.
    """
    selected = outcome.selected if isinstance(outcome, Outcome) else outcome
    funded = np.zeros(election.n_projects, dtype=bool)
    for p in selected:
        funded[election.index(p)] = True
    n = election.n_voters
    voter = np.repeat(np.arange(n), np.diff(election.indptr))
    hit = funded[election.indices]
    per_voter = np.bincount(voter[hit], minlength=n)
    winners = tuple((k, int(v)) for k, v in enumerate(np.bincount(per_voter, minlength=1).tolist()))
    non_empty = int((per_voter > 0).sum())
    budget = Fraction(election.budget)
    if n and budget > 0:
        costs = [Fraction(c) for c in election.costs]
        spent = sum(
            (
                costs[int(p)] * int(k)
                for p, k in zip(*_votes_per_project(election, hit), strict=True)
            ),
            Fraction(0),
        )
        mean_budget = round(float(spent / budget / n), 4)
    else:
        mean_budget = 0.0
    return ApprovalMeasures(
        n,
        round(float(per_voter.mean()), 4) if n else 0.0,
        winners if n else (),
        non_empty,
        round(non_empty / n, 4) if n else 0.0,
        mean_budget,
    )


def _votes_per_project(election: Election, hit: np.ndarray) -> tuple[list[int], list[int]]:
    """The funded projects and how many voters approved each (exact counts)."""
    counts = np.bincount(election.indices[hit], minlength=election.n_projects)
    projects = np.nonzero(counts)[0]
    return projects.tolist(), counts[projects].tolist()
