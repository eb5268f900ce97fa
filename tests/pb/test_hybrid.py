"""The commission's shortlist goes to the residents; their vote decides the order."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.datasets.synthetic_round import synthetic_round
from civicgrants.errors import ValidationError
from civicgrants.model.programme import Override, OverrideDecision
from civicgrants.pb import (
    Election,
    count_shortlist,
    equal_shares,
    greedy,
    shortlist,
    shortlist_election,
)
from civicgrants.scoring import decide


@pytest.fixture(scope="module")
def round_():
    call, sheet = synthetic_round()
    # a pass mark of 60 points and one withdrawn application shorten the ballot
    withdrawn = call.applications[0].id
    call = attrs.evolve(
        call,
        overall_threshold=Decimal(60),
        overrides=(Override(withdrawn, OverrideDecision.NOT_FUND, "the land plot was refused"),),
    )
    return decide(call, sheet), withdrawn


def test_ballot_is_the_eligible_in_rank_order(round_):
    decision, withdrawn = round_
    listed = shortlist(decision)
    entries = {e.application: e for e in decision.entries}
    assert withdrawn not in listed
    assert all(entries[a].outcome.value != "below_threshold" for a in listed)
    below = [e.application for e in decision.entries if e.outcome.value == "below_threshold"]
    assert below and not set(below) & set(listed)
    ranks = [entries[a].rank for a in listed]
    assert ranks == sorted(ranks)


def test_vote_decides_the_order(round_):
    decision, withdrawn = round_
    listed = shortlist(decision)
    last, second_last = listed[-1], listed[-2]
    # residents love the commission's two lowest-ranked applications
    ballots = [[last]] * 30 + [[second_last, last]] * 20 + [[listed[0]]] * 5
    election = shortlist_election(decision, ballots)
    result = count_shortlist(decision, election, rule="greedy")
    assert result.vote.selected[:2] == (last, second_last)
    assert result.vote.selected == greedy(election).selected
    assert count_shortlist(decision, election).vote.selected == equal_shares(election).selected
    assert result.funded_total.amount == result.vote.cost <= decision.pot.amount
    assert set(result.decisions) == set(decision.application_ids)
    assert result.decisions[withdrawn] == "not_on_ballot"
    assert result.reasons[withdrawn] == "withdrawn by the commission: the land plot was refused"
    below = next(e for e in decision.entries if e.outcome.value == "below_threshold")
    assert result.decisions[below.application] == "not_on_ballot"
    assert result.reasons[below.application].startswith("below the commission's threshold")


def test_ballots_off_the_shortlist_are_located_errors(round_):
    decision, withdrawn = round_
    listed = shortlist(decision)
    with pytest.raises(ValidationError) as err:
        shortlist_election(decision, [[listed[0]], [withdrawn, "nobody"]])
    assert [str(p) for p in err.value.problems] == [
        f"ballots[1]: {withdrawn!r} is not on the ballot",
        "ballots[1]: 'nobody' is not an application of the call",
    ]


def test_a_vote_on_other_projects_costs_or_budget_is_refused(round_):
    decision, _ = round_
    listed = shortlist(decision)
    grants = {e.application: e.grant.amount for e in decision.entries}
    costs = {a: grants[a] for a in listed}
    wrong_cost = Election.from_ballots({**costs, listed[0]: 1}, [], budget=decision.pot.amount)
    with pytest.raises(ValidationError, match=rf"projects\[{listed[0]}\]\.cost: must be the grant"):
        count_shortlist(decision, wrong_cost)
    wrong_budget = Election.from_ballots(costs, [], budget=1)
    with pytest.raises(ValidationError, match="budget: must be the call's pot"):
        count_shortlist(decision, wrong_budget)
    short = Election.from_ballots(dict(list(costs.items())[1:]), [], budget=decision.pot.amount)
    with pytest.raises(ValidationError, match="on the ballot but not in the vote"):
        count_shortlist(decision, short)


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_funded_total_never_exceeds_the_pot(round_, data):
    decision, _ = round_
    listed = shortlist(decision)
    ballots = data.draw(
        st.lists(st.lists(st.sampled_from(listed), unique=True, max_size=5), max_size=40)
    )
    rule = data.draw(st.sampled_from(["greedy", "mes"]))
    result = count_shortlist(decision, shortlist_election(decision, ballots), rule=rule)
    assert result.funded_total <= decision.pot
    assert set(result.vote.selected) <= set(listed)
