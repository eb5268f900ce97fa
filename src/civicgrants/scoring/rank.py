"""Ranking with an explicit, recorded tie-break cascade.

Order: total descending; among equal totals (exact equality) the cascade
(a) compares the normalised criterion scores in the call's ``tie_break``
order (default: the criteria in call order), descending; (b) the community
contribution share ``contribution / (contribution + requested)``, descending;
(c) a lot: ``numpy.random.default_rng(seed).permutation(k)`` over the
still-tied applications sorted by id; position ``j`` goes to
``sorted_ids[permutation[j]]``. A fresh generator seeded with the call's
``seed`` is used for each lot, so every lot can be re-drawn on its own.

Examples
--------
>>> from fractions import Fraction as F
>>> order, ties = rank_entries(
...     [Candidate("a", F(50), (F(1),), F(0)), Candidate("b", F(50), (F(1),), F(0))], ("r",), 0)
>>> [c.application for c in order], ties[0].steps, ties[0].lots[0].permutation
(['a', 'b'], ('lot',), (0, 1))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

import attrs

from civicgrants.model.display import shows

__all__ = ["Candidate", "Lot", "Tie", "draw_lot", "rank_entries"]


@shows
@attrs.frozen
class Candidate:
    """What ranking needs of one eligible application.

    Parameters
    ----------
    application : str
        The application's id.
    total : Fraction
        Its exact total (0..100).
    priority : tuple of Fraction
        Normalised criterion scores (0..1) in tie-break order.
    share : Fraction
        The community contribution share ``contribution / (contribution + requested)``.
    separated_by : str or None
        The cascade step that placed it below the previous application of
        equal total (set by `rank_entries()`): ``criterion:<key>``,
        ``contribution_share`` or ``lot``.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> Candidate("a1", F(70), (F(7, 10),), F(1, 10)).separated_by is None
    True

    See Also
    --------
    rank_entries : ranks candidates.
    civicgrants.scoring.decision.ApplicationDecision : keeps ``separated_by``.
    """

    application: str
    total: Fraction
    priority: tuple[Fraction, ...]
    """Normalised criterion scores in tie-break order."""
    share: Fraction
    separated_by: str | None = None
    """The cascade step that placed it below the previous application of equal total."""


@shows
@attrs.frozen
class Lot:
    """A lot drawn among still-tied applications: reproducible from ``seed``.

    Parameters
    ----------
    seed : int
        The seed of ``numpy.random.default_rng`` (the call's ``seed``).
    drawn_over : tuple of str
        The tied applications sorted by id.
    permutation : tuple of int
        ``default_rng(seed).permutation(len(drawn_over))``.
    order : tuple of str
        The drawn order: ``order[j] == drawn_over[permutation[j]]``.

    Examples
    --------
    >>> lot = Lot(0, ("a", "b", "c"), (2, 0, 1), ("c", "a", "b"))
    >>> lot.order == tuple(lot.drawn_over[p] for p in lot.permutation)
    True

    See Also
    --------
    draw_lot : draws one.
    Tie : keeps the lots that split it.
    """

    seed: int
    drawn_over: tuple[str, ...]
    """The tied applications sorted by id."""
    permutation: tuple[int, ...]
    order: tuple[str, ...]


@shows
@attrs.frozen
class Tie:
    """Applications with an equal total, in their resolved order, and how each pair was split.

    Parameters
    ----------
    total : Fraction
        The shared exact total.
    applications : tuple of str
        The tied applications in their resolved order.
    steps : tuple of str
        ``steps[i]`` separated ``applications[i]`` from ``applications[i + 1]``:
        ``criterion:<key>``, ``contribution_share`` or ``lot``.
    lots : tuple of Lot
        The lots drawn to split it, if any.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> tie = Tie(F(60), ("b", "a"), ("criterion:r",), ())
    >>> list(zip(tie.applications, tie.steps))
    [('b', 'criterion:r')]

    See Also
    --------
    rank_entries : finds the ties.
    Lot : a lot drawn inside a tie.
    civicgrants.scoring.decision.CommissionDecision : keeps them as ``ties``.
    """

    total: Fraction
    applications: tuple[str, ...]
    steps: tuple[str, ...]
    """``steps[i]`` separated ``applications[i]`` from ``applications[i + 1]``:
    ``criterion:<key>``, ``contribution_share`` or ``lot``."""
    lots: tuple[Lot, ...]


def draw_lot(applications: Sequence[str], seed: int) -> Lot:
    """Draw the order of tied applications with ``default_rng(seed).permutation(k)``.

    A fresh generator is made for each call, so a lot can be re-drawn on its
    own from the call's seed.

    Parameters
    ----------
    applications : sequence of str
        The still-tied applications, in any order (they are sorted by id first).
    seed : int
        The seed of ``numpy.random.default_rng``.

    Returns
    -------
    Lot
        The seed, the sorted ids, the permutation and the drawn order.

    Examples
    --------
    >>> draw_lot(["c", "a", "b"], 0)
    Lot(seed=0, drawn_over=('a', 'b', 'c'), permutation=(2, 0, 1), order=('c', 'a', 'b'))

    See Also
    --------
    rank_entries : draws a lot when the cascade ends in a tie.
    Lot : the result.
    """
    import numpy as np

    ids = tuple(sorted(applications))
    perm = tuple(int(i) for i in np.random.default_rng(seed).permutation(len(ids)))
    return Lot(seed, ids, perm, tuple(ids[p] for p in perm))


def _split(items: list[Candidate], key: Callable[[Candidate], Fraction]) -> list[list[Candidate]]:
    groups: dict[Fraction, list[Candidate]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return [groups[k] for k in sorted(groups, reverse=True)]


def _resolve(
    items: list[Candidate], step: int, names: Sequence[str], seed: int, lots: list[Lot]
) -> list[Candidate]:
    if len(items) == 1:
        return items
    if step == len(names):
        lot = draw_lot([c.application for c in items], seed)
        lots.append(lot)
        by_id = {c.application: c for c in items}
        ordered = [by_id[a] for a in lot.order]
        return [ordered[0], *(attrs.evolve(c, separated_by="lot") for c in ordered[1:])]
    if step < len(names) - 1:
        groups = _split(items, lambda c: c.priority[step])
    else:
        groups = _split(items, lambda c: c.share)
    out: list[Candidate] = []
    for n, group in enumerate(groups):
        resolved = _resolve(group, step + 1, names, seed, lots)
        if n > 0:
            resolved[0] = attrs.evolve(resolved[0], separated_by=names[step])
        out.extend(resolved)
    return out


def rank_entries(
    candidates: Sequence[Candidate], tie_keys: Sequence[str], seed: int
) -> tuple[list[Candidate], list[Tie]]:
    """The candidates in rank order, and every tie with the step that split it.

    Totals descending; equal totals are split by the cascade of the module
    docstring (the normalised scores in ``tie_keys`` order, then the
    contribution share, then a lot).

    Parameters
    ----------
    candidates : sequence of Candidate
        The eligible applications, in any order.
    tie_keys : sequence of str
        The criterion keys in tie-break order (the order of each
        candidate's ``priority``).
    seed : int
        The seed of every lot.

    Returns
    -------
    order : list of Candidate
        In rank order, each with ``separated_by`` set when it was split from
        the previous one of equal total.
    ties : list of Tie
        Every group of equal totals, best total first.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> order, ties = rank_entries(
    ...     [Candidate("a", F(60), (F(1, 2),), F(0)), Candidate("b", F(60), (F(7, 10),), F(0)),
    ...      Candidate("c", F(80), (F(1),), F(0))], ("r",), 0)
    >>> [(c.application, c.separated_by) for c in order]
    [('c', None), ('b', None), ('a', 'criterion:r')]
    >>> ties[0].applications, ties[0].steps
    (('b', 'a'), ('criterion:r',))

    See Also
    --------
    draw_lot : the last step of the cascade.
    Tie : one tie and how it was split.
    civicgrants.scoring.batch.rank_order : the vectorised float counterpart.
    """
    names = [*(f"criterion:{k}" for k in tie_keys), "contribution_share"]
    order: list[Candidate] = []
    ties: list[Tie] = []
    for group in _split(list(candidates), lambda c: c.total):
        group.sort(key=lambda c: c.application)
        lots: list[Lot] = []
        resolved = _resolve(group, 0, names, seed, lots)
        if len(resolved) > 1:
            steps = tuple(c.separated_by or "" for c in resolved[1:])
            ties.append(
                Tie(resolved[0].total, tuple(c.application for c in resolved), steps, tuple(lots))
            )
        order.extend(resolved)
    return order, ties
