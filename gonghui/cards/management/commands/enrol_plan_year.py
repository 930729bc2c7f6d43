from django.core.management.base import BaseCommand

from ...tasks import enrol_current_year


class Command(BaseCommand):
    help = "Enrol every active card holder in this year's basic protection plan (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="hand it to the task worker instead")

    def handle(self, *args: object, enqueue: bool, **options: object) -> None:
        if enqueue:
            enrol_current_year.enqueue()
            self.stdout.write("enqueued")
            return
        added = enrol_current_year.call()
        self.stdout.write(f"enrolled {added} holders")
