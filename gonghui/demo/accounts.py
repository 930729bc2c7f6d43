"""Every account of the demo district, as `make demo` prints it: who may log in, with which
password, and what each account is for."""

from collections.abc import Iterator

from gonghui.accounts.models import User
from gonghui.accounts.services import totp_now
from gonghui.cards.models import CashierAccount, ServicePointStaff
from gonghui.culture.models import VenueStaff
from gonghui.disputes.models import Mediator
from gonghui.lib.roles import Role

from .spine import DEMO_PASSWORD
from .workflows import demo_member

# Every role but the member's (members log in by phone), in the order Role names them.
ROLE_ORDER = [role for role in Role if role != Role.MEMBER]


def _what(user: User, stores: dict, points: dict, venues: dict, seats: dict) -> str:
    if user.role == Role.CASHIER and user.pk in stores:
        return stores[user.pk]
    if user.role == Role.VENUE_STAFF:
        parts = [
            f"{label}: {name}"
            for label, name in (("venues", venues.get(user.pk)), ("service point", points.get(user.pk)))
            if name
        ]
        return " · ".join(parts)
    if user.role == Role.MEDIATOR and user.pk in seats:
        return f"{user.get_full_name()} · {seats[user.pk]}"
    return user.node.name if user.node else ""


def account_lines() -> Iterator[str]:
    """One line per staff account, grouped by role; the district's current TOTP code last."""
    users = User.objects.exclude(role=Role.MEMBER).select_related("node").order_by("username")
    stores = {
        a.user_id: f"{a.store.merchant.name} {a.store.name}"
        for a in CashierAccount.objects.select_related("store__merchant")
    }
    points = {s.user_id: s.point.name for s in ServicePointStaff.objects.select_related("point")}
    venues: dict[int, str] = {}
    for link in VenueStaff.objects.select_related("venue").order_by("venue__name"):
        venues[link.user_id] = "、".join(filter(None, [venues.get(link.user_id), link.venue.name]))
    seats = {m.user_id: m.org.name for m in Mediator.unscoped.select_related("org").order_by("-id")}
    yield f"staff accounts, all with the password {DEMO_PASSWORD}:"
    by_role: dict[str, list[User]] = {}
    for user in users:
        by_role.setdefault(user.role, []).append(user)
    for role in ROLE_ORDER:
        if role not in by_role:
            continue
        yield f"  {Role(role).label} ({len(by_role[role])})"
        for user in by_role[role]:
            yield f"    {user.username:16} {_what(user, stores, points, venues, seats)}"
    if member := demo_member():
        yield f"member login: phone {member.phone} at /m/login/ (the SMS code is printed by the server)"
    for user in users.filter(role__in=[Role.DISTRICT_STAFF]).exclude(totp_secret=""):
        yield (
            f"  {user.username} also needs a TOTP code: now {totp_now(user)} (a new one every 30 s: "
            f"python manage.py totp_code {user.username}; the demo's login page shows it too)"
        )
