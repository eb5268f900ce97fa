#!/usr/bin/env python3
"""Build the embedded «Общественные пространства» (Qoğamdyq Keñıstıkter) programme.

Reads the project catalogue ``../shared/domain/public-spaces-projects.csv`` (85 rows,
one per project the brochure describes) and the figures encoded below from
``../shared/domain/seed-000.md`` (sections 1, 2.7, 3.1-3.3 and 4), builds a
:class:`civicgrants.model.Programme` with the library's own classes, and writes
``src/civicgrants/datasets/public_spaces.json`` with ``civicgrants.io.dump``.

The output is deterministic: running the script twice gives byte-identical files.

Source references in the data:

- ``S000 L123`` is line 123 of ``shared/seeds/000_38b97fca4cb0985c.txt`` (the
  brochure's text as extracted from the PDF);
- ``S004 L9`` is line 9 of ``shared/seeds/004_df7ec98c2d418566.txt`` (the EFCA
  news item of 3 May 2020).

No personal data is shipped. Only the fields listed in the dataset brief are copied
from the catalogue, and every string of the finished document is scanned before it
is written. The build raises :class:`PersonalDataError` if it finds a phone-like or
e-mail-like string, or any name token of a person the sources name. The names are
read from the shared sources at build time, so none is written in this repository;
``tests/data/personal_name_hashes.txt`` holds only their SHA-256 digests.

Usage::

    python tools/build_public_spaces.py [--shared ../shared] [--out PATH]
    python tools/build_public_spaces.py --write-name-hashes tests/data/personal_name_hashes.txt
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from civicgrants.io import dump, dumps  # noqa: E402
from civicgrants.model import (  # noqa: E402
    BalanceTakeover,
    BeneficiaryCount,
    Confidence,
    Contribution,
    ContributionForm,
    ContributorKind,
    District,
    Duty,
    ExtraDuty,
    LinkKind,
    Locality,
    LocalityKind,
    Memorandum,
    Money,
    MoneyEstimate,
    Names,
    ObjectKind,
    Organisation,
    OrganisationKind,
    Programme,
    Project,
    ProjectLink,
    ProjectStatus,
    PublishedFigure,
    Qualifier,
    Region,
    Stage,
    StageWindow,
)
from civicgrants.model.lifecycle import DutyStatus, TakeoverStatus  # noqa: E402
from civicgrants.model.memorandum import HolderKind  # noqa: E402

DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_OUT = ROOT / "src" / "civicgrants" / "datasets" / "public_spaces.json"
DEFAULT_HASHES = ROOT / "tests" / "data" / "personal_name_hashes.txt"
CATALOGUE = Path("domain") / "public-spaces-projects.csv"
SEED = Path("domain") / "seed-000.md"

EXPECTED_ROWS = 85
EXPECTED_COLUMNS = (
    "id",
    "stage",
    "stage_period",
    "region",
    "district",
    "locality_ru",
    "locality_en",
    "project_name_ru",
    "project_name_en",
    "brochure_section",
    "object_kind",
    "object_kind_secondary",
    "object_detail",
    "leader_role",
    "team",
    "grant_tenge",
    "amount_tenge",
    "amount_qualifier",
    "amount_basis",
    "amount_as_printed",
    "community_business_contribution",
    "akimat_commitments",
    "beneficiaries",
    "timing",
    "other_facts",
    "linked_projects",
    "notes",
    "source_lines",
)


class PersonalDataError(ValueError):
    """The document would ship a person's name, a phone number or an e-mail address."""


# -- organisations -------------------------------------------------------------------

EFCA = Organisation(
    "efca",
    Names(ru="Фонд Евразия Центральной Азии", en="Eurasia Foundation of Central Asia"),
    OrganisationKind.FOUNDATION,
    note=(
        "Implementer (ФЕЦА); its project group sits in Almaty. S004 L9 calls it "
        '«Корпоративный Фонд "Фонд Евразия Центральной Азии"». BIN not known.'
    ),
)
TCO = Organisation(
    "tco",
    Names(ru='ТОО "Тенгизшевройл"', en="Tengizchevroil LLP"),
    OrganisationKind.COMPANY,
    note=(
        "Donor and partner (ТШО): «при финансовой поддержке и в партнерстве ТОО "
        '"Тенгизшевройл"» (S004 L9). BIN not known.'
    ),
)

# -- geography -------------------------------------------------------------------------

REGIONS = (
    Region(
        "mangistau",
        Names(ru="Мангистауская область", kk="Маңғыстау облысы", en="Mangistau Region"),
    ),
    Region("atyrau", Names(ru="Атырауская область", kk="Атырау облысы", en="Atyrau Region")),
)

DISTRICTS = (
    District(
        "tupkaragan",
        Names(ru="Тупкараганский район", kk="Түпқараған ауданы", en="Tupkaragan District"),
        "mangistau",
    ),
    District(
        "karakiya",
        Names(ru="Каракиянский район", kk="Қарақия ауданы", en="Karakiya District"),
        "mangistau",
    ),
    District(
        "beineu",
        Names(ru="Бейнеуский район", kk="Бейнеу ауданы", en="Beineu District"),
        "mangistau",
    ),
    District(
        "zhylyoi",
        Names(ru="Жылыойский район", kk="Жылыой ауданы", en="Zhylyoi District"),
        "atyrau",
    ),
)

_TOWN = LocalityKind.TOWN
_VILLAGE = LocalityKind.VILLAGE

# Population only where the brochure prints one (seed-000.md §2.7); the brochure
# itself also says (S000 L489-490) that its villages have «всего от 1 до 3 тысяч
# человек», which the project pages contradict.
LOCALITIES = (
    Locality(
        "fort-shevchenko",
        Names(ru="Форт-Шевченко", kk="Форт-Шевченко", en="Fort-Shevchenko"),
        _TOWN,
        "mangistau",
        "tupkaragan",
    ),
    Locality(
        "bautino",
        Names(ru="Баутино", kk="Баутино", en="Bautino"),
        _VILLAGE,
        "mangistau",
        "tupkaragan",
    ),
    Locality(
        "borankul",
        Names(ru="Боранкул", kk="Боранқұл", en="Borankul"),
        _VILLAGE,
        "mangistau",
        "beineu",
        population=7700,
        population_source="S000 L1679, «В Боранкуле проживает 7,700 человек»",
    ),
    Locality(
        "kuryk",
        Names(ru="Курык", kk="Құрық", en="Kuryk"),
        _VILLAGE,
        "mangistau",
        "karakiya",
        population=6000,
        population_source=(
            "S000 L1172, «В Курыке проживает всего около 6,000 человек» (approximate)"
        ),
    ),
    Locality(
        "kulsary",
        Names(ru="Кульсары", kk="Құлсары", en="Kulsary"),
        _TOWN,
        "atyrau",
        "zhylyoi",
        population=60000,
        population_source=(
            "S000 L2012, «В городе Кульсары проживает около 60,000 человек» (approximate)"
        ),
    ),
    Locality(
        "akkiztogay",
        Names(ru="Аккизтогай", kk="Ақкиізтоғай", en="Akkiztogay"),
        _VILLAGE,
        "atyrau",
        "zhylyoi",
    ),
    Locality(
        "zhana-karaton",
        Names(ru="Жана Каратон", kk="Жаңа Қаратон", en="Zhana Karaton"),
        _VILLAGE,
        "atyrau",
        "zhylyoi",
        population=8000,
        population_source=(
            "S000 L1407, «Из 8,000 человек, живущих в Жана Каратоне, 3,500 – это молодежь»; "
            "S000 L2084 prints «семитысячное население» (7,000) instead"
        ),
    ),
    Locality(
        "koschagyl",
        Names(ru="Косчагыл", kk="Қосшағыл", en="Koschagyl"),
        _VILLAGE,
        "atyrau",
        "zhylyoi",
        population=5000,
        population_source=(
            "S000 L1616, «В Косчагыле, где проживает около 5,000 человек» (approximate)"
        ),
    ),
    Locality(
        "maikomgen",
        Names(ru="Майкомген", kk="Майкөмген", en="Maikomgen"),
        _VILLAGE,
        "atyrau",
        "zhylyoi",
    ),
    Locality(
        "turgyzba",
        Names(ru="Тургызба", kk="Тұрғызба", en="Turgyzba"),
        _VILLAGE,
        "atyrau",
        "zhylyoi",
        population=3500,
        population_source=(
            "S000 L1133, «в селе с населением в 3,500 человек»; "
            "S000 L1318 prints «живет всего 3,600 человек» instead"
        ),
    ),
    Locality(
        "shokpartogay",
        Names(ru="Шокпартогай", kk="Шоқпартоғай", en="Shokpartogay"),
        _VILLAGE,
        "atyrau",
        "zhylyoi",
    ),
)

