from django.core.management.base import BaseCommand, CommandError

from gonghui.accounts.models import User
from gonghui.accounts.services import totp_now


class Command(BaseCommand):
    help = "Print the current TOTP code of an account (for operators and the demo)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args: object, username: str, **options: object) -> None:
        user = User.objects.filter(username=username).first()
        if user is None or not user.totp_secret:
            raise CommandError("no such account with a TOTP secret")
        self.stdout.write(totp_now(user))
