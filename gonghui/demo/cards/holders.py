"""Cards for the generated members (the enterprise card rate well over 60%, as in the seed),
issued when they joined or, for the members of before, during the review period; closed when
a member leaves; now and then suspended, or lost and replaced, with the dated history that
lets holders be counted as of any day."""

import datetime
import random
from typing import Any

from django.db import connection
from django.utils import timezone
from stdnum import luhn

from gonghui.cards.models import Card, CardStatusChange
from gonghui.cards.services import CARD_PREFIX
from gonghui.lib.bulk import insert_rows
from gonghui.lib.scoping import district_of
from gonghui.members.models import Member, MemberStatusChange
from gonghui.organizations.models import Unit

from .common import Holder, db_dt, moment

CARD_RATE = {"enterprise": 0.985, "other": 0.99}  # of counted members; the seed: 19万 served
SUSPENDED = 0.004  # of today's holders, suspended some day since 2017
LOST = 0.05  # of today's holders, lost a card since 2017 (replaced unless it was last month)
LATER = datetime.date(2017, 1, 1)
COLUMNS = [
    "card_no",
    "member_id",
    "status",
    "issued_at",
    "activated_at",
    "closed_at",
    "ecard_version",
    "note",
    "path",
    "district",
]


class CardBook:
    """The cards being drawn, their status moves, and replacements to link once saved."""

    def __init__(self) -> None:
        self.rows: list[tuple[Any, ...]] = []
        self.moves: list[tuple[str, str, str, datetime.datetime]] = []  # card_no, from, to, at
        self.replacing: list[tuple[str, str]] = []  # new card_no, old card_no
        self.paths: dict[int, str] = {}  # a card carries its member's path
        self.serial = 0

    def number(self) -> str:
        self.serial += 1
        body = f"{CARD_PREFIX}{self.serial:09d}"
        return body + luhn.calc_check_digit(body)

    def add(
        self,
        member_id: int,
        status: str,
        issued: datetime.datetime,
        activated: datetime.datetime | None,
        closed: datetime.datetime | None = None,
        version: int = 1,
    ) -> str:
        no, path = self.number(), self.paths[member_id]
        self.rows.append(
            (
                no,
                member_id,
                status,
                db_dt(issued),
                db_dt(activated),
                db_dt(closed),
                version,
                "",
                path,
                district_of(path),
            )
        )
        return no

    def save(self) -> None:
        insert_rows(Card._meta.db_table, COLUMNS, self.rows)
        ids = dict(Card.unscoped.values_list("card_no", "id").iterator(chunk_size=20000))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {Card._meta.db_table} SET replaces_id = %s WHERE id = %s",
                [(ids[old], ids[new]) for new, old in self.replacing],
            )
        insert_rows(
            CardStatusChange._meta.db_table,
            ["card_id", "from_status", "to_status", "at"],
            ((ids[no], before, after, db_dt(at)) for no, before, after, at in self.moves),
        )


def issue_cards(rng: random.Random) -> list[Holder]:
    """Cards for the members; returns every holder with the span they held an active card."""
    now, today = timezone.now(), timezone.localdate()
    gone = dict(
        MemberStatusChange.objects.filter(from_status="active")
        .exclude(to_status="active")
        .values_list("member_id", "at")
    )
    book, holders = CardBook(), list[Holder]()
    members = Member.unscoped.filter(id_problem="").values_list(
        "id", "path", "status", "joined_on", "unit__ownership"
    )
    for member_id, path, status, joined_on, ownership in members.order_by("id").iterator(chunk_size=5000):
        other = ownership in Unit.NON_ENTERPRISE
        if rng.random() >= CARD_RATE["other" if other else "enterprise"]:
            continue
        book.paths[member_id] = path
        if joined_on <= datetime.date(2016, 12, 31):
            start = max(joined_on, datetime.date(2012, 1, 1))
            issued = moment(rng, start, max(start + datetime.timedelta(days=30), datetime.date(2016, 12, 31)))
        else:
            issued = moment(rng, joined_on, min(joined_on + datetime.timedelta(days=60), today))
        activated = issued + datetime.timedelta(days=rng.randrange(1, 30))
        if activated >= now:  # made, not yet collected
            book.add(member_id, Card.Status.ISSUED, issued, None)
            continue
        left = gone.get(member_id)
        if status != "active":
            # Closed when the member left (a dated change), or some time after 2012 for those
            # who had left before the records.
            closed = left + datetime.timedelta(days=rng.randrange(0, 20)) if left else None
            closed = min(closed or activated + datetime.timedelta(days=rng.randrange(30, 900)), now)
            no = book.add(member_id, Card.Status.CLOSED, issued, activated, closed)
            book.moves.append((no, Card.Status.ACTIVE, Card.Status.CLOSED, closed))
            holders.append((member_id, path, other, activated, closed))
            continue
        holders.append(_active_life(rng, book, member_id, path, other, issued, activated))
    book.save()
    return holders


def _active_life(
    rng: random.Random,
    book: CardBook,
    member_id: int,
    path: str,
    other: bool,
    issued: datetime.datetime,
    activated: datetime.datetime,
) -> Holder:
    """A member in good standing today: mostly a plain active card; now and then one suspended
    since 2017, or lost (and replaced a few days later unless it was lost this month)."""
    now = timezone.now()
    roll = rng.random()
    since = max(activated.date(), LATER)
    if roll >= SUSPENDED + LOST or since >= now.date() - datetime.timedelta(days=10):
        book.add(member_id, Card.Status.ACTIVE, issued, activated)
        return (member_id, path, other, activated, None)
    at = moment(rng, since, now.date() - datetime.timedelta(days=3))
    if roll < SUSPENDED:
        no = book.add(member_id, Card.Status.SUSPENDED, issued, activated)
        book.moves.append((no, Card.Status.ACTIVE, Card.Status.SUSPENDED, at))
        return (member_id, path, other, activated, at)
    if at >= now - datetime.timedelta(days=30):
        no = book.add(member_id, Card.Status.LOST, issued, activated)
        book.moves.append((no, Card.Status.ACTIVE, Card.Status.LOST, at))
        return (member_id, path, other, activated, at)
    replaced = at + datetime.timedelta(days=rng.randrange(1, 8))
    old = book.add(member_id, Card.Status.REPLACED, issued, activated, replaced)
    book.moves.append((old, Card.Status.ACTIVE, Card.Status.LOST, at))
    book.moves.append((old, Card.Status.LOST, Card.Status.REPLACED, replaced))
    new = book.add(
        member_id, Card.Status.ACTIVE, replaced, replaced + datetime.timedelta(minutes=5), version=2
    )
    book.replacing.append((new, old))
    return (member_id, path, other, activated, None)
