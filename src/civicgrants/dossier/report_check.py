"""The audit of a final report (Annex 7), alone or against its application dossier.

`check_final_report()` runs the indicator audit
(`civicgrants.indicators.audit_report()`) on the report's indicator table,
with the plan of every linked row read from the application's monitoring plan,
and adds the checks that need the rest of the form:

==================================== ===================================================
Code                                 Meaning
==================================== ===================================================
``report-for-other-application``     the header names another application
``grant-differs-from-request``       the header's grant ≠ the amount requested
``grantee-differs-from-application`` the header's grantee is not the applicant
``report-for-other-agreement``       the header's number is not the agreement's
``grant-differs-from-agreement``     the header's grant ≠ the agreement's award
``grantee-differs-from-agreement``   the header's grantee ≠ the agreement's
``signed-differs-from-agreement``    the header's signing date ≠ the agreement's
``agreement-for-other-application``  the agreement funds another application
``plan-link-unknown``                a row names an indicator the monitoring plan lacks
``plan-out-of-range``                the plan's target is beyond a report's numbers
``plan-restated``                    a row prints a plan other than the application's
``plan-unreported``                  a monitoring-plan indicator has no row
``supplier-as-partner``              a supplier is listed as a partner
``letter-number-reused``             two letters carry one outgoing number
``count-differs``                    a printed count of a table ≠ the table
``proposal-scale``                   a proposal reads as far more than this grant
``result-number-repeated``           two items of section 5 are printed under one number
``story-incomplete``                 a success story lacks situation, impact or result
``finances-missing``                 the report has no financial part
``spent-over-grant``                 more grant spent than the agreement gives
``grant-unaccounted``                spent + refunded ≠ the grant
``spending-plan-differs``            a line's printed plan ≠ the estimate's
``finances-currency``                the spending is in another currency than the grant
==================================== ===================================================

The header (`Agreement`) is compared with what is
given: with an application, its id, the amount requested and the applicant's
name; with the grant agreement itself (any object with the fields of
`AgreementTerms`, such as `civicgrants.agreement.GrantAgreement`),
its number, award, grantee, signing date and the application it funds. Each
difference is a finding that carries both values; a field the header leaves
out is not compared. Names are compared as people write them: case, spacing
and the kind of quotes do not count, and when both names quote the
organisation's own name («…») after its legal form, the quoted names are
compared (``ОО «Зелёная солидарность»`` is ``Общественное объединение «Зелёная
солидарность»``).

With an application, the spending lines also go through the budget package's
execution model (`civicgrants.budget.execute()`) against the estimate, and
its findings (``overspend``, ``actual-unknown-code`` …) are the report's, located
under ``finances/``. Computation only: the text and JSON live in
`civicgrants.io.views.dossier`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

import attrs

from civicgrants.budget.execution import Execution, execute
from civicgrants.budget.model import Source
from civicgrants.dossier.model import Dossier, Indicator
from civicgrants.dossier.report import FinalReport, PartnerKind, Spending, TableCount
from civicgrants.indicators.model import Target, TargetForm
from civicgrants.indicators.report import (
    OVERSHOOT,
    Comparator,
    Report,
    ReportRow,
    agrees,
    audit_report,
    figure_problem,
)
from civicgrants.model.display import shows
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.money import Money

__all__ = [
    "PROPOSAL_SCALE",
    "AgreementTerms",
    "FinalReportCheck",
    "check_final_report",
    "plan_of",
]

PROPOSAL_SCALE = Decimal(100)
"""A proposal whose amount, read in its column's unit, is more than this many
times the report's own grant is flagged: «7 000 000» under «тысячи тенге» is
7 billion tenge against a 5 million grant."""

_COMPARATOR: dict[TargetForm, Comparator] = {
    TargetForm.AT_LEAST: "at_least",
    TargetForm.AT_MOST: "at_most",
    TargetForm.EXACTLY: "exact",
    TargetForm.RANGE: "range",
    TargetForm.PER_EVENT: "per_event",
}


class AgreementTerms(Protocol):
    """What the final-report check reads of the grant agreement a report answers.

    `civicgrants.agreement.GrantAgreement` has these fields; the dossier
    package does not import the agreement package (they are one layer), so the
    check names what it reads instead.

    Examples
    --------
    >>> from civicgrants.testing.agreement import example_agreement
    >>> terms: AgreementTerms = example_agreement()
    >>> terms.number, str(terms.award)
    ('14', '1000000.00 KZT')

    See Also
    --------
    check_final_report : compares a report's header with it.
    civicgrants.agreement.GrantAgreement : the agreement.
    """

    @property
    def id(self) -> str:
        """Its id."""

    @property
    def number(self) -> str:
        """Its number as printed."""

    @property
    def grantee(self) -> str:
        """Who receives the grant."""

    @property
    def award(self) -> Money:
        """The amount awarded."""

    @property
    def signed(self) -> dt.date | None:
        """When it was signed (``None`` while it is a draft)."""

    @property
    def application(self) -> str | None:
        """The id of the application it funds, if known."""


_QUOTES = str.maketrans(dict.fromkeys("«»“”„‟\"'‘’‚‛`", '"'))
_QUOTED = re.compile(r'"([^"]+)"')


def _name_forms(name: str) -> tuple[str, str | None]:
    """A name as compared (case, spaces, quotes folded), and its quoted part if any."""
    folded = " ".join(name.translate(_QUOTES).casefold().split())
    quoted = _QUOTED.findall(folded)
    return folded, (" ".join(quoted[-1].split()) if quoted else None)


def _same_name(a: str, b: str) -> bool:
    """Whether two printed names of an organisation name the same one (module docs)."""
    (fa, qa), (fb, qb) = _name_forms(a), _name_forms(b)
    return fa == fb or (qa is not None and qa == qb)


def plan_of(target: Target) -> tuple[Decimal, Decimal | None, Comparator] | None:
    """A monitoring-plan target as a report row's plan: ``(planned, upper, comparator)``.

    Parameters
    ----------
    target : Target
        A target of the application's monitoring plan.

    Returns
    -------
    tuple or None
        The lower (or only) number, the upper bound of a range (else ``None``) and
        the row comparator; ``None`` for a target by category or a change
        against a baseline, which a row's number cannot restate.

    Examples
    --------
    >>> plan_of(Target(TargetForm.RANGE, low=50, high=100))
    (Decimal('50'), Decimal('100'), 'range')
    >>> plan_of(Target(TargetForm.PER_EVENT, per_event=15, events=10))
    (Decimal('150'), None, 'per_event')

    See Also
    --------
    check_final_report : reads linked rows' plans this way.
    """
    comparator = _COMPARATOR.get(target.form)
    if comparator is None or target.categorical:
        return None
    if target.form is TargetForm.RANGE:
        if target.low is None or target.high is None:
            return None
        return target.low, target.high, comparator
    low = target.threshold()
    return (low, None, comparator) if low is not None else None


@shows
@attrs.frozen
class FinalReportCheck:
    """The audit of a final report: what ``civicgrants report-check`` prints for one.

    Attributes
    ----------
    report : str
        The report's id.
    application : str or None
        The id of the application it was checked against, if any.
    rows : int
        How many indicator rows the report has.
    linked : int
        How many of them report on an indicator of the application's monitoring
        plan (0 without an application).
    planned : int
        How many indicators the application's monitoring plan has (0 without one).
    findings : tuple of Finding
        Every finding, in the order of `check_final_report()`.
    execution : Execution or None
        The spending against the estimate, when checked against an application
        with a financial part.
    source : str or None
        Where the report was read from, if given.
    agreement : str or None
        The id of the grant agreement its header was compared with, if any.

    Examples
    --------
    >>> from civicgrants.datasets import seed_003_final_report
    >>> check = check_final_report(seed_003_final_report())
    >>> check.report, check.application, check.has_errors
    ('seed-003', None, True)

    See Also
    --------
    check_final_report : builds it.
    civicgrants.io.views.dossier : prints it.
    """

    report: str
    application: str | None
    rows: int
    linked: int
    planned: int
    findings: tuple[Finding, ...]
    execution: Execution | None = None
    source: str | None = None
    agreement: str | None = None

    @property
    def has_errors(self) -> bool:
        """Whether a finding is an error (the command then exits 1).

        Returns
        -------
        bool
            True when some finding has severity ``ERROR``.

        Examples
        --------
        >>> FinalReportCheck("r", None, 0, 0, 0, ()).has_errors
        False

        See Also
        --------
        FinalReportCheck.findings : the findings.
        """
        return any(f.severity is Severity.ERROR for f in self.findings)


def check_final_report(
    report: FinalReport,
    application: Dossier | None = None,
    *,
    agreement: AgreementTerms | None = None,
    source: str | None = None,
    tolerance: Decimal | None = None,
    overshoot: Decimal = OVERSHOOT,
    proposal_scale: Decimal = PROPOSAL_SCALE,
) -> FinalReportCheck:
    """Audit a final report, against its application dossier and agreement when given.

    Parameters
    ----------
    report : FinalReport
        The report.
    application : Dossier, optional
        The application it reports on: the plan of every row linked to its
        monitoring plan is read from it, and the spending is executed against its
        estimate.
    agreement : AgreementTerms, optional
        The grant agreement it reports on (a
        `civicgrants.agreement.GrantAgreement`): the header's number,
        grant, grantee, signing date and application are compared with it.
    source : str, optional
        Where the report was read from, for the text's first line.
    tolerance : Decimal, optional
        How far a printed percentage may be from the computed one; by default
        half a unit of its last printed digit (`civicgrants.indicators.audit_report()`).
    overshoot : Decimal, optional
        The overshoot threshold in percent of plan (150 by default).
    proposal_scale : Decimal, optional
        How many times the grant a proposal may read as before it is flagged
        (`PROPOSAL_SCALE`).

    Returns
    -------
    FinalReportCheck
        In this order: the header against the application, then against the
        agreement; the links to the monitoring plan; the indicator audit; partners, letters, counts,
        proposals, results and stories; the finances (and the execution's
        findings).

    Examples
    --------
    >>> from civicgrants.datasets import seed_003_final_report
    >>> check = check_final_report(seed_003_final_report())
    >>> [(f.code, f.location) for f in check.findings if f.code in
    ...  ("letter-number-reused", "count-differs")]  # doctest: +NORMALIZE_WHITESPACE
    [('letter-number-reused', 'to-department'), ('count-differs', 'partner-ngos-tab-c'),
     ('count-differs', 'partner-ngos-t1m1'), ('count-differs', 'letters-t3m2'),
     ('count-differs', 'letters-t3m3'), ('count-differs', 'recommendations-t3m2'),
     ('count-differs', 'gsz-t3m3')]

    Against the agreement it reports on, the header must name it:

    >>> import attrs
    >>> from civicgrants.datasets import seed_002_final_report
    >>> from civicgrants.testing.agreement import example_agreement
    >>> report = seed_002_final_report()
    >>> agreement = attrs.evolve(example_agreement(), number="92", grantee=report.agreement.grantee)
    >>> for f in check_final_report(report, agreement=agreement).findings[:2]:
    ...     print(f.code, f.numbers)
    grant-differs-from-agreement {'printed': Money(amount=Decimal('5000000.00'), currency='KZT'), 'agreement': Money(amount=Decimal('1000000.00'), currency='KZT')}
    signed-differs-from-agreement {'printed': '2024-05-28', 'agreement': None}

    See Also
    --------
    FinalReportCheck : the result.
    civicgrants.dossier.audit : the application's own audit.
    civicgrants.indicators.audit_report : the indicator table's audit.
    """
    findings: list[Finding] = []
    indicators = report.indicators
    linked = planned = 0
    if application is not None:
        findings += _header(report, application)
    if agreement is not None:
        findings += _against_agreement(report, agreement, application)
    if application is not None:
        plan = {i.code: i for i in application.content.monitoring}
        planned = len(plan)
        link_findings, indicators, linked = _links(indicators, plan)
        findings += link_findings
    findings += audit_report(indicators, tolerance=tolerance, overshoot=overshoot)
    findings += _partners(report)
    findings += _letters(report)
    findings += _counts(report, indicators)
    findings += _proposals(report, proposal_scale)
    findings += _results_and_stories(report)
    money_findings, execution = _finances(report, indicators, application)
    findings += money_findings
    return FinalReportCheck(
        report.id,
        application.id if application is not None else None,
        len(indicators.rows),
        linked,
        planned,
        tuple(findings),
        execution,
        source,
        agreement.id if agreement is not None else None,
    )


def _plain(value: Decimal) -> str:
    return format(value, "f")


def _header(report: FinalReport, application: Dossier) -> list[Finding]:
    out: list[Finding] = []
    named = report.agreement.application
    if named is not None and named != application.id:
        out.append(
            Finding(
                "report-for-other-application",
                Severity.ERROR,
                "agreement",
                {"named": named, "application": application.id},
                f"Отчёт составлен по заявке {named}, а проверяется по заявке {application.id}",
                f"the report names application {named!r} but is checked against {application.id!r}",
            )
        )
    grant, requested = report.agreement.grant, application.requested
    if grant != requested:
        out.append(
            Finding(
                "grant-differs-from-request",
                Severity.INFO,
                "agreement",
                {"grant": grant.amount, "requested": requested.amount},
                f"По договору грант {_plain(grant.amount)} {grant.currency}, а в заявке "
                f"запрошено {_plain(requested.amount)} {requested.currency}",
                f"the agreement grants {_plain(grant.amount)} {grant.currency}; the "
                f"application requested {_plain(requested.amount)} {requested.currency}",
            )
        )
    organisation = application.questionnaire.organisation
    names = [organisation.names.ru, organisation.names.kk, organisation.names.en, organisation.id]
    grantee = report.agreement.grantee
    if not any(name is not None and _same_name(grantee, name) for name in names):
        applicant = organisation.names.get("ru", "kk", "en")
        out.append(
            Finding(
                "grantee-differs-from-application",
                Severity.WARNING,
                "agreement",
                {"printed": grantee, "application": applicant},
                f"В отчёте грантополучатель «{grantee}», а заявку подал «{applicant}»",
                f"the report names the grantee {grantee!r}; the application was filed by "
                f"{applicant!r}",
            )
        )
    return out


def _number_form(number: str) -> str:
    """An agreement's number as compared: spacing, case and a leading № do not count."""
    return "".join(number.split()).casefold().lstrip("№#")


