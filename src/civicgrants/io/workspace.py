"""A round as a folder of documents: read it as one validated graph, write it back.

The layout::

    round.json            civicgrants/round@1: the round's id, title, and which files hold
                          its parts
    call.json             civicgrants/call@1: the applications, criteria, members, pot
    programme.json        civicgrants/programme@1 (optional): localities and populations
    scores.csv            the commission's score sheet (optional)
    ballots.pb            the residents' ballots, a pabulib file (optional): its projects
                          are the call's applications; round.json's ``rule`` counts them
    applications/*.json   civicgrants/application@1 or civicgrants/dossier@1 (optional), one
                          file per application of the call that has its own document
    agreements/*.json     civicgrants/agreement@1, one file per agreement
    reports/*.json        civicgrants/final-report@1, one file per final report
    memoranda/*.json      civicgrants/memorandum@1 (optional), one file per memorandum of
                          the season, with the duties it promises and their follow-up
    *.html                the round's own HTML reports (``civicgrants round report``), not read

`load_round()` reads every file, then checks the references across them
(`civicgrants.round.dangling()`); it raises one
`DocumentError` listing every problem, each named by its
file and the path inside it (``agreements/SYN-GA-03.json: application: no
application 'X' in call C``; ``ballots.pb:14: vote: unknown project 'z'``). A
file the layout does not know is a problem too:
nothing in the folder is silently skipped. `dump_round()` writes a round in
this layout, byte for byte the same for the same round.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TypeVar

import attrs

from civicgrants.agreement.model import GrantAgreement
from civicgrants.dossier.model import Dossier
from civicgrants.dossier.report import FinalReport
from civicgrants.errors import DocumentError, Problem, ValidationError
from civicgrants.io.manifest import MANIFEST, Manifest
from civicgrants.model.application import Application
from civicgrants.model.memorandum import Memorandum
from civicgrants.model.programme import Call, Programme
from civicgrants.pb.election import Election
from civicgrants.round.model import Round, dangling
from civicgrants.scoring.sheet import ScoreSheet

__all__ = ["BALLOTS", "MANIFEST", "MAX_FILES", "WrittenRound", "dump_round", "load_round"]


MAX_FILES = 100_000
"""A folder with more entries than this is refused before anything is read."""

BALLOTS = "ballots.pb"
"""The file `dump_round()` writes a round's ballots to (``round.json`` may name another)."""

T = TypeVar("T")


_FOLDERS = ("applications", "agreements", "reports", "memoranda")


def _read(path: Path, rel: str, cls: type[T], problems: list[Problem]) -> T | None:
    from civicgrants.io.documents import load

    try:
        return load(path, cls)
    except DocumentError as exc:
        problems.extend(Problem(f"{rel}: {p.path}" if p.path else rel, p.message, p.code, p.input)
                        for p in exc.problems)  # fmt: skip
        return None


def _read_one_of(path: Path, rel: str, kinds: tuple[type, ...], problems: list[Problem]) -> Any:
    if len(kinds) == 1:
        return _read(path, rel, kinds[0], problems)
    from civicgrants.io.documents import load

    try:
        part: object = load(path)
    except DocumentError as exc:
        problems.extend(Problem(f"{rel}: {p.path}" if p.path else rel, p.message, p.code, p.input)
                        for p in exc.problems)  # fmt: skip
        return None
    if part is not None and not isinstance(part, kinds):
        names = " or ".join(k.__name__ for k in kinds)
        problems.append(Problem(f"{rel}: schema", f"expected a document of {names}"))
        return None
    return part


def _read_ballots(path: Path, rel: str, problems: list[Problem]) -> Election | None:
    from civicgrants.io.files import read_text
    from civicgrants.io.pabulib import loads_pb

    try:
        return loads_pb(read_text(path), name=rel, strict=True)  # a round counts clean ballots
    except DocumentError as exc:
        where = rel if exc.path == os.fspath(path) else exc.path  # a reading error names the path
        for p in exc.problems:
            if p.path and p.path.startswith(f"{rel}:"):  # a breach of META, located by its line
                problems.append(Problem(p.path, p.message, p.code, p.input))
            else:
                problems.append(
                    Problem(f"{where}: {p.path}" if p.path else where, p.message, p.code, p.input)
                )
    except ValidationError as exc:
        problems.extend(Problem(f"{rel}: {p.path}" if p.path else rel, p.message, p.code, p.input)
                        for p in exc.problems)  # fmt: skip
    return None


