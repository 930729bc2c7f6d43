"""Starting a review or a yearbook export as a task, and the task that writes its files with
progress. The task is safe to queue twice: only one run claims a job, and a job left running by
a crashed worker is claimed again once its progress has gone stale."""

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.figures import BEGINNING, Period
from gonghui.lib.tasks import enqueue_with_transaction
from gonghui.organizations.models import Node

from .errors import ReviewError
from .files import folder_of, new_folder, write_review, write_yearbook_file
from .models import ReviewJob

if TYPE_CHECKING:
    from gonghui.accounts.models import User

MOST_YEARS = 20
STALE_AFTER = datetime.timedelta(minutes=10)
Status, Kind = ReviewJob.Status, ReviewJob.Kind


@transaction.atomic
def review_job_start(
    *,
    node: Node,
    kind: str,
    first_year: int,
    last_year: int,
    actor: "User",
    audit: AuditContext = NO_REQUEST,
) -> ReviewJob:
    """A yearbook is of one year: the last one asked for."""
    if kind not in Kind.values:
        raise ReviewError(_("未知的生成类型。"))
    if not BEGINNING.year <= first_year <= last_year <= timezone.localdate().year:
        raise ReviewError(_("统计年度应在 1949 年至今年之间，且起始年度不晚于截止年度。"))
    if last_year - first_year >= MOST_YEARS:
        raise ReviewError(_("一次最多统计 20 个年度。"))
    if kind == Kind.YEARBOOK:
        first_year = last_year
    job = ReviewJob.unscoped.create(
        node=node,
        kind=kind,
        first_year=first_year,
        last_year=last_year,
        stored_as=new_folder(),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=f"results.{kind}.start",
        target=job,
        audit=audit,
        detail={"node": node.path, "from": first_year, "to": last_year},
    )
    enqueue_with_transaction(run_review_job, job.pk)
    return job


@task()
def run_review_job(job_id: int) -> None:
    now = timezone.now()
    claimable = Q(status=Status.QUEUED) | Q(status=Status.RUNNING, touched_at__lt=now - STALE_AFTER)
    if not ReviewJob.unscoped.filter(claimable, pk=job_id).update(
        status=Status.RUNNING, progress=0, touched_at=now
    ):
        return  # done, failed, or being written by another worker
    job = ReviewJob.unscoped.select_related("node").get(pk=job_id)

    def progress(done: int, total: int, what: str) -> None:
        ReviewJob.unscoped.filter(pk=job_id, status=Status.RUNNING).update(
            progress=min(99, done * 100 // max(total, 1)), step=what[:80], touched_at=timezone.now()
        )

    folder = folder_of(job.stored_as)
    try:
        if job.kind == Kind.YEARBOOK:
            write_yearbook_file(job.node, job.last_year, folder, progress)
        else:
            write_review(job.node, Period.years(job.first_year, job.last_year), folder, progress)
    except Exception as error:
        ReviewJob.unscoped.filter(pk=job_id).update(
            status=Status.FAILED, message=(_("生成失败：%(reason)s") % {"reason": error})[:300]
        )
        raise
    ReviewJob.unscoped.filter(pk=job_id).update(
        status=Status.DONE, progress=100, step="", finished_at=timezone.now(), touched_at=timezone.now()
    )
