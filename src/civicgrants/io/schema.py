"""JSON Schema for every document type, generated from the model.

The schema is derived from the same attrs classes (and the same field rules)
that validate objects in Python, so the two cannot drift apart. The shipped
files under ``civicgrants/io/schemas/`` are regenerated with::

    python -m civicgrants.io.schema --write

and a test fails if they are stale.

Examples
--------
>>> s = json_schema("region")
>>> s["properties"]["schema"]["const"]
'civicgrants/region@1'
>>> s["required"]
['schema', 'id', 'names']
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import inspect
import json
import re
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs
from babel.numbers import is_currency, list_currencies

from civicgrants.errors import CivicGrantsError
from civicgrants.io.convert import unstructure
from civicgrants.io.documents import DOCUMENT_TYPES, schema_tag
from civicgrants.io.protocol import protocol_schema
from civicgrants.model.fields import (
    CURRENCY_CODE,
    DECIMAL_BOUNDS,
    NONNEGATIVE_DECIMAL,
    PERSONAL,
    SCHEMA,
)
from civicgrants.model.money import DEFAULT_CURRENCY, Money, minor_digits
from civicgrants.model.programme import PLAIN_AMOUNT

__all__ = [
    "LOADER_ONLY_RULES",
    "OUTPUT_SCHEMAS",
    "DocumentSchema",
    "DocumentTypes",
    "amount_pattern",
    "decimal_pattern",
    "document_schema",
    "document_types",
    "field_docs",
    "json_schema",
    "main",
    "schema_json",
    "shipped_schema",
    "write_schemas",
]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"

LOADER_ONLY_RULES: Final[tuple[str, ...]] = (
    "references: an id that names another object (a stage, a locality, a budget line's "
    "parent) must name one the document holds",
    "uniqueness: ids unique across the objects of a list",
    "sums and totals: declared totals, funding shares and co-funding add up, a call's criteria "
    "weights not all 0",
    "order: a range's end not before its start (a step's weeks, a project's years), dates in "
    "sequence, a calendar row's months sorted, a methodology's dependencies without a cycle (a "
    "step never waits for itself)",
    "check digits: a BIN's or IIN's last digit",
    "other rules across fields of one object: amounts in the currency another field names (a "
    "call's requests and limits in whole minor units of its currency, an agreement's tranches in "
    "the award's currency), a valuation's hours and rate, a confirmed takeover for an opened "
    "project, a methodology's steps within its weeks, one kind of value in an indicator record "
    "or target, a count given by its value or its row",
)
"""Rules `load()` enforces that a JSON Schema cannot express.

