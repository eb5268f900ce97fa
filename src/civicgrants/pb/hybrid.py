"""Hybrid selection: the commission decides who is on the ballot, the residents decide the order.

The commission's thresholds (per criterion and overall) and its ``not_fund``
overrides decide which applications reach the ballot: everything
`decide()` did not mark ``below_threshold`` and the
commission did not withdraw (`shortlist()`). The residents' vote then decides
what is funded, and in which order, with the greedy rule or the Method of Equal
Shares; each project costs its grant (``min(requested, max_grant)``) and the
vote's budget is the call's pot.

`shortlist_election()` builds that vote from plain ballots;
`count_shortlist()` counts it and says, for every application, why it was
funded, not funded, or never on the ballot.

This is the one place where residents' votes read the commission's decision; it
imports only the `civicgrants.scoring` package's public names.

Examples
--------
>>> from civicgrants.datasets.synthetic_round import synthetic_round
>>> from civicgrants.scoring import decide
>>> d = decide(*synthetic_round())
>>> first, second = shortlist(d)[:2]
>>> count_shortlist(d, shortlist_election(d, [[second]]), rule="greedy").vote.selected[0] == second
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from civicgrants.errors import Problem, ValidationError
from civicgrants.model.display import shows
from civicgrants.model.money import Money
from civicgrants.model.programme import OverrideDecision
from civicgrants.pb.counting import run_rule
from civicgrants.pb.election import Election, VoteType
from civicgrants.pb.outcome import Outcome
from civicgrants.scoring import ApplicationDecision, CommissionDecision, Verdict

__all__ = ["HybridResult", "count_shortlist", "shortlist", "shortlist_election"]


def shortlist(decision: CommissionDecision) -> tuple[str, ...]:
    """The applications the commission puts to the residents, in its rank order.

    Parameters
    ----------
    decision : CommissionDecision
        The commission's decision on a call.

    Returns
    -------
    tuple of str
        Every application not below the thresholds and not withdrawn by a
        ``not_fund`` override, best rank first.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import decide
    >>> len(shortlist(decide(*synthetic_round())))
    53

    See Also
    --------
    shortlist_election : the residents' vote on the shortlist.
    count_shortlist : counts that vote.
    """
    ranked = [
        e
        for e in decision.entries
        if e.outcome is not Verdict.BELOW_THRESHOLD and not _withdrawn(e)
    ]
    ranked.sort(key=lambda e: (e.rank is None, e.rank or 0))
    return tuple(e.application for e in ranked)


def _withdrawn(entry: ApplicationDecision) -> bool:
    """Whether the commission took the application off the ballot by a not-fund override."""
    return entry.override is not None and entry.override.decision is OverrideDecision.NOT_FUND


def shortlist_election(
    decision: CommissionDecision,
    ballots: Sequence[Sequence[str]] | Sequence[Mapping[str, int]],
    *,
    vote_type: VoteType | None = None,
) -> Election:
    """The residents' vote on the commission's shortlist: costs are grants, the budget the pot.

    Parameters
    ----------
    decision : CommissionDecision
        The commission's decision.
    ballots : sequence
        Lists of application ids (approval, or ordinal with ``vote_type="ordinal"``)
        or ``{application: points}`` mappings (cumulative).
    vote_type : str, optional
        ``approval``, ``cumulative`` or ``ordinal``; by default read from the ballots.

    Returns
    -------
    Election
        One project per shortlisted application, in the commission's rank order,
        costing its grant; the budget is the call's pot.

    Raises
    ------
    ValidationError
        A ballot naming an application that is not on the shortlist (located by
        ballot; never silently dropped).

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import decide
    >>> d = decide(*synthetic_round())
    >>> shortlist_election(d, [[shortlist(d)[0]]]).budget == d.pot.amount
    True

    See Also
    --------
    shortlist : the applications on the ballot.
    count_shortlist : counts the vote.
    civicgrants.pb.election.Election.from_ballots : an election without a commission.
    """
    listed = shortlist(decision)
    grants = {e.application: e.grant.amount for e in decision.entries}
    allowed = set(listed)
    problems = []
    for v, b in enumerate(ballots):
        for p in b:
            if p not in allowed:
                why = "is not on the ballot" if p in grants else "is not an application of the call"
                problems.append(Problem(f"ballots[{v}]", f"{p!r} {why}"))
    if problems:
        raise ValidationError(problems)
    return Election.from_ballots(
        {a: grants[a] for a in listed},
        ballots,
        budget=decision.pot.amount,
        vote_type=vote_type,
    )


@shows
@attrs.frozen
class HybridResult:
    """What the residents funded from the commission's shortlist, and why.

    Parameters
    ----------
    shortlist : tuple of str
        The applications on the ballot, in the commission's rank order.
    vote : Outcome
        The residents' vote.
    granted : Mapping[str, Money]
        Every application's grant (zero when not funded).
    decisions : Mapping[str, str]
        Every application of the call: ``funded``, ``not_funded`` or ``not_on_ballot``.
    reasons : Mapping[str, str]
        Why, in English.
    funded_total : Money
        The funded grants together.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import decide
    >>> d = decide(*synthetic_round())
    >>> r = count_shortlist(d, shortlist_election(d, []))
    >>> r.vote.selected, r.funded_total.amount
    ((), Decimal('0.00'))

    See Also
    --------
    count_shortlist : makes one.
    civicgrants.pb.outcome.Outcome : the residents' vote it holds.
    """

    shortlist: tuple[str, ...]
    vote: Outcome
    granted: Mapping[str, Money]
    decisions: Mapping[str, str]
    reasons: Mapping[str, str]
    funded_total: Money


def count_shortlist(
    decision: CommissionDecision,
    election: Election,
    *,
    rule: str = "mes",
    sat: str | None = None,
    completion: str | None = None,
) -> HybridResult:
    """Count the residents' vote on the commission's shortlist.

    Parameters
    ----------
    decision : CommissionDecision
        The commission's decision.
    election : Election
        The vote: its projects must be exactly the shortlist (`shortlist()`),
        each costing its grant, and its budget the call's pot.
    rule : {"mes", "greedy"}
        The counting rule (default the Method of Equal Shares).
    sat : str, optional
        The satisfaction; by default the ballots' own.
    completion : str, optional
        A completion of MES.

    Returns
    -------
    HybridResult
        The vote, every application's grant, decision and reason, and the funded total.

    Raises
    ------
    ValidationError
        The election is not the vote on this shortlist (located), an unknown
        rule or completion, or a completion with the greedy rule.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import decide
    >>> d = decide(*synthetic_round())
    >>> first, second = shortlist(d)[:2]
    >>> e = shortlist_election(d, [[second], [second, first], [second]])
    >>> result = count_shortlist(d, e, rule="greedy")
    >>> result.vote.selected[:2] == (second, first)
    True

    See Also
    --------
    shortlist_election : builds the vote this counts.
    HybridResult : what the result holds.
    civicgrants.pb.counting.count : a vote without a commission.
    """
    listed = shortlist(decision)
    entries = {e.application: e for e in decision.entries}
    problems = []
    if set(election.project_ids) != set(listed):
        extra = sorted(set(election.project_ids) - set(listed))
        missing = sorted(set(listed) - set(election.project_ids))
        if extra:
            problems.append(Problem("projects", f"not on the commission's ballot: {extra}"))
        if missing:
            problems.append(Problem("projects", f"on the ballot but not in the vote: {missing}"))
    for p, cost in zip(election.project_ids, election.costs, strict=True):
        if p in entries and cost != entries[p].grant.amount:
            problems.append(
                Problem(f"projects[{p}].cost", f"must be the grant {entries[p].grant}, got {cost}")
            )
    if election.budget != decision.pot.amount:
        problems.append(
            Problem("budget", f"must be the call's pot {decision.pot}, got {election.budget}")
        )
    if problems:
        raise ValidationError(problems)
    vote = run_rule(election, rule, sat, completion=completion)
    currency = decision.currency
    funded = set(vote.selected)
    granted = {
        a: Money(entries[a].grant.amount if a in funded else Decimal(0), currency)
        for a in decision.application_ids
    }
    decisions: dict[str, str] = {}
    reasons: dict[str, str] = {}
    on_ballot = set(listed)
    for a in decision.application_ids:
        e = entries[a]
        if a not in on_ballot:
            decisions[a] = "not_on_ballot"
            reasons[a] = (
                f"withdrawn by the commission: {e.override.reason}"
                if e.override is not None and _withdrawn(e)
                else f"below the commission's threshold: {e.reason}"
            )
            continue
        explained = vote.explain(a)
        last = explained[-1].reason if explained else "no decision recorded"
        decisions[a] = "funded" if a in funded else "not_funded"
        reasons[a] = last
    total = Money.sum((granted[a] for a in vote.selected), currency)
    return HybridResult(listed, vote, granted, decisions, reasons, total)
