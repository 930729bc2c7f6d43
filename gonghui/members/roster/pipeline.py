"""upload -> validate (a task, with progress) -> preview -> confirm -> one atomic,
set-based commit -> result. The commit re-reads the stored file and validates
again, so what it writes matches the database at that moment."""

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from gonghui.audit.services import audit_record
from gonghui.lib.bulk import row_writer
from gonghui.lib.crypto import EncryptedTextField, cipher
from gonghui.lib.masking import mask_id, masked_copies
from gonghui.lib.scoping import district_of, move_to_district, on_cluster
from gonghui.lib.threads import InOrder
from gonghui.organizations.models import Node
from gonghui.organizations.signals import figures_changed

from ..models import MEMBER_COLUMNS, Member, MemberStatus, RosterMapping, Transfer
from ..services import response_due
from ..signals import members_moved
from .numbers import NumberBlocks
from .reader import open_sheet
from .report import ErrorWorkbook
from .validate import Outcome, RowResult, Validator, prepared_values

if TYPE_CHECKING:
    from gonghui.accounts.models import User

FIRST_ERRORS = 50
FIRST_NEW = 50  # the new members the preview lists before the union confirms
FIRST_NOTES = 20
PROGRESS_EVERY = 2000
WRITE_BATCH = 1000  # rows held at once: memory stays flat whatever the file's size


@dataclass
class Summary:
    counts: Counter = field(default_factory=Counter)
    first_errors: list[dict[str, Any]] = field(default_factory=list)
    first_new: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    rows: int = 0
    report: bytes | None = None
    header: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    # The first and last member number of the members a commit created: one contiguous range,
    # the numbers being taken under the lock the commit holds. It says where they came from.
    created: tuple[str, str] | None = None


def validate_file(
    data: bytes,
    filename: str,
    union: Node,
    *,
    on_progress: Callable[[int, int], None] | None = None,
    on_batch: Callable[[list[RowResult]], None] | None = None,
    before_queries: Callable[[], None] | None = None,
    lookups: BaseDatabaseWrapper | None = None,
) -> Summary:
    """Give every row an outcome; with on_batch, hand each batch of results on (the commit).
    before_queries runs before each chunk's lookups (the commit's writer ends its COPY there),
    which go to `lookups` (by default the connection of the caller). A validation of its own
    (the preview) looks members up over a connection of its own where it can, as the commit
    does, so the lookups run while the next chunk is parsed."""
    if on_batch is None and lookups is None:
        with lookup_connection(not connection.in_atomic_block) as own:
            return _validated(data, filename, union, on_progress, None, before_queries, own)
    return _validated(data, filename, union, on_progress, on_batch, before_queries, lookups)


def _validated(
    data: bytes,
    filename: str,
    union: Node,
    on_progress: Callable[[int, int], None] | None,
    on_batch: Callable[[list[RowResult]], None] | None,
    before_queries: Callable[[], None] | None,
    lookups: BaseDatabaseWrapper | None,
) -> Summary:
    saved = RosterMapping.objects.filter(union=union).values_list("columns", flat=True).first() or {}
    sheet = open_sheet(data, filename, saved_mapping=saved)
    summary = Summary(header=sheet.header, mapping={sheet.header[i]: f for i, f in sheet.mapping.items()})
    errors = ErrorWorkbook(sheet.header, sheet.mapping)
    batch: list[RowResult] = []
    validator = Validator(union, sheet.mapping, before_queries=before_queries, lookups=lookups)
    for result in validator.results(sheet.rows):
        summary.rows += 1
        summary.counts[result.outcome] += 1
        if result.outcome == Outcome.ERROR:
            errors.add(result)
            if len(summary.first_errors) < FIRST_ERRORS:
                summary.first_errors.append({**who(result, sheet.mapping), "errors": result.errors})
        elif result.outcome == Outcome.NEW and len(summary.first_new) < FIRST_NEW:
            summary.first_new.append(who(result, sheet.mapping))
        if on_batch:
            batch.append(result)
            if len(batch) >= WRITE_BATCH:
                on_batch(batch)
                batch = []
        if on_progress and summary.rows % PROGRESS_EVERY == 0:
            on_progress(summary.rows, sheet.estimated_rows)
    if on_batch and batch:
        on_batch(batch)
    if sheet.notes:
        summary.counts[SKIPPED] = len(sheet.notes)
        summary.notes = [{"row": row, "text": text} for row, text in sheet.notes[:FIRST_NOTES]]
    summary.report = errors.close() if errors.rows else None
    return summary


SKIPPED = "skipped"


