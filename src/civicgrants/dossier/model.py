"""The application dossier of a state social grant: Annexes 2–5 as frozen entities.

A `Dossier` composes the forms of an application (seed-001 §1):

* Annex 2, the questionnaire (`Questionnaire`, `Staffing`);
* Annex 3, the applicant's capacity (`Capacity`, `PriorProject`,
  `TeamMember`);
* Annex 4, the project's content (`Content`: goal → `Task` →
  `Activity`, each with a stable code such as ``T1`` and ``T1.A1``;
  `TargetGroup`, `Partner`, `ExpectedResult`, the
  monitoring plan of `Indicator`, `Risk`, `MediaItem`,
  `Pledge`, and the calendar plan as a `MonthGrid`
  whose rows are keyed by activity codes);
* Annex 5, the cost estimate (`Estimate`: a `Budget`
  whose activity blocks name activity codes, and what its rows promise).

Numbers the forms promise are `Promise` objects with a shared ``key``
(``"plans"``), so `civicgrants.dossier.audit()` can compare them across the
annexes. People's names are personal data, removed on export.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import attrs

from civicgrants.budget.model import Budget, Source
from civicgrants.indicators.model import Target
from civicgrants.model.display import shows
from civicgrants.model.fields import (
    SCHEMA,
    choice,
    date,
    decimal,
    entity,
    flag,
    ident,
    many,
    matches,
    money,
    optional_ident,
    text,
    type_check,
)
from civicgrants.model.fields import (
    count as whole,
)
from civicgrants.model.money import Money
from civicgrants.model.names import Names
from civicgrants.model.organisation import Organisation
from civicgrants.model.people import Person, Role
from civicgrants.schedule.grid import MonthGrid

__all__ = [
    "ACTIVITY_CODE",
    "TASK_CODE",
    "Activity",
    "Capacity",
    "Content",
    "Dossier",
    "Estimate",
    "EstimateQuantity",
    "ExpectedResult",
    "Indicator",
    "Level",
    "MediaItem",
    "Partner",
    "Pledge",
    "PriorProject",
    "Promise",
    "Questionnaire",
    "RegionalRow",
    "Risk",
    "Staffing",
    "TargetGroup",
    "Task",
    "TeamMember",
    "TravelBlock",
]

TASK_CODE = r"^T[0-9]+$"
"""A task's code: ``T`` and its number (``T4``)."""
ACTIVITY_CODE = r"^T[0-9]+\.A[0-9]+$"
"""An activity's code: its task's code, ``.A`` and its number (``T4.A2``)."""


def _code(pattern: str, what: str, *, optional: bool = False) -> Any:
    checks = [type_check(str, "a string"), matches(pattern, what)]
    meta = {SCHEMA: {"pattern": pattern}}
    if optional:
        return attrs.field(default=None, validator=checks, metadata=meta)
    return attrs.field(validator=checks, metadata=meta)


def _year(*, optional: bool = False) -> Any:
    return whole(optional=optional, minimum=1900)


@shows
@attrs.frozen
class Staffing:
    """Annex 2 field 8, human resources: each count, or ``None`` for «Не применимо».

    Parameters
    ----------
    total : int or None, optional
        «Трудовые ресурсы всего»: the total declared.
    full_time : int or None, optional
        «Штатные сотрудники»: staff employees.
    contracted : int or None, optional
        «Привлекаемые специалисты»: contracted specialists.
    volunteers : int or None, optional
        «Волонтеры».

    Examples
    --------
    >>> Staffing(total=6, full_time=6).contracted is None
    True

    See Also
    --------
    Questionnaire : the form that holds it.
    """

    total: int | None = whole(optional=True)
    full_time: int | None = whole(optional=True)
    contracted: int | None = whole(optional=True)
    volunteers: int | None = whole(optional=True)


