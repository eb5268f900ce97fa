"""A report's numbers are bounded at construction, and the audit is exact within the bound.

A red-team review found that the audit raised ``decimal.InvalidOperation``, ``Overflow`` or
``Inexact`` on a planned or achieved value of ``1e60``, ``1E+999999``, a 1000-digit number or
``1E-999999``; and that the tolerance of a printed percentage depended on how JSON wrote the
number (``3E+1`` meant ±5). Every number of a report now has at most
:data:`~civicgrants.indicators.report.FIGURE_PLACES` digits before and after the decimal point,
and a number written with a positive exponent is a whole number.
"""

from __future__ import annotations

import json
from decimal import Context, Decimal, Inexact, localcontext
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.errors import CivicGrantsError, DocumentError
from civicgrants.indicators.report import (
    COMPARATORS,
    FIGURE_PLACES,
    QUALIFIERS,
    Breakdown,
    Chart,
    Mention,
    Report,
    ReportRow,
    Tally,
    TallyPart,
    agrees,
    audit_report,
    check_report,
    figure_problem,
    printed_tolerance,
)
from civicgrants.io.documents import loads

D = Decimal

HOSTILE = {
    "1e60": D("1e60"),
    "1E+999999": D("1E+999999"),
    "1000 digits": D("7" * 1000),
    "1E-999999": D("1E-999999"),
    "31 places": D("0." + "0" * 30 + "1"),
    "NaN": D("NaN"),
    "sNaN": D("sNaN"),
    "-Infinity": D("-Infinity"),
    "an int of 5000 digits": 10**5000,
    "a string of 1E+60": "1E+60",
}

WIDEST = D("9" * FIGURE_PLACES + "." + "9" * FIGURE_PLACES)  # 30 digits before, 30 after
NARROWEST = D("-" + str(WIDEST))
TINY = D("1E-30")


def _exact(value: Fraction) -> Decimal:
    """A terminating fraction as a Decimal, with no context to round it (test arithmetic)."""
    with localcontext(Context(prec=1000, traps=[Inexact])):
        return D(value.numerator) / D(value.denominator)


def _row(**kw: Any) -> ReportRow:
    return ReportRow("1", "Task", None, "participants", "persons", **kw)


@pytest.mark.parametrize("name", list(HOSTILE))
@pytest.mark.parametrize("field", ["planned", "achieved", "percent_printed", "promised"])
def test_a_row_refuses_a_number_beyond_the_bound_naming_its_field(name: str, field: str) -> None:
    with pytest.raises(ValueError, match=rf"^{field}: must (be|have)") as caught:
        _row(**{field: HOSTILE[name]})
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 200


@pytest.mark.parametrize("name", list(HOSTILE))
def test_every_number_of_a_report_is_bounded(name: str) -> None:
    value = HOSTILE[name]
    builds = [
        lambda: _row(planned=1, comparator="range", planned_upper=value),
        lambda: Breakdown("b", "gender", value, [("men", 1)]),
        lambda: Breakdown("b", "gender", 1, [("men", value)]),
        lambda: Mention("m", "people", value, "p. 1"),
        lambda: Chart("c", [("a", value)], 1),
        lambda: Chart("c", [("a", 1)], value),
        lambda: Tally("t", "direct", value, "persons"),
        lambda: TallyPart("a", value, "persons"),
    ]
    for build in builds:
        with pytest.raises(ValueError, match=r"must (be|have)"):
            build()


