import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from gonghui.organizations.models import Node
from gonghui.results.kpis import live_figures, module_figures, rollup_figures


class Command(BaseCommand):
    help = (
        "Print the KPIs of a node (by path, id or exact name) as JSON; keys are documented in docs/kpis.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--node", required=True, help="node path, id or exact name")
        parser.add_argument(
            "--json", action="store_true", help="JSON output (the only format; kept for scripts)"
        )
        parser.add_argument("--cached", action="store_true", help="read the rollup instead of computing live")
        parser.add_argument("--year", type=int, help="limit module flows to one year")

    def handle(self, *args: object, node: str, cached: bool, year: int | None, **options: object) -> None:
        lookup = Q(path=node) | Q(name=node)
        if node.isdigit():
            lookup |= Q(pk=int(node))
        matches = list(Node.objects.filter(lookup)[:2])
        if len(matches) != 1:
            raise CommandError(f"no single node matches {node!r}")
        target = matches[0]
        figures = rollup_figures(target)[0] if cached else live_figures(target)
        out = {
            "node": {"id": target.pk, "path": target.path, "name": target.name, "kind": target.kind},
            **figures,
            **module_figures(target, year=year),
        }
        self.stdout.write(json.dumps(out, ensure_ascii=False, sort_keys=True))
