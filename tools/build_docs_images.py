"""Draw the pictures the docs show (run after changing the schedule or its drawing).

python tools/build_docs_images.py
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


if __name__ == "__main__":
    main()
