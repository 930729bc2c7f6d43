"""The district after the review period, month by month up to today: units covered and
grassroots unions founded, members who leave, retire or move out of the district (each with a
dated status change, so membership as of any day follows them), those who replace them, and
transfers between unions. The end of 2016 is left as the seed describes it."""

import datetime
import random
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Protocol

from django.db import connection
from django.utils import timezone

from gonghui.lib.bulk import insert_rows
from gonghui.lib.scoping import district_of
from gonghui.members.models import MEMBER_COLUMNS, Member, MemberStatusChange, Transfer
from gonghui.organizations.models import Node, Unit

from .targets import AS_OF, LATER_START, UnitDraft, scaled


class Generator(Protocol):
    """What these steps use of the district's generator."""

    rng: random.Random
    scale: float

    def day(self, start: datetime.date, end: datetime.date) -> datetime.date: ...

    def bulk_children(self, drafts: Sequence[tuple[Node, str, str, datetime.date | None]]) -> list[Node]: ...


# Of the units still without a union at the end of 2016, how many are covered since (scale 1),
# and how often that means founding a union of their own rather than joining a joint one.
NEW_UNION_SHARE = 0.3
# Of the members counted at the end of 2016, the share who have left, retired or moved out of
# the district since; each is replaced by a newcomer to the same unit a few months later.
LEAVE_SHARE = 0.2
# Of the members in good standing today, the share who moved to another union after 2016.
TRANSFER_SHARE = 0.03
COLUMN = {name: i for i, name in enumerate(MEMBER_COLUMNS)}


def cover_later(gen: Generator, drafts: list[UnitDraft], streets: list[Node]) -> None:
    """Cover some of the units without a union, on days from 2017 to today: some found a
    union of their own, the rest join a union of their street."""
    rng, today = gen.rng, timezone.localdate()
    uncovered = [u for u in drafts if u.union is None]
    chosen = rng.sample(
        [u for u in uncovered if u.eligible],
        min(sum(u.eligible for u in uncovered), scaled("later_units", gen.scale, 0)),
    )
    chosen += rng.sample(
        [u for u in uncovered if not u.eligible],
        min(sum(not u.eligible for u in uncovered), scaled("later_small", gen.scale, 0)),
    )
    unions_by_street: dict[int, list[Node]] = defaultdict(list)
    for unit in drafts:
        if unit.union is not None and unit.union not in unions_by_street[unit.street.pk]:
            unions_by_street[unit.street.pk].append(unit.union)
    founding: list[tuple[Node, str, str, datetime.date | None]] = []
    for unit in chosen:
        unit.covered_on = gen.day(LATER_START, today)
        joint = unions_by_street[unit.street.pk]
        if joint and rng.random() >= NEW_UNION_SHARE:
            unit.union = rng.choice(joint)
        else:
            founding.append((unit.street, f"{unit.name}工会", Node.Kind.GRASSROOTS, unit.covered_on))
        unit.members = min(unit.workforce, round(unit.workforce * 0.9))
    by_name = {union.name: union for union in gen.bulk_children(founding)}
    for unit in chosen:
        if unit.union is None:
            unit.union = by_name[f"{unit.name}工会"]


def later_join(gen: Generator, unit: UnitDraft, start: datetime.date) -> datetime.date:
    """A member of a unit covered after 2016: most join as the union is founded."""
    assert unit.covered_on is not None
    today = timezone.localdate()
    start = max(start, unit.covered_on)
    end = min(start + datetime.timedelta(days=60), today) if gen.rng.random() < 0.8 else today
    return gen.day(start, end)


