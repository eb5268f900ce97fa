"""ru, kk and en wherever people read (issue 15, part 6).

Every command takes ``--lang ru|kk|en``; every command, run on the shipped examples in ru
and kk, is scanned for English words (Latin-letter words of three letters or more that are
not names, codes, ids, units or file names): the test fails on any English word. The
shipped data's notes, the criteria and the places are written in the language too (the
notes through the catalogs, the criteria and places by their names in the data).
"""

from __future__ import annotations

import argparse
import io
import os
import re
from pathlib import Path

import pytest

from civicgrants.cli import build_parser, main
from tests.cli.golden import COMMANDS, ROOT, P

TEXT_RUNS: dict[str, list[str]] = {
    name: [a for i, a in enumerate(argv) if a != "--lang" and (i == 0 or argv[i - 1] != "--lang")]
    for name, argv in COMMANDS.items()
    if "json" not in name and "ics" not in name and not name.endswith(("-ru", "-kk"))
}
TEXT_RUNS |= {
    "round-init": ["round", "init", "{tmp}/round"],
    "round-status": ["round", "status", "{tmp}/round", "--on", "2021-12-01"],
    "round-report": ["round", "report", "{tmp}/round", "-o", "{tmp}/round.html"],
    # issue 16: what pb prints for Exact Equal Shares, the bounded MES, the ties and the analysis
    "pb-ees-analysis": ["pb", f"{P}/poland_warszawa_2018_zerzen.pb", "--rule", "ees",
                        "--completion", "add_opt", "--analysis"],
    "pb-mes-bounded": ["pb", f"{P}/poland_warszawa_2018_zerzen.pb", "--rule", "mes_bounded",
                       "--bounds", "sport=50000:,culture=:20000"],
    "pb-all-outcomes": ["pb", f"{P}/poland_warszawa_2018_zerzen.pb", "--rule", "mes",
                        "--all-outcomes", "--analysis"],
    # every rule's reasons, and the compositions' (the rule and budget, then its reason)
    "pb-phragmen": ["pb", f"{P}/poland_warszawa_2018_zerzen.pb", "--rule", "phragmen"],
    "pb-maximin": ["pb", f"{P}/poland_warszawa_2018_zerzen.pb", "--rule", "maximin_support"],
    "pb-max-welfare": ["pb", f"{P}/poland_warszawa_2018_zerzen.pb", "--rule", "max_welfare"],
    "pb-ear": ["pb", f"{P}/poland_krakow_2021_swoszowice.pb", "--rule", "pb_ear"],
    "pb-cstv": ["pb", f"{P}/synthetic/cstv_even_points.pb", "--rule", "cstv"],
    "pb-then": ["pb", f"{P}/poland_warszawa_2018_zerzen.pb", "--rule", "mes", "--then",
                "greedy", "--initial", "1604"],
    "pb-budget-increase": ["pb", f"{P}/poland_warszawa_2018_zerzen.pb", "--rule", "greedy",
                           "--budget-increase", "1000"],
    # the proportionality certificates: every axiom holds (a price system by equal shares, by
    # an LP), and every axiom fails with its witness (maximum welfare)
    "pb-check-mes": ["pb", f"{P}/poland_warszawa_2018_zerzen.pb", "--rule", "mes",
                     "--check", "all"],
    "pb-check-greedy": ["pb", f"{P}/poland_warszawa_2018_zerzen.pb", "--rule", "greedy",
                        "--check", "all"],
    "pb-check-max-welfare": ["pb", f"{P}/poland_warszawa_2018_zerzen.pb", "--rule",
                             "max_welfare", "--check", "all"],
}  # fmt: skip

# a JSON Schema and the list of document types (their ids) are machine text, the same in
# every language
MACHINE = {"schema-list", "schema-call"}

