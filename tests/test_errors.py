"""Issue 14, the framework: printable messages, the limits on the command line, files read
with a bound, one-line errors, and the examples of the issue that are the framework's."""

from __future__ import annotations

import contextlib
import io
import json
import os
import threading
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import civicgrants as cg
from civicgrants.cli import main
from civicgrants.errors import DocumentError, Problem, ValidationError, printable
from civicgrants.io.files import MAX_BYTES, read_bytes, read_text
from civicgrants.model.limits import DEFAULT_LIMITS, get_limits, use_limits

ROOT = Path(__file__).resolve().parents[1]
CALL = ROOT / "tests" / "data" / "scoring" / "call.json"
SCORES = ROOT / "tests" / "data" / "scoring" / "scores.csv"
UNSAFE = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):  # argparse's usage errors go to sys.stderr
        try:
            status = main(list(argv), out=out, err=err)
        except SystemExit as exc:
            status = int(exc.code or 0)
    return status, out.getvalue(), err.getvalue()


def raw(text: str) -> list[str]:
    return [c for c in text if c != "\n" and unicodedata.category(c) in UNSAFE]


# ---------------------------------------------------------------------------- printable


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x1b[2Jb", "a\\x1b[2Jb"),  # ESC: the terminal-injection case
        ("two\nlines", "two\\nlines"),
        ("cr\r", "cr\\r"),
        ("tab\t", "tab\\t"),
        ("nul\x00", "nul\\x00"),
        ("del\x7f", "del\\x7f"),
        ("c1\x85\x9b", "c1\\x85\\x9b"),
        ("ls\u2028ps\u2029", "ls\\u2028ps\\u2029"),
        ("rlo\u202egnp.exe", "rlo\\u202egnp.exe"),
        ("isolate\u2066x\u2069", "isolate\\u2066x\\u2069"),
        ("zw\u200bsp\ufeff", "zw\\u200bsp\\ufeff"),
        ("lone\ud800", "lone\\ud800"),
        ("tag\U000e0041", "tag\\U000e0041"),
    ],
)
def test_printable_escapes_every_control_character(text: str, shown: str) -> None:
    assert printable(text) == shown


@pytest.mark.parametrize(
    "text",
    ["Құрық", "Форт-Шевченко", "1\u00a0600\u00a0000,00\u00a0₸", "naïve café", "野", "🙂", ""],
)
def test_printable_keeps_what_is_safe(text: str) -> None:
    assert printable(text) is text or printable(text) == text


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(st.characters(exclude_categories=())))
def test_printable_leaves_nothing_raw(text: str) -> None:
    shown = printable(text)
    assert not raw(shown) and "\n" not in shown
    assert printable(shown) == shown  # escaping twice changes nothing more


def test_a_problem_and_a_document_error_are_printable_on_one_line() -> None:
    problem = Problem("names.en\x1b[8m", "got 'Kuryk\x1b]0;pwned\x07\nfunded'")
    assert str(problem) == "names.en\\x1b[8m: got 'Kuryk\\x1b]0;pwned\\x07\\nfunded'"
    error = DocumentError("bad\nname\x1b[2J.json", [problem, Problem("trim", "second")])
    line = error.one_line()
    assert "\n" not in line and not raw(line)
    assert line.startswith("bad\\nname\\x1b[2J.json: names.en")
    assert line.endswith("(and 1 more)")
    assert str(error).count("\n") == 2  # the header and one line per problem
    assert str(ValidationError([problem])).count("\n") == 0


def test_a_problem_already_located_in_an_escaped_file_is_not_prefixed_twice() -> None:
    error = DocumentError("a\nb.csv", [Problem("a\nb.csv:7: score", "not a number")])
    assert error.one_line() == "a\\nb.csv:7: score: not a number"


# ---------------------------------------------------------------------------- files


def test_max_bytes_is_the_default_of_the_file_bytes_limit() -> None:
    assert MAX_BYTES == DEFAULT_LIMITS.file_bytes == 256 * 1024 * 1024


def test_the_file_bytes_limit_in_force_is_used(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("0123456789", encoding="utf-8")
    assert read_text(path) == "0123456789"
    with use_limits(file_bytes=9), pytest.raises(DocumentError) as caught:
        read_text(path)
    assert caught.value.one_line() == (
        f"{path}: larger than 9 bytes (10) (the file_bytes limit; raise it with "
        "--limit file_bytes=N or use_limits(file_bytes=N))"
    )
    with use_limits(file_bytes=10):
        assert read_bytes(path) == b"0123456789"


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "call.json"
    os.mkfifo(path)
    return path


def test_a_fifo_is_refused_at_once_without_a_writer(fifo: Path) -> None:
    result: list[BaseException] = []

    def read() -> None:
        try:
            read_text(fifo)
        except DocumentError as exc:
            result.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(10)
    if reader.is_alive():  # unblock it before failing
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("read_text blocked on a FIFO")
    assert [str(e.problems[0]) for e in result] == ["not a regular file (a pipe or a device?)"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("/dev/zero", "not a regular file (a pipe or a device?)"),
        ("/dev/urandom", "not a regular file (a pipe or a device?)"),
        ("{dir}", "is a folder, not a document file"),
        ("{dir}/missing.json", "no such file"),
        ("{dir}/a\x00b.json", "not a usable file name (embedded null byte)"),
        ("{dir}/" + "n" * 5000, "cannot read: File name too long"),
    ],
)
def test_what_is_not_a_readable_file_is_one_located_problem(
    tmp_path: Path, name: str, message: str
) -> None:
    path = name.replace("{dir}", str(tmp_path))
    if not os.path.exists("/dev/zero") and name.startswith("/dev"):
        pytest.skip("no such device here")
    with pytest.raises(DocumentError) as caught:
        read_bytes(path)
    assert caught.value.path == path
    assert [str(p) for p in caught.value.problems] == [message]


