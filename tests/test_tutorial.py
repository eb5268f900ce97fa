"""The tutorial notebook runs from top to bottom, with the same outputs on every run."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

nbclient = pytest.importorskip("nbclient")
nbformat = pytest.importorskip("nbformat")
pytest.importorskip("ipykernel")
pytest.importorskip("pandas")

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "tutorial.ipynb"
SRC = Path(__file__).resolve().parents[1] / "src"


def run() -> object:
    """Execute the notebook with a kernel on this interpreter and this checkout's package."""
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from jupyter_client.manager import KernelManager

    class ThisInterpreter(KernelSpecManager):  # type: ignore[misc]
        """``python3`` is this test's interpreter, whatever kernels the machine has."""

        def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
            return KernelSpec(
                argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                display_name="Python 3",
                language="python",
                env={"PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])},
            )

    nb = nbformat.read(NOTEBOOK, as_version=4)
    # the last cell says which interpreter and which civicgrants the kernel ran
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "import sys, civicgrants; print(sys.executable, civicgrants.__file__)"
        )
    )
    km = KernelManager(kernel_name="python3", kernel_spec_manager=ThisInterpreter())
    client = nbclient.NotebookClient(
        nb, km=km, timeout=300, resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()  # raises CellExecutionError on any cell error
    return nb


def outputs(nb: object) -> list[str]:
    return [json.dumps(cell.get("outputs", []), sort_keys=True) for cell in nb.cells]  # type: ignore[attr-defined]


def test_the_tutorial_is_stored_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert len(code) >= 10
    assert all(not cell.outputs and cell.execution_count is None for cell in code)
    assert nb.metadata.kernelspec.name == "python3"


def test_the_tutorial_runs_and_shows_each_part() -> None:
    nb = run()
    text = "\n".join(outputs(nb))
    assert "error" not in {o.get("output_type") for c in nb.cells for o in c.get("outputs", [])}  # type: ignore[attr-defined]
    assert "85 projects" in text  # the programme
    assert "subtotal-mismatch" in text  # the budget audit
    assert "SYN-II-MAN-32" in text  # the commission's funding line
    assert "678 voters" in text  # the residents' vote
    assert "text/html" in text  # pandas frames render as tables
    assert nb.cells[-1].outputs[0]["text"].split() == [  # type: ignore[attr-defined]
        sys.executable,
        str(SRC / "civicgrants" / "__init__.py"),
    ]
    assert outputs(run()) == outputs(nb), "the notebook's outputs differ between two runs"
