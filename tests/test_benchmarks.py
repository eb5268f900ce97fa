"""The benchmarks' builders make what they say (the timings themselves are never tested)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from benchmarks import bench_dossier, bench_round

from civicgrants.dossier import audit, check_final_report
from civicgrants.io.workspace import dump_round, load_round
from civicgrants.model.money import Money
from civicgrants.round import round_status


def test_dossier_benchmark_builds_the_asked_for_sizes() -> None:
    assert (bench_dossier.TASKS * bench_dossier.PER_TASK, bench_dossier.LINES) == (200, 5000)
    assert bench_dossier.INDICATORS == 500
    dossier = bench_dossier.build_dossier(tasks=2, per_task=3, lines=60, indicators=20)
    content, budget = dossier.content, dossier.estimate.budget
    activities = [a.code for a in content.activities]
    assert activities == ["T1.A1", "T1.A2", "T1.A3", "T2.A1", "T2.A2", "T2.A3"]
    assert len(budget.lines) == 60
    assert len(content.monitoring) == 20
    assert bench_dossier.build_dossier(tasks=2, per_task=3, lines=60, indicators=20) == dossier
    assert [r.key for r in content.calendar.activities] == activities
    assert sorted(r.activity for r in budget.rows if r.activity is not None) == activities
    assert {i.ref for i in content.monitoring} <= {*activities, "T1", "T2"}
    found = {f.code for f in audit(dossier).findings}
    assert "activity-without-months" not in found and "indicator-unknown-ref" not in found

    report = bench_dossier.build_report(dossier, mentions=10)
    assert len(report.indicators.rows) == 20 and len(report.indicators.mentions) == 10
    assert report.finances is not None and len(report.finances.lines) == 60
    check = check_final_report(report, dossier)
    assert (check.rows, check.linked, check.planned) == (20, 20, 20)


def test_round_benchmark_builds_the_asked_for_sizes(tmp_path: Path) -> None:
    assert (bench_round.APPLICATIONS, bench_round.AGREEMENTS) == (1000, 300)
    assert (bench_round.TRANCHES, bench_round.LOCALITIES) == (3, 20)
    r = bench_round.build_round(60, 20, localities=5, members=3)
    call = r.call
    assert len(call.applications) == 60 and len(call.members) == 3
    assert r.programme is not None and len(r.programme.localities) == 5
    assert {a.locality for a in call.applications} <= {loc.id for loc in r.programme.localities}
    # every member scores every application on every criterion
    assert r.scores is not None
    cells = Counter((s.application, s.member, s.criterion) for s in r.scores.scores)
    assert len(cells) == len(r.scores.scores) == 60 * 3 * len(bench_round.CRITERIA)
    assert all(s.score is not None for s in r.scores.scores)

    assert len(r.agreements) == 20 and len(r.reports) == 20
    assert all(len(a.tranches) == bench_round.TRANCHES for a in r.agreements)
    assert all(a.award == Money.sum(t.amount for t in a.tranches) for a in r.agreements)
    assert {rep.agreement.number for rep in r.reports} == {a.number for a in r.agreements}
    states = Counter(a.status.value for a in r.agreements)
    assert states == {"draft": 2, "signed": 2, "active": 8, "terminated": 2, "closed": 6}
    paid = Counter(len({d.tranche for d in a.disbursements}) for a in r.agreements)
    assert paid == {0: 4, 1: 4, 2: 2, 3: 10}  # tranches paid from, in full or (t3) in part

    status = round_status(r, on=bench_round.ON)
    funnel = {s.key: s.count for s in status.funnel}
    assert funnel["applications"] == 60 and funnel["funded"] == 20
    assert funnel["contracted"] == 18 and funnel["closed"] == 6
    assert any(o.kind == "tranche" for o in status.overdue)

    assert bench_round.build_round(60, 20, localities=5, members=3) == r  # deterministic
    written = dump_round(r, tmp_path / "round")
    assert len(written.files) == 4 + 20 + 20
    assert bench_round.json_floor(written.folder) == len(written.files)
    loaded = load_round(written.folder)
    assert (loaded.call, loaded.agreements, loaded.reports) == (r.call, r.agreements, r.reports)


def test_round_benchmark_finds_or_names_the_html_report() -> None:
    render, label = bench_round.html_renderer()
    assert (render is None) == label.startswith("not available")


def test_the_pb_benchmark_child_counts_what_the_rule_counts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`bench_pb --more` times each side in a child (`run_child`); ours prints the rule's own selection."""
    import json

    from benchmarks import bench_pb

    from civicgrants.io.pabulib import read_pb
    from civicgrants.pb import max_welfare

    path = Path(__file__).parent / "data" / "pabulib" / "poland_warszawa_2018_zerzen.pb"
    bench_pb.run_child("ours", str(path), "max_welfare", "approval")
    out = json.loads(capsys.readouterr().out)
    assert tuple(out["selected"]) == max_welfare(read_pb(path)).selected
    assert out["parse"] > 0 and out["rule"] >= 0