# names, codes, units and identifiers that stay as they are in every language
ALLOWED = {
    "KZT", "civicgrants", "pabulib", "META", "MES", "json", "csv", "xlsx", "html", "src",
    "datasets", "tests", "data", "seed", "example", "scoring", "cli", "pb", "lang",
    # the programme's Kazakh name in Latin letters, a step's key, a round's folders
    "Qoğamdyq", "Keñıstıkter", "team", "applications", "scores", "agreements", "reports",
    "memoranda",
    # pabulib keys: the satisfaction and tie-break functions a file names
    "cost", "cardinality", "points", "lexico", "borda",
    # the equal-shares rules' symbol: the price per unit of satisfaction, as their reasons name it
    "rho",
    # rules known by their acronyms (PB-EAR, CSTV), as MES is
    "EAR", "CSTV",
    # the axioms known by their names in the literature (priceability; EJR, PJR are acronyms),
    # and the LP solver the priceability certificate names
    "EJR", "PJR", "priceability", "HiGHS",
    # a final report's part keys, which its audit names
    "finances", "situation",
    # ids: a stage's (I, II, III) and the parts of the synthetic round's ids (SYN-II-MAN-28)
    "III", "SYN", "MAN",
}  # fmt: skip
_CODE = re.compile(
    r"\b[a-z0-9]+(?:[-_.][a-z0-9]+)+\b|\S*/\S*|\b[\w.-]+\.(?:json|csv|pb|html)\b"
    r"|\b\w+\[[^\]]*\](?:\.\w+\[[^\]]*\])*|\b\w+=[^\s,]+"  # paths in a document, key=value
    r"|(?m:^\$ .*$)|`[^`\n]*`"  # a shell line the demo shows, a command in backquotes
)
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f']{2,}")


def leaf_commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> dict:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return {path: parser}
    found = {}
    for name, sub in subs[0].choices.items():
        found |= leaf_commands(sub, (*path, name))
    return found


def _command_of(argv: list[str]) -> tuple[str, ...]:
    return tuple(a for a in argv[:2] if not a.startswith("-") and "/" not in a and "." not in a)


def input_words(argv: list[str]) -> set[str]:
    """The words of the run's input files: names from the data (titles, sections, places)."""
    words: set[str] = set()
    for arg in argv:
        path = ROOT / arg
        if "{" not in arg and path.is_file():
            words |= set(_WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return words


def english_words(text: str, allowed: set[str]) -> set[str]:
    text = _CODE.sub(" ", text)
    return {w for w in _WORD.findall(text) if w.strip("'") not in allowed}


def run(argv: list[str], tmp: Path) -> tuple[str, int]:
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        status = main([a.replace("{tmp}", str(tmp)) for a in argv], out=out, err=err)
    finally:
        os.chdir(here)
    return out.getvalue() + err.getvalue(), status


def test_every_command_takes_lang() -> None:
    leaves = leaf_commands(build_parser())
    assert len(leaves) >= 13
    for path, parser in leaves.items():
        (lang,) = [a for a in parser._actions if "--lang" in a.option_strings]
        assert list(lang.choices) == ["ru", "kk", "en"], path
        assert lang.default == "en", path


def test_every_command_is_run_in_ru_and_kk() -> None:
    leaves = set(leaf_commands(build_parser()))
    run_commands = {_command_of(argv) for argv in TEXT_RUNS.values()}
    assert leaves <= run_commands, leaves - run_commands


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[str, int]]:
    found = {}
    for lang in ("ru", "kk"):
        tmp = tmp_path_factory.mktemp(lang)
        for name, argv in TEXT_RUNS.items():
            found[name, lang] = run([*argv, "--lang", lang], tmp)
    return found


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("name", list(TEXT_RUNS))
def test_no_english_but_names_and_codes(
    outputs: dict[tuple[str, str], tuple[str, int]], name: str, lang: str
) -> None:
    text, status = outputs[name, lang]
    assert status in (0, 1), text
    assert text.strip()
    if name in MACHINE:
        assert (
            text == outputs[name, "ru" if lang == "kk" else "kk"][0]
        )  # the same in every language
        return
    allowed = ALLOWED | input_words(TEXT_RUNS[name])
    assert english_words(text, allowed) == set()


def test_the_scan_finds_english() -> None:
    assert english_words("Строка 2: not an amount (see rows.csv)", set()) == {
        "not",
        "amount",
        "see",
    }
    assert english_words("код subtotal-mismatch в src/x.csv, KZT", {"KZT"}) == set()
    assert english_words("Qoğamdyq әдістемесі", set()) == {"Qoğamdyq"}
    assert english_words("records[1].breakdown[sex]  dimension=sex, sum=8 not", set()) == {"not"}
    assert english_words("$ civicgrants round init DIR\nзаписан раунд", set()) == set()
    assert english_words("сохраняет `civicgrants demo --out DIR`, not", set()) == {"not"}
