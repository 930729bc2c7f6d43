"""The procedure up to the draft: the offer (要约), the answer within 20 days, rounds of talks
with the information provided 5 days before each, and the draft put to the workers' congress
through the spine's referral (the congress's vote decides it; this module reads the decision)."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.organizations.models import Node, Referral, Unit
from gonghui.organizations.selectors import referral_of
from gonghui.organizations.services import ReferralError, referral_open

from ..errors import BargainingError
from ..models import ANSWER_DAYS, INFO_DAYS_BEFORE, Agreement, Kind, Level, Offer, Round

UNION_KINDS = (
    Node.Kind.GRASSROOTS,
    Node.Kind.INDUSTRY,
    Node.Kind.REGIONAL,
    Node.Kind.PARK,
    Node.Kind.BUILDING,
    Node.Kind.STREET,
)


def _check_parties(node: Node, level: str, unit: Unit | None) -> None:
    if node.kind not in UNION_KINDS:
        raise BargainingError(_("要约须由工会发出。"), "node")
    if level == Level.ENTERPRISE:
        if unit is None or unit.union_id != node.pk:
            raise BargainingError(_("企业集体协商须由该企业的基层工会发出要约。"), "unit")
    elif node.kind == Node.Kind.GRASSROOTS:
        raise BargainingError(_("区域性、行业性协商须由区域或行业工会发出要约。"), "level")


@transaction.atomic
def offer_send(
    *,
    node: Node,
    kind: str,
    level: str,
    counterpart: str,
    sent_on: datetime.date,
    unit: Unit | None = None,
    action_month: bool = False,
    renews: Agreement | None = None,
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> Offer:
    if kind not in Kind.values or level not in Level.values:
        raise BargainingError(_("协商内容或层级无效。"), "kind")
    _check_parties(node, level, unit)
    if not counterpart.strip():
        raise BargainingError(_("请填写协商对方。"), "counterpart")
    if sent_on > timezone.localdate():
        raise BargainingError(_("要约日期不能晚于今天。"), "date")
    offer = Offer(
        node=node,
        kind=kind,
        level=level,
        unit=unit if level == Level.ENTERPRISE else None,
        counterpart=counterpart.strip(),
        sent_on=sent_on,
        answer_due=sent_on + datetime.timedelta(days=ANSWER_DAYS),
        action_month=action_month,
        renews=renews,
    )
    offer.save()
    audit_record(actor=actor, action="bargaining.offer.send", target=offer, audit=audit)
    return offer


def _move(offer: Offer, came_from: list[str], refusal: str, **fields: object) -> Offer:
    if not Offer.unscoped.filter(pk=offer.pk, status__in=came_from).update(**fields):
        raise BargainingError(refusal, "status")
    offer.refresh_from_db()
    return offer


@transaction.atomic
def offer_answer(
    *, offer: Offer, accepted: bool, on: datetime.date, actor: User | None, audit: AuditContext = NO_REQUEST
) -> Offer:
    """The other side's answer; a late answer is recorded as late (the clock shows it)."""
    if on < offer.sent_on or on > timezone.localdate():
        raise BargainingError(_("答复日期无效。"), "date")
    status = Offer.Status.TALKS if accepted else Offer.Status.DECLINED
    offer = _move(offer, [Offer.Status.SENT], _("该要约已答复。"), status=status, answered_on=on)
    audit_record(
        actor=actor,
        action="bargaining.offer.answer",
        target=offer,
        audit=audit,
        detail={"accepted": accepted},
    )
    return offer


@transaction.atomic
def round_schedule(
    *, offer: Offer, talks_on: datetime.date, actor: User | None, audit: AuditContext = NO_REQUEST
) -> Round:
    offer = Offer.unscoped.select_for_update().get(pk=offer.pk)
    if offer.status != Offer.Status.TALKS:
        raise BargainingError(_("对方同意协商后才能安排协商。"), "status")
    if talks_on < timezone.localdate():
        raise BargainingError(_("协商日期不能早于今天。"), "date")
    number = Round.objects.filter(offer=offer).count() + 1
    talks = Round.objects.create(
        offer=offer,
        number=number,
        talks_on=talks_on,
        info_due=talks_on - datetime.timedelta(days=INFO_DAYS_BEFORE),
    )
    audit_record(
        actor=actor, action="bargaining.round.schedule", target=offer, audit=audit, detail={"round": number}
    )
    return talks


