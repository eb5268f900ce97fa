"""Text and JSON views of the schedule results (see `civicgrants.io.render`).

* `Plan` — ``civicgrants schedule``: a Gantt chart
  (`civicgrants.io.schedule.text_gantt()`) or the plan's JSON object
  (`civicgrants.io.schedule.plan_data()`);
* `Season` — ``civicgrants schedule --localities``:
  `civicgrants.io.schedule.season_text()` or
  `civicgrants.io.schedule.season_data()`.

iCalendar stays a separate export: `civicgrants.io.schedule.to_ics()` and
`civicgrants.io.schedule.season_ics()`.

Examples
--------
>>> import datetime as dt
>>> from civicgrants.io.render import render
>>> from civicgrants.schedule import plan, public_spaces_methodology
>>> p = plan(public_spaces_methodology(), dt.date(2021, 2, 1))
>>> print(render(p, "text").splitlines()[0])
Qoğamdyq Keñıstıkter methodology: 2021-02-01 – 2021-10-24 (38 weeks)
"""

from __future__ import annotations

from civicgrants.io.render import data_view, dump_json, text_view
from civicgrants.io.schedule import plan_data, season_data, season_text, text_gantt
from civicgrants.schedule.plan import Plan
from civicgrants.schedule.season import Season

__all__ = ["json_of_plan", "json_of_season", "text_of_plan", "text_of_season"]


@text_view(Plan)
def text_of_plan(plan: Plan, lang: str) -> str:
    """Write a plan as a Gantt chart with its trainings, holidays and moves.

    Parameters
    ----------
    plan : Plan
        The result of `civicgrants.schedule.plan()`.
    lang : str
        The language of the names and dates.

    Returns
    -------
    str
        The text, ending with a newline.

    Examples
    --------
    >>> import datetime as dt
    >>> from civicgrants.schedule import plan, public_spaces_methodology
    >>> p = plan(public_spaces_methodology(), dt.date(2021, 2, 1))
    >>> print(text_of_plan(p, "ru").splitlines()[-18])
      3.1   Установочный семинар «Мобилизация сообщества»: 22 февр., 23 февр., 14 ч

    See Also
    --------
    civicgrants.io.schedule.text_gantt : the same, with a chosen name width.
    json_of_plan : the plan as JSON.
    civicgrants.io.render.render : picks this view for a plan.
    """
    return text_gantt(plan, lang=lang)


@data_view(Plan)
def json_of_plan(plan: Plan) -> str:
    """Write a plan as JSON: start, end, steps, holidays, moves and delays.

    Parameters
    ----------
    plan : Plan
        The result of `civicgrants.schedule.plan()`.

    Returns
    -------
    str
        The JSON object of `civicgrants.io.schedule.plan_data()`.

    Examples
    --------
    >>> import datetime as dt, json
    >>> from civicgrants.schedule import plan, public_spaces_methodology
    >>> json.loads(json_of_plan(plan(public_spaces_methodology(), dt.date(2021, 2, 1))))["end"]
    '2021-10-24'

    See Also
    --------
    civicgrants.io.schedule.plan_data : the object before it becomes text.
    text_of_plan : the plan as a Gantt chart.
    civicgrants.io.render.render : picks this view for a plan.
    """
    return dump_json(plan_data(plan))


@text_view(Season)
def text_of_season(season: Season, lang: str) -> str:
    """Write a season: trainings per locality, moves, the project group's visits, findings.

    Parameters
    ----------
    season : Season
        The result of `civicgrants.schedule.plan_season()`.
    lang : str
        The language of the dates.

    Returns
    -------
    str
        The text of `civicgrants.io.schedule.season_text()`.

    Examples
    --------
    >>> import datetime as dt
    >>> from civicgrants.schedule import SeasonLocality, Trainer, plan_season
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> season = plan_season(
    ...     public_spaces_methodology(),
    ...     [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("kulsary", "maikomgen")],
    ...     trainers=[Trainer("t1")],
    ... )
    >>> print(text_of_season(season, "en").splitlines()[0])
    Season: 2 localities, 1 trainers

    See Also
    --------
    civicgrants.io.schedule.season_text : the text itself.
    json_of_season : the season as JSON.
    civicgrants.io.render.render : picks this view for a season.
    """
    return season_text(season, lang=lang)


@data_view(Season)
def json_of_season(season: Season) -> str:
    """Write a season as JSON: localities with their trainings, moves, visits and findings.

    Parameters
    ----------
    season : Season
        The result of `civicgrants.schedule.plan_season()`.

    Returns
    -------
    str
        The JSON object of `civicgrants.io.schedule.season_data()`.

    Examples
    --------
    >>> import datetime as dt
    >>> from civicgrants.schedule import SeasonLocality, Trainer, plan_season
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> season = plan_season(
    ...     public_spaces_methodology(),
    ...     [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("kulsary", "maikomgen")],
    ...     trainers=[Trainer("t1")],
    ... )
    >>> import json
    >>> [x["locality"] for x in json.loads(json_of_season(season))["localities"]]
    ['kulsary', 'maikomgen']

    See Also
    --------
    civicgrants.io.schedule.season_data : the object before it becomes text.
    text_of_season : the season as text.
    civicgrants.io.render.render : picks this view for a season.
    """
    return dump_json(season_data(season))
