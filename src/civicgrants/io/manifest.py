"""``round.json``: the manifest of a round's folder (see `civicgrants.io.workspace`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from civicgrants.model.fields import SCHEMA, count, date, ident, many, text
from civicgrants.pb.counting import ROUND_RULES
from civicgrants.pb.rules.equal_shares import COMPLETIONS

_MAX_DUE_DAYS = 3660
"""The longest a final report may be due after an agreement's end: ten years."""


def _due_days() -> Any:
    """A whole number of days, 0 to `_MAX_DUE_DAYS` (the schema says both bounds)."""
    field = count(default=30)
    field.metadata[SCHEMA] = {"minimum": 0, "maximum": _MAX_DUE_DAYS}
    return field


__all__ = ["MANIFEST", "Manifest"]

MANIFEST = "round.json"
"""The file that names a round's parts."""


def _rule(_inst: object, _attr: attrs.Attribute[str], value: object) -> None:
    if value not in ROUND_RULES:
        raise ValueError(f"rule: must be one of {', '.join(ROUND_RULES)}, got {value!r}")


def _completion(_inst: object, _attr: attrs.Attribute[str | None], value: object) -> None:
    if value not in COMPLETIONS:
        known = ", ".join(c for c in COMPLETIONS if c is not None)
        raise ValueError(f"completion: must be one of {known} (or absent), got {value!r}")


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
    ballots : str, optional
        The residents' ballots: a pabulib ``.pb`` file whose projects are the
        call's applications.
    rule : {"greedy", "mes"}, optional
        The rule that counts the ballots: ``greedy`` (the default, as
        `civicgrants.pb.count()` and ``civicgrants pb``) or ``mes`` (the
        Method of Equal Shares).
    completion : str, optional
        A completion of the Method of Equal Shares (``add1``, ``utilitarian``,
        ``add1_utilitarian``); only with ``rule: "mes"``. ``add1`` raises every
        voter's share one unit of the budget at a time, as pabutools does: slow
        on budgets in tenge.

    Raises
    ------
    ValueError
        ``id`` is not an id, a text is blank, an unknown rule or completion, or a
        completion with the greedy rule.

    Examples
    --------
    >>> Manifest("r", "Round", "call.json").report_due_days
    30
    >>> Manifest("r", "Round", "call.json", ballots="ballots.pb", rule="mes").rule
    'mes'
    >>> Manifest("r", "Round", "call.json", completion="add1")
    Traceback (most recent call last):
    ...
    ValueError: completion: add1 applies to the rule mes only, not greedy

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
    report_due_days: int = _due_days()

    def __attrs_post_init__(self) -> None:
        if self.report_due_days > _MAX_DUE_DAYS:
            raise ValueError(
                f"report_due_days: at most {_MAX_DUE_DAYS} days (ten years), "
                f"got {self.report_due_days}"
            )
        if self.completion is not None and self.rule != "mes":
            raise ValueError(
                f"completion: {self.completion} applies to the rule mes only, not {self.rule}"
            )

    synthetic: tuple[str, ...] = many(str, unique=True)
    ballots: str | None = text(optional=True)
    rule: str = attrs.field(
        default="greedy", validator=_rule, metadata={SCHEMA: {"enum": list(ROUND_RULES)}}
    )
    completion: str | None = attrs.field(
        default=None,
        validator=_completion,
        metadata={SCHEMA: {"enum": list(COMPLETIONS)}},
    )
