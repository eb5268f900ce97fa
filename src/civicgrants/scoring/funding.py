"""Funding under the call's pot: overrides, locality minimums, greedy-with-skip, partial grants.

All amounts are integer minor units (tiyn for tenge); nothing is rounded.
The order of the passes (see ``docs/scoring.md``):

1. ``not_fund`` overrides are skipped; ``fund`` overrides are funded first,
   eligible ones in rank order, then below-threshold ones in listing order
   (an error if the pot cannot pay them). They count towards locality limits
   but are not stopped by them.
2. Locality minimums: one walk down the ranking funds an eligible
   application of a locality that has not yet reached its ``min_count``
   grants *and* its ``min_amount`` granted, when the grant fits the remaining
   pot and the locality's ``max_count``/``max_amount``. A minimum the walk
   cannot reach (the pot, the maximums or too few eligible applications) is
   not an error: the walk just ends, and `shortfalls()` lists it (the
   protocol prints it).
3. Greedy-with-skip down the ranking: fund what fits the remaining pot and
   its locality's limits, skip (with the reason) what does not. With partial
   funding, the first application whose grant does not fit the pot (but whose
   locality's limits allow) receives the whole remaining pot (when it is
   more than 0), which ends the funding.

`pot_flip()` finds the smallest change of the pot that flips one
application's funded / not-funded decision, exactly, by stepping from one
pot value where any decision changes to the next.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import attrs

from civicgrants.errors import Problem, ValidationError
from civicgrants.model.display import shows
from civicgrants.model.money import Money
from civicgrants.scoring.decision import CommissionDecision, FundingInputs

__all__ = ["Funded", "FundingRun", "Shortfall", "fund", "pot_flip", "shortfalls"]


@shows
@attrs.frozen
class Funded:
    """The funding outcome of one application.

    Attributes
    ----------
    funded : bool
        Whether it receives money.
    granted : int
        Minor units granted (0 when not funded).
    partial : bool
        Whether ``granted`` is the remaining pot rather than the whole grant.
    how : str
        ``override``, ``locality_min``, ``greedy``, ``partial``, ``skipped_pot``,
        ``skipped_locality``, ``ended``, ``override_not_fund`` or ``below``.
    detail : tuple of int
        Numbers for the reason: the remaining pot (and the locality's room).
    limit : str
        The limit in the reason: for ``skipped_locality`` the maximum reached,
        for ``ended`` the partially funded application, for ``locality_min`` the
        minimum(s) being met: ``count``, ``amount`` or ``count and amount``.

    Examples
    --------
    >>> Funded(False, 0, False, "skipped_pot", (4000,))
    Funded(funded=False, granted=0, partial=False, how='skipped_pot', detail=(4000,), limit='')

    See Also
    --------
    FundingRun : holds one per application.
    fund : makes them.
    """

    funded: bool
    granted: int
    partial: bool
    how: str
    """``override``, ``locality_min``, ``greedy``, ``partial``, ``skipped_pot``,
    ``skipped_locality``, ``ended``, ``override_not_fund`` or ``below``."""
    detail: tuple[int, ...] = ()
    """Numbers for the reason: the remaining pot (and the locality's room)."""
    limit: str = ""
    """The limit in the reason: for ``skipped_locality`` the maximum reached,
    for ``ended`` the partially funded application, for ``locality_min`` the
    minimum(s) being met: ``count``, ``amount`` or ``count and amount``."""


@shows
@attrs.frozen
class FundingRun:
    """One run of the funding rules at one pot, with the pot interval where it stays the same.

    Attributes
    ----------
    pot : int
        The pot run, in minor units.
    outcomes : mapping of str to Funded
        The outcome per application.
    total : int
        Minor units granted in all.
    low : int
        The smallest pot giving the same decisions (every check passes the same way).
    high : float
        The largest such pot (``inf`` when no check would change going up).

    Examples
    --------
    >>> from decimal import Decimal as D
    >>> from civicgrants.model.money import Money
    >>> from civicgrants.model.programme import Call, CallApplication, Criterion, Direction, Member
    >>> from civicgrants.scoring import ScoreSheet, Score, decide
    >>> call = Call("c", pot=Money(100), criteria=(Criterion("r", Direction.HIGHER_IS_BETTER),),
    ...             members=(Member("m1"),), applications=(CallApplication("a1", "x", 60),
    ...             CallApplication("a2", "x", 50), CallApplication("a3", "y", 30)))
    >>> scores = (("a1", 8), ("a2", 7), ("a3", 6))
    >>> sheet = ScoreSheet(tuple(Score(a, "m1", "r", D(v)) for a, v in scores))
    >>> decision = decide(call, sheet)
    >>> run = fund(decision.funding_inputs, 10000)
    >>> run.total, run.low, run.high
    (9000, 9000, 10999)

    See Also
    --------
    fund : makes one.
    pot_flip : steps from one run's interval to the next.
    """

    pot: int
    outcomes: Mapping[str, Funded] = attrs.field(eq=False)
    total: int
    low: int
    """The smallest pot giving the same decisions (every check passes the same way)."""
    high: float
    """The largest such pot (``inf`` when no check would change going up)."""


def fund(inputs: FundingInputs, pot: int) -> FundingRun:
    """Run the funding rules at ``pot`` (minor units).

    The passes of the module docstring: overrides, locality minimums, then
    greedy-with-skip (with the optional partial grant). Each check that
    compares a grant with the remaining pot narrows the interval
    ``[low, high]`` of pots giving the same decisions.

    Parameters
    ----------
    inputs : FundingInputs
        Rank order, grants, localities and their limits, overrides, partial
        funding (from `CommissionDecision.funding_inputs`).
    pot : int
        The pot in minor units.

    Returns
    -------
    FundingRun
        The outcome per application, the total, and the pot interval.

    Raises
    ------
    civicgrants.errors.ValidationError
        When a ``fund`` override's grant does not fit the remaining pot.

    Examples
    --------
    >>> from decimal import Decimal as D
    >>> from civicgrants.model.money import Money
    >>> from civicgrants.model.programme import Call, CallApplication, Criterion, Direction, Member
    >>> from civicgrants.scoring import ScoreSheet, Score, decide
    >>> call = Call("c", pot=Money(100), criteria=(Criterion("r", Direction.HIGHER_IS_BETTER),),
    ...             members=(Member("m1"),), applications=(CallApplication("a1", "x", 60),
    ...             CallApplication("a2", "x", 50), CallApplication("a3", "y", 30)))
    >>> scores = (("a1", 8), ("a2", 7), ("a3", 6))
    >>> sheet = ScoreSheet(tuple(Score(a, "m1", "r", D(v)) for a, v in scores))
    >>> decision = decide(call, sheet)
    >>> run = fund(decision.funding_inputs, 10000)
    >>> {a: (f.how, f.granted) for a, f in run.outcomes.items()}
    {'a1': ('greedy', 6000), 'a2': ('skipped_pot', 0), 'a3': ('greedy', 3000)}
    >>> fund(decision.funding_inputs, 11000).outcomes["a2"].how
    'greedy'

    See Also
    --------
    FundingRun : the result.
    pot_flip : re-runs it at other pots.
    civicgrants.scoring.batch.fund_ranked : the vectorised counterpart.
    """
    remaining = pot
    low, high = 0, math.inf
    count: dict[str, int] = {}
    amount: dict[str, int] = {}
    out: dict[str, Funded] = {}

    def room(loc: str) -> tuple[bool, str]:
        if loc in inputs.max_count and count.get(loc, 0) >= inputs.max_count[loc]:
            return False, f"max_count {inputs.max_count[loc]}"
        return True, ""

    def amount_room(loc: str) -> int | None:
        if loc in inputs.max_amount:
            return inputs.max_amount[loc] - amount.get(loc, 0)
        return None

    def give(app: str, granted: int, how: str, partial: bool = False, limit: str = "") -> None:
        nonlocal remaining
        loc = inputs.locality[app]
        out[app] = Funded(True, granted, partial, how, (remaining,), limit)
        remaining -= granted
        count[loc] = count.get(loc, 0) + 1
        amount[loc] = amount.get(loc, 0) + granted

    def fits(app: str) -> bool:
        """Does the grant fit the remaining pot? Records the pot bound this check implies."""
        nonlocal low, high
        threshold = pot - remaining + inputs.grants[app]
        if inputs.grants[app] <= remaining:
            low = max(low, threshold)
            return True
        high = min(high, threshold - 1)
        return False

    for app in inputs.not_fund:
        if app not in inputs.below:
            out[app] = Funded(False, 0, False, "override_not_fund")
    for app in (
        *(a for a in inputs.ranked if a in inputs.fund),
        *(a for a in inputs.below if a in inputs.fund),
    ):
        if not fits(app):
            raise ValidationError(
                [
                    Problem(
                        "overrides",
                        f"{app!r} must be funded by override, but its grant "
                        f"{Money.from_minor(inputs.grants[app], inputs.currency)} does not fit "
                        f"the remaining pot {Money.from_minor(remaining, inputs.currency)}",
                    )
                ]
            )
        give(app, inputs.grants[app], "override")
    if inputs.min_count or inputs.min_amount:
        for app in inputs.ranked:
            if app in out:
                continue
            loc = inputs.locality[app]
            short_count = count.get(loc, 0) < inputs.min_count.get(loc, 0)
            short_amount = amount.get(loc, 0) < inputs.min_amount.get(loc, 0)
            if not (short_count or short_amount):
                continue
            ok, _ = room(loc)
            cap = amount_room(loc)
            if ok and (cap is None or inputs.grants[app] <= cap) and fits(app):
                which = " and ".join(
                    w for w, short in (("count", short_count), ("amount", short_amount)) if short
                )
                give(app, inputs.grants[app], "locality_min", limit=which)
    ended: str | None = None
    for app in inputs.ranked:
        if app in out:
            continue
        if ended is not None:
            out[app] = Funded(False, 0, False, "ended", limit=ended)
            continue
        loc = inputs.locality[app]
        ok, why = room(loc)
        cap = amount_room(loc)
        if ok and cap is not None and inputs.grants[app] > cap:
            ok, why = False, f"max_amount (room {Money.from_minor(cap, inputs.currency)})"
        if not ok:
            out[app] = Funded(False, 0, False, "skipped_locality", (remaining,), limit=why)
            continue
        if fits(app):
            give(app, inputs.grants[app], "greedy")
            continue
        if inputs.partial:
            spent = pot - remaining
            partial_ok = remaining > 0 and (cap is None or remaining <= cap)
            # the bounds of the partial-grant checks
            if remaining > 0:
                low = max(low, spent + 1)
            else:
                high = min(high, spent)
            if cap is not None:
                if remaining <= cap:
                    high = min(high, spent + cap)
                else:
                    low = max(low, spent + cap + 1)
            if partial_ok:
                give(app, remaining, "partial", partial=True)
                ended = app
                continue
        out[app] = Funded(False, 0, False, "skipped_pot", (remaining,))
    for app in inputs.below:
        if app not in out:
            out[app] = Funded(False, 0, False, "below")
    total = sum(f.granted for f in out.values())
    return FundingRun(pot, out, total, max(low, inputs.floor), high)


@shows
@attrs.frozen
class Shortfall:
    """A locality minimum the funding did not reach (amounts in minor units).

    Attributes
    ----------
    locality : str
        The locality's id.
    min_count : int or None
        The minimum count when it was not reached, else ``None``.
    count : int
        Grants the locality received.
    min_amount : int or None
        The minimum amount when it was not reached, else ``None``.
    amount : int
        Minor units the locality received.

    Examples
    --------
    >>> Shortfall("y", 2, 1, None, 3000).min_count
    2

    See Also
    --------
    shortfalls : finds them.
    civicgrants.scoring.reviewing.Review : lists them as ``shortfalls``.
    """

    locality: str
    min_count: int | None
    """The minimum count when it was not reached, else ``None``."""
    count: int
    """Grants the locality received."""
    min_amount: int | None
    """The minimum amount when it was not reached, else ``None``."""
    amount: int
    """Minor units the locality received."""


def shortfalls(decision: CommissionDecision) -> tuple[Shortfall, ...]:
    """The locality minimums ``decision`` did not reach, by locality id.

    The minimum pass funds what it can within the pot and the maximums and
    then stops; what it could not reach is reported here, not raised (the
    protocol prints it). Only the unreached minimum(s) are set on each
    `Shortfall`; localities whose minimums were all reached are absent.

    Parameters
    ----------
    decision : CommissionDecision
        The decision (its entries and funding inputs).

    Returns
    -------
    tuple of Shortfall
        One per locality with an unreached minimum, by locality id.

    Examples
    --------
    >>> from decimal import Decimal as D
    >>> from civicgrants.model.money import Money
    >>> from civicgrants.model.programme import Call, CallApplication, Criterion, Direction, Member
    >>> from civicgrants.scoring import ScoreSheet, Score, decide
    >>> call = Call("c", pot=Money(100), criteria=(Criterion("r", Direction.HIGHER_IS_BETTER),),
    ...             members=(Member("m1"),), applications=(CallApplication("a1", "x", 60),
    ...             CallApplication("a2", "x", 50), CallApplication("a3", "y", 30)))
    >>> scores = (("a1", 8), ("a2", 7), ("a3", 6))
    >>> sheet = ScoreSheet(tuple(Score(a, "m1", "r", D(v)) for a, v in scores))
    >>> decision = decide(call, sheet)
    >>> shortfalls(decision)
    ()
    >>> import attrs
    >>> from civicgrants.model.programme import LocalityLimit
    >>> call2 = attrs.evolve(call, localities=(LocalityLimit("y", min_count=2),))
    >>> shortfalls(decide(call2, sheet))
    (Shortfall(locality='y', min_count=2, count=1, min_amount=None, amount=3000),)

    See Also
    --------
    Shortfall : one unreached minimum.
    fund : the minimum pass.
    """
    inputs = decision.funding_inputs
    count: dict[str, int] = {}
    amount: dict[str, int] = {}
    for e in decision.entries:
        if e.funded:
            count[e.locality] = count.get(e.locality, 0) + 1
            amount[e.locality] = amount.get(e.locality, 0) + e.granted.minor_units
    out = []
    for loc in sorted({*inputs.min_count, *inputs.min_amount}):
        n, total = count.get(loc, 0), amount.get(loc, 0)
        need_n = inputs.min_count.get(loc)
        need_a = inputs.min_amount.get(loc)
        miss_n = need_n if need_n is not None and n < need_n else None
        miss_a = need_a if need_a is not None and total < need_a else None
        if miss_n is not None or miss_a is not None:
            out.append(Shortfall(loc, miss_n, n, miss_a, total))
    return tuple(out)


def pot_flip(decision: CommissionDecision, application: str) -> Money | None:
    """The smallest signed change of the pot that flips ``application``'s funded decision.

    Greedy-with-skip is not monotone in the pot, so this steps exactly, in
    minor units, from the current pot to the next pot value at which *any*
    decision changes, upwards and downwards, until this application's
    decision flips. Returns ``None`` when no pot flips it (below threshold,
    an override, or a locality limit decides it); when a rise and a cut are
    equally small, the cut (negative change) is returned. Pots below the
    call's ``max_grant`` (an invalid call) are not searched.

    Parameters
    ----------
    decision : CommissionDecision
        The decision (its pot and funding inputs).
    application : str
        The application whose decision should flip.

    Returns
    -------
    Money or None
        The signed change of the pot (positive: a rise), or ``None``.

    Raises
    ------
    KeyError
        ``application`` is not in the call.

    Examples
    --------
    ``a2`` (50) is skipped at a pot of 100 after ``a1`` (60); 10 more funds it,
    and then ``a3`` (30) no longer fits. More examples in ``docs/scoring.md``.

    >>> from decimal import Decimal as D
    >>> from civicgrants.model.money import Money
    >>> from civicgrants.model.programme import Call, CallApplication, Criterion, Direction, Member
    >>> from civicgrants.scoring import ScoreSheet, Score, decide
    >>> call = Call("c", pot=Money(100), criteria=(Criterion("r", Direction.HIGHER_IS_BETTER),),
    ...             members=(Member("m1"),), applications=(CallApplication("a1", "x", 60),
    ...             CallApplication("a2", "x", 50), CallApplication("a3", "y", 30)))
    >>> scores = (("a1", 8), ("a2", 7), ("a3", 6))
    >>> sheet = ScoreSheet(tuple(Score(a, "m1", "r", D(v)) for a, v in scores))
    >>> decision = decide(call, sheet)
    >>> print(pot_flip(decision, "a2"), pot_flip(decision, "a3"), pot_flip(decision, "a1"))
    10.00 KZT 10.00 KZT -40.01 KZT

    See Also
    --------
    fund : the funding rules run at each pot.
    civicgrants.scoring.reviewing.LineFlip : reports it as ``pot_change``.
    """
    inputs = decision.funding_inputs
    if application not in inputs.grants:
        raise KeyError(f"unknown application {application!r}")
    pot = decision.pot.minor_units
    start = fund(inputs, pot)
    was = start.outcomes[application].funded
    best: int | None = None
    # upwards
    run = start
    limit_up = pot + sum(inputs.grants.values()) + 1
    while run.high != math.inf and run.high + 1 <= limit_up:
        nxt = int(run.high) + 1
        run = fund(inputs, nxt)
        if run.outcomes[application].funded != was:
            best = nxt - pot
            break
    # downwards
    run = start
    while run.low - 1 >= inputs.floor:
        nxt = run.low - 1
        try:
            run = fund(inputs, nxt)
        except ValidationError:  # fund-overrides no longer fit: not a valid decision
            break
        if run.outcomes[application].funded != was:
            if best is None or pot - nxt <= best:
                best = nxt - pot
            break
        if best is not None and pot - nxt >= best:
            break
    return None if best is None else Money.from_minor(best, inputs.currency)
