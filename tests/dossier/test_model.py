"""Dossier entities: validation at the field, documents, redaction, the round trip."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from civicgrants.budget import Source
from civicgrants.datasets import seed_001_dossier
from civicgrants.dossier import (
    Activity,
    Dossier,
    Pledge,
    PriorProject,
    Questionnaire,
    Task,
    TeamMember,
)
from civicgrants.errors import DocumentError
from civicgrants.io import dumps, loads
from civicgrants.model import Money, Names, Organisation, OrganisationKind, Person, Role, redact
from civicgrants.testing.dossier import consistent_dossiers, dossiers

ROOT = Path(__file__).resolve().parents[2]
NAME_HASHES = ROOT / "tests" / "data" / "personal_name_hashes.txt"
WORD = re.compile(r"[^\W\d_]+")
PHONE = re.compile(r"\+?\d[\d\s()\-]{8,}\d")
EMAIL = re.compile(r"\S+@\S+\.\S+")


def shipped() -> str:
    return (
        resources.files("civicgrants.datasets")
        .joinpath("seed_001_dossier.json")
        .read_text(encoding="utf-8")
    )


def strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- fields -------------------------------------------------------------------------------


def test_codes_are_validated() -> None:
    with pytest.raises(ValueError, match="activity code"):
        Activity("A1", Names(en="x"))
    with pytest.raises(ValueError, match="not an activity of task 'T1'"):
        Task("T1", Names(en="x"), [Activity("T2.A1", Names(en="y"))])


def test_bin_is_checked_against_the_registration_date() -> None:
    with pytest.raises(ValueError, match="does not match the registration date"):
        Organisation(
            "gamo", Names(en="GAMO"), OrganisationKind.NGO, dt.date(2006, 1, 1), "051140010597"
        )


def test_prior_project_years_and_foreign_money() -> None:
    p = PriorProject("P4", 2017, "EU", 2020, amount=Money("458000", "EUR"))
    assert p.amount == Money("458000", "EUR")
    with pytest.raises(ValueError, match="last_year"):
        PriorProject("P4", 2020, "EU", 2017)


def test_a_pledge_is_not_the_grant() -> None:
    with pytest.raises(ValueError, match="not the grant"):
        Pledge("C1", Source.GRANT, "x")


def test_people_are_personal_data() -> None:
    q = Questionnaire(
        Organisation("o", Names(en="O"), OrganisationKind.NGO),
        "association",
        head=Person("head", [Role.LEADER], name="A. Leader", phone="+7 700 000 0000"),
        accountant=Person("acc", [Role.ACCOUNTANT], name="B. Counter"),
    )
    r = redact(q)
    assert (r.head.name, r.head.phone, r.accountant.name) == (None, None, None)
    assert redact(TeamMember("m", "Бухгалтер", "отчетность", name="C. Person")).name is None


# -- the shipped dossier ----------------------------------------------------------------------


def test_seed_dossier_shape() -> None:
    d = seed_001_dossier()
    assert d.content.calendar.months == 9
    assert [a.key for a in d.content.calendar.activities] == [a.code for a in d.content.activities]
    assert len(d.content.territory) == 8
    assert len(d.content.monitoring) == 37
    assert len(d.capacity.prior_projects) == 17
    assert d.capacity.prior_projects[3].amount == Money("458000", "EUR")
    assert d.questionnaire.accountant is None
    assert d.questionnaire.staff.total == 6 and d.questionnaire.staff.contracted is None
    blocks = {r.code: r.activity for r in d.estimate.budget.rows if r.activity}
    assert blocks == {
        "3.1": "T1.A1",
        "3.2": "T2.A1",
        "3.3": "T3.A1",
        "3.4": "T4.A2",
        "3.5": "T5.A1",
        "3.6": "T6.A1",
    }


def test_shipped_json_is_canonical() -> None:
    assert dumps(loads(shipped(), Dossier)) == shipped()


def test_no_personal_names() -> None:
    hashes = set(NAME_HASHES.read_text(encoding="utf-8").split())
    found = []
    for text in strings(json.loads(shipped())):
        for word in WORD.findall(text):
            word = word.lower()
            forms = [word] + [word[:-cut] for cut in (1, 2) if len(word) - cut >= 4]
            if any(sha256(f) in hashes for f in forms):
                found.append(word)
    assert found == []


def test_no_phone_numbers_or_emails() -> None:
    texts = [
        t
        for t in strings(json.loads(shipped()))
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}|-?\d+(?:\.\d+)?", t)
    ]
    assert [t for t in texts if EMAIL.search(t)] == []
    # a phone has 10 or more digits; the estimate's notes write amounts in groups («31 891 320»)
    phones = [m.group() for t in texts for m in PHONE.finditer(t)]
    phones = [p for p in phones if sum(c.isdigit() for c in p) >= 10]
    assert [p for p in phones if not re.fullmatch(r"\d{1,3}( \d{3})+", p.strip())] == []


def test_the_build_tool_writes_the_shipped_bytes(tmp_path: Path) -> None:
    shared = ROOT.parent / "shared"
    if not (shared / "domain" / "seed-001-indicators.csv").exists():
        pytest.skip("the shared seed material is not here")
    code = (
        "import sys; sys.path.insert(0, 'tools'); from pathlib import Path; "
        "import build_seed_001_dossier as b; from civicgrants.io import dumps; "
        f"print(dumps(b.build(Path({str(shared)!r}))), end='')"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert out == shipped()


def test_unknown_keys_are_reported_with_their_path() -> None:
    data = json.loads(shipped())
    data["content"]["tasks"][0]["activities"][0]["colour"] = "red"
    with pytest.raises(DocumentError, match=r"content\.tasks\[0\]\.activities\[0\]\.colour"):
        loads(json.dumps(data), Dossier)


# -- round trip ---------------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(dossiers())
def test_dossier_round_trip(dossier: Dossier) -> None:
    assert loads(dumps(dossier, redact=False)) == dossier
    assert loads(dumps(dossier)) == redact(dossier)


@settings(max_examples=10, deadline=None)
@given(consistent_dossiers())
def test_consistent_dossier_round_trip(dossier: Dossier) -> None:
    assert loads(dumps(dossier, redact=False)) == dossier
