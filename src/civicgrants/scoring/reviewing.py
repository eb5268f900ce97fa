"""The commission's review of a call: the decision, the agreement and the sensitivity.

The module is ``reviewing`` so that ``civicgrants.scoring.review`` stays the function.

`review()` is the one library call behind the ``score`` command: it decides
the call exactly (`decide()`), then, on
the vectorised `Panel` built once, measures
how far the members agree (Kendall's W, per criterion and for the totals) and
how robust the decisions near the funding line are (Monte Carlo flip
probabilities, the smallest flipping score change, and the exact change of the
pot that flips each decision). It also lists the locality minimums not reached
and the score cells nobody filled. The result, `Review`, is frozen and
typed; `civicgrants.io.views.scoring` writes it as text or JSON and
`civicgrants.io.protocol` as the commission's protocol.

Units: money is `Money` except in
`Shortfall` (integer minor units, as the
funding engine counts); scores are exact decimals on the criterion's scale;
probabilities are floats in ``[0, 1]``.

Examples
--------
>>> from civicgrants.datasets.synthetic_round import synthetic_round
>>> r = review(*synthetic_round(), draws=200)
>>> len(r.decision.funded), r.total_agreement.band, str(r.line_pot_change)
(18, 'strong', '2450000.00 KZT')
>>> [(f.application, f.verdict.value) for f in r.sensitivity.flips][:2]
[('SYN-II-MAN-49', 'funded'), ('SYN-II-MAN-24', 'funded')]
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from civicgrants.model.display import shows
from civicgrants.model.money import Money
from civicgrants.model.programme import Call
from civicgrants.model.progress import Progress
from civicgrants.scoring.concordance import Agreement
from civicgrants.scoring.decision import CommissionDecision, Verdict
from civicgrants.scoring.funding import Shortfall
from civicgrants.scoring.sheet import ScoreSheet

__all__ = ["LineFlip", "MissingScore", "Review", "ScoreStep", "Sensitivity", "review"]


@shows
@attrs.frozen
class ScoreStep:
    """The smallest change of one member's score that flips a decision.

    Attributes
    ----------
    member, criterion : str
        Whose score, on which criterion.
    before, after : Decimal
        The score now and the score that flips the decision (on the criterion's scale).
    steps : int
        Signed number of scale steps (``after = before + steps * step``).

    Examples
    --------
    >>> ScoreStep("m1", "budget", Decimal(6), Decimal(8), 2).after
    Decimal('8')

    See Also
    --------
    LineFlip : carries one as ``change``.
    civicgrants.scoring.montecarlo.ScoreChange : the float form it is made from.
    """

    member: str
    criterion: str
    before: Decimal
    after: Decimal
    steps: int


@shows
@attrs.frozen
class LineFlip:
    """How robust one decision near the funding line is.

    Attributes
    ----------
    application : str
        The application.
    rank : int or None
        Its rank in the decision (``None`` below threshold).
    position : int
        Its position (1 = best) in the ranking sequence without overridden applications.
    verdict : Verdict
        The decision now.
    probability, stderr : float
        Share of Monte Carlo draws that flip its funded / not-funded outcome, and
        the standard error of that share.
    change : ScoreStep or None
        The smallest single-score change that flips it, or ``None``.
    pot_change : Money or None
        The smallest signed change of the pot that flips it (exact), or ``None``
        when no pot does.

    Examples
    --------
    >>> LineFlip("a1", 3, 3, Verdict.FUNDED, 0.4, 0.01, None, Money("-0.01")).pot_change
    Money(amount=Decimal('-0.01'), currency='KZT')

    See Also
    --------
    Sensitivity : holds one per application near the line.
    ScoreStep : the smallest flipping score change.
    civicgrants.scoring.funding.pot_flip : computes ``pot_change``.
    """

    application: str
    rank: int | None
    position: int
    verdict: Verdict
    probability: float
    stderr: float
    change: ScoreStep | None
    pot_change: Money | None


@shows
@attrs.frozen
class Sensitivity:
    """The funding-line sensitivity: the simulation's settings and one `LineFlip` per application.

    Attributes
    ----------
    draws, seed : int
        Monte Carlo draws and the seed of ``numpy.random.default_rng``.
    noise : tuple of float
        Standard deviation of the noise per criterion (call order), in scale units.
    near : int
        Ranking positions reported on each side of the line.
    flips : tuple of LineFlip
        In ranking order.

    Examples
    --------
    >>> s = Sensitivity(2000, 0, (1.0, 1.0), 3, ())
    >>> s.draws, s.noise, s.flips
    (2000, (1.0, 1.0), ())

    See Also
    --------
    LineFlip : one application's robustness.
    Review : carries one as ``sensitivity``.
    civicgrants.scoring.robustness.sensitivity : the simulation behind it.
    """

    draws: int
    seed: int
    noise: tuple[float, ...]
    near: int
    flips: tuple[LineFlip, ...]


@shows
@attrs.frozen
class MissingScore:
    """A score cell no row covers (a recused member's cells aside).

    Attributes
    ----------
    application : str
        The application's id.
    member : str
        The member who gave no score.
    criterion : str
        The criterion's key.

    Examples
    --------
    >>> MissingScore("a1", "m2", "q")
    MissingScore(application='a1', member='m2', criterion='q')

    See Also
    --------
    civicgrants.scoring.recusal.missing_scores : finds the cells.
    Review : lists them as ``missing``.
    """

    application: str
    member: str
    criterion: str


@shows
@attrs.frozen
class Review:
    """The commission's review of a call: what `review()` returns.

    Attributes
    ----------
    call : Call
        The call (its members, criteria, overrides: the protocol prints them).
    sheet : ScoreSheet
        The scores.
    decision : CommissionDecision
        The exact decision.
    criterion_agreement : tuple of Agreement
        Kendall's W of the raw scores per criterion, in ``decision.criterion_keys`` order.
    total_agreement : Agreement
        Kendall's W of the members' own totals.
    sensitivity : Sensitivity
        The funding-line sensitivity.
    line_pot_change : Money or None
        The pot change that would fund the first application not funded, if any.
    shortfalls : tuple of Shortfall
        The locality minimums not reached.
    missing : tuple of MissingScore
        The score cells nobody filled.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> r = review(*synthetic_round(), draws=100, near=1)
    >>> r.decision.funding_line.first_not_funded, str(r.line_pot_change), r.missing
    ('SYN-II-MAN-37', '2450000.00 KZT', ())
    >>> [key for key, _ in r.agreements]
    ['relevance', 'budget', 'contribution', 'sustainability', 'total']

    See Also
    --------
    civicgrants.io.render.render : its text and JSON.
    civicgrants.io.protocol.protocol_text : the printable protocol.
    """

    call: Call
    sheet: ScoreSheet
    decision: CommissionDecision
    criterion_agreement: tuple[Agreement, ...]
    total_agreement: Agreement
    sensitivity: Sensitivity
    line_pot_change: Money | None
    shortfalls: tuple[Shortfall, ...]
    missing: tuple[MissingScore, ...]

    @property
    def agreements(self) -> tuple[tuple[str, Agreement], ...]:
        """``(criterion key, agreement)`` per criterion, then ``("total", total_agreement)``.

        Returns
        -------
        tuple of (str, Agreement)
            In ``decision.criterion_keys`` order, the total last.

        Examples
        --------
        >>> from civicgrants.datasets.synthetic_round import synthetic_round
        >>> r = review(*synthetic_round(), draws=100, near=1)
        >>> [(key, a.band) for key, a in r.agreements][-1]
        ('total', 'strong')

        See Also
        --------
        civicgrants.scoring.robustness.agreement : computes them.
        """
        keyed = tuple(zip(self.decision.criterion_keys, self.criterion_agreement, strict=True))
        return (*keyed, ("total", self.total_agreement))

    @property
    def has_errors(self) -> bool:
        """Always false: a call that cannot be decided raises instead.

        Returns
        -------
        bool
            ``False``; the command line reads it, like every command's result,
            for its exit status.

        Examples
        --------
        >>> from civicgrants.datasets.synthetic_round import synthetic_round
        >>> review(*synthetic_round(), draws=100, near=1).has_errors
        False

        See Also
        --------
        review : raises `ValidationError` instead.
        civicgrants.cli.common.exit_status : the exit status it gives.
        """
        return False


def _score_value(value: float) -> Decimal:
    """A score the simulation proposes, as the shortest exact decimal (``4``, ``6.5``)."""
    text = repr(round(value, 6))
    return Decimal(text[:-2] if text.endswith(".0") else text)


def review(
    call: Call,
    sheet: ScoreSheet,
    *,
    draws: int = 2000,
    near: int = 3,
    seed: int | None = None,
    progress: Progress | None = None,
) -> Review:
    """Decide ``call`` from ``sheet`` and measure the agreement and the robustness of the result.

    Parameters
    ----------
    call : Call
        The call: criteria, members, applications, pot, rules.
    sheet : ScoreSheet
        The members' scores.
    draws : int
        Monte Carlo draws of the sensitivity (>= 1).
    near : int
        Ranking positions on each side of the funding line the sensitivity reports.
    seed : int, optional
        Seed of the simulation; the call's ``seed`` by default.
    progress : Progress, optional
        Called as ``progress(done, draws)`` as the sensitivity's draws are made
        (the CLI draws a bar on a terminal); the review does not depend on it.

    Returns
    -------
    Review
        Frozen; the same inputs give the same review, bit for bit.

    Raises
    ------
    civicgrants.errors.ValidationError
        A bad score row, a call without a pot or criteria, an override that
        cannot be paid, or ``draws``/``near`` out of range.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> r = review(*synthetic_round(), draws=100, near=1)
    >>> [(f.rank, f.application, str(f.pot_change)) for f in r.sensitivity.flips]
    [(18, 'SYN-II-MAN-32', '-0.01 KZT'), (19, 'SYN-II-MAN-37', '2450000.00 KZT')]

    See Also
    --------
    civicgrants.scoring.commission.decide : the decision alone.
    civicgrants.scoring.robustness.to_panel : the vectorised round.
    """
    from civicgrants.scoring.commission import decide
    from civicgrants.scoring.funding import pot_flip, shortfalls
    from civicgrants.scoring.recusal import missing_scores
    from civicgrants.scoring.robustness import agreement, sensitivity, to_panel

    decision = decide(call, sheet)
    panel = to_panel(call, sheet, decision)  # once, for both reports
    agreed = agreement(call, sheet, decision, panel=panel)
    flips = sensitivity(
        call,
        sheet,
        decision,
        draws=draws,
        near=near,
        panel=panel,
        seed=call.seed if seed is None else seed,
        progress=progress,
    )
    rows = []
    for flip in flips:
        c = flip.change
        rows.append(
            LineFlip(
                application=flip.application_id,
                rank=decision.entry(flip.application_id).rank,
                position=flip.position + 1,
                verdict=Verdict(flip.decision),
                probability=flip.probability,
                stderr=flip.stderr,
                change=None
                if c is None
                else ScoreStep(
                    c.member_id, c.criterion_id, _score_value(c.from_), _score_value(c.to), c.steps
                ),
                pot_change=pot_flip(decision, flip.application_id),
            )
        )
    first = decision.funding_line.first_not_funded
    return Review(
        call=call,
        sheet=sheet,
        decision=decision,
        criterion_agreement=tuple(agreed[k] for k in decision.criterion_keys),
        total_agreement=agreed["total"],
        sensitivity=Sensitivity(
            draws=int(draws),
            seed=call.seed if seed is None else int(seed),
            noise=flips[0].noise if flips else tuple(float(s) for s in panel.step),
            near=int(near),
            flips=tuple(rows),
        ),
        line_pot_change=None if first is None else pot_flip(decision, first),
        shortfalls=shortfalls(decision),
        missing=tuple(MissingScore(*cell) for cell in missing_scores(call, sheet)),
    )
