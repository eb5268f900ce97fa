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
