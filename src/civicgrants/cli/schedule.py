"""``civicgrants schedule``: the methodology's calendar on real dates."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from typing import TYPE_CHECKING, Any, TextIO

from civicgrants.cli.common import EXIT_OK, add_lang, emit, iso_date, write_bytes

if TYPE_CHECKING:
    from civicgrants.schedule import Methodology, Trainer, Travel

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command.

    Adds the ``schedule`` sub-command with its options (``--start``,
    ``--preset`` or ``--methodology``, ``--localities``, ``--trainers``,
    ``--delay``, ``--training-3-1-days``, ``--format``, ``--lang``) and sets
    `run()` as its ``run`` default.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The sub-command table of the ``civicgrants`` parser.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="civicgrants")
    >>> add_parser(parser.add_subparsers())
    >>> args = parser.parse_args(["schedule", "--start", "2021-02-01", "--delay", "4=2"])
    >>> args.start, args.preset, args.delay, args.format, args.run is run
    (datetime.date(2021, 2, 1), 'public_spaces', ['4=2'], 'text', True)

    See Also
    --------
    run : what the command does.
    civicgrants.cli.main : the ``civicgrants`` entry point.
    """
    sched = sub.add_parser(
        "schedule",
        help="lay the methodology's calendar on real dates",
        description="Plan a season: every step's and training's dates on working days, "
        "Kazakhstan's public holidays, the critical path and slack, and what had to move. "
        "With --localities, plan many localities that share trainers.",
    )
    sched.add_argument("--start", required=True, type=iso_date, help="first day, YYYY-MM-DD")
    source = sched.add_mutually_exclusive_group()
    source.add_argument(
        "--preset", default="public_spaces", choices=["public_spaces"], help="built-in methodology"
    )
    source.add_argument("--methodology", metavar="FILE", help="a methodology JSON document")
    sched.add_argument(
        "--localities",
        metavar="FILE",
        help="CSV with columns locality,region,start (start may be empty: --start is used)",
    )
    sched.add_argument(
        "--trainers",
        default=None,
        help="with --localities: a number of trainers (2 by default), or their ids separated "
        "by commas",
    )
    sched.add_argument(
        "--travel",
        default=None,
        metavar="WITHIN[,BETWEEN]",
        help="with --localities: working days a trainer travels between two localities of one "
        "region, and of two regions (the first number by default)",
    )
    sched.add_argument(
        "--optimal",
        nargs="?",
        const=10.0,
        default=None,
        type=float,
        metavar="SECONDS",
        help="with --localities: share the trainers with CP-SAT (the optimal extra) within "
        "SECONDS (10 by default); the season reports its gap to the proven lower bound",
    )
    sched.add_argument(
        "--delay",
        action="append",
        default=[],
        metavar="STEP=WEEKS",
        help="slip a step by whole weeks; repeatable",
    )
    sched.add_argument(
        "--training-3-1-days",
        type=int,
        default=2,
        choices=[1, 2],
        help="days of training 3.1 in the preset (step text: 2; brochure calendar: 1)",
    )
    sched.add_argument("--format", default="text", choices=["text", "json", "ics"])
    add_lang(sched)
    sched.set_defaults(run=run)


def _methodology(args: argparse.Namespace) -> Methodology:
    from civicgrants.io import load
    from civicgrants.schedule import Methodology, public_spaces_methodology

    if args.methodology:
        return load(args.methodology, Methodology)
    return public_spaces_methodology(training_3_1_days=args.training_3_1_days)


def _delays(specs: list[str], methodology: Methodology) -> list[tuple[str, int]]:
    from civicgrants.errors import CivicGrantsError
    from civicgrants.model.limits import get_limits

    limit = get_limits().weeks
    result = []
    for spec in specs:
        key, sep, weeks = spec.partition("=")
        weeks = weeks.strip()
        if not sep or not re.fullmatch(r"[0-9]+", weeks):
            raise CivicGrantsError(f"--delay {spec!r}: write STEP=WEEKS, e.g. 4=2")
        if len(weeks) > 9 or int(weeks) > limit:
            raise CivicGrantsError(
                f"--delay {spec!r}: {weeks} weeks is more than {limit} (the weeks limit; "
                "raise it with --limit weeks=N)"
            )
        try:
            methodology.step(key.strip())
        except KeyError as exc:
            raise CivicGrantsError(f"--delay {spec!r}: {exc.args[0]}") from None
        result.append((key.strip(), int(weeks)))
    return result


_MOST_TRAINERS = 1000
"""The most trainers ``--trainers N`` makes (ids ``trainer-1`` … ``trainer-N``)."""


def _travel(spec: str | None) -> Travel | None:
    from civicgrants.errors import CivicGrantsError
    from civicgrants.schedule import Travel

    if spec is None:
        return None
    parts = [x.strip() for x in spec.split(",")]
    if not 1 <= len(parts) <= 2 or not all(re.fullmatch(r"[0-9]{1,3}", x) for x in parts):
        raise CivicGrantsError(
            f"--travel {spec!r}: give working days as WITHIN or WITHIN,BETWEEN (0 to 999), e.g. 1,2"
        )
    within = int(parts[0])
    return Travel(within=within, between=int(parts[-1]))


