"""A final report's header against its application and its grant agreement.

A red-team review found that the check matched a report to what it answers by one field
only. Every field the header carries is now compared with what is given, each difference a
finding with both values: the application's id, the amount requested and the applicant's
name; the agreement's number, award, grantee, signing date and the application it funds.
"""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest

from civicgrants.agreement import (
    AgreementStatus,
    Decision,
    DecisionKind,
    GrantAgreement,
    Tranche,
    sign,
)
from civicgrants.datasets import seed_001_dossier, seed_002_final_report, seed_003_final_report
from civicgrants.dossier import Dossier, FinalReport, check_final_report, draft_report
from civicgrants.dossier.report_check import AgreementTerms
from civicgrants.io.render import render
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.money import Money

SIGNED = dt.date(2021, 3, 1)


def _header_codes(findings: tuple[Finding, ...]) -> list[str]:
    return [f.code for f in findings if f.location == "agreement"]


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return seed_001_dossier()


@pytest.fixture(scope="module")
def report(dossier: Dossier) -> FinalReport:
    draft = draft_report(dossier, number="001/2021", signed=SIGNED)
    return attrs.evolve(draft, agreement=attrs.evolve(draft.agreement, grant=dossier.requested))


def _agreement(report: FinalReport, *, signs: bool = True, **changes: object) -> GrantAgreement:
    head = report.agreement
    award = changes.pop("award", head.grant)
    assert isinstance(award, Money)
    a = GrantAgreement(
        "ga-001",
        head.number,
        "Operator",
        head.grantee,
        Decision(DecisionKind.COMMISSION, "call-2021"),
        award,
        SIGNED,
        dt.date(2021, 12, 31),
        tranches=(Tranche("t1", SIGNED, award),),
        application=head.application,
    )
    return attrs.evolve(sign(a, SIGNED) if signs else a, **changes)


def test_a_matching_header_has_no_finding(dossier: Dossier, report: FinalReport) -> None:
    agreement = _agreement(report)
    terms: AgreementTerms = agreement  # a GrantAgreement is what the check reads
    check = check_final_report(report, dossier, agreement=terms)
    assert _header_codes(check.findings) == []
    assert (check.application, check.agreement) == ("seed-001", "ga-001")
    # spacing, case and a leading № do not make another agreement
    renumbered = attrs.evolve(agreement, number="№ 001/2021")
    assert _header_codes(check_final_report(report, dossier, agreement=renumbered).findings) == []


@pytest.mark.parametrize(
    ("change", "code", "severity", "numbers"),
    [
        (
            {"number": "002/2021"},
            "report-for-other-agreement",
            Severity.ERROR,
            {"printed": "001/2021", "agreement": "002/2021"},
        ),
        (
            {"award": Money(1_000_000)},
            "grant-differs-from-agreement",
            Severity.ERROR,
            {"printed": Money("31891320"), "agreement": Money(1_000_000)},
        ),
        (
            {"grantee": "ОО «Другая организация»"},
            "grantee-differs-from-agreement",
            Severity.WARNING,
            {"printed": None, "agreement": "ОО «Другая организация»"},
        ),
        (
            {"signed": dt.date(2021, 3, 2)},
            "signed-differs-from-agreement",
            Severity.WARNING,
            {"printed": "2021-03-01", "agreement": "2021-03-02"},
        ),
        (
            {"application": "seed-009"},
            "agreement-for-other-application",
            Severity.ERROR,
            {"agreement": "ga-001", "funds": "seed-009", "application": "seed-001"},
        ),
    ],
)
def test_each_field_of_the_header_against_the_agreement(
    dossier: Dossier,
    report: FinalReport,
    change: dict[str, object],
    code: str,
    severity: Severity,
    numbers: dict[str, object],
) -> None:
    agreement = _agreement(report, **change)
    (f,) = [f for f in check_final_report(report, dossier, agreement=agreement).findings
            if f.location == "agreement"]  # fmt: skip
    expected = {k: (report.agreement.grantee if v is None else v) for k, v in numbers.items()}
    assert (f.code, f.severity, dict(f.numbers)) == (code, severity, expected)
    for value in expected.values():  # both values, in both languages
        assert str(value) in f.message_en and str(value) in f.message_ru, (value, f.message_en)


