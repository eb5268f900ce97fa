"""Commission decisions that show their uncertainty: Bayesian ranking and a partial lottery.

After the Swiss National Science Foundation's method (Heyard, Ott, Salanti and
Egger, "Rethinking the funding line at the Swiss National Science Foundation:
Bayesian ranking and lottery", *Statistics and Public Policy* 9(1), 2022):

1. `member_grades()` takes each member's total per application from the score
   sheet (recused, missing and not-applicable scores give none), so members may
   grade different subsets (an incomplete design is normal).
2. `fit_uncertainty()` fits ``grade = quality[application] + offset[member]
   (+ offset[panel]) + noise`` with a Gibbs sampler (numpy only, seeded): each
   application's quality with its interval, its expected rank with a rank
   interval and the probability of every rank, each member's offset (a lenient
   or strict grader) and a convergence check (split R-hat).
3. `funding_zone()` funds the applications whose rank interval lies entirely
   above the funding line, leaves out those entirely below it, and puts those
   whose interval crosses it in the lottery zone with the places that remain.
4. `draw_lottery()` draws the zone's places, weighted if asked, from a seed:
   the same seed gives the same draw. Each `Placement` carries a structured
   `PlacementReason`; `civicgrants.io.views.uncertainty` words it in en, ru, kk.

The model
---------
Grades are standardised (mean 0, standard deviation 1) before sampling and the
results are put back on the grades' scale, so the priors do not depend on the
scale. Qualities have a normal prior ``N(mu, tau2)`` (``mu`` flat), offsets
``N(0, omega2)`` (per panel ``N(0, kappa2)``), the noise ``N(0, sigma2)``; each
variance has an inverse-gamma prior ``IG(shape, scale)`` (``prior``). Every
conditional is conjugate, so each sweep draws all qualities at once, then all
offsets, then the variances, for all chains together. Offsets are reported
centred (they sum to zero; their mean is moved into the qualities, which ranks
do not see), so a quality is "as the average member would grade it".

Examples
--------
>>> from civicgrants.datasets.synthetic_round import synthetic_round
>>> call, sheet = synthetic_round()
>>> model = fit_uncertainty(member_grades(call, sheet), seed=1, draws=500, burn_in=200)
>>> zone = funding_zone(model, fundable=18)
>>> len(zone.funded) + zone.places <= 18 < len(zone.funded) + len(zone.zone)
True
>>> lottery = draw_lottery(zone, seed=7)
>>> sum(p.funded for p in lottery.placements)
18
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from civicgrants.errors import Problem, ValidationError
from civicgrants.model.display import shows
from civicgrants.model.fields import ident
from civicgrants.model.programme import Direction
from civicgrants.scoring.recusal import check_scores

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from civicgrants.model.programme import Call
    from civicgrants.scoring.sheet import ScoreSheet

__all__ = [
    "Convergence",
    "Grade",
    "LineKind",
    "Lottery",
    "LotteryEntry",
    "LotteryZone",
    "PanelEffect",
    "Placed",
    "Placement",
    "PlacementReason",
    "RankUncertainty",
    "ReviewerEffect",
    "UncertaintyModel",
    "draw_call_lottery",
    "draw_lottery",
    "fit_call",
    "fit_uncertainty",
    "funding_zone",
    "member_grades",
    "split_rhat",
]


def _bad(where: str, message: str) -> ValidationError:
    return ValidationError([Problem(where, message)])


def _grade_value(value: object) -> float:
    """A grade as a float: a finite real number (not a bool), else a located error."""
    if isinstance(value, (int, float, Decimal, Fraction)) and not isinstance(value, bool):
        number = float(value)
        if math.isfinite(number):
            return number
    raise _bad("value", f"must be a finite number, got {value!r}")


def _grade_field() -> Any:
    """The grade's field, typed as the `civicgrants.model.fields` helpers are (``Any``)."""
    return attrs.field(converter=_grade_value)


@shows
@attrs.frozen
class Grade:
    """One member's grade of one application: the input of `fit_uncertainty()`.

    Parameters
    ----------
    application : str
        The application's id.
    member : str
        The grading member's (reviewer's) id.
    value : float
        The grade; `member_grades()` gives the member's total on 0..100.

    Examples
    --------
    >>> Grade("a1", "m1", 72.5)
    Grade(application='a1', member='m1', value=72.5)

    See Also
    --------
    member_grades : the grades of a commission's score sheet.
    fit_uncertainty : the model fitted to them.
    """

    application: str = ident()
    member: str = ident()
    value: float = _grade_field()


def member_grades(call: Call, sheet: ScoreSheet) -> tuple[Grade, ...]:
    """Each member's total per application, from the commission's score sheet.

    A member's total is the call's total (``100 * sum(w_c n_c) / sum(w_c)``,
    ``n_c`` the score on a 0..1 scale, 1 the best end) over the criteria the
    member scored; a member who scored none of an application's criteria (recused,
    missing or all not applicable) gives no grade for it. Raw scores: the model
    estimates each member's offset itself, in place of calibration.

    Parameters
    ----------
    call : Call
        The call: criteria (scales, directions, weights), members, applications.
    sheet : ScoreSheet
        The members' scores.

    Returns
    -------
    tuple of Grade
        In the call's order of applications, then of members.

    Raises
    ------
    civicgrants.errors.ValidationError
        When a score row is bad (see `civicgrants.scoring.recusal.check_scores`)
        or the call has no criteria.

    Examples
    --------
    >>> from decimal import Decimal as D
    >>> from civicgrants.model.programme import Call, CallApplication, Criterion, Direction, Member
    >>> from civicgrants.scoring.sheet import Score, ScoreSheet
    >>> call = Call("c", criteria=(Criterion("r", Direction.HIGHER_IS_BETTER),),
    ...             members=(Member("m1"), Member("m2")),
    ...             applications=(CallApplication("a1", "x", 60), CallApplication("a2", "x", 50)))
    >>> member_grades(call, ScoreSheet((Score("a1", "m1", "r", D(8)), Score("a2", "m2", "r", D(5)),
    ...                                 Score("a2", "m1", "r", None))))
    (Grade(application='a1', member='m1', value=80.0), Grade(application='a2', member='m2', value=50.0))

    See Also
    --------
    fit_uncertainty : the model fitted to the grades.
    civicgrants.scoring.commission.decide : the exact decision from the same sheet.
    """
    if not call.criteria:
        raise _bad("criteria", "a call must have criteria to be graded")
    check_scores(call, sheet)
    scale = {}
    for c in call.criteria:
        low, high = Fraction(c.min), Fraction(c.max)
        scale[c.key] = (low, high, c.direction is Direction.HIGHER_IS_BETTER, Fraction(c.weight))
    parts: dict[tuple[str, str], list[tuple[Fraction, Fraction]]] = {}
    for s in sheet.scores:
        if s.score is None:
            continue
        low, high, higher, weight = scale[s.criterion]
        value = Fraction(s.score)
        norm = (value - low) / (high - low) if higher else (high - value) / (high - low)
        parts.setdefault((s.application, s.member), []).append((weight, norm))
    grades = []
    for a in call.applications:
        for m in call.members:
            got = parts.get((a.id, m.id))
            if not got:
                continue
            weights = sum((w for w, _ in got), Fraction(0))
            if not weights:
                continue
            total = 100 * sum((w * n for w, n in got), Fraction(0)) / weights
            grades.append(Grade(a.id, m.id, float(total)))
    return tuple(grades)


