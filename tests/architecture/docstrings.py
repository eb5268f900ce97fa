"""Which public functions and classes lack a numpy docstring section.

Every public function and class (module level, name without a leading ``_``, in a module
without one) has, in its docstring:

* ``Parameters`` when it takes any (a class: ``Parameters`` or ``Attributes`` when it has
  fields; enums and exceptions are exempt);
* ``Returns`` (or ``Yields``) when it returns something other than ``None``;
* ``Raises`` when its own body raises;
* ``Examples`` and ``See Also``.

``python tests/architecture/docstrings.py [FILE ...]`` lists the gaps (all of ``src`` by
default); ``tests/architecture/test_docstrings.py`` asserts there are none.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "civicgrants"


def _raises(node: ast.AST) -> bool:
    """A ``raise`` in the body itself, not in a nested function or class."""
    stack = list(ast.iter_child_nodes(node))
    while stack:
        child = stack.pop()
        if isinstance(child, ast.Raise):
            return True
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(child))
    return False


def _bases(node: ast.ClassDef) -> set[str]:
    return {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}


def needed(node: ast.FunctionDef | ast.ClassDef) -> list[str]:
    """The sections ``node``'s docstring must have."""
    sections = []
    if isinstance(node, ast.ClassDef):
        special = _bases(node) & {"Enum", "IntEnum", "StrEnum", "Exception", "Protocol"} or any(
            b.endswith("Error") or b.endswith("Exception") or b.endswith("Mismatch")
            for b in _bases(node)
        )
        if not special and any(isinstance(s, ast.AnnAssign) for s in node.body):
            sections.append("Parameters|Attributes")
    else:
        args = node.args
        names = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]
        names += [a.arg for a in (args.vararg, args.kwarg) if a is not None]
        if [n for n in names if n not in ("self", "cls")]:
            sections.append("Parameters")
        returns_none = isinstance(node.returns, ast.Constant) and node.returns.value is None
        if node.returns is not None and not returns_none:
            sections.append("Returns|Yields")
        if _raises(node):
            sections.append("Raises")
    return [*sections, "Examples", "See Also"]


def gaps(path: Path) -> Iterator[str]:
    """``file:line name: missing sections`` for each public function or class of ``path``."""
    if any(p.startswith("_") and p not in ("__init__.py",) for p in path.parts[-1:]):
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.ClassDef)) or node.name.startswith("_"):
            continue
        if any(getattr(d, "id", getattr(d, "attr", "")) == "overload" for d in node.decorator_list):
            continue  # the implementation carries the docstring
        doc = ast.get_docstring(node) or ""
        missing = [
            s for s in needed(node) if not any(f"\n{alt}\n" in f"\n{doc}\n" for alt in s.split("|"))
        ]
        if missing:
            yield f"{path}:{node.lineno} {node.name}: {', '.join(missing)}"


def all_gaps(paths: list[Path]) -> list[str]:
    """Every gap in ``paths`` (every module under ``src/civicgrants`` when empty)."""
    files = paths or sorted(SRC.rglob("*.py"))
    return [gap for f in files for gap in gaps(f)]


if __name__ == "__main__":
    found = all_gaps([Path(a) for a in sys.argv[1:]])
    print("\n".join(found))
    print(f"{len(found)} gaps", file=sys.stderr)
