"""How entities and results show themselves: a short repr, an HTML table and a DataFrame.

One home for the display of every public attrs class of the computation
packages (``model``, ``schedule``, ``scoring``, ``pb``, ``budget``,
``indicators``, ``dossier``, ``agreement``, ``round``). The class decorator
`shows()` gives a class

- a ``__repr__`` of one summary line (at most `REPR_LIMIT` characters):
  the class's name, then its short fields as they are and its collections as
  counts, like networkx's ``Graph with 3 nodes and 2 edges``;
- a ``_repr_html_`` (what Jupyter shows): a small table of the same fields,
  every text escaped with `html.escape()`;
- nothing else: a class with rows defines ``to_frame(exact=False)`` itself,
  with `frame()` (a pandas DataFrame, the ``frames`` extra, imported only
  then), and names its columns in a ``FRAME_COLUMNS`` class attribute.

Equality and hashing are not touched: only the repr changes.

A frame's column has a kind (`KINDS`): ``money`` columns hold the amount
in tenge (the currency's major unit) as ``float64`` so that ``.plot`` works,
and exact `Decimal` objects with ``exact=True``; ``number``
columns likewise (``float64``, or ``Decimal`` with ``exact=True``); ``int``
columns are ``int64``; ``bool`` columns ``bool``; ``date`` columns
``datetime64``; ``str`` columns pandas' string dtype. A float in a frame is a
display, never an amount: compute with the objects or with ``exact=True``.

Examples
--------
>>> import attrs
>>> @shows
... @attrs.frozen
... class Basket:
...     name: str
...     items: tuple[str, ...]
...     FRAME_COLUMNS = (("item", "str"),)
...     def to_frame(self, exact=False):
...         return frame(self.FRAME_COLUMNS, [(i,) for i in self.items], exact=exact)
>>> Basket("fruit", ("apple", "pear"))  # small: the exact attrs repr
Basket(name='fruit', items=('apple', 'pear'))
>>> Basket("fruit", tuple(f"item {i}" for i in range(100)))
Basket 'fruit': items=100 items
>>> print(Basket("a<b", ())._repr_html_())
<table class="civicgrants"><caption>Basket</caption><tbody><tr><th>name</th><td>a&lt;b</td></tr><tr><th>items</th><td>0 items</td></tr></tbody></table>
>>> Basket("fruit", ("apple", "pear")).to_frame()["item"].tolist()
['apple', 'pear']
"""

from __future__ import annotations

import datetime
import enum
import html
import importlib
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

import attrs

from civicgrants.errors import MissingExtra
from civicgrants.model.money import Money

__all__ = [
    "EXACT_LIMIT",
    "KINDS",
    "REPR_LIMIT",
    "frame",
    "html_table",
    "short",
    "shows",
    "summary",
]

REPR_LIMIT = 300
"""The longest repr `summary()` writes, in characters."""

KINDS = ("money", "number", "int", "bool", "date", "str")
"""The kinds of a frame column (see the module's text for their dtypes)."""

_T = TypeVar("_T")
_SCALARS = (str, int, float, Decimal, Fraction, bool, datetime.date, enum.Enum, Money)


def short(value: object, width: int = 40) -> str:
    """A field's value in a few characters: scalars as their repr, collections as a count.

    Parameters
    ----------
    value : object
        The value.
    width : int, optional
        The longest text kept; a longer one ends with ``…``.

    Returns
    -------
    str
        The short text.

    Examples
    --------
    >>> short("Жасыл аула"), short((1, 2, 3)), short(None)
    ("'Жасыл аула'", '3 items', 'None')
    >>> from civicgrants.model.money import Money
    >>> short(Money.parse("1500 KZT"))
    '1500.00 KZT'

    See Also
    --------
    summary : the line built from these.
    """
    if isinstance(value, Money):
        text = f"{value.amount} {value.currency}"
    elif isinstance(value, enum.Enum):
        text = str(value.value)
    elif isinstance(value, Decimal | Fraction | datetime.date):
        text = str(value)
    elif value is None or isinstance(value, _SCALARS):
        text = repr(value)
    elif isinstance(value, Mapping | Sequence | frozenset | set):
        n = len(value)
        text = f"{n} item" if n == 1 else f"{n} items"
    elif attrs.has(type(value)):
        if type(value).__str__ is not object.__str__:  # a name: Names shows its own text
            text = repr(str(value))
        else:
            first = next(iter(_fields(value)), ("", None))[1]
            text = type(value).__name__ + (f" {first!r}" if isinstance(first, str) else "")
    elif hasattr(value, "shape"):  # a numpy array
        text = "array" + "×".join(str(int(n)) for n in value.shape).join("[]")
    else:
        text = type(value).__name__
    return text if len(text) <= width else text[: width - 1] + "…"


