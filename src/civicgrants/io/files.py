"""Reading input files with located, one-line errors (one home for the rule)."""

from __future__ import annotations

import os
from pathlib import Path

from civicgrants.errors import DocumentError, Problem

__all__ = ["read_text"]


def read_text(path: str | os.PathLike[str], *, encoding: str = "utf-8") -> str:
    r"""The file's text, or a :class:`DocumentError` naming the file and what went wrong.

    Parameters
    ----------
    path : str or os.PathLike
        The file to read.
    encoding : str, default "utf-8"
        The file's text encoding.

    Returns
    -------
    str
        The whole text of the file.

    Raises
    ------
    DocumentError
        The file does not exist, is a folder, is not text in ``encoding``, or
        cannot be read; the error names the file and says which in one line.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "note.txt")
    ...     _ = path.write_text("Құрық\n", encoding="utf-8")
    ...     print(read_text(path), end="")
    Құрық
    >>> read_text("no-such-folder/budget.csv")
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: no-such-folder/budget.csv: 1 problem
      no such file

    See Also
    --------
    civicgrants.io.csv_table.read_table : the rows of a CSV text.
    civicgrants.io.documents.load : a JSON document read from a file.
    """
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
