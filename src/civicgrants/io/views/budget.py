"""Text and JSON views of the budget results (see `civicgrants.io.render`).

* `BudgetCheck` — ``civicgrants budget check``: a summary
  line, the findings as a table, the printed and computed totals;
* `Summary` — ``civicgrants budget summary``: totals by
  section and by funding source, with shares, then what could not be computed and
  why (a ``—`` never stands unexplained).

Money goes through `civicgrants.io.fmt.money()`, shares through
`civicgrants.io.fmt.percent()`; JSON writes exact decimal strings. Texts
that come from the budget (items, names, the findings that quote them) go
through `civicgrants.errors.printable()`, so a control character or a line
separator in a cell is shown escaped and never moves the terminal or splits a
row of the table.

Examples
--------
>>> from civicgrants.budget import check
>>> from civicgrants.datasets import seed_001_budget
>>> from civicgrants.io.render import render
>>> print(render(check(seed_001_budget(), name="seed.csv"), "text").splitlines()[0])
seed.csv: 70 rows; 1 error, 1 warning, 0 info
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from civicgrants.budget.audit import BudgetCheck
from civicgrants.budget.summary import Summary
from civicgrants.errors import printable
from civicgrants.io.findings import (
    finding_message,
    findings_data,
    json_value,
    severity_word,
    tally,
)
from civicgrants.io.fmt import money, percent
from civicgrants.io.labels import N_, label
from civicgrants.io.render import data_view, dump_json, text_view
from civicgrants.io.table import table
from civicgrants.model.finding import Severity

if TYPE_CHECKING:
    from decimal import Decimal

    from civicgrants.model.money import Money

__all__ = ["LABELS", "check_data", "check_demo_text", "check_text", "summary_data", "summary_text"]

LABELS = {
    "rows": {"en": N_("rows")},
    "severity": {"en": N_("severity")},
    "code": {"en": N_("code")},
    "row": {"en": N_("row")},
    "finding": {"en": N_("finding")},
    "totals": {"en": N_("totals: stated {stated}; computed {computed}")},
    "stated": {"en": N_("stated {stated}; computed {computed}")},
    "by_section": {"en": N_("By section")},
    "section": {"en": N_("section")},
    "printed": {"en": N_("printed")},
    "computed": {"en": N_("computed")},
    "share": {"en": N_("share")},
    "by_source": {"en": N_("By source")},
    "source": {"en": N_("source")},
    "amount": {"en": N_("amount")},
    "not_computed": {"en": N_("Not computed (each — above), and why")},
    "demo_heading": {"en": N_("Step of the cycle: budgets")},
    "demo_intro": {
        "en": N_(
            "The cost estimate («Смета расходов», Annex 5) of a state social grant "
            "application (seed 001, {rows} rows), audited:"
        )
    },
    "demo_totals": {"en": N_("printed total {stated}; computed {computed}")},
}
"""The words of the budget views (English only so far: ru and kk fall back to it)."""

_NONE = "—"


def _money(value: Money | None, lang: str) -> str:
    return _NONE if value is None else money(value, lang)


def _percent(value: Decimal | None, lang: str) -> str:
    return _NONE if value is None else percent(value, lang)


def _tally(check: BudgetCheck, lang: str) -> str:
    return tally(check.findings, lang)


@text_view(BudgetCheck)
def check_text(check: BudgetCheck, lang: str) -> str:
    """``civicgrants budget check``: a summary line, the findings, the totals.

    Parameters
    ----------
    check : BudgetCheck
        The result of `civicgrants.budget.check()`.
    lang : str
        ``ru`` shows the findings' Russian messages, any other language the
        English ones; money is written in ``lang``.

    Returns
    -------
    str
        The text, ending with a newline.

    Examples
    --------
    >>> from civicgrants.budget import Budget, BudgetRow, check
    >>> from civicgrants.model import Money
    >>> print(check_text(check(Budget("b", (BudgetRow("1", item="x", declared_total=Money(5)),))), "en"))
    1 rows; 0 errors, 0 warnings, 0 info
    totals: stated —; computed KZT5.00
    <BLANKLINE>

    See Also
    --------
    check_data : the same as JSON.
    check_demo_text : the short form ``civicgrants demo`` prints.
    """
    head = f"{printable(check.name)}: " if check.name else ""
    lines = [f"{head}{check.rows} {label(LABELS, 'rows', lang)}; {_tally(check, lang)}"]
    rows = [
        [
            severity_word(f.severity.value, lang),
            f.code,
            printable(f.location),
            printable(finding_message(f, lang)),
        ]
        for f in check.findings
    ]
    if rows:
        header = [label(LABELS, key, lang) for key in ("severity", "code", "row", "finding")]
        lines.append(table(header, rows))
    lines.append(
        label(LABELS, "totals", lang).format(
            stated=_money(check.stated, lang), computed=_money(check.computed, lang)
        )
    )
    return "\n".join(lines) + "\n"


@data_view(BudgetCheck)
def check_data(check: BudgetCheck) -> str:
    """``civicgrants budget check --format json``: the findings and the totals.

    Parameters
    ----------
    check : BudgetCheck
        The result of `civicgrants.budget.check()`.

    Returns
    -------
    str
        A JSON object ``{"findings": [...], "totals": {"currency", "stated",
        "computed"}}``, every amount an exact decimal string.

    Examples
    --------
    >>> import json
    >>> from civicgrants.budget import check
    >>> from civicgrants.datasets import seed_001_budget
    >>> json.loads(check_data(check(seed_001_budget())))["totals"]
    {'currency': 'KZT', 'stated': '31891320.00', 'computed': '32051320.00'}

    See Also
    --------
    check_text : the same as text.
    civicgrants.io.findings.findings_data : the findings' JSON shape.
    """
    totals = {"currency": check.currency, "stated": check.stated, "computed": check.computed}
    return dump_json({"findings": findings_data(check.findings), "totals": json_value(totals)})


def check_demo_text(check: BudgetCheck, lang: str) -> str:
    """Write the budget step of ``civicgrants demo``: the audit's warnings and errors, totals.

    Parameters
    ----------
    check : BudgetCheck
        The check of seed 001's cost estimate.
    lang : str
        The language money is written in.

    Returns
    -------
    str
        A ``====`` rule, the heading, the intro, one line per finding that is
        not ``info`` and the printed and computed totals, ending with a newline.

    Examples
    --------
    >>> from civicgrants.budget import check
    >>> from civicgrants.datasets import seed_001_budget
    >>> text = check_demo_text(check(seed_001_budget(), participants={"3.5": 240}), "en")
    >>> print(text.splitlines()[-1])
      printed total KZT31,891,320.00; computed KZT32,051,320.00

    See Also
    --------
    check_text : the whole check, as ``civicgrants budget check`` prints it.
    """
    lines = [
        "",
        "=" * 78,
        label(LABELS, "demo_heading", lang),
        label(LABELS, "demo_intro", lang).format(rows=check.rows),
    ]
    for f in check.findings:
        if f.severity is not Severity.INFO:
            where, message = printable(f.location), printable(finding_message(f, lang))
            severity = severity_word(f.severity.value, lang)
            lines.append(f"  {severity:<7} {f.code:<18} {where:<6} {message}")
    if check.stated is not None and check.computed is not None:
        totals = label(LABELS, "demo_totals", lang).format(
            stated=money(check.stated, lang), computed=money(check.computed, lang)
        )
        lines.append(f"  {totals}")
    return "\n".join(lines) + "\n"


@text_view(Summary)
def summary_text(summary: Summary, lang: str) -> str:
    r"""``civicgrants budget summary``: the totals, then tables by section and by source.

    Parameters
    ----------
    summary : Summary
        The result of `civicgrants.budget.summarise()`.
    lang : str
        The language money and shares are written in.

    Returns
    -------
    str
        The text, ending with a newline; when some figure could not be
        computed, a last block says which and why (in Russian for ``ru``).

    Examples
    --------
    >>> from civicgrants.budget import summarise
    >>> from civicgrants.datasets import seed_001_budget
    >>> print(summary_text(summarise(seed_001_budget()), "en").splitlines()[-1])
      grant   KZT31,891,320.00  100.00 %
    >>> from civicgrants.io.budget_csv import loads_budget_csv
    >>> b = loads_budget_csv("code,item,quantity,unit_price\n1,Paint,abc,2500\n")
    >>> print(summary_text(summarise(b, name="b.csv"), "en"), end="")
    b.csv: stated —; computed —
    <BLANKLINE>
    By section
      code  section  printed  computed  share
      1     Paint          —         —      —
    <BLANKLINE>
    By source
      source  amount  share
    <BLANKLINE>
    Not computed (each — above), and why
      row 1: its total cannot be computed: quantity: not a number ('abc')

    See Also
    --------
    summary_data : the same as JSON.
    check_text : the audit's text.
    """
    head = f"{printable(summary.name)}: " if summary.name else ""
    totals = label(LABELS, "stated", lang).format(
        stated=_money(summary.stated, lang), computed=_money(summary.computed, lang)
    )
    sections = table(
        [label(LABELS, k, lang) for k in ("code", "section", "printed", "computed", "share")],
        [
            [
                x.code,
                printable(x.item or ""),
                _money(x.declared, lang),
                _money(x.computed, lang),
                _percent(x.share, lang),
            ]
            for x in summary.sections
        ],
        right=[2, 3, 4],
    )
    sources = table(
        [label(LABELS, k, lang) for k in ("source", "amount", "share")],
        [
            [x.source.value, _money(x.amount, lang), _percent(x.share, lang)]
            for x in summary.sources
        ],
        right=[1, 2],
    )
    lines = [
        f"{head}{totals}",
        "",
        label(LABELS, "by_section", lang),
        sections,
        "",
        label(LABELS, "by_source", lang),
        sources,
    ]
    if summary.not_computed:
        lines += ["", label(LABELS, "not_computed", lang)]
        lines += [f"  {printable(finding_message(f, lang))}" for f in summary.not_computed]
    return "\n".join(lines) + "\n"


@data_view(Summary)
def summary_data(summary: Summary) -> str:
    """``civicgrants budget summary --format json``: totals, sections and sources.

    Parameters
    ----------
    summary : Summary
        The result of `civicgrants.budget.summarise()`.

    Returns
    -------
    str
        A JSON object with ``currency``, ``stated``, ``computed``, ``sections``
        and ``sources``, and ``not_computed`` (the findings saying what could
        not be computed, and why) when there is any; amounts and shares are
        exact decimal strings.

    Examples
    --------
    >>> import json
    >>> from civicgrants.budget import summarise
    >>> from civicgrants.datasets import seed_001_budget
    >>> json.loads(summary_data(summarise(seed_001_budget())))["sources"]
    [{'source': 'grant', 'amount': '31891320.00', 'share': '100.00'}]

    See Also
    --------
    summary_text : the same as text.
    check_data : the audit's JSON.
    """
    data = {
        "currency": summary.currency,
        "stated": summary.stated,
        "computed": summary.computed,
        "sections": [
            {
                "code": x.code,
                "item": x.item,
                "declared": x.declared,
                "computed": x.computed,
                "share": x.share,
            }
            for x in summary.sections
        ],
        "sources": [
            {"source": x.source.value, "amount": x.amount, "share": x.share}
            for x in summary.sources
        ],
    }
    if summary.not_computed:
        data["not_computed"] = findings_data(summary.not_computed)
    return dump_json(json_value(data))