@shows
@attrs.frozen
class Questionnaire:
    """Annex 2, «Анкета заявителя»: who applies.

    Parameters
    ----------
    organisation : Organisation
        The applicant: name, kind, registration date and BIN (the BIN is
        checked against the registration date).
    legal_form : str
        The legal form as written («Объединение юридических лиц в форме ассоциации»).
    amended : datetime.date or None, optional
        The date of the last re-registration or amendment.
    address : str or None, optional
        The actual address (of the organisation).
    target_group : str or None, optional
        The applicant's target group; ``None`` for «Не применимо».
    head : Person or None, optional
        The head of the organisation (name, phones and e-mail are personal data).
    accountant : Person or None, optional
        The chief accountant; ``None`` for «Не применимо».
    staff : Staffing, optional
        Human resources.

    Examples
    --------
    >>> from civicgrants.model import OrganisationKind
    >>> q = Questionnaire(Organisation("gamo", Names(en="GAMO"), OrganisationKind.NGO,
    ...                   bin="051140010597"), "association")
    >>> q.accountant is None, q.staff.total is None
    (True, True)

    See Also
    --------
    Dossier : the whole application.
    civicgrants.model.validate_bin : the BIN rule.
    """

    organisation: Organisation = entity(Organisation)
    legal_form: str = text()
    amended: dt.date | None = date(optional=True)
    address: str | None = text(optional=True)
    target_group: str | None = text(optional=True)
    head: Person | None = entity(Person, optional=True)
    accountant: Person | None = entity(Person, optional=True)
    staff: Staffing = attrs.field(factory=Staffing, validator=type_check(Staffing, "a Staffing"))


@shows
@attrs.frozen
class PriorProject:
    """A project of Annex 3 §2 (experience on the topic) or §5 (in the region).

    Parameters
    ----------
    id : str
        A stable id (``"P1"``).
    first_year : int
        The year it started.
    title : str
        Its name and short description.
    last_year : int or None, optional
        The year it ended; ``None`` while it runs («по настоящее время»).
    funder : str or None, optional
        The customer or donor.
    region : str or None, optional
        Its geography, as written.
    amount : Money or None, optional
        What it cost, in its own currency (tenge, euro …).
    results : str or None, optional
        Its results, as written.

    Raises
    ------
    ValueError
        ``last_year`` is before ``first_year``.

    Examples
    --------
    >>> PriorProject("P4", 2017, "Ауылды бірлесе дамыту!", 2020,
    ...              amount=Money("458000", "EUR")).amount.currency
    'EUR'
    >>> PriorProject("P1", 2018, "x", 2017)
    Traceback (most recent call last):
    ...
    ValueError: last_year: must be >= first_year (2018), got 2017

    See Also
    --------
    Capacity : the annex that lists them.
    civicgrants.dossier.DossierRules.prior_years : the window they must fall in.
    """

    id: str = ident()
    first_year: int = _year()
    title: str = text()
    last_year: int | None = _year(optional=True)
    funder: str | None = text(optional=True)
    region: str | None = text(optional=True)
    amount: Money | None = money(optional=True)
    results: str | None = text(optional=True)

    def __attrs_post_init__(self) -> None:
        if self.last_year is not None and self.last_year < self.first_year:
            raise ValueError(
                f"last_year: must be >= first_year ({self.first_year}), got {self.last_year}"
            )


@shows
@attrs.frozen
class TeamMember:
    """A row of the project team (Annex 3 §4). The name is personal data.

    Parameters
    ----------
    id : str
        A stable id carrying no personal data (``"accountant"``).
    position : str
        The position («Бухгалтер»).
    duties : str
        Duties and responsibility in the project.
    years : int or None, optional
        Years of experience.
    role : Role or None, optional
        The role, where the library knows it (`Role`).
    budget_row : str or None, optional
        The code of the estimate's line that pays the member.
    name : str or None, optional
        The person's name (personal data).

    Examples
    --------
    >>> m = TeamMember("accountant", "Бухгалтер", "Финансовая отчетность", 12,
    ...                Role.ACCOUNTANT, "1.1.b", name="A. Person")
    >>> from civicgrants.model import redact
    >>> redact(m).name is None
    True

    See Also
    --------
    Capacity : the annex that lists the team.
    """

    id: str = ident()
    position: str = text()
    duties: str = text()
    years: int | None = whole(optional=True)
    role: Role | None = choice(Role, optional=True)
    budget_row: str | None = text(optional=True)
    name: str | None = text(optional=True, personal=True)


