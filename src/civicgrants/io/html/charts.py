"""Charts for HTML reports: matplotlib figures as SVG text to inline in a page.

Every function here takes numbers and words that are already written for the
reader (the caller formats them through `civicgrants.io.fmt`) and returns
one ``<svg>`` element as text: no XML declaration, no metadata, text kept as
text (``svg.fonttype = "none"``), and every ``id`` inside prefixed with the
chart's own id so that several charts can share one page. The output is byte
for byte the same for the same input: the SVG hash salt is fixed, the date is
left out, and no pyplot state is touched (each chart is a bare
`matplotlib.figure.Figure`, so the process's backend is never changed).

Needs matplotlib (the ``report`` extra, or ``plot``); without it every chart
raises `MissingExtra`.

Examples
--------
>>> svg = bar_chart("demo", ["a", "b"], [3, 1], ["3", "1"], xlabel="count")
>>> svg.startswith("<svg"), 'id="demo-figure_1"' in svg
(True, True)
"""

from __future__ import annotations

import contextlib
import io as _io
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from civicgrants.errors import MissingExtra

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "COLOURS",
    "RC",
    "GanttRow",
    "bar_chart",
    "funding_line_chart",
    "gantt_chart",
    "percent_chart",
    "require",
    "stacked_chart",
    "svg_of",
]

RC: dict[str, Any] = {
    "svg.hashsalt": "civicgrants",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "legend.fontsize": 8,
    "legend.frameon": False,
}
"""The matplotlib settings every chart is drawn with (fixed: the bytes depend on them)."""

COLOURS = {
    "bar": "#2e6f9e",
    "funded": "#2e8540",
    "partial": "#9ac39f",
    "not_funded": "#c0c0c0",
    "pot": "#b03a2e",
    "critical": "#b03a2e",
    "slack": "#7f8c8d",
    "training": "#f5b041",
    "holiday": "#2e86c1",
    "met": "#2e8540",
    "missed": "#d35400",
    "sources": "#2e6f9e #e39c39 #7fb069 #b56576 #6d597a #43aa8b #a0a0a0",
}
"""The colours of the charts: one name a role (``sources``: one colour a source, in order)."""

_HEADER = re.compile(r"\A.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)


def require() -> None:
    """Check that matplotlib is installed, before a report does any work.

    Raises
    ------
    MissingExtra
        matplotlib is not installed: ``pip install 'civicgrants[report]'``.

    Examples
    --------
    >>> require()

    See Also
    --------
    svg_of : raises the same when it draws.
    """
    _matplotlib()


def _matplotlib() -> Any:
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise MissingExtra("drawing the charts of an HTML report", "report") from exc
    return matplotlib, Figure


def svg_of(chart_id: str, size: tuple[float, float], draw: Callable[[Figure], None]) -> str:
    """Draw a figure with `RC` and return it as one ``<svg>`` element for a page.

    Parameters
    ----------
    chart_id : str
        The chart's id: every ``id`` inside the SVG (and every reference to
        one) is prefixed with ``chart_id-``.
    size : (float, float)
        The figure's width and height in inches.
    draw : callable
        ``draw(figure)`` draws on the empty `matplotlib.figure.Figure`.

    Returns
    -------
    str
        The ``<svg …>…</svg>`` element, with ``role="img"``, ending with a newline.

    Raises
    ------
    MissingExtra
        matplotlib is not installed.

    Examples
    --------
    >>> svg = svg_of("empty", (1, 1), lambda figure: None)
    >>> svg.split()[:2]
    ['<svg', 'role="img"']
    >>> "<metadata>" in svg, 'id="empty-figure_1"' in svg
    (False, True)

    See Also
    --------
    bar_chart, funding_line_chart, stacked_chart, gantt_chart, percent_chart : the charts.
    """
    matplotlib, figure_class = _matplotlib()
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    buffer = _io.StringIO()
    with matplotlib.rc_context(RC):
        figure = figure_class(figsize=size, layout="constrained")
        draw(figure)
        # The constrained layout, computed as savefig computes it (measuring text with the SVG
        # renderer the page is drawn with), then saved without a layout engine: savefig would
        # otherwise draw every artist twice, once without output only to run the layout.
        FigureCanvasSVG(figure)
        engine = figure.get_layout_engine()
        if figure.axes and engine is not None:  # as Figure.draw runs it
            with contextlib.suppress(ValueError):
                engine.execute(figure)
        figure.set_layout_engine(None)
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = _METADATA.sub("", _HEADER.sub("", buffer.getvalue(), count=1), count=1)
    text = text.replace('id="', f'id="{chart_id}-')
    text = text.replace("url(#", f"url(#{chart_id}-").replace('href="#', f'href="#{chart_id}-')
    return text.replace("<svg ", '<svg role="img" ', 1).rstrip("\n") + "\n"


def _formatter(axis: Any, labels: Callable[[float], str]) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _pos: labels(value)))


