"""``civicgrants check DOSSIER.json``: the audit printed, exit 0 clean, 1 with errors, 2 unreadable."""

from __future__ import annotations

import argparse
import io as _io
import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from civicgrants.budget import Budget, BudgetForm, BudgetRow, Funding, Source
from civicgrants.cli import main
from civicgrants.cli.common import emit
from civicgrants.datasets import seed_001_dossier
from civicgrants.dossier import (
    Activity,
    Capacity,
    Content,
    Dossier,
    DossierRules,
    Estimate,
    Indicator,
    Pledge,
    PriorProject,
    Questionnaire,
    Task,
    audit,
)
from civicgrants.io import dump, dumps
from civicgrants.io.labels import missing
from civicgrants.io.render import render
from civicgrants.io.views.dossier import LABELS
from civicgrants.model import Money, Names, Organisation, OrganisationKind
from civicgrants.schedule import GridActivity, MonthGrid


def run(*argv: str) -> tuple[int, str, str]:
    out, err = _io.StringIO(), _io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def _grant(amount: int) -> tuple[Funding, ...]:
    return (Funding(Source.GRANT, Money(amount)),)


def _split(grant: int, business: int) -> tuple[Funding, ...]:
    return (Funding(Source.GRANT, Money(grant)), Funding(Source.BUSINESS, Money(business)))


def small() -> Dossier:
    """One task, one activity over 3 months, an estimate of 1 000 000 (200 000 by business)."""
    names = Names(ru="Тренинги", en="Trainings")
    budget = Budget(
        "estimate",
        (
            BudgetRow(
                "TOTAL",
                item="Итого",
                declared_total=Money(1_000_000),
                funding=_split(800_000, 200_000),
            ),
            BudgetRow(
                "1",
                item="Административные затраты",
                declared_total=Money(450_000),
                funding=_grant(450_000),
            ),
            BudgetRow(
                "1.a",
                "1",
                item="Руководитель проекта",
                unit="месяц",
                quantity=Decimal(3),
                unit_price=Money(150_000),
                declared_total=Money(450_000),
                funding=_grant(450_000),
            ),
            BudgetRow(
                "3",
                item="Прямые расходы",
                declared_total=Money(550_000),
                funding=_split(350_000, 200_000),
            ),
            BudgetRow(
                "3.1",
                "3",
                item="1) мероприятие 1",
                activity="T1.A1",
                declared_total=Money(550_000),
                funding=_split(350_000, 200_000),
            ),
            BudgetRow(
                "3.1.a",
                "3.1",
                item="Гонорар тренера",
                unit="услуга",
                quantity=Decimal(5),
                unit_price=Money(110_000),
                declared_total=Money(550_000),
                funding=_split(350_000, 200_000),
            ),
        ),
        form=BudgetForm.STATE_SMETA,
    )
    content = Content(
        "LSG",
        "goal",
        MonthGrid(3, (GridActivity("T1.A1", names, (1, 2, 3), "3.1"),)),
        ("mangistau",),
        (
            Task(
                "T1",
                Names(ru="Обучение", en="Training"),
                (Activity("T1.A1", names, ("mangistau",)),),
            ),
        ),
        monitoring=(Indicator("I1.1", Names(ru="Отчёт", en="Report"), "T1.A1"),),
        pledges=(Pledge("C1", Source.BUSINESS, "софинансирование бизнеса", Money(200_000)),),
    )
    applicant = Organisation("applicant", Names(ru="ОЮЛ"), OrganisationKind.NGO)
    return Dossier(
        "small",
        Questionnaire(applicant, "association"),
        Capacity(),
        content,
        Estimate(budget),
        Money(800_000),
    )


def write(tmp_path: Path, dossier: Dossier) -> Path:
    return dump(dossier, tmp_path / f"{dossier.id}.json")


def line_of(out: str, code: str) -> str:
    (line,) = [line for line in out.splitlines() if f" {code} " in line]
    return line


