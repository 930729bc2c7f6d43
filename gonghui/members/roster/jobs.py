"""Import jobs as the back office runs them: upload, validate in a task with
progress, preview, confirm (commit in a task) or cancel. Every step is audited."""

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.organizations.models import Node

from ..models import RosterImport, RosterMapping
from . import storage
from .pipeline import commit_file, validate_file
from .reader import RosterFileError, check_limits, sniff_kind

if TYPE_CHECKING:
    from gonghui.accounts.models import User

Status = RosterImport.Status


class ImportCancelled(Exception):
    pass


@transaction.atomic
def roster_import_create(
    *, union: Node, filename: str, data: bytes, actor: "User", audit: AuditContext = NO_REQUEST
) -> RosterImport:
    """Refuses bad files at once (FX-1), stores the rest encrypted and queues validation."""
    check_limits(data, sniff_kind(data, filename))
    job = RosterImport.unscoped.create(
        union=union, filename=filename[:200], stored_as=storage.store(data), created_by=actor
    )
    audit_record(
        actor=actor, action="roster.upload", target=job, audit=audit, detail={"file": filename[:100]}
    )
    transaction.on_commit(lambda: validate_roster_import.enqueue(job.pk))
    return job


@task()
def validate_roster_import(job_id: int) -> None:
    """Parse and validate with progress; the preview is the result."""
    started = RosterImport.unscoped.filter(pk=job_id, status=Status.QUEUED).update(status=Status.VALIDATING)
    if not started:
        return  # cancelled, or already run by another worker
    job = RosterImport.unscoped.select_related("union").get(pk=job_id)

    def progress(rows: int, estimated: int) -> None:
        updated = RosterImport.unscoped.filter(pk=job_id, status=Status.VALIDATING).update(
            progress=rows, total_rows=max(estimated, rows)
        )
        if not updated:
            raise ImportCancelled

    try:
        summary = validate_file(storage.load(job.stored_as), job.filename, job.union, on_progress=progress)
    except ImportCancelled:
        return
    except RosterFileError as error:
        _fail(job_id, str(error))
        return
    if summary.report:
        storage.store(summary.report, storage.report_name(job.stored_as))
    RosterImport.unscoped.filter(pk=job_id, status=Status.VALIDATING).update(
        status=Status.READY,
        progress=summary.rows,
        total_rows=summary.rows,
        counts=dict(summary.counts),
        first_errors=summary.first_errors,
        preview={"new": summary.first_new, "notes": summary.notes},
        mapping=summary.mapping,
        header=summary.header,
    )


def _fail(job_id: int, message: str) -> None:
    RosterImport.unscoped.filter(pk=job_id).update(status=Status.FAILED, message=message[:300])


def roster_import_confirm(*, job: RosterImport, actor: "User", audit: AuditContext = NO_REQUEST) -> None:
    if not RosterImport.unscoped.filter(pk=job.pk, status=Status.READY).update(status=Status.COMMITTING):
        raise RosterFileError(_("该导入不在待确认状态。"))
    audit_record(actor=actor, action="roster.confirm", target=job, audit=audit)
    transaction.on_commit(lambda: commit_roster_import.enqueue(job.pk, actor.pk))


@task()
def commit_roster_import(job_id: int, actor_id: int) -> None:
    job = RosterImport.unscoped.select_related("union").get(pk=job_id)
    if job.status != Status.COMMITTING:
        return
    try:
        summary = commit_file(
            storage.load(job.stored_as), job.filename, job.union, get_user_model().objects.get(pk=actor_id)
        )
    except Exception as error:  # the commit rolled back whole; say so and keep the file for a retry
        _fail(job_id, _("导入失败，未写入任何数据：%(reason)s") % {"reason": str(error)[:200]})
        raise
    first, last = summary.created or ("", "")
    RosterImport.unscoped.filter(pk=job_id).update(
        status=Status.DONE,
        counts=dict(summary.counts),
        committed_at=timezone.now(),
        first_member_no=first,
        last_member_no=last,
    )
    storage.remove(job.stored_as)


def roster_import_cancel(*, job: RosterImport, actor: "User", audit: AuditContext = NO_REQUEST) -> None:
    cancellable = (Status.QUEUED, Status.VALIDATING, Status.READY)
    if not RosterImport.unscoped.filter(pk=job.pk, status__in=cancellable).update(status=Status.CANCELLED):
        raise RosterFileError(_("该导入已无法取消。"))
    storage.remove(job.stored_as)
    audit_record(actor=actor, action="roster.cancel", target=job, audit=audit)


@transaction.atomic
def roster_mapping_save(
    *, job: RosterImport, columns: dict[str, str], actor: "User", audit: AuditContext = NO_REQUEST
) -> None:
    """Remember the union's mapping and validate the file again with it."""
    RosterMapping.objects.update_or_create(union=job.union, defaults={"columns": columns})
    RosterImport.unscoped.filter(pk=job.pk, status__in=(Status.READY, Status.FAILED)).update(
        status=Status.QUEUED, progress=0, counts={}, first_errors=[], preview={}, message=""
    )
    audit_record(actor=actor, action="roster.mapping", target=job, audit=audit, detail={"columns": columns})
    transaction.on_commit(lambda: validate_roster_import.enqueue(job.pk))
