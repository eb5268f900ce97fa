"""Every Python example in the docs runs as written and prints what the page shows under it."""

from __future__ import annotations

import contextlib
import doctest
import io
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
#: a ``python`` block, and the ``text`` block right under it: what the example prints
BLOCK = re.compile(r"```python\n(.*?)```\n(?:\n```text\n(.*?)```\n)?", re.S)
PAGES = sorted(DOCS.glob("*.md"))
EXAMPLES = [
    pytest.param(code, shown, id=f"{page.name}#{i}")
    for page in PAGES
    for i, (code, shown) in enumerate(BLOCK.findall(page.read_text(encoding="utf-8")))
]


def run(code: str) -> str:
    """What ``code`` prints."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<docs>", "exec"), {"__name__": "__docs__"})
    return out.getvalue()


def same(shown: str, printed: str) -> bool:
    """Whether ``printed`` is what the page shows (a line ``...`` stands for the rest, as in doctest)."""
    return doctest.OutputChecker().check_output(
        shown.rstrip("\n") + "\n", printed.rstrip("\n") + "\n", doctest.ELLIPSIS
    )


def test_docs_have_examples() -> None:
    assert len(EXAMPLES) >= 8
    assert sum(1 for p in EXAMPLES if p.values[1]) >= 40  # most examples show what they print


@pytest.mark.parametrize(("code", "shown"), EXAMPLES)
def test_example_prints_what_the_page_shows(
    code: str, shown: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    printed = run(code)
    if not shown:
        assert printed == "", f"the page does not show what the example prints:\n{printed}"
    else:
        assert same(shown, printed), f"the page shows:\n{shown}\nthe example prints:\n{printed}"


def test_a_wrong_output_under_an_example_is_caught() -> None:
    assert same("1\n...\n", "1\n2\n3\n")
    assert not same("2 500 000,00 ₸\n", "2 500 000,01 ₸\n")
    assert not same("", "x\n")


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
