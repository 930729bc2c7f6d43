"""Masks for personal data: pages, API answers and logs show these, never the value."""

import logging
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from django.db import models

ID_PATTERN = re.compile(r"(?<![0-9])([1-9][0-9]{5})([0-9]{8})([0-9]{3})([0-9Xx])(?![0-9])")
MOBILE_PATTERN = re.compile(r"(?<![0-9])(1[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9])")


def mask_id(number: str | None) -> str:
    if not number:
        return ""
    if len(number) < 8:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def mask_name(name: str | None) -> str:
    """张*明 / 李*: enough for a cashier to greet, not enough to look anyone up."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_phone(phone: str | None) -> str:
    if not phone:
        return ""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_text(text: str) -> str:
    """Mask every 18-digit ID and 11-digit mobile number found in free text."""
    text = ID_PATTERN.sub(lambda m: mask_id(m.group(0)), text)
    return MOBILE_PATTERN.sub(lambda m: mask_phone(m.group(0)), text)


class MaskPersonalDataFilter(logging.Filter):
    """Rewrites each log record so no full ID or mobile number reaches a log (PI-4)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and record.exc_info[1] is not None:
            # The formatted traceback may quote values; keep only the masked text.
            record.exc_text = mask_text(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class MaskedCopyField(models.TextField):
    """The masked form of another (encrypted) field, refreshed from it whenever the
    row is saved, so lists and default exports read it without decrypting. Paths that
    write raw rows (COPY, bulk_update) fill it with masked_copies()."""

    def __init__(self, *args: Any, source: str, mask: Callable[[str | None], str], **kwargs: Any) -> None:
        self.source, self.mask = source, mask
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        return name, path, args, {**kwargs, "source": self.source, "mask": self.mask}

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = self.mask(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


@cache
def masked_fields(model: type[models.Model]) -> list[MaskedCopyField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, MaskedCopyField)]


def masked_copies(model: type[models.Model], values: dict[str, Any]) -> dict[str, str]:
    """The masked columns for raw row values that carry their source fields."""
    return {f.attname: f.mask(values[f.source]) for f in masked_fields(model) if f.source in values}
