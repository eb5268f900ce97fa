"""Budget policies: limits as data, breaches as findings, shares defined exactly."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

from civicgrants.budget import (
    PUBLIC_SPACES_2021,
    Budget,
    BudgetRow,
    Funding,
    InvalidCell,
    Policy,
    ShareBasis,
    Source,
    audit,
    budget_shares,
    check_policy,
)
from civicgrants.datasets import seed_001_budget
from civicgrants.model import Money, Severity

SEED = seed_001_budget()
SEED_CODES = Policy(name="seed-001", admin_codes=("1",), regranting_codes=("3.3.b",))


def mini_grant(grant: int, akimat: int, residents: int, *, other: int = 0) -> Budget:
    """A mini-grant budget: works paid by the grant, the akimat and residents' labour."""
    total = grant + akimat + residents + other
    funding = [Funding(Source.GRANT, Money(grant))]
    if akimat:
        funding.append(Funding(Source.AKIMAT, Money(akimat)))
    if residents:
        funding.append(Funding(Source.RESIDENTS_INKIND, Money(residents)))
    if other:
        funding.append(Funding(Source.OTHER, Money(other)))
    return Budget(
        "playground",
        rows=(
            BudgetRow(
                "1",
                item="Детская площадка",
                quantity=Decimal(1),
                unit_price=Money(total),
                declared_total=Money(total),
                funding=tuple(funding),
            ),
        ),
    )


# -- seed 001: the shares the domain notes compute -----------------------------------------


def test_seed_001_shares_on_the_printed_total_match_the_domain_notes() -> None:
    s = budget_shares(SEED, SEED_CODES, basis=ShareBasis.STATED)
    assert s.total == Money(31_891_320)
    assert s.admin == Money(5_930_720) and s.regranting == Money(8_000_000)
    assert s.share(s.admin) == Fraction(5_930_720, 31_891_320)
    assert s.percent(s.admin) == Decimal("18.60")  # seed-001 §5.3: 18.60 %
    assert s.percent(s.regranting) == Decimal("25.09")  # §5.3: 25.09 %, "25.1 %" in §7.3
    assert s.percent(s.regranting).quantize(Decimal("0.1")) == Decimal("25.1")
    assert s.grant == Money(31_891_320) and s.community == Money(0)  # co-financing 0 %
    assert s.percent(s.community) == Decimal("0.00")


def test_seed_001_shares_on_the_computed_total_include_the_left_out_handouts() -> None:
    s = budget_shares(SEED, SEED_CODES)
    assert s.basis is ShareBasis.COMPUTED
    assert s.total == Money(32_051_320)  # 31 891 320 + the 160 000 handouts block
    assert s.percent(s.admin) == Decimal("18.50")
    assert s.percent(s.regranting) == Decimal("24.96")
    assert s.grant == Money(32_051_320)  # the lines' grant, handouts included


@pytest.mark.parametrize("basis", list(ShareBasis))
def test_seed_001_admin_cap_of_15_percent_is_exactly_one_breach(basis: ShareBasis) -> None:
    policy = attrs.evolve(SEED_CODES, max_admin_share=Decimal("0.15"), basis=basis)
    (f,) = check_policy(SEED, policy)
    assert (f.code, f.severity, f.location) == ("policy-breach", Severity.ERROR, "1")
    assert f.numbers["rule"] == "max_admin_share"
    assert f.numbers["limit"] == Decimal("0.15")
    assert f.numbers["amount"] == Decimal("5930720.00")
    total = Decimal("32051320.00") if basis is ShareBasis.COMPUTED else Decimal("31891320.00")
    assert f.numbers["total"] == total
    assert f.numbers["allowed"] == Money(total * Decimal("0.15")).amount
    assert f.numbers["excess"] == Decimal("5930720.00") - f.numbers["allowed"]
    assert f.numbers["actual"] == (
        Decimal("0.185038") if basis is ShareBasis.COMPUTED else Decimal("0.185967")
    )
    assert "15.00" in f.message_ru and "15.00" in f.message_en
    # the same finding comes out of the audit
    assert f in audit(SEED, policy=policy)


def test_seed_001_regranting_cap_of_25_percent_depends_on_the_basis() -> None:
    policy = attrs.evolve(SEED_CODES, max_regranting_share=Decimal("0.25"))
    assert check_policy(SEED, policy) == ()  # 24.96 % of the computed total
    (f,) = check_policy(SEED, attrs.evolve(policy, basis=ShareBasis.STATED))  # 25.09 %
    assert (f.location, f.numbers["rule"]) == ("3.3.b", "max_regranting_share")


