"""商惠: merchants, stores, cashiers and rules; the counter's verify-then-record flow."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.roles import Role
from gonghui.members.models import Member
from gonghui.members.passes import PassRefused, pass_redeem
from gonghui.organizations.models import Node

from ..errors import CardsError
from ..masking import mask_name
from ..models import (
    CashierAccount,
    DiscountRule,
    Merchant,
    MerchantStatusChange,
    RuleMemberUsage,
    Sale,
    Store,
)
from ..money import discount_for, to_money
from .scan import Counter, counter_and_holder, counter_of, require_holder

SALE_PURPOSE = "cards.sale"


@transaction.atomic
def merchant_create(
    *,
    name: str,
    category: str,
    agreement_start: datetime.date,
    agreement_end: datetime.date,
    node: Node,
    actor: User,
    contact: str = "",
    audit: AuditContext = NO_REQUEST,
) -> Merchant:
    if agreement_end < agreement_start:
        raise CardsError(_("协议结束日期不能早于开始日期。"))
    merchant = Merchant(
        name=name.strip(),
        category=category,
        agreement_start=agreement_start,
        agreement_end=agreement_end,
        node=node,
        contact=contact,
    )
    merchant.save()
    audit_record(actor=actor, action="cards.merchant.create", target=merchant, audit=audit)
    return merchant


@transaction.atomic
def merchant_set_status(
    *, merchant: Merchant, status: str, actor: User, audit: AuditContext = NO_REQUEST
) -> Merchant:
    """Suspending takes effect on the next verification: every scan reads the status afresh."""
    if status not in Merchant.Status.values:
        raise CardsError(_("无效的状态。"))
    before = Merchant.unscoped.select_for_update().filter(pk=merchant.pk).values_list("status", flat=True)[0]
    if before != status:
        Merchant.unscoped.filter(pk=merchant.pk).update(status=status)
        MerchantStatusChange.objects.create(
            merchant=merchant, from_status=before, to_status=status, at=timezone.now()
        )
    merchant.status = status
    audit_record(
        actor=actor,
        action="cards.merchant.status",
        target=merchant,
        audit=audit,
        detail={"status": status},
    )
    return merchant


@transaction.atomic
def store_create(
    *, merchant: Merchant, name: str, address: str = "", actor: User, audit: AuditContext = NO_REQUEST
) -> Store:
    store = Store(merchant=merchant, name=name.strip(), address=address)
    store.save()
    audit_record(actor=actor, action="cards.store.create", target=store, audit=audit)
    return store


@transaction.atomic
def cashier_account_create(
    *, user: User, store: Store, actor: User, audit: AuditContext = NO_REQUEST
) -> CashierAccount:
    if user.role != Role.CASHIER:
        raise CardsError(_("只有收银员角色的账号才能绑定门店。"))
    account, _created = CashierAccount.objects.update_or_create(
        user=user, defaults={"store": store, "active": True}
    )
    audit_record(
        actor=actor, action="cards.cashier.link", target=account, audit=audit, detail={"store": store.pk}
    )
    return account


@transaction.atomic
def rule_create(
    *,
    merchant: Merchant,
    name: str,
    rate: Decimal,
    starts_on: datetime.date,
    ends_on: datetime.date,
    actor: User,
    cap: Decimal | None = None,
    per_member_limit: int | None = None,
    campaign_limit: int | None = None,
    audit: AuditContext = NO_REQUEST,
) -> DiscountRule:
    if isinstance(rate, float) or isinstance(cap, float):
        raise TypeError("rates and caps are Decimal, never float")
    if not Decimal("0.10") <= rate <= Decimal("0.45"):
        raise CardsError(_("折扣率应在10%到45%之间。"))
    rule = DiscountRule(
        merchant=merchant,
        name=name.strip(),
        rate=rate,
        cap=to_money(cap) if cap is not None else None,
        per_member_limit=per_member_limit,
        campaign_limit=campaign_limit,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    rule.save()
    audit_record(actor=actor, action="cards.rule.create", target=rule, audit=audit)
    return rule


def rule_text(rule: DiscountRule) -> str:
    text = _("优惠%(rate)s") % {"rate": rule.percent_off}
    if rule.cap is not None:
        text += _("，单笔最多优惠%(cap)s元") % {"cap": rule.cap}
    if rule.per_member_limit is not None:
        text += _("，每人限%(n)s次") % {"n": rule.per_member_limit}
    return text


@dataclass(frozen=True)
class Verification:
    valid: bool
    message: str
    masked_name: str = ""
    discount_text: str = ""
    rate: Decimal | None = None
    cap: Decimal | None = None


def sale_verify(*, user: User, scanned: str, audit: AuditContext = NO_REQUEST) -> Verification:
    """Valid or not, whose (masked) and what discount applies; nothing is used up. Audited."""
    try:
        counter, rule, member = counter_and_holder(user, scanned)
    except (CardsError, PassRefused) as refused:
        audit_record(
            actor=user,
            action="cards.verify",
            result="denied",
            audit=audit,
            detail={"reason": str(refused)},
        )
        return Verification(valid=False, message=str(refused))
    audit_record(
        actor=user, action="cards.verify", target=member, audit=audit, detail={"store": counter.store.pk}
    )
    return Verification(
        valid=True,
        message=_("会员码有效"),
        masked_name=mask_name(member.name),
        discount_text=rule_text(rule),
        rate=rule.rate,
        cap=rule.cap,
    )


def sale_record(
    *, user: User, scanned: str, amount: Decimal | str, key: str, audit: AuditContext = NO_REQUEST
) -> Sale:
    """Record a discounted sale and use the member's pass, in one transaction. The same
    idempotency key gives back the same sale; a refusal is audited and changes nothing."""
    try:
        return _sale_record(user=user, scanned=scanned, amount=amount, key=key, audit=audit)
    except (CardsError, PassRefused) as refused:
        audit_record(
            actor=user, action="cards.sale", result="denied", audit=audit, detail={"reason": str(refused)}
        )
        raise CardsError(str(refused)) from None


def _same_key(key: str, counter: Counter) -> Sale | None:
    existing = Sale.unscoped.filter(idempotency_key=key).first()
    if existing is not None and existing.store_id != counter.store.pk:
        raise CardsError(_("重复的交易编号。"))
    return existing


@transaction.atomic
def _sale_record(*, user: User, scanned: str, amount: Decimal | str, key: str, audit: AuditContext) -> Sale:
    key = (key or "").strip()
    if not 8 <= len(key) <= 64:
        raise CardsError(_("缺少交易编号，请刷新页面后重试。"))
    total = to_money(amount)
    counter = counter_of(user)
    if existing := _same_key(key, counter):
        return existing
    merchant = counter.store.merchant
    rule = counter.rule_in_force()
    try:
        member = pass_redeem(scanned=scanned, purpose=SALE_PURPOSE, actor=user, audit=audit)
    except PassRefused:
        # A retried POST that lost the race to its own first try gets that sale back.
        if existing := _same_key(key, counter):
            return existing
        raise
    require_holder(member)
    _take_limits(rule, member)
    discount = discount_for(total, rule.rate, rule.cap)
    try:
        with transaction.atomic():
            sale = Sale.unscoped.create(
                store=counter.store,
                merchant=merchant,
                rule=rule,
                member=member,
                cashier=user,
                amount=total,
                discount=discount,
                idempotency_key=key,
                created_at=timezone.now(),
                path=member.path,
            )
    except IntegrityError:
        raise CardsError(_("重复的交易编号。")) from None
    audit_record(
        actor=user,
        action="cards.sale",
        target=sale,
        audit=audit,
        detail={"amount": str(total), "discount": str(discount), "store": counter.store.pk},
    )
    return sale


def _take_limits(rule: DiscountRule, member: Member) -> None:
    """Per-member and per-campaign limits as conditional UPDATEs: the database counts."""
    if rule.per_member_limit is not None:
        usage, _created = RuleMemberUsage.objects.get_or_create(rule=rule, member=member)
        taken = RuleMemberUsage.objects.filter(pk=usage.pk, used__lt=rule.per_member_limit).update(
            used=F("used") + 1
        )
        if not taken:
            raise CardsError(_("该会员已用完本活动的优惠次数。"))
    campaign = DiscountRule.unscoped.filter(pk=rule.pk)
    if rule.campaign_limit is not None:
        campaign = campaign.filter(used__lt=F("campaign_limit"))
    if not campaign.update(used=F("used") + 1):
        raise CardsError(_("本活动的优惠名额已用完。"))
