"""How civicgrants.io.loads, load and from_data report bad documents."""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from civicgrants.errors import CivicGrantsError, DocumentError, Problem
from civicgrants.io import dump, dumps, from_data, load, loads, to_data
from civicgrants.model import (
    Locality,
    LocalityKind,
    Money,
    Names,
    ObjectKind,
    Organisation,
    OrganisationKind,
    Programme,
    Project,
    Region,
    Stage,
    StageWindow,
)

REGION: dict[str, Any] = {
    "schema": "civicgrants/region@1",
    "id": "atyrau",
    "names": {"ru": "Атырауская область", "kk": "Атырау облысы"},
}
LOCALITY: dict[str, Any] = {
    "schema": "civicgrants/locality@1",
    "id": "kulsary",
    "names": {"ru": "Кульсары", "kk": "Құлсары"},
    "kind": "town",
    "region": "atyrau",
}
CONTRIBUTION: dict[str, Any] = {
    "schema": "civicgrants/contribution@1",
    "id": "c1",
    "contributor": "residents",
    "form": "in_kind",
    "description": "побелка бордюров",
}


def programme() -> Programme:
    efca = Organisation("efca", Names(en="EFCA"), OrganisationKind.FOUNDATION)
    tco = Organisation("tco", Names(en="Tengizchevroil"), OrganisationKind.COMPANY)
    window = StageWindow("atyrau", dt.date(2019, 9, 1), dt.date(2020, 11, 30), ("kulsary",))
    return Programme(
        "public-spaces",
        Names(ru="Общественные пространства", kk="Қоғамдық кеңістіктер"),
        efca,
        tco,
        dt.date(2018, 9, 1),
        dt.date(2021, 12, 31),
        regions=(Region("atyrau", Names(en="Atyrau")),),
        localities=(Locality("kulsary", Names(kk="Құлсары"), LocalityKind.TOWN, "atyrau"),),
        stages=(Stage("II", 2, Names(en="Stage II"), (window,)),),
        projects=tuple(
            Project(
                f"II-AT-0{i}",
                "II",
                "kulsary",
                Names(ru=f"Площадка {i}"),
                ObjectKind.PLAYGROUND,
                grant=Money(2_000_000),
            )
            for i in range(1, 6)
        ),
    )


def problems(excinfo: pytest.ExceptionInfo[DocumentError]) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


def bad(data: Any, **kwargs: Any) -> list[str]:
    with pytest.raises(DocumentError) as excinfo:
        from_data(data, **kwargs)
    return problems(excinfo)


def bad_text(text: str, **kwargs: Any) -> list[str]:
    with pytest.raises(DocumentError) as excinfo:
        loads(text, **kwargs)
    return problems(excinfo)


# -- located problems -------------------------------------------------------------------


def test_negative_grant_is_reported_at_its_json_path() -> None:
    data = to_data(programme())
    data["projects"][3]["grant"] = {"amount": "-5", "currency": "KZT"}
    with pytest.raises(DocumentError) as excinfo:
        from_data(data)
    assert excinfo.value.problems == (
        Problem("projects[3].grant.amount", 'must be >= 0, got "-5.00"'),
    )
    assert excinfo.value.path == "<data>"
    assert str(excinfo.value) == (
        '<data>: 1 problem\n  projects[3].grant.amount: must be >= 0, got "-5.00"'
    )


def test_every_problem_is_listed_with_its_path() -> None:
    data = to_data(programme())
    data["projects"][0]["kind"] = "fountain"
    data["projects"][3]["grant"]["amount"] = "-5"
    data["projects"][4]["title"] = {}
    data["localities"][0]["population"] = -3
    data["stages"][0]["windows"][0]["end"] = "2019-02-30"
    assert bad(data) == [
        "localities[0].population: must be >= 0, got -3",
        'stages[0].windows[0].end: day is out of range for month, got "2019-02-30"',
        'projects[0].kind: must be one of "playground", "sports_ground", "football_field", '
        '"park_alley_beach", "school_canteen", "disabled_children_centre", '
        '"psych_speech_mother_child_room", "other", got "fountain"',
        'projects[3].grant.amount: must be >= 0, got "-5.00"',
        "projects[4].title: give at least one of ru, kk, en",
    ]


