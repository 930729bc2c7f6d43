from django.core.management.base import BaseCommand

from gonghui.culture.tasks import expire_holds, release_no_shows, send_reminders


class Command(BaseCommand):
    help = "Enqueue the culture module's periodic tasks (cron, every few minutes; idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        for task in (expire_holds, release_no_shows, send_reminders):
            task.enqueue()
        self.stdout.write("culture: expire_holds, release_no_shows, send_reminders enqueued")
