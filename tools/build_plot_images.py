"""Draw the plots the notebooks page shows, with civicgrants.io.plot, into docs/img as PNG.

python tools/build_plot_images.py

Each plot is drawn on a bare ``matplotlib.figure.Figure`` (no pyplot, the backend is never
changed) with fixed settings and saved without metadata, so a second run writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from civicgrants.datasets import seed_001_budget
from civicgrants.datasets.demo import demo_election
from civicgrants.datasets.synthetic_round import synthetic_round
from civicgrants.indicators.model import Record
from civicgrants.indicators.rollup import guess_definitions, rollup
from civicgrants.io import plot
from civicgrants.pb.counting import run_rule
from civicgrants.schedule import plan, public_spaces_methodology
from civicgrants.scoring import decide, fit_call, funding_zone

DOCS = Path(__file__).resolve().parents[1] / "docs" / "img"
RC = {"font.size": 9, "svg.hashsalt": "civicgrants", "path.simplify": True}

RECORDS = [
    Record(
        indicator="participants", period="2021", stage="I", project="p1", actual=120, target=100
    ),
    Record(
        indicator="participants", period="2021", stage="II", project="p2", actual=70, target=100
    ),
    Record(indicator="volunteers", period="2021", stage="I", project="p1", actual=18, target=20),
]
"""Illustrative indicator records with targets (the shipped programme publishes no targets)."""


def save(name: str, size: tuple[float, float], draw: Callable[[Axes], Axes]) -> Path:
    """Draw on a new figure's Axes and save it as docs/img/<name>.png without metadata."""
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=size, layout="constrained")
        draw(figure.add_subplot())
        path = DOCS / f"{name}.png"
        figure.savefig(path, format="png", dpi=80, metadata={"Software": None})
    print(path)
    return path


def main() -> None:
    call, sheet = synthetic_round()
    election = demo_election()
    save("plot-funding-line", (8, 4), lambda ax: plot.funding_line(decide(call, sheet), ax=ax))
    zone = funding_zone(fit_call(call, sheet), fundable=18)
    save("plot-rank-intervals", (7, 9), lambda ax: plot.rank_intervals(zone, ax=ax))
    season = plan(public_spaces_methodology(), dt.date(2021, 2, 1))
    save("plot-gantt", (10, 7), lambda ax: plot.gantt(season, ax=ax))
    save(
        "plot-budget-sources",
        (7, 2.5),
        lambda ax: plot.budget_totals(seed_001_budget(), by="source", ax=ax),
    )
    rolled = rollup(RECORDS, guess_definitions(RECORDS), by=("stage",))
    save("plot-achievement", (7, 2.5), lambda ax: plot.achievement(rolled, ax=ax))
    save(
        "plot-selections",
        (8, 4),
        lambda ax: plot.selections(
            election,
            run_rule(election, "greedy"),
            run_rule(election, "mes"),
            labels=["greedy", "equal shares"],
            ax=ax,
        ),
    )


if __name__ == "__main__":
    main()