def test_the_bound_is_inclusive_and_the_audit_exact_at_it() -> None:
    tiny = D("0." + "0" * (FIGURE_PLACES - 1) + "1")  # 1E-30
    assert figure_problem(WIDEST) is None and figure_problem(NARROWEST) is None
    assert figure_problem(tiny) is None and figure_problem(D("0E+100")) is None
    assert figure_problem(D("1E+30")) == "must be below 10**30 in absolute value, got 1E+30"
    row = _row(planned=WIDEST, achieved=tiny, percent_printed=WIDEST, promised=NARROWEST)
    findings = {f.code: f for f in audit_report(Report("r", "R", rows=[row]))}
    assert set(findings) == {
        "percent-mismatch",
        "unexplained-shortfall",
        "target-differs-from-task",
    }
    gap = findings["unexplained-shortfall"].numbers["gap"]
    assert Fraction(gap) == Fraction(WIDEST) - Fraction(tiny)  # exact: 60 digits
    assert Fraction(findings["target-differs-from-task"].numbers["gap"]) == -2 * Fraction(WIDEST)
    huge = _row(planned=tiny, achieved=WIDEST, percent_printed=1)
    (f, over) = audit_report(Report("r", "R", rows=[huge]))
    assert (f.code, over.code) == ("percent-mismatch", "unexplained-overshoot")
    assert str(f.numbers["percent_computed"]) == f"{10**62 - 100}.0"  # (10**30 − 10**-30) / 10**-30


def test_parts_that_sum_beyond_the_bound_are_still_added_exactly() -> None:
    parts = [(f"p{i}", WIDEST) for i in range(1000)]
    (f,) = audit_report(Report("r", "R", breakdowns=[Breakdown("b", "x", NARROWEST, parts)]))
    assert Fraction(f.numbers["parts_sum"]) == Fraction(WIDEST) * 1000
    assert Fraction(f.numbers["gap"]) == Fraction(WIDEST) * 1001


def test_about_and_bounds_compare_exactly() -> None:
    # «около W» allows W ± 25 % exactly, at the bound's full width
    top = Fraction(WIDEST) * Fraction(5, 4)
    assert agrees(WIDEST, "about", _exact(top))
    assert not agrees(WIDEST, "about", _exact(top + Fraction(1, 10**32)))
    assert not agrees(D("1E-30"), "more_than", D("1E-30"))
    with pytest.raises(ValueError, match="qualifier"):
        agrees(D(1), "roughly", D(1))  # type: ignore[arg-type]


_EXPONENTS = st.one_of(st.integers(-40, 40), st.integers(-1_000_000, 1_000_000))


def _numbers() -> st.SearchStrategy[Any]:
    """Any Decimal, written any way, and the ints and strings a document may hold."""
    built = st.builds(
        lambda sign, digits, exponent: D((sign, tuple(digits), exponent)),
        st.integers(0, 1),
        st.lists(st.integers(0, 9), min_size=1, max_size=80),
        _EXPONENTS,
    )
    return st.one_of(
        st.none(),
        st.decimals(allow_nan=True, allow_infinity=True),
        built,
        st.integers(-(10**40), 10**40),
        st.sampled_from(
            [*HOSTILE.values(), WIDEST, NARROWEST, TINY, D("3E+1"), D("-0"), D("0E-30")]
        ),
        built.map(str),
    )


NUMBERS = _numbers()


