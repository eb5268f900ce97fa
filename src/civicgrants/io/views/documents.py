"""Text and JSON views of the documents results (see :mod:`civicgrants.io.render`)."""

from __future__ import annotations
