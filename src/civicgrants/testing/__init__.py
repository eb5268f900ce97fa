"""Hypothesis strategies for civicgrants entities, for downstream test suites.

Every strategy generates only *valid* objects: each one constructs without
error, ids inside a `Programme` refer to things the
programme holds, organisation BINs carry a correct check digit, and amounts
are exact `Decimal` values built from integers, never floats.
Names and texts mix Russian, Kazakh and English.

This package needs hypothesis, a test-time dependency; importing
``civicgrants`` itself never imports it.

Usage::

    from hypothesis import given, settings

    from civicgrants.io import dumps, loads
    from civicgrants.testing import money, programmes


    @settings(max_examples=25, deadline=None)  # programmes are large
    @given(programmes())
    def test_programme_round_trips(programme):
        assert loads(dumps(programme, redact=False)) == programme


    @given(money(min_value=1, max_value=5_000_000))
    def test_grant_is_positive(grant):
        assert grant.amount > 0 and grant.currency == "KZT"

Importing this package registers a strategy for every entity and document
type with hypothesis (`civicgrants.testing.registry.register()`), so
``st.from_type(Money)``, ``st.from_type(Application)`` … draw valid objects.

See `civicgrants.testing.strategies` for every strategy.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "civicgrants.testing needs hypothesis: pip install 'civicgrants[testing]'"
    ) from exc

from civicgrants.testing.budget import budgets, policies
from civicgrants.testing.indicators import indicator_records, reports
from civicgrants.testing.panels import panels
from civicgrants.testing.registry import register
from civicgrants.testing.schedule import methodologies
from civicgrants.testing.scoring import scored_calls
from civicgrants.testing.strategies import (
    CURRENCIES,
    applications,
    beneficiary_counts,
    calls,
    contributions,
    criteria,
    dates,
    districts,
    document_strategy,
    documents,
    ids,
    initiative_groups,
    localities,
    memoranda,
    money,
    names,
    organisations,
    people,
    programmes,
    projects,
    published_figures,
    regions,
    stage_windows,
    stages,
    texts,
)
from civicgrants.testing.vote import elections

register()

__all__ = [
    "CURRENCIES",
    "applications",
    "beneficiary_counts",
    "budgets",
    "calls",
    "contributions",
    "criteria",
    "dates",
    "districts",
    "document_strategy",
    "documents",
    "elections",
    "ids",
    "indicator_records",
    "initiative_groups",
    "localities",
    "memoranda",
    "methodologies",
    "money",
    "names",
    "organisations",
    "panels",
    "people",
    "policies",
    "programmes",
    "projects",
    "published_figures",
    "regions",
    "register",
    "reports",
    "scored_calls",
    "stage_windows",
    "stages",
    "texts",
]
