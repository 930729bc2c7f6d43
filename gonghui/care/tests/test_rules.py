"""Every rule of the rulebook refuses what it forbids, through the service that checks it, naming
the rule and giving its reason in Chinese; a rule added to the rulebook without a case here fails."""

import base64
import datetime
from decimal import Decimal

import pytest

from gonghui.care import services
from gonghui.care.models import MoneyRule

pytestmark = pytest.mark.django_db
PNG = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 64).decode()


def cash_gift(care):
    campaign = care.campaign(care.d.dinghai, kind="warmth", goods_kind="cash", approve=False)
    services.campaign_approve(campaign=campaign, actor=care.checker)


def festival_cap(care):
    first = care.site(care.campaign(care.d.dinghai, kind="warmth", unit_value=Decimal("900")))
    second = care.site(care.campaign(care.d.dinghai, unit_value=Decimal("700")))
    services.delivery_record(site=first, member=care.d.members["own"], signature=PNG, actor=care.staff)
    services.delivery_record(site=second, member=care.d.members["own"], signature=PNG, actor=care.staff)


def aid_cap(care):
    file = care.file(care.d.members["own"])
    care.grant(file, amount="20000", approve=True)
    services.grant_approve(grant=care.grant(file, kind="festival", amount="0.01"), actor=care.staff)


def illness_once(care):
    file = care.file(care.d.members["own"])
    care.grant(file, kind="medical", amount="100", approve=True)
    services.grant_approve(grant=care.grant(file, kind="medical", amount="100"), actor=care.staff)


def stays_once(kind: str):
    def take_two(care):
        services.stay_book(
            offer=care.offer(care.d.dinghai, kind=kind), member=care.d.members["own"], actor=care.staff
        )
        services.stay_assign(
            offer=care.offer(care.d.root, kind=kind), member=care.d.members["own"], actor=care.staff
        )

    return take_two


CASES = {
    "festival-no-cash": cash_gift,
    "festival-yearly-cap": festival_cap,
    "aid-yearly-cap": aid_cap,
    "illness-once-a-year": illness_once,
    "rest-home-once-a-year": stays_once("rest_home"),
    "health-check-once-a-year": stays_once("health_check"),
}


def test_every_rule_of_the_rulebook_has_a_case():
    assert set(CASES) == {rule["code"] for rule in services.RULEBOOK}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_rule_refuses_with_its_name_and_reason(care, code):
    rule = MoneyRule.unscoped.get(code=code)
    with pytest.raises(services.CareError) as refused:
        CASES[code](care)
    assert refused.value.code == code
    assert (
        rule.name in str(refused.value)
        and rule.reason in str(refused.value)
        and rule.basis in str(refused.value)
    )


@pytest.mark.parametrize("code", sorted(CASES))
def test_a_rule_no_longer_in_force_refuses_nothing(care, code):
    MoneyRule.unscoped.filter(code=code).update(valid_to=datetime.date(2015, 12, 31))
    CASES[code](care)  # the same request passes once the rule has ended
