"""Fuzzing the budget readers: mutated shipped budgets are read or refused, never crash.

Every input is a valid budget after a few mutations (:mod:`tests.fuzz.mutations`): a
byte flipped, the file cut, special bytes or characters (NUL, a lone CR, U+2028, a BOM,
lone surrogates), a long run of digits inserted, a line doubled, dropped or swapped.

* the CSV reader gets mutations of the shipped seed-001 estimate, as text
  (:func:`~civicgrants.io.budget_csv.loads_budget_csv`) and as the bytes of a file
  (:func:`~civicgrants.io.budget_csv.read_budget_csv`);
* the xlsx reader gets the workbooks :func:`~civicgrants.io.budget_xlsx.write_budget_xlsx`
  writes (seed 001, and a small one) and a sheet typed by hand, with either the zip's
  bytes mutated or one part inside it (a sheet, the shared strings, the workbook …)
  mutated and zipped again, so openpyxl and the Annex parser see damaged XML.

Each reader must return a budget or raise a :class:`~civicgrants.errors.CivicGrantsError`
whose problems are located and print on one line (:func:`tests.fuzz.mutations.total`);
a budget it returns must then audit, total, render and write back without an exception
(``budget check`` and ``budget summary`` run exactly that).

The suite runs a few hundred inputs per test. The long run (10⁵ inputs per reader; with
``CIVICGRANTS_FUZZ_PROGRESS=FILE`` it appends its count to FILE every 1 000 inputs)::

    CIVICGRANTS_FUZZ_EXAMPLES=100000 python -m pytest tests/fuzz/test_budget.py \\
        -p no:cacheprovider --hypothesis-seed=0
"""

from __future__ import annotations

import io
import os
import tempfile
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicgrants.budget import Budget, BudgetRow, Funding, Source, check, summarise
from civicgrants.datasets import seed_001_budget
from civicgrants.io.budget_csv import dumps_budget_csv, loads_budget_csv, read_budget_csv
from civicgrants.io.render import render
from civicgrants.model.money import Money
from tests.fuzz.mutations import FUZZ, mutated_bytes, mutated_text, one_of_seeds, total

openpyxl = pytest.importorskip("openpyxl")

from civicgrants.io.budget_xlsx import read_budget_xlsx, write_budget_xlsx  # noqa: E402

DATASETS = Path(__file__).resolve().parents[2] / "src" / "civicgrants" / "datasets"
SEED_CSV = (DATASETS / "seed_001_budget.csv").read_text(encoding="utf-8")
SMALL_CSV = (
    "code;parent;item;unit;quantity;unit_price;periods;declared_total;grant;own;derived;note\n"
    "TOTAL;;Итого;;;;;1 260 000;;;;\n"
    "1;;Зарплата;;;;;1 260 000;1 000 000;260 000;;\n"
    '1.a;1;Руководитель;месяц;9;140 000,00;;1 260 000;;;salary;"две\nстроки"\n'
)
TEXTS = (SEED_CSV, SMALL_CSV)
FOLDER = Path(tempfile.mkdtemp(prefix="civicgrants-fuzz-budget-"))
PROGRESS = os.environ.get("CIVICGRANTS_FUZZ_PROGRESS")
"""A file the long run appends its count to every 1 000 inputs, when set."""
_COUNTS: dict[str, int] = {}


def _count(test: str) -> None:
    if PROGRESS:
        _COUNTS[test] = _COUNTS.get(test, 0) + 1
        if _COUNTS[test] % 1000 == 0:
            with open(PROGRESS, "a", encoding="utf-8") as log:
                log.write(f"{test} {_COUNTS[test]} {time.time():.0f}\n")


def _used(budget: Budget) -> None:
    """What ``budget check`` and ``budget summary`` do with a budget that was read."""
    render(check(budget, name="fuzz.csv"), "text", lang="ru")
    render(summarise(budget, name="fuzz.csv"), "json")
    dumps_budget_csv(budget)


@FUZZ
@given(
    st.one_of(
        one_of_seeds(TEXTS, mutated_text),
        one_of_seeds([t.encode("utf-8") for t in TEXTS], mutated_bytes),
    )
)
def test_the_csv_reader_is_total(data: str | bytes) -> None:
    """Text goes to ``loads_budget_csv``, bytes to ``read_budget_csv`` through a file."""
    _count("csv")
    if isinstance(data, str):
        budget = total(loads_budget_csv, data, source="seed_001_budget.csv")
    else:
        path = FOLDER / "budget.csv"
        path.write_bytes(data)
        budget = total(read_budget_csv, path)
    if budget is not None:
        _used(budget)


def _workbooks() -> tuple[bytes, ...]:
    small = Budget(
        "small",
        rows=(
            BudgetRow("1", item="Admin", declared_total=Money(300)),
            BudgetRow(
                "1.a",
                "1",
                item="Bank",
                unit="шт.",
                quantity=Decimal("1.5"),
                unit_price=Money(200),
                funding=(Funding(Source.GRANT, Money(200)), Funding(Source.AKIMAT, Money(100))),
            ),
        ),
    )
    hand = openpyxl.Workbook()
    sheet = hand.active
    sheet.append(["№", "Статьи расходов", "Количество", "Стоимость, в тенге", "Всего, в тенге"])
    sheet.append([1, 2, 3, 4, 5])
    sheet.append(["1", "Аренда", None, None, 5000])
    sheet.append(["1.1", "Зал", 2, 2500, "=C5*D5"])
    sheet.append(["Итого", None, None, None, 5000])
    buffer = io.BytesIO()
    hand.save(buffer)
    out = [buffer.getvalue()]
    for budget in (seed_001_budget(), small):
        path = write_budget_xlsx(budget, FOLDER / f"{budget.id}.xlsx")
        out.append(path.read_bytes())
    return tuple(out)


WORKBOOKS = _workbooks()


def _parts(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


@st.composite
def mutated_parts(draw: st.DrawFn) -> bytes:
    """A workbook, zipped again after one part inside it was mutated."""
    parts = _parts(draw(st.sampled_from(WORKBOOKS)))
    names = [info.filename for info, _ in parts]
    chosen = draw(st.sampled_from(names))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, content in parts:
            if info.filename == chosen:
                content = draw(mutated_bytes(content))
            archive.writestr(info.filename, content)
    return buffer.getvalue()


@FUZZ
@given(st.one_of(one_of_seeds(WORKBOOKS, mutated_bytes), mutated_parts()))
def test_the_xlsx_reader_is_total(data: bytes) -> None:
    """The zip's bytes damaged, or one part inside a sound zip."""
    _count("xlsx")
    path = FOLDER / "budget.xlsx"
    path.write_bytes(data)
    budget = total(read_budget_xlsx, path)
    if budget is not None:
        _used(budget)
