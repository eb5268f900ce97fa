"""The money invariants of grant agreements, as properties over generated agreements.

Every agreement :func:`civicgrants.testing.agreement.agreements` draws is built by the
operations (sign, disburse, spend, close, terminate) from a draft, so these hold for every
reachable state. The suite runs ``CIVICGRANTS_MONEY_EXAMPLES`` examples per property (300 by
default); ``.ci/run`` makes a dedicated run of 100 000::

    CIVICGRANTS_MONEY_EXAMPLES=100000 python -m pytest tests/agreement/test_money.py
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.agreement import (
    AgreementStatus,
    GrantAgreement,
    close,
    disburse,
    ledger,
    spend,
    terminate,
)
from civicgrants.budget import Actual, Source
from civicgrants.errors import LifecycleError, ValidationError
from civicgrants.model.money import Money
from civicgrants.testing.agreement import agreements

EXAMPLES = int(os.environ.get("CIVICGRANTS_MONEY_EXAMPLES", "300"))
money = settings(max_examples=EXAMPLES, deadline=None, database=None)


def _tiyn(m: Money) -> bool:
    """A whole number of tiyn: no fraction of the minor unit was created."""
    return m.amount == m.amount.quantize(Decimal("0.01"))


@money
@given(agreements())
def test_the_money_adds_up_in_every_state(a: GrantAgreement) -> None:
    book = ledger(a)
    assert Money.sum(t.amount for t in a.tranches) == a.award  # tranches add up to the award
    assert book.disbursed <= book.awarded  # disbursed ≤ awarded
    assert book.spent <= book.disbursed  # grant money spent ≤ disbursed
    assert book.disbursed == book.spent + book.refunded + book.held  # not a tiyn lost
    if a.status.final:
        assert a.refund is not None and a.refund.amount == book.disbursed - book.spent
        assert book.held.amount == 0 and book.outstanding.amount == 0
    else:
        assert book.awarded == book.disbursed + book.outstanding
        assert book.refunded.amount == 0
    for t in book.tranches:
        assert t.paid <= t.amount
    assert all(_tiyn(m) for m in (book.disbursed, book.spent, book.refunded, book.held))


@money
@given(agreements(), st.data())
def test_each_operation_moves_exactly_its_amount(a: GrantAgreement, data: st.DataObject) -> None:
    before = ledger(a)
    day = dt.date(2022, 1, 1)
    if a.status is AgreementStatus.ACTIVE and before.held.amount > 0:
        amount = Money(Decimal(data.draw(st.integers(1, int(before.held.amount * 100)))) / 100)
        after = ledger(spend(a, [Actual("1.1", Source.GRANT, amount)]))
        assert after.spent == before.spent + amount and after.held == before.held - amount
        assert after.disbursed == before.disbursed
    unpaid = [t for t in before.tranches if t.left.amount > 0]
    if a.status in (AgreementStatus.SIGNED, AgreementStatus.ACTIVE) and unpaid:
        t = data.draw(st.sampled_from(unpaid))
        after = ledger(disburse(a, t.key, day))
        assert after.disbursed == before.disbursed + t.left
        assert after.outstanding == before.outstanding - t.left
    if a.status is AgreementStatus.ACTIVE:
        closed = ledger(close(a, day))
        assert closed.refunded == before.held and closed.held.amount == 0
        assert closed.spent == before.spent and closed.disbursed == before.disbursed
    if not a.status.final:
        ended = ledger(terminate(a, day, "test"))
        assert ended.refunded == before.held and ended.disbursed == before.disbursed


@money
@given(agreements(), st.data())
def test_what_the_money_does_not_allow_is_refused(a: GrantAgreement, data: st.DataObject) -> None:
    book = ledger(a)
    day = dt.date(2022, 1, 1)
    if a.status is AgreementStatus.ACTIVE:
        too_much = book.held + Money(Decimal(data.draw(st.integers(1, 10**6))) / 100)
        with pytest.raises(ValidationError):
            spend(a, [Actual("1.1", Source.GRANT, too_much)])
        own = spend(a, [Actual("1.1", Source.OWN, too_much)])  # the grantee's own money
        assert ledger(own).spent == book.spent
    for t in book.tranches:
        if a.status in (AgreementStatus.SIGNED, AgreementStatus.ACTIVE):
            with pytest.raises((ValidationError, LifecycleError)):
                disburse(a, t.key, day, t.left + Money("0.01"))
    if a.status is not AgreementStatus.ACTIVE:
        with pytest.raises(LifecycleError):
            close(a, day)
    if a.status.final:
        with pytest.raises(LifecycleError):
            terminate(a, day, "again")
