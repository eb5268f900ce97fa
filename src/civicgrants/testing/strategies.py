"""Hypothesis strategies, one per entity and value type of `civicgrants.model`.

Every strategy generates only valid objects. Strategies for entities that
refer to others by id take optional pools of ids (``locality_ids=``,
``stage_ids=`` …): given a pool, references are drawn from it (so a caller can
build consistent trees); without one, fresh ids are drawn.
`programmes()` builds whole programmes in which every reference resolves.

Collections are kept small (at most 3 to 6 items) so that tests stay fast.
Amounts and other decimals are ``Decimal(n).scaleb(-digits)`` for an integer
``n``, never a float; ``digits`` may be negative or large, so some decimals
print in exponent notation (``2.95E+7``, ``1E-8``), as a Decimal may.

Usage::

    from hypothesis import given, settings

    from civicgrants.model import validate_bin
    from civicgrants.testing import organisations, programmes


    @given(organisations())
    def test_bins_are_valid(org):
        assert org.bin is None or validate_bin(org.bin, org.registered) is None


    @settings(max_examples=50, deadline=None)
    @given(programmes(max_projects=3))
    def test_projects_lie_in_known_localities(programme):
        known = {loc.id for loc in programme.localities}
        assert all(p.locality in known for p in programme.projects)
"""

from __future__ import annotations

import datetime as dt
import math
import string
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Final, TypeVar, cast

import attrs
from hypothesis import strategies as st

from civicgrants.io.documents import DOCUMENT_TYPES
from civicgrants.model import (
    DEFAULT_CURRENCY,
    Application,
    ApplicationStatus,
    BalanceTakeover,
    BeneficiaryCount,
    Call,
    Confidence,
    Contribution,
    ContributionForm,
    ContributorKind,
    Criterion,
    Direction,
    District,
    Duty,
    ExtraDuty,
    InitiativeGroup,
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
    Person,
    Programme,
    Project,
    ProjectLink,
    ProjectStatus,
    PublishedFigure,
    Qualifier,
    Region,
    Role,
    Stage,
    StageWindow,
    Transition,
    Valuation,
    ValuationMethod,
)
from civicgrants.model.money import minor_digits, to_decimal
from civicgrants.model.organisation import bin_check_digit
from civicgrants.testing import vocab
from civicgrants.testing.vocab import CURRENCIES

__all__ = [
    "CURRENCIES",
    "applications",
    "beneficiary_counts",
    "calls",
    "contributions",
    "criteria",
    "dates",
    "districts",
    "document_strategy",
    "documents",
    "ids",
    "initiative_groups",
    "localities",
    "manifests",
    "memoranda",
    "money",
    "names",
    "organisations",
    "people",
    "programmes",
    "projects",
    "published_figures",
    "regions",
    "stage_windows",
    "stages",
    "texts",
]

T = TypeVar("T")
S = TypeVar("S", ApplicationStatus, ProjectStatus)
IdPool = Sequence[str] | None

# -- scalars -----------------------------------------------------------------

_ID_FIRST: Final = string.ascii_letters + string.digits
_ID_REST: Final = _ID_FIRST + "._:-"
_IDS: Final[st.SearchStrategy[str]] = st.one_of(
    st.sampled_from(vocab.SLUGS),
    st.builds(
        lambda head, tail: head + tail,
        st.sampled_from(_ID_FIRST),
        st.text(alphabet=_ID_REST, max_size=12),
    ),
)
_WORDS: Final[st.SearchStrategy[str]] = st.text(alphabet=vocab.LETTERS, min_size=1, max_size=10)
_TEXTS: Final[st.SearchStrategy[str]] = st.one_of(
    st.sampled_from(vocab.PHRASES),
    st.lists(_WORDS, min_size=1, max_size=4).map(" ".join),
)
_EARLIEST: Final = dt.date(2015, 1, 1)
_LATEST: Final = dt.date(2030, 12, 31)
_NAME_MASKS: Final = tuple(
    (ru, kk, en)
    for ru in (True, False)
    for kk in (True, False)
    for en in (True, False)
    if ru or kk or en
)


def ids() -> st.SearchStrategy[str]:
    """Stable string ids such as ``"kuryk"``, ``"II-MO-04"`` or ``"a.b:c-1"``.

    Returns
    -------
    SearchStrategy[str]
        Strings of letters, digits, ``.``, ``_``, ``:`` and ``-`` that start
        with a letter or digit, as every entity id must.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(ids())
    ... def check(ident):
    ...     assert ident[0].isalnum()
    ...     assert all(c.isalnum() or c in "._:-" for c in ident)
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(ids(), lambda _: True)  # one value it makes
    >>> simplest[0].isalnum(), type(simplest).__name__
    (True, 'str')

    See Also
    --------
    texts : free text for names and descriptions.
    """
    return _IDS


def texts() -> st.SearchStrategy[str]:
    """Non-blank free text in Russian, Kazakh or English.

    Returns
    -------
    SearchStrategy[str]
        Realistic phrases from the programme's documents, or words of Russian
        and Kazakh Cyrillic (ә, ғ, қ, ң, ө, ұ, ү, һ, і) and Latin letters.
        Never a person's name.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(texts())
    ... def check(text):
    ...     assert text.strip()
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(texts(), lambda _: True)  # one value it makes
    >>> bool(simplest.strip()), type(simplest).__name__
    (True, 'str')

    See Also
    --------
    names : the same words as a ru/kk/en `Names`.
    civicgrants.testing.vocab.PHRASES : the phrases drawn from.
    """
    return _TEXTS


def dates(
    min_value: dt.date = _EARLIEST, max_value: dt.date = _LATEST
) -> st.SearchStrategy[dt.date]:
    """Dates between ``min_value`` and ``max_value`` (2015 to 2030 by default).

    Parameters
    ----------
    min_value, max_value : datetime.date
        The inclusive bounds.

    Returns
    -------
    SearchStrategy[date]
        Valid dates in the range, both ends included.

    Examples
    --------
    >>> import datetime as dt
    >>> from hypothesis import find, given, settings
    >>> find(dates(), lambda d: d >= dt.date(2020, 1, 1), settings=settings(database=None))
    datetime.date(2020, 1, 1)
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(dates(dt.date(2021, 1, 1), dt.date(2021, 12, 31)))
    ... def check(day):
    ...     assert day.year == 2021
    >>> check()

    See Also
    --------
    stage_windows : pairs of dates, ``start <= end``.
    """
    return st.dates(min_value, max_value)


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _date_pair(
    draw: st.DrawFn, low: dt.date = _EARLIEST, high: dt.date = _LATEST
) -> tuple[dt.date, dt.date]:
    first = draw(st.dates(low, high))
    second = draw(st.dates(low, high))
    return min(first, second), max(first, second)


def _decimals(
    draw: st.DrawFn, low: int, high: int, *, max_digits: int = 2, min_digits: int = -3
) -> Decimal:
    """``Decimal(n).scaleb(-digits)`` between ``low`` and ``high``.

    A negative ``digits`` gives exponent notation (``Decimal(295).scaleb(5)`` is
    ``2.95E+7``), and more than six gives ``1E-7``: both are valid Decimals.
    """
    digits = draw(st.integers(min_digits, max_digits))
    first = math.ceil(Decimal(low).scaleb(digits))
    last = math.floor(Decimal(high).scaleb(digits))
    return Decimal(draw(st.integers(first, last))).scaleb(-digits)


