r"""Text and JSON views of the commission's review (see `civicgrants.io.render`).

* `Review` — ``civicgrants score``: the
  ranking, the funding line, the recusals, the ties, the members' agreement
  (Kendall's W) and the sensitivity near the funding line, then the missing
  scores; `review_demo_text()` is the scoring step of ``civicgrants demo``.
* `LABELS` — the one ru/kk/en table of the commission's words, shared
  with the printable protocol (`civicgrants.io.protocol`).
* The JSON pieces of a decision (`ranking_data()`, `agreement_data()`,
  `sensitivity_data()` …), shared with the protocol's JSON document.

Money goes through `civicgrants.io.fmt.money()`, scores and statistics
through `civicgrants.io.fmt.number()`; JSON writes exact decimal strings.

Examples
--------
>>> from civicgrants.datasets.synthetic_round import synthetic_round
>>> from civicgrants.io.render import render
>>> from civicgrants.scoring import review
>>> r = review(*synthetic_round(), draws=100)
>>> print(render(r, "text").splitlines()[0])
Ranking: SYN-II-mangistau (pot KZT36,100,000.00, 53 applications)
>>> print(render(r, "text", lang="ru").splitlines()[0].replace("\xa0", " "))
Рейтинг: СИНТЕТИЧЕСКИЙ конкурс: этап II, Мангистау (фонд 36 100 000,00 ₸, заявок: 53)
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from civicgrants.io.findings import json_value
from civicgrants.io.fmt import money, number
from civicgrants.io.labels import C_, N_, base_language, label
from civicgrants.io.places import PlaceNames, place_text
from civicgrants.io.render import data_view, dump_json, text_view
from civicgrants.io.table import table
from civicgrants.model.money import Money
from civicgrants.model.programme import Call
from civicgrants.scoring.decision import CommissionDecision, Verdict, rounded
from civicgrants.scoring.montecarlo import Flip
from civicgrants.scoring.reviewing import LineFlip, Review

__all__ = [
    "LABELS",
    "agreement_data",
    "calibration_data",
    "criterion_text",
    "flip_summary",
    "funding_line_data",
    "missing_data",
    "ranking_data",
    "recusals_data",
    "review_data",
    "review_demo_text",
    "review_text",
    "score_text",
    "sensitivity_data",
    "step_text",
    "ties_data",
    "verdict_text",
]

DEMO_LIMIT = 22
"""Ranking rows the demo prints (its recusals: 8)."""

LABELS = {
    # the ranking (the score command and the protocol)
    "rank": {"en": N_("rank")},
    "application": {"en": N_("application")},
    "locality": {"en": C_("views.scoring.locality", "locality")},
    "score": {"en": N_("score")},
    "decision": {"en": N_("decision")},
    "granted": {"en": C_("views.scoring.granted", "granted")},
    "recused": {"en": N_("recused")},  # kk: to confirm
    "total": {"en": C_("views.scoring.total", "total")},
    "partial": {"en": N_(" (partial)")},
    "more": {"en": N_("  … {n} more")},
    "verdict.funded": {"en": C_("views.scoring.verdict.funded", "funded")},
    "verdict.not_funded": {"en": C_("views.scoring.verdict.not_funded", "not funded")},
    "verdict.below_threshold": {
        "en": C_("views.scoring.verdict.below_threshold", "below threshold")
    },
    "step.criterion": {"en": N_("criterion:{key}")},
    "step.contribution_share": {"en": N_("contribution_share")},
    "step.lot": {"en": N_("lot")},
    # the score command's text
    "ranking_head": {"en": N_("Ranking: {call} (pot {pot}, {count} applications)")},
    "nothing_funded": {"en": N_("nothing was funded")},
    "nothing_by_rank": {"en": N_("nothing was funded by rank")},
    "last_funded": {"en": N_("last funded rank {rank} ({application})")},
    "first_not_funded": {"en": N_(", first not funded rank {rank} ({application})")},
    "funding_line": {"en": N_("\nFunding line: {where}; {count} funded, {total} of {pot}")},
    "recusals_head": {"en": N_("\nRecusals ({count}):")},
    "recusal_line": {"en": N_("  {member} from {application}: {reason}")},
    "tie_line": {"en": N_("Tie at {total}: {applications} by {steps}{lots}")},
    "agreement_head": {"en": N_("\nAgreement between members (Kendall's W, raw scores)")},
    "criterion": {"en": N_("criterion")},
    "band": {"en": N_("band")},
    "applications": {"en": C_("views.scoring.applications", "applications")},
    "band.weak": {"en": N_("weak")},
    "band.moderate": {"en": N_("moderate")},
    "band.strong": {"en": N_("strong")},
    "band.undefined": {"en": N_("undefined")},
    "sensitivity_head": {
        "en": N_(
            "\nSensitivity near the funding line ({draws} draws, seed {seed}, "
            "noise one scale step per score)"
        )
    },
    "flips": {"en": N_("flips")},  # kk: to confirm
    "score_change": {"en": N_("smallest score change")},
    "pot_change": {"en": N_("pot change")},
    "score_step": {"en": N_("{member} on {criterion}: {before} → {after}")},
    "missing": {"en": N_("\nMissing scores ({count}): {cells}")},
    # the demo's scoring step
    "demo_heading": {
        "en": N_(
            "Step of the cycle: commission scoring "
            "(SYNTHETIC, seeded data — real scores were never published)"
        )
    },
    "demo_intro": {
        "en": N_(
            "Stage II, Mangistau: 53 synthetic applications (the brochure prints 50 "
            "applications and 18 grants), 4 members (one per seat), 4 criteria on 0–10, "
            "weight 1, mean; members are recused from their own locality; the pot funds "
            "exactly 18."
        )
    },
    "demo_pot_change": {
        "en": N_("Pot change that would fund {application} (rank {rank}): {change}")
    },
    # the printable protocol (civicgrants.io.protocol)
    "protocol_title": {"en": N_("MINUTES OF THE EVALUATION COMMISSION")},
    "call": {"en": N_("Call")},
    "pot": {"en": N_("Pot")},
    "max_grant": {"en": N_("maximum grant")},
    "aggregation": {"en": N_("Aggregation")},  # kk: to confirm
    "calibration": {"en": N_("calibration")},
    "aggregation.mean": {"en": N_("mean")},
    "aggregation.median": {"en": N_("median")},
    "aggregation.trimmed_mean": {"en": N_("trimmed mean")},
    "aggregation.confidence_mean": {"en": N_("confidence-weighted mean")},
    "section.members": {"en": N_("1. Members")},
    "member": {"en": N_("member")},
    "seat": {"en": N_("seat")},  # kk: to confirm
    "affiliation": {"en": N_("affiliation")},
    "seat.district_akimat": {"en": N_("district akimat representative")},
    "seat.village_akim": {"en": N_("akim of the locality")},
    "seat.donor": {"en": N_("donor's representative")},
    "seat.implementer": {"en": N_("implementer's representative")},
    "seat.none": {"en": N_("—")},
    "section.criteria": {"en": N_("2. Criteria")},
    "key": {"en": N_("key")},
    "name": {"en": N_("name")},
    "weight": {"en": N_("weight")},
    "scale": {"en": N_("scale")},
    "threshold": {"en": N_("threshold")},  # kk: to confirm
    "section.recusals": {"en": N_("3. Recusals (conflicts of interest)")},
    "reason": {"en": N_("reason")},
    "none": {"en": N_("  none")},
    "section.scores": {"en": N_("4. Who scored what")},
    "not_applicable": {"en": N_("n/a")},  # kk: to confirm
    "grid_legend": {
        "en": N_(
            "  Each cell: the member's scores on {keys};\n"
            "  '{na}' = not applicable, '{missing}' = no score given,\n"
            "  'recused' = the member did not score the application (section 3)."
        )
    },
    "section.ranking": {"en": N_("5. Ranking and decisions")},
    "section.reasons": {"en": N_("6. Reasons")},
    "section.overrides": {"en": N_("7. Commission overrides")},
    "section.ties": {"en": N_("8. Ties and lots")},
    "lot_line": {"en": N_("    lot: seed={seed}, over {over}, permutation={permutation}")},
    "section.line": {"en": N_("9. Funding line")},
    "line_ranks": {
        "en": N_(
            "  last funded rank: {last_rank} ({last}); first not funded: {first_rank} ({first})"
        )
    },
    "line_total": {"en": N_("  funded: {count}, total {total} of {pot}")},
    "shortfall": {"en": N_("  locality minimum not reached: {locality} — {missed}")},
    "shortfall_count": {"en": N_("{count} of the minimum {min_count} grants")},
    "shortfall_amount": {"en": N_("{amount} of the minimum {min_amount}")},
}
"""The commission's words in en, ru and kk: the score text, the demo step and the protocol."""

