"""``civicgrants schedule``: the methodology's calendar on real dates."""

from __future__ import annotations

import argparse
import json
import re
from typing import TYPE_CHECKING, Any, TextIO

from civicgrants.cli.common import (
    EXIT_OK,
    iso_date,
    write_bytes,
)
from civicgrants.errors import CivicGrantsError

if TYPE_CHECKING:
    from civicgrants.schedule import Methodology

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
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
        default="2",
        help="with --localities: a number of trainers, or their ids separated by commas",
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
    sched.add_argument("--lang", default="en", choices=["ru", "kk", "en"])
    sched.set_defaults(run=run)


def _methodology(args: argparse.Namespace) -> Methodology:
    from civicgrants.io import load
    from civicgrants.schedule import Methodology, public_spaces

    if args.methodology:
        return load(args.methodology, Methodology)
    return public_spaces(training_3_1_days=args.training_3_1_days)


def _delays(specs: list[str], methodology: Methodology) -> list[tuple[str, int]]:
    result = []
    for spec in specs:
        key, sep, weeks = spec.partition("=")
        if not sep or not re.fullmatch(r"[0-9]{1,4}", weeks.strip()):
            raise CivicGrantsError(f"--delay {spec!r}: write STEP=WEEKS, e.g. 4=2")
        try:
            methodology.step(key.strip())
        except KeyError as exc:
            raise CivicGrantsError(f"--delay {spec!r}: {exc.args[0]}") from None
        result.append((key.strip(), int(weeks)))
    return result


def _schedule(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.io.schedule import plan_data, text_gantt, to_ics
    from civicgrants.schedule import plan

    methodology = _methodology(args)
    if args.localities:
        return _season(args, methodology, out)
    p = plan(methodology, args.start)
    for key, weeks in _delays(args.delay, methodology):
        p = p.delay(key, weeks=weeks)
    if args.format == "json":
        out.write(json.dumps(plan_data(p), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "ics":
        data = to_ics(p, lang=args.lang)
        write_bytes(out, data)
    else:
        out.write(text_gantt(p, lang=args.lang))
    return EXIT_OK


def _season(args: argparse.Namespace, methodology: Methodology, out: TextIO) -> int:
    from civicgrants.io.schedule import read_localities, season_data, season_ics, season_text
    from civicgrants.schedule import Trainer, plan_season

    if args.delay:
        raise CivicGrantsError(
            "--delay applies to one plan; it cannot be combined with --localities"
        )
    localities = read_localities(args.localities, default_start=args.start)
    spec = args.trainers.strip()
    if re.fullmatch(r"[0-9]{1,4}", spec):
        ids = [f"trainer-{i}" for i in range(1, int(spec) + 1)]
    else:
        ids = spec.split(",")
    if not ids or any(not i.strip() for i in ids):
        raise CivicGrantsError(f"--trainers {spec!r}: give a number or ids separated by commas")
    season = plan_season(methodology, localities, trainers=[Trainer(i.strip()) for i in ids])
    if args.format == "json":
        out.write(json.dumps(season_data(season), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "ics":
        data = season_ics(season)
        write_bytes(out, data)
    else:
        out.write(season_text(season))
    return EXIT_OK


run = _schedule
