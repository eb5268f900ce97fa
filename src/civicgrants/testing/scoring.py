"""Hypothesis strategies for commission scoring: valid calls with consistent score sheets.

Examples
--------
>>> from hypothesis import given, settings
>>> @settings(max_examples=5, deadline=None)
... @given(scored_calls())
... def check(pair):
...     call, sheet = pair
...     assert len(sheet.scores) <= len(call.applications) * len(call.members) * len(call.criteria)
>>> check()
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from civicgrants.model.money import Money
from civicgrants.model.programme import (
    Aggregation,
    Call,
    CallApplication,
    Criterion,
    Direction,
    LocalityLimit,
    Member,
)
from civicgrants.scoring.recusal import recusals
from civicgrants.scoring.sheet import Score, ScoreSheet

__all__ = ["scored_calls"]

_LOCALITIES = ("bautino", "borankul", "fort-shevchenko", "kuryk")


@st.composite
def _scored_calls(
    draw: st.DrawFn, max_applications: int, max_members: int, max_criteria: int, localities: bool
) -> tuple[Call, ScoreSheet]:
    n_a = draw(st.integers(1, max_applications))
    n_m = draw(st.integers(1, max_members))
    n_c = draw(st.integers(1, max_criteria))
    criteria = tuple(
        Criterion(
            f"c{k}",
            draw(st.sampled_from(Direction)),
            weight=Decimal(draw(st.integers(1 if k == 0 else 0, 3))),
            max=Decimal(draw(st.sampled_from([5, 10]))),
        )
        for k in range(n_c)
    )
    members = tuple(
        Member(f"m{j}", locality=draw(st.none() | st.sampled_from(_LOCALITIES))) for j in range(n_m)
    )
    apps = tuple(
        CallApplication(
            f"a{i}",
            draw(st.sampled_from(_LOCALITIES)),
            Decimal(draw(st.integers(1, 20)) * 1000),
            contribution=Decimal(draw(st.integers(0, 5)) * 500),
        )
        for i in range(n_a)
    )
    pot = Money(draw(st.integers(20, 20 * n_a)) * 1000)
    limits = []
    if localities:
        places = sorted({a.locality for a in apps})
        for place in draw(st.lists(st.sampled_from(places), unique=True, max_size=2)):
            low = draw(st.none() | st.integers(0, 2))
            high = draw(st.none() | st.integers(low or 0, 3))
            cap = draw(st.none() | st.integers(0, 80))
            floor = draw(st.none() | st.integers(0, 80 if cap is None else cap))
            limits.append(
                LocalityLimit(
                    place,
                    min_count=low,
                    max_count=high,
                    max_amount=None if cap is None else Decimal(cap * 500),
                    min_amount=None if floor is None else Decimal(floor * 500),
                )
            )
    call = Call(
        "prop",
        pot=pot,
        max_grant=Money(draw(st.integers(1, 20)) * 1000),
        criteria=criteria,
        members=members,
        applications=apps,
        recuse_same_locality=draw(st.booleans()),
        aggregation=draw(st.sampled_from(Aggregation)),
        seed=draw(st.integers(0, 3)),
        partial_funding=draw(st.booleans()),
        localities=tuple(limits),
    )
    banned = {(r.member, r.application) for r in recusals(call)}
    scores = []
    for a in apps:
        for m in members:
            if (m.id, a.id) in banned:
                continue
            for c in criteria:
                kind = draw(st.integers(0, 9))
                if kind == 0:
                    continue  # missing
                value = None if kind == 1 else Decimal(draw(st.integers(0, int(c.max))))
                conf = Decimal(draw(st.integers(1, 4))) / 4
                scores.append(Score(a.id, m.id, c.key, value, conf))
    return call, ScoreSheet(tuple(scores))


def scored_calls(
    *,
    max_applications: int = 8,
    max_members: int = 4,
    max_criteria: int = 3,
    localities: bool = False,
) -> st.SearchStrategy[tuple[Call, ScoreSheet]]:
    """A valid call (with pot, members, applications) and a sheet with no bad rows.

    Scores are integers on 0..5 or 0..10; some are missing or n/a; recused
    members give none; max_grant may exceed requests; scores are few, so ties
    (and lots) are common. With ``localities=True`` up to two localities get
    limits: any of ``min_count``, ``max_count``, ``max_amount`` and
    ``min_amount`` (amounts in steps of 500, ``min_amount <= max_amount``).

    Parameters
    ----------
    max_applications : int, optional
        At most this many applications (at least one); 8 by default.
    max_members : int, optional
        At most this many members (at least one); 4 by default.
    max_criteria : int, optional
        At most this many criteria (at least one; the first has non-zero
        weight); 3 by default.
    localities : bool, optional
        Whether up to two localities get limits; ``False`` by default.

    Returns
    -------
    SearchStrategy[tuple[Call, ScoreSheet]]
        Pairs of a call and its score sheet; the sheet holds no score from a
        member recused from that application.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from civicgrants.scoring.recusal import recusals
    >>> @settings(max_examples=5, database=None, deadline=None)
    ... @given(scored_calls(max_applications=3, localities=True))
    ... def check(pair):
    ...     call, sheet = pair
    ...     banned = {(r.member, r.application) for r in recusals(call)}
    ...     assert 1 <= len(call.applications) <= 3 and len(call.localities) <= 2
    ...     assert not any((s.member, s.application) in banned for s in sheet.scores)
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(scored_calls(), lambda _: True)  # one value it makes
    >>> call, sheet = simplest
    >>> type(call).__name__, type(sheet).__name__, len(call.applications) >= 1
    ('Call', 'ScoreSheet', True)

    See Also
    --------
    civicgrants.testing.panels.panels : the array form of a round.
    civicgrants.testing.strategies.calls : calls without a score sheet.
    civicgrants.scoring.commission.decide : what the pairs are usually fed to.
    """
    return _scored_calls(max_applications, max_members, max_criteria, localities)