Every schema names them in its ``$comment``; a document the schema accepts may still be
refused by the loader for one of these reasons, and for no other.
"""

OUTPUT_SCHEMAS: Final[dict[str, Callable[[], dict[str, Any]]]] = {
    "commission-protocol": protocol_schema,
}
"""Documents civicgrants writes but does not read back, with the function giving each schema."""

_MAX_DIGITS = 28  # Money.MAX_DIGITS: significant digits an amount may have
_NUMBER = r"[0-9]{1,20}(\.[0-9]{1,20})?"  # within the number limits (40 digits, 10**±30)
_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")
_FIELD = re.compile(r"^(\w+(?:\s*,\s*\w+)*)\s*:\s*(.*)$")
_DATE_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def _currencies() -> dict[int, list[str]]:
    """The ISO-4217 codes `Money` accepts, grouped by their minor digits."""
    groups: dict[int, list[str]] = {}
    for code in sorted(list_currencies()):
        if re.fullmatch("[A-Z]{3}", code) and is_currency(code):
            groups.setdefault(minor_digits(code), []).append(code)
    return dict(sorted(groups.items()))


def amount_pattern(digits: int, *, nonnegative: bool = False) -> str:
    r"""The pattern of an amount written with at most ``digits`` minor digits.

    Parameters
    ----------
    digits : int
        The currency's minor digits (2 for KZT, 0 for JPY).
    nonnegative : bool, default False
        Refuse a minus sign.

    Returns
    -------
    str
        A regular expression: digits, at most ``digits`` after the point, and at most
        28 significant digits in all (what `Money` keeps exactly).

    Examples
    --------
    >>> amount_pattern(2)
    '^-?[0-9]{1,26}(\\.[0-9]{1,2})?$'
    >>> amount_pattern(0, nonnegative=True)
    '^[0-9]{1,28}$'

    See Also
    --------
    decimal_pattern : a decimal number that is not an amount.
    """
    sign = "" if nonnegative else "-?"
    whole = f"[0-9]{{1,{_MAX_DIGITS - digits}}}"
    fraction = f"(\\.[0-9]{{1,{digits}}})?" if digits else ""
    return f"^{sign}{whole}{fraction}$"


def decimal_pattern(minimum: Decimal | int | None, maximum: Decimal | int | None) -> str:
    r"""The pattern of a decimal number written as a string, within its bounds.

    Bounds a pattern can say exactly (no minimum, a minimum of 0 or 1, 0 to 1, 0 to 100)
    are in the pattern; any other bound is a loader-only rule.

    Parameters
    ----------
    minimum, maximum : Decimal, int or None
        The field's bounds (``None``: unbounded).

    Returns
    -------
    str
        A regular expression for the string.

    Examples
    --------
    >>> decimal_pattern(None, None)
    '^-?[0-9]{1,20}(\\.[0-9]{1,20})?$'
    >>> import re
    >>> [bool(re.match(decimal_pattern(0, 1), t)) for t in ("0.25", "1.0", "1.5", "-0")]
    [True, True, False, False]

    See Also
    --------
    amount_pattern : an amount, by its currency's minor digits.
    """
    if minimum is None:
        return f"^-?{_NUMBER}$"
    if maximum == 1 and minimum == 0:
        return r"^(0{1,20}(\.[0-9]{1,20})?|0{0,19}1(\.0{1,20})?)$"
    if maximum == 100 and minimum == 0:
        return r"^(0{0,18}[0-9]{1,2}(\.[0-9]{1,20})?|0{0,17}100(\.0{1,20})?)$"
    if minimum == 1 and maximum is None:
        return r"^0{0,19}[1-9][0-9]{0,19}(\.[0-9]{1,20})?$"
    if minimum >= 0:
        return f"^{_NUMBER}$"
    return f"^-?{_NUMBER}$"


def _money_schema(nonnegative: bool) -> dict[str, Any]:
    groups = _currencies()
    default_digits = minor_digits(DEFAULT_CURRENCY)
    cases: list[dict[str, Any]] = []
    for digits, group in groups.items():
        case: dict[str, Any] = {
            "properties": {
                "currency": {"enum": group},
                "amount": {"pattern": amount_pattern(digits, nonnegative=nonnegative)},
            }
        }
        if digits != default_digits:  # no currency means KZT: only KZT's case allows that
            case["required"] = ["currency"]
        cases.append(case)
    sign = "at least 0, " if nonnegative else ""
    return {
        "type": "object",
        "title": "Non-negative amount" if nonnegative else "Amount",
        "description": "An exact amount of one currency: the amount as a decimal string "
        f"({sign}at most the currency's minor digits: 2 for KZT) and an ISO-4217 code.",
        "properties": {
            "amount": {
                "type": "string",
                "title": "Amount",
                "description": "The exact amount as a decimal string such as "
                '"1500000.00", with at most the currency\'s minor digits (2 for KZT, '
                "0 for JPY) and 28 significant digits.",
            },
            "currency": {
                "type": "string",
                "title": "Currency",
                "description": "The ISO-4217 code, three capital letters; any code "
                "babel's CLDR data knows (the cases below list them by minor digits).",
                "pattern": "^[A-Z]{3}$",
                "default": DEFAULT_CURRENCY,
            },
        },
        "required": ["amount"],
        "additionalProperties": False,
        "anyOf": cases,
    }


def field_docs(cls: type) -> dict[str, str]:
    """Each field's description, from the class's numpy docstring.

    The ``Attributes`` section is read first, then ``Parameters`` for fields it
    does not describe; Sphinx roles become their plain names.

    Parameters
    ----------
    cls : type
        An attrs class.

    Returns
    -------
    dict of str to str
        Field name → its description, one line.

    Examples
    --------
    >>> from civicgrants.model import Region
    >>> field_docs(Region)["code"]
    'An external code such as the KATO classifier code.'

    See Also
    --------
    json_schema : puts them in each field's ``description``.
    """
    doc = inspect.cleandoc(cls.__doc__ or "")
    docs: dict[str, str] = {}
    for section in ("Attributes", "Parameters"):
        found = re.search(rf"^{section}\n-+\n(.*?)(?=^\w[\w ]*\n-+\n|\Z)", doc, re.M | re.S)
        if not found:
            continue
        entries: list[tuple[list[str], list[str]]] = []
        for line in found.group(1).splitlines():
            head = _FIELD.match(line) if line and not line[0].isspace() else None
            if head:
                entries.append(([n.strip() for n in head.group(1).split(",")], []))
            elif line.strip() and entries:
                entries[-1][1].append(line.strip())
        for names, lines in entries:
            text = _plain_doc(" ".join(lines))
            for name in names:
                if text and name not in docs:
                    docs[name] = text
    return docs


def _plain_doc(text: str) -> str:
    """Docstring text on one line, Sphinx roles as their plain names, no literal quotes."""
    text = " ".join(text.split())
    return _ROLE.sub(lambda m: m.group(1).rsplit(".", 1)[-1], text).replace("``", "")


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` or null, written plainly."""
    kind = schema.get("type")
    if isinstance(kind, str) and "anyOf" not in schema:
        return {**schema, "type": [kind, "null"]}
    if set(schema) == {"enum"}:
        return {"enum": [*schema["enum"], None]}
    return {"anyOf": [schema, {"type": "null"}]}


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        parts = [_type_schema(o, defs) for o in options]
        base = parts[0] if len(parts) == 1 else {"anyOf": parts}
        return _nullable(base) if len(options) < len(typing.get_args(tp)) else base
    if origin is typing.Literal:
        return {"enum": list(typing.get_args(tp))}
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _type_schema(args[0], defs)}
        return {
            "type": "array",
            "prefixItems": [_type_schema(a, defs) for a in args],
            "minItems": len(args),
            "maxItems": len(args),
        }
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is Decimal:
        return {"type": "string", "pattern": decimal_pattern(None, None)}
    if tp is dt.date:
        return {"type": "string", "format": "date", "pattern": _DATE_PATTERN}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    if tp is Money:
        defs.setdefault("Money", _money_schema(nonnegative=False))
        return {"$ref": "#/$defs/Money"}
    if isinstance(tp, type) and attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # reserve the slot first: definitions may recurse
            defs[name] = _class_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema rule for {tp!r}")


