"""One outcome per row: new, update, unchanged, conflict or error (per cell, in Chinese)."""

import datetime
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.db import connection, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.lib.bulk import insert_rows
from gonghui.lib.db import distributed, load_row, select_list
from gonghui.lib.ids import IdInfo
from gonghui.lib.pinyin import initials
from gonghui.lib.threads import InOrder
from gonghui.organizations.models import Node, Unit

from ..identity import id_blind_index, phone_blind_index
from ..models import IdProblem, Member, MemberStatus
from . import cells
from .columns import LABELS

CHUNK = 1000  # rows decided together: one query for the members they name, one for earlier rows
# Fields an import may set; everything else on a member is the system's.
IMPORTED = {
    "name",
    "phone",
    "gender",
    "birth_date",
    "ethnicity",
    "education",
    "political_status",
    "hukou_type",
    "hukou_place",
    "residence",
    "position",
    "skill_level",
    "is_model_worker",
    "joined_on",
    "emergency_contact",
    "emergency_phone",
    "card_no",
    "unit_id",
}
NORMALISERS = {
    "name": cells.text,
    "phone": cells.phone,
    "gender": cells.gender,
    "birth_date": cells.date,
    "ethnicity": cells.text,
    "education": cells.education,
    "political_status": cells.political_status,
    "hukou_type": cells.hukou_type,
    "hukou_place": cells.text,
    "residence": cells.text,
    "position": cells.text,
    "skill_level": cells.skill_level,
    "is_model_worker": cells.yes_no,
    "joined_on": cells.date,
    "emergency_contact": cells.text,
    "emergency_phone": cells.phone,
    "card_no": cells.text,
    "employment": cells.text,
    "member_no": cells.text,
}


class Outcome(models.TextChoices):
    NEW = "new", gettext_lazy("新增")
    UPDATE = "update", gettext_lazy("更新")
    UNCHANGED = "unchanged", gettext_lazy("无变化")
    CONFLICT = "conflict", gettext_lazy("冲突")
    ERROR = "error", gettext_lazy("错误")


@dataclass
class RowResult:
    number: int
    raw: list[Any]
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # field -> reason
    outcome: str = Outcome.ERROR
    member_id: int | None = None
    existing_union_id: int | None = None
    upgraded_id: bool = False

    def error_text(self) -> str:
        return "；".join(f"{LABELS.get(f, f)}：{reason}" for f, reason in self.errors.items())