def test_seed_001_under_the_public_spaces_policy_asks_far_too_much() -> None:
    (f,) = check_policy(SEED, PUBLIC_SPACES_2021)
    assert (f.code, f.location, f.numbers["rule"]) == ("policy-breach", "budget", "max_grant")
    assert f.numbers["limit"] == Decimal("4000000.00")
    assert f.numbers["excess"] == Decimal("28051320.00")
    assert "4000000.00" in f.message_ru


def test_public_spaces_preset_holds_only_what_the_brochure_supports() -> None:
    p = PUBLIC_SPACES_2021
    assert p.max_grant == Money(4_000_000) and p.max_akimat_share == Decimal("0.5")
    assert p.min_community_share is None and p.max_admin_share is None
    assert p.max_reallocation_share is None
    assert p.source is not None
    assert "3,5 - 4 млн. тенге" in p.source and "до половины" in p.source


# -- the mini-grant limits ----------------------------------------------------------------


def test_akimat_up_to_half_is_allowed_and_more_is_a_breach() -> None:
    assert check_policy(mini_grant(2_000_000, 2_500_000, 500_000), PUBLIC_SPACES_2021) == ()
    (f,) = check_policy(mini_grant(2_000_000, 3_000_000, 0), PUBLIC_SPACES_2021)
    assert (f.location, f.numbers["rule"]) == ("budget", "max_akimat_share")
    assert f.numbers["actual"] == Decimal("0.600000")
    assert f.numbers["excess"] == Decimal("500000.00")
    assert "софинансирование акимата" in f.message_ru.lower()


def test_grant_at_the_ceiling_is_allowed_one_tiyn_more_is_not() -> None:
    assert check_policy(mini_grant(4_000_000, 0, 0), PUBLIC_SPACES_2021) == ()
    over = mini_grant(4_000_000, 0, 0)
    row = attrs.evolve(
        over.rows[0],
        unit_price=Money("4000000.01"),
        declared_total=Money("4000000.01"),
        funding=(Funding(Source.GRANT, Money("4000000.01")),),
    )
    (f,) = check_policy(attrs.evolve(over, rows=(row,)), PUBLIC_SPACES_2021)
    assert f.numbers["excess"] == Decimal("0.01")


def test_minimum_community_share_counts_akimat_business_and_residents_but_not_other() -> None:
    policy = Policy(name="min-20", min_community_share=Decimal("0.2"))
    assert check_policy(mini_grant(800_000, 100_000, 100_000), policy) == ()
    (f,) = check_policy(mini_grant(800_000, 50_000, 50_000, other=100_000), policy)
    assert f.numbers["rule"] == "min_community_share"
    assert f.numbers["amount"] == Decimal("100000.00")
    assert f.numbers["allowed"] == Decimal("200000.00")  # the least allowed
    assert f.numbers["excess"] == Decimal("-100000.00")  # short by 100 000
    assert "below the minimum" in f.message_en and "ниже минимума" in f.message_ru


def test_admin_codes_nested_in_each_other_are_counted_once() -> None:
    policy = attrs.evolve(SEED_CODES, admin_codes=("1", "1.1", "1.1.a"))
    assert budget_shares(SEED, policy).admin == Money(5_930_720)
    two = attrs.evolve(SEED_CODES, admin_codes=("1", "2"), max_admin_share=Decimal("0.2"))
    assert budget_shares(SEED, two).admin == Money(5_930_720 + 1_724_000)
    (f,) = check_policy(SEED, two)
    assert f.location == "budget" and f.numbers["codes"] == ["1", "2"]


def test_funding_is_counted_once_whether_on_groups_lines_or_both() -> None:
    lines_only = Budget(
        "b",
        rows=(
            BudgetRow("1", declared_total=Money(300)),
            BudgetRow(
                "1.a",
                "1",
                quantity=Decimal(1),
                unit_price=Money(100),
                funding=(Funding(Source.GRANT, Money(100)),),
            ),
            BudgetRow(
                "1.b",
                "1",
                quantity=Decimal(1),
                unit_price=Money(200),
                funding=(Funding(Source.GRANT, Money(50)), Funding(Source.AKIMAT, Money(150))),
            ),
        ),
    )
    group_only = attrs.evolve(
        lines_only,
        rows=(
            attrs.evolve(
                lines_only.rows[0],
                funding=(Funding(Source.GRANT, Money(150)), Funding(Source.AKIMAT, Money(150))),
            ),
            attrs.evolve(lines_only.rows[1], funding=()),
            attrs.evolve(lines_only.rows[2], funding=()),
        ),
    )
    both = attrs.evolve(lines_only, rows=(group_only.rows[0], *lines_only.rows[1:]))
    for budget in (lines_only, group_only, both):
        for basis in ShareBasis:
            s = budget_shares(budget, basis=basis)
            assert (s.grant, s.akimat, s.community) == (Money(150), Money(150), Money(150))