# The catalogue's ``locality_en`` → (locality id, what the variant adds to the notes).
LOCALITY_BY_CSV: dict[str, tuple[str, str | None]] = {
    "Fort-Shevchenko": ("fort-shevchenko", None),
    "Bautino": ("bautino", None),
    "Borankul": ("borankul", None),
    "Borankul (aul No.1)": ("borankul", "in aul No.1 of Borankul (printed «Боранкул (аул №1)»)"),
    "Borankul (aul No.3)": ("borankul", "in aul No.3 of Borankul (printed «Боранкул (аул №3)»)"),
    "Borankul (aul No.5)": ("borankul", "in aul No.5 of Borankul (printed «Боранкул (аул №5)»)"),
    "Kuryk": ("kuryk", None),
    "Kuryk (aul Appak)": ("kuryk", "in aul Appak, part of Kuryk (S000 L1282-1283)"),
    "Kulsary": ("kulsary", None),
    "Akkiztogay": ("akkiztogay", None),
    "Zhana Karaton": ("zhana-karaton", None),
    "Koschagyl": ("koschagyl", None),
    "Koschagyl per heading (text: Akkiztogay rural district / aul Karagai)": (
        "koschagyl",
        "kept under Koschagyl as the heading prints it («(Косчагыл) АО», S000 L1955); "
        "the text puts the recreation zone «в центре Аккиизтогайского сельского округа и "
        "аула Карагай» (S000 L1958-1959), i.e. in the Akkiztogay rural district",
    ),
    "Maikomgen": ("maikomgen", None),
    "Turgyzba": ("turgyzba", None),
    "Shokpartogay": ("shokpartogay", None),
}
REGION_BY_CSV = {"Mangistau": "mangistau", "Atyrau": "atyrau"}
DISTRICT_BY_CSV = {
    "Tupkaragan": "tupkaragan",
    "Karakiya": "karakiya",
    "Beineu": "beineu",
    "Zhylyoi": "zhylyoi",
}

# -- stages (seed-000.md §3.1) --------------------------------------------------------

_MANGISTAU_I = ("bautino", "borankul", "fort-shevchenko")
_ATYRAU_SIX = ("akkiztogay", "zhana-karaton", "koschagyl", "maikomgen", "turgyzba", "shokpartogay")

STAGES = (
    Stage(
        "I",
        1,
        Names(ru="Этап I", kk="I кезең", en="Stage I"),
        (
            StageWindow(
                "mangistau",
                dt.date(2018, 9, 1),
                dt.date(2019, 9, 30),
                _MANGISTAU_I,
                source=(
                    "S000 L536-549: «Этап I 09/2018-09/2019», «Мангистауская область: "
                    "Баутино, Боранкул, Форт-Шевченко»; start confirmed by S004 L9 "
                    "(«инициирован в 2018 году в сентябре»)"
                ),
                note=(
                    "Periods are printed as months (MM/YYYY); every window here runs from "
                    "the first day of its first month to the last day of its last month."
                ),
            ),
        ),
    ),
    Stage(
        "II",
        2,
        Names(ru="Этап II", kk="II кезең", en="Stage II"),
        (
            StageWindow(
                "mangistau",
                dt.date(2019, 10, 1),
                dt.date(2020, 12, 31),
                (*_MANGISTAU_I, "kuryk"),
                source=(
                    "S000 L563-564: «Мангистауская область (10/2019-12/2020): Баутино, "
                    "Боранкул, Форт-Шевченко, Курык»"
                ),
                note=(
                    "S004 L18 (3 May 2020) says this stage «начал свою работу в октябре 2019 "
                    "года и завершится в октябре 2020 года», i.e. it was planned to end in "
                    "October 2020; the brochure's 12/2020 is used. Kuryk (Karakiya district) "
                    "joined in this stage (S004 L11). Competition theme (S004 L19): «Вместе - "
                    "мы сила!» (Together we are strength!)."
                ),
            ),
            StageWindow(
                "atyrau",
                dt.date(2020, 2, 1),
                dt.date(2020, 12, 31),
                _ATYRAU_SIX,
                source=(
                    "S000 L566-568: «Атырауская область, Жылыойский район (02/2020-12/2020): "
                    "Аккизтогай, Жана Каратон, Косчагыл, Майкомген, Тургызба, Шокпартогай»"
                ),
                note=(
                    "Atyrau's first stage; no Stage II project in the catalogue is in Shokpartogay."
                ),
            ),
        ),
    ),
    Stage(
        "III",
        3,
        Names(ru="Этап III", kk="III кезең", en="Stage III"),
        (
            StageWindow(
                "mangistau",
                dt.date(2021, 2, 1),
                dt.date(2021, 12, 31),
                ("borankul",),
                source="S000 L596-601: «Этап III 02/2021-12/2021», «Мангистауская область: Боранкул»",
            ),
            StageWindow(
                "atyrau",
                dt.date(2021, 2, 1),
                dt.date(2021, 12, 31),
                ("kulsary", *_ATYRAU_SIX),
                source=(
                    "S000 L596-605: «Этап III 02/2021-12/2021», «Атырауская область, "
                    "Жылыойский район (02/2020-12/2020): Кульсары, Аккизтогай, Жана Каратон, "
                    "Косчагыл, Майкомген, Тургызба, Шокпартогай»"
                ),
                note=(
                    "The Atyrau line misprints the period as «(02/2020-12/2020)» (S000 L603), "
                    "evidently copied from the Stage II slide; the Stage III header (S000 "
                    "L598) gives 02/2021-12/2021, which is used here."
                ),
            ),
        ),
    ),
)
STAGE_PERIODS = {
    ("I", "mangistau"): "09/2018-09/2019",
    ("II", "mangistau"): "10/2019-12/2020",
    ("II", "atyrau"): "02/2020-12/2020",
    ("III", "mangistau"): "02/2021-12/2021",
    ("III", "atyrau"): "02/2021-12/2021",
}

# -- published figures (seed-000.md §3.2-3.3) ------------------------------------------

_H = Confidence.HIGH
_M = Confidence.MEDIUM
_L = Confidence.LOW
EXACT = Qualifier.EXACT
_NOT_ATTRIBUTABLE = (
    "The PDF extraction lists the chart's numbers in layout order, so they cannot be tied "
    "to stages or regions; the split is not attributable."
)


def _figure(
    key: str,
    value: int,
    unit: str,
    source: str,
    *,
    stage: str | None = None,
    region: str | None = None,
    qualifier: Qualifier = EXACT,
    confidence: Confidence = _H,
    note: str | None = None,
) -> PublishedFigure:
    return PublishedFigure(
        key,
        Decimal(value),
        unit,
        source,
        stage=stage,
        region=region,
        qualifier=qualifier,
        confidence=confidence,
        note=note,
    )


def _parts(
    key: str, unit: str, chart: str, values: Iterable[tuple[int, str, Qualifier, str]]
) -> list[PublishedFigure]:
    """Chart values that cannot be attributed: stage and region stay empty."""
    return [
        _figure(
            key,
            value,
            unit,
            f"S000 {line}",
            qualifier=qualifier,
            confidence=_L,
            note=f"{chart}: {extra}{_NOT_ATTRIBUTABLE}",
        )
        for value, line, qualifier, extra in values
    ]


_PP_CHART = "Programme-participants chart (S000 L667-691; footnote «*на начало 2021 года»)"
_EP_CHART = "Event-participants chart (S000 L643-666)"
_CC_CHART = "Community-contribution chart (S000 L728-761; «** на конец 2021 года»)"
_BN_CHART = "Beneficiaries chart (S000 L781-802; «* на конец 2021 года»)"

