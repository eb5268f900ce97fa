"""A grantee's report as data, and its consistency audit.

A final report of a state social grant prints the same numbers several times: an
indicator table (plan, actual, sometimes a percentage), breakdowns of the
participants, narrative sentences, charts. `audit_report()` checks that those
numbers agree with one another and returns findings shaped like the budget
audit's (`civicgrants.budget.audit()`): a stable ``code``, a ``severity``, a
``location``, ``numbers`` and a message in Russian and English. It never raises
on an inconsistent report and does no I/O; the arithmetic is exact.

=============================== ==================================================
Code                            Meaning
=============================== ==================================================
``breakdown-mismatch``          the parts of a breakdown don't sum to its total
``percent-mismatch``            a printed percentage ≠ actual ÷ plan × 100
``figure-conflict``             one figure is printed with incompatible values
``unexplained-shortfall``       a row is under target, the deviation field is empty
``target-differs-from-task``    the planned target ≠ what the task text promises
``chart-total-mismatch``        a chart's parts don't sum to its printed total
``missing-actual``              a row plans a number but states no actual one
``unexplained-overshoot``       an actual far above plan, the deviation field empty
``above-range``                 an actual above the upper bound of a range plan
``tally-mismatch``              a tally's parts don't sum to its total
``tally-mixed-units``           a tally adds counts of different units
``participations-as-people``    participations across activities counted as people
``restated-differs``            a figure restating a row disagrees with the row
=============================== ==================================================

A plan «50–100» keeps both bounds (``planned`` and ``planned_upper``); a value
printed as «свыше N» («more than N», qualifier ``more_than``) disagrees with N.

Every number of a report is bounded where it is built (`FIGURE_PLACES`:
30 digits before the decimal point, 30 after), so the audit's sums and gaps are
exact decimals and its comparisons exact fractions; it raises nothing on a
report that could be built.

A figure printed again elsewhere (Table B, a narrative sentence, a tally's part)
is a *reference* to the row it restates (`Mention.row`,
`TallyPart.row`), not a second copy: changing the row is checked
everywhere it is restated.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any, Literal

import attrs

from civicgrants.model.display import shows
from civicgrants.model.fields import (
    ID_PATTERN,
    SCHEMA,
    Check,
    ident,
    many,
    matches,
    text,
    type_check,
)
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.numbers import EXACT

__all__ = [
    "COLUMNS",
    "COMPARATORS",
    "COUNTS",
    "OVERSHOOT",
    "QUALIFIERS",
    "Breakdown",
    "Chart",
    "Mention",
    "Report",
    "ReportCheck",
    "ReportRow",
    "Tally",
    "TallyPart",
    "agrees",
    "audit_report",
    "check_report",
    "printed_tolerance",
]

COMPARATORS = ("exact", "at_least", "at_most", "range", "per_event", "deliverable", "none")
"""How a row's plan reads: «10» (exact), «не менее 10» (at_least), «до 10» (at_most),
«15-20» (range: ``planned`` is the lower bound), «1 с каждого мероприятия» (per_event:
``planned`` is already multiplied out), a document (deliverable), or no number (none)."""

QUALIFIERS = ("exact", "at_least", "more_than", "at_most", "about")
"""How a mention states its value: «300», «не менее 300», «свыше 300» (strictly more:
300 itself disagrees), «не более 120», «порядка 20»."""

COLUMNS = ("planned", "achieved")
"""The two numbers of a row that a figure elsewhere may restate."""

COUNTS = ("people", "participations")
"""What a tally counts: unique ``people`` (each person once) or ``participations``
(a person who came to three activities counts three times)."""

OVERSHOOT = Decimal("150")
"""The default overshoot threshold, in percent of plan: an actual above 150 % of
its plan needs a justification in the deviation field (seed-003.md §10 rule 8)."""

ABOUT = Decimal("0.25")
"""An «about» value (порядка, около) agrees with anything within ±25 % of it."""

_NO_NOTE = frozenset({"", "-", "–", "—"})

Comparator = Literal["exact", "at_least", "at_most", "range", "per_event", "deliverable", "none"]
Qualifier = Literal["exact", "at_least", "more_than", "at_most", "about"]
Counts = Literal["people", "participations"]
RowColumn = Literal["planned", "achieved"]


FIGURE_PLACES = 30
"""How a report's number is bounded: written out in full, it has at most this many
digits before the decimal point and this many after (below 10**30 in absolute value,
no digit finer than 10**-30). Every number of a report is refused beyond it at
construction, so that the audit's sums, gaps and percentages are exact; a report
prints counts, percentages and tenge, none of them near the bound."""

_HUGE_BITS = 4 * FIGURE_PLACES + 8  # an int of more bits is beyond 10**30: not converted


def figure_problem(value: Decimal) -> str | None:
    """Why ``value`` cannot be a report's number, or ``None`` when it can.

    Parameters
    ----------
    value : Decimal
        The number, as written (its exponent is how it was printed).

    Returns
    -------
    str or None
        ``None`` for a finite number with at most `FIGURE_PLACES` digits
        before the decimal point and as many after it; else what is wrong, in
        one line that shows a long number by its first digits and exponent.

    Examples
    --------
    >>> figure_problem(Decimal("53.3")) is None, figure_problem(Decimal("3E+1")) is None
    (True, True)
    >>> figure_problem(Decimal("1e60"))
    'must be below 10**30 in absolute value, got 1E+60'
    >>> figure_problem(Decimal("1E-999999"))
    'must have at most 30 digits after the decimal point, got 1E-999999 (999999 of them)'
    >>> figure_problem(Decimal("NaN"))
    'must be a finite number, got NaN'

    See Also
    --------
    FIGURE_PLACES : the bound.
    ReportRow : its numbers are checked with it.
    """
    if not value.is_finite():
        return f"must be a finite number, got {value}"
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if value and value.adjusted() >= FIGURE_PLACES:
        return f"must be below 10**{FIGURE_PLACES} in absolute value, got {_short(value)}"
    if exponent < -FIGURE_PLACES:
        return (
            f"must have at most {FIGURE_PLACES} digits after the decimal point, got "
            f"{_short(value)} ({-exponent} of them)"
        )
    return None


def _short(value: Decimal) -> str:
    """``value`` as printed, or by its first digits and exponent when that is long."""
    text = str(value)
    if len(text) <= 40:
        return text
    sign, digits, _ = value.as_tuple()
    head = "".join(map(str, digits[:7]))
    return f"{'-' if sign else ''}{head[0]}.{head[1:]}E{value.adjusted():+d}"


def _dec(value: Any) -> Any:
    """Convert ints and numeric strings to Decimal; leave anything else to the validator."""
    if isinstance(value, bool) or value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value) if value.bit_length() <= _HUGE_BITS else value
    if isinstance(value, str):
        try:
            return Decimal(value.replace(" ", "").replace("\u00a0", ""))
        except ArithmeticError:
            return value
    return value


def _why_not(value: object) -> str | None:
    """Why ``value`` (after `_dec()`) is not a report's number, or ``None``."""
    if isinstance(value, Decimal):
        return figure_problem(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"must be below 10**{FIGURE_PLACES} in absolute value, got an integer of " + (
            f"{value.bit_length()} bits"
        )
    shown = repr(value)
    return "must be a decimal number, got " + (shown if len(shown) <= 40 else shown[:37] + "...")


def _check_figure(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    problem = _why_not(value)
    if problem is not None:
        raise ValueError(f"{attr.name}: {problem}")


def _check_optional_figure(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_figure(inst, attr, value)


def _decimal(*, optional: bool = False) -> Any:
    if optional:
        return attrs.field(default=None, converter=_dec, validator=_check_optional_figure)
    return attrs.field(converter=_dec, validator=_check_figure)


def _one_of(values: tuple[str, ...]) -> Check:
    return Check(lambda v: v in values, "must be one of " + ", ".join(map(repr, values)))


def _opt_text(*, required: bool = False) -> Any:
    if required:  # positional but nullable
        return attrs.field(validator=type_check(str, "a string"))
    return attrs.field(default=None, validator=type_check(str, "a string"))


def _parts(value: Iterable[tuple[str, Any]]) -> tuple[tuple[str, Decimal], ...]:
    if isinstance(value, (str, bytes, dict)):
        raise TypeError(f"expected a list of (category, value) pairs, got {type(value).__name__}")
    out = []
    for pair in value:
        category, amount = pair
        converted = _dec(amount)
        problem = _why_not(converted)
        if problem is not None:
            raise ValueError(f"parts: {category!r} {problem}")
        out.append((str(category), converted))
    return tuple(out)


def _pairs() -> Any:
    return attrs.field(converter=_parts)


def _figure() -> Any:
    return attrs.field(
        validator=[type_check(str, "a string"), matches(ID_PATTERN, "an id")],
        metadata={SCHEMA: {"pattern": ID_PATTERN}},
    )


_IS_ID = matches(ID_PATTERN, "an id")
_ID_SCHEMA = {SCHEMA: {"pattern": ID_PATTERN}}


def _optional_id(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        type_check(str, "a string")(inst, attribute, value)
        _IS_ID(inst, attribute, value)


@shows
@attrs.frozen
class ReportRow:
    """One indicator row of a report's plan-versus-actual table.

    ``planned``/``achieved`` are the numbers the row states (``None`` when the cell
    holds no number: "–", a copy of the plan wording, a bound that is not a count);
    ``planned_text``/``achieved_text`` are the cells as printed. ``promised`` is the
    number the task or activity text promises for this indicator, when it states one.

    Numbers may be given as ints, Decimals or numeric strings (blanks and NBSP
    between digit groups are dropped); they are held as Decimal, as written.
    Every number of a report has at most `FIGURE_PLACES` (30) digits
    before the decimal point and as many after it (`figure_problem()`).

    Parameters
    ----------
    key : str
        The row's id, unique in the report (``"3.1.5"``).
    task : str
        The task the row belongs to, as printed.
    activity : str or None
        The activity, as printed (``None`` for a task-level row).
    indicator : str
        The indicator's wording.
    unit : str or None
        The unit, as printed.
    planned : Decimal, optional
        The planned number (the lower bound of a range, the multiplied-out
        total of a per-event plan).
    planned_text : str, optional
        The plan cell as printed.
    achieved : Decimal, optional
        The achieved number.
    achieved_text : str, optional
        The actual cell as printed.
    percent_printed : Decimal, optional
        The percentage the row prints, if any.
    comparator : str, optional
        How the plan reads, one of `COMPARATORS`; ``"exact"`` by default.
    promised : Decimal, optional
        The number the task or activity text promises.
    source_lines : str, optional
        Where in the source document the row is.
    note : str, optional
        A note on the row.
    planned_upper : Decimal, optional
        The upper bound of a range plan («50–100»: ``planned`` 50,
        ``planned_upper`` 100); only for ``comparator="range"``.
    plan : str, optional
        The code of the indicator in the application's monitoring plan that
        this row reports on (`civicgrants.dossier.Indicator.code`); a
        report checked against its application reads the plan from there.

    Raises
    ------
    ValueError
        ``key`` is not an id, a text field is empty or not a string, a number
        is not a finite decimal number within `FIGURE_PLACES` (the message
        names the field), ``comparator`` is not one of `COMPARATORS`, or
        ``planned_upper`` is given without a range or below ``planned``.

    Examples
    --------
    >>> row = ReportRow("3.1.5", "Task 3", None, "participants", "persons",
    ...                 planned="1 500", achieved=80, comparator="at_least")
    >>> row.planned, row.achieved, row.comparator
    (Decimal('1500'), Decimal('80'), 'at_least')
    >>> ranged = ReportRow("1.1.3", "Task 1", None, "outlets", None, planned=50,
    ...                    planned_text="50-100", comparator="range", planned_upper=100)
    >>> ranged.planned, ranged.planned_upper
    (Decimal('50'), Decimal('100'))

    See Also
    --------
    Report : holds the rows.
    audit_report : checks percentages, shortfalls and promised targets row by row.
    """

    key: str = ident()
    task: str = text()
    activity: str | None = _opt_text(required=True)
    indicator: str = text()
    unit: str | None = _opt_text(required=True)
    planned: Decimal | None = _decimal(optional=True)
    planned_text: str | None = _opt_text()
    achieved: Decimal | None = _decimal(optional=True)
    achieved_text: str | None = _opt_text()
    percent_printed: Decimal | None = _decimal(optional=True)
    comparator: Comparator = attrs.field(default="exact", validator=_one_of(COMPARATORS))
    promised: Decimal | None = _decimal(optional=True)
    source_lines: str | None = _opt_text()
    note: str | None = _opt_text()
    planned_upper: Decimal | None = _decimal(optional=True)
    plan: str | None = attrs.field(default=None, validator=_optional_id, metadata=_ID_SCHEMA)

    def value(self, column: RowColumn) -> Decimal | None:
        """The row's planned or achieved number.

        Parameters
        ----------
        column : str
            ``"planned"`` or ``"achieved"`` (`COLUMNS`).

        Returns
        -------
        Decimal or None
            The number, or ``None`` when the cell states none.

        Examples
        --------
        >>> ReportRow("1.1", "T", None, "events", None, planned=3, achieved=2).value("achieved")
        Decimal('2')

        See Also
        --------
        Mention.row : a figure that restates one of these numbers.
        """
        return self.planned if column == "planned" else self.achieved

    def __attrs_post_init__(self) -> None:
        if self.planned_upper is None:
            return
        if self.comparator != "range":
            raise ValueError(
                f"planned_upper: only a range plan has an upper bound, got {self.comparator!r}"
            )
        if self.planned is not None and self.planned_upper < self.planned:
            raise ValueError(
                f"planned_upper: {self.planned_upper} is below the lower bound {self.planned}"
            )


@shows
@attrs.frozen
class Breakdown:
    """A total and the parts it is split into (gender, age bands, villages …).

    Parameters
    ----------
    key : str
        The breakdown's id, unique in the report.
    dimension : str
        What it splits by (``"gender"``).
    total : Decimal
        The total the report prints.
    parts : sequence of (str, Decimal)
        ``(category, value)`` pairs; values may be ints or numeric strings.
    source : str, optional
        Where in the source document it is.

    Raises
    ------
    ValueError
        ``key`` is not an id, ``dimension`` is empty, or a value is not a
        decimal number within `FIGURE_PLACES`.
    TypeError
        ``parts`` is a string or a mapping rather than a list of pairs.

    Examples
    --------
    >>> b = Breakdown("gender", "gender", 1000, [("men", 400), ("women", 600)])
    >>> b.total, b.parts
    (Decimal('1000'), (('men', Decimal('400')), ('women', Decimal('600'))))

    See Also
    --------
    Report : holds the breakdowns.
    audit_report : flags a breakdown whose parts do not sum to its total.
    Chart : the same check for a chart's parts.
    """

    key: str = ident()
    dimension: str = text()
    total: Decimal = _decimal()
    parts: tuple[tuple[str, Decimal], ...] = _pairs()
    source: str | None = _opt_text()


@shows
@attrs.frozen
class Mention:
    """One place where a figure is printed: ``figure`` names what is counted.

    Mentions of the same ``figure`` are compared with one another; ``qualifier``
    says whether the place states an exact value or a bound («свыше 30 000»).

    Parameters
    ----------
    key : str
        The mention's id, unique in the report.
    figure : str
        What is counted, as an id; mentions with the same figure are compared.
    value : Decimal
        The value printed.
    where : str
        Where it is printed (``"p. 3"``, ``"§8"``).
    qualifier : str, optional
        How the value is stated, one of `QUALIFIERS`; ``"exact"`` by
        default. An ``"about"`` value agrees with anything within ±25 %
        (`ABOUT`).
    row : str, optional
        The key of the report row whose number this mention restates; the
        audit then compares the mention with the row (``restated-differs``).
    column : str, optional
        Which number of ``row`` it restates: ``"achieved"`` (the default) or
        ``"planned"``.

    Raises
    ------
    ValueError
        ``key`` or ``figure`` is not an id, ``where`` is empty, ``value`` is not
        a decimal number within `FIGURE_PLACES`, ``qualifier`` is not one
        of `QUALIFIERS`, ``row`` is not an id or ``column`` not one of
        `COLUMNS`.

    Examples
    --------
    >>> m = Mention("m1", "participants", "300", "p. 3", qualifier="at_least")
    >>> m.value, m.qualifier
    (Decimal('300'), 'at_least')
    >>> Mention("m2", "participants", 301, "narrative", row="2.1").column
    'achieved'
    >>> Mention("m1", "participants", 300, "p. 3", qualifier="maybe")
    Traceback (most recent call last):
    ...
    ValueError: qualifier: must be one of 'exact', 'at_least', 'more_than', 'at_most', 'about', got 'maybe'

    See Also
    --------
    Report : holds the mentions.
    audit_report : flags mentions of one figure that cannot all be true.
    """

    key: str = ident()
    figure: str = _figure()
    value: Decimal = _decimal()
    where: str = text()
    qualifier: Qualifier = attrs.field(default="exact", validator=_one_of(QUALIFIERS))
    row: str | None = attrs.field(default=None, validator=_optional_id, metadata=_ID_SCHEMA)
    column: RowColumn = attrs.field(default="achieved", validator=_one_of(COLUMNS))


@shows
@attrs.frozen
class Chart:
    """A chart's labelled parts and the total printed with it.

    Parameters
    ----------
    key : str
        The chart's id, unique in the report.
    parts : sequence of (str, Decimal)
        ``(label, value)`` pairs; values may be ints or numeric strings.
    printed_total : Decimal
        The total printed with the chart.
    title : str, optional
        The chart's title.
    source : str, optional
        Where in the source document it is.

    Raises
    ------
    ValueError
        ``key`` is not an id, or a value is not a decimal number within `FIGURE_PLACES`.
    TypeError
        ``parts`` is a string or a mapping rather than a list of pairs.

    Examples
    --------
    >>> c = Chart("events", [("a", 10), ("b", 7)], 17)
    >>> sum(v for _, v in c.parts) == c.printed_total
    True

    See Also
    --------
    Report : holds the charts.
    audit_report : flags a chart whose parts do not sum to its printed total.
    """

    key: str = ident()
    parts: tuple[tuple[str, Decimal], ...] = _pairs()
    printed_total: Decimal = _decimal()
    title: str | None = _opt_text()
    source: str | None = _opt_text()


@shows
@attrs.frozen
class TallyPart:
    """One addend of a `Tally`: a count with its unit and what it counts.

    Parameters
    ----------
    label : str
        What the part is (``"T1.M3 respondents"``).
    value : Decimal
        The count; an int, Decimal or numeric string.
    unit : str
        What is counted: ``"persons"``, ``"houses"``, ``"places"`` …
    counts : str, optional
        ``"people"`` (unique, the default) or ``"participations"``, one of
        `COUNTS`.
    row : str, optional
        The key of the report row whose achieved number this part restates;
        the audit compares the two (``restated-differs``).

    Raises
    ------
    ValueError
        ``label`` or ``unit`` is empty, ``value`` is not a decimal number
        within `FIGURE_PLACES`, or ``counts`` is not one of `COUNTS`.

    Examples
    --------
    >>> TallyPart("assembly", 283, "persons", "participations", row="T1.M4.5").value
    Decimal('283')

    See Also
    --------
    Tally : adds parts up.
    """

    label: str = text()
    value: Decimal = _decimal()
    unit: str = text()
    counts: Counts = attrs.field(default="people", validator=_one_of(COUNTS))
    row: str | None = _opt_text()


@shows
@attrs.frozen
class Tally:
    """A total that a report adds up from counts: beneficiaries, above all.

    Direct beneficiaries are unique people; a person who came to three
    activities is one beneficiary but three participations. A tally states what
    its total counts and in which unit, and so does every part it adds, so the
    audit can tell a sum of participations printed as a number of people, or a
    sum of people and houses.

    Parameters
    ----------
    key : str
        The tally's id, unique in the report.
    label : str
        What it counts (``"direct beneficiaries"``).
    total : Decimal
        The total printed.
    unit : str
        The total's unit (``"persons"``).
    counts : str, optional
        What the total counts: ``"people"`` (the default) or ``"participations"``.
    parts : sequence of TallyPart, optional
        The counts the total is the sum of, as the report adds them.
    kind : str, optional
        ``"direct"`` or ``"indirect"`` for beneficiaries; ``None`` otherwise.
    source : str, optional
        Where in the source document it is.
    row : str, optional
        The key of the report row whose achieved number is this total (Table B's
        «direct beneficiaries»); the audit compares the two (``restated-differs``).

    Raises
    ------
    ValueError
        ``key`` is not an id, ``label`` or ``unit`` is empty, ``total`` is not a
        decimal number within `FIGURE_PLACES`, ``counts`` is not one of
        `COUNTS`, ``kind`` is neither ``"direct"`` nor ``"indirect"``, or
        ``row`` is not an id.

    Examples
    --------
    >>> t = Tally("direct", "direct beneficiaries", 599, "persons", kind="direct",
    ...           parts=[TallyPart("survey", 316, "persons", "participations"),
    ...                  TallyPart("assemblies", 283, "persons", "participations")])
    >>> [f.code for f in audit_report(Report("demo", "Demo", tallies=[t]))]
    ['participations-as-people']

    See Also
    --------
    TallyPart : one addend.
    audit_report : flags a tally that mixes units or counts participations as people.
    Breakdown : a total split into categories of one population.
    """

    key: str = ident()
    label: str = text()
    total: Decimal = _decimal()
    unit: str = text()
    counts: Counts = attrs.field(default="people", validator=_one_of(COUNTS))
    parts: tuple[TallyPart, ...] = many(TallyPart)
    kind: Literal["direct", "indirect"] | None = attrs.field(
        default=None, validator=_one_of(("direct", "indirect"))
    )
    source: str | None = _opt_text()
    row: str | None = attrs.field(default=None, validator=_optional_id, metadata=_ID_SCHEMA)


@shows
@attrs.frozen
class Report:
    """A grantee's report: indicator rows, breakdowns, repeated figures, charts.

    Parameters
    ----------
    id : str
        The report's id.
    title : str
        Its title.
    period : str, optional
        The period it covers.
    rows : sequence of ReportRow, optional
        The plan-versus-actual rows, keys unique.
    breakdowns : sequence of Breakdown, optional
        Totals split into parts, keys unique.
    mentions : sequence of Mention, optional
        Places where figures are printed, keys unique.
    charts : sequence of Chart, optional
        Charts with their printed totals, keys unique.
    deviation_note : str, optional
        The report's justification of deviations from the plan (``"-"`` or
        empty counts as none).
    source : str, optional
        Where the report comes from.
    tallies : sequence of Tally, optional
        Totals added up from counts (beneficiaries), keys unique.

    Raises
    ------
    ValueError
        ``id`` is not an id, ``title`` is empty, an item is of the wrong kind,
        two items of one list share a key, or a mention or tally part restates
        a row the report does not have.

    Examples
    --------
    >>> r = Report("demo", "Demo report", rows=[
    ...     ReportRow("1.1", "Task 1", None, "events", "events", planned=3, achieved=3)])
    >>> r.row("1.1").achieved, len(r.breakdowns)
    (Decimal('3'), 0)

    See Also
    --------
    audit_report : its numeric inconsistencies.
    check_report : the ``civicgrants report-check`` result.
    civicgrants.datasets.seed_002_report.seed_002_report : a real report.
    """

    id: str = ident()
    title: str = text()
    period: str | None = _opt_text(required=False)
    rows: tuple[ReportRow, ...] = many(ReportRow, unique=True)
    breakdowns: tuple[Breakdown, ...] = many(Breakdown, unique=True)
    mentions: tuple[Mention, ...] = many(Mention, unique=True)
    charts: tuple[Chart, ...] = many(Chart, unique=True)
    deviation_note: str | None = _opt_text()
    source: str | None = _opt_text()
    tallies: tuple[Tally, ...] = many(Tally, unique=True)

    def __attrs_post_init__(self) -> None:
        keys = {r.key for r in self.rows}
        for i, m in enumerate(self.mentions):
            if m.row is not None and m.row not in keys:
                raise ValueError(f"mentions[{i}] ({m.key}).row: the report has no row {m.row!r}")
        for t in self.tallies:
            if t.row is not None and t.row not in keys:
                raise ValueError(f"tallies ({t.key}).row: the report has no row {t.row!r}")
            for j, part in enumerate(t.parts):
                if part.row is not None and part.row not in keys:
                    raise ValueError(
                        f"tallies ({t.key}).parts[{j}].row: the report has no row {part.row!r}"
                    )

    def row(self, key: str) -> ReportRow:
        """The row with this key (``KeyError`` if there is none).

        Parameters
        ----------
        key : str
            The row's key.

        Returns
        -------
        ReportRow
            The row.

        Raises
        ------
        KeyError
            No row has this key.

        Examples
        --------
        >>> r = Report("demo", "Demo", rows=[ReportRow("1.1", "Task", None, "events", None)])
        >>> r.row("1.1").indicator
        'events'
        >>> r.row("9.9")
        Traceback (most recent call last):
        ...
        KeyError: '9.9'

        See Also
        --------
        ReportRow : the row.
        """
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)


# -- the audit ----------------------------------------------------------------


def _ratio(achieved: Decimal, planned: Decimal) -> Fraction:
    """``achieved / planned × 100``, exactly (a ratio need not terminate)."""
    return Fraction(achieved) * 100 / Fraction(planned)


def _pct(achieved: Decimal, planned: Decimal) -> Decimal:
    """``achieved / planned × 100`` rounded to 0.1, half to even, exactly."""
    scaled = _ratio(achieved, planned) * 10
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if 2 * rest > scaled.denominator or (2 * rest == scaled.denominator and whole % 2):
        whole += 1
    digits = Decimal(abs(whole)).as_tuple().digits
    sign = int(achieved.is_signed() != planned.is_signed())  # as Decimal division signs it
    return Decimal((sign, digits, -1))  # built, not computed: nothing rounds it


_Bound = tuple[Fraction | None, bool]  # (value or None for infinity, open)


def _interval(printed: Decimal, qualifier: Qualifier) -> tuple[_Bound, _Bound]:
    """The values «``qualifier`` ``printed``» allows: ``((low, open), (high, open))``."""
    value = Fraction(printed)
    if qualifier == "exact":
        return (value, False), (value, False)
    if qualifier == "at_least":
        return (value, False), (None, True)
    if qualifier == "more_than":
        return (value, True), (None, True)
    if qualifier == "at_most":
        return (None, True), (value, False)
    about = Fraction(ABOUT)
    return (value * (1 - about), False), (value * (1 + about), False)  # about


def _conflict(a: Mention, b: Mention) -> bool:
    """Whether two mentions of one figure cannot both be true."""
    return _disjoint(a.value, a.qualifier, b.value, b.qualifier)


def _disjoint(a: Decimal, a_is: Qualifier, b: Decimal, b_is: Qualifier) -> bool:
    """Whether «``a_is`` ``a``» and «``b_is`` ``b``» cannot both be true (exact: fractions)."""
    if a_is == "about" and b_is == "about":
        return False
    (alo, ahi), (blo, bhi) = _interval(a, a_is), _interval(b, b_is)
    lows = [x for x in (alo, blo) if x[0] is not None]
    highs = [x for x in (ahi, bhi) if x[0] is not None]
    if not lows or not highs:
        return False
    low = max(v for v, _ in lows if v is not None)
    high = min(v for v, _ in highs if v is not None)
    if low != high:
        return low > high
    return any(o for v, o in lows if v == low) or any(o for v, o in highs if v == high)


def agrees(value: Decimal, qualifier: Qualifier, actual: Decimal) -> bool:
    """Whether a count of exactly ``actual`` agrees with a value printed as ``qualifier value``.

    Parameters
    ----------
    value : Decimal
        The value printed.
    qualifier : str
        How it is stated, one of `QUALIFIERS`.
    actual : Decimal
        The exact number it is compared with (a row's number, a table's size).

    Returns
    -------
    bool
        ``True`` when «``qualifier`` ``value``» can be a description of ``actual``:
        «свыше 300» agrees with 301 but not with 300; «около 20» with 15 to 25.
        The comparison is exact for any finite numbers.

    Raises
    ------
    ValueError
        ``qualifier`` is not one of `QUALIFIERS`, or a number is not finite.

    Examples
    --------
    >>> agrees(Decimal(300), "more_than", Decimal(300)), agrees(Decimal(3), "at_least", Decimal(3))
    (False, True)

    See Also
    --------
    Mention : a value with its qualifier.
    """
    if qualifier not in QUALIFIERS:
        allowed = ", ".join(map(repr, QUALIFIERS))
        raise ValueError(f"qualifier: must be one of {allowed}, got {qualifier!r}")
    if not (value.is_finite() and actual.is_finite()):
        raise ValueError(f"agrees: compares finite numbers, got {value} and {actual}")
    return not _disjoint(value, qualifier, actual, "exact")


_BOUND_RU = {
    "exact": "",
    "at_least": "не менее ",
    "more_than": "свыше ",
    "at_most": "не более ",
    "about": "около ",
}
_BOUND_EN = {
    "exact": "",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "about": "about ",
}


def printed_tolerance(printed: Decimal) -> Decimal:
    """Half a unit of a printed number's last digit: how far rounding can have moved it.

    The tolerance follows the digits the source document printed, which the
    report keeps as written: «30.0» (JSON ``30.0`` or ``"30.0"``) was rounded to
    tenths, «30» (JSON ``30``) to units. A number written with a positive
    exponent (``3E+1``, as JSON allows, or a normalised ``Decimal``) is a whole
    number written short, not one rounded to tens: it gets the tolerance of a
    whole number, never more.

    Parameters
    ----------
    printed : Decimal
        A number as printed (``Decimal("53.3")``, ``Decimal("85")``).

    Returns
    -------
    Decimal
        ``0.05`` for «53.3», ``0.5`` for «85», «8.5E+1» and «3E+1»: any value
        within it rounds to what is printed.

    Examples
    --------
    >>> printed_tolerance(Decimal("53.3")), printed_tolerance(Decimal("85"))
    (Decimal('0.05'), Decimal('0.5'))
    >>> printed_tolerance(Decimal("30.0")), printed_tolerance(Decimal("3E+1"))
    (Decimal('0.05'), Decimal('0.5'))

    See Also
    --------
    audit_report : compares printed percentages within this tolerance.
    """
    exponent = printed.as_tuple().exponent
    places = min(exponent, 0) if isinstance(exponent, int) else 0
    return Decimal((0, (5,), places - 1))  # built, not computed: exact in any context


def audit_report(
    report: Report, *, tolerance: Decimal | None = None, overshoot: Decimal = OVERSHOOT
) -> tuple[Finding, ...]:
    """Every numeric inconsistency of ``report``, as findings (never raises).

    Parameters
    ----------
    report : Report
        The report to check.
    tolerance : Decimal, optional
        How far a printed percentage may be from actual ÷ plan × 100 (in
        percentage points) before it is flagged. By default, half a unit of the
        percentage's last printed digit (`printed_tolerance()`: 0.5 for
        «53 %», 0.05 for «53.3 %»), so a percentage is flagged exactly when it
        is not the computed one rounded. Sums and repeated figures are compared
        exactly.
    overshoot : Decimal, optional
        An actual above this percentage of its plan needs a justification in
        the deviation field (`OVERSHOOT`, 150, by default); a range plan
        is exceeded as soon as the actual passes its upper bound.

    Returns
    -------
    tuple of Finding
        In this order: breakdowns; rows in row order (percentage, shortfall,
        range, overshoot, promised target, missing actual); repeated figures;
        restatements of rows; charts; tallies. Codes: ``breakdown-mismatch``,
        ``percent-mismatch``, ``unexplained-shortfall``, ``above-range``,
        ``unexplained-overshoot``, ``target-differs-from-task``,
        ``missing-actual``, ``figure-conflict``, ``restated-differs``,
        ``chart-total-mismatch``, ``tally-mismatch``, ``tally-mixed-units``,
        ``participations-as-people``.

    Examples
    --------
    >>> r = Report("demo", "Demo report", rows=[
    ...     ReportRow("3.1.5", "Task 3", None, "participants", "persons",
    ...               planned=150, achieved=80, comparator="at_least")],
    ...     breakdowns=[Breakdown("gender", "gender", 1000, [("men", 400), ("women", 600)])],
    ...     charts=[Chart("events", [("a", 10), ("b", 7), ("c", 15), ("d", 16), ("e", 18)], 41)],
    ...     deviation_note="-")
    >>> for f in audit_report(r):
    ...     print(f.code, f.location, dict(f.numbers))
    unexplained-shortfall 3.1.5 {'planned': Decimal('150'), 'achieved': Decimal('80'), 'gap': Decimal('70'), 'percent': Decimal('53.3')}
    chart-total-mismatch events {'printed_total': Decimal('41'), 'parts_sum': Decimal('66'), 'gap': Decimal('25')}

    One figure printed with values that cannot all be true:

    >>> r = Report("demo", "Demo", mentions=[Mention("a", "people", 300, "p. 1"),
    ...     Mention("b", "people", 250, "p. 4", qualifier="at_least"),
    ...     Mention("c", "people", 310, "p. 9")])
    >>> print(audit_report(r)[0].message_en)
    figure 'people' is printed with incompatible values: 300 (p. 1); at least 250 (p. 4); 310 (p. 9)

    «Свыше 300» is not 300; a range keeps its upper bound; an overshoot needs a note:

    >>> r = Report("demo", "Demo", mentions=[Mention("a", "people", 300, "p. 1"),
    ...     Mention("b", "people", 300, "p. 2", qualifier="more_than")], rows=[
    ...     ReportRow("1.1", "T", None, "outlets", None, planned=50, achieved=270,
    ...               comparator="range", planned_upper=100),
    ...     ReportRow("1.2", "T", None, "posts", None, planned=2, achieved=7),
    ...     ReportRow("1.3", "T", None, "meetings", None, planned=10, achieved_text="online")])
    >>> for f in audit_report(r):
    ...     print(f.code, f.location)
    above-range 1.1
    unexplained-overshoot 1.2
    missing-actual 1.3
    figure-conflict people
    >>> [f.code for f in audit_report(r, overshoot=Decimal(400))][:2]
    ['above-range', 'missing-actual']

    A figure printed again elsewhere refers to its row, and is checked against it:

    >>> r = Report("demo", "Demo", rows=[
    ...     ReportRow("2.1", "T", None, "seminar participants", None, planned=300, achieved=301)],
    ...     mentions=[Mention("narrative", "seminar-participants", 300, "narrative", row="2.1")])
    >>> f = audit_report(r)[0]
    >>> f.code, f.location, f.numbers["row_value"], f.numbers["value"]
    ('restated-differs', 'narrative', Decimal('301'), Decimal('300'))

    See Also
    --------
    check_report : the audit as the ``report-check`` command's result.
    civicgrants.budget.audit : the budget audit, whose findings these resemble.
    civicgrants.indicators.check_breakdowns : the same sum check for indicator records.
    """
    findings: list[Finding] = []
    with localcontext(EXACT):
        for b in report.breakdowns:
            total = sum((v for _, v in b.parts), Decimal(0))
            if total != b.total:
                gap = total - b.total
                findings.append(
                    Finding(
                        "breakdown-mismatch",
                        Severity.ERROR,
                        b.key,
                        {"total": b.total, "parts_sum": total, "gap": gap, "parts": len(b.parts)},
                        f"Разбивка «{b.dimension}»: части дают {total:f}, "
                        f"а итог указан {b.total:f} (разница {gap:f})",
                        f"breakdown {b.dimension!r}: the parts sum to {total:f} but "
                        f"{b.total:f} is printed as the total (gap {gap:f})",
                    )
                )
        for row in report.rows:
            findings.extend(_row_findings(report, row, tolerance, overshoot))
        findings.extend(_figure_conflicts(report.mentions))
        findings.extend(_restatements(report))
        for c in report.charts:
            total = sum((v for _, v in c.parts), Decimal(0))
            if total != c.printed_total:
                gap = total - c.printed_total
                findings.append(
                    Finding(
                        "chart-total-mismatch",
                        Severity.ERROR,
                        c.key,
                        {"printed_total": c.printed_total, "parts_sum": total, "gap": gap},
                        f"Диаграмма {c.key}: части дают {total:f}, "
                        f"а подписан итог {c.printed_total:f}",
                        f"chart {c.key}: its parts sum to {total:f} but the printed "
                        f"total is {c.printed_total:f}",
                    )
                )
        for t in report.tallies:
            findings.extend(_tally_findings(t))
    return tuple(findings)


@shows
@attrs.frozen
class ReportCheck:
    """The audit of one report: what ``civicgrants report-check`` prints.

    Attributes
    ----------
    report : str
        The report's id.
    rows : int
        How many indicator rows the report has.
    findings : tuple of Finding
        Every inconsistency (`audit_report()`), in its order.
    source : str or None
        Where the report was read from (a file name), if given; the text names it.

    Examples
    --------
    >>> c = ReportCheck("demo", 2, ())
    >>> c.report, c.rows, c.has_errors
    ('demo', 2, False)

    See Also
    --------
    check_report : builds it.
    civicgrants.io.views.indicators.report_check_text : prints it.
    """

    report: str
    rows: int
    findings: tuple[Finding, ...]
    source: str | None = None

    @property
    def has_errors(self) -> bool:
        """Whether a finding is an error (the command then exits 1).

        Returns
        -------
        bool
            True when some finding has severity ``ERROR``; warnings do not count.

        Examples
        --------
        >>> r = Report("demo", "Demo", charts=[Chart("c", [("a", 1)], 2)])
        >>> check_report(r).has_errors
        True

        See Also
        --------
        ReportCheck.findings : the findings.
        """
        return any(f.severity is Severity.ERROR for f in self.findings)


def check_report(
    report: Report,
    *,
    source: str | None = None,
    tolerance: Decimal | None = None,
    overshoot: Decimal = OVERSHOOT,
) -> ReportCheck:
    """Audit ``report`` (`audit_report()`): the ``civicgrants report-check`` command.

    Parameters
    ----------
    report : Report
        The report.
    source : str, optional
        Where it was read from, for the text's first line.
    tolerance : Decimal, optional
        How far a printed percentage may be from the computed one (see `audit_report()`).
    overshoot : Decimal, optional
        The overshoot threshold in percent of plan (see `audit_report()`).

    Returns
    -------
    ReportCheck
        The report's id, its number of rows, the findings and ``source``.

    Examples
    --------
    >>> from civicgrants.datasets.seed_002_report import seed_002_report
    >>> check = check_report(seed_002_report())
    >>> check.rows, len(check.findings), check.has_errors
    (118, 20, False)

    See Also
    --------
    audit_report : the findings alone.
    civicgrants.io.views.indicators.report_check_text : prints the result.
    """
    findings = audit_report(report, tolerance=tolerance, overshoot=overshoot)
    return ReportCheck(report.id, len(report.rows), findings, source)


def _row_findings(
    report: Report, row: ReportRow, tolerance: Decimal | None, overshoot: Decimal
) -> list[Finding]:
    out: list[Finding] = []
    plan, got = row.planned, row.achieved
    if row.percent_printed is not None and plan == 0 and got is not None:
        out.append(
            Finding(
                "percent-mismatch",
                Severity.ERROR,
                row.key,
                {
                    "planned": plan,
                    "achieved": got,
                    "percent_printed": row.percent_printed,
                    "percent_computed": None,
                },
                f"Строка {row.key}: процент {row.percent_printed:f} % напечатан при плане 0",
                f"row {row.key}: {row.percent_printed:f}% is printed against a plan of 0",
            )
        )
    if row.percent_printed is not None and plan and got is not None:
        allowed = printed_tolerance(row.percent_printed) if tolerance is None else tolerance
        if abs(_ratio(got, plan) - Fraction(row.percent_printed)) > Fraction(allowed):
            shown = _pct(got, plan)
            out.append(
                Finding(
                    "percent-mismatch",
                    Severity.ERROR,
                    row.key,
                    {
                        "planned": plan,
                        "achieved": got,
                        "percent_printed": row.percent_printed,
                        "percent_computed": shown,
                    },
                    f"Строка {row.key}: {got:f} из {plan:f} = {shown:f} %, "
                    f"а напечатано {row.percent_printed:f} %",
                    f"row {row.key}: {got:f} of {plan:f} is {shown:f}%, "
                    f"but {row.percent_printed:f}% is printed",
                )
            )
    under = (
        plan is not None
        and got is not None
        and row.comparator in ("exact", "at_least", "range", "per_event", "deliverable")
        and got < plan
    )
    note = (report.deviation_note or "").strip()
    if under and note in _NO_NOTE and plan is not None and got is not None:
        gap = plan - got
        pct = _pct(got, plan) if plan else None  # below a plan of 0: no percentage
        out.append(
            Finding(
                "unexplained-shortfall",
                Severity.WARNING,
                row.key,
                {"planned": plan, "achieved": got, "gap": gap, "percent": pct},
                f"Строка {row.key} ({row.indicator}): достигнуто {got:f} из "
                f"{plan:f}"
                + (f" ({pct:f} %)" if pct is not None else "")
                + ", а обоснование отклонений пустое",
                f"row {row.key} ({row.indicator}): {got:f} of {plan:f} achieved"
                + (f" ({pct:f}%)" if pct is not None else "")
                + ", yet the deviation field gives no justification",
            )
        )
    upper = row.planned_upper
    if row.comparator == "range" and upper is not None and got is not None and got > upper:
        if note in _NO_NOTE:
            of_upper = _pct(got, upper) if upper else None
            span_ru = f"{plan:f}–{upper:f}" if plan is not None else f"до {upper:f}"
            span_en = f"{plan:f}–{upper:f}" if plan is not None else f"up to {upper:f}"
            out.append(
                Finding(
                    "above-range",
                    Severity.WARNING,
                    row.key,
                    {
                        "planned": plan,
                        "planned_upper": upper,
                        "achieved": got,
                        "excess": got - upper,
                    },
                    f"Строка {row.key} ({row.indicator}): достигнуто {got:f} при плане {span_ru}"
                    + (f" ({of_upper:f} % верхней границы)" if of_upper else "")
                    + ", а обоснование отклонений пустое",
                    f"row {row.key} ({row.indicator}): {got:f} achieved against a plan of "
                    f"{span_en}"
                    + (f" ({of_upper:f}% of the upper bound)" if of_upper else "")
                    + ", yet the deviation field gives no justification",
                )
            )
    elif (
        plan
        and plan > 0
        and got is not None
        and row.comparator in ("exact", "at_least", "at_most", "per_event")
        and _ratio(got, plan) > Fraction(overshoot)
        and note in _NO_NOTE
    ):
        pct = _pct(got, plan)
        out.append(
            Finding(
                "unexplained-overshoot",
                Severity.WARNING,
                row.key,
                {"planned": plan, "achieved": got, "percent": pct, "threshold": overshoot},
                f"Строка {row.key} ({row.indicator}): достигнуто {got:f} при плане "
                f"{plan:f} ({pct:f} %, порог {overshoot:f} %), а обоснование отклонений пустое",
                f"row {row.key} ({row.indicator}): {got:f} achieved against a plan of "
                f"{plan:f} ({pct:f}%, above {overshoot:f}%), yet the deviation field gives "
                "no justification",
            )
        )
    if row.promised is not None and plan is not None and row.promised != plan:
        out.append(
            Finding(
                "target-differs-from-task",
                Severity.WARNING,
                row.key,
                {"planned": plan, "promised": row.promised, "gap": row.promised - plan},
                f"Строка {row.key} ({row.indicator}): план {plan:f}, а текст задачи "
                f"обещает {row.promised:f}",
                f"row {row.key} ({row.indicator}): the target is {plan:f} but the task "
                f"text promises {row.promised:f}",
            )
        )
    if plan is not None and got is None:
        cell = (row.achieved_text or "").strip()
        out.append(
            Finding(
                "missing-actual",
                Severity.WARNING,
                row.key,
                {"planned": plan},
                f"Строка {row.key} ({row.indicator}): план {plan:f}, а факт не указан числом"
                + (f" («{cell}»)" if cell else ""),
                f"row {row.key} ({row.indicator}): {plan:f} planned, but no actual number "
                "is stated" + (f" (the cell reads «{cell}»)" if cell else ""),
            )
        )
    return out


def _tally_findings(t: Tally) -> list[Finding]:
    out: list[Finding] = []
    if not t.parts:
        return out
    total = sum((p.value for p in t.parts), Decimal(0))
    if total != t.total:
        gap = total - t.total
        out.append(
            Finding(
                "tally-mismatch",
                Severity.WARNING,
                t.key,
                {"total": t.total, "parts_sum": total, "gap": gap, "parts": len(t.parts)},
                f"«{t.label}»: слагаемые дают {total:f}, а указано {t.total:f} (разница {gap:f})",
                f"{t.label!r}: the parts sum to {total:f} but {t.total:f} is printed (gap {gap:f})",
            )
        )
    foreign = [p for p in t.parts if p.unit != t.unit]
    if foreign:
        units = tuple(dict.fromkeys([t.unit, *(p.unit for p in t.parts)]))
        names = ", ".join(f"{p.label} ({p.unit})" for p in foreign)
        out.append(
            Finding(
                "tally-mixed-units",
                Severity.WARNING,
                t.key,
                {"units": units, "parts": len(foreign)},
                f"«{t.label}» ({t.unit}) складывает разные единицы: {names}",
                f"{t.label!r} ({t.unit}) adds counts of other units: {names}",
            )
        )
    visits = [p for p in t.parts if p.counts == "participations"]
    if t.counts == "people" and visits:
        summed = sum((p.value for p in visits), Decimal(0))
        out.append(
            Finding(
                "participations-as-people",
                Severity.WARNING,
                t.key,
                {"total": t.total, "participations": summed, "parts": len(visits)},
                f"«{t.label}»: {summed:f} участий в {len(visits)} мероприятиях посчитаны "
                f"как уникальные люди (итог {t.total:f})",
                f"{t.label!r}: {summed:f} participations across {len(visits)} activities "
                f"are counted as unique people (total {t.total:f})",
            )
        )
    return out


def _restatements(report: Report) -> list[Finding]:
    """Every mention and tally part that restates a row, against the row."""
    rows = {r.key: r for r in report.rows}
    places: list[tuple[str, str, Mention, str]] = []
    for m in report.mentions:
        if m.row is not None:
            places.append((m.key, m.where, m, m.row))
    for t in report.tallies:
        if t.row is not None:
            places.append((t.key, t.label, Mention(t.key, t.key, t.total, t.label), t.row))
        for j, part in enumerate(t.parts):
            if part.row is not None:
                as_mention = Mention(f"{t.key}-{j + 1}", t.key, part.value, t.label, row=part.row)
                places.append((f"{t.key}/{part.label}", t.label, as_mention, part.row))
    out: list[Finding] = []
    for location, where, m, key in places:
        row = rows[key]
        value = row.value(m.column)
        if value is None:
            continue
        if agrees(m.value, m.qualifier, value):
            continue
        col_ru = "план" if m.column == "planned" else "факт"
        out.append(
            Finding(
                "restated-differs",
                Severity.WARNING,
                location,
                {"row": key, "column": m.column, "row_value": value, "value": m.value},
                f"{where}: {_BOUND_RU[m.qualifier]}{m.value:f}, а в строке {key} "
                f"({row.indicator}) {col_ru} {value:f}",
                f"{where}: {_BOUND_EN[m.qualifier]}{m.value:f}, but row {key} "
                f"({row.indicator}) states {value:f} as its {m.column} number",
            )
        )
    return out


def _figure_conflicts(mentions: tuple[Mention, ...]) -> list[Finding]:
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.figure, []).append(m)
    out: list[Finding] = []
    for figure, ms in groups.items():
        pairs = [(a, b) for i, a in enumerate(ms) for b in ms[i + 1 :] if _conflict(a, b)]
        if not pairs:
            continue
        values = {m.key: m.value for m in ms}
        ru = "; ".join(f"{_BOUND_RU[m.qualifier]}{m.value:f} ({m.where})" for m in ms)
        en = "; ".join(f"{_BOUND_EN[m.qualifier]}{m.value:f} ({m.where})" for m in ms)
        out.append(
            Finding(
                "figure-conflict",
                Severity.WARNING,
                figure,
                {
                    "values": values,
                    "conflicts": tuple((a.key, b.key) for a, b in pairs),
                    "min": min(values.values()),
                    "max": max(values.values()),
                },
                f"Показатель «{figure}» указан по-разному: {ru}",
                f"figure {figure!r} is printed with incompatible values: {en}",
            )
        )
    return out
