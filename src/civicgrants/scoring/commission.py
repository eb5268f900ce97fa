"""The commission's decision: recusals, aggregates, totals, ranks, funding, reasons.

`decide()` turns a call (`Call`) and a
`ScoreSheet` into a frozen
`CommissionDecision`. The semantics are the shared scoring
specification (``docs/scoring.md``):

* bad rows (unknown ids, a recused member's score, off-scale values, duplicates)
  raise `ValidationError` listing every problem;
* per criterion, the usable scores (not n/a; recused members give none) are
  optionally calibrated, then aggregated (mean, median, trimmed mean or
  confidence-weighted mean);
* ``n_c = (a_c - min) / (max - min)`` (reversed for ``lower_is_better``) and
  ``total = 100 * sum(w_c n_c) / sum(w_c)``;
* thresholds (per criterion on the raw scale, overall on the total) decide
  ``below_threshold``; the rest are ranked with the recorded tie-break cascade
  and funded in rank order (`civicgrants.scoring.funding`).

Arithmetic is exact (`fractions.Fraction`; money in minor units). The
only inexact step is the square root of z-score calibration (50 significant
digits). Totals are rounded only for display (2 decimals, half-even).

Choices where the specification is silent (documented, and reported):

* an application without any score on a criterion is ``below_threshold``
  ("no usable score on <c>"); below-threshold applications are listed after
  the ranked ones, by total descending (no total last), then id;
* a ``not_fund`` override of a below-threshold application keeps the
  ``below_threshold`` decision and adds the override's reason;
* each lot uses a fresh ``numpy.random.default_rng(seed)``.

Examples
--------
>>> from decimal import Decimal as D
>>> from civicgrants.model.money import Money
>>> from civicgrants.model.programme import Call, CallApplication, Criterion, Direction, Member
>>> from civicgrants.scoring.sheet import Score, ScoreSheet
>>> call = Call("c", pot=Money(100), criteria=(Criterion("r", Direction.HIGHER_IS_BETTER),),
...             members=(Member("m1"),),
...             applications=(CallApplication("a1", "x", 60), CallApplication("a2", "x", 60)))
>>> d = decide(call, ScoreSheet((Score("a1", "m1", "r", D(8)), Score("a2", "m1", "r", D(6)))))
>>> [(e.application, e.rank, e.outcome.value, str(e.granted)) for e in d.entries]
[('a1', 1, 'funded', '60.00 KZT'), ('a2', 2, 'not_funded', '0.00 KZT')]
"""

from __future__ import annotations

import functools
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from civicgrants.errors import Problem, ValidationError
from civicgrants.model.fields import gc_paused
from civicgrants.model.money import Money
from civicgrants.model.programme import (
    Aggregation,
    Call,
    CallApplication,
    Criterion,
    Direction,
    Override,
    OverrideDecision,
)
from civicgrants.scoring.aggregate import aggregate, calibrate
from civicgrants.scoring.decision import (
    ApplicationDecision,
    CommissionDecision,
    CriterionResult,
    FundingInputs,
    FundingLine,
    Verdict,
    rounded,
)
from civicgrants.scoring.funding import Funded, fund
from civicgrants.scoring.rank import Candidate, rank_entries
from civicgrants.scoring.recusal import check_scores, recusals
from civicgrants.scoring.sheet import ScoreSheet

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["decide", "score_array"]


def _share(call: Call, a: CallApplication) -> Fraction:
    contribution = Fraction(a.contribution or 0)
    whole = contribution + Fraction(a.requested)
    return contribution / whole if whole else Fraction(0)


