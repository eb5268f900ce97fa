"""Plans out: the canonical JSON object, a text Gantt chart, iCalendar, and a picture.

* :func:`plan_data` — the JSON object ``civicgrants schedule --format json`` prints;
* :func:`text_gantt` — a Gantt chart for the terminal;
* :func:`to_ics` — an iCalendar file for calendar apps (needs the ``ics`` extra);
* :func:`save_gantt` — a Gantt chart as SVG or PNG (needs the ``plot`` extra).

All four are deterministic: the same plan gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io as _io
from pathlib import Path
from typing import Any

from civicgrants.errors import DocumentError, MissingExtra, Problem
from civicgrants.io.files import read_text
from civicgrants.io.findings import findings_data
from civicgrants.io.fmt import date, day_month
from civicgrants.io.table import table
from civicgrants.schedule.plan import Plan
from civicgrants.schedule.season import Season, SeasonLocality

__all__ = [
    "plan_data",
    "read_localities",
    "save_gantt",
    "season_data",
    "season_ics",
    "season_text",
    "text_gantt",
    "to_ics",
]


def plan_data(plan: Plan) -> dict[str, Any]:
    """The plan as a JSON object: start, end, steps, holidays and moves.

    Examples
    --------
    >>> from civicgrants.schedule import plan, public_spaces_methodology
    >>> data = plan_data(plan(public_spaces_methodology(), dt.date(2021, 2, 1)))
    >>> data["end"], data["steps"][3]["key"], data["steps"][3]["days"][:2]
    ('2021-10-24', '3', ['2021-02-22', '2021-02-23'])
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
        "delays": [{"step": d.step, "weeks": d.weeks} for d in plan.delays],
    }


def text_gantt(plan: Plan, *, lang: str = "en", width_names: int = 34) -> str:
    """A Gantt chart for the terminal: one column per programme week.

    ``█`` marks a critical step's weeks, ``▒`` a step with slack, ``!`` a week
    with a public holiday. Trainings are listed with their dates, then the
    holidays and everything the plan moved.

    Examples
    --------
    >>> from civicgrants.schedule import plan, public_spaces_methodology
    >>> print(text_gantt(plan(public_spaces_methodology(), dt.date(2021, 2, 1))).splitlines()[3])
      1     Building a partnership with local…  █
    """
    weeks = plan.weeks
    holiday_weeks = {w for h in plan.holidays if (w := plan.week_of(h.date)) is not None}
    lines = [
        f"{plan.methodology.names.get(lang)}: {plan.start.isoformat()} – {plan.end.isoformat()} "
        f"({weeks} weeks)",
        "",
    ]
    marks = [" "] * weeks
    for w in [1, *range(10, weeks + 1, 10)]:
        label = str(w)
        if w - 1 + len(label) <= weeks:
            marks[w - 1 : w - 1 + len(label)] = list(label)
    ruler = "".join(marks)
    lines.append(f"  {'':5} {'week':<{width_names}}  {ruler}")
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
    lines.append(f"  {'':5} {'holidays':<{width_names}}  {holiday_bar.rstrip()}")
    lines.append("")
    lines.append("  █ critical path   ▒ has slack   ! week with a public holiday")
    lines.append(f"  critical path: {' → '.join(plan.critical_path)}")
    trainings = [(s, b) for s in plan.steps for b in s.blocks if b.days]
    if trainings:
        lines.append("")
        lines.append("Trainings")
        for _s, b in trainings:
            sub = next(x for st in plan.methodology.steps for x in st.substeps if x.key == b.key)
            days = ", ".join(day_month(d, lang) for d in b.days)
            hours = f", {sub.hours} h" if sub.hours else ""
            lines.append(f"  {b.key:<5} {sub.names.get(lang)}: {days}{hours}")
    if plan.holidays:
        lines.append("")
        lines.append("Public holidays in the plan")
        for h in plan.holidays:
            lines.append(
                f"  {h.date.isoformat()} {date(h.date, lang, form='EEE')}  week {plan.week_of(h.date):>2}  {h.name}"
            )
    if plan.moved:
        lines.append("")
        lines.append("Moved")
        for m in plan.moved:
            lines.append(f"  {m.what}: {m.from_} → {m.to}")
            lines.append(f"      why: {m.why}")
    return "\n".join(lines) + "\n"


def _icalendar() -> Any:
    try:
        import icalendar
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtra("iCalendar output", "ics") from exc
    return icalendar


