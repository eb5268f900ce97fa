"""Every public function and class has a numpy docstring with the sections that apply."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.architecture.docstrings import SRC, all_gaps, gaps, needed


def test_every_public_function_and_class_has_its_sections() -> None:
    assert all_gaps([]) == []


def test_the_checker_finds_a_missing_section(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        'def f(x: int) -> int:\n    """Twice x.\n\n    Examples\n    --------\n    >>> f(1)\n    2\n    """\n'
        "    if x < 0:\n        raise ValueError(x)\n    return 2 * x\n",
        encoding="utf-8",
    )
    (gap,) = gaps(module)
    assert gap.endswith("f: Parameters, Returns|Yields, Raises, See Also")


def test_the_checker_reads_the_whole_package() -> None:
    tree = ast.parse((SRC / "model" / "money.py").read_text(encoding="utf-8"))
    allocate = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "allocate")
    assert needed(allocate)[:2] == ["Parameters", "Returns|Yields"]