def decide(call: Call, sheet: ScoreSheet) -> CommissionDecision:
    """The commission's decision on ``call`` from the scores in ``sheet``.

    The steps of the module docstring: check the rows, recuse, calibrate,
    aggregate, normalise, total, apply the thresholds, rank with the tie-break
    cascade, fund, and explain every decision in English and Russian.

    Parameters
    ----------
    call : Call
        The call: pot, criteria, members, applications, rules, overrides.
    sheet : ScoreSheet
        The members' scores, in any order.

    Returns
    -------
    CommissionDecision
        Frozen and complete: entries in protocol order with their reasons,
        recusals, ties, the funding line and what funding read.

    Raises
    ------
    civicgrants.errors.ValidationError
        When a score row is bad (each problem located), when the call has no
        pot or no criteria, or when a ``fund`` override cannot be paid.

    Examples
    --------
    >>> from decimal import Decimal as D
    >>> from civicgrants.model.money import Money
    >>> from civicgrants.model.programme import Call, CallApplication, Criterion, Direction, Member
    >>> from civicgrants.scoring.sheet import Score, ScoreSheet
    >>> call = Call("c", pot=Money(100), criteria=(Criterion("r", Direction.HIGHER_IS_BETTER),),
    ...             members=(Member("m1"),), applications=(CallApplication("a1", "x", 60),
    ...             CallApplication("a2", "x", 50), CallApplication("a3", "y", 30)))
    >>> scores = (("a1", 8), ("a2", 7), ("a3", 6))
    >>> decision = decide(call, ScoreSheet(tuple(Score(a, "m1", "r", D(v)) for a, v in scores)))
    >>> for e in decision.entries:
    ...     print(e.rank, e.application, e.outcome.value, e.reason)
    1 a1 funded rank 1: grant 60.00 KZT fits the remaining 100.00 KZT
    2 a2 not_funded rank 2: grant 50.00 KZT does not fit the remaining 40.00 KZT
    3 a3 funded rank 3: grant 30.00 KZT fits the remaining 40.00 KZT

    See Also
    --------
    civicgrants.scoring.reviewing.review : the decision with agreement and sensitivity.
    civicgrants.scoring.funding.pot_flip : the pot change that flips a decision.
    score_array : the scores as arrays, for the vectorised evaluators.
    """
    with gc_paused():  # tens of thousands of results and fractions, no cycle among them
        return _decide(call, sheet)


