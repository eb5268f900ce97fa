"""Insert (or refresh) the output block under every python example of docs/*.md that prints.

Run from the repository's root after a change to what an example prints:
``PYTHONPATH=src python tools/docs_outputs.py``. A shown output that still matches (a line ``...``
stands for the rest) is kept; a longer one is cut after 12 lines and a ``...`` line.
``tests/test_docs.py`` checks every page against its examples.
"""

import contextlib
import doctest
import io
import os
import re
import tempfile
from pathlib import Path

PAIR = re.compile(r"```python\n(.*?)```\n(?:\n```text\n(.*?)```\n)?", re.S)


def run(code):
    out = io.StringIO()
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as d:
        os.chdir(d)
        try:
            with contextlib.redirect_stdout(out):
                exec(compile(code, "<docs>", "exec"), {"__name__": "__docs__"})
        finally:
            os.chdir(cwd)
    return out.getvalue()


for page in sorted(Path("docs").glob("*.md")):
    text = page.read_text(encoding="utf-8")

    def sub(m, page=page):
        code = m.group(1)
        shown = run(code)
        block = f"```python\n{code}```\n"
        old = m.group(2)
        checker = doctest.OutputChecker()
        if old is not None and checker.check_output(
            old.rstrip("\n") + "\n", shown.rstrip("\n") + "\n", doctest.ELLIPSIS
        ):
            return block + f"\n```text\n{old}```\n"
        if old is not None:
            print("REPLACED", page, repr(old[:80]), "->", repr(shown[:80]))
        if shown:
            shown = shown.rstrip("\n")
            lines = shown.split("\n")
            if (
                len(lines) > 16
            ):  # the rest is elided; the docs test compares with doctest's ELLIPSIS
                shown = "\n".join([*lines[:12], "..."])
            if not shown.endswith("\n"):
                shown += "\n"
            block += f"\n```text\n{shown}```\n"
        return block

    new = PAIR.sub(sub, text)
    if new != text:
        page.write_text(new, encoding="utf-8")
        print("updated", page)
