"""The ``civicgrants score`` command and its step of ``civicgrants demo``.

Kept lean at import time: heavy modules are imported inside the functions.
"""

from __future__ import annotations

import argparse
from typing import TextIO

__all__ = ["add_parser", "demo"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``score`` sub-command (not yet built)."""


def demo(out: TextIO) -> None:
    """Print this step of the cycle for ``civicgrants demo`` (not yet built)."""
