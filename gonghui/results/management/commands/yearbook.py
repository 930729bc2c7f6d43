import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.lib.figures import BEGINNING, LAST_YEAR
from gonghui.results.review.files import write_yearbook_file
from gonghui.results.review.nodes import node_from_text


class Command(BaseCommand):
    help = (
        "Write the yearbook statistics of a node for one year (yearbook.xlsx): unions by unit "
        "category, members, coverage by street, workers' congresses where installed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--node", required=True, help="node path, id or exact name")
        parser.add_argument("--year", type=int, required=True, help="the year (stocks at its end)")
        parser.add_argument("--out", required=True, type=Path, help="folder to write yearbook.xlsx into")

    def handle(self, *args: object, node: str, year: int, out: Path, **options: object) -> None:
        target = node_from_text(node)
        if target is None:
            raise CommandError(f"no single node matches {node!r}")
        if not BEGINNING.year <= year <= LAST_YEAR:
            raise CommandError("年度应在 1949 至 2100 之间。")
        started = time.monotonic()
        for path in write_yearbook_file(target, year, out):
            self.stdout.write(str(path))
        self.stderr.write(f"written in {time.monotonic() - started:.1f}s")
