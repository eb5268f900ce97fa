"""The exact decision, seen by the vectorised evaluators: agreement and sensitivity of a call.

`to_panel()` turns a call, its score sheet and the exact
`CommissionDecision` into the arrays of a
`Panel`: the scores (recused, missing and
not-applicable cells are NaN), the scales, weights and thresholds, the
aggregation and calibration, the grants and the pot in minor units, partial
funding, the locality limits, the overrides and the tie-break order the exact
ranking used (criterion priority, then contribution share, then the lot). At
zero noise `decide_batch()` on that panel gives
the exact decision back, which the tests check.

`agreement()` and `sensitivity()` are the two reports the ``score``
command and the protocol carry: Kendall's W per criterion and for the totals,
and the Monte Carlo flip probabilities near the funding line.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from civicgrants.model.programme import Direction
from civicgrants.model.progress import Progress
from civicgrants.scoring.batch import Panel
from civicgrants.scoring.commission import score_array
from civicgrants.scoring.concordance import Agreement, panel_agreement
from civicgrants.scoring.decision import CommissionDecision
from civicgrants.scoring.montecarlo import Flip, funding_line_sensitivity

if TYPE_CHECKING:
    from civicgrants.model.programme import Call
    from civicgrants.scoring.sheet import ScoreSheet

__all__ = ["agreement", "sensitivity", "to_panel"]

CONTINUOUS_STEPS = 1000
"""A criterion with ``step = 0`` (any value) is given this many steps on its scale."""


def to_panel(call: Call, sheet: ScoreSheet, decision: CommissionDecision) -> Panel:
    """The round as a `Panel` (see the module docs).

    A criterion with ``step = 0`` gets ``CONTINUOUS_STEPS`` steps on its scale;
    money is in minor units; the ``order_key`` is the exact decision's rank, so
    the vectorised tie-break reproduces the exact cascade.

    Parameters
    ----------
    call : Call
        The call: criteria, rules, localities, overrides.
    sheet : ScoreSheet
        The members' scores.
    decision : CommissionDecision
        ``decide(call, sheet)``: its grants, pot and ranking.

    Returns
    -------
    Panel
        Scores ``[A, M, C]`` in call order (``NaN`` where recused, missing or
        not applicable) with every rule as arrays.

    Raises
    ------
    civicgrants.errors.ValidationError
        When a score row is bad (from
        `score_array()`).

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import decide
    >>> from civicgrants.scoring.batch import decide_batch
    >>> call, sheet = synthetic_round()
    >>> decision = decide(call, sheet)
    >>> panel = to_panel(call, sheet, decision)
    >>> funded, granted = decide_batch(panel, panel.scores[None])
    >>> int(funded.sum()), int(granted.sum()) == decision.funded_total.minor_units
    (18, True)

    See Also
    --------
    civicgrants.scoring.batch.Panel.from_arrays : builds and checks the panel.
    civicgrants.scoring.commission.score_array : the dense score arrays.
    agreement : Kendall's W from the panel.
    sensitivity : funding-line sensitivity from the panel.
    """
    scores, confidence = score_array(call, sheet)
    criteria = call.criteria
    entries = {e.application: e for e in decision.entries}
    ranked = sorted(
        decision.application_ids,
        key=lambda a: (entries[a].rank is None, entries[a].rank or 0),
    )
    order = {a: float(i) for i, a in enumerate(ranked)}
    places = sorted({a.locality for a in call.applications})
    code = {p: i for i, p in enumerate(places)}
    limits = {lim.id: lim for lim in call.localities}

    def limit(name: str, p: str, scale: int = 1) -> int:
        lim = limits.get(p)
        value = None if lim is None else getattr(lim, name)
        return -1 if value is None else int(value * scale)

    minor = 10**decision.pot.minor_digits
    forced = {o.application: (1 if o.decision.value == "fund" else -1) for o in call.overrides}
    keys = [c.key for c in criteria]
    return Panel.from_arrays(
        scores,
        lo=[float(c.min) for c in criteria],
        hi=[float(c.max) for c in criteria],
        step=[
            float(c.step) if c.step else float(c.max - c.min) / CONTINUOUS_STEPS for c in criteria
        ],
        weight=[float(c.weight) for c in criteria],
        higher=[c.direction is Direction.HIGHER_IS_BETTER for c in criteria],
        threshold=[math.nan if c.threshold is None else float(c.threshold) for c in criteria],
        overall_threshold=None if call.overall_threshold is None else float(call.overall_threshold),
        aggregation=call.aggregation.value,
        trim=float(call.trim),
        calibration=None if call.calibration is None else call.calibration.value,
        calibration_min=call.calibration_min,
        confidence=confidence,
        grant=list(decision.grants_minor),
        # a pot above every grant together funds the same as that sum, which int64 holds
        # even where the pot does not (10**17 tenge is 10**19 tiyn)
        pot=min(decision.pot.minor_units, sum(decision.grants_minor)),
        partial=call.partial_funding,
        locality=[code[a.locality] for a in call.applications],
        min_count=[limit("min_count", p) for p in places],
        max_count=[limit("max_count", p) for p in places],
        max_amount=[limit("max_amount", p, minor) for p in places],
        min_amount=[limit("min_amount", p, minor) for p in places],
        forced=[forced.get(a, 0) for a in decision.application_ids],
        order_key=[order[a] for a in decision.application_ids],
        tie_break=[keys.index(k) for k in (call.tie_break or keys)],
        application_ids=list(decision.application_ids),
        member_ids=list(decision.member_ids),
        criterion_ids=list(decision.criterion_keys),
    )


def agreement(
    call: Call, sheet: ScoreSheet, decision: CommissionDecision, *, panel: Panel | None = None
) -> dict[str, Agreement]:
    """Kendall's W per criterion and for the totals (raw, uncalibrated scores).

    ``panel`` is `to_panel()`'s result when the caller already has it.

    Parameters
    ----------
    call : Call
        The call.
    sheet : ScoreSheet
        The members' scores.
    decision : CommissionDecision
        ``decide(call, sheet)``.
    panel : Panel, optional
        `to_panel()`'s result, to avoid building it again.

    Returns
    -------
    dict of str to Agreement
        Per criterion key (call order), then ``"total"``.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import decide
    >>> call, sheet = synthetic_round()
    >>> a = agreement(call, sheet, decide(call, sheet))
    >>> {key: (round(w.w, 3), w.band) for key, w in a.items()}["total"]
    (0.81, 'strong')

    See Also
    --------
    civicgrants.scoring.concordance.panel_agreement : the computation on a panel.
    civicgrants.scoring.concordance.kendall_w : the coefficient.
    sensitivity : the other report.
    """
    return panel_agreement(panel if panel is not None else to_panel(call, sheet, decision))


def sensitivity(
    call: Call,
    sheet: ScoreSheet,
    decision: CommissionDecision,
    *,
    draws: int = 10_000,
    near: int = 5,
    panel: Panel | None = None,
    seed: int | None = None,
    progress: Progress | None = None,
) -> tuple[Flip, ...]:
    """Flip probabilities and smallest flipping score changes near the funding line.

    The noise is one scale step per criterion (see
    `funding_line_sensitivity()`); the
    seed is ``seed``, by default the call's ``seed``, so the report is
    reproducible. ``panel`` is `to_panel()`'s result when the caller
    already has it.

    Parameters
    ----------
    call : Call
        The call.
    sheet : ScoreSheet
        The members' scores.
    decision : CommissionDecision
        ``decide(call, sheet)``.
    draws : int
        Monte Carlo draws (>= 1).
    near : int
        Ranking positions reported on each side of the funding line.
    panel : Panel, optional
        `to_panel()`'s result, to avoid building it again.
    seed : int, optional
        Seed of the simulation; the call's ``seed`` by default.
    progress : Progress, optional
        Called as ``progress(done, draws)`` as the draws are made (a bar on a
        terminal, say); the result does not depend on it.

    Returns
    -------
    tuple of Flip
        The applications near the line, in ranking order.

    Raises
    ------
    civicgrants.errors.ValidationError
        When ``draws``, ``near`` or ``seed`` is out of range.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import decide
    >>> call, sheet = synthetic_round()
    >>> flips = sensitivity(call, sheet, decide(call, sheet), draws=200, near=1)
    >>> [(f.application_id, f.decision, f.change.steps) for f in flips]
    [('SYN-II-MAN-32', 'funded', -1), ('SYN-II-MAN-37', 'not_funded', 1)]

    See Also
    --------
    civicgrants.scoring.montecarlo.funding_line_sensitivity : the computation on a panel.
    agreement : the other report.
    civicgrants.scoring.reviewing.review : both, with the pot changes.
    """
    return funding_line_sensitivity(
        panel if panel is not None else to_panel(call, sheet, decision),
        draws=draws,
        seed=call.seed if seed is None else seed,
        near=near,
        currency=decision.currency,
        progress=progress,
    )
