"""Staff of the district an object hangs in: ours for our places, and a district clerk of the
other district for the unrelated place (services that check the actor's scope need one)."""

from gonghui.accounts.models import User
from gonghui.lib.roles import Role
from gonghui.members.models import Member
from gonghui.organizations.models import Node
from gonghui.testing.district import District

from .base import Place


def staff_over(d: District, place: Place) -> User:
    if place.node.path.startswith(d.root.path):
        return d.users["district"]
    root = Node.objects.get(path=place.node.path[: Node.steplen])
    user, _created = User.objects.get_or_create(
        username="district_elsewhere", defaults={"role": Role.DISTRICT_STAFF, "node": root}
    )
    return user


def account_of(member: Member) -> User:
    """The member's account (the persona's own for the member persona)."""
    user, _created = User.objects.get_or_create(
        member=member, defaults={"username": f"member{member.pk}", "role": Role.MEMBER}
    )
    return user
