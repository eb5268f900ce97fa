"""A round as one graph: the references it refuses, with their paths (``dangling``)."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from civicgrants.agreement import terminate
from civicgrants.agreement.model import Decision, DecisionKind
from civicgrants.datasets.example_round import example_round
from civicgrants.errors import ValidationError
from civicgrants.model.money import Money
from civicgrants.pb import Election
from civicgrants.round import Round, dangling
from civicgrants.testing.agreement import regrant

ON_BALLOT = ("SYN-II-MAN-01", "SYN-II-MAN-02", "SYN-II-MAN-03", "SYN-II-MAN-04", "SYN-II-MAN-05")


@pytest.fixture(scope="module")
def r() -> Round:
    return example_round()


def ballots(r: Round, ids: tuple[str, ...] = ON_BALLOT) -> Election:
    costs = {a.id: a.requested for a in r.call.applications if a.id in ids}
    return Election.from_ballots(costs, [[ids[2], ids[0]], [ids[2]], [ids[1]]], budget=4_200_000)


def _problems(r: Round, **changes: object) -> list[str]:
    with pytest.raises(ValidationError) as info:
        attrs.evolve(r, **changes)
    return [str(p) for p in info.value.problems]


def test_an_agreement_that_is_its_own_parent(r: Round) -> None:
    a = attrs.evolve(r.agreements[0], parent=r.agreements[0].id, line="3.3.b")
    assert _problems(r, agreements=(a, *r.agreements[1:])) == [
        "agreements[SYN-GA-01].parent: the agreement is its own parent"
    ]


def test_agreements_whose_parents_form_a_cycle(r: Round) -> None:
    first, second, *rest = r.agreements
    a = attrs.evolve(first, parent=second.id, line="3.3.b")
    b = attrs.evolve(second, parent=first.id, line="3.3.b")
    assert _problems(r, agreements=(a, b, *rest)) == [
        "agreements[SYN-GA-01].parent: the parents form a cycle: SYN-GA-01 → SYN-GA-02 → SYN-GA-01",
        "agreements[SYN-GA-02].parent: the parents form a cycle: SYN-GA-02 → SYN-GA-01 → SYN-GA-02",
    ]


def test_a_chain_of_re_grants_is_no_cycle(r: Round) -> None:
    child = regrant(r.agreements[0], "c1", "works", Money(100_000))
    grandchild = regrant(child, "c2", "works", Money(50_000))
    grown = attrs.evolve(r, agreements=(*r.agreements, child, grandchild))
    assert [a.parent for a in grown.agreements[-2:]] == [r.agreements[0].id, child.id]


def test_a_re_grant_in_another_currency_than_its_parent(r: Round) -> None:
    child = regrant(r.agreements[0], "c1", "works", Money(1_000, "USD"))
    assert _problems(r, agreements=(*r.agreements, child)) == [
        f"agreements[{child.id}].award.currency: USD, its parent SYN-GA-01 is in KZT"
    ]


def test_one_application_funded_by_two_main_agreements(r: Round) -> None:
    first = r.agreements[0]
    twin = attrs.evolve(first, id="SYN-GA-99", number="SYN-99")
    assert _problems(r, agreements=(*r.agreements, twin)) == [
        f"agreements[SYN-GA-99].application: {first.application!r} is also funded by "
        "agreement SYN-GA-01"
    ]
    # a terminated agreement funds nothing any more: its successor is no double funding
    gone = terminate(r.agreements[4], dt.date(2021, 11, 1), "the group dissolved")
    again = attrs.evolve(r.agreements[0], id="SYN-GA-98", number="SYN-98",
                         application=gone.application)  # fmt: skip
    rest = tuple(a for a in r.agreements if a.id != gone.id)
    assert attrs.evolve(r, agreements=(*rest, gone, again)).agreements[-1].id == "SYN-GA-98"


def test_every_project_on_the_ballot_is_an_application_of_the_call(r: Round) -> None:
    e = ballots(r)
    assert attrs.evolve(r, ballots=e).ballots == e
    stranger = Election.from_ballots({"SYN-II-MAN-01": 10, "P-9": 5}, [["P-9"]], budget=10)
    assert _problems(r, ballots=stranger) == [
        "ballots[P-9].project_id: no application 'P-9' in call SYN-II-mangistau"
    ]


def test_an_agreement_the_vote_decided_refers_to_the_round_s_vote(r: Round) -> None:
    call = r.call.id
    r = attrs.evolve(r, reports=())
    voted = attrs.evolve(r.agreements[0], id="SYN-GA-V1", number="SYN-V1",
                         application="SYN-II-MAN-03",
                         decision=Decision(DecisionKind.VOTE, call))  # fmt: skip
    assert attrs.evolve(r, ballots=ballots(r), agreements=(voted,)).agreements == (voted,)
    assert _problems(r, agreements=(voted,)) == [
        "agreements[SYN-GA-V1].decision.kind: the residents' vote decided it, but the round "
        "holds no ballots"
    ]
    off_ballot = attrs.evolve(voted, application="SYN-II-MAN-06")
    wrong_ref = attrs.evolve(voted, id="SYN-GA-V2", number="SYN-V2", application="SYN-II-MAN-01",
                             decision=Decision(DecisionKind.VOTE, "vote-2021"))  # fmt: skip
    assert _problems(r, ballots=ballots(r), agreements=(off_ballot, wrong_ref)) == [
        "agreements[SYN-GA-V1].application: 'SYN-II-MAN-06' was not on the residents' ballot",
        "agreements[SYN-GA-V2].decision.ref: the residents voted on call 'SYN-II-mangistau', "
        "not 'vote-2021'",
    ]


def test_an_unknown_counting_rule_is_refused(r: Round) -> None:
    assert _problems(r, rule="borda") == [
        "rule: must be one of greedy, mes, phragmen, max_welfare, maximin_support, cstv, pb_ear, got 'borda'"
    ]
    assert _problems(r, completion="add1") == [
        "completion: add1 applies to the rule mes only, not greedy"
    ]
    assert attrs.evolve(r, rule="mes", completion="add1").completion == "add1"


def test_memoranda_name_localities_of_the_programme(r: Round) -> None:
    memo = attrs.evolve(r.memoranda[0], id="SYN-MEM-x", localities=("atlantis",),
                        akimat="akimat-atlantis", programme="elsewhere")  # fmt: skip
    assert _problems(r, memoranda=(*r.memoranda, memo)) == [
        "memoranda[SYN-MEM-x].localities[0]: no locality 'atlantis' in programme public-spaces",
        "memoranda[SYN-MEM-x].akimat: no organisation 'akimat-atlantis' in programme public-spaces",
        "memoranda[SYN-MEM-x].programme: 'elsewhere', the round's programme is 'public-spaces'",
    ]


def test_dangling_lists_the_problems_without_raising(r: Round) -> None:
    twin = attrs.evolve(r.agreements[0], id="SYN-GA-99", number="SYN-99")
    found = dangling(r.call, agreements=(*r.agreements, twin))
    assert [(kind, key, path) for kind, key, path, _ in found] == [
        ("agreements", "SYN-GA-99", "application")
    ]
