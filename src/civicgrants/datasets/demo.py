"""The walkthrough behind ``civicgrants demo``: one cycle of the embedded programme.

:func:`demo` makes the same library calls a user would, on the data that ships,
and returns them as a :class:`~civicgrants.model.walkthrough.Walkthrough`;
``civicgrants.io.render.text(demo())`` is what ``civicgrants demo`` prints.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from civicgrants.model.walkthrough import Step, Walkthrough

if TYPE_CHECKING:
    from civicgrants.pb import Election

__all__ = ["DEMO_VOTE_FILE", "ROUND_DATE", "SCORING_DRAWS", "demo", "demo_election"]

DEMO_VOTE_FILE = "poland_warszawa_2018_zerzen.pb"
"""The real pabulib election that ships for the demo's residents' vote."""

SCORING_DRAWS = 2000
"""Monte Carlo draws of the demo's funding-line sensitivity."""

ROUND_DATE = dt.date(2021, 12, 1)
"""The date the demo asks the example round what is overdue."""


def demo_election() -> Election:
    """The shipped pabulib election of the demo (Warszawa 2018, Zerzeń).

    Returns
    -------
    Election
        The election read from :data:`DEMO_VOTE_FILE`, named after the file.

    Examples
    --------
    >>> e = demo_election()
    >>> e.n_voters, e.n_projects
    (678, 6)

    See Also
    --------
    demo : the walkthrough whose ``vote`` step compares rules on it.
    civicgrants.io.pabulib.loads_pb : how the shipped file is read.
    civicgrants.pb.compare : greedy against equal shares on an election.
    """
    from importlib.resources import files

    from civicgrants.io.pabulib import loads_pb

    data = files("civicgrants.datasets").joinpath(DEMO_VOTE_FILE).read_bytes()
    return loads_pb(data, name=DEMO_VOTE_FILE)


def demo(*, lang: str = "en") -> Walkthrough:
    """One cycle of the embedded programme, step by step, as typed results.

    The steps: the programme itself (``programme``); the season's calendar
    (``schedule``: a :class:`~civicgrants.schedule.Plan` of Stage III); the audit of
    seed 001's cost estimate (``budget``) and the programme's community contribution
    (``contribution``); a synthetic, seeded commission round (``scoring``: a
    :class:`~civicgrants.scoring.Review`); a residents' vote on a real pabulib file
    (``vote``: greedy against equal shares); the published figures rolled up from
    their parts (``indicators``) and the audit of seed 002's final report
    (``report``); the example round from decision to delivery (``round``: its
    status on :data:`ROUND_DATE`, synthetic agreements and reports labelled).

    Parameters
    ----------
    lang : {"en", "ru", "kk"}
        The language its text is shown in.

    Returns
    -------
    Walkthrough
        The walkthrough ``"demo"``, its nine steps in the order above.

    Examples
    --------
    >>> w = demo()
    >>> [s.key for s in w.steps]
    ['programme', 'schedule', 'budget', 'contribution', 'scoring', 'vote', 'indicators', 'report', 'round']

    See Also
    --------
    civicgrants.io.render.text : the walkthrough as ``civicgrants demo`` prints it.
    demo_election : the election behind the ``vote`` step.
    civicgrants.datasets.synthetic_round.synthetic_round : the round behind ``scoring``.
    """
    from civicgrants.budget import check
    from civicgrants.datasets import public_spaces, seed_001_budget
    from civicgrants.datasets.example_round import example_round
    from civicgrants.datasets.seed_002_report import seed_002_final_report
    from civicgrants.datasets.synthetic_round import synthetic_round
    from civicgrants.dossier import check_final_report
    from civicgrants.indicators import programme_status
    from civicgrants.pb import compare
    from civicgrants.round import round_status
    from civicgrants.schedule import plan, public_spaces_methodology
    from civicgrants.scoring import review

    programme = public_spaces()
    stage = programme.stages[-1]
    call, sheet = synthetic_round()
    steps = (
        Step("programme", programme),
        Step("schedule", plan(public_spaces_methodology(), stage.start)),
        Step("budget", check(seed_001_budget(), participants={"3.5": 240})),
        Step("contribution", programme),
        Step("scoring", review(call, sheet, draws=SCORING_DRAWS)),
        Step("vote", compare(demo_election()), source=DEMO_VOTE_FILE),
        Step("indicators", programme_status(programme)),
        Step("report", check_final_report(seed_002_final_report())),
        Step("round", round_status(example_round(), on=ROUND_DATE)),
    )
    return Walkthrough("demo", steps, lang=lang)
