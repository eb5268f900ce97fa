"""Budget policies as data, checked into findings.

A `Policy` states a programme's limits on a project budget: the
maximum grant, the minimum community share («вклад сообщества»), the maximum
akimat share, caps on administrative costs and re-granting, and how much of a
line may be moved by a reallocation. `check_policy()` never raises on a
budget that breaks them: each breach is a `Finding`.

Definitions
-----------
Every share is *amount / total of the budget*, exactly (as a fraction; only
the number shown to a reader is rounded).

* **Basis.** With ``ShareBasis.COMPUTED`` (the default) the total is the
  budget's computed grand total, `Budget.total()` (quantity × price ×
  periods summed up the tree), and a row's amount is `Budget.computed()`.
  With ``ShareBasis.STATED`` they are the printed figures: the top-level rows'
  declared totals (a ``TOTAL`` row's, when there is one) and each row's
  declared total. The two differ only in a budget whose printed totals are
  wrong, as in seed 001, whose grand total leaves out a 160 000 block.
* **Funding per source.** Funding may be printed on every row (the state
  form), only on lines (a mini-grant budget), or only on a few groups. To
  count each tenge once, a source's amount is taken from a *cover* of the
  tree, a set of rows none of which contains another:

  - ``COMPUTED`` (bottom-up): a group whose children all state their funding
    (a childless row of zero total needs none) counts its children's funding;
    any other row counts its own funding.
  - ``STATED`` (top-down): a row that states funding counts it, and its
    descendants are not looked at; a row that does not, counts its children.

  A line that states no funding and has no funded ancestor counts for no
  source. In a consistent budget (every group's funding is the sum of its
  children's, source by source) both covers give the same amounts.
* **Grant** is the `Source.GRANT` funding; the **community** share is
  the funding of every source whose `Source.is_community` is true
  (akimat, business, residents' cash and in kind); the **akimat** share is
  `Source.AKIMAT` alone.
* **Administrative costs** and **re-granting** are the amounts of the rows
  named by ``admin_codes`` and ``regranting_codes`` (a listed row inside
  another listed row is counted once, with its ancestor).

A limit is met when ``amount ≤ limit × total`` (or ``≥`` for a minimum),
compared exactly, so a budget of zero total breaks no share limit.

========================= ===================================================
Code                      Meaning
========================= ===================================================
``policy-breach``         a limit is broken (error)
``policy-unchecked``      a limit cannot be checked: the total cannot be
                          computed, the policy names a row the budget lacks,
                          or the policy's currency differs (warning)
========================= ===================================================
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

import attrs

from civicgrants.budget.model import CODE_PATTERN, Budget, BudgetRow, Funding, Source
from civicgrants.budget.text import plain
from civicgrants.model.display import shows
from civicgrants.model.fields import NON_BLANK, choice, decimal, matches, money, type_check
from civicgrants.model.fields import text as text_field
from civicgrants.model.finding import Finding, Severity
from civicgrants.model.money import Money
from civicgrants.model.numbers import EXACT, round_half_up

__all__ = [
    "PUBLIC_SPACES_2021",
    "Policy",
    "ShareBasis",
    "Shares",
    "budget_shares",
    "check_policy",
]


class ShareBasis(enum.Enum):
    """Which figures a share is taken of: computed ones, or the ones printed.

    ``COMPUTED`` takes the totals computed from the lines and counts funding
    bottom-up; ``STATED`` takes the printed totals and counts funding top-down
    (module docs). They differ only where the printed figures are wrong.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_budget
    >>> [str(budget_shares(seed_001_budget(), basis=b).total.amount) for b in ShareBasis]
    ['32051320.00', '31891320.00']

    See Also
    --------
    Policy.basis : the basis a policy's shares use.
    budget_shares : the shares on either basis.
    """

    COMPUTED = "computed"
    STATED = "stated"


_CODE = matches(CODE_PATTERN, "a code of letters, digits, '.', '_' or '-'")


def _codes() -> Any:
    """A tuple of row codes (a list is accepted and frozen)."""

    def convert(value: Any) -> Any:
        if isinstance(value, str):
            raise TypeError(f"expected a list of codes, got the string {value!r}")
        return tuple(value)

    def check(inst: object, attr: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
        for i, code in enumerate(value):
            if not isinstance(code, str):
                raise ValueError(f"{attr.name}[{i}]: must be a string, got {code!r}")
            _CODE(inst, attr, code)

    return attrs.field(factory=tuple, converter=convert, validator=check)


def _share() -> Any:
    return decimal(optional=True, minimum=0, maximum=1)


@shows
@attrs.frozen(kw_only=True)
class Policy:
    """A programme's budget limits, as data. ``None`` means "no limit".

    Attributes
    ----------
    name : str
        A short name, shown in findings.
    max_grant : Money or None
        The largest grant a project may ask for.
    min_community_share : Decimal or None
        The least share (0..1) of the budget the community funds.
    max_akimat_share : Decimal or None
        The largest share (0..1) the akimat funds.
    admin_codes, max_admin_share
        The rows that are administrative costs, and their largest share.
    regranting_codes, max_regranting_share
        The rows that are re-granted (a mini-grant fund), and their largest share.
    max_reallocation_share : Decimal or None
        The largest share of a line's planned amount a reallocation may move
        (see `civicgrants.budget.reallocate()`).
    basis : ShareBasis
        Whether shares use computed or printed totals (module docs).
    source : str or None
        Where the limits come from.

    Examples
    --------
    >>> Policy(name="caps", max_admin_share=Decimal("0.15"), admin_codes=("1",)).max_admin_share
    Decimal('0.15')
    >>> Policy(max_admin_share=Decimal("0.15"))
    Traceback (most recent call last):
    ...
    ValueError: max_admin_share: needs admin_codes (the rows that are administrative costs)
    >>> Policy(max_akimat_share=Decimal("1.5"))
    Traceback (most recent call last):
    ...
    ValueError: max_akimat_share: must be between 0 and 1, got 1.5

    See Also
    --------
    check_policy : every breach of a policy, as findings.
    PUBLIC_SPACES_2021 : the Public Spaces programme's limits.
    civicgrants.budget.reallocate : applies ``max_reallocation_share``.
    """

    name: str = attrs.field(default="custom", validator=[type_check(str, "a string"), NON_BLANK])
    max_grant: Money | None = money(optional=True)
    min_community_share: Decimal | None = _share()
    max_akimat_share: Decimal | None = _share()
    admin_codes: tuple[str, ...] = _codes()
    max_admin_share: Decimal | None = _share()
    regranting_codes: tuple[str, ...] = _codes()
    max_regranting_share: Decimal | None = _share()
    max_reallocation_share: Decimal | None = _share()
    basis: ShareBasis = choice(ShareBasis, default=ShareBasis.COMPUTED)
    source: str | None = text_field(optional=True)

    def __attrs_post_init__(self) -> None:
        if self.max_admin_share is not None and not self.admin_codes:
            raise ValueError(
                "max_admin_share: needs admin_codes (the rows that are administrative costs)"
            )
        if self.max_regranting_share is not None and not self.regranting_codes:
            raise ValueError(
                "max_regranting_share: needs regranting_codes (the rows that are re-granted)"
            )


PUBLIC_SPACES_2021 = Policy(
    name="public-spaces-2021",
    max_grant=Money(4_000_000),
    max_akimat_share=Decimal("0.5"),
    source=(
        "Qoğamdyq Keñıstıkter brochure (seed 000, S000). max_grant: the infographic gives the "
        "maximum grant as «3,5 - 4 млн. тенге» (L723-726), so 4 000 000 KZT is the ceiling; the "
        "brochure prints no cap as a rule (split 'part 1 and 2' projects suggest one existed). "
        "max_akimat_share: «Для отдельных проектов 2021 года акиматы сами выделили до половины "
        "требуемого финансирования» (L470-471): akimats paid up to half of the required funding, "
        "read here as akimat funding ≤ 0.5 × the project budget. The brochure states no minimum "
        "community contribution, administrative cap or reallocation limit, so none is set."
    ),
)
"""The «Общественные пространства» (Public Spaces) programme's limits, 2021 round.

