"""The methodology as data: the preset reproduces the published calendar, row by row."""

from __future__ import annotations

import pytest

from civicgrants.errors import DocumentError, ScheduleError
from civicgrants.io import dumps, loads
from civicgrants.model import Names
from civicgrants.schedule import (
    Dependency,
    Methodology,
    NoOverlap,
    Step,
    SubStep,
    public_spaces_methodology,
)

M = public_spaces_methodology()


def weeks(key: str) -> tuple[int, int]:
    step = M.step(key)
    return step.first_week, step.last_week


# One test per row of the published calendar (seed-000.md §2.2, S000 L378-391).


def test_row_week_1_steps_1_and_2() -> None:
    assert weeks("1") == (1, 1)
    assert weeks("2") == (1, 1)


def test_row_weeks_2_3_team_forming() -> None:
    assert weeks("team") == (2, 3)
    assert M.step("team").numbered is False


def test_row_week_4_step_3_trainings() -> None:
    assert weeks("3") == (4, 4)
    t31, t32 = M.step("3").substeps
    assert (t31.key, t31.days, t31.hours_per_day, t31.hours) == ("3.1", 2, 7, 14)
    assert (t32.key, t32.days, t32.hours_per_day, t32.hours) == ("3.2", 3, 8, 24)


def test_row_week_4_calendar_reading_of_3_1_is_a_parameter() -> None:
    short = public_spaces_methodology(training_3_1_days=1)
    assert short.step("3").substeps[0].days == 1
    assert short.step("3").substeps[0].hours == 7
    assert "1 день" in (M.step("3").substeps[0].note or "")


def test_row_weeks_5_8_step_4() -> None:
    assert weeks("4") == (5, 8)


def test_row_weeks_9_12_step_5() -> None:
    assert weeks("5") == (9, 12)


def test_row_weeks_13_33_step_6() -> None:
    assert weeks("6") == (13, 33)
    procurement, works = M.step("6").substeps
    assert (procurement.first_week, procurement.last_week) == (13, 16)  # the first month
    assert (works.first_week, works.last_week) == (17, 33)


def test_row_weeks_34_38_step_7() -> None:
    assert weeks("7") == (34, 38)
    assert M.weeks == 38


def test_steps_have_three_languages_and_the_graph_is_a_chain() -> None:
    for step in M.steps:
        assert step.names.ru and step.names.kk and step.names.en
    graph = M.graph()
    assert sorted(graph.edges) == sorted(
        [
            ("1", "team"),
            ("2", "team"),
            ("team", "3"),
            ("3", "4"),
            ("4", "5"),
            ("5", "6"),
            ("6", "7"),
        ]
    )


def test_methodology_round_trips_as_a_document() -> None:
    text = dumps(M)
    assert text.startswith('{\n  "schema": "civicgrants/methodology@1"')
    assert loads(text, Methodology) == M


def _step(key: str, first: int, last: int) -> Step:
    return Step(key, Names(en=key), first, last)


def test_a_cycle_is_an_error_naming_the_steps() -> None:
    with pytest.raises(ScheduleError, match="the dependencies form a cycle: a → b → a"):
        Methodology(
            "m",
            Names(en="m"),
            4,
            (_step("a", 1, 1), _step("b", 2, 2)),
            (Dependency("a", "b"), Dependency("b", "a")),
        )


def test_a_step_outside_the_calendar_is_an_error() -> None:
    with pytest.raises(
        ScheduleError, match=r"step 'b' \(weeks 3–6\) lies outside the 5-week calendar"
    ):
        Methodology("m", Names(en="m"), 5, (_step("a", 1, 1), _step("b", 3, 6)))


def test_an_unknown_step_is_an_error() -> None:
    with pytest.raises(ScheduleError) as info:
        Methodology("m", Names(en="m"), 5, (_step("a", 1, 1),), (Dependency("a", "zz"),))
    assert [str(p) for p in info.value.problems] == [
        "dependencies[0].after: unknown step 'zz' (steps: a)"
    ]


def test_forbidden_overlaps_are_errors() -> None:
    with pytest.raises(ScheduleError) as info:
        Methodology(
            "m",
            Names(en="m"),
            6,
            (_step("a", 1, 3), _step("b", 2, 4), _step("c", 3, 5)),
            (Dependency("a", "b"),),
            (NoOverlap("b", "c"),),
        )
    assert [str(p) for p in info.value.problems] == [
        "dependencies[0]: step 'b' (weeks 2–4) starts before step 'a' (weeks 1–3) has ended, "
        "but depends on it",
        "exclusive[0]: steps 'b' (weeks 2–4) and 'c' (weeks 3–5) must not overlap",
    ]


def test_every_problem_at_once_from_a_document() -> None:
    text = (
        dumps(M)
        .replace('"last_week": 38', '"last_week": 40')
        .replace('"after": "7"', '"after": "8"')
    )
    with pytest.raises(DocumentError) as info:
        loads(text, Methodology)
    messages = [str(p) for p in info.value.problems]
    assert "steps[7]: step '7' (weeks 34–40) lies outside the 38-week calendar" in messages
    assert "dependencies[6].after: unknown step '8' (steps: 1, 2, team, 3, 4, 5, 6, 7)" in messages


def test_substep_must_be_days_or_weeks() -> None:
    with pytest.raises(ValueError, match="either days"):
        SubStep("x", Names(en="x"))
    with pytest.raises(ValueError, match="either days"):
        SubStep("x", Names(en="x"), days=1, first_week=1, last_week=1)


# --- issue 14: every field means something, and the limits are checked before work


def _document(**changes: object) -> str:
    import json

    data = json.loads(dumps(M))
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return json.dumps(data)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"weeks": 1_000_000_000},
            "weeks: 1000000000 weeks is more than 520 (the weeks limit; raise it with "
            "--limit weeks=N or use_limits(weeks=N))",
        ),
        (
            {"steps__3__substeps__0__days": 1_000_000_000},
            "steps[3].substeps[0].days: 1000000000 days do not fit in 520 weeks",
        ),
        (
            {"steps__7__last_week": 10**20},
            "steps[7].last_week: 100000000000000000000 weeks is more than 520",
        ),
        (  # beyond every number limit, before the weeks limit is asked
            {"steps__7__last_week": 10**30},
            "steps[7].last_week: too large: 1E+30 is beyond 10**30 (the exponent limit",
        ),
        (
            {"dependencies__0__lag_weeks": -(10**9)},
            "dependencies[0].lag_weeks: -1000000000 weeks reaches back more than 520",
        ),
    ],
)
def test_sizes_beyond_the_weeks_limit_are_refused(
    changes: dict[str, object], expected: str
) -> None:
    # issue 14: "weeks": 1000000000 was accepted; a 10**9-day training made plan() loop for ever
    with pytest.raises(DocumentError) as info:
        loads(_document(**changes), Methodology, source="m.json")
    assert info.value.one_line().startswith(f"m.json: {expected}")


def test_the_weeks_limit_can_be_raised() -> None:
    from civicgrants.model.limits import use_limits

    with use_limits(weeks=2000):
        m = loads(_document(weeks=1000), Methodology)
    assert m.weeks == 1000
    with pytest.raises(ValueError, match="weeks is more than 520"):
        Methodology("m", Names(en="m"), 521, (_step("a", 1, 1),))
