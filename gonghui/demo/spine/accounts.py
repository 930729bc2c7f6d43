"""The demo's staff accounts: the district, each street's cadre and one union chair."""

from django.contrib.auth.hashers import make_password

from gonghui.accounts.models import User
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node

from .targets import DEMO_PASSWORD, STREETS


def create_accounts(district: Node, streets: list[Node], unions: list[Node]) -> dict[str, str]:
    """Demo staff accounts; returns username -> what they are."""
    password = make_password(DEMO_PASSWORD)
    accounts: dict[str, str] = {}
    users = [
        User(
            username="district",
            role=Role.DISTRICT_STAFF,
            node=district,
            password=password,
            first_name="区总工会",
            totp_secret="",
        )
    ]
    accounts["district"] = f"{district.name} · {Role.DISTRICT_STAFF.label}"
    for street, (_name, slug) in zip(streets, STREETS, strict=True):
        users.append(User(username=slug, role=Role.STREET_CADRE, node=street, password=password))
        accounts[slug] = f"{street.name} · {Role.STREET_CADRE.label}"
    chair_union = min(unions, key=lambda u: u.path)  # the first union of the first street that has one
    users.append(User(username="chair", role=Role.GRASSROOTS_CHAIR, node=chair_union, password=password))
    accounts["chair"] = f"{chair_union.name} · {Role.GRASSROOTS_CHAIR.label}"
    User.objects.bulk_create(users)
    return accounts
