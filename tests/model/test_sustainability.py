"""Sustainability after closure: the project's ``completed`` status, balance takeovers, duties."""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest

from civicgrants.errors import DocumentError, LifecycleError
from civicgrants.io import dumps, loads
from civicgrants.model import (
    BalanceTakeover,
    Duty,
    ExtraDuty,
    Memorandum,
    Names,
    ObjectKind,
    Project,
    ProjectStatus,
)
from civicgrants.model.lifecycle import DutyStatus, TakeoverStatus, check_transition, path
from civicgrants.model.memorandum import HolderKind

P = ProjectStatus
T = TakeoverStatus
D = DutyStatus


def project(status: ProjectStatus = P.IMPLEMENTATION, **kw: object) -> Project:
    return Project(
        "P-1", "III", "kulsary", Names(en="Park"), ObjectKind.PARK_ALLEY_BEACH, status=status, **kw
    )


CONFIRMED = BalanceTakeover("akimat-kulsary", confirmed=True, on=dt.date(2021, 9, 1))
PROMISED = BalanceTakeover("akimat-kulsary", status=T.PROMISED)


# -- the project lifecycle ----------------------------------------------------------------

LEGAL_PROJECT = [
    (P.IMPLEMENTATION, P.COMPLETED),
    (P.IMPLEMENTATION, P.OPENED),
    (P.COMPLETED, P.OPENED),
    (P.OPENED, P.CLOSED),
]
ILLEGAL_PROJECT = [
    (P.CONTRACTED, P.COMPLETED),
    (P.PROCUREMENT, P.COMPLETED),
    (P.COMPLETED, P.IMPLEMENTATION),
    (P.COMPLETED, P.CLOSED),
    (P.COMPLETED, P.COMPLETED),
    (P.OPENED, P.COMPLETED),
    (P.CLOSED, P.COMPLETED),
]


@pytest.mark.parametrize(("current", "wanted"), LEGAL_PROJECT)
def test_legal_project_transitions(current: ProjectStatus, wanted: ProjectStatus) -> None:
    check_transition("project P-1", current, wanted)
    balance = CONFIRMED if current.needs_confirmed_takeover() or wanted is P.OPENED else None
    assert project(current, balance=balance).transition(wanted).status is wanted


@pytest.mark.parametrize(("current", "wanted"), ILLEGAL_PROJECT)
def test_illegal_project_transitions(current: ProjectStatus, wanted: ProjectStatus) -> None:
    with pytest.raises(LifecycleError, match=f"cannot go from '{current.value}'"):
        check_transition("project P-1", current, wanted)
    balance = CONFIRMED if current.needs_confirmed_takeover() else None
    with pytest.raises(LifecycleError):
        project(current, balance=balance).transition(wanted)


def test_a_completed_project_opens_only_with_a_confirmed_takeover() -> None:
    done = project().transition(P.COMPLETED, on=dt.date(2021, 8, 31))
    assert [(t.from_status, t.to_status) for t in done.history] == [("implementation", "completed")]
    with pytest.raises(LifecycleError, match="balance takeover is not confirmed") as caught:
        done.open(PROMISED)
    assert caught.value.allowed == ("opened",)
    with pytest.raises(LifecycleError, match="balance takeover is not confirmed"):
        attrs.evolve(done, balance=PROMISED).transition(P.OPENED)
    opened = done.open(CONFIRMED, on=dt.date(2021, 9, 1))
    assert opened.status is P.OPENED
    assert [t.to_status for t in opened.history] == ["completed", "opened"]
    assert opened.transition(P.CLOSED).status is P.CLOSED


def test_completed_needs_no_takeover_but_opened_and_closed_do() -> None:
    assert project(P.COMPLETED).balance is None
    assert project(P.COMPLETED, balance=PROMISED).status is P.COMPLETED
    for status in (P.OPENED, P.CLOSED):
        with pytest.raises(ValueError, match=f"status: '{status.value}' needs a confirmed"):
            project(status)
        with pytest.raises(ValueError, match="got balance status 'promised'"):
            project(status, balance=PROMISED)
        assert project(status, balance=CONFIRMED).status is status
    assert [s for s in P if s.needs_confirmed_takeover()] == [P.OPENED, P.CLOSED]


