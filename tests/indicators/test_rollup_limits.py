"""Roll-ups of bad or extreme input (issue 14): findings, located errors, exact arithmetic."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from civicgrants.errors import ValidationError
from civicgrants.indicators import (
    Accumulation,
    IndicatorDefinition,
    Measure,
    Record,
    Records,
    TargetForm,
    group_levels,
    rollup,
    rollup_report,
)
from civicgrants.model import Direction, Names
from civicgrants.model.limits import use_limits


def define(key: str, measure: Measure, scale: tuple[str, ...] = ()) -> IndicatorDefinition:
    return IndicatorDefinition(
        key,
        Names(en=key),
        "unit",
        measure,
        Direction.HIGHER_IS_BETTER,
        TargetForm.AT_LEAST,
        Accumulation.PER_PERIOD,
        scale,
    )


PEOPLE = define("people", Measure.COUNT)
SHARE = define("share", Measure.PERCENTAGE)
BUDGET = define("budget", Measure.MONEY)
MOOD = define("mood", Measure.ORDINAL, ("low", "high"))


def test_a_record_the_measure_ignores_is_an_error_finding_not_silence() -> None:
    # issue 14: an indicator given once with actual and once with numerator/denominator
    # kept one record, in silence
    recs = [Record("share", "2021", actual=5), Record("share", "2021", numerator=1, denominator=2)]
    report = rollup_report(recs)
    assert [r.value for r in report.rows] == [Decimal(5)]
    (finding,) = report.findings
    assert (finding.code, finding.location, report.has_errors) == (
        "value-not-rolled-up",
        "records[1]",
        True,
    )
    assert finding.numbers == {
        "indicator": "share",
        "measure": "count",
        "gives": "percentage",
        "rolls_up": "count",
    }
    # with a definition, the actual is the one left out
    report = rollup_report(recs, [SHARE])
    assert [f.location for f in report.findings] == ["records[0]"]
    assert report.rows[0].percent == Decimal("50.0")


def test_a_category_off_the_scale_is_a_finding() -> None:
    recs = [Record("mood", "2021", category="high"), Record("mood", "2021", category="great")]
    report = rollup_report(recs, [MOOD])
    assert [(f.code, f.location) for f in report.findings] == [
        ("category-not-on-scale", "records[1].category")
    ]
    assert report.rows[0].distribution == (("low", 0), ("high", 1))
    with pytest.raises(ValidationError, match=r"records\[1\].category: mood: category 'great'"):
        rollup(recs, [MOOD])


def test_findings_come_in_record_order() -> None:
    from civicgrants.indicators.model import Part

    recs = [
        Record("share", "2021", actual=5),
        Record("share", "2021", numerator=1, denominator=2),
        Record("share", "2021", actual=1, breakdown=[Part("sex", "f", 2)]),
    ]
    report = rollup_report(recs)
    assert [(f.code, f.location) for f in report.findings] == [
        ("value-not-rolled-up", "records[1]"),
        ("breakdown-sum", "records[2].breakdown[sex]"),
    ]


def test_a_money_total_no_amount_can_hold_is_a_located_error() -> None:
    recs = [Record("budget", "2021", stage="I", actual=Decimal("9" * 27))] * 20
    with pytest.raises(ValidationError) as info:
        rollup_report(recs, [BUDGET], by="stage")
    (problem,) = info.value.problems
    assert problem.path == "budget (stage I)"
    assert "significant digits" in problem.message


def test_numbers_past_the_context_precision_roll_up_exactly_under_raised_limits() -> None:
    # issue 14: a 5000-digit actual raised decimal.Inexact in the roll-up
    big = Decimal("9" * 5000)
    with use_limits(digits=6000, exponent=6000):
        recs = [Record("people", "2021", actual=big), Record("people", "2021", actual="0.5")]
        (row,) = rollup(recs, [PEOPLE], by=()).rows
    assert row.value == Decimal("9" * 5000 + ".5")
    with pytest.raises(ValueError, match=r"actual: 5000 significant digits, more than 40"):
        Record("people", "2021", actual=big)


def test_columns_refuse_negative_and_out_of_limit_values() -> None:
    with pytest.raises(ValueError, match=r"actual: must be >= 0"):
        Records.from_columns(indicator=["people"], period=["2021"], actual=np.array([-1]))
    with pytest.raises(ValueError, match=r"actual\[0\]: too large: 1E\+60"):
        Records.from_columns(indicator=["people"], period=["2021"], actual=["1e60"])


def test_repeated_or_unknown_levels_are_located_errors() -> None:
    with pytest.raises(ValidationError, match=r"--by 'stage,stage': level\(s\) given twice"):
        group_levels("stage,stage")
    with pytest.raises(ValidationError, match=r"by: levels repeat"):
        rollup([Record("people", "2021", actual=1)], [PEOPLE], by=("stage", "stage"))
    with pytest.raises(ValidationError, match=r"definitions: no definition for indicator"):
        rollup([Record("ghost", "2021", actual=1)], [PEOPLE])


def test_the_rollup_command_names_the_file_of_records_it_cannot_roll_up(tmp_path) -> None:
    import io
    import json

    from civicgrants.cli import main
    from civicgrants.indicators.records import IndicatorRecords
    from civicgrants.io.documents import dumps

    doc = IndicatorRecords("r", [Record("budget", "2021", actual=Decimal("9" * 27))] * 20, [BUDGET])
    path = tmp_path / "records.json"
    path.write_text(dumps(doc), encoding="utf-8")
    err = io.StringIO()
    assert main(["rollup", str(path)], out=io.StringIO(), err=err) == 2
    assert err.getvalue().startswith(f"civicgrants: error: {path}: budget (all): amount: ")
    assert err.getvalue().count("\n") == 1
    assert json.loads(path.read_text())["schema"] == "civicgrants/indicator-records@1"
