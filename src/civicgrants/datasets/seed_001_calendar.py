"""The calendar plan of the seed-001 state social grant application, as data.

Source: seed-001.md §4 («Календарный план», Annex 4 section 7; S001
L4548–L4679). The plan has 9 activities over relative months «Месяц 1» …
«Месяц 9», no dates and no start date; each cell is "+" or empty. The budget
blocks are the activity blocks 3.1–3.6 of the cost estimate (Annex 5); three
activities have no budget line.
"""

from __future__ import annotations

from civicgrants.model.names import Names
from civicgrants.schedule.grid import GridActivity, MonthGrid

__all__ = ["calendar_plan"]


def calendar_plan() -> MonthGrid:
    """The seed-001 calendar plan: 9 activities over 9 project months.

    Returns
    -------
    MonthGrid
        Keys ``"1"`` … ``"9"`` in the form's row order, Russian and English
        names as seed-001.md §4 gives them, and the budget block of each row
        (``None`` for monitoring, thematic sessions and SMM, which have no
        budget line).

    Examples
    --------
    >>> g = calendar_plan()
    >>> g.months, len(g.activities)
    (9, 9)
    >>> [(a.key, a.months, a.budget_block) for a in g.activities[:4]]
    [('1', (1, 2), '3.1'), ('2', (1, 2), '3.2'), ('3', (3, 4, 5, 6, 7), '3.3'), ('4', (8, 9), None)]
    >>> from civicgrants.schedule import check_grid
    >>> [f.code for f in check_grid(g)]
    ['unbudgeted-activity', 'unbudgeted-activity', 'unbudgeted-activity']

    See Also
    --------
    civicgrants.schedule.check_grid : findings for the plan, against the budget's blocks.
    civicgrants.schedule.to_dated : the plan on dates once a start date is chosen.
    civicgrants.datasets.seed_001_budget : the cost estimate whose blocks the rows name.
    """
    return MonthGrid(
        months=9,
        activities=(
            GridActivity(
                "1",
                Names(ru="Создание 4 community центров", en="Create 4 community centres"),
                (1, 2),
                "3.1",
            ),
            GridActivity(
                "2",
                Names(
                    ru="Проведение оценки потребности местного сообщества",
                    en="Community needs assessment",
                ),
                (1, 2),
                "3.2",
            ),
            GridActivity(
                "3",
                Names(
                    ru="Организация конкурса малых грантов и реализация проектов",
                    en="Small-grant contest and project implementation",
                ),
                (3, 4, 5, 6, 7),
                "3.3",
            ),
            GridActivity(
                "4",
                Names(
                    ru="Осуществление мониторинга малых грантов", en="Monitoring of small grants"
                ),
                (8, 9),
                None,
            ),
            GridActivity(
                "5",
                Names(ru="Проведение тематических заседаний", en="Thematic sessions"),
                (3, 4, 5),
                None,
            ),
            GridActivity(
                "6",
                Names(
                    ru="Разработка инклюзивных планов развития сел", en="Inclusive village plans"
                ),
                (6, 7, 8),
                "3.4",
            ),
            GridActivity(
                "7",
                Names(ru="Организация и проведение обучающих тренингов", en="Trainings"),
                (1, 2, 3),
                "3.5",
            ),
            GridActivity(
                "8",
                Names(
                    ru="Разработка и распространение руководства по МСУ",
                    en="Develop and distribute the LSG guide",
                ),
                (2, 3, 4, 5),
                "3.6",
            ),
            GridActivity(
                "9",
                Names(ru="SMM продвижение результатов проекта", en="SMM promotion of results"),
                (8, 9),
                None,
            ),
        ),
        note=(
            "Annex 4 §7 calendar plan: relative months 1-9, no start or end date "
            "(seed-001 §4; S001 L4548-L4679)"
        ),
    )