def test_error_lists_problems_one_per_line() -> None:
    with pytest.raises(DocumentError) as excinfo:
        loads(
            '{"schema": "civicgrants/region@1", "id": "a b", "names": {}, "extra": 1}',
            source="regions/atyrau.json",
        )
    error = excinfo.value
    assert isinstance(error, CivicGrantsError)
    assert isinstance(error, ValueError)
    assert str(error) == (
        "regions/atyrau.json: 3 problems\n"
        "  id: must be an id of letters, digits, '.', '_', ':' or '-', got 'a b'\n"
        "  names: give at least one of ru, kk, en\n"
        "  extra: unknown key (allowed: code, id, names)"
    )
    assert error.one_line() == (
        "regions/atyrau.json: id: must be an id of letters, digits, '.', '_', ':' or '-', "
        "got 'a b' (and 2 more)"
    )


def test_dangling_references_are_located() -> None:
    data = to_data(programme())
    data["projects"][2]["stage"] = "III"
    data["projects"][4]["locality"] = "kuryk"
    data["stages"][0]["windows"][0]["localities"] = ["kulsary", "beineu"]
    assert bad(data) == [
        "stages[0].windows[0].localities[1]: unknown locality 'beineu'",
        "projects[2].stage: unknown stage 'III'",
        "projects[4].locality: unknown locality 'kuryk'",
    ]


def test_required_keys_are_named() -> None:
    assert bad({"schema": "civicgrants/contribution@1"}) == [
        "id: required key is missing",
        "contributor: required key is missing",
        "form: required key is missing",
        "description: required key is missing",
    ]


def test_null_is_refused_where_a_value_is_required() -> None:
    assert bad({**REGION, "id": None}) == ["id: must be a string, got null"]
    assert from_data({**REGION, "code": None}) == from_data(REGION)


def test_cross_field_rules_are_located() -> None:
    assert bad(
        {
            "schema": "civicgrants/initiative-group@1",
            "id": "g1",
            "locality": "kulsary",
            "leader": {"id": "p1", "roles": ["leader"]},
            "members": [{"id": "p2"}, {"id": "p1"}, {"id": "p2"}],
        }
    ) == [
        "members[2]: duplicates members[0] ('p2')",
    ]
    assert bad(
        {
            "schema": "civicgrants/organisation@1",
            "id": "gamo",
            "names": {"en": "GAMO"},
            "kind": "ngo",
            "bin": "051140010597",
            "registered": "2006-11-21",
        }
    ) == ["bin: registration 0511 (YYMM) does not match the registration date 2006-11"]
    assert bad(
        {
            **CONTRIBUTION,
            "value": {"amount": "5"},
            "valuation": {"method": "hours_x_rate", "hours": "2", "rate": {"amount": "3"}},
        }
    ) == ["value: hours × rate is 6.00 KZT, got 5.00 KZT"]


# -- unknown keys --------------------------------------------------------------------------


def test_unknown_keys_are_errors() -> None:
    assert bad({**REGION, "area_km2": "165600"}) == [
        "area_km2: unknown key (allowed: code, id, names)"
    ]
    assert bad({**REGION, "names": {"ru": "Атырау", "de": "Atyrau"}}) == [
        "names.de: unknown key (allowed: en, kk, ru)"
    ]


def test_unknown_keys_are_ignored_when_allowed() -> None:
    data = {**REGION, "area_km2": "165600", "names": {**REGION["names"], "de": "Atyrau"}}
    assert from_data(data, allow_unknown=True) == from_data(REGION)
    assert loads(json.dumps(data), allow_unknown=True) == from_data(REGION)


