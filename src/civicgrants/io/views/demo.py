"""Text and JSON views of the demo results (see :mod:`civicgrants.io.render`)."""

from __future__ import annotations
