"""A SYNTHETIC, seeded commission round: Stage II in Mangistau (real scores were never published).

The localities are the real Stage II Mangistau ones (Bautino, Borankul,
Fort-Shevchenko, Kuryk); everything else — the 53 applications (the brochure
prints 50 applications and 18 grants), the requests, the contributions, the
members' scores — is drawn from ``numpy.random.default_rng(seed)``. The pot
is set so that exactly 18 applications are funded. Ids carry ``SYN`` so the
data cannot be mistaken for real records.

Examples
--------
>>> call, sheet = synthetic_round()
>>> len(call.applications), len(call.members), len(sheet.scores) > 0
(53, 4, True)
"""

from __future__ import annotations

from decimal import Decimal

from civicgrants.model.money import Money
from civicgrants.model.names import Names
from civicgrants.model.programme import (
    Call,
    CallApplication,
    Criterion,
    Direction,
    Member,
    Seat,
)
from civicgrants.scoring.sheet import Score, ScoreSheet

__all__ = ["CRITERIA", "synthetic_round"]

CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "relevance",
        Direction.HIGHER_IS_BETTER,
        Names(
            ru="обоснование актуальности",
            kk="өзектілігін негіздеу",
            en="justification of relevance",
        ),
    ),
    Criterion(
        "budget",
        Direction.HIGHER_IS_BETTER,
        Names(ru="реалистичный бюджет", kk="шынайы бюджет", en="realistic budget"),
    ),
    Criterion(
        "contribution",
        Direction.HIGHER_IS_BETTER,
        Names(
            ru="ожидаемый вклад сообщества",
            kk="қоғамдастықтың күтілетін үлесі",
            en="expected community contribution",
        ),
    ),
    Criterion(
        "sustainability",
        Direction.HIGHER_IS_BETTER,
        Names(
            ru="перспективы устойчивости",
            kk="тұрақтылық перспективалары",
            en="sustainability prospects",
        ),
    ),
)
"""The four criteria of the methodology (§2.3), with the defaults: scale 0–10, step 1, weight 1."""

_FUNDED = 18
_LOCALITIES = ("bautino", "borankul", "fort-shevchenko", "kuryk")


def synthetic_round(seed: int = 2019) -> tuple[Call, ScoreSheet]:
    """The synthetic Stage II Mangistau round: a call and its score sheet (deterministic).

    53 applications from the four real Stage II Mangistau localities, scored on
    `CRITERIA` by four members (one per seat); a member never scores an
    application from their own locality (``recuse_same_locality``), and about 3 %
    of the sustainability scores are left not applicable. The pot is the sum of
    the 18 best-ranked grants, so exactly 18 applications are funded.

    Parameters
    ----------
    seed : int, optional
        Seeds ``numpy.random.default_rng``; the call keeps it as ``seed``.
        The same seed gives the same round; 2019 by default.

    Returns
    -------
    call : Call
        The call ``"SYN-II-mangistau"`` (stage ``"II"``, region ``"mangistau"``,
        maximum grant 3 000 000 KZT), its pot set as above.
    sheet : ScoreSheet
        Every member's scores, with ``source`` ``"synthetic"``.

    Examples
    --------
    >>> from civicgrants.scoring.commission import decide
    >>> call, sheet = synthetic_round()
    >>> call.id, call.seed, sheet.source
    ('SYN-II-mangistau', 2019, 'synthetic')
    >>> print(call.pot)
    36100000.00 KZT
    >>> len(decide(call, sheet).funded)
    18
    >>> synthetic_round()[0] == call
    True

    See Also
    --------
    CRITERIA : the four criteria it scores on.
    civicgrants.scoring.commission.decide : the commission's decision on the round.
    civicgrants.scoring.review : the decision with its sensitivity, as in ``civicgrants demo``.
    civicgrants.datasets.public_spaces : the programme whose Stage II it imitates.
    """
    import numpy as np

    from civicgrants.datasets import public_spaces
    from civicgrants.scoring.commission import decide

    p = public_spaces()
    stage = next(s for s in p.stages if s.id == "II")
    window = next(w for w in stage.windows if w.region == "mangistau")
    localities = tuple(window.localities)
    assert set(localities) == set(_LOCALITIES)
    rng = np.random.default_rng(seed)
    members = (
        Member("SYN-M1", "tupkaragan-akimat", "fort-shevchenko", Seat.DISTRICT_AKIMAT),
        Member("SYN-M2", "kuryk-akimat", "kuryk", Seat.VILLAGE_AKIM),
        Member("SYN-M3", "donor", None, Seat.DONOR),
        Member("SYN-M4", "implementer", None, Seat.IMPLEMENTER),
    )
    apps = []
    for i in range(53):
        loc = localities[int(rng.integers(len(localities)))]
        requested = int(rng.integers(20, 61)) * 50_000  # 1.0–3.0 million tenge
        contribution = int(rng.integers(0, 21)) * 25_000
        apps.append(
            CallApplication(
                f"SYN-II-MAN-{i + 1:02d}",
                loc,
                Decimal(requested),
                contribution=Decimal(contribution),
                title=f"synthetic application {i + 1}",
            )
        )
    quality = rng.normal(6.0, 1.5, size=(53, 4))
    severity = rng.normal(0.0, 0.7, size=4)
    scores = []
    for i, a in enumerate(apps):
        for j, m in enumerate(members):
            if m.locality == a.locality:
                continue  # recused: same locality
            for k, c in enumerate(CRITERIA):
                raw = quality[i, k] + severity[j] + rng.normal(0.0, 1.0)
                value = int(min(10, max(0, round(raw))))
                na = c.key == "sustainability" and rng.random() < 0.03
                scores.append(Score(a.id, m.id, c.key, None if na else Decimal(value)))
    base = Call(
        "SYN-II-mangistau",
        Names(
            ru="СИНТЕТИЧЕСКИЙ конкурс: этап II, Мангистау",
            kk="СИНТЕТИКАЛЫҚ конкурс: II кезең, Маңғыстау",
            en="SYNTHETIC call: Stage II, Mangistau",
        ),
        stage="II",
        region="mangistau",
        pot=Money(100_000_000),
        max_grant=Money(3_000_000),
        criteria=CRITERIA,
        members=members,
        applications=tuple(apps),
        recuse_same_locality=True,
        seed=seed,
    )
    sheet = ScoreSheet(tuple(scores), source="synthetic")
    ranked = decide(base, sheet).entries
    pot = sum((e.grant for e in ranked[:_FUNDED]), Money(0))
    import attrs

    return attrs.evolve(base, pot=pot), sheet
