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
import json
import types
import typing
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from civicgrants.errors import CivicGrantsError
from civicgrants.io.documents import DOCUMENT_TYPES, schema_tag
from civicgrants.model.fields import DECIMAL, SCHEMA
from civicgrants.model.money import Money
from civicgrants.model.programme import PLAIN_AMOUNT

__all__ = [
    "DocumentSchema",
    "DocumentTypes",
    "document_schema",
    "document_types",
    "json_schema",
    "main",
    "schema_json",
    "shipped_schema",
    "write_schemas",
]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        nullable = len(options) < len(typing.get_args(tp))
        parts = [_type_schema(o, defs) for o in options]
        if nullable:
            parts.append({"type": "null"})
        return parts[0] if len(parts) == 1 else {"anyOf": parts}
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
        return {
            "anyOf": [{"type": "string", "pattern": DECIMAL}, {"type": "number"}],
            "description": "an exact decimal; write it as a string to keep every digit",
        }
    if tp is dt.date:
        return {"type": "string", "format": "date"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    if isinstance(tp, type) and attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # reserve the slot first: definitions may recurse
            defs[name] = _class_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema rule for {tp!r}")


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for f in attrs.fields(cls):
        if not f.init:  # derived, never written
            continue
        prop = _type_schema(hints[f.name], defs)
        if f.metadata.get(PLAIN_AMOUNT):  # Money written as a plain amount (see Call)
            prop = {
                "anyOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}],
                "description": "an amount in the document's currency, written as a plain "
                "decimal (a string keeps every digit)",
            }
        extra = f.metadata.get(SCHEMA)
        if extra:
            prop = _merge(prop, extra)
        if f.metadata.get("personal"):
            prop = {**prop, "description": "personal data: removed on export unless kept"}
        properties[f.name] = prop
        if f.default is attrs.NOTHING:
            required.append(f.name)
    schema: dict[str, Any] = {
        "type": "object",
        "title": cls.__name__,
        "properties": properties,
        "additionalProperties": False,
    }
    doc = (cls.__doc__ or "").strip().split("\n\n")[0]
    if doc:
        schema["description"] = " ".join(doc.split())
    if required:
        schema["required"] = required
    if cls is Money:
        schema["properties"]["amount"] = {
            "anyOf": [{"type": "string", "pattern": DECIMAL}, {"type": "number"}],
            "description": "exact decimal amount; written as a string, read from a string or "
            "a JSON number (parsed as an exact decimal, never a float)",
        }
    return schema


def _merge(prop: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in prop or "anyOf" in prop:
        return {"allOf": [prop, extra]}
    return {**prop, **extra}


def json_schema(document: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one document type, e.g. ``"programme"``.

    Parameters
    ----------
    document : str
        A key of :data:`~civicgrants.io.documents.DOCUMENT_TYPES`.

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
    >>> s["properties"]["schema"]
    {'const': 'civicgrants/region@1'}
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
    if document not in DOCUMENT_TYPES:
        raise KeyError(f"unknown document type {document!r}; known: {', '.join(DOCUMENT_TYPES)}")
    cls, _version = DOCUMENT_TYPES[document]
    defs: dict[str, Any] = {}
    body = _class_schema(cls, defs)
    tag = schema_tag(document)
    body["properties"] = {"schema": {"const": tag}, **body["properties"]}
    body["required"] = ["schema", *body.get("required", [])]
    defs.pop(cls.__name__, None)
    return {
        "$schema": _DIALECT,
        "$id": f"https://civicgrants.readthedocs.io/schemas/{document}.schema.json",
        **body,
        "$defs": dict(sorted(defs.items())),
    }


def schema_json(document: str) -> str:
    """:func:`json_schema` as canonical JSON text.

    Parameters
    ----------
    document : str
        A key of :data:`~civicgrants.io.documents.DOCUMENT_TYPES`.

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
    >>> len(written) == len(DOCUMENT_TYPES), written[0].name
    (True, 'programme.schema.json')

    See Also
    --------
    schema_json : the text of each file.
    main : ``python -m civicgrants.io.schema --write``.
    """
    written = []
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        for name in DOCUMENT_TYPES:
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
        The type names, e.g. ``programme``, in the order of :data:`DOCUMENT_TYPES`.

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
        The schema as canonical JSON text (:func:`schema_json`).

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
        The names, in the order of :data:`~civicgrants.io.documents.DOCUMENT_TYPES`.

    Examples
    --------
    >>> document_types().names[:3]
    ('programme', 'stage', 'call')

    See Also
    --------
    document_schema : one type's schema.
    DocumentTypes : the result.
    """
    return DocumentTypes(tuple(DOCUMENT_TYPES))


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
    civicgrants.errors.CivicGrantsError: unknown document type 'nope'; known: programme, stage, call, application, project, memorandum, organisation, initiative-group, person, contribution, region, district, locality, methodology, report, indicator-records, dossier, final-report, agreement, round

    See Also
    --------
    document_types : every type's name.
    json_schema : the schema as data.
    """
    if name not in DOCUMENT_TYPES:
        raise CivicGrantsError(
            f"unknown document type {name!r}; known: {', '.join(DOCUMENT_TYPES)}"
        )
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
        for name in DOCUMENT_TYPES:
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
