"""The budget audit: every arithmetic and consistency problem at once, as findings.

`audit()` never raises on a bad budget. Each `Finding`
has a stable ``code``, a ``severity``, a ``location`` (the row's code), ``numbers``
and a message in Russian and English.

========================= ===================================================
Code                      Meaning
========================= ===================================================
``line-arithmetic``       quantity × unit price × periods ≠ declared total
``subtotal-mismatch``     the children don't sum to a group's declared subtotal
``split-mismatch``        the funding sources don't sum to the row's total
``duplicate-line``        the same item and amount appear in two blocks
``unbudgeted-activity``   a calendar activity has no budget block
``unscheduled-block``     a budget block is in no calendar activity
``quantity-hint``         catering or handouts don't match participant counts
``policy-breach``         a policy is broken
``invalid-value``         an unreadable number, a currency mix
``payroll-rate``          a payroll-derived line differs from the rate table
========================= ===================================================

`check_policy()`, `double_counted()`
and `execute()` return findings of the same shape.

A subtotal mismatch is reported once, at the lowest group where it arises: a
group is consistent when its declared total equals either the sum of its
children's declared totals or the sum of their computed totals.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, localcontext

import attrs

from civicgrants.budget.model import TOTAL, Budget, BudgetRow
from civicgrants.budget.text import normal, plain
from civicgrants.errors import Problem, ValidationError
from civicgrants.model.display import shows
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.money import Money
from civicgrants.model.numbers import EXACT
from civicgrants.schedule.grid import MonthGrid

__all__ = ["CATERING_WORDS", "HANDOUT_WORDS", "BudgetCheck", "audit", "check", "reason_ru"]

CATERING_WORDS = (
    "кофе",
    "обед",
    "ужин",
    "завтрак",
    "питани",
    "вода",
    "coffee",
    "lunch",
    "dinner",
    "meal",
    "water",
)
"""Item words of per-participant catering («кофе-брейк», «обед», «вода» …)."""
HANDOUT_WORDS = ("раздаточ", "ручк", "папк", "блокнот", "handout", "pen", "folder", "notepad")
"""Item words of per-participant handouts («ручка», «папка», «блокнот» …)."""


_REASONS_RU: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), russian)
    for pattern, russian in (
        (r"not a number", "не число"),
        (
            r"not an amount this parser knows.*",
            "не сумма в знакомой записи (например, «1 260 000», «140 000,50», «458 000 EUR»)",
        ),
        (r"more than one decimal point", "больше одной десятичной точки"),
        (r"more than one decimal separator '(.*)'", "больше одного десятичного разделителя «\\1»"),
        (
            r"a separator after the decimal '(.*)': '(.*)'",
            "разделитель после десятичного «\\1»: «\\2»",
        ),
        (
            r"digit groups must have three digits after the first group",
            "группы цифр после первой должны быть по три цифры",
        ),
        (r"two signs on one amount", "два знака у одной суммы"),
        (r"two currencies: (.*)", "две валюты: \\1"),
        (r"unknown currency '(.*)'", "неизвестная валюта «\\1»"),
        (
            r"the two ends of the range have different currencies",
            "концы диапазона в разных валютах",
        ),
        (
            r"a range cannot also carry a qualifier",
            "у диапазона не может быть уточнения («около» …)",
        ),
        (r"expected an exact amount, got a range", "нужна точная сумма, а указан диапазон"),
        (
            r"expected an exact amount, got an approximate amount",
            "нужна точная сумма, а указана приблизительная",
        ),
        (r"must be >= 0, got (.*)", "должно быть не меньше 0, указано \\1"),
        (
            r"must be a whole number >= 1, got (.*)",
            "должно быть целым числом не меньше 1, указано \\1",
        ),
        (r"must be one of (.*)", "должно быть одним из: \\1"),
        (
            r"quantity × unit price: amount: (\S+) needs (\d+) significant digits.*",
            "количество × цена = \\1, это \\2 значащих цифр, а сумма точно хранит не более 28",
        ),
        (
            r"amount: (\d+) digits; an amount holds at most (\d+) significant digits",
            "сумма: \\1 цифр, а сумма точно хранит не более \\2 значащих цифр",
        ),
        (
            r"amount: (\S+) needs (\d+) significant digits.*",
            "сумма \\1 требует \\2 значащих цифр, а сумма точно хранит не более 28",
        ),
        (
            r"(\d+) significant digits, more than (\d+) \(the digits limit.*",
            "\\1 значащих цифр, больше предела в \\2 (предел digits; его можно поднять: "
            "--limit digits=N)",
        ),
        (
            r"too large: (\S+) is beyond 10\*\*(\d+) .*",
            "слишком большое число: \\1 больше 10**\\2 (предел exponent; его можно поднять: "
            "--limit exponent=N)",
        ),
        (
            r"too small: (\S+) is below 10\*\*-(\d+) .*",
            "слишком малое число: \\1 меньше 10**-\\2 (предел exponent; его можно поднять: "
            "--limit exponent=N)",
        ),
        (r"not a finite number", "не конечное число"),
        (
            r"a formula saved without its value.*",
            "формула сохранена без значения (файл записан программой, которая не вычисляет "
            "формулы); откройте и сохраните его в табличной программе или введите число",
        ),
    )
)
_UNKNOWN_RU = "значение не прочитано"


def reason_ru(reason: str) -> str:
    """Why a cell could not be read, in Russian: the readers' English reasons, translated.

    The budget readers (`civicgrants.io.budget_csv`,
    `civicgrants.io.budget_xlsx`) keep each unreadable cell with an English
    reason (`InvalidCell`); the audit's Russian
    message says the same in Russian, never half in English. A reason this
    table does not know (one typed into a workbook's hidden record, say) reads
    «значение не прочитано».

    Parameters
    ----------
    reason : str
        The English reason, as a reader wrote it.

    Returns
    -------
    str
        The reason in Russian.

    Examples
    --------
    >>> reason_ru("not an amount this parser knows (see Money.parse for the forms)")
    'не сумма в знакомой записи (например, «1 260 000», «140 000,50», «458 000 EUR»)'
    >>> reason_ru("must be >= 0, got -5.00")
    'должно быть не меньше 0, указано -5.00'
    >>> reason_ru("spilt coffee")
    'значение не прочитано'

    See Also
    --------
    audit : its ``invalid-value`` findings use it for ``message_ru``.
    civicgrants.budget.InvalidCell : a cell kept with its reason.
    """
    for pattern, russian in _REASONS_RU:
        match = pattern.fullmatch(reason)
        if match:
            return match.expand(russian)
    return _UNKNOWN_RU


class _Auditor:
    def __init__(self, budget: Budget) -> None:
        self.b = budget
        self.cur = budget.currency
        self.findings: list[Finding] = []
        self.computed: dict[str, Decimal | None] = {}

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

    # -- money helpers --------------------------------------------------------
    def amount(self, row: BudgetRow, value: Money | None, column: str) -> Decimal | None:
        if value is None:
            return None
        if value.currency != self.cur:
            self.add(
                "invalid-value",
                Severity.ERROR,
                row.code,
                {"column": column, "currency": value.currency, "budget_currency": self.cur},
                f"Строка {row.code}: {column} в валюте {value.currency}, а бюджет в {self.cur}",
                f"row {row.code}: {column} is in {value.currency} but the budget is in {self.cur}",
            )
            return None
        return value.amount

    # -- the pass -------------------------------------------------------------
    def run(self) -> None:
        for row in self.b.rows:
            for cell in row.invalid:
                self.add(
                    "invalid-value",
                    Severity.ERROR,
                    row.code,
                    {"column": cell.column, "text": cell.text},
                    f"Строка {row.code}, поле {cell.column}: {reason_ru(cell.reason)} "
                    f"(«{cell.text}»)",
                    f"row {row.code}, {cell.column}: {cell.reason} ({cell.text!r})",
                )
        start = len(self.findings)
        rows = self.b.rows
        with localcontext(EXACT):  # exact decimal arithmetic for the whole pass
            groups = []
            cur, computed, slow = self.cur, self.computed, self._row
            for row in rows:  # lines need nothing below them: one pass in document order
                if not row.is_line:
                    groups.append(row)
                    continue
                price, qty, declared = row.unit_price, row.quantity, row.declared_total
                if (
                    price is None
                    or qty is None
                    or row.invalid
                    or price.currency != cur
                    or (declared is not None and declared.currency != cur)
                ):
                    slow(row)  # the general path reports what is missing or foreign
                    continue
                comp = price.amount * qty * row.periods
                if declared is not None and declared.amount != comp:
                    slow(row)
                    continue
                computed[row.code] = comp
                if row.funding:
                    self._split(row, comp)
            for row in self._deepest_first(groups):
                self._row(row)
        # Report in the document's row order, whatever order the pass took.
        position = self.b.position
        self.findings[start:] = sorted(self.findings[start:], key=lambda f: position(f.location))

    def _deepest_first(self, groups: list[BudgetRow]) -> list[BudgetRow]:
        """Groups ordered so that every group comes after the groups below it (no recursion)."""
        depth: dict[str, int] = {}
        parent_of = self.b.parent_of
        row = self.b.row
        for group in groups:
            chain: list[str] = []
            code: str | None = group.code
            while code is not None and code not in depth:
                chain.append(code)
                code = parent_of(row(code))
            base = -1 if code is None else depth[code]
            for c in reversed(chain):
                base += 1
                depth[c] = base
        return sorted(groups, key=lambda g: -depth[g.code])

    def _row(self, row: BudgetRow) -> None:
        declared = self.amount(row, row.declared_total, "declared_total")
        if row.is_line:
            price = self.amount(row, row.unit_price, "unit_price")
            if (row.unit_price is None) != (row.quantity is None) and not row.invalid:
                missing = "quantity" if row.quantity is None else "unit_price"
                self.add(
                    "invalid-value",
                    Severity.ERROR,
                    row.code,
                    {"column": missing},
                    f"Строка {row.code}: не указано поле {missing}, сумма не вычисляется",
                    f"row {row.code}: {missing} is missing, so the line's total cannot be computed",
                )
            comp = (
                None
                if price is None or row.quantity is None or row.unreadable_periods
                else price * row.quantity * row.periods
            )
            if comp is not None and declared is not None and comp != declared:
                gap = comp - declared
                self.add(
                    "line-arithmetic",
                    Severity.ERROR,
                    row.code,
                    {
                        "declared": declared,
                        "computed": comp,
                        "gap": gap,
                        "quantity": row.quantity,
                        "unit_price": price,
                        "periods": row.periods,
                    },
                    f"Строка {row.code}: {row.quantity} × {plain(price or Decimal(0))} × {row.periods} = "
                    f"{plain(comp)}, указано {plain(declared)} (разница {plain(gap)})",
                    f"row {row.code}: {row.quantity} × {plain(price or Decimal(0))} × {row.periods} = "
                    f"{plain(comp)}, but {plain(declared)} is printed (gap {plain(gap)})",
                )
        else:
            kids = self.b.child_codes(row.code)
            if not kids:  # an empty row of the form counts as zero, unless its total is unreadable
                unreadable = any(c.column == "declared_total" for c in row.invalid)
                comp = declared if row.declared_total is not None or unreadable else Decimal(0)
            else:
                computed = self.computed
                comp = _sum([computed[k] for k in kids])
                stated_sum = _sum([self._stated(self.b.row(k)) for k in kids])
                if (
                    declared is not None
                    and comp is not None
                    and declared != comp
                    and declared != stated_sum
                ):
                    self._mismatch(row, declared, comp, self.b.children(row.code))
                elif comp is None and stated_sum is not None and declared not in (None, stated_sum):
                    # Some row cannot be computed, but what the rows print still disagrees.
                    assert declared is not None
                    self._mismatch(row, declared, stated_sum, self.b.children(row.code))
        self.computed[row.code] = comp
        self._split(row, declared if declared is not None else comp)

    def _stated(self, row: BudgetRow) -> Decimal | None:
        if row.declared_total is not None and row.declared_total.currency == self.cur:
            return row.declared_total.amount
        return self.computed[row.code]

    def _mismatch(
        self, row: BudgetRow, declared: Decimal, comp: Decimal, kids: Sequence[BudgetRow]
    ) -> None:
        gap = comp - declared
        suspects = [
            k.code
            for k in kids
            if abs(gap) in {v for v in (self.computed[k.code], self._stated(k)) if v is not None}
        ]
        numbers: dict[str, object] = {"declared": declared, "computed": comp, "gap": gap}
        if suspects:
            numbers["suspects"] = suspects
        hint_en = (
            f"; {' or '.join(suspects)} alone equals the gap (likely left out)" if suspects else ""
        )
        hint_ru = (
            f"; ровно на сумму {' или '.join(suspects)} (вероятно, не учтено)" if suspects else ""
        )
        self.add(
            "subtotal-mismatch",
            Severity.ERROR,
            row.code,
            numbers,
            f"Группа {row.code}: указано {plain(declared)}, сумма строк {plain(comp)} (разница {plain(gap)}){hint_ru}",
            f"group {row.code}: {plain(declared)} is printed, its rows sum to {plain(comp)} (gap {plain(gap)}){hint_en}",
        )

    def _split(self, row: BudgetRow, total: Decimal | None) -> None:
        if not row.funding or total is None:
            return
        funded: Decimal | None = Decimal(0)
        for f in row.funding:
            if f.amount.currency != self.cur:
                self.amount(row, f.amount, f.source.value)  # reports the currency mix
                funded = None
            elif funded is not None:
                funded += f.amount.amount
        if funded is not None and funded == total and not row.is_line:
            self._split_by_source(row)
        if funded is not None and funded != total:
            split = {f.source.value: f.amount.amount for f in row.funding}
            self.add(
                "split-mismatch",
                Severity.ERROR,
                row.code,
                {"total": total, "funded": funded, "gap": total - funded, **split},
                f"Строка {row.code}: источники дают {plain(funded)}, итог {plain(total)}",
                f"row {row.code}: the funding sources add up to {plain(funded)}, the total is {plain(total)}",
            )

    def _split_by_source(self, row: BudgetRow) -> None:
        """A group's split must equal, source by source, its children's when they all state one."""
        kids = self.b.children(row.code)
        if not kids or not all(k.funding for k in kids):
            return
        group: dict[str, Decimal] = {}
        below: dict[str, Decimal] = {}
        for f in row.funding:
            group[f.source.value] = group.get(f.source.value, Decimal(0)) + f.amount.amount
        for k in kids:
            for f in k.funding:
                if f.amount.currency != self.cur:
                    return
                below[f.source.value] = below.get(f.source.value, Decimal(0)) + f.amount.amount
        if sum(group.values()) != sum(below.values()):
            return  # the totals differ: the subtotal check reports that, once
        sources = sorted(set(group) | set(below))
        diff = {s: below.get(s, Decimal(0)) - group.get(s, Decimal(0)) for s in sources}
        if any(diff.values()):
            wrong = [s for s in sources if diff[s]]
            self.add(
                "split-mismatch",
                Severity.ERROR,
                row.code,
                {
                    "sources": wrong,
                    **{f"group_{s}": group.get(s, Decimal(0)) for s in wrong},
                    **{f"rows_{s}": below.get(s, Decimal(0)) for s in wrong},
                },
                f"Группа {row.code}: по источникам ({', '.join(wrong)}) строки не совпадают с итогом группы",
                f"group {row.code}: its rows' split by source ({', '.join(wrong)}) differs from the group's",
            )

    # -- cross-row checks ------------------------------------------------------
    def duplicates(self) -> None:
        # The same normalised item for the same amount under two different parents.
        computed, parent_of = self.computed, self.b.parent_of
        folded: dict[str, str] = {}
        seen: dict[tuple[Decimal, str], BudgetRow] = {}
        clashes: list[tuple[BudgetRow, BudgetRow, Decimal]] = []
        for row in self.b.rows:
            item = row.item
            if not item or not row.is_line:
                continue
            comp = computed.get(row.code)
            if comp is None:
                continue
            key_item = folded.get(item)
            if key_item is None:
                key_item = folded[item] = normal(item)
            key = (comp, key_item)
            first = seen.setdefault(key, row)
            if first is not row and parent_of(first) != parent_of(row):
                clashes.append((first, row, comp))
        for first, row, comp in clashes:  # already in document order
            self.add(
                "duplicate-line",
                Severity.WARNING,
                row.code,
                {"amount": comp, "first": first.code, "second": row.code},
                f"Строка {row.code} повторяет {first.code}: «{row.item}» на {plain(comp)} в двух блоках",
                f"row {row.code} repeats {first.code}: {row.item!r} for {plain(comp)} in two blocks",
            )

    def calendar(self, grid: MonthGrid) -> None:
        codes = {r.code for r in self.b.rows}
        used: set[str] = set()
        for act in grid.activities:
            block = act.budget_block
            if block is not None and block in codes:
                used.add(block)
                continue
            why_en = (
                "has no budget block"
                if block is None
                else f"names budget block {block}, which the budget lacks"
            )
            why_ru = (
                "не имеет бюджетного блока"
                if block is None
                else f"ссылается на блок {block}, которого нет в бюджете"
            )
            self.add(
                "unbudgeted-activity",
                Severity.WARNING,
                f"calendar activity {act.key}",
                {"activity": act.key, "months": list(act.months), "budget_block": block},
                f"Мероприятие календарного плана {act.key} ({act.names.get('ru')}) {why_ru}",
                f"calendar activity {act.key} ({act.names.get('en')}) {why_en}",
            )
        keys = {a.key for a in grid.activities}
        for row in self.b.rows:
            if row.activity is not None and row.code not in used and row.activity not in keys:
                self.add(
                    "unscheduled-block",
                    Severity.WARNING,
                    row.code,
                    {"activity": row.activity},
                    f"Блок {row.code} (мероприятие {row.activity}) отсутствует в календарном плане",
                    f"block {row.code} (activity {row.activity}) is in no calendar activity",
                )

    def quantities(self, participants: Mapping[str, int]) -> None:
        for block, people in sorted(participants.items()):
            for row in self._descendants(block):
                if not row.is_line or row.quantity is None or not row.item:
                    continue
                kind = _kind(row.item)
                if kind is None or row.quantity == people:
                    continue
                more = row.quantity > people
                with localcontext(EXACT):
                    difference = row.quantity - people
                self.add(
                    "quantity-hint",
                    Severity.INFO if more else Severity.WARNING,
                    row.code,
                    {
                        "quantity": row.quantity,
                        "participants": people,
                        "kind": kind,
                        "difference": difference,
                    },
                    f"Строка {row.code}: {row.quantity} ед. ({'питание' if kind == 'catering' else 'раздаточные материалы'}) "
                    f"при {people} участниках",
                    f"row {row.code}: {row.quantity} {kind} items for {people} participants",
                )

    def _descendants(self, code: str) -> list[BudgetRow]:
        out: list[BudgetRow] = []
        stack = list(self.b.children(code))
        while stack:
            row = stack.pop(0)
            out.append(row)
            stack[0:0] = list(self.b.children(row.code))
        return out


def _sum(parts: Sequence[Decimal | None]) -> Decimal | None:
    """The exact sum, or ``None`` when a part is unknown."""
    total = Decimal(0)
    for part in parts:
        if part is None:
            return None
        total += part
    return total


def _kind(item: str) -> str | None:
    low = item.lower()
    if any(w in low for w in HANDOUT_WORDS):
        return "handouts"
    if any(w in low for w in CATERING_WORDS):
        return "catering"
    return None


def audit(
    budget: Budget,
    *,
    calendar: MonthGrid | None = None,
    participants: Mapping[str, int] | None = None,
    policy: object | None = None,
    on: dt.date | None = None,
) -> tuple[Finding, ...]:
    """Every finding about ``budget`` at once; a correct budget gives no error findings.

    Parameters
    ----------
    budget : Budget
        The budget to check.
    calendar : MonthGrid or None, optional
        The calendar plan's month grid: activities without a budget block and
        blocks without an activity become findings.
    participants : mapping of str to int, optional
        Participants per block code, e.g. ``{"3.5": 240}``: catering and
        handout lines under the block are compared with it.
    policy : Policy or None, optional
        A `civicgrants.budget.Policy`; each breach is a finding.
    on : datetime.date or None, optional
        The date whose payroll rates apply (the rate table is dated); the
        latest rates by default.

    Returns
    -------
    tuple of Finding
        The findings of the codes in the module docs: the row-by-row checks
        in document order, then duplicates, calendar, quantities, policy and
        payroll findings.

    Raises
    ------
    TypeError
        ``policy`` is not a `Policy`. A bad budget
        never raises: its problems are findings.

    Examples
    --------
    >>> from decimal import Decimal
    >>> b = Budget("b", rows=(
    ...     BudgetRow("1", declared_total=Money(300)),
    ...     BudgetRow("1.a", "1", item="pen", quantity=Decimal(2), unit_price=Money(100)),
    ...     BudgetRow("1.b", "1", item="pad", quantity=Decimal(1), unit_price=Money(50)),
    ... ))
    >>> [(f.code, f.location, f.numbers["gap"]) for f in audit(b)]
    [('subtotal-mismatch', '1', Decimal('-50.00'))]
    >>> print(audit(b)[0].message_en)
    group 1: 300.00 is printed, its rows sum to 250.00 (gap -50.00); 1.b alone equals the gap (likely left out)

    See Also
    --------
    check : the findings with the budget's totals, as ``civicgrants budget check`` prints them.
    civicgrants.budget.check_policy : the policy findings alone.
    civicgrants.budget.check_payroll : the payroll findings alone.
    """
    a = _Auditor(budget)
    a.run()
    a.duplicates()
    if calendar is not None:
        a.calendar(calendar)
    if participants:
        a.quantities(participants)
    if policy is not None:
        from civicgrants.budget.policy import Policy, check_policy

        if not isinstance(policy, Policy):
            raise TypeError(f"policy: expected a Policy, got {type(policy).__name__}")
        a.findings.extend(check_policy(budget, policy))
    from civicgrants.budget.payroll import check_payroll

    a.findings.extend(check_payroll(budget, on=on))
    return tuple(a.findings)


@shows
@attrs.frozen
class BudgetCheck:
    """The result of ``civicgrants budget check``: the audit's findings and the budget's totals.

    Build it with `check()`; `civicgrants.io.render.render()` writes it
    as text or JSON.

    Attributes
    ----------
    findings : tuple of Finding
        Every finding of `audit()`, in order.
    rows : int
        How many rows the budget has.
    currency : str
        The budget's currency.
    stated : Money or None
        The grand total as printed (``None`` when the budget has no ``TOTAL`` row).
    computed : Money or None
        The grand total as computed from the lines.
    name : str or None
        What the budget is called where it came from (a file name), if known.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_budget
    >>> c = check(seed_001_budget())
    >>> c.rows, c.has_errors, str(c.stated.amount), str(c.computed.amount)
    (70, True, '31891320.00', '32051320.00')

    See Also
    --------
    check : builds it.
    civicgrants.io.views.budget.check_text : its text.
    civicgrants.io.views.budget.check_data : its JSON.
    civicgrants.budget.Summary : the result of ``civicgrants budget summary``.
    """

    findings: tuple[Finding, ...]
    rows: int
    currency: str
    stated: Money | None
    computed: Money | None
    name: str | None = None

    @property
    def has_errors(self) -> bool:
        """Whether any finding is an error (the command then exits 1).

        Returns
        -------
        bool
            True when a finding's severity is ``ERROR``.

        Examples
        --------
        >>> check(Budget("b", rows=(BudgetRow("1", declared_total=Money(5)),))).has_errors
        False

        See Also
        --------
        civicgrants.model.Severity : the severities of findings.
        """
        return any(f.severity is Severity.ERROR for f in self.findings)


def check(
    budget: Budget,
    *,
    participants: Mapping[str, int] | None = None,
    name: str | None = None,
) -> BudgetCheck:
    """Audit ``budget`` and total it: what ``civicgrants budget check`` prints.

    Parameters
    ----------
    budget : Budget
        The budget to check.
    participants : mapping of str to int, optional
        Participants per block code, e.g. ``{"3.5": 240}``: catering and
        handout lines under the block are compared with it.
    name : str, optional
        What the budget is called (a file name); the text names it.

    Returns
    -------
    BudgetCheck
        The findings, the row count and the stated and computed totals.

    Raises
    ------
    ValidationError
        ``participants`` names a row the budget lacks.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_budget
    >>> c = check(seed_001_budget(), participants={"3.5": 240})
    >>> [(f.code, f.location) for f in c.findings if f.severity is not Severity.INFO]
    [('subtotal-mismatch', '3.5'), ('duplicate-line', '3.2.a')]
    >>> check(seed_001_budget(), participants={"9": 1})
    Traceback (most recent call last):
    ...
    civicgrants.errors.ValidationError: participants: names no row '9'

    See Also
    --------
    audit : the findings alone, with a calendar, a policy or a date.
    civicgrants.io.views.budget : its text and JSON.
    """
    problems = []
    for code in participants or {}:
        try:
            budget.row(code)
        except KeyError:
            problems.append(Problem("participants", f"names no row {code!r}"))
    if problems:
        raise ValidationError(problems)
    has_total = any(r.code == TOTAL for r in budget.rows)
    return BudgetCheck(
        audit(budget, participants=participants),
        len(budget.rows),
        budget.currency,
        budget.stated(TOTAL) if has_total else None,
        budget.total(),
        name,
    )
