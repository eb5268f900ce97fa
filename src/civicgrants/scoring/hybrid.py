"""Hybrid selection: the commission decides who is on the ballot, the residents decide the order.

The commission's thresholds (per criterion and overall) and its ``not_fund``
overrides decide which applications reach the ballot: everything
:func:`~civicgrants.scoring.decide` did not mark ``below_threshold`` and the
commission did not withdraw. The residents' vote then decides what is funded,
and in which order, with the greedy rule or the Method of Equal Shares; each
project costs its grant (``min(requested, max_grant)``) and the vote's budget is
the call's pot.

:func:`ballot_election` builds that vote from plain ballots;
:func:`hybrid` counts it and says, for every application, why it was funded,
not funded, or never on the ballot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from civicgrants.errors import Problem, ValidationError
from civicgrants.model.money import Money
from civicgrants.model.programme import OverrideDecision
from civicgrants.scoring.commission import ApplicationDecision, CommissionDecision, Verdict
from civicgrants.scoring.vote import Election, equal_shares, greedy
from civicgrants.scoring.vote import Outcome as VoteOutcome

__all__ = ["HybridResult", "ballot", "ballot_election", "hybrid"]


def ballot(decision: CommissionDecision) -> tuple[str, ...]:
    """The applications the commission puts to the residents, in its rank order.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import decide
    >>> len(ballot(decide(*synthetic_round())))
    53
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


def ballot_election(
    decision: CommissionDecision,
    ballots: Sequence[Sequence[str]] | Sequence[Mapping[str, int]],
    *,
    vote_type: str | None = None,
) -> Election:
    """The residents' vote on the commission's shortlist: costs are grants, the budget the pot.

    A ballot naming an application that is not on the shortlist is an error
    (located by ballot), never silently dropped.
    """
    shortlist = ballot(decision)
    grants = {e.application: e.grant.amount for e in decision.entries}
    allowed = set(shortlist)
    problems = []
    for v, b in enumerate(ballots):
        for p in b:
            if p not in allowed:
                why = "is not on the ballot" if p in grants else "is not an application of the call"
                problems.append(Problem(f"ballots[{v}]", f"{p!r} {why}"))
    if problems:
        raise ValidationError(problems)
    return Election.from_ballots(
        {a: grants[a] for a in shortlist},
        ballots,
        budget=decision.pot.amount,
        vote_type=vote_type,  # type: ignore[arg-type]
    )


@attrs.frozen
class HybridResult:
    """What the residents funded from the commission's shortlist, and why.

    ``decisions`` maps every application of the call to ``funded``,
    ``not_funded`` or ``not_on_ballot``; ``reasons`` says why, in English.
    """

    shortlist: tuple[str, ...]
    vote: VoteOutcome
    granted: Mapping[str, Money]
    decisions: Mapping[str, str]
    reasons: Mapping[str, str]
    funded_total: Money


def hybrid(
    decision: CommissionDecision,
    election: Election,
    *,
    rule: str = "mes",
    sat: str | None = None,
    completion: str | None = None,
) -> HybridResult:
    """Count the residents' vote on the commission's shortlist.

    The election's projects must be exactly the shortlist (:func:`ballot`),
    each costing its grant, and its budget must be the call's pot; anything
    else is a located error.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import decide
    >>> d = decide(*synthetic_round())
    >>> first, second = ballot(d)[:2]
    >>> e = ballot_election(d, [[second], [second, first], [second]])
    >>> result = hybrid(d, e, rule="greedy")
    >>> result.vote.selected[:2] == (second, first)
    True
    """
    shortlist = ballot(decision)
    entries = {e.application: e for e in decision.entries}
    problems = []
    if set(election.project_ids) != set(shortlist):
        extra = sorted(set(election.project_ids) - set(shortlist))
        missing = sorted(set(shortlist) - set(election.project_ids))
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
    if rule == "greedy":
        if completion is not None:
            raise ValueError("completion: only the Method of Equal Shares has completions")
        vote = greedy(election, sat)
    elif rule == "mes":
        vote = equal_shares(election, sat, completion=completion)
    else:
        raise ValueError(f"rule: must be 'greedy' or 'mes', got {rule!r}")
    currency = decision.currency
    funded = set(vote.selected)
    granted = {
        a: Money(entries[a].grant.amount if a in funded else Decimal(0), currency)
        for a in decision.application_ids
    }
    decisions: dict[str, str] = {}
    reasons: dict[str, str] = {}
    on_ballot = set(shortlist)
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
    return HybridResult(shortlist, vote, granted, decisions, reasons, total)
