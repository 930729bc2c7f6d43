import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.lib.figures import PeriodError, period_from
from gonghui.results.review.files import write_review
from gonghui.results.review.nodes import node_from_text


class Command(BaseCommand):
    help = (
        "Write the review of a node's subtree (review.pdf, review.xlsx) for a range of years, "
        "every number from the KPI registry, following the seed's chapters."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--node", required=True, help="node path, id or exact name")
        parser.add_argument("--from", dest="first", type=int, required=True, help="first year")
        parser.add_argument("--to", dest="last", type=int, required=True, help="last year")
        parser.add_argument("--out", required=True, type=Path, help="folder to write the two files into")

    def handle(self, *args: object, node: str, first: int, last: int, out: Path, **options: object) -> None:
        target = node_from_text(node)
        if target is None:
            raise CommandError(f"no single node matches {node!r}")
        try:
            period = period_from(first=first, last=last)
        except PeriodError as wrong:
            raise CommandError(str(wrong)) from None
        assert period is not None
        started = time.monotonic()
        paths = write_review(target, period, out)
        for path in paths:
            self.stdout.write(str(path))
        self.stderr.write(f"written in {time.monotonic() - started:.1f}s")