MISSING = "—"
"""What a table shows for no value."""


def _say(key: str, lang: str, /, **values: object) -> str:
    return label(LABELS, key, lang).format(**values)


def score_text(value: Fraction | None, lang: str) -> str:
    """A total or an aggregate as people read it: 2 decimals (half-even), ``—`` for none.

    Parameters
    ----------
    value : Fraction or None
        An exact score; None when there is none.
    lang : str
        ``en``, ``ru`` or ``kk`` (the decimal sign follows the language).

    Returns
    -------
    str
        The rounded number, or `MISSING`.

    Examples
    --------
    >>> score_text(Fraction(190, 3), "en"), score_text(Fraction(15, 2), "ru"), score_text(None, "en")
    ('63.33', '7,50', '—')

    See Also
    --------
    civicgrants.io.fmt.number : formats the number.
    verdict_text : the decision next to the score.
    """
    return MISSING if value is None else number(value, lang, places=2)


def verdict_text(verdict: Verdict, lang: str) -> str:
    """A decision for people (``not funded``, ``не финансировать``), as the protocol writes it.

    Parameters
    ----------
    verdict : Verdict
        The commission's decision on one application.
    lang : str
        ``en``, ``ru`` or ``kk``.

    Returns
    -------
    str
        The words of `LABELS` for the verdict.

    Examples
    --------
    >>> verdict_text(Verdict.NOT_FUNDED, "en"), verdict_text(Verdict.FUNDED, "ru")
    ('not funded', 'финансировать')

    See Also
    --------
    score_text : the score next to the decision.
    step_text : a tie-break step in words.
    """
    return label(LABELS, f"verdict.{verdict.value}", lang)


