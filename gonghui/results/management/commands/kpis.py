import datetime
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from gonghui.lib.figures import PeriodError, period_from
from gonghui.organizations.models import Node
from gonghui.results.docs import kpis_markdown
from gonghui.results.kpis import rollup_figures
from gonghui.results.registry import figures_for


class Command(BaseCommand):
    help = (
        "Print the KPIs of a node (by path, id or exact name) as JSON; keys are documented in "
        "docs/kpis.md (`--docs` prints that file, generated from the registry)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--node", help="node path, id or exact name")
        parser.add_argument(
            "--json", action="store_true", help="JSON output (the only format; kept for scripts)"
        )
        parser.add_argument(
            "--cached", action="store_true", help="read the spine's figures from the rollup (today's stocks)"
        )
        parser.add_argument("--year", type=int, help="flows of one year, stocks at its end")
        parser.add_argument("--from", dest="first", type=int, help="first year of a range (flows summed)")
        parser.add_argument("--to", dest="last", type=int, help="last year of a range (stocks at its end)")
        parser.add_argument("--month", help="flows of one month (YYYY-MM), stocks at its end")
        parser.add_argument(
            "--as-of", dest="as_of", type=datetime.date.fromisoformat, help="stocks on that day (YYYY-MM-DD)"
        )
        parser.add_argument("--docs", action="store_true", help="print docs/kpis.md from the registry")

    def handle(
        self,
        *args: object,
        node: str | None,
        cached: bool,
        docs: bool,
        year: int | None,
        first: int | None,
        last: int | None,
        month: str | None,
        as_of: datetime.date | None,
        **options: object,
    ) -> None:
        if docs:
            self.stdout.write(kpis_markdown(), ending="")
            return
        target = self._node(node)
        try:
            period = period_from(year=year, first=first, last=last, month=month, as_of=as_of)
        except PeriodError as wrong:
            raise CommandError(str(wrong)) from None
        figures = figures_for(target, period)
        if cached and period is None:
            figures.update(rollup_figures(target)[0])
        out = {
            "node": {"id": target.pk, "path": target.path, "name": target.name, "kind": target.kind},
            "period": period.describe() if period else None,
            **figures,
        }
        self.stdout.write(json.dumps(out, ensure_ascii=False, sort_keys=True))

    def _node(self, node: str | None) -> Node:
        if not node:
            raise CommandError("--node is required")
        lookup = Q(path=node) | Q(name=node)
        if node.isdigit():
            lookup |= Q(pk=int(node))
        matches = list(Node.objects.filter(lookup)[:2])
        if len(matches) != 1:
            raise CommandError(f"no single node matches {node!r}")
        return matches[0]
