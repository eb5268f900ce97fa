"""A grant agreement's lifecycle and the checks it makes when it is built."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from civicgrants.agreement import (
    AgreementStatus,
    Disbursement,
    GrantAgreement,
    Refund,
    Tranche,
    close,
    disburse,
    ledger,
    overdue,
    sign,
    spend,
    terminate,
)
from civicgrants.budget import Actual, Source
from civicgrants.errors import LifecycleError, ValidationError
from civicgrants.io import dumps, loads
from civicgrants.model.money import Money
from civicgrants.testing.agreement import example_agreement

D = dt.date


def _active() -> GrantAgreement:
    return disburse(sign(example_agreement(), D(2021, 3, 1)), "t1", D(2021, 3, 5))


def test_a_whole_life_from_draft_to_closure() -> None:
    a = sign(example_agreement(), D(2021, 3, 1))
    a = disburse(a, "t1", D(2021, 3, 5))
    a = spend(a, [Actual("1.1", Source.GRANT, Money(590_000))])
    a = disburse(a, "t2", D(2021, 7, 2), Money(300_000))  # part of the second tranche
    a = spend(a, [Actual("1.2", Source.GRANT, Money(300_000)), Actual("1.2", Source.OWN, Money(5))])
    a = close(a, D(2021, 12, 20))
    book = ledger(a)
    assert (a.status, book.disbursed, book.spent, book.refunded, book.held) == (
        AgreementStatus.CLOSED,
        Money(900_000),
        Money(890_000),
        Money(10_000),
        Money(0),
    )
    assert [(t.from_status, t.to_status) for t in a.history] == [
        ("draft", "signed"),
        ("signed", "active"),
        ("active", "closed"),
    ]
    assert book.tranches[1].left == Money(100_000)  # never paid: the award was not used up
    assert loads(dumps(a)) == a


@pytest.mark.parametrize(
    ("make", "operation"),
    [
        (example_agreement, lambda a: close(a, D(2021, 4, 1))),
        (example_agreement, lambda a: disburse(a, "t1", D(2021, 4, 1))),
        (example_agreement, lambda a: spend(a, [Actual("1", Source.GRANT, Money(1))])),
        (_active, lambda a: sign(a, D(2021, 4, 1))),
        (lambda: close(_active(), D(2021, 9, 1)), lambda a: terminate(a, D(2021, 9, 2), "x")),
        (lambda: close(_active(), D(2021, 9, 1)), lambda a: close(a, D(2021, 9, 2))),
    ],
)
def test_illegal_transitions_are_refused(make, operation) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LifecycleError):
        operation(make())


def test_money_the_agreement_does_not_allow_is_refused() -> None:
    a = _active()
    with pytest.raises(ValidationError, match="tranche t1 is paid in full"):
        disburse(a, "t1", D(2021, 3, 6))
    with pytest.raises(ValidationError, match="there is no tranche 't9'"):
        disburse(a, "t9", D(2021, 3, 6))
    with pytest.raises(ValidationError, match=r"has 400000\.00 KZT left to pay"):
        disburse(a, "t2", D(2021, 7, 2), Money(400_001))
    with pytest.raises(ValidationError, match="before the signature"):
        disburse(a, "t2", D(2021, 2, 1))
    with pytest.raises(ValidationError, match=r"spending: .*600000.00 KZT disbursed"):
        spend(a, [Actual("1.1", Source.GRANT, Money(600_001))])
    assert a.spent() == Money(0)  # nothing recorded after a refusal


def test_an_agreement_checks_its_money_when_built() -> None:
    a = example_agreement()
    with pytest.raises(ValueError, match="tranches: they add up to"):
        attrs.evolve(a, award=Money(999_999))
    with pytest.raises(ValueError, match="disbursements: a draft agreement has paid nothing"):
        attrs.evolve(a, disbursements=(Disbursement("t1", D(2021, 3, 5), Money(1)),))
    active = _active()
    with pytest.raises(ValueError, match=r"tranche t1 is paid 600001\.00 KZT"):
        attrs.evolve(
            active,
            disbursements=(*active.disbursements, Disbursement("t1", D(2021, 3, 6), Money(1))),
        )
    with pytest.raises(ValueError, match="refund: only a closed or terminated"):
        attrs.evolve(active, refund=Refund(D(2021, 9, 1), Money(0)))
    closed = close(active, D(2021, 9, 1))
    with pytest.raises(
        ValueError, match=r"refund: 1\.00 KZT refunded, but 600000\.00 KZT disbursed"
    ):
        attrs.evolve(closed, refund=Refund(D(2021, 9, 1), Money(1)))
    with pytest.raises(ValueError, match="in another currency"):
        attrs.evolve(a, tranches=(Tranche("t1", D(2021, 3, 5), Money(1_000_000, "EUR")),))
    with pytest.raises(ValueError, match=r"end: .* is before the start"):
        attrs.evolve(a, end=D(2020, 1, 1))
    with pytest.raises(ValueError, match="parent, line"):
        attrs.evolve(a, parent="ga-0")


def test_termination_refunds_what_is_held() -> None:
    a = spend(_active(), [Actual("1.1", Source.GRANT, Money(100_000))])
    t = terminate(a, D(2021, 5, 1), "the plot was withdrawn")
    assert t.refund is not None and t.refund.amount == Money(500_000)
    assert t.history[-1].reason == "the plot was withdrawn"
    assert terminate(example_agreement(), D(2021, 2, 1), "x").refund == Refund(
        D(2021, 2, 1), Money(0)
    )


def test_what_is_overdue_on_a_date() -> None:
    a = _active()
    assert [t.key for t in overdue(a, D(2021, 3, 6))] == []
    assert [t.key for t in overdue(a, D(2021, 7, 2))] == ["t2"]
    assert overdue(close(a, D(2021, 9, 1)), D(2022, 1, 1)) == ()


def test_dates_cannot_go_back() -> None:
    signed = sign(example_agreement(), D(2021, 3, 1))
    with pytest.raises(LifecycleError, match="only a draft is signed"):
        sign(signed, D(2022, 6, 1))
    with pytest.raises(ValidationError, match="before the last payment"):
        close(_active(), D(2021, 3, 1))
    with pytest.raises(ValidationError, match="before the last payment"):
        terminate(signed, D(2021, 2, 1), "x")