def _verdict_cell(verdict: Verdict, lang: str) -> str:
    # the score command's English text shows the codes of its JSON
    return verdict.value if lang == "en" else verdict_text(verdict, lang)


def criterion_text(call: Call | None, key: str, lang: str) -> str:
    """A criterion as people read it: its name in ru and kk, its key in en.

    Parameters
    ----------
    call : Call or None
        The call whose criteria name the key; None when the view has none.
    key : str
        The criterion's key (``relevance``), or ``total``.
    lang : str
        ``en``, ``ru``, ``kk`` or a locale such as ``ru_KZ``.

    Returns
    -------
    str
        The criterion's name in ``lang`` (its ``names``, which fall back to ru, kk,
        en); its key in English (the codes of the JSON), for a criterion with no
        names, and for a key the call does not hold.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> call = synthetic_round()[0]
    >>> criterion_text(call, "budget", "kk"), criterion_text(call, "budget", "en")
    ('шынайы бюджет', 'budget')

    See Also
    --------
    step_text : a tie-break step, which may name a criterion.
    """
    if call is None or base_language(lang) == "en":
        return key
    found = next((c for c in call.criteria if c.key == key), None)
    if found is None or found.names is None:
        return key
    return found.names.get(base_language(lang))


def step_text(step: str, lang: str, call: Call | None = None) -> str:
    """A tie-break step (``criterion:<key>``, ``contribution_share``, ``lot``) in ``lang``.

    English keeps the codes of the JSON; in ru and kk a criterion is named as
    `criterion_text()` names it when the call is given.

    Parameters
    ----------
    step : str
        A step of a tie, as in ``Tie.steps``.
    lang : str
        ``en``, ``ru`` or ``kk``.
    call : Call, optional
        The call whose criteria name the keys.

    Returns
    -------
    str
        The step in words; an unknown step is returned unchanged.

    Examples
    --------
    >>> step_text("criterion:budget", "ru"), step_text("lot", "en")
    ('критерий budget', 'lot')
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> step_text("criterion:budget", "ru", synthetic_round()[0])
    'критерий реалистичный бюджет'

    See Also
    --------
    ties_data : the ties with their steps as JSON.
    verdict_text : a decision in words.
    """
    if step.startswith("criterion:"):
        return _say(
            "step.criterion", lang, key=criterion_text(call, step.removeprefix("criterion:"), lang)
        )
    return label(LABELS, f"step.{step}", lang) if f"step.{step}" in LABELS else step


