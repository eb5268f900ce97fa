r"""Score sheets as a long CSV: ``application, member, criterion, score[, confidence][, comment]``.

``score`` may be ``n/a``, ``na`` or ``н/п`` for "not applicable"; an empty cell
is an error (a forgotten score must not pass as "not applicable").
Every problem is reported at once, located by file and row
(``scores.csv:7: score: must be a decimal number, got 'x'``). Checks against
the call (unknown ids, recusals, the scale) are made by
`civicgrants.scoring.decide()` with the same locations.

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
from civicgrants.model.fields import ID_PATTERN, gc_paused
from civicgrants.scoring.sheet import Row, ScoreSheet

__all__ = ["dumps_scores", "load_scores", "loads_scores"]

REQUIRED = ("application", "member", "criterion", "score")
OPTIONAL = ("confidence", "comment")
NOT_APPLICABLE = frozenset({"n/a", "na", "н/п"})
_NUMBER = re.compile(r"-?[0-9]+([.,][0-9]+)?")
_ID = re.compile(ID_PATTERN)


def loads_scores(text: str, *, source: str = "scores.csv") -> ScoreSheet:
    r"""Read a score sheet from CSV text (see the module docs).

    Parameters
    ----------
    text : str
        CSV with the columns ``application, member, criterion, score`` and optionally
        ``confidence`` and ``comment``; a decimal may use ``,`` or ``.``.
    source : str
        The file name that locates each problem.

    Returns
    -------
    ScoreSheet
        The scores in file order, each with its line number.

    Raises
    ------
    civicgrants.errors.DocumentError
        A column is missing or unknown, or any row has a bad id, an empty or
        non-numeric score or a non-numeric confidence; every problem is listed.

    Examples
    --------
    >>> loads_scores("application,member,criterion,score\na1,m1,r,x\na1,m2,r,\n")
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: scores.csv: 2 problems
      scores.csv:2: score: must be a decimal number or n/a, got 'x'
      scores.csv:3: score: is empty; write n/a for a criterion that does not apply

    See Also
    --------
    load_scores : the same from a file.
    dumps_scores : the inverse.
    civicgrants.scoring.decide : checks the sheet against the call.
    """
    with gc_paused():  # a row, its cells and its score each: no cycle among them
        return _loads(text, source)


def _loads(text: str, source: str) -> ScoreSheet:
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
    # A sheet repeats a few ids and values on every row: each distinct cell is read once.
    ids: dict[str, str] = {}
    values: dict[str, Decimal | None] = {}
    scores: list[Row] = []
    optional = [col for col in OPTIONAL if col in header]
    for n, row in rows:
        if isinstance(row, Problem):
            problems.append(Problem(f"{source}:{n}", row.message))
            continue
        bad = len(problems)
        application = ids.get(row["application"]) or _id(
            row, "application", ids, problems, n, source
        )
        member = ids.get(row["member"]) or _id(row, "member", ids, problems, n, source)
        criterion = ids.get(row["criterion"]) or _id(row, "criterion", ids, problems, n, source)
        cell = row["score"]
        if cell in values:
            score = values[cell]
        else:
            score = None
            raw = cell.strip()
            if not raw:
                problems.append(
                    Problem(
                        f"{source}:{n}: score",
                        "is empty; write n/a for a criterion that does not apply",
                    )
                )
            elif raw.lower() in NOT_APPLICABLE:
                values[cell] = None
            elif _NUMBER.fullmatch(raw):
                score = values[cell] = Decimal(raw.replace(",", "."))
            else:
                problems.append(
                    Problem(
                        f"{source}:{n}: score",
                        f"must be a decimal number or n/a, got {raw!r}",
                    )
                )
        confidence: Decimal | None = None
        comment = None
        if optional:
            raw_c = row.get("confidence", "").strip()
            if raw_c:
                if _NUMBER.fullmatch(raw_c):
                    confidence = Decimal(raw_c.replace(",", "."))
                else:
                    problems.append(
                        Problem(
                            f"{source}:{n}: confidence", f"must be a decimal number, got {raw_c!r}"
                        )
                    )
            comment = row.get("comment", "").strip() or None
        if len(problems) == bad:
            scores.append((application, member, criterion, score, confidence, comment, n))
    if problems:
        raise DocumentError(source, problems)
    return ScoreSheet.from_rows(scores, source=source)


def _id(
    row: dict[str, str], col: str, ids: dict[str, str], problems: list[Problem], n: int, source: str
) -> str:
    """The id in ``row[col]``, stripped, remembered when good; a located problem when not."""
    cell = row[col]
    value = cell.strip()
    if _ID.fullmatch(value):
        ids[cell] = value
    else:
        problems.append(Problem(f"{source}:{n}: {col}", f"must be an id, got {value!r}"))
    return value


def load_scores(path: str | os.PathLike[str]) -> ScoreSheet:
    r"""Read a score sheet from a CSV file; errors name the file.

    Parameters
    ----------
    path : str or os.PathLike
        The CSV file (see `loads_scores()` for its columns).

    Returns
    -------
    ScoreSheet
        The scores; its ``source`` is the file's name.

    Raises
    ------
    civicgrants.errors.DocumentError
        The file is missing or unreadable, or its contents are invalid.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "scores.csv"
    >>> _ = file.write_text('application,member,criterion,score\na1,m1,r,"7,5"\n', encoding="utf-8")
    >>> sheet = load_scores(file)
    >>> sheet.source, sheet.scores[0].score
    ('scores.csv', Decimal('7.5'))

    See Also
    --------
    loads_scores : the same from text.
    dumps_scores : writes a sheet back.
    """
    source = os.fspath(path)
    return loads_scores(read_text(path), source=Path(source).name)


def dumps_scores(sheet: ScoreSheet, *, redact: bool = True) -> str:
    r"""The sheet as CSV text (comments dropped unless ``redact=False``).

    Parameters
    ----------
    sheet : ScoreSheet
        The scores.
    redact : bool
        Leave out the ``comment`` column (comments are personal data).

    Returns
    -------
    str
        CSV with a header row and ``\n`` line ends; a not-applicable score is ``n/a``.

    Examples
    --------
    >>> sheet = loads_scores(
    ...     "application,member,criterion,score,comment\na1,m1,r,7,good\na1,m2,r,n/a,\n"
    ... )
    >>> print(dumps_scores(sheet), end="")
    application,member,criterion,score,confidence
    a1,m1,r,7,
    a1,m2,r,n/a,
    >>> print(dumps_scores(sheet, redact=False), end="")
    application,member,criterion,score,confidence,comment
    a1,m1,r,7,,good
    a1,m2,r,n/a,,

    See Also
    --------
    loads_scores : the inverse.
    """
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
