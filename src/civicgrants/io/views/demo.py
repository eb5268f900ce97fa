"""Text of the demo's walkthrough and of a programme's summary (see `civicgrants.io.render`).

The words the demo says between results (which step of the cycle, where the data
comes from) are here, keyed by step; the results themselves are written by the
views of their own concepts. The views of
`ReportFile` (the HTML report a walkthrough
wrote, or could not write without its extra) are here too.
"""

from __future__ import annotations

import os
import shlex
from collections import Counter
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING

from civicgrants.io import fmt
from civicgrants.io.labels import N_, base_language, label, tr
from civicgrants.io.places import PlaceNames, place_names, place_text
from civicgrants.io.render import data_view, dump_json, text, text_view
from civicgrants.io.table import table
from civicgrants.io.words import data_text, enum_word
from civicgrants.model.programme import Programme, Stage
from civicgrants.model.walkthrough import ReportFile, Step, Walkthrough

if TYPE_CHECKING:
    from civicgrants.model.programme import PublishedFigure

__all__ = [
    "ROUND_WORDS",
    "SECTION_WORDS",
    "TOTALS",
    "contribution_text",
    "programme_text",
    "report_file_data",
    "report_file_text",
    "round_step_text",
    "schedule_step_text",
    "walkthrough_data",
    "walkthrough_text",
]

RULE = "=" * 78

TOTALS = (
    "projects",
    "programme_participants",
    "event_participants",
    "community_contribution",
    "beneficiaries",
)
"""The five totals the brochure publishes, in the order it prints them."""


def _figure(fig: PublishedFigure, lang: str) -> str:
    from civicgrants.model.money import Money

    if len(fig.unit) == 3 and fig.unit.isupper():
        return fmt.money(Money(fig.value, fig.unit), lang)
    return fmt.number(fig.value, lang)