@shows
@attrs.frozen
class Capacity:
    """Annex 3, «Сведения о потенциале заявителя».

    Parameters
    ----------
    charter_fit : str or None, optional
        §1: how the project fits the charter.
    prior_projects : tuple of PriorProject, optional
        §2: experience on the grant's topic; ids unique.
    material_base : str or None, optional
        §3: the material and technical base.
    team : tuple of TeamMember, optional
        §4: the project team; ids unique.
    regional_experience : tuple of PriorProject, optional
        §5: experience in the target region; ids unique.

    Examples
    --------
    >>> Capacity(team=[TeamMember("head", "Президент", "Общая координация")]).team[0].id
    'head'

    See Also
    --------
    Dossier : the whole application.
    """

    charter_fit: str | None = text(optional=True)
    prior_projects: tuple[PriorProject, ...] = many(PriorProject, unique=True)
    material_base: str | None = text(optional=True)
    team: tuple[TeamMember, ...] = many(TeamMember, unique=True)
    regional_experience: tuple[PriorProject, ...] = many(PriorProject, unique=True)


@shows
@attrs.frozen
class Promise:
    """A number a form promises, under a ``key`` shared across the annexes.

    Parameters
    ----------
    key : str
        What is counted (``"plans"``); the same key everywhere the same thing
        is promised.
    target : Target
        The number in one of the indicators package's forms
        (``AT_LEAST`` for «не менее 4», ``EXACTLY`` for «8», ``PER_EVENT`` …).
    unit : str or None, optional
        The unit of count, as written.

    Examples
    --------
    >>> from civicgrants.indicators import TargetForm
    >>> Promise("plans", Target(TargetForm.EXACTLY, value=8)).target.threshold()
    Decimal('8')

    See Also
    --------
    Task, Activity, ExpectedResult : where promises are written.
    EstimateQuantity : a promise the estimate makes by a line's quantity.
    """

    key: str = ident()
    target: Target = entity(Target)
    unit: str | None = text(optional=True)


@shows
@attrs.frozen
class Activity:
    """An activity («мероприятие») of a task, with a stable code such as ``T4.A2``.

    Parameters
    ----------
    code : str
        Its code: the task's code, ``.A`` and a number.
    names : Names
        What it is (the form's Russian, and English).
    regions : tuple of str, optional
        The ids of the regions it covers; unique.
    participants : int or None, optional
        How many people take part, where the form says (catering and handouts
        are checked against it).
    promises : tuple of Promise, optional
        The numbers its description promises; one whose unit is a number of
        months (`MONTH_UNITS`) says how many months
        it runs, which its calendar row must mark.

    Examples
    --------
    >>> a = Activity("T5.A1", Names(en="Trainings"), ["aktobe", "atyrau"], 240)
    >>> a.task
    'T5'

    See Also
    --------
    Task : holds the activity.
    """

    code: str = _code(ACTIVITY_CODE, "an activity code such as 'T1.A1'")
    names: Names = entity(Names)
    regions: tuple[str, ...] = many(str, unique=True)
    participants: int | None = whole(optional=True)
    promises: tuple[Promise, ...] = many(Promise)

    @property
    def task(self) -> str:
        """The code of the activity's task (``"T4"`` for ``"T4.A2"``)."""
        return self.code.split(".")[0]