def test_a_document_that_opens_a_project_without_a_takeover_is_refused() -> None:
    text = dumps(project(P.OPENED, balance=CONFIRMED))
    data = json.loads(text)
    del data["balance"]
    with pytest.raises(DocumentError, match="needs a confirmed balance takeover") as caught:
        loads(json.dumps(data), Project)
    assert [p.code for p in caught.value.problems] == ["lifecycle.requirement"]
    data["balance"] = {"holder": "akimat-kulsary", "status": "unknown"}
    with pytest.raises(DocumentError, match="got balance status 'unknown'") as caught:
        loads(json.dumps(data), Project)
    assert [p.code for p in caught.value.problems] == ["lifecycle.requirement"]


def test_paths() -> None:
    assert path(P.CONTRACTED, P.COMPLETED) == (
        P.CONTRACTED,
        P.PROCUREMENT,
        P.IMPLEMENTATION,
        P.COMPLETED,
    )
    assert path(P.COMPLETED, P.CLOSED) == (P.COMPLETED, P.OPENED, P.CLOSED)
    assert path(P.OPENED, P.OPENED) == (P.OPENED,)
    assert path(P.OPENED, P.COMPLETED) is None
    assert all(path(P.CONTRACTED, s) is not None for s in P)
    assert path(T.UNKNOWN, T.CONFIRMED) == (T.UNKNOWN, T.CONFIRMED)
    assert path(D.CONFIRMED, D.PROMISED) is None


# -- balance takeovers -----------------------------------------------------------------------

LEGAL_TAKEOVER = [
    (T.UNKNOWN, T.PROMISED),
    (T.UNKNOWN, T.CONFIRMED),
    (T.PROMISED, T.CONFIRMED),
]
ILLEGAL_TAKEOVER = [
    (T.PROMISED, T.UNKNOWN),
    (T.CONFIRMED, T.PROMISED),
    (T.CONFIRMED, T.UNKNOWN),
    (T.PROMISED, T.PROMISED),
]


@pytest.mark.parametrize(("current", "wanted"), LEGAL_TAKEOVER)
def test_legal_takeover_transitions(current: TakeoverStatus, wanted: TakeoverStatus) -> None:
    b = BalanceTakeover("akimat-kulsary", status=current, source="S000 L1")
    moved = b.transition(wanted, on=dt.date(2021, 9, 1), source="opening")
    assert (moved.status, moved.on, moved.source) == (wanted, dt.date(2021, 9, 1), "opening")
    assert moved.confirmed is (wanted is T.CONFIRMED)
    assert b.transition(wanted).source == "S000 L1"


@pytest.mark.parametrize(("current", "wanted"), ILLEGAL_TAKEOVER)
def test_illegal_takeover_transitions(current: TakeoverStatus, wanted: TakeoverStatus) -> None:
    with pytest.raises(LifecycleError, match=f"from '{current.value}' to '{wanted.value}'"):
        BalanceTakeover("akimat-kulsary", status=current).transition(wanted)


def test_takeover_keeps_the_confirmed_shorthand() -> None:
    assert BalanceTakeover("a", confirmed=True).status is T.CONFIRMED
    assert BalanceTakeover("a", True, dt.date(2021, 9, 1)).on == dt.date(2021, 9, 1)
    assert BalanceTakeover("a", confirmed=False).status is T.PROMISED
    assert BalanceTakeover("a").status is T.PROMISED
    assert BalanceTakeover("a", status=T.UNKNOWN).confirmed is False
    assert BalanceTakeover("a", confirmed=True, status=T.CONFIRMED).confirmed
    with pytest.raises(ValueError, match="confirmed: must agree with status 'unknown'"):
        BalanceTakeover("a", confirmed=True, status=T.UNKNOWN)
    with pytest.raises(ValueError, match="confirmed: must agree with status 'confirmed'"):
        BalanceTakeover("a", confirmed=False, status=T.CONFIRMED)
    with pytest.raises(ValueError, match="confirmed: must be true or false"):
        BalanceTakeover("a", confirmed=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="status: must be one of"):
        BalanceTakeover("a", status="confirmed")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="holder: must be a non-empty string"):
        BalanceTakeover(" ")


