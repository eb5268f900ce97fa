"""Text and JSON views of residents' votes: a count (``civicgrants pb``) and the demo's comparison.

The text of a `VoteCount` is what ``civicgrants pb``
prints: the headline, the funded projects in selection order with the rule's
reason, the projects not funded, and the voters' satisfaction. Its JSON is one
object with sorted keys ``budget``, ``completion``, ``cost``, ``rule``, ``sat``,
``selected``, ``tie_break``; amounts are JSON numbers, integers when whole,
otherwise written exactly as in the file (never through a float).

Costs and budgets are plain amounts in the file's units (not `Money`), so
the text writes them with `civicgrants.io.fmt.number()`; a reason is the
rule's own explanation (data, plain exact numbers): printed as made in English,
worded from the catalogs in ru and kk with its numbers as made (`reason_text()`); a
proportionality certificate's reason likewise, from `CERTIFICATE_REASONS`.

Examples
--------
>>> from civicgrants.io.render import render
>>> from civicgrants.pb import Election, count
>>> e = Election.from_ballots({"big": 80000, "s1": 30}, [["big"]] * 4 + [["s1"]], budget=100000)
>>> print(render(count(e), "text").splitlines()[0])
greedy, satisfaction cost, ties lexico: 2 of 2 projects funded, 80,030 of 100,000 spent; 5 voters
>>> print(render(count(e), "json"), end="")
{"budget": 100000, "completion": null, "cost": 80030, "rule": "greedy", "sat": "cost", "selected": ["big", "s1"], "tie_break": "lexico"}
"""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from civicgrants.io import fmt
from civicgrants.io.findings import findings_data, findings_table, tally
from civicgrants.io.labels import N_, base_language, label, tr
from civicgrants.io.render import data_view, text_view
from civicgrants.pb.analysis import OutcomeAnalysis
from civicgrants.pb.certificates import CHECKS, Certificate, Certificates, verdict
from civicgrants.pb.counting import Comparison, VoteCount
from civicgrants.pb.outcome import MesDetails, Outcome, plain_amount
from civicgrants.pb.satisfaction import ApprovalMeasures, SatisfactionSummary

__all__ = [
    "CERTIFICATE_REASONS",
    "LABELS",
    "REASONS",
    "RULE",
    "analysis_data",
    "analysis_text",
    "certificates_data",
    "certificates_text",
    "comparison_data",
    "comparison_text",
    "outcome_data",
    "reason_text",
    "vote_count_data",
    "vote_count_text",
]

RULE = "=" * 78
"""The line that opens a step of the demo."""

# Only English so far: the demo prints this step in English in every language, and
# `civicgrants pb` has no --lang; io.labels.missing(LABELS, "ru") lists what to translate.
LABELS: dict[str, dict[str, str]] = {
    "greedy": {"en": N_("greedy")},
    "mes": {"en": N_("Method of Equal Shares")},
    "phragmen": {"en": N_("sequential Phragmén")},
    "max_welfare": {"en": N_("maximum welfare")},
    "maximin_support": {"en": N_("maximin support")},
    "cstv": {"en": N_("cumulative support transfer voting (CSTV)")},
    "pb_ear": {"en": N_("PB-EAR (expanding approvals)")},
    "ees": {"en": N_("Exact Equal Shares")},
    "mes_bounded": {"en": N_("Method of Equal Shares with bounds per group")},
    "with_completion": {"en": N_("{rule} + {completion} completion")},
    "headline": {
        "en": N_(
            "{rule}, satisfaction {sat}, ties {ties}: {funded} of {projects} projects funded, "
            "{cost} of {budget} spent; {voters} voters"
        )
    },
    "funded": {"en": N_("funded, in selection order:")},
    "funded_row": {"en": N_("{project}  cost {cost}  ({reason})")},
    "not_funded": {"en": N_("not funded:")},
    "file_findings": {"en": N_("counted on a file that breaks its own META: {tally}")},
    "satisfaction": {
        "en": N_(
            "voters' satisfaction ({sat}; share of what their ballot asked for): "
            "{counted} counted, {zero} got nothing, {full} got everything, "
            "mean share {mean}; quantiles {quantiles}"
        )
    },
    "quantile": {"en": N_("{q}%: {share}")},
    "step": {"en": N_("Step of the cycle: residents' vote (a real pabulib election)")},
    "source": {"en": N_("{file} (pabulib open data): ")},
    "election": {"en": N_("{voters} {ballots}, {projects} projects, budget {budget}")},
    "ballots_approval": {"en": N_("approval ballots")},
    "ballots_cumulative": {"en": N_("cumulative ballots")},
    "ballots_ordinal": {"en": N_("ordinal ballots")},
    "ballots_scoring": {"en": N_("scoring ballots")},
    "funds": {"en": N_("{rule}: funds {projects} for {cost}")},
    "rule_greedy": {"en": N_("greedy")},
    "rule_mes": {"en": N_("equal shares (MES)")},
    "differs": {"en": N_("why they differ: {rule} skips {project}: {reason}")},
    "skipper_greedy": {"en": N_("greedy")},
    "skipper_mes": {"en": N_("MES")},
    "cert_head": {
        "en": N_(
            "proportionality of {funded} funded projects ({cost} of {budget}), {voters} voters:"
        )
    },
    "cert_row": {"en": N_("{axiom}: {verdict} — {reason}")},
    "cert_group": {"en": N_("voters (0-based): {voters}")},
    "cert_payments": {"en": N_("payments: {count} in all, each voter holding {budget}")},
    "ax_ejr": {"en": N_("EJR")},
    "ax_ejr1": {"en": N_("EJR up to one project")},
    "ax_pjr": {"en": N_("PJR")},
    "ax_ejr+": {"en": N_("EJR+ up to one project")},
    "ax_priceability": {"en": N_("priceability")},
    "v_yes": {"en": N_("yes")},
    "v_no": {"en": N_("no")},
    "v_undecided": {"en": N_("undecided")},
    "measures": {
        "en": N_(
            "approved funded projects per voter: mean {mean} ({distribution}); "
            "{non_empty} of voters approve at least one; "
            "mean share of the budget spent on what a voter approved: {budget_share}"
        )
    },
    "measure_k": {"en": N_("{k}: {voters}")},
    "lot": {"en": N_("ties broken last by a lot (seed {seed}), first drawn first: {order}")},
    "all_outcomes": {"en": N_("every outcome the ties allow ({count}):")},
    "outcome_row": {"en": N_("{k}. {projects}  cost {cost}")},
    "nothing": {"en": N_("(nothing)")},
    "an_stats": {
        "en": N_(
            "analysis ({sat}): mean satisfaction {mean}, Gini coefficient {gini}; "
            "{positive} of voters get some satisfaction, {non_empty} have a funded project "
            "on their ballot"
        )
    },
    "an_histogram": {
        "en": N_("voters per bin of satisfaction ({bins} bins from 0 to {top}): {counts}")
    },
    "an_fair_share": {
        "en": N_(
            "fair share ({counted} of {voters} voters counted; 1 is best): "
            "distance {distance}, capped ratio {ratio}"
        )
    },
    "an_categories": {
        "en": N_("category proportionality {score} (share funded / share wanted): {rows}")
    },
    "an_category": {"en": N_("{category} {funded} / {wanted}")},
    "an_no_categories": {"en": N_("category proportionality: undefined ({reason})")},
    "mes_rounds": {
        "en": N_("MES purchases (each voter started with {share}; money left after each):")
    },
    "mes_round": {
        "en": N_(
            "{round}. {project}  rho {rho}  voters' money left {total} "
            "(lowest {low}, highest {high})"
        )
    },
}
"""The words of the vote's texts, key → language → text (``{name}`` marks a value)."""


REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"fits: (?P<cost>\S+) of (?P<left>\S+) left"), N_("fits: {cost} of {left} left")),
    (
        re.compile(r"cost (?P<cost>\S+) exceeds the (?P<left>\S+) left"),
        N_("cost {cost} exceeds the {left} left"),
    ),
    (
        re.compile(r"supporters hold (?P<hold>\S+), less than the cost (?P<cost>\S+)"),
        N_("supporters hold {hold}, less than the cost {cost}"),
    ),
    (
        re.compile(
            r"round (?P<round>\d+): lowest payment per unit of satisfaction "
            r"\(rho=(?P<rho>[^)]+)\) among affordable projects"
        ),
        N_(
            "round {round}: lowest payment per unit of satisfaction (rho={rho}) among affordable projects"
        ),
    ),
    (
        re.compile(
            r"(?P<payers>\d+) of its (?P<supporters>\d+) supporters pay (?P<price>\S+) each; "
            r"the lowest rho, (?P<rho>.+)"
        ),
        N_("{payers} of its {supporters} supporters pay {price} each; the lowest rho, {rho}"),
    ),
    (
        re.compile(
            r"no k of its supporters hold cost/k each "
            r"\(they hold (?P<hold>\S+) together, the cost is (?P<cost>\S+)\)"
        ),
        N_(
            "no k of its supporters hold cost/k each (they hold {hold} together, the cost is {cost})"
        ),
    ),
    (
        re.compile(
            r"skipped in round (?P<round>\d+): would bring (?P<group>.+) to (?P<total>\S+), "
            r"above its upper bound (?P<upper>\S+)"
        ),
        N_(
            "skipped in round {round}: would bring {group} to {total}, above its upper bound {upper}"
        ),
    ),
    (
        re.compile(
            r"funded for the lower bound of (?P<group>.+): (?P<funded>\S+) funded of "
            r"(?P<lower>\S+), cost (?P<cost>\S+) fits in the (?P<left>\S+) left"
        ),
        N_(
            "funded for the lower bound of {group}: {funded} funded of {lower}, "
            "cost {cost} fits in the {left} left"
        ),
    ),
    # the simple rules: greedy, sequential Phragmén, maximin support, maximum welfare
    (
        re.compile(
            r"adds the most satisfaction per unit of cost \((?P<gain>.+)\); "
            r"fits: (?P<cost>\S+) of (?P<left>\S+) left"
        ),
        N_("adds the most satisfaction per unit of cost ({gain}); fits: {cost} of {left} left"),
    ),
    (
        re.compile(r"cost (?P<cost>\S+) exceeds the whole budget (?P<budget>\S+)"),
        N_("cost {cost} exceeds the whole budget {budget}"),
    ),
    (
        re.compile(
            r"bought at load (?P<load>.+): (?P<cost>\S+) shared by its (?P<supporters>\d+) supporters"
        ),
        N_("bought at load {load}: {cost} shared by its {supporters} supporters"),
    ),
    (
        re.compile(
            r"next at load (?P<load>.+), but its cost (?P<cost>\S+) exceeds the "
            r"(?P<left>\S+) left: the rule stops"
        ),
        N_("next at load {load}, but its cost {cost} exceeds the {left} left: the rule stops"),
    ),
    (
        re.compile(r"not reached: the rule stopped when (?P<project>.+) did not fit"),
        N_("not reached: the rule stopped when {project} did not fit"),
    ),
    (
        re.compile(r"next load (?P<load>.+) exceeds the largest load allowed, (?P<allowed>.+)"),
        N_("next load {load} exceeds the largest load allowed, {allowed}"),
    ),
    (
        re.compile(
            r"the largest load is then (?P<load>.+), the least any project allows; "
            r"fits: (?P<cost>\S+) of (?P<left>\S+) left"
        ),
        N_(
            "the largest load is then {load}, the least any project allows; "
            "fits: {cost} of {left} left"
        ),
    ),
    (
        re.compile(r"in the optimal set: satisfaction (?P<sat>.+)"),
        N_("in the optimal set: satisfaction {sat}"),
    ),
    (
        re.compile(
            r"not in the optimal set \(total satisfaction (?P<total>.+?)\): "
            r"satisfaction (?P<sat>.+), cost (?P<cost>\S+)"
        ),
        N_("not in the optimal set (total satisfaction {total}): satisfaction {sat}, cost {cost}"),
    ),
    (
        re.compile(r"cost (?P<cost>\S+) exceeds the (?P<left>\S+) to fill"),
        N_("cost {cost} exceeds the {left} to fill"),
    ),
    # MES and EES without ballots or with free projects
    (re.compile(r"no ballots were cast"), N_("no ballots were cast")),
    (
        re.compile(r"free and valued by someone: funded first"),
        N_("free and valued by someone: funded first"),
    ),
    (re.compile(r"funded beforehand \(initial\)"), N_("funded beforehand (initial)")),
    (
        re.compile(r"no voter's satisfaction depends on it"),
        N_("no voter's satisfaction depends on it"),
    ),
    (
        re.compile(r"costs 0 and is valued: funded first"),
        N_("costs 0 and is valued: funded first"),
    ),
    (re.compile(r"no voter values it"), N_("no voter values it")),
    # PB-EAR
    (
        re.compile(
            r"rank (?P<rank>\d+): voters' weight (?P<weight>.+) reaches the quota (?P<quota>.+) "
            r"\(n (?P<n>\d+) x cost (?P<cost>\S+) / budget (?P<budget>\S+)\)"
        ),
        N_(
            "rank {rank}: voters' weight {weight} reaches the quota {quota} "
            "(n {n} x cost {cost} / budget {budget})"
        ),
    ),
    (
        re.compile(
            r"up to rank (?P<rank>\d+): voters' weight (?P<weight>.+) "
            r"stays below the quota (?P<quota>.+)"
        ),
        N_("up to rank {rank}: voters' weight {weight} stays below the quota {quota}"),
    ),
    (re.compile(r"no ballots: nothing is funded"), N_("no ballots: nothing is funded")),
    # CSTV
    (
        re.compile(
            r"donations (?P<donations>.+?) reach the cost (?P<cost>.+?); "
            r"the excess (?P<excess>.+) moves to its donors' other projects"
        ),
        N_(
            "donations {donations} reach the cost {cost}; "
            "the excess {excess} moves to its donors' other projects"
        ),
    ),
    (
        re.compile(
            r"donations (?P<donations>.+?) reach the cost (?P<cost>.+?); nothing is passed on"
        ),
        N_("donations {donations} reach the cost {cost}; nothing is passed on"),
    ),
    (
        re.compile(
            r"last project left: donations (?P<donations>.+?) fall short of the cost "
            r"(?P<cost>.+?); eliminated"
        ),
        N_("last project left: donations {donations} fall short of the cost {cost}; eliminated"),
    ),
    (
        re.compile(
            r"least excess support: donations (?P<donations>.+?) - cost (?P<cost>.+?) = "
            r"(?P<excess>.+?); eliminated, its donations move to its donors' other projects"
        ),
        N_(
            "least excess support: donations {donations} - cost {cost} = {excess}; "
            "eliminated, its donations move to its donors' other projects"
        ),
    ),
    (
        re.compile(
            r"taken back: cost (?P<cost>.+?) fits in the (?P<left>.+?) the donors have left"
        ),
        N_("taken back: cost {cost} fits in the {left} the donors have left"),
    ),
    (
        re.compile(
            r"not taken back: cost (?P<cost>.+?) exceeds the (?P<left>.+?) the donors have left"
        ),
        N_("not taken back: cost {cost} exceeds the {left} the donors have left"),
    ),
    (
        re.compile(
            r"donations (?P<donations>.+?) fall short of the cost (?P<cost>.+?), and "
            r"its donors do not hold it in all: the count stops"
        ),
        N_(
            "donations {donations} fall short of the cost {cost}, and "
            "its donors do not hold it in all: the count stops"
        ),
    ),
    (
        re.compile(
            r"no project reaches its cost: its donors move (?P<moved>.+?) from their other "
            r"donations to it \(it had (?P<had>.+?) of (?P<cost>.+?)\)"
        ),
        N_(
            "no project reaches its cost: its donors move {moved} from their other "
            "donations to it (it had {had} of {cost})"
        ),
    ),
    # compositions (--then, --budget-increase): {rule} is a rule's id, {reason} a reason
    (
        re.compile(r"(?P<rule>[a-z_]+) at budget (?P<budget>\S+): (?P<reason>.+)"),
        N_("{rule} at budget {budget}: {reason}"),
    ),
    (
        re.compile(r"funded before the rules ran: cost (?P<cost>\S+)"),
        N_("funded before the rules ran: cost {cost}"),
    ),
    (re.compile(r"not funded: (?P<reason>.+)"), N_("not funded: {reason}")),
    (
        re.compile(r"the budget (?P<budget>\S+) is already above the bound (?P<bound>\S+)"),
        N_("the budget {budget} is already above the bound {bound}"),
    ),
    (
        re.compile(
            r"(?P<rule>[a-z_]+) at budget (?P<budget>\S+) already spends (?P<cost>\S+), "
            r"more than the budget"
        ),
        N_("{rule} at budget {budget} already spends {cost}, more than the budget"),
    ),
    (
        re.compile(
            r"(?P<rule>[a-z_]+) at budget (?P<budget>\S+) funds it too, but that outcome "
            r"costs (?P<cost>\S+), more than the budget (?P<real>\S+)"
        ),
        N_(
            "{rule} at budget {budget} funds it too, but that outcome costs {cost}, "
            "more than the budget {real}"
        ),
    ),
)
"""A rule's reason forms: the pattern of its English text and the catalog entry that words it.

In a match, ``rule`` is a rule's id (worded with `LABELS`) and ``reason`` a reason of its
own (worded again, so a composition's reason is translated inside).
"""

