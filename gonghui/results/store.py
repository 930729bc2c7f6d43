"""The figures cache: the registry's figures per (node, period, group) in the database.

Computing every module's figures for a district takes seconds (minutes at ten times the
scale), far longer than a page may take. So pages read rows of `FigureCache`:

- the standard periods (periods.standard_periods) of the nodes near the top of the tree are
  filled ahead of time by the fill task (`manage.py figures --fill`, nightly or after a load);
- a row a page needs and does not find is computed during the request while a small time
  budget lasts, and the rest by the refresh task (the page shows them once they are there);
- when records change, `figures_changed` appends a FigureChange; the refresh task marks the
  rows it touches stale and recomputes them, the current periods first. A stale row is
  shown (with its time) until then. Modules that do not send the signal are caught by age: a
  row of a period still running is recomputed when read after RESULTS_TTL_CURRENT seconds, a
  past one after RESULTS_TTL_PAST."""

import datetime
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any, NamedTuple

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import BooleanField, ExpressionWrapper, F, Max, Q, QuerySet
from django.utils import timezone

from gonghui.lib.db import without_statement_timeout
from gonghui.lib.figures import Period
from gonghui.organizations.models import Node

from .models import FigureCache, FigureChange
from .periods import key_of, period_of, standard_periods
from .registry import figure_set, figure_sets

type Slot = tuple[int, str, str]  # node id, period key, group
CLAIM_SECONDS = 600  # a claim older than this is a crashed worker's: the row is free again


def groups() -> tuple[str, ...]:
    return tuple(figures.group for figures in figure_sets())


