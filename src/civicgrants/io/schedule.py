"""Plans out: the canonical JSON object, a text Gantt chart, iCalendar, and a picture.

* `plan_data()` — the JSON object ``civicgrants schedule --format json`` prints;
* `text_gantt()` — a Gantt chart for the terminal;
* `to_ics()` — an iCalendar file for calendar apps (needs the ``ics`` extra);
* `save_gantt()` — a Gantt chart as SVG or PNG (needs the ``plot`` extra).

All four are deterministic: the same plan gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import io as _io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from civicgrants.errors import DocumentError, MissingExtra, Problem
from civicgrants.io.csv_table import read_table
from civicgrants.io.files import read_text
from civicgrants.io.findings import findings_data
from civicgrants.io.fmt import date, day_month
from civicgrants.io.labels import N_, base_language, ntr, tr
from civicgrants.io.table import table
from civicgrants.model.limits import date_problem
from civicgrants.schedule.calendar import Holiday
from civicgrants.schedule.plan import Move, MoveReason, Plan
from civicgrants.schedule.season import Season, SeasonLocality

__all__ = [
    "HOLIDAY_NAMES",
    "holiday_name",
    "move_text",
    "plan_data",
    "read_localities",
    "reason_line",
    "save_gantt",
    "save_season_gantt",
    "season_data",
    "season_ics",
    "season_text",
    "text_gantt",
    "to_ics",
]


# the words of the text Gantt chart (msgids of the catalogs, civicgrants.io.labels)
_WEEKS = N_("{n} weeks")
_WEEK = N_("week")
_HOLIDAYS = N_("holidays")
_CRITICAL = N_("critical path")
_SLACK = N_("has slack")
_HOLIDAY_WEEK = N_("week with a public holiday")
_HOURS = N_("h")
_WHY = N_("why")

HOLIDAY_NAMES = (
    N_("Capital Day"),
    N_("Constitution Day"),
    N_("Defender of the Fatherland Day"),
    N_("Eid al-Adha"),
    N_("First President Day"),
    N_("Independence Day"),
    N_("International Women's Day"),
    N_("Kazakhstan's People Solidarity Holiday"),
    N_("New Year's Day"),
    N_("Nowruz Holiday"),
    N_("Orthodox Christmas"),
    N_("Republic Day"),
    N_("Victory Day"),
    N_("observed"),
    N_("estimated"),
)
"""The English names (``en_US``) of the ``holidays`` package for Kazakhstan, and its two
suffixes: the package has no Russian, so the catalogs translate them (`holiday_name()`)."""


def plan_data(plan: Plan) -> dict[str, Any]:
    """The plan as a JSON object: start, end, steps, holidays and moves.

    Parameters
    ----------
    plan : Plan
        The result of `civicgrants.schedule.plan()`.

    Returns
    -------
    dict
        ``start``, ``end`` (ISO dates), ``weeks``, ``methodology`` (its id),
        ``steps`` (each with its weeks, dates, training ``days``, ``critical``,
        ``slack_weeks``, ``slack_days``, ``absorbed_days`` and ``blocks``), ``critical_path``, ``holidays``,
        ``moved`` and ``delays``; only JSON types, so ``json.dumps`` takes it.

    Examples
    --------
    >>> from civicgrants.schedule import plan, public_spaces_methodology
    >>> data = plan_data(plan(public_spaces_methodology(), dt.date(2021, 2, 1)))
    >>> data["end"], data["steps"][3]["key"], data["steps"][3]["days"][:2]
    ('2021-10-24', '3', ['2021-02-22', '2021-02-23'])
    >>> data["critical_path"], data["holidays"][0]
    (['6', '7'], {'date': '2021-03-08', 'name': "International Women's Day"})

    See Also
    --------
    text_gantt : the plan for the terminal.
    to_ics : the plan as iCalendar.
    season_data : the same for a season.
    civicgrants.io.views.schedule.json_of_plan : this object as JSON text.
    """
    return {
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "weeks": plan.weeks,
        "methodology": plan.methodology.id,
        "steps": [
            {
                "key": s.key,
                "name": plan.methodology.step(s.key).names.get("en"),
                "first_week": s.first_week,
                "last_week": s.last_week,
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "days": [d.isoformat() for d in s.days],
                "critical": s.critical,
                "slack_weeks": s.slack_weeks,
                "slack_days": s.slack_days,
                "absorbed_days": s.absorbed_days,
                "blocks": [
                    {
                        "key": b.key,
                        "first_week": b.first_week,
                        "last_week": b.last_week,
                        "start": b.start.isoformat(),
                        "end": b.end.isoformat(),
                        "days": [d.isoformat() for d in b.days],
                    }
                    for b in s.blocks
                ],
            }
            for s in plan.steps
        ],
        "critical_path": list(plan.critical_path),
        "holidays": [{"date": h.date.isoformat(), "name": h.name} for h in plan.holidays],
        "moved": [{"what": m.what, "from": m.from_, "to": m.to, "why": m.why} for m in plan.moved],
        "delays": [{"step": d.step, "days": d.days, "weeks": d.weeks} for d in plan.delays],
    }


def text_gantt(plan: Plan, *, lang: str = "en", width_names: int = 34) -> str:
    """A Gantt chart for the terminal: one column per programme week.

    ``█`` marks a critical step's weeks, ``▒`` a step with slack, ``!`` a week
    with a public holiday. Trainings are listed with their dates, then the
    holidays and everything the plan moved.

    Parameters
    ----------
    plan : Plan
        The result of `civicgrants.schedule.plan()`.
    lang : str
        The language of the names and dates: ``"en"`` (the default), ``"ru"`` or ``"kk"``.
    width_names : int
        The width of the step-name column; longer names are cut with ``…``.

    Returns
    -------
    str
        The chart, ending with a newline.

    Examples
    --------
    >>> from civicgrants.schedule import plan, public_spaces_methodology
    >>> print(text_gantt(plan(public_spaces_methodology(), dt.date(2021, 2, 1))).splitlines()[3])
      1     Building a partnership with local…  ▒
    >>> chart = text_gantt(plan(public_spaces_methodology(), dt.date(2021, 2, 1)), width_names=12)
    >>> for line in chart.splitlines()[5:7]:
    ...     print(line)
      team  Forming tea…   ▒▒
      3     Trainings a…     ▒

    See Also
    --------
    save_gantt : the chart as SVG or PNG.
    plan_data : the plan as a JSON object.
    civicgrants.io.views.schedule.text_of_plan : the view ``civicgrants schedule`` prints.
    """
    weeks = plan.weeks
    holiday_weeks = {w for h in plan.holidays if (w := plan.week_of(h.date)) is not None}
    lines = [
        f"{plan.methodology.names.get(lang)}: {plan.start.isoformat()} – {plan.end.isoformat()} "
        f"({tr(_WEEKS, lang).format(n=weeks)})",
        "",
    ]
    marks = [" "] * weeks
    for w in [1, *range(10, weeks + 1, 10)]:
        label = str(w)
        if w - 1 + len(label) <= weeks:
            marks[w - 1 : w - 1 + len(label)] = list(label)
    ruler = "".join(marks)
    lines.append(f"  {'':5} {tr(_WEEK, lang):<{width_names}}  {ruler}")
    for s in plan.steps:
        step = plan.methodology.step(s.key)
        name = step.names.get(lang)
        if len(name) > width_names:
            name = name[: width_names - 1] + "…"
        mark = "█" if s.critical else "▒"
        bar = "".join(
            mark if s.first_week <= w <= s.last_week else " " for w in range(1, weeks + 1)
        )
        lines.append(f"  {s.key:<5} {name:<{width_names}}  {bar.rstrip()}")
    holiday_bar = "".join("!" if w in holiday_weeks else " " for w in range(1, weeks + 1))
    lines.append(f"  {'':5} {tr(_HOLIDAYS, lang):<{width_names}}  {holiday_bar.rstrip()}")
    lines.append("")
    lines.append(f"  █ {tr(_CRITICAL, lang)}   ▒ {tr(_SLACK, lang)}   ! {tr(_HOLIDAY_WEEK, lang)}")
    lines.append(f"  {tr(_CRITICAL, lang)}: {' → '.join(plan.critical_path)}")
    trainings = [(s, b) for s in plan.steps for b in s.blocks if b.days]
    if trainings:
        lines.append("")
        lines.append(tr("Trainings", lang))
        for _s, b in trainings:
            sub = next(x for st in plan.methodology.steps for x in st.substeps if x.key == b.key)
            days = ", ".join(day_month(d, lang) for d in b.days)
            hours = f", {sub.hours} {tr(_HOURS, lang)}" if sub.hours else ""
            lines.append(f"  {b.key:<5} {sub.names.get(lang)}: {days}{hours}")
    if plan.holidays:
        lines.append("")
        lines.append(tr("Public holidays in the plan", lang))
        for h in plan.holidays:
            lines.append(
                f"  {h.date.isoformat()} {date(h.date, lang, form='EEE')}  {tr(_WEEK, lang)}"
                f" {plan.week_of(h.date):>2}  {holiday_name(h, lang)}"
            )
    if plan.moved:
        lines.append("")
        lines.append(tr("Moved", lang))
        for m in plan.moved:
            what, from_, to = (move_text(x, lang) for x in (m.what, m.from_, m.to))
            lines.append(f"  {what}: {from_} → {to}")
            lines.append(f"      {tr(_WHY, lang)}: {move_text(m.why, lang)}")
    return "\n".join(lines) + "\n"


_SUBSTITUTED = re.compile(r"Day off \(substituted from (\d\d)/(\d\d)/(\d{4})\)")
_SUFFIXES = (" (observed)", " (estimated)")


@functools.cache
def _package_names(country: str, year: int, language: str) -> dict[dt.date, str]:
    import holidays

    table = holidays.country_holidays(country, years=year, language=language)
    return {d: str(n) for d, n in table.items()}


def holiday_name(holiday: Holiday, lang: str, *, country: str = "KZ") -> str:
    """A public holiday's name in ``lang``.

    Kazakh names come from the ``holidays`` package itself (it has ``kk`` and
    ``en_US`` for Kazakhstan); it has no Russian, so Russian names come from
    civicgrants' catalog, where each such entry says so. A name the package did
    not give (a holiday added by hand) is kept as it is.

    Parameters
    ----------
    holiday : Holiday
        The holiday, as a plan lists it.
    lang : str
        ``en``, ``ru`` or ``kk``.
    country : str
        The ``holidays`` country code of the calendar (``KZ``).

    Returns
    -------
    str
        The name.

    Examples
    --------
    >>> from civicgrants.schedule.calendar import Holiday
    >>> h = Holiday(dt.date(2021, 3, 22), "Nowruz Holiday")
    >>> print(holiday_name(h, "kk"), "|", holiday_name(h, "ru"), "|", holiday_name(h, "en"))
    Наурыз мейрамы | Наурыз мейрамы | Nowruz Holiday
    >>> print(holiday_name(Holiday(dt.date(2021, 5, 10), "Victory Day (observed)"), "ru"))
    День Победы (перенесённый выходной)
    >>> print(holiday_name(Holiday(dt.date(2021, 7, 5), "Day off (substituted from 07/03/2021)"), "ru"))
    Выходной день (перенесён с 03.07.2021)

    See Also
    --------
    text_gantt : lists the plan's holidays by these names.
    civicgrants.io.labels.tr : the Russian names' catalog.
    """
    base = base_language(lang)
    if base == "en":
        return holiday.name
    try:
        english = _package_names(country, holiday.date.year, "en_US").get(holiday.date)
    except NotImplementedError:  # pragma: no cover - a country without that language
        english = None
    if english != holiday.name:
        return holiday.name
    if base == "kk":
        return _package_names(country, holiday.date.year, "kk").get(holiday.date, holiday.name)
    return "; ".join(_one_holiday(name, base) for name in holiday.name.split("; "))


def _one_holiday(name: str, lang: str) -> str:
    if m := _SUBSTITUTED.fullmatch(name):
        day = dt.date(int(m[3]), int(m[1]), int(m[2]))
        return tr("Day off (substituted from {date})", lang).format(
            date=date(day, lang, form="dd.MM.yyyy")
        )
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            return f"{tr(name.removesuffix(suffix), lang)} ({tr(suffix[2:-1], lang)})"
    return tr(name, lang)


_MOVES = (
    (re.compile(r"step (?P<key>\S+)"), N_("step {key}")),
    (
        re.compile(r"weeks (?P<first>\d+)–(?P<last>\d+) \((?P<dates>[^)]*)\)"),
        N_("weeks {first}–{last} ({dates})"),
    ),
    (re.compile(r"week (?P<week>\d+) \((?P<dates>[^)]*)\)"), N_("week {week} ({dates})")),
    (
        re.compile(r"it follows step '(?P<step>[^']+)', which now ends on (?P<date>[-\d]+)"),
        N_("it follows step '{step}', which now ends on {date}"),
    ),
    (
        re.compile(r"it may not start before (?P<date>[-\d]+) \(not_before\)"),
        N_("it may not start before {date} (not_before)"),
    ),
)
_DAYS = r"(?P<{}>\d+) working days?"
_COUNTED = (  # forms with counts of working days: each count rendered with its plural
    (
        re.compile(
            r"it follows step '(?P<step>[^']+)', which now ends on (?P<date>[-\d]+), "
            rf"after a lag of {_DAYS.format('n')}"
        ),
        N_("it follows step '{step}', which now ends on {date}, after a lag of {n}"),
    ),
    (
        re.compile(
            rf"its day blocks spill {_DAYS.format('n')} past (?P<date>[-\d]+), into week (?P<week>\d+)"
        ),
        N_("its day blocks spill {n} past {date}, into week {week}"),
    ),
    (
        re.compile(
            rf"it starts {_DAYS.format('n')} late and keeps its end \(it absorbs up to {_DAYS.format('most')}\)"
        ),
        N_("it starts {n} late and keeps its end (it absorbs up to {most})"),
    ),
    (
        re.compile(
            rf"it starts {_DAYS.format('n')} late, more than the {_DAYS.format('most')} it absorbs, "
            "so its end moves as much"
        ),
        N_("it starts {n} late, more than the {most} it absorbs, so its end moves as much"),
    ),
    (
        re.compile(
            r"it follows step '(?P<step>[^']+)', which now ends on (?P<date>[-\d]+), "
            rf"with an overlap of {_DAYS.format('n')}"
        ),
        N_("it follows step '{step}', which now ends on {date}, with an overlap of {n}"),
    ),
    (
        re.compile(
            rf"it starts {_DAYS.format('n')} late, after its planned end (?P<date>[-\d]+), "
            "so its end moves as much"
        ),
        N_("it starts {n} late, after its planned end {date}, so its end moves as much"),
    ),
    (re.compile(rf"delayed by {_DAYS.format('n')}"), N_("delayed by {n}")),
)
_DELAYED = re.compile(r"delayed by (?P<n>\d+) weeks?")


def move_text(text: str, lang: str) -> str:
    """A part of a plan's move (what, from, to, why) in ``lang``.

    `civicgrants.schedule.plan()` writes its moves in English, in a few fixed forms;
    each form is a catalog entry, filled with the move's keys, weeks and dates. Text of
    another form is kept as it is.

    Parameters
    ----------
    text : str
        ``Move.what``, ``Move.from_``, ``Move.to`` or ``Move.why``.
    lang : str
        ``en``, ``ru`` or ``kk``.

    Returns
    -------
    str
        The text in ``lang``.

    Examples
    --------
    >>> print(move_text("delayed by 2 weeks", "ru"), "|", move_text("step 4", "kk"))
    перенесено на 2 недели | 4-қадам
    >>> print(move_text("weeks 5–8 (2021-03-01 – 2021-03-28)", "ru"))
    недели 5–8 (2021-03-01 – 2021-03-28)
    >>> print(move_text("it starts 1 working day late and keeps its end (it absorbs up to "
    ...                 "5 working days)", "ru"))
    начинается на 1 рабочий день позже и сохраняет дату окончания (может поглотить до 5 рабочих дней)

    See Also
    --------
    text_gantt : lists a plan's moves.
    """
    if "; " in text:  # a move's reasons, one by one
        return "; ".join(move_text(part, lang) for part in text.split("; "))
    if match := _DELAYED.fullmatch(text):
        n = int(match["n"])
        return ntr("delayed by {n} week", "delayed by {n} weeks", n, lang)
    for pattern, msgid in _MOVES:
        if match := pattern.fullmatch(text):
            return tr(msgid, lang).format(**match.groupdict())
    for pattern, msgid in _COUNTED:
        if match := pattern.fullmatch(text):
            values = dict(match.groupdict())
            for name in ("n", "most"):
                if name in values:
                    values[name] = ntr(
                        "{n} working day", "{n} working days", int(values[name]), lang
                    )
            return tr(msgid, lang).format(**values)
    return text


_REASONS = {
    "follows": N_("it follows {block}, which now ends on {end}"),
    "trainer-busy": N_("trainer {trainer} busy in {where}"),
    "trainer-free": N_("{trainer} is free from {date}"),
    "optimal": N_("the optimal plan gives it to {trainer} from {date}"),
}
_PAST_STEP = N_(
    "it now runs past step {step}'s week {first} ({start} – {end}), and the locality's "
    "later steps follow it"
)
_PAST_STEP_WEEKS = N_(
    "it now runs past step {step}'s weeks {first}–{last} ({start} – {end}), and the "
    "locality's later steps follow it"
)


def reason_line(reason: MoveReason, lang: str) -> str:
    """One reason of a season's move, rendered in ``lang`` from its code and values.

    Parameters
    ----------
    reason : MoveReason
        A reason of ``Move.reasons``.
    lang : str
        ``en``, ``ru`` or ``kk``.

    Returns
    -------
    str
        The reason's text; in ``en`` the same words as ``Move.why``.

    Raises
    ------
    ValueError
        If the reason's code is not one `civicgrants.schedule.MoveReason` lists.

    Examples
    --------
    >>> from civicgrants.schedule import MoveReason
    >>> r = MoveReason("trainer-free", (("trainer", "t1"), ("date", "2021-03-01")))
    >>> print(reason_line(r, "en"), "|", reason_line(r, "ru"))
    t1 is free from 2021-03-01 | t1 свободен с 2021-03-01

    See Also
    --------
    season_text : lists a season's moves with their reasons.
    """
    values = dict(reason.values)
    if reason.code in _REASONS:
        return tr(_REASONS[reason.code], lang).format(**values)
    if reason.code == "trainer-travels":
        n = int(values["n"])
        away = ntr("{n} working day", "{n} working days", n, lang)
        return tr("trainer {trainer} is in {where}, {n} of travel away", lang).format(
            trainer=values["trainer"], where=values["where"], n=away
        )
    if reason.code == "past-step":
        one = values["first"] == values["last"]
        return tr(_PAST_STEP if one else _PAST_STEP_WEEKS, lang).format(**values)
    if reason.code == "trainers-busy":
        parts = [
            tr("{trainer} in {where}", lang).format(trainer=t, where=w) for t, w in reason.busy
        ]
        if int(values["more"]):
            parts.append(tr("and {n} more", lang).format(n=values["more"]))
        text = (
            tr("all {n} trainers covering {region} busy: {list}", lang)
            if values["region"]
            else tr("all {n} trainers busy: {list}", lang)
        )
        return text.format(n=values["n"], region=values["region"], list=", ".join(parts))
    raise ValueError(f"reason: unknown code {reason.code!r}")  # pragma: no cover - a new code


def _season_move(season: Season, move: Move, lang: str) -> tuple[str, str]:
    """A season's move's what and why in ``lang`` (its English text for a move without codes)."""
    if not move.reasons or base_language(lang) == "en":
        return move.what, move.why
    methodology = season.locality(move.locality).plan.methodology
    sub = next(x for st in methodology.steps for x in st.substeps if x.key == move.key)
    what = f"{move.locality} {move.key} ({sub.names.get(lang.split('_')[0])})"
    return what, "; ".join(reason_line(r, lang) for r in move.reasons)


def _icalendar() -> Any:
    try:
        import icalendar
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtra("iCalendar output", "ics") from exc
    return icalendar


def read_localities(
    path: str | Path, default_start: dt.date | None = None
) -> tuple[SeasonLocality, ...]:
    r"""Read a season's localities from CSV: columns ``locality``, ``region``, ``start``.

    ``start`` (YYYY-MM-DD) may be empty, or its column absent, when
    ``default_start`` is given. The text is read as a whole through
    `civicgrants.io.csv_table.read_table()` (``,`` or ``;``, a byte-order
    mark allowed, blank rows skipped): a line break or a U+2028 inside a quoted
    cell stays in its cell, and a quote never closed is an error. Every bad row
    is reported at once, as ``row N.column``, and every error names the file.

    Parameters
    ----------
    path : str or pathlib.Path
        The CSV file (UTF-8), with a header row.
    default_start : datetime.date, optional
        The start of every row whose ``start`` is empty.

    Returns
    -------
    tuple of SeasonLocality
        One per row, in file order.

    Raises
    ------
    DocumentError
        The file cannot be read or is not readable as CSV; it has no rows, an
        unknown or repeated column, or lacks ``locality`` or ``region``; a row
        has more or fewer cells than the header; a start is not a date
        YYYY-MM-DD or lies outside the years of the limits (``first_year`` …
        ``last_year``); a start is empty with no ``default_start``; an id is
        malformed; a locality repeats an earlier row's. Every problem is listed.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from civicgrants.errors import DocumentError
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     csv = Path(folder) / "localities.csv"
    ...     _ = csv.write_text("locality,region,start\nkulsary,atyrau,2021-02-01\nbeyneu,mangistau,\n")
    ...     for loc in read_localities(csv, default_start=dt.date(2021, 3, 1)):
    ...         print(loc.locality, loc.region, loc.start)
    ...     try:
    ...         read_localities(csv)
    ...     except DocumentError as exc:
    ...         print(exc.problems[0])
    ...     _ = csv.write_text("locality,region,start\nkulsary,atyrau,9999-02-01\nkulsary,atyrau,\n")
    ...     try:
    ...         read_localities(csv, default_start=dt.date(2021, 3, 1))
    ...     except DocumentError as exc:
    ...         for problem in exc.problems:
    ...             print(problem)
    kulsary atyrau 2021-02-01
    beyneu mangistau 2021-03-01
    row 3.start: is empty and no --start was given
    row 2.start: 9999-02-01 is after 2200 (the last_year limit; raise it with --limit last_year=N or use_limits(last_year=N))
    row 3.locality: repeats 'kulsary' of row 2

    See Also
    --------
    civicgrants.schedule.plan_season : plans the season of these localities.
    civicgrants.schedule.SeasonLocality : one row.
    """
    source = str(path)
    header, rows, twice = read_table(
        read_text(path), source=source, expected="locality, region and start"
    )
    problems: list[Problem] = [twice] if twice else []
    missing = [c for c in ("locality", "region") if c not in header]
    unknown = [c for c in header if c not in _LOCALITY_COLUMNS]
    if missing:
        problems.append(
            Problem(
                "header",
                f"missing column(s): {', '.join(missing)} (found: {', '.join(map(repr, header))})",
            )
        )
    if unknown:
        problems.append(
            Problem(
                "header",
                f"unknown column(s): {', '.join(map(repr, unknown))} "
                f"(allowed: {', '.join(_LOCALITY_COLUMNS)})",
            )
        )
    if not problems and not rows:
        problems.append(
            Problem("", "no rows: expected a header locality,region,start and one row per locality")
        )
    if problems:
        raise DocumentError(source, problems)
    result: list[SeasonLocality] = []
    seen: dict[str, int] = {}
    for n, row in rows:
        if isinstance(row, Problem):
            problems.append(row)
            continue
        locality = row["locality"].strip()
        if locality in seen:
            problems.append(
                Problem(f"row {n}.locality", f"repeats {locality!r} of row {seen[locality]}")
            )
            continue
        seen[locality] = n
        start = _locality_start(row.get("start", ""), default_start, n, problems)
        if start is None:
            continue
        try:
            result.append(SeasonLocality(locality, start, row["region"].strip()))
        except ValueError as exc:
            column, _, message = str(exc).partition(": ")
            problems.append(Problem(f"row {n}.{column}", message))
    if problems:
        raise DocumentError(source, problems)
    return tuple(result)


_LOCALITY_COLUMNS = ("locality", "region", "start")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _locality_start(
    raw: str, default: dt.date | None, n: int, problems: list[Problem]
) -> dt.date | None:
    """A row's start date, or ``None`` with its problem appended."""
    raw = raw.strip()
    if not raw:
        if default is None:
            problems.append(Problem(f"row {n}.start", "is empty and no --start was given"))
        return default
    try:
        if not _ISO_DATE.fullmatch(raw):
            raise ValueError(raw)
        start = dt.date.fromisoformat(raw)
    except ValueError:
        problems.append(Problem(f"row {n}.start", f"must be a date YYYY-MM-DD, got {raw!r}"))
        return None
    outside = date_problem(start)
    if outside is not None:
        problems.append(Problem(f"row {n}.start", outside))
        return None
    return start


