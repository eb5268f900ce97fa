"""A recorded history must be a legal path that ends at the status (issue 14)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicgrants.errors import DocumentError
from civicgrants.io.documents import loads
from civicgrants.model import Application, Money
from civicgrants.model.lifecycle import (
    ApplicationStatus,
    DutyStatus,
    ProjectStatus,
    TakeoverStatus,
    Transition,
    check_history,
)

KINDS = (ApplicationStatus, ProjectStatus, TakeoverStatus, DutyStatus)


def _application(status: str, history: list[dict[str, str]]) -> str:
    return json.dumps(
        {
            "schema": "civicgrants/application@1",
            "id": "A-1",
            "call": "c",
            "locality": "kuryk",
            "requested": {"amount": "1000.00", "currency": "KZT"},
            "status": status,
            "history": history,
        }
    )


@pytest.mark.parametrize(
    ("status", "history", "where"),
    [
        ("funded", [("draft", "funded")], "history[0]: cannot go from 'draft' to 'funded'"),
        (
            "under_review",
            [("draft", "submitted"), ("under_review", "submitted")],
            "history[1].from_status: 'under_review', but the step before ended at 'submitted'",
        ),
        (
            "funded",
            [("draft", "submitted")],
            "status: 'funded', but the history ends at 'submitted'",
        ),
        ("draft", [("draft", "approved")], "history[0].to_status: 'approved' is not a status"),
    ],
)
def test_an_illegal_history_is_a_located_error(
    status: str, history: list[tuple[str, str]], where: str
) -> None:
    text = _application(status, [{"from_status": a, "to_status": b} for a, b in history])
    with pytest.raises(DocumentError) as info:
        loads(text)
    assert where in info.value.one_line()
    assert "\n" not in info.value.one_line()


def test_a_history_that_runs_backwards_in_time_is_refused() -> None:
    steps = (
        Transition("draft", "submitted", dt.date(2021, 3, 2)),
        Transition("submitted", "under_review", dt.date(2021, 3, 1)),
    )
    with pytest.raises(ValueError, match=r"history\[1\]\.on: 2021-03-01, before the step before"):
        Application("A-1", "c", "kuryk", Money(5), status=ApplicationStatus.UNDER_REVIEW,
                    history=steps)  # fmt: skip


def test_histories_made_by_transition_are_accepted() -> None:
    a = Application("A-1", "c", "kuryk", Money(5)).submit(on=dt.date(2021, 3, 1)).review().fund()
    assert [t.to_status for t in a.history] == ["submitted", "under_review", "funded"]
    assert loads(_application("funded", [
        {"from_status": t.from_status, "to_status": t.to_status} for t in a.history
    ])).status is ApplicationStatus.FUNDED  # fmt: skip


@st.composite
def _walks(draw: st.DrawFn) -> tuple[type, tuple[Transition, ...], object]:
    kind = draw(st.sampled_from(KINDS))
    status = draw(st.sampled_from(list(kind)))
    steps = []
    for _ in range(draw(st.integers(0, 6))):
        options = status.allowed()
        if not options:
            break
        nxt = draw(st.sampled_from(options))
        steps.append(Transition(status.value, nxt.value))
        status = nxt
    return kind, tuple(steps), status


@given(_walks(), st.data())
def test_a_legal_walk_passes_and_any_changed_step_that_breaks_it_is_found(
    walk: tuple[type, tuple[Transition, ...], object], data: st.DataObject
) -> None:
    kind, steps, status = walk
    check_history(kind, steps, status)  # type: ignore[type-var]
    if not steps:
        return
    i = data.draw(st.integers(0, len(steps) - 1))
    to = data.draw(st.sampled_from([s.value for s in kind]))  # type: ignore[attr-defined]
    changed = (*steps[:i], Transition(steps[i].from_status, to), *steps[i + 1 :])
    legal = True
    try:
        check_history(kind, changed, status)  # type: ignore[type-var]
    except ValueError:
        legal = False
    # legal only if the new target is allowed, the chain stays contiguous and ends at status
    before = [kind(s.from_status) for s in changed]  # type: ignore[operator]
    after = [kind(s.to_status) for s in changed]  # type: ignore[operator]
    expected = (
        all(b in a.allowed() for a, b in zip(before, after, strict=True))
        and all(after[j] is before[j + 1] for j in range(len(changed) - 1))
        and after[-1] is status
    )
    assert legal == expected
