"""The report consistency audit, on the shipped seed 002 and 003 reports.

Every discrepancy of ``seed-002.md`` §8 and ``seed-003.md`` §9 is either asserted
here as a finding (code, location, key numbers) or listed in ``NEEDS_A_PERSON``
with the reason the numbers alone cannot show it (``docs/indicators-audit.md``).
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicgrants.datasets.seed_002_report import seed_002_report
from civicgrants.datasets.seed_003_report import seed_003_report
from civicgrants.indicators.report import (
    Breakdown,
    Chart,
    Mention,
    Report,
    ReportRow,
    Tally,
    TallyPart,
    audit_report,
    printed_tolerance,
)
from civicgrants.model.finding import Finding, Severity

D = Decimal


def _by(findings: tuple[Finding, ...], code: str, location: str) -> Finding:
    hits = [f for f in findings if f.code == code and f.location == location]
    assert len(hits) == 1, [str(f) for f in findings]
    return hits[0]


def test_printed_percentage_that_agrees_is_not_flagged() -> None:
    row = seed_002_report().row("1.4.1")  # «1000 респондентов, что составляет 100%»
    assert (row.planned, row.achieved, row.percent_printed) == (D(1000), D(1000), D(100))


# -- each code on a small report --------------------------------------------------------


def _row(key: str, **kw: object) -> ReportRow:
    return ReportRow(key, "Task", None, "participants", "persons", **kw)  # type: ignore[arg-type]


def test_percent_mismatch_and_tolerance() -> None:
    r = Report("t", "t", rows=[_row("r1", planned=300, achieved=301, percent_printed=D("100"))])
    assert audit_report(r) == ()  # 100.33 vs 100: within half a point
    r = Report(
        "t",
        "t",
        rows=[_row("r1", planned=150, achieved=80, percent_printed=D("80"))],
        deviation_note="low turnout",
    )
    (f,) = audit_report(r)
    assert (f.code, f.location) == ("percent-mismatch", "r1")
    assert f.numbers["percent_computed"] == D("53.3")
    assert audit_report(r, tolerance=D(30)) == ()


def test_shortfall_is_explained_by_a_deviation_note() -> None:
    row = _row("r1", planned=150, achieved=80, comparator="at_least")
    assert [f.code for f in audit_report(Report("t", "t", rows=[row], deviation_note="–"))] == [
        "unexplained-shortfall"
    ]
    assert audit_report(Report("t", "t", rows=[row], deviation_note="online format")) == ()
    capped = _row("r2", planned=10, achieved=5, comparator="at_most")
    assert audit_report(Report("t", "t", rows=[capped])) == ()


def test_brochure_events_chart() -> None:
    chart = Chart(
        "events",
        [
            ("общее", 10),
            ("Мангистауская", 7),
            ("Атырауская", 15),
            ("Атырауская (онлайн)", 16),
            ("?", 18),
        ],
        41,
        title="количество мероприятий",
        source="seed-000.md §3.3, L621-642",
    )
    (f,) = audit_report(Report("brochure", "Brochure", charts=[chart]))
    assert (f.code, f.location, f.severity) == ("chart-total-mismatch", "events", Severity.ERROR)
    assert f.numbers == {"printed_total": D(41), "parts_sum": D(66), "gap": D(25)}
    ok = Chart("participants", [("a", 87), ("b", 198), ("c", 130), ("d", 316), ("e", 76)], 807)
    assert audit_report(Report("brochure", "Brochure", charts=[ok])) == ()


def test_mention_qualifiers() -> None:
    def conflicts(*ms: Mention) -> bool:
        return bool(audit_report(Report("t", "t", mentions=ms)))

    assert not conflicts(Mention("a", "x", 301, "t"), Mention("b", "x", 300, "n", "at_least"))
    assert conflicts(Mention("a", "x", 20000, "t"), Mention("b", "x", 30000, "n", "at_least"))
    assert conflicts(Mention("a", "x", 200, "t"), Mention("b", "x", 120, "n", "at_most"))
    assert not conflicts(Mention("a", "x", 18, "t"), Mention("b", "x", 20, "n", "about"))
    assert conflicts(Mention("a", "x", 10, "t"), Mention("b", "x", 80, "n", "about"))
    assert conflicts(Mention("a", "x", 50, "t", "at_least"), Mention("b", "x", 40, "n", "at_most"))
    assert not conflicts(Mention("a", "x", 5, "t"), Mention("b", "y", 6, "n"))


def test_validation() -> None:
    with pytest.raises(ValueError, match="comparator"):
        _row("r1", comparator="roughly")
    with pytest.raises(ValueError, match="duplicates"):
        Report("t", "t", rows=[_row("r1"), _row("r1")])


# -- property ------------------------------------------------------------------------

_amounts = st.decimals(
    min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False
)


@given(st.lists(_amounts, max_size=12))
def test_a_breakdown_that_sums_is_never_flagged(values: list[Decimal]) -> None:
    total = sum(values, D(0))
    b = Breakdown("b", "dimension", total, [(f"c{i}", v) for i, v in enumerate(values)])
    c = Chart("c", [(f"c{i}", v) for i, v in enumerate(values)], total)
    assert audit_report(Report("t", "t", breakdowns=[b], charts=[c])) == ()


@given(st.lists(_amounts, min_size=1, max_size=12), _amounts)
def test_a_breakdown_that_does_not_sum_is_flagged(values: list[Decimal], total: Decimal) -> None:
    b = Breakdown("b", "dimension", total, [(f"c{i}", v) for i, v in enumerate(values)])
    findings = audit_report(Report("t", "t", breakdowns=[b]))
    assert bool(findings) == (sum(values, D(0)) != total)


def test_check_report_is_the_command_s_result() -> None:
    from civicgrants.indicators.report import check_report

    check = check_report(seed_002_report(), source="seed_002_report.json")
    assert (check.report, check.rows, check.source) == ("seed-002", 118, "seed_002_report.json")
    assert check.findings == audit_report(seed_002_report())
    assert not check.has_errors
    assert check_report(seed_003_report()).has_errors


def test_messages_write_numbers_as_plain_exact_decimals() -> None:
    r = Report(
        "r",
        "t",
        rows=[ReportRow("1", "T", None, "people", "persons", planned=D("1500000"),
                        achieved=D("800000.50"), comparator="at_least")],
        deviation_note="-",
    )  # fmt: skip
    (finding,) = audit_report(r)
    assert "800000.50 of 1500000 achieved (53.3%)" in finding.message_en


# -- issue 12: ranges, «свыше», overshoots, missing actuals, tallies ----------------------


def test_a_range_is_checked_against_both_bounds() -> None:
    def codes(achieved: int, note: str = "-") -> list[str]:
        row = _row("r", planned=30, planned_upper=35, achieved=achieved, comparator="range")
        return [f.code for f in audit_report(Report("t", "t", rows=[row], deviation_note=note))]

    assert codes(30) == codes(33) == codes(35) == []
    assert codes(29) == ["unexplained-shortfall"]
    assert codes(36) == ["above-range"]
    assert codes(36, note="the hall was bigger") == []
    (f,) = audit_report(
        Report("t", "t", rows=[_row("r", planned=50, planned_upper=100, achieved=270,
                                    comparator="range")])
    )  # fmt: skip
    assert f.numbers["excess"] == D(170)


def test_an_upper_bound_needs_a_range() -> None:
    with pytest.raises(ValueError, match="planned_upper"):
        _row("r", planned=5, planned_upper=10)
    with pytest.raises(ValueError, match="below the lower bound"):
        _row("r", planned=50, planned_upper=10, comparator="range")


def test_overshoot_threshold_is_a_parameter() -> None:
    r = Report("t", "t", rows=[_row("r", planned=100, achieved=151)])
    assert [f.code for f in audit_report(r)] == ["unexplained-overshoot"]
    assert audit_report(Report("t", "t", rows=[_row("r", planned=100, achieved=150)])) == ()
    assert audit_report(r, overshoot=D(200)) == ()
    assert audit_report(attrs_evolve(r, deviation_note="more came")) == ()
    capped = _row("r", planned=1, achieved=5, comparator="deliverable")
    assert audit_report(Report("t", "t", rows=[capped])) == ()


def attrs_evolve(r: Report, **kw: object) -> Report:
    import attrs

    return attrs.evolve(r, **kw)  # type: ignore[misc]


def test_missing_actual_needs_a_planned_number() -> None:
    (f,) = audit_report(Report("t", "t", rows=[_row("r", planned=10, achieved_text="1")]))
    assert (f.code, f.numbers) == ("missing-actual", {"planned": D(10)})
    assert "«1»" in f.message_ru
    assert audit_report(Report("t", "t", rows=[_row("r", planned_text="5/1")])) == ()


def test_more_than_excludes_the_bound_itself() -> None:
    def conflicts(*ms: Mention) -> bool:
        return bool(audit_report(Report("t", "t", mentions=ms)))

    over = Mention("b", "x", 300, "n", "more_than")
    assert conflicts(Mention("a", "x", 300, "t"), over)
    assert not conflicts(Mention("a", "x", 301, "t"), over)
    assert conflicts(Mention("a", "x", 300, "t", "at_most"), over)
    assert not conflicts(Mention("a", "x", 300, "t", "at_least"), over)
    assert not conflicts(Mention("a", "x", 300, "t", "about"), over)  # 375 is about 300
    assert conflicts(Mention("a", "x", 20000, "t"), Mention("b", "x", 30000, "n", "more_than"))


def test_a_tally_of_participations_is_not_a_number_of_people() -> None:
    parts = [
        TallyPart("T1.M3 respondents", 316, "persons", "participations", row="T1.M3.3"),
        TallyPart("T1.M4 assemblies", 283, "persons", "participations", row="T1.M4.5"),
    ]
    rows = [
        ReportRow("T1.M3.3", "T1", "M3", "respondents", "persons", planned=150, achieved=316),
        ReportRow("T1.M4.5", "T1", "M4", "participants", "persons", planned=90, achieved=283),
    ]
    as_people = Tally("direct", "direct beneficiaries", 599, "persons", parts=parts, kind="direct")
    (f,) = audit_report(Report("t", "t", rows=rows, tallies=[as_people]), overshoot=D(400))
    assert (f.code, f.location, f.severity) == (
        "participations-as-people",
        "direct",
        Severity.WARNING,
    )
    assert f.numbers == {"total": D(599), "participations": D(599), "parts": 2}
    visits = Tally("visits", "participations", 599, "persons", "participations", parts=parts)
    assert audit_report(Report("t", "t", rows=rows, tallies=[visits]), overshoot=D(400)) == ()


def test_a_tally_that_adds_units_is_flagged() -> None:
    t = Tally("reach", "beneficiaries", 160, "persons", parts=[
        TallyPart("residents", 100, "persons"), TallyPart("houses", 40, "houses"),
        TallyPart("places", 20, "places")])  # fmt: skip
    (f,) = audit_report(Report("t", "t", tallies=[t]))
    assert (f.code, f.numbers) == (
        "tally-mixed-units",
        {"units": ("persons", "houses", "places"), "parts": 2},
    )
    wrong = Tally("d", "direct", 90, "persons", parts=[TallyPart("a", 30, "persons")] * 2)
    ((g),) = audit_report(Report("t", "t", tallies=[wrong]))
    assert (g.code, g.numbers["gap"]) == ("tally-mismatch", D(-30))
    with pytest.raises(ValueError, match="counts"):
        TallyPart("a", 1, "persons", "visits")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="kind"):
        Tally("d", "direct", 1, "persons", kind="both")  # type: ignore[arg-type]


# -- restated figures are references to their rows ---------------------------------


def _restating(value: int, **kw: object) -> Report:
    row = ReportRow("2.1", "T2", None, "participants", "persons", planned=300, achieved=301)
    return Report(
        "t",
        "t",
        rows=[row],
        mentions=[Mention("narrative", "participants", value, "narrative", **kw)],
    )  # type: ignore[arg-type]


def test_a_restated_figure_is_checked_against_its_row() -> None:
    assert audit_report(_restating(301, row="2.1")) == ()
    (f,) = audit_report(_restating(300, row="2.1"))
    assert (f.code, f.location, f.severity) == ("restated-differs", "narrative", Severity.WARNING)
    assert f.numbers == {"row": "2.1", "column": "achieved", "row_value": D(301), "value": D(300)}
    assert "row 2.1" in f.message_en and "строке 2.1" in f.message_ru
    # a bound agrees with the row when the row lies within it
    assert audit_report(_restating(300, row="2.1", qualifier="more_than")) == ()
    assert audit_report(_restating(301, row="2.1", qualifier="more_than"))[0].code == (
        "restated-differs"
    )
    # the plan column
    assert audit_report(_restating(300, row="2.1", column="planned")) == ()
    (g,) = audit_report(_restating(250, row="2.1", column="planned"))
    assert g.numbers["row_value"] == D(300)


def test_a_changed_row_is_found_wherever_it_is_restated() -> None:
    report = _restating(301, row="2.1")
    changed = attrs.evolve(report, rows=[attrs.evolve(report.rows[0], achieved=D(280))])
    (f,) = [f for f in audit_report(changed) if f.code == "restated-differs"]
    assert f.location == "narrative" and f.numbers["row_value"] == D(280)


def test_a_reference_to_a_missing_row_is_refused() -> None:
    with pytest.raises(ValueError, match=r"mentions\[0\] \(narrative\)\.row: .* no row '9\.9'"):
        _restating(301, row="9.9")
    with pytest.raises(ValueError, match=r"parts\[0\]\.row"):
        Report("t", "t", tallies=[Tally("d", "direct", 1, "persons", parts=[
            TallyPart("a", 1, "persons", row="1.1")])])  # fmt: skip
    with pytest.raises(ValueError, match="column"):
        Mention("m", "x", 1, "p", row="2.1", column="percent")  # type: ignore[arg-type]


def test_printed_percentages_are_compared_to_their_printed_precision() -> None:
    def pct(printed: str) -> tuple[str, ...]:
        row = ReportRow("1", "T", None, "x", None, planned=3, achieved=1,
                        percent_printed=printed)  # fmt: skip
        report = Report("t", "t", rows=[row], deviation_note="one came")
        return tuple(f.code for f in audit_report(report))

    assert pct("33") == pct("33.3") == pct("33.33") == ()  # 33.333… rounded
    assert pct("33.4") == pct("34") == pct("33.32") == ("percent-mismatch",)
    assert printed_tolerance(D("33.33")) == D("0.005")
