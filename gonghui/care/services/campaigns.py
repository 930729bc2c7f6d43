"""Campaigns from draft to close: the target groups, the recipient list built from the records,
approval by a second person after the money rules, and the delivery sites."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.members.models import Member, MemberGroup, MemberStatus
from gonghui.organizations.models import Node, Unit

from ..errors import CareError
from ..models import (
    CENT,
    Campaign,
    CampaignKind,
    CampaignStatus,
    CampaignTarget,
    GoodsKind,
    Recipient,
    Site,
)
from .rules import campaign_rules_check


def _inside(node: Node, campaign: Campaign) -> None:
    if not node.path.startswith(campaign.path):
        raise CareError(_("只能选择本活动主办组织范围内的组织。"), "scope")


def _draft(campaign: Campaign) -> Campaign:
    campaign = Campaign.unscoped.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.DRAFT:
        raise CareError(_("活动已批准，名单和对象不能再改动。"), "not_draft")
    return campaign


@transaction.atomic
def campaign_create(
    *,
    name: str,
    kind: str,
    node: Node,
    starts_on: datetime.date,
    ends_on: datetime.date,
    goods_kind: str,
    goods: str,
    unit_value: Decimal,
    budget: Decimal,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> Campaign:
    if kind not in CampaignKind.values or goods_kind not in GoodsKind.values:
        raise CareError(_("活动类型或慰问形式无效。"), "invalid")
    if not name.strip() or not goods.strip():
        raise CareError(_("请填写活动名称和慰问物品或服务。"), "invalid")
    if ends_on < starts_on:
        raise CareError(_("结束日期不能早于开始日期。"), "invalid")
    unit_value, budget = Decimal(unit_value).quantize(CENT), Decimal(budget).quantize(CENT)
    if unit_value <= 0 or budget < 0:
        raise CareError(_("每人标准须大于零，预算不能为负数。"), "invalid")
    campaign = Campaign.unscoped.create(
        name=name.strip(),
        kind=kind,
        node=node,
        starts_on=starts_on,
        ends_on=ends_on,
        goods_kind=goods_kind,
        goods=goods.strip(),
        unit_value=unit_value,
        budget=budget,
        created_by=actor,
    )
    audit_record(actor=actor, action="care.campaign.create", target=campaign, audit=audit)
    return campaign


def target_label(node: Node | None, industries: Iterable[str], group: MemberGroup | None) -> str:
    if group is not None:
        return group.name
    assert node is not None
    names = [str(Unit.Industry(code).label) for code in industries]
    return f"{node.name}（{'、'.join(names)}）" if names else node.name


@transaction.atomic
def campaign_target_add(
    *,
    campaign: Campaign,
    actor: User,
    node: Node | None = None,
    industries: Iterable[str] = (),
    group: MemberGroup | None = None,
    audit: AuditContext = NO_REQUEST,
) -> CampaignTarget:
    """A target group: the members of a subtree (of some industries: construction, sanitation…),
    or a member list another module keeps (a competition's front-line workers)."""
    campaign = _draft(campaign)
    industries = list(industries)
    if (node is None) == (group is None):
        raise CareError(_("请选择一个组织或一份会员名单。"), "invalid")
    if not set(industries) <= set(Unit.Industry.values):
        raise CareError(_("行业无效。"), "invalid")
    if node is not None:
        _inside(node, campaign)
    target = CampaignTarget.objects.create(
        campaign=campaign,
        node=node,
        industries=industries if node is not None else [],
        group=group,
        label=target_label(node, industries, group),
    )
    audit_record(
        actor=actor,
        action="care.campaign.target",
        target=campaign,
        audit=audit,
        detail={"label": target.label},
    )
    return target


def _members_of(campaign: Campaign, target: CampaignTarget) -> Iterable[tuple[int, str]]:
    members = Member.unscoped.filter(
        status=MemberStatus.ACTIVE, id_problem="", path__startswith=campaign.path
    )
    if target.group_id is not None:
        members = members.filter(groups=target.group_id)
    else:
        assert target.node is not None
        members = members.filter(path__startswith=target.node.path)
        if target.industries:
            members = members.filter(unit__industry__in=target.industries)
    return members.values_list("pk", "path").iterator(chunk_size=2000)


@transaction.atomic
def recipients_build(*, campaign: Campaign, actor: User, audit: AuditContext = NO_REQUEST) -> int:
    """The list from the records: members in good standing of every target group, each once,
    within the organizer's subtree. Rebuilt from scratch until the campaign is approved."""
    campaign = _draft(campaign)
    Recipient.unscoped.filter(campaign=campaign).delete()
    seen: set[int] = set()
    rows: list[Recipient] = []
    for target in campaign.targets.select_related("node").order_by("id"):
        for pk, path in _members_of(campaign, target):
            if pk not in seen:
                seen.add(pk)
                rows.append(Recipient(campaign=campaign, member_id=pk, path=path, source=target.label))
    Recipient.unscoped.bulk_create(rows, batch_size=2000)
    audit_record(
        actor=actor,
        action="care.campaign.recipients",
        target=campaign,
        audit=audit,
        detail={"count": len(rows)},
    )
    return len(rows)


def campaign_approve(*, campaign: Campaign, actor: User, audit: AuditContext = NO_REQUEST) -> Campaign:
    """A second person approves, after the budget and the rules of union money are checked. A
    refusal is audited with the rule that refused."""
    try:
        with transaction.atomic():
            campaign = _draft(campaign)
            if campaign.created_by_id == actor.pk:
                raise CareError(_("活动须由创建人以外的另一人审批。"), "same_person")
            listed = Recipient.unscoped.filter(campaign=campaign).count()
            if not listed:
                raise CareError(_("请先生成慰问名单。"), "no_recipients")
            needed = campaign.unit_value * listed
            if needed > campaign.budget:
                raise CareError(
                    _("预算不足：%(n)s 人 × %(v)s 元 = %(need)s 元，超过预算 %(budget)s 元。")
                    % {"n": listed, "v": campaign.unit_value, "need": needed, "budget": campaign.budget},
                    "budget",
                )
            campaign_rules_check(campaign)
            campaign.status, campaign.approved_by, campaign.approved_at = (
                CampaignStatus.APPROVED,
                actor,
                timezone.now(),
            )
            campaign.save(update_fields=["status", "approved_by", "approved_at"])
            audit_record(actor=actor, action="care.campaign.approve", target=campaign, audit=audit)
            return campaign
    except CareError as refused:
        audit_record(
            actor=actor,
            action="care.campaign.approve",
            target=campaign,
            result="denied",
            audit=audit,
            detail={"rule": refused.code, "reason": str(refused)},
        )
        raise


@transaction.atomic
def campaign_close(*, campaign: Campaign, actor: User, audit: AuditContext = NO_REQUEST) -> Campaign:
    updated = Campaign.unscoped.filter(pk=campaign.pk, status=CampaignStatus.APPROVED).update(
        status=CampaignStatus.CLOSED, closed_at=timezone.now()
    )
    if not updated:
        raise CareError(_("只有进行中的活动可以结束。"), "not_open")
    audit_record(actor=actor, action="care.campaign.close", target=campaign, audit=audit)
    return Campaign.unscoped.get(pk=campaign.pk)


@transaction.atomic
def site_add(
    *,
    campaign: Campaign,
    node: Node,
    name: str,
    on_day: datetime.date,
    actor: User,
    address: str = "",
    audit: AuditContext = NO_REQUEST,
) -> Site:
    if campaign.status == CampaignStatus.CLOSED:
        raise CareError(_("活动已结束。"), "not_open")
    _inside(node, campaign)
    if not name.strip():
        raise CareError(_("请填写慰问点名称。"), "invalid")
    if not campaign.starts_on <= on_day <= campaign.ends_on:
        raise CareError(_("慰问日期须在活动期间内。"), "invalid")
    site = Site.unscoped.create(
        campaign=campaign, node=node, name=name.strip(), address=address.strip(), on_day=on_day
    )
    audit_record(actor=actor, action="care.site.add", target=site, audit=audit)
    return site
