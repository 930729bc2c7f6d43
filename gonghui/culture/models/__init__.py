"""Culture service circles: venues, the service menu, sessions, bookings, lottery draws,
no-shows, notices and funding, one file per part. Every record hangs on a node of the tree
through `path`."""

from .bookings import (
    ACTIVE_STATUSES,
    PLACE_STATUSES,
    Booking,
    BookingQuerySet,
    BookingStatus,
    LotteryDraw,
    NoShow,
    Notice,
    Standing,
)
from .funding import Funding
from .programmes import Programme, Provider
from .sessions import Session, SessionQuerySet
from .venues import Circle, Venue, VenueScopedQuerySet, VenueStaff

__all__ = [
    "ACTIVE_STATUSES",
    "PLACE_STATUSES",
    "Booking",
    "BookingQuerySet",
    "BookingStatus",
    "Circle",
    "Funding",
    "LotteryDraw",
    "NoShow",
    "Notice",
    "Programme",
    "Provider",
    "Session",
    "SessionQuerySet",
    "Standing",
    "Venue",
    "VenueScopedQuerySet",
    "VenueStaff",
]
