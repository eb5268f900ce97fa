"""The limits every field of every entity is checked against (issue 14)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicgrants.errors import DocumentError
from civicgrants.io import loads
from civicgrants.model.fields import count, date, decimal, text
from civicgrants.model.limits import get_limits, use_limits


@attrs.frozen
class _Thing:
    weight: Decimal = decimal(minimum=0, default=Decimal(1))
    people: int = count(default=0)
    on: dt.date | None = date(optional=True)
    name: str | None = text(optional=True)


def test_a_nan_is_refused_before_it_is_compared() -> None:
    with pytest.raises(ValueError, match=r"^weight: not a finite number$"):
        _Thing(weight=Decimal("NaN"))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e60", "weight: too large: 1E+60 is beyond 10**30"),
        ("1e-41", "weight: too small: 1E-41 is below 10**-30"),
        ("1." + "1" * 40, "weight: 41 significant digits, more than 40"),
    ],
)
def test_decimals_beyond_the_limits_are_refused(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=rf"^{message.replace('*', '[*]').replace('+', '[+]')}"):
        _Thing(weight=Decimal(value))


def test_counts_beyond_the_limits_are_refused_and_raising_the_limit_admits_them() -> None:
    with pytest.raises(ValueError, match=r"^people: too large: 1E\+40 is beyond 10\*\*30"):
        _Thing(people=10**40)
    with use_limits(exponent=50):
        assert _Thing(people=10**40).people == 10**40
    assert _Thing(people=10**15 - 1).people == 10**15 - 1


@given(st.dates())
def test_a_date_is_accepted_exactly_within_the_year_limits(day: dt.date) -> None:
    limits = get_limits()
    if limits.first_year <= day.year <= limits.last_year:
        assert _Thing(on=day).on == day
    else:
        with pytest.raises(ValueError, match=r"^on: .* is (before 1900|after 2200) \(the"):
            _Thing(on=day)


def test_a_lone_surrogate_is_refused_and_a_pair_is_text() -> None:
    with pytest.raises(ValueError, match=r"^name: must be text UTF-8 can write"):
        _Thing(name="A\udc80")
    assert _Thing(name="A\U0001f600").name == "A\U0001f600"


def test_a_document_names_the_field_of_a_huge_integer_and_its_nesting() -> None:
    locality = (
        '{"schema": "civicgrants/locality@1", "id": "kuryk", "names": {"en": "Kuryk"}, '
        '"kind": "village", "region": "mangistau", "population": %s}'
    )
    with pytest.raises(DocumentError) as info:
        loads(locality % ("1" * 5000))
    assert info.value.one_line() == (
        "<data>: population: must be an integer, got an integer of 5000 digits, more than 40 "
        "(the digits limit; raise it with use_limits(digits=...))"
    )
    region = '{"schema": "civicgrants/region@1", "id": "a", "names": {"en": "A"}, "x": %s}'
    deep = "[" * 65 + "]" * 65
    with pytest.raises(DocumentError) as info:
        loads(region % deep, allow_unknown=True)
    assert "nested deeper than 64 levels at line 1" in info.value.one_line()
    with use_limits(depth=100):
        assert loads(region % deep, allow_unknown=True).id == "a"


def test_a_schema_version_of_5000_digits_is_a_located_error() -> None:
    doc = '{"schema": "civicgrants/region@1%s", "id": "a", "names": {"en": "A"}}' % ("0" * 5000)
    with pytest.raises(DocumentError) as info:
        loads(doc)
    assert "unsupported version '1000000000000000000" in info.value.one_line()
    assert "(5001 characters)" in info.value.one_line()
