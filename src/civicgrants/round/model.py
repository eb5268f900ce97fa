"""A round as one graph: the call, its scores, the agreements and the reports, cross-checked.

A :class:`Round` holds what a foundation or an akimat has from the call to the
last report. Built from parts, it checks that they refer to one another
(:func:`dangling`): every agreement funds an application of the call and follows
its decision; every report names an agreement of the round; every locality is
one the programme knows. :mod:`civicgrants.io.workspace` reads and writes a
round as a folder of documents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from civicgrants.agreement.model import DecisionKind, GrantAgreement
from civicgrants.dossier.model import Dossier
from civicgrants.dossier.report import FinalReport
from civicgrants.errors import Problem, ValidationError
from civicgrants.model.application import Application
from civicgrants.model.fields import date, entity, ident, many, text
from civicgrants.model.programme import Call, Programme
from civicgrants.scoring.sheet import ScoreSheet

__all__ = ["MAX_DUE_DAYS", "Round", "dangling"]


MAX_DUE_DAYS = 3660
"""The longest a final report may be due after an agreement's end: ten years."""


def _due_days(_inst: object, _attr: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DUE_DAYS:
        raise ValueError(f"report_due_days: must be a whole number of days, 0 to {MAX_DUE_DAYS}, "
                         f"got {value!r}")  # fmt: skip


@attrs.frozen
class Round:
    """A round of a programme, from the call to the last report.

    Parameters
    ----------
    id : str
        A stable id.
    title : str
        Its title.
    call : Call
        The call: its applications, criteria, members and pot.
    programme : Programme, optional
        The programme, for its localities and their populations.
    scores : ScoreSheet, optional
        The commission's scores.
    agreements : sequence of GrantAgreement, optional
        The grant agreements; ids and numbers unique.
    reports : sequence of FinalReport, optional
        The final reports; each names an agreement's number.
    season_start : datetime.date, optional
        The first day of the season, for the calendar.
    report_due_days : int, optional
        How many days after an agreement's end its final report is due (30).
    synthetic : sequence of str, optional
        The parts that are synthetic (``"scores"``, ``"agreements"`` …), shown
        as such wherever the round is printed.
    applications : sequence of Application or Dossier, optional
        The application documents, where the round has them: a programme's
        :class:`~civicgrants.model.Application` or a state grant's
        :class:`~civicgrants.dossier.Dossier`, each with the id of the call's
        application it is.

    Raises
    ------
    ValidationError
        A part refers to something the round does not have (one problem per
        reference, located as ``agreements[ga-1].application``).

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> call, sheet = synthetic_round()
    >>> Round("r", "Stage II", call, scores=sheet).call.id
    'SYN-II-mangistau'

    See Also
    --------
    civicgrants.round.round_status : the funnel, the money and what is overdue.
    civicgrants.io.workspace.load_round : reads a round from a folder.
    """

    id: str = ident()
    title: str = text()
    call: Call = entity(Call)
    programme: Programme | None = entity(Programme, optional=True)
    scores: ScoreSheet | None = entity(ScoreSheet, optional=True)
    agreements: tuple[GrantAgreement, ...] = many(GrantAgreement, unique=True)
    reports: tuple[FinalReport, ...] = many(FinalReport, unique=True)
    season_start: dt.date | None = date(optional=True)
    report_due_days: int = attrs.field(default=30, validator=_due_days)
    synthetic: tuple[str, ...] = many(str, unique=True)
    applications: tuple[Application | Dossier, ...] = many((Application, Dossier), unique=True)

    def __attrs_post_init__(self) -> None:
        found = dangling(
            self.call,
            programme=self.programme,
            scores=self.scores,
            agreements=self.agreements,
            reports=self.reports,
            applications=self.applications,
        )
        problems = [Problem(f"{kind}[{key}].{path}", message) for kind, key, path, message in found]
        if problems:
            raise ValidationError(problems)

    def agreement(self, number: str) -> GrantAgreement:
        """The agreement with this number.

        Parameters
        ----------
        number : str
            The agreement's number, as a report prints it.

        Returns
        -------
        GrantAgreement
            The agreement.

        Raises
        ------
        KeyError
            No agreement has this number.

        Examples
        --------
        >>> from civicgrants.datasets.synthetic_round import synthetic_round
        >>> Round("r", "R", synthetic_round()[0]).agreement("1")
        Traceback (most recent call last):
        ...
        KeyError: '1'

        See Also
        --------
        Round.agreements : all of them.
        """
        for a in self.agreements:
            if a.number == number:
                return a
        raise KeyError(number)


def dangling(
    call: Call,
    *,
    programme: Programme | None = None,
    scores: ScoreSheet | None = None,
    agreements: Iterable[GrantAgreement] = (),
    reports: Iterable[FinalReport] = (),
    applications: Iterable[Application | Dossier] = (),
) -> list[tuple[str, str, str, str]]:
    """Every reference of a round's parts to something the round lacks.

    Parameters
    ----------
    call : Call
        The call.
    programme : Programme, optional
        The programme.
    scores : ScoreSheet, optional
        The score sheet.
    agreements : iterable of GrantAgreement, optional
        The agreements.
    reports : iterable of FinalReport, optional
        The final reports.
    applications : iterable of Application or Dossier, optional
        The application documents.

    Returns
    -------
    list of (str, str, str, str)
        ``(kind, id, path, message)``: the part's kind (``agreements``,
        ``reports``, ``scores``), its id, the path inside it and what is wrong.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> dangling(synthetic_round()[0])
    []

    See Also
    --------
    Round : refuses a round that has any.
    civicgrants.io.workspace.load_round : names the file of each.
    """
    out: list[tuple[str, str, str, str]] = []
    agreements, reports = tuple(agreements), tuple(reports)
    by_id = {a.id: a for a in call.applications}
    numbers: dict[str, str] = {}
    for a in agreements:
        if a.number in numbers:
            out.append(("agreements", a.id, "number",
                        f"number {a.number!r} is also agreement {numbers[a.number]}'s"))  # fmt: skip
        numbers.setdefault(a.number, a.id)
        if a.parent is None:
            if a.application is None:
                out.append(("agreements", a.id, "application", "names no application"))
            elif a.application not in by_id:
                out.append(("agreements", a.id, "application",
                            f"no application {a.application!r} in call {call.id}"))  # fmt: skip
            if a.decision.kind is DecisionKind.COMMISSION and a.decision.ref != call.id:
                out.append(("agreements", a.id, "decision.ref",
                            f"the commission decided call {call.id!r}, not {a.decision.ref!r}"))  # fmt: skip
            if a.currency != call.currency:
                out.append(("agreements", a.id, "award.currency",
                            f"{a.currency}, the call is in {call.currency}"))  # fmt: skip
    ids = {a.id for a in agreements}
    for a in agreements:
        if a.parent is not None and a.parent not in ids:
            out.append(("agreements", a.id, "parent", f"no agreement {a.parent!r} in the round"))
    for report in reports:
        number = report.agreement.number
        if number not in numbers:
            out.append(("reports", report.id, "agreement.number",
                        f"no agreement numbered {number!r} in the round"))  # fmt: skip
    for doc in applications:
        if doc.id not in by_id:
            out.append(
                ("applications", doc.id, "id", f"no application {doc.id!r} in call {call.id}")
            )
        if isinstance(doc, Application) and doc.call != call.id:
            out.append(("applications", doc.id, "call", f"{doc.call!r}, not call {call.id!r}"))
    if scores is not None:
        for i, score in enumerate(scores.scores):
            if score.application not in by_id:
                out.append(("scores", str(i + 1), "application",
                            f"no application {score.application!r} in call {call.id}"))  # fmt: skip
    if programme is not None:
        places = {loc.id for loc in programme.localities}
        for app in call.applications:
            if app.locality not in places:
                out.append(("call", app.id, "locality",
                            f"no locality {app.locality!r} in programme {programme.id}"))  # fmt: skip
    return out