def _default(f: attrs.Attribute[Any]) -> tuple[bool, Any]:
    """Whether the field has a default a document can show, and its JSON value."""
    default: Any = f.default
    factory: Any = getattr(default, "factory", None)
    if factory is not None:  # an attrs.Factory
        if getattr(default, "takes_self", False):
            return False, None
        default = factory()
    if isinstance(default, Money):
        return False, None  # a plain amount's default depends on its currency field
    value = unstructure(default)
    if isinstance(value, tuple):
        value = list(value)
    return True, value


def _field_schema(
    cls: type, f: attrs.Attribute[Any], hint: Any, defs: dict[str, Any], doc: str | None
) -> dict[str, Any]:
    options = [a for a in typing.get_args(hint) if a is not type(None)]
    nullable = typing.get_origin(hint) in (typing.Union, types.UnionType) and len(options) < len(
        typing.get_args(hint)
    )
    inner = options[0] if nullable and len(options) == 1 else hint
    extra = dict(f.metadata.get(SCHEMA) or {})
    if f.metadata.get(PLAIN_AMOUNT):  # Money written as a plain amount (see Call)
        nonnegative = extra.get("pattern") == NONNEGATIVE_DECIMAL
        widest = max(_currencies())
        prop: dict[str, Any] = {
            "type": "string",
            "pattern": amount_pattern(widest, nonnegative=nonnegative),
        }
        extra = {}
        nullable = True
        doc = (doc + " " if doc else "") + (
            f"Written as a plain decimal string in the currency of the {f.metadata[PLAIN_AMOUNT]!r} "
            "field, with at most its minor digits (2 for KZT)."
        )
    elif inner is Money:
        nonnegative = "properties" in extra
        if nonnegative:
            defs.setdefault("NonNegativeMoney", _money_schema(nonnegative=True))
        prop = {"$ref": "#/$defs/NonNegativeMoney" if nonnegative else "#/$defs/Money"}
        _type_schema(Money, defs)
        extra = {}
    elif f.metadata.get(CURRENCY_CODE):
        prop = {"type": "string", "enum": [c for group in _currencies().values() for c in group]}
    elif inner is Decimal and DECIMAL_BOUNDS in f.metadata:
        low, high = f.metadata[DECIMAL_BOUNDS]
        prop = {"type": "string", "pattern": decimal_pattern(low, high)}
        if low is not None:
            bound = f"at least {low}" if high is None else f"between {low} and {high}"
            doc = (doc + " " if doc else "") + f"A decimal string, {bound}."
    else:
        prop = _type_schema(inner, defs)
    if extra:
        if "$ref" in prop or "anyOf" in prop:
            raise TypeError(f"{cls.__name__}.{f.name}: no rule merges {extra!r} into {prop!r}")
        prop = {**prop, **extra}
        if prop.get("type") != "integer":
            for keyword in ("minimum", "maximum"):
                prop.pop(keyword, None)  # numeric keywords mean nothing on strings
    if nullable:
        prop = _nullable(prop)
    described: dict[str, Any] = {"title": f.name.replace("_", " ").capitalize()}
    if f.metadata.get(PERSONAL):
        doc = (doc + " " if doc else "") + "Personal data: removed on export unless kept."
    if doc:
        described["description"] = doc
    if f.default is not attrs.NOTHING and not prop.get("minItems"):
        shown, value = _default(f)
        if shown:
            described["default"] = value
    return {**described, **prop}


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    docs = field_docs(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for f in attrs.fields(cls):
        if not f.init:  # derived, never written
            continue
        prop = properties[f.name] = _field_schema(cls, f, hints[f.name], defs, docs.get(f.name))
        if f.default is attrs.NOTHING or prop.get("minItems"):  # a list that must not be empty
            required.append(f.name)
    schema: dict[str, Any] = {"type": "object", "title": cls.__name__}
    doc = (cls.__doc__ or "").strip().split("\n\n")[0]
    if doc:
        schema["description"] = _plain_doc(doc)
    schema["properties"] = properties
    schema["additionalProperties"] = False
    if required:
        schema["required"] = required
    plain = [f for f in attrs.fields(cls) if f.init and f.metadata.get(PLAIN_AMOUNT)]
    if plain:  # plain amounts: at most the minor digits of the currency field's currency
        schema["anyOf"] = _plain_amount_cases(cls, plain)
    if cls.__name__ == "Names":  # give at least one of ru, kk, en
        schema["anyOf"] = [
            {"required": [lang], "properties": {lang: {"type": "string"}}}
            for lang in ("ru", "kk", "en")
        ]
    return schema


def _plain_amount_cases(cls: type, plain: list[attrs.Attribute[Any]]) -> list[dict[str, Any]]:
    """One case per group of currencies: the plain amounts with at most their minor digits."""
    (currency_field,) = {f.metadata[PLAIN_AMOUNT] for f in plain}
    default = attrs.fields_dict(cls)[currency_field].default
    default_digits = minor_digits(default if isinstance(default, str) else DEFAULT_CURRENCY)
    cases: list[dict[str, Any]] = []
    for digits, group in _currencies().items():
        properties: dict[str, Any] = {currency_field: {"enum": group}}
        for f in plain:
            nonnegative = (f.metadata.get(SCHEMA) or {}).get("pattern") == NONNEGATIVE_DECIMAL
            properties[f.name] = {"pattern": amount_pattern(digits, nonnegative=nonnegative)}
        case: dict[str, Any] = {"properties": properties}
        if digits != default_digits:  # no currency means the default: only its case allows that
            case["required"] = [currency_field]
        cases.append(case)
    return cases


def json_schema(document: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one document type, e.g. ``"programme"``.

    Parameters
    ----------
    document : str
        A key of `DOCUMENT_TYPES`.

    Returns
    -------
    dict of str to Any
        The schema: ``$schema``, ``$id``, the document's own properties (``schema``
        first, as a constant) and the nested classes under ``$defs``.

    Raises
    ------
    KeyError
        ``document`` is not a document type.
    TypeError
        A field has a type with no JSON Schema rule (a bug in the model).

    Examples
    --------
    >>> s = json_schema("region")
    >>> s["$id"]
    'https://civicgrants.readthedocs.io/schemas/region.schema.json'
    >>> s["properties"]["schema"]["const"]
    'civicgrants/region@1'
    >>> s["properties"]["code"]["type"], s["properties"]["code"]["title"]
    (['string', 'null'], 'Code')
    >>> json_schema("nope")
    Traceback (most recent call last):
    ...
    KeyError: "unknown document type 'nope'; known: programme, stage, ..."

    See Also
    --------
    schema_json : the same as canonical JSON text.
    shipped_schema : the copy shipped in the package.
    document_schema : the ``civicgrants schema TYPE`` result.
    """
    if document in OUTPUT_SCHEMAS:
        return {
            "$schema": _DIALECT,
            "$id": f"https://civicgrants.readthedocs.io/schemas/{document}.schema.json",
            **OUTPUT_SCHEMAS[document](),
        }
    if document not in DOCUMENT_TYPES:
        known = ", ".join([*DOCUMENT_TYPES, *OUTPUT_SCHEMAS])
        raise KeyError(f"unknown document type {document!r}; known: {known}")
    cls, _version = DOCUMENT_TYPES[document]
    defs: dict[str, Any] = {}
    body = _class_schema(cls, defs)
    tag = schema_tag(document)
    body["properties"] = {
        "schema": {
            "title": "Schema",
            "description": "The document's type and version.",
            "const": tag,
            "default": tag,
        },
        **body["properties"],
    }
    body["required"] = ["schema", *body.get("required", [])]
    defs.pop(cls.__name__, None)
    return {
        "$schema": _DIALECT,
        "$id": f"https://civicgrants.readthedocs.io/schemas/{document}.schema.json",
        "$comment": "Also checked on load, beyond this schema: " + "; ".join(LOADER_ONLY_RULES),
        **body,
        "$defs": dict(sorted(defs.items())),
    }


def schema_json(document: str) -> str:
    """`json_schema()` as canonical JSON text.

    Parameters
    ----------
    document : str
        A key of `DOCUMENT_TYPES`.

    Returns
    -------
    str
        UTF-8 JSON, 2-space indent, newline at the end: the shipped files' bytes.

    Raises
    ------
    KeyError
        ``document`` is not a document type.

    Examples
    --------
    >>> print(schema_json("region").splitlines()[1])
      "$schema": "https://json-schema.org/draft/2020-12/schema",

    See Also
    --------
    json_schema : the schema as data.
    write_schemas : writes this text for every type.
    """
    return json.dumps(json_schema(document), ensure_ascii=False, indent=2) + "\n"


def shipped_schema(document: str) -> dict[str, Any]:
    """The schema file shipped inside the package for ``document``.

    Parameters
    ----------
    document : str
        A document type name, e.g. ``"region"``.

    Returns
    -------
    dict of str to Any
        The parsed contents of ``civicgrants/io/schemas/<document>.schema.json``.

    Raises
    ------
    FileNotFoundError
        No schema file is shipped for ``document``.

    Examples
    --------
    >>> shipped_schema("region") == json_schema("region")
    True

    See Also
    --------
    json_schema : the schema generated from the model now.
    write_schemas : regenerates the shipped files.
    """
    path = resources.files("civicgrants.io") / "schemas" / f"{document}.schema.json"
    result: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return result


def write_schemas(*folders: Path) -> list[Path]:
    """Write every document type's schema into each folder; return the paths.

    Folders are created as needed; existing files are replaced.

    Parameters
    ----------
    *folders : pathlib.Path
        Where to write ``<type>.schema.json`` for every document type.

    Returns
    -------
    list of pathlib.Path
        The files written, folder by folder, types in the order of ``DOCUMENT_TYPES``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> written = write_schemas(pathlib.Path(tempfile.mkdtemp()) / "schemas")
    >>> len(written) == len(DOCUMENT_TYPES) + len(OUTPUT_SCHEMAS), written[0].name
    (True, 'programme.schema.json')

    See Also
    --------
    schema_json : the text of each file.
    main : ``python -m civicgrants.io.schema --write``.
    """
    written = []
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        for name in [*DOCUMENT_TYPES, *OUTPUT_SCHEMAS]:
            path = folder / f"{name}.schema.json"
            path.write_text(schema_json(name), encoding="utf-8")
            written.append(path)
    return written


@attrs.frozen
class DocumentTypes:
    """The document types civicgrants reads and writes: ``civicgrants schema`` without a type.

    Attributes
    ----------
    names : tuple of str
        The type names, e.g. ``programme``, in the order of `DOCUMENT_TYPES`.

    Examples
    --------
    >>> DocumentTypes(("programme", "call"))
    DocumentTypes(names=('programme', 'call'))

    See Also
    --------
    document_types : builds it.
    civicgrants.io.views.documents.document_types_text : shows it.
    """

    names: tuple[str, ...]


@attrs.frozen
class DocumentSchema:
    """One document type's JSON Schema: ``civicgrants schema TYPE``.

    Attributes
    ----------
    name : str
        The document type.
    text : str
        The schema as canonical JSON text (`schema_json()`).

    Examples
    --------
    >>> result = DocumentSchema("region", schema_json("region"))
    >>> result.name, result.text.startswith("{")
    ('region', True)

    See Also
    --------
    document_schema : builds it.
    civicgrants.io.views.documents.document_schema_text : shows it.
    """

    name: str
    text: str


def document_types() -> DocumentTypes:
    """Every document type's name.

    Returns
    -------
    DocumentTypes
        The names, in the order of `DOCUMENT_TYPES`.

    Examples
    --------
    >>> document_types().names[:3]
    ('programme', 'stage', 'call')

    See Also
    --------
    document_schema : one type's schema.
    DocumentTypes : the result.
    """
    return DocumentTypes((*DOCUMENT_TYPES, *OUTPUT_SCHEMAS))


def document_schema(name: str) -> DocumentSchema:
    """The JSON Schema of the document type ``name``.

    Parameters
    ----------
    name : str
        A document type, e.g. ``"call"``.

    Returns
    -------
    DocumentSchema
        The name and the schema as canonical JSON text.

    Raises
    ------
    civicgrants.errors.CivicGrantsError
        ``name`` is not a document type; the message lists the known ones.

    Examples
    --------
    >>> document_schema("region").text.splitlines()[1]
    '  "$schema": "https://json-schema.org/draft/2020-12/schema",'
    >>> document_schema("nope")
    Traceback (most recent call last):
    ...
    civicgrants.errors.CivicGrantsError: unknown document type 'nope'; known: programme, stage, call, application, project, memorandum, organisation, initiative-group, person, contribution, region, district, locality, methodology, report, indicator-records, dossier, final-report, agreement, round, budget, commission-protocol

    See Also
    --------
    document_types : every type's name.
    json_schema : the schema as data.
    """
    if name not in DOCUMENT_TYPES and name not in OUTPUT_SCHEMAS:
        known = ", ".join([*DOCUMENT_TYPES, *OUTPUT_SCHEMAS])
        raise CivicGrantsError(f"unknown document type {name!r}; known: {known}")
    return DocumentSchema(name, schema_json(name))


def main(argv: list[str] | None = None) -> int:
    """Print the document types, or (``--write``) regenerate the shipped schema files.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: the command line's).

    Returns
    -------
    int
        0.

    Examples
    --------
    >>> main([])
    programme
    stage
    call
    application
    project
    memorandum
    organisation
    initiative-group
    person
    contribution
    region
    district
    locality
    methodology
    report
    indicator-records
    dossier
    final-report
    agreement
    round
    budget
    commission-protocol
    0

    See Also
    --------
    write_schemas : what ``--write`` does.
    civicgrants.cli.schema.run : the ``civicgrants schema`` command.
    """
    parser = argparse.ArgumentParser(description="Generate the JSON Schema files.")
    parser.add_argument("--write", action="store_true", help="write the package and docs copies")
    args = parser.parse_args(argv)
    if not args.write:
        for name in [*DOCUMENT_TYPES, *OUTPUT_SCHEMAS]:
            print(name)
        return 0
    root = Path(__file__).resolve().parents[3]
    folders = [Path(__file__).parent / "schemas"]
    if (root / "docs").is_dir():
        folders.append(root / "docs" / "schemas")
    for path in write_schemas(*folders):
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