def programme_text(p: Programme, lang: str = "en") -> str:
    """A programme's summary: stages, localities, projects by kind and stage, money, figures.

    Parameters
    ----------
    p : Programme
        The programme.
    lang : {"en", "ru", "kk"}
        The language of names and numbers.

    Returns
    -------
    str
        Titled sections, ending with a newline: stages, localities, projects by kind
        and stage, money, applications and projects, and the published totals.

    Examples
    --------
    >>> from civicgrants.datasets import public_spaces
    >>> print(programme_text(public_spaces()).splitlines()[0])
    Public Spaces — Qoğamdyq Keñıstıkter (09/2018–12/2021)

    See Also
    --------
    contribution_text : the programme's community contribution by stage.
    walkthrough_text : the demo, whose first step this is.
    """
    from civicgrants.model import ObjectKind

    name, kk_name = p.names.get(lang), p.names.get("kk")
    both = name if name == kk_name else f"{name} — {kk_name}"  # the Kazakh name once
    lines = [
        f"{both} ({p.start:%m/%Y}–{p.end:%m/%Y})",
        tr("Implementer: {implementer}. Donor: {donor}.", lang).format(
            implementer=p.implementer.names.get(lang), donor=p.donor.names.get(lang)
        ),
        "",
        tr("Stages", lang),
    ]
    region_name = {r.id: r.names.get(lang) for r in p.regions}
    loc_name = {loc.id: loc.names.get(lang) for loc in p.localities}
    rows: list[list[object]] = [
        [
            stage.id,
            f"{w.start} – {w.end}",
            region_name[w.region],
            ", ".join(loc_name[i] for i in w.localities),
        ]
        for stage in p.stages
        for w in stage.windows
    ]
    header = [N_("stage"), N_("window"), N_("region"), N_("localities")]
    lines.append(table([tr(h, lang) for h in header], rows))
    regions = {loc.region for loc in p.localities}
    lines += [
        "",
        tr("Localities: {localities} in {regions} regions", lang).format(
            localities=len(p.localities), regions=len(regions)
        ),
    ]
    for region in p.regions:
        here = p.localities_in(region.id)
        names = ", ".join(loc.names.get(lang) for loc in here)
        lines.append(f"  {region.names.get(lang)} ({len(here)}): {names}")

    stages = [s.id for s in p.stages]
    counts = Counter((proj.kind, proj.stage) for proj in p.projects)
    rows = []
    for kind in ObjectKind:
        per_stage = [counts[(kind, s)] for s in stages]
        name = kind.value if _english(lang) else enum_word("kind", kind.value, lang)
        rows.append([name, *per_stage, sum(per_stage)])
    totals = [sum(1 for proj in p.projects if proj.stage == s) for s in stages]
    rows.append([tr("total described", lang), *totals, len(p.projects)])
    lines += ["", tr("Projects by kind and stage (as described in the brochure)", lang)]
    header = [tr("kind", lang), *stages, tr("total", lang)]
    lines.append(table(header, rows, right=range(1, len(stages) + 2)))

    lines += ["", tr("Money ({locale})", lang).format(locale=fmt.locale_of(lang))]
    grant = tr("grant", lang)
    for proj in p.projects:
        if proj.grant is not None:
            lines.append(
                f"  {proj.id} {proj.title.get(lang)}: {grant} {fmt.money(proj.grant, lang)}"
            )
    for proj in p.projects:
        if proj.reported_amount is not None and proj.grant is None:
            est = proj.reported_amount
            basis = proj.amount_basis or "amount as printed"
            lines.append(
                f"  {proj.id} {proj.title.get(lang)}: {enum_word('qualifier', est.qualifier.value, lang)} "
                f"{fmt.money(est.value, lang)} ({data_text(basis, lang)})"
            )

    lines += ["", tr("Applications and projects per stage and region (as published)", lang)]
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
                        tr("both regions", lang) if reg is None else reg.names.get(lang),
                        "" if apps is None else fmt.number(apps.value, lang),
                        "" if projs is None else fmt.number(projs.value, lang),
                    ]
                )
    header = [N_("stage"), N_("region"), N_("applications"), N_("projects")]
    lines.append(table([tr(h, lang) for h in header], rows, right=[2, 3]))

    lines += [
        "",
        tr("Published totals (each with its source; details in the dataset's notes)", lang),
    ]
    rows = []
    for key in TOTALS:
        fig = p.figure(key)
        rows.append([_figure_name(key, lang), _figure(fig, lang), data_text(fig.source, lang)])
    lines.append(table([tr(h, lang) for h in (N_("figure"), N_("value"), N_("source"))], rows))
    places = place_names(p)
    for fig in p.figures:  # projects per stage and region are in the table above
        if fig.key in TOTALS[1:] and (fig.stage or fig.region):
            place = place_text(places, fig.region, lang) if fig.region else ""
            at = tr("stage {stage}", lang).format(stage=fig.stage) if fig.stage else ""
            where = " ".join(x for x in (at, place) if x)
            lines.append(
                "  "
                + tr("of which {where}: {value} ({figure}, confidence {confidence})", lang).format(
                    where=where,
                    value=_figure(fig, lang),
                    figure=_figure_name(fig.key, lang),
                    confidence=enum_word("confidence", fig.confidence.value, lang),
                )
            )
    lines += [
        "",
        tr(
            "The brochure describes {described} projects and publishes {published}; "
            "nothing is invented to close the gap.",
            lang,
        ).format(described=len(p.projects), published=fmt.number(p.figure("projects").value, lang)),
    ]
    return "\n".join(lines) + "\n"


text_view(Programme)(programme_text)


def _english(lang: str) -> bool:
    return base_language(lang) == "en"


def _figure_name(key: str, lang: str) -> str:
    """A published figure's key in English text, its indicator's name in ru and kk."""
    if _english(lang):
        return key.replace("_", " ")
    from civicgrants.indicators import PROGRAMME_INDICATORS

    definition = next((d for d in PROGRAMME_INDICATORS if d.key == key), None)
    return (
        key.replace("_", " ") if definition is None else definition.names.get(base_language(lang))
    )


