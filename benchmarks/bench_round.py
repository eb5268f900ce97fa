"""Benchmark: a round of 1 000 applications, 300 agreements and 300 reports, loaded and reported.

Target (issue 13): a synthetic round of 1 000 applications, 300 agreements with 3
tranches each and 300 final reports loads (:func:`civicgrants.io.workspace.load_round`)
and reports its status (:func:`civicgrants.round.round_status`) in under 1 s, and
renders the HTML report in under 5 s, on 2 cores.

The round (:func:`build_round`, deterministic from a seed): a synthetic programme
of 20 localities in 2 regions (most with a population); a call of 1 000
applications over them (a few asking more than the maximum grant), 5 members
and 4 criteria, every application scored by every member on every criterion
(20 000 scores), the pot set so that exactly 300 applications are funded; one
grant agreement per funded application, 3 tranches each, left in every state
the operations of :mod:`civicgrants.agreement.ledger` reach (draft, signed,
active with one, two or three tranches paid, one paid in part, closed,
terminated), with spending on a few budget lines; and one final report per
agreement (an indicator row, the spending by line, the refund). It is written
with :func:`~civicgrants.io.workspace.dump_round` to a temporary folder, outside
the timings.

Timed, best of :data:`REPEATS` after a warm-up: ``load_round`` alone (and, inside
it, reading ``scores.csv``), ``round_status`` alone (and, inside it, the
commission's decision, :func:`civicgrants.scoring.decide`), load + status together
(the target), the whole ``civicgrants round status DIR --on ...`` process (best
of 3), and the HTML report (:mod:`civicgrants.io.html`, best of 3) when that
module is importable. The peer, measured in the same run on the same folder:
reading every file and ``json.loads`` of every JSON document plus ``csv.reader``
over the score sheet, the floor any loader pays before it validates anything;
the ratio load / floor is printed.

Run with ``python -m benchmarks`` (all benchmarks) or
``python benchmarks/bench_round.py`` (this one).
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import inspect
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import attrs

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from civicgrants.agreement.ledger import close, disburse, sign, spend, terminate
from civicgrants.agreement.model import Decision, DecisionKind, GrantAgreement, Tranche
from civicgrants.budget.execution import Actual
from civicgrants.budget.model import Source
from civicgrants.dossier.report import Agreement, FinalReport, Finances, Spending
from civicgrants.indicators.report import Report, ReportRow
from civicgrants.io.scores_csv import load_scores
from civicgrants.io.workspace import dump_round, load_round
from civicgrants.model.geo import Locality, LocalityKind, Region
from civicgrants.model.money import Money, allocate
from civicgrants.model.names import Names
from civicgrants.model.organisation import Organisation, OrganisationKind
from civicgrants.model.programme import (
    Call,
    CallApplication,
    Criterion,
    Direction,
    Member,
    Programme,
    Seat,
)
from civicgrants.round import Round, round_status
from civicgrants.scoring.commission import decide
from civicgrants.scoring.decision import Verdict
from civicgrants.scoring.sheet import Score, ScoreSheet

APPLICATIONS = 1000
AGREEMENTS = 300
LOCALITIES = 20
MEMBERS = 5
CRITERIA = ("relevance", "budget", "contribution", "sustainability")
TRANCHES = 3
REPEATS = 5
TARGET_STATUS_S = 1.0
TARGET_HTML_S = 5.0
SEED = 2024
ON = dt.date(2025, 1, 20)
"""The date the status is asked about: after every agreement's end."""

_SIGNED = dt.date(2024, 6, 3)
_START, _END = dt.date(2024, 6, 3), dt.date(2024, 11, 29)
_DUE = (dt.date(2024, 6, 10), dt.date(2024, 8, 15), dt.date(2024, 10, 15))
_LINES = ("works", "materials", "equipment", "events")
_MAX_GRANT = 3_000_000

T = TypeVar("T")


def _programme(localities: int, rng: random.Random) -> Programme:
    org = Organisation("bench-foundation", Names(en="Foundation (synthetic)"), OrganisationKind.NGO)
    regions = (Region("north", Names(en="North")), Region("south", Names(en="South")))
    places = tuple(
        Locality(
            f"loc-{i:02d}",
            Names(en=f"Locality {i:02d}", ru=f"Населённый пункт {i:02d}"),
            LocalityKind.VILLAGE if i % 4 else LocalityKind.TOWN,
            regions[i % 2].id,
            population=None if i % 7 == 3 else rng.randrange(800, 60_000),
        )
        for i in range(1, localities + 1)
    )
    return Programme(
        "bench-programme",
        Names(en="Benchmark programme (synthetic)"),
        org,
        org,
        dt.date(2024, 1, 1),
        dt.date(2025, 12, 31),
        regions=regions,
        localities=places,
    )


