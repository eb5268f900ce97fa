"""Build the seed 001 cost estimate («Смета расходов», Annex 5) in the budget CSV layout.

    python tools/build_seed_001_budget.py [--shared ../shared]

Reads ``../shared/domain/seed-001-budget.csv`` (every row of the estimate, as
extracted from the application, S001 L4923-L6336) and writes
``src/civicgrants/datasets/seed_001_budget.csv`` in the library's layout:
``parent`` codes rebuild the form's tree, lines keep quantity × unit price
(months are the quantity, as the form prints them), ``declared_total`` and
``grant`` are what the form printed, and the calendar activity each direct-cost
block belongs to is in ``activity`` (seed-001.md §4). The output is
deterministic. No person is named in it.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "civicgrants" / "datasets" / "seed_001_budget.csv"
HEADER = (
    "code",
    "parent",
    "item",
    "item_en",
    "unit",
    "quantity",
    "unit_price",
    "periods",
    "declared_total",
    "own",
    "cofinancing_other",
    "grant",
    "activity",
    "derived",
    "note",
)
ACTIVITY = {"3.1": "1", "3.2": "2", "3.3": "3", "3.4": "6", "3.5": "7", "3.6": "8"}
DERIVED = {
    "1.1.a": "salary",
    "1.1.b": "salary",
    "1.1.c": "salary",
    "1.1.d": "salary",
    "1.2": "social_tax",
    "1.3": "health_insurance",
}
TEMPLATE_PART = re.compile(r"^[a-z]+$")  # template groups: w (works), ind, leg, t, h, r


def _prefix(code: str) -> str:
    return code.rsplit(".", 1)[0] if "." in code else ""


def _line_parent(code: str, groups: list[str]) -> str | None:
    prefix = _prefix(code)
    for g in reversed(groups):
        if g == prefix:
            return g
        if g.startswith(prefix + ".") and all(
            TEMPLATE_PART.match(p) for p in g[len(prefix) + 1 :].split(".")
        ):
            return g
    return prefix or None


def build(shared: Path) -> str:
    rows = list(csv.DictReader((shared / "domain" / "seed-001-budget.csv").open(encoding="utf-8")))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    groups: list[str] = []
    for r in rows:
        code, kind = r["code"], r["row_type"]
        if kind == "grand_total":
            parent = ""
        elif kind == "line":
            parent = _line_parent(code, groups) or ""
        else:
            parent = _prefix(code)
            groups.append(code)
        is_line = kind == "line"
        unit = re.sub(r"\s*\(.*\)$", "", r["unit"]).strip()
        writer.writerow(
            [
                code,
                parent,
                r["item_ru"],
                r["item_en"],
                unit if is_line else "",
                r["quantity"] if is_line else "",
                r["unit_price"] if is_line else "",
                "",
                r["stated_total"],
                r["applicant_own_contribution"],
                r["other_cofinancing"],
                r["grant"],
                ACTIVITY.get(code, ""),
                DERIVED.get(code, ""),
                (r["notes"] or "")
                + (" (empty template row of the form)" if kind == "empty_template" else ""),
            ]
        )
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    OUT.write_text(build(args.shared), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