def _fields(obj: object) -> list[tuple[str, object]]:
    return [
        (f.name, getattr(obj, f.name))
        for f in attrs.fields(type(obj))  # type: ignore[arg-type]  # any attrs class
        if not f.name.startswith("_") and f.repr is not False
    ]


def _collection(value: object) -> bool:
    return isinstance(value, tuple | list | frozenset | set | dict)


def _empty(value: object) -> bool:
    if value is None or (isinstance(value, str) and not value):
        return True
    return isinstance(value, tuple | list | frozenset | set | dict) and not value


def summary(obj: object) -> str:
    """The one-line summary `shows()` makes the repr of an attrs object.

    The class's name, its first text field (a name, an id) quoted, then every
    other field that is not empty (``None``, ``""``, an empty collection) as
    ``name=value`` in `short()` form, collections (as counts) first; cut at `REPR_LIMIT` characters.

    Parameters
    ----------
    obj : attrs object
        The object.

    Returns
    -------
    str
        One line of at most `REPR_LIMIT` characters.

    Examples
    --------
    >>> from civicgrants.pb.outcome import ProjectDecision
    >>> summary(ProjectDecision("b", False, 2, "greedy", "cost 60 exceeds the 50 left"))
    "ProjectDecision 'b': selected=False, step=2, phase='greedy', reason='cost 60 exceeds the 50 left'"

    See Also
    --------
    shows : makes it a class's repr.
    short : one field's text.
    """
    fields = _fields(obj)
    head = type(obj).__name__
    if fields and isinstance(fields[0][1], str):
        head += " " + short(fields[0][1])
        fields = fields[1:]
    kept = [(name, value) for name, value in fields if not _empty(value)]
    many = [(n, v) for n, v in kept if _collection(v)]  # the counts first, as networkx's
    parts = [f"{name}={short(value)}" for name, value in many + [f for f in kept if f not in many]]
    text = head + (": " + ", ".join(parts) if parts else "")
    text = " ".join(text.split())  # one line: no newline from a field's text
    return text if len(text) <= REPR_LIMIT else text[: REPR_LIMIT - 1] + "…"


def html_table(title: str, rows: Iterable[tuple[str, object]]) -> str:
    """A small HTML table of (label, value) rows, every text escaped.

    Parameters
    ----------
    title : str
        The table's caption.
    rows : iterable of (str, object)
        The labels and values; a value is written in `short()` form.

    Returns
    -------
    str
        One ``<table>`` element.

    Examples
    --------
    >>> html_table("T", [("a", 1), ("b", "<x>")])
    '<table class="civicgrants"><caption>T</caption><tbody><tr><th>a</th><td>1</td></tr><tr><th>b</th><td>&lt;x&gt;</td></tr></tbody></table>'

    See Also
    --------
    shows : makes it a class's ``_repr_html_``.
    """
    body = "".join(
        f"<tr><th>{html.escape(label)}</th>"
        f"<td>{html.escape(value if isinstance(value, str) else short(value, 80))}</td></tr>"
        for label, value in rows
    )
    return (
        f'<table class="civicgrants"><caption>{html.escape(title)}</caption>'
        f"<tbody>{body}</tbody></table>"
    )


def _pandas() -> Any:
    try:
        # imported by name: pandas ships no type stubs of its own
        return importlib.import_module("pandas")
    except ImportError as exc:
        raise MissingExtra("DataFrames", "frames") from exc


def _cell(kind: str, value: object, exact: bool) -> object:
    if value is None:
        return None
    if kind == "money":
        amount = value.amount if isinstance(value, Money) else value
        return Decimal(str(amount)) if exact else float(amount)  # type: ignore[arg-type]
    if kind == "number":
        if exact:
            return value if isinstance(value, Decimal) else Decimal(str(value))
        return float(value)  # type: ignore[arg-type]
    return value