def who(result: RowResult, mapping: dict[int, str]) -> dict[str, Any]:
    """A row as the preview shows it: its number, the person's name and masked ID number."""
    columns = {name: index for index, name in mapping.items()}

    def cell(name: str) -> str:
        index = columns.get(name)
        return str(result.raw[index]).strip() if index is not None and index < len(result.raw) else ""

    id_number = result.values.get("id_number") or cell("id_number")
    return {
        "row": result.number,
        "name": (result.values.get("name") or cell("name"))[:40],
        "id": mask_id(str(id_number))[:24],
    }


class Writer:
    """Writes one commit's batches: new members by COPY (or batched insert), updates by one
    statement per batch, conflicts as proposed transfers. As a context manager it ends an open
    COPY, or fails it on an error.

    A new member's status history starts empty: the import that created it is its record
    (`created`, kept with the import and its audit record), so a commit writes no history row,
    and no three foreign-key checks, per member.

    Ending a COPY is server work that the reading of the file would otherwise wait for: the
    server takes in what is left of the rows and checks their foreign keys. With
    `ends_on_thread` (nothing else uses this connection meanwhile: the lookups
    have their own) each batch's COPY ends on a thread of its own while the next chunk is read,
    its foreign keys checked right there (immediate) rather than all of them at the commit.
    Otherwise the COPY stays open from batch to batch until a statement is due on this
    connection (`flush`), so the server takes the rows in while the next chunks are read."""

    def __init__(
        self, union: Node, actor: "User | None", *, ends_on_thread: bool = False, numbers_apart: bool = False
    ) -> None:
        self.union, self.actor = union, actor
        self.now = timezone.now()
        self.member_rows = MemberRows(union, self.now)
        self.numbers = NumberBlocks(before=self.flush, apart=numbers_apart)
        self.open_copy = ExitStack()
        self.created: tuple[str, str] | None = None
        self.write: Callable[[list[Any]], None] | None = None
        self.endings = InOrder(connections[DEFAULT_DB_ALIAS], depth=1 if ends_on_thread else 0)
        self.ending = ExitStack()  # the COPY handed to the thread to end

    def __enter__(self) -> "Writer":
        if self.endings.depth:
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        self.endings.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            self.endings.__exit__(*exc)
        finally:
            for stack in (self.ending, self.open_copy):  # a COPY that did not end is failed
                stack.__exit__(*exc)

    def __call__(self, batch: list[RowResult]) -> None:
        updates = [r for r in batch if r.outcome == Outcome.UPDATE]
        conflicts = [r for r in batch if r.outcome == Outcome.CONFLICT]
        if updates or conflicts:
            self.flush()
            self._update(updates)
            self._propose(conflicts)
        self._insert([r for r in batch if r.outcome == Outcome.NEW])
        if self.endings.depth:
            self._end_copy()

    def flush(self) -> None:
        """The open COPY ended: the connection is free for a statement."""
        self._end_copy()
        self.endings.wait()

    def finish(self) -> None:
        """After the last batch: the COPY ended, unused numbers given back."""
        self.flush()
        self.numbers.give_back()

    def _end_copy(self) -> None:
        if self.write is None:
            return
        self.ending, self.open_copy, self.write = self.open_copy, ExitStack(), None
        self.endings.submit(self.ending.close)

    def _insert(self, rows: list[RowResult]) -> None:
        if not rows:
            return
        numbers = self.numbers.take(len(rows))
        # Made before the COPY opens: while the last one ends, not while the server waits for these.
        made = [
            self.member_rows.row({**prepared_values(result), "member_no": number})
            for result, number in zip(rows, numbers, strict=True)
        ]
        if self.write is None:
            self.endings.wait()  # the last COPY's end
            self.write = self.open_copy.enter_context(row_writer(Member._meta.db_table, MEMBER_COLUMNS))
        for row in made:
            self.write(row)
        self.created = (self.created[0] if self.created else numbers[0], numbers[-1])

    def _update(self, rows: list[RowResult]) -> None:
        """One UPDATE … CASE statement per batch; only the fields the file carries change."""
        if not rows:
            return
        members, fields = [], {"union_id", "path", "status"}
        # The key is set only for members who change district, and a cluster distributed by it
        # refuses any SET of it: there they are moved first.
        moving = self._districts_left(rows) != {district_of(self.union.path)}
        if moving and on_cluster(Member):
            move_to_district(Member, [r.member_id for r in rows], self.union.path)
        elif moving:
            fields.add("district")
        for result in rows:
            values = prepared_values(result)
            del values["id_number"], values["id_index"]
            values |= masked_copies(Member, values)
            member = Member(
                pk=result.member_id,
                union_id=self.union.pk,
                path=self.union.path,
                district=district_of(self.union.path),
                status=MemberStatus.ACTIVE,
                **values,
            )
            members.append(member)
            fields |= set(values)
        Member.unscoped.bulk_update(members, sorted(fields), batch_size=1000)
        moved = [r.member_id for r in rows if r.existing_union_id != self.union.pk]
        if moved:
            members_moved.send(sender=Member, member_ids=moved, path=self.union.path)

    @staticmethod
    def _districts_left(rows: list[RowResult]) -> set[str]:
        """The district keys of the unions these members come from."""
        unions = Node.objects.filter(pk__in={r.existing_union_id for r in rows})
        return {district_of(path) for path in unions.values_list("path", flat=True)}

    def _propose(self, rows: list[RowResult]) -> None:
        """An active member of another union is not moved: a transfer is proposed."""
        if not rows:
            return
        paths = dict(
            Node.objects.filter(pk__in={r.existing_union_id for r in rows}).values_list("pk", "path")
        )
        Transfer.unscoped.bulk_create(
            [
                Transfer(  # type: ignore[misc]
                    member_id=r.member_id,
                    from_union_id=r.existing_union_id,
                    from_path=paths[r.existing_union_id],
                    to_union=self.union,
                    path=self.union.path,
                    to_unit_id=r.values.get("unit_id"),
                    requested_by=self.actor,
                    due_on=response_due(),
                )
                for r in rows
            ],
            ignore_conflicts=True,
        )


