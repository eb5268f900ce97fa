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


@pytest.mark.parametrize("rule", RULES)
def test_a_run_compares_most_of_its_elections(rule: str) -> None:
    """Skipping (pabutools cannot count the election) stays the exception, never the rule."""
    r = run(rule, 60, seed=2)
    assert r.skipped <= 60 // 5


def test_a_split_run_is_the_whole_run() -> None:
    import tests.pb.oracle_run as oracle_run

    whole = run("pb_ear", 120, seed=4)
    halves = run("pb_ear", 60, seed=4), run("pb_ear", 60, seed=4, first=60)
    assert whole.skipped == sum(h.skipped for h in halves) > 0
    assert [oracle_run.compare("cstv", 4, i) for i in range(60, 63)] == [None] * 3


def test_every_variant_and_satisfaction_is_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    """The seeded draws reach every CSTV variant and every satisfaction of the `sats` run."""
    from civicgrants.pb.rules.cstv import CSTV_VARIANTS
    from tests.pb.oracle import SAT_CLASSES

    variants = {
        CSTV_VARIANTS[int(np.random.default_rng([5, i]).integers(len(CSTV_VARIANTS)))]
        for i in range(40)
    }
    assert variants == set(CSTV_VARIANTS)
    seen: set[str] = set()
    import tests.pb.oracle_run as oracle_run

    original = oracle_run.pabutools_normaliser_fails

    def spy(e: object, sat: str) -> bool:
        seen.add(sat)
        return original(e, sat)  # type: ignore[arg-type]

    monkeypatch.setattr(oracle_run, "pabutools_normaliser_fails", spy)
    run("sats", 400, seed=5)
    assert seen == set(SAT_CLASSES)


def test_the_files_run_compares_every_rule_on_a_shipped_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The run over shipped files (tests/pb/files_run.py), on the smallest: every case the same."""
    from tests.pb.files_run import main

    assert main(["poland_zabrze_2020_maciejow", "--timeout", "120"]) == 0
    rows = [r for r in capsys.readouterr().out.splitlines()[2:] if r.strip()]
    verdicts = {tuple(c.strip() for c in r.split("|")[2:4]): r.split("|")[5].strip() for r in rows}
    assert verdicts[("greedy", "relative_cost")] == "same"
    assert verdicts[("maximin_support", "-")] == "same"
    assert all(v == "same" for v in verdicts.values()), verdicts
    rules = {rule for rule, _ in verdicts}
    assert rules == {"greedy", "mes", "phragmen", "maximin_support", "max_welfare"}
    # 11 satisfactions fit approval ballots: all under greedy, the 8 additive under MES, + 3 rules
    assert len(verdicts) == 22
