"""Issue 15: every problem the readers raise on the bad-input corpus has a specific, documented
code, and ``errors()`` of every error is JSON (``json.dumps`` takes it as it is)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

import civicgrants.errors as errors_module
from civicgrants.errors import CODES, ValidationError
from tests.corpus.test_corpus import CORPUS, prepare, run_in_process


@pytest.fixture
def raised(monkeypatch: pytest.MonkeyPatch) -> list[ValidationError]:
    """Every ValidationError (and DocumentError) built while the fixture is active."""
    seen: list[ValidationError] = []
    init = errors_module.ValidationError.__init__

    def record(self: ValidationError, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)  # type: ignore[arg-type]
        seen.append(self)

    monkeypatch.setattr(errors_module.ValidationError, "__init__", record)
    return seen


def test_every_corpus_problem_has_a_documented_code_and_json_errors(
    raised: list[ValidationError],
) -> None:
    codes: dict[str, int] = {}
    for case in CORPUS:
        if case.problem:
            continue
        with tempfile.TemporaryDirectory() as folder:
            prepared = prepare(case, Path(folder))
            before = len(raised)
            run_in_process(prepared.argv, prepared.stdin)
        for error in raised[before:]:
            listed = error.errors()
            text = json.dumps(listed, allow_nan=False)  # every corpus case: plain JSON
            assert len(json.loads(text)) == len(error.problems)
            for problem in error.problems:
                assert problem.code != "invalid", f"{case.id}: unclassified {problem}"
                codes[problem.code] = codes.get(problem.code, 0) + 1
    assert set(codes) <= set(CODES)
    assert len(codes) >= 30, sorted(codes)  # the corpus reaches most kinds of problem
