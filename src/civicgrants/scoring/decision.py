"""The commission's decision as data: verdicts, per-criterion results, the funding line.

These types are what `civicgrants.scoring.commission.decide()` returns and
what the funding engine (`civicgrants.scoring.funding`) reads back; they
live apart from both, so the engine and the decision never import each other
(the engine apart from its details, as in pabutools).

Examples
--------
>>> from fractions import Fraction
>>> Verdict("not_funded") is Verdict.NOT_FUNDED, rounded(Fraction(190, 3))
(True, Decimal('63.33'))

See Also
--------
civicgrants.scoring.commission.decide : makes a `CommissionDecision`.
civicgrants.scoring.funding : the funding rules over `FundingInputs`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Any, ClassVar

import attrs

from civicgrants.model.display import frame, shows
from civicgrants.model.money import Money
from civicgrants.model.programme import Aggregation, Override
from civicgrants.scoring.aggregate import CalibrationNote
from civicgrants.scoring.rank import Tie
from civicgrants.scoring.recusal import Recusal

__all__ = [
    "ApplicationDecision",
    "CommissionDecision",
    "CriterionResult",
    "FundingInputs",
    "FundingLine",
    "Verdict",
    "rounded",
]


class Verdict(enum.Enum):
    """The decision on one application.

    Examples
    --------
    ``FUNDED``: granted money (in full, partially or by override);
    ``NOT_FUNDED``: eligible but the pot, a locality limit or an override
    left it out; ``BELOW_THRESHOLD``: a criterion or the overall threshold
    failed, or a criterion has no usable score.

    Examples
    --------
    >>> [v.value for v in Verdict]
    ['funded', 'not_funded', 'below_threshold']

    See Also
    --------
    ApplicationDecision : carries one as ``outcome``.
    """

    FUNDED = "funded"
    NOT_FUNDED = "not_funded"
    BELOW_THRESHOLD = "below_threshold"


def rounded(value: Fraction, places: int = 2) -> Decimal:
    """An exact value rounded half-even to ``places`` decimals: the value a record shows.

    Totals and aggregates are exact fractions; the protocol's data and the
    reasons carry them rounded to 2 decimals (the exact value is kept next to
    it). This is a number, not a text: people's texts format it through
    `civicgrants.io.fmt.number()`.

    Parameters
    ----------
    value : Fraction
        The exact value.
    places : int
        Decimals to keep.

    Returns
    -------
    Decimal
        With exactly ``places`` decimals.

    Examples
    --------
    >>> rounded(Fraction(1, 8)), rounded(Fraction(3, 8)), rounded(Fraction(74))
    (Decimal('0.12'), Decimal('0.38'), Decimal('74.00'))

    See Also
    --------
    civicgrants.io.fmt.number : formats the number for people.
    ApplicationDecision : its exact ``total``, shown rounded.
    """
    quantum = Decimal(1).scaleb(-places)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(quantum, rounding=ROUND_HALF_EVEN)


@shows
@attrs.frozen
class CriterionResult:
    """One application's result on one criterion.

    Attributes
    ----------
    criterion : str
        The criterion's key.
    aggregate : Fraction or None
        The aggregate on the raw scale (after calibration), ``None`` with no usable score.
    normalised : Fraction or None
        0..1, 1 the best end of the scale (``None`` with no usable score).
    counted : tuple of str
        Members whose score counted.
    not_applicable : tuple of str
        Members who marked the criterion not applicable.
    passed : bool
        Whether the criterion's threshold (if any) is met.

    Examples
    --------
    >>> CriterionResult("r", Fraction(7), Fraction(7, 10), ("m1",), (), True).passed
    True

    See Also
    --------
    ApplicationDecision : holds one per criterion.
    civicgrants.scoring.aggregate.aggregate : computes ``aggregate``.
    """

    criterion: str
    aggregate: Fraction | None
    """The aggregate on the raw scale (after calibration), ``None`` with no usable score."""
    normalised: Fraction | None
    """0..1, 1 the best end of the scale."""
    counted: tuple[str, ...]
    """Members whose score counted."""
    not_applicable: tuple[str, ...]
    """Members who marked the criterion not applicable."""
    passed: bool
    """Whether the criterion's threshold (if any) is met."""


