"""The methodology's calendar: steps, weeks, dates, holidays and dependencies."""

from civicgrants.schedule.calendar import Holiday, WorkCalendar, programme_week
from civicgrants.schedule.grid import (
    DatedActivity,
    GridActivity,
    MonthGrid,
    check_grid,
    from_dated,
    project_month,
    to_dated,
)
from civicgrants.schedule.methodology import (
    Dependency,
    Methodology,
    NoOverlap,
    Spill,
    Step,
    SubStep,
)
from civicgrants.schedule.plan import (
    Block,
    Delay,
    Move,
    MoveReason,
    Plan,
    StepPlan,
    critical_path,
    plan,
)
from civicgrants.schedule.presets import public_spaces_methodology
from civicgrants.schedule.season import (
    Assignment,
    LocalityPlan,
    Season,
    SeasonLocality,
    Trainer,
    TrainingBlock,
    Travel,
    Visit,
    plan_season,
)

__all__ = [
    "Assignment",
    "Block",
    "DatedActivity",
    "Delay",
    "Dependency",
    "GridActivity",
    "Holiday",
    "LocalityPlan",
    "Methodology",
    "MonthGrid",
    "Move",
    "MoveReason",
    "NoOverlap",
    "Plan",
    "Season",
    "SeasonLocality",
    "Spill",
    "Step",
    "StepPlan",
    "SubStep",
    "Trainer",
    "TrainingBlock",
    "Travel",
    "Visit",
    "WorkCalendar",
    "check_grid",
    "critical_path",
    "from_dated",
    "plan",
    "plan_season",
    "programme_week",
    "project_month",
    "public_spaces_methodology",
    "to_dated",
]
