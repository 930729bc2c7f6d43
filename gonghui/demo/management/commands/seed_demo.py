import base64
import time

from django.core.management.base import BaseCommand, CommandError

from gonghui.accounts.models import User
from gonghui.lib.db import analyze, without_statement_timeout
from gonghui.members.models import Member
from gonghui.organizations.models import Node
from gonghui.results.kpis import refresh_rollups

from ...accounts import account_lines
from ...bargaining import seed_bargaining
from ...cards import seed_cards
from ...care import seed_care
from ...competitions import seed_competitions
from ...congress import seed_congress
from ...culture import seed_culture
from ...disputes import seed_disputes
from ...federation import seed_federation
from ...honours import seed_honours
from ...skills import seed_skills
from ...spine import Generator, create_accounts
from ...workflows import seed_queues

# Each module adds its records to the generated district and says what it added.
MODULE_SEEDS = [
    seed_cards,
    seed_culture,
    seed_disputes,
    seed_competitions,
    seed_skills,
    seed_honours,
    seed_bargaining,
    seed_congress,
    seed_care,
    seed_federation,
]


class Command(BaseCommand):
    help = "Generate the demo district (the seed's Yangpu federation) from records; deterministic per --seed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="1 = the seed's district (~187k members)"
        )
        parser.add_argument("--seed", type=int, default=2016)
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when the district already exists"
        )

    def handle(self, *args: object, scale: float, seed: int, if_empty: bool, **options: object) -> None:
        if Node.objects.exists():
            if if_empty:
                self.stdout.write("demo district already present; nothing to do")
                return
            raise CommandError("the database already has a district; use a fresh database (or --if-empty)")
        started = time.monotonic()
        generator = Generator(scale=scale, seed=seed)
        with without_statement_timeout():
            district, streets, middles = generator.build_tree()
            drafts, unions = generator.build_units(streets, middles)
            unit_ids = generator.save_units(drafts)
            members = generator.save_members(drafts, unit_ids)
            create_accounts(district, streets, unions)
            district_user = User.objects.get(username="district")
            district_user.totp_secret = base64.b32encode(generator.rng.randbytes(20)).decode()
            district_user.save(update_fields=["totp_secret"])
            seed_queues(generator.rng, actor=district_user)
            module_lines = [seed(generator.rng, scale=scale, actor=district_user) for seed in MODULE_SEEDS]
        analyze()
        refresh_rollups()
        self.stdout.write(
            f"demo district: {Node.objects.count()} nodes, {len(drafts)} units, {members} member records "
            f"in {time.monotonic() - started:.1f}s"
        )
        for line in module_lines:
            self.stdout.write(line)
        for line in account_lines():
            self.stdout.write(line)
        self.stdout.write(f"{Member.unscoped.count()} members in the database")