def season_data(season: Season) -> dict[str, Any]:
    """A season as a JSON object: localities with their trainings, moves, visits, findings.

    Parameters
    ----------
    season : Season
        The result of `civicgrants.schedule.plan_season()`.

    Returns
    -------
    dict
        ``end`` (the season's), ``localities`` (each with ``region``,
        ``start``, ``end``, ``float_days``, ``critical_path``, its held
        trainings ``not_before`` and its ``trainings``: key, trainer and
        days), ``moved``, ``visits``, ``findings``, ``bound`` (the lower bound
        on the end and the gaps, or null) and ``travel``; dates as ISO strings,
        only JSON types.

    Examples
    --------
    >>> from civicgrants.schedule import SeasonLocality, Trainer, plan_season
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> season = plan_season(
    ...     public_spaces_methodology(),
    ...     [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("kulsary", "maikomgen")],
    ...     trainers=[Trainer("t1")],
    ... )
    >>> data = season_data(season)
    >>> data["localities"][1]["trainings"][0]
    {'key': '3.1', 'trainer': 't1', 'days': ['2021-03-01', '2021-03-02']}
    >>> data["visits"][0]["week_start"], data["findings"]
    ('2021-02-01', [])

    See Also
    --------
    season_text : the season for the terminal.
    plan_data : the same for one plan.
    civicgrants.io.views.schedule.json_of_season : this object as JSON text.
    """
    return {
        "end": season.end.isoformat() if season.plans else None,
        "localities": [
            {
                "locality": lp.locality,
                "region": lp.region,
                "start": lp.plan.start.isoformat(),
                "end": lp.end.isoformat(),
                "float_days": lp.float_days,
                "critical_path": list(lp.critical_path),
                "not_before": {k: d.isoformat() for k, d in lp.plan.not_before},
                "trainings": [
                    {"key": b.key, "trainer": b.trainer, "days": [d.isoformat() for d in b.days]}
                    for b in lp.blocks
                ],
            }
            for lp in season.plans
        ],
        "moved": [
            {"what": m.what, "from": m.from_, "to": m.to, "why": m.why} for m in season.moved
        ],
        "visits": [
            {
                "region": v.region,
                "week_start": v.week_start.isoformat(),
                "localities": list(v.localities),
                "why": v.why,
            }
            for v in season.visits
        ],
        "findings": findings_data(season.findings),
        "bound": None
        if season.bound is None
        else {
            "method": season.bound.method,
            "lower": season.bound.lower.isoformat(),
            "gap_days": season.bound.gap_days,
            "source": season.bound.source,
            "status": season.bound.status,
            "greedy_end": season.bound.greedy_end.isoformat(),
            "greedy_gap_days": season.bound.greedy_gap_days,
            "kept": season.bound.kept,
        },
        "travel": {
            "within": season.travel.within,
            "between": season.travel.between,
            "pairs": [list(p) for p in season.travel.pairs],
        },
    }


