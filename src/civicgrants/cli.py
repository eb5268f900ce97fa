"""The ``civicgrants`` command.

Every command reports bad input as one line on stderr naming the file and the
problem, and exits with status 2; ``--debug`` shows the traceback instead.

Commands:

* ``civicgrants demo`` — a summary of the embedded programme (no input needed);
* ``civicgrants check FILE`` — validate a JSON document and list every problem;
* ``civicgrants schedule --start DATE`` — the season's calendar on real dates;
* ``civicgrants budget check|summary FILE`` — audit a budget, or total it by section and source;
* ``civicgrants schema [TYPE]`` — print a document type's JSON Schema;
* ``civicgrants score CALL.json SCORES.csv`` — the commission's ranking and funding decisions;
* ``civicgrants pb FILE.pb --rule greedy|mes`` — a residents' vote (pabulib file) counted.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, TextIO

from civicgrants import __version__, _cli_pb, _cli_score
from civicgrants.errors import CivicGrantsError, DocumentError
from civicgrants.io.table import table

if TYPE_CHECKING:
    from civicgrants.budget import Budget
    from civicgrants.indicators import IndicatorDefinition, Record
    from civicgrants.model import Finding, Money, Programme, PublishedFigure
    from civicgrants.schedule import Methodology

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="civicgrants",
        description="Participatory community-grant programmes: exact, validated, explainable.",
    )
    parser.add_argument("--version", action="version", version=f"civicgrants {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the full traceback when something fails"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = sub.add_parser(
        "demo",
        help="summarise the embedded Qoğamdyq Keñıstıkter programme",
        description="A readable summary of the embedded programme: stages, localities, "
        "projects by kind and stage, and money in the chosen locale. Needs no input.",
    )
    demo.add_argument(
        "--locale", default="ru_KZ", type=_locale, help="locale for money (default ru_KZ)"
    )
    demo.add_argument(
        "--lang", default="en", choices=["ru", "kk", "en"], help="language of names (default en)"
    )
    demo.set_defaults(run=_demo)

    check = sub.add_parser(
        "check",
        help="validate a civicgrants JSON document",
        description="Read a JSON document, validate it, and print what it holds. "
        "Exit 0 if valid, 2 with every problem listed if not.",
    )
    check.add_argument("file", help="a civicgrants JSON document")
    check.add_argument(
        "--allow-unknown", action="store_true", help="accept keys the schema does not know"
    )
    check.set_defaults(run=_check)

    sched = sub.add_parser(
        "schedule",
        help="lay the methodology's calendar on real dates",
        description="Plan a season: every step's and training's dates on working days, "
        "Kazakhstan's public holidays, the critical path and slack, and what had to move. "
        "With --localities, plan many localities that share trainers.",
    )
    sched.add_argument("--start", required=True, type=_iso_date, help="first day, YYYY-MM-DD")
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
    sched.set_defaults(run=_schedule)

    budget = sub.add_parser(
        "budget",
        help="audit or summarise a budget (CSV or xlsx)",
        description="Budgets: the audit that catches real errors, and totals by section and source.",
    )
    budget_sub = budget.add_subparsers(
        dest="budget_command", metavar="COMMAND", parser_class=_Parser
    )
    check_b = budget_sub.add_parser(
        "check",
        help="every finding of the audit; exit 0 clean, 1 with errors, 2 unreadable",
        description="Audit a budget: line arithmetic, subtotals (reported once, at the lowest "
        "group, with the likely omission), funding splits, duplicated lines, payroll rates, "
        "participants against catering and handouts, and unreadable values. Exit status: 0 "
        "without error findings, 1 with them, 2 when the file cannot be read.",
    )
    summary_b = budget_sub.add_parser(
        "summary",
        help="totals by section and by source, with shares",
        description="Totals by section (printed and computed) and by funding source, with shares.",
    )
    for p_ in (check_b, summary_b):
        p_.add_argument(
            "file", help="a budget in the CSV layout (.csv) or the Annex 5 layout (.xlsx)"
        )
        p_.add_argument("--format", default="text", choices=["text", "json"])
        p_.add_argument("--currency", default="KZT", help="the budget's currency (default KZT)")
    check_b.add_argument(
        "--participants",
        action="append",
        default=[],
        metavar="CODE=N",
        help="participants of a block, to check catering and handouts; repeatable",
    )
    check_b.add_argument("--lang", default="en", choices=["ru", "en"], help="language of messages")
    check_b.set_defaults(run=_budget_check)
    summary_b.set_defaults(run=_budget_summary)

    roll = sub.add_parser(
        "rollup",
        help="roll indicator records up the hierarchy",
        description="Roll indicator records (a long CSV: level ids, indicator, period, target, "
        "actual, …) up to the chosen levels: counts and money add up, percentages are "
        "recomputed from summed numerators and denominators, cumulative indicators take the "
        "latest value. --demo rolls up the embedded programme's published figures.",
    )
    roll.add_argument(
        "file", nargs="?", help="records: a long CSV, or a civicgrants/indicator-records@1 JSON"
    )
    roll.add_argument("--demo", action="store_true", help="use the embedded programme's figures")
    roll.add_argument(
        "--by", default="", help="levels to group by, e.g. stage,region (default: none)"
    )
    roll.add_argument("--format", default="text", choices=["text", "json"])
    roll.set_defaults(run=_rollup)

    rcheck = sub.add_parser(
        "report-check",
        help="audit a final report's numbers; exit 0 clean, 1 with errors, 2 unreadable",
        description="The consistency audit of a report document (civicgrants/report@1): "
        "breakdowns that don't sum, printed percentages that don't match, one figure printed "
        "differently in two places, unexplained shortfalls, targets that differ from the task "
        "text, and charts whose parts don't sum to their total.",
    )
    rcheck.add_argument("file", help="a report document (JSON)")
    rcheck.add_argument("--format", default="text", choices=["text", "json"])
    rcheck.add_argument("--lang", default="en", choices=["ru", "en"], help="language of messages")
    rcheck.set_defaults(run=_report_check)

    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of a document type",
        description="Print the JSON Schema (draft 2020-12) of a document type, or list the types.",
    )
    schema.add_argument("type", nargs="?", help="document type, e.g. programme; omit to list")
    schema.set_defaults(run=_schema)

    _cli_score.add_parser(sub)
    _cli_pb.add_parser(sub)
    return parser


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; return the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    for stream in (out, err):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    parser = _parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace, TextIO], int] | None = getattr(args, "run", None)
    if run is None:
        parser.print_help(out)
        return EXIT_BAD_INPUT
    try:
        return run(args, out)
    except BrokenPipeError:  # the reader went away (`civicgrants demo | head`): stop quietly
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, out.fileno())
        return EXIT_OK
    except DocumentError as exc:
        if args.debug:
            raise
        print(f"civicgrants: error: {exc.one_line()}", file=err)
        return EXIT_BAD_INPUT
    except (CivicGrantsError, OSError) as exc:
        if args.debug:
            raise
        where = f"{exc.filename}: " if isinstance(exc, OSError) and exc.filename else ""
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"civicgrants: error: {where}{message.splitlines()[0]}", file=err)
        return EXIT_BAD_INPUT
    except Exception as exc:  # a bug in civicgrants: say so on one line, never a bare traceback
        if args.debug:
            raise
        print(
            f"civicgrants: internal error: {type(exc).__name__}: {exc} "
            "(please report it; run with --debug for the traceback)",
            file=err,
        )
        return EXIT_INTERNAL


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.datasets import public_spaces
    from civicgrants.model import ObjectKind

    p = public_spaces()
    lang: str = args.lang
    locale: str = args.locale

    def fmt(money: Money) -> str:
        return money.format(locale)

    print(f"{p.names.get(lang)} — {p.names.get('kk')} ({p.start:%m/%Y}–{p.end:%m/%Y})", file=out)
    print(
        f"Implementer: {p.implementer.names.get(lang)}. Donor: {p.donor.names.get(lang)}.", file=out
    )

    print("\nStages", file=out)
    rows: list[list[object]] = []
    region_name = {r.id: r.names.get(lang) for r in p.regions}
    loc_name = {loc.id: loc.names.get(lang) for loc in p.localities}
    for stage in p.stages:
        for window in stage.windows:
            places = ", ".join(loc_name[i] for i in window.localities)
            rows.append(
                [stage.id, f"{window.start} – {window.end}", region_name[window.region], places]
            )
    print(table(["stage", "window", "region", "localities"], rows), file=out)

    regions = {loc.region for loc in p.localities}
    print(f"\nLocalities: {len(p.localities)} in {len(regions)} regions", file=out)
    for region in p.regions:
        here = p.localities_in(region.id)
        names = ", ".join(loc.names.get(lang) for loc in here)
        print(f"  {region.names.get(lang)} ({len(here)}): {names}", file=out)

    stages = [s.id for s in p.stages]
    counts = Counter((proj.kind, proj.stage) for proj in p.projects)
    rows = []
    for kind in ObjectKind:
        per_stage = [counts[(kind, s)] for s in stages]
        rows.append([kind.value, *per_stage, sum(per_stage)])
    totals = [sum(1 for proj in p.projects if proj.stage == s) for s in stages]
    rows.append(["total described", *totals, len(p.projects)])
    print("\nProjects by kind and stage (as described in the brochure)", file=out)
    print(table(["kind", *stages, "total"], rows, right=range(1, len(stages) + 2)), file=out)

    print(f"\nMoney ({locale})", file=out)
    for proj in p.projects:
        if proj.grant is not None:
            print(f"  {proj.id} {proj.title.get(lang)}: grant {fmt(proj.grant)}", file=out)
    for proj in p.projects:
        if proj.reported_amount is not None and proj.grant is None:
            est = proj.reported_amount
            print(
                f"  {proj.id} {proj.title.get(lang)}: {est.qualifier.value.replace('_', ' ')} "
                f"{fmt(est.value)} ({proj.amount_basis or 'amount as printed'})",
                file=out,
            )

    print("\nApplications and projects per stage and region (as published)", file=out)
    rows = []
    for stage in p.stages:
        for reg in [None, *p.regions]:
            rid = None if reg is None else reg.id
            found = {
                f.key: f
                for f in p.figures
                if f.stage == stage.id and f.region == rid and f.key in ("applications", "projects")
            }
            if found:
                apps, projs = found.get("applications"), found.get("projects")
                rows.append(
                    [
                        stage.id,
                        "both regions" if reg is None else reg.names.get(lang),
                        "" if apps is None else apps.value,
                        "" if projs is None else projs.value,
                    ]
                )
    print(table(["stage", "region", "applications", "projects"], rows, right=[2, 3]), file=out)

    print("\nPublished totals (each with its source; details in the dataset's notes)", file=out)
    rows = []
    for key in _TOTALS:
        fig = p.figure(key)
        rows.append([key.replace("_", " "), _show_figure(fig, locale), fig.source])
    print(table(["figure", "value", "source"], rows), file=out)
    attributed = [
        f for f in p.figures if f.key in _TOTALS[1:] and (f.stage or f.region)
    ]  # projects per stage and region are in the table above
    for fig in attributed:
        where = " ".join(
            x for x in (f"stage {fig.stage}" if fig.stage else "", fig.region or "") if x
        )
        print(
            f"  of which {where}: {_show_figure(fig, locale)} "
            f"({fig.key.replace('_', ' ')}, confidence {fig.confidence.value})",
            file=out,
        )
    print(
        f"\nThe brochure describes {len(p.projects)} projects and publishes "
        f"{p.figure('projects').value}; nothing is invented to close the gap.",
        file=out,
    )
    _demo_schedule(p, lang, out)
    _demo_budget(p, out)
    _cli_score.demo(out)
    _cli_pb.demo(out)
    _demo_indicators(p, out)
    return EXIT_OK


def _demo_indicators(p: Programme, out: TextIO) -> None:
    from civicgrants.datasets.seed_002_report import seed_002_report
    from civicgrants.indicators import rollup
    from civicgrants.indicators.programme import PROGRAMME_INDICATORS, programme_records
    from civicgrants.indicators.report import audit_report

    print(f"\n{'=' * 78}\nStep of the cycle: indicators and reports", file=out)
    records = programme_records(p)
    definitions = {d.key: d for d in PROGRAMME_INDICATORS}
    totals = rollup(records, PROGRAMME_INDICATORS, by=())
    rows: list[list[object]] = []
    for r in totals.rows:
        published = p.figure(r.indicator)
        rows.append(
            [
                r.indicator.replace("_", " "),
                _show_value(r.value),
                _published(definitions[r.indicator], published),
                _status(definitions[r.indicator], published, r.value),
            ]
        )
    print(
        "The programme's published figures, rolled up from their parts "
        "(status: on track within ±15 % of the published figure, else over or under):",
        file=out,
    )
    print(table(["indicator", "rolled up", "published", "status"], rows, right=[1, 2]), file=out)
    by_stage = rollup(records, PROGRAMME_INDICATORS, by=("stage", "region"))
    rows = []
    for r in by_stage.rows:
        stage, region = r.group
        found: PublishedFigure | None = None
        if stage:
            with contextlib.suppress(KeyError):
                found = p.figure(r.indicator, stage=stage, region=region)
        rows.append(
            [
                stage or "not attributable",
                region or "",
                r.indicator.replace("_", " "),
                _show_value(r.value),
                "" if found is None else _published(definitions[r.indicator], found),
                f"sum of {r.records} unattributed parts"
                if found is None
                else f"{_status(definitions[r.indicator], found, r.value)} "
                f"(confidence {found.confidence.value})",
            ]
        )
    print(
        "\nBy stage and region (a part is attributed only where the brochure allows it):", file=out
    )
    print(
        table(["stage", "region", "indicator", "value", "published", "status"], rows, right=[3, 4]),
        file=out,
    )
    report = seed_002_report()
    findings = audit_report(report)
    print(
        f"\nThe report audit of seed 002 ({len(report.rows)} indicator rows): {len(findings)} findings",
        file=out,
    )
    for f in findings[:4]:
        print(f"  {f.severity.value:<7} {f.code:<22} {f.location}", file=out)
    if len(findings) > 4:
        print(f"  … and {len(findings) - 4} more (civicgrants report-check)", file=out)


def _published(definition: IndicatorDefinition, figure: PublishedFigure) -> str:
    from civicgrants.indicators import Measure
    from civicgrants.model import Money

    if definition.measure is Measure.MONEY:
        return _show_value(Money(figure.value, definition.currency))
    return _show_value(figure.value)


def _status(definition: IndicatorDefinition, published: PublishedFigure, value: object) -> str:
    """The status band of a rolled-up value against the figure the brochure prints."""
    from civicgrants.indicators import Target, TargetForm, achievement
    from civicgrants.model.money import Qualifier

    form = {
        Qualifier.MORE_THAN: TargetForm.AT_LEAST,
        Qualifier.AT_LEAST: TargetForm.AT_LEAST,
        Qualifier.LESS_THAN: TargetForm.AT_MOST,
        Qualifier.UP_TO: TargetForm.AT_MOST,
    }.get(published.qualifier, TargetForm.EXACTLY)
    result = achievement(definition, Target(form, value=published.value), _amount_of(value))
    return result.status.value.replace("_", " ")


def _amount_of(value: object) -> Decimal | None:
    amount = getattr(value, "amount", value)
    return amount if isinstance(amount, Decimal) else None


def _show_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,}".replace(",", "\u00a0")
    fmt = getattr(value, "format", None)
    return str(fmt("ru_KZ")) if callable(fmt) else str(value)


def _demo_budget(p: Programme, out: TextIO) -> None:
    from civicgrants.budget import audit
    from civicgrants.datasets import seed_001_budget
    from civicgrants.model import Money

    print(f"\n{'=' * 78}\nStep of the cycle: budgets", file=out)
    budget = seed_001_budget()
    findings = [f for f in audit(budget, participants={"3.5": 240}) if f.severity.value != "info"]
    print(
        "The cost estimate («Смета расходов», Annex 5) of a state social grant application "
        f"(seed 001, {len(budget.rows)} rows), audited:",
        file=out,
    )
    for f in findings:
        print(f"  {f.severity.value:<7} {f.code:<18} {f.location:<6} {f.message_en}", file=out)
    total = budget.total()
    stated = budget.stated("TOTAL")
    if total is not None and stated is not None:
        print(
            f"  printed total {stated.format('ru_KZ')}; computed {total.format('ru_KZ')}", file=out
        )

    print("\nCommunity contribution («вклад сообщества») of the programme, by stage", file=out)
    whole = p.figure("community_contribution")
    rows: list[list[object]] = []
    for fig in p.figures:
        if fig.key == "community_contribution" and fig.stage is not None:
            rows.append(
                [
                    f"stage {fig.stage}",
                    Money(fig.value).format("ru_KZ"),
                    f"{fig.value * 100 / whole.value:.1f} %",
                    fig.confidence.value,
                ]
            )
    for fig in p.figures:
        if fig.key == "community_contribution_part":
            rows.append(
                [
                    "not attributable",
                    Money(fig.value).format("ru_KZ"),
                    f"{fig.value * 100 / whole.value:.1f} %",
                    fig.confidence.value,
                ]
            )
    rows.append(
        ["total (published)", Money(whole.value).format("ru_KZ"), "100.0 %", whole.confidence.value]
    )
    print(table(["part", "amount", "share", "confidence"], rows, right=[1, 2]), file=out)
    print(
        "  It counts residents' unpaid labour and the in-kind help of akimats and businesses "
        "(premises, transport, sand, gravel); the brochure prints no split by source, and only "
        "Stage I's part can be tied to a stage.",
        file=out,
    )


def _demo_schedule(p: Programme, lang: str, out: TextIO) -> None:
    from civicgrants.io.schedule import text_gantt
    from civicgrants.schedule import plan, public_spaces

    stage = p.stages[-1]
    print(f"\n{'=' * 78}\nStep of the cycle: the season calendar", file=out)
    print(
        f"{stage.names.get(lang)} opened in {stage.start:%m/%Y}; the 38-week methodology laid on "
        f"real dates from {stage.start}, with Kazakhstan's public holidays.\n",
        file=out,
    )
    out.write(text_gantt(plan(public_spaces(), stage.start), lang=lang))


_TOTALS = (
    "projects",
    "programme_participants",
    "event_participants",
    "community_contribution",
    "beneficiaries",
)


def _show_figure(fig: PublishedFigure, locale: str) -> str:
    from civicgrants.model import Money

    if len(fig.unit) == 3 and fig.unit.isupper():
        return Money(fig.value, fig.unit).format(locale)
    return _show_value(fig.value)


def _locale(text: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(text)
    except (UnknownLocaleError, ValueError):
        raise argparse.ArgumentTypeError(
            f"unknown locale {text!r} (try ru_KZ, kk_KZ or en)"
        ) from None
    return text


def _write_bytes(out: TextIO, data: bytes) -> None:
    """Bytes to a text stream: straight to its buffer when it has one (a terminal, a pipe)."""
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(data)
    else:
        out.write(data.decode("utf-8"))


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


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
        _write_bytes(out, data)
    else:
        out.write(text_gantt(p, lang=args.lang))
    return EXIT_OK


def _check(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.io import document_type, load

    try:
        obj: object = load(args.file, allow_unknown=args.allow_unknown)
    except DocumentError as exc:
        for problem in exc.problems:  # every problem on stdout; the one-line summary on stderr
            print(f"{args.file}: {problem}", file=out)
        raise
    kind = document_type(obj)
    ident = getattr(obj, "id", None)
    print(f"{args.file}: valid {kind} document" + (f" {ident!r}" if ident else ""), file=out)
    return EXIT_OK


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.io import DOCUMENT_TYPES
    from civicgrants.io.schema import schema_json

    if args.type is None:
        for name in DOCUMENT_TYPES:
            print(name, file=out)
        return EXIT_OK
    if args.type not in DOCUMENT_TYPES:
        raise CivicGrantsError(
            f"unknown document type {args.type!r}; known: {', '.join(DOCUMENT_TYPES)}"
        )
    out.write(schema_json(args.type))
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
        _write_bytes(out, data)
    else:
        out.write(season_text(season))
    return EXIT_OK


def _read_budget(args: argparse.Namespace) -> Budget:
    from pathlib import Path

    suffix = Path(args.file).suffix.lower()
    if suffix == ".xlsx":
        from civicgrants.io.budget_xlsx import read_budget_xlsx

        return read_budget_xlsx(args.file, currency=args.currency)
    from civicgrants.io.budget_csv import read_budget_csv

    return read_budget_csv(args.file, currency=args.currency)


def _budget_check(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.budget import audit

    participants: dict[str, int] = {}
    for spec in args.participants:
        code, sep, n = spec.partition("=")
        if not sep or not re.fullmatch(r"[0-9]{1,9}", n.strip()):
            raise CivicGrantsError(f"--participants {spec!r}: write CODE=N, e.g. 3.5=240")
        participants[code.strip()] = int(n)
    budget = _read_budget(args)
    for code in participants:
        try:
            budget.row(code)
        except KeyError:
            raise CivicGrantsError(f"{args.file}: --participants names no row {code!r}") from None
    findings = audit(budget, participants=participants)
    totals = {
        "currency": budget.currency,
        "stated": budget.stated("TOTAL") if _has_total(budget) else None,
        "computed": budget.total(),
    }
    stated, computed = totals["stated"], totals["computed"]
    footer = (
        "totals: stated "
        + ("—" if stated is None else stated.format("ru_KZ"))
        + "; computed "
        + ("—" if computed is None else computed.format("ru_KZ"))
    )
    return _print_findings(
        f"{args.file}: {len(budget.rows)} rows; ",
        findings,
        args,
        out,
        json_extra={"totals": totals},
        footer=footer,
        where="row",
    )


def _print_findings(
    head: str,
    findings: Sequence[Finding],
    args: argparse.Namespace,
    out: TextIO,
    *,
    json_extra: dict[str, object] | None = None,
    footer: str | None = None,
    where: str = "where",
) -> int:
    """Findings as text (``--lang``) or JSON (``--format``); exit 1 if any is an error, else 0.

    ``head`` starts the text summary line; ``json_extra`` adds keys to the JSON
    object; ``footer`` ends the text output.
    """
    from civicgrants.io.findings import findings_data, json_value
    from civicgrants.model import Severity

    if args.format == "json":
        data = {"findings": findings_data(findings)}
        data.update({k: json_value(v) for k, v in (json_extra or {}).items()})
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        counts = Counter(f.severity.value for f in findings)
        tally = ", ".join(
            f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
            for s in ("error", "warning", "info")
        )
        print(f"{head}{tally}", file=out)
        rows = [
            [
                f.severity.value,
                f.code,
                f.location,
                f.message_ru if args.lang == "ru" else f.message_en,
            ]
            for f in findings
        ]
        if rows:
            print(table(["severity", "code", where, "finding"], rows), file=out)
        if footer:
            print(footer, file=out)
    errors = any(f.severity is Severity.ERROR for f in findings)
    return EXIT_FINDINGS if errors else EXIT_OK


def _report_check(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.indicators.report import Report, audit_report
    from civicgrants.io import load

    report = load(args.file, Report)
    return _print_findings(f"{args.file}: ", audit_report(report), args, out)


def _rollup(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.indicators import LEVELS, check_breakdowns, rollup
    from civicgrants.model import Severity

    by = tuple(x.strip() for x in args.by.split(",") if x.strip())
    unknown = [x for x in by if x not in (*LEVELS, "period")]
    if unknown:
        raise CivicGrantsError(
            f"--by {args.by!r}: unknown level(s) {', '.join(unknown)}; levels: {', '.join(LEVELS)}"
        )
    if args.demo == bool(args.file):
        raise CivicGrantsError("give a records FILE or --demo (one of them)")
    if args.demo:
        from civicgrants.datasets import public_spaces
        from civicgrants.indicators.programme import PROGRAMME_INDICATORS, programme_records

        records = programme_records(public_spaces())
        definitions: Sequence[IndicatorDefinition] = PROGRAMME_INDICATORS
    elif args.file.lower().endswith(".json"):
        from civicgrants.indicators.records import IndicatorRecords
        from civicgrants.io import load

        document = load(args.file, IndicatorRecords)
        records = document.records
        definitions = document.definitions or _guess_definitions(records)
    else:
        from civicgrants.io.indicators_csv import read_records_csv

        records = read_records_csv(args.file)
        definitions = _guess_definitions(records)
    result = rollup(records, definitions, by=by)
    # breakdowns (sex, age band, status, locality) must add up to their record's actual
    findings = check_breakdowns(records)
    status = EXIT_FINDINGS if any(f.severity is Severity.ERROR for f in findings) else EXIT_OK
    rows = [
        {
            **dict(zip(by, r.group, strict=True)),
            "indicator": r.indicator,
            "value": r.value,
            "target": r.target,
            "percent": r.percent,
            "records": r.records,
        }
        for r in result.rows
    ]
    if args.format == "json":
        from civicgrants.io.findings import findings_data, json_value

        data: dict[str, object] = {"by": list(by), "rows": rows}
        if not by:
            data["totals"] = {r.indicator: r.value for r in result.rows}
        data["findings"] = findings_data(findings)
        out.write(json.dumps(json_value(data), ensure_ascii=False, indent=2) + "\n")
        return status

    table_rows = [
        [
            *(g or "—" for g in r.group),
            r.indicator,
            _show_value(r.value),
            _show_value(r.percent),
            r.records,
        ]
        for r in result.rows
    ]
    print(
        table(
            [*by, "indicator", "value", "percent", "records"],
            table_rows,
            right=[len(by) + 1, len(by) + 3],
        ),
        file=out,
    )
    if findings:
        print(f"\nBreakdowns that do not add up ({len(findings)}):", file=out)
        print(
            table(
                ["severity", "code", "record", "numbers", "finding"],
                [
                    [
                        f.severity.value,
                        f.code,
                        f.location,
                        ", ".join(f"{k}={v}" for k, v in f.numbers.items()),
                        f.message_en,
                    ]
                    for f in findings
                ],
            ),
            file=out,
        )
    return status


def _guess_definitions(records: Sequence[Record]) -> list[IndicatorDefinition]:
    """Definitions for records read without any: percentages where numerators are given,
    ordinal where categories are, text where only text is, counts otherwise."""
    from civicgrants.indicators import IndicatorDefinition, Measure, TargetForm
    from civicgrants.model import Direction, Names

    kinds: dict[str, Measure] = {}
    for r in records:
        if r.numerator is not None or r.denominator is not None:
            kind = Measure.PERCENTAGE
        elif r.text is not None and r.actual is None:
            kind = Measure.QUALITATIVE
        else:
            kind = Measure.COUNT
        kinds.setdefault(r.indicator, kind)
    return [
        IndicatorDefinition(
            key, Names(en=key), "item", kind, Direction.HIGHER_IS_BETTER, TargetForm.AT_LEAST
        )
        for key, kind in sorted(kinds.items())
    ]


def _has_total(budget: Budget) -> bool:
    return any(r.code == "TOTAL" for r in budget.rows)


def _budget_summary(args: argparse.Namespace, out: TextIO) -> int:
    from civicgrants.budget.summary import summarise
    from civicgrants.io.findings import json_value

    budget = _read_budget(args)
    s = summarise(budget)
    if args.format == "json":
        data = {
            "currency": budget.currency,
            "stated": s.stated,
            "computed": s.computed,
            "sections": [
                {
                    "code": x.code,
                    "item": x.item,
                    "declared": x.declared,
                    "computed": x.computed,
                    "share": x.share,
                }
                for x in s.sections
            ],
            "sources": [
                {"source": x.source.value, "amount": x.amount, "share": x.share} for x in s.sources
            ],
        }
        out.write(json.dumps(json_value(data), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK

    def money(m: Money | None) -> str:
        return "—" if m is None else m.format("ru_KZ")

    def pct(d: object) -> str:
        return "—" if d is None else f"{d} %"

    print(f"{args.file}: stated {money(s.stated)}; computed {money(s.computed)}", file=out)
    print("\nBy section", file=out)
    print(
        table(
            ["code", "section", "printed", "computed", "share"],
            [
                [x.code, x.item or "", money(x.declared), money(x.computed), pct(x.share)]
                for x in s.sections
            ],
            right=[2, 3, 4],
        ),
        file=out,
    )
    print("\nBy source", file=out)
    print(
        table(
            ["source", "amount", "share"],
            [[x.source.value, money(x.amount), pct(x.share)] for x in s.sources],
            right=[1, 2],
        ),
        file=out,
    )
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
