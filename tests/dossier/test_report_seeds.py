"""The two seed final reports (Annex 7), audited: every numerically checkable item of
``seed-002.md`` §8 and ``seed-003.md`` §9 is found at its place, and nothing else is.

The reports ship as final-report documents (:func:`civicgrants.datasets.seed_002_final_report`):
every figure they print again elsewhere is a reference to the row it restates, and the
partners, letters and proposals tables are tables, so counts of them are checked.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from civicgrants.datasets import seed_002_final_report, seed_003_final_report
from civicgrants.datasets.seed_002_report import seed_002_report
from civicgrants.datasets.seed_003_report import seed_003_report
from civicgrants.dossier import check_final_report
from civicgrants.model.finding import Finding, Severity

D = Decimal


def _by(findings: tuple[Finding, ...], code: str, location: str) -> Finding:
    hits = [f for f in findings if f.code == code and f.location == location]
    assert len(hits) == 1, [str(f) for f in findings]
    return hits[0]


# -- seed 002 §8 --------------------------------------------------------------------


@pytest.fixture(scope="module")
def f002() -> tuple[Finding, ...]:
    return check_final_report(seed_002_final_report()).findings


@pytest.fixture(scope="module")
def f003() -> tuple[Finding, ...]:
    return check_final_report(seed_003_final_report()).findings


# -- seed 002 §8 --------------------------------------------------------------------


def test_002_item1_shortfall_with_dash_deviation(f002: tuple[Finding, ...]) -> None:
    f = _by(f002, "unexplained-shortfall", "3.1.5")
    assert f.severity is Severity.WARNING
    assert f.numbers == {"planned": D(150), "achieved": D(80), "gap": D(70), "percent": D("53.3")}
    assert "53.3" in f.message_en and "53.3" in f.message_ru


RESTATED_002 = {
    # §8 item: mention → (row, the row's number, the number printed here)
    "applicability-result": (2, "4.2.4", 70, 100),
    "applicability-s5": (2, "4.2.4", 70, 90),  # «свыше 90%»
    "indirect-s1": (3, "B.2", 20000, 30000),  # «свыше 30 000»
    "alakol-narrative": (5, "3.6.1", 100, 50),
    "schools-narrative": (6, "3.8.1", 200, 120),  # at most 120 of 337 works
    "publications-two": (7, "1.1.4", 4, 2),
    "publications-twenty": (7, "1.1.4", 4, 20),  # «порядка 20»
    "videos-narrative": (8, "2.2.1", 10, 80),  # «порядка 80»
    "seminar-participants-300": (12, "2.1.3", 301, 300),
}


@pytest.mark.parametrize("key", list(RESTATED_002))
def test_002_restated_figures_differ_from_their_rows(f002: tuple[Finding, ...], key: str) -> None:
    _item, row, row_value, value = RESTATED_002[key]
    f = _by(f002, "restated-differs", key)
    assert (f.numbers["row"], f.numbers["row_value"], f.numbers["value"]) == (
        row,
        D(row_value),
        D(value),
    )


def test_002_item6_more_than_100_schools_agrees_with_200(f002: tuple[Finding, ...]) -> None:
    assert not [f for f in f002 if f.location == "schools-coverage"]


def test_002_item4_partners_table_b_against_table_c(f002: tuple[Finding, ...]) -> None:
    f = _by(f002, "count-differs", "partners-table-b")
    assert f.numbers == {"table": "partners", "printed": D(10), "size": D(12), "row": "B.9"}


def test_002_item7_the_narrative_contradicts_itself(f002: tuple[Finding, ...]) -> None:
    f = _by(f002, "figure-conflict", "media-publications")
    assert f.numbers["conflicts"] == (("publications-two", "publications-twenty"),)


def test_002_item20_proposals_in_thousands_read_as_billions(f002: tuple[Finding, ...]) -> None:
    f = _by(f002, "proposal-scale", "green-farming")
    assert f.numbers == {
        "printed": D(7_000_000),
        "unit": D(1000),
        "tenge": D(7_000_000_000),
        "grant": D("5000000.00"),
    }
    assert _by(f002, "proposal-scale", "wild-tourism").numbers["tenge"] == D(6_000_000_000)


def test_002_item21_structure(f002: tuple[Finding, ...]) -> None:
    # section 5 restarts its numbering at «2.»; the story has no situation → impact → result
    assert _by(f002, "result-number-repeated", "r3").numbers == {"number": "2.", "first": "r1"}
    assert _by(f002, "result-number-repeated", "r4").numbers == {"number": "3.", "first": "r2"}
    assert _by(f002, "story-incomplete", "section-3").numbers == {
        "missing": ("situation", "impact")
    }
    assert _by(f002, "finances-missing", "finances").severity is Severity.INFO


def test_002_findings_are_exactly_the_numeric_discrepancies(f002: tuple[Finding, ...]) -> None:
    assert sorted((f.code, f.location) for f in f002) == sorted(
        [
            ("unexplained-shortfall", "3.1.5"),  # item 1
            *(("restated-differs", key) for key in RESTATED_002),  # items 2, 3, 5-8, 12
            ("count-differs", "partners-table-b"),  # item 4
            ("figure-conflict", "media-publications"),  # item 7: «две» and «порядка 20»
            ("figure-conflict", "seminar-participants"),  # item 12: 300 and «свыше 300»
            ("above-range", "1.1.3"),  # item 10: 270 against 50-100
            ("unexplained-overshoot", "1.1.4"),  # 4 publications of 2 (item 7's table actual)
            ("unexplained-overshoot", "1.2.1"),  # item 9: 273 letters of ≥100
            ("unexplained-overshoot", "2.1.9"),  # 7 posts of 2
            ("unexplained-overshoot", "2.3.4"),  # 60 photos of 30
            ("unexplained-overshoot", "3.8.1"),  # item 6: 200 rural schools of 100
            ("missing-actual", "3.1.1"),  # item 1: «10 регионов онлайн встреча»
            ("missing-actual", "3.10.4"),  # item 14: «1» against 1 per small grant
            ("proposal-scale", "green-farming"),  # item 20: thousand tenge
            ("proposal-scale", "wild-tourism"),
            ("result-number-repeated", "r3"),  # item 21: numbering restarts
            ("result-number-repeated", "r4"),
            ("story-incomplete", "section-3"),  # item 21: no situation → impact → result
            ("finances-missing", "finances"),  # item 21: no financial report
        ]
    )


def test_002_item1_meetings_have_no_actual(f002: tuple[Finding, ...]) -> None:
    f = _by(f002, "missing-actual", "3.1.1")
    assert f.numbers == {"planned": D(10)}
    assert "10 регионов онлайн встреча" in f.message_en


def test_002_item10_press_releases_above_the_upper_bound(f002: tuple[Finding, ...]) -> None:
    row = seed_002_report().row("1.1.3")
    assert (row.planned, row.planned_upper, row.achieved) == (D(50), D(100), D(270))
    f = _by(f002, "above-range", "1.1.3")
    assert f.numbers == {
        "planned": D(50),
        "planned_upper": D(100),
        "achieved": D(270),
        "excess": D(170),
    }
    assert "270.0% of the upper bound" in f.message_en


def test_002_ranges_keep_both_bounds() -> None:
    row = seed_002_report().row("1.5.5")  # «15-20» groups, 17 achieved: inside
    assert (row.planned, row.planned_upper, row.achieved) == (D(15), D(20), D(17))


def test_002_item14_small_grant_posts_have_no_actual(f002: tuple[Finding, ...]) -> None:
    assert _by(f002, "missing-actual", "3.10.4").numbers == {"planned": D(10)}


def test_002_item12_more_than_300_is_not_300(f002: tuple[Finding, ...]) -> None:
    f = _by(f002, "figure-conflict", "seminar-participants")
    assert ("seminar-participants-300", "seminar-participants-over") in f.numbers["conflicts"]
    assert "more than 300 (narrative, «свыше 300»)" in f.message_en
    assert "свыше 300 (narrative, «свыше 300»)" in f.message_ru


@pytest.mark.parametrize(
    ("key", "planned", "achieved", "percent"),
    [
        ("1.1.4", 2, 4, "200.0"),
        ("1.2.1", 100, 273, "273.0"),
        ("2.1.9", 2, 7, "350.0"),
        ("2.3.4", 30, 60, "200.0"),
        ("3.8.1", 100, 200, "200.0"),
    ],
)
def test_002_overshoots_with_a_dash_deviation(
    f002: tuple[Finding, ...], key: str, planned: int, achieved: int, percent: str
) -> None:
    f = _by(f002, "unexplained-overshoot", key)
    assert f.numbers == {
        "planned": D(planned),
        "achieved": D(achieved),
        "percent": D(percent),
        "threshold": D(150),
    }


# -- seed 003 §9 --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "figure", "low", "high"),
    [
        (1, "involvement-growth-pct", D(10), D("14.5")),
        (2, "participants-total", D(161), D(520)),
        (4, "t1m6-seminars", D(3), D(9)),
        (4, "t1m6-participants", D(60), D(180)),
        (4, "villages", D(3), D(9)),
        (5, "problems-identified", D(9), D(27)),
    ],
)
def test_003_figure_conflicts(
    f003: tuple[Finding, ...], item: int, figure: str, low: Decimal, high: Decimal
) -> None:
    f = _by(f003, "figure-conflict", figure)
    assert (f.numbers["min"], f.numbers["max"]) == (low, high), item


COUNTS_003 = {
    # §9 item: count → (table, printed, the table's size)
    "partner-ngos-tab-c": (7, "partners", 2, 0),  # Tab E lists no NGO
    "partner-ngos-t1m1": (7, "partners", 3, 0),
    "letters-t3m2": (10, "letters", 3, 2),  # «не менее 3»; Tab G lists 2
    "letters-t3m3": (10, "letters", 3, 2),
    "recommendations-t3m2": (11, "recommendations", 30, 19),  # ≥10 per village; 9 + 10
    "gsz-t3m3": (15, "proposals", 3, 4),  # 3 ГСЗ projects; Tab F has 4
}


@pytest.mark.parametrize("key", list(COUNTS_003))
def test_003_counts_of_the_tables(f003: tuple[Finding, ...], key: str) -> None:
    _item, table, printed, size = COUNTS_003[key]
    f = _by(f003, "count-differs", key)
    assert (f.numbers["table"], f.numbers["printed"], f.numbers["size"]) == (
        table,
        D(printed),
        D(size),
    )


def test_003_item10_both_letters_are_number_60(f003: tuple[Finding, ...]) -> None:
    f = _by(f003, "letter-number-reused", "to-department")
    assert f.numbers == {"number": "60", "first": "to-akim"}


def test_003_item15_proposals_in_thousands(f003: tuple[Finding, ...]) -> None:
    scaled = {f.location: f.numbers["tenge"] for f in f003 if f.code == "proposal-scale"}
    assert scaled == {
        "kamystybas-leisure": D(865_000_000),
        "rural-ngos": D(5_400_000_000),
        "kamystybas-heritage": D(1_875_000_000),
        "syrdarya-banks": D(5_612_000_000),
    }


def test_003_the_money_adds_up() -> None:
    # payroll + taxes + purchases = the grant (seed-003.md §9 «Arithmetic that checks out»)
    report = seed_003_final_report()
    assert report.finances is not None
    spent = sum(line.spent.amount for line in report.finances.lines)
    assert spent == report.agreement.grant.amount == D(5_659_000)


def test_003_item2_a_single_activity_exceeds_the_total(f003: tuple[Finding, ...]) -> None:
    f = _by(f003, "figure-conflict", "participants-total")
    assert ("participants-l214", "participants-t1m3") in f.numbers["conflicts"]


def test_003_item3_thirty_per_village_is_not_283(f003: tuple[Finding, ...]) -> None:
    f = _by(f003, "breakdown-mismatch", "t1m4-participants-by-village")
    assert f.severity is Severity.ERROR
    assert f.numbers == {"total": D(283), "parts_sum": D(90), "gap": D(-193), "parts": 3}


def test_003_item6_solved_problems_target_is_below_the_promise(f003: tuple[Finding, ...]) -> None:
    f = _by(f003, "target-differs-from-task", "T3.M1.5")
    assert f.numbers == {"planned": D(3), "promised": D(9), "gap": D(6)}


OVERSHOOTS_003 = {
    # item 19: the deviation field (L195) is empty despite overshoots up to 327 %
    "T1.M3.3": (150, 316, "210.7"),
    "T1.M4.5": (90, 283, "314.4"),
    "T1.M5.3": (120, 294, "245.0"),
    "T3.M2.4": (30, 98, "326.7"),
    "I.M4.2": (10000, 19077, "190.8"),
    "C.2": (10000, 19077, "190.8"),
}
MISSING_ACTUALS_003 = {
    "goal.1": 10,  # item 1: four values, none the cell's
    "goal.3": 9,  # item 6: 9 identified and solved, none named solved
    "goal.4": 2,  # item 9: registration not confirmed
    "T1.M1.1": 2,  # item 9: the fact copies the plan
    "T1.M4.4": 9,  # item 17: participant lists not printed
    "T1.M5.1": 3,
    "T1.M5.2": 6,  # 2 surveys in each of 3 villages
    "T1.M5.5": 9,  # item 5: «9 key problems in each territory»
    "T1.M6.1": 3,  # item 4: 3 seminars vs 9 in the text
    "T1.M6.5": 60,  # item 4: 60 vs 180
    "T1.M6.7": 3,  # item 17: post-test missing
    "T3.M1.1": 9,
    "T3.M1.4": 135,
    "T3.M1.5": 3,  # item 6
    "T3.M2.5": 30,  # item 11: ≥30 recommendations, the fact copies the plan
    "T3.M2.7": 3,  # item 10: ≥3 letters, Tab G lists 2
    "T3.M5.1": 6,
    "T3.M5.4": 90,
}


def test_003_findings_are_exactly_the_numeric_discrepancies(f003: tuple[Finding, ...]) -> None:
    assert sorted((f.code, f.location) for f in f003) == sorted(
        [
            ("breakdown-mismatch", "t1m4-participants-by-village"),  # item 3
            ("target-differs-from-task", "T3.M1.5"),  # item 6
            *(
                ("figure-conflict", figure)
                for figure in (
                    "involvement-growth-pct",  # item 1
                    "participants-total",  # item 2
                    "t1m6-seminars",  # item 4
                    "t1m6-participants",  # item 4
                    "villages",  # item 4
                    "problems-identified",  # item 5
                )
            ),
            ("letter-number-reused", "to-department"),  # item 10
            *(("count-differs", key) for key in COUNTS_003),  # items 7, 10, 11, 15
            *(
                ("proposal-scale", key)
                for key in (  # item 15
                    "kamystybas-leisure",
                    "rural-ngos",
                    "kamystybas-heritage",
                    "syrdarya-banks",
                )
            ),
            *(("unexplained-overshoot", key) for key in OVERSHOOTS_003),  # item 19
            *(("missing-actual", key) for key in MISSING_ACTUALS_003),  # items 9, 17 …
        ]
    )


@pytest.mark.parametrize("key", list(OVERSHOOTS_003))
def test_003_item19_overshoots_with_an_empty_deviation_field(
    f003: tuple[Finding, ...], key: str
) -> None:
    planned, achieved, percent = OVERSHOOTS_003[key]
    assert _by(f003, "unexplained-overshoot", key).numbers == {
        "planned": D(planned),
        "achieved": D(achieved),
        "percent": D(percent),
        "threshold": D(150),
    }


@pytest.mark.parametrize("key", list(MISSING_ACTUALS_003))
def test_003_planned_rows_without_an_actual(f003: tuple[Finding, ...], key: str) -> None:
    assert _by(f003, "missing-actual", key).numbers == {"planned": D(MISSING_ACTUALS_003[key])}


def test_003_item1_more_than_10_is_not_10(f003: tuple[Finding, ...]) -> None:
    f = _by(f003, "figure-conflict", "involvement-growth-pct")
    assert ("growth-over-10", "growth-l212") in f.numbers["conflicts"]
    assert "more than 10 (T1.M3, «более 10%» (L150-152))" in f.message_en


def test_003_period_is_day_precise() -> None:
    assert seed_003_report().period == "2024-03-13/2024-11-25"  # S003 L11


def test_003_t1m5_plans_two_surveys_in_each_village() -> None:
    row = seed_003_report().row("T1.M5.2")
    assert (row.planned, row.comparator) == (D(6), "at_least")  # 2 × 3 villages
    assert seed_003_report().row("T3.M5.1").planned == D(6)  # «2 (в каждом селе) (>=6)»


def test_beneficiaries_are_unique_people_in_persons() -> None:
    for report, direct, indirect in (
        (seed_002_report(), 1000, 20000),
        (seed_003_report(), 520, 19077),
    ):
        tallies = {t.kind: t for t in report.tallies}
        assert (tallies["direct"].total, tallies["indirect"].total) == (D(direct), D(indirect))
        assert {(t.unit, t.counts) for t in report.tallies} == {("persons", "people")}


# -- what needs a person --------------------------------------------------------------

NEEDS_A_PERSON = {
    (
        "002",
        9,
    ): "June vs «Октябрь», a mis-pasted cell and double-counted 248: dates and text; 273 ≥ 100 "
    "is flagged as an overshoot",
    ("002", 11): "press conferences' timing: dates and wording",
    ("002", 13): "85% and 75% are two different indicators with their own plans",
    ("002", 15): "10 sites vs 7 standard landfills: the sites may include dumps",
    ("002", 16): "festival vs forum: wording",
    ("002", 17): "copy-pasted lake name: text",
    ("002", 18): "typo: text",
    ("002", 19): "a name spelled two ways: text (and personal data)",
    (
        "002",
        22,
    ): "age bands vs survey age range: ranges, not figures; 46-58 + 59+ = 250 is borderline",
    ("002", 23): "an actual printed as a bound («Не менее 10»): a form of wording",
    ("003", 8): "«–» specialists vs 5 CVs: the CV holders may be staff",
    ("003", 12): "МИО expansion: wording",
    ("003", 13): "unnamed deputies: absence of text",
    (
        "003",
        14,
    ): "10 materials / 15 posts / 5 videos vs «10 posts + 15 publications»: labels, same numbers",
    (
        "003",
        16,
    ): "blank 50+/59+ while pensioners were surveyed; round shares: statistical judgement",
    ("003", 18): "2 viewers presented as success: judgement",
    ("003", 20): "tax line: unverifiable against the rate tables, not inconsistent",
    ("003", 21): "2 new + Kamystybas NGO: interpretation (the partner counts are flagged, item 7)",
}
FLAGGED = {
    "002": {1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 20, 21},
    "003": {1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 15, 17, 19},
}
PARTLY = {
    # what the audit finds of an item, and what is left to a person
    ("002", 1): "the shortfall and the meetings' missing actual; reading the cell as one "
    "meeting is interpretation",
    ("002", 20): "the proposals' unit; payroll blank with 6 specialists and the two readings "
    "of 2 000 000 + 3 000 000 are not contradictions of printed figures",
    ("002", 21): "section 5's numbering, the story's structure and the missing financial part; "
    "item 2's absence, «interim» wording, the missing risk section are template text",
    ("003", 6): "the 9-vs-3 target; that no solved problem is named is an absence",
    ("003", 9): "the missing fact numbers of goal.4 and T1.M1.1; registration evidence and the "
    "legal form are documents and text",
    ("003", 10): "2 letters against ≥3 and 3, and the shared No. 60; the date on the last day "
    "is within the period",
    ("003", 15): "the unit (proposals in thousands) and 4 proposals against 3 ГСЗ projects; "
    "a small grant above a social grant needs the call's grant-type limits; copied city "
    "text, the missing village and shifted columns are text",
    ("003", 19): "the empty deviation field's overshoots; numbering, «20242» and the missing "
    "year are template text",
}


def test_every_discrepancy_is_flagged_or_explained() -> None:
    for seed, count in (("002", 23), ("003", 21)):
        for item in range(1, count + 1):
            flagged = item in FLAGGED[seed]
            assert flagged != ((seed, item) in NEEDS_A_PERSON), (seed, item)


def test_consistent_rows_give_no_finding(
    f002: tuple[Finding, ...], f003: tuple[Finding, ...]
) -> None:
    flagged = {f.location for f in (*f002, *f003)}
    inconsistent = {  # the rows the exact-set tests above list, and no other
        "3.1.5",
        "T3.M1.5",
        *("1.1.3", "1.1.4", "1.2.1", "2.1.9", "2.3.4", "3.8.1", "3.1.1", "3.10.4"),
        *OVERSHOOTS_003,
        *MISSING_ACTUALS_003,
    }
    for report in (seed_002_report(), seed_003_report()):
        for row in report.rows:
            if row.key not in inconsistent:
                assert row.key not in flagged
    # the sums that check out (seed-002.md §3.4, seed-003.md §9 «Arithmetic that checks out»)
    for key in ("gender", "social-status", "age", "problems-by-village", "finances"):
        assert key not in {f.location for f in f003}
    for key in ("direct-s5", "direct-gender", "respondents-s5", "specialists-s5"):
        assert key not in flagged
    for key in ("reach-tab-b", "reach-tab-c", "staff-results", "participants-results"):
        assert key not in flagged
    for key in ("direct-beneficiaries", "indirect-beneficiaries"):
        assert key not in {f.location for f in f003}


def test_every_restated_figure_is_a_reference_to_its_row() -> None:
    # a mention whose place is the indicator table itself would be a second copy
    for report in (seed_002_final_report(), seed_003_final_report()):
        table = report.indicators
        for m in table.mentions:
            assert not m.where.startswith(("Table A, row", "Table B, row")), m.key
        linked = [m for m in table.mentions if m.row is not None]
        assert linked, report.id
        for t in table.tallies:
            assert t.row is not None and t.total == table.row(t.row).achieved


def test_a_changed_row_is_found_wherever_it_is_restated() -> None:
    report = seed_002_final_report()
    table = report.indicators
    rows = tuple(attrs.evolve(r, achieved=D(1200)) if r.key == "B.1" else r for r in table.rows)
    changed = attrs.evolve(report, indicators=attrs.evolve(table, rows=rows))
    found = {
        f.location for f in check_final_report(changed).findings if f.code == "restated-differs"
    }
    assert {"direct-s5", "direct-gender", "direct-beneficiaries"} <= found