Only what the brochure supports: the 4 000 000 KZT maximum grant and the
akimat's "up to half".

Examples
--------
>>> PUBLIC_SPACES_2021.max_grant.format("en"), PUBLIC_SPACES_2021.max_akimat_share
('KZT4,000,000.00', Decimal('0.5'))
"""


# -- shares -------------------------------------------------------------------


@shows
@attrs.frozen
class Shares:
    """A budget's total and the amounts its policy shares are taken of.

    ``total`` is ``None`` when it cannot be computed (an unreadable or
    foreign-currency amount). ``by_source`` lists each source the budget
    states, in `Source` order, as counted by the basis's cover (module
    docs). ``admin`` and ``regranting`` are ``None`` when the policy names no
    such rows, or when a named row's amount cannot be computed.

    Attributes
    ----------
    basis : ShareBasis
        Whether the figures are computed or printed.
    currency : str
        The budget's currency.
    total : Money or None
        The budget's total on that basis.
    by_source : tuple of Funding
        What each source funds.
    admin : Money or None
        The administrative costs (the policy's ``admin_codes``).
    regranting : Money or None
        The re-granted amount (the policy's ``regranting_codes``).

    Examples
    --------
    >>> b = Budget("b", rows=(
    ...     BudgetRow("1", quantity=Decimal(1), unit_price=Money(600), funding=(
    ...         Funding(Source.GRANT, Money(400)), Funding(Source.AKIMAT, Money(200)))),
    ...     BudgetRow("2", quantity=Decimal(1), unit_price=Money(400), funding=(
    ...         Funding(Source.GRANT, Money(300)), Funding(Source.RESIDENTS_INKIND, Money(100)))),
    ... ))
    >>> s = budget_shares(b)
    >>> print(s.total, "|", s.grant, "|", s.community, "|", s.akimat)
    1000.00 KZT | 700.00 KZT | 300.00 KZT | 200.00 KZT
    >>> s.percent(s.community), s.admin is None
    (Decimal('30.00'), True)

    See Also
    --------
    budget_shares : builds it.
    check_policy : compares the shares with a policy's limits.
    """

    basis: ShareBasis
    currency: str
    total: Money | None
    by_source: tuple[Funding, ...]
    admin: Money | None = None
    regranting: Money | None = None

    def funded(self, source: Source) -> Money:
        """The amount ``source`` funds (zero when it funds nothing).

        Parameters
        ----------
        source : Source
            The source.

        Returns
        -------
        Money
            Its amount in `by_source`, or zero in the budget's currency.

        Examples
        --------
        >>> b = Budget("b", rows=(
        ...     BudgetRow("1", quantity=Decimal(1), unit_price=Money(600), funding=(
        ...         Funding(Source.GRANT, Money(400)), Funding(Source.AKIMAT, Money(200)))),
        ...     BudgetRow("2", quantity=Decimal(1), unit_price=Money(400), funding=(
        ...         Funding(Source.GRANT, Money(300)), Funding(Source.RESIDENTS_INKIND, Money(100)))),
        ... ))
        >>> s = budget_shares(b)
        >>> print(s.funded(Source.RESIDENTS_INKIND), "|", s.funded(Source.OWN))
        100.00 KZT | 0.00 KZT

        See Also
        --------
        Shares.grant, Shares.community, Shares.akimat
        """
        for f in self.by_source:
            if f.source is source:
                return f.amount
        return Money.zero(self.currency)

    @property
    def grant(self) -> Money:
        """The grant: the funding of `Source.GRANT`.

        Returns
        -------
        Money
            The grant (zero when the budget states none).

        Examples
        --------
        >>> b = Budget("b", rows=(
        ...     BudgetRow("1", quantity=Decimal(1), unit_price=Money(600), funding=(
        ...         Funding(Source.GRANT, Money(400)), Funding(Source.AKIMAT, Money(200)))),
        ...     BudgetRow("2", quantity=Decimal(1), unit_price=Money(400), funding=(
        ...         Funding(Source.GRANT, Money(300)), Funding(Source.RESIDENTS_INKIND, Money(100)))),
        ... ))
        >>> s = budget_shares(b)
        >>> print(s.grant)
        700.00 KZT

        See Also
        --------
        Shares.funded : any one source.
        """
        return self.funded(Source.GRANT)

    @property
    def community(self) -> Money:
        """The community contribution: every source whose ``is_community`` is true.

        Returns
        -------
        Money
            The akimat's, businesses' and residents' (cash and in-kind) funding added up.

        Examples
        --------
        >>> b = Budget("b", rows=(
        ...     BudgetRow("1", quantity=Decimal(1), unit_price=Money(600), funding=(
        ...         Funding(Source.GRANT, Money(400)), Funding(Source.AKIMAT, Money(200)))),
        ...     BudgetRow("2", quantity=Decimal(1), unit_price=Money(400), funding=(
        ...         Funding(Source.GRANT, Money(300)), Funding(Source.RESIDENTS_INKIND, Money(100)))),
        ... ))
        >>> s = budget_shares(b)
        >>> print(s.community)  # the akimat's 200 and the residents' 100
        300.00 KZT

        See Also
        --------
        civicgrants.budget.Source.is_community : which sources count.
        """
        return Money.sum(
            [f.amount for f in self.by_source if f.source.is_community], currency=self.currency
        )

    @property
    def akimat(self) -> Money:
        """The akimat's co-financing.

        Returns
        -------
        Money
            The funding of `Source.AKIMAT` (zero when it funds nothing).

        Examples
        --------
        >>> b = Budget("b", rows=(
        ...     BudgetRow("1", quantity=Decimal(1), unit_price=Money(600), funding=(
        ...         Funding(Source.GRANT, Money(400)), Funding(Source.AKIMAT, Money(200)))),
        ...     BudgetRow("2", quantity=Decimal(1), unit_price=Money(400), funding=(
        ...         Funding(Source.GRANT, Money(300)), Funding(Source.RESIDENTS_INKIND, Money(100)))),
        ... ))
        >>> s = budget_shares(b)
        >>> print(s.akimat)
        200.00 KZT

        See Also
        --------
        Shares.community : the akimat's with the others' co-financing.
        """
        return self.funded(Source.AKIMAT)

    def share(self, amount: Money | None) -> Fraction | None:
        """``amount / total`` exactly; ``None`` when either is unknown or the total is zero.

        Parameters
        ----------
        amount : Money or None
            A part of the budget (one of the attributes, or any amount).

        Returns
        -------
        Fraction or None
            The exact share of `total`.

        Examples
        --------
        >>> b = Budget("b", rows=(
        ...     BudgetRow("1", quantity=Decimal(1), unit_price=Money(600), funding=(
        ...         Funding(Source.GRANT, Money(400)), Funding(Source.AKIMAT, Money(200)))),
        ...     BudgetRow("2", quantity=Decimal(1), unit_price=Money(400), funding=(
        ...         Funding(Source.GRANT, Money(300)), Funding(Source.RESIDENTS_INKIND, Money(100)))),
        ... ))
        >>> s = budget_shares(b)
        >>> s.share(s.grant), s.share(s.admin)
        (Fraction(7, 10), None)

        See Also
        --------
        Shares.percent : the same in per cent, rounded for reading.
        """
        if amount is None or self.total is None or not self.total:
            return None
        return amount / self.total

    def percent(self, amount: Money | None) -> Decimal | None:
        """The share in per cent, rounded half up to 0.01 (for reading, not for checks).

        Parameters
        ----------
        amount : Money or None
            A part of the budget.

        Returns
        -------
        Decimal or None
            `share()` × 100, rounded; ``None`` when the share is unknown.

        Examples
        --------
        >>> b = Budget("b", rows=(
        ...     BudgetRow("1", quantity=Decimal(1), unit_price=Money(600), funding=(
        ...         Funding(Source.GRANT, Money(400)), Funding(Source.AKIMAT, Money(200)))),
        ...     BudgetRow("2", quantity=Decimal(1), unit_price=Money(400), funding=(
        ...         Funding(Source.GRANT, Money(300)), Funding(Source.RESIDENTS_INKIND, Money(100)))),
        ... ))
        >>> s = budget_shares(b)
        >>> s.percent(s.akimat)
        Decimal('20.00')

        See Also
        --------
        Shares.share : the exact share.
        share_percent : the rounding.
        """
        share = self.share(amount)
        return None if share is None else share_percent(share)


def share_percent(share: Fraction | Decimal) -> Decimal:
    """A share (a fraction of 1) in per cent, rounded half up to 0.01.

    Parameters
    ----------
    share : Fraction or Decimal
        The share, e.g. ``Fraction(1, 3)``.

    Returns
    -------
    Decimal
        The percentage with two decimals.

    Examples
    --------
    >>> share_percent(Fraction(1, 3)), share_percent(Decimal("0.5"))
    (Decimal('33.33'), Decimal('50.00'))

    See Also
    --------
    Shares.percent : a budget share in per cent.
    civicgrants.model.numbers.round_half_up : the rounding.
    """
    return round_half_up(Fraction(share) * 100, 2)


def _own(row: BudgetRow, currency: str) -> dict[Source, Decimal] | None:
    """The row's own funding by source, or ``None`` if it states none (or a foreign amount)."""
    if not row.funding or any(f.amount.currency != currency for f in row.funding):
        return None
    return {f.source: f.amount.amount for f in row.funding}


def _merge(parts: Iterable[dict[Source, Decimal]]) -> dict[Source, Decimal]:
    out: dict[Source, Decimal] = {}
    with localcontext(EXACT):
        for part in parts:
            for source, amount in part.items():
                out[source] = out.get(source, Decimal(0)) + amount
    return out


def _bottom_up(budget: Budget, code: str) -> tuple[dict[Source, Decimal], bool]:
    """Funding under ``code`` counted from the lowest rows that state it; and whether complete."""
    row = budget.row(code)
    own = _own(row, budget.currency)
    kids = budget.children(code)
    if kids:
        parts = [_bottom_up(budget, k.code) for k in kids]
        if all(done for _, done in parts):
            return _merge(p for p, _ in parts), True
        if own is not None:
            return own, True
        return _merge(p for p, _ in parts), False
    if own is not None:
        return own, True
    total = budget.computed(code)
    return {}, total is not None and not total


def _top_down(budget: Budget, code: str) -> dict[Source, Decimal]:
    """Funding under ``code`` counted from the highest rows that state it."""
    own = _own(budget.row(code), budget.currency)
    if own is not None:
        return own
    return _merge(_top_down(budget, k.code) for k in budget.children(code))


def funding_by_source(budget: Budget, basis: ShareBasis) -> tuple[Funding, ...]:
    """What each source funds, each tenge counted once by the basis's cover (module docs).

    Parameters
    ----------
    budget : Budget
        The budget.
    basis : ShareBasis
        ``COMPUTED`` counts bottom-up, from the lowest rows that state funding;
        ``STATED`` counts top-down, from the highest.

    Returns
    -------
    tuple of Funding
        One per source the budget states, in `Source` order.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_budget
    >>> [str(f.amount.amount) for f in funding_by_source(seed_001_budget(), ShareBasis.STATED)]
    ['31891320.00']
    >>> [str(f.amount.amount) for f in funding_by_source(seed_001_budget(), ShareBasis.COMPUTED)]
    ['32051320.00']

    See Also
    --------
    budget_shares : the funding with the total and the policy's cost groups.
    civicgrants.budget.funding_by_source : the ``STATED`` count, as a dict.
    """
    tops = [r.code for r in budget.children(None)]
    if basis is ShareBasis.COMPUTED:
        merged = _merge(_bottom_up(budget, c)[0] for c in tops)
    else:
        merged = _merge(_top_down(budget, c) for c in tops)
    return tuple(Funding(s, Money(merged[s], budget.currency)) for s in Source if s in merged)


def _outermost(budget: Budget, codes: Sequence[str]) -> list[str]:
    """The known codes among ``codes``, without any that lies inside another listed row."""
    known = [c for c in dict.fromkeys(codes) if _has(budget, c)]
    listed = set(known)
    return [c for c in known if not any(a in listed for a in budget.path(c)[:-1])]


def _has(budget: Budget, code: str) -> bool:
    try:
        budget.row(code)
    except KeyError:
        return False
    return True


def _amount(budget: Budget, codes: Sequence[str], basis: ShareBasis) -> Money | None:
    if not codes:
        return None
    rows = _outermost(budget, codes)
    get = budget.computed if basis is ShareBasis.COMPUTED else budget.stated
    parts = [get(c) for c in rows]
    if any(p is None for p in parts):
        return None
    return Money.sum([p for p in parts if p is not None], currency=budget.currency)


def _total(budget: Budget, basis: ShareBasis) -> Money | None:
    if basis is ShareBasis.COMPUTED:
        return budget.total()
    parts = [budget.stated(r.code) for r in budget.children(None)]
    if any(p is None for p in parts):
        return None
    return Money.sum([p for p in parts if p is not None], currency=budget.currency)


def budget_shares(
    budget: Budget, policy: Policy | None = None, *, basis: ShareBasis | None = None
) -> Shares:
    """The total, the funding per source and the policy's cost groups of ``budget``.

    Parameters
    ----------
    budget : Budget
        The budget.
    policy : Policy or None, optional
        Names the administrative and re-granting rows; its ``basis`` applies
        unless ``basis`` is given.
    basis : ShareBasis or None, optional
        Computed or printed figures (module docs); computed by default.

    Returns
    -------
    Shares
        The total, the funding per source, and the administrative and
        re-granting amounts (``None`` without a policy naming such rows).

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_budget
    >>> p = Policy(admin_codes=("1",), regranting_codes=("3.3.b",))
    >>> s = budget_shares(seed_001_budget(), p, basis=ShareBasis.STATED)
    >>> s.total.amount, s.percent(s.admin), s.percent(s.regranting), s.percent(s.community)
    (Decimal('31891320.00'), Decimal('18.60'), Decimal('25.09'), Decimal('0.00'))
    >>> budget_shares(seed_001_budget(), p).total.amount  # computed: with the 160 000 left out
    Decimal('32051320.00')

    See Also
    --------
    check_policy : compares the shares with the policy's limits.
    Shares.percent : a share in per cent.
    """
    chosen = basis or (policy.basis if policy is not None else ShareBasis.COMPUTED)
    admin = _amount(budget, policy.admin_codes, chosen) if policy is not None else None
    regranting = _amount(budget, policy.regranting_codes, chosen) if policy is not None else None
    return Shares(
        basis=chosen,
        currency=budget.currency,
        total=_total(budget, chosen),
        by_source=funding_by_source(budget, chosen),
        admin=admin,
        regranting=regranting,
    )


# -- the check ------------------------------------------------------------------


def _pct(share: Fraction | Decimal) -> str:
    return f"{plain(share_percent(share))} %"


_RULES: dict[str, tuple[str, str]] = {
    "min_community_share": ("вклад сообщества", "the community contribution"),
    "max_akimat_share": ("софинансирование акимата", "the akimat's co-financing"),
    "max_admin_share": ("административные расходы", "administrative costs"),
    "max_regranting_share": ("средства на перегрантинг", "re-granting"),
}


def check_policy(budget: Budget, policy: Policy) -> tuple[Finding, ...]:
    """Every breach of ``policy`` by ``budget``, as findings (never raises on a bad budget).

    Parameters
    ----------
    budget : Budget
        The budget to check.
    policy : Policy
        The limits.

    Returns
    -------
    tuple of Finding
        ``policy-breach`` (error) per broken limit, located at the row when the
        limit concerns one named row and at ``budget`` otherwise; its numbers
        give the ``rule``, the ``limit``, the ``actual`` value or share, and
        for shares the ``amount``, ``total``, ``allowed`` amount and ``excess``.
        ``policy-unchecked`` (warning) for a limit that cannot be checked.

    Raises
    ------
    TypeError
        ``policy`` is not a `Policy`.

    Examples
    --------
    >>> from civicgrants.datasets import seed_001_budget
    >>> p = Policy(name="caps", admin_codes=("1",), max_admin_share=Decimal("0.15"))
    >>> [f.message_en for f in check_policy(seed_001_budget(), p)]
    ['administrative costs: 18.50 % of the budget, above the limit of 15.00 % (5930720.00 of 32051320.00; policy caps)']
    >>> f = check_policy(seed_001_budget(), PUBLIC_SPACES_2021)[0]  # the lines' grant, handouts included
    >>> f.location, f.numbers["actual"], f.numbers["limit"]
    ('budget', Decimal('32051320.00'), Decimal('4000000.00'))

    See Also
    --------
    budget_shares : the amounts the limits are checked against.
    civicgrants.budget.audit : runs this check with the others when given a policy.
    """
    if not isinstance(policy, Policy):
        raise TypeError(f"policy: expected a Policy, got {type(policy).__name__}")
    findings: list[Finding] = []
    cur = budget.currency
    shares = budget_shares(budget, policy)
    tag_en, tag_ru = f"policy {policy.name}", f"правило {policy.name}"

    def unchecked(rule: str, numbers: dict[str, object], ru: str, en: str) -> None:
        findings.append(
            Finding(
                "policy-unchecked",
                Severity.WARNING,
                "budget",
                {"rule": rule, "policy": policy.name, **numbers},
                f"{ru} ({tag_ru})",
                f"{en} ({tag_en})",
            )
        )

    for rule, codes in (
        ("admin_codes", policy.admin_codes),
        ("regranting_codes", policy.regranting_codes),
    ):
        for code in codes:
            if not _has(budget, code):
                unchecked(
                    rule,
                    {"code": code},
                    f"Строки {code} нет в бюджете",
                    f"the budget has no row {code}",
                )

    if policy.max_grant is not None:
        limit = policy.max_grant
        if limit.currency != cur:
            unchecked(
                "max_grant",
                {"currency": limit.currency, "budget_currency": cur},
                f"Предел гранта в {limit.currency}, а бюджет в {cur}",
                f"the grant limit is in {limit.currency} but the budget is in {cur}",
            )
        elif shares.grant > limit:
            grant = shares.grant
            findings.append(
                Finding(
                    "policy-breach",
                    Severity.ERROR,
                    "budget",
                    {
                        "rule": "max_grant",
                        "policy": policy.name,
                        "limit": limit.amount,
                        "actual": grant.amount,
                        "excess": (grant - limit).amount,
                    },
                    f"Запрошенный грант {plain(grant.amount)} больше предела {plain(limit.amount)} ({tag_ru})",
                    f"the grant of {plain(grant.amount)} is above the limit of {plain(limit.amount)} ({tag_en})",
                )
            )

    checks: list[tuple[str, Decimal | None, Money | None, Sequence[str], bool]] = [
        ("min_community_share", policy.min_community_share, shares.community, (), False),
        ("max_akimat_share", policy.max_akimat_share, shares.akimat, (), True),
        ("max_admin_share", policy.max_admin_share, shares.admin, policy.admin_codes, True),
        (
            "max_regranting_share",
            policy.max_regranting_share,
            shares.regranting,
            policy.regranting_codes,
            True,
        ),
    ]
    total = shares.total
    for rule, limit_share, amount, rule_codes, is_max in checks:
        if limit_share is None:
            continue
        what_ru, what_en = _RULES[rule]
        if total is None or amount is None:
            unchecked(
                rule,
                {"basis": shares.basis.value},
                f"Доля «{what_ru}» не вычисляется: итог или сумма строк неизвестны",
                f"the share of {what_en} cannot be computed: the total or the rows' amount is unknown",
            )
            continue
        with localcontext(EXACT):
            allowed = limit_share * total.amount
            broken = amount.amount > allowed if is_max else amount.amount < allowed
            if not broken:
                continue
            excess = amount.amount - allowed
        share = shares.share(amount)
        location = rule_codes[0] if len(rule_codes) == 1 else "budget"
        numbers: dict[str, object] = {
            "rule": rule,
            "policy": policy.name,
            "basis": shares.basis.value,
            "limit": limit_share,
            "actual": None if share is None else round_half_up(share, 6),
            "amount": amount.amount,
            "total": total.amount,
            "allowed": Money(allowed, cur).amount,
            "excess": Money(excess, cur).amount,
        }
        if rule_codes:
            numbers["codes"] = list(rule_codes)
        actual_en = "—" if share is None else _pct(share)
        actual_ru = "—" if share is None else _pct(share)
        side_en, side_ru = ("above", "выше") if is_max else ("below", "ниже")
        bound_en = "limit" if is_max else "minimum"
        bound_ru = "предела" if is_max else "минимума"
        findings.append(
            Finding(
                "policy-breach",
                Severity.ERROR,
                location,
                numbers,
                f"{what_ru.capitalize()}: {actual_ru} бюджета, {side_ru} {bound_ru} {_pct(limit_share)} "
                f"({plain(amount.amount)} из {plain(total.amount)}; {tag_ru})",
                f"{what_en}: {actual_en} of the budget, {side_en} the {bound_en} of {_pct(limit_share)} "
                f"({plain(amount.amount)} of {plain(total.amount)}; {tag_en})",
            )
        )
    return tuple(findings)
