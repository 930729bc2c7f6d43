"""What the care models share: money columns and the reach of rules set above a node."""

from decimal import Decimal
from typing import Any, Self

from django.db import models
from django.db.models import Q

from gonghui.lib.scoping import ScopedQuerySet, scope_of
from gonghui.organizations.models import Node

CENT = Decimal("0.01")


def money(label: Any, **kwargs: Any) -> models.DecimalField:
    return models.DecimalField(label, max_digits=12, decimal_places=2, **kwargs)


def ancestor_paths(path: str) -> list[str]:
    """The paths of a node and of every node above it (the tree's steps are 4 characters)."""
    return [path[:end] for end in range(Node.steplen, len(path) + 1, Node.steplen)]


class InForceQuerySet(ScopedQuerySet):
    """Records set by a node that hold for its whole subtree (money rules, the year's standard):
    a person sees those of their own subtree and those set above them, which bind them too."""

    def visible_to(self, user: Any) -> Self:
        prefix = scope_of(user)
        if prefix is None:
            qs = self.none()
        else:
            qs = self.filter(Q(path__startswith=prefix) | Q(path__in=ancestor_paths(prefix)))
        qs._scoped = True
        return qs

    def binding(self, path: str) -> Self:
        """Those that bind a record at `path`: set at its node or above."""
        return self.filter(path__in=ancestor_paths(path))
