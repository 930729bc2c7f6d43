"""Cards for the generated members: the enterprise card rate well over 60%, as in the seed."""

import datetime
import random

from stdnum import luhn

from gonghui.cards.models import Card
from gonghui.cards.services import CARD_PREFIX
from gonghui.lib.bulk import insert_rows
from gonghui.members.models import Member
from gonghui.organizations.models import Unit

from .common import Holder, db_dt, moment

CARD_RATE = {"enterprise": 0.985, "other": 0.99}  # of counted members; the seed: 19万 served


def issue_cards(rng: random.Random) -> list[Holder]:
    """Cards for the members; returns the active holders (member id, path, non-enterprise, activated)."""
    rows, holders = [], []
    members = Member.unscoped.filter(id_problem="").values_list(
        "id", "path", "status", "joined_on", "unit__ownership"
    )
    serial = 0
    for member_id, path, status, joined_on, ownership in members.order_by("id").iterator(chunk_size=5000):
        other = ownership in Unit.NON_ENTERPRISE
        if rng.random() >= CARD_RATE["other" if other else "enterprise"]:
            continue
        serial += 1
        body = f"{CARD_PREFIX}{serial:09d}"
        start = max(joined_on, datetime.date(2012, 1, 1))
        issued = moment(rng, start, max(start + datetime.timedelta(days=30), datetime.date(2016, 12, 31)))
        activated = issued + datetime.timedelta(days=rng.randrange(1, 30))
        state, closed = Card.Status.ACTIVE, None
        if status != "active":
            state, closed = Card.Status.CLOSED, activated + datetime.timedelta(days=rng.randrange(30, 900))
        elif rng.random() < 0.004:
            state = Card.Status.SUSPENDED
        else:
            holders.append((member_id, path, other, activated))
        rows.append(
            (
                body + luhn.calc_check_digit(body),
                member_id,
                state,
                db_dt(issued),
                db_dt(activated),
                db_dt(closed),
                1,
                "",
            )
        )
    columns = [
        "card_no",
        "member_id",
        "status",
        "issued_at",
        "activated_at",
        "closed_at",
        "ecard_version",
        "note",
    ]
    insert_rows(Card._meta.db_table, columns, rows)
    return holders
