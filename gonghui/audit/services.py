import secrets
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from .models import CHAINS, GENESIS, AuditHead, AuditRecord


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
    user = actor if getattr(actor, "is_authenticated", False) else None
    chain = chain_for(user)
    head, _created = AuditHead.objects.select_for_update().get_or_create(
        pk=chain, defaults={"last_hash": GENESIS}
    )
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
        chain=chain,
        prev_hash=head.last_hash,
    )
    record.hash = record.compute_hash()
    record.save()
    head.last_hash = record.hash
    head.save(update_fields=["last_hash"])
    return record


def chain_for(user: Any) -> int:
    """A random chain per transaction: parallel requests (even one busy account's) spread
    over all heads, and a transaction that writes several records locks only one head,
    so two transactions can never wait on each other's heads (no deadlock)."""
    connection = transaction.get_connection()
    outermost = id(connection.atomic_blocks[0]) if connection.atomic_blocks else None
    sticky = getattr(connection, "_audit_chain", None)
    if sticky is None or sticky[0] != outermost:
        sticky = (outermost, 1 + secrets.randbelow(CHAINS))
        connection._audit_chain = sticky  # type: ignore[attr-defined]
    return sticky[1]


def verify_chain() -> list[str]:
    """Problems found walking every chain from its start; empty when all are intact."""
    problems: list[str] = []
    heads = dict(AuditHead.objects.values_list("pk", "last_hash"))
    for chain in range(1, CHAINS + 1):
        expected_prev = GENESIS
        for record in AuditRecord.objects.filter(chain=chain).order_by("id").iterator(chunk_size=2000):
            if record.prev_hash != expected_prev:
                problems.append(
                    f"record {record.pk}: chain broken before it (a record was deleted or reordered)"
                )
            if record.compute_hash() != record.hash:
                problems.append(f"record {record.pk}: content does not match its hash (edited)")
            expected_prev = record.hash
        if heads.get(chain, GENESIS) != expected_prev:
            problems.append(
                f"chain {chain}: the head does not match its last record (records were removed at the end)"
            )
    return problems
