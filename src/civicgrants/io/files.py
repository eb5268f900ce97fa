"""Reading input files with located, one-line errors (one home for the rule).

Only regular files are read: a pipe, a socket or a device (``/dev/zero``, a
FIFO) is refused at once, before a byte is read, because reading one could
block or never end. A file larger than the ``file_bytes`` limit
(`civicgrants.model.limits.Limits.file_bytes`, 256 MiB unless raised with
`use_limits()` or ``civicgrants --limit
file_bytes=…``) is refused before it is read, and no read goes past it even if
the file grows meanwhile.
"""

from __future__ import annotations

import os
import stat

from civicgrants.errors import DocumentError, Problem
from civicgrants.model.limits import DEFAULT_LIMITS, get_limits

__all__ = ["MAX_BYTES", "read_bytes", "read_text"]

MAX_BYTES = DEFAULT_LIMITS.file_bytes
"""The default largest input file (256 MiB), kept under its old name.

The limit in force is ``get_limits().file_bytes``
(`civicgrants.model.limits.get_limits()`); this constant is its default and
does not change when a caller raises the limit.
"""

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer
_BINARY = getattr(os, "O_BINARY", 0)


def _too_large(limit: int, size: str) -> Problem:
    return Problem(
        "",
        f"larger than {limit} bytes{size} (the file_bytes limit; raise it with "
        f"--limit file_bytes=N or use_limits(file_bytes=N))",
    )


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes, or a `DocumentError` naming the file and what went wrong.

    The file is opened without waiting (a FIFO does not block), checked to be a
    regular file no larger than ``get_limits().file_bytes``, and read to at most
    that many bytes.

    Parameters
    ----------
    path : str or os.PathLike
        The file to read.

    Returns
    -------
    bytes
        The whole content of the file.

    Raises
    ------
    DocumentError
        The file does not exist, is a folder or not a regular file (a pipe, a
        device: reading one could block or never end), is larger than the
        ``file_bytes`` limit, its name cannot be a file name (a NUL byte, a lone
        surrogate) or it cannot be read; the error names the file and says
        which in one line.

    Examples
    --------
    >>> read_bytes("/dev/zero")
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: /dev/zero: 1 problem
      not a regular file (a pipe or a device?)

    See Also
    --------
    read_text : the same, decoded.
    civicgrants.model.limits.use_limits : raise the ``file_bytes`` limit.
    """
    source = os.fspath(path)
    limit = get_limits().file_bytes
    try:
        fd = os.open(source, os.O_RDONLY | _NONBLOCK | _BINARY)
    except FileNotFoundError:
        raise DocumentError(source, [Problem("", "no such file")]) from None
    except IsADirectoryError:
        raise DocumentError(source, [Problem("", "is a folder, not a document file")]) from None
    except OSError as exc:
        raise DocumentError(source, [Problem("", f"cannot read: {exc.strerror or exc}")]) from None
    except (ValueError, UnicodeError) as exc:  # a NUL byte, a surrogate the file system refuses
        raise DocumentError(source, [Problem("", f"not a usable file name ({exc})")]) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(source, [Problem("", "is a folder, not a document file")])
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(source, [Problem("", "not a regular file (a pipe or a device?)")])
        if info.st_size > limit:
            raise DocumentError(source, [_too_large(limit, f" ({info.st_size})")])
        with os.fdopen(fd, "rb") as handle:  # closes the descriptor
            fd = -1
            data = handle.read(limit + 1)
    except OSError as exc:
        raise DocumentError(source, [Problem("", f"cannot read: {exc.strerror or exc}")]) from None
    except MemoryError:
        raise DocumentError(
            source, [Problem("", "cannot read: not enough memory for the file")]
        ) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise DocumentError(source, [_too_large(limit, "")])
    return data


def read_text(path: str | os.PathLike[str], *, encoding: str = "utf-8") -> str:
    r"""The file's text, or a `DocumentError` naming the file and what went wrong.

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
        device: reading one could block or never end), is larger than the
        ``file_bytes`` limit (`MAX_BYTES` by default), is not text in
        ``encoding``, or cannot be read; the error names the file and says
        which in one line.

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
    >>> from civicgrants.model.limits import use_limits
    >>> with tempfile.TemporaryDirectory() as folder, use_limits(file_bytes=4):
    ...     path = Path(folder, "note.txt")
    ...     _ = path.write_text("Құрық\n", encoding="utf-8")
    ...     read_text(path)
    Traceback (most recent call last):
    ...
    civicgrants.errors.DocumentError: ...
      larger than 4 bytes (11) (the file_bytes limit; raise it with --limit file_bytes=N or use_limits(file_bytes=N))

    See Also
    --------
    read_bytes : the bytes, with the same checks.
    civicgrants.io.csv_table.read_table : the rows of a CSV text.
    civicgrants.io.documents.load : a JSON document read from a file.
    """
    source = os.fspath(path)
    data = read_bytes(path)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocumentError(
            source, [Problem("", f"not {_label(encoding)} text ({exc.reason} at byte {exc.start})")]
        ) from None
    except MemoryError:
        raise DocumentError(
            source, [Problem("", "cannot read: not enough memory for the text")]
        ) from None


def _label(encoding: str) -> str:
    return "UTF-8" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