class Validator:
    """Streams rows through normalisation and outcome decisions, CHUNK at a time. The ID numbers
    of earlier rows, to find a file's duplicates, are kept in a temporary table, not in memory."""

    def __init__(
        self,
        union: Node,
        mapping: dict[int, str],
        *,
        before_queries: Callable[[], None] | None = None,
        lookups: BaseDatabaseWrapper | None = None,
    ) -> None:
        self.union = union
        self.mapping = mapping
        self.before_queries = before_queries or (lambda: None)
        self.lookups = lookups or connection
        self.units = {u.name: u.pk for u in Unit.unscoped.filter(union=union).only("id", "name")}
        self.default_unit = next(iter(self.units.values())) if len(self.units) == 1 else None

    def results(self, rows: Iterable[tuple[int, list[Any]]]) -> Iterator[RowResult]:
        iterator = iter(rows)
        # With a connection of their own, a chunk's lookups run while the next chunk is parsed.
        ahead = 1 if self.lookups is not connection else 0
        with SeenIds(self.lookups) as seen, InOrder(self.lookups, depth=ahead) as lookups:
            pending: deque[tuple[list[RowResult], Future]] = deque()
            while chunk := list(islice(iterator, CHUNK)):
                today = datetime.date.today()
                parsed = [self._parse(number, raw, today) for number, raw in chunk]
                self.before_queries()
                pending.append((parsed, lookups.submit(self._look_up, parsed, seen)))
                if len(pending) > lookups.depth:
                    yield from self._decided(*pending.popleft())
            while pending:
                yield from self._decided(*pending.popleft())
            self.before_queries()

    def _parse(self, number: int, raw: list[Any], today: datetime.date) -> RowResult:
        result = RowResult(number=number, raw=raw)
        cells_by_field = {f: raw[i] if i < len(raw) else "" for i, f in self.mapping.items()}
        info = None
        try:
            info = cells.id_number(cells_by_field.get("id_number"), today=today)
            result.values["id_number"], result.upgraded_id = info.number, info.upgraded_from_15
            result.values["id_index"] = id_blind_index(info.number)
        except cells.CellError as error:
            result.errors["id_number"] = str(error)
        for name, value in cells_by_field.items():
            if name in ("id_number", "unit"):
                continue
            try:
                result.values[name] = NORMALISERS[name](value)
            except cells.CellError as error:
                result.errors[name] = str(error)
        if not result.values.get("name"):
            result.errors.setdefault("name", _("姓名为空"))
        if info:
            self._cross_check(result, info)
        self._unit(result, cells.text(cells_by_field.get("unit", "")))
        return result

    def _cross_check(self, result: RowResult, info: IdInfo) -> None:
        if result.values.get("gender") and result.values["gender"] != info.gender:
            result.errors["gender"] = _("性别与身份证号不符")
        stated = result.values.get("birth_date")
        # A roster may give only the month (出生年月): compare what it gives.
        if stated and (stated.year, stated.month) != (info.birth_date.year, info.birth_date.month):
            result.errors["birth_date"] = _("出生日期与身份证号不符")
        result.values["gender"], result.values["birth_date"] = info.gender, info.birth_date

    def _unit(self, result: RowResult, name: str) -> None:
        if name:
            unit_id = self.units.get(name)
            if unit_id is None:
                result.errors["unit"] = _("单位“%(name)s”不在本工会覆盖的单位中") % {"name": name[:30]}
            result.values["unit_id"] = unit_id
        else:
            result.values["unit_id"] = self.default_unit

    def _look_up(self, parsed: list[RowResult], seen: "SeenIds") -> tuple[dict[str, Member], dict[str, int]]:
        """The members these rows name, and each ID's first row in the file so far."""
        firsts: dict[str, int] = {}  # each ID's first row in this chunk
        for result in parsed:
            if "id_index" in result.values:
                firsts.setdefault(result.values["id_index"], result.number)
        existing = {m.id_index: m for m in members_by_id_index(list(firsts), self.lookups)}
        return existing, firsts | seen.earlier_rows(firsts)

    def _decided(self, parsed: list[RowResult], found: Future) -> list[RowResult]:
        existing, first_rows = found.result()
        for result in parsed:
            index = result.values.get("id_index")
            if index is not None:
                first = first_rows[index]
                if first != result.number:
                    result.errors["id_number"] = _("与第 %(row)s 行的身份证号重复") % {"row": first}
            if result.errors:
                result.outcome = Outcome.ERROR
                continue
            member = existing.get(index)
            result.outcome = self._outcome(result, member)
        return parsed

    def _outcome(self, result: RowResult, member: Member | None) -> str:
        if member is None:
            return Outcome.NEW
        result.member_id, result.existing_union_id = member.pk, member.union_id
        if member.union_id != self.union.pk and member.status == MemberStatus.ACTIVE:
            return Outcome.CONFLICT  # an active member of another union: propose a transfer
        if member.union_id != self.union.pk or member.status != MemberStatus.ACTIVE:
            return Outcome.UPDATE
        changed = any(
            result.values[f] != getattr(member, f)
            for f in IMPORTED
            if f in result.values and result.values[f] != ""
        )
        return Outcome.UPDATE if changed else Outcome.UNCHANGED


# On PostgreSQL a chunk's keys go as one array, each looked up on its own (LIMIT 1 keeps the
# planner from turning the lookups into a join). In the middle of an import the statistics
# still describe the table as it was before it: a join would be planned for a small table and
# scan every row written so far, once per chunk.
PER_KEY = (
    "SELECT {columns} FROM {keys}"
    " CROSS JOIN LATERAL (SELECT * FROM {table} t WHERE t.id_index = key.id_index{condition} LIMIT 1) t"
)
# The keys go as one comma-separated text that the server splits (blind indexes are hex): a list
# parameter is dumped value by value in Python, about 1.4 ms per chunk's keys.
KEYS = "unnest(string_to_array(%s, ',')) AS key(id_index)"
# On a Citus cluster a person's clean record may be on any district's shard, and Citus cannot
# push the per-key subquery down to the shards: one statement asks them all, each by its index.
ON_EVERY_SHARD = "SELECT {columns} FROM {table} t WHERE t.id_index = ANY(string_to_array(%s, ','))"