def read_localities(
    path: str | Path, default_start: dt.date | None = None
) -> tuple[SeasonLocality, ...]:
    """Read a season's localities from CSV: columns ``locality``, ``region``, ``start``.

    ``start`` (YYYY-MM-DD) may be empty when ``default_start`` is given. Every
    bad row is reported at once, as ``row N.column``.
    """
    import csv

    source = str(path)
    text = read_text(path).lstrip("\ufeff")
    rows = list(csv.DictReader(text.splitlines()))
    problems: list[Problem] = []
    header = set(rows[0]) if rows else set()
    missing = [c for c in ("locality", "region") if c not in header]
    if not rows:
        problems.append(
            Problem("", "no rows: expected a header locality,region,start and one row per locality")
        )
    elif missing:
        problems.append(
            Problem(
                "header",
                f"missing column(s): {', '.join(missing)} (found: {', '.join(sorted(header))})",
            )
        )
    result: list[SeasonLocality] = []
    for n, row in enumerate(rows if not problems else [], start=2):
        raw = (row.get("start") or "").strip()
        try:
            start = dt.date.fromisoformat(raw) if raw else default_start
        except ValueError:
            problems.append(Problem(f"row {n}.start", f"must be a date YYYY-MM-DD, got {raw!r}"))
            continue
        if start is None:
            problems.append(Problem(f"row {n}.start", "is empty and no --start was given"))
            continue
        try:
            result.append(SeasonLocality(row["locality"].strip(), start, row["region"].strip()))
        except ValueError as exc:
            problems.append(Problem(f"row {n}", str(exc)))
    if problems:
        raise DocumentError(source, problems)
    return tuple(result)


def season_data(season: Season) -> dict[str, Any]:
    """A season as a JSON object: localities with their trainings, moves, visits, findings."""
    return {
        "localities": [
            {
                "locality": lp.locality,
                "region": lp.region,
                "start": lp.plan.start.isoformat(),
                "end": lp.end.isoformat(),
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
    }


def season_text(season: Season, *, lang: str = "en") -> str:
    """A season for the terminal: trainings per locality, moves, visits and findings.

    Parameters
    ----------
    season : Season
        The season, from :func:`civicgrants.schedule.plan_season`.
    lang : str
        The language of the dates (``en``, ``ru``, ``kk``).

    Returns
    -------
    str
        The text, ending with a newline.
    """
    rows: list[list[object]] = []
    for lp in season.plans:
        trainings = "; ".join(
            f"{b.key} {day_month(b.days[0], lang)}–{day_month(b.days[-1], lang)} ({b.trainer})"
            for b in lp.blocks
        )
        rows.append(
            [lp.locality, lp.region, lp.plan.start.isoformat(), lp.end.isoformat(), trainings]
        )
    lines = [
        f"Season: {len(season.plans)} localities, {len(season.trainers)} trainers",
        table(["locality", "region", "start", "end", "trainings (trainer)"], rows),
    ]
    if season.moved:
        lines += ["", "Moved"]
        for m in season.moved:
            lines += [f"  {m.what}: {m.from_} → {m.to}", f"      why: {m.why}"]
    lines += ["", "Visits of the project group"]
    for v in season.visits:
        lines.append(
            f"  {v.region:<12} week of {v.week_start.isoformat()}  {', '.join(v.localities)}"
        )
    if season.findings:
        lines += ["", "Findings"]
        lines += [f"  {f}" for f in season.findings]
    return "\n".join(lines) + "\n"


def season_ics(season: Season, *, lang: str = "en") -> bytes:
    """Every locality's training days and the project group's visits, as iCalendar."""
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
        crit = "critical" if s.critical else f"slack {s.slack_weeks} weeks"
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
    """
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtra("drawing a Gantt chart", "plot") from exc
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("svg", "png"):
        raise ValueError(f"{target}: the file must end in .svg or .png")
    steps = list(plan.steps)
    with plt.rc_context({"svg.hashsalt": "civicgrants", "svg.fonttype": "none", "font.size": 9}):
        fig, ax = plt.subplots(figsize=(10, 0.45 * len(steps) + 1.6))
        for row, s in enumerate(steps):
            y = len(steps) - 1 - row
            colour = "#b03a2e" if s.critical else "#7f8c8d"
            ax.broken_barh([(s.first_week - 1, s.weeks)], (y - 0.35, 0.7), color=colour)
            for b in s.blocks:
                if b.days:
                    for d in b.days:
                        x = (d - plan.start).days / 7
                        ax.broken_barh([(x, 1 / 7)], (y - 0.35, 0.7), color="#f5b041")
        for h in plan.holidays:
            ax.axvline((h.date - plan.start).days / 7, color="#2e86c1", linewidth=0.6, alpha=0.6)
        labels = [f"{s.key}  {plan.methodology.step(s.key).names.get(lang)}"[:48] for s in steps]
        ax.set_yticks(range(len(steps) - 1, -1, -1), labels)
        ax.set_xlim(0, plan.weeks)
        ax.set_xticks(range(0, plan.weeks + 1, 2))
        ax.set_xlabel(f"programme week (week 1 starts {plan.start.isoformat()})")
        ax.set_title(title or f"{plan.methodology.names.get(lang)}: {plan.start} – {plan.end}")
        ax.grid(axis="x", linewidth=0.3, alpha=0.5)
        fig.text(
            0.01,
            0.01,
            "red: critical path · grey: has slack · orange: training days · blue: public holidays",
            fontsize=7,
        )
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        buffer = _io.BytesIO()
        fig.savefig(
            buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else {"Software": None}
        )
        plt.close(fig)
    target.write_bytes(buffer.getvalue())
    return target