def bar_chart(
    chart_id: str,
    names: Sequence[str],
    values: Sequence[float],
    notes: Sequence[str],
    *,
    xlabel: str,
    ticks: Callable[[float], str] = lambda v: f"{v:g}",
) -> str:
    """Horizontal bars, first name on top, each with a note at its end (a funnel).

    Parameters
    ----------
    chart_id : str
        The chart's id (see `svg_of()`).
    names : sequence of str
        The bars' names.
    values : sequence of float
        Their lengths.
    notes : sequence of str
        The text written after each bar.
    xlabel : str
        The axis's label.
    ticks : callable, optional
        Writes a tick's value (the caller's language).

    Returns
    -------
    str
        The chart as an ``<svg>`` element.

    Examples
    --------
    >>> ">first stage<" in bar_chart("c", ["first stage"], [1.0], ["1"], xlabel="n")
    True

    See Also
    --------
    svg_of : how the figure becomes SVG text.
    """

    def draw(figure: Figure) -> None:
        ax = figure.add_subplot()
        rows = range(len(names) - 1, -1, -1)
        ax.barh(list(rows), list(values), color=COLOURS["bar"], height=0.65)
        top = max(values, default=0) or 1
        for y, value, note in zip(rows, values, notes, strict=True):
            ax.text(value + top * 0.01, y, note, va="center", fontsize=8)
        ax.set_yticks(list(rows), list(names))
        ax.set_xlim(0, top * 1.35)
        ax.set_xlabel(xlabel)
        _formatter(ax.xaxis, ticks)

    return svg_of(chart_id, (8, 0.38 * len(names) + 1.0), draw)


def funding_line_chart(
    chart_id: str,
    ranks: Sequence[int],
    before: Sequence[float],
    grants: Sequence[float],
    outcomes: Sequence[str],
    pot: float | None,
    *,
    legend: dict[str, str],
    xlabel: str,
    ylabel: str,
    ticks: Callable[[float], str] = lambda v: f"{v:g}",
) -> str:
    """The funding line: each ranked grant drawn from the money granted before it, and the pot.

    Parameters
    ----------
    chart_id : str
        The chart's id (see `svg_of()`).
    ranks : sequence of int
        The ranks, best first.
    before : sequence of float
        The money granted to better-ranked applications (where each bar starts).
    grants : sequence of float
        Each application's grant (the bar's height).
    outcomes : sequence of str
        ``funded``, ``partial`` or ``not_funded``: the bar's colour.
    pot : float or None
        The pot (a dashed line), when the call has one.
    legend : dict of str to str
        The words of the legend: ``funded``, ``partial``, ``not_funded`` and ``pot``.
    xlabel, ylabel : str
        The axes' labels.
    ticks : callable, optional
        Writes a value of the money axis.

    Returns
    -------
    str
        The chart as an ``<svg>`` element.

    Examples
    --------
    >>> words = {"funded": "funded", "partial": "partial", "not_funded": "not funded", "pot": "pot"}
    >>> svg = funding_line_chart("f", [1, 2], [0, 6], [6, 5], ["funded", "not_funded"], 10,
    ...                          legend=words, xlabel="rank", ylabel="money")
    >>> ">not funded<" in svg
    True

    See Also
    --------
    civicgrants.scoring.decide : the ranks and grants.
    """

    def draw(figure: Figure) -> None:
        ax: Axes = figure.add_subplot()
        # Both limits are set below, so no bar needs to widen the data limits: add_artist adds
        # a patch as add_patch does, less that measurement (most of bar()'s time for a round
        # of a thousand ranked applications). The output is the same.
        ax.add_patch = ax.add_artist  # type: ignore[method-assign,assignment]
        for outcome in ("funded", "partial", "not_funded"):
            bars = [
                (rank, start, grant)
                for rank, start, grant, kind in zip(ranks, before, grants, outcomes, strict=True)
                if kind == outcome
            ]
            if not bars:
                continue
            filled = outcome != "not_funded"
            ax.bar(
                [b[0] for b in bars],
                [b[2] for b in bars],
                bottom=[b[1] for b in bars],
                width=0.8,
                color=COLOURS[outcome] if filled else "none",
                edgecolor=COLOURS[outcome] if filled else "#7f7f7f",
                linewidth=0.8,
                label=legend[outcome],
            )
        del ax.add_patch  # the limits below are set explicitly; nothing else reads the data's
        if pot is not None:
            ax.axhline(
                pot, color=COLOURS["pot"], linestyle="--", linewidth=1.2, label=legend["pot"]
            )
        ax.set_xlim(0.3, (max(ranks, default=0) or 1) + 0.7)
        ax.set_ylim(
            0, max([pot or 0, *(b + g for b, g in zip(before, grants, strict=True))]) * 1.05 or 1
        )
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        _formatter(ax.yaxis, ticks)
        ax.grid(axis="y", linewidth=0.3, alpha=0.6)
        ax.legend(loc="lower right")

    return svg_of(chart_id, (8, 4), draw)


