import secrets
from functools import cache
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import connection, models, transaction
from django.utils import timezone

from .context import NO_REQUEST, AuditContext
from .models import CHAINS, GENESIS, AuditHead, AuditRecord

type Actor = AbstractBaseUser | AnonymousUser | None


def audit_record(
    *,
    actor: Actor,
    action: str,
    target: models.Model | None = None,
    result: str = AuditRecord.Result.OK,
    detail: dict[str, Any] | None = None,
    audit: AuditContext = NO_REQUEST,
) -> AuditRecord:
    """Append one record to a chain, in the caller's transaction: if this write fails, the
    audited action rolls back with it (AU-2; no savepoint, so a failure here dooms the caller's
    transaction instead of being swallowed). Outside a transaction (a verification, a
    refusal) it is one statement of its own."""
    user = actor if isinstance(actor, AbstractBaseUser) else None
    record = AuditRecord(
        at=timezone.now(),
        actor_id=user.pk if user else None,
        actor_label=user.get_username() if user else "",
        actor_path=getattr(getattr(user, "node", None), "path", "") or "",
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        result=result,
        ip=audit.ip,
        request_id=audit.request_id,
        detail=detail or {},
        chain=chain_for(user),
    )
    _append(record)
    return record


def _append(record: AuditRecord) -> None:
    if connection.vendor != "postgresql":
        with transaction.atomic(savepoint=False):
            _append_under_lock(record)
    elif connection.in_atomic_block:
        with transaction.atomic(savepoint=False):
            _append_in_one_statement(record)
    else:  # autocommit: the one statement is a transaction (no BEGIN and COMMIT round trips)
        _append_in_one_statement(record)


def _append_under_lock(record: AuditRecord) -> None:
    head, _created = AuditHead.objects.select_for_update().get_or_create(
        pk=record.chain, defaults={"last_hash": GENESIS}
    )
    record.prev_hash = head.last_hash
    record.hash = record.compute_hash()
    record.save()
    head.last_hash = record.hash
    head.save(update_fields=["last_hash"])


_INSERTED = [f for f in AuditRecord._meta.concrete_fields if f.name not in ("id", "prev_hash", "hash")]


@cache
def _append_sql() -> str:
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in _INSERTED)
    casts = ", ".join(f"%s::{f.db_type(connection)}" for f in _INSERTED)
    return f"""
        WITH head AS (
            UPDATE audit_audithead
            SET previous_hash = last_hash,
                last_hash = encode(sha256(convert_to(%s || last_hash || '"]', 'UTF8')), 'hex')
            WHERE id = %s
            RETURNING previous_hash, last_hash
        )
        INSERT INTO audit_auditrecord ({columns}, prev_hash, hash)
        SELECT {casts}, previous_hash, last_hash FROM head
        RETURNING id, prev_hash, hash"""


def _append_in_one_statement(record: AuditRecord) -> None:
    """One round trip: the UPDATE locks the chain's head and computes the new hash in SQL from
    the payload's text up to the previous hash (which ends the payload, see AuditRecord.payload);
    the INSERT takes both hashes from it. The result is the hash compute_hash() gives, so
    verify_chain checks these records like any other."""
    record.prev_hash = GENESIS  # a stand-in of the right length, cut off below
    payload_head = record.payload()[: -(len(GENESIS) + 2)]
    values = [f.get_db_prep_save(getattr(record, f.attname), connection) for f in _INSERTED]
    with connection.cursor() as cursor:
        for _attempt in range(2):
            cursor.execute(_append_sql(), [payload_head, record.chain, *values])
            if row := cursor.fetchone():
                record.pk, record.prev_hash, record.hash = row
                record._state.adding = False
                return
            # The chain's head does not exist yet (a new database): create it, then append.
            head = AuditHead(pk=record.chain, last_hash=GENESIS)
            AuditHead.objects.bulk_create([head], ignore_conflicts=True)
    raise RuntimeError(f"audit chain {record.chain} has no head")


def chain_for(user: AbstractBaseUser | None) -> int:
    """A random chain per transaction: parallel requests (even one busy account's) spread
    over all heads, and a transaction that writes several records locks only one head,
    so two transactions can never wait on each other's heads (no deadlock)."""
    connection = transaction.get_connection()
    outermost = id(connection.atomic_blocks[0]) if connection.atomic_blocks else None
    sticky = getattr(connection, "_audit_chain", None)
    if sticky is None or sticky[0] != outermost:
        sticky = (outermost, 1 + secrets.randbelow(CHAINS))
        connection._audit_chain = sticky
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
