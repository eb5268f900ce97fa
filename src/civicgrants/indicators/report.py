"""A grantee's report as data, and its consistency audit.

A final report of a state social grant prints the same numbers several times: an
indicator table (plan, actual, sometimes a percentage), breakdowns of the
participants, narrative sentences, charts. :func:`audit_report` checks that those
numbers agree with one another and returns findings shaped like the budget
audit's (:func:`civicgrants.budget.audit`): a stable ``code``, a ``severity``, a
``location``, ``numbers`` and a message in Russian and English. It never raises
on an inconsistent report and does no I/O; the arithmetic is exact.

=============================== ==================================================
Code                            Meaning
=============================== ==================================================
``breakdown-mismatch``          the parts of a breakdown don't sum to its total
``percent-mismatch``            a printed percentage ≠ actual ÷ plan × 100
``figure-conflict``             one figure is printed with incompatible values
``unexplained-shortfall``       a row is under target, the deviation field is empty
``target-differs-from-task``    the planned target ≠ what the task text promises
``chart-total-mismatch``        a chart's parts don't sum to its printed total
=============================== ==================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Context, Decimal, localcontext
from typing import Any, Literal

import attrs

from civicgrants.model.fields import ID_PATTERN, Check, ident, many, matches, text, type_check
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.numbers import EXACT

__all__ = [
    "COMPARATORS",
    "QUALIFIERS",
    "Breakdown",
    "Chart",
    "Mention",
    "Report",
    "ReportCheck",
    "ReportRow",
    "audit_report",
    "check_report",
]

COMPARATORS = ("exact", "at_least", "at_most", "range", "per_event", "deliverable", "none")
"""How a row's plan reads: «10» (exact), «не менее 10» (at_least), «до 10» (at_most),
«15-20» (range: ``planned`` is the lower bound), «1 с каждого мероприятия» (per_event:
``planned`` is already multiplied out), a document (deliverable), or no number (none)."""

QUALIFIERS = ("exact", "at_least", "at_most", "about")
"""How a mention states its value: «300», «свыше 300», «не более 120», «порядка 20»."""

ABOUT = Decimal("0.25")
"""An «about» value (порядка, около) agrees with anything within ±25 % of it."""

_NO_NOTE = frozenset({"", "-", "–", "—"})

Comparator = Literal["exact", "at_least", "at_most", "range", "per_event", "deliverable", "none"]
Qualifier = Literal["exact", "at_least", "at_most", "about"]


def _dec(value: Any) -> Any:
    """Convert ints and numeric strings to Decimal; leave anything else to the validator."""
    if isinstance(value, bool) or value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, (int, str)):
        try:
            return Decimal(str(value).replace(" ", "").replace("\u00a0", ""))
        except ArithmeticError:
            return value
    return value


_IS_DECIMAL = type_check(Decimal, "a decimal number")


def _decimal(*, optional: bool = False) -> Any:
    if optional:
        return attrs.field(default=None, converter=_dec, validator=_IS_DECIMAL)
    return attrs.field(converter=_dec, validator=_IS_DECIMAL)


def _one_of(values: tuple[str, ...]) -> Check:
    return Check(lambda v: v in values, "must be one of " + ", ".join(map(repr, values)))


def _opt_text(*, required: bool = False) -> Any:
    if required:  # positional but nullable
        return attrs.field(validator=type_check(str, "a string"))
    return attrs.field(default=None, validator=type_check(str, "a string"))


def _parts(value: Iterable[tuple[str, Any]]) -> tuple[tuple[str, Decimal], ...]:
    if isinstance(value, (str, bytes, dict)):
        raise TypeError(f"expected a list of (category, value) pairs, got {type(value).__name__}")
    out = []
    for pair in value:
        category, amount = pair
        converted = _dec(amount)
        if not isinstance(converted, Decimal):
            raise ValueError(f"parts: {category!r} must be a decimal number, got {amount!r}")
        out.append((str(category), converted))
    return tuple(out)


def _pairs() -> Any:
    return attrs.field(converter=_parts)


def _figure() -> Any:
    return attrs.field(validator=[type_check(str, "a string"), matches(ID_PATTERN, "an id")])


@attrs.frozen
class ReportRow:
    """One indicator row of a report's plan-versus-actual table.

    ``planned``/``achieved`` are the numbers the row states (``None`` when the cell
    holds no number: "–", a copy of the plan wording, a bound that is not a count);
    ``planned_text``/``achieved_text`` are the cells as printed. ``promised`` is the
    number the task or activity text promises for this indicator, when it states one.
    """

    key: str = ident()
    task: str = text()
    activity: str | None = _opt_text(required=True)
    indicator: str = text()
    unit: str | None = _opt_text(required=True)
    planned: Decimal | None = _decimal(optional=True)
    planned_text: str | None = _opt_text()
    achieved: Decimal | None = _decimal(optional=True)
    achieved_text: str | None = _opt_text()
    percent_printed: Decimal | None = _decimal(optional=True)
    comparator: Comparator = attrs.field(default="exact", validator=_one_of(COMPARATORS))
    promised: Decimal | None = _decimal(optional=True)
    source_lines: str | None = _opt_text()
    note: str | None = _opt_text()


@attrs.frozen
class Breakdown:
    """A total and the parts it is split into (gender, age bands, villages …)."""

    key: str = ident()
    dimension: str = text()
    total: Decimal = _decimal()
    parts: tuple[tuple[str, Decimal], ...] = _pairs()
    source: str | None = _opt_text()


@attrs.frozen
class Mention:
    """One place where a figure is printed: ``figure`` names what is counted.

    Mentions of the same ``figure`` are compared with one another; ``qualifier``
    says whether the place states an exact value or a bound («свыше 30 000»).
    """

    key: str = ident()
    figure: str = _figure()
    value: Decimal = _decimal()
    where: str = text()
    qualifier: Qualifier = attrs.field(default="exact", validator=_one_of(QUALIFIERS))


@attrs.frozen
class Chart:
    """A chart's labelled parts and the total printed with it."""

    key: str = ident()
    parts: tuple[tuple[str, Decimal], ...] = _pairs()
    printed_total: Decimal = _decimal()
    title: str | None = _opt_text()
    source: str | None = _opt_text()


