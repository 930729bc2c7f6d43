from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.organizations.models import Node


class KpiRollup(models.Model):
    """The subtree figures of one node, computed from the records by
    `refresh_rollups` so any node's KPIs are one row away."""

    node = models.OneToOneField(Node, on_delete=models.CASCADE, primary_key=True, related_name="kpi_rollup")
    figures = models.JSONField()
    computed_at = models.DateTimeField()


class RollupState(models.Model):
    """Set when records change; the refresh task clears it, so queued refreshes coalesce."""

    dirty_since = models.DateTimeField(null=True)


class FigureCache(PathFromMixin, models.Model):
    """One registry group's figures (the spine's or a module's) of a node's subtree for one
    period, as the registry computed them: the dashboards, boards and the big screen read
    these rows instead of computing a district's figures on every request.

    A row is computed by the refresh task (the standard periods ahead of time, and whatever
    a change made stale) or on the first request for an unusual period. Until it is computed
    its figures are null; a stale row is still shown while the task recomputes it."""

    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=255, editable=False)
    group = models.CharField(max_length=40)  # the FigureSet's group, "" for the spine
    period = models.CharField(max_length=21)  # "now", or "YYYY-MM-DD/YYYY-MM-DD"
    start = models.DateField(null=True)
    end = models.DateField(null=True)  # null for "now": all the records, today's stocks
    figures = models.JSONField(null=True, encoder=DjangoJSONEncoder)  # the single numbers
    breakdowns = models.JSONField(null=True, encoder=DjangoJSONEncoder)  # the figures with a `by`
    computed_at = models.DateTimeField(null=True)
    # A hash of the figures as last computed: what a page makes of them stays valid while it is
    # the same, however often the row is recomputed ("" for a row computed before it existed).
    digest = models.CharField(max_length=32, default="", editable=False)
    stale = models.BooleanField(default=True)
    # How long the last computation took: a request computes a missing row itself only when
    # the rows of its node and group took less than what is left of its time budget.
    seconds = models.FloatField(null=True, editable=False)
    # Set by the worker computing the row, so two workers never compute it at once.
    claimed_at = models.DateTimeField(null=True)

    path_from = "node"
    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["node", "period", "group"], name="figure_cache_one_row"),
            models.CheckConstraint(
                condition=Q(period="now", start__isnull=True, end__isnull=True)
                | Q(start__isnull=False, end__isnull=False, start__lte=F("end")),
                name="figure_cache_period_dates",
            ),
        ]
        indexes = [models.Index(fields=["stale", "end"], name="figure_cache_stale")]


class FigureChange(models.Model):
    """Records changed some figures: a log the refresh task reads, marking the rows they make
    stale. Appending (not updating a shared row) keeps concurrent writers from waiting on
    each other."""

    ALL = "*"

    group = models.CharField(max_length=40)  # a FigureSet's group, or ALL
    since = models.DateField(null=True)  # the first day whose figures change; null for any
    at = models.DateTimeField(default=timezone.now)


class PublicBoard(PathFromMixin, models.Model):
    """A read-only page without login for the figures the federation chooses to publish for a
    node: which figures (registry keys as "group.key", "" being the spine's group) and whether
    the calendar of upcoming sessions is shown. District staff edit it."""

    node = models.OneToOneField(Node, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=255, editable=False)
    title = models.CharField(_("标题"), max_length=60)
    figures = models.JSONField(default=list)
    calendar = models.BooleanField(_("显示近期活动日历"), default=True)
    published = models.BooleanField(_("公开"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    path_from = "node"
    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    def __str__(self) -> str:
        return self.title
