"""普惠: plan years, the yearly enrolment, claims with maker-checker, payouts once."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.roles import Role
from gonghui.members.models import Member
from gonghui.organizations.models import Unit

from .. import documents
from ..errors import CardsError
from ..models import Card, Claim, ClaimDocument, Enrolment, Payout, PlanYear
from ..money import to_money


def _premium(value: Decimal | str) -> Decimal:
    if isinstance(value, float):
        raise TypeError("premiums are Decimal, never float")
    amount = Decimal(str(value))
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise CardsError(_("保费应为不小于0、最多两位小数的金额。"))
    return amount


@transaction.atomic
def plan_year_save(
    *,
    year: int,
    actor: User | None,
    district_premium: Decimal | str = Decimal("12.00"),
    city_premium: Decimal | str = Decimal("12.00"),
    audit: AuditContext = NO_REQUEST,
) -> PlanYear:
    """Create a plan year or change its premiums; holders already enrolled keep theirs."""
    plan, _created = PlanYear.objects.update_or_create(
        year=year,
        defaults={"district_premium": _premium(district_premium), "city_premium": _premium(city_premium)},
    )
    audit_record(
        actor=actor,
        action="cards.plan.save",
        target=plan,
        audit=audit,
        detail={"district": str(plan.district_premium), "city": str(plan.city_premium)},
    )
    return plan


@transaction.atomic
def plan_year_enrol(*, plan: PlanYear, actor: User | None = None, audit: AuditContext = NO_REQUEST) -> int:
    """Enrol every holder of an active card activated before the year ends, in one
    INSERT … SELECT that skips those already enrolled: safe to run again, and twice at once.
    Joined on the district too: a card and a member's employer are in the member's district, and
    a city's cluster joins its tables only on it."""
    ops = connection.ops
    year_end = datetime.datetime(plan.year + 1, 1, 1, tzinfo=timezone.get_current_timezone())
    non_enterprise = ", ".join(f"'{code}'" for code in Unit.NON_ENTERPRISE)
    sql = f"""
        INSERT INTO {Enrolment._meta.db_table}
            (plan_year_id, member_id, card_id, path, non_enterprise,
             district_premium, city_premium, enrolled_at)
        SELECT %s, m.id, c.id, m.path, COALESCE(u.ownership IN ({non_enterprise}), FALSE), %s, %s, %s
        FROM {Card._meta.db_table} c
        JOIN {Member._meta.db_table} m ON m.id = c.member_id AND m.district = c.district
        LEFT JOIN {Unit._meta.db_table} u ON u.id = m.unit_id AND u.district = m.district
        WHERE c.status = %s AND c.activated_at < %s AND m.status = 'active' AND m.id_problem = ''
        ON CONFLICT (plan_year_id, member_id) DO NOTHING
    """
    params = [
        plan.pk,
        ops.adapt_decimalfield_value(plan.district_premium, 12, 2),
        ops.adapt_decimalfield_value(plan.city_premium, 12, 2),
        ops.adapt_datetimefield_value(timezone.now()),
        Card.Status.ACTIVE,
        ops.adapt_datetimefield_value(year_end),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        added: int = max(cursor.rowcount, 0)
    PlanYear.objects.filter(pk=plan.pk).update(enrolled_at=timezone.now())
    audit_record(actor=actor, action="cards.plan.enrol", target=plan, audit=audit, detail={"added": added})
    return added


def enrolment_export_audit(
    *, plan: PlanYear, rows: int, scope: str, actor: User, audit: AuditContext = NO_REQUEST
) -> None:
    audit_record(
        actor=actor,
        action="cards.enrolment.export",
        target=plan,
        audit=audit,
        detail={"year": plan.year, "scope": scope, "rows": rows},
    )


def _is_non_enterprise(member: Member) -> bool:
    """Read from the database: the unit's category as it stands when the claim is filed."""
    ownership = Unit.unscoped.filter(pk=member.unit_id or 0).values_list("ownership", flat=True).first()
    return ownership in Unit.NON_ENTERPRISE


@transaction.atomic
def claim_file(
    *,
    member: Member,
    kind: str,
    occurred_on: datetime.date,
    health_details: str,
    amount_requested: Decimal | str,
    actor: User,
    uploads: list[UploadedFile[bytes]] | tuple[UploadedFile[bytes], ...] = (),
    audit: AuditContext = NO_REQUEST,
) -> Claim:
    """Filed by the member in the portal or by a cadre; the member must have been
    enrolled in the plan year in which it happened."""
    if kind not in Claim.Kind.values:
        raise CardsError(_("请选择申请类别。"))
    if occurred_on > timezone.localdate():
        raise CardsError(_("发生日期不能晚于今天。"))
    if not health_details.strip():
        raise CardsError(_("请填写病情或伤情说明。"))
    amount = to_money(amount_requested)
    enrolment = (
        Enrolment.unscoped.filter(member=member, plan_year__year=occurred_on.year)
        .select_related("plan_year")
        .first()
    )
    if enrolment is None:
        raise CardsError(_("该会员在%(year)s年度未参加基本保障计划。") % {"year": occurred_on.year})
    claim = Claim.unscoped.create(
        member=member,
        plan_year=enrolment.plan_year,
        kind=kind,
        occurred_on=occurred_on,
        health_details=health_details.strip(),
        amount_requested=amount,
        path=member.path,
        non_enterprise=_is_non_enterprise(member),
        filed_at=timezone.now(),
        filed_by=actor,
    )
    for upload in uploads:
        claim_document_add(claim=claim, upload=upload, actor=actor, audit=audit)
    audit_record(actor=actor, action="cards.claim.file", target=claim, audit=audit, detail={"kind": kind})
    return claim


@transaction.atomic
def claim_document_add(
    *, claim: Claim, upload: UploadedFile[bytes], actor: User, audit: AuditContext = NO_REQUEST
) -> ClaimDocument:
    checked = documents.check_upload(upload)
    stored_as, digest = documents.store(checked.data)
    document = ClaimDocument(
        claim=claim,
        filename=checked.filename,
        content_type=checked.content_type,
        size=len(checked.data),
        sha256=digest,
        stored_as=stored_as,
        uploaded_by=actor,
    )
    document.save()
    audit_record(actor=actor, action="cards.claim.document.add", target=document, audit=audit)
    return document


def claim_document_open(*, document: ClaimDocument, actor: User, audit: AuditContext = NO_REQUEST) -> bytes:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="cards.claim.document.read",
            target=document,
            audit=audit,
            detail={"claim": document.claim_id},
        )
    return documents.load(document.stored_as)