@attrs.frozen
class Report:
    """A grantee's report: indicator rows, breakdowns, repeated figures, charts."""

    id: str = ident()
    title: str = text()
    period: str | None = _opt_text(required=False)
    rows: tuple[ReportRow, ...] = many(ReportRow, unique=True)
    breakdowns: tuple[Breakdown, ...] = many(Breakdown, unique=True)
    mentions: tuple[Mention, ...] = many(Mention, unique=True)
    charts: tuple[Chart, ...] = many(Chart, unique=True)
    deviation_note: str | None = _opt_text()
    source: str | None = _opt_text()

    def row(self, key: str) -> ReportRow:
        """The row with this key (``KeyError`` if there is none)."""
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)


# -- the audit ----------------------------------------------------------------


_RATIO = Context(prec=60)  # a ratio may not terminate: 60 digits, rounded, nothing trapped


def _pct(achieved: Decimal, planned: Decimal, places: Decimal | None = None) -> Decimal:
    """``achieved / planned × 100`` to 60 digits, or rounded to ``places``."""
    with localcontext(_RATIO):
        value = achieved * 100 / planned
        return value if places is None else value.quantize(places)


def _conflict(a: Mention, b: Mention) -> bool:
    """Whether two mentions of one figure cannot both be true (exact arithmetic)."""
    if a.qualifier == "about" and b.qualifier == "about":
        return False
    if b.qualifier == "about":
        a, b = b, a
    if a.qualifier == "about":
        low, high = a.value * (1 - ABOUT), a.value * (1 + ABOUT)
        if b.qualifier == "exact":
            return not low <= b.value <= high
        if b.qualifier == "at_least":
            return b.value > high
        return b.value < low  # at_most
    kinds = {a.qualifier, b.qualifier}
    if kinds == {"exact"}:
        return a.value != b.value
    if kinds in ({"at_least"}, {"at_most"}):
        return False
    # one is a bound and the other an exact value or the opposite bound
    low = next(
        m.value for m in (a, b) if m.qualifier in ("at_least", "exact") and m is not _upper(a, b)
    )
    high = _upper(a, b).value
    return low > high


def _upper(a: Mention, b: Mention) -> Mention:
    """Of a mixed pair, the one that caps the value (an at_most, else the exact one)."""
    for m in (a, b):
        if m.qualifier == "at_most":
            return m
    return a if a.qualifier == "exact" else b


