"""Writes of the culture module, one file per part: venues, the service menu, sessions,
bookings, the waiting list, the lottery, check-in and no-shows, notices and funding. Each is
one transaction with its audit record; views, tasks and the demo call these."""

from .bookings import booking_cancel, booking_create, booking_key
from .checkin import booking_check_in, no_show_excuse, no_shows_release
from .errors import BookingRefused, CultureError
from .funding import funding_record
from .lottery import lottery_draw, lottery_replay
from .notices import notice_deliver, reminders_enqueue
from .programmes import PROGRAMME_FIELDS, programme_create, programme_update, provider_create
from .sessions import session_cancel, session_change, session_create, session_update
from .venues import VENUE_FIELDS, venue_create, venue_staff_add, venue_update
from .waitlist import booking_claim, holds_expire, waitlist_join, waitlist_promote

__all__ = [
    "PROGRAMME_FIELDS",
    "VENUE_FIELDS",
    "BookingRefused",
    "CultureError",
    "booking_cancel",
    "booking_check_in",
    "booking_claim",
    "booking_create",
    "booking_key",
    "funding_record",
    "holds_expire",
    "lottery_draw",
    "lottery_replay",
    "no_show_excuse",
    "no_shows_release",
    "notice_deliver",
    "programme_create",
    "programme_update",
    "provider_create",
    "reminders_enqueue",
    "session_cancel",
    "session_change",
    "session_create",
    "session_update",
    "venue_create",
    "venue_staff_add",
    "venue_update",
    "waitlist_join",
    "waitlist_promote",
]
