"""Organisations, with Kazakhstan's business identification number (BIN, «БИН»)."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from civicgrants.model.display import shows
from civicgrants.model.fields import SCHEMA, choice, date, entity, ident, optional_ident, text
from civicgrants.model.names import Names

__all__ = ["Organisation", "OrganisationKind", "bin_check_digit", "validate_bin"]

_WEIGHTS_1 = tuple(range(1, 12))
_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


class OrganisationKind(enum.Enum):
    """What an organisation is, as far as a programme cares.

    Examples
    --------
    >>> OrganisationKind("ngo")
    <OrganisationKind.NGO: 'ngo'>
    >>> OrganisationKind.AKIMAT.value
    'akimat'

    See Also
    --------
    Organisation : An organisation: akimat, NGO, foundation, company, school, or another kind.
    """

    AKIMAT = "akimat"
    STATE_BODY = "state_body"
    NGO = "ngo"
    FOUNDATION = "foundation"
    COMPANY = "company"
    SCHOOL = "school"
    KINDERGARTEN = "kindergarten"
    CULTURE_HOUSE = "culture_house"
    OTHER = "other"


def bin_check_digit(first11: str) -> int | None:
    """The 12th digit of a BIN from its first 11, or ``None`` if none exists.

    Weighted sum mod 11 with weights 1..11; if that gives 10, weights
    3..11,1,2; if 10 again the number cannot be a valid BIN.

    Parameters
    ----------
    first11 : str
        The first 11 digits of the BIN.

    Returns
    -------
    int or None
        The check digit, 0 to 9, or ``None`` when no valid BIN starts with
        these digits.

    Examples
    --------
    >>> bin_check_digit("05114001059")
    7

    See Also
    --------
    validate_bin : Return why ``value`` is not a valid BIN, or ``None`` if it is.
    """
    digits = [int(c) for c in first11]
    for weights in (_WEIGHTS_1, _WEIGHTS_2):
        check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return check
    return None


def validate_bin(value: str, registered: dt.date | None = None) -> str | None:
    """Return why ``value`` is not a valid BIN, or ``None`` if it is.

    A BIN has 12 digits: the registration year and month (``YYMM``) first and a
    check digit last (see `bin_check_digit()`).

    Parameters
    ----------
    value : str
        The BIN to check.
    registered : datetime.date or None, optional
        The registration date; when given, its year and month must match the
        BIN's first four digits.

    Returns
    -------
    str or None
        Why the BIN is invalid, or ``None`` when it is valid.

    Examples
    --------
    >>> validate_bin("051140010597") is None
    True
    >>> validate_bin("051140010598")
    'check digit is 8, expected 7'
    >>> validate_bin("051140010597", dt.date(2006, 11, 21))
    'registration 0511 (YYMM) does not match the registration date 2006-11'
    >>> validate_bin("0511")
    "must be exactly 12 digits, got '0511'"

    See Also
    --------
    bin_check_digit : The 12th digit of a BIN from its first 11, or ``None`` if none exists.
    Organisation : An organisation: akimat, NGO, foundation, company, school, or another kind.
    """
    if not isinstance(value, str) or len(value) != 12 or not value.isascii() or not value.isdigit():
        return f"must be exactly 12 digits, got {value!r}"
    expected = bin_check_digit(value[:11])
    if expected is None:
        return "no valid check digit exists for these 11 digits"
    if int(value[11]) != expected:
        return f"check digit is {value[11]}, expected {expected}"
    month = int(value[2:4])
    if not 1 <= month <= 12:
        return f"registration month {value[2:4]} (digits 3-4) is not a month"
    if registered is not None and (registered.year % 100, registered.month) != (
        int(value[:2]),
        month,
    ):
        return (
            f"registration {value[:4]} (YYMM) does not match the registration date "
            f"{registered.year}-{registered.month:02d}"
        )
    return None


_BIN_PATTERN = "^[0-9]{2}(0[1-9]|1[0-2])[0-9]{8}$"
"""A BIN's form as the schema gives it: 12 digits, digits 3-4 the registration month."""


def _check_bin(inst: Organisation, _attr: object, value: str | None) -> None:
    if value is None:
        return
    problem = validate_bin(value, inst.registered if isinstance(inst, Organisation) else None)
    if problem:
        raise ValueError(f"bin: {problem}")


@shows
@attrs.frozen
class Organisation:
    """An organisation: akimat, NGO, foundation, company, school, or another kind.

    An akimat («акимат», «әкімдік») is an organisation of kind ``AKIMAT``.

    Parameters
    ----------
    id : str
        A stable id.
    names : Names
        The organisation's name in ru, kk and en.
    kind : OrganisationKind
        What it is.
    registered : datetime.date or None, optional
        The registration date; checked against ``bin`` when both are given.
    bin : str or None, optional
        The business identification number, checked with `validate_bin()`.
    locality : str or None, optional
        The id of the locality where it sits.
    region : str or None, optional
        The id of its region.
    note : str or None, optional
        Free text.

    Raises
    ------
    ValueError
        An invalid BIN (the message says why) or another invalid field.

    Examples
    --------
    >>> Organisation("gamo", Names(en="GAMO"), OrganisationKind.NGO, bin="051140010597").bin
    '051140010597'
    >>> Organisation("gamo", Names(en="GAMO"), OrganisationKind.NGO, bin="051140010598")
    Traceback (most recent call last):
    ...
    ValueError: bin: check digit is 8, expected 7

    See Also
    --------
    validate_bin : Return why ``value`` is not a valid BIN, or ``None`` if it is.
    civicgrants.model.programme.Programme.organisations : where a programme keeps them.
    """

    id: str = ident()
    names: Names = entity(Names)
    kind: OrganisationKind = choice(OrganisationKind)
    registered: dt.date | None = date(optional=True)
    bin: str | None = attrs.field(
        default=None, validator=_check_bin, metadata={SCHEMA: {"pattern": _BIN_PATTERN}}
    )
    locality: str | None = optional_ident()
    region: str | None = optional_ident()
    note: str | None = text(optional=True)
