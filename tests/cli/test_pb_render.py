"""A notebook gets what ``civicgrants pb`` prints: ``count`` then ``render`` equals the CLI's stdout."""

from __future__ import annotations

import io
import os

import pytest

from civicgrants.io.pabulib import read_pb
from civicgrants.io.render import render
from civicgrants.pb import count
from tests.cli.golden import COMMANDS, ROOT, run

PB_CASES = [name for name in COMMANDS if name.startswith("pb-")]


def _library_call(argv: list[str]) -> tuple[str, str]:
    """The library call the command makes for ``argv`` (``pb FILE [--rule R] [--format F]``)."""
    args = argv[1:]
    options = dict(zip(args[1::2], args[2::2], strict=False))
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        election = read_pb(args[0])
    finally:
        os.chdir(here)
    result = count(election, rule=options.get("--rule", "greedy"))
    fmt = options.get("--format", "text")
    return render(result, fmt, lang="en"), fmt


@pytest.mark.parametrize("name", PB_CASES)
def test_count_then_render_is_what_the_cli_prints(name: str, tmp_path) -> None:
    out, err, status = run(name, tmp_path)
    assert status == 0 and err == ""
    rendered, _ = _library_call(COMMANDS[name])
    assert rendered == out


def test_the_demo_step_is_compare_then_comparison_text() -> None:
    from civicgrants.cli import pb as cli_pb
    from civicgrants.io.pabulib import loads_pb
    from civicgrants.io.views.pb import comparison_text
    from civicgrants.pb import compare

    out = io.StringIO()
    cli_pb.demo(out)
    name = "poland_warszawa_2018_zerzen.pb"
    election = loads_pb((ROOT / "tests" / "data" / "pabulib" / name).read_bytes(), name=name)
    assert comparison_text(compare(election), "en", file_name=name) == out.getvalue()
    assert render(compare(election), "text") == out.getvalue().replace(
        f"{name} (pabulib open data): ", ""
    )