def season_text(season: Season, *, lang: str = "en") -> str:
    """A season for the terminal: trainings per locality, moves, visits and findings.

    Parameters
    ----------
    season : Season
        The season, from `civicgrants.schedule.plan_season()`.
    lang : str
        The language of the dates (``en``, ``ru``, ``kk``).

    Returns
    -------
    str
        The text, ending with a newline.

    Examples
    --------
    >>> from civicgrants.schedule import SeasonLocality, Trainer, plan_season
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> season = plan_season(
    ...     public_spaces_methodology(),
    ...     [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("kulsary", "maikomgen")],
    ...     trainers=[Trainer("t1")],
    ... )
    >>> for line in season_text(season).splitlines()[:6]:
    ...     print(line)
    Season: 2 localities, 1 trainers
    Ends on 2021-10-24; float: the working days a locality can slip before that moves
    Lower bound on the end: 2021-10-22 (no training waiting for a trainer); greedy plan 0 working days after it
      locality   region  start       end         float  trainings (trainer)
      kulsary    atyrau  2021-02-01  2021-10-24  0      3.1 22 Feb–23 Feb (t1); 3.2 24 Feb–26 Feb (t1)
      maikomgen  atyrau  2021-02-01  2021-10-24  0      3.1 1 Mar–2 Mar (t1); 3.2 3 Mar–5 Mar (t1)
    >>> print(season_text(season).splitlines()[-5])
      atyrau       week of 2021-02-01  kulsary, maikomgen

    See Also
    --------
    season_data : the season as a JSON object.
    season_ics : the season as iCalendar.
    text_gantt : one plan for the terminal.
    """
    rows: list[list[object]] = []
    for lp in season.plans:
        trainings = "; ".join(
            f"{b.key} {day_month(b.days[0], lang)}–{day_month(b.days[-1], lang)} ({b.trainer})"
            for b in lp.blocks
        )
        rows.append(
            [
                lp.locality,
                lp.region,
                lp.plan.start.isoformat(),
                lp.end.isoformat(),
                lp.float_days,
                trainings,
            ]
        )
    lines = [
        tr("Season: {localities} localities, {trainers} trainers", lang).format(
            localities=len(season.plans), trainers=len(season.trainers)
        ),
        tr(
            "Ends on {end}; float: the working days a locality can slip before that moves", lang
        ).format(end=season.end.isoformat() if season.plans else "—"),
        *_bound_lines(season, lang),
        table(
            [
                tr(word, lang)
                for word in (
                    N_("locality"),
                    N_("region"),
                    N_("start"),
                    N_("end"),
                    N_("float"),
                    N_("trainings (trainer)"),
                )
            ],
            rows,
        ),
    ]
    if season.moved:
        lines += ["", tr("Moved", lang)]
        for m in season.moved:
            what, why = _season_move(season, m, lang)
            lines += [f"  {what}: {m.from_} → {m.to}", f"      {tr(_WHY, lang)}: {why}"]
    lines += ["", tr("Visits of the project group", lang)]
    for v in season.visits:
        week_of = tr("week of {date}", lang).format(date=v.week_start.isoformat())
        lines.append(f"  {v.region:<12} {week_of}  {', '.join(v.localities)}")
    if season.findings:
        lines += ["", tr("Findings", lang)]
        lines += [f"  {f}" for f in season.findings]
    return "\n".join(lines) + "\n"


