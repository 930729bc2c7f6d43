"""The demo's collective bargaining: every enterprise covered since before 2012 by a chain of
agreements (9,840 at the end of 2016 at scale 1, 17.5 % more each year over 2012–2016), the
offers and filing dates of the review period and after, and a few live items."""

import random

from django.utils import timezone

from gonghui.accounts.models import User

from .history import write
from .live import seed_live

__all__ = ["seed_bargaining"]


def seed_bargaining(rng: random.Random, *, scale: float, actor: User) -> str:
    today = timezone.localdate()
    written = write(rng, scale, today)
    live = seed_live(actor)
    return (
        f"bargaining: {written['enterprises']} enterprises covered, {written['agreements']} agreements, "
        f"{written['offers']} offers, {live} live offers"
    )
