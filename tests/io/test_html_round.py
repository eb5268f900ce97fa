"""The round's HTML report: deterministic bytes, three languages, nothing fetched, and a real browser.

The browser test opens the page in Debian's ``chromium`` through Playwright (no browser
download): every section and chart must be there and visible, the SVGs must have a size,
the console must stay free of errors and no request may leave the file. It skips when
Playwright or chromium is missing, unless ``CIVICGRANTS_REQUIRE_BROWSER=1`` (CI), where it
fails instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

pytest.importorskip("jinja2")
pytest.importorskip("matplotlib")

from civicgrants.datasets.example_round import example_round
from civicgrants.errors import MissingExtra
from civicgrants.io.html import CHARTS, SECTIONS, HtmlReport, round_report
from civicgrants.io.html import charts as html_charts
from civicgrants.io.html import round as html_round
from civicgrants.io.render import render
from civicgrants.round import Round, round_status

ON = dt.date(2021, 12, 1)
LANGS = ("en", "ru", "kk")


@pytest.fixture(scope="module")
def reports() -> dict[str, HtmlReport]:
    return {lang: round_report(example_round(), lang=lang, on=ON) for lang in LANGS}


# --- the page without a browser -------------------------------------------------------------


def test_the_same_round_renders_byte_identically_twice(reports: dict[str, HtmlReport]) -> None:
    again = round_report(example_round(), lang="en", on=ON)
    assert again.html.encode("utf-8") == reports["en"].html.encode("utf-8")
    assert again == reports["en"]


def test_another_process_renders_the_same_bytes(reports: dict[str, HtmlReport]) -> None:
    code = (
        "import datetime as dt; from civicgrants.datasets.example_round import example_round; "
        "from civicgrants.io.html import round_report; "
        "print(round_report(example_round(), lang='kk', on=dt.date(2021, 12, 1)).sha256)"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.strip() == reports["kk"].sha256


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_every_section_and_chart(
    reports: dict[str, HtmlReport], lang: str
) -> None:
    report = reports[lang]
    assert report.sections == SECTIONS
    assert report.charts == CHARTS
    assert report.html.startswith(f'<!DOCTYPE html>\n<html lang="{lang}">')
    for sid in report.sections:
        assert report.html.count(f'id="{sid}"') == 1
    for cid in report.charts:
        assert re.search(rf'<figure class="chart" id="{cid}">\n<svg role="img" ', report.html)


def test_the_words_and_numbers_are_in_the_page_language(reports: dict[str, HtmlReport]) -> None:
    en, ru, kk = (reports[lang].html for lang in LANGS)
    assert "Funding line" in en and "KZT103,600,000.00" in en and "Status on December 1, 2021" in en
    assert "Линия финансирования" in ru and "103\xa0600\xa0000,00\xa0₸" in ru
    assert "Қаржыландыру сызығы" in kk and "Құрық" in kk and "млн ₸" in kk
    # the charts' notes are written in the language too (a decimal comma)
    assert "53 · 103,6 млн ₸" in kk and "53 · 103.6 million KZT" in en


def test_the_synthetic_notice_is_shown_only_for_a_synthetic_round(
    reports: dict[str, HtmlReport],
) -> None:
    assert 'class="synthetic"' in reports["en"].html
    assert (
        "SYNTHETIC parts (not published data): applications, scores, agreements, reports"
        in reports["en"].html
    )
    published = attrs.evolve(example_round(), synthetic=())
    assert 'class="synthetic"' not in round_report(published).html


def test_nothing_in_the_page_is_fetched(reports: dict[str, HtmlReport]) -> None:
    for report in reports.values():
        html = report.html
        # every src or href points inside the page
        targets = re.findall(r'\b(?:src|href)\s*=\s*"([^"]*)"', html)
        assert targets and all(t.startswith("#") for t in targets), set(targets)
        assert not re.search(r"(?i)<(script|link|img|iframe|object|embed)\b", html)
        assert not re.search(r"(?i)@import|@font-face", html)
        assert set(re.findall(r"url\((.)", html)) <= {"#"}
        assert "default-src 'none'" in html  # and the browser is told to fetch nothing


def test_ids_are_unique_across_the_inline_charts(reports: dict[str, HtmlReport]) -> None:
    ids = re.findall(r'\bid="([^"]+)"', reports["en"].html)
    assert len(ids) == len(set(ids))
    for ref in re.findall(r'(?:url\(#|href="#)([^)"]+)', reports["en"].html):
        assert ref in ids


def test_the_funding_line_adds_up_to_the_commission_s_grants(
    reports: dict[str, HtmlReport],
) -> None:
    html = reports["en"].html
    section = html[html.index('<section id="funding-line"') : html.index('<section id="sources"')]
    assert "Pot KZT36,100,000.00; granted KZT36,100,000.00 to 18 applications." in section
    assert section.count('<tr class="funded">') + section.count('<tr class="partial">') == 18
    assert section.count('<tr class="not-funded">') == 53 - 18


def test_a_round_without_scores_season_or_reports_says_so() -> None:
    bare = Round("bare", "A bare round", example_round().call)
    report = round_report(bare, lang="ru")
    assert report.sections == tuple(s for s in SECTIONS if s != "overdue")
    assert report.charts == ("chart-funnel", "chart-sources")
    assert "Оценок пока нет" in report.html
    assert "В раунде не указано начало сезона" in report.html
    assert "Итоговых отчётов пока нет" in report.html
    assert "Состояние по документам" in report.html


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="lang: must be one of en, ru, kk"):
        round_report(example_round(), lang="de")


def test_a_missing_extra_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingExtra, match=r"pip install 'civicgrants\[report\]'"):
        html_charts.require()
    monkeypatch.setitem(sys.modules, "jinja2", None)
    html_round._environment.cache_clear()
    try:
        with pytest.raises(MissingExtra, match=r"pip install 'civicgrants\[report\]'"):
            round_report(example_round())
    finally:
        html_round._environment.cache_clear()


def test_the_views_summarise_the_report(reports: dict[str, HtmlReport]) -> None:
    report = reports["ru"]
    size = f"{report.size:,}".replace(",", "\xa0")
    assert render(report, lang="ru") == (
        f"отчёт о раунде example-round (ru): разделов 8, графиков 5, байт {size}\n"
    )
    data = render(report, "json")
    assert f'"sha256": "{hashlib.sha256(report.html.encode()).hexdigest()}"' in data


# --- the page in a real browser -------------------------------------------------------------


def _unavailable(reason: str) -> None:
    if os.environ.get("CIVICGRANTS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"CIVICGRANTS_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install playwright)")
    chromium = shutil.which("chromium")
    if chromium is None:
        _unavailable("Debian's chromium is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium)
        try:
            yield launched
        finally:
            launched.close()


def _open(browser: Any, page_file: Path) -> tuple[Any, list[str], list[str]]:
    """Open ``page_file``; the page, the console errors and every request that left the file."""
    url = page_file.resolve().as_uri()
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    away: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: away.append(r.url) if r.url != url else None)

    def route(r: Any) -> None:
        if r.request.url == url:
            r.continue_()
        else:
            away.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(url, wait_until="load")
    return page, errors, away


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_renders_in_a_real_browser(
    browser: Any, reports: dict[str, HtmlReport], tmp_path: Path, lang: str
) -> None:
    report = reports[lang]
    page_file = tmp_path / f"report-{lang}.html"
    page_file.write_bytes(report.html.encode("utf-8"))
    page, errors, away = _open(browser, page_file)
    try:
        shot = page.screenshot(full_page=True, path=str(tmp_path / f"report-{lang}.png"))
        assert shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 50_000
        assert (tmp_path / f"report-{lang}.png").stat().st_size == len(shot)
        assert page.title() == example_round().title
        for sid in report.sections:
            assert page.locator(f"#{sid}").is_visible(), sid
        for cid in report.charts:
            svg = page.locator(f"#{cid} > svg")
            assert svg.is_visible(), cid
            box = svg.bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 100, (cid, box)
            assert svg.locator("text").count() > 5, cid  # the labels are text, not paths
        assert page.locator("#funnel tbody tr").count() == 8
        assert page.locator("#funding-line tbody tr").count() == 53
        assert page.locator("#localities tbody tr").count() == len(
            round_status(example_round()).localities
        )
        overdue = round_status(example_round(), on=ON).overdue
        assert {o.kind for o in overdue} == {"tranche", "report", "duty"}
        assert page.locator("#overdue li").count() == len(overdue) == 11
        assert errors == []
        assert away == []
    finally:
        page.close()


def test_the_browser_check_would_see_a_request_leave_the_file(
    browser: Any, reports: dict[str, HtmlReport], tmp_path: Path
) -> None:
    """Not vacuous: a page that asks for an outside image is caught (blocked and reported)."""
    html = reports["en"].html.replace(
        "<footer>", '<footer><img src="https://example.invalid/pixel.png" alt="">', 1
    )
    page_file = tmp_path / "leaky.html"
    page_file.write_bytes(html.encode("utf-8"))
    page, errors, away = _open(browser, page_file)
    try:
        assert errors or away
        assert any("example.invalid" in e for e in errors + away)
    finally:
        page.close()
