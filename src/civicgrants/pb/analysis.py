"""Analysis of a vote and its outcome: satisfaction, categories, the core, cohesive groups, MES losses.

The measures pabutools 1.2.3 offers in ``pabutools.analysis``, computed exactly
(`Fraction`) wherever pabutools is exact, for any outcome ``W`` (the funded
projects) of an `Election`:

* `vote_properties()` — the vote itself: what the projects cost, how long and
  how dear the ballots are, how many votes a project gets (pabutools
  ``instanceproperties`` and ``profileproperties``);
* `satisfaction_stats()` — the voters' satisfaction with ``W``: its mean
  (pabutools ``avg_satisfaction``), its Gini coefficient
  (``gini_coefficient_of_satisfaction``; `gini_coefficient()` on any values),
  the share of voters with a satisfaction above 0 (``percent_positive_satisfaction``)
  and of voters with at least one funded project on their ballot
  (``percent_non_empty_handed``), and a histogram (`satisfaction_histogram()`,
  ``satisfaction_histogram``);
* `category_proportionality()` — how far the money of ``W`` is spread over the
  projects' categories (`project_categories()`, the ``category`` column of a
  ``.pb`` file) as the ballots spread theirs (``category_proportionality``);
* `fair_share()` — how close each voter comes to their fair share
  (``average_normalised_distance_to_fair_share``, ``average_capped_fair_share_ratio``);
* `analyse_outcome()` — the cheap measures above of one outcome together, as an
  `OutcomeAnalysis` (what ``civicgrants pb --analysis`` adds);
* `cohesive_groups()` and `is_large_enough()` — the groups of voters who all
  approve a set of projects their share of the budget pays for
  (``cohesive_groups``, ``is_large_enough``);
* `core()` — whether ``W`` is in the core (``is_in_core``), with a blocking
  coalition and the projects it would buy when it is not;
* `project_losses()` and `effective_supports()` — for the Method of Equal
  Shares, what the supporters of each project had spent before it was
  decided, and how much of its cost they could have covered
  (``calculate_project_loss``, ``calculate_effective_supports``).

A voter *approves* the projects named on the ballot (for cumulative and ordinal
ballots, the projects named), as in `civicgrants.pb.certificates`; the
satisfactions are those of `civicgrants.pb.election.SATISFACTIONS`.

Where pabutools stops
---------------------
pabutools' ``cohesive_groups`` and ``is_in_core`` enumerate every group of
voters (``2**n``). Here the searches enumerate *project* sets, depth first, as
`civicgrants.pb.certificates.check()` does: for a set ``T`` the largest group
that can be cohesive over it (or block with it) is known at once. ``limit``
caps the sets visited (default `DEFAULT_LIMIT`); a search that reaches it
says so (``complete`` is ``False``, or the core is *undecided*).

pabutools 1.2.3's ``calculate_project_loss`` fails on the details of every
complete MES run (the last round selects nothing); `project_losses()` gives
what it computes on the rounds that select a project. Its
``calculate_effective_supports`` fails on a project MES cannot consider (no
supporter, or a cost of 0); `effective_supports()` gives ``None`` for those.

Examples
--------
>>> from civicgrants.pb import Election, equal_shares
>>> e = Election.from_ballots(
...     {"a": 60, "b": 40, "c": 40}, [["a"], ["a"], ["b", "c"], ["c"]], budget=100
... )
>>> s = satisfaction_stats(e, ["a", "c"])
>>> s.mean, s.gini, s.non_empty_handed
(Fraction(50, 1), Fraction(1, 10), Fraction(1, 1))
>>> core(e, ["a", "c"]).holds
True

See Also
--------
civicgrants.pb.certificates : EJR, PJR, EJR+ and priceability with witnesses.
civicgrants.pb.satisfaction : the equalshares.net measures.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from civicgrants.errors import ValidationError
from civicgrants.model.display import shows
from civicgrants.pb.certificates import DEFAULT_LIMIT, Certificate
from civicgrants.pb.election import (
    NOT_ADDITIVE,
    Election,
    check_sat,
    default_sat,
    invalid,
    shown,
)
from civicgrants.pb.outcome import Outcome, plain_fraction
from civicgrants.pb.rules.comparison import voter_satisfactions
from civicgrants.pb.rules.mes_engine import prepare
from civicgrants.pb.ties import tie_keys

__all__ = [
    "CATEGORY_COLUMNS",
    "CategoryProportionality",
    "CohesiveGroup",
    "CohesiveGroups",
    "EffectiveSupport",
    "FairShare",
    "OutcomeAnalysis",
    "ProjectLoss",
    "SatisfactionHistogram",
    "SatisfactionStats",
    "VoteProperties",
    "analyse_outcome",
    "category_proportionality",
    "cohesive_groups",
    "core",
    "effective_supports",
    "fair_share",
    "gini_coefficient",
    "is_large_enough",
    "project_categories",
    "project_losses",
    "satisfaction_histogram",
    "satisfaction_stats",
    "satisfactions",
    "vote_properties",
]

CATEGORY_COLUMNS: tuple[str, str] = ("category", "categories")
"""The PROJECTS columns naming a project's categories (comma-separated), as pabulib and pabutools read them."""


# --------------------------------------------------------------------------- inputs


def _selected(election: Election, outcome: Outcome | Iterable[str]) -> tuple[str, ...]:
    """The funded project ids of ``outcome``, checked against the election (repeats dropped)."""
    if isinstance(outcome, str):
        raise invalid(
            "outcome", f"must be an Outcome or project ids, got the text {shown(outcome)}"
        )
    chosen = outcome.selected if isinstance(outcome, Outcome) else tuple(outcome)
    for k, p in enumerate(chosen):
        if not isinstance(p, str) or p not in election.project_ids:
            raise invalid(f"outcome[{k}]", f"is not a project of the election: {p!r:.60}")
    return tuple(dict.fromkeys(chosen))


def _limit(limit: int) -> None:
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise invalid("limit", f"must be a whole number >= 1, got {limit!r:.60}")


def _approves(election: Election) -> npt.NDArray[np.bool_]:
    """``approves[p, i]``: voter ``i`` names project ``p`` on the ballot."""
    n, m = election.n_voters, election.n_projects
    approves = np.zeros((m, n), dtype=bool)
    voter = np.repeat(np.arange(n), np.diff(election.indptr))
    approves[election.indices, voter] = True
    return approves


def _sat(election: Election, sat: str | None) -> str:
    name = default_sat(election) if sat is None else sat
    check_sat(election, name)
    return name


