"""Built-in methodology presets, as data.

Sources: seed-000.md §2.1-2.2 (the brochure's steps and its week-by-week
calendar, S000 L207-391).

Examples
--------
>>> m = public_spaces_methodology()
>>> m.weeks, [s.key for s in m.steps]
(38, ['1', '2', 'team', '3', '4', '5', '6', '7'])
"""

from __future__ import annotations

import functools
import itertools

from civicgrants.model.names import Names
from civicgrants.schedule.methodology import Dependency, Methodology, Spill, Step, SubStep

__all__ = ["public_spaces_methodology"]


def public_spaces_methodology(*, training_3_1_days: int = 2) -> Methodology:
    """Return the published Qoğamdyq Keñıstıkter calendar: 7 steps over 38 weeks.

    The step text gives training 3.1 «Мобилизация сообщества» two days of 7
    hours; the brochure's calendar says one day. The day count is this
    parameter (2 by default, as the step text says).

    Parameters
    ----------
    training_3_1_days : int
        Working days of training 3.1 (2 as the step text says, 1 as the
        brochure's calendar says).

    Returns
    -------
    Methodology
        The methodology with ``id`` ``"public_spaces"``.

    Raises
    ------
    ValueError
        ``training_3_1_days`` is not a positive whole number.

    Examples
    --------
    >>> m = public_spaces_methodology()
    >>> m.step("3").substeps[0].days, public_spaces_methodology(training_3_1_days=1).step("3").substeps[0].days
    (2, 1)

    See Also
    --------
    civicgrants.schedule.plan : lay it on dates.
    civicgrants.datasets.public_spaces : the programme that used it.
    """
    base = _public_spaces_methodology()
    if training_3_1_days == 2:
        return base
    return base.with_training_days("3.1", training_3_1_days)


