"""Record numbers people read and quote: one format for every kind of record, a two-letter
kind, the year and a seven-digit sequence (TJ20260000063 is a dispute case of 2026)."""

import datetime

from django.utils import timezone

CASE = "TJ"  # 调解 a dispute case
CLAIM = "BZ"  # 保障 a basic-protection claim
SALE = "JY"  # 交易 a discounted sale


def record_number(kind: str, when: datetime.date | datetime.datetime, pk: int) -> str:
    if isinstance(when, datetime.datetime):
        when = timezone.localdate(when) if timezone.is_aware(when) else when.date()
    return f"{kind}{when.year}{pk:07d}"
