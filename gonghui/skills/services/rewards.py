"""The technician upgrade reward: apply, verify the certificate (maker, which sets the amount
from the grade), approve (checker, another person), pay once. Paying is idempotent by key
and at most once per reward and per worker and grade, by constraints."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.roles import Role
from gonghui.members.models import Member, MemberStatus

from ..errors import SkillsError
from ..models import REWARD_YUAN, Grade, RewardPayout, TechnicianReward
from .common import require_scope


@transaction.atomic
def reward_apply(
    *,
    member: Member,
    grade: str,
    certificate_no: str,
    certified_on: datetime.date,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> TechnicianReward:
    """The worker applies (from the portal), or the union applies for them."""
    own = actor.role == Role.MEMBER and actor.member_id == member.pk
    if not own:
        require_scope(actor, member.path)
    if member.status != MemberStatus.ACTIVE:
        raise SkillsError(_("只有在册会员可以申请。"), "member")
    if grade not in Grade.values:
        raise SkillsError(_("奖励只面向取得技师或高级技师等级的职工。"), "grade")
    if not certificate_no.strip() or certified_on > timezone.localdate():
        raise SkillsError(_("请填写证书编号和发证日期。"), "certificate")
    try:
        with transaction.atomic():
            reward = TechnicianReward(
                member=member,
                grade=grade,
                certificate_no=certificate_no.strip()[:40],
                certified_on=certified_on,
                applied_at=timezone.now(),
                applied_by=actor,
            )
            reward.save()
    except IntegrityError:
        raise SkillsError(_("该职工已申请过这一等级的奖励，每人每个等级只奖励一次。"), "duplicate") from None
    audit_record(actor=actor, action="skills.reward.apply", target=reward, audit=audit)
    return reward


def require_staff(actor: User, reward: TechnicianReward) -> None:
    if not actor.is_backoffice:
        raise SkillsError(_("只有工会工作人员可以审核。"), "staff")
    require_scope(actor, reward.path)


@transaction.atomic
def reward_verify(
    *, reward: TechnicianReward, actor: User, note: str = "", audit: AuditContext = NO_REQUEST
) -> TechnicianReward:
    """First check (maker): the certificate is genuine; the amount follows from the grade."""
    require_staff(actor, reward)
    if not TechnicianReward.unscoped.filter(pk=reward.pk, status=TechnicianReward.Status.APPLIED).update(
        status=TechnicianReward.Status.VERIFIED,
        verified_by=actor,
        verified_at=timezone.now(),
        amount=REWARD_YUAN[Grade(reward.grade)],
        note=note.strip()[:300],
    ):
        raise SkillsError(_("该申请的状态已变化，请刷新后重试。"), "state")
    reward.refresh_from_db()
    audit_record(
        actor=actor,
        action="skills.reward.verify",
        target=reward,
        audit=audit,
        detail={"amount": str(reward.amount)},
    )
    return reward


def reward_approve(
    *, reward: TechnicianReward, actor: User, audit: AuditContext = NO_REQUEST
) -> TechnicianReward:
    """Second check (checker): someone other than the verifier (the database refuses it too).
    A refused attempt stays on the record."""
    require_staff(actor, reward)
    if reward.verified_by_id == actor.pk:
        audit_record(actor=actor, action="skills.reward.approve", target=reward, audit=audit, result="denied")
        raise SkillsError(_("审批人不能与核验人为同一人，请由另一位工作人员审批。"), "same_person")
    return _approve(reward=reward, actor=actor, audit=audit)


@transaction.atomic
def _approve(*, reward: TechnicianReward, actor: User, audit: AuditContext) -> TechnicianReward:
    if (
        not TechnicianReward.unscoped.filter(pk=reward.pk, status=TechnicianReward.Status.VERIFIED)
        .exclude(verified_by=actor)
        .update(status=TechnicianReward.Status.APPROVED, approved_by=actor, approved_at=timezone.now())
    ):
        raise SkillsError(_("该申请的状态已变化，请刷新后重试。"), "state")
    reward.refresh_from_db()
    audit_record(actor=actor, action="skills.reward.approve", target=reward, audit=audit)
    return reward


@transaction.atomic
def reward_reject(
    *, reward: TechnicianReward, note: str, actor: User, audit: AuditContext = NO_REQUEST
) -> TechnicianReward:
    require_staff(actor, reward)
    if not note.strip():
        raise SkillsError(_("不予通过时请填写理由。"), "note")
    if not TechnicianReward.unscoped.filter(
        pk=reward.pk, status__in=(TechnicianReward.Status.APPLIED, TechnicianReward.Status.VERIFIED)
    ).update(status=TechnicianReward.Status.REJECTED, note=note.strip()[:300]):
        raise SkillsError(_("该申请的状态已变化，请刷新后重试。"), "state")
    reward.refresh_from_db()
    audit_record(actor=actor, action="skills.reward.reject", target=reward, audit=audit)
    return reward


@transaction.atomic
def reward_pay(
    *, reward: TechnicianReward, key: str, actor: User, reference: str = "", audit: AuditContext = NO_REQUEST
) -> RewardPayout:
    """Pay an approved reward once. The same key gives back the same payout; any other
    attempt is refused by the ledger's unique constraints (per reward, per worker and grade)."""
    if actor.role != Role.DISTRICT_STAFF:
        raise SkillsError(_("只有区总工会工作人员可以发放。"), "role")
    if not 8 <= len(key) <= 64:
        raise SkillsError(_("请求无效，请刷新页面后重试。"), "key")
    # The lock on the reward row makes the retries of one request and the other
    # attempts on this reward take turns: each sees the payout of the one before.
    fresh = TechnicianReward.unscoped.select_for_update().get(pk=reward.pk)
    if (existing := RewardPayout.unscoped.filter(key=key).first()) is not None:
        if existing.reward_id != reward.pk:
            raise SkillsError(_("请求无效，请刷新页面后重试。"), "key")
        return existing
    if fresh.status != TechnicianReward.Status.APPROVED or fresh.amount is None:
        raise SkillsError(_("只有已批准的奖励才能发放。"), "state")
    payout = _record_payout(fresh, fresh.amount, key=key, actor=actor, reference=reference)
    fresh.status = TechnicianReward.Status.PAID
    fresh.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="skills.reward.pay",
        target=payout,
        audit=audit,
        detail={"amount": str(payout.amount)},
    )
    return payout


def _record_payout(
    reward: TechnicianReward, amount: Decimal, *, key: str, actor: User, reference: str
) -> RewardPayout:
    now = timezone.now()
    payout = RewardPayout(
        reward=reward,
        member_id=reward.member_id,
        grade=reward.grade,
        amount=amount,
        paid_on=timezone.localdate(now),
        paid_at=now,
        paid_by=actor,
        key=key,
        reference=reference.strip()[:40],
    )
    try:
        with transaction.atomic():
            payout.save()
    except IntegrityError:
        # Another reward of this worker and grade was paid, or the key is another request's.
        raise SkillsError(_("该奖励已发放，不能重复发放。"), "paid") from None
    return payout