def _statistic(value: float, lang: str, places: int) -> str:
    """A statistic (W, p) as the JSON rounds it (6 places), shown with ``places`` decimals."""
    if value != value:
        return MISSING
    return number(Decimal(repr(round(value, 6))), lang, places=places)


def _percent(probability: float, lang: str) -> str:
    share = Decimal(repr(round(probability, 4))) * 100
    return number(share, lang, places=1) + "%"


def _pot_change(change: Money | None, lang: str) -> str:
    if change is None:
        return MISSING
    sign = "+" if change.amount > 0 else ""
    if lang == "en":  # the amount alone: babel's en pattern would put the sign before "KZT"
        return sign + number(change.amount, lang)
    return sign + money(change, lang)


def _flip_row(flip: LineFlip, lang: str, call: Call) -> list[object]:
    c = flip.change
    return [
        MISSING if flip.rank is None else flip.rank,
        flip.application,
        _verdict_cell(flip.verdict, lang),
        _percent(flip.probability, lang),
        MISSING
        if c is None
        else _say(
            "score_step",
            lang,
            member=c.member,
            criterion=criterion_text(call, c.criterion, lang),
            before=number(c.before, lang),
            after=number(c.after, lang),
        ),
        _pot_change(flip.pot_change, lang),
    ]


def _lines(review: Review, lang: str, limit: int | None, places: PlaceNames | None) -> list[str]:
    decision, call = review.decision, review.call
    english = base_language(lang) == "en"
    # the call by its name in ru and kk (its id in English, as the JSON names it)
    call_title = (
        decision.call if english or call.names is None else call.names.get(base_language(lang))
    )
    out: list[str] = []
    entries = decision.entries if limit is None else decision.entries[:limit]
    count = len(decision.entries)
    out.append(
        _say("ranking_head", lang, call=call_title, pot=money(decision.pot, lang), count=count)
    )
    out.append(
        table(
            [
                label(LABELS, key, lang)
                for key in ("rank", "application", "locality", "score", "decision", "granted")
            ]
            + [label(LABELS, "recused", lang)],
            [
                [
                    "" if e.rank is None else e.rank,
                    e.application,
                    place_text(places, e.locality, lang),
                    score_text(e.total, lang),
                    _verdict_cell(e.outcome, lang),
                    money(e.granted, lang),
                    ",".join(e.recused) or MISSING,
                ]
                for e in entries
            ],
            right=[0, 3],
        )
    )
    if limit is not None and count > limit:
        out.append(_say("more", lang, n=count - limit))
    line = decision.funding_line
    if not decision.funded:
        where = _say("nothing_funded", lang)
    elif line.last_funded is None:
        where = _say("nothing_by_rank", lang)
    else:
        where = _say("last_funded", lang, rank=line.last_funded_rank, application=line.last_funded)
    if line.first_not_funded is not None:
        where += _say(
            "first_not_funded",
            lang,
            rank=line.first_not_funded_rank,
            application=line.first_not_funded,
        )
    out.append(
        _say(
            "funding_line",
            lang,
            where=where,
            count=len(decision.funded),
            total=money(decision.funded_total, lang),
            pot=money(decision.pot, lang),
        )
    )
    out.append(_say("recusals_head", lang, count=len(decision.recusals)))
    shown = decision.recusals if limit is None else decision.recusals[:8]
    localities = {a.id: a.locality for a in call.applications}
    for r in shown:
        reason = r.reason if lang == "en" else r.reason_ru  # written in ru and en
        locality = localities.get(r.application)
        if locality is not None:  # "same locality (kuryk)": the locality by name
            reason = reason.replace(f"({locality})", f"({place_text(places, locality, lang)})")
        out.append(
            _say("recusal_line", lang, member=r.member, application=r.application, reason=reason)
        )
    if len(shown) < len(decision.recusals):
        out.append(_say("more", lang, n=len(decision.recusals) - len(shown)))
    for tie in decision.ties:
        lots = "; ".join(
            f"{label(LABELS, 'step.lot', lang)} seed={lot.seed} permutation={list(lot.permutation)}"
            for lot in tie.lots
        )
        out.append(
            _say(
                "tie_line",
                lang,
                total=score_text(tie.total, lang),
                applications=" > ".join(tie.applications),
                steps=", ".join(step_text(x, lang, call) for x in tie.steps),
                lots="; " + lots if lots else "",
            )
        )
    out.append(_say("agreement_head", lang))
    out.append(
        table(
            [
                label(LABELS, "criterion", lang),
                "W",
                label(LABELS, "band", lang),
                "p",
                label(LABELS, "applications", lang),
            ],
            [
                [
                    label(LABELS, "total", lang)
                    if key == "total"
                    else criterion_text(call, key, lang),
                    _statistic(a.w, lang, 3),
                    label(LABELS, f"band.{a.band}", lang),
                    _statistic(a.p_value, lang, 4),
                    a.items,
                ]
                for key, a in review.agreements
            ],
            right=[1, 3, 4],
        )
    )
    sensitivity = review.sensitivity
    if sensitivity.flips:
        out.append(_say("sensitivity_head", lang, draws=sensitivity.draws, seed=sensitivity.seed))
        out.append(
            table(
                [
                    label(LABELS, key, lang)
                    for key in (
                        "rank",
                        "application",
                        "decision",
                        "flips",
                        "score_change",
                        "pot_change",
                    )
                ],
                [_flip_row(flip, lang, call) for flip in sensitivity.flips],
                right=[0, 3, 5],
            )
        )
    return out


