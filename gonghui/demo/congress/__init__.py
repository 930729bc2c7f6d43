"""The demo's workers' congresses: most units with a union have one (non-enterprise units nearly
all by 2016), each term's representatives, a regular session a year since 2012 with its items,
proposals handled step by step, duty reports and assessments from 2015; and live items for the
demo chair's congress."""

import random

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.organizations.models import Node

from .history import write
from .live import seed_live

__all__ = ["seed_congress"]


def seed_congress(rng: random.Random, *, scale: float, actor: User) -> str:
    chair_union = Node.objects.filter(kind=Node.Kind.GRASSROOTS).order_by("path").first()
    written = write(rng, timezone.localdate(), chair_union.pk if chair_union else None)
    live = seed_live(actor, chair_union) if chair_union else False
    return (
        f"congress: {written['congress']} congresses, {written['reps']} representatives' seats, "
        f"{written['sessions']} sessions, {written['proposals']} proposals, "
        f"{written['assessments']} assessments{', live session open' if live else ''}"
    )
