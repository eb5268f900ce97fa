"""The ``civicgrants pb`` command and the demo step."""

from __future__ import annotations

import io
import json
from pathlib import Path

from civicgrants.cli import main

LOCAL = Path(__file__).resolve().parents[1] / "data" / "pabulib"
ZERZEN = str(LOCAL / "poland_warszawa_2018_zerzen.pb")


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_json_greedy_and_mes() -> None:
    code, out, _ = _run("pb", ZERZEN, "--rule", "greedy", "--format", "json")
    assert code == 0
    body = json.loads(out)
    assert body["selected"] == ["1676", "1423", "199", "198"]
    assert body["cost"] == 152794 and body["budget"] == 156573 and body["rule"] == "greedy"
    code, out2, _ = _run("pb", ZERZEN, "--rule", "mes", "--format", "json")
    assert json.loads(out2)["selected"] == ["1423", "198"]
    assert _run("pb", ZERZEN, "--rule", "mes", "--format", "json")[1] == out2  # byte-identical
    code, out3, _ = _run(
        "pb", ZERZEN, "--rule", "mes", "--completion", "utilitarian", "--format", "json"
    )
    assert json.loads(out3)["selected"] == ["1423", "198", "1676", "199"]


def test_text_has_satisfaction_summary() -> None:
    code, out, _ = _run("pb", ZERZEN, "--rule", "mes", "--sat", "cardinality")
    assert code == 0
    assert "2 of 6 projects funded" in out
    assert "voters' satisfaction (cardinality" in out and "got nothing" in out
    assert "1676  supporters hold" in out


def test_bad_input_exits_2_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pb"
    bad.write_text(
        Path(ZERZEN)
        .read_text(encoding="utf-8")
        .replace("\n127;37;M;internet;1604,1676", "\n127;37;M;internet;1604,9999"),
        encoding="utf-8",
    )
    code, _, err = _run("pb", str(bad), "--rule", "mes")
    assert code == 2
    assert err.strip().endswith("vote: unknown project '9999'") and "bad.pb:" in err
    assert len(err.strip().splitlines()) == 1
    code, _, err = _run("pb", ZERZEN, "--sat", "points")
    assert code == 2 and "points" in err
    code, _, err = _run("pb", ZERZEN, "--completion", "add1")
    assert code == 2 and "--rule mes only" in err


def test_demo_shows_residents_vote() -> None:
    from civicgrants.cli import pb as _cli_pb

    out = io.StringIO()
    _cli_pb.demo(out)
    text = out.getvalue()
    assert "Step of the cycle: residents' vote" in text
    assert "greedy: funds 1676, 1423, 199, 198" in text
    assert "MES skips 1676: supporters hold" in text


def test_help_limits_the_pabutools_claim_to_lexico_ties() -> None:
    import argparse

    from civicgrants.cli import pb as _cli_pb

    parser = argparse.ArgumentParser(prog="civicgrants")
    sub = parser.add_subparsers()
    _cli_pb.add_parser(sub)
    text = " ".join(sub.choices["pb"].format_help().split())
    assert "With the default --tie-break lexico, selections equal pabutools 1.2.3's" in text
    assert "the other tie-breaks are not checked against pabutools" in text
    assert "selections match pabutools 1.2.3." not in text


def test_repeated_voter_id_exits_2_naming_both_lines(tmp_path: Path) -> None:
    lines = Path(ZERZEN).read_text(encoding="utf-8").split("\n")
    first = lines.index("VOTES") + 2
    lines.append(lines[first])
    bad = tmp_path / "dup.pb"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = _run("pb", str(bad))
    vid = lines[first].split(";")[0]
    assert code == 2
    assert err.strip().endswith(f"dup.pb:{len(lines)}: voter_id: {vid!r} repeats line {first + 1}")


