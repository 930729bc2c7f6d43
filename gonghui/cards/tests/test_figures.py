"""cards_figures: the module's KPIs of a node, computed from the records and scoped by path."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.cards import services
from gonghui.cards.figures import FIGURES
from gonghui.cards.models import Claim
from gonghui.cards.selectors import cards_figures
from gonghui.lib.figures import Period
from gonghui.organizations.models import Unit

from .helpers import client_for, key, token_of

pytestmark = pytest.mark.django_db


def test_figures_of_the_district_and_of_a_street(world):
    d = world.d
    Unit.unscoped.filter(pk=d.units["dinghai_b"].pk).update(ownership=Unit.Ownership.INSTITUTION)
    services.sale_record(
        user=world.cashier, scanned=token_of(d.members["own"]), amount=Decimal("100.00"), key=key()
    )
    services.sale_record(
        user=world.cashier, scanned=token_of(d.members["sibling"]), amount=Decimal("50.00"), key=key()
    )
    claim = services.claim_file(
        member=d.members["subtree"],
        kind=Claim.Kind.DEATH,
        occurred_on=timezone.localdate(),
        health_details="因病去世",
        amount_requested=Decimal("20000.00"),
        actor=d.users["district"],
    )
    services.claim_review(claim=claim, amount=Decimal("20000.00"), actor=d.users["dinghai_cadre"])
    services.claim_approve(claim=claim, actor=d.users["district"])
    services.claim_pay(claim=claim, actor=d.users["district"])
    services.redemption_record(
        user=world.venue, scanned=token_of(d.members["own"]), service=world.service, key=key()
    )

    root = cards_figures(d.root)
    assert set(FIGURES.keys()) == set(root)
    # 5 counted members (own, colleague, subtree, sibling, sibling2), 4 with an active card.
    assert root["card_holders"] == 4 and root["card_rate"] == 0.8
    assert root["enterprise_members"] == 4 and root["enterprise_card_holders"] == 3
    assert root["enterprise_card_rate"] == 0.75
    assert root["enrolled"] == 4 and root["premiums_paid"] == "96.00"
    assert root["merchant_transactions"] == 2 and root["discount_given"] == "15.00"
    assert root["claims"] == 1 and root["claim_people_paid"] == 1 and root["claim_amount_paid"] == "20000.00"
    assert root["claims_non_enterprise_share"] == 1.0
    assert root["services_redeemed"] == 1

    street = cards_figures(d.pingliang)
    assert street["card_holders"] == 1 and street["card_rate"] == 0.5
    assert street["merchant_transactions"] == 1 and street["discount_given"] == "5.00"
    assert (
        street["claims"] == 0 and street["claim_amount_paid"] == "0.00" and street["services_redeemed"] == 0
    )
    assert cards_figures(d.root, Period.year(2001))["merchant_transactions"] == 0


def test_stats_pages_are_scoped(world):
    d = world.d
    client = client_for(d.users["dinghai_cadre"])
    assert client.get(reverse("cards:overview", args=[d.dinghai.pk])).status_code == 200
    assert client.get(reverse("cards:overview", args=[d.pingliang.pk])).status_code == 404
    rates = client.get(reverse("cards:rates")).content.decode()
    assert "定海标记甲公司" in rates and "平凉标记" not in rates
    for name in (
        "cards:plans",
        "cards:claims",
        "cards:usage",
        "cards:reconciliation",
        "cards:service-stats",
        "cards:list",
    ):
        body = client.get(reverse(name)).content.decode()
        assert "孙平凉" not in body and "平凉标记" not in body, name
