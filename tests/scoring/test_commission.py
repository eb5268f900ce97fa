"""The commission pipeline: recusals, bad rows, aggregation, calibration, ranking, properties."""

from __future__ import annotations

import itertools
import random
from decimal import Decimal as D  # noqa: N817
from fractions import Fraction as F  # noqa: N817

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.errors import ValidationError
from civicgrants.model.money import Money
from civicgrants.model.programme import (
    Aggregation,
    Calibration,
    Call,
    CallApplication,
    Conflict,
    Criterion,
    Direction,
    Member,
)
from civicgrants.scoring import Score, ScoreSheet, Verdict, decide, score_array
from civicgrants.testing.scoring import scored_calls

R = Criterion("r", Direction.HIGHER_IS_BETTER)
B = Criterion("b", Direction.HIGHER_IS_BETTER)


def _call(**kw: object) -> Call:
    base: dict[str, object] = {
        "id": "c",
        "pot": Money(100),
        "criteria": (R, B),
        "members": (Member("m1", locality="x"), Member("m2"), Member("m3")),
        "applications": (
            CallApplication("a1", "x", D(40)),
            CallApplication("a2", "y", D(40)),
            CallApplication("a3", "y", D(40)),
        ),
    }
    base.update(kw)
    return Call(**base)  # type: ignore[arg-type]


def _sheet(rows: dict[tuple[str, str], tuple[int | None, int | None]]) -> ScoreSheet:
    out = []
    for (a, m), (r, b) in rows.items():
        out.append(Score(a, m, "r", None if r is None else D(r)))
        out.append(Score(a, m, "b", None if b is None else D(b)))
    return ScoreSheet(tuple(out))


FULL = {
    (a, m): v
    for a, vals in {"a1": (8, 6), "a2": (7, 7), "a3": (5, 5)}.items()
    for m, v in (("m1", vals), ("m2", vals), ("m3", vals))
}


def test_totals_ranks_and_funding() -> None:
    d = decide(_call(), _sheet(FULL))
    assert [(e.application, e.rank) for e in d.entries] == [("a1", 1), ("a2", 2), ("a3", 3)]
    assert d.entry("a1").total == F(70)
    assert d.entry("a2").separated_by == "criterion:r"  # tie at 70 broken by r
    assert [e.outcome for e in d.entries] == [Verdict.FUNDED, Verdict.FUNDED, Verdict.NOT_FUNDED]
    assert d.funded_total == Money(80)
    assert d.funding_line.first_not_funded == "a3"
    assert "does not fit the remaining 20.00 KZT" in d.entry("a3").reason


def test_recused_score_is_a_located_error_and_recusal_recorded() -> None:
    call = _call(recuse_same_locality=True)
    with pytest.raises(
        ValidationError,
        match=r"rows\[0\]\.member: 'm1' is recused from 'a1' \(same locality \(x\)\)",
    ):
        decide(call, _sheet(FULL))
    rows = {k: v for k, v in FULL.items() if k != ("a1", "m1")}
    d = decide(call, _sheet(rows))
    assert [(r.member, r.application, r.reason) for r in d.recusals] == [
        ("m1", "a1", "same locality (x)")
    ]
    assert d.entry("a1").recused == ("m1",)
    assert d.entry("a1").criteria[0].counted == ("m2", "m3")


def test_declared_conflict_is_recorded_with_reason() -> None:
    call = _call(conflicts=(Conflict("m2", "a3", "brother-in-law"),))
    rows = {k: v for k, v in FULL.items() if k != ("a3", "m2")}
    d = decide(call, _sheet(rows))
    assert d.recusals[0].reason == "declared conflict: brother-in-law"


def test_bad_rows_are_all_reported_with_locations() -> None:
    rows = (
        Score("a9", "m1", "r", D(5)),
        Score("a1", "m9", "r", D(5)),
        Score("a1", "m1", "zz", D(5)),
        Score("a1", "m2", "r", D(12)),
        Score("a1", "m2", "b", D("2.5")),
        Score("a1", "m3", "r", D(5), D(0)),
        Score("a1", "m3", "r", D(6)),
    )
    with pytest.raises(ValidationError) as err:
        decide(_call(), ScoreSheet(rows))
    assert [str(p) for p in err.value.problems] == [
        "rows[0].application: unknown application 'a9'",
        "rows[1].member: unknown member 'm9'",
        "rows[2].criterion: unknown criterion 'zz'",
        "rows[3].score: must be between 0 and 10, got 12",
        "rows[4].score: must be 0 plus a multiple of the step 1, got 2.5",
        "rows[5].confidence: must be > 0 and <= 1, got 0",
        "rows[6].criterion: duplicates rows[5] (one score per application, member and criterion)",
    ]


