"""Counting a vote as one call: `count()` (the ``pb`` command) and `compare()` (the demo).

`count()` runs one rule and returns a `VoteCount`: the election's
facts a reader needs, the `Outcome` and the
voters' `SatisfactionSummary`.
`compare()` counts one election with both rules and says, for each project
only one of them funds, why the other skipped it. Their text and JSON are
`civicgrants.io.views.pb`.

Examples
--------
>>> from civicgrants.pb.election import Election
>>> e = Election.from_ballots({"big": 80, "s1": 30}, [["big"]] * 4 + [["s1"]], budget=100)
>>> count(e, rule="mes").outcome.selected
('big',)
>>> c = compare(Election.from_ballots({"a": 60, "b": 50, "c": 40},
...                                   [["a"], ["a"], ["b", "c"], ["c"]], budget=100))
>>> [(d.project, d.skipped_by) for d in c.differences]
[('a', 'mes')]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

import attrs

from civicgrants.model.display import frame, shows
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.progress import Progress, report
from civicgrants.pb.analysis import OutcomeAnalysis, analyse_outcome
from civicgrants.pb.certificates import Certificates, check
from civicgrants.pb.election import Election, invalid, to_exact
from civicgrants.pb.outcome import Outcome
from civicgrants.pb.rules.composition import (
    COMPOSABLE,
    RuleSpec,
    complete_by_rules,
    exhaust_by_budget_increase,
)
from civicgrants.pb.rules.cstv import cstv
from civicgrants.pb.rules.equal_shares import COMPLETIONS, equal_shares, equal_shares_all
from civicgrants.pb.rules.exact_equal_shares import EES_COMPLETIONS, exact_equal_shares
from civicgrants.pb.rules.greedy import greedy, greedy_all
from civicgrants.pb.rules.max_welfare import max_welfare, max_welfare_all
from civicgrants.pb.rules.maximin_support import maximin_support
from civicgrants.pb.rules.mes_bounds import Bound, equal_shares_bounded
from civicgrants.pb.rules.pb_ear import pb_ear
from civicgrants.pb.rules.phragmen import phragmen, phragmen_all
from civicgrants.pb.satisfaction import SatisfactionSummary, satisfaction_summary

__all__ = [
    "IRRESOLUTE",
    "ROUND_RULES",
    "RULES",
    "RULE_COMPLETIONS",
    "Comparison",
    "Difference",
    "VoteCount",
    "all_outcomes",
    "check_rule",
    "compare",
    "count",
    "run_rule",
]

RULES: tuple[str, ...] = (
    "greedy",
    "mes",
    "phragmen",
    "max_welfare",
    "maximin_support",
    "cstv",
    "pb_ear",
    "ees",
    "mes_bounded",
)
"""The rules `count()` runs: the utilitarian greedy rule, the Method of Equal Shares,
sequential Phragmén, the maximum (additive utilitarian) welfare, maximin support, CSTV
(cumulative ballots), PB-EAR (ordinal ballots), Exact Equal Shares and MES with bounds
per group of projects."""

ROUND_RULES: tuple[str, ...] = RULES[: RULES.index("ees")]
"""The rules a round may count its ballots with (`civicgrants.round.Round`, ``round.json``):
those of `RULES` before Exact Equal Shares and the bounded MES, which a round's documents do
not offer (the bounds would need a place in the manifest)."""

RULE_COMPLETIONS: Mapping[str, tuple[str | None, ...]] = {
    "mes": COMPLETIONS,
    "ees": EES_COMPLETIONS,
}
"""The completions each rule accepts (``None``: none); the other rules take none."""

IRRESOLUTE: tuple[str, ...] = ("greedy", "mes", "phragmen", "max_welfare")
"""The rules that can list every outcome their ties allow (`all_outcomes()`)."""


def check_rule(rule: str, completion: str | None) -> None:
    """Raise a clear error unless ``rule`` is known and ``completion`` applies to it.

    Parameters
    ----------
    rule : str
        One of `RULES`.
    completion : str or None
        A completion (`RULE_COMPLETIONS`): those of MES (`COMPLETIONS`) with
        ``mes``, ``add_opt`` with ``ees``; the other rules take none.

    Raises
    ------
    ValidationError
        An unknown rule or completion, or a completion with a rule it does not
        apply to.

    Examples
    --------
    >>> check_rule("mes", "add1")
    >>> check_rule("ees", "add_opt")
    >>> check_rule("greedy", "add1")
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: completion: add1 applies to the rule mes only, not greedy
    >>> check_rule("mes", "add_opt")
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: completion: add_opt applies to the rule ees only, not mes

    See Also
    --------
    run_rule : counts with the rule once it is checked.
    RULES : the rules.
    RULE_COMPLETIONS : the completions of each rule.
    """
    if rule not in RULES:
        raise invalid("rule", f"must be one of {', '.join(RULES)}, got {rule!r}")
    known = list(dict.fromkeys(c for cs in RULE_COMPLETIONS.values() for c in cs))
    if completion not in known:
        raise invalid(
            "completion", f"must be one of {', '.join(map(str, known))}, got {completion!r}"
        )
    if completion is not None and completion not in RULE_COMPLETIONS.get(rule, (None,)):
        owners = " or ".join(r for r, cs in RULE_COMPLETIONS.items() if completion in cs)
        raise invalid("completion", f"{completion} applies to the rule {owners} only, not {rule}")


def run_rule(
    election: Election,
    rule: str,
    sat: str | None = None,
    *,
    completion: str | None = None,
    tie_break: str = "lexico",
    progress: Progress | None = None,
    initial: Sequence[str] = (),
    details: bool = False,
    seed: int | None = None,
    exhaustive_stop: bool = True,
    integral: bool = False,
    groups: str | Mapping[str, str | Sequence[str]] = "category",
    bounds: Mapping[str, Bound] | None = None,
) -> Outcome:
    """Count ``election`` with the rule named ``rule`` (one of `RULES`).

    Parameters
    ----------
    election : Election
        The vote.
    rule : str
        One of `RULES`.
    sat : str, optional
        The satisfaction; by default the ballots' own.
    completion : str, optional
        A completion of MES.
    tie_break : str
        How ties are broken (default ``lexico``; ``refuse`` raises `TieRefused`
        at a tie).
    progress : Progress, optional
        Called as ``progress(spent, budget)`` as the count goes (whole units of
        the budget's currency; a bar on a terminal, say); the outcome does not
        depend on it.
    initial : sequence of str
        Projects funded beforehand; the rule fills the rest of the budget
        (pabutools ``initial_budget_allocation``).
    details : bool
        MES only: record every purchase with each voter's money after it
        (``Outcome.details``).
    seed : int, optional
        The lot's seed for ``tie_break="equalshares"`` (MES only).
    exhaustive_stop, integral : bool
        The ``add1`` options of `equal_shares()`.
    groups : str or Mapping
        ``mes_bounded`` only: each project's groups, a PROJECTS column (default
        ``category``) or a mapping (see
        `civicgrants.pb.rules.mes_bounds.project_groups()`).
    bounds : Mapping, optional
        ``mes_bounded`` only, and needed there: each group's ``(lower, upper)``
        (`civicgrants.pb.rules.mes_bounds.parse_bounds()` reads them from text).

    Returns
    -------
    Outcome
        What the rule funded, in order, and why.

    Raises
    ------
    ValidationError
        See `check_rule()`; also a satisfaction that does not fit the ballots,
        an unknown tie-break or ``initial`` project, ``details`` with a rule
        other than ``mes``, ``initial`` with ``cstv``, ``ees`` or
        ``mes_bounded`` (they start from nothing), ``bounds`` missing with
        ``mes_bounded`` or given with another rule.

    Examples
    --------
    >>> e = Election.from_ballots({"a": 2, "b": 1}, [["a"], ["b"]], budget=2)
    >>> run_rule(e, "greedy").selected
    ('a',)

    See Also
    --------
    count : the same count with the election's facts and the voters' satisfaction.
    civicgrants.pb.rules.greedy.greedy : the rule ``greedy``.
    civicgrants.pb.rules.equal_shares.equal_shares : the rule ``mes``.
    """
    check_rule(rule, completion)
    if details and rule != "mes":
        raise invalid("details", f"round details are recorded by the rule mes only, not {rule}")
    if tie_break == "equalshares" and rule != "mes":
        raise invalid("tie_break", f"equalshares breaks the ties of the rule mes only, not {rule}")
    if (bounds is None) == (rule == "mes_bounded"):
        raise invalid(
            "bounds",
            "the rule mes_bounded needs bounds"
            if bounds is None
            else f"bounds apply to the rule mes_bounded only, not {rule}",
        )
    if initial and rule in ("cstv", "ees", "mes_bounded"):
        raise invalid(
            "initial", f"the rule {rule} starts from nothing: it takes no initial projects"
        )
    if rule == "ees":
        return exact_equal_shares(election, sat, completion=completion, tie_break=tie_break)
    if rule == "mes_bounded":
        assert bounds is not None
        return equal_shares_bounded(
            election, sat, groups=groups, bounds=bounds, tie_break=tie_break
        )
    if rule == "greedy":
        return greedy(election, sat, tie_break=tie_break, initial=initial)
    if rule == "max_welfare":
        return max_welfare(election, sat, tie_break=tie_break, initial=initial)
    if rule == "phragmen":
        if sat not in (None, "cardinality"):
            raise invalid("sat", f"sequential Phragmén counts approvals (cardinality), not {sat}")
        return phragmen(election, tie_break=tie_break, initial=initial)
    if rule == "cstv":
        if sat not in (None, "points"):
            raise invalid("sat", f"CSTV counts the points given, not {sat}")
        return cstv(election, tie_break=tie_break)
    if rule == "pb_ear":
        if sat not in (None, "cardinality"):
            raise invalid("sat", f"PB-EAR counts ranked approvals (cardinality), not {sat}")
        return pb_ear(election, tie_break=tie_break, initial=initial)
    if rule == "maximin_support":
        if sat not in (None, "cardinality"):
            raise invalid("sat", f"maximin support counts approvals (cardinality), not {sat}")
        return maximin_support(election, tie_break=tie_break, initial=initial)
    return equal_shares(
        election,
        sat,
        completion=completion,
        tie_break=tie_break,
        initial=initial,
        details=details,
        seed=seed,
        exhaustive_stop=exhaustive_stop,
        integral=integral,
        progress=progress,
    )


def all_outcomes(
    election: Election,
    rule: str,
    sat: str | None = None,
    *,
    completion: str | None = None,
    initial: Sequence[str] = (),
) -> tuple[tuple[str, ...], ...]:
    """Every outcome ``rule`` can reach, whichever way its ties are broken (irresolute).

    Parameters
    ----------
    election : Election
        The vote.
    rule : str
        One of `IRRESOLUTE`: ``greedy`` (`greedy_all()`), ``mes``
        (`equal_shares_all()`), ``phragmen`` (`phragmen_all()`) or
        ``max_welfare`` (`max_welfare_all()`).
    sat : str, optional
        The satisfaction; by default the ballots' own (``phragmen``: approvals only).
    completion : str, optional
        ``mes`` only: none or ``add1``.
    initial : sequence of str
        Projects funded beforehand (in every outcome).

    Returns
    -------
    tuple of tuple of str
        Each outcome's project ids in file order; the outcomes sorted.

    Raises
    ------
    ValidationError
        A rule without an irresolute variant, a completion other than ``add1``
        (``mes``), more outcomes than the rule lists
        (`civicgrants.pb.rules.greedy.MAX_OUTCOMES`; `max_welfare_all()`: its
        ``MAX_OPTIMA``), or what the rule itself refuses.

    Examples
    --------
    >>> e = Election.from_ballots({"a": 5, "b": 5}, [["a", "b"]], budget=5)
    >>> all_outcomes(e, "mes"), all_outcomes(e, "greedy")
    ((('a',), ('b',)), (('a',), ('b',)))
    >>> all_outcomes(e, "cstv")
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: all_outcomes: every tied outcome is listed for the rules greedy, mes, phragmen, max_welfare only, not cstv

    See Also
    --------
    run_rule : one outcome, ties broken by a rule.
    """
    check_rule(rule, completion)
    if rule not in IRRESOLUTE:
        raise invalid(
            "all_outcomes",
            f"every tied outcome is listed for the rules {', '.join(IRRESOLUTE)} only, not {rule}",
        )
    if rule == "greedy":
        return greedy_all(election, sat, initial=initial)
    if rule == "max_welfare":
        return max_welfare_all(election, sat, initial=initial)
    if rule == "phragmen":
        if sat not in (None, "cardinality"):
            raise invalid("sat", f"sequential Phragmén counts approvals (cardinality), not {sat}")
        return phragmen_all(election, initial=initial)
    if completion not in (None, "add1"):
        raise invalid(
            "completion",
            f"every tied outcome of mes is listed with no completion or add1 only, not {completion}",
        )
    return equal_shares_all(election, sat, completion=completion, initial=initial)


def _composed(
    election: Election,
    rule: str,
    sat: str | None,
    completion: str | None,
    *,
    then: Sequence[str],
    budget_increase: int | Decimal | str | Fraction | None,
    tie_break: str,
    initial: Sequence[str],
    exhaustive_stop: bool,
) -> Outcome:
    """``rule`` completed by the rules ``then``, or rerun with a growing budget (see `count()`)."""
    if then and budget_increase is not None:
        raise invalid(
            "then", "rules completing each other and a budget increase are two ways; pick one"
        )
    where = "then" if then else "budget_increase"
    if rule not in COMPOSABLE:
        raise invalid(where, f"composes the rules {', '.join(COMPOSABLE)} only, not {rule}")
    for k, name in enumerate(then):
        if name not in COMPOSABLE:
            raise invalid(f"then[{k}]", f"must be one of {', '.join(COMPOSABLE)}, got {name!r}")
    if isinstance(budget_increase, str):
        budget_increase = to_exact(budget_increase, "budget_increase")
    if budget_increase is not None and budget_increase <= 0:
        raise invalid("budget_increase", f"must be > 0, got {budget_increase}")

    def spec(name: str, first: bool) -> RuleSpec:
        params: dict[str, object] = {}
        if sat is not None and "sat" in COMPOSABLE.get(name, ()):
            params["sat"] = sat
        if first and completion is not None:
            params["completion"] = completion
        return (name, params)

    if then:
        rules = [spec(rule, True), *(spec(name, False) for name in then)]
        return complete_by_rules(election, rules, initial=initial, tie_break=tie_break)
    return exhaust_by_budget_increase(
        election,
        spec(rule, True),
        step=budget_increase,
        exhaustive_stop=exhaustive_stop,
        initial=initial,
        tie_break=tie_break,
    )


@shows
@attrs.frozen
class VoteCount:
    """One counted vote: the election's facts, the outcome, and how satisfied the voters are.

    Parameters
    ----------
    project_ids : tuple of str
        Every project, in file order.
    costs : tuple of Decimal
        Their exact costs (in the file's units), aligned with ``project_ids``.
    n_voters : int
        The number of ballots.
    vote_type : str
        ``approval``, ``cumulative``, ``ordinal`` or ``scoring``.
    outcome : Outcome
        What the rule funded and why.
    satisfaction : SatisfactionSummary
        The voters' satisfaction with the funded projects (the outcome's ``sat``).
    findings : tuple of Finding
        Where the file the election was read from breaks its own META
        (`Election.findings`):
        the count was made, but on a file that contradicts itself.
    certificates : Certificates or None
        The proportionality certificates of the outcome, when asked for
        (``count(..., checks=...)``).
    outcomes : tuple of tuple of str, or None
        Every outcome the rule's ties allow (`all_outcomes()`), when asked for
        (``count(..., all_outcomes=True)``): each one's project ids in file order.
    analysis : OutcomeAnalysis or None
        The cheap analysis measures of the outcome
        (`civicgrants.pb.analysis.analyse_outcome()`), when asked for
        (``count(..., analysis=True)``).

    Examples
    --------
    >>> e = Election.from_ballots({"a": 2, "b": 1}, [["a"], ["b"]], budget=2)
    >>> vc = count(e)
    >>> vc.n_projects, vc.cost_of("a"), vc.has_errors, vc.findings
    (2, Decimal('2'), False, ())

    See Also
    --------
    count : makes one.
    civicgrants.io.views.pb.vote_count_text : its text.
    civicgrants.io.views.pb.vote_count_data : its JSON.
    """

    project_ids: tuple[str, ...]
    costs: tuple[Decimal, ...]
    n_voters: int
    vote_type: str
    outcome: Outcome
    satisfaction: SatisfactionSummary
    findings: tuple[Finding, ...] = ()
    certificates: Certificates | None = None
    outcomes: tuple[tuple[str, ...], ...] | None = None
    analysis: OutcomeAnalysis | None = None

    @property
    def n_projects(self) -> int:
        """The number of projects.

        Examples
        --------
        >>> count(Election.from_ballots({"a": 2, "b": 1}, [["a"]], budget=2)).n_projects
        2
        """
        return len(self.project_ids)

    @property
    def has_errors(self) -> bool:
        """Whether a finding is an error: the file breaks its own META (the command exits 1).

        Examples
        --------
        >>> count(Election.from_ballots({"a": 2}, [["a"]], budget=1)).has_errors
        False
        """
        return any(f.severity is Severity.ERROR for f in self.findings)

    def cost_of(self, project: str) -> Decimal:
        """The exact cost of ``project``.

        Parameters
        ----------
        project : str
            A project id.

        Returns
        -------
        Decimal
            Its cost, in the file's units.

        Raises
        ------
        ValueError
            An unknown project id.

        Examples
        --------
        >>> vc = count(Election.from_ballots({"a": "2.50", "b": 1}, [["a"]], budget=3))
        >>> vc.cost_of("a")
        Decimal('2.50')

        See Also
        --------
        civicgrants.pb.election.Election.costs : every project's cost.
        """
        return self.costs[self.project_ids.index(project)]

    FRAME_COLUMNS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("project", "str"),
        ("cost", "number"),
        ("selected", "bool"),
    )
    """The columns of `to_frame()`: (name, kind) pairs (see `civicgrants.model.display`)."""

    def to_frame(self, exact: bool = False) -> Any:
        """The projects and whether the count funded them, as a pandas DataFrame.

        Columns (`FRAME_COLUMNS`): ``project`` (a string); ``cost``
        (``float64``, or exact ``Decimal`` objects with ``exact=True``);
        ``selected`` (``bool``). Needs the ``frames`` extra.

        Parameters
        ----------
        exact : bool, optional
            Costs as exact ``Decimal`` objects instead of floats.

        Returns
        -------
        pandas.DataFrame
            One row per project, in the election's order.

        Raises
        ------
        civicgrants.errors.MissingExtra
            pandas is not installed.

        Examples
        --------
        >>> from civicgrants.pb.election import Election
        >>> e = Election.from_ballots({"a": 1, "b": 1}, [["a"], ["a"], ["b"]], budget=1)
        >>> count(e).to_frame()["selected"].tolist()
        [True, False]
        """
        chosen = set(self.outcome.selected)
        return frame(
            self.FRAME_COLUMNS,
            ((p, c, p in chosen) for p, c in zip(self.project_ids, self.costs, strict=True)),
            exact=exact,
        )


def count(
    election: Election,
    *,
    rule: str = "greedy",
    sat: str | None = None,
    completion: str | None = None,
    tie_break: str = "lexico",
    progress: Progress | None = None,
    checks: Sequence[str] = (),
    initial: Sequence[str] = (),
    details: bool = False,
    seed: int | None = None,
    exhaustive_stop: bool = True,
    integral: bool = False,
    groups: str | Mapping[str, str | Sequence[str]] = "category",
    bounds: Mapping[str, Bound] | None = None,
    all_outcomes: bool = False,
    analysis: bool = False,
    then: Sequence[str] = (),
    budget_increase: int | Decimal | str | Fraction | None = None,
) -> VoteCount:
    """Count a residents' vote with one rule: what the ``civicgrants pb`` command prints.

    Parameters
    ----------
    election : Election
        The vote (e.g. from `civicgrants.io.pabulib.read_pb()`).
    rule : str
        One of `RULES`: the utilitarian greedy rule, the Method of Equal Shares,
        sequential Phragmén (approval votes; its satisfaction is
        ``cardinality``), the exact maximum welfare, maximin support, CSTV
        (cumulative votes; ``points``), PB-EAR (ordinal votes;
        ``cardinality``), Exact Equal Shares (``ees``) or MES with bounds per
        group of projects (``mes_bounded``, with ``bounds``).
    sat : str, optional
        The satisfaction (``cost``, ``cardinality``, ``points``, ``borda``); by
        default the ballots' own.
    completion : str, optional
        A completion of MES (``add1``, ``utilitarian``, ``add1_utilitarian``...)
        or of EES (``add_opt``); see `RULE_COMPLETIONS`.
    tie_break : str
        ``lexico`` (default, as pabutools), ``min_cost``, ``max_cost`` or ``app_score``.
    progress : Progress, optional
        Called as ``progress(spent, budget)`` as the count goes (whole units of
        the budget's currency; a bar on a terminal, say); the outcome does not
        depend on it.
    checks : sequence of str, optional
        Proportionality certificates of the outcome to decide, from
        `civicgrants.pb.certificates.CHECKS` (``ejr``, ``ejr1``, ``pjr``, ``ejr+``,
        ``priceability``); none by default.
    initial : sequence of str
        Projects funded beforehand (see `run_rule()`).
    details : bool
        MES only: record every purchase with each voter's money after it.
    seed : int, optional
        The lot's seed for ``tie_break="equalshares"``.
    exhaustive_stop, integral : bool
        The ``add1`` options of `equal_shares()`; ``exhaustive_stop`` is also
        that of ``budget_increase``.
    groups, bounds
        ``mes_bounded``: the groups of projects and their bounds (see `run_rule()`).
    all_outcomes : bool
        Also list every outcome the rule's ties allow (`all_outcomes()`; the
        rules of `IRRESOLUTE`), in ``VoteCount.outcomes``.
    analysis : bool
        Also measure the outcome (`civicgrants.pb.analysis.analyse_outcome()`:
        satisfaction with its Gini coefficient and histogram, fair share,
        category proportionality), in ``VoteCount.analysis``.
    then : sequence of str
        Rules that complete ``rule``'s selection in turn
        (`civicgrants.pb.rules.composition.complete_by_rules()`; each a name of
        `COMPOSABLE`, counted with ``sat`` when it takes one).
    budget_increase : int, Decimal, str or Fraction, optional
        Rerun ``rule`` with the budget raised by this step each time
        (`civicgrants.pb.rules.composition.exhaust_by_budget_increase()`).

    Returns
    -------
    VoteCount
        The election's facts, the outcome, the voters' satisfaction with it and
        the election's findings (where its file breaks its own META).

    Raises
    ------
    ValidationError
        An unknown rule, completion, satisfaction or tie-break, a completion with
        a rule it does not apply to, a satisfaction that does not fit the
        ballots; ``all_outcomes`` with a rule outside `IRRESOLUTE` or with
        options that only break ties or shape one count (``details``, a seed,
        ``integral``, no ``exhaustive_stop``); ``then`` or ``budget_increase``
        with a rule that does not compose, with each other or with
        ``all_outcomes``, ``details``, a seed or ``integral`` (``then``: or
        ``exhaustive_stop`` off).

    Examples
    --------
    >>> e = Election.from_ballots({"big": 80, "s1": 30}, [["big"]] * 4 + [["s1"]], budget=100)
    >>> vc = count(e)
    >>> vc.outcome.selected, vc.satisfaction.full, vc.satisfaction.zero
    (('big',), 4, 1)

    See Also
    --------
    compare : both rules on one election.
    civicgrants.io.render.render : its text and JSON.
    """
    if all_outcomes and rule not in IRRESOLUTE:  # before counting: refused at once
        _irresolute(election, rule)
    composed = bool(then) or budget_increase is not None
    if composed and (all_outcomes or details):
        what = "then" if then else "budget_increase"
        also = "all_outcomes" if all_outcomes else "details"
        raise invalid(what, f"a composed count lists no {also}; count the rule alone for it")
    if composed and (seed is not None or integral or (then and not exhaustive_stop)):
        what = "then" if then else "budget_increase"
        raise invalid(
            what,
            "a composed count takes no seed, integral"
            + (" or exhaustive_stop off" if then else "")
            + " (the options of one MES count); count the rule alone for them",
        )
    if composed and bounds is not None:
        raise invalid("bounds", "bounds apply to the rule mes_bounded only, which does not compose")
    if all_outcomes and (details or seed is not None or integral or not exhaustive_stop):
        raise invalid(
            "all_outcomes",
            "every tied outcome is listed with ties left open and the plain add1 (from the "
            "budget's share, stopping at an exhaustive outcome): no details, seed, integral "
            "or exhaustive_stop off",
        )
    if composed:
        check_rule(rule, completion)
        outcome = _composed(
            election,
            rule,
            sat,
            completion,
            then=then,
            budget_increase=budget_increase,
            tie_break=tie_break,
            initial=initial,
            exhaustive_stop=exhaustive_stop,
        )
    else:
        outcome = run_rule(
            election,
            rule,
            sat,
            completion=completion,
            tie_break=tie_break,
            progress=progress,
            initial=initial,
            details=details,
            seed=seed,
            exhaustive_stop=exhaustive_stop,
            integral=integral,
            groups=groups,
            bounds=bounds,
        )
    tied = (
        _irresolute(election, rule, sat, completion=completion, initial=initial)
        if all_outcomes
        else None
    )
    report(progress, int(election.budget), int(election.budget))  # counted
    return VoteCount(
        project_ids=election.project_ids,
        costs=election.costs,
        n_voters=election.n_voters,
        vote_type=election.vote_type,
        outcome=outcome,
        satisfaction=satisfaction_summary(election, outcome),
        findings=election.findings,
        certificates=check(election, outcome, checks) if checks else None,
        outcomes=tied,
        analysis=analyse_outcome(election, outcome) if analysis else None,
    )


_irresolute = all_outcomes  # count()'s keyword of the same name hides the function there


@shows
@attrs.frozen
class Difference:
    """A project only one rule funds, and why the other rule skipped it.

    Parameters
    ----------
    project : str
        The project id.
    skipped_by : str
        The rule that did not fund it (``greedy`` or ``mes``).
    reason : str
        That rule's reason.

    Examples
    --------
    >>> Difference("a", "mes", "supporters hold 20, less than the cost 30").skipped_by
    'mes'

    See Also
    --------
    Comparison : holds the differences of two outcomes.
    compare : finds them.
    """

    project: str
    skipped_by: str
    reason: str


@shows
@attrs.frozen
class Comparison:
    """The greedy rule against the Method of Equal Shares on one election.

    Parameters
    ----------
    n_voters, n_projects : int
        The election's size.
    vote_type : str
        ``approval``, ``cumulative``, ``ordinal`` or ``scoring``.
    budget : Decimal
        The election's budget (in the file's units).
    greedy, equal_shares : Outcome
        The two outcomes.
    differences : tuple of Difference
        First the projects only greedy funds (why MES skipped each), then the
        projects only MES funds (why greedy skipped each), in selection order.

    Examples
    --------
    >>> e = Election.from_ballots({"a": 2, "b": 1}, [["a"], ["b"]], budget=2)
    >>> compare(e).has_errors
    False

    See Also
    --------
    compare : makes one.
    civicgrants.io.views.pb.comparison_text : its text (the demo's vote step).
    civicgrants.io.views.pb.comparison_data : its JSON.
    """

    n_voters: int
    n_projects: int
    vote_type: str
    budget: Decimal
    greedy: Outcome
    equal_shares: Outcome
    differences: tuple[Difference, ...]

    @property
    def has_errors(self) -> bool:
        """Always false: a comparison has no findings.

        Examples
        --------
        >>> compare(Election.from_ballots({"a": 2}, [["a"]], budget=2)).has_errors
        False
        """
        return False


def _skip_reason(outcome: Outcome, project: str) -> str:
    return next(d.reason for d in outcome.explain(project) if not d.selected)


def compare(election: Election, *, sat: str | None = None, tie_break: str = "lexico") -> Comparison:
    """Count ``election`` with both rules and explain where they differ (the demo's vote step).

    Parameters
    ----------
    election : Election
        The vote.
    sat : str, optional
        The satisfaction, for both rules; by default the ballots' own.
    tie_break : str
        How ties are broken (default ``lexico``).

    Returns
    -------
    Comparison
        Both outcomes and, for each project only one rule funds, why the other
        skipped it.

    Raises
    ------
    ValidationError
        A satisfaction that does not fit the ballots or an unknown tie-break.

    Examples
    --------
    >>> e = Election.from_ballots({"big": 80, "s1": 30}, [["big"]] * 4 + [["s1"]], budget=100)
    >>> c = compare(e)
    >>> c.greedy.selected, c.equal_shares.selected, c.differences
    (('big',), ('big',), ())

    See Also
    --------
    count : one rule.
    Difference : a project only one rule funds.
    """
    g = greedy(election, sat, tie_break=tie_break)
    m = equal_shares(election, sat, tie_break=tie_break)
    differences = [
        Difference(p, "mes", _skip_reason(m, p)) for p in g.selected if p not in m.selected
    ] + [Difference(p, "greedy", _skip_reason(g, p)) for p in m.selected if p not in g.selected]
    return Comparison(
        n_voters=election.n_voters,
        n_projects=election.n_projects,
        vote_type=election.vote_type,
        budget=election.budget,
        greedy=g,
        equal_shares=m,
        differences=tuple(differences),
    )
