"""HTML reports: one self-contained page per report, charts drawn inline as SVG.

`round_report()` writes a round's report (``civicgrants round report``);
`civicgrants.io.html.charts` draws the charts. The pages are Jinja2
templates under ``templates/`` (shipped with the package); both Jinja2 and
matplotlib come with the ``report`` extra and are imported only when a report
is made.

Examples
--------
>>> from civicgrants.datasets.example_round import example_round
>>> round_report(example_round()).sections[:3]
('header', 'funnel', 'funding-line')
"""

from civicgrants.io.html.round import (
    CHARTS,
    SECTIONS,
    HtmlReport,
    round_report,
    write_report,
)

__all__ = ["CHARTS", "SECTIONS", "HtmlReport", "round_report", "write_report"]
