"""Signing and the filing clocks. An agreement is signed once the workers' congress adopted its
draft (read from the spine's referral); from then on its clocks run: filed with the
human-resources bureau within 7 days, reviewed there within 15 days (silence is approval),
published to the workers within 5 days of taking effect, filed with the higher union within
15 days of signing."""

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.organizations.models import Referral, Unit
from gonghui.organizations.selectors import referral_of

from ..errors import BargainingError
from ..models import (
    HR_FILE_DAYS,
    HR_REVIEW_DAYS,
    PUBLISH_DAYS,
    RENEGOTIATE_DAYS_BEFORE,
    UNION_FILE_DAYS,
    Agreement,
    AgreementUnit,
    Offer,
)

DAY = datetime.timedelta(days=1)


def clock_dates(signed_on: datetime.date, ends_on: datetime.date) -> dict[str, datetime.date]:
    return {
        "hr_file_due": signed_on + HR_FILE_DAYS * DAY,
        "union_file_due": signed_on + UNION_FILE_DAYS * DAY,
        "renegotiate_on": ends_on - RENEGOTIATE_DAYS_BEFORE * DAY,
    }


@transaction.atomic
def agreement_sign(
    *,
    offer: Offer,
    title: str,
    signed_on: datetime.date,
    starts_on: datetime.date,
    ends_on: datetime.date,
    workers_covered: int,
    units: Sequence[Unit] = (),
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> Agreement:
    offer = Offer.unscoped.select_for_update().get(pk=offer.pk)
    if offer.status != Offer.Status.REFERRED:
        raise BargainingError(_("草案须先提交职代会审议。"), "status")
    referral = referral_of(offer.source)
    if referral is None or referral.status != Referral.Status.ADOPTED:
        raise BargainingError(_("职代会尚未审议通过该草案，不能签订。"), "not_adopted")
    if not (signed_on <= starts_on < ends_on) or signed_on > timezone.localdate():
        raise BargainingError(_("签订、生效、到期日期须依次在后，签订日期不能晚于今天。"), "dates")
    if referral.decided_on and signed_on < referral.decided_on:
        raise BargainingError(_("签订日期不能早于职代会通过日期。"), "dates")
    covered = list(units) or ([offer.unit] if offer.unit else [])
    if not covered:
        raise BargainingError(_("请选择协议覆盖的单位。"), "units")
    agreement = Agreement(
        node=offer.node,
        offer=offer,
        kind=offer.kind,
        level=offer.level,
        title=title.strip() or str(offer),
        employer_party=offer.counterpart,
        signed_on=signed_on,
        starts_on=starts_on,
        ends_on=ends_on,
        workers_covered=max(0, workers_covered),
        **clock_dates(signed_on, ends_on),
    )
    agreement.save()
    AgreementUnit.objects.bulk_create(
        [
            AgreementUnit(agreement=agreement, unit=unit, path=unit.path)
            for unit in {u.pk: u for u in covered}.values()
        ]
    )
    offer.status, offer.closed_on = Offer.Status.SIGNED, signed_on
    offer.save(update_fields=["status", "closed_on"])
    audit_record(actor=actor, action="bargaining.agreement.sign", target=agreement, audit=audit)
    return agreement


def _step(agreement: Agreement, on: datetime.date, after: datetime.date) -> None:
    if on < after or on > timezone.localdate():
        raise BargainingError(_("日期无效：不能早于前一步，也不能晚于今天。"), "date")


@transaction.atomic
def agreement_file_hr(
    *, agreement: Agreement, on: datetime.date, actor: User | None, audit: AuditContext = NO_REQUEST
) -> Agreement:
    _step(agreement, on, agreement.signed_on)
    if not Agreement.unscoped.filter(pk=agreement.pk, hr_filed_on__isnull=True).update(
        hr_filed_on=on, hr_review_due=on + HR_REVIEW_DAYS * DAY
    ):
        raise BargainingError(_("已报送人社部门。"), "done")
    agreement.refresh_from_db()
    audit_record(actor=actor, action="bargaining.agreement.file_hr", target=agreement, audit=audit)
    return agreement


@transaction.atomic
def agreement_hr_approve(
    *, agreement: Agreement, on: datetime.date, actor: User | None, audit: AuditContext = NO_REQUEST
) -> Agreement:
    if agreement.hr_filed_on is None:
        raise BargainingError(_("尚未报送人社部门。"), "not_filed")
    _step(agreement, on, agreement.hr_filed_on)
    if not Agreement.unscoped.filter(pk=agreement.pk, hr_decision="").update(
        hr_decision=Agreement.HrDecision.APPROVED, hr_decided_on=on, publish_due=on + PUBLISH_DAYS * DAY
    ):
        raise BargainingError(_("已有审查结果。"), "done")
    agreement.refresh_from_db()
    audit_record(actor=actor, action="bargaining.agreement.hr_approve", target=agreement, audit=audit)
    return agreement


@transaction.atomic
def agreement_publish(
    *, agreement: Agreement, on: datetime.date, actor: User | None, audit: AuditContext = NO_REQUEST
) -> Agreement:
    _step(agreement, on, agreement.signed_on)
    if not Agreement.unscoped.filter(pk=agreement.pk, published_on__isnull=True).update(published_on=on):
        raise BargainingError(_("已向职工公布。"), "done")
    agreement.refresh_from_db()
    audit_record(actor=actor, action="bargaining.agreement.publish", target=agreement, audit=audit)
    return agreement


@transaction.atomic
def agreement_file_union(
    *, agreement: Agreement, on: datetime.date, actor: User | None, audit: AuditContext = NO_REQUEST
) -> Agreement:
    _step(agreement, on, agreement.signed_on)
    if not Agreement.unscoped.filter(pk=agreement.pk, union_filed_on__isnull=True).update(union_filed_on=on):
        raise BargainingError(_("已报上级工会备案。"), "done")
    agreement.refresh_from_db()
    audit_record(actor=actor, action="bargaining.agreement.file_union", target=agreement, audit=audit)
    return agreement


@transaction.atomic
def agreement_terminate(
    *,
    agreement: Agreement,
    on: datetime.date,
    reason: str,
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> Agreement:
    if not reason.strip():
        raise BargainingError(_("请说明终止原因。"), "reason")
    _step(agreement, on, agreement.signed_on)
    if not Agreement.unscoped.filter(pk=agreement.pk, terminated_on__isnull=True).update(terminated_on=on):
        raise BargainingError(_("该协议已终止。"), "done")
    agreement.refresh_from_db()
    audit_record(
        actor=actor,
        action="bargaining.agreement.terminate",
        target=agreement,
        audit=audit,
        detail={"reason": reason},
    )
    return agreement