FIGURES: tuple[PublishedFigure, ...] = (
    # programme totals
    _figure(
        "projects",
        87,
        "projects",
        "S000 L692-716 («количество проектов: 87», L708)",
        note=(
            "The infographic's parts are 10 (Stage I), 18 + 14 (Stage II Mangistau + "
            "Atyrau) and 7 + 38 (Stage III), which sum to 87. The brochure describes 85 "
            "projects: Stage III Atyrau has 36 described against 38."
        ),
    ),
    _figure(
        "programme_participants",
        1287,
        "people",
        "S000 L667-691 («Количество участников программы: 1287», L690-691)",
        note=(
            "The chart's four values (233, 633, 171 and 250) sum exactly to 1,287; "
            "footnote «*на начало 2021 года» (as of the start of 2021)."
        ),
    ),
    _figure(
        "event_participants",
        807,
        "people",
        "S000 L643-666 («количество участников мероприятий: 807», L664-665)",
        note="The chart's five values (87, 198, 130, 316 and 76*) sum exactly to 807.",
    ),
    _figure(
        "community_contribution",
        29591100,
        "KZT",
        "S000 L728-761 (chart values L749-757; «вклад сообщества* (общий: более 29,5 млн. "
        "тенге**)», L760-761)",
        note=(
            "Printed as «более 29,5 млн. тенге» (more than 29.5 million tenge) as of the end "
            "of 2021; the four printed parts (3,246,200 + 14,253,000 + 6,100,900 + 5,991,000) "
            "sum to 29,591,100, recorded here. Community contribution («вклад сообщества») "
            "is any help to a project: unpaid labour of residents, and support from the "
            "akimat and business (L736-743); how labour is valued is not stated."
        ),
    ),
    _figure(
        "community_contribution_as_printed",
        29500000,
        "KZT",
        "S000 L760-761 («(общий: более 29,5 млн. тенге**)»)",
        qualifier=Qualifier.MORE_THAN,
        note="The headline as printed; community_contribution holds the exact sum of the parts.",
    ),
    _figure(
        "beneficiaries",
        23700,
        "people",
        "S000 L781-802 («количество бенефициаров и пользователей объектов (23 700*)», L800-802)",
        note=(
            "Beneficiaries and users of the objects, as of the end of 2021; the chart's four "
            "values (5,400, >7,200, 5,600 and 5,500) sum to 23,700."
        ),
    ),
    _figure(
        "events",
        41,
        "events",
        "S000 L621-642 («количество мероприятий: 41», L641-642)",
        note=(
            "Only the total is authoritative: the chart's values (10, 7, 15 and «1618*», "
            "probably 16 and 18* run together) sum to 66, not 41, so no split is recorded."
        ),
    ),
    _figure(
        "localities",
        11,
        "localities",
        "S000 L527-531 («11 городов и сёл»)",
        note="4 in Mangistau Region and 7 in Atyrau Region; all 11 have projects.",
    ),
    *(
        _figure(
            key,
            value,
            "KZT",
            f"S000 L717-727 ({label} «{printed}»)",
            confidence=_M,
            note=(
                f"{end.capitalize()} of the printed range «{printed}». The brochure does not "
                "say whether the range spans stages or regions or is a band."
            ),
        )
        for key, value, label, printed, end in (
            (
                "grant_average_low",
                2000000,
                "«средний размер гранта»",
                "2 - 2,5 млн. тенге",
                "low end",
            ),
            (
                "grant_average_high",
                2500000,
                "«средний размер гранта»",
                "2 - 2,5 млн. тенге",
                "high end",
            ),
            (
                "grant_max_low",
                3500000,
                "«максимальный размер гранта»",
                "3,5 - 4 млн. тенге",
                "low end",
            ),
            (
                "grant_max_high",
                4000000,
                "«максимальный размер гранта»",
                "3,5 - 4 млн. тенге",
                "high end",
            ),
        )
    ),
    # applications and projects per stage and region (§3.2)
    _figure(
        "applications",
        17,
        "applications",
        "S000 L834-835 («17 заявок»); S004 L23 («в первый год получили 17 заявок»)",
        stage="I",
        region="mangistau",
    ),
    _figure(
        "projects",
        10,
        "projects",
        "S000 L837-838 («10 проектов») and infographic L710; S004 L15 («10 мини проектов»)",
        stage="I",
        region="mangistau",
    ),
    _figure(
        "applications",
        50,
        "applications",
        "S000 L1094 («50 заявок/18 проектов»)",
        stage="II",
        region="mangistau",
        confidence=_M,
        note=(
            "S004 L20 and L23 give 53 («получили 53 заявки на конкурс»); the brochure's 50 is kept."
        ),
    ),
    _figure(
        "projects",
        18,
        "projects",
        "S000 L1094 («50 заявок/18 проектов») and infographic L706; S004 L20 («отобрали 18 "
        "мини – проектов»)",
        stage="II",
        region="mangistau",
    ),
    _figure(
        "applications",
        15,
        "applications",
        "S000 L1096 («15 заявок/14 проектов»); L176-177 («14 из 15 заявок получили гранты»)",
        stage="II",
        region="atyrau",
    ),
    _figure(
        "projects",
        14,
        "projects",
        "S000 L1096 («15 заявок/14 проектов»), L176-177 and infographic L704",
        stage="II",
        region="atyrau",
    ),
    _figure(
        "applications",
        96,
        "applications",
        "S000 L1469 («96 заявок/47 проектов»)",
        stage="III",
        note="Printed once for both regions together.",
    ),
    _figure(
        "projects",
        7,
        "projects",
        "S000 L714 (infographic; Stage III subtotal 45 = 7 + 38 at L716)",
        stage="III",
        region="mangistau",
        note=(
            "The Stage III project page prints «96 заявок/47 проектов» (S000 L1469) for both "
            "regions; the infographic's 45 is what the programme total of 87 adds up to. "
            "All 7 Mangistau projects are described."
        ),
    ),
    _figure(
        "projects",
        38,
        "projects",
        "S000 L712 (infographic; Stage III subtotal 45 = 7 + 38 at L716)",
        stage="III",
        region="atyrau",
        note=(
            "The Stage III project page prints «96 заявок/47 проектов» (S000 L1469) for both "
            "regions; the infographic's 45 is what the programme total of 87 adds up to. "
            "36 Atyrau projects are described."
        ),
    ),
    # stage-level parts attributed with reasonable confidence (§3.3)
    _figure(
        "beneficiaries",
        5400,
        "people",
        "S000 L795 (first value of the beneficiaries chart); S004 L16 («результатами "
        "мини-проектов пользуются 5 400 бенефициаров в Форт-Шевченко, Баутино и Боранкуле»)",
        stage="I",
        region="mangistau",
        note="Stage I attribution confirmed by S004.",
    ),
    _figure(
        "community_contribution",
        3246200,
        "KZT",
        "S000 L749-750 (first value of the community-contribution chart)",
        stage="I",
        region="mangistau",
        confidence=_L,
        note=(
            "Probable, not certain (low to medium confidence): the first and smallest value, "
            "which fits Stage I's ten small projects; the chart's values cannot be tied to "
            "bars with certainty."
        ),
    ),
    _figure(
        "project_participants",
        350,
        "people",
        "S004 L16 («В проектах участвовало 350 местных жителей»)",
        stage="I",
        region="mangistau",
        note=(
            "Residents who took part in the year-1 projects, as S004 counts them; kept apart "
            "from the brochure's programme-participants chart, whose values cannot be tied "
            "to stages."
        ),
    ),
    # chart values that cannot be attributed (stage and region left empty)
    *_parts(
        "programme_participants_part",
        "people",
        _PP_CHART,
        (
            (233, "L683", EXACT, "value 1 of 4 in extraction order. "),
            (633, "L684", EXACT, "value 2 of 4 in extraction order. "),
            (171, "L686", EXACT, "value 3 of 4 in extraction order. "),
            (250, "L688", EXACT, "value 4 of 4 in extraction order. "),
        ),
    ),
    *_parts(
        "event_participants_part",
        "people",
        _EP_CHART,
        (
            (87, "L655", EXACT, "value 1 of 5 in extraction order. "),
            (198, "L657", EXACT, "value 2 of 5 in extraction order. "),
            (130, "L659", EXACT, "value 3 of 5 in extraction order. "),
            (316, "L661", EXACT, "value 4 of 5 in extraction order. "),
            (
                76,
                "L662",
                EXACT,
                "value 5 of 5 in extraction order, printed «76*»; its footnote was not "
                "extracted (it may mark the «Атырауская область (онлайн)» series). ",
            ),
        ),
    ),
    *_parts(
        "community_contribution_part",
        "KZT",
        _CC_CHART,
        (
            (14253000, "L752", EXACT, "value 2 of 4 in extraction order. "),
            (6100900, "L754", EXACT, "value 3 of 4 in extraction order. "),
            (5991000, "L757", EXACT, "value 4 of 4 in extraction order. "),
        ),
    ),
    *_parts(
        "beneficiaries_part",
        "people",
        _BN_CHART,
        (
            (
                7200,
                "L796",
                Qualifier.MORE_THAN,
                "value 2 of 4 in extraction order, printed «> 7 200» run together with "
                "the next value. ",
            ),
            (5600, "L796", EXACT, "value 3 of 4 in extraction order. "),
            (5500, "L798", EXACT, "value 4 of 4 in extraction order. "),
        ),
    ),
)

