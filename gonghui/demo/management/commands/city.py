import json
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from ...city.citus import distribute, is_citus
from ...city.generate import analyze, load_city


class Command(BaseCommand):
    help = (
        "Load a city of 16 districts at Shanghai's size (times --scale) into an empty, migrated "
        "database; on a Citus coordinator, distribute the core tables first (--citus)."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--scale", type=float, default=0.01)
        parser.add_argument("--citus", action="store_true", help="distribute the core tables first")
        parser.add_argument("--json", action="store_true", help="print the timings as one JSON line")

    def handle(self, *args: object, **options: object) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("城市数据只能载入 PostgreSQL。")
        scale = float(options["scale"])  # type: ignore[arg-type]
        if not 0 < scale <= 10:
            raise CommandError("--scale 须大于 0 且不超过 10（1 为上海全市的规模）。")
        figures: dict[str, object] = {"scale": scale}
        with connection.cursor() as cursor:
            # The settings' 30 s statement_timeout is for requests; a city's INSERT outlasts it.
            cursor.execute("SET statement_timeout = 0")
            if options["citus"]:
                if not is_citus(cursor):
                    raise CommandError("该数据库未安装 Citus 扩展。")
                started = time.perf_counter()
                changes = distribute(cursor)
                figures["distribute_s"] = round(time.perf_counter() - started, 2)
                for line in changes:
                    self.stderr.write(line)
            started = time.perf_counter()
            with transaction.atomic():
                figures["steps_s"] = load_city(cursor, scale, log=self.stderr.write)
            analyze(cursor)
            figures["load_s"] = round(time.perf_counter() - started, 2)
        if options["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False))
        else:
            self.stdout.write(f"city loaded: {figures}")
