"""Campaigns: the list built from the records, maker-checker approval, the money rules checked
before approval (each refusal naming its rule), and deliveries with a real-name receipt, once per
person and campaign."""

import base64
import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from gonghui.audit.models import AuditRecord
from gonghui.care import services
from gonghui.care.models import Campaign, CampaignStatus, Delivery, MoneyRule, Recipient
from gonghui.members.models import MemberPass
from gonghui.members.passes import pass_issue
from gonghui.members.services import member_group_sync

pytestmark = pytest.mark.django_db

PNG = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 64).decode()


def listed(campaign: Campaign) -> set[str]:
    return set(Recipient.unscoped.filter(campaign=campaign).values_list("member__name", flat=True))


def test_the_list_is_built_from_the_records_of_the_target_groups(care):
    d = care.d
    campaign = care.campaign(d.dinghai, approve=False)
    # Members in good standing of the street's subtree; not the flagged one, not the one who left.
    assert listed(campaign) == {"张定海", "李定海", "钱定海乙"}
    assert Recipient.unscoped.get(campaign=campaign, member=d.members["own"]).path == d.members["own"].path


def test_a_target_may_be_a_member_list_another_module_keeps_or_an_industry(care):
    d = care.d
    group = member_group_sync(
        source="competitions.team:1",
        name="旧改立功竞赛一线职工",
        node=d.root,
        members=[d.members["own"], d.members["sibling"]],
        actor=care.staff,
    )
    campaign = services.campaign_create(
        name="竞赛一线职工送清凉",
        kind="cooling",
        node=d.root,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
        goods_kind="goods",
        goods="饮料",
        unit_value=Decimal("50"),
        budget=Decimal("1000"),
        actor=care.staff,
    )
    services.campaign_target_add(campaign=campaign, group=group, actor=care.staff)
    assert services.recipients_build(campaign=campaign, actor=care.staff) == 2
    assert listed(campaign) == {"张定海", "孙平凉"}
    d.units["pingliang_c"].industry = "E"
    d.units["pingliang_c"].save()
    services.campaign_target_add(campaign=campaign, node=d.root, industries=["E"], actor=care.staff)
    services.recipients_build(campaign=campaign, actor=care.staff)
    assert listed(campaign) == {"张定海", "孙平凉", "周平凉"}  # the construction unit's members, once each


def test_a_campaign_is_approved_by_a_second_person_within_its_budget(care):
    campaign = care.campaign(care.d.dinghai, approve=False, budget=Decimal("300.00"))
    with pytest.raises(services.CareError) as same:
        services.campaign_approve(campaign=campaign, actor=care.staff)
    assert same.value.code == "same_person"
    with pytest.raises(services.CareError) as short:
        services.campaign_approve(campaign=campaign, actor=care.checker)
    assert short.value.code == "budget" and "360.00" in str(short.value)  # 3 people × 120
    Campaign.unscoped.filter(pk=campaign.pk).update(budget=Decimal("360.00"))
    approved = services.campaign_approve(campaign=campaign, actor=care.checker)
    assert approved.status == CampaignStatus.APPROVED and approved.approved_by == care.checker
    denied = AuditRecord.objects.filter(action="care.campaign.approve", result="denied")
    assert sorted(r.detail["rule"] for r in denied) == ["budget", "same_person"]


def test_festival_gifts_in_cash_or_cards_are_refused_with_the_rule_and_its_reason(care):
    for goods_kind in ("cash", "card", "voucher"):
        campaign = care.campaign(care.d.dinghai, goods_kind=goods_kind, approve=False)
        with pytest.raises(services.CareError) as refused:
            services.campaign_approve(campaign=campaign, actor=care.checker)
        assert refused.value.code == "festival-no-cash"
        assert "节日慰问不得发放现金和购物卡" in str(refused.value) and "不得发放现金" in str(refused.value)
        assert Campaign.unscoped.get(pk=campaign.pk).status == CampaignStatus.DRAFT
    # Training is not a festival gift: a service paid per person is allowed.
    training = care.campaign(care.d.dinghai, kind="training", goods_kind="cash", approve=False)
    assert services.campaign_approve(campaign=training, actor=care.checker).status == CampaignStatus.APPROVED


def test_a_value_per_person_above_the_yearly_cap_is_refused(care):
    campaign = care.campaign(care.d.dinghai, unit_value=Decimal("1600.00"), approve=False)
    with pytest.raises(services.CareError) as refused:
        services.campaign_approve(campaign=campaign, actor=care.checker)
    assert refused.value.code == "festival-yearly-cap" and "节日慰问每人每年限额" in str(refused.value)


