"""Where a round stands: the funnel, the money, money per head, and what is overdue.

`round_status()` answers what a programme manager and a donor ask first:

* the funnel, with counts and money at each stage: applications → eligible →
  scored (by the commission, or on the residents' ballot) → funded (by the vote
  when the round has ballots, else by the commission) → contracted → disbursed
  → reported → closed;
* the execution rate (grant money spent of the money awarded) and where the
  money is (awarded, disbursed, spent, refunded);
* money per head per locality, from the programme's populations;
* what is overdue on a date against the season's calendar: tranches due and not
  paid, final reports due and not filed, and the memoranda's duties still only
  promised after the season's reporting and closure step.

A terminated agreement keeps as awarded money only what was disbursed less its
refund (what the grantee spent); its unpaid award is not awarded money any more.

Amounts are exact; a rate or a money per head is rounded half-up to the tiyn or to
0.01 %, and the exact numerator and denominator are kept beside it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import attrs

from civicgrants.agreement.ledger import ledger, overdue
from civicgrants.agreement.model import AgreementStatus, GrantAgreement
from civicgrants.dossier.audit import audit
from civicgrants.dossier.model import Dossier
from civicgrants.model.display import shows
from civicgrants.model.lifecycle import DutyStatus
from civicgrants.model.money import Money
from civicgrants.model.names import Names
from civicgrants.model.numbers import round_half_up
from civicgrants.pb.counting import run_rule
from civicgrants.round.model import Round
from civicgrants.scoring.commission import decide
from civicgrants.scoring.decision import Verdict

__all__ = [
    "CLOSURE_STEP",
    "STAGES",
    "FunnelStage",
    "LocalityRow",
    "Overdue",
    "RoundStatus",
    "round_status",
    "season_closure",
]

STAGES = (
    "applications",
    "eligible",
    "scored",
    "funded",
    "contracted",
    "disbursed",
    "reported",
    "closed",
)
"""The funnel's stages, in order."""

CLOSURE_STEP = "7"
"""The step of the public-spaces methodology by whose end a season's duties are reported.

Step 7, «Отчетные мероприятия и закрытие проекта» (reporting events and project
closure): a memorandum's duty that states no due date of its own is due on the
last day of this step in the season's plan
(`civicgrants.schedule.plan()` of
`civicgrants.schedule.public_spaces_methodology()` from
`Round.season_start`).
"""


@shows
@attrs.frozen
class FunnelStage:
    """One stage of the funnel: how many got this far, and the money at this stage.

    Attributes
    ----------
    key : str
        The stage, one of `STAGES`.
    count : int
        How many applications (or, from ``contracted`` on, agreements).
    money : Money
        The money at this stage: requested (applications, eligible, scored),
        granted (funded: the commission's grant, or the project's cost on the
        ballot), awarded (contracted), disbursed, awarded (reported) and spent
        (closed). A terminated agreement's awarded money is what it disbursed
        less its refund.

    Examples
    --------
    >>> FunnelStage("funded", 18, Money(36_000_000)).count
    18

    See Also
    --------
    round_status : builds the funnel.
    """

    key: str
    count: int
    money: Money


@shows
@attrs.frozen
class LocalityRow:
    """A locality's applications and money, and money per head.

    Attributes
    ----------
    locality : str
        The locality's id.
    name : str
        Its name.
    population : int or None
        Its population, when the programme knows it.
    applications : int
        Applications from it.
    funded : int
        Of them, funded.
    awarded : Money
        Money awarded to it (agreements, a terminated one for what it disbursed
        less its refund; else the funded grants).
    per_head : Money or None
        ``awarded / population``, rounded half-up to the tiyn; ``None`` without
        a population.
    names : Names or None
        Its names in ``ru``, ``kk`` and ``en`` when the programme knows the
        locality (for text in each language); not in the repr nor in ``==``.

    Examples
    --------
    >>> LocalityRow("kuryk", "Kuryk", 6000, 12, 4, Money(6_000_000), Money(1000)).per_head
    Money(amount=Decimal('1000.00'), currency='KZT')

    See Also
    --------
    round_status : builds the rows.
    """

    locality: str
    name: str
    population: int | None
    applications: int
    funded: int
    awarded: Money
    per_head: Money | None
    names: Names | None = attrs.field(default=None, repr=False, eq=False)


