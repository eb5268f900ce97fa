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
    """
    return _scored_calls(max_applications, max_members, max_criteria, localities)