def review_text(
    review: Review, lang: str, *, limit: int | None = None, places: PlaceNames | None = None
) -> str:
    """What ``civicgrants score`` prints: ranking, funding line, recusals, ties, agreement, sensitivity.

    Parameters
    ----------
    review : Review
        `civicgrants.scoring.review()`'s result.
    lang : str
        ``en``, ``ru`` or ``kk``.
    limit : int, optional
        Show only the first ``limit`` ranking rows and 8 recusals (``… n more``).
    places : PlaceNames, optional
        The names of the localities (`civicgrants.io.places.place_names()`): ru and
        kk name them, en and a view without them show their ids.

    Returns
    -------
    str
        The text, ending with a newline; the missing scores, if any, last.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import review
    >>> text = review_text(review(*synthetic_round(), draws=100), "en")
    >>> text.splitlines()[2].split()
    ['1', 'SYN-II-MAN-28', 'borankul', '78.75', 'funded', 'KZT1,750,000.00', '—']

    See Also
    --------
    review_data : the same review as JSON (``--format json``).
    review_demo_text : the shorter scoring step of ``civicgrants demo``.
    civicgrants.io.protocol.protocol_text : the full printable protocol.
    """
    out = _lines(review, lang, limit, places)
    if review.missing:
        cells = ", ".join(f"{m.application}/{m.member}/{m.criterion}" for m in review.missing)
        out.append(_say("missing", lang, count=len(review.missing), cells=cells))
    return "\n".join(out) + "\n"


text_view(Review)(review_text)


def review_demo_text(review: Review, lang: str, places: PlaceNames | None = None) -> str:
    """The scoring step of ``civicgrants demo`` for the synthetic round.

    The heading, the introduction, the ranking limited to `DEMO_LIMIT`
    rows (8 recusals), the agreement and sensitivity, and the pot change that
    would fund the first application not funded (from the review).

    Parameters
    ----------
    review : Review
        The review of `civicgrants.datasets.synthetic_round.synthetic_round()`.
    lang : str
        ``en``, ``ru`` or ``kk``; the criteria are named in ru and kk.
    places : PlaceNames, optional
        The names of the localities (the demo gives its programme's).

    Returns
    -------
    str
        Starting with an empty line and a ``====`` rule, ending with a newline.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import review
    >>> text = review_demo_text(review(*synthetic_round(), draws=100), "en")
    >>> text.splitlines()[-1]
    'Pot change that would fund SYN-II-MAN-37 (rank 19): KZT2,450,000.00'

    See Also
    --------
    review_text : what ``civicgrants score`` prints.
    civicgrants.io.views.demo.walkthrough_text : the demo's other steps.
    """
    out = ["", "=" * 78, _say("demo_heading", lang), _say("demo_intro", lang)]
    out.extend(_lines(review, lang, DEMO_LIMIT, places))
    line = review.decision.funding_line
    if line.first_not_funded is not None and review.line_pot_change is not None:
        out.append(
            _say(
                "demo_pot_change",
                lang,
                application=line.first_not_funded,
                rank=line.first_not_funded_rank,
                change=money(review.line_pot_change, lang),
            )
        )
    return "\n".join(out) + "\n"