def _against_agreement(
    report: FinalReport, agreement: AgreementTerms, application: Dossier | None
) -> list[Finding]:
    """The header against the agreement it reports on: each difference with both values."""
    head = report.agreement
    out: list[Finding] = []

    def add(code: str, severity: Severity, numbers: dict[str, object], ru: str, en: str) -> None:
        out.append(Finding(code, severity, "agreement", numbers, ru, en))

    if _number_form(head.number) != _number_form(agreement.number):
        add(
            "report-for-other-agreement",
            Severity.ERROR,
            {"printed": head.number, "agreement": agreement.number},
            f"Отчёт составлен по договору № {head.number}, а проверяется по договору "
            f"№ {agreement.number} ({agreement.id})",
            f"the report names agreement No. {head.number!r} but is checked against No. "
            f"{agreement.number!r} ({agreement.id})",
        )
    if head.grant != agreement.award:
        add(
            "grant-differs-from-agreement",
            Severity.ERROR,
            {"printed": head.grant, "agreement": agreement.award},
            f"В отчёте грант {head.grant}, а по договору {agreement.award}",
            f"the report's header states a grant of {head.grant}; the agreement awards "
            f"{agreement.award}",
        )
    if not _same_name(head.grantee, agreement.grantee):
        add(
            "grantee-differs-from-agreement",
            Severity.WARNING,
            {"printed": head.grantee, "agreement": agreement.grantee},
            f"В отчёте грантополучатель «{head.grantee}», а по договору «{agreement.grantee}»",
            f"the report names the grantee {head.grantee!r}; the agreement's grantee is "
            f"{agreement.grantee!r}",
        )
    if head.signed is not None and head.signed != agreement.signed:
        signed = agreement.signed.isoformat() if agreement.signed is not None else None
        add(
            "signed-differs-from-agreement",
            Severity.WARNING,
            {"printed": head.signed.isoformat(), "agreement": signed},
            f"В отчёте договор подписан {head.signed.isoformat()}, а "
            + (f"по договору {signed}" if signed else "договор не подписан"),
            f"the report dates the agreement {head.signed.isoformat()}; "
            + (f"it was signed on {signed}" if signed else "the agreement is not signed"),
        )
    funds, named = agreement.application, head.application
    if application is None and funds is not None and named is not None and named != funds:
        add(
            "report-for-other-application",
            Severity.ERROR,
            {"named": named, "application": funds},
            f"Отчёт составлен по заявке {named}, а договор {agreement.id} финансирует заявку "
            f"{funds}",
            f"the report names application {named!r}; agreement {agreement.id} funds {funds!r}",
        )
    if application is not None and funds is not None and funds != application.id:
        add(
            "agreement-for-other-application",
            Severity.ERROR,
            {"agreement": agreement.id, "funds": funds, "application": application.id},
            f"Договор {agreement.id} финансирует заявку {funds}, а отчёт проверяется по заявке "
            f"{application.id}",
            f"agreement {agreement.id} funds application {funds!r}, not {application.id!r} "
            "that the report is checked against",
        )
    return out


