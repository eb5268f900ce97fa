"""Render any civicgrants result for people (text) or programs (JSON): one entry point.

Every command of the ``civicgrants`` CLI is one library call that returns a frozen,
typed result; the CLI prints ``render(result, fmt, lang=...)``. A notebook gets
exactly the same text by calling the same function.

Each result type's text and JSON live in one view module under
`civicgrants.io.views` (one per concept), which registers them here with
`text_view()` and `data_view()`. The views are imported on the first
call, so ``import civicgrants.io.render`` costs nothing.

Examples
--------
>>> from civicgrants.budget import summarise
>>> from civicgrants.datasets import seed_001_budget
>>> print(render(summarise(seed_001_budget()), "text").splitlines()[0])  # doctest: +ELLIPSIS
stated KZT31,891,320.00; computed KZT32,051,320.00

See Also
--------
civicgrants.io.fmt : how numbers, money and dates are written.
"""

from __future__ import annotations

import functools
import importlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = [
    "FORMATS",
    "VIEWS",
    "VIEW_OF",
    "data",
    "data_view",
    "dump_json",
    "render",
    "text",
    "text_view",
]

FORMATS = ("text", "json")
"""The formats `render()` writes."""

VIEWS = (
    "civicgrants.io.views.budget",
    "civicgrants.io.views.demo",
    "civicgrants.io.views.documents",
    "civicgrants.io.views.dossier",
    "civicgrants.io.views.final_report",
    "civicgrants.io.views.indicators",
    "civicgrants.io.views.pb",
    "civicgrants.io.views.round",
    "civicgrants.io.views.schedule",
    "civicgrants.io.views.scoring",
    "civicgrants.io.views.uncertainty",
)
"""The view modules, imported on first use; each registers its result types."""

T = TypeVar("T")
_TEXT: dict[type, Callable[[Any, str], str]] = {}
_DATA: dict[type, Callable[[Any], str]] = {}


def text_view(cls: type[T]) -> Callable[[Callable[[T, str], str]], Callable[[T, str], str]]:
    r"""Register ``function(result, lang) -> str`` as the text of ``cls`` (a decorator).

    The function serves ``cls`` and its subclasses (a subclass's own view
    wins); registering again for the same class replaces the view.

    Parameters
    ----------
    cls : type
        The result type the view writes.

    Returns
    -------
    callable
        A decorator that registers the function and returns it unchanged.

    Examples
    --------
    >>> import attrs
    >>> @attrs.frozen
    ... class Greeting:
    ...     who: str
    >>> @text_view(Greeting)
    ... def greeting_text(result, lang):
    ...     return f"{'Сәлем' if lang == 'kk' else 'Hello'}, {result.who}!\n"
    >>> print(render(Greeting("Kuryk"), lang="kk"), end="")
    Сәлем, Kuryk!

    See Also
    --------
    data_view : the same for the JSON text.
    text : the text of a result, through the registered view.
    """

    def register(function: Callable[[T, str], str]) -> Callable[[T, str], str]:
        _TEXT[cls] = function
        return function

    return register


def data_view(cls: type[T]) -> Callable[[Callable[[T], str]], Callable[[T], str]]:
    """Register ``function(result) -> str`` (a JSON text) as the JSON of ``cls`` (a decorator).

    The function serves ``cls`` and its subclasses (a subclass's own view
    wins); registering again for the same class replaces the view.

    Parameters
    ----------
    cls : type
        The result type the view writes.

    Returns
    -------
    callable
        A decorator that registers the function and returns it unchanged.

    Examples
    --------
    >>> import attrs
    >>> @attrs.frozen
    ... class Greeting:
    ...     who: str
    >>> @data_view(Greeting)
    ... def greeting_data(result):
    ...     return dump_json({"who": result.who}, indent=None)
    >>> print(render(Greeting("Құрық"), "json"), end="")
    {"who": "Құрық"}

    See Also
    --------
    text_view : the same for the text a person reads.
    dump_json : how a view writes its JSON text.
    """

    def register(function: Callable[[T], str]) -> Callable[[T], str]:
        _DATA[cls] = function
        return function

    return register


VIEW_OF = {
    "civicgrants.budget": "civicgrants.io.views.budget",
    "civicgrants.dossier": "civicgrants.io.views.dossier",
    "civicgrants.dossier.report_check": "civicgrants.io.views.final_report",
    "civicgrants.indicators": "civicgrants.io.views.indicators",
    "civicgrants.io": "civicgrants.io.views.documents",
    "civicgrants.io.workspace": "civicgrants.io.views.round",
    "civicgrants.model": "civicgrants.io.views.demo",
    "civicgrants.pb": "civicgrants.io.views.pb",
    "civicgrants.round": "civicgrants.io.views.round",
    "civicgrants.schedule": "civicgrants.io.views.schedule",
    "civicgrants.scoring": "civicgrants.io.views.scoring",
}
"""The view module of each package's (or module's) results: only that module is imported.

A ``civicgrants pb`` run imports the votes' views, not the commission's (and not numpy's
share of them); a type no module here registers makes `text()` import every view."""


