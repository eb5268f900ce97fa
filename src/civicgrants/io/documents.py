"""JSON documents: the canonical format for every entity.

Each document is a JSON object whose first key is
``"schema": "civicgrants/<type>@<version>"``. `load()` and `dump()`
work for every registered type; `loads()`, `dumps()`,
`from_data()` and `to_data()` do the same without files.

Examples
--------
>>> from civicgrants.model import Names, Region
>>> text = dumps(Region("atyrau", Names(ru="Атырауская область", en="Atyrau")))
>>> print(text, end="")
{
  "schema": "civicgrants/region@1",
  "id": "atyrau",
  "names": {
    "ru": "Атырауская область",
    "en": "Atyrau"
  }
}
>>> loads(text) == Region("atyrau", Names(ru="Атырауская область", en="Atyrau"))
True
>>> loads('{"schema": "civicgrants/region@1", "id": "a b", "names": {}, "extra": 1}')
Traceback (most recent call last):
...
civicgrants.errors.DocumentError: <data>: 3 problems
  id: must be an id of letters, digits, '.', '_', ':' or '-', got 'a b'
  names: give at least one of ru, kk, en
  extra: unknown key (allowed: code, id, names)
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, TypeVar, cast

import attrs

from civicgrants import model
from civicgrants.agreement.model import GrantAgreement
from civicgrants.budget.model import Budget
from civicgrants.dossier.model import Dossier
from civicgrants.dossier.report import FinalReport
from civicgrants.errors import DocumentError, Problem, article
from civicgrants.indicators.records import IndicatorRecords
from civicgrants.indicators.report import Report
from civicgrants.io.convert import BAD, Structurer, unstructure
from civicgrants.io.files import read_text
from civicgrants.io.manifest import Manifest
from civicgrants.model.limits import get_limits
from civicgrants.schedule.methodology import Methodology

__all__ = [
    "DOCUMENT_TYPES",
    "SCHEMA_PREFIX",
    "Validation",
    "check",
    "document_type",
    "dump",
    "dumps",
    "from_data",
    "load",
    "loads",
    "parse_json",
    "schema_tag",
    "to_data",
]

SCHEMA_PREFIX: Final = "civicgrants/"

DOCUMENT_TYPES: Final[Mapping[str, tuple[type, int]]] = {
    "programme": (model.Programme, 1),
    "stage": (model.Stage, 1),
    "call": (model.Call, 1),
    "application": (model.Application, 1),
    "project": (model.Project, 1),
    "memorandum": (model.Memorandum, 1),
    "organisation": (model.Organisation, 1),
    "initiative-group": (model.InitiativeGroup, 1),
    "person": (model.Person, 1),
    "contribution": (model.Contribution, 1),
    "region": (model.Region, 1),
    "district": (model.District, 1),
    "locality": (model.Locality, 1),
    "methodology": (Methodology, 1),
    "report": (Report, 1),
    "indicator-records": (IndicatorRecords, 1),
    "dossier": (Dossier, 1),
    "final-report": (FinalReport, 1),
    "agreement": (GrantAgreement, 1),
    "round": (Manifest, 1),
    "budget": (Budget, 1),
}
"""Document type name → (entity class, current schema version)."""

_BY_CLASS: Final = {cls: name for name, (cls, _) in DOCUMENT_TYPES.items()}

T = TypeVar("T")
PathLike = str | os.PathLike[str]


def document_type(obj_or_cls: object) -> str:
    """The document type name of an entity or entity class.

    Parameters
    ----------
    obj_or_cls : object or type
        An entity (say a `Region`) or its class.

    Returns
    -------
    str
        Its key in `DOCUMENT_TYPES`, such as ``"programme"``.

    Raises
    ------
    TypeError
        The class is not a registered document type.

    Examples
    --------
    >>> document_type(model.Programme)
    'programme'
    >>> document_type(model.Region("atyrau", model.Names(en="Atyrau")))
    'region'
    >>> document_type(42)
    Traceback (most recent call last):
    ...
    TypeError: int is not a document type; known: programme, stage, ...

    See Also
    --------
    schema_tag : the ``schema`` value for a type name.
    DOCUMENT_TYPES : every type name with its class and version.
    """
    cls = obj_or_cls if isinstance(obj_or_cls, type) else type(obj_or_cls)
    try:
        return _BY_CLASS[cls]
    except KeyError:
        raise TypeError(
            f"{cls.__name__} is not a document type; known: {', '.join(DOCUMENT_TYPES)}"
        ) from None


def schema_tag(name: str) -> str:
    """``"civicgrants/<name>@<version>"`` for a document type name.

    Parameters
    ----------
    name : str
        A key of `DOCUMENT_TYPES`.

    Returns
    -------
    str
        The ``schema`` value a document of that type carries, at the current version.

    Examples
    --------
    >>> schema_tag("region")
    'civicgrants/region@1'

    See Also
    --------
    document_type : the type name of an entity.
    to_data : puts the tag first in a document's JSON value.
    """
    return f"{SCHEMA_PREFIX}{name}@{DOCUMENT_TYPES[name][1]}"


def to_data(obj: object, *, redact: bool = True) -> dict[str, Any]:
    """The JSON value of a document, ``schema`` first.

    Personal data (names, phones, e-mails of people) is removed unless
    ``redact=False``.

    Parameters
    ----------
    obj : object
        An entity of a registered document type.
    redact : bool
        Drop personal fields (see `civicgrants.model.redact()`).

    Returns
    -------
    dict of str to Any
        JSON-ready data: ``"schema"`` first, then the entity's fields.

    Examples
    --------
    >>> from civicgrants.model import Person, Role
    >>> person = Person("p1", (Role.LEADER,), name="A. Leader", phone="+7 700 000 0000")
    >>> to_data(person)
    {'schema': 'civicgrants/person@1', 'id': 'p1', 'roles': ['leader']}
    >>> to_data(person, redact=False)["name"]
    'A. Leader'

    See Also
    --------
    dumps : the same value as canonical JSON text.
    from_data : the inverse.
    """
    name = document_type(obj)
    if redact:
        obj = model.redact(obj)
    body = unstructure(obj)
    assert isinstance(body, dict)
    return {"schema": schema_tag(name), **body}


def dumps(obj: object, *, redact: bool = True) -> str:
    """The canonical JSON text of a document: UTF-8, 2-space indent, newline at the end.

    The same object always gives the same bytes.

    Parameters
    ----------
    obj : object
        An entity of a registered document type.
    redact : bool
        Drop personal fields (see `to_data()`).

    Returns
    -------
    str
        The JSON text, non-ASCII characters kept as they are.

    Examples
    --------
    >>> print(dumps(model.Region("atyrau", model.Names(en="Atyrau"))), end="")
    {
      "schema": "civicgrants/region@1",
      "id": "atyrau",
      "names": {
        "en": "Atyrau"
      }
    }

    See Also
    --------
    dump : writes the text to a file.
    loads : the inverse.
    to_data : the JSON value before it becomes text.
    """
    return json.dumps(to_data(obj, redact=redact), ensure_ascii=False, indent=2) + "\n"


def dump(obj: object, path: PathLike, *, redact: bool = True) -> Path:
    """Write ``obj`` as a JSON document to ``path`` (see `dumps()`).

    Parameters
    ----------
    obj : object
        An entity of a registered document type.
    path : str or os.PathLike
        The file to write; it is replaced if it exists.
    redact : bool
        Drop personal fields (see `to_data()`).

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> region = model.Region("atyrau", model.Names(en="Atyrau"))
    >>> file = dump(region, pathlib.Path(tempfile.mkdtemp()) / "region.json")
    >>> file.name
    'region.json'
    >>> load(file) == region
    True

    See Also
    --------
    dumps : the text written.
    load : reads it back.
    """
    target = Path(path)
    target.write_text(dumps(obj, redact=redact), encoding="utf-8")
    return target


def from_data(
    data: Any,
    expect: type[T] | None = None,
    *,
    allow_unknown: bool = False,
    source: str = "<data>",
) -> T:
    """Build the document's object from its JSON value.

    Raises `DocumentError` listing every problem
    with its JSON path. Unknown keys are errors unless ``allow_unknown``.

    Parameters
    ----------
    data : Any
        A JSON value, as from `parse_json()`; its ``schema`` key names the type.
    expect : type, optional
        An entity class; any other document type is an error.
    allow_unknown : bool
        Accept keys the schema does not know.
    source : str
        Where the data came from, for the error message.

    Returns
    -------
    object
        The entity the document describes.

    Raises
    ------
    civicgrants.errors.DocumentError
        ``data`` is not an object; its ``schema`` is missing, unknown, of an unsupported
        version or not ``expect``; or any field is invalid.

    Examples
    --------
    >>> from_data({"schema": "civicgrants/region@1", "id": "atyrau", "names": {"en": "Atyrau"}})
    Region 'atyrau': names='Atyrau'
    >>> from_data({"schema": "civicgrants/region@1", "id": "atyrau"}, model.Programme)
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: <data>: 1 problem
      schema: expected a programme document, got 'civicgrants/region@1'

    See Also
    --------
    to_data : the inverse.
    loads : the same from JSON text.
    """
    if not isinstance(data, dict):
        raise DocumentError(
            source, [Problem("", "a document must be a JSON object", "document.not_an_object")]
        )
    tag = data.get("schema")
    cls = _resolve(tag, source)
    if expect is not None and cls is not expect:
        raise DocumentError(
            source,
            [
                Problem(
                    "schema",
                    f"expected {article(document_type(expect))} document, got {_shown(tag)}",
                    "schema.wrong_type",
                    tag if isinstance(tag, str) else None,
                )
            ],
        )
    structurer = Structurer(allow_unknown=allow_unknown)
    result = structurer.document(data, cls)
    if structurer.problems or result is BAD:
        raise DocumentError(
            source, structurer.problems or [Problem("", "invalid document")], data=data
        )
    return cast(T, result)


def _shown(tag: object) -> str:
    """A schema tag as a message quotes it: a string (cut short), else what kind of value it is."""
    if isinstance(tag, str):
        return repr(tag) if len(tag) <= 80 else f"{tag[:60]!r}… ({len(tag)} characters)"
    if isinstance(tag, dict):
        return "an object"
    if isinstance(tag, list):  # however deep: its repr could exhaust the stack
        return "a list"
    return repr(tag) if isinstance(tag, (bool, int, Decimal)) else type(tag).__name__


def _resolve(tag: object, source: str) -> type:
    if tag is None:
        raise DocumentError(
            source,
            [
                Problem(
                    "schema",
                    f"required key is missing (e.g. {schema_tag('programme')!r})",
                    "schema.missing",
                )
            ],
        )
    if not isinstance(tag, str) or not tag.startswith(SCHEMA_PREFIX) or "@" not in tag:
        raise DocumentError(
            source,
            [
                Problem(
                    "schema",
                    f"must name a document type such as {schema_tag('programme')!r}, got "
                    f"{_shown(tag)}",
                    "schema.invalid",
                    tag if isinstance(tag, (str, int, bool)) else None,
                )
            ],
        )
    name, _, version = tag[len(SCHEMA_PREFIX) :].partition("@")
    if name not in DOCUMENT_TYPES:
        known = ", ".join(schema_tag(n) for n in DOCUMENT_TYPES)
        raise DocumentError(
            source,
            [
                Problem(
                    "schema",
                    f"unknown document type {name!r}; known: {known}",
                    "schema.unknown_type",
                    tag,
                )
            ],
        )
    cls, current = DOCUMENT_TYPES[name]
    if version != str(current):  # one spelling per version: no int() of a 5 000-digit tag
        shown = version if len(version) <= 20 else f"{version[:20]}… ({len(version)} characters)"
        raise DocumentError(
            source,
            [
                Problem(
                    "schema",
                    f"unsupported version {shown!r} of {name!r}; this library reads @{current}",
                    "schema.unsupported_version",
                    tag,
                )
            ],
        )
    return cls


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) < len(pairs):  # a key repeats: name the first, as the document has it
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r} in one object")
            seen.add(key)
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a document may hold")


class _LongInteger:
    """An integer of a JSON document with more digits than `Limits.digits` allows.

    `parse_json()` keeps it unconverted (Python's ``int`` refuses more than 4 300
    digits, and no field takes so many): no field accepts it, so the field holding
    it reports it with its location.
    """

    __slots__ = ("digits",)

    def __init__(self, text: str) -> None:
        self.digits = len(text.lstrip("-"))

    def __repr__(self) -> str:
        limit = get_limits().digits
        return (
            f"an integer of {self.digits} digits, more than {limit} (the digits limit; "
            "raise it with use_limits(digits=...))"
        )

    __str__ = __repr__


def _parse_int(text: str) -> int | _LongInteger:
    if len(text) > get_limits().digits + 1:
        return _LongInteger(text)
    return int(text)


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def _depth_problem(text: str) -> str | None:
    """Why ``text`` nests deeper than `Limits.depth` allows, with the line, or ``None``."""
    limit = get_limits().depth
    if text.count("[") + text.count("{") <= limit:  # cannot nest deeper: most documents
        return None
    bare = _STRING.sub('""', text)
    depth = 0
    for match in _BRACKET.finditer(bare):
        if match.group() in "[{":
            depth += 1
            if depth > limit:
                line = bare.count("\n", 0, match.start()) + 1
                return (
                    f"nested deeper than {limit} levels at line {line} (the depth limit; "
                    "raise it with use_limits(depth=...))"
                )
        else:
            depth -= 1
    return None


def parse_json(text: str, source: str = "<data>") -> Any:
    """Parse JSON exactly: numbers with a fraction become Decimal, never float.

    Duplicate keys in one object, ``NaN`` and ``Infinity`` are rejected.

    Parameters
    ----------
    text : str
        JSON text.
    source : str
        Where the text came from, for the error message.

    Returns
    -------
    Any
        The JSON value: dicts, lists, str, int, Decimal, bool or None.

    Raises
    ------
    civicgrants.errors.DocumentError
        The text is not valid JSON, repeats a key, holds a number a document may not
        hold or is nested too deeply.

    Examples
    --------
    >>> parse_json('{"a": 1.50, "b": [1, 2]}')
    {'a': Decimal('1.50'), 'b': [1, 2]}
    >>> parse_json('{"a": 1, "a": 2}')
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: <data>: 1 problem
      duplicate key 'a' in one object

    See Also
    --------
    from_data : builds an entity from the parsed value.
    loads : both steps at once.
    """
    deep = _depth_problem(text)
    if deep is not None:
        raise DocumentError(source, [Problem("", deep)])
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_int=_parse_int,
            parse_constant=_reject_constant,
            object_pairs_hook=_no_duplicates,
        )
    except json.JSONDecodeError as exc:
        raise DocumentError(
            source,
            [Problem("", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")],
        ) from None
    except ArithmeticError as exc:
        raise DocumentError(
            source, [Problem("", f"not a number a document may hold ({exc})")]
        ) from None
    except ValueError as exc:
        raise DocumentError(source, [Problem("", str(exc))]) from None
    except RecursionError:
        raise DocumentError(source, [Problem("", "nested too deeply to be a document")]) from None


def loads(
    text: str, expect: type[T] | None = None, *, allow_unknown: bool = False, source: str = "<data>"
) -> T:
    """Read a document from JSON text (see `from_data()`).

    Parameters
    ----------
    text : str
        A JSON document.
    expect : type, optional
        An entity class; any other document type is an error.
    allow_unknown : bool
        Accept keys the schema does not know.
    source : str
        Where the text came from, for the error message.

    Returns
    -------
    object
        The entity the document describes.

    Raises
    ------
    civicgrants.errors.DocumentError
        The text is not valid JSON or not a valid document (see `from_data()`).

    Examples
    --------
    >>> loads('{"schema": "civicgrants/region@1", "id": "atyrau", "names": {"en": "Atyrau"}}')
    Region 'atyrau': names='Atyrau'

    See Also
    --------
    dumps : the inverse.
    load : the same from a file.
    parse_json : the parsing step.
    """
    return from_data(parse_json(text, source), expect, allow_unknown=allow_unknown, source=source)


def load(path: PathLike, expect: type[T] | None = None, *, allow_unknown: bool = False) -> T:
    """Read a document from a JSON file; the ``schema`` key says what it is.

    ``expect`` (an entity class) makes any other document type an error.

    Parameters
    ----------
    path : str or os.PathLike
        A civicgrants JSON document.
    expect : type, optional
        An entity class; any other document type is an error.
    allow_unknown : bool
        Accept keys the schema does not know.

    Returns
    -------
    object
        The entity the document describes.

    Raises
    ------
    civicgrants.errors.DocumentError
        The file is missing, unreadable or not a valid document.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "region.json"
    >>> _ = file.write_text(dumps(model.Region("atyrau", model.Names(en="Atyrau"))))
    >>> load(file, model.Region).names.en
    'Atyrau'

    See Also
    --------
    dump : the inverse.
    loads : the same from text.
    check : validates a file and says what it is.
    """
    source = os.fspath(path)
    text = read_text(path)
    return loads(text, expect, allow_unknown=allow_unknown, source=source)


@attrs.frozen
class Validation:
    """A valid document: where it was read from, what it is and its id.

    Attributes
    ----------
    path : str
        The file.
    kind : str
        Its document type (a key of `DOCUMENT_TYPES`).
    id : str or None
        The document's ``id``, when it has one.

    Examples
    --------
    >>> Validation("region.json", "region", "atyrau")
    Validation(path='region.json', kind='region', id='atyrau')

    See Also
    --------
    check : builds it.
    """

    path: str
    kind: str
    id: str | None = None


def check(path: PathLike, *, allow_unknown: bool = False) -> Validation:
    """Read and validate a document: the ``civicgrants check`` command.

    Parameters
    ----------
    path : str or os.PathLike
        A civicgrants JSON document.
    allow_unknown : bool
        Accept keys the schema does not know.

    Returns
    -------
    Validation
        What the document is.

    Raises
    ------
    civicgrants.errors.DocumentError
        The document is missing, unreadable or invalid; ``problems`` lists every problem.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "region.json"
    >>> _ = file.write_text(dumps(model.Region("atyrau", model.Names(en="Atyrau"))))
    >>> result = check(file)
    >>> result.kind, result.id
    ('region', 'atyrau')

    See Also
    --------
    load : reads the document itself.
    """
    obj: object = load(path, allow_unknown=allow_unknown)
    ident = getattr(obj, "id", None)
    return Validation(
        os.fspath(path), document_type(obj), ident if isinstance(ident, str) else None
    )