_BOUND_RU = {"exact": "", "at_least": "не менее ", "at_most": "не более ", "about": "около "}
_BOUND_EN = {"exact": "", "at_least": "at least ", "at_most": "at most ", "about": "about "}


def audit_report(report: Report, *, tolerance: Decimal = Decimal("0.5")) -> tuple[Finding, ...]:
    """Every numeric inconsistency of ``report``, as findings (never raises).

    Parameters
    ----------
    report : Report
        The report to check.
    tolerance : Decimal, optional
        How far a printed percentage may be from actual ÷ plan × 100 (in
        percentage points) before it is flagged; printed percentages are rounded.
        Sums and repeated figures are compared exactly.

    Returns
    -------
    tuple of Finding
        In this order: breakdowns, rows (percentage, shortfall, promised target,
        in row order), repeated figures, charts. Codes: ``breakdown-mismatch``,
        ``percent-mismatch``, ``unexplained-shortfall``,
        ``target-differs-from-task``, ``figure-conflict``, ``chart-total-mismatch``.

    Examples
    --------
    >>> r = Report("demo", "Demo report", rows=[
    ...     ReportRow("3.1.5", "Task 3", None, "participants", "persons",
    ...               planned=150, achieved=80, comparator="at_least")],
    ...     breakdowns=[Breakdown("gender", "gender", 1000, [("men", 400), ("women", 600)])],
    ...     charts=[Chart("events", [("a", 10), ("b", 7), ("c", 15), ("d", 16), ("e", 18)], 41)],
    ...     deviation_note="-")
    >>> for f in audit_report(r):
    ...     print(f.code, f.location, dict(f.numbers))
    unexplained-shortfall 3.1.5 {'planned': Decimal('150'), 'achieved': Decimal('80'), 'gap': Decimal('70'), 'percent': Decimal('53.3')}
    chart-total-mismatch events {'printed_total': Decimal('41'), 'parts_sum': Decimal('66'), 'gap': Decimal('25')}
    """
    findings: list[Finding] = []
    with localcontext(EXACT):
        for b in report.breakdowns:
            total = sum((v for _, v in b.parts), Decimal(0))
            if total != b.total:
                gap = total - b.total
                findings.append(
                    Finding(
                        "breakdown-mismatch",
                        Severity.ERROR,
                        b.key,
                        {"total": b.total, "parts_sum": total, "gap": gap, "parts": len(b.parts)},
                        f"Разбивка «{b.dimension}»: части дают {total:f}, "
                        f"а итог указан {b.total:f} (разница {gap:f})",
                        f"breakdown {b.dimension!r}: the parts sum to {total:f} but "
                        f"{b.total:f} is printed as the total (gap {gap:f})",
                    )
                )
        for row in report.rows:
            findings.extend(_row_findings(report, row, tolerance))
        findings.extend(_figure_conflicts(report.mentions))
        for c in report.charts:
            total = sum((v for _, v in c.parts), Decimal(0))
            if total != c.printed_total:
                gap = total - c.printed_total
                findings.append(
                    Finding(
                        "chart-total-mismatch",
                        Severity.ERROR,
                        c.key,
                        {"printed_total": c.printed_total, "parts_sum": total, "gap": gap},
                        f"Диаграмма {c.key}: части дают {total:f}, "
                        f"а подписан итог {c.printed_total:f}",
                        f"chart {c.key}: its parts sum to {total:f} but the printed "
                        f"total is {c.printed_total:f}",
                    )
                )
    return tuple(findings)


@attrs.frozen
class ReportCheck:
    """The audit of one report: what ``civicgrants report-check`` prints.

    Attributes
    ----------
    report : str
        The report's id.
    rows : int
        How many indicator rows the report has.
    findings : tuple of Finding
        Every inconsistency (:func:`audit_report`), in its order.
    source : str or None
        Where the report was read from (a file name), if given; the text names it.

    See Also
    --------
    check_report : builds it.
    """

    report: str
    rows: int
    findings: tuple[Finding, ...]
    source: str | None = None

    @property
    def has_errors(self) -> bool:
        """Whether a finding is an error (the command then exits 1)."""
        return any(f.severity is Severity.ERROR for f in self.findings)


