"""Every shell command of the README runs as written, in order, in a fresh venv and a fresh clone.

Slow: it builds a virtual environment and installs the package (pip resolves from the
registry pip is configured with). ``tests/test_readme.py`` runs the ``civicgrants`` lines
in-process on every run; this test runs the README as a reader would, ``pip install`` included.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
#: Runs the whole test suite (with the test extra) inside the suite: not run here, obviously.
SKIPPED = {"pip install -e '.[test]' && python -m pytest"}


def shell_lines() -> list[str]:
    """Each command line of the README's ``bash`` blocks, in order, as written."""
    text = README.read_text(encoding="utf-8")
    return [
        line
        for block in re.findall(r"```bash\n(.*?)```", text, re.S)
        for line in block.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def test_the_readme_names_its_set_up_commands() -> None:
    lines = shell_lines()
    assert lines[:2] == ["pip install . && civicgrants demo", *SKIPPED]
    ics = next(i for i, line in enumerate(lines) if "--format ics" in line)
    extras = next(i for i, line in enumerate(lines) if "[ics,report]" in line)
    assert extras < ics  # the extra is installed before the command that needs it


@pytest.mark.slow
def test_every_readme_command_runs_in_a_fresh_venv(tmp_path: Path) -> None:
    clone = tmp_path / "civicgrants"  # what "a clone of this repository" holds to install from
    shutil.copytree(
        ROOT,
        clone,
        ignore=shutil.ignore_patterns(
            ".git", "__pycache__", "*.pyc", ".pytest_cache", ".hypothesis", "site", ".mypy_cache"
        ),
    )
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}
    }
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}/usr/bin{os.pathsep}/bin"
    env["VIRTUAL_ENV"] = str(venv)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    ran = []
    for line in shell_lines():
        if line in SKIPPED:
            continue
        done = subprocess.run(
            ["bash", "-c", line],
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
            timeout=1200,
            check=False,
        )
        assert done.returncode == 0, (line, done.stdout[-2000:], done.stderr[-2000:])
        ran.append(line)
    assert len(ran) == len(shell_lines()) - 1
    assert (clone / "season.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert (clone / "report.html").stat().st_size > 10_000

    # the testing extra brings hypothesis, and importing civicgrants.testing registers the
    # entities; importing hypothesis alone loads nothing of civicgrants (no plugin entry point)
    check = (
        "import sys\n"
        "from hypothesis import given, settings, strategies as st\n"
        "assert 'civicgrants' not in sys.modules\n"
        "import civicgrants.testing\n"
        "from civicgrants.model import Money\n"
        "@settings(max_examples=5, database=None)\n"
        "@given(st.from_type(Money))\n"
        "def exact(m): assert isinstance(m, Money)\n"
        "exact()\n"
        "import pytest\n"
    )
    for line in ["pip install '.[testing]'", f"python -c {shlex.quote(check)}"]:
        done = subprocess.run(
            ["bash", "-c", line], cwd=clone, env=env, capture_output=True, text=True, check=False
        )
        if line.startswith("python"):  # everything ran, up to the missing pytest
            assert done.returncode == 1 and "No module named 'pytest'" in done.stderr, done.stderr
        else:
            assert done.returncode == 0, (line, done.stderr[-2000:])