@shows
@attrs.frozen
class Overdue:
    """Something due before the date asked about and not done.

    Attributes
    ----------
    kind : str
        ``"tranche"`` (due, not paid in full), ``"report"`` (the final report,
        due ``report_due_days`` after the agreement's end, not filed) or
        ``"duty"`` (a memorandum's duty still only promised: neither confirmed
        nor reported carried out).
    agreement : str
        The agreement's id; for a duty, the memorandum's id.
    ref : str
        The tranche's key, the agreement's number for a report, or
        ``memorandum/duty`` for a duty (``SYN-MEM-kuryk/guarding``; a second
        duty of the same kind in one memorandum is ``…/guarding-2``).
    due : datetime.date
        When it was due.
    days : int
        How many days late on the date asked about.
    amount : Money or None
        What is left to pay of a tranche.

    Examples
    --------
    >>> import datetime as dt
    >>> Overdue("report", "ga-1", "14", dt.date(2021, 12, 31), 10, None).days
    10

    See Also
    --------
    round_status : finds them.
    """

    kind: str
    agreement: str
    ref: str
    due: dt.date
    days: int
    amount: Money | None


@shows
@attrs.frozen
class RoundStatus:
    """Where a round stands on a date: what ``civicgrants round status`` prints.

    Attributes
    ----------
    round : str
        The round's id.
    title : str
        Its title.
    on : datetime.date or None
        The date asked about (``None``: nothing is overdue without a date).
    funnel : tuple of FunnelStage
        The stages of `STAGES`, in order.
    awarded, disbursed, spent, refunded : Money
        The money of the round's agreements (re-grants excluded: their money is
        their parents'). A terminated agreement's awarded money is what it
        disbursed less its refund.
    execution_rate : Decimal or None
        ``spent / awarded × 100``, rounded half-up to 0.01; ``None`` when nothing
        is awarded.
    localities : tuple of LocalityRow
        Per locality, by id.
    overdue : tuple of Overdue
        What is late on ``on``, oldest first.
    synthetic : tuple of str
        The parts of the round that are synthetic.
    vote_rule : str or None
        When the residents' vote decided what is funded, the rule that counted
        it (``greedy``, ``mes``, ``mes/add1`` …); ``None`` when the commission
        did.

    Examples
    --------
    >>> from civicgrants.datasets.example_round import example_round
    >>> status = round_status(example_round())
    >>> [s.key for s in status.funnel][:4]
    ['applications', 'eligible', 'scored', 'funded']

    See Also
    --------
    round_status : builds it.
    civicgrants.io.views.round : prints it.
    """

    round: str
    title: str
    on: dt.date | None
    funnel: tuple[FunnelStage, ...]
    awarded: Money
    disbursed: Money
    spent: Money
    refunded: Money
    execution_rate: Decimal | None
    localities: tuple[LocalityRow, ...]
    overdue: tuple[Overdue, ...]
    synthetic: tuple[str, ...]
    vote_rule: str | None = None

    def stage(self, key: str) -> FunnelStage:
        """One stage of the funnel.

        Parameters
        ----------
        key : str
            One of `STAGES`.

        Returns
        -------
        FunnelStage
            The stage.

        Raises
        ------
        KeyError
            ``key`` is not a stage.

        Examples
        --------
        >>> from civicgrants.datasets.example_round import example_round
        >>> round_status(example_round()).stage("funded").count
        18

        See Also
        --------
        STAGES : the stages.
        """
        for s in self.funnel:
            if s.key == key:
                return s
        raise KeyError(key)


def _per_head(money: Money, population: int | None) -> Money | None:
    if not population:
        return None
    n, d = money.amount.as_integer_ratio()
    return Money(round_half_up(Fraction(n, d * population), 2), money.currency)


