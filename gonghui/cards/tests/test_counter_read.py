"""The counter's hand-written reads give the same records as the ORM (both databases)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gonghui.cards import services
from gonghui.cards.models import CashierAccount, DiscountRule, Merchant, Store
from gonghui.cards.services import counter_of
from gonghui.members.models import Member, MemberPass
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


def test_a_verification_reads_the_counter_beside_the_pass_in_one_statement(world):
    token = pass_issue(member=world.d.members["own"]).token
    with CaptureQueriesContext(connection) as queries:
        result = services.sale_verify(user=world.cashier, scanned=token)
    assert result.valid and result.rate == world.rule.rate
    reads = [q["sql"] for q in queries if "cards_cashieraccount" in q["sql"] or "memberpass" in q["sql"]]
    assert len(reads) == 1 and "cards_cashieraccount" in reads[0] and "members_memberpass" in reads[0]


@pytest.mark.parametrize("token_kind", ["good", "forged", "used"])
def test_a_counter_that_cannot_verify_says_so_before_anything_about_the_pass(world, token_kind):
    """As when the counter was read on its own: a suspended merchant is the answer, whether the
    pass is good, refused before the statement (forged) or refused after it (used)."""
    issued = pass_issue(member=world.d.members["own"])
    token = {"good": issued.token, "forged": issued.token[:-4] + "AAAA", "used": issued.token}[token_kind]
    if token_kind == "used":
        MemberPass.objects.filter(code=issued.code).update(used_at=timezone.now())
    services.merchant_set_status(merchant=world.merchant, status="suspended", actor=world.d.users["district"])
    result = services.sale_verify(user=world.cashier, scanned=token)
    assert not result.valid and "暂停合作" in result.message


@pytest.mark.parametrize(
    ("token_kind", "says"), [("forged", "无效"), ("used", "已使用"), ("unknown", "无效")]
)
def test_with_the_counter_open_the_pass_answers(world, token_kind, says):
    issued = pass_issue(member=world.d.members["own"])
    token = {"forged": issued.token[:-4] + "AAAA", "used": issued.token, "unknown": "ZZZZZZZZZZ"}[token_kind]
    if token_kind == "used":
        MemberPass.objects.filter(code=issued.code).update(used_at=timezone.now())
    result = services.sale_verify(user=world.cashier, scanned=token)
    assert not result.valid and says in result.message