def _links(indicators: Report, plan: dict[str, Indicator]) -> tuple[list[Finding], Report, int]:
    """Read linked rows' plans from the application; flag unknown and restated plans."""
    out: list[Finding] = []
    rows: list[ReportRow] = []
    reported: set[str] = set()
    linked = 0
    for row in indicators.rows:
        if row.plan is None:
            rows.append(row)
            continue
        indicator = plan.get(row.plan)
        if indicator is None:
            out.append(
                Finding(
                    "plan-link-unknown",
                    Severity.ERROR,
                    row.key,
                    {"plan": row.plan},
                    f"Строка {row.key} ссылается на показатель {row.plan}, которого нет "
                    "в плане мониторинга заявки",
                    f"row {row.key} reports on indicator {row.plan}, which the "
                    "application's monitoring plan lacks",
                )
            )
            rows.append(row)
            continue
        linked += 1
        reported.add(row.plan)
        target = plan_of(indicator.target) if indicator.target is not None else None
        if target is None:
            rows.append(row)
            continue
        low, high, comparator = target
        problem = next(
            (why for why in (figure_problem(v) for v in (low, high) if v is not None) if why), None
        )
        if problem is not None:
            out.append(_out_of_range(row, indicator, low, high, problem))
            rows.append(row)
            continue
        printed = (row.planned, row.planned_upper)
        if row.planned is not None and printed != (low, high):
            out.append(_restated(row, indicator, low, high))
        rows.append(attrs.evolve(row, planned=low, planned_upper=high, comparator=comparator))
    for code, indicator in plan.items():
        if code not in reported:
            out.append(
                Finding(
                    "plan-unreported",
                    Severity.WARNING,
                    code,
                    {"ref": indicator.ref},
                    f"Показатель {code} ({indicator.ref}) плана мониторинга заявки в отчёте "
                    "не приведён",
                    f"indicator {code} ({indicator.ref}) of the application's monitoring plan "
                    "has no row in the report",
                )
            )
    return out, attrs.evolve(indicators, rows=tuple(rows)), linked