class Leavers:
    """Members counted at the end of 2016 who have gone since: their rows get today's status,
    and a dated status change each once their ids are known."""

    def __init__(self, gen: Generator) -> None:
        self.gen = gen
        self.today = timezone.localdate()
        self.gone: list[tuple[str, datetime.date, str, int]] = []  # member_no, day, status, union

    def maybe_leave(self, row: list[Any]) -> datetime.date | None:
        """Perhaps the member has left since 2016: set the row's status, return the day."""
        rng = self.gen.rng
        if rng.random() >= LEAVE_SHARE:
            return None
        day = self.gen.day(LATER_START, self.today - datetime.timedelta(days=3))
        age = day.year - row[COLUMN["birth_date"]].year
        status = "retired" if age >= 55 else ("transferred" if rng.random() < 0.1 else "left")
        row[COLUMN["status"]] = status
        if status == "retired":
            row[COLUMN["employment"]] = "retired"
        self.gone.append((row[COLUMN["member_no"]], day, status, row[COLUMN["union_id"]]))
        return day

    def replacement_day(self, left: datetime.date) -> datetime.date:
        return min(left + datetime.timedelta(days=self.gen.rng.randrange(7, 150)), self.today)

    def save(self) -> int:
        ids = dict(Member.unscoped.values_list("member_no", "id").iterator(chunk_size=20000))
        reasons = {"left": "离职", "retired": "退休", "transferred": "调离本区"}
        rows = (
            (ids[no], "active", status, union_id, _db_dt(_at(day, 17)), None, reasons[status])
            for no, day, status, union_id in self.gone
        )
        columns = ["member_id", "from_status", "to_status", "union_id", "at", "actor_id", "reason"]
        return insert_rows(MemberStatusChange._meta.db_table, columns, rows)


def seed_transfers(rng: random.Random, *, actor: Any) -> int:
    """Approved transfers between unions of the same street since 2017: the member moves with
    their record, a dated transfer and status change say where they were before."""
    today = timezone.localdate()
    unions = list(
        Node.objects.filter(kind=Node.Kind.GRASSROOTS)
        .values_list("pk", "path", "founded_on")
        .order_by("path")
    )
    street_len = 2 * Node.steplen
    by_street: dict[str, list[tuple[int, str, datetime.date | None]]] = defaultdict(list)
    for union in unions:
        by_street[union[1][:street_len]].append(union)
    units_of: dict[int, list[int]] = defaultdict(list)
    for unit_id, union_id in Unit.unscoped.filter(union__isnull=False).values_list("pk", "union_id"):
        units_of[union_id].append(unit_id)
    movers = Member.unscoped.filter(status="active", id_problem="").values_list(
        "pk", "union_id", "path", "joined_on"
    )
    moves, transfers, changes = [], [], []
    for member_id, union_id, path, joined in movers.order_by("pk").iterator(chunk_size=20000):
        if rng.random() >= TRANSFER_SHARE:
            continue
        day = _day(rng, max(joined, LATER_START), today - datetime.timedelta(days=10))
        options = [u for u in by_street[path[:street_len]] if u[0] != union_id and (u[2] or day) <= day]
        if not options or day <= joined:
            continue
        to_id, to_path, _founded = rng.choice(options)
        to_unit = rng.choice(units_of[to_id]) if units_of[to_id] else None
        asked = _at(day - datetime.timedelta(days=rng.randrange(1, 10)), 10)
        decided = _at(day, 15)
        moves.append((to_id, to_unit, to_path, district_of(to_path), member_id))
        transfers.append(
            (
                member_id,
                union_id,
                to_id,
                to_unit,
                to_path,
                path,
                "approved",
                _db_dt(asked),
                actor.pk,
                day + datetime.timedelta(days=15),
                _db_dt(decided),
                actor.pk,
                "工作调动",
            )
        )
        changes.append((member_id, "active", "active", to_id, _db_dt(decided), actor.pk, "会员关系接转"))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {Member._meta.db_table} SET union_id = %s, unit_id = %s, path = %s, district = %s"
            " WHERE id = %s",
            moves,
        )
    columns = [
        "member_id",
        "from_union_id",
        "to_union_id",
        "to_unit_id",
        "path",
        "from_path",
        "status",
        "requested_at",
        "requested_by_id",
        "due_on",
        "decided_at",
        "decided_by_id",
        "reason",
    ]
    insert_rows(Transfer._meta.db_table, columns, transfers)
    change_columns = ["member_id", "from_status", "to_status", "union_id", "at", "actor_id", "reason"]
    insert_rows(MemberStatusChange._meta.db_table, change_columns, changes)
    return len(transfers)


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start if end <= start else start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _db_dt(value: datetime.datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


assert AS_OF < LATER_START
