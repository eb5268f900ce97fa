"""``count`` and ``compare``: the one call of the ``pb`` command and the demo's comparison."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from civicgrants.errors import ValidationError
from civicgrants.pb import Election, compare, count, equal_shares, greedy, satisfaction_summary


@pytest.fixture
def election() -> Election:
    return Election.from_ballots(
        {"a": 60, "b": 50, "c": 40}, [["a"], ["a"], ["b", "c"], ["c"]], budget=100
    )


def test_count_is_the_rule_and_the_summary(election: Election) -> None:
    for rule, outcome in (("greedy", greedy(election)), ("mes", equal_shares(election))):
        result = count(election, rule=rule)
        assert result.outcome == outcome
        assert result.satisfaction == satisfaction_summary(election, outcome.selected)
        assert result.n_projects == 3 and result.n_voters == 4
        assert result.cost_of("b") == Decimal(50)
        assert not result.has_errors


def test_completion_with_greedy_is_refused(election: Election) -> None:
    with pytest.raises(ValidationError, match="add1 applies to the rule mes only"):
        count(election, completion="add1")
    with pytest.raises(ValidationError, match="rule: must be one of greedy, mes"):
        count(election, rule="borda")
    assert count(election, rule="mes", completion="utilitarian").outcome.completion == "utilitarian"


def test_compare_explains_each_difference(election: Election) -> None:
    c = compare(election)
    assert c.greedy.selected == ("a", "c") and c.equal_shares.selected == ("c",)
    assert [(d.project, d.skipped_by) for d in c.differences] == [("a", "mes")]
    assert c.differences[0].reason == equal_shares(election).explain("a")[0].reason
    assert c.budget == Decimal(100) and c.vote_type == "approval"


ZERZEN = Path(__file__).resolve().parents[1] / "data" / "pabulib" / "poland_warszawa_2018_zerzen.pb"


@pytest.fixture(scope="module")
def zerzen() -> Election:
    from civicgrants.io.pabulib import read_pb

    return read_pb(ZERZEN)


def test_exact_equal_shares_is_counted_with_its_completion(zerzen: Election) -> None:
    from civicgrants.pb.rules.exact_equal_shares import exact_equal_shares

    plain = count(zerzen, rule="ees")
    assert plain.outcome == exact_equal_shares(zerzen)
    assert plain.outcome.selected == ("1423", "198")
    opt = count(zerzen, rule="ees", completion="add_opt")
    assert opt.outcome == exact_equal_shares(zerzen, completion="add_opt")
    assert opt.outcome.selected == ("1676", "1423", "198") and opt.outcome.completion == "add_opt"
    assert opt.satisfaction == satisfaction_summary(zerzen, opt.outcome.selected)
    with pytest.raises(ValidationError, match="add_opt applies to the rule ees only, not mes"):
        count(zerzen, rule="mes", completion="add_opt")
    with pytest.raises(ValidationError, match="add1 applies to the rule mes only, not ees"):
        count(zerzen, rule="ees", completion="add1")
    with pytest.raises(ValidationError, match="initial: the rule ees starts from nothing"):
        count(zerzen, rule="ees", initial=["199"])


def test_bounded_mes_is_counted_with_its_groups_and_bounds(zerzen: Election) -> None:
    from civicgrants.pb.rules.mes_bounds import equal_shares_bounded

    bounds = {"sport": (Decimal(50000), None)}
    result = count(zerzen, rule="mes_bounded", bounds=bounds)
    assert result.outcome == equal_shares_bounded(zerzen, bounds=bounds)
    assert result.outcome.selected == ("1423", "198", "1676")
    # another column: the projects' target groups, culture has no project there
    with pytest.raises(ValidationError, match=r"bounds\.culture: no project is in this group"):
        count(zerzen, rule="mes_bounded", groups="target", bounds={"culture": (None, 1)})
    with pytest.raises(ValidationError, match="bounds: the rule mes_bounded needs bounds"):
        count(zerzen, rule="mes_bounded")
    with pytest.raises(ValidationError, match="bounds apply to the rule mes_bounded only"):
        count(zerzen, rule="mes", bounds=bounds)


def test_every_tied_outcome_is_the_irresolute_rule() -> None:
    from civicgrants.pb import equal_shares_all, greedy_all, max_welfare_all, phragmen_all

    e = Election.from_ballots({"a": 5, "b": 5, "c": 3}, [["a", "b"], ["a", "b", "c"]], budget=8)
    expected = {
        "greedy": greedy_all(e),
        "mes": equal_shares_all(e),
        "phragmen": phragmen_all(e),
        "max_welfare": max_welfare_all(e),
    }
    assert expected["greedy"] == (("a", "c"), ("b", "c"))
    for rule, outcomes in expected.items():
        result = count(e, rule=rule, all_outcomes=True)
        assert result.outcomes == outcomes, rule
        assert (
            tuple(sorted(result.outcome.selected)) in outcomes
        )  # the tie-broken one is among them
    assert count(e, rule="greedy").outcomes is None
    with pytest.raises(
        ValidationError, match="for the rules greedy, mes, phragmen, max_welfare only"
    ):
        count(e, rule="maximin_support", all_outcomes=True)
    with pytest.raises(ValidationError, match="no completion or add1 only, not utilitarian"):
        count(e, rule="mes", completion="utilitarian", all_outcomes=True)
    with pytest.raises(ValidationError, match="all_outcomes: every tied outcome is listed with"):
        count(e, rule="mes", details=True, all_outcomes=True)


def test_analysis_is_the_measures_of_the_outcome(zerzen: Election) -> None:
    from civicgrants.pb.analysis import (
        analyse_outcome,
        category_proportionality,
        fair_share,
        satisfaction_stats,
    )

    result = count(zerzen, rule="mes", analysis=True)
    chosen = result.outcome.selected
    a = result.analysis
    assert a is not None and a == analyse_outcome(zerzen, result.outcome)
    assert a.stats == satisfaction_stats(zerzen, chosen, "cost")
    assert a.fair_share == fair_share(zerzen, chosen)
    assert a.categories == category_proportionality(zerzen, chosen)
    assert a.categories.categories == ("culture", "education", "health", "public space", "sport")
    assert a.stats.histogram.voters == 678 and a.categories_note == ""
    assert count(zerzen, rule="mes").analysis is None
    # phragmen's outcome is measured with its own satisfaction
    assert count(zerzen, rule="phragmen", analysis=True).analysis.stats.sat == "cardinality"
    # no categories: the measure is left out, and the reason kept
    plain = count(Election.from_ballots({"a": 1}, [["a"]], budget=1), analysis=True).analysis
    assert plain is not None and plain.categories is None
    assert plain.categories_note.startswith("categories: no project has a category")


def test_composed_counts_are_the_composition(zerzen: Election) -> None:
    from civicgrants.pb.rules.composition import complete_by_rules, exhaust_by_budget_increase

    then = count(zerzen, rule="mes", then=["greedy"])
    assert then.outcome == complete_by_rules(zerzen, [("mes", {}), ("greedy", {})])
    assert then.outcome.selected == ("1423", "198", "1676", "199")
    sat = count(zerzen, rule="greedy", sat="cardinality", then=["phragmen"])
    assert sat.outcome == complete_by_rules(
        zerzen, [("greedy", {"sat": "cardinality"}), ("phragmen", {})]
    )
    up = count(zerzen, rule="mes", budget_increase=1000)
    assert up.outcome == exhaust_by_budget_increase(zerzen, ("mes", {}), step=1000)
    assert up.outcome.completion == "budget_increase" and up.outcome.cost <= zerzen.budget
    with pytest.raises(ValidationError, match="composes the rules greedy, max_welfare"):
        count(zerzen, rule="ees", then=["greedy"])
    with pytest.raises(ValidationError, match=r"then\[1\]: must be one of greedy, max_welfare"):
        count(zerzen, rule="mes", then=["greedy", "borda"])
    for step, message in (("abc", "must be a number"), ("0", "must be > 0"), (-1, "must be > 0")):
        with pytest.raises(ValidationError, match=f"budget_increase: {message}"):
            count(zerzen, rule="greedy", budget_increase=step)
    with pytest.raises(ValidationError, match="pick one"):
        count(zerzen, rule="mes", then=["greedy"], budget_increase=1)
    with pytest.raises(ValidationError, match="a composed count lists no all_outcomes"):
        count(zerzen, rule="mes", then=["greedy"], all_outcomes=True)
    for options in ({"integral": True}, {"seed": 1}, {"exhaustive_stop": False}):
        with pytest.raises(ValidationError, match="then: a composed count takes no seed"):
            count(zerzen, rule="mes", completion="add1", then=["greedy"], **options)
    assert (  # the budget increase has its own exhaustive stop
        count(zerzen, rule="greedy", budget_increase=1000, exhaustive_stop=False).outcome
        == exhaust_by_budget_increase(zerzen, ("greedy", {}), step=1000, exhaustive_stop=False)
    )
