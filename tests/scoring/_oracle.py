"""pabutools (GPL, test-only) as the oracle for residents' votes."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from civicgrants.scoring.vote import Election

SAT_CLASSES = {
    "cost": "Cost_Sat",
    "cardinality": "Cardinality_Sat",
    "points": "Additive_Cardinal_Sat",
    "borda": "Additive_Borda_Sat",
}


def to_pabutools(e: Election) -> tuple[Any, Any]:
    """Build pabutools' instance and profile directly (no text round trip)."""
    from pabutools.election import (
        ApprovalBallot,
        ApprovalProfile,
        CumulativeBallot,
        CumulativeProfile,
        Instance,
        OrdinalBallot,
        OrdinalProfile,
        Project,
    )

    projects = [Project(p, Fraction(c)) for p, c in zip(e.project_ids, e.costs, strict=True)]
    inst = Instance(projects, budget_limit=Fraction(e.budget))
    ballots: list[Any] = []
    for v in range(e.n_voters):
        lo, hi = int(e.indptr[v]), int(e.indptr[v + 1])
        chosen = [projects[int(i)] for i in e.indices[lo:hi]]
        if e.vote_type == "approval":
            ballots.append(ApprovalBallot(chosen))
        elif e.vote_type == "cumulative":
            assert e.points is not None
            ballots.append(
                CumulativeBallot({p: int(x) for p, x in zip(chosen, e.points[lo:hi], strict=True)})
            )
        else:
            ballots.append(OrdinalBallot(chosen))
    profile: Any
    if e.vote_type == "approval":
        profile = ApprovalProfile(ballots)
    elif e.vote_type == "cumulative":
        profile = CumulativeProfile(ballots)
    else:
        profile = OrdinalProfile(ballots)
    return inst, profile


def pabutools_select(
    inst: Any, profile: Any, rule: str, sat: str, completion: str | None = None
) -> tuple[str, ...]:
    """pabutools' selection (names, in selection order) for our rule/sat/completion names."""
    import pabutools.election as pe
    from pabutools.rules import (
        completion_by_rule_combination,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    sat_class = getattr(pe, SAT_CLASSES[sat])
    if rule == "greedy":
        out = greedy_utilitarian_welfare(inst, profile, sat_class=sat_class)
    elif completion is None:
        out = method_of_equal_shares(inst, profile, sat_class=sat_class)
    elif completion == "add1":
        out = method_of_equal_shares(inst, profile, sat_class=sat_class, voter_budget_increment=1)
    else:
        mes_params: dict[str, Any] = {"sat_class": sat_class}
        if completion == "add1_utilitarian":
            mes_params["voter_budget_increment"] = 1
        out = completion_by_rule_combination(
            inst,
            profile,
            [method_of_equal_shares, greedy_utilitarian_welfare],
            [mes_params, {"sat_class": sat_class}],
        )
    return tuple(p.name for p in out)
