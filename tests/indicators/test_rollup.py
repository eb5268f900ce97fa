import random
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicgrants.indicators import (
    LEVELS,
    Accumulation,
    IndicatorDefinition,
    Measure,
    Record,
    Records,
    TargetForm,
    rollup,
)
from civicgrants.model import Direction, Money, Names


def define(key, measure, accumulation=Accumulation.PER_PERIOD, scale=()):
    return IndicatorDefinition(
        key,
        Names(en=key),
        "unit",
        measure,
        Direction.HIGHER_IS_BETTER,
        TargetForm.AT_LEAST,
        accumulation,
        scale,
    )


PEOPLE = define("people", Measure.COUNT)
BUDGET = define("budget", Measure.MONEY)
SHARE = define("share", Measure.PERCENTAGE)
STOCK = define("stock", Measure.COUNT, Accumulation.CUMULATIVE)
MOOD = define("mood", Measure.ORDINAL, scale=("low", "mid", "high"))
DONE = define("done", Measure.YES_NO)
NOTES = define("notes", Measure.QUALITATIVE)
ALL = [PEOPLE, BUDGET, SHARE, STOCK, MOOD, DONE, NOTES]


def rec(indicator, period="2021", **kw):
    kw.setdefault("programme", "P")
    return Record(indicator=indicator, period=period, **kw)


def test_counts_and_money_add_up_exactly():
    recs = [
        rec("people", stage="s1", region="a", actual=3, target=5),
        rec("people", stage="s1", region="a", project="p", actual=4, target=5),
        rec("budget", stage="s1", region="a", actual="0.10"),
        rec("budget", stage="s1", region="a", actual="0.20"),
    ]
    r = rollup(recs, ALL, by=("stage", "region"))
    budget, people = r.rows
    assert people.value == Decimal(7) and people.target == Decimal(10)
    assert budget.value == Money("0.30")
    assert isinstance(budget.value, Money)


def test_percentage_is_never_averaged():
    recs = [
        rec("share", region="a", numerator=1, denominator=2),
        rec("share", region="a", project="p2", numerator=99, denominator=100),
    ]
    row = rollup(recs, ALL, by=("region",)).rows[0]
    assert (row.numerator, row.denominator, row.percent) == (100, 102, Decimal("98.0"))


def test_cumulative_takes_the_latest_per_node_then_sums():
    recs = [
        rec("stock", "2021", region="a", project="p1", actual=10),
        rec("stock", "2022", region="a", project="p1", actual=25),
        rec("stock", "2021", region="a", project="p2", actual=7),
    ]
    r = rollup(recs, ALL, by=("region",))
    assert r.rows[0].value == 32
    assert {x.actual for x in r.explain(("a",), "stock")} == {25, 7}


def test_unique_people_are_not_counted_twice():
    recs = [
        rec("people", region="a", project="p1", activity="a1", actual=30),
        rec("people", region="a", project="p1", activity="a2", actual=20),
        rec("people", region="a", project="p1", actual=40, unique=True),
        rec("people", region="a", project="p2", activity="a3", actual=5),
    ]
    r = rollup(recs, ALL, by=("region",))
    assert r.rows[0].value == 45
    fine = rollup(recs, ALL, by=("region", "project"))
    assert [row.value for row in fine.rows] == [40, 5]
    assert fine.rows[0].unique and not fine.rows[1].unique


def test_ordinal_yes_no_and_text():
    recs = [
        rec("mood", region="a", project="p1", category="low"),
        rec("mood", region="a", project="p2", category="high"),
        rec("mood", region="a", project="p3", category="high"),
        rec("done", region="a", project="p1", category="yes"),
        rec("done", region="a", project="p2", category="no"),
        rec("done", region="a", project="p3", category="yes"),
        rec("notes", region="a", project="p2", text="b"),
        rec("notes", region="a", project="p1", text="a"),
    ]
    rows = {row.indicator: row for row in rollup(recs, ALL, by=("region",)).rows}
    assert rows["mood"].distribution == (("low", 1), ("mid", 0), ("high", 2))
    assert rows["mood"].median == "high"
    assert rows["done"].distribution == (("yes", 2), ("no", 1))
    assert rows["notes"].texts == ("a", "b")


def test_rows_are_sorted_and_explained():
    recs = [
        rec("people", region="b", actual=1),
        rec("people", region="a", actual=2),
        rec("people", actual=3),
    ]
    r = rollup(recs, ALL, by=("region",))
    assert [row.group for row in r.rows] == [(None,), ("a",), ("b",)]
    assert r.explain(("a",), "people") == (recs[1],)


def test_floats_are_refused_and_unknown_indicators_reported():
    with pytest.raises(TypeError):
        Records.from_columns(indicator=["people"], period=["2021"], actual=np.array([1.5]))
    with pytest.raises(ValueError, match="no definition"):
        rollup([rec("ghost", actual=1)], ALL)


