"""``civicgrants demo``: a walk through one cycle of the embedded programme."""

from __future__ import annotations

import argparse
import contextlib
from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from civicgrants.cli import pb as _cli_pb
from civicgrants.cli import score as _cli_score
from civicgrants.cli.common import (
    EXIT_OK,
    locale_arg,
)
from civicgrants.io.table import table

if TYPE_CHECKING:
    from civicgrants.indicators import IndicatorDefinition
    from civicgrants.model import Money, Programme, PublishedFigure

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    demo = sub.add_parser(
        "demo",
        help="summarise the embedded Qoğamdyq Keñıstıkter programme",
        description="A readable summary of the embedded programme: stages, localities, "
        "projects by kind and stage, and money in the chosen locale. Needs no input.",
    )
    demo.add_argument(
        "--locale", default="ru_KZ", type=locale_arg, help="locale for money (default ru_KZ)"
    )
    demo.add_argument(
        "--lang", default="en", choices=["ru", "kk", "en"], help="language of names (default en)"
    )
    demo.set_defaults(run=run)


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


run = _demo