_METHODS = {"greedy": N_("greedy"), "optimal": N_("optimal")}
_BOUND_SOURCES = {
    "no-wait": N_("no training waiting for a trainer"),
    "cp-sat": N_("proven by CP-SAT"),
}


def _bound_lines(season: Season, lang: str) -> list[str]:
    """The season's lower bound and gaps, for `season_text()`."""
    b = season.bound
    if b is None:
        return []
    line = tr(
        "Lower bound on the end: {lower} ({source}); {method} plan {gap} after it", lang
    ).format(
        lower=b.lower.isoformat(),
        source=tr(_BOUND_SOURCES[b.source], lang),
        method=tr(_METHODS[b.method], lang),
        gap=ntr("{n} working day", "{n} working days", b.gap_days, lang),
    )
    if b.method == "optimal":
        line += "; " + tr(
            "greedy plan {gap} after it; solver: {status}; kept: {kept}", lang
        ).format(
            gap=ntr("{n} working day", "{n} working days", b.greedy_gap_days, lang),
            status=b.status,
            kept=tr(_METHODS[b.kept], lang),
        )
    return [line]


def season_ics(season: Season, *, lang: str = "en") -> bytes:
    """Every locality's training days and the project group's visits, as iCalendar.

    Each training day is an all-day event (``<locality>: training <key> day
    i/n (<trainer>)``); each visit is an event over its calendar week, with
    its reason as the description. UIDs and time stamps derive from the
    season, so the same season gives the same bytes. Needs
    ``pip install 'civicgrants[ics]'``.

    Parameters
    ----------
    season : Season
        The result of `civicgrants.schedule.plan_season()`.
    lang : str
        Accepted for symmetry with `season_text()`; the events' text is English.

    Returns
    -------
    bytes
        The iCalendar file (RFC 5545).

    Raises
    ------
    MissingExtra
        If the ``icalendar`` package is not installed.

    Examples
    --------
    >>> from civicgrants.schedule import SeasonLocality, Trainer, plan_season
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> season = plan_season(
    ...     public_spaces_methodology(),
    ...     [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("kulsary", "maikomgen")],
    ...     trainers=[Trainer("t1")],
    ... )
    >>> ics = season_ics(season)
    >>> ics.count(b"BEGIN:VEVENT"), b"SUMMARY:kulsary: training 3.1 day 1/2 (t1)" in ics
    (15, True)

    See Also
    --------
    to_ics : one plan as iCalendar.
    season_text : the season for the terminal.
    """
    icalendar = _icalendar()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//civicgrants//season//EN")
    cal.add("version", "2.0")
    stamp = dt.datetime.combine(min(lp.plan.start for lp in season.plans), dt.time(), tzinfo=dt.UTC)
    for lp in season.plans:
        for b in lp.blocks:
            for i, day in enumerate(b.days, 1):
                ev = icalendar.Event()
                ev.add("uid", f"{lp.locality}-{b.key}-day{i}@civicgrants")
                ev.add("dtstamp", stamp)
                ev.add(
                    "summary",
                    f"{lp.locality}: training {b.key} day {i}/{len(b.days)} ({b.trainer})",
                )
                ev.add("dtstart", day)
                ev.add("dtend", day + dt.timedelta(days=1))
                cal.add_component(ev)
    for v in season.visits:
        ev = icalendar.Event()
        ev.add("uid", f"visit-{v.region}-{v.week_start.isoformat()}@civicgrants")
        ev.add("dtstamp", stamp)
        ev.add("summary", f"Project group visit: {v.region} ({', '.join(v.localities)})")
        ev.add("dtstart", v.week_start)
        ev.add("dtend", v.week_start + dt.timedelta(days=7))
        ev.add("description", v.why)
        cal.add_component(ev)
    return bytes(cal.to_ical())