def flip_summary(flip: Flip) -> str:
    """One English line on a `Flip`, for notebooks.

    Parameters
    ----------
    flip : Flip
        One row of `civicgrants.scoring.montecarlo.funding_line_sensitivity()`.

    Returns
    -------
    str
        The application, its position and decision, how often it flips (± the
        standard error) and the smallest single score change that flips it, if any.

    Examples
    --------
    >>> import numpy as np
    >>> from civicgrants.scoring.batch import Panel
    >>> from civicgrants.scoring.montecarlo import funding_line_sensitivity
    >>> panel = Panel.from_arrays(
    ...     np.array([[[9.0], [8.0]], [[7.0], [7.0]], [[6.0], [7.0]], [[2.0], [1.0]]]),
    ...     lo=0, hi=10, grant=[10, 10, 10, 10], pot=20,
    ... )
    >>> flip_summary(funding_line_sensitivity(panel, draws=200, near=1)[0])[:26]
    'a1 (#2, funded): flips in '

    See Also
    --------
    sensitivity_data : a review's sensitivity rows as JSON.
    civicgrants.scoring.montecarlo.funding_line_sensitivity : makes the flips.
    """
    head = (
        f"{flip.application_id} (#{flip.position + 1}, {flip.decision}): "
        f"flips in {100 * flip.probability:.1f}% ± {100 * flip.stderr:.1f}% of "
        f"{flip.draws} draws"
    )
    if flip.change is None:
        return head + "; no single score change flips it"
    c = flip.change
    return (
        head + f"; smallest flip: {c.member_id} on {c.criterion_id} "
        f"{c.from_:g} → {c.to:g} ({c.steps:+d} steps)"
    )


# --------------------------------------------------------------------------- JSON pieces


def _exact(value: Fraction | None) -> str | None:
    return None if value is None else str(value)


def _shown(value: Fraction | None) -> str | None:
    return None if value is None else str(rounded(value))


def ranking_data(decision: CommissionDecision) -> list[dict[str, Any]]:
    """Every application's decision as JSON objects, in protocol order.

    Exact values are fraction strings (``score_exact``), shown values 2-decimal
    strings (``score``), money exact decimal strings.

    Parameters
    ----------
    decision : CommissionDecision
        `civicgrants.scoring.decide()`'s result (or a review's ``decision``).

    Returns
    -------
    list of dict
        One object per application: rank, scores per criterion, amounts, decision,
        reason, recusals and any override.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import decide
    >>> row = ranking_data(decide(*synthetic_round()))[0]
    >>> row["score"], row["score_exact"], row["granted"]
    ('78.75', '315/4', '1750000.00')

    See Also
    --------
    review_data : the whole ``civicgrants score`` JSON.
    civicgrants.io.protocol.protocol_data : the protocol's JSON.
    """
    return [
        {
            "application": e.application,
            "rank": e.rank,
            "locality": e.locality,
            "score": _shown(e.total),
            "score_exact": _exact(e.total),
            "criteria": {
                r.criterion: {
                    "aggregate": _shown(r.aggregate),
                    "aggregate_exact": _exact(r.aggregate),
                    "counted": list(r.counted),
                    "not_applicable": list(r.not_applicable),
                    "passed": r.passed,
                }
                for r in e.criteria
            },
            "contribution_share": _shown(e.contribution_share * 100),
            "tie_break": e.separated_by,
            "requested": str(e.requested.amount),
            "grant": str(e.grant.amount),
            "decision": e.outcome.value,
            "granted": str(e.granted.amount),
            "partial": e.partial,
            "reason": e.reason,
            "recused": list(e.recused),
            "override": None
            if e.override is None
            else {"decision": e.override.decision.value, "reason": e.override.reason},
        }
        for e in decision.entries
    ]