def satisfactions(
    election: Election, outcome: Outcome | Iterable[str], sat: str | None = None
) -> list[Fraction]:
    """Each voter's satisfaction with an outcome, exactly, for any satisfaction.

    The additive satisfactions are `civicgrants.pb.rules.comparison.voter_satisfactions()`;
    the others are pabutools': ``cc`` (1 if a funded project is on an approval
    ballot, else 0; on a cumulative ballot the most points given to a funded
    project), ``cost_sqrt`` and ``cost_log`` (the square root of what the funded
    approved projects cost together, or the logarithm of 1 plus it, as the nearest
    double, taken exactly).

    Parameters
    ----------
    election : Election
        The vote.
    outcome : Outcome or iterable of str
        The funded projects.
    sat : str, optional
        The satisfaction (default: `civicgrants.pb.election.default_sat()`).

    Returns
    -------
    list of Fraction
        One per voter, in ballot order.

    Raises
    ------
    ValidationError
        A satisfaction that does not fit the ballots, or an outcome naming an
        unknown project.

    Examples
    --------
    >>> from civicgrants.pb import Election
    >>> e = Election.from_ballots({"a": 6, "b": 4}, [["a"], ["a", "b"], []], budget=10)
    >>> [str(s) for s in satisfactions(e, ["b"], "cc")]
    ['0', '1', '0']

    See Also
    --------
    satisfaction_stats : their mean, Gini coefficient and histogram.
    """
    name = _sat(election, sat)
    chosen = _selected(election, outcome)
    if name not in NOT_ADDITIVE:
        return voter_satisfactions(election, chosen, name)
    funded = np.zeros(election.n_projects, dtype=bool)
    for p in chosen:
        funded[election.index(p)] = True
    ip = election.indptr.tolist()
    idx = election.indices.tolist()
    out: list[Fraction] = []
    if name == "cc":
        pts = election.points.tolist() if election.points is not None else None
        for v in range(election.n_voters):
            best = 0
            for k in range(ip[v], ip[v + 1]):
                if funded[idx[k]]:
                    best = max(best, pts[k] if pts is not None else 1)
            out.append(Fraction(best))
        return out
    costs = [Fraction(c) for c in election.costs]
    for v in range(election.n_voters):
        total = sum((costs[idx[k]] for k in range(ip[v], ip[v + 1]) if funded[idx[k]]), Fraction(0))
        x = math.sqrt(float(total)) if name == "cost_sqrt" else math.log(float(1 + total))
        out.append(Fraction(x))
    return out


# --------------------------------------------------------------------------- the vote itself


def _median(values: Sequence[Fraction | int]) -> Fraction:
    xs = sorted(Fraction(v) for v in values)
    if not xs:
        return Fraction(0)
    mid = len(xs) // 2
    return xs[mid] if len(xs) % 2 else (xs[mid - 1] + xs[mid]) / 2


def _mean(values: Sequence[Fraction | int]) -> Fraction:
    return sum((Fraction(v) for v in values), Fraction(0)) / len(values) if values else Fraction(0)


@shows
@attrs.frozen
class VoteProperties:
    """What the projects cost, how long and dear the ballots are, how many votes a project gets.

    Medians are exact (the mean of the two middle values for an even count);
    pabutools gives them as floats and cuts the median ballot length to a whole
    number. Means and medians are 0 when there is nothing to count.

    Parameters
    ----------
    projects : int
        How many projects.
    total_cost : Fraction
        What every project costs together (pabutools ``sum_project_cost``).
    funding_scarcity : Fraction or None
        ``total_cost / budget`` (``funding_scarcity``); None for a budget of 0.
    mean_cost, median_cost : Fraction
        A project's cost (``avg_project_cost``, ``median_project_cost``).
    std_cost : float
        The costs' population standard deviation, a float as in pabutools
        (``std_dev_project_cost``).
    voters : int
        Every ballot.
    mean_length, median_length : Fraction
        Projects named per ballot (``avg_ballot_length``, ``median_ballot_length``).
    mean_ballot_cost, median_ballot_cost : Fraction
        What a ballot's projects cost together (``avg_ballot_cost``, ``median_ballot_cost``).
    mean_score, median_score : Fraction
        Votes per project: its supporters, or on cumulative ballots its points
        (``avg_approval_score`` / ``avg_total_score`` and their medians).

    Examples
    --------
    >>> from civicgrants.pb import Election
    >>> vote_properties(Election.from_ballots({"a": 1}, [["a"]], budget=2)).funding_scarcity
    Fraction(1, 2)

    See Also
    --------
    vote_properties : makes one.
    """

    projects: int
    total_cost: Fraction
    funding_scarcity: Fraction | None
    mean_cost: Fraction
    median_cost: Fraction
    std_cost: float
    voters: int
    mean_length: Fraction
    median_length: Fraction
    mean_ballot_cost: Fraction
    median_ballot_cost: Fraction
    mean_score: Fraction
    median_score: Fraction


def vote_properties(election: Election) -> VoteProperties:
    """The properties of a vote before any count (pabutools ``instanceproperties``, ``profileproperties``).

    Parameters
    ----------
    election : Election
        The vote.

    Returns
    -------
    VoteProperties
        Exact figures (the standard deviation of the costs aside).

    Examples
    --------
    >>> from civicgrants.pb import Election
    >>> e = Election.from_ballots({"a": 60, "b": 40, "c": 20}, [["a"], ["a", "b"], ["c"]], budget=100)
    >>> p = vote_properties(e)
    >>> p.funding_scarcity, p.mean_length, p.median_ballot_cost, p.mean_score
    (Fraction(6, 5), Fraction(4, 3), Fraction(60, 1), Fraction(4, 3))

    See Also
    --------
    satisfaction_stats : how satisfied the voters are with an outcome.
    """
    costs = [Fraction(c) for c in election.costs]
    total = sum(costs, Fraction(0))
    budget = Fraction(election.budget)
    ip = election.indptr.tolist()
    idx = election.indices.tolist()
    lengths = np.diff(election.indptr).tolist()
    ballot_costs = [
        sum((costs[p] for p in idx[a:b]), Fraction(0)) for a, b in itertools.pairwise(ip)
    ]
    if election.vote_type == "cumulative" and election.points is not None:
        score = [0] * election.n_projects
        for p, x in zip(idx, election.points.tolist(), strict=True):
            score[p] += x
    else:
        score = np.bincount(election.indices, minlength=election.n_projects).tolist()
    return VoteProperties(
        projects=election.n_projects,
        total_cost=total,
        funding_scarcity=total / budget if budget else None,
        mean_cost=_mean(costs),
        median_cost=_median(costs),
        std_cost=float(np.std([float(c) for c in costs])) if costs else 0.0,
        voters=election.n_voters,
        mean_length=_mean(lengths),
        median_length=_median(lengths),
        mean_ballot_cost=_mean(ballot_costs),
        median_ballot_cost=_median(ballot_costs),
        mean_score=_mean(score),
        median_score=_median(score),
    )


# --------------------------------------------------------------------------- satisfaction


def gini_coefficient(values: Sequence[Fraction | int]) -> Fraction:
    """The Gini coefficient of non-negative values, exactly (0 when all are 0).

    With the values sorted ``x_1 <= ... <= x_n`` and ``S`` their sum,
    ``G = (n + 1 - 2 * Σ_k (n + 1 - k) * x_k / S) / n`` — pabutools'
    ``gini_coefficient``: 0 when everyone has the same, ``(n - 1) / n`` when one
    has everything.

    Parameters
    ----------
    values : sequence of Fraction or int
        The values, each ``>= 0``.

    Returns
    -------
    Fraction
        The coefficient, in ``[0, 1)``; 0 for no values or all 0.

    Raises
    ------
    ValidationError
        A negative value.

    Examples
    --------
    >>> gini_coefficient([1, 1, 1]), gini_coefficient([0, 0, 6]), gini_coefficient([])
    (Fraction(0, 1), Fraction(2, 3), Fraction(0, 1))

    See Also
    --------
    satisfaction_stats : the coefficient of the voters' satisfaction.
    """
    xs = sorted(Fraction(v) for v in values)
    if xs and xs[0] < 0:
        raise invalid("values", f"must be >= 0, got {plain_fraction(xs[0])}")
    total = sum(xs, Fraction(0))
    if total == 0:
        return Fraction(0)
    n = len(xs)
    weighted = sum((x * (n - k) for k, x in enumerate(xs)), Fraction(0))
    return (n + 1 - 2 * weighted / total) / n