@shows
@attrs.frozen
class Task:
    """A task («задача») of the goal, with its activities.

    Parameters
    ----------
    code : str
        Its code (``"T4"``).
    names : Names
        The task as written.
    activities : tuple of Activity, optional
        Its activities; their codes start with the task's code.
    promises : tuple of Promise, optional
        The numbers the task's text promises.

    Raises
    ------
    ValueError
        An activity's code does not start with the task's code.

    Examples
    --------
    >>> Task("T1", Names(en="x"), [Activity("T2.A1", Names(en="y"))])
    Traceback (most recent call last):
    ...
    ValueError: activities[0]: code 'T2.A1' is not an activity of task 'T1'

    See Also
    --------
    Content : the goal and its tasks.
    """

    code: str = _code(TASK_CODE, "a task code such as 'T1'")
    names: Names = entity(Names)
    activities: tuple[Activity, ...] = many(Activity)
    promises: tuple[Promise, ...] = many(Promise)

    def __attrs_post_init__(self) -> None:
        for i, act in enumerate(self.activities):
            if act.task != self.code:
                raise ValueError(
                    f"activities[{i}]: code {act.code!r} is not an activity of task {self.code!r}"
                )


@shows
@attrs.frozen
class TargetGroup:
    """A row of the target-group table (Annex 4 §3).

    Parameters
    ----------
    id : str
        A stable id (``"G1"``).
    names : Names
        Who they are.
    count : int
        How many.
    unit : str
        The unit of count (``"person"``, ``"initiative-group"``).
    activity : str or None, optional
        The code of the activity that reaches them.
    key : str or None, optional
        The promise key the count stands for (``"training-participants"``).
    age_min, age_max : int or None, optional
        The age range.

    Examples
    --------
    >>> TargetGroup("G1", Names(en="trainees"), 240, "person", "T5.A1").count
    240

    See Also
    --------
    Content.target_total : the total the table states.
    """

    id: str = ident()
    names: Names = entity(Names)
    count: int = whole()
    unit: str = ident()
    activity: str | None = _code(ACTIVITY_CODE, "an activity code", optional=True)
    key: str | None = optional_ident()
    age_min: int | None = whole(optional=True)
    age_max: int | None = whole(optional=True)


@shows
@attrs.frozen
class Partner:
    """A partner and its roles (Annex 4 §4).

    Parameters
    ----------
    name : str
        The partner, as written (an organisation, never a person's name).
    roles : tuple of str, optional
        Its types of participation («информационная», «консультативная» …).

    Examples
    --------
    >>> Partner("Акимат", ["organisational"]).roles
    ('organisational',)

    See Also
    --------
    Content : lists the partners.
    """

    name: str = text()
    roles: tuple[str, ...] = many(str)


@shows
@attrs.frozen
class ExpectedResult:
    """An expected result (Annex 4 §1 «Ожидаемые результаты»).

    Parameters
    ----------
    code : str
        A stable code (``"R2"``).
    names : Names
        The result as written.
    task : str or None, optional
        The code of the task it belongs to.
    promises : tuple of Promise, optional
        The quantities it promises.

    Examples
    --------
    >>> from civicgrants.indicators import TargetForm
    >>> r = ExpectedResult("R2", Names(en="8 plans"), "T4",
    ...                    [Promise("plans", Target(TargetForm.EXACTLY, value=8))])
    >>> r.promises[0].key
    'plans'

    See Also
    --------
    Promise : a promised number.
    """

    code: str = ident()
    names: Names = entity(Names)
    task: str | None = _code(TASK_CODE, "a task code", optional=True)
    promises: tuple[Promise, ...] = many(Promise)


class Level(enum.Enum):
    """Whether an indicator measures a short-term or a long-term result.

    Examples
    --------
    >>> Level("long_term")
    <Level.LONG_TERM: 'long_term'>

    See Also
    --------
    Indicator : carries its level.
    """

    SHORT_TERM = "short_term"
    LONG_TERM = "long_term"


_REF = r"^T[0-9]+(\.A[0-9]+)?$"