def contribution_text(p: Programme, lang: str = "en") -> str:
    """The programme's community contribution («вклад сообщества») by stage, with shares.

    Parameters
    ----------
    p : Programme
        A programme that publishes the ``community_contribution`` figure.
    lang : str
        The language of numbers and money (the words are English).

    Returns
    -------
    str
        A heading, a table of the parts (by stage, the parts no stage can claim, the
        published total) with amounts, shares and confidence, and a note; starting
        and ending with a newline.

    Examples
    --------
    >>> from civicgrants.datasets import public_spaces
    >>> lines = contribution_text(public_spaces()).splitlines()
    >>> print(lines[1])
    Community contribution («вклад сообщества») of the programme, by stage
    >>> lines[-2].split()[:3]
    ['total', '(published)', 'KZT29,591,100.00']

    See Also
    --------
    programme_text : the programme's summary.
    civicgrants.model.Programme.figure : a published figure by key.
    """
    from civicgrants.model.money import Money

    whole = p.figure("community_contribution")

    def row(label: str, fig: PublishedFigure) -> list[object]:
        share = fmt.percent(Fraction(fig.value * 100) / Fraction(whole.value), lang, places=1)
        confidence = enum_word("confidence", fig.confidence.value, lang)
        return [label, fmt.money(Money(fig.value), lang), share, confidence]

    rows = [
        row(tr("stage {stage}", lang).format(stage=f.stage), f)
        for f in p.figures
        if f.key == "community_contribution" and f.stage
    ]
    rows += [
        row(tr("not attributable", lang), f)
        for f in p.figures
        if f.key == "community_contribution_part"
    ]
    rows.append(row(tr("total (published)", lang), whole))
    header = [tr(h, lang) for h in (N_("part"), N_("amount"), N_("share"), N_("confidence"))]
    note = tr(
        "It counts residents' unpaid labour and the in-kind help of akimats and businesses "
        "(premises, transport, sand, gravel); the brochure prints no split by source, and only "
        "Stage I's part can be tied to a stage.",
        lang,
    )
    return (
        "\n"
        + tr("Community contribution («вклад сообщества») of the programme, by stage", lang)
        + "\n"
        + table(header, rows, right=[1, 2])
        + f"\n  {note}\n"
    )


def schedule_step_text(step: Step, stage: Stage, lang: str = "en") -> str:
    r"""The demo's calendar step: which stage, from when, and the season's Gantt.

    Parameters
    ----------
    step : Step
        A ``schedule`` step: its result a `Plan`.
    stage : Stage
        The programme's stage the plan lays out (its name and start are shown).
    lang : str
        The language of the stage's name and of the plan's text.

    Returns
    -------
    str
        A ``====`` rule, two lines on the stage, then the plan's own text.

    Examples
    --------
    >>> from civicgrants.datasets import public_spaces
    >>> from civicgrants.schedule import plan, public_spaces_methodology
    >>> stage = public_spaces().stages[-1]
    >>> step = Step("schedule", plan(public_spaces_methodology(), stage.start))
    >>> print("\n".join(schedule_step_text(step, stage).splitlines()[2:4]))
    Step of the cycle: the season calendar
    Stage III opened in 02/2021; the 38-week methodology laid on real dates from 2021-02-01, with Kazakhstan's public holidays.

    See Also
    --------
    walkthrough_text : the demo, whose second step this is.
    civicgrants.schedule.plan : lays a methodology on real dates.
    """
    opened = tr(
        "{stage} opened in {month}; the 38-week methodology laid on real dates from {start}, "
        "with Kazakhstan's public holidays.",
        lang,
    ).format(stage=stage.names.get(lang), month=f"{stage.start:%m/%Y}", start=stage.start)
    heading = tr("Step of the cycle: the season calendar", lang)
    return f"\n{RULE}\n{heading}\n{opened}\n\n" + text(step.result, lang)


def _budget(step: Step, lang: str) -> str:
    from civicgrants.io.views.budget import check_demo_text

    return check_demo_text(step.result, lang)  # type: ignore[arg-type]


def _scoring(step: Step, lang: str, walkthrough: Walkthrough) -> str:
    from civicgrants.io.views.scoring import review_demo_text

    places = _places(walkthrough)
    return review_demo_text(step.result, lang, places)  # type: ignore[arg-type]


def _vote(step: Step, lang: str) -> str:
    from civicgrants.io.views.pb import comparison_text

    return comparison_text(step.result, lang, file_name=step.source)  # type: ignore[arg-type]


def _indicators(step: Step, lang: str, walkthrough: Walkthrough) -> str:
    from civicgrants.io.views.indicators import programme_status_demo_text

    report = walkthrough.step("report").result
    places = _places(walkthrough)
    return programme_status_demo_text(step.result, report, lang, places)  # type: ignore[arg-type]


ROUND_WORDS = {
    "step": {
        "en": N_(
            "Step of the cycle: the round from decision to delivery (agreements, tranches, reports)"
        )
    },
    "intro": {
        "en": N_(
            "The example round as one folder, through the library calls of the three "
            "commands below."
        )
    },
    "temporary": {
        "en": N_(
            "Written to a temporary folder and removed; `civicgrants demo --out DIR` keeps it."
        )
    },
    "kept": {"en": N_("Kept in {folder}, with its HTML report when written.")},
    "wrote": {"en": N_("wrote round {round}: {n} files: {files}")},
    "report": {
        "en": N_(
            "wrote {file}: the {lang} report of round {round}, {sections} sections and "
            "{charts} charts; it opens in a browser with no network"
        )
    },
    "no report": {
        "en": N_(
            "{file} not written: the HTML report needs the '{extra}' extra (Jinja2, "
            "matplotlib): pip install 'civicgrants[{extra}]'"
        )
    },
    "would hold": {
        "en": N_(
            "With it, the {lang} report of round {round} would hold {sections} sections and "
            "{charts} charts:"
        )
    },
    "chart": {"en": N_("chart")},
}
"""The words of the demo's round steps (``round-init``, ``round-status``, ``round-report``)."""

