"""Text and JSON views of the schedule results (see :mod:`civicgrants.io.render`)."""

from __future__ import annotations