def _decide(call: Call, sheet: ScoreSheet) -> CommissionDecision:
    problems = []
    if call.pot is None:
        problems.append(Problem("pot", "a call must have a pot to decide funding"))
    if not call.criteria:
        problems.append(Problem("criteria", "a call must have criteria to be scored"))
    if problems:
        raise ValidationError(problems)
    assert call.pot is not None
    check_scores(call, sheet)
    recs = recusals(call)
    recused_from: dict[str, list[str]] = {}
    for r in recs:
        recused_from.setdefault(r.application, []).append(r.member)

    by_confidence = call.aggregation is Aggregation.CONFIDENCE_MEAN
    member_order = {m.id: i for i, m in enumerate(call.members)}
    usable: dict[tuple[str, str, str], Fraction] = {}
    confidence: dict[tuple[str, str, str], Fraction] = {}  # read by the confidence mean only
    na: dict[tuple[str, str], list[str]] = {}
    # per (application, criterion): (the member's position in the call, the member, the value)
    per_cell: dict[tuple[str, str], list[tuple[int, str, Fraction]]] = {}
    for s in sheet.scores:
        if s.score is None:
            na.setdefault((s.application, s.criterion), []).append(s.member)
            continue
        key = (s.application, s.member, s.criterion)
        value = usable[key] = _fraction(s.score)
        if by_confidence:
            confidence[key] = _fraction(s.confidence) if s.confidence is not None else _ONE
        cell = (s.application, s.criterion)
        if cell in per_cell:
            per_cell[cell].append((member_order[s.member], s.member, value))
        else:
            per_cell[cell] = [(member_order[s.member], s.member, value)]
    values, note = calibrate(call, usable)
    if note.applied:  # the calibrated values, cell by cell
        per_cell = {}
        for (a_id, m_id, c_key), value in values.items():
            per_cell.setdefault((a_id, c_key), []).append((member_order[m_id], m_id, value))

    trim = Fraction(call.trim)
    weights = {c.key: Fraction(c.weight) for c in call.criteria}
    weight_sum = sum(weights.values(), Fraction(0))
    tie_keys = call.tie_break or tuple(c.key for c in call.criteria)
    scales = {c.key: _Scale.of(c) for c in call.criteria}
    overall = Fraction(call.overall_threshold) if call.overall_threshold is not None else None

    results: dict[str, tuple[CriterionResult, ...]] = {}
    totals: dict[str, Fraction | None] = {}
    failing: dict[str, tuple[list[str], list[str]]] = {}
    candidates: list[Candidate] = []
    shares: dict[str, Fraction] = {}
    criteria = [(c, c.key, scales[c.key]) for c in call.criteria]
    for a in call.applications:
        rows = []
        why_en: list[str] = []
        why_ru: list[str] = []
        parts: list[tuple[Fraction, Fraction]] | None = []  # None once a criterion has no score
        norm_of: dict[str, Fraction] = {}
        for c, c_key, scale in criteria:
            scored = per_cell.get((a.id, c_key))
            skipped = na.get((a.id, c_key))
            nas = tuple(sorted(skipped, key=member_order.__getitem__)) if skipped else ()
            if not scored:
                rows.append(CriterionResult(c_key, None, None, (), nas, False))
                why_en.append(f"no usable score on {c_key}")
                why_ru.append(f"нет ни одной оценки по критерию {c_key}")
                parts = None
                continue
            scored.sort()  # by the members' positions in the call, which are distinct
            members = tuple([m for _, m, _ in scored])
            vals = [v for _, _, v in scored]
            confs = [confidence[(a.id, m, c_key)] for m in members] if by_confidence else []
            agg = aggregate(vals, confs, call.aggregation, trim)
            norm = scale.normalised(agg)
            passed = True
            if scale.threshold is not None:
                passed = agg >= scale.threshold if scale.higher else agg <= scale.threshold
                if not passed:
                    sign = "<" if scale.higher else ">"
                    why_en.append(f"{c_key} {rounded(agg)} {sign} threshold {c.threshold}")
                    why_ru.append(f"{c_key}: {rounded(agg)} {sign} порога {c.threshold}")
            rows.append(CriterionResult(c_key, agg, norm, members, nas, passed))
            norm_of[c_key] = norm
            if parts is not None:
                parts.append((weights[c_key], norm))
        results[a.id] = tuple(rows)
        total: Fraction | None = None
        if parts is not None:
            total = _total(parts, weight_sum)
            if overall is not None and total < overall:
                why_en.append(
                    f"total {rounded(total)} < overall threshold {call.overall_threshold}"
                )
                why_ru.append(f"итог {rounded(total)} < общего порога {call.overall_threshold}")
        totals[a.id] = total
        shares[a.id] = share = _share(call, a)
        if why_en:
            failing[a.id] = (why_en, why_ru)
        else:  # every criterion has a score: a total, and a normalised score on each
            assert total is not None
            candidates.append(Candidate(a.id, total, tuple([norm_of[k] for k in tie_keys]), share))
    order, ties = rank_entries(candidates, tie_keys, call.seed)
    below = sorted(
        failing,
        key=lambda a: (totals[a] is None, -(totals[a] or 0), a),
    )
    apps = {a.id: a for a in call.applications}
    grant_of = {a.id: call.grant(a) for a in call.applications}
    limits = {lim.id: lim for lim in call.localities}
    overrides = {o.application: o for o in call.overrides}
    inputs = FundingInputs(
        currency=call.currency,
        ranked=tuple(c.application for c in order),
        below=tuple(below),
        grants={a_id: grant.minor_units for a_id, grant in grant_of.items()},
        locality={a.id: a.locality for a in call.applications},
        min_count={k: v.min_count for k, v in limits.items() if v.min_count is not None},
        max_count={k: v.max_count for k, v in limits.items() if v.max_count is not None},
        max_amount={
            k: call.amount(v.max_amount).minor_units
            for k, v in limits.items()
            if v.max_amount is not None
        },
        min_amount={
            k: call.amount(v.min_amount).minor_units
            for k, v in limits.items()
            if v.min_amount is not None
        },
        fund=tuple(o.application for o in call.overrides if o.decision is OverrideDecision.FUND),
        not_fund=tuple(
            o.application for o in call.overrides if o.decision is OverrideDecision.NOT_FUND
        ),
        partial=call.partial_funding,
        floor=call.max_grant.minor_units if call.max_grant is not None else 0,
    )
    run = fund(inputs, call.pot.minor_units)

    def money(units: int) -> Money:
        return Money.from_minor(units, call.currency)

    rank_of = {c.application: i for i, c in enumerate(order, start=1)}
    sep_of = {c.application: c.separated_by for c in order}
    entries = []
    for a_id in (*inputs.ranked, *inputs.below):
        a = apps[a_id]
        f = run.outcomes[a_id]
        override = overrides.get(a_id)
        rank = rank_of.get(a_id)
        granted = money(f.granted)
        grant = grant_of[a_id]
        outcome, en, ru = _explain(
            f, a, rank, failing.get(a_id), override, money, call, granted, grant
        )
        entries.append(
            ApplicationDecision(
                a_id,
                a.locality,
                call.amount(a.requested),
                grant,
                results[a_id],
                totals[a_id],
                shares[a_id],
                rank,
                sep_of.get(a_id),
                outcome,
                granted,
                f.partial,
                en,
                ru,
                tuple(recused_from.get(a_id, ())),
                override,
            )
        )
    funded_ranks = [e for e in entries if e.rank is not None and e.funded]
    unfunded_ranks = [e for e in entries if e.rank is not None and e.outcome is Verdict.NOT_FUNDED]
    last = funded_ranks[-1] if funded_ranks else None
    first = unfunded_ranks[0] if unfunded_ranks else None
    line = FundingLine(
        last.application if last else None,
        last.rank if last else None,
        first.application if first else None,
        first.rank if first else None,
    )
    return CommissionDecision(
        call=call.id,
        currency=call.currency,
        pot=call.pot,
        max_grant=call.max_grant,
        aggregation=call.aggregation,
        seed=call.seed,
        application_ids=tuple(a.id for a in call.applications),
        member_ids=tuple(m.id for m in call.members),
        criterion_keys=tuple(c.key for c in call.criteria),
        recusals=recs,
        calibration=note,
        entries=tuple(entries),
        ties=tuple(ties),
        funding_line=line,
        funded_total=money(run.total),
        funding_inputs=inputs,
    )