@shows
@attrs.frozen
class RankUncertainty:
    """One application's quality and rank, with their uncertainty.

    Attributes
    ----------
    application : str
        The application's id.
    quality : float
        Posterior mean quality (on the grades' scale, as the average member grades).
    quality_low, quality_high : float
        The quality's central ``level`` interval.
    expected_rank : float
        Posterior mean rank (1 = best).
    rank_low, rank_high : int
        The rank's central ``level`` interval (quantiles of its posterior).
    probabilities : tuple of float
        ``probabilities[k]`` is the probability of rank ``k + 1``; they sum to 1.
    grades : int
        How many grades the application received.
    raw_mean : float
        The plain mean of its grades (what a ranking without the model reads).

    Examples
    --------
    >>> r = RankUncertainty("a1", 70.0, 65.0, 75.0, 1.2, 1, 2, (0.8, 0.2), 3, 71.0)
    >>> r.rank_probability(1)
    0.8

    See Also
    --------
    UncertaintyModel : holds one per application.
    """

    application: str
    quality: float
    quality_low: float
    quality_high: float
    expected_rank: float
    rank_low: int
    rank_high: int
    probabilities: tuple[float, ...]
    grades: int
    raw_mean: float

    def rank_probability(self, rank: int) -> float:
        """The posterior probability that the application is ranked ``rank`` (1 = best).

        Parameters
        ----------
        rank : int
            A rank, ``1 .. len(probabilities)``.

        Returns
        -------
        float
            The probability; 0 outside the ranks.

        Examples
        --------
        >>> RankUncertainty("a1", 7.0, 6.0, 8.0, 1.5, 1, 2, (0.5, 0.5), 2, 7.0).rank_probability(3)
        0.0
        """
        return self.probabilities[rank - 1] if 1 <= rank <= len(self.probabilities) else 0.0


@shows
@attrs.frozen
class ReviewerEffect:
    """One member's offset: how much higher (or lower) than the average member they grade.

    Attributes
    ----------
    member : str
        The member's id.
    offset : float
        Posterior mean offset, on the grades' scale (offsets sum to zero).
    low, high : float
        The offset's central ``level`` interval.
    grades : int
        How many grades the member gave.

    Examples
    --------
    >>> ReviewerEffect("m1", 2.5, 0.5, 4.5, 12).lenient
    True

    See Also
    --------
    UncertaintyModel : holds one per member.
    PanelEffect : the same for a panel.
    """

    member: str
    offset: float
    low: float
    high: float
    grades: int

    @property
    def lenient(self) -> bool:
        """Whether the member grades higher than average beyond doubt (the interval is above 0).

        Returns
        -------
        bool
            ``low > 0``.

        Examples
        --------
        >>> ReviewerEffect("m1", -1.0, -2.0, 0.1, 5).lenient
        False
        """
        return self.low > 0


@shows
@attrs.frozen
class PanelEffect:
    """One panel's offset, when the applications were graded by several panels.

    Attributes
    ----------
    panel : str
        The panel's name.
    offset : float
        Posterior mean offset on the grades' scale (panel offsets sum to zero).
    low, high : float
        The offset's central ``level`` interval.
    applications : int
        How many applications the panel graded.

    Examples
    --------
    >>> PanelEffect("p1", 1.0, -0.5, 2.5, 10).offset
    1.0

    See Also
    --------
    ReviewerEffect : the same for a member.
    fit_uncertainty : ``panels`` asks for them.
    """

    panel: str
    offset: float
    low: float
    high: float
    applications: int


@shows
@attrs.frozen
class Convergence:
    """Split R-hat of one group of parameters: near 1 when the chains agree.

    Attributes
    ----------
    group : str
        ``quality``, ``offset``, ``panel`` or ``noise``.
    rhat : float
        The largest split R-hat over the group's parameters (``nan`` with fewer
        than 4 draws per chain).
    parameters : int
        How many parameters the group has.

    Examples
    --------
    >>> Convergence("quality", 1.002, 50).converged
    True

    See Also
    --------
    UncertaintyModel : ``convergence`` lists one per group.
    """

    group: str
    rhat: float
    parameters: int

    @property
    def converged(self) -> bool:
        """Whether R-hat is below 1.05 (the usual bound).

        Returns
        -------
        bool
            ``rhat < 1.05`` (``False`` for ``nan``).

        Examples
        --------
        >>> Convergence("noise", 1.2, 1).converged
        False
        """
        return self.rhat < RHAT_BOUND


RHAT_BOUND = 1.05
"""Split R-hat below which a group of parameters counts as converged."""


