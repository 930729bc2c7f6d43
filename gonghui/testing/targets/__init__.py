"""The one registry of object factories for the access walker, by route name: a module adds
its id-taking routes here (a file beside these, and one line below) or the walker fails."""

from gonghui.accounts.models import User
from gonghui.lib.roles import Role
from gonghui.testing.district import District

from .base import MISSING, RELATIONS, ROLES, Group, Objects, Place, Target, places
from .cards import CARDS
from .spine import SPINE

GROUPS: dict[str, Group] = {"spine": SPINE, "cards": CARDS}
REGISTRY: dict[str, Target] = {name: t for group in GROUPS.values() for name, t in group.routes.items()}


def group_of(route_name: str) -> str:
    return next(key for key, group in GROUPS.items() if route_name in group.routes)


def persona(d: District, role: str) -> User:
    """The account of a role; venue staff is made by the culture world, or here when it is not built."""
    if role in d.users:
        return d.users[role]
    user, _created = User.objects.get_or_create(username=role, defaults={"role": Role.VENUE_STAFF})
    return user


__all__ = [
    "GROUPS",
    "MISSING",
    "REGISTRY",
    "RELATIONS",
    "ROLES",
    "Group",
    "Objects",
    "Place",
    "Target",
    "group_of",
    "persona",
    "places",
]
