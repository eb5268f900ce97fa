"""Text and JSON views of the budget results (see :mod:`civicgrants.io.render`)."""

from __future__ import annotations
