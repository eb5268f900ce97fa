"""Text and JSON views of the documents results (see :mod:`civicgrants.io.render`).

The ``check`` command's :class:`~civicgrants.io.documents.Validation` and the
``schema`` command's :class:`~civicgrants.io.schema.DocumentTypes` and
:class:`~civicgrants.io.schema.DocumentSchema`.

Examples
--------
>>> from civicgrants.io.render import render
>>> from civicgrants.io.documents import Validation
>>> print(render(Validation("ps.json", "programme", "public-spaces")), end="")
ps.json: valid programme document 'public-spaces'
"""

from __future__ import annotations

from civicgrants.io.documents import Validation
from civicgrants.io.render import data_view, dump_json, text_view
from civicgrants.io.schema import DocumentSchema, DocumentTypes

__all__ = [
    "document_schema_data",
    "document_schema_text",
    "document_types_data",
    "document_types_text",
    "validation_data",
    "validation_text",
]


@text_view(Validation)
def validation_text(result: Validation, lang: str = "en") -> str:
    r"""``FILE: valid KIND document 'ID'`` on one line.

    Examples
    --------
    >>> validation_text(Validation("r.json", "region"))
    'r.json: valid region document\n'
    """
    ident = f" {result.id!r}" if result.id else ""
    return f"{result.path}: valid {result.kind} document{ident}\n"


@data_view(Validation)
def validation_data(result: Validation) -> str:
    """``{"path": …, "valid": true, "type": …, "id": …}``.

    Examples
    --------
    >>> print(validation_data(Validation("r.json", "region", "a")), end="")
    {"path": "r.json", "valid": true, "type": "region", "id": "a"}
    """
    data = {"path": result.path, "valid": True, "type": result.kind, "id": result.id}
    return dump_json(data, indent=None)


@text_view(DocumentTypes)
def document_types_text(result: DocumentTypes, lang: str = "en") -> str:
    """One type name a line.

    Examples
    --------
    >>> print(document_types_text(DocumentTypes(("programme", "call"))), end="")
    programme
    call
    """
    return "".join(f"{name}\n" for name in result.names)


@data_view(DocumentTypes)
def document_types_data(result: DocumentTypes) -> str:
    """The type names as a JSON list.

    Examples
    --------
    >>> print(document_types_data(DocumentTypes(("programme", "call"))), end="")
    ["programme", "call"]
    """
    return dump_json(list(result.names), indent=None)


@text_view(DocumentSchema)
def document_schema_text(result: DocumentSchema, lang: str = "en") -> str:
    r"""The schema's JSON text (a schema is read by people and programs alike).

    Examples
    --------
    >>> document_schema_text(DocumentSchema("x", '{}\n'))
    '{}\n'
    """
    return result.text


@data_view(DocumentSchema)
def document_schema_data(result: DocumentSchema) -> str:
    r"""The schema's JSON text.

    Examples
    --------
    >>> document_schema_data(DocumentSchema("x", '{}\n'))
    '{}\n'
    """
    return result.text
