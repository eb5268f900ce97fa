"""A walkthrough: typed results in the order a reader meets them (``civicgrants demo``).

A `Walkthrough` holds no text of its own: each `Step` names what
it shows (a stable key) and carries the typed result of the library call that
made it; `civicgrants.io.views.demo` writes the words around them. A
`ReportFile` is what a walkthrough keeps of an HTML report it wrote (or
could not write without its optional extra): the facts, not the page.
"""

from __future__ import annotations

import datetime as dt

import attrs

from civicgrants.model.display import shows
from civicgrants.model.fields import count

__all__ = ["ReportFile", "Step", "Walkthrough"]


@shows
@attrs.frozen
class ReportFile:
    """An HTML report a walkthrough wrote, or would have written had its extra been installed.

    Parameters
    ----------
    name : str
        The file's name in the walkthrough's folder (``"report.html"``).
    round : str
        The id of the round it reports on.
    lang : str
        The page's language: ``en``, ``ru`` or ``kk``.
    on : datetime.date or None
        The date of the status it shows (``None``: as the documents stand).
    sections : tuple of str
        The ids of its sections, in page order (those it would have, when not written).
    charts : tuple of str
        The ids of its inline SVG charts (those it would have, when not written).
    synthetic : tuple of str
        The round's synthetic parts, which the page names as such.
    size : int or None, optional
        The bytes written (UTF-8); ``None`` when the file was not written.
    needs : str or None, optional
        The optional extra the report needs and did not find (``"report"``); ``None``
        when the file was written.

    Raises
    ------
    ValueError
        Both or neither of ``size`` and ``needs`` are given.

    Examples
    --------
    >>> f = ReportFile("report.html", "r", "en", None, ("header",), (), (), size=120)
    >>> f.written, f.size
    (True, 120)
    >>> ReportFile("report.html", "r", "en", None, ("header",), (), (), needs="report").written
    False

    See Also
    --------
    civicgrants.io.html.round_report : the report itself, as a page.
    civicgrants.datasets.demo.demo : the walkthrough whose ``round-report`` step it is.
    """

    name: str
    round: str
    lang: str
    on: dt.date | None
    sections: tuple[str, ...]
    charts: tuple[str, ...]
    synthetic: tuple[str, ...]
    size: int | None = count(optional=True)
    needs: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.size is None) == (self.needs is None):
            raise ValueError("size, needs: give the size of a written file or the extra it needs")

    @property
    def written(self) -> bool:
        """Whether the file was written (``needs`` is ``None``).

        Returns
        -------
        bool
            ``True`` for a file on disk, ``False`` when its extra was missing.

        Examples
        --------
        >>> ReportFile("r.html", "r", "en", None, (), (), (), needs="report").written
        False

        See Also
        --------
        ReportFile.needs : the extra that was missing.
        """
        return self.needs is None


@shows
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


@shows
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