_NUM = r"\S+(?: \(~[^)]+\))?"  # an exact number, a fraction with its decimal approximation

CERTIFICATE_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    # a violation of EJR, EJR up to one, PJR (the group, the set T it is cohesive over)
    (
        re.compile(
            rf"(?P<size>\d+) voters all approve \{{(?P<projects>.+?)\}} costing (?P<cost>\S+), "
            rf"within their share (?P<share>{_NUM}) of the budget; none of them gets as much: "
            r"the most satisfied of them gets (?P<most>\S+)"
        ),
        N_(
            "{size} voters all approve {{{projects}}} costing {cost}, within their share "
            "{share} of the budget; none of them gets as much: the most satisfied of them "
            "gets {most}"
        ),
    ),
    (
        re.compile(
            rf"(?P<size>\d+) voters all approve \{{(?P<projects>.+?)\}} costing (?P<cost>\S+), "
            rf"within their share (?P<share>{_NUM}) of the budget; none of them gets as much, "
            r"even with the dearest unfunded project of the set \((?P<dearest>\S+)\) added: "
            r"the most satisfied of them gets (?P<most>\S+)"
        ),
        N_(
            "{size} voters all approve {{{projects}}} costing {cost}, within their share "
            "{share} of the budget; none of them gets as much, even with the dearest unfunded "
            "project of the set ({dearest}) added: the most satisfied of them gets {most}"
        ),
    ),
    (
        re.compile(
            rf"(?P<size>\d+) voters all approve \{{(?P<projects>.+?)\}} costing (?P<cost>\S+), "
            rf"within their share (?P<share>{_NUM}) of the budget; the funded projects any of "
            r"them approves cost (?P<got>\S+) in all"
        ),
        N_(
            "{size} voters all approve {{{projects}}} costing {cost}, within their share "
            "{share} of the budget; the funded projects any of them approves cost {got} in all"
        ),
    ),
    # EJR+ up to one
    (
        re.compile(
            r"(?P<size>\d+) voters all approve the unfunded (?P<project>.+?) costing "
            r"(?P<cost>\S+); each gets at most (?P<most>\S+), and with (?P=project) added at "
            rf"most (?P<total>\S+), within their share (?P<share>{_NUM}) of the budget"
        ),
        N_(
            "{size} voters all approve the unfunded {project} costing {cost}; each gets at "
            "most {most}, and with {project} added at most {total}, within their share "
            "{share} of the budget"
        ),
    ),
    (
        re.compile(
            r"for none of the (?P<unfunded>\d+) unfunded projects costing more than 0 could a "
            r"group of its supporters pay for it from their share of the budget on top of what "
            r"each already gets"
        ),
        N_(
            "for none of the {unfunded} unfunded projects costing more than 0 could a group of "
            "its supporters pay for it from their share of the budget on top of what each "
            "already gets"
        ),
    ),
    # EJR, EJR up to one, PJR hold; or the search stopped
    (
        re.compile(
            r"every one of the (?P<sets>\d+) project sets T a group can be cohesive over was "
            r"examined: in every cohesive group some member gets at least cost\(T\)"
        ),
        N_(
            "every one of the {sets} project sets T a group can be cohesive over was examined: "
            "in every cohesive group some member gets at least cost(T)"
        ),
    ),
    (
        re.compile(
            r"every one of the (?P<sets>\d+) project sets T a group can be cohesive over was "
            r"examined: in every cohesive group some member gets at least cost\(T\), or more "
            r"than it with one more project of T"
        ),
        N_(
            "every one of the {sets} project sets T a group can be cohesive over was examined: "
            "in every cohesive group some member gets at least cost(T), or more than it with "
            "one more project of T"
        ),
    ),
    (
        re.compile(
            r"every one of the (?P<sets>\d+) project sets T a group can be cohesive over was "
            r"examined: in every cohesive group the funded projects its members approve cost "
            r"at least cost\(T\)"
        ),
        N_(
            "every one of the {sets} project sets T a group can be cohesive over was examined: "
            "in every cohesive group the funded projects its members approve cost at least "
            "cost(T)"
        ),
    ),
    (
        re.compile(
            r"undecided: the search stopped at its limit of (?P<limit>\d+) sets before finding "
            r"a violation of (?P<axiom>.+)"
        ),
        N_(
            "undecided: the search stopped at its limit of {limit} sets before finding a "
            "violation of {axiom}"
        ),
    ),
    # priceability: decided by counting
    (
        re.compile(r"the funded projects cost (?P<cost>\S+), more than the budget (?P<budget>\S+)"),
        N_("the funded projects cost {cost}, more than the budget {budget}"),
    ),
    (
        re.compile(r"(?P<project>.+?) is funded for (?P<cost>\S+) but no voter approves it"),
        N_("{project} is funded for {cost} but no voter approves it"),
    ),
    (
        re.compile(
            rf"each voter must hold at least (?P<low>{_NUM}) \((?P<reason>.+?)\); the "
            r"(?P<size>\d+) voters approving the unfunded (?P<project>.+?) then hold at least "
            rf"(?P<hold>{_NUM}), the funded projects any of them approves cost (?P<got>\S+), "
            rf"so they keep at least (?P<kept>{_NUM}), more than its cost (?P<cost>\S+)"
        ),
        N_(
            "each voter must hold at least {low} ({reason}); the {size} voters approving the "
            "unfunded {project} then hold at least {hold}, the funded projects any of them "
            "approves cost {got}, so they keep at least {kept}, more than its cost {cost}"
        ),
    ),
    # the lower bound's reason, worded inside the one above
    (re.compile(r"the budget's equal share"), N_("the budget's equal share")),
    (
        re.compile(
            r"the (?P<size>\d+) voters approving (?P<project>.+?) alone pay for (?P<projects>.+)"
        ),
        N_("the {size} voters approving {project} alone pay for {projects}"),
    ),
    (
        re.compile(r"no voters and a budget of 0: nothing to pay"),
        N_("no voters and a budget of 0: nothing to pay"),
    ),
    (re.compile(r"no voters to hold the budget"), N_("no voters to hold the budget")),
    # priceability: a price system found (exactly checked), or the LP's answer
    (
        re.compile(
            rf"a price system pays for every funded project: each voter holds (?P<budget>{_NUM}), "
            r"pays only for funded projects they approve, and the supporters of no unfunded "
            r"project keep more than its cost together \(checked exactly; found by equal "
            r"shares of the budget over (?P<kinds>\d+) kinds of ballot\)"
        ),
        N_(
            "a price system pays for every funded project: each voter holds {budget}, pays "
            "only for funded projects they approve, and the supporters of no unfunded project "
            "keep more than its cost together (checked exactly; found by equal shares of the "
            "budget over {kinds} kinds of ballot)"
        ),
    ),
    (
        re.compile(
            rf"a price system pays for every funded project: each voter holds (?P<budget>{_NUM}), "
            r"pays only for funded projects they approve, and the supporters of no unfunded "
            r"project keep more than its cost together \(checked exactly; found by an LP over "
            r"(?P<kinds>\d+) kinds of ballot\)"
        ),
        N_(
            "a price system pays for every funded project: each voter holds {budget}, pays "
            "only for funded projects they approve, and the supporters of no unfunded project "
            "keep more than its cost together (checked exactly; found by an LP over {kinds} "
            "kinds of ballot)"
        ),
    ),
    (
        re.compile(
            r"no price system exists: the LP is infeasible "
            r"\(HiGHS, in floating point; not verified exactly\)"
        ),
        N_(
            "no price system exists: the LP is infeasible "
            "(HiGHS, in floating point; not verified exactly)"
        ),
    ),
    (
        re.compile(
            r"undecided: priceability needs an LP solver, the 'solver' extra: "
            r"pip install 'civicgrants\[solver\]'"
        ),
        N_(
            "undecided: priceability needs an LP solver, the 'solver' extra: "
            "pip install 'civicgrants[solver]'"
        ),
    ),
    (
        re.compile(r"undecided: the LP solver stopped \((?P<message>.*)\)"),
        N_("undecided: the LP solver stopped ({message})"),
    ),
    (re.compile(r"undecided: the LP did not settle"), N_("undecided: the LP did not settle")),
    (
        re.compile(
            r"undecided: the LP's price system pays nothing for (?P<project>.+) once rounded"
        ),
        N_("undecided: the LP's price system pays nothing for {project} once rounded"),
    ),
    (
        re.compile(
            r"undecided: the LP \(HiGHS\) finds a price system, but rounded exactly the "
            rf"supporters of (?P<project>.+?) keep (?P<kept>{_NUM}), more than its cost "
            r"(?P<cost>\S+) \(a price system with no room to spare\)"
        ),
        N_(
            "undecided: the LP (HiGHS) finds a price system, but rounded exactly the supporters "
            "of {project} keep {kept}, more than its cost {cost} (a price system with no room "
            "to spare)"
        ),
    ),
)
"""A certificate's reason forms (`civicgrants.pb.certificates`), as `REASONS` holds a rule's.

In a match, ``axiom`` is an axiom's English name (worded with `LABELS`) and ``reason`` the
reason of a lower bound on a voter's budget (worded again with these forms).
"""


