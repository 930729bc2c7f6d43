"""Several real `db_worker` processes on one queue: each task runs once; a worker killed in the
middle of a task leaves it to be retried, and the retry adds no second effect (FT-3)."""

import datetime
import time

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gonghui.audit.models import AuditRecord
from gonghui.disputes import services as disputes
from gonghui.disputes.models import Case, CaseEvent, DeadlineAlert
from gonghui.disputes.tasks import send_deadline_alerts
from gonghui.testing.disputes import make_network

from .faults import backends_waiting_on_locks, leases_held, pg_connect, stop, wait_for, workers
from .worker_tasks import RUNS_TABLE, record_run

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ON_THE_QUEUE = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})


@pytest.fixture
def runs_table():
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {RUNS_TABLE} (n integer NOT NULL, pid integer NOT NULL)")
    yield RUNS_TABLE
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {RUNS_TABLE}")


def finished(ids: list[str]) -> bool:
    done = DBTaskResult.objects.filter(pk__in=ids).exclude(status__in=["READY", "RUNNING"])
    return done.count() == len(ids)


@ON_THE_QUEUE
def test_three_workers_on_one_queue_run_each_task_once(runs_table, tmp_path):
    ids = ["w1", "w2", "w3"]
    with workers(ids, tmp_path), pg_connect() as watcher:
        wait_for(lambda: leases_held(watcher) == 3, 240, "three workers holding their lease")
        started = time.monotonic()
        results = [str(record_run.enqueue(n).id) for n in range(40)]
        wait_for(lambda: finished(results), 60, "40 tasks done")
        elapsed = time.monotonic() - started
    assert DBTaskResult.objects.filter(pk__in=results, status="SUCCESSFUL").count() == 40
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT n, count(*), min(pid) FROM {runs_table} GROUP BY n ORDER BY n")
        runs = cursor.fetchall()
    assert [(n, times) for n, times, _ in runs] == [(n, 1) for n in range(40)]  # each ran exactly once
    assert len({pid for _, _, pid in runs}) >= 2  # and the queue was shared between processes
    claims = [row.worker_ids for row in DBTaskResult.objects.filter(pk__in=results)]
    assert all(len(claim) == 1 and claim[0] in ids for claim in claims)
    print(f"40 tasks on 3 workers in {elapsed:.2f} s, by {len({c[0] for c in claims})} workers")


def overdue_cases(district) -> list[Case]:
    network = make_network(district)
    cases = []
    for key, actor in (("own", "mediator"), ("subtree", "district"), ("parent", "district")):
        case = disputes.case_accept(case=network.cases[key], actor=district.users[actor])
        Case.unscoped.filter(pk=case.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=1))
        cases.append(case)
    return sorted(cases, key=lambda case: case.pk)  # the order the scan alerts them in


@ON_THE_QUEUE
def test_a_worker_killed_mid_task_leaves_it_to_a_retry_that_alerts_each_case_once(district, tmp_path):
    cases = overdue_cases(district)
    with pg_connect(autocommit=False) as holder, pg_connect() as watcher:
        # The test holds the second case's row: the scan alerts the first, commits, then waits.
        holder.execute("SELECT 1 FROM disputes_case WHERE id = %s FOR UPDATE", [cases[1].pk])
        result = send_deadline_alerts.enqueue()
        with workers(["doomed"], tmp_path) as started:
            wait_for(lambda: backends_waiting_on_locks(watcher), 240, "the worker stuck on the second case")
            assert DeadlineAlert.objects.filter(case__in=cases).count() == 1  # the first is committed
            stop(started["doomed"])  # SIGKILL in the middle of the task
        holder.rollback()
        # django-tasks-db leaves the task RUNNING, claimed by a worker that no longer exists.
        time.sleep(1)
        row = DBTaskResult.objects.get(pk=result.id)
        assert (row.status, row.worker_ids) == ("RUNNING", ["doomed"])

        killed_at = time.monotonic()
        with workers(["heir"], tmp_path):
            wait_for(lambda: finished([str(result.id)]), 240, "the task retried by another worker")
        retried_in = time.monotonic() - killed_at
    row = DBTaskResult.objects.get(pk=result.id)
    # The killed worker's second alert was at its COMMIT (the foreign key to the held case is
    # checked there), which the server finished once the case was released: two were done
    # before the retry, so the retry made the third and skipped both others.
    assert (row.status, row.worker_ids, row.return_value) == ("SUCCESSFUL", ["doomed", "heir"], 1)
    alerts = list(DeadlineAlert.objects.filter(case__in=cases).values_list("case_id", flat=True))
    assert sorted(alerts) == [case.pk for case in cases]  # each case alerted exactly once
    assert CaseEvent.objects.filter(case__in=cases, kind="alert").count() == 3
    assert AuditRecord.objects.filter(action="case.deadline_alert").count() == 3
    print(f"killed worker's task retried and finished {retried_in:.2f} s after a new worker started")


@ON_THE_QUEUE
def test_a_task_whose_workers_keep_dying_is_failed_not_retried_for_ever(db):
    from gonghui.lib.workers import requeue_orphaned_tasks

    result = send_deadline_alerts.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(status="RUNNING", worker_ids=["gone1", "gone2"])
    assert requeue_orphaned_tasks() == (1, 0)
    assert DBTaskResult.objects.get(pk=result.id).status == "READY"
    DBTaskResult.objects.filter(pk=result.id).update(status="RUNNING", worker_ids=["gone1", "gone2", "gone3"])
    assert requeue_orphaned_tasks() == (0, 1)
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "FAILED" and row.exception_class_path == "gonghui.lib.workers.WorkerLost"
    assert requeue_orphaned_tasks() == (0, 0)  # twice is the same as once