def _ref(draw: st.DrawFn, pool: IdPool, *, optional: bool) -> str | None:
    """An id from ``pool`` (a fresh one without a pool); maybe ``None`` if ``optional``."""
    if pool is not None and not pool:
        if optional:
            return None
        raise ValueError("cannot refer to an entity from an empty pool of ids")
    if optional and draw(st.booleans()):
        return None
    return draw(_IDS) if pool is None else draw(st.sampled_from(pool))


def _required_ref(draw: st.DrawFn, pool: IdPool) -> str:
    ref = _ref(draw, pool, optional=False)
    assert ref is not None
    return ref


def _subset(draw: st.DrawFn, pool: IdPool, *, min_size: int = 0, max_size: int = 3) -> list[str]:
    if pool is None:
        return draw(st.lists(_IDS, min_size=min_size, max_size=max_size, unique=True))
    if len(pool) < min_size:
        raise ValueError(f"need at least {min_size} ids in the pool, got {len(pool)}")
    if not pool:
        return []
    return draw(
        st.lists(
            st.sampled_from(pool),
            min_size=min_size,
            max_size=min(max_size, len(pool)),
            unique=True,
        )
    )


def _unique_ids(draw: st.DrawFn, *, min_size: int = 0, max_size: int = 3) -> list[str]:
    return draw(st.lists(_IDS, min_size=min_size, max_size=max_size, unique=True))


# -- money -------------------------------------------------------------------


def money(
    currency: str | None = DEFAULT_CURRENCY,
    *,
    min_value: int | Decimal | str = 0,
    max_value: int | Decimal | str = 100_000_000,
    whole: bool = True,
) -> st.SearchStrategy[Money]:
    """Exact amounts of money.

    Parameters
    ----------
    currency : str or None, default "KZT"
        ISO-4217 code of every amount (``"KZT"`` by default); ``None`` draws
        it from `CURRENCIES` (``KZT``, ``EUR``, ``USD``, ``RUB``).
    min_value, max_value : int, str or Decimal
        Inclusive bounds in major units (tenge, euro …); ``int``, ``str`` or
        ``Decimal``, never ``float``.
    whole : bool, default True
        ``True`` (the default) gives whole numbers of minor units (tiyn);
        ``False`` also allows up to six digits finer than the minor unit
        (``Money("0.00000001")``).

    Returns
    -------
    SearchStrategy[Money]
        Amounts built as ``Decimal(n).scaleb(-digits)`` for an integer ``n``.

    Raises
    ------
    ValueError
        If ``min_value > max_value`` or no amount of the currency fits
        between them.

    Examples
    --------
    >>> from decimal import Decimal
    >>> from hypothesis import find, given, settings
    >>> find(money(min_value=1), lambda m: True, settings=settings(database=None))
    Money(amount=Decimal('1.00'), currency='KZT')
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(money(None, min_value="0.5", max_value=2, whole=False))
    ... def check(amount):
    ...     assert Decimal("0.5") <= amount.amount <= 2
    ...     assert amount.currency in CURRENCIES
    >>> check()
    >>> money(min_value=5, max_value=1)
    Traceback (most recent call last):
    ...
    ValueError: min_value (5) must not exceed max_value (1)

    See Also
    --------
    civicgrants.model.Money : the value type.
    contributions : amounts valued from hours and a rate.
    """
    low = to_decimal(min_value, "min_value")
    high = to_decimal(max_value, "max_value")
    if low > high:
        raise ValueError(f"min_value ({low}) must not exceed max_value ({high})")
    codes = CURRENCIES if currency is None else (currency,)
    ranges: dict[str, list[tuple[int, int, int]]] = {}
    for code in codes:
        Money(0, code)  # an unknown currency fails here, not at draw time
        base = minor_digits(code)
        for digits in [base] if whole else range(base, base + 7):
            first, last = math.ceil(low.scaleb(digits)), math.floor(high.scaleb(digits))
            if first <= last:
                ranges.setdefault(code, []).append((digits, first, last))
        if code not in ranges:
            raise ValueError(f"no amount of {code} lies between {low} and {high}")

    @st.composite
    def build(draw: st.DrawFn) -> Money:
        code = draw(st.sampled_from(codes))
        digits, first, last = draw(st.sampled_from(ranges[code]))
        return Money(Decimal(draw(st.integers(first, last))).scaleb(-digits), code)

    return build()


def _money_estimates(currency: str) -> st.SearchStrategy[MoneyEstimate]:
    return st.builds(
        MoneyEstimate,
        money(currency, max_value=50_000_000),
        st.sampled_from(Qualifier),
    )


# -- names and places ----------------------------------------------------------

_Triple = tuple[str, str, str]


@st.composite
def _names_from(draw: st.DrawFn, table: Sequence[_Triple]) -> Names:
    use_table = bool(table) and draw(st.booleans())
    if use_table:
        ru, kk, en = draw(st.sampled_from(table))
    else:
        ru, kk, en = draw(_TEXTS), draw(_TEXTS), draw(_TEXTS)
    keep_ru, keep_kk, keep_en = draw(st.sampled_from(_NAME_MASKS))
    return Names(ru=ru if keep_ru else None, kk=kk if keep_kk else None, en=en if keep_en else None)


_ALL_NAMES: Final = (
    *vocab.REGIONS,
    *vocab.DISTRICTS,
    *vocab.LOCALITIES,
    *vocab.ORGANISATIONS,
)


def names() -> st.SearchStrategy[Names]:
    """`Names` in ru, kk and/or en (at least one).

    Returns
    -------
    SearchStrategy[Names]
        Real place and organisation names of the programme's regions, or
        generated Cyrillic and Kazakh text.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(names())
    ... def check(n):
    ...     assert n.ru or n.kk or n.en
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(names(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__
    'Names'

    See Also
    --------
    texts : the free text of generated names.
    civicgrants.model.Names : the value type.
    """
    return _names_from(_ALL_NAMES)


_KATO: Final = st.text(alphabet=string.digits, min_size=9, max_size=9)


def _build_region(draw: st.DrawFn, ident: str) -> Region:
    return Region(ident, draw(_names_from(vocab.REGIONS)), code=draw(_optional(_KATO)))


def _build_district(draw: st.DrawFn, ident: str, region: str) -> District:
    return District(ident, draw(_names_from(vocab.DISTRICTS)), region, code=draw(_optional(_KATO)))


def _build_locality(draw: st.DrawFn, ident: str, region: str, district: str | None) -> Locality:
    return Locality(
        ident,
        draw(_names_from(vocab.LOCALITIES)),
        draw(st.sampled_from(LocalityKind)),
        region,
        district,
        population=draw(_optional(st.integers(0, 500_000))),
        population_source=draw(_optional(_TEXTS)),
        code=draw(_optional(_KATO)),
    )


@st.composite
def _regions(draw: st.DrawFn) -> Region:
    return _build_region(draw, draw(_IDS))


