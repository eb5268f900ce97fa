"""Rules composed: one rule completing another's selection, or rerun with a larger budget.

pabutools 1.2.3 composes its rules in two ways, both here, exactly:

* `complete_by_rules()` (pabutools ``completion_by_rule_combination``): run the
  rules in turn, each starting from what the ones before funded, until the
  selection is exhaustive (no project left out still fits) or every rule has run;
* `exhaust_by_budget_increase()` (pabutools ``exhaustion_by_budget_increase``):
  rerun one rule as if the budget were larger, by a step at a time, until its
  outcome is exhaustive within the real budget; the last outcome that still fits
  the real budget is kept.

Each funded project's reason says which rule funded it and at what budget.

A rule is named as in `COMPOSABLE`, alone or with its keywords:
``"greedy"``, ``("greedy", {"sat": "cardinality"})``,
``("mes", {"completion": "add1"})``. The keywords are those of the rule's own
function (``sat``, ``tie_break``; ``completion`` and ``increment`` for ``mes``;
``max_load`` for ``phragmen``). Every one of them starts from projects already
funded (its ``initial``), so any may come at any place in the sequence.

Examples
--------
>>> from civicgrants.pb.election import Election
>>> e = Election.from_ballots(
...     {"a": 4, "b": 4, "c": 1}, [["a"], ["a"], ["b"], ["b", "c"], ["a", "c"]], budget=6
... )
>>> complete_by_rules(e, ["mes", "greedy"]).selected  # MES funds c, greedy adds a
('c', 'a')
>>> exhaust_by_budget_increase(e, "mes", step=1).selected  # MES as if the budget were 7
('a', 'c')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from civicgrants.pb.election import (
    Election,
    check_initial,
    default_sat,
    invalid,
    nothing_fits,
    to_exact,
)
from civicgrants.pb.outcome import Outcome, ProjectDecision, plain_number
from civicgrants.pb.rules.equal_shares import equal_shares
from civicgrants.pb.rules.greedy import greedy
from civicgrants.pb.rules.max_welfare import max_welfare
from civicgrants.pb.rules.phragmen import phragmen

__all__ = [
    "COMPOSABLE",
    "RuleSpec",
    "complete_by_rules",
    "exhaust_by_budget_increase",
    "is_exhaustive",
]

COMPOSABLE: Mapping[str, tuple[str, ...]] = {
    "greedy": ("sat", "tie_break"),
    "max_welfare": ("sat", "tie_break"),
    "phragmen": ("tie_break", "max_load"),
    "mes": ("sat", "tie_break", "completion", "increment"),
}
"""The rules that can be composed, each with the keywords it accepts."""

RuleSpec = str | tuple[str, Mapping[str, Any]]
"""A rule to compose: its name (`COMPOSABLE`), or its name and its keywords."""


def is_exhaustive(election: Election, selected: Sequence[str]) -> bool:
    """Whether no project left out of ``selected`` still fits in what is left of the budget.

    Parameters
    ----------
    election : Election
        The vote (its budget is the one that counts).
    selected : sequence of str
        Funded project ids.

    Returns
    -------
    bool
        pabutools' ``Instance.is_exhaustive``.

    Raises
    ------
    ValidationError
        An unknown project id (located ``selected[k]``).

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots({"a": 3, "b": 2, "c": 1}, [["a"]], budget=4)
    >>> is_exhaustive(e, ["a"]), is_exhaustive(e, ["b"]), is_exhaustive(e, ["a", "c"])
    (False, False, True)

    See Also
    --------
    complete_by_rules : stops once the selection is exhaustive.
    """
    known = set(election.project_ids)
    for k, p in enumerate(selected):
        if p not in known:
            raise invalid(f"selected[{k}]", f"no project has the id {p!r}")
    return nothing_fits(election, [election.index(p) for p in selected])


@attrs.frozen
class _Rule:
    """One rule of a composition, checked: its name and keywords, and where it was given."""

    name: str
    params: Mapping[str, Any]
    where: str

    def run(self, election: Election, initial: Sequence[str], tie_break: str) -> Outcome:
        kw = dict(self.params)
        kw.setdefault("tie_break", tie_break)
        if self.name == "mes":
            return equal_shares(election, initial=initial, **kw)
        if self.name == "phragmen":
            return phragmen(election, initial=initial, **kw)
        if self.name == "greedy":
            return greedy(election, initial=initial, **kw)
        return max_welfare(election, initial=initial, **kw)


def _rule(spec: object, where: str) -> _Rule:
    """A rule spec checked (`RuleSpec`), located at ``where`` for errors."""
    params: object = {}
    if isinstance(spec, tuple) and len(spec) == 2:
        spec, params = spec
    if not isinstance(spec, str) or spec not in COMPOSABLE:
        raise invalid(
            where, f"must be one of {', '.join(COMPOSABLE)} (alone or with keywords), got {spec!r}"
        )
    if not isinstance(params, Mapping):
        raise invalid(where, f"the keywords of {spec} must be a mapping, got {params!r}")
    for key in params:
        if key not in COMPOSABLE[spec]:
            raise invalid(
                f"{where}.{key}",
                f"{spec} accepts the keywords {', '.join(COMPOSABLE[spec])}, not {key!r}",
            )
    return _Rule(spec, dict(params), where)


def _credited(d: ProjectDecision, name: str, budget: Decimal) -> ProjectDecision:
    """``d`` as taken by the composition: the rule and the budget it counted with, in front."""
    return attrs.evolve(
        d,
        phase=name,
        reason=f"{name} at budget {plain_number(budget)}: {d.reason}",
        numbers=(("rule", name), ("budget", plain_number(budget)), *d.numbers),
    )


def _given(election: Election, initial: Sequence[str]) -> list[ProjectDecision]:
    return [
        ProjectDecision(
            p,
            True,
            0,
            "initial",
            f"funded before the rules ran: cost {plain_number(election.costs[election.index(p)])}",
        )
        for p in initial
    ]


def _cost(election: Election, selected: Sequence[str]) -> Decimal:
    return sum((election.costs[election.index(p)] for p in selected), Decimal(0))


def _completion(parts: Sequence[str | None]) -> str | None:
    return "+".join(p for p in parts if p) or None


def complete_by_rules(
    election: Election,
    rules: Sequence[RuleSpec],
    *,
    initial: Sequence[str] = (),
    tie_break: str = "lexico",
) -> Outcome:
    """Rules in turn, each completing what the ones before funded (pabutools ``completion_by_rule_combination``).

    The first rule starts from ``initial``; after each rule, if the selection is
    exhaustive (`is_exhaustive()`), the rest are not run; otherwise the next rule
    starts from it (its ``initial``).

    Parameters
    ----------
    election : Election
        The vote.
    rules : sequence of RuleSpec
        The rules, in order: names from `COMPOSABLE`, or ``(name, keywords)``.
    initial : sequence of str
        Projects already funded before the first rule (see `check_initial()`).
    tie_break : str
        The tie-break of every rule whose keywords do not name one.

    Returns
    -------
    Outcome
        Rule: the first rule's name; completion: the others' names joined by
        ``+`` (and the first rule's own completion, if any, in front); the
        satisfaction of the first rule. ``selected`` holds ``initial``, then each
        rule's purchases in its order. Every funded project's reason starts with
        the rule that funded it and the budget; the projects not funded carry the
        last rule's reason.

    Raises
    ------
    ValidationError
        No rules, an unknown rule or keyword (located ``rules[k]``), ``mes`` after
        another rule or with ``initial``, an ``initial`` that `check_initial()`
        refuses, or whatever a rule itself refuses.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots(
    ...     {"a": 4, "b": 4, "c": 1}, [["a"], ["a"], ["b"], ["b", "c"], ["a", "c"]], budget=6
    ... )
    >>> o = complete_by_rules(e, ["mes", ("greedy", {"sat": "cardinality"})])
    >>> o.selected, o.rule, o.completion
    (('c', 'a'), 'mes', 'greedy')
    >>> [d.reason for d in o.decisions[1:]]  # doctest: +NORMALIZE_WHITESPACE
    ['greedy at budget 6: fits: 4 of 5 left', 'greedy at budget 6: cost 4 exceeds the 1 left']
    >>> complete_by_rules(e, ["greedy"], initial=["b"]).selected
    ('b', 'c')

    See Also
    --------
    exhaust_by_budget_increase : one rule rerun with a larger budget.
    civicgrants.pb.rules.equal_shares.equal_shares : MES and its usual completions.
    """
    if isinstance(rules, str):
        rules = [rules]
    checked = [_rule(spec, f"rules[{k}]") for k, spec in enumerate(rules)]
    if not checked:
        raise invalid("rules", "give at least one rule")
    chosen = [election.project_ids[i] for i in check_initial(election, initial)]
    decisions = _given(election, chosen)
    last: Outcome | None = None
    names: list[str] = []
    for r in checked:
        out = r.run(election, chosen, tie_break)
        names.append(r.name)
        before = set(chosen)
        bought = {p for p in out.selected if p not in before}
        decisions += [
            _credited(d, r.name, election.budget)
            for d in out.decisions
            if d.selected and d.project in bought
        ]
        chosen = list(out.selected)
        last = out
        if is_exhaustive(election, chosen):
            break
    assert last is not None
    funded = set(chosen)
    left_out = {p for p in election.project_ids if p not in funded}
    decisions += [
        _credited(d, names[-1], election.budget)
        for d in last.decisions
        if not d.selected and d.project in left_out
    ]
    first = checked[0]
    return Outcome(
        first.name,
        _sat_of(election, first),
        _completion([first.params.get("completion"), *[r.name for r in checked[1:]]]),
        str(first.params.get("tie_break", tie_break)),
        tuple(chosen),
        _cost(election, chosen),
        election.budget,
        tuple(decisions),
    )


def _sat_of(election: Election, rule: _Rule) -> str:
    """The satisfaction ``rule`` counts (``cardinality`` for sequential Phragmén)."""
    if rule.name == "phragmen":
        return "cardinality"
    sat = rule.params.get("sat")
    return str(sat) if sat else default_sat(election)


def _step(value: object, what: str) -> Decimal:
    """An exact, positive amount from an int, a Decimal, a decimal string or a decimal Fraction."""
    if isinstance(value, Fraction):
        d = value.denominator
        while d % 2 == 0:
            d //= 2
        while d % 5 == 0:
            d //= 5
        if d != 1:
            raise invalid(what, f"must be an exact decimal amount, got {value} (no finite decimal)")
        places = 0
        while (value * 10**places).denominator != 1:
            places += 1
        value = Decimal(int(value * 10**places)).scaleb(-places)
    return to_exact(value, what)


def _with_budget(election: Election, budget: Decimal) -> Election:
    """``election`` with another budget (its META ``budget`` rewritten)."""
    if budget == election.budget:
        return election
    meta = tuple((k, str(budget) if k == "budget" else v) for k, v in election.meta)
    return attrs.evolve(election, meta=meta)


def exhaust_by_budget_increase(
    election: Election,
    rule: RuleSpec,
    *,
    step: int | Decimal | str | Fraction | None = None,
    bound: int | Decimal | str | Fraction | None = None,
    exhaustive_stop: bool = True,
    initial: Sequence[str] = (),
    tie_break: str = "lexico",
) -> Outcome:
    """One rule rerun with a budget raised by ``step`` each time (pabutools ``exhaustion_by_budget_increase``).

    The rule is run with the election's budget, then with the budget plus
    ``step``, plus two steps, and so on, while the budget counted stays at most
    ``bound``. The first outcome that costs more than the real budget ends the
    search, and the outcome before it is kept (``initial`` alone if there was
    none); with ``exhaustive_stop``, an outcome that is exhaustive within the real
    budget (`is_exhaustive()`) ends it too, and is kept. When ``bound`` is passed
    first, the last outcome counted is kept. The budgets are exact: the
    election's budget plus a whole number of steps.

    Parameters
    ----------
    election : Election
        The vote; its budget is what an outcome may cost.
    rule : RuleSpec
        A name from `COMPOSABLE`, or ``(name, keywords)``; ``mes`` only with no
        ``initial``.
    step : int, Decimal, str or Fraction, optional
        How much the budget grows each time, exact and ``> 0``; by default 1 % of
        the budget (pabutools' default). A Fraction must have a finite decimal
        expansion.
    bound : int, Decimal, str or Fraction, optional
        The largest budget counted; by default the budget times the number of
        voters plus one (pabutools' default).
    exhaustive_stop : bool
        Stop at the first exhaustive outcome (default); with ``False``, only an
        outcome over the budget (or ``bound``) stops.
    initial : sequence of str
        Projects already funded, given to every run (see `check_initial()`).
    tie_break : str
        The rule's tie-break unless its keywords name one.

    Returns
    -------
    Outcome
        Rule: the rule's name; completion ``budget_increase`` (after the rule's own
        completion, if any); ``budget`` the election's. Each decision comes from
        the run kept, its reason led by the rule and the budget it counted with;
        a project the next run funded, over the budget, says so.

    Raises
    ------
    ValidationError
        An unknown rule or keyword, a step that is not
        ``> 0`` (a budget of 0 needs an explicit one), an amount that is not exact,
        an ``initial`` that `check_initial()` refuses, or what the rule refuses.

    Examples
    --------
    >>> from civicgrants.pb.election import Election
    >>> e = Election.from_ballots(
    ...     {"a": 4, "b": 4, "c": 1}, [["a"], ["a"], ["b"], ["b", "c"], ["a", "c"]], budget=6
    ... )
    >>> o = exhaust_by_budget_increase(e, "mes", step=1)
    >>> o.selected, o.completion, o.cost
    (('a', 'c'), 'budget_increase', Decimal('5'))
    >>> o.explain("b")[0].reason
    'mes at budget 7: supporters hold 1.87, less than the cost 4'
    >>> exhaust_by_budget_increase(e, "mes").explain("a")[0].reason[:18]  # steps of 1 %
    'mes at budget 6.72'

    See Also
    --------
    complete_by_rules : rules that complete each other.
    civicgrants.pb.rules.equal_shares.equal_shares : ``completion="add1"`` raises
        each voter's money instead.
    """
    r = _rule(rule, "rule")
    start = [election.project_ids[i] for i in check_initial(election, initial)]
    real = election.budget
    size = _step(step, "step") if step is not None else real.scaleb(-2)
    if size <= 0:
        raise invalid(
            "step",
            "must be > 0" if step is not None else "the budget is 0: give a step > 0",
        )
    top = _step(bound, "bound") if bound is not None else real * (election.n_voters + 1)
    kept: tuple[Outcome, Decimal] | None = None
    over: tuple[Outcome, Decimal] | None = None
    k = 0
    budget = real
    while budget <= top:
        out = r.run(_with_budget(election, budget), start, tie_break)
        if _cost(election, out.selected) > real:
            over = (out, budget)
            break
        kept = (out, budget)
        if exhaustive_stop and is_exhaustive(election, out.selected):
            break
        k += 1
        budget = real + size * k
    completion = _completion([r.params.get("completion"), "budget_increase"])
    used_tie = str(r.params.get("tie_break", tie_break))
    sat = _sat_of(election, r)
    if kept is None:
        decisions = _given(election, start)
        why = (
            f"the budget {plain_number(real)} is already above the bound {plain_number(top)}"
            if over is None
            else f"{r.name} at budget {plain_number(over[1])} already spends "
            f"{plain_number(_cost(election, over[0].selected))}, more than the budget"
        )
        decisions += [
            ProjectDecision(p, False, 0, r.name, f"not funded: {why}")
            for p in election.project_ids
            if p not in start
        ]
        return Outcome(
            r.name,
            sat,
            completion,
            used_tie,
            tuple(start),
            _cost(election, start),
            real,
            tuple(decisions),
        )
    out, at = kept
    decisions = _given(election, start) + [
        _credited(d, r.name, at) for d in out.decisions if d.project not in start
    ]
    if over is not None:
        dear = _cost(election, over[0].selected)
        decisions += [
            ProjectDecision(
                p,
                False,
                k,
                r.name,
                f"{r.name} at budget {plain_number(over[1])} funds it too, but that outcome "
                f"costs {plain_number(dear)}, more than the budget {plain_number(real)}",
                (("rule", r.name), ("budget", plain_number(over[1]))),
            )
            for p in over[0].selected
            if p not in out.selected
        ]
    return Outcome(
        r.name,
        sat,
        completion,
        used_tie,
        out.selected,
        _cost(election, out.selected),
        real,
        tuple(decisions),
    )
