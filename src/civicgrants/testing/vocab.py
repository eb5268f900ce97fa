"""Realistic words for the strategies: places, people and phrases of the programme.

Russian, Kazakh (with ә, ғ, қ, ң, ө, ұ, ү, һ, і) and English spellings as the
seed documents print them. Person names live only in `SURNAMES` and
`GIVEN_NAMES`, never in the other lists, so a test can look for them in
a redacted document without false alarms.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "CURRENCIES",
    "DISTRICTS",
    "EMAIL_DOMAINS",
    "GIVEN_NAMES",
    "KAZAKH_LETTERS",
    "LETTERS",
    "LOCALITIES",
    "ORGANISATIONS",
    "PHRASES",
    "REGIONS",
    "SLUGS",
    "SURNAMES",
    "TRANSLIT",
]

CURRENCIES: Final = ("KZT", "EUR", "USD", "RUB")
"""The currencies the strategies draw from (KZT is the default everywhere)."""

KAZAKH_LETTERS: Final = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
"""The letters of the Kazakh alphabet that Russian has not, lower and upper case."""

LETTERS: Final = (
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ" + KAZAKH_LETTERS + "abcdefghijklmnopqrstuvwxyzABCXYZ"
)
"""Letters of generated words: Russian and Kazakh Cyrillic, and some Latin."""

Triple = tuple[str, str, str]
"""A name in Russian, Kazakh and English, in that order."""

REGIONS: Final[tuple[Triple, ...]] = (
    ("Мангистауская область", "Маңғыстау облысы", "Mangistau Region"),
    ("Атырауская область", "Атырау облысы", "Atyrau Region"),
    ("Западно-Казахстанская область", "Батыс Қазақстан облысы", "West Kazakhstan Region"),
    ("Актюбинская область", "Ақтөбе облысы", "Aktobe Region"),
)
"""Regions (oblasts) of the programme, as ru/kk/en triples."""

DISTRICTS: Final[tuple[Triple, ...]] = (
    ("Мангистауский район", "Маңғыстау ауданы", "Mangistau District"),
    ("Тупкараганский район", "Түпқараған ауданы", "Tupkaragan District"),
    ("Каракиянский район", "Қарақия ауданы", "Karakiya District"),
    ("Бейнеуский район", "Бейнеу ауданы", "Beineu District"),
    ("Мунайлинский район", "Мұнайлы ауданы", "Munaily District"),
    ("Жылыойский район", "Жылыой ауданы", "Zhylyoi District"),
    ("Макатский район", "Мақат ауданы", "Makat District"),
    ("Индерский район", "Индер ауданы", "Inder District"),
    ("Кызылкогинский район", "Қызылқоға ауданы", "Kyzylkoga District"),
)
"""Districts of those regions, as ru/kk/en triples."""

LOCALITIES: Final[tuple[Triple, ...]] = (
    ("Курык", "Құрық", "Kuryk"),
    ("Боранкул", "Боранқұл", "Borankul"),
    ("Шетпе", "Шетпе", "Shetpe"),
    ("Жетыбай", "Жетібай", "Zhetybai"),
    ("Форт-Шевченко", "Форт-Шевченко", "Fort-Shevchenko"),
    ("Бейнеу", "Бейнеу", "Beineu"),
    ("Кульсары", "Құлсары", "Kulsary"),
    ("Макат", "Мақат", "Makat"),
    ("Доссор", "Доссор", "Dossor"),
    ("Жанаозен", "Жаңаөзен", "Zhanaozen"),
    ("Таушык", "Таушық", "Taushyk"),
    ("Акшукур", "Ақшұқыр", "Akshukyr"),
    ("Мунайлы", "Мұнайлы", "Munaily"),
    ("Индерборский", "Индербор", "Inderbor"),
)
"""Towns and villages of those districts, as ru/kk/en triples."""

ORGANISATIONS: Final[tuple[Triple, ...]] = (
    (
        "Евразийский фонд Центральной Азии",
        "Орталық Азия Еуразия қоры",
        "Eurasia Foundation of Central Asia",
    ),
    ("Тенгизшевройл", "Теңізшевройл", "Tengizchevroil"),
    ("Аппарат акима села Курык", "Құрық ауылы әкімінің аппараты", "Kuryk village akimat"),
    ("Акимат Жылыойского района", "Жылыой ауданының әкімдігі", "Zhylyoi district akimat"),
    ("Средняя школа № 3", "№ 3 орта мектеп", "Secondary school No. 3"),
    ("Дом культуры «Шаңырақ»", "«Шаңырақ» мәдениет үйі", "Shanyrak culture house"),
    ("Детский сад «Балапан»", "«Балапан» балабақшасы", "Balapan kindergarten"),
    ("ОФ «Жаңа өмір»", "«Жаңа өмір» ҚҚ", "Zhana Omir public foundation"),
)
"""Organisations: the implementer, the donor, akimats, schools, NGOs (ru/kk/en)."""

PHRASES: Final[tuple[str, ...]] = (
    "детская игровая площадка",
    "балалар ойын алаңы",
    "спортивная площадка",
    "спорт алаңы",
    "футбольное поле с искусственным покрытием",
    "саябақ пен аллея",
    "благоустройство пляжа",
    "школьная столовая",
    "мектеп асханасы",
    "центр для детей с инвалидностью",
    "кабинет психолога и логопеда",
    "побелка и покраска бордюров",
    "посадка деревьев",
    "ағаш отырғызу",
    "песок и щебень от акимата",
    "транспорт от местного бизнеса",
    "жители села",
    "ауыл тұрғындары",
    "дети до 14 лет",
    "балалар",
    "пенсионеры",
    "Healthy children",
    "Green alley",
    "брошюра, с. 12",
    "новость ЕФЦА от 3 мая 2020 г.",
    "оценка по рыночной стоимости",
    "полив зелёных насаждений",
    "освещение территории",
    "патрулирование участковым",
    "«Қоғамдық кеңістіктер»",
    "Общественные пространства",
    'кавычки " и обратная косая \\ черта',
)
"""Free text for descriptions, notes and sources (no person names in here)."""

SLUGS: Final[tuple[str, ...]] = (
    "kuryk",
    "borankul",
    "fort-shevchenko",
    "kulsary",
    "mangistau",
    "atyrau",
    "efca",
    "tco",
    "II-MO-04",
    "III-AT-12",
    "call-2020",
    "stage:2",
    "akimat.kuryk",
    "P_17",
)
"""Ids as the seed documents write them (letters, digits, ``.``, ``_``, ``:``, ``-``)."""

SURNAMES: Final[tuple[str, ...]] = (
    "Сәрсенова",
    "Қасымов",
    "Жұмабаев",
    "Нұрланова",
    "Әбдірахманов",
    "Есенғалиева",
    "Оразбаев",
    "Төлегенова",
    "Құрманғазиев",
    "Исаева",
    "Ким",
    "Петрова",
    "Шәріпов",
    "Һадиева",
)
"""Kazakh and Russian surnames; person names appear nowhere else."""

GIVEN_NAMES: Final[tuple[str, ...]] = (
    "Айгүл",
    "Ерлан",
    "Дәурен",
    "Гүлнар",
    "Мәди",
    "Меруерт",
    "Асқар",
    "Нұржан",
    "Әлия",
    "Бауыржан",
    "Сәуле",
    "Ольга",
    "Сергей",
    "Айнұр",
    "Іңкәр",
)
"""Kazakh and Russian given names; person names appear nowhere else."""

EMAIL_DOMAINS: Final[tuple[str, ...]] = ("example.kz", "example.org", "example.com")
"""Domains of generated e-mail addresses (example domains, never a real provider)."""

TRANSLIT: Final[dict[str, str]] = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
        [
            *("a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n"),
            *("o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y"),
            *("", "e", "yu", "ya", "a", "g", "q", "ng", "o", "u", "u", "h", "i"),
        ],
        strict=True,
    )
)
"""Cyrillic → Latin, for the local part of generated e-mail addresses."""
