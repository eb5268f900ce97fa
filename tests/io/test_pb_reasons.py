"""The rules' and certificates' reasons in ru and kk (`civicgrants.io.views.pb.reason_text`, issue 16)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from civicgrants.io.labels import tr
from civicgrants.io.pabulib import read_pb
from civicgrants.io.views.pb import CERTIFICATE_REASONS, LABELS, REASONS, reason_text
from civicgrants.pb import Election, check, count
from civicgrants.pb.outcome import Outcome
from civicgrants.pb.rules.composition import complete_by_rules, exhaust_by_budget_increase
from civicgrants.pb.rules.cstv import cstv
from civicgrants.pb.rules.phragmen import phragmen

DATA = Path(__file__).resolve().parents[1] / "data" / "pabulib"
LATIN = re.compile(r"[A-Za-z]{3,}")
NUMBER = re.compile(r"-?\d+(?:[./]\d+)*(?:e[+-]?\d+)?")


def _latin(text: str) -> list[str]:
    """The Latin words of a text but its placeholders and the symbols rho and cost/k."""
    return LATIN.findall(re.sub(r"\{\w+\}|rho|cost/k", " ", text))


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_reason_form_is_translated(lang: str) -> None:
    assert len(REASONS) >= 40
    for pattern, msgid in REASONS:
        text = tr(msgid, lang)
        assert text != msgid, msgid
        assert _latin(text) == [], (msgid, text)
        # each value the pattern reads is shown, and only those
        assert _fields(text) == _fields(msgid) == set(pattern.groupindex), msgid


# one reason of every form, as the rules write them
EXAMPLES = [
    "fits: 60 of 100 left",
    "adds the most satisfaction per unit of cost (7/3 (~2.33333)); fits: 60 of 100 left",
    "cost 120 exceeds the whole budget 100",
    "bought at load 2600/151 (~17.2185): 5200 shared by its 302 supporters",
    "next at load 604/3 (~201.333), but its cost 64149 exceeds the 3779 left: the rule stops",
    "next at load inf, but its cost 150000 exceeds the 4755 left: the rule stops",
    "not reached: the rule stopped when 1604 did not fit",
    "next load 5/2 (~2.5) exceeds the largest load allowed, 2",
    "the largest load is then 2400/7 (~342.857), the least any project allows; fits: 48000 of "
    "51779 left",
    "in the optimal set: satisfaction 31008276",
    "not in the optimal set (total satisfaction 7/2 (~3.5)): satisfaction 1/2 (~0.5), cost 5200",
    "cost 5200 exceeds the 3000 to fill",
    "no ballots were cast",
    "free and valued by someone: funded first",
    "funded beforehand (initial)",
    "no voter's satisfaction depends on it",
    "costs 0 and is valued: funded first",
    "no voter values it",
    "rank 2: voters' weight 5570601/125860 (~44.2603) reaches the quota 34645/1173 (~29.5354) "
    "(n 1189 x cost 33800 / budget 1360680)",
    "up to rank 4: voters' weight 680639/15624 (~43.5637) stays below the quota 297250/1173 "
    "(~253.41)",
    "no ballots: nothing is funded",
    "donations 40/3 (~13.3333) reach the cost 10; the excess 10/3 (~3.33333) moves to its "
    "donors' other projects",
    "donations 10 reach the cost 10; nothing is passed on",
    "last project left: donations 55/2 (~27.5) fall short of the cost 40; eliminated",
    "least excess support: donations 9 - cost 60 = -51; eliminated, its donations move to its "
    "donors' other projects",
    "taken back: cost 30 fits in the 75/2 (~37.5) the donors have left",
    "not taken back: cost 50 exceeds the 15/2 (~7.5) the donors have left",
    "donations 3 fall short of the cost 7, and its donors do not hold it in all: the count stops",
    "no project reaches its cost: its donors move ~1.5e-07 from their other donations to it "
    "(it had 4 of 9/2 (~4.5))",
    "funded before the rules ran: cost 64149",
    "not funded: the budget 100 is already above the bound 90",
    "not funded: greedy at budget 110 already spends 120, more than the budget",
    "greedy at budget 110 funds it too, but that outcome costs 120, more than the budget 100",
    "mes at budget 100: round 1: lowest payment per unit of satisfaction (rho=0.25) among "
    "affordable projects",
    "phragmen at budget 110: cost 60 exceeds the 50 left",
]


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("reason", EXAMPLES)
def test_each_reason_keeps_its_numbers(reason: str, lang: str) -> None:
    text = reason_text(reason, lang)
    assert _latin(text) == [], text
    assert sorted(NUMBER.findall(text)) == sorted(NUMBER.findall(reason))
    assert reason_text(reason, "en") == reason


def test_a_composition_reason_is_translated_inside() -> None:
    inner = "round 1: lowest payment per unit of satisfaction (rho=0.25) among affordable projects"
    assert reason_text(f"mes at budget 100: {inner}", "ru") == (
        "метод равных долей при бюджете 100: " + reason_text(inner, "ru")
    )
    assert reason_text("greedy at budget 110: cost 60 exceeds the 50 left", "ru") == (
        "жадный при бюджете 110: стоимость 60 превышает остаток 50"
    )
    assert reason_text("not funded: greedy at budget 110 already spends 120, more than the budget", "ru") == (
        "не профинансирован: жадный при бюджете 110 уже тратит 120, больше бюджета"
    )  # fmt: skip
    assert reason_text("next at load inf, but its cost 9 exceeds the 4 left: the rule stops", "ru") == (
        "следующий при нагрузке ∞, но его стоимость 9 превышает остаток 4: правило останавливается"
    )  # fmt: skip
    assert reason_text("greedy at budget 110: unknown words", "ru") == (
        "жадный при бюджете 110: unknown words"  # a reason of no known form is kept
    )


def _outcomes() -> list[Outcome]:
    """Outcomes of every rule, with most of the rare cases (free projects, limits, no ballots)."""
    zerzen = read_pb(DATA / "poland_warszawa_2018_zerzen.pb")
    even = read_pb(DATA / "synthetic" / "cstv_even_points.pb")
    free = Election.from_ballots({"a": 0, "b": 5, "z": 3}, [["a", "b"], ["b"]], budget=6)
    big = Election.from_ballots({"a": 9, "b": 2, "c": 3}, [["a", "b"], ["b", "c"], ["c"]], budget=5)
    small = Election.from_ballots({"a": 4, "b": 3}, [["a"], ["b"]], budget=5)
    out = [
        count(zerzen, rule=rule).outcome
        for rule in ("greedy", "mes", "phragmen", "maximin_support", "max_welfare", "ees")
    ]
    out += [count(free, rule=rule, sat="cardinality").outcome for rule in ("mes", "ees")]
    out += [count(big, rule=rule).outcome for rule in ("phragmen", "maximin_support")]
    out += [cstv(even, variant=v) for v in ("ewt", "ewtc", "mt")]
    out += [
        count(zerzen, rule="mes", initial=["1604"]).outcome,
        count(zerzen, rule="mes_bounded", bounds={"sport": (50000, None)}).outcome,
        count(zerzen, rule="mes_bounded", bounds={"culture": (None, 10000)}).outcome,
        count(small, rule="greedy", sat="cc").outcome,
        count(Election.from_ballots({"a": 4}, [], budget=5), rule="mes").outcome,
        count(big, rule="max_welfare", initial=["b"]).outcome,
        phragmen(big, max_load=1),
        count(read_pb(DATA / "poland_krakow_2021_swoszowice.pb"), rule="pb_ear").outcome,
        complete_by_rules(zerzen, ["mes", "greedy"], initial=["1604"]),
        exhaust_by_budget_increase(zerzen, "greedy", step=1000, exhaustive_stop=False),
        exhaust_by_budget_increase(zerzen, "mes", step=1000, bound=100),
    ]
    return out


def _forms(reason: str) -> set[str]:
    """The forms a reason is of: its own and, in a composition, its inner reason's."""
    for pattern, msgid in REASONS:
        if match := pattern.fullmatch(reason):
            inner = match.groupdict().get("reason")
            return {msgid} | (_forms(inner) if inner else set())
    raise AssertionError(f"a reason of no known form: {reason}")