def test_a_file_breaking_its_own_meta_is_counted_and_its_findings_printed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "x.pb"
    path.write_text(
        "META\nkey;value\nbudget;100\nvote_type;approval\nmax_length;1\nPROJECTS\n"
        "project_id;cost\nbig;80\ns1;30\nVOTES\nvoter_id;vote\n1;big\n2;s1,big\n",
        encoding="utf-8",
    )
    code, out, err = _run("pb", str(path))
    assert (code, err) == (1, "")
    last = out.splitlines()[-3:]
    assert last[0] == "counted on a file that breaks its own META: 1 error, 0 warnings, 0 info"
    assert last[1].split() == ["severity", "code", "where", "finding"]
    assert last[2].split(maxsplit=3) == [
        "error",
        "ballot-too-long",
        f"{path}:13",
        "2 projects, more than max_length 1",
    ]
    code, out, _ = _run("pb", str(path), "--format", "json")
    body = json.loads(out)
    assert code == 1 and body["selected"] == ["big"]
    assert [(f["code"], f["location"]) for f in body["findings"]] == [
        ("ballot-too-long", f"{path}:13")
    ]
    clean = json.loads(_run("pb", ZERZEN, "--format", "json")[1])
    assert "findings" not in clean  # a clean file's object is as before


def test_check_adds_the_certificates_in_text_and_json() -> None:
    code, out, _ = _run("pb", ZERZEN, "--rule", "mes", "--check", "ejr,ejr+")
    assert code == 0
    assert "EJR: yes" in out and "EJR+ up to one project: yes" in out and "PJR" not in out
    code, out, _ = _run("pb", ZERZEN, "--check", "all", "--format", "json")
    body = json.loads(out)
    axioms = [c["axiom"] for c in body["certificates"]["certificates"]]
    assert axioms == ["ejr", "ejr1", "pjr", "ejr+", "priceability"]
    assert body["selected"] == body["certificates"]["selected"] == ["1676", "1423", "199", "198"]
    assert _run("pb", ZERZEN, "--check", "all", "--format", "json")[1] == out  # byte-identical


def test_check_refuses_an_unknown_or_repeated_axiom_on_one_line() -> None:
    for bad in ("ejr,foo", "pjr,pjr", "ALL"):
        code, out, err = _run("pb", ZERZEN, "--check", bad)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and "--check takes 'all'" in err


def test_new_rules_at_the_command_line() -> None:
    for rule, chosen in (("phragmen", ["1423", "198", "1676", "199"]), ("max_welfare", None)):
        code, out, _ = _run("pb", ZERZEN, "--rule", rule, "--format", "json")
        assert code == 0, out
        body = json.loads(out)
        assert body["rule"] == rule and body["cost"] <= body["budget"]
        if chosen is not None:
            assert sorted(body["selected"]) == sorted(chosen)


def test_the_command_offers_exactly_what_the_library_counts() -> None:
    """The parser lists the choices by hand (building it imports no numpy): kept in step here."""
    import argparse

    from civicgrants.cli.pb import add_parser
    from civicgrants.pb import RULES, SATISFACTIONS, TIE_BREAKS
    from civicgrants.pb.counting import RULE_COMPLETIONS

    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    sub = parser._subparsers._group_actions[0].choices["pb"]  # type: ignore[union-attr]
    choices = {a.dest: a.choices for a in sub._actions if a.choices}
    assert tuple(choices["rule"]) == RULES
    assert tuple(choices["sat"]) == SATISFACTIONS
    assert tuple(choices["tie_break"]) == TIE_BREAKS
    every = dict.fromkeys(c for cs in RULE_COMPLETIONS.values() for c in cs)
    assert [None if c == "none" else c for c in choices["completion"]] == list(every)


