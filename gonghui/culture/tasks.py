"""Background work of the culture module. Every task is safe to run twice, even at the
same time: each effect is a conditional UPDATE or a unique row (BK-4, FT-3)."""

from django.tasks import task


@task()
def send_notice(booking_id: int, kind: str, key: str = "") -> bool:
    from .notices import notice_deliver

    return notice_deliver(booking_id=booking_id, kind=kind, key=key)


@task()
def promote_waiting(session_id: int) -> int:
    from .booking import waitlist_promote

    return waitlist_promote(session_id=session_id)


@task()
def expire_holds() -> int:
    from .booking import holds_expire

    return holds_expire()


@task()
def release_no_shows() -> int:
    from .booking import no_shows_release

    return no_shows_release()


@task()
def send_reminders() -> int:
    from .notices import reminders_enqueue

    return reminders_enqueue()
