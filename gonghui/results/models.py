from django.db import models

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