@shows
@attrs.frozen
class UncertaintyModel:
    """The fitted model: every application's quality and rank with their uncertainty.

    Attributes
    ----------
    applications : tuple of RankUncertainty
        By expected rank (best first; ties by id).
    reviewers : tuple of ReviewerEffect
        The members, by id.
    panels : tuple of PanelEffect
        The panels, by name; empty without ``panels``.
    convergence : tuple of Convergence
        Split R-hat per group of parameters.
    noise : float
        Posterior mean standard deviation of a grade around its model value.
    grades : int
        How many grades were fitted.
    seed, draws, burn_in, chains : int
        The sampler's settings (``draws`` kept per chain after ``burn_in``).
    level : float
        The intervals' probability.
    prior : tuple of float
        The inverse-gamma prior ``(shape, scale)`` of every variance.

    Examples
    --------
    >>> grades = [Grade("a", "m1", 8), Grade("a", "m2", 9), Grade("b", "m1", 5), Grade("b", "m2", 6)]
    >>> model = fit_uncertainty(grades, seed=3, draws=400)
    >>> [r.application for r in model.applications], len(model.rank_probabilities)
    (['a', 'b'], 2)

    See Also
    --------
    fit_uncertainty : makes one.
    funding_zone : the lottery zone at a funding line.
    """

    applications: tuple[RankUncertainty, ...]
    reviewers: tuple[ReviewerEffect, ...]
    panels: tuple[PanelEffect, ...]
    convergence: tuple[Convergence, ...]
    noise: float
    grades: int
    seed: int
    draws: int
    burn_in: int
    chains: int
    level: float
    prior: tuple[float, float]

    @property
    def rank_probabilities(self) -> tuple[tuple[float, ...], ...]:
        """The rank-probability table: one row per application (in ``applications``' order).

        Returns
        -------
        tuple of tuple of float
            Row ``i``, column ``k``: the probability that application ``i`` is ranked ``k + 1``.

        Examples
        --------
        >>> grades = [Grade("a", "m", 8), Grade("b", "m", 2)]
        >>> [round(sum(row), 6) for row in fit_uncertainty(grades, seed=0, draws=50).rank_probabilities]
        [1.0, 1.0]
        """
        return tuple(r.probabilities for r in self.applications)

    @property
    def converged(self) -> bool:
        """Whether every group of parameters converged (split R-hat below 1.05).

        Returns
        -------
        bool
            All `Convergence.converged`.

        Examples
        --------
        >>> grades = [Grade("a", "m", 8), Grade("b", "m", 2), Grade("b", "n", 3)]
        >>> fit_uncertainty(grades, seed=0, draws=1000).converged
        True
        """
        return all(c.converged for c in self.convergence)

    def get(self, application: str) -> RankUncertainty:
        """The `RankUncertainty` of ``application``.

        Parameters
        ----------
        application : str
            An application's id.

        Returns
        -------
        RankUncertainty
            Its quality and rank.

        Raises
        ------
        civicgrants.errors.ValidationError
            When the model has no such application.

        Examples
        --------
        >>> grades = [Grade("a", "m", 8), Grade("b", "m", 2)]
        >>> fit_uncertainty(grades, seed=0, draws=50).get("b").rank_high
        2
        """
        for r in self.applications:
            if r.application == application:
                return r
        raise _bad("application", f"the model has no application {application!r}")