@transaction.atomic
def round_info_provided(
    *, talks: Round, on: datetime.date, actor: User | None, audit: AuditContext = NO_REQUEST
) -> Round:
    if talks.info_provided_on is not None:
        raise BargainingError(_("已记录资料提供日期。"), "done")
    talks.info_provided_on = on
    talks.save(update_fields=["info_provided_on"])
    audit_record(
        actor=actor,
        action="bargaining.round.info",
        target=talks.offer,
        audit=audit,
        detail={"round": talks.number},
    )
    return talks


@transaction.atomic
def round_hold(*, talks: Round, minutes: str, actor: User | None, audit: AuditContext = NO_REQUEST) -> Round:
    if talks.held:
        raise BargainingError(_("该轮协商已记录纪要。"), "done")
    if not minutes.strip():
        raise BargainingError(_("请填写协商纪要。"), "minutes")
    if talks.talks_on > timezone.localdate():
        raise BargainingError(_("协商日期未到。"), "date")
    talks.held, talks.minutes = True, minutes.strip()
    talks.save(update_fields=["held", "minutes"])
    audit_record(
        actor=actor,
        action="bargaining.round.hold",
        target=talks.offer,
        audit=audit,
        detail={"round": talks.number},
    )
    return talks


def referral_node(offer: Offer) -> Node:
    """Whose workers' congress votes on the draft: the enterprise union's, or (regional and
    industry agreements) the joint congress of the union that bargained."""
    return offer.node


@transaction.atomic
def draft_refer(
    *, offer: Offer, draft: str, actor: User | None, audit: AuditContext = NO_REQUEST
) -> Referral:
    """Put the draft to the workers' congress: a referral in the spine that the congress's vote
    decides. A rejected draft may be revised and put again."""
    offer = Offer.unscoped.select_for_update().get(pk=offer.pk)
    if offer.status != Offer.Status.TALKS:
        raise BargainingError(_("协商中的要约才能提交草案。"), "status")
    if not Round.objects.filter(offer=offer, held=True).exists():
        raise BargainingError(_("至少进行一轮协商后才能形成草案。"), "rounds")
    if not draft.strip():
        raise BargainingError(_("请填写协议草案。"), "draft")
    title = _("%(kind)s草案（%(party)s）") % {"kind": offer.get_kind_display(), "party": offer.counterpart}
    try:
        referral = referral_open(
            source=offer.source,
            node=referral_node(offer),
            title=title,
            url=reverse("bargaining:offer", args=[offer.pk]),
            actor=actor,
            audit=audit,
        )
    except ReferralError as refused:
        raise BargainingError(str(refused), "referral") from None
    offer.draft, offer.status = draft.strip(), Offer.Status.REFERRED
    offer.save(update_fields=["draft", "status"])
    audit_record(actor=actor, action="bargaining.draft.refer", target=offer, audit=audit)
    return referral


@transaction.atomic
def draft_revise(*, offer: Offer, actor: User | None, audit: AuditContext = NO_REQUEST) -> Offer:
    """Back to the table after the congress rejected the draft."""
    referral = referral_of(offer.source)
    if referral is None or referral.status != Referral.Status.REJECTED:
        raise BargainingError(_("职代会未否决该草案。"), "referral")
    offer = _move(offer, [Offer.Status.REFERRED], _("该要约不在待审议状态。"), status=Offer.Status.TALKS)
    audit_record(actor=actor, action="bargaining.draft.revise", target=offer, audit=audit)
    return offer


@transaction.atomic
def offer_abandon(*, offer: Offer, actor: User | None, audit: AuditContext = NO_REQUEST) -> Offer:
    offer = _move(
        offer,
        [Offer.Status.SENT, Offer.Status.DECLINED, Offer.Status.TALKS],
        _("该要约不能终止。"),
        status=Offer.Status.ABANDONED,
        closed_on=timezone.localdate(),
    )
    audit_record(actor=actor, action="bargaining.offer.abandon", target=offer, audit=audit)
    return offer