def _span(low: Decimal, high: Decimal | None) -> str:
    return _plain(low) if high is None else f"{_plain(low)}–{_plain(high)}"


def _out_of_range(
    row: ReportRow, indicator: Indicator, low: Decimal, high: Decimal | None, problem: str
) -> Finding:
    return Finding(
        "plan-out-of-range",
        Severity.WARNING,
        row.key,
        {"plan": indicator.code, "application": low, "application_upper": high},
        f"Строка {row.key} ({row.indicator}): цель показателя {indicator.code} в плане "
        f"мониторинга заявки — не число отчёта ({problem}); строка проверена по своему плану",
        f"row {row.key} ({row.indicator}): the target of indicator {indicator.code} in the "
        f"application's monitoring plan is not a number a report holds ({problem}); the row "
        "is checked against its own plan",
    )


def _restated(row: ReportRow, indicator: Indicator, low: Decimal, high: Decimal | None) -> Finding:
    printed = _span(row.planned, row.planned_upper) if row.planned is not None else "—"
    numbers: dict[str, object] = {
        "plan": indicator.code,
        "application": low,
        "printed": row.planned,
    }
    if high is not None or row.planned_upper is not None:
        numbers |= {"application_upper": high, "printed_upper": row.planned_upper}
    return Finding(
        "plan-restated",
        Severity.WARNING,
        row.key,
        numbers,
        f"Строка {row.key} ({row.indicator}): в отчёте план {printed}, а в плане "
        f"мониторинга заявки ({indicator.code}) {_span(low, high)}",
        f"row {row.key} ({row.indicator}) prints a plan of {printed}; the application's "
        f"monitoring plan ({indicator.code}) says {_span(low, high)}",
    )


