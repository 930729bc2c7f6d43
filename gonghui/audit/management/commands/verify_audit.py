from django.core.management.base import BaseCommand, CommandError

from gonghui.audit.models import AuditRecord
from gonghui.audit.seals import verify_seals
from gonghui.audit.services import verify_chain


class Command(BaseCommand):
    help = (
        "Verify the audit log's hash chain and every sealed record (a closed vote, a published "
        "result); exits non-zero if a record was edited or deleted."
    )

    def handle(self, *args: object, **options: object) -> None:
        problems = verify_chain() + verify_seals()
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(f"audit chain intact: {AuditRecord.objects.count()} records")
