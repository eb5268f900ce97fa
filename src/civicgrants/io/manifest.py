"""``round.json``: the manifest of a round's folder (see :mod:`civicgrants.io.workspace`)."""

from __future__ import annotations

import datetime as dt

import attrs

from civicgrants.model.fields import count, date, ident, many, text

__all__ = ["MANIFEST", "Manifest"]

MANIFEST = "round.json"
"""The file that names a round's parts."""


@attrs.frozen
class Manifest:
    """``round.json``: the round's id and title, and the files of its parts.

    Parameters
    ----------
    id : str
        The round's id.
    title : str
        Its title.
    call : str
        The call's file, relative to the folder.
    programme : str, optional
        The programme's file.
    scores : str, optional
        The score sheet's file (CSV).
    season_start : datetime.date, optional
        The first day of the season.
    report_due_days : int, optional
        Days after an agreement's end its final report is due (30).
    synthetic : sequence of str, optional
        The parts that are synthetic.

    Raises
    ------
    ValueError
        ``id`` is not an id, or a text is blank.

    Examples
    --------
    >>> Manifest("r", "Round", "call.json").report_due_days
    30

    See Also
    --------
    civicgrants.io.workspace.load_round : reads the folder it describes.
    """

    id: str = ident()
    title: str = text()
    call: str = text()
    programme: str | None = text(optional=True)
    scores: str | None = text(optional=True)
    season_start: dt.date | None = date(optional=True)
    report_due_days: int = count(default=30)

    def __attrs_post_init__(self) -> None:
        if self.report_due_days > 3660:
            raise ValueError(
                f"report_due_days: at most 3660 days (ten years), got {self.report_due_days}"
            )

    synthetic: tuple[str, ...] = many(str, unique=True)