_ONE = Fraction(1)


@attrs.frozen
class _Scale:
    """A criterion's scale, read once per decision: what normalising an aggregate needs."""

    low: Fraction
    high: Fraction
    span: Fraction
    higher: bool
    threshold: Fraction | None

    @classmethod
    def of(cls, c: Criterion) -> _Scale:
        low, high = Fraction(c.min), Fraction(c.max)
        threshold = Fraction(c.threshold) if c.threshold is not None else None
        return cls(low, high, high - low, c.direction is Direction.HIGHER_IS_BETTER, threshold)

    def normalised(self, agg: Fraction) -> Fraction:
        """The aggregate on a 0..1 scale, 1 the best end, reduced once instead of twice.

        ``(agg - low) / (high - low)``, or ``(high - agg) / (high - low)`` when lower is
        better, exactly.
        """
        an, ad = agg.as_integer_ratio()
        sn, sd = self.span.as_integer_ratio()  # sn > 0: max is above min
        if self.higher:
            ln, ld = self.low.as_integer_ratio()
            return Fraction((an * ld - ln * ad) * sd, ad * ld * sn)
        hn, hd = self.high.as_integer_ratio()
        return Fraction((hn * ad - an * hd) * sd, hd * ad * sn)


def _total(parts: list[tuple[Fraction, Fraction]], weight_sum: Fraction) -> Fraction:
    """``100 * sum(w * n for w, n in parts) / weight_sum``, exactly, reduced once at the end."""
    if not weight_sum:
        return 100 * sum((w * n for w, n in parts), Fraction(0)) / weight_sum  # raises as before
    num, den = 0, 1
    for w, n in parts:
        (wn, wd), (nn, nd) = w.as_integer_ratio(), n.as_integer_ratio()
        pn, pd = wn * nn, wd * nd
        num, den = num * pd + pn * den, den * pd
    wn, wd = weight_sum.as_integer_ratio()
    return Fraction(100 * num * wd, den * wn)


@functools.lru_cache(maxsize=4096)
def _fraction(value: Decimal) -> Fraction:
    """``Fraction(value)``: scores repeat a few values, so each is converted once."""
    return Fraction(value)


def _explain(
    f: Funded,
    app: CallApplication,
    rank: int | None,
    failing: tuple[list[str], list[str]] | None,
    override: Override | None,
    money: Any,
    call: Call,
    granted: Money,
    grant: Money,
) -> tuple[Verdict, str, str]:
    remaining = money(f.detail[0]) if f.detail else None
    if f.how == "override":
        assert override is not None
        return (
            Verdict.FUNDED,
            f"funded by commission override: {override.reason}",
            f"профинансирована решением комиссии: {override.reason}",
        )
    if failing is not None:
        en, ru = "; ".join(failing[0]), "; ".join(failing[1])
        if override is not None:
            en += f"; override not_fund: {override.reason}"
            ru += f"; решение комиссии не финансировать: {override.reason}"
        return Verdict.BELOW_THRESHOLD, en, ru
    if f.how == "override_not_fund":
        assert override is not None
        return (
            Verdict.NOT_FUNDED,
            f"not funded by commission override: {override.reason}",
            f"не финансируется решением комиссии: {override.reason}",
        )
    if f.how == "locality_min":
        en_min, ru_min = _minimum_wording(f.limit, app, call)
        return (
            Verdict.FUNDED,
            f"rank {rank}: funded to meet {en_min}; grant {granted} of the remaining {remaining}",
            f"место {rank}: профинансирована для {ru_min}; грант "
            f"{granted} из оставшихся {remaining}",
        )
    if f.how == "greedy":
        return (
            Verdict.FUNDED,
            f"rank {rank}: grant {granted} fits the remaining {remaining}",
            f"место {rank}: грант {granted} умещается в оставшиеся {remaining}",
        )
    if f.how == "partial":
        return (
            Verdict.FUNDED,
            f"rank {rank}: partially funded with the whole remaining pot "
            f"{granted} of the grant {grant}",
            f"место {rank}: частично профинансирована всем остатком {granted} из гранта {grant}",
        )
    if f.how == "skipped_locality":
        return (
            Verdict.NOT_FUNDED,
            f"rank {rank}: skipped, its locality's limit is reached ({f.limit})",
            f"место {rank}: пропущена, достигнут лимит населённого пункта ({f.limit})",
        )
    if f.how == "ended":
        return (
            Verdict.NOT_FUNDED,
            f"rank {rank}: funding ended with the partial grant to {f.limit}",
            f"место {rank}: финансирование завершено частичным грантом заявке {f.limit}",
        )
    return (
        Verdict.NOT_FUNDED,
        f"rank {rank}: grant {grant} does not fit the remaining {remaining}",
        f"место {rank}: грант {grant} не умещается в оставшиеся {remaining}",
    )