def test_mes_options_at_the_command_line(tmp_path: Path) -> None:
    code, out, _ = _run("pb", ZERZEN, "--rule", "mes", "--details", "--format", "json")
    body = json.loads(out)
    assert code == 0 and [r["project"] for r in body["details"]["rounds"]] == ["1423", "198"]
    assert body["details"]["share"] == "52191/226" and len(body["details"]["group"]) == 678
    code, out, _ = _run("pb", ZERZEN, "--rule", "mes", "--details")
    assert "MES purchases (each voter started with 230.93" in out and "  2. 198  rho 1/131" in out
    code, out, _ = _run("pb", ZERZEN, "--rule", "mes", "--initial", "199", "--format", "json")
    assert json.loads(out)["selected"] == ["199", "1423", "198"]
    args = ("pb", ZERZEN, "--rule", "mes", "--tie-break", "equalshares", "--seed", "7")
    code, out, _ = _run(*args, "--format", "json")
    body = json.loads(out)
    assert body["seed"] == 7 and sorted(body["lot"]) == sorted(
        ["1676", "1423", "199", "198", "1604", "2120"]
    )
    assert _run(*args, "--format", "json")[1] == out  # replayable, byte-identical
    assert "ties broken last by a lot (seed 7)" in _run(*args)[1]
    code, out, _ = _run(
        "pb", ZERZEN, "--rule", "mes", "--completion", "add1", "--no-exhaustive-stop", "--integral"
    )
    assert code == 0 and "add1 completion" in out
    tied = tmp_path / "tied.pb"
    tied.write_text(
        "META\nkey;value\nnum_projects;2\nnum_votes;1\nbudget;5\nvote_type;approval\n"
        "PROJECTS\nproject_id;cost\na;5\nb;5\nVOTES\nvoter_id;vote\n1;a,b\n",
        encoding="utf-8",
    )
    code, _, err = _run("pb", str(tied), "--rule", "mes", "--tie-break", "refuse")
    assert code != 0 and "a tie between a, b in round 1" in err and err.count("\n") == 1


def test_exact_equal_shares_at_the_command_line() -> None:
    from civicgrants.io.pabulib import read_pb
    from civicgrants.pb.rules.exact_equal_shares import exact_equal_shares

    expected = exact_equal_shares(read_pb(ZERZEN), completion="add_opt")
    code, out, _ = _run(
        "pb", ZERZEN, "--rule", "ees", "--completion", "add_opt", "--format", "json"
    )
    body = json.loads(out)
    assert code == 0 and body["selected"] == list(expected.selected) == ["1676", "1423", "198"]
    assert body["rule"] == "ees" and body["completion"] == "add_opt" and body["cost"] == 104794
    code, out, _ = _run("pb", ZERZEN, "--rule", "ees")
    assert code == 0 and out.startswith("Exact Equal Shares, satisfaction cost")
    assert "  1423  cost 5,200  (302 of its 302 supporters pay 17.22 each;" in out
    code, out, _ = _run("pb", ZERZEN, "--rule", "ees", "--lang", "ru")
    assert "платят 302 из 302 его сторонников, по 17.22 каждый" in out
    for argv, message in (
        (
            ["--rule", "mes", "--completion", "add_opt"],
            "--completion add_opt applies to --rule ees only",
        ),
        (["--rule", "ees", "--completion", "add1"], "--completion add1 applies to --rule mes only"),
    ):
        code, out, err = _run("pb", ZERZEN, *argv)
        assert code == 2 and out == "" and err.count("\n") == 1 and message in err


def test_bounded_mes_at_the_command_line() -> None:
    code, out, _ = _run(
        "pb", ZERZEN, "--rule", "mes_bounded", "--bounds", "sport=50000:", "--format", "json"
    )
    body = json.loads(out)
    assert code == 0 and body["rule"] == "mes_bounded"
    assert body["selected"] == ["1423", "198", "1676"]  # sport's lower bound adds 1676
    code, out, _ = _run("pb", ZERZEN, "--rule", "mes_bounded", "--bounds", "sport=50000:")
    assert "1676  cost 87,594  (funded for the lower bound of sport: 0 funded of 50000" in out
    for argv, message in (
        (["--rule", "mes_bounded"], "--rule mes_bounded needs --bounds"),
        (["--rule", "mes_bounded", "--bounds", "sport=5"], "--bounds[0]: 'sport=5' must read"),
        (["--rule", "mes_bounded", "--bounds", "sport=x:"], "--bounds[0].lower: must be a number"),
        (["--bounds", "sport=1:"], "--bounds applies to --rule mes_bounded only, not greedy"),
        (["--groups", "target"], "--groups applies to --rule mes_bounded only"),
        (
            ["--rule", "mes_bounded", "--groups", "target", "--bounds", "culture=:1"],
            "bounds.culture: no project is in this group",
        ),
        (["--rule", "mes_bounded", "--groups", "nope", "--bounds", "a=:1"], "no column 'nope'"),
    ):
        code, out, err = _run("pb", ZERZEN, *argv)
        assert code == 2 and out == "" and err.count("\n") == 1 and message in err, (argv, err)


