"""Sealed records: a result that must never change once final (a closed vote, a published
election) is sealed into the audit chain. The seal is an audit record whose detail carries the
digest of the record's content; `verify_seals` recomputes every sealed record's content from
the rows as they are now and reports the ones that differ or are gone, so an edit made in the
database behind the services' back shows, like an edited audit record does (AU-3).

A sealable model defines `sealed_content(self) -> dict`: plain JSON values (numbers, strings,
lists, dicts), everything the result is (its counts, its outcome, a digest of its ballots).
The audit app imports no model of another app: it finds the model by its label."""

import hashlib
import json
from typing import Any, Protocol

from django.apps import apps
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models

from .context import NO_REQUEST, AuditContext
from .models import AuditRecord
from .services import audit_record

SEAL_KEY = "seal"


class Sealable(Protocol):
    pk: Any

    def sealed_content(self) -> dict[str, Any]: ...


def seal_digest(content: dict[str, Any]) -> str:
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def audit_seal(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    target: models.Model,
    audit: AuditContext = NO_REQUEST,
    detail: dict[str, Any] | None = None,
) -> str:
    """Seal `target` as it is now (in the caller's transaction); returns the digest."""
    digest = seal_digest(target.sealed_content())  # type: ignore[attr-defined]
    audit_record(
        actor=actor, action=action, target=target, audit=audit, detail={**(detail or {}), SEAL_KEY: digest}
    )
    return digest


def verify_seals() -> list[str]:
    """Problems found re-reading every sealed record; empty when all are as sealed. A record
    sealed more than once is checked against its latest seal."""
    latest: dict[tuple[str, str], str] = {}
    sealed = AuditRecord.objects.filter(detail__has_key=SEAL_KEY).order_by("id")
    for object_type, object_id, detail in sealed.values_list("object_type", "object_id", "detail").iterator():
        latest[(object_type, object_id)] = detail[SEAL_KEY]
    problems = []
    for (object_type, object_id), digest in latest.items():
        try:
            model = apps.get_model(object_type)
        except (LookupError, ValueError):
            problems.append(f"sealed {object_type} {object_id}: its model is gone")
            continue
        instance = model._base_manager.filter(pk=object_id).first()
        if instance is None:
            problems.append(f"sealed {object_type} {object_id}: deleted")
        elif seal_digest(instance.sealed_content()) != digest:
            problems.append(f"sealed {object_type} {object_id}: altered since it was sealed")
    return problems