def check_report(
    report: Report, *, source: str | None = None, tolerance: Decimal = Decimal("0.5")
) -> ReportCheck:
    """Audit ``report`` (:func:`audit_report`): the ``civicgrants report-check`` command.

    Parameters
    ----------
    report : Report
        The report.
    source : str, optional
        Where it was read from, for the text's first line.
    tolerance : Decimal, optional
        How far a printed percentage may be from the computed one (see :func:`audit_report`).

    Returns
    -------
    ReportCheck

    Examples
    --------
    >>> from civicgrants.datasets.seed_002_report import seed_002_report
    >>> check = check_report(seed_002_report())
    >>> check.rows, len(check.findings), check.has_errors
    (118, 9, False)

    See Also
    --------
    audit_report : the findings alone.
    """
    return ReportCheck(
        report.id, len(report.rows), audit_report(report, tolerance=tolerance), source
    )


def _row_findings(report: Report, row: ReportRow, tolerance: Decimal) -> list[Finding]:
    out: list[Finding] = []
    plan, got = row.planned, row.achieved
    if row.percent_printed is not None and plan and got is not None:
        computed = _pct(got, plan)
        if abs(computed - row.percent_printed) > tolerance:
            shown = _pct(got, plan, Decimal("0.1"))
            out.append(
                Finding(
                    "percent-mismatch",
                    Severity.ERROR,
                    row.key,
                    {
                        "planned": plan,
                        "achieved": got,
                        "percent_printed": row.percent_printed,
                        "percent_computed": shown,
                    },
                    f"Строка {row.key}: {got:f} из {plan:f} = {shown:f} %, "
                    f"а напечатано {row.percent_printed:f} %",
                    f"row {row.key}: {got:f} of {plan:f} is {shown:f}%, "
                    f"but {row.percent_printed:f}% is printed",
                )
            )
    under = (
        plan is not None
        and got is not None
        and row.comparator in ("exact", "at_least", "range", "per_event", "deliverable")
        and got < plan
    )
    note = (report.deviation_note or "").strip()
    if under and note in _NO_NOTE and plan is not None and got is not None:
        gap = plan - got
        pct = _pct(got, plan, Decimal("0.1"))
        out.append(
            Finding(
                "unexplained-shortfall",
                Severity.WARNING,
                row.key,
                {"planned": plan, "achieved": got, "gap": gap, "percent": pct},
                f"Строка {row.key} ({row.indicator}): достигнуто {got:f} из "
                f"{plan:f} ({pct:f} %), а обоснование отклонений пустое",
                f"row {row.key} ({row.indicator}): {got:f} of {plan:f} achieved "
                f"({pct:f}%), yet the deviation field gives no justification",
            )
        )
    if row.promised is not None and plan is not None and row.promised != plan:
        out.append(
            Finding(
                "target-differs-from-task",
                Severity.WARNING,
                row.key,
                {"planned": plan, "promised": row.promised, "gap": row.promised - plan},
                f"Строка {row.key} ({row.indicator}): план {plan:f}, а текст задачи "
                f"обещает {row.promised:f}",
                f"row {row.key} ({row.indicator}): the target is {plan:f} but the task "
                f"text promises {row.promised:f}",
            )
        )
    return out


def _figure_conflicts(mentions: tuple[Mention, ...]) -> list[Finding]:
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.figure, []).append(m)
    out: list[Finding] = []
    for figure, ms in groups.items():
        pairs = [(a, b) for i, a in enumerate(ms) for b in ms[i + 1 :] if _conflict(a, b)]
        if not pairs:
            continue
        values = {m.key: m.value for m in ms}
        ru = "; ".join(f"{_BOUND_RU[m.qualifier]}{m.value:f} ({m.where})" for m in ms)
        en = "; ".join(f"{_BOUND_EN[m.qualifier]}{m.value:f} ({m.where})" for m in ms)
        out.append(
            Finding(
                "figure-conflict",
                Severity.WARNING,
                figure,
                {
                    "values": values,
                    "conflicts": tuple((a.key, b.key) for a, b in pairs),
                    "min": min(values.values()),
                    "max": max(values.values()),
                },
                f"Показатель «{figure}» указан по-разному: {ru}",
                f"figure {figure!r} is printed with incompatible values: {en}",
            )
        )
    return out