def regions() -> st.SearchStrategy[Region]:
    """Regions (oblasts) such as Mangistau or Atyrau, with an optional KATO code.

    Returns
    -------
    SearchStrategy[Region]
        Valid regions.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(regions())
    ... def check(region):
    ...     assert region.code is None or (len(region.code) == 9 and region.code.isdigit())
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(regions(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__
    'Region'

    See Also
    --------
    districts, localities : the places within a region.
    programmes : regions with their districts and localities, consistent.
    """
    return _regions()


@st.composite
def _districts(draw: st.DrawFn, region_ids: IdPool) -> District:
    return _build_district(draw, draw(_IDS), _required_ref(draw, region_ids))


def districts(*, region_ids: Sequence[str] | None = None) -> st.SearchStrategy[District]:
    """Districts («район», «аудан»).

    Parameters
    ----------
    region_ids : sequence of str, optional
        Ids the ``region`` is drawn from (fresh ids if not given).

    Returns
    -------
    SearchStrategy[District]
        Valid districts.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(districts(region_ids=["mangistau", "atyrau"]))
    ... def check(district):
    ...     assert district.region in {"mangistau", "atyrau"}
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(districts(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__
    'District'

    See Also
    --------
    regions : the regions a district lies in.
    localities : the places within a district.
    """
    return _districts(region_ids)


@st.composite
def _localities(draw: st.DrawFn, region_ids: IdPool, district_ids: IdPool) -> Locality:
    return _build_locality(
        draw,
        draw(_IDS),
        _required_ref(draw, region_ids),
        _ref(draw, district_ids, optional=True),
    )


def localities(
    *, region_ids: Sequence[str] | None = None, district_ids: Sequence[str] | None = None
) -> st.SearchStrategy[Locality]:
    """Cities, towns and villages.

    Parameters
    ----------
    region_ids, district_ids : sequence of str, optional
        Ids the ``region`` and the optional ``district`` are drawn from
        (fresh ids if not given). Use `programmes()` for localities whose
        district lies in their region.

    Returns
    -------
    SearchStrategy[Locality]
        Valid localities.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(localities(region_ids=["mangistau"], district_ids=["tupkaragan"]))
    ... def check(place):
    ...     assert place.region == "mangistau"
    ...     assert place.district in (None, "tupkaragan")
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(localities(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__
    'Locality'

    See Also
    --------
    districts, regions : the areas a locality lies in.
    programmes : localities whose district lies in their region.
    """
    return _localities(region_ids, district_ids)


# -- organisations and people ----------------------------------------------------


def _bin(draw: st.DrawFn, registered: dt.date | None) -> str:
    if registered is not None:
        year, month = registered.year, registered.month
    else:
        year, month = draw(st.integers(1995, 2024)), draw(st.integers(1, 12))
    # YYMM, legal-entity type (4 resident, 5 non-resident, 6 joint IP), division, serial.
    prefix = (
        f"{year % 100:02d}{month:02d}"
        + draw(st.sampled_from("456"))
        + draw(st.sampled_from("0123"))
    )
    serial = draw(
        st.text(alphabet=string.digits, min_size=5, max_size=5).filter(
            lambda s: bin_check_digit(prefix + s) is not None
        )
    )
    return f"{prefix}{serial}{bin_check_digit(prefix + serial)}"


def _build_organisation(
    draw: st.DrawFn,
    ident: str,
    kinds: Sequence[OrganisationKind] | None,
    locality_ids: IdPool,
    region_ids: IdPool,
) -> Organisation:
    registered = draw(_optional(st.dates(dt.date(1995, 1, 1), dt.date(2024, 12, 31))))
    with_bin = draw(st.booleans())
    return Organisation(
        ident,
        draw(_names_from(vocab.ORGANISATIONS)),
        draw(st.sampled_from(kinds or tuple(OrganisationKind))),
        registered=registered,
        bin=_bin(draw, registered) if with_bin else None,
        locality=_ref(draw, locality_ids, optional=True),
        region=_ref(draw, region_ids, optional=True),
        note=draw(_optional(_TEXTS)),
    )


@st.composite
def _organisations(
    draw: st.DrawFn,
    kinds: Sequence[OrganisationKind] | None,
    locality_ids: IdPool,
    region_ids: IdPool,
) -> Organisation:
    return _build_organisation(draw, draw(_IDS), kinds, locality_ids, region_ids)


def organisations(
    *,
    kinds: Sequence[OrganisationKind] | None = None,
    locality_ids: Sequence[str] | None = None,
    region_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Organisation]:
    """Organisations (akimats, NGOs, foundations, schools …), some with a BIN.

    A BIN is ``YYMM`` of registration, the entity type (4, 5 or 6), the
    division (0 to 3), a five-digit serial and the check digit from
    `bin_check_digit()`; when
    ``registered`` is set too, its year and month match the BIN's ``YYMM``.

    Parameters
    ----------
    kinds : sequence of OrganisationKind, optional
        Kinds to draw from (every `OrganisationKind`
        by default).
    locality_ids, region_ids : sequence of str, optional
        Ids the optional ``locality`` and ``region`` are drawn from.

    Returns
    -------
    SearchStrategy[Organisation]
        Valid organisations; a BIN, when present, has a correct check digit.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from civicgrants.model import OrganisationKind, validate_bin
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(organisations(kinds=[OrganisationKind.NGO]))
    ... def check(org):
    ...     assert org.kind is OrganisationKind.NGO
    ...     assert org.bin is None or validate_bin(org.bin, org.registered) is None
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(organisations(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__
    'Organisation'

    See Also
    --------
    civicgrants.model.validate_bin : the BIN rules the strategy keeps.
    people : people who may belong to an organisation.
    """
    return _organisations(kinds, locality_ids, region_ids)


_PHONES: Final = st.builds(
    lambda operator, number: (
        f"+7 7{operator:02d} {number // 10_000:03d} {number // 100 % 100:02d} {number % 100:02d}"
    ),
    st.integers(0, 78),
    st.integers(0, 9_999_999),
)


def _latin(word: str) -> str:
    return "".join(vocab.TRANSLIT.get(c, c) for c in word.lower())


def _build_person(
    draw: st.DrawFn,
    ident: str,
    contacts: bool | None,
    organisation_ids: IdPool,
    first_role: Role | None = None,
) -> Person:
    roles = draw(st.lists(st.sampled_from(Role), max_size=3, unique=True))
    if first_role is not None:
        roles = [first_role, *(r for r in roles if r is not first_role)]

    surname = draw(st.sampled_from(vocab.SURNAMES))
    given = draw(st.sampled_from(vocab.GIVEN_NAMES))
    domain = draw(st.sampled_from(vocab.EMAIL_DOMAINS))
    suffix = draw(st.integers(0, 99)) or ""
    email = f"{_latin(given)}.{_latin(surname)}{suffix}@{domain}"

    def contact(value: str) -> str | None:
        keep = draw(st.booleans()) if contacts is None else contacts
        return value if keep else None

    return Person(
        ident,
        tuple(roles),
        name=contact(f"{surname} {given}"),
        phone=contact(draw(_PHONES)),
        email=contact(email),
        organisation=_ref(draw, organisation_ids, optional=True),
        occupation=draw(_optional(_TEXTS)),
    )


