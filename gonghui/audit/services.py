from typing import Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from .models import GENESIS, AuditHead, AuditRecord


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


@transaction.atomic
def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    result: str = AuditRecord.Result.OK,
    detail: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditRecord:
    """Append one record to the chain, in the caller's transaction: if this write
    fails, the audited action rolls back with it (AU-2)."""
    head, _created = AuditHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"last_hash": GENESIS}
    )
    user = actor if getattr(actor, "is_authenticated", False) else None
    record = AuditRecord(
        at=timezone.now(),
        actor=user,
        actor_label=user.get_username() if user else "",
        actor_path=getattr(getattr(user, "node", None), "path", "") or "",
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        result=result,
        ip=client_ip(request),
        request_id=getattr(request, "request_id", "") if request else "",
        detail=detail or {},
        prev_hash=head.last_hash,
    )
    record.hash = record.compute_hash()
    record.save()
    head.last_hash = record.hash
    head.save(update_fields=["last_hash"])
    return record


def verify_chain() -> list[str]:
    """Problems found walking the chain from the start; empty when it is intact."""
    problems: list[str] = []
    expected_prev = GENESIS
    for record in AuditRecord.objects.order_by("id").iterator(chunk_size=2000):
        if record.prev_hash != expected_prev:
            problems.append(f"record {record.pk}: chain broken before it (a record was deleted or reordered)")
        if record.compute_hash() != record.hash:
            problems.append(f"record {record.pk}: content does not match its hash (edited)")
        expected_prev = record.hash
    head = AuditHead.objects.filter(pk=1).first()
    if head and head.last_hash != expected_prev:
        problems.append("the chain's head does not match its last record (records were removed at the end)")
    return problems
