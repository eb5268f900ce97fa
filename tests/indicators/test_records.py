"""The indicator-records document (issue 14): checked against its definitions, or with itself."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from civicgrants.errors import DocumentError
from civicgrants.indicators.model import IndicatorDefinition, Measure, Part, Record, TargetForm
from civicgrants.indicators.records import IndicatorRecords
from civicgrants.io.documents import dumps, load
from civicgrants.model import Direction, Names


def define(key: str, measure: Measure, scale: tuple[str, ...] = ()) -> IndicatorDefinition:
    return IndicatorDefinition(
        key,
        Names(en=key),
        "unit",
        measure,
        Direction.HIGHER_IS_BETTER,
        TargetForm.AT_LEAST,
        scale=scale,
    )


def test_a_record_the_definition_would_not_roll_up_is_refused() -> None:
    with pytest.raises(ValueError, match=r"records\[1\]: gives an actual or a target, but 'share'"):
        IndicatorRecords(
            "r",
            [
                Record("share", "2021", numerator=1, denominator=2),
                Record("share", "2021", actual=5),
            ],
            [define("share", Measure.PERCENTAGE)],
        )
    with pytest.raises(ValueError, match=r"records\[0\].category: 'great' is not on the scale"):
        IndicatorRecords(
            "r",
            [Record("mood", "2021", category="great")],
            [define("mood", Measure.ORDINAL, ("low", "high"))],
        )
    with pytest.raises(ValueError, match=r"records\[0\].category: 'maybe' is not on the scale"):
        IndicatorRecords(
            "r", [Record("done", "2021", category="maybe")], [define("done", Measure.YES_NO)]
        )


def test_without_definitions_one_indicator_is_reported_one_way() -> None:
    with pytest.raises(ValueError, match=r"records\[1\]: gives a numerator and a denominator"):
        IndicatorRecords(
            "r",
            [
                Record("share", "2021", actual=5),
                Record("share", "2021", numerator=1, denominator=2),
            ],
        )
    ok = IndicatorRecords(
        "r",
        [
            Record("people", "2021", actual=5, text="a note"),
            Record("people", "2022", breakdown=[Part("sex", "f", 1)]),
        ],
    )
    assert len(ok.records) == 2


def _write(tmp_path: Path, records: list[dict[str, object]]) -> Path:
    path = tmp_path / "records.json"
    path.write_text(
        json.dumps({"schema": "civicgrants/indicator-records@1", "id": "r", "records": records}),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"actual": "9" * 5000}, "records[0].actual: "),  # the loader refuses it first
        ({"actual": "9" * 41}, "41 significant digits, more than 40"),
        ({"actual": "-5"}, "must be >= 0"),
        ({"numerator": "3", "denominator": "2"}, "must not exceed the denominator"),
        ({"numerator": "0", "denominator": "0"}, "must be > 0"),
        ({"numerator": "1"}, "a percentage gives both numerator and denominator"),
        ({"actual": "1", "numerator": "1", "denominator": "2"}, "a record gives one kind"),
    ],
)
def test_bad_numbers_in_a_records_document_are_located(
    tmp_path: Path, record: dict[str, object], expected: str
) -> None:
    path = _write(tmp_path, [{"indicator": "people", "period": "2021", **record}])
    with pytest.raises(DocumentError) as info:
        load(path, IndicatorRecords)
    assert info.value.path == str(path)
    assert expected in info.value.one_line()
    assert "records[0]" in info.value.one_line()


def test_a_valid_document_reads_back() -> None:
    doc = IndicatorRecords("r", [Record("people", "2021", actual=Decimal("1.5"))])
    assert "civicgrants/indicator-records@1" in dumps(doc)
