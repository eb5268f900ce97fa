"""Reading and writing documents.

JSON is the canonical format; every document names its schema.
"""

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
