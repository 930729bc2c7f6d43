"""The one way to read tree-bound data: `Model.objects.visible_to(user)`.

Every record that hangs on the organization tree carries the materialized path
of its node (`path`). A user sees the records whose path starts with their own
node's path. While a request is being served, evaluating a scoped model's
`objects` queryset that never went through `visible_to` raises
`UnscopedQuery`, so a view that forgets the scope fails loudly in tests
instead of leaking another street's data (AZ-1). Services that must look
across scopes (routing, duplicate checks) use the explicit `unscoped` manager.
"""

from collections.abc import Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any, Protocol, Self

from django.db import connections, models, router
from django.db.models import Q
from django.db.models.functions import Left

from .db import distributed

# A city's Citus cluster distributes its big tables by district: the tree path of depth 2 (the
# city is `0001`, a district `0001XXXX`). Such a table keeps the key in a column of its own,
# `district`, equal to path[:8] by a check constraint, since Citus cannot distribute by a
# generated column; every writer sets it (docs/scale-out.md).
DISTRICT_KEY_LENGTH = 8

_enforcing: ContextVar[bool] = ContextVar("scope_enforcing", default=False)


class UnscopedQuery(RuntimeError):
    pass


class ScopeHolder(Protocol):
    @property
    def scope_path(self) -> str | None: ...


def scoped_queryset(owner: str | None) -> type["ScopedQuerySet"]:
    return type("ScopedQuerySet", (ScopedQuerySet,), {"owner_field": owner})


@contextmanager
def enforce_scoping():
    token = _enforcing.set(True)
    try:
        yield
    finally:
        _enforcing.reset(token)


def scope_of(user: Any) -> str | None:
    """The path prefix a user may read, or None for no back-office scope at all."""
    if not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "scope_path", None)


def district_of(path: str) -> str:
    return path[:DISTRICT_KEY_LENGTH]


class DistrictKeyField(models.CharField):
    """`district`, taken from the row's `path` whenever the ORM writes the row (save,
    bulk_create, lib.db.insert); a raw COPY and an `update(path=…)` set it themselves."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs |= {"max_length": DISTRICT_KEY_LENGTH, "editable": False, "default": ""}
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        for fixed in ("max_length", "editable", "default"):
            kwargs.pop(fixed, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = district_of(model_instance.path)  # type: ignore[attr-defined]
        setattr(model_instance, self.attname, value)
        return value


def district_key_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(district=Left("path", DISTRICT_KEY_LENGTH)), name=name)


@cache
def has_district_key(model: type[models.Model]) -> bool:
    return any(field.name == "district" for field in model._meta.concrete_fields)


class ScopedQuerySet(models.QuerySet):
    scope_field = "path"
    # Accounts without a back-office scope (members) see only what they own.
    owner_field: str | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._scoped = False

    def _clone(self) -> Self:
        clone = super()._clone()  # type: ignore[misc]
        clone._scoped = self._scoped
        return clone

    def visible_to(self, user: Any) -> Self:
        prefix = scope_of(user)
        if prefix is not None:
            qs = self.filter(**self._subtree(prefix))
        elif self.owner_field and getattr(user, "is_authenticated", False) and user.is_active:
            qs = self._owned_by(user)
        else:
            qs = self.none()
        qs._scoped = True
        return qs

    def _owned_by(self, user: Any) -> Self:
        """The rows `user` owns. Through a member's account (`…member__user`), by the member id
        the account carries rather than by a join on to the accounts, which a city's cluster
        refuses (a distributed table joined to another, or to a local one, on an id alone)."""
        path = str(self.owner_field)
        if path == "member__user" or path.endswith("__member__user"):
            return self.owned_by_member(path.removesuffix("__user"), user)
        return self.filter(**{path: user})

    def owned_by_member(self, field: str, user: Any) -> Self:
        member_id = getattr(user, "member_id", None)
        return self.filter(**{field: member_id}) if member_id is not None else self.none()

    def within(self, path: str) -> Self:
        """Narrow to a subtree; scoping still comes only from visible_to."""
        return self.filter(**self._subtree(path))

    def _subtree(self, prefix: str) -> dict[str, str]:
        """A subtree by path prefix; within a district, by its key too, so that on a cluster
        distributed by district the query goes to that district's shard alone."""
        where = {f"{self.scope_field}__startswith": prefix}
        if self.scope_field == "path" and len(prefix) >= DISTRICT_KEY_LENGTH and has_district_key(self.model):
            where["district"] = district_of(prefix)
        return where

    def _check_scoped(self) -> None:
        if _enforcing.get() and not self._scoped:
            raise UnscopedQuery(f"{self.model.__name__} read without visible_to() during a request")

    def _fetch_all(self) -> None:
        if self._result_cache is None:
            self._check_scoped()
        super()._fetch_all()

    def count(self) -> int:
        self._check_scoped()
        return super().count()

    def exists(self) -> bool:
        self._check_scoped()
        return super().exists()

    def aggregate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        self._check_scoped()
        return super().aggregate(*args, **kwargs)

    def iterator(self, chunk_size: int | None = None) -> Any:
        self._check_scoped()
        return super().iterator(chunk_size=chunk_size)


