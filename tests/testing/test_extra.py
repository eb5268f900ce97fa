"""``civicgrants[testing]`` is enough for ``civicgrants.testing``: base dependencies and hypothesis."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
#: distribution name -> the name it is imported by, where the two differ
IMPORT_NAMES = {"pyyaml": "yaml", "beautifulsoup4": "bs4", "mkdocstrings[python]": "mkdocstrings"}


def names(requirements: list[str]) -> set[str]:
    out = set()
    for req in requirements:
        dist = re.split(r"[<>=!~; \[]", req, maxsplit=1)[0].lower()
        out.add(IMPORT_NAMES.get(dist, dist.replace("-", "_")))
    return out


BASE = names(PROJECT["dependencies"])
TESTING = names(PROJECT["optional-dependencies"]["testing"])
OTHER_EXTRAS = (
    set().union(*(names(reqs) for reqs in PROJECT["optional-dependencies"].values()))
    - BASE
    - TESTING
)


def test_the_testing_extra_is_hypothesis_alone() -> None:
    assert {"hypothesis"} == TESTING
    assert {"pytest", "ruff", "mypy", "pabutools"} <= OTHER_EXTRAS


def test_every_third_party_import_of_civicgrants_testing_is_a_base_or_testing_dependency() -> None:
    third_party = set()
    for path in (ROOT / "src" / "civicgrants" / "testing").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                tops = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                tops = [node.module.split(".")[0]]
            else:
                continue
            third_party |= {t for t in tops if t not in sys.stdlib_module_names}
    assert third_party - {"civicgrants"} <= BASE | TESTING, third_party
    assert "hypothesis" in third_party


def test_civicgrants_testing_imports_with_every_other_extra_blocked() -> None:
    # a fresh interpreter in which the packages of the other extras cannot be imported
    code = textwrap.dedent(
        f"""
        import sys

        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in {sorted(OTHER_EXTRAS)!r}:
                    raise ImportError("blocked: " + name)
                return None

        sys.meta_path.insert(0, Block())
        import civicgrants.testing
        from hypothesis import given, settings, strategies as st
        from civicgrants.model import Money, Programme

        @settings(max_examples=5, database=None, deadline=None)
        @given(st.from_type(Money), st.from_type(Programme))
        def draws(m, p):
            assert isinstance(m, Money) and isinstance(p, Programme)

        draws()
        print(sorted({{m.split(".")[0] for m in sys.modules}} & set({sorted(OTHER_EXTRAS)!r})))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
