"""The package's shape: no import cycles, no private names across modules, a light import.

The layering itself (cli > datasets > io > computation > model > errors) is checked by
import-linter in ``.ci/run`` (``lint-imports``; the contracts are in ``pyproject.toml``).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[2] / "src"


def _modules() -> dict[str, Path]:
    found = {}
    for path in SRC.rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _target(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    package = base if MODULES[module].name == "__init__.py" else base[:-1]
    package = package[: len(package) - node.level + 1]
    return ".".join(package + ([node.module] if node.module else []))


def _imports(module: str) -> list[tuple[str, str | None]]:
    """(imported module, imported name or None) for every import of a civicgrants module,
    wherever it stands: at the top, inside a function or under TYPE_CHECKING."""
    result: list[tuple[str, str | None]] = []
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            target = _target(module, node)
            if target.split(".")[0] == "civicgrants":
                result.extend((target, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            result.extend(
                (alias.name, None) for alias in node.names if alias.name.startswith("civicgrants")
            )
    return result


def _graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for module in MODULES:
        for target, name in _imports(module):
            full = f"{target}.{name}" if name else target
            graph.add_edge(module, full if full in MODULES else target)
    return graph


def test_the_walker_sees_every_module() -> None:
    assert "civicgrants.model.money" in MODULES and "civicgrants.cli" in MODULES
    assert ("civicgrants.model.numbers", "EXACT") in _imports("civicgrants.model.money")


def test_no_import_cycle_between_modules() -> None:
    graph = _graph()
    graph.remove_nodes_from([n for n in list(graph) if n == "civicgrants"])  # the lazy face
    cycles = sorted(" -> ".join(c) for c in nx.simple_cycles(graph))
    assert cycles == []


def _private(part: str) -> bool:
    return part.startswith("_") and not part.startswith("__")


def test_no_private_name_is_imported_across_modules() -> None:
    crossings = []
    for module in MODULES:
        for target, name in _imports(module):
            if target == module:
                continue
            if any(_private(p) for p in target.split(".")) or (name and _private(name)):
                crossings.append(f"{module} imports {target}{'.' + name if name else ''}")
    assert crossings == []


def test_a_cycle_and_a_private_import_would_be_found(tmp_path: Path) -> None:
    """The walkers above are not vacuous: a planted cycle and a private import are seen."""
    graph = nx.DiGraph([("a", "b"), ("b", "a")])
    assert list(nx.simple_cycles(graph)) and _private("_EXACT") and not _private("__version__")


def test_import_civicgrants_loads_no_heavy_dependency() -> None:
    code = (
        "import sys, civicgrants as cg; "
        "heavy = [m for m in ('numpy', 'networkx', 'babel', 'attrs', 'cattrs', 'pendulum') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("Money", "civicgrants.model.money"),
        ("load", "civicgrants.io.documents"),
        ("loads", "civicgrants.io.documents"),
        ("dump", "civicgrants.io.documents"),
        ("render", "civicgrants.io.render"),
    ],
)
def test_core_names_are_at_the_top(name: str, module: str) -> None:
    import civicgrants as cg

    assert getattr(cg, name).__module__ == module


def test_subpackages_load_on_first_use_and_functions_are_functions() -> None:
    import inspect

    import civicgrants as cg

    assert inspect.isfunction(cg.scoring.decide)
    from civicgrants.scoring import agreement, sensitivity

    assert inspect.isfunction(agreement) and inspect.isfunction(sensitivity)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        cg.nope  # noqa: B018
