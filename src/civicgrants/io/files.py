"""Reading input files with located, one-line errors (one home for the rule)."""

from __future__ import annotations

import os
from pathlib import Path

from civicgrants.errors import DocumentError, Problem

__all__ = ["read_text"]


def read_text(path: str | os.PathLike[str], *, encoding: str = "utf-8") -> str:
    """The file's text, or a :class:`DocumentError` naming the file and what went wrong."""
    source = os.fspath(path)
    try:
        return Path(path).read_text(encoding=encoding)
    except FileNotFoundError:
        raise DocumentError(source, [Problem("", "no such file")]) from None
    except IsADirectoryError:
        raise DocumentError(source, [Problem("", "is a folder, not a document file")]) from None
    except UnicodeDecodeError as exc:
        raise DocumentError(
            source, [Problem("", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
        ) from None
    except OSError as exc:
        raise DocumentError(source, [Problem("", f"cannot read: {exc.strerror or exc}")]) from None
