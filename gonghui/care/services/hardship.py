"""A family's hardship file: opened against the year's standard with its causes and the income
test, documented, reviewed by the street union, approved by the district (a second person),
reviewed every year, closed when the family is out of hardship. Every read of a file or of one of
its documents leaves an audit record (AU-1)."""

import datetime
import uuid
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.roles import Role
from gonghui.members.models import Member, MemberStatus
from gonghui.organizations.models import Node

from .. import storage
from ..errors import CareError
from ..models import (
    ACTIVE_FILE,
    CENT,
    Cause,
    DocumentKind,
    FamilyFile,
    FileCause,
    FileDocument,
    FileReview,
    FileStatus,
    ReviewResult,
    Standard,
    ancestor_paths,
)
from .rules import keeper


@transaction.atomic
def standard_set(
    *, node: Node, year: int, income_line: Decimal, actor: User, audit: AuditContext = NO_REQUEST
) -> Standard:
    keeper(actor)
    income_line = Decimal(income_line).quantize(CENT)
    if income_line <= 0:
        raise CareError(_("标准须大于零。"), "invalid")
    standard, _created = Standard.unscoped.update_or_create(
        node=node, year=year, defaults={"income_line": income_line}
    )
    audit_record(actor=actor, action="care.standard.set", target=standard, audit=audit, detail={"year": year})
    return standard


def standard_for(path: str, year: int) -> Standard:
    """The year's standard that binds a record at `path`: the one set nearest above it."""
    standard = Standard.unscoped.filter(path__in=ancestor_paths(path), year=year).order_by("-path").first()
    if standard is None:
        raise CareError(_("%(year)s 年度的困难职工认定标准尚未设定。") % {"year": year}, "no_standard")
    return standard


def income_test(monthly_income: Decimal, household_size: int, standard: Standard) -> bool:
    """Below the line: the family's monthly income per head under the year's standard."""
    if household_size < 1:
        raise CareError(_("家庭人口至少为1。"), "invalid")
    try:
        income = Decimal(monthly_income).quantize(CENT)
    except InvalidOperation:
        raise CareError(_("收入金额无效。"), "invalid") from None
    if income < 0:
        raise CareError(_("收入不能为负数。"), "invalid")
    return bool(income / household_size < standard.income_line)


def file_number(file: FamilyFile, year: int) -> str:
    return f"KN{year}{file.pk:07d}"


@transaction.atomic
def file_open(
    *,
    member: Member,
    household_size: int,
    monthly_income: Decimal,
    situation: str,
    causes: Sequence[tuple[str, str]],
    actor: User,
    bank_account: str = "",
    audit: AuditContext = NO_REQUEST,
) -> FamilyFile:
    """建档: the file of a member's family, tested against this year's standard."""
    if member.status != MemberStatus.ACTIVE or member.id_problem:
        raise CareError(_("只能为在册会员建立困难职工档案。"), "not_member")
    if not causes or any(cause not in Cause.values for cause, _detail in causes):
        raise CareError(_("请至少选择一项致困原因。"), "invalid")
    if not situation.strip():
        raise CareError(_("请填写家庭困难情况。"), "invalid")
    if FamilyFile.unscoped.filter(member=member, status__in=ACTIVE_FILE).exists():
        raise CareError(_("该职工已有在办或在档的困难职工档案。"), "twice")
    today = timezone.localdate()
    standard = standard_for(member.path, today.year)
    if not income_test(monthly_income, household_size, standard):
        raise CareError(
            _("家庭月人均收入不低于 %(year)s 年度标准 %(line)s 元，不符合建档条件。")
            % {"year": standard.year, "line": standard.income_line},
            "income_test",
        )
    file = FamilyFile.unscoped.create(
        number="t" + uuid.uuid4().hex[:19],
        member=member,
        household_size=household_size,
        monthly_income=str(Decimal(monthly_income).quantize(CENT)),
        situation=situation.strip(),
        bank_account=bank_account.strip(),
        standard=standard,
        below_line=True,
        created_by=actor,
        created_at=timezone.now(),
    )
    file.number = file_number(file, today.year)
    file.save(update_fields=["number"])
    FileCause.objects.bulk_create(FileCause(file=file, cause=c, detail=d.strip()) for c, d in causes)
    audit_record(actor=actor, action="care.file.open", target=file, audit=audit)
    return file


def _locked(file: FamilyFile) -> FamilyFile:
    return FamilyFile.unscoped.select_for_update().get(pk=file.pk)


@transaction.atomic
def file_review(
    *, file: FamilyFile, passed: bool, actor: User, note: str = "", audit: AuditContext = NO_REQUEST
) -> FamilyFile:
    """The street union's review (街镇审核): the income proof must be on file."""
    if actor.role not in (Role.STREET_CADRE, Role.DISTRICT_STAFF):
        raise CareError(_("困难职工档案由街镇工会审核。"), "role")
    file = _locked(file)
    if file.status != FileStatus.SUBMITTED:
        raise CareError(_("该档案不在待审核状态。"), "not_submitted")
    if not passed and not note.strip():
        raise CareError(_("不予建档时请填写理由。"), "invalid")
    if passed and not file.documents.filter(kind=DocumentKind.INCOME).exists():
        raise CareError(_("请先上传收入证明材料，再提交审核。"), "no_income_proof")
    file.status = FileStatus.REVIEWED if passed else FileStatus.REFUSED
    file.reviewed_by, file.reviewed_at, file.decision_note = actor, timezone.now(), note.strip()[:200]
    file.save(update_fields=["status", "reviewed_by", "reviewed_at", "decision_note"])
    audit_record(actor=actor, action="care.file.review", target=file, audit=audit, detail={"passed": passed})
    return file