def round_status(r: Round, *, on: dt.date | None = None) -> RoundStatus:
    """The funnel, the money, money per head and what is overdue, for a round.

    Parameters
    ----------
    r : Round
        The round.
    on : datetime.date, optional
        The date to judge what is overdue; nothing is overdue without one.

    Returns
    -------
    RoundStatus
        Eligible applications ask no more than the call's maximum grant (and
        their dossier's audit finds no error); scored ones have a score on the
        sheet or are on the residents' ballot; funded ones are what the
        residents' vote selects (counted with ``r.rule``) when the round has
        ballots, else the commission's decision
        (`civicgrants.scoring.decide()`) — with both, the commission's
        scores decided who reached the ballot and the vote decides, as in
        `civicgrants.pb.hybrid`; contracted agreements are signed;
        disbursed ones have been paid; reported ones have a final report;
        closed ones are closed. A terminated agreement counts as awarded only
        what it disbursed less its refund (what the grantee spent): its unpaid
        award is not awarded money any more, in the funnel, the totals, the
        execution rate and the localities alike.

    Examples
    --------
    >>> import datetime as dt
    >>> from civicgrants.datasets.example_round import example_round
    >>> status = round_status(example_round(), on=dt.date(2021, 12, 1))
    >>> [(s.key, s.count) for s in status.funnel]  # doctest: +NORMALIZE_WHITESPACE
    [('applications', 53), ('eligible', 53), ('scored', 53), ('funded', 18),
     ('contracted', 18), ('disbursed', 18), ('reported', 12), ('closed', 12)]
    >>> status.execution_rate
    Decimal('92.44')
    >>> sorted({o.kind for o in status.overdue})
    ['duty', 'report', 'tranche']

    See Also
    --------
    civicgrants.agreement.ledger : one agreement's money.
    civicgrants.round.Round : the round.
    """
    call = r.call
    cur = call.currency
    zero = Money.zero(cur)
    apps = call.applications
    requested = {a.id: Money(a.requested, cur) for a in apps}
    cap = call.max_grant
    refused = {d.id for d in r.applications if isinstance(d, Dossier) and audit(d).has_errors}
    eligible = [
        a.id for a in apps if (cap is None or requested[a.id] <= cap) and a.id not in refused
    ]
    scored_ids = {s.application for s in r.scores.scores} if r.scores is not None else set()
    if r.ballots is not None:
        scored_ids |= set(r.ballots.project_ids)
    scored = [i for i in eligible if i in scored_ids]
    granted = _granted(r, scored)
    main = [a for a in r.agreements if a.parent is None]
    contracted = [a for a in main if a.status is not AgreementStatus.DRAFT and a.signed is not None]
    books = {a.id: ledger(a) for a in main}
    kept = {a.id: _kept(a, books[a.id].disbursed, books[a.id].refunded) for a in main}
    disbursed = [a for a in contracted if books[a.id].disbursed.amount > 0]
    filed = {report.agreement.number for report in r.reports}
    reported = [a for a in contracted if a.number in filed]
    closed = [a for a in contracted if a.status is AgreementStatus.CLOSED]

    def total(items: list[Money]) -> Money:
        return Money.sum(items, currency=cur)

    funnel = (
        FunnelStage("applications", len(apps), total(list(requested.values()))),
        FunnelStage("eligible", len(eligible), total([requested[i] for i in eligible])),
        FunnelStage("scored", len(scored), total([requested[i] for i in scored])),
        FunnelStage("funded", len(granted), total(list(granted.values()))),
        FunnelStage("contracted", len(contracted), total([kept[a.id] for a in contracted])),
        FunnelStage("disbursed", len(disbursed), total([books[a.id].disbursed for a in disbursed])),
        FunnelStage("reported", len(reported), total([kept[a.id] for a in reported])),
        FunnelStage("closed", len(closed), total([books[a.id].spent for a in closed])),
    )
    awarded = total([kept[a.id] for a in contracted])
    spent = total([books[a.id].spent for a in contracted])
    rate = None
    if awarded.amount:
        n1, d1 = spent.amount.as_integer_ratio()
        n2, d2 = awarded.amount.as_integer_ratio()
        rate = round_half_up(Fraction(n1 * d2 * 100, d1 * n2), 2)
    return RoundStatus(
        r.id,
        r.title,
        on,
        funnel,
        awarded,
        total([books[a.id].disbursed for a in contracted]),
        spent,
        total([books[a.id].refunded for a in contracted]),
        rate,
        _localities(r, granted, contracted, kept, zero),
        _overdue(r, main, filed, on),
        r.synthetic,
        _vote_rule(r),
    )


def _vote_rule(r: Round) -> str | None:
    if r.ballots is None:
        return None
    return r.rule if r.completion is None else f"{r.rule}/{r.completion}"


