"""Text and JSON views of the documents results (see `civicgrants.io.render`).

The ``check`` command's `Validation` and the
``schema`` command's `DocumentTypes` and
`DocumentSchema`.

Examples
--------
>>> from civicgrants.io.render import render
>>> from civicgrants.io.documents import Validation
>>> print(render(Validation("ps.json", "programme", "public-spaces")), end="")
ps.json: valid programme document 'public-spaces'
"""

from __future__ import annotations

from civicgrants.io.documents import Validation
from civicgrants.io.labels import tr
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

    Parameters
    ----------
    result : Validation
        `civicgrants.io.documents.check()`'s result.
    lang : str
        The reader's language.

    Returns
    -------
    str
        The line, ending with a newline; ``'ID'`` only when the document has an id.

    Examples
    --------
    >>> validation_text(Validation("r.json", "region"))
    'r.json: valid region document\n'

    See Also
    --------
    validation_data : the same result as JSON.
    civicgrants.io.render.render : picks this view for ``--format text``.
    """
    ident = f" {result.id!r}" if result.id else ""
    line = tr("{path}: valid {kind} document{ident}", lang)
    return line.format(path=result.path, kind=result.kind, ident=ident) + "\n"


@data_view(Validation)
def validation_data(result: Validation) -> str:
    """``{"path": …, "valid": true, "type": …, "id": …}``.

    Parameters
    ----------
    result : Validation
        `civicgrants.io.documents.check()`'s result.

    Returns
    -------
    str
        One line of JSON, no final newline; ``id`` is ``null`` when the document has none.

    Examples
    --------
    >>> print(validation_data(Validation("r.json", "region", "a")), end="")
    {"path": "r.json", "valid": true, "type": "region", "id": "a"}

    See Also
    --------
    validation_text : the same result for people.
    civicgrants.io.render.render : picks this view for ``--format json``.
    """
    data = {"path": result.path, "valid": True, "type": result.kind, "id": result.id}
    return dump_json(data, indent=None)


@text_view(DocumentTypes)
def document_types_text(result: DocumentTypes, lang: str = "en") -> str:
    """One type name a line.

    Parameters
    ----------
    result : DocumentTypes
        `civicgrants.io.schema.document_types()`'s result.
    lang : str
        The reader's language (type names are the same in every language).

    Returns
    -------
    str
        The names, each ending with a newline.

    Examples
    --------
    >>> print(document_types_text(DocumentTypes(("programme", "call"))), end="")
    programme
    call

    See Also
    --------
    document_types_data : the same names as JSON.
    """
    return "".join(f"{name}\n" for name in result.names)


@data_view(DocumentTypes)
def document_types_data(result: DocumentTypes) -> str:
    """The type names as a JSON list.

    Parameters
    ----------
    result : DocumentTypes
        `civicgrants.io.schema.document_types()`'s result.

    Returns
    -------
    str
        One line of JSON, no final newline.

    Examples
    --------
    >>> print(document_types_data(DocumentTypes(("programme", "call"))), end="")
    ["programme", "call"]

    See Also
    --------
    document_types_text : one name a line.
    """
    return dump_json(list(result.names), indent=None)


@text_view(DocumentSchema)
def document_schema_text(result: DocumentSchema, lang: str = "en") -> str:
    r"""The schema's JSON text (a schema is read by people and programs alike).

    Parameters
    ----------
    result : DocumentSchema
        `civicgrants.io.schema.document_schema()`'s result.
    lang : str
        The reader's language (the schema is the same in every language).

    Returns
    -------
    str
        ``result.text`` unchanged.

    Examples
    --------
    >>> document_schema_text(DocumentSchema("x", '{}\n'))
    '{}\n'

    See Also
    --------
    document_schema_data : the same text for ``--format json``.
    """
    return result.text


@data_view(DocumentSchema)
def document_schema_data(result: DocumentSchema) -> str:
    r"""The schema's JSON text.

    Parameters
    ----------
    result : DocumentSchema
        `civicgrants.io.schema.document_schema()`'s result.

    Returns
    -------
    str
        ``result.text`` unchanged.

    Examples
    --------
    >>> document_schema_data(DocumentSchema("x", '{}\n'))
    '{}\n'

    See Also
    --------
    document_schema_text : the same text for ``--format text``.
    civicgrants.io.schema.schema_json : makes the text.
    """
    return result.text
