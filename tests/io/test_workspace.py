"""A round as a folder: written, read back, and every problem named by its file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from civicgrants.cli import main
from civicgrants.datasets.example_round import example_round
from civicgrants.errors import DocumentError
from civicgrants.io.workspace import dump_round, load_round
from civicgrants.round import Round


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return Path(dump_round(example_round(), tmp_path / "round").folder)


def _problems(folder: Path) -> list[str]:
    with pytest.raises(DocumentError) as info:
        load_round(folder)
    return [str(p) for p in info.value.problems]


def test_a_round_reads_back_as_written(folder: Path) -> None:
    r, loaded = example_round(), load_round(folder)
    assert (loaded.call, loaded.programme, loaded.agreements, loaded.reports) == (
        r.call,
        r.programme,
        r.agreements,
        r.reports,
    )
    assert [(s.application, s.member, s.criterion, s.score) for s in loaded.scores.scores] == [
        (s.application, s.member, s.criterion, s.score) for s in r.scores.scores
    ]


def test_the_same_round_is_written_byte_for_byte(tmp_path: Path) -> None:
    a = dump_round(example_round(), tmp_path / "a")
    b = dump_round(example_round(), tmp_path / "b")
    assert a.files == b.files
    for name in a.files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_a_missing_file_is_named(folder: Path) -> None:
    (folder / "call.json").unlink()
    assert any(p.startswith("call.json") for p in _problems(folder))


def test_a_dangling_reference_names_its_file_and_path(folder: Path) -> None:
    path = folder / "agreements" / "SYN-GA-03.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["application"] = "SYN-NOBODY"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _problems(folder) == [
        "agreements/SYN-GA-03.json: application: no application 'SYN-NOBODY' in call "
        "SYN-II-mangistau"
    ]


def test_tranches_beyond_the_award_are_a_located_problem(folder: Path) -> None:
    path = folder / "agreements" / "SYN-GA-01.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["tranches"][0]["amount"] = {"amount": "99000000.00", "currency": "KZT"}
    path.write_text(json.dumps(data), encoding="utf-8")
    (problem,) = _problems(folder)
    assert problem.startswith("agreements/SYN-GA-01.json: ") and "the award is" in problem


def test_a_report_for_an_unknown_agreement(folder: Path) -> None:
    path = next((folder / "reports").iterdir())
    data = json.loads(path.read_text(encoding="utf-8"))
    data["agreement"]["number"] = "NO-SUCH"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _problems(folder) == [
        f"reports/{path.name}: agreement.number: no agreement numbered 'NO-SUCH' in the round"
    ]


def test_nothing_in_the_folder_is_silently_skipped(folder: Path) -> None:
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    (folder / "agreements" / "draft.txt").write_text("x", encoding="utf-8")
    problems = _problems(folder)
    assert "notes.txt: not part of the round's layout (round.json)" in problems
    assert "agreements/draft.txt: not a .json document" in problems


def test_every_problem_at_once(folder: Path) -> None:
    (folder / "programme.json").write_text("{", encoding="utf-8")
    (folder / "agreements" / "SYN-GA-02.json").write_text("[]", encoding="utf-8")
    problems = _problems(folder)
    assert {p.split(":", 1)[0] for p in problems} >= {"programme.json", "agreements/SYN-GA-02.json"}


def test_init_refuses_to_overwrite_a_round(folder: Path) -> None:
    with pytest.raises(DocumentError, match="the folder holds a round"):
        dump_round(example_round(), folder)


def test_the_commands(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    out = io.StringIO()
    assert main(["round", "status", str(folder), "--on", "2021-12-01"], out=out) == 0
    text = out.getvalue()
    assert "SYNTHETIC parts" in text and "final report of agreement SYN-06" in text
    out = io.StringIO()
    assert main(["round", "status", str(folder), "--format", "json"], out=out) == 0
    assert json.loads(out.getvalue())["funnel"][3] == {
        "stage": "funded",
        "count": 18,
        "money": "36100000.00",
    }
    out = io.StringIO()
    assert main(["round", "init", str(tmp_path / "new")], out=out) == 0
    assert out.getvalue().startswith(f"wrote round example-round to {tmp_path / 'new'}")
    (folder / "call.json").unlink()
    out, err = io.StringIO(), io.StringIO()
    assert main(["round", "status", str(folder)], out=out, err=err) == 2
    assert out.getvalue() == ""  # errors only on stderr, on one line
    assert err.getvalue().count("\n") == 1
    assert f"{folder}: call.json: no such file" in err.getvalue()


def test_application_documents_belong_to_the_call(folder: Path) -> None:
    apps = folder / "applications"
    assert len(list(apps.iterdir())) == 53
    path = apps / "SYN-II-MAN-01.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["id"] = "SYN-II-MAN-99"
    (apps / "SYN-II-MAN-99.json").write_text(json.dumps(data), encoding="utf-8")
    path.unlink()
    (apps / "agreement.json").write_text(
        (folder / "agreements" / "SYN-GA-01.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert sorted(_problems(folder)) == [
        "applications/SYN-II-MAN-99.json: id: no application 'SYN-II-MAN-99' in call "
        "SYN-II-mangistau",
        "applications/agreement.json: schema: expected a document of Application or Dossier",
    ]


def test_a_folder_entry_of_the_wrong_kind_is_a_problem(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder / "reports")
    (folder / "reports").write_text("x", encoding="utf-8")
    shutil.rmtree(folder / "applications")
    (folder / "applications").symlink_to(folder / "applications")  # a link to itself
    problems = _problems(folder)
    assert "reports: must be a folder of .json documents (not a link)" in problems
    assert "applications: must be a folder of .json documents (not a link)" in problems


def test_the_manifest_names_files_in_the_folder_only(folder: Path) -> None:
    data = json.loads((folder / "round.json").read_text(encoding="utf-8"))
    data["call"] = "../elsewhere/call.json"
    data["scores"] = "/etc/passwd"
    (folder / "round.json").write_text(json.dumps(data), encoding="utf-8")
    assert _problems(folder) == [
        "round.json: call: must name a file in the folder, got '../elsewhere/call.json'",
        "round.json: scores: must name a file in the folder, got '/etc/passwd'",
    ]


def test_a_pipe_never_blocks_the_reader(folder: Path) -> None:
    import os

    (folder / "call.json").unlink()
    os.mkfifo(folder / "call.json")
    assert _problems(folder)[0] == "call.json: not a regular file (a pipe or a device?)"


def test_scores_the_decision_would_refuse_are_refused_when_read(folder: Path) -> None:
    path = folder / "scores.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")  # a duplicate row
    problems = _problems(folder)
    assert problems and all(p.startswith("scores.csv") for p in problems)


def test_two_reports_with_one_id(folder: Path) -> None:
    first = sorted((folder / "reports").iterdir())[0]
    (folder / "reports" / "zz-copy.json").write_text(first.read_text(encoding="utf-8"))
    assert _problems(folder) == [
        f"reports/zz-copy.json: id: '{first.stem}' is also reports/{first.name}"
    ]


def _ballot_round(**changes: object) -> Round:
    import attrs

    from tests.round.test_model import ballots

    r = example_round()
    return attrs.evolve(r, ballots=ballots(r), scores=None, rule="mes", completion="utilitarian",
                        **changes)  # fmt: skip


def test_a_round_with_ballots_and_memoranda_reads_back_equal(tmp_path: Path) -> None:
    r = _ballot_round()
    written = dump_round(r, tmp_path / "vote")
    assert "ballots.pb" in written.files
    assert [f for f in written.files if f.startswith("memoranda/")] == [
        f"memoranda/{m.id}.json" for m in sorted(r.memoranda, key=lambda m: m.id)
    ]
    manifest = json.loads((tmp_path / "vote" / "round.json").read_text(encoding="utf-8"))
    assert (manifest["ballots"], manifest["rule"], manifest["completion"]) == (
        "ballots.pb",
        "mes",
        "utilitarian",
    )
    assert load_round(tmp_path / "vote") == r
    dump_round(r, tmp_path / "again")
    for name in written.files:
        assert (tmp_path / "vote" / name).read_bytes() == (tmp_path / "again" / name).read_bytes()


def test_the_example_round_s_memoranda_read_back(folder: Path) -> None:
    assert load_round(folder).memoranda == example_round().memoranda


def test_the_status_of_a_ballot_round_read_from_its_folder(tmp_path: Path) -> None:
    from civicgrants.pb import count
    from civicgrants.round import round_status

    r = _ballot_round(agreements=(), reports=())
    status = round_status(load_round(dump_round(r, tmp_path / "vote").folder))
    selected = count(r.ballots, rule="mes", completion="utilitarian").outcome.selected
    assert status.stage("funded").count == len(selected) and status.vote_rule == "mes/utilitarian"
    assert status.stage("scored").count == 5


def test_problems_in_the_ballots_are_located_in_the_pb_file(tmp_path: Path) -> None:
    folder = Path(dump_round(_ballot_round(), tmp_path / "vote").folder)
    pb = folder / "ballots.pb"
    text = pb.read_text(encoding="utf-8")
    pb.write_text(text.replace("2;SYN-II-MAN-02", "2;SYN-II-MAN-77"), encoding="utf-8")
    assert _problems(folder) == ["ballots.pb:16: vote: unknown project 'SYN-II-MAN-77'"]
    # a project on the ballot that the call does not have: a dangling reference
    pb.write_text(text.replace("SYN-II-MAN-05", "SYN-X-05"), encoding="utf-8")
    assert _problems(folder) == [
        "ballots.pb: [SYN-X-05].project_id: no application 'SYN-X-05' in call SYN-II-mangistau"
    ]
    pb.unlink()
    assert _problems(folder) == ["ballots.pb: no such file"]
    import os

    os.mkfifo(pb)
    assert _problems(folder) == ["ballots.pb: not a regular file (a pipe or a device?)"]


def test_ballots_breaking_their_own_meta_are_refused_with_their_line(tmp_path: Path) -> None:
    # `civicgrants pb` counts such a file and prints the breach; a round decides on none
    folder = Path(dump_round(_ballot_round(), tmp_path / "vote").folder)
    pb = folder / "ballots.pb"
    text = pb.read_text(encoding="utf-8")
    pb.write_text(text.replace("vote_type;approval", "vote_type;approval\nmax_length;1"))
    assert _problems(folder) == ["ballots.pb:15: 2 projects, more than max_length 1"]


def test_an_agreement_the_vote_decided_in_a_round_without_usable_ballots(tmp_path: Path) -> None:
    import attrs

    from civicgrants.agreement.model import Decision, DecisionKind

    r = _ballot_round(reports=())
    voted = attrs.evolve(r.agreements[0], application="SYN-II-MAN-03",
                         decision=Decision(DecisionKind.VOTE, r.call.id))  # fmt: skip
    folder = Path(dump_round(attrs.evolve(r, agreements=(voted,)), tmp_path / "vote").folder)
    (folder / "ballots.pb").write_text("META\n", encoding="utf-8")
    # only the unreadable file is named; the agreement's reference to it is not a second problem
    assert _problems(folder) == ["ballots.pb:1: no PROJECTS section"]
    data = json.loads((folder / "round.json").read_text(encoding="utf-8"))
    del data["ballots"]
    (folder / "round.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "ballots.pb").unlink()
    assert _problems(folder) == [
        f"agreements/{voted.id}.json: decision.kind: the residents' vote decided it, but the "
        "round holds no ballots"
    ]


def test_the_manifest_s_counting_rule_is_checked(folder: Path) -> None:
    data = json.loads((folder / "round.json").read_text(encoding="utf-8"))
    data["rule"] = "borda"
    (folder / "round.json").write_text(json.dumps(data), encoding="utf-8")
    assert _problems(folder) == [
        "round.json: rule: must be one of greedy, mes, phragmen, max_welfare, maximin_support, cstv, pb_ear, got 'borda'"
    ]
    data["rule"], data["completion"] = "greedy", "add1"
    (folder / "round.json").write_text(json.dumps(data), encoding="utf-8")
    assert _problems(folder) == [
        "round.json: completion: add1 applies to the rule mes only, not greedy"
    ]


def test_a_memorandum_s_problems_name_its_file(folder: Path) -> None:
    path = folder / "memoranda" / "SYN-MEM-kuryk.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["localities"] = ["atlantis"]
    path.write_text(json.dumps(data), encoding="utf-8")
    (folder / "memoranda" / "notes.md").write_text("x", encoding="utf-8")
    assert _problems(folder) == [
        "memoranda/notes.md: not a .json document",
        "memoranda/SYN-MEM-kuryk.json: localities[0]: no locality 'atlantis' in programme "
        "public-spaces",
    ]


def test_the_rounds_own_html_report_in_its_folder_is_not_a_stray_file(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    dump_round(example_round(), folder)
    (folder / "report.html").write_text("<html></html>", encoding="utf-8")
    assert load_round(folder).id == "example-round"
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"notes\.txt"):
        load_round(folder)