@shows
@attrs.frozen
class Indicator:
    """A row of the monitoring plan (Annex 4 §6), tied to a task or an activity.

    Parameters
    ----------
    code : str
        A stable code (``"I4.2"``).
    names : Names
        The indicator as written.
    ref : str
        The code of the task or activity it measures.
    level : Level, optional
        Short-term (default) or long-term.
    unit : str or None, optional
        The unit of measure.
    target : Target or None, optional
        The target in the indicators package's forms; ``None`` for a
        qualitative indicator.
    baseline : Decimal or None, optional
        The baseline value.
    relative : bool, optional
        The target is a change in percent, which needs a baseline.
    key : str or None, optional
        The promise key the target stands for (``"plans"``).
    verification : str or None, optional
        The means of verification.
    frequency : str or None, optional
        How often it is measured.

    Examples
    --------
    >>> from civicgrants.indicators import TargetForm
    >>> i = Indicator("I4.2", Names(en=">= 4 plans"), "T4.A2", unit="plan",
    ...               target=Target(TargetForm.AT_LEAST, value=4), key="plans")
    >>> i.level.value
    'short_term'

    See Also
    --------
    civicgrants.indicators.Target : the target forms.
    """

    code: str = ident()
    names: Names = entity(Names)
    ref: str = _code(_REF, "a task or activity code")
    level: Level = choice(Level, default=Level.SHORT_TERM)
    unit: str | None = text(optional=True)
    target: Target | None = entity(Target, optional=True)
    baseline: Decimal | None = decimal(optional=True)
    relative: bool = flag()
    key: str | None = optional_ident()
    verification: str | None = text(optional=True)
    frequency: str | None = text(optional=True)


@shows
@attrs.frozen
class Risk:
    """A risk and its mitigation (Annex 4 §8).

    Parameters
    ----------
    risk : str
        The risk.
    mitigation : str
        The strategy to reduce it.

    Examples
    --------
    >>> Risk("offline events banned", "move online").mitigation
    'move online'

    See Also
    --------
    Content : lists the risks.
    """

    risk: str = text()
    mitigation: str = text()


@shows
@attrs.frozen
class MediaItem:
    """A row of the media plan (Annex 4 §9).

    Parameters
    ----------
    id : str
        A stable id (``"MP1"``).
    product : str
        The information product (press release, post, article …).
    target : Target or None, optional
        How many over the project.
    channels : tuple of str, optional
        Where it is published.
    frequency : str or None, optional
        How often.
    key : str or None, optional
        The promise key the count stands for (``"posts"``).

    Examples
    --------
    >>> from civicgrants.indicators import TargetForm
    >>> MediaItem("MP2", "posts", Target(TargetForm.AT_LEAST, value=16), key="posts").key
    'posts'

    See Also
    --------
    Content : holds the media plan.
    """

    id: str = ident()
    product: str = text()
    target: Target | None = entity(Target, optional=True)
    channels: tuple[str, ...] = many(str)
    frequency: str | None = text(optional=True)
    key: str | None = optional_ident()


def _pledge_source() -> Any:
    """A pledge's source: any but the grant (the class checks it; the schema lists the rest)."""
    field = choice(Source)
    field.metadata[SCHEMA] = {"enum": [s.value for s in Source if s is not Source.GRANT]}
    return field


@shows
@attrs.frozen
class Pledge:
    """Co-financing or own contribution the text promises.

    Parameters
    ----------
    id : str
        A stable id (``"C1"``).
    source : civicgrants.budget.Source
        Who pays (not ``GRANT``).
    text : str
        The promise as written.
    amount : Money or None, optional
        The amount, when the text names one.

    Raises
    ------
    ValueError
        ``source`` is the grant.

    Examples
    --------
    >>> Pledge("C1", Source.BUSINESS, "a centre co-financed by business").amount is None
    True
    >>> Pledge("C1", Source.GRANT, "x")
    Traceback (most recent call last):
    ...
    ValueError: source: a pledge is own money or co-financing, not the grant

    See Also
    --------
    civicgrants.budget.funding_by_source : the estimate's split it is compared with.
    """

    id: str = ident()
    source: Source = _pledge_source()
    text: str = text()
    amount: Money | None = money(optional=True)

    def __attrs_post_init__(self) -> None:
        if self.source is Source.GRANT:
            raise ValueError("source: a pledge is own money or co-financing, not the grant")