def _kept(a: GrantAgreement, disbursed: Money, refunded: Money) -> Money:
    """The money an agreement awards: its award, or for a terminated one disbursed − refund."""
    if a.status is AgreementStatus.TERMINATED:
        return disbursed - refunded
    return a.award


def _granted(r: Round, scored: list[str]) -> dict[str, Money]:
    """The funded applications and their grants: the vote's selection, else the commission's."""
    cur = r.call.currency
    if r.ballots is not None:
        outcome = run_rule(r.ballots, r.rule, completion=r.completion)
        cost = dict(zip(r.ballots.project_ids, r.ballots.costs, strict=True))
        return {p: Money(cost[p], cur) for p in outcome.selected}
    if r.scores is None or not scored:
        return {}
    decision = decide(r.call, r.scores)
    return {e.application: e.granted for e in decision.entries if e.outcome is Verdict.FUNDED}


def _localities(
    r: Round,
    granted: dict[str, Money],
    contracted: list[GrantAgreement],
    kept: dict[str, Money],
    zero: Money,
) -> tuple[LocalityRow, ...]:
    by_app = {a.id: a.locality for a in r.call.applications}
    places = {loc.id: loc for loc in r.programme.localities} if r.programme is not None else {}
    awarded: dict[str, Money] = {}
    if contracted:
        for a in contracted:
            place = by_app.get(a.application or "")
            if place is not None:
                awarded[place] = awarded.get(place, zero) + kept[a.id]
    else:
        for app, money in granted.items():
            awarded[by_app[app]] = awarded.get(by_app[app], zero) + money
    rows = []
    for place in sorted({*by_app.values()}):
        loc = places.get(place)
        apps = [i for i, p in by_app.items() if p == place]
        money = awarded.get(place, zero)
        population = loc.population if loc is not None else None
        rows.append(
            LocalityRow(
                place,
                loc.names.get("en", "ru", "kk") if loc is not None else place,
                population,
                len(apps),
                sum(1 for i in apps if i in granted),
                money,
                _per_head(money, population),
                loc.names if loc is not None else None,
            )
        )
    return tuple(rows)


def season_closure(start: dt.date) -> dt.date:
    """The last day of a season's reporting and closure step: when its duties are due.

    Parameters
    ----------
    start : datetime.date
        The first day of the season (`Round.season_start`).

    Returns
    -------
    datetime.date
        The end of step `CLOSURE_STEP` in the plan of the public-spaces
        methodology from ``start``.

    Raises
    ------
    civicgrants.errors.ScheduleError
        The plan runs past the last representable date.

    Examples
    --------
    >>> season_closure(dt.date(2021, 3, 1))
    datetime.date(2021, 11, 21)

    See Also
    --------
    civicgrants.schedule.plan : the season on dates.
    round_status : lists the duties still promised after it.
    """
    from civicgrants.schedule import plan, public_spaces_methodology

    return plan(public_spaces_methodology(), start).step(CLOSURE_STEP).end


def _overdue(
    r: Round, agreements: list[GrantAgreement], filed: set[str], on: dt.date | None
) -> tuple[Overdue, ...]:
    if on is None:
        return ()
    out: list[Overdue] = []
    for a in agreements:
        for t in overdue(a, on):
            out.append(Overdue("tranche", a.id, t.key, t.due, (on - t.due).days, t.left))
        due = a.end + dt.timedelta(days=r.report_due_days)
        started = a.status in (AgreementStatus.ACTIVE, AgreementStatus.CLOSED)
        if started and a.number not in filed and due < on:
            out.append(Overdue("report", a.id, a.number, due, (on - due).days, None))
    closure: dt.date | None = None
    for m in r.memoranda:
        seen: dict[str, int] = {}
        for d in m.extra_duties:
            kind = d.duty.value
            seen[kind] = seen.get(kind, 0) + 1
            ref = f"{m.id}/{kind}" if seen[kind] == 1 else f"{m.id}/{kind}-{seen[kind]}"
            if d.status is not DutyStatus.PROMISED:
                continue
            deadline = d.due
            if deadline is None and r.season_start is not None:
                closure = closure or season_closure(r.season_start)
                deadline = closure
            if deadline is not None and deadline < on:
                out.append(Overdue("duty", m.id, ref, deadline, (on - deadline).days, None))
    return tuple(sorted(out, key=lambda o: (o.due, o.agreement, o.kind, o.ref)))
