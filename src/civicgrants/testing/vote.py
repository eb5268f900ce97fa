"""Hypothesis strategies for residents' votes (`Election`).

Elections are small and tie-heavy on purpose: costs come from a few values, ids
sort in a known order, so tie-breaking and near-ties are exercised.

>>> from hypothesis import given, settings
>>> from civicgrants.pb import greedy
>>> @settings(max_examples=5, deadline=None)
... @given(elections())
... def test(e):
...     assert greedy(e).cost <= e.budget
>>> test()
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from civicgrants.pb.election import Election, VoteType

__all__ = ["elections"]

_IDS = ("p1", "p10", "p2", "p3", "a", "b7", "B")


@st.composite
def elections(
    draw: Any,
    vote_type: VoteType | None = None,
    *,
    max_projects: int = 6,
    max_voters: int = 8,
    allow_free: bool = False,
) -> Election:
    """A small valid election of ``vote_type`` (drawn when ``None``).

    Parameters
    ----------
    draw : callable
        Hypothesis' draw (given by `hypothesis.strategies.composite()`).
    vote_type : str, optional
        ``approval``, ``cumulative``, ``ordinal`` or ``scoring`` (scores from -3 to 3);
        drawn from the first three when ``None``.
    max_projects, max_voters : int
        Upper bounds of the election's size.
    allow_free : bool
        Whether a project may cost 0.

    Returns
    -------
    Election
        Costs from a few small values, ids from a fixed tie-prone set.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> seen = set()
    >>> @settings(max_examples=10, deadline=None, database=None)
    ... @given(elections("ordinal", max_projects=3))
    ... def check(e):
    ...     seen.add((e.vote_type, e.n_projects <= 3, min(e.costs) >= 1))
    >>> check()
    >>> seen
    {('ordinal', True, True)}

    See Also
    --------
    civicgrants.pb.election.Election.from_ballots : how the election is built.
    civicgrants.pb.rules.greedy.greedy : a rule to test with it.
    civicgrants.pb.rules.equal_shares.equal_shares : another rule to test with it.
    """
    kind: VoteType = vote_type or draw(st.sampled_from(["approval", "cumulative", "ordinal"]))
    n_p = draw(st.integers(1, min(max_projects, len(_IDS))))
    ids = draw(st.permutations(_IDS))[:n_p]
    low = 0 if allow_free else 1
    costs = {p: draw(st.sampled_from([c for c in (0, 1, 2, 3, 5, 6, 10) if c >= low])) for p in ids}
    budget = draw(st.integers(0, max(1, sum(costs.values()))))
    n_v = draw(st.integers(0, max_voters))
    ballots: list[Any] = []
    for _ in range(n_v):
        chosen = draw(st.lists(st.sampled_from(ids), unique=True, max_size=n_p))
        if kind == "cumulative":
            ballots.append({p: draw(st.integers(1, 3)) for p in chosen})
        elif kind == "scoring":
            ballots.append({p: draw(st.integers(-3, 3)) for p in chosen})
        else:
            ballots.append(chosen)
    return Election.from_ballots(costs, ballots, budget=budget, vote_type=kind)