def on_cluster(model: type[models.Model]) -> bool:
    """Whether `model`'s rows are distributed by district on a Citus cluster."""
    database = connections[router.db_for_write(model)]
    return has_district_key(model) and distributed(model._meta.db_table, database)


def locked[M: models.Model](model: type[M], row: M | int) -> M:
    """`row` (an instance or an id) read again under a row lock (SELECT … FOR UPDATE).

    On a Citus cluster the lock names the row's district as well: Citus takes a row lock only in
    a query that names one shard, and there a row's district never changes (a move between
    districts is a delete and an insert). A single server locks by id alone, since its rows do
    change district (the demo's key is the street, which a transfer changes)."""
    rows = model._base_manager.all()
    pk = row.pk if isinstance(row, models.Model) else row
    if not on_cluster(model):
        return rows.select_for_update().get(pk=pk)
    if not isinstance(row, models.Model):
        row = rows.only("district").get(pk=pk)  # one read of every shard, to learn the district
    return rows.select_for_update().get(pk=pk, district=row.district)  # type: ignore[attr-defined]


def move_to_district(model: type[models.Model], pks: Sequence[int | None], path: str) -> None:
    """On a Citus cluster, the rows `pks` that are not in `path`'s district yet are moved there
    with `path`: inserted anew (same id) and deleted from their old district, since Citus
    cannot change a row's distribution key. The foreign keys that point at these rows are not
    kept on the cluster (demo/city/citus.py), so nothing cascades; those from them to a row of
    their own district (the model's `district_bound` columns) are cleared in the moved copy.
    The caller then updates the rest of the row as usual (a new employer, say)."""
    meta, database = model._meta, connections[router.db_for_write(model)]
    quote = database.ops.quote_name
    table, key = quote(meta.db_table), quote(str(meta.pk.column))
    columns = [str(field.column) for field in meta.concrete_fields]
    new: dict[str, str | None] = {"path": path, "district": district_of(path)}
    new |= dict.fromkeys(getattr(model, "district_bound", ()))
    values = ["%s" if c in new else quote(c) for c in columns]
    where = f"{key} = ANY(%s) AND district <> %s"
    where_params: list[Any] = [list(pks), new["district"]]
    with database.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) "
            f"SELECT {', '.join(values)} FROM {table} WHERE {where}",
            [new[c] for c in columns if c in new] + where_params,
        )
        cursor.execute(f"DELETE FROM {table} WHERE {where}", where_params)


def repath(rows: models.QuerySet[Any], path: str) -> None:
    """The rows take `path` and its district key. On a Citus cluster those leaving their
    district are moved there first (`move_to_district`), as Citus changes no row's key."""
    if on_cluster(rows.model):
        move_to_district(rows.model, list(rows.values_list("pk", flat=True)), path)
        rows.update(path=path)
    else:
        rows.update(path=path, district=district_of(path))


class DistrictKeyed:
    """For a model with a `DistrictKeyField`. On a Citus cluster, saving a row never sets its
    district (Citus refuses that, even to the same value), and a row whose path leaves its
    district is moved (`move_to_district`) before the rest is saved. Elsewhere a save is a save.
    `district_bound` names the columns pointing at a row that must be in the same district (the
    cluster's foreign keys on the key: a member's employer)."""

    district_bound: tuple[str, ...] = ()
    pk: Any
    path: str
    district: str
    _state: Any
    _meta: Any

    def save(self, *args: Any, **kwargs: Any) -> None:
        model = type(self)
        inserting = self._state.adding or self.pk is None or kwargs.get("force_insert")
        if inserting or not on_cluster(model):  # type: ignore[arg-type]
            super().save(*args, **kwargs)  # type: ignore[misc]
            return
        if district_of(self.path) != self.district:
            move_to_district(model, [self.pk], self.path)  # type: ignore[arg-type]
            self.district = district_of(self.path)
        fields = kwargs.pop("update_fields", None)
        if fields is None:
            fields = [f.name for f in self._meta.concrete_fields if not f.primary_key]
        super().save(*args, update_fields=[f for f in fields if f != "district"], **kwargs)  # type: ignore[misc]


class PathFromMixin:
    """For a model whose `path` is its parent record's: set `path_from` to the name of the
    foreign key, and every save copies that record's path (scoped reads filter on it)."""

    path_from: str

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.path = getattr(self, self.path_from).path
        super().save(*args, **kwargs)  # type: ignore[misc]


def sql_with_params(queryset: models.QuerySet) -> tuple[str, tuple[Any, ...]]:
    """A queryset's SELECT and its params, for a statement that wraps it (e.g. COPY);
    a scoped queryset is checked as on any other read. Raises EmptyResultSet for none()."""
    if isinstance(queryset, ScopedQuerySet):
        queryset._check_scoped()
    return queryset.query.get_compiler(using=queryset.db).as_sql()
