"""What the care demo's parts share: the accounts that make and check, the front-line pool, dates."""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.lib.roles import Role
from gonghui.members.models import Member, MemberStatus
from gonghui.organizations.models import Node

from ..spine import DEMO_PASSWORD

FIRST_YEAR = 2012
# Front-line trades: construction, transport and logistics, catering, residents' services.
FRONT_LINE = ["E", "G", "H", "O"]


@dataclass
class Pool:
    """Members in good standing: (id, path, street id, joined on), the front line apart."""

    everyone: list[tuple[int, str, int, datetime.date]]
    front_line: list[tuple[int, str, int, datetime.date]]
    streets: list[Node]
    root: Node
    by_street: dict[int, list[int]] = field(default_factory=dict)

    def joined_by(
        self, rows: list[tuple[int, str, int, datetime.date]], day: datetime.date
    ) -> list[tuple[int, str, int, datetime.date]]:
        return [row for row in rows if row[3] <= day]


def pool() -> Pool:
    counted = Member.unscoped.filter(status=MemberStatus.ACTIVE, id_problem="", unit__isnull=False).order_by(
        "id"
    )
    rows = list(counted.values_list("id", "path", "unit__street_id", "joined_on", "unit__industry"))
    return Pool(
        everyone=[r[:4] for r in rows],
        front_line=[r[:4] for r in rows if r[4] in FRONT_LINE],
        streets=list(Node.objects.filter(kind=Node.Kind.STREET).order_by("path")),
        root=Node.objects.get(depth=1),
    )


def maker() -> User:
    """A second district account that drafts campaigns, so the demo's 'district' login checks them."""
    user, _created = User.objects.get_or_create(
        username="district2",
        defaults={
            "role": Role.DISTRICT_STAFF,
            "node": Node.objects.get(depth=1),
            "first_name": "区总工会经办人",
            "password": make_password(DEMO_PASSWORD),
        },
    )
    return user


def at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """A moment of the working day in the district's time zone (built directly: it runs per row)."""
    zone = timezone.get_current_timezone()
    return datetime.datetime(
        day.year, day.month, day.day, rng.randrange(8, 17), rng.randrange(60), tzinfo=zone
    )


def years() -> range:
    return range(FIRST_YEAR, timezone.localdate().year + 1)
