r"""Score sheets as a long CSV: ``application, member, criterion, score[, confidence][, comment]``.

``score`` may be ``n/a``, ``na`` or ``н/п`` for "not applicable"; an empty cell
is an error (a forgotten score must not pass as "not applicable").
Every problem is reported at once, located by file and row
(``scores.csv:7: score: must be a decimal number, got 'x'``). Checks against
the call (unknown ids, recusals, the scale) are made by
:func:`civicgrants.scoring.decide` with the same locations.

Examples
--------
>>> sheet = loads_scores("application,member,criterion,score\na1,m1,r,7\na1,m2,r,n/a\n")
>>> [(s.member, s.score, s.line) for s in sheet.scores]
[('m1', Decimal('7'), 2), ('m2', None, 3)]
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

from civicgrants.errors import DocumentError, Problem
from civicgrants.io.csv_table import read_table
from civicgrants.io.files import read_text
from civicgrants.model.fields import ID_PATTERN
from civicgrants.scoring.sheet import Score, ScoreSheet

__all__ = ["dumps_scores", "load_scores", "loads_scores"]

REQUIRED = ("application", "member", "criterion", "score")
OPTIONAL = ("confidence", "comment")
NOT_APPLICABLE = frozenset({"n/a", "na", "н/п"})
_NUMBER = re.compile(r"-?[0-9]+([.,][0-9]+)?")
_ID = re.compile(ID_PATTERN)


def loads_scores(text: str, *, source: str = "scores.csv") -> ScoreSheet:
    """Read a score sheet from CSV text (see the module docs)."""
    header, rows, twice = read_table(text, source=source, expected=", ".join(REQUIRED))
    problems: list[Problem] = [twice] if twice else []
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in REQUIRED + OPTIONAL]
    if missing:
        problems.append(Problem("header", f"missing column(s): {', '.join(missing)}"))
    if unknown:
        problems.append(
            Problem(
                "header",
                f"unknown column(s): {', '.join(unknown)} "
                f"(allowed: {', '.join(REQUIRED + OPTIONAL)})",
            )
        )
    if problems:
        raise DocumentError(source, problems)
    scores: list[Score] = []
    for n, row in rows:
        if isinstance(row, Problem):
            problems.append(Problem(f"{source}:{n}", row.message))
            continue
        bad = len(problems)
        ids = {}
        for col in ("application", "member", "criterion"):
            value = row[col].strip()
            if not _ID.fullmatch(value):
                problems.append(Problem(f"{source}:{n}: {col}", f"must be an id, got {value!r}"))
            ids[col] = value
        raw = row["score"].strip()
        score: Decimal | None = None
        if not raw:
            problems.append(
                Problem(
                    f"{source}:{n}: score",
                    "is empty; write n/a for a criterion that does not apply",
                )
            )
        elif raw.lower() not in NOT_APPLICABLE:
            if _NUMBER.fullmatch(raw):
                score = Decimal(raw.replace(",", "."))
            else:
                problems.append(
                    Problem(
                        f"{source}:{n}: score",
                        f"must be a decimal number or n/a, got {raw!r}",
                    )
                )
        confidence: Decimal | None = None
        raw_c = row.get("confidence", "").strip()
        if raw_c:
            if _NUMBER.fullmatch(raw_c):
                confidence = Decimal(raw_c.replace(",", "."))
            else:
                problems.append(
                    Problem(f"{source}:{n}: confidence", f"must be a decimal number, got {raw_c!r}")
                )
        comment = row.get("comment", "").strip() or None
        if len(problems) == bad:
            scores.append(
                Score(
                    ids["application"],
                    ids["member"],
                    ids["criterion"],
                    score,
                    confidence,
                    comment,
                    line=n,
                )
            )
    if problems:
        raise DocumentError(source, problems)
    return ScoreSheet(tuple(scores), source=source)


def load_scores(path: str | os.PathLike[str]) -> ScoreSheet:
    """Read a score sheet from a CSV file; errors name the file."""
    source = os.fspath(path)
    return loads_scores(read_text(path), source=Path(source).name)


def dumps_scores(sheet: ScoreSheet, *, redact: bool = True) -> str:
    """The sheet as CSV text (comments dropped unless ``redact=False``)."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    cols = [*REQUIRED, "confidence", *([] if redact else ["comment"])]
    w.writerow(cols)
    for s in sheet.scores:
        row = [
            s.application,
            s.member,
            s.criterion,
            "n/a" if s.score is None else str(s.score),
            "" if s.confidence is None else str(s.confidence),
        ]
        if not redact:
            row.append(s.comment or "")
        w.writerow(row)
    return buf.getvalue()
