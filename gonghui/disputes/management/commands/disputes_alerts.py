from django.core.management.base import BaseCommand

from gonghui.disputes.tasks import send_deadline_alerts


class Command(BaseCommand):
    help = "Enqueue the deadline alert scan (run daily from cron; safe to run twice)."

    def handle(self, *args: object, **options: object) -> None:
        result = send_deadline_alerts.enqueue()
        self.stdout.write(f"enqueued {result.id}")
