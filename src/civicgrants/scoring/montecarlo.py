"""Funding-line sensitivity: how robust is each decision near the line.

Two questions for each application near the funding line:

1. **How likely is its decision to flip under score noise?** Monte Carlo: each
   of ``draws`` draws adds independent Gaussian noise (standard deviation
   ``noise[c]`` on criterion ``c``, default one scale step) to every usable
   individual score, clips it to the scale ``[min, max]`` (no rounding to the
   step; unusable cells stay unusable), and re-runs the whole decision
   (calibration, aggregation, thresholds, ranking, funding) with
   `decide_batch()`. The flip probability is the
   share of draws whose funded / not-funded outcome differs from the base
   decision, with its Monte Carlo standard error ``sqrt(p (1 - p) / draws)``.
   The random generator is ``numpy.random.default_rng(seed)``; noise is drawn in
   blocks of ``CHUNK`` draws, so the same ``(panel, draws, noise, seed)`` gives
   the same result, bit for bit.
2. **What is the smallest change of one member's score that flips it?** Over
   every usable cell (member, criterion) of the application and every signed
   number of scale steps that keeps the score on the scale, the decision is
   re-run with that one cell changed (all candidates in one batch); the change
   with the fewest steps that flips the decision is reported (ties: lower
   member index, then lower criterion index, then the downward change).
   ``None`` when no single-cell change flips it.

"Near the line"
---------------
Take the base ranking (eligible applications by the ranking cascade, then the
ones below threshold by total) and drop the applications with an override
(their decision does not depend on scores). In that sequence, let ``f`` be the
position of the first application not funded and ``l`` the position of the last
funded one (``f = n`` when all are funded, ``l = -1`` when none is). The
boundary zone is positions ``min(f, l + 1) .. max(l, f - 1)``: empty-width
(``l = f - 1``) when the funded ones form a top block, wider when greedy
funding skipped one and funded a lower one. Applications within ``near``
positions of the zone are reported: positions
``min(f, l + 1) - near .. max(l, f - 1) + near``, clipped to the sequence. With a
top block of ``k`` funded that is the last ``near`` funded and the first
``near`` not funded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs
import numpy as np
from numpy.typing import NDArray

from civicgrants.errors import Problem, ValidationError
from civicgrants.model.display import shows
from civicgrants.model.money import DEFAULT_CURRENCY, Money
from civicgrants.model.progress import Progress, report
from civicgrants.scoring.batch import (
    F64,
    Panel,
    decide_internal,
    fund_ranked,
    internal_scores,
    rank_order,
    stages,
    usable_mask,
)

__all__ = ["CHUNK", "Flip", "ScoreChange", "flip_probabilities", "funding_line_sensitivity"]

CHUNK = 1000
"""Draws simulated per block (fixed: part of what makes a seed reproducible)."""


@shows
@attrs.frozen
class ScoreChange:
    """The smallest change of one member's score that flips a decision.

    ``steps`` is signed (``to = from_ + steps * step``).

    Attributes
    ----------
    member : int
        The member's index in the panel.
    member_id : str
        The member's label.
    criterion : int
        The criterion's index in the panel.
    criterion_id : str
        The criterion's label.
    from_ : float
        The score now.
    to : float
        The score that flips the decision (on the scale).
    steps : int
        Signed number of scale steps; fewest first.

    Examples
    --------
    >>> ScoreChange(0, "m0", 0, "c0", 6.0, 8.0, 2).to
    8.0

    See Also
    --------
    Flip : carries one as ``change``.
    civicgrants.scoring.reviewing.ScoreStep : the same in the review, with exact decimals.
    """

    member: int
    member_id: str
    criterion: int
    criterion_id: str
    from_: float
    to: float
    steps: int


@shows
@attrs.frozen
class Flip:
    """The sensitivity of one application's decision near the funding line.

    Attributes
    ----------
    application, application_id
        Index and label of the application.
    position
        Position in the base ranking sequence without overridden applications (0 = best).
    decision
        Base decision: ``"funded"``, ``"not_funded"`` or ``"below_threshold"``.
    funded, granted, total
        Base outcome: whether funded, the money granted (a
        `Money`, zero when not funded) and the
        total score out of 100 (``nan`` = none).
    probability, stderr
        Share of Monte Carlo draws whose funded/not-funded outcome differs from
        the base one, and its standard error.
    change
        Smallest single-score change that flips the decision, or ``None``.
    draws, seed, noise
        The simulation settings (noise: standard deviation per criterion).

    Examples
    --------
    >>> from civicgrants.scoring.batch import Panel
    >>> panel = Panel.from_arrays([[[9.0]], [[7.0]], [[6.0]]], lo=0, hi=10,
    ...                           grant=[10, 10, 10], pot=20)
    >>> for f in funding_line_sensitivity(panel, draws=500, near=1):
    ...     print(f.application_id, f.position, f.decision, f.granted, f.change.from_, f.change.to)
    a1 1 funded 0.10 KZT 7.0 5.0
    a2 2 not_funded 0.00 KZT 6.0 8.0

    See Also
    --------
    funding_line_sensitivity : makes them.
    ScoreChange : the smallest flipping change.
    civicgrants.scoring.reviewing.LineFlip : the same in the review.
    """

    application: int
    application_id: str
    position: int
    decision: str
    funded: bool
    granted: Money
    total: float
    probability: float
    stderr: float
    change: ScoreChange | None
    draws: int
    seed: int
    noise: tuple[float, ...]


def _noise(panel: Panel, noise: float | Sequence[float] | None) -> F64:
    n_c = panel.shape[2]
    if noise is None:
        return np.array(panel.step, dtype=np.float64)
    sd = np.asarray(noise, dtype=np.float64)
    if sd.ndim == 0:
        sd = np.full(n_c, float(sd))
    if sd.shape != (n_c,) or not np.all(np.isfinite(sd)) or np.any(sd < 0):
        raise ValidationError(
            [Problem("noise", f"must be None, a number >= 0 or {n_c} numbers >= 0, got {noise!r}")]
        )
    return sd


def _check_draws(draws: int, seed: int) -> None:
    if int(draws) != draws or draws < 1:
        raise ValidationError([Problem("draws", f"must be an integer >= 1, got {draws!r}")])
    if int(seed) != seed or seed < 0:
        raise ValidationError([Problem("seed", f"must be an integer >= 0, got {seed!r}")])


def _funded_counts(
    panel: Panel, draws: int, sd: F64, seed: int, progress: Progress | None = None
) -> NDArray[np.int64]:
    """How many of ``draws`` noisy draws fund each application (the pure Monte Carlo).

    ``progress(done, draws)`` is called after each block of draws; it sees the
    count only, so the result is the same with or without it.
    """
    rng = np.random.default_rng(seed)
    mask = usable_mask(panel)
    base = np.nan_to_num(panel.scores, nan=0.0).transpose(0, 2, 1)  # [A, C, M]
    sd_cell = (sd[:, None] * mask).astype(np.float32)  # [A, C, M], 0 where unusable
    lo = panel.lo[:, None]
    hi = panel.hi[:, None]
    n_a = panel.shape[0]
    counts = np.zeros(n_a, dtype=np.int64)
    done = 0
    report(progress, done, draws)
    while done < draws:
        d = min(CHUNK, draws - done)
        z = rng.standard_normal((d, *base.shape), dtype=np.float32)
        z *= sd_cell
        x = np.add(z, base, dtype=np.float64)
        np.clip(x, lo, hi, out=x)
        x *= mask
        funded, _ = decide_internal(panel, x, mask)
        counts += funded.sum(axis=0)
        done += d
        report(progress, done, draws)
    return counts


def flip_probabilities(
    panel: Panel,
    *,
    draws: int = 10_000,
    noise: float | Sequence[float] | None = None,
    seed: int = 0,
    progress: Progress | None = None,
) -> tuple[F64, F64]:
    """Monte Carlo share of draws in which each application is funded, and its standard error.

    The pure Monte Carlo part of `funding_line_sensitivity()`, for every
    application (``[A]`` arrays). The flip probability of an application funded
    in the base decision is ``1 - p``, of one not funded ``p``.

    Parameters
    ----------
    panel : Panel
        The round.
    draws : int
        Monte Carlo draws (>= 1).
    noise : float | sequence of C floats | None
        Standard deviation of the noise per criterion, in scale units; ``None``
        = one scale step of each criterion; ``0`` = no noise.
    seed : int
        Seed of ``numpy.random.default_rng`` (>= 0).
    progress : Progress, optional
        Called as ``progress(done, draws)`` after each block of draws; the
        result does not depend on it.

    Returns
    -------
    p : numpy.ndarray
        ``float64 [A]``: share of draws in which each application is funded.
    stderr : numpy.ndarray
        ``float64 [A]``: its Monte Carlo standard error ``sqrt(p (1 - p) / draws)``.

    Raises
    ------
    civicgrants.errors.ValidationError
        When ``draws`` or ``seed`` is not a valid integer, or ``noise`` has the
        wrong shape or a negative or non-finite value.

    Examples
    --------
    >>> import numpy as np
    >>> panel = Panel.from_arrays(
    ...     np.array([[[9.0], [9.0]], [[1.0], [1.0]]]), lo=0, hi=10, grant=[5, 5], pot=5
    ... )
    >>> p, se = flip_probabilities(panel, draws=200, seed=1)
    >>> p.tolist(), se.tolist()
    ([1.0, 0.0], [0.0, 0.0])

    See Also
    --------
    funding_line_sensitivity : flip probabilities and smallest changes near the line.
    civicgrants.scoring.batch.decide_batch : the decision run on each draw.
    """
    _check_draws(draws, seed)
    sd = _noise(panel, noise)
    p = _funded_counts(panel, int(draws), sd, int(seed), progress) / draws
    return p, np.sqrt(p * (1 - p) / draws)


def _window(
    panel: Panel, perm: NDArray[np.int64], funded: NDArray[np.bool_], near: int
) -> list[int]:
    seq = [int(i) for i in perm if panel.forced[i] == 0]
    n = len(seq)
    if n == 0:
        return []
    flags = [bool(funded[i]) for i in seq]
    f = next((p for p, v in enumerate(flags) if not v), n)
    last = max((p for p, v in enumerate(flags) if v), default=-1)
    start = max(min(f, last + 1) - near, 0)
    stop = min(max(last, f - 1) + near, n - 1)
    return seq[start : stop + 1] if start <= stop else []


def _smallest_changes(
    panel: Panel, apps: list[int], base_funded: NDArray[np.bool_]
) -> dict[int, ScoreChange | None]:
    """For each application, the smallest single-cell change that flips it (one batch)."""
    _, n_m, n_c = panel.shape
    s = panel.scores
    cand: list[tuple[int, int, int, int, int, float]] = []  # (app, |k|, m, c, k, value)
    for i in apps:
        for m in range(n_m):
            for c in range(n_c):
                v = float(s[i, m, c])
                if math.isnan(v):
                    continue
                step = float(panel.step[c])
                lo, hi = float(panel.lo[c]), float(panel.hi[c])
                at = round((v - lo) / step)
                top = math.floor((hi - lo) / step + 1e-9)
                for k in range(-at, top - at + 1):
                    if k:
                        cand.append((i, abs(k), m, c, k, min(lo + (at + k) * step, hi)))
    cand.sort(key=lambda t: (t[0], t[1], t[2], t[3], t[4]))
    result: dict[int, ScoreChange | None] = dict.fromkeys(apps)
    if not cand:
        return result
    mask = usable_mask(panel)
    base = np.nan_to_num(s, nan=0.0).transpose(0, 2, 1)  # [A, C, M]
    flips = np.zeros(len(cand), dtype=np.bool_)
    for start in range(0, len(cand), CHUNK):
        part = cand[start : start + CHUNK]
        x = np.repeat(base[None], len(part), axis=0)
        idx = np.arange(len(part))
        ai = np.array([t[0] for t in part])
        mi = np.array([t[2] for t in part])
        ci = np.array([t[3] for t in part])
        x[idx, ai, ci, mi] = np.array([t[5] for t in part])
        funded, _ = decide_internal(panel, x, mask)
        flips[start : start + len(part)] = funded[idx, ai] != base_funded[ai]
    for pos, t in enumerate(cand):
        i, _, m, c, k, value = t
        if flips[pos] and result[i] is None:
            result[i] = ScoreChange(
                member=m,
                member_id=panel.member_ids[m],
                criterion=c,
                criterion_id=panel.criterion_ids[c],
                from_=float(s[i, m, c]),
                to=value,
                steps=k,
            )
    return result


def funding_line_sensitivity(
    panel: Panel,
    *,
    draws: int = 10_000,
    noise: float | Sequence[float] | None = None,
    seed: int = 0,
    near: int = 5,
    currency: str = DEFAULT_CURRENCY,
    progress: Progress | None = None,
) -> tuple[Flip, ...]:
    """How robust the decisions near the funding line are (see the module docstring).

    Parameters
    ----------
    panel : Panel
        The round.
    draws : int
        Monte Carlo draws (>= 1).
    noise : float | sequence of C floats | None
        Standard deviation of the noise per criterion, in scale units; ``None``
        = one scale step of each criterion; ``0`` = no noise.
    seed : int
        Seed of ``numpy.random.default_rng``; recorded in each `Flip`.
    near : int
        How many ranking positions on each side of the line are reported.
    currency : str, optional
        The currency of the panel's minor units (``KZT``): each
        `Flip.granted` is money in it.
    progress : Progress, optional
        Called as ``progress(done, draws)`` after each block of draws; the
        result does not depend on it.

    Returns
    -------
    tuple[Flip, ...]
        In base ranking order.

    Raises
    ------
    civicgrants.errors.ValidationError
        When ``draws``, ``seed`` or ``near`` is not a valid integer, or
        ``noise`` has the wrong shape or a negative or non-finite value.

    Examples
    --------
    >>> import numpy as np
    >>> panel = Panel.from_arrays(
    ...     np.array([[[9.0], [8.0]], [[7.0], [7.0]], [[6.0], [7.0]], [[2.0], [1.0]]]),
    ...     lo=0, hi=10, grant=[10, 10, 10, 10], pot=20,
    ... )
    >>> flips = funding_line_sensitivity(panel, draws=2000, near=1)
    >>> [(f.application_id, f.decision) for f in flips]
    [('a1', 'funded'), ('a2', 'not_funded')]
    >>> flips[1].change.steps, flips[1].change.to  # 6 → 7 only ties a1, which ranks first
    (2, 8.0)

    See Also
    --------
    flip_probabilities : the Monte Carlo part alone, for every application.
    Flip : one application's result.
    civicgrants.scoring.robustness.sensitivity : the same from a call and its decision.
    """
    _check_draws(draws, seed)
    if int(near) != near or near < 0:
        raise ValidationError([Problem("near", f"must be an integer >= 0, got {near!r}")])
    sd = _noise(panel, noise)
    mask = usable_mask(panel)
    x0 = internal_scores(panel, panel.scores[None])
    _, norm0, total0, ok0 = stages(panel, x0, mask)
    perm0 = rank_order(panel, total0, norm0, ok0)
    funded0, granted0 = fund_ranked(panel, perm0, ok0)
    funded_b = funded0[0]
    apps = _window(panel, perm0[0], funded_b, int(near))
    counts = _funded_counts(panel, int(draws), sd, int(seed), progress)
    changes = _smallest_changes(panel, apps, funded_b)
    seq = [int(i) for i in perm0[0] if panel.forced[i] == 0]
    out = []
    for i in apps:
        funded = bool(funded_b[i])
        p_funded = counts[i] / draws
        p = float(1 - p_funded if funded else p_funded)
        decision = "funded" if funded else ("not_funded" if ok0[0, i] else "below_threshold")
        out.append(
            Flip(
                application=i,
                application_id=panel.application_ids[i],
                position=seq.index(i),
                decision=decision,
                funded=funded,
                granted=Money.from_minor(int(granted0[0, i]), currency),
                total=float(total0[0, i]),
                probability=p,
                stderr=math.sqrt(p * (1 - p) / draws),
                change=changes[i],
                draws=int(draws),
                seed=int(seed),
                noise=tuple(float(v) for v in sd),
            )
        )
    return tuple(out)
