"""A round as one self-contained HTML page: ``civicgrants round report DIR -o FILE``.

`round_report()` writes a round's report in English, Russian or Kazakh: the
header (with the SYNTHETIC notice of a round that has synthetic parts), the
funnel, the funding line, the budgets by source, the season's Gantt chart, the
indicators against their targets, the localities with money per head, and,
given a date, what is overdue. Every number comes from the library
(`civicgrants.round.round_status()`, `civicgrants.scoring.decide()`,
`civicgrants.schedule.plan()`, the agreements' spending and the final
reports' rows) and is written through `civicgrants.io.fmt`; this module
only lays them out.

The page needs nothing but itself: the charts are inline SVG
(`civicgrants.io.html.charts`), the style is inline, there is no script,
and a Content-Security-Policy forbids the browser to fetch anything. The same
round gives the same bytes. Needs the ``report`` extra (Jinja2 and matplotlib).

Examples
--------
>>> from civicgrants.datasets.example_round import example_round
>>> report = round_report(example_round(), lang="kk")
>>> report.sections  # doctest: +NORMALIZE_WHITESPACE
('header', 'funnel', 'funding-line', 'sources', 'season', 'indicators', 'localities')
>>> report.html.splitlines()[:2]
['<!DOCTYPE html>', '<html lang="kk">']
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from civicgrants.agreement.model import GrantAgreement
from civicgrants.budget.model import Source
from civicgrants.errors import MissingExtra
from civicgrants.io.fmt import LANGS, date, locale_of, money, number, percent
from civicgrants.io.html import charts
from civicgrants.io.labels import C_, N_, label
from civicgrants.io.render import data_view, dump_json, text_view
from civicgrants.io.views.round import LABELS, STAGE_LABELS
from civicgrants.model.fields import gc_paused
from civicgrants.model.money import Money
from civicgrants.model.numbers import round_half_up
from civicgrants.model.progress import Progress
from civicgrants.model.progress import report as tell
from civicgrants.round.model import Round
from civicgrants.round.status import RoundStatus, round_status
from civicgrants.scoring.commission import decide
from civicgrants.scoring.decision import ApplicationDecision, CommissionDecision, Verdict, rounded
from civicgrants.version import __version__

__all__ = [
    "CHARTS",
    "HTML_LABELS",
    "SECTIONS",
    "HtmlReport",
    "report_data",
    "report_text",
    "round_report",
    "write_report",
]

SECTIONS = (
    "header",
    "funnel",
    "funding-line",
    "sources",
    "season",
    "indicators",
    "localities",
    "overdue",
)
"""The sections a round's report can have, in page order (``overdue`` only with a date)."""

CHARTS = (
    "chart-funnel",
    "chart-funding-line",
    "chart-sources",
    "chart-gantt",
    "chart-indicators",
)
"""The charts a round's report can have (one needs scores, a season start or reports)."""