def ties_data(decision: CommissionDecision) -> list[dict[str, Any]]:
    """The ties with their steps and lots as JSON objects.

    Parameters
    ----------
    decision : CommissionDecision
        `civicgrants.scoring.decide()`'s result (or a review's ``decision``).

    Returns
    -------
    list of dict
        Per tie: the exact total, the applications in their final order, the
        steps that separated them and any lots drawn (seed, permutation, order).

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import decide
    >>> ties_data(decide(*synthetic_round()))[0]
    {'score_exact': '70', 'applications': ['SYN-II-MAN-35', 'SYN-II-MAN-43'], 'steps': ['criterion:relevance'], 'lots': []}

    See Also
    --------
    step_text : a step in words.
    ranking_data : the decisions the ties ordered.
    """
    return [
        {
            "score_exact": str(t.total),
            "applications": list(t.applications),
            "steps": list(t.steps),
            "lots": [
                {
                    "seed": lot.seed,
                    "drawn_over": list(lot.drawn_over),
                    "permutation": list(lot.permutation),
                    "order": list(lot.order),
                }
                for lot in t.lots
            ],
        }
        for t in decision.ties
    ]


def funding_line_data(decision: CommissionDecision) -> dict[str, Any]:
    """The funding line as a JSON object (ids and ranks).

    Parameters
    ----------
    decision : CommissionDecision
        `civicgrants.scoring.decide()`'s result (or a review's ``decision``).

    Returns
    -------
    dict
        ``last_funded``, ``last_funded_rank``, ``first_not_funded`` and
        ``first_not_funded_rank``; each None when there is no such application.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import decide
    >>> funding_line_data(decide(*synthetic_round()))
    {'last_funded': 'SYN-II-MAN-32', 'last_funded_rank': 18, 'first_not_funded': 'SYN-II-MAN-37', 'first_not_funded_rank': 19}

    See Also
    --------
    ranking_data : every application's decision.
    sensitivity_data : how firm the line is.
    """
    line = decision.funding_line
    return {
        "last_funded": line.last_funded,
        "last_funded_rank": line.last_funded_rank,
        "first_not_funded": line.first_not_funded,
        "first_not_funded_rank": line.first_not_funded_rank,
    }


def recusals_data(decision: CommissionDecision) -> list[dict[str, Any]]:
    """The recusals as JSON objects (member, application, reason).

    Parameters
    ----------
    decision : CommissionDecision
        `civicgrants.scoring.decide()`'s result (or a review's ``decision``).

    Returns
    -------
    list of dict
        One object per recusal, in the decision's order; the reason in English.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import decide
    >>> recusals_data(decide(*synthetic_round()))[0]
    {'member': 'SYN-M1', 'application': 'SYN-II-MAN-06', 'reason': 'same locality (fort-shevchenko)'}

    See Also
    --------
    ranking_data : lists each application's recused members too.
    """
    return [
        {"member": r.member, "application": r.application, "reason": r.reason}
        for r in decision.recusals
    ]


def calibration_data(decision: CommissionDecision) -> dict[str, Any]:
    """The calibration note as a JSON object (method, applied, reason).

    Parameters
    ----------
    decision : CommissionDecision
        `civicgrants.scoring.decide()`'s result (or a review's ``decision``).

    Returns
    -------
    dict
        ``method`` (None when none was asked for), ``applied`` and the English ``reason``.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import decide
    >>> calibration_data(decide(*synthetic_round()))
    {'method': None, 'applied': False, 'reason': 'not requested'}

    See Also
    --------
    review_data : the whole ``civicgrants score`` JSON.
    """
    note = decision.calibration
    return {
        "method": None if note.method is None else note.method.value,
        "applied": note.applied,
        "reason": note.reason,
    }