def to_ics(plan: Plan, *, lang: str = "en", name: str | None = None) -> bytes:
    """The plan as an iCalendar file (RFC 5545), via the ``icalendar`` package.

    Each step is an all-day event over its weeks; each training day block is
    an event over its working days. UIDs and time stamps derive from the plan,
    so the same plan gives the same bytes. Needs ``pip install 'civicgrants[ics]'``.

    Parameters
    ----------
    plan : Plan
        The result of `civicgrants.schedule.plan()`.
    lang : str
        The language of the names: ``"en"`` (the default), ``"ru"`` or ``"kk"``.
    name : str, optional
        The calendar's name (``X-WR-CALNAME``); the methodology's name by default.

    Returns
    -------
    bytes
        The iCalendar file (RFC 5545).

    Raises
    ------
    MissingExtra
        If the ``icalendar`` package is not installed.

    Examples
    --------
    >>> from civicgrants.schedule import plan, public_spaces_methodology
    >>> ics = to_ics(plan(public_spaces_methodology(), dt.date(2021, 2, 1)), name="Kulsary 2021")
    >>> ics.count(b"BEGIN:VEVENT"), b"X-WR-CALNAME:Kulsary 2021" in ics
    (13, True)
    >>> print(ics.decode().splitlines()[5])
    SUMMARY:Step 1: Building a partnership with local authorities

    See Also
    --------
    season_ics : a season as iCalendar.
    save_gantt : the plan as a picture.
    text_gantt : the plan for the terminal.
    """
    icalendar = _icalendar()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//civicgrants//schedule//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name or plan.methodology.names.get(lang))
    stamp = dt.datetime.combine(plan.start, dt.time(), tzinfo=dt.UTC)
    uid_base = f"{plan.methodology.id}-{plan.start.isoformat()}"
    one_day = dt.timedelta(days=1)

    def event(uid: str, summary: str, first: dt.date, last: dt.date, text: str) -> None:
        ev = icalendar.Event()
        ev.add("uid", f"{uid_base}-{uid}@civicgrants")
        ev.add("dtstamp", stamp)
        ev.add("summary", summary)
        ev.add("dtstart", first)
        ev.add("dtend", last + one_day)
        ev.add("description", text)
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)

    for s in plan.steps:
        step = plan.methodology.step(s.key)
        label = f"Step {s.key}" if step.numbered else step.key
        weeks = f"week {s.first_week}" if s.weeks == 1 else f"weeks {s.first_week}–{s.last_week}"
        crit = "critical" if s.critical else f"slack {s.slack_days} working days"
        event(
            f"step-{s.key}", f"{label}: {step.names.get(lang)}", s.start, s.end, f"{weeks}; {crit}"
        )
        for b in s.blocks:
            sub = next(x for x in step.substeps if x.key == b.key)
            if b.days:
                for i, day in enumerate(b.days, 1):
                    hours = f", {sub.hours_per_day} h" if sub.hours_per_day else ""
                    event(
                        f"{b.key}-day{i}",
                        f"{b.key} {sub.names.get(lang)} (day {i}/{len(b.days)})",
                        day,
                        day,
                        f"training day {i} of {len(b.days)}{hours}",
                    )
    return bytes(cal.to_ical())


