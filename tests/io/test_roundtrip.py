"""Property tests: every document type survives dumps → loads, exactly and canonically."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicgrants.io import DOCUMENT_TYPES, dumps, loads
from civicgrants.model import (
    Call,
    Contribution,
    ContributionForm,
    ContributorKind,
    Criterion,
    Direction,
    Money,
    Names,
    Organisation,
    OrganisationKind,
    Person,
    Programme,
    PublishedFigure,
    redact,
)
from civicgrants.testing import document_strategy, initiative_groups, people, programmes

SLOW_TYPES = {"programme"}
"""Document types whose objects are large: fewer examples, and marked ``slow``."""


def document_types(names: Iterable[str] = DOCUMENT_TYPES) -> list[Any]:
    """Document type names for ``parametrize``, the slow ones marked ``slow``."""
    return [
        pytest.param(name, marks=pytest.mark.slow) if name in SLOW_TYPES else name for name in names
    ]


def for_all(name: str, strategy: st.SearchStrategy[Any], check: Callable[[Any], None]) -> None:
    """Run ``check`` on generated objects: 50 of most types, 25 of the slow ones."""

    @settings(
        max_examples=25 if name in SLOW_TYPES else 50,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(strategy)
    def run(obj: Any) -> None:
        check(obj)

    run()


def documents_of(name: str) -> st.SearchStrategy[Any]:
    return document_strategy(DOCUMENT_TYPES[name][0])


@pytest.mark.parametrize("name", document_types())
def test_unredacted_round_trip_is_exact(name: str) -> None:
    def check(obj: Any) -> None:
        assert loads(dumps(obj, redact=False)) == obj

    for_all(name, documents_of(name), check)


@pytest.mark.parametrize("name", document_types())
def test_default_dump_round_trips_to_the_redacted_object(name: str) -> None:
    def check(obj: Any) -> None:
        assert loads(dumps(obj)) == redact(obj)

    for_all(name, documents_of(name), check)


@pytest.mark.parametrize("name", document_types())
def test_dumps_is_deterministic_and_canonical(name: str) -> None:
    tag = f"civicgrants/{name}@{DOCUMENT_TYPES[name][1]}"

    def check(obj: Any) -> None:
        text = dumps(obj)
        assert dumps(obj) == text
        assert dumps(loads(text)) == text
        full = dumps(obj, redact=False)
        assert dumps(obj, redact=False) == full
        assert dumps(loads(full), redact=False) == full
        for each in (text, full):
            assert each.endswith("}\n")
            assert next(iter(json.loads(each).items())) == ("schema", tag)

    for_all(name, documents_of(name), check)


def _no_float(text: str) -> Any:
    raise AssertionError(f"a float in a document: {text}")


@pytest.mark.parametrize("name", document_types())
def test_no_float_in_any_dump(name: str) -> None:
    def check(obj: Any) -> None:
        for redacted in (True, False):
            json.loads(dumps(obj, redact=redacted), parse_float=_no_float)

    for_all(name, documents_of(name), check)


# -- personal data ---------------------------------------------------------------------------


def people_in(obj: object) -> Iterator[Person]:
    if isinstance(obj, Person):
        yield obj
    elif isinstance(obj, tuple):
        for item in obj:
            yield from people_in(item)
    elif attrs.has(type(obj)):
        for field in attrs.fields(type(obj)):
            yield from people_in(getattr(obj, field.name))


WITH_CONTACTS = {
    "person": people(contacts=True),
    "initiative-group": initiative_groups(contacts=True),
    "programme": programmes(contacts=True),
}


@pytest.mark.parametrize("name", document_types(WITH_CONTACTS))
def test_redacted_dump_holds_no_personal_data(name: str) -> None:
    def check(obj: Any) -> None:
        found = list(people_in(obj))
        assert all(p.name and p.phone and p.email for p in found)
        secrets = {s for p in found for s in (p.name, p.phone, p.email) if s is not None}
        kept = dumps(obj, redact=False)
        redacted = dumps(obj)
        for secret in secrets:
            assert secret in kept  # the check below would be vacuous otherwise
            assert secret not in redacted
        assert all(
            (p.name, p.phone, p.email) == (None, None, None) for p in people_in(loads(redacted))
        )

    for_all(name, WITH_CONTACTS[name], check)


@pytest.mark.slow
def test_documents_with_people_do_hold_people() -> None:
    counts: list[int] = []
    for_all("initiative-group", WITH_CONTACTS["initiative-group"], lambda g: counts.append(1))
    for_all("programme", WITH_CONTACTS["programme"], lambda p: counts.append(len(p.groups)))
    assert sum(counts) > 25


# -- regressions: bugs found while writing these tests, fixed since ----------------------------


def _programme_with(figure: PublishedFigure) -> Programme:
    org = Organisation("efca", Names(en="EFCA"), OrganisationKind.FOUNDATION)
    start, end = dt.date(2018, 9, 1), dt.date(2021, 12, 31)
    return Programme("qk", Names(en="Public spaces"), org, org, start, end, figures=(figure,))


def _call_with(weight: Decimal) -> Call:
    criterion = Criterion("budget", Direction.HIGHER_IS_BETTER, Names(en="Budget"), weight=weight)
    return Call("call-1", Names(en="Call"), criteria=(criterion,))


def _cash(amount: Decimal) -> Contribution:
    return Contribution(
        "c1", ContributorKind.RESIDENTS, ContributionForm.CASH, "a donation", Money(amount)
    )


@pytest.mark.parametrize(
    "obj",
    [
        pytest.param(
            _programme_with(PublishedFigure("contribution", Decimal("29.5E6"), "KZT", "brochure")),
            id="figure-value-2.95E+7",
        ),
        pytest.param(_call_with(Decimal("1E+1")), id="criterion-weight-1E+1"),
        pytest.param(_cash(Decimal("1E+3")), id="money-amount-1E+3"),
    ],
)
def test_exponent_decimals_round_trip(obj: Any) -> None:
    """Decimals that print as ``1E+3`` are dumped in fixed-point notation, and read back."""
    text = dumps(obj, redact=False)
    assert "E+" not in text and "E-" not in text
    assert loads(text) == obj


def test_exponent_number_in_json_text_is_dumped_in_fixed_point() -> None:
    text = (
        '{"schema": "civicgrants/contribution@1", "id": "c1", "contributor": "residents", '
        '"form": "in_kind", "description": "x", "valuation": {"method": "declared", "hours": 1e2}}'
    )
    contribution = loads(text)
    assert contribution.valuation.hours == 100
    assert '"hours": "100"' in dumps(contribution)
    assert loads(dumps(contribution)) == contribution


def test_equal_amounts_have_one_spelling() -> None:
    zero, negative_zero = _cash(Decimal("0")), _cash(Decimal("-0"))
    assert zero == negative_zero
    assert dumps(negative_zero) == dumps(zero)
    assert '"amount": "0.00"' in dumps(zero)
