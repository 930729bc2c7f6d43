"""Tasks enqueued for a transaction's work run only if that work commits."""

import pytest
from django.db import transaction
from django.tasks import task
from django.test import TestCase, override_settings
from django_tasks_db.models import DBTaskResult

from gonghui.lib.tasks import enqueue_with_transaction

pytestmark = pytest.mark.django_db
ran: list[int] = []


@task()
def remember(n: int) -> None:
    ran.append(n)


class Rollback(Exception):
    pass


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_queue_in_the_same_database_gets_the_task_in_the_transaction():
    with pytest.raises(Rollback), transaction.atomic():
        enqueue_with_transaction(remember, 1)
        assert DBTaskResult.objects.filter(task_path__endswith="remember").count() == 1  # written, inside
        raise Rollback
    assert not DBTaskResult.objects.filter(task_path__endswith="remember").exists()
    with transaction.atomic():
        enqueue_with_transaction(remember, 2)
    assert DBTaskResult.objects.get(task_path__endswith="remember").args_kwargs["args"] == [2]


@override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}})
def test_any_other_queue_gets_the_task_after_the_commit():
    ran.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        with pytest.raises(Rollback), transaction.atomic():
            enqueue_with_transaction(remember, 1)
            raise Rollback
        with transaction.atomic():
            enqueue_with_transaction(remember, 2)
            assert ran == []  # not before the commit
    assert ran == [2]