def test_a_file_name_with_a_lone_surrogate_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        read_text(f"{tmp_path}/a\ud800.json")
    assert "not a usable file name" in caught.value.one_line()
    assert "a\\ud800.json" in caught.value.one_line()


# ---------------------------------------------------------------------------- the command line


def test_a_file_name_with_a_newline_gives_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad\nname.json"
    path.write_text("{", encoding="utf-8")
    status, out, err = run("check", str(path))
    assert status == 2
    assert err.count("\n") == 1 and err.startswith("civicgrants: error: ")
    assert printable(str(path)) in err and "not valid JSON" in err
    assert not raw(out) and not raw(err)


def test_a_document_cannot_inject_escape_sequences(tmp_path: Path) -> None:
    path = tmp_path / "region.json"
    evil = "\x1b]0;owned\x07\x1b[2J\x1b[31m"
    data = {"schema": "civicgrants/region@1", "id": "a", "names": {"en": "A"}, evil: 1}
    path.write_text(json.dumps(data), encoding="utf-8")
    status, out, err = run("check", str(path))
    assert status == 2
    assert "\x1b" not in out + err
    assert "\\x1b]0;owned\\x07\\x1b[2J\\x1b[31m: unknown key" in err
    assert err.count("\n") == 1


def test_an_internal_error_is_one_printable_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import civicgrants.cli.schema as schema

    def broken(args: object, out: object) -> int:
        raise KeyError("a\nb\x1b[2J")

    monkeypatch.setattr(schema, "run", broken)
    status, _, err = run("schema")
    assert status == 70
    assert err.count("\n") == 1 and "\x1b" not in err
    assert err.startswith("civicgrants: internal error: KeyError: ")


@pytest.mark.parametrize("exception", [MemoryError, RecursionError])
def test_memory_and_recursion_errors_are_never_passed_off_as_bad_input(
    monkeypatch: pytest.MonkeyPatch, exception: type[BaseException]
) -> None:
    import civicgrants.cli.schema as schema

    def broken(args: object, out: object) -> int:
        raise exception("from a reader that should have refused the input")

    monkeypatch.setattr(schema, "run", broken)
    status, _, err = run("schema")
    assert status == 70, err
    assert f"internal error: {exception.__name__}" in err


def test_a_validation_error_names_its_first_problem_and_counts_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import civicgrants.cli.schema as schema

    def broken(args: object, out: object) -> int:
        raise ValidationError([Problem("a", "first\nproblem"), Problem("b", "second")])

    monkeypatch.setattr(schema, "run", broken)
    assert run("schema") == (2, "", "civicgrants: error: a: first\\nproblem (and 1 more)\n")


# ---------------------------------------------------------------------------- --limit


def test_limit_runs_the_command_within_the_limits(tmp_path: Path) -> None:
    path = tmp_path / "region.json"
    path.write_text(
        '{"schema": "civicgrants/region@1", "id": "a", "names": {"en": "A"}}', encoding="utf-8"
    )
    assert run("check", str(path))[0] == 0
    status, _, err = run("--limit", "file_bytes=16", "check", str(path))
    assert status == 2 and "larger than 16 bytes" in err and "--limit file_bytes=N" in err
    assert run("--limit", "file_bytes=1KiB", "--limit", "depth=10", "check", str(path))[0] == 0
    assert get_limits() == DEFAULT_LIMITS  # nothing leaks out of the command


