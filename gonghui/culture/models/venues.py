"""Where culture happens: venues and who runs them, grouped in service circles. Every
record of the module hangs on a node of the tree through `path`."""

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.roles import Role
from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.organizations.models import Node


class Circle(models.TextChoices):
    CORE = "core", _("核心（文化宫）")
    EAST = "east", _("东圈")
    WEST = "west", _("西圈")
    SOUTH = "south", _("南圈")
    NORTH = "north", _("北圈")
    CENTRE = "centre", _("中圈")


class VenueScopedQuerySet(ScopedQuerySet):
    """Back-office roles see their subtree; venue staff see exactly the venues they run
    (and what happens there); members see what they own."""

    venue_lookup = ""  # the way from this model to its Venue; "" for Venue itself

    def visible_to(self, user: Any) -> Self:
        if getattr(user, "role", None) != Role.VENUE_STAFF:
            return super().visible_to(user)
        qs = (
            self._run_by(user) if getattr(user, "is_authenticated", False) and user.is_active else self.none()
        )
        qs._scoped = True
        return qs

    def _run_by(self, user: Any) -> Self:
        """The rows at the venues the user runs."""
        prefix = f"{self.venue_lookup}__" if self.venue_lookup else ""
        return self.filter(**{f"{prefix}staff_links__user": user})


class Venue(PathFromMixin, models.Model):
    class Kind(models.TextChoices):
        CORE = "core", _("文化宫（核心）")
        CIRCLE = "circle", _("文化服务圈")
        BASE = "base", _("文体活动基地")
        POINT = "point", _("文体活动示范点")

    name = models.CharField(_("名称"), max_length=120)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind)
    circle = models.CharField(_("所属服务圈"), max_length=10, choices=Circle)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("所属组织"))
    address = models.CharField(_("地址"), max_length=200, blank=True)
    opening_hours = models.CharField(_("开放时间"), max_length=120, blank=True)
    facilities = models.TextField(_("设施"), blank=True)
    capacity = models.PositiveIntegerField(_("容纳人数"), default=0)
    active = models.BooleanField(_("启用"), default=True)
    # Open from `opened_on` (unknown: open all along) until the day before `closed_on`: the
    # venues of a past day are counted from these.
    opened_on = models.DateField(_("启用日期"), null=True, blank=True)
    closed_on = models.DateField(_("停用日期"), null=True, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = VenueScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("场馆")
        verbose_name_plural = _("场馆")
        default_manager_name = "unscoped"
        ordering = ["circle", "kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opened_on__isnull=True)
                | Q(closed_on__isnull=True)
                | Q(closed_on__gte=F("opened_on")),
                name="culture_venue_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    path_from = "node"


class VenueStaff(models.Model):
    """Who runs a venue: accounts with role VENUE_STAFF."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="staff_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="venue_links")
    since = models.DateField(auto_now_add=True)

    class Meta:
        verbose_name = _("场馆工作人员")
        verbose_name_plural = _("场馆工作人员")
        constraints = [models.UniqueConstraint(fields=["venue", "user"], name="culture_one_staff_link")]