def claim_read(*, claim: Claim, actor: User, audit: AuditContext = NO_REQUEST) -> None:
    """Every read of a claim is on the record (AU-1)."""
    audit_record(actor=actor, action="cards.claim.read", target=claim, audit=audit)


def claim_reveal(*, claim: Claim, actor: User, audit: AuditContext = NO_REQUEST) -> str:
    """The health details in full, for staff in scope or the member, audited before shown."""
    own = actor.member_id == claim.member_id and actor.role == Role.MEMBER
    if not (own or actor.can_reveal):
        audit_record(actor=actor, action="cards.claim.reveal", target=claim, audit=audit, result="denied")
        raise PermissionError
    with transaction.atomic():
        audit_record(actor=actor, action="cards.claim.reveal", target=claim, audit=audit)
    return claim.health_details


def _staff(actor: User) -> None:
    if not actor.is_backoffice:
        raise CardsError(_("只有工会工作人员可以审核。"))


@transaction.atomic
def claim_review(
    *, claim: Claim, amount: Decimal | str, actor: User, note: str = "", audit: AuditContext = NO_REQUEST
) -> Claim:
    """First check (maker): proposes the amount."""
    _staff(actor)
    approved = to_money(amount)
    now = timezone.now()
    if not Claim.unscoped.filter(pk=claim.pk, status=Claim.Status.SUBMITTED).update(
        status=Claim.Status.REVIEWED,
        reviewed_by=actor,
        reviewed_at=now,
        amount_approved=approved,
        decision_note=note,
    ):
        raise CardsError(_("该申请的状态已变化，请刷新后重试。"))
    claim.refresh_from_db()
    audit_record(
        actor=actor,
        action="cards.claim.review",
        target=claim,
        audit=audit,
        detail={"amount": str(approved)},
    )
    return claim