def test_the_arguments_are_read_within_the_limits() -> None:
    status, _, err = run("check", "x.json", "--submitted", "1850")
    assert status == 2 and "the year must be within 1900 … 2200" in err
    status, _, err = run(
        "--limit", "first_year=1800", "check", "nothing.json", "--submitted", "1850"
    )
    assert (status, err.count("\n")) == (2, 1) and "nothing.json: no such file" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--limit", "colour=3"], "no limit named 'colour'; the limits are: cells, depth"),
        (["--limit", "depth=0"], "depth: must be a whole number >= 1, got '0'"),
        (["--limit", "depth=-1"], "depth: must be a whole number >= 1, got '-1'"),
        (["--limit", "depth=1e3"], "depth: must be a whole number >= 1, got '1e3'"),
        (["--limit", "depth=" + "9" * 5000], "depth: must be a whole number >= 1"),
        (["--limit", "depth"], "expected NAME=VALUE (e.g. depth=200), got 'depth'"),
        (["--limit", "=5"], "expected NAME=VALUE"),
        (["--limit", "\x1b[31m=1"], "no limit named '\\x1b[31m'"),
        (["--limit", "first_year=2300"], "--limit: first_year: must not be after last_year"),
        (["--limit", "last_year=1800"], "--limit: first_year: must not be after last_year"),
    ],
)
def test_a_bad_limit_is_a_usage_error_on_one_line(argv: list[str], message: str) -> None:
    status, _, err = run(*argv, "schema")
    assert status == 2
    assert message in err and err.count("\n") == 1 and not raw(err)


# ---------------------------------------------------------------------------- argument types


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "x.json", "--max-grant", "1" * 27], "at most 28 significant digits"),
        (["check", "x.json", "--max-grant", "9" * 5000], "(5000 characters)"),
        (["check", "x.json", "--max-grant", "١٢٣"], "not an amount"),
        (["check", "x.json", "--submitted", "٢٠٢١"], "not a year"),
        (["check", "x.json", "--submitted", "99999"], "not a year: '99999'"),
        (["report-check", "x.json", "--overshoot", "1" * 50], "the digits limit"),
        (["report-check", "x.json", "--overshoot", "0"], "not a positive percentage: '0'"),
        (["schedule", "--start", "0999-12-31"], "the year must be within 1900"),
        (["schedule", "--start", "2201-01-01"], "the year must be within 1900"),
    ],
)
def test_argument_types_refuse_what_the_library_cannot_hold(argv: list[str], message: str) -> None:
    status, _, err = run(*argv)
    assert status == 2 and message in err and err.count("\n") == 1


def test_an_amount_of_26_whole_digits_is_still_an_amount() -> None:
    from civicgrants.cli.common import amount_arg
    from civicgrants.model.money import Money

    amount = amount_arg("9" * 26)
    assert Money(amount).amount == amount


# ---------------------------------------------------------------------------- the examples


def _call(tmp_path: Path, **changes: object) -> Path:
    data = json.loads(CALL.read_text(encoding="utf-8"))
    data.update(changes)
    path = tmp_path / "call.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_call_with_no_applications_says_so(tmp_path: Path) -> None:
    call = _call(tmp_path, applications=[], conflicts=[])
    status, _, err = run("score", str(call), str(SCORES))
    assert status == 2
    assert err == (
        f"civicgrants: error: {call}: applications: the call has no applications: there is "
        "nothing to score (give at least one)\n"
    )
    assert "shape" not in err


def test_a_call_with_no_members_says_so(tmp_path: Path) -> None:
    call = _call(tmp_path, members=[], conflicts=[])
    status, _, err = run("score", str(call), str(SCORES))
    assert status == 2 and f"{call}: members: the call has no commission members" in err


def test_a_pot_of_10_to_the_17_is_an_amount_like_any_other(tmp_path: Path) -> None:
    call = _call(tmp_path, pot="100000000000000000")
    status, out, err = run("check", str(call))
    assert (status, err) == (0, "")
    assert "valid call document" in out


def test_a_call_with_a_pot_of_10_to_the_17_is_scored(tmp_path: Path) -> None:
    call = _call(tmp_path, pot="100000000000000000")
    status, out, err = run("score", str(call), str(SCORES))
    assert (status, err) == (0, "")
    assert "KZT100,000,000,000,000,000.00" in out


# ---------------------------------------------------------------------------- the public face


def test_the_limits_are_on_the_public_face() -> None:
    assert cg.Limits is cg.model.Limits
    assert cg.get_limits is cg.model.get_limits and cg.use_limits is cg.model.use_limits
    assert {"Limits", "get_limits", "use_limits"} <= set(cg.__all__)
    assert {"Limits", "get_limits", "use_limits", "number_problem"} <= set(cg.model.__all__)


def test_a_panel_refuses_amounts_int64_cannot_hold() -> None:
    from civicgrants.errors import ValidationError
    from civicgrants.scoring.batch import Panel

    with pytest.raises(ValidationError, match="pot"):
        Panel.from_arrays([[[1.0]]], lo=0, hi=10, grant=[5], pot=10**19)
    with pytest.raises(ValidationError, match=r"grant\[1\]: must fit in 64 bits"):
        Panel.from_arrays([[[1.0]], [[2.0]]], lo=0, hi=10, grant=[5, 10**19], pot=10)
    with pytest.raises(ValidationError, match="the grants together must fit in 64 bits"):
        Panel.from_arrays([[[1.0]], [[2.0]]], lo=0, hi=10, grant=[2**62, 2**62], pot=10)
