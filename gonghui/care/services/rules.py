"""The rules of union money: which bind a record (set at its node or above, in force on its day),
the checks before a campaign or an aid is approved, and the yearly caps per person, kept by a
conditional UPDATE of the person's allowance row. Each refusal names its rule and gives its
reason in Chinese; its `code` is the rule's."""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import NoReturn

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.roles import Role
from gonghui.members.models import Member
from gonghui.organizations.models import Node

from ..errors import CareError
from ..models import (
    AidGrant,
    AidKind,
    Allowance,
    Campaign,
    CampaignKind,
    GoodsKind,
    GrantStatus,
    MoneyRule,
    OfferKind,
    RuleKind,
    ancestor_paths,
)


def rules_binding(path: str, day: datetime.date, kinds: Iterable[str] = ()) -> list[MoneyRule]:
    """The rules in force on `day` for a record at `path`: set at its node or above."""
    rules = MoneyRule.unscoped.filter(path__in=ancestor_paths(path), valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    if kinds:
        rules = rules.filter(kind__in=list(kinds))
    return list(rules.order_by("path", "code"))


def refusal(rule: MoneyRule) -> CareError:
    message = _("不符合「%(rule)s」：%(reason)s（依据：%(basis)s）") % {
        "rule": rule.name,
        "reason": rule.reason,
        "basis": rule.basis,
    }
    return CareError(message, rule.code)


def refuse(rule: MoneyRule) -> NoReturn:
    raise refusal(rule)


def campaign_rules_check(campaign: Campaign) -> None:
    """Before a campaign is approved: forbidden goods, and a value per person above a yearly cap."""
    for rule in rules_binding(campaign.path, campaign.starts_on):
        kinds = rule.campaign_kinds
        if rule.kind == RuleKind.FORBIDDEN_GOODS and (not kinds or campaign.kind in kinds):
            if campaign.goods_kind in rule.goods_kinds:
                refuse(rule)
        elif rule.kind == RuleKind.YEARLY_VALUE_CAP and campaign.kind in kinds:
            assert rule.amount is not None  # the database checks it
            if campaign.unit_value > rule.amount:
                refuse(rule)


def allowance_take(*, member: Member, rule: MoneyRule, year: int, amount: Decimal) -> None:
    """Use `amount` of the person's yearly cap under `rule`, or refuse: one conditional UPDATE,
    so two uses at the same moment cannot both pass the cap."""
    cap = rule.amount if rule.kind == RuleKind.YEARLY_VALUE_CAP else Decimal(rule.count or 0)
    assert cap is not None
    Allowance.objects.get_or_create(member=member, year=year, rule_code=rule.code)
    taken = Allowance.objects.filter(
        member=member, year=year, rule_code=rule.code, used__lte=cap - amount
    ).update(used=F("used") + amount)
    if not taken:
        refuse(rule)


def allowance_give_back(*, member: Member, codes: Iterable[str], year: int, amount: Decimal) -> None:
    Allowance.objects.filter(member=member, year=year, rule_code__in=list(codes), used__gte=amount).update(
        used=F("used") - amount
    )


def delivery_caps(*, campaign: Campaign, member: Member, day: datetime.date) -> list[str]:
    """Take the value of one delivery from every yearly cap on the campaign's kind; the codes used."""
    used = []
    for rule in rules_binding(member.path, day, [RuleKind.YEARLY_VALUE_CAP]):
        if campaign.kind in rule.campaign_kinds:
            allowance_take(member=member, rule=rule, year=day.year, amount=campaign.unit_value)
            used.append(rule.code)
    return used


def count_caps(offer_kind: str, member: Member, day: datetime.date) -> list[MoneyRule]:
    return [
        rule
        for rule in rules_binding(member.path, day, [RuleKind.YEARLY_COUNT_CAP])
        if rule.offer_kind == offer_kind
    ]


def grant_rules_check(grant: AidGrant, member: Member, day: datetime.date) -> None:
    """Before an aid is approved (the file's row is locked by the caller): one illness aid per
    illness a year, and the yearly cap per person on aid of its kind."""
    rules = rules_binding(grant.path, day, [RuleKind.ONE_PER_CAUSE, RuleKind.YEARLY_VALUE_CAP])
    for rule in rules:
        if rule.kind == RuleKind.ONE_PER_CAUSE and grant.kind in rule.aid_kinds:
            earlier = AidGrant.unscoped.filter(
                file_id=grant.file_id,
                cause_id=grant.cause_id,
                kind=grant.kind,
                year=grant.year,
                status__in=[GrantStatus.APPROVED, GrantStatus.PAID],
            ).exclude(pk=grant.pk)
            if earlier.exists():
                refuse(rule)
    for rule in rules:
        if rule.kind == RuleKind.YEARLY_VALUE_CAP and grant.kind in rule.aid_kinds:
            allowance_take(member=member, rule=rule, year=grant.year, amount=grant.amount)


# Keeping the rules ------------------------------------------------------------------------------------


def keeper(actor: User) -> None:
    """The rules of union money and the year's standard are the district federation's to set."""
    if actor.role != Role.DISTRICT_STAFF:
        raise CareError(_("经费使用规则和困难职工认定标准由区总工会制定。"), "role")


def _only(values: Iterable[str], allowed: Iterable[str], what: str) -> list[str]:
    values, allowed = list(values), set(allowed)
    if not set(values) <= allowed:
        raise CareError(_("%(what)s无效。") % {"what": what}, "rule")
    return values


@transaction.atomic
def rule_add(
    *,
    node: Node,
    code: str,
    name: str,
    kind: str,
    basis: str,
    reason: str,
    valid_from: datetime.date,
    actor: User,
    campaign_kinds: Iterable[str] = (),
    goods_kinds: Iterable[str] = (),
    aid_kinds: Iterable[str] = (),
    offer_kind: str = "",
    amount: Decimal | None = None,
    count: int | None = None,
    audit: AuditContext = NO_REQUEST,
) -> MoneyRule:
    """A new rule, or a new version of one (same code, same node): the version in force is ended
    the day before, so a past approval can still be read against the rule of its day."""
    keeper(actor)
    if kind not in RuleKind.values:
        raise CareError(_("规则类型无效。"), "rule")
    if not (code.strip() and name.strip() and basis.strip() and reason.strip()):
        raise CareError(_("请填写规则编号、名称、依据和不予通过的理由。"), "rule")
    campaign_kinds = _only(campaign_kinds, CampaignKind.values, _("适用活动"))
    goods_kinds = _only(goods_kinds, GoodsKind.values, _("禁止物品"))
    aid_kinds = _only(aid_kinds, AidKind.values, _("适用帮扶"))
    if kind == RuleKind.FORBIDDEN_GOODS and not goods_kinds:
        raise CareError(_("请选择禁止发放的物品。"), "rule")
    if kind == RuleKind.YEARLY_VALUE_CAP and (not amount or amount <= 0 or not (campaign_kinds or aid_kinds)):
        raise CareError(_("金额上限须大于零，并选择适用的活动或帮扶。"), "rule")
    if kind == RuleKind.YEARLY_COUNT_CAP and (not count or count < 1 or offer_kind not in OfferKind.values):
        raise CareError(_("次数上限须至少为1，并选择适用项目。"), "rule")
    if kind == RuleKind.ONE_PER_CAUSE and not aid_kinds:
        raise CareError(_("请选择适用的帮扶类型。"), "rule")
    current = MoneyRule.unscoped.select_for_update().filter(
        node=node, code=code.strip(), valid_to__isnull=True
    )
    for rule in current:
        if rule.valid_from >= valid_from:
            raise CareError(_("新版本的生效日期须晚于现行版本。"), "rule")
        rule.valid_to = valid_from - datetime.timedelta(days=1)
        rule.save(update_fields=["valid_to"])
    rule = MoneyRule.unscoped.create(
        node=node,
        code=code.strip(),
        name=name.strip(),
        kind=kind,
        campaign_kinds=campaign_kinds,
        goods_kinds=goods_kinds,
        aid_kinds=aid_kinds,
        offer_kind=offer_kind if kind == RuleKind.YEARLY_COUNT_CAP else "",
        amount=amount.quantize(Decimal("0.01")) if amount is not None else None,
        count=count,
        basis=basis.strip(),
        reason=reason.strip(),
        valid_from=valid_from,
        created_by=actor,
    )
    audit_record(actor=actor, action="care.rule.add", target=rule, audit=audit, detail={"code": rule.code})
    return rule


@transaction.atomic
def rule_end(
    *, rule: MoneyRule, on: datetime.date, actor: User, audit: AuditContext = NO_REQUEST
) -> MoneyRule:
    """A rule stops binding after `on` (it is never deleted: approvals were checked against it)."""
    keeper(actor)
    if on < rule.valid_from:
        raise CareError(_("失效日期不能早于生效日期。"), "rule")
    if rule.valid_to is not None and rule.valid_to <= on:
        raise CareError(_("该规则已于 %(day)s 失效。") % {"day": rule.valid_to.isoformat()}, "rule")
    rule.valid_to = on
    rule.save(update_fields=["valid_to"])
    audit_record(actor=actor, action="care.rule.end", target=rule, audit=audit, detail={"on": on.isoformat()})
    return rule
