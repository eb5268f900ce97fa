"""Findings for people and programs: a tally and a table, or JSON objects with exact numbers.

Every audit (budget, report, roll-up breakdowns, season) returns
`Finding` objects; this module writes them. JSON keeps
every number exact (decimals as strings); the text is a one-line tally and a
table of the findings in the reader's language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from civicgrants.io.fmt import money as fmt_money
from civicgrants.io.fmt import number
from civicgrants.io.labels import C_, N_, base_language, label, ntr, tr
from civicgrants.io.table import table
from civicgrants.model.finding import Finding
from civicgrants.model.money import Money

__all__ = [
    "FINDING_TEMPLATES",
    "LABELS",
    "finding_data",
    "finding_message",
    "findings_data",
    "findings_table",
    "findings_text",
    "json_value",
    "severity_word",
    "tally",
    "untranslated_codes",
]

LABELS = {
    "severity": {"en": N_("severity")},
    "code": {"en": N_("code")},
    "where": {"en": N_("where")},
    "finding": {"en": N_("finding")},
    "error": {"en": N_("error")},
    "errors": {"en": N_("errors")},
    "warning": {"en": N_("warning")},
    "warnings": {"en": N_("warnings")},
    "info": {"en": N_("info")},
}
"""The words of a findings table (translated by the catalogs, `civicgrants.io.labels`)."""

FINDING_TEMPLATES = (
    C_("finding", "subtotal-mismatch"),
    C_("finding", "duplicate-line"),
    C_("finding", "unexplained-overshoot"),
    C_("finding", "above-range"),
    C_("finding", "breakdown-sum"),
    C_("finding", "activity-without-budget"),
    C_("finding", "breakdown-mismatch"),
    C_("finding", "cofinancing-not-in-estimate"),
    C_("finding", "count-differs"),
    C_("finding", "figure-conflict"),
    C_("finding", "finances-missing"),
    C_("finding", "indicator-without-baseline"),
    C_("finding", "letter-number-reused"),
    C_("finding", "missing-actual"),
    C_("finding", "months-mismatch"),
    C_("finding", "proposal-scale"),
    C_("finding", "quantity-hint"),
    C_("finding", "quantity-mismatch"),
    C_("finding", "regional-quantity"),
    C_("finding", "restated-differs"),
    C_("finding", "result-number-repeated"),
    C_("finding", "staff-not-declared"),
    C_("finding", "story-incomplete"),
    C_("finding", "target-differs-from-task"),
    C_("finding", "target-total-mixes-units"),
    C_("finding", "travel-regions"),
    C_("finding", "unexplained-shortfall"),
)
"""The finding codes whose message the catalogs write from the code and numbers
(``msgctxt "finding"``; `finding_message()`)."""


def json_value(value: Any) -> Any:
    """A JSON-ready copy: Decimal and Money become exact strings, tuples become lists.

    attrs instances become objects of their fields; a float (a statistic such
    as Kendall's W, never an amount) is rounded to 6 places, NaN becoming null.

    Parameters
    ----------
    value : Any
        A number, string, Money, attrs instance, or a dict, list or tuple of them.

    Returns
    -------
    Any
        The value with only JSON types in it: dict keys become strings, and
        anything else unknown (a date, say) becomes its ``str``.

    Examples
    --------
    >>> import datetime
    >>> json_value({"a": (Decimal("1.50"), 0.12345678, float("nan")), 2: datetime.date(2024, 1, 2)})
    {'a': ['1.50', 0.123457, None], '2': '2024-01-02'}
    >>> json_value(Money(1_500_000))
    '1500000.00'

    See Also
    --------
    finding_data : uses it for a finding's numbers.
    """
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return None if value != value else round(value, 6)
    if attrs.has(type(value)) and not isinstance(value, Money):
        return json_value(attrs.asdict(value, recurse=False))
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Money):
        return f"{value.amount:f}"
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return str(value)


def finding_data(finding: Finding) -> dict[str, Any]:
    """One finding: ``code``, ``severity``, ``location``, ``numbers``, ``message_ru``, ``message_en``.

    Parameters
    ----------
    finding : Finding
        The finding.

    Returns
    -------
    dict of str to Any
        A JSON object; the severity as its value and the numbers exact (see `json_value()`).

    Examples
    --------
    >>> from civicgrants.model import Severity
    >>> finding_data(Finding("x", Severity.INFO, "1", {"gap": Decimal("0.50")}, "ру", "en"))["numbers"]
    {'gap': '0.50'}

    See Also
    --------
    findings_data : every finding of an audit.
    finding_message : the message in one language.
    """
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "location": finding.location,
        "numbers": json_value(dict(finding.numbers)),
        "message_ru": finding.message_ru,
        "message_en": finding.message_en,
    }


def findings_data(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """Every finding as a JSON object, in order.

    Parameters
    ----------
    findings : iterable of Finding
        The findings.

    Returns
    -------
    list of dict
        One `finding_data()` object per finding.

    Examples
    --------
    >>> from civicgrants.model import Severity
    >>> findings_data([Finding("x", Severity.WARNING, "r1", {"n": 2}, "ру", "en")])
    [{'code': 'x', 'severity': 'warning', 'location': 'r1', 'numbers': {'n': 2}, 'message_ru': 'ру', 'message_en': 'en'}]

    See Also
    --------
    finding_data : one finding.
    findings_text : the same findings as a tally and a table.
    """
    return [finding_data(f) for f in findings]


def finding_message(finding: Finding, lang: str = "en") -> str:
    """The finding's explanation in ``lang``, rendered from its code where the catalog has it.

    The catalog of ``lang`` may hold a template for the finding's code (``msgctxt
    "finding"``, ``msgid`` the code) written with the finding's numbers
    (``{gap}``); it is filled with the numbers in ``lang``. Otherwise the finding's
    own text is used: ``message_ru`` for ``ru`` and ``kk`` (a code with no Kazakh
    template is listed by `untranslated_codes()`), ``message_en`` for ``en``.

    Parameters
    ----------
    finding : Finding
        The finding.
    lang : str
        ``en``, ``ru`` or ``kk``.

    Returns
    -------
    str
        The message.

    Examples
    --------
    >>> from civicgrants.model import Severity
    >>> f = Finding("x", Severity.INFO, "1", {}, "по-русски", "in English")
    >>> finding_message(f, "ru"), finding_message(f, "en")
    ('по-русски', 'in English')
    >>> numbers = {"first": "1.a", "second": "2.b", "amount": 800}
    >>> g = Finding("duplicate-line", Severity.WARNING, "2.b", numbers, "Строка 2.b …", "row 2.b …")
    >>> print(finding_message(g, "kk"))
    2.b жолы 1.a жолын екі блокта 800 сомасына қайталайды

    See Also
    --------
    findings_table : shows the messages in a table.
    untranslated_codes : the codes that have no template in a language.
    """
    base = base_language(lang)
    if base != "en":
        template = tr(C_("finding", finding.code), base)
        if template != finding.code:
            numbers = {k: _number_text(v, base) for k, v in finding.numbers.items()}
            numbers["location"] = finding.location
            try:
                return template.format(**numbers)
            except (KeyError, IndexError, ValueError):
                pass  # a template naming a number this finding lacks: the finding's own text
    return finding.message_en if base == "en" else finding.message_ru


def severity_word(severity: str, lang: str) -> str:
    """A severity (``error``, ``warning``, ``info``) as a word of ``lang``.

    Parameters
    ----------
    severity : str
        The severity's value.
    lang : str
        ``en``, ``ru`` or ``kk``.

    Returns
    -------
    str
        The word.

    Examples
    --------
    >>> severity_word("warning", "ru"), severity_word("warning", "en")
    ('предупреждение', 'warning')

    See Also
    --------
    findings_table : shows the severities in a table.
    tally : the severities counted.
    """
    return label(LABELS, severity, lang)


def untranslated_codes(findings: Iterable[Finding], lang: str) -> list[str]:
    """The codes of ``findings`` whose message the catalog of ``lang`` does not render.

    Parameters
    ----------
    findings : iterable of Finding
        The findings.
    lang : str
        ``ru`` or ``kk``.

    Returns
    -------
    list of str
        The codes, sorted and once each.

    Examples
    --------
    >>> from civicgrants.model import Severity
    >>> untranslated_codes([Finding("no-such-code", Severity.INFO, "1", {}, "", "")], "kk")
    ['no-such-code']

    See Also
    --------
    finding_message : renders a message from its code.
    """
    return sorted({f.code for f in findings if tr(C_("finding", f.code), lang) == f.code})


def _number_text(value: Any, lang: str) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_number_text(v, lang) for v in value)
    if isinstance(value, Money):
        return fmt_money(value, lang)
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return number(value, lang)
    return str(value)


def tally(findings: Iterable[Finding], lang: str = "en") -> str:
    """How many errors, warnings and infos: ``0 errors, 9 warnings, 0 info``.

    Parameters
    ----------
    findings : iterable of Finding
        The findings.
    lang : str
        The language of the words.

    Returns
    -------
    str
        The three counts, plural where the count is not 1 (``info`` never takes an ``s``).

    Examples
    --------
    >>> from civicgrants.model import Severity
    >>> tally([Finding("x", Severity.ERROR, "1", {}, "", "")])
    '1 error, 0 warnings, 0 info'

    See Also
    --------
    findings_text : the tally with the table under it.
    """
    counts = Counter(f.severity.value for f in findings)
    words = [
        ntr("{n} error", "{n} errors", counts["error"], lang),
        ntr("{n} warning", "{n} warnings", counts["warning"], lang),
        ntr("{n} info", "{n} info", counts["info"], lang),
    ]
    return ", ".join(words)


def findings_table(findings: Sequence[Finding], lang: str = "en", *, where: str = "where") -> str:
    """The findings as an aligned table: severity, code, location, message in ``lang``.

    Parameters
    ----------
    findings : sequence of Finding
        The findings, in order.
    lang : str
        ``en``, ``ru`` or ``kk`` (messages are Russian or English).
    where : str
        The heading of the location column.

    Returns
    -------
    str
        The table without a final newline (empty when there are no findings).

    Examples
    --------
    >>> from civicgrants.model import Severity
    >>> print(findings_table([Finding("x", Severity.INFO, "r1", {}, "ру", "en")]))
      severity  code  where  finding
      info      x     r1     en

    See Also
    --------
    findings_text : the table under a tally.
    finding_message : the message column.
    """
    if not findings:
        return ""
    header = [label(LABELS, k, lang) for k in ("severity", "code")]
    header += [where, label(LABELS, "finding", lang)]
    rows = [
        [severity_word(f.severity.value, lang), f.code, f.location, finding_message(f, lang)]
        for f in findings
    ]
    return table(header, rows)


def findings_text(
    findings: Sequence[Finding],
    lang: str = "en",
    *,
    head: str = "",
    where: str = "where",
    footer: str | None = None,
) -> str:
    """The text of an audit: ``head`` and the tally on one line, the table, ``footer``.

    Parameters
    ----------
    findings : sequence of Finding
        The findings.
    lang : str
        The language of the messages.
    head : str
        What starts the first line (e.g. ``"report.json: "``).
    where : str
        The heading of the location column.
    footer : str, optional
        A last line.

    Returns
    -------
    str
        Ending with a newline.

    Examples
    --------
    >>> print(findings_text([], head="r.json: "), end="")
    r.json: 0 errors, 0 warnings, 0 info

    See Also
    --------
    findings_data : the same findings as JSON objects.
    """
    lines = [f"{head}{tally(findings, lang)}"]
    if findings:
        lines.append(findings_table(findings, lang, where=where))
    if footer:
        lines.append(footer)
    return "\n".join(lines) + "\n"
