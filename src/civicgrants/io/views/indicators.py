"""Text and JSON views of the indicators results (see :mod:`civicgrants.io.render`)."""

from __future__ import annotations
