"""Every public entity and result shows itself: a short repr, an HTML table, a plottable frame."""

from __future__ import annotations

import html.parser
from decimal import Decimal

import attrs
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicgrants.model.display import KINDS, REPR_LIMIT, frame, html_table, summary
from civicgrants.testing.strategies import programmes
from tests.display.examples import VALUE_OBJECTS, examples, public_classes

CLASSES = public_classes()
SHOWN = [c for c in CLASSES if c.__module__ not in VALUE_OBJECTS]
EXAMPLES = examples()
FRAMED = [c for c in CLASSES if hasattr(c, "to_frame")]


def _id(cls: type) -> str:
    return f"{cls.__module__.removeprefix('civicgrants.')}.{cls.__qualname__}"


class _Balanced(html.parser.HTMLParser):
    VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags = 0

    def handle_starttag(self, tag: str, attrs_: object) -> None:
        self.tags += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def assert_html(text: str) -> None:
    parser = _Balanced()
    parser.feed(text)
    parser.close()
    assert parser.tags > 0, text
    assert not parser.errors, parser.errors
    assert not parser.stack, f"unclosed: {parser.stack}"
    assert text.startswith("<table") and text.endswith("</table>")


def assert_columns(df: pd.DataFrame, columns: tuple[tuple[str, str], ...], exact: bool) -> None:
    assert list(df.columns)[-len(columns) :] == [name for name, _ in columns]
    for name, kind in columns:
        dtype = df[name].dtype
        if kind in ("money", "number"):
            if exact:
                assert str(dtype) == "object"
                assert all(v is None or isinstance(v, Decimal) for v in df[name]), name
            else:
                assert str(dtype) == "float64", (name, dtype)
        elif kind == "int":
            assert str(dtype) == "int64", (name, dtype)
        elif kind == "bool":
            assert str(dtype) == "bool", (name, dtype)
        elif kind == "date":
            assert str(dtype).startswith("datetime64"), (name, dtype)
        else:
            assert kind == "str"
            assert pd.api.types.is_string_dtype(dtype), (name, dtype)


def test_every_public_class_is_listed_and_shows_itself() -> None:
    # A new public attrs class in a computation package is found here: it must carry @shows.
    assert len(CLASSES) > 150
    missing = [_id(c) for c in SHOWN if "_repr_html_" not in c.__dict__]
    assert not missing, f"classes without @shows: {missing}"
    assert all(c.__repr__.__module__ == "civicgrants.model.display" for c in SHOWN)


def _examples(cls: type) -> tuple[object, ...]:
    objs = EXAMPLES.get(cls, ())
    assert objs, f"no instance of {_id(cls)} is reached from the shipped data"
    assert all(type(obj) is cls for obj in objs)
    return objs


def test_every_class_has_an_instance_from_the_shipped_data() -> None:
    # Examples are the results the datasets give: a class none reaches is checked on no instance.
    without = [_id(c) for c in CLASSES if c not in EXAMPLES]
    assert not without, f"public classes no example reaches: {without}"


@pytest.mark.parametrize("cls", CLASSES, ids=_id)
def test_repr_is_short_and_html_parses(cls: type) -> None:
    for obj in _examples(cls):  # every instance reached, so the bound meets the largest
        text = repr(obj)
        assert len(text) <= REPR_LIMIT, text
        assert "\n" not in text
        assert text.startswith(cls.__name__), text
        assert " at 0x" not in text
        if cls.__module__ not in VALUE_OBJECTS:
            assert_html(obj._repr_html_())  # type: ignore[attr-defined]


@pytest.mark.parametrize("cls", FRAMED, ids=_id)
@pytest.mark.parametrize("exact", [False, True])
def test_to_frame_has_the_documented_columns_and_dtypes(cls: type, exact: bool) -> None:
    columns = cls.FRAME_COLUMNS  # type: ignore[attr-defined]
    assert all(kind in KINDS for _, kind in columns)
    for name, _ in columns:  # the docstring names every column
        assert f"``{name}``" in (cls.to_frame.__doc__ or ""), name  # type: ignore[attr-defined]
    for obj in _examples(cls):
        df = obj.to_frame(exact=exact)  # type: ignore[attr-defined]
        assert len(df) > 0, obj
        assert_columns(df, columns, exact)


