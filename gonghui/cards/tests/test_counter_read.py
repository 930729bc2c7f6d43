"""The counter's hand-written reads give the same records as the ORM (both databases)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.cards import services
from gonghui.cards.models import CashierAccount, DiscountRule, Merchant, Store
from gonghui.cards.services.merchants import counter_of
from gonghui.members.models import Member
from gonghui.members.passes import pass_issue, pass_peek

pytestmark = pytest.mark.django_db


def fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_the_counter_read_matches_the_orm_and_picks_the_best_rule_in_force(world):
    today = timezone.localdate()
    better = services.rule_create(
        merchant=world.merchant,
        name="周末八五折",
        rate=Decimal("0.15"),
        starts_on=today,
        ends_on=today,
        actor=world.d.users["district"],
    )
    services.rule_create(
        merchant=world.merchant,
        name="明年七折",
        rate=Decimal("0.30"),
        starts_on=today + datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=9),
        actor=world.d.users["district"],
    )
    counter = counter_of(world.cashier)
    account = CashierAccount.objects.get(user=world.cashier)
    assert fields(counter.account) == fields(account)
    assert fields(counter.store) == fields(Store.unscoped.get(pk=world.store.pk))
    assert fields(counter.store.merchant) == fields(Merchant.unscoped.get(pk=world.merchant.pk))
    assert fields(counter.rule) == fields(DiscountRule.unscoped.get(pk=better.pk))
    assert isinstance(counter.rule.rate, Decimal) and isinstance(
        counter.store.merchant.agreement_end, datetime.date
    )
    assert counter.rule.merchant is counter.store.merchant


def test_no_rule_in_force_reads_as_none_and_refuses_at_the_counter(world):
    DiscountRule.unscoped.update(active=False)
    counter = counter_of(world.cashier)
    assert counter.rule is None
    with pytest.raises(services.CardsError, match="没有有效的优惠规则"):
        counter.rule_in_force()


def test_a_scanned_pass_reads_its_member_as_the_orm_does(world):
    member = world.d.members["own"]
    read = pass_peek(scanned=pass_issue(member=member).token)
    assert fields(read) == fields(Member.unscoped.get(pk=member.pk))
    assert read.id_number == member.id_number  # decrypted like any ORM read