@st.composite
def _people(draw: st.DrawFn, contacts: bool | None, organisation_ids: IdPool) -> Person:
    return _build_person(draw, draw(_IDS), contacts, organisation_ids)


def people(
    *, contacts: bool | None = None, organisation_ids: Sequence[str] | None = None
) -> st.SearchStrategy[Person]:
    """People, with roles and (personal) contact fields.

    Parameters
    ----------
    contacts : bool or None, default None
        ``True``: ``name``, ``phone`` and ``email`` are all set; ``False``:
        none is; ``None`` (the default): each is set or not. Names look like
        ``"Сәрсенова Айгүл"``, phones like ``"+7 701 234 56 78"``, e-mails
        like ``"aigul.sarsenova@example.kz"``; no other strategy produces such
        text, so a test can search a document for them.
    organisation_ids : sequence of str, optional
        Ids the optional ``organisation`` is drawn from.

    Returns
    -------
    SearchStrategy[Person]
        Valid people.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(people(contacts=False))
    ... def check(person):
    ...     assert person.name is None and person.phone is None and person.email is None
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(people(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__
    'Person'

    See Also
    --------
    initiative_groups : people as a group's leader and members.
    civicgrants.testing.vocab.SURNAMES : the names drawn from.
    """
    return _people(contacts, organisation_ids)


def _build_group(
    draw: st.DrawFn,
    ident: str,
    locality: str,
    contacts: bool | None,
    organisation_ids: IdPool,
) -> InitiativeGroup:
    person_ids = _unique_ids(draw, min_size=1, max_size=5)
    leader = _build_person(draw, person_ids[0], contacts, organisation_ids, Role.LEADER)
    members = tuple(
        _build_person(draw, pid, contacts, organisation_ids, Role.MEMBER) for pid in person_ids[1:]
    )
    return InitiativeGroup(ident, locality, leader, members, names=draw(_optional(_names_from(()))))


@st.composite
def _initiative_groups(
    draw: st.DrawFn, locality_ids: IdPool, contacts: bool | None, organisation_ids: IdPool
) -> InitiativeGroup:
    return _build_group(
        draw, draw(_IDS), _required_ref(draw, locality_ids), contacts, organisation_ids
    )