@shows
@attrs.frozen
class SatisfactionHistogram:
    """How many voters fall in each bin of satisfaction (pabutools ``satisfaction_histogram``).

    A voter with satisfaction ``s`` falls in bin ``ceil(s * (bins - 1) / top)``
    (bin 0 holds exactly the voters with nothing), or in the last bin when
    ``s >= top``.

    Parameters
    ----------
    sat : str
        The satisfaction.
    top : Fraction
        The satisfaction of the last bin (``max_satisfaction``).
    counts : tuple of int
        Voters per bin; they add up to every voter.

    Examples
    --------
    >>> h = SatisfactionHistogram("cost", Fraction(10), (1, 0, 2))
    >>> h.voters, h.shares
    (3, (Fraction(1, 3), Fraction(0, 1), Fraction(2, 3)))

    See Also
    --------
    satisfaction_histogram : makes one.
    """

    sat: str
    top: Fraction
    counts: tuple[int, ...]

    @property
    def voters(self) -> int:
        """Every voter counted (the sum of ``counts``).

        Examples
        --------
        >>> SatisfactionHistogram("cost", Fraction(1), (2, 3)).voters
        5
        """
        return sum(self.counts)

    @property
    def shares(self) -> tuple[Fraction, ...]:
        """Each bin's share of the voters (pabutools' values; all 0 with no voters).

        Examples
        --------
        >>> SatisfactionHistogram("cost", Fraction(1), (1, 3)).shares
        (Fraction(1, 4), Fraction(3, 4))
        """
        n = self.voters
        return tuple(Fraction(c, n) if n else Fraction(0) for c in self.counts)


def _histogram(
    values: Sequence[Fraction], top: Fraction, bins: int, sat: str
) -> SatisfactionHistogram:
    counts = [0] * bins
    for s in values:
        if s >= top:
            counts[-1] += 1
        else:
            counts[math.ceil(s * (bins - 1) / top)] += 1
    return SatisfactionHistogram(sat, top, tuple(counts))


def _check_bins(bins: int, top: Fraction | int | None) -> Fraction | None:
    if isinstance(bins, bool) or not isinstance(bins, int) or bins < 1:
        raise invalid("bins", f"must be a whole number >= 1, got {bins!r:.60}")
    if top is None:
        return None
    if isinstance(top, (bool, float)) or not isinstance(top, (int, Fraction)) or top <= 0:
        raise invalid(
            "max_satisfaction", f"must be an exact number > 0 (int or Fraction), got {top!r:.60}"
        )
    return Fraction(top)


def _top(election: Election, sat: str) -> Fraction:
    """The most any voter could get: each voter's satisfaction if every project were funded."""
    whole = satisfactions(election, election.project_ids, sat)
    return max(whole, default=Fraction(0))


def satisfaction_histogram(
    election: Election,
    outcome: Outcome | Iterable[str],
    sat: str | None = None,
    *,
    max_satisfaction: Fraction | int | None = None,
    bins: int = 21,
) -> SatisfactionHistogram:
    """The voters' satisfaction with an outcome, counted in bins (pabutools ``satisfaction_histogram``).

    Parameters
    ----------
    election : Election
        The vote.
    outcome : Outcome or iterable of str
        The funded projects.
    sat : str, optional
        The satisfaction (default: `civicgrants.pb.election.default_sat()`).
    max_satisfaction : int or Fraction, optional
        The satisfaction of the last bin; by default the most any voter would
        get if every project were funded (when that is 0, every voter is in the
        last bin).
    bins : int, optional
        How many bins (pabutools' default, 21).

    Returns
    -------
    SatisfactionHistogram
        The counts per bin.

    Raises
    ------
    ValidationError
        ``bins`` below 1, ``max_satisfaction`` not an exact number above 0, a
        satisfaction that does not fit the ballots, an unknown project.

    Examples
    --------
    >>> from civicgrants.pb import Election
    >>> e = Election.from_ballots({"a": 60, "b": 40}, [["a"], ["a", "b"], ["b"]], budget=100)
    >>> satisfaction_histogram(e, ["a"], bins=3).counts
    (1, 0, 2)

    See Also
    --------
    satisfaction_stats : the histogram with the mean and the Gini coefficient.
    """
    top = _check_bins(bins, max_satisfaction)
    name = _sat(election, sat)
    values = satisfactions(election, outcome, name)
    return _histogram(values, _top(election, name) if top is None else top, bins, name)


@shows
@attrs.frozen
class SatisfactionStats:
    """The voters' satisfaction with an outcome: mean, Gini coefficient, shares, histogram.

    Parameters
    ----------
    sat : str
        The satisfaction.
    voters : int
        Every ballot, empty ones included.
    total : Fraction
        The satisfactions added up.
    mean : Fraction
        Their mean (pabutools ``avg_satisfaction``); 0 with no voters.
    gini : Fraction
        Their Gini coefficient (`gini_coefficient()`).
    positive : Fraction
        The share of voters whose satisfaction is above 0
        (``percent_positive_satisfaction``); 0 with no voters.
    non_empty_handed : Fraction
        The share of voters with at least one funded project on their ballot
        (``percent_non_empty_handed``: the mean ``cc`` satisfaction on approval
        ballots); 0 with no voters.
    histogram : SatisfactionHistogram
        The voters per bin of satisfaction.

    Examples
    --------
    >>> from civicgrants.pb import Election
    >>> e = Election.from_ballots({"a": 1}, [["a"], []], budget=1)
    >>> s = satisfaction_stats(e, ["a"])
    >>> s.mean, s.positive, s.histogram.counts[-1]
    (Fraction(1, 2), Fraction(1, 2), 1)

    See Also
    --------
    satisfaction_stats : makes one.
    """

    sat: str
    voters: int
    total: Fraction
    mean: Fraction
    gini: Fraction
    positive: Fraction
    non_empty_handed: Fraction
    histogram: SatisfactionHistogram


def satisfaction_stats(
    election: Election,
    outcome: Outcome | Iterable[str],
    sat: str | None = None,
    *,
    max_satisfaction: Fraction | int | None = None,
    bins: int = 21,
) -> SatisfactionStats:
    """The mean, Gini coefficient, shares and histogram of the voters' satisfaction.

    Parameters
    ----------
    election : Election
        The vote.
    outcome : Outcome or iterable of str
        The funded projects.
    sat : str, optional
        The satisfaction (default: `civicgrants.pb.election.default_sat()`).
    max_satisfaction : int or Fraction, optional
        The histogram's last bin (see `satisfaction_histogram()`).
    bins : int, optional
        The histogram's bins (21).

    Returns
    -------
    SatisfactionStats
        Exact figures.

    Raises
    ------
    ValidationError
        As `satisfaction_histogram()`.

    Examples
    --------
    >>> from civicgrants.pb import Election
    >>> e = Election.from_ballots({"a": 60, "b": 40}, [["a"], ["a", "b"], ["b"]], budget=100)
    >>> s = satisfaction_stats(e, ["a"], "cardinality")
    >>> s.mean, s.gini, s.positive
    (Fraction(2, 3), Fraction(1, 3), Fraction(2, 3))

    See Also
    --------
    gini_coefficient : the coefficient of any values.
    civicgrants.pb.satisfaction.approval_measures : the equalshares.net measures.
    """
    top = _check_bins(bins, max_satisfaction)
    name = _sat(election, sat)
    chosen = _selected(election, outcome)
    values = satisfactions(election, chosen, name)
    n = election.n_voters
    total = sum(values, Fraction(0))
    funded = np.zeros(election.n_projects, dtype=bool)
    for p in chosen:
        funded[election.index(p)] = True
    hit = np.zeros(n, dtype=bool)
    voter = np.repeat(np.arange(n), np.diff(election.indptr))
    hit[voter[funded[election.indices]]] = True
    non_empty = int(np.count_nonzero(hit))
    positive = sum(1 for s in values if s > 0)
    return SatisfactionStats(
        sat=name,
        voters=n,
        total=total,
        mean=total / n if n else Fraction(0),
        gini=gini_coefficient(values),
        positive=Fraction(positive, n) if n else Fraction(0),
        non_empty_handed=Fraction(non_empty, n) if n else Fraction(0),
        histogram=_histogram(values, _top(election, name) if top is None else top, bins, name),
    )