@functools.cache
def _load_views(package: str | None = None) -> None:
    module = VIEW_OF.get(package or "")
    for name in (module,) if module else VIEWS:
        importlib.import_module(name)


def _lookup(table: dict[type, Any], result: object, what: str) -> Any:
    mro = type(result).__mro__
    module = type(result).__module__.split(".")
    packages = [p for p in (".".join(module[:3]), ".".join(module[:2])) if p in VIEW_OF]
    for attempt in (*packages, None):
        _load_views(attempt)
        for cls in mro:
            if cls in table:
                return table[cls]
    raise TypeError(f"no {what} view for {type(result).__name__}")


def text(result: object, lang: str = "en", **options: object) -> str:
    r"""The text a person reads: what the CLI prints with ``--format text``.

    Parameters
    ----------
    result : object
        A result of a civicgrants command (a decision, an audit, a plan …).
    lang : str
        ``en``, ``ru`` or ``kk``.
    **options
        Passed on to the view, for a view that takes them (a roll-up's ``places``:
        the names of the places its groups name).

    Returns
    -------
    str
        The text, ending with a newline.

    Raises
    ------
    TypeError
        ``result`` has no text view.

    Examples
    --------
    >>> import attrs
    >>> @attrs.frozen
    ... class Total:
    ...     amount: int
    >>> _ = text_view(Total)(lambda result, lang: f"total {result.amount}\n")
    >>> text(Total(12))
    'total 12\n'
    >>> text(3.5)
    Traceback (most recent call last):
    ...
    TypeError: no text view for float

    See Also
    --------
    render : text or JSON, chosen by name.
    data : the JSON text of the same result.
    text_view : register the text of a result type.
    """
    rendered: str = _lookup(_TEXT, result, "text")(result, lang, **options)
    return rendered


def data(result: object) -> str:
    """The JSON text a program reads: what the CLI prints with ``--format json``.

    Parameters
    ----------
    result : object
        A result of a civicgrants command.

    Returns
    -------
    str
        The JSON text, ending with a newline.

    Raises
    ------
    TypeError
        ``result`` has no JSON view.

    Examples
    --------
    >>> import attrs
    >>> @attrs.frozen
    ... class Total:
    ...     amount: int
    >>> _ = data_view(Total)(lambda result: dump_json({"amount": result.amount}))
    >>> print(data(Total(12)), end="")
    {
      "amount": 12
    }

    See Also
    --------
    render : text or JSON, chosen by name.
    text : the text a person reads.
    data_view : register the JSON of a result type.
    """
    rendered: str = _lookup(_DATA, result, "JSON")(result)
    return rendered


def render(result: object, fmt: str = "text", *, lang: str = "en", **options: object) -> str:
    r"""``result`` as ``text`` (in ``lang``) or ``json``.

    Parameters
    ----------
    result : object
        A command's result.
    fmt : {"text", "json"}
        The format.
    lang : str
        The language of the text (JSON has none).
    **options
        Passed on to the text view (see `text()`).

    Returns
    -------
    str
        The text or the JSON text, ending with a newline.

    Raises
    ------
    ValueError
        An unknown format.
    TypeError
        ``result`` has no view in that format.

    Examples
    --------
    >>> import attrs
    >>> @attrs.frozen
    ... class Total:
    ...     amount: int
    >>> _ = text_view(Total)(lambda result, lang: f"total {result.amount}\n")
    >>> print(render(Total(12)), end="")
    total 12
    >>> render(Total(12), "xml")
    Traceback (most recent call last):
    ...
    ValueError: format: must be one of text, json, got 'xml'

    See Also
    --------
    text : the text a person reads.
    data : the JSON text a program reads.
    """
    if fmt == "text":
        return text(result, lang, **options)
    if fmt == "json":
        return data(result)
    raise ValueError(f"format: must be one of {', '.join(FORMATS)}, got {fmt!r}")


def dump_json(value: object, *, sort_keys: bool = False, indent: int | None = 2) -> str:
    """A JSON text as every command writes it: UTF-8 characters kept, a final newline.

    Parameters
    ----------
    value : object
        A JSON value (dicts, lists, strings, numbers, booleans, None).
    sort_keys : bool, default False
        Sort the keys of every object.
    indent : int or None, default 2
        The indent of nested values; ``None`` writes one line.

    Returns
    -------
    str
        The JSON text, ending with a newline.

    Examples
    --------
    >>> print(dump_json({"locality": "Құрық", "grant": "1500000.00"}, indent=None), end="")
    {"locality": "Құрық", "grant": "1500000.00"}

    See Also
    --------
    data_view : views write their JSON text with this.
    civicgrants.io.convert.unstructure : the JSON value of an entity.
    """
    return json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=sort_keys) + "\n"