@transaction.atomic
def file_approve(
    *, file: FamilyFile, approve: bool, actor: User, note: str = "", audit: AuditContext = NO_REQUEST
) -> FamilyFile:
    """The district's approval (区总审批), by a person other than the one who opened or reviewed it."""
    if actor.role != Role.DISTRICT_STAFF:
        raise CareError(_("困难职工建档由区总工会审批。"), "role")
    file = _locked(file)
    if file.status != FileStatus.REVIEWED:
        raise CareError(_("该档案尚未通过街镇审核。"), "not_reviewed")
    if actor.pk in (file.created_by_id, file.reviewed_by_id):
        raise CareError(_("审批须由建档人、审核人以外的另一人进行。"), "same_person")
    if not approve and not note.strip():
        raise CareError(_("不予建档时请填写理由。"), "invalid")
    file.approved_by, file.decision_note = actor, note.strip()[:200]
    if approve:
        file.status, file.opened_on = FileStatus.OPEN, timezone.localdate()
    else:
        file.status = FileStatus.REFUSED
    file.save(update_fields=["status", "approved_by", "opened_on", "decision_note"])
    audit_record(
        actor=actor, action="care.file.approve", target=file, audit=audit, detail={"approve": approve}
    )
    return file


@transaction.atomic
def file_yearly_review(
    *,
    file: FamilyFile,
    household_size: int,
    monthly_income: Decimal,
    actor: User,
    note: str = "",
    year: int | None = None,
    audit: AuditContext = NO_REQUEST,
) -> FileReview:
    """年审: the income test again against the year's standard; a family above the line is out of
    hardship and its file is closed. Once a year per file (constraint)."""
    file = _locked(file)
    if file.status != FileStatus.OPEN:
        raise CareError(_("只有在档的档案需要年审。"), "not_open")
    today = timezone.localdate()
    year = year or today.year
    if FileReview.objects.filter(file=file, year=year).exists():
        raise CareError(_("%(year)s 年度已年审。") % {"year": year}, "reviewed")
    below = income_test(monthly_income, household_size, standard_for(file.path, year))
    review = FileReview.objects.create(
        file=file,
        year=year,
        household_size=household_size,
        monthly_income=str(Decimal(monthly_income).quantize(CENT)),
        below_line=below,
        result=ReviewResult.CONTINUE if below else ReviewResult.CLOSE,
        note=note.strip()[:200],
        reviewed_by=actor,
        reviewed_on=today,
    )
    file.household_size, file.monthly_income, file.below_line = household_size, review.monthly_income, below
    file.save(update_fields=["household_size", "monthly_income", "below_line"])
    audit_record(
        actor=actor, action="care.file.yearly_review", target=file, audit=audit, detail={"year": year}
    )
    if not below:
        file_close(file=file, reason=_("年审收入超过标准，脱困销档"), actor=actor, audit=audit)
    return review


@transaction.atomic
def file_close(
    *,
    file: FamilyFile,
    reason: str,
    actor: User,
    on: datetime.date | None = None,
    audit: AuditContext = NO_REQUEST,
) -> FamilyFile:
    if not reason.strip():
        raise CareError(_("请填写销档原因。"), "invalid")
    on = on or timezone.localdate()
    updated = FamilyFile.unscoped.filter(pk=file.pk, status=FileStatus.OPEN).update(
        status=FileStatus.CLOSED, closed_on=on, decision_note=reason.strip()[:200]
    )
    if not updated:
        raise CareError(_("只有在档的档案可以销档。"), "not_open")
    audit_record(actor=actor, action="care.file.close", target=file, audit=audit, detail={"reason": reason})
    return FamilyFile.unscoped.get(pk=file.pk)


def file_read(*, file: FamilyFile, actor: User, audit: AuditContext = NO_REQUEST) -> None:
    """Every read of a file (its income, situation, health details) is audited (AU-1)."""
    audit_record(actor=actor, action="care.file.read", target=file, audit=audit)


@transaction.atomic
def document_upload(
    *, file: FamilyFile, kind: str, filename: str, data: bytes, actor: User, audit: AuditContext = NO_REQUEST
) -> FileDocument:
    if kind not in DocumentKind.values:
        raise CareError(_("材料类型无效。"), "invalid")
    if file.status in (FileStatus.REFUSED, FileStatus.CLOSED):
        raise CareError(_("档案已销档或不予建档，不能再上传材料。"), "closed")
    content_type = storage.check_upload(data)
    document = FileDocument.unscoped.create(
        file=file,
        kind=kind,
        filename=storage.safe_filename(filename, content_type),
        content_type=content_type,
        size=len(data),
        storage_name=storage.store(data),
        uploaded_by=actor,
    )
    audit_record(actor=actor, action="care.document.upload", target=document, audit=audit)
    return document


@transaction.atomic
def document_open(*, document: FileDocument, actor: User, audit: AuditContext = NO_REQUEST) -> bytes:
    audit_record(actor=actor, action="care.document.read", target=document, audit=audit)
    return storage.load(document.storage_name)