# -- per-project facts encoded by hand (checked against the catalogue in build()) ------

# kind_detail is object_kind_secondary, else object_detail; these replace an
# object_detail that quotes Russian, so that kind_detail stays English.
KIND_DETAIL_OVERRIDES = {
    "I-05": "mother-and-child room: consultations and seminars for women and girls",
    "I-09": "playground on the grounds of the Qaraqum kindergarten, open to all neighbourhood children",
    "III-21": "large ground with play complexes for different ages in the Dostyq microdistrict",
    "III-31": "large modern playground in the fast-growing Toles microdistrict",
}

# Extra notes from the catalogue's linked_projects (links naming no catalogue id)
# and from the printed texts.
EXTRA_NOTES = {
    "II-MO-03": (
        "the brochure says the community contribution was almost twice the requested grant "
        "(«вклад сообщества в который почти вдвое превышал сумму запрошенного гранта», "
        "S000 L1195-1196); no amount is printed"
    ),
    "III-22": (
        "builds on a football field built by a 2020 project in Borankul (which project is "
        "not stated)"
    ),
    "III-30": "continuation of an unnamed 2020 Borankul playground project",
}

_CONTINUES = LinkKind.CONTINUES
_SAME_SITE = LinkKind.SAME_SITE
_SAME_LEADER = LinkKind.SAME_LEADER
_TOP_UP = LinkKind.TOP_UP

_CHILDRENS_TOWN = "«Детский городок 1, 2»: one site split into two grants (two phases)"
_KIELI_SUMMER = (
    "«Киелі сахна» and «Летний парк»: two groups of activists on one site, together «всего "
    "за 6 млн. тенге» (S000 L1609)"
)
_QUANYSH = "Парк «Куаныш» 1 и 2: one park split into two grants (two teams)"
_VICTORY = (
    "Парк победы 1 и 2: the activists split the reconstruction into two parts and entered "
    "both in the competition"
)
_DISNEY = "«Дисней парк 1» and «Дисней парк 2»: one site split into two grants"

# Links point from the later project to the earlier one; "1 и 2" siblings point at
# each other. TOP_UP is TCO's non-competitive follow-on funding (no catalogue id).
LINKS: dict[str, tuple[tuple[LinkKind, str | None, str], ...]] = {
    "I-01": (
        (
            _TOP_UP,
            None,
            "TCO gave non-competitive support («внеконкурсную поддержку») the next year for "
            "the final landscaping and a fountain (S000 L884-888)",
        ),
    ),
    "I-04": (
        (
            _TOP_UP,
            None,
            "TCO provided additional funding the next year to lay a lawn on the football "
            "field (S000 L1009-1010)",
        ),
    ),
    "II-MO-04": ((_SAME_SITE, "II-MO-05", _CHILDRENS_TOWN),),
    "II-MO-05": ((_SAME_SITE, "II-MO-04", _CHILDRENS_TOWN),),
    "III-04": ((_SAME_SITE, "III-05", _KIELI_SUMMER),),
    "III-05": ((_SAME_SITE, "III-04", _KIELI_SUMMER),),
    "III-06": ((_SAME_SITE, "III-07", _QUANYSH),),
    "III-07": ((_SAME_SITE, "III-06", _QUANYSH),),
    "III-08": (
        (_SAME_SITE, "III-09", _VICTORY),
        (_SAME_LEADER, "II-AO-01", "same leader as «Парк мечты» (2020)"),
    ),
    "III-09": ((_SAME_SITE, "III-08", _VICTORY),),
    "III-11": (
        (_SAME_SITE, "III-12", _DISNEY),
        (_SAME_LEADER, "II-AO-06", "same leader as «Пища - основа жизни» (2020)"),
    ),
    "III-12": (
        (_SAME_SITE, "III-11", _DISNEY),
        (_SAME_LEADER, "II-AO-06", "same leader as «Пища - основа жизни» (2020)"),
    ),
    "III-15": ((_CONTINUES, "II-AO-02", "2021 continuation of the 2020 «Бешим ата» park"),),
    "III-18": (
        (
            _CONTINUES,
            "II-MO-13",
            "continues the 2020 school-yard project «Процветание школы - процветание села»",
        ),
    ),
    "III-35": (
        (
            _CONTINUES,
            "II-AO-03",
            "continues «Спортивные болельщики» (stands at the same field, 2020)",
        ),
    ),
    "III-43": (
        (_SAME_LEADER, "II-AO-05", "same leader as «Спортплощадка под открытым небом» (2020)"),
    ),
}

_RES = ContributorKind.RESIDENTS
_AKIMAT = ContributorKind.AKIMAT
_BUSINESS = ContributorKind.BUSINESS
_OTHER = ContributorKind.OTHER
_CASH = ContributionForm.CASH
_IN_KIND = ContributionForm.IN_KIND

# Only help the sources state concretely; no amount is ever printed, so value and
# valuation stay empty.
CONTRIBUTIONS: dict[str, tuple[tuple[ContributorKind, ContributionForm, str], ...]] = {
    "I-02": (
        (
            _RES,
            _IN_KIND,
            "neighbours keep the ground safe and clean themselves: a duty rota, clean-up "
            "days (subbotniks), repainting the equipment and locking the ground at night "
            "(S000 L941-943)",
        ),
    ),
    "I-03": (
        (
            _RES,
            _CASH,
            "lighting to the space was installed at the project leader's own expense "
            "(S000 L976-977)",
        ),
    ),
    "I-05": (
        (
            _OTHER,
            _CASH,
            "the oblast health department funds one permanent specialist post for the room "
            "(«бюджетное финансирование одной штатной единицы», S000 L466-468, L1030-1032)",
        ),
    ),
    "I-10": (
        (
            _BUSINESS,
            _CASH,
            "a private entrepreneur partner took on the running costs of the water pipe "
            "(«взял на себя расходы на содержание водопровода», S000 L1088-1090)",
        ),
    ),
    "II-MO-01": (
        (
            _RES,
            _IN_KIND,
            "labour of dozens of volunteers («помогали десятки волонтеров», S000 L1146-1147)",
        ),
    ),
    "II-MO-03": (
        (
            _OTHER,
            _IN_KIND,
            "flowers grown in the greenhouses of the Karakiya vocational college, planted in "
            "the park (S000 L1189-1193)",
        ),
    ),
    "II-MO-04": (
        (
            _AKIMAT,
            _IN_KIND,
            "the village akimat allocated the plot and helped with the works, for the whole "
            "site of II-MO-04 and II-MO-05 (S000 L1219-1220)",
        ),
    ),
    "II-MO-05": (
        (
            _AKIMAT,
            _IN_KIND,
            "the village akimat allocated the plot and helped with the works, for the whole "
            "site of II-MO-04 and II-MO-05 (S000 L1219-1220)",
        ),
    ),
    "II-MO-16": (
        (
            _RES,
            _IN_KIND,
            "activists made 90 containers for separate waste collection (S000 L1439)",
        ),
    ),
    "II-AO-01": (
        (_RES, _IN_KIND, "the community built the entrance gates and arch (S000 L1131-1132)"),
        (
            _AKIMAT,
            _IN_KIND,
            "lighting installed with the help of the village akimat («при содействии акимата "
            "села», S000 L1131)",
        ),
    ),
    "II-AO-06": (
        (
            _RES,
            _IN_KIND,
            "all works done by the local community («работы были выполнены силами местного "
            "сообщества», S000 L1346-1347)",
        ),
    ),
    "II-AO-09": (
        (
            _RES,
            _IN_KIND,
            "more than 50 villagers took part in completing the extension («Более 50 жителей "
            "села приняли участие», S000 L1370)",
        ),
    ),
    "II-AO-14": (
        (
            _RES,
            _IN_KIND,
            "coaches, pupils' parents and activists prepared the site and installed the "
            "complex themselves (S000 L1448-1451)",
        ),
    ),
    "III-11": (
        (
            _AKIMAT,
            _IN_KIND,
            "the village akim allocated an empty plot and supported the works, for the whole "
            "site of III-11 and III-12 (S000 L1697-1698)",
        ),
    ),
    "III-12": (
        (
            _AKIMAT,
            _IN_KIND,
            "the village akim allocated an empty plot and supported the works, for the whole "
            "site of III-11 and III-12 (S000 L1697-1698)",
        ),
    ),
    "III-22": (
        (_AKIMAT, _IN_KIND, "akimat staff took part in the works (S000 L1938-1939)"),
        (_BUSINESS, _IN_KIND, "local entrepreneurs took part in the works (S000 L1938-1939)"),
    ),
    "III-39": (
        (
            _RES,
            _IN_KIND,
            "25 villagers took part alongside the community members («вместе с членами "
            "сообщества участвовали 25 сельских жителей», S000 L2273)",
        ),
    ),
    "III-43": (
        (
            _OTHER,
            _IN_KIND,
            "30 people besides the community members helped («Кроме членов сообщества, в "
            "данном проекте оказали помощь 30 человек», S000 L2365-2366)",
        ),
    ),
}

