"""Draw the pictures the docs show (run after changing the schedule, its drawing or the round report).

python tools/build_docs_images.py

The round report's screenshot needs the report extra, Playwright and Debian's chromium.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from civicgrants.io.schedule import save_gantt
from civicgrants.schedule import plan, public_spaces_methodology

DOCS = Path(__file__).resolve().parents[1] / "docs" / "img"


def main() -> None:
    stage_iii = plan(public_spaces_methodology(), dt.date(2021, 2, 1))
    print(save_gantt(stage_iii, DOCS / "stage-iii-gantt.svg"))
    delayed = plan(public_spaces_methodology(), dt.date(2021, 2, 15)).delay("5", weeks=2)
    print(
        save_gantt(
            delayed, DOCS / "delayed-gantt.svg", title="Start 15 Feb 2021; step 5 slips 2 weeks"
        )
    )

    round_report_screenshot(DOCS / "round-report.png")


def round_report_screenshot(path: Path) -> Path:
    """The top of the example round's HTML report, as the browser shows it."""
    import tempfile

    from playwright.sync_api import sync_playwright

    from civicgrants.datasets.example_round import example_round
    from civicgrants.io.html import round_report, write_report

    page_file = Path(tempfile.mkdtemp()) / "report.html"
    write_report(round_report(example_round(), on=dt.date(2021, 12, 1)), page_file)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 1100, "height": 1400})
        page.goto(page_file.as_uri())
        page.screenshot(path=str(path))
        browser.close()
    print(path)
    return path


if __name__ == "__main__":
    main()
