"""Where a round stands: the funnel, the money, money per head, what is overdue."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from civicgrants.agreement import ledger
from civicgrants.datasets.example_round import example_round
from civicgrants.errors import ValidationError
from civicgrants.model.money import Money
from civicgrants.round import STAGES, Round, round_status


@pytest.fixture(scope="module")
def r() -> Round:
    return example_round()


def test_the_funnel_narrows_stage_by_stage(r: Round) -> None:
    status = round_status(r, on=dt.date(2021, 12, 1))
    assert [s.key for s in status.funnel] == list(STAGES)
    counts = [s.count for s in status.funnel]
    assert counts == [53, 53, 53, 18, 18, 18, 12, 12]
    assert counts == sorted(counts, reverse=True)
    # the money at each stage is what the parts hold, exactly
    assert status.stage("applications").money == Money.sum(
        Money(a.requested) for a in r.call.applications
    )
    assert status.stage("contracted").money == Money.sum(a.award for a in r.agreements)
    assert status.stage("disbursed").money == Money.sum(a.disbursed() for a in r.agreements)


def test_the_money_is_the_agreements_money(r: Round) -> None:
    status = round_status(r)
    books = [ledger(a) for a in r.agreements]
    assert status.awarded == Money.sum(b.awarded for b in books)
    assert status.spent == Money.sum(b.spent for b in books)
    assert status.refunded == Money.sum(b.refunded for b in books)
    held = Money.sum(b.held for b in books)
    assert status.disbursed == status.spent + status.refunded + held  # not a tiyn lost
    assert status.execution_rate == (status.spent.amount * 100 / status.awarded.amount).quantize(
        Decimal("0.01")
    )


def test_money_per_head_uses_the_programme_s_populations(r: Round) -> None:
    rows = {row.locality: row for row in round_status(r).localities}
    assert rows["kuryk"].population == 6000
    assert rows["kuryk"].per_head == Money((rows["kuryk"].awarded.amount / 6000).quantize(
        Decimal("0.01")))  # fmt: skip
    assert rows["bautino"].population is None and rows["bautino"].per_head is None
    assert sum(row.applications for row in rows.values()) == 53
    assert sum(row.funded for row in rows.values()) == 18


def test_what_is_overdue_depends_on_the_date(r: Round) -> None:
    assert round_status(r).overdue == ()
    early = round_status(r, on=dt.date(2021, 8, 1))
    assert early.overdue == ()
    late = round_status(r, on=dt.date(2021, 12, 1))
    kinds = [(o.kind, o.agreement) for o in late.overdue]
    assert ("tranche", "SYN-GA-06") in kinds and ("report", "SYN-GA-06") in kinds
    assert all(o.days > 0 for o in late.overdue)
    tranche = next(o for o in late.overdue if o.kind == "tranche")
    assert tranche.amount == r.agreements[5].tranche("t2").amount


def test_a_round_refuses_dangling_references(r: Round) -> None:
    stranger = attrs.evolve(r.agreements[0], id="x", number="X-1", application="nobody")
    orphan = attrs.evolve(
        r.reports[0],
        agreement=attrs.evolve(r.reports[0].agreement, number="999"),
        indicators=attrs.evolve(r.reports[0].indicators, id="orphan"),
    )
    with pytest.raises(ValidationError) as info:
        attrs.evolve(r, agreements=(*r.agreements, stranger), reports=(*r.reports, orphan))
    paths = [p.path for p in info.value.problems]
    assert "agreements[x].application" in paths
    assert f"reports[{orphan.id}].agreement.number" in paths


def test_a_dossier_whose_audit_has_errors_is_not_eligible(r: Round) -> None:
    from civicgrants.datasets import seed_001_dossier

    first = r.call.applications[0]
    dossier = attrs.evolve(seed_001_dossier(), id=first.id)  # its audit has 3 errors
    others = tuple(a for a in r.applications if a.id != first.id)
    with_dossier = attrs.evolve(r, applications=(*others, dossier))
    before, after = round_status(r), round_status(with_dossier)
    assert after.stage("eligible").count == before.stage("eligible").count - 1
    assert after.stage("eligible").money == before.stage("eligible").money - Money(first.requested)


def _vote_round(r: Round, **changes: object) -> Round:
    from tests.round.test_model import ballots

    return attrs.evolve(r, ballots=ballots(r), agreements=(), reports=(), **changes)


def test_a_round_decided_by_the_vote_funds_what_the_vote_selects(r: Round) -> None:
    voted = _vote_round(r, scores=None)
    status = round_status(voted)
    # on 4 200 000: 03 (two votes, 2 950 000) first, then 01 (one vote, 1 250 000, before 02
    # on the tie) fits exactly;
    # 02 (one vote, 2 000 000) no longer does
    assert status.stage("scored").count == 5  # on the ballot: voted on
    assert status.stage("scored").money == Money(9_500_000)
    assert (status.stage("funded").count, status.stage("funded").money) == (2, Money(4_200_000))
    assert status.vote_rule == "greedy"
    rows = {row.locality: row for row in status.localities}
    assert (rows["borankul"].funded, rows["borankul"].awarded) == (2, Money(4_200_000))
    assert rows["borankul"].per_head == Money("545.45")  # 4 200 000 / 7 700, half-up


def test_the_round_s_rule_counts_the_vote(r: Round) -> None:
    from civicgrants.pb import count

    mes = _vote_round(r, scores=None, rule="mes", completion="utilitarian")
    status = round_status(mes)
    selected = count(mes.ballots, rule="mes", completion="utilitarian").outcome.selected
    assert status.stage("funded").count == len(selected)
    assert status.vote_rule == "mes/utilitarian"


def test_with_scores_and_ballots_the_vote_decides(r: Round) -> None:
    hybrid = _vote_round(r)
    status = round_status(hybrid)
    assert status.stage("scored").count == 53  # scored by the commission, or on the ballot
    assert status.stage("funded").count == 2  # the residents decide (civicgrants.pb.hybrid)
    assert round_status(attrs.evolve(hybrid, ballots=None)).stage("funded").count == 18


def test_a_terminated_agreement_keeps_only_what_it_did_not_refund(r: Round) -> None:
    from civicgrants.agreement import terminate

    active = next(a for a in r.agreements if a.status.value == "active")
    gone = terminate(active, dt.date(2021, 11, 20), "the group dissolved")
    book = ledger(gone)
    kept = book.disbursed - book.refunded
    assert kept == book.spent and kept < gone.award
    ended = attrs.evolve(r, agreements=tuple(gone if a.id == active.id else a
                                             for a in r.agreements))  # fmt: skip
    before, after = round_status(r), round_status(ended)
    lost = active.award - kept
    assert after.awarded == before.awarded - lost
    assert after.stage("contracted").count == before.stage("contracted").count
    assert after.stage("contracted").money == before.stage("contracted").money - lost
    assert after.disbursed == before.disbursed  # the money paid out stays paid out
    assert after.refunded == before.refunded + book.refunded
    held = Money.sum(ledger(a).held for a in ended.agreements)
    assert after.disbursed == after.spent + after.refunded + held  # not a tiyn lost
    assert after.execution_rate == (after.spent.amount * 100 / after.awarded.amount).quantize(
        Decimal("0.01")
    )
    place = next(a.locality for a in r.call.applications if a.id == active.application)
    rows = {row.locality: row for row in after.localities}
    old = {row.locality: row for row in before.localities}
    assert rows[place].awarded == old[place].awarded - lost


def test_duties_still_promised_after_the_season_s_closure_are_overdue(r: Round) -> None:
    from civicgrants.round import season_closure

    closure = season_closure(r.season_start)
    # the end of step 7 of the season from 1 March: drafting absorbs the Nauryz spill
    assert closure == dt.date(2021, 11, 21)
    assert not [o for o in round_status(r, on=closure).overdue if o.kind == "duty"]
    late = [o for o in round_status(r, on=dt.date(2021, 12, 1)).overdue if o.kind == "duty"]
    assert [(o.agreement, o.ref, o.due, o.days) for o in late] == [
        ("SYN-MEM-borankul", "SYN-MEM-borankul/guarding", closure, 10),
        ("SYN-MEM-kuryk", "SYN-MEM-kuryk/watering", closure, 10),
    ]
    # a duty with its own date is due then; one reported carried out or confirmed never is
    later = [o for o in round_status(r, on=dt.date(2022, 6, 1)).overdue if o.kind == "duty"]
    assert [o.ref for o in later] == [
        "SYN-MEM-borankul/guarding",
        "SYN-MEM-kuryk/watering",
        "SYN-MEM-fort-shevchenko/cleaning",
    ]
    assert later[-1].due == dt.date(2022, 5, 31)


def test_without_a_season_only_duties_with_their_own_date_can_be_late(r: Round) -> None:
    from civicgrants.model.memorandum import Duty, ExtraDuty

    memo = attrs.evolve(
        r.memoranda[0],
        extra_duties=(
            ExtraDuty(Duty.WATERING),
            ExtraDuty(Duty.WATERING, due=dt.date(2021, 9, 1)),
        ),
    )
    undated = attrs.evolve(r, season_start=None, memoranda=(memo,))
    late = [o for o in round_status(undated, on=dt.date(2021, 12, 1)).overdue if o.kind == "duty"]
    assert [(o.ref, o.due) for o in late] == [(f"{memo.id}/watering-2", dt.date(2021, 9, 1))]


def test_an_overdue_duty_is_printed_in_every_language(r: Round) -> None:
    from civicgrants.io.render import render

    status = round_status(r, on=dt.date(2021, 12, 1))
    assert "memorandum duty SYN-MEM-kuryk/watering, due Nov 21, 2021" in render(status)
    assert "обязательство по меморандуму SYN-MEM-kuryk/watering" in render(status, lang="ru")
    assert "SYN-MEM-kuryk/watering меморандум міндеттемесі" in render(status, lang="kk")
    import json

    duty = next(o for o in json.loads(render(status, "json"))["overdue"] if o["kind"] == "duty")
    assert duty == {"kind": "duty", "agreement": "SYN-MEM-borankul",
                    "ref": "SYN-MEM-borankul/guarding", "due": "2021-11-21", "days": 10,
                    "amount": None}  # fmt: skip
