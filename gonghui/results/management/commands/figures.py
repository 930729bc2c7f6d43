import time

from django.core.management.base import BaseCommand, CommandParser

from gonghui.results import store
from gonghui.results.tasks import fill_figures, refresh_figures


class Command(BaseCommand):
    help = (
        "The dashboards' figures cache: --fill queues the standard periods of the nodes near the top "
        "(run it nightly and after a bulk load) and computes them, --refresh recomputes what changes "
        "made stale; with --background the task worker does it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--fill", action="store_true", help="queue and compute the standard periods")
        parser.add_argument("--refresh", action="store_true", help="recompute the stale rows")
        parser.add_argument("--background", action="store_true", help="leave the work to the task worker")
        parser.add_argument("--depth", type=int, help="fill the nodes down to this depth (default: settings)")

    def handle(
        self, *args: object, fill: bool, refresh: bool, background: bool, depth: int | None, **options: object
    ) -> None:
        if background:
            (fill_figures if fill else refresh_figures).enqueue()
            self.stdout.write("queued")
            return
        started = time.monotonic()
        if fill:
            self.stdout.write(f"{store.fill(depth)} rows queued")
        if fill or refresh:
            done, _left = store.refresh()
            self.stdout.write(f"{done} rows computed in {time.monotonic() - started:.1f}s")