def setting(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


class Row(NamedTuple):
    """A row's state, without its figures (a page whose rows did not change need not read them)."""

    pk: int
    node_id: int
    period: str
    group: str
    done: bool  # computed at least once: its figures are there
    computed_at: datetime.datetime | None
    digest: str
    stale: bool
    end: datetime.date | None
    claimed_at: datetime.datetime | None


ROW_FIELDS = Row._fields


@dataclass
class Wanted:
    """The rows a page needs, in the order it needs them most (the first are computed first).
    A row wanted `whole` brings its breakdowns too; the others only their single numbers (a
    trend or a comparison needs no more, and a breakdown by month of all time is large)."""

    slots: dict[Slot, tuple[Node, Period | None]] = field(default_factory=dict)
    whole: set[Slot] = field(default_factory=set)

    def add(
        self,
        node: Node,
        periods: Iterable[Period | None],
        only: Iterable[str] | None = None,
        *,
        whole: bool = False,
    ) -> None:
        names = tuple(only) if only is not None else groups()
        for period in periods:
            for group in names:
                slot = (node.pk, key_of(period), group)
                self.slots.setdefault(slot, (node, period))
                if whole:
                    self.whole.add(slot)


@dataclass
class Table:
    """The rows a page reads. Their figures are read on first use, in one query per kind (those
    wanted whole with their breakdowns), from `source`, the queryset the rows came from."""

    rows: dict[Slot, Row]
    source: QuerySet[FigureCache] | None = None
    whole: set[Slot] = field(default_factory=set)
    queued: bool = False  # some rows wait for the refresh task
    _figures: dict[Slot, dict[str, Any]] | None = None

    def group(self, node_id: int, period: Period | None, group: str) -> dict[str, Any]:
        """A group's figures (empty while not computed yet)."""
        if self._figures is None:
            self._figures = self._read_figures()
        return self._figures.get((node_id, key_of(period), group)) or {}

    def value(self, node_id: int, period: Period | None, group: str, key: str) -> Any:
        return self.group(node_id, period, group).get(key)

    def _read_figures(self) -> dict[Slot, dict[str, Any]]:
        by_pk = {row.pk: slot for slot, row in self.rows.items() if row.done}
        if self.source is None or not by_pk:
            return {}
        figures: dict[Slot, dict[str, Any]] = {}
        whole = [pk for pk, slot in by_pk.items() if slot in self.whole]
        for pk, numbers, breakdowns in self.source.filter(pk__in=whole).values_list(
            "pk", "figures", "breakdowns"
        ):
            figures[by_pk[pk]] = {**(numbers or {}), **(breakdowns or {})}
        others = [pk for pk, slot in by_pk.items() if slot not in self.whole]
        for pk, numbers in self.source.filter(pk__in=others).values_list("pk", "figures"):
            figures[by_pk[pk]] = numbers or {}
        return figures

    def version(self) -> str:
        """What changes whenever a figure the page shows changes (a key for what is made from
        them): each row's digest, or when it was computed for a row without one."""
        parts = sorted(
            (slot, row.digest or (row.computed_at.timestamp() if row.computed_at else None))
            for slot, row in self.rows.items()
        )
        return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()

    @property
    def pending(self) -> bool:
        """Some rows are still being computed for the first time."""
        return any(not row.done for row in self.rows.values())

    @property
    def refreshing(self) -> bool:
        return any(row.stale for row in self.rows.values())

    @property
    def computed_at(self) -> datetime.datetime | None:
        times = [row.computed_at for row in self.rows.values() if row.computed_at is not None]
        return min(times) if times else None


def states(rows: QuerySet[FigureCache]) -> Iterator[Row]:
    done = ExpressionWrapper(Q(figures__isnull=False), output_field=BooleanField())
    for values in rows.annotate(done=done).values_list(*ROW_FIELDS):
        yield Row(*values)


def fetch(rows: QuerySet[FigureCache], wanted: Wanted) -> Table:
    """The wanted rows' state, in one query (their figures are read when first used)."""
    by_node: dict[int, set[str]] = defaultdict(set)
    for node_id, period, _group in wanted.slots:
        by_node[node_id].add(period)
    found: dict[Slot, Row] = {}
    if by_node:
        where = reduce(
            or_, (Q(node_id=node_id, period__in=sorted(keys)) for node_id, keys in by_node.items())
        )
        for row in states(rows.filter(where)):
            found[(row.node_id, row.period, row.group)] = row
    return Table(
        {slot: found[slot] for slot in wanted.slots if slot in found}, source=rows, whole=set(wanted.whole)
    )


def expired(row: Row, now: datetime.datetime, today: datetime.date) -> bool:
    if row.stale or row.computed_at is None:
        return False
    current = row.end is None or row.end >= today
    ttl = setting("RESULTS_TTL_CURRENT", 600) if current else setting("RESULTS_TTL_PAST", 86400)
    return (now - row.computed_at).total_seconds() > ttl


def placeholder(node: Node, period: Period | None, group: str) -> FigureCache:
    return FigureCache(
        node=node,
        path=node.path,
        group=group,
        period=key_of(period),
        start=period.start if period else None,
        end=period.end if period else None,
        stale=True,
    )


def digest_of(*values: Any) -> str:
    text = json.dumps(values, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def compute(node: Node, group: str, period: Period | None) -> dict[str, Any]:
    """One group's figures of a node for a period, from the records, stored: the single numbers
    apart from the breakdowns (the figures with a `by`)."""
    started = timezone.now()
    figure_set_ = figure_set(group)
    with without_statement_timeout(seconds=int(setting("RESULTS_COMPUTE_TIMEOUT", 900)), jit=False):
        figures = dict(figure_set_.compute(node, period))
    broken_down = {f.key for f in figure_set_.figures if f.by}
    row = placeholder(node, period, group)
    row.figures = {k: v for k, v in figures.items() if k not in broken_down}
    row.breakdowns = {k: v for k, v in figures.items() if k in broken_down}
    row.computed_at, row.stale, row.claimed_at = started, False, None
    row.digest = digest_of(row.figures, row.breakdowns)
    row.seconds = round((timezone.now() - started).total_seconds(), 3)
    FigureCache.unscoped.bulk_create(
        [row],
        update_conflicts=True,
        unique_fields=["node", "period", "group"],
        update_fields=["figures", "breakdowns", "computed_at", "digest", "stale", "claimed_at", "seconds"],
    )
    return figures


def expected_seconds(slots: Iterable[Slot]) -> dict[tuple[int, str], float]:
    """How long computing a row of each (node, group) of `slots` may take: the longest its
    rows of any period took last time (none when it was never computed)."""
    nodes = {node_id for node_id, _period, _group in slots}
    rows = (
        FigureCache.unscoped.filter(node_id__in=nodes, seconds__isnull=False)
        .values_list("node_id", "group")
        .annotate(longest=Max("seconds"))
        .order_by()
    )
    return {(node_id, group): longest for node_id, group, longest in rows}


# --- changes and the refresh task -------------------------------------------------------------


def record_change(*, group: str = FigureChange.ALL, since: datetime.date | None = None) -> None:
    """Records changed figures of `group` (every group by default) from `since` on (any day by
    default). Called after the commit, so a computation that started before it is redone."""
    FigureChange.objects.create(group=group, since=since)


def apply_changes() -> int:
    """Mark the rows the logged changes touch stale; returns the changes read."""
    changes = list(FigureChange.objects.order_by("id")[:1000])
    for change in changes:
        touched = FigureCache.unscoped.filter(stale=False, computed_at__lt=change.at)
        if change.group != FigureChange.ALL:
            touched = touched.filter(group=change.group)
        if change.since is not None:
            touched = touched.filter(Q(end__isnull=True) | Q(end__gte=change.since))
        touched.update(stale=True)
    if changes:
        FigureChange.objects.filter(id__lte=changes[-1].id).delete()
    return len(changes)


def claim_next() -> FigureCache | None:
    """The next stale row, claimed (a conditional UPDATE, so two workers never take the same):
    rows never computed first, then the latest periods (today's stocks first)."""
    now = timezone.now()
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - datetime.timedelta(seconds=CLAIM_SECONDS))
    candidates = (
        FigureCache.unscoped.filter(free, stale=True)
        .order_by(F("computed_at").asc(nulls_first=True), F("end").desc(nulls_first=True), "path")
        .values_list("pk", flat=True)[:20]
    )
    for pk in candidates:
        if FigureCache.unscoped.filter(free, pk=pk, stale=True).update(claimed_at=now):
            return FigureCache.unscoped.select_related("node").get(pk=pk)
    return None


def refresh(seconds: float | None = None) -> tuple[int, bool]:
    """Apply the logged changes and recompute stale rows for up to `seconds` (all of them when
    None); returns the rows computed and whether some are left."""
    apply_changes()
    deadline = None if seconds is None else time.monotonic() + seconds
    done = 0
    while deadline is None or time.monotonic() < deadline:
        row = claim_next()
        if row is None:
            return done, False
        compute(row.node, row.group, period_of(row.period))
        done += 1
    return done, FigureCache.unscoped.filter(stale=True).exists()


def fill(depth: int | None = None, today: datetime.date | None = None) -> int:
    """Make the rows of the standard periods for every node down to `depth`
    (RESULTS_PREFILL_DEPTH: the district and its streets), stale where missing or past their
    age; the refresh computes them. Rows of other periods nobody read for RESULTS_PRUNE_DAYS are
    removed. Returns the rows queued."""
    depth = depth or int(setting("RESULTS_PREFILL_DEPTH", 2))
    periods = standard_periods(today)
    nodes = list(Node.objects.filter(depth__lte=depth))
    FigureCache.unscoped.bulk_create(
        [placeholder(node, period, group) for node in nodes for period in periods for group in groups()],
        ignore_conflicts=True,
    )
    now, day = timezone.now(), timezone.localdate()
    keys = [key_of(p) for p in periods]
    rows = FigureCache.unscoped.filter(node__in=nodes, period__in=keys)
    old = [row.pk for row in states(rows) if expired(row, now, day)]
    FigureCache.unscoped.filter(pk__in=old).update(stale=True)
    unread = now - datetime.timedelta(days=setting("RESULTS_PRUNE_DAYS", 30))
    FigureCache.unscoped.filter(computed_at__lt=unread).exclude(period__in=keys).delete()
    return rows.filter(stale=True).count()