def _partners(report: FinalReport) -> list[Finding]:
    return [
        Finding(
            "supplier-as-partner",
            Severity.WARNING,
            p.key,
            {"kind": p.kind.value},
            f"«{p.name}» — поставщик, а не партнёр: поставщики логистики, питания и "
            "поездок партнёрами не считаются",
            f"{p.name!r} is a supplier, not a partner: the form does not count suppliers "
            "of logistics, catering or travel as partners",
        )
        for p in report.partners
        if p.kind is PartnerKind.SUPPLIER
    ]


def _letters(report: FinalReport) -> list[Finding]:
    out: list[Finding] = []
    first: dict[str, str] = {}
    for letter in report.letters:
        number = letter.number.strip()
        if number in first:
            out.append(
                Finding(
                    "letter-number-reused",
                    Severity.WARNING,
                    letter.key,
                    {"number": number, "first": first[number]},
                    f"Письмо «{letter.addressee}» имеет исходящий № {number}, как и письмо "
                    f"{first[number]}",
                    f"the letter to {letter.addressee!r} carries outgoing No. {number}, "
                    f"already used by letter {first[number]}",
                )
            )
        else:
            first[number] = letter.key
    return out


def _table_size(report: FinalReport, count: TableCount) -> Decimal | None:
    if count.table == "recommendations":
        per_letter = [letter.recommendations for letter in report.letters]
        if not per_letter or any(n is None for n in per_letter):
            return None
        return Decimal(sum(n for n in per_letter if n is not None))
    if count.table == "partners":
        partners = [p for p in report.partners if count.kind is None or p.kind is count.kind]
        return Decimal(sum(p.bodies if count.bodies else 1 for p in partners))
    table: tuple[object, ...] = {
        "letters": report.letters,
        "proposals": report.proposals,
        "results": report.results,
        "stories": report.stories,
    }[count.table]
    return Decimal(len(table))