SECTION_WORDS = {
    "header": {"en": N_("the title, the round, the date and the SYNTHETIC notice")},
    "funnel": {"en": N_("the funnel: counts and money at each stage")},
    "funding-line": {"en": N_("the funding line: the commission's ranking against the pot")},
    "sources": {"en": N_("budgets by source: requested, funded and spent")},
    "season": {"en": N_("the season: the methodology's steps on real dates")},
    "indicators": {"en": N_("indicators against their targets, from the final reports")},
    "localities": {"en": N_("localities: applications, money awarded and money per head")},
    "overdue": {"en": N_("what is overdue on {on}")},
}
"""What each section of a round's HTML report holds, in en, ru and kk (keyed by section id)."""

_CHART_SECTION = {
    "chart-funnel": "funnel",
    "chart-funding-line": "funding-line",
    "chart-sources": "sources",
    "chart-gantt": "season",
    "chart-indicators": "indicators",
}


def _contents(report: ReportFile, lang: str) -> list[str]:
    drawn = {_CHART_SECTION.get(c, c.removeprefix("chart-")) for c in report.charts}
    on = fmt.date(report.on, lang) if report.on is not None else ""
    lines = []
    for section in report.sections:  # a section this table does not know yet: its id
        known = section in SECTION_WORDS
        words = label(SECTION_WORDS, section, lang).format(on=on) if known else section
        chart = f" ({label(ROUND_WORDS, 'chart', lang)})" if section in drawn else ""
        lines.append(f"  - {words}{chart}")
    return lines


def report_file_text(report: ReportFile, lang: str = "en", *, file: str = "") -> str:
    """What became of a walkthrough's HTML report: written (what it holds) or what it needs.

    Parameters
    ----------
    report : ReportFile
        The report's facts.
    lang : str, optional
        ``en``, ``ru`` or ``kk``.
    file : str, optional
        The file as the reader should see it (``my-round/report.html``); its
        ``name`` by default.

    Returns
    -------
    str
        One line saying it was written (or, when its extra is missing, what to
        install), a line per section of the page (``(chart)`` where one is drawn),
        and the SYNTHETIC parts the page names; ending with a newline.

    Examples
    --------
    >>> f = ReportFile("report.html", "r", "en", None, ("header", "funnel"), ("chart-funnel",),
    ...                ("scores",), needs="report")
    >>> print(report_file_text(f), end="")
    report.html not written: the HTML report needs the 'report' extra (Jinja2, matplotlib): pip install 'civicgrants[report]'
    With it, the en report of round r would hold 2 sections and 1 charts:
      - the title, the round, the date and the SYNTHETIC notice
      - the funnel: counts and money at each stage (chart)
    SYNTHETIC parts (not published data): scores

    See Also
    --------
    report_file_data : the same as JSON.
    round_step_text : the demo's step around it.
    """
    from civicgrants.io.views.round import LABELS

    facts = {
        "file": file or report.name,
        "lang": report.lang,
        "round": report.round,
        "sections": fmt.number(len(report.sections), lang),
        "charts": fmt.number(len(report.charts), lang),
    }
    if report.written:
        lines = [label(ROUND_WORDS, "report", lang).format(**facts)]
    else:
        lines = [
            label(ROUND_WORDS, "no report", lang).format(extra=report.needs, **facts),
            label(ROUND_WORDS, "would hold", lang).format(**facts),
        ]
    lines += _contents(report, lang)
    if report.synthetic:
        parts = ", ".join(report.synthetic)
        lines.append(label(LABELS, "synthetic", lang).format(parts=parts))
    return "\n".join(lines) + "\n"


text_view(ReportFile)(report_file_text)