def stacked_chart(
    chart_id: str,
    names: Sequence[str],
    parts: Sequence[str],
    values: Sequence[Sequence[float]],
    *,
    xlabel: str,
    ticks: Callable[[float], str] = lambda v: f"{v:g}",
) -> str:
    """Horizontal stacked bars: one bar per name, one segment per part (money by source).

    Parameters
    ----------
    chart_id : str
        The chart's id (see `svg_of()`).
    names : sequence of str
        The bars' names, top first.
    parts : sequence of str
        The segments' names (the legend), in stacking order.
    values : sequence of sequence of float
        ``values[i][j]``: bar ``i``'s segment ``j``.
    xlabel : str
        The axis's label.
    ticks : callable, optional
        Writes a tick's value.

    Returns
    -------
    str
        The chart as an ``<svg>`` element.

    Examples
    --------
    >>> svg = stacked_chart("s", ["asked"], ["grant", "own"], [[3, 1]], xlabel="money")
    >>> ">own<" in svg
    True

    See Also
    --------
    bar_chart : bars of one part.
    """
    colours = COLOURS["sources"].split()

    def draw(figure: Figure) -> None:
        ax = figure.add_subplot()
        rows = list(range(len(names) - 1, -1, -1))
        left = [0.0] * len(names)
        for j, part in enumerate(parts):
            widths = [row[j] for row in values]
            colour = colours[j % len(colours)]
            ax.barh(rows, widths, left=left, height=0.6, color=colour, label=part)
            left = [a + b for a, b in zip(left, widths, strict=True)]
        ax.set_yticks(rows, list(names))
        ax.set_xlim(0, max(left, default=0) * 1.05 or 1)
        ax.set_xlabel(xlabel)
        _formatter(ax.xaxis, ticks)
        ax.grid(axis="x", linewidth=0.3, alpha=0.6)
        figure.legend(loc="outside lower center", ncols=min(len(parts), 4))

    return svg_of(chart_id, (8, 0.55 * len(names) + 1.6), draw)


@attrs.frozen
class GanttRow:
    """One row of a Gantt chart: a step over programme weeks.

    Attributes
    ----------
    name : str
        The row's label.
    first_week, last_week : int
        The step's first and last programme week (1-based, inclusive).
    critical : bool
        On the critical path (drawn red, else grey).
    days : tuple of float
        Training days, as fractional weeks from the plan's start (drawn orange).

    Examples
    --------
    >>> GanttRow("1 Partnership", 1, 1, True).last_week
    1

    See Also
    --------
    gantt_chart : draws the rows.
    """

    name: str
    first_week: int
    last_week: int
    critical: bool
    days: tuple[float, ...] = ()