@shows
@attrs.frozen
class ApplicationDecision:
    """Everything decided about one application, with the reason.

    ``reason`` and ``reason_ru`` are the explanation (data): numbers in them are
    plain exact decimals (``1500000.00 KZT``), never grouped.

    Attributes
    ----------
    application : str
        The application's id.
    locality : str
        Its locality.
    requested : Money
        The amount requested.
    grant : Money
        The request capped at the call's ``max_grant``: what funding would pay.
    criteria : tuple of CriterionResult
        One result per criterion, in call order.
    total : Fraction or None
        The exact total (0..100), ``None`` when a criterion has no usable score.
    contribution_share : Fraction
        ``contribution / (contribution + requested)`` (a tie-break step).
    rank : int or None
        1 = best; ``None`` below threshold.
    separated_by : str or None
        The tie-break step that placed it below the previous application of equal total.
    outcome : Verdict
        The decision.
    granted : Money
        What it receives (0 when not funded; the remaining pot when partial).
    partial : bool
        Whether the grant is a partial one.
    reason, reason_ru : str
        Why, in English and in Russian.
    recused : tuple of str
        Members recused from it.
    override : Override or None
        The commission's override of it, if any.

    Examples
    --------
    >>> from decimal import Decimal as D
    >>> from civicgrants.model.money import Money
    >>> from civicgrants.model.programme import Call, CallApplication, Criterion, Direction, Member
    >>> from civicgrants.scoring import ScoreSheet, Score, decide
    >>> call = Call("c", pot=Money(100), criteria=(Criterion("r", Direction.HIGHER_IS_BETTER),),
    ...             members=(Member("m1"),), applications=(CallApplication("a1", "x", 60),
    ...             CallApplication("a2", "x", 50), CallApplication("a3", "y", 30)))
    >>> scores = (("a1", 8), ("a2", 7), ("a3", 6))
    >>> sheet = ScoreSheet(tuple(Score(a, "m1", "r", D(v)) for a, v in scores))
    >>> decision = decide(call, sheet)
    >>> e = decision.entry("a2")
    >>> e.rank, e.total, e.outcome.value, e.funded
    (2, Fraction(70, 1), 'not_funded', False)
    >>> print(e.reason)
    rank 2: grant 50.00 KZT does not fit the remaining 40.00 KZT

    See Also
    --------
    CommissionDecision : holds one per application, as ``entries``.
    CriterionResult : one per criterion.
    Verdict : the possible outcomes.
    """

    application: str
    locality: str
    requested: Money
    grant: Money
    """The request capped at the call's ``max_grant``: what funding would pay."""
    criteria: tuple[CriterionResult, ...]
    total: Fraction | None
    contribution_share: Fraction
    rank: int | None
    separated_by: str | None
    """The tie-break step that placed it below the previous application of equal total."""
    outcome: Verdict
    granted: Money
    partial: bool
    reason: str
    reason_ru: str
    recused: tuple[str, ...]
    override: Override | None

    @property
    def funded(self) -> bool:
        """Whether the application is funded (its outcome is `Verdict.FUNDED`).

        Returns
        -------
        bool
            ``outcome is Verdict.FUNDED``.

        Examples
        --------
        >>> from civicgrants.model.money import Money
        >>> zero = Money(0)
        >>> ApplicationDecision("a1", "x", zero, zero, (), None, Fraction(0), None, None,
        ...                     Verdict.BELOW_THRESHOLD, zero, False, "", "", (), None).funded
        False

        See Also
        --------
        CommissionDecision.funded : every funded application.
        """
        return self.outcome is Verdict.FUNDED


@shows
@attrs.frozen
class FundingLine:
    """Where the money ran out: the last funded rank and the first not funded one.

    Attributes
    ----------
    last_funded : str or None
        The funded application with the highest rank number, ``None`` when none is funded.
    last_funded_rank : int or None
        Its rank.
    first_not_funded : str or None
        The best-ranked eligible application not funded, ``None`` when all are funded.
    first_not_funded_rank : int or None
        Its rank.

    Examples
    --------
    >>> from decimal import Decimal as D
    >>> from civicgrants.model.money import Money
    >>> from civicgrants.model.programme import Call, CallApplication, Criterion, Direction, Member
    >>> from civicgrants.scoring import ScoreSheet, Score, decide
    >>> call = Call("c", pot=Money(100), criteria=(Criterion("r", Direction.HIGHER_IS_BETTER),),
    ...             members=(Member("m1"),), applications=(CallApplication("a1", "x", 60),
    ...             CallApplication("a2", "x", 50), CallApplication("a3", "y", 30)))
    >>> scores = (("a1", 8), ("a2", 7), ("a3", 6))
    >>> sheet = ScoreSheet(tuple(Score(a, "m1", "r", D(v)) for a, v in scores))
    >>> decision = decide(call, sheet)
    >>> decision.funding_line
    FundingLine(last_funded='a3', last_funded_rank=3, first_not_funded='a2', first_not_funded_rank=2)

    See Also
    --------
    CommissionDecision : keeps it as ``funding_line``.
    civicgrants.scoring.funding.pot_flip : the pot change that moves it.
    """

    last_funded: str | None
    last_funded_rank: int | None
    first_not_funded: str | None
    first_not_funded_rank: int | None


