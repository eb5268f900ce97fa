"""Every command's output on the shipped examples, against golden files.

``before/`` was captured before issue 11 (one shape for every command) changed the layout;
``after/`` is today's output. Today's output must equal ``after/`` byte for byte, and must
equal ``before/`` byte for byte for JSON, or but for the number and money formatting that
issue 11 unified for text (``numbers_unified``), with the same exit status. Where text changed
for another reason, the change is listed in ``INTENDED`` with its reason.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli.golden import COMMANDS, GOLDEN, dates_unified, numbers_unified, protocol_file, run

INTENDED: dict[str, dict[str, str]] = {
    # the demo's money follows --lang now (one format per screen); the heading names the locale
    "demo": {"Money (ru_KZ)": "Money (en)"},
    "demo-ru": {},
    "demo-kk": {"Money (kk_KZ)": "Money (kk_KZ)"},
}
# budget findings' own messages write numbers plainly now (8093600.00, not 8,093,600.00): the
# JSON differs from before in those message strings only
JSON_MESSAGES_UNIFIED = {"budget-check-json"}
# month and weekday names follow --lang now (22 февр., пн), never strftime's English: every
# text comparison below takes them out (dates_unified)
DATES_LOCALISED = {"schedule-ru", "demo-ru", "demo-kk"}
# --lang ru|kk now also translates the demo's commission step (it printed English before)
TRANSLATED_SECTIONS = {
    "demo-ru": ("commission scoring", "оценка заявок комиссией"),
    "demo-kk": ("commission scoring", "комиссияның өтінімдерді бағалауы"),
}

# issue 12 added report checks (a range's upper bound, overshoots with an empty deviation
# field, planned rows with no actual): these outputs list new findings. Only what existed
# before is compared, in its order; the summary line's counts change. «Свыше N» reads now
# «more than N» (it excludes N itself), so those mentions' bound word changed too.
INTENDED_NEW_FINDINGS = {"report-check-002", "report-check-003-ru", "report-check-003-json"}
# the demo prints the first four findings of the seed 002 audit: that block alone changed
DEMO_REPORT_AUDIT = {"demo", "demo-ru", "demo-kk"}
# issue 12 re-encoded the seed reports as final reports: a figure printed in the indicator
# table is the row itself, the other places refer to it. A conflict whose one side was the
# row's copy is now found at each restating place (restated-differs); a count of a table
# (partners, letters, proposals) is checked against the table (count-differs). The old
# figure-conflict → the findings that replace it, every one of which must be there.
REPLACED = {
    "practical-applicability-pct": {"applicability-result", "applicability-s5"},
    "indirect-beneficiaries": {"indirect-s1"},
    "project-partners": {"partners-table-b"},
    "alakol-festival-participants": {"alakol-narrative"},
    "drawing-contest-rural-schools": {"schools-narrative"},
    "videos": {"videos-narrative"},
    "partner-ngos": {"partner-ngos-tab-c", "partner-ngos-t1m1"},
    "letters-to-mio": {"letters-t3m2", "letters-t3m3"},
    "recommendations": {"recommendations-t3m2"},
    "gsz-projects": {"gsz-t3m3"},
}
# issue 13: the demo ends with the example round's status (its last section, added)
ROUND_STEP = ("the round from decision to delivery", "раунд от решения до результата",
              "шешімнен нәтижеге дейінгі раунд")  # fmt: skip
# issue 15: --lang ru|kk translate every word through the catalogs (headings, severities,
# tallies, holiday names): these outputs are compared with after/ only (and their exit status)
TRANSLATED_BY_CATALOG = {
    "demo-ru", "demo-kk", "schedule-ru", "budget-check-ru", "report-check-003-ru", "score-ru",
    "score-protocol-ru",
}  # fmt: skip
# issue 17: plans move by working days and drafting and building absorb a short wait, so the
# schedule's slack, critical path, moves and dates changed: compared with after/ only
SCHEDULE_BY_DAYS = {
    "demo",
    "schedule",
    "schedule-json",
    "schedule-ics",
    "schedule-delay",
    "schedule-season",  # trainings that wait move the later steps; float per locality
    "schedule-season-json",
}
# ``check`` on a final report prints its audit now, as ``report-check`` does
CHECK_AUDITS = {"check-report-002": "report-check-002"}
_MORE_THAN = re.compile(r"(at least|не менее) (\S+) (\([^;]*«(?:свыше|более|Свыше))")


def _more_than(text: str) -> str:
    return _MORE_THAN.sub(
        lambda m: ("more than" if m[1] == "at least" else "свыше") + f" {m[2]} {m[3]}", text
    )


def _is_subsequence(old: list[str], new: list[str]) -> bool:
    it = iter(new)
    return all(line in it for line in old)


def _found(name: str, text: str) -> list[tuple[str, str]]:
    if "json" in name:
        return [(f["code"], f["location"]) for f in json.loads(text)["findings"]]
    rows = [line.split() for line in text.splitlines()[1:] if line.startswith("  ")]
    return [(r[1], r[2]) for r in rows if r[0] in ("error", "warning", "info")]


def same_findings_as_before(name: str, out: str, before: str) -> None:
    old, new = _found(name, before), _found(name, out)
    kept = [f for f in old if f in new]
    assert _is_subsequence(kept, new)  # what is still found is found in the same order
    for code, location in old:
        if (code, location) in new:
            continue
        assert code == "figure-conflict", (code, location)
        assert REPLACED[location] <= {loc for _, loc in new}, location
    if "json" in name:
        found = {(f["code"], f["location"]): f for f in json.loads(out)["findings"]}
        for f in json.loads(before)["findings"]:
            g = found.get((f["code"], f["location"]))
            if g is None or g == f:
                continue
            # a «more than» mention: the same values, the old conflicts and more
            assert f["code"] == "figure-conflict"
            assert all(g["numbers"]["values"][k] == v for k, v in f["numbers"]["values"].items()
                       if k in g["numbers"]["values"])  # fmt: skip
            if set(g["numbers"]["values"]) == set(f["numbers"]["values"]):  # same places
                assert g["message_en"] == _more_than(f["message_en"])


def without_report_audit(text: str) -> str:
    lines = text.splitlines(keepends=True)
    heads = ("The report audit of seed", "Проверка отчёта seed", "seed 002 есебін тексеру")
    start = next(i for i, line in enumerate(lines) if line.startswith(heads))
    end = next(
        (i for i in range(start + 1, len(lines)) if not lines[i].startswith("  ")), len(lines)
    )
    return "".join(lines[:start] + lines[end:])


def _without_section(text: str, headings: tuple[str, ...]) -> str:
    parts = text.split("\n" + "=" * 78 + "\n")
    kept = [p for p in parts if not any(h in p.split("\n", 1)[0] for h in headings)]
    assert len(kept) == len(parts) - 1, "the translated section is where it was"
    return "\n".join(kept)


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # as written: the ics file keeps its CRLF


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str, int, str]]:
    tmp = tmp_path_factory.mktemp("golden")
    found = {}
    for name in COMMANDS:
        out, err, status = run(name, tmp)
        written = protocol_file(name, tmp)
        protocol = "" if written is None else _read(written)
        found[name] = (out, err, status, protocol)
    return found


@pytest.mark.parametrize("name", list(COMMANDS))
def test_output_equals_the_golden_file(
    outputs: dict[str, tuple[str, str, int, str]], name: str
) -> None:
    out, err, status, _ = outputs[name]
    assert out == _read(GOLDEN / "after" / f"{name}.out")
    assert f"{status}\n{err}" == _read(GOLDEN / "after" / f"{name}.rc")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_output_equals_the_output_before_the_layout_change(
    outputs: dict[str, tuple[str, str, int, str]], name: str
) -> None:
    out, _, status, protocol = outputs[name]
    before = _read(GOLDEN / "before" / f"{name}.out")
    assert status == int(_read(GOLDEN / "before" / f"{name}.rc").split()[0])
    if name == "schema-list":
        before += "dossier\nfinal-report\n"  # issue 12 added the two document types
        before += "agreement\nround\n"  # issue 13: grant agreements and a round's manifest
        before += "budget\ncommission-protocol\n"  # issue 15: budget JSON, protocol schema
    if name == "schema-call":  # issue 15 rewrote the schemas for forms: the same type, new rules
        import json

        assert json.loads(out)["$id"] == json.loads(before)["$id"]
        return
    if name in TRANSLATED_BY_CATALOG or name in SCHEDULE_BY_DAYS:
        assert out == _read(GOLDEN / "after" / f"{name}.out")
        return
    if name in CHECK_AUDITS:
        assert out == outputs[CHECK_AUDITS[name]][0]
    elif name in INTENDED_NEW_FINDINGS:
        same_findings_as_before(name, out, before)
    elif name in JSON_MESSAGES_UNIFIED:
        assert out != before and numbers_unified(out) == numbers_unified(before)
    elif "json" in name or name.startswith(("schema", "check")):
        assert out == before  # machine formats did not change at all
    else:
        if name in DEMO_REPORT_AUDIT:  # the round step is new and last
            rule = "\n" + "=" * 78 + "\n"
            *kept, last = out.split(rule)
            assert any(last.startswith(h) or h in last.split("\n", 1)[0] for h in ROUND_STEP)
            out = rule.join(kept)
        if name in TRANSLATED_SECTIONS:
            out = _without_section(out, TRANSLATED_SECTIONS[name])
            before = _without_section(before, TRANSLATED_SECTIONS[name])
        for old, new in INTENDED.get(name, {}).items():
            before = before.replace(old, new)
        if name in DEMO_REPORT_AUDIT:
            out, before = without_report_audit(out), without_report_audit(before)
        assert dates_unified(out) == dates_unified(before)
    if protocol:
        suffix = ".json" if name.endswith("json") else ".txt"
        old = _read(GOLDEN / "before" / f"{name}.protocol{suffix}")
        if suffix == ".json":
            assert protocol == old
        else:
            assert numbers_unified(protocol) == numbers_unified(old)


def test_numbers_unified_sees_only_number_formatting() -> None:
    assert numbers_unified("a  1\u00a0600\u00a0000,00\u00a0₸ b\n") == numbers_unified(
        "a KZT1,600,000.00 b\n"
    )
    assert numbers_unified("score 78.75\n") == numbers_unified("score 78,75\n")
    assert numbers_unified("rank 1\n") != numbers_unified("rank 2\n")
    assert numbers_unified("funded\n") != numbers_unified("not funded\n")
    assert numbers_unified("total 1\u00a0600\u00a0000,00\u00a0₸; x\n") == numbers_unified(
        "total KZT1,600,000.00; x\n"
    )
    assert numbers_unified("W 0,250\n") == numbers_unified("W 0.250\n")
    assert numbers_unified("8,093,600.00\n") == numbers_unified("8093600.00\n")
    assert dates_unified("22 Feb, Mon\n") == dates_unified("22 февр., пн\n")
    assert dates_unified("22 Feb\n") != dates_unified("23 Feb\n")
