"""Instances of every public entity and result, built from the shipped datasets.

:func:`examples` builds rich results from the datasets that ship with the
package (the public-spaces programme, the seed budget, dossier and final
reports, the example round, a season's plan, a commission's decision and review
on the synthetic round, the demo vote counted both ways, indicator roll-ups)
and walks them, collecting one instance of every attrs class reached: the
largest one seen, so the repr bound is tested where it is hardest.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import pkgutil
from collections.abc import Iterator, Mapping

import attrs

PACKAGES = (
    "model",
    "schedule",
    "scoring",
    "pb",
    "budget",
    "indicators",
    "dossier",
    "agreement",
    "round",
)
"""The computation packages whose public classes show themselves."""

VALUE_OBJECTS = ("civicgrants.model.money",)
"""Modules of small value objects that keep their exact attrs repr (Money and its kin)."""


def public_classes() -> list[type]:
    """Every public attrs class defined in the computation packages (in their ``__all__``)."""
    found: dict[str, type] = {}
    for name in PACKAGES:
        package = importlib.import_module(f"civicgrants.{name}")
        modules = [package] + [
            importlib.import_module(m.name)
            for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
        ]
        for module in modules:
            for attr in getattr(module, "__all__", ()):
                obj = getattr(module, attr, None)
                if isinstance(obj, type) and attrs.has(obj) and obj.__module__ == module.__name__:
                    found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return [found[k] for k in sorted(found)]


def _roots() -> Iterator[object]:
    from civicgrants.agreement.ledger import ledger
    from civicgrants.budget.audit import audit as audit_budget
    from civicgrants.budget.audit import check as check_budget
    from civicgrants.budget.summary import summarise
    from civicgrants.datasets import (
        public_spaces,
        seed_001_budget,
        seed_001_dossier,
        seed_002_final_report,
        seed_003_final_report,
    )
    from civicgrants.datasets.demo import demo_election
    from civicgrants.datasets.example_round import example_round
    from civicgrants.datasets.seed_002_report import seed_002_report
    from civicgrants.datasets.synthetic_round import synthetic_round
    from civicgrants.dossier.audit import audit as audit_dossier
    from civicgrants.dossier.report_check import check_final_report
    from civicgrants.indicators.programme import programme_records, programme_status
    from civicgrants.indicators.report import check_report
    from civicgrants.indicators.rollup import guess_definitions, rollup
    from civicgrants.model.limits import get_limits
    from civicgrants.pb.counting import compare, count
    from civicgrants.pb.hybrid import count_shortlist, shortlist_election
    from civicgrants.round.status import round_status
    from civicgrants.schedule import plan, public_spaces_methodology
    from civicgrants.schedule.season import SeasonLocality, Trainer, plan_season
    from civicgrants.scoring import decide
    from civicgrants.scoring.funding import fund, shortfalls
    from civicgrants.scoring.rank import draw_lot
    from civicgrants.scoring.reviewing import MissingScore, review
    from civicgrants.scoring.robustness import sensitivity, to_panel

    programme = public_spaces()
    yield programme
    yield get_limits()
    yield draw_lot(("a", "b", "c"), 0)
    yield MissingScore("a1", "m2", "q")
    yield check_final_report(seed_003_final_report())
    yield check_report(seed_002_report())
    methodology = public_spaces_methodology()
    places = ("kulsary", "maikomgen")
    yield plan_season(
        methodology,
        [SeasonLocality(x, dt.date(2021, 2, 1), "atyrau") for x in places],
        trainers=[Trainer("t1")],
    )
    budget = seed_001_budget()
    yield budget
    yield summarise(budget)
    yield check_budget(budget)
    yield audit_budget(budget)
    dossier = seed_001_dossier()
    yield dossier
    yield audit_dossier(dossier)
    yield seed_002_final_report()
    yield seed_003_final_report()
    the_round = example_round()
    yield the_round
    yield round_status(the_round)
    yield [ledger(a) for a in the_round.agreements[:3]]
    yield plan(public_spaces_methodology(), dt.date(2021, 2, 1), delays=[("5", 2)])
    call, sheet = synthetic_round()
    decision = decide(call, sheet)
    yield call
    yield sheet
    yield decision
    yield sensitivity(call, sheet, decision, draws=50, near=1)
    yield review(call, sheet, draws=50)
    yield to_panel(call, sheet, decision)
    yield fund(decision.funding_inputs, int(decision.pot.amount * 100))
    yield shortfalls(decision)
    yield count_shortlist(decision, shortlist_election(decision, []))
    election = demo_election()
    yield election
    yield count(election)
    yield count(election, rule="mes")
    yield compare(election)
    records = programme_records(programme)
    yield records
    definitions = guess_definitions(records)
    yield definitions
    the_rollup = rollup(records, definitions, by=("stage",))
    yield the_rollup
    yield the_rollup.source
    yield programme_status(programme)


def _walk(obj: object, seen: set[int], out: dict[type, list[object]], depth: int = 0) -> None:
    if id(obj) in seen or depth > 12:
        return
    seen.add(id(obj))
    if attrs.has(type(obj)):
        out.setdefault(type(obj), []).append(obj)
        for f in attrs.fields(type(obj)):
            _walk(getattr(obj, f.name), seen, out, depth + 1)
    elif isinstance(obj, Mapping):
        for value in list(obj.values())[:200]:
            _walk(value, seen, out, depth + 1)
    elif isinstance(obj, tuple | list | frozenset | set):
        for value in list(obj)[:200]:
            _walk(value, seen, out, depth + 1)
    elif hasattr(obj, "rows") and type(obj).__module__.startswith("civicgrants."):
        _walk(obj.rows, seen, out, depth + 1)


@functools.cache
def examples() -> dict[type, object]:
    """One instance per attrs class reached from the datasets: the one with the longest attrs repr."""
    found: dict[type, list[object]] = {}
    seen: set[int] = set()
    for root in _roots():
        _walk(root, seen, found)
    return {cls: max(objs, key=lambda o: len(attrs.fields(type(o)))) for cls, objs in found.items()}
