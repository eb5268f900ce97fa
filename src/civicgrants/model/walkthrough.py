"""A walkthrough: typed results in the order a reader meets them (``civicgrants demo``).

A :class:`Walkthrough` holds no text of its own: each :class:`Step` names what
it shows (a stable key) and carries the typed result of the library call that
made it; :mod:`civicgrants.io.views.demo` writes the words around them.
"""

from __future__ import annotations

import attrs

__all__ = ["Step", "Walkthrough"]


@attrs.frozen
class Step:
    """One step of a walkthrough: a key (``"budget"``) and the result it shows.

    Parameters
    ----------
    key : str
        What the step shows; the views' labels are keyed by it.
    result : object
        The typed result of the library call behind the step.
    source : str, optional
        Where the step's data comes from (a shipped file's name), when its words name it.

    Examples
    --------
    >>> s = Step("budget", 42, source="budget.json")
    >>> s.key, s.source
    ('budget', 'budget.json')

    See Also
    --------
    Walkthrough : Steps in reading order, with the language their names are shown in.
    """

    key: str
    result: object
    source: str | None = None


@attrs.frozen
class Walkthrough:
    """Steps in reading order, with the language their names are shown in.

    Parameters
    ----------
    key : str
        What the walkthrough is (``"demo"``).
    steps : tuple of Step
        The steps, in reading order.
    lang : str, optional
        The language the views show names in; ``"en"`` by default.

    Examples
    --------
    >>> w = Walkthrough("demo", (Step("hello", 42),), lang="en")
    >>> [s.key for s in w.steps]
    ['hello']

    See Also
    --------
    Walkthrough.step : The step with ``key``.
    Step : One step of a walkthrough: a key (``"budget"``) and the result it shows.
    civicgrants.io.views.demo : writes the words around the steps.
    """

    key: str
    steps: tuple[Step, ...]
    lang: str = "en"

    def step(self, key: str) -> Step:
        """The step with ``key``.

        Parameters
        ----------
        key : str
            The step's key.

        Returns
        -------
        Step
            The first step with that key.

        Raises
        ------
        KeyError
            No such step.

        Examples
        --------
        >>> w = Walkthrough("demo", (Step("hello", 42),))
        >>> w.step("hello").result
        42
        >>> w.step("bye")
        Traceback (most recent call last):
        ...
        KeyError: "no step 'bye'; steps: hello"

        See Also
        --------
        Walkthrough.steps : every step, in order.
        civicgrants.datasets.demo.demo : the walkthrough ``civicgrants demo`` shows.
        """
        for s in self.steps:
            if s.key == key:
                return s
        raise KeyError(f"no step {key!r}; steps: {', '.join(s.key for s in self.steps)}")
