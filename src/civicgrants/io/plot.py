"""Plots for notebooks: each function draws on a matplotlib Axes and returns it (the ``plot`` extra).

Every function takes ``ax=None``: without one it makes a figure with
`matplotlib.pyplot.subplots()` (so a notebook shows it), with one it draws
there (a panel of a bigger figure). None of them changes matplotlib's backend
or its settings outside the drawing. Amounts are drawn in tenge as floats: a
plot is a display, the exact amounts stay in the objects.

- `funding_line()`: a commission's ranked applications, each grant drawn
  from the money granted before it, against the pot;
- `gantt()`: a season's plan as a Gantt chart;
- `budget_totals()`: a budget's totals by section or by source;
- `achievement()`: indicator values against their targets, in percent;
- `selections()`: two counts of one vote (greedy and equal shares) side by side;
- `rank_intervals()`: each application's expected rank with its interval, and the
  lottery zone where intervals cross the funding line.

Examples
--------
>>> from civicgrants.pb.election import Election
>>> from civicgrants.pb.counting import run_rule
>>> e = Election.from_ballots({"a": 60, "b": 50, "c": 40}, [["a"], ["a", "b"], ["c"]], budget=100)
>>> ax = selections(e, run_rule(e, "greedy"), run_rule(e, "mes"))
>>> ax.get_title()
'Funded projects: greedy and mes'
>>> import matplotlib.pyplot as plt
>>> plt.close(ax.figure)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from civicgrants.budget.model import Budget
from civicgrants.budget.summary import summarise
from civicgrants.errors import MissingExtra
from civicgrants.indicators.rollup import Rollup
from civicgrants.model.money import Money
from civicgrants.pb.election import Election
from civicgrants.pb.outcome import Outcome
from civicgrants.schedule.plan import Plan
from civicgrants.schedule.season import Season
from civicgrants.scoring.decision import CommissionDecision
from civicgrants.scoring.uncertainty import LineKind, LotteryZone, UncertaintyModel

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "COLOURS",
    "achievement",
    "budget_totals",
    "funding_line",
    "gantt",
    "rank_intervals",
    "season_gantt",
    "selections",
]

COLOURS = {
    "funded": "#2e7d32",
    "partial": "#f9a825",
    "not_funded": "#9e9e9e",
    "pot": "#c62828",
    "critical": "#b03a2e",
    "slack": "#7f8c8d",
    "training": "#f5b041",
    "holiday": "#2e86c1",
    "float": "#a9dfbf",
    "bar": "#1f77b4",
    "second": "#ff7f0e",
    "zone": "#f9a825",
}
"""The colours the plots use, by role."""


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise MissingExtra("plotting", "plot") from exc
    _, made = plt.subplots(figsize=size, layout="constrained")
    result: Axes = made
    return result


def _tenge(value: Money | Decimal | None) -> float:
    if value is None:
        return 0.0
    return float(value.amount if isinstance(value, Money) else value)


def funding_line(decision: CommissionDecision, *, ax: Axes | None = None) -> Axes:
    """A commission's funding line: ranked grants stacked on what was granted before, and the pot.

    Each ranked application is a bar from the money granted to better-ranked
    ones up by its grant: green when funded, yellow when partly funded, an
    empty grey outline when not funded. The pot is a dashed red line.

    Parameters
    ----------
    decision : CommissionDecision
        The result of `civicgrants.scoring.decide()`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's Axes by default.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    civicgrants.errors.MissingExtra
        matplotlib is not installed (the ``plot`` extra).

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import decide
    >>> call, sheet = synthetic_round()
    >>> ax = funding_line(decide(call, sheet))
    >>> ax.get_xlabel(), len(ax.patches) > 0
    ('rank', True)
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)

    See Also
    --------
    civicgrants.scoring.decide : the decision drawn.
    civicgrants.scoring.decision.CommissionDecision.to_frame : the same numbers as a frame.
    """
    ax = _axes(ax, (8, 4))
    ranked = sorted(
        ((e.rank, e) for e in decision.entries if e.rank is not None), key=lambda p: p[0]
    )
    before = 0.0
    for rank, e in ranked:
        kind = "partial" if e.partial else e.outcome.value
        if kind not in ("funded", "partial"):
            kind = "not_funded"
        filled = kind != "not_funded"
        height = _tenge(e.granted if filled else e.grant)
        ax.bar(
            rank,
            height,
            bottom=before,
            width=0.8,
            color=COLOURS[kind] if filled else "none",
            edgecolor=COLOURS[kind],
            linewidth=0.8,
        )
        before += _tenge(e.granted)
    ax.axhline(_tenge(decision.pot), color=COLOURS["pot"], linestyle="--", linewidth=1.2)
    ax.set_xlabel("rank")
    ax.set_ylabel(f"cumulative grants, {decision.currency}")
    ax.set_title(f"Funding line of {decision.call}")
    return ax


def gantt(
    plan: Plan, *, ax: Axes | None = None, lang: str = "en", title: str | None = None
) -> Axes:
    """A season's plan as a Gantt chart, the x axis in programme weeks.

    Critical steps are red, steps with slack grey, training days orange and
    public holidays blue lines.

    Parameters
    ----------
    plan : Plan
        The result of `civicgrants.schedule.plan()`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's Axes by default.
    lang : str, optional
        The language of the step names: ``"en"``, ``"ru"`` or ``"kk"``.
    title : str, optional
        The title; the methodology's name and dates by default.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    civicgrants.errors.MissingExtra
        matplotlib is not installed (the ``plot`` extra).

    Examples
    --------
    >>> import datetime
    >>> from civicgrants.schedule import plan, public_spaces_methodology
    >>> ax = gantt(plan(public_spaces_methodology(), datetime.date(2021, 2, 1)))
    >>> ax.get_xlabel()
    'programme week (week 1 starts 2021-02-01)'
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)

    See Also
    --------
    civicgrants.io.schedule.save_gantt : the chart as an SVG or PNG file.
    civicgrants.schedule.plan : the plan drawn.
    """
    steps = list(plan.steps)
    ax = _axes(ax, (10, 0.45 * len(steps) + 1.6))
    for row, s in enumerate(steps):
        y = len(steps) - 1 - row
        colour = COLOURS["critical"] if s.critical else COLOURS["slack"]
        ax.broken_barh([(s.first_week - 1, s.weeks)], (y - 0.35, 0.7), color=colour)
        for b in s.blocks:
            for d in b.days or ():
                x = (d - plan.start).days / 7
                ax.broken_barh([(x, 1 / 7)], (y - 0.35, 0.7), color=COLOURS["training"])
    for h in plan.holidays:
        ax.axvline(
            (h.date - plan.start).days / 7, color=COLOURS["holiday"], linewidth=0.6, alpha=0.6
        )
    labels = [f"{s.key}  {plan.methodology.step(s.key).names.get(lang)}"[:48] for s in steps]
    ax.set_yticks(range(len(steps) - 1, -1, -1), labels)
    ax.set_xlim(0, plan.weeks)
    ax.set_xticks(range(0, plan.weeks + 1, 2))
    ax.set_xlabel(f"programme week (week 1 starts {plan.start.isoformat()})")
    ax.set_title(title or f"{plan.methodology.names.get(lang)}: {plan.start} – {plan.end}")
    ax.grid(axis="x", linewidth=0.3, alpha=0.5)
    return ax


def season_gantt(
    season: Season, *, ax: Axes | None = None, title: str | None = None, rows: int = 40
) -> Axes:
    """A season of many localities as a Gantt chart: one row per locality, in weeks.

    Each row runs from the locality's start to its end: steps on its critical
    path red, the others grey, training days orange, and its float (the
    working days it can slip before the season's end moves) green up to the
    season's end, a dashed line.

    Parameters
    ----------
    season : Season
        The result of `civicgrants.schedule.plan_season()`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's Axes by default.
    title : str, optional
        The title; the count of localities and the season's end by default.
    rows : int
        At most this many localities, the first by start date then id (40 by default).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    civicgrants.errors.MissingExtra
        matplotlib is not installed (the ``plot`` extra).
    ValueError
        ``rows`` is not a whole number >= 1.

    Examples
    --------
    >>> import datetime
    >>> from civicgrants.schedule import SeasonLocality, Trainer, plan_season
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> season = plan_season(
    ...     public_spaces_methodology(),
    ...     [SeasonLocality(x, datetime.date(2021, 2, 1), "atyrau") for x in ("a", "b")],
    ...     trainers=[Trainer("t1")],
    ... )
    >>> ax = season_gantt(season)
    >>> ax.get_xlabel()
    'week (week 1 starts 2021-02-01)'
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)

    See Also
    --------
    civicgrants.io.schedule.save_season_gantt : the chart as an SVG or PNG file.
    gantt : one locality's plan.
    """
    if isinstance(rows, bool) or not isinstance(rows, int) or rows < 1:
        raise ValueError(f"rows: must be a whole number >= 1, got {rows!r}")
    shown = sorted(season.plans, key=lambda lp: (lp.plan.start, lp.locality))[:rows]
    ax = _axes(ax, (10, 0.28 * len(shown) + 1.6))
    if not shown:
        ax.set_title(title or "an empty season")
        return ax
    origin = shown[0].plan.start
    end = season.end

    def week(day: dt.date) -> float:
        return (day - origin).days / 7

    for row, lp in enumerate(shown):
        y = len(shown) - 1 - row
        critical = set(lp.critical_path)
        for s in lp.plan.steps:
            colour = COLOURS["critical"] if s.key in critical else COLOURS["slack"]
            ax.broken_barh(
                [(week(s.start), (s.end - s.start).days / 7 + 1 / 7)], (y - 0.3, 0.6), color=colour
            )
        for b in lp.blocks:
            for d in b.days:
                ax.broken_barh([(week(d), 1 / 7)], (y - 0.3, 0.6), color=COLOURS["training"])
        if lp.end < end:
            ax.broken_barh(
                [(week(lp.end) + 1 / 7, week(end) - week(lp.end))],
                (y - 0.15, 0.3),
                color=COLOURS["float"],
            )
    ax.axvline(week(end) + 1 / 7, color=COLOURS["pot"], linewidth=0.8, linestyle="--")
    ax.set_yticks(
        range(len(shown) - 1, -1, -1), [f"{lp.locality} ({lp.float_days})" for lp in shown]
    )
    ax.set_xlim(0, week(end) + 1)
    ax.set_xlabel(f"week (week 1 starts {origin.isoformat()})")
    more = len(season.plans) - len(shown)
    ax.set_title(
        title
        or f"{len(season.plans)} localities, {len(season.trainers)} trainers: the season ends "
        f"{end.isoformat()}"
        + (f" ({more} more not shown)" if more else "")
    )
    ax.grid(axis="x", linewidth=0.3, alpha=0.5)
    return ax


def budget_totals(budget: Budget, *, by: str = "section", ax: Axes | None = None) -> Axes:
    """A budget's totals as horizontal bars, by section or by source of funding.

    Parameters
    ----------
    budget : Budget
        The budget.
    by : {"section", "source"}, optional
        Bars per top-level section (computed total, else declared) or per
        source (grant, own contribution, co-funding …).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's Axes by default.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    ValueError
        ``by`` is neither ``"section"`` nor ``"source"``.
    civicgrants.errors.MissingExtra
        matplotlib is not installed (the ``plot`` extra).

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_budget
    >>> ax = budget_totals(seed_001_budget(), by="source")
    >>> ax.get_xlabel()
    'KZT'
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)

    See Also
    --------
    civicgrants.budget.summary.summarise : the totals drawn.
    civicgrants.budget.summary.Summary.to_frame : the sections as a frame.
    """
    if by not in ("section", "source"):
        raise ValueError(f"by must be 'section' or 'source', got {by!r}")
    summary = summarise(budget)
    if by == "section":
        names = [f"{s.code} {s.item or ''}".strip()[:40] for s in summary.sections]
        values = [_tenge(s.computed or s.declared) for s in summary.sections]
    else:
        names = [s.source.value for s in summary.sources]
        values = [_tenge(s.amount) for s in summary.sources]
    ax = _axes(ax, (8, 0.4 * len(names) + 1.2))
    rows = list(range(len(names) - 1, -1, -1))
    ax.barh(rows, values, color=COLOURS["bar"], height=0.65)
    ax.set_yticks(rows, names)
    ax.set_xlabel(summary.currency)
    ax.set_title(f"{budget.title or budget.id}: totals by {by}")
    return ax


def achievement(rollup: Rollup, *, ax: Axes | None = None) -> Axes:
    """Each indicator's value against its target, in percent, with the 100 % line.

    Rows without a target or a value are left out.

    Parameters
    ----------
    rollup : Rollup
        The roll-up (`civicgrants.indicators.rollup()`).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's Axes by default.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    civicgrants.errors.MissingExtra
        matplotlib is not installed (the ``plot`` extra).

    Examples
    --------
    >>> from civicgrants.indicators.model import Record
    >>> from civicgrants.indicators.rollup import guess_definitions, rollup
    >>> recs = [Record(indicator="people", period="2021", stage="I", project="p1",
    ...                actual=30, target=40)]
    >>> ax = achievement(rollup(recs, guess_definitions(recs), by=("stage",)))
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['people (I)']
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)

    See Also
    --------
    civicgrants.indicators.rollup.Rollup.to_frame : the values and targets as a frame.
    """
    names: list[str] = []
    values: list[float] = []
    for row in rollup.rows:
        if row.target is None or row.value is None or not _tenge(row.target):
            continue
        group = ", ".join(g for g in row.group if g)
        names.append(f"{row.indicator} ({group})" if group else row.indicator)
        values.append(100 * _tenge(row.value) / _tenge(row.target))
    ax = _axes(ax, (8, 0.4 * len(names) + 1.2))
    rows = list(range(len(names) - 1, -1, -1))
    colours = [COLOURS["funded"] if v >= 100 else COLOURS["partial"] for v in values]
    ax.barh(rows, values, color=colours, height=0.65)
    ax.axvline(100, color=COLOURS["pot"], linestyle="--", linewidth=1)
    ax.set_yticks(rows, names)
    ax.set_xlabel("achieved, % of target")
    ax.set_title("Indicators against their targets")
    return ax


def selections(
    election: Election,
    first: Outcome,
    second: Outcome,
    *,
    ax: Axes | None = None,
    labels: Sequence[str] | None = None,
) -> Axes:
    """Two counts of one vote side by side: each project's cost, filled where a count funds it.

    Parameters
    ----------
    election : Election
        The vote.
    first, second : Outcome
        Two counts of it (say greedy and equal shares).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's Axes by default.
    labels : sequence of two str, optional
        The two counts' names; their rules by default.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    civicgrants.errors.MissingExtra
        matplotlib is not installed (the ``plot`` extra).

    Examples
    --------
    >>> from civicgrants.pb.counting import run_rule
    >>> e = Election.from_ballots({"a": 60, "b": 50}, [["a"], ["b"], ["b"]], budget=100)
    >>> ax = selections(e, run_rule(e, "greedy"), run_rule(e, "mes"), labels=["G", "MES"])
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['G', 'MES']
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)

    See Also
    --------
    civicgrants.pb.counting.run_rule : counts a vote with one rule.
    civicgrants.pb.counting.compare : greedy and equal shares compared as data.
    """
    names = list(labels) if labels is not None else [first.rule, second.rule]
    ids = list(election.project_ids)
    costs = [float(c) for c in election.costs]
    ax = _axes(ax, (max(6.0, 0.5 * len(ids) + 2), 4))
    for shift, outcome, name, colour in (
        (-0.2, first, names[0], COLOURS["bar"]),
        (0.2, second, names[1], COLOURS["second"]),
    ):
        chosen = set(outcome.selected)
        ax.bar(
            [i + shift for i in range(len(ids))],
            costs,
            width=0.4,
            color=[colour if p in chosen else "none" for p in ids],
            edgecolor=colour,
            linewidth=0.8,
            label=name,
        )
    ax.set_xticks(range(len(ids)), ids, rotation=90 if len(ids) > 12 else 0)
    ax.set_ylabel("cost")
    ax.set_title(f"Funded projects: {names[0]} and {names[1]}")
    ax.legend()
    return ax


def rank_intervals(model: UncertaintyModel | LotteryZone, *, ax: Axes | None = None) -> Axes:
    """Each application's expected rank with its rank interval, best first.

    A dot at the expected rank and a bar over the rank interval (the model's
    ``level``), one row per application in the order of expected rank. Given a
    `LotteryZone`, the funding line is a dashed red line and each row is coloured
    by where the zone puts it: green funded, yellow in the lottery zone, grey not
    funded.

    Parameters
    ----------
    model : UncertaintyModel or LotteryZone
        `civicgrants.scoring.fit_uncertainty()`'s model, or
        `civicgrants.scoring.funding_zone()`'s zone (its model, with the line).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's Axes by default.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    civicgrants.errors.MissingExtra
        matplotlib is not installed (the ``plot`` extra).

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.scoring import fit_uncertainty, funding_zone, member_grades
    >>> call, sheet = synthetic_round()
    >>> model = fit_uncertainty(member_grades(call, sheet), seed=1, draws=300, burn_in=100)
    >>> ax = rank_intervals(funding_zone(model, fundable=18))
    >>> ax.get_xlabel(), len(ax.lines) == len(model.applications) + 1
    ('rank', True)
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)

    See Also
    --------
    civicgrants.scoring.fit_uncertainty : the model drawn.
    civicgrants.scoring.funding_zone : the zone and its line.
    """
    zone = model if isinstance(model, LotteryZone) else None
    fitted = model.model if isinstance(model, LotteryZone) else model
    rows = sorted(fitted.applications, key=lambda a: (a.expected_rank, a.application))
    ax = _axes(ax, (7, max(3.0, 0.18 * len(rows) + 1)))
    where: dict[str, str] = {}
    if zone is not None:
        where = dict.fromkeys(zone.funded, "funded") | dict.fromkeys(zone.zone, "zone")
    for y, a in enumerate(rows):
        colour = COLOURS[where.get(a.application, "not_funded")] if zone else COLOURS["bar"]
        ax.plot([a.rank_low, a.rank_high], [y, y], color=colour, linewidth=2.5, alpha=0.7)
        ax.scatter([a.expected_rank], [y], color=colour, s=12, zorder=3)
    if zone is not None and zone.kind is LineKind.RANK:
        ax.axvline(zone.line + 0.5, color=COLOURS["pot"], linestyle="--", linewidth=1.2)
    ax.set_yticks(range(len(rows)), [a.application for a in rows], fontsize=6)
    ax.invert_yaxis()
    ax.set_xlabel("rank")
    ax.set_title(f"Expected ranks with their {fitted.level:.0%} intervals")
    return ax
