"""The walkthrough behind ``civicgrants demo``: one cycle of the embedded programme.

`demo()` makes the same library calls a user would, on the data that ships,
and returns them as a `Walkthrough`;
``civicgrants.io.render.text(demo())`` is what ``civicgrants demo`` prints. Its
last three steps are ``civicgrants round init``, ``round status`` and ``round
report`` on the example round, in a folder: the user's (``--out DIR``), or a
temporary one that is removed at the end.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from civicgrants.model.progress import Progress
from civicgrants.model.progress import report as tell
from civicgrants.model.walkthrough import ReportFile, Step, Walkthrough

if TYPE_CHECKING:
    from civicgrants.io.workspace import WrittenRound
    from civicgrants.pb import Election
    from civicgrants.round import RoundStatus

__all__ = [
    "DEMO_PARTS",
    "DEMO_VOTE_FILE",
    "REPORT_FILE",
    "ROUND_DATE",
    "SCORING_DRAWS",
    "demo",
    "demo_election",
    "round_steps",
]

DEMO_VOTE_FILE = "poland_warszawa_2018_zerzen.pb"
"""The real pabulib election that ships for the demo's residents' vote."""

SCORING_DRAWS = 2000
"""Monte Carlo draws of the demo's funding-line sensitivity."""

DEMO_PARTS = 9
"""The parts `demo()` tells its ``progress`` of: the round, then eight steps."""

ROUND_DATE = dt.date(2021, 12, 1)
"""The date the demo asks the example round what is overdue (status and report)."""

REPORT_FILE = "report.html"
"""The name of the round's HTML report in the demo's folder."""


def demo_election() -> Election:
    """The shipped pabulib election of the demo (Warszawa 2018, Zerzeń).

    Returns
    -------
    Election
        The election read from `DEMO_VOTE_FILE`, named after the file.

    Examples
    --------
    >>> e = demo_election()
    >>> e.n_voters, e.n_projects
    (678, 6)

    See Also
    --------
    demo : the walkthrough whose ``vote`` step compares rules on it.
    civicgrants.io.pabulib.loads_pb : how the shipped file is read.
    civicgrants.pb.compare : greedy against equal shares on an election.
    """
    from importlib.resources import files

    from civicgrants.io.pabulib import loads_pb

    data = files("civicgrants.datasets").joinpath(DEMO_VOTE_FILE).read_bytes()
    return loads_pb(data, name=DEMO_VOTE_FILE)


def round_steps(folder: str | os.PathLike[str], *, lang: str = "en") -> tuple[Step, Step, Step]:
    """The example round through ``civicgrants round init``, ``status`` and ``report``.

    The same library calls as the three commands: the round is written to
    ``folder`` (`dump_round()`), read back from it
    (`load_round()`), asked for its status on
    `ROUND_DATE`, and its HTML report on that date is written to
    ``folder/report.html``. Without the ``report`` extra (Jinja2, matplotlib) the
    report is not written, and the last step says what it needs and what it would hold.

    Parameters
    ----------
    folder : str or os.PathLike
        Where the round goes: a new or empty folder (created if missing).
    lang : {"en", "ru", "kk"}
        The language of the HTML report.

    Returns
    -------
    tuple of Step
        ``round-init`` (a `WrittenRound`),
        ``round-status`` (the `RoundStatus` of the round
        read back from the folder) and ``round-report`` (a
        `ReportFile`); each with ``source``
        the folder as given.

    Raises
    ------
    civicgrants.errors.DocumentError
        ``folder`` is a file, holds a round already, or holds anything else that is
        not hidden (the round could not be read back from it); nothing is written then.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from civicgrants.errors import DocumentError
    >>> tmp = tempfile.TemporaryDirectory()
    >>> init, status, report = round_steps(tmp.name)
    >>> init.result.round, status.result.on.isoformat(), report.result.name
    ('example-round', '2021-12-01', 'report.html')
    >>> (pathlib.Path(tmp.name) / "report.html").is_file() == report.result.written
    True
    >>> try:
    ...     round_steps(tmp.name)
    ... except DocumentError as exc:
    ...     print(exc.problems[0])
    round.json: the folder holds a round
    >>> tmp.cleanup()

    See Also
    --------
    demo : the walkthrough that ends with these steps.
    civicgrants.cli.round.run : the three commands.
    """
    written, status, report = _round(folder, lang)
    where = os.fspath(folder)
    return (
        Step("round-init", written, source=where),
        Step("round-status", status, source=where),
        Step("round-report", report, source=where),
    )


