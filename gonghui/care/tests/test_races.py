"""Single use and caps under contention, on real PostgreSQL with real threads, each on its own
connection: one delivery per person and campaign, one payout per approved aid, places and the
yearly caps per person."""

import base64
from decimal import Decimal
from functools import partial

import pytest

from gonghui.care import services
from gonghui.care.models import AidGrant, Allowance, Delivery, Offer, Payout, Stay
from gonghui.members.passes import pass_issue
from gonghui.testing import add_member
from gonghui.testing import run_together as run_all

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
run_together = partial(run_all, refused=(services.CareError,))
PNG = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 64).decode()


def test_100_parallel_receipts_for_one_person_and_campaign_give_one_delivery(care):
    d = care.d
    site = care.site(care.campaign(d.dinghai))
    passes = [pass_issue(member=d.members["own"]).token for _ in range(100)]
    cadre = d.users["dinghai_cadre"]

    results = run_together(
        lambda i: services.delivery_record(site=site, scanned=passes[i], actor=cadre) and "ok", 100
    )
    assert results.count("ok") == 1
    assert results.count("refused:served_twice") == 99
    assert Delivery.unscoped.filter(campaign=site.campaign, member=d.members["own"]).count() == 1
    # Only the winner touched the yearly allowance.
    assert Allowance.objects.get(member=d.members["own"], rule_code="festival-yearly-cap").used == Decimal(
        "120.00"
    )


def test_100_parallel_signatures_for_one_person_give_one_delivery(care):
    d = care.d
    site = care.site(care.campaign(d.dinghai))
    member = d.members["colleague"]
    results = run_together(
        lambda i: (
            services.delivery_record(site=site, member=member, signature=PNG, actor=care.staff) and "ok"
        ),
        100,
    )
    assert results.count("ok") == 1 and results.count("refused:served_twice") == 99
    assert Delivery.unscoped.filter(member=member).count() == 1


def test_a_payout_asked_twice_at_once_is_made_once(care):
    grant = care.grant(care.file(care.d.members["own"]), approve=True)
    results = run_together(
        lambda i: services.payout_make(grant=grant, key=f"key-{i}", signature=PNG, actor=care.staff).pk, 50
    )
    made = [r for r in results if isinstance(r, int)]
    assert len(made) == 1 and results.count("refused:paid_twice") == 49
    assert Payout.unscoped.filter(grant=grant).count() == 1
    assert AidGrant.unscoped.get(pk=grant.pk).status == "paid"


def test_one_request_retried_in_parallel_gets_one_payout_back(care):
    grant = care.grant(care.file(care.d.members["own"]), approve=True)
    results = run_together(
        lambda i: services.payout_make(grant=grant, key="the-same-key", signature=PNG, actor=care.staff).pk,
        50,
    )
    assert len(set(results)) == 1 and isinstance(results[0], int)
    assert Payout.unscoped.count() == 1


def test_parallel_bookings_fill_exactly_the_places(care):
    d = care.d
    members = [add_member(d.dinghai_union, d.units["dinghai_a"], f"职工{i}") for i in range(60)]
    offer = care.offer(d.dinghai, places=13)
    results = run_together(
        lambda i: services.stay_book(offer=offer, member=members[i], actor=care.staff) and "ok", 60
    )
    assert results.count("ok") == 13 and results.count("refused:full") == 47
    assert Offer.unscoped.get(pk=offer.pk).taken == 13 == Stay.unscoped.filter(offer=offer).count()


def test_the_yearly_cap_holds_for_one_person_across_parallel_campaigns(care):
    d = care.d
    sites = [care.site(care.campaign(d.dinghai, unit_value=Decimal("500.00"))) for _ in range(8)]
    member = d.members["own"]
    results = run_together(
        lambda i: (
            services.delivery_record(site=sites[i], member=member, signature=PNG, actor=care.staff) and "ok"
        ),
        8,
    )
    assert results.count("ok") == 3 and results.count("refused:festival-yearly-cap") == 5  # 1500 a year
    assert Delivery.unscoped.filter(member=member).count() == 3
    assert Allowance.objects.get(member=member, rule_code="festival-yearly-cap").used == Decimal("1500.00")


def test_two_approvals_of_one_illness_at_once_approve_one(care):
    file = care.file(care.d.members["own"])
    grants = [care.grant(file, kind="medical", amount="1000") for _ in range(10)]
    results = run_together(lambda i: services.grant_approve(grant=grants[i], actor=care.staff) and "ok", 10)
    assert results.count("ok") == 1 and results.count("refused:illness-once-a-year") == 9
