"""The plots return Axes with something drawn, and never change matplotlib's backend."""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Callable, Iterator

import matplotlib
import pytest
from matplotlib.axes import Axes

from civicgrants.io import plot

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "civicgrants"


def _calls() -> list[tuple[str, Callable[[], Axes]]]:
    from civicgrants.datasets import seed_001_budget
    from civicgrants.datasets.demo import demo_election
    from civicgrants.datasets.synthetic_round import synthetic_round
    from civicgrants.indicators.model import Record
    from civicgrants.indicators.rollup import guess_definitions, rollup
    from civicgrants.pb.counting import run_rule
    from civicgrants.schedule import (
        SeasonLocality,
        Trainer,
        plan,
        plan_season,
        public_spaces_methodology,
    )
    from civicgrants.scoring import decide, fit_uncertainty, funding_zone, member_grades

    call, sheet = synthetic_round()
    election = demo_election()
    records = [
        Record(indicator="people", period="2021", stage="I", project="p1", actual=30, target=40),
        Record(indicator="people", period="2021", stage="II", project="p2", actual=50, target=40),
    ]
    season = plan(public_spaces_methodology(), dt.date(2021, 2, 1))
    many = plan_season(
        public_spaces_methodology(),
        [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("a", "b", "c")],
        trainers=[Trainer("t1")],
    )
    return [
        ("funding_line", lambda: plot.funding_line(decide(call, sheet))),
        ("gantt", lambda: plot.gantt(season)),
        ("season_gantt", lambda: plot.season_gantt(many)),
        ("budget_by_section", lambda: plot.budget_totals(seed_001_budget())),
        ("budget_by_source", lambda: plot.budget_totals(seed_001_budget(), by="source")),
        ("achievement", lambda: plot.achievement(rollup(records, guess_definitions(records)))),
        (
            "rank_intervals",
            lambda: plot.rank_intervals(
                funding_zone(
                    fit_uncertainty(member_grades(call, sheet), seed=1, draws=200, burn_in=50),
                    fundable=18,
                )
            ),
        ),
        (
            "selections",
            lambda: plot.selections(
                election, run_rule(election, "greedy"), run_rule(election, "mes")
            ),
        ),
    ]


@pytest.fixture
def svg_backend() -> Iterator[None]:
    before = matplotlib.get_backend()
    matplotlib.use("svg")
    yield
    matplotlib.use(before)


def test_every_plot_function_is_tested() -> None:
    names = {name.removeprefix("budget_by_") for name, _ in _calls()}
    assert set(plot.__all__) - {"COLOURS", "budget_totals"} <= names


@pytest.mark.usefixtures("svg_backend")
def test_each_plot_returns_axes_with_artists_and_keeps_the_backend(
    tmp_path: pathlib.Path,
) -> None:
    import matplotlib.pyplot as plt

    from civicgrants.io.schedule import save_gantt
    from civicgrants.schedule import plan, public_spaces_methodology

    for name, draw in _calls():
        ax = draw()
        assert isinstance(ax, Axes), name
        drawn = ax.patches + ax.lines + ax.collections
        assert len(drawn) > 0, name
        assert matplotlib.get_backend() == "svg", name
        plt.close(ax.figure)
    target = save_gantt(plan(public_spaces_methodology(), dt.date(2021, 2, 1)), tmp_path / "g.svg")
    assert target.read_text().startswith("<?xml")
    assert matplotlib.get_backend() == "svg"


def test_a_given_axes_is_drawn_on() -> None:
    from matplotlib.figure import Figure

    from civicgrants.datasets import seed_001_budget

    fig = Figure()
    left, right = fig.subplots(1, 2)
    assert plot.budget_totals(seed_001_budget(), ax=right) is right
    assert right.patches and not left.patches


def test_budget_totals_refuses_an_unknown_grouping() -> None:
    from civicgrants.datasets import seed_001_budget

    with pytest.raises(ValueError, match="by must be"):
        plot.budget_totals(seed_001_budget(), by="colour")


def test_no_module_changes_the_backend() -> None:
    offenders = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if "matplotlib.use(" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_a_season_gantt_has_a_row_per_locality_up_to_its_rows() -> None:
    import matplotlib.pyplot as plt

    from civicgrants.io.schedule import save_season_gantt
    from civicgrants.schedule import SeasonLocality, Trainer, plan_season, public_spaces_methodology

    season = plan_season(
        public_spaces_methodology(),
        [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("a", "b", "c")],
        trainers=[Trainer("t1")],
    )
    ax = plot.season_gantt(season, rows=2)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["a (10)", "b (10)"] and "(1 more not shown)" in ax.get_title()
    plt.close(ax.figure)
    with pytest.raises(ValueError, match="rows: must be a whole number >= 1"):
        plot.season_gantt(season, rows=0)
    empty = plan_season(public_spaces_methodology(), [], trainers=[Trainer("t1")])
    ax = plot.season_gantt(empty)
    assert ax.get_title() == "an empty season"
    plt.close(ax.figure)
    with pytest.raises(ValueError, match=r"must end in \.svg or \.png"):
        save_season_gantt(season, "season.gif")