# --------------------------------------------------------------------------- categories


def project_categories(election: Election) -> tuple[frozenset[str], ...]:
    """Each project's categories, from the ``category`` (or ``categories``) column of PROJECTS.

    A cell is split at commas and each part stripped, as pabutools reads it; a
    cell reading ``none`` (any case) gives no category, and so does a project
    without the column. An empty cell, or an empty part (``"a,,b"``), gives no
    category either (pabutools reads it as the category ``""``).

    Parameters
    ----------
    election : Election
        The vote (its ``project_columns`` and ``project_rows``, kept as written).

    Returns
    -------
    tuple of frozenset of str
        One set per project, aligned with ``project_ids``.

    Examples
    --------
    >>> import attrs
    >>> from civicgrants.pb import Election
    >>> e = Election.from_ballots({"a": 4, "b": 6}, [], budget=10)
    >>> e = attrs.evolve(
    ...     e, project_columns=("project_id", "cost", "category"),
    ...     project_rows=(("a", "4", "sport, culture"), ("b", "6", "none")),
    ... )
    >>> [sorted(c) for c in project_categories(e)]
    [['culture', 'sport'], []]

    See Also
    --------
    category_proportionality : the money of an outcome across the categories.
    """
    cols = [k for k, c in enumerate(election.project_columns) if c.strip() in CATEGORY_COLUMNS]
    out: list[frozenset[str]] = []
    for k in range(election.n_projects):
        row = election.project_rows[k] if election.project_rows else ()
        found: set[str] = set()
        for c in cols:
            if c < len(row) and row[c].strip() and row[c].strip().lower() != "none":
                found = {part.strip() for part in row[c].split(",")} - {""}
        out.append(frozenset(found))
    return tuple(out)


@shows
@attrs.frozen
class CategoryProportionality:
    """How the money of an outcome is spread over categories, against how the ballots spread theirs.

    For each category ``c``: ``funded[c]`` is the share of the outcome's cost
    spent on projects of ``c``; ``wanted[c]`` is the mean over voters of the share
    of their ballot's cost on projects of ``c``. ``mean_square`` is the mean over
    categories of ``(funded[c] - wanted[c]) ** 2`` and ``score`` is
    ``exp(-mean_square)`` (pabutools ``category_proportionality``: 1 when the
    outcome spends as the ballots do). A project may be in several categories.

    Parameters
    ----------
    categories : tuple of str
        Every category of a project, sorted.
    funded : tuple of Fraction
        The outcome's share per category, aligned with ``categories``.
    wanted : tuple of Fraction
        The ballots' mean share per category.
    mean_square : Fraction
        The mean squared difference, exactly.
    score : float
        ``exp(-mean_square)``, a float as in pabutools (0.0 for an empty outcome,
        as there).

    Examples
    --------
    >>> c = CategoryProportionality(("x",), (Fraction(1),), (Fraction(1),), Fraction(0), 1.0)
    >>> c.score
    1.0

    See Also
    --------
    category_proportionality : makes one.
    """

    categories: tuple[str, ...]
    funded: tuple[Fraction, ...]
    wanted: tuple[Fraction, ...]
    mean_square: Fraction
    score: float


def category_proportionality(
    election: Election, outcome: Outcome | Iterable[str]
) -> CategoryProportionality:
    """Category proportionality of an outcome (pabutools ``category_proportionality``).

    Parameters
    ----------
    election : Election
        The vote; its projects' categories are `project_categories()`.
    outcome : Outcome or iterable of str
        The funded projects.

    Returns
    -------
    CategoryProportionality
        The shares per category and the score; for an empty outcome the score
        is 0.0 (pabutools' answer) and nothing else is computed (every share 0).

    Raises
    ------
    ValidationError
        No project has a category; for an outcome that is not empty: no ballots,
        a ballot whose projects cost 0 together (an empty one too), or an outcome costing 0 (the shares are undefined; pabutools
        divides by zero); an unknown project.

    Examples
    --------
    >>> import attrs
    >>> from civicgrants.pb import Election
    >>> e = Election.from_ballots({"a": 4, "b": 6}, [["a"], ["b"]], budget=10)
    >>> e = attrs.evolve(
    ...     e, project_columns=("project_id", "cost", "category"),
    ...     project_rows=(("a", "4", "sport"), ("b", "6", "culture")),
    ... )
    >>> c = category_proportionality(e, ["a"])
    >>> c.categories, c.funded, c.wanted, c.mean_square
    (('culture', 'sport'), (Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 2), Fraction(1, 2)), Fraction(1, 4))
    >>> round(c.score, 4)
    0.7788

    See Also
    --------
    project_categories : where the categories come from.
    """
    chosen = _selected(election, outcome)
    cats = project_categories(election)
    names = sorted(set().union(*cats)) if cats else []
    if not names:
        raise invalid("categories", "no project has a category (a 'category' column of PROJECTS)")
    at = {c: k for k, c in enumerate(names)}
    costs = [Fraction(c) for c in election.costs]
    zeros = tuple([Fraction(0)] * len(names))
    if not chosen:
        return CategoryProportionality(tuple(names), zeros, zeros, Fraction(0), 0.0)
    n = election.n_voters
    if not n:
        raise invalid("ballots", "no ballots: the ballots' share per category is undefined")
    wanted = [Fraction(0)] * len(names)
    ip = election.indptr.tolist()
    idx = election.indices.tolist()
    for v in range(election.n_voters):
        ballot = idx[ip[v] : ip[v + 1]]
        spent = sum((costs[p] for p in ballot), Fraction(0))
        if spent == 0:
            raise invalid(
                f"ballots[{v}]",
                "the projects on the ballot cost 0 together: its share per category is undefined",
            )
        for p in ballot:
            for c in cats[p]:
                wanted[at[c]] += costs[p] / spent
    wanted = [w / n for w in wanted]
    total = sum((costs[election.index(p)] for p in chosen), Fraction(0))
    if total == 0:
        raise invalid(
            "outcome", "the funded projects cost 0: their share per category is undefined"
        )
    funded = [Fraction(0)] * len(names)
    for pid in chosen:
        p = election.index(pid)
        for c in cats[p]:
            funded[at[c]] += costs[p] / total
    square = sum(((f - w) ** 2 for f, w in zip(funded, wanted, strict=True)), Fraction(0))
    square /= len(names)
    return CategoryProportionality(
        tuple(names), tuple(funded), tuple(wanted), square, math.exp(-float(square))
    )


# --------------------------------------------------------------------------- fair share