@shows
@attrs.frozen
class FundingInputs:
    """Everything funding needs besides the pot (kept on the decision, to re-run it).

    Amounts are integer minor units (tiyn for tenge).

    Attributes
    ----------
    currency : str
        The call's currency code.
    ranked : tuple of str
        Eligible applications in rank order.
    below : tuple of str
        Below-threshold applications in listing order.
    grants : mapping of str to int
        Grant (the request capped at ``max_grant``) in minor units, per application.
    locality : mapping of str to str
        Locality per application.
    min_count, max_count : mapping of str to int
        Per locality with a limit, the minimum and maximum number of grants.
    max_amount : mapping of str to int
        Per locality with a limit, the maximum amount granted (minor units).
    fund, not_fund : tuple of str
        Applications with a ``fund`` or ``not_fund`` override.
    partial : bool
        Whether partial funding is allowed.
    floor : int
        The smallest pot a valid call may have (its ``max_grant``).
    min_amount : mapping of str to int
        Per locality, the minimum amount (minor units) the minimum pass tries to grant.

    Examples
    --------
    >>> from decimal import Decimal as D
    >>> from civicgrants.model.money import Money
    >>> from civicgrants.model.programme import Call, CallApplication, Criterion, Direction, Member
    >>> from civicgrants.scoring import ScoreSheet, Score, decide
    >>> call = Call("c", pot=Money(100), criteria=(Criterion("r", Direction.HIGHER_IS_BETTER),),
    ...             members=(Member("m1"),), applications=(CallApplication("a1", "x", 60),
    ...             CallApplication("a2", "x", 50), CallApplication("a3", "y", 30)))
    >>> scores = (("a1", 8), ("a2", 7), ("a3", 6))
    >>> sheet = ScoreSheet(tuple(Score(a, "m1", "r", D(v)) for a, v in scores))
    >>> decision = decide(call, sheet)
    >>> inputs = decision.funding_inputs
    >>> inputs.ranked, dict(inputs.grants)
    (('a1', 'a2', 'a3'), {'a1': 6000, 'a2': 5000, 'a3': 3000})

    See Also
    --------
    civicgrants.scoring.funding.fund : runs the funding rules on it at a pot.
    CommissionDecision : keeps it as ``funding_inputs``.
    """

    currency: str
    ranked: tuple[str, ...]
    """Eligible applications in rank order."""
    below: tuple[str, ...]
    """Below-threshold applications in listing order."""
    grants: Mapping[str, int] = attrs.field(eq=False)
    """Grant (the request capped at ``max_grant``) in minor units, per application."""
    locality: Mapping[str, str] = attrs.field(eq=False)
    min_count: Mapping[str, int] = attrs.field(eq=False)
    max_count: Mapping[str, int] = attrs.field(eq=False)
    max_amount: Mapping[str, int] = attrs.field(eq=False)
    fund: tuple[str, ...]
    not_fund: tuple[str, ...]
    partial: bool
    floor: int
    """The smallest pot a valid call may have (its ``max_grant``)."""
    min_amount: Mapping[str, int] = attrs.field(factory=dict, eq=False)
    """Per locality, the minimum amount (minor units) the minimum pass tries to grant."""


