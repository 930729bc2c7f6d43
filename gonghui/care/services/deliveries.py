"""At the site: the cadre scans the member's QR pass (or has them sign on the phone), sees who it
is and whether they are on the list, and records the delivery. The same person is served once
in a campaign: a second scan anywhere, even at the same moment, is refused with the reason."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.members.models import Member
from gonghui.members.passes import PassRefused, pass_peek, pass_redeem

from .. import storage
from ..errors import CareError
from ..models import Campaign, CampaignStatus, Delivery, ReceiptKind, Recipient, Site
from .rules import delivery_caps

DELIVERY_PURPOSE = "care.delivery"


def mask_name(name: str) -> str:
    """张*明 / 李*: enough to greet the person, not enough to look anyone up."""
    name = (name or "").strip()
    if len(name) <= 2:
        return name[:1] + "*" * (len(name) - 1)
    return name[0] + "*" * (len(name) - 2) + name[-1]


def served_twice(delivery: Delivery) -> CareError:
    when = timezone.localtime(delivery.delivered_at)
    return CareError(
        _("该职工已于 %(when)s 在“%(site)s”领取，同一活动每人限领一次。")
        % {"when": f"{when:%Y-%m-%d %H:%M}", "site": delivery.site.name},
        "served_twice",
    )


def _check(campaign: Campaign, member: Member) -> None:
    """Why this person may not be served now, as a refusal; nothing when they may."""
    today = timezone.localdate()
    if campaign.status != CampaignStatus.APPROVED:
        raise CareError(_("活动尚未批准或已结束。"), "not_open")
    if not campaign.starts_on <= today <= campaign.ends_on:
        raise CareError(
            _("不在活动期间（%(start)s 至 %(end)s）。")
            % {"start": campaign.starts_on.isoformat(), "end": campaign.ends_on.isoformat()},
            "not_open",
        )
    if not Recipient.unscoped.filter(campaign=campaign, member=member).exists():
        raise CareError(_("该职工不在本次活动的慰问名单内。"), "not_listed")
    earlier = Delivery.unscoped.filter(campaign=campaign, member=member).select_related("site").first()
    if earlier is not None:
        raise served_twice(earlier)


@dataclass(frozen=True)
class Verification:
    ok: bool
    message: str
    masked_name: str = ""
    unit: str = ""


def delivery_verify(
    *, site: Site, scanned: str, actor: User, audit: AuditContext = NO_REQUEST
) -> Verification:
    """Who the pass belongs to and whether they may be served here, without using the pass."""
    try:
        member = pass_peek(scanned=scanned)
        _check(site.campaign, member)
    except (PassRefused, CareError) as refused:
        audit_record(
            actor=actor,
            action="care.delivery.verify",
            target=site,
            result="denied",
            audit=audit,
            detail={"reason": str(refused)},
        )
        return Verification(False, str(refused))
    audit_record(actor=actor, action="care.delivery.verify", target=site, audit=audit)
    unit = member.unit.name if member.unit_id and member.unit else ""
    return Verification(True, _("在名单内，可以发放。"), mask_name(member.name), unit)


def _deliver(
    site: Site, member: Member, receipt: str, signature: str, actor: User, audit: AuditContext
) -> Delivery:
    campaign = Campaign.unscoped.get(pk=site.campaign_id)
    _check(campaign, member)
    now = timezone.now()
    # The insert comes first: a second delivery for the same person waits on the unique index
    # until the first commits, then fails, before it has touched anyone's yearly allowance.
    delivery = Delivery.unscoped.create(
        campaign=campaign,
        site=site,
        member=member,
        kind=campaign.kind,
        value=campaign.unit_value,
        receipt=receipt,
        signature=signature,
        delivered_at=now,
        delivered_by=actor,
    )
    caps = delivery_caps(campaign=campaign, member=member, day=timezone.localdate(now))
    audit_record(
        actor=actor,
        action="care.delivery.record",
        target=delivery,
        audit=audit,
        detail={"campaign": campaign.pk, "site": site.pk, "receipt": receipt, "caps": caps},
    )
    return delivery


def delivery_record(
    *,
    site: Site,
    actor: User,
    scanned: str = "",
    member: Member | None = None,
    signature: str = "",
    audit: AuditContext = NO_REQUEST,
) -> Delivery:
    """Record one delivery with a real-name receipt: the member's QR pass (`scanned`, used up
    here), or a listed `member` who signs on the cadre's phone (`signature`). A refused delivery
    leaves the pass unused."""
    who: Member | None = None
    try:
        with transaction.atomic():
            if scanned:
                who = pass_redeem(scanned=scanned, purpose=DELIVERY_PURPOSE, actor=actor, audit=audit)
                return _deliver(site, who, ReceiptKind.PASS, "", actor, audit)
            if member is None:
                raise CareError(_("请扫描会员码，或选择名单中的职工签名领取。"), "invalid")
            who = member
            return _deliver(
                site, member, ReceiptKind.SIGNATURE, storage.check_signature(signature), actor, audit
            )
    except PassRefused as refused:
        raise CareError(str(refused), "pass") from None
    except IntegrityError:
        # Another delivery for this person committed first (a second scan at the same moment).
        earlier = (
            Delivery.unscoped.select_related("site").filter(campaign_id=site.campaign_id, member=who).first()
        )
        if earlier is None:
            raise
        raise served_twice(earlier) from None