def test_int64_overflow_falls_back_to_python_ints():
    big = 2**62
    r = rollup(
        [rec("people", region="a", actual=big), rec("people", region="a", actual=big)],
        ALL,
        by=("region",),
    )
    assert r.rows[0].value == Decimal(2 * big)


# -- properties -----------------------------------------------------------

NUMERIC = [PEOPLE, SHARE, STOCK, BUDGET, MOOD]


@st.composite
def records(draw, allow_unique=True):
    out = []
    for _ in range(draw(st.integers(0, 25))):
        depth = draw(st.integers(1, len(LEVELS) - 1))
        path = {"programme": "P"}
        for j in range(1, depth + 1):
            path[LEVELS[j]] = f"{LEVELS[j][0]}{draw(st.integers(0, 2))}"
        kind = draw(st.sampled_from(NUMERIC))
        period = draw(st.sampled_from(["2021", "2022"]))
        if kind.measure is Measure.PERCENTAGE:
            den = draw(st.integers(1, 50))
            extra = {"numerator": draw(st.integers(0, den)), "denominator": den}
        elif kind.measure is Measure.ORDINAL:
            extra = {"category": draw(st.sampled_from(["low", "mid", "high"]))}
        elif kind.measure is Measure.MONEY:
            extra = {"actual": Decimal(draw(st.integers(0, 10**6))).scaleb(-2)}
        else:
            extra = {"actual": draw(st.integers(0, 100))}
            if allow_unique and kind is PEOPLE and draw(st.booleans()):
                extra["unique"] = True
        out.append(Record(indicator=kind.key, period=period, **path, **extra))
    # at most one unique record per node, indicator and period (the documented rule)
    seen, clean = set(), []
    for r in out:
        k = (r.path, r.indicator, r.period)
        if r.unique and k in seen:
            continue
        seen.add(k) if r.unique else None
        clean.append(r)
    return clean


def summary(result):
    return [
        (
            row.group,
            row.indicator,
            row.value,
            row.numerator,
            row.denominator,
            row.percent,
            row.distribution,
            row.median,
        )
        for row in result.rows
    ]


CHAINS = [LEVELS[: k + 1] for k in range(1, len(LEVELS))]


@pytest.mark.parametrize("periods", [("period",), ()], ids=["by-period", "across-periods"])
@settings(max_examples=80, deadline=None)
@given(recs=records(), data=st.data())
def test_two_steps_equal_one_step(periods, recs, data):
    fine = data.draw(st.sampled_from(CHAINS[1:]))
    coarse = fine[: data.draw(st.integers(1, len(fine) - 1))]
    one = rollup(recs, NUMERIC, by=(*coarse, *periods))
    two = rollup(
        rollup(recs, NUMERIC, by=(*fine, *periods)).to_records(), NUMERIC, by=(*coarse, *periods)
    )
    assert summary(one) == summary(two)


def test_two_steps_keep_unique_counts_within_their_period():
    # a unique count for the region in 2021 supersedes the project's 2021 count,
    # but not its 2022 count; merging periods at the project level must not lose that
    recs = [
        Record(
            indicator="people", period="2021", programme="P", region="r", actual=20, unique=True
        ),
        Record(
            indicator="people",
            period="2021",
            programme="P",
            region="r",
            project="p",
            actual=10,
            unique=True,
        ),
        Record(
            indicator="people",
            period="2022",
            programme="P",
            region="r",
            project="p",
            actual=7,
            unique=True,
        ),
    ]
    one = rollup(recs, NUMERIC, by=("programme",))
    fine = rollup(recs, NUMERIC, by=("programme", "stage", "region", "locality", "project"))
    two = rollup(fine.to_records(), NUMERIC, by=("programme",))
    assert one.rows[0].value == two.rows[0].value == Decimal(27)


@settings(max_examples=60, deadline=None)
@given(records(), st.randoms(use_true_random=False))
def test_reordering_changes_nothing(recs, rnd):
    shuffled = list(recs)
    rnd.shuffle(shuffled)
    assert summary(rollup(recs, NUMERIC, by=("region",))) == summary(
        rollup(shuffled, NUMERIC, by=("region",))
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 1000), st.integers(1, 1000)).map(lambda t: (min(t), t[1])),
        min_size=1,
        max_size=30,
    )
)
def test_percentage_is_the_ratio_of_sums(pairs):
    recs = [
        rec("share", region="a", project=f"p{i}", numerator=n, denominator=d)
        for i, (n, d) in enumerate(pairs)
    ]
    row = rollup(recs, NUMERIC, by=("region",)).rows[0]
    assert row.numerator == sum(n for n, _ in pairs)
    assert row.denominator == sum(d for _, d in pairs)
    from fractions import Fraction

    from civicgrants.model.numbers import round_half_up

    assert row.percent == round_half_up(Fraction(int(row.numerator) * 100, int(row.denominator)), 1)


