"""Hypothesis strategies and examples for grant agreements.

`agreements()` draws agreements at every point of their lifecycle, built the
way a programme builds them: a draft with a tranche schedule, then a random
sequence of the operations of `civicgrants.agreement.ledger` (sign,
disburse, spend, close, terminate), each allowed by the state it meets.
Downstream test suites check their own invariants on them::

    from hypothesis import given

    from civicgrants.agreement import ledger
    from civicgrants.testing.agreement import agreements


    @given(agreements())
    def test_no_money_is_lost(agreement):
        book = ledger(agreement)
        assert book.disbursed == book.spent + book.refunded + book.held
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from civicgrants.agreement.ledger import close, disburse, sign, spend, terminate
from civicgrants.agreement.model import (
    AgreementStatus,
    Decision,
    DecisionKind,
    GrantAgreement,
    Tranche,
)
from civicgrants.budget.execution import Actual
from civicgrants.budget.model import Source
from civicgrants.model.money import Money, allocate

__all__ = ["agreements", "draft_agreements", "example_agreement", "regrant"]

_START = dt.date(2021, 3, 1)


def example_agreement() -> GrantAgreement:
    """A small draft agreement: 1 000 000 tenge in two tranches, 600 000 and 400 000.

    Returns
    -------
    GrantAgreement
        ``ga-example``, a commission's award for 2021-03-01 to 2021-12-31.

    Examples
    --------
    >>> [str(t.amount) for t in example_agreement().tranches]
    ['600000.00 KZT', '400000.00 KZT']

    See Also
    --------
    agreements : many, in every status.
    """
    return GrantAgreement(
        "ga-example",
        "14",
        "Foundation",
        "Initiative group «Күншуақ»",
        Decision(DecisionKind.COMMISSION, "call-2021"),
        Money(1_000_000),
        _START,
        dt.date(2021, 12, 31),
        tranches=(
            Tranche("t1", dt.date(2021, 3, 5), Money(600_000)),
            Tranche("t2", dt.date(2021, 7, 1), Money(400_000), "interim report accepted"),
        ),
    )


def regrant(parent: GrantAgreement, key: str, line: str, award: Money) -> GrantAgreement:
    """A draft small grant under ``parent``, paid from its budget ``line`` in one tranche.

    Parameters
    ----------
    parent : GrantAgreement
        The NGO's own agreement.
    key : str
        Appended to the parent's id to make the sub-agreement's.
    line : str
        The parent budget's line that pays for it.
    award : Money
        The small grant.

    Returns
    -------
    GrantAgreement
        A draft sub-agreement for the parent's period, decided directly by the parent.

    Examples
    --------
    >>> sub = regrant(example_agreement(), "r1", "3.3.b", Money(200_000))
    >>> sub.id, sub.parent, sub.line
    ('ga-example-r1', 'ga-example', '3.3.b')

    See Also
    --------
    civicgrants.agreement.check_regrants : checks them against the line.
    """
    return GrantAgreement(
        f"{parent.id}-{key}",
        f"{parent.number}/{key}",
        parent.grantee,
        f"sub-grantee {key}",
        Decision(DecisionKind.DIRECT, parent.id),
        award,
        parent.start,
        parent.end,
        tranches=(Tranche("t1", parent.start, award),),
        parent=parent.id,
        line=line,
    )


@st.composite
def draft_agreements(draw: st.DrawFn) -> GrantAgreement:
    """Draft agreements: an award of 1 tiyn to 100 million tenge in 1 to 4 tranches.

    The tranches split the award exactly (`civicgrants.model.money.allocate()`
    with drawn weights), so they always add up to it.

    Parameters
    ----------
    draw : hypothesis.strategies.DrawFn
        Supplied by hypothesis: call ``draft_agreements()`` without arguments.

    Returns
    -------
    SearchStrategy[GrantAgreement]
        Drafts with tranches due on or after 2021-03-01.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(draft_agreements())
    ... def adds_up(a):
    ...     assert Money.sum(t.amount for t in a.tranches) == a.award
    >>> adds_up()

    See Also
    --------
    agreements : agreements further along.
    """
    award = Money(Decimal(draw(st.integers(1, 10_000_000_000))).scaleb(-2))
    weights = draw(st.lists(st.integers(1, 10), min_size=1, max_size=4))
    parts = allocate(award, weights).parts
    tranches = tuple(
        Tranche(f"t{i}", _START + dt.timedelta(days=30 * (i - 1)), amount)
        for i, amount in enumerate(parts, 1)
    )
    return GrantAgreement(
        f"ga-{draw(st.integers(1, 999))}",
        "1",
        "Foundation",
        "NGO",
        Decision(draw(st.sampled_from(list(DecisionKind))), "call"),
        award,
        _START,
        dt.date(2021, 12, 31),
        tranches=tranches,
    )


@st.composite
def agreements(draw: st.DrawFn, *, steps: int = 8) -> GrantAgreement:
    """Agreements at every point of their lifecycle, reached by legal operations.

    Parameters
    ----------
    draw : hypothesis.strategies.DrawFn
        Supplied by hypothesis.
    steps : int, optional
        At most this many operations after the draft.

    Returns
    -------
    SearchStrategy[GrantAgreement]
        Drafts, signed, active (partly or fully paid, partly spent), closed and
        terminated agreements; every one valid, as every one is built by the
        operations.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from civicgrants.agreement import ledger
    >>> @settings(max_examples=30, database=None, deadline=None)
    ... @given(agreements())
    ... def conserved(a):
    ...     book = ledger(a)
    ...     assert book.disbursed == book.spent + book.refunded + book.held
    >>> conserved()

    See Also
    --------
    draft_agreements : the drafts they start from.
    """
    a = draw(draft_agreements())
    day = _START
    for _ in range(draw(st.integers(0, steps))):
        day += dt.timedelta(days=draw(st.integers(0, 20)))
        a = _step(draw, a, day)
        if a.status.final:
            break
    return a


def _step(draw: st.DrawFn, a: GrantAgreement, day: dt.date) -> GrantAgreement:
    if a.status is AgreementStatus.DRAFT:
        return sign(a, day) if draw(st.integers(0, 9)) else terminate(a, day, "withdrawn")
    unpaid = [t for t in a.tranches if t.amount > a.disbursed(t.key)]
    held = a.disbursed() - a.spent()
    moves = ["terminate"]
    if unpaid:
        moves += ["disburse"] * 4
    if a.status is AgreementStatus.ACTIVE:
        moves += ["close"]
        if held.amount > 0:
            moves += ["spend"] * 4
    move = draw(st.sampled_from(moves))
    if move == "disburse":
        t = draw(st.sampled_from(unpaid))
        left = t.amount - a.disbursed(t.key)
        return disburse(a, t.key, day, _part(draw, left))
    if move == "spend":
        amount = _part(draw, held)
        source = draw(st.sampled_from([Source.GRANT, Source.GRANT, Source.OWN]))
        return spend(a, [Actual(draw(st.sampled_from(["1.1", "1.2", "2.1"])), source, amount)])
    if move == "close":
        return close(a, day)
    return terminate(a, day, "breach")


def _part(draw: st.DrawFn, whole: Money) -> Money:
    """A part of ``whole``, 1 tiyn at least, all of it often."""
    tiyn = int(whole.amount.scaleb(2))
    taken = draw(st.one_of(st.just(tiyn), st.integers(1, tiyn)))
    return Money(Decimal(taken).scaleb(-2), whole.currency)