def test_every_reason_the_rules_give_is_translated() -> None:
    seen: set[str] = set()
    for outcome in _outcomes():
        for d in outcome.decisions:
            for lang in ("ru", "kk"):
                text = reason_text(d.reason, lang)
                # a group of projects is named as the file names it
                assert _latin(re.sub("sport|culture", "", text)) == [], (
                    outcome.rule,
                    d.reason,
                    text,
                )
            seen |= _forms(d.reason)
    # every form but PB-EAR's empty vote and a budget increase whose first run overspends
    # (the examples above have those)
    assert len(seen) >= len(REASONS) - 2, [m for _, m in REASONS if m not in seen]


# the certificates' reasons (`CERTIFICATE_REASONS`): names that stay as they are in every
# language: the axioms' acronyms, the LP solver, the extra to install and its command
CERT_NAMES = re.compile(r"EJR|PJR|HiGHS|'solver'|pip install 'civicgrants\[solver\]'")


def _cert_latin(text: str) -> list[str]:
    return _latin(CERT_NAMES.sub(" ", text))


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_certificate_reason_form_is_translated(lang: str) -> None:
    assert len(CERTIFICATE_REASONS) >= 24
    msgids = [msgid for _, msgid in CERTIFICATE_REASONS]
    assert len(set(msgids)) == len(msgids)
    assert not set(msgids) & {msgid for _, msgid in REASONS}  # one home for each form
    for pattern, msgid in CERTIFICATE_REASONS:
        text = tr(msgid, lang)
        assert text != msgid, msgid
        assert _cert_latin(text) == [], (msgid, text)
        assert _fields(text) == _fields(msgid) == set(pattern.groupindex), msgid