_TABLE_RU = {
    "partners": "партнёров",
    "letters": "писем",
    "recommendations": "рекомендаций в письмах",
    "proposals": "предложений",
    "results": "результатов",
    "stories": "историй успеха",
}
_BOUND = {
    "exact": ("", ""),
    "at_least": ("не менее ", "at least "),
    "more_than": ("свыше ", "more than "),
    "at_most": ("не более ", "at most "),
    "about": ("около ", "about "),
}


def _counts(report: FinalReport, indicators: Report) -> list[Finding]:
    out: list[Finding] = []
    rows = {r.key: r for r in indicators.rows}
    for c in report.counts:
        value = c.value if c.row is None else rows[c.row].value(c.column)
        size = _table_size(report, c)
        if value is None or size is None or agrees(value, c.qualifier, size):
            continue
        what_en = c.table + (f" ({c.kind.value})" if c.kind is not None else "")
        what_ru = _TABLE_RU[c.table] + (f" ({c.kind.value})" if c.kind is not None else "")
        ru, en = _BOUND[c.qualifier]
        numbers: dict[str, object] = {"table": c.table, "printed": value, "size": size}
        if c.row is not None:
            numbers["row"] = c.row
        out.append(
            Finding(
                "count-differs",
                Severity.WARNING,
                c.key,
                numbers,
                f"{c.where}: {ru}{_plain(value)} {what_ru}, а в таблице отчёта {_plain(size)}",
                f"{c.where}: {en}{_plain(value)} {what_en}, but the report's table has "
                f"{_plain(size)}",
            )
        )
    return out


