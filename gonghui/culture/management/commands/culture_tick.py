from django.core.management.base import BaseCommand

from gonghui.culture.services.checkin import release_no_shows
from gonghui.culture.services.notices import send_reminders
from gonghui.culture.services.waitlist import expire_holds


class Command(BaseCommand):
    help = "Enqueue the culture module's periodic tasks (cron, every few minutes; idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        for task in (expire_holds, release_no_shows, send_reminders):
            task.enqueue()
        self.stdout.write("culture: expire_holds, release_no_shows, send_reminders enqueued")