def _call(
    programme: Programme, applications: int, members: int, funded: int, rng: random.Random
) -> tuple[Call, ScoreSheet]:
    places = [loc.id for loc in programme.localities]
    apps = tuple(
        CallApplication(
            f"BENCH-{i:04d}",
            places[rng.randrange(len(places))],
            # 1.0–3.2 million tenge: about one in eleven asks more than the maximum grant
            Decimal(rng.randrange(20, 65) * 50_000),
            contribution=Decimal(rng.randrange(0, 21) * 25_000),
            title=f"synthetic application {i}",
        )
        for i in range(1, applications + 1)
    )
    seats = (Seat.DISTRICT_AKIMAT, Seat.VILLAGE_AKIM, Seat.DONOR, Seat.IMPLEMENTER)
    panel = tuple(
        Member(f"BENCH-M{j}", None, None, seats[(j - 1) % len(seats)])
        for j in range(1, members + 1)
    )
    criteria = tuple(Criterion(key, Direction.HIGHER_IS_BETTER) for key in CRITERIA)
    severity = [rng.gauss(0.0, 0.7) for _ in panel]
    scores = []
    for a in apps:
        quality = [rng.gauss(6.0, 1.5) for _ in criteria]
        for j, m in enumerate(panel):
            for k, c in enumerate(criteria):
                raw = quality[k] + severity[j] + rng.gauss(0.0, 1.0)
                scores.append(Score(a.id, m.id, c.key, Decimal(min(10, max(0, round(raw))))))
    base = Call(
        "BENCH-CALL",
        Names(en="SYNTHETIC benchmark call"),
        pot=Money(10**12),
        max_grant=Money(_MAX_GRANT),
        criteria=criteria,
        members=panel,
        applications=apps,
        seed=SEED,
    )
    sheet = ScoreSheet(tuple(scores), source="synthetic")
    ranked = [e for e in decide(base, sheet).entries if e.grant.amount > 0]
    pot = Money.sum((e.grant for e in ranked[:funded]), currency="KZT")
    return attrs.evolve(base, pot=pot), sheet


def _spend(a: GrantAgreement, share: Decimal, n: int) -> GrantAgreement:
    """Spend ``share`` of what is disbursed and not yet spent, over two budget lines."""
    left = a.disbursed() - a.spent()
    used = Money(left.amount * share).rounded()
    first = Money(used.amount * Decimal("0.6")).rounded()
    lines = (_LINES[n % 4], _LINES[(n + 1) % 4])
    return spend(
        a,
        [Actual(lines[0], Source.GRANT, first), Actual(lines[1], Source.GRANT, used - first)],
    )


def _agreement(n: int, application: str, grant: Money, call: str) -> GrantAgreement:
    """Agreement ``n`` with 3 tranches, in the state ``n % 10`` picks."""
    parts = allocate(grant, [2, 2, 1]).parts
    a = GrantAgreement(
        f"BENCH-GA-{n:03d}",
        f"B-{n:03d}",
        "Foundation (synthetic)",
        f"Initiative group of {application}",
        Decision(DecisionKind.COMMISSION, call, dt.date(2024, 5, 20)),
        grant,
        _START,
        _END,
        tranches=tuple(
            Tranche(f"t{k + 1}", _DUE[k], parts[k], None if k == 0 else "interim report accepted")
            for k in range(TRANCHES)
        ),
        conditions=("the akimat takes the object onto its balance",),
        application=application,
    )
    state = n % 10
    if state == 0:  # draft
        return a
    a = sign(a, _SIGNED + dt.timedelta(days=n % 3))
    if state == 1:  # signed, nothing paid: its first tranche is overdue
        return a
    a = disburse(a, "t1", dt.date(2024, 6, 7))
    a = _spend(a, Decimal("0.9"), n)
    if state == 2:  # active, one tranche paid
        return a
    if state == 3:  # terminated after the first tranche
        return terminate(a, dt.date(2024, 7, 30), "the initiative group dissolved")
    a = disburse(a, "t2", dt.date(2024, 8, 12 + n % 5))
    a = _spend(a, Decimal("0.95"), n + 1)
    if state == 4:  # active, two tranches paid: the third is overdue
        return a
    if state == 5:  # the third tranche paid in part
        half = Money(parts[2].amount / 2).rounded()
        return disburse(a, "t3", dt.date(2024, 10, 14), half)
    a = disburse(a, "t3", dt.date(2024, 10, 10 + n % 5))
    a = _spend(a, Decimal(97 + n % 3) / 100, n + 2)
    if state == 6:  # active, all paid
        return a
    return close(a, dt.date(2024, 12, 2 + n % 20))  # states 7, 8, 9: closed