def _proposals(report: FinalReport, scale: Decimal) -> list[Finding]:
    out: list[Finding] = []
    grant = report.agreement.grant
    if grant.currency != "KZT" or not grant.amount:
        return out
    for p in report.proposals:
        tenge = p.tenge()
        if tenge is None or Fraction(tenge) <= Fraction(grant.amount) * Fraction(scale):
            continue
        times = Decimal(round(Fraction(tenge) / Fraction(grant.amount)))  # half to even
        out.append(
            Finding(
                "proposal-scale",
                Severity.WARNING,
                p.key,
                {"printed": p.amount, "unit": p.unit, "tenge": tenge, "grant": grant.amount},
                f"Предложение «{p.title}»: {_plain(p.amount or Decimal(0))} × {_plain(p.unit)} "
                f"= {_plain(tenge)} тенге, в {_plain(times)} раз больше этого гранта; "
                "проверьте единицу в заголовке",
                f"proposal {p.title!r}: {_plain(p.amount or Decimal(0))} × {_plain(p.unit)} "
                f"= {_plain(tenge)} tenge, {_plain(times)} times this grant; is the column's "
                "unit right?",
            )
        )
    return out


def _results_and_stories(report: FinalReport) -> list[Finding]:
    out: list[Finding] = []
    first: dict[str, str] = {}
    for item in report.results:
        if item.number is None:
            continue
        if item.number in first:
            out.append(
                Finding(
                    "result-number-repeated",
                    Severity.INFO,
                    item.key,
                    {"number": item.number, "first": first[item.number]},
                    f"Пункт раздела 5 «{item.text}» напечатан под номером {item.number}, "
                    f"как и пункт {first[item.number]}",
                    f"section 5 item {item.text!r} is printed as {item.number}, like item "
                    f"{first[item.number]}",
                )
            )
        else:
            first[item.number] = item.key
    parts = ("situation", "impact", "result")
    for story in report.stories:
        missing = tuple(p for p in parts if getattr(story, p) is None)
        if missing:
            out.append(
                Finding(
                    "story-incomplete",
                    Severity.INFO,
                    story.key,
                    {"missing": missing},
                    f"История успеха «{story.title}»: нет частей {', '.join(missing)} "
                    "(форма требует: ситуация → воздействие → результат)",
                    f"success story {story.title!r} lacks {', '.join(missing)} (the form "
                    "asks for situation → impact → result)",
                )
            )
    return out