@shows
@attrs.frozen
class CommissionDecision:
    """The commission's result on a call: frozen, complete, explained.

    ``entries`` are in protocol order: ranked applications by rank, then the
    below-threshold ones.

    Attributes
    ----------
    call : str
        The call's id.
    currency : str
        The call's currency code.
    pot : Money
        The money to share.
    max_grant : Money or None
        The cap on one grant, if any.
    aggregation : Aggregation
        How the members' scores were combined per criterion.
    seed : int
        The seed of every lot.
    application_ids : tuple of str
        Applications in call order (the axis 0 of `score_array()`).
    member_ids : tuple of str
        Members in call order.
    criterion_keys : tuple of str
        Criteria in call order.
    recusals : tuple of Recusal
        Who was recused from what, and why.
    calibration : CalibrationNote
        Whether calibration was applied, and why (not).
    entries : tuple of ApplicationDecision
        One per application, in protocol order.
    ties : tuple of Tie
        Every tie among the ranked applications and how it was split.
    funding_line : FundingLine
        Where the money ran out.
    funded_total : Money
        The sum granted.
    funding_inputs : FundingInputs
        What the funding engine read (to re-run it at another pot).

    Examples
    --------
    >>> from decimal import Decimal as D
    >>> from civicgrants.model.money import Money
    >>> from civicgrants.model.programme import Call, CallApplication, Criterion, Direction, Member
    >>> from civicgrants.scoring import ScoreSheet, Score, decide
    >>> call = Call("c", pot=Money(100), criteria=(Criterion("r", Direction.HIGHER_IS_BETTER),),
    ...             members=(Member("m1"),), applications=(CallApplication("a1", "x", 60),
    ...             CallApplication("a2", "x", 50), CallApplication("a3", "y", 30)))
    >>> scores = (("a1", 8), ("a2", 7), ("a3", 6))
    >>> sheet = ScoreSheet(tuple(Score(a, "m1", "r", D(v)) for a, v in scores))
    >>> decision = decide(call, sheet)
    >>> [(e.application, e.rank, e.outcome.value) for e in decision.entries]
    [('a1', 1, 'funded'), ('a2', 2, 'not_funded'), ('a3', 3, 'funded')]
    >>> print(decision.funded_total)
    90.00 KZT

    See Also
    --------
    civicgrants.scoring.commission.decide : makes it.
    civicgrants.scoring.review : the decision with agreement and sensitivity.
    """

    call: str
    currency: str
    pot: Money
    max_grant: Money | None
    aggregation: Aggregation
    seed: int
    application_ids: tuple[str, ...]
    """Applications in call order (the axis 0 of `score_array()`)."""
    member_ids: tuple[str, ...]
    criterion_keys: tuple[str, ...]
    recusals: tuple[Recusal, ...]
    calibration: CalibrationNote
    entries: tuple[ApplicationDecision, ...]
    ties: tuple[Tie, ...]
    funding_line: FundingLine
    funded_total: Money
    funding_inputs: FundingInputs = attrs.field(repr=False)

    def entry(self, application: str) -> ApplicationDecision:
        """The decision on one application.

        Parameters
        ----------
        application : str
            The application's id.

        Returns
        -------
        ApplicationDecision
            Its entry.

        Raises
        ------
        KeyError
            ``application`` is not in the call.

        Examples
        --------
        >>> from decimal import Decimal as D
        >>> from civicgrants.model.money import Money
        >>> from civicgrants.model.programme import Call, CallApplication, Criterion, Direction, Member
        >>> from civicgrants.scoring import ScoreSheet, Score, decide
        >>> call = Call("c", pot=Money(100), criteria=(Criterion("r", Direction.HIGHER_IS_BETTER),),
        ...             members=(Member("m1"),), applications=(CallApplication("a1", "x", 60),
        ...             CallApplication("a2", "x", 50), CallApplication("a3", "y", 30)))
        >>> scores = (("a1", 8), ("a2", 7), ("a3", 6))
        >>> sheet = ScoreSheet(tuple(Score(a, "m1", "r", D(v)) for a, v in scores))
        >>> decision = decide(call, sheet)
        >>> decision.entry("a3").rank
        3
        >>> decision.entry("zz")
        Traceback (most recent call last):
        ...
        KeyError: "unknown application 'zz'"

        See Also
        --------
        CommissionDecision.entries : every entry, in protocol order.
        """
        for e in self.entries:
            if e.application == application:
                return e
        raise KeyError(f"unknown application {application!r}")

    @property
    def funded(self) -> tuple[ApplicationDecision, ...]:
        """The funded applications, in protocol order.

        Returns
        -------
        tuple of ApplicationDecision
            The entries whose outcome is `Verdict.FUNDED`.

        Examples
        --------
        >>> from decimal import Decimal as D
        >>> from civicgrants.model.money import Money
        >>> from civicgrants.model.programme import Call, CallApplication, Criterion, Direction, Member
        >>> from civicgrants.scoring import ScoreSheet, Score, decide
        >>> call = Call("c", pot=Money(100), criteria=(Criterion("r", Direction.HIGHER_IS_BETTER),),
        ...             members=(Member("m1"),), applications=(CallApplication("a1", "x", 60),
        ...             CallApplication("a2", "x", 50), CallApplication("a3", "y", 30)))
        >>> scores = (("a1", 8), ("a2", 7), ("a3", 6))
        >>> sheet = ScoreSheet(tuple(Score(a, "m1", "r", D(v)) for a, v in scores))
        >>> decision = decide(call, sheet)
        >>> [e.application for e in decision.funded]
        ['a1', 'a3']

        See Also
        --------
        ApplicationDecision.funded : the same test on one entry.
        CommissionDecision.funding_line : where the money ran out.
        """
        return tuple(e for e in self.entries if e.outcome is Verdict.FUNDED)

    @property
    def grants_minor(self) -> tuple[int, ...]:
        """Grant per application (call order) in minor units: min(requested, max_grant).

        Returns
        -------
        tuple of int
            Aligned with ``application_ids``.

        Examples
        --------
        >>> from decimal import Decimal as D
        >>> from civicgrants.model.money import Money
        >>> from civicgrants.model.programme import Call, CallApplication, Criterion, Direction, Member
        >>> from civicgrants.scoring import ScoreSheet, Score, decide
        >>> call = Call("c", pot=Money(100), criteria=(Criterion("r", Direction.HIGHER_IS_BETTER),),
        ...             members=(Member("m1"),), applications=(CallApplication("a1", "x", 60),
        ...             CallApplication("a2", "x", 50), CallApplication("a3", "y", 30)))
        >>> scores = (("a1", 8), ("a2", 7), ("a3", 6))
        >>> sheet = ScoreSheet(tuple(Score(a, "m1", "r", D(v)) for a, v in scores))
        >>> decision = decide(call, sheet)
        >>> decision.grants_minor
        (6000, 5000, 3000)

        See Also
        --------
        civicgrants.scoring.robustness.to_panel : uses it as the panel's ``grant``.
        """
        return tuple(self.funding_inputs.grants[a] for a in self.application_ids)

    FRAME_COLUMNS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("application", "str"),
        ("locality", "str"),
        ("rank", "number"),
        ("total", "number"),
        ("requested", "money"),
        ("grant", "money"),
        ("granted", "money"),
        ("outcome", "str"),
        ("partial", "bool"),
    )
    """The columns of `to_frame()`: (name, kind) pairs (see `civicgrants.model.display`)."""

    def to_frame(self, exact: bool = False) -> Any:
        """The ranking and allocations as a pandas DataFrame, one row per application.

        Columns (`FRAME_COLUMNS`): ``application``, ``locality``,
        ``outcome`` (strings); ``rank`` and ``total`` (out of 100; ``NaN``
        where none) and ``requested``, ``grant``, ``granted`` in tenge,
        ``float64``, or exact ``Decimal`` objects with ``exact=True``;
        ``partial`` (``bool``). Needs the ``frames`` extra.

        Parameters
        ----------
        exact : bool, optional
            Numbers as exact ``Decimal`` objects instead of floats.

        Returns
        -------
        pandas.DataFrame
            One row per application, in the decision's order.

        Raises
        ------
        civicgrants.errors.MissingExtra
            pandas is not installed.

        Examples
        --------
        >>> from decimal import Decimal as D
        >>> from civicgrants.model.money import Money
        >>> from civicgrants.model.programme import Call, CallApplication, Criterion, Direction, Member
        >>> from civicgrants.scoring import ScoreSheet, Score, decide
        >>> call = Call("c", pot=Money(100), criteria=(Criterion("r", Direction.HIGHER_IS_BETTER),),
        ...             members=(Member("m1"),), applications=(CallApplication("a1", "x", 60),
        ...             CallApplication("a2", "x", 50), CallApplication("a3", "y", 30)))
        >>> sheet = ScoreSheet(tuple(Score(a, "m1", "r", D(v)) for a, v in (("a1", 8), ("a2", 7))))
        >>> df = decide(call, sheet).to_frame()
        >>> df[["application", "rank", "granted", "outcome"]].values.tolist()
        [['a1', 1.0, 60.0, 'funded'], ['a2', 2.0, 0.0, 'not_funded'], ['a3', nan, 0.0, 'below_threshold']]
        """
        return frame(
            self.FRAME_COLUMNS,
            (
                (
                    e.application,
                    e.locality,
                    e.rank,
                    None if e.total is None else Decimal(e.total.numerator) / e.total.denominator,
                    e.requested,
                    e.grant,
                    e.granted,
                    e.outcome.value,
                    e.partial,
                )
                for e in self.entries
            ),
            exact=exact,
        )
