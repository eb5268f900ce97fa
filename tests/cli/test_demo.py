"""``civicgrants demo`` prints what a notebook gets from the same library call."""

from __future__ import annotations

import io

import pytest

from civicgrants.cli import main
from civicgrants.datasets.demo import demo
from civicgrants.io.render import render
from civicgrants.model.walkthrough import Walkthrough


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_the_demo_command_prints_the_rendered_walkthrough(lang: str) -> None:
    out = io.StringIO()
    assert main(["demo", "--lang", lang], out=out) == 0
    walkthrough = demo(lang=lang)
    assert isinstance(walkthrough, Walkthrough)
    assert out.getvalue() == render(walkthrough, "text", lang=lang)


def test_every_step_is_a_typed_result() -> None:
    from civicgrants.budget import BudgetCheck
    from civicgrants.model import Programme
    from civicgrants.schedule import Plan
    from civicgrants.scoring import Review

    w = demo()
    assert isinstance(w.step("programme").result, Programme)
    assert isinstance(w.step("schedule").result, Plan)
    assert isinstance(w.step("budget").result, BudgetCheck)
    assert isinstance(w.step("scoring").result, Review)
    with pytest.raises(KeyError, match="no step 'nope'"):
        w.step("nope")


def test_the_demo_writes_money_one_way_per_language() -> None:
    text = render(demo(lang="en"), "text", lang="en")
    assert "KZT1,600,000.00" in text and "₸" not in text.split("Step of the cycle: budgets")[0]
    ru = render(demo(lang="ru"), "text", lang="ru")
    assert "1\xa0600\xa0000,00\xa0₸" in ru and "KZT1" not in ru
