"""Aid for an open file: proposed, approved by a second person of the district after the money
rules (one illness aid per illness a year, the yearly cap per person), and paid once through the
ledger against the worker's real-name receipt. A payout is at most one per grant (constraint) and
one per idempotency key: a retried request gets the first payout back."""

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.roles import Role
from gonghui.members.passes import PassRefused, pass_redeem

from .. import storage
from ..errors import CareError
from ..models import (
    CENT,
    AidGrant,
    AidKind,
    Cause,
    FamilyFile,
    FileCause,
    FileStatus,
    GrantStatus,
    Payout,
    ReceiptKind,
)
from .rules import grant_rules_check

PAYOUT_PURPOSE = "care.payout"


@transaction.atomic
def grant_propose(
    *,
    file: FamilyFile,
    kind: str,
    amount: Decimal,
    actor: User,
    cause: FileCause | None = None,
    audit: AuditContext = NO_REQUEST,
) -> AidGrant:
    if file.status != FileStatus.OPEN:
        raise CareError(_("只有在档的困难职工可以申请帮扶。"), "not_open")
    if kind not in AidKind.values:
        raise CareError(_("帮扶类型无效。"), "invalid")
    try:
        amount = Decimal(amount).quantize(CENT)
    except InvalidOperation:
        raise CareError(_("金额无效。"), "invalid") from None
    if amount <= 0:
        raise CareError(_("金额须大于零。"), "invalid")
    if kind == AidKind.MEDICAL and (
        cause is None or cause.file_id != file.pk or cause.cause != Cause.ILLNESS
    ):
        raise CareError(_("医疗救助须对应本档案登记的病因。"), "no_cause")
    now = timezone.now()
    grant = AidGrant.unscoped.create(
        file=file,
        kind=kind,
        amount=amount,
        cause=cause if kind == AidKind.MEDICAL else None,
        year=timezone.localdate(now).year,
        proposed_by=actor,
        proposed_at=now,
    )
    audit_record(
        actor=actor, action="care.grant.propose", target=grant, audit=audit, detail={"amount": str(amount)}
    )
    return grant


def grant_approve(*, grant: AidGrant, actor: User, audit: AuditContext = NO_REQUEST) -> AidGrant:
    """Maker-checker: the district approves, not the proposer; the money rules are checked with
    the file's row locked, so two approvals for one family are judged one after the other."""
    try:
        with transaction.atomic():
            # The file locked alone, its member read after: on Citus a row lock joined to the
            # members (distributed) is refused.
            file = FamilyFile.unscoped.select_for_update().get(pk=grant.file_id)
            grant = AidGrant.unscoped.get(pk=grant.pk)
            if actor.role != Role.DISTRICT_STAFF:
                raise CareError(_("帮扶资金由区总工会审批。"), "role")
            if grant.status != GrantStatus.PROPOSED:
                raise CareError(_("该帮扶不在待审批状态。"), "not_proposed")
            if grant.proposed_by_id == actor.pk:
                raise CareError(_("帮扶须由申请人以外的另一人审批。"), "same_person")
            if file.status != FileStatus.OPEN:
                raise CareError(_("档案不在档，不能审批帮扶。"), "not_open")
            grant_rules_check(grant, file.member, timezone.localdate())
            grant.status, grant.approved_by, grant.approved_at = GrantStatus.APPROVED, actor, timezone.now()
            grant.save(update_fields=["status", "approved_by", "approved_at"])
            audit_record(actor=actor, action="care.grant.approve", target=grant, audit=audit)
            return grant
    except CareError as refused:
        audit_record(
            actor=actor,
            action="care.grant.approve",
            target=grant,
            result="denied",
            audit=audit,
            detail={"rule": refused.code, "reason": str(refused)},
        )
        raise


@transaction.atomic
def grant_refuse(*, grant: AidGrant, reason: str, actor: User, audit: AuditContext = NO_REQUEST) -> AidGrant:
    if not reason.strip():
        raise CareError(_("请填写不予批准的理由。"), "invalid")
    updated = AidGrant.unscoped.filter(pk=grant.pk, status=GrantStatus.PROPOSED).update(
        status=GrantStatus.REFUSED,
        refusal=reason.strip()[:300],
        approved_by=actor,
        approved_at=timezone.now(),
    )
    if not updated:
        raise CareError(_("该帮扶不在待审批状态。"), "not_proposed")
    audit_record(actor=actor, action="care.grant.refuse", target=grant, audit=audit)
    return AidGrant.unscoped.get(pk=grant.pk)


def voucher_number(grant: AidGrant) -> str:
    return f"BF{grant.year}{grant.pk:08d}"


def payout_make(
    *,
    grant: AidGrant,
    key: str,
    actor: User,
    scanned: str = "",
    signature: str = "",
    audit: AuditContext = NO_REQUEST,
) -> Payout:
    """Pay an approved grant once, signed for by the worker: their QR pass, or a signature drawn
    on the phone. The same key again returns the first payout; another payout of the same grant
    is refused."""
    if not key or len(key) > 64:
        raise CareError(_("请求无效，请刷新页面后重试。"), "invalid")
    try:
        with transaction.atomic():
            grant = AidGrant.unscoped.select_related("file__member").get(pk=grant.pk)
            if grant.status != GrantStatus.APPROVED:
                raise CareError(_("该帮扶未批准或已发放。"), "not_approved")
            member = grant.file.member
            if scanned:
                who = pass_redeem(scanned=scanned, purpose=PAYOUT_PURPOSE, actor=actor, audit=audit)
                if who.pk != member.pk:
                    raise CareError(_("会员码不是受助职工本人的，须本人签收。"), "not_the_person")
                receipt, drawn = ReceiptKind.PASS, ""
            else:
                receipt, drawn = ReceiptKind.SIGNATURE, storage.check_signature(signature)
            payout = Payout.unscoped.create(
                grant=grant,
                voucher_no=voucher_number(grant),
                key=key,
                member=member,
                kind=grant.kind,
                amount=grant.amount,
                receipt=receipt,
                signature=drawn,
                paid_at=timezone.now(),
                paid_by=actor,
            )
            AidGrant.unscoped.filter(pk=grant.pk, status=GrantStatus.APPROVED).update(status=GrantStatus.PAID)
            audit_record(
                actor=actor,
                action="care.payout",
                target=payout,
                audit=audit,
                detail={"grant": grant.pk, "amount": str(grant.amount), "receipt": receipt},
            )
            return payout
    except PassRefused as refused:
        raise CareError(str(refused), "pass") from None
    except (IntegrityError, CareError) as error:
        # A retry of the same request, or a payout that another request made first.
        if (same := Payout.unscoped.filter(key=key, grant_id=grant.pk).first()) is not None:
            return same
        if isinstance(error, CareError) and error.code != "not_approved":
            raise
        if Payout.unscoped.filter(grant_id=grant.pk).exists():
            raise CareError(_("该帮扶已发放，每次审批只能发放一次。"), "paid_twice") from None
        raise
