"""Database helpers that know the vendor."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import F, Model, QuerySet, Window
from django.db.models.functions import RowNumber


@contextmanager
def without_statement_timeout(seconds: int = 0, *, jit: bool = True) -> Iterator[None]:
    """Operator and background work (seeding, KPI rollups) may run statements longer
    than the web requests' timeout; the limit is lifted for this transaction only.

    `jit=False` also runs them without compiling them first (JIT): the figures' queries were
    costed far above their run time, so the server spent 0.1-0.3 s compiling queries that then
    took less (docs/architecture.md, "The dashboards' figures")."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {int(seconds * 1000)}")
                if not jit:
                    cursor.execute("SET LOCAL jit = off")
        yield


@contextmanager
def cursor_apart(alias: str = DEFAULT_DB_ALIAS) -> Iterator[Any]:
    """A cursor on a connection of its own, each statement committed as it runs: what it
    writes and locks does not wait for the caller's transaction, nor keep others waiting
    until that commits."""
    apart = connections.create_connection(alias)
    try:
        with apart.cursor() as cursor:
            yield cursor
    finally:
        apart.close()


def per_path(
    rows: QuerySet[Any], prefix: str, keys: Sequence[str], *, by_path: bool = True, **aggregates: Any
) -> list[dict[str, Any]]:
    """`rows` aggregated per node path and `keys`, for a caller that adds them up the tree; with
    `by_path=False`, per `keys` alone with `prefix` as their path: what only the subtree's own
    total needs, without a row (and an addition) per node of a large subtree."""
    if by_path:
        return list(rows.values("path", *keys).annotate(**aggregates).order_by())
    if not keys:
        return [{"path": prefix, **rows.aggregate(**aggregates)}]
    return [{"path": prefix, **row} for row in rows.values(*keys).annotate(**aggregates).order_by()]


def sql_of(rows: QuerySet[Any]) -> tuple[str, tuple[Any, ...]]:
    """A queryset's SQL and parameters, as a subquery of a statement the ORM cannot write (an
    outer join to a derived table)."""
    return rows.query.get_compiler(rows.db).as_sql()


def fetch_all(using: str, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The rows of a hand-written statement joining derived tables, which PostgreSQL runs without
    nested loops: it cannot estimate a filter on a COALESCE across an outer join (it guesses
    0.5 % of the rows), and then loops over both sides (150,000 × 150,000 rows for a street's
    card holders at ten times the scale, minutes instead of 2 s)."""
    postgresql = connections[using].vendor == "postgresql"
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        if postgresql:
            cursor.execute("SET LOCAL enable_nestloop = off")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        if postgresql:  # SET LOCAL outlives a released savepoint: the caller's transaction goes on
            cursor.execute("RESET enable_nestloop")
        return rows


def first_per(rows: QuerySet[Any], key: str, order: Sequence[str], *fields: str) -> QuerySet[Any]:
    """The first of `rows` by `order` for each value of `key`, as values (`key`, *`fields`), in
    one pass over the rows, where a subquery correlated on `key` looks up each key's first row
    apart. PostgreSQL's `DISTINCT ON`: it estimates how many rows that leaves (one per key), while
    for a window's row number = 1 it guesses a handful and then joins them by a nested loop (80 s
    for a street at ten times the scale, against 1.5 s); a window's row number elsewhere."""
    if connections[rows.db].vendor == "postgresql":
        return rows.order_by(key, *order).distinct(key).values(key, *fields)
    numbered = rows.annotate(rank=Window(RowNumber(), partition_by=F(key), order_by=[F(f) for f in order]))
    return numbered.filter(rank=1).values(key, *fields)


def analyze() -> None:
    """Fresh planner statistics after a bulk load (PostgreSQL would otherwise guess)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


_distributed: dict[tuple[Any, ...], bool] = {}


def distributed(table: str, using: Any = None) -> bool:
    """Whether `table` is a Citus distributed table in this connection's database (a city's
    cluster, docs/scale-out.md), where some statements must take another form. Asked once per
    process, database and table."""
    db = using or connection
    where = (
        db.vendor,
        db.settings_dict.get("HOST"),
        db.settings_dict.get("PORT"),
        db.settings_dict["NAME"],
        table,
    )
    if where not in _distributed:
        found = False
        if db.vendor == "postgresql":
            with db.cursor() as cursor:
                cursor.execute("SELECT to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL")
                if cursor.fetchone()[0]:
                    cursor.execute(
                        "SELECT count(*) FROM pg_dist_partition WHERE logicalrelid = %s::regclass", [table]
                    )
                    found = bool(cursor.fetchone()[0])
        _distributed[where] = found
    return _distributed[where]


# Hand-written SQL for the few hottest reads (a counter scan, a booking). Compiling an ORM query
# costs about ten times its round trip on PostgreSQL; these helpers let such a read keep the
# ORM's model instances and value conversion without that cost.


def select_list(model: type[Model], alias: str) -> str:
    """The columns of a model's concrete fields, in order, as `load_row` reads them back."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(str(f.column))}" for f in model._meta.concrete_fields)


def load_row(row: Sequence[Any], models: Sequence[type[Model]]) -> list[Any]:
    """One instance per model from a row whose columns are each model's `select_list` in turn,
    converted as the ORM converts them (dates on SQLite, decryption, …). A model whose primary
    key is NULL (an outer join that matched nothing) gives None."""
    instances, start = [], 0
    for model in models:
        names, converted = _reader(model)
        values = list(row[start : start + len(names)])
        start += len(names)
        for i, column, converters in converted:
            if (value := values[i]) is not None:
                for convert in converters:
                    value = convert(value, column, connection)
                values[i] = value
        instances.append(None if values[0] is None else model.from_db(connection.alias, names, values))
    return instances


@cache
def _reader(model: type[Model]) -> tuple[list[str], list[tuple[int, Any, list[Any]]]]:
    """A model's field names in `select_list` order, and for each field that needs converting
    its position, column and converters. Worked out once per model: every signed-in request
    loads rows this way, and most fields need no converting."""
    names, converted = [], []
    for i, field in enumerate(model._meta.concrete_fields):
        names.append(field.attname)
        column = field.get_col(model._meta.db_table)
        converters = [*connection.ops.get_db_converters(column), *field.get_db_converters(connection)]
        if converters:
            converted.append((i, column, converters))
    return names, converted


def insert(instance: Model) -> None:
    """INSERT a new instance in one hand-written statement, as Model.save() does for a new row
    (pre_save, e.g. auto_now_add, applied; the primary key set from RETURNING), without the
    ORM's compilation. The model's own save() and its signals do not run: callers set what
    they would set (e.g. a record's path)."""
    fields = [f for f in instance._meta.concrete_fields if not f.primary_key]
    values = [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(type(instance)), values)
        instance.pk = cursor.fetchone()[0]
    instance._state.adding, instance._state.db = False, connection.alias


@cache
def _insert_sql(model: type[Model]) -> str:
    quote = connection.ops.quote_name
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(quote(str(f.column)) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    pk = quote(str(model._meta.pk.column))
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders}) RETURNING {pk}"
