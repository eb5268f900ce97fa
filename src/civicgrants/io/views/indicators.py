"""Text and JSON views of the indicators results (see `civicgrants.io.render`).

Three results are written here: a roll-up with its breakdown findings
(`RollupReport`, the ``rollup`` command), a
report's audit (`ReportCheck`, ``report-check``)
and a programme's published figures judged against their parts
(`ProgrammeStatus`, the demo's indicators step).
Values are written through `civicgrants.io.fmt` in the reader's language;
JSON keeps them exact.

Examples
--------
>>> from civicgrants.datasets import public_spaces
>>> from civicgrants.indicators import PROGRAMME_INDICATORS, programme_records, rollup_report
>>> from civicgrants.io.render import render
>>> report = rollup_report(programme_records(public_spaces()), PROGRAMME_INDICATORS)
>>> print(render(report, "text", lang="en"), end="")
  indicator                          value  percent  records
  beneficiaries                     23,700                 4
  community_contribution  KZT29,591,100.00                 4
  event_participants                   807                 5
  programme_participants             1,287                 4
  projects                              87                 5
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from civicgrants.indicators.model import IndicatorDefinition
from civicgrants.indicators.programme import PROGRAMME_INDICATORS, FigureStatus, ProgrammeStatus
from civicgrants.indicators.report import ReportCheck
from civicgrants.indicators.rollup import RollupReport
from civicgrants.io.findings import (
    finding_message,
    findings_data,
    findings_text,
    json_value,
    severity_word,
)
from civicgrants.io.fmt import money, number
from civicgrants.io.labels import N_, base_language, label, tr
from civicgrants.io.places import PlaceNames, place_text
from civicgrants.io.render import data_view, dump_json, text_view
from civicgrants.io.table import table
from civicgrants.io.words import enum_word
from civicgrants.model.money import Money

if TYPE_CHECKING:
    from civicgrants.dossier.report_check import FinalReportCheck

__all__ = [
    "LABELS",
    "LEVEL_WORDS",
    "indicator_name",
    "level_word",
    "programme_status_data",
    "programme_status_demo_text",
    "programme_status_text",
    "report_check_data",
    "report_check_text",
    "rollup_report_data",
    "rollup_report_text",
    "value_text",
]

LABELS = {
    "indicator": {"en": N_("indicator")},
    "value": {"en": N_("value")},
    "percent": {"en": N_("percent")},
    "records": {"en": N_("records")},
    "severity": {"en": N_("severity")},
    "code": {"en": N_("code")},
    "record": {"en": N_("record")},
    "numbers": {"en": N_("numbers")},
    "finding": {"en": N_("finding")},
    "where": {"en": N_("where")},
    "breakdowns": {"en": N_("Breakdowns that do not add up")},
    "rolled up": {"en": N_("rolled up")},
    "published": {"en": N_("published")},
    "status": {"en": N_("status")},
    "not attributable": {"en": N_("not attributable")},
    "unattributed": {"en": N_("sum of {n} unattributed parts")},
    "confidence": {"en": N_("confidence")},
    "by": {"en": N_("By {levels} (a part is attributed only where the brochure allows it):")},
    "and": {"en": N_("and")},
    "totals": {
        "en": N_(
            "The programme's published figures, rolled up from their parts "
            "(status: on track within ±15 % of the published figure, else over or under):"
        )
    },
    "step": {"en": N_("Step of the cycle: indicators and reports")},
    "audit": {"en": N_("The report audit of {report} ({rows} indicator rows): {n} findings")},
    "more": {"en": N_("… and {n} more (civicgrants report-check)")},
}
"""The words of the indicator views (English in every language, as printed today)."""


LEVEL_WORDS = {
    "programme": N_("programme"),
    "stage": N_("stage"),
    "region": N_("region"),
    "locality": N_("locality"),
    "project": N_("project"),
    "goal": N_("goal"),
    "task": N_("task"),
    "activity": N_("activity"),
    "period": N_("period"),
}
"""The words of the levels a roll-up groups by (``--by stage,region``), as headings."""


def level_word(level: str, lang: str) -> str:
    """A roll-up level (``stage``) as a heading in ``lang``; an unknown level as it is.

    Parameters
    ----------
    level : str
        The level, as ``--by`` names it.
    lang : str
        ``en``, ``ru`` or ``kk``.

    Returns
    -------
    str
        The heading.

    Examples
    --------
    >>> level_word("region", "ru"), level_word("region", "en"), level_word("x", "kk")
    ('регион', 'region', 'x')

    See Also
    --------
    rollup_report_text : the table with these headings.
    """
    word = LEVEL_WORDS.get(level)
    return level if word is None else tr(word, lang)


def value_text(value: Decimal | Money | None, lang: str = "en") -> str:
    """A rolled-up value for people: money with its currency, a number grouped, none blank.

    Parameters
    ----------
    value : Decimal, Money or None
        The value.
    lang : str
        ``en``, ``ru``, ``kk`` or a babel locale.

    Returns
    -------
    str
        Money through `civicgrants.io.fmt.money()`, a number through
        `civicgrants.io.fmt.number()`, ``""`` for ``None``.

    Examples
    --------
    >>> value_text(Decimal("23700"), "en"), value_text(None), value_text(Money(5), "en")
    ('23,700', '', 'KZT5.00')
    >>> print(value_text(Decimal("1234.5"), "en"))
    1,234.5

    See Also
    --------
    rollup_report_text : writes the rolled-up values with it.
    programme_status_text : writes the published figures with it.
    """
    if value is None:
        return ""
    if isinstance(value, Money):
        return money(value, lang)
    return number(value, lang)


def _words(key: str, lang: str, **values: object) -> str:
    return label(LABELS, key, lang).format(**values)


# -- rollup --------------------------------------------------------------------


def indicator_name(definitions: Mapping[str, IndicatorDefinition], key: str, lang: str) -> str:
    """An indicator as people read it: its key in ``en``, its name in ``ru`` and ``kk``.

    The key stays in English text and in JSON (it is what records name); in
    ``ru`` and ``kk`` the definition's name in that language is shown. A key
    without a definition is kept.

    Parameters
    ----------
    definitions : mapping of str to IndicatorDefinition
        The indicators' definitions, by key.
    key : str
        The indicator's key.
    lang : str
        ``en``, ``ru`` or ``kk``.

    Returns
    -------
    str
        The key or the name.

    Examples
    --------
    >>> from civicgrants.indicators import PROGRAMME_INDICATORS
    >>> defs = {d.key: d for d in PROGRAMME_INDICATORS}
    >>> print(indicator_name(defs, "projects", "en"), "|", indicator_name(defs, "projects", "ru"))
    projects | Количество проектов
    >>> print(indicator_name(defs, "unknown", "kk"))
    unknown

    See Also
    --------
    rollup_report_text : prints the indicators with it.
    """
    definition = definitions.get(key)
    if definition is None or base_language(lang) == "en":
        return key
    return definition.names.get(base_language(lang))


def rollup_report_text(
    result: RollupReport, lang: str = "en", *, places: PlaceNames | None = None
) -> str:
    """The roll-up as a table, then the breakdowns that do not add up.

    Parameters
    ----------
    result : RollupReport
        The roll-up.
    lang : str, optional
        The language of the numbers: ``en`` (default), ``ru``, ``kk`` or a
        babel locale.
    places : PlaceNames, optional
        The names of the regions and localities the groups name
        (`civicgrants.io.places.place_names()`): ru and kk show the names.

    Returns
    -------
    str
        A table with the ``by`` levels (``—`` for none), indicator, value,
        percent and record count; when breakdowns do not add up, a titled
        table of those findings follows. Ends with a newline.

    Examples
    --------
    >>> from civicgrants.indicators import Record, rollup_report
    >>> r = rollup_report([Record(indicator="people", period="2021", stage="I", actual=1200)],
    ...                   by="stage")
    >>> print(rollup_report_text(r, "en"), end="")
      stage  indicator  value  percent  records
      I      people     1,200                 1

    See Also
    --------
    rollup_report_data : the same as JSON.
    civicgrants.indicators.rollup_report : builds the result.
    """
    by = result.by
    rows = [
        [
            *(place_text(places, g, lang) if g else "—" for g in r.group),
            indicator_name(result.rollup.definitions, r.indicator, lang),
            value_text(r.value, lang),
            "" if r.percent is None else number(r.percent, lang),
            r.records,
        ]
        for r in result.rows
    ]
    header = [
        *(level_word(level, lang) for level in by),
        *(label(LABELS, k, lang) for k in ("indicator", "value", "percent", "records")),
    ]
    text = table(header, rows, right=[len(by) + 1, len(by) + 3]) + "\n"
    if result.findings:
        text += f"\n{_words('breakdowns', lang)} ({len(result.findings)}):\n"
        text += (
            table(
                [
                    label(LABELS, k, lang)
                    for k in ("severity", "code", "record", "numbers", "finding")
                ],
                [
                    [
                        severity_word(f.severity.value, lang),
                        f.code,
                        f.location,
                        ", ".join(f"{k}={v}" for k, v in f.numbers.items()),
                        finding_message(f, lang),
                    ]
                    for f in result.findings
                ],
            )
            + "\n"
        )
    return text


text_view(RollupReport)(rollup_report_text)


@data_view(RollupReport)
def rollup_report_data(result: RollupReport) -> str:
    """The roll-up as JSON: ``by``, ``rows``, ``totals`` (without ``by``) and ``findings``.

    Parameters
    ----------
    result : RollupReport
        The roll-up.

    Returns
    -------
    str
        A JSON object: ``by`` (the levels), ``rows`` (the labels of each level,
        ``indicator``, ``value``, ``target``, ``percent``, ``records``),
        ``totals`` (indicator → value, only when ``by`` is empty) and
        ``findings``; numbers are exact strings.

    Examples
    --------
    >>> import json
    >>> from civicgrants.indicators import Record, rollup_report
    >>> r = rollup_report([Record(indicator="people", period="2021", actual=12)])
    >>> json.loads(rollup_report_data(r))["totals"]
    {'people': '12'}

    See Also
    --------
    rollup_report_text : the same as text.
    civicgrants.io.findings.findings_data : writes the findings.
    """
    by = result.by
    rows = [
        {
            **dict(zip(by, r.group, strict=True)),
            "indicator": r.indicator,
            "value": r.value,
            "target": r.target,
            "percent": r.percent,
            "records": r.records,
        }
        for r in result.rows
    ]
    data: dict[str, object] = {"by": list(by), "rows": rows}
    if not by:
        data["totals"] = {r.indicator: r.value for r in result.rows}
    data["findings"] = findings_data(result.findings)
    return dump_json(json_value(data))


# -- report-check --------------------------------------------------------------


@text_view(ReportCheck)
def report_check_text(result: ReportCheck, lang: str = "en") -> str:
    """The audit's tally on one line, then the findings (messages in ``lang``).

    Parameters
    ----------
    result : ReportCheck
        The audit (`civicgrants.indicators.check_report()`).
    lang : str, optional
        The language of the messages: ``en`` (default) or ``ru``.

    Returns
    -------
    str
        A first line naming the source (or the report's id) with the count of
        errors, warnings and info, then a table of the findings.

    Examples
    --------
    >>> from civicgrants.indicators import Chart, Report, check_report
    >>> print(report_check_text(check_report(Report("r", "A report"))), end="")
    r: 0 errors, 0 warnings, 0 info
    >>> check = check_report(Report("r", "A report", charts=[Chart("c", [("a", 1)], 2)]))
    >>> print(report_check_text(check, "ru"), end="")
    r: 1 ошибка, 0 предупреждений, 0 сведений
      уровень  код                   место  замечание
      ошибка   chart-total-mismatch  c      Диаграмма c: части дают 1, а подписан итог 2

    See Also
    --------
    report_check_data : the same as JSON.
    civicgrants.io.findings.findings_text : writes the findings.
    """
    head = f"{result.source if result.source is not None else result.report}: "
    return findings_text(result.findings, lang, head=head, where=label(LABELS, "where", lang))


@data_view(ReportCheck)
def report_check_data(result: ReportCheck) -> str:
    r"""The audit as JSON: ``{"findings": [...]}`` with exact numbers.

    Parameters
    ----------
    result : ReportCheck
        The audit.

    Returns
    -------
    str
        A JSON object with one key, ``findings``, ending with a newline.

    Examples
    --------
    >>> from civicgrants.indicators import Report, check_report
    >>> report_check_data(check_report(Report("r", "A report")))
    '{\n  "findings": []\n}\n'

    See Also
    --------
    report_check_text : the same as text.
    civicgrants.io.findings.findings_data : writes the findings.
    """
    return dump_json({"findings": findings_data(result.findings)})


# -- a programme's published figures ---------------------------------------------


def _status_text(figure: FigureStatus, lang: str) -> str:
    return "" if figure.status is None else enum_word("status", figure.status.value, lang)


def _figure_name(key: str, lang: str) -> str:
    if base_language(lang) == "en":
        return key.replace("_", " ")
    return indicator_name({d.key: d for d in PROGRAMME_INDICATORS}, key, lang)


def programme_status_text(
    status: ProgrammeStatus, lang: str = "en", *, places: PlaceNames | None = None
) -> str:
    """The programme's totals beside their published figures, then the parts by stage and region.

    Parameters
    ----------
    status : ProgrammeStatus
        The result of `civicgrants.indicators.programme_status()`.
    lang : str
        ``en``, ``ru``, ``kk`` or a babel locale (the demo passes its ``--locale``).
    places : PlaceNames, optional
        The names of the regions the parts name: ru and kk show the names.

    Returns
    -------
    str
        A title and a table of the totals (indicator, rolled up, published,
        status); when ``status.by`` is not empty, a second title and a table of
        the parts, unattributed parts summed. Ends with a newline.

    Examples
    --------
    >>> from civicgrants.datasets import public_spaces
    >>> from civicgrants.indicators import programme_status
    >>> text = programme_status_text(programme_status(public_spaces(), by=()), "en")
    >>> print(text.splitlines()[2])
      beneficiaries                     23,700            23,700  on track

    See Also
    --------
    programme_status_data : the same as JSON.
    programme_status_demo_text : the demo's step built on it.
    civicgrants.indicators.programme_status : builds the status.
    """
    rows: list[list[object]] = [
        [
            _figure_name(t.indicator, lang),
            value_text(t.value, lang),
            value_text(t.published, lang),
            _status_text(t, lang),
        ]
        for t in status.totals
    ]
    header = [label(LABELS, k, lang) for k in ("indicator", "rolled up", "published", "status")]
    text = f"{_words('totals', lang)}\n{table(header, rows, right=[1, 2])}\n"
    if not status.by:
        return text
    rows = []
    for part in status.parts:
        first, *rest = part.group
        if part.published is None:
            judged = _words("unattributed", lang, n=part.records)
        else:
            judged = (
                f"{_status_text(part, lang)} ({label(LABELS, 'confidence', lang)} "
                f"{enum_word('confidence', part.confidence.value, lang) if part.confidence else ''})"
            )
        rows.append(
            [
                first or label(LABELS, "not attributable", lang),
                *(place_text(places, g, lang) if g else "" for g in rest),
                _figure_name(part.indicator, lang),
                value_text(part.value, lang),
                value_text(part.published, lang),
                judged,
            ]
        )
    n = len(status.by)
    levels = f" {label(LABELS, 'and', lang)} ".join(level_word(b, lang) for b in status.by)
    header = [
        *(level_word(b, lang) for b in status.by),
        *(label(LABELS, k, lang) for k in ("indicator", "value", "published", "status")),
    ]
    text += f"\n{_words('by', lang, levels=levels)}\n"
    text += table(header, rows, right=[n + 1, n + 2]) + "\n"
    return text


text_view(ProgrammeStatus)(programme_status_text)


def programme_status_demo_text(
    status: ProgrammeStatus,
    audit: ReportCheck | FinalReportCheck,
    lang: str,
    places: PlaceNames | None = None,
) -> str:
    """The demo's indicators step: the programme's figures and a report audit's first findings.

    Parameters
    ----------
    status : ProgrammeStatus
        ``programme_status(public_spaces())``.
    audit : ReportCheck or FinalReportCheck
        ``check_final_report(seed_002_final_report())`` in the demo.
    lang : str
        ``en``, ``ru``, ``kk`` or a babel locale; ``ru_KZ`` (the demo's default
        ``--locale``) writes the numbers exactly as the demo always has.
    places : PlaceNames, optional
        The names of the regions (the demo gives its programme's).

    Returns
    -------
    str
        Starting with a blank line and a rule of ``=``, ending with a newline.

    Examples
    --------
    >>> from civicgrants.datasets import public_spaces
    >>> from civicgrants.datasets import seed_002_final_report
    >>> from civicgrants.dossier import check_final_report
    >>> from civicgrants.indicators import programme_status
    >>> text = programme_status_demo_text(
    ...     programme_status(public_spaces()), check_final_report(seed_002_final_report()),
    ...     "ru_KZ")
    >>> print(text.splitlines()[-1])
      … и ещё 23 (civicgrants report-check)

    See Also
    --------
    programme_status_text : the programme's figures alone.
    report_check_text : the whole audit.
    """
    findings = audit.findings
    lines = [
        "",
        "=" * 78,
        _words("step", lang),
        programme_status_text(status, lang, places=places).rstrip("\n"),
        "",
        _words("audit", lang, report=audit.report.replace("-", " "), rows=audit.rows,
               n=len(findings)),
    ]  # fmt: skip
    lines += [
        f"  {severity_word(f.severity.value, lang):<7} {f.code:<22} {f.location}"
        for f in findings[:4]
    ]
    if len(findings) > 4:
        lines.append(f"  {_words('more', lang, n=len(findings) - 4)}")
    return "\n".join(lines) + "\n"


def _figure_data(by: tuple[str, ...], figure: FigureStatus) -> dict[str, Any]:
    return {
        **dict(zip(by, figure.group, strict=True)),
        "indicator": figure.indicator,
        "value": figure.value,
        "records": figure.records,
        "published": figure.published,
        "status": None if figure.status is None else figure.status.value,
        "confidence": None if figure.confidence is None else figure.confidence.value,
    }


@data_view(ProgrammeStatus)
def programme_status_data(status: ProgrammeStatus) -> str:
    """The programme's figures as JSON: ``programme``, ``by``, ``totals`` and ``parts``.

    Parameters
    ----------
    status : ProgrammeStatus
        The result of `civicgrants.indicators.programme_status()`.

    Returns
    -------
    str
        A JSON object; each of ``totals`` and ``parts`` lists the labels of the
        ``by`` levels (parts only), ``indicator``, ``value``, ``records``,
        ``published``, ``status`` and ``confidence``, numbers as exact strings.

    Examples
    --------
    >>> import json
    >>> from civicgrants.datasets import public_spaces
    >>> from civicgrants.indicators import programme_status
    >>> data = json.loads(programme_status_data(programme_status(public_spaces())))
    >>> data["totals"][0]
    ... # doctest: +NORMALIZE_WHITESPACE
    {'indicator': 'beneficiaries', 'value': '23700', 'records': 4, 'published': '23700',
     'status': 'on_track', 'confidence': 'high'}

    See Also
    --------
    programme_status_text : the same as text.
    """
    data = {
        "programme": status.programme,
        "by": list(status.by),
        "totals": [_figure_data((), t) for t in status.totals],
        "parts": [_figure_data(status.by, p) for p in status.parts],
    }
    return dump_json(json_value(data))