def agreement_data(review: Review) -> dict[str, Any]:
    """Kendall's W per criterion and for ``"total"``; statistics rounded to 6 places, NaN null.

    Parameters
    ----------
    review : Review
        `civicgrants.scoring.review()`'s result.

    Returns
    -------
    dict
        Criterion key (or ``"total"``) to the agreement's fields as JSON values
        (see `civicgrants.io.findings.json_value()`).

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import review
    >>> agreement_data(review(*synthetic_round(), draws=10))["total"]["band"]
    'strong'

    See Also
    --------
    sensitivity_data : the other statistic of a review.
    review_data : the whole ``civicgrants score`` JSON.
    """
    return {key: json_value(a) for key, a in review.agreements}


def sensitivity_data(review: Review) -> list[dict[str, Any]]:
    """The sensitivity rows as JSON objects (probabilities to 4 places, pot changes exact).

    Parameters
    ----------
    review : Review
        `civicgrants.scoring.review()`'s result.

    Returns
    -------
    list of dict
        One object per application near the funding line: its rank and decision,
        the flip probability and standard error, the draws, seed and noise, the
        smallest score change that flips it and the pot change that would.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import review
    >>> sensitivity_data(review(*synthetic_round(), draws=10, near=1))[1]["pot_change"]
    '2450000.00'

    See Also
    --------
    flip_summary : one flip as an English line.
    agreement_data : the other statistic of a review.
    """
    s = review.sensitivity
    out = []
    for flip in s.flips:
        c = flip.change
        out.append(
            {
                "application": flip.application,
                "rank": flip.rank,
                "position": flip.position,
                "decision": flip.verdict.value,
                "flip_probability": round(flip.probability, 4),
                "stderr": round(flip.stderr, 4),
                "draws": s.draws,
                "seed": s.seed,
                "noise": [round(x, 6) for x in s.noise],
                "score_change": None
                if c is None
                else {
                    "member": c.member,
                    "criterion": c.criterion,
                    "from": str(c.before),
                    "to": str(c.after),
                    "steps": c.steps,
                },
                "pot_change": None if flip.pot_change is None else str(flip.pot_change.amount),
            }
        )
    return out


def missing_data(review: Review) -> list[dict[str, Any]]:
    """The missing score cells as JSON objects (application, member, criterion).

    Parameters
    ----------
    review : Review
        `civicgrants.scoring.review()`'s result.

    Returns
    -------
    list of dict
        One object per cell no score was given for (recused members excluded).

    Examples
    --------
    >>> import attrs
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import review
    >>> call, sheet = synthetic_round()
    >>> short = attrs.evolve(sheet, scores=sheet.scores[1:])
    >>> missing_data(review(call, short, draws=10))
    [{'application': 'SYN-II-MAN-01', 'member': 'SYN-M1', 'criterion': 'relevance'}]

    See Also
    --------
    review_text : lists the missing cells last.
    """
    return [
        {"application": m.application, "member": m.member, "criterion": m.criterion}
        for m in review.missing
    ]


@data_view(Review)
def review_data(review: Review) -> str:
    """What ``civicgrants score --format json`` prints.

    Parameters
    ----------
    review : Review
        `civicgrants.scoring.review()`'s result.

    Returns
    -------
    str
        A JSON text: ``ranking``, ``funded_total``, ``agreement``, ``sensitivity``,
        ``call``, ``currency``, ``pot``, ``funded_count``, ``funding_line``,
        ``recusals``, ``ties``, ``calibration``, ``missing``.

    Examples
    --------
    >>> import json
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import review
    >>> json.loads(review_data(review(*synthetic_round(), draws=10)))["funded_count"]
    18

    See Also
    --------
    review_text : the same review for people.
    civicgrants.io.protocol.protocol_json : the protocol's JSON document.
    """
    d = review.decision
    return dump_json(
        {
            "ranking": ranking_data(d),
            "funded_total": str(d.funded_total.amount),
            "agreement": agreement_data(review),
            "sensitivity": sensitivity_data(review),
            "call": d.call,
            "currency": d.currency,
            "pot": str(d.pot.amount),
            "funded_count": len(d.funded),
            "funding_line": funding_line_data(d),
            "recusals": recusals_data(d),
            "ties": ties_data(d),
            "calibration": calibration_data(d),
            "missing": missing_data(review),
        }
    )