def frame(
    columns: Sequence[tuple[str, str]], rows: Iterable[Sequence[object]], *, exact: bool = False
) -> Any:
    """Rows as a pandas DataFrame with the columns' kinds as dtypes.

    Parameters
    ----------
    columns : sequence of (str, str)
        Each column's name and kind (one of `KINDS`).
    rows : iterable of sequence
        The rows, one value per column; a ``money`` value is a
        `Money` or a number of tenge.
    exact : bool, optional
        ``money`` and ``number`` columns as exact ``Decimal`` objects
        (``object`` dtype) instead of ``float64``.

    Returns
    -------
    pandas.DataFrame
        One row per row, the columns in order.

    Raises
    ------
    civicgrants.errors.MissingExtra
        pandas is not installed (the ``frames`` extra).

    Examples
    --------
    >>> from civicgrants.model.money import Money
    >>> df = frame([("who", "str"), ("grant", "money")], [("a", Money.parse("1500.50 KZT"))])
    >>> str(df["grant"].dtype), df.loc[0, "grant"]
    ('float64', np.float64(1500.5))
    >>> frame([("grant", "money")], [(Money.parse("1500.50 KZT"),)], exact=True).loc[0, "grant"]
    Decimal('1500.50')

    See Also
    --------
    shows : the repr and HTML of the same classes.
    """
    pd = _pandas()
    rows = list(rows)
    data: dict[str, Any] = {}
    for i, (name, kind) in enumerate(columns):
        values = [_cell(kind, row[i], exact) for row in rows]
        if kind in ("money", "number"):
            if exact:
                data[name] = pd.Series(values, dtype=object)
            else:
                data[name] = pd.Series(
                    [math.nan if v is None else v for v in values], dtype="float64"
                )
        elif kind == "int":
            data[name] = pd.Series(values, dtype="int64")
        elif kind == "bool":
            data[name] = pd.Series(values, dtype="bool")
        elif kind == "date":
            data[name] = pd.to_datetime(pd.Series(values, dtype=object))
        else:
            data[name] = pd.Series(values, dtype="str")
    return pd.DataFrame(data, columns=[name for name, _ in columns])


EXACT_LIMIT = 160
"""The longest attrs repr a small object keeps (see `shows()`)."""


def _scalar(value: object) -> bool:
    return value is None or isinstance(value, _SCALARS)


def _small(obj: object) -> bool:
    for _, value in _fields(obj):
        if _scalar(value):
            continue
        if not isinstance(value, tuple | list | frozenset) or len(value) > 6:
            return False
        if not all(_scalar(v) for v in value):
            return False
    return True


def _repr_html(self: object) -> str:
    return html_table(type(self).__name__, _fields(self))


def shows(cls: type[_T]) -> type[_T]:
    """Class decorator: the class's repr is `summary()`, its HTML `html_table()`.

    A small object (every field a scalar, or a tuple of at most six scalars)
    whose attrs repr fits in `EXACT_LIMIT` characters keeps that exact
    repr; every other one shows the one-line `summary()`.

    A class with rows defines its own ``to_frame(exact=False)`` with
    `frame()`, its columns in a ``FRAME_COLUMNS`` class attribute (the one
    place its docstring and the tests read them from).

    Parameters
    ----------
    cls : type
        An attrs class.

    Returns
    -------
    type
        The same class.

    Examples
    --------
    >>> import attrs
    >>> @shows
    ... @attrs.frozen
    ... class Point:
    ...     x: int
    ...     y: int
    >>> Point(1, 2), Point(1, 2) == Point(1, 2)
    (Point(x=1, y=2), True)

    See Also
    --------
    summary : the repr.
    html_table : the HTML.
    frame : the DataFrame a class's ``to_frame`` builds.
    """
    exact: Callable[[object], str] = cls.__repr__

    def shown(self: object) -> str:
        if _small(self):
            text = exact(self)
            if len(text) <= EXACT_LIMIT and "\n" not in text:
                return text
        return summary(self)

    shown.__name__ = shown.__qualname__ = "__repr__"
    setattr(cls, "__repr__", shown)  # noqa: B010  # on the class, as attrs does
    setattr(cls, "_repr_html_", _repr_html)  # noqa: B010
    return cls