@shows
@attrs.frozen
class Content:
    """Annex 4, «Содержание проекта»: goal, tasks, activities, plans.

    Parameters
    ----------
    priority : str
        The priority direction of the call.
    goal : str
        The goal («Цель»).
    calendar : MonthGrid
        The calendar plan (§7); each row's key is an activity code.
    territory : tuple of str
        The ids of the regions covered; at least one, unique.
    tasks : tuple of Task
        The tasks, codes unique, activity codes unique across tasks.
    title : str or None, optional
        The project's title, if the form gives one.
    target_groups : tuple of TargetGroup, optional
        §3, ids unique.
    target_total : int or None, optional
        The total the target-group table states.
    partners : tuple of Partner, optional
        §4.
    expected_results : tuple of ExpectedResult, optional
        Codes unique.
    monitoring : tuple of Indicator, optional
        §6, codes unique.
    risks : tuple of Risk, optional
        §8.
    media : tuple of MediaItem, optional
        §9, ids unique.
    continuation : str or None, optional
        §10: can the activity continue after funding.
    role : str or None, optional
        §10: the organisation's role in sustainability.
    pledges : tuple of Pledge, optional
        Co-financing the text promises; ids unique.

    Raises
    ------
    ValueError
        A task or activity code repeats.

    Examples
    --------
    >>> from civicgrants.schedule import GridActivity
    >>> c = Content("LSG", "goal", MonthGrid(2, [GridActivity("T1.A1", Names(en="a"), (1, 2))]),
    ...             ["aktobe"], [Task("T1", Names(en="t"), [Activity("T1.A1", Names(en="a"))])])
    >>> [a.code for a in c.activities]
    ['T1.A1']

    See Also
    --------
    Dossier : the whole application.
    """

    priority: str = text()
    goal: str = text()
    calendar: MonthGrid = entity(MonthGrid)
    territory: tuple[str, ...] = many(str, nonempty=True, unique=True)
    tasks: tuple[Task, ...] = many(Task, nonempty=True, unique=True)
    title: str | None = text(optional=True)
    target_groups: tuple[TargetGroup, ...] = many(TargetGroup, unique=True)
    target_total: int | None = whole(optional=True)
    partners: tuple[Partner, ...] = many(Partner)
    expected_results: tuple[ExpectedResult, ...] = many(ExpectedResult)
    monitoring: tuple[Indicator, ...] = many(Indicator)
    risks: tuple[Risk, ...] = many(Risk)
    media: tuple[MediaItem, ...] = many(MediaItem, unique=True)
    continuation: str | None = text(optional=True)
    role: str | None = text(optional=True)
    pledges: tuple[Pledge, ...] = many(Pledge, unique=True)

    def __attrs_post_init__(self) -> None:
        seen: dict[str, str] = {}
        for i, task in enumerate(self.tasks):
            for j, act in enumerate(task.activities):
                where = f"tasks[{i}].activities[{j}]"
                if act.code in seen:
                    raise ValueError(f"{where}: code {act.code!r} repeats {seen[act.code]}")
                seen[act.code] = where
        lists: tuple[tuple[str, tuple[str, ...]], ...] = (
            ("expected_results", tuple(r.code for r in self.expected_results)),
            ("monitoring", tuple(i.code for i in self.monitoring)),
        )
        for name, codes in lists:
            first: dict[str, int] = {}
            for i, code in enumerate(codes):
                if code in first:
                    raise ValueError(f"{name}[{i}]: code {code!r} repeats {name}[{first[code]}]")
                first[code] = i

    @property
    def activities(self) -> tuple[Activity, ...]:
        """Every activity of every task, in the form's order."""
        return tuple(a for t in self.tasks for a in t.activities)