@shows
@attrs.frozen
class FairShare:
    """How close the voters come to their fair share of the budget.

    A project's *share* is its cost divided among its approvers; a voter's
    share of an outcome is the sum of the shares of the funded projects they
    approve; their *fair share* is ``min(b / n, sum of the shares of every
    project they approve)``.

    Parameters
    ----------
    voters : int
        Every ballot.
    counted : int
        The voters with a fair share above 0 (an empty ballot, or one of
        projects costing 0, has none and is left out; pabutools divides by
        zero there).
    distance : Fraction
        1 minus the mean over counted voters of ``|share - fair share| / fair share``
        (pabutools ``average_normalised_distance_to_fair_share``; 1 is best).
    capped_ratio : Fraction
        The mean over counted voters of ``min(1, share / fair share)``
        (``average_capped_fair_share_ratio``; 1 is best).

    Examples
    --------
    >>> FairShare(2, 2, Fraction(1), Fraction(1)).capped_ratio
    Fraction(1, 1)

    See Also
    --------
    fair_share : makes one.
    """

    voters: int
    counted: int
    distance: Fraction
    capped_ratio: Fraction


def fair_share(election: Election, outcome: Outcome | Iterable[str]) -> FairShare:
    """The fair-share measures of an outcome (pabutools ``fairshare``), exactly.

    Parameters
    ----------
    election : Election
        The vote (a voter approves the projects on the ballot).
    outcome : Outcome or iterable of str
        The funded projects.

    Returns
    -------
    FairShare
        Both measures; 1 and 1 when no voter is counted.

    Raises
    ------
    ValidationError
        An outcome naming an unknown project.

    Examples
    --------
    >>> from civicgrants.pb import Election
    >>> e = Election.from_ballots({"a": 60, "b": 40}, [["a"], ["a"], ["b"], ["b"]], budget=100)
    >>> f = fair_share(e, ["a"])
    >>> f.distance, f.capped_ratio
    (Fraction(2, 5), Fraction(1, 2))

    See Also
    --------
    civicgrants.pb.certificates.check : priceability, where voters pay shares.
    """
    chosen = _selected(election, outcome)
    funded = {election.index(p) for p in chosen}
    n = election.n_voters
    scores = np.bincount(election.indices, minlength=election.n_projects).tolist()
    share = [
        Fraction(c) / s if s else Fraction(0) for c, s in zip(election.costs, scores, strict=True)
    ]
    cap = Fraction(election.budget) / n if n else Fraction(0)
    ip = election.indptr.tolist()
    idx = election.indices.tolist()
    counted = 0
    distance = Fraction(0)
    ratio = Fraction(0)
    for v in range(n):
        ballot = idx[ip[v] : ip[v + 1]]
        fair = min(cap, sum((share[p] for p in ballot), Fraction(0)))
        if fair == 0:
            continue
        got = sum((share[p] for p in ballot if p in funded), Fraction(0))
        counted += 1
        distance += abs(got - fair) / fair
        ratio += min(got / fair, Fraction(1))
    if not counted:
        return FairShare(n, 0, Fraction(1), Fraction(1))
    return FairShare(n, counted, 1 - distance / counted, ratio / counted)


# --------------------------------------------------------------------------- together


@shows
@attrs.frozen
class OutcomeAnalysis:
    """The cheap measures of one outcome together: satisfaction, fair share, categories.

    What ``civicgrants pb --analysis`` adds to a count. The searches that can take
    exponential time (`core()`, `cohesive_groups()`, `effective_supports()`) are
    left out.

    Parameters
    ----------
    stats : SatisfactionStats
        The voters' satisfaction (mean, Gini coefficient, shares, histogram).
    fair_share : FairShare
        How close the voters come to their fair share.
    categories : CategoryProportionality or None
        The money across the projects' categories; None when it is undefined
        (``categories_note`` says why).
    categories_note : str
        Why ``categories`` is None (no project has a category, or the shares
        are undefined for this vote); empty otherwise.

    Examples
    --------
    >>> from civicgrants.pb import Election
    >>> e = Election.from_ballots({"a": 60, "b": 40}, [["a"], ["a"], ["b"]], budget=100)
    >>> a = analyse_outcome(e, ["a"])
    >>> a.stats.gini, a.fair_share.capped_ratio, a.categories
    (Fraction(1, 3), Fraction(2, 3), None)
    >>> print(a.categories_note)
    categories: no project has a category (a 'category' column of PROJECTS)

    See Also
    --------
    analyse_outcome : makes one.
    """

    stats: SatisfactionStats
    fair_share: FairShare
    categories: CategoryProportionality | None = None
    categories_note: str = ""


def analyse_outcome(
    election: Election, outcome: Outcome | Iterable[str], sat: str | None = None
) -> OutcomeAnalysis:
    """`satisfaction_stats()`, `fair_share()` and `category_proportionality()` of one outcome.

    Parameters
    ----------
    election : Election
        The vote.
    outcome : Outcome or iterable of str
        The funded projects.
    sat : str, optional
        The satisfaction of the statistics; by default the outcome's own (an
        `Outcome`), else the ballots' (`civicgrants.pb.election.default_sat()`).

    Returns
    -------
    OutcomeAnalysis
        The three measures; the categories' is None, with the reason, when no
        project has a category or its shares are undefined (an empty ballot, an
        outcome costing 0).

    Raises
    ------
    ValidationError
        A satisfaction that does not fit the ballots, an unknown project.

    Examples
    --------
    >>> import attrs
    >>> from civicgrants.pb import Election
    >>> e = Election.from_ballots({"a": 4, "b": 6}, [["a"], ["b"]], budget=10)
    >>> e = attrs.evolve(
    ...     e, project_columns=("project_id", "cost", "category"),
    ...     project_rows=(("a", "4", "sport"), ("b", "6", "culture")),
    ... )
    >>> a = analyse_outcome(e, ["a"])
    >>> a.stats.mean, a.categories.mean_square, a.fair_share.distance
    (Fraction(2, 1), Fraction(1, 4), Fraction(1, 2))

    See Also
    --------
    OutcomeAnalysis : what it returns.
    core : the core, which can take exponential time (left out here).
    """
    if sat is None and isinstance(outcome, Outcome):
        sat = outcome.sat
    chosen = _selected(election, outcome)
    stats = satisfaction_stats(election, chosen, sat)
    share = fair_share(election, chosen)
    try:
        categories = category_proportionality(election, chosen)
    except ValidationError as exc:
        return OutcomeAnalysis(stats, share, None, "; ".join(str(exc).splitlines()))
    return OutcomeAnalysis(stats, share, categories)


# --------------------------------------------------------------------------- cohesive groups


def is_large_enough(
    group_size: int, voters: int, cost: Fraction | int, budget: Fraction | int
) -> bool:
    """Whether a group's share of the budget pays for projects costing ``cost``.

    ``cost * voters <= group_size * budget``: pabutools ``is_large_enough``.

    Parameters
    ----------
    group_size : int
        The voters in the group.
    voters : int
        Every voter.
    cost : Fraction or int
        What the projects cost together.
    budget : Fraction or int
        The budget.

    Returns
    -------
    bool
        True when the group is large enough.

    Examples
    --------
    >>> is_large_enough(2, 4, 50, 100), is_large_enough(1, 4, 50, 100)
    (True, False)

    See Also
    --------
    cohesive_groups : every group large enough for the projects it all approves.
    """
    return cost * voters <= group_size * budget


@shows
@attrs.frozen
class CohesiveGroup:
    """The voters who all approve a set of projects their share of the budget pays for.

    Parameters
    ----------
    projects : tuple of str
        The set ``T``, in project order.
    voters : tuple of int
        Every voter approving all of ``T`` (0-based, in ballot order): the largest
        T-cohesive group; each of its subgroups large enough
        (`is_large_enough()`) is T-cohesive too.
    cost : Fraction
        What ``T`` costs.

    Examples
    --------
    >>> CohesiveGroup(("a",), (0, 1), Fraction(50)).voters
    (0, 1)

    See Also
    --------
    cohesive_groups : finds them.
    """

    projects: tuple[str, ...]
    voters: tuple[int, ...]
    cost: Fraction