def reason_text(
    reason: str, lang: str, forms: tuple[tuple[re.Pattern[str], str], ...] = REASONS
) -> str:
    """A rule's reason for a project (``fits: 60 of 100 left``), or a certificate's, in ``lang``.

    The rules of `civicgrants.pb` write their reasons in English, in a few fixed
    forms; each form is a catalog entry, filled with the reason's numbers. A composition's
    reason (``greedy at budget 100: …``) names the rule (worded as the headline words it)
    and the inner rule's reason, worded in turn. The proportionality certificates' reasons
    are worded the same way from their own forms (`CERTIFICATE_REASONS`), an axiom named as
    the certificates' lines name it. English reasons, and a reason of another form, are
    kept as they are.

    Parameters
    ----------
    reason : str
        The reason, as a `ProjectDecision` or a `Certificate` holds it.
    lang : str
        ``en``, ``ru`` or ``kk``.
    forms : tuple of (re.Pattern, str), optional
        The forms it may be of: `REASONS` (a rule's, the default) or
        `CERTIFICATE_REASONS`.

    Returns
    -------
    str
        The reason in ``lang``.

    Examples
    --------
    >>> print(reason_text("cost 60 exceeds the 50 left", "ru"))
    стоимость 60 превышает остаток 50
    >>> reason_text("fits: 60 of 100 left", "en")
    'fits: 60 of 100 left'
    >>> print(reason_text("greedy at budget 100: cost 60 exceeds the 50 left", "ru"))
    жадный при бюджете 100: стоимость 60 превышает остаток 50
    >>> print(reason_text("no voters to hold the budget", "ru", CERTIFICATE_REASONS))
    нет избирателей, которые держали бы бюджет

    See Also
    --------
    civicgrants.pb.ProjectDecision : holds the reason.
    """
    if base_language(lang) == "en":
        return reason  # the rules' own words
    for pattern, msgid in forms:
        if match := pattern.fullmatch(reason):
            # an infinite load or gain (a project nobody supports, or free) reads ∞
            values = {k: "∞" if v == "inf" else v for k, v in match.groupdict().items()}
            if "rule" in values and values["rule"] in LABELS:
                values["rule"] = label(LABELS, values["rule"], lang)
            if values.get("axiom") in _AXIOMS:
                values["axiom"] = label(LABELS, _AXIOMS[values["axiom"]], lang)
            if "reason" in values:
                values["reason"] = reason_text(values["reason"], lang, forms)
            return tr(msgid, lang).format(**values)
    return reason


