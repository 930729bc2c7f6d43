"""The technician upgrade reward: one per worker and grade by constraint, verification and
approval by two people (maker-checker), paid once into an append-only ledger."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from gonghui.audit.models import AuditRecord
from gonghui.skills import services
from gonghui.skills.models import Grade, RewardPayout, TechnicianReward
from gonghui.testing.skills import approved_reward, second_clerk

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 1)


def apply(district, member, grade=Grade.TECHNICIAN, actor=None):
    return services.reward_apply(
        member=member,
        grade=grade,
        certificate_no="1031000000123",
        certified_on=DAY,
        actor=actor or district.users["district"],
    )


def test_one_reward_per_worker_and_grade_by_constraint(district):
    member = district.members["own"]
    first = apply(district, member)
    with pytest.raises(services.SkillsError) as refused:
        apply(district, member)
    assert refused.value.code == "duplicate"
    apply(district, member, Grade.SENIOR_TECHNICIAN)  # the next grade is rewarded too
    with transaction.atomic(), pytest.raises(IntegrityError):
        TechnicianReward.unscoped.create(
            member=member,
            grade=Grade.TECHNICIAN,
            certificate_no="x",
            certified_on=DAY,
            applied_at=first.applied_at,
            path=member.path,
        )
    services.reward_reject(reward=first, note="证书无法核实", actor=district.users["district"])
    assert apply(district, member).status == TechnicianReward.Status.APPLIED  # a refused one may apply again


def test_approval_needs_a_second_person(district):
    maker, checker = district.users["district"], second_clerk(district)
    reward = apply(district, district.members["own"])
    services.reward_verify(reward=reward, actor=maker)
    with pytest.raises(services.SkillsError) as refused:
        services.reward_approve(reward=reward, actor=maker)
    assert refused.value.code == "same_person"
    assert AuditRecord.objects.filter(action="skills.reward.approve", result="denied").count() == 1
    with transaction.atomic(), pytest.raises(IntegrityError):
        TechnicianReward.unscoped.filter(pk=reward.pk).update(approved_by=maker, status="approved")
    approved = services.reward_approve(reward=reward, actor=checker)
    assert approved.status == TechnicianReward.Status.APPROVED and approved.amount == Decimal("1000.00")


def test_paid_once_with_an_idempotent_key_into_an_append_only_ledger(district):
    reward = approved_reward(district, district.members["own"], Grade.SENIOR_TECHNICIAN)
    staff = district.users["district"]
    payout = services.reward_pay(reward=reward, key="pay-key-000001", actor=staff)
    assert payout.amount == Decimal("2000.00")
    assert services.reward_pay(reward=reward, key="pay-key-000001", actor=staff).pk == payout.pk
    with pytest.raises(services.SkillsError):
        services.reward_pay(reward=reward, key="pay-key-000002", actor=staff)
    assert RewardPayout.unscoped.count() == 1
    with transaction.atomic(), pytest.raises(Exception, match="append-only"):
        RewardPayout.unscoped.filter(pk=payout.pk).update(amount=Decimal("1.00"))
    with pytest.raises(services.SkillsError):  # a street cadre does not pay
        services.reward_pay(
            reward=approved_reward(district, district.members["colleague"]),
            key="pay-key-000003",
            actor=district.users["dinghai_cadre"],
        )


def test_the_member_applies_and_follows_it_on_the_phone(district):
    client = Client()
    client.force_login(district.users["member"])
    url = reverse("skills:m_reward_new")
    bad = client.post(url, {"grade": "2", "certificate_no": "1031000000999", "certified_on": "去年"})
    assert bad.status_code == 400 and "1031000000999" in bad.content.decode()
    ok = client.post(url, {"grade": "2", "certificate_no": "1031000000999", "certified_on": "2026-02-01"})
    assert ok.status_code == 302
    reward = TechnicianReward.unscoped.get()
    assert reward.member == district.members["own"] and reward.applied_by == district.users["member"]
    assert "1031000000999" in client.get(reverse("skills:m_home")).content.decode()


def test_the_pages_walk_the_reward_from_verification_to_payout(district):
    reward = apply(district, district.members["own"])
    maker, checker = Client(), Client()
    maker.force_login(district.users["district"])
    checker.force_login(second_clerk(district))
    maker.post(reverse("skills:reward_verify", args=[reward.pk]))
    page = maker.post(reverse("skills:reward_approve", args=[reward.pk]), follow=True)
    assert "另一位工作人员" in page.content.decode()
    checker.post(reverse("skills:reward_approve", args=[reward.pk]))
    maker.post(
        reverse("skills:reward_pay", args=[reward.pk]), {"key": "page-key-00001", "reference": "PZ001"}
    )
    reward.refresh_from_db()
    assert reward.status == TechnicianReward.Status.PAID
    ledger = maker.get(reverse("skills:payouts")).content.decode()
    assert "1000.00" in ledger and "PZ001" in ledger
