"""A round as one graph: the call, its scores or ballots, agreements, reports and memoranda.

A `Round` holds what a foundation or an akimat has from the call to the
last report. Built from parts, it checks that they refer to one another
(`dangling()`): every agreement funds an application of the call and follows
its decision (the commission's scores or the residents' vote); every project on
the ballot is an application of the call; every report names an agreement of
the round; every locality is one the programme knows; re-grants form a tree
under their parents, in their parents' currency. `civicgrants.io.workspace`
reads and writes a round as a folder of documents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import attrs

from civicgrants.agreement.model import AgreementStatus, DecisionKind, GrantAgreement
from civicgrants.dossier.model import Dossier
from civicgrants.dossier.report import FinalReport
from civicgrants.errors import Problem, ValidationError
from civicgrants.model.application import Application
from civicgrants.model.display import shows
from civicgrants.model.fields import date, entity, ident, many, text
from civicgrants.model.memorandum import Memorandum
from civicgrants.model.programme import Call, Programme
from civicgrants.pb.counting import ROUND_RULES, check_rule
from civicgrants.pb.election import Election
from civicgrants.scoring.sheet import ScoreSheet

__all__ = ["MAX_DUE_DAYS", "Round", "dangling"]


MAX_DUE_DAYS = 3660
"""The longest a final report may be due after an agreement's end: ten years."""


def _due_days(_inst: object, _attr: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DUE_DAYS:
        raise ValueError(f"report_due_days: must be a whole number of days, 0 to {MAX_DUE_DAYS}, "
                         f"got {value!r}")  # fmt: skip


@shows
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
        `Application` or a state grant's
        `Dossier`, each with the id of the call's
        application it is.
    ballots : Election, optional
        The residents' vote (a pabulib election) on the call: its project ids
        are application ids. An agreement the vote decided
        (``DecisionKind.VOTE``) names the call's id in ``decision.ref``: a
        round holds one call and at most one vote on it, and a ``.pb`` file
        carries no id of its own.
    rule : {"greedy", "mes"}, optional
        The rule that counts the ballots (``greedy``, as
        `civicgrants.pb.count()` by default).
    completion : str, optional
        A completion of the Method of Equal Shares (with ``rule="mes"`` only).
    memoranda : sequence of Memorandum, optional
        The memoranda of the season (the akimats' duties for the objects'
        upkeep, each with its follow-up status); the programme's own memoranda
        are its history and are not followed up here.

    Raises
    ------
    ValidationError
        A part refers to something the round does not have (one problem per
        reference, located as ``agreements[ga-1].application``), or an unknown
        counting rule.

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
    ballots: Election | None = entity(Election, optional=True)
    rule: str = attrs.field(default="greedy")
    completion: str | None = attrs.field(default=None)
    memoranda: tuple[Memorandum, ...] = many(Memorandum, unique=True)

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        if self.rule not in ROUND_RULES:
            known = ", ".join(ROUND_RULES)
            problems.append(Problem("rule", f"must be one of {known}, got {self.rule!r}"))
        else:
            try:
                check_rule(self.rule, self.completion)
            except ValidationError as exc:
                problems.extend(exc.problems)
        found = dangling(
            self.call,
            programme=self.programme,
            scores=self.scores,
            agreements=self.agreements,
            reports=self.reports,
            applications=self.applications,
            ballots=self.ballots,
            memoranda=self.memoranda,
        )
        problems += [
            Problem(f"{kind}[{key}].{path}", message) for kind, key, path, message in found
        ]
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
    ballots: Election | None = None,
    memoranda: Iterable[Memorandum] = (),
) -> list[tuple[str, str, str, str]]:
    """Every reference of a round's parts to something the round lacks, or that cannot be.

    Besides references that lead nowhere: an agreement that is its own parent
    or sits in a cycle of parents; a re-grant in another currency than its
    parent; an application funded by two main agreements (no parent, not
    terminated); an agreement the vote decided in a round without ballots, or
    for an application that was not on the ballot.

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
    ballots : Election, optional
        The residents' vote: its project ids are application ids.
    memoranda : iterable of Memorandum, optional
        The season's memoranda.

    Returns
    -------
    list of (str, str, str, str)
        ``(kind, id, path, message)``: the part's kind (``agreements``,
        ``reports``, ``scores``, ``ballots``, ``memoranda`` …), its id (a
        score's row, a project's id on the ballot), the path inside it and what
        is wrong.

    Examples
    --------
    >>> from civicgrants.datasets.synthetic_round import synthetic_round
    >>> from civicgrants.pb import Election
    >>> call = synthetic_round()[0]
    >>> dangling(call)
    []
    >>> dangling(call, ballots=Election.from_ballots({"P-9": 100}, [["P-9"]], budget=100))
    [('ballots', 'P-9', 'project_id', "no application 'P-9' in call SYN-II-mangistau")]

    See Also
    --------
    Round : refuses a round that has any.
    civicgrants.io.workspace.load_round : names the file of each.
    """
    out: list[tuple[str, str, str, str]] = []
    agreements, reports = tuple(agreements), tuple(reports)
    by_id = {a.id: a for a in call.applications}
    on_ballot = set(ballots.project_ids) if ballots is not None else set()
    numbers: dict[str, str] = {}
    funds: dict[str, str] = {}
    for a in agreements:
        if a.number in numbers:
            out.append(("agreements", a.id, "number",
                        f"number {a.number!r} is also agreement {numbers[a.number]}'s"))  # fmt: skip
        numbers.setdefault(a.number, a.id)
        if a.parent is None:
            out += _main(a, call, by_id, ballots, on_ballot)
            live = a.status is not AgreementStatus.TERMINATED
            if live and a.application is not None and a.application in funds:
                out.append(("agreements", a.id, "application",
                            f"{a.application!r} is also funded by agreement "
                            f"{funds[a.application]}"))  # fmt: skip
            if live and a.application is not None:
                funds.setdefault(a.application, a.id)
    out += _parents(agreements)
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
    if ballots is not None:
        for pid in ballots.project_ids:
            if pid not in by_id:
                out.append(
                    ("ballots", pid, "project_id", f"no application {pid!r} in call {call.id}")
                )
    if programme is not None:
        places = {loc.id for loc in programme.localities}
        for app in call.applications:
            if app.locality not in places:
                out.append(("call", app.id, "locality",
                            f"no locality {app.locality!r} in programme {programme.id}"))  # fmt: skip
        out += _memoranda(memoranda, programme, places)
    return out


