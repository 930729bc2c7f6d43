"""Make or revoke an API token from the shell, as a named district staff account (audited as
that account). The secret is printed once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.accounts.models import User
from gonghui.integrations import services
from gonghui.integrations.models import ApiToken, Permission
from gonghui.organizations.models import Node


class Command(BaseCommand):
    help = "Create or revoke an API token (the secret is printed once)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("--name", required=True)
        create.add_argument("--node", type=int, required=True, help="the node's id")
        create.add_argument("--permission", action="append", choices=Permission.values, required=True)
        create.add_argument("--kind", choices=ApiToken.Kind.values, default=ApiToken.Kind.SYSTEM)
        create.add_argument("--days", type=int, default=365)
        create.add_argument("--rate", type=int, default=120, help="requests per minute")
        create.add_argument("--by", required=True, help="the district staff account's username")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("prefix")
        revoke.add_argument("--by", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(username=options["by"]).first()
        if actor is None:
            raise CommandError("no such account")
        try:
            if options["action"] == "create":
                node = Node.objects.filter(pk=options["node"]).first()
                if node is None:
                    raise CommandError("no such node")
                token, secret = services.token_create(
                    name=options["name"],
                    kind=options["kind"],
                    node=node,
                    permissions=options["permission"],
                    days=options["days"],
                    rate_per_minute=options["rate"],
                    actor=actor,
                )
                self.stdout.write(f"{token.actor.username} {secret}")
            else:
                found = ApiToken.unscoped.filter(prefix=options["prefix"]).first()
                if found is None:
                    raise CommandError("no such token")
                services.token_revoke(token=found, actor=actor)
                self.stdout.write(f"revoked {found.masked}")
        except services.IntegrationsError as error:
            raise CommandError(str(error)) from None
