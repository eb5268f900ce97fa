"""``st.from_type`` draws valid objects of every entity and document type."""

from __future__ import annotations

import importlib
import pkgutil

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import civicgrants.testing  # noqa: F401 - registers on import
from civicgrants.io import DOCUMENT_TYPES
from civicgrants.model import Application, Money
from civicgrants.testing.registry import entity_types, registered_types, strategy_for

ENTITIES = entity_types()


def public_attrs_classes(package: str) -> set[type]:
    """Every public attrs class defined in the modules of ``package``."""
    root = importlib.import_module(package)
    found = set()
    modules = [root.__name__] + [
        m.name for m in pkgutil.walk_packages(root.__path__, f"{root.__name__}.")
    ]
    for name in modules:
        if any(part.startswith("_") for part in name.split(".")):
            continue
        module = importlib.import_module(name)
        for attr, obj in vars(module).items():
            if (
                isinstance(obj, type)
                and attrs.has(obj)
                and obj.__module__ == name
                and not attr.startswith("_")
            ):
                found.add(obj)
    return found


def test_import_registers_every_entity() -> None:
    assert registered_types() == frozenset(ENTITIES)


def test_every_model_class_and_document_type_is_an_entity() -> None:
    import civicgrants.model as model

    exported = {getattr(model, n) for n in model.__all__}
    model_classes = {c for c in public_attrs_classes("civicgrants.model") if c in exported}
    documents = {cls for cls, _ in DOCUMENT_TYPES.values()}
    assert model_classes - set(ENTITIES) == set()
    assert documents - set(ENTITIES) == set()
    assert len(ENTITIES) >= 90


def test_every_attrs_class_a_document_holds_is_an_entity() -> None:
    # the parts of documents (rows, tranches, criteria …) are drawn too, so none escapes
    every = public_attrs_classes("civicgrants")
    held = set()
    for cls in ENTITIES:
        for field in attrs.fields(attrs.resolve_types(cls)):
            held |= {c for c in every if c.__name__ in repr(field.type).replace(".", " ").split()}
    assert held - set(ENTITIES) == set()


def test_money_is_no_longer_built_from_arbitrary_objects() -> None:
    @settings(max_examples=30, database=None, deadline=None)
    @given(st.from_type(Money))
    def exact(m: Money) -> None:
        assert isinstance(m, Money)
        assert m.amount == m.amount.quantize(m.amount)

    exact()


def test_from_type_of_an_application_has_a_valid_requested_amount() -> None:
    @settings(max_examples=10, database=None, deadline=None)
    @given(st.from_type(Application))
    def valid(app: Application) -> None:
        attrs.validate(app)
        assert app.requested is None or app.requested.amount >= 0

    valid()


def test_a_non_entity_has_no_strategy() -> None:
    with pytest.raises(TypeError, match="not an entity type"):
        strategy_for(dict)


@pytest.mark.parametrize("cls", ENTITIES, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_from_type_draws_valid_instances(cls: type) -> None:
    @settings(
        max_examples=3,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.from_type(cls))
    def draws(obj: object) -> None:
        assert type(obj) is cls
        attrs.validate(obj)  # type: ignore[arg-type]

    draws()
