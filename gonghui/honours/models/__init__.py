"""Honours: the roll of every kind the seed counts, and the innovation studios."""

from .roll import CONFERRED_BY, HOME_KINDS, INDIVIDUAL_KINDS, Honour, HonourKind, HonourQuerySet
from .studios import Studio, StudioMember, StudioResult

__all__ = [
    "CONFERRED_BY",
    "HOME_KINDS",
    "INDIVIDUAL_KINDS",
    "Honour",
    "HonourKind",
    "HonourQuerySet",
    "Studio",
    "StudioMember",
    "StudioResult",
]
