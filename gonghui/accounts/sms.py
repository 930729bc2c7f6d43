"""The SMS gateway is an adapter; the embedded default prints to the console."""

import sys
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class SmsGateway(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class ConsoleGateway:
    def send(self, phone: str, text: str) -> None:
        # Printed to stdout for the operator running the demo, never logged.
        print(f"[SMS to {phone}] {text}", file=sys.stdout, flush=True)


class MemoryGateway:
    """For tests: keeps the messages it was asked to send."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        self.outbox.append((phone, text))


@cache
def gateway() -> SmsGateway:
    return import_string(settings.SMS_GATEWAY)()