def _report(a: GrantAgreement, n: int) -> FinalReport:
    planned = 30 + 5 * (n % 4)
    achieved = planned + (n % 5) * 3
    row = ReportRow(
        "participants",
        "Task 1",
        None,
        "residents taking part",
        "persons",
        planned=Decimal(planned),
        achieved=Decimal(achieved),
        comparator="at_least",
    )
    spent: dict[str, Money] = {}
    for s in a.spending:
        spent[s.code] = spent.get(s.code, Money.zero(a.currency)) + s.amount
    lines = tuple(Spending(code, code, code, amount) for code, amount in sorted(spent.items()))
    return FinalReport(
        Agreement(a.number, a.award, a.grantee, signed=a.signed, application=a.application),
        Report(
            f"report-{a.number}",
            f"Final report, agreement {a.number} (synthetic)",
            f"{_START}/{_END}",
            rows=(row,),
            deviation_note="more residents came" if achieved > planned else None,
        ),
        finances=Finances(lines, refunded=a.refund.amount if a.refund is not None else None),
    )


def build_round(
    applications: int = APPLICATIONS,
    agreements: int = AGREEMENTS,
    *,
    localities: int = LOCALITIES,
    members: int = MEMBERS,
    seed: int = SEED,
) -> Round:
    """The benchmark's round, deterministic for a seed (module docs).

    Parameters
    ----------
    applications : int, optional
        Applications in the call (1 000).
    agreements : int, optional
        Applications funded, each with an agreement of 3 tranches and a final
        report (300); at most about nine in ten of ``applications``.
    localities : int, optional
        Localities of the synthetic programme (20).
    members : int, optional
        Commission members, each scoring every application on every criterion (5).
    seed : int, optional
        Seeds :class:`random.Random`.

    Returns
    -------
    Round
        The round, its scores, agreements and reports marked synthetic.
    """
    rng = random.Random(seed)
    programme = _programme(localities, rng)
    call, sheet = _call(programme, applications, members, agreements, rng)
    funded = [e for e in decide(call, sheet).entries if e.outcome is Verdict.FUNDED]
    deals = tuple(_agreement(n, e.application, e.granted, call.id) for n, e in enumerate(funded, 1))
    reports = tuple(_report(a, n) for n, a in enumerate(deals, 1))
    return Round(
        "bench-round",
        "Benchmark round (synthetic call, scores, agreements and reports)",
        call,
        programme=programme,
        scores=sheet,
        agreements=deals,
        reports=reports,
        season_start=dt.date(2024, 3, 1),
        synthetic=("call", "scores", "agreements", "reports"),
    )


def json_floor(folder: str | os.PathLike[str]) -> int:
    """The peer: read every file, ``json.loads`` the JSON ones, ``csv.reader`` the CSV.

    Parameters
    ----------
    folder : str or os.PathLike
        A round's folder.

    Returns
    -------
    int
        How many files were read.
    """
    n = 0
    for path in sorted(Path(folder).rglob("*")):
        if path.suffix == ".json":
            json.loads(path.read_bytes())
        elif path.suffix == ".csv":
            for _ in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
                pass
        else:
            continue
        n += 1
    return n


