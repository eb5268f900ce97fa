"""Draw the pictures the docs show (run after changing the schedule, its drawing or the round report).

python tools/build_docs_images.py [--gantt-only]

The round report's screenshot needs the report extra, Playwright and Debian's chromium.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from civicgrants.io.schedule import save_gantt, save_season_gantt
from civicgrants.schedule import (
    Season,
    SeasonLocality,
    Trainer,
    Travel,
    plan,
    plan_season,
    public_spaces_methodology,
)

DOCS = Path(__file__).resolve().parents[1] / "docs" / "img"


def main() -> None:
    stage_iii = plan(public_spaces_methodology(), dt.date(2021, 2, 1))
    print(save_gantt(stage_iii, DOCS / "stage-iii-gantt.svg"))
    spring = plan(public_spaces_methodology(), dt.date(2027, 2, 15))
    title = "Start 15 Feb 2027: the training spills a day, drafting absorbs it"
    print(save_gantt(spring, DOCS / "spring-2027-gantt.svg", title=title))
    delayed = spring.delay("4", weeks=2)
    title = "Start 15 Feb 2027; drafting slips 2 weeks, more than building absorbs"
    print(save_gantt(delayed, DOCS / "delayed-gantt.svg", title=title))
    print(save_season_gantt(many_villages(), DOCS / "season-gantt.svg"))
    if "--gantt-only" not in sys.argv:
        round_report_screenshot(DOCS / "round-report.png")


def many_villages() -> Season:
    """The season of docs/schedule.md: 24 villages in four regions, five trainers."""
    regions = ("aktobe", "atyrau", "kyzylorda", "mangistau")
    villages = [
        SeasonLocality(
            f"{regions[i % 4][:3]}-{i // 4 + 1}",
            dt.date(2021, 2, 1) + dt.timedelta(weeks=i % 3),
            regions[i % 4],
        )
        for i in range(24)
    ]
    trainers = [Trainer(f"t-{r[:3]}", (r,)) for r in regions] + [Trainer("t-any")]
    return plan_season(
        public_spaces_methodology(),
        villages,
        trainers=trainers,
        travel=Travel(within=1, between=2),
    )


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