_AXIOMS = {LABELS[f"ax_{a}"]["en"]: f"ax_{a}" for a in CHECKS}
"""An axiom's English name (as a certificate's reason names it) → its key in `LABELS`."""


def _amount(value: Decimal, lang: str) -> str:
    """An amount in the file's units: whole amounts without decimals, others as written."""
    whole = value == value.to_integral_value()
    return fmt.number(value.to_integral_value() if whole else value, lang)


def _share(value: float, lang: str) -> str:
    """A satisfaction share (a float) to 2 decimals, rounded as Python's ``{:.2f}`` rounds."""
    exact = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    return fmt.number(exact, lang, places=2)


def _satisfaction_line(s: SatisfactionSummary, lang: str) -> str:
    quantiles = ", ".join(
        label(LABELS, "quantile", lang).format(
            q=fmt.number(int(k * 100), lang), share=_share(v, lang)
        )
        for k, v in s.quantiles
    )
    return label(LABELS, "satisfaction", lang).format(
        sat=s.sat,
        counted=fmt.number(s.counted, lang),
        zero=fmt.number(s.zero, lang),
        full=fmt.number(s.full, lang),
        mean=_share(s.mean_share, lang),
        quantiles=quantiles,
    )


def _rule_name(outcome: Outcome, lang: str) -> str:
    name = label(LABELS, outcome.rule, lang)
    if outcome.completion:
        completion = outcome.completion
        if base_language(lang) != "en":  # the rules that complete (--then) by their names
            completion = "+".join(
                label(LABELS, part, lang) if part in LABELS else part
                for part in completion.split("+")
            )
        name = label(LABELS, "with_completion", lang).format(rule=name, completion=completion)
    return name


@text_view(VoteCount)
def vote_count_text(result: VoteCount, lang: str = "en") -> str:
    """What ``civicgrants pb`` prints for a counted vote.

    Parameters
    ----------
    result : VoteCount
        The count.
    lang : str
        ``en``, ``ru``, ``kk`` or a babel locale (numbers follow it).

    Returns
    -------
    str
        The text, ending with a newline.

    Examples
    --------
    >>> from civicgrants.pb import Election, count
    >>> e = Election.from_ballots({"big": 80, "s1": 30}, [["big"]] * 4 + [["s1"]], budget=100)
    >>> print(vote_count_text(count(e, rule="mes"), "en"), end="")  # doctest: +NORMALIZE_WHITESPACE
    Method of Equal Shares, satisfaction cost, ties lexico: 1 of 2 projects funded, 80 of 100 spent; 5 voters
    funded, in selection order:
      big  cost 80  (round 1: lowest payment per unit of satisfaction (rho=0.25) among affordable projects)
    not funded:
      s1  supporters hold 20, less than the cost 30
    voters' satisfaction (cost; share of what their ballot asked for): 5 counted, 1 got nothing, 4 got everything, mean share 0.80; quantiles 0%: 0.00, 10%: 0.00, 25%: 1.00, 50%: 1.00, 75%: 1.00, 90%: 1.00, 100%: 1.00

    See Also
    --------
    vote_count_data : the same count as JSON.
    civicgrants.pb.counting.count : makes the count.
    civicgrants.io.render.render : picks this view for a ``VoteCount``.
    """
    o = result.outcome
    lines = [
        label(LABELS, "headline", lang).format(
            rule=_rule_name(o, lang),
            sat=o.sat,
            ties=o.tie_break,
            funded=fmt.number(len(o.selected), lang),
            projects=fmt.number(result.n_projects, lang),
            cost=_amount(o.cost, lang),
            budget=_amount(o.budget, lang),
            voters=fmt.number(result.n_voters, lang),
        ),
        label(LABELS, "funded", lang),
    ]
    for pid in o.selected:
        reason = reason_text(next((d.reason for d in o.explain(pid) if d.selected), ""), lang)
        row = label(LABELS, "funded_row", lang)
        lines.append(
            "  " + row.format(project=pid, cost=_amount(result.cost_of(pid), lang), reason=reason)
        )
    skipped = [d for d in o.decisions if not d.selected and d.project not in o.selected]
    if skipped:
        lines.append(label(LABELS, "not_funded", lang))
        seen: set[str] = set()
        for d in skipped:
            if d.project not in seen:
                seen.add(d.project)
                lines.append(f"  {d.project}  {reason_text(d.reason, lang)}")
    if o.seed is not None:
        lines.append(label(LABELS, "lot", lang).format(seed=o.seed, order=", ".join(o.lot)))
    if o.details is not None:
        lines.extend(_details_lines(o.details, lang))
    lines.append(_satisfaction_line(result.satisfaction, lang))
    if result.outcomes is not None:
        lines.extend(_outcomes_lines(result, lang))
    if result.analysis is not None:
        lines.append(analysis_text(result.analysis, lang).rstrip("\n"))
    if result.findings:
        found = tally(result.findings, lang)
        lines.append(label(LABELS, "file_findings", lang).format(tally=found))
        lines.append(findings_table(result.findings, lang))
    text = "\n".join(lines) + "\n"
    if result.certificates is not None:
        text += "\n" + certificates_text(result.certificates, lang)
    return text


def _outcomes_lines(result: VoteCount, lang: str) -> list[str]:
    """Every outcome the ties allow, one line each, with what it costs."""
    assert result.outcomes is not None
    lines = [
        label(LABELS, "all_outcomes", lang).format(count=fmt.number(len(result.outcomes), lang))
    ]
    for k, chosen in enumerate(result.outcomes, start=1):
        cost = sum((result.cost_of(p) for p in chosen), Decimal(0))
        lines.append(
            "  "
            + label(LABELS, "outcome_row", lang).format(
                k=fmt.number(k, lang),
                projects=", ".join(chosen) or label(LABELS, "nothing", lang),
                cost=_amount(cost, lang),
            )
        )
    return lines


def _ratio(value: Fraction, lang: str) -> str:
    """An exact ratio shown to 2 decimals (rounded half even, for display only)."""
    return fmt.number(value, lang, places=2)


