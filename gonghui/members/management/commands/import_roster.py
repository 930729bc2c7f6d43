import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from gonghui.members.roster.pipeline import commit_file, validate_file
from gonghui.members.roster.reader import RosterFileError
from gonghui.organizations.models import Node


class Command(BaseCommand):
    help = (
        "Validate (and with --commit, import) roster files into one grassroots union; prints JSON per file."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--union", required=True, help="the union's node path, id or exact name")
        parser.add_argument("--commit", action="store_true", help="write; without it nothing changes")
        parser.add_argument("--json", action="store_true", help="JSON output (the only format)")

    def handle(self, *args: object, files: list[str], union: str, commit: bool, **options: object) -> None:
        node = self._union(union)
        for name in files:
            path = Path(name)
            out: dict[str, object] = {"file": str(path), "committed": False}
            try:
                data = path.read_bytes()
                summary = (
                    commit_file(data, path.name, node, None)
                    if commit
                    else validate_file(data, path.name, node)
                )
                out.update(
                    rows=summary.rows,
                    counts=dict(summary.counts),
                    committed=commit,
                    errors=[
                        {"row": e["row"], "column": c, "reason": r}
                        for e in summary.first_errors
                        for c, r in e["errors"].items()
                    ],
                )
                if summary.created:
                    out["created"] = list(summary.created)  # the new members' numbers, first and last
            except (RosterFileError, OSError) as error:
                out["error"] = str(error)
            self.stdout.write(json.dumps(out, ensure_ascii=False))

    def _union(self, text: str) -> Node:
        lookup = Q(path=text) | Q(name=text)
        if text.isdigit():
            lookup |= Q(pk=int(text))
        matches = list(Node.objects.filter(lookup, kind=Node.Kind.GRASSROOTS)[:2])
        if len(matches) != 1:
            raise CommandError(f"no single grassroots union matches {text!r}")
        return matches[0]