def test_sheet_from_csv_is_located_by_file_and_line() -> None:
    sheet = ScoreSheet((Score("a1", "m1", "r", D(12), line=7),), source="scores.csv")
    with pytest.raises(
        ValidationError, match=r"^scores\.csv:7: score: must be between 0 and 10, got 12$"
    ):
        decide(_call(), sheet)


def test_not_applicable_scores_are_dropped() -> None:
    rows = dict(FULL)
    rows[("a3", "m1")] = (None, 5)
    rows[("a3", "m2")] = (10, 5)
    d = decide(_call(), _sheet(rows))
    r = d.entry("a3").criteria[0]
    assert r.not_applicable == ("m1",) and r.counted == ("m2", "m3")
    assert r.aggregate == F(15, 2)


def test_no_usable_score_is_below_threshold() -> None:
    rows = {k: v for k, v in FULL.items() if k[0] != "a2"}
    rows[("a2", "m1")] = (None, 9)
    d = decide(_call(), _sheet(rows))
    e = d.entry("a2")
    assert e.outcome is Verdict.BELOW_THRESHOLD and e.rank is None
    assert e.reason == "no usable score on r"
    assert d.entries[-1].application == "a2"


def test_thresholds_are_direction_aware() -> None:
    low = Criterion("b", Direction.LOWER_IS_BETTER, threshold=D(6))
    d = decide(_call(criteria=(R, low), overall_threshold=D(50)), _sheet(FULL))
    assert d.entry("a2").outcome is Verdict.BELOW_THRESHOLD
    assert d.entry("a2").reason == "b 7.00 > threshold 6"
    assert d.entry("a3").total == F(50) and d.entry("a3").rank == 2
    d = decide(_call(criteria=(R, low), overall_threshold=D(55)), _sheet(FULL))
    assert d.entry("a3").reason == "total 50.00 < overall threshold 55"
    assert [e.rank for e in d.entries] == [1, None, None]


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (Aggregation.MEAN, F(13, 3)),
        (Aggregation.MEDIAN, F(2)),
        (Aggregation.TRIMMED_MEAN, F(2)),
        (Aggregation.CONFIDENCE_MEAN, F(1 * 1 + 2 * 1 + 10 * F(1, 2)) / F(5, 2)),
    ],
)
def test_aggregation_methods(method: Aggregation, expected: F) -> None:
    call = _call(aggregation=method, trim=D("0.34"))
    rows = [
        Score("a1", "m1", "r", D(1)),
        Score("a1", "m2", "r", D(2)),
        Score("a1", "m3", "r", D(10), D("0.5")),
        *(Score("a1", m, "b", D(1)) for m in ("m1", "m2", "m3")),
    ]
    d = decide(call, ScoreSheet(tuple(rows)))
    assert d.entry("a1").criteria[0].aggregate == expected


def _many(n_apps: int) -> tuple[Call, ScoreSheet]:
    apps = tuple(CallApplication(f"a{i}", "y", D(10)) for i in range(n_apps))
    rng = random.Random(1)
    rows = tuple(
        Score(a.id, m, c, D(rng.randint(0, 10)))
        for a in apps
        for m in ("m1", "m2")
        for c in ("r", "b")
    )
    call = _call(
        applications=apps, members=(Member("m1"), Member("m2")), calibration=Calibration.RESCALED
    )
    return call, ScoreSheet(rows)


def test_calibration_applied_only_when_every_member_scored_enough() -> None:
    call, sheet = _many(5)
    d = decide(call, sheet)
    assert d.calibration.applied
    assert all(0 <= (r.aggregate or 0) <= 10 for e in d.entries for r in e.criteria)
    few = ScoreSheet(
        tuple(s for s in sheet.scores if not (s.member == "m2" and s.application == "a0"))
    )
    d2 = decide(call, few)
    assert not d2.calibration.applied
    assert "member m2 scored 4 application(s) on r" in d2.calibration.reason
    z = decide(attrs.evolve(call, calibration=Calibration.ZSCORE), sheet)
    assert z.calibration.applied and z.calibration.method is Calibration.ZSCORE


def test_rescaled_calibration_maps_each_member_to_the_full_scale() -> None:
    call, sheet = _many(5)
    d = decide(call, sheet)
    # with two members, every aggregate is the mean of two rescaled values
    m1 = {s.application: s.score for s in sheet.scores if s.member == "m1" and s.criterion == "r"}
    lo, hi = min(m1.values()), max(m1.values())  # type: ignore[type-var]
    best = max(m1, key=lambda a: m1[a])  # type: ignore[arg-type,return-value]
    assert lo != hi and d.entry(best).criteria[0].aggregate is not None


