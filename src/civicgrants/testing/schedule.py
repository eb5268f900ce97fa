"""Hypothesis strategies for methodologies (the schedule's input)."""

from __future__ import annotations

import hypothesis.strategies as st

from civicgrants.model import Names
from civicgrants.schedule.methodology import Dependency, Methodology, Spill, Step, SubStep

__all__ = ["methodologies"]


def _names(key: str) -> Names:
    return Names(ru=f"Шаг {key}", kk=f"Қадам {key}", en=f"Step {key}")


@st.composite
def _methodologies(draw: st.DrawFn, max_steps: int, spill: Spill | None) -> Methodology:
    n = draw(st.integers(min_value=1, max_value=max_steps))
    keys = [f"s{i}" for i in range(n)]
    steps: list[Step] = []
    deps: list[Dependency] = []
    ends: dict[str, int] = {}
    for i, key in enumerate(keys):
        preds = sorted(draw(st.sets(st.sampled_from(keys[:i]), max_size=2))) if i else []
        lags = {p: draw(st.integers(min_value=-1, max_value=2)) for p in preds}
        lag_days = {p: draw(st.integers(min_value=0, max_value=3)) for p in preds}
        earliest = max([ends[p] + 1 + lags[p] for p in preds] + [1])
        first = earliest + draw(st.integers(min_value=0, max_value=2))
        length = draw(st.integers(min_value=1, max_value=5))
        last = first + length - 1
        subs: list[SubStep] = []
        for j in range(draw(st.integers(min_value=0, max_value=2))):
            subs.append(
                SubStep(
                    f"{key}.{j + 1}",
                    _names(f"{key}.{j + 1}"),
                    days=draw(st.integers(min_value=1, max_value=4)),
                    hours_per_day=draw(st.integers(min_value=1, max_value=9)),
                )
            )
        chosen = spill if spill is not None else draw(st.sampled_from(Spill))
        absorbs = draw(st.integers(min_value=0, max_value=10))
        steps.append(
            Step(
                key,
                _names(key),
                first,
                last,
                substeps=tuple(subs),
                spill=chosen,
                absorbs_days=absorbs,
            )
        )
        deps += [Dependency(p, key, lags[p], lag_days[p]) for p in preds]
        ends[key] = last
    total = max(ends.values()) + draw(st.integers(min_value=0, max_value=3))
    return Methodology(
        "generated", Names(en="Generated methodology"), total, tuple(steps), tuple(deps)
    )


def methodologies(
    *, max_steps: int = 7, spill: Spill | None = Spill.ALLOW
) -> st.SearchStrategy[Methodology]:
    """Valid methodologies: a random dependency DAG laid on consistent week spans.

    Steps are keyed ``s0``, ``s1`` …; each depends on at most two earlier
    steps (lags of -1 to 2 weeks, -1 an overlap, and 0 to 3 working days), has up to two day
    blocks (1 to 4 days of 1 to 9 hours) and absorbs a late start of 0 to 10
    working days. The calendar may end up to 3 weeks after the last step.

    Parameters
    ----------
    max_steps : int
        At most this many steps (7 by default).
    spill : Spill or None
        The spill rule of every step (``Spill.ALLOW`` by default); ``None``
        draws one per step.

    Returns
    -------
    SearchStrategy[Methodology]
        Every dependency's successor starts after its predecessor ends (plus
        the lag), and every step lies inside the calendar.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> m = find(methodologies(max_steps=3), lambda m: len(m.steps) == 3,
    ...          settings=settings(database=None))
    >>> [s.key for s in m.steps], m.id
    (['s0', 's1', 's2'], 'generated')

    In a test:

    >>> from hypothesis import given
    >>> from civicgrants.schedule import plan
    >>> import datetime as dt
    >>> @settings(max_examples=10, database=None, deadline=None)
    ... @given(methodologies(max_steps=4))
    ... def test_plan_keeps_every_step(m):
    ...     assert len(plan(m, dt.date(2021, 2, 1)).steps) == len(m.steps)
    >>> test_plan_keeps_every_step()

    See Also
    --------
    civicgrants.schedule.Methodology : what the strategy draws.
    civicgrants.schedule.plan : the function these inputs exercise.
    """
    return _methodologies(max_steps, spill)