HTML_LABELS = {
    "report": {"en": N_("Round report")},
    "round line": {"en": N_("Round {round} · call {call}")},
    "on": {"en": N_("Status on {on}")},
    "no date": {
        "en": N_("Status as the documents stand (no date given, so nothing is judged overdue)")
    },
    "contents": {"en": N_("Contents")},
    "funnel intro": {
        "en": N_(
            "How many applications got how far, and the money at each stage: requested "
            "(applications, eligible, scored), granted (funded), awarded (contracted, reported), "
            "disbursed, and spent (closed)."
        )
    },
    "million": {"en": N_("million {cur}")},
    "funding line": {"en": N_("Funding line")},
    "funding intro": {
        "en": N_(
            "The commission's ranking: each application's grant starts where the money granted "
            "to the better-ranked ones ends. Funded grants stay within the pot; an application "
            "whose grant does not fit is not funded."
        )
    },
    "pot": {"en": N_("pot")},
    "pot line": {"en": N_("Pot {pot}; granted {granted} to {n} applications.")},
    "below": {"en": N_("{n} applications below the threshold are not ranked (listed last).")},
    "no scores": {
        "en": N_("No scores yet: the commission has not decided, so there is no funding line.")
    },
    "rank": {"en": N_("rank")},
    "application": {"en": N_("application")},
    "total": {"en": N_("score")},
    "grant": {"en": N_("grant")},
    "granted": {"en": C_("html.round.granted", "granted")},
    "cumulative": {"en": N_("granted so far")},
    "outcome": {"en": N_("decision")},
    "funded": {"en": C_("html.round.funded", "funded")},
    "partial": {"en": N_("funded in part")},
    "not_funded": {"en": C_("html.round.not_funded", "not funded")},
    "below_threshold": {"en": C_("html.round.below_threshold", "below threshold")},
    "sources": {"en": N_("Budgets by source")},
    "sources intro": {
        "en": N_(
            "From the call: what the applications ask as a grant and what they bring as their "
            "own and community contribution, for all applications and for the funded ones (what "
            "the commission granted). From the grant agreements: what was spent, by source "
            "(re-grants are counted in their parent agreements' money)."
        )
    },
    "requested row": {"en": N_("applications: asked")},
    "funded row": {"en": N_("funded: granted")},
    "spent row": {"en": N_("agreements: spent")},
    "budget": {"en": N_("budget")},
    "sum": {"en": C_("html.round.sum", "total")},
    "contribution": {"en": N_("own and community contribution")},
    "grant source": {"en": N_("grant")},
    "own": {"en": N_("own contribution")},
    "cofinancing_akimat": {"en": N_("akimat co-financing")},
    "cofinancing_business": {"en": N_("business co-financing")},
    "cofinancing_residents_cash": {"en": N_("residents, in cash")},
    "cofinancing_residents_inkind": {"en": N_("residents, in kind")},
    "cofinancing_other": {"en": N_("other co-financing")},
    "season": {"en": N_("The season")},
    "season intro": {
        "en": N_(
            "{methodology}, from {start} to {end}: the steps by programme week. Red steps are "
            "on the critical path, grey ones have slack; orange marks training days, blue lines "
            "public holidays."
        )
    },
    "no season": {"en": N_("The round names no start of its season, so there is no calendar.")},
    "week axis": {"en": N_("programme week (week 1 starts {start})")},
    "step": {"en": N_("step")},
    "name": {"en": N_("name")},
    "from": {"en": N_("from")},
    "to": {"en": N_("to")},
    "weeks": {"en": N_("weeks")},
    "slack": {"en": N_("slack, weeks")},
    "critical": {"en": N_("critical")},
    "indicators": {"en": N_("Indicators against targets")},
    "indicators intro": {
        "en": N_(
            "From the final reports: each indicator's achieved value in percent of its plan; "
            "the dashed line marks 100 %. A target is met when the value reaches the plan (for "
            "an upper limit: stays within it; for a range: falls inside it)."
        )
    },
    "no reports": {"en": N_("No final reports yet, so nothing to compare with the targets.")},
    "indicator summary": {
        "en": N_(
            "{indicator} ({unit}): {achieved} achieved of {planned} planned ({percent}); "
            "target met in {met} of {n} reports."
        )
    },
    "percent axis": {"en": N_("achieved, % of plan")},
    "agreement": {"en": N_("agreement")},
    "indicator": {"en": N_("indicator")},
    "unit": {"en": N_("unit")},
    "planned": {"en": N_("planned")},
    "achieved": {"en": N_("achieved")},
    "of plan": {"en": N_("% of plan")},
    "met": {"en": N_("target met")},
    "yes": {"en": N_("yes")},
    "no": {"en": N_("no")},
    "localities intro": {
        "en": N_(
            "Applications, funded ones and the money awarded per locality (agreements, else "
            "the commission's grants), and per resident from the programme's populations."
        )
    },
    "overdue intro": {
        "en": N_(
            "Tranches due and not paid in full, final reports due and not filed, and the "
            "memoranda's duties due after closure and not confirmed done."
        )
    },
    "footer": {
        "en": N_(
            "Made by civicgrants {version}. This file needs no network: its charts are drawn "
            "inside it."
        )
    },
    "wrote": {
        "en": N_(
            "wrote {path}: the {lang} report of round {round}, {sections} sections, "
            "{charts} charts, {size} bytes"
        )
    },
    "rendered": {
        "en": N_(
            "the {lang} report of round {round}: {sections} sections, {charts} charts, {size} bytes"
        )
    },
}
"""The words of the HTML report, in en, ru and kk (the round views' `LABELS` too)."""