@shows
@attrs.frozen
class CohesiveGroups:
    """Every project set some group is cohesive over, with its largest such group.

    Parameters
    ----------
    groups : tuple of CohesiveGroup
        One per set ``T``, in depth-first order over the projects.
    complete : bool
        False when the search reached ``limit`` (more sets may exist).
    limit : int
        The most sets the search could visit.

    Examples
    --------
    >>> CohesiveGroups((), True, 10).complete
    True

    See Also
    --------
    cohesive_groups : makes one.
    """

    groups: tuple[CohesiveGroup, ...]
    complete: bool
    limit: int


def cohesive_groups(election: Election, *, limit: int = DEFAULT_LIMIT) -> CohesiveGroups:
    """Every set of projects ``T`` with a T-cohesive group of voters, and the largest such group.

    A group is T-cohesive when every member approves every project of ``T``
    (``T`` not empty) and it is large enough to pay for ``T`` (`is_large_enough()`).
    pabutools ``cohesive_groups`` lists every such pair of a group and a set; the
    groups of a set are the subgroups, large enough, of the one given here.

    Parameters
    ----------
    election : Election
        The vote.
    limit : int, optional
        The most sets ``T`` to report before stopping.

    Returns
    -------
    CohesiveGroups
        The sets and their groups.

    Raises
    ------
    ValidationError
        A ``limit`` below 1.

    Examples
    --------
    >>> from civicgrants.pb import Election
    >>> e = Election.from_ballots({"a": 50, "b": 50}, [["a", "b"], ["a"], ["b"], []], budget=100)
    >>> [(g.projects, g.voters) for g in cohesive_groups(e).groups]
    [(('a',), (0, 1)), (('b',), (0, 2))]

    See Also
    --------
    civicgrants.pb.certificates.check : EJR and PJR over the same groups.
    """
    _limit(limit)
    approves = _approves(election)
    costs = [Fraction(c) for c in election.costs]
    n, budget = election.n_voters, Fraction(election.budget)
    found: list[CohesiveGroup] = []
    ids = election.project_ids

    def walk(t: tuple[int, ...], mask: npt.NDArray[np.bool_], cost: Fraction, start: int) -> bool:
        for p in range(start, election.n_projects):
            inner = mask & approves[p]
            size = int(np.count_nonzero(inner))
            c = cost + costs[p]
            if size == 0 or not is_large_enough(size, n, c, budget):
                continue
            if len(found) >= limit:
                return False
            tp = (*t, p)
            found.append(
                CohesiveGroup(tuple(ids[q] for q in tp), tuple(np.flatnonzero(inner).tolist()), c)
            )
            if not walk(tp, inner, c, p + 1):
                return False
        return True

    complete = walk((), np.ones(n, dtype=bool), Fraction(0), 0)
    return CohesiveGroups(tuple(found), complete, limit)


# --------------------------------------------------------------------------- the core


class _Stop(Exception):
    """The core search reached its limit."""


def _raw_utilities(election: Election, sat: str) -> tuple[npt.NDArray[Any], str, int]:
    """Per-project, per-voter integers whose combination gives the satisfaction of a set.

    Returns ``(table, how, scale)``: ``how`` is ``"sum"`` (additive: the satisfaction
    of a set is the sum of its rows, divided by ``scale``), ``"max"`` (``cc``) or
    ``"sqrt"`` / ``"log"`` (of the summed rows, approved costs, divided by ``scale``).
    The table is ``int64`` when no sum can overflow, else Python integers.
    """
    m, n = election.n_projects, election.n_voters
    voter = np.repeat(np.arange(n), np.diff(election.indptr)).tolist()
    proj = election.indices.tolist()
    if sat == "cc":
        weights: list[int] = [1] * m
        values: list[int] = (
            election.points.tolist() if election.points is not None else [1] * len(proj)
        )
        how, scale = "max", 1
    elif sat in ("cost_sqrt", "cost_log"):
        exps = [c.as_tuple().exponent for c in election.costs]
        places = max([0] + [-x for x in exps if isinstance(x, int) and x < 0])
        scale = 10**places
        weights = [int(c * scale) for c in election.costs]
        values = [1] * len(proj)
        how = "sqrt" if sat == "cost_sqrt" else "log"
    else:
        u, factor = election.utilities(sat)
        scale = math.lcm(*(f.denominator for f in factor)) if factor else 1
        weights = [int(f * scale) for f in factor]
        values = u.tolist() if u is not None else [1] * len(proj)
        how = "sum"
    table = np.zeros((m, n), dtype=object)
    for k, (p, i) in enumerate(zip(proj, voter, strict=True)):
        table[p, i] = weights[p] * values[k]
    if m and n and max(table.sum(axis=0).tolist()) < 2**62:
        table = table.astype(np.int64)
    return table, how, scale


def _worth(how: str, acc: npt.NDArray[Any], scale: int) -> npt.NDArray[Any]:
    """Each voter's satisfaction from accumulated rows, in an order-preserving form."""
    if how in ("sum", "max"):
        return acc
    f = math.sqrt if how == "sqrt" else (lambda x: math.log(1 + x))
    return np.array([f(int(s) / scale) for s in acc.tolist()], dtype=np.float64)


def _add(how: str, acc: npt.NDArray[Any], rows: npt.NDArray[Any]) -> npt.NDArray[Any]:
    if rows.shape[0] == 0:
        return acc
    out: npt.NDArray[Any]
    out = np.maximum(acc, rows.max(axis=0)) if how == "max" else acc + rows.sum(axis=0)
    return out


