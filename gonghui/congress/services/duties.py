"""Representatives' yearly duty reports (述职) and assessments (履职考核)."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record

from ..errors import CongressError
from ..models import Assessment, DutyReport, Representative


def _check_year(year: int) -> None:
    if not 2000 <= year <= timezone.localdate().year:
        raise CongressError(_("年度无效。"), "year")


@transaction.atomic
def duty_report_submit(
    *,
    representative: Representative,
    year: int,
    summary: str,
    reported_on: datetime.date | None = None,
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> DutyReport:
    _check_year(year)
    if not summary.strip():
        raise CongressError(_("请填写述职内容。"), "empty")
    try:
        with transaction.atomic():
            report = DutyReport.objects.create(
                representative=representative,
                year=year,
                summary=summary.strip(),
                reported_on=reported_on or timezone.localdate(),
            )
    except IntegrityError:
        raise CongressError(_("该代表本年度已述职。"), "duplicate") from None
    audit_record(actor=actor, action="congress.duty_report.submit", target=report, audit=audit)
    return report


@transaction.atomic
def assessment_record(
    *,
    representative: Representative,
    year: int,
    grade: str,
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> Assessment:
    _check_year(year)
    if grade not in Assessment.Grade.values:
        raise CongressError(_("考核等次无效。"), "grade")
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                representative=representative,
                year=year,
                grade=grade,
                assessed_on=timezone.localdate(),
                assessed_by=actor,
            )
    except IntegrityError:
        raise CongressError(_("该代表本年度已考核。"), "duplicate") from None
    audit_record(actor=actor, action="congress.assessment.record", target=assessment, audit=audit)
    return assessment
