"""Personal data: which fields hold it, and redaction.

Fields built with ``text(personal=True)`` (a person's name, phone, e-mail) are
personal data. `redact()` returns a copy of any entity tree with every
personal field emptied; exports call it unless told to keep personal data.

Examples
--------
>>> from civicgrants.model import Person, Role
>>> redact(Person("p1", (Role.LEADER,), name="A. Leader", phone="+7 700 000 0000")).name is None
True
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

from civicgrants.model.fields import PERSONAL

__all__ = ["personal_fields", "redact"]

T = TypeVar("T")


def personal_fields(cls: type) -> tuple[str, ...]:
    """Names of the fields of an attrs class that hold personal data.

    Parameters
    ----------
    cls : type
        An attrs class.

    Returns
    -------
    tuple of str
        The names of its fields marked personal, in declaration order.

    Raises
    ------
    attrs.exceptions.NotAnAttrsClassError
        ``cls`` is not an attrs class.

    Examples
    --------
    >>> from civicgrants.model import Person
    >>> personal_fields(Person)
    ('name', 'phone', 'email')

    See Also
    --------
    redact : A copy of ``obj`` with every personal field, at any depth, set to ``None``.
    """
    return tuple(f.name for f in attrs.fields(cls) if f.metadata.get(PERSONAL))


def redact(obj: T) -> T:
    """A copy of ``obj`` with every personal field, at any depth, set to ``None``.

    Attrs entities and tuples are walked; anything else is returned as it is.
    ``obj`` itself is never changed.

    Parameters
    ----------
    obj : object
        An entity, a tuple of entities, or any value.

    Returns
    -------
    object
        The same kind of value, with personal fields emptied (``obj`` itself
        when it holds no personal data).

    Examples
    --------
    >>> from civicgrants.model import InitiativeGroup, Person
    >>> g = InitiativeGroup("g1", "kuryk", Person("p1", name="A. Leader"),
    ...                     [Person("p2", email="b@example.org")])
    >>> r = redact(g)
    >>> r.leader.name, r.members[0].email, g.leader.name
    (None, None, 'A. Leader')

    See Also
    --------
    personal_fields : Names of the fields of an attrs class that hold personal data.
    """
    return _redact(obj)  # type: ignore[no-any-return]


def _redact(obj: Any) -> Any:
    if isinstance(obj, tuple):
        return tuple(_redact(x) for x in obj)
    if not attrs.has(type(obj)):
        return obj
    changes: dict[str, Any] = {}
    for f in attrs.fields(type(obj)):
        value = getattr(obj, f.name)
        if f.metadata.get(PERSONAL):
            if value is not None:
                changes[f.name] = None
        else:
            new = _redact(value)
            if new is not value:
                changes[f.name] = new
    return attrs.evolve(obj, **changes) if changes else obj
