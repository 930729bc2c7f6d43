"""The culture module's id-taking routes: venues, programmes, sessions and bookings, for the back
office, the venue staff and the member's pages."""

import datetime
from decimal import Decimal

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.culture import services
from gonghui.culture.models import Booking, Programme, Session, Venue
from gonghui.members.models import Member
from gonghui.organizations.models import Node
from gonghui.testing.district import District

from .base import OWN, Group, Objects, Place, Target, ids, persona, reach

AT_THE_VENUE = reach(venue_staff=OWN)  # the back office by tree, venue staff at their own venue
# A session limited to a street is open to that street's members: the chair's union's member
# sees the sessions of the whole street 定海路, and none of the sibling street or elsewhere.
STREET_MEMBERS = reach({}, member=frozenset({"own", "subtree", "parent"}))
ROUTES = {
    "culture:venue": Target("venue", AT_THE_VENUE),
    "culture:venue_edit": Target("venue", post={"name": "改名的场馆"}),
    "culture:programme_edit": Target("programme", post={"title": "改名的项目"}),
    "culture:session": Target("session", AT_THE_VENUE),
    "culture:check_in": Target("session", AT_THE_VENUE, post={"scanned": "NOSUCHCODE"}),
    "culture:staff_book": Target("session", AT_THE_VENUE, post={"who": "13900000000", "waitlist": "on"}),
    "culture:draw": Target("session", post={"confirm": "on"}),
    "culture:session_edit": Target("session", post={"capacity": "5"}),
    "culture:staff_cancel": Target("booking", AT_THE_VENUE),
    "culture:m_session": Target("session", STREET_MEMBERS),
    "culture:m_book": Target("session", STREET_MEMBERS, post={"key": "walker-key-0001"}),
    "culture:m_wait": Target("session", STREET_MEMBERS),
    "culture:m_cancel": Target("booking", reach({}, member=OWN)),
    "culture:m_claim": Target("booking", reach({}, member=OWN)),
}


def session_at(venue: Venue, programme: Programme, street: Node, actor: User) -> Session:
    starts = timezone.now() + datetime.timedelta(days=3)
    return services.session_create(
        actor=actor,
        programme=programme,
        venue=venue,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        capacity=10,
        eligibility=Session.Eligibility.STREET,
        street=street,
        opens_at=timezone.now() - datetime.timedelta(hours=1),
        closes_at=starts - datetime.timedelta(hours=1),
    )


def build(d: District, places: dict[str, Place]) -> Objects:
    staff = d.users["district"]
    venues = {
        r: services.venue_create(
            actor=staff, node=p.node, name=f"标记场馆{r}", kind=Venue.Kind.POINT, circle="east", capacity=200
        )
        for r, p in places.items()
    }
    services.venue_staff_add(venue=venues["own"], user=persona(d, "venue_staff"), actor=staff)
    programmes = {
        r: services.programme_create(
            actor=staff,
            node=p.node,
            title=f"标记项目{r}",
            category=Programme.Category.FILM,
            circle="east",
            cost=Decimal("0"),
        )
        for r, p in places.items()
    }
    menu = programmes["own"]  # any published programme: a session's reach is its venue's
    sessions = {r: session_at(venues[r], menu, p.street, staff) for r, p in places.items()}
    bookers: dict[str, Member | None] = {r: p.member for r, p in places.items()}
    bookers["parent"] = d.members["colleague"]
    bookings: dict[str, Booking | None] = {
        r: services.booking_create(session=sessions[r], member=m, actor=None)
        for r, m in bookers.items()
        if m is not None
    }
    return {
        "venue": ids(venues),
        "programme": ids(programmes),
        "session": ids(sessions),
        "booking": ids(bookings),
    }


CULTURE = Group(ROUTES, build)