@st.composite
def _attempts(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    row = {f: draw(NUMBERS) for f in ("planned", "achieved", "percent_printed", "promised")}
    row["comparator"] = draw(st.sampled_from(COMPARATORS))
    if row["comparator"] == "range" and draw(st.booleans()):
        row["planned_upper"] = draw(NUMBERS)
    other = {
        "value": draw(NUMBERS),
        "qualifier": draw(st.sampled_from(QUALIFIERS)),
        "note": draw(st.sampled_from(["", "-", "explained"])),
    }
    return row, other


@settings(max_examples=400, deadline=None)
@given(_attempts())
def test_any_report_the_constructors_accept_is_audited_without_raising(
    attempt: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    fields, other = attempt
    try:
        row = _row(**fields)
    except ValueError as exc:  # refused where it is built, naming the field
        refused = str(exc).split(":")[0]
    else:
        refused = None
    if refused is not None:
        assert refused in fields
        return
    try:
        value = Mention("m", "x", other["value"], "p. 1", qualifier=other["qualifier"]).value
    except ValueError:
        value = D(1)
    numbers = [v for v in (row.planned, row.achieved, value) if v is not None]
    report = Report(
        "r",
        "R",
        rows=[row],
        mentions=[
            Mention("a", "x", value, "p. 1", qualifier=other["qualifier"], row="1"),
            Mention("b", "x", value, "p. 2", column="planned", row="1"),
            Mention("c", "x", numbers[0] if numbers else value, "p. 3", qualifier="about"),
        ],
        breakdowns=[Breakdown("b", "x", value, [(str(i), v) for i, v in enumerate(numbers)])],
        charts=[Chart("c", [(str(i), v) for i, v in enumerate(numbers)], value)],
        tallies=[
            Tally(
                "t",
                "direct",
                value,
                "persons",
                row="1",
                parts=[
                    TallyPart(str(i), v, "persons", "participations", row="1")
                    for i, v in enumerate(numbers)
                ],
            )
        ],
        deviation_note=other["note"],
    )
    check = check_report(report)
    assert check.rows == 1
    for tolerance in (None, D(0), D("1E-30")):
        audit_report(report, tolerance=tolerance, overshoot=D(0))


def test_rows_the_property_found_raising() -> None:
    # below a plan of 0 there is no percentage (it divided by zero)
    (f,) = audit_report(Report("r", "R", rows=[_row(planned=D("-0"), achieved=-1)]))
    assert (f.code, f.numbers["percent"]) == ("unexplained-shortfall", None)
    assert "%" not in f.message_en and "%" not in f.message_ru
    # a range printed with its upper bound only (it formatted None)
    (g,) = audit_report(
        Report("r", "R", rows=[_row(achieved=1, comparator="range", planned_upper=D(0))])
    )
    assert g.code == "above-range" and "a plan of up to 0," in g.message_en
    assert "при плане до 0," in g.message_ru


def _document(planned: str, percent: str = "null") -> str:
    return (
        '{"schema": "civicgrants/report@1", "id": "r", "title": "R", "rows": [{"key": "1", '
        '"task": "T", "activity": null, "indicator": "i", "unit": null, '
        f'"planned": {planned}, "achieved": 1, "percent_printed": {percent}}}], '
        '"deviation_note": "explained"}'
    )


@pytest.mark.parametrize("planned", ["1e60", "1E+999999", "7" * 1000, "1e-40", '"1e60"'])
def test_a_document_with_such_a_number_is_a_located_document_error(planned: str) -> None:
    with pytest.raises(DocumentError) as caught:
        loads(_document(planned))
    assert isinstance(caught.value, CivicGrantsError)
    assert "rows[0].planned" in str(caught.value)


# -- the tolerance of a printed percentage ------------------------------------------------


def test_the_tolerance_follows_the_printed_digits_and_a_positive_exponent_is_whole() -> None:
    assert printed_tolerance(D("30")) == D("0.5")
    assert printed_tolerance(D("30.0")) == D("0.05")
    assert printed_tolerance(D("30.00")) == D("0.005")
    for whole in ("3E+1", "30E+0", "0.3E+2", "3E+10"):  # whole numbers written short
        assert printed_tolerance(D(whole)) == D("0.5"), whole
    assert printed_tolerance(D(30).normalize()) == printed_tolerance(D(30))


@pytest.mark.parametrize(
    ("printed", "flagged"),
    [("30", True), ("30.0", True), ("3E+1", True), ("33", False), ("3.3E+1", False),
     ("33.3", False), ("33.3E+0", False), ("33.4", True)],
)  # fmt: skip
def test_a_percentage_written_in_json_is_judged_as_printed(printed: str, flagged: bool) -> None:
    # 1 of 3 is 33.33…%: «30» and «3E+1» are both 3.3 points off, never within ±5
    report = loads(_document("3", printed))
    assert isinstance(report, Report)
    codes = [f.code for f in audit_report(report)]
    assert ("percent-mismatch" in codes) is flagged, (printed, codes)


def test_the_json_number_keeps_its_written_precision() -> None:
    for text, expected in (("30", "0.5"), ("30.0", "0.05"), ("3E+1", "0.5"), ("3.0E+1", "0.5")):
        report = loads(_document("3", text))
        assert isinstance(report, Report)
        printed = report.rows[0].percent_printed
        assert printed is not None and printed_tolerance(printed) == D(expected), text
        json.dumps(str(printed))