def test_an_unsigned_agreement_against_a_dated_header(report: FinalReport) -> None:
    draft = _agreement(report, signs=False)  # not signed yet
    assert draft.status is AgreementStatus.DRAFT
    (f,) = [f for f in check_final_report(report, agreement=draft).findings
            if f.code == "signed-differs-from-agreement"]  # fmt: skip
    assert f.numbers == {"printed": "2021-03-01", "agreement": None}
    assert "not signed" in f.message_en and "не подписан" in f.message_ru


def test_a_header_that_leaves_a_field_out_is_not_compared_on_it(report: FinalReport) -> None:
    bare = attrs.evolve(report, agreement=attrs.evolve(report.agreement, signed=None))
    assert _header_codes(check_final_report(bare, agreement=_agreement(report)).findings) == []


def test_without_the_application_the_agreement_names_it(report: FinalReport) -> None:
    other = _agreement(report, application="seed-009")
    findings = check_final_report(report, agreement=other).findings
    (f,) = [f for f in findings if f.location == "agreement"]
    assert (f.code, dict(f.numbers)) == (
        "report-for-other-application",
        {"named": "seed-001", "application": "seed-009"},
    )


def test_the_grantee_against_the_applicant(dossier: Dossier, report: FinalReport) -> None:
    def codes(grantee: str) -> list[str]:
        changed = attrs.evolve(report, agreement=attrs.evolve(report.agreement, grantee=grantee))
        return _header_codes(check_final_report(changed, dossier).findings)

    organisation = dossier.questionnaire.organisation
    assert organisation.names.en is not None
    same = [
        organisation.names.get("ru"),
        organisation.names.en,
        organisation.id,
        # a legal form abbreviated, other quotes, other spacing and case
        'ОЮЛ "Гражданский  альянс Мангистауской области по вопросам развития общества"',
    ]
    for grantee in same:
        assert codes(grantee) == [], grantee
    assert codes("ОО «Зелёная солидарность»") == ["grantee-differs-from-application"]
    changed = attrs.evolve(
        report, agreement=attrs.evolve(report.agreement, grantee="ОО «Зелёная солидарность»")
    )
    (f,) = [f for f in check_final_report(changed, dossier).findings
            if f.code == "grantee-differs-from-application"]  # fmt: skip
    assert f.numbers == {
        "printed": "ОО «Зелёная солидарность»",
        "application": organisation.names.get("ru"),
    }


def test_the_view_names_the_agreement(dossier: Dossier, report: FinalReport) -> None:
    check = check_final_report(report, dossier, agreement=_agreement(report, number="7"))
    assert "the header was compared with grant agreement ga-001" in render(check, "text")
    assert "сверена с договором о гранте ga-001" in render(check, "text", lang="ru")
    assert "ga-001 грант шартымен салыстырылды" in render(check, "text", lang="kk")
    data = json.loads(render(check, "json"))
    assert data["agreement"] == "ga-001"
    assert [f["code"] for f in data["findings"]][:1] == ["report-for-other-agreement"]
    alone = json.loads(render(check_final_report(report), "json"))
    assert alone["agreement"] is None
    assert "grant agreement" not in render(check_final_report(report), "text")


@pytest.mark.parametrize("seed", [seed_002_final_report, seed_003_final_report])
def test_the_seeds_keep_their_findings_and_agree_with_their_own_header(seed: object) -> None:
    report = seed()  # type: ignore[operator]
    alone = check_final_report(report).findings
    assert not [f for f in alone if f.location == "agreement"]
    head = report.agreement
    award = head.grant
    agreement = GrantAgreement(
        "ga-seed",
        head.number,
        "Operator",
        head.grantee,
        Decision(DecisionKind.COMMISSION, "call"),
        award,
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
        tranches=(Tranche("t1", dt.date(2024, 1, 1), award),),
        signed=head.signed,
        status=AgreementStatus.SIGNED if head.signed else AgreementStatus.DRAFT,
    )
    against = check_final_report(report, agreement=agreement).findings
    assert against == alone