_NONE = "—"


@attrs.frozen
class HtmlReport:
    """A round's report as one self-contained HTML page.

    Attributes
    ----------
    round : str
        The round's id.
    lang : str
        The page's language: ``en``, ``ru`` or ``kk``.
    on : datetime.date or None
        The date of the status (``None``: as the documents stand).
    html : str
        The page, a complete HTML document (UTF-8 text, ending with a newline).
    sections : tuple of str
        The ids of its sections, in page order (a subset of `SECTIONS`).
    charts : tuple of str
        The ids of its charts (each a ``<figure>`` holding one inline ``<svg>``).
    synthetic : tuple of str
        The round's synthetic parts, named on the page.
    path : str or None
        The file it was written to (`write_report()`), else ``None``.

    Examples
    --------
    >>> from civicgrants.datasets.example_round import example_round
    >>> report = round_report(example_round())
    >>> report.charts  # doctest: +NORMALIZE_WHITESPACE
    ('chart-funnel', 'chart-funding-line', 'chart-sources', 'chart-gantt', 'chart-indicators')
    >>> report.html == round_report(example_round()).html
    True

    See Also
    --------
    round_report : makes it.
    write_report : writes it to a file.
    """

    round: str
    lang: str
    on: dt.date | None
    html: str = attrs.field(repr=False)
    sections: tuple[str, ...]
    charts: tuple[str, ...]
    synthetic: tuple[str, ...]
    path: str | None = None

    @property
    def size(self) -> int:
        """The page's size in bytes, as UTF-8.

        Returns
        -------
        int
            ``len(html.encode("utf-8"))``.

        Examples
        --------
        >>> HtmlReport("r", "en", None, "<p>Құрық</p>", (), (), ()).size
        17

        See Also
        --------
        HtmlReport.sha256 : the digest of the same bytes.
        """
        return len(self.html.encode("utf-8"))

    @property
    def sha256(self) -> str:
        """The SHA-256 of the page's UTF-8 bytes, in hex: equal for equal pages.

        Returns
        -------
        str
            64 hex digits.

        Examples
        --------
        >>> HtmlReport("r", "en", None, "", (), (), ()).sha256[:16]
        'e3b0c44298fc1c14'

        See Also
        --------
        HtmlReport.size : the number of the same bytes.
        """
        return hashlib.sha256(self.html.encode("utf-8")).hexdigest()


