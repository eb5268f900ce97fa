"""Cross-checks between the annexes of a dossier, as findings; never raises on a bad dossier.

`audit()` runs the estimate's own audit (`civicgrants.budget.audit()`,
its locations moved under ``estimate.budget[...]``) and then the checks
between the annexes. Every finding has a stable ``code``, a ``location`` (a
path inside the dossier, such as ``content.monitoring[I4.2]``) and its numbers.

=============================== ======== ==================================================
Code                            Severity When
=============================== ======== ==================================================
``activity-without-months``     error    an activity has no calendar row, or no month in it
``activity-without-budget``     warning  no budget block names the activity
``calendar-row-without-activity`` error  a calendar row's key is no activity's code
``budget-block-without-activity`` error  a budget block names an unknown activity
``indicator-unknown-ref``       error    an indicator measures an unknown task or activity
``task-without-indicator``      warning  a task and its activities have no indicator
``indicator-without-baseline``  warning  a change in percent has no baseline
``quantity-mismatch``           warning  a promised number differs from its first statement,
                                         or a first statement from the two or more later
                                         ones that agree (reported once, at the first);
                                         an error when the estimate funds fewer
``travel-regions``              warning  trips reach fewer regions than the activity covers
``regional-quantity``           warning  a per-region line's quantity ≠ the activity's regions
``months-mismatch``             warning  a monthly line runs a number of months ≠ the calendar's
``activity-months-mismatch``    warning  an activity promises a number of months (a promise
                                         whose unit is in ``MONTH_UNITS``) that its calendar
                                         row does not mark
``staff-not-declared``          warning  Annex 2 says «не применимо» but the estimate pays them
``staff-total-mismatch``        error    the declared total ≠ the sum of the kinds of staff
``target-total-mismatch``       error    the target groups do not sum to the stated total
``target-total-mixes-units``    warning  the stated total adds different units of count
``prior-project-outside-window`` warning a prior project ended before the rules' window
``cofinancing-not-in-estimate`` warning  a pledge's source funds nothing in the estimate
``cofinancing-mismatch``        error    a pledged amount ≠ the estimate's amount of its source
``requested-over-cap``          error    the amount requested exceeds the call's cap
``requested-vs-estimate``       error    the amount requested ≠ the estimate's grant total
=============================== ======== ==================================================
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import attrs

from civicgrants.budget.audit import audit as audit_budget
from civicgrants.budget.model import Budget, BudgetRow, Source
from civicgrants.budget.summary import funding_by_source
from civicgrants.dossier.model import Dossier
from civicgrants.indicators.model import Target, TargetForm
from civicgrants.model.display import shows
from civicgrants.model.fields import count, flag, many, money
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.money import Money

__all__ = ["MONTH_UNITS", "DossierAudit", "DossierRules", "audit", "promised_number"]

MONTH_UNITS = ("месяц", "месяца", "месяцев", "мес.", "мес", "ай", "month", "months")
"""Units of a number of months: a line's quantity (``months-mismatch``) or a promise's
(``activity-months-mismatch``)."""


@shows
@attrs.frozen
class DossierRules:
    """The call's rules the audit applies, as data.

    Parameters
    ----------
    prior_years : int, optional
        Prior projects count when they ran in the last ``prior_years`` years
        before ``submitted`` (3 by default, as the Annex 3 form says).
    submitted : int or None, optional
        The year of submission; without it prior projects are not checked.
    max_grant : Money or None, optional
        The call's cap on the amount requested.
    check_travel : bool, optional
        Compare trips with the regions the activities cover (on by default).

    Examples
    --------
    >>> DossierRules(submitted=2021).prior_years
    3

    See Also
    --------
    audit : applies them.
    """

    prior_years: int = count(minimum=1, default=3)
    submitted: int | None = count(optional=True, minimum=1900)
    max_grant: Money | None = money(optional=True)
    check_travel: bool = flag(True)


@shows
@attrs.frozen
class DossierAudit:
    """The result of `audit()`: the findings about one dossier.

    Attributes
    ----------
    dossier : str
        The dossier's id.
    findings : tuple of Finding
        Every finding: the estimate's own, then the cross-checks.
    requested : Money
        The amount requested.
    estimate_total : Money or None
        The estimate's grant total as stated.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_dossier
    >>> result = audit(seed_001_dossier(), rules=DossierRules(submitted=2021))
    >>> result.has_errors, len(result.findings) > 10
    (True, True)

    See Also
    --------
    audit : builds it.
    civicgrants.io.views.dossier : its text and JSON.
    """

    dossier: str
    findings: tuple[Finding, ...] = many(Finding)
    requested: Money | None = None
    estimate_total: Money | None = None

    @property
    def has_errors(self) -> bool:
        """Whether any finding is an error (``civicgrants check`` then exits 1).

        Returns
        -------
        bool
            True when a finding's severity is ``ERROR``.

        Examples
        --------
        >>> DossierAudit("d").has_errors
        False
        """
        return any(f.severity is Severity.ERROR for f in self.findings)


def promised_number(target: Target) -> Decimal | None:
    """The one number a promise states: the value, a range's low end, per event × events.

    Parameters
    ----------
    target : Target
        A target in one of the indicators package's forms.

    Returns
    -------
    Decimal or None
        The number compared across the annexes; ``None`` for a target by
        category or a change against a baseline.

    Examples
    --------
    >>> promised_number(Target(TargetForm.PER_EVENT, per_event=15, events=16))
    Decimal('240')
    >>> promised_number(Target(TargetForm.AT_LEAST, value=4))
    Decimal('4')

    See Also
    --------
    audit : compares the numbers of one key.
    """
    if target.categorical or target.form is TargetForm.CHANGE:
        return None
    return target.threshold()


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else str(value)


def _first_is_odd(statements: list[tuple[str, str, Decimal, bool]]) -> bool:
    """Whether two or more later statements agree with each other, and not with the first."""
    later = {number for _, _, number, _ in statements[1:]}
    return len(statements) >= 3 and len(later) == 1 and statements[0][2] not in later


def _admits(target: Target, months: int) -> bool:
    """Whether ``months`` marked in the calendar keep a promise of a number of months."""
    number = promised_number(target)
    if number is None:
        return True
    if target.form is TargetForm.AT_LEAST:
        return months >= number
    if target.form is TargetForm.AT_MOST:
        return months <= number
    if target.form is TargetForm.RANGE:
        return target.high is None or number <= months <= target.high
    return months == number


def _worded(target: Target) -> tuple[str, str]:
    """A promise of months as the message writes it, in Russian and English."""
    number = _plain(target.threshold())
    if target.form is TargetForm.AT_LEAST:
        return f"не менее {number}", f"at least {number}"
    if target.form is TargetForm.AT_MOST:
        return f"не более {number}", f"at most {number}"
    if target.form is TargetForm.RANGE and target.high is not None:
        return f"{number}–{_plain(target.high)}", f"{number}-{_plain(target.high)}"
    return number, number


class _Auditor:
    def __init__(self, dossier: Dossier, rules: DossierRules) -> None:
        self.d = dossier
        self.rules = rules
        self.budget: Budget = dossier.estimate.budget
        self.rows = {r.code: r for r in self.budget.rows}
        self.findings: list[Finding] = []
        self.acts = {a.code: a for a in dossier.content.activities}
        self.tasks = {t.code: t for t in dossier.content.tasks}

    def add(
        self,
        code: str,
        severity: Severity,
        where: str,
        numbers: dict[str, object],
        ru: str,
        en: str,
    ) -> None:
        self.findings.append(Finding(code, severity, where, numbers, ru, en))

    def row(self, code: str) -> BudgetRow | None:
        return self.rows.get(code)

    # -- the estimate's own audit --------------------------------------------------
    def estimate(self) -> None:
        participants = {}
        for block in self._blocks():
            act = self.acts.get(block.activity or "")
            if act is not None and act.participants is not None:
                participants[block.code] = act.participants
        for f in audit_budget(self.budget, participants=participants):
            self.findings.append(attrs.evolve(f, location=f"estimate.budget[{f.location}]"))

    def _blocks(self) -> Iterator[BudgetRow]:
        for r in self.budget.rows:
            if r.activity is not None:
                yield r

    # -- activities, calendar, budget ----------------------------------------------
    def links(self) -> None:
        grid = self.d.content.calendar
        rows = {a.key: a for a in grid.activities}
        funded = {r.activity for r in self._blocks()}
        for code, act in self.acts.items():
            where = f"content.activities[{code}]"
            cal = rows.get(code)
            if cal is None or not cal.months:
                self.add(
                    "activity-without-months",
                    Severity.ERROR,
                    where,
                    {"activity": code, "months": 0},
                    f"Мероприятие {code} не отмечено ни в одном месяце календарного плана",
                    f"activity {code} has no month in the calendar plan",
                )
            if code not in funded:
                self.add(
                    "activity-without-budget",
                    Severity.WARNING,
                    where,
                    {"activity": code},
                    f"Мероприятие {code} ({act.names.get('ru')}) не имеет строк в смете",
                    f"activity {code} ({act.names.get('en')}) has no budget lines",
                )
        for key in rows:
            if key not in self.acts:
                self.add(
                    "calendar-row-without-activity",
                    Severity.ERROR,
                    f"content.calendar[{key}]",
                    {"row": key},
                    f"Строка календарного плана {key} не соответствует ни одному мероприятию",
                    f"calendar row {key} is no activity of the tasks",
                )
        for block in self._blocks():
            if block.activity not in self.acts:
                self.add(
                    "budget-block-without-activity",
                    Severity.ERROR,
                    f"estimate.budget[{block.code}]",
                    {"block": block.code, "activity": block.activity},
                    f"Блок сметы {block.code} ссылается на неизвестное мероприятие {block.activity}",
                    f"budget block {block.code} names unknown activity {block.activity}",
                )

    # -- monitoring -----------------------------------------------------------------
    def monitoring(self) -> None:
        measured: set[str] = set()
        for ind in self.d.content.monitoring:
            where = f"content.monitoring[{ind.code}]"
            if ind.ref not in self.acts and ind.ref not in self.tasks:
                self.add(
                    "indicator-unknown-ref",
                    Severity.ERROR,
                    where,
                    {"indicator": ind.code, "ref": ind.ref},
                    f"Индикатор {ind.code} ссылается на неизвестную задачу или мероприятие {ind.ref}",
                    f"indicator {ind.code} measures unknown task or activity {ind.ref}",
                )
            measured.add(ind.ref.split(".")[0])
            if ind.relative and ind.baseline is None:
                self.add(
                    "indicator-without-baseline",
                    Severity.WARNING,
                    where,
                    {"indicator": ind.code},
                    f"Индикатор {ind.code} — изменение в процентах без базового значения",
                    f"indicator {ind.code} is a change in percent without a baseline",
                )
        for code in self.tasks:
            if code not in measured:
                self.add(
                    "task-without-indicator",
                    Severity.WARNING,
                    f"content.tasks[{code}]",
                    {"task": code},
                    f"У задачи {code} нет индикаторов в плане мониторинга",
                    f"task {code} has no indicator in the monitoring plan",
                )

    # -- promised quantities ----------------------------------------------------------
    def _statements(self) -> Iterator[tuple[str, str, Decimal, bool]]:
        """(key, location, number, from the estimate) in document order."""
        c = self.d.content
        for task in c.tasks:
            for p in task.promises:
                yield from self._promise(p.key, f"content.tasks[{task.code}]", p.target)
            for act in task.activities:
                for p in act.promises:
                    yield from self._promise(p.key, f"content.activities[{act.code}]", p.target)
        for res in c.expected_results:
            for p in res.promises:
                yield from self._promise(p.key, f"content.expected_results[{res.code}]", p.target)
        for g in c.target_groups:
            if g.key is not None:
                yield g.key, f"content.target_groups[{g.id}]", Decimal(g.count), False
        for ind in c.monitoring:
            if ind.key is not None and ind.target is not None:
                yield from self._promise(ind.key, f"content.monitoring[{ind.code}]", ind.target)
        for m in c.media:
            if m.key is not None and m.target is not None:
                yield from self._promise(m.key, f"content.media[{m.id}]", m.target)
        for q in self.d.estimate.quantities:
            row = self.row(q.row)
            if row is not None and row.quantity is not None:
                yield q.key, f"estimate.budget[{q.row}]", row.quantity, True

    @staticmethod
    def _promise(key: str, where: str, target: Target) -> Iterator[tuple[str, str, Decimal, bool]]:
        number = promised_number(target)
        if number is not None:
            yield key, where, number, False

    def quantities(self) -> None:
        statements = list(self._statements())
        by_key: dict[str, list[tuple[str, str, Decimal, bool]]] = {}
        for statement in statements:
            by_key.setdefault(statement[0], []).append(statement)
        odd = {key for key, stated in by_key.items() if _first_is_odd(stated)}
        first: dict[str, tuple[str, Decimal]] = {}
        for key, where, number, estimate in statements:
            if key not in first:
                first[key] = (where, number)
                if key in odd:
                    self._odd_first(by_key[key])
                continue
            if key in odd:
                continue  # reported once, at the first statement
            ref_where, ref = first[key]
            if number == ref:
                continue
            short = estimate and number < ref
            self.add(
                "quantity-mismatch",
                Severity.ERROR if short else Severity.WARNING,
                where,
                {"key": key, "stated": number, "first": ref, "first_at": ref_where},
                f"«{key}»: здесь {_plain(number)}, а в {ref_where} — {_plain(ref)}"
                + (" (смета финансирует меньше обещанного)" if short else ""),
                f"{key!r}: {_plain(number)} here, {_plain(ref)} at {ref_where}"
                + (" (the estimate funds fewer than promised)" if short else ""),
            )

    def _odd_first(self, statements: list[tuple[str, str, Decimal, bool]]) -> None:
        """One finding at a first statement that all the (two or more) later ones contradict."""
        key, where, number, estimate = statements[0]
        agreed = statements[1][2]
        others = [w for _, w, _, _ in statements[1:]]
        short = not estimate and agreed < number and any(s[3] for s in statements[1:])
        self.add(
            "quantity-mismatch",
            Severity.ERROR if short else Severity.WARNING,
            where,
            {"key": key, "stated": number, "agreed": agreed, "agreed_at": others},
            f"«{key}»: здесь {_plain(number)}, а в остальных {len(others)} местах — "
            f"{_plain(agreed)} ({', '.join(others)})"
            + (" (смета финансирует меньше обещанного здесь)" if short else ""),
            f"{key!r}: {_plain(number)} here, {_plain(agreed)} at the {len(others)} other "
            f"places ({', '.join(others)})"
            + (" (the estimate funds fewer than promised here)" if short else ""),
        )

    # -- regions: trips and per-region lines -----------------------------------------
    def regions(self) -> None:
        if self.rules.check_travel:
            for t in self.d.estimate.travel:
                act = self.acts.get(t.activity)
                if act is None or not act.regions:
                    continue
                missing = [r for r in act.regions if r not in t.regions]
                if t.trips < len(act.regions) or missing:
                    self.add(
                        "travel-regions",
                        Severity.WARNING,
                        f"estimate.travel[{t.row}]",
                        {
                            "activity": t.activity,
                            "trips": t.trips,
                            "regions": len(act.regions),
                            "without_travel": missing,
                        },
                        f"{t.trips} командировки для мероприятия {t.activity} в "
                        f"{len(act.regions)} регионах; без поездок: {', '.join(missing)}",
                        f"{t.trips} trips for activity {t.activity} in {len(act.regions)} "
                        f"regions; no trip to {', '.join(missing)}",
                    )
        for reg in self.d.estimate.regional:
            act = self.acts.get(reg.activity)
            row = self.row(reg.row)
            if act is None or row is None or row.quantity is None or not act.regions:
                continue
            if row.quantity != len(act.regions):
                self.add(
                    "regional-quantity",
                    Severity.WARNING,
                    f"estimate.budget[{reg.row}]",
                    {
                        "activity": reg.activity,
                        "quantity": row.quantity,
                        "regions": len(act.regions),
                    },
                    f"Строка {reg.row}: количество {_plain(row.quantity)} на "
                    f"{len(act.regions)} регионов мероприятия {reg.activity}",
                    f"row {reg.row}: quantity {_plain(row.quantity)} for the "
                    f"{len(act.regions)} regions of activity {reg.activity}",
                )

    def months(self) -> None:
        n = self.d.content.calendar.months
        for row in self.budget.lines:
            unit = (row.unit or "").strip().lower()
            if unit not in MONTH_UNITS or row.quantity is None:
                continue
            if row.quantity * row.periods != n:
                months = row.quantity * row.periods
                self.add(
                    "months-mismatch",
                    Severity.WARNING,
                    f"estimate.budget[{row.code}]",
                    {"months": months, "project_months": n},
                    f"Строка {row.code}: {_plain(months)} мес. при проекте в {n} мес.",
                    f"row {row.code}: {_plain(months)} months in a {n}-month project",
                )
        marked = {a.key: len(a.months) for a in self.d.content.calendar.activities}
        for act in self.d.content.activities:
            count = marked.get(act.code, 0)
            if not count:
                continue  # activity-without-months reports it
            for p in act.promises:
                unit = (p.unit or "").strip().lower()
                if unit not in MONTH_UNITS or _admits(p.target, count):
                    continue
                ru, en = _worded(p.target)
                self.add(
                    "activity-months-mismatch",
                    Severity.WARNING,
                    f"content.activities[{act.code}]",
                    {
                        "activity": act.code,
                        "key": p.key,
                        "promised": promised_number(p.target),
                        "form": p.target.form.value,
                        "marked": count,
                    },
                    f"Мероприятие {act.code}: обещано {ru} мес., в календарном плане "
                    f"отмечено {count}",
                    f"activity {act.code} promises {en} months, the calendar plan marks {count}",
                )

    # -- Annex 2 against the estimate ---------------------------------------------------
    def staff(self) -> None:
        q = self.d.questionnaire
        s = q.staff
        parts = [s.full_time, s.contracted, s.volunteers]
        if s.total is not None and sum(p or 0 for p in parts) != s.total:
            self.add(
                "staff-total-mismatch",
                Severity.ERROR,
                "questionnaire.staff.total",
                {"total": s.total, "sum": sum(p or 0 for p in parts)},
                f"Трудовые ресурсы всего {s.total}, сумма по видам {sum(p or 0 for p in parts)}",
                f"human resources total {s.total}, the kinds sum to {sum(p or 0 for p in parts)}",
            )
        if q.accountant is None:
            for m in self.d.capacity.team:
                if m.role is None or m.role.value != "accountant" or m.budget_row is None:
                    continue
                row = self.row(m.budget_row)
                paid = self.budget.computed(m.budget_row) if row is not None else None
                if paid is not None and paid.amount > 0:
                    self.add(
                        "staff-not-declared",
                        Severity.WARNING,
                        "questionnaire.accountant",
                        {"row": m.budget_row, "amount": paid.amount},
                        f"Бухгалтер указан как «не применимо», но смета оплачивает строку "
                        f"{m.budget_row} ({paid.amount})",
                        f"the accountant is «not applicable» but the estimate pays row "
                        f"{m.budget_row} ({paid.amount})",
                    )
        if s.contracted is None:
            paid_rows = [
                (code, self.budget.computed(code))
                for code in self.d.estimate.contracted
                if code in self.rows
            ]
            total = sum((m.amount for _, m in paid_rows if m is not None), Decimal(0))
            if total > 0:
                self.add(
                    "staff-not-declared",
                    Severity.WARNING,
                    "questionnaire.staff.contracted",
                    {"rows": [c for c, _ in paid_rows], "amount": total},
                    f"Привлекаемые специалисты — «не применимо», но смета оплачивает услуги "
                    f"физических лиц на {total}",
                    f"contracted specialists are «not applicable» but the estimate pays "
                    f"individuals' services of {total}",
                )

    # -- Annex 4 §3 ------------------------------------------------------------------------
    def target_groups(self) -> None:
        c = self.d.content
        if c.target_total is None or not c.target_groups:
            return
        total = sum(g.count for g in c.target_groups)
        if total != c.target_total:
            self.add(
                "target-total-mismatch",
                Severity.ERROR,
                "content.target_groups",
                {"stated": c.target_total, "sum": total},
                f"Целевые группы: итого {c.target_total}, сумма строк {total}",
                f"target groups: total {c.target_total} stated, the rows sum to {total}",
            )
        units = sorted({g.unit for g in c.target_groups})
        if len(units) > 1:
            self.add(
                "target-total-mixes-units",
                Severity.WARNING,
                "content.target_groups",
                {"stated": c.target_total, "units": units},
                f"Итого {c.target_total} складывает разные единицы: {', '.join(units)}",
                f"the total {c.target_total} adds different units: {', '.join(units)}",
            )

    # -- Annex 3 against the rules -------------------------------------------------------
    def prior(self) -> None:
        if self.rules.submitted is None:
            return
        start = self.rules.submitted - self.rules.prior_years
        for p in self.d.capacity.prior_projects:
            last = p.last_year if p.last_year is not None else self.rules.submitted
            if last < start:
                self.add(
                    "prior-project-outside-window",
                    Severity.WARNING,
                    f"capacity.prior_projects[{p.id}]",
                    {"last_year": last, "window_start": start, "submitted": self.rules.submitted},
                    f"Проект {p.id} завершён в {last}, раньше окна {start}–{self.rules.submitted - 1}",
                    f"project {p.id} ended in {last}, before the window "
                    f"{start}-{self.rules.submitted - 1}",
                )

    # -- money --------------------------------------------------------------------------------
    def money(self) -> Money | None:
        split = funding_by_source(self.budget)
        for pledge in self.d.content.pledges:
            where = f"content.pledges[{pledge.id}]"
            have = split.get(pledge.source)
            if have is None or have.amount == 0:
                self.add(
                    "cofinancing-not-in-estimate",
                    Severity.WARNING,
                    where,
                    {"source": pledge.source.value, "estimate": Decimal(0)},
                    f"Обещано софинансирование ({pledge.source.value}), в смете его нет",
                    f"co-financing is promised ({pledge.source.value}) but the estimate has none",
                )
            elif pledge.amount is not None and pledge.amount != have:
                self.add(
                    "cofinancing-mismatch",
                    Severity.ERROR,
                    where,
                    {"pledged": pledge.amount.amount, "estimate": have.amount},
                    f"Обещано {pledge.amount.amount}, в смете {have.amount}",
                    f"{pledge.amount.amount} pledged, {have.amount} in the estimate",
                )
        requested = self.d.requested
        cap = self.rules.max_grant
        if cap is not None and requested.currency == cap.currency and requested > cap:
            self.add(
                "requested-over-cap",
                Severity.ERROR,
                "requested",
                {"requested": requested.amount, "cap": cap.amount},
                f"Запрошено {requested.amount}, предел конкурса {cap.amount}",
                f"{requested.amount} requested, the call's cap is {cap.amount}",
            )
        grant = split.get(Source.GRANT)
        if grant is not None and grant.currency == requested.currency and grant != requested:
            self.add(
                "requested-vs-estimate",
                Severity.ERROR,
                "requested",
                {"requested": requested.amount, "estimate": grant.amount},
                f"Запрошено {requested.amount}, смета за счёт гранта {grant.amount}",
                f"{requested.amount} requested, the estimate's grant total is {grant.amount}",
            )
        return grant


def audit(dossier: Dossier, *, rules: DossierRules | None = None) -> DossierAudit:
    """Every finding about ``dossier``: the estimate's own audit, then the cross-checks.

    Parameters
    ----------
    dossier : Dossier
        The application.
    rules : DossierRules or None, optional
        The call's rules; `DossierRules` defaults (no submission year,
        no cap) when not given.

    Returns
    -------
    DossierAudit
        The findings, in the order of the module's table (the estimate's first).

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_dossier
    >>> result = audit(seed_001_dossier(), rules=DossierRules(submitted=2021))
    >>> [(f.code, f.location) for f in result.findings if f.code == "quantity-mismatch"]
    [('quantity-mismatch', 'content.monitoring[I4.2]'), ('quantity-mismatch', 'estimate.budget[3.4.a]'), ('quantity-mismatch', 'estimate.budget[3.4.b]')]

    See Also
    --------
    DossierRules : the rules as data.
    civicgrants.budget.audit : the estimate's own audit.
    """
    a = _Auditor(dossier, rules or DossierRules())
    a.estimate()
    a.links()
    a.monitoring()
    a.quantities()
    a.regions()
    a.months()
    a.staff()
    a.target_groups()
    a.prior()
    grant = a.money()
    return DossierAudit(dossier.id, tuple(a.findings), dossier.requested, grant)
