"""The notification adapter: SMS or a WeChat template message in production; the embedded
default logs the notice. Choose one with settings.CULTURE_NOTIFIER (a dotted path)."""

import logging
from typing import ClassVar, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("gonghui.culture.notices")


class Notifier(Protocol):
    def send(self, *, member_id: int, kind: str, text: str) -> None: ...


class LogNotifier:
    def send(self, *, member_id: int, kind: str, text: str) -> None:
        logger.info("culture notice %s to member %s: %s", kind, member_id, text)


class MemoryNotifier(LogNotifier):
    """Keeps what it sends, for tests and demos."""

    outbox: ClassVar[list[tuple[int, str, str]]] = []

    def send(self, *, member_id: int, kind: str, text: str) -> None:
        super().send(member_id=member_id, kind=kind, text=text)
        self.outbox.append((member_id, kind, text))


def notifier() -> Notifier:
    path = getattr(settings, "CULTURE_NOTIFIER", "gonghui.culture.notify.LogNotifier")
    return import_string(path)()
