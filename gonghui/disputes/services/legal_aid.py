"""Legal aid: a worker applies through their case; the centre grants a panel lawyer or refuses."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record

from ..errors import DisputeError
from ..models import AidStatus, Case, Category, Lawyer, LegalAidApplication


def aid_eligible(*, case: Case, low_income: bool, migrant: bool) -> bool:
    """Free legal aid for workers in financial difficulty, and for anyone claiming
    unpaid wages or work-injury compensation (the usual local rule)."""
    return (
        low_income
        or case.category in (Category.WAGES, Category.WORK_INJURY)
        or (migrant and case.category != Category.OTHER)
    )


@transaction.atomic
def legal_aid_apply(
    *, case: Case, low_income: bool, migrant: bool, actor: User, audit: AuditContext = NO_REQUEST
) -> LegalAidApplication:
    try:
        with transaction.atomic():
            application = LegalAidApplication.unscoped.create(
                case=case,
                low_income=low_income,
                migrant=migrant,
                eligible=aid_eligible(case=case, low_income=low_income, migrant=migrant),
                applied_at=timezone.now(),
                path=case.path,
            )
    except IntegrityError:
        raise DisputeError(_("该案件已有法律援助申请。")) from None
    audit_record(actor=actor, action="legal_aid.apply", target=application, audit=audit)
    return application


@transaction.atomic
def legal_aid_decide(
    *,
    application: LegalAidApplication,
    grant: bool,
    actor: User,
    lawyer: Lawyer | None = None,
    reason: str = "",
    audit: AuditContext = NO_REQUEST,
) -> LegalAidApplication:
    application = LegalAidApplication.unscoped.select_for_update().get(pk=application.pk)
    if application.status != AidStatus.PENDING:
        raise DisputeError(_("该申请已处理。"))
    if grant:
        if not application.eligible:
            raise DisputeError(_("不符合法律援助条件。"))
        if lawyer is None or not lawyer.active:
            raise DisputeError(_("请指派一名律师。"))
        application.status, application.lawyer = AidStatus.GRANTED, lawyer
    else:
        if not reason.strip():
            raise DisputeError(_("不予援助时请填写理由。"))
        application.status = AidStatus.REFUSED
    application.reason, application.decided_at = reason.strip()[:200], timezone.now()
    application.save()
    audit_record(actor=actor, action="legal_aid.decide", target=application, audit=audit)
    return application