def _exact_percent(value: Fraction, lang: str) -> str:
    return fmt.number(value * 100, lang, places=2) + "%"


@text_view(OutcomeAnalysis)
def analysis_text(result: OutcomeAnalysis, lang: str = "en") -> str:
    """The analysis of an outcome, compactly: four lines at most (``civicgrants pb --analysis``).

    Parameters
    ----------
    result : OutcomeAnalysis
        What `civicgrants.pb.analysis.analyse_outcome()` measured.
    lang : str
        ``en``, ``ru``, ``kk`` or a babel locale (numbers follow it).

    Returns
    -------
    str
        The satisfaction (mean, Gini coefficient, shares), its histogram's
        counts, the fair-share measures and the category proportionality (or
        why it is undefined); each figure to 2 decimals, ending with a newline.

    Examples
    --------
    >>> from civicgrants.pb import Election
    >>> from civicgrants.pb.analysis import analyse_outcome
    >>> e = Election.from_ballots({"a": 60, "b": 40}, [["a"], ["a"], ["b"]], budget=100)
    >>> print(analysis_text(analyse_outcome(e, ["a"]), "en"), end="")
    analysis (cost): mean satisfaction 40.00, Gini coefficient 0.33; 66.67% of voters get some satisfaction, 66.67% have a funded project on their ballot
    voters per bin of satisfaction (21 bins from 0 to 60): 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 2
    fair share (3 of 3 voters counted; 1 is best): distance 0.67, capped ratio 0.67
    category proportionality: undefined (categories: no project has a category (a 'category' column of PROJECTS))

    See Also
    --------
    analysis_data : the same measures, exactly, as JSON.
    """
    st, fs, h = result.stats, result.fair_share, result.stats.histogram
    lines = [
        label(LABELS, "an_stats", lang).format(
            sat=st.sat,
            mean=_ratio(st.mean, lang),
            gini=_ratio(st.gini, lang),
            positive=_exact_percent(st.positive, lang),
            non_empty=_exact_percent(st.non_empty_handed, lang),
        ),
        label(LABELS, "an_histogram", lang).format(
            bins=fmt.number(len(h.counts), lang),
            top=fmt.number(h.top.numerator, lang)
            if h.top.denominator == 1
            else _ratio(h.top, lang),
            counts=" ".join(str(c) for c in h.counts),
        ),
        label(LABELS, "an_fair_share", lang).format(
            counted=fmt.number(fs.counted, lang),
            voters=fmt.number(fs.voters, lang),
            distance=_ratio(fs.distance, lang),
            ratio=_ratio(fs.capped_ratio, lang),
        ),
    ]
    c = result.categories
    if c is None:
        lines.append(label(LABELS, "an_no_categories", lang).format(reason=result.categories_note))
    else:
        rows = ", ".join(
            label(LABELS, "an_category", lang).format(
                category=name, funded=_exact_percent(f, lang), wanted=_exact_percent(w, lang)
            )
            for name, f, w in zip(c.categories, c.funded, c.wanted, strict=True)
        )
        score = Decimal(repr(c.score))  # pabutools' float, shown to 4 decimals
        lines.append(
            label(LABELS, "an_categories", lang).format(
                score=fmt.number(score, lang, places=4), rows=rows
            )
        )
    return "\n".join(lines) + "\n"


def _analysis_json(result: OutcomeAnalysis) -> dict[str, object]:
    st, fs, c = result.stats, result.fair_share, result.categories
    return {
        "categories": None
        if c is None
        else {
            "categories": list(c.categories),
            "funded": [_fraction(x) for x in c.funded],
            "mean_square": _fraction(c.mean_square),
            "score": c.score,
            "wanted": [_fraction(x) for x in c.wanted],
        },
        "categories_note": result.categories_note,
        "fair_share": {
            "capped_ratio": _fraction(fs.capped_ratio),
            "counted": fs.counted,
            "distance": _fraction(fs.distance),
            "voters": fs.voters,
        },
        "satisfaction": {
            "gini": _fraction(st.gini),
            "histogram": {"counts": list(st.histogram.counts), "top": _fraction(st.histogram.top)},
            "mean": _fraction(st.mean),
            "non_empty_handed": _fraction(st.non_empty_handed),
            "positive": _fraction(st.positive),
            "sat": st.sat,
            "total": _fraction(st.total),
            "voters": st.voters,
        },
    }


@data_view(OutcomeAnalysis)
def analysis_data(result: OutcomeAnalysis) -> str:
    """The analysis of an outcome as one JSON object (sorted keys), with a newline.

    Parameters
    ----------
    result : OutcomeAnalysis
        What `civicgrants.pb.analysis.analyse_outcome()` measured.

    Returns
    -------
    str
        An object with ``satisfaction`` (``sat``, ``voters``, ``total``,
        ``mean``, ``gini``, ``positive``, ``non_empty_handed`` and
        ``histogram`` with ``counts`` and ``top``), ``fair_share``
        (``voters``, ``counted``, ``distance``, ``capped_ratio``),
        ``categories`` (``categories``, ``funded``, ``wanted``,
        ``mean_square`` and ``score``, a float as pabutools gives it; null when
        undefined) and ``categories_note`` (why it is null). Every exact figure
        is a ratio written as a string (``"35/3"``).

    Examples
    --------
    >>> import json
    >>> from civicgrants.pb import Election
    >>> from civicgrants.pb.analysis import analyse_outcome
    >>> e = Election.from_ballots({"a": 60, "b": 40}, [["a"], ["a"], ["b"]], budget=100)
    >>> d = json.loads(analysis_data(analyse_outcome(e, ["a"])))
    >>> d["satisfaction"]["gini"], d["fair_share"]["capped_ratio"], d["categories"]
    ('1/3', '2/3', None)

    See Also
    --------
    analysis_text : the same, compactly, as text.
    """
    return json.dumps(_analysis_json(result), sort_keys=True, ensure_ascii=False) + "\n"


def _details_lines(d: MesDetails, lang: str) -> list[str]:
    """The MES purchases, one line each: rho exact, the voters' money left to the cent."""
    lines = [label(LABELS, "mes_rounds", lang).format(share=plain_amount(d.share))]
    sizes = [0] * (max(d.group) + 1 if d.group else 0)
    for g in d.group:
        sizes[g] += 1
    for k, r in enumerate(d.rounds, start=1):
        total = sum((m * n for m, n in zip(r.money, sizes, strict=True)), Fraction(0))
        row = label(LABELS, "mes_round", lang)
        lines.append(
            "  "
            + row.format(
                round=fmt.number(k, lang),
                project=r.project,
                rho=_fraction(r.rho),
                total=plain_amount(total),
                low=plain_amount(min(r.money)),
                high=plain_amount(max(r.money)),
            )
        )
    return lines


def _details_json(d: MesDetails) -> dict[str, object]:
    return {
        "group": list(d.group),
        "rounds": [
            {
                "money": [_fraction(m) for m in r.money],
                "project": r.project,
                "rho": _fraction(r.rho),
            }
            for r in d.rounds
        ],
        "share": _fraction(d.share),
    }