@data_view(ReportFile)
def report_file_data(report: ReportFile) -> str:
    """A walkthrough's HTML report as JSON: its facts, not the page.

    Parameters
    ----------
    report : ReportFile
        The report's facts.

    Returns
    -------
    str
        ``{"name", "round", "lang", "on", "written", "bytes", "needs", "sections",
        "charts", "synthetic"}``.

    Examples
    --------
    >>> import json
    >>> f = ReportFile("report.html", "r", "en", None, ("header",), (), (), size=9)
    >>> json.loads(report_file_data(f))["bytes"]
    9

    See Also
    --------
    report_file_text : the same as text.
    """
    return dump_json(
        {
            "name": report.name,
            "round": report.round,
            "lang": report.lang,
            "on": report.on.isoformat() if report.on is not None else None,
            "written": report.written,
            "bytes": report.size,
            "needs": report.needs,
            "sections": list(report.sections),
            "charts": list(report.charts),
            "synthetic": list(report.synthetic),
        }
    )


def _files(files: tuple[str, ...], lang: str) -> str:
    top = [f for f in files if "/" not in f]
    inside = Counter(f.split("/", 1)[0] for f in files if "/" in f)
    return ", ".join(top + [f"{d}/ ({fmt.number(n, lang)})" for d, n in sorted(inside.items())])


def round_step_text(step: Step, lang: str = "en") -> str:
    r"""One of the demo's round steps: the command it stands for, then what it gave.

    ``round-init`` opens the demo's round section (a rule, the heading, where the
    folder is) and lists the files written; ``round-status`` is the status of the
    round read back from the folder; ``round-report`` is the HTML report
    (`report_file_text()`). The folder is named as ``step.source`` gives it,
    or ``DIR`` for a temporary folder that is gone: never a temporary path.

    Parameters
    ----------
    step : Step
        A ``round-init`` (`WrittenRound`),
        ``round-status`` (`RoundStatus`) or
        ``round-report`` (`ReportFile`) step.
    lang : str, optional
        ``en``, ``ru`` or ``kk``.

    Returns
    -------
    str
        The step's text, starting with a blank line and ending with a newline.

    Raises
    ------
    KeyError
        ``step`` is not one of the three, or its result is not of the step's type.

    Examples
    --------
    >>> from civicgrants.io.workspace import WrittenRound
    >>> written = WrittenRound("", "r", ("round.json", "reports/a.json"), ("scores",))
    >>> print(round_step_text(Step("round-init", written)).splitlines()[-3])
    $ civicgrants round init DIR
    >>> print(round_step_text(Step("round-init", written, source="my round")).splitlines()[-3])
    $ civicgrants round init 'my round'

    See Also
    --------
    walkthrough_text : the demo, which ends with these steps.
    civicgrants.datasets.demo.round_steps : makes them.
    civicgrants.io.views.round.status_text : the status step's text.
    """
    from civicgrants.io.views.round import LABELS, status_text
    from civicgrants.io.workspace import WrittenRound
    from civicgrants.round.status import RoundStatus

    folder = "DIR" if step.source is None else shlex.quote(step.source)
    in_lang = "" if lang == "en" else f" --lang {lang}"
    result = step.result
    if step.key == "round-init" and isinstance(result, WrittenRound):
        where = (
            label(ROUND_WORDS, "temporary", lang)
            if step.source is None
            else label(ROUND_WORDS, "kept", lang).format(folder=step.source)
        )
        lines = [
            "",
            RULE,
            label(ROUND_WORDS, "step", lang),
            f"{label(ROUND_WORDS, 'intro', lang)} {where}",
            "",
            f"$ civicgrants round init {folder}",
            label(ROUND_WORDS, "wrote", lang).format(
                round=result.round,
                n=fmt.number(len(result.files), lang),
                files=_files(result.files, lang),
            ),
        ]
        if result.synthetic:
            parts = ", ".join(result.synthetic)
            lines.append(label(LABELS, "synthetic", lang).format(parts=parts))
        return "\n".join(lines) + "\n"
    if step.key == "round-status" and isinstance(result, RoundStatus):
        on = f" --on {result.on.isoformat()}" if result.on is not None else ""
        command = f"$ civicgrants round status {folder}{on}{in_lang}"
        return f"\n{command}\n" + status_text(result, lang)
    if step.key == "round-report" and isinstance(result, ReportFile):
        on = f" --on {result.on.isoformat()}" if result.on is not None else ""
        if step.source is None:
            shown = f"DIR/{result.name}"
        else:
            shown = os.path.join(step.source, result.name)
        command = f"$ civicgrants round report {folder} -o {shlex.quote(shown)}{on}{in_lang}"
        return f"\n{command}\n" + report_file_text(result, lang, file=shown)
    raise KeyError(f"not a round step: {step.key!r} with a {type(result).__name__}")


