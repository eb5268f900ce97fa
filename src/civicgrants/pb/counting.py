"""Counting a vote as one call: `count()` (the ``pb`` command) and `compare()` (the demo).

`count()` runs one rule and returns a `VoteCount`: the election's
facts a reader needs, the `Outcome` and the
voters' `SatisfactionSummary`.
`compare()` counts one election with both rules and says, for each project
only one of them funds, why the other skipped it. Their text and JSON are
`civicgrants.io.views.pb`.

Examples
--------
>>> from civicgrants.pb.election import Election
>>> e = Election.from_ballots({"big": 80, "s1": 30}, [["big"]] * 4 + [["s1"]], budget=100)
>>> count(e, rule="mes").outcome.selected
('big',)
>>> c = compare(Election.from_ballots({"a": 60, "b": 50, "c": 40},
...                                   [["a"], ["a"], ["b", "c"], ["c"]], budget=100))
>>> [(d.project, d.skipped_by) for d in c.differences]
[('a', 'mes')]
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from civicgrants.model.display import frame, shows
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.progress import Progress, report
from civicgrants.pb.certificates import Certificates, check
from civicgrants.pb.election import Election, invalid
from civicgrants.pb.outcome import Outcome
from civicgrants.pb.rules.cstv import cstv
from civicgrants.pb.rules.equal_shares import COMPLETIONS, equal_shares
from civicgrants.pb.rules.greedy import greedy
from civicgrants.pb.rules.max_welfare import max_welfare
from civicgrants.pb.rules.maximin_support import maximin_support
from civicgrants.pb.rules.pb_ear import pb_ear
from civicgrants.pb.rules.phragmen import phragmen
from civicgrants.pb.satisfaction import SatisfactionSummary, satisfaction_summary

__all__ = [
    "RULES",
    "Comparison",
    "Difference",
    "VoteCount",
    "check_rule",
    "compare",
    "count",
    "run_rule",
]

RULES: tuple[str, ...] = (
    "greedy",
    "mes",
    "phragmen",
    "max_welfare",
    "maximin_support",
    "cstv",
    "pb_ear",
)
"""The rules `count()` runs: the utilitarian greedy rule, the Method of Equal Shares,
sequential Phragmén, the maximum (additive utilitarian) welfare, maximin support, CSTV
(cumulative ballots) and PB-EAR (ordinal ballots)."""


def check_rule(rule: str, completion: str | None) -> None:
    """Raise a clear error unless ``rule`` is known and ``completion`` applies to it.

    Parameters
    ----------
    rule : str
        One of `RULES`.
    completion : str or None
        A completion of MES (`COMPLETIONS`);
        only ``mes`` has completions.

    Raises
    ------
    ValidationError
        An unknown rule or completion, or a completion with the greedy rule.

    Examples
    --------
    >>> check_rule("mes", "add1")
    >>> check_rule("greedy", "add1")
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: completion: add1 applies to the rule mes only, not greedy

    See Also
    --------
    run_rule : counts with the rule once it is checked.
    RULES : the rules.
    civicgrants.pb.rules.equal_shares.COMPLETIONS : the completions of MES.
    """
    if rule not in RULES:
        raise invalid("rule", f"must be one of {', '.join(RULES)}, got {rule!r}")
    if completion not in COMPLETIONS:
        raise invalid(
            "completion", f"must be one of {', '.join(map(str, COMPLETIONS))}, got {completion!r}"
        )
    if rule != "mes" and completion is not None:
        raise invalid("completion", f"{completion} applies to the rule mes only, not {rule}")


def run_rule(
    election: Election,
    rule: str,
    sat: str | None = None,
    *,
    completion: str | None = None,
    tie_break: str = "lexico",
    progress: Progress | None = None,
    initial: Sequence[str] = (),
    details: bool = False,
    seed: int | None = None,
    exhaustive_stop: bool = True,
    integral: bool = False,
) -> Outcome:
    """Count ``election`` with the rule named ``rule`` (one of `RULES`).

    Parameters
    ----------
    election : Election
        The vote.
    rule : str
        One of `RULES`.
    sat : str, optional
        The satisfaction; by default the ballots' own.
    completion : str, optional
        A completion of MES.
    tie_break : str
        How ties are broken (default ``lexico``; ``refuse`` raises `TieRefused`
        at a tie).
    progress : Progress, optional
        Called as ``progress(spent, budget)`` as the count goes (whole units of
        the budget's currency; a bar on a terminal, say); the outcome does not
        depend on it.
    initial : sequence of str
        Projects funded beforehand; the rule fills the rest of the budget
        (pabutools ``initial_budget_allocation``).
    details : bool
        MES only: record every purchase with each voter's money after it
        (``Outcome.details``).
    seed : int, optional
        The lot's seed for ``tie_break="equalshares"`` (MES only).
    exhaustive_stop, integral : bool
        The ``add1`` options of `equal_shares()`.

    Returns
    -------
    Outcome
        What the rule funded, in order, and why.

    Raises
    ------
    ValidationError
        See `check_rule()`; also a satisfaction that does not fit the ballots,
        an unknown tie-break or ``initial`` project, or ``details`` with a rule
        other than ``mes``.

    Examples
    --------
    >>> e = Election.from_ballots({"a": 2, "b": 1}, [["a"], ["b"]], budget=2)
    >>> run_rule(e, "greedy").selected
    ('a',)

    See Also
    --------
    count : the same count with the election's facts and the voters' satisfaction.
    civicgrants.pb.rules.greedy.greedy : the rule ``greedy``.
    civicgrants.pb.rules.equal_shares.equal_shares : the rule ``mes``.
    """
    check_rule(rule, completion)
    if details and rule != "mes":
        raise invalid("details", f"round details are recorded by the rule mes only, not {rule}")
    if tie_break == "equalshares" and rule != "mes":
        raise invalid("tie_break", f"equalshares breaks the ties of the rule mes only, not {rule}")
    if rule == "greedy":
        return greedy(election, sat, tie_break=tie_break, initial=initial)
    if rule == "max_welfare":
        return max_welfare(election, sat, tie_break=tie_break, initial=initial)
    if rule == "phragmen":
        if sat not in (None, "cardinality"):
            raise invalid("sat", f"sequential Phragmén counts approvals (cardinality), not {sat}")
        return phragmen(election, tie_break=tie_break, initial=initial)
    if rule == "cstv":
        if sat not in (None, "points"):
            raise invalid("sat", f"CSTV counts the points given, not {sat}")
        return cstv(election, tie_break=tie_break)
    if rule == "pb_ear":
        if sat not in (None, "cardinality"):
            raise invalid("sat", f"PB-EAR counts ranked approvals (cardinality), not {sat}")
        return pb_ear(election, tie_break=tie_break, initial=initial)
    if rule == "maximin_support":
        if sat not in (None, "cardinality"):
            raise invalid("sat", f"maximin support counts approvals (cardinality), not {sat}")
        return maximin_support(election, tie_break=tie_break, initial=initial)
    return equal_shares(
        election,
        sat,
        completion=completion,
        tie_break=tie_break,
        initial=initial,
        details=details,
        seed=seed,
        exhaustive_stop=exhaustive_stop,
        integral=integral,
        progress=progress,
    )


@shows
@attrs.frozen
class VoteCount:
    """One counted vote: the election's facts, the outcome, and how satisfied the voters are.

    Parameters
    ----------
    project_ids : tuple of str
        Every project, in file order.
    costs : tuple of Decimal
        Their exact costs (in the file's units), aligned with ``project_ids``.
    n_voters : int
        The number of ballots.
    vote_type : str
        ``approval``, ``cumulative``, ``ordinal`` or ``scoring``.
    outcome : Outcome
        What the rule funded and why.
    satisfaction : SatisfactionSummary
        The voters' satisfaction with the funded projects (the outcome's ``sat``).
    findings : tuple of Finding
        Where the file the election was read from breaks its own META
        (`Election.findings`):
        the count was made, but on a file that contradicts itself.
    certificates : Certificates or None
        The proportionality certificates of the outcome, when asked for
        (``count(..., checks=...)``).

    Examples
    --------
    >>> e = Election.from_ballots({"a": 2, "b": 1}, [["a"], ["b"]], budget=2)
    >>> vc = count(e)
    >>> vc.n_projects, vc.cost_of("a"), vc.has_errors, vc.findings
    (2, Decimal('2'), False, ())

    See Also
    --------
    count : makes one.
    civicgrants.io.views.pb.vote_count_text : its text.
    civicgrants.io.views.pb.vote_count_data : its JSON.
    """

    project_ids: tuple[str, ...]
    costs: tuple[Decimal, ...]
    n_voters: int
    vote_type: str
    outcome: Outcome
    satisfaction: SatisfactionSummary
    findings: tuple[Finding, ...] = ()
    certificates: Certificates | None = None

    @property
    def n_projects(self) -> int:
        """The number of projects.

        Examples
        --------
        >>> count(Election.from_ballots({"a": 2, "b": 1}, [["a"]], budget=2)).n_projects
        2
        """
        return len(self.project_ids)

    @property
    def has_errors(self) -> bool:
        """Whether a finding is an error: the file breaks its own META (the command exits 1).

        Examples
        --------
        >>> count(Election.from_ballots({"a": 2}, [["a"]], budget=1)).has_errors
        False
        """
        return any(f.severity is Severity.ERROR for f in self.findings)

    def cost_of(self, project: str) -> Decimal:
        """The exact cost of ``project``.

        Parameters
        ----------
        project : str
            A project id.

        Returns
        -------
        Decimal
            Its cost, in the file's units.

        Raises
        ------
        ValueError
            An unknown project id.

        Examples
        --------
        >>> vc = count(Election.from_ballots({"a": "2.50", "b": 1}, [["a"]], budget=3))
        >>> vc.cost_of("a")
        Decimal('2.50')

        See Also
        --------
        civicgrants.pb.election.Election.costs : every project's cost.
        """
        return self.costs[self.project_ids.index(project)]

    FRAME_COLUMNS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("project", "str"),
        ("cost", "number"),
        ("selected", "bool"),
    )
    """The columns of `to_frame()`: (name, kind) pairs (see `civicgrants.model.display`)."""

    def to_frame(self, exact: bool = False) -> Any:
        """The projects and whether the count funded them, as a pandas DataFrame.

        Columns (`FRAME_COLUMNS`): ``project`` (a string); ``cost``
        (``float64``, or exact ``Decimal`` objects with ``exact=True``);
        ``selected`` (``bool``). Needs the ``frames`` extra.

        Parameters
        ----------
        exact : bool, optional
            Costs as exact ``Decimal`` objects instead of floats.

        Returns
        -------
        pandas.DataFrame
            One row per project, in the election's order.

        Raises
        ------
        civicgrants.errors.MissingExtra
            pandas is not installed.

        Examples
        --------
        >>> from civicgrants.pb.election import Election
        >>> e = Election.from_ballots({"a": 1, "b": 1}, [["a"], ["a"], ["b"]], budget=1)
        >>> count(e).to_frame()["selected"].tolist()
        [True, False]
        """
        chosen = set(self.outcome.selected)
        return frame(
            self.FRAME_COLUMNS,
            ((p, c, p in chosen) for p, c in zip(self.project_ids, self.costs, strict=True)),
            exact=exact,
        )


def count(
    election: Election,
    *,
    rule: str = "greedy",
    sat: str | None = None,
    completion: str | None = None,
    tie_break: str = "lexico",
    progress: Progress | None = None,
    checks: Sequence[str] = (),
    initial: Sequence[str] = (),
    details: bool = False,
    seed: int | None = None,
    exhaustive_stop: bool = True,
    integral: bool = False,
) -> VoteCount:
    """Count a residents' vote with one rule: what the ``civicgrants pb`` command prints.

    Parameters
    ----------
    election : Election
        The vote (e.g. from `civicgrants.io.pabulib.read_pb()`).
    rule : {"greedy", "mes", "phragmen", "max_welfare", "maximin_support", "cstv", "pb_ear"}
        The utilitarian greedy rule, the Method of Equal Shares, sequential
        Phragmén (approval votes; its satisfaction is ``cardinality``), the
        exact maximum welfare, CSTV (cumulative votes; ``points``) or PB-EAR
        (ordinal votes; ``cardinality``).
    sat : str, optional
        The satisfaction (``cost``, ``cardinality``, ``points``, ``borda``); by
        default the ballots' own.
    completion : str, optional
        A completion of MES (``add1``, ``utilitarian``, ``add1_utilitarian``).
    tie_break : str
        ``lexico`` (default, as pabutools), ``min_cost``, ``max_cost`` or ``app_score``.
    progress : Progress, optional
        Called as ``progress(spent, budget)`` as the count goes (whole units of
        the budget's currency; a bar on a terminal, say); the outcome does not
        depend on it.
    checks : sequence of str, optional
        Proportionality certificates of the outcome to decide, from
        `civicgrants.pb.certificates.CHECKS` (``ejr``, ``ejr1``, ``pjr``, ``ejr+``,
        ``priceability``); none by default.
    initial : sequence of str
        Projects funded beforehand (see `run_rule()`).
    details : bool
        MES only: record every purchase with each voter's money after it.
    seed : int, optional
        The lot's seed for ``tie_break="equalshares"``.
    exhaustive_stop, integral : bool
        The ``add1`` options of `equal_shares()`.

    Returns
    -------
    VoteCount
        The election's facts, the outcome, the voters' satisfaction with it and
        the election's findings (where its file breaks its own META).

    Raises
    ------
    ValidationError
        An unknown rule, completion, satisfaction or tie-break, a completion with
        the greedy rule, or a satisfaction that does not fit the ballots.

    Examples
    --------
    >>> e = Election.from_ballots({"big": 80, "s1": 30}, [["big"]] * 4 + [["s1"]], budget=100)
    >>> vc = count(e)
    >>> vc.outcome.selected, vc.satisfaction.full, vc.satisfaction.zero
    (('big',), 4, 1)

    See Also
    --------
    compare : both rules on one election.
    civicgrants.io.render.render : its text and JSON.
    """
    outcome = run_rule(
        election,
        rule,
        sat,
        completion=completion,
        tie_break=tie_break,
        progress=progress,
        initial=initial,
        details=details,
        seed=seed,
        exhaustive_stop=exhaustive_stop,
        integral=integral,
    )
    report(progress, int(election.budget), int(election.budget))  # counted
    return VoteCount(
        project_ids=election.project_ids,
        costs=election.costs,
        n_voters=election.n_voters,
        vote_type=election.vote_type,
        outcome=outcome,
        satisfaction=satisfaction_summary(election, outcome),
        findings=election.findings,
        certificates=check(election, outcome, checks) if checks else None,
    )


@shows
@attrs.frozen
class Difference:
    """A project only one rule funds, and why the other rule skipped it.

    Parameters
    ----------
    project : str
        The project id.
    skipped_by : str
        The rule that did not fund it (``greedy`` or ``mes``).
    reason : str
        That rule's reason.

    Examples
    --------
    >>> Difference("a", "mes", "supporters hold 20, less than the cost 30").skipped_by
    'mes'

    See Also
    --------
    Comparison : holds the differences of two outcomes.
    compare : finds them.
    """

    project: str
    skipped_by: str
    reason: str


@shows
@attrs.frozen
class Comparison:
    """The greedy rule against the Method of Equal Shares on one election.

    Parameters
    ----------
    n_voters, n_projects : int
        The election's size.
    vote_type : str
        ``approval``, ``cumulative``, ``ordinal`` or ``scoring``.
    budget : Decimal
        The election's budget (in the file's units).
    greedy, equal_shares : Outcome
        The two outcomes.
    differences : tuple of Difference
        First the projects only greedy funds (why MES skipped each), then the
        projects only MES funds (why greedy skipped each), in selection order.

    Examples
    --------
    >>> e = Election.from_ballots({"a": 2, "b": 1}, [["a"], ["b"]], budget=2)
    >>> compare(e).has_errors
    False

    See Also
    --------
    compare : makes one.
    civicgrants.io.views.pb.comparison_text : its text (the demo's vote step).
    civicgrants.io.views.pb.comparison_data : its JSON.
    """

    n_voters: int
    n_projects: int
    vote_type: str
    budget: Decimal
    greedy: Outcome
    equal_shares: Outcome
    differences: tuple[Difference, ...]

    @property
    def has_errors(self) -> bool:
        """Always false: a comparison has no findings.

        Examples
        --------
        >>> compare(Election.from_ballots({"a": 2}, [["a"]], budget=2)).has_errors
        False
        """
        return False


def _skip_reason(outcome: Outcome, project: str) -> str:
    return next(d.reason for d in outcome.explain(project) if not d.selected)


def compare(election: Election, *, sat: str | None = None, tie_break: str = "lexico") -> Comparison:
    """Count ``election`` with both rules and explain where they differ (the demo's vote step).

    Parameters
    ----------
    election : Election
        The vote.
    sat : str, optional
        The satisfaction, for both rules; by default the ballots' own.
    tie_break : str
        How ties are broken (default ``lexico``).

    Returns
    -------
    Comparison
        Both outcomes and, for each project only one rule funds, why the other
        skipped it.

    Raises
    ------
    ValidationError
        A satisfaction that does not fit the ballots or an unknown tie-break.

    Examples
    --------
    >>> e = Election.from_ballots({"big": 80, "s1": 30}, [["big"]] * 4 + [["s1"]], budget=100)
    >>> c = compare(e)
    >>> c.greedy.selected, c.equal_shares.selected, c.differences
    (('big',), ('big',), ())

    See Also
    --------
    count : one rule.
    Difference : a project only one rule funds.
    """
    g = greedy(election, sat, tie_break=tie_break)
    m = equal_shares(election, sat, tie_break=tie_break)
    differences = [
        Difference(p, "mes", _skip_reason(m, p)) for p in g.selected if p not in m.selected
    ] + [Difference(p, "greedy", _skip_reason(g, p)) for p in m.selected if p not in g.selected]
    return Comparison(
        n_voters=election.n_voters,
        n_projects=election.n_projects,
        vote_type=election.vote_type,
        budget=election.budget,
        greedy=g,
        equal_shares=m,
        differences=tuple(differences),
    )
