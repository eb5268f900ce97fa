"""The benchmarks' builders make what they say (the timings themselves are never tested)."""

from __future__ import annotations

from benchmarks import bench_dossier

from civicgrants.dossier import audit, check_final_report


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
