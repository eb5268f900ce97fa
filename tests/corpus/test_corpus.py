"""The bad-input corpus: every case under ``cases/<area>/`` runs through the command line.

A case is a file and a sibling ``.expect`` JSON file (see ``README.md`` beside this file)::

    cases/documents/deep-nesting.json
    cases/documents/deep-nesting.json.expect   {"argv": ["check", "{file}"], "exit": 2,
                                                "contains": "nested too deeply"}

Every case runs :func:`civicgrants.cli.main` in this process, its stdout and stderr captured,
and must:

- exit with the expected status, 1 (findings) or 2 (bad input): never 0 (accepted in silence)
  nor 70 (an internal error);
- say the expected substring: on stderr for exit 2, on stdout for exit 1 (``"stream"``
  chooses otherwise);
- for exit 2, print exactly one line on stderr, and name the case file in it;
- print no raw control character (``\\x1b``, ``\\r``, U+2028 …) on either stream.

In this process each case runs under a guard: 10 s of CPU, 60 s of wall time (for a read
that blocks) and an address-space limit of 2 GiB above what the test process already uses, so a case that hangs or eats memory fails
instead of stalling or killing the suite. The slow test runs each case again in a child
process with a 10 s CPU limit (``RLIMIT_CPU``) and 1 GiB of address space (``RLIMIT_AS``),
and a wall-clock limit for reads that block, and asserts that none is hit.

New areas need no change here: a folder under ``cases/`` is an area, and each ``.expect``
in it is a case.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent
CASES = ROOT / "cases"
REPO = ROOT.parents[1]
"""The checkout's root: ``{repo}`` in a case's ``argv`` (``{repo}/tests/data/scoring/call.json``)."""
KEYS = {
    "argv",
    "exit",
    "contains",
    "stream",
    "stdin",
    "files",
    "path",
    "fifo",
    "copy_as",
    "names_file",
    "xfail",
    "why",
}
"""Every key a ``.expect`` may hold (``README.md`` says what each means)."""

TIMEOUT = 10
"""Seconds a case may take: the in-process alarm, and the child's CPU limit."""
WALL = float(os.environ.get("CIVICGRANTS_CORPUS_WALL", "60"))
"""Wall-clock seconds a child may take (a blocked read is caught here; the CPU limit is 10 s)."""
CHILD_MEMORY = 1024**3
IN_PROCESS_HEADROOM = 2 * 1024**3
UNSAFE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


@dataclass(frozen=True)
class Case:
    """One case: its ``.expect`` and the file it goes with (``None`` when it has none)."""

    area: str
    name: str
    expect: Path
    file: Path | None
    spec: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None  # a malformed .expect: the case fails saying so

    @property
    def id(self) -> str:
        return f"{self.area}/{self.name}"


def _case_file(expect: Path) -> Path | None:
    """``x.json.expect`` goes with ``x.json``; ``x.expect`` with the one sibling named ``x.*``."""
    stem = expect.name[: -len(".expect")]
    whole = expect.with_name(stem)
    if whole.is_file():
        return whole
    siblings = [
        p
        for p in expect.parent.iterdir()
        if p.is_file() and p.suffix != ".expect" and p.stem == stem and p.name != stem
    ]
    return siblings[0] if len(siblings) == 1 else None


def _problem(spec: Any) -> str | None:
    if not isinstance(spec, dict):
        return "the .expect must hold a JSON object"
    unknown = sorted(set(spec) - KEYS)
    if unknown:
        return f"unknown keys {unknown}; known: {sorted(KEYS)}"
    argv = spec.get("argv")
    if not isinstance(argv, list) or not argv or not all(isinstance(a, str) for a in argv):
        return '"argv" must be a non-empty list of strings'
    if spec.get("exit") not in (1, 2):
        return '"exit" must be 1 (findings) or 2 (bad input)'
    contains = spec.get("contains")
    if isinstance(contains, str):
        contains = [contains]
    if (
        not isinstance(contains, list)
        or not contains
        or not all(isinstance(c, str) and c for c in contains)
    ):
        return '"contains" must be a non-empty string or list of strings'
    files = spec.get("files", {})
    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        return '"files" must map file names to their text'
    return None


def discover(root: Path = CASES) -> list[Case]:
    """Every case under ``root``, sorted by area and name."""
    cases = []
    for expect in sorted(root.glob("*/*.expect")):
        try:
            spec = json.loads(expect.read_text(encoding="utf-8"))
            problem = _problem(spec)
        except (OSError, ValueError) as exc:
            spec, problem = {}, f"cannot read the .expect: {exc}"
        cases.append(
            Case(
                area=expect.parent.name,
                name=expect.name[: -len(".expect")],
                expect=expect,
                file=_case_file(expect),
                spec=spec if isinstance(spec, dict) else {},
                problem=problem,
            )
        )
    return cases


CORPUS = discover()


def _params(cases: list[Case]) -> list[Any]:
    params = []
    for case in cases:
        marks = []
        if case.spec.get("xfail"):
            marks.append(pytest.mark.xfail(reason=str(case.spec["xfail"]), strict=False))
        params.append(pytest.param(case, id=case.id, marks=marks))
    return params