def save_gantt(plan: Plan, path: str | Path, *, lang: str = "en", title: str | None = None) -> Path:
    """Draw the plan as a Gantt chart; the file's suffix picks SVG or PNG.

    Needs ``pip install 'civicgrants[plot]'`` (matplotlib). SVG output is
    byte-for-byte reproducible.

    Critical steps are red, steps with slack grey, training days orange and
    public holidays blue lines; the x axis counts programme weeks.

    Parameters
    ----------
    plan : Plan
        The result of `civicgrants.schedule.plan()`.
    path : str or pathlib.Path
        The file to write; it must end in ``.svg`` or ``.png``.
    lang : str
        The language of the step names: ``"en"`` (the default), ``"ru"`` or ``"kk"``.
    title : str, optional
        The chart's title; the methodology's name and dates by default.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ValueError
        If ``path`` ends in neither ``.svg`` nor ``.png``.
    MissingExtra
        If matplotlib is not installed.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from civicgrants.schedule import plan, public_spaces_methodology
    >>> p = plan(public_spaces_methodology(), dt.date(2021, 2, 1))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     svg = save_gantt(p, Path(folder) / "plan.svg")
    ...     print(svg.name, svg.read_text().startswith("<?xml"))
    plan.svg True

    See Also
    --------
    text_gantt : the chart as text.
    to_ics : the plan as iCalendar.
    """
    from civicgrants.io.plot import gantt  # the plots' imports only when one is drawn

    return _save_chart(
        path,
        (10, 0.45 * len(plan.steps) + 1.6),
        lambda ax: gantt(plan, ax=ax, lang=lang, title=title),
        "red: critical path · grey: has slack · orange: training days · blue: public holidays",
    )