def test_a_consistent_dossier_exits_0(tmp_path: Path) -> None:
    status, out, err = run("check", str(write(tmp_path, small())))
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "dossier small: 0 errors, 0 warnings, 0 info",
        "requested KZT800,000.00; estimate's grant total KZT800,000.00",
    ]


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    old = PriorProject("P1", 2010, "an old project", 2012)
    dossier = attrs.evolve(small(), capacity=Capacity(prior_projects=(old,)))
    path = write(tmp_path, dossier)
    assert run("check", str(path))[0] == 0
    status, out, _ = run("check", str(path), "--submitted", "2021")
    assert status == 0
    assert out.splitlines()[0] == "dossier small: 0 errors, 1 warning, 0 info"
    line = line_of(out, "prior-project-outside-window")
    assert line.split()[:3] == [
        "warning",
        "prior-project-outside-window",
        "capacity.prior_projects[P1]",
    ]


def test_cofinancing_mismatch_exits_1_at_the_pledge(tmp_path: Path) -> None:
    d = small()
    pledge = attrs.evolve(d.content.pledges[0], amount=Money(250_000))
    d = attrs.evolve(d, content=attrs.evolve(d.content, pledges=(pledge,)))
    status, out, err = run("check", str(write(tmp_path, d)))
    assert (status, err) == (1, "")
    assert out.splitlines()[0] == "dossier small: 1 error, 0 warnings, 0 info"
    line = line_of(out, "cofinancing-mismatch")
    assert line.split()[:3] == ["error", "cofinancing-mismatch", "content.pledges[C1]"]
    assert line.endswith("250000.00 pledged, 200000.00 in the estimate")


def test_requested_over_cap_exits_1_at_requested(tmp_path: Path) -> None:
    path = str(write(tmp_path, small()))
    status, out, _ = run("check", path, "--max-grant", "750000")
    assert status == 1
    line = line_of(out, "requested-over-cap")
    assert line.split()[:3] == ["error", "requested-over-cap", "requested"]
    assert line.endswith("800000.00 requested, the call's cap is 750000.00")
    assert run("check", path, "--max-grant", "800000")[0] == 0
    # the same through the library call the command makes
    over = audit(small(), rules=DossierRules(max_grant=Money(750_000)))
    assert emit(over, argparse.Namespace(), _io.StringIO()) == 1


def test_a_cap_that_is_not_an_amount_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        run("check", str(write(tmp_path, small())), "--max-grant", "7 500")
    assert exc.value.code == 2
    assert "not an amount" in capsys.readouterr().err


def test_requested_against_the_estimate_exits_1(tmp_path: Path) -> None:
    d = attrs.evolve(small(), requested=Money(900_000))
    status, out, _ = run("check", str(write(tmp_path, d)))
    assert status == 1
    assert line_of(out, "requested-vs-estimate").split()[:3] == [
        "error",
        "requested-vs-estimate",
        "requested",
    ]


def test_an_invalid_dossier_exits_2_with_a_located_line(tmp_path: Path) -> None:
    data = json.loads(dumps(small()))
    data["content"]["tasks"][0]["activities"][0]["code"] = "A1"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    status, out, err = run("check", str(path))
    assert status == 2
    assert err.count("\n") == 1 and err.startswith("civicgrants: error: ")
    assert str(path) in err and "content.tasks[0].activities[0].code" in err
    assert out == ""  # stdout carries results only: errors go to stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), ('{"schema": "civicgrants/dossier@1", "id": ', "not valid JSON")],
)
def test_an_unreadable_dossier_exits_2_on_one_line(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "dossier.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    status, _, err = run("check", str(path))
    assert status == 2
    assert err.count("\n") == 1 and message in err and str(path) in err


def test_seed_001_counts(tmp_path: Path) -> None:
    path = write(tmp_path, seed_001_dossier())
    status, out, _ = run("check", str(path), "--submitted", "2021")
    assert status == 1
    assert out.splitlines()[0] == "dossier seed-001: 3 errors, 20 warnings, 3 info"


# -- Kazakh ----------------------------------------------------------------------------------


def test_dossier_labels_have_kazakh() -> None:
    assert missing(LABELS, "kk") == []
    assert missing(LABELS, "ru") == []


def test_the_audit_in_kazakh_uses_kazakh_labels() -> None:
    d = small()
    d = attrs.evolve(d, requested=Money(900_000))
    text = render(audit(d), "text", lang="kk")
    first, header = text.splitlines()[:2]
    assert first == "өтінім small: 1 қате, 0 ескерту, 0 мәлімет"
    assert header.split() == ["деңгей", "код", "орны", "ескертпе"]
    assert text.splitlines()[-1].startswith("сұралды ")