def _main(
    a: GrantAgreement,
    call: Call,
    by_id: Mapping[str, object],
    ballots: Election | None,
    on_ballot: set[str],
) -> list[tuple[str, str, str, str]]:
    """The problems of a main agreement (no parent) against the call and its decision."""
    out: list[tuple[str, str, str, str]] = []
    if a.application is None:
        out.append(("agreements", a.id, "application", "names no application"))
    elif a.application not in by_id:
        out.append(("agreements", a.id, "application",
                    f"no application {a.application!r} in call {call.id}"))  # fmt: skip
    kind = a.decision.kind
    if kind is DecisionKind.COMMISSION and a.decision.ref != call.id:
        out.append(("agreements", a.id, "decision.ref",
                    f"the commission decided call {call.id!r}, not {a.decision.ref!r}"))  # fmt: skip
    if kind is DecisionKind.VOTE:
        if a.decision.ref != call.id:
            out.append(("agreements", a.id, "decision.ref",
                        f"the residents voted on call {call.id!r}, not {a.decision.ref!r}"))  # fmt: skip
        if ballots is None:
            out.append(("agreements", a.id, "decision.kind",
                        "the residents' vote decided it, but the round holds no ballots"))  # fmt: skip
        elif a.application in by_id and a.application not in on_ballot:
            out.append(("agreements", a.id, "application",
                        f"{a.application!r} was not on the residents' ballot"))  # fmt: skip
    if a.currency != call.currency:
        out.append(("agreements", a.id, "award.currency",
                    f"{a.currency}, the call is in {call.currency}"))  # fmt: skip
    return out


def _parents(agreements: tuple[GrantAgreement, ...]) -> list[tuple[str, str, str, str]]:
    """Re-grants whose parent is missing, is themselves, forms a cycle or has another currency."""
    out: list[tuple[str, str, str, str]] = []
    by_id = {a.id: a for a in agreements}
    for a in agreements:
        if a.parent is None:
            continue
        parent = by_id.get(a.parent)
        if parent is None:
            out.append(("agreements", a.id, "parent", f"no agreement {a.parent!r} in the round"))
            continue
        if a.parent == a.id:
            out.append(("agreements", a.id, "parent", "the agreement is its own parent"))
            continue
        chain, seen = [a.id], {a.id}
        up: GrantAgreement | None = parent
        while up is not None and up.id not in seen:
            chain.append(up.id)
            seen.add(up.id)
            up = by_id.get(up.parent) if up.parent is not None else None
        if up is not None and up.id == a.id:
            out.append(("agreements", a.id, "parent",
                        f"the parents form a cycle: {' → '.join([*chain, a.id])}"))  # fmt: skip
        if parent.currency != a.currency:
            out.append(("agreements", a.id, "award.currency",
                        f"{a.currency}, its parent {parent.id} is in {parent.currency}"))  # fmt: skip
    return out


def _memoranda(
    memoranda: Iterable[Memorandum], programme: Programme, places: set[str]
) -> list[tuple[str, str, str, str]]:
    """Memoranda naming a locality, an akimat or a programme the round's programme lacks."""
    out: list[tuple[str, str, str, str]] = []
    orgs = {o.id for o in programme.organisations} | {
        programme.implementer.id,
        programme.donor.id,
    }
    for m in memoranda:
        for k, place in enumerate(m.localities):
            if place not in places:
                out.append(("memoranda", m.id, f"localities[{k}]",
                            f"no locality {place!r} in programme {programme.id}"))  # fmt: skip
        if m.akimat is not None and m.akimat not in orgs:
            out.append(("memoranda", m.id, "akimat",
                        f"no organisation {m.akimat!r} in programme {programme.id}"))  # fmt: skip
        if m.programme is not None and m.programme != programme.id:
            out.append(("memoranda", m.id, "programme",
                        f"{m.programme!r}, the round's programme is {programme.id!r}"))  # fmt: skip
    return out