def test_the_rows_bearing_results_have_frames() -> None:
    names = {c.__name__ for c in FRAMED}
    assert {"Programme", "Budget", "Summary", "Plan", "CommissionDecision", "Outcome"} <= names
    assert "VoteCount" in names


def test_rollup_shows_itself() -> None:
    from civicgrants.indicators.rollup import Rollup

    rollups = _walk_rollups()
    assert rollups
    r = rollups[0]
    assert repr(r).startswith("Rollup with ")
    assert_html(r._repr_html_())
    df = r.to_frame()
    assert_columns(df, Rollup.FRAME_COLUMNS, exact=False)
    assert list(df.columns)[: len(r.by)] == list(r.by)


def _walk_rollups() -> list[object]:
    from civicgrants.datasets import public_spaces
    from civicgrants.indicators.programme import programme_records
    from civicgrants.indicators.rollup import guess_definitions, rollup

    records = programme_records(public_spaces())
    return [rollup(records, guess_definitions(records), by=("stage",))]


def test_a_programme_repr_is_a_summary_and_equality_is_unchanged() -> None:
    from civicgrants.datasets import public_spaces

    p = public_spaces()
    assert repr(p).startswith("Programme 'public-spaces': ")
    assert "projects=85 items" in repr(p)
    assert len(repr(p)) <= REPR_LIMIT
    assert p == attrs.evolve(p) and hash(p) == hash(attrs.evolve(p))


def test_the_programme_frame_sums_exactly_with_exact_true() -> None:
    from civicgrants.datasets import public_spaces

    p = public_spaces()
    exact = p.to_frame(exact=True)
    reported = [x.reported_amount.value.amount for x in p.projects if x.reported_amount]
    assert sum(v for v in exact["reported"] if v is not None) == sum(reported)
    shown = p.to_frame()
    assert shown["reported"].sum() == pytest.approx(float(sum(reported)))
    assert shown["reported"].isna().sum() == sum(x.reported_amount is None for x in p.projects)


def test_html_escapes_every_text() -> None:
    text = html_table("<T>", [("<a>", "x & y"), ("b", '"q"')])
    assert "<a>" not in text and "&lt;a&gt;" in text and "x &amp; y" in text
    assert_html(text)


def test_frame_kinds() -> None:
    df = frame([("n", "int"), ("x", "number"), ("s", "str")], [(1, Decimal("0.5"), "a")])
    assert [str(df[c].dtype) for c in ("n", "x")] == ["int64", "float64"]
    exact = frame([("x", "number")], [(Decimal("0.1"),)], exact=True)
    assert exact.loc[0, "x"] == Decimal("0.1")


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(programmes())
def test_any_programme_shows_itself(programme: object) -> None:
    text = repr(programme)
    assert len(text) <= REPR_LIMIT and "\n" not in text
    assert text == summary(programme) or len(text) <= 160
    assert_html(programme._repr_html_())  # type: ignore[attr-defined]
    df = programme.to_frame()  # type: ignore[attr-defined]
    assert len(df) == len(programme.projects)  # type: ignore[attr-defined]
    assert_columns(df, type(programme).FRAME_COLUMNS, exact=False)


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=400), st.lists(st.text(max_size=30), max_size=30))
def test_summary_is_one_bounded_line(name: str, items: list[str]) -> None:
    from civicgrants.pb.outcome import ProjectDecision

    d = ProjectDecision(name or "x", True, 1, "greedy", name, tuple((i, i) for i in items))
    text = summary(d)
    assert len(text) <= REPR_LIMIT and "\n" not in text
    assert_html(d._repr_html_())  # type: ignore[attr-defined]