@functools.cache
def _public_spaces_methodology() -> Methodology:
    steps = (
        Step(
            "1",
            Names(
                ru="Построение партнерства с местной властью",
                kk="Жергілікті билікпен серіктестік құру",
                en="Building a partnership with local authorities",
            ),
            1,
            1,
            actors=("efca_project_group", "district_akimat", "village_akim"),
            result=Names(
                ru="Меморандумы о сотрудничестве: участки, помощь, мониторинг, принятие на баланс",
                en="Memoranda: land plots, help, monitoring, taking the objects onto the balance",
            ),
        ),
        Step(
            "2",
            Names(
                ru="Поиск лидеров и оценка потребностей",
                kk="Көшбасшыларды іздеу және қажеттіліктерді бағалау",
                en="Finding leaders and assessing needs",
            ),
            1,
            1,
            actors=(
                "efca_project_group",
                "local_activists",
                "entrepreneurs",
                "local_administration",
            ),
            result=Names(
                ru="Выявлены активные члены сообщества, собраны идеи, лидерам дано задание собрать команду",
                en="Active members found, ideas collected, leaders asked to gather a team",
            ),
        ),
        Step(
            "team",
            Names(
                ru="Создание команд под будущие проекты",
                kk="Болашақ жобаларға командалар құру",
                en="Forming teams for future projects",
            ),
            2,
            3,
            numbered=False,
            actors=("leaders",),
            note="Not a numbered step; the calendar's weeks 2-3 (S000 L378-391).",
        ),
        Step(
            "3",
            Names(
                ru="Тренинги и разработка идеи",
                kk="Тренингтер және идеяны әзірлеу",
                en="Trainings and idea development",
            ),
            4,
            4,
            actors=("trainer_facilitator", "initiative_groups", "akimat"),
            result=Names(
                ru="Идеи превращаются в жизнеспособные проектные предложения",
                en="Ideas become viable project proposals",
            ),
            substeps=(
                SubStep(
                    "3.1",
                    Names(
                        ru="Установочный семинар «Мобилизация сообщества»",
                        kk="«Қауымдастықты жұмылдыру» кіріспе семинары",
                        en="Introductory seminar 'Community mobilisation'",
                    ),
                    days=2,
                    hours_per_day=7,
                    note=(
                        "The step text says two days of 7 hours (S000 L261-297); the calendar "
                        "says «3.1 - 1 день» (S000 L378-391). The day count is a parameter."
                    ),
                ),
                SubStep(
                    "3.2",
                    Names(
                        ru="Курс «Дизайн и управление проектом»",
                        kk="«Жобаны жобалау және басқару» курсы",
                        en="Course 'Project design and management'",
                    ),
                    days=3,
                    hours_per_day=8,
                ),
            ),
            spill=Spill.ALLOW,
        ),
        Step(
            "4",
            Names(
                ru="Финализация проектной заявки",
                kk="Жобалық өтінімді аяқтау",
                en="Finalising the application",
            ),
            5,
            8,
            actors=(
                "efca_project_group",
                "initiative_groups",
                "local_coordinator",
                "evaluation_commission",
            ),
            result=Names(
                ru="Финальные заявки поданы; оценочная комиссия принимает решение",
                en="Final applications submitted; the evaluation commission decides",
            ),
            note=(
                "Drafting with remote coaching on every point (S000 L298-331) can start a few days late and "
                "still hand in at the end of week 8: it absorbs up to 5 working days."
            ),
            absorbs_days=5,
        ),
        Step(
            "5",
            Names(
                ru="Технический процесс распределения грантов",
                kk="Гранттарды бөлудің техникалық процесі",
                en="Grant disbursement",
            ),
            9,
            12,
            actors=("efca_project_group",),
            result=Names(
                ru="Заключение договоров, перечисление средств инициативным группам",
                en="Contracts signed and money transferred to the winning groups",
            ),
        ),
        Step(
            "6",
            Names(
                ru="Реализация мини-проекта",
                kk="Шағын жобаны іске асыру",
                en="Mini-project implementation",
            ),
            13,
            33,
            actors=("initiative_groups", "local_coordinator", "akimat"),
            result=Names(
                ru="Открытие нового общественного пространства с участием акима села",
                en="The new public space opens; the village akim confirms the balance takeover",
            ),
            substeps=(
                SubStep(
                    "6.1",
                    Names(
                        ru="Закупки и подготовка площадки",
                        kk="Сатып алу және алаңды дайындау",
                        en="Procurement and site preparation",
                    ),
                    first_week=13,
                    last_week=16,
                    note="«В течение первого месяца»: the first month, taken as 4 weeks.",
                ),
                SubStep(
                    "6.2",
                    Names(ru="Работы", kk="Жұмыстар", en="Works"),
                    first_week=17,
                    last_week=33,
                    note="«в течение еще трех-пяти месяцев»: 3-5 more months.",
                ),
            ),
            note=(
                "Building by residents over 21 weeks («в течение еще трех-пяти месяцев», S000 "
                "L349-363) can start a week late and still open on time: it absorbs up to 5 "
                "working days."
            ),
            absorbs_days=5,
        ),
        Step(
            "7",
            Names(
                ru="Отчетные мероприятия и закрытие проекта",
                kk="Есептік іс-шаралар және жобаны жабу",
                en="Reporting events and project closure",
            ),
            34,
            38,
            actors=(
                "efca_project_group",
                "donor",
                "local_authorities",
                "ngos",
                "initiative_groups",
            ),
            result=Names(
                ru="Итоги года представлены спонсору, местным властям, НПО и инициативным группам",
                en="The year's results presented to the donor, authorities, NGOs and groups",
            ),
        ),
    )
    order = ["team", "3", "4", "5", "6", "7"]
    deps = [Dependency("1", "team"), Dependency("2", "team")]
    deps += [Dependency(a, b) for a, b in itertools.pairwise(order)]
    return Methodology(
        "public_spaces",
        Names(
            ru="Методология «Общественные пространства»",
            kk="Qoğamdyq Keñıstıkter әдістемесі",
            en="Qoğamdyq Keñıstıkter methodology",
        ),
        38,
        steps,
        tuple(deps),
        note=(
            "The brochure's week-by-week calendar (S000 L378-391) and its step texts "
            "(S000 L207-366). Weeks are programme weeks counted from the start date."
        ),
    )