def _json_number(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else format(value, "f")


def outcome_data(outcome: Outcome) -> str:
    """An outcome as one JSON object (sorted keys, exact amounts as JSON numbers, no newline).

    Parameters
    ----------
    outcome : Outcome
        What a rule funded.

    Returns
    -------
    str
        The object with keys ``budget``, ``completion``, ``cost``, ``rule``,
        ``sat``, ``selected`` and ``tie_break``; ``budget`` and ``cost`` are
        integers when whole, otherwise written exactly (never through a float).
        With MES details (``details=True``), ``details`` holds ``share`` (each
        voter's starting money), ``group`` (each voter's group) and ``rounds``
        (each purchase's ``project``, ``rho`` and each group's ``money`` after
        it), every amount an exact ratio as a string (``"35/3"``). With the
        ``equalshares`` tie-break, ``seed`` and ``lot`` (the lot's order).

    Examples
    --------
    >>> from civicgrants.pb import Election, greedy
    >>> e = Election.from_ballots({"a": "2.50"}, [["a"]], budget=3)
    >>> outcome_data(greedy(e))
    '{"budget": 3, "completion": null, "cost": 2.50, "rule": "greedy", "sat": "cost", "selected": ["a"], "tie_break": "lexico"}'

    See Also
    --------
    vote_count_data : the object of a count, with a newline.
    comparison_data : two outcomes and their differences.
    """
    return _outcome_json(outcome, {})


def _outcome_json(outcome: Outcome, more: dict[str, object]) -> str:
    if outcome.details is not None:
        more = {**more, "details": _details_json(outcome.details)}
    if outcome.seed is not None:
        more = {**more, "seed": outcome.seed, "lot": list(outcome.lot)}
    body = {
        "budget": "@B",
        "completion": outcome.completion,
        "cost": "@C",
        "rule": outcome.rule,
        "sat": outcome.sat,
        "selected": list(outcome.selected),
        "tie_break": outcome.tie_break,
        **more,
    }
    text = json.dumps(body, sort_keys=True, ensure_ascii=False)
    budget, cost = _json_number(outcome.budget), _json_number(outcome.cost)
    return text.replace('"@B"', budget, 1).replace('"@C"', cost, 1)


@data_view(VoteCount)
def vote_count_data(result: VoteCount) -> str:
    r"""What ``civicgrants pb --format json`` prints: the outcome's object and a newline.

    Parameters
    ----------
    result : VoteCount
        The count.

    Returns
    -------
    str
        `outcome_data()` of the count's outcome, ending with a newline; when
        the file breaks its own META (``result.findings``), the object also has
        ``findings``, each as `civicgrants.io.findings.findings_data()`
        writes it; with certificates asked for, ``certificates`` holds
        `certificates_data()`'s object; with every tied outcome asked for,
        ``outcomes`` lists each one's project ids; with the analysis asked
        for, ``analysis`` holds `analysis_data()`'s object.

    Examples
    --------
    >>> from civicgrants.pb import Election, count
    >>> print(vote_count_data(count(Election.from_ballots({"a": 1}, [["a"]], budget=1))), end="")
    {"budget": 1, "completion": null, "cost": 1, "rule": "greedy", "sat": "cost", "selected": ["a"], "tie_break": "lexico"}
    >>> vote_count_data(count(Election.from_ballots({"a": 1}, [["a"]], budget=1)))[-2:]
    '}\n'

    See Also
    --------
    vote_count_text : the same count as text.
    outcome_data : the object without the newline.
    civicgrants.cli.pb.run : the command that prints it.
    """
    more: dict[str, object] = (
        {"findings": findings_data(result.findings)} if result.findings else {}
    )
    if result.outcomes is not None:
        more["outcomes"] = [list(o) for o in result.outcomes]
    if result.analysis is not None:
        more["analysis"] = _analysis_json(result.analysis)
    if result.certificates is None:
        return _outcome_json(result.outcome, more) + "\n"
    more["certificates"] = "@K"
    found = certificates_data(result.certificates).rstrip("\n")
    return _outcome_json(result.outcome, more).replace('"@K"', found, 1) + "\n"


def comparison_text(result: Comparison, lang: str = "en", *, file_name: str | None = None) -> str:
    r"""The demo's vote step: the election, what each rule funds, and why they differ.

    Parameters
    ----------
    result : Comparison
        Both rules on one election (`civicgrants.pb.compare()`).
    lang : str
        ``en``, ``ru``, ``kk`` or a babel locale (numbers follow it).
    file_name : str, optional
        The pabulib file the election came from, named before its figures.

    Returns
    -------
    str
        The step, opened by a blank line and the ``====`` rule, ending with a newline.

    Examples
    --------
    >>> from civicgrants.pb import Election, compare
    >>> e = Election.from_ballots({"a": 60, "b": 50, "c": 40}, [["a"], ["a"], ["b", "c"], ["c"]], budget=100)
    >>> print(comparison_text(compare(e), "en", file_name="x.pb").split("\n", 3)[3], end="")
      x.pb (pabulib open data): 4 approval ballots, 3 projects, budget 100
      greedy: funds a, c for 100
      equal shares (MES): funds c for 40
      why they differ: MES skips a: supporters hold 50, less than the cost 60

    See Also
    --------
    comparison_data : the same comparison as JSON.
    civicgrants.pb.counting.compare : makes the comparison.
    civicgrants.cli.pb.demo : prints this step for the shipped pabulib file.
    """
    source = label(LABELS, "source", lang).format(file=file_name) if file_name else ""
    lines = [
        "",
        RULE,
        label(LABELS, "step", lang),
        "  "
        + source
        + label(LABELS, "election", lang).format(
            voters=fmt.number(result.n_voters, lang),
            ballots=label(LABELS, f"ballots_{result.vote_type}", lang),
            projects=fmt.number(result.n_projects, lang),
            budget=_amount(result.budget, lang),
        ),
    ]
    for outcome in (result.greedy, result.equal_shares):
        lines.append(
            "  "
            + label(LABELS, "funds", lang).format(
                rule=label(LABELS, f"rule_{outcome.rule}", lang),
                projects=", ".join(outcome.selected),
                cost=_amount(outcome.cost, lang),
            )
        )
    for d in result.differences:
        lines.append(
            "  "
            + label(LABELS, "differs", lang).format(
                rule=label(LABELS, f"skipper_{d.skipped_by}", lang),
                project=d.project,
                reason=reason_text(d.reason, lang),
            )
        )
    return "\n".join(lines) + "\n"


text_view(Comparison)(comparison_text)  # registered apart, so its file_name stays typed


@data_view(Comparison)
def comparison_data(result: Comparison) -> str:
    """Both outcomes and the differences as one JSON object (sorted keys), with a newline.

    Parameters
    ----------
    result : Comparison
        Both rules on one election (`civicgrants.pb.compare()`).

    Returns
    -------
    str
        An object with ``differences`` (each with ``project``, ``reason`` and
        ``skipped_by``), ``equal_shares`` and ``greedy`` (each as
        `outcome_data()`), ending with a newline.

    Examples
    --------
    >>> from civicgrants.pb import Election, compare
    >>> print(comparison_data(compare(Election.from_ballots({"a": 1}, [["a"]], budget=1))), end="")
    {"differences": [], "equal_shares": {"budget": 1, "completion": null, "cost": 1, "rule": "mes", "sat": "cost", "selected": ["a"], "tie_break": "lexico"}, "greedy": {"budget": 1, "completion": null, "cost": 1, "rule": "greedy", "sat": "cost", "selected": ["a"], "tie_break": "lexico"}}

    See Also
    --------
    comparison_text : the same comparison as text.
    outcome_data : the object of one outcome.
    """
    differences = json.dumps(
        [
            {"project": d.project, "reason": d.reason, "skipped_by": d.skipped_by}
            for d in result.differences
        ],
        ensure_ascii=False,
    )
    return (
        f'{{"differences": {differences}, "equal_shares": {outcome_data(result.equal_shares)}, '
        f'"greedy": {outcome_data(result.greedy)}}}\n'
    )


def _measures_line(m: ApprovalMeasures, lang: str) -> str:
    distribution = ", ".join(
        label(LABELS, "measure_k", lang).format(k=fmt.number(k, lang), voters=fmt.number(v, lang))
        for k, v in m.winners
    )
    return label(LABELS, "measures", lang).format(
        mean=_share(m.mean_winners, lang),
        distribution=distribution,
        non_empty=_percent(m.non_empty_share, lang),
        budget_share=_percent(m.mean_budget_share, lang),
    )


def _percent(value: float, lang: str) -> str:
    return _share(value * 100, lang) + "%"


def _voters(group: tuple[int, ...], lang: str) -> str:
    shown = ", ".join(str(i) for i in group[:12])
    return shown if len(group) <= 12 else f"{shown} … ({fmt.number(len(group), lang)})"


@text_view(Certificates)
def certificates_text(result: Certificates, lang: str = "en") -> str:
    """The proportionality certificates of an outcome as text: one line per axiom, then the measures.

    Parameters
    ----------
    result : Certificates
        What `civicgrants.pb.check()` found.
    lang : str, optional
        ``en`` (default), ``ru`` or ``kk``: the reasons are worded by `reason_text()`.

    Returns
    -------
    str
        A headline, each axiom's answer and reason (with the violating voters when
        it fails, the payments' count when a price system is found), and the
        equalshares.net measures; ends with a newline.

    Examples
    --------
    >>> from civicgrants.pb import Election, check
    >>> e = Election.from_ballots({"a": 60, "b": 40}, [["a"], ["a"], ["b"]], budget=100)
    >>> print(certificates_text(check(e, ["a"], checks=["ejr", "ejr+"])), end="")
    proportionality of 1 funded projects (60 of 100), 3 voters:
      EJR: yes — every one of the 1 project sets T a group can be cohesive over was examined: in every cohesive group some member gets at least cost(T)
      EJR+ up to one project: yes — for none of the 1 unfunded projects costing more than 0 could a group of its supporters pay for it from their share of the budget on top of what each already gets
    approved funded projects per voter: mean 0.67 (0: 1, 1: 2); 66.67% of voters approve at least one; mean share of the budget spent on what a voter approved: 40.00%

    See Also
    --------
    certificates_data : the same as JSON.
    """
    lines = [
        label(LABELS, "cert_head", lang).format(
            funded=fmt.number(len(result.selected), lang),
            cost=_amount(result.cost, lang),
            budget=_amount(result.budget, lang),
            voters=fmt.number(result.voters, lang),
        )
    ]
    for c in result.certificates:
        lines.append(
            "  "
            + label(LABELS, "cert_row", lang).format(
                axiom=label(LABELS, f"ax_{c.axiom}", lang),
                verdict=label(LABELS, f"v_{verdict(c.holds)}", lang),
                reason=reason_text(c.reason, lang, CERTIFICATE_REASONS),
            )
        )
        if c.group:
            lines.append(
                "    " + label(LABELS, "cert_group", lang).format(voters=_voters(c.group, lang))
            )
        if c.voter_budget is not None and c.holds:
            lines.append(
                "    "
                + label(LABELS, "cert_payments", lang).format(
                    count=fmt.number(len(c.payments), lang), budget=_fraction(c.voter_budget)
                )
            )
    lines.append(_measures_line(result.measures, lang))
    return "\n".join(lines) + "\n"


def _fraction(value: Fraction) -> str:
    """An exact ratio for JSON and text: ``7`` or ``35/3``."""
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )


def _certificate_json(c: Certificate) -> dict[str, object]:
    return {
        "axiom": c.axiom,
        "examined": c.examined,
        "group": list(c.group),
        "holds": c.holds,
        "numbers": dict(c.numbers),
        "payments": [[i, p, _fraction(a)] for i, p, a in c.payments],
        "projects": list(c.projects),
        "reason": c.reason,
        "voter_budget": None if c.voter_budget is None else _fraction(c.voter_budget),
    }


@data_view(Certificates)
def certificates_data(result: Certificates) -> str:
    """The certificates as one JSON object (sorted keys), with a newline.

    Parameters
    ----------
    result : Certificates
        What `civicgrants.pb.check()` found.

    Returns
    -------
    str
        An object with ``budget`` and ``cost`` (exact JSON numbers),
        ``certificates`` (each with ``axiom``, ``holds`` — true, false or null
        for undecided —, ``reason``, ``group``, ``projects``, ``numbers``,
        ``examined``, ``voter_budget`` and ``payments`` as ``[voter, project,
        amount]``, exact ratios written as strings such as ``"35/3"``), ``limit``,
        ``measures``, ``selected`` and ``voters``.

    Examples
    --------
    >>> import json
    >>> from civicgrants.pb import Election, check
    >>> e = Election.from_ballots({"a": 60, "b": 40}, [["a"], ["a"], ["b"]], budget=100)
    >>> d = json.loads(certificates_data(check(e, ["b"], checks=["ejr"])))
    >>> d["certificates"][0]["holds"], d["certificates"][0]["group"], d["measures"]["non_empty"]
    (False, [0, 1], 1)

    See Also
    --------
    certificates_text : the same as text.
    civicgrants.pb.certificates.check : makes the certificates.
    """
    m = result.measures
    body = {
        "budget": "@B",
        "certificates": [_certificate_json(c) for c in result.certificates],
        "cost": "@C",
        "limit": result.limit,
        "measures": {
            "mean_budget_share": m.mean_budget_share,
            "mean_winners": m.mean_winners,
            "non_empty": m.non_empty,
            "non_empty_share": m.non_empty_share,
            "voters": m.voters,
            "winners": [list(x) for x in m.winners],
        },
        "selected": list(result.selected),
        "voters": result.voters,
    }
    text = json.dumps(body, sort_keys=True, ensure_ascii=False)
    budget, cost = _json_number(result.budget), _json_number(result.cost)
    return text.replace('"@B"', budget, 1).replace('"@C"', cost, 1) + "\n"
