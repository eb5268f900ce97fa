"""Every Python example in the docs runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
BLOCK = re.compile(r"```python\n(.*?)```", re.S)
PAGES = sorted(DOCS.glob("*.md"))
EXAMPLES = [
    pytest.param(code, id=f"{page.name}#{i}")
    for page in PAGES
    for i, code in enumerate(BLOCK.findall(page.read_text(encoding="utf-8")))
]


def test_docs_have_examples() -> None:
    assert len(EXAMPLES) >= 8


@pytest.mark.parametrize("code", EXAMPLES)
def test_example_runs(code: str) -> None:
    exec(compile(code, "<docs>", "exec"), {"__name__": "__docs__"})


def public_modules() -> list[str]:
    """Every module and package of civicgrants whose dotted name has no ``_`` part."""
    import pkgutil

    import civicgrants

    return ["civicgrants"] + [
        m.name
        for m in pkgutil.walk_packages(civicgrants.__path__, "civicgrants.")
        if not any(part.startswith("_") for part in m.name.split("."))
    ]


def test_the_reference_documents_every_public_module() -> None:
    blocks = re.findall(r"^::: (\S+)$", (DOCS / "reference.md").read_text(encoding="utf-8"), re.M)
    modules = public_modules()
    assert {"civicgrants.scoring.rank", "civicgrants.io.scores_csv", "civicgrants.cli"} <= set(
        modules
    )
    assert [m for m in modules if m not in blocks] == []
    assert len(blocks) == len(set(blocks)), "a module is documented twice"
    assert set(blocks) <= set(modules), "the reference names a module that does not exist"
