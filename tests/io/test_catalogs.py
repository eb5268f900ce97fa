"""The ru and kk message catalogs (issue 15): complete, consistent, compiled the same way."""

from __future__ import annotations

import gettext
import importlib.util
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

from civicgrants.io.labels import (
    DOMAIN,
    LOCALE_DIR,
    REVIEW_NOTE,
    needs_review,
    ntr,
    tr,
    translations,
)

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("ru", "kk")


def catalog(lang: str):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as fp:
        return read_po(fp, locale=lang, domain=DOMAIN)


def template():
    with (LOCALE_DIR / f"{DOMAIN}.pot").open("rb") as fp:
        return read_po(fp, domain=DOMAIN)


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


def _ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("lang", LANGS)
def test_no_empty_translation(lang: str) -> None:
    empty = [m.id for m in catalog(lang) if m.id and not all(_strings(m))]
    assert empty == []


@pytest.mark.parametrize("lang", LANGS)
def test_translations_name_no_unknown_placeholder(lang: str) -> None:
    for m in catalog(lang):
        if not m.id:
            continue
        wanted = _fields(_ids(m)[0])
        if m.context == "finding":  # a template names the finding's numbers, not the msgid's
            assert wanted == set()
            continue
        for text in _strings(m):  # a translation may leave a word out ({day}), never add one
            assert _fields(text) <= wanted, (m.id, text)


def test_every_extracted_text_is_translated() -> None:
    """The .pot (pybabel extract, see docs/decisions.md) and the catalogs hold the same texts."""
    pot = {(m.context, _ids(m)[0]) for m in template() if m.id}
    assert len(pot) > 300
    for lang in LANGS:
        po = {(m.context, _ids(m)[0]) for m in catalog(lang) if m.id}
        # ru shows the findings' own Russian messages; kk renders them from the code
        expected = pot if lang == "kk" else {k for k in pot if k[0] != "finding"}
        assert po == expected, sorted(po ^ expected)[:10]


def test_the_template_is_what_pybabel_extracts(tmp_path: Path) -> None:
    from babel.messages.frontend import CommandLineInterface

    out = tmp_path / "civicgrants.pot"
    CommandLineInterface().run(
        ["pybabel", "--quiet", "extract", "-F", str(ROOT / "babel.cfg"), "-k", "N_", "-k", "C_:1c,2",
         "-k", "tr:1", "-k", "ntr:1,2", "--no-wrap", "--sort-by-file", "--omit-header",
         "-o", str(out), str(ROOT / "src" / "civicgrants")]
    )  # fmt: skip
    with out.open("rb") as fp:
        fresh = {(m.context, _ids(m)[0]) for m in read_po(fp) if m.id}
    assert fresh == {(m.context, _ids(m)[0]) for m in template() if m.id}


def test_kazakh_drafts_are_marked_for_a_native_speaker() -> None:
    drafts = needs_review("kk")
    marked = [m for m in catalog("kk") if m.id and m.fuzzy]
    assert drafts and len(marked) == len(drafts)
    assert all(REVIEW_NOTE in " ".join(m.auto_comments) for m in marked)
    assert needs_review("ru") == []  # Russian is written by the authors, none are drafts
    # a draft is shown (never replaced by English in silence)
    assert tr("Method of Equal Shares", "kk") == "тең үлестер әдісі"


def test_the_build_hook_compiles_what_the_library_reads(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    written = hook.compile_catalogs(LOCALE_DIR, tmp_path)
    assert sorted(written.values()) == [
        "civicgrants/locale/kk/LC_MESSAGES/civicgrants.mo",
        "civicgrants/locale/ru/LC_MESSAGES/civicgrants.mo",
    ]
    for lang in LANGS:
        with (tmp_path / lang / "LC_MESSAGES" / "civicgrants.mo").open("rb") as fp:
            compiled = gettext.GNUTranslations(fp)
        in_memory = translations(lang)
        for m in catalog(lang):
            if m.id and not isinstance(m.id, tuple):
                if m.context:
                    assert compiled.pgettext(m.context, m.id) == in_memory.pgettext(m.context, m.id)
                else:
                    assert compiled.gettext(m.id) == in_memory.gettext(m.id) == m.string


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["ru", "kk", "en"]))
def test_counted_words_name_the_count(n: int, lang: str) -> None:
    for singular, plural in (("{n} error", "{n} errors"), ("{n} warning", "{n} warnings")):
        text = ntr(singular, plural, n, lang)
        assert re.fullmatch(rf"{n} \w+", text), text
    ru = ntr("{n} error", "{n} errors", n, "ru")
    expected = "ошибка" if n % 10 == 1 and n % 100 != 11 else (
        "ошибки" if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else "ошибок"
    )  # fmt: skip
    assert ru == f"{n} {expected}"


def test_holiday_names_in_every_language() -> None:
    import datetime as dt

    from civicgrants.io.schedule import holiday_name
    from civicgrants.schedule.calendar import WorkCalendar

    holidays = WorkCalendar().holidays_between(dt.date(2020, 1, 1), dt.date(2026, 12, 31))
    assert len(holidays) > 60
    for h in holidays:
        assert holiday_name(h, "en") == h.name
        for lang in LANGS:
            name = holiday_name(h, lang)
            assert not re.search(r"[A-Za-z]{3,}", name), (lang, h.name, name)


def test_every_finding_of_the_shipped_examples_has_a_kazakh_template() -> None:
    """Kazakh findings are written from the catalog's template, not shown in Russian."""
    from civicgrants.datasets import seed_001_dossier, seed_002_final_report, seed_003_final_report
    from civicgrants.dossier import audit, check_final_report
    from civicgrants.io.findings import finding_message, untranslated_codes

    findings = [*audit(seed_001_dossier()).findings]
    for report in (seed_002_final_report(), seed_003_final_report()):
        findings += check_final_report(report).findings
    assert len({f.code for f in findings}) >= 20
    assert untranslated_codes(findings, "kk") == []
    for f in findings:  # every template names only the numbers its findings carry
        text = finding_message(f, "kk")
        assert text != f.message_ru, (f.code, f.location)
