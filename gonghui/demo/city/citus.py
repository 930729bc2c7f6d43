"""The app's core tables made Citus tables, after `migrate`, on a Citus coordinator.

The distribution key is `district`: the tree path's first 8 characters (depth 2), a plain
column every distributed row carries (Citus refuses a generated column as its key). What
Citus requires, and what this step changes to meet it, is listed by `distribute` as it goes
(docs/scale-out.md, "Citus", holds the list and the reasons):

- a unique constraint or index on a distributed table must include the key: the primary key
  `id` becomes `(id, district)`, and each unique index gets `district` first (a member number,
  a USCC, an ID's blind index are then unique per district only);
- a foreign key between distributed tables must join on the key, and one from a distributed
  table may point only at a reference table: a key whose two rows are in one district by the
  app's rules becomes a composite key on the district too (`ON_THE_KEY`); every other foreign
  key touching a distributed table is dropped (the app's own code still writes consistent
  rows; the database no longer proves it);
- tables stay local to the coordinator unless listed here; a query joining a local table and a
  distributed one is planned by Citus (the local rows are shipped), not forbidden.
"""

import re
from typing import Any

KEY = "district"
# Small and shared by every district: one copy on every node, joinable from any shard.
REFERENCE = ["organizations_node", "culture_venue", "culture_programme"]
# Big, and each row belongs to one district: hashed by district into colocated shards, so a
# district's members, units, cards, sessions and bookings are on one shard and join there.
DISTRIBUTED = ["organizations_unit", "members_member", "cards_card", "culture_session", "culture_booking"]
# Foreign keys between distributed tables whose two rows are in one district by the app's rules,
# kept as (column, district) -> (id, district): a member's employer (a transfer to another
# district leaves it, members.services), the card a card replaces (both its member's). Not a
# card's member nor a booking's session: a member's (a session's) move to another district
# deletes the old row before the cards (bookings) follow, which the key would refuse.
ON_THE_KEY = {
    ("members_member", "unit_id"),
    ("cards_card", "replaces_id"),
}
SINGLE_KEY = re.compile(r"FOREIGN KEY \((\w+)\) REFERENCES (\w+)\(id\)")


def add_key_columns(cursor: Any) -> None:
    """The key on the tree too, for the generator's joins (on a single PostgreSQL as well, so both
    hold the same rows). The distributed tables have theirs from their models (lib.scoping)."""
    cursor.execute(f"ALTER TABLE organizations_node ADD COLUMN IF NOT EXISTS {KEY} varchar(8)")


def _foreign_keys(cursor: Any, tables: list[str]) -> list[tuple[str, str, str, str]]:
    cursor.execute(
        """SELECT c.conname, c.conrelid::regclass::text, c.confrelid::regclass::text,
                  pg_get_constraintdef(c.oid)
           FROM pg_constraint c
           WHERE c.contype = 'f' AND (c.conrelid::regclass::text = ANY(%s)
                                      OR c.confrelid::regclass::text = ANY(%s))
           ORDER BY 2, 1""",
        [tables, tables],
    )
    return list(cursor.fetchall())


def _drop_foreign_keys(cursor: Any) -> tuple[list[str], list[str]]:
    """Drops every foreign key touching a Citus table; returns the statements that add back
    those Citus enforces on every shard (distributed or reference -> reference) once the tables
    are distributed (a local table holding such a key would be made a Citus-managed table, which
    cannot then be distributed: "cannot complete operation on a table with identity column").
    The keys `ON_THE_KEY` come back on the district too. The others stay dropped: between
    distributed tables not on the key, from a Citus table to a local one, from a local table
    to a Citus one."""
    changes, restore = [], []
    for name, table, target, definition in _foreign_keys(cursor, REFERENCE + DISTRIBUTED):
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        if target in REFERENCE and table in REFERENCE + DISTRIBUTED:
            restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            continue
        column = SINGLE_KEY.match(definition)
        if column and (table, column[1]) in ON_THE_KEY:
            on_the_key = SINGLE_KEY.sub(rf"FOREIGN KEY (\1, {KEY}) REFERENCES \2(id, {KEY})", definition)
            restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {on_the_key}')
            continue
        if target in REFERENCE:
            # local -> reference: Citus would make the local table (and all it links to) a
            # "Citus-managed local table"; the app's other modules stay plain local tables.
            why = "local table to a reference table"
        elif table in DISTRIBUTED and target in DISTRIBUTED:
            why = "between distributed tables, not on the key"
        elif table in DISTRIBUTED or table in REFERENCE:
            why = "from a Citus table to a local one"
        else:
            why = "local table to a distributed one"
        changes.append(f"dropped FK {table}.{name} -> {target} ({why}): {definition}")
    return changes, restore


def _rewrite_unique(cursor: Any, table: str) -> list[str]:
    """Primary key (id) -> (id, district); every other unique index gets the key first."""
    changes = []
    cursor.execute(f"ALTER TABLE {table} ALTER COLUMN {KEY} SET NOT NULL")
    cursor.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), i.indisprimary,
                  con.conname
           FROM pg_index i LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid
           WHERE i.indrelid = %s::regclass AND i.indisunique""",
        [table],
    )
    for index, definition, primary, constraint in cursor.fetchall():
        if primary:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{constraint}"')
            cursor.execute(f"ALTER TABLE {table} ADD PRIMARY KEY (id, {KEY})")
            changes.append(f"{table}: primary key (id) -> (id, {KEY})")
            continue
        widened = definition.replace("USING btree (", f"USING btree ({KEY}, ", 1)
        if constraint:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{constraint}"')
        else:
            cursor.execute(f'DROP INDEX "{index}"')
        cursor.execute(widened)
        changes.append(f"{table}: unique {definition.split(' USING btree ', 1)[1]} -> per district")
    return changes


def distribute(cursor: Any) -> list[str]:
    """Run on a migrated, still empty database on the coordinator; returns what it changed."""
    add_key_columns(cursor)
    changes, restore = _drop_foreign_keys(cursor)
    for table in DISTRIBUTED:
        changes += _rewrite_unique(cursor, table)
    first = DISTRIBUTED[0]
    for table in DISTRIBUTED:
        colocate = "default" if table == first else first
        cursor.execute("SELECT create_distributed_table(%s, %s, colocate_with => %s)", [table, KEY, colocate])
        changes.append(f"{table}: distributed by {KEY}, colocated with {first}")
    for table in REFERENCE:
        cursor.execute("SELECT create_reference_table(%s)", [table])
        changes.append(f"{table}: reference table")
    for statement in restore:
        # Checked as each statement ends: a deferred check fails on the worker at commit,
        # and the coordinator then lost the rows without an error (a COPY with a missing unit).
        statement = statement.replace(" DEFERRABLE INITIALLY DEFERRED", "")
        cursor.execute(statement)
        changes.append(f"kept FK: {statement}")
    return changes


def is_citus(cursor: Any) -> bool:
    cursor.execute("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")
    return bool(cursor.fetchone()[0])
