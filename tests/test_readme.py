"""Every command of the README's command block runs, in a fresh folder, on files the user has."""

from __future__ import annotations

import io
import re
import shlex
from pathlib import Path

import pytest

from civicgrants.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def commands() -> list[list[str]]:
    """The ``civicgrants …`` lines of the README's bash blocks, without comments or redirects."""
    out = []
    for block in re.findall(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        for line in block.splitlines():
            if not line.startswith("civicgrants "):
                continue
            command = re.split(r"\s#\s", line, maxsplit=1)[0].split(">", 1)[0]
            argv = shlex.split(command)[1:]
            out.append(argv)
    return out


def test_the_readme_lists_the_round_commands() -> None:
    first = [argv[:2] for argv in commands()]
    assert ["round", "init"] in first and ["round", "report"] in first


def test_every_readme_command_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for argv in commands():
        if argv == ["demo"]:
            continue  # the demo has its own golden test
        out, err = io.StringIO(), io.StringIO()
        status = main(argv, out=out, err=err)
        assert status in (0, 1), (argv, status, err.getvalue())  # 1: findings, never bad input
        assert out.getvalue(), argv
    assert (tmp_path / "report.html").stat().st_size > 10_000
