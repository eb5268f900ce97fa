"""The fuzz tests' shared settings: the strategies themselves are in ``mutations.py``.

``CIVICGRANTS_FUZZ_EXAMPLES`` sets the examples per test (200 by default); ``pytest
tests/fuzz`` prints the number in its header, so a long run's log says what it ran, and with
``CIVICGRANTS_FUZZ_TOLERATE=known`` how often each known failure was met.
"""

from __future__ import annotations

import pytest

from tests.fuzz.mutations import EXAMPLES, SEEN, TOLERATE


def pytest_report_header() -> str:
    tolerated = "; known failures counted, not raised" if TOLERATE else ""
    return f"civicgrants fuzz: {EXAMPLES} examples per test (CIVICGRANTS_FUZZ_EXAMPLES){tolerated}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TOLERATE:
        return
    terminalreporter.section("known failures met (CIVICGRANTS_FUZZ_TOLERATE=known)")
    for known, count in sorted(SEEN.items(), key=lambda item: -item[1]):
        terminalreporter.write_line(
            f"{count:8d}  {known.exception.__name__}: {known.message!r}  ({known.where})"
        )
    if not SEEN:
        terminalreporter.write_line("none")


@pytest.fixture
def fuzz_examples() -> int:
    """The examples each fuzz test runs."""
    return EXAMPLES