_AT_LEAST = Qualifier.AT_LEAST
_MORE = Qualifier.MORE_THAN
_APPROX = Qualifier.APPROX

# Only where the catalogue's beneficiaries text prints a count of people, houses or
# places; a locality's whole population goes to Locality.population instead, and
# shares ("a third of the village", "70%") and per-street rates are not counts.
BENEFICIARIES: dict[str, tuple[tuple[str, int, Qualifier, str], ...]] = {
    "I-02": (
        (
            "houses on the street, each with a family with children",
            18,
            EXACT,
            "S000 L917-918, «На нашей улице 18 домов, и в каждой семье есть дети»",
        ),
    ),
    "I-07": (
        (
            "children with disabilities in Borankul",
            20,
            _AT_LEAST,
            "S000 L1046-1047, «не менее 20 детей, имеющих различные формы инвалидности»",
        ),
    ),
    "II-MO-06": (("children using the playground", 100, _MORE, "S000 L1232, «больше ста детей»"),),
    "II-MO-07": (
        (
            "children of the two auls with nowhere to play",
            600,
            _MORE,
            "S000 L1253, «более 600 детей»",
        ),
    ),
    "II-MO-08": (
        (
            "children under 14 living on the street (printed as about 30-35)",
            30,
            _APPROX,
            "S000 L1262-1263, «около 30-35 детей в возрасте до 14 лет»",
        ),
    ),
    "II-MO-09": (("children living in aul Appak", 500, _APPROX, "S000 L1283, «около 500 детей»"),),
    "II-MO-12": (
        ("pupils of the school", 430, EXACT, "S000 L1356, «430 учеников»"),
        (
            "of them, children with special needs",
            16,
            EXACT,
            "S000 L1357, «16 детей с особыми потребностями»",
        ),
    ),
    "II-MO-15": (
        (
            "pupils with speech disorders",
            40,
            _MORE,
            "S000 L1425-1426, «Более 40 учеников … имеющих дефекты речи»",
        ),
    ),
    "II-AO-04": (
        (
            "places in the nursery-kindergarten built in 2019",
            100,
            EXACT,
            "S000 L1306, «ясли-сад на 100 детей»",
        ),
    ),
    "II-AO-10": (
        (
            "children with special needs living in the village",
            27,
            EXACT,
            "S000 L1402, «для 27 детей с особыми потребностями»",
        ),
    ),
    "II-AO-11": (
        (
            "young people among the village's 8,000 inhabitants",
            3500,
            EXACT,
            "S000 L1407-1408, «3,500 – это молодежь»",
        ),
    ),
    "II-AO-12": (
        (
            "places in the village's only kindergarten",
            160,
            EXACT,
            "S000 L1419-1420, «рассчитанный на 160 мест»",
        ),
    ),
    "II-AO-14": (
        (
            "people training there daily (printed as 200-250)",
            200,
            _AT_LEAST,
            "S000 L1452, «ежедневно тренируется 200-250 человек»",
        ),
    ),
    "III-01": (
        ("houses beyond the ravine", 50, _APPROX, "S000 L1508, «около 50 домов»"),
        ("schoolchildren living there", 80, _MORE, "S000 L1510, «более 80 школьников»"),
        (
            "kindergarten children living there",
            50,
            _APPROX,
            "S000 L1510-1511, «порядка 50 воспитанников детского сада»",
        ),
    ),
    "III-16": (
        (
            "children in rehabilitation at the centre",
            44,
            EXACT,
            "S000 L1854, «проходят реабилитацию 44 ребенка»",
        ),
        (
            "children with disabilities in the district",
            500,
            _APPROX,
            "S000 L1858-1859, «около 500 детей с ограниченными возможностями»",
        ),
    ),
    "III-17": (
        (
            "children whose parents learn rehabilitation exercises at the centre",
            30,
            _MORE,
            "S000 L1868, «родители более 30 детей»",
        ),
    ),
    "III-25": (("children of the aul", 900, _APPROX, "S000 L1995, «почти 900 детей аула»"),),
    "III-29": (("children of the village", 250, _MORE, "S000 L2041, «более 250 детей»"),),
    "III-31": (
        (
            "houses of the microdistrict, which had no playground",
            200,
            _MORE,
            "S000 L2066, «на более чем 200 домов»",
        ),
    ),
    "III-34": (("children of aul No.3", 300, _MORE, "S000 L2103, «более 300 детей»"),),
    "III-36": (
        (
            "children living on Maitobe Street",
            150,
            _MORE,
            "S000 L2225, «Более 150 детей, проживающих на улице Майтобе»",
        ),
    ),
    "III-41": (
        ("children of the village", 100, _MORE, "S000 L2294, «более 100 детей»"),
        ("children of the street", 50, _APPROX, "S000 L2304, «около 50 детей нашей улицы»"),
    ),
    "III-42": (("children of the microdistrict", 100, _APPROX, "S000 L2322, «сотне детей»"),),
}

# Printed amounts (the catalogue's amount_tenge, amount_qualifier, amount_basis).
# I-02's amount is the grant itself; the combined 6 mln of III-04 + III-05 is
# printed in III-05's text and recorded there once.
AMOUNT_QUALIFIERS = {"approx": Qualifier.APPROX, "more_than": Qualifier.MORE_THAN}
COMBINED_AMOUNT_HOLDER = "III-05"
COMBINED_BASIS = {
    "III-04": (
        "combined cost of III-04 and III-05 together («всего за 6 млн. тенге две группы», "
        "S000 L1609); the 6,000,000 KZT is recorded once, as III-05's reported amount, "
        "and not here, so that it is not counted twice"
    ),
    "III-05": (
        "combined cost of III-05 and III-04 together («всего за 6 млн. тенге две группы», "
        "S000 L1609), recorded once here and not on III-04; it is not this project's own "
        "cost"
    ),
}

# -- sustainability: memoranda, duties and balance holders (seed-000.md §2.5, §5.7) -------

# Only what the brochure prints, each with its lines. A duty is "promised" when the text
# reports an undertaking («обязался», «принял обязательства», «взял на себя»,
# «договорилась»), "confirmed" when the holder took it on once the works were finished
# («после завершения работ», «после их окончания»), "reported_done" when the text reports
# it being carried out. Projects the brochure prints nothing for have no duty and no
# balance (unknown).

_AKIMAT_HOLDER = HolderKind.AKIMAT
_PROMISED = DutyStatus.PROMISED
_CONFIRMED = DutyStatus.CONFIRMED
_DONE = DutyStatus.REPORTED_DONE

