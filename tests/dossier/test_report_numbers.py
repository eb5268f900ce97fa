"""A final report's numbers: bounded where they are built, exact in the audit, never raising.

The final-report check runs the indicator audit and adds its own arithmetic (proposals in
thousands of tenge against the grant, counts of tables, plans read from the application).
Every number it reads is either refused at construction with a located message or handled
exactly: the check itself raises nothing.
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.budget.model import Source
from civicgrants.datasets import seed_001_dossier
from civicgrants.dossier import (
    Agreement,
    Dossier,
    FinalReport,
    Finances,
    Letter,
    Proposal,
    Spending,
    TableCount,
    check_final_report,
    draft_report,
)
from civicgrants.errors import DocumentError
from civicgrants.indicators import Report, ReportRow, Target, TargetForm
from civicgrants.indicators.report import FIGURE_PLACES
from civicgrants.io import dumps, loads
from civicgrants.model.money import Money

D = Decimal
BIG = D("9" * FIGURE_PLACES)  # the largest whole number a report holds


@pytest.mark.parametrize("value", [D("1e60"), D("1E+999999"), D("7" * 1000), D("1E-999999")])
def test_proposals_and_counts_refuse_numbers_beyond_the_bound(value: Decimal) -> None:
    with pytest.raises(ValueError, match=r"^amount: "):
        Proposal("p", "P", amount=value)
    with pytest.raises(ValueError, match=r"^unit: "):
        Proposal("p", "P", amount=1, unit=value)
    with pytest.raises(ValueError, match=r"^value: "):
        TableCount("c", "letters", "p. 1", value=value)


def _report(**kw: Any) -> FinalReport:
    row = ReportRow("T1.1", "T1", None, "letters", None, planned=3, achieved=3)
    base: dict[str, Any] = {
        "agreement": Agreement("7", Money(5_000_000), "NGO"),
        "indicators": Report("r", "Final report", rows=[row], deviation_note="explained"),
        "finances": Finances([Spending("a", "1", "Goods", Money(5_000_000))]),
    }
    return FinalReport(**(base | kw))


def test_a_proposal_at_the_bound_is_compared_exactly() -> None:
    # 10**30 − 1 thousand-tenge units of 10**30 − 1: a 60-digit sum of tenge, exactly
    proposal = Proposal("p", "Everything", amount=BIG, unit=BIG)
    assert proposal.tenge() == D(int(BIG) ** 2)
    (f,) = [f for f in check_final_report(_report(proposals=[proposal])).findings
            if f.code == "proposal-scale"]  # fmt: skip
    assert f.numbers["tenge"] == D(int(BIG) ** 2)
    times = round(Fraction(int(BIG) ** 2, 5_000_000))
    assert str(times) in f.message_en  # the exact ratio, not decimal.InvalidOperation
    assert check_final_report(_report(proposals=[Proposal("q", "Q", amount=499, unit=1000)]))


def test_a_plan_beyond_a_reports_numbers_is_a_finding_not_a_crash() -> None:
    dossier = seed_001_dossier()
    report = draft_report(dossier, number="1")
    first = dossier.content.monitoring[0]
    tiny = Target(TargetForm.AT_LEAST, value=D("1.5E-30"))  # 31 places after the point
    changed = attrs.evolve(
        dossier,
        content=attrs.evolve(
            dossier.content,
            monitoring=(attrs.evolve(first, target=tiny), *dossier.content.monitoring[1:]),
        ),
    )
    check = check_final_report(report, changed)
    (f,) = [f for f in check.findings if f.code == "plan-out-of-range"]
    assert (f.location, f.numbers["plan"], f.numbers["application"]) == (
        report.indicators.rows[0].key,
        first.code,
        D("1.5E-30"),
    )
    assert "30 digits after the decimal point" in f.message_en


_EXPONENTS = st.one_of(st.integers(-40, 40), st.integers(-1_000_000, 1_000_000))
NUMBERS = st.one_of(
    st.none(),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.builds(
        lambda sign, digits, exponent: D((sign, tuple(digits), exponent)),
        st.integers(0, 1),
        st.lists(st.integers(0, 9), min_size=1, max_size=70),
        _EXPONENTS,
    ),
    st.integers(-(10**40), 10**40),
    st.sampled_from([BIG, -BIG, D("1E-30"), D("0"), D("3E+1"), D("1e60")]),
)


@functools.cache
def _dossier() -> Dossier:
    return seed_001_dossier()


@settings(max_examples=150, deadline=None)
@given(
    planned=NUMBERS,
    achieved=NUMBERS,
    percent=NUMBERS,
    count=NUMBERS,
    amount=NUMBERS,
    unit=NUMBERS,
    qualifier=st.sampled_from(["exact", "at_least", "more_than", "at_most", "about"]),
)
def test_any_final_report_the_constructors_accept_is_checked_without_raising(
    planned: Any,
    achieved: Any,
    percent: Any,
    count: Any,
    amount: Any,
    unit: Any,
    qualifier: str,
) -> None:
    try:
        row = ReportRow("T1.1", "T1", None, "letters", None, planned=planned,
                        achieved=achieved, percent_printed=percent)  # fmt: skip
    except ValueError:
        return

    def counts(key: str) -> list[TableCount]:
        by_row = TableCount("b", "letters", "p. 2", row=key, qualifier=qualifier)
        try:
            return [TableCount("a", "letters", "p. 1", value=count, qualifier=qualifier), by_row]
        except (ValueError, ArithmeticError):  # model.fields.ge compares a NaN: InvalidOperation
            return [by_row]

    try:
        proposals = [Proposal("p", "P", amount=amount, unit=unit if unit else 1)]
    except (ValueError, ArithmeticError):  # model.fields.ge compares a NaN: InvalidOperation
        proposals = []
    report = _report(
        indicators=Report("r", "R", rows=[row]),
        letters=[Letter("l1", "60", "Akim")],
        finances=Finances([Spending("a", "1.1", "Goods", Money(5_000_000), row="T1.1")]),
        counts=counts("T1.1"),
        proposals=proposals,
    )
    assert check_final_report(report).rows == 1
    dossier = _dossier()
    linked = draft_report(dossier, number="1")
    first = attrs.evolve(linked.indicators.rows[0], achieved=row.achieved,
                         percent_printed=row.percent_printed)  # fmt: skip
    rows = (first, *linked.indicators.rows[1:])
    linked = attrs.evolve(
        linked,
        indicators=attrs.evolve(linked.indicators, rows=rows),
        counts=counts(first.key),
        proposals=proposals,
    )
    check_final_report(linked, dossier)


def test_spending_that_adds_up_beyond_an_amount_is_refused_where_it_is_built() -> None:
    most = Money("9" * 26)  # 26 digits and the tiyn: the most an amount holds
    assert Finances([Spending("a", "1", "Goods", most)]).spent(Source.GRANT) == most
    with pytest.raises(ValueError, match=r"^lines: the spending and the refund add up beyond"):
        Finances([Spending("a", "1", "Goods", most), Spending("b", "2", "Works", most)])
    with pytest.raises(ValueError, match=r"^lines: "):
        Finances([Spending("a", "1", "Goods", most)], refunded=Money(1))
    data = json.loads(dumps(_report(finances=Finances([Spending("a", "1", "Goods", most)]))))
    line = data["finances"]["lines"][0]
    data["finances"]["lines"].append(line | {"key": "b", "code": "2"})
    with pytest.raises(DocumentError, match=r"finances\.lines: the spending and the refund add"):
        loads(json.dumps(data))
