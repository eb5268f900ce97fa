"""Benchmark: :func:`civicgrants.budget.audit` on a 100 000-line budget.

Target: a large state-grant estimate audits "well under a second". The budget:
10 sections × 100 activities × 100 lines (101 010 rows with the groups and the
grand total), every group printing its declared total, every line its total
and a grant/own split, with a few deliberate errors (a wrong line total, a
subtotal short by one line, a wrong split, a duplicated item, an unreadable
cell). Only the audit is timed; building the :class:`~civicgrants.budget.Budget`
(which validates the tree) is measured and printed separately. There is no
external peer library that audits such budgets, so there is no ratio.

Run with ``python -m benchmarks`` (all benchmarks) or
``python benchmarks/bench_budget_audit.py`` (this one).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

import attrs

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from civicgrants.budget import Budget, BudgetRow, Funding, InvalidCell, Source, audit
from civicgrants.model.money import Money

SECTIONS = 10
ACTIVITIES = 100
LINES = 100
REPEATS = 5
TARGET_S = 1.0
UNITS = ("шт.", "услуга", "месяц", "чел.-дни", "билет")
DUPLICATE = (9, 99, 9)


def budget_rows() -> list[BudgetRow]:
    """The rows of the benchmark budget, top-down, deterministic, with five planted errors.

    Planted: a line total 1 000 off (3.7.5, which also breaks its split), a block
    subtotal printed one line short (5.50), a wrong grant/own split (7.1.1), a
    duplicate of 2.2.2 in another block (9.99.9) and an unreadable unit price
    (10.100.100).
    """
    rows: list[BudgetRow] = []
    grand = 0
    for s in range(1, SECTIONS + 1):
        section_rows: list[BudgetRow] = []
        section_total = 0
        for a in range(1, ACTIVITIES + 1):
            block = f"{s}.{a}"
            lines: list[BudgetRow] = []
            block_total = 0
            for n in range(1, LINES + 1):
                # 9.99.9 repeats 2.2.2 (item and amount) in another block: a duplicate line
                ls, la, ln = (2, 2, 2) if (s, a, n) == DUPLICATE else (s, a, n)
                quantity = 1 + (ln * 7 + la) % 40
                price = 500 * (1 + (ln * 13 + la * 3 + ls) % 400)
                total = quantity * price
                block_total += total
                lines.append(
                    BudgetRow(
                        f"{block}.{n}",
                        parent=block,
                        item=f"Статья {ls}-{la}-{ln}",
                        unit=UNITS[n % len(UNITS)],
                        quantity=Decimal(quantity),
                        unit_price=Money(price),
                        declared_total=Money(total),
                        funding=(
                            Funding(Source.GRANT, Money(total - total // 10)),
                            Funding(Source.OWN, Money(total // 10)),
                        ),
                    )
                )
            section_total += block_total
            section_rows.append(
                BudgetRow(
                    block,
                    parent=str(s),
                    item=f"Мероприятие {s}.{a}",
                    declared_total=Money(block_total),
                    activity=f"{s}.{a}",
                )
            )
            section_rows.extend(lines)
        grand += section_total
        rows.append(BudgetRow(str(s), item=f"Раздел {s}", declared_total=Money(section_total)))
        rows.extend(section_rows)
    rows.append(BudgetRow("TOTAL", item="Итого", declared_total=Money(grand)))
    return _plant_errors(rows)


def _plant_errors(rows: list[BudgetRow]) -> list[BudgetRow]:
    index = {r.code: i for i, r in enumerate(rows)}

    def change(code: str, **values: object) -> None:
        rows[index[code]] = attrs.evolve(rows[index[code]], **values)

    line = rows[index["3.7.5"]]  # line arithmetic: the printed total is 1 000 off
    assert line.declared_total is not None
    change("3.7.5", declared_total=line.declared_total + Money(1000))
    block = rows[index["5.50"]]  # subtotal: printed one line short
    dropped = rows[index["5.50.100"]].declared_total
    assert block.declared_total is not None and dropped is not None
    change("5.50", declared_total=block.declared_total - dropped)
    change("7.1.1", funding=(Funding(Source.GRANT, Money(1)),))  # split mismatch
    change(  # an unreadable unit price
        "10.100.100",
        unit_price=None,
        invalid=(InvalidCell("unit_price", "12 5OO", "not an amount this parser knows"),),
    )
    return rows


def main() -> float:
    """Build the budget, time ``audit`` on it; print and return the best audit time (s)."""
    t0 = time.perf_counter()
    rows = budget_rows()
    t1 = time.perf_counter()
    budget = Budget("bench", tuple(rows))
    t2 = time.perf_counter()
    lines = sum(1 for r in rows if r.is_line)
    times: list[float] = []
    findings: tuple[object, ...] = ()
    for _ in range(REPEATS):
        start = time.perf_counter()
        findings = audit(budget)
        times.append(time.perf_counter() - start)
    best, median = min(times), statistics.median(times)
    kinds = Counter(getattr(f, "code", "?") for f in findings)
    print(
        f"budget audit: {lines} lines in {best:.2f} s (best of {REPEATS}, median "
        f"{median:.2f} s); target: well under {TARGET_S:.0f} s; no peer"
    )
    print(
        f"  {len(rows)} rows; building them took {t1 - t0:.2f} s and the Budget (validation, "
        f"tree) {t2 - t1:.2f} s, outside the timing; findings: "
        + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    )
    return best


if __name__ == "__main__":
    main()