class _SamePerson(CardsError):
    pass


def claim_approve(*, claim: Claim, actor: User, audit: AuditContext = NO_REQUEST) -> Claim:
    """Second check (checker): someone other than the reviewer; the database refuses it too.
    A refused attempt stays on the record."""
    try:
        return _claim_approve(claim=claim, actor=actor, audit=audit)
    except _SamePerson as refused:
        audit_record(actor=actor, action="cards.claim.approve", target=claim, audit=audit, result="denied")
        raise CardsError(str(refused)) from None


@transaction.atomic
def _claim_approve(*, claim: Claim, actor: User, audit: AuditContext) -> Claim:
    _staff(actor)
    fresh = Claim.unscoped.select_for_update().get(pk=claim.pk)
    if fresh.reviewed_by_id == actor.pk:
        raise _SamePerson(_("审批人不能与初审人为同一人，请由另一位工作人员审批。"))
    if fresh.status != Claim.Status.REVIEWED:
        raise CardsError(_("该申请的状态已变化，请刷新后重试。"))
    fresh.status, fresh.approved_by, fresh.approved_at = Claim.Status.APPROVED, actor, timezone.now()
    fresh.save(update_fields=["status", "approved_by", "approved_at"])
    audit_record(actor=actor, action="cards.claim.approve", target=fresh, audit=audit)
    return fresh


@transaction.atomic
def claim_reject(*, claim: Claim, actor: User, note: str, audit: AuditContext = NO_REQUEST) -> Claim:
    _staff(actor)
    if not note.strip():
        raise CardsError(_("不予通过时请填写理由。"))
    if not Claim.unscoped.filter(
        pk=claim.pk, status__in=(Claim.Status.SUBMITTED, Claim.Status.REVIEWED)
    ).update(status=Claim.Status.REJECTED, decision_note=note.strip()):
        raise CardsError(_("该申请的状态已变化，请刷新后重试。"))
    claim.refresh_from_db()
    audit_record(actor=actor, action="cards.claim.reject", target=claim, audit=audit)
    return claim


@transaction.atomic
def claim_pay(*, claim: Claim, actor: User, reference: str = "", audit: AuditContext = NO_REQUEST) -> Payout:
    """Pay an approved claim once: the payout row is unique per claim (MO-2)."""
    if actor.role != Role.DISTRICT_STAFF:
        raise CardsError(_("只有区总工会工作人员可以支付。"))
    fresh = Claim.unscoped.get(pk=claim.pk)
    if fresh.status != Claim.Status.APPROVED or fresh.amount_approved is None:
        raise CardsError(_("只有已批准的申请才能支付。"))
    try:
        with transaction.atomic():
            payout = Payout.unscoped.create(
                claim=fresh,
                member_id=fresh.member_id,
                amount=fresh.amount_approved,
                paid_at=timezone.now(),
                paid_by=actor,
                reference=reference[:40],
                path=fresh.path,
                non_enterprise=fresh.non_enterprise,
            )
    except IntegrityError:
        raise CardsError(_("该申请已支付，不能重复支付。")) from None
    if not Claim.unscoped.filter(pk=fresh.pk, status=Claim.Status.APPROVED).update(status=Claim.Status.PAID):
        raise CardsError(_("该申请已支付，不能重复支付。"))
    audit_record(
        actor=actor,
        action="cards.claim.pay",
        target=payout,
        audit=audit,
        detail={"amount": str(payout.amount)},
    )
    return payout