def test_a_group_whose_funding_disagrees_with_its_lines_shows_the_two_covers() -> None:
    # the group prints grant 300; its lines print grant 100 and akimat 200
    b = Budget(
        "b",
        rows=(
            BudgetRow("1", funding=(Funding(Source.GRANT, Money(300)),)),
            BudgetRow(
                "1.a",
                "1",
                quantity=Decimal(1),
                unit_price=Money(100),
                funding=(Funding(Source.GRANT, Money(100)),),
            ),
            BudgetRow(
                "1.b",
                "1",
                quantity=Decimal(1),
                unit_price=Money(200),
                funding=(Funding(Source.AKIMAT, Money(200)),),
            ),
        ),
    )
    assert budget_shares(b).akimat == Money(200)  # bottom-up: the lines
    assert budget_shares(b, basis=ShareBasis.STATED).akimat == Money(0)  # top-down: the group


# -- what cannot be checked ---------------------------------------------------------------


def test_a_code_the_budget_lacks_is_a_warning_not_a_silent_zero() -> None:
    policy = Policy(admin_codes=("9",), max_admin_share=Decimal("0.1"))
    found = check_policy(SEED, policy)
    assert [(f.code, f.severity, f.numbers["code"]) for f in found] == [
        ("policy-unchecked", Severity.WARNING, "9")
    ]


def test_an_uncomputable_total_leaves_shares_unchecked() -> None:
    broken = Budget(
        "b",
        rows=(
            BudgetRow(
                "1",
                quantity=Decimal(1),
                invalid=(InvalidCell("unit_price", "abc", "not a number"),),
                funding=(Funding(Source.AKIMAT, Money(100)),),
            ),
        ),
    )
    (f,) = check_policy(broken, PUBLIC_SPACES_2021)
    assert (f.code, f.numbers["rule"]) == ("policy-unchecked", "max_akimat_share")


def test_a_grant_limit_in_another_currency_is_unchecked() -> None:
    policy = Policy(max_grant=Money(10_000, "EUR"))
    (f,) = check_policy(SEED, policy)
    assert (f.code, f.numbers["currency"]) == ("policy-unchecked", "EUR")


def test_a_zero_budget_breaks_no_share_limit() -> None:
    empty = Budget("b", rows=(BudgetRow("1", item="Пустая строка"),))
    policy = Policy(
        min_community_share=Decimal("0.5"),
        max_akimat_share=Decimal("0"),
        admin_codes=("1",),
        max_admin_share=Decimal("0"),
    )
    assert check_policy(empty, policy) == ()
    assert budget_shares(empty, policy).share(Money(0)) is None


# -- the policy itself is validated data --------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"max_akimat_share": Decimal("1.01")}, ValueError, "between 0 and 1"),
        ({"min_community_share": Decimal("-0.1")}, ValueError, "between 0 and 1"),
        ({"max_akimat_share": 0.5}, ValueError, "decimal number"),
        ({"max_grant": Money(-1)}, ValueError, "must be >= 0"),
        ({"max_grant": 4_000_000}, ValueError, "must be Money"),
        ({"max_admin_share": Decimal("0.2")}, ValueError, "needs admin_codes"),
        ({"max_regranting_share": Decimal("0.2")}, ValueError, "needs regranting_codes"),
        ({"admin_codes": "1"}, TypeError, "list of codes"),
        ({"admin_codes": ("1", "bad code")}, ValueError, "a code of letters"),
        ({"name": ""}, ValueError, "non-empty"),
        ({"basis": "computed"}, ValueError, "one of"),
    ],
)
def test_policy_refuses_bad_values(kwargs: dict[str, object], error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        Policy(**kwargs)  # type: ignore[arg-type]


def test_policy_accepts_strings_and_lists_and_is_frozen() -> None:
    p = Policy(max_akimat_share="0.5", admin_codes=["1", "2"])  # type: ignore[arg-type]
    assert p.max_akimat_share == Decimal("0.5") and p.admin_codes == ("1", "2")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        p.name = "other"  # type: ignore[misc]


def test_check_policy_refuses_a_non_policy() -> None:
    with pytest.raises(TypeError, match="expected a Policy"):
        check_policy(SEED, {"max_grant": 1})  # type: ignore[arg-type]