@shows
@attrs.frozen
class EstimateQuantity:
    """A promise the estimate makes: the quantity of one line, under a promise key.

    Parameters
    ----------
    key : str
        The promise key (``"plans"``).
    row : str
        The code of the budget line whose quantity is the promised number.

    Examples
    --------
    >>> EstimateQuantity("plans", "3.4.a").row
    '3.4.a'

    See Also
    --------
    Promise : the same key in the other annexes.
    """

    key: str = ident()
    row: str = text()


@shows
@attrs.frozen
class TravelBlock:
    """A travel block of the estimate: how many trips, to which regions, for which activity.

    Parameters
    ----------
    row : str
        The code of the travel group («расходы на служебные командировки»).
    activity : str
        The code of the activity the trips serve.
    trips : int
        How many trips the lines budget.
    regions : tuple of str, optional
        The ids of the regions the trips go to.

    Examples
    --------
    >>> TravelBlock("3.5.t", "T5.A1", 3, ["aktobe", "atyrau", "zhambyl"]).trips
    3

    See Also
    --------
    Activity.regions : the regions the activity covers.
    """

    row: str = text()
    activity: str = _code(ACTIVITY_CODE, "an activity code")
    trips: int = whole()
    regions: tuple[str, ...] = many(str, unique=True)


@shows
@attrs.frozen
class RegionalRow:
    """A line whose quantity counts regions (one per region the activity covers).

    Parameters
    ----------
    row : str
        The code of the budget line.
    activity : str
        The code of the activity whose regions it counts.

    Examples
    --------
    >>> RegionalRow("3.3.b", "T3.A1").activity
    'T3.A1'

    See Also
    --------
    TravelBlock : the trips of an activity.
    """

    row: str = text()
    activity: str = _code(ACTIVITY_CODE, "an activity code")


@shows
@attrs.frozen
class Estimate:
    """Annex 5, the cost estimate, and what its lines stand for.

    Parameters
    ----------
    budget : Budget
        The estimate; each activity block's ``activity`` names an activity code.
    quantities : tuple of EstimateQuantity, optional
        Lines whose quantity is a promised number.
    travel : tuple of TravelBlock, optional
        The travel blocks and where they go.
    regional : tuple of RegionalRow, optional
        Lines whose quantity counts regions.
    contracted : tuple of str, optional
        Codes of the rows paying individuals' services (contracted specialists).

    Examples
    --------
    >>> from civicgrants.budget import BudgetRow
    >>> Estimate(Budget("b", [BudgetRow("1", item="x", declared_total=Money(5))])).budget.id
    'b'

    See Also
    --------
    civicgrants.budget.Budget : the estimate itself.
    """

    budget: Budget = entity(Budget)
    quantities: tuple[EstimateQuantity, ...] = many(EstimateQuantity)
    travel: tuple[TravelBlock, ...] = many(TravelBlock)
    regional: tuple[RegionalRow, ...] = many(RegionalRow)
    contracted: tuple[str, ...] = many(str, unique=True)


@shows
@attrs.frozen
class Dossier:
    """The application dossier of a state social grant: Annexes 2–5.

    Parameters
    ----------
    id : str
        A stable id.
    questionnaire : Questionnaire
        Annex 2.
    capacity : Capacity
        Annex 3.
    content : Content
        Annex 4.
    estimate : Estimate
        Annex 5.
    requested : Money
        The grant amount requested.
    note : str or None, optional
        Where the dossier comes from.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_dossier  # doctest: +SKIP
    >>> Dossier.__name__
    'Dossier'

    See Also
    --------
    civicgrants.dossier.audit : the cross-checks between the annexes.
    """

    id: str = ident()
    questionnaire: Questionnaire = entity(Questionnaire)
    capacity: Capacity = entity(Capacity)
    content: Content = entity(Content)
    estimate: Estimate = entity(Estimate)
    requested: Money = money()
    note: str | None = text(optional=True)
