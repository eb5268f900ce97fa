"""The voters' satisfaction summary with satisfactions that are not additive."""

from __future__ import annotations

import pytest

from civicgrants.errors import ValidationError
from civicgrants.pb import Election, count, satisfaction_summary


def test_cc_counts_a_voter_covered_once() -> None:
    e = Election.from_ballots(
        {"a": 60, "b": 50, "c": 40}, [["a"], ["a", "b"], ["c"], []], budget=100
    )
    s = satisfaction_summary(e, ["a"], "cc")
    assert (s.counted, s.zero, s.full) == (3, 1, 2)


def test_cc_on_points_is_the_best_funded_points() -> None:
    e = Election.from_ballots({"a": 60, "b": 50}, [{"a": 2, "b": 1}, {"b": 3}], budget=60)
    vc = count(e, sat="cc")
    assert vc.outcome.selected == ("b",)
    assert vc.satisfaction.mean_share == 0.75  # 1 of 2, and 3 of 3


def test_cost_sqrt_share_is_the_root_of_the_cost_share() -> None:
    e = Election.from_ballots({"a": 36, "b": 64}, [["a", "b"]], budget=36)
    assert satisfaction_summary(e, ["a"], "cost_sqrt").mean_share == 0.6  # 6 of 10


def test_other_rules_refuse_a_satisfaction_not_additive() -> None:
    e = Election.from_ballots({"a": 1}, [["a"]], budget=1)
    with pytest.raises(ValidationError, match="not additive"):
        count(e, rule="mes", sat="cost_log")