def _round(
    folder: str | os.PathLike[str], lang: str
) -> tuple[WrittenRound, RoundStatus, ReportFile]:
    from civicgrants.datasets.example_round import example_round
    from civicgrants.errors import DocumentError, MissingExtra, Problem
    from civicgrants.io.html import CHARTS, SECTIONS, round_report, write_report
    from civicgrants.io.workspace import MANIFEST, dump_round, load_round
    from civicgrants.round import round_status

    root = Path(folder)
    if root.is_dir() and not (root / MANIFEST).exists():
        others = sorted(p.name for p in root.iterdir() if not p.name.startswith("."))
        if others:  # load_round would refuse them once the round is written: refuse first
            raise DocumentError(
                os.fspath(folder),
                [Problem(others[0], "the folder is not empty: give a new or empty folder")],
            )
    written = dump_round(example_round(), folder)  # refuses a folder that holds a round
    r = load_round(folder)  # what `round status DIR` and `round report DIR` read
    status = round_status(r, on=ROUND_DATE)
    try:
        page = round_report(r, lang=lang, on=ROUND_DATE)
    except MissingExtra as exc:  # the report extra is optional: say what the page would hold
        report = ReportFile(
            REPORT_FILE, r.id, lang, ROUND_DATE, SECTIONS, CHARTS, r.synthetic, needs=exc.extra
        )
    else:
        page = write_report(page, root / REPORT_FILE)
        report = ReportFile(
            REPORT_FILE,
            page.round,
            page.lang,
            page.on,
            page.sections,
            page.charts,
            page.synthetic,
            size=page.size,
        )
    return written, status, report


def demo(
    *,
    lang: str = "en",
    out: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
) -> Walkthrough:
    """One cycle of the embedded programme, step by step, as typed results.

    The steps: the programme itself (``programme``); the season's calendar
    (``schedule``: a `Plan` of Stage III); the audit of
    seed 001's cost estimate (``budget``) and the programme's community contribution
    (``contribution``); a synthetic, seeded commission round (``scoring``: a
    `Review`); a residents' vote on a real pabulib file
    (``vote``: greedy against equal shares); the published figures rolled up from
    their parts (``indicators``) and the audit of seed 002's final report
    (``report``); then the example round from decision to delivery as one folder,
    through the calls of ``civicgrants round init``, ``status --on 2021-12-01`` and
    ``report`` (`round_steps()`: ``round-init``, ``round-status``,
    ``round-report``; the synthetic parts labelled in each).

    Parameters
    ----------
    lang : {"en", "ru", "kk"}
        The language its text (and the round's HTML report) is shown in.
    out : str or os.PathLike, optional
        The folder to keep the round and its ``report.html`` in (a new or empty
        one). Without it, the round goes to a temporary folder that is removed
        before `demo()` returns: the three round steps then name no folder
        (``source`` is ``None``, the written round's ``folder`` is empty).
    progress : Progress, optional
        Called as ``progress(done, 9)`` as the parts are made (the round, then
        each of the eight other steps; the CLI draws a bar on a terminal); the
        walkthrough does not depend on it.

    Returns
    -------
    Walkthrough
        The walkthrough ``"demo"``, its eleven steps in the order above.

    Raises
    ------
    civicgrants.errors.DocumentError
        ``out`` holds a round already, or anything else (see `round_steps()`).

    Examples
    --------
    >>> w = demo()
    >>> [s.key for s in w.steps]  # doctest: +NORMALIZE_WHITESPACE
    ['programme', 'schedule', 'budget', 'contribution', 'scoring', 'vote', 'indicators',
     'report', 'round-init', 'round-status', 'round-report']
    >>> w.step("round-init").source is None, w.step("round-status").result.on.isoformat()
    (True, '2021-12-01')

    See Also
    --------
    civicgrants.io.render.text : the walkthrough as ``civicgrants demo`` prints it.
    demo_election : the election behind the ``vote`` step.
    round_steps : the round's three steps.
    civicgrants.datasets.synthetic_round.synthetic_round : the round behind ``scoring``.
    """
    import attrs

    from civicgrants.budget import check
    from civicgrants.datasets import public_spaces, seed_001_budget
    from civicgrants.datasets.seed_002_report import seed_002_final_report
    from civicgrants.datasets.synthetic_round import synthetic_round
    from civicgrants.dossier import check_final_report
    from civicgrants.indicators import programme_status
    from civicgrants.pb import compare
    from civicgrants.schedule import plan, public_spaces_methodology
    from civicgrants.scoring import review

    rounds: tuple[Step, ...]
    tell(progress, 0, DEMO_PARTS)
    if out is not None:  # first: a folder that is refused costs nothing else
        rounds = round_steps(out, lang=lang)
    else:
        with tempfile.TemporaryDirectory(prefix="civicgrants-demo-") as tmp:
            written, status, report = _round(Path(tmp) / "round", lang)
        # the folder is gone: no step names it, so the text is the same on every machine
        rounds = (
            Step("round-init", attrs.evolve(written, folder="")),
            Step("round-status", status),
            Step("round-report", report),
        )
    tell(progress, 1, DEMO_PARTS)
    programme = public_spaces()
    stage = programme.stages[-1]
    call, sheet = synthetic_round()
    makers: list[Callable[[], Step]] = [
        lambda: Step("programme", programme),
        lambda: Step("schedule", plan(public_spaces_methodology(), stage.start)),
        lambda: Step("budget", check(seed_001_budget(), participants={"3.5": 240})),
        lambda: Step("contribution", programme),
        lambda: Step("scoring", review(call, sheet, draws=SCORING_DRAWS)),
        lambda: Step("vote", compare(demo_election()), source=DEMO_VOTE_FILE),
        lambda: Step("indicators", programme_status(programme)),
        lambda: Step("report", check_final_report(seed_002_final_report())),
    ]
    steps = []
    for make in makers:
        steps.append(make())
        tell(progress, 1 + len(steps), DEMO_PARTS)
    return Walkthrough("demo", (*steps, *rounds), lang=lang)
