"""Hypothesis strategies for final reports (Annex 7): `FinalReport`.

`final_reports()` draws valid reports, their numbers consistent or not;
`consistent_final_reports()` draws reports whose audit is clean and in which
every printed number is pinned by another (a percentage, a restatement, a sum, a
count), so that changing any one of them is a finding. Downstream test suites use
them like this::

    from hypothesis import given

    from civicgrants.dossier import check_final_report
    from civicgrants.testing.final_report import consistent_final_reports


    @given(consistent_final_reports())
    def test_a_clean_report_stays_clean(report):
        assert check_final_report(report).findings == ()
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from civicgrants.dossier.report import (
    Agreement,
    FinalReport,
    Finances,
    GoalAchievement,
    Letter,
    PartnerKind,
    Proposal,
    ReportPartner,
    ResultItem,
    Spending,
    Story,
    TableCount,
)
from civicgrants.indicators.report import (
    Breakdown,
    Mention,
    Report,
    ReportRow,
    RowColumn,
    Tally,
    TallyPart,
)
from civicgrants.model.money import Money

__all__ = ["consistent_final_reports", "final_reports"]

_WORDS = ("Семинар", "Оқыту", "Training", "Форум «Таза көл»", "letters", "участники")
_TEXT = st.sampled_from(_WORDS)
_KINDS = [k for k in PartnerKind if k is not PartnerKind.SUPPLIER]


def _percent(achieved: int, planned: int) -> Decimal:
    return (Decimal(achieved) * 100 / Decimal(planned)).quantize(Decimal(1), ROUND_HALF_UP)


@st.composite
def consistent_final_reports(draw: st.DrawFn) -> FinalReport:
    """Final reports whose audit finds nothing, every printed number pinned by another.

    Rows plan 1 to 50 and achieve 100 % to 300 % of it (the deviation field
    explains the overshoots), each printing its percentage rounded to a whole
    number; figures restated elsewhere refer to their rows; breakdowns and the
    beneficiaries' tally sum; counts of the partners (rows and bodies), letters and
    recommendations printed elsewhere match the tables; the spending and the refund
    add up to the grant.

    Parameters
    ----------
    draw : hypothesis.strategies.DrawFn
        Supplied by hypothesis: call ``consistent_final_reports()`` without
        arguments.

    Returns
    -------
    SearchStrategy[FinalReport]
        Reports for which `civicgrants.dossier.check_final_report()` returns no
        finding.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from civicgrants.dossier import check_final_report
    >>> @settings(max_examples=10, database=None, deadline=None)
    ... @given(consistent_final_reports())
    ... def clean(report):
    ...     assert check_final_report(report).findings == ()
    >>> clean()

    See Also
    --------
    final_reports : reports whose numbers need not agree.
    civicgrants.dossier.check_final_report : the audit they pass.
    """
    n = draw(st.integers(1, 5))
    rows = []
    actuals = []
    for i in range(1, n + 1):
        planned = draw(st.integers(1, 50))
        achieved = draw(st.integers(planned, 3 * planned))
        actuals.append(achieved)
        rows.append(
            ReportRow(
                f"T1.{i}",
                "Task 1",
                f"Activity {i}",
                draw(_TEXT),
                "persons",
                planned=Decimal(planned),
                achieved=Decimal(achieved),
                percent_printed=_percent(achieved, planned),
                comparator="at_least",
            )
        )
    mentions: list[Mention] = []
    columns: tuple[RowColumn, ...] = ("planned", "achieved")
    for row in rows:
        for column in draw(st.lists(st.sampled_from(columns), max_size=2)):
            value = row.value(column) or Decimal(0)
            mentions.append(
                Mention(
                    f"m{len(mentions) + 1}",
                    f"{column}-{row.key}",
                    value,
                    "narrative",
                    row=row.key,
                    column=column,
                )
            )
    parts = [Decimal(v) for v in draw(st.lists(st.integers(0, 400), min_size=1, max_size=4))]
    breakdown = Breakdown(
        "gender",
        "participants by gender",
        sum(parts, Decimal(0)),
        tuple((f"part {j}", v) for j, v in enumerate(parts, 1)),
    )
    first = rows[0]
    split = Decimal(draw(st.integers(0, actuals[0])))
    direct = Decimal(actuals[0])
    tally = Tally(
        "direct",
        "direct beneficiaries",
        direct,
        "persons",
        parts=(TallyPart("a", split, "persons"), TallyPart("b", direct - split, "persons")),
        kind="direct",
        row=first.key,
    )
    partners = [
        ReportPartner(
            f"p{j}",
            f"Partner {j}",
            "venues",
            draw(st.sampled_from(_KINDS)),
            bodies=draw(st.integers(1, 5)),
        )
        for j in range(1, draw(st.integers(1, 3)) + 1)
    ]
    letters = [
        Letter(f"l{j}", str(10 + j), "Akimat", recommendations=draw(st.integers(0, 10)))
        for j in range(1, draw(st.integers(1, 3)) + 1)
    ]
    counts = [
        TableCount("partner-rows", "partners", "section 5", value=Decimal(len(partners))),
        TableCount(
            "partner-bodies",
            "partners",
            "Table B",
            value=Decimal(sum(p.bodies for p in partners)),
            bodies=True,
        ),
        TableCount("letter-count", "letters", "T3.M2", value=Decimal(len(letters))),
        TableCount(
            "recommendation-count",
            "recommendations",
            "T3.M2",
            value=Decimal(sum(letter.recommendations or 0 for letter in letters)),
        ),
    ]
    spent = [draw(st.integers(1, 10_000_000)) for _ in range(draw(st.integers(1, 3)))]
    refunded = draw(st.integers(0, 1_000_000))
    finances = Finances(
        tuple(Spending(f"s{j}", f"{j}", f"Line {j}", Money(v)) for j, v in enumerate(spent, 1)),
        refunded=Money(refunded),
    )
    report = Report(
        "r",
        "Final report",
        "2024-03-13/2024-11-25",
        rows=tuple(rows),
        breakdowns=(breakdown,),
        mentions=tuple(mentions),
        tallies=(tally,),
        deviation_note="more residents came than planned",
    )
    grant = sum(spent) + refunded
    return FinalReport(
        Agreement("92", Money(grant), "NGO «Зелёная солидарность»"),
        report,
        goal=GoalAchievement("Involve residents", rows=(first.key,)),
        results=tuple(ResultItem(f"r{j}", draw(_TEXT), number=f"{j}.") for j in range(1, 3)),
        partners=tuple(partners),
        letters=tuple(letters),
        stories=(
            Story("s", "A club reopens", situation="closed", impact="repairs", result="open daily"),
        ),
        proposals=(
            Proposal("p", "Green farming", amount=Decimal(draw(st.integers(0, grant // 10)))),
        ),
        counts=tuple(counts),
        finances=finances,
    )


def final_reports() -> st.SearchStrategy[FinalReport]:
    """Valid final reports, their numbers consistent or not (the audit's job).

    Returns
    -------
    SearchStrategy[FinalReport]
        A `consistent_final_reports()` report, or one with any one of its
        printed numbers, its supplier flag or its letter numbers changed.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from civicgrants.io import dumps, loads
    >>> @settings(max_examples=10, database=None, deadline=None)
    ... @given(final_reports())
    ... def round_trip(report):
    ...     assert loads(dumps(report)) == report
    >>> round_trip()

    See Also
    --------
    consistent_final_reports : only clean reports.
    civicgrants.testing.document_strategy : every document type's strategy.
    """
    return st.one_of(consistent_final_reports(), _changed())


@st.composite
def _changed(draw: st.DrawFn) -> FinalReport:
    report = draw(consistent_final_reports())
    what = draw(st.sampled_from(["row", "grant", "supplier", "letter", "nothing"]))
    if what == "row":
        row = report.indicators.rows[0]
        rows = (
            attrs.evolve(row, achieved=Decimal(draw(st.integers(0, 500)))),
            *report.indicators.rows[1:],
        )
        return attrs.evolve(report, indicators=attrs.evolve(report.indicators, rows=rows))
    if what == "grant":
        grant = Money(draw(st.integers(0, 40_000_000)))
        return attrs.evolve(report, agreement=attrs.evolve(report.agreement, grant=grant))
    if what == "supplier":
        supplier = ReportPartner("supplier", "Catering LLP", "lunches", PartnerKind.SUPPLIER)
        return attrs.evolve(report, partners=(*report.partners, supplier))
    if what == "letter":
        twin: Any = attrs.evolve(report.letters[0], key="twin")
        return attrs.evolve(report, letters=(*report.letters, twin))
    return report
