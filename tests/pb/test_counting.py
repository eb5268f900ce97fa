"""``count`` and ``compare``: the one call of the ``pb`` command and the demo's comparison."""

from __future__ import annotations

from decimal import Decimal

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