def _trainers(spec: str) -> list[Trainer]:
    from civicgrants.errors import CivicGrantsError
    from civicgrants.schedule import Trainer

    text = spec.strip()
    if re.fullmatch(r"[0-9]+", text):
        count = int(text) if len(text) <= 9 else _MOST_TRAINERS + 1
        if not 1 <= count <= _MOST_TRAINERS:
            raise CivicGrantsError(
                f"--trainers {spec!r}: give a number of trainers from 1 to {_MOST_TRAINERS}, "
                "or their ids separated by commas"
            )
        ids = [f"trainer-{i}" for i in range(1, count + 1)]
    else:
        ids = [i.strip() for i in text.split(",")]
    if not text or any(not i for i in ids):
        raise CivicGrantsError(f"--trainers {spec!r}: give a number or ids separated by commas")
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise CivicGrantsError(f"--trainers {spec!r}: given twice: {', '.join(twice)}")
    trainers = []
    for i in ids:
        try:
            trainers.append(Trainer(i))
        except ValueError as exc:
            raise CivicGrantsError(f"--trainers {spec!r}: {exc}") from None
    return trainers


def _start(day: dt.date) -> dt.date:
    from civicgrants.errors import CivicGrantsError
    from civicgrants.model.limits import date_problem

    outside = date_problem(day)
    if outside is not None:
        raise CivicGrantsError(f"--start {day.isoformat()}: {outside}")
    return day


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Plan the methodology (or a season with ``--localities``) and print it.

    The methodology is the preset (with ``--training-3-1-days``) or the
    ``--methodology`` document. Without ``--localities`` it is planned from
    ``--start`` with every ``--delay STEP=WEEKS``; with it, the localities of
    the CSV file share ``--trainers`` (a number, or ids separated by commas)
    and a locality without a start uses ``--start``. ``--format ics`` writes
    iCalendar bytes; ``text`` and ``json`` go through the result's view.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed options of `add_parser()`.
    out : TextIO
        Where to write.

    Returns
    -------
    int
        The exit status: 0.

    Raises
    ------
    CivicGrantsError
        ``--start`` outside the years of the limits, ``--delay`` with
        ``--localities``, ``--trainers`` without ``--localities``, a
        ``--delay`` not written ``STEP=WEEKS``, longer
        than the ``weeks`` limit or naming an unknown step, or bad
        ``--trainers`` (not a number from 1 to 1000, or an id that is not an
        id); also the library's own errors (a bad document or CSV, a plan that
        cannot be made). A season that cannot be planned is a
        `DocumentError` naming the localities file,
        and a plan that cannot be made one naming the ``--methodology`` file.

    Examples
    --------
    >>> import io, json
    >>> parser = argparse.ArgumentParser(prog="civicgrants")
    >>> add_parser(parser.add_subparsers())
    >>> out = io.StringIO()
    >>> run(parser.parse_args(["schedule", "--start", "2021-02-01", "--format", "json"]), out)
    0
    >>> json.loads(out.getvalue())["end"]
    '2021-10-24'
    >>> run(parser.parse_args(["schedule", "--start", "2021-02-01", "--delay", "4=x"]), out)
    Traceback (most recent call last):
    ...
    civicgrants.errors.CivicGrantsError: --delay '4=x': write STEP=WEEKS, e.g. 4=2

    See Also
    --------
    civicgrants.schedule.plan : one plan.
    civicgrants.schedule.plan_season : a season, with ``--localities``.
    civicgrants.io.schedule.read_localities : reads the ``--localities`` file.
    """
    from civicgrants.errors import CivicGrantsError, DocumentError, ScheduleError
    from civicgrants.io.schedule import read_localities, season_ics, to_ics
    from civicgrants.schedule import plan, plan_season

    start = _start(args.start)
    methodology = _methodology(args)
    if args.localities:
        if args.delay:
            raise CivicGrantsError(
                "--delay applies to one plan; it cannot be combined with --localities"
            )
        trainers = _trainers(args.trainers if args.trainers is not None else "2")
        if args.optimal is not None and not 0 < args.optimal <= 3600:
            raise CivicGrantsError(
                f"--optimal {args.optimal}: give the solver's seconds, more than 0 and at most 3600"
            )
        localities = read_localities(args.localities, default_start=start)
        try:
            season = plan_season(
                methodology,
                localities,
                trainers=trainers,
                travel=_travel(args.travel),
                method="greedy" if args.optimal is None else "optimal",
                time_limit=10.0 if args.optimal is None else args.optimal,
            )
        except ScheduleError as exc:  # located at localities[i]: name the file they came from
            if not all(p.path.startswith("localities") for p in exc.problems):
                raise
            raise DocumentError(str(args.localities), exc.problems) from None
        if args.format == "ics":
            write_bytes(out, season_ics(season))
            return EXIT_OK
        return emit(season, args, out)
    for flag in ("trainers", "travel", "optimal"):
        if getattr(args, flag, None) is not None:  # not silently ignored
            raise CivicGrantsError(f"--{flag} applies to a season: give --localities FILE as well")
    delays = _delays(args.delay, methodology)
    try:
        p = plan(methodology, start, delays=delays)
    except ScheduleError as exc:  # the methodology cannot be laid on dates: name its file
        if not args.methodology:
            raise
        raise DocumentError(str(args.methodology), exc.problems) from None
    if args.format == "ics":
        write_bytes(out, to_ics(p, lang=args.lang))
        return EXIT_OK
    return emit(p, args, out)