def _finances(
    report: FinalReport, indicators: Report, application: Dossier | None
) -> tuple[list[Finding], Execution | None]:
    out: list[Finding] = []
    money = report.finances
    if money is None:
        out.append(
            Finding(
                "finances-missing",
                Severity.INFO,
                "finances",
                {},
                "В отчёте нет финансовой части",
                "the report has no financial part",
            )
        )
        return out, None
    grant = report.agreement.grant
    if money.lines and money.lines[0].spent.currency != grant.currency:
        cur = money.lines[0].spent.currency
        out.append(
            Finding(
                "finances-currency",
                Severity.ERROR,
                "finances",
                {"grant_currency": grant.currency, "spending_currency": cur},
                f"Расходы указаны в {cur}, а грант в {grant.currency}",
                f"the spending is in {cur}, the grant in {grant.currency}",
            )
        )
        return out, None
    spent = money.spent(Source.GRANT)
    refunded = money.refunded or Money.zero(grant.currency)
    if spent > grant:
        out.append(
            Finding(
                "spent-over-grant",
                Severity.ERROR,
                "finances",
                {
                    "grant": grant.amount,
                    "spent": spent.amount,
                    "excess": (spent - grant).amount,
                },
                f"Из гранта израсходовано {_plain(spent.amount)}, а по договору "
                f"{_plain(grant.amount)}",
                f"{_plain(spent.amount)} of grant money spent; the agreement gives "
                f"{_plain(grant.amount)}",
            )
        )
    elif spent + refunded != grant:
        gap = grant - spent - refunded
        out.append(
            Finding(
                "grant-unaccounted",
                Severity.WARNING,
                "finances",
                {
                    "grant": grant.amount,
                    "spent": spent.amount,
                    "refunded": refunded.amount,
                    "gap": gap.amount,
                },
                f"Грант {_plain(grant.amount)}: израсходовано {_plain(spent.amount)}, "
                f"возвращено {_plain(refunded.amount)}; не отражено {_plain(gap.amount)}",
                f"grant {_plain(grant.amount)}: {_plain(spent.amount)} spent, "
                f"{_plain(refunded.amount)} refunded; {_plain(gap.amount)} unaccounted for",
            )
        )
    rows = {r.key: r for r in indicators.rows}
    for line in money.lines:
        if line.row is None:
            continue
        row = rows[line.row]
        pairs = (("achieved", line.spent), ("planned", line.planned))
        for column, amount in pairs:
            printed = row.achieved if column == "achieved" else row.planned
            if amount is None or printed is None or printed == amount.amount:
                continue
            out.append(
                Finding(
                    "restated-differs",
                    Severity.WARNING,
                    f"finances/{line.key}",
                    {
                        "row": line.row,
                        "column": column,
                        "row_value": printed,
                        "value": amount.amount,
                    },
                    f"Финансовая часть, «{line.label}»: {_plain(amount.amount)}, а в строке "
                    f"{line.row} {'факт' if column == 'achieved' else 'план'} {_plain(printed)}",
                    f"financial part, {line.label!r}: {_plain(amount.amount)}, but row "
                    f"{line.row} states {_plain(printed)} as its {column} number",
                )
            )
    if application is None:
        return out, None
    execution = execute(application.estimate.budget, [line.actual() for line in money.lines])
    out += [attrs.evolve(f, location=f"finances/{f.location}") for f in execution.findings]
    out += _planned_lines(money.lines, execution)
    return out, execution


def _planned_lines(lines: Iterable[Spending], execution: Execution) -> list[Finding]:
    planned = {(e.code, e.source): e.planned for e in execution.lines if e.code is not None}
    out: list[Finding] = []
    for line in lines:
        if line.planned is None:
            continue
        estimate = planned.get((line.code, line.source))
        if estimate is None or estimate == line.planned:
            continue
        out.append(
            Finding(
                "spending-plan-differs",
                Severity.WARNING,
                f"finances/{line.key}",
                {
                    "code": line.code,
                    "source": line.source.value,
                    "printed": line.planned.amount,
                    "estimate": estimate.amount,
                },
                f"«{line.label}»: в отчёте план {_plain(line.planned.amount)}, а в смете "
                f"(строка {line.code}, {line.source.value}) {_plain(estimate.amount)}",
                f"{line.label!r}: the report prints a plan of {_plain(line.planned.amount)}; "
                f"the estimate (line {line.code}, {line.source.value}) says "
                f"{_plain(estimate.amount)}",
            )
        )
    return out
