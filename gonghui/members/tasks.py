from django.tasks import task

from .roster.jobs import run_commit, run_validation


@task()
def validate_roster_import(job_id: int) -> None:
    run_validation(job_id)


@task()
def commit_roster_import(job_id: int, actor_id: int) -> None:
    run_commit(job_id, actor_id)