def load_round(folder: str | os.PathLike[str]) -> Round:
    """Read a round from a folder (module docs), checking every reference across its files.

    Parameters
    ----------
    folder : str or os.PathLike
        The round's folder.

    Returns
    -------
    Round
        The validated round.

    Raises
    ------
    civicgrants.errors.DocumentError
        The folder is missing or is not a round; or its documents have problems:
        every one is listed, named by its file and the path inside it.

    Examples
    --------
    >>> import tempfile
    >>> from civicgrants.datasets.example_round import example_round
    >>> written = dump_round(example_round(), tempfile.mkdtemp())
    >>> loaded, r = load_round(written.folder), example_round()
    >>> (loaded.call, loaded.agreements, loaded.reports) == (r.call, r.agreements, r.reports)
    True
    >>> loaded.scores.source, loaded.scores.scores[0].line  # where each score was read
    ('scores.csv', 2)

    See Also
    --------
    dump_round : the inverse.
    civicgrants.round.round_status : what to ask a round.
    """
    from civicgrants.io.scores_csv import load_scores
    from civicgrants.scoring.recusal import check_scores

    root = Path(folder)
    where = os.fspath(folder)
    if not root.is_dir():
        raise DocumentError(where, [Problem("", "not a folder")])
    entries = []
    for i, entry in enumerate(root.iterdir()):
        if i >= MAX_FILES:
            raise DocumentError(where, [Problem("", f"more than {MAX_FILES} entries")])
        entries.append(entry)
    problems: list[Problem] = []
    manifest = _read(root / MANIFEST, MANIFEST, Manifest, problems)
    if manifest is None:
        raise DocumentError(where, problems)
    for field in ("call", "programme", "scores", "ballots"):  # a plain name in the folder
        name = getattr(manifest, field)
        if name is not None and (Path(name).name != name or name in ("", ".", "..")):
            problems.append(
                Problem(f"{MANIFEST}: {field}", f"must name a file in the folder, got {name!r}")
            )
    if problems:
        raise DocumentError(where, problems)
    named = {MANIFEST, manifest.call, manifest.programme, manifest.scores, manifest.ballots}
    named |= set(_FOLDERS)
    for entry in sorted(entries):
        if entry.name in named or entry.name.startswith("."):
            continue
        if entry.suffix == ".html" and entry.is_file() and not entry.is_symlink():
            continue  # the round's own report (``civicgrants round report DIR -o DIR/x.html``)
        problems.append(Problem(entry.name, "not part of the round's layout (round.json)"))
    call = _read(root / manifest.call, manifest.call, Call, problems)
    programme = None
    if manifest.programme is not None:
        programme = _read(root / manifest.programme, manifest.programme, Programme, problems)
    scores: ScoreSheet | None = None
    if manifest.scores is not None:
        try:
            scores = load_scores(root / manifest.scores)
            if call is not None:
                check_scores(call, scores)  # what the commission's decision would refuse
        except (DocumentError, ValidationError) as exc:
            scores = None
            for p in exc.problems:
                inner = p.path.removeprefix(f"{manifest.scores}").removeprefix(":").strip()
                path = f"{manifest.scores}: {inner}" if inner else manifest.scores
                problems.append(Problem(path, p.message, p.code, p.input))
    ballots = None
    if manifest.ballots is not None:
        ballots = _read_ballots(root / manifest.ballots, manifest.ballots, problems)
    files: dict[tuple[str, str], str] = {}
    unread: set[str] = set()
    parts: dict[str, list[Any]] = {name: [] for name in _FOLDERS}
    kinds: tuple[tuple[str, tuple[type, ...]], ...] = (
        ("applications", (Application, Dossier)),
        ("agreements", (GrantAgreement,)),
        ("reports", (FinalReport,)),
        ("memoranda", (Memorandum,)),
    )
    for name, cls in kinds:
        sub = root / name
        if not os.path.lexists(sub):
            continue
        if sub.is_symlink() or not sub.is_dir():
            problems.append(Problem(name, "must be a folder of .json documents (not a link)"))
            continue
        for i, file in enumerate(sorted(sub.iterdir())):
            if i >= MAX_FILES:
                problems.append(Problem(name, f"more than {MAX_FILES} entries"))
                break
            rel = f"{name}/{file.name}"
            if file.name.startswith("."):
                continue
            if file.suffix != ".json" or file.is_symlink() or not file.is_file():
                problems.append(Problem(rel, "not a .json document"))
                continue
            part = _read_one_of(file, rel, cls, problems)
            if part is None:
                unread.add(name)
            elif (name, part.id) in files:
                problems.append(
                    Problem(f"{rel}: id", f"{part.id!r} is also {files[(name, part.id)]}")
                )
            else:
                parts[name].append(part)
                files[(name, part.id)] = rel
    if call is None:
        raise DocumentError(where, problems)
    # the references of the parts that did load are checked too: every problem at once
    agreements, reports = tuple(parts["agreements"]), tuple(parts["reports"])
    found = dangling(
        call,
        programme=programme,
        scores=scores,
        agreements=agreements,
        reports=reports,
        applications=parts["applications"],
        ballots=ballots,
        memoranda=parts["memoranda"],
    )
    sources = {
        "call": manifest.call,
        "scores": manifest.scores or "scores",
        "ballots": manifest.ballots or "ballots",
    }
    for kind, key, path, message in found:
        if "agreements" in unread and (path == "agreement.number" or path == "parent"):
            continue  # it may name the agreement whose file is unreadable: that one is listed
        if path == "decision.kind" and manifest.ballots is not None and ballots is None:
            continue  # the ballots' file is named but unreadable: its problems are listed
        rel = files.get((kind, key), sources.get(kind, kind))
        inner = path if (kind, key) in files else f"[{key}].{path}"
        problems.append(Problem(f"{rel}: {inner}", message))
    if problems:
        raise DocumentError(where, problems)
    try:
        return Round(
            manifest.id,
            manifest.title,
            call,
            programme=programme,
            scores=scores,
            agreements=agreements,
            reports=reports,
            applications=tuple(parts["applications"]),
            season_start=manifest.season_start,
            report_due_days=manifest.report_due_days,
            synthetic=manifest.synthetic,
            ballots=ballots,
            rule=manifest.rule,
            completion=manifest.completion,
            memoranda=tuple(parts["memoranda"]),
        )
    except ValueError as exc:  # two agreements with one id
        raise DocumentError(where, [Problem("agreements", str(exc))]) from None