def _programme(w: Walkthrough) -> Programme:
    programme = w.step("programme").result
    assert isinstance(programme, Programme)
    return programme


def _places(w: Walkthrough) -> PlaceNames | None:
    """The names of the places of the walkthrough's programme step, if it has one."""
    found = [s.result for s in w.steps if s.key == "programme" and isinstance(s.result, Programme)]
    return place_names(found[0]) if found else None


@text_view(Walkthrough)
def walkthrough_text(w: Walkthrough, lang: str = "en") -> str:
    """Every step of a walkthrough, in order, in ``lang`` (or the walkthrough's own language).

    Steps with the demo's keys (``programme``, ``schedule``, ``budget``,
    ``contribution``, ``scoring``, ``vote``, ``indicators``, ``round-init``,
    ``round-status``, ``round-report``) get the demo's words around their results;
    ``report`` is written with ``indicators``; any other step is its result's own
    text view.

    Parameters
    ----------
    w : Walkthrough
        The walkthrough, e.g. `civicgrants.datasets.demo.demo()`'s.
    lang : str
        ``en``, ``ru`` or ``kk``; empty for the walkthrough's own language.

    Returns
    -------
    str
        The steps' texts joined.

    Examples
    --------
    >>> from civicgrants.datasets import public_spaces
    >>> w = Walkthrough("demo", (Step("contribution", public_spaces()),))
    >>> walkthrough_text(w) == contribution_text(public_spaces())
    True

    See Also
    --------
    civicgrants.datasets.demo.demo : the walkthrough ``civicgrants demo`` prints.
    civicgrants.cli.demo.run : the command.
    """
    lang = lang or w.lang
    writers: dict[str, Callable[[Step], str]] = {
        "programme": lambda s: programme_text(s.result, lang),  # type: ignore[arg-type]
        "schedule": lambda s: schedule_step_text(s, _programme(w).stages[-1], lang),
        "budget": lambda s: _budget(s, lang),
        "contribution": lambda s: contribution_text(s.result, lang),  # type: ignore[arg-type]
        "scoring": lambda s: _scoring(s, lang, w),
        "vote": lambda s: _vote(s, lang),
        "indicators": lambda s: _indicators(s, lang, w),
        "report": lambda s: "",  # written with the indicators
        "round-init": lambda s: round_step_text(s, lang),
        "round-status": lambda s: round_step_text(s, lang),
        "round-report": lambda s: round_step_text(s, lang),
    }
    return "".join(writers[s.key](s) if s.key in writers else text(s.result, lang) for s in w.steps)


@data_view(Walkthrough)
def walkthrough_data(w: Walkthrough) -> str:
    """Every step of a walkthrough as JSON: what ``civicgrants demo --format json`` prints.

    One object, ``{"walkthrough", "lang", "steps"}``; each step is ``{"key",
    "source", "result"}``, the result being its own JSON view (a programme: its
    document). A step showing the same result as an earlier one says so with
    ``"same_as"`` (the earlier step's key) instead of repeating it.

    Parameters
    ----------
    w : Walkthrough
        The walkthrough, e.g. `civicgrants.datasets.demo.demo()`'s.

    Returns
    -------
    str
        The JSON text, ending with a newline; the same walkthrough gives the same text.

    Examples
    --------
    >>> import json
    >>> from civicgrants.datasets import public_spaces
    >>> p = public_spaces()
    >>> w = Walkthrough("demo", (Step("programme", p), Step("contribution", p)))
    >>> steps = json.loads(walkthrough_data(w))["steps"]
    >>> steps[0]["result"]["schema"], steps[1]["same_as"]
    ('civicgrants/programme@1', 'programme')

    See Also
    --------
    walkthrough_text : the same as text.
    """
    import json

    from civicgrants.io.documents import to_data
    from civicgrants.io.render import data

    steps: list[dict[str, object]] = []
    seen: dict[int, str] = {}
    for s in w.steps:
        entry: dict[str, object] = {"key": s.key, "source": s.source}
        if id(s.result) in seen:
            entry["same_as"] = seen[id(s.result)]
        else:
            seen[id(s.result)] = s.key
            if isinstance(s.result, Programme):
                entry["result"] = to_data(s.result)
            else:
                entry["result"] = json.loads(data(s.result))
        steps.append(entry)
    return dump_json({"walkthrough": w.key, "lang": w.lang, "steps": steps})