# -- no coercion ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("population", "message"),
    [
        ("5000", 'population: must be an integer, got the string "5000"'),
        (True, "population: must be an integer, got a boolean"),
        (5000.0, "population: must be an integer, got the float 5000.0"),
        ([5000], "population: must be an integer, got a list"),
        (-1, "population: must be >= 0, got -1"),
    ],
)
def test_integers_are_not_coerced(population: Any, message: str) -> None:
    assert bad({**LOCALITY, "population": population}) == [message]


def test_integer_with_a_fraction_in_json_text_is_refused() -> None:
    text = json.dumps(LOCALITY)[:-1] + ', "population": 5000.0}'
    assert bad_text(text) == ["population: must be an integer, got the number 5000.0"]


def test_string_is_not_read_as_a_stage_number() -> None:
    window = {"region": "atyrau", "start": "2019-09-01", "end": "2020-11-30"}
    data = {
        "schema": "civicgrants/stage@1",
        "id": "II",
        "number": "2",
        "names": {"en": "Stage II"},
        "windows": [window],
    }
    assert bad(data) == ['number: must be an integer, got the string "2"']


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (
            1.5,
            'value.amount: must be a decimal written as a string such as "1.5", got the float 1.5',
        ),
        (
            "1 500",
            'value.amount: must be a decimal number such as "1500000.00", got the string "1 500"',
        ),
        (
            "1,5",
            'value.amount: must be a decimal number such as "1500000.00", got the string "1,5"',
        ),
        (
            "1E3",
            'value.amount: must be a decimal number such as "1500000.00", got the string "1E3"',
        ),
        (
            "NaN",
            'value.amount: must be a decimal number such as "1500000.00", got the string "NaN"',
        ),
        (True, 'value.amount: must be a decimal number such as "1500000.00", got a boolean'),
        ("-5", 'value.amount: must be >= 0, got "-5.00"'),
    ],
)
def test_amounts_must_be_exact_decimal_strings(amount: Any, message: str) -> None:
    assert bad({**CONTRIBUTION, "value": {"amount": amount, "currency": "KZT"}}) == [message]


def test_decimal_field_refuses_a_float() -> None:
    data = {
        "schema": "civicgrants/memorandum@1",
        "id": "m1",
        "akimat": "akimat-kulsary",
        "localities": ["kulsary"],
        "cofunding_share": 0.5,
    }
    assert bad(data) == [
        'cofunding_share: must be a decimal written as a string such as "0.5", got the float 0.5'
    ]
    data["cofunding_share"] = "1.5"
    assert bad(data) == ["cofunding_share: must be between 0 and 1, got 1.5"]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "0.1",
            'value.amount: must be a decimal written as a string such as "0.1", got the number 0.1',
        ),
        ("5", 'value.amount: must be a decimal written as a string such as "5", got the number 5'),
    ],
)
def test_an_amount_written_as_a_json_number_is_refused_as_the_schema_does(
    written: str, message: str
) -> None:
    text = (
        json.dumps({**CONTRIBUTION, "form": "cash"})[:-1] + f', "value": {{"amount": {written}}}}}'
    )
    assert bad_text(text) == [message]
    with pytest.raises(DocumentError) as excinfo:
        loads(text)
    assert [p.code for p in excinfo.value.problems] == ["amount.not_a_number"]


@pytest.mark.parametrize(
    ("currency", "message"),
    [
        ("kzt", "value.currency: must be a three-letter ISO-4217 code such as 'KZT', got 'kzt'"),
        ("XYZ", "value.currency: unknown ISO-4217 code 'XYZ'"),
    ],
)
def test_currencies_are_checked(currency: str, message: str) -> None:
    assert bad({**CONTRIBUTION, "value": {"amount": "5", "currency": currency}}) == [message]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("01.02.2020", 'valuation.as_of: must be a date "YYYY-MM-DD", got the string "01.02.2020"'),
        ("2020-02-30", 'valuation.as_of: day is out of range for month, got "2020-02-30"'),
        (20200201, 'valuation.as_of: must be a date "YYYY-MM-DD", got the number 20200201'),
    ],
)
def test_dates_are_iso_strings(value: Any, message: str) -> None:
    data = {**CONTRIBUTION, "valuation": {"method": "declared", "as_of": value}}
    assert bad(data) == [message]


