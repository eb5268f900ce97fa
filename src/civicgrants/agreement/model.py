"""A grant agreement as data: the award, its tranches, what was paid, spent and refunded.

A `GrantAgreement` is frozen and checks its money when it is built: the
tranches add up to the award; no tranche is paid more than it holds; grant money
spent never exceeds what was disbursed; a closed agreement's refund is exactly
what was disbursed and not spent. So an agreement that exists is one whose money
adds up, and the operations of `civicgrants.agreement.ledger` (sign,
disburse, spend, close, terminate) move it from one such state to the next.

Statuses, as data (`AgreementStatus`)::

    draft → signed → active → closed
      ↘        ↘        ↘
       terminated (with the unspent money refunded)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter

import attrs

from civicgrants.budget.execution import Actual
from civicgrants.budget.model import Source
from civicgrants.model.display import shows
from civicgrants.model.fields import (
    choice,
    date,
    entity,
    ident,
    many,
    money,
    optional_ident,
    text,
)
from civicgrants.model.lifecycle import Transition
from civicgrants.model.money import Money

__all__ = [
    "AgreementStatus",
    "Decision",
    "DecisionKind",
    "Disbursement",
    "GrantAgreement",
    "Refund",
    "Tranche",
]


class AgreementStatus(enum.Enum):
    """draft → signed → active → closed; terminated from any of the first three.

    ``active`` begins with the first disbursement; ``closed`` and ``terminated``
    are final and carry the refund of the unspent money.

    Examples
    --------
    >>> [s.value for s in AgreementStatus.SIGNED.allowed()]
    ['active', 'terminated']
    >>> AgreementStatus.CLOSED.allowed()
    ()

    See Also
    --------
    civicgrants.agreement.ledger : the operations that move an agreement.
    """

    DRAFT = "draft"
    SIGNED = "signed"
    ACTIVE = "active"
    CLOSED = "closed"
    TERMINATED = "terminated"

    def allowed(self) -> tuple[AgreementStatus, ...]:
        """The statuses this one may move to.

        Returns
        -------
        tuple of AgreementStatus
            The next statuses; empty for a final one.

        Examples
        --------
        >>> [s.value for s in AgreementStatus.DRAFT.allowed()]
        ['signed', 'terminated']

        See Also
        --------
        civicgrants.model.lifecycle.check_transition : the same rule for applications.
        """
        return _NEXT[self]

    @property
    def final(self) -> bool:
        """Whether nothing follows (``closed``, ``terminated``).

        Returns
        -------
        bool
            True for a final status.

        Examples
        --------
        >>> AgreementStatus.TERMINATED.final, AgreementStatus.ACTIVE.final
        (True, False)

        See Also
        --------
        AgreementStatus.allowed : what follows a status.
        """
        return not _NEXT[self]


_S = AgreementStatus
_NEXT: dict[AgreementStatus, tuple[AgreementStatus, ...]] = {
    _S.DRAFT: (_S.SIGNED, _S.TERMINATED),
    _S.SIGNED: (_S.ACTIVE, _S.TERMINATED),
    _S.ACTIVE: (_S.CLOSED, _S.TERMINATED),
    _S.CLOSED: (),
    _S.TERMINATED: (),
}


class DecisionKind(enum.Enum):
    """What decided the award: the commission's scoring, the residents' vote, or a direct award.

    Examples
    --------
    >>> DecisionKind("vote")
    <DecisionKind.VOTE: 'vote'>

    See Also
    --------
    Decision : the decision an agreement follows.
    """

    COMMISSION = "commission"
    VOTE = "vote"
    DIRECT = "direct"


@shows
@attrs.frozen
class Decision:
    """The decision an agreement follows.

    Parameters
    ----------
    kind : DecisionKind
        Commission, vote or direct award.
    ref : str
        The id of what decided: the call scored by the commission, the
        election, or the parent agreement for a direct award.
    on : datetime.date, optional
        When it was decided.

    Raises
    ------
    ValueError
        ``kind`` is not a `DecisionKind`, or ``ref`` is not an id.

    Examples
    --------
    >>> Decision(DecisionKind.COMMISSION, "call-2021").ref
    'call-2021'

    See Also
    --------
    GrantAgreement : carries it.
    """

    kind: DecisionKind = choice(DecisionKind)
    ref: str = ident()
    on: dt.date | None = date(optional=True)


@shows
@attrs.frozen
class Tranche:
    """One scheduled payment of the award.

    Parameters
    ----------
    key : str
        Its id, unique in the agreement (``"t1"``).
    due : datetime.date
        When it is due.
    amount : Money
        How much.
    condition : str, optional
        What must happen first («interim report accepted»).

    Raises
    ------
    ValueError
        ``key`` is not an id, ``amount`` is negative or a text is blank.

    Examples
    --------
    >>> Tranche("t2", dt.date(2021, 7, 1), Money(400_000), "interim report accepted").amount.amount
    Decimal('400000.00')

    See Also
    --------
    Disbursement : a payment of a tranche.
    """

    key: str = ident()
    due: dt.date = date()
    amount: Money = money()
    condition: str | None = text(optional=True)


@shows
@attrs.frozen
class Disbursement:
    """Money paid to the grantee against a tranche.

    Parameters
    ----------
    tranche : str
        The key of the tranche it pays.
    on : datetime.date
        When it was paid.
    amount : Money
        How much.

    Raises
    ------
    ValueError
        ``tranche`` is not an id or ``amount`` is negative.

    Examples
    --------
    >>> Disbursement("t1", dt.date(2021, 3, 1), Money(600_000)).tranche
    't1'

    See Also
    --------
    civicgrants.agreement.disburse : records one.
    """

    tranche: str = ident()
    on: dt.date = date()
    amount: Money = money()


@shows
@attrs.frozen
class Refund:
    """The unspent money returned at closure or termination.

    Parameters
    ----------
    on : datetime.date
        When it was returned.
    amount : Money
        How much: what was disbursed and not spent, exactly.

    Raises
    ------
    ValueError
        ``amount`` is negative.

    Examples
    --------
    >>> Refund(dt.date(2021, 12, 20), Money(1_250)).amount.amount
    Decimal('1250.00')

    See Also
    --------
    civicgrants.agreement.close : computes it.
    """

    on: dt.date = date()
    amount: Money = money()


@shows
@attrs.frozen
class GrantAgreement:
    """A grant agreement from signature to closure; its money always adds up.

    Parameters
    ----------
    id : str
        A stable id.
    number : str
        The agreement's number as printed.
    grantor : str
        Who gives the grant (the operator, the foundation, the parent grantee).
    grantee : str
        Who receives it (an organisation or initiative group's name or id).
    decision : Decision
        The decision it follows.
    award : Money
        The amount awarded.
    start : datetime.date
        The first day of the project period.
    end : datetime.date
        The last day.
    tranches : sequence of Tranche
        The payment schedule; keys unique; the amounts add up to ``award``.
    conditions : sequence of str, optional
        The agreement's conditions, as printed.
    signed : datetime.date, optional
        When it was signed (required from ``signed`` on).
    status : AgreementStatus, optional
        Where it is in its lifecycle; ``draft`` by default.
    disbursements : sequence of Disbursement, optional
        What was paid, each against a tranche.
    spending : sequence of Actual, optional
        What the grantee spent, per line of its approved budget
        (`civicgrants.budget.Actual`).
    refund : Refund, optional
        The unspent money returned (closed and terminated agreements only).
    application : str, optional
        The id of the application it funds.
    parent : str, optional
        For a re-grant: the id of the agreement whose money it passes on.
    line : str, optional
        For a re-grant: the parent budget's line that pays for it.
    history : sequence of Transition, optional
        The status changes, oldest first.

    Raises
    ------
    ValueError
        A field of the wrong type; ``end`` before ``start``; tranches that do not
        add up to the award, or share a key; amounts in another currency; a
        disbursement against an unknown tranche or beyond it; more disbursed than
        awarded; grant money spent beyond what was disbursed; a status that does
        not match the money (a ``draft`` or ``signed`` agreement with
        disbursements, an ``active`` one without, a final one without its
        refund, a refund that is not disbursed − spent); ``parent`` and
        ``line`` not given together.

    Examples
    --------
    >>> a = GrantAgreement(
    ...     "ga-1", "92", "Operator", "NGO", Decision(DecisionKind.COMMISSION, "call-2024"),
    ...     Money(5_000_000), dt.date(2024, 6, 1), dt.date(2024, 11, 30),
    ...     tranches=[Tranche("t1", dt.date(2024, 6, 5), Money(3_000_000)),
    ...               Tranche("t2", dt.date(2024, 9, 1), Money(2_000_000), "interim report")])
    >>> a.status.value, a.disbursed().amount
    ('draft', Decimal('0.00'))
    >>> GrantAgreement("ga-2", "93", "Operator", "NGO", a.decision, Money(100), a.start,
    ...                a.end, tranches=[Tranche("t1", a.start, Money(90))])
    Traceback (most recent call last):
    ...
    ValueError: tranches: they add up to 90.00 KZT, the award is 100.00 KZT

    See Also
    --------
    civicgrants.agreement.ledger : the operations and the money's state.
    civicgrants.agreement.check_regrants : re-grants against the parent's budget line.
    """

    id: str = ident()
    number: str = text()
    grantor: str = text()
    grantee: str = text()
    decision: Decision = entity(Decision)
    award: Money = money()
    start: dt.date = date()
    end: dt.date = date()
    tranches: tuple[Tranche, ...] = many(Tranche, nonempty=True, unique=True)
    conditions: tuple[str, ...] = many(str)
    signed: dt.date | None = date(optional=True)
    status: AgreementStatus = choice(AgreementStatus, default=AgreementStatus.DRAFT)
    disbursements: tuple[Disbursement, ...] = many(Disbursement)
    spending: tuple[Actual, ...] = many(Actual)
    refund: Refund | None = entity(Refund, optional=True)
    application: str | None = optional_ident()
    parent: str | None = optional_ident()
    line: str | None = text(optional=True)
    history: tuple[Transition, ...] = many(Transition)

    def __attrs_post_init__(self) -> None:
        _check(self)

    @property
    def currency(self) -> str:
        """The award's currency, which every amount of the agreement shares.

        Returns
        -------
        str
            An ISO 4217 code.

        Examples
        --------
        >>> from civicgrants.testing.agreement import example_agreement
        >>> example_agreement().currency
        'KZT'

        See Also
        --------
        GrantAgreement.award : the amount awarded.
        """
        return self.award.currency

    def tranche(self, key: str) -> Tranche:
        """The tranche with this key.

        Parameters
        ----------
        key : str
            The tranche's key.

        Returns
        -------
        Tranche
            The tranche.

        Raises
        ------
        KeyError
            No tranche has this key.

        Examples
        --------
        >>> from civicgrants.testing.agreement import example_agreement
        >>> example_agreement().tranche("t2").condition
        'interim report accepted'

        See Also
        --------
        GrantAgreement.tranches : all of them.
        """
        for t in self.tranches:
            if t.key == key:
                return t
        raise KeyError(key)

    def disbursed(self, tranche: str | None = None) -> Money:
        """What was paid, in all or against one tranche.

        Parameters
        ----------
        tranche : str, optional
            A tranche's key; all tranches by default.

        Returns
        -------
        Money
            The sum of the disbursements, exactly.

        Examples
        --------
        >>> from civicgrants.testing.agreement import example_agreement
        >>> example_agreement().disbursed().amount
        Decimal('0.00')

        See Also
        --------
        GrantAgreement.spent : what was spent of it.
        """
        return Money.sum(
            (d.amount for d in self.disbursements if tranche in (None, d.tranche)),
            currency=self.currency,
        )

    def spent(self) -> Money:
        """Grant money spent: the actuals paid by the grant.

        Returns
        -------
        Money
            The sum of the spending whose source is the grant.

        Examples
        --------
        >>> from civicgrants.testing.agreement import example_agreement
        >>> example_agreement().spent().amount
        Decimal('0.00')

        See Also
        --------
        GrantAgreement.disbursed : what was paid.
        """
        return Money.sum(
            (a.amount for a in self.spending if a.source is Source.GRANT), currency=self.currency
        )


def _check(a: GrantAgreement) -> None:
    cur = a.currency
    if a.end < a.start:
        raise ValueError(f"end: {a.end} is before the start {a.start}")
    foreign = [
        what
        for what, m in (
            *((f"tranches[{t.key}]", t.amount) for t in a.tranches),
            *((f"disbursements[{i}]", d.amount) for i, d in enumerate(a.disbursements)),
            *((f"spending[{i}]", s.amount) for i, s in enumerate(a.spending)),
            *((("refund", a.refund.amount),) if a.refund is not None else ()),
        )
        if m.currency != cur
    ]
    if foreign:
        raise ValueError(f"{foreign[0]}: in another currency than the award ({cur})")
    scheduled = Money.sum((t.amount for t in a.tranches), currency=cur)
    if scheduled != a.award:
        raise ValueError(f"tranches: they add up to {scheduled}, the award is {a.award}")
    keys = {t.key: t for t in a.tranches}
    paid: Counter[str] = Counter()
    for i, d in enumerate(a.disbursements):
        if d.tranche not in keys:
            raise ValueError(f"disbursements[{i}].tranche: no tranche {d.tranche!r}")
        if d.on < (a.signed or d.on):
            raise ValueError(f"disbursements[{i}].on: {d.on} is before the signature {a.signed}")
        paid[d.tranche] += 1
    for key, tranche in keys.items():
        if paid[key] and a.disbursed(key) > tranche.amount:
            raise ValueError(
                f"disbursements: tranche {key} is paid {a.disbursed(key)}, it holds {tranche.amount}"
            )
    disbursed, spent = a.disbursed(), a.spent()
    if spent > disbursed:
        raise ValueError(f"spending: {spent} of grant money spent, only {disbursed} disbursed")
    if (a.parent is None) != (a.line is None):
        raise ValueError("parent, line: a re-grant names both its parent agreement and the line")
    _check_status(a, disbursed, spent)


def _check_status(a: GrantAgreement, disbursed: Money, spent: Money) -> None:
    s = a.status
    if s in (AgreementStatus.DRAFT, AgreementStatus.SIGNED) and a.disbursements:
        raise ValueError(f"disbursements: a {s.value} agreement has paid nothing yet")
    needs_signature = (AgreementStatus.SIGNED, AgreementStatus.ACTIVE, AgreementStatus.CLOSED)
    if (s in needs_signature or a.disbursements) and a.signed is None:
        raise ValueError(f"signed: a {s.value} agreement that has paid has a signature date")
    if s is AgreementStatus.ACTIVE and not a.disbursements:
        raise ValueError("disbursements: an active agreement has paid at least once")
    if not s.final:
        if a.refund is not None:
            raise ValueError(
                f"refund: only a closed or terminated agreement refunds, not {s.value}"
            )
        return
    if a.refund is None:
        raise ValueError(f"refund: a {s.value} agreement states its refund (0 if none)")
    owed = disbursed - spent
    if a.refund.amount != owed:
        raise ValueError(
            f"refund: {a.refund.amount} refunded, but {disbursed} disbursed − {spent} spent = {owed}"
        )