def _certificates() -> list[str]:
    """The reasons `check()` gives: every axiom holding and failing, by counting and by an LP."""
    zerzen = read_pb(DATA / "poland_warszawa_2018_zerzen.pb")
    ballots = Election.from_ballots
    cases = [
        (zerzen, count(zerzen, rule=rule).outcome.selected)
        for rule in ("mes", "greedy", "max_welfare")
    ]
    cases += [
        (ballots({"a": 60, "b": 60}, [["a"], ["b"]], budget=100), ["a", "b"]),  # over budget
        (ballots({"a": 60, "z": 10}, [["a"], ["a"]], budget=100), ["a", "z"]),  # z unapproved
        # c's supporters keep too much: each holds the equal share; or what a alone costs
        (ballots({"a": 50, "c": 10}, [["a"], ["c"]], budget=100), ["a"]),
        (ballots({"a": 90, "c": 10}, [["a"], ["c"], ["c"], ["c"]], budget=100), ["a"]),
        (ballots({"a": 4}, [], budget=5), []),
        (ballots({"a": 4}, [], budget=0), []),
    ]
    reasons = [c.reason for e, o in cases for c in check(e, o).certificates]
    mes = count(zerzen, rule="mes").outcome
    return reasons + [c.reason for c in check(zerzen, mes, limit=1).certificates]


# the LP's rarer answers, as `check()` words them; the solver's own message is kept as it is
SOLVER_SAYS = "Iteration limit reached. (HiGHS Status 14)"
CERTIFICATE_EXAMPLES = [
    "undecided: priceability needs an LP solver, the 'solver' extra: pip install "
    "'civicgrants[solver]'",
    f"undecided: the LP solver stopped ({SOLVER_SAYS})",
    "undecided: the LP did not settle",
    "undecided: the LP's price system pays nothing for 1423 once rounded",
    "undecided: the LP (HiGHS) finds a price system, but rounded exactly the supporters of "
    "1423 keep 52191/226 (~230.934), more than its cost 200 (a price system with no room to "
    "spare)",
]


def _certificate_forms(reason: str) -> set[str]:
    for pattern, msgid in CERTIFICATE_REASONS:
        if match := pattern.fullmatch(reason):
            inner = match.groupdict().get("reason")
            return {msgid} | (_certificate_forms(inner) if inner else set())
    raise AssertionError(f"a certificate's reason of no known form: {reason}")


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_certificate_reason_is_translated_with_its_numbers(lang: str) -> None:
    seen: set[str] = set()
    for reason in [*_certificates(), *CERTIFICATE_EXAMPLES]:
        text = reason_text(reason, lang, CERTIFICATE_REASONS)
        assert _cert_latin(text.replace(SOLVER_SAYS, "")) == [], (reason, text)
        assert sorted(NUMBER.findall(text)) == sorted(NUMBER.findall(reason)), (reason, text)
        assert reason_text(reason, "en", CERTIFICATE_REASONS) == reason
        seen |= _certificate_forms(reason)
    assert seen == {msgid for _, msgid in CERTIFICATE_REASONS}


def test_a_certificate_reason_words_its_axiom_and_inner_reason() -> None:
    stopped = "undecided: the search stopped at its limit of 1 sets before finding a violation of "
    assert reason_text(stopped + "EJR up to one project", "ru", CERTIFICATE_REASONS) == (
        "не решено: поиск остановился на пределе в 1 множеств, не найдя нарушения свойства "
        f"«{tr(LABELS['ax_ejr1']['en'], 'ru')}»"
    )
    bound = (
        "each voter must hold at least 90 (the 1 voters approving a alone pay for a); the 3 "
        "voters approving the unfunded c then hold at least 270, the funded projects any of "
        "them approves cost 0, so they keep at least 270, more than its cost 10"
    )
    assert reason_text(bound, "ru", CERTIFICATE_REASONS).startswith(
        "у каждого избирателя должно быть не меньше 90 (избиратели, одобряющие a (их 1), "
        "одни платят за a); "
    )
    # a rule's reason is not a certificate's, nor the other way round
    assert reason_text("fits: 60 of 100 left", "ru", CERTIFICATE_REASONS) == "fits: 60 of 100 left"
    assert reason_text("no voters to hold the budget", "ru") == "no voters to hold the budget"