def test_lists_are_not_coerced() -> None:
    data = {
        "schema": "civicgrants/memorandum@1",
        "id": "m1",
        "akimat": "akimat-kulsary",
        "localities": "kulsary",
    }
    assert bad(data) == ['localities: must be a list, got the string "kulsary"']
    data["localities"] = []
    assert bad(data) == ["localities: must not be empty"]


# -- JSON text -------------------------------------------------------------------------------


def test_duplicate_keys_are_errors() -> None:
    assert bad_text(
        '{"schema": "civicgrants/region@1", "id": "atyrau", "id": "mangistau", '
        '"names": {"en": "Atyrau"}}'
    ) == ["duplicate key 'id' in one object"]
    assert bad_text(
        '{"schema": "civicgrants/region@1", "id": "atyrau", "names": {"en": "A", "en": "B"}}'
    ) == ["duplicate key 'en' in one object"]


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(constant: str) -> None:
    text = json.dumps(LOCALITY)[:-1] + f', "population": {constant}}}'
    assert bad_text(text) == [f"{constant} is not a number a document may hold"]


def test_nan_decimal_is_refused_in_data() -> None:
    data = {**CONTRIBUTION, "value": {"amount": Decimal("NaN")}}
    assert bad(data) == [
        'value.amount: must be a decimal number such as "1500000.00", got the number NaN'
    ]


def test_invalid_json_is_located() -> None:
    assert bad_text('{"schema": "civicgrants/region@1",}') == [
        "not valid JSON: Expecting property name enclosed in double quotes at line 1 column 35"
    ]


@pytest.mark.parametrize("data", [[REGION], "region", None, 1])
def test_a_document_is_an_object(data: Any) -> None:
    assert bad(data) == ["a document must be a JSON object"]


# -- schema tags ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        (
            "region@1",
            "schema: must name a document type such as 'civicgrants/programme@1', got 'region@1'",
        ),
        (
            "civicgrants/region",
            "schema: must name a document type such as 'civicgrants/programme@1', "
            "got 'civicgrants/region'",
        ),
        (1, "schema: must name a document type such as 'civicgrants/programme@1', got 1"),
        (
            "civicgrants/region@2",
            "schema: unsupported version '2' of 'region'; this library reads @1",
        ),
        (
            "civicgrants/region@v1",
            "schema: unsupported version 'v1' of 'region'; this library reads @1",
        ),
    ],
)
def test_wrong_schema_tags(tag: Any, message: str) -> None:
    assert bad({**REGION, "schema": tag}) == [message]


def test_missing_schema_tag() -> None:
    data = {k: v for k, v in REGION.items() if k != "schema"}
    assert bad(data) == ["schema: required key is missing (e.g. 'civicgrants/programme@1')"]


def test_integers_must_be_written_as_integers() -> None:
    for text in ("1e3", "1000.0", "1E+3"):
        raw = json.dumps(LOCALITY)[:-1] + f', "population": {text}}}'
        (message,) = bad_text(raw)
        assert message.startswith("population: must be an integer, got the number"), message


