"""The commission's decision as data: verdicts, per-criterion results, the funding line.

These types are what :func:`civicgrants.scoring.commission.decide` returns and
what the funding engine (:mod:`civicgrants.scoring.funding`) reads back; they
live apart from both, so the engine and the decision never import each other
(the engine apart from its details, as in pabutools).

Examples
--------
>>> from fractions import Fraction
>>> Verdict("not_funded") is Verdict.NOT_FUNDED, rounded(Fraction(190, 3))
(True, Decimal('63.33'))

See Also
--------
civicgrants.scoring.commission.decide : makes a :class:`CommissionDecision`.
civicgrants.scoring.funding : the funding rules over :class:`FundingInputs`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

import attrs

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
    >>> [v.value for v in Verdict]
    ['funded', 'not_funded', 'below_threshold']
    """

    FUNDED = "funded"
    NOT_FUNDED = "not_funded"
    BELOW_THRESHOLD = "below_threshold"


def rounded(value: Fraction, places: int = 2) -> Decimal:
    """An exact value rounded half-even to ``places`` decimals: the value a record shows.

    Totals and aggregates are exact fractions; the protocol's data and the
    reasons carry them rounded to 2 decimals (the exact value is kept next to
    it). This is a number, not a text: people's texts format it through
    :func:`civicgrants.io.fmt.number`.

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
    """
    quantum = Decimal(1).scaleb(-places)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(quantum, rounding=ROUND_HALF_EVEN)


@attrs.frozen
class CriterionResult:
    """One application's result on one criterion.

    Examples
    --------
    >>> CriterionResult("r", Fraction(7), Fraction(7, 10), ("m1",), (), True).passed
    True
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


@attrs.frozen
class ApplicationDecision:
    """Everything decided about one application, with the reason.

    ``reason`` and ``reason_ru`` are the explanation (data): numbers in them are
    plain exact decimals (``1500000.00 KZT``), never grouped.
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
        """Whether the application is funded (its outcome is :attr:`Verdict.FUNDED`)."""
        return self.outcome is Verdict.FUNDED


@attrs.frozen
class FundingLine:
    """Where the money ran out: the last funded rank and the first not funded one."""

    last_funded: str | None
    last_funded_rank: int | None
    first_not_funded: str | None
    first_not_funded_rank: int | None


@attrs.frozen
class FundingInputs:
    """Everything funding needs besides the pot (kept on the decision, to re-run it).

    Amounts are integer minor units (tiyn for tenge).
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


@attrs.frozen
class CommissionDecision:
    """The commission's result on a call: frozen, complete, explained.

    ``entries`` are in protocol order: ranked applications by rank, then the
    below-threshold ones.

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
    """Applications in call order (the axis 0 of :func:`~civicgrants.scoring.commission.score_array`)."""
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

        Raises
        ------
        KeyError
            ``application`` is not in the call.
        """
        for e in self.entries:
            if e.application == application:
                return e
        raise KeyError(f"unknown application {application!r}")

    @property
    def funded(self) -> tuple[ApplicationDecision, ...]:
        """The funded applications, in protocol order."""
        return tuple(e for e in self.entries if e.outcome is Verdict.FUNDED)

    @property
    def grants_minor(self) -> tuple[int, ...]:
        """Grant per application (call order) in minor units: min(requested, max_grant)."""
        return tuple(self.funding_inputs.grants[a] for a in self.application_ids)
