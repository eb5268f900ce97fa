"""How a long computation says how far it has got, without doing any I/O itself.

A computation that can take more than a second or two (a large Monte Carlo run,
a large election) takes an optional ``progress`` callback and calls it as
``progress(done, total)``: ``done`` units of work out of ``total`` finished.
What the callback does (draw a bar on a terminal, log, nothing) is its
caller's business; the computation's result never depends on it.

Examples
--------
>>> seen = []
>>> report(lambda done, total: seen.append((done, total)), 3, 4)
>>> report(None, 4, 4)  # no callback: nothing happens
>>> seen
[(3, 4)]
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["Progress", "report"]


class Progress(Protocol):
    """A callback told how far a computation has got: ``progress(done, total)``.

    Examples
    --------
    >>> def show(done: int, total: int) -> None:
    ...     print(f"{done}/{total}")
    >>> callback: Progress = show
    >>> callback(1, 2)
    1/2

    See Also
    --------
    report : calls a callback that may be ``None``.
    """

    def __call__(self, done: int, total: int) -> None:
        """Take note that ``done`` of ``total`` units of work are finished."""


def report(progress: Progress | None, done: int, total: int) -> None:
    """Call ``progress(done, total)`` when there is a callback.

    Parameters
    ----------
    progress : Progress or None
        The callback, or ``None`` for none.
    done : int
        Units of work finished so far (``0 <= done <= total``).
    total : int
        Units of work in all.

    Examples
    --------
    >>> report(lambda done, total: print(done, "of", total), 2000, 10000)
    2000 of 10000

    See Also
    --------
    Progress : the callback's type.
    """
    if progress is not None:
        progress(done, total)