def members_by_id_index(indexes: list[str], using: BaseDatabaseWrapper | None = None) -> list[Member]:
    """The members with a clean ID among these blind indexes."""
    db = using or connection
    if not indexes:
        return []
    if db.vendor != "postgresql":
        return list(Member.unscoped.filter(id_index__in=indexes, id_problem=IdProblem.NONE))
    table, condition = Member._meta.db_table, " AND t.id_problem = %s"
    if distributed(table, db):
        sql = ON_EVERY_SHARD.format(columns=select_list(Member, "t"), table=table) + condition
    else:
        sql = PER_KEY.format(columns=select_list(Member, "t"), keys=KEYS, table=table, condition=condition)
    with db.cursor() as cursor:
        cursor.execute(sql, [",".join(indexes), IdProblem.NONE.value])
        return [load_row(row, (Member,))[0] for row in cursor.fetchall()]


class SeenIds:
    """The ID numbers (blind indexes) of the rows read so far and the first row of each, in a
    temporary table of this connection: a 200k-row file would otherwise hold 200k keys."""

    TABLE = "roster_seen_ids"

    def __init__(self, using: BaseDatabaseWrapper) -> None:
        self.db = using

    def __enter__(self) -> "SeenIds":
        with self.db.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.TABLE}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {self.TABLE} (id_index varchar(40) PRIMARY KEY, row_number integer)"
            )
        return self

    def __exit__(self, error_type: object, *exc: object) -> None:
        # On an error the commit's rollback takes the table with it, and the next validation of
        # this connection replaces it; the connection may be in no state to run a statement.
        if error_type is None:
            with self.db.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {self.TABLE}")

    def earlier_rows(self, firsts: dict[str, int]) -> dict[str, int]:
        """Of these IDs (each with its first row in the chunk at hand), the ones an earlier
        chunk had, with their row there; the others are recorded as first seen here. On
        PostgreSQL in one statement: its look-up sees the table as it was before its insert."""
        if not firsts:
            return {}
        with self.db.cursor() as cursor:
            if self.db.vendor == "postgresql":
                cursor.execute(self._record_sql(), [",".join(firsts), ",".join(map(str, firsts.values()))])
                return dict(cursor.fetchall())
            placeholders = ", ".join(["%s"] * len(firsts))
            cursor.execute(
                f"SELECT id_index, row_number FROM {self.TABLE} WHERE id_index IN ({placeholders})",
                list(firsts),
            )
            earlier = dict(cursor.fetchall())
        insert_rows(self.TABLE, ["id_index", "row_number"], _new_items(firsts, earlier), using=self.db)
        return earlier

    def _record_sql(self) -> str:
        lookup = PER_KEY.format(
            columns="t.id_index, t.row_number", keys="chunk AS key", table=self.TABLE, condition=""
        )
        return (
            "WITH chunk AS (SELECT * FROM unnest(string_to_array(%s, ','), string_to_array(%s, ',')::int[])"
            " AS c(id_index, row_number)),"
            f" added AS (INSERT INTO {self.TABLE} SELECT id_index, row_number FROM chunk"
            f" ON CONFLICT (id_index) DO NOTHING) {lookup}"
        )


def _new_items(firsts: dict[str, int], earlier: dict[str, int]) -> Iterator[tuple[str, int]]:
    return ((index, row) for index, row in firsts.items() if index not in earlier)


def prepared_values(result: RowResult) -> dict[str, Any]:
    """The row as member field values, blind indexes and initials included."""
    values = {k: v for k, v in result.values.items() if k in IMPORTED and v not in ("", None)}
    values["name_initials"] = initials(result.values["name"])
    values["id_number"] = result.values["id_number"]
    values["id_index"] = result.values["id_index"]
    if values.get("phone"):
        values["phone_index"] = phone_blind_index(values["phone"])
    return values