def test_a_rule_binds_within_its_validity_period_and_a_new_version_ends_the_old(care):
    old = care.rules["festival-yearly-cap"]
    new = services.rule_add(
        node=care.d.root,
        code=old.code,
        name=old.name,
        kind=old.kind,
        campaign_kinds=old.campaign_kinds,
        amount=Decimal("2000.00"),
        basis=old.basis,
        reason=old.reason,
        valid_from=timezone.localdate() - datetime.timedelta(days=10),
        actor=care.staff,
    )
    old.refresh_from_db()
    assert old.valid_to == new.valid_from - datetime.timedelta(days=1)
    on_the_eve = {r.code: r for r in services.rules_binding(care.d.dinghai.path, old.valid_to)}
    assert on_the_eve[old.code].amount == Decimal("1500.00")
    campaign = care.campaign(care.d.dinghai, unit_value=Decimal("1600.00"), approve=False)
    assert services.campaign_approve(campaign=campaign, actor=care.checker).status == "approved"
    with pytest.raises(services.CareError) as street:  # the rules are the district's to set
        services.rule_end(rule=new, on=timezone.localdate(), actor=care.d.users["dinghai_cadre"])
    assert street.value.code == "role"
    services.rule_end(rule=new, on=timezone.localdate() - datetime.timedelta(days=5), actor=care.staff)
    assert not [
        r for r in services.rules_binding(care.d.dinghai.path, timezone.localdate()) if r.code == old.code
    ]
    assert MoneyRule.unscoped.filter(code=old.code).count() == 2  # nothing is deleted


def test_a_delivery_needs_the_member_s_pass_once_per_campaign(care):
    d = care.d
    campaign = care.campaign(d.dinghai)
    site = care.site(campaign, d.dinghai_union)
    cadre = d.users["dinghai_cadre"]
    first = pass_issue(member=d.members["own"])
    verified = services.delivery_verify(site=site, scanned=first.token, actor=cadre)
    assert verified.ok and verified.masked_name == "张*海"
    assert MemberPass.objects.get(code=first.code).used_at is None  # verifying does not use the pass
    delivery = services.delivery_record(site=site, scanned=first.token, actor=cadre)
    assert (delivery.member, delivery.value, delivery.receipt) == (
        d.members["own"],
        Decimal("120.00"),
        "pass",
    )
    assert MemberPass.objects.get(code=first.code).used_at is not None
    second = pass_issue(member=d.members["own"])
    assert not services.delivery_verify(site=site, scanned=second.code, actor=cadre).ok
    with pytest.raises(services.CareError) as twice:
        services.delivery_record(site=site, scanned=second.code, actor=cadre)
    assert twice.value.code == "served_twice" and "同一活动每人限领一次" in str(twice.value)
    assert site.name in str(twice.value)
    assert MemberPass.objects.get(code=second.code).used_at is None  # a refused delivery leaves the pass
    assert Delivery.unscoped.filter(campaign=campaign).count() == 1


def test_only_listed_members_of_an_approved_campaign_are_served(care):
    d = care.d
    campaign = care.campaign(d.dinghai, approve=False)
    site = care.site(campaign)
    with pytest.raises(services.CareError) as draft:
        services.delivery_record(
            site=site, scanned=pass_issue(member=d.members["own"]).token, actor=care.staff
        )
    assert draft.value.code == "not_open"
    approved = services.campaign_approve(campaign=campaign, actor=care.checker)
    site.campaign = approved
    with pytest.raises(services.CareError) as stranger:
        services.delivery_record(
            site=site, scanned=pass_issue(member=d.members["sibling"]).token, actor=care.staff
        )
    assert stranger.value.code == "not_listed"


def test_a_worker_without_a_phone_signs_on_the_cadre_s_phone(care):
    d = care.d
    site = care.site(care.campaign(d.dinghai))
    with pytest.raises(services.CareError) as unsigned:
        services.delivery_record(site=site, member=d.members["colleague"], signature="", actor=care.staff)
    assert unsigned.value.code == "signature"
    with pytest.raises(services.CareError):
        services.delivery_record(
            site=site, member=d.members["colleague"], signature="data:image/png;base64,AAAA", actor=care.staff
        )
    delivery = services.delivery_record(
        site=site, member=d.members["colleague"], signature=PNG, actor=care.staff
    )
    assert delivery.receipt == "signature" and Delivery.unscoped.get(pk=delivery.pk).signature == PNG
    with connection.cursor() as cursor:  # stored encrypted
        cursor.execute("SELECT signature FROM care_delivery WHERE id = %s", [delivery.pk])
        assert cursor.fetchone()[0] != PNG


def test_the_yearly_cap_per_person_holds_across_campaigns(care):
    d = care.d
    member = d.members["own"]
    first = care.site(care.campaign(d.dinghai, unit_value=Decimal("1000.00")))
    second = care.site(care.campaign(d.dinghai, kind="warmth", unit_value=Decimal("600.00")))
    services.delivery_record(site=first, member=member, signature=PNG, actor=care.staff)
    with pytest.raises(services.CareError) as capped:
        services.delivery_record(site=second, member=member, signature=PNG, actor=care.staff)
    assert capped.value.code == "festival-yearly-cap" and "节日慰问每人每年限额" in str(capped.value)
    assert Delivery.unscoped.filter(member=member).count() == 1
    # Training is not governed by the festival cap.
    training = care.site(care.campaign(d.dinghai, kind="training", unit_value=Decimal("900.00")))
    services.delivery_record(site=training, member=member, signature=PNG, actor=care.staff)
