"""Plain-text tables for terminal output (no dependencies, deterministic)."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["table"]


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    indent: str = "  ",
    right: Sequence[int] = (),
) -> str:
    """Render rows as an aligned text table; columns in ``right`` align right.

    Every cell is written with `str()`; columns are two spaces apart, each
    line starts with ``indent`` and trailing spaces are dropped.

    Parameters
    ----------
    header : sequence of str
        The column names, the first line.
    rows : sequence of sequences
        The cells, one sequence per row, each as long as ``header``.
    indent : str, default "  "
        What every line starts with.
    right : sequence of int, default ()
        The (0-based) indexes of the columns to align right, such as numbers.

    Returns
    -------
    str
        The lines joined by newlines, with no newline at the end.

    Examples
    --------
    >>> print(table(["kind", "n"], [["park", 3], ["playground", 12]], right=[1]))
      kind         n
      park         3
      playground  12

    See Also
    --------
    civicgrants.io.fmt.number : write the numbers of a column for a reader.
    civicgrants.io.render.render : the text of a whole result.
    """
    cells = [[str(c) for c in header], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = []
    for row in cells:
        parts = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append((indent + "  ".join(parts)).rstrip())
    return "\n".join(lines)
