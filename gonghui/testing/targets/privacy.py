"""The privacy app's id-taking routes: a member's correction request, answered by their union."""

from gonghui.accounts.models import User
from gonghui.lib.roles import Role
from gonghui.members.models import Member
from gonghui.privacy.services import correction_request
from gonghui.testing.district import District

from .base import Group, Objects, Place, Target, ids

ROUTES = {
    "privacy:request": Target("data_request"),
    "privacy:apply": Target("data_request"),
    "privacy:refuse": Target("data_request", post={"reason": "标记不予办理"}),
}


def account_of(member: Member) -> User:
    """The member's own account: the one they have, or one made for them."""
    found = User.objects.filter(member=member).first()
    return found or User.objects.create(
        username=f"member-{member.member_no}", role=Role.MEMBER, member=member
    )


def build(d: District, places: dict[str, Place]) -> Objects:
    requests = {
        relation: correction_request(
            member=place.member,
            field="residence",
            value=f"标记新住址{relation}",
            actor=account_of(place.member),
        )
        for relation, place in places.items()
        if place.member is not None
    }
    return {"data_request": ids(requests)}


PRIVACY = Group(ROUTES, build)
