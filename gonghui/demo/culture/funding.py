"""Funding of the programmes per circle and quarter: 102万 yuan over 2015-2016 (the seed) and
about 55万 a year since, the current quarter included once it has begun."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from gonghui.culture.models import Funding, Programme

from .venues import CIRCLES

YEARS = (2015, 2016)
FUNDING_YUAN = Decimal("1020000.00")
LATER_YEARLY = Decimal("550000.00")


def _spread(rng: random.Random, n: int, total: Decimal) -> list[Decimal]:
    weights = [rng.random() + 0.2 for _ in range(n)]
    scale_to = total / Decimal(str(sum(weights)))
    amounts = [(Decimal(str(w)) * scale_to).quantize(Decimal("0.01")) for w in weights]
    amounts[-1] += total - sum(amounts)
    return amounts


def seed_funding(rng: random.Random, programmes: list[Programme]) -> None:
    today = timezone.localdate()
    kinds = [Funding.Kind.SUBSIDY, Funding.Kind.PROJECT, Funding.Kind.PURCHASE]
    circles = ["core", *CIRCLES]
    batches = [
        ([(p, c, y, q) for p in programmes for c in circles for y in YEARS for q in range(4)], FUNDING_YUAN)
    ]
    for year in range(YEARS[-1] + 1, today.year + 1):
        quarters = [q for q in range(4) if datetime.date(year, 3 * q + 2, 10) <= today]
        slots = [(p, c, year, q) for p in programmes for c in circles for q in quarters]
        batches.append((slots, (LATER_YEARLY * len(quarters) / 4).quantize(Decimal("0.01"))))
    rows = []
    for slots, total in batches:
        for i, ((p, c, y, q), amount) in enumerate(zip(slots, _spread(rng, len(slots), total), strict=True)):
            rows.append(
                Funding(
                    programme=p,
                    circle=c,
                    kind=kinds[i % 3],
                    amount=amount,
                    paid_on=datetime.date(y, 3 * q + 2, 10),
                    path=p.path,
                    note=f"{y}年第{q + 1}季度",
                )
            )
    Funding.unscoped.bulk_create(rows, batch_size=1000)
