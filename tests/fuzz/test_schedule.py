"""Fuzzing the schedule's inputs: mutated localities and methodologies are read or refused.

Every input is a valid file after a few mutations (:mod:`tests.fuzz.mutations`):

* the localities CSV (:func:`~civicgrants.io.schedule.read_localities`) gets mutations of
  ``tests/data/cli/localities.csv`` and of a larger season, as the bytes of a file: a byte
  flipped, the file cut (inside a quote too), special bytes (a lone CR, a vertical tab,
  U+2028, NUL, a BOM), a long run of digits, a line doubled, dropped or swapped;
* the methodology document (``load(path, Methodology)``, what ``--methodology`` reads) gets
  the preset ``public_spaces`` methodology with values replaced by hostile ones (weeks of
  10⁹, days of 10⁴⁰⁰, negative lags, wrong types …) or with its bytes damaged.

Each reader must return its value or raise a :class:`~civicgrants.errors.CivicGrantsError`
whose problems are located and print on one line (:func:`tests.fuzz.mutations.total`).
What it returns is then planned as ``civicgrants schedule`` plans it (a plan from a start,
or a season shared by two trainers), which must end the same way, and quickly: the weeks
limit bounds every loop.

The suite runs a few hundred inputs per test. The long run (10⁵ inputs per reader)::

    CIVICGRANTS_FUZZ_EXAMPLES=100000 python -m pytest tests/fuzz/test_schedule.py \\
        -p no:cacheprovider --hypothesis-seed=0
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from civicgrants.io.documents import dumps, load
from civicgrants.io.schedule import read_localities, season_text, text_gantt
from civicgrants.schedule import (
    Methodology,
    Trainer,
    plan,
    plan_season,
    public_spaces_methodology,
)
from tests.fuzz.mutations import FUZZ, mutated_bytes, mutated_json, one_of_seeds, total

DATA = Path(__file__).resolve().parents[1] / "data" / "cli"
START = dt.date(2021, 2, 1)
METHODOLOGY = public_spaces_methodology()
SEASON = "locality;region;start\r\n" + "".join(
    f'"loc-{i}";{"atyrau" if i % 2 else "mangistau"};{"" if i % 3 else "2021-03-0" + str(i % 9 + 1)}\r\n'
    for i in range(12)
)
LOCALITIES = ((DATA / "localities.csv").read_bytes(), SEASON.encode("utf-8"))
SEED_JSON = json.loads(dumps(METHODOLOGY))
FOLDER = Path(tempfile.mkdtemp(prefix="civicgrants-fuzz-schedule-"))
TRAINERS = (Trainer("t1"), Trainer("t2"))


def test_the_seeds_are_valid() -> None:
    for i, data in enumerate(LOCALITIES):
        path = FOLDER / f"seed-{i}.csv"
        path.write_bytes(data)
        assert plan_season(METHODOLOGY, read_localities(path, START), trainers=TRAINERS).plans
    path = FOLDER / "seed.json"
    path.write_text(json.dumps(SEED_JSON), encoding="utf-8")
    assert load(path, Methodology) == METHODOLOGY


@FUZZ
@given(one_of_seeds(LOCALITIES, mutated_bytes))
def test_the_localities_reader_is_total(data: bytes) -> None:
    path = FOLDER / "localities.csv"
    path.write_bytes(data)
    localities = total(read_localities, path, default_start=START)
    if localities:
        season = total(plan_season, METHODOLOGY, localities, trainers=TRAINERS)
        if season is not None:
            season_text(season)


@FUZZ
@given(st.one_of(mutated_json(SEED_JSON), mutated_bytes(json.dumps(SEED_JSON).encode())))
def test_the_methodology_reader_is_total(data: Any) -> None:
    path = FOLDER / "methodology.json"
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        try:
            path.write_text(json.dumps(data, default=str), encoding="utf-8", errors="surrogatepass")
        except (RecursionError, ValueError):  # too deep to write: nothing to read
            return
    methodology = total(load, path, Methodology)
    if methodology is not None:
        planned = total(plan, methodology, START)
        if planned is not None:
            text_gantt(planned)
