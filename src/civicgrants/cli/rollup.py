"""``civicgrants rollup``: roll indicator records up the hierarchy."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from civicgrants.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
)
from civicgrants.errors import CivicGrantsError
from civicgrants.io.table import table

if TYPE_CHECKING:
    from civicgrants.indicators import IndicatorDefinition, Record

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    roll = sub.add_parser(
        "rollup",
        help="roll indicator records up the hierarchy",
        description="Roll indicator records (a long CSV: level ids, indicator, period, target, "
        "actual, …) up to the chosen levels: counts and money add up, percentages are "
        "recomputed from summed numerators and denominators, cumulative indicators take the "
        "latest value. --demo rolls up the embedded programme's published figures.",
    )
    roll.add_argument(
        "file", nargs="?", help="records: a long CSV, or a civicgrants/indicator-records@1 JSON"
    )
    roll.add_argument("--demo", action="store_true", help="use the embedded programme's figures")
    roll.add_argument(
        "--by", default="", help="levels to group by, e.g. stage,region (default: none)"
    )
    roll.add_argument("--format", default="text", choices=["text", "json"])
    roll.set_defaults(run=run)


def _rollup(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.indicators import LEVELS, check_breakdowns, rollup
    from civicgrants.model import Severity

    by = tuple(x.strip() for x in args.by.split(",") if x.strip())
    unknown = [x for x in by if x not in (*LEVELS, "period")]
    if unknown:
        raise CivicGrantsError(
            f"--by {args.by!r}: unknown level(s) {', '.join(unknown)}; levels: {', '.join(LEVELS)}"
        )
    if args.demo == bool(args.file):
        raise CivicGrantsError("give a records FILE or --demo (one of them)")
    if args.demo:
        from civicgrants.datasets import public_spaces
        from civicgrants.indicators.programme import PROGRAMME_INDICATORS, programme_records

        records = programme_records(public_spaces())
        definitions: Sequence[IndicatorDefinition] = PROGRAMME_INDICATORS
    elif args.file.lower().endswith(".json"):
        from civicgrants.indicators.records import IndicatorRecords
        from civicgrants.io import load

        document = load(args.file, IndicatorRecords)
        records = document.records
        definitions = document.definitions or _guess_definitions(records)
    else:
        from civicgrants.io.indicators_csv import read_records_csv

        records = read_records_csv(args.file)
        definitions = _guess_definitions(records)
    result = rollup(records, definitions, by=by)
    # breakdowns (sex, age band, status, locality) must add up to their record's actual
    findings = check_breakdowns(records)
    status = EXIT_FINDINGS if any(f.severity is Severity.ERROR for f in findings) else EXIT_OK
    rows = [
        {
            **dict(zip(by, r.group, strict=True)),
            "indicator": r.indicator,
            "value": r.value,
            "target": r.target,
            "percent": r.percent,
            "records": r.records,
        }
        for r in result.rows
    ]
    if args.format == "json":
        from civicgrants.io.findings import findings_data, json_value

        data: dict[str, object] = {"by": list(by), "rows": rows}
        if not by:
            data["totals"] = {r.indicator: r.value for r in result.rows}
        data["findings"] = findings_data(findings)
        out.write(json.dumps(json_value(data), ensure_ascii=False, indent=2) + "\n")
        return status

    table_rows = [
        [
            *(g or "—" for g in r.group),
            r.indicator,
            _show_value(r.value),
            _show_value(r.percent),
            r.records,
        ]
        for r in result.rows
    ]
    print(
        table(
            [*by, "indicator", "value", "percent", "records"],
            table_rows,
            right=[len(by) + 1, len(by) + 3],
        ),
        file=out,
    )
    if findings:
        print(f"\nBreakdowns that do not add up ({len(findings)}):", file=out)
        print(
            table(
                ["severity", "code", "record", "numbers", "finding"],
                [
                    [
                        f.severity.value,
                        f.code,
                        f.location,
                        ", ".join(f"{k}={v}" for k, v in f.numbers.items()),
                        f.message_en,
                    ]
                    for f in findings
                ],
            ),
            file=out,
        )
    return status


def _guess_definitions(records: Sequence[Record]) -> list[IndicatorDefinition]:
    """Definitions for records read without any: percentages where numerators are given,
    ordinal where categories are, text where only text is, counts otherwise."""
    from civicgrants.indicators import IndicatorDefinition, Measure, TargetForm
    from civicgrants.model import Direction, Names

    kinds: dict[str, Measure] = {}
    for r in records:
        if r.numerator is not None or r.denominator is not None:
            kind = Measure.PERCENTAGE
        elif r.text is not None and r.actual is None:
            kind = Measure.QUALITATIVE
        else:
            kind = Measure.COUNT
        kinds.setdefault(r.indicator, kind)
    return [
        IndicatorDefinition(
            key, Names(en=key), "item", kind, Direction.HIGHER_IS_BETTER, TargetForm.AT_LEAST
        )
        for key, kind in sorted(kinds.items())
    ]


def _show_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,}".replace(",", "\u00a0")
    fmt = getattr(value, "format", None)
    return str(fmt("ru_KZ")) if callable(fmt) else str(value)


run = _rollup