def test_takeover_round_trips_with_its_status() -> None:
    b = BalanceTakeover(
        "the local House of Culture",
        status=T.CONFIRMED,
        holder_kind=HolderKind.CULTURE_HOUSE,
        source="S000 L1165-1166",
        note="taken onto the balance",
    )
    p = project(P.OPENED, balance=b)
    assert json.loads(dumps(p))["balance"]["status"] == "confirmed"
    assert loads(dumps(p), Project) == p
    assert attrs.evolve(b, note="x").status is T.CONFIRMED


# -- duties ------------------------------------------------------------------------------------

LEGAL_DUTY = [
    (D.PROMISED, D.CONFIRMED),
    (D.PROMISED, D.REPORTED_DONE),
    (D.PROMISED, D.LAPSED),
    (D.CONFIRMED, D.REPORTED_DONE),
    (D.CONFIRMED, D.LAPSED),
    (D.REPORTED_DONE, D.LAPSED),
]
ILLEGAL_DUTY = [
    (D.CONFIRMED, D.PROMISED),
    (D.REPORTED_DONE, D.PROMISED),
    (D.REPORTED_DONE, D.CONFIRMED),
    (D.LAPSED, D.PROMISED),
    (D.LAPSED, D.REPORTED_DONE),
    (D.PROMISED, D.PROMISED),
]


@pytest.mark.parametrize(("current", "wanted"), LEGAL_DUTY)
def test_legal_duty_transitions(current: DutyStatus, wanted: DutyStatus) -> None:
    d = ExtraDuty(Duty.WATERING, holder_kind=HolderKind.AKIMAT, status=current, source="S000 L1")
    moved = d.transition(wanted, source="monitoring visit")
    assert (moved.status, moved.source, moved.duty) == (wanted, "monitoring visit", Duty.WATERING)
    assert d.transition(wanted).source == "S000 L1"


@pytest.mark.parametrize(("current", "wanted"), ILLEGAL_DUTY)
def test_illegal_duty_transitions(current: DutyStatus, wanted: DutyStatus) -> None:
    with pytest.raises(LifecycleError, match=f"duty 'watering' cannot go from '{current.value}'"):
        ExtraDuty(Duty.WATERING, status=current).transition(wanted)


def test_duty_defaults_keep_the_old_constructor() -> None:
    d = ExtraDuty(Duty.GUARDING, "the town at night", "school No. 3")
    assert (d.party, d.holder_kind, d.status, d.source) == (
        "school No. 3",
        None,
        D.PROMISED,
        None,
    )
    with pytest.raises(ValueError, match="holder_kind: must be one of"):
        ExtraDuty(Duty.GUARDING, holder_kind="akimat")  # type: ignore[arg-type]


def test_new_duty_kinds() -> None:
    assert {Duty("monitoring"), Duty("cleaning"), Duty("recycling")} <= set(Duty)


def test_project_duties_round_trip() -> None:
    duties = (
        ExtraDuty(Duty.WATERING, "the alley", "the akimat", HolderKind.AKIMAT, source="S000 L863"),
        ExtraDuty(
            Duty.STAFF_POST,
            holder_kind=HolderKind.STATE_BODY,
            status=D.REPORTED_DONE,
            source="S000 L466-468",
        ),
    )
    p = project(P.COMPLETED, duties=duties)
    assert loads(dumps(p), Project) == p
    assert [d["duty"] for d in json.loads(dumps(p))["duties"]] == ["watering", "staff_post"]


def test_a_memorandum_may_leave_its_akimat_unnamed() -> None:
    m = Memorandum(
        "m1",
        localities=("kulsary",),
        balance_takeover=True,
        source="S000 L207-216",
        note="the akimat is not named",
    )
    assert m.akimat is None
    assert loads(dumps(m), Memorandum) == m
    assert Memorandum("m2", "akimat-kulsary", ("kulsary",)).akimat == "akimat-kulsary"
