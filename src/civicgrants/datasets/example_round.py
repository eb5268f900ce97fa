"""An example round on the public-spaces programme, SYNTHETIC where the seeds publish nothing.

The programme (its localities and their populations) is the embedded
Qoğamdyq Keñıstıkter programme (`civicgrants.datasets.public_spaces()`). The
call and the commission's scores are the seeded synthetic Stage II round
(`civicgrants.datasets.synthetic_round`: real scores were never published).
The agreements, their tranches, payments, spending and refunds, and the final
reports are synthetic too: made here, deterministically, for the 18 funded
applications, so that every command of the README has files to run on. So are
the season's memoranda with the akimats of the four localities and the duties
they promise for the objects' upkeep, some reported carried out and some not
(the brochure prints duties only for the programme as a whole, and no
follow-up). Their ids carry ``SYN`` and the round lists them in
`Round.synthetic`.

Examples
--------
>>> r = example_round()
>>> len(r.applications), len(r.agreements), len(r.reports), len(r.memoranda)
(53, 18, 12, 4)
>>> r.synthetic
('applications', 'scores', 'agreements', 'reports', 'memoranda')
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from civicgrants.agreement.ledger import close, disburse, sign, spend
from civicgrants.agreement.model import Decision, DecisionKind, GrantAgreement, Tranche
from civicgrants.budget.execution import Actual
from civicgrants.budget.model import Source
from civicgrants.dossier.report import Agreement, FinalReport, Finances, Spending
from civicgrants.indicators.report import Report, ReportRow
from civicgrants.model.application import Application
from civicgrants.model.lifecycle import ApplicationStatus, DutyStatus
from civicgrants.model.memorandum import Duty, ExtraDuty, HolderKind, Memorandum
from civicgrants.model.money import Money, allocate
from civicgrants.model.names import Names
from civicgrants.round.model import Round
from civicgrants.scoring.commission import decide
from civicgrants.scoring.decision import Verdict

__all__ = ["SEASON_START", "example_round"]

SEASON_START = dt.date(2021, 3, 1)
"""The first day of the example season (the memorandum with the akimat, step 1)."""

_SIGNED = dt.date(2021, 6, 1)
_START, _END = dt.date(2021, 6, 1), dt.date(2021, 10, 31)


def _agreement(n: int, application: str, grant: Money, call: str) -> GrantAgreement:
    first, second = allocate(grant, [3, 2]).parts
    a = GrantAgreement(
        f"SYN-GA-{n:02d}",
        f"SYN-{n:02d}",
        "Foundation (synthetic)",
        f"Initiative group of {application}",
        Decision(DecisionKind.COMMISSION, call, dt.date(2021, 5, 20)),
        grant,
        _START,
        _END,
        tranches=(
            Tranche("t1", dt.date(2021, 6, 5), first),
            Tranche("t2", dt.date(2021, 8, 16), second, "interim report accepted"),
        ),
        conditions=("the akimat takes the object onto its balance",),
        application=application,
    )
    a = disburse(sign(a, _SIGNED), "t1", dt.date(2021, 6, 4))
    a = spend(a, [Actual("works", Source.GRANT, Money(first.amount * Decimal("0.9")).rounded())])
    if n % 6 == 0:  # 3 of 18: the second tranche is late
        return a
    a = disburse(a, "t2", dt.date(2021, 8, 16 + n % 5))
    left = a.disbursed() - a.spent()
    used = Money(left.amount * Decimal(97 + n % 3) / 100).rounded()
    a = spend(a, [Actual("materials", Source.GRANT, used)])
    if n % 6 in (1, 2, 3, 4) and n <= 16:
        a = close(a, dt.date(2021, 11, 10 + n % 7))
    return a


_MEMO_SOURCE = "synthetic: the seeds publish no memorandum of this season or its follow-up"

_DUTIES: dict[str, tuple[tuple[Duty, DutyStatus, dt.date | None], ...]] = {
    "bautino": (
        (Duty.WATERING, DutyStatus.REPORTED_DONE, None),
        (Duty.LIGHTING, DutyStatus.CONFIRMED, None),
    ),
    "borankul": (
        (Duty.WATERING, DutyStatus.REPORTED_DONE, None),
        (Duty.GUARDING, DutyStatus.PROMISED, None),
    ),
    "fort-shevchenko": (
        (Duty.MAINTENANCE, DutyStatus.REPORTED_DONE, None),
        (Duty.CLEANING, DutyStatus.PROMISED, dt.date(2022, 5, 31)),
    ),
    "kuryk": (
        (Duty.WATERING, DutyStatus.PROMISED, None),
        (Duty.LIGHTING, DutyStatus.REPORTED_DONE, None),
    ),
}
"""The synthetic duties per locality: what, how far followed up, and an own due date if any."""


def _memoranda(places: list[str]) -> tuple[Memorandum, ...]:
    return tuple(
        Memorandum(
            f"SYN-MEM-{place}",
            localities=(place,),
            signed=SEASON_START,
            land_plot=True,
            material_help=True,
            monitoring=True,
            balance_takeover=True,
            extra_duties=tuple(
                ExtraDuty(
                    duty,
                    party="the akimat (synthetic)",
                    holder_kind=HolderKind.AKIMAT,
                    status=status,
                    source=_MEMO_SOURCE,
                    due=due,
                )
                for duty, status, due in _DUTIES[place]
            ),
            programme="public-spaces",
            source=_MEMO_SOURCE,
        )
        for place in places
    )


def _report(a: GrantAgreement, planned: int) -> FinalReport:
    achieved = planned + (int(a.number[-2:]) % 5) * 3
    row = ReportRow("participants", "Task 1", None, "residents taking part", "persons",
                    planned=Decimal(planned), achieved=Decimal(achieved), comparator="at_least")  # fmt: skip
    lines = tuple(Spending(s.code, s.code, s.code, s.amount) for s in a.spending)
    return FinalReport(
        Agreement(a.number, a.award, a.grantee, signed=a.signed, application=a.application),
        Report(
            f"report-{a.number}",
            f"Final report, agreement {a.number} (synthetic)",
            f"{_START}/{_END}",
            rows=(row,),
            deviation_note="more residents came",
        ),
        finances=Finances(lines, refunded=a.refund.amount if a.refund is not None else None),
    )


@functools.cache
def example_round() -> Round:
    """The example round: real localities, synthetic call, scores, agreements, reports, memoranda.

    Returns
    -------
    Round
        ``example-round``: 53 applications, 18 funded and contracted, 12 closed
        with their final reports, and a memorandum per locality whose duties
        are partly still only promised; cached.

    Examples
    --------
    >>> example_round().call.id
    'SYN-II-mangistau'

    See Also
    --------
    civicgrants.round.round_status : where it stands.
    civicgrants.io.workspace.dump_round : writes it as a folder (``civicgrants round init``).
    """
    from civicgrants.datasets import public_spaces
    from civicgrants.datasets.synthetic_round import synthetic_round

    call, sheet = synthetic_round()
    decision = decide(call, sheet)
    funded = [e for e in decision.entries if e.outcome is Verdict.FUNDED]
    agreements = tuple(
        _agreement(n, e.application, e.granted, call.id) for n, e in enumerate(funded, 1)
    )
    reports = tuple(
        _report(a, 30 + 5 * (n % 4)) for n, a in enumerate(agreements, 1) if a.refund is not None
    )
    funded_ids = {e.application for e in funded}
    applications = tuple(
        Application(
            a.id,
            call.id,
            a.locality,
            Money(a.requested, call.currency),
            title=Names(en=a.title) if a.title else None,
            status=ApplicationStatus.FUNDED if a.id in funded_ids else ApplicationStatus.REJECTED,
        )
        for a in call.applications
    )
    return Round(
        "example-round",
        "Stage II, Mangistau (synthetic call, scores, agreements, reports and memoranda)",
        call,
        programme=public_spaces(),
        scores=sheet,
        agreements=agreements,
        reports=reports,
        season_start=SEASON_START,
        synthetic=("applications", "scores", "agreements", "reports", "memoranda"),
        applications=applications,
        memoranda=_memoranda(sorted({a.locality for a in call.applications})),
    )
