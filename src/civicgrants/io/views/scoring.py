"""Text and JSON views of the scoring results (see :mod:`civicgrants.io.render`)."""

from __future__ import annotations