def core(
    election: Election,
    outcome: Outcome | Iterable[str],
    sat: str | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
) -> Certificate:
    """Whether an outcome is in the core, with a blocking coalition when it is not.

    An outcome ``W`` is *in the core* when no non-empty group ``S`` of voters and
    set of projects ``T`` with ``|S| / n * b >= cost(T)`` (the group's share of the
    budget pays for ``T``) make every member strictly better off:
    ``u_i(T) > u_i(W)`` for every ``i`` in ``S`` (pabutools ``is_in_core``; Fain,
    Munagala and Shah (2018), "Fair allocation of indivisible public goods", EC).
    For a set ``T`` the best coalition is every voter preferring ``T``, so the
    search enumerates project sets ``T`` (``cost(T) <= b``) depth first, never
    voter groups; a branch is cut when even adding every remaining project
    leaves too few voters preferring it.

    Parameters
    ----------
    election : Election
        The vote.
    outcome : Outcome or iterable of str
        The funded projects ``W``.
    sat : str, optional
        The satisfaction ``u`` (default: `civicgrants.pb.election.default_sat()`);
        any of `civicgrants.pb.election.SATISFACTIONS`.
    limit : int, optional
        The most sets ``T`` to visit; beyond it the answer is *undecided* unless a
        blocking coalition was found.

    Returns
    -------
    Certificate
        ``axiom="core"``; ``holds`` True, False (``group``: the coalition, every
        voter preferring ``T``; ``projects``: ``T``) or None (the limit was reached).

    Raises
    ------
    ValidationError
        A satisfaction that does not fit the ballots, a ``limit`` below 1, an
        unknown project.

    Examples
    --------
    >>> from civicgrants.pb import Election
    >>> e = Election.from_ballots({"big": 70, "s1": 30, "s2": 30}, [["big"]] * 6 + [["s1", "s2"]] * 4, budget=100)
    >>> c = core(e, ["big"])
    >>> c.holds, c.group, c.projects
    (False, (6, 7, 8, 9), ('s1',))
    >>> core(e, ["s1", "s2"]).holds  # the 6 hold 60 of the budget: not enough for big
    True
    >>> print(core(e, ["big"]).reason)
    4 voters each prefer {s1} costing 30, within their share 40 of the budget, to the outcome

    See Also
    --------
    civicgrants.pb.certificates.check : EJR, PJR, EJR+ and priceability.
    """
    _limit(limit)
    name = _sat(election, sat)
    chosen = _selected(election, outcome)
    n, m = election.n_voters, election.n_projects
    budget = Fraction(election.budget)
    costs = [Fraction(c) for c in election.costs]
    table, how, scale = _raw_utilities(election, name)
    exps = [x.as_tuple().exponent for x in (*election.costs, election.budget)]
    unit = 10 ** max([0] + [-x for x in exps if isinstance(x, int) and x < 0])
    icost = [int(c * unit) for c in election.costs]
    ibudget = int(election.budget * unit)
    zero = np.zeros(n, dtype=table.dtype)
    now_raw = _add(how, zero, table[[election.index(p) for p in chosen]])
    now = _worth(how, now_raw, scale)
    useful = [p for p in range(m) if bool(np.any(table[p] != 0))]
    # what every project from the k-th useful one on adds at most (an upper bound for a branch)
    suffix = [zero] * (len(useful) + 1)
    for k in range(len(useful) - 1, -1, -1):
        suffix[k] = _add(how, suffix[k + 1], table[useful[k] : useful[k] + 1])
    visited = 0

    def better(acc: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
        """The voters strictly preferring the accumulated set to the outcome, exactly."""
        more: npt.NDArray[np.bool_] = acc > now_raw  # the worth is monotone in the raw sum
        if how in ("sum", "max"):
            return more
        cand = np.flatnonzero(more)
        more[cand] = _worth(how, acc[cand], scale) > now[cand]
        return more

    def walk(
        t: tuple[int, ...], acc: npt.NDArray[Any], cost: int, start: int
    ) -> tuple[tuple[int, ...], list[int]] | None:
        nonlocal visited
        for k in range(start, len(useful)):
            p = useful[k]
            c = cost + icost[p]
            if c > ibudget:
                continue
            if how == "max":
                inner = np.maximum(acc, table[p])
                most = int(np.count_nonzero(np.maximum(inner, suffix[k + 1]) > now_raw))
            else:
                inner = acc + table[p]
                most = int(np.count_nonzero(inner + suffix[k + 1] > now_raw))
            if not is_large_enough(most, n, c, ibudget):
                continue  # no extension of this set finds enough voters to pay for it
            visited += 1
            if visited > limit:
                raise _Stop
            tp = (*t, p)
            group = np.flatnonzero(better(inner)).tolist()
            if group and is_large_enough(len(group), n, c, ibudget):
                return tp, group
            found = walk(tp, inner, c, k + 1)
            if found is not None:
                return found
        return None

    try:
        found = walk((), zero, 0, 0) if n else None
    except _Stop:
        return Certificate(
            "core",
            None,
            f"undecided: the search visited {limit} project sets without finding a blocking "
            "coalition (raise limit)",
            examined=limit,
        )
    if found is None:
        return Certificate(
            "core",
            True,
            f"no group of voters can pay, from its share of the budget, for projects every "
            f"member prefers to the outcome ({visited} project sets examined)",
            examined=visited,
        )
    t, group = found
    cost = sum((costs[p] for p in t), Fraction(0))
    share = Fraction(len(group)) * budget / n
    ids = tuple(election.project_ids[p] for p in t)
    reason = (
        f"{len(group)} voters each prefer {{{', '.join(ids)}}} costing {plain_fraction(cost)}, "
        f"within their share {plain_fraction(share)} of the budget, to the outcome"
    )
    numbers = (
        ("group_size", str(len(group))),
        ("voters", str(n)),
        ("budget", plain_fraction(budget)),
        ("share", plain_fraction(share)),
        ("cost_T", plain_fraction(cost)),
    )
    return Certificate("core", False, reason, tuple(group), ids, numbers, visited)


# --------------------------------------------------------------------------- MES: losses, support


@attrs.frozen
class _Round:
    selected: int | None
    rho: Fraction
    before: list[Fraction]
    after: list[Fraction]
    dropped: list[int]


@attrs.frozen
class _Groups:
    """Voters with the same supported (project, utility) list, for an exact MES trace."""

    mult: list[int]
    sup: list[list[tuple[int, Fraction]]]  # per project: (group, satisfaction)
    total: list[Fraction]
    costs: list[Fraction]
    candidates: list[int]
    rank: list[int]


def _groups(election: Election, sat: str) -> _Groups:
    prep = prepare(election, sat)
    n = election.n_voters
    per_voter: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for p in range(election.n_projects):
        lo, hi = int(prep.pptr[p]), int(prep.pptr[p + 1])
        for v, u in zip(prep.voter[lo:hi].tolist(), prep.uint[lo:hi].tolist(), strict=True):
            per_voter[v].append((p, u))
    keys: dict[tuple[tuple[int, int], ...], int] = {}
    for entries in per_voter:
        key = tuple(entries)
        keys[key] = keys.get(key, 0) + 1
    mult = list(keys.values())
    sup: list[list[tuple[int, Fraction]]] = [[] for _ in range(election.n_projects)]
    for g, key in enumerate(keys):
        for p, u in key:
            sup[p].append((g, u * prep.factor[p]))
    return _Groups(
        mult,
        sup,
        list(prep.total),
        list(prep.costs),
        list(prep.candidates),
        tie_keys(election, "lexico"),
    )


def _trace(g: _Groups, share: Fraction, skip: int | None) -> list[_Round]:
    """Every round of MES (pabutools' lazy order), exactly; the last one selects nothing."""
    budget = [share] * len(g.mult)
    stale = {i: g.costs[i] / g.total[i] for i in g.candidates if i != skip}
    active = list(stale)
    rounds: list[_Round] = []
    while True:
        active.sort(key=lambda i: (stale[i], g.rank[i]))
        best: Fraction | None = None
        tied: list[int] = []
        dropped: list[int] = []
        for i in active:  # as pabutools: a project is dropped before the order can stop the scan
            cost = g.costs[i]
            if sum(g.mult[k] * budget[k] for k, _ in g.sup[i]) < cost:
                dropped.append(i)
                continue
            if best is not None and stale[i] > best:
                break
            order = sorted(g.sup[i], key=lambda ku: budget[ku[0]] / ku[1])
            paid, denom, rho = Fraction(0), g.total[i], Fraction(0)
            for k, u in order:
                rho = (cost - paid) / denom
                if rho * u <= budget[k]:
                    break
                paid += g.mult[k] * budget[k]
                denom -= g.mult[k] * u
            stale[i] = rho
            if best is None or rho < best:
                best, tied = rho, [i]
            elif rho == best:
                tied.append(i)
        for i in dropped:
            active.remove(i)
        before = list(budget)
        if best is None:
            rounds.append(_Round(None, Fraction(0), before, before, sorted(dropped)))
            return rounds
        i = min(tied, key=lambda t: g.rank[t])
        for k, u in g.sup[i]:
            budget[k] -= min(budget[k], best * u)
        active.remove(i)
        rounds.append(_Round(i, best, before, list(budget), sorted(dropped)))


def _mes_sat(election: Election, sat: str | None) -> str:
    name = _sat(election, sat)
    if name in NOT_ADDITIVE:
        raise invalid(
            "sat", f"{name!r} is not additive: the Method of Equal Shares needs an additive one"
        )
    return name


@shows
@attrs.frozen
class ProjectLoss:
    """What a project's supporters held when MES decided it, and what they had spent before.

    Parameters
    ----------
    project : str
        The project id.
    funded : bool
        Whether MES bought it.
    step : int
        For a funded project, the round that bought it (its supporters' money is
        counted before that round's purchase); otherwise the round after whose
        purchase its supporters could no longer pay for it (0: before any), or the
        last round.
    supporters_budget : Fraction
        What its supporters held together then (pabutools ``supporters_budget``).
    budget_lost : tuple of (str, Fraction)
        What its supporters had spent on each project bought before, in the
        order bought (``budget_lost``); a project they helped buy for nothing
        has 0.

    Examples
    --------
    >>> loss = ProjectLoss("b", False, 1, Fraction(10), (("a", Fraction(30)),))
    >>> loss.total_lost
    Fraction(30, 1)

    See Also
    --------
    project_losses : makes them.
    """

    project: str
    funded: bool
    step: int
    supporters_budget: Fraction
    budget_lost: tuple[tuple[str, Fraction], ...]

    @property
    def total_lost(self) -> Fraction:
        """Everything its supporters spent before (pabutools ``total_budget_lost``).

        Examples
        --------
        >>> ProjectLoss("b", True, 2, Fraction(5), (("a", Fraction(1)), ("c", Fraction(2)))).total_lost
        Fraction(3, 1)
        """
        return sum((x for _, x in self.budget_lost), Fraction(0))


def project_losses(election: Election, sat: str | None = None) -> tuple[ProjectLoss, ...]:
    """For every project MES considers, its supporters' money and what they had spent before.

    The Method of Equal Shares is counted exactly (voters holding ``b / n``,
    pabutools' lexicographic tie-breaking, no completion). Each round's bought
    project comes first, with its supporters' money before the purchase; then the
    projects whose supporters could no longer pay for them in that round, with
    their money after it; the projects left at the end come with the final money
    (pabutools ``calculate_project_loss`` on the rounds that buy a project).
    Projects that cost 0 or that no one supports are not considered.

    Parameters
    ----------
    election : Election
        The vote.
    sat : str, optional
        An additive satisfaction (default: `civicgrants.pb.election.default_sat()`).

    Returns
    -------
    tuple of ProjectLoss
        In the order MES decided them (within a round, in project order).

    Raises
    ------
    ValidationError
        A satisfaction that does not fit the ballots or is not additive.

    Examples
    --------
    >>> from civicgrants.pb import Election
    >>> e = Election.from_ballots({"a": 60, "b": 40}, [["a"], ["a", "b"], ["b"]], budget=100)
    >>> for loss in project_losses(e):
    ...     print(loss.project, loss.funded, loss.step, loss.supporters_budget, loss.budget_lost)
    a True 1 200/3 ()
    b False 1 110/3 (('a', Fraction(30, 1)),)

    See Also
    --------
    effective_supports : how much of each project's cost its supporters could cover.
    civicgrants.pb.rules.equal_shares.equal_shares : the rule.
    """
    name = _mes_sat(election, sat)
    n = election.n_voters
    if n == 0:
        return ()
    g = _groups(election, name)
    rounds = _trace(g, Fraction(election.budget) / n, None)
    ids = election.project_ids
    spent: list[list[tuple[int, Fraction]]] = [[] for _ in g.mult]  # per group: (project, amount)
    out: list[ProjectLoss] = []

    def entry(p: int, funded: bool, step: int, money: list[Fraction]) -> ProjectLoss:
        lost: dict[int, Fraction] = {}
        for k, _ in g.sup[p]:
            for q, x in spent[k]:
                lost[q] = lost.get(q, Fraction(0)) + x * g.mult[k]
        held = sum((money[k] * g.mult[k] for k, _ in g.sup[p]), Fraction(0))
        return ProjectLoss(ids[p], funded, step, held, tuple((ids[q], x) for q, x in lost.items()))

    bought = [r for r in rounds if r.selected is not None]
    if not bought:
        return tuple(entry(p, False, 0, rounds[-1].after) for p in rounds[-1].dropped)
    for step, r in enumerate(rounds, start=1):
        if r.selected is None:
            for p in r.dropped:
                out.append(entry(p, False, step - 1, r.after))
            continue
        out.append(entry(r.selected, True, step, r.before))
        for k, _ in g.sup[r.selected]:
            spent[k].append((r.selected, r.before[k] - r.after[k]))
        for p in r.dropped:
            out.append(entry(p, False, step, r.after))
    return tuple(out)


@shows
@attrs.frozen
class EffectiveSupport:
    """How much of a project's cost its supporters could cover in MES, in percent.

    Counting MES without the project, after each round's purchase its supporters
    would pay for it at that round's price (each at most what they hold then), and at the end
    everything they hold; the most of these, as a whole percentage of its cost
    (rounded down), is its effective support; at least 100 when MES funds it
    (pabutools ``calculate_effective_support``).

    Parameters
    ----------
    project : str
        The project id.
    funded : bool
        Whether MES funds it.
    percent : int or None
        The effective support; None for a project MES does not consider (it
        costs 0, or no one supports it).

    Examples
    --------
    >>> EffectiveSupport("a", True, 150).percent
    150

    See Also
    --------
    effective_supports : makes them.
    """

    project: str
    funded: bool
    percent: int | None


def effective_supports(election: Election, sat: str | None = None) -> tuple[EffectiveSupport, ...]:
    """The effective support of every project in MES (pabutools ``calculate_effective_supports``).

    MES is counted once in full and once without each project it considers,
    exactly (voters holding ``b / n``, lexicographic tie-breaking).

    Parameters
    ----------
    election : Election
        The vote.
    sat : str, optional
        An additive satisfaction (default: `civicgrants.pb.election.default_sat()`).

    Returns
    -------
    tuple of EffectiveSupport
        One per project, in project order.

    Raises
    ------
    ValidationError
        A satisfaction that does not fit the ballots or is not additive.

    Examples
    --------
    >>> from civicgrants.pb import Election
    >>> e = Election.from_ballots({"a": 60, "b": 40}, [["a"], ["a", "b"], ["b"]], budget=100)
    >>> [(s.project, s.funded, s.percent) for s in effective_supports(e)]
    [('a', True, 100), ('b', False, 91)]

    See Also
    --------
    project_losses : what each project's supporters had spent before.
    """
    name = _mes_sat(election, sat)
    n = election.n_voters
    ids = election.project_ids
    if n == 0:
        return tuple(EffectiveSupport(p, False, None) for p in ids)
    g = _groups(election, name)
    share = Fraction(election.budget) / n
    prep = prepare(election, name)
    funded = {r.selected for r in _trace(g, share, None) if r.selected is not None}
    funded |= set(prep.free)
    out: list[EffectiveSupport] = []
    for p in range(election.n_projects):
        if p not in g.candidates:
            out.append(EffectiveSupport(ids[p], p in funded, None))
            continue
        best = 0
        cost = g.costs[p]
        for r in _trace(g, share, p):
            if r.selected is None:
                cover = sum((g.mult[k] * r.before[k] for k, _ in g.sup[p]), Fraction(0))
            else:
                cover = sum(
                    (g.mult[k] * min(r.after[k], r.rho * u) for k, u in g.sup[p]), Fraction(0)
                )
            best = max(best, math.floor(cover * 100 / cost))
        if p in funded:
            best = max(best, 100)
        out.append(EffectiveSupport(ids[p], p in funded, best))
    return tuple(out)