def initiative_groups(
    *,
    locality_ids: Sequence[str] | None = None,
    contacts: bool | None = None,
    organisation_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[InitiativeGroup]:
    """Initiative groups: a leader and up to four members, all with distinct ids.

    Parameters
    ----------
    locality_ids : sequence of str, optional
        Ids the group's ``locality`` is drawn from.
    contacts : bool or None, default None
        Passed to every person (see `people()`).
    organisation_ids : sequence of str, optional
        Ids each person's optional ``organisation`` is drawn from.

    Returns
    -------
    SearchStrategy[InitiativeGroup]
        Valid initiative groups.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from civicgrants.model import Role
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(initiative_groups(locality_ids=["kuryk"]))
    ... def check(group):
    ...     assert group.locality == "kuryk" and Role.LEADER in group.leader.roles
    ...     ids = [group.leader.id, *(m.id for m in group.members)]
    ...     assert len(set(ids)) == len(ids) <= 5
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(initiative_groups(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__
    'InitiativeGroup'

    See Also
    --------
    people : the members alone.
    """
    return _initiative_groups(locality_ids, contacts, organisation_ids)


# -- memoranda, calls, stages ----------------------------------------------------------


@st.composite
def _extra_duties(draw: st.DrawFn) -> ExtraDuty:
    return ExtraDuty(
        draw(st.sampled_from(Duty)),
        description=draw(_optional(_TEXTS)),
        party=draw(_optional(_names_from(vocab.ORGANISATIONS).map(lambda n: n.get()))),
    )


def _build_memorandum(
    draw: st.DrawFn, ident: str, akimat_ids: IdPool, locality_ids: IdPool
) -> Memorandum:
    flags = draw(st.lists(st.booleans(), min_size=4, max_size=4))
    return Memorandum(
        ident,
        _required_ref(draw, akimat_ids),
        tuple(_subset(draw, locality_ids, min_size=1, max_size=3)),
        signed=draw(_optional(dates())),
        land_plot=flags[0],
        material_help=flags[1],
        monitoring=flags[2],
        balance_takeover=flags[3],
        cofunding_share=_decimals(draw, 0, 1, max_digits=8) if draw(st.booleans()) else None,
        extra_duties=tuple(draw(st.lists(_extra_duties(), max_size=3))),
        programme=draw(_optional(_TEXTS)),
    )


@st.composite
def _memoranda(draw: st.DrawFn, akimat_ids: IdPool, locality_ids: IdPool) -> Memorandum:
    return _build_memorandum(draw, draw(_IDS), akimat_ids, locality_ids)


def memoranda(
    *, akimat_ids: Sequence[str] | None = None, locality_ids: Sequence[str] | None = None
) -> st.SearchStrategy[Memorandum]:
    """Memoranda of cooperation with an akimat.

    Parameters
    ----------
    akimat_ids : sequence of str, optional
        Ids the ``akimat`` (an organisation) is drawn from.
    locality_ids : sequence of str, optional
        Ids the one to three ``localities`` are drawn from.

    Returns
    -------
    SearchStrategy[Memorandum]
        ``cofunding_share`` (when set) lies between 0 and 1.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(memoranda(akimat_ids=["akimat.kuryk"], locality_ids=["kuryk", "shetpe"]))
    ... def check(memo):
    ...     assert memo.akimat == "akimat.kuryk"
    ...     assert 1 <= len(memo.localities) <= 2
    ...     assert memo.cofunding_share is None or 0 <= memo.cofunding_share <= 1
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(memoranda(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__
    'Memorandum'

    See Also
    --------
    organisations : the akimats that sign them.
    """
    return _memoranda(akimat_ids, locality_ids)


def _build_criterion(draw: st.DrawFn, key: str) -> Criterion:
    digits = draw(st.integers(0, 1))
    scale = 10**digits
    low = draw(st.integers(-10 * scale, 10 * scale))
    span = draw(st.integers(1, 100 * scale))

    def dec(n: int) -> Decimal:
        return Decimal(n).scaleb(-digits)

    threshold = draw(_optional(st.integers(low, low + span)))
    return Criterion(
        key,
        draw(st.sampled_from(Direction)),
        draw(_optional(_names_from(()))),
        weight=_decimals(draw, 0, 10, max_digits=4),
        min=dec(low),
        max=dec(low + span),
        step=dec(draw(st.integers(0, span))),
        threshold=None if threshold is None else dec(threshold),
    )


@st.composite
def _criteria(draw: st.DrawFn) -> Criterion:
    return _build_criterion(draw, draw(_IDS))


def criteria() -> st.SearchStrategy[Criterion]:
    """Evaluation criteria with a direction, a weight and a scale.

    Returns
    -------
    SearchStrategy[Criterion]
        ``min < max``; ``threshold``, when set, lies on the scale.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(criteria())
    ... def check(criterion):
    ...     assert criterion.min < criterion.max
    ...     assert criterion.threshold is None or criterion.min <= criterion.threshold <= criterion.max
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(criteria(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__
    'Criterion'

    See Also
    --------
    calls : calls with a list of criteria.
    """
    return _criteria()


def _build_call(draw: st.DrawFn, ident: str, stage_ids: IdPool, region_ids: IdPool) -> Call:
    currency = draw(st.sampled_from(CURRENCIES))
    pot = draw(_optional(money(currency, max_value=500_000_000)))
    cap = pot.amount if pot is not None else 50_000_000
    max_grant = draw(_optional(money(currency, max_value=cap)))
    opens, closes = _date_pair(draw)
    keys = _unique_ids(draw, max_size=4)
    criteria = [_build_criterion(draw, key) for key in keys]
    if criteria and not any(c.weight for c in criteria):
        criteria[0] = attrs.evolve(criteria[0], weight=Decimal(1))
    return Call(
        ident,
        draw(_optional(_names_from(()))),
        stage=_ref(draw, stage_ids, optional=True),
        region=_ref(draw, region_ids, optional=True),
        currency=currency,
        pot=pot,
        max_grant=max_grant,
        criteria=tuple(criteria),
        theme=draw(_optional(_names_from(()))),
        opens=opens if draw(st.booleans()) else None,
        closes=closes if draw(st.booleans()) else None,
    )


@st.composite
def _calls(draw: st.DrawFn, stage_ids: IdPool, region_ids: IdPool) -> Call:
    return _build_call(draw, draw(_IDS), stage_ids, region_ids)


def calls(
    *, stage_ids: Sequence[str] | None = None, region_ids: Sequence[str] | None = None
) -> st.SearchStrategy[Call]:
    """Calls for applications with a pot, a maximum grant and criteria.

    Parameters
    ----------
    stage_ids, region_ids : sequence of str, optional
        Ids the optional ``stage`` and ``region`` are drawn from.

    Returns
    -------
    SearchStrategy[Call]
        ``pot`` and ``max_grant`` share a currency and ``max_grant <= pot``;
        ``opens <= closes``; criteria keys are unique.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, database=None, deadline=None)
    ... @given(calls(region_ids=["mangistau"]))
    ... def check(call):
    ...     assert call.region in (None, "mangistau")
    ...     if call.pot is not None and call.max_grant is not None:
    ...         assert call.max_grant <= call.pot
    ...     assert len({c.key for c in call.criteria}) == len(call.criteria)
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(calls(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__
    'Call'

    See Also
    --------
    criteria : the criteria alone.
    applications : applications to a call.
    """
    return _calls(stage_ids, region_ids)


def _build_window(
    draw: st.DrawFn,
    region: str,
    locality_ids: IdPool,
    low: dt.date = _EARLIEST,
    high: dt.date = _LATEST,
) -> StageWindow:
    start, end = _date_pair(draw, low, high)
    return StageWindow(
        region,
        start,
        end,
        tuple(_subset(draw, locality_ids, max_size=3)),
        source=draw(_optional(_TEXTS)),
        note=draw(_optional(_TEXTS)),
    )


@st.composite
def _stage_windows(draw: st.DrawFn, region_ids: IdPool, locality_ids: IdPool) -> StageWindow:
    return _build_window(draw, _required_ref(draw, region_ids), locality_ids)


def stage_windows(
    *, region_ids: Sequence[str] | None = None, locality_ids: Sequence[str] | None = None
) -> st.SearchStrategy[StageWindow]:
    """When a stage ran in one region (``start <= end``), and in which localities.

    Parameters
    ----------
    region_ids, locality_ids : sequence of str, optional
        Ids the ``region`` and the up to three ``localities`` are drawn from.

    Returns
    -------
    SearchStrategy[StageWindow]
        Valid stage windows.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(stage_windows(region_ids=["atyrau"], locality_ids=["kulsary", "makat"]))
    ... def check(window):
    ...     assert window.region == "atyrau" and window.start <= window.end
    ...     assert set(window.localities) <= {"kulsary", "makat"}
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(stage_windows(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__
    'StageWindow'

    See Also
    --------
    stages : stages made of windows.
    """
    return _stage_windows(region_ids, locality_ids)


@st.composite
def _stages(draw: st.DrawFn, region_ids: IdPool, locality_ids: IdPool) -> Stage:
    windows = draw(st.lists(_stage_windows(region_ids, locality_ids), min_size=1, max_size=3))
    return Stage(draw(_IDS), draw(st.integers(1, 5)), draw(_names_from(())), tuple(windows))


def stages(
    *, region_ids: Sequence[str] | None = None, locality_ids: Sequence[str] | None = None
) -> st.SearchStrategy[Stage]:
    """Programme stages with one to three windows.

    Parameters
    ----------
    region_ids, locality_ids : sequence of str, optional
        Passed to `stage_windows()`.

    Returns
    -------
    SearchStrategy[Stage]
        Valid stages.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(stages())
    ... def check(stage):
    ...     assert 1 <= len(stage.windows) <= 3 and 1 <= stage.number <= 5
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(stages(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__
    'Stage'

    See Also
    --------
    stage_windows : the windows alone.
    programmes : stages whose windows lie within the programme.
    """
    return _stages(region_ids, locality_ids)


# -- applications, projects, contributions ---------------------------------------------


def _walk(
    draw: st.DrawFn, start: S, allowed: Callable[[S], Sequence[S]], max_steps: int
) -> tuple[S, tuple[Transition, ...]]:
    """A legal path through a lifecycle from ``start``, with its recorded history."""
    status = start
    steps: list[tuple[S, S]] = []
    for _ in range(draw(st.integers(0, max_steps))):
        options = allowed(status)
        if not options:
            break
        following = draw(st.sampled_from(options))
        steps.append((status, following))
        status = following
    days = sorted(draw(st.lists(dates(), min_size=len(steps), max_size=len(steps))))
    history = tuple(
        Transition(
            old.value,
            new.value,
            day if draw(st.booleans()) else None,
            draw(_optional(_TEXTS)),
        )
        for (old, new), day in zip(steps, days, strict=True)
    )
    return status, history


def _build_application(
    draw: st.DrawFn,
    ident: str,
    call_ids: IdPool,
    locality_ids: IdPool,
    group_ids: IdPool,
) -> Application:
    status, history = _walk(draw, ApplicationStatus.DRAFT, ApplicationStatus.allowed, 4)
    return Application(
        ident,
        _required_ref(draw, call_ids),
        _required_ref(draw, locality_ids),
        draw(money(max_value=20_000_000)),
        title=draw(_optional(_names_from(()))),
        group=_ref(draw, group_ids, optional=True),
        kind=draw(_optional(st.sampled_from(ObjectKind))),
        status=status,
        history=history,
    )


@st.composite
def _applications(
    draw: st.DrawFn, call_ids: IdPool, locality_ids: IdPool, group_ids: IdPool
) -> Application:
    return _build_application(draw, draw(_IDS), call_ids, locality_ids, group_ids)


def applications(
    *,
    call_ids: Sequence[str] | None = None,
    locality_ids: Sequence[str] | None = None,
    group_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Application]:
    """Applications, in a status reached by a legal path recorded in ``history``.

    Parameters
    ----------
    call_ids, locality_ids, group_ids : sequence of str, optional
        Ids the ``call``, the ``locality`` and the optional ``group`` are
        drawn from.

    Returns
    -------
    SearchStrategy[Application]
        Valid applications with a consistent ``history``.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, database=None, deadline=None)
    ... @given(applications(call_ids=["call-2020"]))
    ... def check(app):
    ...     assert app.call == "call-2020"
    ...     assert not app.history or app.history[-1].to_status == app.status.value
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(applications(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__
    'Application'

    See Also
    --------
    calls : what an application is made to.
    projects : what a funded application becomes.
    """
    return _applications(call_ids, locality_ids, group_ids)


_BENEFICIARY_GROUPS: Final = (
    "дети",
    "балалар",
    "жители села",
    "ауыл тұрғындары",
    "пенсионеры",
    "дети с инвалидностью",
    "school pupils",
)


@st.composite
def _beneficiary_counts(draw: st.DrawFn) -> BeneficiaryCount:
    return BeneficiaryCount(
        draw(st.one_of(st.sampled_from(_BENEFICIARY_GROUPS), _TEXTS)),
        draw(st.integers(0, 5_000)),
        draw(st.sampled_from(Qualifier)),
        source=draw(_optional(_TEXTS)),
    )


def beneficiary_counts() -> st.SearchStrategy[BeneficiaryCount]:
    """Beneficiary counts as printed: a group, a count and a qualifier.

    Returns
    -------
    SearchStrategy[BeneficiaryCount]
        Valid beneficiary counts.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(beneficiary_counts())
    ... def check(count):
    ...     assert 0 <= count.count <= 5_000 and count.group
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(beneficiary_counts(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__
    'BeneficiaryCount'

    See Also
    --------
    projects : projects listing their beneficiaries.
    """
    return _beneficiary_counts()


def _build_valuation(draw: st.DrawFn, form: ContributionForm, currency: str) -> Valuation | None:
    if form is ContributionForm.CASH:
        methods: Sequence[ValuationMethod] = (ValuationMethod.DECLARED,)
    else:
        methods = tuple(ValuationMethod)
    if draw(st.booleans()):
        return None
    method = draw(st.sampled_from(methods))
    # whole hours: a rate in tiyn times them is an amount in tiyn, as a valuation is written
    hours: Decimal | None = Decimal(draw(st.integers(0, 500)))
    rate: Money | None = draw(money(currency, max_value=20_000))
    if method is not ValuationMethod.HOURS_X_RATE:
        hours = hours if draw(st.booleans()) else None
        rate = rate if draw(st.booleans()) else None
    return Valuation(
        method,
        hours=hours,
        rate=rate,
        as_of=draw(_optional(dates())),
        note=draw(_optional(_TEXTS)),
    )


def _build_contribution(draw: st.DrawFn, ident: str, project: str | None) -> Contribution:
    form = draw(st.sampled_from(ContributionForm))
    currency = draw(st.sampled_from(CURRENCIES))
    valuation = _build_valuation(draw, form, currency)
    value = draw(_optional(money(currency, max_value=10_000_000)))
    if (
        value is not None
        and valuation is not None
        and valuation.method is ValuationMethod.HOURS_X_RATE
    ):
        assert valuation.rate is not None and valuation.hours is not None
        value = valuation.rate * valuation.hours
    return Contribution(
        ident,
        draw(st.sampled_from(ContributorKind)),
        form,
        draw(_TEXTS),
        value=value,
        valuation=valuation,
        project=project,
    )


@st.composite
def _contributions(draw: st.DrawFn, project_ids: IdPool) -> Contribution:
    return _build_contribution(draw, draw(_IDS), _ref(draw, project_ids, optional=True))


def contributions(*, project_ids: Sequence[str] | None = None) -> st.SearchStrategy[Contribution]:
    """Community contributions, cash or in kind, with a consistent valuation.

    A cash contribution is valued ``declared`` (or not at all); an
    ``hours_x_rate`` valuation has both hours and rate, and ``value`` (when
    set) equals ``rate × hours`` exactly.

    Parameters
    ----------
    project_ids : sequence of str, optional
        Ids the optional ``project`` is drawn from.

    Returns
    -------
    SearchStrategy[Contribution]
        Valid contributions.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from civicgrants.model import ValuationMethod
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(contributions())
    ... def check(c):
    ...     v = c.valuation
    ...     if v is not None and v.method is ValuationMethod.HOURS_X_RATE and c.value is not None:
    ...         assert c.value == v.rate * v.hours
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(contributions(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__
    'Contribution'

    See Also
    --------
    money : the amounts alone.
    projects : projects with their contributions.
    """
    return _contributions(project_ids)


def _build_project(
    draw: st.DrawFn,
    ident: str,
    *,
    stage_ids: IdPool,
    locality_ids: IdPool,
    project_ids: IdPool,
    application_ids: IdPool,
    group_ids: IdPool,
) -> Project:
    status, history = _walk(draw, ProjectStatus.CONTRACTED, ProjectStatus.allowed, 4)
    balance = draw(
        _optional(
            st.builds(
                BalanceTakeover,
                st.one_of(st.sampled_from([o[0] for o in vocab.ORGANISATIONS]), _TEXTS),
                st.booleans(),
                _optional(dates()),
            )
        )
    )
    if status in (ProjectStatus.OPENED, ProjectStatus.CLOSED) and not (
        balance and balance.confirmed
    ):
        # ``opened`` needs the akim's confirmation of the balance takeover.
        balance = BalanceTakeover(draw(_TEXTS), confirmed=True, on=draw(_optional(dates())))
    currency = draw(st.sampled_from(CURRENCIES))
    links = tuple(
        ProjectLink(
            draw(st.sampled_from(LinkKind)),
            _ref(draw, project_ids, optional=True),
            draw(_optional(_TEXTS)),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    return Project(
        ident,
        _required_ref(draw, stage_ids),
        _required_ref(draw, locality_ids),
        draw(_names_from(())),
        draw(st.sampled_from(ObjectKind)),
        status=status,
        application=_ref(draw, application_ids, optional=True),
        group=_ref(draw, group_ids, optional=True),
        kind_detail=draw(_optional(_TEXTS)),
        description=draw(_optional(_TEXTS)),
        grant=draw(_optional(money(currency, max_value=20_000_000))),
        reported_amount=draw(_optional(_money_estimates(currency))),
        amount_basis=draw(_optional(_TEXTS)),
        contributions=tuple(
            _build_contribution(draw, cid, ident if draw(st.booleans()) else None)
            for cid in _unique_ids(draw, max_size=3)
        ),
        beneficiaries=tuple(draw(st.lists(_beneficiary_counts(), max_size=3))),
        links=links,
        balance=balance,
        history=history,
        source=draw(_optional(_TEXTS)),
        notes=draw(_optional(_TEXTS)),
    )


@st.composite
def _projects(
    draw: st.DrawFn,
    stage_ids: IdPool,
    locality_ids: IdPool,
    project_ids: IdPool,
    application_ids: IdPool,
    group_ids: IdPool,
) -> Project:
    return _build_project(
        draw,
        draw(_IDS),
        stage_ids=stage_ids,
        locality_ids=locality_ids,
        project_ids=project_ids,
        application_ids=application_ids,
        group_ids=group_ids,
    )


def projects(
    *,
    stage_ids: Sequence[str] | None = None,
    locality_ids: Sequence[str] | None = None,
    project_ids: Sequence[str] | None = None,
    application_ids: Sequence[str] | None = None,
    group_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Project]:
    """Funded projects with contributions, beneficiaries, links and history.

    The status is reached by a legal path recorded in ``history``; an opened
    or closed project has a confirmed balance takeover. Contribution ids are
    unique within the project.

    Parameters
    ----------
    stage_ids, locality_ids : sequence of str, optional
        Ids the ``stage`` and ``locality`` are drawn from.
    project_ids : sequence of str, optional
        Ids that ``links`` may point to.
    application_ids, group_ids : sequence of str, optional
        Ids the optional ``application`` and ``group`` are drawn from.

    Returns
    -------
    SearchStrategy[Project]
        Valid projects.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from civicgrants.model import ProjectStatus
    >>> @settings(max_examples=10, database=None, deadline=None)
    ... @given(projects(stage_ids=["stage:2"], locality_ids=["kuryk"]))
    ... def check(project):
    ...     assert (project.stage, project.locality) == ("stage:2", "kuryk")
    ...     if project.status in (ProjectStatus.OPENED, ProjectStatus.CLOSED):
    ...         assert project.balance is not None and project.balance.confirmed
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(projects(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__
    'Project'

    See Also
    --------
    applications : what a project was applied for as.
    contributions, beneficiary_counts : the parts of a project.
    programmes : projects whose every reference resolves.
    """
    return _projects(stage_ids, locality_ids, project_ids, application_ids, group_ids)


# -- published figures and programmes ----------------------------------------------------

_UNITS: Final = ("KZT", "EUR", "проектов", "человек", "жоба", "адам", "%", "населённых пунктов")


def _build_figure(draw: st.DrawFn, stage_ids: IdPool, region_ids: IdPool) -> PublishedFigure:
    return PublishedFigure(
        draw(_IDS),
        _decimals(draw, -1_000, 1_000_000_000, max_digits=8),
        draw(st.one_of(st.sampled_from(_UNITS), _TEXTS)),
        draw(_TEXTS),
        stage=_ref(draw, stage_ids, optional=True),
        region=_ref(draw, region_ids, optional=True),
        qualifier=draw(st.sampled_from(Qualifier)),
        confidence=draw(st.sampled_from(Confidence)),
        note=draw(_optional(_TEXTS)),
    )


@st.composite
def _published_figures(draw: st.DrawFn, stage_ids: IdPool, region_ids: IdPool) -> PublishedFigure:
    return _build_figure(draw, stage_ids, region_ids)


def published_figures(
    *, stage_ids: Sequence[str] | None = None, region_ids: Sequence[str] | None = None
) -> st.SearchStrategy[PublishedFigure]:
    """Figures as a programme published them, with their source.

    Parameters
    ----------
    stage_ids, region_ids : sequence of str, optional
        Ids the optional ``stage`` and ``region`` are drawn from.

    Returns
    -------
    SearchStrategy[PublishedFigure]
        Valid published figures.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(published_figures(stage_ids=["stage:2"]))
    ... def check(figure):
    ...     assert figure.stage in (None, "stage:2") and figure.source
    >>> check()
    >>> from hypothesis import find
    >>> simplest = find(published_figures(), lambda _: True)  # one value it makes
    >>> type(simplest).__name__
    'PublishedFigure'

    See Also
    --------
    programmes : programmes with their published figures.
    """
    return _published_figures(stage_ids, region_ids)


@st.composite
def _programmes(
    draw: st.DrawFn, contacts: bool | None, max_localities: int, max_projects: int
) -> Programme:
    start, end = _date_pair(draw)
    region_list = [_build_region(draw, r) for r in _unique_ids(draw, min_size=1, max_size=2)]
    region_ids = [r.id for r in region_list]
    district_list = [
        _build_district(draw, d, draw(st.sampled_from(region_ids)))
        for d in _unique_ids(draw, max_size=3)
    ]
    locality_list: list[Locality] = []
    for loc in _unique_ids(draw, min_size=1, max_size=max_localities):
        region = draw(st.sampled_from(region_ids))
        in_region = [d.id for d in district_list if d.region == region]
        district = _ref(draw, in_region, optional=True)
        locality_list.append(_build_locality(draw, loc, region, district))
    locality_ids = [loc.id for loc in locality_list]

    org_ids = _unique_ids(draw, min_size=2, max_size=5)
    implementer = _build_organisation(
        draw, org_ids[0], (OrganisationKind.FOUNDATION, OrganisationKind.NGO), None, region_ids
    )
    donor = _build_organisation(draw, org_ids[1], (OrganisationKind.COMPANY,), None, None)
    org_list = [_build_organisation(draw, o, None, locality_ids, region_ids) for o in org_ids[2:]]

    stage_list = []
    for number, sid in enumerate(_unique_ids(draw, min_size=1, max_size=3), start=1):
        windows = []
        for _ in range(draw(st.integers(1, 2))):
            region = draw(st.sampled_from(region_ids))
            in_region = [loc.id for loc in locality_list if loc.region == region]
            windows.append(_build_window(draw, region, in_region, start, end))
        stage_list.append(Stage(sid, number, draw(_names_from(())), tuple(windows)))
    stage_ids = [s.id for s in stage_list]

    memo_list = [
        _build_memorandum(draw, m, org_ids, locality_ids) for m in _unique_ids(draw, max_size=3)
    ]
    call_list = [_build_call(draw, c, stage_ids, region_ids) for c in _unique_ids(draw, max_size=3)]
    call_ids = [c.id for c in call_list]
    group_list = [
        _build_group(draw, g, draw(st.sampled_from(locality_ids)), contacts, org_ids)
        for g in _unique_ids(draw, max_size=3)
    ]
    group_ids = [g.id for g in group_list]
    application_list = (
        [
            _build_application(draw, a, call_ids, locality_ids, group_ids)
            for a in _unique_ids(draw, max_size=4)
        ]
        if call_ids
        else []
    )
    application_ids = [a.id for a in application_list]
    project_ids = _unique_ids(draw, max_size=max_projects)
    project_list = [
        _build_project(
            draw,
            p,
            stage_ids=stage_ids,
            locality_ids=locality_ids,
            project_ids=project_ids,
            application_ids=application_ids,
            group_ids=group_ids,
        )
        for p in project_ids
    ]
    figure_list = [
        _build_figure(draw, stage_ids, region_ids) for _ in range(draw(st.integers(0, 3)))
    ]
    return Programme(
        draw(_IDS),
        draw(_names_from(())),
        implementer,
        donor,
        start,
        end,
        theme=draw(_optional(_names_from(()))),
        min_group_size=draw(st.integers(1, 5)),
        regions=tuple(region_list),
        districts=tuple(district_list),
        localities=tuple(locality_list),
        organisations=tuple(org_list),
        stages=tuple(stage_list),
        memoranda=tuple(memo_list),
        calls=tuple(call_list),
        groups=tuple(group_list),
        applications=tuple(application_list),
        projects=tuple(project_list),
        figures=tuple(figure_list),
        sources=tuple(draw(st.lists(_TEXTS, max_size=2))),
    )


def programmes(
    *, contacts: bool | None = None, max_localities: int = 5, max_projects: int = 6
) -> st.SearchStrategy[Programme]:
    """Whole programmes in which every id referenced exists.

    One or two regions; up to three districts, each in a region; one to
    ``max_localities`` localities, each in a region and, if in a district, in
    one of that region's districts; an implementer, a donor and up to three
    more organisations; one to three stages whose windows lie within the
    programme and list localities of their region; up to three memoranda,
    calls and initiative groups; up to four applications to the calls; up to
    ``max_projects`` projects, linked only to each other; up to three
    published figures.

    Parameters
    ----------
    contacts : bool or None, default None
        Passed to every person of every initiative group (see `people()`).
    max_localities, max_projects : int
        Upper bounds on the number of localities (at least 1; 5 by default)
        and projects (6 by default).

    Returns
    -------
    SearchStrategy[Programme]
        Programmes in which every referenced id exists.

    Raises
    ------
    ValueError
        ``max_localities`` is below 1 or ``max_projects`` is negative.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=3, database=None, deadline=None)
    ... @given(programmes(max_localities=2, max_projects=1))
    ... def check(programme):
    ...     known = {loc.id for loc in programme.localities}
    ...     assert 1 <= len(known) <= 2 and len(programme.projects) <= 1
    ...     assert all(p.locality in known for p in programme.projects)
    >>> check()
    >>> programmes(max_localities=0)
    Traceback (most recent call last):
    ...
    ValueError: max_localities must be >= 1, got 0

    See Also
    --------
    document_strategy : the strategy of any document class.
    civicgrants.model.Programme : the value type.
    """
    if max_localities < 1:
        raise ValueError(f"max_localities must be >= 1, got {max_localities}")
    if max_projects < 0:
        raise ValueError(f"max_projects must be >= 0, got {max_projects}")
    return _programmes(contacts, max_localities, max_projects)


# -- documents -----------------------------------------------------------------------------

_DOCUMENT_STRATEGIES: Final[dict[type, Callable[[], st.SearchStrategy[Any]]]] = {
    Programme: programmes,
    Stage: stages,
    Call: calls,
    Application: applications,
    Project: projects,
    Memorandum: memoranda,
    Organisation: organisations,
    InitiativeGroup: initiative_groups,
    Person: people,
    Contribution: contributions,
    Region: regions,
    District: districts,
    Locality: localities,
}


def manifests() -> st.SearchStrategy[Any]:
    """Valid ``round.json`` manifests (`civicgrants.io.manifest.Manifest`).

    Returns
    -------
    SearchStrategy[Manifest]
        Manifests naming a call and, optionally, a programme and a score sheet.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, database=None, deadline=None)
    ... @given(manifests())
    ... def named(m):
    ...     assert m.call.endswith(".json")
    >>> named()

    See Also
    --------
    civicgrants.io.workspace.load_round : reads the folder a manifest describes.
    """
    from civicgrants.io.manifest import Manifest

    return st.builds(
        Manifest,
        id=st.sampled_from(["round-1", "example-round"]),
        title=st.sampled_from(["Stage II", "Раунд 2021"]),
        call=st.just("call.json"),
        programme=st.none() | st.just("programme.json"),
        scores=st.none() | st.just("scores.csv"),
        season_start=st.none() | st.dates(dt.date(2018, 1, 1), dt.date(2030, 12, 31)),
        report_due_days=st.integers(0, 120),
        synthetic=st.lists(st.sampled_from(["scores", "agreements", "reports"]), unique=True).map(
            tuple
        ),
    )


def _register_late() -> None:
    # Document types defined outside civicgrants.model register here.
    from civicgrants.schedule.methodology import Methodology
    from civicgrants.testing.schedule import methodologies

    _DOCUMENT_STRATEGIES[Methodology] = methodologies

    from civicgrants.indicators.report import Report
    from civicgrants.testing.indicators import reports

    _DOCUMENT_STRATEGIES[Report] = reports

    from civicgrants.indicators.records import IndicatorRecords
    from civicgrants.testing.indicators import indicator_records

    _DOCUMENT_STRATEGIES[IndicatorRecords] = indicator_records

    from civicgrants.dossier.model import Dossier
    from civicgrants.testing.dossier import dossiers

    _DOCUMENT_STRATEGIES[Dossier] = dossiers

    from civicgrants.dossier.report import FinalReport
    from civicgrants.testing.final_report import final_reports

    _DOCUMENT_STRATEGIES[FinalReport] = final_reports

    from civicgrants.agreement.model import GrantAgreement
    from civicgrants.testing.agreement import agreements

    _DOCUMENT_STRATEGIES[GrantAgreement] = agreements

    from civicgrants.io.manifest import Manifest

    _DOCUMENT_STRATEGIES[Manifest] = manifests

    from civicgrants.budget.model import Budget
    from civicgrants.testing.budget import budgets

    _DOCUMENT_STRATEGIES[Budget] = budgets


_register_late()


def document_strategy(cls: type[T]) -> st.SearchStrategy[T]:
    """The strategy for one document class, such as ``document_strategy(Programme)``.

    Parameters
    ----------
    cls : type
        A class listed in `civicgrants.io.DOCUMENT_TYPES`.

    Returns
    -------
    SearchStrategy[T]
        The registered strategy of ``cls``.

    Raises
    ------
    TypeError
        If ``cls`` is not a document class.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from civicgrants.model import Region
    >>> @settings(max_examples=10, database=None, deadline=None)
    ... @given(document_strategy(Region))
    ... def check(region):
    ...     assert isinstance(region, Region)
    >>> check()
    >>> document_strategy(int)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: int is not a document class; known: Programme, Stage, ...

    See Also
    --------
    documents : objects of every document class.
    civicgrants.io.documents.dumps : the JSON text of a document.
    """
    try:
        factory = _DOCUMENT_STRATEGIES[cls]
    except KeyError:
        known = ", ".join(c.__name__ for c, _ in DOCUMENT_TYPES.values())
        raise TypeError(
            f"{getattr(cls, '__name__', cls)!s} is not a document class; known: {known}"
        ) from None
    return cast("st.SearchStrategy[T]", factory())


def documents() -> st.SearchStrategy[Any]:
    """Objects of every document type in `civicgrants.io.DOCUMENT_TYPES`.

    Returns
    -------
    SearchStrategy[Any]
        ``st.one_of`` over `document_strategy()` of every document class.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from civicgrants.io import DOCUMENT_TYPES
    >>> @settings(max_examples=5, database=None, deadline=None)
    ... @given(documents())
    ... def check(doc):
    ...     assert type(doc) in {cls for cls, _ in DOCUMENT_TYPES.values()}
    >>> check()

    See Also
    --------
    document_strategy : the objects of one document class.
    civicgrants.io.documents.loads : read a document back from its JSON text.
    """
    return st.one_of([document_strategy(cls) for cls, _ in DOCUMENT_TYPES.values()])