def test_columns_fast_path_matches_records():
    rng = random.Random(5)
    recs = [
        rec(
            "people",
            region=f"r{rng.randint(0, 3)}",
            project=f"p{rng.randint(0, 9)}",
            actual=rng.randint(0, 9),
        )
        for _ in range(200)
    ]
    slow = rollup(recs, ALL, by=("region", "project"))
    fast = rollup(
        Records.from_columns(
            indicator=["people"] * 200,
            period=["2021"] * 200,
            programme=["P"] * 200,
            region=[r.region for r in recs],
            project=[r.project for r in recs],
            actual=np.array([int(r.actual) for r in recs]),
        ),
        ALL,
        by=("region", "project"),
    )
    assert summary(slow) == summary(fast)


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.int8])
def test_coded_columns_match_strings(dtype):
    # codes with -1 for none, unsorted labels, several dtypes, period in ``by``
    rng = np.random.default_rng(7)
    n = 300
    region_labels, project_labels = ["r2", "r0", "r1"], ["p0", "p1", "p2", "p3"]
    region = rng.integers(-1, 3, n).astype(dtype)
    project = rng.integers(-1, 4, n).astype(dtype)
    period = rng.integers(0, 2, n).astype(dtype)
    ind = rng.integers(0, 2, n).astype(dtype)
    actual = rng.integers(0, 50, n)

    def label(labels, codes):
        return [None if c < 0 else labels[c] for c in codes.tolist()]

    by = ("region", "period", "project")
    coded = rollup(
        Records.from_columns(
            indicator=(ind, ["people", "budget"]),
            period=(period, ["2022", "2021"]),
            region=(region, region_labels),
            project=(project, project_labels),
            actual=actual,
        ),
        ALL,
        by=by,
    )
    plain = rollup(
        Records.from_columns(
            indicator=label(["people", "budget"], ind),
            period=label(["2022", "2021"], period),
            region=label(region_labels, region),
            project=label(project_labels, project),
            actual=actual,
        ),
        ALL,
        by=by,
    )
    assert summary(coded) == summary(plain)
    assert [r.group for r in coded.rows] == sorted(
        (r.group for r in coded.rows), key=lambda g: [(x is not None, x or "") for x in g]
    )
    with pytest.raises(ValueError, match="codes must lie"):
        Records.from_columns(
            indicator=(ind, ["people", "budget"]),
            period=["2021"] * n,
            region=(region, region_labels[:2]),
        )
    with pytest.raises(ValueError, match="required"):
        Records.from_columns(indicator=(ind - 1, ["people", "budget"]), period=["2021"] * n)


def test_state_grant_goal_level_rolls_up():
    # seed 003's chain: goal → task → activity, under the project
    recs = [
        Record(indicator="people", period="2024", project="g003", goal="G1", task="T1", actual=5),
        Record(indicator="people", period="2024", project="g003", goal="G1", task="T2", actual=7),
        Record(
            indicator="people", period="2024", project="g003", goal="G2", activity="A1", actual=1
        ),
        Record(indicator="people", period="2024", project="g003", task="T9", actual=100),
    ]
    assert recs[0].depth == LEVELS.index("task") and recs[2].depth == LEVELS.index("activity")
    by_goal = rollup(recs, NUMERIC, by=("goal",))
    assert [(row.group, row.value) for row in by_goal.rows] == [
        ((None,), Decimal(100)),
        (("G1",), Decimal(12)),
        (("G2",), Decimal(1)),
    ]


# -- the rollup command as one library call -------------------------------------


def test_rollup_report_guesses_definitions_and_checks_breakdowns():
    from civicgrants.errors import ValidationError
    from civicgrants.indicators import Part, group_levels, guess_definitions, rollup_report

    recs = [
        Record(indicator="people", period="2021", stage="I", actual=10,
               breakdown=[Part("sex", "f", 6), Part("sex", "m", 4)]),
        Record(indicator="people", period="2021", stage="II", actual=5,
               breakdown=[Part("sex", "f", 4), Part("sex", "m", 4)]),
        Record(indicator="share", period="2021", stage="II", numerator=1, denominator=2),
        Record(indicator="notes", period="2021", stage="II", text="fine"),
    ]  # fmt: skip
    assert [(d.key, d.measure) for d in guess_definitions(recs)] == [
        ("notes", Measure.QUALITATIVE),
        ("people", Measure.COUNT),
        ("share", Measure.PERCENTAGE),
    ]
    report = rollup_report(recs, by="stage")
    assert report.by == ("stage",)
    assert report.rollup.row(["II"], "share").percent == Decimal("50.0")
    assert [(f.code, f.location) for f in report.findings] == [
        ("breakdown-sum", "records[1].breakdown[sex]")
    ]
    assert report.has_errors
    assert not rollup_report(recs[:1], by=()).has_errors
    assert group_levels(" stage , period ") == ("stage", "period")
    with pytest.raises(ValidationError, match=r"--by 'stage,village': unknown level\(s\) village"):
        rollup_report(recs, by="stage,village")
