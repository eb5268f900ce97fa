"""LocalityLimit: optional minimum / maximum counts and amounts, checked with located messages."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicgrants.errors import DocumentError
from civicgrants.io.documents import dumps, loads
from civicgrants.model.money import Money
from civicgrants.model.programme import Call, CallApplication, LocalityLimit


def test_min_amount_is_optional_and_exact() -> None:
    assert LocalityLimit("kuryk").min_amount is None
    lim = LocalityLimit("kuryk", min_amount="1500000.50", max_amount=Decimal("2000000"))  # type: ignore[arg-type]
    assert lim.min_amount == Decimal("1500000.50")
    assert LocalityLimit("kuryk", min_amount=Decimal(0), max_amount=Decimal(0)).min_amount == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_amount": Decimal(-1)}, "min_amount: must be >= 0, got -1"),
        ({"min_amount": 1.5}, "min_amount: must be a decimal number"),
        (
            {"min_amount": Decimal(500), "max_amount": Decimal(400)},
            "max_amount: must be >= min_amount (500), got 400",
        ),
    ],
)
def test_bad_min_amount_is_located(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises((ValueError, TypeError)) as err:
        LocalityLimit("kuryk", **kwargs)  # type: ignore[arg-type]
    assert message in str(err.value)


def _doc(limit: dict[str, object]) -> str:
    return json.dumps(
        {
            "schema": "civicgrants/call@1",
            "id": "c",
            "pot": "100",
            "applications": [{"id": "a", "locality": "x", "requested": "10"}],
            "localities": [{"id": "x", **limit}],
        }
    )


def test_min_amount_in_a_call_document() -> None:
    call = loads(_doc({"min_amount": "25.50", "max_amount": "40"}), Call)
    assert call.localities[0].min_amount == Decimal("25.50")
    again = loads(dumps(call), Call)
    assert again == call
    with pytest.raises(DocumentError, match=r"localities\[0\]\.max_amount: must be >= min_amount"):
        loads(_doc({"min_amount": "50", "max_amount": "40"}), Call)
    with pytest.raises(DocumentError, match=r"localities\[0\]\.min_amount: must be >= 0, got -5"):
        loads(_doc({"min_amount": "-5"}), Call)


@given(st.integers(0, 10**9), st.integers(0, 10**9))
def test_min_amount_never_exceeds_max_amount(low: int, high: int) -> None:
    if low <= high:
        lim = LocalityLimit("x", min_amount=Decimal(low), max_amount=Decimal(high))
        assert lim.min_amount is not None and lim.max_amount is not None
        assert lim.min_amount <= lim.max_amount
    else:
        with pytest.raises(ValueError, match="max_amount: must be >= min_amount"):
            LocalityLimit("x", min_amount=Decimal(low), max_amount=Decimal(high))


def test_call_accepts_min_amount() -> None:
    call = Call(
        "c",
        pot=Money(100),
        applications=(CallApplication("a", "x", Decimal(10)),),
        localities=(LocalityLimit("x", min_count=1, min_amount=Decimal(10)),),
    )
    assert call.localities[0].min_amount == Decimal(10)


def test_locality_amounts_must_be_whole_minor_units_of_the_call() -> None:
    from decimal import Decimal

    from civicgrants.errors import ValidationError
    from civicgrants.model.money import Money
    from civicgrants.model.programme import (
        Call,
        CallApplication,
        Criterion,
        Direction,
        LocalityLimit,
    )

    with pytest.raises(ValidationError, match=r"localities\[0\]\.max_amount: must be a whole"):
        Call(
            "c",
            pot=Money(100),
            criteria=[Criterion("q", Direction.HIGHER_IS_BETTER)],
            applications=[CallApplication("a1", "x", Decimal(10))],
            localities=[LocalityLimit("x", max_amount=Decimal("10.005"))],
        )
