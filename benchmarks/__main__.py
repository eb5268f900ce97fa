"""Run every ``benchmarks/bench_*.py`` module's ``main()`` in turn: ``python -m benchmarks``."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    """Import each ``bench_*`` module of this package, in name order, and call its ``main()``."""
    here = Path(__file__).resolve().parent
    src = here.parent / "src"
    if src.is_dir() and str(src) not in sys.path:
        sys.path.insert(0, str(src))  # run from a checkout without installing
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    if not names:
        print("no benchmarks found")
        return 0
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        module.main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