@functools.cache
def _environment() -> Any:
    try:
        import jinja2
    except ImportError as exc:
        raise MissingExtra("writing an HTML report", "report") from exc
    return jinja2.Environment(
        loader=jinja2.PackageLoader("civicgrants.io.html", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _markup(text: str) -> Any:
    from markupsafe import Markup

    return Markup(text)  # matplotlib's SVG: matplotlib escapes every text in it


def _millions(value: Money) -> float:
    """An amount in millions, for drawing only (never printed: labels go through fmt)."""
    return float(Fraction(value.amount) / 1_000_000)


def _short(value: Money, lang: str, unit: str) -> str:
    """An amount in millions rounded half-up to 0.1, for a chart's note: ``36.1 million KZT``."""
    return f"{number(round_half_up(Fraction(value.amount) / 1_000_000, 1), lang)} {unit}"


def _tick(lang: str) -> Callable[[float], str]:
    """A chart axis's tick (a float the locator chose) written in ``lang``."""

    def write(value: float) -> str:
        return number(Decimal(str(round(value, 6))).normalize(), lang)

    return write


def _currency(code: str, lang: str) -> str:
    from babel.numbers import get_currency_symbol

    return str(get_currency_symbol(code, locale=locale_of(lang)))


def _table(
    head: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[int] = (),
    classes: Sequence[str] | None = None,
) -> dict[str, Any]:
    return {
        "head": list(head),
        "rows": [
            {"cells": list(row), "class": classes[i] if classes else ""}
            for i, row in enumerate(rows)
        ],
        "right": set(right),
    }


def _section(sid: str, title: str, **parts: Any) -> dict[str, Any]:
    section: dict[str, Any] = {
        "id": sid,
        "title": title,
        "intro": [],
        "chart": None,
        "tables": [],
        "notes": [],
        "entries": [],
    }
    section.update(parts)
    return section


def _chart(chart_id: str, svg: str, caption: str) -> dict[str, Any]:
    from markupsafe import escape

    named = svg.replace('<svg role="img" ', f'<svg role="img" aria-label="{escape(caption)}" ', 1)
    return {"id": chart_id, "svg": _markup(named), "caption": caption}


def _funnel(status: RoundStatus, lang: str, unit: str) -> dict[str, Any]:
    def words(key: str) -> str:
        return label(LABELS, key, lang)

    names = [label(STAGE_LABELS, s.key, lang) for s in status.funnel]
    svg = charts.bar_chart(
        "chart-funnel",
        names,
        [float(s.count) for s in status.funnel],
        [f"{number(s.count, lang)} · {_short(s.money, lang, unit)}" for s in status.funnel],
        xlabel=words("count"),
        ticks=_tick(lang),
    )
    rows = [
        [n, number(s.count, lang), money(s.money, lang)]
        for n, s in zip(names, status.funnel, strict=True)
    ]
    rate = _NONE
    if status.execution_rate is not None:
        rate = percent(status.execution_rate, lang, places=2)
    summary = words("summary").format(
        awarded=money(status.awarded, lang),
        disbursed=money(status.disbursed, lang),
        spent=money(status.spent, lang),
        refunded=money(status.refunded, lang),
        rate=rate,
    )
    return _section(
        "funnel",
        words("funnel"),
        intro=[label(HTML_LABELS, "funnel intro", lang)],
        chart=_chart("chart-funnel", svg, words("funnel")),
        tables=[_table([words(k) for k in ("stage", "count", "money")], rows, right=(1, 2))],
        notes=[summary],
    )


def _outcome(entry: ApplicationDecision) -> str:
    if entry.outcome is Verdict.FUNDED:
        return "partial" if entry.partial else "funded"
    return str(entry.outcome.value)


def _funding_line(
    r: Round, decision: CommissionDecision | None, lang: str, unit: str, places: dict[str, str]
) -> dict[str, Any]:
    def words(key: str) -> str:
        return label(HTML_LABELS, key, lang)

    title = words("funding line")
    if decision is None:
        return _section("funding-line", title, intro=[words("no scores")])
    cur = decision.currency
    ranked = sorted((e for e in decision.entries if e.rank is not None), key=lambda e: e.rank or 0)
    unranked = [e for e in decision.entries if e.rank is None]
    written: dict[Money, str] = {}  # grants repeat a few amounts: each is written once

    def grant(value: Money) -> str:
        if value not in written:
            written[value] = money(value, lang)
        return written[value]

    so_far = Money.zero(cur)
    before: list[Money] = []
    rows, classes = [], []
    for e in ranked:
        before.append(so_far)
        so_far = so_far + e.granted
        rows.append(
            [
                number(e.rank or 0, lang),
                e.application,
                places.get(e.locality, e.locality),
                number(rounded(e.total), lang) if e.total is not None else _NONE,
                grant(e.grant),
                grant(e.granted),
                money(so_far, lang),
                words(_outcome(e)),
            ]
        )
        classes.append(_outcome(e).replace("_", "-"))
    for e in unranked:
        rows.append(
            [
                _NONE,
                e.application,
                places.get(e.locality, e.locality),
                number(rounded(e.total), lang) if e.total is not None else _NONE,
                grant(e.grant),
                grant(e.granted),
                _NONE,
                words(_outcome(e)),
            ]
        )
        classes.append("below-threshold")
    outcomes = [_outcome(e) for e in ranked]
    svg = charts.funding_line_chart(
        "chart-funding-line",
        [e.rank or 0 for e in ranked],
        [_millions(b) for b in before],
        [_millions(e.granted if e.granted.amount else e.grant) for e in ranked],
        outcomes,
        _millions(decision.pot),
        legend={k: words(k) for k in ("funded", "partial", "not_funded", "pot")},
        xlabel=words("rank"),
        ylabel=unit,
        ticks=_tick(lang),
    )
    head = [words(k) for k in ("rank", "application")] + [label(LABELS, "locality", lang)]
    head += [words(k) for k in ("total", "grant", "granted", "cumulative", "outcome")]
    notes = [
        words("pot line").format(
            pot=money(decision.pot, lang),
            granted=money(decision.funded_total, lang),
            n=number(len(decision.funded), lang),
        )
    ]
    if unranked:
        notes.append(words("below").format(n=number(len(unranked), lang)))
    return _section(
        "funding-line",
        title,
        intro=[words("funding intro")],
        chart=_chart("chart-funding-line", svg, title),
        tables=[_table(head, rows, right=(0, 3, 4, 5, 6), classes=classes)],
        notes=notes,
    )


def _sources(r: Round, decision: CommissionDecision | None, lang: str, unit: str) -> dict[str, Any]:
    def words(key: str) -> str:
        return label(HTML_LABELS, key, lang)

    cur = r.call.currency
    apps = r.call.applications
    funded = {e.application: e.granted for e in decision.funded} if decision is not None else {}

    def contribution(ids: Sequence[str] | None) -> Money:
        return Money.sum(
            [Money(a.contribution or 0, cur) for a in apps if ids is None or a.id in ids],
            currency=cur,
        )

    main: list[GrantAgreement] = [a for a in r.agreements if a.parent is None]
    spent = {
        s: Money.sum([x.amount for a in main for x in a.spending if x.source is s], currency=cur)
        for s in Source
    }
    others = [s for s in Source if s is not Source.GRANT and spent[s].amount]
    parts = [words("grant source"), words("contribution")] + [words(s.value) for s in others]
    # None: the part does not apply (the call has no split of the contribution by source; the
    # agreements' spending has no lump contribution)
    table_rows: list[list[Money | None]] = [
        [Money.sum([Money(a.requested, cur) for a in apps], currency=cur), contribution(None)]
        + [None] * len(others),
        [Money.sum(list(funded.values()), currency=cur), contribution(list(funded))]
        + [None] * len(others),
        [spent[Source.GRANT], None] + [spent[s] for s in others],
    ]
    names = [words("requested row"), words("funded row"), words("spent row")]
    svg = charts.stacked_chart(
        "chart-sources",
        names,
        parts,
        [[_millions(m) if m is not None else 0.0 for m in row] for row in table_rows],
        xlabel=unit,
        ticks=_tick(lang),
    )
    rows = [
        [name]
        + [money(m, lang) if m is not None else _NONE for m in row]
        + [money(Money.sum([m for m in row if m is not None], currency=cur), lang)]
        for name, row in zip(names, table_rows, strict=True)
    ]
    head = [words("budget"), *parts, words("sum")]
    title = words("sources")
    return _section(
        "sources",
        title,
        intro=[words("sources intro")],
        chart=_chart("chart-sources", svg, title),
        tables=[_table(head, rows, right=range(1, len(head)))],
    )


def _season(r: Round, lang: str) -> dict[str, Any]:
    from civicgrants.schedule.plan import plan
    from civicgrants.schedule.presets import public_spaces_methodology

    def words(key: str) -> str:
        return label(HTML_LABELS, key, lang)

    title = words("season")
    if r.season_start is None:
        return _section("season", title, intro=[words("no season")])
    p = plan(public_spaces_methodology(), r.season_start)
    m = p.methodology

    def name(key: str) -> str:
        step = m.step(key)
        text = step.names.get(lang)
        return f"{key}  {text}" if step.numbered else text

    rows = [
        charts.GanttRow(
            name(s.key)[:44] + ("…" if len(name(s.key)) > 44 else ""),
            s.first_week,
            s.last_week,
            s.critical,
            tuple((d - p.start).days / 7 for b in s.blocks for d in b.days),
        )
        for s in p.steps
    ]
    svg = charts.gantt_chart(
        "chart-gantt",
        rows,
        p.weeks,
        [(h.date - p.start).days / 7 for h in p.holidays],
        xlabel=words("week axis").format(start=date(p.start, lang)),
        ticks=_tick(lang),
    )

    def weeks(first: int, last: int) -> str:
        return (
            number(first, lang) if first == last else f"{number(first, lang)}–{number(last, lang)}"
        )

    table_rows = [
        [
            s.key if m.step(s.key).numbered else _NONE,
            m.step(s.key).names.get(lang),
            date(s.start, lang),
            date(s.end, lang),
            weeks(s.first_week, s.last_week),
            words("critical") if s.critical else number(s.slack_weeks, lang),
        ]
        for s in p.steps
    ]
    head = [words(k) for k in ("step", "name", "from", "to", "weeks", "slack")]
    intro = words("season intro").format(
        methodology=m.names.get(lang), start=date(p.start, lang), end=date(p.end, lang)
    )
    return _section(
        "season",
        title,
        intro=[intro],
        chart=_chart("chart-gantt", svg, title),
        tables=[_table(head, table_rows, right=(4, 5))],
    )


def _met(
    comparator: str, planned: Decimal, achieved: Decimal, upper: Decimal | None
) -> bool | None:
    if comparator == "none":
        return None
    if comparator == "at_most":
        return achieved <= planned
    if comparator == "range":
        return planned <= achieved and (upper is None or achieved <= upper)
    return achieved >= planned


def _indicators(r: Round, lang: str) -> dict[str, Any]:
    def words(key: str) -> str:
        return label(HTML_LABELS, key, lang)

    title = words("indicators")
    if not r.reports:
        return _section("indicators", title, intro=[words("no reports")])
    rows, classes = [], []
    bars: list[tuple[str, float, bool, str]] = []
    totals: dict[tuple[str, str, str], tuple[Decimal, Decimal, int, int]] = {}
    for report in sorted(r.reports, key=lambda x: (x.agreement.number, x.id)):
        for row in report.indicators.rows:
            plan, got = row.planned, row.achieved
            share = met = None
            if plan is not None and got is not None:
                met = _met(row.comparator, plan, got, row.planned_upper)
                if plan:
                    share = round_half_up(Fraction(got) / Fraction(plan) * 100, 1)
                key = (row.key, row.indicator, row.unit or "")
                planned, achieved, hits, judged = totals.get(key, (Decimal(0), Decimal(0), 0, 0))
                totals[key] = (
                    planned + plan,
                    achieved + got,
                    hits + (1 if met else 0),
                    judged + (1 if met is not None else 0),
                )
            if share is not None:
                bars.append(
                    (
                        f"{report.agreement.number}: {row.indicator}"[:40],
                        float(share),
                        bool(met),
                        percent(share, lang),
                    )
                )
            rows.append(
                [
                    report.agreement.number,
                    row.indicator,
                    row.unit or _NONE,
                    number(plan, lang) if plan is not None else (row.planned_text or _NONE),
                    number(got, lang) if got is not None else (row.achieved_text or _NONE),
                    percent(share, lang) if share is not None else _NONE,
                    _NONE if met is None else words("yes" if met else "no"),
                ]
            )
            classes.append("" if met is None else ("met" if met else "missed"))
    notes = []
    for (_, indicator, unit), (planned, achieved, hits, judged) in totals.items():
        share = round_half_up(Fraction(achieved) / Fraction(planned) * 100, 1) if planned else None
        notes.append(
            words("indicator summary").format(
                indicator=indicator,
                unit=unit or _NONE,
                achieved=number(achieved, lang),
                planned=number(planned, lang),
                percent=percent(share, lang) if share is not None else _NONE,
                met=number(hits, lang),
                n=number(judged, lang),
            )
        )
    chart = None
    if bars:
        svg = charts.percent_chart(
            "chart-indicators",
            [b[0] for b in bars],
            [b[1] for b in bars],
            [b[2] for b in bars],
            [b[3] for b in bars],
            xlabel=words("percent axis"),
            ticks=_tick(lang),
        )
        chart = _chart("chart-indicators", svg, title)
    head = [words(k) for k in ("agreement", "indicator", "unit", "planned", "achieved")]
    head += [words("of plan"), words("met")]
    return _section(
        "indicators",
        title,
        intro=[words("indicators intro")],
        chart=chart,
        notes=notes,
        tables=[_table(head, rows, right=(3, 4, 5), classes=classes)],
    )


def _localities(status: RoundStatus, lang: str, places: dict[str, str]) -> dict[str, Any]:
    keys = ("locality", "population", "applications", "funded", "awarded", "per head")
    rows = [
        [
            places.get(row.locality, row.name),
            number(row.population, lang) if row.population is not None else _NONE,
            number(row.applications, lang),
            number(row.funded, lang),
            money(row.awarded, lang),
            money(row.per_head, lang) if row.per_head is not None else _NONE,
        ]
        for row in status.localities
    ]
    return _section(
        "localities",
        label(LABELS, "localities", lang),
        intro=[label(HTML_LABELS, "localities intro", lang)],
        tables=[_table([label(LABELS, k, lang) for k in keys], rows, right=(1, 2, 3, 4, 5))],
    )


def _overdue(status: RoundStatus, on: dt.date, lang: str) -> dict[str, Any]:
    items = []
    for o in status.overdue:
        amount = money(o.amount, lang) if o.amount is not None else ""
        items.append(
            label(LABELS, o.kind, lang).format(
                ref=o.ref,
                agreement=o.agreement,
                due=date(o.due, lang),
                amount=amount,
                days=number(o.days, lang),
                day="day" if o.days == 1 else "days",  # the English words of the round views
            )
        )
    return _section(
        "overdue",
        label(LABELS, "overdue", lang).format(on=date(on, lang)),
        intro=[label(HTML_LABELS, "overdue intro", lang)],
        entries=items or [label(LABELS, "none", lang)],
    )


def round_report(
    r: Round, *, lang: str = "en", on: dt.date | None = None, progress: Progress | None = None
) -> HtmlReport:
    """A round's report as one self-contained HTML page with inline SVG charts.

    Parameters
    ----------
    r : Round
        The round.
    lang : str, optional
        ``en`` (default), ``ru`` or ``kk``: the words, and how numbers, money
        and dates are written.
    on : datetime.date, optional
        The date of the status; with one, the page lists what is overdue on it.
    progress : Progress, optional
        Called as ``progress(done, total)`` as the sections are made (the CLI
        draws a bar on a terminal); the page does not depend on it.

    Returns
    -------
    HtmlReport
        The page and the ids of its sections and charts. Sections: ``header``
        (title, round and call, date, the SYNTHETIC notice), ``funnel``,
        ``funding-line`` (needs scores), ``sources``, ``season`` (needs the
        round's season start), ``indicators`` (needs final reports),
        ``localities`` and, with ``on``, ``overdue``; a section without its
        data says why instead of drawing a chart.

    Raises
    ------
    ValueError
        ``lang`` is not one of ``en``, ``ru``, ``kk``.
    civicgrants.errors.MissingExtra
        Jinja2 or matplotlib is missing: ``pip install 'civicgrants[report]'``.

    Examples
    --------
    >>> import datetime as dt
    >>> from civicgrants.datasets.example_round import example_round
    >>> report = round_report(example_round(), lang="ru", on=dt.date(2021, 12, 1))
    >>> report.sections[-1], len(report.charts), "СИНТЕТИЧЕСКИЕ" in report.html
    ('overdue', 5, True)
    >>> "http://" in report.html.replace('xmlns="http://', "").replace('xmlns:xlink="http://', "")
    False

    See Also
    --------
    write_report : writes the page to a file.
    civicgrants.round.round_status : the funnel, money and localities it shows.
    civicgrants.io.html.charts : how the charts are drawn.
    """
    if lang not in LANGS:
        raise ValueError(f"lang: must be one of {', '.join(LANGS)}, got {lang!r}")
    with gc_paused():  # the charts' artists: a third of the time went to walking the round
        return _round_report(r, lang, on, progress)


def _round_report(
    r: Round, lang: str, on: dt.date | None, progress: Progress | None = None
) -> HtmlReport:
    env = _environment()
    charts.require()  # the extra's other half, before any work
    status = round_status(r, on=on)
    decision = None
    if r.scores is not None and status.stage("scored").count:
        decision = decide(r.call, r.scores)
    places: dict[str, str] = {}
    if r.programme is not None:
        places = {loc.id: loc.names.get(lang) for loc in r.programme.localities}
    unit = label(HTML_LABELS, "million", lang).format(cur=_currency(r.call.currency, lang))
    makers: list[Callable[[], dict[str, Any]]] = [
        lambda: _funnel(status, lang, unit),
        lambda: _funding_line(r, decision, lang, unit, places),
        lambda: _sources(r, decision, lang, unit),
        lambda: _season(r, lang),
        lambda: _indicators(r, lang),
        lambda: _localities(status, lang, places),
    ]
    if on is not None:
        makers.append(lambda: _overdue(status, on, lang))
    sections = []
    tell(progress, 0, len(makers))
    for make in makers:  # a section (and its chart) at a time
        sections.append(make())
        tell(progress, len(sections), len(makers))

    def words(key: str) -> str:
        return label(HTML_LABELS, key, lang)

    header = {
        "id": "header",
        "title": r.title,
        "kicker": words("report"),
        "lines": [
            words("round line").format(round=r.id, call=r.call.id),
            words("on").format(on=date(on, lang, form="long"))
            if on is not None
            else words("no date"),
        ],
        "synthetic": label(LABELS, "synthetic", lang).format(parts=", ".join(r.synthetic))
        if r.synthetic
        else None,
    }
    html = env.get_template("round.html.j2").render(
        lang=lang,
        title=r.title,
        header=header,
        contents=words("contents"),
        sections=sections,
        footer=words("footer").format(version=__version__),
        version=__version__,
    )
    return HtmlReport(
        r.id,
        lang,
        on,
        html,
        ("header", *(s["id"] for s in sections)),
        tuple(s["chart"]["id"] for s in sections if s["chart"] is not None),
        r.synthetic,
    )


def write_report(report: HtmlReport, path: str | os.PathLike[str]) -> HtmlReport:
    """Write the page to a file (UTF-8, byte for byte the page); the report, with its path.

    Parameters
    ----------
    report : HtmlReport
        The report.
    path : str or os.PathLike
        The file to write (replaced if it exists).

    Returns
    -------
    HtmlReport
        The same report with ``path`` set.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from civicgrants.datasets.example_round import example_round
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "report.html"
    >>> written = write_report(round_report(example_round()), target)
    >>> target.read_bytes() == written.html.encode("utf-8"), written.path == str(target)
    (True, True)

    See Also
    --------
    round_report : makes the report.
    """
    target = Path(path)
    target.write_bytes(report.html.encode("utf-8"))
    return attrs.evolve(report, path=str(target))


@text_view(HtmlReport)
def report_text(report: HtmlReport, lang: str = "en") -> str:
    """One line: the file written (if any), the round, the language, sections, charts, bytes.

    Parameters
    ----------
    report : HtmlReport
        The report.
    lang : str, optional
        ``en``, ``ru`` or ``kk``.

    Returns
    -------
    str
        The line, ending with a newline.

    Examples
    --------
    >>> print(report_text(HtmlReport("r", "kk", None, "<p></p>", ("header",), (), ())), end="")
    the kk report of round r: 1 sections, 0 charts, 7 bytes

    See Also
    --------
    report_data : the same as JSON.
    """
    key = "wrote" if report.path is not None else "rendered"
    return (
        label(HTML_LABELS, key, lang).format(
            path=report.path,
            lang=report.lang,
            round=report.round,
            sections=number(len(report.sections), lang),
            charts=number(len(report.charts), lang),
            size=number(report.size, lang),
        )
        + "\n"
    )


@data_view(HtmlReport)
def report_data(report: HtmlReport) -> str:
    """The report's facts as JSON (not the page itself): ids, size and digest.

    Parameters
    ----------
    report : HtmlReport
        The report.

    Returns
    -------
    str
        ``{"round", "lang", "on", "path", "sections", "charts", "synthetic",
        "bytes", "sha256"}``.

    Examples
    --------
    >>> import json
    >>> data = json.loads(report_data(HtmlReport("r", "en", None, "", ("header",), (), ())))
    >>> data["sections"], data["bytes"], data["path"]
    (['header'], 0, None)

    See Also
    --------
    report_text : the same as one line of text.
    """
    return dump_json(
        {
            "round": report.round,
            "lang": report.lang,
            "on": report.on.isoformat() if report.on is not None else None,
            "path": report.path,
            "sections": list(report.sections),
            "charts": list(report.charts),
            "synthetic": list(report.synthetic),
            "bytes": report.size,
            "sha256": report.sha256,
        }
    )
