"""Reading and writing documents.

JSON is the canonical format; every document names its schema. The names
below are loaded on first use, so importing a sibling module (say
`civicgrants.io.pabulib`) does not pay for the document machinery.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from civicgrants.io.documents import (
        DOCUMENT_TYPES,
        document_type,
        dump,
        dumps,
        from_data,
        load,
        loads,
        to_data,
    )

__all__ = [
    "DOCUMENT_TYPES",
    "document_type",
    "dump",
    "dumps",
    "from_data",
    "load",
    "loads",
    "to_data",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("civicgrants.io.documents"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
