"""The methodology's calendar: steps, weeks, dates, holidays and dependencies."""

from civicgrants.schedule.calendar import Holiday, WorkCalendar, programme_week
from civicgrants.schedule.methodology import (
    Dependency,
    Methodology,
    NoOverlap,
    Spill,
    Step,
    SubStep,
    public_spaces,
)
from civicgrants.schedule.plan import Block, Delay, Move, Plan, StepPlan, critical_path, plan

__all__ = [
    "Block",
    "Delay",
    "Dependency",
    "Holiday",
    "Methodology",
    "Move",
    "NoOverlap",
    "Plan",
    "Spill",
    "Step",
    "StepPlan",
    "SubStep",
    "WorkCalendar",
    "critical_path",
    "plan",
    "programme_week",
    "public_spaces",
]