def _minimum_wording(which: str, app: CallApplication, call: Call) -> tuple[str, str]:
    """Which locality minimum a ``locality_min`` grant meets, in en and ru."""
    place = app.locality
    lim = next(x for x in call.localities if x.id == place)
    n = f"{lim.min_count} grant{'' if lim.min_count == 1 else 's'}"
    amount = call.amount(lim.min_amount) if lim.min_amount is not None else None
    if which == "count":
        return (
            f"the minimum count of its locality ({n})",
            f"минимального числа грантов по населённому пункту ({lim.min_count})",
        )
    assert amount is not None
    if which == "amount":
        return (
            f"the minimum amount of its locality ({amount})",
            f"минимальной суммы по населённому пункту ({amount})",
        )
    return (
        f"the minimum count ({n}) and amount ({amount}) of its locality",
        f"минимального числа грантов ({lim.min_count}) и минимальной суммы ({amount}) "
        "по населённому пункту",
    )


def score_array(
    call: Call, sheet: ScoreSheet
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Dense ``[A, M, C]`` float arrays of raw scores and confidences, in call order.

    NaN marks a missing, not-applicable or recused score (recused rows are
    rejected first, like `decide()` does); confidence is 1 where a score
    has none, NaN where there is no score. For the vectorised evaluators;
    the official result is `decide()`'s exact one.

    Parameters
    ----------
    call : Call
        The call: the order of applications, members and criteria.
    sheet : ScoreSheet
        The members' scores.

    Returns
    -------
    scores : numpy.ndarray
        ``float64 [A, M, C]`` raw scores.
    confidence : numpy.ndarray
        ``float64 [A, M, C]`` confidences.

    Raises
    ------
    civicgrants.errors.ValidationError
        When a score row is bad (see
        `check_scores()`).

    Examples
    --------
    >>> from decimal import Decimal as D
    >>> from civicgrants.model.programme import Call, CallApplication, Criterion, Direction, Member
    >>> from civicgrants.scoring.sheet import Score
    >>> call = Call("c", criteria=(Criterion("r", Direction.HIGHER_IS_BETTER),),
    ...             members=(Member("m1"), Member("m2")),
    ...             applications=(CallApplication("a1", "x", 60), CallApplication("a2", "x", 50)))
    >>> scores, confidence = score_array(call, ScoreSheet((
    ...     Score("a1", "m1", "r", D(8)), Score("a1", "m2", "r", D(9), confidence=D("0.5")),
    ...     Score("a2", "m1", "r", D(7)), Score("a2", "m2", "r", None))))
    >>> scores[:, :, 0].tolist(), confidence[:, :, 0].tolist()
    ([[8.0, 9.0], [7.0, nan]], [[1.0, 0.5], [1.0, nan]])

    See Also
    --------
    decide : the exact decision.
    civicgrants.scoring.robustness.to_panel : builds a panel from these arrays.
    """
    import numpy as np

    check_scores(call, sheet)
    a_ix = {a.id: i for i, a in enumerate(call.applications)}
    m_ix = {m.id: i for i, m in enumerate(call.members)}
    c_ix = {c.key: i for i, c in enumerate(call.criteria)}
    shape = (len(a_ix), len(m_ix), len(c_ix))
    scores = np.full(shape, np.nan)
    conf = np.full(shape, np.nan)
    for s in sheet.scores:
        if s.score is None:
            continue
        at = (a_ix[s.application], m_ix[s.member], c_ix[s.criterion])
        scores[at] = float(s.score)
        conf[at] = float(s.confidence) if s.confidence is not None else 1.0
    return scores, conf
