"""Field builders: the checks on every entity's fields, and pausing the collector."""

from __future__ import annotations

import gc
from decimal import Decimal

import attrs
import pytest

from civicgrants.model.fields import (
    count,
    decimal,
    gc_paused,
    ident,
    matches,
    optional_ident,
    text,
    type_check,
)


@attrs.frozen
class _Thing:
    id: str = ident()
    parent: str | None = optional_ident()
    note: str | None = text(optional=True)
    n: int = count(minimum=1, default=1)
    share: Decimal | None = decimal(optional=True, minimum=0, maximum=1)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"id": 7}, "id: must be a string, got 7"),
        ({"id": "two words"}, "id: must be an id of letters, digits, '.', '_', ':' or '-'"),
        ({"id": "a", "parent": ["p"]}, "parent: must be a string, got ['p']"),
        ({"id": "a", "parent": "p q"}, "parent: must be an id"),
        ({"id": "a", "note": "  "}, "note: must be a non-empty string, got '  '"),
        ({"id": "a", "note": 5}, "note: must be a string, got 5"),
        ({"id": "a", "n": True}, "n: must be an integer, got True"),
        ({"id": "a", "n": 0}, "n: must be >= 1, got 0"),
        ({"id": "a", "share": 2}, "share: must be between 0 and 1, got 2"),
        ({"id": "a", "share": 0.5}, "share: must be a decimal number, got 0.5"),
    ],
)
def test_the_first_failing_check_speaks(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("[", r"\[").replace("]", r"\]")):
        _Thing(**kwargs)  # type: ignore[arg-type]


def test_none_passes_every_check_of_an_optional_field() -> None:
    thing = _Thing("a")
    assert (thing.parent, thing.note, thing.share) == (None, None, None)
    assert _Thing("a", "p", "n", 2, Decimal("0.5")).share == Decimal("0.5")


def test_a_bool_is_an_int_only_when_asked() -> None:
    assert not type_check(int, "an integer").test(True)
    assert type_check((int, bool), "an integer or a flag").test(True)
    assert type_check(bool, "a flag").test(False)
    assert type_check(object, "anything").test(1) and not type_check(object, "x").test(True)
    assert matches("[a-z]+", "letters").test("abc") and not matches("[a-z]+", "x").test(5)


def test_the_collector_is_paused_then_restored() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested: the outer block restores it
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError
    assert gc.isenabled()


def test_a_collector_switched_off_stays_off() -> None:
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