def test_all_outcomes_lists_every_tied_outcome(tmp_path: Path) -> None:
    tied = tmp_path / "tied.pb"
    tied.write_text(
        "META\nkey;value\nnum_projects;3\nnum_votes;2\nbudget;8\nvote_type;approval\n"
        "PROJECTS\nproject_id;cost\na;5\nb;5\nc;3\nVOTES\nvoter_id;vote\n1;a,b\n2;a,b,c\n",
        encoding="utf-8",
    )
    code, out, _ = _run("pb", str(tied), "--all-outcomes", "--format", "json")
    body = json.loads(out)
    assert code == 0 and body["outcomes"] == [["a", "c"], ["b", "c"]]
    assert body["selected"] == ["a", "c"]  # the tie-broken outcome stays as it was (lexico: a)
    code, out, _ = _run("pb", str(tied), "--all-outcomes")
    assert "every outcome the ties allow (2):\n  1. a, c  cost 8\n  2. b, c  cost 8\n" in out
    code, out, _ = _run("pb", str(tied), "--all-outcomes", "--lang", "ru")
    assert "все исходы, которые допускают равенства (2):\n  1. a, c  стоимость 8\n" in out
    code, out, _ = _run("pb", str(tied), "--rule", "mes", "--all-outcomes", "--format", "json")
    assert json.loads(out)["outcomes"] == [["a"], ["b"]]  # c: its one supporter holds 1.5 of 3
    code, out, err = _run("pb", str(tied), "--rule", "ees", "--all-outcomes")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "--all-outcomes lists every tied outcome of --rule greedy, mes, phragmen" in err
    assert "outcomes" not in json.loads(_run("pb", str(tied), "--format", "json")[1])


def test_analysis_adds_the_measures_in_text_and_json() -> None:
    from civicgrants.io.pabulib import read_pb
    from civicgrants.pb import equal_shares
    from civicgrants.pb.analysis import gini_coefficient, satisfactions

    e = read_pb(ZERZEN)
    chosen = equal_shares(e).selected
    gini = gini_coefficient(satisfactions(e, chosen, "cost"))
    code, out, _ = _run("pb", ZERZEN, "--rule", "mes", "--analysis", "--format", "json")
    a = json.loads(out)["analysis"]
    assert code == 0 and a["satisfaction"]["gini"] == f"{gini.numerator}/{gini.denominator}"
    assert (
        sum(a["satisfaction"]["histogram"]["counts"]) == 678 and a["satisfaction"]["sat"] == "cost"
    )
    assert a["categories"]["categories"] == [
        "culture",
        "education",
        "health",
        "public space",
        "sport",
    ]
    assert a["categories"]["funded"][0] == "1"  # MES funds culture projects only
    assert a["fair_share"]["counted"] == 678 and a["categories_note"] == ""
    code, out, _ = _run("pb", ZERZEN, "--rule", "mes", "--analysis")
    lines = out.splitlines()
    assert "analysis (cost): mean satisfaction 4,634.81, Gini coefficient 0.61;" in out
    assert any(
        x.startswith("voters per bin of satisfaction (21 bins from 0 to 152,794): 312 ")
        for x in lines
    )
    assert any(
        x.startswith(
            "category proportionality 0.8177 (share funded / share wanted): culture 100.00% / 51.88%"
        )
        for x in lines
    )
    code, out, _ = _run("pb", ZERZEN, "--rule", "mes", "--analysis", "--lang", "kk")
    assert "Джини коэффициенті 0,61" in out and "Gini" not in out
    assert "analysis" not in json.loads(_run("pb", ZERZEN, "--format", "json")[1])


def test_composed_rules_at_the_command_line() -> None:
    code, out, _ = _run("pb", ZERZEN, "--rule", "mes", "--then", "greedy", "--format", "json")
    body = json.loads(out)
    assert code == 0 and body["selected"] == ["1423", "198", "1676", "199"]
    assert body["rule"] == "mes" and body["completion"] == "greedy"
    code, out, _ = _run(
        "pb", ZERZEN, "--rule", "mes", "--budget-increase", "1000", "--format", "json"
    )
    body = json.loads(out)
    assert code == 0 and body["completion"] == "budget_increase" and body["cost"] <= body["budget"]
    code, out, err = _run("pb", ZERZEN, "--rule", "ees", "--then", "greedy")
    assert code == 2 and err.count("\n") == 1 and "not ees" in err
