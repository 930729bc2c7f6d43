"""Requests per token per minute, counted in the cache (Redis when REDIS_URL is set, so every
web process shares the count; a process's own memory otherwise)."""

from dataclasses import dataclass
from time import time as clock

from django.core.cache import cache

from .models import ApiToken

WINDOW = 60


@dataclass(frozen=True)
class Allowance:
    wait: int  # seconds until the window ends when over the limit; 0 when allowed
    first: bool  # the token's first request of this window

    @property
    def allowed(self) -> bool:
        return self.wait == 0


def rate_take(token: ApiToken, *, now: float | None = None) -> Allowance:
    """Count one request of the token in the current window."""
    moment = int(clock() if now is None else now)
    start = moment - moment % WINDOW
    key = f"api-rate:{token.prefix}:{start}"
    cache.add(key, 0, timeout=WINDOW + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=WINDOW + 5)
        count = 1
    if count > token.rate_per_minute:
        return Allowance(wait=max(1, start + WINDOW - moment), first=False)
    return Allowance(wait=0, first=count == 1)
