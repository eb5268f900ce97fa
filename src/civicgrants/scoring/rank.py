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

__all__ = ["Candidate", "Lot", "Tie", "draw_lot", "rank_entries"]


@attrs.frozen
class Candidate:
    """What ranking needs of one eligible application."""

    application: str
    total: Fraction
    priority: tuple[Fraction, ...]
    """Normalised criterion scores in tie-break order."""
    share: Fraction
    separated_by: str | None = None
    """The cascade step that placed it below the previous application of equal total."""


@attrs.frozen
class Lot:
    """A lot drawn among still-tied applications: reproducible from ``seed``."""

    seed: int
    drawn_over: tuple[str, ...]
    """The tied applications sorted by id."""
    permutation: tuple[int, ...]
    order: tuple[str, ...]


@attrs.frozen
class Tie:
    """Applications with an equal total, in their resolved order, and how each pair was split."""

    total: Fraction
    applications: tuple[str, ...]
    steps: tuple[str, ...]
    """``steps[i]`` separated ``applications[i]`` from ``applications[i + 1]``:
    ``criterion:<key>``, ``contribution_share`` or ``lot``."""
    lots: tuple[Lot, ...]


def draw_lot(applications: Sequence[str], seed: int) -> Lot:
    """Draw the order of tied applications with ``default_rng(seed).permutation(k)``."""
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
    """The candidates in rank order, and every tie with the step that split it."""
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
