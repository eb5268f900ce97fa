"""The dedicated oracle run (tests/pb/oracle_run.py) at a small size; 10^5 by hand."""

from __future__ import annotations

import numpy as np
import pytest

from civicgrants.pb import equal_shares
from tests.pb.oracle import random_election
from tests.pb.oracle_run import RULES, compare, run

pytest.importorskip("pabutools")


@pytest.mark.parametrize("rule", RULES)
def test_a_small_run_finds_no_mismatch(rule: str) -> None:
    r = run(rule, 150, seed=1)
    assert r.n == 150
    assert r.mismatches == ()


def test_elections_are_replayable_and_varied() -> None:
    a = [random_election(np.random.default_rng([3, i])) for i in range(60)]
    b = [random_election(np.random.default_rng([3, i])) for i in range(60)]
    assert [(e.project_ids, e.costs, e.budget, e.vote_type, e.n_voters) for e in a] == [
        (e.project_ids, e.costs, e.budget, e.vote_type, e.n_voters) for e in b
    ]
    assert {e.vote_type for e in a} == {"approval", "cumulative", "ordinal"}
    # tie-heavy: some election has two projects of the same cost
    assert any(len(set(e.costs)) < len(e.costs) for e in a)
    # and some outcome leaves part of the budget unspent, so completions have work to do
    assert any(equal_shares(e).cost < e.budget for e in a)


def test_a_mismatch_would_be_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.pb.oracle_run as oracle_run

    monkeypatch.setattr(oracle_run, "pabutools_select", lambda *a, **k: ("nothing",))
    assert compare("greedy", 1, 0) is not None
    assert run("greedy", 3, seed=1).mismatches
