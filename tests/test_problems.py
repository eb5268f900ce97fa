"""Issue 15, part 3: problems a service can return (``loc``, ``code``, ``msg``, ``input``),
in document order, as pydantic-shaped plain data, with every code documented."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicgrants import model
from civicgrants.errors import (
    CODES,
    DocumentError,
    Problem,
    ValidationError,
    article,
    classify,
    format_loc,
    in_document_order,
    parse_loc,
)
from civicgrants.io import from_data, loads

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "errors.md"

keys = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True)
indices = st.integers(min_value=0, max_value=10**6)
files = st.from_regex(r"([a-z]{1,6}/)?[a-z][a-z0-9_-]{0,8}\.(json|csv|xlsx|pb)", fullmatch=True)
json_paths = st.tuples(keys, st.lists(st.one_of(keys, indices), max_size=5)).map(
    lambda t: (t[0], *t[1])
)
row_paths = st.tuples(indices, st.lists(st.one_of(keys, indices), max_size=3)).map(
    lambda t: (t[0], *t[1])
)


@st.composite
def locs(draw: st.DrawFn) -> tuple[str | int, ...]:
    """A location of the documented convention: file (and line), then a path or a row."""
    head: tuple[str | int, ...] = ()
    if draw(st.booleans()):
        head = (draw(files),)
        if draw(st.booleans()):
            head = (*head, draw(indices))
    tail = draw(st.one_of(st.just(()), json_paths, row_paths))
    return (*head, *tail)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=4,
)
inputs = json_values | st.decimals(allow_nan=False, allow_infinity=False, places=2) | st.dates()


@given(locs())
def test_a_loc_round_trips_through_its_printed_form(loc: tuple[str | int, ...]) -> None:
    text = format_loc(loc)
    assert parse_loc(text) == loc
    problem = Problem(text, "is required")
    assert problem.loc == loc and problem.where is None and problem.path == text
    assert Problem(loc, "is required") == problem
    assert str(problem) == (f"{text}: is required" if text else "is required")


@pytest.mark.parametrize(
    ("text", "loc"),
    [
        ("requested.amount", ("requested", "amount")),
        ("projects[3].grant.amount", ("projects", 3, "grant", "amount")),
        ("row 6 (code '1.1').unit_price", (6, "unit_price")),
        ("row 6 (code '1.1')", (6,)),
        ("row 4 (line 5)", (4,)),
        ("row 2 (indicator 'people').by_sex:female", (2, "by_sex:female")),
        ("row 6.locality", (6, "locality")),
        ("x.pb:13", ("x.pb", 13)),
        ("scores.csv:7: score", ("scores.csv", 7, "score")),
        ("projects/P-1.json: requested.amount", ("projects/P-1.json", "requested", "amount")),
        ("sheet 'Sheet1', row 611", ("Sheet1", 611)),
        ("header", ("header",)),
        ("", ()),
    ],
)
def test_the_three_old_path_styles_become_one_loc(text: str, loc: tuple[str | int, ...]) -> None:
    problem = Problem(text, "x")
    assert problem.loc == loc
    assert problem.path == text  # printed as before: CLI lines and the corpus do not change
    assert str(problem) == (f"{text}: x" if text else "x")


def test_a_code_must_be_a_known_one() -> None:
    assert Problem("a", "b", "field.missing").code == "field.missing"
    with pytest.raises(ValueError, match="not one of"):
        Problem("a", "b", "no.such.code")


@given(st.text(max_size=40))
def test_every_message_gets_a_code_of_the_registry(message: str) -> None:
    assert classify(message) in CODES
    assert Problem("", message).code == classify(message)


@given(st.lists(st.tuples(st.integers(1, 50), keys), max_size=12), st.randoms())
def test_table_problems_are_listed_by_row(cells: list[tuple[int, str]], rnd: object) -> None:
    found = [Problem((row, column), "bad") for row, column in cells]
    ordered = ValidationError(found).problems
    rows = [p.loc[0] for p in ordered]
    assert rows == sorted(rows)
    assert sorted(map(repr, ordered)) == sorted(map(repr, found))
    # rows and lines are numbers, not text: row 10 follows row 9
    assert [p.path for p in in_document_order([Problem("row 10", "x"), Problem("row 9", "x")])] == [
        "row 9",
        "row 10",
    ]


@given(st.lists(keys, unique=True, min_size=1, max_size=8), st.data())
def test_json_problems_follow_the_file_s_key_order(names: list[str], data: st.DataObject) -> None:
    document = {name: [0, 1] for name in names}
    chosen = data.draw(st.lists(st.sampled_from(names), unique=True, min_size=1))
    shuffled = data.draw(st.permutations([Problem((name, 1), "bad") for name in chosen]))
    whole = Problem("", "whole")
    error = DocumentError("d.json", [*shuffled, whole], data=document)
    assert error.problems[0] == whole
    assert [p.loc[0] for p in error.problems[1:]] == [n for n in names if n in chosen]
    assert (
        error.problems
        == DocumentError("d.json", reversed([*shuffled, whole]), data=document).problems
    )


def test_a_document_s_problems_come_in_the_file_s_order() -> None:
    text = '{"schema": "civicgrants/region@1", "colour": 1, "names": {}, "id": 7}'
    with pytest.raises(DocumentError) as caught:
        loads(text, source="r.json")
    assert [p.loc for p in caught.value.problems] == [("colour",), ("names",), ("id",)]
    text = '{"schema": "civicgrants/region@1", "id": 7, "names": {}, "colour": 1}'
    with pytest.raises(DocumentError) as caught:
        loads(text, source="r.json")
    assert [p.loc for p in caught.value.problems] == [("id",), ("names",), ("colour",)]


@given(
    st.lists(st.tuples(locs(), st.text(max_size=8), inputs), max_size=3),
    st.sampled_from([("x.json", ("x.json",)), ("<data>", ()), ("v.pb:13", ("v.pb", 13))]),
)
def test_errors_is_plain_json_data_shaped_like_pydantic(
    found: list[tuple[tuple[str | int, ...], str, object]],
    source: tuple[str, tuple[str | int, ...]],
) -> None:
    path, file = source
    error = DocumentError(path, [Problem(loc, msg, input=value) for loc, msg, value in found])
    listed = error.errors()
    assert len(listed) == len(found)
    for entry, problem in zip(listed, error.problems, strict=True):
        assert set(entry) == {"loc", "msg", "type", "input"}
        assert entry["msg"] == problem.msg and entry["type"] == problem.code in CODES
        named = bool(file) and problem.loc[:1] == file[:1]  # already names its file
        assert entry["loc"] == (problem.loc if named or not file else (*file, *problem.loc))
    again = json.loads(json.dumps(listed, allow_nan=False))
    assert [tuple(e["loc"]) for e in again] == [e["loc"] for e in listed]


def test_errors_names_the_file_first_and_keeps_the_input() -> None:
    with pytest.raises(DocumentError) as caught:
        loads(
            '{"schema": "civicgrants/region@1", "id": 7, "names": {"en": "A"}, "x": [1.5]}',
            source="regions/a.json",
        )
    assert caught.value.errors() == [
        {
            "loc": ("regions/a.json", "id"),
            "msg": "must be a string, got the number 7",
            "type": "type.not_a_string",
            "input": 7,
        },
        {
            "loc": ("regions/a.json", "x"),
            "msg": "unknown key (allowed: code, id, names)",
            "type": "field.unknown",
            "input": ["1.5"],
        },
    ]
    pb = DocumentError("v.pb:13", [Problem("", "second META section")]).errors()
    assert pb == [
        {
            "loc": ("v.pb", 13),
            "msg": "second META section",
            "type": "pabulib.section",
            "input": None,
        }
    ]
    inner = DocumentError("round", [Problem("memoranda/M.json: localities[0]", "x")]).errors()
    assert inner[0]["loc"] == ("round", "memoranda/M.json", "localities", 0)


def test_inputs_that_json_cannot_hold_are_given_as_text() -> None:
    error = ValidationError(
        [
            Problem("a", "x", input=Decimal("1.50")),
            Problem("b", "x", input=dt.date(2021, 2, 3)),
            Problem("c", "x", input=float("nan")),
        ]
    )
    assert [e["input"] for e in error.errors()] == ["1.50", "2021-02-03", "nan"]
    json.dumps(error.errors(), allow_nan=False)


def test_an_application_document_takes_an() -> None:
    assert article("application") == "an application" and article("call") == "a call"
    with pytest.raises(DocumentError) as caught:
        from_data(
            {"schema": "civicgrants/region@1", "id": "a", "names": {"en": "A"}}, model.Application
        )
    assert caught.value.problems[0].msg.startswith("expected an application document, got")
    assert caught.value.problems[0].code == "schema.wrong_type"


def documented_codes() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    table = text[text.index("## The codes") :]
    return re.findall(r"^\| `([a-z_.]+)` \|", table, flags=re.M)


def test_every_code_is_documented_and_every_documented_code_exists() -> None:
    listed = documented_codes()
    assert len(listed) == len(set(listed)), "a code is documented twice"
    assert set(listed) == set(CODES)
    assert "errors.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_a_budget_cell_s_problem_is_at_its_row_and_column() -> None:
    from civicgrants.io.budget_csv import loads_budget_csv

    text = "code,parent,item,unit,quantity,unit_price\n1,,Pa\x1bint,l,2,5\n2,,Brush,pc,1,5\n"
    with pytest.raises(DocumentError) as caught:
        loads_budget_csv(text, source="b.csv")
    (problem,) = caught.value.problems
    assert problem.loc == (2, "item") and problem.input == "Pa\x1bint"
    assert problem.code == "text.control_character"
    assert str(problem).startswith("row 2 (code '1'): item: holds the character U+001B")
    assert caught.value.errors()[0]["loc"] == ("b.csv", 2, "item")


def _messages() -> list[tuple[str, str]]:
    """The message of every ``Problem(...)`` and ``fail(...)`` call in the package that names no
    code, each placeholder of an f-string written as ``7``."""
    import ast

    found = []
    for file in sorted((ROOT / "src" / "civicgrants").rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name not in ("Problem", "fail") or len(node.args) > 2:
                continue
            if any(k.arg == "code" for k in node.keywords):
                continue
            message = node.args[1]
            if isinstance(message, ast.Constant) and isinstance(message.value, str):
                text = message.value
            elif isinstance(message, ast.JoinedStr):
                text = "".join(
                    str(v.value) if isinstance(v, ast.Constant) else "7" for v in message.values
                )
            else:
                continue
            found.append((f"{file.name}:{node.lineno}", text))
    return found


def test_every_message_the_package_writes_has_a_specific_code() -> None:
    messages = _messages()
    assert len(messages) > 150
    unclassified = [
        (where, text)
        for where, text in messages
        if classify(text) == "invalid"
        # composed in a variable ("{what}: {why}"), or a limit whose name is the placeholder
        and len(re.sub(r"[^a-z]", "", text)) >= 12
        and not text.endswith("(7)")
    ]
    assert unclassified == []