def gantt_chart(
    chart_id: str,
    rows: Sequence[GanttRow],
    weeks: int,
    holidays: Sequence[float],
    *,
    xlabel: str,
    ticks: Callable[[float], str] = lambda v: f"{v:g}",
) -> str:
    """A Gantt chart of a plan: steps by programme week, training days, public holidays.

    Parameters
    ----------
    chart_id : str
        The chart's id (see `svg_of()`).
    rows : sequence of GanttRow
        The steps, top first.
    weeks : int
        The plan's length in weeks.
    holidays : sequence of float
        Public holidays, as fractional weeks from the start (blue lines).
    xlabel : str
        The axis's label.
    ticks : callable, optional
        Writes a week's number.

    Returns
    -------
    str
        The chart as an ``<svg>`` element.

    Examples
    --------
    >>> svg = gantt_chart("g", [GanttRow("1", 1, 2, True, (0.2,))], 4, [1.5], xlabel="week")
    >>> svg.count("<path") > 3
    True

    See Also
    --------
    civicgrants.schedule.plan : the plan drawn.
    civicgrants.io.schedule.save_gantt : the same plan as a picture file.
    """

    def draw(figure: Figure) -> None:
        ax = figure.add_subplot()
        n = len(rows)
        for i, row in enumerate(rows):
            y = n - 1 - i
            colour = COLOURS["critical"] if row.critical else COLOURS["slack"]
            span = (row.first_week - 1, row.last_week - row.first_week + 1)
            ax.broken_barh([span], (y - 0.35, 0.7), color=colour)
            if row.days:
                ax.broken_barh([(d, 1 / 7) for d in row.days], (y - 0.35, 0.7),
                               color=COLOURS["training"])  # fmt: skip
        for h in holidays:
            ax.axvline(h, color=COLOURS["holiday"], linewidth=0.6, alpha=0.7)
        ax.set_yticks(list(range(n - 1, -1, -1)), [r.name for r in rows])
        ax.set_xlim(0, max(weeks, 1))
        step = 2 if weeks <= 40 else 4
        ax.set_xticks(list(range(0, weeks + 1, step)))
        _formatter(ax.xaxis, ticks)
        ax.set_xlabel(xlabel)
        ax.grid(axis="x", linewidth=0.3, alpha=0.5)

    return svg_of(chart_id, (9, 0.42 * len(rows) + 1.2), draw)


def percent_chart(
    chart_id: str,
    names: Sequence[str],
    values: Sequence[float],
    met: Sequence[bool],
    notes: Sequence[str],
    *,
    xlabel: str,
    ticks: Callable[[float], str] = lambda v: f"{v:g}",
) -> str:
    """Achievement against targets: one bar per indicator, in percent of its plan, a line at 100.

    Parameters
    ----------
    chart_id : str
        The chart's id (see `svg_of()`).
    names : sequence of str
        The bars' names, top first.
    values : sequence of float
        Achieved, in percent of the plan.
    met : sequence of bool
        Whether each target is met (green, else orange).
    notes : sequence of str
        The text after each bar (the percentage as the reader writes it).
    xlabel : str
        The axis's label.
    ticks : callable, optional
        Writes a tick's value.

    Returns
    -------
    str
        The chart as an ``<svg>`` element.

    Examples
    --------
    >>> svg = percent_chart("p", ["SYN-01"], [108.6], [True], ["108.6 %"], xlabel="%")
    >>> ">108.6 %<" in svg
    True

    See Also
    --------
    civicgrants.dossier.report.FinalReport : the rows the values come from.
    """

    def draw(figure: Figure) -> None:
        ax = figure.add_subplot()
        rows = list(range(len(names) - 1, -1, -1))
        colours = [COLOURS["met"] if m else COLOURS["missed"] for m in met]
        ax.barh(rows, list(values), color=colours, height=0.65)
        top = max([100.0, *values])
        for y, value, note in zip(rows, values, notes, strict=True):
            ax.text(value + top * 0.01, y, note, va="center", fontsize=8)
        ax.axvline(100, color="#333333", linestyle="--", linewidth=1)
        ax.set_yticks(rows, list(names))
        ax.set_xlim(0, top * 1.2)
        ax.set_xlabel(xlabel)
        _formatter(ax.xaxis, ticks)

    return svg_of(chart_id, (8, 0.3 * len(names) + 1.1), draw)