def test_lot_is_drawn_from_the_seed_and_recorded() -> None:
    apps = tuple(CallApplication(f"a{i}", "y", D(10)) for i in range(4))
    rows = tuple(Score(a.id, "m2", c, D(5)) for a in apps for c in ("r", "b"))
    call = _call(applications=apps, seed=7)
    d = decide(call, ScoreSheet(rows))
    (tie,) = d.ties
    (lot,) = tie.lots
    import numpy as np

    perm = tuple(int(i) for i in np.random.default_rng(7).permutation(4))
    assert lot.permutation == perm and lot.seed == 7
    assert tie.applications == tuple(f"a{p}" for p in perm)
    assert tie.steps == ("lot", "lot", "lot")


def test_contribution_share_breaks_ties_before_the_lot() -> None:
    apps = (
        CallApplication("a1", "y", D(10), contribution=D(1)),
        CallApplication("a2", "y", D(10), contribution=D(5)),
    )
    rows = tuple(Score(a.id, "m2", c, D(5)) for a in apps for c in ("r", "b"))
    d = decide(_call(applications=apps), ScoreSheet(rows))
    assert [e.application for e in d.entries] == ["a2", "a1"]
    assert d.entry("a1").separated_by == "contribution_share"


def test_score_array_shape_and_nans() -> None:
    import numpy as np

    rows = dict(FULL)
    rows[("a3", "m1")] = (None, 5)
    s, c = score_array(_call(), _sheet(rows))
    assert s.shape == (3, 3, 2) and np.isnan(s[2, 0, 0]) and s[0, 0, 0] == 8.0
    assert c[0, 0, 0] == 1.0 and np.isnan(c[2, 0, 0])


def test_decide_needs_a_pot() -> None:
    with pytest.raises(ValidationError, match="pot: a call must have a pot"):
        decide(_call(pot=None), _sheet(FULL))


# -- properties ----------------------------------------------------------------------------
SET = settings(max_examples=60, deadline=None)


@SET
@given(scored_calls())
def test_funded_total_never_exceeds_the_pot(pair: tuple[Call, ScoreSheet]) -> None:
    call, sheet = pair
    d = decide(call, sheet)
    assert call.pot is not None
    assert d.funded_total <= call.pot
    assert d.funded_total == Money.sum((e.granted for e in d.entries), call.currency)
    assert all(e.granted <= e.grant for e in d.entries)


@SET
@given(scored_calls(), st.randoms(use_true_random=False))
def test_permuting_rows_changes_nothing(pair: tuple[Call, ScoreSheet], rnd: random.Random) -> None:
    call, sheet = pair
    rows = list(sheet.scores)
    rnd.shuffle(rows)
    assert decide(call, ScoreSheet(tuple(rows))) == decide(call, sheet)


@SET
@given(scored_calls(max_members=3), st.data())
def test_recused_members_scores_never_change_a_result(
    pair: tuple[Call, ScoreSheet], data: st.DataObject
) -> None:
    """A conflict declared for m0: its scores on that application are refused; removing them and
    declaring the conflict gives the same result as never having them with the conflict."""
    call, sheet = pair
    app = data.draw(st.sampled_from([a.id for a in call.applications]))
    member = call.members[0].id
    conflicted = attrs.evolve(call, conflicts=(Conflict(member, app, "declared"),))
    kept = tuple(s for s in sheet.scores if not (s.member == member and s.application == app))
    base = decide(conflicted, ScoreSheet(kept))
    offending = [s for s in sheet.scores if s.member == member and s.application == app]
    if offending:
        with pytest.raises(ValidationError, match="is recused from"):
            decide(conflicted, sheet)
    # whatever the recused member would have given, the result is the same
    fake = tuple(attrs.evolve(s, score=D(0)) for s in offending)
    for s in fake:
        with pytest.raises(ValidationError):
            decide(conflicted, ScoreSheet((*kept, s)))
    assert base.entry(app).recused[:1] == (member,)
    assert all(member not in r.counted for r in base.entry(app).criteria)


