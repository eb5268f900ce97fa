"""Text of the demo's walkthrough and of a programme's summary (see :mod:`civicgrants.io.render`).

The words the demo says between results (which step of the cycle, where the data
comes from) are here, keyed by step; the results themselves are written by the
views of their own concepts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING

from civicgrants.io import fmt
from civicgrants.io.render import text, text_view
from civicgrants.io.table import table
from civicgrants.model.programme import Programme, Stage
from civicgrants.model.walkthrough import Step, Walkthrough

if TYPE_CHECKING:
    from civicgrants.model.programme import PublishedFigure

__all__ = [
    "TOTALS",
    "contribution_text",
    "programme_text",
    "schedule_step_text",
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

    lines = [
        f"{p.names.get(lang)} — {p.names.get('kk')} ({p.start:%m/%Y}–{p.end:%m/%Y})",
        f"Implementer: {p.implementer.names.get(lang)}. Donor: {p.donor.names.get(lang)}.",
        "",
        "Stages",
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
    lines.append(table(["stage", "window", "region", "localities"], rows))
    regions = {loc.region for loc in p.localities}
    lines += ["", f"Localities: {len(p.localities)} in {len(regions)} regions"]
    for region in p.regions:
        here = p.localities_in(region.id)
        names = ", ".join(loc.names.get(lang) for loc in here)
        lines.append(f"  {region.names.get(lang)} ({len(here)}): {names}")

    stages = [s.id for s in p.stages]
    counts = Counter((proj.kind, proj.stage) for proj in p.projects)
    rows = []
    for kind in ObjectKind:
        per_stage = [counts[(kind, s)] for s in stages]
        rows.append([kind.value, *per_stage, sum(per_stage)])
    totals = [sum(1 for proj in p.projects if proj.stage == s) for s in stages]
    rows.append(["total described", *totals, len(p.projects)])
    lines += ["", "Projects by kind and stage (as described in the brochure)"]
    lines.append(table(["kind", *stages, "total"], rows, right=range(1, len(stages) + 2)))

    lines += ["", f"Money ({fmt.locale_of(lang)})"]
    for proj in p.projects:
        if proj.grant is not None:
            lines.append(f"  {proj.id} {proj.title.get(lang)}: grant {fmt.money(proj.grant, lang)}")
    for proj in p.projects:
        if proj.reported_amount is not None and proj.grant is None:
            est = proj.reported_amount
            lines.append(
                f"  {proj.id} {proj.title.get(lang)}: {est.qualifier.value.replace('_', ' ')} "
                f"{fmt.money(est.value, lang)} ({proj.amount_basis or 'amount as printed'})"
            )

    lines += ["", "Applications and projects per stage and region (as published)"]
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
                        "" if apps is None else fmt.number(apps.value, lang),
                        "" if projs is None else fmt.number(projs.value, lang),
                    ]
                )
    lines.append(table(["stage", "region", "applications", "projects"], rows, right=[2, 3]))

    lines += ["", "Published totals (each with its source; details in the dataset's notes)"]
    rows = []
    for key in TOTALS:
        fig = p.figure(key)
        rows.append([key.replace("_", " "), _figure(fig, lang), fig.source])
    lines.append(table(["figure", "value", "source"], rows))
    for fig in p.figures:  # projects per stage and region are in the table above
        if fig.key in TOTALS[1:] and (fig.stage or fig.region):
            where = " ".join(
                x for x in (f"stage {fig.stage}" if fig.stage else "", fig.region or "") if x
            )
            lines.append(
                f"  of which {where}: {_figure(fig, lang)} "
                f"({fig.key.replace('_', ' ')}, confidence {fig.confidence.value})"
            )
    lines += [
        "",
        f"The brochure describes {len(p.projects)} projects and publishes "
        f"{fmt.number(p.figure('projects').value, lang)}; nothing is invented to close the gap.",
    ]
    return "\n".join(lines) + "\n"


text_view(Programme)(programme_text)


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
        return [label, fmt.money(Money(fig.value), lang), share, fig.confidence.value]

    rows = [
        row(f"stage {f.stage}", f)
        for f in p.figures
        if f.key == "community_contribution" and f.stage
    ]
    rows += [
        row("not attributable", f) for f in p.figures if f.key == "community_contribution_part"
    ]
    rows.append(row("total (published)", whole))
    return (
        "\nCommunity contribution («вклад сообщества») of the programme, by stage\n"
        + table(["part", "amount", "share", "confidence"], rows, right=[1, 2])
        + "\n  It counts residents' unpaid labour and the in-kind help of akimats and businesses "
        "(premises, transport, sand, gravel); the brochure prints no split by source, and only "
        "Stage I's part can be tied to a stage.\n"
    )


def schedule_step_text(step: Step, stage: Stage, lang: str = "en") -> str:
    r"""The demo's calendar step: which stage, from when, and the season's Gantt.

    Parameters
    ----------
    step : Step
        A ``schedule`` step: its result a :class:`~civicgrants.schedule.Plan`.
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
    return (
        f"\n{RULE}\nStep of the cycle: the season calendar\n"
        f"{stage.names.get(lang)} opened in {stage.start:%m/%Y}; the 38-week methodology laid on "
        f"real dates from {stage.start}, with Kazakhstan's public holidays.\n\n"
        + text(step.result, lang)
    )


def _budget(step: Step, lang: str) -> str:
    from civicgrants.io.views.budget import check_demo_text

    return check_demo_text(step.result, lang)  # type: ignore[arg-type]


def _scoring(step: Step, lang: str) -> str:
    from civicgrants.io.views.scoring import review_demo_text

    return review_demo_text(step.result, lang)  # type: ignore[arg-type]


def _vote(step: Step, lang: str) -> str:
    from civicgrants.io.views.pb import comparison_text

    return comparison_text(step.result, lang, file_name=step.source)  # type: ignore[arg-type]


def _indicators(step: Step, lang: str, walkthrough: Walkthrough) -> str:
    from civicgrants.io.views.indicators import programme_status_demo_text

    report = walkthrough.step("report").result
    return programme_status_demo_text(step.result, report, lang)  # type: ignore[arg-type]


def _round(step: Step, lang: str) -> str:
    from civicgrants.io.views.round import status_demo_text

    return status_demo_text(step.result, lang)  # type: ignore[arg-type]


def _programme(w: Walkthrough) -> Programme:
    programme = w.step("programme").result
    assert isinstance(programme, Programme)
    return programme


@text_view(Walkthrough)
def walkthrough_text(w: Walkthrough, lang: str = "en") -> str:
    """Every step of a walkthrough, in order, in ``lang`` (or the walkthrough's own language).

    Steps with the demo's keys (``programme``, ``schedule``, ``budget``,
    ``contribution``, ``scoring``, ``vote``, ``indicators``, ``round``) get the demo's words
    around their results; ``report`` is written with ``indicators``; any other
    step is its result's own text view.

    Parameters
    ----------
    w : Walkthrough
        The walkthrough, e.g. :func:`civicgrants.datasets.demo.demo`'s.
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
        "scoring": lambda s: _scoring(s, lang),
        "vote": lambda s: _vote(s, lang),
        "indicators": lambda s: _indicators(s, lang, w),
        "report": lambda s: "",  # written with the indicators
        "round": lambda s: _round(s, lang),
    }
    return "".join(writers[s.key](s) if s.key in writers else text(s.result, lang) for s in w.steps)
