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

    Examples
    --------
    >>> print(table(["kind", "n"], [["park", 3], ["playground", 12]], right=[1]))
      kind         n
      park         3
      playground  12
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