class MemberRows:
    """New members as COPY rows in MEMBER_COLUMNS order. The columns every row shares are
    converted once; a row converts only the values its file gave, and adds their masked
    copies. Those values are never empty (prepared_values): a row encrypts its personal data
    and adapts its dates directly, as the fields' get_db_prep_save would after its checks for
    empty and raw input, which cost about as much as the encryption itself."""

    def __init__(self, union: Node, now: Any) -> None:
        database = connections[DEFAULT_DB_ALIAS]  # not the per-access proxy: this runs per value
        fields = {f.column: f for f in Member._meta.concrete_fields}
        defaults = _defaults(union, now)
        self.position = {column: index for index, column in enumerate(MEMBER_COLUMNS)}
        self.template = [fields[c].get_db_prep_save(defaults.get(c, ""), database) for c in MEMBER_COLUMNS]
        encrypt, adapt_date = cipher().encrypt, database.ops.adapt_datefield_value
        self.convert: dict[str, Callable[[Any], Any]] = {
            c: encrypt if isinstance(fields[c], EncryptedTextField) else adapt_date
            for c in MEMBER_COLUMNS
            if isinstance(fields[c], EncryptedTextField | models.DateField)
        }

    def row(self, values: dict[str, Any]) -> list[Any]:
        values |= masked_copies(Member, values)
        row = self.template.copy()
        for name, value in values.items():
            convert = self.convert.get(name)
            row[self.position[name]] = convert(value) if convert else value
        return row


def _defaults(union: Node, now: Any) -> dict[str, Any]:
    return {
        "ethnicity": "汉族",
        "id_type": "resident",
        "id_problem": "",
        "employment": "employed",
        "is_model_worker": False,
        "union_id": union.pk,
        "status": MemberStatus.ACTIVE,
        "path": union.path,
        "district": district_of(union.path),
        "created_at": now,
        "joined_on": now.date(),
        "unit_id": None,
        "birth_date": None,
    }


def commit_file(data: bytes, filename: str, union: Node, actor: "User | None") -> Summary:
    """Everything or nothing: one transaction around the whole write."""
    alone = not connection.in_atomic_block  # nothing uncommitted that a second connection would miss
    with transaction.atomic():
        Node.objects.select_for_update().filter(pk=union.pk).first()  # one import per union at a time
        with (
            lookup_connection(alone) as lookups,
            Writer(
                union, actor, ends_on_thread=lookups is not None, numbers_apart=lookups is not None
            ) as writer,
        ):
            flush = None if lookups else writer.flush
            summary = validate_file(
                data, filename, union, on_batch=writer, before_queries=flush, lookups=lookups
            )
            writer.finish()
        summary.created = writer.created
        detail = {"file": filename[:100], "counts": dict(summary.counts)}
        if summary.created:
            detail["created"] = list(summary.created)
        audit_record(actor=actor, action="roster.import", target=union, detail=detail)
        figures_changed.send(sender=Member)
    return summary


@contextmanager
def lookup_connection(alone: bool) -> Iterator[BaseDatabaseWrapper | None]:
    """On PostgreSQL a validation looks members up over a second connection, on a thread, while
    the next chunk is parsed; a commit's COPY then never has to end for a chunk's lookups.
    That connection sees members as committed: it serves only work that is a transaction of
    its own (`alone`). What the import itself changes in members concerns only rows whose ID
    came earlier in the file, which are in-file duplicates (errors) anyway."""
    if connection.vendor != "postgresql" or not alone:
        yield None
        return
    lookups = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        # One transaction for the whole validation: the temporary table of its ID numbers
        # (SeenIds) then stays on one server connection, behind a transaction-mode pooler too.
        lookups.set_autocommit(False)
        yield lookups
    finally:
        lookups.close()
