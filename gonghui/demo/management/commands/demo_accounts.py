from django.core.management.base import BaseCommand

from ...accounts import account_lines


class Command(BaseCommand):
    help = "Print every staff account of the demo district with its password and what it is for."

    def handle(self, *args: object, **options: object) -> None:
        for line in account_lines():
            self.stdout.write(line)
