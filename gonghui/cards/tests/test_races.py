"""Contention on real PostgreSQL with real threads, each on its own connection:
one pass used by 50 counters at once (MO-3), one claim paid by 20 clicks (MO-2),
parallel enrolments and quota redemptions."""

from decimal import Decimal
from functools import partial

import pytest
from django.utils import timezone

from gonghui.cards import services
from gonghui.cards.models import Claim, Enrolment, Payout, Redemption, Sale
from gonghui.members.models import MemberPass
from gonghui.testing import run_together as run_all

from .conftest import build_world
from .helpers import key, token_of

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
run_together = partial(run_all, refused=(services.CardsError,))


def test_fifty_parallel_sales_with_one_pass_let_exactly_one_through(district):
    world = build_world(district)
    token = token_of(district.members["own"])
    results = run_together(
        lambda i: services.sale_record(user=world.cashier, scanned=token, amount=Decimal("88.00"), key=key()),
        50,
    )
    sales = [r for r in results if isinstance(r, Sale)]
    assert len(sales) == 1 and results.count("refused") == 49
    assert Sale.unscoped.count() == 1
    assert MemberPass.objects.filter(used_at__isnull=False).count() == 1


def test_fifty_retries_with_one_key_make_one_sale(district):
    world = build_world(district)
    token, k = token_of(district.members["own"]), key()
    results = run_together(
        lambda i: services.sale_record(user=world.cashier, scanned=token, amount=Decimal("88.00"), key=k), 50
    )
    ids = {r.pk for r in results if isinstance(r, Sale)}
    assert len(ids) == 1 and Sale.unscoped.count() == 1
    assert results.count("refused") + sum(isinstance(r, Sale) for r in results) == 50


def test_twenty_parallel_payouts_of_one_claim_pay_once(district):
    world = build_world(district)
    claim = services.claim_file(
        member=district.members["own"],
        kind=Claim.Kind.ACCIDENT_INJURY,
        occurred_on=timezone.localdate(),
        health_details="右腿骨折",
        amount_requested=Decimal("5000.00"),
        actor=district.users["district"],
    )
    services.claim_review(claim=claim, amount=Decimal("5000.00"), actor=district.users["dinghai_cadre"])
    services.claim_approve(claim=claim, actor=district.users["district"])
    results = run_together(lambda i: services.claim_pay(claim=claim, actor=district.users["district"]), 20)
    assert sum(isinstance(r, Payout) for r in results) == 1 and results.count("refused") == 19
    assert Payout.unscoped.count() == 1
    assert world.plan.pk


def test_parallel_enrolments_enrol_each_holder_once(district):
    world = build_world(district)
    Enrolment.unscoped.all().delete()
    results = run_together(lambda i: services.plan_year_enrol(plan=world.plan), 4)
    assert sum(results) == 4 and Enrolment.unscoped.count() == 4


def test_parallel_redemptions_respect_the_yearly_quota(district):
    world = build_world(district)
    tokens = [token_of(district.members["own"]) for _ in range(10)]
    results = run_together(
        lambda i: services.redemption_record(
            user=world.venue, scanned=tokens[i], service=world.service, key=key()
        ),
        10,
    )
    assert sum(isinstance(r, Redemption) for r in results) == 2 and Redemption.unscoped.count() == 2
