"""The operations on a grant agreement, and the state of its money.

Each operation returns a new `GrantAgreement`
(agreements are frozen) and refuses what the agreement's status or money does
not allow with a `LifecycleError` naming why:

==================== =====================================================
`sign()`         draft → signed
`disburse()`     pay (part of) a tranche; the first payment: → active
`spend()`        record spending (`civicgrants.budget.Actual`)
`close()`        active → closed, refunding disbursed − spent
`terminate()`    draft, signed or active → terminated, refunding the same
==================== =====================================================

`ledger()` states where the money is: awarded = disbursed + outstanding, and
disbursed = spent + refunded + held by the grantee. Not one tiyn is created or
lost by any operation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from civicgrants.agreement.model import (
    AgreementStatus,
    Disbursement,
    GrantAgreement,
    Refund,
    Tranche,
)
from civicgrants.budget.execution import Actual
from civicgrants.errors import LifecycleError, Problem, ValidationError
from civicgrants.model.display import shows
from civicgrants.model.lifecycle import Transition
from civicgrants.model.money import Money

__all__ = [
    "Ledger",
    "TrancheState",
    "close",
    "disburse",
    "ledger",
    "overdue",
    "sign",
    "spend",
    "terminate",
]


def _refuse(a: GrantAgreement, wanted: AgreementStatus, why: str | None = None) -> LifecycleError:
    allowed = [s.value for s in a.status.allowed()]
    return LifecycleError(f"agreement {a.id}", a.status.value, wanted.value, allowed, why)


def _money(a: GrantAgreement, path: str, message: str) -> ValidationError:
    return ValidationError([Problem(path, f"agreement {a.id}: {message}")])


def _move(
    a: GrantAgreement,
    to: AgreementStatus,
    on: dt.date,
    reason: str | None = None,
    **changes: object,
) -> GrantAgreement:
    if to is not a.status and to not in a.status.allowed():
        raise _refuse(a, to)
    history = a.history
    if to is not a.status:
        history = (*history, Transition(a.status.value, to.value, on, reason))
    return attrs.evolve(a, status=to, history=history, **changes)  # type: ignore[arg-type]


def sign(agreement: GrantAgreement, on: dt.date) -> GrantAgreement:
    """Sign a draft agreement.

    Parameters
    ----------
    agreement : GrantAgreement
        A ``draft`` agreement.
    on : datetime.date
        The date of signature.

    Returns
    -------
    GrantAgreement
        The agreement, ``signed`` on ``on``.

    Raises
    ------
    civicgrants.errors.LifecycleError
        It is not a draft (an agreement is signed once).

    Examples
    --------
    >>> from civicgrants.testing.agreement import example_agreement
    >>> sign(example_agreement(), dt.date(2021, 3, 1)).status.value
    'signed'

    See Also
    --------
    disburse : the next step.
    """
    if agreement.status is not AgreementStatus.DRAFT:
        raise _refuse(agreement, AgreementStatus.SIGNED, "only a draft is signed")
    return _move(agreement, AgreementStatus.SIGNED, on, signed=on)


def disburse(
    agreement: GrantAgreement, tranche: str, on: dt.date, amount: Money | None = None
) -> GrantAgreement:
    """Pay a tranche, or part of it.

    Parameters
    ----------
    agreement : GrantAgreement
        A ``signed`` or ``active`` agreement.
    tranche : str
        The key of the tranche paid.
    on : datetime.date
        The date of payment (not before the signature).
    amount : Money, optional
        How much; what is left of the tranche by default.

    Returns
    -------
    GrantAgreement
        The agreement with the payment recorded, ``active``.

    Raises
    ------
    civicgrants.errors.LifecycleError
        The agreement is not signed or active.
    civicgrants.errors.ValidationError
        The tranche is unknown or already paid, the amount is not positive or
        beyond what is left of it, or the date is before the signature.

    Examples
    --------
    >>> from civicgrants.testing.agreement import example_agreement
    >>> a = sign(example_agreement(), dt.date(2021, 3, 1))
    >>> a = disburse(a, "t1", dt.date(2021, 3, 5))
    >>> a.status.value, a.disbursed().amount
    ('active', Decimal('600000.00'))
    >>> disburse(a, "t1", dt.date(2021, 3, 6))
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: tranche: agreement ga-example: tranche t1 is paid in full (600000.00 KZT)

    See Also
    --------
    spend : what the grantee does with it.
    """
    active = AgreementStatus.ACTIVE
    if agreement.status not in (AgreementStatus.SIGNED, active):
        raise _refuse(agreement, active, "only a signed or active agreement pays tranches")
    try:
        t: Tranche = agreement.tranche(tranche)
    except KeyError:
        raise _money(agreement, "tranche", f"there is no tranche {tranche!r}") from None
    left = t.amount - agreement.disbursed(tranche)
    if left.amount == 0:
        raise _money(agreement, "tranche", f"tranche {tranche} is paid in full ({t.amount})")
    paid = left if amount is None else amount
    if paid.currency != agreement.currency or paid > left or paid.amount <= 0:
        raise _money(agreement, "amount", f"tranche {tranche} has {left} left to pay, not {paid}")
    if agreement.signed is not None and on < agreement.signed:
        raise _money(agreement, "on", f"{on} is before the signature ({agreement.signed})")
    payment = Disbursement(tranche, on, paid)
    return _move(
        agreement,
        active,
        on,
        "first disbursement",
        disbursements=(*agreement.disbursements, payment),
    )


def spend(agreement: GrantAgreement, actuals: Iterable[Actual]) -> GrantAgreement:
    """Record spending on the grantee's budget lines.

    Parameters
    ----------
    agreement : GrantAgreement
        An ``active`` agreement.
    actuals : iterable of Actual
        What was spent, per line and source.

    Returns
    -------
    GrantAgreement
        The agreement with the spending recorded.

    Raises
    ------
    civicgrants.errors.LifecycleError
        The agreement is not active.
    civicgrants.errors.ValidationError
        Grant money spent would exceed what was disbursed, or an actual is in
        another currency (nothing is recorded then).

    Examples
    --------
    >>> from civicgrants.budget import Actual, Source
    >>> from civicgrants.testing.agreement import example_agreement
    >>> a = disburse(sign(example_agreement(), dt.date(2021, 3, 1)), "t1", dt.date(2021, 3, 5))
    >>> spend(a, [Actual("1.1", Source.GRANT, Money(250_000))]).spent().amount
    Decimal('250000.00')

    See Also
    --------
    close : refunds what was not spent.
    civicgrants.budget.execute : spending against the approved budget, line by line.
    """
    if agreement.status is not AgreementStatus.ACTIVE:
        raise _refuse(agreement, AgreementStatus.ACTIVE, "spending needs an active agreement")
    new = (*agreement.spending, *actuals)
    try:
        return attrs.evolve(agreement, spending=new)
    except ValueError as exc:
        raise _money(agreement, "spending", str(exc).split(": ", 1)[-1]) from None


def _finish(
    agreement: GrantAgreement, to: AgreementStatus, on: dt.date, reason: str | None
) -> GrantAgreement:
    last = max([d.on for d in agreement.disbursements], default=agreement.signed)
    if last is not None and on < last:
        raise _money(agreement, "on", f"{on} is before the last payment or signature ({last})")
    refund = Refund(on, agreement.disbursed() - agreement.spent())
    return _move(agreement, to, on, reason, refund=refund)


def close(agreement: GrantAgreement, on: dt.date) -> GrantAgreement:
    """Close an active agreement, refunding exactly what was disbursed and not spent.

    Parameters
    ----------
    agreement : GrantAgreement
        An ``active`` agreement.
    on : datetime.date
        The date of closure (and of the refund).

    Returns
    -------
    GrantAgreement
        The agreement, ``closed``, with its `Refund`.

    Raises
    ------
    civicgrants.errors.LifecycleError
        It is not active.
    civicgrants.errors.ValidationError
        ``on`` is before its last payment.

    Examples
    --------
    >>> from civicgrants.budget import Actual, Source
    >>> from civicgrants.testing.agreement import example_agreement
    >>> a = disburse(sign(example_agreement(), dt.date(2021, 3, 1)), "t1", dt.date(2021, 3, 5))
    >>> a = close(spend(a, [Actual("1.1", Source.GRANT, Money(598_750))]), dt.date(2021, 12, 20))
    >>> a.status.value, a.refund.amount.amount
    ('closed', Decimal('1250.00'))

    See Also
    --------
    terminate : ends it early.
    """
    if agreement.status is not AgreementStatus.ACTIVE:
        raise _refuse(agreement, AgreementStatus.CLOSED)
    return _finish(agreement, AgreementStatus.CLOSED, on, None)


def terminate(agreement: GrantAgreement, on: dt.date, reason: str) -> GrantAgreement:
    """End an agreement early, refunding what was disbursed and not spent.

    Parameters
    ----------
    agreement : GrantAgreement
        A ``draft``, ``signed`` or ``active`` agreement.
    on : datetime.date
        The date.
    reason : str
        Why, kept in its history.

    Returns
    -------
    GrantAgreement
        The agreement, ``terminated``, with its `Refund` (0 if nothing was paid).

    Raises
    ------
    civicgrants.errors.LifecycleError
        It is already closed or terminated.
    civicgrants.errors.ValidationError
        ``on`` is before its signature or last payment.

    Examples
    --------
    >>> from civicgrants.testing.agreement import example_agreement
    >>> t = terminate(example_agreement(), dt.date(2021, 2, 1), "the group dissolved")
    >>> t.status.value, t.refund.amount.amount, t.history[-1].reason
    ('terminated', Decimal('0.00'), 'the group dissolved')

    See Also
    --------
    close : the normal end.
    """
    if agreement.status.final:
        raise _refuse(agreement, AgreementStatus.TERMINATED)
    return _finish(agreement, AgreementStatus.TERMINATED, on, reason)


@shows
@attrs.frozen
class TrancheState:
    """One tranche: what it holds, what was paid of it, whether it is overdue.

    Attributes
    ----------
    key : str
        The tranche's key.
    due : datetime.date
        When it is due.
    amount : Money
        What it holds.
    paid : Money
        What was paid of it.
    condition : str or None
        Its condition.

    Examples
    --------
    >>> from civicgrants.testing.agreement import example_agreement
    >>> ledger(example_agreement()).tranches[0].paid.amount
    Decimal('0.00')

    See Also
    --------
    Ledger : the agreement's money.
    """

    key: str
    due: dt.date
    amount: Money
    paid: Money
    condition: str | None

    @property
    def left(self) -> Money:
        """What is still to be paid.

        Returns
        -------
        Money
            ``amount − paid``.

        Examples
        --------
        >>> from civicgrants.testing.agreement import example_agreement
        >>> ledger(example_agreement()).tranches[1].left.amount
        Decimal('400000.00')

        See Also
        --------
        overdue : the tranches past due with something left.
        """
        return self.amount - self.paid


@shows
@attrs.frozen
class Ledger:
    """Where an agreement's money is: awarded, disbursed, spent, refunded, held.

    Attributes
    ----------
    agreement : str
        The agreement's id.
    status : AgreementStatus
        Its status.
    awarded : Money
        The award.
    disbursed : Money
        Paid to the grantee.
    outstanding : Money
        Awarded, not yet paid (``awarded − disbursed``; zero once final, the rest
        is never paid).
    spent : Money
        Grant money spent.
    refunded : Money
        Returned.
    held : Money
        With the grantee now: ``disbursed − spent − refunded``.
    tranches : tuple of TrancheState
        Each tranche.

    Examples
    --------
    >>> from civicgrants.testing.agreement import example_agreement
    >>> book = ledger(example_agreement())
    >>> book.awarded == book.disbursed + book.outstanding
    True

    See Also
    --------
    ledger : builds it.
    """

    agreement: str
    status: AgreementStatus
    awarded: Money
    disbursed: Money
    outstanding: Money
    spent: Money
    refunded: Money
    held: Money
    tranches: tuple[TrancheState, ...]


def ledger(agreement: GrantAgreement) -> Ledger:
    """The state of an agreement's money.

    Parameters
    ----------
    agreement : GrantAgreement
        Any agreement.

    Returns
    -------
    Ledger
        Awarded = disbursed + outstanding while it runs; disbursed = spent +
        refunded + held, always.

    Examples
    --------
    >>> from civicgrants.testing.agreement import example_agreement
    >>> a = disburse(sign(example_agreement(), dt.date(2021, 3, 1)), "t1", dt.date(2021, 3, 5))
    >>> book = ledger(a)
    >>> book.disbursed.amount, book.outstanding.amount, book.held.amount
    (Decimal('600000.00'), Decimal('400000.00'), Decimal('600000.00'))

    See Also
    --------
    overdue : what is late on a date.
    """
    cur = agreement.currency
    zero = Money.zero(cur)
    disbursed, spent = agreement.disbursed(), agreement.spent()
    refunded = agreement.refund.amount if agreement.refund is not None else zero
    outstanding = zero if agreement.status.final else agreement.award - disbursed
    paid: dict[str, list[Money]] = {}  # agreement.disbursed(key) for every key, in one pass
    for d in agreement.disbursements:
        paid.setdefault(d.tranche, []).append(d.amount)
    states = tuple(
        TrancheState(
            t.key, t.due, t.amount, Money.sum(paid.get(t.key, ()), currency=cur), t.condition
        )
        for t in agreement.tranches
    )
    return Ledger(
        agreement.id,
        agreement.status,
        agreement.award,
        disbursed,
        outstanding,
        spent,
        refunded,
        disbursed - spent - refunded,
        states,
    )


def overdue(agreement: GrantAgreement, on: dt.date) -> tuple[TrancheState, ...]:
    """The tranches due before ``on`` with something left to pay (none once final).

    Parameters
    ----------
    agreement : GrantAgreement
        Any agreement.
    on : datetime.date
        The date of the question.

    Returns
    -------
    tuple of TrancheState
        In schedule order.

    Examples
    --------
    >>> from civicgrants.testing.agreement import example_agreement
    >>> [t.key for t in overdue(example_agreement(), dt.date(2021, 8, 1))]
    ['t1', 't2']

    See Also
    --------
    ledger : the whole state.
    """
    if agreement.status.final:
        return ()
    return tuple(t for t in ledger(agreement).tranches if t.due < on and t.left.amount > 0)