_BAUTINO_AKIMAT = (
    "the village akimat («Акимат поселка»), for the whole site of II-MO-04 and II-MO-05"
)
_BAUTINO_SOURCE = "S000 L1219-1220"
_BAUTINO_DUTIES: tuple[tuple[Duty, HolderKind, str, DutyStatus, str, str], ...] = (
    (
        Duty.GUARDING,
        _AKIMAT_HOLDER,
        _BAUTINO_AKIMAT,
        _CONFIRMED,
        "guarding the children's town, taken on after the works («а после их окончания "
        "принял обязательства по охране городка»)",
        _BAUTINO_SOURCE,
    ),
    (
        Duty.CCTV,
        _AKIMAT_HOLDER,
        _BAUTINO_AKIMAT,
        _CONFIRMED,
        "installing CCTV cameras, taken on after the works («и установке камер видеонаблюдения»)",
        _BAUTINO_SOURCE,
    ),
)

# project id → (duty, holder kind, party as printed, status, what it involves, source)
DUTIES: dict[str, tuple[tuple[Duty, HolderKind, str, DutyStatus, str, str], ...]] = {
    "I-01": (
        (
            Duty.WATERING,
            _AKIMAT_HOLDER,
            "the akimat («акимат»)",
            _PROMISED,
            "watering the alley («акимат обязался обеспечить полив и охрану объекта»)",
            "S000 L863-864",
        ),
        (
            Duty.GUARDING,
            _AKIMAT_HOLDER,
            "the akimat («акимат»)",
            _PROMISED,
            "guarding the alley («акимат обязался обеспечить полив и охрану объекта»)",
            "S000 L863-864",
        ),
    ),
    "I-02": (
        (
            Duty.GUARDING,
            HolderKind.RESIDENTS,
            "the neighbours («соседи»)",
            _DONE,
            "a duty rota, and locking the ground at night against vandals («соседи "
            "самоорганизовались для ведения дежурства … закрывают площадку на ночь, чтобы "
            "защитить от вандалов»)",
            "S000 L941-943",
        ),
        (
            Duty.CLEANING,
            HolderKind.RESIDENTS,
            "the neighbours («соседи»)",
            _DONE,
            "clean-up days («проведения субботников»)",
            "S000 L941-942",
        ),
        (
            Duty.MAINTENANCE,
            HolderKind.RESIDENTS,
            "the neighbours («соседи»)",
            _DONE,
            "repainting the equipment («обновляют краску на установленных снарядах»)",
            "S000 L942",
        ),
    ),
    "I-05": (
        (
            Duty.STAFF_POST,
            HolderKind.STATE_BODY,
            "the oblast health department («областного управления здравоохранения»)",
            _DONE,
            "budget funding of one permanent specialist post for the room («обеспечил "
            "бюджетное финансирование одной штатной единицы»), whose specialist holds "
            "consultations and seminars («регулярно проводит индивидуальные консультации и "
            "семинары»)",
            "S000 L466-468, L1030-1033",
        ),
    ),
    "I-10": (
        (
            Duty.MAINTENANCE,
            HolderKind.BUSINESS,
            "a private entrepreneur, the project's partner («частный предприниматель»)",
            _PROMISED,
            "the running costs of the water pipe («взял на себя расходы на содержание "
            "водопровода»)",
            "S000 L1088-1090",
        ),
    ),
    "II-MO-02": tuple(
        (
            duty,
            HolderKind.SCHOOL,
            "the school («школа»)",
            _CONFIRMED,
            f"the costs of {what}, taken on after the works («После завершения работ школа "
            "взяла на себя расходы по освещению, охране и поддержанию площадки в надлежащем "
            "состоянии»)",
            "S000 L1178-1179",
        )
        for duty, what in (
            (Duty.LIGHTING, "lighting"),
            (Duty.GUARDING, "guarding"),
            (Duty.MAINTENANCE, "keeping the ground in good order"),
        )
    ),
    "II-MO-04": _BAUTINO_DUTIES,
    "II-MO-05": _BAUTINO_DUTIES,
    "II-MO-16": (
        (
            Duty.WASTE_REMOVAL,
            _AKIMAT_HOLDER,
            "the akimat («акимат»)",
            _PROMISED,
            "removing the waste on time («акимат обязался своевременно вывозить отходы»)",
            "S000 L1440",
        ),
        (
            Duty.RECYCLING,
            _AKIMAT_HOLDER,
            "the akimat («акимат»)",
            _PROMISED,
            "bringing in a company that recycles paper and plastic («привлечь "
            "компанию-переработчика бумаги и пластика»)",
            "S000 L1440-1441",
        ),
    ),
    "III-02": (
        (
            Duty.MAINTENANCE,
            _AKIMAT_HOLDER,
            "the akimat («акимат»)",
            _PROMISED,
            "servicing the 35 solar street lights and replacing lamps as needed («акимат "
            "принял на себя обязательства по обслуживанию и замене ламп по мере "
            "необходимости»)",
            "S000 L1534-1535",
        ),
    ),
    "III-05": (
        (
            Duty.MAINTENANCE,
            _AKIMAT_HOLDER,
            "the local administration («местная администрация»)",
            _PROMISED,
            "responsibility for the park's safekeeping and development, agreed with the "
            "initiative group («будет нести ответственность за его сохранность и развитие»)",
            "S000 L1607-1609",
        ),
    ),
    "III-13": (
        (
            Duty.CLEANING,
            HolderKind.RESIDENTS,
            "the village youth («Сельская молодежь»)",
            _PROMISED,
            "keeping the alley clean («взяла на себя контроль над соблюдением чистоты»)",
            "S000 L1810-1811",
        ),
    ),
}

_HOUSE_OF_CULTURE = "the local House of Culture («местного Дома культуры»)"

# project id → the balance takeover as printed. II-AO-02 is the only project whose
# takeover the brochure reports as done.
BALANCES: dict[str, BalanceTakeover] = {
    "II-AO-02": BalanceTakeover(
        _HOUSE_OF_CULTURE,
        status=TakeoverStatus.CONFIRMED,
        holder_kind=HolderKind.CULTURE_HOUSE,
        source="S000 L1165-1166",
        note=(
            "«парк и вся инфраструктура в нем были взяты на баланс местного Дома культуры»: "
            "the park and all its infrastructure were taken onto the House of Culture's "
            "balance; the date is not printed"
        ),
    ),
    "III-05": BalanceTakeover(
        "the local administration («местная администрация»)",
        status=TakeoverStatus.PROMISED,
        holder_kind=HolderKind.AKIMAT,
        source="S000 L1607-1609",
        note=(
            "«инициативная группа договорилась, что местная администрация примет парк на "
            "баланс»: agreed with the initiative group; the brochure does not report the "
            "takeover itself"
        ),
    ),
    "III-15": BalanceTakeover(
        _HOUSE_OF_CULTURE,
        status=TakeoverStatus.UNKNOWN,
        holder_kind=HolderKind.CULTURE_HOUSE,
        source="S000 L1830-1831",
        note=(
            "the park is «в ведении местного Дома культуры» (in the House of Culture's "
            "keeping), which took it onto its balance in 2020 (II-AO-02, S000 L1165-1166); "
            "the brochure does not say whether the 2021 trees and irrigation pipe were "
            "taken onto a balance"
        ),
    ),
}

_STAGE_III_LOCALITIES = tuple(dict.fromkeys(loc for w in STAGES[2].windows for loc in w.localities))