@attrs.frozen
class WrittenRound:
    """A round written to a folder: what ``civicgrants round init`` prints.

    Attributes
    ----------
    folder : str
        The folder.
    round : str
        The round's id.
    files : tuple of str
        The files written, relative to the folder, sorted.
    synthetic : tuple of str
        The round's synthetic parts.

    Examples
    --------
    >>> WrittenRound("r", "example-round", ("round.json",), ()).files
    ('round.json',)

    See Also
    --------
    dump_round : writes it.
    """

    folder: str
    round: str
    files: tuple[str, ...]
    synthetic: tuple[str, ...]


def dump_round(r: Round, folder: str | os.PathLike[str], *, redact: bool = True) -> WrittenRound:
    """Write a round in the layout of `load_round()`.

    Parameters
    ----------
    r : Round
        The round.
    folder : str or os.PathLike
        Where; created if missing; it must hold no round yet.
    redact : bool, optional
        Leave personal data out (the default), as every export does.

    Returns
    -------
    WrittenRound
        The folder and the files written.

    Raises
    ------
    civicgrants.errors.DocumentError
        The folder already holds a ``round.json``, or is a file.

    Examples
    --------
    >>> import tempfile
    >>> from civicgrants.datasets.example_round import example_round
    >>> written = dump_round(example_round(), tempfile.mkdtemp())
    >>> [f for f in written.files if "/" not in f]
    ['call.json', 'programme.json', 'round.json', 'scores.csv']
    >>> sorted({f.split("/")[0] for f in written.files if "/" in f})
    ['agreements', 'applications', 'memoranda', 'reports']

    See Also
    --------
    load_round : reads it back, equal.
    """
    from civicgrants.io.documents import dump
    from civicgrants.io.pabulib import dumps_pb
    from civicgrants.io.scores_csv import dumps_scores

    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise DocumentError(os.fspath(folder), [Problem("", "not a folder")])
    if (root / MANIFEST).exists():
        raise DocumentError(os.fspath(folder), [Problem(MANIFEST, "the folder holds a round")])
    root.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(
        r.id,
        r.title,
        "call.json",
        programme="programme.json" if r.programme is not None else None,
        scores="scores.csv" if r.scores is not None else None,
        season_start=r.season_start,
        report_due_days=r.report_due_days,
        synthetic=r.synthetic,
        ballots=BALLOTS if r.ballots is not None else None,
        rule=r.rule,
        completion=r.completion,
    )
    dump(manifest, root / MANIFEST)
    dump(r.call, root / "call.json", redact=redact)
    if r.programme is not None:
        dump(r.programme, root / "programme.json", redact=redact)
    if r.scores is not None:
        (root / "scores.csv").write_text(dumps_scores(r.scores, redact=redact), encoding="utf-8")
    if r.ballots is not None:
        (root / BALLOTS).write_text(dumps_pb(r.ballots), encoding="utf-8", newline="\n")
    folders: tuple[tuple[str, tuple[Any, ...]], ...] = (
        ("applications", r.applications),
        ("agreements", r.agreements),
        ("reports", r.reports),
        ("memoranda", r.memoranda),
    )
    for name, items in folders:
        if not items and name in ("applications", "memoranda"):
            continue
        (root / name).mkdir(exist_ok=True)
        for item in items:
            dump(item, root / name / f"{item.id}.json", redact=redact)
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    return WrittenRound(os.fspath(folder), r.id, tuple(files), r.synthetic)
