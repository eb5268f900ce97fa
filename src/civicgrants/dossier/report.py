"""The final report of a state social grant (Annex 7 to the grant agreement) as one document.

A `FinalReport` holds what the form asks for, section by section:

* the header (`Agreement`): the agreement's number and date, the grant
  amount, the grantee and, when it is known, the id of the application dossier
  the report answers;
* goal achievement (`GoalAchievement`) and the indicator table with its
  breakdowns, tallies and restated figures: a `civicgrants.indicators.Report`
  whose rows name the application's monitoring-plan indicators they report on
  (`plan`) and whose figures printed again
  elsewhere refer to the rows they restate (`row`);
* section 5's results (`ResultItem`), the partners table
  (`ReportPartner`; a supplier is not a partner), the register of letters
  with recommendations (`Letter`), success stories (`Story`) and the
  proposals for the list of priority directions (`Proposal`);
* counts the text prints of those tables (`TableCount`: «3 letters», «10
  partners»), checked against the tables;
* the financial part (`Finances`): what was spent on which line of the
  estimate, as the budget package's execution model reads it.

`civicgrants.dossier.check_final_report()` audits it, alone or against its
application dossier.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal, localcontext
from typing import Any, Literal

import attrs

from civicgrants.budget.execution import Actual
from civicgrants.budget.model import Source
from civicgrants.indicators.report import QUALIFIERS, Qualifier, Report, figure_problem
from civicgrants.model.display import shows
from civicgrants.model.fields import (
    SCHEMA,
    choice,
    date,
    decimal,
    entity,
    ident,
    many,
    money,
    optional_ident,
    type_check,
)
from civicgrants.model.fields import (
    count as whole,
)
from civicgrants.model.fields import (
    text as text_field,
)
from civicgrants.model.money import Money
from civicgrants.model.numbers import EXACT

__all__ = [
    "TABLES",
    "Agreement",
    "FinalReport",
    "Finances",
    "GoalAchievement",
    "Letter",
    "PartnerKind",
    "Proposal",
    "ReportPartner",
    "ResultItem",
    "Spending",
    "Story",
    "TableCount",
]

TABLES = ("partners", "letters", "recommendations", "proposals", "results", "stories")
"""What a `TableCount` may count: the rows of a table of the report, or
(``recommendations``) the recommendations its letters carry."""

Table = Literal["partners", "letters", "recommendations", "proposals", "results", "stories"]


def _one_of(values: tuple[str, ...]) -> Any:
    def check(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if value not in values:
            raise ValueError(
                f"{attr.name}: must be one of {', '.join(map(repr, values))}, got {value!r}"
            )

    return check


def _check_figures(inst: object, *names: str) -> None:
    """Refuse a number a report cannot hold (see ``indicators.report.figure_problem``)."""
    for name in names:
        value = getattr(inst, name)
        problem = figure_problem(value) if isinstance(value, Decimal) else None
        if problem is not None:
            raise ValueError(f"{name}: {problem}")


def _table() -> Any:
    return attrs.field(validator=_one_of(TABLES), metadata={SCHEMA: {"enum": list(TABLES)}})


@shows
@attrs.frozen
class Agreement:
    """The report's header: which agreement it reports on, for how much.

    Parameters
    ----------
    number : str
        The grant agreement's number as printed (``"92"``).
    grant : Money
        The total grant under the agreement.
    grantee : str
        The organisation that received it (an organisation, not a person).
    signed : datetime.date, optional
        The date the agreement was signed.
    application : str, optional
        The id of the application dossier the agreement funds.
    title : str, optional
        The project's title.
    direction : str, optional
        The priority direction of the call.

    Raises
    ------
    ValueError
        A field of the wrong type, a blank text, a negative grant or an
        ``application`` that is not an id.

    Examples
    --------
    >>> a = Agreement("92", Money(5_000_000), "ОО «Зелёная солидарность»",
    ...               signed=dt.date(2024, 5, 28))
    >>> a.number, a.grant.amount, a.signed.isoformat()
    ('92', Decimal('5000000.00'), '2024-05-28')

    See Also
    --------
    FinalReport : the report it heads.
    """

    number: str = text_field()
    grant: Money = money()
    grantee: str = text_field()
    signed: dt.date | None = date(optional=True)
    application: str | None = optional_ident()
    title: str | None = text_field(optional=True)
    direction: str | None = text_field(optional=True)


@shows
@attrs.frozen
class GoalAchievement:
    """Section 1 of the report: the goal, how it was achieved, the rows that show it.

    Parameters
    ----------
    goal : str
        The project's goal, as the report restates it.
    statement : str, optional
        The report's facts and arguments that the goal was achieved.
    rows : sequence of str, optional
        The keys of the indicator rows that measure the goal.

    Raises
    ------
    ValueError
        A blank text, or a row key that is not an id.

    Examples
    --------
    >>> GoalAchievement("Involve residents", rows=["goal.1"]).rows
    ('goal.1',)

    See Also
    --------
    FinalReport.check_references : the rows must exist.
    """

    goal: str = text_field()
    statement: str | None = text_field(optional=True)
    rows: tuple[str, ...] = many(str, unique=True)


@shows
@attrs.frozen
class ResultItem:
    """One item of section 5 («Результаты социального проекта»).

    Parameters
    ----------
    key : str
        The item's id, unique in the report.
    text : str
        What it says.
    number : str, optional
        The number it is printed under, as printed (``"2."``: the numbering of
        real reports restarts, so it is kept, not trusted).

    Raises
    ------
    ValueError
        ``key`` is not an id, or a text is blank.

    Examples
    --------
    >>> ResultItem("r1", "520 people participated", number="1.").number
    '1.'

    See Also
    --------
    FinalReport : holds the results.
    """

    key: str = ident()
    text: str = text_field()
    number: str | None = text_field(optional=True)


class PartnerKind(enum.Enum):
    """What kind of organisation a partner of the report is.

    A supplier (logistics, catering, travel) is not a partner: the form's own rule
    (seed-002.md §1, Table C) says so, and `check_final_report()`
    flags one listed as a partner.

    Examples
    --------
    >>> PartnerKind("supplier")
    <PartnerKind.SUPPLIER: 'supplier'>

    See Also
    --------
    ReportPartner : one row of the partners table.
    """

    NGO = "ngo"
    STATE_BODY = "state-body"
    LOCAL_AUTHORITY = "local-authority"
    MASLIKHAT = "maslikhat"
    CULTURE = "culture"
    EDUCATION = "education"
    BUSINESS = "business"
    MEDIA = "media"
    SUPPLIER = "supplier"
    OTHER = "other"


@shows
@attrs.frozen
class ReportPartner:
    """One row of the partners table (Table C / Tab E).

    Contacts and the names of contact persons are personal data; the report keeps
    the organisation and its role only.

    Parameters
    ----------
    key : str
        The row's id, unique in the report.
    name : str
        The organisation.
    role : str
        Its role in the project, as printed.
    kind : PartnerKind
        What kind of organisation it is.
    bodies : int, optional
        How many bodies the row stands for, when it names several («10 akimats»);
        1 by default.
    note : str, optional
        The note column.

    Raises
    ------
    ValueError
        ``key`` is not an id, a text is blank, ``kind`` is not a
        `PartnerKind` or ``bodies`` is below 1.

    Examples
    --------
    >>> p = ReportPartner("akimats", "Akimats of 8 districts and 2 cities", "venues",
    ...                   PartnerKind.LOCAL_AUTHORITY, bodies=10)
    >>> p.bodies, p.kind.value
    (10, 'local-authority')

    See Also
    --------
    PartnerKind : the kinds.
    TableCount : a count of partners printed elsewhere.
    """

    key: str = ident()
    name: str = text_field()
    role: str = text_field()
    kind: PartnerKind = choice(PartnerKind)
    bodies: int = whole(minimum=1, default=1)
    note: str | None = text_field(optional=True)


@shows
@attrs.frozen
class Letter:
    """One entry of the register of letters with recommendations (Tab G).

    Parameters
    ----------
    key : str
        The entry's id, unique in the report.
    number : str
        The outgoing number as printed (``"60"``); two letters never share one.
    addressee : str
        To whom (an office, not a person's name).
    sent : datetime.date, optional
        The date printed on it.
    recommendations : int, optional
        How many recommendations or issues it carries.

    Raises
    ------
    ValueError
        ``key`` is not an id, a text is blank, or a count is negative.

    Examples
    --------
    >>> Letter("to-akim", "60", "Akim of Kyzylorda region", sent=dt.date(2024, 11, 25),
    ...        recommendations=9).recommendations
    9

    See Also
    --------
    FinalReport : holds the register.
    """

    key: str = ident()
    number: str = text_field()
    addressee: str = text_field()
    sent: dt.date | None = date(optional=True)
    recommendations: int | None = whole(optional=True)


@shows
@attrs.frozen
class Story:
    """A success story (section 3): situation, what the project did, the result.

    People in stories are named in real reports, with phone numbers; the document
    keeps the story, not the person.

    Parameters
    ----------
    key : str
        The story's id, unique in the report.
    title : str
        Its title.
    situation : str, optional
        The situation before the project.
    impact : str, optional
        What the project did.
    result : str, optional
        The result.
    place : str, optional
        The village or town.

    Raises
    ------
    ValueError
        ``key`` is not an id, or a text is blank.

    Examples
    --------
    >>> Story("club", "A village club reopens", place="Kamystybas").place
    'Kamystybas'

    See Also
    --------
    FinalReport : holds the stories.
    """

    key: str = ident()
    title: str = text_field()
    situation: str | None = text_field(optional=True)
    impact: str | None = text_field(optional=True)
    result: str | None = text_field(optional=True)
    place: str | None = text_field(optional=True)


@shows
@attrs.frozen
class Proposal:
    """A proposal for the list of priority directions of state grants (Table D / Tab F).

    Parameters
    ----------
    key : str
        The proposal's id, unique in the report.
    title : str
        Its title or sphere.
    amount : Decimal, optional
        The funding volume as printed, in ``unit``.
    unit : Decimal, optional
        How many tenge one printed unit is: 1000 when the column is headed
        «тысячи тенге» (the form's header), 1 for tenge.
    grant_type : str, optional
        «Малый грант», «Социальный грант» … as printed.

    Raises
    ------
    ValueError
        ``key`` is not an id, a text is blank, or a number is not a positive
        decimal or is beyond a report's numbers
        (`civicgrants.indicators.report.FIGURE_PLACES`).

    Examples
    --------
    >>> p = Proposal("farming", "Green farming", amount=7_000_000, unit=1000)
    >>> p.tenge()
    Decimal('7000000000')

    See Also
    --------
    civicgrants.dossier.check_final_report : flags an amount whose unit cannot be right.
    """

    key: str = ident()
    title: str = text_field()
    amount: Decimal | None = decimal(optional=True, minimum=Decimal(0))
    unit: Decimal = decimal(default=Decimal(1000), minimum=Decimal(1))
    grant_type: str | None = text_field(optional=True)

    def __attrs_post_init__(self) -> None:
        _check_figures(self, "amount", "unit")

    def tenge(self) -> Decimal | None:
        """The amount in tenge, reading the printed number in the column's unit.

        Returns
        -------
        Decimal or None
            ``amount × unit``, exactly; ``None`` when no amount is printed.

        Examples
        --------
        >>> Proposal("p", "P", amount="1.5", unit=1000).tenge()
        Decimal('1500.0')

        See Also
        --------
        Proposal.unit : the column's unit.
        """
        if self.amount is None:
            return None
        with localcontext(EXACT):  # two numbers of at most 60 digits each: exact
            return self.amount * self.unit


@shows
@attrs.frozen
class TableCount:
    """A count of a table's rows that the report prints elsewhere («3 letters to МИО»).

    The value is either printed here (``value``) or is a number of an indicator
    row (``row`` and ``column``): then the row is the one place it is stored, and
    changing the row is checked against the table.

    Parameters
    ----------
    key : str
        The count's id, unique in the report.
    table : str
        What it counts, one of `TABLES`: the rows of the partners, letters,
        proposals, results or stories table, or the recommendations the letters
        carry.
    where : str
        Where it is printed.
    value : Decimal, optional
        The count as printed here.
    row : str, optional
        The indicator row whose number is the count.
    column : str, optional
        Which number of ``row``: ``"achieved"`` (the default) or ``"planned"``.
    qualifier : str, optional
        How it is stated, one of `civicgrants.indicators.QUALIFIERS`.
    kind : PartnerKind, optional
        Count only partners of this kind («2 НПО»).
    bodies : bool, optional
        Count the bodies partner rows stand for rather than the rows.

    Raises
    ------
    ValueError
        ``key`` is not an id, ``table``, ``column`` or ``qualifier`` is not one
        of its values, not exactly one of ``value`` and ``row`` is given, or
        ``value`` is beyond a report's numbers
        (`civicgrants.indicators.report.FIGURE_PLACES`).

    Examples
    --------
    >>> TableCount("letters-t3m3", "letters", "T3.M3", value=3).value
    Decimal('3')
    >>> TableCount("x", "letters", "T3.M3")
    Traceback (most recent call last):
    ...
    ValueError: x: a count states its value or names the row that states it, not neither

    See Also
    --------
    civicgrants.dossier.check_final_report : compares it with the table.
    """

    key: str = ident()
    table: Table = _table()
    where: str = text_field()
    value: Decimal | None = decimal(optional=True, minimum=Decimal(0))
    row: str | None = optional_ident()
    column: Literal["planned", "achieved"] = attrs.field(
        default="achieved", validator=_one_of(("planned", "achieved"))
    )
    qualifier: Qualifier = attrs.field(default="exact", validator=_one_of(QUALIFIERS))
    kind: PartnerKind | None = choice(PartnerKind, optional=True)
    bodies: bool = attrs.field(default=False, validator=type_check(bool, "true or false"))

    def __attrs_post_init__(self) -> None:
        _check_figures(self, "value")
        if (self.value is None) == (self.row is None):
            raise ValueError(
                f"{self.key}: a count states its value or names the row that states it, not "
                + ("both" if self.value is not None else "neither")
            )
        if (self.kind is not None or self.bodies) and self.table != "partners":
            raise ValueError(f"{self.key}: only a count of partners has a kind or bodies")


@shows
@attrs.frozen
class Spending:
    """What the report says was spent on one line of the estimate.

    Parameters
    ----------
    key : str
        The line's id, unique in the report.
    code : str
        The code of the estimate's line (Annex 5) the money was spent on; a report
        without its application uses its own line names.
    label : str
        The line as the report names it («Фонд оплаты труда»).
    spent : Money
        How much was spent.
    planned : Money, optional
        The plan the report prints for the line; checked against the estimate.
    source : Source, optional
        Who paid; the grant by default.
    row : str, optional
        The indicator row (the socio-economic table) that prints the same
        amount as its actual; the two are checked against each other.

    Raises
    ------
    ValueError
        ``key`` is not an id, a text is blank, an amount is negative or
        ``source`` is not a `Source`.

    Examples
    --------
    >>> s = Spending("payroll", "payroll", "Фонд оплаты труда", Money(2_440_000),
    ...              planned=Money(2_440_000), row="C.6")
    >>> s.actual().amount == s.spent
    True

    See Also
    --------
    Finances : the lines together.
    civicgrants.budget.execute : the execution model they feed.
    """

    key: str = ident()
    code: str = text_field()
    label: str = text_field()
    spent: Money = money()
    planned: Money | None = money(optional=True)
    source: Source = choice(Source, default=Source.GRANT)
    row: str | None = optional_ident()

    def actual(self) -> Actual:
        """The line as an `Actual` of the execution model.

        Returns
        -------
        Actual
            ``Actual(code, source, spent)``.

        Examples
        --------
        >>> Spending("t", "2.1", "Taxes", Money(296_120)).actual().code
        '2.1'

        See Also
        --------
        civicgrants.budget.execute : compares actuals with the estimate.
        """
        return Actual(self.code, self.source, self.spent, note=self.label)


@shows
@attrs.frozen
class Finances:
    """The financial part of the report: spending by line, and what went back.

    Parameters
    ----------
    lines : sequence of Spending
        What was spent, by line of the estimate; keys unique.
    refunded : Money, optional
        The unspent grant returned to the budget.

    Raises
    ------
    ValueError
        An item is not a `Spending`, two lines share a key,
        ``refunded`` is negative, the amounts are not all in one currency, or
        they add up to more than an amount holds (28 significant digits).

    Examples
    --------
    >>> f = Finances([Spending("a", "1", "Payroll", Money(100)),
    ...               Spending("b", "2", "Goods", Money(50))])
    >>> f.spent(Source.GRANT).amount
    Decimal('150.00')

    See Also
    --------
    Spending : one line.
    civicgrants.dossier.check_final_report : the grant against what was spent.
    """

    lines: tuple[Spending, ...] = many(Spending, unique=True)
    refunded: Money | None = money(optional=True)

    def __attrs_post_init__(self) -> None:
        amounts = [(f"lines[{i}] ({s.key}).spent", s.spent) for i, s in enumerate(self.lines)]
        amounts += [(f"lines[{i}] ({s.key}).planned", s.planned) for i, s in enumerate(self.lines)
                    if s.planned is not None]  # fmt: skip
        if self.refunded is not None:
            amounts.append(("refunded", self.refunded))
        if amounts:
            first = amounts[0][1].currency
            for where, amount in amounts:
                if amount.currency != first:
                    raise ValueError(f"{where}: in {amount.currency}, the spending is in {first}")
        back = () if self.refunded is None else (self.refunded,)
        try:  # every sum the audit takes is part of this one (amounts are not negative)
            Money.sum((*(s.spent for s in self.lines), *back))
        except ValueError as exc:
            raise ValueError(
                f"lines: the spending and the refund add up beyond an amount ({exc})"
            ) from None

    def spent(self, source: Source) -> Money:
        """What was spent from one source, summed exactly.

        Parameters
        ----------
        source : Source
            Who paid.

        Returns
        -------
        Money
            The sum of the lines paid by ``source`` (zero in the lines' currency,
            or KZT, when there are none).

        Examples
        --------
        >>> Finances().spent(Source.GRANT).amount
        Decimal('0.00')

        See Also
        --------
        Finances.lines : the lines.
        """
        currency = self.lines[0].spent.currency if self.lines else "KZT"
        return Money.sum((s.spent for s in self.lines if s.source is source), currency=currency)


@shows
@attrs.frozen
class FinalReport:
    """The final report on a state social grant (Annex 7 to the grant agreement).

    Parameters
    ----------
    agreement : Agreement
        The header.
    indicators : Report
        The indicator table (rows linked to the application's monitoring plan by
        `plan`), its breakdowns, tallies
        and the figures restated elsewhere; its ``id``, ``title`` and ``period``
        are the report's.
    goal : GoalAchievement, optional
        Section 1.
    results : sequence of ResultItem, optional
        Section 5, keys unique.
    partners : sequence of ReportPartner, optional
        The partners table, keys unique.
    letters : sequence of Letter, optional
        The register of letters with recommendations, keys unique.
    stories : sequence of Story, optional
        Success stories, keys unique.
    proposals : sequence of Proposal, optional
        Proposals for priority directions, keys unique.
    counts : sequence of TableCount, optional
        Counts of those tables printed elsewhere, keys unique.
    finances : Finances, optional
        The financial part; ``None`` when the report has none.

    Raises
    ------
    ValueError
        A part of the wrong kind, two items of one list sharing a key, or a
        reference (goal rows, counts, spending lines) to a row the indicator
        table does not have.

    Examples
    --------
    >>> from civicgrants.indicators import Mention, ReportRow
    >>> report = FinalReport(
    ...     Agreement("1", Money(1_000_000), "NGO"),
    ...     Report("r", "Final report", rows=[
    ...         ReportRow("T1.1", "T1", None, "letters", None, planned=3, achieved=3)]),
    ...     letters=[Letter("a", "60", "Akim"), Letter("b", "61", "Department")],
    ...     counts=[TableCount("letters", "letters", "T3.M2", row="T1.1")])
    >>> report.id, len(report.letters)
    ('r', 2)

    See Also
    --------
    civicgrants.dossier.check_final_report : its audit, alone or against its application.
    civicgrants.datasets.seed_002_final_report : a real one.
    """

    agreement: Agreement = entity(Agreement)
    indicators: Report = entity(Report)
    goal: GoalAchievement | None = entity(GoalAchievement, optional=True)
    results: tuple[ResultItem, ...] = many(ResultItem, unique=True)
    partners: tuple[ReportPartner, ...] = many(ReportPartner, unique=True)
    letters: tuple[Letter, ...] = many(Letter, unique=True)
    stories: tuple[Story, ...] = many(Story, unique=True)
    proposals: tuple[Proposal, ...] = many(Proposal, unique=True)
    counts: tuple[TableCount, ...] = many(TableCount, unique=True)
    finances: Finances | None = entity(Finances, optional=True)

    def __attrs_post_init__(self) -> None:
        keys = {r.key for r in self.indicators.rows}
        refs: list[tuple[str, str | None]] = []
        if self.goal is not None:
            refs += [(f"goal.rows[{i}]", k) for i, k in enumerate(self.goal.rows)]
        refs += [(f"counts[{i}] ({c.key}).row", c.row) for i, c in enumerate(self.counts)]
        if self.finances is not None:
            refs += [
                (f"finances.lines[{i}] ({s.key}).row", s.row)
                for i, s in enumerate(self.finances.lines)
            ]
        for where, key in refs:
            if key is not None and key not in keys:
                raise ValueError(f"{where}: the indicator table has no row {key!r}")

    @property
    def id(self) -> str:
        """The report's id: its indicator table's.

        Returns
        -------
        str
            ``indicators.id``.

        Examples
        --------
        >>> FinalReport(Agreement("1", Money(1), "NGO"), Report("r", "R")).id
        'r'

        See Also
        --------
        civicgrants.indicators.Report.id : where it is stored.
        """
        return self.indicators.id