MEMORANDA = (
    Memorandum(
        "memoranda-local-akimats",
        localities=tuple(loc.id for loc in LOCALITIES),
        land_plot=True,
        material_help=True,
        monitoring=True,
        balance_takeover=True,
        programme="public-spaces",
        source=(
            "S000 L207-216 (step 1: «подписание меморандумов о сотрудничестве и поддержке "
            "будущих инициативных групп», result «(выделение участков, оказание материальной "
            "и технической помощи, мониторинг проектов для оказания своевременной помощи, "
            "обязательство взять созданные объекты на баланс акимата)»); S000 L461-464 "
            "(«заключение меморандума с местными акиматами, в рамках которого они обязуются "
            "принять на баланс будущие объекты»)"
        ),
        note=(
            "The memoranda with the local akimats that the brochure describes as step 1 of "
            "the programme, kept as one record: the brochure names neither the akimats that "
            "signed, nor the dates, nor the localities each one covers, so akimat and signed "
            "stay empty and the localities are the eleven where the programme worked. The "
            "akim is to confirm the takeover at each opening (S000 L361-362); the brochure "
            "reports no such confirmation project by project, so a project's own balance "
            "records only what its page prints."
        ),
    ),
    Memorandum(
        "akimats-2021-sustainability",
        localities=_STAGE_III_LOCALITIES,
        extra_duties=tuple(
            ExtraDuty(
                duty,
                description,
                party,
                holder_kind=kind,
                status=DutyStatus.PROMISED,
                source="S000 L470-473",
            )
            for duty, description, party, kind in (
                (
                    Duty.WATERING,
                    "watering the newly created green zones («полив вновь создаваемых "
                    "зеленых зон»)",
                    "the akimats («акиматы»)",
                    HolderKind.AKIMAT,
                ),
                (
                    Duty.LIGHTING,
                    "lighting the public spaces («освещение общественных пространств»)",
                    "the akimats («акиматы»)",
                    HolderKind.AKIMAT,
                ),
                (
                    Duty.PATROL,
                    "patrols of the public spaces, taken on by the akimats («их "
                    "патрулирование участковым полицейским»)",
                    "the district police officer («участковым полицейским»)",
                    HolderKind.STATE_BODY,
                ),
            )
        ),
        programme="public-spaces",
        source="S000 L470-473",
        note=(
            "«Для отдельных проектов 2021 года акиматы сами выделили до половины требуемого "
            "финансирования и приняли на себя дополнительные обязательства по "
            "устойчивости»: for some 2021 projects, which the brochure does not name, "
            "akimats paid up to half of the required funding and took on one of these "
            "duties («будь то»). The brochure does not say whether they were written into "
            "memoranda. cofunding_share stays empty: «до половины» is an upper bound over "
            "several projects, not one share."
        ),
    ),
)


SOURCES = (
    "S000: the programme's brochure «Qoğamdyq Keñıstıkter» (EFCA, 2018-2021; Russian): "
    "mission, manifesto, methodology, results, infographics and the project list. Line "
    "references L… are to the text extracted from the PDF, shared/seeds/"
    "000_38b97fca4cb0985c.txt (2,542 lines).",
    "S004: EFCA website news item of 3 May 2020, «Второй этап реализации проекта "
    '"Общественные пространства" в Мангистауской области» (Russian), shared/seeds/'
    "004_df7ec98c2d418566.txt.",
    "Project catalogue: shared/domain/public-spaces-projects.csv (85 rows, one per project "
    "S000 describes), with shared/domain/seed-000.md; object kinds and the pairing of "
    "two-column pages are that analysis's reading of S000.",
)

# -- building ----------------------------------------------------------------------------

_ID_IN_TEXT = re.compile(r"\b(?:I|II|III)-(?:MO-|AO-)?\d\d\b")
# Words by which the catalogue's commitment columns name a duty taken on after the works.
_DUTY_WORDS = re.compile(
    r"полив|охран|guard|upkeep|maintain|maintenance|waste removal|lamp|specialist post|"
    r"keeping it clean|duty rota|water pipe",
    re.IGNORECASE,
)


def read_catalogue(shared: Path) -> list[dict[str, str]]:
    """The catalogue rows, checked for shape."""
    path = shared / CATALOGUE
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != EXPECTED_COLUMNS:
            raise ValueError(f"{path}: unexpected columns {reader.fieldnames}")
        rows = list(reader)
    if len(rows) != EXPECTED_ROWS:
        raise ValueError(f"{path}: expected {EXPECTED_ROWS} rows, got {len(rows)}")
    ids = [row["id"] for row in rows]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path}: duplicate project ids")
    return rows


def _join(parts: Iterable[str | None]) -> str | None:
    kept = [p.strip() for p in parts if p and p.strip()]
    return "; ".join(kept) if kept else None


def _kind_detail(row: dict[str, str]) -> str | None:
    if row["object_kind_secondary"]:
        return row["object_kind_secondary"]
    if row["id"] in KIND_DETAIL_OVERRIDES:
        return KIND_DETAIL_OVERRIDES[row["id"]]
    detail = row["object_detail"] or None
    if detail and re.search("[\u0400-\u04ff]", detail):
        raise ValueError(f"{row['id']}: kind_detail would not be English: {detail!r}")
    return detail


def _amounts(row: dict[str, str]) -> tuple[Money | None, MoneyEstimate | None, str | None]:
    pid = row["id"]
    grant = Money(int(row["grant_tenge"])) if row["grant_tenge"] else None
    basis = COMBINED_BASIS.get(pid, row["amount_basis"] or None)
    if not row["amount_tenge"]:
        return grant, None, basis
    amount = Money(int(row["amount_tenge"]))
    qualifier = row["amount_qualifier"]
    if qualifier.startswith("combined_with_"):
        reported = MoneyEstimate(amount, Qualifier.EXACT) if pid == COMBINED_AMOUNT_HOLDER else None
        return grant, reported, basis
    if grant is not None:
        if amount != grant or qualifier != "exact":
            raise ValueError(f"{pid}: printed amount {amount} differs from the grant {grant}")
        return grant, None, basis  # the printed amount is the grant itself
    return grant, MoneyEstimate(amount, AMOUNT_QUALIFIERS[qualifier]), basis


def status_of(balance: BalanceTakeover | None) -> ProjectStatus:
    """``opened`` with a confirmed balance takeover, else ``completed``.

    Every project the brochure describes is finished; the library opens a project only
    with a confirmed takeover, which the brochure reports for II-AO-02 alone.
    """
    if balance is not None and balance.confirmed:
        return ProjectStatus.OPENED
    return ProjectStatus.COMPLETED


def project(row: dict[str, str]) -> Project:
    """One catalogue row as a :class:`Project` (only the fields the dataset ships)."""
    pid = row["id"]
    locality, locality_note = LOCALITY_BY_CSV[row["locality_en"]]
    grant, reported, basis = _amounts(row)
    contributions = tuple(
        Contribution(f"{pid}-c{i}", who, form, text, project=pid)
        for i, (who, form, text) in enumerate(CONTRIBUTIONS.get(pid, ()), start=1)
    )
    balance = BALANCES.get(pid)
    return Project(
        pid,
        stage=row["stage"],
        locality=locality,
        title=Names(ru=row["project_name_ru"], en=row["project_name_en"]),
        kind=ObjectKind(row["object_kind"]),
        status=status_of(balance),
        kind_detail=_kind_detail(row),
        grant=grant,
        reported_amount=reported,
        amount_basis=basis,
        contributions=contributions,
        beneficiaries=tuple(
            BeneficiaryCount(group, count, qualifier, source)
            for group, count, qualifier, source in BENEFICIARIES.get(pid, ())
        ),
        links=tuple(ProjectLink(kind, target, note) for kind, target, note in LINKS.get(pid, ())),
        balance=balance,
        duties=tuple(
            ExtraDuty(duty, description, party, holder_kind=kind, status=status, source=source)
            for duty, kind, party, status, description, source in DUTIES.get(pid, ())
        ),
        source=f"S000 L{row['source_lines']}",
        notes=_join((row["notes"], locality_note, EXTRA_NOTES.get(pid))),
    )


def _check_rows(rows: list[dict[str, str]]) -> None:
    """Cross-check the hand-encoded tables against the catalogue."""
    ids = {row["id"] for row in rows}
    localities = {loc.id: loc for loc in LOCALITIES}
    windows = {(s.id, w.region): w for s in STAGES for w in s.windows}
    tables = (LINKS, CONTRIBUTIONS, BENEFICIARIES, KIND_DETAIL_OVERRIDES, EXTRA_NOTES)
    for table in (*tables, DUTIES, BALANCES):
        unknown = set(table) - ids
        if unknown:
            raise ValueError(f"hand-encoded data for unknown projects: {sorted(unknown)}")
    linked = {(src, t) for src, links in LINKS.items() for _, t, _ in links if t}
    for row in rows:
        pid = row["id"]
        locality, _ = LOCALITY_BY_CSV[row["locality_en"]]
        region = REGION_BY_CSV[row["region"]]
        if localities[locality].region != region:
            raise ValueError(f"{pid}: {locality} is not in {region}")
        if localities[locality].district != DISTRICT_BY_CSV[row["district"]]:
            raise ValueError(f"{pid}: {locality} is not in district {row['district']}")
        window = windows[(row["stage"], region)]
        if locality not in window.localities:
            raise ValueError(f"{pid}: {locality} is not in stage {row['stage']}'s window")
        if row["stage_period"] != STAGE_PERIODS[(row["stage"], region)]:
            raise ValueError(f"{pid}: stage period {row['stage_period']!r} differs")
        commitments = f"{row['akimat_commitments']} {row['community_business_contribution']}"
        if "balance" in commitments.lower() and pid not in BALANCES:
            raise ValueError(f"{pid}: the catalogue names a balance holder, but none is recorded")
        if _DUTY_WORDS.search(commitments) and pid not in DUTIES:
            raise ValueError(f"{pid}: the catalogue names a sustainability duty, none is recorded")
        named = set(_ID_IN_TEXT.findall(f"{row['linked_projects']} {row['notes']}")) - {pid}
        for other in named:
            if (pid, other) not in linked and (other, pid) not in linked:
                raise ValueError(f"{pid}: the catalogue names {other}, but no link records it")


