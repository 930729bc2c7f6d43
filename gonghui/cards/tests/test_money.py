"""MO-1: money is Decimal from the form to the database, and the database checks it."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from gonghui.cards import services
from gonghui.cards.models import DiscountRule, Enrolment, PlanYear, Sale
from gonghui.cards.money import discount_for, to_money

from .helpers import key, token_of

pytestmark = pytest.mark.django_db


def test_floats_never_enter_a_money_path(world):
    with pytest.raises(TypeError):
        to_money(12.5)
    with pytest.raises(TypeError):
        services.sale_record(
            user=world.cashier, scanned=token_of(world.d.members["own"]), amount=19.99, key=key()
        )
    with pytest.raises(TypeError):
        services.plan_year_save(year=2030, district_premium=12.0, actor=None)
    for bad in ("abc", "-1", "0", "1.234", "NaN", "Infinity", "1e9"):
        with pytest.raises(services.CardsError):
            to_money(bad)
    assert not Sale.unscoped.exists()


def test_discounts_round_down_to_the_cent():
    assert discount_for(Decimal("0.30"), Decimal("0.45"), None) == Decimal("0.13")
    assert discount_for(Decimal("99.99"), Decimal("0.10"), None) == Decimal("9.99")
    assert discount_for(Decimal("1000.00"), Decimal("0.45"), Decimal("100.00")) == Decimal("100.00")


def test_amounts_come_back_as_decimal(world):
    sale = services.sale_record(
        user=world.cashier, scanned=token_of(world.d.members["own"]), amount="33.33", key=key()
    )
    fresh = Sale.unscoped.get(pk=sale.pk)
    assert isinstance(fresh.amount, Decimal) and isinstance(fresh.discount, Decimal)
    assert (fresh.amount, fresh.discount) == (Decimal("33.33"), Decimal("3.33"))
    premiums = Enrolment.unscoped.filter(plan_year=world.plan).values_list("district_premium", flat=True)
    assert all(isinstance(p, Decimal) and p == Decimal("12.00") for p in premiums)


def test_the_database_refuses_bad_money(world):
    base = {
        "store": world.store,
        "merchant": world.merchant,
        "rule": world.rule,
        "member": world.d.members["own"],
        "created_at": timezone.now(),
        "path": "x",
    }
    bad_sales = [
        {"amount": Decimal("-1.00"), "discount": Decimal("0.00")},
        {"amount": Decimal("10.00"), "discount": Decimal("-0.01")},
        {"amount": Decimal("100.00"), "discount": Decimal("45.01")},
    ]
    for values in bad_sales:
        with pytest.raises(IntegrityError), transaction.atomic():
            Sale.unscoped.create(idempotency_key=key(), **base, **values)
    Sale.unscoped.create(idempotency_key=key(), **base, amount=Decimal("100.00"), discount=Decimal("45.00"))
    today = timezone.localdate()
    for rate in (Decimal("0.09"), Decimal("0.46")):
        with pytest.raises(IntegrityError), transaction.atomic():
            DiscountRule.unscoped.create(
                merchant=world.merchant, name="x", rate=rate, starts_on=today, ends_on=today, path="x"
            )
    with pytest.raises(IntegrityError), transaction.atomic():
        DiscountRule.unscoped.filter(pk=world.rule.pk).update(campaign_limit=1, used=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanYear.objects.create(year=2031, district_premium=Decimal("-12.00"))
    with pytest.raises(services.CardsError, match="10%到45%"):
        services.rule_create(
            merchant=world.merchant,
            name="半价",
            rate=Decimal("0.50"),
            starts_on=today,
            ends_on=today + datetime.timedelta(days=1),
            actor=None,
        )
