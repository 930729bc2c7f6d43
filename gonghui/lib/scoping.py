"""The one way to read tree-bound data: `Model.objects.visible_to(user)`.

Every record that hangs on the organization tree carries the materialized path
of its node (`path`). A user sees the records whose path starts with their own
node's path. While a request is being served, evaluating a scoped model's
`objects` queryset that never went through `visible_to` raises
`UnscopedQuery`, so a view that forgets the scope fails loudly in tests
instead of leaking another street's data (AZ-1). Services that must look
across scopes (routing, duplicate checks) use the explicit `unscoped` manager.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any, Protocol, Self

from django.db import models
from django.db.models import Q
from django.db.models.functions import Left

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
            qs = self.filter(**{self.owner_field: user})
        else:
            qs = self.none()
        qs._scoped = True
        return qs

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