def build(shared: Path = DEFAULT_SHARED) -> Programme:
    """The programme, built from the shared catalogue and the figures above."""
    rows = read_catalogue(shared)
    _check_rows(rows)
    return Programme(
        "public-spaces",
        Names(ru="Общественные пространства", kk="Qoğamdyq Keñıstıkter", en="Public Spaces"),
        implementer=EFCA,
        donor=TCO,
        start=dt.date(2018, 9, 1),
        end=dt.date(2021, 12, 31),
        theme=Names(
            ru="Общественные пространства и объекты социальной инфраструктуры",
            en="Public spaces and social infrastructure",
        ),
        regions=REGIONS,
        districts=DISTRICTS,
        localities=LOCALITIES,
        stages=STAGES,
        memoranda=MEMORANDA,
        projects=tuple(project(row) for row in rows),
        figures=FIGURES,
        sources=SOURCES,
        note=(
            "kk holds the programme's brand, Kazakh in Latin letters; in Kazakh Cyrillic it is "
            "«Қоғамдық кеңістіктер». The brochure says its villages have «всего от 1 до 3 тысяч "
            "человек» (S000 L489-490), but its project pages print larger populations; those "
            "are on the localities. Every described project is finished and stands as "
            "'completed'; only II-AO-02 is 'opened', the one project whose balance takeover "
            "the brochure reports as done (S000 L1165-1166). The programme's method has the "
            "akim confirm the takeover at each opening (S000 L361-362), but the brochure does "
            "not report those confirmations project by project, and the library opens a "
            "project only with a confirmed takeover."
        ),
    )


# -- personal data ---------------------------------------------------------------------

_CYRILLIC = "А-ЯЁҚҒҮҰӨҢҺІа-яёқғүұөңһі"
_CAPITALISED = rf"[А-ЯЁҚҒҮҰӨҢҺІ][{_CYRILLIC}]+"
_NAME_RUN = re.compile(rf"{_CAPITALISED}(?:\s+{_CAPITALISED})+")
_SURNAME_ENDING = re.compile(r"(?:ов|ова|ев|ева|ин|ина|улы|ұлы|кызы|қызы|овой|евой)$")
_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = "аяыеиіоуюёэә"
# Capitalised words in the §4.1 leader column that are not names: a school, a
# locality, and words from quoted project titles.
NOT_NAMES = frozenset({"боранкул", "красивой", "парк", "спортплощадка", "қарақұм"})
MIN_NAME_LETTERS = 4
PHONE = re.compile(r"\+?\d[\d\s()\-]{8,}\d")
EMAIL = re.compile(r"\S+@\S+\.\S+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?")


def personal_name_tokens(shared: Path = DEFAULT_SHARED) -> set[str]:
    """Lower-cased single-word name tokens of the people the sources name.

    Taken from seed-000.md: §1 "People quoted" (and S004's contacts), the §4.1
    "Leader (as printed)" column, and any run of capitalised Cyrillic words with a
    surname or patronymic ending anywhere in seed-000.md or the catalogue.
    """
    seed = (shared / SEED).read_text(encoding="utf-8")
    lines = seed.splitlines()
    found: set[str] = set()
    start = next(i for i, line in enumerate(lines) if line.startswith("- **People quoted:**"))
    for line in lines[start + 1 :]:
        if not line.startswith("  - "):
            break
        found.update(re.findall(_CAPITALISED, line.split(",")[0]))
    for line in lines:
        if line.startswith("- S004 also names the contacts"):
            index = lines.index(line)
            for contact in lines[index + 1 : index + 3]:
                found.update(re.findall(_CAPITALISED, contact.split(":", 1)[-1]))
    table = lines.index("### 4.1 Catalogue table")
    for line in lines[table:]:
        if re.match(r"\| (?:I|II|III)-", line):
            leader = line.strip("|").split("|")[4].split("; team:")[0]
            found.update(re.findall(_CAPITALISED, leader))
    texts = [seed]
    rows = read_catalogue(shared)
    texts.extend(value for row in rows for value in row.values())
    for text in texts:
        for run in _NAME_RUN.finditer(text):
            words = run.group(0).split()
            if any(_SURNAME_ENDING.search(w) for w in words):
                found.update(words)
    return {w.lower() for w in found if len(w) >= MIN_NAME_LETTERS} - NOT_NAMES


def name_forms(tokens: Iterable[str]) -> set[str]:
    """Each token, plus its stem without a final vowel (``…ова`` → ``…ов``)."""
    forms = set()
    for token in tokens:
        forms.add(token)
        if token[-1] in _VOWELS and len(token) - 1 >= MIN_NAME_LETTERS:
            forms.add(token[:-1])
    return forms


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def name_hashes(tokens: Iterable[str]) -> list[str]:
    """The sorted SHA-256 digests written to ``tests/data/personal_name_hashes.txt``."""
    return sorted({sha256(form) for form in name_forms(tokens)})


def token_candidates(word: str) -> Iterator[str]:
    """A word and the same word without up to two letters of case ending."""
    word = word.lower()
    yield word
    for cut in (1, 2):
        if len(word) - cut >= MIN_NAME_LETTERS:
            yield word[:-cut]


def strings(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a JSON value, with its path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, f"{path}.{key}" if path else key)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings(value, f"{path}[{i}]")


def personal_data_problems(text: str, hashes: set[str]) -> list[str]:
    """Where the JSON document ``text`` holds a name, phone or e-mail (paths only)."""
    problems = []
    for path, value in strings(json.loads(text)):
        if not (_DATE.fullmatch(value) or _DECIMAL.fullmatch(value)) and PHONE.search(value):
            problems.append(f"{path}: phone-like text")
        if EMAIL.search(value):
            problems.append(f"{path}: e-mail-like text")
        for word in _WORD.findall(value):
            if any(sha256(c) in hashes for c in token_candidates(word)):
                problems.append(f"{path}: a person's name")
                break
    return problems


def render(shared: Path = DEFAULT_SHARED, hash_file: Path | None = DEFAULT_HASHES) -> str:
    """The document text, after the personal-data check."""
    programme = build(shared)
    text = dumps(programme, redact=True)
    hashes = set(name_hashes(personal_name_tokens(shared)))
    if hash_file is not None and hash_file.exists():
        hashes |= {h for h in hash_file.read_text(encoding="utf-8").split() if h}
    problems = personal_data_problems(text, hashes)
    if problems:
        raise PersonalDataError("personal data in the dataset:\n  " + "\n  ".join(problems))
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--write-name-hashes",
        type=Path,
        metavar="PATH",
        help="also write the SHA-256 digests of the personal-name tokens to PATH",
    )
    args = parser.parse_args(argv)
    text = render(args.shared)
    programme = build(args.shared)
    written = dump(programme, args.out, redact=True)
    if written.read_text(encoding="utf-8") != text:
        raise RuntimeError(f"{written}: the written document differs from the checked one")
    print(f"wrote {written} ({len(programme.projects)} projects, {len(text)} characters)")
    if args.write_name_hashes:
        hashes = name_hashes(personal_name_tokens(args.shared))
        args.write_name_hashes.parent.mkdir(parents=True, exist_ok=True)
        args.write_name_hashes.write_text("\n".join(hashes) + "\n", encoding="utf-8")
        print(f"wrote {args.write_name_hashes} ({len(hashes)} digests)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
