"""Tie-breaking between projects a rule values alike.

``lexico`` (pabutools' default, and the only tie-breaking our selections are
checked against) orders by project id in code-point order; ``min_cost``,
``max_cost`` and ``app_score`` (most supporters) break the remaining ties by id.
``refuse`` (pabutools ``refuse_tie_breaking``) breaks no tie: a rule that meets
one raises `TieRefused` naming the tied projects (`refuse_tie()`).
``equalshares`` is equalshares.net's recommended chain: the lowest cost, then the
most votes, then a lot drawn from a seed (`lot()`), recorded so it can be replayed.

Examples
--------
>>> from civicgrants.pb.election import Election
>>> e = Election.from_ballots({"b": 5, "a": 9}, [["b"], ["b"]], budget=10)
>>> tie_keys(e, "lexico"), tie_keys(e, "max_cost"), tie_keys(e, "app_score")
([1, 0], [1, 0], [0, 1])
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from civicgrants.errors import TieRefused
from civicgrants.pb.election import Election, invalid

__all__ = ["TIE_BREAKS", "lot", "refuse_tie", "tie_keys"]

TIE_BREAKS: tuple[str, ...] = (
    "lexico",
    "min_cost",
    "max_cost",
    "app_score",
    "refuse",
    "equalshares",
)
"""Tie-breaking names accepted by ``tie_break=`` (``lexico`` is pabutools' default).

``refuse`` ranks like ``lexico`` but a rule that meets a tie raises `TieRefused`;
``equalshares`` needs a seed for its lot.
"""


def lot(election: Election, seed: int) -> tuple[str, ...]:
    """The project ids in the order of a lot drawn from ``seed`` (replayable).

    A uniformly random order from ``numpy.random.default_rng(seed)``; the same
    seed and projects always give the same order.

    Parameters
    ----------
    election : Election
        The vote.
    seed : int
        The lot's seed (0 or more).

    Returns
    -------
    tuple of str
        Every project id, first drawn first.

    Raises
    ------
    ValidationError
        A negative seed.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 1, "b": 1, "c": 1}, [["a"]], budget=1)
    >>> lot(e, 7) == lot(e, 7), sorted(lot(e, 7))
    (True, ['a', 'b', 'c'])

    See Also
    --------
    tie_keys : uses it as the last key of ``equalshares``.
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise invalid("seed", f"must be a whole number >= 0, got {seed!r}")
    order = np.random.default_rng(seed).permutation(election.n_projects)
    return tuple(election.project_ids[int(i)] for i in order)


def refuse_tie(
    election: Election, tie_break: str, tied: Iterable[int], rule: str, where: str
) -> None:
    """Raise `TieRefused` when ``tie_break`` is ``refuse`` and more than one project is tied.

    Every rule calls it where it must choose between projects it values alike,
    with the positions of all the tied ones (the chosen one included). Unlike
    pabutools, whose greedy and Phragmén rules consult the tie-break even for a
    single best project (so ``refuse`` always raises there), only a real tie
    (two or more) is refused.

    Parameters
    ----------
    election : Election
        The vote.
    tie_break : str
        The rule's tie-break; nothing happens unless it is ``refuse``.
    tied : iterable of int
        The tied projects' positions.
    rule : str
        The rule's name, for the message.
    where : str
        When the tie came (``"round 2"``), for the message.

    Raises
    ------
    TieRefused
        ``tie_break`` is ``refuse`` and two or more projects are tied.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 5, "b": 5}, [["a", "b"]], budget=5)
    >>> refuse_tie(e, "refuse", [0], "greedy", "step 1")
    >>> refuse_tie(e, "lexico", [0, 1], "greedy", "step 1")
    >>> refuse_tie(e, "refuse", [1, 0], "greedy", "step 1")
    Traceback (most recent call last):
    ...
    civicgrants.errors.TieRefused: greedy: a tie between a, b in step 1, and tie_break='refuse' does not break ties

    See Also
    --------
    tie_keys : the ranks that break ties otherwise.
    """
    if tie_break != "refuse":
        return
    ids = sorted({election.project_ids[i] for i in tied})
    if len(ids) > 1:
        raise TieRefused(rule, ids, where)


def tie_keys(election: Election, tie_break: str, seed: int | None = None) -> list[int]:
    """Each project's rank under ``tie_break`` (lower wins); ids break remaining ties.

    Parameters
    ----------
    election : Election
        The vote.
    tie_break : str
        One of `TIE_BREAKS`.
    seed : int, optional
        The lot's seed; needed by ``equalshares`` (whose last key is `lot()`).

    Returns
    -------
    list of int
        The rank of each project, aligned with ``election.project_ids``.

    Raises
    ------
    ValidationError
        An unknown ``tie_break``, or ``equalshares`` without a seed.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"b": 5, "a": 9, "c": 5}, [["c"], ["c"], ["a"]], budget=10)
    >>> tie_keys(e, "lexico"), tie_keys(e, "min_cost"), tie_keys(e, "app_score")
    ([1, 0, 2], [0, 2, 1], [2, 1, 0])
    >>> tie_keys(e, "equalshares", seed=1)  # c (cheapest, most votes), b, then a
    [1, 2, 0]
    >>> tie_keys(e, "random")
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: tie_break: must be one of lexico, min_cost, max_cost, app_score, refuse, equalshares, got 'random'

    See Also
    --------
    TIE_BREAKS : the tie-breaking names.
    civicgrants.pb.rules.greedy.greedy : breaks ties between equal densities with it.
    civicgrants.pb.rules.equal_shares.equal_shares : breaks ties between equal ``rho`` with it.
    """
    ids = election.project_ids
    if tie_break not in TIE_BREAKS:
        raise invalid("tie_break", f"must be one of {', '.join(TIE_BREAKS)}, got {tie_break!r}")
    keys: list[tuple[Any, ...]]
    if tie_break in ("lexico", "refuse"):
        keys = [(p,) for p in ids]
    elif tie_break == "min_cost":
        keys = [(c, p) for c, p in zip(election.costs, ids, strict=True)]
    elif tie_break == "max_cost":
        keys = [(-c, p) for c, p in zip(election.costs, ids, strict=True)]
    elif tie_break == "app_score":
        counts = np.bincount(election.indices, minlength=election.n_projects)
        keys = [(-int(n), p) for n, p in zip(counts, ids, strict=True)]
    else:
        if seed is None:
            raise invalid("seed", "tie_break 'equalshares' draws a lot: give it a seed")
        drawn = {p: k for k, p in enumerate(lot(election, seed))}
        counts = np.bincount(election.indices, minlength=election.n_projects)
        keys = [(c, -int(n), drawn[p]) for c, n, p in zip(election.costs, counts, ids, strict=True)]
    order = sorted(range(len(ids)), key=lambda i: keys[i])
    rank = [0] * len(ids)
    for r, i in enumerate(order):
        rank[i] = r
    return rank
