"""Text and JSON views of the pb results (see :mod:`civicgrants.io.render`)."""

from __future__ import annotations
