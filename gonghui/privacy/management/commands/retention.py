import json
from typing import Any

from django.core.management.base import BaseCommand

from gonghui.privacy.tasks import enforce_retention


class Command(BaseCommand):
    help = "Erase personal records past their retention period (PI-6); --background queues the task."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--background", action="store_true", help="queue the task for the db_worker")

    def handle(self, *args: Any, background: bool = False, **options: Any) -> None:
        if background:
            enforce_retention.enqueue()
            self.stdout.write("queued")
            return
        self.stdout.write(json.dumps(enforce_retention.call(), ensure_ascii=False))