def _check_int(name: str, value: object, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise _bad(name, f"must be an integer >= {least}, got {value!r}")
    return value


def fit_uncertainty(
    grades: Sequence[Grade],
    *,
    seed: int,
    draws: int = 2000,
    burn_in: int = 500,
    chains: int = 4,
    level: float = 0.9,
    prior: tuple[float, float] = (1, 0.1),
    panels: Mapping[str, str] | None = None,
) -> UncertaintyModel:
    """Fit ``grade = quality + member offset (+ panel offset) + noise`` by Gibbs sampling.

    See the module docs for the model. ``chains`` chains start from dispersed
    values and run ``burn_in + draws`` sweeps each; the kept draws of all chains
    give the posterior. Ranks are taken in every draw (1 = the highest quality),
    so the rank probabilities, the expected rank and the rank interval carry
    the uncertainty of every quality at once.

    Parameters
    ----------
    grades : sequence of Grade
        One grade per (application, member); members may grade different subsets.
    seed : int
        Seeds ``numpy.random.default_rng``; recorded in the result.
    draws : int, optional
        Draws kept per chain (>= 1).
    burn_in : int, optional
        Sweeps dropped at the start of each chain (>= 0).
    chains : int, optional
        Independent chains (>= 1); split R-hat compares their halves.
    level : float, optional
        The intervals' probability, ``0 < level < 1``.
    prior : tuple of float, optional
        ``(shape, scale)`` of the inverse-gamma prior of each variance, both > 0,
        on the standardised grades.
    panels : mapping of str to str, optional
        Each application's panel; with two panels or more, a panel offset is fitted.

    Returns
    -------
    UncertaintyModel
        The qualities, ranks and offsets with their intervals, the rank
        probabilities and the convergence check.

    Raises
    ------
    civicgrants.errors.ValidationError
        When fewer than 2 applications are graded, a member grades an application
        twice, a setting is out of range or ``panels`` misses an application.

    Examples
    --------
    >>> grades = [Grade(a, m, v) for a, m, v in [("a", "m1", 90), ("a", "m2", 92), ("b", "m1", 60),
    ...           ("b", "m2", 61), ("c", "m2", 59), ("c", "m1", 58), ("d", "m2", 20), ("d", "m1", 22)]]
    >>> model = fit_uncertainty(grades, seed=1)
    >>> [(r.application, r.rank_low, r.rank_high) for r in model.applications]
    [('a', 1, 1), ('b', 2, 3), ('c', 2, 3), ('d', 4, 4)]
    >>> model.seed, model.draws * model.chains, model.converged
    (1, 8000, True)

    See Also
    --------
    member_grades : the grades of a score sheet.
    funding_zone : the lottery zone at a funding line.
    civicgrants.scoring.robustness.sensitivity : flip probabilities under score noise.
    """
    seed = _check_int("seed", seed, 0)
    draws = _check_int("draws", draws, 1)
    burn_in = _check_int("burn_in", burn_in, 0)
    chains = _check_int("chains", chains, 1)
    if isinstance(level, bool) or not isinstance(level, (int, float)) or not 0 < level < 1:
        raise _bad("level", f"must be a number between 0 and 1 (exclusive), got {level!r}")
    if (
        not isinstance(prior, tuple)
        or len(prior) != 2
        or not all(
            isinstance(p, (int, float)) and not isinstance(p, bool) and math.isfinite(p) and p > 0
            for p in prior
        )
    ):
        raise _bad("prior", f"must be (shape, scale), two numbers > 0, got {prior!r}")
    grades = tuple(grades)
    for i, g in enumerate(grades):
        if not isinstance(g, Grade):
            raise _bad(f"grades[{i}]", f"must be a Grade, got {type(g).__name__}")
    seen: set[tuple[str, str]] = set()
    for i, g in enumerate(grades):
        if (g.application, g.member) in seen:
            raise _bad(f"grades[{i}]", f"{g.member} grades {g.application} twice")
        seen.add((g.application, g.member))
    app_ids = sorted({g.application for g in grades})
    if len(app_ids) < 2:
        raise _bad("grades", f"must grade at least 2 applications, got {len(app_ids)}")
    members = sorted({g.member for g in grades})
    panel_of: dict[str, str] = {}
    if panels is not None:
        for a in app_ids:
            if a not in panels:
                raise _bad(f"panels[{a!r}]", "every graded application needs a panel")
            panel_of[a] = str(panels[a])
    panel_ids = sorted(set(panel_of.values()))
    if len(panel_ids) < 2:
        panel_ids = []
    a_ix = {a: i for i, a in enumerate(app_ids)}
    m_ix = {m: i for i, m in enumerate(members)}
    p_ix = {p: i for i, p in enumerate(panel_ids)}
    ai = np.array([a_ix[g.application] for g in grades], dtype=np.intp)
    mi = np.array([m_ix[g.member] for g in grades], dtype=np.intp)
    y = np.array([g.value for g in grades], dtype=np.float64)
    pa = np.array([p_ix[panel_of[a]] for a in app_ids], dtype=np.intp) if panel_ids else None
    shape, scale = (float(p) for p in prior)
    samples = _sample(
        y, ai, mi, pa, len(app_ids), len(members), len(panel_ids),
        seed=seed, draws=draws, burn_in=burn_in, chains=chains, shape=shape, scale=scale,
    )  # fmt: skip
    return _summarise(
        samples, y, ai, mi, pa, app_ids, members, panel_ids,
        seed=seed, draws=draws, burn_in=burn_in, chains=chains, level=float(level),
        prior=(shape, scale),
    )  # fmt: skip


@attrs.frozen
class _Samples:
    quality: NDArray[np.float64]  # [chains, draws, A], on the grades' scale
    offset: NDArray[np.float64]  # [chains, draws, M]
    panel: NDArray[np.float64]  # [chains, draws, P]
    noise: NDArray[np.float64]  # [chains, draws] standard deviation


def _sample(
    y_raw: NDArray[np.float64],
    ai: NDArray[np.intp],
    mi: NDArray[np.intp],
    pa: NDArray[np.intp] | None,
    n_a: int,
    n_m: int,
    n_p: int,
    *,
    seed: int,
    draws: int,
    burn_in: int,
    chains: int,
    shape: float,
    scale: float,
) -> _Samples:
    rng = np.random.default_rng(seed)
    centre = float(y_raw.mean())
    spread = float(y_raw.std())
    spread = spread if spread > 0 else 1.0
    y = (y_raw - centre) / spread
    n = y.size
    xa = np.zeros((n, n_a))
    xa[np.arange(n), ai] = 1.0
    xm = np.zeros((n, n_m))
    xm[np.arange(n), mi] = 1.0
    count_a = xa.sum(axis=0)
    count_m = xm.sum(axis=0)
    pi = pa[ai] if pa is not None else None
    xp = np.zeros((n, n_p))
    if pi is not None:
        xp[np.arange(n), pi] = 1.0
    count_p = xp.sum(axis=0)
    # dispersed starts: the raw means and offsets jittered, variances drawn around 1
    raw = (y @ xa) / count_a
    theta = raw[None, :] + rng.normal(0.0, 1.0, (chains, n_a))
    b = rng.normal(0.0, 0.5, (chains, n_m))
    g = np.zeros((chains, n_p))
    mu = rng.normal(0.0, 0.5, chains)
    sigma2 = np.exp(rng.normal(0.0, 0.5, chains))
    tau2 = np.exp(rng.normal(0.0, 0.5, chains))
    omega2 = np.exp(rng.normal(-1.0, 0.5, chains))
    kappa2 = np.exp(rng.normal(-1.0, 0.5, chains))
    keep_q = np.empty((chains, draws, n_a))
    keep_b = np.empty((chains, draws, n_m))
    keep_g = np.empty((chains, draws, n_p))
    keep_s = np.empty((chains, draws))

    def inv_gamma(a: float, rate: NDArray[np.float64]) -> NDArray[np.float64]:
        out: NDArray[np.float64] = rate / rng.gamma(a, 1.0, rate.shape)
        return out

    for sweep in range(burn_in + draws):
        gp = g @ xp.T if n_p else 0.0  # [chains, n] panel offset of each grade
        # qualities
        resid = y[None, :] - b @ xm.T - gp
        prec = count_a[None, :] / sigma2[:, None] + 1.0 / tau2[:, None]
        mean = (resid @ xa / sigma2[:, None] + mu[:, None] / tau2[:, None]) / prec
        theta = mean + rng.standard_normal((chains, n_a)) / np.sqrt(prec)
        fitted_a = theta @ xa.T
        # member offsets
        resid = y[None, :] - fitted_a - gp
        prec = count_m[None, :] / sigma2[:, None] + 1.0 / omega2[:, None]
        mean = (resid @ xm / sigma2[:, None]) / prec
        b = mean + rng.standard_normal((chains, n_m)) / np.sqrt(prec)
        fitted_m = b @ xm.T
        # panel offsets
        if n_p:
            resid = y[None, :] - fitted_a - fitted_m
            prec = count_p[None, :] / sigma2[:, None] + 1.0 / kappa2[:, None]
            mean = (resid @ xp / sigma2[:, None]) / prec
            g = mean + rng.standard_normal((chains, n_p)) / np.sqrt(prec)
            gp = g @ xp.T
        # the mean quality and the variances
        mu = theta.mean(axis=1) + rng.standard_normal(chains) * np.sqrt(tau2 / n_a)
        resid = y[None, :] - fitted_a - fitted_m - gp
        sigma2 = inv_gamma(shape + n / 2, scale + 0.5 * (resid**2).sum(axis=1))
        tau2 = inv_gamma(shape + n_a / 2, scale + 0.5 * ((theta - mu[:, None]) ** 2).sum(axis=1))
        omega2 = inv_gamma(shape + n_m / 2, scale + 0.5 * (b**2).sum(axis=1))
        if n_p:
            kappa2 = inv_gamma(shape + n_p / 2, scale + 0.5 * (g**2).sum(axis=1))
        if sweep >= burn_in:
            k = sweep - burn_in
            # centred offsets: their means move into the qualities (ranks do not change)
            shift = b.mean(axis=1) + (g.mean(axis=1) if n_p else 0.0)
            keep_q[:, k] = theta + shift[:, None]
            keep_b[:, k] = b - b.mean(axis=1)[:, None]
            if n_p:
                keep_g[:, k] = g - g.mean(axis=1)[:, None]
            keep_s[:, k] = np.sqrt(sigma2)
    return _Samples(keep_q * spread + centre, keep_b * spread, keep_g * spread, keep_s * spread)


def split_rhat(draws: NDArray[np.float64]) -> NDArray[np.float64]:
    """Split R-hat (Gelman et al.) of each parameter, from ``[chains, draws, parameters]``.

    Each chain is cut in two halves (the middle draw dropped when odd); R-hat
    compares the between-half and within-half variances: near 1 when the chains
    agree, larger when they have not mixed.

    Parameters
    ----------
    draws : numpy.ndarray
        ``float64 [chains, draws, parameters]``.

    Returns
    -------
    numpy.ndarray
        ``float64 [parameters]``; ``nan`` with fewer than 4 draws per chain, 1 for a
        parameter that never moves.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> float(split_rhat(rng.normal(size=(4, 1000, 1)))[0]) < 1.01
    True
    >>> stuck = np.stack([np.zeros((100, 1)), np.ones((100, 1))]) + rng.normal(0, .1, (2, 100, 1))
    >>> float(split_rhat(stuck)[0]) > 2
    True

    See Also
    --------
    Convergence : the largest R-hat of a group of parameters.
    """
    _, n, p = draws.shape
    half = n // 2
    if half < 2:
        return np.full(p, np.nan)
    parts = np.concatenate([draws[:, :half], draws[:, n - half :]], axis=0)  # [2c, half, p]
    means = parts.mean(axis=1)
    within = parts.var(axis=1, ddof=1).mean(axis=0)
    between = half * means.var(axis=0, ddof=1)
    pooled = (half - 1) / half * within + between / half
    with np.errstate(divide="ignore", invalid="ignore"):
        rhat = np.sqrt(pooled / within)
    still = within <= 0
    rhat[still] = np.where(between[still] > 0, np.inf, 1.0)
    out: NDArray[np.float64] = rhat
    return out


def _interval(x: NDArray[np.float64], level: float) -> tuple[NDArray[np.float64], ...]:
    lo, hi = np.quantile(x, [(1 - level) / 2, (1 + level) / 2], axis=0)
    return lo, hi


def _summarise(
    s: _Samples,
    y: NDArray[np.float64],
    ai: NDArray[np.intp],
    mi: NDArray[np.intp],
    pa: NDArray[np.intp] | None,
    app_ids: list[str],
    members: list[str],
    panel_ids: list[str],
    *,
    seed: int,
    draws: int,
    burn_in: int,
    chains: int,
    level: float,
    prior: tuple[float, float],
) -> UncertaintyModel:
    n_a = len(app_ids)
    q = s.quality.reshape(-1, n_a)  # [S, A]
    total = q.shape[0]
    ranks = np.argsort(np.argsort(-q, axis=1, kind="stable"), axis=1, kind="stable")  # 0 = best
    counts = np.bincount(
        (np.arange(n_a)[None, :] * n_a + ranks).ravel(), minlength=n_a * n_a
    ).reshape(n_a, n_a)
    cum = np.cumsum(counts, axis=1)
    rank_low = (cum >= (1 - level) / 2 * total).argmax(axis=1) + 1
    rank_high = (cum >= (1 + level) / 2 * total).argmax(axis=1) + 1
    expected = ranks.mean(axis=0) + 1
    q_mean = q.mean(axis=0)
    q_lo, q_hi = _interval(q, level)
    n_grades = np.bincount(ai, minlength=n_a)
    raw = np.bincount(ai, weights=y, minlength=n_a) / n_grades
    rows = [
        RankUncertainty(
            app_ids[i],
            float(q_mean[i]),
            float(q_lo[i]),
            float(q_hi[i]),
            float(expected[i]),
            int(rank_low[i]),
            int(rank_high[i]),
            tuple(float(c) / total for c in counts[i]),
            int(n_grades[i]),
            float(raw[i]),
        )
        for i in range(n_a)
    ]
    rows.sort(key=lambda r: (r.expected_rank, -r.quality, r.application))
    b = s.offset.reshape(-1, len(members))
    b_lo, b_hi = _interval(b, level)
    b_mean = b.mean(axis=0)
    m_count = np.bincount(mi, minlength=len(members))
    reviewers = tuple(
        ReviewerEffect(m, float(b_mean[j]), float(b_lo[j]), float(b_hi[j]), int(m_count[j]))
        for j, m in enumerate(members)
    )
    panels: tuple[PanelEffect, ...] = ()
    convergence = [
        Convergence("quality", _worst(split_rhat(s.quality)), n_a),
        Convergence("offset", _worst(split_rhat(s.offset)), len(members)),
    ]
    if panel_ids and pa is not None:
        g = s.panel.reshape(-1, len(panel_ids))
        g_lo, g_hi = _interval(g, level)
        g_mean = g.mean(axis=0)
        p_count = np.bincount(pa, minlength=len(panel_ids))
        panels = tuple(
            PanelEffect(p, float(g_mean[k]), float(g_lo[k]), float(g_hi[k]), int(p_count[k]))
            for k, p in enumerate(panel_ids)
        )
        convergence.append(Convergence("panel", _worst(split_rhat(s.panel)), len(panel_ids)))
    convergence.append(Convergence("noise", _worst(split_rhat(s.noise[:, :, None])), 1))
    return UncertaintyModel(
        applications=tuple(rows),
        reviewers=reviewers,
        panels=panels,
        convergence=tuple(convergence),
        noise=float(s.noise.mean()),
        grades=int(y.size),
        seed=seed,
        draws=draws,
        burn_in=burn_in,
        chains=chains,
        level=level,
        prior=prior,
    )


def _worst(rhat: NDArray[np.float64]) -> float:
    if rhat.size == 0 or np.isnan(rhat).all():
        return math.nan
    return float(np.nanmax(rhat))


class Placed(enum.Enum):
    """Why an application is funded or not at an uncertain funding line (a `PlacementReason`'s code).

    Examples
    --------
    >>> Placed.DRAWN.value, Placed.DRAWN.funded
    ('drawn', True)

    See Also
    --------
    PlacementReason : the code with its numbers.
    """

    ABOVE = "above"
    """Funded: its interval lies entirely above the funding line."""
    BELOW = "below"
    """Not funded: its interval lies entirely below the funding line."""
    DRAWN = "drawn"
    """Funded by the lottery: in the zone, drawn within the places."""
    NOT_DRAWN = "not_drawn"
    """Not funded: in the zone, drawn after the places were filled."""

    @property
    def funded(self) -> bool:
        """Whether this placement funds the application.

        Returns
        -------
        bool
            ``ABOVE`` or ``DRAWN``.

        Examples
        --------
        >>> Placed.NOT_DRAWN.funded
        False
        """
        return self in (Placed.ABOVE, Placed.DRAWN)


class LineKind(enum.Enum):
    """What the funding line is drawn on.

    Examples
    --------
    >>> LineKind("rank")
    <LineKind.RANK: 'rank'>

    See Also
    --------
    LotteryZone : records it.
    """

    RANK = "rank"
    """``fundable`` places: the line lies between rank ``fundable`` and the next."""
    QUALITY = "quality"
    """A quality value: the line is that value."""


@shows
@attrs.frozen
class PlacementReason:
    """Why one application is placed where it is, as data (words in the views).

    Attributes
    ----------
    code : Placed
        Above, below, drawn or not drawn.
    low, high : float
        The interval the decision read: ranks with a ``rank`` line, qualities
        with a ``quality`` line.
    line : float
        The funding line: the number of places (``rank``) or a quality value.
    kind : LineKind
        What the line is drawn on.
    order : int or None
        The position at which the lottery drew it (zone only).
    places : int
        The places the lottery filled (zone only; 0 otherwise).

    Examples
    --------
    >>> PlacementReason(Placed.ABOVE, 1, 3, 10, LineKind.RANK).code.funded
    True

    See Also
    --------
    Placement : carries one.
    civicgrants.io.views.uncertainty.reason_text : its words in en, ru and kk.
    """

    code: Placed
    low: float
    high: float
    line: float
    kind: LineKind
    order: int | None = None
    places: int = 0


@shows
@attrs.frozen
class LotteryZone:
    """The applications funded, not funded, and in the lottery zone at a funding line.

    Attributes
    ----------
    funded : tuple of str
        Interval entirely above the line (by expected rank).
    zone : tuple of str
        Interval crosses the line: the lottery zone (by expected rank).
    not_funded : tuple of str
        Interval entirely below the line (by expected rank).
    places : int
        How many of the zone the lottery funds.
    kind : LineKind
        What the line is drawn on.
    line : float
        ``fundable`` (``rank``) or the quality value (``quality``).
    model : UncertaintyModel
        The model the zone reads.

    Examples
    --------
    >>> grades = [Grade("a", "m", 9), Grade("b", "m", 5), Grade("b", "n", 5), Grade("c", "n", 1)]
    >>> zone = funding_zone(fit_uncertainty(grades, seed=0, draws=300), fundable=1)
    >>> zone.places <= len(zone.zone)
    True

    See Also
    --------
    funding_zone : makes one.
    draw_lottery : draws its places.
    """

    funded: tuple[str, ...]
    zone: tuple[str, ...]
    not_funded: tuple[str, ...]
    places: int
    kind: LineKind
    line: float
    model: UncertaintyModel


def funding_zone(
    model: UncertaintyModel, *, fundable: int | None = None, line: float | None = None
) -> LotteryZone:
    """Split the applications at a funding line into funded, lottery zone and not funded.

    With ``fundable`` (the number of applications the pot funds) the line lies
    between rank ``fundable`` and the next: an application whose whole rank
    interval is within the first ``fundable`` ranks is funded, one whose whole
    interval is below them is not, and the others form the zone, which gets the
    places left (``fundable`` minus the funded). Intervals overlap, so in a rare
    case more applications than places lie wholly above (or too many wholly
    below); those nearest the line then join the zone, so the places always fit.
    With ``line`` (a quality value) the quality interval is read against it, and
    the zone's places are the zone's applications whose mean quality is above it.

    Parameters
    ----------
    model : UncertaintyModel
        `fit_uncertainty()`'s result.
    fundable : int, optional
        How many applications can be funded (0 .. the applications).
    line : float, optional
        A quality value on the grades' scale. Give exactly one of the two.

    Returns
    -------
    LotteryZone
        The three groups and the zone's places.

    Raises
    ------
    civicgrants.errors.ValidationError
        When neither or both are given, or ``fundable`` is out of range.

    Examples
    --------
    >>> grades = [Grade(a, m, v) for a, m, v in [("a", "m1", 90), ("a", "m2", 92), ("b", "m1", 60),
    ...           ("b", "m2", 61), ("c", "m2", 59), ("c", "m1", 58), ("d", "m2", 20), ("d", "m1", 22)]]
    >>> zone = funding_zone(fit_uncertainty(grades, seed=1), fundable=2)
    >>> zone.funded, zone.zone, zone.not_funded, zone.places
    (('a',), ('b', 'c'), ('d',), 1)

    See Also
    --------
    draw_lottery : draws the zone's places.
    fit_uncertainty : the model.
    """
    if (fundable is None) == (line is None):
        raise _bad("fundable", "give exactly one of fundable (places) or line (a quality)")
    rows = model.applications
    if fundable is not None:
        k = _check_int("fundable", fundable, 0)
        if k > len(rows):
            raise _bad("fundable", f"must be at most the {len(rows)} applications, got {k}")
        above = [r.application for r in rows if r.rank_high <= k]
        below = [r.application for r in rows if r.rank_low > k]
        above, below = above[:k], below[len(below) - min(len(below), len(rows) - k) :]
        zone = [r.application for r in rows if r.application not in {*above, *below}]
        return LotteryZone(
            tuple(above), tuple(zone), tuple(below), k - len(above), LineKind.RANK, k, model
        )
    assert line is not None
    if isinstance(line, bool) or not isinstance(line, (int, float)) or not math.isfinite(line):
        raise _bad("line", f"must be a finite number, got {line!r}")
    above = [r.application for r in rows if r.quality_low > line]
    below = [r.application for r in rows if r.quality_high < line]
    inside = [r for r in rows if line <= r.quality_high and r.quality_low <= line]
    places = sum(1 for r in inside if r.quality > line)
    return LotteryZone(
        tuple(above),
        tuple(r.application for r in inside),
        tuple(below),
        places,
        LineKind.QUALITY,
        float(line),
        model,
    )


@shows
@attrs.frozen
class LotteryEntry:
    """One application of the lottery zone: its weight and when it was drawn.

    Attributes
    ----------
    application : str
        The application's id.
    weight : Decimal
        Its weight in the draw (exact; 1 unless given).
    order : int
        When it was drawn (1 = first); the first ``places`` are funded.

    Examples
    --------
    >>> from decimal import Decimal
    >>> LotteryEntry("a1", Decimal(1), 2).order
    2

    See Also
    --------
    Lottery : lists them in drawn order.
    """

    application: str
    weight: Decimal
    order: int


@shows
@attrs.frozen
class Placement:
    """One application's outcome at the uncertain funding line, with its reason.

    Attributes
    ----------
    application : str
        The application's id.
    expected_rank : float
        Its expected rank.
    reason : PlacementReason
        Why it is placed so (``reason.code``: above, below, drawn or not drawn).

    Examples
    --------
    >>> Placement("a1", 1.0, PlacementReason(Placed.ABOVE, 1, 1, 3, LineKind.RANK)).funded
    True

    See Also
    --------
    Lottery : lists one per application.
    """

    application: str
    expected_rank: float
    reason: PlacementReason

    @property
    def funded(self) -> bool:
        """Whether the application is funded (above the line or drawn).

        Returns
        -------
        bool
            ``reason.code.funded``.

        Examples
        --------
        >>> Placement("a", 2.0, PlacementReason(Placed.BELOW, 3, 4, 2, LineKind.RANK)).funded
        False
        """
        return self.reason.code.funded


@shows
@attrs.frozen
class Lottery:
    """The drawn lottery: the zone's draw order and every application's placement.

    Attributes
    ----------
    seed : int
        The draw's seed (the same seed draws the same order).
    places : int
        The places drawn (the zone's places, at most the zone's size).
    entries : tuple of LotteryEntry
        The zone in drawn order.
    placements : tuple of Placement
        Every application, by expected rank.
    zone : LotteryZone
        The zone drawn.

    Examples
    --------
    >>> grades = [Grade("a", "m", 9), Grade("b", "m", 5), Grade("b", "n", 5), Grade("c", "n", 5)]
    >>> lottery = draw_lottery(funding_zone(fit_uncertainty(grades, seed=0), fundable=2), seed=5)
    >>> [p.funded for p in lottery.placements].count(True)
    2

    See Also
    --------
    draw_lottery : makes one.
    """

    seed: int
    places: int
    entries: tuple[LotteryEntry, ...]
    placements: tuple[Placement, ...]
    zone: LotteryZone

    @property
    def funded(self) -> tuple[str, ...]:
        """The funded applications: above the line, then the drawn ones in drawn order.

        Returns
        -------
        tuple of str
            Their ids.

        Examples
        --------
        >>> grades = [Grade("a", "m", 9), Grade("b", "m", 2)]
        >>> lottery = draw_lottery(funding_zone(fit_uncertainty(grades, seed=0), fundable=1), seed=0)
        >>> lottery.zone.zone, lottery.funded
        (('a', 'b'), ('b',))
        """
        drawn = tuple(e.application for e in self.entries[: self.places])
        return self.zone.funded + drawn


def draw_lottery(
    zone: LotteryZone, *, seed: int, weights: Mapping[str, Decimal] | None = None
) -> Lottery:
    """Draw the zone's places: a weighted draw without replacement, replayable from its seed.

    The whole zone is drawn in order (each draw picks among those left with a
    probability proportional to its weight); the first ``places`` are funded.
    Weights are exact: they are scaled to integers and each draw is a uniform
    integer from ``numpy.random.default_rng(seed)``, so the same zone, weights
    and seed draw the same order on any machine.

    Parameters
    ----------
    zone : LotteryZone
        `funding_zone()`'s result.
    seed : int
        The draw's seed (>= 0); publish it before the draw.
    weights : mapping of str to Decimal, optional
        A weight > 0 per zone application (1 for those not named), e.g. less for a
        locality already funded.

    Returns
    -------
    Lottery
        The draw order and every application's placement with its reason.

    Raises
    ------
    civicgrants.errors.ValidationError
        When ``seed`` is out of range, or a weight is not a positive number or
        names an application outside the zone.

    Examples
    --------
    >>> from decimal import Decimal
    >>> grades = [Grade(a, m, v) for a, m, v in [("a", "m1", 90), ("a", "m2", 92), ("b", "m1", 60),
    ...           ("b", "m2", 61), ("c", "m2", 59), ("c", "m1", 58), ("d", "m2", 20), ("d", "m1", 22)]]
    >>> zone = funding_zone(fit_uncertainty(grades, seed=1), fundable=2)
    >>> lottery = draw_lottery(zone, seed=2024, weights={"c": Decimal("0.5")})
    >>> lottery.funded == draw_lottery(zone, seed=2024, weights={"c": Decimal("0.5")}).funded
    True
    >>> [(e.application, str(e.weight), e.order) for e in lottery.entries]
    [('b', '1', 1), ('c', '0.5', 2)]

    See Also
    --------
    funding_zone : the zone.
    civicgrants.scoring.rank.Lot : the lot that breaks an exact tie.
    """
    seed = _check_int("seed", seed, 0)
    weights = dict(weights or {})
    members = set(zone.zone)
    given: dict[str, Decimal] = {}
    for a, w in sorted(weights.items()):
        if a not in members:
            raise _bad(f"weights[{a!r}]", "names an application outside the lottery zone")
        try:
            value = w if isinstance(w, Decimal) else Decimal(str(w))
        except ArithmeticError:
            raise _bad(f"weights[{a!r}]", f"must be a number > 0, got {w!r}") from None
        if isinstance(w, bool) or not value.is_finite() or value <= 0:
            raise _bad(f"weights[{a!r}]", f"must be a number > 0, got {w!r}")
        given[a] = value
    entrants = list(zone.zone)
    exact = [given.get(a, Decimal(1)) for a in entrants]
    digits = max((-int(w.as_tuple().exponent) for w in exact), default=0)
    digits = max(digits, 0)
    scaled = [int(w.scaleb(digits)) for w in exact]
    if sum(scaled) >= 2**62:
        raise _bad("weights", "too many digits to draw exactly; round the weights")
    rng = np.random.default_rng(seed)
    left = list(range(len(entrants)))
    order: list[int] = []
    while left:
        total = sum(scaled[i] for i in left)
        pick = int(rng.integers(0, total))
        for j, i in enumerate(left):
            pick -= scaled[i]
            if pick < 0:
                order.append(left.pop(j))
                break
    places = min(zone.places, len(entrants))
    drawn_at = {entrants[i]: n for n, i in enumerate(order, start=1)}
    entries = tuple(LotteryEntry(entrants[i], exact[i], drawn_at[entrants[i]]) for i in order)
    model = zone.model
    by_rank = zone.kind is LineKind.RANK
    placements = []
    for r in model.applications:
        low, high = (r.rank_low, r.rank_high) if by_rank else (r.quality_low, r.quality_high)
        a = r.application
        if a in drawn_at:
            n = drawn_at[a]
            code = Placed.DRAWN if n <= places else Placed.NOT_DRAWN
            why = PlacementReason(code, low, high, zone.line, zone.kind, n, places)
        else:
            code = Placed.ABOVE if a in zone.funded else Placed.BELOW
            why = PlacementReason(code, low, high, zone.line, zone.kind)
        placements.append(Placement(a, r.expected_rank, why))
    return Lottery(seed, places, entries, tuple(placements), zone)


def fit_call(call: Call, sheet: ScoreSheet, *, seed: int | None = None) -> UncertaintyModel:
    """`fit_uncertainty()` on a call's score sheet, seeded by the call: the ``--uncertainty`` view.

    Parameters
    ----------
    call : Call
        The call.
    sheet : ScoreSheet
        The members' scores.
    seed : int, optional
        The sampler's seed; the call's ``seed`` by default.

    Returns
    -------
    UncertaintyModel
        ``fit_uncertainty(member_grades(call, sheet), seed=seed)``.

    Raises
    ------
    civicgrants.errors.ValidationError
        When a score row is bad or fewer than 2 applications are graded.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> model = fit_call(*synthetic_round())
    >>> model.seed, len(model.applications), len(model.reviewers)
    (2019, 53, 4)

    See Also
    --------
    draw_call_lottery : the lottery of the same call.
    """
    return fit_uncertainty(member_grades(call, sheet), seed=call.seed if seed is None else seed)


def draw_call_lottery(
    call: Call, sheet: ScoreSheet, *, lottery_seed: int, seed: int | None = None
) -> Lottery:
    """A call's lottery: as many places as the exact decision funds, drawn from ``lottery_seed``.

    The model is `fit_call()`'s; the places are the number of applications
    `civicgrants.scoring.commission.decide()` funds under the pot; the zone is
    `funding_zone()`'s at that many places, drawn unweighted. The model ranks every
    graded application: thresholds, overrides and locality limits of the exact
    decision are not applied to it.

    Parameters
    ----------
    call : Call
        The call.
    sheet : ScoreSheet
        The members' scores.
    lottery_seed : int
        The draw's seed (>= 0).
    seed : int, optional
        The sampler's seed; the call's ``seed`` by default.

    Returns
    -------
    Lottery
        The draw and every application's placement.

    Raises
    ------
    civicgrants.errors.ValidationError
        When the call cannot be decided, a score row is bad or a seed is out of range.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> lottery = draw_call_lottery(*synthetic_round(), lottery_seed=2024)
    >>> lottery.zone.line, len(lottery.funded)
    (18, 18)

    See Also
    --------
    fit_call : the model alone.
    draw_lottery : the draw, with weights.
    """
    from civicgrants.scoring.commission import decide

    places = len(decide(call, sheet).funded)
    zone = funding_zone(fit_call(call, sheet, seed=seed), fundable=places)
    return draw_lottery(zone, seed=lottery_seed)