def test_a_folder_is_not_a_document(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as info:
        load(tmp_path)
    assert [str(p) for p in info.value.problems] == ["is a folder, not a document file"]


def test_unknown_document_type() -> None:
    (message,) = bad({**REGION, "schema": "civicgrants/oblast@1"})
    assert message.startswith(
        "schema: unknown document type 'oblast'; known: civicgrants/programme@1, "
        "civicgrants/stage@1, "
    )
    assert "civicgrants/locality@1" in message


def test_expect_mismatch_is_an_error() -> None:
    assert bad(REGION, expect=Programme) == [
        "schema: expected a programme document, got 'civicgrants/region@1'"
    ]
    assert bad_text(json.dumps(REGION), expect=Locality) == [
        "schema: expected a locality document, got 'civicgrants/region@1'"
    ]
    assert isinstance(from_data(REGION, Region), Region)


# -- files ------------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    with pytest.raises(DocumentError) as excinfo:
        load(path)
    assert excinfo.value.path == str(path)
    assert problems(excinfo) == ["no such file"]
    assert excinfo.value.one_line() == f"{path}: no such file"


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.json"
    path.write_bytes('{"schema": "Курык"}'.encode("cp1251"))
    with pytest.raises(DocumentError) as excinfo:
        load(path)
    assert problems(excinfo) == ["not UTF-8 text (invalid continuation byte at byte 12)"]


def test_file_problems_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "atyrau.json"
    path.write_text(json.dumps({**REGION, "id": ""}), encoding="utf-8")
    with pytest.raises(DocumentError) as excinfo:
        load(path, Region)
    assert excinfo.value.path == str(path)
    assert problems(excinfo) == [
        "id: must be an id of letters, digits, '.', '_', ':' or '-', got ''"
    ]
    with pytest.raises(DocumentError) as excinfo:
        load(path, Programme)
    assert problems(excinfo) == [
        "schema: expected a programme document, got 'civicgrants/region@1'"
    ]


def test_dump_and_load_a_file(tmp_path: Path) -> None:
    original = programme()
    path = dump(original, tmp_path / "programme.json")
    assert path.read_text(encoding="utf-8") == dumps(original)
    assert load(path, Programme) == original
    path.write_text(json.dumps({**to_data(original), "extra": True}), encoding="utf-8")
    assert load(path, allow_unknown=True) == original


# -- regressions: bugs found while writing these tests, fixed since ----------------------------


def test_valuation_problem_path_is_not_doubled() -> None:
    data = {**CONTRIBUTION, "valuation": {"method": "hours_x_rate"}}
    assert bad(data) == ["valuation: the hours_x_rate method needs both hours and rate"]
    with pytest.raises(DocumentError) as excinfo:
        from_data(data)
    assert [p.code for p in excinfo.value.problems] == ["field.combination"]


def test_huge_amount_is_a_document_error() -> None:
    data = {**CONTRIBUTION, "value": {"amount": "1" + "0" * 130}}
    assert bad(data) == [
        "value.amount: 1.000000E+130 needs 133 significant digits (with the minor unit); "
        "at most 28 keep every calculation exact"
    ]


@pytest.mark.parametrize(
    ("amount", "currency", "message"),
    [
        (
            "5.123",
            "KZT",
            "value.amount: must be at most 2 digits after the point (KZT's minor unit), "
            "got '5.123'",
        ),
        (
            "0.0000001",
            None,  # no currency: KZT
            "value.amount: must be at most 2 digits after the point (KZT's minor unit), "
            "got '0.0000001'",
        ),
        ("5.5", "JPY", "value.amount: must be a whole amount (JPY has no minor unit), got '5.5'"),
        ("5.120", "KZT", None),  # whole tiyn, but written finer than the schema allows
    ],
)
def test_an_amount_finer_than_its_currency_is_refused_as_the_schema_does(
    amount: str, currency: str | None, message: str | None
) -> None:
    value = {"amount": amount} if currency is None else {"amount": amount, "currency": currency}
    data = {**CONTRIBUTION, "form": "cash", "value": value}
    if message is not None:
        assert bad(data) == [message]
    with pytest.raises(DocumentError) as excinfo:
        from_data(data)
    assert [p.code for p in excinfo.value.problems] == ["amount.inexact"]
    assert [p.path for p in excinfo.value.problems] == ["value.amount"]
    whole = {**value, "amount": amount.split(".")[0]}
    assert from_data({**data, "value": whole}).value.amount == Decimal(amount.split(".")[0])


@pytest.mark.parametrize(
    ("field", "written", "message", "code"),
    [
        (
            "pot",
            "5000000",
            'pot: must be a decimal written as a string such as "5000000", got the number 5000000',
            "amount.not_a_number",
        ),
        (
            "max_grant",
            "2.5",
            'max_grant: must be a decimal written as a string such as "2.5", got the number 2.5',
            "amount.not_a_number",
        ),
        (
            "pot",
            '"5.125"',
            "pot: must be at most 2 digits after the point (KZT's minor unit), got '5.125'",
            "amount.inexact",
        ),
    ],
)
def test_a_call_s_plain_amounts_are_read_as_every_other_amount(
    field: str, written: str, message: str, code: str
) -> None:
    head = '{"schema": "civicgrants/call@1", "id": "call-1", "currency": "KZT"'
    text = f'{head}, "{field}": {written}}}'
    assert bad_text(text) == [message]
    with pytest.raises(DocumentError) as excinfo:
        loads(text)
    assert [p.code for p in excinfo.value.problems] == [code]
    assert getattr(loads(f'{head}, "{field}": "5000000.50"}}'), field) == Money("5000000.50")
    yen = '{"schema": "civicgrants/call@1", "id": "call-1", "currency": "JPY", "pot": "5.5"}'
    assert bad_text(yen) == ["pot: must be a whole amount (JPY has no minor unit), got '5.5'"]


def test_call_amounts_are_plain_in_the_call_currency() -> None:
    data = {
        "schema": "civicgrants/call@1",
        "id": "call-1",
        "names": {"en": "Call"},
        "currency": "EUR",
        "pot": "5",
        "max_grant": "6",
    }
    assert bad(data) == ["max_grant: must not exceed the pot (5.00 EUR), got 6.00 EUR"]
    assert bad({**data, "pot": {"amount": "5"}}) == [
        'pot: must be a decimal number such as "1500000.00", got an object'
    ]


def test_dangling_ids_are_reported_once_fields_are_well_formed() -> None:
    # Field problems and dangling ids are found in two passes: while a field is
    # malformed, dangling references are not reported yet (see the report).
    data = to_data(programme())
    broken = copy.deepcopy(data)
    broken["projects"][2]["stage"] = "III"
    broken["projects"][3]["grant"]["amount"] = "-5"
    assert bad(broken) == ['projects[3].grant.amount: must be >= 0, got "-5.00"']
    broken["projects"][3]["grant"]["amount"] = "5"
    assert bad(broken) == ["projects[2].stage: unknown stage 'III'"]


def test_an_amount_written_any_other_way_goes_the_long_way() -> None:
    # {"amount": ..., "currency": ...} is built at once; every other form is checked key by key
    assert bad({**CONTRIBUTION, "value": {"amount": "5", "currency": "KZT", "x": 1}}) == [
        "value.x: unknown key (allowed: amount, currency)"
    ]
    assert bad({**CONTRIBUTION, "value": {"amount": "5", "value": "KZT"}}) == [
        "value.value: unknown key (allowed: amount, currency)"
    ]
    assert bad({**CONTRIBUTION, "value": {"amount": "1" * 30, "currency": "KZT"}}) == [
        "value.amount: 1.111111E+29 needs 30 significant digits (with the minor unit); "
        "at most 28 keep every calculation exact"
    ]
    assert loads(json.dumps({**CONTRIBUTION, "value": {"amount": "5"}})).value == Money(5)


def test_each_union_keeps_its_own_order() -> None:
    from civicgrants.io.convert import BAD, Structurer

    first, second = Structurer(), Structurer()
    assert first.structure([1], int | str, "x") is BAD  # type: ignore[arg-type]
    assert second.structure([1], str | int, "x") is BAD  # type: ignore[arg-type]
    assert first.problems[0].message == "must be int or str, got a list"
    assert second.problems[0].message == "must be str or int, got a list"
    assert Structurer().structure("7", int | str) == "7"  # type: ignore[arg-type]
    assert Structurer().structure(7, str | int) == 7  # type: ignore[arg-type]