@dataclass(frozen=True)
class Prepared:
    """A case ready to run: its argv, its stdin and the file name it must name."""

    argv: list[str]
    stdin: bytes
    file: str | None


def prepare(case: Case, folder: Path) -> Prepared:
    """Write the case's extra files into ``folder`` and substitute ``{file}`` and ``{dir}``."""
    spec = case.spec
    for name, text in spec.get("files", {}).items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    file: str | None = str(case.file) if case.file is not None else None
    if spec.get("copy_as"):
        target = folder / spec["copy_as"]
        if case.file is not None:
            shutil.copyfile(case.file, target)
        file = str(target)
    if spec.get("fifo"):
        target = folder / (spec.get("copy_as") or (case.file.name if case.file else "input"))
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        os.mkfifo(target)
        file = str(target)
    if spec.get("path"):
        file = spec["path"].replace("{dir}", str(folder))
    argv = []
    for arg in spec["argv"]:
        arg = arg.replace("{dir}", str(folder)).replace("{repo}", str(REPO))
        if "{file}" in arg:
            assert file is not None, f"{case.id}: argv has {{file}} but the case has no file"
            arg = arg.replace("{file}", file)
        argv.append(arg)
    stdin = spec.get("stdin", False)
    if stdin is True:
        data = case.file.read_bytes() if case.file is not None else b""
    elif isinstance(stdin, str):
        data = stdin.encode("utf-8")
    else:
        data = b""
    names = spec.get("names_file", True)
    if names is False or not any("{file}" in a for a in spec["argv"]):
        named = None if not isinstance(names, str) else names
    else:
        named = names if isinstance(names, str) else file
    if named is not None:
        named = named.replace("{dir}", str(folder)).replace("{file}", file or "")
    return Prepared(argv, data, named)


def raw_controls(text: str) -> list[str]:
    """The control characters printed raw (a newline ends a line and is fine)."""
    if text.replace("\n", "").isprintable():
        return []
    return sorted(
        {
            repr(ch)
            for ch in text
            if ch != "\n" and not ch.isprintable() and unicodedata.category(ch) in UNSAFE
        }
    )


def printable(text: str) -> str:
    from civicgrants.errors import printable as escape

    return escape(text)


class CaseTimeout(BaseException):
    """The alarm of a case: a BaseException, so no ``except Exception`` in the CLI can eat it."""


def _vm_bytes() -> int | None:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


@contextlib.contextmanager
def guard(seconds: int = TIMEOUT) -> Iterator[None]:
    """A time and memory bound around a case run in this process (POSIX main thread only).

    ``seconds`` of CPU (``ITIMER_PROF``: a busy machine does not make a case fail), and
    :data:`WALL` seconds of wall-clock time for a read that blocks (``ITIMER_REAL``).
    """
    import resource

    def alarm(signum: int, frame: object) -> None:
        what = f"{seconds} s of CPU" if signum == signal.SIGPROF else f"{WALL} s of wall time"
        raise CaseTimeout(f"still running after {what}")

    previous = {sig: signal.signal(sig, alarm) for sig in (signal.SIGALRM, signal.SIGPROF)}
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = _vm_bytes()
    limited = False
    if used is not None:
        cap = used + IN_PROCESS_HEADROOM
        if (hard == resource.RLIM_INFINITY or cap <= hard) and (
            soft == resource.RLIM_INFINITY or cap < soft
        ):
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
            limited = True
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, WALL)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if limited:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def run_in_process(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    """``civicgrants ARGV`` in this process: the status, stdout and stderr."""
    from civicgrants.cli import main

    out, err = io.StringIO(), io.StringIO()
    stdin_stream = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    saved = sys.stdin
    sys.stdin = stdin_stream
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), guard():
            try:
                status = main(argv, out=out, err=err)
            except SystemExit as exc:  # argparse: usage errors, --help
                code = exc.code
                status = code if isinstance(code, int) else (0 if code is None else 1)
    finally:
        sys.stdin = saved
    return status, out.getvalue(), err.getvalue()


def _warm_up() -> None:
    """Import what the commands import, before a case runs under the memory guard."""
    import importlib

    import numpy  # noqa: F401

    from civicgrants.cli import COMMANDS

    for name in COMMANDS:
        importlib.import_module(f"civicgrants.cli.{name}")
    for name in ("io.documents", "io.render", "scoring", "budget", "indicators", "pb", "round"):
        importlib.import_module(f"civicgrants.{name}")


