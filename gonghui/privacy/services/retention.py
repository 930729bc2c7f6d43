"""Retention (PI-6): each kind of personal record is kept for its period in
settings.PRIVACY_RETENTION_DAYS, then erased by `retention_enforce` (run by the task in
tasks.py). Every step is one set-based statement on what is past its period and not yet gone,
so a second run the same day changes nothing; each run writes one audit record with its counts.
Kinds a law requires to be kept (ledgers, case files, the audit log) are counted, not erased."""

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef

from gonghui.accounts.models import OneTimeCode
from gonghui.audit.models import AuditRecord
from gonghui.audit.services import audit_record
from gonghui.lib.personal import text
from gonghui.members.models import JoinApplication, Member, MemberPass, MemberStatusChange, RequestStatus

from ..models import DataRequest
from ..models import RequestStatus as DataRequestStatus
from .erasure import ERASABLE_STATUSES, erase_members

ERASED_KINDS = ("login_codes", "member_passes", "join_refused", "data_requests", "former_members")


def cutoff(kind: str, now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(days=settings.PRIVACY_RETENTION_DAYS[kind])


def former_members_due(before: datetime.datetime) -> Any:
    """Members who left (or died) before `before` and whose record has not changed since."""
    changed_since = MemberStatusChange.objects.filter(member=OuterRef("pk"), at__gte=before)
    return Member.unscoped.filter(status__in=ERASABLE_STATUSES, created_at__lt=before).exclude(
        Exists(changed_since)
    )


@transaction.atomic
def retention_enforce(now: datetime.datetime) -> dict[str, Any]:
    """Erase what is past its period; count what is kept. Returns the counts it audits."""
    erased = {
        "login_codes": OneTimeCode.objects.filter(created_at__lt=cutoff("login_codes", now)).delete()[0],
        "member_passes": MemberPass.objects.filter(expires_at__lt=cutoff("member_passes", now)).delete()[0],
        "join_refused": JoinApplication.unscoped.filter(
            status=RequestStatus.REJECTED, decided_at__lt=cutoff("join_refused", now)
        ).delete()[0],
        "data_requests": DataRequest.unscoped.exclude(status=DataRequestStatus.PENDING)
        .filter(resolved_at__lt=cutoff("data_requests", now))
        .delete()[0],
        "former_members": erase_members(former_members_due(cutoff("former_members", now)), cause="retention"),
    }
    kept = {"audit_log": AuditRecord.objects.filter(at__lt=cutoff("audit_log", now)).count()}
    counts = {"as_of": text(now), "erased": erased, "kept_past_period": kept}
    audit_record(actor=None, action="privacy.retention", detail=counts)
    return counts