@SET
@given(scored_calls(max_members=3), st.data())
def test_a_recusal_only_removes_the_members_scores(
    pair: tuple[Call, ScoreSheet], data: st.DataObject
) -> None:
    """Recusing m0 from an application gives the same totals, ranks, decisions and grants as
    if m0 had simply not scored it: the rest are re-normalised, nothing else moves; and the
    vectorised evaluators never see (nor propose changing) the recused cells."""
    from civicgrants.scoring.robustness import sensitivity, to_panel

    call, sheet = pair
    app = data.draw(st.sampled_from([a.id for a in call.applications]))
    member = call.members[0].id
    kept = ScoreSheet(
        tuple(s for s in sheet.scores if not (s.member == member and s.application == app))
    )
    conflicted = attrs.evolve(call, conflicts=(Conflict(member, app, "declared"),))
    with_recusal, without = decide(conflicted, kept), decide(call, kept)

    def outcome(d):
        return [(e.application, e.total, e.rank, e.outcome, e.granted) for e in d.entries]

    assert outcome(with_recusal) == outcome(without)
    assert member in with_recusal.entry(app).recused
    panel = to_panel(conflicted, kept, with_recusal)
    a, m = with_recusal.application_ids.index(app), with_recusal.member_ids.index(member)
    assert panel.usable[a, m].sum() == 0
    for flip in sensitivity(conflicted, kept, with_recusal, draws=50, near=len(call.applications)):
        if flip.application_id == app and flip.change is not None:
            assert flip.change.member_id != member


@SET
@given(scored_calls())
def test_ties_are_broken_as_documented(pair: tuple[Call, ScoreSheet]) -> None:
    call, sheet = pair
    d = decide(call, sheet)
    ranked = [e for e in d.entries if e.rank is not None]
    assert [e.rank for e in ranked] == list(range(1, len(ranked) + 1))
    keys = call.tie_break or tuple(c.key for c in call.criteria)
    for prev, cur in itertools.pairwise(ranked):
        assert prev.total is not None and cur.total is not None
        assert prev.total >= cur.total
        if prev.total > cur.total:
            assert cur.separated_by is None
            continue
        norm_p = {r.criterion: r.normalised for r in prev.criteria}
        norm_c = {r.criterion: r.normalised for r in cur.criteria}
        key_p = [norm_p[k] for k in keys] + [prev.contribution_share]
        key_c = [norm_c[k] for k in keys] + [cur.contribution_share]
        assert key_p >= key_c  # type: ignore[operator]
        if key_p == key_c:
            assert cur.separated_by == "lot"
        else:
            first = next(i for i, (x, y) in enumerate(zip(key_p, key_c, strict=False)) if x != y)
            names = [f"criterion:{k}" for k in keys] + ["contribution_share"]
            assert cur.separated_by == names[first]


def test_a_conflict_declared_twice_is_a_located_error() -> None:
    with pytest.raises(ValidationError, match=r"conflicts\[1\]: repeats conflicts\[0\]"):
        _call(conflicts=(Conflict("m2", "a1", "cousin"), Conflict("m2", "a1", "neighbour")))


def _naive_total(call: Call, sheet: ScoreSheet, application: str) -> F | None:
    """The specification's total, computed the plain way, one Fraction operation at a time."""
    order = {m.id: i for i, m in enumerate(call.members)}
    parts = []
    for c in call.criteria:
        rows = sorted(
            (s for s in sheet.scores
             if s.application == application and s.criterion == c.key and s.score is not None),
            key=lambda s: order[s.member],
        )  # fmt: skip
        if not rows:
            return None
        values = [F(s.score) for s in rows if s.score is not None]
        weights = [F(s.confidence) if s.confidence is not None else F(1) for s in rows]
        if call.aggregation is Aggregation.MEAN:
            agg = sum(values, F(0)) / len(values)
        elif call.aggregation is Aggregation.CONFIDENCE_MEAN:
            agg = sum((w * v for w, v in zip(weights, values, strict=True)), F(0)) / sum(weights)
        else:
            from civicgrants.scoring.aggregate import aggregate

            agg = aggregate(values, weights, call.aggregation, F(call.trim))
        lo, hi = F(c.min), F(c.max)
        if c.direction is Direction.HIGHER_IS_BETTER:
            parts.append((F(c.weight), (agg - lo) / (hi - lo)))
        else:
            parts.append((F(c.weight), (hi - agg) / (hi - lo)))
    weight = sum((w for w, _ in parts), F(0))
    return 100 * sum((w * n for w, n in parts), F(0)) / weight


@settings(max_examples=120, deadline=None)
@given(scored_calls())
def test_totals_are_the_specifications_exactly(pair: tuple[Call, ScoreSheet]) -> None:
    call, sheet = pair
    decision = decide(call, sheet)
    for e in decision.entries:
        expected = _naive_total(call, sheet, e.application)
        assert e.total == expected
        assert type(e.total) is (F if expected is not None else type(None))
        for r in e.criteria:
            if r.normalised is not None:
                assert 0 <= r.normalised <= 1