def html_renderer() -> tuple[Callable[[Round], Any] | None, str]:
    """The HTML report's entry point, if :mod:`civicgrants.io.html` provides one yet.

    Returns
    -------
    callable or None
        ``render(round)``, with ``lang="en"`` and ``on=ON`` where it takes them;
        ``None`` when the module or its function is missing.
    str
        Its qualified name, or why it is not available.
    """
    try:
        module = importlib.import_module("civicgrants.io.html")
    except ImportError as exc:
        return None, f"not available ({exc})"
    for name in ("round_report", "render_round", "round_html", "render"):
        fn = getattr(module, name, None)
        if callable(fn):
            break
    else:
        return None, "not available (civicgrants.io.html has no round_report)"
    params = inspect.signature(fn).parameters
    kwargs: dict[str, Any] = {}
    if "lang" in params:
        kwargs["lang"] = "en"
    if "on" in params:
        kwargs["on"] = ON
    label = f"civicgrants.io.html.{name}(r, {', '.join(f'{k}={v!r}' for k, v in kwargs.items())})"
    return (lambda r: fn(r, **kwargs)), label


def _best(fn: Callable[[], T], repeats: int = REPEATS) -> tuple[float, float, T]:
    result = fn()  # warm-up: imports, caches
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times), result


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> float:
    """Build and write the round, time load, status and the HTML report; return load + status."""
    t0 = time.perf_counter()
    r = build_round()
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-round-") as tmp:
        folder = Path(tmp) / "round"
        dump_round(r, folder)
        t2 = time.perf_counter()
        files, size = _size(folder)

        load_t, load_med, loaded = _best(lambda: load_round(folder))
        assert (loaded.call, loaded.agreements, loaded.reports) == (r.call, r.agreements, r.reports)
        scores_t, _, _ = _best(lambda: load_scores(folder / "scores.csv"))
        status_t, status_med, status = _best(lambda: round_status(loaded, on=ON))
        sheet = loaded.scores
        assert sheet is not None
        decide_t, _, _ = _best(lambda: decide(loaded.call, sheet))
        both_t, both_med, _ = _best(lambda: round_status(load_round(folder), on=ON))
        floor_t, _, _ = _best(lambda: json_floor(folder))
        cmd = [sys.executable, "-m", "civicgrants.cli", "round", "status", str(folder)]
        cmd += ["--on", ON.isoformat()]
        cli_t, _, _ = _best(
            lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL), repeats=3
        )
        render, label = html_renderer()
        html_t: float | None = None
        html_size = 0
        if render is not None:
            html_t, html_med, html = _best(lambda: render(loaded), repeats=3)
            page = getattr(html, "html", html)  # an HtmlReport, or the page itself
            html_size = len(page.encode("utf-8")) if isinstance(page, str) else 0

    funnel = ", ".join(f"{s.key} {s.count}" for s in status.funnel)
    states = Counter(a.status.value for a in r.agreements)
    print(
        f"round: load + status of {len(r.call.applications)} applications, "
        f"{len(r.agreements)} agreements × {TRANCHES} tranches, {len(r.reports)} reports in "
        f"{both_t:.3f} s (best of {REPEATS}, median {both_med:.3f} s); target: under "
        f"{TARGET_STATUS_S:.0f} s"
    )
    print(
        f"  load_round {load_t:.3f} s (median {load_med:.3f} s), of which reading scores.csv "
        f"about {scores_t:.3f} s; round_status {status_t:.3f} s (median {status_med:.3f} s), "
        f"of which the commission's decision (scoring.decide) about {decide_t:.3f} s"
    )
    print(
        f"  peer, the floor any loader pays (read + json.loads / csv.reader of the {files} "
        f"files): {floor_t:.3f} s; load_round is {load_t / floor_t:.1f}× that"
    )
    print(
        f"  whole process, `civicgrants round status DIR --on {ON}` (import, load, status, "
        f"text): {cli_t:.3f} s (best of 3)"
    )
    if html_t is not None:
        print(
            f"  HTML report {label}: {html_t:.3f} s (best of 3, median {html_med:.3f} s), "
            f"{html_size / 1e6:.2f} MB; target: under {TARGET_HTML_S:.0f} s"
        )
    else:
        print(f"  HTML report: {label}; target: under {TARGET_HTML_S:.0f} s, not measured")
    print(
        f"  {files} files, {size / 1e6:.1f} MB; {len(r.scores.scores) if r.scores else 0} "
        f"scores; agreements: "
        + ", ".join(f"{k} {n}" for k, n in sorted(states.items()))
        + f"; funnel: {funnel}; {len(status.overdue)} overdue on {ON}"
    )
    print(
        f"  building the round took {t1 - t0:.2f} s and writing it {t2 - t1:.2f} s, outside "
        "the timings"
    )
    return both_t


if __name__ == "__main__":
    main()
