"""Benchmark: the cost of ``import civicgrants`` and ``civicgrants --help``, as whole processes.

Peers, measured in the same run: ``python -c "pass"`` (the interpreter alone) and
``python -c "import numpy"`` (what a scientific-Python import costs). Target (issue
"One shape for every command"): ``import civicgrants`` costs about as much as the bare
interpreter, because the package loads its subpackages, numpy, networkx and babel
only when a name that needs them is used; ``civicgrants --help`` loads no computation
package either.

Run with ``python -m benchmarks`` (all benchmarks) or ``python benchmarks/bench_import.py``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPEATS = 15
SRC = Path(__file__).resolve().parents[1] / "src"

CASES = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "python -c 'import numpy'": [sys.executable, "-c", "import numpy"],
    "python -c 'import civicgrants'": [sys.executable, "-c", "import civicgrants"],
    "civicgrants --help": [sys.executable, "-m", "civicgrants.cli", "--help"],
}


def best_of(argv: list[str], repeats: int = REPEATS) -> tuple[float, float]:
    """Best and median wall time (seconds) of ``repeats`` runs of a whole process."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    """Time each case as a whole process and print it against ``python -c pass``."""
    print(f"whole-process start-up, best / median of {REPEATS} runs")
    results = {name: best_of(argv) for name, argv in CASES.items()}
    base = results["python -c pass"][0]
    for name, (best, median) in results.items():
        print(
            f"  {name:<32} {best * 1000:7.1f} ms  (median {median * 1000:6.1f} ms)  "
            f"{best / base:5.2f}x the bare interpreter"
        )
    numpy_cost = results["python -c 'import numpy'"][0] - base
    ours = results["python -c 'import civicgrants'"][0] - base
    print(
        f"  import civicgrants adds {ours * 1000:.1f} ms; import numpy adds {numpy_cost * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
