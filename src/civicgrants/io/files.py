"""Reading input files with located, one-line errors (one home for the rule)."""

from __future__ import annotations

import os
import stat

from civicgrants.errors import DocumentError, Problem

__all__ = ["MAX_BYTES", "read_text"]

MAX_BYTES = 256 * 1024 * 1024
"""The largest input file read (256 MiB): a larger one is refused before it is read."""


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
        The file does not exist, is a folder or not a regular file (a pipe, a
        device: reading one could block or never end), is larger than
        :data:`MAX_BYTES`, is not text in ``encoding``, or cannot be read; the
        error names the file and says which in one line.

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
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(source)
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(source, [Problem("", "not a regular file (a pipe or a device?)")])
        if info.st_size > MAX_BYTES:
            raise DocumentError(
                source, [Problem("", f"larger than {MAX_BYTES} bytes ({info.st_size})")]
            )
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise DocumentError(source, [Problem("", f"larger than {MAX_BYTES} bytes")])
        return data.decode(encoding)
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
