"""Results in one unit: a Flip's grant is Money; a satisfaction summary reads the outcome."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicgrants.model.money import Money
from civicgrants.pb.counting import run_rule
from civicgrants.pb.satisfaction import satisfaction_summary
from civicgrants.testing.vote import elections


def test_flip_granted_is_money_in_the_calls_currency() -> None:
    from civicgrants.datasets.synthetic_round import synthetic_round
    from civicgrants.scoring import decide
    from civicgrants.scoring.robustness import sensitivity

    call, sheet = synthetic_round()
    decision = decide(call, sheet)
    flips = sensitivity(call, sheet, decision, draws=50, near=2)
    assert flips
    granted = {e.application: e.granted for e in decision.entries}
    for f in flips:
        assert isinstance(f.granted, Money)
        assert f.granted == granted[f.application_id]
        assert f.funded == (f.granted.amount > 0)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(elections(), st.sampled_from(["greedy", "mes"]))
def test_satisfaction_of_an_outcome_is_that_of_its_selection(election: object, rule: str) -> None:
    outcome = run_rule(election, rule)  # type: ignore[arg-type]
    by_outcome = satisfaction_summary(election, outcome)  # type: ignore[arg-type]
    by_ids = satisfaction_summary(election, outcome.selected, outcome.sat)  # type: ignore[arg-type]
    assert by_outcome == by_ids
    assert by_outcome.sat == outcome.sat
