"""Money spent on the menu, never negative."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet

from .programmes import Programme
from .venues import Circle


class Funding(PathFromMixin, models.Model):
    """Money spent on a programme in a circle (经费补助、项目补贴、购买服务)."""

    class Kind(models.TextChoices):
        SUBSIDY = "subsidy", _("经费补助")
        PROJECT = "project", _("项目补贴")
        PURCHASE = "purchase", _("购买服务")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="funding")
    circle = models.CharField(_("服务圈"), max_length=10, choices=Circle)
    kind = models.CharField(_("方式"), max_length=10, choices=Kind)
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("经费")
        verbose_name_plural = _("经费")
        default_manager_name = "unscoped"
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="culture_funding_positive")]

    path_from = "programme"
