"""Health checks and rest-home stays: offers with places, a place booked by an eligible member or
assigned by their union (a conditional UPDATE keeps the places, the allowance row the yearly cap
per person), cancelled, and marked done with only the results the member agreed to keep."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.members.models import Member, MemberGroup, MemberStatus
from gonghui.organizations.models import Node

from ..errors import CareError
from ..models import CENT, Offer, OfferKind, OfferMode, Stay, StayStatus
from .rules import allowance_give_back, allowance_take, count_caps

ONE = Decimal(1)


@transaction.atomic
def offer_create(
    *,
    kind: str,
    title: str,
    place: str,
    node: Node,
    mode: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    book_by: datetime.date,
    places: int,
    actor: User,
    unit_cost: Decimal = Decimal("0"),
    group: MemberGroup | None = None,
    audit: AuditContext = NO_REQUEST,
) -> Offer:
    if kind not in OfferKind.values or mode not in OfferMode.values:
        raise CareError(_("项目或方式无效。"), "invalid")
    if not title.strip() or not place.strip():
        raise CareError(_("请填写名称和地点。"), "invalid")
    if ends_on < starts_on or book_by > starts_on:
        raise CareError(_("日期有误：结束不能早于开始，预约截止不能晚于开始。"), "invalid")
    if places < 1 or unit_cost < 0:
        raise CareError(_("名额至少为1，费用不能为负数。"), "invalid")
    if group is not None and not (group.path.startswith(node.path) or node.path.startswith(group.path)):
        raise CareError(_("只能限定本组织范围内的会员名单。"), "scope")
    offer = Offer.unscoped.create(
        kind=kind,
        title=title.strip(),
        place=place.strip(),
        node=node,
        group=group,
        mode=mode,
        starts_on=starts_on,
        ends_on=ends_on,
        book_by=book_by,
        places=places,
        unit_cost=Decimal(unit_cost).quantize(CENT),
        created_by=actor,
    )
    audit_record(actor=actor, action="care.offer.create", target=offer, audit=audit)
    return offer


def eligible(offer: Offer, member: Member) -> bool:
    if member.status != MemberStatus.ACTIVE or member.id_problem or not member.path.startswith(offer.path):
        return False
    return offer.group is None or offer.group.members.filter(pk=member.pk).exists()


def _take_place(offer: Offer, member: Member, status: str, actor: User | None, audit: AuditContext) -> Stay:
    if not eligible(offer, member):
        raise CareError(_("该职工不在本项目的范围内。"), "not_eligible")
    try:
        with transaction.atomic():
            stay = Stay.unscoped.create(
                offer=offer,
                member=member,
                kind=offer.kind,
                status=status,
                created_at=timezone.now(),
                created_by=actor,
            )
    except IntegrityError:
        raise CareError(_("该职工已有本项目的名额。"), "twice") from None
    if not Offer.unscoped.filter(pk=offer.pk, taken__lt=F("places")).update(taken=F("taken") + 1):
        raise CareError(_("名额已满。"), "full")
    for rule in count_caps(offer.kind, member, offer.starts_on):
        allowance_take(member=member, rule=rule, year=offer.starts_on.year, amount=ONE)
    audit_record(
        actor=actor, action=f"care.stay.{status}", target=stay, audit=audit, detail={"offer": offer.pk}
    )
    return stay


@transaction.atomic
def stay_book(*, offer: Offer, member: Member, actor: User, audit: AuditContext = NO_REQUEST) -> Stay:
    """An eligible member books a place themselves, until the booking deadline."""
    if offer.mode != OfferMode.BOOKING:
        raise CareError(_("本项目由工会统一安排，不接受个人预约。"), "assignment_only")
    if timezone.localdate() > offer.book_by:
        raise CareError(_("预约已截止。"), "closed")
    return _take_place(offer, member, StayStatus.BOOKED, actor, audit)


@transaction.atomic
def stay_assign(*, offer: Offer, member: Member, actor: User, audit: AuditContext = NO_REQUEST) -> Stay:
    """The union assigns a place (either mode), until the offer starts."""
    if timezone.localdate() > offer.starts_on:
        raise CareError(_("项目已开始，不能再安排。"), "closed")
    return _take_place(offer, member, StayStatus.ASSIGNED, actor, audit)


@transaction.atomic
def stay_cancel(*, stay: Stay, actor: User, audit: AuditContext = NO_REQUEST) -> Stay:
    offer = stay.offer
    if timezone.localdate() >= offer.starts_on:
        raise CareError(_("项目已开始，不能取消。"), "closed")
    moved = Stay.unscoped.filter(pk=stay.pk, status__in=[StayStatus.BOOKED, StayStatus.ASSIGNED]).update(
        status=StayStatus.CANCELLED
    )
    if not moved:
        raise CareError(_("该名额已取消或已完成。"), "not_held")
    Offer.unscoped.filter(pk=offer.pk, taken__gt=0).update(taken=F("taken") - 1)
    codes = [rule.code for rule in count_caps(offer.kind, stay.member, offer.starts_on)]
    allowance_give_back(member=stay.member, codes=codes, year=offer.starts_on.year, amount=ONE)
    audit_record(actor=actor, action="care.stay.cancel", target=stay, audit=audit)
    return Stay.unscoped.get(pk=stay.pk)


@transaction.atomic
def stay_done(
    *,
    stay: Stay,
    done_on: datetime.date,
    actor: User,
    attended: bool = True,
    consent: bool = False,
    result: str = "",
    audit: AuditContext = NO_REQUEST,
) -> Stay:
    """A check done or a stay taken (or not attended). Of the results, only a summary the member
    agreed to have kept, encrypted; without consent nothing of their health is stored."""
    if result.strip() and not consent:
        raise CareError(_("未经本人同意，不得记录体检或疗养结果。"), "consent")
    if done_on > timezone.localdate() or done_on < stay.offer.starts_on:
        raise CareError(_("完成日期须在项目开始之后、今天之前。"), "invalid")
    status = StayStatus.DONE if attended else StayStatus.NO_SHOW
    moved = Stay.unscoped.filter(pk=stay.pk, status__in=[StayStatus.BOOKED, StayStatus.ASSIGNED]).update(
        status=status,
        done_on=done_on if attended else None,
        consent=consent and attended,
        result=result.strip()[:500] if attended else "",
    )
    if not moved:
        raise CareError(_("该名额已取消或已记录。"), "not_held")
    audit_record(actor=actor, action=f"care.stay.{status}", target=stay, audit=audit)
    return Stay.unscoped.get(pk=stay.pk)