def verdict(case: Case, prepared: Prepared, status: int, out: str, err: str) -> list[str]:
    """What is wrong with a run of ``case``; empty when it behaved as its ``.expect`` says."""
    spec = case.spec
    wrong = []
    head = f"exit {status}; stderr {err!r}; stdout {out[:500]!r}"
    if status in (0, 70) or status != spec["exit"]:
        wrong.append(f"expected exit {spec['exit']}, got {head}")
    stream = spec.get("stream") or ("stderr" if spec["exit"] == 2 else "stdout")
    text = err if stream == "stderr" else out
    if prepared.file:  # the substring must come from the message, not from the file's name
        text = text.replace(printable(prepared.file), "{file}")
    wanted = spec["contains"] if isinstance(spec["contains"], list) else [spec["contains"]]
    for part in wanted:
        if part not in text:
            wrong.append(f"{stream} does not contain {part!r}: {head}")
    if spec["exit"] == 2 and status == 2:
        if err.count("\n") != 1 or not err.endswith("\n"):
            wrong.append(f"stderr is not exactly one line: {err!r}")
        if prepared.file is not None and printable(prepared.file) not in err:
            wrong.append(f"stderr does not name the file {printable(prepared.file)!r}: {err!r}")
    for name, text in (("stdout", out), ("stderr", err)):
        raw = raw_controls(text)
        if raw:
            wrong.append(f"{name} prints raw control characters {raw}")
    return wrong


def test_the_corpus_has_cases_in_every_area() -> None:
    areas = {case.area for case in CORPUS}
    assert {"cli", "documents"} <= areas
    assert sum(case.area in ("cli", "documents") for case in CORPUS) >= 60
    for area in areas:
        assert any(case.area == area for case in CORPUS)


def test_every_case_file_has_an_expect() -> None:
    """A case file without its ``.expect`` would never run: name each one."""
    owned = {case.file for case in CORPUS if case.file is not None}
    orphans = [
        str(path.relative_to(CASES))
        for path in sorted(CASES.glob("*/*"))
        if path.is_file()
        and path.suffix != ".expect"
        and path.name != "README.md"
        and path not in owned
    ]
    assert not orphans, f"case files without a .expect (or with two candidates): {orphans}"


@pytest.fixture(scope="module")
def warm() -> None:
    _warm_up()


@pytest.mark.usefixtures("warm")
@pytest.mark.parametrize("case", _params(CORPUS))
def test_case(case: Case, tmp_path: Path) -> None:
    assert case.problem is None, f"{case.expect}: {case.problem}"
    prepared = prepare(case, tmp_path)
    try:
        status, out, err = run_in_process(prepared.argv, prepared.stdin)
    except CaseTimeout as exc:
        pytest.fail(f"{case.id}: {exc}: {prepared.argv}")
    wrong = verdict(case, prepared, status, out, err)
    assert not wrong, f"{case.id} ({case.expect.name}):\n  " + "\n  ".join(wrong)


CHILD = f"""
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({CHILD_MEMORY}, {CHILD_MEMORY}))
resource.setrlimit(resource.RLIMIT_CPU, ({TIMEOUT}, {TIMEOUT + 1}))
from civicgrants.cli import main
sys.exit(main(sys.argv[1:]))
"""
"""The child: its limits set first thing, before civicgrants is imported.

The limits are set by the child itself rather than by a ``preexec_fn``: the cases run from a
thread pool, and a ``preexec_fn`` is not safe in a process with threads (the child may
deadlock between fork and exec). The effect is the same: nothing of civicgrants runs before
the limits are in force.
"""


def run_in_child(case: Case) -> str | None:
    """Run ``case`` in a child with the limits; what went wrong, or ``None``."""
    with tempfile.TemporaryDirectory() as folder:
        prepared = prepare(case, Path(folder))
        if not all(_passable(arg) for arg in prepared.argv):
            return None  # a NUL or a lone surrogate cannot be on a command line: in-process only
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONHASHSEED": "0"}
        try:
            child = subprocess.run(
                [sys.executable, "-c", CHILD, *prepared.argv],
                input=prepared.stdin,
                capture_output=True,
                timeout=WALL,
                env=env,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return f"{case.id}: still running after {WALL} s of wall time (blocked?)"
    err = child.stderr.decode("utf-8", "replace")
    if child.returncode < 0:
        name = signal.Signals(-child.returncode).name
        return (
            f"{case.id}: killed by {name} (SIGXCPU: more than {TIMEOUT} s of CPU): {err[-300:]!r}"
        )
    if "MemoryError" in err or child.returncode == 70:
        return f"{case.id}: exit {child.returncode} (more than 1 GiB?): {err[-300:]!r}"
    if child.returncode != case.spec["exit"]:
        return f"{case.id}: exit {child.returncode}, expected {case.spec['exit']}: {err[-300:]!r}"
    return None


def _passable(arg: str) -> bool:
    try:
        return b"\0" not in os.fsencode(arg)
    except UnicodeError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="rlimits are POSIX")
def test_no_case_takes_more_than_10_s_or_1_gib() -> None:
    """Each case in a child process: a 10 s CPU limit, 1 GiB of address space; neither is hit."""
    cases = [c for c in CORPUS if c.problem is None and not c.spec.get("xfail")]
    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(workers) as pool:
        failures = [f for f in pool.map(run_in_child, cases) if f is not None]
    assert not failures, f"{len(failures)} of {len(cases)} cases:\n" + "\n".join(failures)