def save_season_gantt(
    season: Season, path: str | Path, *, title: str | None = None, rows: int = 40
) -> Path:
    """Draw a season of many localities as a Gantt chart and save it (needs the ``plot`` extra).

    One row per locality (at most ``rows``, the first by start date then id),
    labelled with its float in working days: steps on its critical path red,
    the others grey, training days orange, its float green up to the season's
    end (dashed). Same input, byte-identical file.

    Parameters
    ----------
    season : Season
        The result of `civicgrants.schedule.plan_season()`.
    path : str or pathlib.Path
        The file to write; it must end in ``.svg`` or ``.png``.
    title : str, optional
        The chart's title; the count of localities and the season's end by default.
    rows : int
        The most localities drawn (40 by default).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ValueError
        If ``path`` ends in neither ``.svg`` nor ``.png``.
    MissingExtra
        If matplotlib is not installed.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from civicgrants.schedule import SeasonLocality, Trainer, plan_season
    >>> from civicgrants.schedule import public_spaces_methodology
    >>> season = plan_season(
    ...     public_spaces_methodology(),
    ...     [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in ("a", "b", "c")],
    ...     trainers=[Trainer("t1")],
    ... )
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     svg = save_season_gantt(season, Path(folder) / "season.svg")
    ...     print(svg.name, svg.read_text().startswith("<?xml"))
    season.svg True

    See Also
    --------
    save_gantt : one locality's plan.
    season_text : the season as text.
    """
    from civicgrants.io.plot import season_gantt  # the plots' imports only when one is drawn

    shown = min(len(season.plans), rows)
    return _save_chart(
        path,
        (10, 0.28 * shown + 1.6),
        lambda ax: season_gantt(season, ax=ax, title=title, rows=rows),
        "red: critical path · grey: has slack · orange: training days · green: float up to "
        "the season's end (dashed) · (n): float in working days",
    )


def _save_chart(
    path: str | Path, size: tuple[float, float], draw: Callable[[Any], object], legend: str
) -> Path:
    """Draw on a figure of its own and write it as SVG or PNG, byte-identical for one input."""
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("svg", "png"):
        raise ValueError(f"{target}: the file must end in .svg or .png")
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtra("drawing a Gantt chart", "plot") from exc
    # A Figure of its own, not pyplot's: the process's backend and figures are left alone.
    with matplotlib.rc_context(
        {"svg.hashsalt": "civicgrants", "svg.fonttype": "none", "font.size": 9}
    ):
        fig = Figure(figsize=size)
        draw(fig.add_subplot())
        fig.text(0.01, 0.01, legend, fontsize=7)
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        buffer = _io.BytesIO()
        fig.savefig(
            buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else {"Software": None}
        )
    target.write_bytes(buffer.getvalue())
    return target
